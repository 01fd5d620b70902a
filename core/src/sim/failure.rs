//! Failure scenarios: an availability zone, a NAT gateway, an instance, a VPN connection or a Direct Connect virtual
//! interface marked as failed, and the design as it then runs.
//!
//! [`scenario`] works out what the ECS scheduler does about it: a service whose tasks went down starts new ones in
//! the subnets (awsvpc) or on the container instances (bridge, host) of the surviving zones, spread across zones, up
//! to its desired count; load balancers register them and stop sending to targets that are down. Every trace and
//! query then runs on [`Scenario::network`]. [`impact`] answers "which flows that work today stop working?".

use std::collections::BTreeMap;
use std::net::Ipv4Addr;

use serde::Serialize;

use super::place::{At, Places};
use super::{Answer, Destination, Query, Source, exposure, trace_in};
use crate::doc::{Design, EcsTask, Id, LaunchType, NetworkMode, ResourceKind};
use crate::model::{Network, Outage};
use crate::net::Protocol;
use crate::text::Text;

/// Resource kinds that can be marked as failed.
const FAILABLE: [ResourceKind; 6] = [
    ResourceKind::Instance,
    ResourceKind::NatGateway,
    ResourceKind::VpnConnection,
    ResourceKind::VirtualInterface,
    ResourceKind::EcsTask,
    ResourceKind::NetworkInterface,
];

/// Why a failure name could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FailureError {
    /// `az:` with no zone name after it.
    NoZoneName,
    /// A resource of a kind that cannot be marked as failed (a VPC, a subnet, …).
    CannotFail { name: String, kind: ResourceKind },
    /// Neither an availability zone of the design (`zones`, sorted) nor a resource id in it.
    Unknown { name: String, zones: Vec<String> },
}

impl FailureError {
    /// The reason in English and Korean.
    pub fn text(&self) -> Text {
        match self {
            FailureError::NoZoneName => Text::new(
                "`az:` needs a zone name, as in az:us-east-1a",
                "`az:` 뒤에 영역 이름이 필요합니다(예: az:us-east-1a)",
            ),
            FailureError::CannotFail { name, kind } => Text::new(
                format!(
                    "{name} is a {}: only availability zones, instances, NAT gateways, VPN connections, Direct Connect virtual interfaces, ECS tasks and network interfaces can fail",
                    kind.label()
                ),
                format!(
                    "{name}은(는) {}입니다. 장애로 지정할 수 있는 것은 가용 영역, 인스턴스, NAT 게이트웨이, VPN 연결, Direct Connect 가상 인터페이스, ECS 태스크, 네트워크 인터페이스입니다",
                    kind.label()
                ),
            ),
            FailureError::Unknown { name, zones } => {
                let known = if zones.is_empty() { "none".to_owned() } else { zones.join(", ") };
                Text::new(
                    format!("{name} is neither an availability zone of the design ({known}) nor a resource id in it"),
                    format!("{name}은(는) 설계의 가용 영역({known})도, 설계에 있는 리소스 id도 아닙니다"),
                )
            }
        }
    }
}

impl std::fmt::Display for FailureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().en)
    }
}

impl std::error::Error for FailureError {}

/// Reads failure names: an availability zone of the design (or `az:NAME` for any zone), or the id of an instance,
/// NAT gateway, VPN connection, Direct Connect virtual interface, ECS task or network interface.
pub fn parse_failures<S: AsRef<str>>(design: &Design, names: &[S]) -> Result<Outage, FailureError> {
    let net = Network::new(design);
    let mut zones: Vec<&str> = design.subnets.iter().map(|s| s.availability_zone.as_str()).collect();
    zones.sort_unstable();
    zones.dedup();
    let mut outage = Outage::none();
    for name in names {
        let name = name.as_ref().trim();
        if let Some(zone) = name.strip_prefix("az:") {
            if zone.is_empty() {
                return Err(FailureError::NoZoneName);
            }
            outage.fail_zone(zone);
            continue;
        }
        if zones.contains(&name) {
            outage.fail_zone(name);
            continue;
        }
        match net.kind_of(name) {
            Some(kind) if FAILABLE.contains(&kind) => outage.fail(Id::generated(name)),
            Some(kind) => return Err(FailureError::CannotFail { name: name.to_owned(), kind }),
            None => {
                let zones = zones.iter().map(|z| (*z).to_owned()).collect();
                return Err(FailureError::Unknown { name: name.to_owned(), zones });
            }
        }
    }
    Ok(outage)
}

