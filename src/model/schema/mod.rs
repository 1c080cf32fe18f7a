//! The schema table: every construct type, prop, value kind, enum member, default, doc and
//! reference target the definition format knows.
//!
//! It is the single source of truth: `resolve` validates against it, the language server
//! completes and documents from it, and the JSON Schema and the README's format reference
//! are generated from it. Adding a prop is one entry here plus its synthesis.

use std::sync::LazyLock;

use crate::hash::HashMap;

mod authorizers;
mod builtins;
mod cloudwatch;
mod cognito;
mod context;
mod document;
mod domains;
mod dynamodb;
mod ec2;
mod elbv2;
mod enums;
mod http;
mod iam;
pub mod json_schema;
mod lambda;
mod logs;
mod network;
pub mod reference;
mod s3;
mod services;
mod stepfunctions;
mod usage_plans;
mod websocket;

pub use authorizers::{
    HTTP_AUTHORIZER, HTTP_AUTHORIZERS, HTTP_IAM_AUTHORIZER, HTTP_JWT_AUTHORIZER,
    HTTP_LAMBDA_AUTHORIZER, HTTP_NONE_AUTHORIZER, HTTP_USER_POOL_AUTHORIZER, WEBSOCKET_AUTHORIZERS,
    WEBSOCKET_IAM_AUTHORIZER, WEBSOCKET_LAMBDA_AUTHORIZER,
};
pub use builtins::{AWS_PSEUDO_PARAMETERS, BUILTIN_HEADS};
pub use cloudwatch::{ALARM, GENERIC_METRIC_OPTIONS, MATH_EXPRESSION_PROPS, METRIC_OPTIONS};
pub use cognito::{USER_POOL, USER_POOL_CLIENT};
pub use context::{CONTEXT_VARIABLES, is_context_variable};
pub use document::*;
pub use domains::{API_MAPPING, CERTIFICATE, DOMAIN_NAME};
pub use dynamodb::TABLE;
pub use ec2::{SECURITY_GROUP, SUBNET, VPC};
pub use elbv2::{
    APPLICATION_LISTENER, APPLICATION_LOAD_BALANCER, NETWORK_LISTENER, NETWORK_LOAD_BALANCER,
};
pub use enums::*;
pub use http::{
    HTTP_API, HTTP_INTEGRATIONS, HTTP_LAMBDA_INTEGRATION, HTTP_ROUTE, HTTP_STAGE,
    HTTP_URL_INTEGRATION,
};
pub use iam::{EFFECT, POLICY, ROLE, USER};
pub use lambda::FUNCTION;
pub use logs::LOG_GROUP;
pub use network::{
    HTTP_ALB_INTEGRATION, HTTP_NLB_INTEGRATION, HTTP_SERVICE_DISCOVERY_INTEGRATION,
    PRIVATE_DNS_NAMESPACE, SERVICE, VPC_LINK,
};
pub use s3::BUCKET;
pub use services::{
    EVENT_BUS, HTTP_EVENTBRIDGE_INTEGRATION, HTTP_ROUTE_INTEGRATION, HTTP_SQS_INTEGRATION, QUEUE,
    is_service_integration,
};
pub use stepfunctions::{
    FAIL, HTTP_STEP_FUNCTIONS_INTEGRATION, PASS, STATE_MACHINE, STATES, SUCCEED,
};
pub use usage_plans::{
    API_KEY, API_KEY_SELECTION_EXPRESSION, PERIOD, RATE_LIMITED_API_KEY, USAGE_PLAN,
};
pub use websocket::{
    WEBSOCKET_API, WEBSOCKET_AWS_INTEGRATION, WEBSOCKET_LAMBDA_INTEGRATION,
    WEBSOCKET_MOCK_INTEGRATION, WEBSOCKET_ROUTE, WEBSOCKET_STAGE,
};

