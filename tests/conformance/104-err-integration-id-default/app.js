// Seed README: "Defining HTTP APIs" (error: an integration with the id 'Default' gets the same logical ID as the route that owns it)
module.exports = (stack, cdk) => {
  const apigwv2 = cdk.aws_apigatewayv2;
  const { HttpUrlIntegration } = cdk.aws_apigatewayv2_integrations;

  const api = new apigwv2.HttpApi(stack, 'HttpApi');
  api.addRoutes({
    path: '/books',
    methods: [apigwv2.HttpMethod.GET],
    integration: new HttpUrlIntegration('Default', 'https://example.com'),
  });
};
