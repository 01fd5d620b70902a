//! New resources with AWS's defaults, as the console would create them: a fresh id, a free CIDR block, and the
//! companions AWS creates along (a VPC comes with its main route table, default network ACL and default security
//! group; a public NAT gateway with its Elastic IP).

use std::net::Ipv4Addr;

use super::Resource;
use super::contain::{Container, DropError, check};
use crate::doc::*;
use crate::model::{Network, next_free_block};
use crate::net::{IpCidr, Ipv4Cidr, Protocol};
use crate::text::Text;

/// Why [`create`] makes nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreateError {
    /// The kind may not go into that container.
    Drop(DropError),
    /// Every Region vpcanvas offers for a new Region box is in the design already.
    EveryRegionUsed,
    /// No private /16 (nor /20 of 192.168.0.0/16) is free for a new VPC.
    NoPrivateBlock,
    /// The VPC has no free /24, /26 or /28 for a new subnet.
    NoSubnetBlock { vpc: Id },
    /// Something a new resource of this kind cannot be made without (its Region, VPC or subnet) is missing.
    Missing(ResourceKind),
    /// A transit gateway route table, in a Region with no transit gateway.
    NoTransitGateway,
    /// A refusal the containment check has already given (kept so that no path panics).
    NotHere,
}

impl CreateError {
    /// The reason in English and Korean.
    pub fn text(&self) -> Text {
        match self {
            CreateError::Drop(e) => e.text(),
            CreateError::EveryRegionUsed => Text::new(
                "Every Region vpcanvas offers is already in the design.",
                "vpcanvas가 제공하는 리전이 모두 설계에 있습니다.",
            ),
            CreateError::NoPrivateBlock => {
                Text::new("No private /16 is left for a new VPC.", "새 VPC에 쓸 사설 /16 대역이 남아 있지 않습니다.")
            }
            CreateError::NoSubnetBlock { vpc } => Text::new(
                format!("VPC {vpc} has no free block left for a subnet: add a secondary CIDR block to it."),
                format!("VPC {vpc}에 서브넷에 쓸 빈 대역이 없습니다. 보조 CIDR 블록을 추가하세요."),
            ),
            CreateError::Missing(kind) => Text::new(
                format!("Could not make a new {}.", kind.label()),
                format!("새 {}를 만들 수 없습니다.", kind.label()),
            ),
            CreateError::NoTransitGateway => Text::new(
                "A transit gateway route table belongs to a transit gateway: add one to this Region first.",
                "트랜짓 게이트웨이 라우팅 테이블은 트랜짓 게이트웨이에 속합니다. 먼저 이 리전에 트랜짓 게이트웨이를 추가하세요.",
            ),
            CreateError::NotHere => Text::new("That cannot go there.", "거기에 둘 수 없습니다."),
        }
    }
}

impl From<DropError> for CreateError {
    fn from(e: DropError) -> CreateError {
        CreateError::Drop(e)
    }
}

/// Why [`connect`] makes nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConnectError {
    /// The two resources are not a pair this kind of connection joins.
    WrongPair(ResourceKind),
    /// A peering between VPCs whose primary blocks overlap, which AWS refuses.
    Overlap { a: Id, a_block: Ipv4Cidr, b: Id, b_block: Ipv4Cidr },
    /// A transit gateway attachment to a VPC with no subnet for its interfaces.
    NoSubnet { vpc: Id },
    /// The kind is not a connection.
    NotAConnection(ResourceKind),
}