/// Where a construct type comes from, as the CDK module that defines it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Module {
    /// `aws-cdk-lib/aws-apigatewayv2`.
    ApiGatewayV2,
    /// `aws-cdk-lib/aws-apigatewayv2-integrations`.
    Integrations,
    /// `aws-cdk-lib/aws-apigatewayv2-authorizers`.
    Authorizers,
    /// `aws-cdk-lib/aws-lambda`.
    Lambda,
    /// `aws-cdk-lib/aws-certificatemanager`.
    CertificateManager,
    /// `aws-cdk-lib/aws-logs`.
    Logs,
    /// `aws-cdk-lib/aws-s3`.
    S3,
    /// `aws-cdk-lib/aws-cloudwatch`.
    CloudWatch,
    /// `aws-cdk-lib/aws-iam`.
    Iam,
    /// `aws-cdk-lib/aws-cognito`.
    Cognito,
    /// `aws-cdk-lib/aws-sqs`.
    Sqs,
    /// `aws-cdk-lib/aws-dynamodb`.
    DynamoDb,
    /// `aws-cdk-lib/aws-events`.
    Events,
    /// `aws-cdk-lib/aws-stepfunctions`.
    StepFunctions,
    /// `aws-cdk-lib/aws-ec2`.
    Ec2,
    /// `aws-cdk-lib/aws-elasticloadbalancingv2`.
    Elbv2,
    /// `aws-cdk-lib/aws-servicediscovery`.
    ServiceDiscovery,
    /// The `constructs` library.
    Constructs,
    /// `aws-cdk-lib` itself (`CfnResource`).
    Core,
}

impl Module {
    /// The package users import the module from (`aws-cdk-lib/aws-lambda`).
    pub fn package(self) -> &'static str {
        match self {
            Module::ApiGatewayV2 => "aws-cdk-lib/aws-apigatewayv2",
            Module::Integrations => "aws-cdk-lib/aws-apigatewayv2-integrations",
            Module::Authorizers => "aws-cdk-lib/aws-apigatewayv2-authorizers",
            Module::Lambda => "aws-cdk-lib/aws-lambda",
            Module::CertificateManager => "aws-cdk-lib/aws-certificatemanager",
            Module::Logs => "aws-cdk-lib/aws-logs",
            Module::S3 => "aws-cdk-lib/aws-s3",
            Module::CloudWatch => "aws-cdk-lib/aws-cloudwatch",
            Module::Iam => "aws-cdk-lib/aws-iam",
            Module::Cognito => "aws-cdk-lib/aws-cognito",
            Module::Sqs => "aws-cdk-lib/aws-sqs",
            Module::DynamoDb => "aws-cdk-lib/aws-dynamodb",
            Module::Events => "aws-cdk-lib/aws-events",
            Module::StepFunctions => "aws-cdk-lib/aws-stepfunctions",
            Module::Ec2 => "aws-cdk-lib/aws-ec2",
            Module::Elbv2 => "aws-cdk-lib/aws-elasticloadbalancingv2",
            Module::ServiceDiscovery => "aws-cdk-lib/aws-servicediscovery",
            Module::Constructs => "constructs",
            Module::Core => "aws-cdk-lib",
        }
    }

    /// The CDK module name used to qualify a type (`lambda.Function`).
    pub fn qualifier(self) -> &'static str {
        match self {
            Module::ApiGatewayV2 => "apigwv2",
            Module::Integrations => "integrations",
            Module::Authorizers => "authorizers",
            Module::Lambda => "lambda",
            Module::CertificateManager => "acm",
            Module::Logs => "logs",
            Module::S3 => "s3",
            Module::CloudWatch => "cloudwatch",
            Module::Iam => "iam",
            Module::Cognito => "cognito",
            Module::Sqs => "sqs",
            Module::DynamoDb => "dynamodb",
            Module::Events => "events",
            Module::StepFunctions => "sfn",
            Module::Ec2 => "ec2",
            Module::Elbv2 => "elbv2",
            Module::ServiceDiscovery => "servicediscovery",
            Module::Constructs => "constructs",
            Module::Core => "cdk",
        }
    }
}

/// What kind of thing a type is, which decides where the format lets you write it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// A construct with a scope: an entry under `constructs:`.
    Construct,
    /// An integration (no scope in CDK): an entry under `integrations:` or written inline.
    Integration,
    /// An authorizer (no scope in CDK): an entry under `authorizers:` or written inline.
    Authorizer,
    /// A construct only CDK creates, through a method of its parent (`addRoutes` creates
    /// `HttpRoute`s): referred to by its path, never defined with `type:`.
    Child,
}

impl Role {
    /// What an entry of this role is called in messages (`construct`, `integration`).
    pub fn noun(self) -> &'static str {
        match self {
            Role::Construct | Role::Child => "construct",
            Role::Integration => "integration",
            Role::Authorizer => "authorizer",
        }
    }

    /// The top-level section its entries live under.
    pub fn section(self) -> Option<&'static str> {
        match self {
            Role::Construct => Some("constructs"),
            Role::Integration => Some("integrations"),
            Role::Authorizer => Some("authorizers"),
            Role::Child => None,
        }
    }

    /// Whether entries of this role have no scope in CDK: integrations and authorizers.
    pub fn is_object(self) -> bool {
        matches!(self, Role::Integration | Role::Authorizer)
    }
}

