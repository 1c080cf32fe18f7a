//! What CDK throws about the options of stages (access logging), and what API Gateway rejects
//! that CDK lets through.

use crate::diagnostic::Diagnostic;
use crate::model::schema::{CONTEXT_VARIABLES, is_context_variable};
use crate::model::suggest::did_you_mean;
use crate::model::{Model, Props, ValueKind};
use crate::syntax::Span;

/// The most bytes API Gateway takes in an access log format.
const MAX_FORMAT_BYTES: usize = 3 * 1024;

/// The options of every stage: `HttpStage` and `WebSocketStage` entries and `addStage` calls.
pub(super) fn stage_options(model: &Model) -> impl Iterator<Item = &Props> {
    model.constructs.iter().flat_map(|construct| {
        let own = construct
            .ty
            .filter(|t| matches!(t.name, "HttpStage" | "WebSocketStage"))
            .map(|_| &construct.props);
        let added = construct
            .calls
            .iter()
            .filter(|c| c.method.name == "addStage")
            .map(|c| &c.args);
        own.into_iter().chain(added)
    })
}

/// Stage names and mapping keys API Gateway refuses (CDK lets them through): stage names of
/// other characters than letters, digits, `-` and `_` (or longer than 128), mapping keys that
/// start or end with `/` or hold `//`.
pub(super) fn check_names(model: &Model, diags: &mut Vec<Diagnostic>) {
    for options in stage_options(model) {
        if let Some(name) = options.get("stageName")
            && let ValueKind::Text(text) = &name.kind
            && let Some(literal) = text.as_literal()
            && !is_stage_name(&literal)
        {
            diags.push(
                Diagnostic::warning(
                    name.span,
                    format!("API Gateway rejects the stage name `{literal}`"),
                )
                .with_hint("stage names hold letters, digits, `-` and `_` (at most 128), or are `$default`"),
            );
        }
        if let Some(mapping) = options.domain_mapping("domainMapping") {
            check_mapping_key_shape(mapping.key, diags);
        }
    }
    for construct in &model.constructs {
        match construct.ty.map(|t| t.name) {
            Some("HttpApi") => {
                if let Some(mapping) = construct.props.domain_mapping("defaultDomainMapping") {
                    check_mapping_key_shape(mapping.key, diags);
                }
            }
            Some("ApiMapping") => {
                check_mapping_key_shape(construct.props.get("apiMappingKey"), diags)
            }
            _ => {}
        }
    }
}

