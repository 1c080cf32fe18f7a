//! Where the cursor is: the cursor's place in the document, for completion and hover.
//!
//! [`context`] answers, for a byte offset, the key path from the root
//! (`constructs / HttpApi / addRoutes / 0 / integration`), whether the cursor is on a key or a
//! value, the word being typed, the tree nodes around it, what the schema table expects there
//! ([`Place`]) and, inside a string, the `${...}` expression being written ([`ExprCursor`]).
//!
//! The YAML tree answers when the cursor is on a node it holds. While the user types, the line
//! under the cursor is often missing from the tree (a half-typed key is a syntax error, and the
//! parser's recovery blanks it), so the raw text decides then: indentation chooses the parent
//! of a block key, and a small scanner reads a flow collection (`- { path: /a, integration: `)
//! up to the cursor. Lines above the cursor are found in the tree by the offset of their key,
//! and read from the text only when the tree lost them too.
//!
//! Mapping a path onto the schema ([`place_at`]) is driven by the schema table alone: sections,
//! construct entries (their `type:`, or the type of the child CDK creates for an entry without
//! one), props, imports, methods and their call shapes, structs, lists, maps, enum factories,
//! inline integrations and outputs.

use std::fmt;

use super::analysis::Analysis;
use crate::model::resolve::BUILTIN_HEADS;
use crate::model::schema::{
    self, CallShape, FactoryDef, ImportDef, Kind, MethodDef, OUTPUT_PROPS, PropDef, Role, SECTIONS,
    STACK_PROPS, Section, TypeDef,
};
use crate::syntax::{Node, NodeValue, Span};

/// One step of a path from the document root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// The value of a mapping key.
    Key(String),
    /// An item of a sequence.
    Index(usize),
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Segment::Key(k) => f.write_str(k),
            Segment::Index(i) => write!(f, "{i}"),
        }
    }
}

/// What the cursor is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spot {
    /// A key of the mapping at the context's path (written, being typed, or a new one).
    Key,
    /// The value at the context's path.
    Value,
}

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
    /// `integrations:`: integrations keyed by id.
    Integrations,
    /// One integration mapping: an entry under `integrations:` or an inline one.
    Integration {
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
    /// A key under `integrations:`: an integration id.
    IntegrationId,
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
}

/// `dependsOn:` takes construct paths of any type.
static DEPENDS_ON: Kind = Kind::List(&Kind::Construct(&[]));
/// Texts without a prop: output values, inline integration ids.
static TEXT: Kind = Kind::String;

/// A construct path that expressions and references may name, with its type.
#[derive(Clone, Debug)]
pub struct KnownPath {
    /// The path (`HttpApi`, `HttpApi/DefaultStage`).
    pub path: String,
    /// Its type.
    pub ty: &'static TypeDef,
    /// Whether CDK creates it (a child such as `HttpApi/DefaultStage`) rather than an entry.
    pub created: bool,
}

/// An id under `integrations:` with its type.
#[derive(Clone, Debug)]
pub struct KnownIntegration {
    /// The id.
    pub id: String,
    /// Its type, when its `type:` names one.
    pub ty: Option<&'static TypeDef>,
}

/// The names a document defines, read from its tree (so they are known while it has errors).
#[derive(Clone, Debug, Default)]
pub struct Known {
    /// Every construct path: the entries under `constructs:` and the children CDK creates.
    pub paths: Vec<KnownPath>,
    /// Every id under `integrations:`.
    pub integrations: Vec<KnownIntegration>,
}

impl Known {
    /// Collects the names of a document, as `resolve` does before it resolves references.
    pub fn of(root: Option<&Node>) -> Known {
        let mut known = Known::default();
        let Some(root) = root else {
            return known;
        };
        if let Some(entries) = root.get("constructs").and_then(Node::as_map) {
            for entry in entries {
                let (Some(path), Some(_)) = (entry.key.as_str(), entry.value.as_map()) else {
                    continue;
                };
                let field = |name: &str| entry.value.get(name);
                let Some(ty) = field("type")
                    .and_then(Node::as_str)
                    .and_then(schema::find_type)
                else {
                    continue;
                };
                if ty.role != Role::Construct {
                    continue;
                }
                known.push(path.to_string(), ty, false);
                // Keep in step with resolve's `collect_paths`: the children CDK creates.
                if ty.name == "HttpApi"
                    && field("createDefaultStage").and_then(Node::as_str) != Some("false")
                {
                    known.push(format!("{path}/DefaultStage"), &schema::HTTP_STAGE, true);
                }
                for method in ty.methods {
                    let (Some(child), Some(calls)) =
                        (method.creates, field(method.name).and_then(Node::as_map))
                    else {
                        continue;
                    };
                    let Some(child_ty) = schema::find_type(child) else {
                        continue;
                    };
                    for call in calls {
                        if let Some(id) = call.key.as_str() {
                            known.push(format!("{path}/{id}"), child_ty, true);
                        }
                    }
                }
            }
        }
        if let Some(entries) = root.get("integrations").and_then(Node::as_map) {
            for entry in entries {
                let Some(id) = entry.key.as_str() else {
                    continue;
                };
                let ty = entry
                    .value
                    .get("type")
                    .and_then(Node::as_str)
                    .and_then(schema::find_type);
                known.integrations.push(KnownIntegration {
                    id: id.to_string(),
                    ty,
                });
            }
        }
        known
    }

    fn push(&mut self, path: String, ty: &'static TypeDef, created: bool) {
        if !self.paths.iter().any(|p| p.path == path) {
            self.paths.push(KnownPath { path, ty, created });
        }
    }

