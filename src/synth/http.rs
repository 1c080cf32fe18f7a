//! HTTP APIs: the API, its routes and their integrations, and stages.

use serde_json::{Map, Value, json};

use super::lambda::add_permission;
use super::tokens::Str;
use super::tree::{NodeId, Resource};
use super::{BoundIntegration, Handle, Synth, put};
use crate::diagnostic::Diagnostic;
use crate::model::{Call, Construct, Props, ValueKind};
use crate::syntax::Span;

/// What synth knows of an HTTP API.
#[derive(Clone, Debug)]
pub struct ApiInfo {
    /// The API's construct node.
    pub node: NodeId,
    /// `Ref` of the `AWS::ApiGatewayV2::Api`.
    pub api_id: Str,
    /// Logical ID of the `AWS::ApiGatewayV2::Api`.
    pub logical_id: String,
    /// `httpApiName`.
    pub name: String,
    /// The `$default` stage CDK created, if any.
    pub default_stage: Option<StageInfo>,
    /// `disableExecuteApiEndpoint`.
    pub execute_api_disabled: bool,
    /// Where the API is defined, for related information.
    pub span: Span,
}

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
}

/// `new HttpApi(scope, id, props)`: the API, its `DefaultRoute` and its `DefaultStage`.
pub fn create_api(s: &mut Synth, construct: &Construct, node: NodeId) -> Option<ApiInfo> {
    let props = &construct.props;
    let id = construct.id().to_string();
    let name = match props.get("apiName") {
        Some(v) => s.string(v)?.as_literal().unwrap_or(id),
        None => id,
    };
    let mut p = Map::new();
    if let Some(ValueKind::Struct(cors)) = props.get("corsPreflight").map(|v| &v.kind) {
        p.insert("CorsConfiguration".into(), cors_configuration(s, cors));
    }
    let description = s.prop_json(props, "description");
    put(&mut p, "Description", description);
    let disabled = s.prop_json(props, "disableExecuteApiEndpoint");
    put(&mut p, "DisableExecuteApiEndpoint", disabled);
    let ip = s.prop_json(props, "ipAddressType");
    put(&mut p, "IpAddressType", ip);
    p.insert("Name".into(), Value::String(name.clone()));
    p.insert("ProtocolType".into(), Value::String("HTTP".into()));
    if props.bool("routeSelectionExpression") == Some(true) {
        p.insert("RouteSelectionExpression".into(), json!("${request.method} ${request.path}"));
    }
    let resource = s
        .tree
        .add_resource(node, "Resource", Resource { cfn_type: "AWS::ApiGatewayV2::Api", properties: p })
        .ok()?;
    let logical_id = s.tree.logical_id(resource);
    let mut api = ApiInfo {
        node,
        api_id: Str::reference(&logical_id),
        logical_id,
        name,
        default_stage: None,
        execute_api_disabled: props.bool("disableExecuteApiEndpoint") == Some(true),
        span: construct.path.span,
    };
    if let Some(integration) = props.get("defaultIntegration") {
        add_route(s, &api, "DefaultRoute", None, integration_index(integration), integration.span);
    }
    if props.bool("createDefaultStage") != Some(false) {
        let options = StageOptions {
            auto_deploy: Some(true),
            ..StageOptions::default()
        };
        if let Some(stage) = create_stage(s, node, "DefaultStage", &api, options, construct.path.span) {
            s.handles.insert(format!("{}/DefaultStage", construct.path.value), Handle::Stage(stage.clone()));
            api.default_stage = Some(stage);
        }
    }
    Some(api)
}

fn integration_index(value: &crate::model::Value) -> Option<usize> {
    match value.kind {
        ValueKind::Integration(index) => Some(index),
        _ => None,
    }
}

fn cors_configuration(s: &mut Synth, cors: &Props) -> Value {
    let mut c = Map::new();
    for (key, prop) in [
        ("AllowCredentials", "allowCredentials"),
        ("AllowHeaders", "allowHeaders"),
        ("AllowMethods", "allowMethods"),
        ("AllowOrigins", "allowOrigins"),
        ("ExposeHeaders", "exposeHeaders"),
        ("MaxAge", "maxAge"),
    ] {
        let value = s.prop_json(cors, prop);
        put(&mut c, key, value);
    }
    Value::Object(c)
}

/// The API's method keys, in the order written: `addRoutes`, `addStage`.
pub fn api_calls(s: &mut Synth, construct: &Construct) {
    let Some(Handle::HttpApi(api)) = s.handles.get(&construct.path.value).cloned() else {
        return;
    };
    for call in &construct.calls {
        match call.method.name {
            "addRoutes" => add_routes(s, &api, call),
            "addStage" => {
                let Some(key) = &call.key else { continue };
                let options = stage_options(s, &call.args);
                if let Some(stage) = create_stage(s, api.node, &key.value, &api, options, key.span) {
                    s.handles.insert(format!("{}/{}", construct.path.value, key.value), Handle::Stage(stage));
                }
            }
            _ => {}
        }
    }
}

