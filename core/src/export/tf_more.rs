//! The rest of the Terraform export: load balancing (`load_balancing.tf`), ECS (`ecs.tf`) and the connections
//! between networks (`connectivity.tf`: peering, endpoints, prefix lists, VPN, Direct Connect, transit gateways).

use super::hcl::{Block, Expr, r, s};
use super::terraform::{Names, tags};
use crate::doc::{
    Design, DxAssociatedGateway, EndpointKind, Id, LaunchType, ListenerProtocol, LoadBalancerKind, LoadBalancerScheme,
    NetworkMode, TargetRef, TargetType, TgwAttachmentResource, TgwRouteTarget, TransportProtocol, VifAttachment,
    VirtualInterfaceKind, VpnTermination,
};
use crate::net::IpCidr;

/// A name AWS takes for a load balancer or target group: letters, digits and hyphens, at most 32, not starting or
/// ending with a hyphen.
pub fn aws_name(text: &str) -> String {
    let mut out: String = text.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect::<String>();
    while out.contains("--") {
        out = out.replace("--", "-");
    }
    let mut out: String = out.trim_matches('-').chars().take(32).collect();
    out = out.trim_end_matches('-').to_owned();
    if out.is_empty() { "vpcanvas".to_owned() } else { out }
}

/// A listener or target group protocol as AWS writes it.
pub fn listener_protocol(p: ListenerProtocol) -> &'static str {
    match p {
        ListenerProtocol::Http => "HTTP",
        ListenerProtocol::Https => "HTTPS",
        ListenerProtocol::Tcp => "TCP",
        ListenerProtocol::Tls => "TLS",
        ListenerProtocol::Udp => "UDP",
        ListenerProtocol::TcpUdp => "TCP_UDP",
        ListenerProtocol::Geneve => "GENEVE",
    }
}

/// A task definition's network mode as ECS writes it.
pub fn network_mode(m: NetworkMode) -> &'static str {
    match m {
        NetworkMode::Awsvpc => "awsvpc",
        NetworkMode::Bridge => "bridge",
        NetworkMode::Host => "host",
        NetworkMode::None => "none",
    }
}

/// A security group reference: the VPC's default group is adopted under another resource type.
pub fn group_ref(d: &Design, n: &Names, id: &Id) -> Expr {
    let default = d.security_groups.iter().any(|g| &g.id == id && g.is_default);
    let kind = if default { "aws_default_security_group" } else { "aws_security_group" };
    r(format!("{kind}.{}.id", n.of(id)))
}

/// A prefix list reference: AWS-managed lists are looked up by name, the design's own are resources.
pub fn prefix_list_ref(d: &Design, n: &Names, id: &Id) -> Expr {
    match d.prefix_lists.iter().find(|p| &p.id == id) {
        Some(p) if p.name.starts_with("com.amazonaws.") => {
            r(format!("data.aws_ec2_managed_prefix_list.{}.id", n.of(id)))
        }
        Some(_) => r(format!("aws_ec2_managed_prefix_list.{}.id", n.of(id))),
        None => s(id.to_string()),
    }
}

