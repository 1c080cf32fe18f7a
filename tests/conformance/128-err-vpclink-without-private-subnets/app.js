// CDK's VPC link takes the private subnets by default: a VPC without NAT gateways has none.
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_ec2: ec2 } = cdk;
  const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0 });
  new apigwv2.VpcLink(stack, 'Link', { vpc });
};
