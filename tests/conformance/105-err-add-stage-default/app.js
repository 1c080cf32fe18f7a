// Seed README: "Publishing HTTP APIs" (error: api.addStage with the id 'Default': the stage resource gets the same logical ID as the API resource)
module.exports = (stack, cdk) => {
  const apigwv2 = cdk.aws_apigatewayv2;

  const api = new apigwv2.HttpApi(stack, 'HttpApi');
  api.addStage('Default', { stageName: 'beta' });
};
