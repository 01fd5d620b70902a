//! Regions, VPCs, subnets, route tables and the gateways that route tables point at: internet gateways, NAT
//! gateways and the Elastic IPs they hold.

use std::collections::BTreeMap;
use std::net::Ipv4Addr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Id, is_false, is_true, yes};
use crate::net::{Ipv4Cidr, Ipv6Cidr};

/// Free-form tags besides `Name` (which is the `name` field of each resource).
pub type Tags = BTreeMap<String, String>;

/// An AWS Region of the design and the Availability Zones it uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// The Region code, such as `ap-northeast-2`; it is also the Region's id in the design.
    pub id: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Availability Zones by name (`ap-northeast-2a`), in display order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub availability_zones: Vec<AvailabilityZone>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct AvailabilityZone {
    /// The zone name as the account sees it, such as `ap-northeast-2a`.
    pub name: String,
    /// The zone id, the same in every account (`apne2-az1`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone_id: Option<String>,
}

/// A VPC. Its route tables, NACLs and security groups point back at it with their `vpc` field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Vpc {
    pub id: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The Region the VPC lives in (a `Region` id).
    pub region: Id,
    /// The primary IPv4 CIDR block.
    pub cidr: Ipv4Cidr,
    /// Secondary IPv4 CIDR blocks that are associated (AWS's `associated` state only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secondary_cidrs: Vec<Ipv4Cidr>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv6_cidr: Option<Ipv6Cidr>,
    /// The Region's default VPC (comes with an internet gateway and public default subnets).
    #[serde(default, skip_serializing_if = "is_false")]
    pub is_default: bool,
    /// `enableDnsSupport`: the Amazon-provided resolver at the VPC base + 2 answers. On by default.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub dns_support: bool,
    /// `enableDnsHostnames`: instances with public IPs get public DNS names.
    #[serde(default, skip_serializing_if = "is_false")]
    pub dns_hostnames: bool,
    /// Whether VPC flow logs are enabled.
    #[serde(default, skip_serializing_if = "is_false")]
    pub flow_logs: bool,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

/// A subnet: one CIDR block in one Availability Zone of its VPC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Subnet {
    pub id: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub vpc: Id,
    pub cidr: Ipv4Cidr,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv6_cidr: Option<Ipv6Cidr>,
    /// The Availability Zone name, such as `ap-northeast-2a`.
    pub availability_zone: String,
    /// `MapPublicIpOnLaunch`: instances launched here get a public IPv4 address unless told otherwise.
    #[serde(default, skip_serializing_if = "is_false")]
    pub map_public_ip_on_launch: bool,
    /// The explicitly associated route table; without one the subnet uses its VPC's main route table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route_table: Option<Id>,
    /// The associated network ACL; without one the subnet uses its VPC's default network ACL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_acl: Option<Id>,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

/// A route table. Subnets choose it with their `route_table` field; the VPC's `main` table serves the rest.
/// The `local` routes of the VPC's CIDR blocks are implied and not stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct RouteTable {
    pub id: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub vpc: Id,
    /// The VPC's main route table, used by every subnet without an explicit association.
    #[serde(default, skip_serializing_if = "is_false")]
    pub main: bool,
    /// Static routes, in the order the user keeps them (the order does not change routing).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<Route>,
    /// Virtual private gateways whose routes propagate into this table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub propagating_vpn_gateways: Vec<Id>,
    /// Edge associations: internet or virtual private gateways whose incoming traffic this table routes
    /// (a gateway route table).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gateway_associations: Vec<Id>,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

/// One route: where packets for `destination` go.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Route {
    pub destination: RouteDestination,
    pub target: RouteTarget,
}

/// What a route matches: an IPv4 block, an IPv6 block, or every block of a prefix list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum RouteDestination {
    Cidr(Ipv4Cidr),
    Ipv6Cidr(Ipv6Cidr),
    /// A managed prefix list (`pl-…`), such as the one a gateway endpoint adds.
    PrefixList(Id),
}

/// Where a route sends packets. Each variant but `local` and `blackhole` names the resource by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum RouteTarget {
    /// Inside the VPC (only meaningful for a VPC CIDR or, in a gateway route table, a subnet CIDR).
    Local,
    InternetGateway(Id),
    NatGateway(Id),
    VpcPeering(Id),
    VpnGateway(Id),
    TransitGateway(Id),
    /// A gateway VPC endpoint (S3 or DynamoDB).
    GatewayEndpoint(Id),
    /// A network interface, such as a firewall appliance's.
    NetworkInterface(Id),
    /// An instance's primary network interface (a NAT instance, say).
    Instance(Id),
    /// Drop the packets (what AWS shows when the target is gone).
    Blackhole,
}

/// An internet gateway, attached to at most one VPC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct InternetGateway {
    pub id: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The VPC it is attached to; `None` for a detached gateway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc: Option<Id>,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

/// Whether a NAT gateway reaches the internet (with an Elastic IP) or only private networks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case")]
pub enum NatConnectivity {
    #[default]
    Public,
    Private,
}

impl NatConnectivity {
    fn is_public(&self) -> bool {
        *self == NatConnectivity::Public
    }
}

/// A NAT gateway in one subnet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct NatGateway {
    pub id: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub subnet: Id,
    #[serde(default, skip_serializing_if = "NatConnectivity::is_public")]
    pub connectivity: NatConnectivity,
    /// The Elastic IP of a public NAT gateway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elastic_ip: Option<Id>,
    /// Its private address in the subnet, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_ip: Option<Ipv4Addr>,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

/// An Elastic IP allocation. What holds it says so (`elastic_ip` on an instance, interface or NAT gateway).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct ElasticIp {
    /// The allocation id (`eipalloc-…`) or a drawn id.
    pub id: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub region: Id,
    /// The public address, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_ip: Option<Ipv4Addr>,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

impl Route {
    /// The destination as AWS writes it (`0.0.0.0/0`, `pl-…`).
    pub fn destination_text(&self) -> String {
        match &self.destination {
            RouteDestination::Cidr(c) => c.to_string(),
            RouteDestination::Ipv6Cidr(c) => c.to_string(),
            RouteDestination::PrefixList(p) => p.to_string(),
        }
    }
}

impl RouteTarget {
    /// The target as AWS writes it (`local`, `igw-…`, `blackhole`).
    pub fn text(&self) -> String {
        match (self, self.id()) {
            (_, Some(x)) => x.to_string(),
            (RouteTarget::Blackhole, None) => "blackhole".to_owned(),
            (_, None) => "local".to_owned(),
        }
    }

    /// The resource the target names, if it names one (all but `local` and `blackhole`).
    pub fn id(&self) -> Option<&Id> {
        match self {
            RouteTarget::Local | RouteTarget::Blackhole => None,
            RouteTarget::InternetGateway(x)
            | RouteTarget::NatGateway(x)
            | RouteTarget::VpcPeering(x)
            | RouteTarget::VpnGateway(x)
            | RouteTarget::TransitGateway(x)
            | RouteTarget::GatewayEndpoint(x)
            | RouteTarget::NetworkInterface(x)
            | RouteTarget::Instance(x) => Some(x),
        }
    }
}
