//! From parsed describe-* lists to a design, and the automatic layout of an imported design.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::net::Ipv4Addr;

use serde::de::DeserializeOwned;

use super::awsjson as aws;
use super::{ImportError, is_region_code};
use crate::doc::*;
use crate::net::{Icmp, IpCidr, Ipv4Cidr, Ipv6Cidr, PortRange, Protocol};

/// Everything read so far, with the Region each list came from when its path said.
#[derive(Default)]
pub(super) struct Collected {
    vpcs: Vec<(Option<String>, aws::Vpc)>,
    subnets: Vec<aws::Subnet>,
    route_tables: Vec<aws::RouteTable>,
    nacls: Vec<aws::NetworkAcl>,
    groups: Vec<aws::SecurityGroup>,
    instances: Vec<aws::Instance>,
    enis: Vec<aws::NetworkInterface>,
    igws: Vec<aws::InternetGateway>,
    nats: Vec<aws::NatGateway>,
    addresses: Vec<(Option<String>, aws::Address)>,
    peerings: Vec<aws::VpcPeeringConnection>,
    endpoints: Vec<aws::VpcEndpoint>,
    prefix_lists: Vec<(Option<String>, aws::PrefixList)>,
    vgws: Vec<(Option<String>, aws::VpnGateway)>,
    cgws: Vec<(Option<String>, aws::CustomerGateway)>,
    vpns: Vec<aws::VpnConnection>,
    zones: Vec<aws::AvailabilityZone>,
    load_balancers: Vec<aws::LoadBalancer>,
    listeners: Vec<aws::Listener>,
    target_groups: Vec<aws::TargetGroup>,
    target_health: Vec<aws::TargetHealthSet>,
    lb_attributes: Vec<aws::LbAttributes>,
    ecs_clusters: Vec<(Option<String>, aws::EcsCluster)>,
    ecs_services: Vec<aws::EcsService>,
    ecs_tasks: Vec<aws::EcsTask>,
    task_definitions: Vec<aws::EcsTaskDefinition>,
    container_instances: Vec<aws::EcsContainerInstance>,
    tgws: Vec<(Option<String>, aws::TransitGateway)>,
    tgw_attachments: Vec<aws::TgwAttachment>,
    tgw_vpc_attachments: Vec<aws::TgwVpcAttachment>,
    tgw_route_tables: Vec<aws::TgwRouteTable>,
    tgw_propagations: Vec<aws::TgwPropagations>,
    tgw_static_routes: Vec<aws::TgwStaticRoutes>,
}

fn json_path(key: &str, path: &serde_path_to_error::Path) -> String {
    let p = path.to_string();
    if p == "." {
        format!("$.{key}")
    } else if p.starts_with('[') {
        format!("$.{key}{p}")
    } else {
        format!("$.{key}.{p}")
    }
}

/// `Reservations.0.Instances.3.Monitoring` -> `Reservations[].Instances[].Monitoring`.
fn shape(path: &str) -> String {
    let mut out = String::new();
    for seg in path.split('.').filter(|s| *s != "?") {
        if seg.chars().all(|c| c.is_ascii_digit()) && !seg.is_empty() {
            out.push_str("[]");
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(seg);
        }
    }
    out
}

fn parse<T: DeserializeOwned>(
    file: &str,
    key: &str,
    content: &serde_json::Value,
    notes: &mut BTreeSet<String>,
) -> Result<Vec<T>, ImportError> {
    let mut ignored = BTreeSet::new();
    let mut callback = |p: serde_ignored::Path<'_>| {
        ignored.insert(shape(&p.to_string()));
    };
    let de = serde_ignored::Deserializer::new(content, &mut callback);
    let list: Vec<T> = serde_path_to_error::deserialize(de).map_err(|e| ImportError::Invalid {
        file: file.to_owned(),
        path: json_path(key, e.path()),
        message: e.into_inner().to_string(),
    })?;
    if !ignored.is_empty() {
        let shown: Vec<String> = ignored
            .iter()
            .take(12)
            .map(|p| format!("{key}{}", if p.starts_with('[') { p.clone() } else { format!("[].{p}") }))
            .collect();
        let more = if ignored.len() > 12 { format!(" and {} more", ignored.len() - 12) } else { String::new() };
        notes.insert(format!("{file}: ignored fields {}{more}", shown.join(", ")));
    }
    Ok(list)
}

impl Collected {
    pub(super) fn read(
        &mut self,
        file: &str,
        key: &str,
        content: &serde_json::Value,
        region: Option<String>,
        notes: &mut BTreeSet<String>,
    ) -> Result<(), ImportError> {
        match key {
            "Vpcs" => {
                self.vpcs.extend(parse::<aws::Vpc>(file, key, content, notes)?.into_iter().map(|v| (region.clone(), v)))
            }
            "Subnets" => self.subnets.extend(parse(file, key, content, notes)?),
            "RouteTables" => self.route_tables.extend(parse(file, key, content, notes)?),
            "NetworkAcls" => self.nacls.extend(parse(file, key, content, notes)?),
            "SecurityGroups" => self.groups.extend(parse(file, key, content, notes)?),
            "Reservations" => {
                for r in parse::<aws::Reservation>(file, key, content, notes)? {
                    self.instances.extend(r.instances);
                }
            }
            "NetworkInterfaces" => self.enis.extend(parse(file, key, content, notes)?),
            "InternetGateways" => self.igws.extend(parse(file, key, content, notes)?),
            "NatGateways" => self.nats.extend(parse(file, key, content, notes)?),
            "Addresses" => self
                .addresses
                .extend(parse::<aws::Address>(file, key, content, notes)?.into_iter().map(|a| (region.clone(), a))),
            "VpcPeeringConnections" => self.peerings.extend(parse(file, key, content, notes)?),
            "VpcEndpoints" => self.endpoints.extend(parse(file, key, content, notes)?),
            "PrefixLists" => self
                .prefix_lists
                .extend(parse::<aws::PrefixList>(file, key, content, notes)?.into_iter().map(|p| (region.clone(), p))),
            "VpnGateways" => self
                .vgws
                .extend(parse::<aws::VpnGateway>(file, key, content, notes)?.into_iter().map(|g| (region.clone(), g))),
            "CustomerGateways" => self.cgws.extend(
                parse::<aws::CustomerGateway>(file, key, content, notes)?.into_iter().map(|g| (region.clone(), g)),
            ),
            "VpnConnections" => self.vpns.extend(parse(file, key, content, notes)?),
            "AvailabilityZones" => self.zones.extend(parse(file, key, content, notes)?),
            "TransitGateways" => self.tgws.extend(
                parse::<aws::TransitGateway>(file, key, content, notes)?.into_iter().map(|t| (region.clone(), t)),
            ),
            "TransitGatewayAttachments" => self.tgw_attachments.extend(parse(file, key, content, notes)?),
            "TransitGatewayVpcAttachments" => self.tgw_vpc_attachments.extend(parse(file, key, content, notes)?),
            "TransitGatewayRouteTables" => self.tgw_route_tables.extend(parse(file, key, content, notes)?),
            "TransitGatewayPropagations" => self.tgw_propagations.extend(parse(file, key, content, notes)?),
            "TransitGatewayStaticRoutes" => self.tgw_static_routes.extend(parse(file, key, content, notes)?),
            "LoadBalancers" => self.load_balancers.extend(parse(file, key, content, notes)?),
            "clusters" => self
                .ecs_clusters
                .extend(parse::<aws::EcsCluster>(file, key, content, notes)?.into_iter().map(|c| (region.clone(), c))),
            "services" => self.ecs_services.extend(parse(file, key, content, notes)?),
            "tasks" => self.ecs_tasks.extend(parse(file, key, content, notes)?),
            "taskDefinitions" => self.task_definitions.extend(parse(file, key, content, notes)?),
            "taskDefinition" => {
                // describe-task-definition returns one definition, not a list.
                let one = serde_json::Value::Array(vec![content.clone()]);
                self.task_definitions.extend(parse(file, key, &one, notes)?);
            }
            "containerInstances" => self.container_instances.extend(parse(file, key, content, notes)?),
            "LoadBalancerListeners" => {
                for set in parse::<aws::ListenerSet>(file, key, content, notes)? {
                    self.listeners.extend(set.listeners.into_iter().map(|mut l| {
                        if l.load_balancer_arn.is_empty() {
                            l.load_balancer_arn = set.load_balancer_arn.clone();
                        }
                        l
                    }));
                }
            }
            "Listeners" => self.listeners.extend(parse(file, key, content, notes)?),
            "TargetGroups" => self.target_groups.extend(parse(file, key, content, notes)?),
            "LoadBalancerTargetHealth" => self.target_health.extend(parse(file, key, content, notes)?),
            "LoadBalancerAttributes" => self.lb_attributes.extend(parse(file, key, content, notes)?),
            _ => {}
        }
        Ok(())
    }

