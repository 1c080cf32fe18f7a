// Private integrations with imported listeners: an NLB integration with a method, a TLS server
// name, a timeout and a parameter mapping; an ALB integration through a link added to the API
// (addVpcLink) with the default name and private subnets.
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_ec2: ec2, aws_elasticloadbalancingv2: elbv2 } = cdk;
  const { HttpNlbIntegration, HttpAlbIntegration } = cdk.aws_apigatewayv2_integrations;
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    privateSubnetIds: ['subnet-0a000000000000001', 'subnet-0a000000000000002'],
    isolatedSubnetIds: ['subnet-0d000000000000001', 'subnet-0d000000000000002'],
  });
  const link = new apigwv2.VpcLink(stack, 'Link', { vpc, subnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
  const nlbListener = elbv2.NetworkListener.fromNetworkListenerArn(stack, 'NlbListener',
    'arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/net/orders/50dc6c495c0c9188/f2f7dc8efc522ab2');
  const albListener = elbv2.ApplicationListener.fromApplicationListenerAttributes(stack, 'AlbListener', {
    listenerArn: 'arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab3',
    securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'AlbSg', 'sg-44444444'),
  });
  const api = new apigwv2.HttpApi(stack, 'Api');
  api.addRoutes({
    path: '/orders',
    methods: [apigwv2.HttpMethod.GET],
    integration: new HttpNlbIntegration('Orders', nlbListener, {
      vpcLink: link,
      method: apigwv2.HttpMethod.GET,
      secureServerName: 'orders.internal.example.com',
      timeout: cdk.Duration.seconds(10),
      parameterMapping: new apigwv2.ParameterMapping().overwritePath(apigwv2.MappingValue.custom('/v2/orders')),
    }),
  });
  const added = api.addVpcLink({ vpc });
  api.addRoutes({
    path: '/shop',
    methods: [apigwv2.HttpMethod.ANY],
    integration: new HttpAlbIntegration('Shop', albListener, { vpcLink: added }),
  });
};
