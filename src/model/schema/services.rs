//! AWS service integrations of HTTP APIs (`aws-apigatewayv2-integrations`) and the resources
//! they reach: SQS queues and EventBridge buses.

use super::enums::{
    HTTP_CONNECTION_TYPE, HTTP_INTEGRATION_SUBTYPE, HTTP_INTEGRATION_TYPE, HTTP_METHOD,
    INTEGRATION_CREDENTIALS, PAYLOAD_FORMAT_VERSION, REMOVAL_POLICY,
};
use super::{AttrDef, AttrKind, ImportDef, Kind, Module, Role, TypeDef, dflt, opt, req};

/// Whether an integration type is an AWS service integration (it gets an invoke role).
pub fn is_service_integration(name: &str) -> bool {
    matches!(
        name,
        "HttpSqsIntegration" | "HttpEventBridgeIntegration" | "HttpStepFunctionsIntegration"
    )
}

const SERVICE_MAPPING_DOC: &str = "The request parameters of the service call, by name \
     (`ParameterMapping.custom(name, value)`): values are `$request...` selectors, text or \
     `${...}`; it replaces CDK's default mapping.";

/// `HttpSqsIntegration`: sends, receives, deletes or purges SQS messages.
pub static HTTP_SQS_INTEGRATION: TypeDef = TypeDef {
    name: "HttpSqsIntegration",
    module: Module::Integrations,
    role: Role::Integration,
    keyed: true,
    doc: "Calls SQS for the request (`AWS_PROXY` with an SQS subtype), through a role CDK \
          creates under the route (`InvokeRole`) with the one action the subtype needs.",
    props: &[
        req("queue", Kind::Construct(&["Queue"]), "The queue."),
        dflt(
            "subtype",
            Kind::Enum(&HTTP_INTEGRATION_SUBTYPE),
            "SQS_SEND_MESSAGE",
            "The SQS action: `SQS_SEND_MESSAGE`, `SQS_RECEIVE_MESSAGE`, `SQS_DELETE_MESSAGE` or \
             `SQS_PURGE_QUEUE`.",
        ),
        opt(
            "parameterMapping",
            Kind::Map(&Kind::String),
            SERVICE_MAPPING_DOC,
        ),
    ],
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: &[],
};

/// `HttpEventBridgeIntegration`: puts events on an EventBridge bus.
pub static HTTP_EVENTBRIDGE_INTEGRATION: TypeDef = TypeDef {
    name: "HttpEventBridgeIntegration",
    module: Module::Integrations,
    role: Role::Integration,
    keyed: true,
    doc: "Puts the request as an event on an EventBridge bus (`EventBridge-PutEvents`), through \
          a role CDK creates under the route (`InvokeRole`).",
    props: &[
        req(
            "eventBusRef",
            Kind::Construct(&["EventBus"]),
            "The bus (CDK's `bus.eventBusRef`).",
        ),
        dflt(
            "subtype",
            Kind::Enum(&HTTP_INTEGRATION_SUBTYPE),
            "EVENTBRIDGE_PUT_EVENTS",
            "The EventBridge action (only `EVENTBRIDGE_PUT_EVENTS`).",
        ),
        opt(
            "parameterMapping",
            Kind::Map(&Kind::String),
            "The event's fields (`Detail`, `DetailType`, `Source`, ...), replacing CDK's default \
             (`$request.body.<field>`); `EventBusName` is added when missing.",
        ),
    ],
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: &[],
};

