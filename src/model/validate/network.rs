//! Private integrations and the networking they reach: what CDK refuses about VPCs (their
//! layout, subnet selections), load balancer listeners, and integrations without a VPC link.

use crate::diagnostic::Diagnostic;
use crate::model::vpc_layout::{self, AGNOSTIC_AZS, SubnetKind, VpcLayout};
use crate::model::{Construct, Model, Object, Props, ValueKind};
use crate::syntax::Span;

/// An owned `Subnet`, `ApplicationListener` or `NetworkListener` entry: subnets can only be
/// imported, listeners are imported or added with their load balancer's `addListener`.
pub(super) fn check_import_only(construct: &Construct, diags: &mut Vec<Diagnostic>) {
    let Some(ty) = construct.ty else { return };
    if construct.import.is_some()
        || !matches!(
            ty.name,
            "Subnet" | "ApplicationListener" | "NetworkListener"
        )
    {
        return;
    }
    let Some(import) = ty.imports.first() else {
        return;
    };
    let (message, hint) = if ty.name == "Subnet" {
        (
            format!(
                "an owned Subnet is not supported: import an existing one with `{}`",
                import.name
            ),
            format!("add `{}:` to the entry", import.name),
        )
    } else {
        (
            format!(
                "a {} is created by its load balancer's `addListener`, or imported with `{}`",
                ty.name, import.name
            ),
            "add the listener with `addListener:` on the load balancer entry".to_string(),
        )
    };
    diags.push(Diagnostic::error(construct.path.span, message).with_hint(hint));
}

/// An owned VPC: CDK's errors while laying it out, and the stack's availability zones.
pub(super) fn check_vpc(model: &Model, construct: &Construct, diags: &mut Vec<Diagnostic>) {
    if construct.import.is_some() {
        return;
    }
    if model.stack.account.is_some() && model.stack.region.is_some() {
        diags.push(
            Diagnostic::error(
                construct.path.span,
                "an owned Vpc in a stack with an explicit account and region needs the \
                 account's availability zones, which CDK looks up from the AWS account",
            )
            .with_hint(
                "leave `stack.env` unset (CDK then uses `Fn::GetAZs`), or import the VPC with \
                 `fromVpcAttributes`",
            ),
        );
        return;
    }
    let span = construct.path.span;
    check_dns(&construct.props, diags);
    match vpc_layout::layout(&construct.props, span, AGNOSTIC_AZS) {
        Ok(layout) => {
            if let Some(w) = vpc_layout::vpc_cidr_warning(&layout, &construct.props, span) {
                diags.push(Diagnostic::warning(w.span, w.message));
            }
        }
        Err(problem) => diags.push(Diagnostic::error(problem.span, problem.message)),
    }
}

/// DNS hostnames need DNS support. CDK throws when `enableDnsHostnames: true` comes without
/// `enableDnsSupport: true` (even when support is left at its default); AWS rejects hostnames
/// (on by default) with support turned off.
fn check_dns(props: &Props, diags: &mut Vec<Diagnostic>) {
    let hostnames = props.bool("enableDnsHostnames");
    let support = props.bool("enableDnsSupport");
    if hostnames == Some(true) && support != Some(true) {
        let span = props
            .get("enableDnsHostnames")
            .map_or(props.span, |v| v.span);
        diags.push(
            Diagnostic::error(
                span,
                "To use DNS Hostnames, DNS Support must be enabled, however, it was explicitly \
                 disabled.",
            )
            .with_hint("add `enableDnsSupport: true`"),
        );
    } else if hostnames.is_none() && support == Some(false) {
        let span = props.get("enableDnsSupport").map_or(props.span, |v| v.span);
        diags.push(
            Diagnostic::warning(
                span,
                "AWS rejects DNS hostnames (on by default) in a VPC without DNS support",
            )
            .with_hint("add `enableDnsHostnames: false`"),
        );
    }
}

