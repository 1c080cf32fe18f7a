//! Go to definition, find references and rename for the ids of a definition file.
//!
//! The symbols are construct paths (entries under `constructs:` and the children CDK creates
//! for them: an `addStage` key `beta` of `Api` declares `Api/beta`, `Api/DefaultStage` is the
//! API's default stage) and integration ids (keys under `integrations:`). A symbol is named by
//! entry keys, by reference values the model resolved (`handler: BooksFn`, `httpApi: Api`,
//! `dependsOn` items, `integration: GetBooks`), and by the heads of `${Head.attr}` expressions.
//! A path names every prefix that is itself a symbol: the key `Api/beta` names `Api` (its first
//! component) and `Api/beta` (its last), so renaming `Api` rewrites the `Api` part of
//! `Api/beta` keys and `${Api/beta.url}` heads too.
//!
//! Each occurrence is located in the decoded text of its YAML scalar; it maps back to the
//! source when the scalar is written without escapes (plain, or quoted without escapes).
//! Rename edits only the name when the result stays valid YAML in the scalar's style, and
//! rewrites the whole scalar as a quoted string when it must (a name with `: ` in a plain
//! key, a `"` in a double-quoted one, a `,` inside a flow collection...).

use crate::hash::{HashMap, HashSet};
use std::ops::Range as Offsets;

use tower_lsp_server::ls_types::{Range, TextEdit};

use super::analysis::Analysis;
use super::convert::to_range;
use crate::model::expr::{SourceMap, parse_text};
use crate::model::resolve::{BUILTIN_HEADS, is_builtin};
use crate::model::{Model, Value, ValueKind};
use crate::syntax::{Node, NodeValue, Span};

/// The definition of the id under `offset`: the key of its entry (for a child CDK creates
/// with `addStage`, the `addStage` key; for `Api/DefaultStage`, the API's key).
pub fn definition(a: &Analysis, offset: usize) -> Option<Range> {
    let index = Index::new(a);
    let occurrence = index.at(offset)?;
    index
        .declaration(&occurrence.symbol)
        .map(|span| to_range(a, span))
}

/// Every place that names the id under `offset` (its declaration too when
/// `include_declaration`), in source order.
pub fn references(a: &Analysis, offset: usize, include_declaration: bool) -> Vec<Range> {
    let index = Index::new(a);
    let Some(symbol) = index.at(offset).map(|o| o.symbol.clone()) else {
        return Vec::new();
    };
    let mut spans: Vec<Span> = index
        .occurrences
        .iter()
        .filter(|o| o.symbol == symbol)
        .filter(|o| include_declaration || o.role == Role::Reference)
        .map(|o| index.source_span(o))
        .collect();
    spans.sort();
    spans.dedup();
    spans.into_iter().map(|s| to_range(a, s)).collect()
}

/// The range of the renameable id under `offset` (the last component of a path), or `None`
/// when there is none (or it is one CDK names, like `DefaultStage`).
pub fn prepare_rename(a: &Analysis, offset: usize) -> Option<Range> {
    let index = Index::new(a);
    let occurrence = index.at(offset)?;
    if !index.renameable(&occurrence.symbol) {
        return None;
    }
    let span = index.exact_source_span(occurrence)?;
    Some(to_range(a, span))
}

/// The edits that rename the id under `offset` to `new_name` everywhere it is named, or why
/// it cannot be renamed. For a path, `new_name` replaces its last component.
pub fn rename(a: &Analysis, offset: usize, new_name: &str) -> Result<Vec<TextEdit>, String> {
    let index = Index::new(a);
    let Some(occurrence) = index.at(offset) else {
        return Err("there is no construct or integration id here".into());
    };
    let symbol = occurrence.symbol.clone();
    if !index.renameable(&symbol) {
        return Err(format!(
            "`{}` is named by CDK and cannot be renamed",
            symbol.name()
        ));
    }
    validate_name(&symbol, new_name)?;
    let (parent, old) = match &symbol {
        Symbol::Construct(path) => match path.rsplit_once('/') {
            Some((parent, id)) => (format!("{parent}/"), id),
            None => (String::new(), path.as_str()),
        },
        Symbol::Integration(id) => (String::new(), id.as_str()),
    };
    if new_name == old {
        return Ok(Vec::new());
    }
    let renamed = format!("{parent}{new_name}");
    let taken = match &symbol {
        Symbol::Construct(_) => index.paths.contains_key(&renamed),
        Symbol::Integration(_) => index.integrations.contains(&renamed),
    };
    if taken {
        return Err(format!("`{renamed}` already exists"));
    }
    Ok(index.rename_edits(a, &symbol, new_name))
}

