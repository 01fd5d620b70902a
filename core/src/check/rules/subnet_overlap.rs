//! `subnet-overlap`: subnets of one VPC must not overlap (SEMANTICS A4). The fix moves the later subnet to the next
//! free block of its size.

use std::collections::BTreeMap;

use super::{docs, show};
use crate::check::{FixStep, References, Rule, Severity, Sink};
use crate::model::Network;
use crate::net::Ipv4Cidr;

pub(super) const RULE: Rule = Rule {
    code: "subnet-overlap",
    severity: Severity::Error,
    title_en: "Two subnets of a VPC overlap",
    title_ko: "한 VPC의 두 서브넷이 겹칩니다",
    docs: docs::SUBNET_SIZE,
    refs: References { security_hub: &[], checkov: &[], cfn_lint: &["E3060"] },
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for vpc in &net.design.vpcs {
        // Sort by start address and sweep: each subnet is compared with the ones still open.
        let mut subnets: Vec<_> = net.subnets_of(&vpc.id).collect();
        subnets.sort_by_key(|s| (u32::from(s.cidr.network()), s.cidr.prefix_len()));
        let mut open: Vec<&crate::doc::Subnet> = Vec::new();
        let blocks: Vec<Ipv4Cidr> = Network::vpc_cidrs(vpc).copied().collect();
        let used: Vec<Ipv4Cidr> = subnets.iter().map(|s| s.cidr).collect();
        // The hint depends only on the prefix length: work each one out once.
        let mut hints = BTreeMap::new();
        for s in subnets {
            open.retain(|o| o.cidr.broadcast() >= s.cidr.network());
            if let Some(o) = open.iter().find(|o| o.cidr.overlaps(&s.cidr)) {
                let (free, hint, hint_ko) = hints
                    .entry(s.cidr.prefix_len())
                    .or_insert_with(|| super::free_block_hint(&blocks, &used, s.cidr.prefix_len()))
                    .clone();
                let d = sink.report(
                    [&s.id, &o.id],
                    format!(
                        "Subnets {} ({}) and {} ({}) overlap; subnets of a VPC must not share addresses.{hint}",
                        show(&s.id, &s.name),
                        s.cidr,
                        show(&o.id, &o.name),
                        o.cidr
                    ),
                    format!(
                        "서브넷 {}({})과 {}({})이 겹칩니다. 한 VPC의 서브넷은 주소를 공유할 수 없습니다.{hint_ko}",
                        show(&s.id, &s.name),
                        s.cidr,
                        show(&o.id, &o.name),
                        o.cidr
                    ),
                );
                if let Some(f) = free {
                    d.with_fix(
                        format!("Move {} to {f}", s.id),
                        format!("{}을 {f}로 옮기기", s.id),
                        vec![FixStep::SetSubnetCidr { subnet: s.id.clone(), cidr: f }],
                    );
                }
            }
            open.push(s);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::Subnet;

    #[test]
    fn fires_on_overlap_and_the_fix_resolves_it() {
        let mut d = sample();
        get_mut::<Subnet>(&mut d, "subnet-private-c").cidr = cidr("10.0.10.128/25");
        let f = fires(&d, "subnet-overlap", "subnet-private-c");
        assert!(f.message.en.contains("The next free /25 is 10.0.2.0/25"), "{}", f.message.en);
        quiet(&apply_fix(&d, &f), "subnet-overlap");
    }

    #[test]
    fn quiet_on_adjacent_subnets() {
        let mut d = sample();
        get_mut::<Subnet>(&mut d, "subnet-private-c").cidr = cidr("10.0.11.0/24");
        quiet(&d, "subnet-overlap");
    }
}
