//! `subnet-cidr-size`: a subnet block must be between /16 and /28 (SEMANTICS A4).

use super::{docs, show};
use crate::check::cidr::SUBNET_PREFIX_LENS;
use crate::check::{References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "subnet-cidr-size",
    severity: Severity::Error,
    title_en: "A subnet block is not between /16 and /28",
    title_ko: "서브넷 블록 크기가 /16~/28 범위를 벗어납니다",
    docs: docs::SUBNET_SIZE,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for s in net.design.subnets.iter().filter(|s| !SUBNET_PREFIX_LENS.contains(&s.cidr.prefix_len())) {
        sink.report(
            [&s.id],
            format!(
                "Subnet {} has the block {}: a subnet must be between /16 and /28 (a /28 leaves 11 usable addresses after the 5 AWS reserves).",
                show(&s.id, &s.name),
                s.cidr
            ),
            format!(
                "서브넷 {}의 블록 {}: 서브넷은 /16에서 /28 사이여야 합니다(/28이면 AWS 예약 주소 5개를 빼고 11개를 쓸 수 있습니다).",
                show(&s.id, &s.name),
                s.cidr
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::Subnet;

    #[test]
    fn fires_on_a_slash_29() {
        let mut d = sample();
        get_mut::<Subnet>(&mut d, "subnet-public-a").cidr = cidr("10.0.0.0/29");
        fires(&d, "subnet-cidr-size", "subnet-public-a");
    }

    #[test]
    fn quiet_on_a_slash_28() {
        let mut d = sample();
        get_mut::<Subnet>(&mut d, "subnet-public-a").cidr = cidr("10.0.0.0/28");
        quiet(&d, "subnet-cidr-size");
    }
}
