//! New resources with AWS's defaults, as the console would create them: a fresh id, a free CIDR block, and the
//! companions AWS creates along (a VPC comes with its main route table, default network ACL and default security
//! group; a public NAT gateway with its Elastic IP).

use serde_json::json;

use super::Resource;
use super::contain::{Container, check};
use crate::check::Text;
use crate::doc::{Design, Id, ResourceKind};
use crate::model::next_free_block;
use crate::net::Ipv4Cidr;

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

fn build(kind: ResourceKind, value: serde_json::Value) -> Result<Resource, Text> {
    Resource::from_json(kind, value).ok_or_else(|| {
        Text::new(format!("Could not make a new {}.", kind.label()), format!("새 {}를 만들 수 없습니다.", kind.label()))
    })
}

fn cidr(text: &str) -> Ipv4Cidr {
    text.parse().unwrap_or_else(|_| Ipv4Cidr::clamped(std::net::Ipv4Addr::UNSPECIFIED, 0))
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
pub fn create(d: &Design, kind: ResourceKind, into: &Container) -> Result<Vec<Resource>, Text> {
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
                return Err(Text::new(
                    "Every Region vpcanvas offers is already in the design.",
                    "vpcanvas가 제공하는 리전이 모두 설계에 있습니다.",
                ));
            };
            let zones: Vec<_> = ["a", "b", "c"].iter().map(|z| json!({ "name": format!("{code}{z}") })).collect();
            out.push(build(kind, json!({ "id": code, "name": title, "availability_zones": zones }))?);
        }
        K::Vpc => {
            let used: Vec<Ipv4Cidr> = d
                .vpcs
                .iter()
                .flat_map(|v| std::iter::once(v.cidr).chain(v.secondary_cidrs.iter().copied()))
                .map(|c| c.canonical())
                .collect();
            let block = next_free_block(&[cidr("10.0.0.0/8")], &used, 16)
                .or_else(|| next_free_block(&[cidr("172.16.0.0/12")], &used, 16))
                .or_else(|| next_free_block(&[cidr("192.168.0.0/16")], &used, 20))
                .ok_or_else(|| {
                    Text::new(
                        "No private /16 is left for a new VPC.",
                        "새 VPC에 쓸 사설 /16 대역이 남아 있지 않습니다.",
                    )
                })?;
            let id = next_id(d, "vpc");
            // AWS creates a main route table, a default network ACL that allows everything and a default security
            // group (all from itself in, all out) with every VPC.
            let mut after = d.clone();
            out.push(build(kind, json!({ "id": id, "name": name("VPC", &id), "region": region, "cidr": block }))?);
            push_all(&mut after, &out);
            let rtb = next_id(&after, "rtb");
            out.push(build(K::RouteTable, json!({ "id": rtb, "name": "main", "vpc": id, "main": true }))?);
            push_all(&mut after, &out[1..]);
            let acl = next_id(&after, "acl");
            let all = |n: u32| json!({ "rule_number": n, "action": "allow", "protocol": "all", "cidr": "0.0.0.0/0" });
            out.push(build(K::NetworkAcl, json!({ "id": acl, "name": "default", "vpc": id, "is_default": true, "inbound": [all(100)], "outbound": [all(100)] }))?);
            push_all(&mut after, &out[2..]);
            let sg = next_id(&after, "sg");
            out.push(build(K::SecurityGroup, json!({
                "id": sg, "name": "default", "description": "default VPC security group", "vpc": id, "is_default": true,
                "inbound": [{ "protocol": "all", "peer": { "security_group": { "group": sg } } }],
                "outbound": [{ "protocol": "all", "peer": { "cidr": "0.0.0.0/0" } }],
            }))?);
        }
        K::Subnet => {
            let (Some(vpc_id), Container::Zone { zone, .. }) = (&vpc, into) else { unreachable_refusal()? };
            let Some(v) = d.vpcs.iter().find(|x| &x.id == vpc_id) else { unreachable_refusal()? };
            let within: Vec<Ipv4Cidr> =
                std::iter::once(v.cidr).chain(v.secondary_cidrs.iter().copied()).map(|c| c.canonical()).collect();
            let used: Vec<Ipv4Cidr> =
                d.subnets.iter().filter(|s| &s.vpc == vpc_id).map(|s| s.cidr.canonical()).collect();
            let block =
                [24u8, 26, 28].iter().find_map(|len| next_free_block(&within, &used, *len)).ok_or_else(|| {
                    Text::new(
                        format!("VPC {vpc_id} has no free block left for a subnet: add a secondary CIDR block to it."),
                        format!("VPC {vpc_id}에 서브넷에 쓸 빈 대역이 없습니다. 보조 CIDR 블록을 추가하세요."),
                    )
                })?;
            let id = next_id(d, "subnet");
            out.push(build(kind, json!({ "id": id, "name": name("subnet", &id), "vpc": vpc_id, "cidr": block, "availability_zone": zone }))?);
        }
        K::Instance => {
            let id = next_id(d, "i");
            out.push(build(
                kind,
                json!({ "id": id, "name": name("instance", &id), "instance_type": "t3.micro", "subnet": subnet }),
            )?);
        }
        K::NetworkInterface => {
            let id = next_id(d, "eni");
            out.push(build(kind, json!({ "id": id, "subnet": subnet }))?);
        }
        K::NatGateway => {
            let id = next_id(d, "nat");
            let eip = next_id(d, "eip");
            out.push(build(kind, json!({ "id": id, "name": name("NAT", &id), "subnet": subnet, "elastic_ip": eip }))?);
            out.push(build(K::ElasticIp, json!({ "id": eip, "name": format!("for {id}"), "region": region }))?);
        }
        K::EcsTask => {
            let (cluster, def, mut extra) = ecs_basics(d, region.as_ref())?;
            let id = next_id(d, "task");
            out.push(build(kind, json!({ "id": id, "name": name("task", &id), "cluster": cluster, "task_definition": def, "launch_type": "fargate", "subnet": subnet }))?);
            out.append(&mut extra);
        }
        K::InternetGateway => {
            let id = next_id(d, "igw");
            out.push(build(kind, json!({ "id": id, "name": name("IGW", &id), "vpc": vpc }))?);
        }
        K::VpnGateway => {
            let id = next_id(d, "vgw");
            out.push(build(kind, json!({ "id": id, "name": name("VGW", &id), "region": region, "vpc": vpc }))?);
        }
        K::RouteTable => {
            let id = next_id(d, "rtb");
            out.push(build(kind, json!({ "id": id, "name": name("route table", &id), "vpc": vpc }))?);
        }
        K::NetworkAcl => {
            // A new custom network ACL denies everything until rules are added, as in AWS.
            let id = next_id(d, "acl");
            out.push(build(kind, json!({ "id": id, "name": name("network ACL", &id), "vpc": vpc }))?);
        }
        K::SecurityGroup => {
            // A new security group allows nothing in and everything out, as in AWS.
            let id = next_id(d, "sg");
            out.push(build(kind, json!({ "id": id, "name": name("security group", &id), "vpc": vpc, "outbound": [{ "protocol": "all", "peer": { "cidr": "0.0.0.0/0" } }] }))?);
        }
        K::LoadBalancer => {
            let id = next_id(d, "alb");
            out.push(build(kind, json!({ "id": id, "name": name("ALB", &id), "kind": "application", "scheme": "internet_facing", "vpc": vpc, "subnets": [], "listeners": [{ "port": 80, "protocol": "HTTP" }] }))?);
        }
        K::TargetGroup => {
            let id = next_id(d, "tg");
            out.push(build(kind, json!({ "id": id, "name": name("target group", &id), "vpc": vpc, "target_type": "instance", "protocol": "HTTP", "port": 80 }))?);
        }
        K::VpcEndpoint => {
            let id = next_id(d, "vpce");
            let service = format!("com.amazonaws.{}.s3", region.as_ref().map(Id::as_str).unwrap_or("us-east-1"));
            out.push(build(kind, json!({ "id": id, "name": name("S3 endpoint", &id), "vpc": vpc, "service_name": service, "endpoint": { "gateway": { "route_tables": [] } } }))?);
        }
        K::ElasticIp => {
            let id = next_id(d, "eip");
            out.push(build(kind, json!({ "id": id, "name": name("Elastic IP", &id), "region": region }))?);
        }
        K::PrefixList => {
            let id = next_id(d, "pl");
            out.push(build(kind, json!({ "id": id, "name": name("prefix list", &id), "region": region }))?);
        }
        K::EcsCluster => {
            let id = next_id(d, "cluster");
            out.push(build(kind, json!({ "id": id, "name": name("cluster", &id), "region": region }))?);
        }
        K::TaskDefinition => {
            let id = next_id(d, "td");
            out.push(task_definition(&id)?);
        }
        K::EcsService => {
            let (cluster, def, mut extra) = ecs_basics(d, region.as_ref())?;
            let id = next_id(d, "svc");
            out.push(build(kind, json!({ "id": id, "name": name("service", &id), "cluster": cluster, "task_definition": def, "desired_count": 2, "launch_type": "fargate" }))?);
            out.append(&mut extra);
        }
        K::TransitGateway => {
            let id = next_id(d, "tgw");
            out.push(build(kind, json!({ "id": id, "name": name("TGW", &id), "region": region }))?);
        }
        K::TgwRouteTable => {
            let Some(tgw) = d.transit_gateways.iter().find(|t| Some(&t.region) == region.as_ref()) else {
                return Err(Text::new(
                    "A transit gateway route table belongs to a transit gateway: add one to this Region first.",
                    "트랜짓 게이트웨이 라우팅 테이블은 트랜짓 게이트웨이에 속합니다. 먼저 이 리전에 트랜짓 게이트웨이를 추가하세요.",
                ));
            };
            let id = next_id(d, "tgw-rtb");
            out.push(build(
                kind,
                json!({ "id": id, "name": name("TGW route table", &id), "transit_gateway": tgw.id }),
            )?);
        }
        K::CustomerGateway => {
            let id = next_id(d, "cgw");
            out.push(build(kind, json!({ "id": id, "name": name("customer gateway", &id), "region": region, "ip_address": "203.0.113.10", "bgp_asn": 65000 }))?);
        }
        K::DxGateway => {
            let id = next_id(d, "dxgw");
            out.push(build(kind, json!({ "id": id, "name": name("DX gateway", &id), "amazon_side_asn": 64512 }))?);
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
            out.push(build(kind, json!({ "id": id, "name": name("data centre", &id), "cidrs": [block] }))?);
        }
        K::VpcPeering | K::VpnConnection | K::VirtualInterface | K::TgwAttachment => unreachable_refusal()?,
    }
    Ok(out)
}