/// One construct or integration class.
#[derive(Debug)]
pub struct TypeDef {
    /// The CDK class name (`HttpApi`), the value of `type:`.
    pub name: &'static str,
    /// The CDK module of the class.
    pub module: Module,
    /// Where entries of this type live.
    pub role: Role,
    /// Whether CDK gives an object of this type an id (`new HttpJwtAuthorizer('Id', ...)`);
    /// `HttpNoneAuthorizer` and `HttpIamAuthorizer` have none, so they are written inline
    /// without `id:`.
    pub keyed: bool,
    /// One-paragraph documentation.
    pub doc: &'static str,
    /// Constructor arguments: positional parameters by their TypeScript names, then props.
    pub props: &'static [PropDef],
    /// Static `fromX` imports.
    pub imports: &'static [ImportDef],
    /// Metric methods (`metricClientError`), usable as an alarm's `metric`.
    pub metrics: &'static [MetricDef],
    /// Methods callable as keys with their exact name.
    pub methods: &'static [MethodDef],
    /// Attributes and attribute methods usable in `${Id.attr}` expressions.
    pub attrs: &'static [AttrDef],
}

/// One prop (or positional parameter) of a constructor, a method or a struct.
#[derive(Clone, Copy, Debug)]
pub struct PropDef {
    /// The CDK camelCase key.
    pub name: &'static str,
    /// What values it takes.
    pub kind: Kind,
    /// Whether it must be given.
    pub required: bool,
    /// The default CDK applies, as text for docs (`None`: no default, the property is omitted).
    pub default: Option<&'static str>,
    /// Documentation.
    pub doc: &'static str,
}

