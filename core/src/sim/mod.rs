//! Traffic simulation: whether a flow arrives, exactly as AWS would decide it, and why.
//!
//! A [`Query`] names a source, a destination and a flow; [`trace`] answers with the forward [`Trace`] and, when the
//! request arrives, the reply's. A trace is data: a [`Disposition`], the hops in order (resource ids, in the same
//! style as Batfish's traces, so that they can be compared with the conformance corpus), the steps taken at each hop
//! (filters with the rule that matched, routes and why they won, address translations, stateful sessions), and for a
//! failure the blocking component with a Reachability-Analyzer-style explanation code and text in English and Korean.
//!
//! The walk follows ../shared/SEMANTICS.md §2; see docs/modeling.md for the decisions it makes.

mod engine;
mod exposure;
mod failure;
mod intent;
mod packet_filter;
mod place;
mod queries;
mod route;

use std::net::Ipv4Addr;

use serde::Serialize;

use crate::doc::{Design, Id};
use crate::model::Network;
use crate::net::Protocol;
use crate::text::Text;

pub use exposure::{Exposed, exposure};
pub use failure::{
    Broken, FailureError, Flow, Impact, Replacement, Scenario, Unplaced, impact, parse_failures, scenario,
};
pub use intent::{
    FlowEndError, IntentResult, destination_of, evaluate as evaluate_intents, evaluate_in as evaluate_intents_in,
    intent_query, source_of, source_takes_address,
};
pub use place::Places;
pub use queries::{Cell, GroupBy, Reach, matrix, outbound_reach};
pub use route::{RouteChoice, RouteOrigin, lookup};

/// Where a flow starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// An instance, network interface, ECS task or load balancer of the design.
    Resource(Id),
    /// A host on the internet (default address 8.8.8.8).
    Internet { ip: Option<Ipv4Addr> },
    /// A host on-premises, reaching the design over a VPN connection or Direct Connect.
    OnPremises { ip: Ipv4Addr },
}

/// Where a flow goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// An instance, network interface, ECS task, NAT gateway or load balancer of the design: its private address, or
    /// its public one when the flow comes from the internet.
    Resource(Id),
    /// An address.
    Ip(Ipv4Addr),
    /// A host on the internet (8.8.8.8).
    Internet,
}

/// A flow to trace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub source: Source,
    pub destination: Destination,
    /// `Protocol::All` traces a packet of no particular protocol, which only "all traffic" rules match.
    pub protocol: Protocol,
    pub dst_port: u16,
    /// The client's port (default 49152, an ephemeral port every common client uses).
    pub src_port: u16,
}

impl Query {
    pub fn new(source: Source, destination: Destination, protocol: Protocol, dst_port: u16) -> Self {
        Query { source, destination, protocol, dst_port, src_port: 49152 }
    }
}

/// How a trace ends (Batfish's vocabulary).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Disposition {
    /// Delivered to the destination.
    Accepted,
    /// Left the modelled network: to the internet or on-premises.
    ExitsNetwork,
    /// Dropped by a filter as it left a component (a security group's or NACL's outbound rules).
    DeniedOut,
    /// Dropped by a filter, or a gateway's own check, as it entered a component.
    DeniedIn,
    /// No route matched.
    NoRoute,
    /// Dropped by a blackhole route, or at a router that has nowhere to put the address.
    NullRouted,
    /// Reached the right subnet, but no interface there owns the address.
    NeighborUnreachable,
    /// The design does not say enough to decide (never a guess).
    Undecidable,
    /// Stopped at a component that is down in the failure scenario the trace runs under.
    Down,
}

impl Disposition {
    /// Whether the packet got where it was going (delivered, or handed to the internet or on-premises).
    pub fn arrived(self) -> bool {
        matches!(self, Disposition::Accepted | Disposition::ExitsNetwork)
    }
}

/// In or out of a component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Ingress,
    Egress,
}

