//! `${...}` expression items: entry paths, `Fn` and `Aws` at the head; a type's attributes
//! after `Head.` or a child attribute; a method's argument values (HTTP methods, the API's
//! route paths, stage names and route keys).

use tower_lsp_server::ls_types::CompletionItemKind;

use super::builder::{Builder, New};
use super::snippets::Tabs;
use crate::lsp::context::{CursorContext, ExprAt, ExprCursor};
use crate::lsp::hover::{attr_markdown, type_markdown};
use crate::model::ValueKind;
use crate::model::resolve::AWS_PSEUDO_PARAMETERS;
use crate::model::schema::{self, AttrKind, HTTP_METHOD, Role, TypeDef};
use crate::syntax::Span;

/// The type reached by following `members` (child attributes) from `head`.
fn member_type(c: &CursorContext<'_>, head: &str, members: &[String]) -> Option<&'static TypeDef> {
    let mut ty = c.known.head_type(head)?;
    for m in members {
        match ty.attr(m)?.kind {
            AttrKind::Child(child) => ty = schema::find_type(child)?,
            _ => return None,
        }
    }
    Some(ty)
}

/// The items inside `${`: entry paths and builtins, a type's attributes after `.`, or a
/// method's argument values.
pub(super) fn expr_items(b: &mut Builder<'_>, c: &CursorContext<'_>, e: &ExprCursor) {
    let range = e.word;
    match &e.at {
        ExprAt::Head => {
            for p in &c.known.paths {
                let mut detail = p.ty.name.to_string();
                if p.created {
                    detail.push_str(" · created by CDK");
                }
                b.push(New {
                    label: p.path.clone(),
                    kind: CompletionItemKind::REFERENCE,
                    detail,
                    doc: type_markdown(p.ty),
                    insert: p.path.clone(),
                    snippet: false,
                    range,
                    filter: None,
                });
            }
            // Authorizers with attributes (`${Auth.authorizerId}`), unless a path shadows them.
            for i in &c.known.integrations {
                let Some(ty) = c
                    .known
                    .head_type(&i.id)
                    .filter(|t| t.role == Role::Authorizer)
                else {
                    continue;
                };
                b.push(New {
                    label: i.id.clone(),
                    kind: CompletionItemKind::REFERENCE,
                    detail: ty.name.to_string(),
                    doc: type_markdown(ty),
                    insert: i.id.clone(),
                    snippet: false,
                    range,
                    filter: None,
                });
            }
            for (name, detail, doc) in [
                (
                    "Fn",
                    "Fn.importValue(name)",
                    "`${Fn.importValue(Name)}` is `Fn::ImportValue` of an exported output.",
                ),
                (
                    "Aws",
                    "pseudo parameters",
                    "`${Aws.REGION}`, `${Aws.ACCOUNT_ID}`, ...: CloudFormation pseudo parameters.",
                ),
            ] {
                if c.known.path_type(name).is_some() {
                    continue;
                }
                b.push(New {
                    label: name.into(),
                    kind: CompletionItemKind::KEYWORD,
                    detail: detail.into(),
                    doc: doc.into(),
                    insert: name.into(),
                    snippet: false,
                    range,
                    filter: None,
                });
            }
        }
        ExprAt::Member => {
            let Some(head) = e.head.as_deref() else {
                return;
            };
            if c.known.head_type(head).is_none() {
                builtin_members(b, head, e, range);
                return;
            }
            let Some(ty) = member_type(c, head, &e.members) else {
                return;
            };
            for attr in ty.attrs {
                let (kind, detail, insert, snippet) = match attr.kind {
                    AttrKind::Value => (
                        CompletionItemKind::PROPERTY,
                        "string".to_string(),
                        attr.name.to_string(),
                        false,
                    ),
                    AttrKind::Child(t) => (
                        CompletionItemKind::FIELD,
                        t.to_string(),
                        attr.name.to_string(),
                        false,
                    ),
                    AttrKind::Method(params) => {
                        let mut tabs = Tabs(0);
                        let args: Vec<String> = params
                            .iter()
                            .map(|p| tabs.stop(arg_placeholder(p)))
                            .collect();
                        (
                            CompletionItemKind::METHOD,
                            format!("{}({})", attr.name, params.join(", ")),
                            format!("{}({})", attr.name, args.join(", ")),
                            true,
                        )
                    }
                };
                b.push(New {
                    label: attr.name.to_string(),
                    kind,
                    detail,
                    doc: attr_markdown(ty, attr),
                    insert,
                    snippet,
                    range,
                    filter: None,
                });
            }
        }
        ExprAt::Arg { method, index } => {
            let Some(head) = e.head.as_deref() else {
                return;
            };
            let Some(ty) = member_type(c, head, &e.members) else {
                return;
            };
            let Some(AttrKind::Method(params)) = ty.attr(method).map(|a| &a.kind) else {
                return;
            };
            let Some(param) = params.get(*index) else {
                return;
            };
            // Route paths, stages and route keys belong to the head's API itself.
            let api = if e.members.is_empty() {
                b.a.checked.model.construct(head)
            } else {
                None
            };
            let values: Vec<(String, String, String)> = match *param {
                "method" => HTTP_METHOD
                    .members
                    .iter()
                    .map(|m| {
                        (
                            m.name.to_string(),
                            if m.name == "ANY" {
                                "any method (`*`)".to_string()
                            } else {
                                "HttpMethod".to_string()
                            },
                            m.doc.to_string(),
                        )
                    })
                    .collect(),
                "path" => api
                    .map(|api| route_paths(&b.a.checked.model, api))
                    .unwrap_or_default()
                    .into_iter()
                    .map(|p| (p, "route path".into(), format!("A route path of `{head}`.")))
                    .collect(),
                "stage" => api
                    .map(|api| b.a.checked.model.stage_names(api))
                    .unwrap_or_default()
                    .into_iter()
                    .map(|s| (s, "stage".into(), format!("A stage of `{head}`.")))
                    .collect(),
                "route" => api
                    .map(route_keys)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|k| (k, "route key".into(), format!("A route of `{head}`.")))
                    .collect(),
                _ => Vec::new(),
            };
            for (value, detail, doc) in values {
                b.push(New {
                    label: value.clone(),
                    kind: CompletionItemKind::VALUE,
                    detail,
                    doc,
                    insert: value,
                    snippet: false,
                    range,
                    filter: None,
                });
            }
        }
    }
}

