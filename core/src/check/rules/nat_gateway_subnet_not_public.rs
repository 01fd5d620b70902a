//! `nat-gateway-subnet-not-public`: a public NAT gateway must sit in a public subnet (one whose route table sends
//! traffic to an internet gateway); otherwise every private subnet routing to it has no way out (SEMANTICS N1).

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::doc::{NatConnectivity, RouteTarget};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "nat-gateway-subnet-not-public",
    severity: Severity::Error,
    title_en: "A public NAT gateway sits in a subnet without a route to an internet gateway",
    title_ko: "퍼블릭 NAT 게이트웨이가 인터넷 게이트웨이로 가는 라우트가 없는 서브넷에 있습니다",
    docs: docs::NAT_GATEWAY,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for n in net.design.nat_gateways.iter().filter(|n| n.connectivity == NatConnectivity::Public) {
        let Some(subnet) = net.subnet(&n.subnet) else { continue };
        if net.is_public(subnet) {
            continue;
        }
        let users: Vec<_> =
            net.relations().route_tables_routing_to(&RouteTarget::NatGateway(n.id.clone())).map(|t| &t.id).collect();
        let list = users.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(", ");
        let (also, also_ko) = if users.is_empty() {
            (String::new(), String::new())
        } else {
            (
                format!(" Route tables {list} send traffic to it, which will never reach the internet."),
                format!(" 이 게이트웨이로 보내는 라우팅 테이블 {list}의 트래픽은 인터넷에 닿지 못합니다."),
            )
        };
        sink.report(
            std::iter::once(&n.id).chain([&subnet.id]).chain(users.iter().copied()),
            format!(
                "NAT gateway {} is in {}, which has no route to an internet gateway.{also} Put the NAT gateway in a public subnet, or add a 0.0.0.0/0 route to the internet gateway in its subnet's route table.",
                show(&n.id, &n.name),
                show(&subnet.id, &subnet.name)
            ),
            format!(
                "NAT 게이트웨이 {}가 인터넷 게이트웨이로 가는 라우트가 없는 {}에 있습니다.{also_ko} NAT 게이트웨이를 퍼블릭 서브넷에 두거나, 그 서브넷의 라우팅 테이블에 인터넷 게이트웨이로 가는 0.0.0.0/0 라우트를 추가하세요.",
                show(&n.id, &n.name),
                show(&subnet.id, &subnet.name)
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::NatGateway;

    #[test]
    fn fires_in_a_private_subnet_and_names_its_users() {
        let mut d = sample();
        get_mut::<NatGateway>(&mut d, "nat-a").subnet = id("subnet-private-c");
        get_mut::<NatGateway>(&mut d, "nat-a").private_ip = None;
        let f = fires(&d, "nat-gateway-subnet-not-public", "nat-a");
        assert!(f.resources.iter().any(|r| r.as_str() == "rtb-private-a"));
    }

    #[test]
    fn quiet_in_a_public_subnet() {
        quiet(&sample(), "nat-gateway-subnet-not-public");
    }
}
