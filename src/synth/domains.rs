//! Custom domains: certificates, `DomainName` with its endpoints, `ApiMapping` entries and the
//! mappings stages create for their `domainMapping`.

use crate::synth::json::{Map, Value, json};

use super::stage::StageInfo;
use super::tokens::Str;
use super::tree::{NodeId, Resource};
use super::{Handle, Synth, put};
use crate::model::{Construct, Props, ValueKind};

/// What synth knows of a certificate.
#[derive(Clone, Debug)]
pub struct CertificateInfo {
    /// The certificate's construct node.
    pub node: NodeId,
    /// `certificateArn`.
    pub arn: Str,
}

/// What synth knows of a custom domain.
#[derive(Clone, Debug)]
pub struct DomainInfo {
    /// The domain's construct node.
    pub node: NodeId,
    /// The node of its `AWS::ApiGatewayV2::DomainName` (none when imported).
    pub resource: Option<NodeId>,
    /// `name`: the custom domain name (its `Ref`).
    pub name: Str,
    /// `regionalDomainName`.
    pub regional_domain_name: Str,
    /// `regionalHostedZoneId`.
    pub regional_hosted_zone_id: Str,
}

/// What synth knows of an API mapping.
#[derive(Clone, Debug)]
pub struct MappingInfo {
    /// The mapping's construct node.
    pub node: NodeId,
    /// `apiMappingId` (its `Ref`).
    pub id: Str,
    /// `domainUrl`: `https://<domain>/<key>`.
    pub domain_url: Str,
}

/// `new acm.Certificate(scope, id, props)` or `Certificate.fromCertificateArn(scope, id, arn)`.
pub fn create_certificate(
    s: &mut Synth,
    construct: &Construct,
    node: NodeId,
) -> Option<CertificateInfo> {
    if let Some(import) = &construct.import {
        let arn = s.string(&import.value)?;
        return Some(CertificateInfo { node, arn });
    }
    let props = &construct.props;
    let domain = s.prop_str(props, "domainName")?;
    let alternatives: Vec<Str> = match props.get("subjectAlternativeNames").map(|v| &v.kind) {
        Some(ValueKind::List(items)) => items.iter().filter_map(|i| s.string(i)).collect(),
        _ => Vec::new(),
    };
    let method = match props.get("validation").map(|v| &v.kind) {
        Some(ValueKind::Member(member)) => member.value,
        _ => "EMAIL",
    };
    let mut p = Map::new();
    p.insert("DomainName".into(), domain.to_json());
    if method == "EMAIL" {
        // CDK asks ACM to mail the apex domain of every name (`apexDomain`).
        let options: Vec<Value> = std::iter::once(&domain)
            .chain(&alternatives)
            .map(|name| {
                let apex = name
                    .as_literal()
                    .map(|n| super::public_suffix::apex_domain(&n));
                json!({
                    "DomainName": name.to_json(),
                    "ValidationDomain": apex.map_or_else(|| name.to_json(), Value::from),
                })
            })
            .collect();
        p.insert("DomainValidationOptions".into(), Value::Array(options));
    }
    if !alternatives.is_empty() {
        let names = alternatives.iter().map(Str::to_json).collect();
        p.insert("SubjectAlternativeNames".into(), Value::Array(names));
    }
    let name = match s.prop_str(props, "certificateName") {
        Some(name) => name,
        // CDK's default: the construct's node path, the stack's id first.
        None => Str::lit(format!("{}/{}", s.model.stack.id, s.tree.path(node))),
    };
    p.insert(
        "Tags".into(),
        json!([{ "Key": "Name", "Value": name.to_json() }]),
    );
    p.insert("ValidationMethod".into(), Value::String(method.into()));
    if props.bool("transparencyLoggingEnabled") == Some(false) {
        p.insert(
            "CertificateTransparencyLoggingPreference".into(),
            Value::String("DISABLED".into()),
        );
    } else if props.bool("transparencyLoggingEnabled") == Some(true) {
        p.insert(
            "CertificateTransparencyLoggingPreference".into(),
            Value::String("ENABLED".into()),
        );
    }
    let resource = Resource::new("AWS::CertificateManager::Certificate", p);
    let resource = s.tree.add_resource(node, "Resource", resource).ok()?;
    Some(CertificateInfo {
        node,
        arn: Str::reference(&s.tree.logical_id(resource)),
    })
}

