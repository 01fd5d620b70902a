//! Internet exposure: every interface and load balancer node the internet can reach, on which protocols and ports,
//! with one witness trace. Load balancer nodes are tried on their listeners' ports.
//!
//! Ports are not tried one by one: the boundaries of every port range in the interface's security groups and its
//! subnet's NACL split 0–65535 into intervals inside which every port is treated alike, and one port per interval
//! is traced (request and reply). Reachable intervals are merged into ranges.

use std::net::Ipv4Addr;

use serde::Serialize;

use super::place::Places;
use super::{Destination, Query, Source, Trace, trace_in};
use crate::doc::Id;
use crate::model::Network;
use crate::net::{IpCidr, PortRange, Protocol};

/// One interface the internet reaches.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exposed {
    /// The instance or network interface.
    pub id: Id,
    pub public_ip: Ipv4Addr,
    pub tcp: Vec<PortRange>,
    pub udp: Vec<PortRange>,
    pub icmp: bool,
    /// The path of the first reachable flow found (the request; its reply arrives too).
    pub witness: Trace,
}

/// Internet addresses to stand for "anyone": the first not named by any rule narrower than /0.
const ANYONE: [Ipv4Addr; 4] =
    [Ipv4Addr::new(8, 8, 8, 8), Ipv4Addr::new(1, 1, 1, 1), Ipv4Addr::new(9, 9, 9, 9), Ipv4Addr::new(4, 2, 2, 2)];

fn anyone(net: &Network<'_>) -> Ipv4Addr {
    let named = |ip: Ipv4Addr| {
        let sg = net.design.security_groups.iter().flat_map(|g| g.inbound.iter().chain(&g.outbound)).any(|r| {
            matches!(&r.peer, crate::doc::RulePeer::Cidr(IpCidr::V4(c)) if c.prefix_len() > 0 && c.contains_addr(ip))
        });
        let nacl = net
            .design
            .network_acls
            .iter()
            .flat_map(|a| a.inbound.iter().chain(&a.outbound))
            .any(|r| matches!(&r.cidr, IpCidr::V4(c) if c.prefix_len() > 0 && c.contains_addr(ip)));
        sg || nacl
    };
    ANYONE.into_iter().find(|ip| !named(*ip)).unwrap_or(ANYONE[0])
}