/// For refusals the containment check has already given; kept so that no path panics.
fn unreachable_refusal<T>() -> Result<T, Text> {
    Err(Text::new("That cannot go there.", "거기에 둘 수 없습니다."))
}

fn push_all(d: &mut Design, resources: &[Resource]) {
    for r in resources {
        let at = d.count(r.kind());
        d.insert_resource(at, r.clone());
    }
}

fn task_definition(id: &Id) -> Result<Resource, Text> {
    build(
        ResourceKind::TaskDefinition,
        json!({
            "id": id, "family": "app", "revision": 1, "network_mode": "awsvpc", "compatibilities": ["fargate"],
            "cpu": 256, "memory_mib": 512,
            "containers": [{ "name": "app", "image": "public.ecr.aws/nginx/nginx:latest", "essential": true,
                              "port_mappings": [{ "container_port": 80, "protocol": "tcp" }] }],
        }),
    )
}

/// The cluster and task definition a new task or service uses: the first of the Region's, or new ones.
fn ecs_basics(d: &Design, region: Option<&Id>) -> Result<(Id, Id, Vec<Resource>), Text> {
    let mut extra = Vec::new();
    let cluster = match d.ecs_clusters.iter().find(|c| Some(&c.region) == region) {
        Some(c) => c.id.clone(),
        None => {
            let id = next_id(d, "cluster");
            extra.push(build(ResourceKind::EcsCluster, json!({ "id": id, "name": "cluster", "region": region }))?);
            id
        }
    };
    let def = match d.task_definitions.iter().find(|t| t.network_mode == crate::doc::NetworkMode::Awsvpc) {
        Some(t) => t.id.clone(),
        None => {
            let id = next_id(d, "td");
            extra.push(task_definition(&id)?);
            id
        }
    };
    Ok((cluster, def, extra))
}

