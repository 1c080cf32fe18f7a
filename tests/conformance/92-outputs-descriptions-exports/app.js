// Format rules "Outputs" and "${...} expressions" (CfnOutput description/exportName; Fn.importValue in an HttpUrlIntegration url, alone and inside text; Aws.REGION/Aws.ACCOUNT_ID inside strings; stack description)
module.exports = (stack, cdk) => {
  const apigwv2 = cdk.aws_apigatewayv2;
  const { HttpUrlIntegration } = cdk.aws_apigatewayv2_integrations;

  const api = new apigwv2.HttpApi(stack, 'HttpApi', {
    description: `Orders API in ${cdk.Aws.REGION}`,
  });
  api.addRoutes({
    path: '/orders',
    methods: [apigwv2.HttpMethod.GET],
    integration: new HttpUrlIntegration('OrdersIntegration', cdk.Fn.importValue('OrdersServiceUrl')),
  });
  api.addRoutes({
    path: '/customers',
    methods: [apigwv2.HttpMethod.GET],
    integration: new HttpUrlIntegration('CustomersIntegration', `https://${cdk.Fn.importValue('CustomersHost')}/v1/customers`),
  });

  new cdk.CfnOutput(stack, 'ApiEndpoint', {
    value: api.apiEndpoint,
    description: 'The execute-api endpoint of the orders API',
    exportName: 'OrdersApiEndpoint',
  });
  new cdk.CfnOutput(stack, 'ApiId', {
    value: api.apiId,
    exportName: `orders-api-id-${cdk.Aws.REGION}`,
  });
  new cdk.CfnOutput(stack, 'Where', {
    value: `account ${cdk.Aws.ACCOUNT_ID} region ${cdk.Aws.REGION}`,
    description: 'Where the API is deployed',
  });
  new cdk.CfnOutput(stack, 'Region', { value: cdk.Aws.REGION });
};

module.exports.stackProps = {
  description: 'Orders HTTP API (conformance case 92)',
};
