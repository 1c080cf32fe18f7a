// Two usage plan keys given one logical ID with overrideLogicalId (error: CDK refuses the template).
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2 } = cdk;
  const a = new apigwv2.ApiKey(stack, 'A');
  const b = new apigwv2.ApiKey(stack, 'B');
  const plan = new apigwv2.UsagePlan(stack, 'Plan');
  plan.addApiKey(a, { overrideLogicalId: 'SameId' });
  plan.addApiKey(b, { overrideLogicalId: 'SameId' });
};
