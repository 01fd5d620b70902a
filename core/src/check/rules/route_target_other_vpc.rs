//! `route-target-other-vpc`: a route's target must belong to the route table's VPC: the internet or virtual private
//! gateway attached to it, its NAT gateways, endpoints and interfaces, a peering it is part of, a transit gateway it
//! has an attachment to (SEMANTICS R-section, T5).

use super::docs;
use crate::check::{References, Rule, Severity, Sink};
use crate::doc::{EndpointKind, RouteTarget};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "route-target-other-vpc",
    severity: Severity::Error,
    title_en: "A route's target does not belong to the route table's VPC",
    title_ko: "라우트 대상이 라우팅 테이블의 VPC에 속하지 않습니다",
    docs: docs::ROUTE_TABLES,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for table in &net.design.route_tables {
        let vpc = &table.vpc;
        for route in &table.routes {
            let problem: Option<(String, String, &crate::doc::Id)> = match &route.target {
                RouteTarget::InternetGateway(x) => net.internet_gateway(x).and_then(|g| match &g.vpc {
                    Some(v) if v != vpc => {
                        Some((format!("is attached to VPC {v}"), format!("VPC {v}에 연결되어 있습니다"), x))
                    }
                    _ => None,
                }),
                RouteTarget::VpnGateway(x) => net.vpn_gateway(x).and_then(|g| match &g.vpc {
                    Some(v) if v != vpc => {
                        Some((format!("is attached to VPC {v}"), format!("VPC {v}에 연결되어 있습니다"), x))
                    }
                    _ => None,
                }),
                RouteTarget::NatGateway(x) => net.nat_gateway(x).and_then(|n| {
                    let v = &net.subnet(&n.subnet)?.vpc;
                    (v != vpc).then(|| (format!("is in VPC {v}"), format!("VPC {v}에 있습니다"), x))
                }),
                RouteTarget::NetworkInterface(x) | RouteTarget::Instance(x) => {
                    let subnet = net
                        .network_interface(x)
                        .map(|n| &n.subnet)
                        .or_else(|| net.instance(x).map(|i| &i.subnet))
                        .or_else(|| net.relations().instance_with_interface(x).map(|i| &i.subnet));
                    subnet.and_then(|s| net.subnet(s)).and_then(|s| {
                        (&s.vpc != vpc)
                            .then(|| (format!("is in VPC {}", s.vpc), format!("VPC {}에 있습니다", s.vpc), x))
                    })
                }
                RouteTarget::VpcPeering(x) => net.vpc_peering(x).and_then(|p| {
                    (&p.requester_vpc != vpc && &p.accepter_vpc != vpc).then(|| {
                        (
                            format!("connects {} and {}, not this VPC", p.requester_vpc, p.accepter_vpc),
                            format!("{}와 {}를 잇는 피어링이며 이 VPC와는 무관합니다", p.requester_vpc, p.accepter_vpc),
                            x,
                        )
                    })
                }),
                RouteTarget::GatewayEndpoint(x) => net.vpc_endpoint(x).and_then(|e| {
                    if &e.vpc != vpc {
                        Some((format!("is in VPC {}", e.vpc), format!("VPC {}에 있습니다", e.vpc), x))
                    } else if matches!(e.endpoint, EndpointKind::Interface { .. }) {
                        Some((
                            "is an interface endpoint, which is reached through its network interfaces, not by route"
                                .to_owned(),
                            "인터페이스 엔드포인트이므로 라우트가 아니라 네트워크 인터페이스로 접근합니다".to_owned(),
                            x,
                        ))
                    } else {
                        None
                    }
                }),
                RouteTarget::TransitGateway(x) => net.transit_gateway(x).and_then(|_| {
                    (!net.relations().is_attached(x, vpc)).then(|| {
                        (
                            "has no attachment to this VPC; attach the VPC to it first".to_owned(),
                            "이 VPC와의 연결(attachment)이 없습니다. 먼저 VPC를 연결하세요".to_owned(),
                            x,
                        )
                    })
                }),
                RouteTarget::Local | RouteTarget::Blackhole => None,
            };
            if let Some((en, ko, target)) = problem {
                sink.report(
                    [&table.id, target],
                    format!(
                        "Route table {} (VPC {vpc}) sends {} to {target}, which {en}. AWS refuses routes to another VPC's resources.",
                        table.id, route.destination_text()
                    ),
                    format!(
                        "라우팅 테이블 {}(VPC {vpc})이 {}를 {target}로 보내는데, 이 대상은 {ko}. AWS는 다른 VPC의 리소스로 가는 라우트를 허용하지 않습니다.",
                        table.id, route.destination_text()
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::{InternetGateway, RouteTable, RouteTarget, Vpc};

    fn with_second_vpc() -> crate::doc::Design {
        let mut d = sample();
        let mut other = get::<Vpc>(&d, "vpc-main").clone();
        other.id = id("vpc-b");
        other.cidr = cidr("10.9.0.0/16");
        d.vpcs.push(other);
        let mut igw = get::<InternetGateway>(&d, "igw-main").clone();
        igw.id = id("igw-b");
        igw.vpc = Some(id("vpc-b"));
        d.internet_gateways.push(igw);
        d
    }

    #[test]
    fn fires_on_another_vpcs_gateway() {
        let mut d = with_second_vpc();
        get_mut::<RouteTable>(&mut d, "rtb-public").routes[0].target = RouteTarget::InternetGateway(id("igw-b"));
        fires(&d, "route-target-other-vpc", "igw-b");
    }

    #[test]
    fn fires_on_a_transit_gateway_without_attachment() {
        let mut d = sample();
        d.transit_gateways.push(crate::doc::TransitGateway {
            id: id("tgw-1"),
            name: String::new(),
            region: id("ap-northeast-2"),
            amazon_side_asn: None,
            default_association_route_table: None,
            default_propagation_route_table: None,
            security_group_referencing: false,
            tags: Default::default(),
        });
        get_mut::<RouteTable>(&mut d, "rtb-private-a").routes[0].target = RouteTarget::TransitGateway(id("tgw-1"));
        fires(&d, "route-target-other-vpc", "tgw-1");
    }

    #[test]
    fn quiet_on_own_targets() {
        quiet(&with_second_vpc(), "route-target-other-vpc");
    }
}
