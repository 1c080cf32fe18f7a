// Format rule "Outputs" (error: a CfnOutput with the id 'HttpApi' in a stack that already has a construct 'HttpApi')
module.exports = (stack, cdk) => {
  const apigwv2 = cdk.aws_apigatewayv2;

  const api = new apigwv2.HttpApi(stack, 'HttpApi');
  new cdk.CfnOutput(stack, 'HttpApi', { value: api.apiEndpoint });
};
