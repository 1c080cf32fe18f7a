//! The construct tree CDK builds for the model, planned without synthesizing: every construct,
//! child and resource node, with the text that creates it, in code order.
//!
//! Validate reads the plan for what CDK refuses about the tree as a whole: two constructs with
//! one id under the same parent, two resources (or two outputs) with one logical ID, and more
//! resources than CloudFormation takes in a stack. Synth builds the same tree with properties;
//! a test keeps the two equal on every conformance case and example.

mod apis;
mod checks;
mod network;
mod usage_plans;

use std::borrow::Cow;

use crate::hash::HashMap;

use super::resolve::is_builtin;
use super::resolve::paths::route_id;
use super::{Construct, Model, Props, Value, ValueKind};
use crate::construct::{NodeId, Tree};
use crate::diagnostic::Diagnostic;
use crate::syntax::Span;
use apis::RouteObjects;
use checks::{check_logical_ids, check_outputs, check_resource_count};
pub(crate) use network::listener_vpc;
pub use usage_plans::{has_own_plan, usage_plan_key_id};

/// CloudFormation's limit of resources in one stack, which CDK checks at synth.
pub const RESOURCE_LIMIT: usize = 500;

// The resource types CDK's constructs create, for CDK's resource-count message.
const API: &str = "AWS::ApiGatewayV2::Api";
const STAGE: &str = "AWS::ApiGatewayV2::Stage";
const ROUTE: &str = "AWS::ApiGatewayV2::Route";
const ROUTE_RESPONSE: &str = "AWS::ApiGatewayV2::RouteResponse";
const INTEGRATION: &str = "AWS::ApiGatewayV2::Integration";
const FUNCTION: &str = "AWS::Lambda::Function";
const ROLE: &str = "AWS::IAM::Role";
const PERMISSION: &str = "AWS::Lambda::Permission";
const AUTHORIZER: &str = "AWS::ApiGatewayV2::Authorizer";
const DOMAIN_NAME: &str = "AWS::ApiGatewayV2::DomainName";
const API_MAPPING: &str = "AWS::ApiGatewayV2::ApiMapping";
const CERTIFICATE: &str = "AWS::CertificateManager::Certificate";
const LOG_GROUP: &str = "AWS::Logs::LogGroup";
const BUCKET: &str = "AWS::S3::Bucket";
const ALARM: &str = "AWS::CloudWatch::Alarm";
const USER: &str = "AWS::IAM::User";
const USER_POOL: &str = "AWS::Cognito::UserPool";
const QUEUE: &str = "AWS::SQS::Queue";
const TABLE: &str = "AWS::DynamoDB::Table";
const EVENT_BUS: &str = "AWS::Events::EventBus";
const STATE_MACHINE: &str = "AWS::StepFunctions::StateMachine";
const VPC_LINK: &str = "AWS::ApiGatewayV2::VpcLink";
const NAMESPACE: &str = "AWS::ServiceDiscovery::PrivateDnsNamespace";
const SERVICE: &str = "AWS::ServiceDiscovery::Service";
const USER_POOL_CLIENT: &str = "AWS::Cognito::UserPoolClient";
const POLICY: &str = "AWS::IAM::Policy";
const BUCKET_POLICY: &str = "AWS::S3::BucketPolicy";

/// A planned resource node: its resource type (the text that creates it is in the plan's
/// per-node spans, as for every node).
#[derive(Clone, Debug)]
pub struct Planned {
    /// Its CloudFormation type (written in the file only for `CfnResource` entries).
    pub cfn_type: Cow<'static, str>,
}

/// A planned construct tree, with the outputs' logical IDs.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The tree: every node, resource nodes holding [`Planned`].
    pub tree: Tree<Planned>,
    /// Each node's creating text and CDK class (for CDK's duplicate-id message).
    meta: Vec<(Span, &'static str)>,
    /// Each output's node, in file order.
    pub outputs: Vec<NodeId>,
    /// The Lambda permissions routes add to functions, in creation order.
    pub permissions: Vec<RoutePermission>,
}

/// A Lambda permission a route's integration adds to a function's resource policy.
#[derive(Clone, Debug)]
pub struct RoutePermission {
    /// The function's construct path.
    pub function: String,
    /// The integration object (its mapping) that asks for it.
    pub integration: Span,
    /// The route's construct id (`GET--books`), which the permission's source ARN spells out.
    pub route: String,
}

