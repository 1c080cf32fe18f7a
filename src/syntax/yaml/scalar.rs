//! Decoding of YAML scalars: plain and quoted flow scalars (escapes, line folding) and block
//! scalars (`|`, `>`, chomping and indentation indicators).
//!
//! Decoders take source text and never fail: a malformed escape is kept as written and reported
//! as a problem with its byte span.

use super::super::Span;
use super::text::lines;

/// A problem found while decoding a scalar: where, and what is wrong.
pub(super) type Problem = (Span, String);

/// Decodes a plain scalar: line breaks fold (one break becomes a space, `n + 1` breaks become
/// `n` newlines) and whitespace around them is dropped.
pub(super) fn plain(raw: &str) -> String {
    if !raw.bytes().any(|b| b == b'\n' || b == b'\r') {
        return raw.to_owned();
    }
    fold(raw, Style::Plain, 0, &mut Vec::new())
}

/// Decodes a single-quoted scalar written as `raw` (quotes included): `''` is a quote, line
/// breaks fold.
pub(super) fn single_quoted(raw: &str) -> String {
    let content = strip_quotes(raw, '\'');
    fold(content, Style::Single, 0, &mut Vec::new())
}

/// Decodes a double-quoted scalar written as `raw` (quotes included) that starts at byte
/// `start` of the source: escapes, escaped line breaks and folding. Invalid escapes are kept as
/// written and reported in `problems`.
pub(super) fn double_quoted(raw: &str, start: usize, problems: &mut Vec<Problem>) -> String {
    let content = strip_quotes(raw, '"');
    fold(content, Style::Double, start + 1, problems)
}

/// The text between the opening quote and the closing one (if present).
fn strip_quotes(raw: &str, quote: char) -> &str {
    let inner = raw.strip_prefix(quote).unwrap_or(raw);
    // A lone `"` has no closing quote; `"\""` must keep its escaped quote.
    match inner.strip_suffix(quote) {
        Some(body) if quote == '\'' || !ends_with_escape(body) => body,
        _ => inner,
    }
}

/// Whether `s` ends with an odd number of backslashes (so a following char is escaped).
fn ends_with_escape(s: &str) -> bool {
    s.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Single,
    Double,
}

/// Flow scalar decoding shared by the three flow styles. `base` is the source offset of
/// `content`, for problem spans.
fn fold(content: &str, style: Style, base: usize, problems: &mut Vec<Problem>) -> String {
    let mut out = String::with_capacity(content.len());
    // `out[..keep]` is protected from trailing-whitespace trimming (escaped whitespace).
    let mut keep = 0;
    let mut chars = content.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\r' | '\n' => {
                if c == '\r' {
                    chars.next_if(|&(_, n)| n == '\n');
                }
                let trimmed = out
                    .get(keep..)
                    .map_or(0, |tail| tail.trim_end_matches([' ', '\t']).len());
                out.truncate(keep + trimmed);
                let empty = skip_empty_lines(&mut chars);
                if empty == 0 {
                    out.push(' ');
                } else {
                    out.extend(std::iter::repeat_n('\n', empty));
                }
            }
            '\'' if style == Style::Single => {
                // `''` is an escaped quote; a lone quote cannot occur inside the scalar.
                chars.next_if(|&(_, n)| n == '\'');
                out.push('\'');
            }
            '\\' if style == Style::Double => {
                escape(i, &mut chars, &mut out, base, problems);
                keep = out.len();
            }
            _ => out.push(c),
        }
    }
    out
}

type Chars<'a> = std::iter::Peekable<std::str::CharIndices<'a>>;

/// After a line break: skips the whitespace of following lines, counting the lines that are
/// empty (only whitespace), and leaves the iterator on the first content char.
fn skip_empty_lines(chars: &mut Chars<'_>) -> usize {
    let mut empty = 0;
    loop {
        while chars.next_if(|&(_, c)| c == ' ' || c == '\t').is_some() {}
        match chars.peek() {
            Some(&(_, '\n')) => {
                chars.next();
                empty += 1;
            }
            Some(&(_, '\r')) => {
                chars.next();
                chars.next_if(|&(_, n)| n == '\n');
                empty += 1;
            }
            _ => return empty,
        }
    }
}

