// API keys end to end: a WebSocket API reading keys from the authorizer's usage identifier, routes
// requiring a key through connectRouteOptions and addRoute (one also returning responses, one
// explicitly not requiring a key), a stage, a rate-limited key and a plan with its keys.
module.exports = (stack, cdk) => {
  const apigwv2 = cdk.aws_apigatewayv2;
  const { WebSocketMockIntegration } = cdk.aws_apigatewayv2_integrations;
  const api = new apigwv2.WebSocketApi(stack, 'Chat', {
    apiKeySelectionExpression: apigwv2.WebSocketApiKeySelectionExpression.AUTHORIZER_USAGE_IDENTIFIER_KEY,
    connectRouteOptions: { integration: new WebSocketMockIntegration('Connect'), apiKeyRequired: true },
  });
  api.addRoute('send', { integration: new WebSocketMockIntegration('Send'), apiKeyRequired: true, returnResponse: true });
  api.addRoute('ping', { integration: new WebSocketMockIntegration('Ping'), apiKeyRequired: false });
  const stage = new apigwv2.WebSocketStage(stack, 'Live', { webSocketApi: api, stageName: 'live', autoDeploy: true });
  const trial = new apigwv2.RateLimitedApiKey(stack, 'Trial', {
    apiKeyName: 'trial',
    apiStages: [{ api, stage }],
    throttle: { rateLimit: 1, burstLimit: 1 },
    quota: { limit: 50, period: apigwv2.Period.DAY, offset: 0 },
  });
  const plan = new apigwv2.UsagePlan(stack, 'Paid', { apiStages: [{ stage }] });
  plan.addApiKey(trial, { overrideLogicalId: 'PaidTrialKey' });
  plan.addApiKey(new apigwv2.ApiKey(stack, 'Customer', { customerId: 'c-9' }));
  new cdk.CfnOutput(stack, 'TrialArn', { value: trial.keyArn });
};