impl ConnectError {
    /// The reason in English and Korean.
    pub fn text(&self) -> Text {
        match self {
            ConnectError::WrongPair(kind) => match pair_words(*kind) {
                Some((what_en, what_ko)) => Text::new(
                    format!("A {} connects {what_en}: select those two, then add it.", kind.label()),
                    format!("{}은(는) {what_ko}을(를) 잇습니다. 그 둘을 선택한 다음 추가하세요.", kind.label_ko()),
                ),
                None => ConnectError::NotAConnection(*kind).text(),
            },
            ConnectError::Overlap { a, a_block, b, b_block } => Text::new(
                format!(
                    "AWS does not peer VPCs whose CIDR blocks overlap: {a} ({a_block}) and {b} ({b_block}). Give one of them another block first."
                ),
                format!(
                    "AWS는 CIDR 블록이 겹치는 VPC를 피어링하지 않습니다: {a}({a_block}), {b}({b_block}). 먼저 한쪽 블록을 바꾸세요."
                ),
            ),
            ConnectError::NoSubnet { vpc } => Text::new(
                format!(
                    "VPC {vpc} has no subnet for the attachment's interfaces: add one per Availability Zone first."
                ),
                format!("VPC {vpc}에 연결 인터페이스를 둘 서브넷이 없습니다. 먼저 가용 영역마다 서브넷을 추가하세요."),
            ),
            ConnectError::NotAConnection(kind) => Text::new(
                format!("A {} is not a connection.", kind.label()),
                format!("{}은(는) 연결이 아닙니다.", kind.label_ko()),
            ),
        }
    }
}

bilingual_error!(CreateError, ConnectError);

/// What a connection of `kind` joins, in English and Korean; `None` for a kind that is not a connection.
fn pair_words(kind: ResourceKind) -> Option<(&'static str, &'static str)> {
    use ResourceKind as K;
    match kind {
        K::VpcPeering => Some(("two VPCs", "두 VPC")),
        K::VpnConnection => Some((
            "a customer gateway and a virtual private or transit gateway",
            "고객 게이트웨이와 가상 프라이빗 게이트웨이 또는 트랜짓 게이트웨이",
        )),
        K::VirtualInterface => Some((
            "an on-premises network and a virtual private or Direct Connect gateway",
            "온프레미스 네트워크와 가상 프라이빗 게이트웨이 또는 Direct Connect 게이트웨이",
        )),
        K::TgwAttachment => Some(("a transit gateway and a VPC", "트랜짓 게이트웨이와 VPC")),
        _ => None,
    }
}

/// Regions offered for new Region boxes, in order, with their names.
const REGIONS: [(&str, &str); 8] = [
    ("us-east-1", "US East (N. Virginia)"),
    ("ap-northeast-2", "Asia Pacific (Seoul)"),
    ("us-west-2", "US West (Oregon)"),
    ("eu-west-1", "Europe (Ireland)"),
    ("eu-central-1", "Europe (Frankfurt)"),
    ("ap-northeast-1", "Asia Pacific (Tokyo)"),
    ("ap-southeast-1", "Asia Pacific (Singapore)"),
    ("ca-central-1", "Canada (Central)"),
];

/// The first id `prefix-1`, `prefix-2`, … that the design does not use.
pub fn next_id(d: &Design, prefix: &str) -> Id {
    let mut n = 1usize;
    loop {
        let id = format!("{prefix}-{n}");
        if d.find(&id).is_none() {
            return Id::generated(&id);
        }
        n += 1;
    }
}

/// What a new resource of `kind` cannot be made without; the refusal when it is missing.
fn need(value: Option<Id>, kind: ResourceKind) -> Result<Id, CreateError> {
    value.ok_or(CreateError::Missing(kind))
}

fn cidr(text: &str) -> Ipv4Cidr {
    text.parse().unwrap_or_else(|_| Ipv4Cidr::clamped(Ipv4Addr::UNSPECIFIED, 0))
}

/// `0.0.0.0/0`.
fn anywhere() -> IpCidr {
    IpCidr::V4(Ipv4Cidr::clamped(Ipv4Addr::UNSPECIFIED, 0))
}

