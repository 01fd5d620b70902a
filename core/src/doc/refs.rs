//! Every reference from one resource to another. Each resource type describes its reference fields once, in this
//! file ([`Refs`]); that one description serves reading them (validation finds references to nothing with
//! [`Design::references`]) and changing them in place (the editor renames ids on paste and removes what names a
//! deleted resource).

use super::*;

/// How a field holds its reference, which says what removing the reference takes along.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hold {
    /// A field the resource cannot be without (a subnet's VPC, a VPN connection's gateway): the resource goes.
    Required,
    /// An optional field, or an entry of a list of ids: the field is cleared, the entry dropped.
    Optional,
    /// A part of an item of a list (a route's target, a security-group rule's peer): the item goes.
    Item,
}

/// One reference field, as a visitor is shown it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The field, as a short path such as `route_table` or `routes[].target`.
    pub name: &'static str,
    /// The kinds the field may name.
    pub kinds: &'static [ResourceKind],
    pub hold: Hold,
    /// Whether validation checks it ([`Design::references`] lists it). The node addresses of a load balancer name
    /// subnets of its own subnet list and follow it, and are not checked on their own.
    pub checked: bool,
}

/// What a visitor that may change references wants done with the one it was shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visit {
    /// Keep it (changed in place or not).
    Keep,
    /// Remove it, with what its [`Hold`] says goes along.
    Remove,
}

/// The reference fields of a resource type.
pub trait Refs {
    /// Calls `f` with every reference the resource holds, in document order.
    fn visit_refs<'a>(&'a self, f: &mut dyn FnMut(Field, &'a Id));

    /// Calls `f` with every reference the resource holds, in document order, to change it in place or have it
    /// removed. Returns `false` when a required reference was removed: the resource can no longer exist (it is
    /// left otherwise as it was changed, for the caller to drop).
    fn visit_refs_mut(&mut self, f: &mut dyn FnMut(Field, &mut Id) -> Visit) -> bool;
}

/// One field of one resource that names another resource.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reference<'a> {
    /// The resource holding the field.
    pub from: &'a Id,
    pub from_kind: ResourceKind,
    /// The field, as a short path such as `route_table` or `routes[].target`.
    pub field: &'static str,
    /// The resource named.
    pub to: &'a Id,
    /// The kinds that field may name.
    pub kinds: &'static [ResourceKind],
}

use ResourceKind as K;

/// Walks the references of a resource for reading. Where a reference sits (at the top, in an item of a list, in
/// an optional part) says its [`Hold`]; [`Writer`] acts on the same positions.
struct Reader<'a, 'f> {
    f: &'f mut dyn FnMut(Field, &'a Id),
    hold: Hold,
    checked: bool,
}

impl<'a> Reader<'a, '_> {
    fn field(&self, name: &'static str, kinds: &'static [K], hold: Hold) -> Field {
        Field { name, kinds, hold, checked: self.checked }
    }

    /// A single id: required at the top, part of the item inside one.
    fn one(&mut self, name: &'static str, kinds: &'static [K], id: &'a Id) {
        let field = self.field(name, kinds, self.hold);
        (self.f)(field, id);
    }

    /// An optional id.
    fn opt(&mut self, name: &'static str, kinds: &'static [K], id: &'a Option<Id>) {
        if let Some(id) = id {
            let field = self.field(name, kinds, Hold::Optional);
            (self.f)(field, id);
        }
    }

    /// A list of ids.
    fn list(&mut self, name: &'static str, kinds: &'static [K], ids: &'a [Id]) {
        let field = self.field(name, kinds, Hold::Optional);
        for id in ids {
            (self.f)(field, id);
        }
    }

    /// Items of a list, each of which goes when a reference in it is removed.
    fn items<T>(&mut self, items: &'a [T], mut each: impl FnMut(&mut Self, &'a T)) {
        let outer = self.hold;
        self.hold = Hold::Item;
        for item in items {
            each(self, item);
        }
        self.hold = outer;
    }

    /// Items of a list that stay whatever is removed from them.
    fn each<T>(&mut self, items: &'a [T], mut each: impl FnMut(&mut Self, &'a T)) {
        for item in items {
            each(self, item);
        }
    }

    /// An optional part, cleared when a reference in it is removed.
    fn part<T>(&mut self, part: &'a Option<T>, each: impl FnOnce(&mut Self, &'a T)) {
        if let Some(part) = part {
            let outer = self.hold;
            self.hold = Hold::Optional;
            each(self, part);
            self.hold = outer;
        }
    }

    /// Items of a list whose references validation does not check.
    fn unchecked<T>(&mut self, items: &'a [T], each: impl FnMut(&mut Self, &'a T)) {
        let outer = self.checked;
        self.checked = false;
        self.items(items, each);
        self.checked = outer;
    }
}

