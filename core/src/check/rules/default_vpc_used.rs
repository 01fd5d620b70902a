//! `default-vpc-used`: the default VPC is made for quick starts: every default subnet is public and gives instances
//! public IPs (SEMANTICS I7). Production workloads belong in a VPC designed for them.

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::model::{HashMap, Network};

pub(super) const RULE: Rule = Rule {
    code: "default-vpc-used",
    severity: Severity::Warning,
    title_en: "Workloads run in the default VPC",
    title_ko: "워크로드가 기본 VPC에서 실행됩니다",
    docs: docs::DEFAULT_VPC,
    refs: References { security_hub: &[], checkov: &["CKV_AWS_148"], cfn_lint: &[] },
    check,
};

/// How many workloads run in each VPC: instances in its subnets, its load balancers, and ECS services with a subnet in
/// it. Subnets are matched by id, so a subnet id that two VPCs' subnets share counts for both.
fn workloads<'d>(net: &Network<'d>) -> HashMap<&'d str, usize> {
    let d = net.design;
    let mut vpcs_of_subnet: HashMap<&str, Vec<&str>> = HashMap::default();
    for s in &d.subnets {
        let vpcs = vpcs_of_subnet.entry(s.id.as_str()).or_default();
        if !vpcs.contains(&s.vpc.as_str()) {
            vpcs.push(s.vpc.as_str());
        }
    }
    let mut count: HashMap<&str, usize> = HashMap::default();
    for i in &d.instances {
        for vpc in vpcs_of_subnet.get(i.subnet.as_str()).into_iter().flatten() {
            *count.entry(vpc).or_default() += 1;
        }
    }
    for l in &d.load_balancers {
        *count.entry(l.vpc.as_str()).or_default() += 1;
    }
    for s in &d.ecs_services {
        let mut vpcs: Vec<&str> =
            s.subnets.iter().filter_map(|x| vpcs_of_subnet.get(x.as_str())).flatten().copied().collect();
        vpcs.sort_unstable();
        vpcs.dedup();
        for vpc in vpcs {
            *count.entry(vpc).or_default() += 1;
        }
    }
    count
}

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    let mut counted = None;
    for vpc in net.design.vpcs.iter().filter(|v| v.is_default) {
        let workloads = counted.get_or_insert_with(|| workloads(net)).get(vpc.id.as_str()).copied().unwrap_or(0);
        if workloads > 0 {
            sink.report(
                [&vpc.id],
                format!("{workloads} workload(s) run in the default VPC {}, whose subnets are all public and hand out public IPs. Build a VPC with private subnets for them.", show(&vpc.id, &vpc.name)),
                format!("워크로드 {workloads}개가 기본 VPC {}에서 실행됩니다. 기본 VPC의 서브넷은 모두 퍼블릭이고 퍼블릭 IP를 나눠 줍니다. 프라이빗 서브넷이 있는 VPC를 따로 만드세요.", show(&vpc.id, &vpc.name)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::Vpc;

    #[test]
    fn fires_when_the_sample_vpc_is_the_default_one() {
        let mut d = sample();
        get_mut::<Vpc>(&mut d, "vpc-main").is_default = true;
        fires(&d, "default-vpc-used", "vpc-main");
    }

    #[test]
    fn quiet_otherwise() {
        quiet(&sample(), "default-vpc-used");
    }
}
