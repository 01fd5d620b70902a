//! `elastic-ip-unattached`: an Elastic IP that nothing holds costs money and does nothing (Security Hub EC2.12).

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "elastic-ip-unattached",
    severity: Severity::Warning,
    title_en: "An Elastic IP is not associated with anything",
    title_ko: "탄력적 IP가 어디에도 연결되어 있지 않습니다",
    docs: docs::ELASTIC_IP,
    refs: References { security_hub: &["EC2.12"], checkov: &["CKV2_AWS_19"], cfn_lint: &[] },
    check,
};

/// For each Elastic IP named anywhere, the resources that name it, in document order.
pub(super) fn holders<'d>(net: &Network<'d>) -> crate::model::HashMap<&'d str, Vec<&'d crate::doc::Id>> {
    let d = net.design;
    let mut out: crate::model::HashMap<&str, Vec<&crate::doc::Id>> = std::collections::HashMap::default();
    let named = d
        .instances
        .iter()
        .map(|i| (&i.elastic_ip, &i.id))
        .chain(d.network_interfaces.iter().map(|n| (&n.elastic_ip, &n.id)))
        .chain(d.nat_gateways.iter().map(|n| (&n.elastic_ip, &n.id)));
    for (eip, holder) in named {
        if let Some(e) = eip {
            out.entry(e.as_str()).or_default().push(holder);
        }
    }
    out
}

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    let held = holders(net);
    for e in net.design.elastic_ips.iter().filter(|e| !held.contains_key(e.id.as_str())) {
        sink.report(
            [&e.id],
            format!("Elastic IP {} is not associated with an instance, network interface or NAT gateway; an idle Elastic IP is billed. Associate it or release it.", show(&e.id, &e.name)),
            format!("탄력적 IP {}가 인스턴스, 네트워크 인터페이스, NAT 게이트웨이 어디에도 연결되어 있지 않습니다. 쓰지 않는 탄력적 IP에도 요금이 붙습니다. 연결하거나 해제하세요.", show(&e.id, &e.name)),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::NatGateway;

    #[test]
    fn fires_on_an_idle_address() {
        let mut d = sample();
        get_mut::<NatGateway>(&mut d, "nat-a").elastic_ip = None;
        fires(&d, "elastic-ip-unattached", "eip-nat-a");
    }

    #[test]
    fn quiet_when_held() {
        quiet(&sample(), "elastic-ip-unattached");
    }
}
