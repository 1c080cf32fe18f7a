//! Value items: type names of the section, `true`/`false`, enum members and factories,
//! construct paths and integration ids of the accepted types, and inline integration
//! snippets.

use tower_lsp_server::ls_types::CompletionItemKind;

use super::builder::{Builder, New};
use super::snippets::{Snip, Tabs, kind_snippet, placeholder};
use super::variables::dollar_items;
use crate::lsp::context::{CursorContext, KeyDef, Place, Segment};
use crate::lsp::hover::{key_markdown, member_markdown, type_markdown};
use crate::model::schema::{self, Kind, TypeDef};

/// The values at the cursor: `$` variables, type names of the section, or values of the
/// expected kind.
pub(super) fn value_items(b: &mut Builder<'_>, c: &CursorContext<'_>) {
    if dollar_items(b, c) {
        return;
    }
    // Text before the word (`type: HttpApi |`): the value is written already.
    let written = c
        .value_start
        .and_then(|start| b.a.text.get(start..c.word.start))
        .is_some_and(|t| !t.trim().is_empty());
    if written {
        return;
    }
    let lead = if c.needs_space { " " } else { "" };
    match c.place {
        Place::TypeName { role, accepted } => {
            for t in schema::class_types()
                .filter(|t| t.role == role && (accepted.is_empty() || accepted.contains(&t.name)))
            {
                b.push(New {
                    label: t.name.to_string(),
                    kind: CompletionItemKind::CLASS,
                    detail: t.module.package().to_string(),
                    doc: type_markdown(t),
                    insert: format!("{lead}{}", t.name),
                    snippet: false,
                    range: c.word,
                    filter: None,
                });
            }
        }
        Place::Value { kind, .. } => kind_values(b, c, kind, false),
        Place::CallItem(m) => {
            if let Some(first) = m.bare_param() {
                kind_values(b, c, &first.kind, false);
            }
        }
        _ => {}
    }
}

