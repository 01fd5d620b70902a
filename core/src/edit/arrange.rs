//! Moving resources between containers, and new Availability Zone boxes.

use super::contain::{Container, ContainerKind, DropError, check};
use super::{Change, Edit, LayoutKey, Resource, placement};
use crate::doc::{Design, Id, Placement, ResourceKind, ZonePlacement};
use crate::model::{Network, next_free_block};
use crate::net::Ipv4Cidr;
use crate::text::Text;

/// Why a VPC gets no new Availability Zone box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZoneError {
    /// The design has no VPC with this id.
    NoVpc(Id),
    /// The VPC already shows every zone of its Region.
    EveryZoneShown { vpc: Id, region: Id },
}

impl ZoneError {
    /// The reason in English and Korean.
    pub fn text(&self) -> Text {
        match self {
            ZoneError::NoVpc(_) => Text::new("No such VPC.", "그런 VPC가 없습니다."),
            ZoneError::EveryZoneShown { vpc, region } => Text::new(
                format!("VPC {vpc} already shows every Availability Zone of Region {region}."),
                format!("VPC {vpc}에 리전 {region}의 모든 가용 영역이 이미 있습니다."),
            ),
        }
    }
}

/// Why [`reparent`] refuses a move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoveError {
    /// The design has no resource with this id.
    NoResource(Id),
    /// Its kind may not go into that container.
    Drop(DropError),
    /// A resource of this kind cannot change VPC in AWS (a security group, a route table …); the VPC it was moved to.
    OtherVpc { kind: ResourceKind, vpc: Id },
    /// A subnet moved to another VPC, none of whose blocks has room for it.
    NoFreeBlock { vpc: Id, subnet: Id },
}

impl MoveError {
    /// The reason in English and Korean.
    pub fn text(&self) -> Text {
        match self {
            MoveError::NoResource(id) => Text::new(format!("No {id}."), format!("{id}가 없습니다.")),
            MoveError::Drop(e) => e.text(),
            MoveError::OtherVpc { kind, .. } => Text::new(
                format!("A {} cannot move to another VPC in AWS: create one there instead.", kind.label()),
                format!("{}은(는) AWS에서 다른 VPC로 옮길 수 없습니다. 그곳에 새로 만드세요.", kind.label()),
            ),
            MoveError::NoFreeBlock { vpc, subnet } => Text::new(
                format!("VPC {vpc} has no free block for subnet {subnet}."),
                format!("VPC {vpc}에 서브넷 {subnet}에 쓸 빈 대역이 없습니다."),
            ),
        }
    }
}

impl From<DropError> for MoveError {
    fn from(e: DropError) -> MoveError {
        MoveError::Drop(e)
    }
}

bilingual_error!(ZoneError, MoveError);

/// The next Availability Zone a VPC can get a box for: the first zone of its Region (as the document lists them, or
/// `<region>a`, `b`, … when it lists none) that the VPC shows neither as a box nor through a subnet.
pub fn next_zone(d: &Design, vpc: &Id) -> Result<String, ZoneError> {
    let v = d.vpcs.iter().find(|x| &x.id == vpc).ok_or_else(|| ZoneError::NoVpc(vpc.clone()))?;
    let listed: Vec<String> = d
        .regions
        .iter()
        .find(|r| r.id == v.region)
        .map(|r| r.availability_zones.iter().map(|z| z.name.clone()).collect())
        .unwrap_or_default();
    let candidates: Vec<String> =
        if listed.is_empty() { "abcdef".chars().map(|c| format!("{}{c}", v.region)).collect() } else { listed };
    let shown = |z: &str| {
        d.layout.zone(vpc, z).is_some() || d.subnets.iter().any(|s| &s.vpc == vpc && s.availability_zone == z)
    };
    candidates
        .into_iter()
        .find(|z| !shown(z))
        .ok_or_else(|| ZoneError::EveryZoneShown { vpc: vpc.clone(), region: v.region.clone() })
}

