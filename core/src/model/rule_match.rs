//! How network ACL and security-group rules match traffic, over ranges as well as single packets: what the
//! validation rules reason with, and what the simulator will evaluate.

use std::ops::RangeInclusive;

use crate::doc::{NaclRule, RuleAction, SgRule};
use crate::net::{IpCidr, Ipv4Cidr, PortRange, Protocol};

/// Whether a rule's protocol covers traffic of `protocol` (a rule for all protocols covers everything; a rule for
/// one protocol does not cover "all").
pub fn protocol_covers(rule: Protocol, protocol: Protocol) -> bool {
    rule == Protocol::All || rule == protocol
}

/// The destination ports a rule matches for `protocol`: every port when the rule has no range or the protocol has no
/// ports.
pub fn rule_ports(rule_protocol: Protocol, ports: Option<PortRange>) -> PortRange {
    if rule_protocol.has_ports() { ports.unwrap_or(PortRange::ALL) } else { PortRange::ALL }
}

/// NACL rules in evaluation order (ascending rule number).
pub fn in_order(rules: &[NaclRule]) -> Vec<&NaclRule> {
    #[cfg(test)]
    crate::check::work::add(rules.len());
    let mut sorted: Vec<&NaclRule> = rules.iter().collect();
    sorted.sort_by_key(|r| r.rule_number);
    sorted
}

/// The rule numbers AWS allows in a network ACL's list: 1 to 32766; 32767 is the final `*` deny (SEMANTICS L3).
pub const NACL_RULE_NUMBERS: RangeInclusive<u32> = 1..=32766;

/// The number of the first rule of an empty NACL list: 100, as AWS numbers the allow-all rule of a default network
/// ACL.
pub const FIRST_RULE_NUMBER: u32 = 100;

/// The number for a rule added after the last one of a NACL list: [`FIRST_RULE_NUMBER`] when the list has no rule
/// with an allowed number, else the next multiple of 10 after the highest allowed number, the spacing AWS's
/// documentation suggests so that rules can be put between them later. `None` when that is past 32766 or already
/// taken.
pub fn next_rule_number(rules: &[NaclRule]) -> Option<u32> {
    let next = number_after(rules.iter().map(|r| r.rule_number).filter(|n| NACL_RULE_NUMBERS.contains(n)).max());
    (NACL_RULE_NUMBERS.contains(&next) && rules.iter().all(|r| r.rule_number != next)).then_some(next)
}

/// The number that follows `last`, the highest allowed number in a list ([`next_rule_number`] without the check
/// that it is allowed and free): [`FIRST_RULE_NUMBER`] for none, else the next multiple of 10.
pub fn number_after(last: Option<u32>) -> u32 {
    match last {
        Some(last) => (last / 10 + 1) * 10,
        None => FIRST_RULE_NUMBER,
    }
}

/// Whether a NACL rule list lets *every* packet of `protocol` to the ports `ports`, exchanged with any address of
/// `peer`, through. `Err` names the rule that stops some of them, or `None` for the final implied deny (`*`).
pub fn nacl_allows_all<'r>(
    rules: &'r [NaclRule],
    protocol: Protocol,
    ports: PortRange,
    peer: &Ipv4Cidr,
) -> Result<(), Option<&'r NaclRule>> {
    // The ports still undecided for every address of `peer`.
    let mut open: Vec<PortRange> = vec![ports];
    for rule in in_order(rules) {
        if open.is_empty() {
            return Ok(());
        }
        if !protocol_covers(rule.protocol, protocol) {
            continue;
        }
        let Some(cidr) = rule.cidr.as_v4() else { continue };
        if !cidr.overlaps(peer) {
            continue;
        }
        let range = rule_ports(rule.protocol, rule.ports);
        let hit = open.iter().any(|o| o.from <= range.to && range.from <= o.to);
        if !hit {
            continue;
        }
        match rule.action {
            RuleAction::Deny => return Err(Some(rule)),
            // An allow for only part of `peer` decides nothing for the rest of it.
            RuleAction::Allow if cidr.contains_cidr(peer) => open = subtract(&open, range),
            RuleAction::Allow => {}
        }
    }
    if open.is_empty() { Ok(()) } else { Err(None) }
}

/// `ranges` minus `cut`.
fn subtract(ranges: &[PortRange], cut: PortRange) -> Vec<PortRange> {
    let mut out = Vec::new();
    for r in ranges {
        if cut.to < r.from || cut.from > r.to {
            out.push(*r);
            continue;
        }
        if cut.from > r.from {
            out.push(PortRange::new(r.from, cut.from - 1));
        }
        if cut.to < r.to {
            out.push(PortRange::new(cut.to + 1, r.to));
        }
    }
    out
}

/// Whether a NACL rule matches every packet the other one does (so that, placed earlier, it hides it).
pub fn nacl_rule_covers(earlier: &NaclRule, later: &NaclRule) -> bool {
    let cidr_covers = match (&earlier.cidr, &later.cidr) {
        (IpCidr::V4(a), IpCidr::V4(b)) => a.contains_cidr(b),
        (IpCidr::V6(a), IpCidr::V6(b)) => a.contains_cidr(b),
        _ => false,
    };
    if !cidr_covers || !protocol_covers(earlier.protocol, later.protocol) {
        return false;
    }
    if earlier.protocol == Protocol::All {
        return true;
    }
    let (e, l) = (rule_ports(earlier.protocol, earlier.ports), rule_ports(later.protocol, later.ports));
    let ports_cover = e.from <= l.from && l.to <= e.to;
    let icmp_covers = match (earlier.icmp, later.icmp) {
        (None, _) => true,
        (Some(_), None) => !earlier.protocol.has_icmp(),
        (Some(a), Some(b)) => {
            a.icmp_type.is_none_or(|t| Some(t) == b.icmp_type) && a.code.is_none_or(|c| Some(c) == b.code)
        }
    };
    ports_cover && icmp_covers
}

