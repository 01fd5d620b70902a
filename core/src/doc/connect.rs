//! What connects a VPC to other networks: VPC peering, VPC endpoints, virtual private and customer gateways
//! with Site-to-Site VPN, Direct Connect, transit gateways, and the on-premises networks at the far end.

use std::net::Ipv4Addr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Id, Tags, is_false};
use crate::net::Ipv4Cidr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum PeeringStatus {
    #[default]
    Active,
    PendingAcceptance,
    Provisioning,
    Rejected,
    Failed,
    Expired,
    Deleted,
}

impl PeeringStatus {
    fn is_active(&self) -> bool {
        *self == PeeringStatus::Active
    }
}

/// A VPC peering connection between two VPCs (same or different Region or account).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct VpcPeering {
    pub id: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub requester_vpc: Id,
    pub accepter_vpc: Id,
    /// The accepter's account, when it differs from the requester's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepter_account: Option<String>,
    #[serde(default, skip_serializing_if = "PeeringStatus::is_active")]
    pub status: PeeringStatus,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

/// A VPC endpoint to an AWS service or an endpoint service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct VpcEndpoint {
    pub id: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub vpc: Id,
    /// `com.amazonaws.<region>.s3`, `com.amazonaws.<region>.ecr.api`, …
    pub service_name: String,
    pub endpoint: EndpointKind,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum EndpointKind {
    /// S3 or DynamoDB: a prefix-list route in each chosen route table, no interface.
    Gateway {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        route_tables: Vec<Id>,
        /// The service's prefix list (`pl-…`), when known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        prefix_list: Option<Id>,
    },
    /// PrivateLink: one interface per chosen subnet, with security groups.
    Interface {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        subnets: Vec<Id>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        security_groups: Vec<Id>,
        #[serde(default, skip_serializing_if = "is_false")]
        private_dns: bool,
    },
}

/// A virtual private gateway: the VPC end of Site-to-Site VPN and private Direct Connect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct VpnGateway {
    pub id: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub region: Id,
    /// The VPC it is attached to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amazon_side_asn: Option<u32>,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

/// A customer gateway: the on-premises end of a Site-to-Site VPN.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct CustomerGateway {
    pub id: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub region: Id,
    /// The public address of the customer's device.
    pub ip_address: Ipv4Addr,
    pub bgp_asn: u32,
    /// The on-premises network behind it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_premises: Option<Id>,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

/// A Site-to-Site VPN connection between a customer gateway and a virtual private or transit gateway.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct VpnConnection {
    pub id: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub customer_gateway: Id,
    pub gateway: VpnTermination,
    /// Static routing (`StaticRoutesOnly`); otherwise BGP learns the on-premises prefixes.
    #[serde(default, skip_serializing_if = "is_false")]
    pub static_routes_only: bool,
    /// The on-premises blocks of a static VPN.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub static_routes: Vec<Ipv4Cidr>,
    /// The AWS-side public addresses of its two tunnels (reachable from the internet, not from the VPC).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tunnel_outside_ips: Vec<Ipv4Addr>,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum VpnTermination {
    VpnGateway(Id),
    TransitGateway(Id),
}

/// A Direct Connect gateway: joins private or transit virtual interfaces to gateways in any Region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct DxGateway {
    pub id: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub amazon_side_asn: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub associations: Vec<DxGatewayAssociation>,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

/// A virtual private gateway or transit gateway associated with a Direct Connect gateway.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct DxGatewayAssociation {
    pub gateway: DxAssociatedGateway,
    /// Prefixes advertised to on-premises through this association.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_prefixes: Vec<Ipv4Cidr>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum DxAssociatedGateway {
    VpnGateway(Id),
    TransitGateway(Id),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case")]
pub enum VirtualInterfaceKind {
    /// To a virtual private gateway or a Direct Connect gateway: private access to VPCs.
    Private,
    /// To AWS public prefixes (not the internet).
    Public,
    /// To a Direct Connect gateway associated with transit gateways.
    Transit,
}

/// A Direct Connect virtual interface from an on-premises network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct VirtualInterface {
    pub id: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub kind: VirtualInterfaceKind,
    /// The Direct Connect location or connection name, for the reader.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub location: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vlan: Option<u16>,
    pub customer_asn: u32,
    /// Where the interface ends on the AWS side (absent for a public VIF).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<VifAttachment>,
    /// The on-premises network it comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_premises: Option<Id>,
    /// Public prefixes the customer advertises (public VIF).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub advertised_prefixes: Vec<Ipv4Cidr>,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum VifAttachment {
    VpnGateway(Id),
    DxGateway(Id),
}

/// A transit gateway.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct TransitGateway {
    pub id: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub region: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amazon_side_asn: Option<u32>,
    /// The route table new attachments are associated with (`AssociationDefaultRouteTableId`), if enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_association_route_table: Option<Id>,
    /// The route table new attachments propagate into (`PropagationDefaultRouteTableId`), if enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_propagation_route_table: Option<Id>,
    /// Security-group referencing across attachments (opt-in).
    #[serde(default, skip_serializing_if = "is_false")]
    pub security_group_referencing: bool,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

/// An attachment of a VPC, VPN, Direct Connect gateway or peer transit gateway to a transit gateway.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct TgwAttachment {
    pub id: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub transit_gateway: Id,
    pub resource: TgwAttachmentResource,
    /// The one transit-gateway route table that routes traffic arriving on this attachment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub association: Option<Id>,
    /// Transit-gateway route tables this attachment propagates its routes into.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub propagations: Vec<Id>,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum TgwAttachmentResource {
    Vpc {
        vpc: Id,
        /// One subnet per Availability Zone, each holding an attachment interface.
        subnets: Vec<Id>,
        #[serde(default, skip_serializing_if = "is_false")]
        appliance_mode: bool,
        #[serde(default, skip_serializing_if = "is_false")]
        security_group_referencing: bool,
    },
    Vpn {
        vpn_connection: Id,
    },
    DxGateway {
        dx_gateway: Id,
    },
    Peering {
        peer_transit_gateway: Id,
    },
}

/// A transit-gateway route table and its static routes (propagated routes follow from the attachments).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct TgwRouteTable {
    pub id: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub transit_gateway: Id,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<TgwRoute>,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct TgwRoute {
    pub destination: Ipv4Cidr,
    pub target: TgwRouteTarget,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum TgwRouteTarget {
    Attachment(Id),
    Blackhole,
}

/// A network outside AWS (a data centre, an office) reached over VPN or Direct Connect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct OnPremNetwork {
    pub id: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub cidrs: Vec<Ipv4Cidr>,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}
