//! HTTP APIs: the API, its routes and their integrations, and stages.

use crate::synth::json::{Map, Value, json};

use super::lambda::add_permission;
use super::stage::{
    StageInfo, StageOptions, create_stage, stage_calls, stage_options, stage_resource,
};
use super::tokens::Str;
use super::tree::{NodeId, Resource};
use super::{Handle, Synth, put};
use crate::model::resolve::paths::route_id;
use crate::model::{Call, Construct, Props, ValueKind};

/// What synth knows of an HTTP API.
#[derive(Clone, Debug)]
pub struct ApiInfo {
    /// The API's construct node.
    pub node: NodeId,
    /// `Ref` of the `AWS::ApiGatewayV2::Api`.
    pub api_id: Str,
    /// `apiEndpoint` (`Fn::GetAtt`, or the imported attribute).
    pub endpoint: Str,
    /// `httpApiName`.
    pub name: Str,
    /// The `$default` stage CDK created, if any.
    pub default_stage: Option<StageInfo>,
    /// The entry's path, under which its routes are found (`Api/GET--books`).
    pub path: String,
    /// What a route that names no authorizer gets (`defaultAuthorizer`,
    /// `defaultAuthorizationScopes`).
    pub default_auth: RouteAuth,
}

/// The authorizer a route names: an object, or the path of an imported `HttpAuthorizer`.
#[derive(Clone, Debug)]
pub enum AuthorizerRef {
    /// An index into the model's objects.
    Object(usize),
    /// The path of an imported authorizer entry.
    Imported(String),
}

/// What synth knows of an imported authorizer (`HttpAuthorizer.fromHttpAuthorizerAttributes`).
#[derive(Clone, Debug)]
pub struct ImportedAuthorizer {
    /// Its construct node (no resource).
    pub node: NodeId,
    /// `authorizerId`.
    pub id: Str,
    /// `authorizerType`.
    pub ty: Str,
}

/// `HttpAuthorizer.fromHttpAuthorizerAttributes(scope, id, { authorizerId, authorizerType })`.
pub fn import_authorizer(
    s: &mut Synth,
    construct: &Construct,
    node: NodeId,
) -> Option<ImportedAuthorizer> {
    let ValueKind::Struct(attrs) = &construct.import.as_ref()?.value.kind else {
        return None;
    };
    Some(ImportedAuthorizer {
        node,
        id: s.prop_str(attrs, "authorizerId")?,
        ty: s.prop_str(attrs, "authorizerType")?,
    })
}

/// A route's `authorizer` and `authorizationScopes`.
#[derive(Clone, Debug, Default)]
pub struct RouteAuth {
    /// The authorizer.
    pub authorizer: Option<AuthorizerRef>,
    /// The scopes, as written.
    pub scopes: Option<Vec<String>>,
}

impl RouteAuth {
    /// The `authorizer`/`authorizationScopes` pair of `props` (`names` gives the two keys).
    fn of(props: &Props, names: [&str; 2]) -> RouteAuth {
        RouteAuth {
            authorizer: match props.get(names[0]).map(|v| &v.kind) {
                Some(ValueKind::Object(index)) => Some(AuthorizerRef::Object(*index)),
                Some(ValueKind::Construct(path)) => Some(AuthorizerRef::Imported(path.clone())),
                _ => None,
            },
            scopes: match props.get(names[1]).map(|v| &v.kind) {
                Some(ValueKind::List(items)) => Some(
                    items
                        .iter()
                        .filter_map(|i| match &i.kind {
                            ValueKind::Text(t) => t.as_literal(),
                            _ => None,
                        })
                        .collect(),
                ),
                _ => None,
            },
        }
    }
}

/// What synth knows of a route: its tokens are computed only when an expression asks
/// (`${Api/GET--books.routeArn}`), not for every route.
#[derive(Clone, Debug)]
pub struct RouteInfo {
    /// The route's construct node.
    pub node: NodeId,
    /// The node holding the `AWS::ApiGatewayV2::Route`.
    pub resource: NodeId,
    /// The path of the API entry.
    pub api: String,
    /// The route's path (`None` for the `$default` route).
    pub path: Option<String>,
    /// The route's method.
    pub method: String,
}