/// A task ECS started in place of one that went down.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Replacement {
    pub service: Id,
    /// The task that went down.
    pub task: Id,
    /// The task started instead.
    pub replacement: Id,
    pub zone: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subnet: Option<Id>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container_instance: Option<Id>,
}

/// Tasks a service could not start again.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unplaced {
    pub service: Id,
    pub missing: u32,
    pub reason: Text,
}

/// A design under a failure.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub outage: Outage,
    /// The design with ECS's replacement tasks added (the tasks that went down stay, and are down).
    pub design: Design,
    pub replacements: Vec<Replacement>,
    pub unplaced: Vec<Unplaced>,
}

impl Scenario {
    /// The network as it runs in the scenario.
    pub fn network(&self) -> Network<'_> {
        Network::under(&self.design, self.outage.clone())
    }

    /// The task that stands for `id` after the failure: its replacement when it was re-placed, else itself.
    pub fn stand_in<'a>(&'a self, id: &'a Id) -> &'a Id {
        self.replacements.iter().find(|r| &r.task == id).map(|r| &r.replacement).unwrap_or(id)
    }
}

/// Where a new task can go.
#[derive(Debug, Clone)]
struct Slot {
    zone: String,
    subnet: Option<Id>,
    host: Option<Id>,
}

/// The design under `outage`, with ECS services' lost tasks started again where they can be.
pub fn scenario(design: &Design, outage: Outage) -> Scenario {
    let mut out = Scenario { outage, design: design.clone(), replacements: Vec::new(), unplaced: Vec::new() };
    if out.outage.is_empty() {
        return out;
    }
    let net = Network::under(design, out.outage.clone());
    let places = Places::new(&net);
    let task_down = |t: &EcsTask| {
        out.outage.failed(&t.id)
            || match places.by_id(t.id.as_str()) {
                Some(At::Iface(i)) => places.iface(i).is_some_and(|f| f.down.is_some()),
                _ => false,
            }
    };
    let instance_up = |id: &Id| match places.by_id(id.as_str()) {
        Some(At::Iface(i)) => places.iface(i).is_some_and(|f| f.down.is_none()),
        _ => false,
    };
    let zone_of_subnet = |id: &Id| net.subnet(id).map(|s| s.availability_zone.clone());
    let mut used_ips: Vec<(Id, Ipv4Addr)> = Vec::new();
    let mut stand_ins = 0u32;
    let mut new_tasks: Vec<EcsTask> = Vec::new();
    for service in &design.ecs_services {
        let tasks: Vec<&EcsTask> =
            design.ecs_tasks.iter().filter(|t| t.service.as_ref() == Some(&service.id)).collect();
        let (down, live): (Vec<&EcsTask>, Vec<&EcsTask>) = tasks.iter().partition(|t| task_down(t));
        if down.is_empty() {
            continue;
        }
        let live_count = u32::try_from(live.len()).unwrap_or(u32::MAX);
        let need = u32::try_from(down.len()).unwrap_or(u32::MAX).min(service.desired_count.saturating_sub(live_count));
        let mode =
            net.task_definition(&service.task_definition).map(|td| td.network_mode).unwrap_or(NetworkMode::Awsvpc);
        let hosts: Vec<&Id> = design
            .instances
            .iter()
            .filter(|i| i.ecs_cluster.as_ref() == Some(&service.cluster) && instance_up(&i.id))
            .map(|i| &i.id)
            .collect();
        let host_zone = |h: &Id| net.instance(h).and_then(|i| zone_of_subnet(&i.subnet));
        let slots: Vec<Slot> = if mode == NetworkMode::Awsvpc {
            let mut subnets: Vec<&Id> = service.subnets.iter().collect();
            if subnets.is_empty() {
                subnets = tasks.iter().filter_map(|t| t.subnet.as_ref()).collect();
                subnets.dedup();
            }
            subnets
                .into_iter()
                .filter_map(|s| {
                    let zone = zone_of_subnet(s)?;
                    if out.outage.zone_down(&zone) {
                        return None;
                    }
                    let host = if service.launch_type == LaunchType::Ec2 {
                        Some(hosts.iter().find(|h| host_zone(h).as_deref() == Some(zone.as_str()))?.to_owned().clone())
                    } else {
                        None
                    };
                    Some(Slot { zone, subnet: Some(s.clone()), host })
                })
                .collect()
        } else {
            hosts
                .iter()
                .filter_map(|h| Some(Slot { zone: host_zone(h)?, subnet: None, host: Some((*h).clone()) }))
                .collect()
        };
        // Spread across zones (the scheduler's default for services), then across slots.
        let mut per_zone: BTreeMap<String, usize> = BTreeMap::new();
        let mut per_slot = vec![0usize; slots.len()];
        for t in &live {
            if let Some(z) = net.task_subnet(t).and_then(zone_of_subnet) {
                *per_zone.entry(z).or_default() += 1;
            }
        }
        let mut placed = 0u32;
        for old in down.iter().take(usize::try_from(need).unwrap_or(usize::MAX)) {
            let best =
                (0..slots.len()).min_by_key(|&i| (per_zone.get(&slots[i].zone).copied().unwrap_or(0), per_slot[i]));
            let Some(i) = best else { break };
            let slot = &slots[i];
            *per_zone.entry(slot.zone.clone()).or_default() += 1;
            per_slot[i] += 1;
            let id = unique_id(design, &new_tasks, &format!("{}-replacement", old.id));
            let private_ip = slot.subnet.as_ref().and_then(|s| {
                let subnet = net.subnet(s)?;
                let ip = free_address(&places, subnet, &used_ips)?;
                used_ips.push((subnet.vpc.clone(), ip));
                Some(ip)
            });
            let public_ip =
                (mode == NetworkMode::Awsvpc && service.launch_type == LaunchType::Fargate && service.assign_public_ip)
                    .then(|| {
                        // Stand-ins from the top of 198.18.0.0/15, where the address index's own stand-ins (counted
                        // from the bottom) do not reach.
                        stand_ins += 1;
                        Ipv4Addr::from(0xC613_FFFFu32 - stand_ins)
                    });
            new_tasks.push(EcsTask {
                id: id.clone(),
                name: format!("{} (re-placed)", if old.name.is_empty() { old.id.as_str() } else { old.name.as_str() }),
                cluster: old.cluster.clone(),
                task_definition: old.task_definition.clone(),
                service: Some(service.id.clone()),
                launch_type: old.launch_type,
                container_instance: slot.host.clone(),
                subnet: slot.subnet.clone(),
                private_ip,
                public_ip,
                security_groups: old.security_groups.clone(),
                tags: old.tags.clone(),
            });
            out.replacements.push(Replacement {
                service: service.id.clone(),
                task: old.id.clone(),
                replacement: id,
                zone: slot.zone.clone(),
                subnet: slot.subnet.clone(),
                container_instance: slot.host.clone(),
            });
            placed += 1;
        }
        if placed < need {
            let missing = need - placed;
            let reason = if mode == NetworkMode::Awsvpc {
                Text::new(
                    format!(
                        "service {} has no subnet in a surviving availability zone{} to start {missing} task(s) in; give it subnets in more than one zone",
                        service.id,
                        if service.launch_type == LaunchType::Ec2 { " with a running container instance" } else { "" }
                    ),
                    format!(
                        "서비스 {}에 살아남은 가용 영역의 서브넷{}이 없어 태스크 {missing}개를 시작할 수 없습니다. 여러 영역의 서브넷을 지정하세요",
                        service.id,
                        if service.launch_type == LaunchType::Ec2 {
                            "(실행 중인 컨테이너 인스턴스 포함)"
                        } else {
                            ""
                        }
                    ),
                )
            } else {
                Text::new(
                    format!(
                        "cluster {} has no running container instance to start {missing} task(s) of service {} on; run container instances in more than one zone",
                        service.cluster, service.id
                    ),
                    format!(
                        "클러스터 {}에 서비스 {}의 태스크 {missing}개를 실행할 컨테이너 인스턴스가 없습니다. 여러 영역에 컨테이너 인스턴스를 두세요",
                        service.cluster, service.id
                    ),
                )
            };
            out.unplaced.push(Unplaced { service: service.id.clone(), missing, reason });
        }
    }
    out.design.ecs_tasks.extend(new_tasks);
    out
}

