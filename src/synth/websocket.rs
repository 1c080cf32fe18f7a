//! WebSocket APIs: the API, its routes and their integrations, and stages.

use crate::synth::json::{Map, Value, json};

use super::http::AuthorizerApi;
use super::iam::grant_to;
use super::lambda::add_permission;
use super::stage::{StageInfo, stage_options, stage_resource};
use super::tokens::Str;
use super::tree::{NodeId, Resource};
use super::{Handle, Synth, put};
use crate::model::{Call, Construct, Props, ValueKind};

/// What synth knows of a WebSocket API.
#[derive(Clone, Debug)]
pub struct WsApiInfo {
    /// The API's construct node.
    pub node: NodeId,
    /// `Ref` of the `AWS::ApiGatewayV2::Api`.
    pub api_id: Str,
    /// `apiEndpoint`.
    pub endpoint: Str,
    /// `webSocketApiName`.
    pub name: Str,
}

/// `new WebSocketApi(scope, id, props)`: the API and its `$connect`, `$disconnect` and
/// `$default` routes.
pub fn create_api(s: &mut Synth, construct: &Construct, node: NodeId) -> Option<WsApiInfo> {
    if let Some(import) = &construct.import {
        // `WebSocketApi.fromWebSocketApiAttributes(scope, id, { webSocketId, apiEndpoint })`.
        let ValueKind::Struct(attrs) = &import.value.kind else {
            return None;
        };
        return Some(WsApiInfo {
            node,
            api_id: s.prop_str(attrs, "webSocketId")?,
            endpoint: s.prop_str(attrs, "apiEndpoint").unwrap_or_default(),
            name: Str::lit(construct.id()),
        });
    }
    let props = &construct.props;
    let mut p = Map::new();
    let key_selection = s.prop_json(props, "apiKeySelectionExpression");
    put(&mut p, "ApiKeySelectionExpression", key_selection);
    let validation = s.prop_json(props, "disableSchemaValidation");
    put(&mut p, "DisableSchemaValidation", validation);
    let selection = s
        .prop_json(props, "routeSelectionExpression")
        .unwrap_or_else(|| json!("$request.body.action"));
    p.insert("RouteSelectionExpression".into(), selection);
    let (name, logical_id) = s.api_resource(construct, node, "WEBSOCKET", p)?;
    let api = WsApiInfo {
        node,
        api_id: Str::reference(&logical_id),
        endpoint: Str::get_att(&logical_id, "ApiEndpoint"),
        name,
    };
    for (prop, route_key) in [
        ("connectRouteOptions", "$connect"),
        ("disconnectRouteOptions", "$disconnect"),
        ("defaultRouteOptions", "$default"),
    ] {
        if let Some(value) = props.get(prop)
            && let ValueKind::Struct(options) = &value.kind
        {
            add_route(s, &api, route_key, options);
        }
    }
    Some(api)
}

/// The API's method keys, in the order written: `addRoute`.
pub fn api_calls(s: &mut Synth, construct: &Construct) {
    let Some(Handle::WebSocketApi(api)) = s.handles.get(&construct.path.value).cloned() else {
        return;
    };
    for call in &construct.calls {
        match (call.method.name, &call.key) {
            ("addRoute", Some(key)) => add_route(s, &api, &key.value, &call.args),
            ("grantManageConnections", _) => {
                let resource = Str::lit("*/*/@connections/*");
                grant_manage_connections(s, &api.api_id, call, &resource);
            }
            _ => {}
        }
    }
}

/// `Grant.addToPrincipal` of `execute-api:ManageConnections` on the API's ARN followed by
/// `/` and `resource` (`*/*/@connections/*` for the API, `<stage>/*/@connections/*` for a
/// stage).
pub fn grant_manage_connections(s: &mut Synth, api_id: &Str, call: &Call, resource: &Str) {
    let Some(ValueKind::Construct(path)) = call.args.get("identity").map(|v| &v.kind) else {
        return;
    };
    let arn = s.env.format_arn("execute-api", api_id, resource);
    let statement = json!({
        "Action": "execute-api:ManageConnections",
        "Effect": "Allow",
        "Resource": arn.to_json(),
    });
    grant_to(s, path, statement);
}

/// `new WebSocketRoute(api, '<routeKey>-Route', options)`.
fn add_route(s: &mut Synth, api: &WsApiInfo, route_key: &str, options: &Props) {
    if let Ok(route) = s.tree.add(api.node, &format!("{route_key}-Route")) {
        route_resources(s, api, route, route_key, options);
    }
}

