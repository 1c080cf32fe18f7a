// Integrations on owned listeners without a VPC link: the API adds one link per VPC
// (`VpcLink-1`), reused by a second integration (NLB) in the same VPC; an internet-facing ALB
// with three listeners (one closed, one with a fixed response) in an owned VPC with default
// subnets.
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_ec2: ec2, aws_elasticloadbalancingv2: elbv2 } = cdk;
  const { HttpAlbIntegration, HttpNlbIntegration } = cdk.aws_apigatewayv2_integrations;
  const vpc = new ec2.Vpc(stack, 'Vpc');
  const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, internetFacing: true });
  const web = alb.addListener('Web', { port: 80 });
  web.addTargets('App', { port: 8080 });
  const admin = alb.addListener('Admin', { port: 8080, protocol: elbv2.ApplicationProtocol.HTTP, open: false });
  admin.addTargets('Admin', { protocol: elbv2.ApplicationProtocol.HTTP });
  alb.addListener('Fallback', {
    port: 8000,
    defaultAction: elbv2.ListenerAction.fixedResponse(404, { contentType: 'text/plain', messageBody: 'nothing here' }),
  });
  const nlb = new elbv2.NetworkLoadBalancer(stack, 'Nlb', { vpc });
  const tcp = nlb.addListener('Tcp', { port: 443 });
  tcp.addTargets('Backend', { port: 443, protocol: elbv2.Protocol.TCP });
  const api = new apigwv2.HttpApi(stack, 'Api');
  api.addRoutes({ path: '/web', methods: [apigwv2.HttpMethod.GET], integration: new HttpAlbIntegration('Web', web) });
  api.addRoutes({ path: '/tcp', methods: [apigwv2.HttpMethod.ANY], integration: new HttpNlbIntegration('Tcp', tcp) });
  new cdk.CfnOutput(stack, 'AlbArn', { value: alb.loadBalancerArn });
};