/// The kind of value a prop takes.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// Text; `${...}` expressions allowed.
    String,
    /// `true` or `false`.
    Bool,
    /// A number.
    Number,
    /// A whole number.
    Integer,
    /// A duration: `<n> <unit>` or ISO 8601.
    Duration,
    /// An enum member or static factory of a CDK class.
    Enum(&'static EnumDef),
    /// The path of a construct of one of these types.
    Construct(&'static [&'static str]),
    /// An object without a scope in CDK (an integration or an authorizer, by the role of the
    /// accepted types): the id of an entry under its section, or an inline definition.
    Object(&'static [&'static str]),
    /// A list of values.
    List(&'static Kind),
    /// A map from string keys to values.
    Map(&'static Kind),
    /// An options struct.
    Struct(&'static [PropDef]),
    /// A `ParameterMapping`, written as the map `ParameterMapping.fromObject` takes.
    ParameterMapping,
    /// A metric of an API or stage: `Path.metricMethod`, or `{ Path.metricMethod: options }`.
    Metric,
    /// CloudFormation data passed through as written: maps, lists, and scalars typed by YAML
    /// (plain `true`, `7` are a boolean and a number; quoted text is a string); strings may
    /// hold `${...}`.
    Json,
}

impl Kind {
    /// A short human name of the kind, for messages and docs.
    pub fn describe(&self) -> String {
        match self {
            Kind::String => "string".into(),
            Kind::Bool => "boolean".into(),
            Kind::Number => "number".into(),
            Kind::Integer => "integer".into(),
            Kind::Duration => "duration (e.g. `5 seconds`)".into(),
            Kind::Enum(e) if e.members.is_empty() => {
                let forms: Vec<String> = e
                    .factories
                    .iter()
                    .map(|f| format!("`{{ {}: … }}`", f.name))
                    .collect();
                format!("{} ({})", e.name, forms.join(" or "))
            }
            Kind::Enum(e) => format!("{} member", e.name),
            Kind::Construct(types) => format!("path of a {}", types.join(" or ")),
            Kind::Object(types) => {
                format!("{} ({})", object_role(types).noun(), types.join(" or "))
            }
            Kind::List(inner) => format!("list of {}", inner.describe()),
            Kind::Map(inner) => format!("map of {}", inner.describe()),
            Kind::Struct(_) => "mapping".into(),
            Kind::ParameterMapping => "parameter mapping (`action:location.name: value`)".into(),
            Kind::Metric => {
                "metric (`Path.metricName`, `{ Path.metricName: options }` or `{ MathExpression: ... }`)"
                    .into()
            }
            Kind::Json => "CloudFormation value".into(),
        }
    }
}

/// An enum-like CDK class: named members and static factories.
#[derive(Debug)]
pub struct EnumDef {
    /// The CDK class or enum name.
    pub name: &'static str,
    /// Members: CDK name, the value CloudFormation receives, doc.
    pub members: &'static [EnumMember],
    /// Static factories, written as a one-key map (`{ custom: "2.0" }`).
    pub factories: &'static [FactoryDef],
}

/// One member of an [`EnumDef`].
#[derive(Debug)]
pub struct EnumMember {
    /// The CDK member name (`DUAL_STACK`).
    pub name: &'static str,
    /// What CloudFormation receives (`dualstack`).
    pub value: &'static str,
    /// Documentation.
    pub doc: &'static str,
}

/// A static factory of an [`EnumDef`], taking one argument.
#[derive(Debug)]
pub struct FactoryDef {
    /// The factory's name (`fromInline`).
    pub name: &'static str,
    /// Its argument.
    pub arg: Kind,
    /// Documentation.
    pub doc: &'static str,
}

/// A static import: `X.fromSomething(scope, id, arg)`.
#[derive(Debug)]
pub struct ImportDef {
    /// The method name, the key in the definition file.
    pub name: &'static str,
    /// Its argument.
    pub arg: Kind,
    /// Documentation.
    pub doc: &'static str,
}

/// A metric method of a construct (`api.metricClientError(props)`): a CloudWatch metric in
/// the `AWS/ApiGateway` namespace with the construct's dimensions.
#[derive(Debug)]
pub struct MetricDef {
    /// The method's name.
    pub name: &'static str,
    /// The metric's name; `None` for `metric(metricName, props)`, which takes it.
    pub metric_name: Option<&'static str>,
    /// The statistic the method sets (CloudWatch's `Average` when `None`).
    pub statistic: Option<&'static str>,
    /// Documentation.
    pub doc: &'static str,
}

/// How the calls of a method are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallShape {
    /// A list of calls; each item is the options map, or (for a method whose first parameter
    /// is named by `key`) that parameter's bare value.
    List,
    /// A map keyed by the first argument (an id or name); each value is the options map.
    Keyed,
    /// A map keyed by the first argument; each value is the second argument itself.
    KeyedValue,
}

/// A method callable from the definition file.
#[derive(Debug)]
pub struct MethodDef {
    /// The method's exact CDK name.
    pub name: &'static str,
    /// How calls are written.
    pub shape: CallShape,
    /// Name of the first argument when the calls are keyed by it (`id`, `name`); for a list of
    /// calls, the positional first parameter an item may give bare (`addApiKey: [Key]`), or
    /// empty.
    pub key: &'static str,
    /// The options (for `KeyedValue`, exactly one: the value parameter).
    pub params: &'static [PropDef],
    /// The type of the child construct a keyed call creates at `Parent/key`.
    pub creates: Option<&'static str>,
    /// Documentation.
    pub doc: &'static str,
}

/// What an attribute of a construct yields.
#[derive(Debug)]
pub enum AttrKind {
    /// A value (string token).
    Value,
    /// Another construct, whose attributes can follow (`defaultStage.url`).
    Child(&'static str),
    /// A method taking these arguments (each may be empty: `undefined`).
    Method(&'static [&'static str]),
}

/// An attribute usable in `${Id.attr}`.
#[derive(Debug)]
pub struct AttrDef {
    /// The CDK property or method name.
    pub name: &'static str,
    /// What it yields.
    pub kind: AttrKind,
    /// Documentation.
    pub doc: &'static str,
}

/// A rewrite of an entry of one type into another type that takes the same props and more
/// (offered by the language server as a refactor).
#[derive(Debug)]
pub struct Conversion {
    /// The type the entry has.
    pub from: &'static str,
    /// The type it becomes.
    pub to: &'static str,
    /// The refactor's title.
    pub title: &'static str,
    /// Props the conversion adds (when absent), with their values as YAML flow text.
    pub adds: &'static [(&'static str, &'static str)],
}

/// Every conversion between types.
pub static CONVERSIONS: &[Conversion] = &[usage_plans::RATE_LIMIT_A_KEY];

/// Every type the format knows, in the order the docs list them.
pub static TYPES: &[&TypeDef] = &[
    &http::HTTP_API,
    &http::HTTP_STAGE,
    &http::HTTP_ROUTE,
    &http::HTTP_URL_INTEGRATION,
    &http::HTTP_LAMBDA_INTEGRATION,
    &services::HTTP_SQS_INTEGRATION,
    &services::HTTP_EVENTBRIDGE_INTEGRATION,
    &stepfunctions::HTTP_STEP_FUNCTIONS_INTEGRATION,
    &services::HTTP_ROUTE_INTEGRATION,
    &network::HTTP_ALB_INTEGRATION,
    &network::HTTP_NLB_INTEGRATION,
    &network::HTTP_SERVICE_DISCOVERY_INTEGRATION,
    &authorizers::HTTP_JWT_AUTHORIZER,
    &authorizers::HTTP_LAMBDA_AUTHORIZER,
    &authorizers::HTTP_USER_POOL_AUTHORIZER,
    &authorizers::HTTP_IAM_AUTHORIZER,
    &authorizers::HTTP_NONE_AUTHORIZER,
    &authorizers::HTTP_AUTHORIZER,
    &websocket::WEBSOCKET_API,
    &websocket::WEBSOCKET_STAGE,
    &websocket::WEBSOCKET_ROUTE,
    &websocket::WEBSOCKET_LAMBDA_INTEGRATION,
    &websocket::WEBSOCKET_MOCK_INTEGRATION,
    &websocket::WEBSOCKET_AWS_INTEGRATION,
    &usage_plans::API_KEY,
    &usage_plans::RATE_LIMITED_API_KEY,
    &usage_plans::USAGE_PLAN,
    &authorizers::WEBSOCKET_LAMBDA_AUTHORIZER,
    &authorizers::WEBSOCKET_IAM_AUTHORIZER,
    &domains::DOMAIN_NAME,
    &domains::API_MAPPING,
    &domains::CERTIFICATE,
    &logs::LOG_GROUP,
    &s3::BUCKET,
    &cloudwatch::ALARM,
    &iam::ROLE,
    &iam::USER,
    &iam::POLICY,
    &cognito::USER_POOL,
    &cognito::USER_POOL_CLIENT,
    &services::QUEUE,
    &services::EVENT_BUS,
    &dynamodb::TABLE,
    &stepfunctions::STATE_MACHINE,
    &stepfunctions::PASS,
    &stepfunctions::SUCCEED,
    &stepfunctions::FAIL,
    &network::VPC_LINK,
    &ec2::VPC,
    &ec2::SUBNET,
    &ec2::SECURITY_GROUP,
    &elbv2::APPLICATION_LOAD_BALANCER,
    &elbv2::NETWORK_LOAD_BALANCER,
    &elbv2::APPLICATION_LISTENER,
    &elbv2::NETWORK_LISTENER,
    &network::PRIVATE_DNS_NAMESPACE,
    &network::SERVICE,
    &lambda::FUNCTION,
    &CONSTRUCT,
    &CFN_RESOURCE,
];

/// A CloudFormation resource of any type, CDK's `CfnResource`: the escape hatch for what the
/// schema does not model. Its `type:` is the CloudFormation type (`AWS::Logs::LogGroup`).
pub static CFN_RESOURCE: TypeDef = TypeDef {
    name: "CfnResource",
    module: Module::Core,
    role: Role::Construct,
    keyed: true,
    doc: "Any CloudFormation resource (`new CfnResource(scope, id, { type, properties })`): write \
          its CloudFormation type as `type:` (`AWS::Logs::LogGroup`) and its properties as \
          CloudFormation spells them. `${Id.ref}` is its `Ref`, `${Id.Arn}` (any attribute \
          name, capitalized) its `Fn::GetAtt`.",
    props: &[opt(
        "properties",
        Kind::Map(&Kind::Json),
        "The resource's properties, passed through as written (`${...}` rendered).",
    )],
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: &[AttrDef {
        name: "ref",
        kind: AttrKind::Value,
        doc: "The resource's `Ref` (its name, id or ARN, as its type defines).",
    }],
};

/// Whether `name` is a CloudFormation resource type (`AWS::Service::Resource`), which an
/// entry's `type:` may name as the escape hatch.
pub fn is_cfn_type(name: &str) -> bool {
    if !name.contains(':') {
        return false;
    }
    let mut parts = 0;
    for part in name.split("::") {
        parts += 1;
        if parts > 3 || part.is_empty() || !part.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return false;
        }
    }
    parts == 3
}

