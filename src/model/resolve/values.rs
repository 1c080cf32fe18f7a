//! Resolving values by their schema kind: props of a mapping (unknown and missing keys),
//! scalars, enum members and factories, construct and integration references, parameter
//! mappings.

use super::{Resolver, as_map, describe, scalar};
use crate::diagnostic::Diagnostic;
use crate::model::schema::{self, Kind, PropDef};
use crate::model::suggest::did_you_mean;
use crate::model::values::{parse_bool, parse_duration, parse_number};
use crate::model::{Prop, Props, Spanned, Text, Value, ValueKind};
use crate::syntax::{Node, NodeValue, Span};

/// Whether missing required props are reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Required {
    /// Report each missing one.
    Check,
    /// Do not: the entry is broken in a way that makes them moot (a misspelt import).
    Skip,
}

impl Resolver<'_> {
    pub(super) fn props(
        &mut self,
        node: &Node,
        defs: &'static [PropDef],
        context: &str,
        owner: Span,
    ) -> Option<Props> {
        self.props_except(node, defs, context, owner, &[])
    }

    /// Resolves a mapping of props; keys in `skip` are handled by the caller.
    pub(super) fn props_except(
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
        Some(self.prop_entries(&known, defs, context, owner, node.span, Required::Check))
    }

    /// Resolves entries already known to be props, and reports missing required ones at `owner`.
    pub(super) fn prop_entries(
        &mut self,
        entries: &[&crate::syntax::Entry],
        defs: &'static [PropDef],
        context: &str,
        owner: Span,
        span: Span,
        required: Required,
    ) -> Props {
        let mut props = Props {
            items: Vec::with_capacity(entries.len()),
            span,
        };
        for entry in entries {
            let Some(name) = scalar(&entry.key) else {
                continue;
            };
            let Some(def) = schema::find_prop(defs, name) else {
                continue;
            };
            let outer = self.owner.replace(def.name);
            let value = self.value(&entry.value, &def.kind);
            self.owner = outer;
            if let Some(value) = value {
                props.items.push(Prop {
                    def,
                    key_span: entry.key.span,
                    value,
                });
            }
        }
        for def in defs
            .iter()
            .filter(|d| d.required && required == Required::Check)
        {
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

    pub(super) fn kind_error(&mut self, node: &Node, kind: &Kind) {
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
    pub(super) fn value(&mut self, node: &Node, kind: &'static Kind) -> Option<Value> {
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
            Kind::Object(types) => self.object_ref(node, types),
            Kind::List(inner) => match &node.value {
                NodeValue::Seq(items) => {
                    let mut values = Vec::with_capacity(items.len());
                    values.extend(items.iter().filter_map(|item| self.value(item, inner)));
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
                let context = match self.owner {
                    Some(owner) => format!("in {owner}"),
                    None => "here".to_string(),
                };
                let props = self.props(node, defs, &context, span)?;
                value(ValueKind::Struct(props))
            }
            Kind::ParameterMapping => self.parameter_mapping(node),
            Kind::Metric => self.metric(node),
            Kind::Json => self.json_value(node),
        }
    }

    /// CloudFormation data, typed by YAML: plain `true`/`false` and numbers keep their type,
    /// other scalars are text (with `${...}`), maps and lists element by element.
    pub(super) fn json_value(&mut self, node: &Node) -> Option<Value> {
        let span = node.span;
        let kind = match &node.value {
            NodeValue::Null => {
                self.error(span, "expected a CloudFormation value, found nothing")
                    .hint = Some("write a value, or remove the key".into());
                return None;
            }
            NodeValue::Scalar(s) if s.plain && parse_bool(&s.text).is_some() => {
                ValueKind::Bool(parse_bool(&s.text)?)
            }
            NodeValue::Scalar(s) if s.plain && parse_number(&s.text).is_some() => {
                ValueKind::Number(parse_number(&s.text)?)
            }
            NodeValue::Scalar(s) => ValueKind::Text(self.text_value(node, &s.text)),
            NodeValue::Seq(items) => {
                ValueKind::List(items.iter().filter_map(|i| self.json_value(i)).collect())
            }
            NodeValue::Map(entries) => {
                let mut items = Vec::new();
                for entry in entries {
                    let Some(key) = self.key(&entry.key) else {
                        continue;
                    };
                    if let Some(v) = self.json_value(&entry.value) {
                        items.push((key, v));
                    }
                }
                ValueKind::Map(items)
            }
        };
        Some(Value { kind, span })
    }

    pub(super) fn enum_value(
        &mut self,
        node: &Node,
        def: &'static schema::EnumDef,
    ) -> Option<Value> {
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

    pub(super) fn construct_ref(&mut self, node: &Node, types: &[&str]) -> Option<Value> {
        let Some(path) = scalar(node) else {
            self.error(
                node.span,
                format!("expected the path of a construct, found {}", describe(node)),
            );
            return None;
        };
        let Some(ty) = self.names.path(path) else {
            if self.is_broken(path) {
                return None;
            }
            let candidates: Vec<&str> = self
                .names
                .all_paths()
                .filter(|(_, t)| types.is_empty() || types.contains(&t.name))
                .map(|(p, _)| p)
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

    /// An integration or authorizer: an id under its section, or an inline definition. The
    /// accepted types tell which.
    pub(super) fn object_ref(&mut self, node: &Node, types: &[&str]) -> Option<Value> {
        let role = schema::object_role(types);
        let noun = role.noun();
        let section = role.section().unwrap_or_default();
        let index = match &node.value {
            NodeValue::Scalar(s) => {
                match self.names.object(role, &s.text) {
                    Some(index) => index?,
                    // An imported construct the prop accepts too (`HttpAuthorizer`), by path.
                    None if self
                        .names
                        .path(&s.text)
                        .is_some_and(|t| types.contains(&t.name)) =>
                    {
                        return Some(Value {
                            kind: ValueKind::Construct(s.text.to_string()),
                            span: node.span,
                        });
                    }
                    None if self.is_broken(&s.text) => return None,
                    None => {
                        let candidates: Vec<&str> = self.names.all_objects(role).collect();
                        let mut d =
                            Diagnostic::error(node.span, format!("unknown {noun} `{}`", s.text));
                        if let Some(best) = did_you_mean(&s.text, candidates) {
                            d = d.with_hint(format!("did you mean `{best}`?")).with_fix(
                                format!("Replace with `{best}`"),
                                node.span,
                                best,
                            );
                        } else {
                            d = d.with_hint(format!(
                            "define it under `{section}:`, or write it inline with `type:` and `id:`"
                        ));
                        }
                        self.diags.push(d);
                        return None;
                    }
                }
            }
            NodeValue::Map(_) => match self.inline_objects.get(&node.origin) {
                Some(index) => {
                    // An alias of an inline object: the same object, wherever it is defined.
                    self.names.spoil_recording();
                    *index
                }
                None => {
                    let id = Spanned {
                        value: String::new(),
                        span: node.span,
                    };
                    let index = self.object(id, node, role, true)?;
                    self.inline_objects.insert(node.origin, index);
                    index
                }
            },
            _ => {
                self.error(
                    node.span,
                    format!(
                        "expected an {noun} id or an inline {noun}, found {}",
                        describe(node)
                    ),
                );
                return None;
            }
        };
        let ty = self.names.object_type(index)?;
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
            kind: ValueKind::Object(index),
            span: node.span,
        })
    }

    pub(super) fn parameter_mapping(&mut self, node: &Node) -> Option<Value> {
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
                // CDK takes any key (`ParameterMapping.custom`); API Gateway rejects it.
                self.diags.push(
                    Diagnostic::warning(
                        key.span,
                        format!(
                            "API Gateway rejects `{}`: an HTTP API's parameter mapping key is \
                             `action:location`",
                            key.value
                        ),
                    )
                    .with_hint(
                        "write `action:location`, e.g. `append:header.x-id`, `overwrite:path`, \
                         `remove:querystring.debug`",
                    ),
                );
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