/// `api.addRoutes({ path, methods, integration })`: one route per method.
fn add_routes(s: &mut Synth, api: &ApiInfo, call: &Call) {
    let Some(path) = call.args.get("path").and_then(|v| match &v.kind {
        ValueKind::Text(t) => t.as_literal(),
        _ => None,
    }) else {
        return;
    };
    let integration = call.args.get("integration");
    let index = integration.and_then(integration_index);
    let methods: Vec<(&str, Span)> = match call.args.get("methods").map(|v| &v.kind) {
        Some(ValueKind::List(items)) => items
            .iter()
            .filter_map(|m| match m.kind {
                ValueKind::Member(member) => Some((member.name, m.span)),
                _ => None,
            })
            .collect(),
        _ => vec![("ANY", call.span)],
    };
    for (method, span) in methods {
        add_route(s, api, &format!("{method}{path}"), Some((method, &path)), index, span);
    }
}

/// `new HttpRoute(api, id, { routeKey, integration })`: binds the integration (creating its
/// resource under the first route that uses it) and adds the route.
fn add_route(s: &mut Synth, api: &ApiInfo, id: &str, key: Option<(&str, &str)>, integration: Option<usize>, span: Span) {
    let route = match s.tree.add(api.node, id) {
        Ok(node) => node,
        Err(dup) => {
            s.duplicate(span, &dup);
            return;
        }
    };
    let Some(index) = integration else { return };
    let Some(integration_node) = bind_integration(s, api, route, key.map(|k| k.1), index, span) else {
        return;
    };
    let integration_id = s.tree.logical_id(integration_node);
    let mut p = Map::new();
    p.insert("ApiId".into(), api.api_id.to_json());
    p.insert("AuthorizationType".into(), json!("NONE"));
    let route_key = key.map_or_else(|| "$default".to_string(), |(method, path)| format!("{method} {path}"));
    p.insert("RouteKey".into(), Value::String(route_key));
    p.insert("Target".into(), Str::lit("integrations/").and(&Str::reference(&integration_id)).to_json());
    let resource = Resource { cfn_type: "AWS::ApiGatewayV2::Route", properties: p };
    if let Err(dup) = s.tree.add_resource(route, "Resource", resource) {
        s.duplicate(span, &dup);
    }
}

/// `integration._bindToRoute`: the integration's resource (created once, under the first
/// route), then `completeBind` (the Lambda permission of this route).
fn bind_integration(
    s: &mut Synth,
    api: &ApiInfo,
    route: NodeId,
    path: Option<&str>,
    index: usize,
    span: Span,
) -> Option<NodeId> {
    let model = s.model;
    let object = model.integrations.get(index)?;
    let function = match object.props.get("handler").map(|v| &v.kind) {
        Some(ValueKind::Construct(path)) => match s.handle(path, span)? {
            Handle::Function(f) => Some(f),
            _ => None,
        },
        _ => None,
    };
    let resource = match s.bound_integrations.get(&index) {
        Some(bound) if bound.api_node != api.node => {
            s.diags.push(
                Diagnostic::error(span, "A single integration cannot be associated with multiple APIs.")
                    .with_related(object.id.span, format!("`{}` is defined here", object.id.value))
                    .with_hint("define one integration per API"),
            );
            return None;
        }
        Some(bound) => bound.resource,
        None => {
            let mut p = Map::new();
            p.insert("ApiId".into(), api.api_id.to_json());
            let props = &object.props;
            match object.ty.name {
                "HttpUrlIntegration" => {
                    let method = s.prop_json(props, "method").unwrap_or_else(|| json!("ANY"));
                    p.insert("IntegrationMethod".into(), method);
                    p.insert("IntegrationType".into(), json!("HTTP_PROXY"));
                    let url = s.prop_json(props, "url");
                    put(&mut p, "IntegrationUri", url);
                    p.insert("PayloadFormatVersion".into(), json!("1.0"));
                }
                "HttpLambdaIntegration" => {
                    p.insert("IntegrationType".into(), json!("AWS_PROXY"));
                    if let Some(f) = &function {
                        p.insert("IntegrationUri".into(), f.arn.to_json());
                    }
                    let version = s.prop_json(props, "payloadFormatVersion").unwrap_or_else(|| json!("2.0"));
                    p.insert("PayloadFormatVersion".into(), version);
                }
                _ => return None,
            }
            let parameters = s.prop_json(props, "parameterMapping");
            put(&mut p, "RequestParameters", parameters);
            if let Some(ValueKind::Duration(d)) = props.get("timeout").map(|v| &v.kind) {
                p.insert("TimeoutInMillis".into(), super::number(d.to_millis()));
            }
            let node = s.tree.add(route, &object.id.value).ok()?;
            let resource = s
                .tree
                .add_resource(node, "Resource", Resource { cfn_type: "AWS::ApiGatewayV2::Integration", properties: p })
                .ok()?;
            s.bound_integrations.insert(index, BoundIntegration { api_node: api.node, resource });
            resource
        }
    };
    if let Some(f) = function {
        let scoped = object.props.bool("scopePermissionToRoute") != Some(false);
        if scoped {
            let source = s.env.format_arn("execute-api", &api.api_id, &Str::lit(format!("*/*{}", path.unwrap_or(""))));
            add_permission(s, &f, route, &format!("{}-Permission", object.id.value), &source, span);
        } else {
            let id = format!(
                "ApiPermission.ApiScoped.{}.{}",
                s.tree.node_unique_id(f.node),
                s.tree.node_unique_id(api.node)
            );
            if !s.tree.has_resource_with_id(&id, "AWS::Lambda::Permission") {
                let source = s.env.format_arn("execute-api", &api.api_id, &Str::lit("*/*/*"));
                add_permission(s, &f, route, &id, &source, span);
            }
        }
    }
    Some(resource)
}

