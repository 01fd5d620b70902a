//! The lowered network: a design with every id indexed and the relations AWS implies worked out once (which route
//! table and NACL a subnet uses, which subnets a VPC holds, whether a subnet is public, whether an instance has a
//! public address). Validation rules and, later, the simulator read this instead of searching the document.
//!
//! Lowering never fails. A reference to nothing simply resolves to `None` here; the validation rules say so.

use std::collections::HashMap as StdHashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::net::Ipv4Addr;

use crate::doc::*;
use crate::net::Ipv4Cidr;

pub mod blocks;
mod outage;
mod relations;
pub mod rule_match;

pub use outage::{DownCause, Outage};
pub use relations::{Peered, Relations};

/// A small, fast, deterministic hasher for the indexes (ids and addresses are not attacker-chosen hash-flooding
/// input here: a design is the user's own, and the worst case is only slower). FxHash's multiply-rotate step.
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// The map type of the indexes.
pub type HashMap<K, V> = StdHashMap<K, V, BuildHasherDefault<FastHasher>>;
/// The set type of the indexes.
pub type HashSet<K> = std::collections::HashSet<K, BuildHasherDefault<FastHasher>>;

/// A design, indexed.
pub struct Network<'d> {
    pub design: &'d Design,
    /// The first resource with each id.
    ids: HashMap<&'d str, (ResourceKind, usize)>,
    subnets_by_vpc: HashMap<&'d str, Vec<usize>>,
    main_table: HashMap<&'d str, usize>,
    default_nacl: HashMap<&'d str, usize>,
    igws_by_vpc: HashMap<&'d str, Vec<usize>>,
    route_tables_by_vpc: HashMap<&'d str, Vec<usize>>,
    /// Resources whose id an earlier resource already has, with that earlier resource's kind.
    duplicates: Vec<(ResourceRef<'d>, ResourceKind)>,
    /// What is down in the failure scenario the network runs under (nothing, by default).
    outage: Outage,
    /// Relations read from the far end (`relations.rs`).
    relations: Relations<'d>,
}

/// `Network::<key>(&id)`: the resource of that kind with this id, for every kind `with_kinds!` declares.
macro_rules! lookups {
    ($($kind:ident($ty:ident) $list:ident / $key:ident . $name:ident : $group:ident $en:literal $ko:literal;)*) => {
        $(
            #[doc = concat!("The ", $en, " with this id, if the design has one.")]
            pub fn $key(&self, id: &Id) -> Option<&'d $ty> {
                match self.ids.get(id.as_str()) {
                    Some((ResourceKind::$kind, i)) => self.design.$list.get(*i),
                    _ => None,
                }
            }
        )*
    };
}

