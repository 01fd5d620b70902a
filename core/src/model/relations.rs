//! Relations read from the far end: which route tables send traffic to a resource, which load balancers forward to a
//! target group, which peerings join two VPCs, which VPCs overlap a block. `Network` indexes ids on the near end; the
//! validation rules need these too, and without an index each would be a loop over one list inside another.
//!
//! They are worked out once, with the rest of the `Network` (`Network::relations`), in time linear in the design.
//! Every list keeps document order.

use std::mem::Discriminant;

use super::blocks::BlockIndex;
use super::{HashMap, HashSet, Network};
use crate::doc::*;
use crate::net::Ipv4Cidr;

/// Whether two VPCs are joined by a peering, and by an active one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Peered {
    pub any: bool,
    pub active: bool,
}

/// The relations of a design (see the module documentation).
pub struct Relations<'d> {
    design: &'d Design,
    /// Route tables by the id their routes target, with the kind of target; each table once per kind.
    tables_routing_to: HashMap<&'d str, Vec<(Discriminant<RouteTarget>, usize)>>,
    /// Target groups a load balancer listener forwards to.
    fronted: HashSet<&'d str>,
    /// The first instance whose primary network interface has each id.
    instance_by_interface: HashMap<&'d str, usize>,
    /// The VPCs attached to each transit gateway.
    tgw_vpcs: HashMap<&'d str, HashSet<&'d str>>,
    /// For each VPC, the transit gateway of its first attachment with security-group referencing on.
    referencing_tgw: HashMap<&'d str, &'d Id>,
    /// Peerings by the pair of VPCs they join, the smaller id first.
    peerings: HashMap<&'d str, HashMap<&'d str, Peered>>,
    /// VPN connections and Direct Connect virtual interfaces by the virtual private gateway they end on.
    vpns_by_vgw: HashMap<&'d str, Vec<usize>>,
    vifs_by_vgw: HashMap<&'d str, Vec<usize>>,
    /// Every IPv4 block of every VPC, keyed by VPC id, in VPC order.
    vpc_blocks: BlockIndex<&'d str>,
}

fn pair<'a>(a: &'a str, b: &'a str) -> (&'a str, &'a str) {
    if a <= b { (a, b) } else { (b, a) }
}

impl<'d> Relations<'d> {
    /// Works out the relations of a design.
    pub fn new(design: &'d Design) -> Self {
        let mut tables_routing_to: HashMap<&str, Vec<(Discriminant<RouteTarget>, usize)>> = HashMap::default();
        for (i, t) in design.route_tables.iter().enumerate() {
            for r in &t.routes {
                let Some(id) = r.target.id() else { continue };
                let entry = (std::mem::discriminant(&r.target), i);
                let tables = tables_routing_to.entry(id.as_str()).or_default();
                // A table routing to it twice is listed once: the same entry would be among its last ones.
                if !tables.iter().rev().take_while(|(_, t)| *t == i).any(|e| *e == entry) {
                    tables.push(entry);
                }
            }
        }
        let fronted = design
            .load_balancers
            .iter()
            .flat_map(|lb| &lb.listeners)
            .flat_map(|l| &l.target_groups)
            .map(Id::as_str)
            .collect();
        let mut instance_by_interface = HashMap::default();
        for (i, instance) in design.instances.iter().enumerate() {
            if let Some(eni) = &instance.primary_interface_id {
                instance_by_interface.entry(eni.as_str()).or_insert(i);
            }
        }
        let mut tgw_vpcs: HashMap<&str, HashSet<&str>> = HashMap::default();
        let mut referencing_tgw = HashMap::default();
        for a in &design.tgw_attachments {
            if let TgwAttachmentResource::Vpc { vpc, security_group_referencing, .. } = &a.resource {
                tgw_vpcs.entry(a.transit_gateway.as_str()).or_default().insert(vpc.as_str());
                if *security_group_referencing {
                    referencing_tgw.entry(vpc.as_str()).or_insert(&a.transit_gateway);
                }
            }
        }
        let mut peerings: HashMap<&str, HashMap<&str, Peered>> = HashMap::default();
        for p in &design.vpc_peerings {
            let (a, b) = pair(p.requester_vpc.as_str(), p.accepter_vpc.as_str());
            let seen = peerings.entry(a).or_default().entry(b).or_default();
            seen.any = true;
            seen.active |= p.status == PeeringStatus::Active;
        }
        let mut vpns_by_vgw: HashMap<&str, Vec<usize>> = HashMap::default();
        for (i, v) in design.vpn_connections.iter().enumerate() {
            if let VpnTermination::VpnGateway(g) = &v.gateway {
                vpns_by_vgw.entry(g.as_str()).or_default().push(i);
            }
        }
        let mut vifs_by_vgw: HashMap<&str, Vec<usize>> = HashMap::default();
        for (i, v) in design.virtual_interfaces.iter().enumerate() {
            if let Some(VifAttachment::VpnGateway(g)) = &v.attachment {
                vifs_by_vgw.entry(g.as_str()).or_default().push(i);
            }
        }
        let vpc_blocks = BlockIndex::new(
            design
                .vpcs
                .iter()
                .enumerate()
                .flat_map(|(i, v)| Network::vpc_cidrs(v).map(move |b| (*b, i, v.id.as_str()))),
        );
        Relations {
            design,
            tables_routing_to,
            fronted,
            instance_by_interface,
            tgw_vpcs,
            referencing_tgw,
            peerings,
            vpns_by_vgw,
            vifs_by_vgw,
            vpc_blocks,
        }
    }