/// `HttpApi.fromHttpApiAttributes(scope, id, { httpApiId, apiEndpoint })`: a node without
/// resources whose id and endpoint are the given attributes.
fn import_api(
    s: &mut Synth,
    construct: &Construct,
    attrs: &crate::model::Value,
    node: NodeId,
) -> Option<ApiInfo> {
    let ValueKind::Struct(attrs) = &attrs.kind else {
        return None;
    };
    let api_id = s.prop_str(attrs, "httpApiId")?;
    let endpoint = s.prop_str(attrs, "apiEndpoint").unwrap_or_default();
    Some(ApiInfo {
        node,
        api_id,
        endpoint,
        name: Str::lit(construct.id()),
        default_stage: None,
        path: construct.path.value.clone(),
        default_auth: RouteAuth::default(),
    })
}

/// `new HttpApi(scope, id, props)`: the API, its `DefaultRoute` and its `DefaultStage`.
pub fn create_api(s: &mut Synth, construct: &Construct, node: NodeId) -> Option<ApiInfo> {
    if let Some(import) = &construct.import {
        return import_api(s, construct, &import.value, node);
    }
    let props = &construct.props;
    let mut p = Map::new();
    if let Some(ValueKind::Struct(cors)) = props.get("corsPreflight").map(|v| &v.kind) {
        p.insert("CorsConfiguration".into(), cors_configuration(s, cors));
    }
    let disabled = s.prop_json(props, "disableExecuteApiEndpoint");
    put(&mut p, "DisableExecuteApiEndpoint", disabled);
    if props.bool("routeSelectionExpression") == Some(true) {
        p.insert(
            "RouteSelectionExpression".into(),
            json!("${request.method} ${request.path}"),
        );
    }
    let (name, logical_id) = s.api_resource(construct, node, "HTTP", p)?;
    let mut api = ApiInfo {
        node,
        api_id: Str::reference(&logical_id),
        endpoint: Str::get_att(&logical_id, "ApiEndpoint"),
        name,
        default_stage: None,
        path: construct.path.value.clone(),
        default_auth: RouteAuth::of(props, ["defaultAuthorizer", "defaultAuthorizationScopes"]),
    };
    if let Some(integration) = props.get("defaultIntegration") {
        add_route(
            s,
            &api,
            "DefaultRoute",
            None,
            integration_ref(integration),
            &RouteAuth::default(),
        );
    }
    if props.bool("createDefaultStage") != Some(false) {
        let options = StageOptions {
            auto_deploy: Some(true),
            ..StageOptions::default()
        };
        if let Some(mut stage) = create_stage(s, node, "DefaultStage", &api.api_id, options) {
            super::domains::map_stage(s, &mut stage, props, "defaultDomainMapping");
            s.handles.insert(
                format!("{}/DefaultStage", construct.path.value),
                Handle::Stage(stage.clone()),
            );
            api.default_stage = Some(stage);
        }
    }
    Some(api)
}

