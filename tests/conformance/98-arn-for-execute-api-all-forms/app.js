// Seed README: "Generating ARN for Execute API" (HttpApi.arnForExecuteApi with every argument combination, ANY/any as '*', lowercase method kept, '/' path, $default stage; env-agnostic stack)
module.exports = (stack, cdk) => {
  const apigwv2 = cdk.aws_apigatewayv2;

  const api = new apigwv2.HttpApi(stack, 'HttpApi');
  const out = (id, value) => new cdk.CfnOutput(stack, id, { value });

  out('None', api.arnForExecuteApi());
  out('MethodOnly', api.arnForExecuteApi('GET'));
  out('AnyMethod', api.arnForExecuteApi('ANY'));
  out('AnyLowercase', api.arnForExecuteApi('any', '/books'));
  out('LowercaseMethod', api.arnForExecuteApi('get', '/books'));
  out('PathOnly', api.arnForExecuteApi(undefined, '/books/{id}'));
  out('RootPath', api.arnForExecuteApi('GET', '/'));
  out('StageOnly', api.arnForExecuteApi(undefined, undefined, 'prod'));
  out('MethodAndStage', api.arnForExecuteApi('POST', undefined, 'prod'));
  out('PathAndStage', api.arnForExecuteApi(undefined, '/books', '$default'));
  out('All', api.arnForExecuteApi('DELETE', '/books/{id}', 'prod'));
};
