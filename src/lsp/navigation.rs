//! Navigation (being written).
use super::analysis::Analysis;
use tower_lsp_server::ls_types::{Range, TextEdit};
/// Definition.
pub fn definition(_a: &Analysis, _offset: usize) -> Option<Range> {
    None
}
/// References.
pub fn references(_a: &Analysis, _offset: usize, _include_declaration: bool) -> Vec<Range> {
    Vec::new()
}
/// Prepare rename.
pub fn prepare_rename(_a: &Analysis, _offset: usize) -> Option<Range> {
    None
}
/// Rename.
pub fn rename(_a: &Analysis, _offset: usize, _new_name: &str) -> Result<Vec<TextEdit>, String> {
    Err("not yet".into())
}