    /// The type of a construct path.
    pub fn path_type(&self, path: &str) -> Option<&'static TypeDef> {
        self.paths.iter().find(|p| p.path == path).map(|p| p.ty)
    }

    /// Whether `head` can start an expression: a construct path, `Fn` or `Aws`.
    pub fn is_head(&self, head: &str) -> bool {
        BUILTIN_HEADS.contains(&head) || self.path_type(head).is_some()
    }
}

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
                kind: Kind::Integration(types),
                ..
            } => Place::Integration {
                ty: type_of(node),
                accepted: types,
                inline: true,
            },
            Place::Output => Place::Props(OUTPUT_PROPS),
            Place::Calls(m) if m.shape == CallShape::List => Place::Props(m.params),
            other => other,
        }
    }

    /// The place of a sequence item.
    pub fn item(self) -> Place {
        match self {
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
            Place::Integrations => Some(KeyDef::IntegrationId),
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
            Place::Integration {
                ty,
                accepted,
                inline,
            } => match name {
                "type" => Some(KeyDef::Type {
                    role: Role::Integration,
                    accepted,
                }),
                "id" if inline => Some(KeyDef::Id),
                _ => ty?.prop(name).map(KeyDef::Prop),
            },
            Place::Calls(m) => match m.shape {
                CallShape::List => schema::find_prop(m.params, name).map(KeyDef::Prop),
                CallShape::Keyed | CallShape::KeyedValue => Some(KeyDef::CallKey(m)),
            },
            Place::Props(defs) => schema::find_prop(defs, name).map(KeyDef::Prop),
            Place::Value { kind, .. } => match kind {
                Kind::Enum(def) => def.factory(name).map(KeyDef::Factory),
                Kind::Map(inner) => Some(KeyDef::MapKey(inner)),
                Kind::ParameterMapping => Some(KeyDef::MappingKey),
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
            Place::Integration {
                ty,
                accepted,
                inline,
            } => {
                let mut keys = vec![KeyDef::Type {
                    role: Role::Integration,
                    accepted,
                }];
                if inline {
                    keys.push(KeyDef::Id);
                }
                if let Some(ty) = ty {
                    keys.extend(ty.props.iter().map(KeyDef::Prop));
                }
                keys
            }
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
            | KeyDef::IntegrationId
            | KeyDef::OutputId
            | KeyDef::CallKey(_)
            | KeyDef::MappingKey
            | KeyDef::MapKey(_) => None,
        }
    }

    /// The place of the key's value. `key` is the key as written, `value` its value node (for
    /// `type:` lookups), `known` the document's names (for entries without `type:`).
    pub fn place(self, key: &str, value: Option<&Node>, known: &Known) -> Place {
        match self {
            KeyDef::Section(s) => match s.name {
                "stack" => Place::Props(STACK_PROPS),
                "constructs" => Place::Constructs,
                "integrations" => Place::Integrations,
                "outputs" => Place::Outputs,
                _ => Place::Unknown,
            },
            KeyDef::Extension => Place::Unknown,
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
            KeyDef::IntegrationId => Place::Integration {
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

/// Where in a `${...}` expression the cursor is.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprCursor {
    /// Offset of the expression's `${`.
    pub start: usize,
    /// The head, when the text typed so far starts with a known head and a `.`.
    pub head: Option<String>,
    /// The members between the head and the cursor's member (complete ones).
    pub members: Vec<String>,
    /// What the cursor is on.
    pub at: ExprAt,
    /// The part being typed: the replace range of a completion.
    pub word: Span,
}

/// The part of an expression the cursor is on.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprAt {
    /// The head (right after `${`).
    Head,
    /// A member after a `.`.
    Member,
    /// Argument `index` of the method call `method(`.
    Arg {
        /// The method's name.
        method: String,
        /// The 0-based argument index.
        index: usize,
    },
}

/// Everything completion and hover need to know about the cursor.
#[derive(Clone, Debug)]
pub struct CursorContext<'a> {
    /// The byte offset (clamped to the text and to a char boundary).
    pub offset: usize,
    /// Whether the cursor is on a key or a value.
    pub spot: Spot,
    /// For [`Spot::Key`], the path of the mapping the key belongs to; for [`Spot::Value`], the
    /// path of the value.
    pub path: Vec<Segment>,
    /// What the schema expects at `path` (for keys, use [`CursorContext::key_place`]).
    pub place: Place,
    /// The word at the cursor: the range a completion replaces (may be empty).
    pub word: Span,
    /// The key or value node under the cursor, when the tree holds it.
    pub node: Option<&'a Node>,
    /// For [`Spot::Key`], the mapping node at `path` (to see which keys exist).
    pub mapping: Option<&'a Node>,
    /// The column (bytes from the line start) where a key written at the cursor starts, the
    /// indentation of a block snippet's further lines.
    pub column: usize,
    /// Whether the cursor is inside a flow collection (`{ }` or `[ ]`): snippets stay on one line.
    pub flow: bool,
    /// Whether a value inserted here needs a space first (the cursor is right after `key:`).
    pub needs_space: bool,
    /// For [`Spot::Value`], where the value's text starts (after an opening quote).
    pub value_start: Option<usize>,
    /// The `${...}` expression the cursor is in.
    pub expr: Option<ExprCursor>,
    /// The names the document defines.
    pub known: Known,
}

impl CursorContext<'_> {
    /// The place whose keys a key at the cursor may be (the place at `path` seen as a mapping).
    pub fn key_place(&self) -> Place {
        self.place.mapping(self.mapping)
    }

    /// The keys already written in the mapping at the cursor (the key under the cursor aside).
    pub fn existing_keys(&self) -> Vec<&str> {
        let Some(entries) = self.mapping.and_then(Node::as_map) else {
            return Vec::new();
        };
        entries
            .iter()
            .filter(|e| !e.key.span.contains(self.offset))
            .filter_map(|e| e.key.as_str())
            .collect()
    }
}

/// The context of the cursor at byte `offset` of the analysed document, or `None` where
/// nothing can be said (inside a comment).
pub fn context(a: &Analysis, offset: usize) -> Option<CursorContext<'_>> {
    let text = a.text.as_str();
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let root = a.root.as_ref();
    let lines = Lines { text, root };
    let located = lines.locate(offset)?;
    let known = Known::of(root);
    let place = place_at(root, &located.path, &known);
    let mut located = located;
    if located.spot == Spot::Value && starts_block_key(text, located.node, place) {
        // A word alone on its line where a mapping belongs (`Foo:\n    ap`) is a key being typed.
        located.spot = Spot::Key;
        located.value_start = None;
        located.needs_space = false;
    }
    let mapping = match located.spot {
        Spot::Key => node_at(root, &located.path),
        Spot::Value => None,
    };
    let expr = match (located.spot, located.value_start) {
        (Spot::Value, Some(start)) => expr_cursor(text, start, offset, &known),
        _ => None,
    };
    Some(CursorContext {
        offset,
        spot: located.spot,
        path: located.path,
        place,
        word: located.word,
        node: located.node,
        mapping,
        column: located.column,
        flow: located.flow,
        needs_space: located.needs_space,
        value_start: located.value_start,
        expr,
        known,
    })
}

/// Whether a plain scalar value is alone on its line (after indentation and `- `) where the
/// schema expects a mapping: then it is a key being typed.
fn starts_block_key(text: &str, node: Option<&Node>, place: Place) -> bool {
    let Some(node) = node else {
        return false;
    };
    let plain = matches!(&node.value, NodeValue::Scalar(s) if s.plain);
    let ls = line_start(text, node.span.start);
    let alone = text
        .get(ls..node.span.start)
        .is_some_and(|t| t.chars().all(|c| c == ' ' || c == '-'));
    let expects_mapping = match place {
        Place::Document | Place::Constructs | Place::Integrations | Place::Outputs => true,
        Place::Construct { .. } | Place::Props(_) | Place::Calls(_) => true,
        Place::Integration { inline, .. } => !inline,
        Place::Value { kind, .. } => {
            matches!(
                kind,
                Kind::Struct(_) | Kind::Map(_) | Kind::ParameterMapping
            )
        }
        Place::Output | Place::TypeName { .. } | Place::MappingValue | Place::Unknown => false,
    };
    plain && alone && expects_mapping
}

/// The largest char boundary at or before `offset`.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while o > 0 && !text.is_char_boundary(o) {
        o -= 1;
    }
    o
}

/// What [`Lines::locate`] found.
#[derive(Debug)]
struct Located<'a> {
    spot: Spot,
    path: Vec<Segment>,
    word: Span,
    node: Option<&'a Node>,
    column: usize,
    flow: bool,
    needs_space: bool,
    value_start: Option<usize>,
}

