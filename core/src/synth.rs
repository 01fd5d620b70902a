//! Deterministic synthetic designs of any size, for benchmarks and performance tests (no randomness: the same shape
//! gives the same design).
//!
//! Each VPC is a realistic three-tier network: 8 subnets over 4 Availability Zones (a public and a private subnet in
//! each), an internet gateway, one NAT gateway with its Elastic IP (so the other zones' private subnets cross zones to
//! it, an info finding), a public and a private route table, a custom NACL with 20 rules, 4 security groups with 20
//! rules between them, and 10 instances: 29 resources and 40 filter rules per VPC.
//!
//! A [`Shape`] asks for more: rules added to every NACL and application security group (to scale the rules within one
//! resource), and *connected* VPCs, which also hold every other kind (ECS, a load balancer, VPC endpoints, a peering
//! with the next VPC, VPN and Direct Connect to an on-premises network, a transit gateway attachment) and a few
//! deliberate mistakes, so that every validation rule has work to do (`check`'s work test and the per-rule benchmark).

use std::net::Ipv4Addr;

use crate::doc::*;
use crate::net::{Icmp, IpCidr, Ipv4Cidr, PortRange, Protocol};

/// Resources in each synthetic VPC (see the module documentation).
pub const RESOURCES_PER_VPC: usize = 29;

/// Resources in each connected VPC, on average.
pub const RESOURCES_PER_CONNECTED_VPC: usize = 48;

const ZONES: [&str; 4] = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"];

/// VPCs sharing one transit gateway in a connected design.
const VPCS_PER_TRANSIT_GATEWAY: usize = 16;

/// What a synthetic design holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// Three-tier VPCs (at least one is made).
    pub vpcs: usize,
    /// Rules added to each direction of every VPC's custom network ACL, after its own ten.
    pub extra_nacl_rules: usize,
    /// Inbound rules added to every VPC's application security group.
    pub extra_sg_rules: usize,
    /// Whether every VPC also holds the connected kinds and mistakes (see the module documentation).
    pub connected: bool,
}

impl Shape {
    /// `vpcs` plain three-tier VPCs.
    pub const fn vpcs(vpcs: usize) -> Shape {
        Shape { vpcs, extra_nacl_rules: 0, extra_sg_rules: 0, connected: false }
    }

    /// `vpcs` connected VPCs.
    pub const fn connected(vpcs: usize) -> Shape {
        Shape { vpcs, extra_nacl_rules: 0, extra_sg_rules: 0, connected: true }
    }
}

fn id(text: String) -> Id {
    Id::generated(&text)
}

fn cidr(addr: u32, len: u8) -> Ipv4Cidr {
    Ipv4Cidr::clamped(Ipv4Addr::from(addr), len)
}

fn sg_rule(protocol: Protocol, port: Option<u16>, peer: RulePeer) -> SgRule {
    SgRule { protocol, ports: port.map(PortRange::single), icmp: None, peer, description: String::new() }
}

fn nacl_rule(n: u32, action: RuleAction, protocol: Protocol, ports: Option<PortRange>, block: Ipv4Cidr) -> NaclRule {
    NaclRule { rule_number: n, action, protocol, ports, icmp: None, cidr: IpCidr::V4(block) }
}

/// A design of about `resources` resources (rounded to whole VPCs, at least one).
pub fn design_with_resources(resources: usize) -> Design {
    design_with_vpcs((resources / RESOURCES_PER_VPC).max(1))
}

/// A design of about `resources` resources in connected VPCs (rounded to whole VPCs, at least one).
pub fn connected_design_with_resources(resources: usize) -> Design {
    design(&Shape::connected((resources / RESOURCES_PER_CONNECTED_VPC).max(1)))
}

/// A design of `vpcs` three-tier VPCs in us-east-1, each a /20 of 10.0.0.0/8 (so up to 4,096 distinct VPCs).
pub fn design_with_vpcs(vpcs: usize) -> Design {
    design(&Shape::vpcs(vpcs))
}

/// A design of the given shape in us-east-1.
pub fn design(shape: &Shape) -> Design {
    let vpcs = shape.vpcs.max(1);
    let mut d = Design::new(format!("synthetic: {vpcs} VPCs"));
    let region = id("us-east-1".into());
    d.regions.push(Region {
        id: region.clone(),
        name: "US East (N. Virginia)".into(),
        availability_zones: ZONES.iter().map(|z| AvailabilityZone { name: (*z).into(), zone_id: None }).collect(),
    });
    for v in 0..vpcs {
        three_tier(&mut d, shape, &region, v, vpcs);
        if shape.connected {
            connect(&mut d, &region, v, vpcs);
        }
    }
    d
}

