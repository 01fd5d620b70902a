//! `vpc-cidr-size`: a VPC block must be between /16 and /28 (SEMANTICS A1, A2).

use super::{docs, show};
use crate::check::cidr::VPC_PREFIX_LENS;
use crate::check::{References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "vpc-cidr-size",
    severity: Severity::Error,
    title_en: "A VPC CIDR block is not between /16 and /28",
    title_ko: "VPC CIDR 블록 크기가 /16~/28 범위를 벗어납니다",
    docs: docs::VPC_CIDR,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for vpc in &net.design.vpcs {
        for c in Network::vpc_cidrs(vpc).filter(|c| !VPC_PREFIX_LENS.contains(&c.prefix_len())) {
            let hint = if c.prefix_len() < *VPC_PREFIX_LENS.start() {
                "split it, or use a /16"
            } else {
                "use a /28 or larger block"
            };
            let hint_ko = if c.prefix_len() < *VPC_PREFIX_LENS.start() {
                "/16으로 줄이세요"
            } else {
                "/28 이상으로 키우세요"
            };
            sink.report(
                [&vpc.id],
                format!(
                    "VPC {} has the block {c}: a VPC block must be between /16 (65,536 addresses) and /28 (16 addresses); {hint}.",
                    show(&vpc.id, &vpc.name)
                ),
                format!(
                    "VPC {}의 블록 {c}: VPC 블록은 /16(주소 65,536개)에서 /28(주소 16개) 사이여야 합니다. {hint_ko}.",
                    show(&vpc.id, &vpc.name)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::Vpc;

    #[test]
    fn fires_on_a_slash_8_and_a_slash_29() {
        let mut d = sample();
        get_mut::<Vpc>(&mut d, "vpc-main").cidr = cidr("10.0.0.0/8");
        fires(&d, "vpc-cidr-size", "vpc-main");
        get_mut::<Vpc>(&mut d, "vpc-main").cidr = cidr("10.0.0.0/29");
        fires(&d, "vpc-cidr-size", "vpc-main");
    }

    #[test]
    fn quiet_at_the_limits() {
        let mut d = sample();
        get_mut::<Vpc>(&mut d, "vpc-main").secondary_cidrs = vec![cidr("10.1.0.0/28")];
        quiet(&d, "vpc-cidr-size");
    }
}