/// Characters of a word a key completion replaces.
fn is_key_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | '$')
}

/// Characters of a word a value completion replaces.
fn is_value_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | '$')
}

/// The range of the word around `offset` made of `is_word` chars, not crossing `floor` nor
/// a line break.
fn word_around(text: &str, offset: usize, floor: usize, is_word: fn(char) -> bool) -> Span {
    let before = text.get(floor.min(offset)..offset).unwrap_or("");
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(offset, |(i, _)| floor.min(offset) + i);
    let after = text.get(offset..).unwrap_or("");
    let end = after
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(text.len(), |(i, _)| offset + i);
    Span::new(start, end)
}

/// The start of the line holding `offset`.
fn line_start(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1)
}

/// The end of the line holding `offset` (before `\r\n` or `\n`).
fn line_end(text: &str, offset: usize) -> usize {
    let end = text
        .get(offset..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| offset + i);
    if end > offset && text.as_bytes().get(end - 1) == Some(&b'\r') {
        end - 1
    } else {
        end
    }
}

/// One line, read for its block structure.
#[derive(Debug)]
struct Line<'t> {
    /// Byte offset of the line start.
    start: usize,
    /// The line's text (without its line break).
    text: &'t str,
    /// Leading spaces.
    indent: usize,
    /// Columns of the `- ` sequence indicators.
    dashes: Vec<usize>,
    /// Column after the indentation and the dashes.
    content: usize,
    /// The `key:` at `content`, when there is one.
    key: Option<LineKey>,
    /// Only spaces or a comment.
    blank: bool,
}

#[derive(Debug)]
struct LineKey {
    /// The key, quotes removed.
    name: String,
    /// Column of the first byte after the `:`.
    colon_end: usize,
}

impl<'t> Line<'t> {
    fn parse(start: usize, text: &'t str) -> Line<'t> {
        let bytes = text.as_bytes();
        let mut i = 0;
        while bytes.get(i) == Some(&b' ') {
            i += 1;
        }
        let indent = i;
        let blank = matches!(bytes.get(i), None | Some(b'#'));
        let mut dashes = Vec::new();
        while bytes.get(i) == Some(&b'-') && matches!(bytes.get(i + 1), None | Some(b' ')) {
            dashes.push(i);
            i += 1;
            while bytes.get(i) == Some(&b' ') {
                i += 1;
            }
        }
        let key = text
            .get(i..)
            .and_then(parse_key)
            .map(|(name, end)| LineKey {
                name,
                colon_end: i + end,
            });
        Line {
            start,
            text,
            indent,
            dashes,
            content: i,
            key,
            blank,
        }
    }

    /// The text after the indentation and dashes.
    fn rest(&self) -> &'t str {
        self.text.get(self.content..).unwrap_or("")
    }
}

/// A `key:` at the start of `s`: the key (unquoted) and the offset after the `:`.
fn parse_key(s: &str) -> Option<(String, usize)> {
    let first = s.chars().next()?;
    let colon_ok = |at: usize| {
        s.as_bytes().get(at) == Some(&b':')
            && matches!(s.as_bytes().get(at + 1), None | Some(b' ' | b'\t' | b'\r'))
    };
    if first == '"' || first == '\'' {
        let (value, len) = quoted(s)?;
        let mut at = len;
        while s.as_bytes().get(at) == Some(&b' ') {
            at += 1;
        }
        return colon_ok(at).then(|| (value, at + 1));
    }
    if matches!(
        first,
        '{' | '[' | '|' | '>' | '&' | '*' | '!' | '%' | '@' | '`' | '#' | '?'
    ) {
        return None;
    }
    let mut prev_space = false;
    for (i, c) in s.char_indices() {
        if c == '#' && prev_space {
            return None;
        }
        if c == ':' && colon_ok(i) {
            let name = s.get(..i)?.trim_end();
            return Some((name.to_string(), i + 1));
        }
        prev_space = c == ' ' || c == '\t';
    }
    None
}

/// A quoted scalar at the start of `s`: its decoded text and its length with the quotes
/// (`None` when it is not closed).
fn quoted(s: &str) -> Option<(String, usize)> {
    let quote = s.chars().next()?;
    let mut out = String::new();
    let mut chars = s.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        if c == quote {
            if quote == '\'' && chars.peek().map(|(_, n)| *n) == Some('\'') {
                chars.next();
                out.push('\'');
                continue;
            }
            return Some((out, i + 1));
        }
        if c == '\\' && quote == '"' {
            if let Some((_, n)) = chars.next() {
                out.push(n);
            }
            continue;
        }
        out.push(c);
    }
    None
}

/// Reads the document around a cursor: the tree first, the text where the tree has nothing.
struct Lines<'a> {
    text: &'a str,
    root: Option<&'a Node>,
}

/// The deepest recursion through parent lines (a guard against pathological input).
const MAX_LINE_DEPTH: usize = 64;

