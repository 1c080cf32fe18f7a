// iam.Policy: statements with several actions, a deny, a sid and conditions, a name; attached
// through the users/roles props and through attachInlinePolicy, to owned and imported principals.
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_iam: iam } = cdk;
  const api = new apigwv2.WebSocketApi(stack, 'Api');
  const user = new iam.User(stack, 'User');
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const imported = iam.Role.fromRoleArn(stack, 'Imported', 'arn:aws:iam::111111111111:role/ops');
  const importedUser = iam.User.fromUserName(stack, 'ImportedUser', 'auditor');
  const invoke = new iam.Policy(stack, 'Invoke', {
    policyName: 'invoke-ws',
    statements: [
      new iam.PolicyStatement({
        actions: ['execute-api:Invoke', 'execute-api:ManageConnections'],
        resources: [cdk.Stack.of(stack).formatArn({ service: 'execute-api', resource: api.apiId, resourceName: '*' })],
      }),
      new iam.PolicyStatement({
        sid: 'NoDelete',
        effect: iam.Effect.DENY,
        actions: ['execute-api:ManageConnections'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
      }),
    ],
    roles: [role],
  });
  user.attachInlinePolicy(invoke);
  const audit = new iam.Policy(stack, 'Audit', {
    statements: [new iam.PolicyStatement({ actions: ['apigateway:GET'], resources: ['*'] })],
  });
  imported.attachInlinePolicy(audit);
  importedUser.attachInlinePolicy(audit);
  role.attachInlinePolicy(audit);
};