/// The first address of VPC `v`'s /20.
fn vpc_base(v: usize) -> u32 {
    (10 << 24) | (((v as u32) % 4096) << 12)
}

/// One three-tier VPC; in a connected design with the routes, rules and settings that reach the connected kinds.
fn three_tier(d: &mut Design, shape: &Shape, region: &Id, v: usize, vpcs: usize) {
    let anywhere = cidr(0, 0);
    let connected = shape.connected;
    let base = vpc_base(v);
    let vpc = id(format!("vpc-{v}"));
    let vpc_block = cidr(base, 20);
    d.vpcs.push(Vpc {
        id: vpc.clone(),
        name: format!("tier-{v}"),
        region: region.clone(),
        cidr: vpc_block,
        // Pairs of VPCs (which are peered) share a secondary block outside 10.0.0.0/8.
        secondary_cidrs: if connected {
            vec![cidr((100 << 24) | (64 << 16) | ((v as u32 / 2) << 8), 24)]
        } else {
            vec![]
        },
        ipv6_cidr: None,
        is_default: connected && v % 8 == 3,
        dns_support: true,
        dns_hostnames: true,
        flow_logs: true,
        tags: Default::default(),
    });
    let igw = id(format!("igw-{v}"));
    d.internet_gateways.push(InternetGateway {
        id: igw.clone(),
        name: String::new(),
        vpc: Some(vpc.clone()),
        tags: Default::default(),
    });
    let (rtb_public, rtb_private) = (id(format!("rtb-{v}-public")), id(format!("rtb-{v}-private")));
    let nat = id(format!("nat-{v}"));
    let route = |dest: Ipv4Cidr, target: RouteTarget| Route { destination: RouteDestination::Cidr(dest), target };
    let mut public_routes = vec![route(anywhere, RouteTarget::InternetGateway(igw.clone()))];
    let mut private_routes = vec![route(anywhere, RouteTarget::NatGateway(nat.clone()))];
    if connected {
        if v.is_multiple_of(4) {
            // A mistake: a subnet's block sent to the internet gateway, which the local route overrides.
            public_routes.push(route(cidr(base | (2 << 8), 24), RouteTarget::InternetGateway(igw.clone())));
        }
        // A middlebox: the third private subnet's traffic through the first instance's interface.
        private_routes.push(route(cidr(base | (5 << 8), 24), RouteTarget::NetworkInterface(id(format!("eni-{v}-0")))));
        if v + 1 < vpcs {
            private_routes.push(route(cidr(vpc_base(v + 1), 20), RouteTarget::VpcPeering(id(format!("pcx-{v}")))));
        }
        if v + 2 < vpcs {
            // A mistake: transitive routing through the peer to the VPC after it.
            private_routes.push(route(cidr(vpc_base(v + 2), 20), RouteTarget::VpcPeering(id(format!("pcx-{v}")))));
        }
        private_routes.push(route(on_prem_block(v), RouteTarget::VpnGateway(id(format!("vgw-{v}")))));
        let tgw = id(format!("tgw-{}", v / VPCS_PER_TRANSIT_GATEWAY));
        private_routes.push(route(cidr(100 << 24 | 64 << 16, 10), RouteTarget::TransitGateway(tgw)));
        if v % 4 == 1 {
            private_routes
                .push(route(cidr(198 << 24 | 18 << 16, 15), RouteTarget::NatGateway(id(format!("nat-{v}-misplaced")))));
        }
    }
    d.route_tables.push(RouteTable {
        id: rtb_public.clone(),
        name: "public".into(),
        vpc: vpc.clone(),
        main: true,
        routes: public_routes,
        propagating_vpn_gateways: vec![],
        gateway_associations: vec![],
        tags: Default::default(),
    });
    d.route_tables.push(RouteTable {
        id: rtb_private.clone(),
        name: "private".into(),
        vpc: vpc.clone(),
        main: false,
        routes: private_routes,
        propagating_vpn_gateways: vec![],
        gateway_associations: vec![],
        tags: Default::default(),
    });
    let acl = id(format!("acl-{v}"));
    let corp = cidr(10 << 24, 8);
    let ephemeral = Some(PortRange::new(1024, 65535));
    let one = |p: u16| Some(PortRange::single(p));
    let mut inbound = vec![
        nacl_rule(90, RuleAction::Deny, Protocol::TCP, one(22), anywhere),
        nacl_rule(91, RuleAction::Deny, Protocol::TCP, one(3389), anywhere),
        nacl_rule(100, RuleAction::Allow, Protocol::All, None, vpc_block),
        nacl_rule(110, RuleAction::Allow, Protocol::TCP, one(443), anywhere),
        nacl_rule(120, RuleAction::Allow, Protocol::TCP, one(80), anywhere),
        nacl_rule(130, RuleAction::Allow, Protocol::TCP, ephemeral, anywhere),
        nacl_rule(140, RuleAction::Allow, Protocol::UDP, ephemeral, anywhere),
        nacl_rule(150, RuleAction::Allow, Protocol::TCP, one(636), corp),
        nacl_rule(160, RuleAction::Allow, Protocol::ICMP, None, corp),
        nacl_rule(170, RuleAction::Allow, Protocol::UDP, one(53), corp),
    ];
    let mut outbound = vec![
        nacl_rule(100, RuleAction::Allow, Protocol::All, None, vpc_block),
        nacl_rule(110, RuleAction::Allow, Protocol::TCP, one(443), anywhere),
        nacl_rule(120, RuleAction::Allow, Protocol::TCP, one(80), anywhere),
        nacl_rule(130, RuleAction::Allow, Protocol::TCP, ephemeral, anywhere),
        nacl_rule(140, RuleAction::Allow, Protocol::UDP, one(123), anywhere),
        nacl_rule(150, RuleAction::Allow, Protocol::UDP, one(53), anywhere),
        nacl_rule(160, RuleAction::Allow, Protocol::TCP, one(22), corp),
        nacl_rule(170, RuleAction::Allow, Protocol::TCP, one(389), corp),
        nacl_rule(180, RuleAction::Allow, Protocol::UDP, ephemeral, corp),
        nacl_rule(190, RuleAction::Allow, Protocol::TCP, one(873), corp),
    ];
    inbound.extend(extra_nacl_rules(shape.extra_nacl_rules, 0));
    outbound.extend(extra_nacl_rules(shape.extra_nacl_rules, 1));
    d.network_acls.push(NetworkAcl {
        id: acl.clone(),
        name: "tiers".into(),
        vpc: vpc.clone(),
        is_default: false,
        inbound,
        outbound,
        tags: Default::default(),
    });
    let sg = |role: &str| id(format!("sg-{v}-{role}"));
    let group = |role: &str, inbound: Vec<SgRule>| SecurityGroup {
        id: sg(role),
        name: role.into(),
        description: String::new(),
        vpc: vpc.clone(),
        is_default: role == "default",
        inbound,
        outbound: if role == "default" {
            vec![]
        } else {
            vec![sg_rule(Protocol::All, None, RulePeer::Cidr(IpCidr::V4(anywhere)))]
        },
        tags: Default::default(),
    };
    let from = |role: &str| RulePeer::SecurityGroup { group: sg(role), account: None };
    let other_app = |w: usize| RulePeer::SecurityGroup { group: id(format!("sg-{w}-app")), account: None };
    // A connected VPC's default group lets its members talk to each other, as AWS creates it.
    d.security_groups
        .push(group("default", if connected { vec![sg_rule(Protocol::All, None, from("default"))] } else { vec![] }));
    d.security_groups.push(group(
        "lb",
        vec![
            sg_rule(Protocol::TCP, Some(443), RulePeer::Cidr(IpCidr::V4(anywhere))),
            sg_rule(Protocol::TCP, Some(80), RulePeer::Cidr(IpCidr::V4(anywhere))),
            sg_rule(Protocol::ICMP, None, RulePeer::Cidr(IpCidr::V4(vpc_block))),
            sg_rule(Protocol::TCP, Some(8443), RulePeer::Cidr(IpCidr::V4(vpc_block))),
            sg_rule(Protocol::TCP, Some(9000), RulePeer::Cidr(IpCidr::V4(corp))),
            sg_rule(Protocol::TCP, Some(9001), RulePeer::Cidr(IpCidr::V4(corp))),
        ],
    ));
    let mut app = vec![
        sg_rule(Protocol::TCP, Some(8080), from("lb")),
        sg_rule(Protocol::TCP, Some(22), RulePeer::Cidr(IpCidr::V4(cidr(base, 24)))),
        sg_rule(Protocol::TCP, Some(9100), RulePeer::Cidr(IpCidr::V4(vpc_block))),
        sg_rule(Protocol::ICMP, None, RulePeer::Cidr(IpCidr::V4(vpc_block))),
        sg_rule(Protocol::TCP, Some(8081), from("lb")),
        sg_rule(Protocol::TCP, Some(8082), from("lb")),
    ];
    if connected {
        // The peer's application tier (reachable), and the one after it (not peered).
        if v + 1 < vpcs {
            app.push(sg_rule(Protocol::TCP, Some(8443), other_app(v + 1)));
        }
        if v + 2 < vpcs {
            app.push(sg_rule(Protocol::TCP, Some(8444), other_app(v + 2)));
        }
    }
    for k in 0..shape.extra_sg_rules {
        let port = 2000 + (k % 30000) as u16;
        app.push(match k % 4 {
            0 => sg_rule(Protocol::TCP, Some(port), RulePeer::Cidr(IpCidr::V4(cidr(base | (k as u32 % 4096), 32)))),
            1 => sg_rule(Protocol::TCP, Some(port), other_app((v + k) % vpcs)),
            2 => sg_rule(Protocol::UDP, Some(port), RulePeer::Cidr(IpCidr::V4(anywhere))),
            _ => sg_rule(Protocol::TCP, Some(port), from("lb")),
        });
    }
    d.security_groups.push(group("app", app));
    d.security_groups.push(group(
        "db",
        vec![
            sg_rule(Protocol::TCP, Some(5432), from("app")),
            sg_rule(Protocol::TCP, Some(5432), RulePeer::Cidr(IpCidr::V4(cidr(base | 0x100, 24)))),
            sg_rule(Protocol::TCP, Some(9187), RulePeer::Cidr(IpCidr::V4(vpc_block))),
            sg_rule(Protocol::ICMP, None, RulePeer::Cidr(IpCidr::V4(vpc_block))),
            sg_rule(Protocol::TCP, Some(6432), from("app")),
        ],
    ));
    let mut private_subnets = Vec::new();
    for (z, zone) in ZONES.iter().enumerate() {
        for (tier, public) in [("public", true), ("private", false)] {
            let n = z as u32 * 2 + u32::from(!public);
            let subnet = id(format!("subnet-{v}-{tier}-{z}"));
            d.subnets.push(Subnet {
                id: subnet.clone(),
                name: format!("{tier}-{zone}"),
                vpc: vpc.clone(),
                cidr: cidr(base | (n << 8), 24),
                ipv6_cidr: None,
                availability_zone: (*zone).into(),
                map_public_ip_on_launch: false,
                route_table: Some(if public { rtb_public.clone() } else { rtb_private.clone() }),
                network_acl: Some(acl.clone()),
                tags: Default::default(),
            });
            if !public {
                private_subnets.push((subnet, base | (n << 8)));
            }
        }
    }
    let eip = id(format!("eip-{v}"));
    d.elastic_ips.push(ElasticIp {
        id: eip.clone(),
        name: String::new(),
        region: region.clone(),
        public_ip: None,
        tags: Default::default(),
    });
    d.nat_gateways.push(NatGateway {
        id: nat,
        name: String::new(),
        subnet: id(format!("subnet-{v}-public-0")),
        connectivity: NatConnectivity::Public,
        elastic_ip: Some(eip),
        private_ip: Some(Ipv4Addr::from(base | 10)),
        tags: Default::default(),
    });
    for i in 0..10u32 {
        let (subnet, subnet_base) = &private_subnets[(i % 4) as usize];
        d.instances.push(Instance {
            id: id(format!("i-{v}-{i}")),
            name: format!("app-{i}"),
            instance_type: "m7g.large".into(),
            ami: None,
            block_devices: vec![],
            subnet: subnet.clone(),
            private_ip: Some(Ipv4Addr::from(subnet_base + 10 + i)),
            secondary_private_ips: vec![],
            associate_public_ip: Some(false),
            public_ip: None,
            elastic_ip: None,
            security_groups: vec![sg(if i % 2 == 0 { "app" } else { "db" })],
            source_dest_check: true,
            primary_interface_id: (connected && i == 0).then(|| id(format!("eni-{v}-{i}"))),
            ecs_cluster: None,
            tags: Default::default(),
        });
    }
}

