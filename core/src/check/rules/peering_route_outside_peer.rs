//! `peering-route-outside-peer`: a route over a VPC peering must stay inside the peer VPC's blocks. Peering is not
//! transitive and carries no edge-to-edge traffic: the peer delivers only to its own addresses, never on to a third
//! VPC, its internet gateway, NAT gateway, VPN or Direct Connect (SEMANTICS P3, P4).

use super::docs;
use crate::check::{References, Rule, Severity, Sink};
use crate::doc::{RouteDestination, RouteTarget};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "peering-route-outside-peer",
    severity: Severity::Error,
    title_en: "A route over a peering reaches beyond the peer VPC (transitive or edge-to-edge)",
    title_ko: "피어링 라우트가 상대 VPC 범위를 넘어갑니다(전이적 또는 엣지 간 라우팅)",
    docs: docs::PEERING,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for table in &net.design.route_tables {
        for route in &table.routes {
            let (RouteTarget::VpcPeering(pcx), RouteDestination::Cidr(dest)) = (&route.target, &route.destination)
            else {
                continue;
            };
            let Some(peering) = net.vpc_peering(pcx) else { continue };
            let peer_id =
                if peering.requester_vpc == table.vpc { &peering.accepter_vpc } else { &peering.requester_vpc };
            let Some(peer) = net.vpc(peer_id) else { continue };
            if Network::vpc_cidrs(peer).any(|b| b.contains_cidr(dest)) {
                continue;
            }
            // Name what the route hopes to reach beyond the peer, to make the reason concrete.
            let third = net.relations().first_vpc_overlapping(dest, [&table.vpc, &peer.id]);
            let (en, ko) = match third {
                Some(v) => (
                    format!(
                        "{dest} belongs to VPC {}, which the peer cannot forward to: peering is not transitive. Peer with {} directly.",
                        v.id, v.id
                    ),
                    format!(
                        "{dest}는 VPC {}의 대역인데 피어링은 전이되지 않으므로 상대 VPC가 전달하지 않습니다. {}와 직접 피어링하세요.",
                        v.id, v.id
                    ),
                ),
                None => (
                    format!(
                        "{dest} is outside the peer's blocks: the peer will not forward it to its internet gateway, NAT gateway, VPN or Direct Connect (no edge-to-edge routing). Route only the peer's blocks here."
                    ),
                    format!(
                        "{dest}는 상대 VPC 블록 밖입니다. 상대 VPC는 이를 인터넷 게이트웨이, NAT 게이트웨이, VPN, Direct Connect로 넘기지 않습니다(엣지 간 라우팅 불가). 상대 VPC 블록만 라우팅하세요."
                    ),
                ),
            };
            sink.report(
                [&table.id, pcx],
                format!("Route table {} sends {dest} over peering {pcx} to VPC {}, but {en}", table.id, peer.id),
                format!("라우팅 테이블 {}이 {dest}를 피어링 {pcx}로 VPC {}에 보내지만, {ko}", table.id, peer.id),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::{Design, PeeringStatus, Route, RouteDestination, RouteTable, RouteTarget, Vpc, VpcPeering};

    fn peered() -> Design {
        let mut d = sample();
        for (vid, block) in [("vpc-b", "10.1.0.0/16"), ("vpc-c", "10.2.0.0/16")] {
            let mut v = get::<Vpc>(&d, "vpc-main").clone();
            v.id = id(vid);
            v.cidr = cidr(block);
            d.vpcs.push(v);
        }
        for (pid, a, b) in [("pcx-ab", "vpc-main", "vpc-b"), ("pcx-bc", "vpc-b", "vpc-c")] {
            d.vpc_peerings.push(VpcPeering {
                id: id(pid),
                name: String::new(),
                requester_vpc: id(a),
                accepter_vpc: id(b),
                accepter_account: None,
                status: PeeringStatus::Active,
                tags: Default::default(),
            });
        }
        d
    }

    fn route(dest: &str) -> Route {
        Route { destination: RouteDestination::Cidr(cidr(dest)), target: RouteTarget::VpcPeering(id("pcx-ab")) }
    }

    #[test]
    fn fires_on_transitive_and_edge_to_edge_routes() {
        let mut d = peered();
        get_mut::<RouteTable>(&mut d, "rtb-private-a").routes.push(route("10.2.0.0/16"));
        let f = fires(&d, "peering-route-outside-peer", "rtb-private-a");
        assert!(f.message.en.contains("not transitive"), "{}", f.message.en);
        let mut d = peered();
        get_mut::<RouteTable>(&mut d, "rtb-public").routes.push(route("8.8.8.0/24"));
        let f = fires(&d, "peering-route-outside-peer", "rtb-public");
        assert!(f.message.en.contains("edge-to-edge"), "{}", f.message.en);
    }

    #[test]
    fn quiet_on_routes_to_the_peer_or_part_of_it() {
        let mut d = peered();
        get_mut::<RouteTable>(&mut d, "rtb-private-a").routes.push(route("10.1.0.0/16"));
        get_mut::<RouteTable>(&mut d, "rtb-private-c").routes.push(route("10.1.5.7/32"));
        quiet(&d, "peering-route-outside-peer");
    }
}
