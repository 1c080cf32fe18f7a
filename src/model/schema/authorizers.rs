//! Authorizers of HTTP API routes (`aws-apigatewayv2-authorizers`, and `HttpNoneAuthorizer` of
//! `aws-apigatewayv2`).

use super::enums::HTTP_LAMBDA_RESPONSE_TYPE;
use super::{AttrDef, AttrKind, ImportDef, Kind, Module, PropDef, Role, TypeDef, dflt, opt, req};

/// Authorizer types a route of an HTTP API accepts: the objects under `authorizers:`, and
/// the path of an imported `HttpAuthorizer` entry.
pub const HTTP_AUTHORIZERS: &[&str] = &[
    "HttpJwtAuthorizer",
    "HttpLambdaAuthorizer",
    "HttpUserPoolAuthorizer",
    "HttpIamAuthorizer",
    "HttpNoneAuthorizer",
    "HttpAuthorizer",
];

/// The attributes of an authorizer that creates a resource (`authorizer.authorizerId`).
const BOUND_AUTHORIZER_ATTRS: &[AttrDef] = &[
    AttrDef {
        name: "authorizerId",
        kind: AttrKind::Value,
        doc: "The id of the authorizer's resource (`Ref`); only once a route uses the authorizer.",
    },
    AttrDef {
        name: "authorizationType",
        kind: AttrKind::Value,
        doc: "The authorization type routes get: `JWT` or `CUSTOM` (Lambda).",
    },
];

/// `HttpAuthorizer`: an existing authorizer, imported by id and type.
pub static HTTP_AUTHORIZER: TypeDef = TypeDef {
    name: "HttpAuthorizer",
    module: Module::ApiGatewayV2,
    role: Role::Construct,
    keyed: true,
    doc: "An existing authorizer of an HTTP API (`HttpAuthorizer.fromHttpAuthorizerAttributes`): \
          routes refer to the entry's path as their `authorizer`; it adds no resource.",
    props: &[],
    imports: &[ImportDef {
        name: "fromHttpAuthorizerAttributes",
        arg: Kind::Struct(&[
            req(
                "authorizerId",
                Kind::String,
                "The authorizer's id (often `${Fn.importValue(Name)}`).",
            ),
            req(
                "authorizerType",
                Kind::String,
                "The routes' authorization type: `JWT`, `CUSTOM`, `AWS_IAM` or `NONE` (a \
                 literal when a route uses the authorizer).",
            ),
        ]),
        doc: "Imports an existing authorizer by its id and type.",
    }],
    metrics: &[],
    methods: &[],
    attrs: &[
        AttrDef {
            name: "authorizerId",
            kind: AttrKind::Value,
            doc: "The authorizer's id.",
        },
        AttrDef {
            name: "authorizerType",
            kind: AttrKind::Value,
            doc: "The authorizer's type.",
        },
    ],
};

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

/// `authorizerName`, shared by the authorizers that create a resource.
const AUTHORIZER_NAME: PropDef = dflt(
    "authorizerName",
    Kind::String,
    "the authorizer's id",
    "The authorizer's name.",
);

/// `identitySource` of the authorizers that read a token.
const TOKEN_SOURCE: PropDef = dflt(
    "identitySource",
    Kind::List(&Kind::String),
    "[$request.header.Authorization]",
    "Where the token is read from.",
);

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
        AUTHORIZER_NAME,
        TOKEN_SOURCE,
    ],
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: BOUND_AUTHORIZER_ATTRS,
};

