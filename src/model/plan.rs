//! The construct tree CDK builds for the model, planned without synthesizing: every construct,
//! child and resource node, with the text that creates it, in code order.
//!
//! Validate reads the plan for what CDK refuses about the tree as a whole: two constructs with
//! one id under the same parent, two resources (or two outputs) with one logical ID, and more
//! resources than CloudFormation takes in a stack. Synth builds the same tree with properties;
//! a test keeps the two equal on every conformance case and example.

use std::collections::HashMap;

use super::resolve::is_builtin;
use super::{Construct, Model, Props, Value, ValueKind};
use crate::construct::{IdKey, NodeId, Tree, id_key, looks_hashed};
use crate::diagnostic::Diagnostic;
use crate::syntax::Span;

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

/// A planned resource node: the text that creates it and its resource type.
#[derive(Clone, Debug)]
pub struct Planned {
    /// Where the resource is created (an entry key, a route's method, an integration's id).
    pub span: Span,
    /// Its CloudFormation type.
    pub cfn_type: String,
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
                let ty = self.tree.resource(n).map_or("", |r| r.cfn_type.as_str());
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

/// Plans the construct tree of `model`, reporting what CDK refuses about it.
pub fn plan(model: &Model, diags: &mut Vec<Diagnostic>) -> Plan {
    let mut p = Planner {
        model,
        plan: Plan {
            tree: Tree::new(&model.stack.id),
            meta: vec![(Span::default(), "Stack")],
            outputs: Vec::new(),
        },
        diags,
        states: vec![State::NotRun; model.constructs.len()],
        permission_warnings: Vec::new(),
        nodes: HashMap::new(),
        bound: HashMap::new(),
        bound_authorizers: Vec::new(),
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
    /// Authorizers already bound.
    bound_authorizers: Vec<usize>,
}

/// The integration and authorizer of a route, as indexes into the model's objects.
#[derive(Clone, Copy)]
struct RouteObjects {
    /// The integration, with the text that refers to it.
    integration: Option<(usize, Span)>,
    authorizer: Option<usize>,
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
    fn resource(&mut self, parent: NodeId, id: &str, span: Span, cfn_type: &str) -> Option<NodeId> {
        let node = self.add(parent, id, span, "CfnResource")?;
        let cfn_type = cfn_type.to_string();
        self.plan
            .tree
            .set_resource(node, Planned { span, cfn_type });
        Some(node)
    }

    /// The node at `path`, running the entry that creates it first when needed.
    fn node(&mut self, path: &str) -> Option<(NodeId, &'static str)> {
        if let Some(n) = self.nodes.get(path) {
            return Some(*n);
        }
        let model = self.model;
        let mut prefix = path;
        loop {
            if let Some(index) = model.constructs.iter().position(|c| c.path.value == prefix) {
                self.run(index);
                if let Some(n) = self.nodes.get(path) {
                    return Some(*n);
                }
            }
            prefix = prefix.rsplit_once('/')?.0;
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
        let (scope, id) = match path.rsplit_once('/') {
            Some((parent, id)) => match self.node(parent) {
                Some((node, _)) => (node, id),
                None => return,
            },
            None => (Tree::<Planned>::ROOT, path.as_str()),
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
            return;
        }
        match ty.name {
            "HttpApi" => self.http_api(construct, node),
            "HttpStage" | "WebSocketStage" => {
                self.resource(node, "Resource", span, STAGE);
            }
            "WebSocketApi" => self.websocket_api(construct, node),
            "Function" => {
                if let Some(role) = self.add(node, "ServiceRole", span, "Role") {
                    self.resource(role, "Resource", span, ROLE);
                }
                self.resource(node, "Resource", span, FUNCTION);
            }
            "CfnResource" => self.mark_resource(construct, node),
            _ => {}
        }
        // The constructor has run: the construct exists for what refers to it from now on.
        self.nodes.insert(path.clone(), (node, class));
        self.calls(construct, node, class);
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
        if !self.model.known_paths.contains(path) {
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
            span: construct.path.span,
            cfn_type: cfn_type.value.clone(),
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
                    let authorizer = object(&call.args, "authorizer")
                        .or_else(|| self.default_authorizer(&api_path));
                    for (method, span) in call.args.route_methods(call.span) {
                        let id = format!("{method}{path}");
                        let objects = RouteObjects {
                            integration,
                            authorizer,
                        };
                        self.http_route(&api_path, node, &id, objects, span);
                    }
                }
                ("HttpApi", "addStage") => {
                    let Some(key) = &call.key else { continue };
                    if let Some(stage) = self.add(node, &key.value, key.span, "HttpStage") {
                        self.nodes
                            .insert(format!("{api_path}/{}", key.value), (stage, "HttpStage"));
                        self.resource(stage, "Resource", key.span, STAGE);
                    }
                }
                ("WebSocketApi", "addRoute") => {
                    let Some(key) = &call.key else { continue };
                    self.websocket_route(node, &key.value, &call.args, key.span);
                }
                _ => {}
            }
        }
    }

    fn http_api(&mut self, construct: &Construct, node: NodeId) {
        let span = construct.path.span;
        self.resource(node, "Resource", span, API);
        if let Some(value) = construct.props.get("defaultIntegration") {
            let integration = match value.kind {
                ValueKind::Object(index) => Some((index, value.span)),
                _ => None,
            };
            let objects = RouteObjects {
                integration,
                authorizer: self.default_authorizer(&construct.path.value),
            };
            self.http_route(
                &construct.path.value,
                node,
                "DefaultRoute",
                objects,
                value.span,
            );
        }
        if construct.props.bool("createDefaultStage") != Some(false)
            && let Some(stage) = self.add(node, "DefaultStage", span, "HttpStage")
        {
            self.nodes.insert(
                format!("{}/DefaultStage", construct.path.value),
                (stage, "HttpStage"),
            );
            self.resource(stage, "Resource", span, STAGE);
        }
    }

    /// The `defaultAuthorizer` of the API entry at `api_path`.
    fn default_authorizer(&self, api_path: &str) -> Option<usize> {
        object(&self.model.construct(api_path)?.props, "defaultAuthorizer")
    }

    /// `new HttpRoute(api, id, { integration, authorizer })`: the integration (once per API,
    /// under its first route), the Lambda permission, the authorizer (once, under the first
    /// API that uses it), then the route.
    fn http_route(
        &mut self,
        api_path: &str,
        api: NodeId,
        id: &str,
        objects: RouteObjects,
        span: Span,
    ) {
        let RouteObjects {
            integration,
            authorizer,
        } = objects;
        let Some(route) = self.add(api, id, span, "HttpRoute") else {
            return;
        };
        self.nodes.insert(
            format!("{api_path}/{}", self.plan.tree.id(route)),
            (route, "HttpRoute"),
        );
        let Some((index, reference)) = integration else {
            return;
        };
        if !self.bind(index, api, route, reference) {
            return;
        }
        if let Some((object, function, function_node)) = self.lambda_target(index) {
            let scoped = object.props.bool("scopePermissionToRoute") != Some(false);
            if self.permitted(object, function) {
                let id = if scoped {
                    format!("{}-Permission", object.id.value)
                } else {
                    format!(
                        "ApiPermission.ApiScoped.{}.{}",
                        self.plan.tree.node_unique_id(function_node),
                        self.plan.tree.node_unique_id(api)
                    )
                };
                if scoped || !self.plan.tree.has_resource_with_id(&id, |_| true) {
                    self.resource(route, &id, object.id.span, PERMISSION);
                }
            }
        }
        if let Some(index) = authorizer {
            self.bind_authorizer(index, api);
        }
        self.resource(route, "Resource", span, ROUTE);
    }

    /// A JWT authorizer's resource, created under the first API that binds it.
    fn bind_authorizer(&mut self, index: usize, api: NodeId) {
        let Some(object) = self.model.objects.get(index) else {
            return;
        };
        if object.ty.name != "HttpJwtAuthorizer" || self.bound_authorizers.contains(&index) {
            return;
        }
        self.bound_authorizers.push(index);
        if let Some(node) = self.add(api, &object.id.value, object.id.span, "HttpAuthorizer") {
            self.resource(node, "Resource", object.id.span, AUTHORIZER);
        }
    }

    /// Creates the integration's node under `route` unless it is bound already; `false` when
    /// it is bound to another API (validate reports that).
    fn bind(&mut self, index: usize, api: NodeId, route: NodeId, reference: Span) -> bool {
        match self.bound.get(&index) {
            Some(bound) if *bound == api => true,
            Some(_) => {
                // CDK's `HttpRouteIntegration._bindToRoute`.
                let mut d = Diagnostic::error(
                    reference,
                    "A single integration cannot be associated with multiple APIs.",
                )
                .with_hint("define one integration per API");
                if let Some(object) = self.model.objects.get(index) {
                    d = d.with_related(
                        object.id.span,
                        format!("`{}` is defined here", object.id.value),
                    );
                }
                self.diags.push(d);
                false
            }
            None => {
                self.bound.insert(index, api);
                if let Some(object) = self.model.objects.get(index)
                    && let Some(node) =
                        self.add(route, &object.id.value, object.id.span, "Integration")
                {
                    self.resource(node, "Resource", object.id.span, INTEGRATION);
                }
                true
            }
        }
    }

    /// Whether the integration's function can get API Gateway's invoke permission; when it
    /// cannot (an imported function of an unknown or other account), a warning on its
    /// `handler`, once per function.
    fn permitted(&mut self, object: &super::Object, function: &Construct) -> bool {
        if can_create_permissions(self.model, function) {
            return true;
        }
        let path = &function.path.value;
        if self.permission_warnings.contains(path) {
            return false;
        }
        self.permission_warnings.push(path.clone());
        let why = if self.model.stack.account.is_none() {
            "the stack's account is unknown (set `stack.env.account`)"
        } else {
            "the function is in another account, or its ARN is not a literal"
        };
        let span = object
            .props
            .get("handler")
            .map_or(object.id.span, |v| v.span);
        self.diags.push(
            Diagnostic::warning(
                span,
                format!("API Gateway gets no permission to invoke `{path}`: {why}"),
            )
            .with_hint(
                "grant `lambda:InvokeFunction` to apigateway.amazonaws.com on the function yourself",
            ),
        );
        false
    }

    /// The integration, its `handler` function entry and node, for a Lambda integration.
    fn lambda_target(
        &mut self,
        index: usize,
    ) -> Option<(&'m super::Object, &'m Construct, NodeId)> {
        let model = self.model;
        let object = model.objects.get(index)?;
        let ValueKind::Construct(handler) = &object.props.get("handler")?.kind else {
            return None;
        };
        let (node, _) = self.node(handler)?;
        let function = model.construct(handler)?;
        Some((object, function, node))
    }

    fn websocket_api(&mut self, construct: &Construct, node: NodeId) {
        self.resource(node, "Resource", construct.path.span, API);
        for (prop, key) in [
            ("connectRouteOptions", "$connect"),
            ("disconnectRouteOptions", "$disconnect"),
            ("defaultRouteOptions", "$default"),
        ] {
            if let Some(value) = construct.props.get(prop)
                && let ValueKind::Struct(options) = &value.kind
            {
                self.websocket_route(node, key, options, value.span);
            }
        }
    }

    /// `new WebSocketRoute(api, '<key>-Route', options)`: the permission, the integration once,
    /// the route and its response.
    fn websocket_route(&mut self, api: NodeId, key: &str, options: &Props, span: Span) {
        let Some(route) = self.add(api, &format!("{key}-Route"), span, "WebSocketRoute") else {
            return;
        };
        let Some(index) = object(options, "integration") else {
            return;
        };
        if self.bound.get(&index).is_some_and(|b| *b != api) {
            self.bind(index, api, route, span);
            return;
        }
        let Some((object, function, _)) = self.lambda_target(index) else {
            return;
        };
        if self.permitted(object, function) {
            let id = format!("{}-Permission", object.id.value);
            self.resource(route, &id, object.id.span, PERMISSION);
        }
        self.bind(index, api, route, span);
        self.resource(route, "Resource", span, ROUTE);
        if options.bool("returnResponse") == Some(true) {
            self.resource(route, "Response", span, ROUTE_RESPONSE);
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
            let path = &output.id.value;
            let (scope, id) = match path.rsplit_once('/') {
                Some((parent, id)) => match self.node(parent) {
                    Some((node, _)) => (node, id),
                    None => continue,
                },
                None => (Tree::<Planned>::ROOT, path.as_str()),
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
                out.push((&expr.head.value, expr.head.span));
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
        ValueKind::Struct(props) => refs_of_props(model, props, out),
        _ => {}
    }
}

fn literal(props: &Props, name: &str) -> Option<String> {
    match &props.get(name)?.kind {
        ValueKind::Text(t) => t.as_literal(),
        _ => None,
    }
}

/// The object (integration or authorizer) a prop refers to.
fn object(props: &Props, name: &str) -> Option<usize> {
    match props.get(name)?.kind {
        ValueKind::Object(index) => Some(index),
        _ => None,
    }
}

/// Two resources with one logical ID: CDK refuses the template (`section 'Resources' already
/// contains ...`). Reported at each resource's creating text.
fn check_logical_ids(plan: &Plan, diags: &mut Vec<Diagnostic>) {
    let resources = plan.tree.resource_nodes();
    // Grouped by what decides the ID, which spares an MD5 per resource on every keystroke.
    let mut by_key: HashMap<IdKey, Vec<NodeId>> = HashMap::new();
    for node in &resources {
        let key = id_key(&plan.tree.components(*node));
        by_key.entry(key).or_default().push(*node);
    }
    // An unhashed ID that reads like a hashed one may still equal another path's ID.
    let lookalikes: Vec<String> = by_key
        .keys()
        .filter_map(|k| match k {
            IdKey::Unhashed(id) if looks_hashed(id) => Some(id.clone()),
            _ => None,
        })
        .collect();
    if !lookalikes.is_empty() {
        let hashed: Vec<(IdKey, String)> = by_key
            .keys()
            .filter(|k| matches!(k, IdKey::Hashed(_)))
            .filter_map(|k| {
                let node = *by_key.get(k)?.first()?;
                Some((k.clone(), plan.tree.logical_id(node)))
            })
            .collect();
        for id in lookalikes {
            for (key, logical_id) in &hashed {
                if *logical_id == id
                    && let Some(mut nodes) = by_key.remove(key)
                    && let Some(group) = by_key.get_mut(&IdKey::Unhashed(id.clone()))
                {
                    group.append(&mut nodes);
                }
            }
        }
    }
    let mut groups: Vec<Vec<NodeId>> = by_key.into_values().filter(|n| n.len() > 1).collect();
    for group in &mut groups {
        group.sort_unstable();
    }
    groups.sort_by_key(|nodes| nodes.first().copied());
    for nodes in groups {
        let Some(first) = nodes.first() else { continue };
        let logical_id = plan.tree.logical_id(*first);
        collision(plan, "Resources", &logical_id, &nodes, diags);
    }
}

/// Reports one logical ID shared by `nodes`: an error at each node's text, naming the others.
fn collision(
    plan: &Plan,
    section: &str,
    logical_id: &str,
    nodes: &[NodeId],
    diags: &mut Vec<Diagnostic>,
) {
    let hidden_default = nodes
        .iter()
        .any(|n| plan.tree.components(*n).contains(&"Default"));
    let hint = if hidden_default {
        "CDK drops a construct id `Default` from logical IDs: rename the construct called `Default`"
    } else {
        "a logical ID keeps only the letters and digits of the construct path (and a hash of it when nested): rename one of them"
    };
    for (i, node) in nodes.iter().enumerate() {
        let Some(span) = plan.span(*node) else {
            continue;
        };
        let mut d = Diagnostic::error(
            span,
            format!("section '{section}' already contains '{logical_id}'"),
        )
        .with_hint(hint);
        for (j, other) in nodes.iter().enumerate() {
            if i != j
                && let Some(other_span) = plan.span(*other)
            {
                d = d.with_related(
                    other_span,
                    format!("`{}` has the same logical ID", plan.tree.path(*other)),
                );
            }
        }
        diags.push(d);
    }
}

/// Outputs: CDK's logical ID of each (`makeUniqueId` of its path), unique among outputs.
fn check_outputs(plan: &Plan, diags: &mut Vec<Diagnostic>) {
    let mut by_id: HashMap<String, Vec<NodeId>> = HashMap::new();
    for node in &plan.outputs {
        by_id
            .entry(plan.tree.logical_id(*node))
            .or_default()
            .push(*node);
    }
    let mut groups: Vec<(String, Vec<NodeId>)> =
        by_id.into_iter().filter(|(_, n)| n.len() > 1).collect();
    groups.sort_by_key(|(_, nodes)| nodes.first().copied());
    for (logical_id, nodes) in groups {
        collision(plan, "Outputs", &logical_id, &nodes, diags);
    }
}

/// More than 500 resources: CloudFormation refuses the stack and CDK refuses to synthesize it.
fn check_resource_count(plan: &Plan, diags: &mut Vec<Diagnostic>) {
    let resources = plan.tree.resource_nodes();
    if resources.len() <= RESOURCE_LIMIT {
        return;
    }
    // Reported at the top-level entry that creates the most resources.
    let mut per_entry: HashMap<&str, usize> = HashMap::new();
    let mut per_type: Vec<(&str, usize)> = Vec::new();
    for node in &resources {
        if let Some(top) = plan.tree.components(*node).first() {
            *per_entry.entry(top).or_default() += 1;
        }
        let Some(cfn_type) = plan.tree.resource(*node).map(|r| r.cfn_type.as_str()) else {
            continue;
        };
        match per_type.iter_mut().find(|(t, _)| *t == cfn_type) {
            Some((_, count)) => *count += 1,
            None => per_type.push((cfn_type, 1)),
        }
    }
    let Some((entry, count)) = per_entry.into_iter().max_by_key(|(_, count)| *count) else {
        return;
    };
    let Some(span) = plan
        .tree
        .child(Tree::<Planned>::ROOT, entry)
        .and_then(|n| plan.span(n))
    else {
        return;
    };
    let permissions = per_type
        .iter()
        .find(|(t, _)| *t == PERMISSION)
        .map_or(0, |(_, n)| *n);
    let hint = if permissions > RESOURCE_LIMIT / 4 {
        format!(
            "{permissions} of them are Lambda permissions, one per route: `scopePermissionToRoute: false` on the integration shares one per function (an imported function needs none)"
        )
    } else {
        "split the resources over several stacks (one definition file each)".to_string()
    };
    let breakdown: Vec<String> = per_type.iter().map(|(t, n)| format!("{t} ({n})")).collect();
    diags.push(
        Diagnostic::error(
            span,
            format!(
                "Number of resources in stack '{}': {} is greater than allowed maximum of {RESOURCE_LIMIT}: {}",
                plan.tree.stack_id(),
                resources.len(),
                breakdown.join(", ")
            ),
        )
        .with_hint(format!("`{entry}` creates {count} of them; {hint}")),
    );
}
