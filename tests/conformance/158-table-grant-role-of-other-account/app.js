// A grant on an owned table to a role of another account than the stack's (known): CDK imports
// the role immutable, so its policy gets nothing, and the grant goes to the table's resource
// policy instead (Grant.addToPrincipalOrResource).
module.exports = (stack, cdk) => {
  const { aws_dynamodb: dynamodb, aws_iam: iam } = cdk;
  const table = new dynamodb.Table(stack, 'Table', {
    partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
  });
  const other = iam.Role.fromRoleArn(stack, 'Other', 'arn:aws:iam::222222222222:role/reader');
  table.grantReadData(other);
};
module.exports.stackProps = { env: { account: '111111111111', region: 'eu-west-1' } };
