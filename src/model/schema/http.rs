//! HTTP API constructs and integrations (`aws-apigatewayv2`, `aws-apigatewayv2-integrations`).

use super::authorizers::{HTTP_AUTHORIZERS, ROUTE_AUTHORIZATION};
use super::cloudwatch::HTTP_METRICS;
use super::domains::DOMAIN_MAPPING;
use super::enums::{CORS_HTTP_METHOD, HTTP_METHOD, IP_ADDRESS_TYPE, PAYLOAD_FORMAT_VERSION};
use super::logs::ACCESS_LOG_SETTINGS;
use super::{
    AttrDef, AttrKind, CallShape, ImportDef, Kind, MethodDef, Module, PropDef, Role, TypeDef, dflt,
    opt, req,
};

/// Integration types a route of an HTTP API accepts.
pub const HTTP_INTEGRATIONS: &[&str] = &[
    "HttpUrlIntegration",
    "HttpLambdaIntegration",
    "HttpSqsIntegration",
    "HttpEventBridgeIntegration",
    "HttpStepFunctionsIntegration",
    "HttpRouteIntegration",
    "HttpAlbIntegration",
    "HttpNlbIntegration",
    "HttpServiceDiscoveryIntegration",
];

const CORS_PREFLIGHT: &[PropDef] = &[
    dflt(
        "allowCredentials",
        Kind::Bool,
        "false",
        "Whether credentials are included in the CORS request. Not allowed with an `*` origin.",
    ),
    opt(
        "allowHeaders",
        Kind::List(&Kind::String),
        "Headers allowed in the actual request.",
    ),
    opt(
        "allowMethods",
        Kind::List(&Kind::Enum(&CORS_HTTP_METHOD)),
        "Methods allowed when accessing the resource (`ANY` is `*`).",
    ),
    opt(
        "allowOrigins",
        Kind::List(&Kind::String),
        "Origins allowed to access the resource (`*` for any).",
    ),
    opt(
        "exposeHeaders",
        Kind::List(&Kind::String),
        "Response headers the browser may expose to scripts.",
    ),
    opt(
        "maxAge",
        Kind::Duration,
        "How long the preflight response may be cached (whole seconds).",
    ),
];

/// CDK `ThrottleSettings`.
pub(super) const THROTTLE: &[PropDef] = &[
    opt(
        "rateLimit",
        Kind::Number,
        "Steady-state requests per second.",
    ),
    opt(
        "burstLimit",
        Kind::Integer,
        "Maximum concurrent requests (burst).",
    ),
];

/// Options shared by `HttpStage` props and `addStage` (CDK `HttpStageOptions`); all but
/// `stageName` are the `StageOptions` that WebSocket stages take too.
pub(super) const STAGE_OPTIONS: [PropDef; 8] = [
    dflt(
        "stageName",
        Kind::String,
        "$default",
        "The stage's name; without one the stage is `$default`, served at the API's base URL.",
    ),
    opt("description", Kind::String, "A description of the stage."),
    dflt(
        "autoDeploy",
        Kind::Bool,
        "false",
        "Whether updates to the API deploy to this stage automatically.",
    ),
    opt(
        "throttle",
        Kind::Struct(THROTTLE),
        "Default throttle settings of the stage's routes.",
    ),
    opt(
        "detailedMetricsEnabled",
        Kind::Bool,
        "Whether detailed (per-route) CloudWatch metrics are enabled.",
    ),
    opt(
        "stageVariables",
        Kind::Map(&Kind::String),
        "Stage variables: name to value.",
    ),
    opt(
        "domainMapping",
        Kind::Struct(DOMAIN_MAPPING),
        "Maps the stage to a custom domain (one mapping per stage).",
    ),
    opt(
        "accessLogSettings",
        Kind::Struct(ACCESS_LOG_SETTINGS),
        "Access logging: a log group destination and a line format.",
    ),
];

