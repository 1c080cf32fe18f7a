// An owned VPC without NAT gateways (CDK's default groups become public and isolated) in one
// zone, with a name; an internal NLB lands in the isolated subnets; a security group without
// outbound traffic; a VPC link in the isolated subnets used by an NLB integration.
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_ec2: ec2, aws_elasticloadbalancingv2: elbv2 } = cdk;
  const { HttpNlbIntegration } = cdk.aws_apigatewayv2_integrations;
  const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, maxAzs: 1, vpcName: 'edge' });
  const sg = new ec2.SecurityGroup(stack, 'Sg', {
    vpc,
    description: 'link interfaces',
    allowAllOutbound: false,
    securityGroupName: 'link-sg',
  });
  const nlb = new elbv2.NetworkLoadBalancer(stack, 'Nlb', { vpc, loadBalancerName: 'orders' });
  const listener = nlb.addListener('Tcp', { port: 8080, protocol: elbv2.Protocol.TCP });
  listener.addTargets('Orders', { port: 8080 });
  const link = new apigwv2.VpcLink(stack, 'Link', {
    vpc,
    subnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    securityGroups: [sg],
  });
  new apigwv2.HttpApi(stack, 'Api', {
    defaultIntegration: new HttpNlbIntegration('Orders', listener, { vpcLink: link }),
  });
  new cdk.CfnOutput(stack, 'NlbDns', { value: nlb.loadBalancerDnsName });
  new cdk.CfnOutput(stack, 'ListenerArn', { value: listener.listenerArn });
};
