//! AWS service integrations (SQS, EventBridge, Step Functions): the role API Gateway assumes, the integration's
//! subtype and request parameters; and the queues and buses they reach.

use crate::synth::json::{Map, Value, json};

use super::iam::{add_to_policy, assume_role_document};
use super::tokens::Str;
use super::tree::{NodeId, Resource};
use super::{Handle, Synth, put};
use crate::model::{Construct, Object, ValueKind};

/// What synth knows of a queue.
#[derive(Clone, Debug)]
pub struct QueueInfo {
    /// The queue's construct node.
    pub node: NodeId,
    /// `queueUrl`.
    pub url: Str,
    /// `queueArn`.
    pub arn: Str,
    /// `queueName`.
    pub name: Str,
}

/// What synth knows of an event bus.
#[derive(Clone, Debug)]
pub struct BusInfo {
    /// The bus's construct node.
    pub node: NodeId,
    /// `eventBusName`.
    pub name: Str,
    /// `eventBusArn`.
    pub arn: Str,
}

/// `new sqs.Queue(scope, id, props)` or `Queue.fromQueueArn(scope, id, arn)`.
pub fn create_queue(s: &mut Synth, construct: &Construct, node: NodeId) -> Option<QueueInfo> {
    if let Some(import) = &construct.import {
        let arn = s.string(&import.value)?;
        // `arn:aws:sqs:<region>:<account>:<name>`: the URL is built from its fields.
        let (name, url) = match arn.as_literal() {
            Some(text) => {
                let fields: Vec<&str> = text.split(':').collect();
                let name = fields.get(5).copied().unwrap_or_default();
                let region = fields.get(3).copied().unwrap_or_default();
                let account = fields.get(4).copied().unwrap_or_default();
                let url = Str::lit(format!("https://sqs.{region}."))
                    .and(&s.env.url_suffix())
                    .and_lit(&format!("/{account}/{name}"));
                (Str::lit(name), url)
            }
            None => return None,
        };
        return Some(QueueInfo {
            node,
            url,
            arn,
            name,
        });
    }
    let props = &construct.props;
    let mut p = Map::new();
    let fifo = props.bool("fifo");
    put(&mut p, "FifoQueue", fifo.map(Value::Bool));
    if let Some(ValueKind::Duration(d)) = props.get("retentionPeriod").map(|v| &v.kind) {
        p.insert(
            "MessageRetentionPeriod".into(),
            super::number(d.to_millis() / 1000.0),
        );
    }
    let name = s.prop_json(props, "queueName");
    put(&mut p, "QueueName", name);
    if let Some(ValueKind::Duration(d)) = props.get("visibilityTimeout").map(|v| &v.kind) {
        p.insert(
            "VisibilityTimeout".into(),
            super::number(d.to_millis() / 1000.0),
        );
    }
    let policy = match props.get("removalPolicy").map(|v| &v.kind) {
        Some(ValueKind::Member(m)) => m.value,
        _ => "Delete",
    };
    let resource = Resource::new("AWS::SQS::Queue", p).with_removal_policy(policy);
    let resource = s.tree.add_resource(node, "Resource", resource).ok()?;
    let id = s.tree.logical_id(resource);
    Some(QueueInfo {
        node,
        url: Str::reference(&id),
        arn: Str::get_att(&id, "Arn"),
        name: Str::get_att(&id, "QueueName"),
    })
}