/// Walks the references of a resource to change them, removing what the visitor asks to remove.
struct Writer<'f> {
    f: &'f mut dyn FnMut(Field, &mut Id) -> Visit,
    hold: Hold,
    checked: bool,
    /// A reference the enclosing part (the resource at the top) cannot be without was removed.
    broken: bool,
}

impl Writer<'_> {
    fn field(&self, name: &'static str, kinds: &'static [K], hold: Hold) -> Field {
        Field { name, kinds, hold, checked: self.checked }
    }

    fn one(&mut self, name: &'static str, kinds: &'static [K], id: &mut Id) {
        let field = self.field(name, kinds, self.hold);
        if (self.f)(field, id) == Visit::Remove {
            self.broken = true;
        }
    }

    fn opt(&mut self, name: &'static str, kinds: &'static [K], id: &mut Option<Id>) {
        let field = self.field(name, kinds, Hold::Optional);
        if let Some(x) = id.as_mut()
            && (self.f)(field, x) == Visit::Remove
        {
            *id = None;
        }
    }

    fn list(&mut self, name: &'static str, kinds: &'static [K], ids: &mut Vec<Id>) {
        let field = self.field(name, kinds, Hold::Optional);
        ids.retain_mut(|id| (self.f)(field, id) == Visit::Keep);
    }

    fn items<T>(&mut self, items: &mut Vec<T>, mut each: impl FnMut(&mut Self, &mut T)) {
        let (hold, broken) = (self.hold, self.broken);
        self.hold = Hold::Item;
        items.retain_mut(|item| {
            self.broken = false;
            each(self, item);
            !self.broken
        });
        (self.hold, self.broken) = (hold, broken);
    }

    fn each<T>(&mut self, items: &mut [T], mut each: impl FnMut(&mut Self, &mut T)) {
        for item in items {
            each(self, item);
        }
    }

    fn part<T>(&mut self, part: &mut Option<T>, each: impl FnOnce(&mut Self, &mut T)) {
        let Some(inner) = part.as_mut() else { return };
        let (hold, broken) = (self.hold, self.broken);
        self.hold = Hold::Optional;
        self.broken = false;
        each(self, inner);
        if self.broken {
            *part = None;
        }
        (self.hold, self.broken) = (hold, broken);
    }

    fn unchecked<T>(&mut self, items: &mut Vec<T>, each: impl FnMut(&mut Self, &mut T)) {
        let outer = self.checked;
        self.checked = false;
        self.items(items, each);
        self.checked = outer;
    }
}

/// Implements [`Refs`] for a resource type from one description of its reference fields. The description is
/// written once and read twice, by [`Reader`] over `&T` and by [`Writer`] over `&mut T`: it binds fields by
/// destructuring (so that they are `&` or `&mut` as the walk is) and calls the walker's `one`, `opt`, `list`,
/// `items`, `each`, `part` and `unchecked`.
macro_rules! refs {
    ($ty:ty, |$w:ident, $r:ident| $body:block) => {
        impl Refs for $ty {
            #[allow(unused_variables)]
            fn visit_refs<'a>(&'a self, f: &mut dyn FnMut(Field, &'a Id)) {
                let $w = &mut Reader { f, hold: Hold::Required, checked: true };
                let $r = self;
                $body
            }

            #[allow(unused_variables)]
            fn visit_refs_mut(&mut self, f: &mut dyn FnMut(Field, &mut Id) -> Visit) -> bool {
                let $w = &mut Writer { f, hold: Hold::Required, checked: true, broken: false };
                let $r = self;
                $body
                !$w.broken
            }
        }
    };
}

refs!(Region, |w, r| {});

refs!(Vpc, |w, r| {
    let Vpc { region, .. } = r;
    w.one("region", &[K::Region], region);
});

