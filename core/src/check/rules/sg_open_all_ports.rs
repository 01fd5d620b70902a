//! `sg-open-all-ports`: a security group lets anyone reach every port (all traffic, or TCP 0-65535).

use super::sg_open_ports::{describe, open_to_world, opens_everything};
use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "sg-open-all-ports",
    severity: Severity::Warning,
    title_en: "A security group allows all ports from anywhere",
    title_ko: "보안 그룹이 어디서나 모든 포트 접속을 허용합니다",
    docs: docs::SECURITY_HUB_EC2,
    refs: References { security_hub: &["EC2.18"], checkov: &["CKV_AWS_277"], cfn_lint: &[] },
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for g in &net.design.security_groups {
        for (rule, _) in open_to_world(g).filter(|(_, p)| opens_everything(*p)) {
            sink.report(
                [&g.id],
                format!("Security group {} allows {} traffic on every port from {}. Open only the ports the service listens on (80 and 443 for a web server).", show(&g.id, &g.name), rule.protocol, describe(rule)),
                format!("보안 그룹 {}이 {}에서 오는 모든 포트의 {} 트래픽을 허용합니다. 서비스가 쓰는 포트만 여세요(웹 서버라면 80, 443).", show(&g.id, &g.name), describe(rule), rule.protocol),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::{RulePeer, SecurityGroup, SgRule};
    use crate::net::Protocol;

    #[test]
    fn fires_on_all_traffic_from_anywhere() {
        let mut d = sample();
        get_mut::<SecurityGroup>(&mut d, "sg-web").inbound.push(SgRule {
            protocol: Protocol::All,
            ports: None,
            icmp: None,
            peer: RulePeer::Cidr("0.0.0.0/0".parse().unwrap()),
            description: String::new(),
        });
        fires(&d, "sg-open-all-ports", "sg-web");
        quiet(&d, "sg-open-admin-port");
    }

    #[test]
    fn quiet_on_all_traffic_from_the_vpc() {
        quiet(&sample(), "sg-open-all-ports");
    }
}