/// Decodes the escape sequence whose backslash is at `i` (relative to `base`).
fn escape(
    i: usize,
    chars: &mut Chars<'_>,
    out: &mut String,
    base: usize,
    problems: &mut Vec<Problem>,
) {
    let Some((j, e)) = chars.next() else {
        out.push('\\');
        return;
    };
    let simple = match e {
        '0' => Some('\0'),
        'a' => Some('\u{07}'),
        'b' => Some('\u{08}'),
        't' | '\t' => Some('\t'),
        'n' => Some('\n'),
        'v' => Some('\u{0B}'),
        'f' => Some('\u{0C}'),
        'r' => Some('\r'),
        'e' => Some('\u{1B}'),
        ' ' => Some(' '),
        '"' => Some('"'),
        '/' => Some('/'),
        '\\' => Some('\\'),
        'N' => Some('\u{85}'),
        '_' => Some('\u{A0}'),
        'L' => Some('\u{2028}'),
        'P' => Some('\u{2029}'),
        _ => None,
    };
    if let Some(c) = simple {
        out.push(c);
        return;
    }
    match e {
        '\r' | '\n' => {
            // Escaped line break: the break and the next line's indentation disappear, empty
            // lines in between still count as newlines.
            if e == '\r' {
                chars.next_if(|&(_, n)| n == '\n');
            }
            let empty = skip_empty_lines(chars);
            out.extend(std::iter::repeat_n('\n', empty));
        }
        'x' | 'u' | 'U' => {
            let digits = match e {
                'x' => 2,
                'u' => 4,
                _ => 8,
            };
            let (value, end) = hex(chars, digits, j + e.len_utf8());
            let span = Span::new(base + i, base + end);
            match value.map(|v| (v, char::from_u32(v))) {
                Some((_, Some(c))) => out.push(c),
                Some((high @ 0xD800..=0xDBFF, None)) if e == 'u' => {
                    // A UTF-16 surrogate pair written as two `\u` escapes (JSON style).
                    match low_surrogate(chars) {
                        Some(low) => {
                            let c = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                            out.push(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER));
                        }
                        None => {
                            problems.push((
                                span,
                                format!(
                                    "invalid escape: `\\u{high:04X}` is half of a surrogate pair"
                                ),
                            ));
                            out.push(char::REPLACEMENT_CHARACTER);
                        }
                    }
                }
                Some((v, None)) => {
                    problems.push((
                        span,
                        format!("invalid escape: {v:#X} is not a Unicode character"),
                    ));
                    out.push(char::REPLACEMENT_CHARACTER);
                }
                None => {
                    problems.push((
                        span,
                        format!("invalid escape: `\\{e}` needs {digits} hexadecimal digits"),
                    ));
                    out.push(char::REPLACEMENT_CHARACTER);
                }
            }
        }
        _ => {
            problems.push((
                Span::new(base + i, base + j + e.len_utf8()),
                format!("invalid escape `\\{e}` in a double-quoted string"),
            ));
            out.push('\\');
            out.push(e);
        }
    }
}

/// Reads exactly `digits` hex digits; returns the value (None if fewer digits) and the offset
/// just past what was consumed (`start` if nothing was).
fn hex(chars: &mut Chars<'_>, digits: usize, start: usize) -> (Option<u32>, usize) {
    let mut value = 0u32;
    let mut end = start;
    for _ in 0..digits {
        match chars.next_if(|&(_, c)| c.is_ascii_hexdigit()) {
            Some((k, c)) => {
                value = value * 16 + c.to_digit(16).unwrap_or(0);
                end = k + 1;
            }
            None => return (None, end),
        }
    }
    (Some(value), end)
}

/// If the next chars are `\uDC00`..`\uDFFF`, consumes them and returns the low surrogate.
fn low_surrogate(chars: &mut Chars<'_>) -> Option<u32> {
    let mut look = chars.clone();
    let (_, '\\') = look.next()? else { return None };
    let (j, 'u') = look.next()? else { return None };
    let (Some(low @ 0xDC00..=0xDFFF), _) = hex(&mut look, 4, j + 1) else {
        return None;
    };
    *chars = look;
    Some(low)
}

/// Chomping indicator of a block scalar.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Chomp {
    Strip,
    Clip,
    Keep,
}

