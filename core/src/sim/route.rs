//! Route lookup in a VPC route table: local routes for the VPC's blocks, static routes, prefix-list routes (one per
//! entry), and routes propagated from virtual private gateways; longest prefix first, then AWS's tie-breaks
//! (SEMANTICS R2–R5, V3).

use std::net::Ipv4Addr;

use serde::Serialize;

use crate::doc::{
    DxAssociatedGateway, RouteDestination, RouteTable, RouteTarget, VifAttachment, VirtualInterfaceKind, Vpc,
    VpnTermination,
};
use crate::model::Network;
use crate::net::{IpCidr, Ipv4Cidr};

/// Where a route came from, which also orders ties between equal prefixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RouteOrigin {
    /// The VPC's own block.
    Local,
    /// A route written in the table.
    Static,
    /// One entry of a prefix-list route (a gateway endpoint's, say).
    PrefixList,
    /// Propagated from a virtual private gateway.
    Propagated,
}

/// The route a lookup chose.
#[derive(Debug, Clone, PartialEq)]
pub struct RouteChoice {
    pub prefix: Ipv4Cidr,
    pub target: RouteTarget,
    pub origin: RouteOrigin,
    /// The destination as written in the table (`0.0.0.0/0`, `pl-…`).
    pub written: String,
}

/// The prefixes a virtual private gateway knows towards on-premises: static VPN routes, and the on-premises
/// networks behind its BGP VPNs and Direct Connect interfaces. Links that are down in the failure scenario teach
/// nothing: their routes are withdrawn.
pub fn vgw_prefixes(net: &Network<'_>, vgw: &crate::doc::Id) -> Vec<Ipv4Cidr> {
    vgw_links(net, vgw).into_iter().filter(|(link, _)| !net.outage().failed(link)).map(|(_, c)| c).collect()
}

/// Each prefix a virtual private gateway's links carry, with the VPN connection or virtual interface carrying it,
/// whether or not the link is up.
pub fn vgw_links(net: &Network<'_>, vgw: &crate::doc::Id) -> Vec<(crate::doc::Id, Ipv4Cidr)> {
    let d = net.design;
    let mut out = Vec::new();
    for v in d.vpn_connections.iter().filter(|v| matches!(&v.gateway, VpnTermination::VpnGateway(g) if g == vgw)) {
        if v.static_routes_only {
            out.extend(v.static_routes.iter().map(|c| (v.id.clone(), *c)));
        } else if let Some(onprem) = net.customer_gateway(&v.customer_gateway).and_then(|c| c.on_premises.as_ref()) {
            out.extend(
                net.on_prem_network(onprem).into_iter().flat_map(|o| o.cidrs.iter().map(|c| (v.id.clone(), *c))),
            );
        }
    }
    for vif in
        d.virtual_interfaces.iter().filter(|v| matches!(&v.attachment, Some(VifAttachment::VpnGateway(g)) if g == vgw))
    {
        if let Some(onprem) = vif.on_premises.as_ref().and_then(|o| net.on_prem_network(o)) {
            out.extend(onprem.cidrs.iter().map(|c| (vif.id.clone(), *c)));
        }
    }
    // Private virtual interfaces on a Direct Connect gateway associated with this virtual private gateway.
    let gateways: Vec<&crate::doc::Id> = d
        .dx_gateways
        .iter()
        .filter(|x| x.associations.iter().any(|a| matches!(&a.gateway, DxAssociatedGateway::VpnGateway(g) if g == vgw)))
        .map(|x| &x.id)
        .collect();
    for vif in d.virtual_interfaces.iter().filter(|v| {
        v.kind == VirtualInterfaceKind::Private
            && matches!(&v.attachment, Some(VifAttachment::DxGateway(x)) if gateways.contains(&x))
    }) {
        if let Some(onprem) = vif.on_premises.as_ref().and_then(|o| net.on_prem_network(o)) {
            out.extend(onprem.cidrs.iter().map(|c| (vif.id.clone(), *c)));
        }
    }
    out
}

