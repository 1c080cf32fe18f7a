//! Authorizers, grants and service integrations: what CDK refuses (grants without IAM
//! authorization, subtypes of another service) and what API Gateway does that CDK lets through
//! (a CORS preflight that meets an authorizer, a cache time CloudFormation refuses).

use crate::diagnostic::Diagnostic;
use crate::model::resolve::paths::route_id;
use crate::model::{Construct, Model, Object, ValueKind};

/// The most seconds an authorizer may cache its decision.
const MAX_CACHE_SECONDS: f64 = 3600.0;

/// `OPTIONS` preflight requests of an API with `corsPreflight` match its `ANY` routes: those
/// behind an authorizer refuse them (the preflight carries no credentials).
pub(super) fn check_preflight_behind_authorizer(
    model: &Model,
    api: &Construct,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(cors) = api.props.prop("corsPreflight") else {
        return;
    };
    let default = match api.props.get("defaultAuthorizer").map(|v| &v.kind) {
        Some(ValueKind::Object(index)) => Some(*index),
        _ => None,
    };
    for call in model
        .calls_on(&api.path.value)
        .filter(|c| c.method.name == "addRoutes")
    {
        let authorizer = match call.args.get("authorizer").map(|v| &v.kind) {
            Some(ValueKind::Object(index)) => Some(*index),
            _ => default,
        };
        let Some(object) = authorizer.and_then(|i| model.objects.get(i)) else {
            continue;
        };
        if object.ty.name == "HttpNoneAuthorizer" {
            continue;
        }
        let any = call
            .args
            .route_methods(call.span)
            .find(|(method, _)| *method == "ANY");
        if let Some((_, span)) = any {
            diags.push(
                Diagnostic::warning(
                    span,
                    format!(
                        "CORS preflight (`OPTIONS`) requests match this `ANY` route and meet its authorizer `{}`, which refuses them",
                        object.id.value
                    ),
                )
                .with_related(cors.key_span, "the API answers CORS preflights")
                .with_hint("list the route's methods, or add an `OPTIONS` route with `authorizer: { type: HttpNoneAuthorizer }`"),
            );
        }
    }
}

/// The authorization types `HttpRoute` accepts from an authorizer's `bind`.
const AUTHORIZATION_TYPES: [&str; 4] = ["AWS_IAM", "JWT", "CUSTOM", "NONE"];

/// An imported `HttpAuthorizer` on a route: CDK's route refuses an `authorizerType` other
/// than its four types, a token (`${Fn.importValue(..)}`) included.
pub(super) fn check_imported_authorizer_types(
    model: &Model,
    api: &Construct,
    diags: &mut Vec<Diagnostic>,
) {
    let default = api.props.get("defaultAuthorizer");
    let mut uses = Vec::new();
    if api.props.get("defaultIntegration").is_some() {
        uses.extend(default);
    }
    for call in model
        .calls_on(&api.path.value)
        .filter(|c| c.method.name == "addRoutes")
    {
        uses.extend(call.args.get("authorizer").or(default));
    }
    let mut reported = Vec::new();
    for value in uses {
        let ValueKind::Construct(path) = &value.kind else {
            continue;
        };
        let Some(attrs) = model.construct(path).and_then(|c| c.import.as_ref()) else {
            continue;
        };
        let ValueKind::Struct(attrs) = &attrs.value.kind else {
            continue;
        };
        let Some(ty) = attrs.get("authorizerType") else {
            continue;
        };
        let ValueKind::Text(text) = &ty.kind else {
            continue;
        };
        let literal = text.as_literal();
        if literal
            .as_deref()
            .is_some_and(|t| AUTHORIZATION_TYPES.contains(&t))
            || reported.contains(&value.span)
        {
            continue;
        }
        reported.push(value.span);
        // CDK prints a token as `${Token[TOKEN.n]}`.
        let shown = literal.unwrap_or_else(|| "${Token[TOKEN]}".to_string());
        diags.push(
            Diagnostic::error(
                value.span,
                format!(
                    "authorizationType should either be AWS_IAM, JWT, CUSTOM, or NONE but was '{shown}'"
                ),
            )
            .with_related(ty.span, "the imported authorizer's type")
            .with_hint("write the type as a literal: `CUSTOM` for a Lambda authorizer, `JWT`, `AWS_IAM` or `NONE`"),
        );
    }
}

/// A `WebSocketRoute` entry with an authorizer and another key than `$connect`.
pub(super) fn check_websocket_route_entry(route: &Construct, diags: &mut Vec<Diagnostic>) {
    if let Some(ValueKind::Text(key)) = route.props.get("routeKey").map(|v| &v.kind)
        && let Some(key) = key.as_literal()
    {
        connect_only(&key, &route.props, diags);
    }
}

/// CDK's `WebSocketRoute` refuses an authorizer on a route other than `$connect`.
fn connect_only(key: &str, options: &crate::model::Props, diags: &mut Vec<Diagnostic>) {
    if key == "$connect" {
        return;
    }
    if let Some(authorizer) = options.prop("authorizer") {
        diags.push(
            Diagnostic::error(
                authorizer.key_span,
                "You can only set a WebSocket authorizer to a $connect route.",
            )
            .with_hint(format!(
                "authorize the connection instead: move the authorizer to the `$connect` route (this route is `{key}`)"
            )),
        );
    }
}

