//! CDK's layout of an owned `ec2.Vpc`: its availability zones, the subnets of each group with
//! their CIDR blocks (CDK's `NetworkBuilder`), the internet gateway and the NAT gateways with
//! the route each private subnet takes. Validate reports the errors CDK throws while laying a
//! VPC out; the plan and synth both build from the same layout.

use super::{Props, Value, ValueKind};
use crate::syntax::Span;

/// How many availability zones an environment-agnostic stack has (`Fn::GetAZs` picks 2).
pub const AGNOSTIC_AZS: usize = 2;

/// The kind of a subnet group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubnetKind {
    /// `PUBLIC`.
    Public,
    /// `PRIVATE_WITH_EGRESS`.
    Private,
    /// `PRIVATE_ISOLATED`.
    Isolated,
}

impl SubnetKind {
    /// CDK's `SubnetType` value (`Public`, `Private`, `Isolated`), also the default group name
    /// and the `aws-cdk:subnet-type` tag.
    pub fn cdk_value(self) -> &'static str {
        match self {
            SubnetKind::Public => "Public",
            SubnetKind::Private => "Private",
            SubnetKind::Isolated => "Isolated",
        }
    }

    /// The kind a `SubnetType` member names.
    pub fn from_member(name: &str) -> Option<SubnetKind> {
        match name {
            "PUBLIC" => Some(SubnetKind::Public),
            "PRIVATE_WITH_EGRESS" => Some(SubnetKind::Private),
            "PRIVATE_ISOLATED" => Some(SubnetKind::Isolated),
            _ => None,
        }
    }

    /// The kind of the `subnetType` of a selection or group, when given.
    pub fn of(props: &Props) -> Option<SubnetKind> {
        match &props.get("subnetType")?.kind {
            ValueKind::Member(m) => SubnetKind::from_member(m.name),
            _ => None,
        }
    }

    /// Its index in per-kind arrays: public, private, isolated.
    pub fn index(self) -> usize {
        match self {
            SubnetKind::Public => 0,
            SubnetKind::Private => 1,
            SubnetKind::Isolated => 2,
        }
    }
}

/// One subnet CDK creates.
#[derive(Clone, Debug)]
pub struct SubnetPlan {
    /// Its construct id under the VPC (`PublicSubnet1`).
    pub id: String,
    /// Its group's name.
    pub group: String,
    /// Its group's kind.
    pub kind: SubnetKind,
    /// Its availability zone's index.
    pub az: usize,
    /// Its CIDR block.
    pub cidr: String,
    /// `MapPublicIpOnLaunch`.
    pub map_public_ip: bool,
    /// Where its group is written (or the VPC entry, for the default groups).
    pub span: Span,
}

/// What CDK creates for an owned VPC.
#[derive(Clone, Debug)]
pub struct VpcLayout {
    /// The VPC's CIDR block.
    pub cidr: String,
    /// The subnets, in creation order (reserved groups create none).
    pub subnets: Vec<SubnetPlan>,
    /// Whether the VPC gets an internet gateway (some group is not isolated).
    pub internet_gateway: bool,
    /// The indexes (into `subnets`) of the public subnets holding a NAT gateway, in order.
    pub nat_subnets: Vec<usize>,
    /// For each private subnet (index into `subnets`), the NAT subnet its default route takes.
    pub nat_routes: Vec<(usize, usize)>,
}

impl VpcLayout {
    /// The subnets of one kind, in creation order.
    pub fn of_kind(&self, kind: SubnetKind) -> impl Iterator<Item = &SubnetPlan> {
        self.subnets.iter().filter(move |s| s.kind == kind)
    }

    /// The kind CDK's default subnet selection takes: private, else isolated, else public.
    pub fn default_kind(kinds_present: [bool; 3]) -> SubnetKind {
        if kinds_present[1] {
            SubnetKind::Private
        } else if kinds_present[2] {
            SubnetKind::Isolated
        } else {
            SubnetKind::Public
        }
    }
}

/// An error CDK throws while laying out a VPC, or (from [`vpc_cidr_warning`]) what AWS
/// rejects at deploy.
#[derive(Clone, Debug)]
pub struct LayoutProblem {
    /// Where it is written.
    pub span: Span,
    /// The message (CDK's words for its errors).
    pub message: String,
}

