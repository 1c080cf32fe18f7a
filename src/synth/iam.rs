//! IAM roles, and the Lambda authorizers that invoke functions (with a role or a permission).

use crate::synth::json::{Map, Value, json};

use super::http::{AuthorizerApi, RouteInfo, authorizer_resource, route_arn_for};
use super::lambda::add_permission;
use super::tokens::Str;
use super::tree::{NodeId, Resource};
use super::{Handle, Synth, put};
use crate::model::plan::role_is_mutable;
use crate::model::{Call, Construct, ValueKind};

/// What synth knows of a role.
#[derive(Clone, Debug)]
pub struct RoleInfo {
    /// The role's construct node.
    pub node: NodeId,
    /// `roleArn`.
    pub arn: Str,
    /// `roleName`.
    pub name: Str,
}

/// `new iam.Role(scope, id, props)` or `Role.fromRoleArn(scope, id, arn)`.
pub fn create_role(s: &mut Synth, construct: &Construct, node: NodeId) -> Option<RoleInfo> {
    if let Some(import) = &construct.import {
        let arn = s.string(&import.value)?;
        // The name is what follows the last `/` of the ARN.
        let name = match arn.as_literal() {
            Some(text) => Str::lit(text.rsplit('/').next().unwrap_or_default()),
            None => Str::token(
                json!({ "Fn::Select": [1, { "Fn::Split": ["/", { "Fn::Select": [5, { "Fn::Split": [":", arn.to_json()] }] }] }] }),
            ),
        };
        return Some(RoleInfo { node, arn, name });
    }
    let props = &construct.props;
    let account_root = |s: &Synth, account: &Str| {
        json!({ "AWS": Str::lit("arn:")
            .and(&s.env.partition())
            .and_lit(":iam::")
            .and(account)
            .and_lit(":root")
            .to_json() })
    };
    let principal = match props.get("assumedBy").map(|v| &v.kind) {
        Some(ValueKind::Factory(factory, arg)) => {
            let value = s.string(arg)?;
            match factory.name {
                "ServicePrincipal" => json!({ "Service": value.to_json() }),
                "AccountPrincipal" => account_root(s, &value),
                _ => json!({ "AWS": value.to_json() }),
            }
        }
        Some(ValueKind::Member(_)) => account_root(s, &s.env.account()),
        _ => return None,
    };
    let mut p = Map::new();
    p.insert(
        "AssumeRolePolicyDocument".into(),
        assume_role_document(principal),
    );
    let description = s.prop_json(props, "description");
    put(&mut p, "Description", description);
    let name = s.prop_json(props, "roleName");
    put(&mut p, "RoleName", name);
    let resource = s
        .tree
        .add_resource(node, "Resource", Resource::new("AWS::IAM::Role", p))
        .ok()?;
    let id = s.tree.logical_id(resource);
    Some(RoleInfo {
        node,
        arn: Str::get_att(&id, "Arn"),
        name: Str::reference(&id),
    })
}

/// The trust policy of a role that `principal` (`{ "Service": ... }`, `{ "AWS": ... }`) can
/// assume.
pub fn assume_role_document(principal: Value) -> Value {
    json!({
        "Statement": [{ "Action": "sts:AssumeRole", "Effect": "Allow", "Principal": principal }],
        "Version": "2012-10-17"
    })
}

/// What synth knows of a user.
#[derive(Clone, Debug)]
pub struct UserInfo {
    /// The user's construct node.
    pub node: NodeId,
    /// `userArn`.
    pub arn: Str,
    /// `userName`.
    pub name: Str,
}

