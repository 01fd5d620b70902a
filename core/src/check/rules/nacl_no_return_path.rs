//! `nacl-no-return-path`: network ACLs are stateless. A NACL that lets a flow in must also let its replies out to the
//! client's ephemeral ports, and one that lets a flow out must let the replies back in; otherwise the replies are
//! dropped and the connection hangs (SEMANTICS L5).
//!
//! The check asks that every port from 32768 to 65535 pass, the ephemeral ranges of Linux (32768–60999) and of
//! Windows Server 2008 and later (49152–65535), the clients that dominate. A deny of one low port inside 1024–65535
//! (say RDP, 3389, as Security Hub EC2.21 asks) is not flagged. Allow rules that admit a whole ephemeral range are
//! themselves return rules and are not treated as services. The fix adds AWS's suggested range, 1024–65535, ahead of
//! whatever blocks the replies.

use crate::model::HashSet;

use super::{docs, show};
use crate::check::{FixStep, References, Rule, Severity, Sink};
use crate::doc::{NaclRule, NetworkAcl, RuleAction};
use crate::model::Network;
use crate::model::rule_match::nacl_allows_all;
use crate::net::{IpCidr, PortRange, Protocol};

pub(super) const RULE: Rule = Rule {
    code: "nacl-no-return-path",
    severity: Severity::Warning,
    title_en: "A network ACL lets traffic through one way but drops its replies (ephemeral ports)",
    title_ko: "네트워크 ACL이 요청은 통과시키지만 응답(임시 포트)을 막습니다",
    docs: docs::NACL,
    refs: References::NONE,
    check,
};

/// The ports replies must reach (see the module documentation).
const CLIENT_EPHEMERAL: PortRange = PortRange::new(32768, 65535);
/// The range the fix opens, as AWS suggests.
const EPHEMERAL: PortRange = PortRange::new(1024, 65535);

/// A free rule number just ahead of `before` (or after the last rule when nothing specific blocks).
fn free_number(list: &[NaclRule], before: Option<u32>) -> Option<u32> {
    match before {
        Some(b) => {
            let used: HashSet<u32> = list.iter().map(|r| r.rule_number).collect();
            (1..b).rev().find(|n| !used.contains(n))
        }
        None => crate::model::rule_match::next_rule_number(list),
    }
}

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    let in_use: HashSet<&str> =
        net.design.subnets.iter().filter_map(|s| net.network_acl_of(s)).map(|a| a.id.as_str()).collect();
    for acl in net.design.network_acls.iter().filter(|a| in_use.contains(a.id.as_str())) {
        check_direction(acl, false, sink);
        check_direction(acl, true, sink);
    }
}

