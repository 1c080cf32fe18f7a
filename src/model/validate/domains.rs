//! What CDK throws about custom domains and their mappings, and what API Gateway rejects that
//! CDK lets through.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::model::{Construct, Expr, Model, Props, ValueKind};
use crate::syntax::Span;

/// The checks of one entry: an API's default mapping, a domain's endpoints, an `ApiMapping`.
pub(super) fn check_construct(model: &Model, construct: &Construct, diags: &mut Vec<Diagnostic>) {
    let Some(ty) = construct.ty else { return };
    let props = &construct.props;
    match ty.name {
        "HttpApi" => {
            check_mapping_key(props, "defaultDomainMapping", diags);
            if props.bool("createDefaultStage") == Some(false)
                && let Some(mapping) = props.prop("defaultDomainMapping")
            {
                let mut d = Diagnostic::error(
                    mapping.key_span,
                    "defaultDomainMapping not supported with createDefaultStage disabled",
                )
                .with_hint(
                    "map a stage with `domainMapping` in `addStage`, or keep the default stage",
                );
                if let Some(off) = props.prop("createDefaultStage") {
                    d = d.with_related(off.key_span, "the default stage is turned off here");
                }
                diags.push(d);
            }
        }
        "DomainName" if construct.import.is_none() => check_domain(model, construct, diags),
        "ApiMapping" => check_api_mapping(model, props, diags),
        "Certificate" => check_certificate_arn(construct, diags),
        "Bucket" if construct.import.is_none() => {
            if props.bool("enforceSSL") != Some(true)
                && let Some(tls) = props.prop("minimumTLSVersion")
            {
                diags.push(
                    Diagnostic::error(
                        tls.key_span,
                        "'enforceSSL' must be enabled for 'minimumTLSVersion' to be applied",
                    )
                    .with_hint("add `enforceSSL: true`"),
                );
            }
        }
        _ => {}
    }
}

/// An imported certificate's ARN: CDK takes any text; CloudFormation rejects an ARN that does
/// not name a certificate (`arn:aws:acm:<region>:<account>:certificate/<id>`).
fn check_certificate_arn(construct: &Construct, diags: &mut Vec<Diagnostic>) {
    let Some(import) = &construct.import else {
        return;
    };
    let ValueKind::Text(text) = &import.value.kind else {
        return;
    };
    let Some(arn) = text.as_literal() else { return };
    if !is_certificate_arn(&arn) {
        diags.push(
            Diagnostic::warning(
                import.value.span,
                "this is not the ARN of an ACM certificate: CloudFormation expects \
                 `arn:aws:acm:<region>:<account>:certificate/<certificate id>`",
            )
            .with_hint(
                "copy the certificate's ARN from the ACM console (it ends in `certificate/<id>`)",
            ),
        );
    }
}

/// `arn:<partition>:acm:<region>:<12 digits>:certificate/<id>`.
fn is_certificate_arn(arn: &str) -> bool {
    let fields: Vec<&str> = arn.splitn(6, ':').collect();
    let [prefix, partition, service, region, account, resource] = fields[..] else {
        return false;
    };
    prefix == "arn"
        && partition.starts_with("aws")
        && service == "acm"
        && !region.is_empty()
        && account.len() == 12
        && account.bytes().all(|b| b.is_ascii_digit())
        && resource
            .strip_prefix("certificate/")
            .is_some_and(|id| !id.is_empty())
}

/// The mapping keys of every stage's `domainMapping`.
pub(super) fn check_stage_mapping_keys(model: &Model, diags: &mut Vec<Diagnostic>) {
    for options in super::stages::stage_options(model) {
        check_mapping_key(options, "domainMapping", diags);
    }
}

/// CDK refuses `mappingKey: ""` (`apiMappingKey: ""` on an `ApiMapping`).
fn check_mapping_key(props: &Props, name: &str, diags: &mut Vec<Diagnostic>) {
    let Some(mapping) = props.domain_mapping(name) else {
        return;
    };
    if let Some(key) = mapping.key {
        empty_key(key, diags);
    }
}

/// The error for an empty mapping key at `key`.
fn empty_key(key: &crate::model::Value, diags: &mut Vec<Diagnostic>) {
    if let ValueKind::Text(text) = &key.kind
        && text.as_literal().is_some_and(|k| k.is_empty())
    {
        diags.push(
            Diagnostic::error(key.span, "empty string for api mapping key not allowed")
                .with_hint("leave the key out to map the stage at the domain's root"),
        );
    }
}