impl Plan {
    /// The construct paths of every resource, sorted (to compare with synth's).
    pub fn resource_paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = self
            .tree
            .resource_nodes()
            .into_iter()
            .map(|n| self.tree.path(n))
            .collect();
        paths.sort();
        paths
    }

    /// The resources at or under the construct path `path`, in template order: logical ID
    /// and type (what hover shows without synthesizing).
    pub fn resources_under(&self, path: &str) -> Vec<(String, &str)> {
        let Some(node) = self.tree.node_at(path) else {
            return Vec::new();
        };
        self.tree
            .resources_at(node)
            .into_iter()
            .map(|n| {
                let ty = self.tree.resource(n).map_or("", |r| &*r.cfn_type);
                (self.tree.logical_id(n), ty)
            })
            .collect()
    }

    /// The text that creates `node`.
    pub fn span(&self, node: NodeId) -> Option<Span> {
        self.meta.get(node).map(|m| m.0)
    }
}

/// Whether CDK can add permissions to the function at `function` (`canCreatePermissions`):
/// always for an owned function; for an imported one only when its ARN is a literal in the
/// stack's known account.
pub fn can_create_permissions(model: &Model, function: &Construct) -> bool {
    let Some(import) = &function.import else {
        return true;
    };
    let ValueKind::Text(arn) = &import.value.kind else {
        return false;
    };
    let account = arn
        .as_literal()
        .and_then(|a| a.split(':').nth(4).map(str::to_string));
    matches!((&model.stack.account, account), (Some(stack), Some(f)) if *stack == f)
}

/// Whether CDK imports the role at `role` as mutable (`Role.fromRoleArn`): grants then add
/// statements to a `Policy` attached to it. Not when the ARN's account is a literal other than
/// the stack's known account: grants to that role add nothing.
pub fn role_is_mutable(model: &Model, role: &Construct) -> bool {
    let Some(import) = &role.import else {
        return true;
    };
    let ValueKind::Text(arn) = &import.value.kind else {
        return true;
    };
    let account = arn
        .as_literal()
        .and_then(|a| a.split(':').nth(4).map(str::to_string));
    match (&model.stack.account, account) {
        (Some(stack), Some(role)) => *stack == role,
        _ => true,
    }
}

/// Plans the construct tree of `model`, reporting what CDK refuses about it.
pub fn plan(model: &Model, diags: &mut Vec<Diagnostic>) -> Plan {
    let nodes = model.node_estimate();
    let mut meta = Vec::with_capacity(nodes);
    meta.push((Span::default(), "Stack"));
    let mut p = Planner {
        model,
        plan: Plan {
            tree: Tree::with_capacity(&model.stack.id, nodes),
            meta,
            outputs: Vec::new(),
            permissions: Vec::new(),
        },
        diags,
        states: vec![State::NotRun; model.constructs.len()],
        permission_warnings: Vec::new(),
        nodes: HashMap::with_capacity_and_hasher(nodes, Default::default()),
        bound: HashMap::default(),
        bound_authorizers: HashMap::default(),
        vpc_links: HashMap::default(),
    };
    for index in 0..model.constructs.len() {
        p.run(index);
    }
    p.outputs();
    let Planner { plan, diags, .. } = p;
    check_logical_ids(&plan, diags);
    check_outputs(&plan, diags);
    check_resource_count(&plan, diags);
    plan
}

/// Where an entry is in its run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    NotRun,
    Running,
    Done,
}