/// `Construct`: a plain grouping node, as a user's own L3 construct would be.
pub static CONSTRUCT: TypeDef = TypeDef {
    name: "Construct",
    module: Module::Constructs,
    role: Role::Construct,
    keyed: true,
    doc: "A plain grouping node (`new Construct(scope, id)`): its children's paths start with its own.",
    props: &[],
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: &[],
};

/// Looks a type up by its `type:` name, plain (`HttpApi`) or module-qualified (`lambda.Function`).
pub fn find_type(name: &str) -> Option<&'static TypeDef> {
    if is_cfn_type(name) {
        return Some(&CFN_RESOURCE);
    }
    let (qualifier, bare) = match name.split_once('.') {
        Some((q, b)) => (Some(q), b),
        None => (None, name),
    };
    TYPES_BY_NAME
        .get(bare)?
        .iter()
        .copied()
        .find(|t| qualifier.is_none_or(|q| q == t.module.qualifier()))
}

/// The class types by name, in table order (resolve looks a type up for every value that
/// names one).
static TYPES_BY_NAME: LazyLock<HashMap<&'static str, Vec<&'static TypeDef>>> =
    LazyLock::new(|| {
        let mut by_name: HashMap<&'static str, Vec<&'static TypeDef>> = HashMap::default();
        for ty in class_types() {
            by_name.entry(ty.name).or_default().push(ty);
        }
        by_name
    });

