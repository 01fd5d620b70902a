//! `nat-gateway-cross-az`: a subnet routes to a NAT gateway in another Availability Zone. It works, but the subnet
//! loses its way out when that zone fails, and cross-zone traffic is billed (SEMANTICS N5). One NAT gateway per zone,
//! with a route table per zone, avoids both.

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::doc::RouteTarget;
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "nat-gateway-cross-az",
    severity: Severity::Info,
    title_en: "A subnet uses a NAT gateway in another Availability Zone",
    title_ko: "서브넷이 다른 가용 영역의 NAT 게이트웨이를 씁니다",
    docs: docs::NAT_GATEWAY,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for s in &net.design.subnets {
        let Some(table) = net.route_table_of(s) else { continue };
        for route in &table.routes {
            let RouteTarget::NatGateway(x) = &route.target else { continue };
            let Some(nat) = net.nat_gateway(x) else { continue };
            let Some(nat_subnet) = net.subnet(&nat.subnet) else { continue };
            if nat_subnet.availability_zone != s.availability_zone {
                sink.report(
                    [&s.id, &nat.id],
                    format!(
                        "Subnet {} ({}) reaches the internet through NAT gateway {} in {}: if {} fails, this subnet loses its way out, and the cross-zone traffic is billed. Give each zone its own NAT gateway and route table.",
                        show(&s.id, &s.name), s.availability_zone, show(&nat.id, &nat.name), nat_subnet.availability_zone, nat_subnet.availability_zone
                    ),
                    format!(
                        "서브넷 {}({})이 {}에 있는 NAT 게이트웨이 {}를 통해 인터넷에 나갑니다. {}에 장애가 나면 이 서브넷도 나갈 길을 잃고, 영역 간 트래픽 요금도 붙습니다. 영역마다 NAT 게이트웨이와 라우팅 테이블을 두세요.",
                        show(&s.id, &s.name), s.availability_zone, nat_subnet.availability_zone, show(&nat.id, &nat.name), nat_subnet.availability_zone
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::{RouteTable, RouteTarget};

    #[test]
    fn fires_when_zone_c_uses_the_nat_of_zone_a() {
        let mut d = sample();
        get_mut::<RouteTable>(&mut d, "rtb-private-c").routes[0].target = RouteTarget::NatGateway(id("nat-a"));
        fires(&d, "nat-gateway-cross-az", "subnet-private-c");
    }

    #[test]
    fn quiet_with_one_nat_per_zone() {
        quiet(&sample(), "nat-gateway-cross-az");
    }
}
