// Log group options: a name, infinite retention, removal policies, an import by ARN; access log
// attributes as outputs; a WebSocket stage with an explicit clf format.
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_apigateway: apigw, aws_logs: logs } = cdk;
  const named = new logs.LogGroup(stack, 'Named', {
    logGroupName: '/aws/apigateway/books',
    retention: logs.RetentionDays.INFINITE,
    removalPolicy: cdk.RemovalPolicy.DESTROY,
  });
  const kept = new logs.LogGroup(stack, 'Kept', {
    retention: logs.RetentionDays.THREE_MONTHS,
    removalPolicy: cdk.RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
  });
  const imported = logs.LogGroup.fromLogGroupArn(stack, 'Imported',
    'arn:aws:logs:eu-west-1:111111111111:log-group:/shared/access:*');
  const api = new apigwv2.HttpApi(stack, 'Api', { createDefaultStage: false });
  api.addStage('a', { stageName: 'a', accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(named) } });
  api.addStage('b', { stageName: 'b', accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(kept), format: apigw.AccessLogFormat.jsonWithStandardFields() } });
  api.addStage('c', { stageName: 'c', accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(imported) } });
  const ws = new apigwv2.WebSocketApi(stack, 'Ws');
  new apigwv2.WebSocketStage(stack, 'WsStage', { webSocketApi: ws, stageName: 'dev', accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(kept), format: apigw.AccessLogFormat.clf() } });
  new cdk.CfnOutput(stack, 'NamedName', { value: named.logGroupName });
  new cdk.CfnOutput(stack, 'NamedArn', { value: named.logGroupArn });
  new cdk.CfnOutput(stack, 'ImportedName', { value: imported.logGroupName });
  new cdk.CfnOutput(stack, 'ImportedArn', { value: imported.logGroupArn });
};
