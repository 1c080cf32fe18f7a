//! Code actions: quick fixes for diagnostics, and refactors that add common configuration.
//!
//! Quick fixes (for diagnostics that overlap the requested range):
//! - every diagnostic that carries a [`Fix`](crate::diagnostic::Fix) ("did you mean", "wrap in
//!   a list", "add a leading `/`") becomes an action that applies it;
//! - `missing required prop `x``: inserts `x:` with a placeholder suited to the prop's kind
//!   (an existing construct or integration of the right type when there is one) into the
//!   mapping that lacks it, in its style (block or flow);
//! - `unknown construct `X`` / `unknown integration `X``: appends an entry `X` of the type the
//!   reference expects, with its required props, to `constructs:` / `integrations:` (creating
//!   the section when the file has none). One action per type the reference accepts. Paths
//!   (`Parent/Id`) are not created: their parent decides what they are.
//!
//! A diagnostic with exactly one quick fix marks it preferred.
//!
//! Refactors, offered for the innermost entry (or `addStage` call) around the range, and driven
//! by the schema table so that they light up for every type that has what they add:
//! - "Add CORS preflight": when the entry's type has a `corsPreflight` prop and it is not set;
//! - "Add a stage": when the type has an `addStage` method: a new key under `addStage:` (the
//!   section is created if needed) with a free id, `stageName` and `autoDeploy: true`;
//! - "Add throttle settings": for a stage entry or an `addStage` call whose props include
//!   `throttle`, when it is not set;
//! - "Add access logging": for a stage entry or `addStage` call whose props include
//!   `accessLogSettings`, when it is not set. No stage type has that prop yet, so the action is
//!   never offered today; it appears as soon as the prop lands in the schema table, with the
//!   placeholder its kind gives (required fields, plus `destination` and `format` when known);
//! - "Convert to a rate-limited API key": for an entry of type `ApiKey` when the schema has both
//!   `ApiKey` and `RateLimitedApiKey` (not yet the case): rewrites the type, keeping its module
//!   qualifier, and adds `throttle` and the new type's required props.
//!
//! Every edit keeps the file valid YAML: insertions into a block mapping go on new lines at the
//! indentation of its keys, after the end of its last entry's line; insertions into a flow
//! mapping go before its closing brace; an empty value (`beta:`) gets an indented block.

use std::collections::HashMap;

use tower_lsp_server::ls_types::{CodeAction, CodeActionKind, TextEdit, Uri, WorkspaceEdit};

use super::analysis::Analysis;
use super::convert::{to_lsp_diagnostic, to_range};
use super::navigation::plain_ok;
use crate::diagnostic::Diagnostic;
use crate::model::schema::{
    self, CallShape, Kind, MethodDef, OUTPUT_PROPS, PropDef, Role, STACK_PROPS, TypeDef,
};
use crate::syntax::{Node, NodeValue, Span};

/// Code actions for the byte range `range`: quick fixes of the diagnostics it overlaps, then
/// the refactors available there.
pub fn code_actions(a: &Analysis, uri: &Uri, range: Span) -> Vec<CodeAction> {
    actions_with(a, uri, range, schema::find_type)
}

/// [`code_actions`] with the schema's type lookup given (tests use types the schema lacks).
fn actions_with(
    a: &Analysis,
    uri: &Uri,
    range: Span,
    find_type: fn(&str) -> Option<&'static TypeDef>,
) -> Vec<CodeAction> {
    let ctx = Ctx::new(a, find_type);
    let mut out = Vec::new();
    for d in &a.checked.diagnostics {
        if d.span.start <= range.end && range.start <= d.span.end {
            out.extend(quick_fixes(&ctx, uri, d));
        }
    }
    out.extend(refactors(&ctx, uri, range));
    out
}

/// One edit: replace `span` with the text.
type Edit = (Span, String);

/// A value to insert: a scalar or flow text, or a mapping rendered in the target's style.
#[derive(Clone, Debug)]
enum Snip {
    Raw(String),
    Map(Vec<(String, Snip)>),
}