/// `new iam.User(scope, id, props)` or `User.fromUserName(scope, id, name)`.
pub fn create_user(s: &mut Synth, construct: &Construct, node: NodeId) -> Option<UserInfo> {
    if let Some(import) = &construct.import {
        let name = s.string(&import.value)?;
        let arn = Str::lit("arn:")
            .and(&s.env.partition())
            .and_lit(":iam::")
            .and(&s.env.account())
            .and_lit(":user/")
            .and(&name);
        return Some(UserInfo { node, arn, name });
    }
    let mut p = Map::new();
    let name = s.prop_json(&construct.props, "userName");
    put(&mut p, "UserName", name);
    let resource = s
        .tree
        .add_resource(node, "Resource", Resource::new("AWS::IAM::User", p))
        .ok()?;
    let id = s.tree.logical_id(resource);
    Some(UserInfo {
        node,
        arn: Str::get_att(&id, "Arn"),
        name: Str::reference(&id),
    })
}

/// `route.grantInvoke(grantee, { httpMethods })`: a statement allowing `execute-api:Invoke` on
/// the route's ARN for each method, in the grantee's `DefaultPolicy`.
pub fn grant_invoke(s: &mut Synth, route: &RouteInfo, call: &Call) -> Option<()> {
    let Handle::HttpApi(api) = s.handles.get(&route.api)?.clone() else {
        return None;
    };
    let ValueKind::Construct(grantee) = &call.args.get("grantee")?.kind else {
        return None;
    };
    let mut methods: Vec<String> = Vec::new();
    match call.args.get("httpMethods").map(|v| &v.kind) {
        Some(ValueKind::List(items)) => {
            for item in items {
                if let ValueKind::Member(m) = &item.kind
                    && !methods.iter().any(|x| x == m.value)
                {
                    methods.push(m.value.to_string());
                }
            }
        }
        _ => methods.push(route.method.clone()),
    }
    let arns: Vec<Value> = methods
        .iter()
        .map(|m| route_arn_for(s, &api, route, m).to_json())
        .collect();
    grant_to(
        s,
        grantee,
        allow(&["execute-api:Invoke"], one_or_many(arns)),
    )
}

/// A list as a policy statement holds it (CDK's `PolicyStatement`): one item as itself,
/// several as a list.
pub fn one_or_many(mut items: Vec<Value>) -> Value {
    if items.len() == 1 {
        items.remove(0)
    } else {
        Value::Array(items)
    }
}

/// An `Allow` statement of `actions` on `resource`.
pub fn allow(actions: &[&str], resource: Value) -> Value {
    let actions = actions.iter().map(|a| json!(a)).collect();
    json!({ "Action": one_or_many(actions), "Effect": "Allow", "Resource": resource })
}

/// `iam.Grant.addToPrincipal`: adds `statement` to the policy of the grantee at the path
/// `grantee`: the `DefaultPolicy` of a user, an owned role or an owned function's execution
/// role, the `Policy` CDK attaches to an imported role or user. An imported function has no role CDK
/// knows: nothing is added (validate warned).
pub fn grant_to(s: &mut Synth, grantee: &str, statement: Value) -> Option<()> {
    let entry = s.model.construct(grantee)?;
    let imported = entry.import.is_some();
    if imported && !role_is_mutable(s.model, entry) {
        return None; // Validate warned.
    }
    let (node, reference, attach, id) = match s.handle(grantee)? {
        Handle::User(user) if imported => (user.node, user.name, "Users", "Policy"),
        Handle::User(user) => (user.node, user.name, "Users", "DefaultPolicy"),
        Handle::Role(role) if imported => (role.node, role.name, "Roles", "Policy"),
        Handle::Role(role) => (role.node, role.name, "Roles", "DefaultPolicy"),
        Handle::Function(function) if !imported => {
            let role = s.tree.child(function.node, "ServiceRole")?;
            let resource = s.tree.child(role, "Resource")?;
            let name = Str::reference(&s.tree.logical_id(resource));
            (role, name, "Roles", "DefaultPolicy")
        }
        _ => return None,
    };
    add_to_policy(s, node, id, &reference, attach, statement)
}

