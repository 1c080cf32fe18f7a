//! Evaluating `${...}` expressions into the strings and tokens CDK would produce.

use serde_json::json;

use super::http::ApiInfo;
use super::stage::stage_url;
use super::tokens::Str;
use super::websocket::arn_for_execute_api_v2;
use super::{Handle, Synth};
use crate::diagnostic::Diagnostic;
use crate::model::{Expr, Member, Spanned, Text, TextPart};
use crate::syntax::Span;

/// Evaluates a text: literal parts as they are, expressions as tokens. `None` after reporting
/// an error.
pub fn eval_text(s: &mut Synth, text: &Text) -> Option<Str> {
    let mut out = Str::default();
    let mut ok = true;
    for part in &text.parts {
        match part {
            TextPart::Lit(l) => out.push_lit(l),
            TextPart::Expr(e) => match eval_expr(s, e) {
                Some(v) => out.push(&v),
                None => ok = false,
            },
        }
    }
    ok.then_some(out)
}

/// The value an expression ends on: a string, or a construct whose members may follow.
enum Current {
    Str(Str),
    Handle(Handle),
}

fn eval_expr(s: &mut Synth, expr: &Expr) -> Option<Str> {
    let mut current = match expr.head.value.as_str() {
        "Fn" => return eval_fn(s, expr),
        "Aws" => return eval_aws(s, expr),
        path => Current::Handle(s.handle(path, expr.head.span)?),
    };
    for member in &expr.members {
        current = match current {
            Current::Str(_) => {
                s.diags.push(Diagnostic::error(
                    member.name.span,
                    format!(
                        "`{}` has no attributes: it is a string",
                        previous_text(expr, member)
                    ),
                ));
                return None;
            }
            Current::Handle(handle) => member_of(s, &handle, member, expr)?,
        };
    }
    match current {
        Current::Str(v) => Some(v),
        Current::Handle(_) => {
            s.diags.push(
                Diagnostic::error(expr.span, "this expression names a construct, not a value")
                    .with_hint("add an attribute, e.g. `.url`"),
            );
            None
        }
    }
}

fn previous_text(expr: &Expr, member: &Member) -> String {
    let mut out = expr.head.value.clone();
    for m in &expr.members {
        if std::ptr::eq(m, member) {
            break;
        }
        out.push('.');
        out.push_str(&m.name.value);
    }
    out
}

fn unknown_member(s: &mut Synth, member: &Member, what: &str, known: &[&str]) -> Option<Current> {
    let mut d = Diagnostic::error(
        member.name.span,
        format!("{what} has no attribute `{}`", member.name.value),
    );
    d = d.with_hint(format!("available: {}", known.join(", ")));
    s.diags.push(d);
    None
}

fn member_of(s: &mut Synth, handle: &Handle, member: &Member, expr: &Expr) -> Option<Current> {
    let name = member.name.value.as_str();
    let args = member.args.as_deref();
    match handle {
        Handle::HttpApi(api) => api_member(s, api, member, args, expr),
        Handle::Stage(stage) => match name {
            "stageName" => Some(Current::Str(stage.name.clone())),
            "url" if stage.websocket => Some(Current::Str(stage_url(s, stage, "wss"))),
            "url" => Some(Current::Str(stage_url(s, stage, "https"))),
            "callbackUrl" if stage.websocket => Some(Current::Str(stage_url(s, stage, "https"))),
            _ if stage.websocket => unknown_member(
                s,
                member,
                "a WebSocket stage",
                &["stageName", "url", "callbackUrl"],
            ),
            _ => unknown_member(s, member, "a stage", &["stageName", "url"]),
        },
        Handle::WebSocketApi(api) => match name {
            "apiId" => Some(Current::Str(api.api_id.clone())),
            "apiEndpoint" => Some(Current::Str(Str::get_att(&api.logical_id, "ApiEndpoint"))),
            "webSocketApiName" => Some(Current::Str(Str::lit(api.name.clone()))),
            "arnForExecuteApiV2" => {
                let args = args.unwrap_or(&[]);
                if args.len() > 2 {
                    s.diags.push(Diagnostic::error(
                        member.name.span,
                        "arnForExecuteApiV2 takes at most 2 arguments: route, stage",
                    ));
                    return None;
                }
                let arg = |i: usize| {
                    args.get(i)
                        .and_then(|a| a.as_ref())
                        .map(|a| a.value.as_str())
                };
                Some(Current::Str(arn_for_execute_api_v2(s, api, arg(0), arg(1))))
            }
            _ => unknown_member(
                s,
                member,
                "a WebSocketApi",
                &[
                    "apiId",
                    "apiEndpoint",
                    "webSocketApiName",
                    "arnForExecuteApiV2(route, stage)",
                ],
            ),
        },
        Handle::Function(f) => match name {
            "functionArn" => Some(Current::Str(f.arn.clone())),
            "functionName" => Some(Current::Str(f.name.clone())),
            _ => unknown_member(s, member, "a function", &["functionArn", "functionName"]),
        },
        Handle::Group(_) => unknown_member(s, member, "a plain construct", &[]),
    }
}

