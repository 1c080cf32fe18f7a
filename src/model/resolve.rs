//! Resolve: the YAML tree into the [`Model`], driven by the schema table. Never fails: what
//! cannot be resolved is reported as a diagnostic and left out of the model.

use std::collections::HashMap;

use super::expr::{Expr, ExprError, SourceMap, parse_text};
use super::schema::{
    self, AttrKind, CallShape, Kind, OUTPUT_PROPS, PropDef, Role, SECTIONS, STACK_PROPS, TypeDef,
};
use super::suggest::did_you_mean;
use super::values::{parse_bool, parse_duration, parse_number};
use super::{
    Call, Construct, Import, Model, Object, Output, Prop, Props, Spanned, StackDef, Text, Value,
    ValueKind, validate,
};
use crate::diagnostic::Diagnostic;
use crate::syntax::{Node, NodeValue, Span};

/// Heads of expressions that are not entries: `${Fn.importValue(x)}`, `${Aws.REGION}`.
pub const BUILTIN_HEADS: &[&str] = &["Fn", "Aws"];

/// Whether an expression is `${Fn.importValue(..)}` or `${Aws.PSEUDO}`. These win over an entry
/// named `Fn` or `Aws` only through those member names, which no construct attribute has.
pub fn is_builtin(expr: &Expr) -> bool {
    let Some(member) = expr.members.first() else {
        return false;
    };
    match expr.head.value.as_str() {
        "Fn" => member.name.value == "importValue",
        "Aws" => AWS_PSEUDO_PARAMETERS
            .iter()
            .any(|(name, _)| *name == member.name.value),
        _ => false,
    }
}

/// CDK's `Aws.*` pseudo parameters and the `Ref` each one is.
pub const AWS_PSEUDO_PARAMETERS: &[(&str, &str)] = &[
    ("ACCOUNT_ID", "AWS::AccountId"),
    ("REGION", "AWS::Region"),
    ("PARTITION", "AWS::Partition"),
    ("URL_SUFFIX", "AWS::URLSuffix"),
    ("STACK_NAME", "AWS::StackName"),
    ("STACK_ID", "AWS::StackId"),
    ("NOTIFICATION_ARNS", "AWS::NotificationARNs"),
];

/// Resolves the YAML tree of `text` into the model and the diagnostics found on the way.
pub fn resolve(root: Option<&Node>, text: &str) -> (Model, Vec<Diagnostic>) {
    let mut r = Resolver {
        text,
        diags: Vec::new(),
        paths: HashMap::new(),
        integration_ids: HashMap::new(),
        inline_integrations: HashMap::new(),
        model: Model::default(),
    };
    if let Some(root) = root {
        r.document(root);
    }
    let Resolver {
        model, mut diags, ..
    } = r;
    validate::validate(&model, &mut diags);
    (model, diags)
}

struct Resolver<'a> {
    text: &'a str,
    diags: Vec<Diagnostic>,
    /// Every construct path an expression or reference may name, with its type: the entries
    /// and the children CDK creates for them (`Api/DefaultStage`, `Api/<addStage id>`).
    paths: HashMap<String, &'static TypeDef>,
    /// Ids under `integrations:`, with their index in `model.integrations` (`None`: broken).
    integration_ids: HashMap<String, Option<usize>>,
    /// Inline integrations by the YAML identity of their mapping (an alias is the same object).
    inline_integrations: HashMap<Span, usize>,
    model: Model,
}

/// The mapping entries of a node, or `None` (after reporting) when it is not a mapping.
fn as_map(node: &Node) -> Option<&[crate::syntax::Entry]> {
    match &node.value {
        NodeValue::Map(entries) => Some(entries),
        _ => None,
    }
}

fn scalar(node: &Node) -> Option<&str> {
    match &node.value {
        NodeValue::Scalar(s) => Some(&s.text),
        _ => None,
    }
}

fn describe(node: &Node) -> &'static str {
    match &node.value {
        NodeValue::Null => "nothing",
        NodeValue::Scalar(_) => "a scalar",
        NodeValue::Seq(_) => "a list",
        NodeValue::Map(_) => "a mapping",
    }
}