/// `load_balancing.tf`: load balancers, their listeners, target groups and registered instances and addresses.
pub fn load_balancing(d: &Design, n: &Names, variables: &mut String) -> String {
    let mut out = String::new();
    for lb in &d.load_balancers {
        let name = n.of(&lb.id);
        let groups: Vec<Expr> = lb.security_groups.iter().map(|g| group_ref(d, n, g)).collect();
        out.push_str(
            &Block::new("resource", &["aws_lb", &name])
                .attr("name", s(aws_name(if lb.name.is_empty() { lb.id.as_str() } else { &lb.name })))
                .attr("internal", Expr::Bool(lb.scheme == LoadBalancerScheme::Internal))
                .attr(
                    "load_balancer_type",
                    s(if lb.kind == LoadBalancerKind::Application { "application" } else { "network" }),
                )
                .attr(
                    "subnets",
                    Expr::List(lb.subnets.iter().map(|x| r(format!("aws_subnet.{}.id", n.of(x)))).collect()),
                )
                .opt("security_groups", (!groups.is_empty()).then_some(Expr::List(groups)))
                .opt("enable_cross_zone_load_balancing", lb.cross_zone.map(Expr::Bool))
                .attr("drop_invalid_header_fields", Expr::Bool(lb.kind == LoadBalancerKind::Application))
                .attr("tags", tags(&lb.name, &lb.id, &lb.tags))
                .text(),
        );
        for l in &lb.listeners {
            let protocol = listener_protocol(l.protocol);
            let secure = matches!(l.protocol, ListenerProtocol::Https | ListenerProtocol::Tls);
            let mut b = Block::new("resource", &["aws_lb_listener", &format!("{name}_{}", l.port)])
                .attr("load_balancer_arn", r(format!("aws_lb.{name}.arn")))
                .attr("port", Expr::Num(i64::from(l.port)))
                .attr("protocol", s(protocol));
            if secure {
                // The certificate is an input: the design may name one, the user supplies it otherwise.
                let var = format!("certificate_arn_{name}_{}", l.port);
                let mut v = Block::new("variable", &[&var])
                    .attr("description", s(format!("The ACM certificate of listener {} of {}.", l.port, lb.id)))
                    .attr("type", r("string"));
                if let Some(c) = l.certificates.first() {
                    v = v.attr("default", s(c.clone()));
                }
                variables.push_str(&v.text());
                b = b
                    .attr("ssl_policy", s("ELBSecurityPolicy-TLS13-1-2-2021-06"))
                    .attr("certificate_arn", r(format!("var.{var}")));
            }
            let action = match l.target_groups.first() {
                Some(tg) => Block::new("default_action", &[])
                    .attr("type", s("forward"))
                    .attr("target_group_arn", r(format!("aws_lb_target_group.{}.arn", n.of(tg)))),
                None => Block::new("default_action", &[]).attr("type", s("fixed-response")).block(
                    Block::new("fixed_response", &[])
                        .attr("content_type", s("text/plain"))
                        .attr("status_code", s("404")),
                ),
            };
            out.push_str(&b.block(action).text());
        }
    }
    for tg in &d.target_groups {
        let name = n.of(&tg.id);
        let target_type = match tg.target_type {
            TargetType::Instance => "instance",
            TargetType::Ip => "ip",
            TargetType::Lambda => "lambda",
            TargetType::Alb => "alb",
        };
        out.push_str(
            &Block::new("resource", &["aws_lb_target_group", &name])
                .attr("name", s(aws_name(if tg.name.is_empty() { tg.id.as_str() } else { &tg.name })))
                .attr("vpc_id", r(format!("aws_vpc.{}.id", n.of(&tg.vpc))))
                .attr("target_type", s(target_type))
                .attr("port", Expr::Num(i64::from(tg.port)))
                .attr("protocol", s(listener_protocol(tg.protocol)))
                .opt("preserve_client_ip", tg.preserve_client_ip.map(|b| s(b.to_string())))
                .block(
                    Block::new("health_check", &[]).attr(
                        "port",
                        s(tg.health_check_port.map_or_else(|| "traffic-port".to_owned(), |p| p.to_string())),
                    ),
                )
                .attr("tags", tags(&tg.name, &tg.id, &tg.tags))
                .text(),
        );
        for (k, t) in tg.targets.iter().enumerate() {
            let target = match &t.target {
                TargetRef::Instance(i) => r(format!("aws_instance.{}.id", n.of(i))),
                TargetRef::Ip(ip) => s(ip.to_string()),
                TargetRef::LoadBalancer(lb) => r(format!("aws_lb.{}.arn", n.of(lb))),
            };
            out.push_str(
                &Block::new("resource", &["aws_lb_target_group_attachment", &format!("{name}_{}", k + 1)])
                    .attr("target_group_arn", r(format!("aws_lb_target_group.{name}.arn")))
                    .attr("target_id", target)
                    .opt("port", t.port.map(|p| Expr::Num(i64::from(p))))
                    .text(),
            );
        }
    }
    out
}

