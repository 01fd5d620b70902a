//! `lb-targets-single-az`: every target of a load-balanced service sits in one Availability Zone, so the service goes
//! down with that zone even though the load balancer spans several (the multi-AZ lesson of our notes).

use std::collections::BTreeSet;

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::doc::TargetRef;
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "lb-targets-single-az",
    severity: Severity::Warning,
    title_en: "All targets of a load balancer are in one Availability Zone",
    title_ko: "로드 밸런서의 대상이 모두 한 가용 영역에 있습니다",
    docs: docs::ALB,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for tg in &net.design.target_groups {
        let zones: BTreeSet<&str> = tg
            .targets
            .iter()
            .filter_map(|t| match &t.target {
                TargetRef::Instance(i) => {
                    net.instance(i).and_then(|i| net.subnet(&i.subnet)).map(|s| s.availability_zone.as_str())
                }
                _ => None,
            })
            .collect();
        if zones.len() == 1 {
            let zone = zones.iter().next().copied().unwrap_or_default();
            sink.report(
                [&tg.id],
                format!("Every target of target group {} is in {zone}: if that zone fails the service is down, whatever the load balancer does. Run targets in at least two zones.", show(&tg.id, &tg.name)),
                format!("대상 그룹 {}의 대상이 모두 {zone}에 있습니다. 그 영역에 장애가 나면 로드 밸런서와 상관없이 서비스가 멈춥니다. 최소 두 영역에서 대상을 실행하세요.", show(&tg.id, &tg.name)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::lb_availability_zones::tests::with_alb;
    use crate::check::testing::*;
    use crate::doc::TargetGroup;

    #[test]
    fn fires_when_only_zone_a_serves() {
        let mut d = with_alb();
        get_mut::<TargetGroup>(&mut d, "tg-web").targets.pop();
        fires(&d, "lb-targets-single-az", "tg-web");
    }

    #[test]
    fn quiet_across_two_zones() {
        quiet(&with_alb(), "lb-targets-single-az");
    }
}