/// Adds a box for the VPC's next Availability Zone at `at`.
pub fn add_zone(d: &Design, vpc: &Id, at: Placement) -> Result<(String, Edit), ZoneError> {
    let zone = next_zone(d, vpc)?;
    let change = Change::AddZone {
        at: d.layout.zones.len(),
        zone: ZonePlacement { vpc: vpc.clone(), zone: zone.clone(), placement: at },
    };
    let label = Text::new(format!("Add zone {zone} to {vpc}"), format!("{vpc}에 영역 {zone} 추가"));
    Ok((zone, Edit::new(label, vec![change])))
}

fn vpc_of_subnet(d: &Design, subnet: &Id) -> Option<Id> {
    d.subnets.iter().find(|s| &s.id == subnet).map(|s| s.vpc.clone())
}

/// Moves a resource into another container and, with `to`, to a new place: the fields that say where it lives
/// change with it (an instance's subnet; a subnet's VPC and zone). Its address is cleared when it leaves its subnet,
/// and what belongs to the old VPC (security groups, a subnet's route table and ACL) when it changes VPC; a subnet
/// whose block does not fit its new VPC gets the first free one. Refused, with the reason, where AWS would not
/// allow it (a security group or route table cannot change VPC).
pub fn reparent(d: &Design, id: &Id, into: &Container, to: Option<Placement>) -> Result<Edit, MoveError> {
    let (at, before) = d.resource(id.as_str()).ok_or_else(|| MoveError::NoResource(id.clone()))?;
    let kind = before.kind();
    check(d, kind, into)?;
    let mut after = before.clone();
    match (&mut after, into) {
        (Resource::Instance(i), Container::Subnet(s)) => {
            let old = i.subnet.clone();
            if &old != s {
                i.subnet = s.clone();
                i.private_ip = None;
                i.secondary_private_ips.clear();
                if vpc_of_subnet(d, &old) != vpc_of_subnet(d, s) {
                    i.security_groups.clear();
                }
            }
        }
        (Resource::NetworkInterface(n), Container::Subnet(s)) => {
            let old = n.subnet.clone();
            if &old != s {
                n.subnet = s.clone();
                n.private_ip = None;
                n.secondary_private_ips.clear();
                if vpc_of_subnet(d, &old) != vpc_of_subnet(d, s) {
                    n.security_groups.clear();
                }
            }
        }
        (Resource::NatGateway(n), Container::Subnet(s)) if &n.subnet != s => {
            n.subnet = s.clone();
            n.private_ip = None;
        }
        (Resource::EcsTask(t), Container::Subnet(s)) => {
            let old = t.subnet.clone();
            if old.as_ref() != Some(s) {
                t.subnet = Some(s.clone());
                t.private_ip = None;
                if old.and_then(|o| vpc_of_subnet(d, &o)) != vpc_of_subnet(d, s) {
                    t.security_groups.clear();
                }
            }
        }
        (Resource::Subnet(sub), Container::Zone { vpc, zone }) => {
            sub.availability_zone = zone.clone();
            if &sub.vpc != vpc {
                sub.vpc = vpc.clone();
                sub.route_table = None;
                sub.network_acl = None;
                let v = d.vpcs.iter().find(|x| &x.id == vpc);
                let within: Vec<Ipv4Cidr> =
                    v.map(|v| Network::vpc_cidrs(v).map(Ipv4Cidr::canonical).collect()).unwrap_or_default();
                if !within.iter().any(|w| w.contains_cidr(&sub.cidr.canonical())) {
                    let used: Vec<Ipv4Cidr> =
                        d.subnets.iter().filter(|s| &s.vpc == vpc).map(|s| s.cidr.canonical()).collect();
                    sub.cidr = next_free_block(&within, &used, sub.cidr.prefix_len())
                        .or_else(|| next_free_block(&within, &used, 24))
                        .ok_or_else(|| MoveError::NoFreeBlock { vpc: vpc.clone(), subnet: id.clone() })?;
                }
            }
        }
        (Resource::Vpc(v), Container::Region(r)) => v.region = r.clone(),
        (Resource::InternetGateway(g), Container::Vpc(v)) => g.vpc = Some(v.clone()),
        (Resource::VpnGateway(g), Container::Vpc(v)) => g.vpc = Some(v.clone()),
        (r, Container::Vpc(v)) if vpc_field(r) != Some(v) => {
            return Err(MoveError::OtherVpc { kind, vpc: v.clone() });
        }
        (r, Container::Region(to)) => {
            if let Some(region) = region_field(r) {
                *region = to.clone();
            }
        }
        _ => {}
    }
    let mut changes = Vec::new();
    if after != before {
        changes.push(Change::Replace { at, before, after });
    }
    if let Some(p) = to {
        let key = LayoutKey::Node(id.clone());
        let old = placement(d, &key);
        if old != Some(p) {
            changes.push(Change::Place { key, before: old, after: Some(p) });
        }
    }
    Ok(Edit::new(Text::new(format!("Move {id}"), format!("{id} 이동")), changes))
}

