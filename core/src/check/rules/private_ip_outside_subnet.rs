//! `private-ip-outside-subnet`: a private address must lie inside the subnet of its holder (SEMANTICS A7).

use super::docs;
use crate::check::{References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "private-ip-outside-subnet",
    severity: Severity::Error,
    title_en: "A private IP address is outside its subnet",
    title_ko: "사설 IP 주소가 서브넷 범위 밖에 있습니다",
    docs: docs::IP_ADDRESSING,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for a in net.assigned_addresses() {
        let Some(subnet) = net.subnet(a.subnet) else { continue };
        if !subnet.cidr.contains_addr(a.ip) {
            sink.report(
                [a.owner, a.subnet],
                format!(
                    "{} has the address {}, which is outside its subnet {} ({}).",
                    a.owner, a.ip, subnet.id, subnet.cidr
                ),
                format!("{}의 주소 {}가 서브넷 {}({}) 범위 밖에 있습니다.", a.owner, a.ip, subnet.id, subnet.cidr),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::Instance;

    #[test]
    fn fires_on_an_address_of_another_subnet() {
        let mut d = sample();
        get_mut::<Instance>(&mut d, "i-web-a").private_ip = Some("10.0.11.10".parse().unwrap());
        fires(&d, "private-ip-outside-subnet", "i-web-a");
    }

    #[test]
    fn quiet_inside() {
        quiet(&sample(), "private-ip-outside-subnet");
    }
}
