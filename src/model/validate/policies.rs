//! IAM policies: what CDK refuses about a statement of an identity-based policy, and a policy
//! CDK leaves out of the template because it is attached to no one.

use crate::diagnostic::Diagnostic;
use crate::model::{Construct, Model, ValueKind};

/// The statements of a `Policy` entry, and whether it is attached at all.
pub(super) fn check_policy(model: &Model, policy: &Construct, diags: &mut Vec<Diagnostic>) {
    if let Some(ValueKind::List(statements)) = policy.props.get("statements").map(|v| &v.kind) {
        for statement in statements {
            let ValueKind::Struct(props) = &statement.kind else {
                continue;
            };
            let no_resource = match props.get("resources").map(|v| &v.kind) {
                None => true,
                Some(ValueKind::List(items)) => items.is_empty(),
                Some(_) => false,
            };
            if no_resource {
                diags.push(
                    Diagnostic::error(
                        statement.span,
                        "A PolicyStatement used in an identity-based policy must specify at least one resource.",
                    )
                    .with_hint("add `resources:` (ARNs, or `\"*\"` for all)"),
                );
            }
        }
    }
    if !model.policy_attached(policy) {
        diags.push(
            Diagnostic::warning(
                policy.path.span,
                format!(
                    "`{}` is attached to no user or role: CDK leaves it out of the template",
                    policy.path.value
                ),
            )
            .with_hint("list principals in `users:`/`roles:`, or call `attachInlinePolicy: [Policy]` on a user or role"),
        );
    }
}
