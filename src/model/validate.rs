//! Checks on the resolved model that CDK performs when it constructs or synthesizes, with the
//! CDK's wording where it helps, and warnings for what CloudFormation will reject.

mod alarms;
mod authorizers;
mod aws_integration;
mod domains;
mod network;
mod policies;
mod quotas;
mod route_settings;
mod stages;
mod tables;
mod usage_plans;

use std::borrow::Cow;

use crate::hash::HashMap;

use super::{Construct, Expr, Model, Props, Value, ValueKind};
use crate::diagnostic::Diagnostic;
use crate::model::schema::runtime_supports_inline_code;
use crate::model::suggest::capitalized;
use crate::syntax::Span;

/// Runs every check and appends what it finds to `diags`; returns the planned construct tree.
pub fn validate(model: &Model, text: &str, diags: &mut Vec<Diagnostic>) -> super::plan::Plan {
    for object in &model.objects {
        check_integration_timeout(&object.props, diags);
        check_jwt_authorizer(object, diags);
        authorizers::check_lambda_authorizer(object, diags);
        authorizers::check_service_subtype(model, object, diags);
        network::check_private_integration(model, object, diags);
        aws_integration::check(model, object, diags);
    }
    for construct in &model.constructs {
        domains::check_construct(model, construct, diags);
        network::check_import_only(construct, diags);
        for call in construct
            .calls
            .iter()
            .filter(|c| c.method.name == "addVpcLink")
        {
            network::check_vpc_link_props(model, &call.args, diags);
        }
        usage_plans::check_construct(model, construct, diags);
        let Some(ty) = construct.ty else { continue };
        match ty.name {
            "HttpApi" | "WebSocketApi" if construct.import.is_some() => {
                // CDK's imported APIs have no addRoutes/addStage/addRoute.
                for call in model.calls_on(&construct.path.value) {
                    diags.push(
                        Diagnostic::error(
                            call.span,
                            format!("an imported {} has no `{}`", ty.name, call.method.name),
                        )
                        .with_hint(
                            "routes and stages of an imported API are managed where it is defined",
                        ),
                    );
                }
            }
            "HttpApi" => {
                check_cors(&construct.props, diags);
                check_routes(model, construct, diags);
                authorizers::check_preflight_behind_authorizer(model, construct, diags);
                authorizers::check_imported_authorizer_types(model, construct, diags);
            }
            "WebSocketApi" => authorizers::check_websocket_authorizers(model, construct, diags),
            "WebSocketRoute" => authorizers::check_websocket_route_entry(construct, diags),
            "Function" if construct.import.is_none() => check_function(&construct.props, diags),
            "CfnResource" => check_cfn_resource(construct, diags),
            "Alarm" => alarms::check_alarm(construct, diags),
            "Table" => tables::check_table(construct, diags),
            "Policy" => policies::check_policy(model, construct, diags),
            "Vpc" => network::check_vpc(model, construct, diags),
            "VpcLink" if construct.import.is_none() => {
                network::check_vpc_link_props(model, &construct.props, diags)
            }
            "ApplicationLoadBalancer" | "NetworkLoadBalancer" => {
                network::check_load_balancer(model, construct, diags)
            }
            _ => {}
        }
    }
    crate::give_way::between_stages();
    let plan = super::plan::plan(model, diags);
    check_default_stages(model, diags);
    check_undeployed_routes(model, diags);
    domains::check_domain_mappings(model, diags);
    domains::check_stage_mapping_keys(model, diags);
    stages::check_access_logs(model, text, diags);
    stages::check_imported_stage_calls(model, diags);
    stages::check_names(model, diags);
    quotas::check_api_quotas(model, &plan, diags);
    quotas::check_value_quotas(model, diags);
    route_settings::check(model, diags);
    quotas::check_policy_size(model, &plan, text, diags);
    authorizers::check_grant_invoke(model, diags);
    usage_plans::check_calls(model, diags);
    for expr in model.exprs() {
        check_expr(model, expr, diags);
        tables::check_stream_read(model, expr, diags);
        domains::check_domain_url(model, expr, diags);
        stages::check_imported_stage_expr(model, expr, diags);
    }
    plan
}

