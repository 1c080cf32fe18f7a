// Integrations README: "Lambda Integration Permissions" (480 routes sharing one HttpLambdaIntegration with scopePermissionToRoute: false: one shared Lambda permission keeps the stack under the 500-resource limit)
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_lambda: lambda } = cdk;
  const { HttpLambdaIntegration } = cdk.aws_apigatewayv2_integrations;

  const fn = new lambda.Function(stack, 'Handler', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
  const integration = new HttpLambdaIntegration('Shared', fn, { scopePermissionToRoute: false });

  const api = new apigwv2.HttpApi(stack, 'HttpApi');
  for (let i = 0; i < 480; i++) {
    api.addRoutes({ path: `/r${i}`, methods: [apigwv2.HttpMethod.GET], integration });
  }
};
