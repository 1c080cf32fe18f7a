// An identity-based policy statement without resources.
module.exports = (stack, cdk) => {
  const { aws_iam: iam } = cdk;
  const user = new iam.User(stack, 'User');
  new iam.Policy(stack, 'NoResource', {
    statements: [new iam.PolicyStatement({ actions: ['sqs:SendMessage'] })],
    users: [user],
  });
};
