//! WebSocket API constructs and integrations (`aws-apigatewayv2`, `aws-apigatewayv2-integrations`).

use super::authorizers::WEBSOCKET_AUTHORIZERS;
use super::cloudwatch::WEBSOCKET_METRICS;
use super::enums::{CONTENT_HANDLING, HTTP_METHOD, IP_ADDRESS_TYPE, PASSTHROUGH_BEHAVIOR};
use super::http::{API_DESCRIPTION, API_NAME, STAGE_OPTIONS};
use super::{
    AttrDef, AttrKind, CallShape, ImportDef, Kind, MethodDef, Module, PropDef, Role, TypeDef, dflt,
    opt, req,
};

/// Integration types a WebSocket route accepts.
pub const WEBSOCKET_INTEGRATIONS: &[&str] = &[
    "WebSocketLambdaIntegration",
    "WebSocketMockIntegration",
    "WebSocketAwsIntegration",
];

/// The props of a `WebSocketRoute` written as its own entry: the API and route key, then the
/// route options.
const ROUTE_PROPS: &[PropDef] = &[
    req(
        "webSocketApi",
        Kind::Construct(&["WebSocketApi"]),
        "The API the route belongs to.",
    ),
    req(
        "routeKey",
        Kind::String,
        "The route key (`$connect`, `sendmessage`, ...).",
    ),
    ROUTE_OPTIONS[0],
    ROUTE_OPTIONS[1],
    ROUTE_OPTIONS[2],
    ROUTE_OPTIONS[3],
];

const ROUTE_OPTIONS: &[PropDef] = &[
    req(
        "integration",
        Kind::Object(WEBSOCKET_INTEGRATIONS),
        "The integration that serves the route.",
    ),
    opt(
        "authorizer",
        Kind::Object(WEBSOCKET_AUTHORIZERS),
        "The route's authorizer (only on the `$connect` route).",
    ),
    dflt(
        "returnResponse",
        Kind::Bool,
        "false",
        "Whether the integration's response is sent back to the client (adds a `$default` route response).",
    ),
    opt(
        "apiKeyRequired",
        Kind::Bool,
        "Whether the route requires an API key.",
    ),
];

/// What `grantManageConnections` / `grantManagementApiAccess` take: the grantee.
const GRANT_IDENTITY: &[PropDef] = &[req(
    "identity",
    Kind::Construct(&["Function", "Role", "User"]),
    "Who is granted: a function (its role), a role or a user, owned or imported.",
)];