const HTTP_STAGE_PROPS: &[PropDef] = &[
    req(
        "httpApi",
        Kind::Construct(&["HttpApi"]),
        "The HTTP API this stage deploys.",
    ),
    STAGE_OPTIONS[0],
    STAGE_OPTIONS[1],
    STAGE_OPTIONS[2],
    STAGE_OPTIONS[3],
    STAGE_OPTIONS[4],
    STAGE_OPTIONS[5],
    STAGE_OPTIONS[6],
    STAGE_OPTIONS[7],
];

const STAGE_ATTRS: &[AttrDef] = &[
    AttrDef {
        name: "stageName",
        kind: AttrKind::Value,
        doc: "The stage's name (`$default` for the default stage).",
    },
    AttrDef {
        name: "url",
        kind: AttrKind::Value,
        doc: "The stage's invoke URL: `https://{apiId}.execute-api.{region}.{urlSuffix}/{stageName}`.",
    },
    AttrDef {
        name: "domainUrl",
        kind: AttrKind::Value,
        doc: "The stage's URL on its custom domain: `https://<domain>/<mappingKey>` (only with a \
              `domainMapping`).",
    },
];

const ADD_ROUTES: &[PropDef] = &[
    req(
        "path",
        Kind::String,
        "The route's path: starts with `/`, no trailing `/`; `{param}` and `{proxy+}` allowed.",
    ),
    dflt(
        "methods",
        Kind::List(&Kind::Enum(&HTTP_METHOD)),
        "[ANY]",
        "The methods; one route is created per method.",
    ),
    req(
        "integration",
        Kind::Object(HTTP_INTEGRATIONS),
        "The integration that serves the routes.",
    ),
    ROUTE_AUTHORIZATION[0],
    ROUTE_AUTHORIZATION[1],
];

/// `apiName`, shared by HTTP and WebSocket APIs.
pub(super) const API_NAME: PropDef = dflt(
    "apiName",
    Kind::String,
    "the construct id",
    "The API's name.",
);

/// `description`, shared by HTTP and WebSocket APIs.
pub(super) const API_DESCRIPTION: PropDef =
    opt("description", Kind::String, "A description of the API.");

/// CDK `HttpApiAttributes`.
const HTTP_API_ATTRIBUTES: &[PropDef] = &[
    req("httpApiId", Kind::String, "The id of the existing API."),
    opt(
        "apiEndpoint",
        Kind::String,
        "Its endpoint, if `${Id.apiEndpoint}` is used.",
    ),
];

