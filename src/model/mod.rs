//! The model: a definition file resolved against the schema table into typed constructs,
//! integrations and outputs, each value with the span it came from.
//!
//! Architecture invariant: the model knows nothing of CloudFormation; `synth` reads it. It
//! knows nothing of LSP either; spans are byte offsets.

pub mod expr;
pub mod plan;
pub mod resolve;
pub mod schema;
pub mod shift;
pub mod statistic;
mod suggest;
mod validate;
mod values;
pub mod vpc_layout;

pub use expr::{Expr, Member, Text, TextPart};
pub use resolve::{resolve, resolve_keeping};

use crate::syntax::Span;
use schema::{EnumMember, FactoryDef, ImportDef, MethodDef, PropDef, TypeDef};

/// A value with the span it was written at.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Span,
}

/// A resolved definition file: one stack.
#[derive(Clone, Debug, Default)]
pub struct Model {
    /// The stack's settings.
    pub stack: StackDef,
    /// Entries under `constructs:`, in file (code) order.
    pub constructs: Vec<Construct>,
    /// Every object without a scope (integrations and authorizers): those under
    /// `integrations:` and `authorizers:`, and those written inline.
    pub objects: Vec<Object>,
    /// Entries under `outputs:`, in file order.
    pub outputs: Vec<Output>,
    /// Every construct path references may name (the entries and the children CDK creates),
    /// with its type.
    pub known_paths: crate::hash::HashMap<String, &'static schema::TypeDef>,
    /// The same paths in creation order, with their types and whether CDK creates them (a
    /// child) rather than an entry.
    pub path_order: Vec<(String, &'static schema::TypeDef, bool)>,
    /// The construct tree CDK builds for the model, as validate planned it.
    pub plan: Option<plan::Plan>,
}

/// The stack: `stack:`.
#[derive(Clone, Debug)]
pub struct StackDef {
    /// The stack's construct id (default `Stack`).
    pub id: String,
    /// The account of `env`, when given.
    pub account: Option<String>,
    /// The region of `env`, when given.
    pub region: Option<String>,
    /// The template description.
    pub description: Option<String>,
}

impl Default for StackDef {
    fn default() -> Self {
        StackDef {
            id: "Stack".into(),
            account: None,
            region: None,
            description: None,
        }
    }
}

/// One entry under `constructs:`.
#[derive(Clone, Debug)]
pub struct Construct {
    /// The construct path (`Id` or `Parent/Id`), spanned at the entry's key.
    pub path: Spanned<String>,
    /// The type; `None` for an entry of method calls on a child that CDK created.
    pub ty: Option<&'static TypeDef>,
    /// Constructor props.
    pub props: Props,
    /// The `fromX` import, when the entry is an import.
    pub import: Option<Import>,
    /// Method calls, in the order written (shared with the memo that may keep them for the
    /// next version of the document).
    pub calls: Vec<std::sync::Arc<Call>>,
    /// `dependsOn:` paths.
    pub depends_on: Vec<Spanned<String>>,
    /// The CloudFormation type of an escape-hatch entry (`type: AWS::Logs::LogGroup`).
    pub cfn_type: Option<Spanned<String>>,
}

impl Construct {
    /// The entry's construct id: the last component of its path.
    pub fn id(&self) -> &str {
        self.path
            .value
            .rsplit('/')
            .next()
            .unwrap_or(&self.path.value)
    }
}

/// A `fromX:` import.
#[derive(Clone, Debug)]
pub struct Import {
    /// Which import.
    pub def: &'static ImportDef,
    /// Its argument.
    pub value: Value,
}

/// One method call.
#[derive(Clone, Debug)]
pub struct Call {
    /// Which method.
    pub method: &'static MethodDef,
    /// The first argument, for keyed calls (`addStage: { beta: ... }`).
    pub key: Option<Spanned<String>>,
    /// The options.
    pub args: Props,
    /// Where the call is written (the list item, or the key of a keyed call).
    pub span: Span,
}

/// An integration object (no scope in CDK): shared by every route that refers to it.
#[derive(Clone, Debug)]
pub struct Object {
    /// Its CDK id, spanned where it is defined.
    pub id: Spanned<String>,
    /// Its type.
    pub ty: &'static TypeDef,
    /// Its props.
    pub props: Props,
}

/// A stack output.
#[derive(Clone, Debug)]
pub struct Output {
    /// The output id (its logical ID).
    pub id: Spanned<String>,
    /// Its value.
    pub value: Value,
    /// Its description.
    pub description: Option<Value>,
    /// Its export name.
    pub export_name: Option<Value>,
}

impl Output {
    /// The output's logical ID: CDK's `makeUniqueId` of its construct path.
    pub fn logical_id(&self) -> String {
        output_logical_id(&self.id.value)
    }
}

/// The logical ID of an output whose id (construct path) is `path`.
pub fn output_logical_id(path: &str) -> String {
    let components: Vec<&str> = path.split('/').collect();
    crate::construct::make_unique_id(&components)
}

/// The props of a constructor, call or struct, in the order written.
#[derive(Clone, Debug, Default)]
pub struct Props {
    /// The props.
    pub items: Vec<Prop>,
    /// Where the map holding them is written.
    pub span: Span,
}

/// One prop.
#[derive(Clone, Debug)]
pub struct Prop {
    /// Its schema entry.
    pub def: &'static PropDef,
    /// Where its key is written.
    pub key_span: Span,
    /// Its value.
    pub value: Value,
}

impl Props {
    /// The value of the prop named `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.prop(name).map(|p| &p.value)
    }

