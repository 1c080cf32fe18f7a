//! Authorizers of HTTP API routes (`aws-apigatewayv2-authorizers`, and `HttpNoneAuthorizer` of
//! `aws-apigatewayv2`).

use super::{Kind, Module, PropDef, Role, TypeDef, dflt, opt, req};

/// Authorizer types a route of an HTTP API accepts.
pub const HTTP_AUTHORIZERS: &[&str] = &[
    "HttpJwtAuthorizer",
    "HttpIamAuthorizer",
    "HttpNoneAuthorizer",
];

/// `authorizer` and `authorizationScopes` of a route.
pub(super) const ROUTE_AUTHORIZATION: [PropDef; 2] = [
    opt(
        "authorizer",
        Kind::Object(HTTP_AUTHORIZERS),
        "The route's authorizer; the API's `defaultAuthorizer` when omitted.",
    ),
    opt(
        "authorizationScopes",
        Kind::List(&Kind::String),
        "OIDC scopes the route requires, in place of the API's `defaultAuthorizationScopes`.",
    ),
];

/// `HttpJwtAuthorizer`: routes authorized by a JSON Web Token.
pub static HTTP_JWT_AUTHORIZER: TypeDef = TypeDef {
    name: "HttpJwtAuthorizer",
    module: Module::Authorizers,
    role: Role::Authorizer,
    keyed: true,
    doc: "Authorizes requests by a JSON Web Token from an identity provider \
          (`AWS::ApiGatewayV2::Authorizer` of type JWT, created under the API when a route \
          first uses it).",
    props: &[
        req(
            "jwtIssuer",
            Kind::String,
            "The base URL of the identity provider that issues the tokens.",
        ),
        req(
            "jwtAudience",
            Kind::List(&Kind::String),
            "The intended recipients: a token's `aud` must match one of them.",
        ),
        dflt(
            "authorizerName",
            Kind::String,
            "the authorizer's id",
            "The authorizer's name.",
        ),
        dflt(
            "identitySource",
            Kind::List(&Kind::String),
            "[$request.header.Authorization]",
            "Where the token is read from.",
        ),
    ],
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: &[],
};

/// `HttpIamAuthorizer`: routes authorized by IAM (SigV4-signed requests).
pub static HTTP_IAM_AUTHORIZER: TypeDef = TypeDef {
    name: "HttpIamAuthorizer",
    module: Module::Authorizers,
    role: Role::Authorizer,
    keyed: false,
    doc: "Authorizes requests signed with AWS credentials (authorization type `AWS_IAM`); it has \
          no id in CDK: write `authorizer: { type: HttpIamAuthorizer }`.",
    props: &[],
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: &[],
};

/// `HttpNoneAuthorizer`: a route that opts out of the API's default authorizer.
pub static HTTP_NONE_AUTHORIZER: TypeDef = TypeDef {
    name: "HttpNoneAuthorizer",
    module: Module::ApiGatewayV2,
    role: Role::Authorizer,
    keyed: false,
    doc: "No authorization (type `NONE`), for a route that opts out of the API's default \
          authorizer; it has no id in CDK: write `authorizer: { type: HttpNoneAuthorizer }`.",
    props: &[],
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: &[],
};