impl<'a> Lines<'a> {
    fn line(&self, start: usize) -> Line<'a> {
        let end = line_end(self.text, start);
        Line::parse(start, self.text.get(start..end).unwrap_or(""))
    }

    fn prev_line(&self, start: usize) -> Option<usize> {
        (start > 0).then(|| line_start(self.text, start - 1))
    }

    fn locate(&self, offset: usize) -> Option<Located<'a>> {
        let ls = line_start(self.text, offset);
        if let Some(found) = self.locate_in_tree(offset, ls) {
            return Some(found);
        }
        if let Some(found) = self.locate_in_flow_gap(offset) {
            return Some(found);
        }
        self.locate_in_text(offset, ls)
    }

    /// The key or value node of the tree under the cursor (on the cursor's line).
    fn locate_in_tree(&self, offset: usize, ls: usize) -> Option<Located<'a>> {
        let root = self.root?;
        let mut path = Vec::new();
        let mut node = root;
        let mut flow = false;
        loop {
            match &node.value {
                NodeValue::Map(entries) => {
                    flow = flow || self.is_flow(node);
                    let mut next = None;
                    for entry in entries {
                        if entry.key.span.contains(offset) && entry.key.span.start >= ls {
                            if !self.is_scalar_like(&entry.key) {
                                return None;
                            }
                            let word = word_around(self.text, offset, ls, is_key_char);
                            return Some(Located {
                                spot: Spot::Key,
                                path,
                                word,
                                node: Some(&entry.key),
                                column: word.start.saturating_sub(ls),
                                flow,
                                needs_space: false,
                                value_start: None,
                            });
                        }
                        if entry.value.span.contains(offset) && !entry.value.is_alias() {
                            let key = entry.key.as_str()?;
                            next = Some((Segment::Key(key.to_string()), &entry.value));
                            break;
                        }
                    }
                    let (segment, child) = next?;
                    path.push(segment);
                    node = child;
                }
                NodeValue::Seq(items) => {
                    flow = flow || self.is_flow(node);
                    let (i, child) = items
                        .iter()
                        .enumerate()
                        .find(|(_, item)| item.span.contains(offset) && !item.is_alias())?;
                    path.push(Segment::Index(i));
                    node = child;
                }
                NodeValue::Scalar(_) | NodeValue::Null => {
                    if node.span.start < ls {
                        // A scalar that began on an earlier line: the text decides.
                        return None;
                    }
                    let source = self.text.get(node.span.start..node.span.end).unwrap_or("");
                    let quoted = source.starts_with('"') || source.starts_with('\'');
                    if source.starts_with(['|', '>']) {
                        return None;
                    }
                    let value_start = node.span.start + usize::from(quoted);
                    if quoted && offset < value_start {
                        return None;
                    }
                    let floor = value_start;
                    let word = if quoted {
                        let inner_end = node.span.end.saturating_sub(1).max(value_start);
                        let w = word_around(self.text, offset, floor, is_value_char);
                        Span::new(w.start, w.end.min(inner_end).max(w.start))
                    } else {
                        word_around(self.text, offset, floor, is_value_char)
                    };
                    let needs_space = self
                        .text
                        .get(..word.start)
                        .is_some_and(|t| t.ends_with(':'));
                    return Some(Located {
                        spot: Spot::Value,
                        path,
                        word,
                        node: Some(node),
                        column: word.start.saturating_sub(ls),
                        flow,
                        needs_space,
                        value_start: Some(value_start),
                    });
                }
            }
        }
    }

    /// Whether a collection node is written in flow style.
    fn is_flow(&self, node: &Node) -> bool {
        self.text
            .get(node.span.start..)
            .is_some_and(|t| t.starts_with(['{', '[']))
    }

    fn is_scalar_like(&self, node: &Node) -> bool {
        matches!(node.value, NodeValue::Scalar(_) | NodeValue::Null)
    }

    /// The cursor between the items of a flow collection the tree holds (`{ a: 1, | }`).
    fn locate_in_flow_gap(&self, offset: usize) -> Option<Located<'a>> {
        let root = self.root?;
        let mut path = Vec::new();
        let mut node = root;
        let mut found: Option<(Vec<Segment>, &Node)> = None;
        loop {
            if self.is_flow(node) && node.span.start < offset && offset < node.span.end {
                found = Some((path.clone(), node));
            }
            let next = match &node.value {
                NodeValue::Map(entries) => entries
                    .iter()
                    .find(|e| e.value.span.contains(offset) && !e.value.is_alias())
                    .and_then(|e| Some((Segment::Key(e.key.as_str()?.to_string()), &e.value))),
                NodeValue::Seq(items) => items
                    .iter()
                    .enumerate()
                    .find(|(_, item)| item.span.contains(offset) && !item.is_alias())
                    .map(|(i, item)| (Segment::Index(i), item)),
                _ => None,
            };
            let Some((segment, child)) = next else { break };
            path.push(segment);
            node = child;
        }
        let (mut path, collection) = found?;
        let before = self.text.get(collection.span.start..offset)?;
        let last = before
            .trim_end_matches([' ', '\t', '\r', '\n'])
            .chars()
            .last()?;
        let ls = line_start(self.text, offset);
        let base = Located {
            spot: Spot::Key,
            path: Vec::new(),
            word: Span::new(offset, offset),
            node: None,
            column: offset - ls,
            flow: true,
            needs_space: last == ':' && before.ends_with(':'),
            value_start: Some(offset),
        };
        match &collection.value {
            NodeValue::Map(entries) => match last {
                '{' | ',' => Some(Located {
                    path,
                    value_start: None,
                    ..base
                }),
                ':' => {
                    let entry = entries
                        .iter()
                        .filter(|e| e.key.span.end <= offset)
                        .max_by_key(|e| e.key.span.end)?;
                    path.push(Segment::Key(entry.key.as_str()?.to_string()));
                    Some(Located {
                        spot: Spot::Value,
                        path,
                        ..base
                    })
                }
                _ => None,
            },
            NodeValue::Seq(items) => match last {
                '[' | ',' => {
                    let index = items.iter().filter(|i| i.span.end <= offset).count();
                    path.push(Segment::Index(index));
                    Some(Located {
                        spot: Spot::Value,
                        path,
                        ..base
                    })
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// The cursor on a line the tree does not hold (being typed), read from the text.
    fn locate_in_text(&self, offset: usize, ls: usize) -> Option<Located<'a>> {
        let before = self.text.get(ls..offset)?;
        let line = Line::parse(ls, before);
        if in_comment(before) {
            return None;
        }
        let base = |spot, path, word: Span, value_start| Located {
            spot,
            path,
            word,
            node: None,
            column: word.start.saturating_sub(ls),
            flow: false,
            needs_space: false,
            value_start,
        };
        if let Some(key) = &line.key {
            // `key: |`: the value of a key written on this line.
            let mut path = self.line_key_path(&line, 0)?;
            let rest = before.get(key.colon_end..).unwrap_or("");
            let lead = rest.len() - rest.trim_start().len();
            let value_at = ls + key.colon_end + lead;
            let value = rest.trim_start();
            if value.starts_with(['{', '[']) {
                return self.locate_in_flow_text(value, value_at, path, ls);
            }
            if value.starts_with(['|', '>', '&', '*', '!']) {
                return None;
            }
            let quoted = value.starts_with(['"', '\'']);
            let value_start = value_at + usize::from(quoted);
            let word = word_around(self.text, offset, value_start, is_value_char);
            let needs_space = lead == 0 && value.is_empty();
            let _ = &mut path;
            return Some(Located {
                needs_space,
                ..base(Spot::Value, path, word, Some(value_start))
            });
        }
        let rest = line.rest();
        if let Some(&first_dash) = line.dashes.first() {
            // `- |`: an item of a block sequence.
            let mut path = self.item_path(ls, first_dash, line.dashes.len(), 0)?;
            let content_at = ls + line.content;
            if rest.starts_with(['{', '[']) {
                return self.locate_in_flow_text(rest, content_at, path, ls);
            }
            let quoted = rest.starts_with(['"', '\'']);
            let value_start = content_at + usize::from(quoted);
            let word = word_around(self.text, offset, value_start, is_value_char);
            let known = Known::of(self.root);
            let place = place_at(self.root, &path, &known);
            let is_mapping = !quoted && !place.mapping(node_at(self.root, &path)).keys().is_empty();
            if is_mapping {
                return Some(base(Spot::Key, path, word, None));
            }
            let _ = &mut path;
            return Some(base(Spot::Value, path, word, Some(value_start)));
        }
        if rest.starts_with(['{', '[', '"', '\'', '|', '>', '&', '*', '!']) {
            return None;
        }
        // A key being typed (or a new line): indentation decides the mapping.
        let word = word_around(self.text, offset, ls + line.content, is_key_char);
        let column = word.start - ls;
        let path = self.container_path(ls, column, 0)?;
        Some(base(Spot::Key, path, word, None))
    }

    /// A flow collection being typed on the cursor's line: `s` is the text from its opener to
    /// the cursor, starting at byte `at`; `base` the path of the collection.
    fn locate_in_flow_text(
        &self,
        s: &str,
        at: usize,
        base: Vec<Segment>,
        ls: usize,
    ) -> Option<Located<'a>> {
        let scan = scan_flow(s)?;
        let mut path = base;
        path.extend(scan.path);
        let value_start = at + scan.token_start;
        let word = word_around(self.text, at + s.len(), value_start, is_value_char);
        Some(Located {
            spot: scan.spot,
            path,
            word,
            node: None,
            column: word.start.saturating_sub(ls),
            flow: true,
            needs_space: scan.needs_space,
            value_start: (scan.spot == Spot::Value).then_some(value_start),
        })
    }

    /// Whether the line starting at `ls` lies inside a scalar that began on an earlier line
    /// (a block scalar, a multi-line quoted string).
    fn in_multiline_scalar(&self, ls: usize, at: usize) -> bool {
        let Some(mut node) = self.root else {
            return false;
        };
        loop {
            let next = match &node.value {
                NodeValue::Map(entries) => entries.iter().find_map(|e| {
                    if e.key.span.contains(at) {
                        Some(&e.key)
                    } else if e.value.span.contains(at) && !e.value.is_alias() {
                        Some(&e.value)
                    } else {
                        None
                    }
                }),
                NodeValue::Seq(items) => {
                    items.iter().find(|i| i.span.contains(at) && !i.is_alias())
                }
                NodeValue::Scalar(_) => return node.span.start < ls,
                NodeValue::Null => return false,
            };
            match next {
                Some(n) => node = n,
                None => return false,
            }
        }
    }

    /// The path of the key written on `line`: from the tree when it holds that key, else from
    /// the lines above.
    fn line_key_path(&self, line: &Line<'_>, depth: usize) -> Option<Vec<Segment>> {
        let key = line.key.as_ref()?;
        if let Some(path) = self.tree_key_path(line.start + line.content) {
            return Some(path);
        }
        let mut path = match line.dashes.first() {
            Some(&dash) => self.item_path(line.start, dash, line.dashes.len(), depth + 1)?,
            None => self.container_path(line.start, line.content, depth + 1)?,
        };
        path.push(Segment::Key(key.name.clone()));
        Some(path)
    }

    /// The path of the entry whose key starts at byte `at`, from the tree.
    fn tree_key_path(&self, at: usize) -> Option<Vec<Segment>> {
        let mut node = self.root?;
        let mut path = Vec::new();
        loop {
            match &node.value {
                NodeValue::Map(entries) => {
                    if let Some(e) = entries.iter().find(|e| e.key.span.start == at) {
                        path.push(Segment::Key(e.key.as_str()?.to_string()));
                        return Some(path);
                    }
                    let e = entries
                        .iter()
                        .find(|e| e.value.span.contains(at) && !e.value.is_alias())?;
                    path.push(Segment::Key(e.key.as_str()?.to_string()));
                    node = &e.value;
                }
                NodeValue::Seq(items) => {
                    let (i, item) = items
                        .iter()
                        .enumerate()
                        .find(|(_, i)| i.span.contains(at) && !i.is_alias())?;
                    path.push(Segment::Index(i));
                    node = item;
                }
                _ => return None,
            }
        }
    }

    /// The path of the sequence item whose first `- ` is at column `dash` of the line at `ls`
    /// (`dashes` indicators on that line: nested items are the first of their sequence).
    fn item_path(
        &self,
        ls: usize,
        dash: usize,
        dashes: usize,
        depth: usize,
    ) -> Option<Vec<Segment>> {
        let (mut path, index) = self.sequence_of(ls, dash, depth)?;
        path.push(Segment::Index(index));
        for _ in 1..dashes {
            path.push(Segment::Index(0));
        }
        Some(path)
    }

    /// The path of the block sequence holding an item at column `dash` of the line at `ls`,
    /// and the item's index.
    fn sequence_of(&self, ls: usize, dash: usize, depth: usize) -> Option<(Vec<Segment>, usize)> {
        if depth > MAX_LINE_DEPTH {
            return None;
        }
        let mut count = 0;
        let mut cur = ls;
        while let Some(prev) = self.prev_line(cur) {
            cur = prev;
            let line = self.line(prev);
            if line.blank || self.in_multiline_scalar(prev, prev + line.indent) {
                continue;
            }
            if line.indent == dash && line.dashes.first() == Some(&dash) {
                count += 1;
                continue;
            }
            if line.indent > dash {
                continue;
            }
            // The key whose value is this sequence (`key:` above it, or at the same column).
            if line.key.is_some() && (line.content < dash || line.dashes.is_empty()) {
                return Some((self.line_key_path(&line, depth + 1)?, count));
            }
            if line.indent == dash {
                continue;
            }
            if line.key.is_none()
                && line.rest().trim().is_empty()
                && let Some(&outer) = line.dashes.first()
            {
                // `-` alone: this sequence is the item's value.
                return Some((
                    self.item_path(prev, outer, line.dashes.len(), depth + 1)?,
                    count,
                ));
            }
            return None;
        }
        Some((Vec::new(), count))
    }

    /// The path of the block mapping holding a key at column `column` of the line at `ls`.
    fn container_path(&self, ls: usize, column: usize, depth: usize) -> Option<Vec<Segment>> {
        if depth > MAX_LINE_DEPTH {
            return None;
        }
        let mut cur = ls;
        while let Some(prev) = self.prev_line(cur) {
            cur = prev;
            let line = self.line(prev);
            if line.blank || self.in_multiline_scalar(prev, prev + line.indent) {
                continue;
            }
            if line.content == column && line.key.is_some() {
                // A sibling key: the same mapping.
                let mut path = self.line_key_path(&line, depth + 1)?;
                path.pop();
                return Some(path);
            }
            if line.indent >= column {
                continue;
            }
            if line.key.is_some() && line.content < column {
                // The key whose value this mapping is.
                return self.line_key_path(&line, depth + 1);
            }
            if line.key.is_none()
                && line.rest().trim().is_empty()
                && let Some(&dash) = line.dashes.first()
            {
                // `-` alone: the mapping is the item.
                return self.item_path(prev, dash, line.dashes.len(), depth + 1);
            }
            if line.content == column {
                // A scalar item at the same column (`- GET`): keep looking.
                continue;
            }
            return None;
        }
        (column == 0).then(Vec::new)
    }
}

