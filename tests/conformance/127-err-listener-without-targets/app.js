// CDK refuses a listener without a default action.
module.exports = (stack, cdk) => {
  const { aws_ec2: ec2, aws_elasticloadbalancingv2: elbv2 } = cdk;
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    privateSubnetIds: ['subnet-0a000000000000001', 'subnet-0a000000000000002'],
  });
  const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc });
  alb.addListener('Web', { port: 80 });
};
