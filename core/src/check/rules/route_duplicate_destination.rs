//! `route-duplicate-destination`: a route table holds one route per destination; AWS refuses a second one
//! (SEMANTICS R2). The fix removes the later route.

use crate::model::HashMap;

use super::docs;
use crate::check::{FixStep, References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "route-duplicate-destination",
    severity: Severity::Error,
    title_en: "A route table has two routes to the same destination",
    title_ko: "라우팅 테이블에 같은 목적지로 가는 라우트가 둘 있습니다",
    docs: docs::ROUTE_TABLES,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for table in &net.design.route_tables {
        let mut seen: HashMap<String, usize> = HashMap::default();
        for (i, route) in table.routes.iter().enumerate() {
            let dest = route.destination_text();
            if let Some(first) = seen.get(&dest) {
                sink.report(
                    [&table.id],
                    format!(
                        "Route table {} has two routes to {dest} (routes {} and {}); a table holds one route per destination. Remove one.",
                        table.id, first + 1, i + 1
                    ),
                    format!(
                        "라우팅 테이블 {}에 {dest}로 가는 라우트가 둘({}번, {}번) 있습니다. 목적지마다 라우트는 하나뿐입니다. 하나를 지우세요.",
                        table.id, first + 1, i + 1
                    ),
                )
                .with_fix(
                    format!("Remove route {} to {dest}", i + 1),
                    format!("{dest}로 가는 {}번 라우트 삭제", i + 1),
                    vec![FixStep::RemoveRoute { route_table: table.id.clone(), index: i }],
                );
            } else {
                seen.insert(dest, i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::RouteTable;

    #[test]
    fn fires_and_the_fix_removes_the_second_route() {
        let mut d = sample();
        let extra = get::<RouteTable>(&d, "rtb-private-a").routes[0].clone();
        get_mut::<RouteTable>(&mut d, "rtb-private-a").routes.push(extra);
        let f = fires(&d, "route-duplicate-destination", "rtb-private-a");
        let fixed = apply_fix(&d, &f);
        assert_eq!(get::<RouteTable>(&fixed, "rtb-private-a").routes.len(), 1);
        quiet(&fixed, "route-duplicate-destination");
    }

    #[test]
    fn quiet_on_distinct_destinations() {
        quiet(&sample(), "route-duplicate-destination");
    }
}