/// The Region a container is in.
fn region_of(d: &Design, into: &Container) -> Option<Id> {
    match into {
        Container::Canvas => None,
        Container::Region(r) => Some(r.clone()),
        Container::Vpc(v) | Container::Zone { vpc: v, .. } => {
            d.vpcs.iter().find(|x| &x.id == v).map(|x| x.region.clone())
        }
        Container::Subnet(s) => {
            let vpc = &d.subnets.iter().find(|x| &x.id == s)?.vpc;
            d.vpcs.iter().find(|x| &x.id == vpc).map(|x| x.region.clone())
        }
    }
}

fn vpc_of(d: &Design, into: &Container) -> Option<Id> {
    match into {
        Container::Vpc(v) | Container::Zone { vpc: v, .. } => Some(v.clone()),
        Container::Subnet(s) => d.subnets.iter().find(|x| &x.id == s).map(|x| x.vpc.clone()),
        _ => None,
    }
}

/// A new resource of `kind` in `into`, with what AWS creates along with it; the new resource comes first. Refused,
/// with the reason, where AWS would not allow it or something it needs is missing.
pub fn create(d: &Design, kind: ResourceKind, into: &Container) -> Result<Vec<Resource>, CreateError> {
    use ResourceKind as K;
    check(d, kind, into)?;
    let region = region_of(d, into);
    let vpc = vpc_of(d, into);
    let subnet = match into {
        Container::Subnet(s) => Some(s.clone()),
        _ => None,
    };
    let name = |prefix: &str, id: &Id| format!("{prefix} {}", id.as_str().rsplit('-').next().unwrap_or(""));
    let mut out = Vec::new();
    match kind {
        K::Region => {
            let Some((code, title)) =
                REGIONS.iter().find(|(code, _)| !d.regions.iter().any(|r| r.id.as_str() == *code))
            else {
                return Err(CreateError::EveryRegionUsed);
            };
            let availability_zones = ["a", "b", "c"]
                .iter()
                .map(|z| AvailabilityZone { name: format!("{code}{z}"), zone_id: None })
                .collect();
            out.push(Resource::Region(Region {
                id: Id::generated(code),
                name: (*title).to_owned(),
                availability_zones,
            }));
        }
        K::Vpc => {
            let used: Vec<Ipv4Cidr> = d.vpcs.iter().flat_map(Network::vpc_cidrs).map(|c| c.canonical()).collect();
            let block = next_free_block(&[cidr("10.0.0.0/8")], &used, 16)
                .or_else(|| next_free_block(&[cidr("172.16.0.0/12")], &used, 16))
                .or_else(|| next_free_block(&[cidr("192.168.0.0/16")], &used, 20))
                .ok_or(CreateError::NoPrivateBlock)?;
            let id = next_id(d, "vpc");
            // AWS creates a main route table, a default network ACL that allows everything and a default security
            // group (all from itself in, all out) with every VPC.
            let mut after = d.clone();
            let region = need(region, kind)?;
            out.push(Resource::Vpc(Vpc {
                id: id.clone(),
                name: name("VPC", &id),
                region,
                cidr: block,
                secondary_cidrs: vec![],
                ipv6_cidr: None,
                is_default: false,
                dns_support: true,
                dns_hostnames: false,
                flow_logs: false,
                tags: Tags::new(),
            }));
            push_all(&mut after, &out);
            let rtb = next_id(&after, "rtb");
            out.push(Resource::RouteTable(RouteTable { main: true, ..route_table(rtb, "main".into(), id.clone()) }));
            push_all(&mut after, &out[1..]);
            let acl = next_id(&after, "acl");
            let all = |rule_number| NaclRule {
                rule_number,
                action: RuleAction::Allow,
                protocol: Protocol::All,
                ports: None,
                icmp: None,
                cidr: anywhere(),
            };
            out.push(Resource::NetworkAcl(NetworkAcl {
                is_default: true,
                inbound: vec![all(100)],
                outbound: vec![all(100)],
                ..network_acl(acl, "default".into(), id.clone())
            }));
            push_all(&mut after, &out[2..]);
            let sg = next_id(&after, "sg");
            let from_itself = sg_rule(RulePeer::SecurityGroup { group: sg.clone(), account: None });
            out.push(Resource::SecurityGroup(SecurityGroup {
                description: "default VPC security group".into(),
                is_default: true,
                inbound: vec![from_itself],
                ..security_group(sg, "default".into(), id)
            }));
        }
        K::Subnet => {
            let (Some(vpc_id), Container::Zone { zone, .. }) = (&vpc, into) else { unreachable_refusal()? };
            let Some(v) = d.vpcs.iter().find(|x| &x.id == vpc_id) else { unreachable_refusal()? };
            let within: Vec<Ipv4Cidr> = Network::vpc_cidrs(v).map(|c| c.canonical()).collect();
            let used: Vec<Ipv4Cidr> =
                d.subnets.iter().filter(|s| &s.vpc == vpc_id).map(|s| s.cidr.canonical()).collect();
            let block = [24u8, 26, 28]
                .iter()
                .find_map(|len| next_free_block(&within, &used, *len))
                .ok_or_else(|| CreateError::NoSubnetBlock { vpc: vpc_id.clone() })?;
            let id = next_id(d, "subnet");
            out.push(Resource::Subnet(Subnet {
                id: id.clone(),
                name: name("subnet", &id),
                vpc: vpc_id.clone(),
                cidr: block,
                ipv6_cidr: None,
                availability_zone: zone.clone(),
                map_public_ip_on_launch: false,
                route_table: None,
                network_acl: None,
                tags: Tags::new(),
            }));
        }
        K::Instance => {
            let id = next_id(d, "i");
            out.push(Resource::Instance(Instance {
                id: id.clone(),
                name: name("instance", &id),
                instance_type: "t3.micro".into(),
                ami: None,
                block_devices: vec![],
                subnet: need(subnet, kind)?,
                private_ip: None,
                secondary_private_ips: vec![],
                associate_public_ip: None,
                public_ip: None,
                elastic_ip: None,
                security_groups: vec![],
                source_dest_check: true,
                primary_interface_id: None,
                ecs_cluster: None,
                tags: Tags::new(),
            }));
        }
        K::NetworkInterface => {
            let id = next_id(d, "eni");
            out.push(Resource::NetworkInterface(NetworkInterface {
                id,
                name: String::new(),
                description: String::new(),
                subnet: need(subnet, kind)?,
                private_ip: None,
                secondary_private_ips: vec![],
                public_ip: None,
                elastic_ip: None,
                security_groups: vec![],
                source_dest_check: true,
                attachment: None,
                tags: Tags::new(),
            }));
        }
        K::NatGateway => {
            let id = next_id(d, "nat");
            let eip = next_id(d, "eip");
            out.push(Resource::NatGateway(NatGateway {
                id: id.clone(),
                name: name("NAT", &id),
                subnet: need(subnet, kind)?,
                connectivity: NatConnectivity::Public,
                elastic_ip: Some(eip.clone()),
                private_ip: None,
                tags: Tags::new(),
            }));
            out.push(Resource::ElasticIp(elastic_ip(eip, format!("for {id}"), need(region, K::ElasticIp)?)));
        }
        K::EcsTask => {
            let (cluster, task_definition, mut extra) = ecs_basics(d, region.as_ref())?;
            let id = next_id(d, "task");
            out.push(Resource::EcsTask(EcsTask {
                id: id.clone(),
                name: name("task", &id),
                cluster,
                task_definition,
                service: None,
                launch_type: LaunchType::Fargate,
                container_instance: None,
                subnet,
                private_ip: None,
                public_ip: None,
                security_groups: vec![],
                tags: Tags::new(),
            }));
            out.append(&mut extra);
        }
        K::InternetGateway => {
            let id = next_id(d, "igw");
            out.push(Resource::InternetGateway(InternetGateway {
                id: id.clone(),
                name: name("IGW", &id),
                vpc,
                tags: Tags::new(),
            }));
        }
        K::VpnGateway => {
            let id = next_id(d, "vgw");
            out.push(Resource::VpnGateway(VpnGateway {
                id: id.clone(),
                name: name("VGW", &id),
                region: need(region, kind)?,
                vpc,
                amazon_side_asn: None,
                tags: Tags::new(),
            }));
        }
        K::RouteTable => {
            let id = next_id(d, "rtb");
            out.push(Resource::RouteTable(route_table(id.clone(), name("route table", &id), need(vpc, kind)?)));
        }
        K::NetworkAcl => {
            // A new custom network ACL denies everything until rules are added, as in AWS.
            let id = next_id(d, "acl");
            out.push(Resource::NetworkAcl(network_acl(id.clone(), name("network ACL", &id), need(vpc, kind)?)));
        }
        K::SecurityGroup => {
            // A new security group allows nothing in and everything out, as in AWS.
            let id = next_id(d, "sg");
            let group = security_group(id.clone(), name("security group", &id), need(vpc, kind)?);
            out.push(Resource::SecurityGroup(group));
        }
        K::LoadBalancer => {
            let id = next_id(d, "alb");
            out.push(Resource::LoadBalancer(LoadBalancer {
                id: id.clone(),
                name: name("ALB", &id),
                kind: LoadBalancerKind::Application,
                scheme: LoadBalancerScheme::InternetFacing,
                vpc: need(vpc, kind)?,
                subnets: vec![],
                security_groups: vec![],
                listeners: vec![Listener {
                    port: 80,
                    protocol: ListenerProtocol::Http,
                    target_groups: vec![],
                    certificates: vec![],
                }],
                cross_zone: None,
                node_addresses: vec![],
                tags: Tags::new(),
            }));
        }
        K::TargetGroup => {
            let id = next_id(d, "tg");
            out.push(Resource::TargetGroup(TargetGroup {
                id: id.clone(),
                name: name("target group", &id),
                vpc: need(vpc, kind)?,
                target_type: TargetType::Instance,
                protocol: ListenerProtocol::Http,
                port: 80,
                health_check_port: None,
                preserve_client_ip: None,
                targets: vec![],
                tags: Tags::new(),
            }));
        }
        K::VpcEndpoint => {
            let id = next_id(d, "vpce");
            let service = format!("com.amazonaws.{}.s3", region.as_ref().map(Id::as_str).unwrap_or("us-east-1"));
            out.push(Resource::VpcEndpoint(VpcEndpoint {
                id: id.clone(),
                name: name("S3 endpoint", &id),
                vpc: need(vpc, kind)?,
                service_name: service,
                endpoint: EndpointKind::Gateway { route_tables: vec![], prefix_list: None },
                tags: Tags::new(),
            }));
        }
        K::ElasticIp => {
            let id = next_id(d, "eip");
            out.push(Resource::ElasticIp(elastic_ip(id.clone(), name("Elastic IP", &id), need(region, kind)?)));
        }
        K::PrefixList => {
            let id = next_id(d, "pl");
            out.push(Resource::PrefixList(PrefixList {
                id: id.clone(),
                name: name("prefix list", &id),
                region: need(region, kind)?,
                entries: vec![],
                tags: Tags::new(),
            }));
        }
        K::EcsCluster => {
            let id = next_id(d, "cluster");
            out.push(Resource::EcsCluster(ecs_cluster(id.clone(), name("cluster", &id), need(region, kind)?)));
        }
        K::TaskDefinition => {
            let id = next_id(d, "td");
            out.push(task_definition(id));
        }
        K::EcsService => {
            let (cluster, task_definition, mut extra) = ecs_basics(d, region.as_ref())?;
            let id = next_id(d, "svc");
            out.push(Resource::EcsService(EcsService {
                id: id.clone(),
                name: name("service", &id),
                cluster,
                task_definition,
                desired_count: 2,
                launch_type: LaunchType::Fargate,
                subnets: vec![],
                security_groups: vec![],
                assign_public_ip: false,
                load_balancers: vec![],
                tags: Tags::new(),
            }));
            out.append(&mut extra);
        }
        K::TransitGateway => {
            let id = next_id(d, "tgw");
            out.push(Resource::TransitGateway(TransitGateway {
                id: id.clone(),
                name: name("TGW", &id),
                region: need(region, kind)?,
                amazon_side_asn: None,
                default_association_route_table: None,
                default_propagation_route_table: None,
                security_group_referencing: false,
                tags: Tags::new(),
            }));
        }
        K::TgwRouteTable => {
            let Some(tgw) = d.transit_gateways.iter().find(|t| Some(&t.region) == region.as_ref()) else {
                return Err(CreateError::NoTransitGateway);
            };
            let id = next_id(d, "tgw-rtb");
            out.push(Resource::TgwRouteTable(TgwRouteTable {
                id: id.clone(),
                name: name("TGW route table", &id),
                transit_gateway: tgw.id.clone(),
                routes: vec![],
                tags: Tags::new(),
            }));
        }
        K::CustomerGateway => {
            let id = next_id(d, "cgw");
            out.push(Resource::CustomerGateway(CustomerGateway {
                id: id.clone(),
                name: name("customer gateway", &id),
                region: need(region, kind)?,
                ip_address: Ipv4Addr::new(203, 0, 113, 10),
                bgp_asn: 65000,
                on_premises: None,
                tags: Tags::new(),
            }));
        }
        K::DxGateway => {
            let id = next_id(d, "dxgw");
            out.push(Resource::DxGateway(DxGateway {
                id: id.clone(),
                name: name("DX gateway", &id),
                amazon_side_asn: 64512,
                associations: vec![],
                tags: Tags::new(),
            }));
        }
        K::OnPremNetwork => {
            let used: Vec<Ipv4Cidr> = d
                .on_premises
                .iter()
                .flat_map(|o| o.cidrs.iter().map(|c| c.canonical()))
                .chain(d.vpcs.iter().map(|v| v.cidr.canonical()))
                .collect();
            let block = next_free_block(&[cidr("192.168.0.0/16")], &used, 20)
                .or_else(|| next_free_block(&[cidr("172.16.0.0/12")], &used, 16))
                .unwrap_or_else(|| cidr("192.168.0.0/16"));
            let id = next_id(d, "onprem");
            out.push(Resource::OnPremNetwork(OnPremNetwork {
                id: id.clone(),
                name: name("data centre", &id),
                cidrs: vec![block],
                tags: Tags::new(),
            }));
        }
        K::VpcPeering | K::VpnConnection | K::VirtualInterface | K::TgwAttachment => unreachable_refusal()?,
    }
    Ok(out)
}