impl<'d> Network<'d> {
    /// Indexes a design.
    pub fn new(design: &'d Design) -> Self {
        let all = design.resources();
        let mut ids: HashMap<&str, (ResourceKind, usize)> = HashMap::default();
        ids.reserve(all.len());
        let mut duplicates = Vec::new();
        let mut kind = None;
        let mut pos = 0;
        for r in all {
            if kind != Some(r.kind) {
                kind = Some(r.kind);
                pos = 0;
            }
            match ids.entry(r.id.as_str()) {
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert((r.kind, pos));
                }
                std::collections::hash_map::Entry::Occupied(o) => duplicates.push((r, o.get().0)),
            }
            pos += 1;
        }
        let mut subnets_by_vpc: HashMap<&str, Vec<usize>> = HashMap::default();
        for (i, s) in design.subnets.iter().enumerate() {
            subnets_by_vpc.entry(s.vpc.as_str()).or_default().push(i);
        }
        let mut main_table = HashMap::default();
        let mut route_tables_by_vpc: HashMap<&str, Vec<usize>> = HashMap::default();
        for (i, t) in design.route_tables.iter().enumerate() {
            route_tables_by_vpc.entry(t.vpc.as_str()).or_default().push(i);
            if t.main {
                main_table.entry(t.vpc.as_str()).or_insert(i);
            }
        }
        let mut default_nacl = HashMap::default();
        for (i, a) in design.network_acls.iter().enumerate() {
            if a.is_default {
                default_nacl.entry(a.vpc.as_str()).or_insert(i);
            }
        }
        let mut igws_by_vpc: HashMap<&str, Vec<usize>> = HashMap::default();
        for (i, g) in design.internet_gateways.iter().enumerate() {
            if let Some(v) = &g.vpc {
                igws_by_vpc.entry(v.as_str()).or_default().push(i);
            }
        }
        Network {
            design,
            ids,
            subnets_by_vpc,
            main_table,
            default_nacl,
            igws_by_vpc,
            route_tables_by_vpc,
            duplicates,
            outage: Outage::none(),
            relations: Relations::new(design),
        }
    }

    /// Indexes a design that runs under a failure scenario: what `outage` names is down.
    pub fn under(design: &'d Design, outage: Outage) -> Self {
        Network { outage, ..Network::new(design) }
    }

    /// What is down.
    pub fn outage(&self) -> &Outage {
        &self.outage
    }

    /// Resources whose id an earlier resource already has, each with the earlier one's kind.
    pub fn duplicates(&self) -> &[(ResourceRef<'d>, ResourceKind)] {
        &self.duplicates
    }

    /// The kind of the resource with this id.
    pub fn kind_of(&self, id: &str) -> Option<ResourceKind> {
        self.ids.get(id).map(|(k, _)| *k)
    }

    with_kinds!(lookups);

    /// Every IPv4 block of a VPC: the primary, then the secondaries.
    pub fn vpc_cidrs(vpc: &'d Vpc) -> impl Iterator<Item = &'d Ipv4Cidr> {
        std::iter::once(&vpc.cidr).chain(&vpc.secondary_cidrs)
    }

    /// The subnets of a VPC, in document order.
    pub fn subnets_of(&self, vpc: &Id) -> impl Iterator<Item = &'d Subnet> + '_ {
        let design = self.design;
        self.subnets_by_vpc.get(vpc.as_str()).into_iter().flatten().filter_map(move |i| design.subnets.get(*i))
    }

    /// The route tables of a VPC, in document order.
    pub fn route_tables_of(&self, vpc: &Id) -> impl Iterator<Item = &'d RouteTable> + '_ {
        let design = self.design;
        self.route_tables_by_vpc
            .get(vpc.as_str())
            .into_iter()
            .flatten()
            .filter_map(move |i| design.route_tables.get(*i))
    }

    /// The VPC's main route table.
    pub fn main_route_table(&self, vpc: &Id) -> Option<&'d RouteTable> {
        self.main_table.get(vpc.as_str()).and_then(|i| self.design.route_tables.get(*i))
    }

    /// The route table a subnet uses: its explicit association, else its VPC's main table (R1).
    pub fn route_table_of(&self, subnet: &Subnet) -> Option<&'d RouteTable> {
        match &subnet.route_table {
            Some(id) => self.route_table(id),
            None => self.main_route_table(&subnet.vpc),
        }
    }

    /// The network ACL a subnet uses: its explicit association, else its VPC's default NACL (L1).
    pub fn network_acl_of(&self, subnet: &Subnet) -> Option<&'d NetworkAcl> {
        match &subnet.network_acl {
            Some(id) => self.network_acl(id),
            None => self.default_nacl.get(subnet.vpc.as_str()).and_then(|i| self.design.network_acls.get(*i)),
        }
    }

    /// Internet gateways attached to a VPC.
    pub fn internet_gateways_of(&self, vpc: &Id) -> impl Iterator<Item = &'d InternetGateway> + '_ {
        let design = self.design;
        self.igws_by_vpc.get(vpc.as_str()).into_iter().flatten().filter_map(move |i| design.internet_gateways.get(*i))
    }

    /// Whether a route table sends anything to an internet gateway (SEMANTICS R8).
    pub fn routes_to_internet_gateway(table: &RouteTable) -> bool {
        table.routes.iter().any(|r| matches!(r.target, RouteTarget::InternetGateway(_)))
    }

    /// Whether a subnet is public: its route table has a route to an internet gateway (R8).
    pub fn is_public(&self, subnet: &Subnet) -> bool {
        self.route_table_of(subnet).is_some_and(Self::routes_to_internet_gateway)
    }

    /// Whether an instance's primary interface has a public IPv4 address: an Elastic IP, a known public address,
    /// or an auto-assigned one (the instance's own setting, else its subnet's `map_public_ip_on_launch`) (A7).
    pub fn has_public_ip(&self, instance: &Instance) -> bool {
        instance.elastic_ip.is_some()
            || instance.public_ip.is_some()
            || instance
                .associate_public_ip
                .unwrap_or_else(|| self.subnet(&instance.subnet).is_some_and(|s| s.map_public_ip_on_launch))
    }

    /// The subnet an ECS task lives in: its own interface's (awsvpc mode), else its container instance's (bridge and
    /// host modes share the instance's interface) (SEMANTICS C1–C3). The id as written, which may name nothing.
    pub fn task_subnet(&self, task: &'d EcsTask) -> Option<&'d Id> {
        task.subnet
            .as_ref()
            .or_else(|| task.container_instance.as_ref().and_then(|h| self.instance(h)).map(|i| &i.subnet))
    }

    /// The VPC a subnet belongs to.
    pub fn vpc_of_subnet(&self, subnet: &Id) -> Option<&'d Vpc> {
        self.subnet(subnet).and_then(|s| self.vpc(&s.vpc))
    }

    /// The Region a VPC lives in.
    pub fn region_of(&self, vpc: &Vpc) -> Option<&'d Region> {
        self.region(&vpc.region)
    }

    /// The five addresses AWS reserves in a subnet (A5): network, router, DNS, future use, broadcast.
    pub fn reserved_addresses(subnet: &Ipv4Cidr) -> [Ipv4Addr; 5] {
        let base = u32::from(subnet.network());
        let last = u32::from(subnet.broadcast());
        [
            Ipv4Addr::from(base),
            Ipv4Addr::from(base.wrapping_add(1)),
            Ipv4Addr::from(base.wrapping_add(2)),
            Ipv4Addr::from(base.wrapping_add(3)),
            Ipv4Addr::from(last),
        ]
    }
}

