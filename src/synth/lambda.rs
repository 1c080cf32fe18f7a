//! Lambda functions: owned functions with their execution role, imported functions, and the
//! permissions integrations add to them.

use crate::synth::json::{Map, Value, json};

use super::tokens::Str;
use super::tree::{NodeId, Resource};
use super::{Synth, put};
use crate::model::plan::can_create_permissions;
use crate::model::{Construct, ValueKind};

/// What synth knows of a function.
#[derive(Clone, Debug)]
pub struct FunctionInfo {
    /// The function's construct node.
    pub node: NodeId,
    /// `functionArn`.
    pub arn: Str,
    /// `functionName`.
    pub name: Str,
    /// Whether permissions can be added (`canCreatePermissions` in CDK).
    pub can_create_permissions: bool,
}

/// `new lambda.Function(scope, id, props)` or `Function.fromFunctionArn(scope, id, arn)`.
pub fn create_function(s: &mut Synth, construct: &Construct, node: NodeId) -> Option<FunctionInfo> {
    if let Some(import) = &construct.import {
        let arn = s.string(&import.value)?;
        let literal = arn.as_literal();
        let can_create_permissions = can_create_permissions(s.model, construct);
        // CDK's `extractNameFromArn`: the 7th `:`-separated field, computed by CloudFormation
        // when the ARN is a token.
        let name = match literal.as_deref() {
            Some(a) => Str::lit(a.split(':').nth(6).unwrap_or_default()),
            None => Str::token(json!({ "Fn::Select": [6, { "Fn::Split": [":", arn.to_json()] }] })),
        };
        return Some(FunctionInfo {
            node,
            arn,
            name,
            can_create_permissions,
        });
    }
    let props = &construct.props;
    let role_node = s.tree.add(node, "ServiceRole").ok()?;
    let managed_policy = Str::lit("arn:")
        .and(&s.env.partition())
        .and_lit(":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
    let mut role = Map::new();
    role.insert(
        "AssumeRolePolicyDocument".into(),
        json!({
            "Statement": [{
                "Action": "sts:AssumeRole",
                "Effect": "Allow",
                "Principal": { "Service": "lambda.amazonaws.com" }
            }],
            "Version": "2012-10-17"
        }),
    );
    role.insert(
        "ManagedPolicyArns".into(),
        json!([managed_policy.to_json()]),
    );
    let role_resource = s
        .tree
        .add_resource(role_node, "Resource", Resource::new("AWS::IAM::Role", role))
        .ok()?;
    let role_id = s.tree.logical_id(role_resource);

    let mut p = Map::new();
    if let Some(ValueKind::Factory(factory, arg)) = props.get("code").map(|v| &v.kind)
        && factory.name == "fromInline"
    {
        let code = s.json(arg)?;
        p.insert("Code".into(), json!({ "ZipFile": code }));
    }
    let description = s.prop_json(props, "description");
    put(&mut p, "Description", description);
    if let Some(ValueKind::Map(vars)) = props.get("environment").map(|v| &v.kind)
        && !vars.is_empty()
    {
        let vars = s.json(props.get("environment")?)?;
        p.insert("Environment".into(), json!({ "Variables": vars }));
    }
    let function_name = s.prop_json(props, "functionName");
    put(&mut p, "FunctionName", function_name);
    let handler = s.prop_json(props, "handler");
    put(&mut p, "Handler", handler);
    let memory = s.prop_json(props, "memorySize");
    put(&mut p, "MemorySize", memory);
    p.insert("Role".into(), Str::get_att(&role_id, "Arn").to_json());
    let runtime = s.prop_json(props, "runtime");
    put(&mut p, "Runtime", runtime);
    let timeout = s.prop_json(props, "timeout");
    put(&mut p, "Timeout", timeout);
    let resource = s
        .tree
        .add_resource(node, "Resource", Resource::new("AWS::Lambda::Function", p))
        .ok()?;
    s.tree.add_dependency(resource, role_node);
    let id = s.tree.logical_id(resource);
    Some(FunctionInfo {
        node,
        arn: Str::get_att(&id, "Arn"),
        name: Str::reference(&id),
        can_create_permissions: true,
    })
}

/// `fn.addPermission(id, { scope, principal: apigateway, sourceArn })`: a `CfnPermission` at
/// `scope/id`, or (once per function, at `span`: the integration's `handler`) a warning when CDK
/// cannot add permissions to the imported function.
pub fn add_permission(s: &mut Synth, f: &FunctionInfo, scope: NodeId, id: &str, source_arn: &Str) {
    // Validate's plan warned that API Gateway gets no permission.
    if !f.can_create_permissions {
        return;
    }
    let mut p = Map::new();
    p.insert(
        "Action".into(),
        Value::String("lambda:InvokeFunction".into()),
    );
    p.insert("FunctionName".into(), f.arn.to_json());
    p.insert(
        "Principal".into(),
        Value::String("apigateway.amazonaws.com".into()),
    );
    p.insert("SourceArn".into(), source_arn.to_json());
    let resource = Resource::new("AWS::Lambda::Permission", p);
    // A duplicate id was reported by validate's plan.
    let _ = s.tree.add_resource(scope, id, resource);
}
