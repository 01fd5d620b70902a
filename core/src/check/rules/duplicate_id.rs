//! `duplicate-id`: two resources share an id, so references to it are ambiguous.

use super::docs;
use crate::check::{References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "duplicate-id",
    severity: Severity::Error,
    title_en: "Two resources have the same id",
    title_ko: "두 리소스의 ID가 같습니다",
    docs: docs::IP_ADDRESSING,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for (r, first) in net.duplicates() {
        let (r, first) = (*r, *first);
        {
            sink.report(
                [r.id],
                format!(
                    "The id {} is used by a {} and a {}; references to it are ambiguous. Give one of them a new id.",
                    r.id,
                    first.label(),
                    r.kind.label()
                ),
                format!(
                    "ID {}를 {}와 {}가 함께 쓰고 있어 이 ID를 가리키는 참조가 모호합니다. 둘 중 하나에 새 ID를 주세요.",
                    r.id,
                    first.label(),
                    r.kind.label()
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::InternetGateway;

    #[test]
    fn fires_on_a_repeated_id() {
        let mut d = sample();
        get_mut::<InternetGateway>(&mut d, "igw-main").id = id("nat-a");
        fires(&d, "duplicate-id", "nat-a");
    }

    #[test]
    fn quiet_on_distinct_ids() {
        quiet(&sample(), "duplicate-id");
    }
}
