//! YAML text edits: values to insert and the edits that insert keys into a block mapping
//! (on new lines at the indentation of its keys), a flow mapping (before its closing brace), an
//! empty value (an indented block) or a new top-level section, keeping the file valid YAML.

use super::context::Ctx;
use crate::lsp::navigation::plain_ok;
use crate::syntax::{Node, NodeValue, Span};

/// One edit: replace `span` with the text.
pub(super) type Edit = (Span, String);

/// A value to insert: a scalar or flow text, or a mapping rendered in the target's style.
#[derive(Clone, Debug)]
pub(super) enum Snip {
    /// A scalar or flow text, inserted as written.
    Raw(String),
    /// A mapping's keys and values.
    Map(Vec<(String, Snip)>),
}

impl Ctx<'_> {
    /// `s` as a YAML scalar: plain when it can be, double-quoted otherwise.
    pub(super) fn key_text(&self, s: &str, in_flow: bool) -> String {
        if plain_ok(s, in_flow) {
            return s.to_string();
        }
        let escaped: String = s
            .chars()
            .flat_map(|c| match c {
                '"' => vec!['\\', '"'],
                '\\' => vec!['\\', '\\'],
                c => vec![c],
            })
            .collect();
        format!("\"{escaped}\"")
    }

    // --- Insertion -----------------------------------------------------------------------

    /// The edit that adds `fields` to the mapping `node` (the value of `key`), in its style.
    pub(super) fn insert(
        &self,
        node: &Node,
        key: Option<&Node>,
        parent_flow: bool,
        fields: &[(String, Snip)],
    ) -> Option<Edit> {
        let flow_body = || {
            fields
                .iter()
                .map(|(k, v)| render_flow(&self.key_text(k, true), v))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match &node.value {
            NodeValue::Map(entries) if self.is_flow(node) => {
                let own: Vec<_> = entries
                    .iter()
                    .filter(|e| within(e.key.span, node.span))
                    .collect();
                match own
                    .iter()
                    .map(|e| e.key.span.end.max(e.value.span.end))
                    .max()
                {
                    Some(end) => Some((Span::new(end, end), format!(", {}", flow_body()))),
                    None => Some((node.span, format!("{{ {} }}", flow_body()))),
                }
            }
            NodeValue::Map(entries) => {
                let own: Vec<_> = entries
                    .iter()
                    .filter(|e| within(e.key.span, node.span))
                    .collect();
                let first = own.iter().map(|e| e.key.span.start).min()?;
                let last = own
                    .iter()
                    .map(|e| e.key.span.end.max(e.value.span.end))
                    .max()?;
                let indent = self.column(first);
                let at = self.line_end(self.back_off_whitespace(last));
                Some((Span::new(at, at), self.block_lines(fields, indent)))
            }
            NodeValue::Null if parent_flow => {
                let at = node.span.start;
                Some((Span::new(at, at), format!(" {{ {} }}", flow_body())))
            }
            NodeValue::Null => {
                let indent = self.column(key?.span.start) + self.step;
                let at = node.span.start;
                Some((Span::new(at, at), self.block_lines(fields, indent)))
            }
            _ => None,
        }
    }

    /// Each field on a new line at `indent`.
    fn block_lines(&self, fields: &[(String, Snip)], indent: usize) -> String {
        fields
            .iter()
            .map(|(k, v)| {
                format!(
                    "{}{}",
                    self.nl,
                    self.render_block(&self.key_text(k, false), v, indent)
                )
            })
            .collect()
    }

    fn render_block(&self, key: &str, snip: &Snip, indent: usize) -> String {
        let pad = " ".repeat(indent);
        match snip {
            Snip::Raw(v) => format!("{pad}{key}: {v}"),
            Snip::Map(fields) if fields.is_empty() => format!("{pad}{key}: {{}}"),
            Snip::Map(fields) => {
                let mut out = format!("{pad}{key}:");
                out.push_str(&self.block_lines(fields, indent + self.step));
                out
            }
        }
    }

    /// The offset after the last non-whitespace byte before `offset`.
    fn back_off_whitespace(&self, offset: usize) -> usize {
        let text = self.a.text.get(..offset).unwrap_or("");
        text.trim_end().len()
    }

    /// The end of the line holding `offset` (before its line break).
    fn line_end(&self, offset: usize) -> usize {
        let text = &self.a.text;
        match text.get(offset..).and_then(|t| t.find('\n')) {
            Some(i) => {
                let end = offset + i;
                if end > 0 && text.as_bytes().get(end - 1) == Some(&b'\r') {
                    end - 1
                } else {
                    end
                }
            }
            None => text.len(),
        }
    }

    /// The edit that adds the entry `key` to a top-level section, creating it when absent.
    pub(super) fn add_to_section(&self, section: &str, key: &str, entry: Snip) -> Option<Edit> {
        let fields = [(key.to_string(), entry)];
        let root = self.a.root();
        if let Some(s) = root
            .and_then(Node::as_map)
            .and_then(|m| m.iter().find(|e| e.key.as_str() == Some(section)))
        {
            return self.insert(&s.value, Some(&s.key), false, &fields);
        }
        if root.is_some_and(|r| !matches!(r.value, NodeValue::Map(_)) || self.is_flow(r)) {
            return None;
        }
        let text = &self.a.text;
        let end = text.len();
        let lead = if text.is_empty() || text.ends_with('\n') {
            ""
        } else {
            self.nl
        };
        let body = self.render_block(section, &Snip::Map(fields.to_vec()), 0);
        Some((Span::new(end, end), format!("{lead}{body}{}", self.nl)))
    }
}

/// Whether `inner` lies inside `outer`.
fn within(inner: Span, outer: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// `key: value` in flow style.
fn render_flow(key: &str, snip: &Snip) -> String {
    format!("{key}: {}", render_flow_value(snip))
}

/// A value in flow style.
pub(super) fn render_flow_value(snip: &Snip) -> String {
    match snip {
        Snip::Raw(v) => v.clone(),
        Snip::Map(fields) if fields.is_empty() => "{}".into(),
        Snip::Map(fields) => {
            let inner: Vec<String> = fields.iter().map(|(k, v)| render_flow(k, v)).collect();
            format!("{{ {} }}", inner.join(", "))
        }
    }
}
