//! `elastic-ip-quota`: more than 5 Elastic IPs in one Region exceeds the default quota (raisable on request).

use std::collections::BTreeMap;

use super::docs;
use crate::check::{References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "elastic-ip-quota",
    severity: Severity::Warning,
    title_en: "More than 5 Elastic IPs in a Region (default quota)",
    title_ko: "한 리전의 탄력적 IP가 5개(기본 할당량)를 넘습니다",
    docs: docs::QUOTAS,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    let mut by_region: BTreeMap<&str, Vec<&crate::doc::Id>> = BTreeMap::new();
    for e in &net.design.elastic_ips {
        by_region.entry(e.region.as_str()).or_default().push(&e.id);
    }
    for (region, ids) in by_region.into_iter().filter(|(_, ids)| ids.len() > 5) {
        sink.report(
            ids.iter().copied(),
            format!("The design uses {} Elastic IPs in {region}; the default quota is 5 per Region. Request a quota increase before deploying, or use fewer (a NAT gateway or load balancer can front several instances).", ids.len()),
            format!("설계가 {region}에서 탄력적 IP {}개를 씁니다. 기본 할당량은 리전당 5개입니다. 배포 전에 할당량 증가를 요청하거나, NAT 게이트웨이나 로드 밸런서로 줄이세요.", ids.len()),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::ElasticIp;

    #[test]
    fn fires_on_six() {
        let mut d = sample();
        for i in 0..4 {
            let mut e = get::<ElasticIp>(&d, "eip-nat-a").clone();
            e.id = id(&format!("eip-extra-{i}"));
            d.elastic_ips.push(e);
        }
        fires(&d, "elastic-ip-quota", "eip-extra-3");
    }

    #[test]
    fn quiet_on_five() {
        let mut d = sample();
        for i in 0..3 {
            let mut e = get::<ElasticIp>(&d, "eip-nat-a").clone();
            e.id = id(&format!("eip-extra-{i}"));
            d.elastic_ips.push(e);
        }
        quiet(&d, "elastic-ip-quota");
    }
}