    /// The prop named `name`.
    pub fn prop(&self, name: &str) -> Option<&Prop> {
        self.items.iter().find(|p| p.def.name == name)
    }

    /// The `methods` of an `addRoutes` call with the span of each, `ANY` (at `default_span`)
    /// when none are given, as CDK defaults them.
    pub fn route_methods(
        &self,
        default_span: Span,
    ) -> impl Iterator<Item = (&'static str, Span)> + '_ {
        let listed = match self.get("methods").map(|v| &v.kind) {
            Some(ValueKind::List(items)) => Some(items),
            _ => None,
        };
        let default = listed.is_none().then_some(("ANY", default_span));
        let members = listed.into_iter().flatten().filter_map(|m| match m.kind {
            ValueKind::Member(member) => Some((member.name, m.span)),
            _ => None,
        });
        members.chain(default)
    }

    /// The boolean prop `name`, when given.
    pub fn bool(&self, name: &str) -> Option<bool> {
        match self.get(name)?.kind {
            ValueKind::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// The domain mapping in the struct prop `name` (`domainMapping`, `defaultDomainMapping`).
    pub fn domain_mapping(&self, name: &str) -> Option<DomainMapping<'_>> {
        let value = self.get(name)?;
        let ValueKind::Struct(mapping) = &value.kind else {
            return None;
        };
        let Some(ValueKind::Construct(domain)) = mapping.get("domainName").map(|v| &v.kind) else {
            return None;
        };
        Some(DomainMapping {
            domain,
            key: mapping.get("mappingKey"),
            span: value.span,
        })
    }
}

/// A stage's mapping to a custom domain (CDK `DomainMappingOptions`).
#[derive(Clone, Copy, Debug)]
pub struct DomainMapping<'m> {
    /// The path of the `DomainName` entry.
    pub domain: &'m str,
    /// The mapping key, when given.
    pub key: Option<&'m Value>,
    /// Where the mapping is written.
    pub span: Span,
}

impl DomainMapping<'_> {
    /// The id CDK gives the `ApiMapping` it creates under the stage: the domain's construct
    /// path (the stack's id first) followed by the key, `undefined` without one.
    pub fn construct_id(&self, stack_id: &str) -> String {
        let key = match self.key.map(|v| &v.kind) {
            Some(ValueKind::Text(text)) => text.as_literal().unwrap_or_default(),
            _ => "undefined".to_string(),
        };
        format!("{stack_id}/{}{key}", self.domain)
    }
}

/// A typed value.
#[derive(Clone, Debug)]
pub struct Value {
    /// What it is.
    pub kind: ValueKind,
    /// Where it is written.
    pub span: Span,
}

