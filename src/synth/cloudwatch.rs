//! CloudWatch alarms on the metrics of APIs and stages, rendered as CDK's `Alarm` renders them.

use crate::synth::json::{Map, Value, json};

use super::tokens::Str;
use super::tree::{NodeId, Resource};
use super::{Handle, Synth, number, put};
use crate::model::statistic::{self, Statistic};
use crate::model::{Construct, MetricRef, Props, ValueKind};

/// What synth knows of an alarm.
#[derive(Clone, Debug)]
pub struct AlarmInfo {
    /// The alarm's construct node.
    pub node: NodeId,
    /// Its resource's logical ID.
    pub logical_id: String,
}

/// A metric, computed: what CDK's `Metric` holds.
struct MetricStat {
    name: Str,
    dimensions: Vec<(String, Str)>,
    period: f64,
    statistic: Statistic,
    label: Option<Str>,
    unit: Option<&'static str>,
}

/// `new cloudwatch.Alarm(scope, id, props)` (or `metric.createAlarm(scope, id, props)`).
pub fn create_alarm(s: &mut Synth, construct: &Construct, node: NodeId) -> Option<AlarmInfo> {
    let props = &construct.props;
    let mut p = Map::new();
    match &props.get("metric")?.kind {
        ValueKind::Metric(metric) => {
            let stat = metric_stat(s, metric, None)?;
            put_metric(&mut p, &stat);
        }
        ValueKind::MathExpression(math) => {
            let metrics = math_expression(s, math)?;
            p.insert("Metrics".into(), Value::Array(metrics));
        }
        _ => return None,
    }
    put(
        &mut p,
        "ActionsEnabled",
        props.bool("actionsEnabled").map(Value::Bool),
    );
    let description = s.prop_json(props, "alarmDescription");
    put(&mut p, "AlarmDescription", description);
    let name = s.prop_json(props, "alarmName");
    put(&mut p, "AlarmName", name);
    let operator = match props.get("comparisonOperator").map(|v| &v.kind) {
        Some(ValueKind::Member(m)) => m.value,
        _ => "GreaterThanOrEqualToThreshold",
    };
    p.insert("ComparisonOperator".into(), json!(operator));
    let datapoints = s.prop_json(props, "datapointsToAlarm");
    put(&mut p, "DatapointsToAlarm", datapoints);
    let low_samples = s.prop_json(props, "evaluateLowSampleCountPercentile");
    put(&mut p, "EvaluateLowSampleCountPercentile", low_samples);
    let periods = s.prop_json(props, "evaluationPeriods");
    put(&mut p, "EvaluationPeriods", periods);
    let threshold = s.prop_json(props, "threshold");
    put(&mut p, "Threshold", threshold);
    let missing = s.prop_json(props, "treatMissingData");
    put(&mut p, "TreatMissingData", missing);
    let resource = Resource::new("AWS::CloudWatch::Alarm", p);
    let resource = s.tree.add_resource(node, "Resource", resource).ok()?;
    Some(AlarmInfo {
        node,
        logical_id: s.tree.logical_id(resource),
    })
}

/// A metric's properties of an alarm: the classic form, or a one-metric query when it has a
/// label (an alarm cannot carry one).
fn put_metric(p: &mut Map, stat: &MetricStat) {
    match &stat.label {
        Some(label) => {
            let query = json!({
                "Id": "m1",
                "Label": label.to_json(),
                "MetricStat": metric_stat_json(stat),
                "ReturnData": true
            });
            p.insert("Metrics".into(), json!([query]));
        }
        None => {
            let dimensions = dimensions_json(stat);
            if !dimensions.is_empty() {
                p.insert("Dimensions".into(), Value::Array(dimensions));
            }
            p.insert("MetricName".into(), stat.name.to_json());
            p.insert("Namespace".into(), json!(NAMESPACE));
            p.insert("Period".into(), number(stat.period));
            match &stat.statistic {
                Statistic::Simple(simple) => p.insert("Statistic".into(), json!(simple)),
                other => p.insert("ExtendedStatistic".into(), json!(other.text())),
            };
            put(p, "Unit", stat.unit.map(|u| json!(u)));
        }
    }
}

/// The namespace of API Gateway's metrics.
const NAMESPACE: &str = "AWS/ApiGateway";

/// `[{ Name, Value }]`, sorted by name.
fn dimensions_json(stat: &MetricStat) -> Vec<Value> {
    stat.dimensions
        .iter()
        .map(|(name, value)| json!({ "Name": name, "Value": value.to_json() }))
        .collect()
}

