//! Failure scenarios on the sample design and variations of it.

use super::*;
use crate::doc::*;
use crate::sim::tests::{ip, with_alb, with_vpn};
use crate::sim::{Disposition, trace_in};
use crate::testing::{get_mut, id, sample};

fn zone(z: &str) -> Outage {
    let mut o = Outage::none();
    o.fail_zone(z);
    o
}

fn failed(ids: &[&str]) -> Outage {
    let mut o = Outage::none();
    for i in ids {
        o.fail(id(i));
    }
    o
}

fn run(d: &Design, outage: Outage, q: &Query) -> Answer {
    let s = scenario(d, outage);
    let net = s.network();
    let places = Places::new(&net);
    trace_in(&net, &places, q)
}

fn out(src: &str) -> Query {
    Query::new(Source::Resource(id(src)), Destination::Internet, Protocol::TCP, 443)
}

/// The sample, with zone c's private subnet sent through the NAT gateway of zone a: one NAT for two zones.
fn one_nat() -> Design {
    let mut d = sample();
    let table = get_mut::<RouteTable>(&mut d, "rtb-private-c");
    for r in &mut table.routes {
        if r.target == RouteTarget::NatGateway(id("nat-c")) {
            r.target = RouteTarget::NatGateway(id("nat-a"));
        }
    }
    d
}

#[test]
fn a_failed_nat_gateway_stops_its_zone_at_the_nat_and_leaves_the_other_zone_alone() {
    let d = sample();
    let a = run(&d, failed(&["nat-a"]), &out("i-web-a"));
    assert_eq!(a.forward.disposition, Disposition::Down, "{:#?}", a.forward);
    let b = a.forward.blocked.clone().unwrap();
    assert_eq!((b.id.as_str(), b.code), ("nat-a", "COMPONENT_DOWN"));
    assert!(a.forward.explanation.en.contains("nat-a has failed"), "{}", a.forward.explanation.en);
    assert!(!a.forward.explanation.ko.is_empty());
    assert!(run(&d, failed(&["nat-a"]), &out("i-web-c")).reachable);
}

#[test]
fn a_zone_failure_breaks_the_surviving_zone_when_it_shares_the_failed_zones_nat_gateway() {
    // Our notes' multi-AZ lesson: with one NAT gateway, losing its zone cuts the other zone off the internet.
    let report = impact(&one_nat(), zone("ap-northeast-2a"), &[]);
    let path: Vec<_> = report.broken.iter().filter(|b| !b.endpoint_down).collect();
    assert_eq!(path.len(), 1, "{report:#?}");
    assert_eq!((path[0].flow.from.as_str(), path[0].flow.to.as_str()), ("i-web-c", "internet"));
    let blocked = path[0].answer.forward.blocked.clone().unwrap();
    assert_eq!((blocked.id.as_str(), blocked.code), ("nat-a", "COMPONENT_DOWN"));
    assert!(path[0].answer.forward.explanation.en.contains("availability zone ap-northeast-2a has failed"));
    // The instances of zone a are lost with their zone, and listed after the finding.
    assert!(report.broken.last().unwrap().endpoint_down);
    assert!(report.down.contains(&"i-web-a".to_string()) && report.down.contains(&"nat-a".to_string()));
    assert!(!report.down.contains(&"i-web-c".to_string()));
    // With a NAT gateway per zone, the same failure breaks nothing that still runs.
    let report = impact(&sample(), zone("ap-northeast-2a"), &[22, 443]);
    assert!(report.broken.iter().all(|b| b.endpoint_down), "{report:#?}");
    assert!(report.flows_checked > 3);
}

#[test]
fn a_failed_instance_neither_sends_nor_answers() {
    let d = sample();
    let a = run(&d, failed(&["i-web-a"]), &out("i-web-a"));
    assert_eq!(a.forward.disposition, Disposition::Down);
    assert_eq!(a.forward.nodes(), ["i-web-a"]);
    let q = Query::new(Source::Resource(id("i-bastion")), Destination::Resource(id("i-web-a")), Protocol::TCP, 22);
    let before = crate::sim::trace(&d, &q);
    assert!(before.reachable, "{:#?}", before.forward);
    let a = run(&d, failed(&["i-web-a"]), &q);
    assert_eq!(a.forward.disposition, Disposition::Down);
    assert_eq!(a.forward.blocked.unwrap().direction, crate::sim::Direction::Ingress);
}

