//! Document symbols: the outline of a definition file.
//!
//! The top-level sections; under `constructs:` each entry (a class for APIs, a function for
//! Lambda functions, an object for stages, a namespace for `Construct` groups) with its type
//! as detail, and under an API its routes (`GET /books`, one per method) and the stages its
//! `addStage` calls create. The default stage is implicit and has no symbol. An entry whose
//! path is `Parent/Id` appears under the entry `Parent` when there is one. Under
//! `integrations:` each integration, under `outputs:` each output.
//!
//! The outline is read from the YAML tree, with the schema telling methods and types apart,
//! so that it stays useful while the file has errors.

use tower_lsp_server::ls_types::{DocumentSymbol, SymbolKind};

use super::analysis::Analysis;
use super::convert::to_range;
use crate::model::resolve::paths::{call_entry, construct_paths, keyed_calls};
use crate::model::schema::{self, CallShape, TypeDef};
use crate::syntax::{Entry, Node, NodeValue, Span};

/// The longest output value shown as an output's detail, in chars.
const DETAIL_CHARS: usize = 60;

/// WebSocket route props and the route keys they create.
const ROUTE_PROPS: &[(&str, &str)] = &[
    ("connectRouteOptions", "$connect"),
    ("disconnectRouteOptions", "$disconnect"),
    ("defaultRouteOptions", "$default"),
];

/// The document's symbols, nested.
pub fn document_symbols(a: &Analysis) -> Vec<DocumentSymbol> {
    let Some(sections) = a.root().and_then(Node::as_map) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for section in sections {
        let Some(name) = section.key.as_str() else {
            continue;
        };
        let (kind, children) = match name {
            "stack" => (SymbolKind::MODULE, Vec::new()),
            "constructs" => (SymbolKind::NAMESPACE, constructs(a, &section.value)),
            "integrations" => (SymbolKind::NAMESPACE, integrations(a, &section.value)),
            "outputs" => (SymbolKind::NAMESPACE, outputs(a, &section.value)),
            _ => (SymbolKind::KEY, Vec::new()),
        };
        let mut symbol = symbol(
            a,
            name.to_string(),
            None,
            kind,
            section.span(),
            section.key.span,
        );
        symbol.children = (!children.is_empty()).then_some(children);
        out.push(symbol);
    }
    out
}

/// A symbol; the selection is clamped into the range.
fn symbol(
    a: &Analysis,
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: Span,
    selection: Span,
) -> DocumentSymbol {
    let selection = if range.start <= selection.start && selection.end <= range.end {
        selection
    } else {
        Span::new(range.start, range.start)
    };
    #[allow(deprecated)]
    DocumentSymbol {
        name: if name.is_empty() { "\"\"".into() } else { name },
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: to_range(a, range),
        selection_range: to_range(a, selection),
        children: None,
    }
}

/// The value of the key `name` of a mapping, as text.
fn field<'n>(map: &'n Node, name: &str) -> Option<&'n str> {
    map.get(name).and_then(Node::as_str)
}

/// One entry under `constructs:`, before nesting.
struct Item {
    path: String,
    symbol: DocumentSymbol,
}

