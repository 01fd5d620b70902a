//! `sg-open-high-risk-port`: a security group lets anyone reach one of the ports Security Hub EC2.19 calls high risk
//! (databases, file sharing, consoles). SSH and RDP are `sg-open-admin-port`; all ports are `sg-open-all-ports`.

use super::sg_open_ports::{describe, open_to_world, opens_everything};
use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "sg-open-high-risk-port",
    severity: Severity::Warning,
    title_en: "A security group allows a high-risk port from anywhere",
    title_ko: "보안 그룹이 어디서나 위험도가 높은 포트 접속을 허용합니다",
    docs: docs::SECURITY_HUB_EC2,
    refs: References { security_hub: &["EC2.19"], checkov: &[], cfn_lint: &[] },
    check,
};

/// Security Hub EC2.19's blocked ports, without 22 and 3389 (reported by `sg-open-admin-port`).
/// Source: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html (EC2.19, `blockedPorts`).
const HIGH_RISK: [u16; 22] = [
    20, 21, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888, 9200,
    9300,
];

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for g in &net.design.security_groups {
        for (rule, ports) in open_to_world(g).filter(|(_, p)| !opens_everything(*p)) {
            let hit: Vec<String> = HIGH_RISK.iter().filter(|p| ports.contains(**p)).map(|p| p.to_string()).collect();
            if hit.is_empty() {
                continue;
            }
            let list = hit.join(", ");
            sink.report(
                [&g.id],
                format!("Security group {} opens high-risk port(s) {list} to {}. Allow them only from the load balancer, application tier or addresses that need them.", show(&g.id, &g.name), describe(rule)),
                format!("보안 그룹 {}이 위험도가 높은 포트 {list}를 {}에 엽니다. 로드 밸런서, 애플리케이션 계층 등 필요한 곳에서만 허용하세요.", show(&g.id, &g.name), describe(rule)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::{RulePeer, SecurityGroup};
    use crate::net::PortRange;

    #[test]
    fn fires_on_mysql_from_anywhere() {
        let mut d = sample();
        get_mut::<SecurityGroup>(&mut d, "sg-web").inbound[0].ports = Some(PortRange::single(3306));
        get_mut::<SecurityGroup>(&mut d, "sg-web").inbound[0].peer = RulePeer::Cidr("0.0.0.0/0".parse().unwrap());
        let f = fires(&d, "sg-open-high-risk-port", "sg-web");
        assert!(f.message.en.contains("3306"));
    }

    #[test]
    fn quiet_on_https_from_anywhere() {
        let mut d = sample();
        get_mut::<SecurityGroup>(&mut d, "sg-web").inbound[0].ports = Some(PortRange::single(443));
        get_mut::<SecurityGroup>(&mut d, "sg-web").inbound[0].peer = RulePeer::Cidr("0.0.0.0/0".parse().unwrap());
        quiet(&d, "sg-open-high-risk-port");
    }
}