/// A domain's name and endpoints: CDK refuses an empty name, two endpoints of one type, and an
/// ownership certificate without mutual TLS.
fn check_domain(model: &Model, construct: &Construct, diags: &mut Vec<Diagnostic>) {
    let props = &construct.props;
    check_trust_store_version(model, props, diags);
    if let Some(name) = props.get("domainName")
        && let ValueKind::Text(text) = &name.kind
        && text.as_literal().is_some_and(|n| n.is_empty())
    {
        diags.push(Diagnostic::error(
            name.span,
            "empty string for domainName not allowed",
        ));
    }
    if props.get("mtls").is_none()
        && let Some(ownership) = props.prop("ownershipCertificate")
    {
        diags.push(
            Diagnostic::error(
                ownership.key_span,
                "ownership certificate can only be used with mtls domains",
            )
            .with_hint("remove `ownershipCertificate`, or configure `mtls`"),
        );
    }
    let mut endpoints: HashMap<String, Span> = HashMap::new();
    let constructor = std::iter::once((props, construct.path.span));
    let added = model
        .calls_on(&construct.path.value)
        .filter(|c| c.method.name == "addEndpoint")
        .map(|c| (&c.args, c.span));
    for (options, span) in constructor.chain(added) {
        let (endpoint_type, at) = match options.get("endpointType") {
            Some(v) => match &v.kind {
                ValueKind::Member(m) => (m.value.to_string(), v.span),
                _ => continue,
            },
            None => ("REGIONAL".to_string(), span),
        };
        if let Some(first) = endpoints.get(&endpoint_type) {
            diags.push(
                Diagnostic::error(
                    at,
                    format!("an endpoint with type {endpoint_type} already exists"),
                )
                .with_related(*first, "the first endpoint of this type")
                .with_hint("a domain has at most one REGIONAL and one EDGE endpoint"),
            );
        } else {
            endpoints.insert(endpoint_type, at);
        }
    }
}

/// A trust store `version` of an owned bucket that keeps no versions: API Gateway cannot find
/// it (CDK lets it through).
fn check_trust_store_version(model: &Model, props: &Props, diags: &mut Vec<Diagnostic>) {
    let Some(ValueKind::Struct(mtls)) = props.get("mtls").map(|v| &v.kind) else {
        return;
    };
    let (Some(version), Some(ValueKind::Construct(bucket))) =
        (mtls.get("version"), mtls.get("bucket").map(|v| &v.kind))
    else {
        return;
    };
    let unversioned = model
        .construct(bucket)
        .is_some_and(|b| b.import.is_none() && b.props.bool("versioned") != Some(true));
    if unversioned {
        diags.push(
            Diagnostic::warning(
                version.span,
                format!("`{bucket}` keeps no object versions: API Gateway will not find this trust store version"),
            )
            .with_hint(format!("add `versioned: true` to `{bucket}`, or leave `version` out")),
        );
    }
}

/// An `ApiMapping` needs a stage: its own, or the default stage of an HTTP API.
fn check_api_mapping(model: &Model, props: &Props, diags: &mut Vec<Diagnostic>) {
    if let Some(key) = props.get("apiMappingKey") {
        empty_key(key, diags);
    }
    if props.get("stage").is_some() {
        return;
    }
    let Some(api) = props.get("api") else { return };
    let ValueKind::Construct(path) = &api.kind else {
        return;
    };
    let has_default_stage = model.construct(path).is_some_and(|c| {
        c.ty.is_some_and(|t| t.name == "HttpApi")
            && c.import.is_none()
            && c.props.bool("createDefaultStage") != Some(false)
    });
    if !has_default_stage {
        diags.push(
            Diagnostic::error(api.span, "stage property must be specified")
                .with_hint("add `stage:` with the path of the stage to map"),
        );
    }
}

/// One mapping of a stage to a custom domain, wherever it is written.
struct Mapped<'m> {
    /// The key (`None`: the domain's root; a key that is not literal text is skipped).
    key: Option<String>,
    /// Where the mapping is written.
    span: Span,
    /// Whether the mapped API is a WebSocket API.
    websocket: bool,
    /// The domain's path.
    domain: &'m str,
}