struct Planner<'m, 'd> {
    model: &'m Model,
    plan: Plan,
    diags: &'d mut Vec<Diagnostic>,
    states: Vec<State>,
    /// Functions already warned about for missing invoke permissions.
    permission_warnings: Vec<String>,
    /// Construct paths (entries and the children CDK creates) to their nodes and classes.
    nodes: HashMap<String, (NodeId, &'static str)>,
    /// Integrations already bound: their API's node.
    bound: HashMap<usize, NodeId>,
    /// The VPCs each API has a link for (`addVpcLink`), in order.
    vpc_links: HashMap<NodeId, Vec<String>>,
    /// Authorizers already bound: their API's node.
    bound_authorizers: HashMap<usize, NodeId>,
}

impl<'m> Planner<'m, '_> {
    /// Adds a node, reporting CDK's error when its id is taken.
    fn add(&mut self, parent: NodeId, id: &str, span: Span, class: &'static str) -> Option<NodeId> {
        match self.plan.tree.add(parent, id) {
            Ok(node) => {
                self.plan.meta.push((span, class));
                Some(node)
            }
            // A duplicate route has its own message (validate's `duplicate route`).
            Err(_) if class == "HttpRoute" => None,
            Err(dup) => {
                let (parent_class, parent_id) = (
                    self.plan.meta.get(parent).map_or("Construct", |m| m.1),
                    self.plan.tree.id(parent).to_string(),
                );
                let mut d = Diagnostic::error(
                    span,
                    format!(
                        "There is already a Construct with name '{}' in {parent_class} [{parent_id}]",
                        dup.id
                    ),
                )
                .with_hint("give one of the two constructs another id");
                if let Some(first) = self.plan.span(dup.existing) {
                    d = d.with_related(first, format!("`{}` is created here", dup.id));
                }
                self.diags.push(d);
                None
            }
        }
    }

    /// Adds a resource node.
    fn resource(
        &mut self,
        parent: NodeId,
        id: &str,
        span: Span,
        cfn_type: &'static str,
    ) -> Option<NodeId> {
        let node = self.add(parent, id, span, "CfnResource")?;
        let cfn_type = Cow::Borrowed(cfn_type);
        self.plan.tree.set_resource(node, Planned { cfn_type });
        Some(node)
    }

    /// The node at `path`, running the entry that creates it first when needed.
    fn node(&mut self, path: &str) -> Option<(NodeId, &'static str)> {
        if let Some(n) = self.nodes.get(path) {
            return Some(*n);
        }
        for index in self.model.creators(path) {
            self.run(index);
            if let Some(n) = self.nodes.get(path) {
                return Some(*n);
            }
        }
        None
    }

