//! IAM roles, and the Lambda authorizers that invoke functions (with a role or a permission).

use serde_json::{Map, Value, json};

use super::http::ApiInfo;
use super::lambda::add_permission;
use super::tokens::Str;
use super::tree::{NodeId, Resource};
use super::{Handle, Synth, put};
use crate::model::{Construct, ValueKind};

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
    let principal = match props.get("assumedBy").map(|v| &v.kind) {
        Some(ValueKind::Factory(factory, arg)) => {
            let value = s.string(arg)?;
            match factory.name {
                "ServicePrincipal" => json!({ "Service": value.to_json() }),
                "AccountPrincipal" => json!({ "AWS": Str::lit("arn:")
                    .and(&s.env.partition())
                    .and_lit(":iam::")
                    .and(&value)
                    .and_lit(":root")
                    .to_json() }),
                _ => json!({ "AWS": value.to_json() }),
            }
        }
        _ => return None,
    };
    let mut p = Map::new();
    p.insert(
        "AssumeRolePolicyDocument".into(),
        json!({
            "Statement": [{ "Action": "sts:AssumeRole", "Effect": "Allow", "Principal": principal }],
            "Version": "2012-10-17"
        }),
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

/// A Lambda authorizer bound to `api` for the first time: the `AWS::ApiGatewayV2::Authorizer`
/// under the API, then (without a `role`) the function's permission for API Gateway.
pub fn lambda_authorizer(s: &mut Synth, api: &ApiInfo, index: usize) -> Option<NodeId> {
    let model = s.model;
    let object = model.objects.get(index)?;
    let props = &object.props;
    let ValueKind::Construct(handler) = &props.get("handler")?.kind else {
        return None;
    };
    let Handle::Function(function) = s.handle(handler)? else {
        return None;
    };
    let simple = matches!(props.get("responseTypes").map(|v| &v.kind),
        Some(ValueKind::List(items)) if items.iter().any(|i| matches!(&i.kind, ValueKind::Member(m) if m.value == "SIMPLE")));
    let mut p = Map::new();
    p.insert("ApiId".into(), api.api_id.to_json());
    let role = match props.get("role").map(|v| &v.kind) {
        Some(ValueKind::Construct(path)) => match s.handle(path)? {
            Handle::Role(role) => Some(role),
            _ => return None,
        },
        _ => None,
    };
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
    p.insert("AuthorizerType".into(), json!("REQUEST"));
    let uri = Str::lit("arn:")
        .and(&s.env.partition())
        .and_lit(":apigateway:")
        .and(&s.env.region())
        .and_lit(":lambda:path/2015-03-31/functions/")
        .and(&function.arn)
        .and_lit("/invocations");
    p.insert("AuthorizerUri".into(), uri.to_json());
    if simple {
        p.insert("EnableSimpleResponses".into(), Value::Bool(true));
    }
    let identity = s
        .prop_json(props, "identitySource")
        .unwrap_or_else(|| json!(["$request.header.Authorization"]));
    p.insert("IdentitySource".into(), identity);
    let name = s
        .prop_json(props, "authorizerName")
        .unwrap_or_else(|| json!(object.id.value));
    p.insert("Name".into(), name);
    let node = s.tree.add(api.node, &object.id.value).ok()?;
    let resource = s
        .tree
        .add_resource(
            node,
            "Resource",
            Resource::new("AWS::ApiGatewayV2::Authorizer", p),
        )
        .ok()?;
    s.bound_authorizers.insert(index, resource);
    if role.is_none() {
        let id = format!("{}-Permission", s.tree.node_unique_id(node));
        let authorizer_id = Str::reference(&s.tree.logical_id(resource));
        let source = s.env.format_arn(
            "execute-api",
            &api.api_id,
            &Str::lit("authorizers/").and(&authorizer_id),
        );
        add_permission(s, &function, api.node, &id, &source);
    }
    Some(resource)
}