/// A metric query's `MetricStat`.
fn metric_stat_json(stat: &MetricStat) -> Value {
    let mut metric = Map::new();
    let dimensions = dimensions_json(stat);
    if !dimensions.is_empty() {
        metric.insert("Dimensions".into(), Value::Array(dimensions));
    }
    metric.insert("MetricName".into(), stat.name.to_json());
    metric.insert("Namespace".into(), json!(NAMESPACE));
    let mut out = Map::new();
    out.insert("Metric".into(), Value::Object(metric));
    out.insert("Period".into(), number(stat.period));
    out.insert("Stat".into(), json!(stat.statistic.text()));
    put(&mut out, "Unit", stat.unit.map(|u| json!(u)));
    Value::Object(out)
}

/// The metric queries of a math expression: the expression (`expr_1`, returned), then each
/// metric it uses under its identifier, with the expression's period.
fn math_expression(s: &mut Synth, math: &Props) -> Option<Vec<Value>> {
    let period = match math.get("period").map(|v| &v.kind) {
        Some(ValueKind::Duration(d)) => d.to_millis() / 1000.0,
        _ => 300.0,
    };
    let mut expression = Map::new();
    expression.insert("Expression".into(), s.prop_json(math, "expression")?);
    expression.insert("Id".into(), json!("expr_1"));
    let label = s.prop_json(math, "label");
    put(&mut expression, "Label", label);
    expression.insert("ReturnData".into(), json!(true));
    let mut out = vec![Value::Object(expression)];
    let Some(ValueKind::Map(using)) = math.get("usingMetrics").map(|v| &v.kind) else {
        return Some(out);
    };
    for (id, value) in using {
        let ValueKind::Metric(metric) = &value.kind else {
            continue;
        };
        let stat = metric_stat(s, metric, Some(period))?;
        let mut query = Map::new();
        query.insert("Id".into(), json!(&id.value));
        put(&mut query, "Label", stat.label.as_ref().map(Str::to_json));
        query.insert("MetricStat".into(), metric_stat_json(&stat));
        query.insert("ReturnData".into(), json!(false));
        out.push(Value::Object(query));
    }
    Some(out)
}

/// The metric a method of an API or stage returns, with its options applied; `period`
/// overrides the metric's own (a math expression's).
fn metric_stat(s: &mut Synth, metric: &MetricRef, period: Option<f64>) -> Option<MetricStat> {
    let options = &metric.options;
    let (api_id, stage) = match s.handle(&metric.target.value)? {
        Handle::HttpApi(api) => (api.api_id, None),
        Handle::WebSocketApi(api) => (api.api_id, None),
        Handle::Stage(stage) => (stage.api_id, Some(stage.name)),
        _ => return None,
    };
    let name = match metric.def.metric_name {
        Some(name) => Str::lit(name),
        None => s.prop_str(options, "metricName")?,
    };
    let mut dimensions: Vec<(String, Str)> = vec![("ApiId".into(), api_id.clone())];
    if let Some(ValueKind::Map(entries)) = options.get("dimensionsMap").map(|v| &v.kind) {
        dimensions = entries
            .iter()
            .filter_map(|(key, value)| Some((key.value.clone(), s.string(value)?)))
            .collect();
    }
    if let Some(stage) = stage {
        // A stage's metrics always have the API's and the stage's dimensions (`metric.with`).
        dimensions = vec![("ApiId".into(), api_id), ("Stage".into(), stage)];
    }
    dimensions.sort_by(|a, b| a.0.cmp(&b.0));
    let statistic = match options.get("statistic").map(|v| &v.kind) {
        Some(ValueKind::Text(text)) => statistic::parse(&text.as_literal()?),
        _ => statistic::parse(metric.def.statistic.unwrap_or("Average")),
    };
    let own_period = match options.get("period").map(|v| &v.kind) {
        Some(ValueKind::Duration(d)) => d.to_millis() / 1000.0,
        _ => 300.0,
    };
    let period = period.unwrap_or(own_period);
    let unit = match options.get("unit").map(|v| &v.kind) {
        Some(ValueKind::Member(m)) => Some(m.value),
        _ => None,
    };
    Some(MetricStat {
        name,
        dimensions,
        period,
        statistic,
        label: s.prop_str(options, "label"),
        unit,
    })
}
