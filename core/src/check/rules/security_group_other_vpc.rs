//! `security-group-other-vpc`: a network interface can only be in security groups of its own VPC. This covers
//! instances, interfaces, load balancers, interface endpoints, ECS services and tasks (SEMANTICS S1).

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::doc::{EndpointKind, Id};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "security-group-other-vpc",
    severity: Severity::Error,
    title_en: "A resource uses a security group of another VPC",
    title_ko: "리소스가 다른 VPC의 보안 그룹을 씁니다",
    docs: docs::SG_RULES,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    let d = net.design;
    let vpc_of_subnet = |s: &Id| net.subnet(s).map(|s| &s.vpc);
    let mut holders: Vec<(&Id, Option<&Id>, &[Id])> = Vec::new();
    holders.extend(d.instances.iter().map(|i| (&i.id, vpc_of_subnet(&i.subnet), i.security_groups.as_slice())));
    holders
        .extend(d.network_interfaces.iter().map(|n| (&n.id, vpc_of_subnet(&n.subnet), n.security_groups.as_slice())));
    holders.extend(d.load_balancers.iter().map(|l| (&l.id, Some(&l.vpc), l.security_groups.as_slice())));
    holders.extend(
        d.ecs_services.iter().map(|s| (&s.id, s.subnets.first().and_then(vpc_of_subnet), s.security_groups.as_slice())),
    );
    holders.extend(
        d.ecs_tasks.iter().map(|t| (&t.id, t.subnet.as_ref().and_then(vpc_of_subnet), t.security_groups.as_slice())),
    );
    for e in &d.vpc_endpoints {
        if let EndpointKind::Interface { security_groups, .. } = &e.endpoint {
            holders.push((&e.id, Some(&e.vpc), security_groups.as_slice()));
        }
    }
    for (holder, vpc, groups) in holders {
        let Some(vpc) = vpc else { continue };
        for g in groups.iter().filter_map(|g| net.security_group(g)).filter(|g| &g.vpc != vpc) {
            sink.report(
                [holder, &g.id],
                format!("{holder} is in VPC {vpc} but uses security group {} of VPC {}; a resource can only use its own VPC's groups.", show(&g.id, &g.name), g.vpc),
                format!("{holder}는 VPC {vpc}에 있지만 VPC {}의 보안 그룹 {}를 씁니다. 리소스는 자기 VPC의 보안 그룹만 쓸 수 있습니다.", g.vpc, show(&g.id, &g.name)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::{SecurityGroup, Vpc};

    #[test]
    fn fires_on_a_group_of_another_vpc() {
        let mut d = sample();
        let mut v = get::<Vpc>(&d, "vpc-main").clone();
        v.id = id("vpc-b");
        v.cidr = cidr("10.1.0.0/16");
        d.vpcs.push(v);
        get_mut::<SecurityGroup>(&mut d, "sg-web").vpc = id("vpc-b");
        fires(&d, "security-group-other-vpc", "i-web-a");
    }

    #[test]
    fn quiet_on_own_groups() {
        quiet(&sample(), "security-group-other-vpc");
    }
}
