//! Evaluating one packet against security groups (stateful, allow-only, union of rules) and network ACLs
//! (stateless, first match by rule number) (SEMANTICS §6, §7).

use std::net::Ipv4Addr;

use super::place::{At, Places};
use crate::doc::{NetworkAcl, PeeringStatus, RuleAction, RulePeer, SecurityGroup, SgRule};
use crate::model::Network;
use crate::model::rule_match::{in_order, protocol_covers, rule_ports};
use crate::net::{IpCidr, Protocol};

/// A packet: addresses, protocol and ports (ports are meaningful for TCP and UDP only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Packet {
    pub src: Ipv4Addr,
    pub dst: Ipv4Addr,
    /// `Protocol::All` stands for a packet of no particular protocol.
    pub protocol: Protocol,
    pub src_port: u16,
    pub dst_port: u16,
}

impl Packet {
    /// The reply: addresses and ports swapped.
    pub fn reply(&self) -> Packet {
        Packet {
            src: self.dst,
            dst: self.src,
            protocol: self.protocol,
            src_port: self.dst_port,
            dst_port: self.src_port,
        }
    }
}

fn protocol_matches(rule: Protocol, packet: Protocol) -> bool {
    // A rule for one protocol does not match a packet "of any protocol"; a rule for all protocols matches everything.
    protocol_covers(rule, packet) && (rule == Protocol::All || packet != Protocol::All)
}

fn port_matches(rule_protocol: Protocol, ports: Option<crate::net::PortRange>, packet: &Packet) -> bool {
    if !packet.protocol.has_ports() {
        return true;
    }
    rule_ports(rule_protocol, ports).contains(packet.dst_port)
}

/// The NACL rule number deciding a packet (`None`: the final deny), and whether it allows. Inbound rules match the
/// source address, outbound rules the destination (L4).
pub fn nacl(acl: &NetworkAcl, outbound: bool, packet: &Packet) -> (bool, Option<u32>) {
    let list = if outbound { &acl.outbound } else { &acl.inbound };
    let addr = if outbound { packet.dst } else { packet.src };
    for r in in_order(list) {
        let IpCidr::V4(c) = r.cidr else { continue };
        if protocol_matches(r.protocol, packet.protocol)
            && port_matches(r.protocol, r.ports, packet)
            && c.contains_addr(addr)
        {
            return (r.action == RuleAction::Allow, Some(r.rule_number));
        }
    }
    (false, None)
}

/// Whether a group reference can match traffic between these VPCs: the same VPC, or an active same-Region peering
/// (S7). Across a transit gateway only with referencing enabled, which the walk does not model yet.
fn can_reference(net: &Network<'_>, own_vpc: &crate::doc::Id, other_vpc: &crate::doc::Id) -> bool {
    own_vpc == other_vpc
        || net.design.vpc_peerings.iter().any(|p| {
            p.status == PeeringStatus::Active
                && ((&p.requester_vpc == own_vpc && &p.accepter_vpc == other_vpc)
                    || (&p.requester_vpc == other_vpc && &p.accepter_vpc == own_vpc))
                && net.vpc(own_vpc).map(|v| &v.region) == net.vpc(other_vpc).map(|v| &v.region)
        })
}

/// Whether one rule matches a packet whose far end is `peer` (the source for inbound rules, the destination for
/// outbound ones). A group reference matches the *private* address of a member interface only (S7).
fn rule_matches(
    net: &Network<'_>,
    places: &Places<'_>,
    own_vpc: &crate::doc::Id,
    rule: &SgRule,
    packet: &Packet,
    peer: Ipv4Addr,
    peer_vpc: Option<&crate::doc::Id>,
) -> bool {
    if !protocol_matches(rule.protocol, packet.protocol) || !port_matches(rule.protocol, rule.ports, packet) {
        return false;
    }
    match &rule.peer {
        RulePeer::Cidr(IpCidr::V4(c)) => c.contains_addr(peer),
        RulePeer::Cidr(IpCidr::V6(_)) => false,
        RulePeer::PrefixList(pl) => net
            .prefix_list(pl)
            .is_some_and(|p| p.entries.iter().any(|e| matches!(e.cidr, IpCidr::V4(c) if c.contains_addr(peer)))),
        RulePeer::SecurityGroup { group, account: None } => {
            let Some(peer_vpc) = peer_vpc else { return false };
            if !can_reference(net, own_vpc, peer_vpc) {
                return false;
            }
            // The sender is a member of the group: an interface with it, or a load balancer node whose load balancer
            // has it (S7: "not NAT/LB IPs unless the LB's own SG"; targets admitting the load balancer's group).
            match places.private(peer_vpc, peer) {
                Some(At::Iface(i)) => places.iface(i).is_some_and(|f| f.groups.iter().any(|g| &g.id == group)),
                Some(At::Lb(k)) => places.lb_node(k).is_some_and(|n| n.lb.security_groups.contains(group)),
                Some(At::Nat(_)) | None => false,
            }
        }
        RulePeer::SecurityGroup { account: Some(_), .. } => false,
    }
}

/// The first rule (over all the groups) that allows the packet, as `group#inbound[i]`, or `None` when none does.
pub fn security_groups(
    net: &Network<'_>,
    places: &Places<'_>,
    groups: &[&SecurityGroup],
    inbound: bool,
    packet: &Packet,
    peer_vpc: Option<&crate::doc::Id>,
) -> Option<String> {
    let peer = if inbound { packet.src } else { packet.dst };
    for g in groups {
        let rules = if inbound { &g.inbound } else { &g.outbound };
        if let Some(i) = rules.iter().position(|r| rule_matches(net, places, &g.vpc, r, packet, peer, peer_vpc)) {
            return Some(format!("{}#{}[{i}]", g.id, if inbound { "inbound" } else { "outbound" }));
        }
    }
    None
}