/// The options of a stage (`HttpStageOptions`).
#[derive(Default)]
struct StageOptions {
    name: Option<Str>,
    description: Option<Value>,
    auto_deploy: Option<bool>,
    throttle: Option<Props>,
    detailed_metrics: Option<bool>,
    variables: Vec<(String, Value)>,
}

fn stage_options(s: &mut Synth, props: &Props) -> StageOptions {
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
    }
}

/// `new HttpStage(scope, id, { httpApi, ...options })`.
fn create_stage(s: &mut Synth, scope: NodeId, id: &str, api: &ApiInfo, o: StageOptions, span: Span) -> Option<StageInfo> {
    let node = match s.tree.add(scope, id) {
        Ok(node) => node,
        Err(dup) => {
            s.duplicate(span, &dup);
            return None;
        }
    };
    stage_resource(s, node, api, o)
}

fn stage_resource(s: &mut Synth, node: NodeId, api: &ApiInfo, o: StageOptions) -> Option<StageInfo> {
    let name = o.name.unwrap_or_else(|| Str::lit("$default"));
    let mut p = Map::new();
    p.insert("ApiId".into(), api.api_id.to_json());
    put(&mut p, "AutoDeploy", o.auto_deploy.map(Value::Bool));
    if o.throttle.is_some() || o.detailed_metrics == Some(true) {
        let mut settings = Map::new();
        put(&mut settings, "DetailedMetricsEnabled", o.detailed_metrics.map(Value::Bool));
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
        p.insert("StageVariables".into(), Value::Object(o.variables.into_iter().collect()));
    }
    let resource = s
        .tree
        .add_resource(node, "Resource", Resource { cfn_type: "AWS::ApiGatewayV2::Stage", properties: p })
        .ok()?;
    Some(StageInfo { node, resource, api_id: api.api_id.clone(), name })
}

/// `new HttpStage(scope, id, { httpApi, ... })` written as its own entry.
pub fn create_standalone_stage(s: &mut Synth, construct: &Construct, node: NodeId) -> Option<StageInfo> {
    let api_value = construct.props.get("httpApi")?;
    let ValueKind::Construct(api_path) = &api_value.kind else { return None };
    let Some(Handle::HttpApi(api)) = s.handle(api_path, api_value.span) else {
        return None;
    };
    let options = stage_options(s, &construct.props);
    let stage = stage_resource(s, node, &api, options)?;
    stage_calls(s, &stage, &construct.calls);
    Some(stage)
}

/// A stage's method keys: `addStageVariable`.
pub fn stage_calls(s: &mut Synth, stage: &StageInfo, calls: &[Call]) {
    for call in calls {
        if call.method.name != "addStageVariable" {
            continue;
        }
        let (Some(key), Some(value)) = (&call.key, call.args.get("value")) else { continue };
        let Some(value) = s.json(value) else { continue };
        let Some(resource) = s.tree.resource_mut(stage.resource) else { continue };
        let variables = resource
            .properties
            .entry("StageVariables")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(map) = variables {
            map.insert(key.value.clone(), value);
        }
    }
}

/// `stage.url`: `https://{apiId}.execute-api.{region}.{urlSuffix}/{stageName}` (empty for `$default`).
pub fn stage_url(s: &Synth, stage: &StageInfo, scheme: &str) -> Str {
    let path = match stage.name.as_literal().as_deref() {
        Some("$default") => Str::default(),
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
