//! `$` variables: API Gateway's `$context` variables, offered in string values whose prop
//! name contains `format`, and the request sources of parameter mapping values.

use tower_lsp_server::ls_types::CompletionItemKind;

use super::builder::{Builder, New};
use crate::lsp::context::{CursorContext, Place, Segment};
use crate::model::schema::Kind;
use crate::syntax::Span;

/// API Gateway's `$context` variables usable in access log formats and parameter mappings,
/// with a short doc each.
pub static CONTEXT_VARIABLES: &[(&str, &str)] = &[
    ("requestId", "The ID API Gateway assigns to the request."),
    (
        "extendedRequestId",
        "The same as `requestId` for HTTP APIs (the extended ID of REST APIs).",
    ),
    ("accountId", "The API owner's AWS account ID."),
    ("apiId", "The ID API Gateway assigns to the API."),
    ("stage", "The stage the request was made to."),
    (
        "routeKey",
        "The route the request matched (`GET /pets`, `$default`).",
    ),
    ("httpMethod", "The request's HTTP method."),
    ("path", "The request path (`/prod/pets`)."),
    ("protocol", "The request protocol (`HTTP/1.1`)."),
    ("status", "The response status code."),
    ("responseLength", "The response payload length in bytes."),
    ("responseLatency", "The response latency in milliseconds."),
    (
        "requestTime",
        "The request time in CLF format (`dd/MMM/yyyy:HH:mm:ss +-hhmm`).",
    ),
    (
        "requestTimeEpoch",
        "The request time in epoch milliseconds.",
    ),
    ("domainName", "The full domain name used to invoke the API."),
    ("domainPrefix", "The first label of `domainName`."),
    (
        "identity.sourceIp",
        "The source IP address of the TCP connection.",
    ),
    ("identity.userAgent", "The caller's `User-Agent` header."),
    (
        "identity.accountId",
        "The caller's AWS account ID (IAM authorization).",
    ),
    (
        "identity.caller",
        "The principal identifier of the caller that signed the request (IAM authorization).",
    ),
    (
        "identity.user",
        "The principal identifier of the user (IAM authorization).",
    ),
    (
        "identity.userArn",
        "The ARN of the user after authentication (IAM authorization).",
    ),
    ("error.message", "The API Gateway error message."),
    (
        "error.messageString",
        "The quoted value of `error.message` (JSON-safe).",
    ),
    (
        "error.responseType",
        "The gateway response type of the error.",
    ),
    (
        "authorizer.error",
        "The error message an authorizer returned.",
    ),
    (
        "authorizer.principalId",
        "The principal ID a Lambda authorizer returned.",
    ),
    (
        "integration.error",
        "The error message an integration returned.",
    ),
    (
        "integration.integrationStatus",
        "For a Lambda proxy integration, the status code Lambda returned.",
    ),
    (
        "integration.latency",
        "The integration latency in milliseconds.",
    ),
    (
        "integration.requestId",
        "The request ID of the AWS endpoint behind the integration.",
    ),
    (
        "integration.status",
        "The status code the integration returned.",
    ),
    (
        "integrationErrorMessage",
        "The integration's error message.",
    ),
    (
        "integrationLatency",
        "The integration latency in milliseconds.",
    ),
    (
        "integrationStatus",
        "For a Lambda proxy integration, the status code Lambda returned.",
    ),
    (
        "awsEndpointRequestId",
        "The request ID of the AWS endpoint (`x-amz-request-id`).",
    ),
    (
        "customDomain.basePathMatched",
        "The API mapping path a request to a custom domain matched.",
    ),
    ("dataProcessed", "The amount of data processed, in bytes."),
    ("connectionId", "WebSocket: the connection's ID."),
    (
        "connectedAt",
        "WebSocket: the connection time, in epoch milliseconds.",
    ),
    (
        "eventType",
        "WebSocket: `CONNECT`, `MESSAGE` or `DISCONNECT`.",
    ),
    ("messageId", "WebSocket: the message's ID."),
];

/// Request data a parameter mapping value may read (besides `$context.*`).
const MAPPING_SOURCES: &[(&str, &str)] = &[
    (
        "$request.header.",
        "A request header: `$request.header.<name>`.",
    ),
    (
        "$request.querystring.",
        "A query string parameter: `$request.querystring.<name>`.",
    ),
    (
        "$request.path.",
        "A path parameter: `$request.path.<name>`, or `$request.path` for the whole path.",
    ),
    (
        "$request.body.",
        "A JSON path into the request body (WebSocket): `$request.body.<path>`.",
    ),
    (
        "$stageVariables.",
        "A stage variable: `$stageVariables.<name>`.",
    ),
];

/// `$context.*` (and request sources in parameter mappings) at a `$` being typed. Returns
/// whether the cursor is in such a place (then nothing else is offered).
pub(super) fn dollar_items(b: &mut Builder<'_>, c: &CursorContext<'_>) -> bool {
    let mapping = matches!(c.place, Place::MappingValue);
    let string = matches!(
        c.place,
        Place::Value {
            kind: Kind::String,
            ..
        }
    );
    let format = string
        && c.path
            .iter()
            .any(|s| matches!(s, Segment::Key(k) if k.to_ascii_lowercase().contains("format")));
    if !mapping && !format {
        return false;
    }
    let text = b.a.text.as_str();
    let floor = c.value_start.unwrap_or(c.word.start).min(c.offset);
    let before = text.get(floor..c.offset).unwrap_or("");
    let run = before
        .char_indices()
        .rev()
        .take_while(|(_, ch)| ch.is_ascii_alphanumeric() || matches!(ch, '_' | '.' | '-'))
        .last()
        .map_or(before.len(), |(i, _)| i);
    let dollar = before
        .get(..run)
        .filter(|t| t.ends_with('$'))
        .map(|_| floor + run - 1);
    let start = match dollar {
        Some(d) => d,
        None if mapping && before.trim().is_empty() => c.word.start,
        None => return mapping,
    };
    let end = text
        .get(c.offset..)
        .and_then(|t| {
            t.char_indices()
                .find(|(_, ch)| !(ch.is_ascii_alphanumeric() || matches!(ch, '_' | '.' | '-')))
        })
        .map_or(text.len(), |(i, _)| c.offset + i);
    let range = Span::new(start, end.max(c.offset));
    let lead = if c.needs_space { " " } else { "" };
    if mapping {
        for (source, doc) in MAPPING_SOURCES {
            b.push(New {
                label: (*source).to_string(),
                kind: CompletionItemKind::VARIABLE,
                detail: "request data".into(),
                doc: (*doc).to_string(),
                insert: format!("{lead}{source}"),
                snippet: false,
                range,
                filter: None,
            });
        }
    }
    for (name, doc) in CONTEXT_VARIABLES {
        let label = format!("$context.{name}");
        b.push(New {
            insert: format!("{lead}{label}"),
            label,
            kind: CompletionItemKind::VARIABLE,
            detail: "context variable".into(),
            doc: (*doc).to_string(),
            snippet: false,
            range,
            filter: None,
        });
    }
    true
}
