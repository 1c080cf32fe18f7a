// A policy attached to no principal.
module.exports = (stack, cdk) => {
  const { aws_iam: iam } = cdk;
  new iam.Policy(stack, 'Lonely', {
    statements: [new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] })],
  });
};
