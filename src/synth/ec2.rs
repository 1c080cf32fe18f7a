//! `aws-ec2`: VPCs (owned, laid out as CDK lays them out, or imported) and security groups
//! (owned or imported).

use crate::synth::json::{Map, Value, json};

use super::network::Imported;
use super::tokens::Str;
use super::tree::{NodeId, Resource};
use super::{Synth, put};
use crate::model::vpc_layout::{self, AGNOSTIC_AZS, SubnetKind, SubnetPlan};
use crate::model::{Construct, ValueKind};

/// What synth knows of a VPC.
#[derive(Clone, Debug)]
pub struct VpcInfo {
    /// The VPC's construct node.
    pub node: NodeId,
    /// `vpcId`.
    pub id: Str,
    /// Subnet ids by kind: public, private with egress, isolated.
    pub subnets: [Vec<Str>; 3],
    /// What an internet-facing load balancer in subnets of each kind waits for: their route
    /// table associations and default routes.
    pub internet_connectivity: [Vec<NodeId>; 3],
}

/// `new ec2.Vpc(scope, id, props)` or `Vpc.fromVpcAttributes(scope, id, attrs)`.
pub fn create_vpc(s: &mut Synth, construct: &Construct, node: NodeId) -> Option<VpcInfo> {
    let Some(import) = &construct.import else {
        return owned_vpc(s, construct, node);
    };
    let ValueKind::Struct(attrs) = &import.value.kind else {
        return None;
    };
    let list = |s: &mut Synth, name: &str| -> Vec<Str> {
        match attrs.get(name).map(|v| &v.kind) {
            Some(ValueKind::List(items)) => items.iter().filter_map(|i| s.string(i)).collect(),
            _ => Vec::new(),
        }
    };
    Some(VpcInfo {
        node,
        id: s.prop_str(attrs, "vpcId")?,
        subnets: [
            list(s, "publicSubnetIds"),
            list(s, "privateSubnetIds"),
            list(s, "isolatedSubnetIds"),
        ],
        internet_connectivity: [Vec::new(), Vec::new(), Vec::new()],
    })
}

/// A `Name` tag (CDK's `Tags.of(scope).add('Name', ...)`).
fn name_tag(name: &Str) -> Value {
    json!([{ "Key": "Name", "Value": name.to_json() }])
}