/// For refusals the containment check has already given; kept so that no path panics.
fn unreachable_refusal<T>() -> Result<T, CreateError> {
    Err(CreateError::NotHere)
}

fn push_all(d: &mut Design, resources: &[Resource]) {
    for r in resources {
        let at = d.count(r.kind());
        d.insert_resource(at, r.clone());
    }
}

/// A route table with no routes.
fn route_table(id: Id, name: String, vpc: Id) -> RouteTable {
    RouteTable {
        id,
        name,
        vpc,
        main: false,
        routes: vec![],
        propagating_vpn_gateways: vec![],
        gateway_associations: vec![],
        tags: Tags::new(),
    }
}

/// A network ACL with no rules.
fn network_acl(id: Id, name: String, vpc: Id) -> NetworkAcl {
    NetworkAcl { id, name, vpc, is_default: false, inbound: vec![], outbound: vec![], tags: Tags::new() }
}

/// A rule for all traffic with one peer.
fn sg_rule(peer: RulePeer) -> SgRule {
    SgRule { protocol: Protocol::All, ports: None, icmp: None, peer, description: String::new() }
}

/// A security group that allows nothing in and everything out.
fn security_group(id: Id, name: String, vpc: Id) -> SecurityGroup {
    SecurityGroup {
        id,
        name,
        description: String::new(),
        vpc,
        is_default: false,
        inbound: vec![],
        outbound: vec![sg_rule(RulePeer::Cidr(anywhere()))],
        tags: Tags::new(),
    }
}