#[test]
fn a_load_balancer_stops_sending_to_targets_in_a_failed_zone() {
    let d = with_alb();
    let q = Query::new(Source::Internet { ip: None }, Destination::Resource(id("alb-web")), Protocol::TCP, 80);
    let a = run(&d, Outage::none(), &q);
    assert_eq!(a.forward.nodes().last(), Some(&"i-web-a"));
    // Zone a is gone: DNS answers with the node in zone c, which sends to the target in zone c.
    let a = run(&d, zone("ap-northeast-2a"), &q);
    assert!(a.reachable, "{:#?}", a.forward);
    assert!(a.forward.nodes().contains(&"web node ap-northeast-2c"));
    assert_eq!(a.forward.nodes().last(), Some(&"i-web-c"));
    // Only the target in zone a fails: the node in zone a sends across zones (an ALB's default).
    let a = run(&d, failed(&["i-web-a"]), &q);
    assert!(a.reachable);
    assert_eq!(a.forward.nodes().last(), Some(&"i-web-c"));
    // Both targets down: the node says so.
    let a = run(&d, failed(&["i-web-a", "i-web-c"]), &q);
    assert_eq!(a.forward.blocked.clone().unwrap().code, "ELBV2_NO_TARGETS_IN_AZ");
    assert!(a.forward.explanation.en.contains("2 of its targets are down"), "{}", a.forward.explanation.en);
}

#[test]
fn a_load_balancer_can_be_a_source() {
    let d = with_alb();
    let q = Query::new(Source::Resource(id("alb-web")), Destination::Resource(id("i-web-c")), Protocol::TCP, 80);
    let a = crate::sim::trace(&d, &q);
    assert!(a.reachable, "{:#?}", a);
    // It sends from its node in the target's zone, and the reply comes back to that node.
    assert_eq!(a.forward.nodes().first(), Some(&"web node ap-northeast-2c"));
    assert_eq!(a.reply.as_ref().unwrap().nodes().last(), Some(&"web node ap-northeast-2c"));
    // Its security group's outbound rules apply.
    let mut d = d;
    get_mut::<SecurityGroup>(&mut d, "sg-alb").outbound.clear();
    let a = crate::sim::trace(&d, &q);
    assert_eq!(a.forward.disposition, Disposition::DeniedOut);
    assert_eq!(a.forward.blocked.unwrap().code, "ENI_SG_RULES_MISMATCH");
}

#[test]
fn a_failed_vpn_stops_at_the_vpn_and_direct_connect_carries_on() {
    let mut d = with_vpn();
    let q = Query::new(Source::Resource(id("i-web-c")), Destination::Ip(ip("192.168.5.5")), Protocol::TCP, 443);
    assert!(run(&d, Outage::none(), &q).reachable);
    // The BGP VPN's routes are withdrawn: the propagated route is gone and the default route takes the packet to the
    // NAT gateway and the internet, where a private address goes nowhere.
    let a = run(&d, failed(&["vpn-1"]), &q);
    assert!(!a.reachable);
    assert!(a.forward.nodes().contains(&"nat-c"), "{:#?}", a.forward);
    // A static route to the gateway stays: the gateway has no link left that knows the prefix.
    let table = get_mut::<RouteTable>(&mut d, "rtb-private-c");
    table.routes.push(Route {
        destination: RouteDestination::Cidr("192.168.0.0/16".parse().unwrap()),
        target: RouteTarget::VpnGateway(id("vgw-1")),
    });
    let a = run(&d, failed(&["vpn-1"]), &q);
    assert_eq!(a.forward.disposition, Disposition::Down, "{:#?}", a.forward);
    assert_eq!(a.forward.blocked.unwrap().id, "vpn-1");
    // A private virtual interface on a Direct Connect gateway associated with the same gateway carries on.
    d.dx_gateways.push(DxGateway {
        id: id("dxgw-1"),
        name: String::new(),
        amazon_side_asn: 64512,
        associations: vec![DxGatewayAssociation {
            gateway: DxAssociatedGateway::VpnGateway(id("vgw-1")),
            allowed_prefixes: vec![],
        }],
        tags: Default::default(),
    });
    d.virtual_interfaces.push(VirtualInterface {
        id: id("dxvif-1"),
        name: String::new(),
        kind: VirtualInterfaceKind::Private,
        location: String::new(),
        vlan: Some(101),
        customer_asn: 65000,
        attachment: Some(VifAttachment::DxGateway(id("dxgw-1"))),
        on_premises: Some(id("dc")),
        advertised_prefixes: vec![],
        tags: Default::default(),
    });
    assert!(run(&d, failed(&["vpn-1"]), &q).reachable);
    let a = run(&d, failed(&["vpn-1", "dxvif-1"]), &q);
    assert_eq!(a.forward.disposition, Disposition::Down);
}

