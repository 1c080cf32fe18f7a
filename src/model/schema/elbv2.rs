//! `aws-elasticloadbalancingv2`: Application and Network Load Balancers (owned, with the
//! listeners `addListener` creates and the target groups `addTargets` creates) and imported
//! listeners.

use super::{
    AttrDef, AttrKind, CallShape, EnumDef, FactoryDef, ImportDef, Kind, MethodDef, Module, PropDef,
    Role, TypeDef, dflt, opt, req,
};

/// `elbv2.ListenerAction`: what an ALB listener does with a request no rule takes.
const LISTENER_ACTION: EnumDef = EnumDef {
    name: "ListenerAction",
    members: &[],
    factories: &[FactoryDef {
        name: "fixedResponse",
        arg: Kind::Struct(&[
            req(
                "statusCode",
                Kind::Integer,
                "The HTTP status code of the response.",
            ),
            opt("contentType", Kind::String, "The response's content type."),
            opt("messageBody", Kind::String, "The response's body."),
        ]),
        doc: "Answers with a fixed response (`ListenerAction.fixedResponse(statusCode, { \
              contentType, messageBody })`).",
    }],
};

/// `elbv2.ApplicationProtocol`.
const APPLICATION_PROTOCOL: EnumDef = EnumDef {
    name: "ApplicationProtocol",
    members: &[
        super::enums::member("HTTP", "HTTP", "HTTP."),
        super::enums::member("HTTPS", "HTTPS", "HTTPS (a listener needs certificates)."),
    ],
    factories: &[],
};

/// `elbv2.Protocol`, as a Network Load Balancer's listeners and target groups take it.
const NETWORK_PROTOCOL: EnumDef = EnumDef {
    name: "Protocol",
    members: &[
        super::enums::member("TCP", "TCP", "TCP."),
        super::enums::member("UDP", "UDP", "UDP."),
        super::enums::member("TCP_UDP", "TCP_UDP", "TCP and UDP on one port."),
    ],
    factories: &[],
};

/// What both load balancers take.
const LOAD_BALANCER_PROPS: [PropDef; 5] = [
    req("vpc", Kind::Construct(&["Vpc"]), "The VPC."),
    dflt(
        "internetFacing",
        Kind::Bool,
        "false",
        "Whether the load balancer is reachable from the internet (in the public subnets) \
         rather than internal (in the private subnets, else the isolated ones).",
    ),
    dflt(
        "vpcSubnets",
        Kind::Struct(super::ec2::SUBNET_SELECTION),
        "public subnets when internet-facing, else private, else isolated",
        "The VPC's subnets the load balancer is in.",
    ),
    dflt(
        "deletionProtection",
        Kind::Bool,
        "false",
        "Whether the load balancer can be deleted only after this is turned off.",
    ),
    opt(
        "loadBalancerName",
        Kind::String,
        "The load balancer's name (generated when omitted).",
    ),
];

/// The attributes of both load balancers.
const LOAD_BALANCER_ATTRS: &[AttrDef] = &[
    AttrDef {
        name: "loadBalancerArn",
        kind: AttrKind::Value,
        doc: "The load balancer's ARN.",
    },
    AttrDef {
        name: "loadBalancerDnsName",
        kind: AttrKind::Value,
        doc: "The load balancer's DNS name.",
    },
];

/// `elbv2.ApplicationLoadBalancer`, owned.
pub static APPLICATION_LOAD_BALANCER: TypeDef = TypeDef {
    name: "ApplicationLoadBalancer",
    module: Module::Elbv2,
    role: Role::Construct,
    keyed: true,
    doc: "An Application Load Balancer (`AWS::ElasticLoadBalancingV2::LoadBalancer`) with the \
          security group CDK creates for it; its listeners are added with `addListener:`.",
    props: &LOAD_BALANCER_PROPS,
    imports: &[],
    metrics: &[],
    methods: &[MethodDef {
        name: "addListener",
        shape: CallShape::Keyed,
        key: "id",
        params: &[
            dflt(
                "port",
                Kind::Integer,
                "from the protocol (80 for HTTP, 443 for HTTPS)",
                "The port the listener listens on.",
            ),
            dflt(
                "protocol",
                Kind::Enum(&APPLICATION_PROTOCOL),
                "from the port (HTTP for 80, 8000, 8008, 8080; HTTPS for 443, 8443)",
                "The listener's protocol.",
            ),
            dflt(
                "open",
                Kind::Bool,
                "true",
                "Whether the load balancer's security group lets anyone reach the port.",
            ),
            opt(
                "defaultAction",
                Kind::Enum(&LISTENER_ACTION),
                "What the listener does with requests (a later `addTargets` replaces it).",
            ),
        ],
        creates: Some("ApplicationListener"),
        doc: "Adds a listener (`AWS::ElasticLoadBalancingV2::Listener`) at `Lb/id`; give it a \
              `defaultAction`, or forward to a target group with its `addTargets`.",
    }],
    attrs: LOAD_BALANCER_ATTRS,
};