/// A mapping the schema gives props to: an entry, a call's options, a struct, an output.
struct Scope<'a> {
    /// The mapping (or the empty value of a key with nothing after it).
    node: &'a Node,
    /// The key whose value the mapping is.
    key: Option<&'a Node>,
    /// Where resolve reports the mapping's missing required props.
    owner: Span,
    /// The key (when there is one) and the mapping.
    extent: Span,
    /// The props the mapping takes.
    defs: &'static [PropDef],
    /// The type, for an entry under `constructs:` / `integrations:` or an inline integration.
    ty: Option<&'static TypeDef>,
    /// The method, for the options of a call.
    method: Option<&'static MethodDef>,
    /// Whether this is an entry under `constructs:`.
    entry: bool,
    /// Whether the mapping's parent is a flow collection.
    parent_flow: bool,
}

impl Scope<'_> {
    fn takes(&self, prop: &str) -> Option<&'static PropDef> {
        schema::find_prop(self.defs, prop)
    }

    fn has(&self, prop: &str) -> bool {
        self.node.get(prop).is_some()
    }
}

/// What every action needs: the analysis, the schema lookup, the file's conventions and the
/// mappings the schema knows.
struct Ctx<'a> {
    a: &'a Analysis,
    find_type: fn(&str) -> Option<&'static TypeDef>,
    /// The line break the file uses.
    nl: &'static str,
    /// The file's indentation step.
    step: usize,
    scopes: Vec<Scope<'a>>,
}