/// Whether a CIDR is "anywhere": 0.0.0.0/0 or ::/0.
pub fn is_anywhere(cidr: &IpCidr) -> bool {
    match cidr {
        IpCidr::V4(c) => c.prefix_len() == 0,
        IpCidr::V6(c) => c.prefix_len() == 0,
    }
}

/// The TCP ports a security-group rule opens (`None` when it opens no TCP port).
pub fn sg_rule_tcp_ports(rule: &SgRule) -> Option<PortRange> {
    if rule.protocol == Protocol::All {
        Some(PortRange::ALL)
    } else if rule.protocol == Protocol::TCP {
        Some(rule.ports.unwrap_or(PortRange::ALL))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(n: u32, action: RuleAction, protocol: Protocol, ports: Option<(u16, u16)>, cidr: &str) -> NaclRule {
        NaclRule {
            rule_number: n,
            action,
            protocol,
            ports: ports.map(|(a, b)| PortRange::new(a, b)),
            icmp: None,
            cidr: cidr.parse().unwrap(),
        }
    }

    fn c(s: &str) -> Ipv4Cidr {
        s.parse().unwrap()
    }

    const EPHEMERAL: PortRange = PortRange::new(1024, 65535);

    #[test]
    fn all_allowed_needs_every_port_for_every_address() {
        let allow_all = [rule(100, RuleAction::Allow, Protocol::All, None, "0.0.0.0/0")];
        assert_eq!(nacl_allows_all(&allow_all, Protocol::TCP, EPHEMERAL, &c("0.0.0.0/0")), Ok(()));

        let vpc_only = [rule(100, RuleAction::Allow, Protocol::All, None, "10.0.0.0/16")];
        assert_eq!(nacl_allows_all(&vpc_only, Protocol::TCP, EPHEMERAL, &c("0.0.0.0/0")), Err(None));
        assert_eq!(nacl_allows_all(&vpc_only, Protocol::TCP, EPHEMERAL, &c("10.0.1.0/24")), Ok(()));

        let split = [
            rule(100, RuleAction::Allow, Protocol::TCP, Some((1024, 30000)), "0.0.0.0/0"),
            rule(110, RuleAction::Allow, Protocol::TCP, Some((30001, 65535)), "0.0.0.0/0"),
        ];
        assert_eq!(nacl_allows_all(&split, Protocol::TCP, EPHEMERAL, &c("0.0.0.0/0")), Ok(()));
        assert_eq!(nacl_allows_all(&split, Protocol::UDP, EPHEMERAL, &c("0.0.0.0/0")), Err(None));
    }

    #[test]
    fn an_earlier_deny_is_named() {
        let rules = [
            rule(200, RuleAction::Allow, Protocol::All, None, "0.0.0.0/0"),
            rule(90, RuleAction::Deny, Protocol::TCP, Some((5000, 6000)), "203.0.113.0/24"),
        ];
        assert_eq!(nacl_allows_all(&rules, Protocol::TCP, EPHEMERAL, &c("0.0.0.0/0")), Err(Some(&rules[1])));
        assert_eq!(nacl_allows_all(&rules, Protocol::TCP, EPHEMERAL, &c("10.0.0.0/8")), Ok(()));
    }

    #[test]
    fn coverage_between_rules() {
        let broad = rule(100, RuleAction::Allow, Protocol::All, None, "0.0.0.0/0");
        let narrow = rule(200, RuleAction::Deny, Protocol::TCP, Some((22, 22)), "10.0.0.0/8");
        assert!(nacl_rule_covers(&broad, &narrow));
        assert!(!nacl_rule_covers(&narrow, &broad));
        let tcp_range = rule(100, RuleAction::Allow, Protocol::TCP, Some((0, 1000)), "0.0.0.0/0");
        assert!(nacl_rule_covers(&tcp_range, &narrow));
        assert!(!nacl_rule_covers(&tcp_range, &rule(1, RuleAction::Deny, Protocol::UDP, Some((22, 22)), "10.0.0.0/8")));
    }

    #[test]
    fn the_next_rule_number_follows_the_last_by_ten() {
        let allow = |n| rule(n, RuleAction::Allow, Protocol::All, None, "0.0.0.0/0");
        assert_eq!(next_rule_number(&[]), Some(100), "the first rule is 100, as in AWS's default network ACL");
        assert_eq!(next_rule_number(&[allow(0), allow(40000)]), Some(100), "no allowed number: the first rule");
        assert_eq!(next_rule_number(&[allow(10)]), Some(20));
        assert_eq!(next_rule_number(&[allow(100), allow(5)]), Some(110));
        assert_eq!(next_rule_number(&[allow(105)]), Some(110));
        assert_eq!(next_rule_number(&[allow(100), allow(40000)]), Some(110), "out of range numbers are ignored");
        assert_eq!(next_rule_number(&[allow(32760)]), None, "32770 is past the last number");
        assert_eq!(next_rule_number(&[allow(0), allow(10)]), Some(20));
        assert!(NACL_RULE_NUMBERS.contains(&32766) && !NACL_RULE_NUMBERS.contains(&32767));
    }

    #[test]
    fn subtract_ports() {
        let all = [PortRange::ALL];
        assert_eq!(subtract(&all, PortRange::new(100, 200)), vec![PortRange::new(0, 99), PortRange::new(201, 65535)]);
        assert_eq!(subtract(&all, PortRange::ALL), vec![]);
    }
}