fn unique_id(design: &Design, extra: &[EcsTask], base: &str) -> Id {
    let net = Network::new(design);
    let taken = |id: &str| net.kind_of(id).is_some() || extra.iter().any(|t| t.id.as_str() == id);
    let mut id = base.to_owned();
    let mut n = 2;
    while taken(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    Id::generated(&id)
}

/// The first address of `subnet` after the four AWS reserves that nothing owns.
fn free_address(places: &Places<'_>, subnet: &crate::doc::Subnet, taken: &[(Id, Ipv4Addr)]) -> Option<Ipv4Addr> {
    let first = u32::from(subnet.cidr.network()).saturating_add(4);
    let last = u32::from(subnet.cidr.broadcast()).saturating_sub(1);
    (first..=last).map(Ipv4Addr::from).find(|ip| {
        places.private(&subnet.vpc, *ip).is_none() && !taken.iter().any(|(v, t)| v == &subnet.vpc && t == ip)
    })
}

/// A flow of the impact report, by the names a person uses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flow {
    /// A resource id, or `internet`.
    pub from: String,
    /// A resource id, `internet`, `s3 (ADDRESS)` or `on-premises (ADDRESS)`.
    pub to: String,
    pub protocol: String,
    pub port: u16,
    #[serde(skip)]
    query: Query,
}