impl Value {
    /// The text, when the value is a text without expressions (borrowed when it can be, see
    /// [`Text::literal_text`]).
    pub fn literal_text(&self) -> Option<std::borrow::Cow<'_, str>> {
        match &self.kind {
            ValueKind::Text(t) => t.literal_text(),
            _ => None,
        }
    }
}

/// The kinds of [`Value`].
#[derive(Clone, Debug)]
pub enum ValueKind {
    /// Text, possibly with `${...}` expressions.
    Text(Text),
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A duration.
    Duration(Duration),
    /// An enum member.
    Member(&'static EnumMember),
    /// A static factory with its argument.
    Factory(&'static FactoryDef, Box<Value>),
    /// The path of a construct.
    Construct(String),
    /// An integration or authorizer: index into [`Model::objects`].
    Object(usize),
    /// A list.
    List(Vec<Value>),
    /// A map with string keys, in the order written.
    Map(Vec<(Spanned<String>, Value)>),
    /// An options struct.
    Struct(Props),
    /// A metric of an API or stage.
    Metric(Box<MetricRef>),
    /// A math expression over metrics (`MathExpressionProps`).
    MathExpression(Props),
}

/// A metric method called on a construct: `Api.metricServerError` with its options.
#[derive(Clone, Debug)]
pub struct MetricRef {
    /// The path of the API or stage.
    pub target: Spanned<String>,
    /// The metric method.
    pub def: &'static crate::model::schema::MetricDef,
    /// Its options (with `metricName` for `metric`).
    pub options: Props,
    /// The scalar naming the call (`Api.metricServerError`): the value, or the key of its
    /// options.
    pub call: Span,
}

/// A duration as written: amount and unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Duration {
    /// The amount, in `unit`s.
    pub amount: f64,
    /// The unit.
    pub unit: TimeUnit,
}

/// Units of a [`Duration`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeUnit {
    /// Milliseconds.
    Millis,
    /// Seconds.
    Seconds,
    /// Minutes.
    Minutes,
    /// Hours.
    Hours,
    /// Days.
    Days,
}

impl TimeUnit {
    /// Milliseconds in one unit.
    pub fn millis(self) -> f64 {
        match self {
            TimeUnit::Millis => 1.0,
            TimeUnit::Seconds => 1_000.0,
            TimeUnit::Minutes => 60_000.0,
            TimeUnit::Hours => 3_600_000.0,
            TimeUnit::Days => 86_400_000.0,
        }
    }

    /// The unit's CDK name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            TimeUnit::Millis => "millis",
            TimeUnit::Seconds => "seconds",
            TimeUnit::Minutes => "minutes",
            TimeUnit::Hours => "hours",
            TimeUnit::Days => "days",
        }
    }
}

impl Duration {
    /// The duration in milliseconds.
    pub fn to_millis(self) -> f64 {
        self.amount * self.unit.millis()
    }

    /// The duration in whole seconds, as CDK's `toSeconds()`: `None` when it is not whole.
    pub fn to_whole_seconds(self) -> Option<f64> {
        let seconds = self.to_millis() / 1_000.0;
        (seconds.fract() == 0.0).then_some(seconds)
    }
}

impl Model {
    /// About as many construct tree nodes as the model creates, for room made at once: a few
    /// per construct, object and call (a route makes two or three).
    pub fn node_estimate(&self) -> usize {
        let calls: usize = self.constructs.iter().map(|c| c.calls.len()).sum();
        1 + 4 * (self.constructs.len() + self.objects.len()) + 3 * calls
    }

    /// Every `${...}` expression in the model, in source order.
    pub fn exprs(&self) -> Vec<&Expr> {
        let mut out = Vec::new();
        let mut values: Vec<&Value> = Vec::new();
        for c in &self.constructs {
            values.extend(c.props.items.iter().map(|p| &p.value));
            values.extend(c.import.iter().map(|i| &i.value));
            for call in &c.calls {
                values.extend(call.args.items.iter().map(|p| &p.value));
            }
        }
        for o in &self.objects {
            values.extend(o.props.items.iter().map(|p| &p.value));
        }
        for o in &self.outputs {
            values.push(&o.value);
            values.extend(o.description.iter());
            values.extend(o.export_name.iter());
        }
        while let Some(value) = values.pop() {
            match &value.kind {
                ValueKind::Text(t) => out.extend(t.exprs()),
                ValueKind::Factory(_, arg) => values.push(arg),
                ValueKind::List(items) => values.extend(items.iter()),
                ValueKind::Map(entries) => values.extend(entries.iter().map(|(_, v)| v)),
                ValueKind::Struct(props) => values.extend(props.items.iter().map(|p| &p.value)),
                _ => {}
            }
        }
        out.sort_by_key(|e| e.span.start);
        out
    }

