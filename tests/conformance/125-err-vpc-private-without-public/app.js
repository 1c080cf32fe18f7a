// CDK refuses NAT gateways without public subnets to put them in.
module.exports = (stack, cdk) => {
  const { aws_ec2: ec2 } = cdk;
  new ec2.Vpc(stack, 'Vpc', {
    subnetConfiguration: [{ name: 'App', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 24 }],
  });
};