/// How many subnets of each kind (public, private, isolated) the VPC at `path` has; `None`
/// when it is not known (a broken entry, or a layout error reported already).
fn vpc_subnet_counts(model: &Model, path: &str) -> Option<[usize; 3]> {
    let vpc = model.construct(path)?;
    if let Some(import) = &vpc.import {
        let ValueKind::Struct(attrs) = &import.value.kind else {
            return None;
        };
        let count = |name: &str| match attrs.get(name).map(|v| &v.kind) {
            Some(ValueKind::List(items)) => items.len(),
            _ => 0,
        };
        return Some([
            count("publicSubnetIds"),
            count("privateSubnetIds"),
            count("isolatedSubnetIds"),
        ]);
    }
    let layout: VpcLayout = vpc_layout::layout(&vpc.props, vpc.path.span, AGNOSTIC_AZS).ok()?;
    Some([
        layout.of_kind(SubnetKind::Public).count(),
        layout.of_kind(SubnetKind::Private).count(),
        layout.of_kind(SubnetKind::Isolated).count(),
    ])
}

/// CDK's `selectSubnetObjectsByType`: a selection of a kind the VPC has none of.
fn check_selection(
    model: &Model,
    vpc: &str,
    (kind, span): (SubnetKind, Span),
    hint: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(counts) = vpc_subnet_counts(model, vpc) else {
        return;
    };
    if counts[kind.index()] > 0 {
        return;
    }
    let kinds = counts.map(|n| n > 0);
    // CDK lists the `SubnetType` values with subnets, deprecated aliases included.
    let mut available = Vec::new();
    if kinds[2] {
        available.extend(["Isolated", "Deprecated_Isolated"]);
    }
    if kinds[1] {
        available.extend(["Deprecated_Private_NAT", "Private", "Deprecated_Private"]);
    }
    if kinds[0] {
        available.push("Public");
    }
    diags.push(
        Diagnostic::error(
            span,
            format!(
                "There are no '{}' subnet groups in this VPC. Available types: {}",
                kind.cdk_value(),
                available.join(",")
            ),
        )
        .with_hint(hint),
    );
}

/// A VPC link's subnets (`VpcLinkProps`, also `addVpcLink`'s options): CDK selects
/// `PRIVATE_WITH_EGRESS` unless told otherwise.
pub(super) fn check_vpc_link_props(model: &Model, props: &Props, diags: &mut Vec<Diagnostic>) {
    let Some(ValueKind::Construct(vpc)) = props.get("vpc").map(|v| &v.kind) else {
        return;
    };
    let (kind, span) = match props.get("subnets") {
        Some(v) => match &v.kind {
            ValueKind::Struct(selection) => (SubnetKind::of(selection), v.span),
            _ => (None, v.span),
        },
        None => (
            Some(SubnetKind::Private),
            props.get("vpc").map_or(props.span, |v| v.span),
        ),
    };
    if let Some(kind) = kind {
        check_selection(
            model,
            vpc,
            (kind, span),
            "select a subnet type the VPC has (`subnets: { subnetType: ... }`)",
            diags,
        );
    }
}

/// A load balancer: an internet-facing one takes the public subnets; an internal one takes
/// private ones, else isolated, else public. Its listeners need a default action.
pub(super) fn check_load_balancer(
    model: &Model,
    construct: &Construct,
    diags: &mut Vec<Diagnostic>,
) {
    let props = &construct.props;
    let application = construct
        .ty
        .is_some_and(|t| t.name == "ApplicationLoadBalancer");
    if let Some(ValueKind::Construct(vpc)) = props.get("vpc").map(|v| &v.kind)
        && let Some(counts) = vpc_subnet_counts(model, vpc)
    {
        let selected = match props.get("vpcSubnets") {
            Some(v) => match &v.kind {
                ValueKind::Struct(selection) => SubnetKind::of(selection).map(|k| (k, v.span)),
                _ => None,
            },
            None => None,
        };
        let (kind, span) = selected.unwrap_or_else(|| {
            let kind = if props.bool("internetFacing") == Some(true) {
                SubnetKind::Public
            } else {
                VpcLayout::default_kind(counts.map(|n| n > 0))
            };
            (
                kind,
                props.get("vpc").map_or(construct.path.span, |v| v.span),
            )
        });
        if application && counts[kind.index()] == 1 {
            diags.push(
                Diagnostic::warning(
                    span,
                    "AWS rejects an Application Load Balancer with fewer than two subnets: it \
                     takes one subnet in each of at least two availability zones",
                )
                .with_hint("give the VPC two availability zones (`maxAzs: 2`)"),
            );
        }
        check_selection(
            model,
            vpc,
            (kind, span),
            "give the VPC subnets of that type",
            diags,
        );
    }
    for call in model
        .calls_on(&construct.path.value)
        .filter(|c| c.method.name == "addListener")
    {
        let Some(key) = &call.key else { continue };
        let path = format!("{}/{}", construct.path.value, key.value);
        let targets: Vec<&crate::model::Call> = model
            .calls_on(&path)
            .filter(|c| c.method.name == "addTargets")
            .collect();
        let initial = call.args.get("defaultAction").is_some();
        // Each `addTargets` sets the default action; CDK warns when one replaces another.
        for replacing in targets.iter().skip(usize::from(!initial)) {
            let span = replacing.key.as_ref().map_or(replacing.span, |k| k.span);
            diags.push(
                Diagnostic::warning(
                    span,
                    "A default Action already existed on this Listener and was replaced. \
                     Configure exactly one default Action.",
                )
                .with_hint("only the last default action is kept"),
            );
        }
        if !initial && targets.is_empty() {
            diags.push(
                Diagnostic::error(
                    key.span,
                    "Listener needs at least one default action or target group (call \
                     addTargetGroups or addAction)",
                )
                .with_hint(format!("add `{path}.addTargets:` below the load balancer")),
            );
        }
        if application {
            check_application_ports(&call.args, key.span, true, diags);
            for targets in model
                .calls_on(&path)
                .filter(|c| c.method.name == "addTargets")
            {
                let span = targets.key.as_ref().map_or(targets.span, |k| k.span);
                check_application_ports(&targets.args, span, false, diags);
            }
        }
    }
}