    /// Every call made on the construct at `path`, in code order: its entry's method keys,
    /// then those of later entries without `type:` on the same path (call entries).
    pub fn calls_on<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a Call> + 'a {
        self.constructs
            .iter()
            .filter(move |c| c.path.value == path)
            .flat_map(|c| c.calls.iter().map(|call| &**call))
    }

    /// Whether the `Policy` entry at `path` is attached to a principal: through its `users`
    /// or `roles`, or a user's or role's `attachInlinePolicy`. CDK leaves one attached to no
    /// one out of the template.
    pub fn policy_attached(&self, policy: &Construct) -> bool {
        let listed = ["users", "roles"].iter().any(|prop| {
            matches!(policy.props.get(prop).map(|v| &v.kind),
                Some(ValueKind::List(items)) if !items.is_empty())
        });
        listed
            || self
                .constructs
                .iter()
                .flat_map(|c| c.calls.iter())
                .filter(|call| call.method.name == "attachInlinePolicy")
                .any(|call| {
                    matches!(call.args.get("policy").map(|v| &v.kind),
                        Some(ValueKind::Construct(p)) if *p == policy.path.value)
                })
    }

    /// The entries that create the construct at `path` when they run, nearest first: the
    /// entry at `path` itself, then the entries at its parents (which create their children).
    pub fn creators(&self, path: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let mut prefix = path;
        loop {
            if let Some(index) = self.constructs.iter().position(|c| c.path.value == prefix) {
                out.push(index);
            }
            match prefix.rsplit_once('/') {
                Some((parent, _)) => prefix = parent,
                None => return out,
            }
        }
    }

    /// The authorizer an expression's head names when it is no construct path: the index of
    /// the authorizer with that id under `authorizers:` (`${Auth.authorizerId}`).
    pub fn authorizer_named(&self, head: &str) -> Option<usize> {
        if self.known_paths.contains_key(head) {
            return None;
        }
        self.objects
            .iter()
            .position(|o| o.ty.role == schema::Role::Authorizer && o.ty.keyed && o.id.value == head)
    }

    /// The entry at `path` under `constructs:`.
    pub fn construct(&self, path: &str) -> Option<&Construct> {
        self.constructs.iter().find(|c| c.path.value == path)
    }
}

impl Model {
    /// The names of the stages that deploy `api`: its default stage, `addStage` stages, and
    /// stage entries whose `httpApi`/`webSocketApi` is `api`. An unnamed HTTP stage is
    /// `$default`; a name with expressions is `*`.
    pub fn stage_names(&self, api: &Construct) -> Vec<String> {
        let name_of = |props: &Props| match props.get("stageName").map(|v| &v.kind) {
            Some(ValueKind::Text(t)) => t.as_literal().unwrap_or_else(|| "*".into()),
            _ => "$default".into(),
        };
        let mut names = Vec::new();
        if api.ty.is_some_and(|t| t.name == "HttpApi")
            && api.props.bool("createDefaultStage") != Some(false)
        {
            names.push("$default".to_string());
        }
        for call in self
            .calls_on(&api.path.value)
            .filter(|c| c.method.name == "addStage")
        {
            names.push(name_of(&call.args));
        }
        for stage in &self.constructs {
            let api_prop = match stage.ty.map(|t| t.name) {
                Some("HttpStage") => "httpApi",
                Some("WebSocketStage") => "webSocketApi",
                _ => continue,
            };
            if matches!(stage.props.get(api_prop).map(|v| &v.kind), Some(ValueKind::Construct(p)) if *p == api.path.value)
            {
                names.push(name_of(&stage.props));
            }
        }
        names.dedup();
        names
    }
}
