//! `nacl-rule-shadowed`: a NACL rule that can never match, because an earlier rule (lower number) matches all of its
//! traffic first. If the actions differ the rule does not do what it says; if they agree it is redundant
//! (SEMANTICS L3).

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::doc::{NaclRule, RuleAction};
use crate::model::rule_match::{in_order, rule_ports};
use crate::model::{HashMap, Network};
use crate::net::{Icmp, IpCidr, Protocol};

pub(super) const RULE: Rule = Rule {
    code: "nacl-rule-shadowed",
    severity: Severity::Warning,
    title_en: "A network ACL rule never matches because an earlier rule hides it",
    title_ko: "앞선 규칙에 가려져 절대 적용되지 않는 네트워크 ACL 규칙이 있습니다",
    docs: docs::NACL,
    refs: References::NONE,
    check,
};

fn verb(a: RuleAction) -> (&'static str, &'static str) {
    match a {
        RuleAction::Allow => ("allows", "허용"),
        RuleAction::Deny => ("denies", "거부"),
    }
}

/// A block in a form that can be looked up: family, first address, prefix length.
type BlockKey = (bool, u128, u8);

fn block_key(cidr: &IpCidr) -> BlockKey {
    match cidr {
        IpCidr::V4(c) => (false, u128::from(u32::from(c.network())), c.prefix_len()),
        IpCidr::V6(c) => (true, u128::from(c.addr()) & mask(128, c.prefix_len()), c.prefix_len()),
    }
}

/// The network mask of `len` bits in an address of `bits` bits.
fn mask(bits: u8, len: u8) -> u128 {
    let keep = u32::from(len.min(bits));
    if keep == 0 { 0 } else { (u128::MAX << (128 - keep)) >> (128 - u32::from(bits)) }
}

/// The ICMP part of a group: which earlier rules' ICMP settings a later rule's traffic may meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum IcmpClass {
    /// Earlier rules with no ICMP setting (they cover any).
    Unset,
    /// Earlier rules with exactly this setting.
    Exact(Icmp),
    /// Earlier rules with any setting.
    AnySet,
}

/// Earlier rules that may cover a later one: the same block, the same protocol (not "all"), the same ICMP class.
#[derive(Default)]
struct Group {
    /// (from port, to port, place) of each rule in it.
    rules: Vec<(u16, u16, usize)>,
    /// (from port, to port, place) of each later rule asking which of them covers its ports.
    asks: Vec<(u16, u16, usize)>,
}

