//! `ecs-service-resilience`: an ECS service with fewer than two tasks, or with every task subnet in one Availability
//! Zone, stops with a single task or zone failure (the multi-AZ lesson of our notes).

use std::collections::BTreeSet;

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "ecs-service-resilience",
    severity: Severity::Warning,
    title_en: "An ECS service runs fewer than two tasks or in a single Availability Zone",
    title_ko: "ECS 서비스의 태스크가 두 개 미만이거나 한 가용 영역에서만 실행됩니다",
    docs: docs::ECS_AWSVPC,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for s in &net.design.ecs_services {
        let name = show(&s.id, &s.name);
        if s.desired_count < 2 {
            sink.report(
                [&s.id],
                format!("ECS service {name} wants {} task(s): one failure stops it. Run at least two tasks.", s.desired_count),
                format!("ECS 서비스 {name}의 원하는 태스크 수가 {}개라 장애 하나로 서비스가 멈춥니다. 태스크를 두 개 이상 실행하세요.", s.desired_count),
            );
        }
        let zones: BTreeSet<&str> =
            s.subnets.iter().filter_map(|x| net.subnet(x)).map(|x| x.availability_zone.as_str()).collect();
        if zones.len() == 1 {
            let zone = zones.iter().next().copied().unwrap_or_default();
            sink.report(
                [&s.id],
                format!("ECS service {name} places every task in {zone}; if that zone fails, so does the service. Give it subnets in two zones."),
                format!("ECS 서비스 {name}가 모든 태스크를 {zone}에 둡니다. 그 영역에 장애가 나면 서비스도 멈춥니다. 두 영역의 서브넷을 주세요."),
            );
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use crate::check::testing::*;
    use crate::doc::*;

    /// The sample plus a Fargate awsvpc service `svc-api` (2 tasks) in both private subnets, with group `sg-web`.
    pub fn with_service() -> Design {
        let mut d = sample();
        d.ecs_clusters.push(EcsCluster {
            id: id("cluster-1"),
            name: "main".into(),
            region: id("ap-northeast-2"),
            tags: Default::default(),
        });
        d.task_definitions.push(TaskDefinition {
            id: id("api:1"),
            family: "api".into(),
            revision: Some(1),
            network_mode: NetworkMode::Awsvpc,
            compatibilities: vec![LaunchType::Fargate],
            cpu: Some(256),
            memory_mib: Some(512),
            containers: vec![ContainerDefinition {
                name: "api".into(),
                image: "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/api:1".into(),
                cpu: None,
                memory_mib: None,
                essential: true,
                port_mappings: vec![PortMapping {
                    container_port: 8080,
                    host_port: None,
                    protocol: TransportProtocol::Tcp,
                }],
            }],
        });
        d.ecs_services.push(EcsService {
            id: id("svc-api"),
            name: "api".into(),
            cluster: id("cluster-1"),
            task_definition: id("api:1"),
            desired_count: 2,
            launch_type: LaunchType::Fargate,
            subnets: vec![id("subnet-private-a"), id("subnet-private-c")],
            security_groups: vec![id("sg-web")],
            assign_public_ip: false,
            load_balancers: vec![],
            tags: Default::default(),
        });
        d
    }

    #[test]
    fn fires_on_one_task_and_on_one_zone() {
        let mut d = with_service();
        get_mut::<EcsService>(&mut d, "svc-api").desired_count = 1;
        fires(&d, "ecs-service-resilience", "svc-api");
        let mut d = with_service();
        get_mut::<EcsService>(&mut d, "svc-api").subnets.pop();
        fires(&d, "ecs-service-resilience", "svc-api");
    }

    #[test]
    fn quiet_on_two_tasks_in_two_zones() {
        quiet(&with_service(), "ecs-service-resilience");
    }
}
