//! Diagnostics rendered for a terminal: `FILE:LINE:COL: error: message`, then the hint and
//! related locations.

use crate::diagnostic::{Diagnostic, Severity};
use crate::syntax::{Cursor, LineIndex};

/// Renders diagnostics of `text` (read from `file`) one per paragraph.
pub fn render(file: &str, text: &str, diagnostics: &[Diagnostic]) -> String {
    let index = LineIndex::new(text);
    // Diagnostics come in source order: a cursor keeps the column count linear.
    let mut cursor = Cursor::new(&index, text);
    let mut out = String::new();
    for d in diagnostics {
        let (line, col) = cursor.line_col(d.span.start);
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        out.push_str(&format!("{file}:{line}:{col}: {level}: {}\n", d.message));
        if let Some(hint) = &d.hint {
            out.push_str(&format!("  hint: {hint}\n"));
        }
        for related in &d.related {
            let (line, col) = index.line_col(text, related.span.start);
            out.push_str(&format!(
                "  {file}:{line}:{col}: note: {}\n",
                related.message
            ));
        }
    }
    out
}
