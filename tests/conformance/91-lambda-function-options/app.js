// Integrations README: "Lambda" (owned Function with description, functionName, environment, memorySize, timeout in minutes, a Python runtime; HttpLambdaIntegration as defaultIntegration: permission for the $default route)
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_lambda: lambda } = cdk;
  const { HttpLambdaIntegration } = cdk.aws_apigatewayv2_integrations;

  const fn = new lambda.Function(stack, 'PyFn', {
    runtime: lambda.Runtime.PYTHON_3_12,
    handler: 'index.handler',
    code: lambda.Code.fromInline('def handler(event, context):\n    return {"statusCode": 200}\n'),
    description: 'Catch-all Python handler',
    functionName: 'catch-all-handler',
    environment: { TABLE_NAME: 'books', LOG_LEVEL: 'DEBUG' },
    memorySize: 512,
    timeout: cdk.Duration.minutes(2),
  });

  const api = new apigwv2.HttpApi(stack, 'HttpApi', {
    defaultIntegration: new HttpLambdaIntegration('DefaultIntegration', fn),
  });

  new cdk.CfnOutput(stack, 'FnName', { value: fn.functionName });
  new cdk.CfnOutput(stack, 'ApiUrl', { value: api.url });
};