/// One step taken at a hop.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    /// Security groups evaluated (the union of their rules); `rule` is the first allowing rule found, as
    /// `group#inbound[i]`. `session` is set on a reply that a stateful session lets through without rules.
    SecurityGroup { direction: Direction, groups: Vec<Id>, allowed: bool, rule: Option<String>, session: bool },
    /// A network ACL evaluated: the rule number that decided, or `None` for the final deny (`*`).
    NetworkAcl { acl: Id, direction: Direction, allowed: bool, rule: Option<u32> },
    /// A route chosen.
    Route { table: Id, destination: String, target: String, origin: RouteOrigin },
    /// An address rewritten by an internet or NAT gateway.
    Translate { field: &'static str, from: Ipv4Addr, to: Ipv4Addr },
    /// A check of a gateway or router (what it verified, and whether it passed).
    Check { what: &'static str, passed: bool },
}

impl Step {
    /// The step in words, in English and Korean.
    pub fn describe(&self) -> Text {
        let dir = |d: &Direction| match d {
            Direction::Ingress => ("inbound", "인바운드"),
            Direction::Egress => ("outbound", "아웃바운드"),
        };
        match self {
            Step::SecurityGroup { session: true, groups, .. } => {
                let g = list(groups);
                Text::new(
                    format!("security groups {g}: reply allowed by the connection's session (stateful)"),
                    format!("보안 그룹 {g}: 연결 세션으로 응답 허용(상태 저장)"),
                )
            }
            Step::SecurityGroup { direction, groups, allowed, rule, .. } => {
                let (d, dk) = dir(direction);
                let g = list(groups);
                match (allowed, rule) {
                    (true, Some(r)) => Text::new(
                        format!("security groups {g} ({d}): allowed by {r}"),
                        format!("보안 그룹 {g} ({dk}): {r} 규칙으로 허용"),
                    ),
                    _ => Text::new(
                        format!("security groups {g} ({d}): no rule allows it"),
                        format!("보안 그룹 {g} ({dk}): 허용하는 규칙 없음"),
                    ),
                }
            }
            Step::NetworkAcl { acl, direction, allowed, rule } => {
                let (d, dk) = dir(direction);
                let r = rule.map(|n| format!("rule {n}")).unwrap_or_else(|| "the final deny (*)".into());
                let rk = rule.map(|n| format!("규칙 {n}")).unwrap_or_else(|| "마지막 거부 규칙(*)".into());
                let (v, vk) = if *allowed { ("allows", "허용") } else { ("denies", "거부") };
                Text::new(format!("network ACL {acl} ({d}): {r} {v}"), format!("네트워크 ACL {acl} ({dk}): {rk} {vk}"))
            }
            Step::Route { table, destination, target, origin } => {
                let (o, ok) = match origin {
                    RouteOrigin::Local => ("local route", "local 라우트"),
                    RouteOrigin::Static => ("longest matching prefix", "가장 긴 일치 접두사"),
                    RouteOrigin::PrefixList => ("prefix-list route", "접두사 목록 라우트"),
                    RouteOrigin::Propagated => ("propagated route", "전파된 라우트"),
                };
                Text::new(
                    format!("route table {table}: {destination} -> {target} ({o})"),
                    format!("라우팅 테이블 {table}: {destination} -> {target} ({ok})"),
                )
            }
            Step::Translate { field, from, to } => {
                let fk = if *field == "source" { "출발지" } else { "목적지" };
                Text::new(format!("{field} address {from} -> {to}"), format!("{fk} 주소 {from} -> {to}"))
            }
            Step::Check { what, passed } => {
                let (p, pk) = if *passed { ("ok", "통과") } else { ("failed", "실패") };
                Text::new(format!("check: {what}: {p}"), format!("확인: {what}: {pk}"))
            }
        }
    }
}

fn list(ids: &[Id]) -> String {
    if ids.is_empty() { "(none)".into() } else { ids.iter().map(|i| i.as_str()).collect::<Vec<_>>().join(", ") }
}

/// What kind of component a hop's node is. Serialised in snake case (`nat_gateway`, `lb_node`), as the CLI prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Instance,
    NetworkInterface,
    EcsTask,
    /// A load balancer's node in one subnet.
    LbNode,
    Subnet,
    RouteTable,
    /// A VPC's router.
    Vpc,
    VpcPeering,
    VpcEndpoint,
    InternetGateway,
    NatGateway,
    VpnGateway,
    VpnConnection,
    /// A Direct Connect virtual interface.
    VirtualInterface,
    TransitGateway,
    TransitGatewayAttachment,
    /// AWS's network between an internet gateway and the internet.
    AwsBackbone,
    /// AWS services (S3, DynamoDB) reached over the backbone.
    AwsServices,
    Internet,
    OnPremises,
}

impl NodeKind {
    /// The kind's name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Instance => "instance",
            NodeKind::NetworkInterface => "network_interface",
            NodeKind::EcsTask => "ecs_task",
            NodeKind::LbNode => "lb_node",
            NodeKind::Subnet => "subnet",
            NodeKind::RouteTable => "route_table",
            NodeKind::Vpc => "vpc",
            NodeKind::VpcPeering => "vpc_peering",
            NodeKind::VpcEndpoint => "vpc_endpoint",
            NodeKind::InternetGateway => "internet_gateway",
            NodeKind::NatGateway => "nat_gateway",
            NodeKind::VpnGateway => "vpn_gateway",
            NodeKind::VpnConnection => "vpn_connection",
            NodeKind::VirtualInterface => "virtual_interface",
            NodeKind::TransitGateway => "transit_gateway",
            NodeKind::TransitGatewayAttachment => "transit_gateway_attachment",
            NodeKind::AwsBackbone => "aws_backbone",
            NodeKind::AwsServices => "aws_services",
            NodeKind::Internet => "internet",
            NodeKind::OnPremises => "on_premises",
        }
    }
}

