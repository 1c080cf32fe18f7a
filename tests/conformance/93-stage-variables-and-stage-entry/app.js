// Seed README: "Publishing HTTP APIs" (HttpStage with stageVariables + addStageVariable, throttle with rateLimit only, detailedMetricsEnabled true, a numeric-looking stageName '1.10'; stage urls and defaultStage.stageName)
module.exports = (stack, cdk) => {
  const apigwv2 = cdk.aws_apigatewayv2;
  const { HttpUrlIntegration } = cdk.aws_apigatewayv2_integrations;

  const api = new apigwv2.HttpApi(stack, 'HttpApi', {
    defaultIntegration: new HttpUrlIntegration('Backend', 'https://${stageVariables.backendHost}/api'),
  });

  const v110 = new apigwv2.HttpStage(stack, 'V110', {
    httpApi: api,
    stageName: '1.10',
    autoDeploy: true,
    throttle: { rateLimit: 25.5 },
    detailedMetricsEnabled: true,
    stageVariables: { backendHost: 'v110.example.com', retries: '3' },
  });
  v110.addStageVariable('release', '1.10.0');
  v110.addStageVariable('empty', '');

  const canary = new apigwv2.HttpStage(stack, 'Canary', {
    httpApi: api,
    stageName: 'canary',
    throttle: { burstLimit: 10 },
  });
  canary.addStageVariable('backendHost', 'canary.example.com');

  new cdk.CfnOutput(stack, 'V110Url', { value: v110.url });
  new cdk.CfnOutput(stack, 'V110Name', { value: v110.stageName });
  new cdk.CfnOutput(stack, 'CanaryUrl', { value: canary.url });
  new cdk.CfnOutput(stack, 'DefaultStageName', { value: api.defaultStage.stageName });
  new cdk.CfnOutput(stack, 'DefaultStageUrl', { value: api.defaultStage.url });
};
