//! `$` variables: API Gateway's `$context` variables, offered in string values whose prop
//! name contains `format`, and the request sources of parameter mapping values.

use tower_lsp_server::ls_types::CompletionItemKind;

use super::builder::{Builder, New};
use crate::lsp::context::{CursorContext, Place, Segment};
use crate::model::schema::{CONTEXT_VARIABLES, Kind};
use crate::syntax::Span;

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
