//! Usage plans and API keys: `AWS::ApiGateway::ApiKey`, `UsagePlan` and `UsagePlanKey`
//! resources, `RateLimitedApiKey`, and the grants on keys.

use crate::synth::json::{Map, Value, json};

use super::iam::{allow, grant_to};
use super::tokens::Str;
use super::tree::{NodeId, Resource};
use super::{Handle, Synth, number, put};
use crate::model::plan::{has_own_plan, usage_plan_key_id};
use crate::model::{Call, Construct, Props, ValueKind};

/// What synth knows of an API key.
#[derive(Clone, Debug)]
pub struct KeyInfo {
    /// The construct users refer to (a `RateLimitedApiKey` itself, not its inner key): its
    /// unique id names the `UsagePlanKey`s that add it.
    pub node: NodeId,
    /// `keyId`.
    pub id: Str,
    /// `keyArn`.
    pub arn: Str,
}

/// What synth knows of a usage plan.
#[derive(Clone, Debug)]
pub struct PlanInfo {
    /// The plan's construct node.
    pub node: NodeId,
    /// `usagePlanId`.
    pub id: Str,
    /// The `AWS::ApiGateway::UsagePlan`, for stages added later (none when imported).
    pub resource: Option<NodeId>,
}

/// `arn:{partition}:apigateway:{region}::/apikeys/{keyId}`.
fn key_arn(s: &Synth, id: &Str) -> Str {
    Str::lit("arn:")
        .and(&s.env.partition())
        .and_lit(":apigateway:")
        .and(&s.env.region())
        .and_lit("::/apikeys/")
        .and(id)
}

/// `new ApiKey(scope, id, props)` or `ApiKey.fromApiKeyId(scope, id, keyId)`.
pub fn create_key(s: &mut Synth, construct: &Construct, node: NodeId) -> Option<KeyInfo> {
    if let Some(import) = &construct.import {
        let id = s.string(&import.value)?;
        let arn = key_arn(s, &id);
        return Some(KeyInfo { node, id, arn });
    }
    let (id, arn) = key_resource(s, node, &construct.props)?;
    Some(KeyInfo { node, id, arn })
}

/// The `CfnApiKey` at `node/Resource`: its `keyId` and `keyArn`.
fn key_resource(s: &mut Synth, node: NodeId, props: &Props) -> Option<(Str, Str)> {
    let mut p = Map::new();
    for (prop, property) in [
        ("customerId", "CustomerId"),
        ("description", "Description"),
        ("generateDistinctId", "GenerateDistinctId"),
        ("apiKeyName", "Name"),
        ("value", "Value"),
    ] {
        let value = s.prop_json(props, prop);
        put(&mut p, property, value);
    }
    let enabled = props.bool("enabled").unwrap_or(true);
    p.insert("Enabled".into(), Value::Bool(enabled));
    let resource = Resource::new("AWS::ApiGateway::ApiKey", p);
    let resource = s.tree.add_resource(node, "Resource", resource).ok()?;
    let id = Str::reference(&s.tree.logical_id(resource));
    let arn = key_arn(s, &id);
    Some((id, arn))
}

/// `new RateLimitedApiKey(scope, id, props)`: an `ApiKey` at `Id/Resource` and, with
/// `apiStages`, `quota` or `throttle`, a `UsagePlan` at `Id/UsagePlanResource` with the key;
/// both children can be named by their paths.
pub fn create_rate_limited_key(
    s: &mut Synth,
    construct: &Construct,
    node: NodeId,
) -> Option<KeyInfo> {
    let key = s.tree.add(node, "Resource").ok()?;
    let (id, arn) = key_resource(s, key, &construct.props)?;
    let inner = KeyInfo {
        node: key,
        id: id.clone(),
        arn: arn.clone(),
    };
    s.handles.insert(
        format!("{}/Resource", construct.path.value),
        Handle::ApiKey(inner.clone()),
    );
    if has_own_plan(&construct.props) {
        let plan_node = s.tree.add(node, "UsagePlanResource").ok()?;
        let plan = plan_resource(s, plan_node, &construct.props, false)?;
        add_key(s, &plan, &inner, None);
        s.handles.insert(
            format!("{}/UsagePlanResource", construct.path.value),
            Handle::UsagePlan(plan),
        );
    }
    Some(KeyInfo { node, id, arn })
}

/// `new UsagePlan(scope, id, props)` or `UsagePlan.fromUsagePlanId(scope, id, planId)`.
pub fn create_plan(s: &mut Synth, construct: &Construct, node: NodeId) -> Option<PlanInfo> {
    if let Some(import) = &construct.import {
        let id = s.string(&import.value)?;
        return Some(PlanInfo {
            node,
            id,
            resource: None,
        });
    }
    plan_resource(s, node, &construct.props, true)
}