/// `WebSocketApi`: an API Gateway v2 WebSocket API.
pub static WEBSOCKET_API: TypeDef = TypeDef {
    name: "WebSocketApi",
    module: Module::ApiGatewayV2,
    role: Role::Construct,
    keyed: true,
    doc: "A WebSocket API (`AWS::ApiGatewayV2::Api` with protocol WEBSOCKET) and its routes.",
    props: &[
        API_NAME,
        API_DESCRIPTION,
        dflt(
            "routeSelectionExpression",
            Kind::String,
            "$request.body.action",
            "How a message selects its route.",
        ),
        opt(
            "connectRouteOptions",
            Kind::Struct(ROUTE_OPTIONS),
            "The `$connect` route (`$connect-Route`).",
        ),
        opt(
            "disconnectRouteOptions",
            Kind::Struct(ROUTE_OPTIONS),
            "The `$disconnect` route (`$disconnect-Route`).",
        ),
        opt(
            "defaultRouteOptions",
            Kind::Struct(ROUTE_OPTIONS),
            "The `$default` route (`$default-Route`).",
        ),
        opt(
            "ipAddressType",
            Kind::Enum(&IP_ADDRESS_TYPE),
            "Which IP versions the endpoint serves.",
        ),
        opt(
            "apiKeySelectionExpression",
            Kind::Enum(&super::usage_plans::API_KEY_SELECTION_EXPRESSION),
            "Where API Gateway reads a request's API key (routes with `apiKeyRequired`, usage plans).",
        ),
        opt(
            "disableSchemaValidation",
            Kind::Bool,
            "Whether request body validation against models is off.",
        ),
    ],
    imports: &[ImportDef {
        name: "fromWebSocketApiAttributes",
        arg: Kind::Struct(&[
            req("webSocketId", Kind::String, "The id of the existing API."),
            opt(
                "apiEndpoint",
                Kind::String,
                "Its endpoint, if `${Id.apiEndpoint}` is used.",
            ),
        ]),
        doc: "Imports an existing WebSocket API by id (for usage plans, routes and ARNs).",
    }],
    metrics: WEBSOCKET_METRICS,
    methods: &[
        MethodDef {
            name: "addRoute",
            shape: CallShape::Keyed,
            key: "routeKey",
            params: ROUTE_OPTIONS,
            creates: None,
            doc: "Adds a route keyed by its route key; its construct id is `<routeKey>-Route`.",
        },
        MethodDef {
            name: "grantManageConnections",
            shape: CallShape::List,
            key: "identity",
            params: GRANT_IDENTITY,
            creates: None,
            doc: "Allows a function, role or user to send to and disconnect the API's clients \
                  (`execute-api:ManageConnections` on `@connections` of every stage), added to \
                  its policy; written `grantManageConnections: [Fn]`.",
        },
    ],
    attrs: &[
        AttrDef {
            name: "apiId",
            kind: AttrKind::Value,
            doc: "The API's id (`Ref`).",
        },
        AttrDef {
            name: "apiEndpoint",
            kind: AttrKind::Value,
            doc: "The API's `wss://` endpoint (`Fn::GetAtt ApiEndpoint`).",
        },
        AttrDef {
            name: "webSocketApiName",
            kind: AttrKind::Value,
            doc: "The API's name.",
        },
        AttrDef {
            name: "arnForExecuteApi",
            kind: AttrKind::Method(&["method", "path", "stage"]),
            doc: "Deprecated in CDK (use `arnForExecuteApiV2`): the ARN for a method, path and stage.",
        },
        AttrDef {
            name: "arnForExecuteApiV2",
            kind: AttrKind::Method(&["route", "stage"]),
            doc: "The execute-api ARN for a route key and stage; an empty argument is a wildcard (`*`).",
        },
    ],
};

/// `WebSocketStage`: a stage of a WebSocket API.
pub static WEBSOCKET_STAGE: TypeDef = TypeDef {
    name: "WebSocketStage",
    module: Module::ApiGatewayV2,
    role: Role::Construct,
    keyed: true,
    doc: "A stage of a WebSocket API (`AWS::ApiGatewayV2::Stage`).",
    props: &[
        req(
            "webSocketApi",
            Kind::Construct(&["WebSocketApi"]),
            "The WebSocket API this stage deploys.",
        ),
        req("stageName", Kind::String, "The stage's name."),
        STAGE_OPTIONS[1],
        STAGE_OPTIONS[2],
        STAGE_OPTIONS[3],
        STAGE_OPTIONS[4],
        STAGE_OPTIONS[5],
        STAGE_OPTIONS[6],
        STAGE_OPTIONS[7],
    ],
    imports: &[ImportDef {
        name: "fromWebSocketStageAttributes",
        arg: Kind::Struct(&[
            req(
                "api",
                Kind::Construct(&["WebSocketApi"]),
                "The API the stage belongs to.",
            ),
            req("stageName", Kind::String, "The stage's name."),
        ]),
        doc: "Imports an existing stage of a WebSocket API (for usage plans, metrics and its name).",
    }],
    metrics: WEBSOCKET_METRICS,
    methods: &[MethodDef {
        name: "grantManagementApiAccess",
        shape: CallShape::List,
        key: "identity",
        params: GRANT_IDENTITY,
        creates: None,
        doc: "Allows a function, role or user to manage the stage's connections \
              (`execute-api:ManageConnections` on its `@connections`), added to its policy; \
              written `grantManagementApiAccess: [Fn]`.",
    }],
    attrs: &[
        AttrDef {
            name: "stageName",
            kind: AttrKind::Value,
            doc: "The stage's name.",
        },
        AttrDef {
            name: "url",
            kind: AttrKind::Value,
            doc: "`wss://{apiId}.execute-api.{region}.{urlSuffix}/{stageName}`.",
        },
        AttrDef {
            name: "callbackUrl",
            kind: AttrKind::Value,
            doc: "`https://{apiId}.execute-api.{region}.{urlSuffix}/{stageName}`, for the @connections API.",
        },
    ],
};