refs!(Subnet, |w, r| {
    let Subnet { vpc, route_table, network_acl, .. } = r;
    w.one("vpc", &[K::Vpc], vpc);
    w.opt("route_table", &[K::RouteTable], route_table);
    w.opt("network_acl", &[K::NetworkAcl], network_acl);
});

refs!(RouteTable, |w, r| {
    let RouteTable { vpc, routes, propagating_vpn_gateways, gateway_associations, .. } = r;
    w.one("vpc", &[K::Vpc], vpc);
    w.items(routes, |w, Route { destination, target }| {
        if let RouteDestination::PrefixList(p) = destination {
            w.one("routes[].destination", &[K::PrefixList], p);
        }
        let field = "routes[].target";
        match target {
            RouteTarget::Local | RouteTarget::Blackhole => {}
            RouteTarget::InternetGateway(x) => w.one(field, &[K::InternetGateway], x),
            RouteTarget::NatGateway(x) => w.one(field, &[K::NatGateway], x),
            RouteTarget::VpcPeering(x) => w.one(field, &[K::VpcPeering], x),
            RouteTarget::VpnGateway(x) => w.one(field, &[K::VpnGateway], x),
            RouteTarget::TransitGateway(x) => w.one(field, &[K::TransitGateway], x),
            RouteTarget::GatewayEndpoint(x) => w.one(field, &[K::VpcEndpoint], x),
            // An instance's primary interface is named by the instance's id or its `primary_interface_id`.
            RouteTarget::NetworkInterface(x) => w.one(field, &[K::NetworkInterface, K::Instance], x),
            RouteTarget::Instance(x) => w.one(field, &[K::Instance], x),
        }
    });
    w.list("propagating_vpn_gateways", &[K::VpnGateway], propagating_vpn_gateways);
    w.list("gateway_associations", &[K::InternetGateway, K::VpnGateway], gateway_associations);
});

refs!(InternetGateway, |w, r| {
    let InternetGateway { vpc, .. } = r;
    w.opt("vpc", &[K::Vpc], vpc);
});

refs!(NatGateway, |w, r| {
    let NatGateway { subnet, elastic_ip, .. } = r;
    w.one("subnet", &[K::Subnet], subnet);
    w.opt("elastic_ip", &[K::ElasticIp], elastic_ip);
});

refs!(ElasticIp, |w, r| {
    let ElasticIp { region, .. } = r;
    w.one("region", &[K::Region], region);
});

refs!(NetworkAcl, |w, r| {
    let NetworkAcl { vpc, .. } = r;
    w.one("vpc", &[K::Vpc], vpc);
});

refs!(SecurityGroup, |w, r| {
    let SecurityGroup { vpc, inbound, outbound, .. } = r;
    w.one("vpc", &[K::Vpc], vpc);
    // A group of another account is outside the design: only same-account groups are references.
    w.items(inbound, |w, SgRule { peer, .. }| match peer {
        RulePeer::Cidr(_) | RulePeer::SecurityGroup { account: Some(_), .. } => {}
        RulePeer::SecurityGroup { group, account: None } => w.one("rules[].peer", &[K::SecurityGroup], group),
        RulePeer::PrefixList(p) => w.one("rules[].peer", &[K::PrefixList], p),
    });
    w.items(outbound, |w, SgRule { peer, .. }| match peer {
        RulePeer::Cidr(_) | RulePeer::SecurityGroup { account: Some(_), .. } => {}
        RulePeer::SecurityGroup { group, account: None } => w.one("rules[].peer", &[K::SecurityGroup], group),
        RulePeer::PrefixList(p) => w.one("rules[].peer", &[K::PrefixList], p),
    });
});

refs!(PrefixList, |w, r| {
    let PrefixList { region, .. } = r;
    w.one("region", &[K::Region], region);
});

refs!(Instance, |w, r| {
    let Instance { subnet, elastic_ip, security_groups, ecs_cluster, .. } = r;
    w.one("subnet", &[K::Subnet], subnet);
    w.opt("elastic_ip", &[K::ElasticIp], elastic_ip);
    w.list("security_groups", &[K::SecurityGroup], security_groups);
    w.opt("ecs_cluster", &[K::EcsCluster], ecs_cluster);
});

refs!(NetworkInterface, |w, r| {
    let NetworkInterface { subnet, elastic_ip, security_groups, attachment, .. } = r;
    w.one("subnet", &[K::Subnet], subnet);
    w.opt("elastic_ip", &[K::ElasticIp], elastic_ip);
    w.list("security_groups", &[K::SecurityGroup], security_groups);
    w.part(attachment, |w, InterfaceAttachment { instance, .. }| {
        w.one("attachment.instance", &[K::Instance], instance)
    });
});

