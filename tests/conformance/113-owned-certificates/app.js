// Owned ACM certificates (email validation by default with CDK's apex domains, DNS validation,
// transparency logging, names) serving a custom domain with two endpoints, mapped to a stage.
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_certificatemanager: acm } = cdk;
  const cert = new acm.Certificate(stack, 'Cert', {
    domainName: 'api.example.co.uk',
    subjectAlternativeNames: ['www.other.org'],
    certificateName: 'my-cert',
    validation: acm.CertificateValidation.fromEmail(),
  });
  const edge = new acm.Certificate(stack, 'EdgeCert', {
    domainName: '*.example.com',
    validation: acm.CertificateValidation.fromDns(),
    transparencyLoggingEnabled: false,
  });
  const dn = new apigwv2.DomainName(stack, 'DN', {
    domainName: 'api.example.co.uk',
    certificate: cert,
    securityPolicy: apigwv2.SecurityPolicy.TLS_1_2,
  });
  dn.addEndpoint({ certificate: edge, endpointType: apigwv2.EndpointType.EDGE });
  const api = new apigwv2.HttpApi(stack, 'Api', { createDefaultStage: false });
  api.addStage('prod', { stageName: 'prod', autoDeploy: true, domainMapping: { domainName: dn, mappingKey: 'v1' } });
  new cdk.CfnOutput(stack, 'CertArn', { value: cert.certificateArn });
  new cdk.CfnOutput(stack, 'ProdUrl', { value: api.node.findChild('prod').domainUrl });
};
