//! A design as Terraform configuration for the AWS provider (v5), split the way Terraform users expect:
//! `versions.tf` (provider), `variables.tf` (Region, AMIs), `network.tf` (VPCs, subnets, gateways, Elastic IPs,
//! route tables, routes and associations), `security.tf` (network ACLs with their rules and associations, security
//! groups with one resource per rule), `compute.tf` (instances) and `outputs.tf`. Resources refer to each other by
//! reference, never by AWS id; names come from the design's ids, readable and stable.
//!
//! `load_balancing.tf`, `ecs.tf` and `connectivity.tf` (peering, endpoints, prefix lists, VPN, Direct Connect,
//! transit gateways) come from `tf_more`. What is not written is listed in [`Export::skipped`], never dropped
//! silently: running ECS tasks (their services start them) and transit-gateway attachments of Direct Connect
//! gateways and peerings.

use std::collections::BTreeMap;

use super::hcl::{Block, Expr, r, s};
use super::tf_more::{connectivity, ecs, group_ref, load_balancing, prefix_list_ref};
use crate::doc::{Design, Id, NaclRule, RouteDestination, RouteTarget, RuleAction, RulePeer, SgRule, Tags};
use crate::net::{IpCidr, Protocol};

/// Terraform files by name, and what was not exported.
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    pub files: BTreeMap<String, String>,
    /// Resources of kinds this exporter does not write yet, as `kind id`.
    pub skipped: Vec<String>,
}

/// Terraform names for the design's ids: lower case, `_` for anything else, unique, stable for a given design.
pub(super) struct Names {
    by_id: BTreeMap<String, String>,
}

impl Names {
    fn new(d: &Design) -> Names {
        let mut by_id = BTreeMap::new();
        let mut taken: BTreeMap<String, usize> = BTreeMap::new();
        for r in d.resources() {
            let mut base: String =
                r.id.as_str()
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' })
                    .collect();
            if !base.starts_with(|c: char| c.is_ascii_alphabetic()) {
                base = format!("r_{base}");
            }
            let n = taken.entry(base.clone()).or_insert(0);
            *n += 1;
            let name = if *n == 1 { base } else { format!("{base}_{n}") };
            by_id.insert(r.id.to_string(), name);
        }
        Names { by_id }
    }

    pub(super) fn of(&self, id: &Id) -> String {
        self.by_id.get(id.as_str()).cloned().unwrap_or_else(|| "missing".to_owned())
    }
}

pub(super) fn tags(name: &str, id: &Id, extra: &Tags) -> Expr {
    let mut entries = vec![("Name".to_owned(), s(if name.is_empty() { id.as_str() } else { name }))];
    entries.extend(extra.iter().filter(|(k, _)| k.as_str() != "Name").map(|(k, v)| (k.clone(), s(v.clone()))));
    Expr::Map(entries)
}

fn protocol(p: Protocol) -> Expr {
    match p {
        Protocol::All => s("-1"),
        Protocol::TCP => s("tcp"),
        Protocol::UDP => s("udp"),
        Protocol::ICMP => s("icmp"),
        Protocol::Number(n) => s(n.to_string()),
    }
}