    pub(super) fn into_design(self, notes: &mut BTreeSet<String>) -> Design {
        let mut c = Conv { notes, seen: HashSet::new() };
        c.convert(self)
    }
}

struct Conv<'n> {
    notes: &'n mut BTreeSet<String>,
    seen: HashSet<String>,
}

fn name_and_tags(tags: &[aws::Tag]) -> (String, Tags) {
    let mut name = String::new();
    let mut rest = Tags::new();
    for t in tags {
        if t.key == "Name" {
            name = t.value.clone()
        } else {
            rest.insert(t.key.clone(), t.value.clone());
        }
    }
    (name, rest)
}

fn region_of_zone(zone: &str) -> Option<String> {
    // us-east-2b -> us-east-2; local zones (us-east-1-bos-1a) are not Regions.
    let trimmed = zone.trim_end_matches(|c: char| c.is_ascii_lowercase());
    is_region_code(trimmed).then(|| trimmed.to_owned())
}

fn protocol(text: &str) -> Option<Protocol> {
    text.parse().ok()
}

fn ports(p: Protocol, from: Option<i64>, to: Option<i64>) -> (Option<PortRange>, Option<Icmp>) {
    let clamp = |v: i64| u16::try_from(v).ok();
    if p.has_ports() {
        match (from.and_then(clamp), to.and_then(clamp)) {
            (Some(a), Some(b)) => (Some(PortRange::new(a.min(b), a.max(b))), None),
            _ => (None, None),
        }
    } else if p.has_icmp() {
        let t = from.and_then(|v| u8::try_from(v).ok());
        let c = to.and_then(|v| u8::try_from(v).ok());
        if t.is_none() && c.is_none() { (None, None) } else { (None, Some(Icmp { icmp_type: t, code: c })) }
    } else {
        (None, None)
    }
}

