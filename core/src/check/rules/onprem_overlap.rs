//! `onprem-overlap`: a VPC block overlaps the range of an on-premises network connected to it (over a VPN or Direct
//! Connect to its virtual private gateway, or through a transit gateway it is attached to). When the VPC routes that
//! range towards on-premises it is an error: the local route wins and the traffic never leaves the VPC (SEMANTICS R3);
//! otherwise a warning, as the overlap blocks any future routing.

use crate::model::HashSet;

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::doc::{
    DxAssociatedGateway, DxGateway, Id, RouteDestination, RouteTarget, TgwAttachmentResource, VifAttachment,
    VpnTermination,
};
use crate::model::{HashMap, Network};
use crate::net::Ipv4Cidr;

pub(super) const RULE: Rule = Rule {
    code: "onprem-overlap",
    severity: Severity::Error,
    title_en: "A VPC overlaps a connected on-premises network",
    title_ko: "VPC 대역이 연결된 온프레미스 네트워크와 겹칩니다",
    docs: docs::VPN_ROUTING,
    refs: References::NONE,
    check,
};

/// Which on-premises networks reach which VPCs, worked out once for the design.
struct Links<'d> {
    /// The gateways (VGW or TGW ids) through which each on-premises network reaches AWS.
    gateways: HashMap<&'d str, HashSet<&'d str>>,
    /// The VPCs behind each gateway id: the one a virtual private gateway with that id is attached to, and those a
    /// transit gateway with that id has attachments to.
    vpcs_behind: HashMap<&'d str, Vec<&'d str>>,
    /// The place of every VPC, by id.
    vpcs_by_id: HashMap<&'d str, Vec<usize>>,
}

impl<'d> Links<'d> {
    fn new(net: &Network<'d>) -> Self {
        let d = net.design;
        let mut on_prem_of_cgw: HashMap<&str, Vec<&str>> = HashMap::default();
        for c in &d.customer_gateways {
            if let Some(o) = &c.on_premises {
                on_prem_of_cgw.entry(c.id.as_str()).or_default().push(o.as_str());
            }
        }
        let mut dx_by_id: HashMap<&str, Vec<&DxGateway>> = HashMap::default();
        for g in &d.dx_gateways {
            dx_by_id.entry(g.id.as_str()).or_default().push(g);
        }
        let mut gateways: HashMap<&str, HashSet<&str>> = HashMap::default();
        for v in &d.vpn_connections {
            let (VpnTermination::VpnGateway(g) | VpnTermination::TransitGateway(g)) = &v.gateway;
            for o in on_prem_of_cgw.get(v.customer_gateway.as_str()).into_iter().flatten() {
                gateways.entry(o).or_default().insert(g.as_str());
            }
        }
        for vif in &d.virtual_interfaces {
            let Some(o) = &vif.on_premises else { continue };
            match &vif.attachment {
                Some(VifAttachment::VpnGateway(g)) => {
                    gateways.entry(o.as_str()).or_default().insert(g.as_str());
                }
                Some(VifAttachment::DxGateway(x)) => {
                    for a in dx_by_id.get(x.as_str()).into_iter().flatten().flat_map(|g| &g.associations) {
                        let (DxAssociatedGateway::VpnGateway(g) | DxAssociatedGateway::TransitGateway(g)) = &a.gateway;
                        gateways.entry(o.as_str()).or_default().insert(g.as_str());
                    }
                }
                None => {}
            }
        }
        let mut vpcs_behind: HashMap<&str, Vec<&str>> = HashMap::default();
        for g in &d.vpn_gateways {
            if let Some(v) = &g.vpc {
                vpcs_behind.entry(g.id.as_str()).or_default().push(v.as_str());
            }
        }
        for a in &d.tgw_attachments {
            if let TgwAttachmentResource::Vpc { vpc, .. } = &a.resource {
                vpcs_behind.entry(a.transit_gateway.as_str()).or_default().push(vpc.as_str());
            }
        }
        let mut vpcs_by_id: HashMap<&str, Vec<usize>> = HashMap::default();
        for (i, v) in d.vpcs.iter().enumerate() {
            vpcs_by_id.entry(v.id.as_str()).or_default().push(i);
        }
        Links { gateways, vpcs_behind, vpcs_by_id }
    }

