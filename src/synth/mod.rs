//! Synth: the model into the CloudFormation template the AWS CDK would synthesize.
//!
//! Entries run in code order (FORMAT.md §2): top to bottom, each constructor before its method
//! keys, and an entry that another one refers to runs first. Each construct family has its
//! emitter module; they add nodes to the construct [`tree::Tree`], whose paths decide the
//! logical IDs.
//!
//! Architecture invariant: synth reports problems as diagnostics with spans and never returns
//! a partial template: `template` is `None` whenever an error was found.

mod cloudwatch;
mod cognito;
mod domains;
mod dynamodb;
mod ec2;
mod elbv2;
mod exprs;
mod http;
mod iam;
pub mod json;
mod lambda;
mod logs;
mod network;
mod policies;
mod public_suffix;
mod s3;
mod services;
mod stage;
mod stepfunctions;
pub mod tokens;
pub mod tree;
mod usage_plans;
mod websocket;

use crate::hash::HashMap;

use crate::synth::json::{Map, Value, json};

use crate::diagnostic::Diagnostic;
use crate::model::{Model, Props, ValueKind};
use tokens::{Env, Str};
use tree::{NodeId, Resource, Tree};

/// The result of synthesis.
#[derive(Debug, Default)]
pub struct Synthesis {
    /// The template, when no error was found.
    pub template: Option<Value>,
    /// Internal errors: what synth could not compute although validate found no error.
    pub diagnostics: Vec<Diagnostic>,
    /// Every resource with its construct path, in template order (empty with errors).
    pub resources: Vec<tree::ResourceRef>,
}