/// The integration a value refers to.
fn integration_ref(value: &crate::model::Value) -> Option<usize> {
    match value.kind {
        ValueKind::Object(index) => Some(index),
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
            "addVpcLink" => {
                super::network::add_vpc_link(s, &api, &call.args);
            }
            "addStage" => {
                let Some(key) = &call.key else { continue };
                let options = stage_options(s, &call.args);
                if let Some(mut stage) = create_stage(s, api.node, &key.value, &api.api_id, options)
                {
                    super::domains::map_stage(s, &mut stage, &call.args, "domainMapping");
                    s.handles.insert(
                        format!("{}/{}", construct.path.value, key.value),
                        Handle::Stage(stage),
                    );
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
    let integration = call.args.get("integration").and_then(integration_ref);
    let auth = RouteAuth::of(&call.args, ["authorizer", "authorizationScopes"]);
    let methods = call.args.route_methods(call.span);
    for (method, _) in methods {
        add_route(
            s,
            api,
            &route_id(method, &path),
            Some((method, &path)),
            integration,
            &auth,
        );
    }
}

/// `new HttpRoute(api, id, { routeKey, integration })`: binds the integration (creating its
/// resource under the first route that uses it) and adds the route.
fn add_route(
    s: &mut Synth,
    api: &ApiInfo,
    id: &str,
    key: Option<(&str, &str)>,
    integration: Option<usize>,
    auth: &RouteAuth,
) {
    let Ok(route) = s.tree.add(api.node, id) else {
        return;
    };
    let Some(index) = integration else {
        return;
    };
    let path = key.map(|k| k.1);
    let Some(integration_node) = bind_integration(s, api, route, path, index) else {
        return;
    };
    let integration_id = s.tree.logical_id(integration_node);
    let mut p = Map::new();
    p.insert("ApiId".into(), api.api_id.to_json());
    authorize(s, api, auth, &mut p);
    let route_key = key.map_or_else(
        || "$default".to_string(),
        |(method, path)| [method, " ", path].concat(),
    );
    p.insert("RouteKey".into(), Value::from(route_key));
    p.insert(
        "Target".into(),
        Str::lit("integrations/")
            .and(&Str::reference(&integration_id))
            .to_json(),
    );
    let resource = Resource::new("AWS::ApiGatewayV2::Route", p);
    let Ok(resource) = s.tree.add_resource(route, "Resource", resource) else {
        return;
    };
    let method = key.map_or("ANY", |k| k.0);
    let info = RouteInfo {
        node: route,
        resource,
        api: api.path.clone(),
        path: path.map(str::to_string),
        method: method.to_string(),
    };
    let route_path = [api.path.as_str(), "/", s.tree.id(route)].concat();
    s.handles.insert(route_path, Handle::Route(info));
}

/// The route's authorization, as `HttpRoute` computes it: its authorizer (or the API's
/// default) bound, and its scopes (or the API's default scopes) when it has an authorizer.
fn authorize(s: &mut Synth, api: &ApiInfo, auth: &RouteAuth, p: &mut Map) {
    let authorizer = auth
        .authorizer
        .as_ref()
        .or(api.default_auth.authorizer.as_ref());
    let bound = match authorizer {
        Some(AuthorizerRef::Object(index)) => bind_authorizer(s, api, *index),
        Some(AuthorizerRef::Imported(path)) => match s.handle(path) {
            // Validate checked that the type is a literal CDK accepts.
            Some(Handle::HttpAuthorizer(imported)) => {
                Some((imported.ty.to_json(), Some(imported.id)))
            }
            _ => None,
        },
        None => None,
    };
    let mut scopes: Option<Vec<String>> = None;
    if bound.is_some()
        && let Some(written) = auth.scopes.as_ref().or(api.default_auth.scopes.as_ref())
    {
        let mut unique: Vec<String> = Vec::new();
        for scope in written {
            if !unique.contains(scope) {
                unique.push(scope.clone());
            }
        }
        scopes = (!unique.is_empty()).then_some(unique);
    }
    if let Some(scopes) = scopes {
        p.insert("AuthorizationScopes".into(), json!(scopes));
    }
    let (kind, id) = bound.unwrap_or((json!("NONE"), None));
    p.insert("AuthorizationType".into(), kind);
    if let Some(id) = id {
        p.insert("AuthorizerId".into(), id.to_json());
    }
}

/// The authorization type routes get from an authorizer object (`authorizationType`).
pub fn authorization_type(object: &crate::model::Object) -> Option<&'static str> {
    Some(match object.ty.name {
        "HttpNoneAuthorizer" => "NONE",
        "HttpIamAuthorizer" => "AWS_IAM",
        "HttpJwtAuthorizer" | "HttpUserPoolAuthorizer" => "JWT",
        "HttpLambdaAuthorizer" => "CUSTOM",
        _ => return None,
    })
}

/// `authorizer.bind`: the authorization type and, for a JWT authorizer, the `Ref` of its
/// resource, created under the first API that uses it.
fn bind_authorizer(s: &mut Synth, api: &ApiInfo, index: usize) -> Option<(Value, Option<Str>)> {
    let model = s.model;
    let object = model.objects.get(index)?;
    let kind = authorization_type(object)?;
    if matches!(kind, "NONE" | "AWS_IAM") {
        return Some((json!(kind), None));
    }
    let resource = match s.bound_authorizers.get(&index) {
        Some(resource) => *resource,
        None => match object.ty.name {
            "HttpUserPoolAuthorizer" => super::cognito::user_pool_authorizer(s, api, index)?,
            "HttpLambdaAuthorizer" => {
                super::iam::lambda_authorizer(s, api.authorizer_api(), index)?
            }
            _ => jwt_authorizer(s, api, index)?,
        },
    };
    Some((
        json!(kind),
        Some(Str::reference(&s.tree.logical_id(resource))),
    ))
}

/// A JWT authorizer bound to `api` for the first time.
fn jwt_authorizer(s: &mut Synth, api: &ApiInfo, index: usize) -> Option<NodeId> {
    let object = s.model.objects.get(index)?;
    let props = &object.props;
    let audience = s.prop_json(props, "jwtAudience");
    let issuer = s.prop_json(props, "jwtIssuer");
    let mut jwt = Map::new();
    put(&mut jwt, "Audience", audience);
    put(&mut jwt, "Issuer", issuer);
    let mut p = Map::new();
    p.insert("AuthorizerType".into(), json!("JWT"));
    p.insert("JwtConfiguration".into(), Value::Object(jwt));
    authorizer_resource(s, api.authorizer_api(), index, p).map(|(_, resource)| resource)
}

/// The API an authorizer is created under: its node, its id, and its protocol (which decides
/// the identity source authorizers read by default).
#[derive(Clone, Copy, Debug)]
pub struct AuthorizerApi<'a> {
    /// The API's construct node.
    pub node: NodeId,
    /// `Ref` of the API.
    pub api_id: &'a Str,
    /// Whether it is a WebSocket API.
    pub websocket: bool,
}

impl ApiInfo {
    /// The API as authorizers see it.
    pub fn authorizer_api(&self) -> AuthorizerApi<'_> {
        AuthorizerApi {
            node: self.node,
            api_id: &self.api_id,
            websocket: false,
        }
    }
}