/// One configured subnet group.
struct Group {
    name: String,
    kind: SubnetKind,
    cidr_mask: Option<(f64, Span)>,
    reserved: bool,
    map_public_ip: Option<(bool, Span)>,
    span: Span,
    /// The group as `JSON.stringify` prints it, for CDK's NAT message.
    json: String,
}

/// Lays out the VPC with constructor `props` written at `span`, in a stack with `azs`
/// availability zones.
pub fn layout(props: &Props, span: Span, azs: usize) -> Result<VpcLayout, LayoutProblem> {
    let error = |span: Span, message: String| LayoutProblem { span, message };
    let integer = |name: &str| match props.get(name).map(|v| &v.kind) {
        Some(ValueKind::Number(n)) => Some(*n),
        _ => None,
    };
    // `stack.availabilityZones.slice(0, maxAzs ?? 3)`.
    let az_count = match integer("maxAzs") {
        Some(n) if n < 0.0 => (azs as f64 + n).max(0.0) as usize,
        Some(n) => (n as usize).min(azs),
        None => azs.min(3),
    };
    let nat_requested = integer("natGateways");
    let groups = groups(props, span, nat_requested == Some(0.0));
    // `determineNatGatewayCount`.
    let has_private = groups
        .iter()
        .any(|g| g.kind == SubnetKind::Private && !g.reserved);
    let has_public = groups
        .iter()
        .any(|g| g.kind == SubnetKind::Public && !g.reserved);
    let nat_count = match nat_requested {
        Some(n) => n.min(az_count as f64),
        None if has_private => az_count as f64,
        None => 0.0,
    };
    if nat_count > 0.0 && !has_public {
        let config: Vec<&str> = groups.iter().map(|g| g.json.as_str()).collect();
        let at = props
            .get("subnetConfiguration")
            .or_else(|| props.get("natGateways"))
            .map_or(span, |v| v.span);
        return Err(error(
            at,
            format!(
                "If you configure PRIVATE subnets in 'subnetConfiguration', you must also \
                 configure PUBLIC subnets to put the NAT gateways into (got [{}].",
                config.join(",")
            ),
        ));
    }
    let cidr_value = match props.get("ipAddresses").map(|v| &v.kind) {
        Some(ValueKind::Factory(_, arg)) => Some(arg.as_ref()),
        _ => None,
    };
    let cidr_text = match cidr_value.map(|v| &v.kind) {
        Some(ValueKind::Text(t)) => t.as_literal().unwrap_or_default(),
        _ => "10.0.0.0/16".to_string(),
    };
    let cidr_span = cidr_value.map_or(span, |v| v.span);
    let mut builder = NetworkBuilder::new(&cidr_text).map_err(|m| error(cidr_span, m))?;
    // `Cidr.allocateSubnetsCidr`: groups with a mask first, in order, then the rest evenly.
    let requested: Vec<(usize, usize)> = (0..groups.len())
        .flat_map(|g| (0..az_count).map(move |az| (g, az)))
        .collect();
    let mut cidrs: Vec<Option<String>> = vec![None; requested.len()];
    for (i, (g, _)) in requested.iter().enumerate() {
        if let Some((mask, mask_span)) = groups[*g].cidr_mask {
            cidrs[i] = Some(builder.add_subnet(mask).map_err(|m| error(mask_span, m))?);
        }
    }
    let without = cidrs.iter().filter(|c| c.is_none()).count();
    if without > 0 {
        let mask = builder.mask_for_remaining(without);
        let at = props.get("subnetConfiguration").map_or(span, |v| v.span);
        for cidr in cidrs.iter_mut().filter(|c| c.is_none()) {
            *cidr = Some(builder.add_subnet(mask).map_err(|m| error(at, m))?);
        }
    }
    let mut subnets = Vec::new();
    for ((g, az), cidr) in requested.into_iter().zip(cidrs) {
        let group = &groups[g];
        if group.reserved {
            continue;
        }
        let map_public_ip = match (group.kind, group.map_public_ip) {
            (SubnetKind::Public, given) => given.is_none_or(|(b, _)| b),
            (kind, Some((_, at))) => {
                return Err(error(
                    at,
                    format!(
                        "{} subnet cannot include mapPublicIpOnLaunch parameter",
                        kind.cdk_value()
                    ),
                ));
            }
            (_, None) => false,
        };
        subnets.push(SubnetPlan {
            id: format!("{}Subnet{}", group.name, az + 1),
            group: group.name.clone(),
            kind: group.kind,
            az,
            cidr: cidr.unwrap_or_default(),
            map_public_ip,
            span: group.span,
        });
    }
    let internet_gateway = groups
        .iter()
        .any(|g| g.kind != SubnetKind::Isolated && !g.reserved);
    let (nat_subnets, nat_routes) = if internet_gateway && nat_count > 0.0 {
        nat_gateways(&subnets, nat_count as usize)
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(VpcLayout {
        cidr: builder.network.cidr(),
        subnets,
        internet_gateway,
        nat_subnets,
        nat_routes,
    })
}

/// The NAT gateways in the first `count` public subnets, and the gateway each private
/// subnet routes to: the one in its zone, else the next in turn (CDK's `PrefSet.pick`).
fn nat_gateways(subnets: &[SubnetPlan], count: usize) -> (Vec<usize>, Vec<(usize, usize)>) {
    let nat: Vec<usize> = subnets
        .iter()
        .enumerate()
        .filter(|(_, s)| s.kind == SubnetKind::Public)
        .map(|(i, _)| i)
        .take(count)
        .collect();
    let mut routes = Vec::new();
    let mut next = 0;
    for (i, subnet) in subnets.iter().enumerate() {
        if subnet.kind != SubnetKind::Private || nat.is_empty() {
            continue;
        }
        // The last gateway added for a zone wins, as in CDK's map.
        let gateway = match nat.iter().rev().find(|n| subnets[**n].az == subnet.az) {
            Some(n) => *n,
            None => {
                let n = nat[next % nat.len()];
                next += 1;
                n
            }
        };
        routes.push((i, gateway));
    }
    (nat, routes)
}

/// The configured groups, or CDK's defaults (public and private; public and isolated when
/// `natGateways` is 0).
fn groups(props: &Props, span: Span, no_nat: bool) -> Vec<Group> {
    let Some(ValueKind::List(items)) = props.get("subnetConfiguration").map(|v| &v.kind) else {
        let second = if no_nat {
            SubnetKind::Isolated
        } else {
            SubnetKind::Private
        };
        return [SubnetKind::Public, second]
            .into_iter()
            .map(|kind| Group {
                name: kind.cdk_value().to_string(),
                kind,
                cidr_mask: None,
                reserved: false,
                map_public_ip: None,
                span,
                json: format!(
                    "{{\"subnetType\":\"{}\",\"name\":\"{}\"}}",
                    kind.cdk_value(),
                    kind.cdk_value()
                ),
            })
            .collect();
    };
    items.iter().filter_map(group).collect()
}

/// One item of `subnetConfiguration`.
fn group(item: &Value) -> Option<Group> {
    let ValueKind::Struct(config) = &item.kind else {
        return None;
    };
    let name = match &config.get("name")?.kind {
        ValueKind::Text(t) => t.as_literal()?,
        _ => return None,
    };
    let kind = SubnetKind::of(config)?;
    let cidr_mask = match config.get("cidrMask") {
        Some(Value {
            kind: ValueKind::Number(n),
            span,
        }) => Some((*n, *span)),
        _ => None,
    };
    let map_public_ip = match config.get("mapPublicIpOnLaunch") {
        Some(Value {
            kind: ValueKind::Bool(b),
            span,
        }) => Some((*b, *span)),
        _ => None,
    };
    let mut json = Vec::new();
    for prop in &config.items {
        let value = match &prop.value.kind {
            ValueKind::Text(t) => serde_json::Value::String(t.as_literal().unwrap_or_default()),
            ValueKind::Member(m) => serde_json::Value::String(m.value.to_string()),
            ValueKind::Number(n) => serde_json::json!(*n as i64),
            ValueKind::Bool(b) => serde_json::Value::Bool(*b),
            _ => continue,
        };
        json.push(format!(
            "{}:{value}",
            serde_json::Value::from(prop.def.name)
        ));
    }
    Some(Group {
        name,
        kind,
        cidr_mask,
        reserved: config.bool("reserved") == Some(true),
        map_public_ip,
        span: item.span,
        json: format!("{{{}}}", json.join(",")),
    })
}

/// A CIDR block: its first address and prefix length.
#[derive(Clone, Copy, Debug)]
struct CidrBlock {
    min: u64,
    mask: u32,
}

impl CidrBlock {
    /// `new CidrBlock(ip, mask)`: the block of `mask` at or after `ip`.
    fn at(ip: u64, mask: u32) -> CidrBlock {
        let size = 1u64 << (32 - mask);
        let network = ip + size - 1;
        CidrBlock {
            min: network - network % size,
            mask,
        }
    }

    fn size(self) -> u64 {
        1u64 << (32 - self.mask)
    }

    fn max(self) -> u64 {
        self.min + self.size() - 1
    }

    fn cidr(self) -> String {
        let ip = self.min;
        format!(
            "{}.{}.{}.{}/{}",
            (ip >> 24) & 255,
            (ip >> 16) & 255,
            (ip >> 8) & 255,
            ip & 255,
            self.mask
        )
    }
}

/// CDK's `NetworkBuilder`: subnets allocated one after another in the VPC's range.
struct NetworkBuilder {
    network: CidrBlock,
    next: u64,
}

impl NetworkBuilder {
    fn new(cidr: &str) -> Result<NetworkBuilder, String> {
        let (ip, mask) = cidr.split_once('/').unwrap_or((cidr, ""));
        let mask: u32 = mask
            .parse()
            .ok()
            .filter(|m| *m <= 32)
            .ok_or_else(|| format!("{cidr} is not a CIDR block (`a.b.c.d/n`)"))?;
        let ip = ip_to_num(ip).ok_or_else(|| format!("{ip} is not valid"))?;
        let network = CidrBlock::at(ip, mask);
        Ok(NetworkBuilder {
            network,
            next: network.min,
        })
    }

    /// `addSubnet(mask)`, with CDK's messages.
    fn add_subnet(&mut self, mask: f64) -> Result<String, String> {
        if !(16.0..=28.0).contains(&mask) {
            return Err(format!(
                "x.x.x.x/{} is not a valid VPC CIDR range. VPCs must be between /16 and /28 and \
                 the minimum subnet size is /28.",
                js_number(mask)
            ));
        }
        let mask = mask as u32;
        let size = 1u64 << (32 - mask);
        if self.network.max() + 1 < self.next + size {
            return Err(format!(
                "1 of /{mask} exceeds remaining space of {}",
                self.network.cidr()
            ));
        }
        let block = CidrBlock::at(self.next, mask);
        self.next = block.max() + 1;
        Ok(block.cidr())
    }

    /// `maskForRemainingSubnets(count)`.
    fn mask_for_remaining(&self, count: usize) -> f64 {
        let remaining = (self.network.max() + 1).saturating_sub(self.next);
        let per_subnet = (remaining / count as u64) as f64;
        32.0 - per_subnet.log2().floor()
    }
}

/// A dotted IPv4 address as a number (CDK's `ipToNum`: four octets from 0 to 255).
fn ip_to_num(ip: &str) -> Option<u64> {
    let octets: Vec<&str> = ip.split('.').collect();
    if octets.len() != 4 {
        return None;
    }
    octets.iter().try_fold(0u64, |acc, o| {
        let digits: String = o.chars().take_while(char::is_ascii_digit).collect();
        let n: u64 = digits.parse().ok().filter(|n| *n <= 255)?;
        Some(acc * 256 + n)
    })
}

/// A number as JavaScript prints it in a template string.
fn js_number(n: f64) -> String {
    if n.is_infinite() {
        if n > 0.0 { "Infinity" } else { "-Infinity" }.to_string()
    } else if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Whether the VPC's own range is one AWS accepts (a prefix from /16 to /28).
pub fn vpc_cidr_warning(layout: &VpcLayout, props: &Props, span: Span) -> Option<LayoutProblem> {
    let mask: u32 = layout.cidr.rsplit('/').next()?.parse().ok()?;
    if (16..=28).contains(&mask) {
        return None;
    }
    Some(LayoutProblem {
        span: props.get("ipAddresses").map_or(span, |v| v.span),
        message: format!(
            "AWS rejects the VPC's CIDR block {}: a VPC's prefix is from /16 to /28",
            layout.cidr
        ),
    })
}
