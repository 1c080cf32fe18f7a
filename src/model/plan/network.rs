//! The nodes the networking constructs create: an owned VPC (subnets with their route tables,
//! routes and NAT gateways, the internet gateway), security groups, load balancers with
//! their listeners and target groups, and the VPC link an API adds for a private integration
//! that names none.

use super::{Planner, VPC_LINK};
use crate::construct::NodeId;
use crate::model::vpc_layout::{self, AGNOSTIC_AZS, SubnetKind};
use crate::model::{Call, Construct, Object, ValueKind};
use crate::syntax::Span;

const VPC: &str = "AWS::EC2::VPC";
const SUBNET: &str = "AWS::EC2::Subnet";
const ROUTE_TABLE: &str = "AWS::EC2::RouteTable";
const ROUTE_TABLE_ASSOCIATION: &str = "AWS::EC2::SubnetRouteTableAssociation";
const ROUTE: &str = "AWS::EC2::Route";
const EIP: &str = "AWS::EC2::EIP";
const NAT_GATEWAY: &str = "AWS::EC2::NatGateway";
const INTERNET_GATEWAY: &str = "AWS::EC2::InternetGateway";
const GATEWAY_ATTACHMENT: &str = "AWS::EC2::VPCGatewayAttachment";
const SECURITY_GROUP: &str = "AWS::EC2::SecurityGroup";
const LOAD_BALANCER: &str = "AWS::ElasticLoadBalancingV2::LoadBalancer";
const LISTENER: &str = "AWS::ElasticLoadBalancingV2::Listener";
const TARGET_GROUP: &str = "AWS::ElasticLoadBalancingV2::TargetGroup";

impl Planner<'_, '_> {
    /// `new ec2.Vpc(scope, id, props)`: the VPC, its subnets (each with a route table and
    /// its association), the internet gateway, the public subnets' default routes, the NAT
    /// gateways with their EIPs, and the private subnets' routes to them.
    pub(super) fn vpc(&mut self, construct: &Construct, node: NodeId) {
        let span = construct.path.span;
        self.resource(node, "Resource", span, VPC);
        let Ok(layout) = vpc_layout::layout(&construct.props, span, AGNOSTIC_AZS) else {
            return; // Validate reported it.
        };
        let mut subnet_nodes = Vec::new();
        for subnet in &layout.subnets {
            let class = match subnet.kind {
                SubnetKind::Public => "PublicSubnet",
                _ => "PrivateSubnet",
            };
            let Some(sub) = self.add(node, &subnet.id, subnet.span, class) else {
                subnet_nodes.push(None);
                continue;
            };
            for (id, cfn_type) in [
                ("Subnet", SUBNET),
                ("RouteTable", ROUTE_TABLE),
                ("RouteTableAssociation", ROUTE_TABLE_ASSOCIATION),
            ] {
                self.resource(sub, id, subnet.span, cfn_type);
            }
            subnet_nodes.push(Some(sub));
        }
        if !layout.internet_gateway {
            return;
        }
        self.resource(node, "IGW", span, INTERNET_GATEWAY);
        self.resource(node, "VPCGW", span, GATEWAY_ATTACHMENT);
        for (i, subnet) in layout.subnets.iter().enumerate() {
            if subnet.kind == SubnetKind::Public
                && let Some(Some(sub)) = subnet_nodes.get(i)
            {
                self.resource(*sub, "DefaultRoute", subnet.span, ROUTE);
            }
        }
        for i in &layout.nat_subnets {
            if let Some(Some(sub)) = subnet_nodes.get(*i) {
                self.resource(*sub, "EIP", span, EIP);
                self.resource(*sub, "NATGateway", span, NAT_GATEWAY);
            }
        }
        for (i, _) in &layout.nat_routes {
            if let Some(Some(sub)) = subnet_nodes.get(*i) {
                self.resource(*sub, "DefaultRoute", span, ROUTE);
            }
        }
    }

    /// `new ec2.SecurityGroup(scope, id, { vpc })`.
    pub(super) fn security_group(&mut self, construct: &Construct, node: NodeId) {
        self.resource(node, "Resource", construct.path.span, SECURITY_GROUP);
    }

    /// `new elbv2.ApplicationLoadBalancer(...)` (with its security group) or
    /// `NetworkLoadBalancer`.
    pub(super) fn load_balancer(&mut self, construct: &Construct, node: NodeId) {
        let span = construct.path.span;
        self.resource(node, "Resource", span, LOAD_BALANCER);
        if construct
            .ty
            .is_some_and(|t| t.name == "ApplicationLoadBalancer")
            && let Some(group) = self.add(node, "SecurityGroup", span, "SecurityGroup")
        {
            self.resource(group, "Resource", span, SECURITY_GROUP);
        }
    }

    /// `lb.addListener(id, props)`: the listener at `Lb/id`.
    pub(super) fn add_listener(
        &mut self,
        lb_path: &str,
        node: NodeId,
        call: &Call,
        class: &'static str,
    ) {
        let Some(key) = &call.key else { return };
        let path = format!("{lb_path}/{}", key.value);
        let listener = if class == "ApplicationLoadBalancer" {
            "ApplicationListener"
        } else {
            "NetworkListener"
        };
        self.child(node, path, key.span, listener, LISTENER);
    }

    /// `listener.addTargets(id, props)`: a target group at `Listener/<id>Group`.
    pub(super) fn add_targets(&mut self, node: NodeId, call: &Call) {
        let Some(key) = &call.key else { return };
        let id = format!("{}Group", key.value);
        if let Some(group) = self.add(node, &id, key.span, "TargetGroup") {
            self.resource(group, "Resource", key.span, TARGET_GROUP);
        }
    }

    /// The VPC link a load balancer integration without `vpcLink` makes the API add for the
    /// listener's VPC (`VpcLink-N`, reused for that VPC).
    pub(super) fn implicit_vpc_link(
        &mut self,
        object: &Object,
        api_path: &str,
        api: NodeId,
        span: Span,
    ) {
        if !matches!(object.ty.name, "HttpAlbIntegration" | "HttpNlbIntegration")
            || object.props.get("vpcLink").is_some()
        {
            return;
        }
        let Some(vpc) = listener_vpc(self.model, object) else {
            return;
        };
        self.vpc_link_for(api_path, api, &vpc, span);
    }

    /// `api.addVpcLink({ vpc })`: one link per VPC, `VpcLink-1`, `VpcLink-2`, ...
    pub(super) fn vpc_link_for(&mut self, api_path: &str, api: NodeId, vpc: &str, span: Span) {
        let links = self.vpc_links.entry(api).or_default();
        if links.iter().any(|v| v == vpc) {
            return;
        }
        links.push(vpc.to_string());
        let path = format!("{api_path}/VpcLink-{}", links.len());
        self.child(api, path, span, "VpcLink", VPC_LINK);
    }
}

/// The VPC path of the load balancer whose `addListener` created the integration's listener.
pub(crate) fn listener_vpc(model: &crate::model::Model, object: &Object) -> Option<String> {
    let ValueKind::Construct(listener) = &object.props.get("listener")?.kind else {
        return None;
    };
    let (lb, _) = listener.rsplit_once('/')?;
    let lb = model.construct(lb)?;
    match &lb.props.get("vpc")?.kind {
        ValueKind::Construct(vpc) => Some(vpc.clone()),
        _ => None,
    }
}
