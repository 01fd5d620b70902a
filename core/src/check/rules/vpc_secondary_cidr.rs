//! `vpc-secondary-cidr`: a secondary block AWS would refuse: one that overlaps another block of the VPC, one in
//! 169.254.0.0/16, an RFC 1918 block from a different RFC 1918 range than the primary, an RFC 1918 block on a VPC
//! whose primary is public or 100.64.0.0/10, or more blocks than the default quota of 5 (SEMANTICS A2, A3, I1).

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::model::Network;
use crate::model::blocks::BlockIndex;
use crate::net::Ipv4Cidr;

pub(super) const RULE: Rule = Rule {
    code: "vpc-secondary-cidr",
    severity: Severity::Error,
    title_en: "A secondary VPC CIDR block breaks AWS's restrictions",
    title_ko: "보조 VPC CIDR 블록이 AWS 제한을 어깁니다",
    docs: docs::VPC_CIDR,
    refs: References::NONE,
    check,
};

/// More blocks than a VPC can have (50): beyond this many, overlaps are found through an index.
const MANY_BLOCKS: usize = 64;

const RFC1918: [&str; 3] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

fn rfc1918_range(c: &Ipv4Cidr) -> Option<usize> {
    RFC1918.iter().position(|r| r.parse::<Ipv4Cidr>().is_ok_and(|r| r.contains_cidr(c)))
}

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    let link_local = Ipv4Cidr::new([169, 254, 0, 0].into(), 16);
    for vpc in &net.design.vpcs {
        let name = show(&vpc.id, &vpc.name);
        let blocks: Vec<&Ipv4Cidr> = Network::vpc_cidrs(vpc).collect();
        // Many blocks (more than AWS allows) are indexed rather than compared pairwise.
        let index =
            (blocks.len() > MANY_BLOCKS).then(|| BlockIndex::new(blocks.iter().enumerate().map(|(j, b)| (**b, j, j))));
        for (i, c) in vpc.secondary_cidrs.iter().enumerate() {
            // The first block before this one (the primary is block 0, this one is block i + 1) that overlaps it.
            let first = match &index {
                Some(index) => index.first_overlapping(c).filter(|j| *j <= i).and_then(|j| blocks.get(j)),
                None => blocks[..i + 1].iter().find(|b| b.overlaps(c)),
            };
            let (en, ko) = if let Some(o) = first {
                (
                    format!("its secondary block {c} overlaps its block {o}; every block of a VPC must be distinct"),
                    format!("보조 블록 {c}가 기존 블록 {o}와 겹칩니다. VPC의 블록은 서로 겹칠 수 없습니다"),
                )
            } else if link_local.is_some_and(|ll| ll.overlaps(c)) {
                (
                    format!("its secondary block {c} is in 169.254.0.0/16, which a VPC can never use"),
                    format!("보조 블록 {c}는 VPC에서 쓸 수 없는 169.254.0.0/16 대역입니다"),
                )
            } else if let (Some(p), Some(s)) = (rfc1918_range(&vpc.cidr), rfc1918_range(c)) {
                if p == s {
                    continue;
                }
                (
                    format!(
                        "its secondary block {c} is from {}, but its primary block {} is from {}; a VPC cannot mix RFC 1918 ranges",
                        RFC1918[s], vpc.cidr, RFC1918[p]
                    ),
                    format!(
                        "보조 블록 {c}는 {} 대역인데 기본 블록 {}는 {} 대역입니다. 한 VPC에 서로 다른 RFC 1918 대역을 섞을 수 없습니다",
                        RFC1918[s], vpc.cidr, RFC1918[p]
                    ),
                )
            } else if rfc1918_range(&vpc.cidr).is_none() && rfc1918_range(c).is_some() {
                (
                    format!(
                        "its secondary block {c} is RFC 1918, but its primary block {} is not; AWS only adds RFC 1918 blocks to RFC 1918 VPCs",
                        vpc.cidr
                    ),
                    format!(
                        "보조 블록 {c}는 RFC 1918 대역이지만 기본 블록 {}는 아닙니다. RFC 1918 블록은 RFC 1918 VPC에만 추가할 수 있습니다",
                        vpc.cidr
                    ),
                )
            } else {
                continue;
            };
            sink.report([&vpc.id], format!("VPC {name}: {en}."), format!("VPC {name}: {ko}."));
        }
        if blocks.len() > 5 {
            sink.report(
                [&vpc.id],
                format!(
                    "VPC {name} has {} IPv4 blocks; the default quota is 5 per VPC (it can be raised to 50 on request).",
                    blocks.len()
                ),
                format!("VPC {name}의 IPv4 블록이 {}개입니다. 기본 할당량은 VPC당 5개입니다(요청하면 50개까지).", blocks.len()),
            )
            .with_severity(Severity::Warning);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::Severity;
    use crate::check::testing::*;
    use crate::doc::Vpc;

    #[test]
    fn fires_on_overlap_link_local_and_mixed_ranges() {
        for bad in ["10.0.128.0/17", "169.254.10.0/24", "192.168.0.0/16"] {
            let mut d = sample();
            get_mut::<Vpc>(&mut d, "vpc-main").secondary_cidrs = vec![cidr(bad)];
            fires(&d, "vpc-secondary-cidr", "vpc-main");
        }
    }

    #[test]
    fn warns_over_the_quota() {
        let mut d = sample();
        get_mut::<Vpc>(&mut d, "vpc-main").secondary_cidrs = (1..=5).map(|i| cidr(&format!("10.{i}.0.0/16"))).collect();
        assert_eq!(fires(&d, "vpc-secondary-cidr", "vpc-main").severity, Severity::Warning);
    }

    /// Past the blocks AWS allows, overlaps are found through an index; it names the first earlier block each time.
    #[test]
    fn many_blocks_name_the_first_earlier_overlap() {
        let mut d = sample();
        get_mut::<Vpc>(&mut d, "vpc-main").secondary_cidrs = (0..100u32)
            .map(|k| match (k % 7, k % 11) {
                (3, _) => cidr(&format!("10.{}.{}.0/24", k / 2, k)),
                (_, 5) => cidr(&format!("10.{}.0.0/12", k / 16 * 16)),
                _ => cidr(&format!("10.{}.0.0/16", k + 1)),
            })
            .collect();
        let blocks: Vec<_> = crate::model::Network::vpc_cidrs(get::<Vpc>(&d, "vpc-main")).copied().collect();
        let expected: Vec<String> = (1..blocks.len())
            .filter_map(|i| {
                let o = blocks[..i].iter().find(|b| b.overlaps(&blocks[i]))?;
                Some(format!("its secondary block {} overlaps its block {o};", blocks[i]))
            })
            .collect();
        let found: Vec<String> = findings(&d, "vpc-secondary-cidr")
            .into_iter()
            .filter_map(|f| f.message.en.split_once(": ").map(|(_, m)| m.to_owned()))
            .filter(|m| m.contains(" overlaps "))
            .map(|m| m.split(" every block").next().unwrap_or_default().to_owned())
            .collect();
        assert!(expected.len() > 20, "{expected:?}");
        assert_eq!(found, expected);
    }

    #[test]
    fn quiet_on_allowed_blocks() {
        let mut d = sample();
        get_mut::<Vpc>(&mut d, "vpc-main").secondary_cidrs = vec![cidr("10.1.0.0/16"), cidr("100.64.0.0/16")];
        quiet(&d, "vpc-secondary-cidr");
    }
}
