//! `aws-ec2`: VPCs (owned, with the subnets, gateways and routes CDK creates, or imported),
//! subnets and security groups.

use super::{
    AttrDef, AttrKind, EnumDef, FactoryDef, ImportDef, Kind, Module, PropDef, Role, TypeDef, dflt,
    opt, req,
};

/// `ec2.SubnetType`: the kind of a subnet group; each member's value is CDK's (the
/// `aws-cdk:subnet-type` tag).
pub(super) const SUBNET_TYPE: EnumDef = EnumDef {
    name: "SubnetType",
    members: &[
        super::enums::member(
            "PUBLIC",
            "Public",
            "Subnets with a route to the internet gateway.",
        ),
        super::enums::member(
            "PRIVATE_WITH_EGRESS",
            "Private",
            "Private subnets that reach the internet through NAT.",
        ),
        super::enums::member(
            "PRIVATE_ISOLATED",
            "Isolated",
            "Private subnets without internet access.",
        ),
    ],
    factories: &[],
};

/// CDK `SubnetSelection`.
pub(super) const SUBNET_SELECTION: &[PropDef] = &[req(
    "subnetType",
    Kind::Enum(&SUBNET_TYPE),
    "The kind of subnets to take.",
)];

/// `ec2.IpAddresses`: how a VPC gets its address range.
const IP_ADDRESSES: EnumDef = EnumDef {
    name: "IpAddresses",
    members: &[],
    factories: &[FactoryDef {
        name: "cidr",
        arg: Kind::String,
        doc: "A fixed IPv4 range (`10.0.0.0/16`), split among the subnets.",
    }],
};

/// CDK `SubnetConfiguration`: one subnet group, one subnet per availability zone.
const SUBNET_CONFIGURATION: &[PropDef] = &[
    req(
        "name",
        Kind::String,
        "The group's name: subnets are `<name>Subnet1`, `<name>Subnet2`, ...",
    ),
    req(
        "subnetType",
        Kind::Enum(&SUBNET_TYPE),
        "The kind of subnets.",
    ),
    dflt(
        "cidrMask",
        Kind::Integer,
        "the space left, split evenly among the groups without one",
        "The subnets' prefix length (16 to 28).",
    ),
    dflt(
        "reserved",
        Kind::Bool,
        "false",
        "Reserves the group's address space without creating its subnets.",
    ),
    dflt(
        "mapPublicIpOnLaunch",
        Kind::Bool,
        "true for public subnets",
        "Whether instances get a public IP (public subnets only).",
    ),
];

/// `ec2.Vpc`: owned (with its subnets, route tables, internet gateway, NAT gateways) or
/// imported (`Vpc.fromVpcAttributes`).
pub static VPC: TypeDef = TypeDef {
    name: "Vpc",
    module: Module::Ec2,
    role: Role::Construct,
    keyed: true,
    doc: "A VPC (`AWS::EC2::VPC`) with the subnets, route tables, internet gateway, NAT \
          gateways and routes CDK creates for it, in the stack's first availability zones \
          (`Fn::GetAZs`); or an existing one imported with `fromVpcAttributes`.",
    props: &[
        dflt(
            "ipAddresses",
            Kind::Enum(&IP_ADDRESSES),
            "{ cidr: 10.0.0.0/16 }",
            "The VPC's IPv4 range.",
        ),
        dflt(
            "maxAzs",
            Kind::Integer,
            "3 (an environment-agnostic stack has 2 zones)",
            "How many availability zones to use.",
        ),
        dflt(
            "natGateways",
            Kind::Integer,
            "one per zone when there are private subnets",
            "How many NAT gateways to create (in the first public subnets).",
        ),
        dflt(
            "subnetConfiguration",
            Kind::List(&Kind::Struct(SUBNET_CONFIGURATION)),
            "a public and a private group (public and isolated with `natGateways: 0`)",
            "The subnet groups, one subnet per zone each.",
        ),
        dflt(
            "vpcName",
            Kind::String,
            "the construct path",
            "The `Name` tag of the VPC and its gateways.",
        ),
        dflt(
            "enableDnsHostnames",
            Kind::Bool,
            "true",
            "Whether instances get DNS hostnames.",
        ),
        dflt(
            "enableDnsSupport",
            Kind::Bool,
            "true",
            "Whether the Amazon DNS server answers in the VPC.",
        ),
    ],
    imports: &[ImportDef {
        name: "fromVpcAttributes",
        arg: Kind::Struct(&[
            req("vpcId", Kind::String, "The VPC's id."),
            req(
                "availabilityZones",
                Kind::List(&Kind::String),
                "Its availability zones.",
            ),
            opt(
                "publicSubnetIds",
                Kind::List(&Kind::String),
                "Its public subnets, one per zone.",
            ),
            opt(
                "privateSubnetIds",
                Kind::List(&Kind::String),
                "Its private subnets (with egress), one per zone.",
            ),
            opt(
                "isolatedSubnetIds",
                Kind::List(&Kind::String),
                "Its isolated subnets, one per zone.",
            ),
        ]),
        doc: "Imports an existing VPC by its id, zones and subnets.",
    }],
    metrics: &[],
    methods: &[],
    attrs: &[AttrDef {
        name: "vpcId",
        kind: AttrKind::Value,
        doc: "The VPC's id.",
    }],
};

/// `ec2.Subnet`, imported (`Subnet.fromSubnetId`).
pub static SUBNET: TypeDef = TypeDef {
    name: "Subnet",
    module: Module::Ec2,
    role: Role::Construct,
    keyed: true,
    doc: "A subnet, imported with `fromSubnetId`.",
    props: &[],
    imports: &[ImportDef {
        name: "fromSubnetId",
        arg: Kind::String,
        doc: "Imports an existing subnet by id.",
    }],
    metrics: &[],
    methods: &[],
    attrs: &[AttrDef {
        name: "subnetId",
        kind: AttrKind::Value,
        doc: "The subnet's id.",
    }],
};

/// `ec2.SecurityGroup`: owned, or imported (`SecurityGroup.fromSecurityGroupId`).
pub static SECURITY_GROUP: TypeDef = TypeDef {
    name: "SecurityGroup",
    module: Module::Ec2,
    role: Role::Construct,
    keyed: true,
    doc: "A security group (`AWS::EC2::SecurityGroup`) in a VPC, or an existing one imported \
          with `fromSecurityGroupId`.",
    props: &[
        req("vpc", Kind::Construct(&["Vpc"]), "The group's VPC."),
        dflt(
            "description",
            Kind::String,
            "the construct path",
            "The group's description.",
        ),
        opt(
            "securityGroupName",
            Kind::String,
            "The group's name (generated when omitted).",
        ),
        dflt(
            "allowAllOutbound",
            Kind::Bool,
            "true",
            "Whether all outbound traffic is allowed.",
        ),
    ],
    imports: &[ImportDef {
        name: "fromSecurityGroupId",
        arg: Kind::String,
        doc: "Imports an existing security group by id.",
    }],
    metrics: &[],
    methods: &[],
    attrs: &[AttrDef {
        name: "securityGroupId",
        kind: AttrKind::Value,
        doc: "The group's id.",
    }],
};
