// DynamoDB tables with their options and grants (to a role and to a function's role), their
// attributes as outputs, and a WebSocket AWS integration with only its required props.
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_dynamodb: dynamodb, aws_iam: iam, aws_lambda: lambda } = cdk;
  const { WebSocketAwsIntegration } = cdk.aws_apigatewayv2_integrations;
  const orders = new dynamodb.Table(stack, 'Orders', {
    partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'createdAt', type: dynamodb.AttributeType.NUMBER },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    tableName: 'orders',
    removalPolicy: cdk.RemovalPolicy.DESTROY,
    timeToLiveAttribute: 'expiresAt',
    stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
  });
  const plain = new dynamodb.Table(stack, 'Plain', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.BINARY },
    readCapacity: 10,
    writeCapacity: 2,
  });
  const role = new iam.Role(stack, 'ApiRole', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
  orders.grantReadData(role);
  plain.grantReadWriteData(role);
  orders.grantWriteData(role);
  const fn = new lambda.Function(stack, 'Reader', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({});'),
  });
  plain.grantReadData(fn);
  orders.grantFullAccess(fn);
  const api = new apigwv2.WebSocketApi(stack, 'Ws');
  api.addRoute('put', {
    integration: new WebSocketAwsIntegration('Put', {
      integrationUri: `arn:aws:apigateway:${stack.region}:dynamodb:action/PutItem`,
      integrationMethod: apigwv2.HttpMethod.POST,
    }),
  });
  new cdk.CfnOutput(stack, 'OrdersName', { value: orders.tableName });
  new cdk.CfnOutput(stack, 'OrdersArn', { value: orders.tableArn });
  new cdk.CfnOutput(stack, 'OrdersStream', { value: orders.tableStreamArn });
};