/// The `CfnUsagePlan` at `node/Resource`. Each API and stage of `apiStages` becomes a
/// dependency of the plan (and so of its keys).
fn plan_resource(s: &mut Synth, node: NodeId, props: &Props, named: bool) -> Option<PlanInfo> {
    let mut p = Map::new();
    let mut stages = Vec::new();
    if let Some(ValueKind::List(items)) = props.get("apiStages").map(|v| &v.kind) {
        for item in items {
            let ValueKind::Struct(api_stage) = &item.kind else {
                continue;
            };
            let (stage, api) = api_stage_nodes(s, api_stage)?;
            if let Some((stage_node, stage)) = stage {
                s.tree.add_dependency(node, stage_node);
                stages.push(stage);
            }
            if let Some(api) = api {
                s.tree.add_dependency(node, api);
            }
        }
    }
    if !stages.is_empty() {
        p.insert("ApiStages".into(), Value::Array(stages));
    }
    if named {
        let description = s.prop_json(props, "description");
        put(&mut p, "Description", description);
        let name = s.prop_json(props, "usagePlanName");
        put(&mut p, "UsagePlanName", name);
    }
    if let Some(ValueKind::Struct(quota)) = props.get("quota").map(|v| &v.kind) {
        let mut q = Map::new();
        for (prop, property) in [
            ("limit", "Limit"),
            ("offset", "Offset"),
            ("period", "Period"),
        ] {
            let value = s.prop_json(quota, prop);
            put(&mut q, property, value);
        }
        p.insert("Quota".into(), Value::Object(q));
    }
    if let Some(ValueKind::Struct(throttle)) = props.get("throttle").map(|v| &v.kind) {
        let mut t = Map::new();
        for (prop, property) in [("burstLimit", "BurstLimit"), ("rateLimit", "RateLimit")] {
            if let Some(ValueKind::Number(n)) = throttle.get(prop).map(|v| &v.kind) {
                t.insert(property.into(), number(*n));
            }
        }
        p.insert("Throttle".into(), Value::Object(t));
    }
    let resource = Resource::new("AWS::ApiGateway::UsagePlan", p);
    let resource = s.tree.add_resource(node, "Resource", resource).ok()?;
    Some(PlanInfo {
        node,
        id: Str::reference(&s.tree.logical_id(resource)),
        resource: Some(resource),
    })
}

/// The stage (its node and `ApiStages` entry) and the API node of a `UsagePlanPerApiStage`.
type ApiStageNodes = (Option<(NodeId, Value)>, Option<NodeId>);

fn api_stage_nodes(s: &mut Synth, api_stage: &Props) -> Option<ApiStageNodes> {
    let stage = match api_stage.get("stage").map(|v| &v.kind) {
        Some(ValueKind::Construct(path)) => match s.handle(path)? {
            Handle::Stage(stage) => Some((
                stage.node,
                json!({ "ApiId": stage.api_id.to_json(), "Stage": stage.name.to_json() }),
            )),
            _ => None,
        },
        _ => None,
    };
    let api = match api_stage.get("api").map(|v| &v.kind) {
        Some(ValueKind::Construct(path)) => Some(s.handle(path)?.node()),
        _ => None,
    };
    Some((stage, api))
}

/// The plan's method keys in the order written: `addApiKey`, `addApiStage`.
pub fn plan_calls(s: &mut Synth, construct: &Construct) {
    let Some(Handle::UsagePlan(plan)) = s.handles.get(&construct.path.value).cloned() else {
        return;
    };
    for call in &construct.calls {
        match call.method.name {
            "addApiKey" => {
                let Some(ValueKind::Construct(path)) = call.args.get("apiKey").map(|v| &v.kind)
                else {
                    continue;
                };
                let Some(Handle::ApiKey(key)) = s.handle(path) else {
                    continue;
                };
                let logical_id = match call.args.get("overrideLogicalId").map(|v| &v.kind) {
                    Some(ValueKind::Text(text)) => text.as_literal(),
                    _ => None,
                };
                add_key(s, &plan, &key, logical_id.as_deref());
            }
            "addApiStage" => add_stage(s, &plan, &call.args),
            _ => {}
        }
    }
}

/// `plan.addApiKey(key, { overrideLogicalId })`: the `CfnUsagePlanKey` under the plan.
fn add_key(s: &mut Synth, plan: &PlanInfo, key: &KeyInfo, logical_id: Option<&str>) {
    let mut p = Map::new();
    p.insert("KeyId".into(), key.id.to_json());
    p.insert("KeyType".into(), json!("API_KEY"));
    p.insert("UsagePlanId".into(), plan.id.to_json());
    let id = usage_plan_key_id(&s.tree.node_unique_id(key.node));
    let resource = Resource::new("AWS::ApiGateway::UsagePlanKey", p);
    if let Ok(node) = s.tree.add_resource(plan.node, &id, resource)
        && let Some(logical_id) = logical_id
    {
        s.tree.override_logical_id(node, logical_id);
    }
}

/// `plan.addApiStage({ api, stage })`: one more `ApiStages` entry, without dependencies.
fn add_stage(s: &mut Synth, plan: &PlanInfo, args: &Props) {
    let Some((Some((_, stage)), _)) = api_stage_nodes(s, args) else {
        return;
    };
    let Some(resource) = plan.resource.and_then(|r| s.tree.resource_mut(r)) else {
        return;
    };
    let stages = resource
        .properties
        .entry("ApiStages")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(items) = stages {
        items.push(stage);
    }
}

/// A key's grant calls in the order written: `grantRead`, `grantWrite`, `grantReadWrite`.
pub fn key_calls(s: &mut Synth, construct: &Construct) {
    let Some(Handle::ApiKey(key)) = s.handles.get(&construct.path.value).cloned() else {
        return;
    };
    for call in &construct.calls {
        grant(s, &key, call);
    }
}

const READ: &[&str] = &["apigateway:GET"];
const WRITE: &[&str] = &[
    "apigateway:POST",
    "apigateway:PUT",
    "apigateway:PATCH",
    "apigateway:DELETE",
];

fn grant(s: &mut Synth, key: &KeyInfo, call: &Call) {
    let actions: Vec<&str> = match call.method.name {
        "grantRead" => READ.to_vec(),
        "grantWrite" => WRITE.to_vec(),
        "grantReadWrite" => READ.iter().chain(WRITE).copied().collect(),
        _ => return,
    };
    let Some(ValueKind::Construct(grantee)) = call.args.get("grantee").map(|v| &v.kind) else {
        return;
    };
    grant_to(s, grantee, allow(&actions, key.arn.to_json()));
}