/// The sample with a Fargate service of two awsvpc tasks, one per private subnet, behind the ALB's target group.
fn with_service(subnets: &[&str], desired: u32) -> Design {
    let mut d = with_alb();
    d.ecs_clusters.push(EcsCluster {
        id: id("cluster"),
        name: String::new(),
        region: id("ap-northeast-2"),
        tags: Default::default(),
    });
    d.task_definitions.push(TaskDefinition {
        id: id("td-api"),
        family: "api".into(),
        revision: Some(1),
        network_mode: NetworkMode::Awsvpc,
        compatibilities: vec![LaunchType::Fargate],
        cpu: None,
        memory_mib: None,
        containers: vec![ContainerDefinition {
            name: "api".into(),
            image: "api:1".into(),
            cpu: None,
            memory_mib: None,
            essential: true,
            port_mappings: vec![PortMapping { container_port: 80, host_port: None, protocol: TransportProtocol::Tcp }],
        }],
    });
    let tg = get_mut::<TargetGroup>(&mut d, "tg-web");
    tg.target_type = TargetType::Ip;
    tg.targets.clear();
    d.ecs_services.push(EcsService {
        id: id("svc-api"),
        name: "api".into(),
        cluster: id("cluster"),
        task_definition: id("td-api"),
        desired_count: desired,
        launch_type: LaunchType::Fargate,
        subnets: subnets.iter().map(|s| id(s)).collect(),
        security_groups: vec![id("sg-web")],
        assign_public_ip: false,
        load_balancers: vec![ServiceLoadBalancer {
            target_group: id("tg-web"),
            container_name: "api".into(),
            container_port: 80,
        }],
        tags: Default::default(),
    });
    for (n, subnet) in ["subnet-private-a", "subnet-private-c"].iter().enumerate() {
        d.ecs_tasks.push(EcsTask {
            id: id(&format!("task-{n}")),
            name: String::new(),
            cluster: id("cluster"),
            task_definition: id("td-api"),
            service: Some(id("svc-api")),
            launch_type: LaunchType::Fargate,
            container_instance: None,
            subnet: Some(id(subnet)),
            private_ip: None,
            public_ip: None,
            security_groups: vec![],
            tags: Default::default(),
        });
    }
    d
}

#[test]
fn the_load_balancer_sends_to_the_tasks_a_service_registers() {
    let d = with_service(&["subnet-private-a", "subnet-private-c"], 2);
    let q = Query::new(Source::Internet { ip: None }, Destination::Resource(id("alb-web")), Protocol::TCP, 80);
    let a = run(&d, Outage::none(), &q);
    assert!(a.reachable, "{:#?}", a.forward);
    assert_eq!(a.forward.nodes().last(), Some(&"task-0"));
}

