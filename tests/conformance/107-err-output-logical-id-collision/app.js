// Format rule "Outputs" (error: outputs 'Api-Url' and 'ApiUrl' get the same logical ID once non-alphanumerics are removed)
module.exports = (stack, cdk) => {
  const apigwv2 = cdk.aws_apigatewayv2;

  const api = new apigwv2.HttpApi(stack, 'HttpApi');
  new cdk.CfnOutput(stack, 'Api-Url', { value: api.apiEndpoint });
  new cdk.CfnOutput(stack, 'ApiUrl', { value: api.apiEndpoint });
};