/// Decodes the block scalar whose header (`|` or `>`) is at byte `start` and whose last content
/// char ends at `end`. `parent_indent` is the indentation of the enclosing block collection,
/// used with an explicit indentation indicator. Empty lines after `end` count for chomping.
pub(super) fn block(text: &str, start: usize, end: usize, parent_indent: usize) -> String {
    let rest = text.get(start..).unwrap_or("");
    let mut header_lines = lines(rest);
    let Some((_, header_end, body_start)) = header_lines.next() else {
        return String::new();
    };
    let header = rest.get(..header_end).unwrap_or("");
    let literal = header.starts_with('|');
    let mut chomp = Chomp::Clip;
    let mut explicit = None;
    for c in header.chars().skip(1) {
        match c {
            '-' => chomp = Chomp::Strip,
            '+' => chomp = Chomp::Keep,
            '1'..='9' => explicit = c.to_digit(10).map(|d| d as usize),
            _ => break,
        }
    }
    if body_start >= rest.len() && body_start == header_end {
        // The header is the last line and has no line break.
        return String::new();
    }
    let body = rest.get(body_start..).unwrap_or("");
    let end = end.saturating_sub(start + body_start);

    // Content lines (those starting before `end`), then the empty lines that follow.
    let mut rows: Vec<(&str, bool)> = Vec::new();
    let mut past_end = false;
    for (s, e, next) in lines(body) {
        let line = body.get(s..e).unwrap_or("");
        if s >= end {
            past_end = true;
        }
        if past_end && !line.trim_matches([' ', '\t']).is_empty() {
            break;
        }
        rows.push((line, next > e));
    }

    let indent = match explicit {
        Some(m) => parent_indent + m,
        None => rows
            .iter()
            .find(|(line, _)| !line.trim_matches([' ', '\t']).is_empty())
            .or_else(|| rows.iter().max_by_key(|(line, _)| line.len()))
            .map_or(0, |(line, _)| {
                line.len() - line.trim_start_matches(' ').len()
            }),
    };
    let strip = |line: &str| -> String {
        let spaces = line.len() - line.trim_start_matches(' ').len();
        if spaces >= indent {
            line.get(indent..).unwrap_or("").to_owned()
        } else if line.trim_matches([' ', '\t']).is_empty() {
            String::new()
        } else {
            line.trim_start_matches(' ').to_owned()
        }
    };
    let stripped: Vec<(String, bool)> = rows.iter().map(|&(l, brk)| (strip(l), brk)).collect();
    let last_content = stripped.iter().rposition(|(l, _)| !l.is_empty());

    let mut out = String::new();
    if let Some(last) = last_content {
        let content = stripped.get(..=last).unwrap_or(&[]);
        if literal {
            for (k, (line, _)) in content.iter().enumerate() {
                if k > 0 {
                    out.push('\n');
                }
                out.push_str(line);
            }
        } else {
            fold_block(content, &mut out);
        }
    }
    let trailing_breaks = |from: usize| stripped.iter().skip(from).filter(|(_, brk)| *brk).count();
    match (chomp, last_content) {
        (Chomp::Strip, _) | (Chomp::Clip, None) => {}
        (Chomp::Clip, Some(last)) => {
            if stripped.get(last).is_some_and(|(_, brk)| *brk) {
                out.push('\n');
            }
        }
        (Chomp::Keep, Some(last)) => {
            if stripped.get(last).is_some_and(|(_, brk)| *brk) {
                out.push('\n');
            }
            out.extend(std::iter::repeat_n('\n', trailing_breaks(last + 1)));
        }
        (Chomp::Keep, None) => out.extend(std::iter::repeat_n('\n', trailing_breaks(0))),
    }
    out
}

