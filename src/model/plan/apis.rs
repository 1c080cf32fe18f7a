//! The nodes the API constructs create: HTTP and WebSocket APIs, their routes, the integrations
//! and authorizers routes bind (once, under the first route or API that uses them) and the
//! Lambda permissions of their functions.

use super::{
    API, AUTHORIZER, INTEGRATION, PERMISSION, POLICY, Planner, ROLE, ROUTE, ROUTE_RESPONSE, STAGE,
    USER_POOL_CLIENT, can_create_permissions, object,
};
use crate::construct::NodeId;
use crate::diagnostic::Diagnostic;
use crate::model::{Construct, Object, Props, ValueKind};
use crate::syntax::Span;

/// The integration and authorizer of a route, as indexes into the model's objects.
#[derive(Clone, Copy)]
pub(super) struct RouteObjects {
    /// The integration, with the text that refers to it.
    pub(super) integration: Option<(usize, Span)>,
    /// The authorizer, with the text that names it (the route's or the API's default).
    pub(super) authorizer: Option<(usize, Span)>,
}

impl<'m> Planner<'m, '_> {
    pub(super) fn http_api(&mut self, construct: &Construct, node: NodeId) {
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
            self.domain_mapping(stage, &construct.props, "defaultDomainMapping");
        }
    }

    /// The `defaultAuthorizer` of the API entry at `api_path`.
    pub(super) fn default_authorizer(&self, api_path: &str) -> Option<(usize, Span)> {
        let value = self
            .model
            .construct(api_path)?
            .props
            .get("defaultAuthorizer")?;
        match value.kind {
            ValueKind::Object(index) => Some((index, value.span)),
            _ => None,
        }
    }

    /// `new HttpRoute(api, id, { integration, authorizer })`: the integration (once per API,
    /// under its first route), the Lambda permission, the authorizer (once, under the first
    /// API that uses it), then the route.
    pub(super) fn http_route(
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
        let path = [api_path, "/", self.plan.tree.id(route)].concat();
        self.nodes.insert(path, (route, "HttpRoute"));
        let Some((index, reference)) = integration else {
            return;
        };
        let first_bind = !self.bound.contains_key(&index);
        if !self.bind(index, api, route, reference) {
            return;
        }
        if first_bind && let Some(object) = self.model.objects.get(index) {
            self.implicit_vpc_link(object, api_path, api, reference);
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
                    self.plan.permissions.push(super::RoutePermission {
                        function: function.path.value.clone(),
                        integration: object.props.span,
                        route: self.plan.tree.id(route).to_string(),
                    });
                }
            }
        }
        if let Some((index, reference)) = authorizer {
            self.bind_authorizer(index, api, reference);
        }
        self.resource(route, "Resource", span, ROUTE);
    }

    /// A JWT, user pool or Lambda authorizer's resource (and what comes with it), created
    /// under the first API that binds it.
    fn bind_authorizer(&mut self, index: usize, api: NodeId, reference: Span) {
        let Some(object) = self.model.objects.get(index) else {
            return;
        };
        let lambda = matches!(
            object.ty.name,
            "HttpLambdaAuthorizer" | "WebSocketLambdaAuthorizer"
        );
        let user_pool = object.ty.name == "HttpUserPoolAuthorizer";
        if !(lambda || user_pool || object.ty.name == "HttpJwtAuthorizer") {
            return;
        }
        match self.bound_authorizers.get(&index) {
            Some(bound) if *bound == api => return,
            Some(_) => {
                // The authorizers' `bind`: one authorizer resource belongs to one API.
                self.diags.push(
                    Diagnostic::error(
                        reference,
                        "Cannot attach the same authorizer to multiple Apis",
                    )
                    .with_related(object.id.span, "the authorizer")
                    .with_hint("define one authorizer per API"),
                );
                return;
            }
            None => {}
        }
        self.bound_authorizers.insert(index, api);
        // Without clients, CDK adds one to the pool: `pool.addClient('UserPoolAuthorizerClient')`.
        if user_pool
            && object.props.get("userPoolClients").is_none()
            && let Some(ValueKind::Construct(pool)) = object.props.get("pool").map(|v| &v.kind)
            && let Some((pool, _)) = self.node(pool)
            && let Some(client) = self.add(
                pool,
                "UserPoolAuthorizerClient",
                object.id.span,
                "UserPoolClient",
            )
        {
            self.resource(client, "Resource", object.id.span, USER_POOL_CLIENT);
        }
        let Some(node) = self.add(api, &object.id.value, object.id.span, "HttpAuthorizer") else {
            return;
        };
        self.resource(node, "Resource", object.id.span, AUTHORIZER);
        // `handler.addPermission(`${nodeUniqueId(authorizer)}-Permission`, { scope: api })`
        // unless API Gateway assumes a role to invoke it.
        if lambda
            && object.props.get("role").is_none()
            && let Some((object, function, _)) = self.lambda_target(index)
            && self.permitted(object, function)
        {
            let id = format!("{}-Permission", self.plan.tree.node_unique_id(node));
            self.resource(api, &id, object.id.span, PERMISSION);
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
                // Service integrations create the role API Gateway assumes, under the route.
                if let Some(object) = self.model.objects.get(index)
                    && object.ty.module == crate::model::schema::Module::Integrations
                    && crate::model::schema::is_service_integration(object.ty.name)
                    && let Some(role) = self.add(route, "InvokeRole", object.id.span, "Role")
                {
                    self.resource(role, "Resource", object.id.span, ROLE);
                    if let Some(policy) = self.add(role, "DefaultPolicy", object.id.span, "Policy")
                    {
                        self.resource(policy, "Resource", object.id.span, POLICY);
                    }
                }
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
    fn permitted(&mut self, object: &Object, function: &Construct) -> bool {
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
    fn lambda_target(&mut self, index: usize) -> Option<(&'m Object, &'m Construct, NodeId)> {
        let model = self.model;
        let object = model.objects.get(index)?;
        let ValueKind::Construct(handler) = &object.props.get("handler")?.kind else {
            return None;
        };
        let (node, _) = self.node(handler)?;
        let function = model.construct(handler)?;
        Some((object, function, node))
    }

    pub(super) fn websocket_api(&mut self, construct: &Construct, node: NodeId) {
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

    /// `new WebSocketRoute(api, '<key>-Route', options)`.
    pub(super) fn websocket_route(&mut self, api: NodeId, key: &str, options: &Props, span: Span) {
        if let Some(route) = self.add(api, &format!("{key}-Route"), span, "WebSocketRoute") {
            self.websocket_route_nodes(api, route, options, span);
        }
    }

    /// What a WebSocket route creates under its node: the permission, the integration once,
    /// the route and its response.
    pub(super) fn websocket_route_nodes(
        &mut self,
        api: NodeId,
        route: NodeId,
        options: &Props,
        span: Span,
    ) {
        let Some(index) = object(options, "integration") else {
            return;
        };
        if self.bound.get(&index).is_some_and(|b| *b != api) {
            self.bind(index, api, route, span);
            return;
        }
        if let Some((object, function, _)) = self.lambda_target(index)
            && self.permitted(object, function)
        {
            let id = format!("{}-Permission", object.id.value);
            self.resource(route, &id, object.id.span, PERMISSION);
        }
        self.bind(index, api, route, span);
        if let Some(value) = options.get("authorizer")
            && let ValueKind::Object(authorizer) = value.kind
        {
            self.bind_authorizer(authorizer, api, value.span);
        }
        self.resource(route, "Resource", span, ROUTE);
        if options.bool("returnResponse") == Some(true) {
            self.resource(route, "Response", span, ROUTE_RESPONSE);
        }
    }
}
