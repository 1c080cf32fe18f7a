//! Hover (being written).
use super::analysis::Analysis;
use tower_lsp_server::ls_types::Hover;
/// Hover at `offset`.
pub fn hover(_a: &Analysis, _offset: usize) -> Option<Hover> {
    None
}