fn api_member(
    s: &mut Synth,
    api: &ApiInfo,
    member: &Member,
    args: Option<&[Option<Spanned<String>>]>,
    expr: &Expr,
) -> Option<Current> {
    let value = match member.name.value.as_str() {
        "apiId" | "httpApiId" => api.api_id.clone(),
        "httpApiName" => Str::lit(api.name.clone()),
        "apiEndpoint" => {
            if api.execute_api_disabled {
                s.diags.push(
                    Diagnostic::error(expr.span, "apiEndpoint is not accessible when disableExecuteApiEndpoint is set to true.")
                        .with_related(api.span, "the API disables its execute-api endpoint here")
                        .with_hint("remove `disableExecuteApiEndpoint: true`, or use a custom domain's URL"),
                );
                return None;
            }
            Str::get_att(&api.logical_id, "ApiEndpoint")
        }
        "url" | "defaultStage" => {
            let Some(stage) = api.default_stage.clone() else {
                s.diags.push(
                    Diagnostic::error(
                        member.name.span,
                        format!(
                            "`{}` is undefined: the API has no default stage",
                            member.name.value
                        ),
                    )
                    .with_related(api.span, "`createDefaultStage: false` here")
                    .with_hint("use the URL of one of its stages instead"),
                );
                return None;
            };
            if member.name.value == "defaultStage" {
                return Some(Current::Handle(Handle::Stage(stage)));
            }
            stage_url(s, &stage, "https")
        }
        "arnForExecuteApi" => arn_for_execute_api(s, api, args.unwrap_or(&[]), member.name.span)?,
        _ => {
            return unknown_member(
                s,
                member,
                "an HttpApi",
                &[
                    "apiId",
                    "httpApiId",
                    "httpApiName",
                    "apiEndpoint",
                    "url",
                    "defaultStage",
                    "arnForExecuteApi(method, path, stage)",
                ],
            );
        }
    };
    Some(Current::Str(value))
}

/// `HttpApiHelper.arnForExecuteApi(method, path, stage)`.
fn arn_for_execute_api(
    s: &mut Synth,
    api: &ApiInfo,
    args: &[Option<Spanned<String>>],
    span: Span,
) -> Option<Str> {
    if args.len() > 3 {
        s.diags.push(Diagnostic::error(
            span,
            "arnForExecuteApi takes at most 3 arguments: method, path, stage",
        ));
        return None;
    }
    let arg = |i: usize| args.get(i).cloned().flatten();
    let (method, path, stage) = (arg(0), arg(1), arg(2));
    if let Some(path) = &path
        && !path.value.starts_with('/')
    {
        s.diags.push(
            Diagnostic::error(
                path.span,
                format!("Path must start with '/': {}", path.value),
            )
            .with_fix("Add a leading `/`", path.span, format!("/{}", path.value)),
        );
        return None;
    }
    let method = method.map_or_else(
        || "*".to_string(),
        |m| {
            if m.value.eq_ignore_ascii_case("ANY") {
                "*".into()
            } else {
                m.value
            }
        },
    );
    let resource_name = format!(
        "{}/{}{}",
        stage.map_or_else(|| "*".to_string(), |s| s.value),
        method,
        path.map_or_else(|| "/*".to_string(), |p| p.value)
    );
    Some(
        s.env
            .format_arn("execute-api", &api.api_id, &Str::lit(resource_name)),
    )
}

fn eval_fn(s: &mut Synth, expr: &Expr) -> Option<Str> {
    match expr.members.as_slice() {
        [m] if m.name.value == "importValue" => match m.args.as_deref() {
            Some([Some(name)]) => Some(Str::token(json!({ "Fn::ImportValue": name.value }))),
            _ => {
                s.diags.push(Diagnostic::error(
                    m.name.span,
                    "Fn.importValue takes one argument: the export name",
                ));
                None
            }
        },
        _ => {
            s.diags.push(Diagnostic::error(
                expr.span,
                "`Fn` supports `${Fn.importValue(Name)}`",
            ));
            None
        }
    }
}

/// `${Aws.REGION}` and the other pseudo parameters (CDK's `Aws.*`, always a `Ref`).
fn eval_aws(s: &mut Synth, expr: &Expr) -> Option<Str> {
    let pseudo = match expr.members.as_slice() {
        [m] => match m.name.value.as_str() {
            "ACCOUNT_ID" => "AWS::AccountId",
            "REGION" => "AWS::Region",
            "PARTITION" => "AWS::Partition",
            "URL_SUFFIX" => "AWS::URLSuffix",
            "STACK_NAME" => "AWS::StackName",
            "STACK_ID" => "AWS::StackId",
            "NOTIFICATION_ARNS" => "AWS::NotificationARNs",
            _ => "",
        },
        _ => "",
    };
    if pseudo.is_empty() {
        s.diags.push(
            Diagnostic::error(expr.span, "unknown pseudo parameter")
                .with_hint("use Aws.ACCOUNT_ID, Aws.REGION, Aws.PARTITION, Aws.URL_SUFFIX, Aws.STACK_NAME or Aws.STACK_ID"),
        );
        return None;
    }
    Some(Str::reference(pseudo))
}
