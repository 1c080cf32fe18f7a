//! The mappings the schema knows, collected from the YAML tree: entries under `constructs:`
//! and `integrations:`, the options of their method calls, struct values, inline integrations,
//! `stack:` and outputs, each with the props it takes and where it sits.

use super::context::Ctx;
use crate::model::schema::{
    self, CallShape, Kind, MethodDef, OUTPUT_PROPS, PropDef, Role, STACK_PROPS, TypeDef,
};
use crate::syntax::{Node, NodeValue, Span};

/// A mapping the schema gives props to: an entry, a call's options, a struct, an output.
pub(super) struct Scope<'a> {
    /// The mapping (or the empty value of a key with nothing after it).
    pub(super) node: &'a Node,
    /// The key whose value the mapping is.
    pub(super) key: Option<&'a Node>,
    /// Where resolve reports the mapping's missing required props.
    pub(super) owner: Span,
    /// The key (when there is one) and the mapping.
    pub(super) extent: Span,
    /// The props the mapping takes.
    pub(super) defs: &'static [PropDef],
    /// The type, for an entry under `constructs:` / `integrations:` or an inline integration.
    pub(super) ty: Option<&'static TypeDef>,
    /// The method, for the options of a call.
    pub(super) method: Option<&'static MethodDef>,
    /// Whether this is an entry under `constructs:`.
    pub(super) entry: bool,
    /// Whether the mapping's parent is a flow collection.
    pub(super) parent_flow: bool,
}

impl Scope<'_> {
    /// The definition of `prop`, when the mapping takes it.
    pub(super) fn takes(&self, prop: &str) -> Option<&'static PropDef> {
        schema::find_prop(self.defs, prop)
    }

    /// Whether the mapping sets `prop`.
    pub(super) fn has(&self, prop: &str) -> bool {
        self.node.get(prop).is_some()
    }
}

impl<'a> Ctx<'a> {
    /// The scopes of the document whose root is `root`, outermost first.
    pub(super) fn document(&self, root: &'a Node, out: &mut Vec<Scope<'a>>) {
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
            .and_then(schema::find_type)
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
            (Kind::Object(_), NodeValue::Map(_)) if !node.is_alias() => {
                let Some(ty) = node
                    .get("type")
                    .and_then(Node::as_str)
                    .and_then(schema::find_type)
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
    pub(super) fn kind_at(&self, span: Span) -> Option<&'static Kind> {
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
}
