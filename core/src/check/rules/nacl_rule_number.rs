//! `nacl-rule-number`: NACL rule numbers run from 1 to 32766 and are unique within each direction (SEMANTICS L3).

use crate::model::HashSet;
use crate::model::rule_match::NACL_RULE_NUMBERS;

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "nacl-rule-number",
    severity: Severity::Error,
    title_en: "A network ACL rule number is out of range or repeated",
    title_ko: "네트워크 ACL 규칙 번호가 범위를 벗어나거나 중복됩니다",
    docs: docs::NACL,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for acl in &net.design.network_acls {
        let name = show(&acl.id, &acl.name);
        for (dir, dir_ko, rules) in [("inbound", "인바운드", &acl.inbound), ("outbound", "아웃바운드", &acl.outbound)]
        {
            let mut seen = HashSet::default();
            for r in rules {
                if !NACL_RULE_NUMBERS.contains(&r.rule_number) {
                    sink.report(
                        [&acl.id],
                        format!("Network ACL {name} has the {dir} rule number {}; rule numbers run from 1 to 32766.", r.rule_number),
                        format!("네트워크 ACL {name}의 {dir_ko} 규칙 번호 {}는 쓸 수 없습니다. 규칙 번호는 1부터 32766까지입니다.", r.rule_number),
                    );
                } else if !seen.insert(r.rule_number) {
                    sink.report(
                        [&acl.id],
                        format!("Network ACL {name} has two {dir} rules numbered {}; each number is used once per direction.", r.rule_number),
                        format!("네트워크 ACL {name}에 번호가 {}인 {dir_ko} 규칙이 둘 있습니다. 방향마다 번호는 한 번만 쓸 수 있습니다.", r.rule_number),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::NetworkAcl;

    #[test]
    fn fires_on_zero_too_large_and_repeated() {
        for n in [0, 32767] {
            let mut d = sample();
            get_mut::<NetworkAcl>(&mut d, "acl-default").inbound[0].rule_number = n;
            fires(&d, "nacl-rule-number", "acl-default");
        }
        let mut d = sample();
        let extra = get::<NetworkAcl>(&d, "acl-default").outbound[0].clone();
        get_mut::<NetworkAcl>(&mut d, "acl-default").outbound.push(extra);
        fires(&d, "nacl-rule-number", "acl-default");
    }

    #[test]
    fn quiet_on_valid_numbers() {
        let mut d = sample();
        get_mut::<NetworkAcl>(&mut d, "acl-default").inbound[0].rule_number = 32766;
        quiet(&d, "nacl-rule-number");
    }
}
