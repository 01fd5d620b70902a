//! `nacl-open-admin-port`: a custom network ACL in use lets anyone (0.0.0.0/0 or ::/0) reach SSH (22) or RDP (3389).
//! Like Security Hub EC2.21, default NACLs are not flagged (they allow everything by design and cannot be deleted).

use crate::model::HashSet;

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::doc::RuleAction;
use crate::model::Network;
use crate::model::rule_match::{in_order, is_anywhere, protocol_covers, rule_ports};
use crate::net::{IpCidr, Protocol};

pub(super) const RULE: Rule = Rule {
    code: "nacl-open-admin-port",
    severity: Severity::Warning,
    title_en: "A network ACL allows SSH or RDP from anywhere",
    title_ko: "네트워크 ACL이 어디서나 SSH나 RDP 접속을 허용합니다",
    docs: docs::SECURITY_HUB_EC2,
    refs: References { security_hub: &["EC2.21"], checkov: &["CKV_AWS_232", "CKV_AWS_231"], cfn_lint: &[] },
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    let in_use: HashSet<&str> =
        net.design.subnets.iter().filter_map(|s| net.network_acl_of(s)).map(|a| a.id.as_str()).collect();
    for acl in net.design.network_acls.iter().filter(|a| !a.is_default && in_use.contains(a.id.as_str())) {
        for ((port, what), v4) in [(22u16, "SSH"), (3389, "RDP")].into_iter().flat_map(|p| [(p, true), (p, false)]) {
            // For each address family, the first rule that decides TCP to this port for every source decides for
            // "anywhere".
            let decider = in_order(&acl.inbound).into_iter().find(|r| {
                is_anywhere(&r.cidr)
                    && matches!(r.cidr, IpCidr::V4(_)) == v4
                    && protocol_covers(r.protocol, Protocol::TCP)
                    && rule_ports(r.protocol, r.ports).contains(port)
            });
            if let Some(r) = decider.filter(|r| r.action == RuleAction::Allow) {
                sink.report(
                    [&acl.id],
                    format!("Network ACL {} allows {what} (TCP {port}) from {} (rule {}). Allow it only from the addresses that administer the servers.", show(&acl.id, &acl.name), r.cidr, r.rule_number),
                    format!("네트워크 ACL {}이 {}에서 오는 {what}(TCP {port})을 허용합니다(규칙 {}). 서버를 관리하는 주소에서만 허용하세요.", show(&acl.id, &acl.name), r.cidr, r.rule_number),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::{NaclRule, NetworkAcl, RuleAction, Subnet};
    use crate::net::{PortRange, Protocol};

    fn design(rules: Vec<NaclRule>) -> crate::doc::Design {
        let mut d = sample();
        let mut acl = get::<NetworkAcl>(&d, "acl-default").clone();
        acl.id = id("acl-public");
        acl.is_default = false;
        acl.inbound = rules;
        d.network_acls.push(acl);
        get_mut::<Subnet>(&mut d, "subnet-public-a").network_acl = Some(id("acl-public"));
        d
    }

    fn rule(n: u32, action: RuleAction, ports: PortRange, cidr: &str) -> NaclRule {
        NaclRule {
            rule_number: n,
            action,
            protocol: Protocol::TCP,
            ports: Some(ports),
            icmp: None,
            cidr: cidr.parse().unwrap(),
        }
    }

    #[test]
    fn fires_on_ssh_from_anywhere() {
        let d = design(vec![rule(100, RuleAction::Allow, PortRange::new(0, 1023), "0.0.0.0/0")]);
        fires(&d, "nacl-open-admin-port", "acl-public");
    }

    #[test]
    fn an_ipv6_deny_does_not_close_ipv4() {
        let d = design(vec![
            rule(90, RuleAction::Deny, PortRange::single(3389), "::/0"),
            rule(100, RuleAction::Allow, PortRange::new(3389, 3389), "0.0.0.0/0"),
        ]);
        let f = fires(&d, "nacl-open-admin-port", "acl-public");
        assert!(f.message.en.contains("RDP"), "{}", f.message.en);
    }

    #[test]
    fn quiet_when_denied_first_or_limited_and_on_default_nacls() {
        let d = design(vec![
            rule(90, RuleAction::Deny, PortRange::single(22), "0.0.0.0/0"),
            rule(95, RuleAction::Deny, PortRange::single(3389), "::/0"),
            rule(96, RuleAction::Deny, PortRange::single(3389), "0.0.0.0/0"),
            rule(100, RuleAction::Allow, PortRange::new(0, 65535), "0.0.0.0/0"),
        ]);
        quiet(&d, "nacl-open-admin-port");
        quiet(&sample(), "nacl-open-admin-port");
    }
}