/// Whether the end of `line` (the text before the cursor) is in a comment.
fn in_comment(line: &str) -> bool {
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for c in line.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => {
                if matches!(prev, ' ' | '\t' | ':' | '{' | '[' | ',' | '-') {
                    quote = Some(c);
                }
            }
            None if c == '#' && (prev == ' ' || prev == '\t') => return true,
            None => {}
        }
        prev = c;
    }
    line.trim_start().starts_with('#')
}

/// Where a flow collection typed up to the cursor leaves the cursor.
#[derive(Debug, PartialEq)]
struct FlowScan {
    spot: Spot,
    /// The path inside the collection (relative to the collection).
    path: Vec<Segment>,
    /// Where the token at the cursor starts (after an opening quote), relative to the scan.
    token_start: usize,
    needs_space: bool,
}

#[derive(Debug)]
enum Frame {
    Map {
        key: Option<String>,
        after_colon: bool,
    },
    Seq {
        index: usize,
    },
}

/// Scans a flow collection from its opener to the cursor (the end of `s`); `None` when the
/// collection closes before the cursor or the cursor is in a comment.
fn scan_flow(s: &str) -> Option<FlowScan> {
    let mut frames: Vec<Frame> = Vec::new();
    let mut segments: Vec<Segment> = Vec::new();
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut token_start = None;
    while i < s.len() {
        let Some(c) = s.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        match c {
            ' ' | '\t' | '\r' | '\n' => i += 1,
            '{' | '[' => {
                let segment = match frames.last() {
                    None => None,
                    Some(Frame::Map {
                        key: Some(k),
                        after_colon: true,
                    }) => Some(Segment::Key(k.clone())),
                    Some(Frame::Seq { index }) => Some(Segment::Index(*index)),
                    Some(Frame::Map { .. }) => return None,
                };
                if let Some(segment) = segment {
                    segments.push(segment);
                }
                frames.push(if c == '{' {
                    Frame::Map {
                        key: None,
                        after_colon: false,
                    }
                } else {
                    Frame::Seq { index: 0 }
                });
                i += 1;
            }
            '}' | ']' => {
                frames.pop();
                if frames.is_empty() {
                    return None;
                }
                segments.pop();
                i += 1;
            }
            ',' => {
                match frames.last_mut() {
                    Some(Frame::Map { key, after_colon }) => {
                        *key = None;
                        *after_colon = false;
                    }
                    Some(Frame::Seq { index }) => *index += 1,
                    None => return None,
                }
                i += 1;
            }
            ':' => {
                if let Some(Frame::Map { after_colon, .. }) = frames.last_mut() {
                    *after_colon = true;
                }
                i += 1;
            }
            '#' if i > 0 && matches!(bytes.get(i - 1), Some(b' ' | b'\t')) => {
                match s.get(i..).and_then(|t| t.find('\n')) {
                    Some(nl) => i += nl + 1,
                    None => return None,
                }
            }
            '"' | '\'' => {
                let Some((value, len)) = s.get(i..).and_then(quoted) else {
                    token_start = Some(i + 1);
                    break;
                };
                if let Some(Frame::Map {
                    key,
                    after_colon: false,
                }) = frames.last_mut()
                {
                    *key = Some(value);
                }
                i += len;
            }
            _ => {
                // A plain scalar: up to a flow indicator or `: `.
                let rest = s.get(i..).unwrap_or("");
                let mut end = None;
                for (j, ch) in rest.char_indices() {
                    let next = rest.as_bytes().get(j + 1);
                    if matches!(ch, ',' | '[' | ']' | '{' | '}')
                        || (ch == ':' && matches!(next, Some(b' ' | b',' | b'}' | b']' | b'\t')))
                        || (ch == '#' && j > 0 && rest.as_bytes().get(j - 1) == Some(&b' '))
                    {
                        end = Some(j);
                        break;
                    }
                }
                let Some(end) = end else {
                    token_start = Some(i);
                    break;
                };
                let token = rest.get(..end).unwrap_or("").trim_end();
                if let Some(Frame::Map {
                    key,
                    after_colon: false,
                }) = frames.last_mut()
                {
                    *key = Some(token.to_string());
                }
                i += end.max(1);
            }
        }
    }
    let top = frames.last()?;
    let token_start = token_start.unwrap_or(s.len());
    let typed = token_start < s.len();
    Some(match top {
        Frame::Map {
            key: Some(k),
            after_colon: true,
        } => {
            segments.push(Segment::Key(k.clone()));
            FlowScan {
                spot: Spot::Value,
                path: segments,
                token_start,
                needs_space: !typed && s.ends_with(':'),
            }
        }
        Frame::Map { .. } => FlowScan {
            spot: Spot::Key,
            path: segments,
            token_start,
            needs_space: false,
        },
        Frame::Seq { index } => {
            segments.push(Segment::Index(*index));
            FlowScan {
                spot: Spot::Value,
                path: segments,
                token_start,
                needs_space: false,
            }
        }
    })
}