/// Checks a new name; the message says what is wrong.
fn validate_name(symbol: &Symbol, name: &str) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err("the new name is empty".into());
    }
    if name.trim() != name {
        return Err("the new name must not start or end with whitespace".into());
    }
    if name.chars().any(char::is_control) {
        return Err("the new name must not contain line breaks or control characters".into());
    }
    if let Symbol::Construct(_) = symbol {
        if name.contains('/') {
            return Err(
                "a construct id cannot contain `/` (it separates the components of a path)".into(),
            );
        }
        if let Some(c) = name.chars().find(|c| "{}()".contains(*c)) {
            return Err(format!(
                "a construct id with `{c}` cannot be named in `${{...}}` expressions"
            ));
        }
    }
    Ok(())
}

/// What an occurrence names.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Symbol {
    /// A construct path.
    Construct(String),
    /// An id under `integrations:`.
    Integration(String),
}

impl Symbol {
    fn name(&self) -> &str {
        match self {
            Symbol::Construct(s) | Symbol::Integration(s) => s,
        }
    }
}

/// Whether an occurrence declares its symbol or refers to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Declaration,
    Reference,
}

/// One place that names a symbol.
#[derive(Clone, Debug)]
struct Occurrence {
    symbol: Symbol,
    role: Role,
    /// The scalar holding the name.
    scalar: Span,
    /// Where the name (the last component of the symbol's path) is in the scalar's decoded text.
    name: Offsets<usize>,
}

/// How a scalar is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    Plain,
    Single,
    Double,
    Block,
}

/// A scalar of the YAML tree, as navigation needs it.
#[derive(Clone, Debug)]
struct ScalarInfo {
    /// The decoded text.
    text: String,
    style: Style,
    /// Inside a flow collection (`[...]`, `{...}`), where `,[]{}` end a plain scalar.
    in_flow: bool,
    /// Written as an alias (`*name`): the text is elsewhere.
    alias: bool,
    /// Source offset of decoded offset 0, when the decoded text is the source byte for byte.
    base: Option<usize>,
}

/// Every occurrence of every symbol of one analysis.
struct Index {
    occurrences: Vec<Occurrence>,
    scalars: HashMap<Span, ScalarInfo>,
    /// Every construct path (entries and the children CDK creates).
    paths: HashMap<String, &'static crate::model::schema::TypeDef>,
    /// Paths that an entry or an `addStage` key declares.
    declared: HashSet<String>,
    /// Ids under `integrations:`.
    integrations: HashSet<String>,
}

impl Index {
    fn new(a: &Analysis) -> Index {
        let mut scalars = HashMap::default();
        if let Some(root) = a.root() {
            collect_scalars(a, root, false, &mut scalars);
        }
        let mut index = Index {
            occurrences: Vec::new(),
            scalars,
            paths: HashMap::default(),
            declared: HashSet::default(),
            integrations: HashSet::default(),
        };
        index.collect(a);
        index
    }

    /// Finds the symbols and their occurrences.
    fn collect(&mut self, a: &Analysis) {
        let model = &a.checked.model;
        // Every path resolve collected: entries and the children CDK creates.
        self.paths = model.known_paths.clone();
        for c in &model.constructs {
            let path = &c.path.value;
            if c.ty.is_some() {
                self.declared.insert(path.clone());
            }
            for call in &c.calls {
                if let (Some(_), Some(key)) = (call.method.creates, &call.key) {
                    self.declared.insert(format!("{path}/{}", key.value));
                }
            }
        }
        let declared_integrations: Vec<(String, Span)> = integration_keys(a)
            .into_iter()
            .filter(|(_, span)| model.objects.iter().any(|o| o.id.span == *span))
            .collect();
        self.integrations = declared_integrations
            .iter()
            .map(|(id, _)| id.clone())
            .collect();

        for c in &model.constructs {
            let role = if c.ty.is_some() {
                Some(Role::Declaration)
            } else if self.paths.contains_key(&c.path.value) {
                Some(Role::Reference)
            } else {
                None
            };
            self.path_occurrences(&c.path.value, 0, c.path.span, role);
            for call in &c.calls {
                if let (Some(_), Some(key)) = (call.method.creates, &call.key) {
                    let symbol = Symbol::Construct(format!("{}/{}", c.path.value, key.value));
                    self.push(symbol, Role::Declaration, key.span, 0..key.value.len());
                }
            }
            for dep in &c.depends_on {
                self.path_occurrences(&dep.value, 0, dep.span, Some(Role::Reference));
            }
        }
        for (id, span) in declared_integrations {
            let len = id.len();
            self.push(Symbol::Integration(id), Role::Declaration, span, 0..len);
        }
        for value in values(model) {
            self.value_occurrences(model, value);
        }
        self.occurrences
            .sort_by_key(|o| (o.scalar.start, o.name.start, o.name.end));
        self.occurrences
            .dedup_by(|x, y| x.scalar == y.scalar && x.name == y.name && x.symbol == y.symbol);
    }

