//! `route-more-specific-than-local`: inside a VPC's own range the local route wins. AWS accepts a more specific
//! route there only when its destination is exactly one of the VPC's subnet blocks and its target is a NAT gateway
//! or a network interface (middlebox insertion); everything else is refused (SEMANTICS R3).

use super::docs;
use crate::check::{References, Rule, Severity, Sink};
use crate::doc::{RouteDestination, RouteTarget};
use crate::model::{HashMap, HashSet, Network};
use crate::net::Ipv4Cidr;

pub(super) const RULE: Rule = Rule {
    code: "route-more-specific-than-local",
    severity: Severity::Error,
    title_en: "A route inside the VPC's range overrides the local route where AWS does not allow it",
    title_ko: "VPC 대역 안의 라우트가 허용되지 않는 방식으로 local 라우트를 덮어씁니다",
    docs: docs::ROUTE_TABLES,
    refs: References::NONE,
    check,
};

/// The canonical block of every subnet, by VPC id.
fn subnet_blocks<'d>(net: &Network<'d>) -> HashMap<&'d str, HashSet<Ipv4Cidr>> {
    let mut out: HashMap<&str, HashSet<Ipv4Cidr>> = HashMap::default();
    for s in &net.design.subnets {
        out.entry(s.vpc.as_str()).or_default().insert(s.cidr.canonical());
    }
    out
}

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    let mut subnets = None;
    for table in &net.design.route_tables {
        let Some(vpc) = net.vpc(&table.vpc) else { continue };
        for route in &table.routes {
            let RouteDestination::Cidr(dest) = &route.destination else { continue };
            let Some(block) = Network::vpc_cidrs(vpc).find(|b| b.contains_cidr(dest)) else { continue };
            if matches!(route.target, RouteTarget::Local) && dest == block {
                continue;
            }
            let middlebox = matches!(
                route.target,
                RouteTarget::NatGateway(_) | RouteTarget::NetworkInterface(_) | RouteTarget::Instance(_)
            );
            let is_subnet = subnets
                .get_or_insert_with(|| subnet_blocks(net))
                .get(vpc.id.as_str())
                .is_some_and(|blocks| blocks.contains(&dest.canonical()));
            if middlebox && is_subnet {
                continue;
            }
            sink.report(
                [&table.id],
                format!(
                    "Route table {} sends {dest} to {}, but {dest} is inside the VPC block {block}, where the local route wins. AWS only accepts such a route when it names exactly a subnet's block and targets a NAT gateway or a network interface.",
                    table.id, route.target.text()
                ),
                format!(
                    "라우팅 테이블 {}이 {dest}를 {}로 보내지만 {dest}는 VPC 블록 {block} 안에 있어 local 라우트가 우선합니다. AWS는 목적지가 정확히 서브넷 블록이고 대상이 NAT 게이트웨이나 네트워크 인터페이스일 때만 이런 라우트를 허용합니다.",
                    table.id, route.target.text()
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::{Route, RouteDestination, RouteTable, RouteTarget};

    fn route(dest: &str, target: RouteTarget) -> Route {
        Route { destination: RouteDestination::Cidr(cidr(dest)), target }
    }

    #[test]
    fn fires_on_a_vpn_route_inside_the_vpc() {
        let mut d = sample();
        get_mut::<RouteTable>(&mut d, "rtb-private-a")
            .routes
            .push(route("10.0.11.0/24", RouteTarget::InternetGateway(id("igw-main"))));
        fires(&d, "route-more-specific-than-local", "rtb-private-a");
        let mut d = sample();
        get_mut::<RouteTable>(&mut d, "rtb-private-a")
            .routes
            .push(route("10.0.11.0/25", RouteTarget::NatGateway(id("nat-a"))));
        fires(&d, "route-more-specific-than-local", "rtb-private-a");
    }

    #[test]
    fn quiet_on_middlebox_routes_to_a_whole_subnet() {
        let mut d = sample();
        get_mut::<RouteTable>(&mut d, "rtb-private-a")
            .routes
            .push(route("10.0.11.0/24", RouteTarget::NatGateway(id("nat-a"))));
        get_mut::<RouteTable>(&mut d, "rtb-private-a")
            .routes
            .push(route("10.1.0.0/16", RouteTarget::NatGateway(id("nat-a"))));
        quiet(&d, "route-more-specific-than-local");
    }
}