/// The `${...}` expression the cursor is in, from the value's text between `value_start` and
/// the cursor.
pub fn expr_cursor(
    text: &str,
    value_start: usize,
    offset: usize,
    known: &Known,
) -> Option<ExprCursor> {
    let value = text.get(value_start..offset)?;
    // The last `${` not closed before the cursor (`$${` is a literal).
    let mut open: Option<usize> = None;
    let mut depth = 0usize;
    let bytes = value.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match open {
            None => {
                if value.get(i..).is_some_and(|t| t.starts_with("$${")) {
                    i += 3;
                    continue;
                }
                if value.get(i..).is_some_and(|t| t.starts_with("${")) {
                    open = Some(i);
                    depth = 0;
                    i += 2;
                    continue;
                }
            }
            Some(_) => match bytes.get(i) {
                Some(b'{') => depth += 1,
                Some(b'}') if depth == 0 => open = None,
                Some(b'}') => depth -= 1,
                _ => {}
            },
        }
        i += 1;
    }
    let open = open?;
    let start = value_start + open;
    let body_start = start + 2;
    let body = text.get(body_start..offset)?;
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    // The head: the longest known path followed by a top-level `.`.
    let mut paren = 0usize;
    let mut dots = Vec::new();
    for (j, c) in body.char_indices() {
        match c {
            '(' => paren += 1,
            ')' => paren = paren.saturating_sub(1),
            '.' if paren == 0 => dots.push(j),
            _ => {}
        }
    }
    let head_len = dots
        .iter()
        .rev()
        .copied()
        .find(|&d| body.get(..d).is_some_and(|h| known.is_head(h.trim())));
    let Some(head_len) = head_len else {
        if body.contains(['(', ')']) {
            return None;
        }
        let end = word_end(text, offset, is_value_char);
        return Some(ExprCursor {
            start,
            head: None,
            members: Vec::new(),
            at: ExprAt::Head,
            word: Span::new(body_start, end),
        });
    };
    let head = body.get(..head_len)?.trim().to_string();
    let rest = body.get(head_len..)?;
    let rest_start = body_start + head_len;
    // Members: `.name` or `.name(args)`; the cursor is in the last one.
    let mut members = Vec::new();
    let mut j = 0;
    let rb = rest.as_bytes();
    loop {
        // `rest[j]` is a `.`.
        if rb.get(j) != Some(&b'.') {
            return None;
        }
        let name_start = j + 1;
        let name_end = rest
            .get(name_start..)?
            .find(|c: char| !is_ident(c))
            .map_or(rest.len(), |k| name_start + k);
        let name = rest.get(name_start..name_end)?.to_string();
        if name_end == rest.len() {
            let end = word_end(text, offset, is_ident);
            return Some(ExprCursor {
                start,
                head: Some(head),
                members,
                at: ExprAt::Member,
                word: Span::new(rest_start + name_start, end),
            });
        }
        match rb.get(name_end) {
            Some(b'(') => {
                // Arguments: find the matching `)`, or the cursor is inside them.
                let mut depth = 0usize;
                let mut arg_start = name_end + 1;
                let mut index = 0;
                let mut close = None;
                for (k, c) in rest.get(name_end + 1..)?.char_indices() {
                    let at = name_end + 1 + k;
                    match c {
                        '(' | '{' => depth += 1,
                        ')' if depth == 0 => {
                            close = Some(at);
                            break;
                        }
                        ')' | '}' => depth = depth.saturating_sub(1),
                        ',' if depth == 0 => {
                            index += 1;
                            arg_start = at + 1;
                        }
                        _ => {}
                    }
                }
                match close {
                    Some(c) => {
                        members.push(name);
                        j = c + 1;
                    }
                    None => {
                        let arg = rest.get(arg_start..)?;
                        let lead = arg.len() - arg.trim_start().len();
                        let word_start = rest_start + arg_start + lead;
                        let end = word_end(text, offset, |c| !matches!(c, ',' | ')' | '}' | '\n'));
                        let end = text
                            .get(offset..end)
                            .map_or(offset, |t| offset + t.trim_end().len());
                        return Some(ExprCursor {
                            start,
                            head: Some(head),
                            members,
                            at: ExprAt::Arg {
                                method: name,
                                index,
                            },
                            word: Span::new(word_start, end),
                        });
                    }
                }
            }
            Some(b'.') => {
                members.push(name);
                j = name_end;
            }
            _ => return None,
        }
    }
}

