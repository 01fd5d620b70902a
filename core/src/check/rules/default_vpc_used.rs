//! `default-vpc-used`: the default VPC is made for quick starts: every default subnet is public and gives instances
//! public IPs (SEMANTICS I7). Production workloads belong in a VPC designed for them.

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "default-vpc-used",
    severity: Severity::Warning,
    title_en: "Workloads run in the default VPC",
    title_ko: "워크로드가 기본 VPC에서 실행됩니다",
    docs: docs::DEFAULT_VPC,
    refs: References { security_hub: &[], checkov: &["CKV_AWS_148"], cfn_lint: &[] },
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for vpc in net.design.vpcs.iter().filter(|v| v.is_default) {
        let subnets: crate::model::HashSet<&str> = net.subnets_of(&vpc.id).map(|s| s.id.as_str()).collect();
        let workloads = net.design.instances.iter().filter(|i| subnets.contains(i.subnet.as_str())).count()
            + net.design.load_balancers.iter().filter(|l| l.vpc == vpc.id).count()
            + net.design.ecs_services.iter().filter(|s| s.subnets.iter().any(|x| subnets.contains(x.as_str()))).count();
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

    #[test]
    fn fires_when_the_sample_vpc_is_the_default_one() {
        let mut d = sample();
        d.vpcs[0].is_default = true;
        fires(&d, "default-vpc-used", "vpc-main");
    }

    #[test]
    fn quiet_otherwise() {
        quiet(&sample(), "default-vpc-used");
    }
}