/// The on-premises range of VPC `v`'s data centre, in 172.16.0.0/12.
fn on_prem_block(v: usize) -> Ipv4Cidr {
    cidr((172 << 24) | (16 << 16) | ((v as u32 % 4096) << 8), 24)
}

/// `count` NACL rules numbered from 200, of every sort: service ports from many single addresses and /24s
/// (outside 10.0.0.0/8, so that replies need their own return rules), UDP services whose replies the outbound rules do
/// not let out, return rules, denies, ICMP, and rules that earlier ones hide. `salt` varies the two directions.
fn extra_nacl_rules(count: usize, salt: u32) -> Vec<NaclRule> {
    let mut out = Vec::with_capacity(count);
    for k in 0..count {
        let k32 = k as u32;
        // A well-spread deterministic number for addresses and ports.
        let x = k32.wrapping_add(salt).wrapping_mul(2_654_435_761) >> 4;
        let n = 200 + k32;
        let port = 1024 + (x % 20_000) as u16;
        let net24 = (172 << 24) | (16 << 16) | ((x % 4096) << 8);
        let rule = match k % 10 {
            0 => nacl_rule(n, RuleAction::Deny, Protocol::TCP, Some(PortRange::single(port)), cidr(net24, 24)),
            1..=3 => nacl_rule(n, RuleAction::Allow, Protocol::TCP, Some(PortRange::single(port)), cidr(net24, 24)),
            4 => {
                // Hidden by the rule three before: the same port from an address inside its /24.
                let earlier = k32 - 3;
                let y = earlier.wrapping_add(salt).wrapping_mul(2_654_435_761) >> 4;
                let block = (172 << 24) | (16 << 16) | ((y % 4096) << 8) | 7;
                nacl_rule(
                    n,
                    RuleAction::Allow,
                    Protocol::TCP,
                    Some(PortRange::single(1024 + (y % 20_000) as u16)),
                    cidr(block, 32),
                )
            }
            5..=7 => nacl_rule(
                n,
                RuleAction::Allow,
                Protocol::UDP,
                Some(PortRange::single(port)),
                cidr((192 << 24) | (168 << 16) | (x & 0xffff), 32),
            ),
            8 => NaclRule {
                rule_number: n,
                action: RuleAction::Allow,
                protocol: Protocol::ICMP,
                ports: None,
                icmp: Some(Icmp { icmp_type: Some((x % 16) as u8), code: None }),
                cidr: IpCidr::V4(cidr(net24, 24)),
            },
            _ => nacl_rule(n, RuleAction::Allow, Protocol::TCP, Some(PortRange::new(32768, 65535)), cidr(net24, 24)),
        };
        out.push(rule);
    }
    out
}