fn constructs(a: &Analysis, section: &Node) -> Vec<DocumentSymbol> {
    let entries = section.as_map().unwrap_or(&[]);
    let paths = construct_paths(entries);
    let type_of = |p: &str| paths.types.get(p).copied();
    let mut items: Vec<Item> = Vec::new();
    for entry in entries {
        let Some(path) = entry.key.as_str() else {
            continue;
        };
        if let Some((target, method)) = call_entry(path, type_of) {
            let mut out = Vec::new();
            if let Some(ty) = type_of(&target) {
                member(a, ty, method.name, entry, &mut out);
            }
            let mut s = symbol(
                a,
                path.to_string(),
                Some(format!("{} of {target}", method.name)),
                SymbolKind::METHOD,
                entry.span(),
                entry.key.span,
            );
            let children: Vec<DocumentSymbol> = out.into_iter().map(|(_, s)| s).collect();
            s.children = (!children.is_empty()).then_some(children);
            // Shown under the construct it calls on.
            items.push(Item {
                path: format!("{target}/{path}"),
                symbol: s,
            });
            continue;
        }
        let written = field(&entry.value, "type");
        let ty = match written {
            Some(name) => schema::find_type(name),
            None => type_of(path),
        };
        let detail = written
            .map(str::to_string)
            .or_else(|| ty.map(|t| t.name.to_string()));
        let kind = match ty.map(|t| t.name) {
            Some("HttpApi" | "WebSocketApi") => SymbolKind::CLASS,
            Some("Function") => SymbolKind::FUNCTION,
            Some("Construct") => SymbolKind::NAMESPACE,
            _ => SymbolKind::OBJECT,
        };
        let range = entry.span();
        let mut s = symbol(a, path.to_string(), detail, kind, range, entry.key.span);
        let members = ty.map(|t| members(a, t, &entry.value)).unwrap_or_default();
        let members: Vec<DocumentSymbol> = members
            .into_iter()
            .filter(|m| inside(a, m, range))
            .collect();
        s.children = (!members.is_empty()).then_some(members);
        items.push(Item {
            path: path.to_string(),
            symbol: s,
        });
    }
    nest(items)
}

/// Whether a child symbol lies inside its parent's span (children of an alias lie elsewhere).
fn inside(a: &Analysis, child: &DocumentSymbol, parent: Span) -> bool {
    let r = to_range(a, parent);
    r.start <= child.range.start && child.range.end <= r.end
}

/// Routes and stages of an entry, in source order.
fn members(a: &Analysis, ty: &'static TypeDef, value: &Node) -> Vec<DocumentSymbol> {
    let mut out: Vec<(usize, DocumentSymbol)> = Vec::new();
    for entry in value.as_map().unwrap_or(&[]) {
        if let Some(key) = entry.key.as_str() {
            member(a, ty, key, entry, &mut out);
        }
    }
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, s)| s).collect()
}

/// The routes and stages one key of an entry creates (`key` is the method of a call entry).
fn member(
    a: &Analysis,
    ty: &'static TypeDef,
    key: &str,
    entry: &Entry,
    out: &mut Vec<(usize, DocumentSymbol)>,
) {
    if let Some((_, route)) = ROUTE_PROPS.iter().find(|(p, _)| *p == key)
        && ty.prop(key).is_some()
    {
        let s = symbol(
            a,
            route.to_string(),
            None,
            SymbolKind::METHOD,
            entry.span(),
            entry.key.span,
        );
        out.push((entry.key.span.start, s));
        return;
    }
    let Some(method) = ty.method(key) else {
        return;
    };
    let is_route_list = method.shape == CallShape::List
        && method.params.iter().any(|p| p.name == "path")
        && method.params.iter().any(|p| p.name == "methods");
    if is_route_list {
        let items: Vec<&Node> = match &entry.value.value {
            NodeValue::Seq(items) => items.iter().collect(),
            NodeValue::Map(_) => vec![&entry.value],
            _ => Vec::new(),
        };
        for item in items {
            for s in routes(a, item) {
                out.push((item.span.start, s));
            }
        }
    } else if method.shape == CallShape::Keyed {
        let created = method.creates.and_then(schema::find_type);
        for call in keyed_calls(&entry.value) {
            let Some(id) = call.key.as_str() else {
                continue;
            };
            let (kind, detail) = match created {
                Some(t) => (SymbolKind::OBJECT, stage_detail(t, &call.value)),
                None => (SymbolKind::METHOD, None),
            };
            let s = symbol(a, id.to_string(), detail, kind, call.span(), call.key.span);
            out.push((call.key.span.start, s));
        }
    }
}