/// What API Gateway rejects about the mappings of one domain, which CDK lets through: two
/// mappings with one key, and HTTP and WebSocket APIs on one domain.
pub(super) fn check_domain_mappings(model: &Model, diags: &mut Vec<Diagnostic>) {
    let mut mapped: Vec<Mapped> = Vec::new();
    for construct in &model.constructs {
        let Some(ty) = construct.ty else { continue };
        let props = &construct.props;
        match ty.name {
            "HttpApi" => {
                push_mapping(&mut mapped, props, "defaultDomainMapping", false);
                for call in model.calls_on(&construct.path.value) {
                    if call.method.name == "addStage" {
                        push_mapping(&mut mapped, &call.args, "domainMapping", false);
                    }
                }
            }
            "HttpStage" => push_mapping(&mut mapped, props, "domainMapping", false),
            "WebSocketStage" => push_mapping(&mut mapped, props, "domainMapping", true),
            "ApiMapping" => {
                let (Some(ValueKind::Construct(domain)), Some(ValueKind::Construct(api))) = (
                    props.get("domainName").map(|v| &v.kind),
                    props.get("api").map(|v| &v.kind),
                ) else {
                    continue;
                };
                let websocket = model
                    .construct(api)
                    .and_then(|c| c.ty)
                    .is_some_and(|t| t.name == "WebSocketApi");
                let key = match props.get("apiMappingKey").map(|v| &v.kind) {
                    Some(ValueKind::Text(t)) => match t.as_literal() {
                        Some(k) => Some(k),
                        None => continue,
                    },
                    _ => None,
                };
                mapped.push(Mapped {
                    key,
                    span: construct.path.span,
                    websocket,
                    domain,
                });
            }
            _ => {}
        }
    }
    for (i, later) in mapped.iter().enumerate() {
        let earlier = mapped[..i].iter().filter(|m| m.domain == later.domain);
        for first in earlier {
            if first.key == later.key {
                let key = match &later.key {
                    Some(k) => format!("key `{k}`"),
                    None => "no key (the domain's root)".to_string(),
                };
                diags.push(
                    Diagnostic::warning(
                        later.span,
                        format!(
                            "`{}` is mapped twice with {key}: API Gateway allows one mapping per key on a domain",
                            later.domain
                        ),
                    )
                    .with_related(first.span, "the first mapping with this key")
                    .with_hint("give each mapping its own key"),
                );
                break;
            }
            if first.websocket != later.websocket {
                diags.push(
                    Diagnostic::warning(
                        later.span,
                        format!(
                            "`{}` maps both HTTP and WebSocket APIs: API Gateway rejects a WebSocket API on a domain that serves other APIs",
                            later.domain
                        ),
                    )
                    .with_related(first.span, "the other API's mapping")
                    .with_hint("give the WebSocket API its own custom domain"),
                );
                break;
            }
        }
    }
}

/// The domain mapping in the prop `name` of `props`, when its key is literal or absent.
fn push_mapping<'m>(out: &mut Vec<Mapped<'m>>, props: &'m Props, name: &str, websocket: bool) {
    let Some(mapping) = props.domain_mapping(name) else {
        return;
    };
    let key = match mapping.key.map(|v| &v.kind) {
        Some(ValueKind::Text(t)) => match t.as_literal() {
            Some(k) => Some(k),
            None => return,
        },
        _ => None,
    };
    out.push(Mapped {
        key,
        span: mapping.span,
        websocket,
        domain: mapping.domain,
    });
}

/// `domainUrl` of a stage without a domain mapping: CDK throws when it is read.
pub(super) fn check_domain_url(model: &Model, expr: &Expr, diags: &mut Vec<Diagnostic>) {
    let members = &expr.members;
    let head = expr.head.value.as_str();
    // `${Api.defaultStage.domainUrl}` or `${Api/stage.domainUrl}` (and `${Stage.domainUrl}`).
    let (mapping, member) = match (members.first(), members.get(1)) {
        (Some(first), Some(second))
            if first.name.value == "defaultStage" && second.name.value == "domainUrl" =>
        {
            let Some(api) = model.construct(head) else {
                return;
            };
            (api.props.get("defaultDomainMapping").is_some(), second)
        }
        (Some(first), _) if first.name.value == "domainUrl" => {
            let Some(props) = stage_props(model, head) else {
                return;
            };
            (props.get("domainMapping").is_some(), first)
        }
        _ => return,
    };
    if !mapping {
        diags.push(
            Diagnostic::error(
                member.name.span,
                "domainUrl is not available when no API mapping is associated with the Stage",
            )
            .with_hint("map the stage to a custom domain with `domainMapping` (`defaultDomainMapping` for an API's default stage)"),
        );
    }
}

/// The options of the stage at `path`: a stage entry's props, or the `addStage` call that
/// creates it.
fn stage_props<'m>(model: &'m Model, path: &str) -> Option<&'m Props> {
    if let Some(stage) = model.construct(path)
        && stage
            .ty
            .is_some_and(|t| t.name == "HttpStage" || t.name == "WebSocketStage")
    {
        // An imported stage has its own error (see `stages::check_imported_stage_expr`).
        return stage.import.is_none().then_some(&stage.props);
    }
    let (api, id) = path.rsplit_once('/')?;
    model
        .constructs
        .iter()
        .filter(|c| c.path.value == api)
        .flat_map(|c| c.calls.iter())
        .find(|c| c.method.name == "addStage" && c.key.as_ref().is_some_and(|k| k.value == id))
        .map(|c| &c.args)
}
