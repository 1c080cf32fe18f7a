//! Private integrations: VPC links, the integrations that use them, and Cloud Map namespaces
//! (the VPCs and load balancers they reach are in `ec2.rs` and `elbv2.rs`).

use super::enums::{HTTP_METHOD, PAYLOAD_FORMAT_VERSION};
use super::{
    AttrDef, AttrKind, CallShape, ImportDef, Kind, MethodDef, Module, PropDef, Role, TypeDef, dflt,
    opt, req,
};

/// CDK `VpcLinkProps`, also what `addVpcLink` takes.
const VPC_LINK_PROPS: &[PropDef] = &[
    req("vpc", Kind::Construct(&["Vpc"]), "The VPC of the backends."),
    dflt(
        "vpcLinkName",
        Kind::String,
        "a unique name from the construct path",
        "The VPC link's name.",
    ),
    dflt(
        "subnets",
        Kind::Struct(super::ec2::SUBNET_SELECTION),
        "{ subnetType: PRIVATE_WITH_EGRESS }",
        "The VPC's subnets the link uses.",
    ),
    opt(
        "securityGroups",
        Kind::List(&Kind::Construct(&["SecurityGroup"])),
        "Security groups of the link's network interfaces.",
    ),
];

/// `apigwv2.VpcLink`: a VPC link for private integrations.
pub static VPC_LINK: TypeDef = TypeDef {
    name: "VpcLink",
    module: Module::ApiGatewayV2,
    role: Role::Construct,
    keyed: true,
    doc: "A VPC link (`AWS::ApiGatewayV2::VpcLink`) through which private integrations reach \
          backends in a VPC; or an existing one imported with `fromVpcLinkAttributes`.",
    props: VPC_LINK_PROPS,
    imports: &[ImportDef {
        name: "fromVpcLinkAttributes",
        arg: Kind::Struct(&[
            req("vpcLinkId", Kind::String, "The VPC link's id."),
            req("vpc", Kind::Construct(&["Vpc"]), "Its VPC."),
        ]),
        doc: "Imports an existing VPC link.",
    }],
    metrics: &[],
    methods: &[
        MethodDef {
            name: "addSubnets",
            shape: CallShape::List,
            key: "",
            params: &[req(
                "subnet",
                Kind::Construct(&["Subnet"]),
                "A subnet the link also uses.",
            )],
            creates: None,
            doc: "Adds a subnet to the link (one per call).",
        },
        MethodDef {
            name: "addSecurityGroups",
            shape: CallShape::List,
            key: "",
            params: &[req(
                "securityGroup",
                Kind::Construct(&["SecurityGroup"]),
                "A security group the link also uses.",
            )],
            creates: None,
            doc: "Adds a security group to the link (one per call).",
        },
    ],
    attrs: &[AttrDef {
        name: "vpcLinkId",
        kind: AttrKind::Value,
        doc: "The VPC link's id.",
    }],
};

/// `addVpcLink` of an HTTP API: a VPC link under the API, one per VPC.
pub(super) const ADD_VPC_LINK: MethodDef = MethodDef {
    name: "addVpcLink",
    shape: CallShape::List,
    key: "",
    params: VPC_LINK_PROPS,
    creates: None,
    doc: "Adds a VPC link for a VPC under the API (`Api/VpcLink-1`, ...), or reuses the one the \
          API has for that VPC.",
};

/// `HttpNlbIntegration`: a private integration with a Network Load Balancer listener.
pub static HTTP_NLB_INTEGRATION: TypeDef = TypeDef {
    name: "HttpNlbIntegration",
    module: Module::Integrations,
    role: Role::Integration,
    keyed: true,
    doc: "Proxies requests to a Network Load Balancer listener through a VPC link \
          (`HTTP_PROXY` over `VPC_LINK`).",
    props: PRIVATE_INTEGRATION_PROPS_NLB,
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: &[],
};

/// The props of `HttpNlbIntegration`.
const PRIVATE_INTEGRATION_PROPS_NLB: &[PropDef] = &[
    req(
        "listener",
        Kind::Construct(&["NetworkListener"]),
        "The listener.",
    ),
    opt(
        "vpcLink",
        Kind::Construct(&["VpcLink"]),
        "The VPC link (required with an imported listener).",
    ),
    PRIVATE_OPTIONS[0],
    PRIVATE_OPTIONS[1],
    PRIVATE_OPTIONS[2],
    PRIVATE_OPTIONS[3],
    PRIVATE_OPTIONS[4],
];

