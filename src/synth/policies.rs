//! IAM policies (`new iam.Policy`) and the principals they are attached to
//! (`users`/`roles`, `attachInlinePolicy`).

use crate::synth::json::{Map, Value, json};

use super::iam::one_or_many;
use super::tree::{NodeId, Resource};
use super::{Handle, Synth};
use crate::model::{Construct, Props, ValueKind};

/// What synth knows of a policy.
#[derive(Clone, Debug)]
pub struct PolicyInfo {
    /// The policy's construct node.
    pub node: NodeId,
    /// Its `AWS::IAM::Policy` resource node.
    pub resource: NodeId,
}

/// `new iam.Policy(scope, id, { policyName, statements, users, roles })`; CDK leaves a policy
/// attached to no one out of the template (the plan does too; validate warned).
pub fn create_policy(s: &mut Synth, construct: &Construct, node: NodeId) -> Option<PolicyInfo> {
    if !s.model.policy_attached(construct) {
        return None;
    }
    let props = &construct.props;
    let statements = statements(s, props);
    let resource = s
        .tree
        .add_resource(
            node,
            "Resource",
            Resource::new("AWS::IAM::Policy", Map::new()),
        )
        .ok()?;
    let name = match s.prop_json(props, "policyName") {
        Some(name) => name,
        None => json!(s.tree.logical_id(resource)),
    };
    let properties = &mut s.tree.resource_mut(resource)?.properties;
    properties.insert(
        "PolicyDocument".into(),
        json!({ "Statement": statements, "Version": "2012-10-17" }),
    );
    properties.insert("PolicyName".into(), name);
    let policy = PolicyInfo { node, resource };
    // CDK's constructor attaches the users, then the roles.
    for (prop, attach) in [("users", "Users"), ("roles", "Roles")] {
        let Some(ValueKind::List(principals)) = props.get(prop).map(|v| &v.kind) else {
            continue;
        };
        for principal in principals {
            if let ValueKind::Construct(path) = &principal.kind {
                attach_to(s, &policy, path, attach);
            }
        }
    }
    Some(policy)
}

/// The statements as CDK renders them: one action or resource as a string, several as a list.
fn statements(s: &mut Synth, props: &Props) -> Vec<Value> {
    let Some(ValueKind::List(items)) = props.get("statements").map(|v| &v.kind) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        let ValueKind::Struct(statement) = &item.kind else {
            continue;
        };
        let mut json = Map::new();
        if let Some(actions) = s.prop_json(statement, "actions") {
            json.insert("Action".into(), statement_list(actions));
        }
        if let Some(conditions) = s.prop_json(statement, "conditions") {
            json.insert("Condition".into(), conditions);
        }
        let effect = match statement.get("effect").map(|v| &v.kind) {
            Some(ValueKind::Member(m)) => m.value,
            _ => "Allow",
        };
        json.insert("Effect".into(), json!(effect));
        if let Some(resources) = s.prop_json(statement, "resources") {
            json.insert("Resource".into(), statement_list(resources));
        }
        if let Some(sid) = s.prop_json(statement, "sid") {
            json.insert("Sid".into(), sid);
        }
        out.push(Value::Object(json));
    }
    out
}

/// A list prop as a statement holds it: one item as itself.
fn statement_list(list: Value) -> Value {
    match list {
        Value::Array(items) => one_or_many(items),
        other => other,
    }
}

/// `principal.attachInlinePolicy(policy)` calls of a user or role entry, in the order written.
pub fn attach_calls(s: &mut Synth, construct: &Construct) {
    let attach = match s.handles.get(&construct.path.value) {
        Some(Handle::User(_)) => "Users",
        Some(Handle::Role(_)) => "Roles",
        _ => return,
    };
    for call in &construct.calls {
        let Some(ValueKind::Construct(policy)) = call.args.get("policy").map(|v| &v.kind) else {
            continue;
        };
        if let Some(Handle::Policy(policy)) = s.handle(policy) {
            attach_to(s, &policy, &construct.path.value, attach);
        }
    }
}

/// Adds the principal at `path` to the policy's `Users` or `Roles` (by name), once.
fn attach_to(s: &mut Synth, policy: &PolicyInfo, path: &str, attach: &str) -> Option<()> {
    let name = match s.handle(path)? {
        Handle::User(user) => user.name.to_json(),
        Handle::Role(role) => role.name.to_json(),
        _ => return None,
    };
    let properties = &mut s.tree.resource_mut(policy.resource)?.properties;
    let list = properties
        .entry(attach.to_string())
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(names) = list
        && !names.contains(&name)
    {
        names.push(name);
    }
    // CloudFormation's property order, as CDK renders it: `PolicyDocument`, `PolicyName`,
    // `Roles`, `Users`.
    properties.sort_keys();
    Some(())
}
