//! `nacl-no-return-path`: network ACLs are stateless. A NACL that lets a flow in must also let its replies out to the
//! client's ephemeral ports, and one that lets a flow out must let the replies back in; otherwise the replies are
//! dropped and the connection hangs (SEMANTICS L5).
//!
//! The check asks that every port from 32768 to 65535 pass, the ephemeral ranges of Linux (32768–60999) and of
//! Windows Server 2008 and later (49152–65535), the clients that dominate. A deny of one low port inside 1024–65535
//! (say RDP, 3389, as Security Hub EC2.21 asks) is not flagged. Allow rules that admit a whole ephemeral range are
//! themselves return rules and are not treated as services. The fix adds AWS's suggested range, 1024–65535, ahead of
//! whatever blocks the replies.

use crate::model::{HashMap, HashSet};

use super::{docs, show};
use crate::check::{FixStep, References, Rule, Severity, Sink};
use crate::doc::{NaclRule, NetworkAcl, RuleAction};
use crate::model::Network;
use crate::model::rule_match::{
    NACL_RULE_NUMBERS, in_order, nacl_allows_all, number_after, protocol_covers, rule_ports,
};
use crate::net::{IpCidr, Ipv4Cidr, PortRange, Protocol};

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

/// The rules of the direction replies take, ready for the questions asked of them: which rule stops the replies to
/// a peer, and which rule numbers are free. Each answer is worked out once per peer and protocol, from only the rules
/// that can decide it.
struct Back<'r> {
    sorted: Vec<&'r NaclRule>,
    /// For TCP and UDP, the rules that can decide replies of that protocol.
    deciders: HashMap<Protocol, Deciders<'r>>,
    /// What stops replies to each peer (its canonical block) of each protocol: `Ok` when nothing does, else the
    /// number of the stopping rule or `None` for the final deny.
    answers: HashMap<(Ipv4Cidr, Protocol), Result<(), Option<u32>>>,
    numbers: Option<Numbers>,
}

/// The rules that can decide replies of one protocol: for that protocol or all, IPv4, with ports that reach the
/// ephemeral range (`nacl_allows_all` passes over every other rule). Indexed by block, so that the ones
/// overlapping a peer are found without looking at the others: those that contain it (one block per prefix length)
/// and those that start inside it.
struct Deciders<'r> {
    rules: Vec<&'r NaclRule>,
    by_block: HashMap<(u32, u8), Vec<usize>>,
    lengths: Vec<u8>,
    /// (first address, place) of each rule, by first address.
    by_start: Vec<(u32, usize)>,
}

impl<'r> Deciders<'r> {
    fn new(sorted: &[&'r NaclRule], protocol: Protocol) -> Self {
        let rules: Vec<&NaclRule> = sorted
            .iter()
            .copied()
            .filter(|r| {
                let ports = rule_ports(r.protocol, r.ports);
                // Ports reach the range when they end at or above its start (it ends at the last port).
                protocol_covers(r.protocol, protocol) && r.cidr.as_v4().is_some() && CLIENT_EPHEMERAL.from <= ports.to
            })
            .collect();
        let mut by_block: HashMap<(u32, u8), Vec<usize>> = HashMap::default();
        let mut by_start = Vec::new();
        for (i, c) in rules.iter().enumerate().filter_map(|(i, r)| Some((i, r.cidr.as_v4()?))) {
            let start = u32::from(c.network());
            by_block.entry((start, c.prefix_len())).or_default().push(i);
            by_start.push((start, i));
        }
        by_start.sort_unstable();
        let mut lengths: Vec<u8> = by_block.keys().map(|(_, len)| *len).collect();
        lengths.sort_unstable();
        lengths.dedup();
        Deciders { rules, by_block, lengths, by_start }
    }

    /// The rules whose blocks overlap `peer`, in evaluation order.
    fn overlapping(&self, peer: &Ipv4Cidr) -> Vec<NaclRule> {
        let (start, end) = (u32::from(peer.network()), u32::from(peer.broadcast()));
        let mut places: Vec<usize> = Vec::new();
        for &len in self.lengths.iter().take_while(|l| **l <= peer.prefix_len()) {
            let network = if len == 0 { 0 } else { start & (u32::MAX << (32 - u32::from(len))) };
            places.extend(self.by_block.get(&(network, len)).into_iter().flatten());
        }
        let (lo, hi) =
            (self.by_start.partition_point(|(s, _)| *s < start), self.by_start.partition_point(|(s, _)| *s <= end));
        places.extend(self.by_start.get(lo..hi).into_iter().flatten().map(|(_, i)| *i));
        places.sort_unstable();
        places.dedup();
        places.into_iter().filter_map(|i| self.rules.get(i).map(|r| (*r).clone())).collect()
    }
}

/// The rule numbers of a direction, for finding a free one.
struct Numbers {
    /// Distinct numbers, ascending.
    used: Vec<u32>,
    /// For each of them, the first number of the run of consecutive used numbers it ends.
    run_start: Vec<u32>,
    /// The highest allowed number, if any.
    last: Option<u32>,
}

impl Numbers {
    fn new(list: &[&NaclRule]) -> Self {
        let mut used: Vec<u32> = list.iter().map(|r| r.rule_number).collect();
        used.sort_unstable();
        used.dedup();
        let mut run_start = Vec::with_capacity(used.len());
        for (i, n) in used.iter().enumerate() {
            let start = match i.checked_sub(1).and_then(|p| used.get(p).zip(run_start.get(p))) {
                Some((prev, start)) if prev + 1 == *n => *start,
                _ => *n,
            };
            run_start.push(start);
        }
        let last = used.iter().copied().filter(|n| NACL_RULE_NUMBERS.contains(n)).max();
        Numbers { used, run_start, last }
    }