/// `arnForExecuteApi(method, path, stage)`: CDK throws unless the path starts with `/`.
fn check_arn_path(member: &crate::model::Member, diags: &mut Vec<Diagnostic>) {
    if member.name.value != "arnForExecuteApi" {
        return;
    }
    let path = member
        .args
        .as_ref()
        .and_then(|args| args.get(1).cloned().flatten());
    if let Some(path) = path
        && !path.value.starts_with('/')
    {
        diags.push(
            Diagnostic::error(
                path.span,
                format!("Path must start with '/': {}", path.value),
            )
            .with_fix("Add a leading `/`", path.span, format!("/{}", path.value)),
        );
    }
}

/// What CDK throws when an attribute is read: `arnForExecuteApi` paths, `apiEndpoint` of an
/// API without its execute-api endpoint, `url` of an API without a default stage.
fn check_expr(model: &Model, expr: &Expr, diags: &mut Vec<Diagnostic>) {
    let Some(api) = model.construct(&expr.head.value).filter(|c| {
        c.ty.is_some_and(|t| t.name == "HttpApi" || t.name == "WebSocketApi")
    }) else {
        return;
    };
    let Some(member) = expr.members.first() else {
        return;
    };
    if let Some(import) = &api.import {
        let ValueKind::Struct(attrs) = &import.value.kind else {
            return;
        };
        let websocket = api.ty.is_some_and(|t| t.name == "WebSocketApi");
        let message = match member.name.value.as_str() {
            "apiEndpoint" if attrs.get("apiEndpoint").is_none() && websocket => {
                "apiEndpoint is not configured on the imported WebSocketApi."
            }
            "apiEndpoint" if attrs.get("apiEndpoint").is_none() => {
                "apiEndpoint is not configured on the imported HttpApi."
            }
            "url" | "defaultStage" => "an imported HttpApi has no default stage here",
            _ => return check_arn_path(member, diags),
        };
        diags.push(
            Diagnostic::error(expr.span, message)
                .with_related(api.path.span, "the API is imported here")
                .with_hint("give `apiEndpoint` in the import, or use the URL of a stage"),
        );
        return;
    }
    match member.name.value.as_str() {
        "arnForExecuteApi" => check_arn_path(member, diags),
        "apiEndpoint" if api.props.bool("disableExecuteApiEndpoint") == Some(true) => {
            let mut d = Diagnostic::error(
                expr.span,
                "apiEndpoint is not accessible when disableExecuteApiEndpoint is set to true.",
            )
            .with_hint("remove `disableExecuteApiEndpoint: true`, or use a custom domain's URL");
            if let Some(prop) = api.props.prop("disableExecuteApiEndpoint") {
                d = d.with_related(prop.key_span, "the execute-api endpoint is disabled here");
            }
            diags.push(d);
        }
        "url" | "defaultStage" if api.props.bool("createDefaultStage") == Some(false) => {
            let mut d = Diagnostic::error(
                member.name.span,
                format!(
                    "`{}` is undefined: the API has no default stage",
                    member.name.value
                ),
            )
            .with_hint("use the URL of one of its stages instead");
            if let Some(prop) = api.props.prop("createDefaultStage") {
                d = d.with_related(prop.key_span, "the default stage is turned off here");
            }
            diags.push(d);
        }
        _ => {}
    }
}

fn check_integration_timeout(props: &Props, diags: &mut Vec<Diagnostic>) {
    let Some(value) = props.get("timeout") else {
        return;
    };
    if let ValueKind::Duration(d) = value.kind {
        let ms = d.to_millis();
        if !(50.0..=29_000.0).contains(&ms) {
            diags.push(
                Diagnostic::error(
                    value.span,
                    "Integration timeout must be between 50 milliseconds and 29 seconds.",
                )
                .with_hint("API Gateway waits at most 29 seconds for an integration"),
            );
        }
    }
}

/// `Duration.toSeconds()` in CDK throws unless the duration is a whole number of seconds.
fn check_whole_seconds(value: Option<&Value>, diags: &mut Vec<Diagnostic>) {
    let Some(value) = value else { return };
    if let ValueKind::Duration(d) = value.kind
        && d.to_whole_seconds().is_none()
    {
        diags.push(
            Diagnostic::error(
                value.span,
                format!(
                    "'{} {}' cannot be converted into a whole number of seconds.",
                    d.amount,
                    d.unit.name()
                ),
            )
            .with_hint("use a whole number of seconds"),
        );
    }
}

