// The children a RateLimitedApiKey creates, reached by path: its plan (`Trial/UsagePlanResource`)
// gets another key and is an output, its inner key (`Trial/Resource`) is added to another plan.
module.exports = (stack, cdk) => {
  const apigwv2 = cdk.aws_apigatewayv2;
  const { WebSocketMockIntegration } = cdk.aws_apigatewayv2_integrations;
  const api = new apigwv2.WebSocketApi(stack, 'Chat', {
    apiKeySelectionExpression: apigwv2.WebSocketApiKeySelectionExpression.HEADER_X_API_KEY,
    connectRouteOptions: { integration: new WebSocketMockIntegration('Connect'), apiKeyRequired: true },
  });
  const stage = new apigwv2.WebSocketStage(stack, 'Live', { webSocketApi: api, stageName: 'live' });
  const trial = new apigwv2.RateLimitedApiKey(stack, 'Trial', {
    apiStages: [{ stage }],
    throttle: { rateLimit: 1, burstLimit: 2 },
  });
  const trialPlan = trial.node.findChild('UsagePlanResource');
  trialPlan.addApiKey(new apigwv2.ApiKey(stack, 'Extra', { customerId: 'extra' }));
  const inner = trial.node.findChild('Resource');
  const paid = new apigwv2.UsagePlan(stack, 'Paid', { usagePlanName: 'paid' });
  paid.addApiKey(inner);
  new cdk.CfnOutput(stack, 'TrialPlanId', { value: trialPlan.usagePlanId });
  new cdk.CfnOutput(stack, 'TrialInnerKeyId', { value: inner.keyId });
};
