// An owned VPC with its own range, subnet groups with masks (public, private with egress,
// isolated taking the rest, a reserved group), one NAT gateway, and a VPC link in the
// isolated subnets with an owned security group; an internet-facing ALB with deletion
// protection placed in the private subnets (it waits for their routes).
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_ec2: ec2, aws_elasticloadbalancingv2: elbv2 } = cdk;
  const vpc = new ec2.Vpc(stack, 'Network', {
    ipAddresses: ec2.IpAddresses.cidr('10.1.0.0/16'),
    maxAzs: 2,
    natGateways: 1,
    subnetConfiguration: [
      { name: 'Ingress', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
      { name: 'Spare', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, reserved: true },
      { name: 'Application', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
      { name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    ],
  });
  const sg = new ec2.SecurityGroup(stack, 'LinkSg', { vpc });
  const link = new apigwv2.VpcLink(stack, 'Link', {
    vpc,
    subnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    securityGroups: [sg],
  });
  const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', {
    vpc,
    internetFacing: true,
    deletionProtection: true,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
  });
  alb.addListener('Web', { port: 80, defaultAction: elbv2.ListenerAction.fixedResponse(200, { messageBody: 'ok' }) });
  new cdk.CfnOutput(stack, 'VpcId', { value: vpc.vpcId });
  new cdk.CfnOutput(stack, 'SgId', { value: sg.securityGroupId });
  new cdk.CfnOutput(stack, 'LinkId', { value: link.vpcLinkId });
};
