//! `${...}` expressions inside strings (FORMAT.md §4): parsing text into literal parts and
//! expressions, each expression split into its head (an entry path) and member chain.

use std::borrow::Cow;

use super::Spanned;
use crate::syntax::Span;

/// A string value: literal parts and `${...}` expressions.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Text {
    /// The parts, in order. Adjacent literals are merged.
    pub parts: Vec<TextPart>,
}

/// One part of a [`Text`].
#[derive(Clone, Debug, PartialEq)]
pub enum TextPart {
    /// Literal text (`$${` already turned into `${`).
    Lit(String),
    /// An expression.
    Expr(Expr),
}

/// A `${Head.member...}` expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// The entry path the expression starts from (or `Fn`, `Aws`).
    pub head: Spanned<String>,
    /// The members that follow the head, in order.
    pub members: Vec<Member>,
    /// The whole expression, `${` to `}`.
    pub span: Span,
}

/// One `.name` or `.name(args)` of an expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// The member's name.
    pub name: Spanned<String>,
    /// The arguments, for a method call; an empty argument is `None` (`undefined`).
    pub args: Option<Vec<Option<Spanned<String>>>>,
}

impl Text {
    /// A text without expressions.
    pub fn literal(s: impl Into<String>) -> Text {
        Text {
            parts: vec![TextPart::Lit(s.into())],
        }
    }

    /// The text when it has no expressions.
    pub fn as_literal(&self) -> Option<String> {
        self.literal_text().map(Cow::into_owned)
    }

    /// [`Text::as_literal`], borrowed when the text is one literal part (as parsed texts are:
    /// adjacent literals are merged).
    pub fn literal_text(&self) -> Option<Cow<'_, str>> {
        match self.parts.as_slice() {
            [] => Some(Cow::Borrowed("")),
            [TextPart::Lit(s)] => Some(Cow::Borrowed(s)),
            parts => {
                let mut out = String::new();
                for part in parts {
                    match part {
                        TextPart::Lit(s) => out.push_str(s),
                        TextPart::Expr(_) => return None,
                    }
                }
                Some(Cow::Owned(out))
            }
        }
    }

    /// The expressions of the text.
    pub fn exprs(&self) -> impl Iterator<Item = &Expr> {
        self.parts.iter().filter_map(|p| match p {
            TextPart::Expr(e) => Some(e),
            TextPart::Lit(_) => None,
        })
    }

    fn push_lit(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if let Some(TextPart::Lit(last)) = self.parts.last_mut() {
            last.push_str(s);
        } else {
            // Most texts are one literal: room for it alone, not for four parts.
            self.parts.reserve_exact(1);
            self.parts.push(TextPart::Lit(s.to_string()));
        }
    }
}

/// Maps byte offsets of decoded scalar text back to the source.
#[derive(Clone, Copy, Debug)]
pub struct SourceMap {
    /// Source offset of decoded offset 0, when decoded text equals its source byte for byte.
    pub base: Option<usize>,
    /// The whole scalar, used when offsets cannot be mapped.
    pub whole: Span,
}

impl SourceMap {
    /// The source span of decoded range `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        match self.base {
            Some(base) => Span::new(base + start, base + end),
            None => self.whole,
        }
    }
}

/// A problem in an expression.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprError {
    /// Where.
    pub span: Span,
    /// What.
    pub message: String,
    /// The unknown head, for "did you mean" suggestions.
    pub unknown_head: Option<String>,
}

/// Splits `s` into literal parts and expressions. `is_head` tells whether a string is a known
/// entry path (or `Fn`/`Aws`); the head of an expression is the longest such prefix followed by `.`.
pub fn parse_text(
    s: &str,
    map: SourceMap,
    is_head: &dyn Fn(&str) -> bool,
) -> (Text, Vec<ExprError>) {
    let mut text = Text::default();
    let mut errors = Vec::new();
    let mut rest = 0;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'$' && s[i..].starts_with("$${") {
            text.push_lit(&s[rest..i]);
            text.push_lit("${");
            i += 3;
            rest = i;
            continue;
        }
        if bytes[i] == b'$' && s[i..].starts_with("${") {
            text.push_lit(&s[rest..i]);
            let Some(close) = matching_brace(s, i + 2) else {
                errors.push(ExprError {
                    span: map.span(i, s.len()),
                    message: "unclosed `${`: an expression ends with `}`".into(),
                    unknown_head: None,
                });
                text.push_lit(&s[i..]);
                return (text, errors);
            };
            match parse_expr(s, i + 2, close, map, is_head) {
                Ok(expr) => text.parts.push(TextPart::Expr(expr)),
                Err(e) => {
                    errors.push(e);
                    text.push_lit(&s[i..=close]);
                }
            }
            i = close + 1;
            rest = i;
            continue;
        }
        i += 1;
    }
    text.push_lit(&s[rest..]);
    (text, errors)
}

