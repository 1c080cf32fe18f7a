// API key grants: grantRead, grantWrite and grantReadWrite to an imported role (CDK adds a Policy
// under the imported role), an owned function's role and a user, in call order.
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_iam: iam, aws_lambda: lambda } = cdk;
  const imported = iam.Role.fromRoleArn(stack, 'OpsRole', 'arn:aws:iam::123456789012:role/ops');
  const fn = new lambda.Function(stack, 'Rotator', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
  });
  const user = new iam.User(stack, 'Auditor');
  const key = new apigwv2.ApiKey(stack, 'Key');
  const limited = new apigwv2.RateLimitedApiKey(stack, 'Limited', { quota: { limit: 100, period: apigwv2.Period.MONTH } });
  key.grantRead(imported);
  key.grantWrite(imported);
  limited.grantReadWrite(imported);
  key.grantReadWrite(fn);
  limited.grantRead(fn);
  apigwv2.ApiKey.fromApiKeyId(stack, 'Old', 'old-key-id').grantRead(user);
};