/// The `AWS::ApiGatewayV2::Authorizer` of the authorizer object `index` under `api`, with the
/// properties every authorizer has (the API, `identitySource`, `authorizerName` and their
/// defaults) added to `p`; recorded as bound. Returns its construct node and resource node.
pub(super) fn authorizer_resource(
    s: &mut Synth,
    api: AuthorizerApi,
    index: usize,
    mut p: Map,
) -> Option<(NodeId, NodeId)> {
    let object = s.model.objects.get(index)?;
    let props = &object.props;
    p.insert("ApiId".into(), api.api_id.to_json());
    let default_identity = if api.websocket {
        "route.request.header.Authorization"
    } else {
        "$request.header.Authorization"
    };
    let identity = s
        .prop_json(props, "identitySource")
        .unwrap_or_else(|| json!([default_identity]));
    p.insert("IdentitySource".into(), identity);
    let name = s
        .prop_json(props, "authorizerName")
        .unwrap_or_else(|| json!(&object.id.value));
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
    Some((node, resource))
}

/// `HttpRoute.routeArn`: the ARN for any stage, `ANY` as `*`, and the path from its first
/// parameter on as `*` (`/books/{id}/x` -> `/books/*`).
pub fn route_arn(s: &Synth, api: &ApiInfo, route: &RouteInfo) -> Str {
    route_arn_for(s, api, route, &route.method)
}

/// CDK's `produceRouteArn(httpMethod)`: [`route_arn`] for `method`.
pub fn route_arn_for(s: &Synth, api: &ApiInfo, route: &RouteInfo, method: &str) -> Str {
    let iam_method = if method == "ANY" { "*" } else { method };
    let path = route.path.as_deref().unwrap_or("/");
    let iam_path = match path.find('{') {
        Some(brace) if path[brace..].contains('}') => format!("{}*", &path[..brace]),
        _ => path.to_string(),
    };
    Str::lit("arn:")
        .and(&s.env.partition())
        .and_lit(":execute-api:")
        .and(&s.env.region())
        .and_lit(":")
        .and(&s.env.account())
        .and_lit(":")
        .and(&api.api_id)
        .and_lit(&format!("/*/{iam_method}{iam_path}"))
}