fn elastic_ip(id: Id, name: String, region: Id) -> ElasticIp {
    ElasticIp { id, name, region, public_ip: None, tags: Tags::new() }
}

fn ecs_cluster(id: Id, name: String, region: Id) -> EcsCluster {
    EcsCluster { id, name, region, tags: Tags::new() }
}

fn task_definition(id: Id) -> Resource {
    Resource::TaskDefinition(TaskDefinition {
        id,
        family: "app".into(),
        revision: Some(1),
        network_mode: NetworkMode::Awsvpc,
        compatibilities: vec![LaunchType::Fargate],
        cpu: Some(256),
        memory_mib: Some(512),
        containers: vec![ContainerDefinition {
            name: "app".into(),
            image: "public.ecr.aws/nginx/nginx:latest".into(),
            cpu: None,
            memory_mib: None,
            essential: true,
            port_mappings: vec![PortMapping { container_port: 80, host_port: None, protocol: TransportProtocol::Tcp }],
        }],
    })
}

/// The cluster and task definition a new task or service uses: the first of the Region's, or new ones.
fn ecs_basics(d: &Design, region: Option<&Id>) -> Result<(Id, Id, Vec<Resource>), CreateError> {
    let mut extra = Vec::new();
    let cluster = match d.ecs_clusters.iter().find(|c| Some(&c.region) == region) {
        Some(c) => c.id.clone(),
        None => {
            let id = next_id(d, "cluster");
            let region = need(region.cloned(), ResourceKind::EcsCluster)?;
            extra.push(Resource::EcsCluster(ecs_cluster(id.clone(), "cluster".into(), region)));
            id
        }
    };
    let def = match d.task_definitions.iter().find(|t| t.network_mode == NetworkMode::Awsvpc) {
        Some(t) => t.id.clone(),
        None => {
            let id = next_id(d, "td");
            extra.push(task_definition(id.clone()));
            id
        }
    };
    Ok((cluster, def, extra))
}

