//! Mapping a key path onto the schema: what the schema table expects at a path ([`Place`])
//! and what a key means there ([`KeyDef`]).
//!
//! Mapping a path onto the schema ([`place_at`]) is driven by the schema table alone: sections,
//! construct entries (their `type:`, or the type of the child CDK creates for an entry without
//! one), props, imports, methods and their call shapes, structs, lists, maps, enum factories,
//! inline integrations and outputs.

use super::{Known, Segment};
use crate::model::resolve::paths::call_entry;
use crate::model::schema::{
    self, CallShape, FactoryDef, ImportDef, Kind, MethodDef, OUTPUT_PROPS, PropDef, Role, SECTIONS,
    STACK_PROPS, Section, TypeDef,
};
use crate::syntax::Node;

/// What the schema table expects at a path.
#[derive(Clone, Copy, Debug)]
pub enum Place {
    /// The top-level mapping: sections.
    Document,
    /// `constructs:`: entries keyed by construct path.
    Constructs,
    /// One construct entry. `ty` is its `type:` (or, without one, the type of the child CDK
    /// created at that path); `explicit` tells whether `type:` is written.
    Construct {
        /// The entry's type, when known.
        ty: Option<&'static TypeDef>,
        /// Whether the entry has a `type:` key.
        explicit: bool,
    },
    /// `integrations:` or `authorizers:`: objects of that role keyed by id.
    Objects(Role),
    /// One integration or authorizer mapping: an entry under its section or an inline one.
    Object {
        /// Integration or authorizer.
        role: Role,
        /// Its `type:`, when known.
        ty: Option<&'static TypeDef>,
        /// The integration types accepted here (empty: any).
        accepted: &'static [&'static str],
        /// Whether it is written inline (then it needs an `id:`).
        inline: bool,
    },
    /// `outputs:`: outputs keyed by id.
    Outputs,
    /// One output: a string, or a mapping of [`OUTPUT_PROPS`].
    Output,
    /// The value of a method key: its calls.
    Calls(&'static MethodDef),
    /// One call of a list-shaped method whose first argument may stand bare (`addApiKey:
    /// [Key]`): that argument's value, or a mapping of the parameters.
    CallItem(&'static MethodDef),
    /// A mapping of props (a struct, the options of a call, `stack:`).
    Props(&'static [PropDef]),
    /// A value of a schema kind; `prop` is the prop it belongs to, when there is one.
    Value {
        /// The kind.
        kind: &'static Kind,
        /// The prop (or parameter) whose value this is.
        prop: Option<&'static PropDef>,
    },
    /// The value of `type:`: a type name of `role`, one of `accepted` when that is not empty.
    TypeName {
        /// Constructs or integrations.
        role: Role,
        /// The accepted type names (empty: any of the role).
        accepted: &'static [&'static str],
    },
    /// The value of a parameter mapping entry (`$request.header.x`, `$context.requestId`, text).
    MappingValue,
    /// Nothing the schema knows (an `x-` key, an unknown key, a wrong shape).
    Unknown,
}

/// What a key means, found from the place of its mapping.
#[derive(Clone, Copy, Debug)]
pub enum KeyDef {
    /// A top-level section.
    Section(&'static Section),
    /// A top-level `x-` key (ignored; a place for anchors).
    Extension,
    /// A key under `constructs:`: a construct path.
    Entry,
    /// A key under `integrations:` or `authorizers:`: an object's id.
    ObjectId(Role),
    /// A key under `outputs:`: an output id.
    OutputId,
    /// `type:` of a construct or integration.
    Type {
        /// Constructs or integrations.
        role: Role,
        /// The accepted type names (empty: any of the role).
        accepted: &'static [&'static str],
    },
    /// `dependsOn:` of a construct.
    DependsOn,
    /// `id:` of an inline integration.
    Id,
    /// A static import.
    Import(&'static ImportDef),
    /// A method.
    Method(&'static MethodDef),
    /// A prop or parameter.
    Prop(&'static PropDef),
    /// The first argument of a keyed call (`addStage: { Beta: ... }`).
    CallKey(&'static MethodDef),
    /// A static factory of an enum-like class (`fromInline`).
    Factory(&'static FactoryDef),
    /// A parameter mapping key (`append:header.x`).
    MappingKey,
    /// A key of a free map (stage variables, environment); its values have `kind`.
    MapKey(&'static Kind),
    /// The call of a metric value (`Api.metricLatency:`), whose value is its options.
    MetricCall(&'static [PropDef]),
}

/// `dependsOn:` takes construct paths of any type.
static DEPENDS_ON: Kind = Kind::List(&Kind::Construct(&[]));
/// Texts without a prop: output values, inline integration ids.
static TEXT: Kind = Kind::String;

impl Place {
    /// The place seen as a mapping: what its keys mean. A struct is its props, an integration
    /// value an inline integration (typed by the `type:` of `node`), an output its props, the
    /// calls of a list-shaped method one call's options.
    pub fn mapping(self, node: Option<&Node>) -> Place {
        match self {
            Place::Value {
                kind: Kind::Struct(defs),
                ..
            } => Place::Props(defs),
            Place::Value {
                kind: Kind::Object(types),
                ..
            } => Place::Object {
                role: schema::object_role(types),
                ty: type_of(node),
                accepted: types,
                inline: true,
            },
            Place::Output => Place::Props(OUTPUT_PROPS),
            Place::Calls(m) if m.shape == CallShape::List => Place::Props(m.params),
            Place::CallItem(m) => Place::Props(m.params),
            other => other,
        }
    }

    /// The place of a sequence item.
    pub fn item(self) -> Place {
        match self {
            Place::Calls(m) if m.shape == CallShape::List && m.bare_param().is_some() => {
                Place::CallItem(m)
            }
            Place::Calls(m) if m.shape == CallShape::List => Place::Props(m.params),
            Place::Value {
                kind: Kind::List(inner),
                prop,
            } => Place::Value { kind: inner, prop },
            _ => Place::Unknown,
        }
    }

    /// What the key `name` means in this place (seen as a mapping, see [`Place::mapping`]).
    pub fn key(self, name: &str) -> Option<KeyDef> {
        match self {
            Place::Document => {
                if name.starts_with("x-") {
                    return Some(KeyDef::Extension);
                }
                SECTIONS
                    .iter()
                    .find(|s| s.name == name)
                    .map(KeyDef::Section)
            }
            Place::Constructs => Some(KeyDef::Entry),
            Place::Objects(role) => Some(KeyDef::ObjectId(role)),
            Place::Outputs => Some(KeyDef::OutputId),
            Place::Construct { ty, explicit } => match name {
                "type" => Some(KeyDef::Type {
                    role: Role::Construct,
                    accepted: &[],
                }),
                "dependsOn" => Some(KeyDef::DependsOn),
                _ => {
                    let ty = ty?;
                    if let Some(i) = ty.import(name) {
                        Some(KeyDef::Import(i))
                    } else if let Some(m) = ty.method(name) {
                        Some(KeyDef::Method(m))
                    } else if explicit {
                        ty.prop(name).map(KeyDef::Prop)
                    } else {
                        None
                    }
                }
            },
            Place::Object {
                role,
                ty,
                accepted,
                inline,
            } => match name {
                "type" => Some(KeyDef::Type { role, accepted }),
                "id" if inline && ty.is_none_or(|t| t.keyed) => Some(KeyDef::Id),
                _ => ty?.prop(name).map(KeyDef::Prop),
            },
            Place::Calls(m) => match m.shape {
                CallShape::List => schema::find_prop(m.params, name).map(KeyDef::Prop),
                CallShape::Keyed | CallShape::KeyedValue => Some(KeyDef::CallKey(m)),
            },
            Place::Props(defs) => schema::find_prop(defs, name).map(KeyDef::Prop),
            Place::CallItem(m) => schema::find_prop(m.params, name).map(KeyDef::Prop),
            Place::Value { kind, .. } => match kind {
                Kind::Enum(def) => def.factory(name).map(KeyDef::Factory),
                Kind::Map(inner) => Some(KeyDef::MapKey(inner)),
                Kind::ParameterMapping => Some(KeyDef::MappingKey),
                // `Api.metricLatency:` takes the metric's options (`metric` its name too).
                Kind::Metric if name == "MathExpression" => {
                    Some(KeyDef::MetricCall(schema::MATH_EXPRESSION_PROPS))
                }
                Kind::Metric if name.ends_with(".metric") => {
                    Some(KeyDef::MetricCall(schema::GENERIC_METRIC_OPTIONS))
                }
                Kind::Metric => Some(KeyDef::MetricCall(schema::METRIC_OPTIONS)),
                _ => None,
            },
            Place::Output | Place::TypeName { .. } | Place::MappingValue | Place::Unknown => None,
        }
    }

    /// The fixed keys of this place (seen as a mapping), in the order completion lists them.
    pub fn keys(self) -> Vec<KeyDef> {
        match self {
            Place::Document => SECTIONS.iter().map(KeyDef::Section).collect(),
            Place::Construct { ty, explicit } => {
                let mut keys = Vec::new();
                // A child CDK created (a known type without `type:`) takes method calls only.
                if explicit || ty.is_none() {
                    keys.push(KeyDef::Type {
                        role: Role::Construct,
                        accepted: &[],
                    });
                }
                if let Some(ty) = ty {
                    if explicit {
                        keys.extend(ty.props.iter().map(KeyDef::Prop));
                    }
                    keys.extend(ty.methods.iter().map(KeyDef::Method));
                    if explicit {
                        keys.extend(ty.imports.iter().map(KeyDef::Import));
                    }
                }
                keys.push(KeyDef::DependsOn);
                keys
            }
            Place::Object {
                role,
                ty,
                accepted,
                inline,
            } => {
                let mut keys = vec![KeyDef::Type { role, accepted }];
                if inline && ty.is_none_or(|t| t.keyed) {
                    keys.push(KeyDef::Id);
                }
                if let Some(ty) = ty {
                    keys.extend(ty.props.iter().map(KeyDef::Prop));
                }
                keys
            }
            Place::CallItem(m) => m.params.iter().map(KeyDef::Prop).collect(),
            Place::Calls(m) if m.shape == CallShape::List => {
                m.params.iter().map(KeyDef::Prop).collect()
            }
            Place::Props(defs) => defs.iter().map(KeyDef::Prop).collect(),
            Place::Value {
                kind: Kind::Enum(def),
                ..
            } => def.factories.iter().map(KeyDef::Factory).collect(),
            _ => Vec::new(),
        }
    }
}

impl KeyDef {
    /// The key's fixed name (`None` for names the user chooses: paths, ids, map keys).
    pub fn name(self) -> Option<&'static str> {
        match self {
            KeyDef::Section(s) => Some(s.name),
            KeyDef::Type { .. } => Some("type"),
            KeyDef::DependsOn => Some("dependsOn"),
            KeyDef::Id => Some("id"),
            KeyDef::Import(i) => Some(i.name),
            KeyDef::Method(m) => Some(m.name),
            KeyDef::Prop(p) => Some(p.name),
            KeyDef::Factory(f) => Some(f.name),
            KeyDef::Extension
            | KeyDef::Entry
            | KeyDef::ObjectId(_)
            | KeyDef::OutputId
            | KeyDef::CallKey(_)
            | KeyDef::MappingKey
            | KeyDef::MapKey(_)
            | KeyDef::MetricCall(_) => None,
        }
    }

    /// The place of the key's value. `key` is the key as written, `value` its value node (for
    /// `type:` lookups), `known` the document's names (for entries without `type:`).
    pub fn place(self, key: &str, value: Option<&Node>, known: &Known) -> Place {
        match self {
            KeyDef::Section(s) => match s.name {
                "stack" => Place::Props(STACK_PROPS),
                "constructs" => Place::Constructs,
                "integrations" => Place::Objects(Role::Integration),
                "authorizers" => Place::Objects(Role::Authorizer),
                "outputs" => Place::Outputs,
                _ => Place::Unknown,
            },
            KeyDef::Extension => Place::Unknown,
            KeyDef::Entry
                if value.and_then(|v| v.get("type")).is_none()
                    && let Some((_, method)) = call_entry(key, |p| known.path_type(p)) =>
            {
                Place::Calls(method)
            }
            KeyDef::Entry => match value.and_then(|v| v.get("type")) {
                Some(t) => Place::Construct {
                    ty: t.as_str().and_then(schema::find_type),
                    explicit: true,
                },
                None => Place::Construct {
                    ty: known.path_type(key),
                    explicit: false,
                },
            },
            KeyDef::ObjectId(role) => Place::Object {
                role,
                ty: type_of(value),
                accepted: &[],
                inline: false,
            },
            KeyDef::OutputId => Place::Output,
            KeyDef::Type { role, accepted } => Place::TypeName { role, accepted },
            KeyDef::DependsOn => Place::Value {
                kind: &DEPENDS_ON,
                prop: None,
            },
            KeyDef::Id => Place::Value {
                kind: &TEXT,
                prop: None,
            },
            KeyDef::Import(i) => Place::Value {
                kind: &i.arg,
                prop: None,
            },
            KeyDef::Method(m) => Place::Calls(m),
            KeyDef::Prop(p) => Place::Value {
                kind: &p.kind,
                prop: Some(p),
            },
            KeyDef::CallKey(m) => match m.shape {
                CallShape::KeyedValue => match m.params.first() {
                    Some(p) => Place::Value {
                        kind: &p.kind,
                        prop: Some(p),
                    },
                    None => Place::Unknown,
                },
                _ => Place::Props(m.params),
            },
            KeyDef::Factory(f) => Place::Value {
                kind: &f.arg,
                prop: None,
            },
            KeyDef::MappingKey => Place::MappingValue,
            KeyDef::MapKey(kind) => Place::Value { kind, prop: None },
            KeyDef::MetricCall(options) => Place::Props(options),
        }
    }
}

/// The type named by the `type:` of a mapping node.
fn type_of(node: Option<&Node>) -> Option<&'static TypeDef> {
    node?.get("type")?.as_str().and_then(schema::find_type)
}

/// The schema place of `path`, following the tree alongside for `type:` values.
pub fn place_at(root: Option<&Node>, path: &[Segment], known: &Known) -> Place {
    let mut place = Place::Document;
    let mut node = root;
    for segment in path {
        match segment {
            Segment::Key(k) => {
                let value = node.and_then(|n| n.get(k));
                place = match place.mapping(node).key(k) {
                    Some(def) => def.place(k, value, known),
                    None => Place::Unknown,
                };
                node = value;
            }
            Segment::Index(i) => {
                place = place.item();
                node = node.and_then(Node::as_seq).and_then(|items| items.get(*i));
            }
        }
    }
    place
}

/// The key definition of the last key of `path` (`None` when the path ends on an index).
pub fn key_def_at(root: Option<&Node>, path: &[Segment], known: &Known) -> Option<KeyDef> {
    let (Segment::Key(last), parent) = path.split_last()? else {
        return None;
    };
    let place = place_at(root, parent, known);
    place.mapping(node_at(root, parent)).key(last)
}

/// The tree node at `path`.
pub fn node_at<'a>(root: Option<&'a Node>, path: &[Segment]) -> Option<&'a Node> {
    let mut node = root?;
    for segment in path {
        node = match segment {
            Segment::Key(k) => node.get(k)?,
            Segment::Index(i) => node.as_seq()?.get(*i)?,
        };
    }
    Some(node)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{API, check};

    #[test]
    fn inline_integrations_and_created_children() {
        assert_eq!(
            check(&format!(
                "{API}    addRoutes:\n      - path: /a\n        integration:\n          type: HttpLambdaIntegration\n          $0\n"
            )),
            "key at [constructs / HttpApi / addRoutes / 0 / integration] word \"\" place integration HttpLambdaIntegration inline"
        );
        assert_eq!(
            check(&format!(
                "{API}    addRoutes:\n      - {{ path: /a, integration: {{ type: $0 }} }}\n"
            )),
            "value at [constructs / HttpApi / addRoutes / 0 / integration / type] word \"\" place type name Integration flow"
        );
        assert_eq!(
            check(&format!("{API}  HttpApi/DefaultStage:\n    $0\n")),
            "key at [constructs / HttpApi/DefaultStage] word \"\" place construct HttpStage (created)"
        );
        assert_eq!(
            check(&format!("{API}    addStage:\n      beta:\n        $0\n")),
            "key at [constructs / HttpApi / addStage / beta] word \"\" place props stageName,description,autoDeploy,throttle,detailedMetricsEnabled,stageVariables,domainMapping,accessLogSettings"
        );
        assert_eq!(
            check("integrations:\n  I:\n    type: HttpUrlIntegration\n    $0\n"),
            "key at [integrations / I] word \"\" place integration HttpUrlIntegration"
        );
        assert_eq!(
            check("stack:\n  env:\n    $0\n"),
            "key at [stack / env] word \"\" place props account,region"
        );
        assert_eq!(
            check("outputs:\n  A:\n    $0\n"),
            "key at [outputs / A] word \"\" place props value,description,exportName"
        );
    }
}
