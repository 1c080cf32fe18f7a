// Seed README: "Cross Origin Resource Sharing (CORS)" + "Publishing HTTP APIs" (corsPreflight maxAge in hours; createDefaultStage false with api.addStage: a named stage and a $default stage without stageName)
module.exports = (stack, cdk) => {
  const apigwv2 = cdk.aws_apigatewayv2;
  const { HttpUrlIntegration } = cdk.aws_apigatewayv2_integrations;

  const api = new apigwv2.HttpApi(stack, 'HttpApi', {
    createDefaultStage: false,
    corsPreflight: {
      allowOrigins: ['https://example.com'],
      allowMethods: [apigwv2.CorsHttpMethod.GET, apigwv2.CorsHttpMethod.POST],
      allowHeaders: ['Content-Type'],
      maxAge: cdk.Duration.hours(12),
    },
  });
  api.addRoutes({ path: '/books', integration: new HttpUrlIntegration('Books', 'https://books.example.com') });

  const prod = api.addStage('Prod', { stageName: 'prod', autoDeploy: true });
  const main = api.addStage('Main', {});

  new cdk.CfnOutput(stack, 'ProdUrl', { value: prod.url });
  new cdk.CfnOutput(stack, 'MainUrl', { value: main.url });
  new cdk.CfnOutput(stack, 'MainStageName', { value: main.stageName });
};