/// Folds the content lines of a `>` block scalar (from the first line to the last non-empty
/// one): breaks between two normal lines become a space (or, with empty lines between them, one
/// newline per empty line); lines starting with whitespace ("more indented") keep their breaks.
fn fold_block(content: &[(String, bool)], out: &mut String) {
    let mut prev_normal: Option<bool> = None;
    let mut empty = 0;
    for (line, _) in content {
        if line.is_empty() {
            empty += 1;
            continue;
        }
        let normal = !line.starts_with([' ', '\t']);
        match prev_normal {
            None => out.extend(std::iter::repeat_n('\n', empty)),
            Some(true) if normal => {
                if empty == 0 {
                    out.push(' ');
                } else {
                    out.extend(std::iter::repeat_n('\n', empty));
                }
            }
            Some(_) => out.extend(std::iter::repeat_n('\n', empty + 1)),
        }
        out.push_str(line);
        prev_normal = Some(normal);
        empty = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dq(raw: &str) -> (String, Vec<Problem>) {
        let mut problems = Vec::new();
        let text = double_quoted(raw, 0, &mut problems);
        (text, problems)
    }

    fn blk(src: &str) -> String {
        // The whole source is the block scalar; its content ends at the last non-space char.
        let end = src.trim_end().len();
        block(src, 0, end, 0)
    }

    #[test]
    fn plain_folding() {
        assert_eq!(plain("1.10"), "1.10");
        assert_eq!(plain("a\n  b"), "a b");
        assert_eq!(plain("a  \n\n   b\r\n\r\n\r\n c"), "a\nb\n\nc");
    }

    #[test]
    fn single_quotes() {
        assert_eq!(single_quoted("'it''s'"), "it's");
        assert_eq!(single_quoted("''"), "");
        assert_eq!(single_quoted("' a \n  b '"), " a b ");
        assert_eq!(single_quoted("'a\n\n  b'"), "a\nb");
        assert_eq!(single_quoted("'\\n'"), "\\n");
    }

    #[test]
    fn double_quote_escapes() {
        let (text, problems) = dq(r#""\n\t\"\\\/\0\a\b\e\f\r\v\N\_\L\P\x41\u00e9\U0001F600\ ""#);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            text,
            "\n\t\"\\/\0\u{07}\u{08}\u{1B}\u{0C}\r\u{0B}\u{85}\u{A0}\u{2028}\u{2029}Aé😀 "
        );
        assert_eq!(dq(r#""\uD83D\uDE00""#).0, "😀");
        assert_eq!(dq(r#""a\"""#).0, "a\"");
    }

    #[test]
    fn double_quote_folding_and_escaped_breaks() {
        assert_eq!(dq("\"a \n   b\"").0, "a b");
        assert_eq!(dq("\"a\n\n  b\"").0, "a\nb");
        assert_eq!(dq("\"a  \\\n   b\"").0, "a  b");
        assert_eq!(dq("\"a\\\n\n  b\"").0, "a\nb");
        // Escaped trailing whitespace survives folding.
        assert_eq!(dq("\"a\\t\n b\"").0, "a\t b");
        assert_eq!(dq("\"a\\ \n b\"").0, "a  b");
        assert_eq!(dq("\"a\r\n b\"").0, "a b");
    }

    #[test]
    fn invalid_escapes_are_reported_with_spans() {
        let raw = r#""x\qy\x4z\uD800""#;
        let (text, problems) = dq(raw);
        assert_eq!(text, "x\\qy\u{FFFD}z\u{FFFD}");
        let spanned: Vec<&str> = problems.iter().map(|(s, _)| &raw[s.start..s.end]).collect();
        assert_eq!(spanned, ["\\q", "\\x4", "\\uD800"]);
    }

    #[test]
    fn literal_block_chomping() {
        assert_eq!(blk("|\n  a\n   b\n\n  c\n\n\n"), "a\n b\n\nc\n");
        assert_eq!(blk("|-\n  a\n  b\n\n"), "a\nb");
        assert_eq!(blk("|+\n  a\n  b\n\n\n"), "a\nb\n\n\n");
        assert_eq!(blk("|\n  a"), "a");
        assert_eq!(blk("| # comment\n  a\n"), "a\n");
        assert_eq!(blk("|\n\n  a\n"), "\na\n");
        assert_eq!(blk("|\n"), "");
        assert_eq!(blk("|+\n\n\n"), "\n\n");
        assert_eq!(blk("|\r\n  a\r\n  b\r\n"), "a\nb\n");
        assert_eq!(blk("|\n  a\t\n  \tb\n"), "a\t\n\tb\n");
    }

    #[test]
    fn folded_block() {
        assert_eq!(blk(">\n  a\n  b\n\n  c\n"), "a b\nc\n");
        assert_eq!(blk(">-\n  a\n  b\n"), "a b");
        assert_eq!(blk(">\n  a\n    more\n  b\n"), "a\n  more\nb\n");
        assert_eq!(blk(">\n  a\n\n    more\n\n  b\n"), "a\n\n  more\n\nb\n");
        assert_eq!(blk(">+\n  a\n\n"), "a\n\n");
        assert_eq!(blk(">\n\n  a\n  b\n"), "\na b\n");
    }

    #[test]
    fn explicit_indentation_indicator() {
        // Content indentation is the parent's plus the indicator: leading spaces are kept.
        assert_eq!(block("|2\n    a\n   b\n", 0, 14, 0), "  a\n b\n");
        assert_eq!(block("|1-\n  a\n", 0, 7, 0), " a");
        assert_eq!(block("|-1\n  a\n", 0, 7, 0), " a");
        assert_eq!(block("|2\n      a\n", 0, 10, 2), "  a\n");
    }

    #[test]
    fn block_with_following_text() {
        let src = "a: |\n  x\n\n\nb: 1\n";
        let start = 3;
        let end = 8;
        assert_eq!(block(src, start, end, 0), "x\n");
        let keep = "a: |+\n  x\n\n\nb: 1\n";
        assert_eq!(block(keep, 3, 9, 0), "x\n\n\n");
    }
}
