//! Locating and wording the syntax errors of a tree-sitter tree: the problem behind an `ERROR`
//! node (an unexpected token, an unclosed bracket or quote, an invalid escape) and the `MISSING`
//! nodes tree-sitter inserted.

use tree_sitter::{Node as TsNode, Tree};

use super::super::Span;
use super::SyntaxError;
use super::text::{children, line_end, skip_whitespace, slice, span_of};

/// The most tree-sitter syntax errors reported for one document.
const MAX_SYNTAX_ERRORS: usize = 100;
/// The longest excerpt of source text quoted in an error message, in chars.
const EXCERPT_CHARS: usize = 40;

/// A quotable excerpt: the first line of `s`, trimmed and shortened.
fn excerpt(s: &str) -> String {
    let line = s.lines().next().unwrap_or("").trim();
    let mut out: String = line.chars().take(EXCERPT_CHARS).collect();
    if line.chars().count() > EXCERPT_CHARS {
        out.push('…');
    }
    out
}

/// Locates the problem behind a top-level `ERROR` node: the token right after it (where the
/// parser gave up), an opening bracket or quote it leaves unclosed, or its own text.
pub(super) fn failure_at(error: TsNode, text: &str) -> (SyntaxError, Span) {
    let kids = children(error);
    let junk = !kids
        .iter()
        .any(|k| k.is_named() && k.kind() != "comment" && !k.is_error());
    let after = skip_whitespace(text, error.end_byte());
    let open = unclosed_opener(&kids, text);
    if let Some(open) = open
        && let Some(bad) = invalid_escape(text, open)
    {
        return (bad, Span::new(open.start, line_end(text, open.start)));
    }
    if junk && error.end_byte() > error.start_byte() {
        let span = span_of(error);
        let error = match open {
            Some(open) => unclosed_error(open, text),
            None => {
                let excerpt = excerpt(slice(text, span));
                SyntaxError::new(span, format!("YAML syntax error: unexpected `{excerpt}`"))
            }
        };
        return (error, span);
    }
    if after < text.len() {
        let token = token_at(text, after);
        let span = Span::new(after, after + token.len());
        let message = format!("YAML syntax error: unexpected `{token}`");
        return (
            SyntaxError::new(span, message),
            Span::new(after, line_end(text, after)),
        );
    }
    if let Some(open) = open {
        return (
            unclosed_error(open, text),
            Span::new(open.start, line_end(text, open.start)),
        );
    }
    // The error runs to the end of the text: blame its last line.
    let last = last_content_byte(text, span_of(error)).unwrap_or(error.start_byte());
    let line_start = text
        .get(..last)
        .map_or(0, |s| s.rfind(['\n', '\r']).map_or(0, |i| i + 1));
    let first = skip_whitespace(text, line_start).min(last);
    let span = Span::new(first, line_end(text, first));
    let message = format!(
        "YAML syntax error: unexpected `{}`",
        excerpt(slice(text, span))
    );
    (SyntaxError::new(span, message), span)
}

/// The "never closed" error for an unclosed bracket or quote at `open`, or the invalid escape
/// that made tree-sitter reject a double-quoted scalar.
fn unclosed_error(open: Span, text: &str) -> SyntaxError {
    if let Some(bad) = invalid_escape(text, open) {
        return bad;
    }
    let opener = slice(text, open);
    let closer = match opener {
        "[" => "]",
        "{" => "}",
        other => other,
    };
    SyntaxError::new(
        open,
        format!("YAML syntax error: `{opener}` is never closed"),
    )
    .with_hint(format!("add the matching `{closer}`"))
}

