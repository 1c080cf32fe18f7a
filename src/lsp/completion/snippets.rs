//! Key snippets: the value a key's shape calls for (a nested mapping, a choice of booleans or
//! enum members, a one-item list), numbered tab stops, and the indentation of block values.

use super::calls::method_snippet;
use crate::lsp::context::{CursorContext, KeyDef};
use crate::model::schema::{Kind, PropDef};

/// Escapes text for a snippet.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '$' | '}' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A value written after `key:`: on the same line, or as nested lines (relative to the
/// key's children's indentation).
pub(super) enum Snip {
    /// The value on the key's line.
    Inline(String),
    /// Lines nested under the key, without their indentation.
    Block(Vec<String>),
}

/// Numbers a snippet's tab stops.
pub(super) struct Tabs(
    /// The number of the last stop given.
    pub(super) u32,
);

impl Tabs {
    /// The next stop's number.
    fn next(&mut self) -> u32 {
        self.0 += 1;
        self.0
    }

    /// The next stop, with `placeholder` when not empty.
    pub(super) fn stop(&mut self, placeholder: &str) -> String {
        let n = self.next();
        if placeholder.is_empty() {
            format!("${n}")
        } else {
            format!("${{{n}:{}}}", esc(placeholder))
        }
    }

    /// The next stop, as a choice among `options`.
    fn choice(&mut self, options: &[&str]) -> String {
        let n = self.next();
        format!("${{{n}|{}|}}", options.join(","))
    }
}

/// The snippet of a value of `kind`; `placeholder` names what to type.
pub(super) fn kind_snippet(kind: &Kind, tabs: &mut Tabs, flow: bool, placeholder: &str) -> Snip {
    match kind {
        Kind::Bool => Snip::Inline(tabs.choice(&["true", "false"])),
        Kind::Enum(e) if !e.members.is_empty() => {
            let names: Vec<&str> = e.members.iter().map(|m| m.name).collect();
            Snip::Inline(tabs.choice(&names))
        }
        Kind::Enum(e) => match e.factories {
            [f] => Snip::Inline(format!("{{ {}: {} }}", f.name, tabs.stop(""))),
            factories => {
                let names: Vec<&str> = factories.iter().map(|f| f.name).collect();
                let key = tabs.choice(&names);
                Snip::Inline(format!("{{ {key}: {} }}", tabs.stop("")))
            }
        },
        Kind::List(inner) => match inner {
            Kind::Struct(_) if flow => Snip::Inline(format!("[{{ {} }}]", tabs.stop(""))),
            Kind::Struct(_) => Snip::Block(vec![format!("- {}", tabs.stop(""))]),
            Kind::Enum(e) if !e.members.is_empty() => {
                let names: Vec<&str> = e.members.iter().map(|m| m.name).collect();
                Snip::Inline(format!("[{}]", tabs.choice(&names)))
            }
            _ => Snip::Inline(format!("[{}]", tabs.stop(""))),
        },
        Kind::Map(_) | Kind::Struct(_) | Kind::ParameterMapping => {
            if flow {
                Snip::Inline(format!("{{ {} }}", tabs.stop("")))
            } else {
                Snip::Block(vec![tabs.stop("")])
            }
        }
        Kind::String
        | Kind::Number
        | Kind::Integer
        | Kind::Duration
        | Kind::Construct(_)
        | Kind::Object(_)
        | Kind::Metric
        | Kind::Json => Snip::Inline(tabs.stop(placeholder)),
    }
}

/// `key: value` or `key:` with nested lines, indented for a key at `column`.
fn with_key(name: &str, snip: Snip, column: usize) -> String {
    match snip {
        Snip::Inline(v) => format!("{name}: {v}"),
        Snip::Block(lines) => {
            let indent = " ".repeat(column + 2);
            let mut out = format!("{name}:");
            for line in lines {
                out.push('\n');
                out.push_str(&indent);
                out.push_str(&line);
            }
            out
        }
    }
}

/// What a snippet proposes to type for a parameter.
pub(super) fn placeholder(p: &PropDef) -> &'static str {
    match (p.name, &p.kind) {
        ("path", Kind::String) => "/path",
        (_, Kind::Construct(_) | Kind::Object(_)) => "",
        (name, _) => name,
    }
}

/// The text a key item inserts: the key and a snippet of its value.
pub(super) fn key_snippet(def: KeyDef, name: &str, c: &CursorContext<'_>) -> String {
    let mut tabs = Tabs(0);
    match def {
        KeyDef::Section(_) => {
            let nested = if c.flow {
                Snip::Inline(format!("{{ {} }}", tabs.stop("")))
            } else {
                Snip::Block(vec![tabs.stop("")])
            };
            with_key(name, nested, c.column)
        }
        KeyDef::DependsOn => format!("{name}: [{}]", tabs.stop("")),
        KeyDef::Type { .. } | KeyDef::Id => format!("{name}: {}", tabs.stop("")),
        KeyDef::Import(i) => with_key(name, kind_snippet(&i.arg, &mut tabs, c.flow, ""), c.column),
        KeyDef::Factory(f) => with_key(name, kind_snippet(&f.arg, &mut tabs, c.flow, ""), c.column),
        KeyDef::Prop(p) => with_key(name, kind_snippet(&p.kind, &mut tabs, c.flow, ""), c.column),
        KeyDef::Method(m) => method_snippet(m, c),
        _ => format!("{}: {}", esc(name), tabs.stop("")),
    }
}
