//! Stages of HTTP and WebSocket APIs: the `AWS::ApiGatewayV2::Stage`, stage variables and URLs.

use std::sync::Arc;

use crate::synth::json::{Map, Value};

use super::tokens::Str;
use super::tree::{NodeId, Resource};
use super::{Synth, put};
use crate::model::{Call, Props, ValueKind};

/// What synth knows of a stage.
#[derive(Clone, Debug)]
pub struct StageInfo {
    /// The stage's construct node.
    pub node: NodeId,
    /// The node holding the `AWS::ApiGatewayV2::Stage`.
    pub resource: NodeId,
    /// `Ref` of the API the stage deploys.
    pub api_id: Str,
    /// The stage name.
    pub name: Str,
    /// Whether the stage belongs to a WebSocket API.
    pub websocket: bool,
    /// `domainUrl`, when the stage is mapped to a custom domain.
    pub domain_url: Option<Str>,
}

/// The options of a stage (`HttpStageOptions`).
#[derive(Default)]
pub struct StageOptions {
    pub name: Option<Str>,
    pub description: Option<Value>,
    pub auto_deploy: Option<bool>,
    pub throttle: Option<Props>,
    pub detailed_metrics: Option<bool>,
    pub variables: Vec<(String, Value)>,
    /// `accessLogSettings`.
    pub access_log: Option<Props>,
}

pub fn stage_options(s: &mut Synth, props: &Props) -> StageOptions {
    let mut variables = Vec::new();
    if let Some(ValueKind::Map(entries)) = props.get("stageVariables").map(|v| &v.kind) {
        for (key, value) in entries {
            if let Some(v) = s.json(value) {
                variables.push((key.value.clone(), v));
            }
        }
    }
    StageOptions {
        name: s.prop_str(props, "stageName"),
        description: s.prop_json(props, "description"),
        auto_deploy: props.bool("autoDeploy"),
        throttle: match props.get("throttle").map(|v| &v.kind) {
            Some(ValueKind::Struct(t)) => Some(t.clone()),
            _ => None,
        },
        detailed_metrics: props.bool("detailedMetricsEnabled"),
        variables,
        access_log: match props.get("accessLogSettings").map(|v| &v.kind) {
            Some(ValueKind::Struct(settings)) => Some(settings.clone()),
            _ => None,
        },
    }
}

/// A stage as a child of `scope` (`api.addStage`, the `DefaultStage`).
pub fn create_stage(
    s: &mut Synth,
    scope: NodeId,
    id: &str,
    api_id: &Str,
    o: StageOptions,
) -> Option<StageInfo> {
    let Ok(node) = s.tree.add(scope, id) else {
        return None;
    };
    stage_resource(s, node, api_id, o, false)
}

/// The `AWS::ApiGatewayV2::Stage` of a stage construct.
pub fn stage_resource(
    s: &mut Synth,
    node: NodeId,
    api_id: &Str,
    o: StageOptions,
    websocket: bool,
) -> Option<StageInfo> {
    let name = o.name.unwrap_or_else(|| Str::lit("$default"));
    let mut p = Map::new();
    if let Some(settings) = &o.access_log {
        let access_log = super::logs::access_log_settings(s, settings, websocket);
        put(&mut p, "AccessLogSettings", access_log);
    }
    p.insert("ApiId".into(), api_id.to_json());
    put(&mut p, "AutoDeploy", o.auto_deploy.map(Value::Bool));
    if o.throttle.is_some() || o.detailed_metrics == Some(true) {
        let mut settings = Map::new();
        put(
            &mut settings,
            "DetailedMetricsEnabled",
            o.detailed_metrics.map(Value::Bool),
        );
        if let Some(throttle) = &o.throttle {
            let burst = s.prop_json(throttle, "burstLimit");
            put(&mut settings, "ThrottlingBurstLimit", burst);
            let rate = s.prop_json(throttle, "rateLimit");
            put(&mut settings, "ThrottlingRateLimit", rate);
        }
        p.insert("DefaultRouteSettings".into(), Value::Object(settings));
    }
    put(&mut p, "Description", o.description);
    p.insert("StageName".into(), name.to_json());
    if !o.variables.is_empty() {
        p.insert(
            "StageVariables".into(),
            Value::Object(o.variables.into_iter().collect()),
        );
    }
    let resource = s
        .tree
        .add_resource(
            node,
            "Resource",
            Resource::new("AWS::ApiGatewayV2::Stage", p),
        )
        .ok()?;
    Some(StageInfo {
        node,
        resource,
        api_id: api_id.clone(),
        name,
        websocket,
        domain_url: None,
    })
}

/// A stage's method keys: `addStageVariable`.
pub fn stage_calls(s: &mut Synth, stage: &StageInfo, calls: &[Arc<Call>]) {
    for call in calls {
        if call.method.name == "grantManagementApiAccess" {
            // `${arn}/${stageName}/*/@connections/*`.
            let resource = stage.name.clone().and_lit("/*/@connections/*");
            super::websocket::grant_manage_connections(s, &stage.api_id, call, &resource);
            continue;
        }
        if call.method.name != "addStageVariable" {
            continue;
        }
        let (Some(key), Some(value)) = (&call.key, call.args.get("value")) else {
            continue;
        };
        let Some(value) = s.json(value) else { continue };
        let Some(resource) = s.tree.resource_mut(stage.resource) else {
            continue;
        };
        let variables = resource
            .properties
            .entry("StageVariables")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(map) = variables {
            map.insert(key.value.clone().into(), value);
        }
    }
}

/// `stage.url`: `https://{apiId}.execute-api.{region}.{urlSuffix}/{stageName}` (empty for `$default`).
pub fn stage_url(s: &Synth, stage: &StageInfo, scheme: &str) -> Str {
    let path = match stage.name.as_literal().as_deref() {
        Some("$default") if !stage.websocket => Str::default(),
        _ => stage.name.clone(),
    };
    Str::lit(format!("{scheme}://"))
        .and(&stage.api_id)
        .and_lit(".execute-api.")
        .and(&s.env.region())
        .and_lit(".")
        .and(&s.env.url_suffix())
        .and_lit("/")
        .and(&path)
}