#[test]
fn ecs_re_places_the_tasks_of_a_failed_zone_in_the_surviving_one_and_the_load_balancer_finds_them() {
    let d = with_service(&["subnet-private-a", "subnet-private-c"], 2);
    let s = scenario(&d, zone("ap-northeast-2a"));
    assert_eq!(s.replacements.len(), 1, "{:#?}", s.replacements);
    let r = &s.replacements[0];
    assert_eq!((r.task.as_str(), r.replacement.as_str()), ("task-0", "task-0-replacement"));
    assert_eq!((r.zone.as_str(), r.subnet.as_ref().map(Id::as_str)), ("ap-northeast-2c", Some("subnet-private-c")));
    assert!(s.unplaced.is_empty());
    let net = s.network();
    let places = Places::new(&net);
    let q = Query::new(Source::Internet { ip: None }, Destination::Resource(id("alb-web")), Protocol::TCP, 80);
    let a = trace_in(&net, &places, &q);
    assert!(a.reachable, "{:#?}", a.forward);
    assert!(a.forward.nodes().contains(&"web node ap-northeast-2c"));
    // The replacement has an address of its own in its new subnet, and reaches the internet through zone c's NAT.
    let a = trace_in(&net, &places, &out("task-0-replacement"));
    assert!(a.reachable);
    assert_eq!(a.forward.nodes()[..4], ["task-0-replacement", "subnet-private-c", "vpc-main", "nat-c"]);
    // The impact report follows the task to its replacement: nothing that runs breaks.
    let report = impact(&d, zone("ap-northeast-2a"), &[]);
    let lost: Vec<_> = report.broken.iter().filter(|b| b.flow.from == "task-0").collect();
    assert!(lost.is_empty(), "{report:#?}");
}

#[test]
fn a_service_confined_to_the_failed_zone_cannot_re_place_its_tasks_and_says_why() {
    let d = with_service(&["subnet-private-a"], 2);
    let s = scenario(&d, zone("ap-northeast-2a"));
    assert!(s.replacements.is_empty());
    assert_eq!(s.unplaced.len(), 1);
    assert_eq!(s.unplaced[0].missing, 1);
    assert!(s.unplaced[0].reason.en.contains("no subnet in a surviving availability zone"));
    // Desired count already met by the survivors: nothing to start.
    let d = with_service(&["subnet-private-a", "subnet-private-c"], 1);
    let s = scenario(&d, zone("ap-northeast-2a"));
    assert!(s.replacements.is_empty() && s.unplaced.is_empty());
}

#[test]
fn bridge_tasks_move_to_a_container_instance_in_a_surviving_zone() {
    let mut d = sample();
    d.ecs_clusters.push(EcsCluster {
        id: id("cluster"),
        name: String::new(),
        region: id("ap-northeast-2"),
        tags: Default::default(),
    });
    for i in d.instances.iter_mut().filter(|i| i.id.as_str().starts_with("i-web")) {
        i.ecs_cluster = Some(id("cluster"));
    }
    d.task_definitions.push(TaskDefinition {
        id: id("td-legacy"),
        family: "legacy".into(),
        revision: None,
        network_mode: NetworkMode::Bridge,
        compatibilities: vec![LaunchType::Ec2],
        cpu: None,
        memory_mib: None,
        containers: vec![],
    });
    d.ecs_services.push(EcsService {
        id: id("svc-legacy"),
        name: String::new(),
        cluster: id("cluster"),
        task_definition: id("td-legacy"),
        desired_count: 1,
        launch_type: LaunchType::Ec2,
        subnets: vec![],
        security_groups: vec![],
        assign_public_ip: false,
        load_balancers: vec![],
        tags: Default::default(),
    });
    d.ecs_tasks.push(EcsTask {
        id: id("task-legacy"),
        name: String::new(),
        cluster: id("cluster"),
        task_definition: id("td-legacy"),
        service: Some(id("svc-legacy")),
        launch_type: LaunchType::Ec2,
        container_instance: Some(id("i-web-a")),
        subnet: None,
        private_ip: None,
        public_ip: None,
        security_groups: vec![],
        tags: Default::default(),
    });
    let s = scenario(&d, failed(&["i-web-a"]));
    assert_eq!(s.replacements.len(), 1);
    assert_eq!(s.replacements[0].container_instance.as_ref().map(Id::as_str), Some("i-web-c"));
    let net = s.network();
    let places = Places::new(&net);
    let q = Query::new(
        Source::Resource(id("i-bastion")),
        Destination::Resource(id("task-legacy-replacement")),
        Protocol::TCP,
        22,
    );
    assert_eq!(trace_in(&net, &places, &q).forward.nodes().last(), Some(&"i-web-c"));
}