/// `new events.EventBus(scope, id, props)`, `EventBus.fromEventBusName` or `fromEventBusArn`.
pub fn create_bus(s: &mut Synth, construct: &Construct, node: NodeId) -> Option<BusInfo> {
    if let Some(import) = &construct.import {
        let text = s.string(&import.value)?;
        if import.def.name == "fromEventBusArn" {
            let name = match text.as_literal() {
                Some(arn) => Str::lit(arn.rsplit('/').next().unwrap_or_default()),
                None => return None,
            };
            return Some(BusInfo {
                node,
                name,
                arn: text,
            });
        }
        let arn = Str::lit("arn:")
            .and(&s.env.partition())
            .and_lit(":events:")
            .and(&s.env.region())
            .and_lit(":")
            .and(&s.env.account())
            .and_lit(":event-bus/")
            .and(&text);
        return Some(BusInfo {
            node,
            name: text,
            arn,
        });
    }
    let name = match s.prop_str(&construct.props, "eventBusName") {
        Some(name) => name,
        // CDK's `Names.uniqueId(this)`.
        None => Str::lit(s.tree.node_unique_id(node)),
    };
    let mut p = Map::new();
    p.insert("Name".into(), name.to_json());
    let resource = s
        .tree
        .add_resource(node, "Resource", Resource::new("AWS::Events::EventBus", p))
        .ok()?;
    let id = s.tree.logical_id(resource);
    Some(BusInfo {
        node,
        name: Str::reference(&id),
        arn: Str::get_att(&id, "Arn"),
    })
}

/// The service integration's `bind`: the `InvokeRole` under `route` with the action the
/// subtype needs, then the integration's properties.
pub fn service_integration(
    s: &mut Synth,
    route: NodeId,
    object: &Object,
    p: &mut Map,
) -> Option<()> {
    let props = &object.props;
    let subtype = match props.get("subtype").map(|v| &v.kind) {
        Some(ValueKind::Member(m)) => m.value,
        _ if object.ty.name == "HttpSqsIntegration" => "SQS-SendMessage",
        _ if object.ty.name == "HttpStepFunctionsIntegration" => "StepFunctions-StartExecution",
        _ => "EventBridge-PutEvents",
    };
    // Each service: its action, statement id, resource, default parameter mapping, and the
    // parameter a custom mapping gets when it lacks it (EventBridge's `EventBusName`).
    let (action, sid, resource, defaults, required) = match object.ty.name {
        "HttpSqsIntegration" => {
            let ValueKind::Construct(path) = &props.get("queue")?.kind else {
                return None;
            };
            let Handle::Queue(queue) = s.handle(path)? else {
                return None;
            };
            let action = match subtype {
                "SQS-ReceiveMessage" => "sqs:ReceiveMessage",
                "SQS-DeleteMessage" => "sqs:DeleteMessage",
                "SQS-PurgeQueue" => "sqs:PurgeQueue",
                _ => "sqs:SendMessage",
            };
            let mut mapping = Map::new();
            mapping.insert("QueueUrl".into(), queue.url.to_json());
            match subtype {
                "SQS-SendMessage" => {
                    mapping.insert("MessageBody".into(), json!("$request.body.MessageBody"));
                }
                "SQS-DeleteMessage" => {
                    mapping.insert("ReceiptHandle".into(), json!("$request.body.ReceiptHandle"));
                }
                _ => {}
            }
            (action, "AllowSqsExecution", queue.arn, mapping, None)
        }
        "HttpStepFunctionsIntegration" => {
            let ValueKind::Construct(path) = &props.get("stateMachine")?.kind else {
                return None;
            };
            let Handle::StateMachine(machine) = s.handle(path)? else {
                return None;
            };
            let (action, resource) = match subtype {
                "StepFunctions-StopExecution" => (
                    "states:StopExecution",
                    Str::lit("arn:")
                        .and(&s.env.partition())
                        .and_lit(":states:")
                        .and(&s.env.region())
                        .and_lit(":")
                        .and(&s.env.account())
                        .and_lit(":execution:")
                        .and(&machine.name)
                        .and_lit(":*"),
                ),
                "StepFunctions-StartSyncExecution" => {
                    ("states:StartSyncExecution", machine.arn.clone())
                }
                _ => ("states:StartExecution", machine.arn.clone()),
            };
            let mut mapping = Map::new();
            mapping.insert("StateMachineArn".into(), machine.arn.to_json());
            (
                action,
                "AllowStepFunctionsExecution",
                resource,
                mapping,
                None,
            )
        }
        _ => {
            let ValueKind::Construct(path) = &props.get("eventBusRef")?.kind else {
                return None;
            };
            let Handle::EventBus(bus) = s.handle(path)? else {
                return None;
            };
            let mut mapping = Map::new();
            for field in ["Detail", "DetailType", "Source"] {
                mapping.insert(field.into(), json!(format!("$request.body.{field}")));
            }
            let name = bus.name.to_json();
            mapping.insert("EventBusName".into(), name.clone());
            let required = Some(("EventBusName", name));
            (
                "events:PutEvents",
                "AllowEventBridgePutEvents",
                bus.arn,
                mapping,
                required,
            )
        }
    };
    // A custom mapping replaces the default.
    let mut mapping = match s.prop_json(props, "parameterMapping") {
        Some(Value::Object(custom)) => custom,
        _ => defaults,
    };
    if let Some((name, value)) = required
        && !mapping.contains_key(name)
    {
        mapping.insert(name.into(), value);
    }
    let role = s.tree.add(route, "InvokeRole").ok()?;
    let mut role_props = Map::new();
    role_props.insert(
        "AssumeRolePolicyDocument".into(),
        assume_role_document(json!({ "Service": "apigateway.amazonaws.com" })),
    );
    let role_resource = s
        .tree
        .add_resource(
            role,
            "Resource",
            Resource::new("AWS::IAM::Role", role_props),
        )
        .ok()?;
    let role_id = s.tree.logical_id(role_resource);
    let statement =
        json!({ "Action": action, "Effect": "Allow", "Resource": resource.to_json(), "Sid": sid });
    add_to_policy(
        s,
        role,
        "DefaultPolicy",
        &Str::reference(&role_id),
        "Roles",
        statement,
    )?;
    p.insert("ConnectionType".into(), json!("INTERNET"));
    p.insert(
        "CredentialsArn".into(),
        Str::get_att(&role_id, "Arn").to_json(),
    );
    p.insert("IntegrationSubtype".into(), json!(subtype));
    p.insert("IntegrationType".into(), json!("AWS_PROXY"));
    p.insert("PayloadFormatVersion".into(), json!("1.0"));
    p.insert("RequestParameters".into(), Value::Object(mapping));
    Some(())
}