/// `HttpApi`: an API Gateway v2 HTTP API.
pub static HTTP_API: TypeDef = TypeDef {
    name: "HttpApi",
    module: Module::ApiGatewayV2,
    role: Role::Construct,
    keyed: true,
    doc: "An HTTP API: routes, integrations and stages (`AWS::ApiGatewayV2::Api` with protocol HTTP).",
    props: &[
        API_NAME,
        API_DESCRIPTION,
        opt(
            "disableExecuteApiEndpoint",
            Kind::Bool,
            "Whether clients are kept off the default `execute-api` endpoint (then `apiEndpoint` is not available).",
        ),
        opt(
            "defaultIntegration",
            Kind::Object(HTTP_INTEGRATIONS),
            "An integration for a catch-all `$default` route (`DefaultRoute`).",
        ),
        opt(
            "defaultAuthorizer",
            Kind::Object(HTTP_AUTHORIZERS),
            "The authorizer of every route that names none.",
        ),
        opt(
            "defaultAuthorizationScopes",
            Kind::List(&Kind::String),
            "OIDC scopes of every route that names none (with an authorizer).",
        ),
        opt(
            "routeSelectionExpression",
            Kind::Bool,
            "When true, the route selection expression is `${request.method} ${request.path}`.",
        ),
        opt(
            "ipAddressType",
            Kind::Enum(&IP_ADDRESS_TYPE),
            "Which IP versions the endpoint serves.",
        ),
        dflt(
            "createDefaultStage",
            Kind::Bool,
            "true",
            "Whether a `$default` stage with auto-deploy is created (`DefaultStage`).",
        ),
        opt(
            "defaultDomainMapping",
            Kind::Struct(DOMAIN_MAPPING),
            "Maps the default stage to a custom domain.",
        ),
        opt(
            "corsPreflight",
            Kind::Struct(CORS_PREFLIGHT),
            "The CORS configuration API Gateway answers preflight requests with.",
        ),
    ],
    imports: &[ImportDef {
        name: "fromHttpApiAttributes",
        arg: Kind::Struct(HTTP_API_ATTRIBUTES),
        doc: "Imports an existing HTTP API by id (its ARNs can be computed; it takes no routes or stages here).",
    }],
    metrics: HTTP_METRICS,
    methods: &[
        MethodDef {
            name: "addRoutes",
            shape: CallShape::List,
            key: "",
            params: ADD_ROUTES,
            creates: None,
            doc: "Adds routes: one `HttpRoute` per method, with construct id `METHOD--path` (`/` becomes `--`).",
        },
        MethodDef {
            name: "addStage",
            shape: CallShape::Keyed,
            key: "id",
            params: &STAGE_OPTIONS,
            creates: Some("HttpStage"),
            doc: "Adds a stage as a child of the API, keyed by its construct id.",
        },
        super::network::ADD_VPC_LINK,
    ],
    attrs: &[
        AttrDef {
            name: "apiId",
            kind: AttrKind::Value,
            doc: "The API's id (`Ref`).",
        },
        AttrDef {
            name: "httpApiId",
            kind: AttrKind::Value,
            doc: "The API's id (`Ref`).",
        },
        AttrDef {
            name: "httpApiName",
            kind: AttrKind::Value,
            doc: "The API's name.",
        },
        AttrDef {
            name: "apiEndpoint",
            kind: AttrKind::Value,
            doc: "The default endpoint `https://{apiId}.execute-api.{region}.amazonaws.com` (`Fn::GetAtt ApiEndpoint`).",
        },
        AttrDef {
            name: "url",
            kind: AttrKind::Value,
            doc: "The URL of the default stage.",
        },
        AttrDef {
            name: "defaultStage",
            kind: AttrKind::Child("HttpStage"),
            doc: "The `$default` stage (`DefaultStage`).",
        },
        AttrDef {
            name: "arnForExecuteApi",
            kind: AttrKind::Method(&["method", "path", "stage"]),
            doc: "The execute-api ARN for a method, path and stage; an empty argument is a wildcard (`*`). \
                  The path must start with `/`; `ANY` becomes `*`.",
        },
    ],
};

/// `HttpStage`: a stage of an HTTP API.
pub static HTTP_STAGE: TypeDef = TypeDef {
    name: "HttpStage",
    module: Module::ApiGatewayV2,
    role: Role::Construct,
    keyed: true,
    doc: "A stage of an HTTP API: a named deployment (`AWS::ApiGatewayV2::Stage`).",
    props: HTTP_STAGE_PROPS,
    imports: &[ImportDef {
        name: "fromHttpStageAttributes",
        arg: Kind::Struct(&[
            req(
                "api",
                Kind::Construct(&["HttpApi"]),
                "The API the stage belongs to.",
            ),
            req("stageName", Kind::String, "The stage's name."),
        ]),
        doc: "Imports an existing stage of an API (for its metrics and name; it has no `url`).",
    }],
    metrics: HTTP_METRICS,
    methods: &[MethodDef {
        name: "addStageVariable",
        shape: CallShape::KeyedValue,
        key: "name",
        params: &[req("value", Kind::String, "The variable's value.")],
        creates: None,
        doc: "Adds a stage variable, keyed by its name.",
    }],
    attrs: STAGE_ATTRS,
};

const INTEGRATION_TIMEOUT_DOC: &str =
    "Maximum time API Gateway waits for the backend: 50 milliseconds to 29 seconds.";

