//! Properties of the simulator: route lookup agrees with a linear scan; NACL evaluation agrees with a naive model;
//! tracing never panics on any design and is deterministic.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may fail loudly

use std::net::Ipv4Addr;

use arbitrary::{Arbitrary, Unstructured};
use proptest::prelude::*;
use vpcanvas_core::doc::*;
use vpcanvas_core::model::Network;
use vpcanvas_core::net::{IpCidr, Ipv4Cidr, PortRange, Protocol};
use vpcanvas_core::sim::{Destination, Query, RouteOrigin, Source, lookup, trace};
use vpcanvas_core::testing::get;

fn cidr(addr: u32, len: u8) -> Ipv4Cidr {
    Ipv4Cidr::clamped(Ipv4Addr::from(addr), len)
}

/// A design with one VPC (10.0.0.0/16) and one route table holding `routes`.
fn with_routes(routes: Vec<(Ipv4Cidr, u8)>) -> Design {
    let mut d = Design::new("lpm");
    d.vpcs.push(Vpc {
        id: Id::new("vpc").unwrap(),
        name: String::new(),
        region: Id::new("r").unwrap(),
        cidr: cidr(0x0A00_0000, 16),
        secondary_cidrs: vec![],
        ipv6_cidr: None,
        is_default: false,
        dns_support: true,
        dns_hostnames: false,
        flow_logs: true,
        tags: Default::default(),
    });
    d.route_tables.push(RouteTable {
        id: Id::new("rtb").unwrap(),
        name: String::new(),
        vpc: Id::new("vpc").unwrap(),
        main: true,
        routes: routes
            .into_iter()
            .map(|(c, t)| Route {
                destination: RouteDestination::Cidr(c),
                target: RouteTarget::NatGateway(Id::new(format!("nat-{t}")).unwrap()),
            })
            .collect(),
        propagating_vpn_gateways: vec![],
        gateway_associations: vec![],
        tags: Default::default(),
    });
    d
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn longest_prefix_match_agrees_with_a_linear_scan(
        routes in proptest::collection::vec((any::<u32>(), 0u8..=32, any::<u8>()), 0..24),
        probe in any::<u32>(),
    ) {
        // Keep addresses near each other so that prefixes nest often.
        let routes: Vec<(Ipv4Cidr, u8)> = routes.into_iter().map(|(a, len, t)| (cidr(0x0A00_0000 | (a & 0x00FF_FFFF), len).canonical(), t)).collect();
        // One route per destination, as AWS requires.
        let mut unique: Vec<(Ipv4Cidr, u8)> = Vec::new();
        for r in routes { if !unique.iter().any(|u| u.0 == r.0) { unique.push(r); } }
        let d = with_routes(unique.clone());
        let net = Network::new(&d);
        let dst = Ipv4Addr::from(0x0A00_0000 | (probe & 0x00FF_FFFF));
        let got = lookup(&net, get::<RouteTable>(&d, "rtb"), get::<Vpc>(&d, "vpc"), dst);
        // The naive model: every matching route, local included; the longest wins, local on a tie.
        let mut best: Option<(u8, bool, String)> = None;
        let local = cidr(0x0A00_0000, 16);
        let mut all: Vec<(Ipv4Cidr, bool, String)> = unique.iter().map(|(c, t)| (*c, false, format!("nat-{t}"))).collect();
        all.push((local, true, "local".into()));
        for (c, is_local, target) in all {
            if !c.contains_addr(dst) { continue; }
            let better = match &best {
                None => true,
                Some((len, best_local, _)) => c.prefix_len() > *len || (c.prefix_len() == *len && is_local && !best_local),
            };
            if better { best = Some((c.prefix_len(), is_local, target)); }
        }
        match (got, best) {
            (None, None) => {}
            (Some(g), Some((len, is_local, target))) => {
                prop_assert_eq!(g.prefix.prefix_len(), len);
                prop_assert_eq!(g.origin == RouteOrigin::Local, is_local);
                if !is_local {
                    prop_assert_eq!(format!("{:?}", g.target), format!("{:?}", RouteTarget::NatGateway(Id::new(target).unwrap())));
                }
            }
            (g, b) => prop_assert!(false, "lookup {:?} but the scan found {:?}", g, b),
        }
    }

    #[test]
    fn nacl_evaluation_agrees_with_a_naive_first_match(
        rules in proptest::collection::vec((1u32..200, any::<bool>(), 0u8..3, any::<u16>(), any::<u16>(), any::<u32>(), 0u8..=32), 0..12),
        src in any::<u32>(),
        port in any::<u16>(),
        tcp in any::<bool>(),
    ) {
        let protocols = [Protocol::All, Protocol::TCP, Protocol::UDP];
        let mut list: Vec<NaclRule> = Vec::new();
        for (n, allow, p, a, b, addr, len) in rules {
            if list.iter().any(|r| r.rule_number == n) { continue; }
            list.push(NaclRule {
                rule_number: n,
                action: if allow { RuleAction::Allow } else { RuleAction::Deny },
                protocol: protocols[p as usize],
                ports: Some(PortRange::new(a.min(b), a.max(b))),
                icmp: None,
                cidr: IpCidr::V4(cidr(addr & 0xFF00_0000 | 0x0A00_0000, len)),
            });
        }
        let protocol = if tcp { Protocol::TCP } else { Protocol::UDP };
        let src_ip = Ipv4Addr::from(0x0A00_0000 | (src & 0x00FF_FFFF));
        // The naive model: sort by number, the first rule whose protocol, ports and block match decides.
        let mut sorted = list.clone();
        sorted.sort_by_key(|r| r.rule_number);
        let expected = sorted.iter().find(|r| {
            let proto_ok = r.protocol == Protocol::All || r.protocol == protocol;
            let port_ok = r.protocol == Protocol::All || r.ports.is_none_or(|p| p.from <= port && port <= p.to);
            let addr_ok = matches!(r.cidr, IpCidr::V4(c) if c.contains_addr(src_ip));
            proto_ok && port_ok && addr_ok
        }).map(|r| (r.action == RuleAction::Allow, Some(r.rule_number))).unwrap_or((false, None));
        let acl = NetworkAcl { id: Id::new("acl").unwrap(), name: String::new(), vpc: Id::new("vpc").unwrap(), is_default: false, inbound: list, outbound: vec![], tags: Default::default() };
        let got = vpcanvas_core::sim::nacl_decision(&acl, false, src_ip, Ipv4Addr::new(10, 0, 0, 5), protocol, port);
        prop_assert_eq!(got, expected);
    }

    #[test]
    fn tracing_any_design_never_panics_and_is_deterministic(bytes in proptest::collection::vec(any::<u8>(), 0..16384), pick in any::<usize>(), port in any::<u16>()) {
        let Ok(design) = Design::arbitrary(&mut Unstructured::new(&bytes)) else { return Ok(()) };
        let ids: Vec<Id> = design.instances.iter().map(|i| i.id.clone()).chain(design.network_interfaces.iter().map(|n| n.id.clone())).collect();
        let source = if ids.is_empty() { Source::Internet { ip: None } } else { Source::Resource(ids[pick % ids.len()].clone()) };
        let destination = if ids.is_empty() { Destination::Internet } else { Destination::Resource(ids[(pick / 7) % ids.len()].clone()) };
        for destination in [destination, Destination::Internet, Destination::Ip(Ipv4Addr::new(10, 0, 0, 9))] {
            let q = Query::new(source.clone(), destination, Protocol::TCP, port);
            let a = trace(&design, &q);
            prop_assert_eq!(&a, &trace(&design, &q));
        }
    }
}
