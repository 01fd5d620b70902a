//! Elastic Load Balancing (v2): application and network load balancers, their listeners, and target groups.

use std::net::Ipv4Addr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Id, Tags};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case")]
pub enum LoadBalancerKind {
    Application,
    Network,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case")]
pub enum LoadBalancerScheme {
    InternetFacing,
    Internal,
}

/// An application or network load balancer with one node per subnet (one subnet per Availability Zone).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct LoadBalancer {
    /// The ARN or a drawn id.
    pub id: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub kind: LoadBalancerKind,
    pub scheme: LoadBalancerScheme,
    pub vpc: Id,
    pub subnets: Vec<Id>,
    /// Security groups (always for an ALB; for an NLB only when chosen at creation).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<Id>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub listeners: Vec<Listener>,
    /// Cross-zone load balancing; absent means the kind's default (on for ALB, off for NLB).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cross_zone: Option<bool>,
    /// The addresses of its nodes, one per subnet, when known (an imported load balancer).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub node_addresses: Vec<LbNodeAddress>,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

/// The address of a load balancer's node in one subnet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct LbNodeAddress {
    pub subnet: Id,
    pub private_ip: Ipv4Addr,
    /// The Elastic IP or public address of an internet-facing Network Load Balancer's node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_ip: Option<Ipv4Addr>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ListenerProtocol {
    Http,
    Https,
    Tcp,
    Tls,
    Udp,
    TcpUdp,
    /// Gateway Load Balancer traffic.
    Geneve,
}

/// A listener: a port the load balancer accepts, and the target groups its default action forwards to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Listener {
    pub port: u16,
    pub protocol: ListenerProtocol,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub target_groups: Vec<Id>,
    /// ACM certificate ARNs of an HTTPS or TLS listener (the first is the default certificate).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub certificates: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case")]
pub enum TargetType {
    Instance,
    Ip,
    Lambda,
    Alb,
}

/// A target group and its registered targets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct TargetGroup {
    pub id: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub vpc: Id,
    pub target_type: TargetType,
    pub protocol: ListenerProtocol,
    /// The default port targets receive traffic on.
    pub port: u16,
    /// Health-check port, when it differs from the traffic port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_check_port: Option<u16>,
    /// Client IP preservation; absent means the AWS default for the target type and protocol.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preserve_client_ip: Option<bool>,
    /// Registered targets. ECS services register their tasks themselves and are not listed here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Target>,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub target: TargetRef,
    /// Overrides the target group's port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum TargetRef {
    Instance(Id),
    Ip(Ipv4Addr),
    /// An ALB behind an NLB.
    LoadBalancer(Id),
}