/// What every private integration takes besides its target and VPC link.
const PRIVATE_OPTIONS: [PropDef; 5] = [
    dflt(
        "method",
        Kind::Enum(&HTTP_METHOD),
        "ANY",
        "The method sent to the backend.",
    ),
    opt(
        "secureServerName",
        Kind::String,
        "The server name API Gateway verifies in the backend's TLS certificate.",
    ),
    opt(
        "parameterMapping",
        Kind::ParameterMapping,
        "How the request is changed before it reaches the backend.",
    ),
    dflt(
        "payloadFormatVersion",
        Kind::Enum(&PAYLOAD_FORMAT_VERSION),
        "VERSION_1_0",
        "The payload format.",
    ),
    opt(
        "timeout",
        Kind::Duration,
        "Maximum time API Gateway waits for the backend: 50 milliseconds to 29 seconds.",
    ),
];

/// `HttpAlbIntegration`: a private integration with an Application Load Balancer listener.
pub static HTTP_ALB_INTEGRATION: TypeDef = TypeDef {
    name: "HttpAlbIntegration",
    module: Module::Integrations,
    role: Role::Integration,
    keyed: true,
    doc: "Proxies requests to an Application Load Balancer listener through a VPC link \
          (`HTTP_PROXY` over `VPC_LINK`).",
    props: &[
        req(
            "listener",
            Kind::Construct(&["ApplicationListener"]),
            "The listener.",
        ),
        opt(
            "vpcLink",
            Kind::Construct(&["VpcLink"]),
            "The VPC link (required with an imported listener).",
        ),
        PRIVATE_OPTIONS[0],
        PRIVATE_OPTIONS[1],
        PRIVATE_OPTIONS[2],
        PRIVATE_OPTIONS[3],
        PRIVATE_OPTIONS[4],
    ],
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: &[],
};

/// `servicediscovery.PrivateDnsNamespace`: a Cloud Map namespace in a VPC.
pub static PRIVATE_DNS_NAMESPACE: TypeDef = TypeDef {
    name: "PrivateDnsNamespace",
    module: Module::ServiceDiscovery,
    role: Role::Construct,
    keyed: true,
    doc: "A Cloud Map private DNS namespace (`AWS::ServiceDiscovery::PrivateDnsNamespace`) in a \
          VPC; its services are created with `createService:`.",
    props: &[
        req("name", Kind::String, "The namespace's domain name."),
        req("vpc", Kind::Construct(&["Vpc"]), "The VPC."),
        opt("description", Kind::String, "A description."),
    ],
    imports: &[],
    metrics: &[],
    methods: &[MethodDef {
        name: "createService",
        shape: CallShape::Keyed,
        key: "id",
        params: &[
            opt(
                "name",
                Kind::String,
                "The service's name (generated when omitted).",
            ),
            opt("description", Kind::String, "A description."),
            dflt(
                "dnsTtl",
                Kind::Duration,
                "1 minute",
                "How long resolvers cache the service's DNS records.",
            ),
        ],
        creates: Some("Service"),
        doc: "Creates a service (`AWS::ServiceDiscovery::Service`, A records, multivalue \
              routing) at `Namespace/id`.",
    }],
    attrs: &[
        AttrDef {
            name: "namespaceId",
            kind: AttrKind::Value,
            doc: "The namespace's id.",
        },
        AttrDef {
            name: "namespaceArn",
            kind: AttrKind::Value,
            doc: "The namespace's ARN.",
        },
    ],
};

/// `servicediscovery.Service`: a Cloud Map service, created by `createService`.
pub static SERVICE: TypeDef = TypeDef {
    name: "Service",
    module: Module::ServiceDiscovery,
    role: Role::Child,
    keyed: true,
    doc: "A Cloud Map service, created by a namespace's `createService` at `Namespace/id`.",
    props: &[],
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: &[AttrDef {
        name: "serviceArn",
        kind: AttrKind::Value,
        doc: "The service's ARN.",
    }],
};

/// `HttpServiceDiscoveryIntegration`: a private integration with a Cloud Map service.
pub static HTTP_SERVICE_DISCOVERY_INTEGRATION: TypeDef = TypeDef {
    name: "HttpServiceDiscoveryIntegration",
    module: Module::Integrations,
    role: Role::Integration,
    keyed: true,
    doc: "Proxies requests to the instances of a Cloud Map service through a VPC link \
          (`HTTP_PROXY` over `VPC_LINK`).",
    props: &[
        req(
            "service",
            Kind::Construct(&["Service"]),
            "The Cloud Map service.",
        ),
        opt(
            "vpcLink",
            Kind::Construct(&["VpcLink"]),
            "The VPC link (CDK requires one).",
        ),
        PRIVATE_OPTIONS[0],
        PRIVATE_OPTIONS[1],
        PRIVATE_OPTIONS[2],
        PRIVATE_OPTIONS[3],
    ],
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: &[],
};
