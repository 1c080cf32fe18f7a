// Integrations README: "Lambda" (error: an owned Function's timeout of Duration.millis(1500) is not a whole number of seconds)
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_lambda: lambda } = cdk;
  const { HttpLambdaIntegration } = cdk.aws_apigatewayv2_integrations;

  const fn = new lambda.Function(stack, 'BooksFn', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    timeout: cdk.Duration.millis(1500),
  });

  new apigwv2.HttpApi(stack, 'HttpApi', {
    defaultIntegration: new HttpLambdaIntegration('BooksIntegration', fn),
  });
};