/// The template as `--synth` writes it: pretty JSON (two-space indent, keys in template order)
/// ending with one newline. The editors' previews show exactly this text.
pub fn render_json(template: &Value) -> String {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail, and the text written is valid UTF-8.
    let _ = write_json(template, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`render_json`] written to `out` as it is rendered, in chunks (the CLI writes a template
/// without holding its text); how many bytes it wrote.
pub fn write_json(template: &Value, mut out: impl std::io::Write) -> std::io::Result<usize> {
    let written = json::write_pretty(template, &mut out)?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(written + 1)
}

/// A writer that counts the bytes written through it.
pub struct Counted<W> {
    inner: W,
    /// The bytes written so far.
    pub bytes: usize,
}

impl<W> Counted<W> {
    /// Counts what is written to `inner`.
    pub fn new(inner: W) -> Counted<W> {
        Counted { inner, bytes: 0 }
    }
}

impl<W: std::io::Write> std::io::Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.bytes += written;
        Ok(written)
    }

    // The serializer writes a few bytes at a time: handed whole to the inner writer's
    // `write_all` (a buffer's copy), not through the default loop over `write`.
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.inner.write_all(buf)?;
        self.bytes += buf.len();
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Synthesizes the template of a resolved model.
pub fn synth(model: &Model) -> Synthesis {
    let mut s = Synth {
        model,
        tree: Tree::with_capacity(&model.stack.id, model.node_estimate()),
        env: Env {
            region: model.stack.region.clone(),
            account: model.stack.account.clone(),
        },
        diags: Vec::new(),
        states: vec![RunState::NotRun; model.constructs.len()],
        handles: HashMap::default(),
        bound_integrations: HashMap::default(),
        bound_authorizers: HashMap::default(),
    };
    for index in 0..model.constructs.len() {
        s.run(index);
    }
    let outputs = s.outputs();
    let has_errors = s.diags.iter().any(Diagnostic::is_error);
    let mut template = Map::new();
    if let Some(description) = &model.stack.description {
        template.insert("Description".into(), Value::from(description.clone()));
    }
    let (resources, refs) = tree::render_resources(s.tree);
    if !resources.is_empty() {
        template.insert("Resources".into(), Value::Object(resources));
    }
    if !outputs.is_empty() {
        template.insert("Outputs".into(), Value::Object(outputs));
    }
    Synthesis {
        template: (!has_errors).then_some(Value::Object(template)),
        diagnostics: s.diags,
        resources: if has_errors { Vec::new() } else { refs },
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RunState {
    NotRun,
    Running,
    Done,
}

/// What synth knows of a construct, by path, for references and `${...}` attributes.
#[derive(Clone, Debug)]
enum Handle {
    /// A plain grouping construct.
    Group(NodeId),
    /// An HTTP API.
    HttpApi(Box<http::ApiInfo>),
    /// A stage.
    Stage(stage::StageInfo),
    /// An HTTP route.
    Route(http::RouteInfo),
    /// A WebSocket API.
    WebSocketApi(websocket::WsApiInfo),
    /// A Lambda function.
    Function(lambda::FunctionInfo),
    /// A `CfnResource` (escape hatch): its node and logical ID.
    Cfn(NodeId, String),
    /// An ACM certificate.
    Certificate(domains::CertificateInfo),
    /// A custom domain.
    DomainName(domains::DomainInfo),
    /// An API mapping.
    ApiMapping(domains::MappingInfo),
    /// A log group.
    LogGroup(logs::LogGroupInfo),
    /// An S3 bucket.
    Bucket(s3::BucketInfo),
    /// A CloudWatch alarm.
    Alarm(cloudwatch::AlarmInfo),
    /// An IAM role.
    Role(iam::RoleInfo),
    /// An IAM user.
    User(iam::UserInfo),
    /// A Cognito user pool.
    UserPool(cognito::UserPoolInfo),
    /// An app client of a user pool.
    UserPoolClient(cognito::ClientInfo),
    /// An SQS queue.
    Queue(services::QueueInfo),
    /// A DynamoDB table.
    Table(dynamodb::TableInfo),
    /// An IAM policy.
    Policy(policies::PolicyInfo),
    /// A `WebSocketRoute` entry.
    WebSocketRoute(websocket::WsRouteInfo),
    /// An EventBridge bus.
    EventBus(services::BusInfo),
    /// A Step Functions state machine.
    StateMachine(stepfunctions::StateMachineInfo),
    /// A VPC.
    Vpc(Box<ec2::VpcInfo>),
    /// A subnet.
    Subnet(network::Imported),
    /// A security group.
    SecurityGroup(network::Imported),
    /// A load balancer.
    LoadBalancer(Box<elbv2::LoadBalancerInfo>),
    /// A load balancer listener.
    Listener(Box<elbv2::ListenerInfo>),
    /// A VPC link.
    VpcLink(network::VpcLinkInfo),
    /// A Cloud Map namespace.
    Namespace(network::NamespaceInfo),
    /// A Cloud Map service (its ARN).
    Service(network::Imported),
    /// An API key (owned, imported or rate-limited).
    ApiKey(usage_plans::KeyInfo),
    /// A usage plan.
    UsagePlan(usage_plans::PlanInfo),
    /// An imported HTTP authorizer.
    HttpAuthorizer(http::ImportedAuthorizer),
}

impl Handle {
    fn node(&self) -> NodeId {
        match self {
            Handle::Group(n) => *n,
            Handle::HttpApi(a) => a.node,
            Handle::Stage(s) => s.node,
            Handle::Route(r) => r.node,
            Handle::WebSocketApi(a) => a.node,
            Handle::Function(f) => f.node,
            Handle::Cfn(node, _) => *node,
            Handle::Certificate(c) => c.node,
            Handle::DomainName(d) => d.node,
            Handle::ApiMapping(m) => m.node,
            Handle::LogGroup(l) => l.node,
            Handle::Bucket(b) => b.node,
            Handle::Alarm(a) => a.node,
            Handle::Role(r) => r.node,
            Handle::User(u) => u.node,
            Handle::UserPool(p) => p.node,
            Handle::UserPoolClient(c) => c.node,
            Handle::Queue(q) => q.node,
            Handle::Table(t) => t.node,
            Handle::Policy(p) => p.node,
            Handle::WebSocketRoute(r) => r.node,
            Handle::EventBus(b) => b.node,
            Handle::StateMachine(m) => m.node,
            Handle::Vpc(v) => v.node,
            Handle::Subnet(x) | Handle::SecurityGroup(x) => x.node,
            Handle::LoadBalancer(lb) => lb.node,
            Handle::Listener(l) => l.node,
            Handle::VpcLink(l) => l.node,
            Handle::Namespace(n) => n.node,
            Handle::Service(x) => x.node,
            Handle::ApiKey(k) => k.node,
            Handle::UsagePlan(p) => p.node,
            Handle::HttpAuthorizer(a) => a.node,
        }
    }
}

/// Where an integration was bound: the API and the integration's resource node.
#[derive(Clone, Debug)]
struct BoundIntegration {
    api_node: NodeId,
    resource: NodeId,
}

struct Synth<'m> {
    model: &'m Model,
    tree: Tree,
    env: Env,
    diags: Vec<Diagnostic>,
    states: Vec<RunState>,
    handles: HashMap<String, Handle>,
    bound_integrations: HashMap<usize, BoundIntegration>,
    /// JWT authorizers already created: their resource node.
    bound_authorizers: HashMap<usize, NodeId>,
}

impl Synth<'_> {
    /// Runs the entry at `index` unless it ran already.
    fn run(&mut self, index: usize) {
        let model = self.model;
        let Some(construct) = model.constructs.get(index) else {
            return;
        };
        match self.states[index] {
            RunState::Done => return,
            // A cycle: validate's plan reported it.
            RunState::Running => return,
            RunState::NotRun => self.states[index] = RunState::Running,
        }
        let path = &construct.path.value;
        let (parent_path, id) = match path.rsplit_once('/') {
            Some((parent, id)) => (Some(parent), id),
            None => (None, path.as_str()),
        };
        let scope = match parent_path {
            Some(parent) => self.handle(parent).map(|h| h.node()),
            None => Some(Tree::ROOT),
        };
        if let Some(scope) = scope {
            match construct.ty {
                Some(ty) => self.create(construct, ty.name, scope, id),
                None => self.calls_on_child(construct),
            }
            for dep in &construct.depends_on {
                let (Some(from), Some(to)) = (
                    self.handles.get(path).map(Handle::node),
                    self.handle(&dep.value).map(|h| h.node()),
                ) else {
                    continue;
                };
                self.tree.add_dependency(from, to);
            }
        }
        self.states[index] = RunState::Done;
    }

    fn create(
        &mut self,
        construct: &crate::model::Construct,
        type_name: &str,
        scope: NodeId,
        id: &str,
    ) {
        // A duplicate id: validate's plan reported it.
        let Ok(node) = self.tree.add(scope, id) else {
            return;
        };
        let handle = match type_name {
            "HttpApi" => {
                http::create_api(self, construct, node).map(|api| Handle::HttpApi(Box::new(api)))
            }
            "HttpStage" => http::create_standalone_stage(self, construct, node).map(Handle::Stage),
            "Function" => lambda::create_function(self, construct, node).map(Handle::Function),
            "WebSocketApi" => {
                websocket::create_api(self, construct, node).map(Handle::WebSocketApi)
            }
            "WebSocketStage" => websocket::create_stage(self, construct, node).map(Handle::Stage),
            "WebSocketRoute" => websocket::create_route(self, construct, node),
            "CfnResource" => self.cfn_resource(construct, node),
            "Certificate" => {
                domains::create_certificate(self, construct, node).map(Handle::Certificate)
            }
            "DomainName" => {
                domains::create_domain_name(self, construct, node).map(Handle::DomainName)
            }
            "ApiMapping" => {
                domains::create_api_mapping(self, construct, node).map(Handle::ApiMapping)
            }
            "LogGroup" => logs::create_log_group(self, construct, node).map(Handle::LogGroup),
            "Bucket" => s3::create_bucket(self, construct, node).map(Handle::Bucket),
            "Alarm" => cloudwatch::create_alarm(self, construct, node).map(Handle::Alarm),
            "Role" => iam::create_role(self, construct, node).map(Handle::Role),
            "User" => iam::create_user(self, construct, node).map(Handle::User),
            "Queue" => services::create_queue(self, construct, node).map(Handle::Queue),
            "Table" => dynamodb::create_table(self, construct, node).map(Handle::Table),
            "Policy" => policies::create_policy(self, construct, node).map(Handle::Policy),
            "EventBus" => services::create_bus(self, construct, node).map(Handle::EventBus),
            "StateMachine" => {
                stepfunctions::create_state_machine(self, construct, node).map(Handle::StateMachine)
            }
            "Vpc" => ec2::create_vpc(self, construct, node).map(|vpc| Handle::Vpc(Box::new(vpc))),
            "Subnet" => network::create_imported(self, construct, node).map(Handle::Subnet),
            "SecurityGroup" => {
                ec2::create_security_group(self, construct, node).map(Handle::SecurityGroup)
            }
            "ApplicationLoadBalancer" | "NetworkLoadBalancer" => {
                elbv2::create_load_balancer(self, construct, node)
                    .map(|lb| Handle::LoadBalancer(Box::new(lb)))
            }
            "ApplicationListener" | "NetworkListener" => {
                elbv2::imported_listener(self, construct, node)
                    .map(|l| Handle::Listener(Box::new(l)))
            }
            "VpcLink" => network::create_vpc_link(self, construct, node).map(Handle::VpcLink),
            "PrivateDnsNamespace" => {
                network::create_namespace(self, construct, node).map(Handle::Namespace)
            }
            "UserPool" => cognito::create_user_pool(self, construct, node).map(Handle::UserPool),
            "ApiKey" => usage_plans::create_key(self, construct, node).map(Handle::ApiKey),
            "RateLimitedApiKey" => {
                usage_plans::create_rate_limited_key(self, construct, node).map(Handle::ApiKey)
            }
            "UsagePlan" => usage_plans::create_plan(self, construct, node).map(Handle::UsagePlan),
            "HttpAuthorizer" => {
                http::import_authorizer(self, construct, node).map(Handle::HttpAuthorizer)
            }
            _ => Some(Handle::Group(node)),
        };
        if let Some(handle) = handle {
            self.handles.insert(construct.path.value.clone(), handle);
        }
        match type_name {
            "HttpApi" => http::api_calls(self, construct),
            "WebSocketApi" => websocket::api_calls(self, construct),
            "UserPool" => cognito::pool_calls(self, construct),
            "VpcLink" => network::link_calls(self, construct),
            "PrivateDnsNamespace" => network::namespace_calls(self, construct),
            "ApplicationLoadBalancer" | "NetworkLoadBalancer" => {
                elbv2::load_balancer_calls(self, construct)
            }
            "UsagePlan" => usage_plans::plan_calls(self, construct),
            "ApiKey" | "RateLimitedApiKey" => usage_plans::key_calls(self, construct),
            "Table" => dynamodb::table_calls(self, construct),
            "User" | "Role" => policies::attach_calls(self, construct),
            _ => {}
        }
    }

    /// `new CfnResource(scope, id, { type, properties })`: the node is the resource itself.
    fn cfn_resource(
        &mut self,
        construct: &crate::model::Construct,
        node: NodeId,
    ) -> Option<Handle> {
        let cfn_type = construct.cfn_type.as_ref()?;
        let properties = match self.prop_json(&construct.props, "properties") {
            Some(Value::Object(map)) => map,
            _ => Map::new(),
        };
        self.tree
            .set_resource(node, Resource::new(&cfn_type.value, properties));
        Some(Handle::Cfn(node, self.tree.logical_id(node)))
    }

    /// Method calls at their place in code order (an entry without `type:`): on a child that
    /// CDK created, or a call entry (`Api.addRoutes`) on an entry that ran already.
    fn calls_on_child(&mut self, construct: &crate::model::Construct) {
        let Some(handle) = self.handle(&construct.path.value) else {
            return;
        };
        match handle {
            Handle::Stage(stage) => stage::stage_calls(self, &stage, &construct.calls),
            Handle::HttpApi(_) => http::api_calls(self, construct),
            Handle::WebSocketApi(_) => websocket::api_calls(self, construct),
            Handle::UserPool(_) => cognito::pool_calls(self, construct),
            Handle::VpcLink(_) => network::link_calls(self, construct),
            Handle::Namespace(_) => network::namespace_calls(self, construct),
            Handle::LoadBalancer(_) => elbv2::load_balancer_calls(self, construct),
            Handle::Listener(_) => {
                elbv2::listener_calls(self, &construct.path.value, &construct.calls)
            }
            Handle::UsagePlan(_) => usage_plans::plan_calls(self, construct),
            Handle::ApiKey(_) => usage_plans::key_calls(self, construct),
            Handle::Table(_) => dynamodb::table_calls(self, construct),
            Handle::User(_) | Handle::Role(_) => policies::attach_calls(self, construct),
            Handle::Route(route) => {
                for call in construct
                    .calls
                    .iter()
                    .filter(|c| c.method.name == "grantInvoke")
                {
                    iam::grant_invoke(self, &route, call);
                }
            }
            _ => {}
        }
    }

    /// The construct at `path`, running its entry (or its parent's) first when needed.
    fn handle(&mut self, path: &str) -> Option<Handle> {
        if let Some(h) = self.handles.get(path) {
            return Some(h.clone());
        }
        for index in self.model.creators(path) {
            self.run(index);
            if let Some(h) = self.handles.get(path) {
                return Some(h.clone());
            }
        }
        // Validate's plan reported the reference.
        None
    }

    fn outputs(&mut self) -> Map {
        let mut out = Map::new();
        for output in &self.model.outputs {
            let mut entry = Map::new();
            if let Some(d) = &output.description
                && let Some(s) = self.string(d)
            {
                entry.insert("Description".into(), s.to_json());
            }
            if let Some(value) = self.string(&output.value) {
                entry.insert("Value".into(), value.to_json());
            }
            if let Some(e) = &output.export_name
                && let Some(s) = self.string(e)
            {
                entry.insert("Export".into(), json!({ "Name": s.to_json() }));
            }
            out.push_new(output.logical_id().into(), Value::Object(entry));
        }
        out
    }

    /// A string prop, with its expressions evaluated.
    fn string(&mut self, value: &crate::model::Value) -> Option<Str> {
        match &value.kind {
            ValueKind::Text(text) => exprs::eval_text(self, text),
            _ => None,
        }
    }

    /// The string prop `name` of `props`.
    fn prop_str(&mut self, props: &Props, name: &str) -> Option<Str> {
        let value = props.get(name)?;
        self.string(value)
    }
}

/// Inserts `value` under `key` when it is present.
fn put(map: &mut Map, key: &'static str, value: Option<Value>) {
    if let Some(v) = value {
        map.insert(key.into(), v);
    }
}

/// A number as JSON: whole numbers as integers, as JavaScript prints them.
fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        json!(n as i64)
    } else {
        json!(n)
    }
}

