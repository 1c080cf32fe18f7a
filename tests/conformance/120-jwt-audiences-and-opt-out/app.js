// A JWT authorizer with several audiences as the API's default (with default scopes), a route
// that opts out with HttpNoneAuthorizer, and a route with its own scopes.
module.exports = (stack, cdk) => {
  const { aws_apigatewayv2: apigwv2 } = cdk;
  const { HttpJwtAuthorizer } = cdk.aws_apigatewayv2_authorizers;
  const { HttpUrlIntegration } = cdk.aws_apigatewayv2_integrations;
  const jwt = new HttpJwtAuthorizer('Jwt', 'https://issuer.example.com', {
    jwtAudience: ['web', 'mobile', 'partners'],
    identitySource: ['$request.header.X-Token'],
  });
  const api = new apigwv2.HttpApi(stack, 'Api', {
    defaultAuthorizer: jwt,
    defaultAuthorizationScopes: ['books:read'],
  });
  const books = new HttpUrlIntegration('Books', 'https://books.example.com');
  api.addRoutes({ path: '/books', methods: [apigwv2.HttpMethod.GET], integration: books });
  api.addRoutes({ path: '/books', methods: [apigwv2.HttpMethod.POST], integration: books, authorizationScopes: ['books:write'] });
  api.addRoutes({ path: '/health', methods: [apigwv2.HttpMethod.GET], integration: books, authorizer: new apigwv2.HttpNoneAuthorizer() });
};