#[test]
fn failure_names_are_zones_or_failable_ids_and_anything_else_is_explained() {
    let d = sample();
    let o = parse_failures(&d, &["ap-northeast-2a", "nat-c", "az:us-west-2b"]).unwrap();
    assert!(o.zone_down("ap-northeast-2a") && o.zone_down("us-west-2b") && o.failed(&id("nat-c")));
    assert_eq!(o.describe(), "availability zone ap-northeast-2a, availability zone us-west-2b, nat-c");
    let e = parse_failures(&d, &["vpc-main"]).unwrap_err();
    assert_eq!(e, FailureError::CannotFail { name: "vpc-main".into(), kind: crate::doc::ResourceKind::Vpc });
    assert!(e.to_string().starts_with("vpc-main is a VPC: only availability zones"), "{e}");
    let e = parse_failures(&d, &["ap-northeast-2b"]).unwrap_err();
    assert!(e.to_string().contains("(ap-northeast-2a, ap-northeast-2c)"), "{e}");
    assert_eq!(parse_failures(&d, &["az:"]), Err(FailureError::NoZoneName));
}

#[test]
fn every_failure_error_reads_in_english_and_korean() {
    let cases = [
        (
            FailureError::NoZoneName,
            "`az:` needs a zone name, as in az:us-east-1a",
            "`az:` 뒤에 영역 이름이 필요합니다(예: az:us-east-1a)",
        ),
        (
            FailureError::CannotFail { name: "subnet-a".into(), kind: crate::doc::ResourceKind::Subnet },
            "subnet-a is a subnet: only availability zones, instances, NAT gateways, VPN connections, Direct Connect virtual interfaces, ECS tasks and network interfaces can fail",
            "subnet-a은(는) subnet입니다. 장애로 지정할 수 있는 것은 가용 영역, 인스턴스, NAT 게이트웨이, VPN 연결, Direct Connect 가상 인터페이스, ECS 태스크, 네트워크 인터페이스입니다",
        ),
        (
            FailureError::Unknown { name: "x".into(), zones: vec!["us-east-1a".into(), "us-east-1b".into()] },
            "x is neither an availability zone of the design (us-east-1a, us-east-1b) nor a resource id in it",
            "x은(는) 설계의 가용 영역(us-east-1a, us-east-1b)도, 설계에 있는 리소스 id도 아닙니다",
        ),
        (
            FailureError::Unknown { name: "x".into(), zones: vec![] },
            "x is neither an availability zone of the design (none) nor a resource id in it",
            "x은(는) 설계의 가용 영역(none)도, 설계에 있는 리소스 id도 아닙니다",
        ),
    ];
    for (e, en, ko) in cases {
        assert_eq!(e.to_string(), en);
        assert_eq!(e.text(), Text::new(en, ko));
    }
}

#[test]
fn scenarios_and_impact_are_deterministic() {
    let d = with_service(&["subnet-private-a", "subnet-private-c"], 2);
    let a = impact(&d, zone("ap-northeast-2a"), &[80, 443]);
    let b = impact(&d, zone("ap-northeast-2a"), &[80, 443]);
    assert_eq!(a, b);
    assert_eq!(scenario(&d, zone("ap-northeast-2a")).design, scenario(&d, zone("ap-northeast-2a")).design);
    // No failure: the design is untouched and nothing breaks.
    let none = impact(&d, Outage::none(), &[80]);
    assert!(none.broken.is_empty() && none.down.is_empty());
}