/// For each rule of a list in evaluation order, the first earlier rule (with a lower number) that matches all its
/// traffic, so that it never matches: what comparing each rule with every earlier one finds (`nacl_rule_covers`),
/// found through groups instead.
///
/// A rule covers a later one when its block contains the later block (so it is one of the later block's enclosing
/// blocks, one per prefix length), and either it is for all protocols, or it is for the same protocol with ports
/// that contain the later ports and an ICMP setting that admits the later one's. So the candidates are grouped by
/// block, protocol and ICMP setting; in each group, "ports that contain these ports" is a two-sided range question,
/// answered for every asking rule at once by sweeping the groups' rules by first port.
fn hiders(sorted: &[&NaclRule]) -> Vec<Option<usize>> {
    let mut first_all: HashMap<BlockKey, usize> = HashMap::default();
    let mut groups: HashMap<(BlockKey, Protocol, IcmpClass), Group> = HashMap::default();
    let mut lengths: [Vec<u8>; 2] = [Vec::new(), Vec::new()];
    for (i, r) in sorted.iter().enumerate() {
        let key = block_key(&r.cidr);
        lengths[usize::from(key.0)].push(key.2);
        if r.protocol == Protocol::All {
            first_all.entry(key).or_insert(i);
            continue;
        }
        let ports = rule_ports(r.protocol, r.ports);
        let class = r.icmp.map_or(IcmpClass::Unset, IcmpClass::Exact);
        groups.entry((key, r.protocol, class)).or_default().rules.push((ports.from, ports.to, i));
        if r.icmp.is_some() {
            groups.entry((key, r.protocol, IcmpClass::AnySet)).or_default().rules.push((ports.from, ports.to, i));
        }
    }
    for l in &mut lengths {
        l.sort_unstable();
        l.dedup();
    }
    let mut first = vec![usize::MAX; sorted.len()];
    for (j, later) in sorted.iter().enumerate() {
        let (v6, net, len) = block_key(&later.cidr);
        let bits = if v6 { 128 } else { 32 };
        let ports = rule_ports(later.protocol, later.ports);
        for &l in lengths[usize::from(v6)].iter().take_while(|l| **l <= len) {
            let key = (v6, net & mask(bits, l), l);
            if let Some(i) = first_all.get(&key) {
                first[j] = first[j].min(*i);
            }
            if later.protocol == Protocol::All {
                continue; // only rules for all protocols cover all protocols
            }
            let mut classes = vec![IcmpClass::Unset];
            match later.icmp {
                None if !later.protocol.has_icmp() => classes.push(IcmpClass::AnySet),
                None => {}
                Some(b) => {
                    for icmp_type in [None, b.icmp_type] {
                        for code in [None, b.code] {
                            let class = IcmpClass::Exact(Icmp { icmp_type, code });
                            if !classes.contains(&class) {
                                classes.push(class);
                            }
                        }
                    }
                }
            }
            for class in classes {
                if let Some(g) = groups.get_mut(&(key, later.protocol, class)) {
                    g.asks.push((ports.from, ports.to, j));
                }
            }
        }
    }
    for g in groups.values_mut() {
        for (j, i) in first_containing(&mut g.rules, &mut g.asks) {
            if let Some(f) = first.get_mut(j) {
                *f = (*f).min(i);
            }
        }
    }
    // The first covering rule hides the later one only if its number is lower (the rules before its run of equal
    // numbers); if it is not, no earlier rule covers it.
    let mut run_start = 0;
    let mut out = Vec::with_capacity(sorted.len());
    for (j, later) in sorted.iter().enumerate() {
        if j > 0 && sorted.get(j - 1).is_some_and(|p| p.rule_number != later.rule_number) {
            run_start = j;
        }
        out.push(first.get(j).copied().filter(|i| *i < run_start));
    }
    out
}