/// The connected kinds of VPC `v` (see the module documentation).
fn connect(d: &mut Design, region: &Id, v: usize, vpcs: usize) {
    let base = vpc_base(v);
    let vpc = id(format!("vpc-{v}"));
    let subnet = |name: &str| id(format!("subnet-{v}-{name}"));
    let sg = |role: &str| id(format!("sg-{v}-{role}"));
    let isolated = subnet("isolated");
    let rtb_isolated = id(format!("rtb-{v}-isolated"));
    let vgw = id(format!("vgw-{v}"));
    let tgw = id(format!("tgw-{}", v / VPCS_PER_TRANSIT_GATEWAY));
    let plain_subnet = |sid: Id, block: Ipv4Cidr, table: Id| Subnet {
        id: sid,
        name: String::new(),
        vpc: vpc.clone(),
        cidr: block,
        ipv6_cidr: None,
        availability_zone: ZONES[0].into(),
        map_public_ip_on_launch: false,
        route_table: Some(table),
        network_acl: Some(id(format!("acl-{v}"))),
        tags: Default::default(),
    };
    // An isolated subnet (no default route) where ECS tasks pull their images through VPC endpoints, in every other
    // VPC only: the rest have none, a mistake.
    d.subnets.push(plain_subnet(isolated.clone(), cidr(base | (8 << 8), 24), rtb_isolated.clone()));
    if v % 8 == 7 {
        // Mistakes: a subnet outside its VPC and one overlapping another.
        d.subnets.push(plain_subnet(
            subnet("stray"),
            cidr((192 << 24) | (168 << 16) | ((v as u32 % 256) << 8), 24),
            id(format!("rtb-{v}-private")),
        ));
        d.subnets.push(plain_subnet(subnet("overlap"), cidr(base, 25), id(format!("rtb-{v}-private"))));
    }
    d.route_tables.push(RouteTable {
        id: rtb_isolated.clone(),
        name: "isolated".into(),
        vpc: vpc.clone(),
        main: false,
        routes: vec![],
        propagating_vpn_gateways: if v % 2 == 1 { vec![vgw.clone()] } else { vec![] },
        gateway_associations: vec![],
        tags: Default::default(),
    });
    if v % 4 == 1 {
        // A mistake: a public NAT gateway in a private subnet.
        let eip = id(format!("eip-{v}-misplaced"));
        d.elastic_ips.push(ElasticIp {
            id: eip.clone(),
            name: String::new(),
            region: region.clone(),
            public_ip: None,
            tags: Default::default(),
        });
        d.nat_gateways.push(NatGateway {
            id: id(format!("nat-{v}-misplaced")),
            name: String::new(),
            subnet: subnet("private-1"),
            connectivity: NatConnectivity::Public,
            elastic_ip: Some(eip),
            private_ip: None,
            tags: Default::default(),
        });
    }

    // ECS: a Fargate service in the isolated subnet and a private one.
    let (cluster, task_definition, service) = (id(format!("ecs-{v}")), id(format!("td-{v}")), id(format!("svc-{v}")));
    d.ecs_clusters.push(EcsCluster {
        id: cluster.clone(),
        name: format!("cluster-{v}"),
        region: region.clone(),
        tags: Default::default(),
    });
    d.task_definitions.push(TaskDefinition {
        id: task_definition.clone(),
        family: format!("app-{v}"),
        revision: Some(1),
        network_mode: NetworkMode::Awsvpc,
        compatibilities: vec![LaunchType::Fargate],
        cpu: Some(256),
        memory_mib: Some(512),
        containers: vec![ContainerDefinition {
            name: "app".into(),
            image: "app:1".into(),
            cpu: None,
            memory_mib: None,
            essential: true,
            port_mappings: vec![PortMapping {
                container_port: 8080,
                host_port: None,
                protocol: TransportProtocol::Tcp,
            }],
        }],
    });
    d.ecs_services.push(EcsService {
        id: service.clone(),
        name: format!("app-{v}"),
        cluster: cluster.clone(),
        task_definition: task_definition.clone(),
        desired_count: 2,
        launch_type: LaunchType::Fargate,
        subnets: vec![isolated.clone(), subnet("private-1")],
        security_groups: vec![sg("app")],
        assign_public_ip: false,
        load_balancers: vec![],
        tags: Default::default(),
    });
    d.ecs_tasks.push(EcsTask {
        id: id(format!("task-{v}")),
        name: String::new(),
        cluster,
        task_definition,
        service: Some(service),
        launch_type: LaunchType::Fargate,
        container_instance: None,
        subnet: Some(isolated.clone()),
        private_ip: Some(Ipv4Addr::from(base | (8 << 8) | 10)),
        public_ip: None,
        security_groups: vec![sg("app")],
        tags: Default::default(),
    });
    d.network_interfaces.push(NetworkInterface {
        id: id(format!("eni-{v}-spare")),
        name: String::new(),
        description: "spare".into(),
        subnet: isolated.clone(),
        private_ip: Some(Ipv4Addr::from(base | (8 << 8) | 20)),
        secondary_private_ips: vec![],
        public_ip: None,
        elastic_ip: None,
        security_groups: vec![sg("app")],
        source_dest_check: true,
        attachment: None,
        tags: Default::default(),
    });
    if v.is_multiple_of(2) {
        let interface = |name: &str| VpcEndpoint {
            id: id(format!("vpce-{v}-{name}")),
            name: String::new(),
            vpc: vpc.clone(),
            service_name: format!("com.amazonaws.us-east-1.{name}"),
            endpoint: EndpointKind::Interface {
                subnets: vec![isolated.clone()],
                security_groups: vec![sg("app")],
                private_dns: true,
            },
            tags: Default::default(),
        };
        d.vpc_endpoints.push(interface("ecr.api"));
        d.vpc_endpoints.push(interface("ecr.dkr"));
        d.vpc_endpoints.push(VpcEndpoint {
            id: id(format!("vpce-{v}-s3")),
            name: String::new(),
            vpc: vpc.clone(),
            service_name: "com.amazonaws.us-east-1.s3".into(),
            endpoint: EndpointKind::Gateway { route_tables: vec![rtb_isolated.clone()], prefix_list: None },
            tags: Default::default(),
        });
    }

    // An internet-facing load balancer in front of two instances, and a target group nothing fronts.
    let (tg, tg_idle) = (id(format!("tg-{v}")), id(format!("tg-{v}-idle")));
    d.load_balancers.push(LoadBalancer {
        id: id(format!("alb-{v}")),
        name: format!("web-{v}"),
        kind: LoadBalancerKind::Application,
        scheme: LoadBalancerScheme::InternetFacing,
        vpc: vpc.clone(),
        subnets: vec![subnet("public-0"), subnet("public-1")],
        security_groups: vec![sg("lb")],
        listeners: vec![Listener {
            port: 443,
            protocol: ListenerProtocol::Https,
            target_groups: vec![tg.clone()],
            certificates: vec![format!("arn:aws:acm:us-east-1:123456789012:certificate/{v}")],
        }],
        cross_zone: None,
        node_addresses: vec![],
        tags: Default::default(),
    });
    let target_group = |tid: Id, instances: &[u32]| TargetGroup {
        id: tid,
        name: String::new(),
        vpc: vpc.clone(),
        target_type: TargetType::Instance,
        protocol: ListenerProtocol::Http,
        port: 8080,
        health_check_port: None,
        preserve_client_ip: None,
        targets: instances
            .iter()
            .map(|i| Target { target: TargetRef::Instance(id(format!("i-{v}-{i}"))), port: None })
            .collect(),
        tags: Default::default(),
    };
    d.target_groups.push(target_group(tg, &[0, 1]));
    d.target_groups.push(target_group(tg_idle, &[2]));

    if v + 1 < vpcs {
        d.vpc_peerings.push(VpcPeering {
            id: id(format!("pcx-{v}")),
            name: String::new(),
            requester_vpc: vpc.clone(),
            accepter_vpc: id(format!("vpc-{}", v + 1)),
            accepter_account: None,
            status: PeeringStatus::Active,
            tags: Default::default(),
        });
    }

    // A data centre over VPN (and, for some, Direct Connect); every eighth one overlaps its VPC, a mistake.
    let (dc, cgw) = (id(format!("dc-{v}")), id(format!("cgw-{v}")));
    let mut ranges = vec![on_prem_block(v)];
    if v % 8 == 5 {
        ranges.push(cidr(base, 22));
    }
    d.on_premises.push(OnPremNetwork {
        id: dc.clone(),
        name: format!("dc-{v}"),
        cidrs: ranges,
        tags: Default::default(),
    });
    d.vpn_gateways.push(VpnGateway {
        id: vgw.clone(),
        name: String::new(),
        region: region.clone(),
        vpc: Some(vpc.clone()),
        amazon_side_asn: None,
        tags: Default::default(),
    });
    d.customer_gateways.push(CustomerGateway {
        id: cgw.clone(),
        name: String::new(),
        region: region.clone(),
        ip_address: Ipv4Addr::from((198 << 24) | (51 << 16) | (v as u32 & 0xffff)),
        bgp_asn: 65000,
        on_premises: Some(dc.clone()),
        tags: Default::default(),
    });
    let vpn = |vid: Id, gateway: VpnTermination| VpnConnection {
        id: vid,
        name: String::new(),
        customer_gateway: cgw.clone(),
        gateway,
        static_routes_only: false,
        static_routes: vec![],
        tunnel_outside_ips: vec![],
        tags: Default::default(),
    };
    d.vpn_connections.push(vpn(id(format!("vpn-{v}")), VpnTermination::VpnGateway(vgw.clone())));
    if v % VPCS_PER_TRANSIT_GATEWAY == 1 {
        d.vpn_connections.push(vpn(id(format!("vpn-{v}-tgw")), VpnTermination::TransitGateway(tgw.clone())));
    }
    let vif = |attachment: VifAttachment| VirtualInterface {
        id: id(format!("vif-{v}")),
        name: String::new(),
        kind: VirtualInterfaceKind::Private,
        location: "EqDC2".into(),
        vlan: Some(100),
        customer_asn: 65001,
        attachment: Some(attachment),
        on_premises: Some(dc.clone()),
        advertised_prefixes: vec![],
        tags: Default::default(),
    };
    if v % 4 == 2 {
        let dxgw = id(format!("dxgw-{v}"));
        d.dx_gateways.push(DxGateway {
            id: dxgw.clone(),
            name: String::new(),
            amazon_side_asn: 64512,
            associations: vec![DxGatewayAssociation {
                gateway: DxAssociatedGateway::VpnGateway(vgw.clone()),
                allowed_prefixes: vec![cidr(base, 20)],
            }],
            tags: Default::default(),
        });
        d.virtual_interfaces.push(vif(VifAttachment::DxGateway(dxgw)));
    } else if v % 4 == 3 {
        d.virtual_interfaces.push(vif(VifAttachment::VpnGateway(vgw.clone())));
    }

    // A transit gateway for every 16 VPCs, with security-group referencing on.
    if v.is_multiple_of(VPCS_PER_TRANSIT_GATEWAY) {
        d.transit_gateways.push(TransitGateway {
            id: tgw.clone(),
            name: String::new(),
            region: region.clone(),
            amazon_side_asn: None,
            default_association_route_table: None,
            default_propagation_route_table: None,
            security_group_referencing: true,
            tags: Default::default(),
        });
    }
    d.tgw_attachments.push(TgwAttachment {
        id: id(format!("tgw-attach-{v}")),
        name: String::new(),
        transit_gateway: tgw,
        resource: TgwAttachmentResource::Vpc {
            vpc,
            subnets: vec![subnet("private-0")],
            appliance_mode: false,
            security_group_referencing: true,
        },
        association: None,
        propagations: vec![],
        tags: Default::default(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{NetworkAcl, SecurityGroup};
    use crate::testing::get;

    #[test]
    fn sizes_and_content() {
        let d = design_with_vpcs(3);
        assert_eq!(d.resources().len(), 1 + 3 * RESOURCES_PER_VPC, "one Region plus the VPCs");
        let rules: usize = d.network_acls.iter().map(|a| a.inbound.len() + a.outbound.len()).sum::<usize>()
            + d.security_groups.iter().map(|g| g.inbound.len() + g.outbound.len()).sum::<usize>();
        assert_eq!(rules, 3 * 40);
        let big = design_with_resources(10_000);
        assert_eq!((big.vpcs.len(), big.subnets.len(), big.instances.len()), (344, 2752, 3440));
    }

    #[test]
    fn is_deterministic_valid_json_and_clean() {
        let d = design_with_vpcs(5);
        assert_eq!(d, design_with_vpcs(5));
        let text = crate::save(&d).unwrap();
        assert_eq!(crate::load(&text).unwrap(), d);
        // Only the deliberate single-NAT info: three private subnets of each VPC cross zones to it.
        let found: Vec<_> = crate::check::check(&d).into_iter().map(|x| x.code).collect();
        assert_eq!(found, vec!["nat-gateway-cross-az"; 15]);
    }

    #[test]
    fn connected_designs_hold_every_kind_and_round_trip() {
        let d = design(&Shape::connected(32));
        assert_eq!(d, design(&Shape::connected(32)));
        assert_eq!(crate::load(&crate::save(&d).unwrap()).unwrap(), d);
        let per_vpc = d.resources().len() as f64 / 32.0;
        assert!((per_vpc - RESOURCES_PER_CONNECTED_VPC as f64).abs() < 1.0, "{per_vpc}");
        let kinds: std::collections::BTreeSet<_> = d.resources().iter().map(|r| r.kind).collect();
        assert_eq!(kinds.len(), ResourceKind::ALL.len() - 2, "all but prefix lists and TGW route tables: {kinds:?}");
        // Every rule has something to look at, and the deliberate mistakes are found.
        let codes: std::collections::BTreeSet<_> = crate::check::check(&d).into_iter().map(|x| x.code).collect();
        for code in
            ["peering-route-outside-peer", "ecs-cannot-pull-images", "onprem-overlap", "nat-gateway-subnet-not-public"]
        {
            assert!(codes.contains(code), "{code} in {codes:?}");
        }
    }

    #[test]
    fn rules_scale_within_one_resource() {
        let d = design(&Shape { extra_nacl_rules: 100, extra_sg_rules: 50, ..Shape::vpcs(1) });
        let acl = get::<NetworkAcl>(&d, "acl-0");
        assert_eq!((acl.inbound.len(), acl.outbound.len()), (110, 110));
        assert_eq!(get::<SecurityGroup>(&d, "sg-0-app").inbound.len(), 56);
        assert_eq!(crate::load(&crate::save(&d).unwrap()).unwrap(), d);
    }
}
