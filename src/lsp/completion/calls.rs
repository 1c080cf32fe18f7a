//! Method call snippets: a method key with a first call of its shape (list, keyed,
//! keyed value) and its options up to the last required one.

use super::snippets::{Snip, Tabs, kind_snippet, placeholder};
use crate::lsp::context::CursorContext;
use crate::model::schema::{CallShape, MethodDef, PropDef};

/// The options a call snippet fills in: every parameter up to the last required one.
fn call_params(m: &MethodDef) -> &'static [PropDef] {
    let last_required = m.params.iter().rposition(|p| p.required);
    match last_required {
        Some(i) => m.params.get(..=i).unwrap_or(&[]),
        None => &[],
    }
}

/// The text a method key inserts: the key and a first call with its options.
pub(super) fn method_snippet(m: &'static MethodDef, c: &CursorContext<'_>) -> String {
    let mut tabs = Tabs(0);
    let params = call_params(m);
    let mut options: Vec<String> = Vec::new();
    for p in params {
        let value = match kind_snippet(&p.kind, &mut tabs, true, placeholder(p)) {
            Snip::Inline(v) => v,
            Snip::Block(_) => tabs.stop(""),
        };
        options.push(format!("{}: {value}", p.name));
    }
    let name = m.name;
    let indent = |n: usize| " ".repeat(c.column + n);
    match m.shape {
        CallShape::List => {
            if c.flow {
                if options.is_empty() {
                    return format!("{name}: [{{ {} }}]", tabs.stop(""));
                }
                return format!("{name}: [{{ {} }}]", options.join(", "));
            }
            if options.is_empty() {
                return format!("{name}:\n{}- {}", indent(2), tabs.stop(""));
            }
            let mut out = format!("{name}:");
            for (i, option) in options.iter().enumerate() {
                let lead = if i == 0 { "- " } else { "  " };
                out.push_str(&format!("\n{}{lead}{option}", indent(2)));
            }
            out
        }
        CallShape::Keyed => {
            let mut tabs_key = Tabs(0);
            let key = tabs_key.stop(m.key);
            // Renumber: the key is the first stop, the options follow.
            let options: Vec<String> = renumber(&options, 1);
            if c.flow {
                let inner = if options.is_empty() {
                    format!("{{ {} }}", tabs_key.stop(""))
                } else {
                    format!("{{ {} }}", options.join(", "))
                };
                return format!("{name}: {{ {key}: {inner} }}");
            }
            let mut out = format!("{name}:\n{}{key}:", indent(2));
            if options.is_empty() {
                out.push_str(&format!("\n{}{}", indent(4), tabs_key.stop("")));
            }
            for option in &options {
                out.push_str(&format!("\n{}{option}", indent(4)));
            }
            out
        }
        CallShape::KeyedValue => {
            let mut tabs = Tabs(0);
            let key = tabs.stop(m.key);
            let value = match m.params.first() {
                Some(p) => match kind_snippet(&p.kind, &mut tabs, true, placeholder(p)) {
                    Snip::Inline(v) => v,
                    Snip::Block(_) => tabs.stop(""),
                },
                None => tabs.stop(""),
            };
            if c.flow {
                format!("{name}: {{ {key}: {value} }}")
            } else {
                format!("{name}:\n{}{key}: {value}", indent(2))
            }
        }
    }
}

/// Shifts the tab stop numbers of snippet parts by `by` (`$1` -> `$2`, `${1:x}` -> `${2:x}`).
fn renumber(parts: &[String], by: u32) -> Vec<String> {
    parts
        .iter()
        .map(|part| {
            let mut out = String::with_capacity(part.len());
            let mut chars = part.chars().peekable();
            while let Some(ch) = chars.next() {
                out.push(ch);
                if ch == '\\' {
                    if let Some(n) = chars.next() {
                        out.push(n);
                    }
                    continue;
                }
                if ch != '$' {
                    continue;
                }
                if chars.peek() == Some(&'{') {
                    out.push('{');
                    chars.next();
                }
                let mut digits = String::new();
                while let Some(d) = chars.peek().copied().filter(char::is_ascii_digit) {
                    digits.push(d);
                    chars.next();
                }
                match digits.parse::<u32>() {
                    Ok(n) => out.push_str(&(n + by).to_string()),
                    Err(_) => out.push_str(&digits),
                }
            }
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema;

    #[test]
    fn renumbering_shifts_every_stop() {
        assert_eq!(
            renumber(&["a: ${1:x}".into(), "b: $2".into(), "c: \\$3".into()], 1),
            vec!["a: ${2:x}", "b: $3", "c: \\$3"]
        );
    }

    #[test]
    fn call_params_stop_at_the_last_required_one() {
        let names: Vec<&str> = call_params(&schema::HTTP_API.methods[0])
            .iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(names, ["path", "methods", "integration"]);
    }
}
