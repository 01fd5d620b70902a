//! `ecs-assign-public-ip`: an ECS service that gives its tasks public IPs puts every task on the internet
//! (Security Hub ECS.2). Tasks belong in private subnets behind a load balancer, with a NAT gateway or VPC endpoints for
//! image pulls. The fix turns it off.

use super::{docs, show};
use crate::check::{FixStep, References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "ecs-assign-public-ip",
    severity: Severity::Warning,
    title_en: "An ECS service assigns public IPs to its tasks",
    title_ko: "ECS 서비스가 태스크에 퍼블릭 IP를 자동으로 할당합니다",
    docs: docs::ECS_AWSVPC,
    refs: References { security_hub: &["ECS.2"], checkov: &["CKV_AWS_333"], cfn_lint: &[] },
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for s in net.design.ecs_services.iter().filter(|s| s.assign_public_ip) {
        sink.report(
            [&s.id],
            format!("ECS service {} assigns a public IP to every task, which puts each task directly on the internet. Run the tasks in private subnets (behind a load balancer, with a NAT gateway or VPC endpoints to pull images) and turn assign-public-IP off.", show(&s.id, &s.name)),
            format!("ECS 서비스 {}가 모든 태스크에 퍼블릭 IP를 주어 태스크가 인터넷에 직접 노출됩니다. 태스크를 프라이빗 서브넷에서 실행하고(로드 밸런서 뒤, 이미지는 NAT 게이트웨이나 VPC 엔드포인트로) 퍼블릭 IP 할당을 끄세요.", show(&s.id, &s.name)),
        )
        .with_fix("Turn off assign-public-IP", "퍼블릭 IP 할당 끄기", vec![FixStep::SetServiceAssignPublicIp { service: s.id.clone(), enabled: false }]);
    }
}

#[cfg(test)]
mod tests {
    use super::super::ecs_service_resilience::tests::with_service;
    use crate::check::testing::*;
    use crate::doc::EcsService;

    #[test]
    fn fires_and_the_fix_turns_it_off() {
        let mut d = with_service();
        get_mut::<EcsService>(&mut d, "svc-api").assign_public_ip = true;
        let f = fires(&d, "ecs-assign-public-ip", "svc-api");
        quiet(&apply_fix(&d, &f), "ecs-assign-public-ip");
    }

    #[test]
    fn quiet_when_off() {
        quiet(&with_service(), "ecs-assign-public-ip");
    }
}
