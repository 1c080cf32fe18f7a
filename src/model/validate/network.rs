//! Private integrations: what CDK refuses (an imported listener without a VPC link), and the
//! network constructs that can only be imported so far.

use crate::diagnostic::Diagnostic;
use crate::model::{Construct, Object};

/// An owned `Vpc`, `Subnet`, `SecurityGroup` or `ApplicationListener`: only imports exist yet.
pub(super) fn check_import_only(construct: &Construct, diags: &mut Vec<Diagnostic>) {
    let Some(ty) = construct.ty else { return };
    if construct.import.is_some()
        || !matches!(
            ty.name,
            "Vpc" | "Subnet" | "SecurityGroup" | "ApplicationListener" | "NetworkListener"
        )
    {
        return;
    }
    let Some(import) = ty.imports.first() else {
        return;
    };
    diags.push(
        Diagnostic::error(
            construct.path.span,
            format!(
                "an owned {} is not supported yet: import an existing one with `{}`",
                ty.name, import.name
            ),
        )
        .with_hint(format!("add `{}:` to the entry", import.name)),
    );
}

/// A private integration without `vpcLink`: CDK refuses it for an imported ALB listener and
/// for a Cloud Map service.
pub(super) fn check_private_integration(object: &Object, diags: &mut Vec<Diagnostic>) {
    let message = match object.ty.name {
        "HttpAlbIntegration" => {
            "The vpcLink property must be specified when using an imported Application Listener."
        }
        "HttpNlbIntegration" => {
            "The vpcLink property must be specified when using an imported Network Listener."
        }
        "HttpServiceDiscoveryIntegration" => "The vpcLink property is mandatory",
        _ => return,
    };
    if object.props.get("vpcLink").is_none() {
        diags.push(
            Diagnostic::error(object.id.span, message)
                .with_hint("add `vpcLink:` with a VpcLink entry"),
        );
    }
}