impl std::fmt::Display for NodeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A component the packet passed through. Serialised as `{id, kind, steps}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hop {
    /// A resource id, or `internet`, `aws-backbone`, `aws-services`, `on-premises`.
    #[serde(rename = "id")]
    pub node: String,
    pub kind: NodeKind,
    pub steps: Vec<Step>,
}

/// What stopped a packet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Blocked {
    /// The component (a resource id, or a node name as in [`Hop::node`]).
    pub id: String,
    pub kind: NodeKind,
    pub direction: Direction,
    /// The rule or route involved, when there is one (`rule 100`, `*`, `0.0.0.0/0 -> igw-1`).
    pub rule: Option<String>,
    /// A Reachability Analyzer explanation code (`ENI_SG_RULES_MISMATCH`, `NO_ROUTE_TO_DESTINATION`, …).
    pub code: &'static str,
}

/// The path of one packet. Serialised as `{disposition, hops, blocked_by, explanation}` (`blocked_by` is `null`
/// when nothing stopped it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trace {
    pub disposition: Disposition,
    pub hops: Vec<Hop>,
    #[serde(rename = "blocked_by")]
    pub blocked: Option<Blocked>,
    /// What happened and, for a failure, what to change.
    pub explanation: Text,
}

impl Trace {
    /// The hop nodes in order.
    pub fn nodes(&self) -> Vec<&str> {
        self.hops.iter().map(|h| h.node.as_str()).collect()
    }
}

/// The answer to a query: the request, and the reply when the request arrived at a workload.
///
/// Serialised as the CLI's `trace --format json` prints it: `reachable`, the request's trace at the top level
/// (`disposition`, `hops`, `blocked_by`, `explanation`) and the reply's under `return` (`null` when there is none).
/// When the request arrives and its reply is stopped, the top-level `blocked_by` is the reply's blocker, and
/// `blocked_on` is `"return"`.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// Whether the request arrives and, where a reply is expected, the reply arrives too.
    pub reachable: bool,
    pub forward: Trace,
    pub reply: Option<Trace>,
}

impl Answer {
    /// What stops the flow: the request's blocker, else its reply's; `true` with it when it is the reply's.
    pub fn blocker(&self) -> Option<(&Blocked, bool)> {
        match (&self.forward.blocked, self.reply.as_ref().and_then(|r| r.blocked.as_ref())) {
            (Some(b), _) => Some((b, false)),
            (None, Some(b)) => Some((b, true)),
            (None, None) => None,
        }
    }
}

impl Serialize for Answer {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let blocker = self.blocker();
        let mut s = serializer.serialize_struct("Answer", 7)?;
        s.serialize_field("reachable", &self.reachable)?;
        s.serialize_field("disposition", &self.forward.disposition)?;
        s.serialize_field("hops", &self.forward.hops)?;
        s.serialize_field("blocked_by", &blocker.map(|(b, _)| b))?;
        match blocker {
            Some((_, true)) => s.serialize_field("blocked_on", "return")?,
            _ => s.skip_field("blocked_on")?,
        }
        s.serialize_field("explanation", &self.forward.explanation)?;
        s.serialize_field("return", &self.reply)?;
        s.end()
    }
}

/// The decision of a network ACL on one packet: whether it is allowed and the rule number that decided (`None`: the
/// final deny). Inbound rules match `src`, outbound rules `dst` (SEMANTICS L4).
pub fn nacl_decision(
    acl: &crate::doc::NetworkAcl,
    outbound: bool,
    src: Ipv4Addr,
    dst: Ipv4Addr,
    protocol: Protocol,
    dst_port: u16,
) -> (bool, Option<u32>) {
    let packet = packet_filter::Packet { src, dst, protocol, src_port: 49152, dst_port };
    packet_filter::nacl(acl, outbound, &packet)
}

/// A host address to stand for an on-premises network: the first host of its first block (of the design's first
/// on-premises network when `network` is `None`).
pub fn on_premises_host(design: &Design, network: Option<&Id>) -> Option<Ipv4Addr> {
    let onprem = match network {
        Some(id) => design.on_premises.iter().find(|o| &o.id == id),
        None => design.on_premises.first(),
    }?;
    let block = onprem.cidrs.first()?.canonical();
    let first = u32::from(block.network());
    Some(Ipv4Addr::from(if block.prefix_len() >= 31 { first } else { first.saturating_add(1) }))
}

/// An address of an AWS service (`s3`, `dynamodb`) to stand for it: the first host of the first entry of the design's
/// AWS-managed prefix list for the service (`com.amazonaws.<region>.<service>`). `None` when the design has none.
pub fn service_address(design: &Design, service: &str) -> Option<Ipv4Addr> {
    let suffix = format!(".{service}");
    let list = design.prefix_lists.iter().find(|p| p.name.ends_with(&suffix))?;
    let block = list.entries.iter().find_map(|e| e.cidr.as_v4())?.canonical();
    Some(Ipv4Addr::from(u32::from(block.network()).saturating_add(1)))
}

/// Traces a flow through a design.
pub fn trace(design: &Design, query: &Query) -> Answer {
    let net = Network::new(design);
    let places = Places::new(&net);
    trace_in(&net, &places, query)
}

/// Traces a flow through an indexed design, reusing its address index (for many queries on one design).
pub fn trace_in(net: &Network<'_>, places: &Places<'_>, query: &Query) -> Answer {
    engine::run(net, places, query)
}
#[cfg(test)]
mod tests;
