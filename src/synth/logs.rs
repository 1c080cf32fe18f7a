//! CloudWatch log groups and the access log settings of stages.

use crate::synth::json::{Map, Value, json};

use super::tokens::Str;
use super::tree::{NodeId, Resource};
use super::{Handle, Synth};
use crate::model::{Construct, Props, ValueKind};

/// What synth knows of a log group.
#[derive(Clone, Debug)]
pub struct LogGroupInfo {
    /// The log group's construct node.
    pub node: NodeId,
    /// `logGroupName`.
    pub name: Str,
    /// `logGroupArn`.
    pub arn: Str,
}

/// CDK's `AccessLogFormat.clf()`.
pub const CLF: &str = "$context.identity.sourceIp $context.identity.caller $context.identity.user \
     [$context.requestTime] \"$context.httpMethod $context.resourcePath $context.protocol\" \
     $context.status $context.responseLength $context.requestId";

/// The default format of a WebSocket stage's access logs (CDK's `WebSocketStage`).
pub const WEBSOCKET_CLF: &str = "$context.identity.sourceIp $context.identity.caller \
     $context.identity.user [$context.requestTime] \"$context.eventType $context.routeKey \
     $context.connectionId\" $context.status $context.requestId";

/// The fields of `jsonWithStandardFields`, in CDK's order, with their variables.
const STANDARD_FIELDS: [(&str, &str); 9] = [
    ("ip", "$context.identity.sourceIp"),
    ("user", "$context.identity.user"),
    ("caller", "$context.identity.caller"),
    ("requestTime", "$context.requestTime"),
    ("httpMethod", "$context.httpMethod"),
    ("resourcePath", "$context.resourcePath"),
    ("status", "$context.status"),
    ("protocol", "$context.protocol"),
    ("responseLength", "$context.responseLength"),
];

/// `new logs.LogGroup(scope, id, props)`, `LogGroup.fromLogGroupName` or `fromLogGroupArn`.
pub fn create_log_group(
    s: &mut Synth,
    construct: &Construct,
    node: NodeId,
) -> Option<LogGroupInfo> {
    if let Some(import) = &construct.import {
        let text = s.string(&import.value)?;
        return Some(if import.def.name == "fromLogGroupArn" {
            imported_by_arn(node, &text)
        } else {
            let name = text
                .as_literal()
                .map(|n| Str::lit(n.strip_suffix(":*").unwrap_or(&n)))
                .unwrap_or(text);
            let arn = Str::lit("arn:")
                .and(&s.env.partition())
                .and_lit(":logs:")
                .and(&s.env.region())
                .and_lit(":")
                .and(&s.env.account())
                .and_lit(":log-group:")
                .and(&name)
                .and_lit(":*");
            LogGroupInfo { node, name, arn }
        });
    }
    let props = &construct.props;
    let mut p = Map::new();
    if let Some(name) = s.prop_json(props, "logGroupName") {
        p.insert("LogGroupName".into(), name);
    }
    let retention = match props.get("retention").map(|v| &v.kind) {
        Some(ValueKind::Member(m)) => m.value,
        _ => "731",
    };
    if let Ok(days) = retention.parse::<u32>() {
        p.insert("RetentionInDays".into(), json!(days));
    }
    let policy = match props.get("removalPolicy").map(|v| &v.kind) {
        Some(ValueKind::Member(m)) => m.value,
        _ => "Retain",
    };
    let resource = Resource::new("AWS::Logs::LogGroup", p).with_removal_policy(policy);
    let resource = s.tree.add_resource(node, "Resource", resource).ok()?;
    let logical_id = s.tree.logical_id(resource);
    Some(LogGroupInfo {
        node,
        name: Str::reference(&logical_id),
        arn: Str::get_att(&logical_id, "Arn"),
    })
}

/// `LogGroup.fromLogGroupArn`: the ARN with `:*` at its end, the name its 7th field.
fn imported_by_arn(node: NodeId, arn: &Str) -> LogGroupInfo {
    match arn.as_literal() {
        Some(text) => {
            let base = text.strip_suffix(":*").unwrap_or(&text);
            let name = base.splitn(7, ':').nth(6).unwrap_or_default();
            LogGroupInfo {
                node,
                name: Str::lit(name),
                arn: Str::lit(format!("{base}:*")),
            }
        }
        None => LogGroupInfo {
            node,
            name: Str::token(json!({ "Fn::Select": [6, { "Fn::Split": [":", arn.to_json()] }] })),
            arn: arn.clone().and_lit(":*"),
        },
    }
}

/// A stage's `AccessLogSettings` from its `accessLogSettings` struct.
pub fn access_log_settings(s: &mut Synth, settings: &Props, websocket: bool) -> Option<Value> {
    let ValueKind::Struct(destination) = &settings.get("destination")?.kind else {
        return None;
    };
    let ValueKind::Construct(path) = &destination.get("logGroup")?.kind else {
        return None;
    };
    let Handle::LogGroup(group) = s.handle(path)? else {
        return None;
    };
    let format = match settings.get("format").map(|v| &v.kind) {
        None if websocket => Str::lit(WEBSOCKET_CLF),
        None => Str::lit(CLF),
        Some(ValueKind::Member(_)) => Str::lit(CLF),
        Some(ValueKind::Factory(factory, arg)) if factory.name == "custom" => s.string(arg)?,
        Some(ValueKind::Factory(_, arg)) => match &arg.kind {
            ValueKind::Struct(fields) => Str::lit(json_with_standard_fields(fields)),
            _ => return None,
        },
        Some(_) => return None,
    };
    Some(json!({ "DestinationArn": group.arn.to_json(), "Format": format.to_json() }))
}

/// `AccessLogFormat.jsonWithStandardFields(fields)` as `JSON.stringify` writes it.
pub fn json_with_standard_fields(fields: &Props) -> String {
    let mut out = String::from("{\"requestId\":\"$context.requestId\"");
    for (name, variable) in STANDARD_FIELDS {
        if fields.bool(name) != Some(false) {
            out.push_str(&format!(",\"{name}\":\"{variable}\""));
        }
    }
    out.push('}');
    out
}
