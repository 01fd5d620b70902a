//! Shared by the three "open to the world" security-group rules: which inbound rules admit anyone.

use crate::doc::{RulePeer, SecurityGroup, SgRule};
use crate::model::rule_match::{is_anywhere, sg_rule_tcp_ports};
use crate::net::PortRange;

/// Inbound rules of a group that admit 0.0.0.0/0 or ::/0, with the TCP ports they open.
pub(super) fn open_to_world(group: &SecurityGroup) -> impl Iterator<Item = (&SgRule, PortRange)> {
    group.inbound.iter().filter_map(|r| match &r.peer {
        RulePeer::Cidr(c) if is_anywhere(c) => sg_rule_tcp_ports(r).map(|p| (r, p)),
        _ => None,
    })
}

/// Whether a rule opens every port (it is reported by `sg-open-all-ports` alone).
pub(super) fn opens_everything(ports: PortRange) -> bool {
    ports == PortRange::ALL || (ports.from <= 1 && ports.to == 65535)
}

pub(super) fn describe(rule: &SgRule) -> String {
    match &rule.peer {
        RulePeer::Cidr(c) => c.to_string(),
        RulePeer::SecurityGroup { group, .. } => group.to_string(),
        RulePeer::PrefixList(p) => p.to_string(),
    }
}
