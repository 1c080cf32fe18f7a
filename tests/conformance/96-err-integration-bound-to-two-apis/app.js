// Seed README: "Defining HTTP APIs" (error: one integration object used by routes of two different HttpApis)
module.exports = (stack, cdk) => {
  const apigwv2 = cdk.aws_apigatewayv2;
  const { HttpUrlIntegration } = cdk.aws_apigatewayv2_integrations;

  const shared = new HttpUrlIntegration('SharedIntegration', 'https://books.example.com');

  const publicApi = new apigwv2.HttpApi(stack, 'PublicApi');
  publicApi.addRoutes({ path: '/books', methods: [apigwv2.HttpMethod.GET], integration: shared });

  const adminApi = new apigwv2.HttpApi(stack, 'AdminApi');
  adminApi.addRoutes({ path: '/books', methods: [apigwv2.HttpMethod.POST], integration: shared });
};
