//! Deterministic synthetic designs of any size, for benchmarks and performance tests (no randomness: the same size
//! gives the same design).
//!
//! Each VPC is a realistic three-tier network: 8 subnets over 4 Availability Zones (a public and a private subnet in
//! each), an internet gateway, one NAT gateway with its Elastic IP (so the other zones' private subnets cross zones to
//! it, an info finding), a public and a private route table, a custom NACL with 20 rules, 4 security groups with 20
//! rules between them, and 10 instances: 29 resources and 40 filter rules per VPC.

use std::net::Ipv4Addr;

use crate::doc::*;
use crate::net::{IpCidr, Ipv4Cidr, PortRange, Protocol};

/// Resources in each synthetic VPC (see the module documentation).
pub const RESOURCES_PER_VPC: usize = 29;

const ZONES: [&str; 4] = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"];

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

/// A design of `vpcs` three-tier VPCs in us-east-1, each a /20 of 10.0.0.0/8 (so up to 4,096 distinct VPCs).
pub fn design_with_vpcs(vpcs: usize) -> Design {
    let mut d = Design::new(format!("synthetic: {vpcs} VPCs"));
    let region = id("us-east-1".into());
    d.regions.push(Region {
        id: region.clone(),
        name: "US East (N. Virginia)".into(),
        availability_zones: ZONES.iter().map(|z| AvailabilityZone { name: (*z).into(), zone_id: None }).collect(),
    });
    let anywhere = cidr(0, 0);
    for v in 0..vpcs {
        let base: u32 = (10 << 24) | (((v as u32) % 4096) << 12);
        let vpc = id(format!("vpc-{v}"));
        let vpc_block = cidr(base, 20);
        d.vpcs.push(Vpc {
            id: vpc.clone(),
            name: format!("tier-{v}"),
            region: region.clone(),
            cidr: vpc_block,
            secondary_cidrs: vec![],
            ipv6_cidr: None,
            is_default: false,
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
        d.route_tables.push(RouteTable {
            id: rtb_public.clone(),
            name: "public".into(),
            vpc: vpc.clone(),
            main: true,
            routes: vec![route(anywhere, RouteTarget::InternetGateway(igw.clone()))],
            propagating_vpn_gateways: vec![],
            gateway_associations: vec![],
            tags: Default::default(),
        });
        d.route_tables.push(RouteTable {
            id: rtb_private.clone(),
            name: "private".into(),
            vpc: vpc.clone(),
            main: false,
            routes: vec![route(anywhere, RouteTarget::NatGateway(nat.clone()))],
            propagating_vpn_gateways: vec![],
            gateway_associations: vec![],
            tags: Default::default(),
        });
        let acl = id(format!("acl-{v}"));
        let corp = cidr(10 << 24, 8);
        let ephemeral = Some(PortRange::new(1024, 65535));
        let one = |p: u16| Some(PortRange::single(p));
        let inbound = vec![
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
        let outbound = vec![
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
        d.security_groups.push(group("default", vec![]));
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
        d.security_groups.push(group(
            "app",
            vec![
                sg_rule(Protocol::TCP, Some(8080), from("lb")),
                sg_rule(Protocol::TCP, Some(22), RulePeer::Cidr(IpCidr::V4(cidr(base, 24)))),
                sg_rule(Protocol::TCP, Some(9100), RulePeer::Cidr(IpCidr::V4(vpc_block))),
                sg_rule(Protocol::ICMP, None, RulePeer::Cidr(IpCidr::V4(vpc_block))),
                sg_rule(Protocol::TCP, Some(8081), from("lb")),
                sg_rule(Protocol::TCP, Some(8082), from("lb")),
            ],
        ));
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
                primary_interface_id: None,
                ecs_cluster: None,
                tags: Default::default(),
            });
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
