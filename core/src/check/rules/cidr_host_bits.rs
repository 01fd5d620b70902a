//! `cidr-host-bits`: a CIDR block written with host bits set (`10.0.0.5/16`). AWS accepts it and stores the
//! canonical block (`10.0.0.0/16`), which is rarely what the author meant to show (SEMANTICS A1).

use super::{docs, show};
use crate::check::{FixStep, References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "cidr-host-bits",
    severity: Severity::Warning,
    title_en: "A CIDR block has host bits set",
    title_ko: "CIDR 블록에 호스트 비트가 설정되어 있습니다",
    docs: docs::VPC_CIDR,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    let en = |what: &str, c: &crate::net::Ipv4Cidr| {
        format!(
            "{what} is written as {c}, which has host bits set; AWS stores it as {}. Write {} instead.",
            c.canonical(),
            c.canonical()
        )
    };
    let ko = |what: &str, c: &crate::net::Ipv4Cidr| {
        format!(
            "{what}가 {c}로 적혀 있는데 호스트 비트가 설정되어 있어 AWS는 {}로 저장합니다. {}로 적으세요.",
            c.canonical(),
            c.canonical()
        )
    };
    for vpc in &net.design.vpcs {
        let who = format!("VPC {}", show(&vpc.id, &vpc.name));
        if vpc.cidr.has_host_bits() {
            let fix = vec![FixStep::SetVpcCidr { vpc: vpc.id.clone(), cidr: vpc.cidr.canonical() }];
            sink.report([&vpc.id], en(&who, &vpc.cidr), ko(&who, &vpc.cidr)).with_fix(
                format!("Use {}", vpc.cidr.canonical()),
                format!("{} 사용", vpc.cidr.canonical()),
                fix,
            );
        }
        for (index, c) in vpc.secondary_cidrs.iter().enumerate().filter(|(_, c)| c.has_host_bits()) {
            let fix = vec![FixStep::SetVpcSecondaryCidr { vpc: vpc.id.clone(), index, cidr: c.canonical() }];
            let what = format!("A secondary block of {who}");
            sink.report([&vpc.id], en(&what, c), ko(&format!("{who}의 보조 블록"), c)).with_fix(
                format!("Use {}", c.canonical()),
                format!("{} 사용", c.canonical()),
                fix,
            );
        }
    }
    for s in &net.design.subnets {
        if s.cidr.has_host_bits() {
            let who = format!("Subnet {}", show(&s.id, &s.name));
            let fix = vec![FixStep::SetSubnetCidr { subnet: s.id.clone(), cidr: s.cidr.canonical() }];
            sink.report([&s.id], en(&who, &s.cidr), ko(&format!("서브넷 {}", show(&s.id, &s.name)), &s.cidr)).with_fix(
                format!("Use {}", s.cidr.canonical()),
                format!("{} 사용", s.cidr.canonical()),
                fix,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::{Subnet, Vpc};

    #[test]
    fn fires_with_a_fix_that_canonicalises() {
        let mut d = sample();
        get_mut::<Subnet>(&mut d, "subnet-private-a").cidr = cidr("10.0.10.7/24");
        let f = fires(&d, "cidr-host-bits", "subnet-private-a");
        assert!(f.message.en.contains("AWS stores it as 10.0.10.0/24"));
        let fixed = apply_fix(&d, &f);
        assert_eq!(get::<Subnet>(&fixed, "subnet-private-a").cidr, cidr("10.0.10.0/24"));
        quiet(&fixed, "cidr-host-bits");
    }

    #[test]
    fn fires_on_vpc_blocks() {
        let mut d = sample();
        get_mut::<Vpc>(&mut d, "vpc-main").cidr = cidr("10.0.3.0/16");
        let f = fires(&d, "cidr-host-bits", "vpc-main");
        assert_eq!(get::<Vpc>(&apply_fix(&d, &f), "vpc-main").cidr, cidr("10.0.0.0/16"));
    }

    #[test]
    fn quiet_on_canonical_blocks() {
        quiet(&sample(), "cidr-host-bits");
    }
}
