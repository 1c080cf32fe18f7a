//! `aws-elasticloadbalancingv2`: Application and Network Load Balancers, the listeners
//! `addListener` creates (an ALB's open its port in the load balancer's security group) and
//! the target groups `addTargets` creates; imported listeners.

use std::sync::Arc;

use crate::synth::json::{Map, Value, json};

use super::ec2::disallow_all_egress;
use super::tokens::Str;
use super::tree::{NodeId, Resource};
use super::{Handle, Synth, put};
use crate::model::vpc_layout::{SubnetKind, VpcLayout};
use crate::model::{Call, Construct, ValueKind};

/// What synth knows of a load balancer.
#[derive(Clone, Debug)]
pub struct LoadBalancerInfo {
    /// Its construct node.
    pub node: NodeId,
    /// `loadBalancerArn`.
    pub arn: Str,
    /// `loadBalancerDnsName`.
    pub dns_name: Str,
    /// Its security group's resource (an ALB's).
    pub security_group: Option<NodeId>,
    /// The path of its VPC.
    pub vpc: String,
    /// Its VPC's id.
    pub vpc_id: Str,
    /// Whether it is an Application Load Balancer.
    pub application: bool,
}

/// What synth knows of a listener.
#[derive(Clone, Debug)]
pub struct ListenerInfo {
    /// Its construct node.
    pub node: NodeId,
    /// `listenerArn`.
    pub arn: Str,
    /// Its resource, and its load balancer, when `addListener` created it.
    pub owned: Option<(NodeId, LoadBalancerInfo)>,
}

/// An imported listener (`fromApplicationListenerAttributes`, `fromNetworkListenerArn`).
pub fn imported_listener(
    s: &mut Synth,
    construct: &Construct,
    node: NodeId,
) -> Option<ListenerInfo> {
    let imported = super::network::create_imported(s, construct, node)?;
    Some(ListenerInfo {
        node,
        arn: imported.id,
        owned: None,
    })
}

/// `new elbv2.ApplicationLoadBalancer(scope, id, props)` (with the security group CDK creates
/// for it) or `NetworkLoadBalancer`.
pub fn create_load_balancer(
    s: &mut Synth,
    construct: &Construct,
    node: NodeId,
) -> Option<LoadBalancerInfo> {
    let props = &construct.props;
    let application = construct
        .ty
        .is_some_and(|t| t.name == "ApplicationLoadBalancer");
    let ValueKind::Construct(vpc_path) = &props.get("vpc")?.kind else {
        return None;
    };
    let Handle::Vpc(vpc) = s.handle(vpc_path)? else {
        return None;
    };
    let internet_facing = props.bool("internetFacing") == Some(true);
    let kind = match props.get("vpcSubnets").map(|v| &v.kind) {
        Some(ValueKind::Struct(selection)) => SubnetKind::of(selection),
        _ => None,
    };
    let kind = match kind {
        Some(kind) => kind.index(),
        None if internet_facing => 0,
        None => {
            let present = [0, 1, 2].map(|i| !vpc.subnets[i].is_empty());
            VpcLayout::default_kind(present).index()
        }
    };
    let mut p = Map::new();
    let protection = props.bool("deletionProtection").unwrap_or(false);
    p.insert(
        "LoadBalancerAttributes".into(),
        json!([{ "Key": "deletion_protection.enabled", "Value": protection.to_string() }]),
    );
    let name = s.prop_json(props, "loadBalancerName");
    put(&mut p, "Name", name);
    let scheme = if internet_facing {
        "internet-facing"
    } else {
        "internal"
    };
    p.insert("Scheme".into(), json!(scheme));
    let subnets: Vec<Value> = vpc.subnets[kind].iter().map(Str::to_json).collect();
    p.insert("Subnets".into(), Value::Array(subnets));
    let ty = if application {
        "application"
    } else {
        "network"
    };
    p.insert("Type".into(), json!(ty));
    let resource = Resource::new("AWS::ElasticLoadBalancingV2::LoadBalancer", p);
    let resource = s.tree.add_resource(node, "Resource", resource).ok()?;
    if internet_facing {
        for dep in &vpc.internet_connectivity[kind] {
            s.tree.add_dependency(resource, *dep);
        }
    }
    let logical_id = s.tree.logical_id(resource);
    let mut info = LoadBalancerInfo {
        node,
        arn: Str::reference(&logical_id),
        dns_name: Str::get_att(&logical_id, "DNSName"),
        security_group: None,
        vpc: vpc_path.clone(),
        vpc_id: vpc.id.clone(),
        application,
    };
    if application {
        let group_node = s.tree.add(node, "SecurityGroup").ok()?;
        let mut g = Map::new();
        g.insert(
            "GroupDescription".into(),
            json!(format!(
                "Automatically created Security Group for ELB {}",
                s.tree.node_unique_id(node)
            )),
        );
        g.insert("SecurityGroupEgress".into(), disallow_all_egress());
        g.insert("VpcId".into(), vpc.id.to_json());
        let group = Resource::new("AWS::EC2::SecurityGroup", g);
        let group = s.tree.add_resource(group_node, "Resource", group).ok()?;
        let group_id = Str::get_att(&s.tree.logical_id(group), "GroupId");
        if let Some(lb) = s.tree.resource_mut(resource) {
            lb.properties
                .insert("SecurityGroups".into(), json!([group_id.to_json()]));
        }
        info.security_group = Some(group);
    }
    Some(info)
}

