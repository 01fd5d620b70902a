//! `vpc-cidr-overlap`: two VPCs of the design use overlapping blocks. Legal, but they can never be peered or routed
//! to each other through a transit gateway, and overlapping ranges confuse everyone (SEMANTICS P2, T7).
//! Peered VPCs with overlapping blocks are `peering-overlap`, an error.

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "vpc-cidr-overlap",
    severity: Severity::Warning,
    title_en: "Two VPCs use overlapping CIDR blocks",
    title_ko: "두 VPC의 CIDR 블록이 겹칩니다",
    docs: docs::VPC_CIDR,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    // Sort every block by start address and sweep, so that n VPCs cost n log n rather than n².
    let mut blocks: Vec<(u32, u32, usize)> = Vec::new();
    for (i, vpc) in net.design.vpcs.iter().enumerate() {
        for c in Network::vpc_cidrs(vpc) {
            blocks.push((u32::from(c.network()), u32::from(c.broadcast()), i));
        }
    }
    blocks.sort_unstable();
    let mut pairs = std::collections::BTreeSet::new();
    let mut open: Vec<(u32, usize)> = Vec::new(); // (end, vpc) of blocks that may still overlap
    for (start, end, i) in blocks {
        open.retain(|(e, _)| *e >= start);
        for (_, j) in &open {
            if *j != i {
                pairs.insert((*j.min(&i), *j.max(&i)));
            }
        }
        open.push((end, i));
    }
    for (a, b) in pairs {
        let (Some(va), Some(vb)) = (net.design.vpcs.get(a), net.design.vpcs.get(b)) else { continue };
        if net.relations().peered(&va.id, &vb.id).any {
            continue; // peering-overlap reports it as an error
        }
        sink.report(
            [&va.id, &vb.id],
            format!(
                "VPCs {} ({}) and {} ({}) have overlapping blocks: they can never be peered or routed to each other. Give one of them a distinct range.",
                show(&va.id, &va.name),
                va.cidr,
                show(&vb.id, &vb.name),
                vb.cidr
            ),
            format!(
                "VPC {}({})와 {}({})의 블록이 겹칩니다. 두 VPC는 피어링하거나 서로 라우팅할 수 없습니다. 한쪽에 겹치지 않는 대역을 주세요.",
                show(&va.id, &va.name),
                va.cidr,
                show(&vb.id, &vb.name),
                vb.cidr
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::Vpc;

    fn with_second_vpc(block: &str) -> crate::doc::Design {
        let mut d = sample();
        let mut other = get::<Vpc>(&d, "vpc-main").clone();
        other.id = id("vpc-other");
        other.cidr = cidr(block);
        d.vpcs.push(other);
        d
    }

    #[test]
    fn fires_on_overlapping_vpcs() {
        let f = fires(&with_second_vpc("10.0.128.0/20"), "vpc-cidr-overlap", "vpc-other");
        assert!(f.resources.iter().any(|r| r.as_str() == "vpc-main"));
    }

    #[test]
    fn quiet_on_distinct_vpcs() {
        quiet(&with_second_vpc("10.1.0.0/16"), "vpc-cidr-overlap");
    }
}
