// A table billed per request may not set capacity.
module.exports = (stack, cdk) => {
  const { aws_dynamodb: dynamodb } = cdk;
  new dynamodb.Table(stack, 'Orders', {
    partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    readCapacity: 5,
  });
};
