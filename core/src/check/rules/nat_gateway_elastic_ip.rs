//! `nat-gateway-elastic-ip`: a public NAT gateway needs an Elastic IP; a private one cannot have one (SEMANTICS N1,
//! N8).

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::doc::NatConnectivity;
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "nat-gateway-elastic-ip",
    severity: Severity::Error,
    title_en: "A public NAT gateway has no Elastic IP (or a private one has one)",
    title_ko: "퍼블릭 NAT 게이트웨이에 탄력적 IP가 없습니다(또는 프라이빗 NAT 게이트웨이에 있습니다)",
    docs: docs::NAT_GATEWAY,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for n in &net.design.nat_gateways {
        let name = show(&n.id, &n.name);
        match (n.connectivity, &n.elastic_ip) {
            (NatConnectivity::Public, None) => {
                sink.report(
                    [&n.id],
                    format!("Public NAT gateway {name} has no Elastic IP; AWS requires one to translate traffic to the internet. Allocate an Elastic IP and associate it."),
                    format!("퍼블릭 NAT 게이트웨이 {name}에 탄력적 IP가 없습니다. 인터넷으로 나가는 주소 변환에 반드시 필요합니다. 탄력적 IP를 할당해 연결하세요."),
                );
            }
            (NatConnectivity::Private, Some(e)) => {
                sink.report(
                    [&n.id, e],
                    format!("Private NAT gateway {name} has the Elastic IP {e}; a private NAT gateway translates to its private address and cannot hold one. Make it public or remove the Elastic IP."),
                    format!("프라이빗 NAT 게이트웨이 {name}에 탄력적 IP {e}가 있습니다. 프라이빗 NAT 게이트웨이는 사설 주소로 변환하므로 탄력적 IP를 가질 수 없습니다. 퍼블릭으로 바꾸거나 탄력적 IP를 떼세요."),
                );
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::{NatConnectivity, NatGateway};

    #[test]
    fn fires_without_an_elastic_ip() {
        let mut d = sample();
        get_mut::<NatGateway>(&mut d, "nat-a").elastic_ip = None;
        fires(&d, "nat-gateway-elastic-ip", "nat-a");
        let mut d = sample();
        get_mut::<NatGateway>(&mut d, "nat-a").connectivity = NatConnectivity::Private;
        fires(&d, "nat-gateway-elastic-ip", "nat-a");
    }

    #[test]
    fn quiet_with_one() {
        quiet(&sample(), "nat-gateway-elastic-ip");
    }
}