/// A flow that worked before the failure and does not under it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Broken {
    pub flow: Flow,
    /// Whether it broke because its source or destination is itself down (and was not re-placed): expected.
    /// `false` is the finding that matters: both ends run, and the path between them broke.
    pub endpoint_down: bool,
    /// The flow traced under the failure, saying where it stops.
    pub answer: Answer,
}

/// What a failure does.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Impact {
    /// The failure in words.
    pub failure: Text,
    /// Interfaces, tasks, NAT gateways and load balancer nodes that are down.
    pub down: Vec<String>,
    pub replacements: Vec<Replacement>,
    pub unplaced: Vec<Unplaced>,
    /// How many flows that worked were traced again.
    pub flows_checked: usize,
    /// The flows that broke: first those whose ends both run, then those lost with an end.
    pub broken: Vec<Broken>,
}

/// The flows of a design that work, to check again under a failure: everything the internet reaches (each exposed
/// interface or load balancer on the first port of each open range), the outbound reach of every workload (HTTPS to
/// the internet, Amazon S3 and on-premises), and TCP on `ports` between the first workloads of every pair of subnets.
fn working_flows(net: &Network<'_>, places: &Places<'_>, ports: &[u16]) -> Vec<Flow> {
    let mut flows = Vec::new();
    let reachable = |q: &Query| trace_in(net, places, q).reachable;
    let mut push = |from: String, to: String, q: Query| {
        if reachable(&q) {
            flows.push(Flow { from, to, protocol: q.protocol.to_string(), port: q.dst_port, query: q });
        }
    };
    let mut seen: Vec<(Id, Protocol, u16)> = Vec::new();
    for e in exposure(net, places, None) {
        let open = e
            .tcp
            .iter()
            .map(|r| (Protocol::TCP, r.from))
            .chain(e.udp.iter().map(|r| (Protocol::UDP, r.from)))
            .chain(e.icmp.then_some((Protocol::ICMP, 0)));
        for (protocol, port) in open {
            if seen.contains(&(e.id.clone(), protocol, port)) {
                continue;
            }
            seen.push((e.id.clone(), protocol, port));
            let q = Query::new(Source::Internet { ip: None }, Destination::Resource(e.id.clone()), protocol, port);
            push("internet".into(), e.id.to_string(), q);
        }
    }
    let d = net.design;
    let s3 = super::service_address(d, "s3");
    let onprem = super::on_premises_host(d, None);
    for f in &places.ifaces {
        let from = Source::Resource(f.node.clone());
        push(
            f.node.to_string(),
            "internet".into(),
            Query::new(from.clone(), Destination::Internet, Protocol::TCP, 443),
        );
        if let Some(ip) = s3 {
            push(
                f.node.to_string(),
                format!("s3 ({ip})"),
                Query::new(from.clone(), Destination::Ip(ip), Protocol::TCP, 443),
            );
        }
        if let Some(ip) = onprem {
            push(
                f.node.to_string(),
                format!("on-premises ({ip})"),
                Query::new(from, Destination::Ip(ip), Protocol::TCP, 443),
            );
        }
    }
    if !ports.is_empty() {
        let reps: Vec<&Id> = d
            .subnets
            .iter()
            .filter_map(|s| places.ifaces.iter().find(|f| f.subnet.id == s.id).map(|f| f.node))
            .collect();
        for a in &reps {
            for b in &reps {
                if a == b {
                    continue;
                }
                for &port in ports {
                    let q = Query::new(
                        Source::Resource((*a).clone()),
                        Destination::Resource((*b).clone()),
                        Protocol::TCP,
                        port,
                    );
                    push(a.to_string(), b.to_string(), q);
                }
            }
        }
    }
    flows
}

