// CDK refuses one key attribute with two types (the partition key a string, the sort key a number).
module.exports = (stack, cdk) => {
  const { aws_dynamodb: dynamodb } = cdk;
  new dynamodb.Table(stack, 'Table', {
    partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'id', type: dynamodb.AttributeType.NUMBER },
  });
};