refs!(EcsCluster, |w, r| {
    let EcsCluster { region, .. } = r;
    w.one("region", &[K::Region], region);
});

refs!(TaskDefinition, |w, r| {});

refs!(EcsService, |w, r| {
    let EcsService { cluster, task_definition, subnets, security_groups, load_balancers, .. } = r;
    w.one("cluster", &[K::EcsCluster], cluster);
    w.one("task_definition", &[K::TaskDefinition], task_definition);
    w.list("subnets", &[K::Subnet], subnets);
    w.list("security_groups", &[K::SecurityGroup], security_groups);
    w.items(load_balancers, |w, ServiceLoadBalancer { target_group, .. }| {
        w.one("load_balancers[].target_group", &[K::TargetGroup], target_group)
    });
});

refs!(EcsTask, |w, r| {
    let EcsTask { cluster, task_definition, service, container_instance, subnet, security_groups, .. } = r;
    w.one("cluster", &[K::EcsCluster], cluster);
    w.one("task_definition", &[K::TaskDefinition], task_definition);
    w.opt("service", &[K::EcsService], service);
    w.opt("container_instance", &[K::Instance], container_instance);
    w.opt("subnet", &[K::Subnet], subnet);
    w.list("security_groups", &[K::SecurityGroup], security_groups);
});

refs!(LoadBalancer, |w, r| {
    let LoadBalancer { vpc, subnets, security_groups, listeners, node_addresses, .. } = r;
    w.one("vpc", &[K::Vpc], vpc);
    w.list("subnets", &[K::Subnet], subnets);
    w.list("security_groups", &[K::SecurityGroup], security_groups);
    w.each(listeners, |w, Listener { target_groups, .. }| {
        w.list("listeners[].target_groups", &[K::TargetGroup], target_groups)
    });
    w.unchecked(node_addresses, |w, LbNodeAddress { subnet, .. }| {
        w.one("node_addresses[].subnet", &[K::Subnet], subnet)
    });
});

refs!(TargetGroup, |w, r| {
    let TargetGroup { vpc, targets, .. } = r;
    w.one("vpc", &[K::Vpc], vpc);
    w.items(targets, |w, Target { target, .. }| match target {
        TargetRef::Instance(i) => w.one("targets[].target", &[K::Instance], i),
        TargetRef::LoadBalancer(l) => w.one("targets[].target", &[K::LoadBalancer], l),
        TargetRef::Ip(_) => {}
    });
});

refs!(VpcPeering, |w, r| {
    let VpcPeering { requester_vpc, accepter_vpc, .. } = r;
    w.one("requester_vpc", &[K::Vpc], requester_vpc);
    w.one("accepter_vpc", &[K::Vpc], accepter_vpc);
});

refs!(VpcEndpoint, |w, r| {
    let VpcEndpoint { vpc, endpoint, .. } = r;
    w.one("vpc", &[K::Vpc], vpc);
    match endpoint {
        EndpointKind::Gateway { route_tables, prefix_list } => {
            w.list("endpoint.gateway.route_tables", &[K::RouteTable], route_tables);
            // The endpoint's service is known by its prefix list: without it the endpoint goes.
            if let Some(p) = prefix_list {
                w.one("endpoint.gateway.prefix_list", &[K::PrefixList], p);
            }
        }
        EndpointKind::Interface { subnets, security_groups, .. } => {
            w.list("endpoint.interface.subnets", &[K::Subnet], subnets);
            w.list("endpoint.interface.security_groups", &[K::SecurityGroup], security_groups);
        }
    }
});

refs!(VpnGateway, |w, r| {
    let VpnGateway { region, vpc, .. } = r;
    w.one("region", &[K::Region], region);
    w.opt("vpc", &[K::Vpc], vpc);
});

refs!(CustomerGateway, |w, r| {
    let CustomerGateway { region, on_premises, .. } = r;
    w.one("region", &[K::Region], region);
    w.opt("on_premises", &[K::OnPremNetwork], on_premises);
});

