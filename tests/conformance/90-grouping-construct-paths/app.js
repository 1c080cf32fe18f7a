// Format rule "The stack and construct paths" (a plain Construct as grouping node: HttpApi, Function, HttpStage and integrations under it; url/arn outputs)
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_lambda: lambda } = cdk;
  const { HttpLambdaIntegration, HttpUrlIntegration } = cdk.aws_apigatewayv2_integrations;
  const { Construct } = require.main.require('constructs'); // resolved from synth.js's node_modules

  const group = new Construct(stack, 'Api');

  const fn = new lambda.Function(group, 'Fn', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });

  const api = new apigwv2.HttpApi(group, 'Http');
  api.addRoutes({
    path: '/items/{id}',
    methods: [apigwv2.HttpMethod.GET],
    integration: new HttpLambdaIntegration('ItemsIntegration', fn),
  });
  api.addRoutes({
    path: '/proxy',
    integration: new HttpUrlIntegration('ProxyIntegration', 'https://example.com/proxy'),
  });

  const beta = new apigwv2.HttpStage(group, 'Beta', { httpApi: api, stageName: 'beta', autoDeploy: true });

  new cdk.CfnOutput(stack, 'ApiUrl', { value: api.url });
  new cdk.CfnOutput(stack, 'BetaUrl', { value: beta.url });
  new cdk.CfnOutput(stack, 'ItemsArn', { value: api.arnForExecuteApi('GET', '/items/{id}', 'beta') });
  new cdk.CfnOutput(stack, 'FnArn', { value: fn.functionArn });
};
