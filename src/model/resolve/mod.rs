//! Resolve: the YAML tree into the [`Model`], driven by the schema table. Never fails: what
//! cannot be resolved is reported as a diagnostic and left out of the model.

mod exprs;
mod memo;
mod metrics;
mod names;
pub mod paths;
mod values;

pub use memo::{Memo, Previous};

use values::Required;

use std::sync::Arc;

use crate::hash::HashMap;

use super::schema::{self, CallShape, Kind, OUTPUT_PROPS, Role, SECTIONS, STACK_PROPS, TypeDef};
use super::suggest::did_you_mean;
use super::{
    Call, Construct, Import, Model, Object, Output, Prop, Props, Spanned, StackDef, ValueKind,
    validate,
};
use crate::diagnostic::Diagnostic;
use crate::syntax::{Node, NodeValue, Span};

pub use exprs::{AWS_PSEUDO_PARAMETERS, BUILTIN_HEADS, is_builtin};

/// Resolves the YAML tree of `text` into the model and the diagnostics found on the way.
pub fn resolve(root: Option<&Node>, text: &str) -> (Model, Vec<Diagnostic>) {
    let (model, diags, _) = run(root, text, false, None);
    (model, diags)
}

/// [`resolve`] for a document that will be edited: the calls whose text is as in the
/// `previous` version, and whose names answer the same, are taken from its memo; returns the
/// memo for the next version too. The result equals [`resolve`]'s.
pub fn resolve_keeping(
    root: Option<&Node>,
    text: &str,
    previous: Option<Previous<'_>>,
) -> (Model, Vec<Diagnostic>, Memo) {
    let (model, diags, memo) = run(root, text, true, previous);
    (model, diags, memo.unwrap_or_default())
}

/// Resolves and validates; keeps a memo when `keep`, taking calls from `previous`.
fn run(
    root: Option<&Node>,
    text: &str,
    keep: bool,
    previous: Option<Previous<'_>>,
) -> (Model, Vec<Diagnostic>, Option<Memo>) {
    let mut r = Resolver {
        text,
        diags: Vec::new(),
        names: names::Names::default(),
        entry_paths: crate::hash::HashSet::default(),
        owner: None,
        inline_objects: HashMap::default(),
        model: Model::default(),
        in_math_expression: false,
        recall: previous.filter(|_| keep).map(memo::Recall::new),
        // About as many calls as last time.
        memo: keep.then(|| Memo::with_capacity(previous.map_or(0, |p| p.memo.len()))),
    };
    if let Some(root) = root {
        r.document(root);
    }
    let Resolver {
        mut model,
        mut diags,
        names,
        memo,
        ..
    } = r;
    model.known_paths = names.into_paths();
    crate::give_way::between_stages();
    model.plan = Some(validate::validate(&model, text, &mut diags));
    (model, diags, memo)
}

struct Resolver<'a> {
    /// Whether a math expression's metrics are being resolved (they cannot nest).
    in_math_expression: bool,
    text: &'a str,
    diags: Vec<Diagnostic>,
    /// The construct paths, object ids and broken entries references may name.
    names: names::Names,
    /// The keys of the entries under `constructs:` that define a construct.
    entry_paths: crate::hash::HashSet<String>,
    /// The prop whose value is being resolved, to name the owner of nested keys.
    owner: Option<&'static str>,
    /// Inline objects by the YAML identity of their mapping (an alias is the same object).
    inline_objects: HashMap<Span, usize>,
    model: Model,
    /// The calls the previous version's resolve kept, looked through in document order.
    recall: Option<memo::Recall<'a>>,
    /// The calls kept for the next version, when the document will be edited.
    memo: Option<Memo>,
}