    fn is_used(&self, n: u32) -> bool {
        self.used.binary_search(&n).is_ok()
    }

    /// A free rule number just ahead of `before` (the highest free one below it), or after the last rule when
    /// nothing specific blocks.
    fn free(&self, before: Option<u32>) -> Option<u32> {
        match before {
            Some(b) => {
                let candidate = b.checked_sub(1).filter(|n| *n >= 1)?;
                match self.used.binary_search(&candidate) {
                    Err(_) => Some(candidate),
                    // Used: the number before its run of used numbers is free, unless the run starts at 1.
                    Ok(i) => self.run_start.get(i).and_then(|s| s.checked_sub(1)).filter(|n| *n >= 1),
                }
            }
            None => {
                let n = number_after(self.last);
                (NACL_RULE_NUMBERS.contains(&n) && !self.is_used(n)).then_some(n)
            }
        }
    }
}

impl<'r> Back<'r> {
    fn new(rules: &'r [NaclRule]) -> Self {
        Back { sorted: in_order(rules), deciders: HashMap::default(), answers: HashMap::default(), numbers: None }
    }

    /// What stops the replies to `peer` of `protocol` on the clients' ephemeral ports (`nacl_allows_all`).
    fn blocker(&mut self, protocol: Protocol, peer: &Ipv4Cidr) -> Result<(), Option<u32>> {
        let key = (peer.canonical(), protocol);
        if let Some(answer) = self.answers.get(&key) {
            return *answer;
        }
        let sorted = &self.sorted;
        let deciders = self.deciders.entry(protocol).or_insert_with(|| Deciders::new(sorted, protocol));
        let answer = nacl_allows_all(&deciders.overlapping(peer), protocol, CLIENT_EPHEMERAL, peer)
            .map_err(|blocker| blocker.map(|b| b.rule_number));
        self.answers.insert(key, answer);
        answer
    }

    /// A free rule number just ahead of `before` (or after the last rule when nothing specific blocks).
    fn free_number(&mut self, before: Option<u32>) -> Option<u32> {
        let sorted = &self.sorted;
        self.numbers.get_or_insert_with(|| Numbers::new(sorted)).free(before)
    }
}

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    let in_use: HashSet<&str> =
        net.design.subnets.iter().filter_map(|s| net.network_acl_of(s)).map(|a| a.id.as_str()).collect();
    for acl in net.design.network_acls.iter().filter(|a| in_use.contains(a.id.as_str())) {
        check_direction(acl, false, &mut Back::new(&acl.outbound), sink);
        check_direction(acl, true, &mut Back::new(&acl.inbound), sink);
    }
}