/// `WebSocketLambdaIntegration`: invokes a Lambda function for a WebSocket route.
pub static WEBSOCKET_LAMBDA_INTEGRATION: TypeDef = TypeDef {
    name: "WebSocketLambdaIntegration",
    module: Module::Integrations,
    role: Role::Integration,
    keyed: true,
    doc: "Invokes a Lambda function (`AWS_PROXY`) for a WebSocket route; adds the permission per route.",
    props: &[
        req(
            "handler",
            Kind::Construct(&["Function"]),
            "The function to invoke.",
        ),
        opt(
            "timeout",
            Kind::Duration,
            "Maximum time API Gateway waits for the function: 50 milliseconds to 29 seconds.",
        ),
        opt(
            "contentHandling",
            Kind::Enum(&CONTENT_HANDLING),
            "How binary and text payloads are converted.",
        ),
    ],
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: &[],
};

/// `WebSocketRoute` written as its own entry (`new WebSocketRoute(scope, id, { webSocketApi,
/// routeKey, ... })`), rather than through `addRoute`.
pub static WEBSOCKET_ROUTE: TypeDef = TypeDef {
    name: "WebSocketRoute",
    module: Module::ApiGatewayV2,
    role: Role::Construct,
    keyed: true,
    doc: "A route of a WebSocket API (`AWS::ApiGatewayV2::Route`) created as its own construct; \
          its integration sits under it.",
    props: ROUTE_PROPS,
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: &[
        AttrDef {
            name: "routeId",
            kind: AttrKind::Value,
            doc: "The route's id (`Ref`).",
        },
        AttrDef {
            name: "routeKey",
            kind: AttrKind::Value,
            doc: "The route key, as written.",
        },
    ],
};

/// `WebSocketMockIntegration`: answers a WebSocket route without a backend.
pub static WEBSOCKET_MOCK_INTEGRATION: TypeDef = TypeDef {
    name: "WebSocketMockIntegration",
    module: Module::Integrations,
    role: Role::Integration,
    keyed: true,
    doc: "A mock integration (`MOCK`): API Gateway answers the route without a backend, from \
          its request templates.",
    props: &[
        opt(
            "requestTemplates",
            Kind::Map(&Kind::String),
            "Templates by content type (`application/json`, or `$default`) that make the \
             integration's request.",
        ),
        opt(
            "templateSelectionExpression",
            Kind::String,
            "Which request template applies (`\\$default`).",
        ),
    ],
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: &[],
};

/// `WebSocketAwsIntegration`: calls an AWS service action for a WebSocket route.
pub static WEBSOCKET_AWS_INTEGRATION: TypeDef = TypeDef {
    name: "WebSocketAwsIntegration",
    module: Module::Integrations,
    role: Role::Integration,
    keyed: true,
    doc: "Calls an AWS service's action (`AWS`), such as DynamoDB `PutItem`, for a WebSocket \
          route, with a role API Gateway assumes and request templates that make the call.",
    props: &[
        req(
            "integrationUri",
            Kind::String,
            "The action's URI: `arn:aws:apigateway:${Aws.REGION}:dynamodb:action/PutItem`.",
        ),
        req(
            "integrationMethod",
            Kind::Enum(&HTTP_METHOD),
            "The HTTP method of the call to the service (`POST` for actions).",
        ),
        opt(
            "credentialsRole",
            Kind::Construct(&["Role"]),
            "The role API Gateway assumes to call the service.",
        ),
        opt(
            "requestParameters",
            Kind::Map(&Kind::String),
            "Request parameters to send, by destination \
             (`integration.request.header.X-Amz-Target`) with a source or a quoted constant.",
        ),
        opt(
            "requestTemplates",
            Kind::Map(&Kind::String),
            "Templates by content type (`application/json`, or `$default`) that make the \
             service call's body.",
        ),
        opt(
            "templateSelectionExpression",
            Kind::String,
            "Which request template applies (`\\$default`).",
        ),
        opt(
            "passthroughBehavior",
            Kind::Enum(&PASSTHROUGH_BEHAVIOR),
            "What happens to a request no template matches.",
        ),
        opt(
            "contentHandling",
            Kind::Enum(&CONTENT_HANDLING),
            "How binary and text payloads are converted.",
        ),
        opt(
            "timeout",
            Kind::Duration,
            "Maximum time API Gateway waits for the service: 50 milliseconds to 29 seconds.",
        ),
    ],
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: &[],
};