/// Values of `kind`; `wrap` writes each as a one-item list (the cursor is where a list goes).
fn kind_values(b: &mut Builder<'_>, c: &CursorContext<'_>, kind: &Kind, wrap: bool) {
    let lead = if c.needs_space { " " } else { "" };
    let write = |v: &str| {
        if wrap {
            format!("{lead}[{v}]")
        } else {
            format!("{lead}{v}")
        }
    };
    let label = |v: &str| {
        if wrap {
            format!("[{v}]")
        } else {
            v.to_string()
        }
    };
    let filter = |v: &str| wrap.then(|| v.to_string());
    match kind {
        Kind::Bool => {
            let doc = match c.place {
                Place::Value { prop: Some(p), .. } => key_markdown(KeyDef::Prop(p), None),
                _ => String::new(),
            };
            for v in ["true", "false"] {
                b.push(New {
                    label: label(v),
                    kind: CompletionItemKind::VALUE,
                    detail: "boolean".into(),
                    doc: doc.clone(),
                    insert: write(v),
                    snippet: false,
                    range: c.word,
                    filter: filter(v),
                });
            }
        }
        Kind::Enum(e) => {
            for m in e.members {
                b.push(New {
                    label: label(m.name),
                    kind: CompletionItemKind::ENUM_MEMBER,
                    detail: format!("→ {}", m.value),
                    doc: member_markdown(e, m),
                    insert: write(m.name),
                    snippet: false,
                    range: c.word,
                    filter: filter(m.name),
                });
            }
            if !wrap {
                for f in e.factories {
                    let mut tabs = Tabs(0);
                    let arg = match kind_snippet(&f.arg, &mut tabs, true, "") {
                        Snip::Inline(v) => v,
                        Snip::Block(_) => tabs.stop(""),
                    };
                    let arg = if matches!(f.arg, Kind::String) {
                        format!("\"{arg}\"")
                    } else {
                        arg
                    };
                    b.push(New {
                        label: format!("{{ {}: … }}", f.name),
                        kind: CompletionItemKind::CONSTRUCTOR,
                        detail: format!("{}.{} · {}", e.name, f.name, f.arg.describe()),
                        doc: f.doc.to_string(),
                        insert: format!("{lead}{{ {}: {arg} }}", f.name),
                        snippet: true,
                        range: c.word,
                        filter: Some(f.name.to_string()),
                    });
                }
            }
        }
        Kind::Construct(types) => {
            let own = match c.path.as_slice() {
                [Segment::Key(section), Segment::Key(path), ..] if section == "constructs" => {
                    Some(path.as_str())
                }
                _ => None,
            };
            for p in &c.known.paths {
                if !types.is_empty() && !types.contains(&p.ty.name) {
                    continue;
                }
                // Not the entry itself, nor a child of it.
                if own.is_some_and(|o| {
                    p.path == o || p.path.strip_prefix(o).is_some_and(|r| r.starts_with('/'))
                }) {
                    continue;
                }
                let mut detail = p.ty.name.to_string();
                if p.created {
                    detail.push_str(" · created by CDK");
                }
                b.push(New {
                    label: label(&p.path),
                    kind: CompletionItemKind::REFERENCE,
                    detail,
                    doc: type_markdown(p.ty),
                    insert: write(&p.path),
                    snippet: false,
                    range: c.word,
                    filter: filter(&p.path),
                });
            }
        }
        Kind::Object(types) => {
            for i in &c.known.integrations {
                let Some(ty) = i.ty.filter(|t| types.contains(&t.name)) else {
                    continue;
                };
                b.push(New {
                    label: label(&i.id),
                    kind: CompletionItemKind::REFERENCE,
                    detail: ty.name.to_string(),
                    doc: type_markdown(ty),
                    insert: write(&i.id),
                    snippet: false,
                    range: c.word,
                    filter: filter(&i.id),
                });
            }
            // Imported constructs an object prop accepts (an `HttpAuthorizer`), by path.
            for p in c.known.paths.iter().filter(|p| types.contains(&p.ty.name)) {
                b.push(New {
                    label: label(&p.path),
                    kind: CompletionItemKind::REFERENCE,
                    detail: p.ty.name.to_string(),
                    doc: type_markdown(p.ty),
                    insert: write(&p.path),
                    snippet: false,
                    range: c.word,
                    filter: filter(&p.path),
                });
            }
            if !wrap {
                for name in types.iter() {
                    let Some(ty) = schema::find_type(name).filter(|t| t.role.is_object()) else {
                        continue;
                    };
                    let label = if ty.keyed {
                        format!("{{ type: {name}, id: … }}")
                    } else {
                        format!("{{ type: {name} }}")
                    };
                    b.push(New {
                        label,
                        kind: CompletionItemKind::SNIPPET,
                        detail: format!("inline {name}"),
                        doc: type_markdown(ty),
                        insert: format!("{lead}{}", inline_integration(ty)),
                        snippet: true,
                        range: c.word,
                        filter: Some(name.to_string()),
                    });
                }
            }
        }
        Kind::Metric if !wrap => {
            // `Path.metricX` for every API and stage of the file.
            for p in c.known.paths.iter().filter(|p| !p.ty.metrics.is_empty()) {
                for metric in p.ty.metrics {
                    let call = format!("{}.{}", p.path, metric.name);
                    b.push(New {
                        label: call.clone(),
                        kind: CompletionItemKind::METHOD,
                        detail: format!("{} metric", p.ty.name),
                        doc: metric.doc.to_string(),
                        insert: write(&call),
                        snippet: false,
                        range: c.word,
                        filter: None,
                    });
                }
            }
        }
        Kind::List(inner) if !wrap => kind_values(b, c, inner, true),
        _ => {}
    }
}

/// `{ type: X, id: Id, <required props> }` (no `id:` for a type CDK gives none).
fn inline_integration(ty: &TypeDef) -> String {
    let mut tabs = Tabs(0);
    let mut parts = vec![format!("type: {}", ty.name)];
    if ty.keyed {
        parts.push(format!("id: {}", tabs.stop(&format!("{}Id", ty.name))));
    }
    for p in ty.props.iter().filter(|p| p.required) {
        let value = match kind_snippet(&p.kind, &mut tabs, true, placeholder(p)) {
            Snip::Inline(v) => v,
            Snip::Block(_) => tabs.stop(""),
        };
        parts.push(format!("{}: {value}", p.name));
    }
    format!("{{ {} }}", parts.join(", "))
}