    /// The VPCs (places in document order, ascending) behind any of `gateways`.
    fn vpcs_behind(&self, gateways: &HashSet<&str>) -> Vec<usize> {
        let mut out: Vec<usize> = gateways
            .iter()
            .filter_map(|g| self.vpcs_behind.get(g))
            .flatten()
            .filter_map(|v| self.vpcs_by_id.get(v))
            .flatten()
            .copied()
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// What a VPC's route tables send towards gateways: the gateways they take propagated routes from, and the blocks
/// their static routes send to each virtual private or transit gateway.
#[derive(Default)]
struct VpcRoutes<'d> {
    propagating: HashSet<&'d str>,
    /// For each gateway, its routes' blocks as (first, last) address sorted by first, with the largest last address so
    /// far.
    to_gateway: HashMap<&'d str, Vec<(u32, u32, u32)>>,
}

impl<'d> VpcRoutes<'d> {
    fn new(net: &Network<'d>, vpc: &Id) -> Self {
        let mut out = VpcRoutes::default();
        for t in net.route_tables_of(vpc) {
            out.propagating.extend(t.propagating_vpn_gateways.iter().map(Id::as_str));
            for r in &t.routes {
                let (RouteTarget::VpnGateway(g) | RouteTarget::TransitGateway(g)) = &r.target else { continue };
                let RouteDestination::Cidr(c) = &r.destination else { continue };
                let block = (u32::from(c.network()), u32::from(c.broadcast()), 0);
                out.to_gateway.entry(g.as_str()).or_default().push(block);
            }
        }
        for blocks in out.to_gateway.values_mut() {
            blocks.sort_unstable();
            let mut last = 0;
            for b in blocks.iter_mut() {
                last = last.max(b.1);
                b.2 = last;
            }
        }
        out
    }

    /// Whether the VPC routes any of `range` to one of `gateways`, or takes routes propagated from one.
    fn routes(&self, gateways: &HashSet<&str>, range: &Ipv4Cidr) -> bool {
        let (start, end) = (u32::from(range.network()), u32::from(range.broadcast()));
        gateways.iter().any(|g| self.propagating.contains(g))
            || gateways.iter().filter_map(|g| self.to_gateway.get(g)).any(|blocks| {
                // Two blocks overlap when one starts before the other ends: among the blocks starting at or before
                // `end`, the one reaching furthest must reach `start`.
                let before = blocks.partition_point(|b| b.0 <= end);
                before > 0 && blocks.get(before - 1).is_some_and(|b| b.2 >= start)
            })
    }
}

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    let d = net.design;
    let mut links = None;
    let mut routes: HashMap<&str, VpcRoutes<'_>> = HashMap::default();
    for onprem in &d.on_premises {
        let links = links.get_or_insert_with(|| Links::new(net));
        let Some(gateways) = links.gateways.get(onprem.id.as_str()).filter(|g| !g.is_empty()) else { continue };
        for vpc in links.vpcs_behind(gateways).into_iter().filter_map(|i| d.vpcs.get(i)) {
            for range in &onprem.cidrs {
                let Some(block) = Network::vpc_cidrs(vpc).find(|b| b.overlaps(range)) else { continue };
                let routed = routes
                    .entry(vpc.id.as_str())
                    .or_insert_with(|| VpcRoutes::new(net, &vpc.id))
                    .routes(gateways, range);
                let (en, ko) = if routed {
                    (
                        "The VPC routes that range towards on-premises, but the local route always wins: the traffic never leaves the VPC.",
                        "VPC가 이 대역을 온프레미스로 라우팅하지만 local 라우트가 항상 우선하므로 트래픽이 VPC 밖으로 나가지 않습니다.",
                    )
                } else {
                    (
                        "Nothing routes it yet, but the overlap will block routing between them.",
                        "아직 라우팅하지는 않지만 겹치는 대역 때문에 둘 사이를 라우팅할 수 없습니다.",
                    )
                };
                let diagnostic = sink.report(
                    [&vpc.id, &onprem.id],
                    format!("VPC {} ({block}) overlaps on-premises network {} ({range}), which is connected to it. {en} Re-address one side.", show(&vpc.id, &vpc.name), show(&onprem.id, &onprem.name)),
                    format!("VPC {}({block})가 연결된 온프레미스 네트워크 {}({range})와 겹칩니다. {ko} 한쪽의 주소 대역을 바꾸세요.", show(&vpc.id, &vpc.name), show(&onprem.id, &onprem.name)),
                );
                if !routed {
                    diagnostic.with_severity(Severity::Warning);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::vpn_no_route::tests::with_vpn;
    use crate::check::Severity;
    use crate::check::testing::*;
    use crate::doc::RouteTable;

    #[test]
    fn error_when_routed_warning_when_not() {
        let d = with_vpn("10.0.0.0/8");
        assert_eq!(fires(&d, "onprem-overlap", "dc-1").severity, Severity::Warning);
        let mut d = with_vpn("10.0.0.0/8");
        get_mut::<RouteTable>(&mut d, "rtb-private-a").propagating_vpn_gateways.push(id("vgw-1"));
        assert_eq!(fires(&d, "onprem-overlap", "dc-1").severity, Severity::Error);
    }

    #[test]
    fn quiet_on_distinct_ranges_or_unconnected_networks() {
        quiet(&with_vpn("192.168.0.0/16"), "onprem-overlap");
        let mut d = with_vpn("10.0.0.0/8");
        d.vpn_connections.clear();
        quiet(&d, "onprem-overlap");
    }
}