/// `elbv2.NetworkLoadBalancer`, owned.
pub static NETWORK_LOAD_BALANCER: TypeDef = TypeDef {
    name: "NetworkLoadBalancer",
    module: Module::Elbv2,
    role: Role::Construct,
    keyed: true,
    doc: "A Network Load Balancer (`AWS::ElasticLoadBalancingV2::LoadBalancer`); its listeners \
          are added with `addListener:`.",
    props: &LOAD_BALANCER_PROPS,
    imports: &[],
    metrics: &[],
    methods: &[MethodDef {
        name: "addListener",
        shape: CallShape::Keyed,
        key: "id",
        params: &[
            req("port", Kind::Integer, "The port the listener listens on."),
            dflt(
                "protocol",
                Kind::Enum(&NETWORK_PROTOCOL),
                "TCP",
                "The listener's protocol.",
            ),
        ],
        creates: Some("NetworkListener"),
        doc: "Adds a listener (`AWS::ElasticLoadBalancingV2::Listener`) at `Lb/id`; give it a \
              default action with its `addTargets`.",
    }],
    attrs: LOAD_BALANCER_ATTRS,
};

/// The listener attributes.
const LISTENER_ATTRS: &[AttrDef] = &[AttrDef {
    name: "listenerArn",
    kind: AttrKind::Value,
    doc: "The listener's ARN.",
}];

/// `elbv2.ApplicationListener`: created by `addListener`, or imported.
pub static APPLICATION_LISTENER: TypeDef = TypeDef {
    name: "ApplicationListener",
    module: Module::Elbv2,
    role: Role::Construct,
    keyed: true,
    doc: "A listener of an Application Load Balancer: created by the load balancer's \
          `addListener` (`Lb/id`), or an existing one imported with \
          `fromApplicationListenerAttributes`.",
    props: &[],
    imports: &[ImportDef {
        name: "fromApplicationListenerAttributes",
        arg: Kind::Struct(&[
            req("listenerArn", Kind::String, "The listener's ARN."),
            req(
                "securityGroup",
                Kind::Construct(&["SecurityGroup"]),
                "The load balancer's security group.",
            ),
        ]),
        doc: "Imports an existing listener.",
    }],
    metrics: &[],
    methods: &[MethodDef {
        name: "addTargets",
        shape: CallShape::Keyed,
        key: "id",
        params: &[
            dflt(
                "port",
                Kind::Integer,
                "from the protocol",
                "The port the targets listen on.",
            ),
            dflt(
                "protocol",
                Kind::Enum(&APPLICATION_PROTOCOL),
                "from the port",
                "The targets' protocol.",
            ),
        ],
        creates: None,
        doc: "Creates a target group (`AWS::ElasticLoadBalancingV2::TargetGroup`) at \
              `Listener/<id>Group` and makes forwarding to it the listener's default action.",
    }],
    attrs: LISTENER_ATTRS,
};

/// `elbv2.NetworkListener`: created by `addListener`, or imported.
pub static NETWORK_LISTENER: TypeDef = TypeDef {
    name: "NetworkListener",
    module: Module::Elbv2,
    role: Role::Construct,
    keyed: true,
    doc: "A listener of a Network Load Balancer: created by the load balancer's `addListener` \
          (`Lb/id`), or an existing one imported with `fromNetworkListenerArn`.",
    props: &[],
    imports: &[ImportDef {
        name: "fromNetworkListenerArn",
        arg: Kind::String,
        doc: "Imports an existing listener by ARN.",
    }],
    metrics: &[],
    methods: &[MethodDef {
        name: "addTargets",
        shape: CallShape::Keyed,
        key: "id",
        params: &[
            req("port", Kind::Integer, "The port the targets listen on."),
            dflt(
                "protocol",
                Kind::Enum(&NETWORK_PROTOCOL),
                "TCP",
                "The targets' protocol.",
            ),
        ],
        creates: None,
        doc: "Creates a target group (`AWS::ElasticLoadBalancingV2::TargetGroup`) at \
              `Listener/<id>Group` and makes forwarding to it the listener's default action.",
    }],
    attrs: LISTENER_ATTRS,
};
