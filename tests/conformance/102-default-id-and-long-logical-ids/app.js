// Format rule "The stack and construct paths" (a grouping construct named 'Default' is dropped from logical IDs; ids with '-', '.', '_' and spaces; logical IDs over 255 characters truncated as CDK's makeUniqueId does)
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2, aws_lambda: lambda } = cdk;
  const { HttpLambdaIntegration } = cdk.aws_apigatewayv2_integrations;
  const { Construct } = require.main.require('constructs'); // resolved from synth.js's node_modules

  const outer = new Construct(stack, 'Default');
  const service = new Construct(outer, 'Orders-Service.v2');

  const fn = new lambda.Function(service, 'Handler Fn', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });

  const api = new apigwv2.HttpApi(service, 'Public_Api');
  api.addRoutes({
    path: '/customers/{customerId}/orders/{orderId}/line-items/{lineItemId}/adjustments/{adjustmentId}/history/entries/{entryId}/attachments/{attachmentId}/versions/{versionId}/revisions/{revisionId}',
    methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.PATCH],
    integration: new HttpLambdaIntegration('CustomerOrderLineItemAdjustmentHistoryIntegrationWithAVeryLongName', fn),
  });

  const stage = new apigwv2.HttpStage(outer, 'Stage v2', { httpApi: api, stageName: 'v2' });

  new cdk.CfnOutput(stack, 'Url', { value: api.url });
  new cdk.CfnOutput(stack, 'StageUrl', { value: stage.url });
};
