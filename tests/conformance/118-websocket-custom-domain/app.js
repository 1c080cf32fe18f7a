// WebSocket APIs on custom domains: a WebSocketStage with a domainMapping (WebSocket stages have no domainUrl),
// and an explicit ApiMapping of a WebSocket stage with its domainUrl.
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_certificatemanager: acm } = cdk;
  const cert = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:111111111111:certificate/ws');
  const dn = new apigwv2.DomainName(stack, 'WsDomain', { domainName: 'ws.example.com', certificate: cert });
  const other = new apigwv2.DomainName(stack, 'Other', { domainName: 'chat.example.com', certificate: cert });
  const api = new apigwv2.WebSocketApi(stack, 'Chat');
  const prod = new apigwv2.WebSocketStage(stack, 'Prod', {
    webSocketApi: api,
    stageName: 'prod',
    autoDeploy: true,
    domainMapping: { domainName: dn },
  });
  const dev = new apigwv2.WebSocketStage(stack, 'Dev', { webSocketApi: api, stageName: 'dev' });
  const mapping = new apigwv2.ApiMapping(stack, 'DevMapping', { api, domainName: other, stage: dev, apiMappingKey: 'dev' });
  new cdk.CfnOutput(stack, 'DevDomainUrl', { value: mapping.domainUrl });
};
