// WebSocket grants: grantManageConnections and a stage's grantManagementApiAccess to an
// imported role (by ARN), an owned role, an owned user and an imported user, in call order.
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_iam: iam } = cdk;
  const api = new apigwv2.WebSocketApi(stack, 'Api');
  const stage = new apigwv2.WebSocketStage(stack, 'Prod', { webSocketApi: api, stageName: 'prod' });
  const imported = iam.Role.fromRoleArn(stack, 'Imported', 'arn:aws:iam::111111111111:role/notifier');
  const owned = new iam.Role(stack, 'Owned', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const user = new iam.User(stack, 'Operator');
  const importedUser = iam.User.fromUserName(stack, 'ImportedUser', 'ops');
  api.grantManageConnections(imported);
  stage.grantManagementApiAccess(imported);
  api.grantManageConnections(owned);
  stage.grantManagementApiAccess(user);
  api.grantManageConnections(importedUser);
};
