//! CloudWatch (`aws-cloudwatch`): the metrics of APIs and stages, and the alarms on them.

use super::enums::{COMPARISON_OPERATOR, TREAT_MISSING_DATA, UNIT};
use super::{AttrDef, AttrKind, Kind, MetricDef, Module, PropDef, Role, TypeDef, dflt, opt, req};

/// `metric(metricName, props)`, which every API and stage has.
const GENERIC: MetricDef = MetricDef {
    name: "metric",
    metric_name: None,
    statistic: None,
    doc: "Any metric of the `AWS/ApiGateway` namespace, by name (`metricName`).",
};

/// The metrics of an HTTP API or stage.
pub(super) const HTTP_METRICS: &[MetricDef] = &[
    MetricDef {
        name: "metricClientError",
        metric_name: Some("4xx"),
        statistic: Some("Sum"),
        doc: "Client-side errors (`4xx`), summed.",
    },
    MetricDef {
        name: "metricServerError",
        metric_name: Some("5xx"),
        statistic: Some("Sum"),
        doc: "Server-side errors (`5xx`), summed.",
    },
    MetricDef {
        name: "metricDataProcessed",
        metric_name: Some("DataProcessed"),
        statistic: Some("Sum"),
        doc: "The amount of data processed in bytes (`DataProcessed`), summed.",
    },
    MetricDef {
        name: "metricCount",
        metric_name: Some("Count"),
        statistic: Some("SampleCount"),
        doc: "The number of requests (`Count`), as a sample count.",
    },
    MetricDef {
        name: "metricIntegrationLatency",
        metric_name: Some("IntegrationLatency"),
        statistic: None,
        doc: "The time between API Gateway relaying a request to the backend and receiving its \
              response (`IntegrationLatency`), averaged.",
    },
    MetricDef {
        name: "metricLatency",
        metric_name: Some("Latency"),
        statistic: None,
        doc: "The time between API Gateway receiving a request and returning its response \
              (`Latency`), averaged.",
    },
    GENERIC,
];

/// The metrics of a WebSocket API or stage.
pub(super) const WEBSOCKET_METRICS: &[MetricDef] = &[GENERIC];

/// CDK `MetricOptions`: what a metric method takes.
pub const METRIC_OPTIONS: &[PropDef] =
    &[OPTIONS[0], OPTIONS[1], OPTIONS[2], OPTIONS[3], OPTIONS[4]];

/// What `metric(metricName, props)` takes: the name, then `MetricOptions`.
pub const GENERIC_METRIC_OPTIONS: &[PropDef] = &[
    req(
        "metricName",
        Kind::String,
        "The metric's name (`4xx`, `Latency`, ...).",
    ),
    OPTIONS[0],
    OPTIONS[1],
    OPTIONS[2],
    OPTIONS[3],
    OPTIONS[4],
];

const OPTIONS: [PropDef; 5] = [
    opt(
        "statistic",
        Kind::String,
        "`Average`, `Sum`, `SampleCount`, `Minimum`, `Maximum`, or a percentile such as `p99`.",
    ),
    dflt(
        "period",
        Kind::Duration,
        "5 minutes",
        "The period the statistic is computed over: 1, 5, 10, 30 seconds or a multiple of a \
         minute.",
    ),
    opt("label", Kind::String, "A label for the metric."),
    opt(
        "unit",
        Kind::Enum(&UNIT),
        "Only data points of this unit (all units when omitted).",
    ),
    opt(
        "dimensionsMap",
        Kind::Map(&Kind::String),
        "Dimensions: an API's metrics have `ApiId`, a stage's `ApiId` and `Stage` (which a \
         stage's metrics always use).",
    ),
];

/// CDK `MathExpressionProps`: a metric computed from others (`new MathExpression({...})`).
pub const MATH_EXPRESSION_PROPS: &[PropDef] = &[
    req(
        "expression",
        Kind::String,
        "The expression over the metrics of `usingMetrics` (`100 * (e4 + e5) / n`).",
    ),
    req(
        "usingMetrics",
        Kind::Map(&Kind::Metric),
        "The metrics the expression names, by identifier (a lower-case letter, then letters, \
         digits and `_`).",
    ),
    opt(
        "label",
        Kind::String,
        "A label for the expression's result.",
    ),
    dflt(
        "period",
        Kind::Duration,
        "5 minutes",
        "The period of the expression and of every metric it uses (theirs are overridden).",
    ),
];

/// `cloudwatch.Alarm`: an alarm on a metric of an API or stage.
pub static ALARM: TypeDef = TypeDef {
    name: "Alarm",
    module: Module::CloudWatch,
    role: Role::Construct,
    keyed: true,
    doc: "A CloudWatch alarm (`AWS::CloudWatch::Alarm`) on a metric of an API or stage: CDK's \
          `new Alarm(scope, id, { metric, ... })` and `metric.createAlarm(scope, id, ...)` alike.",
    props: &[
        req(
            "metric",
            Kind::Metric,
            "The metric: `Api.metricServerError`, `{ Api.metricServerError: { period: 1 \
             minute } }` with options, or `{ MathExpression: { expression, usingMetrics } }`.",
        ),
        req(
            "threshold",
            Kind::Number,
            "The value the statistic is compared with.",
        ),
        req(
            "evaluationPeriods",
            Kind::Integer,
            "How many periods are compared with the threshold.",
        ),
        dflt(
            "datapointsToAlarm",
            Kind::Integer,
            "evaluationPeriods",
            "How many of those periods must breach to alarm.",
        ),
        dflt(
            "comparisonOperator",
            Kind::Enum(&COMPARISON_OPERATOR),
            "GREATER_THAN_OR_EQUAL_TO_THRESHOLD",
            "How the statistic is compared with the threshold.",
        ),
        opt(
            "treatMissingData",
            Kind::Enum(&TREAT_MISSING_DATA),
            "How missing data points count (CloudWatch default `missing`).",
        ),
        opt(
            "alarmName",
            Kind::String,
            "The alarm's name (generated by CloudFormation when omitted).",
        ),
        opt(
            "alarmDescription",
            Kind::String,
            "A description of the alarm.",
        ),
        dflt(
            "actionsEnabled",
            Kind::Bool,
            "true",
            "Whether the alarm's actions run.",
        ),
        opt(
            "evaluateLowSampleCountPercentile",
            Kind::String,
            "For percentiles: `evaluate` or `ignore` periods with few samples.",
        ),
    ],
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: &[
        AttrDef {
            name: "alarmArn",
            kind: AttrKind::Value,
            doc: "The alarm's ARN.",
        },
        AttrDef {
            name: "alarmName",
            kind: AttrKind::Value,
            doc: "The alarm's name.",
        },
    ],
};