    /// Adds an occurrence if its scalar is one of the tree's (and not an alias).
    fn push(&mut self, symbol: Symbol, role: Role, scalar: Span, name: Offsets<usize>) {
        let Some(info) = self.scalars.get(&scalar) else {
            return;
        };
        if info.alias || info.text.get(name.clone()).is_none() {
            return;
        }
        self.occurrences.push(Occurrence {
            symbol,
            role,
            scalar,
            name,
        });
    }

    /// The occurrences of a path written at decoded offset `at` of a scalar: every prefix that
    /// is a construct path, and the whole path with `role` (when given).
    fn path_occurrences(&mut self, path: &str, at: usize, scalar: Span, role: Option<Role>) {
        let mut component = 0;
        for (i, c) in path.char_indices() {
            if c != '/' {
                continue;
            }
            let prefix = path.get(..i).unwrap_or("");
            if self.paths.contains_key(prefix) {
                let symbol = Symbol::Construct(prefix.to_string());
                self.push(symbol, Role::Reference, scalar, at + component..at + i);
            }
            component = i + 1;
        }
        if let Some(role) = role {
            let symbol = Symbol::Construct(path.to_string());
            self.push(symbol, role, scalar, at + component..at + path.len());
        }
    }

    /// The references a model value holds: construct paths, integration ids, expression heads.
    fn value_occurrences(&mut self, model: &Model, value: &Value) {
        match &value.kind {
            ValueKind::Construct(path) => {
                self.path_occurrences(path, 0, value.span, Some(Role::Reference));
            }
            ValueKind::MathExpression(props) => {
                for prop in &props.items {
                    self.value_occurrences(model, &prop.value);
                }
            }
            ValueKind::Metric(metric) => {
                let path = &metric.target.value;
                self.path_occurrences(path, 0, metric.call, Some(Role::Reference));
                for prop in &metric.options.items {
                    self.value_occurrences(model, &prop.value);
                }
            }
            ValueKind::Object(i) => {
                let Some(object) = model.objects.get(*i) else {
                    return;
                };
                let id = &object.id.value;
                let is_id = self
                    .scalars
                    .get(&value.span)
                    .is_some_and(|s| !s.alias && s.text == *id);
                if is_id && self.integrations.contains(id) {
                    let symbol = Symbol::Integration(id.clone());
                    self.push(symbol, Role::Reference, value.span, 0..id.len());
                }
            }
            ValueKind::Text(_) => {
                let Some(info) = self.scalars.get(&value.span) else {
                    return;
                };
                if info.alias {
                    return;
                }
                let decoded = info.text.clone();
                let map = SourceMap {
                    base: Some(0),
                    whole: Span::new(0, decoded.len()),
                };
                let paths = &self.paths;
                let authorizer = |h: &str| model.authorizer_named(h).is_some();
                let is_head =
                    |h: &str| paths.contains_key(h) || authorizer(h) || BUILTIN_HEADS.contains(&h);
                let (text, _) = parse_text(&decoded, map, &is_head);
                let heads: Vec<(String, usize)> = text
                    .exprs()
                    .filter(|e| !is_builtin(e))
                    .map(|e| (e.head.value.clone(), e.head.span.start))
                    .collect();
                for (head, at) in heads {
                    if self.paths.contains_key(&head) {
                        self.path_occurrences(&head, at, value.span, Some(Role::Reference));
                    } else if authorizer(&head) && self.integrations.contains(&head) {
                        // `${Auth.authorizerId}` names the authorizer `Auth`.
                        let name = at..at + head.len();
                        self.push(Symbol::Integration(head), Role::Reference, value.span, name);
                    }
                }
            }
            _ => {}
        }
    }