fn check_cors(props: &Props, diags: &mut Vec<Diagnostic>) {
    let Some(ValueKind::Struct(cors)) = props.get("corsPreflight").map(|v| &v.kind) else {
        return;
    };
    check_whole_seconds(cors.get("maxAge"), diags);
    let wildcard = match cors.get("allowOrigins").map(|v| &v.kind) {
        Some(ValueKind::List(origins)) => origins
            .iter()
            .any(|o| o.literal_text().as_deref() == Some("*")),
        _ => false,
    };
    if wildcard
        && cors.bool("allowCredentials") == Some(true)
        && let Some(prop) = cors.prop("allowCredentials")
    {
        diags.push(
            Diagnostic::error(
                prop.key_span,
                "CORS preflight - allowCredentials is not supported when allowOrigin is '*'",
            )
            .with_hint("list the allowed origins explicitly, or drop allowCredentials"),
        );
    }
}

/// Route paths (CDK `HttpRouteKey.with`) and duplicate route ids within one API.
fn check_routes(model: &Model, api: &Construct, diags: &mut Vec<Diagnostic>) {
    // Keyed by method and path: a route key is only written out for a message.
    let mut seen: HashMap<(&str, Cow<str>), Span> =
        HashMap::with_capacity_and_hasher(api.calls.len(), Default::default());
    for call in model
        .calls_on(&api.path.value)
        .filter(|c| c.method.name == "addRoutes")
    {
        let Some(path_value) = call.args.get("path") else {
            continue;
        };
        let Some(path) = path_value.literal_text() else {
            continue;
        };
        if path.len() > 1000 {
            // CDK's `HttpRoute.produceRouteArn`.
            diags.push(
                Diagnostic::error(path_value.span, format!("Path is too long: {path}"))
                    .with_hint("API Gateway route paths are at most 1000 characters"),
            );
            continue;
        }
        if path != "/" && (!path.starts_with('/') || path.ends_with('/')) {
            diags.push(
                Diagnostic::error(
                    path_value.span,
                    "A route path must always start with a \"/\" and not end with a \"/\"",
                )
                .with_hint(format!("write `{}`", normalized_path(&path))),
            );
            continue;
        }
        let methods = call.args.route_methods(path_value.span);
        for (method, span) in methods {
            let key = (method, path.clone());
            if let Some(first) = seen.get(&key) {
                let route = format!("{method} {path}");
                diags.push(
                    Diagnostic::error(
                        span,
                        format!("duplicate route `{route}` in {}", api.path.value),
                    )
                    .with_related(*first, format!("`{route}` is first added here"))
                    .with_hint("remove one of the two routes, or change its method or path"),
                );
            } else {
                seen.insert(key, span);
            }
        }
    }
}

fn normalized_path(path: &str) -> String {
    let trimmed = path.trim_end_matches('/');
    if trimmed.starts_with('/') {
        trimmed.to_string()
    } else {
        format!("/{trimmed}")
    }
}

fn check_function(props: &Props, diags: &mut Vec<Diagnostic>) {
    check_whole_seconds(props.get("timeout"), diags);
    let runtime = match props.get("runtime").map(|v| &v.kind) {
        Some(ValueKind::Member(m)) => m.value,
        _ => return,
    };
    if let Some(code) = props.get("code")
        && matches!(&code.kind, ValueKind::Factory(f, _) if f.name == "fromInline")
        && !runtime_supports_inline_code(runtime)
    {
        diags.push(
            Diagnostic::error(
                code.span,
                format!("Inline source not allowed for {runtime}"),
            )
            .with_hint("inline code works with Node.js and Python runtimes"),
        );
    }
}

/// `HttpAuthorizer` throws when a JWT authorizer has no audience (an empty list).
fn check_jwt_authorizer(object: &crate::model::Object, diags: &mut Vec<Diagnostic>) {
    if object.ty.name != "HttpJwtAuthorizer" {
        return;
    }
    if let Some(audience) = object.props.get("jwtAudience")
        && matches!(&audience.kind, ValueKind::List(items) if items.is_empty())
    {
        diags.push(
            Diagnostic::error(
                audience.span,
                "jwtAudience and jwtIssuer are mandatory for JWT authorizers",
            )
            .with_hint("list the audiences a token's `aud` may hold"),
        );
    }
}

