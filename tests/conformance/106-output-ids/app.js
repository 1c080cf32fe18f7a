// Format rule "Outputs" (CfnOutput ids with '-', '.', '_', a space, a leading '_', a 300-character id, and an output nested under a plain Construct: their logical IDs)
module.exports = (stack, cdk) => {
  const apigwv2 = cdk.aws_apigatewayv2;
  const { Construct } = require.main.require('constructs'); // resolved from synth.js's node_modules

  const api = new apigwv2.HttpApi(stack, 'HttpApi');

  new cdk.CfnOutput(stack, 'Api-Url', { value: api.apiEndpoint });
  new cdk.CfnOutput(stack, 'url.v2_public', { value: 'https://public.example.com/v2' });
  new cdk.CfnOutput(stack, 'Books Arn', { value: 'arn:aws:s3:::books' });
  new cdk.CfnOutput(stack, '_under_score', { value: 'underscore' });
  new cdk.CfnOutput(stack, 'Out' + 'x'.repeat(297), { value: 'long' });

  const group = new Construct(stack, 'Group');
  new cdk.CfnOutput(group, 'Nested-Out', { value: api.apiEndpoint });
};