/// A WebSocket authorizer on a route other than `$connect`: CDK's `WebSocketRoute` refuses it.
pub(super) fn check_websocket_authorizers(
    model: &Model,
    api: &Construct,
    diags: &mut Vec<Diagnostic>,
) {
    let mut routes = Vec::new();
    for (prop, key) in [
        ("disconnectRouteOptions", "$disconnect"),
        ("defaultRouteOptions", "$default"),
    ] {
        if let Some(ValueKind::Struct(options)) = api.props.get(prop).map(|v| &v.kind) {
            routes.push((key, options));
        }
    }
    for call in model
        .calls_on(&api.path.value)
        .filter(|c| c.method.name == "addRoute")
    {
        if let Some(key) = &call.key {
            routes.push((key.value.as_str(), &call.args));
        }
    }
    for (key, options) in routes {
        connect_only(key, options, diags);
    }
}

/// A Lambda authorizer's `resultsCacheTtl` over an hour: CloudFormation refuses it.
pub(super) fn check_lambda_authorizer(object: &Object, diags: &mut Vec<Diagnostic>) {
    if object.ty.name != "HttpLambdaAuthorizer" {
        return;
    }
    if let Some(ttl) = object.props.get("resultsCacheTtl")
        && let ValueKind::Duration(d) = &ttl.kind
        && d.to_millis() / 1000.0 > MAX_CACHE_SECONDS
    {
        diags.push(
            Diagnostic::warning(
                ttl.span,
                "API Gateway caches an authorizer's decision for at most an hour: CloudFormation rejects this",
            )
            .with_hint("use at most `1 hour`"),
        );
    }
}

/// `route.grantInvoke`: CDK refuses it on a route without IAM authorization, and for methods
/// the route does not serve.
pub(super) fn check_grant_invoke(model: &Model, diags: &mut Vec<Diagnostic>) {
    for entry in model.constructs.iter().filter(|c| c.ty.is_none()) {
        let grants: Vec<_> = entry
            .calls
            .iter()
            .filter(|c| c.method.name == "grantInvoke")
            .collect();
        if grants.is_empty() {
            continue;
        }
        let Some((method, authorizer)) = route_of(model, &entry.path.value) else {
            continue;
        };
        let iam = authorizer
            .and_then(|i| model.objects.get(i))
            .is_some_and(|o| o.ty.name == "HttpIamAuthorizer");
        for call in grants {
            if !iam {
                diags.push(
                    Diagnostic::error(
                        call.span,
                        "To use grantInvoke, you must use IAM authorization",
                    )
                    .with_hint("give the route (or the API's `defaultAuthorizer`) `{ type: HttpIamAuthorizer }`"),
                );
                continue;
            }
            let Some(methods) = call.args.get("httpMethods") else {
                continue;
            };
            let ValueKind::List(items) = &methods.kind else {
                continue;
            };
            let other = items
                .iter()
                .any(|i| matches!(&i.kind, ValueKind::Member(m) if m.name != method));
            if method != "ANY" && other {
                diags.push(Diagnostic::error(
                    methods.span,
                    "This route does not support granting invoke for all requested http methods",
                ));
            }
        }
    }
}

/// The method and authorizer (an object index) of the route CDK creates at `path`
/// (`Api/GET--books`), from the `addRoutes` call that creates it.
fn route_of(model: &Model, path: &str) -> Option<(&'static str, Option<usize>)> {
    let (api_path, id) = path.rsplit_once('/')?;
    let api = model.construct(api_path)?;
    let default = match api.props.get("defaultAuthorizer").map(|v| &v.kind) {
        Some(ValueKind::Object(index)) => Some(*index),
        _ => None,
    };
    for call in model
        .calls_on(api_path)
        .filter(|c| c.method.name == "addRoutes")
    {
        let Some(ValueKind::Text(route_path)) = call.args.get("path").map(|v| &v.kind) else {
            continue;
        };
        let Some(route_path) = route_path.as_literal() else {
            continue;
        };
        for (method, _) in call.args.route_methods(call.span) {
            if route_id(method, &route_path) == id {
                let authorizer = match call.args.get("authorizer").map(|v| &v.kind) {
                    Some(ValueKind::Object(index)) => Some(*index),
                    _ => default,
                };
                return Some((method, authorizer));
            }
        }
    }
    None
}

/// A service integration's `subtype` of another service, and a synchronous Step Functions
/// start on a standard state machine: CDK refuses both.
pub(super) fn check_service_subtype(model: &Model, object: &Object, diags: &mut Vec<Diagnostic>) {
    let (prefix, message) = match object.ty.name {
        "HttpSqsIntegration" => ("SQS-", "Subtype must start with `SQS_`"),
        "HttpEventBridgeIntegration" => ("EventBridge-", "Subtype must start with `EventBridge-`"),
        "HttpStepFunctionsIntegration" => {
            ("StepFunctions-", "Subtype must start with `STEPFUNCTIONS_`")
        }
        _ => return,
    };
    let Some(subtype) = object.props.get("subtype") else {
        return;
    };
    let ValueKind::Member(m) = &subtype.kind else {
        return;
    };
    if !m.value.starts_with(prefix) {
        diags.push(Diagnostic::error(subtype.span, message));
        return;
    }
    if m.value == "StepFunctions-StartSyncExecution"
        && let Some(ValueKind::Construct(path)) = object.props.get("stateMachine").map(|v| &v.kind)
        && let Some(machine) = model.construct(path)
        && machine.import.is_none()
        && !matches!(machine.props.get("stateMachineType").map(|v| &v.kind),
            Some(ValueKind::Member(t)) if t.value == "EXPRESS")
    {
        diags.push(
            Diagnostic::error(
                subtype.span,
                "Cannot use subtype `STEPFUNCTIONS_START_SYNC_EXECUTION` with a standard type state machine",
            )
            .with_related(machine.path.span, "a STANDARD state machine")
            .with_hint("give the state machine `stateMachineType: EXPRESS`, or start it asynchronously"),
        );
    }
}