/// An ALB listener's (or target group's) port and protocol, each derived from the other:
/// CDK's `determineProtocolAndPort` and the listener's certificate check.
fn check_application_ports(args: &Props, span: Span, listener: bool, diags: &mut Vec<Diagnostic>) {
    let port = args.get("port");
    let protocol = match args.get("protocol").map(|v| &v.kind) {
        Some(ValueKind::Member(m)) => Some(m.name),
        _ => None,
    };
    let derived = match (protocol, port.map(|v| &v.kind)) {
        (Some(p), _) => Some(p),
        (None, Some(ValueKind::Number(n))) => match *n as i64 {
            80 | 8000 | 8008 | 8080 => Some("HTTP"),
            443 | 8443 => Some("HTTPS"),
            other => {
                diags.push(
                    Diagnostic::error(
                        port.map_or(span, |v| v.span),
                        format!(
                            "Don't know default protocol for port: {other}; please supply a \
                             protocol"
                        ),
                    )
                    .with_hint("add `protocol: HTTP`"),
                );
                return;
            }
        },
        (None, _) => None,
    };
    match derived {
        None if listener => diags.push(
            Diagnostic::error(span, "At least one of 'port' or 'protocol' is required")
                .with_hint("add `port:`"),
        ),
        None => diags.push(
            Diagnostic::error(
                span,
                "At least one of 'port' or 'protocol' is required for a non-Lambda TargetGroup",
            )
            .with_hint("add `port:`"),
        ),
        Some("HTTPS") if listener => diags.push(
            Diagnostic::error(
                span,
                "HTTPS Listener needs at least one certificate (call addCertificates)",
            )
            .with_hint("listener certificates are not supported yet: use HTTP"),
        ),
        Some(_) => {}
    }
}

/// A private integration without `vpcLink`: CDK refuses it for an imported listener and for
/// a Cloud Map service (with a listener that `addListener` created, CDK adds a link to the
/// API for the load balancer's VPC).
pub(super) fn check_private_integration(
    model: &Model,
    object: &Object,
    diags: &mut Vec<Diagnostic>,
) {
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
    if object.props.get("vpcLink").is_some() {
        return;
    }
    if let Some(ValueKind::Construct(listener)) = object.props.get("listener").map(|v| &v.kind)
        && model.construct(listener).is_none_or(|c| c.import.is_none())
    {
        // The API's `addVpcLink({ vpc })` takes the VPC's private subnets.
        if let Some(vpc) = crate::model::plan::listener_vpc(model, object) {
            check_selection(
                model,
                &vpc,
                (SubnetKind::Private, object.id.span),
                "give the integration a `vpcLink` in subnets the VPC has",
                diags,
            );
        }
        return;
    }
    diags.push(
        Diagnostic::error(object.id.span, message).with_hint("add `vpcLink:` with a VpcLink entry"),
    );
}
