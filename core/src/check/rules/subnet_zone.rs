//! `subnet-zone`: a subnet's Availability Zone must belong to its VPC's Region (SEMANTICS A6). When the Region lists
//! its zones, the zone must be one of them; otherwise its name must be the Region code and a letter.

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "subnet-zone",
    severity: Severity::Error,
    title_en: "A subnet's Availability Zone is not in its VPC's Region",
    title_ko: "서브넷의 가용 영역이 VPC 리전에 없습니다",
    docs: docs::SUBNETS,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for s in &net.design.subnets {
        let Some(vpc) = net.vpc(&s.vpc) else { continue };
        let region = vpc.region.as_str();
        let ok = match net.region(&vpc.region) {
            Some(r) if !r.availability_zones.is_empty() => {
                r.availability_zones.iter().any(|z| z.name == s.availability_zone)
            }
            _ => s
                .availability_zone
                .strip_prefix(region)
                .is_some_and(|rest| rest.len() == 1 && rest.chars().all(|c| c.is_ascii_lowercase())),
        };
        if !ok {
            let known = net
                .region(&vpc.region)
                .map(|r| r.availability_zones.iter().map(|z| z.name.as_str()).collect::<Vec<_>>().join(", "))
                .filter(|k| !k.is_empty())
                .unwrap_or_else(|| format!("{region}a, {region}b, …"));
            sink.report(
                [&s.id],
                format!(
                    "Subnet {} is in the zone {:?}, which is not a zone of {region} (its zones: {known}). A subnet lives in one zone of its VPC's Region.",
                    show(&s.id, &s.name),
                    s.availability_zone
                ),
                format!(
                    "서브넷 {}의 가용 영역 {:?}은 {region} 리전의 영역이 아닙니다(영역: {known}). 서브넷은 VPC 리전의 한 영역에 있어야 합니다.",
                    show(&s.id, &s.name),
                    s.availability_zone
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::{Region, Subnet};

    #[test]
    fn fires_on_a_zone_of_another_region() {
        let mut d = sample();
        get_mut::<Subnet>(&mut d, "subnet-public-c").availability_zone = "us-east-1a".into();
        fires(&d, "subnet-zone", "subnet-public-c");
    }

    #[test]
    fn fires_on_an_unlisted_zone_and_checks_names_when_none_are_listed() {
        let mut d = sample();
        get_mut::<Subnet>(&mut d, "subnet-public-c").availability_zone = "ap-northeast-2b".into();
        fires(&d, "subnet-zone", "subnet-public-c");
        get_mut::<Region>(&mut d, "ap-northeast-2").availability_zones.clear();
        quiet(&d, "subnet-zone");
        get_mut::<Subnet>(&mut d, "subnet-public-c").availability_zone = "ap-northeast-22".into();
        fires(&d, "subnet-zone", "subnet-public-c");
    }

    #[test]
    fn quiet_on_listed_zones() {
        quiet(&sample(), "subnet-zone");
    }
}