/// A load balancer's method keys: `addListener`.
pub fn load_balancer_calls(s: &mut Synth, construct: &Construct) {
    let Some(Handle::LoadBalancer(lb)) = s.handles.get(&construct.path.value).cloned() else {
        return;
    };
    for call in construct
        .calls
        .iter()
        .filter(|c| c.method.name == "addListener")
    {
        if let Some(listener) = add_listener(s, &lb, call) {
            let Some(key) = &call.key else { continue };
            s.handles.insert(
                format!("{}/{}", construct.path.value, key.value),
                Handle::Listener(Box::new(listener)),
            );
        }
    }
}

/// The protocol and port of an ALB listener or target group, each derived from the other
/// (CDK's `determineProtocolAndPort`).
fn application_protocol_and_port(call: &Call) -> Option<(String, i64)> {
    let port = match call.args.get("port").map(|v| &v.kind) {
        Some(ValueKind::Number(n)) => Some(*n as i64),
        _ => None,
    };
    let protocol = match call.args.get("protocol").map(|v| &v.kind) {
        Some(ValueKind::Member(m)) => Some(m.value.to_string()),
        _ => None,
    };
    match (protocol, port) {
        (Some(protocol), Some(port)) => Some((protocol, port)),
        (Some(protocol), None) => {
            let port = if protocol == "HTTPS" { 443 } else { 80 };
            Some((protocol, port))
        }
        (None, Some(port)) => {
            let protocol = match port {
                443 | 8443 => "HTTPS",
                _ => "HTTP",
            };
            Some((protocol.to_string(), port))
        }
        (None, None) => None,
    }
}

/// A Network Load Balancer's listener or target group: its port and protocol (TCP unless
/// given).
fn network_protocol_and_port(call: &Call) -> Option<(String, i64)> {
    let port = match call.args.get("port").map(|v| &v.kind) {
        Some(ValueKind::Number(n)) => *n as i64,
        _ => return None,
    };
    let protocol = match call.args.get("protocol").map(|v| &v.kind) {
        Some(ValueKind::Member(m)) => m.value.to_string(),
        _ => "TCP".to_string(),
    };
    Some((protocol, port))
}