/// Exports a design.
pub fn export(d: &Design) -> Export {
    let names = Names::new(d);
    let n = |id: &Id| names.of(id);
    let mut skipped = Vec::new();
    for r in d.resources() {
        use crate::doc::ResourceKind as K;
        // Running ECS tasks are started by their services; on-premises networks are outside AWS.
        if matches!(r.kind, K::EcsTask) {
            skipped.push(format!("{} {} (started by its service)", r.kind.label(), r.id));
        }
        let not_yet = d.tgw_attachments.iter().any(|a| {
            a.id == *r.id
                && matches!(
                    a.resource,
                    crate::doc::TgwAttachmentResource::DxGateway { .. }
                        | crate::doc::TgwAttachmentResource::Peering { .. }
                )
        });
        if not_yet {
            skipped.push(format!(
                "{} {} (Direct Connect gateway and peering attachments: not exported yet)",
                r.kind.label(),
                r.id
            ));
        }
    }

    // versions.tf
    let versions = Block::new("terraform", &[])
        .attr("required_version", s(">= 1.5"))
        .block(
            Block::new("required_providers", &[])
                .attr("aws", Expr::Map(vec![("source".into(), s("hashicorp/aws")), ("version".into(), s("~> 5.0"))])),
        )
        .text()
        + &Block::new("provider", &["aws"]).attr("region", r("var.region")).text();

    // variables.tf
    let region = d.regions.first().map(|x| x.id.to_string()).unwrap_or_else(|| "us-east-1".into());
    let mut variables = Block::new("variable", &["region"])
        .attr("description", s("The AWS Region to deploy to."))
        .attr("type", r("string"))
        .attr("default", s(region))
        .text();
    for i in &d.instances {
        let mut b = Block::new("variable", &[&format!("ami_{}", n(&i.id))])
            .attr("description", s(format!("The AMI of instance {}.", i.id)))
            .attr("type", r("string"));
        if let Some(ami) = i.ami.as_ref().filter(|a| !a.id.is_empty()) {
            b = b.attr("default", s(ami.id.clone()));
        }
        variables.push_str(&b.text());
    }

    // network.tf
    let mut network = String::new();
    for v in &d.vpcs {
        network.push_str(
            &Block::new("resource", &["aws_vpc", &n(&v.id)])
                .attr("cidr_block", s(v.cidr.to_string()))
                .attr("enable_dns_support", Expr::Bool(v.dns_support))
                .attr("enable_dns_hostnames", Expr::Bool(v.dns_hostnames))
                .attr("tags", tags(&v.name, &v.id, &v.tags))
                .text(),
        );
        for (k, c) in v.secondary_cidrs.iter().enumerate() {
            network.push_str(
                &Block::new("resource", &["aws_vpc_ipv4_cidr_block_association", &format!("{}_{}", n(&v.id), k + 2)])
                    .attr("vpc_id", r(format!("aws_vpc.{}.id", n(&v.id))))
                    .attr("cidr_block", s(c.to_string()))
                    .text(),
            );
        }
    }
    for sn in &d.subnets {
        network.push_str(
            &Block::new("resource", &["aws_subnet", &n(&sn.id)])
                .attr("vpc_id", r(format!("aws_vpc.{}.id", n(&sn.vpc))))
                .attr("cidr_block", s(sn.cidr.to_string()))
                .attr("availability_zone", s(sn.availability_zone.clone()))
                .attr("map_public_ip_on_launch", Expr::Bool(sn.map_public_ip_on_launch))
                .attr("tags", tags(&sn.name, &sn.id, &sn.tags))
                .text(),
        );
    }
    for g in &d.internet_gateways {
        network.push_str(
            &Block::new("resource", &["aws_internet_gateway", &n(&g.id)])
                .opt("vpc_id", g.vpc.as_ref().map(|v| r(format!("aws_vpc.{}.id", n(v)))))
                .attr("tags", tags(&g.name, &g.id, &g.tags))
                .text(),
        );
    }
    for e in &d.elastic_ips {
        network.push_str(
            &Block::new("resource", &["aws_eip", &n(&e.id)])
                .attr("domain", s("vpc"))
                .attr("tags", tags(&e.name, &e.id, &e.tags))
                .text(),
        );
    }
    for g in &d.nat_gateways {
        let private = g.connectivity == crate::doc::NatConnectivity::Private;
        network.push_str(
            &Block::new("resource", &["aws_nat_gateway", &n(&g.id)])
                .attr("subnet_id", r(format!("aws_subnet.{}.id", n(&g.subnet))))
                .opt("allocation_id", g.elastic_ip.as_ref().map(|e| r(format!("aws_eip.{}.id", n(e)))))
                .opt("connectivity_type", private.then(|| s("private")))
                .attr("tags", tags(&g.name, &g.id, &g.tags))
                .text(),
        );
    }
    for t in &d.route_tables {
        let name = n(&t.id);
        // The main route table exists with its VPC: Terraform adopts it.
        let head = if t.main {
            Block::new("resource", &["aws_default_route_table", &name])
                .attr("default_route_table_id", r(format!("aws_vpc.{}.default_route_table_id", n(&t.vpc))))
        } else {
            Block::new("resource", &["aws_route_table", &name]).attr("vpc_id", r(format!("aws_vpc.{}.id", n(&t.vpc))))
        };
        let kind = if t.main { "aws_default_route_table" } else { "aws_route_table" };
        let vgws: Vec<Expr> =
            t.propagating_vpn_gateways.iter().map(|g| r(format!("aws_vpn_gateway.{}.id", n(g)))).collect();
        network.push_str(
            &head
                .opt("propagating_vgws", (!vgws.is_empty()).then_some(Expr::List(vgws)))
                .attr("tags", tags(&t.name, &t.id, &t.tags))
                .text(),
        );
        for (k, route) in t.routes.iter().enumerate() {
            let dest = match &route.destination {
                RouteDestination::Cidr(c) => ("destination_cidr_block", s(c.to_string())),
                RouteDestination::Ipv6Cidr(c) => ("destination_ipv6_cidr_block", s(c.to_string())),
                RouteDestination::PrefixList(pl) => ("destination_prefix_list_id", prefix_list_ref(d, &names, pl)),
            };
            let target = match &route.target {
                RouteTarget::Local | RouteTarget::Blackhole => None,
                RouteTarget::InternetGateway(x) => Some(("gateway_id", format!("aws_internet_gateway.{}.id", n(x)))),
                RouteTarget::VpnGateway(x) => Some(("gateway_id", format!("aws_vpn_gateway.{}.id", n(x)))),
                RouteTarget::NatGateway(x) => Some(("nat_gateway_id", format!("aws_nat_gateway.{}.id", n(x)))),
                RouteTarget::VpcPeering(x) => {
                    Some(("vpc_peering_connection_id", format!("aws_vpc_peering_connection.{}.id", n(x))))
                }
                RouteTarget::TransitGateway(x) => {
                    Some(("transit_gateway_id", format!("aws_ec2_transit_gateway.{}.id", n(x))))
                }
                // A gateway endpoint's route comes with its association (aws_vpc_endpoint_route_table_association).
                RouteTarget::GatewayEndpoint(_) => None,
                RouteTarget::NetworkInterface(x) => {
                    Some(("network_interface_id", format!("aws_network_interface.{}.id", n(x))))
                }
                RouteTarget::Instance(x) => {
                    Some(("network_interface_id", format!("aws_instance.{}.primary_network_interface_id", n(x))))
                }
            };
            let Some((field, target)) = target else { continue };
            network.push_str(
                &Block::new("resource", &["aws_route", &format!("{name}_{}", k + 1)])
                    .attr("route_table_id", r(format!("{kind}.{name}.id")))
                    .attr(dest.0, dest.1)
                    .attr(field, r(target))
                    .text(),
            );
        }
    }
    for sn in &d.subnets {
        let Some(t) = sn.route_table.as_ref().and_then(|t| d.route_tables.iter().find(|x| &x.id == t)) else {
            continue;
        };
        let kind = if t.main { "aws_default_route_table" } else { "aws_route_table" };
        network.push_str(
            &Block::new("resource", &["aws_route_table_association", &n(&sn.id)])
                .attr("subnet_id", r(format!("aws_subnet.{}.id", n(&sn.id))))
                .attr("route_table_id", r(format!("{kind}.{}.id", n(&t.id))))
                .text(),
        );
    }

    // security.tf
    let mut security = String::new();
    for a in &d.network_acls {
        let name = n(&a.id);
        let rule = |kind: &str, x: &NaclRule| {
            let cidr = match x.cidr {
                IpCidr::V4(c) => ("cidr_block", s(c.to_string())),
                IpCidr::V6(c) => ("ipv6_cidr_block", s(c.to_string())),
            };
            let (from, to) = x.ports.map_or((0, 0), |p| (i64::from(p.from), i64::from(p.to)));
            Block::new(kind, &[])
                .attr("rule_no", Expr::Num(i64::from(x.rule_number)))
                .attr("action", s(if x.action == RuleAction::Allow { "allow" } else { "deny" }))
                .attr("protocol", protocol(x.protocol))
                .attr(cidr.0, cidr.1)
                .attr("from_port", Expr::Num(from))
                .attr("to_port", Expr::Num(to))
        };
        let subnets: Vec<Expr> = d
            .subnets
            .iter()
            .filter(|sn| {
                sn.network_acl.as_ref() == Some(&a.id) || (a.is_default && sn.vpc == a.vpc && sn.network_acl.is_none())
            })
            .map(|sn| r(format!("aws_subnet.{}.id", n(&sn.id))))
            .collect();
        // The default network ACL exists with its VPC: Terraform adopts it and owns its rules; a custom one lists
        // its subnets too, so every subnet has exactly one.
        let mut b = if a.is_default {
            Block::new("resource", &["aws_default_network_acl", &name])
                .attr("default_network_acl_id", r(format!("aws_vpc.{}.default_network_acl_id", n(&a.vpc))))
        } else {
            Block::new("resource", &["aws_network_acl", &name]).attr("vpc_id", r(format!("aws_vpc.{}.id", n(&a.vpc))))
        };
        b = b.attr("subnet_ids", Expr::List(subnets));
        for x in &a.inbound {
            b = b.block(rule("ingress", x));
        }
        for x in &a.outbound {
            b = b.block(rule("egress", x));
        }
        security.push_str(&b.attr("tags", tags(&a.name, &a.id, &a.tags)).text());
    }
    for g in &d.security_groups {
        let name = n(&g.id);
        let kind = if g.is_default { "aws_default_security_group" } else { "aws_security_group" };
        let mut head = Block::new("resource", &[kind, &name]).attr("vpc_id", r(format!("aws_vpc.{}.id", n(&g.vpc))));
        if !g.is_default {
            head = head
                .attr("name", s(if g.name.is_empty() { g.id.to_string() } else { g.name.clone() }))
                .attr("description", s(super::group_description(&g.description)));
        }
        security.push_str(&head.attr("tags", tags(&g.name, &g.id, &g.tags)).text());
        let group_ref = format!("{kind}.{name}.id");
        for (dir, rules) in [("ingress", &g.inbound), ("egress", &g.outbound)] {
            for (k, x) in rules.iter().enumerate() {
                security.push_str(&sg_rule(d, &names, dir, &group_ref, &format!("{name}_{dir}_{}", k + 1), x).text());
            }
        }
    }

    // compute.tf
    let mut compute = String::new();
    for i in &d.instances {
        let groups: Vec<Expr> = i.security_groups.iter().map(|g| group_ref(d, &names, g)).collect();
        compute.push_str(
            &Block::new("resource", &["aws_instance", &n(&i.id)])
                .attr("ami", r(format!("var.ami_{}", n(&i.id))))
                .attr("instance_type", s(i.instance_type.clone()))
                .attr("subnet_id", r(format!("aws_subnet.{}.id", n(&i.subnet))))
                .opt("private_ip", i.private_ip.map(|ip| s(ip.to_string())))
                .opt("vpc_security_group_ids", (!groups.is_empty()).then_some(Expr::List(groups)))
                .opt("associate_public_ip_address", i.associate_public_ip.map(Expr::Bool))
                .opt("source_dest_check", (!i.source_dest_check).then_some(Expr::Bool(false)))
                .block(Block::new("metadata_options", &[]).attr("http_tokens", s("required")))
                .attr("tags", tags(&i.name, &i.id, &i.tags))
                .text(),
        );
        if let Some(e) = &i.elastic_ip {
            compute.push_str(
                &Block::new("resource", &["aws_eip_association", &n(&i.id)])
                    .attr("instance_id", r(format!("aws_instance.{}.id", n(&i.id))))
                    .attr("allocation_id", r(format!("aws_eip.{}.id", n(e))))
                    .text(),
            );
        }
    }

    for x in &d.network_interfaces {
        let groups: Vec<Expr> = x.security_groups.iter().map(|g| group_ref(d, &names, g)).collect();
        compute.push_str(
            &Block::new("resource", &["aws_network_interface", &n(&x.id)])
                .attr("subnet_id", r(format!("aws_subnet.{}.id", n(&x.subnet))))
                .opt("private_ips", x.private_ip.map(|ip| Expr::List(vec![s(ip.to_string())])))
                .opt("security_groups", (!groups.is_empty()).then_some(Expr::List(groups)))
                .opt("source_dest_check", (!x.source_dest_check).then_some(Expr::Bool(false)))
                .opt("description", (!x.description.is_empty()).then(|| s(x.description.clone())))
                .attr("tags", tags(&x.name, &x.id, &x.tags))
                .text(),
        );
        if let Some(a) = &x.attachment {
            compute.push_str(
                &Block::new("resource", &["aws_network_interface_attachment", &n(&x.id)])
                    .attr("instance_id", r(format!("aws_instance.{}.id", n(&a.instance))))
                    .attr("network_interface_id", r(format!("aws_network_interface.{}.id", n(&x.id))))
                    .attr("device_index", Expr::Num(i64::from(a.device_index)))
                    .text(),
            );
        }
    }
    let load_balancing = load_balancing(d, &names, &mut variables);
    let ecs = ecs(d, &names);
    let connectivity = connectivity(d, &names, &mut variables);

    // outputs.tf
    let mut outputs = String::new();
    for v in &d.vpcs {
        outputs.push_str(
            &Block::new("output", &[&format!("{}_id", n(&v.id))])
                .attr("value", r(format!("aws_vpc.{}.id", n(&v.id))))
                .text(),
        );
    }

    let mut files = BTreeMap::new();
    for (name, text) in [
        ("versions.tf", versions),
        ("variables.tf", variables),
        ("network.tf", network),
        ("security.tf", security),
        ("compute.tf", compute),
        ("load_balancing.tf", load_balancing),
        ("ecs.tf", ecs),
        ("connectivity.tf", connectivity),
        ("outputs.tf", outputs),
    ] {
        if !text.is_empty() {
            files.insert(
                name.to_owned(),
                format!("# Written by vpcanvas from the design \"{}\".\n\n{text}", escape_comment(&d.name)),
            );
        }
    }
    Export { files, skipped }
}

