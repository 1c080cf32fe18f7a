//! Private integrations: imported subnets, security groups and listeners, VPC links (owned,
//! imported, or added to an API per VPC), the load balancer and Cloud Map integrations.

use crate::synth::json::{Map, Value, json};

use super::http::ApiInfo;
use super::tokens::Str;
use super::tree::{NodeId, Resource};
use super::{Handle, Synth, put};
use crate::model::vpc_layout::SubnetKind;
use crate::model::{Construct, Object, Props, ValueKind};

/// What synth knows of a VPC link.
#[derive(Clone, Debug)]
pub struct VpcLinkInfo {
    /// The link's construct node.
    pub node: NodeId,
    /// `vpcLinkId`.
    pub id: Str,
    /// The node of its `AWS::ApiGatewayV2::VpcLink` (none when imported).
    pub resource: Option<NodeId>,
}

/// An imported network object with one id: a subnet, a security group, a listener.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The construct node.
    pub node: NodeId,
    /// Its id (or ARN, for a listener).
    pub id: Str,
}

/// `Subnet.fromSubnetId`, `SecurityGroup.fromSecurityGroupId`,
/// `ApplicationListener.fromApplicationListenerAttributes`.
pub fn create_imported(s: &mut Synth, construct: &Construct, node: NodeId) -> Option<Imported> {
    let import = construct.import.as_ref()?;
    let id = match &import.value.kind {
        ValueKind::Struct(attrs) => s.prop_str(attrs, "listenerArn")?,
        _ => s.string(&import.value)?,
    };
    Some(Imported { node, id })
}

/// `new VpcLink(scope, id, props)` or `VpcLink.fromVpcLinkAttributes`; its `addSubnets` and
/// `addSecurityGroups` calls are [`link_calls`].
pub fn create_vpc_link(s: &mut Synth, construct: &Construct, node: NodeId) -> Option<VpcLinkInfo> {
    if let Some(import) = &construct.import {
        let ValueKind::Struct(attrs) = &import.value.kind else {
            return None;
        };
        return Some(VpcLinkInfo {
            node,
            id: s.prop_str(attrs, "vpcLinkId")?,
            resource: None,
        });
    }
    vpc_link_resource(s, node, &construct.props)
}

/// The `AWS::ApiGatewayV2::VpcLink` of a link at `node` with `props` (`VpcLinkProps`).
pub fn vpc_link_resource(s: &mut Synth, node: NodeId, props: &Props) -> Option<VpcLinkInfo> {
    let ValueKind::Construct(vpc_path) = &props.get("vpc")?.kind else {
        return None;
    };
    vpc_link_in(s, node, vpc_path, props)
}

/// The `AWS::ApiGatewayV2::VpcLink` at `node` in the VPC at `vpc_path`, with the name,
/// subnets and security groups of `props`.
fn vpc_link_in(s: &mut Synth, node: NodeId, vpc_path: &str, props: &Props) -> Option<VpcLinkInfo> {
    let Handle::Vpc(vpc) = s.handle(vpc_path)? else {
        return None;
    };
    let kind = match props.get("subnets").map(|v| &v.kind) {
        Some(ValueKind::Struct(selection)) => {
            SubnetKind::of(selection).unwrap_or(SubnetKind::Private)
        }
        _ => SubnetKind::Private,
    }
    .index();
    let subnets: Vec<Value> = vpc.subnets[kind].iter().map(Str::to_json).collect();
    let mut groups = Vec::new();
    if let Some(ValueKind::List(items)) = props.get("securityGroups").map(|v| &v.kind) {
        for item in items {
            if let ValueKind::Construct(path) = &item.kind
                && let Some(Handle::SecurityGroup(group)) = s.handle(path)
            {
                groups.push(group.id.to_json());
            }
        }
    }
    let name = match s.prop_str(props, "vpcLinkName") {
        Some(name) => name,
        // CDK's `Names.uniqueId(this)`.
        None => Str::lit(s.tree.node_unique_id(node)),
    };
    let mut p = Map::new();
    p.insert("Name".into(), name.to_json());
    p.insert("SecurityGroupIds".into(), Value::Array(groups));
    p.insert("SubnetIds".into(), Value::Array(subnets));
    let resource = s
        .tree
        .add_resource(
            node,
            "Resource",
            Resource::new("AWS::ApiGatewayV2::VpcLink", p),
        )
        .ok()?;
    Some(VpcLinkInfo {
        node,
        id: Str::reference(&s.tree.logical_id(resource)),
        resource: Some(resource),
    })
}

