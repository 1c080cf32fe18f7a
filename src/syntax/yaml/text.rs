//! Helpers over the source text and tree-sitter nodes shared by the error reporting, the
//! recovery and the conversion: lines, byte-span slices, whitespace skipping.

use tree_sitter::Node as TsNode;

use super::super::Span;

/// Iterates over the lines of `text` as `(start, end, next)`: the line is `start..end` without
/// its break, the next line starts at `next` (`next == end` for a last line without a break).
/// A text ending with a line break has no extra empty line; an empty text has no lines.
pub(super) fn lines(text: &str) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        let rest = bytes.get(start..).unwrap_or(&[]);
        let end = start + memchr::memchr2(b'\n', b'\r', rest).unwrap_or(rest.len());
        let next = match (bytes.get(end), bytes.get(end + 1)) {
            (Some(b'\r'), Some(b'\n')) => end + 2,
            (Some(_), _) => end + 1,
            (None, _) => end,
        };
        pos = next;
        Some((start, end, next))
    })
}

/// `text[span]`, or "" if the span is not valid for `text`.
pub(super) fn slice(text: &str, span: Span) -> &str {
    text.get(span.start..span.end).unwrap_or("")
}

/// The byte span of a tree-sitter node.
pub(super) fn span_of(node: TsNode) -> Span {
    Span::new(node.start_byte(), node.end_byte())
}

/// The children of a tree-sitter node.
pub(super) fn children(node: TsNode<'_>) -> Vec<TsNode<'_>> {
    let mut cursor = node.walk();
    node.children(&mut cursor).collect()
}

/// The offset of the first char at or after `from` that is not whitespace (or the text length).
pub(super) fn skip_whitespace(text: &str, from: usize) -> usize {
    let rest = text.get(from..).unwrap_or("");
    from + (rest.len() - rest.trim_start_matches([' ', '\t', '\n', '\r']).len())
}

/// The offset of the end of the line holding `from` (before its line break).
pub(super) fn line_end(text: &str, from: usize) -> usize {
    let rest = text.get(from..).unwrap_or("");
    from + rest.find(['\n', '\r']).unwrap_or(rest.len())
}
