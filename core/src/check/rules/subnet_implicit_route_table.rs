//! `subnet-implicit-route-table`: a subnet without an explicit route-table association uses its VPC's main table,
//! so changing the main table silently changes its routing (SEMANTICS R1).

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "subnet-implicit-route-table",
    severity: Severity::Info,
    title_en: "A subnet falls back to the main route table",
    title_ko: "서브넷이 기본 라우팅 테이블을 암시적으로 씁니다",
    docs: docs::ROUTE_TABLES,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for s in net.design.subnets.iter().filter(|s| s.route_table.is_none()) {
        let Some(main) = net.main_route_table(&s.vpc) else { continue };
        sink.report(
            [&s.id, &main.id],
            format!(
                "Subnet {} has no route table of its own and uses the main table {}; whatever changes the main table changes this subnet's routing. Associate a table explicitly.",
                show(&s.id, &s.name),
                main.id
            ),
            format!(
                "서브넷 {}에 연결된 라우팅 테이블이 없어 기본 테이블 {}을 씁니다. 기본 테이블을 바꾸면 이 서브넷의 라우팅도 바뀝니다. 테이블을 명시적으로 연결하세요.",
                show(&s.id, &s.name),
                main.id
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::Subnet;

    #[test]
    fn fires_without_an_association() {
        let mut d = sample();
        get_mut::<Subnet>(&mut d, "subnet-private-a").route_table = None;
        fires(&d, "subnet-implicit-route-table", "subnet-private-a");
    }

    #[test]
    fn quiet_with_associations() {
        quiet(&sample(), "subnet-implicit-route-table");
    }
}