/// `new WebSocketRoute(scope, id, { webSocketApi, routeKey, ... })` written as its own entry.
pub fn create_route(s: &mut Synth, construct: &Construct, node: NodeId) -> Option<Handle> {
    let ValueKind::Construct(api_path) = &construct.props.get("webSocketApi")?.kind else {
        return None;
    };
    let Some(Handle::WebSocketApi(api)) = s.handle(api_path) else {
        return None;
    };
    let ValueKind::Text(key) = &construct.props.get("routeKey")?.kind else {
        return None;
    };
    let key = key.as_literal()?;
    let Some(resource) = route_resources(s, &api, node, &key, &construct.props) else {
        return Some(Handle::Group(node));
    };
    Some(Handle::WebSocketRoute(WsRouteInfo {
        node,
        id: Str::reference(&s.tree.logical_id(resource)),
        key,
    }))
}

/// What synth knows of a `WebSocketRoute` entry.
#[derive(Clone, Debug)]
pub struct WsRouteInfo {
    /// The route's construct node.
    pub node: NodeId,
    /// `routeId`: the `Ref` of its resource.
    pub id: Str,
    /// `routeKey`.
    pub key: String,
}

/// What a route creates under its node: its integration (once) and permission, the
/// `AWS::ApiGatewayV2::Route`, and its response with `returnResponse`.
fn route_resources(
    s: &mut Synth,
    api: &WsApiInfo,
    route: NodeId,
    route_key: &str,
    options: &Props,
) -> Option<NodeId> {
    let Some(ValueKind::Object(index)) = options.get("integration").map(|v| &v.kind) else {
        return None;
    };
    let integration = bind_integration(s, api, route, route_key, *index)?;
    let integration_id = s.tree.logical_id(integration);
    let return_response = options.bool("returnResponse") == Some(true);
    let mut p = Map::new();
    p.insert("ApiId".into(), api.api_id.to_json());
    put(
        &mut p,
        "ApiKeyRequired",
        options.bool("apiKeyRequired").map(Value::Bool),
    );
    let authorizer = match options.get("authorizer").map(|v| &v.kind) {
        Some(ValueKind::Object(index)) => bind_authorizer(s, api, *index),
        _ => None,
    };
    let (kind, authorizer_id) = authorizer.unwrap_or(("NONE", None));
    p.insert("AuthorizationType".into(), json!(kind));
    put(&mut p, "AuthorizerId", authorizer_id.map(|id| id.to_json()));
    p.insert("RouteKey".into(), Value::from(route_key.to_string()));
    if return_response {
        p.insert("RouteResponseSelectionExpression".into(), json!("$default"));
    }
    p.insert(
        "Target".into(),
        Str::lit("integrations/")
            .and(&Str::reference(&integration_id))
            .to_json(),
    );
    let resource = s
        .tree
        .add_resource(
            route,
            "Resource",
            Resource::new("AWS::ApiGatewayV2::Route", p),
        )
        .ok()?;
    if return_response {
        let mut r = Map::new();
        r.insert("ApiId".into(), api.api_id.to_json());
        r.insert(
            "RouteId".into(),
            Str::reference(&s.tree.logical_id(resource)).to_json(),
        );
        r.insert("RouteResponseKey".into(), json!("$default"));
        let _ = s.tree.add_resource(
            route,
            "Response",
            Resource::new("AWS::ApiGatewayV2::RouteResponse", r),
        );
    }
    Some(resource)
}

/// `authorizer.bind` on a `$connect` route: the authorization type, and for a Lambda
/// authorizer the `Ref` of its resource, created under the API the first time (validate
/// refused an authorizer on another route, or on two APIs).
fn bind_authorizer(
    s: &mut Synth,
    api: &WsApiInfo,
    index: usize,
) -> Option<(&'static str, Option<Str>)> {
    let object = s.model.objects.get(index)?;
    if object.ty.name == "WebSocketIamAuthorizer" {
        return Some(("AWS_IAM", None));
    }
    let resource = match s.bound_authorizers.get(&index) {
        Some(resource) => *resource,
        None => {
            let target = AuthorizerApi {
                node: api.node,
                api_id: &api.api_id,
                websocket: true,
            };
            super::iam::lambda_authorizer(s, target, index)?
        }
    };
    Some(("CUSTOM", Some(Str::reference(&s.tree.logical_id(resource)))))
}