impl Resolver<'_> {
    fn error(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.diags.push(Diagnostic::error(span, message));
        let last = self.diags.len() - 1;
        &mut self.diags[last]
    }

    fn expect_map<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n [crate::syntax::Entry]> {
        let map = as_map(node);
        if map.is_none() {
            self.error(
                node.span,
                format!("{what} must be a mapping, found {}", describe(node)),
            );
        }
        map
    }

    /// Reports an unknown key with a "did you mean" fix among `candidates`.
    fn unknown_key<'c>(
        &mut self,
        key: &Spanned<String>,
        context: &str,
        candidates: impl IntoIterator<Item = &'c str>,
    ) {
        let candidates: Vec<&str> = candidates.into_iter().collect();
        let mut d = Diagnostic::error(key.span, format!("unknown key `{}` {context}", key.value));
        if let Some(best) = did_you_mean(&key.value, candidates.iter().copied()) {
            d = d.with_hint(format!("did you mean `{best}`?")).with_fix(
                format!("Replace with `{best}`"),
                key.span,
                best,
            );
        } else if !candidates.is_empty() && candidates.len() <= 12 {
            d = d.with_hint(format!("expected one of: {}", candidates.join(", ")));
        }
        self.diags.push(d);
    }

    fn key(&mut self, node: &Node) -> Option<Spanned<String>> {
        match scalar(node) {
            Some(s) => Some(Spanned {
                value: s.to_string(),
                span: node.span,
            }),
            None => {
                self.error(node.span, "keys must be strings");
                None
            }
        }
    }

    fn document(&mut self, root: &Node) {
        let Some(entries) = self.expect_map(root, "a definition file") else {
            return;
        };
        let section = |name: &str| entries.iter().find(|e| scalar(&e.key) == Some(name));
        for entry in entries {
            let Some(key) = self.key(&entry.key) else {
                continue;
            };
            if key.value.starts_with("x-") || SECTIONS.iter().any(|s| s.name == key.value) {
                continue;
            }
            self.unknown_key(&key, "at the top level", SECTIONS.iter().map(|s| s.name));
        }
        if let Some(stack) = section("stack") {
            self.stack(&stack.value);
        }
        let constructs = section("constructs").and_then(|c| {
            if matches!(c.value.value, NodeValue::Null) {
                return None;
            }
            self.expect_map(&c.value, "`constructs`")
        });
        if let Some(constructs) = constructs {
            self.collect_paths(constructs);
        }
        if let Some(integrations) = section("integrations") {
            self.integrations(&integrations.value);
        }
        if let Some(constructs) = constructs {
            let mut seen: HashMap<String, Span> = HashMap::new();
            for entry in constructs {
                let Some(path) = self.key(&entry.key) else {
                    continue;
                };
                if let Some(first) = seen.get(&path.value) {
                    let first = *first;
                    self.error(
                        path.span,
                        format!("construct `{}` is defined twice", path.value),
                    )
                    .related
                    .push(crate::diagnostic::Related {
                        span: first,
                        message: "first defined here".into(),
                    });
                    continue;
                }
                seen.insert(path.value.clone(), path.span);
                if let Some(c) = self.construct(path, &entry.value) {
                    self.model.constructs.push(c);
                }
            }
        }
        if let Some(outputs) = section("outputs") {
            self.outputs(&outputs.value);
        }
    }

    fn stack(&mut self, node: &Node) {
        let Some(props) = self.props(node, STACK_PROPS, "in `stack`", node.span) else {
            return;
        };
        let literal = |name: &str| match props.get(name).map(|v| &v.kind) {
            Some(ValueKind::Text(t)) => t.as_literal(),
            _ => None,
        };
        let mut stack = StackDef::default();
        if let Some(id) = literal("id") {
            stack.id = id;
        }
        stack.description = literal("description");
        if let Some(ValueKind::Struct(env)) = props.get("env").map(|v| &v.kind) {
            let env_literal = |name: &str| match env.get(name).map(|v| &v.kind) {
                Some(ValueKind::Text(t)) => t.as_literal(),
                _ => None,
            };
            stack.account = env_literal("account");
            stack.region = env_literal("region");
        }
        self.model.stack = stack;
    }

    /// Records every construct path (and the children CDK creates) before anything refers to them.
    fn collect_paths(&mut self, constructs: &[crate::syntax::Entry]) {
        for entry in constructs {
            let (Some(path), Some(map)) = (scalar(&entry.key), as_map(&entry.value)) else {
                continue;
            };
            let field = |name: &str| {
                map.iter()
                    .find(|e| scalar(&e.key) == Some(name))
                    .map(|e| &e.value)
            };
            let Some(ty) = field("type").and_then(scalar).and_then(schema::find_type) else {
                continue;
            };
            if ty.role != Role::Construct {
                continue;
            }
            self.paths.insert(path.to_string(), ty);
            if ty.name == "HttpApi" && field("createDefaultStage").and_then(scalar) != Some("false")
            {
                self.paths
                    .insert(format!("{path}/DefaultStage"), &schema::HTTP_STAGE);
            }
            for method in ty.methods {
                let (Some(child), Some(calls)) =
                    (method.creates, field(method.name).and_then(as_map))
                else {
                    continue;
                };
                let Some(child_ty) = schema::find_type(child) else {
                    continue;
                };
                for call in calls {
                    if let Some(id) = scalar(&call.key) {
                        self.paths.insert(format!("{path}/{id}"), child_ty);
                    }
                }
            }
        }
    }

    fn integrations(&mut self, node: &Node) {
        if matches!(node.value, NodeValue::Null) {
            return;
        }
        let Some(entries) = self.expect_map(node, "`integrations`") else {
            return;
        };
        for entry in entries {
            let Some(id) = self.key(&entry.key) else {
                continue;
            };
            if self.integration_ids.contains_key(&id.value) {
                self.error(
                    id.span,
                    format!("integration `{}` is defined twice", id.value),
                );
                continue;
            }
            let index = self.object(id.clone(), &entry.value, false);
            self.integration_ids.insert(id.value, index);
        }
    }

    /// Resolves an integration definition; `inline` ones carry their own `id:`.
    fn object(&mut self, id: Spanned<String>, node: &Node, inline: bool) -> Option<usize> {
        let entries = self.expect_map(node, &format!("integration `{}`", id.value))?;
        let field = |name: &str| entries.iter().find(|e| scalar(&e.key) == Some(name));
        let ty = self.type_field(field("type").map(|e| &e.value), id.span, Role::Integration)?;
        let id = if inline {
            match field("id") {
                Some(e) => match scalar(&e.value) {
                    Some(s) => Spanned {
                        value: s.to_string(),
                        span: e.value.span,
                    },
                    None => {
                        self.error(e.value.span, "`id` must be a string");
                        return None;
                    }
                },
                None => {
                    self.error(
                        node.span,
                        format!("an inline {} needs an `id:` (its CDK id)", ty.name),
                    )
                    .hint = Some("add `id: MyIntegration`".into());
                    return None;
                }
            }
        } else {
            id
        };
        let skip: &[&str] = if inline { &["type", "id"] } else { &["type"] };
        let props =
            self.props_except(node, ty.props, &format!("for {}", ty.name), id.span, skip)?;
        self.model.integrations.push(Object { id, ty, props });
        Some(self.model.integrations.len() - 1)
    }

    /// Resolves a `type:` value to a type of the expected role.
    fn type_field(
        &mut self,
        node: Option<&Node>,
        owner_span: Span,
        role: Role,
    ) -> Option<&'static TypeDef> {
        let Some(node) = node else {
            self.error(owner_span, "missing `type:`").hint = Some(match role {
                Role::Construct => "add `type: HttpApi` (the CDK class name)".into(),
                Role::Integration => "add `type: HttpUrlIntegration` (the CDK class name)".into(),
            });
            return None;
        };
        let name = scalar(node).unwrap_or("");
        let Some(ty) = schema::find_type(name) else {
            let candidates = schema::TYPES
                .iter()
                .filter(|t| t.role == role)
                .map(|t| t.name);
            let mut d = Diagnostic::error(node.span, format!("unknown type `{name}`"));
            let bare = name.rsplit('.').next().unwrap_or(name);
            if let Some(best) = did_you_mean(bare, candidates) {
                d = d.with_hint(format!("did you mean `{best}`?")).with_fix(
                    format!("Replace with `{best}`"),
                    node.span,
                    best,
                );
            }
            self.diags.push(d);
            return None;
        };
        if ty.role != role {
            let message = match ty.role {
                Role::Integration => format!(
                    "{} is an integration: define it under `integrations:`",
                    ty.name
                ),
                Role::Construct => {
                    format!("{} is a construct: define it under `constructs:`", ty.name)
                }
            };
            self.error(node.span, message);
            return None;
        }
        Some(ty)
    }

    fn construct(&mut self, path: Spanned<String>, node: &Node) -> Option<Construct> {
        let entries = self.expect_map(node, &format!("construct `{}`", path.value))?;
        let field = |name: &str| entries.iter().find(|e| scalar(&e.key) == Some(name));
        let (ty, explicit) = match field("type") {
            Some(t) => (
                self.type_field(Some(&t.value), path.span, Role::Construct)?,
                true,
            ),
            None => match self.paths.get(&path.value) {
                Some(ty) => (*ty, false),
                None => {
                    self.type_field(None, path.span, Role::Construct);
                    return None;
                }
            },
        };
        if let Some((parent, _)) = path.value.rsplit_once('/')
            && explicit
            && !self.paths.contains_key(parent)
        {
            self.error(
                path.span,
                format!("parent `{parent}` of `{}` is not defined", path.value),
            )
            .hint = Some(format!(
                "define `{parent}` (e.g. `type: Construct`) before its children"
            ));
        }
        let mut construct = Construct {
            path: path.clone(),
            ty: explicit.then_some(ty),
            props: Props {
                items: Vec::new(),
                span: node.span,
            },
            import: None,
            calls: Vec::new(),
            depends_on: Vec::new(),
        };
        let mut prop_entries = Vec::new();
        for entry in entries {
            let Some(key) = self.key(&entry.key) else {
                continue;
            };
            match key.value.as_str() {
                "type" => {}
                "dependsOn" => construct.depends_on = self.depends_on(&entry.value),
                name => {
                    if let Some(import) = ty.import(name) {
                        if let Some(value) = self.value(&entry.value, &import.arg) {
                            construct.import = Some(Import { def: import, value });
                        }
                    } else if let Some(method) = ty.method(name) {
                        self.calls(method, &entry.value, &mut construct.calls);
                    } else if explicit && ty.prop(name).is_some() {
                        prop_entries.push(entry);
                    } else {
                        let mut candidates: Vec<&str> = ty.methods.iter().map(|m| m.name).collect();
                        candidates.extend(ty.imports.iter().map(|i| i.name));
                        if explicit {
                            candidates.extend(ty.props.iter().map(|p| p.name));
                            candidates.extend(["type", "dependsOn"]);
                        }
                        let context = if explicit {
                            format!("for {}", ty.name)
                        } else {
                            format!(
                                "for `{}`, a {} CDK creates (only method calls are allowed here)",
                                path.value, ty.name
                            )
                        };
                        self.unknown_key(&key, &context, candidates);
                    }
                }
            }
        }
        if let Some(import) = &construct.import {
            for entry in &prop_entries {
                self.error(
                    entry.key.span,
                    format!("an imported {} takes no props", ty.name),
                )
                .hint = Some(format!(
                    "remove it, or remove `{}` to define a new {}",
                    import.def.name, ty.name
                ));
            }
        } else if explicit {
            construct.props = self.prop_entries(
                &prop_entries,
                ty.props,
                &format!("for {}", ty.name),
                path.span,
                node.span,
            );
        }
        Some(construct)
    }

    fn depends_on(&mut self, node: &Node) -> Vec<Spanned<String>> {
        let items: Vec<&Node> = match &node.value {
            NodeValue::Seq(items) => items.iter().collect(),
            _ => vec![node],
        };
        let mut out = Vec::new();
        for item in items {
            if let Some(ValueKind::Construct(path)) = self.construct_ref(item, &[]).map(|v| v.kind)
            {
                out.push(Spanned {
                    value: path,
                    span: item.span,
                });
            }
        }
        out
    }

    fn calls(&mut self, method: &'static schema::MethodDef, node: &Node, out: &mut Vec<Call>) {
        let context = format!("for {}", method.name);
        match method.shape {
            CallShape::List => {
                let items: Vec<&Node> = match &node.value {
                    NodeValue::Seq(items) => items.iter().collect(),
                    NodeValue::Map(_) => vec![node],
                    _ => {
                        self.error(
                            node.span,
                            format!(
                                "`{}` takes a list of calls, found {}",
                                method.name,
                                describe(node)
                            ),
                        );
                        return;
                    }
                };
                for item in items {
                    if let Some(args) = self.props(item, method.params, &context, item.span) {
                        out.push(Call {
                            method,
                            key: None,
                            args,
                            span: item.span,
                        });
                    }
                }
            }
            CallShape::Keyed | CallShape::KeyedValue => {
                let Some(entries) = as_map(node) else {
                    self.error(
                        node.span,
                        format!(
                            "`{}` takes a mapping keyed by {}, found {}",
                            method.name,
                            method.key,
                            describe(node)
                        ),
                    );
                    return;
                };
                for entry in entries {
                    let Some(key) = self.key(&entry.key) else {
                        continue;
                    };
                    let args = if method.shape == CallShape::Keyed {
                        let value_or_empty = if matches!(entry.value.value, NodeValue::Null) {
                            Some(Props {
                                items: Vec::new(),
                                span: entry.value.span,
                            })
                        } else {
                            self.props(&entry.value, method.params, &context, key.span)
                        };
                        let Some(args) = value_or_empty else { continue };
                        args
                    } else {
                        let Some(def) = method.params.first() else {
                            continue;
                        };
                        let Some(value) = self.value(&entry.value, &def.kind) else {
                            continue;
                        };
                        Props {
                            items: vec![Prop {
                                def,
                                key_span: key.span,
                                value,
                            }],
                            span: entry.value.span,
                        }
                    };
                    out.push(Call {
                        method,
                        key: Some(key.clone()),
                        args,
                        span: key.span,
                    });
                }
            }
        }
    }

    fn outputs(&mut self, node: &Node) {
        if matches!(node.value, NodeValue::Null) {
            return;
        }
        let Some(entries) = self.expect_map(node, "`outputs`") else {
            return;
        };
        for entry in entries {
            let Some(id) = self.key(&entry.key) else {
                continue;
            };
            if id.value.is_empty() || !id.value.chars().all(|c| c.is_ascii_alphanumeric()) {
                self.error(
                    id.span,
                    format!(
                        "output id `{}` must be alphanumeric (it is the output's logical ID)",
                        id.value
                    ),
                );
                continue;
            }
            if as_map(&entry.value).is_some() {
                let Some(props) = self.props(&entry.value, OUTPUT_PROPS, "for an output", id.span)
                else {
                    continue;
                };
                let Some(value) = props.get("value").cloned() else {
                    continue;
                };
                self.model.outputs.push(Output {
                    id,
                    value,
                    description: props.get("description").cloned(),
                    export_name: props.get("exportName").cloned(),
                });
            } else if let Some(value) = self.value(&entry.value, &Kind::String) {
                self.model.outputs.push(Output {
                    id,
                    value,
                    description: None,
                    export_name: None,
                });
            }
        }
    }

    fn props(
        &mut self,
        node: &Node,
        defs: &'static [PropDef],
        context: &str,
        owner: Span,
    ) -> Option<Props> {
        self.props_except(node, defs, context, owner, &[])
    }

    /// Resolves a mapping of props; keys in `skip` are handled by the caller.
    fn props_except(
        &mut self,
        node: &Node,
        defs: &'static [PropDef],
        context: &str,
        owner: Span,
        skip: &[&str],
    ) -> Option<Props> {
        let entries = match &node.value {
            NodeValue::Map(entries) => entries,
            NodeValue::Null => &Vec::new(),
            _ => {
                self.error(
                    node.span,
                    format!("expected a mapping {context}, found {}", describe(node)),
                );
                return None;
            }
        };
        let mut known = Vec::new();
        for entry in entries {
            let Some(key) = self.key(&entry.key) else {
                continue;
            };
            if skip.contains(&key.value.as_str()) {
                continue;
            }
            if schema::find_prop(defs, &key.value).is_some() {
                known.push(entry);
            } else {
                let mut candidates: Vec<&str> = defs.iter().map(|p| p.name).collect();
                candidates.extend(skip.iter().copied());
                self.unknown_key(&key, context, candidates);
            }
        }
        Some(self.prop_entries(&known, defs, context, owner, node.span))
    }

    /// Resolves entries already known to be props, and reports missing required ones at `owner`.
    fn prop_entries(
        &mut self,
        entries: &[&crate::syntax::Entry],
        defs: &'static [PropDef],
        context: &str,
        owner: Span,
        span: Span,
    ) -> Props {
        let mut props = Props {
            items: Vec::new(),
            span,
        };
        for entry in entries {
            let Some(name) = scalar(&entry.key) else {
                continue;
            };
            let Some(def) = schema::find_prop(defs, name) else {
                continue;
            };
            if let Some(value) = self.value(&entry.value, &def.kind) {
                props.items.push(Prop {
                    def,
                    key_span: entry.key.span,
                    value,
                });
            }
        }
        for def in defs.iter().filter(|d| d.required) {
            if !entries.iter().any(|e| scalar(&e.key) == Some(def.name)) {
                self.error(
                    owner,
                    format!("missing required prop `{}` {context}", def.name),
                )
                .hint = Some(format!("add `{}:` ({})", def.name, def.kind.describe()));
            }
        }
        props
    }

    fn kind_error(&mut self, node: &Node, kind: &Kind) {
        let found = match &node.value {
            NodeValue::Scalar(s) => format!("`{}`", s.text),
            _ => describe(node).to_string(),
        };
        self.error(
            node.span,
            format!("expected a {}, found {found}", kind.describe()),
        );
    }

    /// Resolves a value of `kind`.
    fn value(&mut self, node: &Node, kind: &'static Kind) -> Option<Value> {
        let span = node.span;
        let value = |kind| Some(Value { kind, span });
        match kind {
            Kind::String => match &node.value {
                NodeValue::Scalar(s) => {
                    let text = self.text_value(node, &s.text);
                    value(ValueKind::Text(text))
                }
                _ => {
                    self.kind_error(node, kind);
                    None
                }
            },
            Kind::Bool => match scalar(node).and_then(parse_bool) {
                Some(b) => value(ValueKind::Bool(b)),
                None => {
                    self.kind_error(node, kind);
                    None
                }
            },
            Kind::Number | Kind::Integer => match scalar(node).and_then(parse_number) {
                Some(n) if matches!(kind, Kind::Integer) && n.fract() != 0.0 => {
                    self.error(span, format!("expected a whole number, found `{n}`"));
                    None
                }
                Some(n) => value(ValueKind::Number(n)),
                None => {
                    self.kind_error(node, kind);
                    None
                }
            },
            Kind::Duration => match scalar(node).and_then(parse_duration) {
                Some(d) => value(ValueKind::Duration(d)),
                None => {
                    self.kind_error(node, kind);
                    if let Some(d) = self.diags.last_mut() {
                        d.hint = Some("write `<n> <unit>` with unit millis, seconds, minutes, hours or days, or ISO 8601 (`PT5M`)".into());
                    }
                    None
                }
            },
            Kind::Enum(def) => self.enum_value(node, def),
            Kind::Construct(types) => self.construct_ref(node, types),
            Kind::Integration(types) => self.integration_ref(node, types),
            Kind::List(inner) => match &node.value {
                NodeValue::Seq(items) => {
                    let values = items
                        .iter()
                        .filter_map(|item| self.value(item, inner))
                        .collect();
                    value(ValueKind::List(values))
                }
                _ => {
                    self.kind_error(node, kind);
                    if let Some(s) = scalar(node) {
                        let s = s.to_string();
                        let d = self.diags.pop();
                        if let Some(d) = d {
                            self.diags
                                .push(d.with_fix("Wrap in a list", span, format!("[{s}]")));
                        }
                    }
                    None
                }
            },
            Kind::Map(inner) => {
                let entries = match &node.value {
                    NodeValue::Map(entries) => entries,
                    _ => {
                        self.kind_error(node, kind);
                        return None;
                    }
                };
                let mut items = Vec::new();
                for entry in entries {
                    let Some(key) = self.key(&entry.key) else {
                        continue;
                    };
                    if let Some(v) = self.value(&entry.value, inner) {
                        items.push((key, v));
                    }
                }
                value(ValueKind::Map(items))
            }
            Kind::Struct(defs) => {
                let props = self.props(node, defs, "here", span)?;
                value(ValueKind::Struct(props))
            }
            Kind::ParameterMapping => self.parameter_mapping(node),
        }
    }

    fn text_value(&mut self, node: &Node, decoded: &str) -> Text {
        let span = node.span;
        let source = self.text.get(span.start..span.end).unwrap_or("");
        let base = if source == decoded {
            Some(span.start)
        } else if source.len() >= 2 && source.get(1..source.len() - 1) == Some(decoded) {
            Some(span.start + 1)
        } else {
            None
        };
        let map = SourceMap { base, whole: span };
        let paths = &self.paths;
        let (text, errors) = parse_text(decoded, map, &|h| {
            paths.contains_key(h) || BUILTIN_HEADS.contains(&h)
        });
        for e in errors {
            self.expr_error(e);
        }
        for expr in text.exprs() {
            self.check_expr(expr);
        }
        text
    }

    /// Checks an expression's members against the attributes the schema lists for its head.
    fn check_expr(&mut self, expr: &Expr) {
        let head = expr.head.value.as_str();
        if is_builtin(expr) || (BUILTIN_HEADS.contains(&head) && !self.paths.contains_key(head)) {
            return self.check_builtin(expr);
        }
        let Some(mut ty) = self.paths.get(head).copied() else {
            return;
        };
        let mut ends_on_value = false;
        for (i, member) in expr.members.iter().enumerate() {
            let last = i + 1 == expr.members.len();
            if ends_on_value {
                self.error(
                    member.name.span,
                    format!(
                        "`{}` is a string: it has no attribute `{}`",
                        expr.members[i - 1].name.value,
                        member.name.value
                    ),
                );
                return;
            }
            let Some(attr) = ty.attr(&member.name.value) else {
                let names: Vec<&str> = ty.attrs.iter().map(|a| a.name).collect();
                let mut d = Diagnostic::error(
                    member.name.span,
                    format!("{} has no attribute `{}`", ty.name, member.name.value),
                );
                if let Some(best) = did_you_mean(&member.name.value, names.iter().copied()) {
                    d = d.with_hint(format!("did you mean `{best}`?")).with_fix(
                        format!("Replace with `{best}`"),
                        member.name.span,
                        best,
                    );
                } else if names.is_empty() {
                    d = d.with_hint(format!("{} has no attributes", ty.name));
                } else {
                    d = d.with_hint(format!("available: {}", names.join(", ")));
                }
                self.diags.push(d);
                return;
            };
            match (&attr.kind, &member.args) {
                (AttrKind::Method(params), Some(args)) => {
                    if args.len() > params.len() {
                        self.error(
                            member.name.span,
                            format!(
                                "{} takes at most {} arguments: {}",
                                attr.name,
                                params.len(),
                                params.join(", ")
                            ),
                        );
                        return;
                    }
                    ends_on_value = true;
                }
                (AttrKind::Method(params), None) => {
                    self.error(
                        member.name.span,
                        format!(
                            "{} is a method: write `{}({})`",
                            attr.name,
                            attr.name,
                            params.join(", ")
                        ),
                    );
                    return;
                }
                (_, Some(_)) => {
                    self.error(
                        member.name.span,
                        format!("`{}` is not a method: remove the parentheses", attr.name),
                    );
                    return;
                }
                (AttrKind::Value, None) => ends_on_value = true,
                (AttrKind::Child(child), None) => {
                    let Some(child_ty) = schema::find_type(child) else {
                        return;
                    };
                    ty = child_ty;
                    if last {
                        self.error(
                            expr.span,
                            format!("`{}` is a {}, not a value", attr.name, child),
                        )
                        .hint = Some("add an attribute, e.g. `.url`".into());
                    }
                }
            }
        }
        if expr.members.is_empty() {
            self.error(expr.span, "this expression names a construct, not a value")
                .hint = Some("add an attribute, e.g. `.url`".into());
        }
    }

    /// `${Fn.importValue(Name)}` and `${Aws.REGION}`-style pseudo parameters.
    fn check_builtin(&mut self, expr: &Expr) {
        let ok = match (expr.head.value.as_str(), expr.members.as_slice()) {
            ("Fn", [m]) => {
                m.name.value == "importValue" && matches!(m.args.as_deref(), Some([Some(_)]))
            }
            ("Aws", [m]) => {
                m.args.is_none()
                    && AWS_PSEUDO_PARAMETERS
                        .iter()
                        .any(|(name, _)| *name == m.name.value)
            }
            _ => false,
        };
        if !ok {
            let hint = if expr.head.value == "Fn" {
                "write `${Fn.importValue(ExportName)}`".to_string()
            } else {
                let names: Vec<&str> = AWS_PSEUDO_PARAMETERS.iter().map(|(n, _)| *n).collect();
                format!(
                    "write one of: {}",
                    names
                        .iter()
                        .map(|n| format!("Aws.{n}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            self.error(
                expr.span,
                format!("unsupported `{}` expression", expr.head.value),
            )
            .hint = Some(hint);
        }
    }

    fn expr_error(&mut self, e: ExprError) {
        let mut d = Diagnostic::error(e.span, e.message);
        if let Some(head) = e.unknown_head {
            let candidates: Vec<&str> = self.paths.keys().map(String::as_str).collect();
            if let Some(best) = did_you_mean(&head, candidates) {
                d = d.with_hint(format!("did you mean `{best}`?")).with_fix(
                    format!("Replace with `{best}`"),
                    e.span,
                    best,
                );
            } else {
                d = d.with_hint(
                    "an expression starts with the path of an entry under `constructs:`",
                );
            }
        }
        self.diags.push(d);
    }

    fn enum_value(&mut self, node: &Node, def: &'static schema::EnumDef) -> Option<Value> {
        let span = node.span;
        match &node.value {
            NodeValue::Scalar(s) => {
                if let Some(member) = def.member(&s.text) {
                    return Some(Value {
                        kind: ValueKind::Member(member),
                        span,
                    });
                }
                let mut d = Diagnostic::error(
                    span,
                    format!("`{}` is not a member of {}", s.text, def.name),
                );
                let names = def.members.iter().map(|m| m.name);
                if let Some(best) = did_you_mean(&s.text, names.clone()) {
                    d = d.with_hint(format!("did you mean `{best}`?")).with_fix(
                        format!("Replace with `{best}`"),
                        span,
                        best,
                    );
                } else if def.members.is_empty() {
                    let factories: Vec<&str> = def.factories.iter().map(|f| f.name).collect();
                    d = d.with_hint(format!("write a one-key mapping: {}", factories.join(", ")));
                } else {
                    d = d.with_hint(format!(
                        "expected one of: {}",
                        names.collect::<Vec<_>>().join(", ")
                    ));
                }
                self.diags.push(d);
                None
            }
            NodeValue::Map(entries) if entries.len() == 1 => {
                let entry = entries.first()?;
                let name = scalar(&entry.key).unwrap_or("");
                let Some(factory) = def.factory(name) else {
                    let key = Spanned {
                        value: name.to_string(),
                        span: entry.key.span,
                    };
                    self.unknown_key(
                        &key,
                        &format!("for {}", def.name),
                        def.factories.iter().map(|f| f.name),
                    );
                    return None;
                };
                let arg = self.value(&entry.value, &factory.arg)?;
                Some(Value {
                    kind: ValueKind::Factory(factory, Box::new(arg)),
                    span,
                })
            }
            _ => {
                self.kind_error(node, &Kind::Enum(def));
                None
            }
        }
    }

    fn construct_ref(&mut self, node: &Node, types: &[&str]) -> Option<Value> {
        let Some(path) = scalar(node) else {
            self.error(
                node.span,
                format!("expected the path of a construct, found {}", describe(node)),
            );
            return None;
        };
        let Some(ty) = self.paths.get(path).copied() else {
            let candidates: Vec<&str> = self
                .paths
                .iter()
                .filter(|(_, t)| types.is_empty() || types.contains(&t.name))
                .map(|(p, _)| p.as_str())
                .collect();
            let mut d = Diagnostic::error(node.span, format!("unknown construct `{path}`"));
            if let Some(best) = did_you_mean(path, candidates) {
                d = d.with_hint(format!("did you mean `{best}`?")).with_fix(
                    format!("Replace with `{best}`"),
                    node.span,
                    best,
                );
            } else if let Some(first) = types.first() {
                d = d.with_hint(format!(
                    "define it under `constructs:` with `type: {first}`"
                ));
            }
            self.diags.push(d);
            return None;
        };
        if !types.is_empty() && !types.contains(&ty.name) {
            self.error(
                node.span,
                format!(
                    "`{path}` is a {}, expected a {}",
                    ty.name,
                    types.join(" or ")
                ),
            );
            return None;
        }
        Some(Value {
            kind: ValueKind::Construct(path.to_string()),
            span: node.span,
        })
    }

    fn integration_ref(&mut self, node: &Node, types: &[&str]) -> Option<Value> {
        let index = match &node.value {
            NodeValue::Scalar(s) => match self.integration_ids.get(&s.text) {
                Some(index) => (*index)?,
                None => {
                    let candidates: Vec<&str> =
                        self.integration_ids.keys().map(String::as_str).collect();
                    let mut d =
                        Diagnostic::error(node.span, format!("unknown integration `{}`", s.text));
                    if let Some(best) = did_you_mean(&s.text, candidates) {
                        d = d.with_hint(format!("did you mean `{best}`?")).with_fix(
                            format!("Replace with `{best}`"),
                            node.span,
                            best,
                        );
                    } else {
                        d = d.with_hint("define it under `integrations:`, or write it inline with `type:` and `id:`");
                    }
                    self.diags.push(d);
                    return None;
                }
            },
            NodeValue::Map(_) => match self.inline_integrations.get(&node.origin) {
                Some(index) => *index,
                None => {
                    let id = Spanned {
                        value: String::new(),
                        span: node.span,
                    };
                    let index = self.object(id, node, true)?;
                    self.inline_integrations.insert(node.origin, index);
                    index
                }
            },
            _ => {
                self.error(
                    node.span,
                    format!(
                        "expected an integration id or an inline integration, found {}",
                        describe(node)
                    ),
                );
                return None;
            }
        };
        let ty = self.model.integrations.get(index)?.ty;
        if !types.contains(&ty.name) {
            self.error(
                node.span,
                format!(
                    "a {} cannot be used here; expected {}",
                    ty.name,
                    types.join(" or ")
                ),
            );
            return None;
        }
        Some(Value {
            kind: ValueKind::Integration(index),
            span: node.span,
        })
    }

    fn parameter_mapping(&mut self, node: &Node) -> Option<Value> {
        let Some(entries) = as_map(node) else {
            self.kind_error(node, &Kind::ParameterMapping);
            return None;
        };
        let mut items = Vec::new();
        for entry in entries {
            let Some(key) = self.key(&entry.key) else {
                continue;
            };
            if !valid_mapping_key(&key.value) {
                self.error(key.span, format!("`{}` is not a parameter mapping key", key.value)).hint = Some(
                    "write `action:location`, e.g. `append:header.x-id`, `overwrite:path`, `remove:querystring.debug`".into(),
                );
                continue;
            }
            let v = match &entry.value.value {
                NodeValue::Null => Some(Value {
                    kind: ValueKind::Text(Text::default()),
                    span: entry.value.span,
                }),
                _ => self.value(&entry.value, &Kind::String),
            };
            if let Some(v) = v {
                items.push((key, v));
            }
        }
        Some(Value {
            kind: ValueKind::Map(items),
            span: node.span,
        })
    }
}

/// Whether `key` is `append|overwrite|remove:header.x|querystring.x|path`, or a WebSocket-style
/// mapping key (`integration.request.header.x`), as `ParameterMapping.custom` accepts.
fn valid_mapping_key(key: &str) -> bool {
    if key.starts_with("integration.") {
        return true;
    }
    let Some((action, location)) = key.split_once(':') else {
        return false;
    };
    let location_ok = location == "path"
        || location
            .strip_prefix("header.")
            .is_some_and(|n| !n.is_empty())
        || location
            .strip_prefix("querystring.")
            .is_some_and(|n| !n.is_empty())
        || location.starts_with("statuscode");
    matches!(action, "append" | "overwrite" | "remove") && location_ok
}
