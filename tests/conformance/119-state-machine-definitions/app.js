// State machines as CDK users write them: a chain of states with comments (Pass -> Pass ->
// Succeed), a Fail state on a STANDARD machine kept on removal, a definition from a string.
module.exports = (stack, cdk) => {
  const { aws_stepfunctions: sfn } = cdk;
  const fail = new sfn.Fail(stack, 'Oops', { error: 'E1', cause: 'bad', comment: 'c3' });
  const ok = new sfn.Succeed(stack, 'Done', { comment: 'c2' });
  const p = new sfn.Pass(stack, 'Start', { comment: 'c1' });
  new sfn.StateMachine(stack, 'A', { definitionBody: sfn.DefinitionBody.fromChainable(p.next(new sfn.Pass(stack, 'Second')).next(ok)), stateMachineName: 'a-machine' });
  new sfn.StateMachine(stack, 'B', { definitionBody: sfn.DefinitionBody.fromChainable(fail), stateMachineType: sfn.StateMachineType.STANDARD, removalPolicy: cdk.RemovalPolicy.RETAIN });
  new sfn.StateMachine(stack, 'C', { definitionBody: sfn.DefinitionBody.fromString('{"StartAt":"X","States":{"X":{"Type":"Succeed"}}}') });
};
