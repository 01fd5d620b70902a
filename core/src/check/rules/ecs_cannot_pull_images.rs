//! `ecs-cannot-pull-images`: ECS tasks pull their images from a registry (ECR: its API, its Docker endpoint and S3).
//! A task subnet needs a way there: a default route to a NAT gateway (or a transit gateway, for centralised egress),
//! an internet gateway with a public IP on the task (Fargate with assign-public-IP), or the VPC endpoints
//! `ecr.api`, `ecr.dkr` (interface) and `s3` (gateway, on the subnet's route table). Without one the tasks never
//! start (SEMANTICS C1).

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::doc::{EndpointKind, Id, LaunchType, RouteDestination, RouteTarget, Subnet};
use crate::model::{HashMap, HashSet, Network};

pub(super) const RULE: Rule = Rule {
    code: "ecs-cannot-pull-images",
    severity: Severity::Error,
    title_en: "ECS tasks have no way to pull their images (no NAT, no public IP, no ECR endpoints)",
    title_ko: "ECS 태스크가 이미지를 가져올 경로가 없습니다(NAT, 퍼블릭 IP, ECR 엔드포인트 모두 없음)",
    docs: docs::ECS_PRIVATE_PULL,
    refs: References::NONE,
    check,
};

fn default_route_via<'a>(net: &Network<'a>, subnet: &Subnet) -> Option<&'a RouteTarget> {
    net.route_table_of(subnet)?
        .routes
        .iter()
        .find(|r| matches!(&r.destination, RouteDestination::Cidr(c) if c.prefix_len() == 0))
        .map(|r| &r.target)
}

/// The endpoints of one VPC that image pulls can use.
#[derive(Default)]
struct Endpoints<'d> {
    ecr_api: bool,
    ecr_dkr: bool,
    s3_interface: bool,
    /// The route tables an S3 gateway endpoint serves.
    s3_gateway_tables: HashSet<&'d str>,
}

/// The pull endpoints of each VPC.
fn endpoints<'d>(net: &Network<'d>) -> HashMap<&'d str, Endpoints<'d>> {
    let mut out: HashMap<&str, Endpoints<'_>> = HashMap::default();
    for e in &net.design.vpc_endpoints {
        let found = out.entry(e.vpc.as_str()).or_default();
        match &e.endpoint {
            EndpointKind::Interface { .. } => {
                found.ecr_api |= e.service_name.ends_with(".ecr.api");
                found.ecr_dkr |= e.service_name.ends_with(".ecr.dkr");
                found.s3_interface |= e.service_name.ends_with(".s3");
            }
            EndpointKind::Gateway { route_tables, .. } if e.service_name.ends_with(".s3") => {
                found.s3_gateway_tables.extend(route_tables.iter().map(Id::as_str));
            }
            EndpointKind::Gateway { .. } => {}
        }
    }
    out
}

fn has_endpoints(net: &Network<'_>, endpoints: &HashMap<&str, Endpoints<'_>>, subnet: &Subnet) -> bool {
    let Some(found) = endpoints.get(subnet.vpc.as_str()) else { return false };
    let table = net.route_table_of(subnet).map(|t| t.id.as_str());
    let s3_gateway = table.is_some_and(|t| found.s3_gateway_tables.contains(t));
    found.ecr_api && found.ecr_dkr && (s3_gateway || found.s3_interface)
}

fn can_pull(net: &Network<'_>, endpoints: &HashMap<&str, Endpoints<'_>>, subnet: &Subnet, public_ip: bool) -> bool {
    match default_route_via(net, subnet) {
        Some(
            RouteTarget::NatGateway(_)
            | RouteTarget::TransitGateway(_)
            | RouteTarget::NetworkInterface(_)
            | RouteTarget::Instance(_),
        ) => true,
        Some(RouteTarget::InternetGateway(_)) if public_ip => true,
        _ => has_endpoints(net, endpoints, subnet),
    }
}

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    let endpoints = endpoints(net);
    for s in &net.design.ecs_services {
        // EC2 launch type tasks pull through their container instance, which `public-subnet-no-public-ip` covers.
        if s.launch_type != LaunchType::Fargate {
            continue;
        }
        for subnet in s.subnets.iter().filter_map(|x| net.subnet(x)) {
            if can_pull(net, &endpoints, subnet, s.assign_public_ip) {
                continue;
            }
            let public = net.is_public(subnet);
            let (why, why_ko) = if public {
                (
                    "routes to an internet gateway, but the tasks get no public IP",
                    "인터넷 게이트웨이로 라우팅하지만 태스크에 퍼블릭 IP가 없습니다",
                )
            } else {
                ("has no default route to a NAT gateway", "NAT 게이트웨이로 가는 기본 라우트가 없습니다")
            };
            sink.report(
                [&s.id, &subnet.id],
                format!("ECS service {} cannot pull images in subnet {}: the subnet {why}, and the VPC lacks the ecr.api and ecr.dkr interface endpoints and the S3 gateway endpoint. Add a NAT gateway route, or those three endpoints.", show(&s.id, &s.name), show(&subnet.id, &subnet.name)),
                format!("ECS 서비스 {}가 서브넷 {}에서 이미지를 가져올 수 없습니다. 이 서브넷은 {why_ko}. VPC에 ecr.api, ecr.dkr 인터페이스 엔드포인트와 S3 게이트웨이 엔드포인트도 없습니다. NAT 게이트웨이 라우트나 이 세 엔드포인트를 추가하세요.", show(&s.id, &s.name), show(&subnet.id, &subnet.name)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::ecs_service_resilience::tests::with_service;
    use super::super::gateway_endpoint::tests::endpoint;
    use crate::check::testing::*;
    use crate::doc::{EcsService, EndpointKind, RouteTable};

    #[test]
    fn fires_without_nat_or_endpoints() {
        let mut d = with_service();
        get_mut::<RouteTable>(&mut d, "rtb-private-a").routes.clear();
        fires(&d, "ecs-cannot-pull-images", "subnet-private-a");
        // In a public subnet without a public IP, too.
        let mut d = with_service();
        get_mut::<EcsService>(&mut d, "svc-api").subnets = vec![id("subnet-public-a"), id("subnet-public-c")];
        fires(&d, "ecs-cannot-pull-images", "subnet-public-a");
    }

    #[test]
    fn quiet_with_nat_or_with_the_three_endpoints() {
        quiet(&with_service(), "ecs-cannot-pull-images");
        let mut d = with_service();
        get_mut::<RouteTable>(&mut d, "rtb-private-a").routes.clear();
        get_mut::<RouteTable>(&mut d, "rtb-private-c").routes.clear();
        let iface = || EndpointKind::Interface {
            subnets: vec![id("subnet-private-a"), id("subnet-private-c")],
            security_groups: vec![id("sg-web")],
            private_dns: true,
        };
        d.vpc_endpoints.push(endpoint("vpce-api", "com.amazonaws.ap-northeast-2.ecr.api", iface()));
        d.vpc_endpoints.push(endpoint("vpce-dkr", "com.amazonaws.ap-northeast-2.ecr.dkr", iface()));
        d.vpc_endpoints.push(endpoint(
            "vpce-s3",
            "com.amazonaws.ap-northeast-2.s3",
            EndpointKind::Gateway { route_tables: vec![id("rtb-private-a"), id("rtb-private-c")], prefix_list: None },
        ));
        quiet(&d, "ecs-cannot-pull-images");
    }
}