    /// The occurrence whose name is at `offset` (the innermost when several are).
    fn at(&self, offset: usize) -> Option<&Occurrence> {
        self.occurrences
            .iter()
            .filter_map(|o| Some((o, self.exact_source_span(o)?)))
            .filter(|(_, span)| span.contains(offset))
            .min_by_key(|(_, span)| span.end.saturating_sub(span.start))
            .map(|(o, _)| o)
    }

    /// Where an occurrence's name is in the source, when the scalar maps byte for byte.
    fn exact_source_span(&self, o: &Occurrence) -> Option<Span> {
        let base = self.scalars.get(&o.scalar)?.base?;
        Some(Span::new(base + o.name.start, base + o.name.end))
    }

    /// Where an occurrence is in the source: its name, or its whole scalar.
    fn source_span(&self, o: &Occurrence) -> Span {
        self.exact_source_span(o).unwrap_or(o.scalar)
    }

    /// The key that declares a symbol.
    fn declaration(&self, symbol: &Symbol) -> Option<Span> {
        let declared = self
            .occurrences
            .iter()
            .find(|o| o.symbol == *symbol && o.role == Role::Declaration)
            .map(|o| o.scalar);
        if declared.is_some() {
            return declared;
        }
        let Symbol::Construct(path) = symbol else {
            return None;
        };
        let api = path.strip_suffix("/DefaultStage")?;
        self.declaration(&Symbol::Construct(api.to_string()))
    }

    /// Whether a symbol can be renamed: it is declared by a key of the file.
    fn renameable(&self, symbol: &Symbol) -> bool {
        match symbol {
            Symbol::Construct(path) => self.declared.contains(path),
            Symbol::Integration(id) => self.integrations.contains(id),
        }
    }

    /// The edits renaming every occurrence of `symbol`, scalar by scalar.
    fn rename_edits(&self, a: &Analysis, symbol: &Symbol, new_name: &str) -> Vec<TextEdit> {
        let mut by_scalar: Vec<(Span, Vec<Offsets<usize>>)> = Vec::new();
        for o in self.occurrences.iter().filter(|o| o.symbol == *symbol) {
            match by_scalar.iter_mut().find(|(s, _)| *s == o.scalar) {
                Some((_, names)) => names.push(o.name.clone()),
                None => by_scalar.push((o.scalar, vec![o.name.clone()])),
            }
        }
        let mut edits = Vec::new();
        for (scalar, mut names) in by_scalar {
            let Some(info) = self.scalars.get(&scalar) else {
                continue;
            };
            names.sort_by_key(|n| n.start);
            names.dedup();
            let mut renamed = String::new();
            let mut last = 0;
            for name in &names {
                renamed.push_str(info.text.get(last..name.start).unwrap_or(""));
                renamed.push_str(new_name);
                last = name.end;
            }
            renamed.push_str(info.text.get(last..).unwrap_or(""));
            match (info.base, minimal_edit_ok(info, &renamed, new_name)) {
                (Some(base), true) => {
                    for name in names {
                        let span = Span::new(base + name.start, base + name.end);
                        edits.push(TextEdit::new(to_range(a, span), new_name.to_string()));
                    }
                }
                _ => edits.push(TextEdit::new(to_range(a, scalar), requote(info, &renamed))),
            }
        }
        edits.sort_by_key(|e| (e.range.start.line, e.range.start.character));
        edits
    }
}

/// The keys under `integrations:`, with their spans.
/// The keys under `integrations:` and `authorizers:`: the ids of objects without a scope.
fn integration_keys(a: &Analysis) -> Vec<(String, Span)> {
    ["integrations", "authorizers"]
        .iter()
        .filter_map(|name| a.root()?.get(name)?.as_map())
        .flatten()
        .filter_map(|e| Some((e.key.as_str()?.to_string(), e.key.span)))
        .collect()
}

/// Every value of the model, nested values included.
fn values(model: &Model) -> Vec<&Value> {
    let mut stack: Vec<&Value> = Vec::new();
    for c in &model.constructs {
        stack.extend(c.props.items.iter().map(|p| &p.value));
        stack.extend(c.import.iter().map(|i| &i.value));
        for call in &c.calls {
            stack.extend(call.args.items.iter().map(|p| &p.value));
        }
    }
    for o in &model.objects {
        stack.extend(o.props.items.iter().map(|p| &p.value));
    }
    for o in &model.outputs {
        stack.push(&o.value);
        stack.extend(o.description.iter());
        stack.extend(o.export_name.iter());
    }
    let mut out = Vec::new();
    while let Some(value) = stack.pop() {
        out.push(value);
        match &value.kind {
            ValueKind::Factory(_, arg) => stack.push(arg),
            ValueKind::List(items) => stack.extend(items.iter()),
            ValueKind::Map(entries) => stack.extend(entries.iter().map(|(_, v)| v)),
            ValueKind::Struct(props) => stack.extend(props.items.iter().map(|p| &p.value)),
            _ => {}
        }
    }
    out
}