/// Adds `statement` to the policy `id` of the principal at `node` (created on first use,
/// attached to the principal through `attach`: `Users` or `Roles`).
pub fn add_to_policy(
    s: &mut Synth,
    node: NodeId,
    id: &str,
    principal: &Str,
    attach: &str,
    statement: Value,
) -> Option<()> {
    let policy = match s.tree.child(node, id) {
        Some(policy) => s.tree.child(policy, "Resource")?,
        None => {
            let policy = s.tree.add(node, id).ok()?;
            let resource = s
                .tree
                .add_resource(
                    policy,
                    "Resource",
                    Resource::new("AWS::IAM::Policy", Map::new()),
                )
                .ok()?;
            let name = s.tree.logical_id(resource);
            let properties = &mut s.tree.resource_mut(resource)?.properties;
            properties.insert(
                "PolicyDocument".into(),
                json!({ "Statement": [], "Version": "2012-10-17" }),
            );
            properties.insert("PolicyName".into(), json!(name));
            properties.insert(attach.to_string().into(), json!([principal.to_json()]));
            resource
        }
    };
    let properties = &mut s.tree.resource_mut(policy)?.properties;
    if let Some(Value::Array(statements)) = properties
        .get_mut("PolicyDocument")
        .and_then(|d| d.get_mut("Statement"))
    {
        statements.push(statement);
    }
    Some(())
}

/// A Lambda authorizer (HTTP or WebSocket) bound to `api` for the first time: the
/// `AWS::ApiGatewayV2::Authorizer` under the API, then (without a `role`) the function's
/// permission for API Gateway.
pub fn lambda_authorizer(s: &mut Synth, api: AuthorizerApi, index: usize) -> Option<NodeId> {
    let model = s.model;
    let object = model.objects.get(index)?;
    let props = &object.props;
    let ValueKind::Construct(handler) = &props.get("handler")?.kind else {
        return None;
    };
    let Handle::Function(function) = s.handle(handler)? else {
        return None;
    };
    let mut p = Map::new();
    let role = match props.get("role").map(|v| &v.kind) {
        Some(ValueKind::Construct(path)) => match s.handle(path)? {
            Handle::Role(role) => Some(role),
            _ => return None,
        },
        _ => None,
    };
    if !api.websocket {
        // What only HTTP APIs' authorizers have: responses, caching and an invoke role.
        let simple = matches!(props.get("responseTypes").map(|v| &v.kind),
            Some(ValueKind::List(items)) if items.iter().any(|i| matches!(&i.kind, ValueKind::Member(m) if m.value == "SIMPLE")));
        put(
            &mut p,
            "AuthorizerCredentialsArn",
            role.as_ref().map(|r| r.arn.to_json()),
        );
        p.insert(
            "AuthorizerPayloadFormatVersion".into(),
            json!(if simple { "2.0" } else { "1.0" }),
        );
        let ttl = match props.get("resultsCacheTtl").map(|v| &v.kind) {
            Some(ValueKind::Duration(d)) => d.to_millis() / 1000.0,
            _ => 300.0,
        };
        p.insert("AuthorizerResultTtlInSeconds".into(), super::number(ttl));
        if simple {
            p.insert("EnableSimpleResponses".into(), Value::Bool(true));
        }
    }
    p.insert("AuthorizerType".into(), json!("REQUEST"));
    let uri = Str::lit("arn:")
        .and(&s.env.partition())
        .and_lit(":apigateway:")
        .and(&s.env.region())
        .and_lit(":lambda:path/2015-03-31/functions/")
        .and(&function.arn)
        .and_lit("/invocations");
    p.insert("AuthorizerUri".into(), uri.to_json());
    let (node, resource) = authorizer_resource(s, api, index, p)?;
    if role.is_none() {
        let id = format!("{}-Permission", s.tree.node_unique_id(node));
        let authorizer_id = Str::reference(&s.tree.logical_id(resource));
        let source = s.env.format_arn(
            "execute-api",
            api.api_id,
            &Str::lit("authorizers/").and(&authorizer_id),
        );
        add_permission(s, &function, api.node, &id, &source);
    }
    Some(resource)
}