/// Whether API Gateway takes `name` as a stage name.
fn is_stage_name(name: &str) -> bool {
    name == "$default"
        || (1..=128).contains(&name.len())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A mapping key that starts or ends with `/` or holds `//`.
fn check_mapping_key_shape(key: Option<&crate::model::Value>, diags: &mut Vec<Diagnostic>) {
    let Some(key) = key else { return };
    let ValueKind::Text(text) = &key.kind else {
        return;
    };
    let Some(literal) = text.as_literal() else {
        return;
    };
    if !literal.is_empty()
        && (literal.starts_with('/') || literal.ends_with('/') || literal.contains("//"))
    {
        let fixed: Vec<&str> = literal.split('/').filter(|p| !p.is_empty()).collect();
        let fixed = fixed.join("/");
        let mut d = Diagnostic::warning(
            key.span,
            format!("API Gateway rejects the mapping key `{literal}`: no `/` at its ends, no `//`"),
        );
        if !fixed.is_empty() {
            d = d.with_fix(format!("Change to `{fixed}`"), key.span, fixed);
        }
        diags.push(d);
    }
}

/// Access log formats: CDK refuses a format without `$context.requestId` or
/// `$context.extendedRequestId`; API Gateway refuses one over 3 KB, and logs nothing for a
/// `$context` variable it does not have. `text` is the file's text.
pub(super) fn check_access_logs(model: &Model, text: &str, diags: &mut Vec<Diagnostic>) {
    for options in stage_options(model) {
        let Some(ValueKind::Struct(settings)) = options.get("accessLogSettings").map(|v| &v.kind)
        else {
            continue;
        };
        let Some(format) = settings.get("format") else {
            continue;
        };
        let ValueKind::Factory(factory, arg) = &format.kind else {
            continue;
        };
        if factory.name != "custom" {
            continue;
        }
        let ValueKind::Text(value) = &arg.kind else {
            continue;
        };
        check_variables(text, arg.span, diags);
        // A format with `${...}` is a token to CDK: it checks only literal text.
        let Some(format_text) = value.as_literal() else {
            continue;
        };
        if !has_request_id(&format_text) {
            diags.push(
                Diagnostic::error(
                    arg.span,
                    "Access log must include either `AccessLogFormat.contextRequestId()` or \
                     `AccessLogFormat.contextExtendedRequestId()`",
                )
                .with_hint("add `$context.requestId` to the format"),
            );
        }
        if format_text.len() > MAX_FORMAT_BYTES {
            diags.push(
                Diagnostic::warning(
                    arg.span,
                    format!(
                        "this access log format is {} bytes: API Gateway accepts at most 3 KB",
                        format_text.len()
                    ),
                )
                .with_hint("log fewer fields, or shorter names"),
            );
        }
    }
}

/// A warning for each `$context.<name>` in the source of a format (at `span` of `text`) that
/// API Gateway does not have.
fn check_variables(text: &str, span: Span, diags: &mut Vec<Diagnostic>) {
    const PREFIX: &str = "$context.";
    let Some(source) = text.get(span.start..span.end) else {
        return;
    };
    for (at, _) in source.match_indices(PREFIX) {
        let rest = &source[at + PREFIX.len()..];
        let length = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .unwrap_or(rest.len());
        let name = rest[..length].trim_end_matches('.');
        if name.is_empty() || is_context_variable(name) {
            continue;
        }
        let start = span.start + at;
        let end = start + PREFIX.len() + name.len();
        let at = Span::new(start, end);
        let message = format!("API Gateway has no context variable `$context.{name}`");
        let known = CONTEXT_VARIABLES.iter().map(|(known, _)| *known);
        let d = match did_you_mean(name, known) {
            Some(close) => Diagnostic::warning(at, message).with_fix(
                format!("Change to `$context.{close}`"),
                at,
                format!("$context.{close}"),
            ),
            None => Diagnostic::warning(at, message).with_hint(
                "the language server completes API Gateway's `$context` variables after `$`",
            ),
        };
        diags.push(d);
    }
}

/// What CDK throws about imported stages: `url` and `domainUrl` are not available; and
/// `addStageVariable` on one changes nothing.
pub(super) fn check_imported_stage_expr(
    model: &Model,
    expr: &crate::model::Expr,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(stage) = model.construct(&expr.head.value) else {
        return;
    };
    if stage.import.is_none()
        || stage
            .ty
            .is_none_or(|t| !matches!(t.name, "HttpStage" | "WebSocketStage"))
    {
        return;
    }
    let Some(member) = expr.members.first() else {
        return;
    };
    let name = member.name.value.as_str();
    if matches!(name, "url" | "domainUrl" | "callbackUrl") {
        // CDK's words: `callback url`, `url`, `domainUrl`.
        let words = if name == "callbackUrl" {
            "callback url"
        } else {
            name
        };
        diags.push(
            Diagnostic::error(
                member.name.span,
                format!("{words} is not available for imported stages."),
            )
            .with_related(stage.path.span, "the stage is imported here"),
        );
    }
}

/// `addStageVariable` on an imported stage: CDK keeps the variable in memory only.
pub(super) fn check_imported_stage_calls(model: &Model, diags: &mut Vec<Diagnostic>) {
    for stage in &model.constructs {
        if stage.import.is_none()
            || stage
                .ty
                .is_none_or(|t| !matches!(t.name, "HttpStage" | "WebSocketStage"))
        {
            continue;
        }
        for call in model.calls_on(&stage.path.value) {
            diags.push(
                Diagnostic::warning(
                    call.span,
                    format!(
                        "`{}` on an imported stage changes nothing in the template",
                        call.method.name
                    ),
                )
                .with_hint("set stage variables where the stage is defined"),
            );
        }
    }
}

/// CDK's `/\$context\.(?:requestId|extendedRequestId)\b/`.
fn has_request_id(format: &str) -> bool {
    ["$context.requestId", "$context.extendedRequestId"]
        .iter()
        .any(|needle| {
            format.match_indices(needle).any(|(at, m)| {
                format[at + m.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_'))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::has_request_id;

    #[test]
    fn request_id_as_cdk_matches_it() {
        assert!(has_request_id("$context.requestId"));
        assert!(has_request_id("{\"id\":\"$context.extendedRequestId\"}"));
        assert!(!has_request_id("$context.requestIdx $context.status"));
        assert!(has_request_id("$context.requestIdx $context.requestId."));
        assert!(!has_request_id("$context.status"));
    }
}