/// The mapping entries of a node, or `None` (after reporting) when it is not a mapping.
/// The most construct entries read; see `Resolver::within_entry_limit`.
pub const MAX_CONSTRUCT_ENTRIES: usize = 1_000;

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

    /// Whether the parent of a `Parent/Id` path (of an entry, or of an `output `) is a known
    /// construct; reports it when not, with how to define it.
    fn check_parent(&mut self, path: &Spanned<String>, what: &str, how: &str) -> bool {
        let Some((parent, _)) = path.value.rsplit_once('/') else {
            return true;
        };
        if self.names.path(parent).is_some() {
            return true;
        }
        self.error(
            path.span,
            format!("parent `{parent}` of {what}`{}` is not defined", path.value),
        )
        .hint = Some(format!("define `{parent}` {how}"));
        false
    }

    /// Whether `path` is (or lies below) an entry whose type could not be resolved.
    fn is_broken(&self, path: &str) -> bool {
        self.names.is_broken(path)
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
        let constructs = constructs.map(|c| self.within_entry_limit(c));
        if let Some(constructs) = constructs {
            let paths = paths::construct_paths(constructs);
            self.entry_paths = paths.entries;
            self.names.set_paths(paths.types, paths.broken);
            self.model.path_order = paths.order;
        }
        for role in [Role::Integration, Role::Authorizer] {
            if let Some(entries) = role.section().and_then(section) {
                self.objects(&entries.value, role);
            }
        }
        if let Some(constructs) = constructs {
            let mut seen: HashMap<String, Span> = HashMap::default();
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
                if let Some((target, method)) =
                    paths::call_entry(&path.value, |p| self.names.path(p))
                {
                    if let Some(c) =
                        self.call_entry_construct(path, target, method, &entry.value, &seen)
                    {
                        self.model.constructs.push(c);
                    }
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

    /// The first [`MAX_CONSTRUCT_ENTRIES`] entries of `constructs`; an error at the first one
    /// past the limit (CDK allows 500 resources in a stack, and checks on the rest would only
    /// take time).
    fn within_entry_limit<'n>(
        &mut self,
        constructs: &'n [crate::syntax::Entry],
    ) -> &'n [crate::syntax::Entry] {
        let Some(first_past) = constructs.get(MAX_CONSTRUCT_ENTRIES) else {
            return constructs;
        };
        self.error(
            first_past.key.span,
            format!(
                "more than {MAX_CONSTRUCT_ENTRIES} entries in `constructs`; the rest are not read: a stack holds at most 500 resources, split the definition over several files"
            ),
        );
        &constructs[..MAX_CONSTRUCT_ENTRIES]
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

    /// The entries of an object section (`integrations:`, `authorizers:`), keyed by CDK id.
    fn objects(&mut self, node: &Node, role: Role) {
        if matches!(node.value, NodeValue::Null) {
            return;
        }
        let section = role.section().unwrap_or_default();
        let Some(entries) = self.expect_map(node, &format!("`{section}`")) else {
            return;
        };
        for entry in entries {
            let Some(id) = self.key(&entry.key) else {
                continue;
            };
            if self.names.object(role, &id.value).is_some() {
                self.error(
                    id.span,
                    format!("{} `{}` is defined twice", role.noun(), id.value),
                );
                continue;
            }
            let index = self.object(id.clone(), &entry.value, role, false);
            self.names.define_object(role, id.value, index);
        }
    }

    /// Resolves an integration or authorizer definition; `inline` ones carry their own `id:`
    /// when CDK gives their type one.
    fn object(
        &mut self,
        id: Spanned<String>,
        node: &Node,
        role: Role,
        inline: bool,
    ) -> Option<usize> {
        let entries = self.expect_map(node, &format!("{} `{}`", role.noun(), id.value))?;
        let field = |name: &str| entries.iter().find(|e| scalar(&e.key) == Some(name));
        let ty = self.type_field(field("type").map(|e| &e.value), id.span, role)?;
        if !inline && !ty.keyed {
            self.error(
                id.span,
                format!(
                    "{} has no id in CDK: write it inline where it is used",
                    ty.name
                ),
            )
            .hint = Some(format!("`authorizer: {{ type: {} }}`", ty.name));
            return None;
        }
        let id = if inline && ty.keyed {
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
                    .hint = Some(match role {
                        Role::Authorizer => "add `id: MyAuthorizer`".to_string(),
                        _ => "add `id: MyIntegration`".to_string(),
                    });
                    return None;
                }
            }
        } else if inline {
            Spanned {
                value: String::new(),
                span: node.span,
            }
        } else {
            id
        };
        let skip: &[&str] = if inline && ty.keyed {
            &["type", "id"]
        } else {
            &["type"]
        };
        let props =
            self.props_except(node, ty.props, &format!("for {}", ty.name), id.span, skip)?;
        self.model.objects.push(Object { id, ty, props });
        self.names.push_object(ty);
        Some(self.model.objects.len() - 1)
    }

    /// Resolves a `type:` value to a type of the expected role.
    fn type_field(
        &mut self,
        node: Option<&Node>,
        owner_span: Span,
        role: Role,
    ) -> Option<&'static TypeDef> {
        let Some(node) = node else {
            let example = schema::class_types()
                .find(|t| t.role == role)
                .map_or("HttpApi", |t| t.name);
            self.error(owner_span, "missing `type:`").hint =
                Some(format!("add `type: {example}` (the CDK class name)"));
            return None;
        };
        let name = scalar(node).unwrap_or("");
        let Some(ty) = schema::find_type(name) else {
            let candidates = schema::class_types()
                .filter(|t| t.role == role)
                .map(|t| t.name);
            let mut d = Diagnostic::error(node.span, format!("unknown type `{name}`"));
            if name == schema::CFN_RESOURCE.name {
                d = d.with_hint(
                    "a CfnResource's `type:` is its CloudFormation type (`type: AWS::Logs::LogGroup`)",
                );
                self.diags.push(d);
                return None;
            }
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
            let message = match (ty.role, ty.role.section()) {
                (Role::Construct, _) => {
                    format!("{} is a construct: define it under `constructs:`", ty.name)
                }
                (Role::Integration | Role::Authorizer, Some(section)) => format!(
                    "{} is an {}: define it under `{section}:`, or inline",
                    ty.name,
                    ty.role.noun()
                ),
                _ => format!(
                    "{} is created by a method of its parent (`addRoutes`): refer to it by its path, e.g. `Api/GET--books`",
                    ty.name
                ),
            };
            self.error(node.span, message);
            return None;
        }
        Some(ty)
    }

    fn construct(&mut self, path: Spanned<String>, node: &Node) -> Option<Construct> {
        let entries = self.expect_map(node, &format!("construct `{}`", path.value))?;
        let field = |name: &str| entries.iter().find(|e| scalar(&e.key) == Some(name));
        let parent_broken = path
            .value
            .rsplit_once('/')
            .is_some_and(|(parent, _)| self.is_broken(parent));
        let (ty, explicit) = match field("type") {
            Some(t) => {
                if let Some(created) = self.names.path(&path.value)
                    && scalar(&t.value)
                        .and_then(schema::find_type)
                        .is_some_and(|t| std::ptr::eq(t, created))
                    && created.role == Role::Child
                {
                    self.error(
                        t.key.span,
                        format!(
                            "`{}` is the {} CDK creates: drop `type:`",
                            path.value, created.name
                        ),
                    )
                    .hint = Some(
                        "an entry without `type:` keyed by a child's path holds calls on that child"
                            .into(),
                    );
                    return None;
                }
                (
                    self.type_field(Some(&t.value), path.span, Role::Construct)?,
                    true,
                )
            }
            None => match self.names.path(&path.value) {
                Some(ty) => (ty, false),
                None if parent_broken => return None,
                None => {
                    self.type_field(None, path.span, Role::Construct);
                    return None;
                }
            },
        };
        if explicit && !parent_broken {
            self.check_parent(&path, "", "(e.g. `type: Construct`) before its children");
        }
        let cfn_type = field("type")
            .filter(|_| std::ptr::eq(ty, &schema::CFN_RESOURCE))
            .and_then(|t| {
                Some(Spanned {
                    value: scalar(&t.value)?.to_string(),
                    span: t.value.span,
                })
            });
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
            cfn_type,
        };
        let mut prop_entries = Vec::new();
        // A misspelt import (`fromFunctionArnn`) makes the missing props moot.
        let mut attempted_import = false;
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
                        attempted_import |= name.starts_with("from") && !ty.imports.is_empty();
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
                if attempted_import {
                    Required::Skip
                } else {
                    Required::Check
                },
            );
        }
        Some(construct)
    }

    /// A call entry: one method call on `target`, run at its place in code order. The target
    /// must have run already: an earlier entry, or a child CDK created.
    fn call_entry_construct(
        &mut self,
        key: Spanned<String>,
        target: String,
        method: &'static schema::MethodDef,
        value: &Node,
        seen: &HashMap<String, Span>,
    ) -> Option<Construct> {
        let defined_later = self.entry_paths.contains(&target) && !seen.contains_key(&target);
        if defined_later {
            self.error(
                key.span,
                format!(
                    "`{}` calls a method of `{target}`, which is defined below it",
                    key.value
                ),
            )
            .hint = Some(format!(
                "a call entry runs at its place in code order: move it below `{target}`"
            ));
            return None;
        }
        let mut calls = Vec::new();
        self.calls(method, value, &mut calls);
        Some(Construct {
            path: Spanned {
                value: target,
                span: key.span,
            },
            ty: None,
            props: Props {
                items: Vec::new(),
                span: value.span,
            },
            import: None,
            calls,
            depends_on: Vec::new(),
            cfn_type: None,
        })
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

    fn calls(&mut self, method: &'static schema::MethodDef, node: &Node, out: &mut Vec<Arc<Call>>) {
        let context = format!("for {}", method.name);
        match method.shape {
            CallShape::List => {
                let bare = method.bare_param();
                let items: Vec<&Node> = match &node.value {
                    NodeValue::Seq(items) => items.iter().collect(),
                    NodeValue::Map(_) => vec![node],
                    _ if bare.is_some() => vec![node],
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
                out.reserve(items.len());
                for item in items {
                    self.memoized(method, item.span, out, |r, out| {
                        r.list_call(method, item, &context, out);
                    });
                }
            }
            CallShape::Keyed | CallShape::KeyedValue => {
                let is_list_of_maps = matches!(&node.value, NodeValue::Seq(items) if items.iter().all(|i| as_map(i).is_some()));
                let entries: Option<Vec<&crate::syntax::Entry>> =
                    (as_map(node).is_some() || is_list_of_maps).then(|| paths::keyed_calls(node));
                let Some(entries) = entries else {
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
                    self.memoized(method, entry.span(), out, |r, out| {
                        r.keyed_call(method, entry, &context, out);
                    });
                }
            }
        }
    }

    /// Resolves the call of `method` written at `span` with `resolve`, which pushes it onto
    /// `out` or reports why not; when the document will be edited, takes it from the previous
    /// version's memo instead if it can, and keeps it for the next version if it can.
    fn memoized(
        &mut self,
        method: &'static schema::MethodDef,
        span: Span,
        out: &mut Vec<Arc<Call>>,
        resolve: impl FnOnce(&mut Self, &mut Vec<Arc<Call>>),
    ) {
        let top_level = self.owner.is_none() && !self.in_math_expression;
        if self.memo.is_none() || !top_level {
            return resolve(self, out);
        }
        if let (Some(recall), Some(memo)) = (&mut self.recall, &mut self.memo) {
            let taken = recall.take(method, self.text, span, &self.names, memo);
            if let Some(call) = taken {
                out.push(call);
                return;
            }
        }
        let before = (self.diags.len(), self.model.objects.len(), out.len() + 1);
        self.names.record();
        resolve(self, out);
        let lookups = self.names.recorded();
        // Only a call resolved without a word and without defining an object is kept.
        let after = (self.diags.len(), self.model.objects.len(), out.len());
        if let (Some(lookups), Some(memo), Some(call)) = (lookups, &mut self.memo, out.last())
            && before == after
        {
            memo.keep_new(method, self.text, span, Arc::clone(call), lookups);
        }
    }

    /// One item of a list-shaped method's calls: options, or the bare first argument.
    fn list_call(
        &mut self,
        method: &'static schema::MethodDef,
        item: &Node,
        context: &str,
        out: &mut Vec<Arc<Call>>,
    ) {
        if let Some(def) = method.bare_param()
            && as_map(item).is_none()
        {
            // The bare first argument: `addApiKey: [Key]`.
            if let Some(value) = self.value(item, &def.kind) {
                out.push(Arc::new(Call {
                    method,
                    key: None,
                    args: Props {
                        items: vec![Prop {
                            def,
                            key_span: item.span,
                            value,
                        }],
                        span: item.span,
                    },
                    span: item.span,
                }));
            }
            return;
        }
        if let Some(args) = self.props(item, method.params, context, item.span) {
            out.push(Arc::new(Call {
                method,
                key: None,
                args,
                span: item.span,
            }));
        }
    }

    /// One entry of a keyed method's calls: the key is the first argument.
    fn keyed_call(
        &mut self,
        method: &'static schema::MethodDef,
        entry: &crate::syntax::Entry,
        context: &str,
        out: &mut Vec<Arc<Call>>,
    ) {
        let Some(key) = self.key(&entry.key) else {
            return;
        };
        let args = if method.shape == CallShape::Keyed {
            let value_or_empty = if matches!(entry.value.value, NodeValue::Null) {
                Some(Props {
                    items: Vec::new(),
                    span: entry.value.span,
                })
            } else {
                self.props(&entry.value, method.params, context, key.span)
            };
            let Some(args) = value_or_empty else { return };
            args
        } else {
            let Some(def) = method.params.first() else {
                return;
            };
            let Some(value) = self.value(&entry.value, &def.kind) else {
                return;
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
        let span = key.span;
        out.push(Arc::new(Call {
            method,
            key: Some(key),
            args,
            span,
        }));
    }

    /// Checks an output's id, a construct path like an entry's (`Url`, `Group/Url`): its
    /// logical ID is CDK's `makeUniqueId` of that path. `false` when CDK refuses it.
    fn output_id(&mut self, id: &Spanned<String>) -> bool {
        let components: Vec<&str> = id.value.split('/').collect();
        if components.iter().any(|c| c.is_empty()) {
            self.error(
                id.span,
                format!("output id `{}` has an empty path component", id.value),
            )
            .hint = Some("write the output's construct id, or `Parent/Id`".into());
            return false;
        }
        if components.iter().all(|c| *c == "Default") {
            self.error(
                id.span,
                "Unable to calculate a unique id for an empty set of components",
            )
            .hint = Some(
                "a construct id `Default` is dropped from logical IDs: rename the output".into(),
            );
            return false;
        }
        if !self.check_parent(
            id,
            "output ",
            "under `constructs:` (e.g. `type: Construct`)",
        ) {
            return false;
        }
        if super::output_logical_id(&id.value).is_empty() {
            self.diags.push(
                Diagnostic::warning(
                    id.span,
                    format!(
                        "output `{}` has an empty logical ID: CloudFormation will reject it",
                        id.value
                    ),
                )
                .with_hint("logical IDs keep only the letters and digits of the id: add some"),
            );
        }
        true
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
            if !self.output_id(&id) {
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
}