/// A design's name in a `#` comment: one line.
fn escape_comment(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// One security group rule as its own resource.
fn sg_rule(d: &Design, names: &Names, dir: &str, own: &str, name: &str, x: &SgRule) -> Block {
    let kind =
        if dir == "ingress" { "aws_vpc_security_group_ingress_rule" } else { "aws_vpc_security_group_egress_rule" };
    let mut b = Block::new("resource", &[kind, name])
        .attr("security_group_id", r(own.to_owned()))
        .attr("ip_protocol", protocol(x.protocol));
    if x.protocol.has_ports() {
        let (from, to) = x.ports.map_or((0, 65535), |p| (i64::from(p.from), i64::from(p.to)));
        b = b.attr("from_port", Expr::Num(from)).attr("to_port", Expr::Num(to));
    } else if x.protocol.has_icmp() {
        let t = x.icmp.and_then(|i| i.icmp_type).map_or(-1, i64::from);
        let c = x.icmp.and_then(|i| i.code).map_or(-1, i64::from);
        b = b.attr("from_port", Expr::Num(t)).attr("to_port", Expr::Num(c));
    }
    b = match &x.peer {
        RulePeer::Cidr(IpCidr::V4(c)) => b.attr("cidr_ipv4", s(c.to_string())),
        RulePeer::Cidr(IpCidr::V6(c)) => b.attr("cidr_ipv6", s(c.to_string())),
        RulePeer::PrefixList(pl) => b.attr("prefix_list_id", prefix_list_ref(d, names, pl)),
        RulePeer::SecurityGroup { group, .. } => b.attr("referenced_security_group_id", group_ref(d, names, group)),
    };
    if x.description.is_empty() { b } else { b.attr("description", s(x.description.clone())) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Instance;
    use crate::testing::{get_mut, sample, template};

    /// Every `aws_x.y` a file refers to is declared in one of the files.
    fn dangling(e: &Export) -> Vec<String> {
        let all: String = e.files.values().cloned().collect();
        let declared: Vec<String> = all
            .lines()
            .filter_map(|l| l.strip_prefix("resource \""))
            .filter_map(|l| {
                let mut parts = l.split('"');
                let kind = parts.next()?;
                let name = parts.nth(1)?;
                Some(format!("{kind}.{name}"))
            })
            .collect();
        let mut out = Vec::new();
        for word in all.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.')) {
            if word.starts_with("aws_") && word.matches('.').count() >= 2 {
                let mut it = word.split('.');
                let key = format!("{}.{}", it.next().unwrap_or(""), it.next().unwrap_or(""));
                if !declared.contains(&key) && !out.contains(&key) {
                    out.push(key);
                }
            }
        }
        out
    }

    #[test]
    fn the_sample_exports_with_every_reference_declared() {
        let e = export(&sample());
        assert_eq!(
            e.files.keys().map(String::as_str).collect::<Vec<_>>(),
            ["compute.tf", "network.tf", "outputs.tf", "security.tf", "variables.tf", "versions.tf"]
        );
        assert_eq!(dangling(&e), Vec::<String>::new());
        assert!(e.skipped.is_empty(), "{:?}", e.skipped);
        let network = &e.files["network.tf"];
        assert!(network.contains("resource \"aws_default_route_table\" \"rtb_main\""));
        assert!(network.contains("nat_gateway_id         = aws_nat_gateway.nat_a.id"), "{network}");
        let security = &e.files["security.tf"];
        assert!(security.contains("referenced_security_group_id = aws_security_group.sg_bastion.id"), "{security}");
        // AMIs are inputs.
        assert!(e.files["compute.tf"].contains("= var.ami_i_web_a\n"), "{}", e.files["compute.tf"]);
        assert!(e.files["variables.tf"].contains("variable \"ami_i_web_a\""));
    }

    #[test]
    fn names_from_the_design_stay_text() {
        let mut d = sample();
        d.name = "evil\" ${file(\"/etc/passwd\")}\nnext".into();
        get_mut::<Instance>(&mut d, "i-bastion").name = "x\" } resource \"aws_iam_user\" \"y\" { name = \"z".into();
        let e = export(&d);
        let compute = &e.files["compute.tf"];
        assert!(compute.contains(r#"Name = "x\" } resource \"aws_iam_user\" \"y\" { name = \"z""#), "{compute}");
        // Outside comments, every template sequence is escaped ($${): none is left to run.
        for f in e.files.values() {
            for line in f.lines().filter(|l| !l.trim_start().starts_with('#')) {
                assert!(!line.replace("$${", "").contains("${"), "{line}");
            }
        }
        // The comment with the design's name stays on its line.
        assert!(
            e.files["versions.tf"].lines().next().is_some_and(|l| l.starts_with("# Written") && l.ends_with("next\"."))
        );
    }

    #[test]
    fn every_template_exports_with_every_reference_declared() {
        for t in crate::templates::all() {
            let d = t.design().unwrap_or_else(|e| panic!("{e}"));
            let e = export(&d);
            assert_eq!(dangling(&e), Vec::<String>::new(), "{}", t.key);
            let all: String = e.files.values().cloned().collect();
            // Every resource of the design that AWS creates has its block (running tasks excepted).
            for r in d.resources() {
                use crate::doc::ResourceKind as K;
                if matches!(r.kind, K::Region | K::EcsTask | K::OnPremNetwork) {
                    continue;
                }
                let name = Names::new(&d).of(r.id);
                assert!(
                    all.contains(&format!("\" \"{name}\" {{")),
                    "{}: {} {} not exported",
                    t.key,
                    r.kind.label(),
                    r.id
                );
            }
        }
        let e = export(&template("three-tier-multi-az"));
        let lb = &e.files["load_balancing.tf"];
        assert!(lb.contains("resource \"aws_lb_listener\""), "{lb}");
        assert!(lb.contains("= var.certificate_arn_"), "{lb}");
    }
}