/// The VPC a resource names as its home (for gateways, the one they are attached to).
fn vpc_field(r: &Resource) -> Option<&Id> {
    match r {
        Resource::Subnet(x) => Some(&x.vpc),
        Resource::RouteTable(x) => Some(&x.vpc),
        Resource::NetworkAcl(x) => Some(&x.vpc),
        Resource::SecurityGroup(x) => Some(&x.vpc),
        Resource::LoadBalancer(x) => Some(&x.vpc),
        Resource::TargetGroup(x) => Some(&x.vpc),
        Resource::VpcEndpoint(x) => Some(&x.vpc),
        Resource::InternetGateway(x) => x.vpc.as_ref(),
        Resource::VpnGateway(x) => x.vpc.as_ref(),
        _ => None,
    }
}

/// The Region a resource names as its home, to change.
fn region_field(r: &mut Resource) -> Option<&mut Id> {
    match r {
        Resource::Vpc(x) => Some(&mut x.region),
        Resource::ElasticIp(x) => Some(&mut x.region),
        Resource::PrefixList(x) => Some(&mut x.region),
        Resource::EcsCluster(x) => Some(&mut x.region),
        Resource::VpnGateway(x) => Some(&mut x.region),
        Resource::CustomerGateway(x) => Some(&mut x.region),
        Resource::TransitGateway(x) => Some(&mut x.region),
        _ => None,
    }
}

/// The subnet a resource names as its home.
fn subnet_field(r: &Resource) -> Option<&Id> {
    match r {
        Resource::Instance(x) => Some(&x.subnet),
        Resource::NetworkInterface(x) => Some(&x.subnet),
        Resource::NatGateway(x) => Some(&x.subnet),
        _ => None,
    }
}

/// The container a resource lives in now: what [`reparent`] changes. `None` for connectors and what the design
/// does not have.
pub fn home_of(d: &Design, id: &str) -> Option<Container> {
    home_in(&Network::new(d), id)
}

/// [`home_of`] in an indexed design, for many look-ups.
pub(super) fn home_in(net: &Network<'_>, id: &str) -> Option<Container> {
    use ResourceKind as K;
    let d = net.design;
    let kind = net.kind_of(id)?;
    let at = d.index_of(kind, id)?;
    let mut r = d.resource_at(kind, at)?;
    let region = region_field(&mut r).cloned();
    match &r {
        Resource::Region(_) | Resource::DxGateway(_) | Resource::OnPremNetwork(_) => Some(Container::Canvas),
        Resource::Subnet(s) => Some(Container::Zone { vpc: s.vpc.clone(), zone: s.availability_zone.clone() }),
        Resource::EcsTask(_) => d.ecs_tasks.get(at).and_then(|t| net.task_subnet(t)).cloned().map(Container::Subnet),
        Resource::TaskDefinition(_) => d.regions.first().map(|x| Container::Region(x.id.clone())),
        Resource::EcsService(s) => net.ecs_cluster(&s.cluster).map(|c| Container::Region(c.region.clone())),
        Resource::TgwRouteTable(t) => {
            net.transit_gateway(&t.transit_gateway).map(|g| Container::Region(g.region.clone()))
        }
        _ => match kind {
            K::Instance | K::NetworkInterface | K::NatGateway => subnet_field(&r).cloned().map(Container::Subnet),
            K::Vpc => region.map(Container::Region),
            k if super::homes(k).contains(&ContainerKind::Vpc) => vpc_field(&r).cloned().map(Container::Vpc),
            k if super::homes(k).contains(&ContainerKind::Region) => region.map(Container::Region),
            _ => None,
        },
    }
}