/// `lb.addListener(id, props)`: the listener; an ALB's opens its port to anyone in the load
/// balancer's security group unless `open: false`.
fn add_listener(s: &mut Synth, lb: &LoadBalancerInfo, call: &Call) -> Option<ListenerInfo> {
    let key = call.key.as_ref()?;
    let (protocol, port) = if lb.application {
        application_protocol_and_port(call)?
    } else {
        network_protocol_and_port(call)?
    };
    let node = s.tree.add(lb.node, &key.value).ok()?;
    let mut p = Map::new();
    let action = default_action(s, call);
    p.insert(
        "DefaultActions".into(),
        Value::Array(action.into_iter().collect()),
    );
    p.insert("LoadBalancerArn".into(), lb.arn.to_json());
    p.insert("Port".into(), json!(port));
    p.insert("Protocol".into(), json!(protocol));
    let resource = Resource::new("AWS::ElasticLoadBalancingV2::Listener", p);
    let resource = s.tree.add_resource(node, "Resource", resource).ok()?;
    if call.args.bool("open") != Some(false)
        && let Some(group) = lb.security_group.and_then(|g| s.tree.resource_mut(g))
    {
        let rule = json!({
            "CidrIp": "0.0.0.0/0",
            "Description": format!("Allow from anyone on port {port}"),
            "FromPort": port,
            "IpProtocol": "tcp",
            "ToPort": port
        });
        let rules = group
            .properties
            .entry("SecurityGroupIngress")
            .or_insert_with(|| json!([]));
        if let Value::Array(rules) = rules
            && !rules.contains(&rule)
        {
            rules.push(rule);
        }
    }
    Some(ListenerInfo {
        node,
        arn: Str::reference(&s.tree.logical_id(resource)),
        owned: Some((resource, lb.clone())),
    })
}

/// `defaultAction: { fixedResponse: { statusCode, contentType, messageBody } }`.
fn default_action(s: &mut Synth, call: &Call) -> Option<Value> {
    let ValueKind::Factory(_, arg) = &call.args.get("defaultAction")?.kind else {
        return None;
    };
    let ValueKind::Struct(response) = &arg.kind else {
        return None;
    };
    let mut config = Map::new();
    let content_type = s.prop_json(response, "contentType");
    put(&mut config, "ContentType", content_type);
    let body = s.prop_json(response, "messageBody");
    put(&mut config, "MessageBody", body);
    if let Some(ValueKind::Number(code)) = response.get("statusCode").map(|v| &v.kind) {
        config.insert("StatusCode".into(), json!((*code as i64).to_string()));
    }
    Some(json!({ "FixedResponseConfig": config, "Type": "fixed-response" }))
}

/// A listener's method keys: `addTargets` (a target group at `Listener/<id>Group`, the
/// listener's default action forwards to it; a later call replaces the action).
pub fn listener_calls(s: &mut Synth, path: &str, calls: &[Arc<Call>]) {
    let Some(Handle::Listener(listener)) = s.handles.get(path).cloned() else {
        return;
    };
    let Some((listener_resource, lb)) = &listener.owned else {
        return;
    };
    for call in calls.iter().filter(|c| c.method.name == "addTargets") {
        let Some(key) = &call.key else { continue };
        let ports = if lb.application {
            application_protocol_and_port(call)
        } else {
            network_protocol_and_port(call)
        };
        let Some((protocol, port)) = ports else {
            continue;
        };
        let Ok(node) = s.tree.add(listener.node, &format!("{}Group", key.value)) else {
            continue;
        };
        let mut p = Map::new();
        p.insert("Port".into(), json!(port));
        p.insert("Protocol".into(), json!(protocol));
        if lb.application {
            p.insert(
                "TargetGroupAttributes".into(),
                json!([{ "Key": "stickiness.enabled", "Value": "false" }]),
            );
        }
        p.insert("VpcId".into(), lb.vpc_id.to_json());
        let group = Resource::new("AWS::ElasticLoadBalancingV2::TargetGroup", p);
        let Ok(group) = s.tree.add_resource(node, "Resource", group) else {
            continue;
        };
        let arn = Str::reference(&s.tree.logical_id(group));
        if let Some(resource) = s.tree.resource_mut(*listener_resource) {
            resource.properties.insert(
                "DefaultActions".into(),
                json!([{ "TargetGroupArn": arn.to_json(), "Type": "forward" }]),
            );
        }
    }
}
