//! Every reference from one resource to another, found by walking the document. Validation uses it to find
//! references to nothing; the editor will use it to show what depends on a resource before deleting it.

use super::*;

/// One field of one resource that names another resource.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reference<'a> {
    /// The resource holding the field.
    pub from: &'a Id,
    pub from_kind: ResourceKind,
    /// The field, as a short path such as `route_table` or `routes[2].target`.
    pub field: &'static str,
    /// The resource named.
    pub to: &'a Id,
    /// The kinds that field may name.
    pub kinds: &'static [ResourceKind],
}

use ResourceKind as K;

fn add<'a>(
    out: &mut Vec<Reference<'a>>,
    from: &'a Id,
    from_kind: ResourceKind,
    field: &'static str,
    to: &'a Id,
    kinds: &'static [K],
) {
    out.push(Reference { from, from_kind, field, to, kinds });
}

impl Design {
    /// Every reference in the design, in document order.
    pub fn references(&self) -> Vec<Reference<'_>> {
        let mut all = Vec::new();
        let out = &mut all;
        for v in &self.vpcs {
            add(out, &v.id, K::Vpc, "region", &v.region, &[K::Region]);
        }
        for s in &self.subnets {
            add(out, &s.id, K::Subnet, "vpc", &s.vpc, &[K::Vpc]);
            if let Some(t) = &s.route_table {
                add(out, &s.id, K::Subnet, "route_table", t, &[K::RouteTable]);
            }
            if let Some(a) = &s.network_acl {
                add(out, &s.id, K::Subnet, "network_acl", a, &[K::NetworkAcl]);
            }
        }
        for t in &self.route_tables {
            add(out, &t.id, K::RouteTable, "vpc", &t.vpc, &[K::Vpc]);
            for r in &t.routes {
                if let RouteDestination::PrefixList(p) = &r.destination {
                    add(out, &t.id, K::RouteTable, "routes[].destination", p, &[K::PrefixList]);
                }
                let target: Option<(&Id, &'static [K])> = match &r.target {
                    RouteTarget::Local | RouteTarget::Blackhole => None,
                    RouteTarget::InternetGateway(x) => Some((x, &[K::InternetGateway])),
                    RouteTarget::NatGateway(x) => Some((x, &[K::NatGateway])),
                    RouteTarget::VpcPeering(x) => Some((x, &[K::VpcPeering])),
                    RouteTarget::VpnGateway(x) => Some((x, &[K::VpnGateway])),
                    RouteTarget::TransitGateway(x) => Some((x, &[K::TransitGateway])),
                    RouteTarget::GatewayEndpoint(x) => Some((x, &[K::VpcEndpoint])),
                    RouteTarget::NetworkInterface(x) => Some((x, &[K::NetworkInterface, K::Instance])),
                    RouteTarget::Instance(x) => Some((x, &[K::Instance])),
                };
                if let Some((x, kinds)) = target {
                    add(out, &t.id, K::RouteTable, "routes[].target", x, kinds);
                }
            }
            for g in &t.propagating_vpn_gateways {
                add(out, &t.id, K::RouteTable, "propagating_vpn_gateways", g, &[K::VpnGateway]);
            }
            for g in &t.gateway_associations {
                add(out, &t.id, K::RouteTable, "gateway_associations", g, &[K::InternetGateway, K::VpnGateway]);
            }
        }
        for g in &self.internet_gateways {
            if let Some(v) = &g.vpc {
                add(out, &g.id, K::InternetGateway, "vpc", v, &[K::Vpc]);
            }
        }
        for n in &self.nat_gateways {
            add(out, &n.id, K::NatGateway, "subnet", &n.subnet, &[K::Subnet]);
            if let Some(e) = &n.elastic_ip {
                add(out, &n.id, K::NatGateway, "elastic_ip", e, &[K::ElasticIp]);
            }
        }
        for e in &self.elastic_ips {
            add(out, &e.id, K::ElasticIp, "region", &e.region, &[K::Region]);
        }
        for a in &self.network_acls {
            add(out, &a.id, K::NetworkAcl, "vpc", &a.vpc, &[K::Vpc]);
        }
        for g in &self.security_groups {
            add(out, &g.id, K::SecurityGroup, "vpc", &g.vpc, &[K::Vpc]);
            for r in g.inbound.iter().chain(&g.outbound) {
                match &r.peer {
                    RulePeer::Cidr(_) => {}
                    // A group of another account is outside the design; only same-account references are checked.
                    RulePeer::SecurityGroup { group, account: None } => {
                        add(out, &g.id, K::SecurityGroup, "rules[].peer", group, &[K::SecurityGroup])
                    }
                    RulePeer::SecurityGroup { account: Some(_), .. } => {}
                    RulePeer::PrefixList(p) => add(out, &g.id, K::SecurityGroup, "rules[].peer", p, &[K::PrefixList]),
                }
            }
        }
        for p in &self.prefix_lists {
            add(out, &p.id, K::PrefixList, "region", &p.region, &[K::Region]);
        }
        for i in &self.instances {
            add(out, &i.id, K::Instance, "subnet", &i.subnet, &[K::Subnet]);
            if let Some(e) = &i.elastic_ip {
                add(out, &i.id, K::Instance, "elastic_ip", e, &[K::ElasticIp]);
            }
            for g in &i.security_groups {
                add(out, &i.id, K::Instance, "security_groups", g, &[K::SecurityGroup]);
            }
            if let Some(c) = &i.ecs_cluster {
                add(out, &i.id, K::Instance, "ecs_cluster", c, &[K::EcsCluster]);
            }
        }
        for n in &self.network_interfaces {
            add(out, &n.id, K::NetworkInterface, "subnet", &n.subnet, &[K::Subnet]);
            if let Some(e) = &n.elastic_ip {
                add(out, &n.id, K::NetworkInterface, "elastic_ip", e, &[K::ElasticIp]);
            }
            for g in &n.security_groups {
                add(out, &n.id, K::NetworkInterface, "security_groups", g, &[K::SecurityGroup]);
            }
            if let Some(a) = &n.attachment {
                add(out, &n.id, K::NetworkInterface, "attachment.instance", &a.instance, &[K::Instance]);
            }
        }
        for c in &self.ecs_clusters {
            add(out, &c.id, K::EcsCluster, "region", &c.region, &[K::Region]);
        }
        for s in &self.ecs_services {
            add(out, &s.id, K::EcsService, "cluster", &s.cluster, &[K::EcsCluster]);
            add(out, &s.id, K::EcsService, "task_definition", &s.task_definition, &[K::TaskDefinition]);
            for x in &s.subnets {
                add(out, &s.id, K::EcsService, "subnets", x, &[K::Subnet]);
            }
            for g in &s.security_groups {
                add(out, &s.id, K::EcsService, "security_groups", g, &[K::SecurityGroup]);
            }
            for lb in &s.load_balancers {
                add(out, &s.id, K::EcsService, "load_balancers[].target_group", &lb.target_group, &[K::TargetGroup]);
            }
        }
        for t in &self.ecs_tasks {
            add(out, &t.id, K::EcsTask, "cluster", &t.cluster, &[K::EcsCluster]);
            add(out, &t.id, K::EcsTask, "task_definition", &t.task_definition, &[K::TaskDefinition]);
            if let Some(s) = &t.service {
                add(out, &t.id, K::EcsTask, "service", s, &[K::EcsService]);
            }
            if let Some(i) = &t.container_instance {
                add(out, &t.id, K::EcsTask, "container_instance", i, &[K::Instance]);
            }
            if let Some(s) = &t.subnet {
                add(out, &t.id, K::EcsTask, "subnet", s, &[K::Subnet]);
            }
            for g in &t.security_groups {
                add(out, &t.id, K::EcsTask, "security_groups", g, &[K::SecurityGroup]);
            }
        }
        for lb in &self.load_balancers {
            add(out, &lb.id, K::LoadBalancer, "vpc", &lb.vpc, &[K::Vpc]);
            for s in &lb.subnets {
                add(out, &lb.id, K::LoadBalancer, "subnets", s, &[K::Subnet]);
            }
            for g in &lb.security_groups {
                add(out, &lb.id, K::LoadBalancer, "security_groups", g, &[K::SecurityGroup]);
            }
            for l in &lb.listeners {
                for tg in &l.target_groups {
                    add(out, &lb.id, K::LoadBalancer, "listeners[].target_groups", tg, &[K::TargetGroup]);
                }
            }
        }
        for tg in &self.target_groups {
            add(out, &tg.id, K::TargetGroup, "vpc", &tg.vpc, &[K::Vpc]);
            for t in &tg.targets {
                match &t.target {
                    TargetRef::Instance(i) => add(out, &tg.id, K::TargetGroup, "targets[].target", i, &[K::Instance]),
                    TargetRef::LoadBalancer(l) => {
                        add(out, &tg.id, K::TargetGroup, "targets[].target", l, &[K::LoadBalancer])
                    }
                    TargetRef::Ip(_) => {}
                }
            }
        }
        for p in &self.vpc_peerings {
            add(out, &p.id, K::VpcPeering, "requester_vpc", &p.requester_vpc, &[K::Vpc]);
            add(out, &p.id, K::VpcPeering, "accepter_vpc", &p.accepter_vpc, &[K::Vpc]);
        }
        for e in &self.vpc_endpoints {
            add(out, &e.id, K::VpcEndpoint, "vpc", &e.vpc, &[K::Vpc]);
            match &e.endpoint {
                EndpointKind::Gateway { route_tables, prefix_list } => {
                    for t in route_tables {
                        add(out, &e.id, K::VpcEndpoint, "endpoint.gateway.route_tables", t, &[K::RouteTable]);
                    }
                    if let Some(p) = prefix_list {
                        add(out, &e.id, K::VpcEndpoint, "endpoint.gateway.prefix_list", p, &[K::PrefixList]);
                    }
                }
                EndpointKind::Interface { subnets, security_groups, .. } => {
                    for s in subnets {
                        add(out, &e.id, K::VpcEndpoint, "endpoint.interface.subnets", s, &[K::Subnet]);
                    }
                    for g in security_groups {
                        add(out, &e.id, K::VpcEndpoint, "endpoint.interface.security_groups", g, &[K::SecurityGroup]);
                    }
                }
            }
        }
        for g in &self.vpn_gateways {
            add(out, &g.id, K::VpnGateway, "region", &g.region, &[K::Region]);
            if let Some(v) = &g.vpc {
                add(out, &g.id, K::VpnGateway, "vpc", v, &[K::Vpc]);
            }
        }
        for c in &self.customer_gateways {
            add(out, &c.id, K::CustomerGateway, "region", &c.region, &[K::Region]);
            if let Some(net) = &c.on_premises {
                add(out, &c.id, K::CustomerGateway, "on_premises", net, &[K::OnPremNetwork]);
            }
        }
        for v in &self.vpn_connections {
            add(out, &v.id, K::VpnConnection, "customer_gateway", &v.customer_gateway, &[K::CustomerGateway]);
            match &v.gateway {
                VpnTermination::VpnGateway(g) => add(out, &v.id, K::VpnConnection, "gateway", g, &[K::VpnGateway]),
                VpnTermination::TransitGateway(g) => {
                    add(out, &v.id, K::VpnConnection, "gateway", g, &[K::TransitGateway])
                }
            }
        }
        for d in &self.dx_gateways {
            for a in &d.associations {
                let (g, kinds): (&Id, &'static [K]) = match &a.gateway {
                    DxAssociatedGateway::VpnGateway(g) => (g, &[K::VpnGateway]),
                    DxAssociatedGateway::TransitGateway(g) => (g, &[K::TransitGateway]),
                };
                add(out, &d.id, K::DxGateway, "associations[].gateway", g, kinds);
            }
        }
        for v in &self.virtual_interfaces {
            match &v.attachment {
                Some(VifAttachment::VpnGateway(g)) => {
                    add(out, &v.id, K::VirtualInterface, "attachment", g, &[K::VpnGateway])
                }
                Some(VifAttachment::DxGateway(g)) => {
                    add(out, &v.id, K::VirtualInterface, "attachment", g, &[K::DxGateway])
                }
                None => {}
            }
            if let Some(net) = &v.on_premises {
                add(out, &v.id, K::VirtualInterface, "on_premises", net, &[K::OnPremNetwork]);
            }
        }
        for t in &self.transit_gateways {
            add(out, &t.id, K::TransitGateway, "region", &t.region, &[K::Region]);
            for r in t.default_association_route_table.iter().chain(&t.default_propagation_route_table) {
                add(out, &t.id, K::TransitGateway, "default_route_tables", r, &[K::TgwRouteTable]);
            }
        }
        for a in &self.tgw_attachments {
            add(out, &a.id, K::TgwAttachment, "transit_gateway", &a.transit_gateway, &[K::TransitGateway]);
            match &a.resource {
                TgwAttachmentResource::Vpc { vpc, subnets, .. } => {
                    add(out, &a.id, K::TgwAttachment, "resource.vpc.vpc", vpc, &[K::Vpc]);
                    for s in subnets {
                        add(out, &a.id, K::TgwAttachment, "resource.vpc.subnets", s, &[K::Subnet]);
                    }
                }
                TgwAttachmentResource::Vpn { vpn_connection } => {
                    add(out, &a.id, K::TgwAttachment, "resource.vpn", vpn_connection, &[K::VpnConnection])
                }
                TgwAttachmentResource::DxGateway { dx_gateway } => {
                    add(out, &a.id, K::TgwAttachment, "resource.dx_gateway", dx_gateway, &[K::DxGateway])
                }
                TgwAttachmentResource::Peering { peer_transit_gateway } => {
                    add(out, &a.id, K::TgwAttachment, "resource.peering", peer_transit_gateway, &[K::TransitGateway])
                }
            }
            if let Some(r) = &a.association {
                add(out, &a.id, K::TgwAttachment, "association", r, &[K::TgwRouteTable]);
            }
            for r in &a.propagations {
                add(out, &a.id, K::TgwAttachment, "propagations", r, &[K::TgwRouteTable]);
            }
        }
        for r in &self.tgw_route_tables {
            add(out, &r.id, K::TgwRouteTable, "transit_gateway", &r.transit_gateway, &[K::TransitGateway]);
            for route in &r.routes {
                if let TgwRouteTarget::Attachment(a) = &route.target {
                    add(out, &r.id, K::TgwRouteTable, "routes[].target", a, &[K::TgwAttachment]);
                }
            }
        }
        all
    }
}
