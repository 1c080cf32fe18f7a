//! Cognito user pools, their app clients, and the user pool authorizers of routes.

use crate::synth::json::{Map, Value, json};

use super::http::{ApiInfo, authorizer_resource};
use super::tokens::Str;
use super::tree::{NodeId, Resource};
use super::{Handle, Synth, put};
use crate::model::{Construct, Props, ValueKind};

/// What synth knows of a user pool.
#[derive(Clone, Debug)]
pub struct UserPoolInfo {
    /// The pool's construct node.
    pub node: NodeId,
    /// `userPoolId`.
    pub id: Str,
    /// `userPoolArn`.
    pub arn: Str,
}

/// What synth knows of an app client.
#[derive(Clone, Debug)]
pub struct ClientInfo {
    /// The client's construct node.
    pub node: NodeId,
    /// `userPoolClientId`.
    pub id: Str,
}

/// `new cognito.UserPool(scope, id, props)` (with its `addClient` calls) or
/// `UserPool.fromUserPoolId`.
pub fn create_user_pool(
    s: &mut Synth,
    construct: &Construct,
    node: NodeId,
) -> Option<UserPoolInfo> {
    if let Some(import) = &construct.import {
        let id = s.string(&import.value)?;
        let arn = s.env.format_arn("cognito-idp", &Str::lit("userpool"), &id);
        return Some(UserPoolInfo { node, id, arn });
    }
    let props = &construct.props;
    const CODE: &str = "The verification code to your new account is {####}";
    const SUBJECT: &str = "Verify your new account";
    let mut p = Map::new();
    p.insert(
        "AccountRecoverySetting".into(),
        json!({ "RecoveryMechanisms": [
            { "Name": "verified_phone_number", "Priority": 1 },
            { "Name": "verified_email", "Priority": 2 }
        ] }),
    );
    p.insert(
        "AdminCreateUserConfig".into(),
        json!({ "AllowAdminCreateUserOnly": true }),
    );
    p.insert("EmailVerificationMessage".into(), json!(CODE));
    p.insert("EmailVerificationSubject".into(), json!(SUBJECT));
    p.insert("SmsVerificationMessage".into(), json!(CODE));
    let name = s.prop_json(props, "userPoolName");
    put(&mut p, "UserPoolName", name);
    p.insert(
        "VerificationMessageTemplate".into(),
        json!({
            "DefaultEmailOption": "CONFIRM_WITH_CODE",
            "EmailMessage": CODE,
            "EmailSubject": SUBJECT,
            "SmsMessage": CODE
        }),
    );
    let policy = match props.get("removalPolicy").map(|v| &v.kind) {
        Some(ValueKind::Member(m)) => m.value,
        _ => "Retain",
    };
    let resource = Resource::new("AWS::Cognito::UserPool", p).with_removal_policy(policy);
    let resource = s.tree.add_resource(node, "Resource", resource).ok()?;
    let logical_id = s.tree.logical_id(resource);
    let pool = UserPoolInfo {
        node,
        id: Str::reference(&logical_id),
        arn: Str::get_att(&logical_id, "Arn"),
    };
    Some(pool)
}

/// The pool's method keys (its entry's, or a call entry's): `addClient`.
pub fn pool_calls(s: &mut Synth, construct: &Construct) {
    let Some(Handle::UserPool(pool)) = s.handles.get(&construct.path.value).cloned() else {
        return;
    };
    for call in construct
        .calls
        .iter()
        .filter(|c| c.method.name == "addClient")
    {
        let Some(key) = &call.key else { continue };
        if let Some(client) = add_client(s, &pool, &key.value, &call.args) {
            s.handles.insert(
                format!("{}/{}", construct.path.value, key.value),
                Handle::UserPoolClient(client),
            );
        }
    }
}

/// `pool.addClient(id, options)`: an app client with CDK's OAuth defaults.
pub fn add_client(
    s: &mut Synth,
    pool: &UserPoolInfo,
    id: &str,
    options: &Props,
) -> Option<ClientInfo> {
    let node = s.tree.add(pool.node, id).ok()?;
    let mut p = Map::new();
    p.insert("AllowedOAuthFlows".into(), json!(["implicit", "code"]));
    p.insert("AllowedOAuthFlowsUserPoolClient".into(), json!(true));
    p.insert(
        "AllowedOAuthScopes".into(),
        json!([
            "profile",
            "phone",
            "email",
            "openid",
            "aws.cognito.signin.user.admin"
        ]),
    );
    p.insert("CallbackURLs".into(), json!(["https://example.com"]));
    let name = s.prop_json(options, "userPoolClientName");
    put(&mut p, "ClientName", name);
    put(
        &mut p,
        "GenerateSecret",
        options.bool("generateSecret").map(Value::Bool),
    );
    p.insert("SupportedIdentityProviders".into(), json!(["COGNITO"]));
    p.insert("UserPoolId".into(), pool.id.to_json());
    let resource = s
        .tree
        .add_resource(
            node,
            "Resource",
            Resource::new("AWS::Cognito::UserPoolClient", p),
        )
        .ok()?;
    Some(ClientInfo {
        node,
        id: Str::reference(&s.tree.logical_id(resource)),
    })
}

/// A user pool authorizer bound to `api` for the first time: a JWT authorizer whose issuer is
/// the pool and whose audiences are its clients (a new `UserPoolAuthorizerClient` without any).
pub fn user_pool_authorizer(s: &mut Synth, api: &ApiInfo, index: usize) -> Option<NodeId> {
    let model = s.model;
    let object = model.objects.get(index)?;
    let props = &object.props;
    let ValueKind::Construct(pool_path) = &props.get("pool")?.kind else {
        return None;
    };
    let Handle::UserPool(pool) = s.handle(pool_path)? else {
        return None;
    };
    let region = match s.prop_str(props, "userPoolRegion") {
        Some(region) => region,
        None => s.env.region(),
    };
    let audiences: Vec<Value> = match props.get("userPoolClients").map(|v| &v.kind) {
        Some(ValueKind::List(items)) => items
            .iter()
            .filter_map(|i| match &i.kind {
                ValueKind::Construct(path) => match s.handle(path)? {
                    Handle::UserPoolClient(client) => Some(client.id.to_json()),
                    _ => None,
                },
                _ => None,
            })
            .collect(),
        _ => {
            let client = add_client(s, &pool, "UserPoolAuthorizerClient", &Props::default())?;
            vec![client.id.to_json()]
        }
    };
    let issuer = Str::lit("https://cognito-idp.")
        .and(&region)
        .and_lit(".amazonaws.com/")
        .and(&pool.id);
    let mut p = Map::new();
    p.insert("AuthorizerType".into(), json!("JWT"));
    p.insert(
        "JwtConfiguration".into(),
        json!({ "Audience": audiences, "Issuer": issuer.to_json() }),
    );
    authorizer_resource(s, api.authorizer_api(), index, p).map(|(_, resource)| resource)
}