/// `HttpRouteIntegration`: an integration class of your own; its `bind()` result as props.
pub static HTTP_ROUTE_INTEGRATION: TypeDef = TypeDef {
    name: "HttpRouteIntegration",
    module: Module::ApiGatewayV2,
    role: Role::Integration,
    keyed: true,
    doc: "An integration of your own (a subclass of CDK's `HttpRouteIntegration`), written as \
          what its `bind()` returns: for AWS services without a class of their own (Kinesis, \
          AppConfig, ...) an `AWS_PROXY` type with a `subtype`, `credentials` and a \
          `parameterMapping`.",
    props: &[
        req(
            "integrationType",
            Kind::Enum(&HTTP_INTEGRATION_TYPE),
            "The integration type (`type` of the bind result).",
        ),
        opt(
            "subtype",
            Kind::Enum(&HTTP_INTEGRATION_SUBTYPE),
            "The AWS service action.",
        ),
        opt(
            "uri",
            Kind::String,
            "The backend: a URL, or a Lambda function's ARN.",
        ),
        opt(
            "method",
            Kind::Enum(&HTTP_METHOD),
            "The method sent to an HTTP backend.",
        ),
        opt(
            "payloadFormatVersion",
            Kind::Enum(&PAYLOAD_FORMAT_VERSION),
            "The event format.",
        ),
        opt(
            "credentials",
            Kind::Enum(&INTEGRATION_CREDENTIALS),
            "What API Gateway calls the service as: `{ fromRole: <Role entry> }` or \
             `useCallerIdentity`.",
        ),
        opt(
            "connectionType",
            Kind::Enum(&HTTP_CONNECTION_TYPE),
            "`INTERNET` or `VPC_LINK`.",
        ),
        opt(
            "parameterMapping",
            Kind::Map(&Kind::String),
            "The request parameters, by name (`ParameterMapping.custom(name, value)`).",
        ),
        opt(
            "timeout",
            Kind::Duration,
            "Maximum time API Gateway waits for the backend: 50 milliseconds to 29 seconds.",
        ),
    ],
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: &[],
};

/// `sqs.Queue`: an SQS queue.
pub static QUEUE: TypeDef = TypeDef {
    name: "Queue",
    module: Module::Sqs,
    role: Role::Construct,
    keyed: true,
    doc: "An SQS queue (`AWS::SQS::Queue`), deleted with the stack unless its removal policy \
          says otherwise; or an existing one imported with `fromQueueArn`.",
    props: &[
        opt(
            "queueName",
            Kind::String,
            "The queue's name (generated when omitted; FIFO names end in `.fifo`).",
        ),
        opt(
            "fifo",
            Kind::Bool,
            "Whether the queue is first-in-first-out.",
        ),
        opt(
            "visibilityTimeout",
            Kind::Duration,
            "How long a received message stays hidden (SQS default 30 seconds).",
        ),
        opt(
            "retentionPeriod",
            Kind::Duration,
            "How long messages are kept (SQS default 4 days).",
        ),
        dflt(
            "removalPolicy",
            Kind::Enum(&REMOVAL_POLICY),
            "DESTROY",
            "What happens to the queue when it leaves the stack.",
        ),
    ],
    imports: &[ImportDef {
        name: "fromQueueArn",
        arg: Kind::String,
        doc: "Imports an existing queue by ARN.",
    }],
    metrics: &[],
    methods: &[],
    attrs: &[
        AttrDef {
            name: "queueUrl",
            kind: AttrKind::Value,
            doc: "The queue's URL.",
        },
        AttrDef {
            name: "queueArn",
            kind: AttrKind::Value,
            doc: "The queue's ARN.",
        },
        AttrDef {
            name: "queueName",
            kind: AttrKind::Value,
            doc: "The queue's name.",
        },
    ],
};

/// `events.EventBus`: an EventBridge event bus.
pub static EVENT_BUS: TypeDef = TypeDef {
    name: "EventBus",
    module: Module::Events,
    role: Role::Construct,
    keyed: true,
    doc: "An EventBridge event bus (`AWS::Events::EventBus`), or an existing one imported with \
          `fromEventBusName` or `fromEventBusArn`.",
    props: &[dflt(
        "eventBusName",
        Kind::String,
        "a unique name from the construct path",
        "The bus's name.",
    )],
    imports: &[
        ImportDef {
            name: "fromEventBusName",
            arg: Kind::String,
            doc: "Imports a bus of this stack's account and region by name.",
        },
        ImportDef {
            name: "fromEventBusArn",
            arg: Kind::String,
            doc: "Imports a bus by ARN.",
        },
    ],
    metrics: &[],
    methods: &[],
    attrs: &[
        AttrDef {
            name: "eventBusName",
            kind: AttrKind::Value,
            doc: "The bus's name.",
        },
        AttrDef {
            name: "eventBusArn",
            kind: AttrKind::Value,
            doc: "The bus's ARN.",
        },
    ],
};
