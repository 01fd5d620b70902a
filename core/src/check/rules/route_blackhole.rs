//! `route-blackhole`: a route that drops what it matches: an explicit blackhole, or a target that cannot forward
//! (a detached gateway, a peering that is not active). Matching packets are dropped; they do not fall through to a
//! shorter route (SEMANTICS R6).

use super::docs;
use crate::check::{References, Rule, Severity, Sink};
use crate::doc::{PeeringStatus, RouteTarget};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "route-blackhole",
    severity: Severity::Warning,
    title_en: "A route drops its traffic (blackhole)",
    title_ko: "라우트가 트래픽을 버립니다(블랙홀)",
    docs: docs::ROUTE_TABLES,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for table in &net.design.route_tables {
        for route in &table.routes {
            let why: Option<(String, String)> = match &route.target {
                RouteTarget::Blackhole => Some(("it is a blackhole route".into(), "블랙홀 라우트입니다".into())),
                RouteTarget::InternetGateway(x) => net.internet_gateway(x).filter(|g| g.vpc.is_none()).map(|_| {
                    (format!("{x} is not attached to any VPC"), format!("{x}가 어떤 VPC에도 연결되어 있지 않습니다"))
                }),
                RouteTarget::VpnGateway(x) => net.vpn_gateway(x).filter(|g| g.vpc.is_none()).map(|_| {
                    (format!("{x} is not attached to any VPC"), format!("{x}가 어떤 VPC에도 연결되어 있지 않습니다"))
                }),
                RouteTarget::VpcPeering(x) => {
                    net.vpc_peering(x).filter(|p| p.status != PeeringStatus::Active).map(|p| {
                        let status = serde_json::to_value(p.status)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_owned))
                            .unwrap_or_default();
                        (
                            format!("peering {x} is {status}, not active"),
                            format!("피어링 {x}의 상태가 active가 아니라 {status}입니다"),
                        )
                    })
                }
                _ => None,
            };
            if let Some((en, ko)) = why {
                let dest = route.destination_text();
                sink.report(
                    [&table.id],
                    format!("Route table {} drops traffic to {dest}: {en}. Packets that match it are dropped, not sent to a shorter route.", table.id),
                    format!("라우팅 테이블 {}이 {dest}로 가는 트래픽을 버립니다. {ko}. 일치하는 패킷은 더 짧은 라우트로 넘어가지 않고 버려집니다.", table.id),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::{InternetGateway, RouteTable, RouteTarget};

    #[test]
    fn fires_on_explicit_and_detached() {
        let mut d = sample();
        get_mut::<RouteTable>(&mut d, "rtb-private-a").routes[0].target = RouteTarget::Blackhole;
        fires(&d, "route-blackhole", "rtb-private-a");
        let mut d = sample();
        get_mut::<InternetGateway>(&mut d, "igw-main").vpc = None;
        fires(&d, "route-blackhole", "rtb-public");
    }

    #[test]
    fn quiet_on_working_routes() {
        quiet(&sample(), "route-blackhole");
    }
}
