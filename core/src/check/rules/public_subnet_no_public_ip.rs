//! `public-subnet-no-public-ip`: an instance in a public subnet without a public IPv4 address cannot use the internet
//! gateway: the gateway only translates addresses that have a public pairing (SEMANTICS I3, R8).

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "public-subnet-no-public-ip",
    severity: Severity::Warning,
    title_en: "An instance in a public subnet has no public IP",
    title_ko: "퍼블릭 서브넷의 인스턴스에 퍼블릭 IP가 없습니다",
    docs: docs::INTERNET_GATEWAY,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for i in &net.design.instances {
        let Some(subnet) = net.subnet(&i.subnet) else { continue };
        if net.is_public(subnet) && !net.has_public_ip(i) {
            sink.report(
                [&i.id, &subnet.id],
                format!(
                    "Instance {} is in the public subnet {} but has no public IP or Elastic IP, so the internet gateway drops its traffic to the internet and nothing from the internet reaches it. Give it a public IP or an Elastic IP, or move it to a private subnet that routes through a NAT gateway.",
                    show(&i.id, &i.name),
                    show(&subnet.id, &subnet.name)
                ),
                format!(
                    "인스턴스 {}는 퍼블릭 서브넷 {}에 있지만 퍼블릭 IP나 탄력적 IP가 없어 인터넷 게이트웨이가 인터넷으로 가는 트래픽을 버리고, 인터넷에서도 접근할 수 없습니다. 퍼블릭 IP나 탄력적 IP를 주거나, NAT 게이트웨이로 라우팅하는 프라이빗 서브넷으로 옮기세요.",
                    show(&i.id, &i.name),
                    show(&subnet.id, &subnet.name)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::Instance;

    #[test]
    fn fires_without_a_public_address() {
        let mut d = sample();
        get_mut::<Instance>(&mut d, "i-bastion").public_ip = None;
        get_mut::<Instance>(&mut d, "i-bastion").associate_public_ip = Some(false);
        fires(&d, "public-subnet-no-public-ip", "i-bastion");
    }

    #[test]
    fn quiet_when_the_subnet_assigns_one() {
        let mut d = sample();
        get_mut::<Instance>(&mut d, "i-bastion").public_ip = None; // map_public_ip_on_launch gives it one
        quiet(&d, "public-subnet-no-public-ip");
    }
}
