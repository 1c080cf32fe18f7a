// Seed README: "Defining HTTP APIs" + "WebSocket API" (apiName built from Aws.STACK_NAME / Aws.REGION tokens on an HttpApi and a WebSocketApi; httpApiName/webSocketApiName outputs)
module.exports = (stack, cdk) => {
  const apigwv2 = cdk.aws_apigatewayv2;

  const httpApi = new apigwv2.HttpApi(stack, 'HttpApi', {
    apiName: `${cdk.Aws.STACK_NAME}-http`,
  });
  const wsApi = new apigwv2.WebSocketApi(stack, 'WsApi', {
    apiName: `chat-${cdk.Aws.REGION}`,
  });

  new cdk.CfnOutput(stack, 'HttpApiName', { value: httpApi.httpApiName });
  new cdk.CfnOutput(stack, 'WsApiName', { value: wsApi.webSocketApiName });
};
