//! Where each address lives: the interfaces of the design (instances and network interfaces) and NAT gateways, by
//! private address within a VPC, by public address, and by the ids that routes use to name them.
//!
//! A design drawn by hand often leaves addresses out. An interface without a private address gets the first free
//! address of its subnet after the four AWS reserves; one entitled to a public address without a known one gets a
//! stand-in from 198.18.0.0/15 (a range that is neither private nor shared, so the internet gateway treats it like any
//! public address). Both are deterministic: the same design gives the same addresses.

use std::collections::HashSet;
use std::net::Ipv4Addr;

use crate::doc::{
    Id, LaunchType, LoadBalancer, LoadBalancerScheme, NatConnectivity, NatGateway, NetworkMode, ResourceKind,
    SecurityGroup, Subnet,
};
use crate::model::{DownCause, HashMap, Network};

/// An interface packets can start from or be delivered to.
#[derive(Debug, Clone)]
pub struct Iface<'d> {
    /// The id used in hops: the instance for its primary interface, the interface otherwise.
    pub node: &'d Id,
    pub kind: ResourceKind,
    pub subnet: &'d Subnet,
    /// Private addresses, the primary first.
    pub ips: Vec<Ipv4Addr>,
    pub public_ip: Option<Ipv4Addr>,
    /// Its security groups (the VPC's default group when none is listed).
    pub groups: Vec<&'d SecurityGroup>,
    pub src_dst_check: bool,
    /// Why it is down in the network's failure scenario; `None` when it runs.
    pub down: Option<DownCause>,
}

impl Iface<'_> {
    pub fn primary_ip(&self) -> Ipv4Addr {
        self.ips.first().copied().unwrap_or(Ipv4Addr::UNSPECIFIED)
    }
}

/// A NAT gateway with its addresses.
#[derive(Debug, Clone)]
pub struct NatPlace<'d> {
    pub nat: &'d NatGateway,
    pub subnet: &'d Subnet,
    pub private_ip: Ipv4Addr,
    pub public_ip: Option<Ipv4Addr>,
    pub down: Option<DownCause>,
}

/// A load balancer's node in one subnet, with its addresses.
#[derive(Debug, Clone)]
pub struct LbNode<'d> {
    pub lb: &'d LoadBalancer,
    pub subnet: &'d Subnet,
    pub private_ip: Ipv4Addr,
    pub public_ip: Option<Ipv4Addr>,
    pub down: Option<DownCause>,
}

impl LbNode<'_> {
    /// The hop name: the load balancer's name (or id) and the zone of the node.
    pub fn label(&self) -> String {
        let name = if self.lb.name.is_empty() { self.lb.id.as_str() } else { self.lb.name.as_str() };
        format!("{name} node {}", self.subnet.availability_zone)
    }
}

/// Something at an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    Iface(usize),
    Nat(usize),
    Lb(usize),
}

/// The address index of a design.
pub struct Places<'d> {
    pub ifaces: Vec<Iface<'d>>,
    pub nats: Vec<NatPlace<'d>>,
    pub lb_nodes: Vec<LbNode<'d>>,
    private: HashMap<(&'d str, Ipv4Addr), At>,
    public: HashMap<Ipv4Addr, At>,
    by_id: HashMap<&'d str, At>,
}

/// Hands out stand-in addresses.
struct Allocator {
    used: HashSet<Ipv4Addr>,
    next_public: u32,
}

impl Allocator {
    fn private_in(&mut self, subnet: &Subnet) -> Ipv4Addr {
        let first = u32::from(subnet.cidr.network()).saturating_add(4);
        let last = u32::from(subnet.cidr.broadcast()).saturating_sub(1);
        let found = (first..=last).map(Ipv4Addr::from).find(|ip| !self.used.contains(ip));
        let ip = found.unwrap_or(Ipv4Addr::from(first));
        self.used.insert(ip);
        ip
    }

    fn public(&mut self) -> Ipv4Addr {
        // 198.18.0.0/15: 131,070 stand-ins, never the block's first or last address (198.18.0.1 onwards, so that a
        // trace does not show a network address as a host).
        let ip = Ipv4Addr::from(0xC612_0000u32 | (1 + self.next_public % 0x1_FFFE));
        self.next_public += 1;
        ip
    }
}

