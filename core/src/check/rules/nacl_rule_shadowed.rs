//! `nacl-rule-shadowed`: a NACL rule that can never match, because an earlier rule (lower number) matches all of its
//! traffic first. If the actions differ the rule does not do what it says; if they agree it is redundant
//! (SEMANTICS L3).

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::doc::RuleAction;
use crate::model::Network;
use crate::model::rule_match::{in_order, nacl_rule_covers};

pub(super) const RULE: Rule = Rule {
    code: "nacl-rule-shadowed",
    severity: Severity::Warning,
    title_en: "A network ACL rule never matches because an earlier rule hides it",
    title_ko: "앞선 규칙에 가려져 절대 적용되지 않는 네트워크 ACL 규칙이 있습니다",
    docs: docs::NACL,
    refs: References::NONE,
    check,
};

fn verb(a: RuleAction) -> (&'static str, &'static str) {
    match a {
        RuleAction::Allow => ("allows", "허용"),
        RuleAction::Deny => ("denies", "거부"),
    }
}

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for acl in &net.design.network_acls {
        let name = show(&acl.id, &acl.name);
        for (dir, dir_ko, rules) in [("inbound", "인바운드", &acl.inbound), ("outbound", "아웃바운드", &acl.outbound)]
        {
            let sorted = in_order(rules);
            for (j, later) in sorted.iter().enumerate() {
                let Some(earlier) =
                    sorted[..j].iter().find(|e| e.rule_number != later.rule_number && nacl_rule_covers(e, later))
                else {
                    continue;
                };
                let (ev, ev_ko) = verb(earlier.action);
                let (lv, lv_ko) = verb(later.action);
                let (en, ko) = if earlier.action == later.action {
                    ("It is redundant: remove it.".to_owned(), "불필요한 규칙이니 지우세요.".to_owned())
                } else {
                    (
                        format!(
                            "It says it {lv} that traffic, but rule {} {ev} it first: give it a lower number if it should win.",
                            earlier.rule_number
                        ),
                        format!(
                            "이 규칙은 {lv_ko}하려 하지만 규칙 {}이 먼저 {ev_ko}합니다. 이 규칙이 이겨야 한다면 더 낮은 번호를 주세요.",
                            earlier.rule_number
                        ),
                    )
                };
                sink.report(
                    [&acl.id],
                    format!("Network ACL {name}: {dir} rule {} never matches, because rule {} matches all of its traffic first. {en}", later.rule_number, earlier.rule_number),
                    format!("네트워크 ACL {name}: {dir_ko} 규칙 {}은 규칙 {}이 그 트래픽을 모두 먼저 처리하므로 절대 적용되지 않습니다. {ko}", later.rule_number, earlier.rule_number),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::{NaclRule, RuleAction};
    use crate::net::{PortRange, Protocol};

    fn deny_ssh(n: u32) -> NaclRule {
        NaclRule {
            rule_number: n,
            action: RuleAction::Deny,
            protocol: Protocol::TCP,
            ports: Some(PortRange::single(22)),
            icmp: None,
            cidr: "0.0.0.0/0".parse().unwrap(),
        }
    }

    #[test]
    fn fires_on_a_deny_after_an_allow_all() {
        let mut d = sample();
        d.network_acls[0].inbound.push(deny_ssh(200));
        let f = fires(&d, "nacl-rule-shadowed", "acl-default");
        assert!(f.message.en.contains("rule 200 never matches, because rule 100"), "{}", f.message.en);
    }

    #[test]
    fn quiet_when_the_deny_comes_first() {
        let mut d = sample();
        d.network_acls[0].inbound.push(deny_ssh(50));
        quiet(&d, "nacl-rule-shadowed");
    }
}
