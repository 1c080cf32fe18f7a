// Seed README: "WebSocket API" (one owned handler on $connect/$disconnect/$default props with returnResponse/apiKeyRequired; addRoute with returnResponse; one integration shared by two routes; WebSocketStage description/throttle/stageVariables; url/callbackUrl/apiEndpoint/arnForExecuteApiV2 outputs)
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_lambda: lambda } = cdk;
  const { WebSocketLambdaIntegration } = cdk.aws_apigatewayv2_integrations;

  const handler = new lambda.Function(stack, 'WsHandler', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });

  const api = new apigwv2.WebSocketApi(stack, 'ChatApi', {
    apiName: 'chat',
    connectRouteOptions: {
      integration: new WebSocketLambdaIntegration('ConnectIntegration', handler),
      apiKeyRequired: true,
    },
    disconnectRouteOptions: { integration: new WebSocketLambdaIntegration('DisconnectIntegration', handler) },
    defaultRouteOptions: {
      integration: new WebSocketLambdaIntegration('DefaultIntegration', handler),
      returnResponse: true,
    },
  });

  const messages = new WebSocketLambdaIntegration('MessagesIntegration', handler);
  api.addRoute('sendmessage', { integration: messages, returnResponse: true });
  api.addRoute('editmessage', { integration: messages });

  const stage = new apigwv2.WebSocketStage(stack, 'Prod', {
    webSocketApi: api,
    stageName: 'prod',
    description: 'Production chat stage',
    autoDeploy: true,
    throttle: { rateLimit: 100, burstLimit: 50 },
    stageVariables: { room: 'lobby' },
  });

  new cdk.CfnOutput(stack, 'Url', { value: stage.url });
  new cdk.CfnOutput(stack, 'CallbackUrl', { value: stage.callbackUrl });
  new cdk.CfnOutput(stack, 'ApiEndpoint', { value: api.apiEndpoint });
  new cdk.CfnOutput(stack, 'AllArn', { value: api.arnForExecuteApiV2() });
  new cdk.CfnOutput(stack, 'ConnectArn', { value: api.arnForExecuteApiV2('$connect') });
  new cdk.CfnOutput(stack, 'ProdArn', { value: api.arnForExecuteApiV2(undefined, 'prod') });
  new cdk.CfnOutput(stack, 'SendArn', { value: api.arnForExecuteApiV2('sendmessage', 'prod') });
};
