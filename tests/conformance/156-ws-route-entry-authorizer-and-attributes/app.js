// WebSocketRoute entries: $connect with a WebSocketLambdaAuthorizer, a plain route, and their
// routeId / routeKey as outputs.
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_lambda: lambda } = cdk;
  const { WebSocketLambdaIntegration } = cdk.aws_apigatewayv2_integrations;
  const { WebSocketLambdaAuthorizer } = cdk.aws_apigatewayv2_authorizers;
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
  const api = new apigwv2.WebSocketApi(stack, 'Api');
  const connect = new apigwv2.WebSocketRoute(stack, 'Connect', {
    webSocketApi: api,
    routeKey: '$connect',
    integration: new WebSocketLambdaIntegration('ConnectIntegration', fn),
    authorizer: new WebSocketLambdaAuthorizer('Auth', fn, { identitySource: ['route.request.querystring.token'] }),
  });
  const send = new apigwv2.WebSocketRoute(stack, 'Send', {
    webSocketApi: api,
    routeKey: 'send',
    integration: new WebSocketLambdaIntegration('SendIntegration', fn),
  });
  new cdk.CfnOutput(stack, 'ConnectRouteId', { value: connect.routeId });
  new cdk.CfnOutput(stack, 'SendRouteKey', { value: send.routeKey });
};
