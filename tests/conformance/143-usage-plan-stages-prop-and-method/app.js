// Usage plans: apiStages (DependsOn on the API and stage) beside addApiStage (no DependsOn), an
// api-only stage entry (ignored in ApiStages), quota offset, a rate-limited key with apiStages only.
module.exports = (stack, cdk) => {
  const apigwv2 = cdk.aws_apigatewayv2;
  const api = new apigwv2.WebSocketApi(stack, 'Api', {
    apiKeySelectionExpression: apigwv2.WebSocketApiKeySelectionExpression.HEADER_X_API_KEY,
  });
  const prod = new apigwv2.WebSocketStage(stack, 'Prod', { webSocketApi: api, stageName: 'prod' });
  const dev = new apigwv2.WebSocketStage(stack, 'Dev', { webSocketApi: api, stageName: 'dev' });
  const plan = new apigwv2.UsagePlan(stack, 'Plan', {
    usagePlanName: 'mixed',
    apiStages: [{ api, stage: prod }, { api }],
    quota: { limit: 700, offset: 2, period: apigwv2.Period.WEEK },
    throttle: { burstLimit: 10, rateLimit: 2.5 },
  });
  plan.addApiStage({ api, stage: dev });
  new apigwv2.RateLimitedApiKey(stack, 'DevKey', { apiStages: [{ stage: dev }], customerId: 'c-1', generateDistinctId: true });
  new cdk.CfnOutput(stack, 'PlanId', { value: plan.usagePlanId });
};
