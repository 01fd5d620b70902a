//! `peering-overlap`: AWS refuses a peering between VPCs whose IPv4 blocks overlap, any block counted (SEMANTICS P2).

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "peering-overlap",
    severity: Severity::Error,
    title_en: "A VPC peering joins VPCs with overlapping CIDR blocks",
    title_ko: "VPC 피어링으로 연결된 두 VPC의 CIDR 블록이 겹칩니다",
    docs: docs::PEERING,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for p in &net.design.vpc_peerings {
        let (Some(a), Some(b)) = (net.vpc(&p.requester_vpc), net.vpc(&p.accepter_vpc)) else { continue };
        if a.id == b.id {
            continue; // peering-self
        }
        let clash = Network::vpc_cidrs(a).find_map(|x| Network::vpc_cidrs(b).find(|y| x.overlaps(y)).map(|y| (x, y)));
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

    #[test]
    fn fires_on_overlapping_blocks() {
        fires(&with_peer("10.0.128.0/17"), "peering-overlap", "pcx-1");
        quiet(&with_peer("10.0.128.0/17"), "vpc-cidr-overlap");
    }

    #[test]
    fn quiet_on_distinct_blocks() {
        quiet(&with_peer("10.1.0.0/16"), "peering-overlap");
    }
}
