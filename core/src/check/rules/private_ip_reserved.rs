//! `private-ip-reserved`: AWS reserves five addresses in every subnet (network, router, DNS, future use and the last
//! one); none can be assigned (SEMANTICS A5).

use super::docs;
use crate::check::{References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "private-ip-reserved",
    severity: Severity::Error,
    title_en: "A private IP address is one of the five AWS reserves",
    title_ko: "사설 IP 주소가 AWS 예약 주소 5개 중 하나입니다",
    docs: docs::SUBNET_SIZE,
    refs: References::NONE,
    check,
};

const ROLES: [(&str, &str); 5] = [
    ("the network address", "네트워크 주소"),
    ("the VPC router", "VPC 라우터"),
    ("the Amazon DNS server", "Amazon DNS 서버"),
    ("reserved by AWS for future use", "AWS가 향후 사용을 위해 예약한 주소"),
    ("the last address of the subnet", "서브넷의 마지막 주소"),
];

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for a in net.assigned_addresses() {
        let Some(subnet) = net.subnet(a.subnet) else { continue };
        if !subnet.cidr.contains_addr(a.ip) {
            continue; // private-ip-outside-subnet
        }
        let reserved = Network::reserved_addresses(&subnet.cidr);
        if let Some(i) = reserved.iter().position(|r| *r == a.ip) {
            let (en, ko) = ROLES[i];
            sink.report(
                [a.owner],
                format!(
                    "{} has the address {}, which AWS reserves in subnet {} ({en}). Use an address from {} to {}.",
                    a.owner,
                    a.ip,
                    subnet.id,
                    std::net::Ipv4Addr::from(u32::from(reserved[3]).wrapping_add(1)),
                    std::net::Ipv4Addr::from(u32::from(reserved[4]).wrapping_sub(1))
                ),
                format!(
                    "{}의 주소 {}는 서브넷 {}에서 AWS가 예약한 주소({ko})입니다. {}부터 {}까지의 주소를 쓰세요.",
                    a.owner,
                    a.ip,
                    subnet.id,
                    std::net::Ipv4Addr::from(u32::from(reserved[3]).wrapping_add(1)),
                    std::net::Ipv4Addr::from(u32::from(reserved[4]).wrapping_sub(1))
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
    fn fires_on_each_reserved_address() {
        for ip in ["10.0.10.0", "10.0.10.1", "10.0.10.2", "10.0.10.3", "10.0.10.255"] {
            let mut d = sample();
            get_mut::<Instance>(&mut d, "i-web-a").private_ip = Some(ip.parse().unwrap());
            let f = fires(&d, "private-ip-reserved", "i-web-a");
            assert!(f.message.en.contains("Use an address from 10.0.10.4 to 10.0.10.254"), "{}", f.message.en);
        }
    }

    #[test]
    fn quiet_on_the_first_usable_address() {
        let mut d = sample();
        get_mut::<Instance>(&mut d, "i-web-a").private_ip = Some("10.0.10.4".parse().unwrap());
        quiet(&d, "private-ip-reserved");
    }
}
