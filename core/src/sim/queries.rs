//! Queries built on traces: a reachability matrix between subnets or security groups for a set of ports, and the
//! outbound reach of every workload (the internet, Amazon S3, on-premises).

use serde::Serialize;

use super::place::Places;
use super::{Destination, Query, Source, trace_in};
use crate::doc::Id;
use crate::model::Network;
use crate::net::Protocol;

/// How workloads are grouped for a matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Subnet,
    SecurityGroup,
}

/// One cell: whether the representative workload of `from` reaches the one of `to` on `port` (request and reply).
/// `None` when a group has no workload to stand for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub from: Id,
    pub to: Id,
    pub port: u16,
    pub reachable: Option<bool>,
}

/// The reachability matrix for TCP `ports`: every ordered pair of groups (a group with itself included), the first
/// workload of each group standing for it.
pub fn matrix(net: &Network<'_>, places: &Places<'_>, by: GroupBy, ports: &[u16]) -> Vec<Cell> {
    let d = net.design;
    let groups: Vec<(&Id, Option<&Id>)> = match by {
        GroupBy::Subnet => d
            .subnets
            .iter()
            .map(|s| (&s.id, places.ifaces.iter().find(|f| f.subnet.id == s.id).map(|f| f.node)))
            .collect(),
        GroupBy::SecurityGroup => d
            .security_groups
            .iter()
            .map(|g| (&g.id, places.ifaces.iter().find(|f| f.groups.iter().any(|x| x.id == g.id)).map(|f| f.node)))
            .collect(),
    };
    let mut out = Vec::with_capacity(groups.len() * groups.len() * ports.len());
    for (from, a) in &groups {
        for (to, b) in &groups {
            for &port in ports {
                let reachable = match (a, b) {
                    (Some(a), Some(b)) => {
                        let q = Query::new(
                            Source::Resource((*a).clone()),
                            Destination::Resource((*b).clone()),
                            Protocol::TCP,
                            port,
                        );
                        Some(trace_in(net, places, &q).reachable)
                    }
                    _ => None,
                };
                out.push(Cell { from: (*from).clone(), to: (*to).clone(), port, reachable });
            }
        }
    }
    out
}

/// Where one workload can open HTTPS connections to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reach {
    pub id: Id,
    pub internet: bool,
    /// `None` when the design has no S3 prefix list to take an address from.
    pub s3: Option<bool>,
    /// `None` when the design has no on-premises network.
    pub on_premises: Option<bool>,
}

/// The outbound reach (TCP 443, request and reply) of every instance, interface and task.
pub fn outbound_reach(net: &Network<'_>, places: &Places<'_>) -> Vec<Reach> {
    let d = net.design;
    let s3 = super::service_address(d, "s3");
    let onprem = super::on_premises_host(d, None);
    let reaches = |from: &Id, to: Destination| {
        trace_in(net, places, &Query::new(Source::Resource(from.clone()), to, Protocol::TCP, 443)).reachable
    };
    places
        .ifaces
        .iter()
        .map(|f| Reach {
            id: f.node.clone(),
            internet: reaches(f.node, Destination::Internet),
            s3: s3.map(|ip| reaches(f.node, Destination::Ip(ip))),
            on_premises: onprem.map(|ip| reaches(f.node, Destination::Ip(ip))),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::RouteTable;
    use crate::testing::{get_mut, sample};

    #[test]
    fn subnet_matrix_of_the_sample() {
        let d = sample();
        let net = Network::new(&d);
        let places = Places::new(&net);
        let cells = matrix(&net, &places, GroupBy::Subnet, &[22, 80]);
        assert_eq!(cells.len(), 4 * 4 * 2);
        let cell = |from: &str, to: &str, port: u16| {
            cells
                .iter()
                .find(|c| c.from.as_str() == from && c.to.as_str() == to && c.port == port)
                .and_then(|c| c.reachable)
        };
        // The bastion's subnet reaches the web tier on SSH; the web tier does not reach the bastion on SSH.
        assert_eq!(cell("subnet-public-a", "subnet-private-c", 22), Some(true));
        assert_eq!(cell("subnet-private-a", "subnet-public-a", 22), Some(false));
        // public-c holds only a NAT gateway: no workload stands for it.
        assert_eq!(cell("subnet-public-c", "subnet-private-a", 80), None);
    }

    #[test]
    fn outbound_reach_of_the_sample() {
        let d = sample();
        let net = Network::new(&d);
        let places = Places::new(&net);
        let reach = outbound_reach(&net, &places);
        assert_eq!(reach.len(), 3);
        assert!(reach.iter().all(|r| r.internet), "{reach:#?}");
        assert!(reach.iter().all(|r| r.s3.is_none() && r.on_premises.is_none()));
        let mut cut = sample();
        get_mut::<RouteTable>(&mut cut, "rtb-private-c").routes.clear();
        let net = Network::new(&cut);
        let places = Places::new(&net);
        let web_c = outbound_reach(&net, &places).into_iter().find(|r| r.id.as_str() == "i-web-c").unwrap();
        assert!(!web_c.internet);
    }
}