/// The owned VPC and everything CDK creates in it, in CDK's order.
fn owned_vpc(s: &mut Synth, construct: &Construct, node: NodeId) -> Option<VpcInfo> {
    let props = &construct.props;
    let layout = vpc_layout::layout(props, construct.path.span, AGNOSTIC_AZS).ok()?;
    let name = match s.prop_str(props, "vpcName") {
        Some(name) => name,
        None => Str::lit(format!("{}/{}", s.tree.stack_id(), s.tree.path(node))),
    };
    let mut p = Map::new();
    p.insert("CidrBlock".into(), json!(layout.cidr));
    let hostnames = props.bool("enableDnsHostnames").unwrap_or(true);
    p.insert("EnableDnsHostnames".into(), json!(hostnames));
    let support = props.bool("enableDnsSupport").unwrap_or(true);
    p.insert("EnableDnsSupport".into(), json!(support));
    p.insert("InstanceTenancy".into(), json!("default"));
    p.insert("Tags".into(), name_tag(&name));
    let resource = s
        .tree
        .add_resource(node, "Resource", Resource::new("AWS::EC2::VPC", p))
        .ok()?;
    let vpc_ref = Str::reference(&s.tree.logical_id(resource));
    let mut info = VpcInfo {
        node,
        id: vpc_ref.clone(),
        subnets: [Vec::new(), Vec::new(), Vec::new()],
        internet_connectivity: [Vec::new(), Vec::new(), Vec::new()],
    };
    let mut subnets = Vec::new();
    for plan in &layout.subnets {
        let subnet = subnet(s, node, &vpc_ref, plan)?;
        info.subnets[plan.kind.index()].push(Str::reference(&s.tree.logical_id(subnet.subnet)));
        subnets.push(subnet);
    }
    if !layout.internet_gateway {
        collect_connectivity(&mut info, &layout.subnets, &subnets);
        return Some(info);
    }
    let igw = Resource::new(
        "AWS::EC2::InternetGateway",
        json_map(json!({ "Tags": name_tag(&name) })),
    );
    let igw = s.tree.add_resource(node, "IGW", igw).ok()?;
    let igw_ref = Str::reference(&s.tree.logical_id(igw));
    let attachment = json_map(json!({
        "InternetGatewayId": igw_ref.to_json(),
        "VpcId": vpc_ref.to_json(),
    }));
    let attachment = Resource::new("AWS::EC2::VPCGatewayAttachment", attachment);
    let attachment = s.tree.add_resource(node, "VPCGW", attachment).ok()?;
    for (plan, subnet) in layout.subnets.iter().zip(&mut subnets) {
        if plan.kind != SubnetKind::Public {
            continue;
        }
        let route = json_map(json!({
            "DestinationCidrBlock": "0.0.0.0/0",
            "GatewayId": igw_ref.to_json(),
            "RouteTableId": subnet.route_table.to_json(),
        }));
        let route = Resource::new("AWS::EC2::Route", route);
        let route = s
            .tree
            .add_resource(subnet.node, "DefaultRoute", route)
            .ok()?;
        s.tree.add_dependency(route, attachment);
        subnet.connectivity.push(route);
    }
    let mut gateways = Vec::new();
    for i in &layout.nat_subnets {
        let subnet = subnets.get(*i)?;
        let eip = json_map(json!({ "Domain": "vpc", "Tags": name_tag(&subnet.name) }));
        let eip = s
            .tree
            .add_resource(subnet.node, "EIP", Resource::new("AWS::EC2::EIP", eip))
            .ok()?;
        let gateway = json_map(json!({
            "AllocationId": Str::get_att(&s.tree.logical_id(eip), "AllocationId").to_json(),
            "SubnetId": subnet.id.to_json(),
            "Tags": name_tag(&subnet.name),
        }));
        let gateway = Resource::new("AWS::EC2::NatGateway", gateway);
        let gateway = s
            .tree
            .add_resource(subnet.node, "NATGateway", gateway)
            .ok()?;
        for dep in &subnet.connectivity {
            s.tree.add_dependency(gateway, *dep);
        }
        gateways.push((*i, Str::reference(&s.tree.logical_id(gateway))));
    }
    for (private, nat) in &layout.nat_routes {
        let subnet = subnets.get(*private)?;
        let gateway = gateways.iter().find(|(i, _)| i == nat)?;
        let route = json_map(json!({
            "DestinationCidrBlock": "0.0.0.0/0",
            "NatGatewayId": gateway.1.to_json(),
            "RouteTableId": subnet.route_table.to_json(),
        }));
        let route = Resource::new("AWS::EC2::Route", route);
        let route = s
            .tree
            .add_resource(subnet.node, "DefaultRoute", route)
            .ok()?;
        if let Some(subnet) = subnets.get_mut(*private) {
            subnet.connectivity.push(route);
        }
    }
    collect_connectivity(&mut info, &layout.subnets, &subnets);
    Some(info)
}

/// Each kind's `internetConnectivityEstablished`, subnet by subnet.
fn collect_connectivity(info: &mut VpcInfo, plans: &[SubnetPlan], subnets: &[SubnetNodes]) {
    for (plan, subnet) in plans.iter().zip(subnets) {
        info.internet_connectivity[plan.kind.index()].extend(subnet.connectivity.iter().copied());
    }
}

/// A subnet as synth built it.
struct SubnetNodes {
    /// The subnet construct (`PublicSubnet1`).
    node: NodeId,
    /// Its `AWS::EC2::Subnet`.
    subnet: NodeId,
    /// `Ref` of the subnet.
    id: Str,
    /// `Ref` of its route table.
    route_table: Str,
    /// Its `Name` tag: its construct path.
    name: Str,
    /// Its `internetConnectivityEstablished`: the association, then the default route.
    connectivity: Vec<NodeId>,
}

