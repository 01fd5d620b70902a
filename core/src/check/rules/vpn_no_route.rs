//! `vpn-no-route`: a virtual private gateway with a VPN connection or a private Direct Connect interface, that no route
//! table of its VPC sends traffic to (no static route, no route propagation): on-premises is unreachable from the
//! VPC (SEMANTICS V1).

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::doc::{Id, RouteTarget};
use crate::model::{HashMap, HashSet, Network};

pub(super) const RULE: Rule = Rule {
    code: "vpn-no-route",
    severity: Severity::Warning,
    title_en: "A VPN or Direct Connect link has no route to it from its VPC",
    title_ko: "VPN이나 Direct Connect 연결로 가는 라우트가 VPC에 없습니다",
    docs: docs::VPN_ROUTING,
    refs: References::NONE,
    check,
};

/// The gateways a VPC's route tables reach: those they take propagated routes from and those static routes target.
fn routed_gateways<'d>(net: &Network<'d>, vpc: &Id) -> HashSet<&'d str> {
    let mut out = HashSet::default();
    for t in net.route_tables_of(vpc) {
        out.extend(t.propagating_vpn_gateways.iter().map(Id::as_str));
        for r in &t.routes {
            if let RouteTarget::VpnGateway(x) = &r.target {
                out.insert(x.as_str());
            }
        }
    }
    out
}

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    let mut routed_by_vpc: HashMap<&str, HashSet<&str>> = HashMap::default();
    for g in &net.design.vpn_gateways {
        let Some(vpc) = &g.vpc else { continue };
        let vpns: Vec<_> = net.relations().vpn_connections_to(&g.id).map(|v| &v.id).collect();
        let vifs: Vec<_> = net.relations().virtual_interfaces_to(&g.id).map(|v| &v.id).collect();
        if vpns.is_empty() && vifs.is_empty() {
            continue;
        }
        let routed =
            routed_by_vpc.entry(vpc.as_str()).or_insert_with(|| routed_gateways(net, vpc)).contains(g.id.as_str());
        if routed {
            continue;
        }
        let links = vpns.iter().chain(&vifs).map(|i| i.to_string()).collect::<Vec<_>>().join(", ");
        sink.report(
            std::iter::once(&g.id).chain(vpns.iter().copied()).chain(vifs.iter().copied()),
            format!("Virtual private gateway {} carries {links}, but no route table of VPC {vpc} routes to it: nothing in the VPC can reach on-premises. Add routes to the on-premises ranges, or turn on route propagation from the gateway.", show(&g.id, &g.name)),
            format!("가상 프라이빗 게이트웨이 {}에 {links}가 연결되어 있지만 VPC {vpc}의 어떤 라우팅 테이블도 이 게이트웨이로 라우팅하지 않아 VPC에서 온프레미스로 갈 수 없습니다. 온프레미스 대역으로 가는 라우트를 추가하거나 라우트 전파를 켜세요.", show(&g.id, &g.name)),
        );
    }
}

#[cfg(test)]
pub(super) mod tests {
    use crate::check::testing::*;
    use crate::doc::*;

    /// The sample plus an on-premises network 192.168.0.0/16 behind a static VPN to `vgw-1` on `vpc-main`.
    pub fn with_vpn(onprem: &str) -> Design {
        let mut d = sample();
        d.on_premises.push(OnPremNetwork {
            id: id("dc-1"),
            name: "office".into(),
            cidrs: vec![cidr(onprem)],
            tags: Default::default(),
        });
        d.vpn_gateways.push(VpnGateway {
            id: id("vgw-1"),
            name: String::new(),
            region: id("ap-northeast-2"),
            vpc: Some(id("vpc-main")),
            amazon_side_asn: None,
            tags: Default::default(),
        });
        d.customer_gateways.push(CustomerGateway {
            id: id("cgw-1"),
            name: String::new(),
            region: id("ap-northeast-2"),
            ip_address: "198.51.100.7".parse().unwrap(),
            bgp_asn: 65000,
            on_premises: Some(id("dc-1")),
            tags: Default::default(),
        });
        d.vpn_connections.push(VpnConnection {
            id: id("vpn-1"),
            name: String::new(),
            customer_gateway: id("cgw-1"),
            gateway: VpnTermination::VpnGateway(id("vgw-1")),
            static_routes_only: true,
            static_routes: vec![cidr(onprem)],
            tunnel_outside_ips: vec![],
            tags: Default::default(),
        });
        d
    }

    #[test]
    fn fires_without_routes() {
        fires(&with_vpn("192.168.0.0/16"), "vpn-no-route", "vgw-1");
    }

    #[test]
    fn quiet_with_propagation_or_a_static_route() {
        let mut d = with_vpn("192.168.0.0/16");
        get_mut::<RouteTable>(&mut d, "rtb-private-a").propagating_vpn_gateways.push(id("vgw-1"));
        quiet(&d, "vpn-no-route");
        let mut d = with_vpn("192.168.0.0/16");
        get_mut::<RouteTable>(&mut d, "rtb-private-a").routes.push(Route {
            destination: RouteDestination::Cidr(cidr("192.168.0.0/16")),
            target: RouteTarget::VpnGateway(id("vgw-1")),
        });
        quiet(&d, "vpn-no-route");
    }
}