    /// The parent node of a construct path (running its entry first) and the last id: `Id` is
    /// under the stack, `Parent/Id` under `Parent`.
    fn scope_of<'p>(&mut self, path: &'p str) -> Option<(NodeId, &'p str)> {
        match path.rsplit_once('/') {
            Some((parent, id)) => Some((self.node(parent)?.0, id)),
            None => Some((Tree::<Planned>::ROOT, path)),
        }
    }

    /// Runs the entry at `index` unless it ran: the constructor (its references first, then
    /// its nodes), then its method keys one by one (each call's references, then its nodes).
    fn run(&mut self, index: usize) {
        let model = self.model;
        let Some(construct) = model.constructs.get(index) else {
            return;
        };
        if self.states.get(index) != Some(&State::NotRun) {
            return;
        }
        self.states[index] = State::Running;
        self.run_construct(construct);
        for dep in &construct.depends_on {
            self.require(&dep.value, dep.span);
        }
        self.states[index] = State::Done;
    }

    fn run_construct(&mut self, construct: &'m Construct) {
        let path = &construct.path.value;
        let Some(ty) = construct.ty else {
            // Calls on an entry that ran already, or on a child CDK created.
            if let Some((node, class)) = self.require(path, construct.path.span) {
                self.calls(construct, node, class);
            }
            return;
        };
        let Some((scope, id)) = self.scope_of(path) else {
            return;
        };
        let span = construct.path.span;
        let class = ty.name;
        let Some(node) = self.add(scope, id, span, class) else {
            return;
        };
        let mut refs = Vec::new();
        refs_of_props(self.model, &construct.props, &mut refs);
        if let Some(import) = &construct.import {
            refs_of(self.model, &import.value, &mut refs);
        }
        self.require_all(refs);
        if construct.import.is_some() {
            self.nodes.insert(path.clone(), (node, class));
            // Imported plans, keys and tables take calls (`addApiKey`, grants) as owned ones do.
            if matches!(class, "UsagePlan" | "ApiKey" | "Table") {
                self.calls(construct, node, class);
            }
            return;
        }
        match ty.name {
            "HttpApi" => self.http_api(construct, node),
            "HttpStage" | "WebSocketStage" => {
                self.resource(node, "Resource", span, STAGE);
                self.domain_mapping(node, &construct.props, "domainMapping");
            }
            "DomainName" => {
                self.resource(node, "Resource", span, DOMAIN_NAME);
            }
            "ApiMapping" => {
                self.resource(node, "Resource", span, API_MAPPING);
            }
            "Certificate" => {
                self.resource(node, "Resource", span, CERTIFICATE);
            }
            "LogGroup" => {
                self.resource(node, "Resource", span, LOG_GROUP);
            }
            "Alarm" => {
                self.resource(node, "Resource", span, ALARM);
            }
            "Role" => {
                self.resource(node, "Resource", span, ROLE);
            }
            "User" => {
                self.resource(node, "Resource", span, USER);
            }
            "UserPool" => {
                self.resource(node, "Resource", span, USER_POOL);
            }
            "Queue" => {
                self.resource(node, "Resource", span, QUEUE);
            }
            "Table" => {
                self.resource(node, "Resource", span, TABLE);
            }
            "Policy" => {
                if self.model.policy_attached(construct) {
                    self.resource(node, "Resource", span, POLICY);
                }
            }
            "EventBus" => {
                self.resource(node, "Resource", span, EVENT_BUS);
            }
            "VpcLink" => {
                self.resource(node, "Resource", span, VPC_LINK);
            }
            "PrivateDnsNamespace" => {
                self.resource(node, "Resource", span, NAMESPACE);
            }
            "StateMachine" => {
                if let Some(role) = self.add(node, "Role", span, "Role") {
                    self.resource(role, "Resource", span, ROLE);
                }
                self.resource(node, "Resource", span, STATE_MACHINE);
            }
            "Bucket" => {
                self.resource(node, "Resource", span, BUCKET);
                if construct.props.bool("enforceSSL") == Some(true)
                    && let Some(policy) = self.add(node, "Policy", span, "BucketPolicy")
                {
                    self.resource(policy, "Resource", span, BUCKET_POLICY);
                }
            }
            "WebSocketApi" => self.websocket_api(construct, node),
            "WebSocketRoute" => {
                if let Some(ValueKind::Construct(api)) =
                    construct.props.get("webSocketApi").map(|v| &v.kind)
                    && let Some((api, _)) = self.node(api)
                {
                    self.websocket_route_nodes(api, node, &construct.props, span);
                }
            }
            "Function" => {
                if let Some(role) = self.add(node, "ServiceRole", span, "Role") {
                    self.resource(role, "Resource", span, ROLE);
                }
                self.resource(node, "Resource", span, FUNCTION);
            }
            "CfnResource" => self.mark_resource(construct, node),
            "Vpc" => self.vpc(construct, node),
            "SecurityGroup" => self.security_group(construct, node),
            "ApplicationLoadBalancer" | "NetworkLoadBalancer" => {
                self.load_balancer(construct, node)
            }
            "RateLimitedApiKey" => self.rate_limited_key(construct, node),
            class => {
                if let Some(cfn_type) = usage_plans::own_resource(class) {
                    self.resource(node, "Resource", span, cfn_type);
                }
            }
        }
        // The constructor has run: the construct exists for what refers to it from now on.
        self.nodes.insert(path.clone(), (node, class));
        self.calls(construct, node, class);
    }

    /// A child a method call creates at `path` (the last component is its id), holding one
    /// resource of `cfn_type`; known by its path from now on.
    fn child(
        &mut self,
        parent: NodeId,
        path: String,
        span: Span,
        class: &'static str,
        cfn_type: &'static str,
    ) -> Option<NodeId> {
        let id = path.rsplit('/').next().unwrap_or(&path);
        let node = self.add(parent, id, span, class)?;
        self.resource(node, "Resource", span, cfn_type);
        self.nodes.insert(path, (node, class));
        Some(node)
    }

    /// The `ApiMapping` a stage creates for the domain mapping in its prop `name`.
    fn domain_mapping(&mut self, stage: NodeId, props: &Props, name: &str) {
        let Some(mapping) = props.domain_mapping(name) else {
            return;
        };
        let id = mapping.construct_id(&self.model.stack.id);
        if let Some(node) = self.add(stage, &id, mapping.span, "ApiMapping") {
            self.resource(node, "Resource", mapping.span, API_MAPPING);
        }
    }

    /// Requires every reference, in order.
    fn require_all(&mut self, refs: Vec<(&'m str, Span)>) {
        for (path, span) in refs {
            self.require(path, span);
        }
    }

    /// The node at `path` for a reference at `span`: the entry that creates it runs first; a
    /// reference back into an entry whose constructor is running is a cycle, and a child not
    /// created yet (a later call creates it) does not exist when this runs.
    fn require(&mut self, path: &str, span: Span) -> Option<(NodeId, &'static str)> {
        if let Some(found) = self.node(path) {
            return Some(found);
        }
        if let Some(index) = self.model.authorizer_named(path) {
            // `${Auth.authorizerId}`: CDK's getter throws before a route bound the authorizer.
            if !self.bound_authorizers.contains_key(&index) {
                self.diags.push(
                    Diagnostic::error(
                        span,
                        "Cannot access authorizerId until authorizer is attached to a HttpRoute",
                    )
                    .with_hint("use the authorizer on a route above this reference"),
                );
            }
            return None;
        }
        if !self.model.known_paths.contains_key(path) {
            return None; // Resolve reported it.
        }
        let running = self
            .model
            .constructs
            .iter()
            .position(|c| c.path.value == path && c.ty.is_some())
            .is_some_and(|i| self.states.get(i) == Some(&State::Running));
        let message = if running {
            format!("`{path}` refers to itself through its references")
        } else {
            format!("`{path}` does not exist when this runs")
        };
        let hint = if running {
            "an entry's props cannot use the entry itself: move the reference into a later entry"
        } else {
            "the call that creates it runs later: move this reference below that call"
        };
        self.diags
            .push(Diagnostic::error(span, message).with_hint(hint));
        None
    }

    /// A node that is itself the resource (`CfnResource`).
    fn mark_resource(&mut self, construct: &Construct, node: NodeId) {
        let Some(cfn_type) = &construct.cfn_type else {
            return;
        };
        let planned = Planned {
            cfn_type: Cow::Owned(cfn_type.value.clone()),
        };
        self.plan.tree.set_resource(node, planned);
    }

    /// The method keys of an entry (or of a call entry) on the node they are called on.
    fn calls(&mut self, construct: &'m Construct, node: NodeId, class: &'static str) {
        let api_path = construct.path.value.clone();
        for call in &construct.calls {
            let mut refs = Vec::new();
            refs_of_props(self.model, &call.args, &mut refs);
            self.require_all(refs);
            match (class, call.method.name) {
                ("HttpApi", "addRoutes") => {
                    let Some(path) = literal(&call.args, "path") else {
                        continue;
                    };
                    let integration = object(&call.args, "integration")
                        .zip(call.args.get("integration").map(|v| v.span));
                    // An imported authorizer (a path) creates nothing, nor takes the default.
                    let authorizer = match call.args.get("authorizer") {
                        Some(value) => object(&call.args, "authorizer").zip(Some(value.span)),
                        None => self.default_authorizer(&api_path),
                    };
                    for (method, span) in call.args.route_methods(call.span) {
                        let id = route_id(method, &path);
                        let objects = RouteObjects {
                            integration,
                            authorizer,
                        };
                        self.http_route(&api_path, node, &id, objects, span);
                    }
                }
                ("HttpApi", "addStage") => {
                    let Some(key) = &call.key else { continue };
                    let path = format!("{api_path}/{}", key.value);
                    if let Some(stage) = self.child(node, path, key.span, "HttpStage", STAGE) {
                        self.domain_mapping(stage, &call.args, "domainMapping");
                    }
                }
                ("HttpApi", "addVpcLink") => {
                    if let Some(ValueKind::Construct(vpc)) = call.args.get("vpc").map(|v| &v.kind) {
                        self.vpc_link_for(&api_path, node, vpc, call.span);
                    }
                }
                ("ApplicationLoadBalancer" | "NetworkLoadBalancer", "addListener") => {
                    self.add_listener(&api_path, node, call, class);
                }
                ("ApplicationListener" | "NetworkListener", "addTargets") => {
                    self.add_targets(node, call);
                }
                ("PrivateDnsNamespace", "createService") => {
                    let Some(key) = &call.key else { continue };
                    let path = format!("{api_path}/{}", key.value);
                    self.child(node, path, key.span, "Service", SERVICE);
                }
                ("UserPool", "addClient") => {
                    let Some(key) = &call.key else { continue };
                    let path = format!("{api_path}/{}", key.value);
                    self.child(node, path, key.span, "UserPoolClient", USER_POOL_CLIENT);
                }
                ("HttpRoute", "grantInvoke")
                | ("ApiKey" | "RateLimitedApiKey", "grantRead" | "grantWrite" | "grantReadWrite")
                | (
                    "Table",
                    "grantReadData" | "grantWriteData" | "grantReadWriteData" | "grantFullAccess",
                )
                | ("WebSocketApi", "grantManageConnections")
                | ("WebSocketStage", "grantManagementApiAccess") => {
                    // The principal is `grantee`, or `identity` as CDK names it for WebSocket
                    // grants.
                    let principal = call.args.get("grantee").or(call.args.get("identity"));
                    if let Some(ValueKind::Construct(path)) = principal.map(|v| &v.kind) {
                        self.grant_policy(path, call.span);
                    }
                }
                ("UsagePlan", "addApiKey") => self.add_api_key(node, call),
                ("WebSocketApi", "addRoute") => {
                    let Some(key) = &call.key else { continue };
                    self.websocket_route(node, &key.value, &call.args, key.span);
                }
                _ => {}
            }
        }
    }

    /// Outputs are constructs too: under the stack, or under the entry their path names.
    fn outputs(&mut self) {
        let model = self.model;
        for output in &model.outputs {
            let mut refs = Vec::new();
            refs_of(model, &output.value, &mut refs);
            for v in output.description.iter().chain(&output.export_name) {
                refs_of(model, v, &mut refs);
            }
            self.require_all(refs);
            let Some((scope, id)) = self.scope_of(&output.id.value) else {
                continue;
            };
            if let Some(node) = self.add(scope, id, output.id.span, "CfnOutput") {
                self.plan.outputs.push(node);
            }
        }
    }
}