    /// The route tables with a route to `target` (the same kind of target with the same id), in document order.
    pub fn route_tables_routing_to<'s>(
        &'s self,
        target: &RouteTarget,
    ) -> impl Iterator<Item = &'d RouteTable> + use<'s, 'd> {
        let design = self.design;
        let kind = std::mem::discriminant(target);
        let tables: &'s [(Discriminant<RouteTarget>, usize)] =
            target.id().and_then(|id| self.tables_routing_to.get(id.as_str())).map_or(&[], Vec::as_slice);
        tables.iter().filter(move |(k, _)| *k == kind).filter_map(move |(_, i)| design.route_tables.get(*i))
    }

    /// Whether a load balancer listener forwards to this target group.
    pub fn is_fronted(&self, target_group: &Id) -> bool {
        self.fronted.contains(target_group.as_str())
    }

    /// The first instance whose primary network interface has this id.
    pub fn instance_with_interface(&self, interface: &Id) -> Option<&'d Instance> {
        self.instance_by_interface.get(interface.as_str()).and_then(|i| self.design.instances.get(*i))
    }

    /// Whether a transit gateway has an attachment to a VPC.
    pub fn is_attached(&self, transit_gateway: &Id, vpc: &Id) -> bool {
        self.tgw_vpcs.get(transit_gateway.as_str()).is_some_and(|vpcs| vpcs.contains(vpc.as_str()))
    }

    /// The transit gateway of a VPC's first attachment with security-group referencing on.
    pub fn referencing_transit_gateway(&self, vpc: &Id) -> Option<&'d Id> {
        self.referencing_tgw.get(vpc.as_str()).copied()
    }

    /// Whether a peering joins two VPCs (either way round), and whether one that does is active.
    pub fn peered(&self, a: &Id, b: &Id) -> Peered {
        let (a, b) = pair(a.as_str(), b.as_str());
        self.peerings.get(a).and_then(|with| with.get(b)).copied().unwrap_or_default()
    }

    /// The VPN connections that end on a virtual private gateway, in document order.
    pub fn vpn_connections_to(&self, vgw: &Id) -> impl Iterator<Item = &'d VpnConnection> + '_ {
        let design = self.design;
        self.vpns_by_vgw.get(vgw.as_str()).into_iter().flatten().filter_map(move |i| design.vpn_connections.get(*i))
    }

    /// The Direct Connect virtual interfaces attached to a virtual private gateway, in document order.
    pub fn virtual_interfaces_to(&self, vgw: &Id) -> impl Iterator<Item = &'d VirtualInterface> + '_ {
        let design = self.design;
        self.vifs_by_vgw.get(vgw.as_str()).into_iter().flatten().filter_map(move |i| design.virtual_interfaces.get(*i))
    }

    /// The first VPC (in document order) with a block overlapping `block`, other than VPCs with the ids `except`.
    pub fn first_vpc_overlapping(&self, block: &Ipv4Cidr, except: [&Id; 2]) -> Option<&'d Vpc> {
        self.vpc_blocks.first_overlapping_except(block, except.map(Id::as_str)).and_then(|i| self.design.vpcs.get(i))
    }
}

impl<'d> Network<'d> {
    /// The relations read from the far end.
    pub fn relations(&self) -> &Relations<'d> {
        &self.relations
    }
}