/// `HttpStage` and, when given, the stage's name.
fn stage_detail(ty: &TypeDef, options: &Node) -> Option<String> {
    match field(options, "stageName") {
        Some(name) => Some(format!("{} {name}", ty.name)),
        None => Some(ty.name.to_string()),
    }
}

/// The routes of one `addRoutes` item: one per method (`ANY` when none is given).
fn routes(a: &Analysis, item: &Node) -> Vec<DocumentSymbol> {
    let path_node = item.get("path");
    let path = path_node.and_then(Node::as_str).unwrap_or("?");
    let path_span = path_node.map_or(item.span, |n| n.span);
    let methods: Vec<(&str, Span)> = match item.get("methods") {
        Some(node) => match &node.value {
            NodeValue::Seq(items) => items
                .iter()
                .filter_map(|m| Some((m.as_str()?, m.span)))
                .collect(),
            NodeValue::Scalar(s) => vec![(&*s.text, node.span)],
            _ => Vec::new(),
        },
        None => vec![("ANY", path_span)],
    };
    methods
        .into_iter()
        .map(|(method, selection)| {
            symbol(
                a,
                format!("{method} {path}"),
                None,
                SymbolKind::METHOD,
                item.span,
                selection,
            )
        })
        .collect()
}

/// Puts each `Parent/Id` entry under the entry `Parent` (the longest prefix that is one).
fn nest(items: Vec<Item>) -> Vec<DocumentSymbol> {
    let parent_of: Vec<Option<usize>> = items
        .iter()
        .map(|item| {
            let mut prefix = item.path.as_str();
            while let Some((p, _)) = prefix.rsplit_once('/') {
                if let Some(i) = items.iter().position(|other| other.path == p) {
                    return Some(i);
                }
                prefix = p;
            }
            None
        })
        .collect();
    let depths: Vec<usize> = items.iter().map(|i| i.path.matches('/').count()).collect();
    let mut slots: Vec<Option<DocumentSymbol>> =
        items.into_iter().map(|i| Some(i.symbol)).collect();
    // Children have longer paths than their parents: attach the longest paths first.
    let mut order: Vec<usize> = (0..slots.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(depths.get(i).copied().unwrap_or(0)));
    for i in order {
        let Some(Some(parent)) = parent_of.get(i) else {
            continue;
        };
        let Some(child) = slots.get_mut(i).and_then(Option::take) else {
            continue;
        };
        if let Some(Some(p)) = slots.get_mut(*parent) {
            let children = p.children.get_or_insert_with(Vec::new);
            children.push(child);
            children.sort_by_key(|c| (c.range.start.line, c.range.start.character));
        }
    }
    slots.into_iter().flatten().collect()
}

fn integrations(a: &Analysis, section: &Node) -> Vec<DocumentSymbol> {
    section
        .as_map()
        .unwrap_or(&[])
        .iter()
        .filter_map(|entry| {
            let id = entry.key.as_str()?;
            let detail = field(&entry.value, "type").map(str::to_string);
            Some(symbol(
                a,
                id.to_string(),
                detail,
                SymbolKind::INTERFACE,
                entry.span(),
                entry.key.span,
            ))
        })
        .collect()
}

fn outputs(a: &Analysis, section: &Node) -> Vec<DocumentSymbol> {
    section
        .as_map()
        .unwrap_or(&[])
        .iter()
        .filter_map(|entry| {
            let id = entry.key.as_str()?;
            let value = entry.value.get("value").unwrap_or(&entry.value);
            let detail = value.as_str().map(|v| {
                let mut shown: String = v.chars().take(DETAIL_CHARS).collect();
                if v.chars().count() > DETAIL_CHARS {
                    shown.push('…');
                }
                shown
            });
            Some(symbol(
                a,
                id.to_string(),
                detail,
                SymbolKind::PROPERTY,
                entry.span(),
                entry.key.span,
            ))
        })
        .collect()
}