/// A VPC link's method keys: `addSubnets`, `addSecurityGroups`.
pub fn link_calls(s: &mut Synth, construct: &Construct) {
    let Some(Handle::VpcLink(link)) = s.handles.get(&construct.path.value).cloned() else {
        return;
    };
    for call in &construct.calls {
        let (param, property) = match call.method.name {
            "addSubnets" => ("subnet", "SubnetIds"),
            "addSecurityGroups" => ("securityGroup", "SecurityGroupIds"),
            _ => continue,
        };
        let Some(ValueKind::Construct(path)) = call.args.get(param).map(|v| &v.kind) else {
            continue;
        };
        let id = match s.handle(path) {
            Some(Handle::Subnet(x) | Handle::SecurityGroup(x)) => x.id.to_json(),
            _ => continue,
        };
        if let Some(resource) = link.resource.and_then(|r| s.tree.resource_mut(r))
            && let Some(Value::Array(ids)) = resource.properties.get_mut(property)
        {
            ids.push(id);
        }
    }
}

/// `api.addVpcLink({ vpc, ... })`: the API's link for that VPC (`VpcLink-N`, created once).
pub fn add_vpc_link(s: &mut Synth, api: &ApiInfo, options: &Props) -> Option<VpcLinkInfo> {
    let ValueKind::Construct(vpc) = &options.get("vpc")?.kind else {
        return None;
    };
    vpc_link_for(s, api, vpc, options)
}

/// The API's link for the VPC at `vpc`, created with `options` unless it exists.
fn vpc_link_for(s: &mut Synth, api: &ApiInfo, vpc: &str, options: &Props) -> Option<VpcLinkInfo> {
    let key = format!("{}#vpc-link:{vpc}", api.path);
    if let Some(Handle::VpcLink(link)) = s.handles.get(&key) {
        return Some(link.clone());
    }
    let count = s
        .handles
        .keys()
        .filter(|k| k.starts_with(&format!("{}#vpc-link:", api.path)))
        .count()
        + 1;
    let id = format!("VpcLink-{count}");
    let node = s.tree.add(api.node, &id).ok()?;
    let link = vpc_link_in(s, node, vpc, options)?;
    s.handles.insert(key, Handle::VpcLink(link.clone()));
    s.handles
        .insert(format!("{}/{id}", api.path), Handle::VpcLink(link.clone()));
    Some(link)
}

/// `HttpAlbIntegration`'s (and `HttpNlbIntegration`'s) bind: a private `HTTP_PROXY` to the
/// listener through the VPC link; without one, through the link the API adds for the load
/// balancer's VPC.
pub fn alb_integration(s: &mut Synth, api: &ApiInfo, object: &Object, p: &mut Map) -> Option<()> {
    let props = &object.props;
    let ValueKind::Construct(listener) = &props.get("listener")?.kind else {
        return None;
    };
    let Handle::Listener(listener) = s.handle(listener)? else {
        return None;
    };
    let link = match props.get("vpcLink").map(|v| &v.kind) {
        Some(ValueKind::Construct(link)) => match s.handle(link)? {
            Handle::VpcLink(link) => link,
            _ => return None,
        },
        _ => {
            let (_, lb) = listener.owned.as_ref()?;
            vpc_link_for(s, api, &lb.vpc, &Props::default())?
        }
    };
    private_proxy(s, props, &link, &listener.arn, p);
    Some(())
}

/// What synth knows of a Cloud Map namespace.
#[derive(Clone, Debug)]
pub struct NamespaceInfo {
    /// The namespace's construct node.
    pub node: NodeId,
    /// `namespaceId`.
    pub id: Str,
    /// `namespaceArn`.
    pub arn: Str,
}

