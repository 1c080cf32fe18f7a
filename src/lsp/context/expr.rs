//! The `${...}` expression under the cursor: its head, the members typed after it and the
//! part the cursor is on (head, member or method argument).

use super::Known;
use super::text::{is_value_char, word_end};
use crate::syntax::Span;

/// Where in a `${...}` expression the cursor is.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprCursor {
    /// Offset of the expression's `${`.
    pub start: usize,
    /// The head, when the text typed so far starts with a known head and a `.`.
    pub head: Option<String>,
    /// The members between the head and the cursor's member (complete ones).
    pub members: Vec<String>,
    /// What the cursor is on.
    pub at: ExprAt,
    /// The part being typed: the replace range of a completion.
    pub word: Span,
}

/// The part of an expression the cursor is on.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprAt {
    /// The head (right after `${`).
    Head,
    /// A member after a `.`.
    Member,
    /// Argument `index` of the method call `method(`.
    Arg {
        /// The method's name.
        method: String,
        /// The 0-based argument index.
        index: usize,
    },
}

/// The `${...}` expression the cursor is in, from the value's text between `value_start` and
/// the cursor.
pub fn expr_cursor(
    text: &str,
    value_start: usize,
    offset: usize,
    known: &Known,
) -> Option<ExprCursor> {
    let value = text.get(value_start..offset)?;
    // The last `${` not closed before the cursor (`$${` is a literal).
    let mut open: Option<usize> = None;
    let mut depth = 0usize;
    let bytes = value.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match open {
            None => {
                if value.get(i..).is_some_and(|t| t.starts_with("$${")) {
                    i += 3;
                    continue;
                }
                if value.get(i..).is_some_and(|t| t.starts_with("${")) {
                    open = Some(i);
                    depth = 0;
                    i += 2;
                    continue;
                }
            }
            Some(_) => match bytes.get(i) {
                Some(b'{') => depth += 1,
                Some(b'}') if depth == 0 => open = None,
                Some(b'}') => depth -= 1,
                _ => {}
            },
        }
        i += 1;
    }
    let open = open?;
    let start = value_start + open;
    let body_start = start + 2;
    let body = text.get(body_start..offset)?;
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    // The head: the longest known path followed by a top-level `.`.
    let mut paren = 0usize;
    let mut dots = Vec::new();
    for (j, c) in body.char_indices() {
        match c {
            '(' => paren += 1,
            ')' => paren = paren.saturating_sub(1),
            '.' if paren == 0 => dots.push(j),
            _ => {}
        }
    }
    let head_len = dots
        .iter()
        .rev()
        .copied()
        .find(|&d| body.get(..d).is_some_and(|h| known.is_head(h.trim())));
    let Some(head_len) = head_len else {
        if body.contains(['(', ')']) {
            return None;
        }
        let end = word_end(text, offset, is_value_char);
        return Some(ExprCursor {
            start,
            head: None,
            members: Vec::new(),
            at: ExprAt::Head,
            word: Span::new(body_start, end),
        });
    };
    let head = body.get(..head_len)?.trim().to_string();
    let rest = body.get(head_len..)?;
    let rest_start = body_start + head_len;
    // Members: `.name` or `.name(args)`; the cursor is in the last one.
    let mut members = Vec::new();
    let mut j = 0;
    let rb = rest.as_bytes();
    loop {
        // `rest[j]` is a `.`.
        if rb.get(j) != Some(&b'.') {
            return None;
        }
        let name_start = j + 1;
        let name_end = rest
            .get(name_start..)?
            .find(|c: char| !is_ident(c))
            .map_or(rest.len(), |k| name_start + k);
        let name = rest.get(name_start..name_end)?.to_string();
        if name_end == rest.len() {
            let end = word_end(text, offset, is_ident);
            return Some(ExprCursor {
                start,
                head: Some(head),
                members,
                at: ExprAt::Member,
                word: Span::new(rest_start + name_start, end),
            });
        }
        match rb.get(name_end) {
            Some(b'(') => {
                // Arguments: find the matching `)`, or the cursor is inside them.
                let mut depth = 0usize;
                let mut arg_start = name_end + 1;
                let mut index = 0;
                let mut close = None;
                for (k, c) in rest.get(name_end + 1..)?.char_indices() {
                    let at = name_end + 1 + k;
                    match c {
                        '(' | '{' => depth += 1,
                        ')' if depth == 0 => {
                            close = Some(at);
                            break;
                        }
                        ')' | '}' => depth = depth.saturating_sub(1),
                        ',' if depth == 0 => {
                            index += 1;
                            arg_start = at + 1;
                        }
                        _ => {}
                    }
                }
                match close {
                    Some(c) => {
                        members.push(name);
                        j = c + 1;
                    }
                    None => {
                        let arg = rest.get(arg_start..)?;
                        let lead = arg.len() - arg.trim_start().len();
                        let word_start = rest_start + arg_start + lead;
                        let end = word_end(text, offset, |c| !matches!(c, ',' | ')' | '}' | '\n'));
                        let end = text
                            .get(offset..end)
                            .map_or(offset, |t| offset + t.trim_end().len());
                        return Some(ExprCursor {
                            start,
                            head: Some(head),
                            members,
                            at: ExprAt::Arg {
                                method: name,
                                index,
                            },
                            word: Span::new(word_start, end),
                        });
                    }
                }
            }
            Some(b'.') => {
                members.push(name);
                j = name_end;
            }
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{API, check};

    #[test]
    fn expressions() {
        assert_eq!(
            check(&format!("{API}outputs:\n  A: ${{Htt$0\n")),
            "value at [outputs / A] word \"Htt\" place output expr head None members [] at Head word \"Htt\""
        );
        assert_eq!(
            check(&format!("{API}outputs:\n  A: ${{HttpApi.$0}}\n")),
            "value at [outputs / A] word \"HttpApi.\" place output expr head Some(\"HttpApi\") members [] at Member word \"\""
        );
        assert_eq!(
            check(&format!(
                "{API}outputs:\n  A: \"x ${{HttpApi.defaultStage.u$0\n"
            )),
            "value at [outputs / A] word \"HttpApi.defaultStage.u\" place output expr head Some(\"HttpApi\") members [\"defaultStage\"] at Member word \"u\""
        );
        assert_eq!(
            check(&format!(
                "{API}outputs:\n  A: ${{HttpApi.arnForExecuteApi(GET, /b$0)}}\n"
            )),
            "value at [outputs / A] word \"/b\" place output expr head Some(\"HttpApi\") members [] at Arg { method: \"arnForExecuteApi\", index: 1 } word \"/b\""
        );
        assert_eq!(
            check(&format!("{API}outputs:\n  A: $${{HttpApi.$0\n")),
            "value at [outputs / A] word \"HttpApi.\" place output"
        );
    }

    #[test]
    fn expressions_in_flow_and_builtins() {
        assert_eq!(
            check(&format!(
                "{API}outputs:\n  A: {{ value: \"${{HttpApi.$0}}\" }}\n"
            )),
            "value at [outputs / A / value] word \"HttpApi.\" place value string of value flow expr head Some(\"HttpApi\") members [] at Member word \"\""
        );
        assert_eq!(
            check("outputs:\n  A: ${Fn.im$0\n"),
            "value at [outputs / A] word \"Fn.im\" place output expr head Some(\"Fn\") members [] at Member word \"im\""
        );
        assert_eq!(
            check(&format!(
                "{API}outputs:\n  A: ${{HttpApi.arnForExecuteApi(, , be$0)}}\n"
            )),
            "value at [outputs / A] word \"be\" place output expr head Some(\"HttpApi\") members [] at Arg { method: \"arnForExecuteApi\", index: 2 } word \"be\""
        );
    }
}