/// Every route of `table` (in `vpc`) that matches `dst`.
pub fn candidates(net: &Network<'_>, table: &RouteTable, vpc: &Vpc, dst: Ipv4Addr) -> Vec<RouteChoice> {
    let mut out = Vec::new();
    for block in Network::vpc_cidrs(vpc) {
        let block = block.canonical();
        if block.contains_addr(dst) {
            out.push(RouteChoice {
                prefix: block,
                target: RouteTarget::Local,
                origin: RouteOrigin::Local,
                written: block.to_string(),
            });
        }
    }
    for r in &table.routes {
        match &r.destination {
            RouteDestination::Cidr(c) if c.canonical().contains_addr(dst) => {
                out.push(RouteChoice {
                    prefix: c.canonical(),
                    target: r.target.clone(),
                    origin: RouteOrigin::Static,
                    written: c.to_string(),
                });
            }
            RouteDestination::PrefixList(pl) => {
                let entries = net.prefix_list(pl).into_iter().flat_map(|p| &p.entries);
                for e in entries {
                    if let IpCidr::V4(c) = e.cidr
                        && c.canonical().contains_addr(dst)
                    {
                        out.push(RouteChoice {
                            prefix: c.canonical(),
                            target: r.target.clone(),
                            origin: RouteOrigin::PrefixList,
                            written: pl.to_string(),
                        });
                    }
                }
            }
            _ => {}
        }
    }
    // A gateway endpoint associated with this table adds its route itself: the service's prefix list to the
    // endpoint (E1), whether or not the document also lists that route.
    for e in net.design.vpc_endpoints.iter().filter(|e| e.vpc == vpc.id) {
        let crate::doc::EndpointKind::Gateway { route_tables, prefix_list } = &e.endpoint else { continue };
        if !route_tables.contains(&table.id)
            || table.routes.iter().any(|r| matches!(&r.target, RouteTarget::GatewayEndpoint(x) if x == &e.id))
        {
            continue;
        }
        let list = match prefix_list {
            Some(pl) => net.prefix_list(pl),
            None => net.design.prefix_lists.iter().find(|p| p.name == e.service_name),
        };
        for entry in list.into_iter().flat_map(|p| &p.entries) {
            if let IpCidr::V4(c) = entry.cidr
                && c.canonical().contains_addr(dst)
            {
                out.push(RouteChoice {
                    prefix: c.canonical(),
                    target: RouteTarget::GatewayEndpoint(e.id.clone()),
                    origin: RouteOrigin::PrefixList,
                    written: list.map(|p| p.id.to_string()).unwrap_or_default(),
                });
            }
        }
    }
    for vgw in &table.propagating_vpn_gateways {
        let attached = net.vpn_gateway(vgw).is_some_and(|g| g.vpc.as_ref() == Some(&vpc.id));
        if !attached {
            continue;
        }
        for c in vgw_prefixes(net, vgw) {
            if c.canonical().contains_addr(dst) {
                out.push(RouteChoice {
                    prefix: c.canonical(),
                    target: RouteTarget::VpnGateway(vgw.clone()),
                    origin: RouteOrigin::Propagated,
                    written: c.to_string(),
                });
            }
        }
    }
    out
}

/// The route `table` uses for `dst`: the longest matching prefix; on equal prefixes local, then static, then
/// prefix-list, then propagated routes win. A propagated route never overrides the local route, even when more
/// specific (R3).
pub fn lookup(net: &Network<'_>, table: &RouteTable, vpc: &Vpc, dst: Ipv4Addr) -> Option<RouteChoice> {
    let mut all = candidates(net, table, vpc, dst);
    if all.iter().any(|c| c.origin == RouteOrigin::Local) {
        all.retain(|c| c.origin != RouteOrigin::Propagated);
    }
    all.into_iter().min_by(|a, b| b.prefix.prefix_len().cmp(&a.prefix.prefix_len()).then(a.origin.cmp(&b.origin)))
}