/// `integration._bindToRoute`: the integration's resource (created once, under the first
/// route), then `completeBind` (the Lambda permission of this route).
fn bind_integration(
    s: &mut Synth,
    api: &ApiInfo,
    route: NodeId,
    path: Option<&str>,
    index: usize,
) -> Option<NodeId> {
    let model = s.model;
    let object = model.objects.get(index)?;
    let function = match object.props.get("handler").map(|v| &v.kind) {
        Some(ValueKind::Construct(path)) => match s.handle(path)? {
            Handle::Function(f) => Some(f),
            _ => None,
        },
        _ => None,
    };
    if s.bound_to_other_api(index, api.node) {
        return None;
    }
    let resource = match s.bound_integrations.get(&index) {
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
                    let version = s
                        .prop_json(props, "payloadFormatVersion")
                        .unwrap_or_else(|| json!("2.0"));
                    p.insert("PayloadFormatVersion".into(), version);
                }
                "HttpRouteIntegration" => super::services::custom_integration(s, object, &mut p),
                "HttpAlbIntegration" | "HttpNlbIntegration" => {
                    super::network::alb_integration(s, api, object, &mut p)?
                }
                "HttpServiceDiscoveryIntegration" => {
                    super::network::service_discovery_integration(s, object, &mut p)?
                }
                "HttpSqsIntegration"
                | "HttpEventBridgeIntegration"
                | "HttpStepFunctionsIntegration" => {
                    super::services::service_integration(s, route, object, &mut p)?;
                }
                _ => return None,
            }
            if !p.contains_key("RequestParameters") {
                let parameters = s.prop_json(props, "parameterMapping");
                put(&mut p, "RequestParameters", parameters);
            }
            s.create_integration(route, index, api.node, object, p)?
        }
    };
    if let Some(f) = function {
        let scoped = object.props.bool("scopePermissionToRoute") != Some(false);
        if scoped {
            let source = s.env.format_arn(
                "execute-api",
                &api.api_id,
                &Str::lit(format!("*/*{}", path.unwrap_or(""))),
            );
            add_permission(
                s,
                &f,
                route,
                &format!("{}-Permission", object.id.value),
                &source,
            );
        } else {
            let id = format!(
                "ApiPermission.ApiScoped.{}.{}",
                s.tree.node_unique_id(f.node),
                s.tree.node_unique_id(api.node)
            );
            if !s
                .tree
                .has_resource_with_id(&id, |r| r.cfn_type == "AWS::Lambda::Permission")
            {
                let source = s
                    .env
                    .format_arn("execute-api", &api.api_id, &Str::lit("*/*/*"));
                add_permission(s, &f, route, &id, &source);
            }
        }
    }
    Some(resource)
}

/// `new HttpStage(scope, id, { httpApi, ... })` written as its own entry.
/// `HttpStage.fromHttpStageAttributes(scope, id, { api, stageName })`: no resource.
fn imported_stage(s: &mut Synth, attrs: &crate::model::Value, node: NodeId) -> Option<StageInfo> {
    let ValueKind::Struct(attrs) = &attrs.kind else {
        return None;
    };
    let ValueKind::Construct(api_path) = &attrs.get("api")?.kind else {
        return None;
    };
    let Some(Handle::HttpApi(api)) = s.handle(api_path) else {
        return None;
    };
    Some(StageInfo {
        node,
        resource: node,
        api_id: api.api_id.clone(),
        name: s.prop_str(attrs, "stageName")?,
        websocket: false,
        domain_url: None,
    })
}

pub fn create_standalone_stage(
    s: &mut Synth,
    construct: &Construct,
    node: NodeId,
) -> Option<StageInfo> {
    if let Some(import) = &construct.import {
        return imported_stage(s, &import.value, node);
    }
    let api_value = construct.props.get("httpApi")?;
    let ValueKind::Construct(api_path) = &api_value.kind else {
        return None;
    };
    let Some(Handle::HttpApi(api)) = s.handle(api_path) else {
        return None;
    };
    let options = stage_options(s, &construct.props);
    let mut stage = stage_resource(s, node, &api.api_id, options, false)?;
    super::domains::map_stage(s, &mut stage, &construct.props, "domainMapping");
    stage_calls(s, &stage, &construct.calls);
    Some(stage)
}
