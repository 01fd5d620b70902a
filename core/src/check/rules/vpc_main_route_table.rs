//! `vpc-main-route-table`: every VPC has exactly one main route table, which serves each subnet without an explicit
//! association (SEMANTICS R1).

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "vpc-main-route-table",
    severity: Severity::Error,
    title_en: "A VPC does not have exactly one main route table",
    title_ko: "VPC의 기본(main) 라우팅 테이블이 정확히 하나가 아닙니다",
    docs: docs::ROUTE_TABLES,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    let mut by_vpc: crate::model::HashMap<&str, Vec<&crate::doc::RouteTable>> = std::collections::HashMap::default();
    for t in net.design.route_tables.iter().filter(|t| t.main) {
        by_vpc.entry(t.vpc.as_str()).or_default().push(t);
    }
    for vpc in &net.design.vpcs {
        let mains = by_vpc.get(vpc.id.as_str()).map(Vec::as_slice).unwrap_or_default();
        let name = show(&vpc.id, &vpc.name);
        match mains.len() {
            1 => {}
            0 => {
                sink.report(
                    [&vpc.id],
                    format!("VPC {name} has no main route table; AWS always gives a VPC one, and subnets without an association use it. Mark one of its route tables as main."),
                    format!("VPC {name}에 기본 라우팅 테이블이 없습니다. AWS는 VPC마다 하나를 만들며, 연결이 없는 서브넷이 이를 씁니다. 라우팅 테이블 하나를 기본으로 지정하세요."),
                );
            }
            _ => {
                let ids: Vec<_> = mains.iter().map(|t| &t.id).collect();
                let list = ids.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", ");
                sink.report(
                    std::iter::once(&vpc.id).chain(ids),
                    format!("VPC {name} has {} main route tables ({list}); a VPC has exactly one.", mains.len()),
                    format!(
                        "VPC {name}의 기본 라우팅 테이블이 {}개({list})입니다. VPC에는 정확히 하나만 있어야 합니다.",
                        mains.len()
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::RouteTable;

    #[test]
    fn fires_on_none_and_on_two() {
        let mut d = sample();
        get_mut::<RouteTable>(&mut d, "rtb-main").main = false;
        fires(&d, "vpc-main-route-table", "vpc-main");
        get_mut::<RouteTable>(&mut d, "rtb-main").main = true;
        get_mut::<RouteTable>(&mut d, "rtb-public").main = true;
        fires(&d, "vpc-main-route-table", "rtb-public");
    }

    #[test]
    fn quiet_on_one() {
        quiet(&sample(), "vpc-main-route-table");
    }
}