/// A connector between two resources, with what AWS creates along with it (a VPN on a transit gateway gets its
/// attachment). `a` and `b` may come in either order. Refused, with the reason, for a pair AWS would not connect.
pub fn connect(d: &Design, kind: ResourceKind, a: &Id, b: &Id) -> Result<Vec<Resource>, ConnectError> {
    use ResourceKind as K;
    let kind_of = |id: &Id| d.find(id.as_str()).map(|r| r.kind);
    let (ka, kb) = (kind_of(a), kind_of(b));
    let pair = |x: K, y: K| -> Option<(&Id, &Id)> {
        if ka == Some(x) && kb == Some(y) {
            Some((a, b))
        } else if ka == Some(y) && kb == Some(x) {
            Some((b, a))
        } else {
            None
        }
    };
    let mut out = Vec::new();
    match kind {
        K::VpcPeering => {
            let Some((x, y)) = pair(K::Vpc, K::Vpc).filter(|(x, y)| x != y) else {
                return Err(ConnectError::WrongPair(kind));
            };
            let block = |v: &Id| d.vpcs.iter().find(|z| &z.id == v).map(|z| z.cidr.canonical());
            if let (Some(bx), Some(by)) = (block(x), block(y))
                && bx.overlaps(&by)
            {
                return Err(ConnectError::Overlap { a: x.clone(), a_block: bx, b: y.clone(), b_block: by });
            }
            let id = next_id(d, "pcx");
            out.push(Resource::VpcPeering(VpcPeering {
                id,
                name: format!("{x} to {y}"),
                requester_vpc: x.clone(),
                accepter_vpc: y.clone(),
                accepter_account: None,
                status: PeeringStatus::Active,
                tags: Tags::new(),
            }));
        }
        K::VpnConnection => {
            let (cgw, gateway) =
                match (pair(K::CustomerGateway, K::VpnGateway), pair(K::CustomerGateway, K::TransitGateway)) {
                    (Some((c, g)), _) => (c, VpnTermination::VpnGateway(g.clone())),
                    (None, Some((c, t))) => (c, VpnTermination::TransitGateway(t.clone())),
                    _ => return Err(ConnectError::WrongPair(kind)),
                };
            let id = next_id(d, "vpn");
            out.push(Resource::VpnConnection(VpnConnection {
                id: id.clone(),
                name: format!("VPN {}", id.as_str().rsplit('-').next().unwrap_or("")),
                customer_gateway: cgw.clone(),
                gateway,
                static_routes_only: false,
                static_routes: vec![],
                tunnel_outside_ips: vec![],
                tags: Tags::new(),
            }));
            if let Some((_, tgw)) = pair(K::CustomerGateway, K::TransitGateway) {
                out.push(tgw_attachment(d, &out, tgw, TgwAttachmentResource::Vpn { vpn_connection: id }));
            }
        }
        K::VirtualInterface => {
            let (onprem, attachment) =
                match (pair(K::OnPremNetwork, K::VpnGateway), pair(K::OnPremNetwork, K::DxGateway)) {
                    (Some((o, g)), _) => (o, VifAttachment::VpnGateway(g.clone())),
                    (None, Some((o, g))) => (o, VifAttachment::DxGateway(g.clone())),
                    _ => return Err(ConnectError::WrongPair(kind)),
                };
            let id = next_id(d, "dxvif");
            out.push(Resource::VirtualInterface(VirtualInterface {
                id: id.clone(),
                name: format!("VIF {}", id.as_str().rsplit('-').next().unwrap_or("")),
                kind: VirtualInterfaceKind::Private,
                location: String::new(),
                vlan: Some(100),
                customer_asn: 65000,
                attachment: Some(attachment),
                on_premises: Some(onprem.clone()),
                advertised_prefixes: vec![],
                tags: Tags::new(),
            }));
        }
        K::TgwAttachment => {
            let Some((tgw, vpc)) = pair(K::TransitGateway, K::Vpc) else {
                return Err(ConnectError::WrongPair(kind));
            };
            // One subnet per Availability Zone of the VPC, the first of each (T5).
            let mut zones: Vec<&str> = Vec::new();
            let mut subnets: Vec<Id> = Vec::new();
            for s in d.subnets.iter().filter(|s| &s.vpc == vpc) {
                if !zones.contains(&s.availability_zone.as_str()) {
                    zones.push(&s.availability_zone);
                    subnets.push(s.id.clone());
                }
            }
            if subnets.is_empty() {
                return Err(ConnectError::NoSubnet { vpc: vpc.clone() });
            }
            let resource = TgwAttachmentResource::Vpc {
                vpc: vpc.clone(),
                subnets,
                appliance_mode: false,
                security_group_referencing: false,
            };
            out.push(tgw_attachment(d, &out, tgw, resource));
        }
        _ => return Err(ConnectError::NotAConnection(kind)),
    }
    Ok(out)
}

/// A transit-gateway attachment, associated with and propagating to the gateway's default route tables.
fn tgw_attachment(d: &Design, made: &[Resource], tgw: &Id, resource: TgwAttachmentResource) -> Resource {
    let mut after = d.clone();
    push_all(&mut after, made);
    let id = next_id(&after, "tgw-attach");
    let gateway = d.transit_gateways.iter().find(|t| &t.id == tgw);
    let association = gateway.and_then(|t| t.default_association_route_table.clone());
    let propagations: Vec<Id> = gateway.and_then(|t| t.default_propagation_route_table.clone()).into_iter().collect();
    Resource::TgwAttachment(TgwAttachment {
        id,
        name: String::new(),
        transit_gateway: tgw.clone(),
        resource,
        association,
        propagations,
        tags: Tags::new(),
    })
}