impl<'d> Places<'d> {
    pub fn new(net: &Network<'d>) -> Self {
        let d = net.design;
        let mut alloc = Allocator { used: net.assigned_addresses().iter().map(|a| a.ip).collect(), next_public: 0 };
        let groups_of = |listed: &'d [Id], subnet: &'d Subnet| -> Vec<&'d SecurityGroup> {
            if listed.is_empty() {
                d.security_groups.iter().filter(|g| g.is_default && g.vpc == subnet.vpc).take(1).collect()
            } else {
                listed.iter().filter_map(|g| net.security_group(g)).collect()
            }
        };
        let eip_address = |alloc: &mut Allocator, eip: &Id| {
            net.elastic_ip(eip).and_then(|e| e.public_ip).unwrap_or_else(|| alloc.public())
        };
        let outage = net.outage();
        // An instance is down when it failed or its subnet's zone did.
        let host_down = |id: &Id| {
            outage.failed(id)
                || net
                    .instance(id)
                    .and_then(|i| net.subnet(&i.subnet))
                    .is_some_and(|s| outage.zone_down(&s.availability_zone))
        };
        let mut places = Places {
            ifaces: Vec::new(),
            nats: Vec::new(),
            lb_nodes: Vec::new(),
            private: HashMap::default(),
            public: HashMap::default(),
            by_id: HashMap::default(),
        };
        for i in &d.instances {
            let Some(subnet) = net.subnet(&i.subnet) else { continue };
            let primary = i.private_ip.unwrap_or_else(|| alloc.private_in(subnet));
            let public_ip = match &i.elastic_ip {
                Some(e) => Some(eip_address(&mut alloc, e)),
                None if net.has_public_ip(i) => Some(i.public_ip.unwrap_or_else(|| alloc.public())),
                None => None,
            };
            let at = At::Iface(places.ifaces.len());
            places.ifaces.push(Iface {
                node: &i.id,
                kind: ResourceKind::Instance,
                subnet,
                ips: std::iter::once(primary).chain(i.secondary_private_ips.iter().copied()).collect(),
                public_ip,
                groups: groups_of(&i.security_groups, subnet),
                src_dst_check: i.source_dest_check,
                down: outage.down(&i.id, &subnet.availability_zone),
            });
            places.by_id.entry(i.id.as_str()).or_insert(at);
            if let Some(eni) = &i.primary_interface_id {
                places.by_id.entry(eni.as_str()).or_insert(at);
            }
        }
        for n in &d.network_interfaces {
            let Some(subnet) = net.subnet(&n.subnet) else { continue };
            let primary = n.private_ip.unwrap_or_else(|| alloc.private_in(subnet));
            let public_ip = match &n.elastic_ip {
                Some(e) => Some(eip_address(&mut alloc, e)),
                None => n.public_ip,
            };
            places.by_id.entry(n.id.as_str()).or_insert(At::Iface(places.ifaces.len()));
            places.ifaces.push(Iface {
                node: &n.id,
                kind: ResourceKind::NetworkInterface,
                subnet,
                ips: std::iter::once(primary).chain(n.secondary_private_ips.iter().copied()).collect(),
                public_ip,
                groups: groups_of(&n.security_groups, subnet),
                src_dst_check: n.source_dest_check,
                down: outage.down(&n.id, &subnet.availability_zone).or_else(|| {
                    let host = &n.attachment.as_ref()?.instance;
                    host_down(host).then(|| DownCause::Host(host.clone()))
                }),
            });
        }
        // ECS tasks: an awsvpc task has its own interface and groups (C1); a bridge or host task is reached on its
        // container instance's interface (C2, C3).
        for t in &d.ecs_tasks {
            let mode = net.task_definition(&t.task_definition).map(|td| td.network_mode);
            match (mode, &t.subnet) {
                (Some(NetworkMode::Awsvpc) | None, Some(subnet)) => {
                    let Some(subnet) = net.subnet(subnet) else { continue };
                    let service = t.service.as_ref().and_then(|s| d.ecs_services.iter().find(|x| &x.id == s));
                    let primary = t.private_ip.unwrap_or_else(|| alloc.private_in(subnet));
                    let public_ip = t.public_ip.or_else(|| {
                        (t.launch_type == LaunchType::Fargate && service.is_some_and(|s| s.assign_public_ip))
                            .then(|| alloc.public())
                    });
                    let listed: &'d [Id] = if t.security_groups.is_empty() {
                        service.map(|s| s.security_groups.as_slice()).unwrap_or(&[])
                    } else {
                        &t.security_groups
                    };
                    places.by_id.entry(t.id.as_str()).or_insert(At::Iface(places.ifaces.len()));
                    places.ifaces.push(Iface {
                        node: &t.id,
                        kind: ResourceKind::EcsTask,
                        subnet,
                        ips: vec![primary],
                        public_ip,
                        groups: groups_of(listed, subnet),
                        src_dst_check: true,
                        down: outage.down(&t.id, &subnet.availability_zone).or_else(|| {
                            let host = t.container_instance.as_ref()?;
                            host_down(host).then(|| DownCause::Host(host.clone()))
                        }),
                    });
                }
                _ => {
                    if let Some(host) =
                        t.container_instance.as_ref().and_then(|h| places.by_id.get(h.as_str()).copied())
                    {
                        places.by_id.entry(t.id.as_str()).or_insert(host);
                    }
                }
            }
        }
        for n in &d.nat_gateways {
            let Some(subnet) = net.subnet(&n.subnet) else { continue };
            let private_ip = n.private_ip.unwrap_or_else(|| alloc.private_in(subnet));
            let public_ip = match (&n.connectivity, &n.elastic_ip) {
                (NatConnectivity::Public, Some(e)) => Some(eip_address(&mut alloc, e)),
                _ => None,
            };
            places.by_id.entry(n.id.as_str()).or_insert(At::Nat(places.nats.len()));
            let down = outage.down(&n.id, &subnet.availability_zone);
            places.nats.push(NatPlace { nat: n, subnet, private_ip, public_ip, down });
        }
        for lb in &d.load_balancers {
            let first = places.lb_nodes.len();
            for subnet in lb.subnets.iter().filter_map(|s| net.subnet(s)) {
                let known = lb.node_addresses.iter().find(|a| a.subnet == subnet.id);
                let private_ip = known.map(|a| a.private_ip).unwrap_or_else(|| alloc.private_in(subnet));
                let public_ip = match (known.and_then(|a| a.public_ip), lb.scheme) {
                    (Some(p), _) => Some(p),
                    (None, LoadBalancerScheme::InternetFacing) => Some(alloc.public()),
                    (None, LoadBalancerScheme::Internal) => None,
                };
                let down = outage.down(&lb.id, &subnet.availability_zone);
                places.lb_nodes.push(LbNode { lb, subnet, private_ip, public_ip, down });
            }
            if places.lb_nodes.len() > first {
                places.by_id.entry(lb.id.as_str()).or_insert(At::Lb(first));
            }
        }
        for (i, n) in places.lb_nodes.iter().enumerate() {
            places.private.entry((n.subnet.vpc.as_str(), n.private_ip)).or_insert(At::Lb(i));
            if let Some(p) = n.public_ip {
                places.public.entry(p).or_insert(At::Lb(i));
            }
        }
        for (i, f) in places.ifaces.iter().enumerate() {
            for ip in &f.ips {
                places.private.entry((f.subnet.vpc.as_str(), *ip)).or_insert(At::Iface(i));
            }
            if let Some(p) = f.public_ip {
                places.public.entry(p).or_insert(At::Iface(i));
            }
        }
        for (i, n) in places.nats.iter().enumerate() {
            places.private.entry((n.subnet.vpc.as_str(), n.private_ip)).or_insert(At::Nat(i));
            if let Some(p) = n.public_ip {
                places.public.entry(p).or_insert(At::Nat(i));
            }
        }
        places
    }

    /// What owns a private address in a VPC.
    pub fn private(&self, vpc: &Id, ip: Ipv4Addr) -> Option<At> {
        self.private.get(&(vpc.as_str(), ip)).copied()
    }

    /// What owns a public address.
    pub fn public(&self, ip: Ipv4Addr) -> Option<At> {
        self.public.get(&ip).copied()
    }

    /// The interface or NAT gateway an id names (an instance, its primary interface id, an interface, a NAT gateway).
    pub fn by_id(&self, id: &str) -> Option<At> {
        self.by_id.get(id).copied()
    }

    pub fn iface(&self, i: usize) -> Option<&Iface<'d>> {
        self.ifaces.get(i)
    }

    pub fn nat(&self, i: usize) -> Option<&NatPlace<'d>> {
        self.nats.get(i)
    }

    pub fn lb_node(&self, i: usize) -> Option<&LbNode<'d>> {
        self.lb_nodes.get(i)
    }

    /// The nodes of the load balancer whose first node is `first`, with their indexes.
    pub fn lb_nodes_from(&self, first: usize) -> impl Iterator<Item = (usize, &LbNode<'d>)> {
        let lb = self.lb_nodes.get(first).map(|n| &n.lb.id);
        self.lb_nodes.iter().enumerate().skip(first).take_while(move |(_, n)| Some(&n.lb.id) == lb)
    }
}