/// An integration of the user's own (`HttpRouteIntegration`): its bind result as properties.
pub fn custom_integration(s: &mut Synth, object: &Object, p: &mut Map) {
    let props = &object.props;
    let member = |name: &str| match props.get(name).map(|v| &v.kind) {
        Some(ValueKind::Member(m)) => Some(json!(m.value)),
        _ => None,
    };
    put(p, "ConnectionType", member("connectionType"));
    let credentials = match props.get("credentials").map(|v| &v.kind) {
        Some(ValueKind::Factory(_, role)) => match &role.kind {
            ValueKind::Construct(path) => match s.handle(path) {
                Some(Handle::Role(role)) => Some(role.arn.to_json()),
                _ => None,
            },
            _ => None,
        },
        // `IntegrationCredentials.useCallerIdentity()`.
        Some(ValueKind::Member(_)) => Some(
            Str::lit("arn:")
                .and(&s.env.partition())
                .and_lit(":iam::*:user/*")
                .to_json(),
        ),
        _ => None,
    };
    put(p, "CredentialsArn", credentials);
    put(p, "IntegrationMethod", member("method"));
    put(p, "IntegrationSubtype", member("subtype"));
    put(p, "IntegrationType", member("integrationType"));
    let uri = s.prop_json(props, "uri");
    put(p, "IntegrationUri", uri);
    let version = s.prop_json(props, "payloadFormatVersion");
    put(p, "PayloadFormatVersion", version);
}
