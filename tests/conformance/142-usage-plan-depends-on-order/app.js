// Usage plan DependsOn ordering: construct paths that byte order and String.localeCompare sort
// differently (punctuation, digits, case, '_' and '-' and '.'), several APIs and stages.
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_lambda: lambda } = cdk;
  const { WebSocketLambdaIntegration } = cdk.aws_apigatewayv2_integrations;
  const fn = lambda.Function.fromFunctionArn(stack, 'Handler', 'arn:aws:lambda:us-east-1:111111111111:function:ws');
  const api = new apigwv2.WebSocketApi(stack, 'api');
  const integration = new WebSocketLambdaIntegration('Lambda', fn);
  for (const routeKey of ['$connect', '_private', '-dash', 'a1', 'A1', 'a.b', 'Zeta2', '9lives', 'z', 'B', 'a_b', 'a-b', 'ab']) {
    api.addRoute(routeKey, { integration });
  }
  const other = new apigwv2.WebSocketApi(stack, 'Api-2');
  other.addRoute('$default', { integration: new WebSocketLambdaIntegration('Other', fn) });
  const s1 = new apigwv2.WebSocketStage(stack, 'stage_a', { webSocketApi: api, stageName: 'a' });
  const s2 = new apigwv2.WebSocketStage(stack, 'Stage-b', { webSocketApi: api, stageName: 'b' });
  const s3 = new apigwv2.WebSocketStage(stack, 'Stage.c', { webSocketApi: other, stageName: 'c' });
  const s4 = new apigwv2.WebSocketStage(stack, 'stage1', { webSocketApi: other, stageName: 'd' });
  const plan = new apigwv2.UsagePlan(stack, 'Plan', {
    apiStages: [{ api, stage: s1 }, { api, stage: s2 }, { api: other, stage: s3 }, { stage: s4 }],
  });
  plan.addApiKey(new apigwv2.ApiKey(stack, 'Key'));
};