/// `ecs.tf`: clusters, task definitions and services (running tasks are the services' business, not exported).
pub fn ecs(d: &Design, n: &Names) -> String {
    let mut out = String::new();
    for c in &d.ecs_clusters {
        out.push_str(
            &Block::new("resource", &["aws_ecs_cluster", &n.of(&c.id)])
                .attr("name", s(aws_name(if c.name.is_empty() { c.id.as_str() } else { &c.name })))
                .block(Block::new("setting", &[]).attr("name", s("containerInsights")).attr("value", s("enabled")))
                .attr("tags", tags(&c.name, &c.id, &c.tags))
                .text(),
        );
    }
    for t in &d.task_definitions {
        let mode = network_mode(t.network_mode);
        let containers: Vec<serde_json::Value> = t
            .containers
            .iter()
            .map(|c| {
                let ports: Vec<serde_json::Value> = c
                    .port_mappings
                    .iter()
                    .map(|p| {
                        let mut m = serde_json::json!({
                            "containerPort": p.container_port,
                            "protocol": if p.protocol == TransportProtocol::Udp { "udp" } else { "tcp" },
                        });
                        if let Some(h) = p.host_port {
                            m["hostPort"] = serde_json::json!(h);
                        }
                        m
                    })
                    .collect();
                let mut v = serde_json::json!({
                    "name": c.name, "image": c.image, "essential": c.essential, "portMappings": ports,
                });
                if let Some(cpu) = c.cpu {
                    v["cpu"] = serde_json::json!(cpu);
                }
                if let Some(m) = c.memory_mib {
                    v["memory"] = serde_json::json!(m);
                }
                v
            })
            .collect();
        let compat: Vec<Expr> =
            t.compatibilities.iter().map(|c| s(if *c == LaunchType::Fargate { "FARGATE" } else { "EC2" })).collect();
        out.push_str(
            &Block::new("resource", &["aws_ecs_task_definition", &n.of(&t.id)])
                .attr("family", s(aws_name(&t.family)))
                .attr("network_mode", s(mode))
                .opt("requires_compatibilities", (!compat.is_empty()).then_some(Expr::List(compat)))
                .opt("cpu", t.cpu.map(|c| s(c.to_string())))
                .opt("memory", t.memory_mib.map(|m| s(m.to_string())))
                .attr("container_definitions", s(serde_json::Value::Array(containers).to_string()))
                .text(),
        );
    }
    for svc in &d.ecs_services {
        let name = n.of(&svc.id);
        let awsvpc = d
            .task_definitions
            .iter()
            .find(|t| t.id == svc.task_definition)
            .is_some_and(|t| t.network_mode == NetworkMode::Awsvpc);
        let mut b = Block::new("resource", &["aws_ecs_service", &name])
            .attr("name", s(aws_name(if svc.name.is_empty() { svc.id.as_str() } else { &svc.name })))
            .attr("cluster", r(format!("aws_ecs_cluster.{}.id", n.of(&svc.cluster))))
            .attr("task_definition", r(format!("aws_ecs_task_definition.{}.arn", n.of(&svc.task_definition))))
            .attr("desired_count", Expr::Num(i64::from(svc.desired_count)))
            .attr("launch_type", s(if svc.launch_type == LaunchType::Fargate { "FARGATE" } else { "EC2" }));
        if awsvpc {
            let groups: Vec<Expr> = svc.security_groups.iter().map(|g| group_ref(d, n, g)).collect();
            b = b.block(
                Block::new("network_configuration", &[])
                    .attr(
                        "subnets",
                        Expr::List(svc.subnets.iter().map(|x| r(format!("aws_subnet.{}.id", n.of(x)))).collect()),
                    )
                    .opt("security_groups", (!groups.is_empty()).then_some(Expr::List(groups)))
                    .attr("assign_public_ip", Expr::Bool(svc.assign_public_ip)),
            );
        }
        for lb in &svc.load_balancers {
            b = b.block(
                Block::new("load_balancer", &[])
                    .attr("target_group_arn", r(format!("aws_lb_target_group.{}.arn", n.of(&lb.target_group))))
                    .attr("container_name", s(lb.container_name.clone()))
                    .attr("container_port", Expr::Num(i64::from(lb.container_port))),
            );
        }
        out.push_str(&b.attr("tags", tags(&svc.name, &svc.id, &svc.tags)).text());
    }
    out
}