/// What can be said of an escape-hatch resource without CloudFormation's resource schemas:
/// its type's namespace and the case of its property names. Warnings only: CDK passes both
/// through and CloudFormation decides.
fn check_cfn_resource(construct: &Construct, diags: &mut Vec<Diagnostic>) {
    if let Some(cfn_type) = &construct.cfn_type {
        let namespace = cfn_type.value.split("::").next().unwrap_or("");
        if !matches!(namespace, "AWS" | "Alexa" | "Custom") {
            diags.push(
                Diagnostic::warning(
                    cfn_type.span,
                    format!("`{}` is not a CloudFormation resource type", cfn_type.value),
                )
                .with_hint("resource types start with `AWS::` (or `Alexa::`, `Custom::`)"),
            );
        }
    }
    let Some(ValueKind::Map(properties)) = construct.props.get("properties").map(|v| &v.kind)
    else {
        return;
    };
    for (key, _) in properties {
        if !key.value.starts_with(|c: char| c.is_ascii_lowercase()) {
            continue;
        }
        let pascal = capitalized(&key.value);
        diags.push(
            Diagnostic::warning(
                key.span,
                format!("CloudFormation property names start with a capital letter: `{}` will not be recognised", key.value),
            )
            .with_fix(format!("Replace with `{pascal}`"), key.span, pascal.clone())
            .with_hint(format!("did you mean `{pascal}`?")),
        );
    }
}

/// Routes of an API that no stage deploys are unreachable: warn on each route.
fn check_undeployed_routes(model: &Model, diags: &mut Vec<Diagnostic>) {
    for api in &model.constructs {
        let Some(ty) = api.ty else { continue };
        let routes: Vec<Span> = match ty.name {
            "HttpApi" => model
                .calls_on(&api.path.value)
                .filter(|c| c.method.name == "addRoutes")
                .map(|c| c.args.get("path").map_or(c.span, |p| p.span))
                .collect(),
            "WebSocketApi" => {
                let mut spans: Vec<Span> = [
                    "connectRouteOptions",
                    "disconnectRouteOptions",
                    "defaultRouteOptions",
                ]
                .iter()
                .filter_map(|p| api.props.prop(p).map(|p| p.key_span))
                .collect();
                spans.extend(
                    model
                        .calls_on(&api.path.value)
                        .filter(|c| c.method.name == "addRoute")
                        .map(|c| c.span),
                );
                spans
            }
            _ => continue,
        };
        if routes.is_empty() || !model.stage_names(api).is_empty() {
            continue;
        }
        for span in routes {
            diags.push(
                Diagnostic::warning(
                    span,
                    format!(
                        "no stage deploys this route: `{}` has no stage",
                        api.path.value
                    ),
                )
                .with_related(api.path.span, "the API is defined here")
                .with_hint(if ty.name == "HttpApi" {
                    "add a stage with `addStage`, or remove `createDefaultStage: false`"
                } else {
                    "add a `WebSocketStage` entry with `webSocketApi` set to this API"
                }),
            );
        }
    }
}

/// An API has one `$default` stage at most: CloudFormation rejects a second one (CDK only warns).
fn check_default_stages(model: &Model, diags: &mut Vec<Diagnostic>) {
    let mut defaults: HashMap<&str, Span> = HashMap::default();
    for construct in &model.constructs {
        let Some(ty) = construct.ty else { continue };
        if ty.name == "HttpApi" && construct.props.bool("createDefaultStage") != Some(false) {
            defaults.insert(&construct.path.value, construct.path.span);
        }
    }
    let mut stages: Vec<(&str, &Props, Span)> = Vec::new();
    for construct in &model.constructs {
        if construct.ty.is_some_and(|t| t.name == "HttpStage")
            && let Some(ValueKind::Construct(api)) = construct.props.get("httpApi").map(|v| &v.kind)
        {
            stages.push((api, &construct.props, construct.path.span));
        }
        for call in construct
            .calls
            .iter()
            .filter(|c| c.method.name == "addStage")
        {
            stages.push((&construct.path.value, &call.args, call.span));
        }
    }
    for (api, props, span) in stages {
        let name = props
            .get("stageName")
            .and_then(Value::literal_text)
            .unwrap_or_else(|| "$default".into());
        if name != "$default" {
            continue;
        }
        if let Some(first) = defaults.get(api) {
            diags.push(
                Diagnostic::warning(span, format!("`{api}` already has a `$default` stage: CloudFormation will reject a second one"))
                    .with_related(*first, "this API creates its `$default` stage (DefaultStage)")
                    .with_hint("give this stage a `stageName`, or set `createDefaultStage: false` on the API"),
            );
        } else {
            defaults.insert(api, span);
        }
    }
}
