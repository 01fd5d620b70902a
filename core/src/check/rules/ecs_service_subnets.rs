//! `ecs-service-subnets`: an awsvpc service's subnets must all be in one VPC (its task interfaces share its security
//! groups, which belong to one VPC) (SEMANTICS C1).

use std::collections::BTreeSet;

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "ecs-service-subnets",
    severity: Severity::Error,
    title_en: "An ECS service's subnets are in different VPCs",
    title_ko: "ECS 서비스의 서브넷이 서로 다른 VPC에 있습니다",
    docs: docs::ECS_AWSVPC,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for s in &net.design.ecs_services {
        let vpcs: BTreeSet<&str> = s.subnets.iter().filter_map(|x| net.subnet(x)).map(|x| x.vpc.as_str()).collect();
        if vpcs.len() > 1 {
            let list = vpcs.into_iter().collect::<Vec<_>>().join(", ");
            sink.report(
                [&s.id],
                format!("ECS service {} has subnets in VPCs {list}; a service's subnets must all be in one VPC.", show(&s.id, &s.name)),
                format!("ECS 서비스 {}의 서브넷이 여러 VPC({list})에 있습니다. 한 서비스의 서브넷은 모두 한 VPC에 있어야 합니다.", show(&s.id, &s.name)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::ecs_service_resilience::tests::with_service;
    use crate::check::testing::*;
    use crate::doc::{Instance, Subnet, Vpc};

    #[test]
    fn fires_across_vpcs() {
        let mut d = with_service();
        let mut v = get::<Vpc>(&d, "vpc-main").clone();
        v.id = id("vpc-b");
        v.cidr = cidr("10.1.0.0/16");
        d.vpcs.push(v);
        get_mut::<Subnet>(&mut d, "subnet-private-c").vpc = id("vpc-b");
        get_mut::<Subnet>(&mut d, "subnet-private-c").cidr = cidr("10.1.11.0/24");
        get_mut::<Instance>(&mut d, "i-web-c").private_ip = Some("10.1.11.10".parse().unwrap());
        fires(&d, "ecs-service-subnets", "svc-api");
    }

    #[test]
    fn quiet_in_one_vpc() {
        quiet(&with_service(), "ecs-service-subnets");
    }
}