/// `connectivity.tf`: peering, endpoints, prefix lists, VPN, Direct Connect and transit gateways.
pub fn connectivity(d: &Design, n: &Names, variables: &mut String) -> String {
    let mut out = String::new();
    let region_of_vpc = |v: &Id| d.vpcs.iter().find(|x| &x.id == v).map(|x| x.region.clone());
    for p in &d.vpc_peerings {
        let same_region = region_of_vpc(&p.requester_vpc) == region_of_vpc(&p.accepter_vpc);
        let same_account = p.accepter_account.is_none();
        out.push_str(
            &Block::new("resource", &["aws_vpc_peering_connection", &n.of(&p.id)])
                .attr("vpc_id", r(format!("aws_vpc.{}.id", n.of(&p.requester_vpc))))
                .attr("peer_vpc_id", r(format!("aws_vpc.{}.id", n.of(&p.accepter_vpc))))
                .opt("peer_owner_id", p.accepter_account.clone().map(s))
                .opt(
                    "peer_region",
                    (!same_region).then(|| region_of_vpc(&p.accepter_vpc).map(|x| s(x.to_string()))).flatten(),
                )
                .attr("auto_accept", Expr::Bool(same_region && same_account))
                .attr("tags", tags(&p.name, &p.id, &p.tags))
                .text(),
        );
    }
    for p in &d.prefix_lists {
        let name = n.of(&p.id);
        if p.name.starts_with("com.amazonaws.") {
            out.push_str(
                &Block::new("data", &["aws_ec2_managed_prefix_list", &name]).attr("name", s(p.name.clone())).text(),
            );
            continue;
        }
        let mut b = Block::new("resource", &["aws_ec2_managed_prefix_list", &name])
            .attr("name", s(if p.name.is_empty() { p.id.to_string() } else { p.name.clone() }))
            .attr("address_family", s("IPv4"))
            .attr("max_entries", Expr::Num(p.entries.len().max(1) as i64));
        for e in &p.entries {
            if let IpCidr::V4(c) = e.cidr {
                b = b.block(
                    Block::new("entry", &[])
                        .attr("cidr", s(c.to_string()))
                        .opt("description", (!e.description.is_empty()).then(|| s(e.description.clone()))),
                );
            }
        }
        out.push_str(&b.attr("tags", tags(&p.name, &p.id, &p.tags)).text());
    }
    for e in &d.vpc_endpoints {
        let b = Block::new("resource", &["aws_vpc_endpoint", &n.of(&e.id)])
            .attr("vpc_id", r(format!("aws_vpc.{}.id", n.of(&e.vpc))))
            .attr("service_name", s(e.service_name.clone()));
        let b = match &e.endpoint {
            EndpointKind::Gateway { route_tables, .. } => b.attr("vpc_endpoint_type", s("Gateway")).attr(
                "route_table_ids",
                Expr::List(
                    route_tables
                        .iter()
                        .filter_map(|t| d.route_tables.iter().find(|x| &x.id == t))
                        .map(|t| {
                            let kind = if t.main { "aws_default_route_table" } else { "aws_route_table" };
                            r(format!("{kind}.{}.id", n.of(&t.id)))
                        })
                        .collect(),
                ),
            ),
            EndpointKind::Interface { subnets, security_groups, private_dns } => b
                .attr("vpc_endpoint_type", s("Interface"))
                .attr(
                    "subnet_ids",
                    Expr::List(subnets.iter().map(|x| r(format!("aws_subnet.{}.id", n.of(x)))).collect()),
                )
                .attr("security_group_ids", Expr::List(security_groups.iter().map(|g| group_ref(d, n, g)).collect()))
                .attr("private_dns_enabled", Expr::Bool(*private_dns)),
        };
        out.push_str(&b.attr("tags", tags(&e.name, &e.id, &e.tags)).text());
    }
    for g in &d.vpn_gateways {
        out.push_str(
            &Block::new("resource", &["aws_vpn_gateway", &n.of(&g.id)])
                .opt("vpc_id", g.vpc.as_ref().map(|v| r(format!("aws_vpc.{}.id", n.of(v)))))
                .opt("amazon_side_asn", g.amazon_side_asn.map(|a| s(a.to_string())))
                .attr("tags", tags(&g.name, &g.id, &g.tags))
                .text(),
        );
    }
    for g in &d.customer_gateways {
        out.push_str(
            &Block::new("resource", &["aws_customer_gateway", &n.of(&g.id)])
                .attr("bgp_asn", s(g.bgp_asn.to_string()))
                .attr("ip_address", s(g.ip_address.to_string()))
                .attr("type", s("ipsec.1"))
                .attr("tags", tags(&g.name, &g.id, &g.tags))
                .text(),
        );
    }
    for v in &d.vpn_connections {
        let name = n.of(&v.id);
        let end = match &v.gateway {
            VpnTermination::VpnGateway(g) => ("vpn_gateway_id", format!("aws_vpn_gateway.{}.id", n.of(g))),
            VpnTermination::TransitGateway(g) => {
                ("transit_gateway_id", format!("aws_ec2_transit_gateway.{}.id", n.of(g)))
            }
        };
        out.push_str(
            &Block::new("resource", &["aws_vpn_connection", &name])
                .attr("customer_gateway_id", r(format!("aws_customer_gateway.{}.id", n.of(&v.customer_gateway))))
                .attr(end.0, r(end.1))
                .attr("type", s("ipsec.1"))
                .attr("static_routes_only", Expr::Bool(v.static_routes_only))
                .attr("tags", tags(&v.name, &v.id, &v.tags))
                .text(),
        );
        if matches!(v.gateway, VpnTermination::VpnGateway(_)) {
            for (k, c) in v.static_routes.iter().enumerate() {
                out.push_str(
                    &Block::new("resource", &["aws_vpn_connection_route", &format!("{name}_{}", k + 1)])
                        .attr("vpn_connection_id", r(format!("aws_vpn_connection.{name}.id")))
                        .attr("destination_cidr_block", s(c.to_string()))
                        .text(),
                );
            }
        }
    }
    for g in &d.dx_gateways {
        let name = n.of(&g.id);
        out.push_str(
            &Block::new("resource", &["aws_dx_gateway", &name])
                .attr("name", s(if g.name.is_empty() { g.id.to_string() } else { g.name.clone() }))
                .attr("amazon_side_asn", s(g.amazon_side_asn.to_string()))
                .text(),
        );
        for (k, a) in g.associations.iter().enumerate() {
            let gw = match &a.gateway {
                DxAssociatedGateway::VpnGateway(x) => format!("aws_vpn_gateway.{}.id", n.of(x)),
                DxAssociatedGateway::TransitGateway(x) => format!("aws_ec2_transit_gateway.{}.id", n.of(x)),
            };
            let prefixes: Vec<Expr> = a.allowed_prefixes.iter().map(|c| s(c.to_string())).collect();
            out.push_str(
                &Block::new("resource", &["aws_dx_gateway_association", &format!("{name}_{}", k + 1)])
                    .attr("dx_gateway_id", r(format!("aws_dx_gateway.{name}.id")))
                    .attr("associated_gateway_id", r(gw))
                    .opt("allowed_prefixes", (!prefixes.is_empty()).then_some(Expr::List(prefixes)))
                    .text(),
            );
        }
    }
    if !d.virtual_interfaces.is_empty() {
        variables.push_str(
            &Block::new("variable", &["dx_connection_id"])
                .attr("description", s("The Direct Connect connection (dxcon-…) the virtual interfaces run on."))
                .attr("type", r("string"))
                .text(),
        );
    }
    for v in &d.virtual_interfaces {
        let (kind, end) = match (v.kind, &v.attachment) {
            (VirtualInterfaceKind::Private, Some(VifAttachment::VpnGateway(g))) => (
                "aws_dx_private_virtual_interface",
                Some(("vpn_gateway_id", format!("aws_vpn_gateway.{}.id", n.of(g)))),
            ),
            (VirtualInterfaceKind::Private, Some(VifAttachment::DxGateway(g))) => {
                ("aws_dx_private_virtual_interface", Some(("dx_gateway_id", format!("aws_dx_gateway.{}.id", n.of(g)))))
            }
            (VirtualInterfaceKind::Transit, Some(VifAttachment::DxGateway(g))) => {
                ("aws_dx_transit_virtual_interface", Some(("dx_gateway_id", format!("aws_dx_gateway.{}.id", n.of(g)))))
            }
            (VirtualInterfaceKind::Public, _) => ("aws_dx_public_virtual_interface", None),
            _ => ("aws_dx_private_virtual_interface", None),
        };
        let mut b = Block::new("resource", &[kind, &n.of(&v.id)])
            .attr("connection_id", r("var.dx_connection_id"))
            .attr("name", s(if v.name.is_empty() { v.id.to_string() } else { v.name.clone() }))
            .attr("vlan", Expr::Num(i64::from(v.vlan.unwrap_or(100))))
            .attr("address_family", s("ipv4"))
            .attr("bgp_asn", Expr::Num(i64::from(v.customer_asn)));
        if let Some((field, target)) = end {
            b = b.attr(field, r(target));
        }
        if v.kind == VirtualInterfaceKind::Public {
            b = b.attr(
                "route_filter_prefixes",
                Expr::List(v.advertised_prefixes.iter().map(|c| s(c.to_string())).collect()),
            );
        }
        out.push_str(&b.attr("tags", tags(&v.name, &v.id, &v.tags)).text());
    }
    for t in &d.transit_gateways {
        // Associations and propagations are written explicitly, so the defaults are off.
        out.push_str(
            &Block::new("resource", &["aws_ec2_transit_gateway", &n.of(&t.id)])
                .opt("amazon_side_asn", t.amazon_side_asn.map(|a| Expr::Num(i64::from(a))))
                .attr("default_route_table_association", s("disable"))
                .attr("default_route_table_propagation", s("disable"))
                .opt("security_group_referencing_support", t.security_group_referencing.then(|| s("enable")))
                .attr("tags", tags(&t.name, &t.id, &t.tags))
                .text(),
        );
    }
    let attachment_id = |a: &crate::doc::TgwAttachment| -> Option<String> {
        match &a.resource {
            TgwAttachmentResource::Vpc { .. } => {
                Some(format!("aws_ec2_transit_gateway_vpc_attachment.{}.id", n.of(&a.id)))
            }
            TgwAttachmentResource::Vpn { vpn_connection } => {
                Some(format!("aws_vpn_connection.{}.transit_gateway_attachment_id", n.of(vpn_connection)))
            }
            TgwAttachmentResource::DxGateway { .. } | TgwAttachmentResource::Peering { .. } => None,
        }
    };
    for a in &d.tgw_attachments {
        if let TgwAttachmentResource::Vpc { vpc, subnets, appliance_mode, .. } = &a.resource {
            out.push_str(
                &Block::new("resource", &["aws_ec2_transit_gateway_vpc_attachment", &n.of(&a.id)])
                    .attr("transit_gateway_id", r(format!("aws_ec2_transit_gateway.{}.id", n.of(&a.transit_gateway))))
                    .attr("vpc_id", r(format!("aws_vpc.{}.id", n.of(vpc))))
                    .attr(
                        "subnet_ids",
                        Expr::List(subnets.iter().map(|x| r(format!("aws_subnet.{}.id", n.of(x)))).collect()),
                    )
                    .opt("appliance_mode_support", appliance_mode.then(|| s("enable")))
                    .attr("transit_gateway_default_route_table_association", Expr::Bool(false))
                    .attr("transit_gateway_default_route_table_propagation", Expr::Bool(false))
                    .attr("tags", tags(&a.name, &a.id, &a.tags))
                    .text(),
            );
        }
    }
    for t in &d.tgw_route_tables {
        let name = n.of(&t.id);
        out.push_str(
            &Block::new("resource", &["aws_ec2_transit_gateway_route_table", &name])
                .attr("transit_gateway_id", r(format!("aws_ec2_transit_gateway.{}.id", n.of(&t.transit_gateway))))
                .attr("tags", tags(&t.name, &t.id, &t.tags))
                .text(),
        );
        for (k, route) in t.routes.iter().enumerate() {
            let b = Block::new("resource", &["aws_ec2_transit_gateway_route", &format!("{name}_{}", k + 1)])
                .attr("transit_gateway_route_table_id", r(format!("aws_ec2_transit_gateway_route_table.{name}.id")))
                .attr("destination_cidr_block", s(route.destination.to_string()));
            let b = match &route.target {
                TgwRouteTarget::Blackhole => b.attr("blackhole", Expr::Bool(true)),
                TgwRouteTarget::Attachment(x) => {
                    match d.tgw_attachments.iter().find(|a| &a.id == x).and_then(attachment_id) {
                        Some(id) => b.attr("transit_gateway_attachment_id", r(id)),
                        None => continue,
                    }
                }
            };
            out.push_str(&b.text());
        }
    }
    for a in &d.tgw_attachments {
        let Some(id) = attachment_id(a) else { continue };
        if let Some(t) = &a.association {
            out.push_str(
                &Block::new("resource", &["aws_ec2_transit_gateway_route_table_association", &n.of(&a.id)])
                    .attr("transit_gateway_attachment_id", r(id.clone()))
                    .attr(
                        "transit_gateway_route_table_id",
                        r(format!("aws_ec2_transit_gateway_route_table.{}.id", n.of(t))),
                    )
                    .text(),
            );
        }
        for (k, t) in a.propagations.iter().enumerate() {
            out.push_str(
                &Block::new(
                    "resource",
                    &["aws_ec2_transit_gateway_route_table_propagation", &format!("{}_{}", n.of(&a.id), k + 1)],
                )
                .attr("transit_gateway_attachment_id", r(id.clone()))
                .attr(
                    "transit_gateway_route_table_id",
                    r(format!("aws_ec2_transit_gateway_route_table.{}.id", n.of(t))),
                )
                .text(),
            );
        }
    }
    out
}