refs!(VpnConnection, |w, r| {
    let VpnConnection { customer_gateway, gateway, .. } = r;
    w.one("customer_gateway", &[K::CustomerGateway], customer_gateway);
    match gateway {
        VpnTermination::VpnGateway(g) => w.one("gateway", &[K::VpnGateway], g),
        VpnTermination::TransitGateway(g) => w.one("gateway", &[K::TransitGateway], g),
    }
});

refs!(DxGateway, |w, r| {
    let DxGateway { associations, .. } = r;
    w.items(associations, |w, DxGatewayAssociation { gateway, .. }| match gateway {
        DxAssociatedGateway::VpnGateway(g) => w.one("associations[].gateway", &[K::VpnGateway], g),
        DxAssociatedGateway::TransitGateway(g) => w.one("associations[].gateway", &[K::TransitGateway], g),
    });
});

refs!(VirtualInterface, |w, r| {
    let VirtualInterface { attachment, on_premises, .. } = r;
    w.part(attachment, |w, a| match a {
        VifAttachment::VpnGateway(g) => w.one("attachment", &[K::VpnGateway], g),
        VifAttachment::DxGateway(g) => w.one("attachment", &[K::DxGateway], g),
    });
    w.opt("on_premises", &[K::OnPremNetwork], on_premises);
});

refs!(TransitGateway, |w, r| {
    let TransitGateway { region, default_association_route_table, default_propagation_route_table, .. } = r;
    w.one("region", &[K::Region], region);
    w.opt("default_route_tables", &[K::TgwRouteTable], default_association_route_table);
    w.opt("default_route_tables", &[K::TgwRouteTable], default_propagation_route_table);
});

refs!(TgwAttachment, |w, r| {
    let TgwAttachment { transit_gateway, resource, association, propagations, .. } = r;
    w.one("transit_gateway", &[K::TransitGateway], transit_gateway);
    match resource {
        TgwAttachmentResource::Vpc { vpc, subnets, .. } => {
            w.one("resource.vpc.vpc", &[K::Vpc], vpc);
            w.list("resource.vpc.subnets", &[K::Subnet], subnets);
        }
        TgwAttachmentResource::Vpn { vpn_connection } => w.one("resource.vpn", &[K::VpnConnection], vpn_connection),
        TgwAttachmentResource::DxGateway { dx_gateway } => w.one("resource.dx_gateway", &[K::DxGateway], dx_gateway),
        TgwAttachmentResource::Peering { peer_transit_gateway } => {
            w.one("resource.peering", &[K::TransitGateway], peer_transit_gateway)
        }
    }
    w.opt("association", &[K::TgwRouteTable], association);
    w.list("propagations", &[K::TgwRouteTable], propagations);
});

refs!(TgwRouteTable, |w, r| {
    let TgwRouteTable { transit_gateway, routes, .. } = r;
    w.one("transit_gateway", &[K::TransitGateway], transit_gateway);
    w.items(routes, |w, TgwRoute { target, .. }| {
        if let TgwRouteTarget::Attachment(a) = target {
            w.one("routes[].target", &[K::TgwAttachment], a);
        }
    });
});

refs!(OnPremNetwork, |w, r| {});

impl Design {
    /// Calls `f(from, from_kind, field, to)` with every reference in the design, checked or not, in document order.
    pub fn visit_refs<'a>(&'a self, mut f: impl FnMut(&'a Id, ResourceKind, Field, &'a Id)) {
        macro_rules! each {
            ($($kind:ident($ty:ident) $list:ident / $key:ident . $name:ident : $group:ident $en:literal $ko:literal;)*) => {$(
                for r in &self.$list {
                    r.visit_refs(&mut |field, to| f(&r.id, K::$kind, field, to));
                }
            )*};
        }
        with_kinds!(each);
    }

    /// Calls `f(from_kind, from, field, to)` with every reference in the design, in document order, to change it
    /// in place or have it removed. Returns the resources left without a required reference, which the caller
    /// removes (they are left in place, changed).
    pub fn visit_refs_mut(
        &mut self,
        mut f: impl FnMut(ResourceKind, &Id, Field, &mut Id) -> Visit,
    ) -> Vec<(ResourceKind, Id)> {
        let mut broken = Vec::new();
        macro_rules! each {
            ($($kind:ident($ty:ident) $list:ident / $key:ident . $name:ident : $group:ident $en:literal $ko:literal;)*) => {$(
                for r in &mut self.$list {
                    let from = r.id.clone();
                    if !r.visit_refs_mut(&mut |field, to| f(K::$kind, &from, field, to)) {
                        broken.push((K::$kind, from));
                    }
                }
            )*};
        }
        with_kinds!(each);
        broken
    }

    /// Every reference validation checks, in document order.
    pub fn references(&self) -> Vec<Reference<'_>> {
        let mut all = Vec::new();
        self.visit_refs(|from, from_kind, field, to| {
            if field.checked {
                all.push(Reference { from, from_kind, field: field.name, to, kinds: field.kinds });
            }
        });
        all
    }
}