/// Looks at the allow rules of one direction (`outbound_first`: traffic started from inside the subnet) and checks
/// that the other direction passes the replies.
fn check_direction(acl: &NetworkAcl, outbound_first: bool, back: &mut Back<'_>, sink: &mut Sink<'_>) {
    let first = if outbound_first { &acl.outbound } else { &acl.inbound };
    let mut reported = HashSet::default();
    for rule in first.iter().filter(|r| r.action == RuleAction::Allow) {
        let IpCidr::V4(peer) = rule.cidr else { continue };
        let is_return_rule = rule.protocol.has_ports() && rule.ports.is_some_and(|p| p.from <= 32768 && p.to >= 60999);
        if is_return_rule {
            continue;
        }
        let protocols: &[Protocol] = if rule.protocol == Protocol::All { &[Protocol::TCP] } else { &[rule.protocol] };
        for &protocol in protocols.iter().filter(|p| p.has_ports()) {
            let Err(blocker) = back.blocker(protocol, &peer) else { continue };
            if !reported.insert((peer, protocol)) {
                continue;
            }
            let name = show(&acl.id, &acl.name);
            let (by, by_ko) = match blocker {
                Some(b) => (format!("rule {b}"), format!("규칙 {b}")),
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
            let number = back.free_number(blocker);
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
    use crate::doc::{NaclRule, NetworkAcl, RuleAction, Subnet};
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

    /// Random rule lists from small pools: the answers worked out from the deciding rules alone are those of the
    /// whole list, and the free numbers are those a scan finds.
    #[test]
    fn back_agrees_with_the_whole_list() {
        use super::{Back, CLIENT_EPHEMERAL};
        use crate::model::rule_match::nacl_allows_all;
        let cidrs = [
            "0.0.0.0/0",
            "10.0.0.0/8",
            "10.1.0.0/16",
            "10.1.2.0/24",
            "10.1.2.3/32",
            "10.1.2.9/24",
            "172.16.0.0/12",
            "::/0",
        ];
        let protocols = [Protocol::All, Protocol::TCP, Protocol::UDP, Protocol::ICMP, Protocol::Number(47)];
        let ports =
            [None, Some((0, 65535)), Some((22, 22)), Some((1024, 65535)), Some((40000, 50000)), Some((60000, 40000))];
        let mut x: u64 = 3;
        let mut next = |n: usize| {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (x >> 33) as usize % n
        };
        let mut stopped = 0;
        for round in 0..300 {
            let rules: Vec<NaclRule> = (0..1 + round % 30)
                .map(|_| NaclRule {
                    rule_number: [1, 2, 3, 9, 10, 11, 20, 32766, 40000][next(9)],
                    action: if next(3) == 0 { RuleAction::Deny } else { RuleAction::Allow },
                    protocol: protocols[next(protocols.len())],
                    ports: ports[next(ports.len())].map(|(a, b)| PortRange { from: a, to: b }),
                    icmp: None,
                    cidr: cidrs[next(cidrs.len())].parse().unwrap(),
                })
                .collect();
            let mut back = Back::new(&rules);
            for peer in cidrs.iter().filter_map(|c| c.parse::<crate::net::IpCidr>().ok()?.as_v4().copied()) {
                for protocol in [Protocol::TCP, Protocol::UDP] {
                    let whole = nacl_allows_all(&rules, protocol, CLIENT_EPHEMERAL, &peer)
                        .map_err(|b| b.map(|r| r.rule_number));
                    assert_eq!(back.blocker(protocol, &peer), whole, "{peer} {protocol} {rules:#?}");
                    stopped += usize::from(whole.is_err());
                }
            }
            let used: Vec<u32> = rules.iter().map(|r| r.rule_number).collect();
            for before in [None, Some(0), Some(1), Some(2), Some(4), Some(10), Some(12), Some(21), Some(40001)] {
                let scan = match before {
                    Some(b) => (1..b).rev().find(|n| !used.contains(n)),
                    None => crate::model::rule_match::next_rule_number(&rules),
                };
                assert_eq!(back.free_number(before), scan, "{before:?} {used:?}");
            }
        }
        assert!(stopped > 500, "the pools should make replies stopped often: {stopped}");
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
        get_mut::<Subnet>(&mut d, "subnet-private-a").network_acl = Some(id("acl-private"));
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
        assert_eq!(get::<NetworkAcl>(&fixed, "acl-private").inbound[1].rule_number, 110);
        quiet(&fixed, "nacl-no-return-path");
    }

    #[test]
    fn the_fix_for_an_empty_return_list_is_rule_100() {
        // No inbound rule at all: the fix is the list's first rule, numbered as AWS numbers a first rule.
        let d = with_private_nacl(vec![], vec![allow(100, Protocol::All, None, "0.0.0.0/0")]);
        let f = fires(&d, "nacl-no-return-path", "acl-private");
        let fixed = apply_fix(&d, &f);
        assert_eq!(
            get::<NetworkAcl>(&fixed, "acl-private").inbound.iter().map(|r| r.rule_number).collect::<Vec<_>>(),
            [100]
        );
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
        assert_eq!(get::<NetworkAcl>(&apply_fix(&d, &f), "acl-private").inbound[0].rule_number, 89);
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
