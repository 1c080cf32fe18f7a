//! The nodes of usage plans and API keys: keys (a `RateLimitedApiKey` holds a key and, with
//! plan settings, a plan of its own), plans, the `UsagePlanKey` each `addApiKey` creates, and
//! the policies key grants add to their grantees.

use super::{POLICY, Planner};
use crate::construct::NodeId;
use crate::model::{Call, Construct, Props, ValueKind};
use crate::syntax::Span;

const API_KEY: &str = "AWS::ApiGateway::ApiKey";
const USAGE_PLAN: &str = "AWS::ApiGateway::UsagePlan";
const USAGE_PLAN_KEY: &str = "AWS::ApiGateway::UsagePlanKey";

/// The id CDK gives the `UsagePlanKey` that adds the key whose unique id is `key_unique_id`.
pub fn usage_plan_key_id(key_unique_id: &str) -> String {
    format!("UsagePlanKeyResource:{key_unique_id}")
}

/// Whether a `RateLimitedApiKey`'s props make it create a usage plan (`apiStages`, `quota` or
/// `throttle` given).
pub fn has_own_plan(props: &Props) -> bool {
    ["apiStages", "quota", "throttle"]
        .iter()
        .any(|p| props.get(p).is_some())
}

impl Planner<'_, '_> {
    /// `new RateLimitedApiKey(scope, id, props)`: the key at `Id/Resource` and, with plan
    /// settings, the plan at `Id/UsagePlanResource` with the key added.
    pub(super) fn rate_limited_key(&mut self, construct: &Construct, node: NodeId) {
        let span = construct.path.span;
        let Some(key) = self.add(node, "Resource", span, "ApiKey") else {
            return;
        };
        self.resource(key, "Resource", span, API_KEY);
        let path = &construct.path.value;
        self.nodes
            .insert(format!("{path}/Resource"), (key, "ApiKey"));
        if !has_own_plan(&construct.props) {
            return;
        }
        if let Some(plan) = self.add(node, "UsagePlanResource", span, "UsagePlan") {
            self.nodes
                .insert(format!("{path}/UsagePlanResource"), (plan, "UsagePlan"));
            self.resource(plan, "Resource", span, USAGE_PLAN);
            self.usage_plan_key(plan, key, None, span);
        }
    }

    /// `plan.addApiKey(key, { overrideLogicalId })`.
    pub(super) fn add_api_key(&mut self, plan: NodeId, call: &Call) {
        let Some(ValueKind::Construct(path)) = call.args.get("apiKey").map(|v| &v.kind) else {
            return;
        };
        let Some((key, _)) = self.node(path) else {
            return;
        };
        let logical_id = match call.args.get("overrideLogicalId").map(|v| &v.kind) {
            Some(ValueKind::Text(text)) => text.as_literal(),
            _ => None,
        };
        self.usage_plan_key(plan, key, logical_id.as_deref(), call.span);
    }

    fn usage_plan_key(&mut self, plan: NodeId, key: NodeId, logical_id: Option<&str>, span: Span) {
        let id = usage_plan_key_id(&self.plan.tree.node_unique_id(key));
        if let Some(node) = self.resource(plan, &id, span, USAGE_PLAN_KEY)
            && let Some(logical_id) = logical_id
        {
            self.plan.tree.override_logical_id(node, logical_id);
        }
    }

    /// The policy a grant adds its statement to, created on the first grant: the
    /// `DefaultPolicy` of a user, an owned role or an owned function's role, the `Policy` of an
    /// imported role. Nothing for an imported function (it has no role CDK knows) or a role of
    /// another account.
    pub(super) fn grant_policy(&mut self, grantee: &str, span: Span) {
        let Some((node, class)) = self.node(grantee) else {
            return;
        };
        let Some(entry) = self.model.construct(grantee) else {
            return;
        };
        let imported = entry.import.is_some();
        let (principal, id) = match (class, imported) {
            ("Function", true) => return,
            ("Role", true) if !super::role_is_mutable(self.model, entry) => return,
            ("Function", false) => match self.plan.tree.child(node, "ServiceRole") {
                Some(role) => (role, "DefaultPolicy"),
                None => return,
            },
            ("Role" | "User", true) => (node, "Policy"),
            _ => (node, "DefaultPolicy"),
        };
        if self.plan.tree.child(principal, id).is_none()
            && let Some(policy) = self.add(principal, id, span, "Policy")
        {
            self.resource(policy, "Resource", span, POLICY);
        }
    }
}

/// The resource types of the owned constructs of this family, by class.
pub(super) fn own_resource(class: &str) -> Option<&'static str> {
    match class {
        "ApiKey" => Some(API_KEY),
        "UsagePlan" => Some(USAGE_PLAN),
        _ => None,
    }
}
