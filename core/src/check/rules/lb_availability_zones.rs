//! `lb-availability-zones`: an Application Load Balancer needs subnets in at least two Availability Zones, one subnet
//! per zone (an error: AWS refuses it); a Network Load Balancer in a single zone works but does not survive that
//! zone's failure (a warning). Security Hub ELB.13 (SEMANTICS B1, B2).

use crate::model::HashMap;

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::doc::LoadBalancerKind;
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "lb-availability-zones",
    severity: Severity::Error,
    title_en: "A load balancer does not span two Availability Zones, or has two subnets in one zone",
    title_ko: "로드 밸런서가 두 가용 영역에 걸쳐 있지 않거나 한 영역에 서브넷이 둘 있습니다",
    docs: docs::ALB,
    refs: References { security_hub: &["ELB.13"], checkov: &[], cfn_lint: &["E3680"] },
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for lb in &net.design.load_balancers {
        let name = show(&lb.id, &lb.name);
        let mut zones: HashMap<&str, Vec<&crate::doc::Id>> = HashMap::default();
        for s in lb.subnets.iter().filter_map(|s| net.subnet(s)) {
            zones.entry(s.availability_zone.as_str()).or_default().push(&s.id);
        }
        for (zone, subnets) in zones.iter().filter(|(_, s)| s.len() > 1) {
            let list = subnets.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", ");
            sink.report(
                std::iter::once(&lb.id).chain(subnets.iter().copied()),
                format!("Load balancer {name} has subnets {list} in the same zone {zone}; a load balancer takes one subnet per Availability Zone."),
                format!("로드 밸런서 {name}의 서브넷 {list}가 같은 영역 {zone}에 있습니다. 로드 밸런서는 가용 영역마다 서브넷을 하나만 씁니다."),
            );
        }
        if zones.len() < 2 {
            let d = sink.report(
                [&lb.id],
                format!(
                    "Load balancer {name} is in {} Availability Zone(s); {} Add a subnet in a second zone.",
                    zones.len(),
                    if lb.kind == LoadBalancerKind::Application {
                        "an Application Load Balancer needs at least two."
                    } else {
                        "it stops serving if that zone fails."
                    }
                ),
                format!(
                    "로드 밸런서 {name}가 가용 영역 {}개에만 있습니다. {} 두 번째 영역에 서브넷을 추가하세요.",
                    zones.len(),
                    if lb.kind == LoadBalancerKind::Application {
                        "Application Load Balancer는 최소 두 영역이 필요합니다."
                    } else {
                        "그 영역에 장애가 나면 서비스가 멈춥니다."
                    }
                ),
            );
            if lb.kind == LoadBalancerKind::Network {
                d.with_severity(Severity::Warning);
            }
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use crate::check::testing::*;
    use crate::doc::*;

    /// The sample plus an internet-facing ALB `alb-web` in both public subnets, listening on HTTP 80 and forwarding
    /// to `tg-web`, which holds both web instances.
    pub fn with_alb() -> Design {
        let mut d = sample();
        d.load_balancers.push(LoadBalancer {
            id: id("alb-web"),
            name: "web".into(),
            kind: LoadBalancerKind::Application,
            scheme: LoadBalancerScheme::InternetFacing,
            vpc: id("vpc-main"),
            subnets: vec![id("subnet-public-a"), id("subnet-public-c")],
            security_groups: vec![id("sg-web")],
            listeners: vec![Listener {
                port: 80,
                protocol: ListenerProtocol::Http,
                target_groups: vec![id("tg-web")],
                certificates: vec![],
            }],
            cross_zone: None,
            node_addresses: vec![],
            tags: Default::default(),
        });
        d.target_groups.push(TargetGroup {
            id: id("tg-web"),
            name: "web".into(),
            vpc: id("vpc-main"),
            target_type: TargetType::Instance,
            protocol: ListenerProtocol::Http,
            port: 80,
            health_check_port: None,
            preserve_client_ip: None,
            targets: vec![
                Target { target: TargetRef::Instance(id("i-web-a")), port: None },
                Target { target: TargetRef::Instance(id("i-web-c")), port: None },
            ],
            tags: Default::default(),
        });
        d
    }

    #[test]
    fn fires_on_one_zone_and_on_two_subnets_in_a_zone() {
        let mut d = with_alb();
        get_mut::<LoadBalancer>(&mut d, "alb-web").subnets = vec![id("subnet-public-a")];
        assert_eq!(fires(&d, "lb-availability-zones", "alb-web").severity, crate::check::Severity::Error);
        let mut d = with_alb();
        get_mut::<LoadBalancer>(&mut d, "alb-web").subnets =
            vec![id("subnet-public-a"), id("subnet-private-a"), id("subnet-public-c")];
        fires(&d, "lb-availability-zones", "subnet-private-a");
    }

    #[test]
    fn quiet_across_two_zones() {
        quiet(&with_alb(), "lb-availability-zones");
    }
}
