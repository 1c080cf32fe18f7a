//! ARN previews: after each route, the execute-api ARN that `arnForExecuteApi` (or
//! `arnForExecuteApiV2` for WebSocket routes) gives for it, once per stage that deploys it.

use tower_lsp_server::ls_types::{InlayHint, InlayHintKind, InlayHintLabel, InlayHintTooltip};

use super::analysis::Analysis;
use super::convert::to_lsp_position;
use crate::construct::make_unique_id;
use crate::model::Model;
use crate::syntax::Span;
use crate::synth::tokens::{Env, Str};

/// One route's ARN for one stage, where to show it, and the call that computes it.
#[derive(Debug, PartialEq)]
pub struct ArnPreview {
    /// Where the hint goes (the end of the route's path or route key).
    pub at: usize,
    /// The ARN, tokens written as `${LogicalId}`.
    pub arn: String,
    /// The equivalent expression, e.g. `${Api.arnForExecuteApi(GET, /books, beta)}`.
    pub expression: String,
}

/// The inlay hints of the routes inside `range` (only those ARNs are built).
pub fn inlay_hints(a: &Analysis, range: Span) -> Vec<InlayHint> {
    arn_previews_within(&a.checked.model, range)
        .into_iter()
        .map(|p| InlayHint {
            position: to_lsp_position(a.position(p.at)),
            label: InlayHintLabel::String(format!("→ {}", p.arn)),
            kind: Some(InlayHintKind::TYPE),
            text_edits: None,
            tooltip: Some(InlayHintTooltip::String(p.expression)),
            padding_left: Some(true),
            padding_right: None,
            data: None,
        })
        .collect()
}

/// Every route's ARN for every stage that deploys its API, in source order.
pub fn arn_previews(model: &Model) -> Vec<ArnPreview> {
    arn_previews_within(model, Span::new(0, usize::MAX))
}

/// The ARN previews of the routes written inside `range`.
fn arn_previews_within(model: &Model, range: Span) -> Vec<ArnPreview> {
    let env = Env {
        region: model.stack.region.clone(),
        account: model.stack.account.clone(),
    };
    let mut out = Vec::new();
    for api in &model.constructs {
        let Some(ty) = api.ty else { continue };
        let path = &api.path.value;
        let api_ref = Str::reference(&make_unique_id(
            &path.split('/').chain(["Resource"]).collect::<Vec<_>>(),
        ));
        let stages = model.stage_names(api);
        let mut push = |at: usize, name: String, expression: String| {
            if !range.contains(at) {
                return;
            }
            out.push(ArnPreview {
                at,
                arn: env
                    .format_arn("execute-api", &api_ref, &Str::lit(name))
                    .to_sub_string(),
                expression,
            });
        };
        match ty.name {
            "HttpApi" => {
                for call in model
                    .calls_on(&api.path.value)
                    .filter(|c| c.method.name == "addRoutes")
                {
                    let Some(route_path) = call.args.get("path") else {
                        continue;
                    };
                    let Some(p) = route_path.literal_text() else {
                        continue;
                    };
                    for (method, _) in call.args.route_methods(route_path.span) {
                        let iam_method = if method == "ANY" { "*" } else { method };
                        for stage in &stages {
                            push(
                                route_path.span.end,
                                format!("{stage}/{iam_method}{p}"),
                                format!("${{{path}.arnForExecuteApi({method}, {p}, {stage})}}"),
                            );
                        }
                    }
                }
            }
            "WebSocketApi" => {
                let mut routes: Vec<(String, usize)> = Vec::new();
                for (prop, key) in [
                    ("connectRouteOptions", "$connect"),
                    ("disconnectRouteOptions", "$disconnect"),
                    ("defaultRouteOptions", "$default"),
                ] {
                    if let Some(p) = api.props.prop(prop) {
                        routes.push((key.to_string(), p.key_span.end));
                    }
                }
                for call in model
                    .calls_on(&api.path.value)
                    .filter(|c| c.method.name == "addRoute")
                {
                    if let Some(key) = &call.key {
                        routes.push((key.value.clone(), key.span.end));
                    }
                }
                for (key, at) in routes {
                    for stage in &stages {
                        push(
                            at,
                            format!("{stage}/{key}"),
                            format!("${{{path}.arnForExecuteApiV2({key}, {stage})}}"),
                        );
                    }
                }
            }
            _ => {}
        }
    }
    out.sort_by_key(|p| p.at);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_preview_per_method_and_stage() {
        let a = Analysis::of_text(
            "integrations:\n  I: { type: HttpUrlIntegration, url: https://x.example.com }\nconstructs:\n  Api:\n    type: HttpApi\n    addRoutes:\n      - { path: /books, methods: [GET, ANY], integration: I }\n    addStage: { beta: { stageName: beta } }\n",
        );
        let previews = arn_previews(&a.checked.model);
        let arns: Vec<&str> = previews.iter().map(|p| p.arn.as_str()).collect();
        // The API's logical ID as the synthesized template has it.
        let template = a.checked.template().unwrap();
        let api_id = template["Resources"]
            .as_object()
            .unwrap()
            .iter()
            .find(|(_, r)| r["Type"] == "AWS::ApiGatewayV2::Api")
            .map(|(id, _)| id.to_owned())
            .unwrap();
        let prefix = format!(
            "arn:${{AWS::Partition}}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:${{{api_id}}}"
        );
        let expected: Vec<String> = [
            "$default/GET/books",
            "beta/GET/books",
            "$default/*/books",
            "beta/*/books",
        ]
        .iter()
        .map(|tail| format!("{prefix}/{tail}"))
        .collect();
        assert_eq!(arns, expected);
        assert_eq!(
            previews[1].expression,
            "${Api.arnForExecuteApi(GET, /books, beta)}"
        );
        assert_eq!(
            a.slice(Span::new(previews[0].at - 6, previews[0].at)),
            "/books"
        );
    }

    #[test]
    fn websocket_routes_preview_arn_for_execute_api_v2() {
        let a = Analysis::of_text(
            "constructs:\n  Ws:\n    type: WebSocketApi\n    addRoute:\n      send: { integration: { type: WebSocketMockIntegration, id: M } }\n  Prod: { type: WebSocketStage, webSocketApi: Ws, stageName: prod }\n",
        );
        let previews = arn_previews(&a.checked.model);
        let expressions: Vec<&str> = previews.iter().map(|p| p.expression.as_str()).collect();
        assert_eq!(expressions, ["${Ws.arnForExecuteApiV2(send, prod)}"]);
        assert!(
            previews[0].arn.ends_with("/prod/send"),
            "{}",
            previews[0].arn
        );
        assert_eq!(
            a.slice(Span::new(previews[0].at - 4, previews[0].at)),
            "send"
        );
    }
}
