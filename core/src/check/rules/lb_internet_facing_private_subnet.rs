//! `lb-internet-facing-private-subnet`: an internet-facing load balancer needs public subnets (a route to an internet
//! gateway) in each of its zones; in a private subnet its node cannot be reached from the internet (SEMANTICS B1).

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::doc::LoadBalancerScheme;
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "lb-internet-facing-private-subnet",
    severity: Severity::Error,
    title_en: "An internet-facing load balancer is in a private subnet",
    title_ko: "인터넷 연결 로드 밸런서가 프라이빗 서브넷에 있습니다",
    docs: docs::ALB,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for lb in net.design.load_balancers.iter().filter(|l| l.scheme == LoadBalancerScheme::InternetFacing) {
        for s in lb.subnets.iter().filter_map(|s| net.subnet(s)).filter(|s| !net.is_public(s)) {
            sink.report(
                [&lb.id, &s.id],
                format!("Internet-facing load balancer {} has a node in {}, which has no route to an internet gateway, so clients on the internet cannot reach it there. Use a public subnet in that zone.", show(&lb.id, &lb.name), show(&s.id, &s.name)),
                format!("인터넷 연결 로드 밸런서 {}의 노드가 인터넷 게이트웨이로 가는 라우트가 없는 {}에 있어 인터넷의 클라이언트가 닿을 수 없습니다. 그 영역의 퍼블릭 서브넷을 쓰세요.", show(&lb.id, &lb.name), show(&s.id, &s.name)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::lb_availability_zones::tests::with_alb;
    use crate::check::testing::*;
    use crate::doc::LoadBalancer;

    #[test]
    fn fires_in_a_private_subnet() {
        let mut d = with_alb();
        get_mut::<LoadBalancer>(&mut d, "alb-web").subnets[1] = id("subnet-private-c");
        fires(&d, "lb-internet-facing-private-subnet", "subnet-private-c");
    }

    #[test]
    fn quiet_in_public_subnets_or_when_internal() {
        quiet(&with_alb(), "lb-internet-facing-private-subnet");
        let mut d = with_alb();
        get_mut::<LoadBalancer>(&mut d, "alb-web").scheme = crate::doc::LoadBalancerScheme::Internal;
        get_mut::<LoadBalancer>(&mut d, "alb-web").subnets = vec![id("subnet-private-a"), id("subnet-private-c")];
        quiet(&d, "lb-internet-facing-private-subnet");
    }
}
