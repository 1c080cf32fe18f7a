//! Text positions for the incremental-parsing tests, computed independently of `LineIndex`.

#![allow(dead_code)]

use apigw_lsp::syntax::Position;

/// The LSP position (UTF-16 columns; CRLF, LF and a lone CR end a line) of byte `offset`.
pub fn position_of(text: &str, offset: usize) -> Position {
    let mut line = 0;
    let mut character = 0;
    let mut chars = text[..offset].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                line += 1;
                character = 0;
            }
            c => character += c.len_utf16() as u32,
        }
    }
    Position::new(line, character)
}

/// Whether `offset` lies between the `\r` and the `\n` of a CRLF.
pub fn inside_crlf(text: &str, offset: usize) -> bool {
    offset > 0 && text[..offset].ends_with('\r') && text[offset..].starts_with('\n')
}

/// The char boundary at or before `offset` (clamped to the text), never inside a CRLF.
pub fn boundary_at_or_before(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) || inside_crlf(text, offset) {
        offset -= 1;
    }
    offset
}