/// `new DomainName(scope, id, props)` or `DomainName.fromDomainNameAttributes(scope, id, attrs)`.
pub fn create_domain_name(
    s: &mut Synth,
    construct: &Construct,
    node: NodeId,
) -> Option<DomainInfo> {
    if let Some(import) = &construct.import {
        let ValueKind::Struct(attrs) = &import.value.kind else {
            return None;
        };
        return Some(DomainInfo {
            node,
            resource: None,
            name: s.prop_str(attrs, "name")?,
            regional_domain_name: s.prop_str(attrs, "regionalDomainName")?,
            regional_hosted_zone_id: s.prop_str(attrs, "regionalHostedZoneId")?,
        });
    }
    let props = &construct.props;
    let mut p = Map::new();
    let domain = s.prop_json(props, "domainName");
    put(&mut p, "DomainName", domain);
    let endpoint = endpoint_configuration(s, props)?;
    p.insert("DomainNameConfigurations".into(), json!([endpoint]));
    if let Some(ValueKind::Struct(mtls)) = props.get("mtls").map(|v| &v.kind) {
        let trust_store = mutual_tls(s, mtls)?;
        p.insert("MutualTlsAuthentication".into(), trust_store);
    }
    let resource = Resource::new("AWS::ApiGatewayV2::DomainName", p);
    let resource = s.tree.add_resource(node, "Resource", resource).ok()?;
    let logical_id = s.tree.logical_id(resource);
    let domain = DomainInfo {
        node,
        resource: Some(resource),
        name: Str::reference(&logical_id),
        regional_domain_name: Str::get_att(&logical_id, "RegionalDomainName"),
        regional_hosted_zone_id: Str::get_att(&logical_id, "RegionalHostedZoneId"),
    };
    for call in &construct.calls {
        if call.method.name == "addEndpoint" {
            add_endpoint(s, &domain, &call.args);
        }
    }
    Some(domain)
}

/// `MutualTlsAuthentication` from CDK's `MTLSConfig`: `bucket.s3UrlForObject(key)`.
fn mutual_tls(s: &mut Synth, mtls: &Props) -> Option<Value> {
    let ValueKind::Construct(path) = &mtls.get("bucket")?.kind else {
        return None;
    };
    let Handle::Bucket(bucket) = s.handle(path)? else {
        return None;
    };
    let key = s.prop_str(mtls, "key")?;
    let uri = Str::lit("s3://").and(&bucket.name).and_lit("/").and(&key);
    let mut out = Map::new();
    out.insert("TruststoreUri".into(), uri.to_json());
    if let Some(version) = s.prop_json(mtls, "version") {
        out.insert("TruststoreVersion".into(), version);
    }
    Some(Value::Object(out))
}

/// `domain.addEndpoint(options)`: one more entry of `DomainNameConfigurations`.
fn add_endpoint(s: &mut Synth, domain: &DomainInfo, options: &Props) {
    let Some(endpoint) = endpoint_configuration(s, options) else {
        return;
    };
    let Some(resource) = domain.resource.and_then(|r| s.tree.resource_mut(r)) else {
        return;
    };
    if let Some(Value::Array(configurations)) =
        resource.properties.get_mut("DomainNameConfigurations")
    {
        configurations.push(endpoint);
    }
}

/// One `DomainNameConfiguration` from `EndpointOptions`.
fn endpoint_configuration(s: &mut Synth, options: &Props) -> Option<Value> {
    let certificate = certificate_arn(s, options, "certificate")?;
    let mut c = Map::new();
    c.insert("CertificateArn".into(), certificate.to_json());
    let name = s.prop_json(options, "certificateName");
    put(&mut c, "CertificateName", name);
    let endpoint_type = s
        .prop_json(options, "endpointType")
        .unwrap_or_else(|| Value::String("REGIONAL".into()));
    c.insert("EndpointType".into(), endpoint_type);
    let ip = s.prop_json(options, "ipAddressType");
    put(&mut c, "IpAddressType", ip);
    if options.get("ownershipCertificate").is_some() {
        let ownership = certificate_arn(s, options, "ownershipCertificate")?;
        c.insert(
            "OwnershipVerificationCertificateArn".into(),
            ownership.to_json(),
        );
    }
    let policy = s.prop_json(options, "securityPolicy");
    put(&mut c, "SecurityPolicy", policy);
    Some(Value::Object(c))
}