/// `new servicediscovery.PrivateDnsNamespace(scope, id, { name, vpc })`.
pub fn create_namespace(
    s: &mut Synth,
    construct: &Construct,
    node: NodeId,
) -> Option<NamespaceInfo> {
    let props = &construct.props;
    let ValueKind::Construct(vpc) = &props.get("vpc")?.kind else {
        return None;
    };
    let Handle::Vpc(vpc) = s.handle(vpc)? else {
        return None;
    };
    let mut p = Map::new();
    let description = s.prop_json(props, "description");
    put(&mut p, "Description", description);
    let name = s.prop_json(props, "name");
    put(&mut p, "Name", name);
    p.insert("Vpc".into(), vpc.id.to_json());
    let resource = Resource::new("AWS::ServiceDiscovery::PrivateDnsNamespace", p);
    let resource = s.tree.add_resource(node, "Resource", resource).ok()?;
    let id = s.tree.logical_id(resource);
    Some(NamespaceInfo {
        node,
        id: Str::get_att(&id, "Id"),
        arn: Str::get_att(&id, "Arn"),
    })
}

/// A namespace's method keys: `createService` (A records, multivalue routing).
pub fn namespace_calls(s: &mut Synth, construct: &Construct) {
    let Some(Handle::Namespace(namespace)) = s.handles.get(&construct.path.value).cloned() else {
        return;
    };
    for call in construct
        .calls
        .iter()
        .filter(|c| c.method.name == "createService")
    {
        let Some(key) = &call.key else { continue };
        let Ok(node) = s.tree.add(namespace.node, &key.value) else {
            continue;
        };
        let ttl = match call.args.get("dnsTtl").map(|v| &v.kind) {
            Some(ValueKind::Duration(d)) => d.to_millis() / 1000.0,
            _ => 60.0,
        };
        let mut p = Map::new();
        let description = s.prop_json(&call.args, "description");
        put(&mut p, "Description", description);
        p.insert(
            "DnsConfig".into(),
            json!({
                "DnsRecords": [{ "TTL": super::number(ttl), "Type": "A" }],
                "NamespaceId": namespace.id.to_json(),
                "RoutingPolicy": "MULTIVALUE"
            }),
        );
        let name = s.prop_json(&call.args, "name");
        put(&mut p, "Name", name);
        p.insert("NamespaceId".into(), namespace.id.to_json());
        let resource = Resource::new("AWS::ServiceDiscovery::Service", p);
        let Ok(resource) = s.tree.add_resource(node, "Resource", resource) else {
            continue;
        };
        let id = s.tree.logical_id(resource);
        s.handles.insert(
            format!("{}/{}", construct.path.value, key.value),
            Handle::Service(Imported {
                node,
                id: Str::get_att(&id, "Arn"),
            }),
        );
    }
}

/// `HttpServiceDiscoveryIntegration`'s bind: a private `HTTP_PROXY` to the service.
pub fn service_discovery_integration(s: &mut Synth, object: &Object, p: &mut Map) -> Option<()> {
    let props = &object.props;
    let ValueKind::Construct(service) = &props.get("service")?.kind else {
        return None;
    };
    let Handle::Service(service) = s.handle(service)? else {
        return None;
    };
    let ValueKind::Construct(link) = &props.get("vpcLink")?.kind else {
        return None;
    };
    let Handle::VpcLink(link) = s.handle(link)? else {
        return None;
    };
    private_proxy(s, props, &link, &service.id, p);
    Some(())
}

/// The properties every private integration shares: the VPC link, the method, the URI.
fn private_proxy(s: &mut Synth, props: &Props, link: &VpcLinkInfo, uri: &Str, p: &mut Map) {
    p.insert("ConnectionId".into(), link.id.to_json());
    p.insert("ConnectionType".into(), json!("VPC_LINK"));
    let method = s.prop_json(props, "method").unwrap_or_else(|| json!("ANY"));
    p.insert("IntegrationMethod".into(), method);
    p.insert("IntegrationType".into(), json!("HTTP_PROXY"));
    p.insert("IntegrationUri".into(), uri.to_json());
    let version = s
        .prop_json(props, "payloadFormatVersion")
        .unwrap_or_else(|| json!("1.0"));
    p.insert("PayloadFormatVersion".into(), version);
    if let Some(name) = s.prop_json(props, "secureServerName") {
        p.insert("TlsConfig".into(), json!({ "ServerNameToVerify": name }));
    }
}