/// `HttpUrlIntegration`: an HTTP proxy integration.
pub static HTTP_URL_INTEGRATION: TypeDef = TypeDef {
    name: "HttpUrlIntegration",
    module: Module::Integrations,
    role: Role::Integration,
    keyed: true,
    doc: "Proxies requests to a public URL (`HTTP_PROXY`, payload format 1.0).",
    props: &[
        req("url", Kind::String, "The URL requests are forwarded to."),
        dflt(
            "method",
            Kind::Enum(&HTTP_METHOD),
            "ANY",
            "The method used to call the URL.",
        ),
        opt(
            "parameterMapping",
            Kind::ParameterMapping,
            "How request parameters are changed before they reach the backend.",
        ),
        opt("timeout", Kind::Duration, INTEGRATION_TIMEOUT_DOC),
    ],
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: &[],
};

/// `HttpLambdaIntegration`: a Lambda proxy integration.
pub static HTTP_LAMBDA_INTEGRATION: TypeDef = TypeDef {
    name: "HttpLambdaIntegration",
    module: Module::Integrations,
    role: Role::Integration,
    keyed: true,
    doc: "Invokes a Lambda function (`AWS_PROXY`); adds the permission for API Gateway to invoke it.",
    props: &[
        req(
            "handler",
            Kind::Construct(&["Function"]),
            "The function to invoke.",
        ),
        dflt(
            "payloadFormatVersion",
            Kind::Enum(&PAYLOAD_FORMAT_VERSION),
            "VERSION_2_0",
            "The event format sent to the function.",
        ),
        opt(
            "parameterMapping",
            Kind::ParameterMapping,
            "How request parameters are changed before they reach the function.",
        ),
        opt("timeout", Kind::Duration, INTEGRATION_TIMEOUT_DOC),
        dflt(
            "scopePermissionToRoute",
            Kind::Bool,
            "true",
            "When true, one Lambda permission per route (scoped to its path); when false, one permission for the whole API.",
        ),
    ],
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: &[],
};

/// `HttpRoute`: a route CDK creates for each method of an `addRoutes` call (or `DefaultRoute`
/// for `defaultIntegration`), at `Api/METHOD--path` (`/` becomes `--`).
pub static HTTP_ROUTE: TypeDef = TypeDef {
    name: "HttpRoute",
    module: Module::ApiGatewayV2,
    role: Role::Child,
    keyed: true,
    doc: "A route of an HTTP API (`AWS::ApiGatewayV2::Route`), created by `addRoutes` at \
          `Api/METHOD--path`; refer to it by that path, e.g. `${Api/GET--books.routeArn}`.",
    props: &[],
    imports: &[],
    metrics: &[],
    methods: &[MethodDef {
        name: "grantInvoke",
        shape: CallShape::List,
        key: "",
        params: &[
            req(
                "grantee",
                Kind::Construct(&["User", "Role"]),
                "The user or role allowed to invoke the route.",
            ),
            dflt(
                "httpMethods",
                Kind::List(&Kind::Enum(&HTTP_METHOD)),
                "the route's method",
                "The methods granted (any of them on an `ANY` route).",
            ),
        ],
        creates: None,
        doc: "Allows a user or role to invoke the route (`execute-api:Invoke`), added to the \
              grantee's `DefaultPolicy`; the route must use IAM authorization.",
    }],
    attrs: &[
        AttrDef {
            name: "routeArn",
            kind: AttrKind::Value,
            doc: "The execute-api ARN of the route for any stage; path parameters and what follows become `*`.",
        },
        AttrDef {
            name: "routeId",
            kind: AttrKind::Value,
            doc: "The route's id (`Ref`).",
        },
        AttrDef {
            name: "path",
            kind: AttrKind::Value,
            doc: "The route's path.",
        },
        AttrDef {
            name: "method",
            kind: AttrKind::Value,
            doc: "The route's method.",
        },
    ],
};
