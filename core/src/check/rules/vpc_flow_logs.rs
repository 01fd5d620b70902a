//! `vpc-flow-logs`: without flow logs there is no record of accepted and rejected traffic to investigate with
//! (Security Hub EC2.6). The fix turns them on.

use super::{docs, show};
use crate::check::{FixStep, References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "vpc-flow-logs",
    severity: Severity::Warning,
    title_en: "VPC flow logs are off",
    title_ko: "VPC 흐름 로그가 꺼져 있습니다",
    docs: docs::FLOW_LOGS,
    refs: References { security_hub: &["EC2.6"], checkov: &["CKV2_AWS_11"], cfn_lint: &[] },
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for vpc in net.design.vpcs.iter().filter(|v| !v.flow_logs) {
        sink.report(
            [&vpc.id],
            format!("VPC {} has no flow logs, so there is no record of the traffic it accepts and rejects. Turn flow logs on (at least rejected traffic).", show(&vpc.id, &vpc.name)),
            format!("VPC {}에 흐름 로그가 없어 허용·거부된 트래픽의 기록이 남지 않습니다. 흐름 로그를 켜세요(최소한 거부된 트래픽).", show(&vpc.id, &vpc.name)),
        )
        .with_fix("Turn flow logs on", "흐름 로그 켜기", vec![FixStep::SetFlowLogs { vpc: vpc.id.clone(), enabled: true }]);
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::Vpc;

    #[test]
    fn fires_when_off_and_the_fix_turns_them_on() {
        let mut d = sample();
        get_mut::<Vpc>(&mut d, "vpc-main").flow_logs = false;
        let f = fires(&d, "vpc-flow-logs", "vpc-main");
        quiet(&apply_fix(&d, &f), "vpc-flow-logs");
    }

    #[test]
    fn quiet_when_on() {
        quiet(&sample(), "vpc-flow-logs");
    }
}