/// The ARN of the certificate entry the prop `name` refers to.
fn certificate_arn(s: &mut Synth, props: &Props, name: &str) -> Option<Str> {
    let ValueKind::Construct(path) = &props.get(name)?.kind else {
        return None;
    };
    match s.handle(path)? {
        Handle::Certificate(cert) => Some(cert.arn),
        _ => None,
    }
}

/// The custom domain an entry path refers to.
fn domain(s: &mut Synth, path: &str) -> Option<DomainInfo> {
    match s.handle(path)? {
        Handle::DomainName(domain) => Some(domain),
        _ => None,
    }
}

/// `new ApiMapping(scope, id, { api, domainName, stage, apiMappingKey })`.
pub fn create_api_mapping(
    s: &mut Synth,
    construct: &Construct,
    node: NodeId,
) -> Option<MappingInfo> {
    let props = &construct.props;
    let stage = match props.get("stage").map(|v| &v.kind) {
        Some(ValueKind::Construct(path)) => match s.handle(path)? {
            Handle::Stage(stage) => stage,
            _ => return None,
        },
        _ => match props.get("api").map(|v| &v.kind) {
            Some(ValueKind::Construct(path)) => match s.handle(path)? {
                Handle::HttpApi(api) => api.default_stage?,
                _ => return None,
            },
            _ => return None,
        },
    };
    let ValueKind::Construct(domain_path) = &props.get("domainName")?.kind else {
        return None;
    };
    let domain = domain(s, domain_path)?;
    let key = s.prop_str(props, "apiMappingKey");
    mapping_resource(s, node, &stage, &domain, key)
}

/// The `AWS::ApiGatewayV2::ApiMapping` of a mapping construct, depending on its stage.
fn mapping_resource(
    s: &mut Synth,
    node: NodeId,
    stage: &StageInfo,
    domain: &DomainInfo,
    key: Option<Str>,
) -> Option<MappingInfo> {
    let mut p = Map::new();
    p.insert("ApiId".into(), stage.api_id.to_json());
    put(&mut p, "ApiMappingKey", key.as_ref().map(Str::to_json));
    p.insert("DomainName".into(), domain.name.to_json());
    p.insert("Stage".into(), stage.name.to_json());
    let resource = Resource::new("AWS::ApiGatewayV2::ApiMapping", p);
    let resource = s.tree.add_resource(node, "Resource", resource).ok()?;
    s.tree.add_dependency(node, stage.node);
    let domain_url = Str::lit("https://")
        .and(&domain.name)
        .and_lit("/")
        .and(&key.unwrap_or_default());
    Some(MappingInfo {
        node,
        id: Str::reference(&s.tree.logical_id(resource)),
        domain_url,
    })
}

/// A stage's `domainMapping` (the prop `name` of `props`): the `ApiMapping` under the stage,
/// the stage depending on the domain, and the stage's `domainUrl`.
pub fn map_stage(s: &mut Synth, stage: &mut StageInfo, props: &Props, name: &str) {
    let Some(mapping) = props.domain_mapping(name) else {
        return;
    };
    let Some(domain) = domain(s, mapping.domain) else {
        return;
    };
    let id = mapping.construct_id(&s.model.stack.id);
    let key = mapping.key.and_then(|k| s.string(k));
    let Ok(node) = s.tree.add(stage.node, &id) else {
        return;
    };
    if let Some(info) = mapping_resource(s, node, stage, &domain, key) {
        stage.domain_url = Some(info.domain_url);
    }
    s.tree.add_dependency(stage.node, domain.node);
}