/// A private IPv4 address the design assigns, and who holds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AssignedAddress<'d> {
    pub owner: &'d Id,
    pub subnet: &'d Id,
    pub ip: Ipv4Addr,
}

impl<'d> Network<'d> {
    /// Every private address written in the design: instances (primary and secondary), network interfaces, NAT
    /// gateways and awsvpc tasks.
    pub fn assigned_addresses(&self) -> Vec<AssignedAddress<'d>> {
        let d = self.design;
        let mut out = Vec::new();
        for i in &d.instances {
            for ip in i.private_ip.iter().chain(&i.secondary_private_ips) {
                out.push(AssignedAddress { owner: &i.id, subnet: &i.subnet, ip: *ip });
            }
        }
        for n in &d.network_interfaces {
            for ip in n.private_ip.iter().chain(&n.secondary_private_ips) {
                out.push(AssignedAddress { owner: &n.id, subnet: &n.subnet, ip: *ip });
            }
        }
        for n in &d.nat_gateways {
            if let Some(ip) = n.private_ip {
                out.push(AssignedAddress { owner: &n.id, subnet: &n.subnet, ip });
            }
        }
        for t in &d.ecs_tasks {
            if let (Some(subnet), Some(ip)) = (&t.subnet, t.private_ip) {
                out.push(AssignedAddress { owner: &t.id, subnet, ip });
            }
        }
        out
    }
}

