//! `private-ip-duplicate`: one private address can be held by one interface only.

use crate::model::HashMap;

use super::docs;
use crate::check::{References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "private-ip-duplicate",
    severity: Severity::Error,
    title_en: "Two resources have the same private IP address",
    title_ko: "두 리소스의 사설 IP 주소가 같습니다",
    docs: docs::IP_ADDRESSING,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    let mut seen = HashMap::default();
    for a in net.assigned_addresses() {
        let Some(vpc) = net.vpc_of_subnet(a.subnet) else { continue };
        if let Some(first) = seen.insert((vpc.id.as_str(), a.ip), a.owner) {
            if first != a.owner {
                sink.report(
                    [a.owner, first],
                    format!(
                        "{} and {} both have the address {} in VPC {}; give one of them another address.",
                        first, a.owner, a.ip, vpc.id
                    ),
                    format!(
                        "{}와 {}가 VPC {}에서 같은 주소 {}를 씁니다. 한쪽의 주소를 바꾸세요.",
                        first, a.owner, vpc.id, a.ip
                    ),
                );
            } else {
                sink.report(
                    [a.owner],
                    format!("{} lists the address {} twice.", a.owner, a.ip),
                    format!("{}에 주소 {}가 두 번 적혀 있습니다.", a.owner, a.ip),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::Instance;

    #[test]
    fn fires_on_a_shared_address() {
        let mut d = sample();
        get_mut::<Instance>(&mut d, "i-bastion").private_ip = Some("10.0.0.10".parse().unwrap()); // nat-a's address
        let f = fires(&d, "private-ip-duplicate", "i-bastion");
        assert!(f.resources.iter().any(|r| r.as_str() == "nat-a"));
    }

    #[test]
    fn quiet_on_distinct_addresses() {
        quiet(&sample(), "private-ip-duplicate");
    }
}