/// A connector between two resources, with what AWS creates along with it (a VPN on a transit gateway gets its
/// attachment). `a` and `b` may come in either order. Refused, with the reason, for a pair AWS would not connect.
pub fn connect(d: &Design, kind: ResourceKind, a: &Id, b: &Id) -> Result<Vec<Resource>, Text> {
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
    let wrong = |what_en: &str, what_ko: &str| {
        Err(Text::new(
            format!("A {} connects {what_en}: select those two, then add it.", kind.label()),
            format!("{}은(는) {what_ko}을(를) 잇습니다. 그 둘을 선택한 다음 추가하세요.", kind.label_ko()),
        ))
    };
    let mut out = Vec::new();
    match kind {
        K::VpcPeering => {
            let Some((x, y)) = pair(K::Vpc, K::Vpc).filter(|(x, y)| x != y) else {
                return wrong("two VPCs", "두 VPC");
            };
            let block = |v: &Id| d.vpcs.iter().find(|z| &z.id == v).map(|z| z.cidr.canonical());
            if let (Some(bx), Some(by)) = (block(x), block(y))
                && bx.overlaps(&by)
            {
                return Err(Text::new(
                    format!(
                        "AWS does not peer VPCs whose CIDR blocks overlap: {x} ({bx}) and {y} ({by}). Give one of them another block first."
                    ),
                    format!(
                        "AWS는 CIDR 블록이 겹치는 VPC를 피어링하지 않습니다: {x}({bx}), {y}({by}). 먼저 한쪽 블록을 바꾸세요."
                    ),
                ));
            }
            let id = next_id(d, "pcx");
            out.push(build(
                kind,
                json!({ "id": id, "name": format!("{x} to {y}"), "requester_vpc": x, "accepter_vpc": y }),
            )?);
        }
        K::VpnConnection => {
            let (cgw, gateway) =
                match (pair(K::CustomerGateway, K::VpnGateway), pair(K::CustomerGateway, K::TransitGateway)) {
                    (Some((c, g)), _) => (c, json!({ "vpn_gateway": g })),
                    (None, Some((c, t))) => (c, json!({ "transit_gateway": t })),
                    _ => {
                        return wrong(
                            "a customer gateway and a virtual private or transit gateway",
                            "고객 게이트웨이와 가상 프라이빗 게이트웨이 또는 트랜짓 게이트웨이",
                        );
                    }
                };
            let id = next_id(d, "vpn");
            out.push(build(kind, json!({ "id": id, "name": format!("VPN {}", id.as_str().rsplit('-').next().unwrap_or("")), "customer_gateway": cgw, "gateway": gateway }))?);
            if let Some((_, tgw)) = pair(K::CustomerGateway, K::TransitGateway) {
                out.push(tgw_attachment(d, &out, tgw, json!({ "vpn": { "vpn_connection": id } }))?);
            }
        }
        K::VirtualInterface => {
            let (onprem, attachment) =
                match (pair(K::OnPremNetwork, K::VpnGateway), pair(K::OnPremNetwork, K::DxGateway)) {
                    (Some((o, g)), _) => (o, json!({ "vpn_gateway": g })),
                    (None, Some((o, g))) => (o, json!({ "dx_gateway": g })),
                    _ => {
                        return wrong(
                            "an on-premises network and a virtual private or Direct Connect gateway",
                            "온프레미스 네트워크와 가상 프라이빗 게이트웨이 또는 Direct Connect 게이트웨이",
                        );
                    }
                };
            let id = next_id(d, "dxvif");
            out.push(build(kind, json!({ "id": id, "name": format!("VIF {}", id.as_str().rsplit('-').next().unwrap_or("")), "kind": "private", "vlan": 100, "customer_asn": 65000, "on_premises": onprem, "attachment": attachment }))?);
        }
        K::TgwAttachment => {
            let Some((tgw, vpc)) = pair(K::TransitGateway, K::Vpc) else {
                return wrong("a transit gateway and a VPC", "트랜짓 게이트웨이와 VPC");
            };
            // One subnet per Availability Zone of the VPC, the first of each (T5).
            let mut zones: Vec<&str> = Vec::new();
            let mut subnets: Vec<&Id> = Vec::new();
            for s in d.subnets.iter().filter(|s| &s.vpc == vpc) {
                if !zones.contains(&s.availability_zone.as_str()) {
                    zones.push(&s.availability_zone);
                    subnets.push(&s.id);
                }
            }
            if subnets.is_empty() {
                return Err(Text::new(
                    format!(
                        "VPC {vpc} has no subnet for the attachment's interfaces: add one per Availability Zone first."
                    ),
                    format!(
                        "VPC {vpc}에 연결 인터페이스를 둘 서브넷이 없습니다. 먼저 가용 영역마다 서브넷을 추가하세요."
                    ),
                ));
            }
            out.push(tgw_attachment(d, &out, tgw, json!({ "vpc": { "vpc": vpc, "subnets": subnets } }))?);
        }
        _ => {
            return Err(Text::new(
                format!("A {} is not a connection.", kind.label()),
                format!("{}은(는) 연결이 아닙니다.", kind.label_ko()),
            ));
        }
    }
    Ok(out)
}

/// A transit-gateway attachment, associated with and propagating to the gateway's default route tables.
fn tgw_attachment(d: &Design, made: &[Resource], tgw: &Id, resource: serde_json::Value) -> Result<Resource, Text> {
    let mut after = d.clone();
    push_all(&mut after, made);
    let id = next_id(&after, "tgw-attach");
    let gateway = d.transit_gateways.iter().find(|t| &t.id == tgw);
    let association = gateway.and_then(|t| t.default_association_route_table.clone());
    let propagations: Vec<Id> = gateway.and_then(|t| t.default_propagation_route_table.clone()).into_iter().collect();
    build(
        ResourceKind::TgwAttachment,
        json!({ "id": id, "transit_gateway": tgw, "resource": resource, "association": association, "propagations": propagations }),
    )
}
