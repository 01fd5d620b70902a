//! `peering-overlap`: AWS refuses a peering between VPCs whose IPv4 blocks overlap, any block counted (SEMANTICS P2).

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::model::blocks::BlockIndex;
use crate::model::{HashMap, Network};
use crate::net::Ipv4Cidr;

pub(super) const RULE: Rule = Rule {
    code: "peering-overlap",
    severity: Severity::Error,
    title_en: "A VPC peering joins VPCs with overlapping CIDR blocks",
    title_ko: "VPC 피어링으로 연결된 두 VPC의 CIDR 블록이 겹칩니다",
    docs: docs::PEERING,
    refs: References::NONE,
    check,
};

/// More blocks than a VPC can have (50): beyond this many, a VPC's blocks are indexed rather than compared pairwise.
const MANY_BLOCKS: usize = 64;

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    let mut indexes: HashMap<&str, BlockIndex<usize>> = HashMap::default();
    for p in &net.design.vpc_peerings {
        let (Some(a), Some(b)) = (net.vpc(&p.requester_vpc), net.vpc(&p.accepter_vpc)) else { continue };
        if a.id == b.id {
            continue; // peering-self
        }
        let theirs: Vec<&Ipv4Cidr> = Network::vpc_cidrs(b).collect();
        // The first of a's blocks that overlaps one of b's, with the first of b's it overlaps.
        let clash = if theirs.len() > MANY_BLOCKS {
            let index = indexes
                .entry(b.id.as_str())
                .or_insert_with(|| BlockIndex::new(theirs.iter().enumerate().map(|(j, y)| (**y, j, j))));
            Network::vpc_cidrs(a).find_map(|x| index.first_overlapping(x).and_then(|j| theirs.get(j)).map(|y| (x, *y)))
        } else {
            Network::vpc_cidrs(a).find_map(|x| theirs.iter().find(|y| x.overlaps(y)).map(|y| (x, *y)))
        };
        if let Some((x, y)) = clash {
            sink.report(
                [&p.id, &a.id, &b.id],
                format!("Peering {} joins VPC {} and VPC {}, whose blocks {x} and {y} overlap; AWS refuses to peer overlapping VPCs, even through blocks you do not route. Re-address one of them.", p.id, show(&a.id, &a.name), show(&b.id, &b.name)),
                format!("피어링 {}가 연결하는 VPC {}와 VPC {}의 블록 {x}와 {y}가 겹칩니다. 라우팅하지 않는 블록이라도 겹치면 AWS는 피어링을 거부합니다. 한쪽의 주소 대역을 바꾸세요.", p.id, show(&a.id, &a.name), show(&b.id, &b.name)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::peering_self::tests::with_peer;
    use crate::check::testing::*;
    use crate::doc::Vpc;

    #[test]
    fn fires_on_overlapping_blocks() {
        fires(&with_peer("10.0.128.0/17"), "peering-overlap", "pcx-1");
        quiet(&with_peer("10.0.128.0/17"), "vpc-cidr-overlap");
    }

    /// Past the blocks AWS allows, the peer's blocks are indexed; the pair named is still the first one.
    #[test]
    fn many_blocks_name_the_first_overlapping_pair() {
        for late in [10u32, 40, 79] {
            let mut d = with_peer("172.16.0.0/16");
            get_mut::<Vpc>(&mut d, "vpc-main").secondary_cidrs = vec![cidr("10.20.0.0/16"), cidr("10.30.0.0/16")];
            get_mut::<Vpc>(&mut d, "vpc-b").secondary_cidrs = (0..80u32)
                .map(|k| if k == late { cidr("10.30.5.0/24") } else { cidr(&format!("172.{}.0.0/16", 17 + k % 15)) })
                .collect();
            get_mut::<Vpc>(&mut d, "vpc-b").secondary_cidrs.push(cidr("10.0.0.0/8"));
            let f = fires(&d, "peering-overlap", "pcx-1");
            // vpc-main's first block 10.0.0.0/16 first meets the peer's last block, 10.0.0.0/8.
            assert!(f.message.en.contains("whose blocks 10.0.0.0/16 and 10.0.0.0/8 overlap"), "{}", f.message.en);
            get_mut::<Vpc>(&mut d, "vpc-main").cidr = cidr("192.168.0.0/16");
            get_mut::<Vpc>(&mut d, "vpc-b").secondary_cidrs.pop();
            let f = fires(&d, "peering-overlap", "pcx-1");
            assert!(f.message.en.contains("whose blocks 10.30.0.0/16 and 10.30.5.0/24 overlap"), "{}", f.message.en);
        }
    }

    #[test]
    fn quiet_on_distinct_blocks() {
        quiet(&with_peer("10.1.0.0/16"), "peering-overlap");
    }
}