/// `HttpLambdaAuthorizer`: routes authorized by a Lambda function.
pub static HTTP_LAMBDA_AUTHORIZER: TypeDef = TypeDef {
    name: "HttpLambdaAuthorizer",
    module: Module::Authorizers,
    role: Role::Authorizer,
    keyed: true,
    doc: "Authorizes requests by calling a Lambda function (`AWS::ApiGatewayV2::Authorizer` of \
          type REQUEST, created under the API when a route first uses it, with the permission \
          for API Gateway to invoke the function unless a `role` does).",
    props: &[
        req(
            "handler",
            Kind::Construct(&["Function"]),
            "The function that decides.",
        ),
        dflt(
            "responseTypes",
            Kind::List(&Kind::Enum(&HTTP_LAMBDA_RESPONSE_TYPE)),
            "[IAM]",
            "What the function returns: `SIMPLE` (payload format 2.0), `IAM`, or both.",
        ),
        AUTHORIZER_NAME,
        dflt(
            "identitySource",
            Kind::List(&Kind::String),
            "[$request.header.Authorization]",
            "The request data the function gets; a request without it is refused.",
        ),
        dflt(
            "resultsCacheTtl",
            Kind::Duration,
            "5 minutes",
            "How long a decision is cached (`0 seconds` turns caching off); at most one hour.",
        ),
        opt(
            "role",
            Kind::Construct(&["Role"]),
            "The role API Gateway assumes to invoke the function (a function in another \
             account); without it the function gets a resource-based permission.",
        ),
    ],
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: BOUND_AUTHORIZER_ATTRS,
};

/// `HttpUserPoolAuthorizer`: routes authorized by a Cognito user pool's tokens.
pub static HTTP_USER_POOL_AUTHORIZER: TypeDef = TypeDef {
    name: "HttpUserPoolAuthorizer",
    module: Module::Authorizers,
    role: Role::Authorizer,
    keyed: true,
    doc: "Authorizes requests by a JSON Web Token of a Cognito user pool (a JWT authorizer whose \
          issuer is the pool and whose audiences are its clients; without `userPoolClients` CDK \
          adds a client `UserPoolAuthorizerClient` to the pool).",
    props: &[
        req(
            "pool",
            Kind::Construct(&["UserPool"]),
            "The user pool that issues the tokens.",
        ),
        dflt(
            "userPoolClients",
            Kind::List(&Kind::Construct(&["UserPoolClient"])),
            "a new client `Pool/UserPoolAuthorizerClient`",
            "The app clients whose tokens are accepted (`Pool/WebClient`).",
        ),
        dflt(
            "userPoolRegion",
            Kind::String,
            "the stack's region",
            "The pool's region.",
        ),
        AUTHORIZER_NAME,
        TOKEN_SOURCE,
    ],
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: BOUND_AUTHORIZER_ATTRS,
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

/// Authorizer types a WebSocket route accepts (on `$connect` only).
pub const WEBSOCKET_AUTHORIZERS: &[&str] = &["WebSocketLambdaAuthorizer", "WebSocketIamAuthorizer"];

/// `WebSocketLambdaAuthorizer`: `$connect` requests authorized by a Lambda function.
pub static WEBSOCKET_LAMBDA_AUTHORIZER: TypeDef = TypeDef {
    name: "WebSocketLambdaAuthorizer",
    module: Module::Authorizers,
    role: Role::Authorizer,
    keyed: true,
    doc: "Authorizes a WebSocket API's `$connect` requests by calling a Lambda function \
          (`AWS::ApiGatewayV2::Authorizer` of type REQUEST, created under the API when the route \
          uses it, with the permission for API Gateway to invoke the function).",
    props: &[
        req(
            "handler",
            Kind::Construct(&["Function"]),
            "The function that decides.",
        ),
        AUTHORIZER_NAME,
        dflt(
            "identitySource",
            Kind::List(&Kind::String),
            "[route.request.header.Authorization]",
            "The request data the function gets (`route.request.querystring.token`, ...).",
        ),
    ],
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: &[],
};

/// `WebSocketIamAuthorizer`: `$connect` requests signed with AWS credentials.
pub static WEBSOCKET_IAM_AUTHORIZER: TypeDef = TypeDef {
    name: "WebSocketIamAuthorizer",
    module: Module::Authorizers,
    role: Role::Authorizer,
    keyed: false,
    doc: "Authorizes a WebSocket API's `$connect` requests signed with AWS credentials \
          (authorization type `AWS_IAM`); it has no id in CDK: write `authorizer: { type: \
          WebSocketIamAuthorizer }`.",
    props: &[],
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: &[],
};