/// Members of `${Fn.` and `${Aws.`.
fn builtin_members(b: &mut Builder<'_>, head: &str, e: &ExprCursor, range: Span) {
    if !e.members.is_empty() {
        return;
    }
    match head {
        "Fn" => b.push(New {
            label: "importValue".into(),
            kind: CompletionItemKind::FUNCTION,
            detail: "importValue(name)".into(),
            doc: "`Fn::ImportValue`: the value of an output another stack exports.".into(),
            insert: "importValue(${1:ExportName})".into(),
            snippet: true,
            range,
            filter: None,
        }),
        "Aws" => {
            for (name, reference) in AWS_PSEUDO_PARAMETERS {
                b.push(New {
                    label: (*name).to_string(),
                    kind: CompletionItemKind::CONSTANT,
                    detail: format!("Ref {reference}"),
                    doc: format!("The pseudo parameter `{reference}`."),
                    insert: (*name).to_string(),
                    snippet: false,
                    range,
                    filter: None,
                });
            }
        }
        _ => {}
    }
}

/// What a method argument snippet proposes.
fn arg_placeholder(param: &str) -> &str {
    match param {
        "method" => "GET",
        "path" => "/path",
        other => other,
    }
}

/// The literal paths of an API's routes, in order, without repeats.
fn route_paths(model: &crate::model::Model, api: &crate::model::Construct) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for call in model.calls_on(&api.path.value) {
        let Some(ValueKind::Text(t)) = call.args.get("path").map(|v| &v.kind) else {
            continue;
        };
        if let Some(p) = t.as_literal()
            && !out.contains(&p)
        {
            out.push(p);
        }
    }
    out
}

/// The route keys of a WebSocket API: its route option props (`connectRouteOptions` is
/// `$connect`) and its keyed route calls.
fn route_keys(api: &crate::model::Construct) -> Vec<String> {
    let mut out = Vec::new();
    for prop in &api.props.items {
        if let Some(name) = prop.def.name.strip_suffix("RouteOptions") {
            out.push(format!("${name}"));
        }
    }
    for call in &api.calls {
        if call.method.key == "routeKey"
            && let Some(k) = &call.key
        {
            out.push(k.value.clone());
        }
    }
    out
}
