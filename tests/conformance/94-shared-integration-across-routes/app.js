// Seed README: "Defining HTTP APIs" (one HttpLambdaIntegration object on three addRoutes calls: the first route owns it, one permission per route; a shared HttpUrlIntegration; node.addDependency between constructs)
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_lambda: lambda } = cdk;
  const { HttpLambdaIntegration, HttpUrlIntegration } = cdk.aws_apigatewayv2_integrations;

  const fn = new lambda.Function(stack, 'BooksFn', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });

  const booksIntegration = new HttpLambdaIntegration('BooksIntegration', fn);
  const legacyIntegration = new HttpUrlIntegration('LegacyIntegration', 'https://legacy.example.com');

  const api = new apigwv2.HttpApi(stack, 'HttpApi');
  api.addRoutes({ path: '/books', methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.POST], integration: booksIntegration });
  api.addRoutes({ path: '/books/{id}', methods: [apigwv2.HttpMethod.DELETE], integration: booksIntegration });
  api.addRoutes({ path: '/legacy/{proxy+}', integration: legacyIntegration });
  api.addRoutes({ path: '/authors', methods: [apigwv2.HttpMethod.GET], integration: booksIntegration });
  api.addRoutes({ path: '/old', methods: [apigwv2.HttpMethod.GET], integration: legacyIntegration });

  const stage = new apigwv2.HttpStage(stack, 'Prod', { httpApi: api, stageName: 'prod' });
  stage.node.addDependency(fn);
  api.node.addDependency(fn);
};
