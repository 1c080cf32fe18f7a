//! Key items: the keys valid at the cursor and not written yet, each with its doc and a
//! snippet of its value unless the `:` is typed already; parameter mapping keys.

use tower_lsp_server::ls_types::CompletionItemKind;

use super::builder::{Builder, New};
use super::snippets::key_snippet;
use crate::lsp::context::{CursorContext, KeyDef, Place};
use crate::lsp::hover::{key_detail, key_markdown, owner_name};
use crate::model::schema::Kind;

/// Parameter mapping keys: an action and a location.
const MAPPING_KEYS: &[(&str, &str)] = &[
    ("append:header.", "Appends a header sent to the backend."),
    (
        "overwrite:header.",
        "Replaces a header sent to the backend.",
    ),
    (
        "remove:header.",
        "Removes a header before the request reaches the backend.",
    ),
    (
        "append:querystring.",
        "Appends a query string parameter sent to the backend.",
    ),
    (
        "overwrite:querystring.",
        "Replaces a query string parameter sent to the backend.",
    ),
    ("remove:querystring.", "Removes a query string parameter."),
    ("overwrite:path", "Replaces the path sent to the backend."),
];

/// The keys valid at the cursor and not written yet (parameter mapping keys in a mapping).
pub(super) fn key_items(b: &mut Builder<'_>, c: &CursorContext<'_>) {
    let place = c.key_place();
    if let Place::Value {
        kind: Kind::ParameterMapping,
        ..
    } = place
    {
        for (key, doc) in MAPPING_KEYS {
            b.push(New {
                label: (*key).to_string(),
                kind: CompletionItemKind::PROPERTY,
                detail: "parameter mapping key".into(),
                doc: (*doc).to_string(),
                insert: (*key).to_string(),
                snippet: false,
                range: c.word,
                filter: None,
            });
        }
        return;
    }
    if let Place::Constructs = place {
        call_entry_items(b, c);
    }
    let existing = c.existing_keys();
    let typed_key_follows = colon_follows(b, c);
    let owner = owner_name(place, &c.path);
    let mut keys = place.keys();
    keys.sort_by_key(|k| match k {
        KeyDef::Type { .. } | KeyDef::Id => 0,
        KeyDef::Prop(p) if p.required => 1,
        _ => 2,
    });
    for def in keys {
        let Some(name) = def.name() else { continue };
        if existing.contains(&name) {
            continue;
        }
        let (insert, snippet) = if typed_key_follows {
            (name.to_string(), false)
        } else {
            (key_snippet(def, name, c), true)
        };
        b.push(New {
            label: name.to_string(),
            kind: key_kind(def),
            detail: key_detail(def),
            doc: key_markdown(def, owner.as_deref()),
            insert,
            snippet,
            range: c.word,
            filter: None,
        });
    }
}

/// Call entries, once a construct path and a `.` are typed under `constructs:`: one item per
/// method of the construct's type (`Api.` offers `Api.addRoutes`, `Api.addStage`).
fn call_entry_items(b: &mut Builder<'_>, c: &CursorContext<'_>) {
    let typed = b.a.text.get(c.word.start..c.word.end).unwrap_or("");
    let Some((target, _)) = typed.rsplit_once('.') else {
        return;
    };
    let Some(ty) = c.known.path_type(target) else {
        return;
    };
    let colon_follows = colon_follows(b, c);
    for method in ty.methods {
        let label = format!("{target}.{}", method.name);
        b.push(New {
            insert: if colon_follows {
                label.clone()
            } else {
                format!("{label}: ")
            },
            label,
            kind: CompletionItemKind::METHOD,
            detail: format!("call entry · {} of `{target}`", method.name),
            doc: format!(
                "**{}** of `{target}` ({}), called at this place in code order.\n\n{}",
                method.name, ty.name, method.doc
            ),
            snippet: false,
            range: c.word,
            filter: None,
        });
    }
}

/// Whether the key at the cursor is already followed by its `:`.
fn colon_follows(b: &Builder<'_>, c: &CursorContext<'_>) -> bool {
    b.a.text
        .get(c.word.end..)
        .is_some_and(|t| t.trim_start_matches([' ', '\t']).starts_with(':'))
}

/// The icon of a key.
fn key_kind(def: KeyDef) -> CompletionItemKind {
    match def {
        KeyDef::Section(_) => CompletionItemKind::MODULE,
        KeyDef::Type { .. } | KeyDef::DependsOn => CompletionItemKind::KEYWORD,
        KeyDef::Method(_) => CompletionItemKind::METHOD,
        KeyDef::Import(_) | KeyDef::Factory(_) => CompletionItemKind::CONSTRUCTOR,
        _ => CompletionItemKind::PROPERTY,
    }
}
