// API key grants to imported roles in a stack with an explicit account: a role of the stack's
// account gets CDK's Policy, a role of another account gets nothing (CDK imports it immutable).
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_iam: iam } = cdk;
  const own = iam.Role.fromRoleArn(stack, 'Own', 'arn:aws:iam::111111111111:role/own');
  const other = iam.Role.fromRoleArn(stack, 'Other', 'arn:aws:iam::222222222222:role/other');
  const key = new apigwv2.ApiKey(stack, 'Key', { description: 'partner' });
  key.grantRead(own);
  key.grantReadWrite(other);
};
module.exports.stackProps = { env: { account: '111111111111', region: 'eu-west-1' } };
