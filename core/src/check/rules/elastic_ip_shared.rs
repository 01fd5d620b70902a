//! `elastic-ip-shared`: an Elastic IP is associated with one thing at a time.

use super::{docs, elastic_ip_unattached::holders, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "elastic-ip-shared",
    severity: Severity::Error,
    title_en: "An Elastic IP is associated with more than one resource",
    title_ko: "탄력적 IP 하나가 여러 리소스에 연결되어 있습니다",
    docs: docs::ELASTIC_IP,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    let all = holders(net);
    for e in &net.design.elastic_ips {
        let Some(holders) = all.get(e.id.as_str()) else { continue };
        if holders.len() > 1 {
            let list = holders.iter().map(|h| h.to_string()).collect::<Vec<_>>().join(", ");
            sink.report(
                std::iter::once(&e.id).chain(holders.iter().copied()),
                format!("Elastic IP {} is associated with {list}; it can be associated with one of them only. Allocate another Elastic IP.", show(&e.id, &e.name)),
                format!("탄력적 IP {}가 {list}에 함께 연결되어 있습니다. 한 번에 하나에만 연결할 수 있습니다. 탄력적 IP를 하나 더 할당하세요.", show(&e.id, &e.name)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::NatGateway;

    #[test]
    fn fires_on_two_holders() {
        let mut d = sample();
        get_mut::<NatGateway>(&mut d, "nat-c").elastic_ip = Some(id("eip-nat-a"));
        fires(&d, "elastic-ip-shared", "nat-c");
    }

    #[test]
    fn quiet_on_one_holder_each() {
        quiet(&sample(), "elastic-ip-shared");
    }
}