#[cfg(test)]
mod tests {
    use std::net::Ipv4Addr;

    use super::*;
    use crate::check::testing::{id, sample};

    fn designs() -> Vec<Design> {
        let mut all = vec![sample()];
        all.extend(crate::templates::all().iter().filter_map(|t| t.design().ok()));
        // Node addresses, which validation does not check but edits keep in step.
        let mut d = sample();
        d.load_balancers.push(LoadBalancer {
            id: id("alb-nodes"),
            name: String::new(),
            kind: LoadBalancerKind::Application,
            scheme: LoadBalancerScheme::Internal,
            vpc: id("vpc-main"),
            subnets: vec![id("subnet-private-a")],
            security_groups: vec![],
            listeners: vec![],
            cross_zone: None,
            node_addresses: vec![LbNodeAddress {
                subnet: id("subnet-private-a"),
                private_ip: Ipv4Addr::new(10, 0, 10, 9),
                public_ip: None,
            }],
            tags: Tags::new(),
        });
        all.push(d);
        all
    }

    type Seen = (ResourceKind, Id, &'static str, Id, &'static [ResourceKind], Hold, bool);

    #[test]
    fn the_mutable_walk_visits_every_reference_the_read_walk_does_at_the_same_field() {
        for d in designs() {
            let mut read: Vec<Seen> = Vec::new();
            d.visit_refs(|from, kind, f, to| {
                read.push((kind, from.clone(), f.name, to.clone(), f.kinds, f.hold, f.checked))
            });
            let mut written: Vec<Seen> = Vec::new();
            let mut copy = d.clone();
            let broken = copy.visit_refs_mut(|kind, from, f, to| {
                written.push((kind, from.clone(), f.name, to.clone(), f.kinds, f.hold, f.checked));
                Visit::Keep
            });
            assert!(broken.is_empty());
            assert_eq!(copy, d, "keeping every reference changes nothing");
            assert_eq!(read, written);
            let checked: Vec<(&Id, &str, &Id)> =
                read.iter().filter(|s| s.6).map(|(_, from, field, to, ..)| (from, *field, to)).collect();
            let reported: Vec<(&Id, &str, &Id)> = d.references().into_iter().map(|r| (r.from, r.field, r.to)).collect();
            assert_eq!(checked, reported);
        }
    }

    #[test]
    fn a_load_balancers_node_addresses_are_visited_but_not_checked() {
        let d = designs().pop().unwrap();
        let mut unchecked = vec![];
        d.visit_refs(|from, _, f, to| {
            if !f.checked {
                unchecked.push((from.as_str(), f.name, to.as_str(), f.hold));
            }
        });
        assert_eq!(unchecked, [("alb-nodes", "node_addresses[].subnet", "subnet-private-a", Hold::Item)]);
        assert!(!d.references().iter().any(|r| r.field.starts_with("node_addresses")));
    }

    #[test]
    fn renaming_an_id_everywhere_follows_every_field_and_removing_a_required_one_reports_the_resource() {
        let mut d = sample();
        let broken = d.visit_refs_mut(|_, _, _, to| {
            if to.as_str() == "vpc-main" {
                *to = id("vpc-other");
            }
            Visit::Keep
        });
        assert!(broken.is_empty());
        assert!(d.subnets.iter().all(|s| s.vpc.as_str() == "vpc-other"));
        assert!(!d.references().iter().any(|r| r.to.as_str() == "vpc-main"));
        let broken =
            d.visit_refs_mut(|_, _, _, to| if to.as_str() == "subnet-public-a" { Visit::Remove } else { Visit::Keep });
        assert!(broken.contains(&(ResourceKind::Instance, id("i-bastion"))), "{broken:?}");
        assert!(broken.contains(&(ResourceKind::NatGateway, id("nat-a"))), "{broken:?}");
    }
}
