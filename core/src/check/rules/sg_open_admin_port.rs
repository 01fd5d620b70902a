//! `sg-open-admin-port`: a security group lets anyone (0.0.0.0/0 or ::/0) reach SSH (22) or RDP (3389).

use super::sg_open_ports::{describe, open_to_world, opens_everything};
use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "sg-open-admin-port",
    severity: Severity::Warning,
    title_en: "A security group allows SSH or RDP from anywhere",
    title_ko: "보안 그룹이 어디서나 SSH나 RDP 접속을 허용합니다",
    docs: docs::SECURITY_HUB_EC2,
    refs: References {
        security_hub: &["EC2.13", "EC2.14", "EC2.53", "EC2.54"],
        checkov: &["CKV_AWS_24", "CKV_AWS_25"],
        cfn_lint: &[],
    },
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for g in &net.design.security_groups {
        for (rule, ports) in open_to_world(g).filter(|(_, p)| !opens_everything(*p)) {
            for (port, what) in [(22u16, "SSH"), (3389, "RDP")].into_iter().filter(|(p, _)| ports.contains(*p)) {
                sink.report(
                    [&g.id],
                    format!("Security group {} allows {what} (TCP {port}) from {}. Allow it only from the addresses or security groups that administer the servers, or use Session Manager.", show(&g.id, &g.name), describe(rule)),
                    format!("보안 그룹 {}이 {}에서 오는 {what}(TCP {port})을 허용합니다. 서버를 관리하는 주소나 보안 그룹에서만 허용하거나 Session Manager를 쓰세요.", show(&g.id, &g.name), describe(rule)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::SecurityGroup;

    #[test]
    fn fires_on_ssh_from_anywhere() {
        let mut d = sample();
        get_mut::<SecurityGroup>(&mut d, "sg-bastion").inbound[0].peer =
            crate::doc::RulePeer::Cidr("0.0.0.0/0".parse().unwrap());
        fires(&d, "sg-open-admin-port", "sg-bastion");
        get_mut::<SecurityGroup>(&mut d, "sg-bastion").inbound[0].peer =
            crate::doc::RulePeer::Cidr("::/0".parse().unwrap());
        fires(&d, "sg-open-admin-port", "sg-bastion");
    }

    #[test]
    fn quiet_on_ssh_from_the_office() {
        quiet(&sample(), "sg-open-admin-port");
    }
}