/// Which flows that work today stop working under `outage`. `ports`: the TCP ports checked between subnets.
pub fn impact(design: &Design, outage: Outage, ports: &[u16]) -> Impact {
    let net = Network::new(design);
    let places = Places::new(&net);
    let flows = working_flows(&net, &places, ports);
    let failure = Text::new(outage.describe(), outage.describe_ko());
    let s = scenario(design, outage);
    let after_net = s.network();
    let after = Places::new(&after_net);
    let endpoint_down = |id: &Id| match after.by_id(id.as_str()) {
        Some(At::Iface(i)) => after.iface(i).is_some_and(|f| f.down.is_some()),
        Some(At::Lb(k)) => after.lb_nodes_from(k).all(|(_, n)| n.down.is_some()),
        Some(At::Nat(n)) => after.nat(n).is_some_and(|x| x.down.is_some()),
        None => false,
    };
    let mut broken = Vec::new();
    for flow in &flows {
        let mut q = flow.query.clone();
        let mut ends_down = false;
        if let Source::Resource(id) = &q.source {
            let id = s.stand_in(id).clone();
            ends_down |= endpoint_down(&id);
            q.source = Source::Resource(id);
        }
        if let Destination::Resource(id) = &q.destination {
            let id = s.stand_in(id).clone();
            ends_down |= endpoint_down(&id);
            q.destination = Destination::Resource(id);
        }
        let answer = trace_in(&after_net, &after, &q);
        if !answer.reachable {
            broken.push(Broken { flow: flow.clone(), endpoint_down: ends_down, answer });
        }
    }
    broken.sort_by_key(|b| b.endpoint_down);
    let mut down: Vec<String> = after
        .ifaces
        .iter()
        .filter(|f| f.down.is_some())
        .map(|f| f.node.to_string())
        .chain(after.nats.iter().filter(|n| n.down.is_some()).map(|n| n.nat.id.to_string()))
        .chain(after.lb_nodes.iter().filter(|n| n.down.is_some()).map(|n| n.label()))
        .collect();
    down.extend(s.outage.resources().filter(|id| after.by_id(id.as_str()).is_none()).map(|id| id.to_string()));
    Impact { failure, down, replacements: s.replacements, unplaced: s.unplaced, flows_checked: flows.len(), broken }
}

#[cfg(test)]
#[path = "failure_tests.rs"]
mod tests;