impl Synth<'_> {
    /// A value as JSON: strings evaluated, enum members as their CloudFormation value, lists
    /// and maps element by element.
    fn json(&mut self, value: &crate::model::Value) -> Option<Value> {
        Some(match &value.kind {
            ValueKind::Text(_) => self.string(value)?.to_json(),
            ValueKind::Bool(b) => Value::Bool(*b),
            ValueKind::Number(n) => number(*n),
            ValueKind::Member(m) => Value::String(m.value.into()),
            ValueKind::Factory(_, arg) => self.json(arg)?,
            ValueKind::List(items) => {
                Value::Array(items.iter().filter_map(|i| self.json(i)).collect())
            }
            ValueKind::Map(entries) => {
                let mut map = Map::new();
                for (key, v) in entries {
                    if let Some(v) = self.json(v) {
                        map.insert(key.value.clone().into(), v);
                    }
                }
                Value::Object(map)
            }
            ValueKind::Duration(d) => number(d.to_millis() / 1000.0),
            ValueKind::Construct(_)
            | ValueKind::Object(_)
            | ValueKind::Struct(_)
            | ValueKind::Metric(_)
            | ValueKind::MathExpression(_) => {
                return None;
            }
        })
    }

    /// The `AWS::ApiGatewayV2::Api` of an HTTP or WebSocket API at `node/Resource`: the
    /// family's own `properties` plus what both share (name, description, IP address type,
    /// protocol). Returns the API's name and the resource's logical ID.
    fn api_resource(
        &mut self,
        construct: &crate::model::Construct,
        node: NodeId,
        protocol: &'static str,
        mut properties: Map,
    ) -> Option<(Str, String)> {
        let props = &construct.props;
        let name = match props.get("apiName") {
            Some(v) => self.string(v)?,
            None => Str::lit(construct.id()),
        };
        let description = self.prop_json(props, "description");
        put(&mut properties, "Description", description);
        let ip = self.prop_json(props, "ipAddressType");
        put(&mut properties, "IpAddressType", ip);
        properties.insert("Name".into(), name.to_json());
        properties.insert("ProtocolType".into(), Value::String(protocol.into()));
        let resource = Resource::new("AWS::ApiGatewayV2::Api", properties);
        let resource = self.tree.add_resource(node, "Resource", resource).ok()?;
        Some((name, self.tree.logical_id(resource)))
    }

    /// Whether the integration is already bound to another API (validate's plan reported it).
    fn bound_to_other_api(&self, index: usize, api_node: NodeId) -> bool {
        self.bound_integrations
            .get(&index)
            .is_some_and(|bound| bound.api_node != api_node)
    }

    /// The integration's resource at `route/<integration id>/Resource`, with the properties
    /// its family computed plus `TimeoutInMillis`; recorded as bound to the API.
    fn create_integration(
        &mut self,
        route: NodeId,
        index: usize,
        api_node: NodeId,
        object: &crate::model::Object,
        mut properties: Map,
    ) -> Option<NodeId> {
        if let Some(ValueKind::Duration(d)) = object.props.get("timeout").map(|v| &v.kind) {
            properties.insert("TimeoutInMillis".into(), number(d.to_millis()));
        }
        let node = self.tree.add(route, &object.id.value).ok()?;
        let resource = Resource::new("AWS::ApiGatewayV2::Integration", properties);
        let resource = self.tree.add_resource(node, "Resource", resource).ok()?;
        self.bound_integrations
            .insert(index, BoundIntegration { api_node, resource });
        Some(resource)
    }

    /// The prop `name` of `props` as JSON.
    fn prop_json(&mut self, props: &Props, name: &str) -> Option<Value> {
        let value = props.get(name)?;
        self.json(value)
    }
}
