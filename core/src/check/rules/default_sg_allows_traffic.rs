//! `default-sg-allows-traffic`: AWS advises that a VPC's default security group allow nothing, so that anything
//! launched without a group is isolated (Security Hub EC2.2). The fix removes its rules.

use super::{docs, show};
use crate::check::{FixStep, References, Rule, Severity, Sink};
use crate::doc::Id;
use crate::model::{HashMap, Network};

pub(super) const RULE: Rule = Rule {
    code: "default-sg-allows-traffic",
    severity: Severity::Warning,
    title_en: "A VPC's default security group allows traffic",
    title_ko: "VPC의 기본 보안 그룹이 트래픽을 허용합니다",
    docs: docs::SG_DEFAULT,
    refs: References { security_hub: &["EC2.2"], checkov: &["CKV2_AWS_12"], cfn_lint: &[] },
    check,
};

/// How many instances use each security group, and how many use none (and so their VPC's default group).
fn users<'d>(net: &Network<'d>) -> (HashMap<&'d str, usize>, usize) {
    let mut by_group: HashMap<&str, usize> = HashMap::default();
    let mut without = 0;
    for i in &net.design.instances {
        if i.security_groups.is_empty() {
            without += 1;
            continue;
        }
        // An instance that lists a group twice uses it once.
        let mut groups: Vec<&str> = i.security_groups.iter().map(Id::as_str).collect();
        groups.sort_unstable();
        groups.dedup();
        for g in groups {
            *by_group.entry(g).or_default() += 1;
        }
    }
    (by_group, without)
}

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    let mut counted = None;
    for g in net.design.security_groups.iter().filter(|g| g.is_default) {
        if g.inbound.is_empty() && g.outbound.is_empty() {
            continue;
        }
        let (by_group, without) = counted.get_or_insert_with(|| users(net));
        let users = *without + by_group.get(g.id.as_str()).copied().unwrap_or(0);
        let (note, note_ko) = if users > 0 {
            (
                format!(" {users} instance(s) use it; give them their own groups first."),
                format!(" 인스턴스 {users}개가 이 그룹을 씁니다. 먼저 전용 보안 그룹을 주세요."),
            )
        } else {
            (String::new(), String::new())
        };
        sink.report(
            [&g.id],
            format!("The default security group {} of VPC {} has {} inbound and {} outbound rule(s). Remove them so that anything launched without a group is isolated, and use dedicated groups.{note}", show(&g.id, &g.name), g.vpc, g.inbound.len(), g.outbound.len()),
            format!("VPC {}의 기본 보안 그룹 {}에 인바운드 규칙 {}개, 아웃바운드 규칙 {}개가 있습니다. 그룹 없이 시작된 리소스가 격리되도록 규칙을 지우고 전용 그룹을 쓰세요.{note_ko}", g.vpc, show(&g.id, &g.name), g.inbound.len(), g.outbound.len()),
        )
        .with_fix("Remove every rule of the default group", "기본 보안 그룹의 규칙 모두 삭제", vec![FixStep::ClearSecurityGroupRules { security_group: g.id.clone() }]);
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::{RulePeer, SecurityGroup, SgRule};
    use crate::net::Protocol;

    #[test]
    fn fires_on_the_aws_default_rules_and_the_fix_empties_the_group() {
        let mut d = sample();
        let all = |peer| SgRule { protocol: Protocol::All, ports: None, icmp: None, peer, description: String::new() };
        get_mut::<SecurityGroup>(&mut d, "sg-default")
            .inbound
            .push(all(RulePeer::SecurityGroup { group: id("sg-default"), account: None }));
        get_mut::<SecurityGroup>(&mut d, "sg-default").outbound.push(all(RulePeer::Cidr("0.0.0.0/0".parse().unwrap())));
        let f = fires(&d, "default-sg-allows-traffic", "sg-default");
        quiet(&apply_fix(&d, &f), "default-sg-allows-traffic");
    }

    #[test]
    fn quiet_on_an_empty_default_group() {
        quiet(&sample(), "default-sg-allows-traffic");
    }
}
