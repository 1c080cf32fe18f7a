//! Character-level reading of the raw text: char boundaries, line bounds, the word around
//! the cursor, quoted scalars and comments.

use crate::syntax::Span;

/// The largest char boundary at or before `offset`.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while o > 0 && !text.is_char_boundary(o) {
        o -= 1;
    }
    o
}

/// Characters of a word a key completion replaces.
pub(super) fn is_key_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | '$')
}

/// Characters of a word a value completion replaces.
pub(super) fn is_value_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | '$')
}

/// The range of the word around `offset` made of `is_word` chars, not crossing `floor` nor
/// a line break.
pub(super) fn word_around(
    text: &str,
    offset: usize,
    floor: usize,
    is_word: fn(char) -> bool,
) -> Span {
    let before = text.get(floor.min(offset)..offset).unwrap_or("");
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(offset, |(i, _)| floor.min(offset) + i);
    let after = text.get(offset..).unwrap_or("");
    let end = after
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(text.len(), |(i, _)| offset + i);
    Span::new(start, end)
}

/// The end of the line holding `offset` (before `\r\n` or `\n`).
pub(super) fn line_end(text: &str, offset: usize) -> usize {
    let end = text
        .get(offset..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| offset + i);
    if end > offset && text.as_bytes().get(end - 1) == Some(&b'\r') {
        end - 1
    } else {
        end
    }
}

/// A quoted scalar at the start of `s`: its decoded text and its length with the quotes
/// (`None` when it is not closed).
pub(super) fn quoted(s: &str) -> Option<(String, usize)> {
    let quote = s.chars().next()?;
    let mut out = String::new();
    let mut chars = s.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        if c == quote {
            if quote == '\'' && chars.peek().map(|(_, n)| *n) == Some('\'') {
                chars.next();
                out.push('\'');
                continue;
            }
            return Some((out, i + 1));
        }
        if c == '\\' && quote == '"' {
            if let Some((_, n)) = chars.next() {
                out.push(n);
            }
            continue;
        }
        out.push(c);
    }
    None
}

/// Whether the end of `line` (the text before the cursor) is in a comment.
pub(super) fn in_comment(line: &str) -> bool {
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for c in line.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => {
                if matches!(prev, ' ' | '\t' | ':' | '{' | '[' | ',' | '-') {
                    quote = Some(c);
                }
            }
            None if c == '#' && (prev == ' ' || prev == '\t') => return true,
            None => {}
        }
        prev = c;
    }
    line.trim_start().starts_with('#')
}

/// The end of the run of `is_word` chars starting at `offset`.
pub(super) fn word_end(text: &str, offset: usize, is_word: impl Fn(char) -> bool) -> usize {
    text.get(offset..)
        .and_then(|t| t.char_indices().find(|(_, c)| !is_word(*c)))
        .map_or(text.len(), |(i, _)| offset + i)
}
