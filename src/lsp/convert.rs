//! Conversions between the model's byte spans and LSP types: the only place where the server
//! turns diagnostics and spans into protocol values.

use tower_lsp_server::ls_types::{
    self as lsp, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri,
};

use super::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Severity};
use crate::syntax::{Cursor, Position, Span};

/// Our position as an LSP position.
pub fn to_lsp_position(p: Position) -> lsp::Position {
    lsp::Position::new(p.line, p.character)
}

/// An LSP position as ours.
pub fn from_lsp_position(p: lsp::Position) -> Position {
    Position {
        line: p.line,
        character: p.character,
    }
}

/// A byte span as an LSP range.
pub fn to_range(a: &Analysis, span: Span) -> lsp::Range {
    lsp::Range::new(
        to_lsp_position(a.position(span.start)),
        to_lsp_position(a.position(span.end)),
    )
}

/// An LSP range as a byte span (clamped to the text).
pub fn to_span(a: &Analysis, range: lsp::Range) -> Span {
    let start = a.offset(from_lsp_position(range.start));
    let end = a.offset(from_lsp_position(range.end));
    Span::new(start.min(end), start.max(end))
}

/// The byte offset of an LSP position.
pub fn to_offset(a: &Analysis, p: lsp::Position) -> usize {
    a.offset(from_lsp_position(p))
}

/// The diagnostics of an analysis as LSP diagnostics of the document `uri`; the hint follows
/// the message. Positions are converted with cursors, so many diagnostics on one long line
/// cost time linear in the line.
pub fn to_lsp_diagnostics(
    a: &Analysis,
    uri: &Uri,
    diagnostics: &[Diagnostic],
) -> Vec<lsp::Diagnostic> {
    let mut starts = Cursor::new(&a.line_index, &a.text);
    let mut ends = Cursor::new(&a.line_index, &a.text);
    let mut range = |span: Span| {
        lsp::Range::new(
            to_lsp_position(starts.position(span.start)),
            to_lsp_position(ends.position(span.end)),
        )
    };
    diagnostics
        .iter()
        .map(|d| {
            let message = match &d.hint {
                Some(hint) => format!("{}\nhint: {hint}", d.message),
                None => d.message.clone(),
            };
            let related: Vec<DiagnosticRelatedInformation> = d
                .related
                .iter()
                .map(|r| DiagnosticRelatedInformation {
                    location: Location::new(uri.clone(), to_range(a, r.span)),
                    message: r.message.clone(),
                })
                .collect();
            lsp::Diagnostic {
                range: range(d.span),
                severity: Some(match d.severity {
                    Severity::Error => DiagnosticSeverity::ERROR,
                    Severity::Warning => DiagnosticSeverity::WARNING,
                }),
                code: d
                    .fix
                    .as_ref()
                    .map(|_| NumberOrString::String("fixable".into())),
                source: Some("apigw-lsp".into()),
                message,
                related_information: (!related.is_empty()).then_some(related),
                ..lsp::Diagnostic::default()
            }
        })
        .collect()
}
