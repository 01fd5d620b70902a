//! `vpc-multiple-internet-gateways`: a VPC can have at most one internet gateway attached (SEMANTICS I1).

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "vpc-multiple-internet-gateways",
    severity: Severity::Error,
    title_en: "A VPC has more than one internet gateway",
    title_ko: "VPC에 인터넷 게이트웨이가 둘 이상 연결되어 있습니다",
    docs: docs::INTERNET_GATEWAY,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for vpc in &net.design.vpcs {
        let igws: Vec<_> = net.internet_gateways_of(&vpc.id).map(|g| &g.id).collect();
        if igws.len() > 1 {
            let list = igws.iter().map(|g| g.to_string()).collect::<Vec<_>>().join(", ");
            sink.report(
                std::iter::once(&vpc.id).chain(igws.iter().copied()),
                format!("VPC {} has {} internet gateways attached ({list}); a VPC can have only one. Detach the others.", show(&vpc.id, &vpc.name), igws.len()),
                format!("VPC {}에 인터넷 게이트웨이 {}개({list})가 연결되어 있습니다. VPC에는 하나만 연결할 수 있습니다. 나머지를 분리하세요.", show(&vpc.id, &vpc.name), igws.len()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::InternetGateway;

    #[test]
    fn fires_on_two() {
        let mut d = sample();
        let mut second = get::<InternetGateway>(&d, "igw-main").clone();
        second.id = id("igw-second");
        d.internet_gateways.push(second);
        fires(&d, "vpc-multiple-internet-gateways", "igw-second");
    }

    #[test]
    fn quiet_on_one() {
        quiet(&sample(), "vpc-multiple-internet-gateways");
    }
}
