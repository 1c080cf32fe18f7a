//! Code actions (being written).
use super::analysis::Analysis;
use crate::syntax::Span;
use tower_lsp_server::ls_types::{CodeAction, Uri};
/// Code actions for `range`.
pub fn code_actions(_a: &Analysis, _uri: &Uri, _range: Span) -> Vec<CodeAction> {
    Vec::new()
}
