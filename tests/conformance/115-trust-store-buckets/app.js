// Trust store buckets as CDK users configure them: name, versioning, encryption, public access
// blocks, TLS-only policies with a minimum version, removal policies; an import by ARN; the
// bucket attributes as outputs.
module.exports = (stack, cdk) => {
  const { aws_s3: s3, aws_apigatewayv2: apigwv2, aws_certificatemanager: acm } = cdk;
  const owned = new s3.Bucket(stack, 'TrustStore', {
    bucketName: 'books-trust-store',
    versioned: true,
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    removalPolicy: cdk.RemovalPolicy.DESTROY,
  });
  new s3.Bucket(stack, 'Other', {
    encryption: s3.BucketEncryption.KMS_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS,
    enforceSSL: true,
  });
  const imported = s3.Bucket.fromBucketArn(stack, 'Imported', 'arn:aws:s3:::shared-trust-store');
  const cert = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:111111111111:certificate/books');
  new apigwv2.DomainName(stack, 'Owned', { domainName: 'a.example.com', certificate: cert, mtls: { bucket: owned, key: 'ca.pem', version: 'v3' } });
  new apigwv2.DomainName(stack, 'Shared', { domainName: 'b.example.com', certificate: cert, mtls: { bucket: imported, key: 'certs/ca.pem' } });
  new cdk.CfnOutput(stack, 'OwnedName', { value: owned.bucketName });
  new cdk.CfnOutput(stack, 'OwnedArn', { value: owned.bucketArn });
  new cdk.CfnOutput(stack, 'ImportedName', { value: imported.bucketName });
  new cdk.CfnOutput(stack, 'ImportedArn', { value: imported.bucketArn });
};
