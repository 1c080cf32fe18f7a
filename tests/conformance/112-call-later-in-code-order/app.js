// Seed README: "Publishing HTTP APIs" + "Defining HTTP APIs" (methods called on an entry after later entries were created: addStage, then a Function, then addRoutes, then addStageVariable on the stage, then a second addRoutes reusing the same integration object)
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_lambda: lambda } = cdk;
  const { HttpLambdaIntegration } = cdk.aws_apigatewayv2_integrations;

  const api = new apigwv2.HttpApi(stack, 'Api', { createDefaultStage: false });
  const beta = api.addStage('beta', { stageName: 'beta' });

  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });

  const itemsIntegration = new HttpLambdaIntegration('Items', fn);
  api.addRoutes({ path: '/items', methods: [apigwv2.HttpMethod.GET], integration: itemsIntegration });

  beta.addStageVariable('color', 'blue');

  api.addRoutes({ path: '/more', integration: itemsIntegration });
};