/// Looks at the allow rules of one direction (`outbound_first`: traffic started from inside the subnet) and checks
/// that the other direction passes the replies.
fn check_direction(acl: &NetworkAcl, outbound_first: bool, sink: &mut Sink<'_>) {
    let (first, back) = if outbound_first { (&acl.outbound, &acl.inbound) } else { (&acl.inbound, &acl.outbound) };
    let mut reported = HashSet::default();
    for rule in first.iter().filter(|r| r.action == RuleAction::Allow) {
        let IpCidr::V4(peer) = rule.cidr else { continue };
        let is_return_rule = rule.protocol.has_ports() && rule.ports.is_some_and(|p| p.from <= 32768 && p.to >= 60999);
        if is_return_rule {
            continue;
        }
        let protocols: &[Protocol] = if rule.protocol == Protocol::All { &[Protocol::TCP] } else { &[rule.protocol] };
        for &protocol in protocols.iter().filter(|p| p.has_ports()) {
            let Err(blocker) = nacl_allows_all(back, protocol, CLIENT_EPHEMERAL, &peer) else { continue };
            if !reported.insert((peer, protocol)) {
                continue;
            }
            let name = show(&acl.id, &acl.name);
            let (by, by_ko) = match blocker {
                Some(b) => (format!("rule {}", b.rule_number), format!("규칙 {}", b.rule_number)),
                None => ("the final deny (*)".to_owned(), "마지막 거부 규칙(*)".to_owned()),
            };
            let (go, go_ko, ret, ret_ko) = if outbound_first {
                ("out to", "밖으로", "back in", "안으로 들어오는")
            } else {
                ("in from", "안으로", "back out", "밖으로 나가는")
            };
            let en = format!(
                "Network ACL {name} lets {protocol} traffic {go} {peer} (rule {}), but the replies {ret} on the clients' ephemeral ports (32768-65535) are dropped by {by}. NACLs are stateless: allow the return traffic too (AWS suggests ports 1024-65535).",
                rule.rule_number
            );
            let ko = format!(
                "네트워크 ACL {name}은 {peer}와의 {protocol} 트래픽을 {go_ko} 허용하지만(규칙 {}), 클라이언트 임시 포트(32768-65535)로 {ret_ko} 응답은 {by_ko}에 막힙니다. NACL은 상태 비저장이므로 응답 트래픽도 허용해야 합니다(AWS 권장 포트 1024-65535).",
                rule.rule_number
            );
            let number = free_number(back, blocker.map(|b| b.rule_number));
            let d = sink.report([&acl.id], en, ko);
            if let Some(n) = number {
                let fix_rule = NaclRule {
                    rule_number: n,
                    action: RuleAction::Allow,
                    protocol,
                    ports: Some(EPHEMERAL),
                    icmp: None,
                    cidr: IpCidr::V4(peer),
                };
                let dir = if outbound_first { "inbound" } else { "outbound" };
                let dir_ko = if outbound_first { "인바운드" } else { "아웃바운드" };
                d.with_fix(
                    format!("Add {dir} rule {n}: allow {protocol} 1024-65535 {peer}"),
                    format!("{dir_ko} 규칙 {n} 추가: {peer} {protocol} 1024-65535 허용"),
                    vec![FixStep::AddNaclRule {
                        network_acl: acl.id.clone(),
                        outbound: !outbound_first,
                        rule: fix_rule,
                    }],
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::{NaclRule, NetworkAcl, RuleAction};
    use crate::net::{PortRange, Protocol};

    fn allow(n: u32, protocol: Protocol, ports: Option<PortRange>, cidr_text: &str) -> NaclRule {
        NaclRule {
            rule_number: n,
            action: RuleAction::Allow,
            protocol,
            ports,
            icmp: None,
            cidr: cidr_text.parse().unwrap(),
        }
    }

    fn with_private_nacl(inbound: Vec<NaclRule>, outbound: Vec<NaclRule>) -> crate::doc::Design {
        let mut d = sample();
        d.network_acls.push(NetworkAcl {
            id: id("acl-private"),
            name: "private".into(),
            vpc: id("vpc-main"),
            is_default: false,
            inbound,
            outbound,
            tags: Default::default(),
        });
        d.subnets[2].network_acl = Some(id("acl-private"));
        d
    }

    #[test]
    fn fires_when_nat_replies_cannot_come_back_and_the_fix_opens_them() {
        // Outbound to anywhere, inbound only from the VPC: replies from the internet (through the NAT) are dropped.
        let d = with_private_nacl(
            vec![allow(100, Protocol::All, None, "10.0.0.0/16")],
            vec![allow(100, Protocol::All, None, "0.0.0.0/0")],
        );
        let f = fires(&d, "nacl-no-return-path", "acl-private");
        assert!(
            f.message.en.contains(
                "replies back in on the clients' ephemeral ports (32768-65535) are dropped by the final deny"
            ),
            "{}",
            f.message.en
        );
        let fixed = apply_fix(&d, &f);
        assert_eq!(fixed.network_acls[1].inbound[1].rule_number, 110);
        quiet(&fixed, "nacl-no-return-path");
    }

    #[test]
    fn the_fix_for_an_empty_return_list_is_rule_100() {
        // No inbound rule at all: the fix is the list's first rule, numbered as AWS numbers a first rule.
        let d = with_private_nacl(vec![], vec![allow(100, Protocol::All, None, "0.0.0.0/0")]);
        let f = fires(&d, "nacl-no-return-path", "acl-private");
        let fixed = apply_fix(&d, &f);
        assert_eq!(fixed.network_acls[1].inbound.iter().map(|r| r.rule_number).collect::<Vec<_>>(), [100]);
        quiet(&fixed, "nacl-no-return-path");
    }

    #[test]
    fn fires_when_a_server_cannot_answer() {
        let d = with_private_nacl(
            vec![allow(100, Protocol::TCP, Some(PortRange::single(443)), "0.0.0.0/0")],
            vec![allow(100, Protocol::TCP, Some(PortRange::single(443)), "0.0.0.0/0")],
        );
        fires(&d, "nacl-no-return-path", "acl-private");
    }

    #[test]
    fn fires_when_a_deny_cuts_into_the_client_range() {
        let d = with_private_nacl(
            vec![
                NaclRule {
                    rule_number: 90,
                    action: RuleAction::Deny,
                    protocol: Protocol::TCP,
                    ports: Some(PortRange::new(40000, 40100)),
                    icmp: None,
                    cidr: "0.0.0.0/0".parse().unwrap(),
                },
                allow(100, Protocol::TCP, Some(PortRange::new(1024, 65535)), "0.0.0.0/0"),
            ],
            vec![allow(100, Protocol::TCP, Some(PortRange::single(443)), "0.0.0.0/0")],
        );
        let f = fires(&d, "nacl-no-return-path", "acl-private");
        assert!(f.message.en.contains("dropped by rule 90"), "{}", f.message.en);
        // The fix goes ahead of the deny.
        assert_eq!(apply_fix(&d, &f).network_acls[1].inbound[0].rule_number, 89);
    }

    #[test]
    fn quiet_on_a_single_low_port_deny_and_on_return_rules() {
        let d = with_private_nacl(
            vec![
                NaclRule {
                    rule_number: 90,
                    action: RuleAction::Deny,
                    protocol: Protocol::TCP,
                    ports: Some(PortRange::single(3389)),
                    icmp: None,
                    cidr: "0.0.0.0/0".parse().unwrap(),
                },
                allow(100, Protocol::TCP, Some(PortRange::new(1024, 65535)), "0.0.0.0/0"),
                allow(110, Protocol::UDP, Some(PortRange::new(1024, 65535)), "0.0.0.0/0"),
            ],
            vec![allow(100, Protocol::TCP, Some(PortRange::single(443)), "0.0.0.0/0")],
        );
        quiet(&d, "nacl-no-return-path");
    }

    #[test]
    fn quiet_when_ephemeral_ports_are_open_both_ways() {
        let d = with_private_nacl(
            vec![
                allow(100, Protocol::All, None, "10.0.0.0/16"),
                allow(110, Protocol::TCP, Some(PortRange::new(1024, 65535)), "0.0.0.0/0"),
            ],
            vec![allow(100, Protocol::TCP, None, "0.0.0.0/0")],
        );
        quiet(&d, "nacl-no-return-path");
        quiet(&sample(), "nacl-no-return-path");
    }
}
