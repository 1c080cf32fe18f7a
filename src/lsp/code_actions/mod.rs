//! Code actions: quick fixes for diagnostics, and refactors that add common configuration.
//!
//! Quick fixes (for diagnostics that overlap the requested range):
//! - every diagnostic that carries a [`Fix`](crate::diagnostic::Fix) ("did you mean", "wrap in
//!   a list", "add a leading `/`") becomes an action that applies it;
//! - `missing required prop `x``: inserts `x:` with a placeholder suited to the prop's kind
//!   (an existing construct or integration of the right type when there is one) into the
//!   mapping that lacks it, in its style (block or flow);
//! - `unknown construct `X`` / `unknown integration `X``: appends an entry `X` of the type the
//!   reference expects, with its required props, to `constructs:` / `integrations:` (creating
//!   the section when the file has none). One action per type the reference accepts. Paths
//!   (`Parent/Id`) are not created: their parent decides what they are.
//!
//! A diagnostic with exactly one quick fix marks it preferred.
//!
//! Refactors, offered for the innermost entry (or `addStage` call) around the range, and driven
//! by the schema table so that they light up for every type that has what they add:
//! - "Add CORS preflight": when the entry's type has a `corsPreflight` prop and it is not set;
//! - "Add a stage": when the type has an `addStage` method: a new key under `addStage:` (the
//!   section is created if needed) with a free id, `stageName` and `autoDeploy: true`;
//! - "Add throttle settings": for a stage entry or an `addStage` call whose props include
//!   `throttle`, when it is not set;
//! - "Add access logging": for a stage entry or `addStage` call whose props include
//!   `accessLogSettings`, when it is not set: the placeholder its kind gives (a log group entry
//!   of the file as the destination when there is one, and `format: clf`);
//! - the conversions the schema lists (`schema::CONVERSIONS`, "Convert to a rate-limited API
//!   key" for an `ApiKey`): rewrites the type, keeping its module qualifier, and adds the props
//!   the conversion names and the new type's required props.
//!
//! Every edit keeps the file valid YAML: insertions into a block mapping go on new lines at the
//! indentation of its keys, after the end of its last entry's line; insertions into a flow
//! mapping go before its closing brace; an empty value (`beta:`) gets an indented block.
//!
//! The work is split by job: `context` holds what every action needs (the analysis, the
//! file's line break and indentation step) and `scopes` collects the mappings the schema
//! knows from the YAML tree; `edits` renders values and inserts keys into block and flow
//! mappings; `placeholders` makes the values inserted for new props and entries;
//! `quick_fixes` and `refactors` build the actions themselves.

mod context;
mod edits;
mod placeholders;
mod quick_fixes;
mod refactors;
mod scopes;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use tower_lsp_server::ls_types::{CodeAction, CodeActionKind, TextEdit, Uri, WorkspaceEdit};

use super::analysis::Analysis;
use super::convert::{to_lsp_diagnostics, to_range};
use crate::diagnostic::Diagnostic;

use crate::syntax::Span;
use context::Ctx;
use edits::Edit;
use quick_fixes::quick_fixes;
use refactors::refactors;

/// Code actions for the byte range `range`: quick fixes of the diagnostics it overlaps, then
/// the refactors available there.
pub fn code_actions(a: &Analysis, uri: &Uri, range: Span) -> Vec<CodeAction> {
    let ctx = Ctx::new(a);
    let mut out = Vec::new();
    for d in &a.checked.diagnostics {
        if d.span.start <= range.end && range.start <= d.span.end {
            out.extend(quick_fixes(&ctx, uri, d));
        }
    }
    out.extend(refactors(&ctx, uri, range));
    out
}

/// An action applying `edits` to the document.
fn action(
    a: &Analysis,
    uri: &Uri,
    title: String,
    kind: CodeActionKind,
    edits: Vec<Edit>,
    diagnostic: Option<&Diagnostic>,
) -> CodeAction {
    let edits: Vec<TextEdit> = edits
        .into_iter()
        .map(|(span, text)| TextEdit::new(to_range(a, span), text))
        .collect();
    let changes: HashMap<Uri, Vec<TextEdit>> = [(uri.clone(), edits)].into_iter().collect();
    CodeAction {
        title,
        kind: Some(kind),
        diagnostics: diagnostic.map(|d| to_lsp_diagnostics(a, uri, std::slice::from_ref(d))),
        edit: Some(WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        }),
        ..CodeAction::default()
    }
}