/// The first block of `prefix_len` inside one of `within` (in order) that overlaps none of `used`.
pub fn next_free_block(within: &[Ipv4Cidr], used: &[Ipv4Cidr], prefix_len: u8) -> Option<Ipv4Cidr> {
    let mut used: Vec<(u32, u32)> = used.iter().map(|c| (u32::from(c.network()), u32::from(c.broadcast()))).collect();
    used.sort_unstable();
    for block in within {
        if prefix_len < block.prefix_len() || prefix_len > 32 {
            continue;
        }
        let start = u64::from(u32::from(block.network()));
        let end = u64::from(u32::from(block.broadcast()));
        let step = 1u64 << (32 - u32::from(prefix_len));
        let mut candidate = start;
        while candidate + step - 1 <= end {
            let (lo, hi) = (candidate as u32, (candidate + step - 1) as u32);
            // The first used range that ends at or after `lo`; it overlaps when it starts at or before `hi`.
            let i = used.partition_point(|(_, e)| *e < lo);
            match used.get(i..).and_then(|rest| rest.iter().find(|(s, _)| *s <= hi)) {
                None => return Ipv4Cidr::new(Ipv4Addr::from(lo), prefix_len),
                Some((_, e)) => {
                    // Jump past the overlapping range, to the next aligned block.
                    let next = (u64::from(*e) + 1).div_ceil(step) * step;
                    candidate = next.max(candidate + step);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{get, get_mut, sample};

    fn c(s: &str) -> Ipv4Cidr {
        s.parse().unwrap()
    }

    #[test]
    fn next_free_block_skips_used_space() {
        let vpc = [c("10.0.0.0/16")];
        assert_eq!(next_free_block(&vpc, &[], 24), Some(c("10.0.0.0/24")));
        assert_eq!(next_free_block(&vpc, &[c("10.0.0.0/24"), c("10.0.1.0/24")], 24), Some(c("10.0.2.0/24")));
        assert_eq!(next_free_block(&vpc, &[c("10.0.0.0/23"), c("10.0.3.0/24")], 24), Some(c("10.0.2.0/24")));
        assert_eq!(next_free_block(&vpc, &[c("10.0.0.0/16")], 24), None);
        assert_eq!(next_free_block(&[c("10.0.0.0/28")], &[], 24), None);
        assert_eq!(next_free_block(&vpc, &[c("10.0.0.128/25")], 24), Some(c("10.0.1.0/24")));
    }

    #[test]
    fn next_free_block_matches_a_brute_force_scan() {
        let vpc = c("10.0.0.0/20");
        let used: Vec<Ipv4Cidr> = [0u32, 3, 4, 9, 15].iter().map(|i| c(&format!("10.0.{i}.0/24"))).collect();
        let brute = (0..16).map(|i| c(&format!("10.0.{i}.0/24"))).find(|b| used.iter().all(|u| !u.overlaps(b)));
        assert_eq!(next_free_block(&[vpc], &used, 24), brute);
    }

    #[test]
    fn a_subnet_uses_its_own_table_else_the_main_one() {
        let mut design = sample();
        get_mut::<Subnet>(&mut design, "subnet-public-a").route_table = None;
        let net = Network::new(&design);
        let table = |s: &str| net.route_table_of(get::<Subnet>(&design, s)).map(|t| t.id.as_str());
        assert_eq!(table("subnet-public-a"), Some("rtb-main"), "no association: the VPC's main table");
        assert_eq!(table("subnet-public-c"), Some("rtb-public"));
        let mut orphan = get::<Subnet>(&design, "subnet-public-a").clone();
        orphan.vpc = Id::new("vpc-none").unwrap();
        assert!(net.route_table_of(&orphan).is_none(), "a VPC without a main table");
    }

    #[test]
    fn public_means_a_route_to_an_internet_gateway() {
        let design = sample();
        let net = Network::new(&design);
        let by_id = |n: &str| net.subnet(&Id::new(n).unwrap()).unwrap();
        assert!(net.is_public(by_id("subnet-public-a")));
        assert!(!net.is_public(by_id("subnet-private-a")));
    }

    #[test]
    fn a_vpc_has_its_primary_block_then_its_secondaries() {
        let mut design = sample();
        let blocks = |v: &Vpc| Network::vpc_cidrs(v).map(|c| c.to_string()).collect::<Vec<_>>();
        assert_eq!(blocks(get::<Vpc>(&design, "vpc-main")), ["10.0.0.0/16"]);
        get_mut::<Vpc>(&mut design, "vpc-main").secondary_cidrs = vec![c("100.64.0.0/16")];
        assert_eq!(blocks(get::<Vpc>(&design, "vpc-main")), ["10.0.0.0/16", "100.64.0.0/16"]);
    }

    #[test]
    fn a_task_lives_in_its_own_subnet_else_its_hosts() {
        let task = |extra: serde_json::Value| -> EcsTask {
            let mut t = serde_json::json!({
                "id": "task-1", "cluster": "ecs-main", "task_definition": "web:1", "launch_type": "ec2"
            });
            if let (Some(t), Some(extra)) = (t.as_object_mut(), extra.as_object()) {
                t.extend(extra.clone());
            }
            serde_json::from_value(t).unwrap()
        };
        let design = sample();
        let net = Network::new(&design);
        let own = task(serde_json::json!({ "subnet": "subnet-public-a", "container_instance": "i-web-a" }));
        assert_eq!(net.task_subnet(&own).map(Id::as_str), Some("subnet-public-a"));
        let hosted = task(serde_json::json!({ "container_instance": "i-web-a" }));
        assert_eq!(net.task_subnet(&hosted).map(Id::as_str), Some("subnet-private-a"));
        assert_eq!(net.task_subnet(&task(serde_json::json!({ "container_instance": "i-gone" }))), None);
        assert_eq!(net.task_subnet(&task(serde_json::json!({}))), None);
    }

    #[test]
    fn the_sample_is_indexed() {
        let design = sample();
        let net = Network::new(&design);
        let subnet = net.subnet(&Id::new("subnet-private-a").unwrap()).unwrap();
        assert_eq!(net.route_table_of(subnet).map(|t| t.id.as_str()), Some("rtb-private-a"));
        assert!(!net.is_public(subnet));
        assert_eq!(net.subnets_of(&Id::new("vpc-main").unwrap()).count(), 4);
        assert!(net.vpc(&Id::new("subnet-private-a").unwrap()).is_none(), "wrong kind");
        let bastion = net.instance(&Id::new("i-bastion").unwrap()).unwrap();
        assert!(net.has_public_ip(bastion));
        assert_eq!(net.assigned_addresses().len(), 5);
    }
}
