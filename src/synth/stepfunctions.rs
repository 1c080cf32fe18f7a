//! Step Functions state machines: their role, their definition from chained states, and what
//! the Step Functions integration needs of them.

use std::collections::HashSet;

use crate::synth::json::{Map, Value, json};

use super::tokens::Str;
use super::tree::{NodeId, Resource};
use super::{Synth, put};
use crate::model::{Construct, ValueKind};

/// What synth knows of a state machine.
#[derive(Clone, Debug)]
pub struct StateMachineInfo {
    /// The machine's construct node.
    pub node: NodeId,
    /// `stateMachineArn`.
    pub arn: Str,
    /// `stateMachineName`.
    pub name: Str,
}

/// `new sfn.StateMachine(scope, id, props)` or `StateMachine.fromStateMachineArn`.
pub fn create_state_machine(
    s: &mut Synth,
    construct: &Construct,
    node: NodeId,
) -> Option<StateMachineInfo> {
    if let Some(import) = &construct.import {
        let arn = s.string(&import.value)?;
        let name = match arn.as_literal() {
            Some(text) => Str::lit(text.splitn(7, ':').nth(6).unwrap_or_default()),
            None => Str::token(json!({ "Fn::Select": [6, { "Fn::Split": [":", arn.to_json()] }] })),
        };
        return Some(StateMachineInfo { node, arn, name });
    }
    let props = &construct.props;
    let role = s.tree.add(node, "Role").ok()?;
    let source = Str::lit("arn:")
        .and(&s.env.partition())
        .and_lit(":states:")
        .and(&s.env.region())
        .and_lit(":")
        .and(&s.env.account())
        .and_lit(":stateMachine:*");
    let mut role_props = Map::new();
    role_props.insert(
        "AssumeRolePolicyDocument".into(),
        json!({
            "Statement": [{
                "Action": "sts:AssumeRole",
                "Condition": {
                    "ArnLike": { "aws:SourceArn": source.to_json() },
                    "StringEquals": { "aws:SourceAccount": s.env.account().to_json() }
                },
                "Effect": "Allow",
                "Principal": { "Service": "states.amazonaws.com" }
            }],
            "Version": "2012-10-17"
        }),
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
    let definition = match props.get("definitionBody").map(|v| &v.kind) {
        Some(ValueKind::Factory(factory, arg)) if factory.name == "fromString" => {
            s.string(arg)?.to_json()
        }
        Some(ValueKind::Factory(_, arg)) => match &arg.kind {
            ValueKind::Construct(start) => json!(chain_definition(s, start)?),
            _ => return None,
        },
        _ => return None,
    };
    let mut p = Map::new();
    p.insert("DefinitionString".into(), definition);
    p.insert("RoleArn".into(), Str::get_att(&role_id, "Arn").to_json());
    let name = s.prop_json(props, "stateMachineName");
    put(&mut p, "StateMachineName", name);
    if let Some(ValueKind::Member(m)) = props.get("stateMachineType").map(|v| &v.kind) {
        p.insert("StateMachineType".into(), json!(m.value));
    }
    let policy = match props.get("removalPolicy").map(|v| &v.kind) {
        Some(ValueKind::Member(m)) => m.value,
        _ => "Delete",
    };
    let resource = Resource::new("AWS::StepFunctions::StateMachine", p).with_removal_policy(policy);
    let resource = s.tree.add_resource(node, "Resource", resource).ok()?;
    s.tree.add_dependency(resource, role);
    let id = s.tree.logical_id(resource);
    Some(StateMachineInfo {
        node,
        arn: Str::reference(&id),
        name: Str::get_att(&id, "Name"),
    })
}

/// The Amazon States Language of the chain that starts at the state entry `start`, as CDK's
/// `DefinitionBody.fromChainable` writes it (`JSON.stringify`: no spaces, keys in CDK's order).
fn chain_definition(s: &Synth, start: &str) -> Option<String> {
    let model = s.model;
    let mut states = Map::new();
    let mut seen = HashSet::new();
    let mut current = Some(start.to_string());
    while let Some(path) = current.take() {
        if !seen.insert(path.clone()) {
            break;
        }
        let state = model.construct(&path)?;
        let props = &state.props;
        let text = |name: &str| match props.get(name).map(|v| &v.kind) {
            Some(ValueKind::Text(t)) => t.as_literal().map(Value::from),
            _ => None,
        };
        let mut json = Map::new();
        json.insert("Type".into(), json!(state.ty?.name));
        put(&mut json, "Comment", text("comment"));
        put(&mut json, "Error", text("error"));
        put(&mut json, "Cause", text("cause"));
        if state.ty?.name == "Pass" {
            match props.get("next").map(|v| &v.kind) {
                Some(ValueKind::Construct(next)) => {
                    let next_id = next.rsplit('/').next().unwrap_or(next).to_string();
                    json.insert("Next".into(), json!(next_id));
                    current = Some(next.clone());
                }
                _ => {
                    json.insert("End".into(), json!(true));
                }
            }
        }
        states.insert(state.id().to_string().into(), Value::Object(json));
    }
    let start_id = start.rsplit('/').next().unwrap_or(start);
    serde_json::to_string(&json!({ "StartAt": start_id, "States": states })).ok()
}
