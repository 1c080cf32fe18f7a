// Format rule "${...} expressions" (a Function with the construct id 'Fn', as many CDK examples name it: ${Fn.functionArn} must refer to the entry, since the head is the longest entry path)
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_lambda: lambda } = cdk;
  const { HttpLambdaIntegration } = cdk.aws_apigatewayv2_integrations;

  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });

  new apigwv2.HttpApi(stack, 'HttpApi', {
    defaultIntegration: new HttpLambdaIntegration('FnIntegration', fn),
  });

  new cdk.CfnOutput(stack, 'FnArn', { value: fn.functionArn });
  new cdk.CfnOutput(stack, 'FnName', { value: fn.functionName });
};