/// Representative ports: one per interval between the boundaries of the given ranges.
fn representatives(ranges: &[PortRange]) -> Vec<(PortRange, u16)> {
    let mut cuts: Vec<u32> = vec![0, 65536];
    for r in ranges {
        cuts.push(u32::from(r.from));
        cuts.push(u32::from(r.to) + 1);
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter_map(|w| {
            let (from, to) = (u16::try_from(w[0]).ok()?, u16::try_from(w[1] - 1).ok()?);
            Some((PortRange::new(from, to), from))
        })
        .collect()
}

fn merge(mut ranges: Vec<PortRange>) -> Vec<PortRange> {
    ranges.sort();
    let mut out: Vec<PortRange> = Vec::new();
    for r in ranges {
        match out.last_mut() {
            Some(last) if u32::from(last.to) + 1 >= u32::from(r.from) => last.to = last.to.max(r.to),
            _ => out.push(r),
        }
    }
    out
}

/// What the internet can reach. With `ports`, only those ports are tried (TCP and UDP); otherwise every port range.
pub fn exposure(net: &Network<'_>, places: &Places<'_>, ports: Option<&[u16]>) -> Vec<Exposed> {
    let from = anyone(net);
    let mut out = Vec::new();
    for f in places.ifaces.iter() {
        let Some(public_ip) = f.public_ip else { continue };
        // Port boundaries from the interface's groups and its subnet's NACL.
        let mut bounds: Vec<PortRange> =
            f.groups.iter().flat_map(|g| g.inbound.iter()).filter_map(|r| r.ports).collect();
        if let Some(acl) = net.network_acl_of(f.subnet) {
            bounds.extend(acl.inbound.iter().chain(&acl.outbound).filter_map(|r| r.ports));
        }
        let tries: Vec<(PortRange, u16)> = match ports {
            Some(list) => list.iter().map(|p| (PortRange::single(*p), *p)).collect(),
            None => representatives(&bounds),
        };
        let mut witness = None;
        let open = |protocol: Protocol, witness: &mut Option<Trace>| -> Vec<PortRange> {
            let mut reachable = Vec::new();
            for (range, port) in &tries {
                let q = Query {
                    source: Source::Internet { ip: Some(from) },
                    destination: Destination::Ip(public_ip),
                    protocol,
                    dst_port: *port,
                    src_port: 49152,
                };
                let answer = trace_in(net, places, &q);
                if answer.reachable {
                    reachable.push(*range);
                    if witness.is_none() {
                        *witness = Some(answer.forward);
                    }
                }
            }
            merge(reachable)
        };
        let tcp = open(Protocol::TCP, &mut witness);
        let udp = open(Protocol::UDP, &mut witness);
        let icmp_answer = trace_in(
            net,
            places,
            &Query {
                source: Source::Internet { ip: Some(from) },
                destination: Destination::Ip(public_ip),
                protocol: Protocol::ICMP,
                dst_port: 0,
                src_port: 0,
            },
        );
        let icmp = icmp_answer.reachable;
        if icmp && witness.is_none() {
            witness = Some(icmp_answer.forward);
        }
        if let Some(witness) = witness {
            out.push(Exposed { id: f.node.clone(), public_ip, tcp, udp, icmp, witness });
        }
    }
    // Load balancer nodes with a public address answer on their listeners' ports.
    for node in &places.lb_nodes {
        let Some(public_ip) = node.public_ip else { continue };
        let mut witness = None;
        let (mut tcp, mut udp) = (Vec::new(), Vec::new());
        for l in &node.lb.listeners {
            if ports.is_some_and(|list| !list.contains(&l.port)) {
                continue;
            }
            let protocol =
                if matches!(l.protocol, crate::doc::ListenerProtocol::Udp) { Protocol::UDP } else { Protocol::TCP };
            let q = Query {
                source: Source::Internet { ip: Some(from) },
                destination: Destination::Ip(public_ip),
                protocol,
                dst_port: l.port,
                src_port: 49152,
            };
            let answer = trace_in(net, places, &q);
            if answer.reachable {
                if protocol == Protocol::UDP {
                    udp.push(PortRange::single(l.port))
                } else {
                    tcp.push(PortRange::single(l.port))
                }
                if witness.is_none() {
                    witness = Some(answer.forward);
                }
            }
        }
        if let Some(witness) = witness {
            out.push(Exposed {
                id: node.lb.id.clone(),
                public_ip,
                tcp: merge(tcp),
                udp: merge(udp),
                icmp: false,
                witness,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{RulePeer, SecurityGroup};
    use crate::testing::{get_mut, sample};

    fn run(d: &crate::doc::Design, ports: Option<&[u16]>) -> Vec<Exposed> {
        let net = Network::new(d);
        let places = Places::new(&net);
        exposure(&net, &places, ports)
    }

    #[test]
    fn the_sample_exposes_nothing_to_anyone() {
        // The bastion only admits SSH from the office range.
        assert!(run(&sample(), None).is_empty());
    }

    #[test]
    fn opening_ssh_to_the_world_exposes_the_bastion_on_exactly_port_22() {
        let mut d = sample();
        get_mut::<SecurityGroup>(&mut d, "sg-bastion").inbound[0].peer = RulePeer::Cidr("0.0.0.0/0".parse().unwrap());
        let found = run(&d, None);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].id.as_str(), "i-bastion");
        assert_eq!(found[0].tcp, vec![PortRange::single(22)]);
        assert!(found[0].udp.is_empty() && !found[0].icmp);
        assert_eq!(found[0].witness.nodes().last(), Some(&"i-bastion"));
        // With a fixed port list, the same answer for port 22 only.
        let found = run(&d, Some(&[22, 80, 443]));
        assert_eq!(found[0].tcp, vec![PortRange::single(22)]);
    }

    #[test]
    fn representatives_split_at_every_boundary() {
        let reps = representatives(&[PortRange::single(22), PortRange::new(1024, 65535)]);
        let ranges: Vec<PortRange> = reps.iter().map(|r| r.0).collect();
        assert_eq!(
            ranges,
            vec![PortRange::new(0, 21), PortRange::single(22), PortRange::new(23, 1023), PortRange::new(1024, 65535)]
        );
        assert_eq!(
            merge(vec![PortRange::new(5, 9), PortRange::new(0, 4), PortRange::new(20, 30)]),
            vec![PortRange::new(0, 9), PortRange::new(20, 30)]
        );
    }
}
