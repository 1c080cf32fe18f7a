// WebSocket authorizers and integration options: WebSocketIamAuthorizer on $connect (added
// with addRoute), a Lambda integration with timeout and contentHandling, and a
// WebSocketLambdaAuthorizer on an imported function (CDK adds no permission for it).
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_lambda: lambda } = cdk;
  const { WebSocketIamAuthorizer, WebSocketLambdaAuthorizer } = cdk.aws_apigatewayv2_authorizers;
  const { WebSocketLambdaIntegration, WebSocketMockIntegration } = cdk.aws_apigatewayv2_integrations;
  const handler = new lambda.Function(stack, 'Handler', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
  const api = new apigwv2.WebSocketApi(stack, 'Api', {
    routeSelectionExpression: '$request.body.type',
    disableSchemaValidation: true,
    ipAddressType: apigwv2.IpAddressType.DUAL_STACK,
    description: 'chat',
  });
  api.addRoute('$connect', {
    integration: new WebSocketLambdaIntegration('Connect', handler, {
      timeout: cdk.Duration.seconds(10),
      contentHandling: apigwv2.ContentHandling.CONVERT_TO_TEXT,
    }),
    authorizer: new WebSocketIamAuthorizer(),
  });
  api.addRoute('ping', {
    integration: new WebSocketMockIntegration('Ping', { templateSelectionExpression: '\\$default' }),
    returnResponse: true,
  });
  new apigwv2.WebSocketStage(stack, 'Prod', {
    webSocketApi: api,
    stageName: 'prod',
    autoDeploy: true,
    throttle: { rateLimit: 50, burstLimit: 20 },
    detailedMetricsEnabled: true,
    description: 'production',
  });
  const shared = lambda.Function.fromFunctionArn(stack, 'SharedAuth', 'arn:aws:lambda:us-east-1:222222222222:function:auth');
  const other = new apigwv2.WebSocketApi(stack, 'Other', {
    connectRouteOptions: {
      integration: new WebSocketMockIntegration('Accept'),
      authorizer: new WebSocketLambdaAuthorizer('Shared', shared),
    },
  });
  new cdk.CfnOutput(stack, 'ConnectArn', { value: api.arnForExecuteApiV2('$connect', 'prod') });
  new cdk.CfnOutput(stack, 'AnyArn', { value: other.arnForExecuteApiV2() });
};
