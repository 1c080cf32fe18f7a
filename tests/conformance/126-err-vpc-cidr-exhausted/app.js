// CDK refuses subnets that do not fit in the VPC's range.
module.exports = (stack, cdk) => {
  const { aws_ec2: ec2 } = cdk;
  new ec2.Vpc(stack, 'Vpc', {
    ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/24'),
    subnetConfiguration: [
      { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 25 },
      { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 25 },
    ],
  });
};