/// For each ask (from, to, place), the first rule (lowest place) whose ports contain the asked ones, as
/// (ask place, rule place). Sweeps asks and rules by first port; rules already passed sit in a tree by last port
/// (largest first) that keeps the lowest place below each position.
fn first_containing(rules: &mut [(u16, u16, usize)], asks: &mut [(u16, u16, usize)]) -> Vec<(usize, usize)> {
    let mut lasts: Vec<u16> = rules.iter().map(|r| r.1).collect();
    lasts.sort_unstable_by(|a, b| b.cmp(a));
    lasts.dedup();
    rules.sort_unstable_by_key(|r| r.0);
    asks.sort_unstable_by_key(|a| a.0);
    let mut tree = vec![usize::MAX; lasts.len() + 1];
    let mut next = 0;
    let mut out = Vec::new();
    for &(from, to, j) in asks.iter() {
        while let Some(&(_, rule_to, i)) = rules.get(next).filter(|r| r.0 <= from) {
            let mut k = lasts.partition_point(|l| *l > rule_to) + 1;
            while let Some(slot) = tree.get_mut(k) {
                *slot = (*slot).min(i);
                k += k & k.wrapping_neg();
            }
            next += 1;
        }
        // The rules whose last port is at least `to` are the first `count` positions.
        let mut k = lasts.partition_point(|l| *l >= to);
        let mut best = usize::MAX;
        while k > 0 {
            best = best.min(tree.get(k).copied().unwrap_or(usize::MAX));
            k -= k & k.wrapping_neg();
        }
        if best != usize::MAX {
            out.push((j, best));
        }
    }
    out
}

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for acl in &net.design.network_acls {
        let name = show(&acl.id, &acl.name);
        for (dir, dir_ko, rules) in [("inbound", "인바운드", &acl.inbound), ("outbound", "아웃바운드", &acl.outbound)]
        {
            let sorted = in_order(rules);
            for (later, hider) in sorted.iter().zip(hiders(&sorted)) {
                let Some(earlier) = hider.and_then(|i| sorted.get(i)) else { continue };
                let (ev, ev_ko) = verb(earlier.action);
                let (lv, lv_ko) = verb(later.action);
                let (en, ko) = if earlier.action == later.action {
                    ("It is redundant: remove it.".to_owned(), "불필요한 규칙이니 지우세요.".to_owned())
                } else {
                    (
                        format!(
                            "It says it {lv} that traffic, but rule {} {ev} it first: give it a lower number if it should win.",
                            earlier.rule_number
                        ),
                        format!(
                            "이 규칙은 {lv_ko}하려 하지만 규칙 {}이 먼저 {ev_ko}합니다. 이 규칙이 이겨야 한다면 더 낮은 번호를 주세요.",
                            earlier.rule_number
                        ),
                    )
                };
                sink.report(
                    [&acl.id],
                    format!("Network ACL {name}: {dir} rule {} never matches, because rule {} matches all of its traffic first. {en}", later.rule_number, earlier.rule_number),
                    format!("네트워크 ACL {name}: {dir_ko} 규칙 {}은 규칙 {}이 그 트래픽을 모두 먼저 처리하므로 절대 적용되지 않습니다. {ko}", later.rule_number, earlier.rule_number),
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

    fn deny_ssh(n: u32) -> NaclRule {
        NaclRule {
            rule_number: n,
            action: RuleAction::Deny,
            protocol: Protocol::TCP,
            ports: Some(PortRange::single(22)),
            icmp: None,
            cidr: "0.0.0.0/0".parse().unwrap(),
        }
    }

    #[test]
    fn fires_on_a_deny_after_an_allow_all() {
        let mut d = sample();
        get_mut::<NetworkAcl>(&mut d, "acl-default").inbound.push(deny_ssh(200));
        let f = fires(&d, "nacl-rule-shadowed", "acl-default");
        assert!(f.message.en.contains("rule 200 never matches, because rule 100"), "{}", f.message.en);
    }

    /// Random rule lists from small pools (so that rules often cover each other, share numbers, mix families and
    /// carry odd ICMP settings and reversed port ranges): the groups find what comparing every pair finds.
    #[test]
    fn hiders_agree_with_comparing_every_pair() {
        use super::hiders;
        use crate::model::rule_match::{in_order, nacl_rule_covers};
        use crate::net::{Icmp, Protocol};
        let cidrs = [
            "0.0.0.0/0",
            "10.0.0.0/8",
            "10.1.0.0/16",
            "10.1.2.0/24",
            "10.1.2.3/32",
            "10.1.2.9/24",
            "192.168.0.0/16",
            "::/0",
            "2001:db8::/32",
            "2001:db8:1::/48",
            "2001:db8::5/32",
        ];
        let protocols =
            [Protocol::All, Protocol::TCP, Protocol::UDP, Protocol::ICMP, Protocol::ICMPV6, Protocol::Number(47)];
        let ports = [None, Some((0, 65535)), Some((22, 22)), Some((1024, 65535)), Some((20, 30)), Some((30, 20))];
        let icmps = [None, Some((None, None)), Some((Some(8), None)), Some((Some(8), Some(0))), Some((None, Some(0)))];
        let mut x: u64 = 1;
        let mut next = |n: usize| {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (x >> 33) as usize % n
        };
        let mut hidden = 0;
        for round in 0..400 {
            let len = 1 + round % 40;
            let rules: Vec<NaclRule> = (0..len)
                .map(|_| NaclRule {
                    rule_number: 1 + next(12) as u32,
                    action: if next(2) == 0 { RuleAction::Allow } else { RuleAction::Deny },
                    protocol: protocols[next(protocols.len())],
                    ports: ports[next(ports.len())].map(|(a, b)| PortRange { from: a, to: b }),
                    icmp: icmps[next(icmps.len())].map(|(t, c)| Icmp { icmp_type: t, code: c }),
                    cidr: cidrs[next(cidrs.len())].parse().unwrap(),
                })
                .collect();
            let sorted = in_order(&rules);
            let brute: Vec<Option<usize>> = sorted
                .iter()
                .enumerate()
                .map(|(j, l)| sorted[..j].iter().position(|e| e.rule_number != l.rule_number && nacl_rule_covers(e, l)))
                .collect();
            assert_eq!(hiders(&sorted), brute, "{rules:#?}");
            hidden += brute.iter().flatten().count();
        }
        assert!(hidden > 1000, "the pools should make rules hide each other often: {hidden}");
    }

    #[test]
    fn quiet_when_the_deny_comes_first() {
        let mut d = sample();
        get_mut::<NetworkAcl>(&mut d, "acl-default").inbound.push(deny_ssh(50));
        quiet(&d, "nacl-rule-shadowed");
    }
}
