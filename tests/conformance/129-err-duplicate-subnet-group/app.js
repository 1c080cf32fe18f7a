// Two subnet groups with one name: their subnets get one construct id.
module.exports = (stack, cdk) => {
  const { aws_ec2: ec2 } = cdk;
  new ec2.Vpc(stack, 'Vpc', {
    subnetConfiguration: [
      { name: 'Front', subnetType: ec2.SubnetType.PUBLIC },
      { name: 'Front', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    ],
  });
};
