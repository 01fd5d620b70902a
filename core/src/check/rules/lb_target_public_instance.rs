//! `lb-target-public-instance`: an instance behind a load balancer that also sits in a public subnet with a public IP.
//! The load balancer is the front door; the instance should be in a private subnet, reachable only through it (our
//! notes' three-tier advice).

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::doc::TargetRef;
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "lb-target-public-instance",
    severity: Severity::Warning,
    title_en: "An instance behind a load balancer is also directly on the internet",
    title_ko: "로드 밸런서 뒤의 인스턴스가 인터넷에도 직접 노출되어 있습니다",
    docs: docs::ALB,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    let mut seen = crate::model::HashSet::default();
    for tg in &net.design.target_groups {
        if !net.relations().is_fronted(&tg.id) {
            continue;
        }
        for t in &tg.targets {
            let TargetRef::Instance(i) = &t.target else { continue };
            let Some(instance) = net.instance(i) else { continue };
            let Some(subnet) = net.subnet(&instance.subnet) else { continue };
            if net.is_public(subnet) && net.has_public_ip(instance) && seen.insert(&instance.id) {
                sink.report(
                    [&instance.id, &tg.id],
                    format!("Instance {} is behind target group {} but also has a public IP in public subnet {}. Move it to a private subnet so that only the load balancer reaches it.", show(&instance.id, &instance.name), tg.id, show(&subnet.id, &subnet.name)),
                    format!("인스턴스 {}는 대상 그룹 {} 뒤에 있지만 퍼블릭 서브넷 {}에서 퍼블릭 IP도 갖고 있습니다. 로드 밸런서를 통해서만 닿도록 프라이빗 서브넷으로 옮기세요.", show(&instance.id, &instance.name), tg.id, show(&subnet.id, &subnet.name)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::lb_availability_zones::tests::with_alb;
    use crate::check::testing::*;
    use crate::doc::{Target, TargetGroup, TargetRef};

    #[test]
    fn fires_on_the_public_bastion_as_a_target() {
        let mut d = with_alb();
        get_mut::<TargetGroup>(&mut d, "tg-web")
            .targets
            .push(Target { target: TargetRef::Instance(id("i-bastion")), port: None });
        fires(&d, "lb-target-public-instance", "i-bastion");
    }

    #[test]
    fn quiet_on_private_targets() {
        quiet(&with_alb(), "lb-target-public-instance");
    }
}
