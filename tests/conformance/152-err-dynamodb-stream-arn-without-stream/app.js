// The stream ARN of a table without a stream.
module.exports = (stack, cdk) => {
  const { aws_dynamodb: dynamodb } = cdk;
  const t = new dynamodb.Table(stack, 'Orders', {
    partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
  });
  new cdk.CfnOutput(stack, 'Stream', { value: t.tableStreamArn });
};
