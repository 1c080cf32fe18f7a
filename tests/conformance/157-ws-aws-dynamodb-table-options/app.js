// Tables and the AWS WebSocket integration beyond the shared case: every modelled table option
// (on-demand, sort key, TTL, point-in-time recovery, stream, deletion protection, explicit
// PROVISIONED capacity, removal policy), imported tables, each grant to a function, a user and an
// imported role, in call order; a WebSocketAwsIntegration on an imported API (a WebSocketRoute
// entry) and one shared by two routes of an owned API with returnResponse.
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_dynamodb: dynamodb, aws_iam: iam, aws_lambda: lambda } = cdk;
  const { WebSocketAwsIntegration } = cdk.aws_apigatewayv2_integrations;

  const items = new dynamodb.Table(stack, 'Items', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'sk', type: dynamodb.AttributeType.NUMBER },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    tableName: 'items',
    removalPolicy: cdk.RemovalPolicy.DESTROY,
    timeToLiveAttribute: 'expires',
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 7 },
    stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
    deletionProtection: true,
  });
  const counters = new dynamodb.Table(stack, 'Counters', {
    partitionKey: { name: 'id', type: dynamodb.AttributeType.BINARY },
    billingMode: dynamodb.BillingMode.PROVISIONED,
    readCapacity: 3,
    writeCapacity: 7,
    removalPolicy: cdk.RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
  });
  const byName = dynamodb.Table.fromTableName(stack, 'ByName', 'legacy');
  const byArn = dynamodb.Table.fromTableArn(stack, 'ByArn', 'arn:aws:dynamodb:eu-west-1:123456789012:table/audit');

  const fn = new lambda.Function(stack, 'Handler', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
  const user = new iam.User(stack, 'Operator');
  const role = new iam.Role(stack, 'ApiRole', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
  const importedRole = iam.Role.fromRoleArn(stack, 'Imported', 'arn:aws:iam::123456789012:role/ops');

  items.grantReadData(fn);
  counters.grantReadWriteData(fn);
  items.grantFullAccess(user);
  byName.grantReadData(user);
  byArn.grantWriteData(user);
  counters.grantWriteData(importedRole);
  items.grantReadWriteData(role);

  const imported = apigwv2.WebSocketApi.fromWebSocketApiAttributes(stack, 'Existing', { webSocketId: 'api-1234' });
  new apigwv2.WebSocketRoute(stack, 'GetRoute', {
    webSocketApi: imported,
    routeKey: 'get',
    integration: new WebSocketAwsIntegration('GetItem', {
      integrationUri: `arn:aws:apigateway:${stack.region}:dynamodb:action/GetItem`,
      integrationMethod: 'POST',
      credentialsRole: role,
      passthroughBehavior: apigwv2.PassthroughBehavior.WHEN_NO_TEMPLATES,
      contentHandling: apigwv2.ContentHandling.CONVERT_TO_BINARY,
      requestTemplates: { 'application/json': `{"TableName":"${items.tableName}","Key":{"pk":{"S":"$input.path('$.id')"}}}` },
    }),
  });

  const api = new apigwv2.WebSocketApi(stack, 'Api');
  const put = new WebSocketAwsIntegration('PutCounter', {
    integrationUri: `arn:aws:apigateway:${stack.region}:dynamodb:action/PutItem`,
    integrationMethod: apigwv2.HttpMethod.POST,
    credentialsRole: role,
    passthroughBehavior: apigwv2.PassthroughBehavior.WHEN_NO_MATCH,
    timeout: cdk.Duration.millis(500),
    requestTemplates: { 'application/json': `{"TableName":"${counters.tableName}"}` },
  });
  api.addRoute('put', { integration: put, returnResponse: true });
  api.addRoute('$default', { integration: put });

  new cdk.CfnOutput(stack, 'StreamArn', { value: items.tableStreamArn });
  new cdk.CfnOutput(stack, 'ItemsArn', { value: items.tableArn });
  new cdk.CfnOutput(stack, 'AuditName', { value: byArn.tableName });
  new cdk.CfnOutput(stack, 'LegacyArn', { value: byName.tableArn });
};