impl Conv<'_> {
    fn id(&mut self, text: &str, what: &str) -> Option<Id> {
        match Id::new(text) {
            Ok(id) => Some(id),
            Err(e) => {
                self.notes.insert(format!("skipped a {what} whose id {text:?} is not usable: {e}"));
                None
            }
        }
    }

    /// The first time an id is seen (multi-account captures repeat shared resources).
    fn first(&mut self, id: &Id) -> bool {
        self.seen.insert(id.to_string())
    }

    fn cidr4(&mut self, text: &str, whose: &str) -> Option<Ipv4Cidr> {
        match text.parse() {
            Ok(c) => Some(c),
            Err(e) => {
                self.notes.insert(format!("{whose}: skipped the block {text:?}: {e}"));
                None
            }
        }
    }

    fn ip(&mut self, text: Option<&str>) -> Option<Ipv4Addr> {
        text.and_then(|t| t.parse().ok())
    }

    fn convert(&mut self, a: Collected) -> Design {
        let mut d = Design::new("Imported from AWS");
        d.description = "Imported from aws ec2 describe-* output by vpcanvas.".into();

        // Regions: from zone names, zone listings and file paths.
        let mut regions: BTreeMap<String, Vec<AvailabilityZone>> = BTreeMap::new();
        for z in &a.zones {
            let zones = regions.entry(z.region_name.clone()).or_default();
            if !zones.iter().any(|x| x.name == z.zone_name) {
                zones.push(AvailabilityZone { name: z.zone_name.clone(), zone_id: z.zone_id.clone() });
            }
        }
        for s in &a.subnets {
            if let Some(r) = region_of_zone(&s.availability_zone) {
                let zones = regions.entry(r).or_default();
                if !zones.iter().any(|x| x.name == s.availability_zone) {
                    zones.push(AvailabilityZone {
                        name: s.availability_zone.clone(),
                        zone_id: s.availability_zone_id.clone(),
                    });
                }
            }
        }
        for r in a
            .vpcs
            .iter()
            .map(|v| &v.0)
            .chain(a.addresses.iter().map(|x| &x.0))
            .chain(a.vgws.iter().map(|x| &x.0))
            .flatten()
        {
            regions.entry(r.clone()).or_default();
        }
        let default_region = regions.keys().next().cloned().unwrap_or_else(|| "unknown-region".to_owned());
        for (code, mut zones) in regions.clone() {
            zones.sort_by(|x, y| x.name.cmp(&y.name));
            if let Some(id) = self.id(&code, "Region") {
                d.regions.push(Region { id, name: String::new(), availability_zones: zones });
            }
        }
        if d.regions.is_empty() {
            d.regions.push(Region {
                id: Id::generated(&default_region),
                name: String::new(),
                availability_zones: vec![],
            });
        }
        let region_for = |hint: &Option<String>| Id::generated(hint.as_deref().unwrap_or(&default_region));

        // Subnets first, so that each VPC's Region can follow from its subnets' zones.
        let mut vpc_region: HashMap<String, String> = HashMap::new();
        for s in &a.subnets {
            if let Some(r) = region_of_zone(&s.availability_zone) {
                vpc_region.entry(s.vpc_id.clone()).or_insert(r);
            }
        }
        for (hint, v) in &a.vpcs {
            let Some(id) = self.id(&v.vpc_id, "VPC") else { continue };
            if !self.first(&id) {
                continue;
            }
            let blocks: Vec<&aws::CidrAssociation> = v
                .cidr_block_association_set
                .iter()
                .filter(|b| b.cidr_block_state.state.is_empty() || b.cidr_block_state.state == "associated")
                .collect();
            let skipped = v.cidr_block_association_set.len() - blocks.len();
            if skipped > 0 {
                self.notes.insert(format!("{}: skipped {skipped} block(s) that are not associated", v.vpc_id));
            }
            let primary_text = if v.cidr_block.is_empty() {
                blocks.first().map(|b| b.cidr_block.clone()).unwrap_or_default()
            } else {
                v.cidr_block.clone()
            };
            let Some(primary) = self.cidr4(&primary_text, &v.vpc_id) else { continue };
            let mut secondary = Vec::new();
            for b in blocks.iter().filter(|b| b.cidr_block != primary_text) {
                if let Some(c) = self.cidr4(&b.cidr_block, &v.vpc_id) {
                    secondary.push(c);
                }
            }
            let ipv6 = v
                .ipv6_cidr_block_association_set
                .iter()
                .find(|b| b.ipv6_cidr_block_state.state == "associated")
                .and_then(|b| b.ipv6_cidr_block.parse::<Ipv6Cidr>().ok());
            let (name, tags) = name_and_tags(&v.tags);
            let region =
                vpc_region.get(&v.vpc_id).cloned().map(|r| Id::generated(&r)).unwrap_or_else(|| region_for(hint));
            d.vpcs.push(Vpc {
                id,
                name,
                region,
                cidr: primary,
                secondary_cidrs: secondary,
                ipv6_cidr: ipv6,
                is_default: v.is_default,
                dns_support: true,
                dns_hostnames: false,
                flow_logs: false,
                tags,
            });
        }
        // Peer VPCs outside the capture: known from the peering's own description.
        for p in &a.peerings {
            for info in [&p.requester_vpc_info, &p.accepter_vpc_info] {
                if d.vpcs.iter().any(|v| v.id.as_str() == info.vpc_id) || info.vpc_id.is_empty() {
                    continue;
                }
                let Some(id) = self.id(&info.vpc_id, "peer VPC") else { continue };
                let mut blocks = info.cidr_block_set.iter().map(|c| c.cidr_block.clone()).collect::<Vec<_>>();
                if blocks.is_empty() {
                    blocks.extend(info.cidr_block.clone());
                }
                let parsed: Vec<Ipv4Cidr> = blocks.iter().filter_map(|b| b.parse().ok()).collect();
                let Some((first, rest)) = parsed.split_first() else { continue };
                let region = info.region.clone().unwrap_or_else(|| default_region.clone());
                if !d.regions.iter().any(|r| r.id.as_str() == region) {
                    d.regions.push(Region {
                        id: Id::generated(&region),
                        name: String::new(),
                        availability_zones: vec![],
                    });
                }
                self.notes.insert(format!(
                    "VPC {} is only known from peering {} (another account or Region): drawn without its subnets",
                    info.vpc_id, p.vpc_peering_connection_id
                ));
                self.first(&id);
                d.vpcs.push(Vpc {
                    id,
                    name: "peer (outside the capture)".into(),
                    region: Id::generated(&region),
                    cidr: *first,
                    secondary_cidrs: rest.to_vec(),
                    ipv6_cidr: None,
                    is_default: false,
                    dns_support: true,
                    dns_hostnames: false,
                    flow_logs: false,
                    tags: Tags::new(),
                });
            }
        }

        // Associations live on route tables and NACLs in AWS, on subnets here.
        let mut subnet_table: HashMap<String, String> = HashMap::new();
        for t in &a.route_tables {
            for assoc in &t.associations {
                let live =
                    assoc.association_state.as_ref().is_none_or(|s| s.state.is_empty() || s.state == "associated");
                if let (Some(s), true) = (&assoc.subnet_id, live) {
                    subnet_table.insert(s.clone(), t.route_table_id.clone());
                }
            }
        }
        let mut subnet_nacl: HashMap<String, String> = HashMap::new();
        for n in &a.nacls {
            if n.is_default {
                continue;
            }
            for assoc in &n.associations {
                subnet_nacl.insert(assoc.subnet_id.clone(), n.network_acl_id.clone());
            }
        }
        for s in &a.subnets {
            let Some(id) = self.id(&s.subnet_id, "subnet") else { continue };
            if !self.first(&id) {
                continue;
            }
            let Some(cidr) = self.cidr4(&s.cidr_block, &s.subnet_id) else { continue };
            let (name, tags) = name_and_tags(&s.tags);
            d.subnets.push(Subnet {
                id,
                name,
                vpc: Id::generated(&s.vpc_id),
                cidr,
                ipv6_cidr: None,
                availability_zone: s.availability_zone.clone(),
                map_public_ip_on_launch: s.map_public_ip_on_launch,
                route_table: subnet_table.get(&s.subnet_id).map(|t| Id::generated(t)),
                network_acl: subnet_nacl.get(&s.subnet_id).map(|n| Id::generated(n)),
                tags,
            });
        }

        // Route tables: static routes only; propagated prefixes become on-premises networks behind the gateway.
        let mut propagated: BTreeMap<String, BTreeSet<Ipv4Cidr>> = BTreeMap::new();
        for t in &a.route_tables {
            let Some(id) = self.id(&t.route_table_id, "route table") else { continue };
            if !self.first(&id) {
                continue;
            }
            let mut routes = Vec::new();
            for r in &t.routes {
                let origin = r.origin.as_deref().unwrap_or("CreateRoute");
                if origin == "CreateRouteTable" || r.gateway_id.as_deref() == Some("local") {
                    continue;
                }
                let destination = if let Some(c) = &r.destination_cidr_block {
                    match c.parse() {
                        Ok(c) => RouteDestination::Cidr(c),
                        Err(_) => continue,
                    }
                } else if let Some(c) = &r.destination_ipv6_cidr_block {
                    match c.parse() {
                        Ok(c) => RouteDestination::Ipv6Cidr(c),
                        Err(_) => continue,
                    }
                } else if let Some(p) = &r.destination_prefix_list_id {
                    RouteDestination::PrefixList(Id::generated(p))
                } else {
                    continue;
                };
                if origin == "EnableVgwRoutePropagation" {
                    if let (RouteDestination::Cidr(c), Some(g)) = (&destination, &r.gateway_id) {
                        propagated.entry(g.clone()).or_default().insert(*c);
                    }
                    continue;
                }
                if r.state.as_deref() == Some("blackhole") {
                    // AWS's own verdict: the target is gone or not usable. Keep the route as the blackhole it is.
                    let was = r
                        .gateway_id
                        .clone()
                        .or(r.nat_gateway_id.clone())
                        .or(r.vpc_peering_connection_id.clone())
                        .or(r.transit_gateway_id.clone())
                        .or(r.network_interface_id.clone())
                        .or(r.instance_id.clone())
                        .unwrap_or_default();
                    self.notes.insert(format!("{}: the route to {} is a blackhole in AWS (its target {was} is gone); imported as a blackhole route", t.route_table_id, match &destination { RouteDestination::Cidr(c) => c.to_string(), RouteDestination::Ipv6Cidr(c) => c.to_string(), RouteDestination::PrefixList(p) => p.to_string() }));
                    routes.push(Route { destination, target: RouteTarget::Blackhole });
                    continue;
                }
                let target = if let Some(g) = &r.gateway_id {
                    if g.starts_with("igw-") {
                        RouteTarget::InternetGateway(Id::generated(g))
                    } else if g.starts_with("vgw-") {
                        RouteTarget::VpnGateway(Id::generated(g))
                    } else if g.starts_with("vpce-") {
                        RouteTarget::GatewayEndpoint(Id::generated(g))
                    } else {
                        self.notes.insert(format!("{}: skipped a route to {g} (not modelled)", t.route_table_id));
                        continue;
                    }
                } else if let Some(n) = &r.nat_gateway_id {
                    RouteTarget::NatGateway(Id::generated(n))
                } else if let Some(p) = &r.vpc_peering_connection_id {
                    RouteTarget::VpcPeering(Id::generated(p))
                } else if let Some(x) = &r.transit_gateway_id {
                    RouteTarget::TransitGateway(Id::generated(x))
                } else if let Some(x) = &r.network_interface_id {
                    RouteTarget::NetworkInterface(Id::generated(x))
                } else if let Some(x) = &r.instance_id {
                    RouteTarget::Instance(Id::generated(x))
                } else if r.state.as_deref() == Some("blackhole") {
                    RouteTarget::Blackhole
                } else {
                    self.notes
                        .insert(format!("{}: skipped a route with a target vpcanvas does not model", t.route_table_id));
                    continue;
                };
                routes.push(Route { destination, target });
            }
            let (name, tags) = name_and_tags(&t.tags);
            d.route_tables.push(RouteTable {
                id,
                name,
                vpc: Id::generated(&t.vpc_id),
                main: t.associations.iter().any(|x| x.main),
                routes,
                propagating_vpn_gateways: t.propagating_vgws.iter().map(|g| Id::generated(&g.gateway_id)).collect(),
                gateway_associations: t
                    .associations
                    .iter()
                    .filter_map(|x| x.gateway_id.as_ref())
                    .map(|g| Id::generated(g))
                    .collect(),
                tags,
            });
        }

        for n in &a.nacls {
            let Some(id) = self.id(&n.network_acl_id, "network ACL") else { continue };
            if !self.first(&id) {
                continue;
            }
            let (mut inbound, mut outbound) = (Vec::new(), Vec::new());
            for e in &n.entries {
                if e.rule_number == 32767 {
                    continue; // the implied final deny
                }
                let Some(p) = protocol(&e.protocol) else {
                    self.notes.insert(format!(
                        "{}: skipped rule {} with protocol {:?}",
                        n.network_acl_id, e.rule_number, e.protocol
                    ));
                    continue;
                };
                let cidr = match (&e.cidr_block, &e.ipv6_cidr_block) {
                    (Some(c), _) => c.parse::<IpCidr>().ok(),
                    (None, Some(c)) => c.parse::<IpCidr>().ok(),
                    _ => None,
                };
                let Some(cidr) = cidr else { continue };
                let (ports, _) = ports(p, e.port_range.as_ref().map(|r| r.from), e.port_range.as_ref().map(|r| r.to));
                let icmp = e
                    .icmp_type_code
                    .as_ref()
                    .filter(|_| p.has_icmp())
                    .map(|t| Icmp { icmp_type: u8::try_from(t.r#type).ok(), code: u8::try_from(t.code).ok() });
                let rule = NaclRule {
                    rule_number: u32::try_from(e.rule_number).unwrap_or(0),
                    action: if e.rule_action.eq_ignore_ascii_case("allow") {
                        RuleAction::Allow
                    } else {
                        RuleAction::Deny
                    },
                    protocol: p,
                    ports,
                    icmp,
                    cidr,
                };
                if e.egress { outbound.push(rule) } else { inbound.push(rule) }
            }
            inbound.sort_by_key(|r| r.rule_number);
            outbound.sort_by_key(|r| r.rule_number);
            let (name, tags) = name_and_tags(&n.tags);
            d.network_acls.push(NetworkAcl {
                id,
                name,
                vpc: Id::generated(&n.vpc_id),
                is_default: n.is_default,
                inbound,
                outbound,
                tags,
            });
        }

        for g in &a.groups {
            let Some(id) = self.id(&g.group_id, "security group") else { continue };
            if !self.first(&id) {
                continue;
            }
            let inbound = self.sg_rules(&g.ip_permissions, &g.group_id);
            let outbound = self.sg_rules(&g.ip_permissions_egress, &g.group_id);
            let (_, tags) = name_and_tags(&g.tags);
            d.security_groups.push(SecurityGroup {
                id,
                name: g.group_name.clone(),
                description: g.description.clone(),
                vpc: Id::generated(&g.vpc_id),
                is_default: g.group_name == "default",
                inbound,
                outbound,
                tags,
            });
        }

        // Elastic IPs and who holds them.
        let mut eip_of_instance: HashMap<String, String> = HashMap::new();
        let mut eip_of_eni: HashMap<String, String> = HashMap::new();
        for (hint, e) in &a.addresses {
            let Some(alloc) = &e.allocation_id else {
                self.notes.insert("skipped an EC2-Classic address without an allocation id".into());
                continue;
            };
            let Some(id) = self.id(alloc, "Elastic IP") else { continue };
            if !self.first(&id) {
                continue;
            }
            if let Some(i) = &e.instance_id {
                eip_of_instance.insert(i.clone(), alloc.clone());
            } else if let Some(n) = &e.network_interface_id {
                eip_of_eni.insert(n.clone(), alloc.clone());
            }
            let (name, tags) = name_and_tags(&e.tags);
            let public_ip = self.ip(e.public_ip.as_deref());
            d.elastic_ips.push(ElasticIp { id, name, region: region_for(hint), public_ip, tags });
        }

        let mut primary_enis: HashSet<String> = HashSet::new();
        for i in &a.instances {
            if matches!(i.state.name.as_str(), "terminated" | "shutting-down") {
                self.notes.insert(format!("skipped instance {} ({})", i.instance_id, i.state.name));
                continue;
            }
            let Some(subnet) = &i.subnet_id else { continue };
            let Some(id) = self.id(&i.instance_id, "instance") else { continue };
            if !self.first(&id) {
                continue;
            }
            let primary =
                i.network_interfaces.iter().find(|n| n.attachment.as_ref().and_then(|x| x.device_index) == Some(0));
            if let Some(p) = primary {
                primary_enis.insert(p.network_interface_id.clone());
            }
            let secondary_ips: Vec<Ipv4Addr> = primary
                .map(|p| {
                    p.private_ip_addresses
                        .iter()
                        .filter(|x| !x.primary)
                        .filter_map(|x| x.private_ip_address.parse().ok())
                        .collect()
                })
                .unwrap_or_default();
            let elastic_ip = eip_of_instance
                .get(&i.instance_id)
                .map(|a| Id::generated(a))
                .or_else(|| primary.and_then(|p| eip_of_eni.get(&p.network_interface_id)).map(|a| Id::generated(a)));
            let (name, tags) = name_and_tags(&i.tags);
            let block_devices = i
                .block_device_mappings
                .iter()
                .filter(|b| Some(&b.device_name) != i.root_device_name.as_ref())
                .map(|b| BlockDevice {
                    device_name: b.device_name.clone(),
                    storage: match (&b.ebs, &b.virtual_name) {
                        (_, Some(v)) => BlockStorage::InstanceStore { virtual_name: v.clone() },
                        (Some(e), None) => BlockStorage::Ebs(EbsVolume {
                            size_gib: e.volume_size.unwrap_or(0),
                            volume_type: e.volume_type.clone().unwrap_or_default(),
                            encrypted: e.encrypted.unwrap_or(false),
                            delete_on_termination: e.delete_on_termination.unwrap_or(true),
                        }),
                        (None, None) => BlockStorage::InstanceStore { virtual_name: String::new() },
                    },
                })
                .collect();
            let os = if i.platform.as_deref() == Some("windows") { OsFamily::Windows } else { OsFamily::Linux };
            let public_ip = if elastic_ip.is_some() { None } else { self.ip(i.public_ip_address.as_deref()) };
            let private_ip = self.ip(i.private_ip_address.as_deref());
            d.instances.push(Instance {
                id,
                name,
                instance_type: i.instance_type.clone(),
                ami: (!i.image_id.is_empty()).then(|| Ami {
                    id: i.image_id.clone(),
                    name: String::new(),
                    os,
                    root_volume: None,
                }),
                block_devices,
                subnet: Id::generated(subnet),
                private_ip,
                secondary_private_ips: secondary_ips,
                associate_public_ip: Some(public_ip.is_some() || elastic_ip.is_some()),
                public_ip,
                elastic_ip,
                security_groups: i.security_groups.iter().map(|g| Id::generated(&g.group_id)).collect(),
                source_dest_check: i.source_dest_check.unwrap_or(true),
                primary_interface_id: primary.map(|p| Id::generated(&p.network_interface_id)),
                ecs_cluster: None,
                tags,
            });
            // Extra interfaces attached to the instance, unless describe-network-interfaces lists them.
            for n in i
                .network_interfaces
                .iter()
                .filter(|n| n.attachment.as_ref().and_then(|x| x.device_index).unwrap_or(0) > 0)
            {
                if !a.enis.iter().any(|e| e.network_interface_id == n.network_interface_id) {
                    self.eni(&mut d, n, Some(&i.instance_id), &eip_of_eni);
                }
            }
        }
        let owned_types = [
            "nat_gateway",
            "network_load_balancer",
            "gateway_load_balancer",
            "vpc_endpoint",
            "gateway_load_balancer_endpoint",
            "transit_gateway",
            "lambda",
            "efa",
        ];
        for n in &a.enis {
            let attached_primary = primary_enis.contains(&n.network_interface_id)
                || n.attachment.as_ref().and_then(|x| x.device_index) == Some(0)
                    && n.attachment.as_ref().and_then(|x| x.instance_id.as_ref()).is_some();
            let owned = n.requester_managed || n.interface_type.as_deref().is_some_and(|t| owned_types.contains(&t));
            if attached_primary || owned || n.description.starts_with("ELB ") {
                continue;
            }
            let instance = n.attachment.as_ref().and_then(|x| x.instance_id.clone());
            self.eni(&mut d, n, instance.as_deref(), &eip_of_eni);
        }

        for g in &a.igws {
            let Some(id) = self.id(&g.internet_gateway_id, "internet gateway") else { continue };
            if !self.first(&id) {
                continue;
            }
            let vpc = g
                .attachments
                .iter()
                .find(|x| x.state.is_empty() || x.state == "available" || x.state == "attached")
                .map(|x| Id::generated(&x.vpc_id));
            let (name, tags) = name_and_tags(&g.tags);
            d.internet_gateways.push(InternetGateway { id, name, vpc, tags });
        }

        for n in &a.nats {
            if matches!(n.state.as_str(), "deleted" | "deleting" | "failed") {
                self.notes.insert(format!("skipped NAT gateway {} ({})", n.nat_gateway_id, n.state));
                continue;
            }
            let Some(id) = self.id(&n.nat_gateway_id, "NAT gateway") else { continue };
            if !self.first(&id) {
                continue;
            }
            let private = n.connectivity_type.as_deref() == Some("private");
            let address = n.nat_gateway_addresses.first();
            let elastic_ip =
                if private { None } else { address.and_then(|x| x.allocation_id.as_ref()).map(|a| Id::generated(a)) };
            // The NAT gateway's Elastic IP may be missing from Addresses.json: add it from the gateway's own record.
            if let (Some(eip), Some(addr)) = (&elastic_ip, address)
                && !d.elastic_ips.iter().any(|e| &e.id == eip)
            {
                let region = region_for(&None);
                let public_ip = self.ip(addr.public_ip.as_deref());
                d.elastic_ips.push(ElasticIp {
                    id: eip.clone(),
                    name: String::new(),
                    region,
                    public_ip,
                    tags: Tags::new(),
                });
            }
            let (name, tags) = name_and_tags(&n.tags);
            let private_ip = self.ip(address.and_then(|x| x.private_ip.as_deref()));
            d.nat_gateways.push(NatGateway {
                id,
                name,
                subnet: Id::generated(&n.subnet_id),
                connectivity: if private { NatConnectivity::Private } else { NatConnectivity::Public },
                elastic_ip,
                private_ip,
                tags,
            });
        }

        for p in &a.peerings {
            let status = match p.status.code.as_str() {
                "active" => PeeringStatus::Active,
                "pending-acceptance" => PeeringStatus::PendingAcceptance,
                "provisioning" => PeeringStatus::Provisioning,
                "initiating-request" => PeeringStatus::Provisioning,
                other => {
                    self.notes.insert(format!("skipped peering {} ({other})", p.vpc_peering_connection_id));
                    continue;
                }
            };
            let Some(id) = self.id(&p.vpc_peering_connection_id, "peering") else { continue };
            if !self.first(&id) {
                continue;
            }
            let (name, tags) = name_and_tags(&p.tags);
            let accepter_account = match (&p.requester_vpc_info.owner_id, &p.accepter_vpc_info.owner_id) {
                (Some(a), Some(b)) if a != b => Some(b.clone()),
                _ => None,
            };
            d.vpc_peerings.push(VpcPeering {
                id,
                name,
                requester_vpc: Id::generated(&p.requester_vpc_info.vpc_id),
                accepter_vpc: Id::generated(&p.accepter_vpc_info.vpc_id),
                accepter_account,
                status,
                tags,
            });
        }

        for (hint, p) in &a.prefix_lists {
            let Some(id) = self.id(&p.prefix_list_id, "prefix list") else { continue };
            if !self.first(&id) {
                continue;
            }
            let mut entries: Vec<PrefixListEntry> = p
                .cidrs
                .iter()
                .filter_map(|c| c.parse().ok())
                .map(|cidr| PrefixListEntry { cidr, description: String::new() })
                .collect();
            entries.extend(p.entries.iter().filter_map(|e| {
                e.cidr.parse().ok().map(|cidr| PrefixListEntry { cidr, description: e.description.clone() })
            }));
            let region = p.prefix_list_name.split('.').find(|s| is_region_code(s)).map(str::to_owned).or(hint.clone());
            let (_, tags) = name_and_tags(&p.tags);
            d.prefix_lists.push(PrefixList {
                id,
                name: p.prefix_list_name.clone(),
                region: region_for(&region),
                entries,
                tags,
            });
        }

        for e in &a.endpoints {
            if matches!(e.state.to_ascii_lowercase().as_str(), "deleted" | "deleting" | "failed" | "rejected") {
                self.notes.insert(format!("skipped endpoint {} ({})", e.vpc_endpoint_id, e.state));
                continue;
            }
            let Some(id) = self.id(&e.vpc_endpoint_id, "VPC endpoint") else { continue };
            if !self.first(&id) {
                continue;
            }
            let endpoint = match e.vpc_endpoint_type.as_str() {
                "Gateway" => EndpointKind::Gateway {
                    route_tables: e.route_table_ids.iter().map(|t| Id::generated(t)).collect(),
                    prefix_list: None,
                },
                "Interface" => EndpointKind::Interface {
                    subnets: e.subnet_ids.iter().map(|s| Id::generated(s)).collect(),
                    security_groups: e.groups.iter().map(|g| Id::generated(&g.group_id)).collect(),
                    private_dns: e.private_dns_enabled,
                },
                other => {
                    self.notes.insert(format!("skipped endpoint {} of type {other}", e.vpc_endpoint_id));
                    continue;
                }
            };
            let (name, tags) = name_and_tags(&e.tags);
            d.vpc_endpoints.push(VpcEndpoint {
                id,
                name,
                vpc: Id::generated(&e.vpc_id),
                service_name: e.service_name.clone(),
                endpoint,
                tags,
            });
        }
        // A gateway endpoint's prefix list is the one its routes name.
        for ep in &mut d.vpc_endpoints {
            if let EndpointKind::Gateway { route_tables, prefix_list } = &mut ep.endpoint {
                *prefix_list =
                    d.route_tables.iter().filter(|t| route_tables.contains(&t.id)).flat_map(|t| &t.routes).find_map(
                        |r| match (&r.destination, &r.target) {
                            (RouteDestination::PrefixList(p), RouteTarget::GatewayEndpoint(x)) if x == &ep.id => {
                                Some(p.clone())
                            }
                            _ => None,
                        },
                    );
            }
        }

        for (hint, g) in &a.vgws {
            if g.state == "deleted" {
                continue;
            }
            let Some(id) = self.id(&g.vpn_gateway_id, "virtual private gateway") else { continue };
            if !self.first(&id) {
                continue;
            }
            let vpc = g.vpc_attachments.iter().find(|x| x.state == "attached").map(|x| Id::generated(&x.vpc_id));
            let asn = g
                .amazon_side_asn
                .as_ref()
                .and_then(|v| v.as_u64().or_else(|| v.as_str().and_then(|s| s.parse().ok())))
                .and_then(|v| u32::try_from(v).ok());
            let (name, tags) = name_and_tags(&g.tags);
            d.vpn_gateways.push(VpnGateway { id, name, region: region_for(hint), vpc, amazon_side_asn: asn, tags });
        }
        for (hint, c) in &a.cgws {
            if c.state == "deleted" {
                continue;
            }
            let Some(id) = self.id(&c.customer_gateway_id, "customer gateway") else { continue };
            if !self.first(&id) {
                continue;
            }
            let asn = c
                .bgp_asn
                .as_ref()
                .and_then(|v| v.as_u64().or_else(|| v.as_str().and_then(|s| s.parse().ok())))
                .and_then(|v| u32::try_from(v).ok())
                .unwrap_or(65000);
            let Some(ip_address) = self.ip(c.ip_address.as_deref()) else {
                self.notes
                    .insert(format!("skipped customer gateway {} without an IPv4 address", c.customer_gateway_id));
                continue;
            };
            let (name, tags) = name_and_tags(&c.tags);
            d.customer_gateways.push(CustomerGateway {
                id,
                name,
                region: region_for(hint),
                ip_address,
                bgp_asn: asn,
                on_premises: None,
                tags,
            });
        }
        for v in &a.vpns {
            if v.state == "deleted" || v.state == "deleting" {
                self.notes.insert(format!("skipped VPN connection {} ({})", v.vpn_connection_id, v.state));
                continue;
            }
            let Some(id) = self.id(&v.vpn_connection_id, "VPN connection") else { continue };
            if !self.first(&id) {
                continue;
            }
            let gateway = match (&v.vpn_gateway_id, &v.transit_gateway_id) {
                (Some(g), _) => VpnTermination::VpnGateway(Id::generated(g)),
                (None, Some(t)) => VpnTermination::TransitGateway(Id::generated(t)),
                _ => continue,
            };
            let static_routes_only = v.options.as_ref().is_some_and(|o| o.static_routes_only);
            let static_routes = v
                .routes
                .iter()
                .filter(|r| r.state != "deleted")
                .filter_map(|r| r.destination_cidr_block.parse().ok())
                .collect();
            let (name, tags) = name_and_tags(&v.tags);
            let tunnel_outside_ips = v
                .vgw_telemetry
                .iter()
                .filter_map(|t| t.outside_ip_address.as_deref())
                .filter_map(|t| t.parse().ok())
                .collect();
            d.vpn_connections.push(VpnConnection {
                id,
                name,
                customer_gateway: Id::generated(&v.customer_gateway_id),
                gateway,
                static_routes_only,
                static_routes,
                tunnel_outside_ips,
                tags,
            });
        }
        for lb in &a.load_balancers {
            if lb.state.as_ref().is_some_and(|s| s.code == "failed") {
                continue;
            }
            let kind = match lb.r#type.as_str() {
                "application" => LoadBalancerKind::Application,
                "network" => LoadBalancerKind::Network,
                other => {
                    self.notes.insert(format!("skipped load balancer {} of type {other}", lb.load_balancer_name));
                    continue;
                }
            };
            let Some(id) = self.id(&lb.load_balancer_arn, "load balancer") else { continue };
            if !self.first(&id) {
                continue;
            }
            let listeners = a
                .listeners
                .iter()
                .filter(|l| l.load_balancer_arn == lb.load_balancer_arn)
                .map(|l| Listener {
                    port: l.port,
                    protocol: match l.protocol.as_str() {
                        "HTTPS" => ListenerProtocol::Https,
                        "TCP" => ListenerProtocol::Tcp,
                        "TLS" => ListenerProtocol::Tls,
                        "UDP" => ListenerProtocol::Udp,
                        "TCP_UDP" => ListenerProtocol::TcpUdp,
                        "GENEVE" => ListenerProtocol::Geneve,
                        _ => ListenerProtocol::Http,
                    },
                    target_groups: l
                        .default_actions
                        .iter()
                        .filter(|x| x.r#type == "forward")
                        .flat_map(|x| {
                            x.target_group_arn.iter().cloned().chain(
                                x.forward_config
                                    .iter()
                                    .flat_map(|f| f.target_groups.iter().map(|t| t.target_group_arn.clone())),
                            )
                        })
                        .map(|t| Id::generated(&t))
                        .fold(Vec::new(), |mut acc: Vec<Id>, t| {
                            if !acc.contains(&t) {
                                acc.push(t);
                            }
                            acc
                        }),
                    certificates: l.certificates.iter().map(|c| c.certificate_arn.clone()).collect(),
                })
                .collect();
            let cross_zone = a
                .lb_attributes
                .iter()
                .filter(|x| x.load_balancer_arn == lb.load_balancer_arn)
                .flat_map(|x| &x.attributes)
                .find(|t| t.key == "load_balancing.cross_zone.enabled")
                .map(|t| t.value == "true");
            // Its nodes' addresses are on the interfaces AWS made for it ("ELB net/name/id").
            let suffix = lb.load_balancer_arn.split("loadbalancer/").nth(1).unwrap_or_default().to_owned();
            let node_addresses = a
                .enis
                .iter()
                .filter(|n| !suffix.is_empty() && n.description == format!("ELB {suffix}"))
                .filter_map(|n| {
                    let private_ip = n.private_ip_address.as_deref()?.parse().ok()?;
                    let public_ip =
                        n.association.as_ref().and_then(|x| x.public_ip.as_deref()).and_then(|p| p.parse().ok());
                    Some(LbNodeAddress { subnet: Id::generated(&n.subnet_id), private_ip, public_ip })
                })
                .collect();
            d.load_balancers.push(LoadBalancer {
                id,
                name: lb.load_balancer_name.clone(),
                kind,
                scheme: if lb.scheme == "internet-facing" {
                    LoadBalancerScheme::InternetFacing
                } else {
                    LoadBalancerScheme::Internal
                },
                vpc: Id::generated(&lb.vpc_id),
                subnets: lb.availability_zones.iter().map(|z| Id::generated(&z.subnet_id)).collect(),
                security_groups: lb.security_groups.iter().map(|g| Id::generated(g)).collect(),
                listeners,
                cross_zone,
                node_addresses,
                tags: Tags::new(),
            });
        }
        self.transit_gateways(&a, &mut d, &region_for);
        self.target_groups(&a, &mut d);
        self.ecs(&a, &mut d, &region_for);
        // Prefixes a gateway propagated were learned over BGP from the networks behind its VPNs.
        for (vgw, cidrs) in propagated {
            let onprem = Id::generated(&format!("onprem-{vgw}"));
            d.on_premises.push(OnPremNetwork {
                id: onprem.clone(),
                name: format!("learned by {vgw}"),
                cidrs: cidrs.into_iter().collect(),
                tags: Tags::new(),
            });
            for v in d
                .vpn_connections
                .iter()
                .filter(|v| matches!(&v.gateway, VpnTermination::VpnGateway(g) if g.as_str() == vgw))
            {
                if let Some(c) =
                    d.customer_gateways.iter_mut().find(|c| c.id == v.customer_gateway && c.on_premises.is_none())
                {
                    c.on_premises = Some(onprem.clone());
                }
            }
        }
        d
    }

    fn transit_gateways(&mut self, a: &Collected, d: &mut Design, region_for: &dyn Fn(&Option<String>) -> Id) {
        let gone = |state: &str| matches!(state, "deleted" | "deleting" | "failed" | "rejected");
        for (hint, t) in &a.tgws {
            if gone(&t.state) {
                continue;
            }
            let Some(id) = self.id(&t.transit_gateway_id, "transit gateway") else { continue };
            if !self.first(&id) {
                continue;
            }
            let (name, tags) = name_and_tags(&t.tags);
            let asn = t.options.amazon_side_asn.as_ref().and_then(|v| v.as_u64()).and_then(|v| u32::try_from(v).ok());
            d.transit_gateways.push(TransitGateway {
                id,
                name,
                region: region_for(hint),
                amazon_side_asn: asn,
                default_association_route_table: t
                    .options
                    .association_default_route_table_id
                    .as_deref()
                    .map(Id::generated),
                default_propagation_route_table: t
                    .options
                    .propagation_default_route_table_id
                    .as_deref()
                    .map(Id::generated),
                security_group_referencing: t.options.security_group_referencing_support.as_deref() == Some("enable"),
                tags,
            });
        }
        let mut propagations: HashMap<&str, Vec<Id>> = HashMap::new();
        for p in &a.tgw_propagations {
            for x in
                p.transit_gateway_route_table_propagations.iter().filter(|x| x.state.is_empty() || x.state == "enabled")
            {
                let list = propagations.entry(x.transit_gateway_attachment_id.as_str()).or_default();
                let table = Id::generated(&p.transit_gateway_route_table_id);
                if !list.contains(&table) {
                    list.push(table);
                }
            }
        }
        for x in &a.tgw_attachments {
            if gone(&x.state) {
                self.notes.insert(format!(
                    "skipped transit gateway attachment {} ({})",
                    x.transit_gateway_attachment_id, x.state
                ));
                continue;
            }
            let Some(id) = self.id(&x.transit_gateway_attachment_id, "transit gateway attachment") else { continue };
            if !self.first(&id) {
                continue;
            }
            let resource = match x.resource_type.as_str() {
                "vpc" => {
                    let detail = a
                        .tgw_vpc_attachments
                        .iter()
                        .find(|v| v.transit_gateway_attachment_id == x.transit_gateway_attachment_id);
                    if detail.is_none() {
                        self.notes.insert(format!(
                            "{}: no describe-transit-gateway-vpc-attachments record; its subnets are unknown",
                            x.transit_gateway_attachment_id
                        ));
                    }
                    TgwAttachmentResource::Vpc {
                        vpc: Id::generated(&x.resource_id),
                        subnets: detail
                            .map(|v| v.subnet_ids.iter().map(|s| Id::generated(s)).collect())
                            .unwrap_or_default(),
                        appliance_mode: detail
                            .is_some_and(|v| v.options.appliance_mode_support.as_deref() == Some("enable")),
                        security_group_referencing: detail
                            .is_some_and(|v| v.options.security_group_referencing_support.as_deref() == Some("enable")),
                    }
                }
                "vpn" => TgwAttachmentResource::Vpn { vpn_connection: Id::generated(&x.resource_id) },
                "direct-connect-gateway" => {
                    TgwAttachmentResource::DxGateway { dx_gateway: Id::generated(&x.resource_id) }
                }
                "peering" => TgwAttachmentResource::Peering { peer_transit_gateway: Id::generated(&x.resource_id) },
                other => {
                    self.notes.insert(format!(
                        "skipped transit gateway attachment {} of type {other}",
                        x.transit_gateway_attachment_id
                    ));
                    continue;
                }
            };
            let association = x
                .association
                .as_ref()
                .filter(|s| s.state.is_empty() || s.state == "associated")
                .map(|s| Id::generated(&s.transit_gateway_route_table_id));
            let (name, tags) = name_and_tags(&x.tags);
            d.tgw_attachments.push(TgwAttachment {
                id,
                name,
                transit_gateway: Id::generated(&x.transit_gateway_id),
                resource,
                association,
                propagations: propagations.get(x.transit_gateway_attachment_id.as_str()).cloned().unwrap_or_default(),
                tags,
            });
        }
        for t in &a.tgw_route_tables {
            if gone(&t.state) {
                continue;
            }
            let Some(id) = self.id(&t.transit_gateway_route_table_id, "transit gateway route table") else { continue };
            if !self.first(&id) {
                continue;
            }
            let mut routes = Vec::new();
            for r in a
                .tgw_static_routes
                .iter()
                .filter(|s| s.transit_gateway_route_table_id == t.transit_gateway_route_table_id)
                .flat_map(|s| &s.routes)
            {
                if r.r#type.as_deref() == Some("propagated") {
                    continue; // derived from the propagations
                }
                let Some(destination) = r.destination_cidr_block.as_deref().and_then(|c| c.parse().ok()) else {
                    continue;
                };
                let target = if r.state.as_deref() == Some("blackhole") {
                    TgwRouteTarget::Blackhole
                } else if let Some(x) = r.transit_gateway_attachments.first() {
                    TgwRouteTarget::Attachment(Id::generated(&x.transit_gateway_attachment_id))
                } else {
                    TgwRouteTarget::Blackhole
                };
                if !routes.iter().any(|x: &TgwRoute| x.destination == destination) {
                    routes.push(TgwRoute { destination, target });
                }
            }
            let (name, tags) = name_and_tags(&t.tags);
            d.tgw_route_tables.push(TgwRouteTable {
                id,
                name,
                transit_gateway: Id::generated(&t.transit_gateway_id),
                routes,
                tags,
            });
        }
    }

    fn ecs(&mut self, a: &Collected, d: &mut Design, region_for: &dyn Fn(&Option<String>) -> Id) {
        let launch = |t: Option<&str>| if t == Some("FARGATE") { LaunchType::Fargate } else { LaunchType::Ec2 };
        for (hint, c) in &a.ecs_clusters {
            if c.status.as_deref() == Some("INACTIVE") {
                continue;
            }
            let Some(id) = self.id(&c.cluster_arn, "ECS cluster") else { continue };
            if self.first(&id) {
                // The Region is in the ARN: arn:aws:ecs:<region>:<account>:cluster/<name>.
                let region =
                    c.cluster_arn.split(':').nth(3).filter(|r| is_region_code(r)).map(str::to_owned).or(hint.clone());
                d.ecs_clusters.push(EcsCluster {
                    id,
                    name: c.cluster_name.clone(),
                    region: region_for(&region),
                    tags: Tags::new(),
                });
            }
        }
        for t in &a.task_definitions {
            let Some(id) = self.id(&t.task_definition_arn, "task definition") else { continue };
            if !self.first(&id) {
                continue;
            }
            let network_mode = match t.network_mode.as_deref() {
                Some("awsvpc") => NetworkMode::Awsvpc,
                Some("host") => NetworkMode::Host,
                Some("none") => NetworkMode::None,
                _ => NetworkMode::Bridge,
            };
            d.task_definitions.push(TaskDefinition {
                id,
                family: t.family.clone(),
                revision: t.revision,
                network_mode,
                compatibilities: t.requires_compatibilities.iter().map(|c| launch(Some(c))).collect(),
                cpu: t.cpu.as_deref().and_then(|c| c.parse().ok()),
                memory_mib: t.memory.as_deref().and_then(|m| m.parse().ok()),
                containers: t
                    .container_definitions
                    .iter()
                    .map(|c| ContainerDefinition {
                        name: c.name.clone(),
                        image: c.image.clone(),
                        cpu: c.cpu,
                        memory_mib: c.memory,
                        essential: c.essential.unwrap_or(true),
                        port_mappings: c
                            .port_mappings
                            .iter()
                            .filter_map(|p| {
                                Some(PortMapping {
                                    container_port: p.container_port?,
                                    host_port: p.host_port,
                                    protocol: if p.protocol.as_deref() == Some("udp") {
                                        TransportProtocol::Udp
                                    } else {
                                        TransportProtocol::Tcp
                                    },
                                })
                            })
                            .collect(),
                    })
                    .collect(),
            });
        }
        for s in &a.ecs_services {
            if s.status.as_deref() == Some("INACTIVE") {
                continue;
            }
            let Some(id) = self.id(&s.service_arn, "ECS service") else { continue };
            if !self.first(&id) {
                continue;
            }
            let vpc = s.network_configuration.as_ref().and_then(|n| n.awsvpc_configuration.as_ref());
            d.ecs_services.push(EcsService {
                id,
                name: s.service_name.clone(),
                cluster: Id::generated(&s.cluster_arn),
                task_definition: Id::generated(&s.task_definition),
                desired_count: s.desired_count,
                launch_type: launch(s.launch_type.as_deref()),
                subnets: vpc.map(|v| v.subnets.iter().map(|x| Id::generated(x)).collect()).unwrap_or_default(),
                security_groups: vpc
                    .map(|v| v.security_groups.iter().map(|x| Id::generated(x)).collect())
                    .unwrap_or_default(),
                assign_public_ip: vpc.is_some_and(|v| v.assign_public_ip.as_deref() == Some("ENABLED")),
                load_balancers: s
                    .load_balancers
                    .iter()
                    .filter_map(|l| {
                        Some(ServiceLoadBalancer {
                            target_group: Id::generated(l.target_group_arn.as_deref()?),
                            container_name: l.container_name.clone().unwrap_or_default(),
                            container_port: l.container_port.unwrap_or(0),
                        })
                    })
                    .collect(),
                tags: Tags::new(),
            });
        }
        for t in &a.ecs_tasks {
            if matches!(t.last_status.as_deref(), Some("STOPPED" | "DEPROVISIONING" | "STOPPING")) {
                self.notes.insert(format!(
                    "skipped ECS task {} ({})",
                    t.task_arn,
                    t.last_status.as_deref().unwrap_or_default()
                ));
                continue;
            }
            let Some(id) = self.id(&t.task_arn, "ECS task") else { continue };
            if !self.first(&id) {
                continue;
            }
            let detail = |name: &str| {
                t.attachments
                    .iter()
                    .filter(|x| x.r#type == "ElasticNetworkInterface")
                    .flat_map(|x| &x.details)
                    .find(|x| x.name == name)
                    .map(|x| x.value.clone())
            };
            let service = t
                .group
                .as_deref()
                .and_then(|g| g.strip_prefix("service:"))
                .and_then(|name| d.ecs_services.iter().find(|s| s.name == name && s.cluster.as_str() == t.cluster_arn))
                .map(|s| s.id.clone());
            let container_instance = t
                .container_instance_arn
                .as_deref()
                .and_then(|arn| a.container_instances.iter().find(|c| c.container_instance_arn == arn))
                .map(|c| Id::generated(&c.ec2_instance_id));
            let security_groups = service
                .as_ref()
                .and_then(|s| d.ecs_services.iter().find(|x| &x.id == s))
                .map(|s| s.security_groups.clone())
                .unwrap_or_default();
            d.ecs_tasks.push(EcsTask {
                id,
                name: String::new(),
                cluster: Id::generated(&t.cluster_arn),
                task_definition: Id::generated(&t.task_definition_arn),
                service,
                launch_type: launch(t.launch_type.as_deref()),
                container_instance,
                subnet: detail("subnetId").map(|s| Id::generated(&s)),
                private_ip: detail("privateIPv4Address").and_then(|ip| ip.parse().ok()),
                public_ip: None,
                security_groups,
                tags: Tags::new(),
            });
        }
    }

    fn target_groups(&mut self, a: &Collected, d: &mut Design) {
        for t in &a.target_groups {
            let Some(id) = self.id(&t.target_group_arn, "target group") else { continue };
            let vpc = t.vpc_id.clone().unwrap_or_default();
            if !d.vpcs.iter().any(|v| v.id.as_str() == vpc) {
                self.notes.insert(format!(
                    "skipped target group {} of VPC {vpc}, which is not in the capture",
                    t.target_group_name
                ));
                continue;
            }
            if !self.first(&id) {
                continue;
            }
            let target_type = match t.target_type.as_str() {
                "ip" => TargetType::Ip,
                "lambda" => TargetType::Lambda,
                "alb" => TargetType::Alb,
                _ => TargetType::Instance,
            };
            let targets = a
                .target_health
                .iter()
                .filter(|h| h.target_group_arn == t.target_group_arn)
                .flat_map(|h| &h.target_health_descriptions)
                .filter_map(|h| {
                    let target = match target_type {
                        TargetType::Ip => TargetRef::Ip(h.target.id.parse().ok()?),
                        TargetType::Alb => TargetRef::LoadBalancer(Id::generated(&h.target.id)),
                        _ => TargetRef::Instance(Id::generated(&h.target.id)),
                    };
                    Some(Target { target, port: h.target.port.filter(|p| Some(*p) != t.port) })
                })
                .collect();
            let protocol = match t.protocol.as_deref() {
                Some("HTTPS") => ListenerProtocol::Https,
                Some("TCP") => ListenerProtocol::Tcp,
                Some("TLS") => ListenerProtocol::Tls,
                Some("UDP") => ListenerProtocol::Udp,
                Some("TCP_UDP") => ListenerProtocol::TcpUdp,
                Some("GENEVE") => ListenerProtocol::Geneve,
                _ => ListenerProtocol::Http,
            };
            d.target_groups.push(TargetGroup {
                id,
                name: t.target_group_name.clone(),
                vpc: Id::generated(&vpc),
                target_type,
                protocol,
                port: t.port.unwrap_or(0),
                health_check_port: t.health_check_port.as_deref().and_then(|p| p.parse().ok()),
                preserve_client_ip: None,
                targets,
                tags: Tags::new(),
            });
        }
    }

    fn sg_rules(&mut self, perms: &[aws::IpPermission], group: &str) -> Vec<SgRule> {
        let mut out = Vec::new();
        for p in perms {
            let Some(proto) = protocol(&p.ip_protocol) else {
                self.notes.insert(format!("{group}: skipped a rule with protocol {:?}", p.ip_protocol));
                continue;
            };
            let (ports, icmp) = ports(proto, p.from_port, p.to_port);
            let rule = |peer: RulePeer, description: &str| SgRule {
                protocol: proto,
                ports,
                icmp,
                peer,
                description: description.to_owned(),
            };
            for r in &p.ip_ranges {
                if let Ok(c) = r.cidr_ip.parse::<IpCidr>() {
                    out.push(rule(RulePeer::Cidr(c), &r.description));
                }
            }
            for r in &p.ipv6_ranges {
                if let Ok(c) = r.cidr_ipv6.parse::<IpCidr>() {
                    out.push(rule(RulePeer::Cidr(c), &r.description));
                }
            }
            for r in &p.prefix_list_ids {
                out.push(rule(RulePeer::PrefixList(Id::generated(&r.prefix_list_id)), &r.description));
            }
            for r in &p.user_id_group_pairs {
                out.push(rule(
                    RulePeer::SecurityGroup { group: Id::generated(&r.group_id), account: None },
                    &r.description,
                ));
            }
        }
        out
    }

    fn eni(
        &mut self,
        d: &mut Design,
        n: &aws::NetworkInterface,
        instance: Option<&str>,
        eips: &HashMap<String, String>,
    ) {
        let Some(id) = self.id(&n.network_interface_id, "network interface") else { return };
        if !self.first(&id) {
            return;
        }
        let primary = n.private_ip_address.as_deref().and_then(|p| p.parse().ok());
        let secondary = n
            .private_ip_addresses
            .iter()
            .filter(|x| !x.primary)
            .filter_map(|x| x.private_ip_address.parse().ok())
            .collect();
        let elastic_ip = eips.get(&n.network_interface_id).map(|a| Id::generated(a));
        let public_ip = if elastic_ip.is_some() {
            None
        } else {
            n.association.as_ref().and_then(|a| a.public_ip.as_deref()).and_then(|p| p.parse().ok())
        };
        let (name, tags) = name_and_tags(&n.tag_set);
        d.network_interfaces.push(NetworkInterface {
            id,
            name,
            description: n.description.clone(),
            subnet: Id::generated(&n.subnet_id),
            private_ip: primary,
            secondary_private_ips: secondary,
            public_ip,
            elastic_ip,
            security_groups: n.groups.iter().map(|g| Id::generated(&g.group_id)).collect(),
            source_dest_check: n.source_dest_check.unwrap_or(true),
            attachment: instance.map(|i| InterfaceAttachment {
                instance: Id::generated(i),
                device_index: n.attachment.as_ref().and_then(|x| x.device_index).unwrap_or(1),
            }),
            tags,
        });
    }
}

/// Lays a design out for the canvas: Regions side by side; in each, its VPCs stacked; in each VPC one column per
/// Availability Zone with its subnets stacked; resources in a grid inside their subnet; internet gateways on the
/// VPC's top edge; the internet above. Nothing overlaps.
pub fn arrange(d: &Design) -> Layout {
    const PAD: f64 = 24.0;
    const TITLE: f64 = 44.0;
    const SLOT_W: f64 = 160.0;
    const SLOT_H: f64 = 110.0;
    const COLS: usize = 3;
    const SUBNET_W: f64 = PAD * 2.0 + SLOT_W * COLS as f64;

    let mut layout = Layout::default();
    // What goes inside each subnet.
    let mut in_subnet: HashMap<&str, Vec<&Id>> = HashMap::new();
    for i in &d.instances {
        in_subnet.entry(i.subnet.as_str()).or_default().push(&i.id);
    }
    for n in &d.nat_gateways {
        in_subnet.entry(n.subnet.as_str()).or_default().push(&n.id);
    }
    for n in d.network_interfaces.iter().filter(|n| n.attachment.is_none()) {
        in_subnet.entry(n.subnet.as_str()).or_default().push(&n.id);
    }
    // ECS tasks: in their own subnet (awsvpc), or in their container instance's.
    for t in &d.ecs_tasks {
        let host = t.container_instance.as_ref().and_then(|h| d.instances.iter().find(|i| &i.id == h));
        if let Some(subnet) = t.subnet.as_ref().or(host.map(|h| &h.subnet)) {
            in_subnet.entry(subnet.as_str()).or_default().push(&t.id);
        }
    }
    let subnet_h = |id: &str| {
        let n = in_subnet.get(id).map_or(0, Vec::len).max(1);
        TITLE + PAD + SLOT_H * n.div_ceil(COLS) as f64
    };

    // Icons that belong to a VPC but to no subnet (load balancers, endpoints): a band under the VPC's title.
    let in_vpc = |vpc: &Id| -> Vec<&Id> {
        d.load_balancers
            .iter()
            .filter(|l| &l.vpc == vpc)
            .map(|l| &l.id)
            .chain(d.vpc_endpoints.iter().filter(|e| &e.vpc == vpc).map(|e| &e.id))
            .collect()
    };

    // One VPC laid out with its top-left corner at (vpc_x, y); returns its width and height.
    let place_vpc = |layout: &mut Layout, vpc: &Vpc, vpc_x: f64, y: f64| -> (f64, f64) {
        let subnets: Vec<&Subnet> = d.subnets.iter().filter(|s| s.vpc == vpc.id).collect();
        let zones: BTreeSet<&str> = subnets.iter().map(|s| s.availability_zone.as_str()).collect();
        let banded = in_vpc(&vpc.id);
        let band = if banded.is_empty() { 0.0 } else { SLOT_H };
        for (k, item) in banded.iter().enumerate() {
            layout
                .nodes
                .insert((*item).clone(), Placement::at(vpc_x + PAD + 40.0 + k as f64 * SLOT_W, y + TITLE + 8.0));
        }
        let y = y + band;
        let mut zone_x = vpc_x + PAD;
        let mut tallest: f64 = 0.0;
        for zone in &zones {
            let mut sy = y + TITLE + PAD + TITLE;
            let mut in_zone: Vec<&&Subnet> = subnets.iter().filter(|s| s.availability_zone == *zone).collect();
            in_zone.sort_by_key(|s| (u32::from(s.cidr.network()), s.cidr.prefix_len()));
            for s in in_zone {
                let h = subnet_h(s.id.as_str());
                layout.nodes.insert(s.id.clone(), Placement::rect(zone_x + PAD, sy, SUBNET_W, h));
                if let Some(items) = in_subnet.get(s.id.as_str()) {
                    for (k, item) in items.iter().enumerate() {
                        let x = zone_x + PAD + PAD + (k % COLS) as f64 * SLOT_W + (SLOT_W - 48.0) / 2.0;
                        let iy = sy + TITLE + PAD / 2.0 + (k / COLS) as f64 * SLOT_H;
                        layout.nodes.insert((*item).clone(), Placement::at(x, iy));
                    }
                }
                sy += h + PAD;
            }
            let zone_h = sy - (y + TITLE + PAD);
            layout.zones.push(ZonePlacement {
                vpc: vpc.id.clone(),
                zone: (*zone).to_owned(),
                placement: Placement::rect(zone_x, y + TITLE + PAD, SUBNET_W + 2.0 * PAD, zone_h),
            });
            tallest = tallest.max(zone_h);
            zone_x += SUBNET_W + 3.0 * PAD;
        }
        let vpc_w = (zone_x - vpc_x).max(SUBNET_W + 4.0 * PAD);
        let vpc_h = band + TITLE + PAD + tallest.max(60.0) + PAD;
        let top = y - band;
        layout.nodes.insert(vpc.id.clone(), Placement::rect(vpc_x, top, vpc_w, vpc_h));
        // Gateways sit on the VPC's edge: internet gateways on top, virtual private gateways at the bottom.
        for (k, g) in d.internet_gateways.iter().filter(|g| g.vpc.as_ref() == Some(&vpc.id)).enumerate() {
            layout.nodes.insert(g.id.clone(), Placement::at(vpc_x + vpc_w / 2.0 - 24.0 + k as f64 * 200.0, top - 24.0));
        }
        for (k, g) in d.vpn_gateways.iter().filter(|g| g.vpc.as_ref() == Some(&vpc.id)).enumerate() {
            layout
                .nodes
                .insert(g.id.clone(), Placement::at(vpc_x + vpc_w / 2.0 - 24.0 + k as f64 * 200.0, top + vpc_h - 24.0));
        }
        (vpc_w, vpc_h)
    };

    let mut region_x = 40.0;
    let top = 200.0;
    for region in &d.regions {
        let vpcs: Vec<&Vpc> = d.vpcs.iter().filter(|v| v.region == region.id).collect();
        // Measure each VPC, then fill rows about as wide as a 4:3 region would be, so that a Region with many VPCs
        // is a grid rather than one tall column.
        let sizes: Vec<(f64, f64)> = vpcs.iter().map(|v| place_vpc(&mut Layout::default(), v, 0.0, 0.0)).collect();
        let area: f64 = sizes.iter().map(|(w, h)| (w + 80.0) * (h + 80.0)).sum();
        let widest_one = sizes.iter().map(|(w, _)| *w).fold(480.0, f64::max);
        let row_width = (area * 4.0 / 3.0).sqrt().max(widest_one);
        let left = region_x + PAD;
        let (mut x, mut y) = (left, top + TITLE + 40.0);
        let mut row_h: f64 = 0.0;
        let mut widest: f64 = 480.0;
        for (vpc, (w, _)) in vpcs.iter().zip(&sizes) {
            if x > left && x - left + w > row_width {
                x = left;
                y += row_h + 80.0;
                row_h = 0.0;
            }
            let (w, h) = place_vpc(&mut layout, vpc, x, y);
            row_h = row_h.max(h);
            widest = widest.max(x - left + w);
            x += w + 80.0;
        }
        let mut bottom = if vpcs.is_empty() { y } else { y + row_h + 80.0 };
        // Transit and customer gateways of the Region: a row under its VPCs.
        let regional: Vec<&Id> = d
            .transit_gateways
            .iter()
            .filter(|t| t.region == region.id)
            .map(|t| &t.id)
            .chain(d.customer_gateways.iter().filter(|c| c.region == region.id).map(|c| &c.id))
            .collect();
        for (k, item) in regional.iter().enumerate() {
            layout.nodes.insert((*item).clone(), Placement::at(left + 40.0 + k as f64 * 200.0, bottom - 40.0));
        }
        if !regional.is_empty() {
            widest = widest.max(40.0 + regional.len() as f64 * 200.0);
            bottom += SLOT_H;
        }
        let region_w = widest + 2.0 * PAD;
        layout.nodes.insert(region.id.clone(), Placement::rect(region_x, top, region_w, (bottom - top).max(200.0)));
        region_x += region_w + 80.0;
    }
    layout.internet = Some(Placement::at(40.0 + (region_x - 120.0) / 2.0, 40.0));
    // Outside AWS, under the Regions: Direct Connect gateways, then the on-premises networks.
    let below = layout.nodes.values().filter_map(|p| p.h.map(|h| p.y + h)).fold(top, f64::max) + 100.0;
    let outside: Vec<&Id> = d.dx_gateways.iter().map(|g| &g.id).chain(d.on_premises.iter().map(|o| &o.id)).collect();
    for (k, item) in outside.iter().enumerate() {
        layout.nodes.insert((*item).clone(), Placement::at(120.0 + k as f64 * 260.0, below));
    }
    layout
}
