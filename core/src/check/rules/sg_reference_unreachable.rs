//! `sg-reference-unreachable`: a security-group rule may name a group of its own VPC, of a peered VPC in the same
//! Region (active peering), or, with security-group referencing enabled, of a VPC on the same transit gateway. A
//! reference to any other group matches nothing (SEMANTICS S7).

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::doc::{Id, RulePeer};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "sg-reference-unreachable",
    severity: Severity::Error,
    title_en: "A security-group rule references a group in a VPC it cannot see",
    title_ko: "보안 그룹 규칙이 참조할 수 없는 VPC의 그룹을 가리킵니다",
    docs: docs::SG_RULES,
    refs: References::NONE,
    check,
};

fn peered_same_region(net: &Network<'_>, a: &Id, b: &Id) -> bool {
    let region = |v: &Id| net.vpc(v).map(|v| &v.region);
    net.relations().peered(a, b).active && region(a) == region(b)
}

fn on_same_tgw_with_referencing(net: &Network<'_>, a: &Id, b: &Id) -> bool {
    let attachment = |v: &Id| net.relations().referencing_transit_gateway(v);
    match (attachment(a), attachment(b)) {
        (Some(x), Some(y)) => x == y && net.transit_gateway(x).is_some_and(|t| t.security_group_referencing),
        _ => false,
    }
}

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for g in &net.design.security_groups {
        for rule in g.inbound.iter().chain(&g.outbound) {
            let RulePeer::SecurityGroup { group, account: None } = &rule.peer else { continue };
            let Some(other) = net.security_group(group) else { continue };
            if other.vpc == g.vpc
                || peered_same_region(net, &g.vpc, &other.vpc)
                || on_same_tgw_with_referencing(net, &g.vpc, &other.vpc)
            {
                continue;
            }
            sink.report(
                [&g.id, &other.id],
                format!(
                    "Security group {} (VPC {}) has a rule naming {} in VPC {}, which is neither its VPC nor a same-Region peer with an active peering, so the rule matches nothing. Peer the VPCs or use the other VPC's CIDR block.",
                    show(&g.id, &g.name), g.vpc, show(&other.id, &other.name), other.vpc
                ),
                format!(
                    "보안 그룹 {}(VPC {})의 규칙이 VPC {}의 {}를 가리키지만, 그 VPC는 같은 VPC도, 활성 피어링으로 연결된 같은 리전의 VPC도 아니어서 규칙이 아무것에도 일치하지 않습니다. VPC를 피어링하거나 상대 VPC의 CIDR 블록을 쓰세요.",
                    show(&g.id, &g.name), g.vpc, other.vpc, show(&other.id, &other.name)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::{Design, PeeringStatus, SecurityGroup, Vpc, VpcPeering};

    fn two_vpcs() -> Design {
        let mut d = sample();
        let mut v = get::<Vpc>(&d, "vpc-main").clone();
        v.id = id("vpc-b");
        v.cidr = cidr("10.1.0.0/16");
        d.vpcs.push(v);
        let mut g = get::<SecurityGroup>(&d, "sg-bastion").clone();
        g.id = id("sg-b");
        g.vpc = id("vpc-b");
        d.security_groups.push(g);
        get_mut::<SecurityGroup>(&mut d, "sg-web").inbound[1].peer =
            crate::doc::RulePeer::SecurityGroup { group: id("sg-b"), account: None };
        d
    }

    #[test]
    fn fires_across_unpeered_vpcs() {
        fires(&two_vpcs(), "sg-reference-unreachable", "sg-web");
    }

    #[test]
    fn quiet_across_an_active_peering() {
        let mut d = two_vpcs();
        d.vpc_peerings.push(VpcPeering {
            id: id("pcx-1"),
            name: String::new(),
            requester_vpc: id("vpc-main"),
            accepter_vpc: id("vpc-b"),
            accepter_account: None,
            status: PeeringStatus::Active,
            tags: Default::default(),
        });
        quiet(&d, "sg-reference-unreachable");
        quiet(&sample(), "sg-reference-unreachable");
    }
}