/// The end of the run of `is_word` chars starting at `offset`.
fn word_end(text: &str, offset: usize, is_word: impl Fn(char) -> bool) -> usize {
    text.get(offset..)
        .and_then(|t| t.char_indices().find(|(_, c)| !is_word(*c)))
        .map_or(text.len(), |(i, _)| offset + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A path as `constructs / HttpApi / addRoutes / 0`.
    fn render_path(path: &[Segment]) -> String {
        let parts: Vec<String> = path.iter().map(ToString::to_string).collect();
        parts.join(" / ")
    }

    /// Strips the `$0` marker: the text and the cursor's offset.
    fn fixture(s: &str) -> (String, usize) {
        let offset = s.find("$0").expect("fixture has a $0 cursor");
        (s.replacen("$0", "", 1), offset)
    }

    /// The context at the marker, rendered on one line.
    fn check(s: &str) -> String {
        let (text, offset) = fixture(s);
        let a = Analysis::of_text(&text);
        let Some(c) = context(&a, offset) else {
            return "none".into();
        };
        let spot = match c.spot {
            Spot::Key => "key",
            Spot::Value => "value",
        };
        let place = match c.spot {
            Spot::Key => c.key_place(),
            Spot::Value => c.place,
        };
        let mut out = format!(
            "{spot} at [{}] word {:?} place {}",
            render_path(&c.path),
            a.slice(c.word),
            place_name(place)
        );
        if c.flow {
            out.push_str(" flow");
        }
        if c.needs_space {
            out.push_str(" needs-space");
        }
        if let Some(e) = &c.expr {
            out.push_str(&format!(
                " expr head {:?} members {:?} at {:?} word {:?}",
                e.head,
                e.members,
                e.at,
                a.slice(e.word)
            ));
        }
        out
    }

    fn place_name(p: Place) -> String {
        match p {
            Place::Document => "document".into(),
            Place::Constructs => "constructs".into(),
            Place::Construct { ty, explicit } => format!(
                "construct {}{}",
                ty.map_or("?", |t| t.name),
                match (explicit, ty) {
                    (true, _) => "",
                    (false, Some(_)) => " (created)",
                    (false, None) => " (no type)",
                }
            ),
            Place::Integrations => "integrations".into(),
            Place::Integration { ty, inline, .. } => format!(
                "integration {}{}",
                ty.map_or("?", |t| t.name),
                if inline { " inline" } else { "" }
            ),
            Place::Outputs => "outputs".into(),
            Place::Output => "output".into(),
            Place::Calls(m) => format!("calls {}", m.name),
            Place::Props(defs) => format!(
                "props {}",
                defs.iter().map(|d| d.name).collect::<Vec<_>>().join(",")
            ),
            Place::Value { kind, prop } => format!(
                "value {}{}",
                kind.describe(),
                prop.map_or(String::new(), |p| format!(" of {}", p.name))
            ),
            Place::TypeName { role, .. } => format!("type name {role:?}"),
            Place::MappingValue => "mapping value".into(),
            Place::Unknown => "unknown".into(),
        }
    }

    const API: &str = "integrations:\n  I: { type: HttpUrlIntegration, url: https://x.example.com }\nconstructs:\n  HttpApi:\n    type: HttpApi\n";

    #[test]
    fn keys_from_indentation() {
        assert_eq!(check("$0"), "key at [] word \"\" place document");
        assert_eq!(check("cons$0"), "key at [] word \"cons\" place document");
        assert_eq!(
            check(&format!("{API}    ap$0\n")),
            "key at [constructs / HttpApi] word \"ap\" place construct HttpApi"
        );
        assert_eq!(
            check(&format!("{API}    $0\n  Other:\n    type: Function\n")),
            "key at [constructs / HttpApi] word \"\" place construct HttpApi"
        );
        assert_eq!(
            check(&format!("{API}  $0\n")),
            "key at [constructs] word \"\" place constructs"
        );
        assert_eq!(
            check(&format!("{API}$0\n")),
            "key at [] word \"\" place document"
        );
        assert_eq!(
            check(&format!(
                "{API}    addRoutes:\n      - path: /a\n        me$0\n"
            )),
            "key at [constructs / HttpApi / addRoutes / 0] word \"me\" place props path,methods,integration"
        );
        assert_eq!(
            check(&format!(
                "{API}    addRoutes:\n      - path: /a\n      - path: /b\n        $0\n  B:\n    type: HttpApi\n"
            )),
            "key at [constructs / HttpApi / addRoutes / 1] word \"\" place props path,methods,integration"
        );
        assert_eq!(
            check(&format!("{API}    addRoutes:\n      - $0\n")),
            "key at [constructs / HttpApi / addRoutes / 0] word \"\" place props path,methods,integration"
        );
        assert_eq!(
            check(&format!("{API}    corsPreflight:\n      $0\n")),
            "key at [constructs / HttpApi / corsPreflight] word \"\" place props allowCredentials,allowHeaders,allowMethods,allowOrigins,exposeHeaders,maxAge"
        );
    }

    #[test]
    fn values_in_block_and_flow() {
        assert_eq!(
            check("constructs:\n  HttpApi:\n    type: $0\n"),
            "value at [constructs / HttpApi / type] word \"\" place type name Construct"
        );
        assert_eq!(
            check("constructs:\n  HttpApi:\n    type:$0\n"),
            "value at [constructs / HttpApi / type] word \"\" place type name Construct needs-space"
        );
        assert_eq!(
            check("constructs:\n  HttpApi:\n    type: Htt$0\n"),
            "value at [constructs / HttpApi / type] word \"Htt\" place type name Construct"
        );
        assert_eq!(
            check(&format!(
                "{API}    addRoutes:\n      - {{ path: /a, integration: $0 }}\n"
            )),
            "value at [constructs / HttpApi / addRoutes / 0 / integration] word \"\" place value integration (HttpUrlIntegration or HttpLambdaIntegration) of integration flow"
        );
        assert_eq!(
            check(&format!(
                "{API}    addRoutes:\n      - {{ path: /a, integration: $0\n"
            )),
            "value at [constructs / HttpApi / addRoutes / 0 / integration] word \"\" place value integration (HttpUrlIntegration or HttpLambdaIntegration) of integration flow"
        );
        assert_eq!(
            check(&format!(
                "{API}    addRoutes:\n      - {{ path: /a, inte$0 }}\n"
            )),
            "key at [constructs / HttpApi / addRoutes / 0] word \"inte\" place props path,methods,integration flow"
        );
        assert_eq!(
            check(&format!(
                "{API}    addRoutes:\n      - {{ path: /a, methods: [GET, $0], integration: I }}\n"
            )),
            "value at [constructs / HttpApi / addRoutes / 0 / methods / 1] word \"\" place value HttpMethod member of methods flow"
        );
        assert_eq!(
            check(&format!(
                "{API}    addRoutes:\n      - {{ path: /a, methods: [GET, P$0], integration: I }}\n"
            )),
            "value at [constructs / HttpApi / addRoutes / 0 / methods / 1] word \"P\" place value HttpMethod member of methods flow"
        );
        assert_eq!(
            check(&format!("{API}    dependsOn:\n      - $0\n")),
            "value at [constructs / HttpApi / dependsOn / 0] word \"\" place value path of a "
        );
    }

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
            "key at [constructs / HttpApi / addStage / beta] word \"\" place props stageName,description,autoDeploy,throttle,detailedMetricsEnabled,stageVariables"
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

    #[test]
    fn expressions() {
        assert_eq!(
            check(&format!("{API}outputs:\n  A: ${{Htt$0\n")),
            "value at [outputs / A] word \"Htt\" place output expr head None members [] at Head word \"Htt\""
        );
        assert_eq!(
            check(&format!("{API}outputs:\n  A: ${{HttpApi.$0}}\n")),
            "value at [outputs / A] word \"HttpApi.\" place output expr head Some(\"HttpApi\") members [] at Member word \"\""
        );
        assert_eq!(
            check(&format!(
                "{API}outputs:\n  A: \"x ${{HttpApi.defaultStage.u$0\n"
            )),
            "value at [outputs / A] word \"HttpApi.defaultStage.u\" place output expr head Some(\"HttpApi\") members [\"defaultStage\"] at Member word \"u\""
        );
        assert_eq!(
            check(&format!(
                "{API}outputs:\n  A: ${{HttpApi.arnForExecuteApi(GET, /b$0)}}\n"
            )),
            "value at [outputs / A] word \"/b\" place output expr head Some(\"HttpApi\") members [] at Arg { method: \"arnForExecuteApi\", index: 1 } word \"/b\""
        );
        assert_eq!(
            check(&format!("{API}outputs:\n  A: $${{HttpApi.$0\n")),
            "value at [outputs / A] word \"HttpApi.\" place output"
        );
    }

    #[test]
    fn typing_in_block_structures() {
        // A word alone where a mapping belongs parses as a scalar value: it is a key.
        assert_eq!(
            check("constructs:\n  Foo:\n    ap$0\n"),
            "key at [constructs / Foo] word \"ap\" place construct ? (no type)"
        );
        // In the middle of an existing key.
        assert_eq!(
            check(&format!("{API}    ipAddr$0essType: IPV4\n")),
            "key at [constructs / HttpApi] word \"ipAddressType\" place construct HttpApi"
        );
        // Quoted entry keys.
        assert_eq!(
            check("constructs:\n  \"My Api\":\n    type: HttpApi\n    $0\n"),
            "key at [constructs / My Api] word \"\" place construct HttpApi"
        );
        // Block lists of values.
        assert_eq!(
            check(&format!("{API}    dependsOn:\n      - Bo$0\n")),
            "value at [constructs / HttpApi / dependsOn / 0] word \"Bo\" place value path of a "
        );
        assert_eq!(
            check(&format!(
                "{API}    addRoutes:\n      - path: /a\n        methods:\n          - GET\n          - P$0\n"
            )),
            "value at [constructs / HttpApi / addRoutes / 0 / methods / 1] word \"P\" place value HttpMethod member of methods"
        );
        // `-` alone, its mapping on the next lines.
        assert_eq!(
            check(&format!("{API}    addRoutes:\n      -\n        pa$0\n")),
            "key at [constructs / HttpApi / addRoutes / 0] word \"pa\" place props path,methods,integration"
        );
        // Lines of a block scalar are not structure.
        assert_eq!(
            check(
                "constructs:\n  Fn:\n    type: Function\n    code:\n      fromInline: |\n        a: 1\n          b: 2\n    $0\n"
            ),
            "key at [constructs / Fn] word \"\" place construct Function"
        );
        // Keyed calls.
        assert_eq!(
            check(
                "constructs:\n  Ws:\n    type: WebSocketApi\n    addRoute:\n      sendmessage:\n        $0\n"
            ),
            "key at [constructs / Ws / addRoute / sendmessage] word \"\" place props integration,returnResponse,apiKeyRequired"
        );
        assert_eq!(
            check("constructs:\r\n  Api:\r\n    type: HttpApi\r\n    $0\r\n"),
            "key at [constructs / Api] word \"\" place construct HttpApi"
        );
    }

    #[test]
    fn expressions_in_flow_and_builtins() {
        assert_eq!(
            check(&format!(
                "{API}outputs:\n  A: {{ value: \"${{HttpApi.$0}}\" }}\n"
            )),
            "value at [outputs / A / value] word \"HttpApi.\" place value string of value flow expr head Some(\"HttpApi\") members [] at Member word \"\""
        );
        assert_eq!(
            check("outputs:\n  A: ${Fn.im$0\n"),
            "value at [outputs / A] word \"Fn.im\" place output expr head Some(\"Fn\") members [] at Member word \"im\""
        );
        assert_eq!(
            check(&format!(
                "{API}outputs:\n  A: ${{HttpApi.arnForExecuteApi(, , be$0)}}\n"
            )),
            "value at [outputs / A] word \"be\" place output expr head Some(\"HttpApi\") members [] at Arg { method: \"arnForExecuteApi\", index: 2 } word \"be\""
        );
    }

    #[test]
    fn never_panics_and_handles_multibyte_text() {
        let text =
            "# é 🚀\nconstructs:\n  Api:\n    type: HttpApi\n    description: \"🚀 ünïcode\"\n    ";
        let a = Analysis::of_text(text);
        for offset in 0..=text.len() + 3 {
            let _ = context(&a, offset);
        }
        assert_eq!(
            check("constructs:\n  Api:\n    description: \"🚀 ${Api.$0\"\n    type: HttpApi\n"),
            "value at [constructs / Api / description] word \"Api.\" place value string of description expr head Some(\"Api\") members [] at Member word \"\""
        );
        assert_eq!(check("# a comment $0\n"), "none");
        let _ = context(&Analysis::of_text(""), 5);
    }
}
