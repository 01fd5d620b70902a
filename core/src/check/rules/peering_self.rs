//! `peering-self`: a VPC cannot peer with itself, and two VPCs can have only one peering between them (SEMANTICS P1).

use crate::model::HashMap;

use super::docs;
use crate::check::{References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "peering-self",
    severity: Severity::Error,
    title_en: "A VPC peers with itself, or two VPCs have more than one peering",
    title_ko: "VPC가 자기 자신과 피어링하거나, 두 VPC 사이에 피어링이 둘 이상 있습니다",
    docs: docs::PEERING,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    let mut pairs: HashMap<(&str, &str), &crate::doc::Id> = HashMap::default();
    for p in &net.design.vpc_peerings {
        if p.requester_vpc == p.accepter_vpc {
            sink.report(
                [&p.id],
                format!(
                    "Peering {} joins VPC {} with itself; a peering connects two different VPCs.",
                    p.id, p.requester_vpc
                ),
                format!(
                    "피어링 {}가 VPC {}를 자기 자신과 연결합니다. 피어링은 서로 다른 두 VPC를 연결합니다.",
                    p.id, p.requester_vpc
                ),
            );
            continue;
        }
        let key = if p.requester_vpc < p.accepter_vpc {
            (p.requester_vpc.as_str(), p.accepter_vpc.as_str())
        } else {
            (p.accepter_vpc.as_str(), p.requester_vpc.as_str())
        };
        if let Some(first) = pairs.insert(key, &p.id) {
            sink.report(
                [&p.id, first],
                format!(
                    "Peerings {first} and {} both join VPCs {} and {}; two VPCs can have only one peering.",
                    p.id, key.0, key.1
                ),
                format!(
                    "피어링 {first}와 {}가 모두 VPC {}와 {}를 연결합니다. 두 VPC 사이의 피어링은 하나뿐입니다.",
                    p.id, key.0, key.1
                ),
            );
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use crate::check::testing::*;
    use crate::doc::{Design, PeeringStatus, Vpc, VpcPeering};

    /// The sample plus `vpc-b` (with `block`) peered to `vpc-main` as `pcx-1`.
    pub fn with_peer(block: &str) -> Design {
        let mut d = sample();
        let mut v = get::<Vpc>(&d, "vpc-main").clone();
        v.id = id("vpc-b");
        v.cidr = cidr(block);
        d.vpcs.push(v);
        d.vpc_peerings.push(VpcPeering {
            id: id("pcx-1"),
            name: String::new(),
            requester_vpc: id("vpc-main"),
            accepter_vpc: id("vpc-b"),
            accepter_account: None,
            status: PeeringStatus::Active,
            tags: Default::default(),
        });
        d
    }

    #[test]
    fn fires_on_self_and_on_a_second_peering() {
        let mut d = with_peer("10.1.0.0/16");
        get_mut::<VpcPeering>(&mut d, "pcx-1").accepter_vpc = id("vpc-main");
        fires(&d, "peering-self", "pcx-1");
        let mut d = with_peer("10.1.0.0/16");
        let mut again = get::<VpcPeering>(&d, "pcx-1").clone();
        again.id = id("pcx-2");
        std::mem::swap(&mut again.requester_vpc, &mut again.accepter_vpc);
        d.vpc_peerings.push(again);
        fires(&d, "peering-self", "pcx-2");
    }

    #[test]
    fn quiet_on_one_peering() {
        quiet(&with_peer("10.1.0.0/16"), "peering-self");
    }
}