/// If `open` is a `"` whose scalar holds an invalid escape sequence (before its closing quote),
/// the error for that escape.
fn invalid_escape(text: &str, open: Span) -> Option<SyntaxError> {
    if slice(text, open) != "\"" {
        return None;
    }
    let rest = text.get(open.end..)?;
    let mut chars = rest.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return None,
            '\\' => {
                let (j, e) = chars.next()?;
                let digits = match e {
                    'x' => 2,
                    'u' => 4,
                    'U' => 8,
                    _ if "0abt\tnvfre \"/\\N_LP\r\n".contains(e) => 0,
                    _ => {
                        let span = Span::new(open.end + i, open.end + j + e.len_utf8());
                        let message = format!("invalid escape `\\{e}` in a double-quoted string");
                        return Some(SyntaxError::new(span, message).with_hint(
                            "see the YAML escapes (`\\n`, `\\t`, `\\\"`, `\\\\`, `\\uXXXX`, ...); write `\\\\` for a backslash",
                        ));
                    }
                };
                let mut end = j + e.len_utf8();
                for _ in 0..digits {
                    match chars.clone().next() {
                        Some((k, h)) if h.is_ascii_hexdigit() => {
                            chars.next();
                            end = k + 1;
                        }
                        _ => {
                            let span = Span::new(open.end + i, open.end + end);
                            let message = format!(
                                "invalid escape: `\\{e}` needs {digits} hexadecimal digits"
                            );
                            return Some(SyntaxError::new(span, message));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    None
}

/// The first bracket or quote among `kids` (anonymous tokens of an `ERROR` node) that is not
/// closed by a later one (the outermost: blanking from it removes the inner ones too).
fn unclosed_opener(kids: &[TsNode], text: &str) -> Option<Span> {
    let mut open: Vec<(Span, &str)> = Vec::new();
    for kid in kids.iter().filter(|k| !k.is_named()) {
        let span = span_of(*kid);
        match slice(text, span) {
            t @ ("[" | "{" | "\"" | "'") => open.push((span, t)),
            "]" if open.last().is_some_and(|(_, t)| *t == "[") => {
                open.pop();
            }
            "}" if open.last().is_some_and(|(_, t)| *t == "{") => {
                open.pop();
            }
            _ => {}
        }
    }
    open.first().map(|(span, _)| *span)
}

/// Offset of the last non-whitespace char in `span`.
fn last_content_byte(text: &str, span: Span) -> Option<usize> {
    let s = text.get(span.start..span.end)?;
    let trimmed = s.trim_end();
    let c = trimmed.chars().next_back()?;
    Some(span.start + trimmed.len() - c.len_utf8())
}

/// The token at `at` for an "unexpected" message: one indicator char, or a word.
fn token_at(text: &str, at: usize) -> &str {
    let rest = text.get(at..).unwrap_or("");
    let Some(first) = rest.chars().next() else {
        return "";
    };
    if "[]{},:-?|>&*!%@`\"'#".contains(first) {
        return rest.get(..first.len_utf8()).unwrap_or("");
    }
    let mut end = 0;
    for (i, c) in rest.char_indices() {
        if c.is_whitespace() || ",[]{}".contains(c) || i >= 4 * EXCERPT_CHARS {
            break;
        }
        end = i + c.len_utf8();
    }
    rest.get(..end).unwrap_or("")
}

/// Reports the `ERROR` and `MISSING` nodes inside the (recovered) tree. A top-level `ERROR` was
/// already reported by the recovery.
pub(super) fn collect_syntax_errors(tree: &Tree, text: &str, errors: &mut Vec<SyntaxError>) {
    let root = tree.root_node();
    if !root.has_error() {
        return;
    }
    let mut count = 0;
    let mut cursor = tree.walk();
    let mut depth = 0usize;
    loop {
        let node = cursor.node();
        let top_level = depth <= 1;
        let mut descend = node.has_error();
        if node.is_error() && !top_level {
            descend = false;
            count += 1;
            let kids = children(node);
            errors.push(match unclosed_opener(&kids, text) {
                Some(open) => unclosed_error(open, text),
                None => {
                    let span = span_of(node);
                    match excerpt(slice(text, span)) {
                        e if e.is_empty() => {
                            SyntaxError::new(span, "YAML syntax error: unexpected end of input")
                        }
                        e => SyntaxError::new(span, format!("YAML syntax error: unexpected `{e}`")),
                    }
                }
            });
        } else if node.is_missing() {
            count += 1;
            let what = match node.kind() {
                k if !node.is_named() => format!("`{k}`"),
                "flow_node" | "block_node" => "a value".to_owned(),
                k => format!("`{k}`"),
            };
            let at = node.start_byte();
            errors.push(SyntaxError::new(
                Span::new(at, at),
                format!("YAML syntax error: missing {what}"),
            ));
        }
        if count >= MAX_SYNTAX_ERRORS {
            return;
        }
        if descend && cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
            depth = depth.saturating_sub(1);
        }
    }
}
