//! `onprem-overlap`: a VPC block overlaps the range of an on-premises network connected to it (over a VPN or Direct
//! Connect to its virtual private gateway, or through a transit gateway it is attached to). When the VPC routes that
//! range towards on-premises it is an error: the local route wins and the traffic never leaves the VPC (SEMANTICS R3);
//! otherwise a warning, as the overlap blocks any future routing.

use crate::model::HashSet;

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::doc::{
    DxAssociatedGateway, Id, RouteDestination, RouteTarget, TgwAttachmentResource, VifAttachment, VpnTermination,
};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "onprem-overlap",
    severity: Severity::Error,
    title_en: "A VPC overlaps a connected on-premises network",
    title_ko: "VPC 대역이 연결된 온프레미스 네트워크와 겹칩니다",
    docs: docs::VPN_ROUTING,
    refs: References::NONE,
    check,
};

/// The gateways (VGW or TGW ids) through which each on-premises network reaches AWS.
fn gateways_of(net: &Network<'_>, onprem: &Id) -> HashSet<Id> {
    let d = net.design;
    let mut out = HashSet::default();
    for v in &d.vpn_connections {
        if d.customer_gateways.iter().any(|c| c.id == v.customer_gateway && c.on_premises.as_ref() == Some(onprem)) {
            out.insert(match &v.gateway {
                VpnTermination::VpnGateway(g) | VpnTermination::TransitGateway(g) => g.clone(),
            });
        }
    }
    for vif in d.virtual_interfaces.iter().filter(|v| v.on_premises.as_ref() == Some(onprem)) {
        match &vif.attachment {
            Some(VifAttachment::VpnGateway(g)) => {
                out.insert(g.clone());
            }
            Some(VifAttachment::DxGateway(x)) => {
                for a in d.dx_gateways.iter().filter(|g| &g.id == x).flat_map(|g| &g.associations) {
                    out.insert(match &a.gateway {
                        DxAssociatedGateway::VpnGateway(g) | DxAssociatedGateway::TransitGateway(g) => g.clone(),
                    });
                }
            }
            None => {}
        }
    }
    out
}

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    let d = net.design;
    for onprem in &d.on_premises {
        let gateways = gateways_of(net, &onprem.id);
        if gateways.is_empty() {
            continue;
        }
        for vpc in &d.vpcs {
            let via_vgw = d.vpn_gateways.iter().any(|g| gateways.contains(&g.id) && g.vpc.as_ref() == Some(&vpc.id));
            let via_tgw = d.tgw_attachments.iter().any(|a| {
                gateways.contains(&a.transit_gateway)
                    && matches!(&a.resource, TgwAttachmentResource::Vpc { vpc: v, .. } if v == &vpc.id)
            });
            if !via_vgw && !via_tgw {
                continue;
            }
            for range in &onprem.cidrs {
                let Some(block) = Network::vpc_cidrs(vpc).find(|b| b.overlaps(range)) else { continue };
                let routed = net.route_tables_of(&vpc.id).any(|t| {
                    t.routes.iter().any(|r| {
                        let to_gateway = matches!(&r.target, RouteTarget::VpnGateway(g) | RouteTarget::TransitGateway(g) if gateways.contains(g));
                        let covers = matches!(&r.destination, RouteDestination::Cidr(c) if c.overlaps(range));
                        to_gateway && covers
                    }) || t.propagating_vpn_gateways.iter().any(|g| gateways.contains(g))
                });
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

    #[test]
    fn error_when_routed_warning_when_not() {
        let d = with_vpn("10.0.0.0/8");
        assert_eq!(fires(&d, "onprem-overlap", "dc-1").severity, Severity::Warning);
        let mut d = with_vpn("10.0.0.0/8");
        d.route_tables[2].propagating_vpn_gateways.push(id("vgw-1"));
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