/// `integration._bindToRoute`: `bind` on every route (a Lambda integration's permission), the
/// integration's resource once, under the first route.
fn bind_integration(
    s: &mut Synth,
    api: &WsApiInfo,
    route: NodeId,
    route_key: &str,
    index: usize,
) -> Option<NodeId> {
    let model = s.model;
    let object = model.objects.get(index)?;
    if s.bound_to_other_api(index, api.node) {
        return None;
    }
    if object.ty.name == "WebSocketMockIntegration" {
        if let Some(bound) = s.bound_integrations.get(&index) {
            return Some(bound.resource);
        }
        let mut p = Map::new();
        p.insert("ApiId".into(), api.api_id.to_json());
        p.insert("IntegrationType".into(), json!("MOCK"));
        p.insert("IntegrationUri".into(), json!(""));
        let templates = s.prop_json(&object.props, "requestTemplates");
        put(&mut p, "RequestTemplates", templates);
        let selection = s.prop_json(&object.props, "templateSelectionExpression");
        put(&mut p, "TemplateSelectionExpression", selection);
        return s.create_integration(route, index, api.node, object, p);
    }
    if object.ty.name == "WebSocketAwsIntegration" {
        if let Some(bound) = s.bound_integrations.get(&index) {
            return Some(bound.resource);
        }
        let props = &object.props;
        let mut p = Map::new();
        p.insert("ApiId".into(), api.api_id.to_json());
        let content = s.prop_json(props, "contentHandling");
        put(&mut p, "ContentHandlingStrategy", content);
        if let Some(ValueKind::Construct(role)) = props.get("credentialsRole").map(|v| &v.kind)
            && let Some(Handle::Role(role)) = s.handle(role)
        {
            p.insert("CredentialsArn".into(), role.arn.to_json());
        }
        let method = s.prop_json(props, "integrationMethod");
        put(&mut p, "IntegrationMethod", method);
        p.insert("IntegrationType".into(), json!("AWS"));
        let uri = s.prop_json(props, "integrationUri");
        put(&mut p, "IntegrationUri", uri);
        for (prop, property) in [
            ("passthroughBehavior", "PassthroughBehavior"),
            ("requestParameters", "RequestParameters"),
            ("requestTemplates", "RequestTemplates"),
            ("templateSelectionExpression", "TemplateSelectionExpression"),
        ] {
            let value = s.prop_json(props, prop);
            put(&mut p, property, value);
        }
        return s.create_integration(route, index, api.node, object, p);
    }
    let handler_value = object.props.get("handler")?;
    let ValueKind::Construct(handler) = &handler_value.kind else {
        return None;
    };
    let Handle::Function(f) = s.handle(handler)? else {
        return None;
    };
    let source = s.env.format_arn(
        "execute-api",
        &api.api_id,
        &Str::lit(format!("*{route_key}")),
    );
    add_permission(
        s,
        &f,
        route,
        &format!("{}-Permission", object.id.value),
        &source,
    );
    if let Some(bound) = s.bound_integrations.get(&index) {
        return Some(bound.resource);
    }
    let uri = Str::lit("arn:")
        .and(&s.env.partition())
        .and_lit(":apigateway:")
        .and(&s.env.region())
        .and_lit(":lambda:path/2015-03-31/functions/")
        .and(&f.arn)
        .and_lit("/invocations");
    let mut p = Map::new();
    p.insert("ApiId".into(), api.api_id.to_json());
    let content = s.prop_json(&object.props, "contentHandling");
    put(&mut p, "ContentHandlingStrategy", content);
    p.insert("IntegrationType".into(), json!("AWS_PROXY"));
    p.insert("IntegrationUri".into(), uri.to_json());
    s.create_integration(route, index, api.node, object, p)
}

/// `new WebSocketStage(scope, id, { webSocketApi, stageName, ... })`.
pub fn create_stage(s: &mut Synth, construct: &Construct, node: NodeId) -> Option<StageInfo> {
    if let Some(import) = &construct.import {
        // `WebSocketStage.fromWebSocketStageAttributes(scope, id, { api, stageName })`.
        let ValueKind::Struct(attrs) = &import.value.kind else {
            return None;
        };
        let ValueKind::Construct(api_path) = &attrs.get("api")?.kind else {
            return None;
        };
        let Some(Handle::WebSocketApi(api)) = s.handle(api_path) else {
            return None;
        };
        return Some(StageInfo {
            node,
            resource: node,
            api_id: api.api_id,
            name: s.prop_str(attrs, "stageName")?,
            websocket: true,
            domain_url: None,
        });
    }
    let api_value = construct.props.get("webSocketApi")?;
    let ValueKind::Construct(api_path) = &api_value.kind else {
        return None;
    };
    let Some(Handle::WebSocketApi(api)) = s.handle(api_path) else {
        return None;
    };
    let options = stage_options(s, &construct.props);
    let mut stage = stage_resource(s, node, &api.api_id, options, true)?;
    super::domains::map_stage(s, &mut stage, &construct.props, "domainMapping");
    super::stage::stage_calls(s, &stage, &construct.calls);
    Some(stage)
}

/// `webSocketApi.arnForExecuteApiV2(route, stage)`.
pub fn arn_for_execute_api_v2(
    s: &Synth,
    api: &WsApiInfo,
    route: Option<&str>,
    stage: Option<&str>,
) -> Str {
    let name = format!("{}/{}", stage.unwrap_or("*"), route.unwrap_or("*"));
    s.env
        .format_arn("execute-api", &api.api_id, &Str::lit(name))
}
