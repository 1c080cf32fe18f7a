// Integrations README: "Lambda" (Function.fromFunctionArn with a literal ARN, an Fn.importValue ARN and an ARN built from Aws.REGION/Aws.ACCOUNT_ID in an env stack: only the literal same-account one gets a permission; functionName of each)
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_lambda: lambda } = cdk;
  const { HttpLambdaIntegration } = cdk.aws_apigatewayv2_integrations;

  const literal = lambda.Function.fromFunctionArn(stack, 'LiteralFn',
    'arn:aws:lambda:us-east-1:111111111111:function:books');
  const imported = lambda.Function.fromFunctionArn(stack, 'ExportedFn', cdk.Fn.importValue('AuthorsFnArn'));
  const built = lambda.Function.fromFunctionArn(stack, 'BuiltFn',
    `arn:aws:lambda:${cdk.Aws.REGION}:${cdk.Aws.ACCOUNT_ID}:function:orders`);

  const api = new apigwv2.HttpApi(stack, 'HttpApi');
  api.addRoutes({ path: '/books', methods: [apigwv2.HttpMethod.GET], integration: new HttpLambdaIntegration('Books', literal) });
  api.addRoutes({ path: '/authors', methods: [apigwv2.HttpMethod.GET], integration: new HttpLambdaIntegration('Authors', imported) });
  api.addRoutes({ path: '/orders', methods: [apigwv2.HttpMethod.GET], integration: new HttpLambdaIntegration('Orders', built) });

  new cdk.CfnOutput(stack, 'LiteralName', { value: literal.functionName });
  new cdk.CfnOutput(stack, 'ExportedName', { value: imported.functionName });
  new cdk.CfnOutput(stack, 'ExportedArn', { value: imported.functionArn });
  new cdk.CfnOutput(stack, 'BuiltName', { value: built.functionName });
};

module.exports.stackProps = {
  env: { account: '111111111111', region: 'us-east-1' },
};