/// The index of the `}` closing a `${` whose body starts at `start`, braces balanced.
fn matching_brace(s: &str, start: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (offset, c) in s[start..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return Some(start + offset),
            '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

fn parse_expr(
    s: &str,
    start: usize,
    end: usize,
    map: SourceMap,
    is_head: &dyn Fn(&str) -> bool,
) -> Result<Expr, ExprError> {
    let body = &s[start..end];
    let whole = map.span(start - 2, end + 1);
    let err = |message: String, span: Span| ExprError {
        span,
        message,
        unknown_head: None,
    };
    // The head is the longest known path followed by `.` (paths may contain dots).
    let dots = top_level_dots(body);
    let head_len = dots.iter().rev().copied().find(|&d| is_head(&body[..d]));
    let Some(head_len) = head_len else {
        let guess = dots.first().map_or(body, |&d| &body[..d]).trim();
        return Err(ExprError {
            span: map.span(start, start + guess.len()),
            message: if dots.is_empty() {
                format!("`${{{body}}}` needs an attribute: write `${{{body}.attribute}}`")
            } else {
                format!("unknown construct `{guess}` in expression")
            },
            unknown_head: (!dots.is_empty()).then(|| guess.to_string()),
        });
    };
    let head = Spanned {
        value: body[..head_len].to_string(),
        span: map.span(start, start + head_len),
    };
    let mut members = Vec::new();
    let mut pos = head_len;
    while pos < body.len() {
        // `pos` is at a `.`.
        let name_start = pos + 1;
        let name_end = body[name_start..]
            .find(['.', '('])
            .map_or(body.len(), |o| name_start + o);
        let name = body[name_start..name_end].trim();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(err(
                format!("`{}` is not an attribute name", &body[name_start..name_end]),
                map.span(start + name_start, start + name_end),
            ));
        }
        let name = Spanned {
            value: name.to_string(),
            span: map.span(start + name_start, start + name_end),
        };
        pos = name_end;
        let mut args = None;
        if body[pos..].starts_with('(') {
            let close = matching_paren(body, pos + 1).ok_or_else(|| {
                err(
                    "unclosed `(` in expression".into(),
                    map.span(start + pos, end),
                )
            })?;
            args = Some(split_args(body, pos + 1, close, start, map));
            pos = close + 1;
            if pos < body.len() && !body[pos..].starts_with('.') {
                return Err(err(
                    format!("unexpected `{}` after `)`", &body[pos..]),
                    map.span(start + pos, end),
                ));
            }
        }
        members.push(Member { name, args });
    }
    Ok(Expr {
        head,
        members,
        span: whole,
    })
}

/// Offsets of `.` outside parentheses.
fn top_level_dots(body: &str) -> Vec<usize> {
    let mut depth = 0usize;
    let mut dots = Vec::new();
    for (i, c) in body.char_indices() {
        match c {
            '(' | '{' => depth += 1,
            ')' | '}' => depth = depth.saturating_sub(1),
            '.' if depth == 0 => dots.push(i),
            _ => {}
        }
    }
    dots
}

fn matching_paren(s: &str, start: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (offset, c) in s[start..].char_indices() {
        match c {
            '(' | '{' => depth += 1,
            ')' if depth == 0 => return Some(start + offset),
            ')' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Splits `body[from..to]` at top-level commas; empty arguments are `None`.
fn split_args(
    body: &str,
    from: usize,
    to: usize,
    base: usize,
    map: SourceMap,
) -> Vec<Option<Spanned<String>>> {
    let inner = &body[from..to];
    if inner.trim().is_empty() {
        return Vec::new();
    }
    let mut args = Vec::new();
    let mut depth = 0usize;
    let mut arg_start = 0;
    let mut push = |a: usize, b: usize| {
        let raw = &inner[a..b];
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            args.push(None);
        } else {
            let lead = raw.len() - raw.trim_start().len();
            let s = base + from + a + lead;
            args.push(Some(Spanned {
                value: trimmed.to_string(),
                span: map.span(s, s + trimmed.len()),
            }));
        }
    };
    for (i, c) in inner.char_indices() {
        match c {
            '(' | '{' => depth += 1,
            ')' | '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                push(arg_start, i);
                arg_start = i + 1;
            }
            _ => {}
        }
    }
    push(arg_start, inner.len());
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> (Text, Vec<ExprError>) {
        let map = SourceMap {
            base: Some(0),
            whole: Span::new(0, s.len()),
        };
        parse_text(s, map, &|h| {
            matches!(h, "HttpApi" | "my.api" | "HttpApi/Beta")
        })
    }

    #[test]
    fn literal_and_escape() {
        let (t, e) = parse("https://x/$${stageVariables.host}/y");
        assert!(e.is_empty());
        assert_eq!(
            t.as_literal().as_deref(),
            Some("https://x/${stageVariables.host}/y")
        );
    }

    #[test]
    fn longest_head_and_args() {
        let (t, e) = parse("${my.api.arnForExecuteApi(GET, /books/{id}, )}");
        assert!(e.is_empty(), "{e:?}");
        let expr = t.exprs().next().unwrap();
        assert_eq!(expr.head.value, "my.api");
        assert_eq!(expr.members[0].name.value, "arnForExecuteApi");
        let args = expr.members[0].args.clone().unwrap();
        assert_eq!(args.len(), 3);
        assert_eq!(args[1].as_ref().unwrap().value, "/books/{id}");
        assert_eq!(args[1].as_ref().unwrap().span, Span::new(31, 42));
        assert!(args[2].is_none());
    }

    #[test]
    fn chain_and_text_around() {
        let (t, e) = parse("url: ${HttpApi/Beta.url} and ${HttpApi.defaultStage.url}!");
        assert!(e.is_empty());
        assert_eq!(t.parts.len(), 5);
        let exprs: Vec<_> = t.exprs().collect();
        assert_eq!(exprs[1].members.len(), 2);
    }

    #[test]
    fn unknown_head_is_reported_with_span() {
        let (_, e) = parse("x ${HttpAPi.url}");
        assert_eq!(e[0].span, Span::new(4, 11));
        assert_eq!(e[0].unknown_head.as_deref(), Some("HttpAPi"));
    }

    #[test]
    fn unclosed() {
        let (_, e) = parse("${HttpApi.url");
        assert!(e[0].message.contains("unclosed"));
    }
}
