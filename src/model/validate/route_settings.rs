//! Route settings API Gateway accepts and then ignores, written on an escape-hatch stage
//! (`type: AWS::ApiGatewayV2::Stage`): `LoggingLevel` and `DataTraceEnabled` on an HTTP API's
//! stage (WebSocket APIs only), and `RouteSettings` keyed by a route key the HTTP API does not
//! have. CDK passes both through; the deployment succeeds and the setting does nothing.

use crate::diagnostic::Diagnostic;
use crate::model::expr::TextPart;
use crate::model::{Construct, Model, Value, ValueKind};

/// Settings of a route that only WebSocket APIs apply.
const WEBSOCKET_ONLY: &[&str] = &["LoggingLevel", "DataTraceEnabled"];

/// Warns about the route settings an escape-hatch stage of an HTTP API sets in vain.
pub(super) fn check(model: &Model, diags: &mut Vec<Diagnostic>) {
    for stage in &model.constructs {
        if stage.cfn_type.as_ref().map(|t| t.value.as_str()) != Some("AWS::ApiGatewayV2::Stage") {
            continue;
        }
        let Some(ValueKind::Map(properties)) = stage.props.get("properties").map(|v| &v.kind)
        else {
            continue;
        };
        let Some(api) = property(properties, "ApiId")
            .and_then(expression_head)
            .and_then(|head| model.construct(head))
            .filter(|api| api.ty.is_some_and(|t| t.name == "HttpApi"))
        else {
            continue;
        };
        if let Some(ValueKind::Map(settings)) =
            property(properties, "DefaultRouteSettings").map(|v| &v.kind)
        {
            websocket_only(settings, diags);
        }
        let Some(ValueKind::Map(routes)) = property(properties, "RouteSettings").map(|v| &v.kind)
        else {
            continue;
        };
        let keys = route_keys(model, api);
        for (key, settings) in routes {
            if !keys.contains(&key.value) {
                let known = if keys.is_empty() {
                    "it has none".to_string()
                } else {
                    format!("it has {}", keys.join(", "))
                };
                diags.push(
                    Diagnostic::warning(
                        key.span,
                        format!(
                            "`{}` is not a route key of `{}` ({known}): API Gateway ignores \
                             settings for routes an API does not have",
                            key.value, api.path.value
                        ),
                    )
                    .with_hint("write a route key as `METHOD /path` (`GET /books`) or `$default`"),
                );
            }
            if let ValueKind::Map(settings) = &settings.kind {
                websocket_only(settings, diags);
            }
        }
    }
}

/// Warns at each WebSocket-only setting of one route's settings.
fn websocket_only(
    settings: &[(crate::model::Spanned<String>, Value)],
    diags: &mut Vec<Diagnostic>,
) {
    for (key, _) in settings {
        if WEBSOCKET_ONLY.contains(&key.value.as_str()) {
            diags.push(
                Diagnostic::warning(
                    key.span,
                    format!(
                        "HTTP APIs ignore `{}`: API Gateway applies it to WebSocket APIs only",
                        key.value
                    ),
                )
                .with_hint("remove it; an HTTP API logs through its stage's `accessLogSettings`"),
            );
        }
    }
}

/// A property of an escape-hatch resource by name.
fn property<'v>(
    properties: &'v [(crate::model::Spanned<String>, Value)],
    name: &str,
) -> Option<&'v Value> {
    properties
        .iter()
        .find(|(k, _)| k.value == name)
        .map(|(_, v)| v)
}

/// The head of a value that is one `${...}` expression (`${Api.apiId}` -> `Api`).
fn expression_head(value: &Value) -> Option<&str> {
    match &value.kind {
        ValueKind::Text(text) => match text.parts.as_slice() {
            [TextPart::Expr(e)] => Some(e.head.value.as_str()),
            _ => None,
        },
        _ => None,
    }
}

/// The route keys of an HTTP API: `METHOD /path` for each method of each `addRoutes` item
/// (`ANY` when none is given), and `$default` with a default integration.
fn route_keys(model: &Model, api: &Construct) -> Vec<String> {
    let mut keys = Vec::new();
    if api.props.get("defaultIntegration").is_some() {
        keys.push("$default".to_string());
    }
    for call in model
        .calls_on(&api.path.value)
        .filter(|c| c.method.name == "addRoutes")
    {
        let Some(ValueKind::Text(path)) = call.args.get("path").map(|v| &v.kind) else {
            continue;
        };
        let Some(path) = path.as_literal() else {
            continue;
        };
        match call.args.get("methods").map(|v| &v.kind) {
            Some(ValueKind::List(methods)) => {
                keys.extend(methods.iter().filter_map(|m| match m.kind {
                    ValueKind::Member(member) => Some(format!("{} {path}", member.name)),
                    _ => None,
                }))
            }
            _ => keys.push(format!("ANY {path}")),
        }
    }
    keys
}