/// The construct paths `props` refers to, in order: construct references, `${...}` heads, and
/// through an integration or authorizer what its own props refer to.
fn refs_of_props<'m>(model: &'m Model, props: &'m Props, out: &mut Vec<(&'m str, Span)>) {
    for prop in &props.items {
        refs_of(model, &prop.value, out);
    }
}

fn refs_of<'m>(model: &'m Model, value: &'m Value, out: &mut Vec<(&'m str, Span)>) {
    match &value.kind {
        ValueKind::Construct(path) => out.push((path, value.span)),
        ValueKind::Text(text) => {
            for expr in text.exprs().filter(|e| !is_builtin(e)) {
                // Of an authorizer only `authorizerId` needs it bound (its resource's `Ref`).
                let unbound_attr = model.authorizer_named(&expr.head.value).is_some()
                    && expr
                        .members
                        .first()
                        .is_none_or(|m| m.name.value != "authorizerId");
                if !unbound_attr {
                    out.push((&expr.head.value, expr.head.span));
                }
            }
        }
        ValueKind::Object(index) => {
            if let Some(object) = model.objects.get(*index) {
                refs_of_props(model, &object.props, out);
            }
        }
        ValueKind::Factory(_, arg) => refs_of(model, arg, out),
        ValueKind::List(items) => items.iter().for_each(|i| refs_of(model, i, out)),
        ValueKind::Map(entries) => entries.iter().for_each(|(_, v)| refs_of(model, v, out)),
        ValueKind::Struct(props) | ValueKind::MathExpression(props) => {
            refs_of_props(model, props, out)
        }
        ValueKind::Metric(metric) => {
            out.push((&metric.target.value, metric.target.span));
            refs_of_props(model, &metric.options, out);
        }
        _ => {}
    }
}

fn literal<'p>(props: &'p Props, name: &str) -> Option<Cow<'p, str>> {
    props.get(name)?.literal_text()
}

/// The object (integration or authorizer) a prop refers to.
fn object(props: &Props, name: &str) -> Option<usize> {
    match props.get(name)?.kind {
        ValueKind::Object(index) => Some(index),
        _ => None,
    }
}