/// The role of the objects a [`Kind::Object`] accepts: that of its types (integrations when
/// they name none).
pub fn object_role(types: &[&str]) -> Role {
    types
        .first()
        .and_then(|t| find_type(t))
        .map_or(Role::Integration, |t| t.role)
}

/// The types whose `type:` is their class name: every type but `CfnResource`, whose `type:`
/// is a CloudFormation type.
pub fn class_types() -> impl Iterator<Item = &'static TypeDef> {
    TYPES
        .iter()
        .copied()
        .filter(|t| !std::ptr::eq(*t, &CFN_RESOURCE))
}

impl MethodDef {
    /// The parameter a list-shaped call may give bare: the one `key` names.
    pub fn bare_param(&self) -> Option<&'static PropDef> {
        match self.shape {
            CallShape::List => find_prop(self.params, self.key),
            _ => None,
        }
    }
}

impl TypeDef {
    /// The constructor prop named `name`.
    pub fn prop(&self, name: &str) -> Option<&'static PropDef> {
        find_prop(self.props, name)
    }

    /// The method named `name`.
    pub fn method(&self, name: &str) -> Option<&'static MethodDef> {
        self.methods.iter().find(|m| m.name == name)
    }

    /// The import named `name`.
    pub fn import(&self, name: &str) -> Option<&'static ImportDef> {
        self.imports.iter().find(|m| m.name == name)
    }

    /// The attribute named `name`.
    pub fn attr(&self, name: &str) -> Option<&'static AttrDef> {
        self.attrs.iter().find(|a| a.name == name)
    }

    /// Whether `name` is a CloudFormation attribute of this type (`Fn::GetAtt`): any
    /// capitalized name on a `CfnResource`.
    pub fn is_cfn_attribute(&self, name: &str) -> bool {
        std::ptr::eq(self, &CFN_RESOURCE) && name.starts_with(|c: char| c.is_ascii_uppercase())
    }
}

/// Finds a prop by name in a prop list.
pub fn find_prop(props: &'static [PropDef], name: &str) -> Option<&'static PropDef> {
    props.iter().find(|p| p.name == name)
}

impl EnumDef {
    /// The member named `name`.
    pub fn member(&self, name: &str) -> Option<&'static EnumMember> {
        self.members.iter().find(|m| m.name == name)
    }

    /// The factory named `name`.
    pub fn factory(&self, name: &str) -> Option<&'static FactoryDef> {
        self.factories.iter().find(|f| f.name == name)
    }
}

/// Shorthand for table entries: an optional prop.
pub(crate) const fn opt(name: &'static str, kind: Kind, doc: &'static str) -> PropDef {
    PropDef {
        name,
        kind,
        required: false,
        default: None,
        doc,
    }
}

/// Shorthand for table entries: an optional prop with a default.
pub(crate) const fn dflt(
    name: &'static str,
    kind: Kind,
    default: &'static str,
    doc: &'static str,
) -> PropDef {
    PropDef {
        name,
        kind,
        required: false,
        default: Some(default),
        doc,
    }
}

/// Shorthand for table entries: a required prop.
pub(crate) const fn req(name: &'static str, kind: Kind, doc: &'static str) -> PropDef {
    PropDef {
        name,
        kind,
        required: true,
        default: None,
        doc,
    }
}