impl<'a> Ctx<'a> {
    fn new(a: &'a Analysis, find_type: fn(&str) -> Option<&'static TypeDef>) -> Ctx<'a> {
        let mut ctx = Ctx {
            a,
            find_type,
            nl: if a.text.contains("\r\n") {
                "\r\n"
            } else {
                "\n"
            },
            step: 2,
            scopes: Vec::new(),
        };
        ctx.step = ctx.indent_step();
        if let Some(root) = &a.root {
            let mut scopes = Vec::new();
            ctx.document(root, &mut scopes);
            ctx.scopes = scopes;
        }
        ctx
    }

    /// The indentation of the first nested block mapping under a section (2 when none).
    fn indent_step(&self) -> usize {
        let Some(sections) = self.a.root.as_ref().and_then(Node::as_map) else {
            return 2;
        };
        sections
            .iter()
            .filter(|s| self.column(s.key.span.start) == 0 && !self.is_flow(&s.value))
            .find_map(|s| {
                s.value
                    .as_map()?
                    .first()
                    .map(|e| self.column(e.key.span.start))
            })
            .filter(|&c| c > 0)
            .unwrap_or(2)
    }

    /// The column (in chars) of a byte offset.
    fn column(&self, offset: usize) -> usize {
        let text = &self.a.text;
        let line_start = text
            .get(..offset)
            .and_then(|t| t.rfind('\n'))
            .map_or(0, |i| i + 1);
        text.get(line_start..offset)
            .map_or(0, |t| t.chars().count())
    }

    /// Whether a collection is written in flow style.
    fn is_flow(&self, node: &Node) -> bool {
        self.a.slice(node.span).starts_with(['{', '['])
    }

    // --- The mappings the schema knows -------------------------------------------------

    fn document(&self, root: &'a Node, out: &mut Vec<Scope<'a>>) {
        for section in root.as_map().unwrap_or(&[]) {
            let value = &section.value;
            match section.key.as_str() {
                Some("stack") => {
                    self.push(
                        out,
                        value,
                        Some(&section.key),
                        value.span,
                        STACK_PROPS,
                        false,
                    );
                }
                Some("constructs") => {
                    for entry in value.as_map().unwrap_or(&[]) {
                        self.entry(out, &entry.key, &entry.value, Role::Construct);
                    }
                }
                Some("integrations") => {
                    for entry in value.as_map().unwrap_or(&[]) {
                        self.entry(out, &entry.key, &entry.value, Role::Integration);
                    }
                }
                Some("outputs") => {
                    for entry in value.as_map().unwrap_or(&[]) {
                        if entry.value.as_map().is_some() {
                            let owner = entry.key.span;
                            self.push(
                                out,
                                &entry.value,
                                Some(&entry.key),
                                owner,
                                OUTPUT_PROPS,
                                false,
                            );
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// A scope of plain props, and what its values hold.
    fn push(
        &self,
        out: &mut Vec<Scope<'a>>,
        node: &'a Node,
        key: Option<&'a Node>,
        owner: Span,
        defs: &'static [PropDef],
        parent_flow: bool,
    ) {
        if node.is_alias() {
            return;
        }
        out.push(Scope {
            node,
            key,
            owner,
            extent: key.map_or(node.span, |k| k.span.cover(node.span)),
            defs,
            ty: None,
            method: None,
            entry: false,
            parent_flow,
        });
        self.props(out, node, defs, parent_flow);
    }

    /// An entry under `constructs:` or `integrations:`.
    fn entry(&self, out: &mut Vec<Scope<'a>>, key: &'a Node, value: &'a Node, role: Role) {
        let Some(ty) = value
            .get("type")
            .and_then(Node::as_str)
            .and_then(self.find_type)
            .filter(|t| t.role == role)
        else {
            return;
        };
        // An alias's mapping is written elsewhere: editing it would edit every copy.
        if value.as_map().is_none() || value.is_alias() {
            return;
        }
        out.push(Scope {
            node: value,
            key: Some(key),
            owner: key.span,
            extent: key.span.cover(value.span),
            defs: ty.props,
            ty: Some(ty),
            method: None,
            entry: role == Role::Construct,
            parent_flow: false,
        });
        let flow = self.is_flow(value);
        self.props(out, value, ty.props, false);
        for e in value.as_map().unwrap_or(&[]) {
            if let Some(method) = e.key.as_str().and_then(|k| ty.method(k)) {
                self.calls(out, method, &e.value, flow);
            }
        }
    }

    /// The options of each call of a method.
    fn calls(
        &self,
        out: &mut Vec<Scope<'a>>,
        method: &'static MethodDef,
        node: &'a Node,
        parent_flow: bool,
    ) {
        let flow = parent_flow || self.is_flow(node);
        let mut options: Vec<(Option<&'a Node>, &'a Node, Span)> = Vec::new();
        match (method.shape, &node.value) {
            (CallShape::List, NodeValue::Seq(items)) => {
                options.extend(items.iter().map(|i| (None, i, i.span)));
            }
            (CallShape::List, NodeValue::Map(_)) => options.push((None, node, node.span)),
            (CallShape::Keyed, NodeValue::Map(entries)) => {
                options.extend(entries.iter().map(|e| (Some(&e.key), &e.value, e.key.span)));
            }
            _ => {}
        }
        for (key, value, owner) in options {
            if value.is_alias() || !matches!(value.value, NodeValue::Map(_) | NodeValue::Null) {
                continue;
            }
            out.push(Scope {
                node: value,
                key,
                owner,
                extent: key.map_or(value.span, |k| k.span.cover(value.span)),
                defs: method.params,
                ty: None,
                method: Some(method),
                entry: false,
                parent_flow: flow,
            });
            self.props(out, value, method.params, flow);
        }
    }

    /// The scopes inside the values of a mapping's props.
    fn props(
        &self,
        out: &mut Vec<Scope<'a>>,
        node: &'a Node,
        defs: &'static [PropDef],
        parent_flow: bool,
    ) {
        let flow = parent_flow || self.is_flow(node);
        for e in node.as_map().unwrap_or(&[]) {
            if let Some(def) = e.key.as_str().and_then(|k| schema::find_prop(defs, k)) {
                self.value(out, &e.value, Some(&e.key), &def.kind, flow);
            }
        }
    }

    fn value(
        &self,
        out: &mut Vec<Scope<'a>>,
        node: &'a Node,
        key: Option<&'a Node>,
        kind: &'static Kind,
        parent_flow: bool,
    ) {
        match (kind, &node.value) {
            (Kind::Struct(defs), NodeValue::Map(_) | NodeValue::Null) => {
                self.push(out, node, key, node.span, defs, parent_flow);
            }
            (Kind::List(inner), NodeValue::Seq(items)) => {
                let flow = parent_flow || self.is_flow(node);
                for item in items {
                    self.value(out, item, None, inner, flow);
                }
            }
            (Kind::Integration(_), NodeValue::Map(_)) if !node.is_alias() => {
                let Some(ty) = node
                    .get("type")
                    .and_then(Node::as_str)
                    .and_then(self.find_type)
                    .filter(|t| t.role == Role::Integration)
                else {
                    return;
                };
                out.push(Scope {
                    node,
                    key,
                    owner: node.get("id").map_or(node.span, |n| n.span),
                    extent: key.map_or(node.span, |k| k.span.cover(node.span)),
                    defs: ty.props,
                    ty: Some(ty),
                    method: None,
                    entry: false,
                    parent_flow,
                });
                self.props(out, node, ty.props, parent_flow);
            }
            _ => {}
        }
    }

    /// The kind of the prop whose value (or list item) is written at `span`.
    fn kind_at(&self, span: Span) -> Option<&'static Kind> {
        for scope in &self.scopes {
            for e in scope.node.as_map().unwrap_or(&[]) {
                let Some(def) = e.key.as_str().and_then(|k| scope.takes(k)) else {
                    continue;
                };
                if e.value.span == span {
                    return Some(&def.kind);
                }
                if let (Kind::List(inner), Some(items)) = (&def.kind, e.value.as_seq())
                    && items.iter().any(|i| i.span == span)
                {
                    return Some(inner);
                }
            }
        }
        None
    }

    // --- Placeholders ------------------------------------------------------------------

    /// A value for a prop of `kind` named `name` that resolves without errors where it can.
    fn placeholder(&self, name: &str, kind: &'static Kind) -> Snip {
        let raw = |s: &str| Snip::Raw(s.to_string());
        match kind {
            Kind::String => raw(match name {
                "path" => "/",
                "url" => "https://example.com",
                "handler" => "index.handler",
                "stageName" => "dev",
                "fromInline" => "\"exports.handler = async () => ({ statusCode: 200 });\"",
                _ => "\"\"",
            }),
            Kind::Bool => raw("false"),
            Kind::Number | Kind::Integer => raw("0"),
            Kind::Duration => raw("30 seconds"),
            Kind::Enum(e) => {
                let member = e
                    .members
                    .iter()
                    .find(|m| m.name.ends_with("_LATEST"))
                    .or_else(|| e.members.first());
                if let Some(m) = member {
                    return raw(m.name);
                }
                match e.factories.first() {
                    Some(f) => {
                        Snip::Map(vec![(f.name.to_string(), self.placeholder(f.name, &f.arg))])
                    }
                    None => raw("\"\""),
                }
            }
            Kind::Construct(types) => {
                let existing = self.a.checked.model.constructs.iter().find(|c| {
                    c.ty.is_some_and(|t| types.is_empty() || types.contains(&t.name))
                });
                match (existing, types.first()) {
                    (Some(c), _) => raw(&self.key_text(&c.path.value, true)),
                    (None, Some(t)) => raw(&format!("My{t}")),
                    (None, None) => raw("\"\""),
                }
            }
            Kind::Integration(types) => {
                let existing = self
                    .integration_ids()
                    .into_iter()
                    .find(|(_, t)| types.contains(t));
                match existing {
                    Some((id, _)) => raw(&self.key_text(&id, true)),
                    None => raw("MyIntegration"),
                }
            }
            Kind::List(inner) => match self.placeholder(name, inner) {
                Snip::Raw(v) => Snip::Raw(format!("[{v}]")),
                map @ Snip::Map(_) => Snip::Raw(format!("[{}]", render_flow_value(&map))),
            },
            Kind::Map(_) | Kind::ParameterMapping => raw("{}"),
            Kind::Struct(defs) => {
                let wanted =
                    |d: &&PropDef| d.required || matches!(d.name, "destination" | "format");
                Snip::Map(
                    defs.iter()
                        .filter(wanted)
                        .map(|d| (d.name.to_string(), self.placeholder(d.name, &d.kind)))
                        .collect(),
                )
            }
        }
    }

    /// A new entry of type `ty`: `type:` and its required props.
    fn new_entry(&self, ty: &'static TypeDef) -> Snip {
        let mut fields = vec![("type".to_string(), Snip::Raw(ty.name.to_string()))];
        for def in ty.props.iter().filter(|d| d.required) {
            fields.push((def.name.to_string(), self.placeholder(def.name, &def.kind)));
        }
        Snip::Map(fields)
    }

    /// The ids under `integrations:` and their `type:`.
    fn integration_ids(&self) -> Vec<(String, &str)> {
        let Some(section) = self.a.root.as_ref().and_then(|r| r.get("integrations")) else {
            return Vec::new();
        };
        section
            .as_map()
            .unwrap_or(&[])
            .iter()
            .filter_map(|e| Some((e.key.as_str()?.to_string(), e.value.get("type")?.as_str()?)))
            .collect()
    }

    /// `s` as a YAML scalar: plain when it can be, double-quoted otherwise.
    fn key_text(&self, s: &str, in_flow: bool) -> String {
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
    fn insert(
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
    fn add_to_section(&self, section: &str, key: &str, entry: Snip) -> Option<Edit> {
        let fields = [(key.to_string(), entry)];
        let root = self.a.root.as_ref();
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

fn render_flow_value(snip: &Snip) -> String {
    match snip {
        Snip::Raw(v) => v.clone(),
        Snip::Map(fields) if fields.is_empty() => "{}".into(),
        Snip::Map(fields) => {
            let inner: Vec<String> = fields.iter().map(|(k, v)| render_flow(k, v)).collect();
            format!("{{ {} }}", inner.join(", "))
        }
    }
}

/// An action applying `edits` to the document.
fn action(
    a: &Analysis,
    uri: &Uri,
    title: String,
    kind: CodeActionKind,
    edits: Vec<Edit>,
    diagnostic: Option<&Diagnostic>,
) -> CodeAction {
    let edits: Vec<TextEdit> = edits
        .into_iter()
        .map(|(span, text)| TextEdit::new(to_range(a, span), text))
        .collect();
    let changes: HashMap<Uri, Vec<TextEdit>> = [(uri.clone(), edits)].into_iter().collect();
    CodeAction {
        title,
        kind: Some(kind),
        diagnostics: diagnostic.map(|d| vec![to_lsp_diagnostic(a, uri, d)]),
        edit: Some(WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        }),
        ..CodeAction::default()
    }
}

// --- Quick fixes -----------------------------------------------------------------------------

/// The quick fixes of one diagnostic; the only one is preferred.
fn quick_fixes(ctx: &Ctx, uri: &Uri, d: &Diagnostic) -> Vec<CodeAction> {
    let mut fixes: Vec<(String, Vec<Edit>)> = Vec::new();
    if let Some(fix) = &d.fix {
        fixes.push((fix.title.clone(), vec![(fix.span, fix.replacement.clone())]));
    }
    if let Some(name) = quoted_after(&d.message, "missing required prop `") {
        fixes.extend(add_missing_prop(ctx, d.span, name));
    }
    if let Some(id) = exactly_quoted(&d.message, "unknown construct `") {
        fixes.extend(create_missing(ctx, d.span, id, Role::Construct));
    }
    if let Some(id) = exactly_quoted(&d.message, "unknown integration `") {
        fixes.extend(create_missing(ctx, d.span, id, Role::Integration));
    }
    let preferred = fixes.len() == 1;
    fixes
        .into_iter()
        .map(|(title, edits)| {
            let mut a = action(ctx.a, uri, title, CodeActionKind::QUICKFIX, edits, Some(d));
            a.is_preferred = preferred.then_some(true);
            a
        })
        .collect()
}

/// The text between `prefix` and the next backquote.
fn quoted_after<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    message
        .strip_prefix(prefix)?
        .split_once('`')
        .map(|(s, _)| s)
}

/// The text between `prefix` and a closing backquote that ends the message.
fn exactly_quoted<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    let s = message.strip_prefix(prefix)?.strip_suffix('`')?;
    (!s.contains('`')).then_some(s)
}

/// "Add missing prop `x`": into the mapping whose owner the diagnostic points at.
fn add_missing_prop(ctx: &Ctx, owner: Span, name: &str) -> Option<(String, Vec<Edit>)> {
    let (scope, def) = ctx.scopes.iter().find_map(|s| {
        let def = s.takes(name).filter(|d| d.required)?;
        (s.owner == owner && !s.has(name)).then_some((s, def))
    })?;
    let value = ctx.placeholder(def.name, &def.kind);
    let edit = ctx.insert(
        scope.node,
        scope.key,
        scope.parent_flow,
        &[(def.name.to_string(), value)],
    )?;
    Some((format!("Add missing prop `{name}`"), vec![edit]))
}

/// "Create construct `X`" / "Create integration `X`", one per type the reference accepts.
fn create_missing(ctx: &Ctx, at: Span, id: &str, role: Role) -> Vec<(String, Vec<Edit>)> {
    if id.is_empty() || (role == Role::Construct && id.contains('/')) {
        return Vec::new();
    }
    let types: &[&str] = match ctx.kind_at(at) {
        Some(Kind::Construct(types)) if role == Role::Construct => types,
        Some(Kind::Integration(types)) if role == Role::Integration => types,
        _ => return Vec::new(),
    };
    let section = match role {
        Role::Construct => "constructs",
        Role::Integration => "integrations",
        Role::Child => return Vec::new(),
    };
    types
        .iter()
        .filter_map(|name| {
            let ty = (ctx.find_type)(name)?;
            let edit = ctx.add_to_section(section, id, ctx.new_entry(ty))?;
            let what = match role {
                Role::Construct | Role::Child => "construct",
                Role::Integration => "integration",
            };
            Some((format!("Create {what} `{id}` ({})", ty.name), vec![edit]))
        })
        .collect()
}

// --- Refactors -------------------------------------------------------------------------------

/// The refactors for the innermost entry and stage around `range`.
fn refactors(ctx: &Ctx, uri: &Uri, range: Span) -> Vec<CodeAction> {
    let around: Vec<&Scope> = ctx
        .scopes
        .iter()
        .filter(|s| s.extent.contains(range.start) && s.extent.contains(range.end))
        .collect();
    let innermost = |pick: &dyn Fn(&Scope) -> bool| {
        around
            .iter()
            .copied()
            .filter(|s| pick(s))
            .min_by_key(|s| s.extent.end.saturating_sub(s.extent.start))
    };
    let mut out = Vec::new();
    let refactor = |title: String, edits: Vec<Edit>| {
        action(ctx.a, uri, title, CodeActionKind::REFACTOR, edits, None)
    };
    if let Some(entry) = innermost(&|s| s.entry) {
        if let Some(edit) = add_cors(ctx, entry) {
            out.push(refactor("Add CORS preflight".into(), vec![edit]));
        }
        if let Some((id, edit)) = add_stage(ctx, entry) {
            out.push(refactor(format!("Add a stage (`{id}`)"), vec![edit]));
        }
        if let Some(edits) = rate_limited_key(ctx, entry) {
            let mut a = refactor("Convert to a rate-limited API key".into(), edits);
            a.kind = Some(CodeActionKind::REFACTOR_REWRITE);
            out.push(a);
        }
    }
    let stage = innermost(&|s| {
        (s.entry || s.method.is_some())
            && (s.takes("throttle").is_some() || s.takes("accessLogSettings").is_some())
    });
    if let Some(stage) = stage {
        if let Some(edit) = add_prop_if_absent(ctx, stage, "throttle", Some(throttle())) {
            out.push(refactor("Add throttle settings".into(), vec![edit]));
        }
        if let Some(edit) = add_prop_if_absent(ctx, stage, "accessLogSettings", None) {
            out.push(refactor("Add access logging".into(), vec![edit]));
        }
    }
    out
}

/// `{ rateLimit: 100, burstLimit: 50 }`.
fn throttle() -> Snip {
    Snip::Raw("{ rateLimit: 100, burstLimit: 50 }".into())
}

/// Adds `prop` (with `value`, or its kind's placeholder) when the scope takes it and lacks it.
fn add_prop_if_absent(ctx: &Ctx, scope: &Scope, prop: &str, value: Option<Snip>) -> Option<Edit> {
    let def = scope.takes(prop)?;
    if scope.has(prop) {
        return None;
    }
    let value = value.unwrap_or_else(|| ctx.placeholder(def.name, &def.kind));
    ctx.insert(
        scope.node,
        scope.key,
        scope.parent_flow,
        &[(prop.to_string(), value)],
    )
}

/// `corsPreflight` with the defaults of the CDK documentation's example.
fn add_cors(ctx: &Ctx, entry: &Scope) -> Option<Edit> {
    let raw = |s: &str| Snip::Raw(s.to_string());
    let cors = Snip::Map(vec![
        ("allowOrigins".into(), raw("[\"*\"]")),
        ("allowMethods".into(), raw("[GET, HEAD, OPTIONS, POST]")),
        ("allowHeaders".into(), raw("[Authorization, Content-Type]")),
        ("maxAge".into(), raw("10 days")),
    ]);
    add_prop_if_absent(ctx, entry, "corsPreflight", Some(cors))
}

/// A new `addStage` key with a free id, and the edit adding it.
fn add_stage(ctx: &Ctx, entry: &Scope) -> Option<(String, Edit)> {
    let method = entry.ty?.method("addStage")?;
    let calls = entry.node.get(method.name);
    let taken = |id: &str| {
        let Some(calls) = calls.and_then(Node::as_map) else {
            return false;
        };
        calls.iter().any(|c| {
            c.key.as_str() == Some(id)
                || c.value.get("stageName").and_then(Node::as_str) == Some(id)
        })
    };
    let parent = entry.key.and_then(Node::as_str).unwrap_or("");
    let exists = |id: &str| {
        let path = format!("{parent}/{id}");
        ctx.a.checked.model.construct(&path).is_some()
    };
    let id = ["beta", "prod", "dev", "staging", "test"]
        .into_iter()
        .map(str::to_string)
        .chain((2..).map(|n| format!("stage{n}")))
        .take(1_000)
        .find(|id| !taken(id) && !exists(id))?;
    let options = Snip::Map(vec![
        ("stageName".into(), Snip::Raw(id.clone())),
        ("autoDeploy".into(), Snip::Raw("true".into())),
    ]);
    let edit = match calls {
        Some(node) => {
            let key = entry
                .node
                .as_map()?
                .iter()
                .find(|e| e.key.as_str() == Some(method.name))
                .map(|e| &e.key);
            let flow = entry.parent_flow || ctx.is_flow(entry.node);
            ctx.insert(node, key, flow, &[(id.clone(), options)])?
        }
        None => {
            let fields = [(
                method.name.to_string(),
                Snip::Map(vec![(id.clone(), options)]),
            )];
            ctx.insert(entry.node, entry.key, entry.parent_flow, &fields)?
        }
    };
    Some((id, edit))
}

/// `type: ApiKey` -> `type: RateLimitedApiKey`, with `throttle` and the required props.
fn rate_limited_key(ctx: &Ctx, entry: &Scope) -> Option<Vec<Edit>> {
    if entry.ty?.name != "ApiKey" {
        return None;
    }
    (ctx.find_type)("ApiKey")?;
    let target = (ctx.find_type)("RateLimitedApiKey")?;
    let type_node = entry.node.get("type")?;
    let written = type_node.as_str()?;
    let replacement = match written.rsplit_once('.') {
        Some((module, _)) => format!("{module}.{}", target.name),
        None => target.name.to_string(),
    };
    let mut fields: Vec<(String, Snip)> = Vec::new();
    for def in target.props {
        if entry.has(def.name) {
            continue;
        }
        if def.name == "throttle" {
            fields.push((def.name.into(), throttle()));
        } else if def.required {
            fields.push((def.name.into(), ctx.placeholder(def.name, &def.kind)));
        }
    }
    let mut edits = vec![(
        type_node.span,
        ctx.key_text(&replacement, ctx.is_flow(entry.node)),
    )];
    if !fields.is_empty() {
        edits.push(ctx.insert(entry.node, entry.key, entry.parent_flow, &fields)?);
    }
    Some(edits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::{Module, PropDef};

    static FAKE_LOG_SETTINGS: &[PropDef] = &[
        PropDef {
            name: "destination",
            kind: Kind::Construct(&["LogGroup"]),
            required: true,
            default: None,
            doc: "",
        },
        PropDef {
            name: "format",
            kind: Kind::String,
            required: false,
            default: None,
            doc: "",
        },
    ];

    static FAKE_STAGE: TypeDef = TypeDef {
        name: "FakeStage",
        module: Module::ApiGatewayV2,
        role: Role::Construct,
        doc: "",
        props: &[PropDef {
            name: "accessLogSettings",
            kind: Kind::Struct(FAKE_LOG_SETTINGS),
            required: false,
            default: None,
            doc: "",
        }],
        imports: &[],
        methods: &[],
        attrs: &[],
    };

    static API_KEY: TypeDef = TypeDef {
        name: "ApiKey",
        module: Module::ApiGatewayV2,
        role: Role::Construct,
        doc: "",
        props: &[PropDef {
            name: "apiKeyName",
            kind: Kind::String,
            required: false,
            default: None,
            doc: "",
        }],
        imports: &[],
        methods: &[],
        attrs: &[],
    };

    static RATE_LIMITED_KEY_THROTTLE: &[PropDef] = &[];

    static RATE_LIMITED_KEY: TypeDef = TypeDef {
        name: "RateLimitedApiKey",
        module: Module::ApiGatewayV2,
        role: Role::Construct,
        doc: "",
        props: &[
            PropDef {
                name: "apiKeyName",
                kind: Kind::String,
                required: false,
                default: None,
                doc: "",
            },
            PropDef {
                name: "throttle",
                kind: Kind::Struct(RATE_LIMITED_KEY_THROTTLE),
                required: false,
                default: None,
                doc: "",
            },
        ],
        imports: &[],
        methods: &[],
        attrs: &[],
    };

    fn fake_types(name: &str) -> Option<&'static TypeDef> {
        match name.rsplit('.').next() {
            Some("FakeStage") => Some(&FAKE_STAGE),
            Some("ApiKey") => Some(&API_KEY),
            Some("RateLimitedApiKey") => Some(&RATE_LIMITED_KEY),
            _ => schema::find_type(name),
        }
    }

    /// Titles and edited texts of the actions at the `|` in `text`.
    fn run(text: &str, find_type: fn(&str) -> Option<&'static TypeDef>) -> Vec<(String, String)> {
        let at = text.find('|').unwrap();
        let text = text.replace('|', "");
        let a = Analysis::of_text(&text);
        let uri: Uri = "file:///t.apigw.yaml".parse().unwrap();
        actions_with(&a, &uri, Span::new(at, at), find_type)
            .into_iter()
            .map(|action| {
                let mut edits: Vec<TextEdit> = action
                    .edit
                    .and_then(|e| e.changes)
                    .and_then(|mut c| c.remove(&uri))
                    .unwrap_or_default();
                edits.sort_by_key(|e| {
                    std::cmp::Reverse((e.range.start.line, e.range.start.character))
                });
                let mut out = text.clone();
                for e in edits {
                    let start = a.offset(crate::syntax::Position::new(
                        e.range.start.line,
                        e.range.start.character,
                    ));
                    let end = a.offset(crate::syntax::Position::new(
                        e.range.end.line,
                        e.range.end.character,
                    ));
                    out.replace_range(start..end, &e.new_text);
                }
                (action.title, out)
            })
            .collect()
    }

    #[test]
    fn access_logging_lights_up_when_the_schema_has_it() {
        let text = "constructs:\n  Logs: { type: Function, runtime: NODEJS_24_X, handler: index.handler, code: { fromInline: x } }\n  Stage:\n    type: FakeStage|\n";
        let actions = run(text, fake_types);
        let (title, edited) = actions
            .iter()
            .find(|(t, _)| t == "Add access logging")
            .expect("offered");
        assert_eq!(title, "Add access logging");
        assert!(
            edited.ends_with("    type: FakeStage\n    accessLogSettings:\n      destination: MyLogGroup\n      format: \"\"\n"),
            "{edited}"
        );
        // Not offered for the real stage types, which lack the prop today.
        let real = run(
            "constructs:\n  S:\n    type: HttpStage|\n",
            schema::find_type,
        );
        assert!(real.iter().all(|(t, _)| t != "Add access logging"));
    }

    #[test]
    fn api_key_conversion_lights_up_when_the_schema_has_both_types() {
        let text = "constructs:\n  Key: { type: apigateway.ApiKey|, apiKeyName: web }\n";
        let actions = run(text, fake_types);
        let (_, edited) = actions
            .iter()
            .find(|(t, _)| t == "Convert to a rate-limited API key")
            .expect("offered");
        assert_eq!(
            edited,
            "constructs:\n  Key: { type: apigateway.RateLimitedApiKey, apiKeyName: web, throttle: { rateLimit: 100, burstLimit: 50 } }\n"
        );
        assert!(run(text, schema::find_type).is_empty());
    }
}