/// Records every scalar of the tree (keys and values) by its span.
fn collect_scalars(a: &Analysis, node: &Node, in_flow: bool, out: &mut HashMap<Span, ScalarInfo>) {
    let source = a.slice(node.span);
    match &node.value {
        NodeValue::Scalar(s) => {
            let style = if s.plain {
                Style::Plain
            } else if source.starts_with('\'') {
                Style::Single
            } else if source.starts_with('"') {
                Style::Double
            } else {
                Style::Block
            };
            let base = match style {
                _ if node.is_alias() => None,
                Style::Plain if source == &*s.text => Some(node.span.start),
                Style::Single | Style::Double
                    if source.len() >= 2 && source.get(1..source.len() - 1) == Some(&s.text) =>
                {
                    Some(node.span.start + 1)
                }
                _ => None,
            };
            out.insert(
                node.span,
                ScalarInfo {
                    text: s.text.to_string(),
                    style,
                    in_flow,
                    alias: node.is_alias(),
                    base,
                },
            );
        }
        _ if node.is_alias() => {}
        NodeValue::Map(entries) => {
            let flow = in_flow || source.starts_with('{');
            for entry in entries {
                collect_scalars(a, &entry.key, flow, out);
                collect_scalars(a, &entry.value, flow, out);
            }
        }
        NodeValue::Seq(items) => {
            let flow = in_flow || source.starts_with('[');
            for item in items {
                collect_scalars(a, item, flow, out);
            }
        }
        NodeValue::Null => {}
    }
}

/// Whether replacing only the names keeps the scalar valid in its style and context.
fn minimal_edit_ok(info: &ScalarInfo, renamed: &str, new_name: &str) -> bool {
    match info.style {
        Style::Plain => {
            let safe = new_name
                .chars()
                .all(|c| c.is_alphanumeric() || "_.-".contains(c))
                && !new_name.starts_with('-');
            safe || plain_ok(renamed, info.in_flow)
        }
        Style::Single => !new_name.contains('\''),
        Style::Double => !new_name.contains(['"', '\\']),
        Style::Block => false,
    }
}

/// Whether `s` can be written as a plain scalar (a key or a value) and read back as itself.
pub(super) fn plain_ok(s: &str, in_flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s.trim() != s || s.chars().any(char::is_control) {
        return false;
    }
    if "?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if first == '-' && s.chars().nth(1).is_none_or(|c| c == ' ') {
        return false;
    }
    if s.contains(": ") || s.ends_with(':') || s.contains(" #") {
        return false;
    }
    !(in_flow && s.contains([',', '[', ']', '{', '}']))
}

/// The scalar `text` written in a form that reads back as it: single-quoted when the scalar
/// was, double-quoted otherwise (plain when the text allows it and the scalar was plain).
fn requote(info: &ScalarInfo, text: &str) -> String {
    if info.style == Style::Plain && plain_ok(text, info.in_flow) {
        return text.to_string();
    }
    if info.style == Style::Single && !text.chars().any(char::is_control) {
        return format!("'{}'", text.replace('\'', "''"));
    }
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_scalars() {
        assert!(plain_ok("Books Api", false));
        assert!(plain_ok("my.api-2", true));
        assert!(!plain_ok("a: b", false));
        assert!(!plain_ok("a,b", true));
        assert!(plain_ok("a,b", false));
        assert!(!plain_ok("#a", false));
        assert!(!plain_ok("", false));
        assert!(!plain_ok("- a", false));
    }

    #[test]
    fn requoting_keeps_the_style() {
        let info = |style| ScalarInfo {
            text: String::new(),
            style,
            in_flow: false,
            alias: false,
            base: None,
        };
        assert_eq!(requote(&info(Style::Plain), "a: b"), "\"a: b\"");
        assert_eq!(requote(&info(Style::Single), "it's"), "'it''s'");
        assert_eq!(
            requote(&info(Style::Double), "say \"hi\""),
            "\"say \\\"hi\\\"\""
        );
        assert_eq!(requote(&info(Style::Block), "x\ny"), "\"x\\ny\"");
    }
}