/// `new PublicSubnet(vpc, id, props)` / `PrivateSubnet`: the subnet, its route table and the
/// association.
fn subnet(s: &mut Synth, vpc: NodeId, vpc_ref: &Str, plan: &SubnetPlan) -> Option<SubnetNodes> {
    let node = s.tree.add(vpc, &plan.id).ok()?;
    let name = Str::lit(format!("{}/{}", s.tree.stack_id(), s.tree.path(node)));
    let subnet = json_map(json!({
        "AvailabilityZone": { "Fn::Select": [plan.az, { "Fn::GetAZs": "" }] },
        "CidrBlock": &plan.cidr,
        "MapPublicIpOnLaunch": plan.map_public_ip,
        "Tags": [
            { "Key": "aws-cdk:subnet-name", "Value": &plan.group },
            { "Key": "aws-cdk:subnet-type", "Value": plan.kind.cdk_value() },
            { "Key": "Name", "Value": name.to_json() },
        ],
        "VpcId": vpc_ref.to_json(),
    }));
    let subnet = s
        .tree
        .add_resource(node, "Subnet", Resource::new("AWS::EC2::Subnet", subnet))
        .ok()?;
    let table = json_map(json!({ "Tags": name_tag(&name), "VpcId": vpc_ref.to_json() }));
    let table = s
        .tree
        .add_resource(
            node,
            "RouteTable",
            Resource::new("AWS::EC2::RouteTable", table),
        )
        .ok()?;
    let id = Str::reference(&s.tree.logical_id(subnet));
    let route_table = Str::reference(&s.tree.logical_id(table));
    let association = json_map(json!({
        "RouteTableId": route_table.to_json(),
        "SubnetId": id.to_json(),
    }));
    let association = Resource::new("AWS::EC2::SubnetRouteTableAssociation", association);
    let association = s
        .tree
        .add_resource(node, "RouteTableAssociation", association)
        .ok()?;
    Some(SubnetNodes {
        node,
        subnet,
        id,
        route_table,
        name,
        connectivity: vec![association],
    })
}

/// A JSON object literal as a property map.
fn json_map(value: Value) -> Map {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// The egress rule CDK writes when a group allows no outbound traffic.
pub fn disallow_all_egress() -> Value {
    json!([{
        "CidrIp": "255.255.255.255/32",
        "Description": "Disallow all traffic",
        "FromPort": 252,
        "IpProtocol": "icmp",
        "ToPort": 86
    }])
}

/// `new ec2.SecurityGroup(scope, id, props)` or `SecurityGroup.fromSecurityGroupId`.
pub fn create_security_group(
    s: &mut Synth,
    construct: &Construct,
    node: NodeId,
) -> Option<Imported> {
    if construct.import.is_some() {
        return super::network::create_imported(s, construct, node);
    }
    let props = &construct.props;
    let ValueKind::Construct(vpc) = &props.get("vpc")?.kind else {
        return None;
    };
    let super::Handle::Vpc(vpc) = s.handle(vpc)? else {
        return None;
    };
    let description = match s.prop_str(props, "description") {
        Some(d) => d,
        None => Str::lit(format!("{}/{}", s.tree.stack_id(), s.tree.path(node))),
    };
    let mut p = Map::new();
    p.insert("GroupDescription".into(), description.to_json());
    let name = s.prop_json(props, "securityGroupName");
    put(&mut p, "GroupName", name);
    let egress = if props.bool("allowAllOutbound") == Some(false) {
        disallow_all_egress()
    } else {
        json!([{
            "CidrIp": "0.0.0.0/0",
            "Description": "Allow all outbound traffic by default",
            "IpProtocol": "-1"
        }])
    };
    p.insert("SecurityGroupEgress".into(), egress);
    p.insert("VpcId".into(), vpc.id.to_json());
    let resource = Resource::new("AWS::EC2::SecurityGroup", p);
    let resource = s.tree.add_resource(node, "Resource", resource).ok()?;
    Some(Imported {
        node,
        id: Str::get_att(&s.tree.logical_id(resource), "GroupId"),
    })
}
