//! How the values typed into the editor's fields read, with AWS's rules for them: image ids, ASNs, account ids,
//! VLANs, an interface's address in its subnet, a task's CPU and memory, NACL rule numbers, and a container's port
//! mappings. The app shows the message of a value that does not read and leaves the design as it was.

use std::net::Ipv4Addr;
use std::ops::RangeInclusive;

use crate::doc::{Design, Id, NaclRule, PortMapping, TaskDefinition, TransportProtocol};
use crate::model::Network;
use crate::model::rule_match::NACL_RULE_NUMBERS;
use crate::net::Ipv4Cidr;
use crate::text::Text;

/// A typed value that does not read: which field, what was typed, and the AWS rule it breaks (in its text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldError {
    /// Not `ami-` and 8 or 17 hexadecimal digits; the text typed.
    NotAnAmiId(String),
    /// An Amazon-side ASN outside the private ranges 64512–65534 and 4200000000–4294967294.
    NotAPrivateAsn,
    /// An AWS account id that is not 12 digits.
    NotAnAccountId,
    /// Not a whole number in `range`; the field, named in English and Korean.
    OutOfRange { field: Text, range: RangeInclusive<u32> },
    /// A network ACL rule number another rule of the same direction has.
    RuleNumberTaken(u32),
    /// A network ACL rule number outside [`NACL_RULE_NUMBERS`].
    NotARuleNumber,
    /// Not an IPv4 address; the text typed.
    NotAnAddress(String),
    /// An address outside its subnet's block.
    OutsideSubnet { ip: Ipv4Addr, subnet: Id, cidr: Ipv4Cidr },
    /// One of the five addresses AWS reserves in a subnet.
    Reserved { ip: Ipv4Addr, cidr: Ipv4Cidr },
    /// Not a port mapping (`80`, `8080:80`, `53/udp`); the mapping typed.
    NotAPortMapping(String),
    /// A container port of 0.
    NoContainerPort,
}

impl FieldError {
    /// The reason in English and Korean.
    pub fn text(&self) -> Text {
        match self {
            FieldError::NotAnAmiId(t) => Text::new(
                format!("{t:?} is not an AMI id: ami- and 8 or 17 hexadecimal digits."),
                format!("{t:?}는 AMI ID가 아닙니다. ami- 뒤에 16진수 8자리나 17자리입니다."),
            ),
            FieldError::NotAPrivateAsn => Text::new(
                "The Amazon-side ASN is a private ASN: 64512–65534 or 4200000000–4294967294.",
                "Amazon 측 ASN은 사설 ASN입니다: 64512–65534 또는 4200000000–4294967294.",
            ),
            FieldError::NotAnAccountId => {
                Text::new("An AWS account id has 12 digits.", "AWS 계정 ID는 12자리 숫자입니다.")
            }
            FieldError::OutOfRange { field, range } => Text::new(
                format!("{} is a whole number from {} to {}.", field.en, range.start(), range.end()),
                format!("{}은(는) {}에서 {} 사이의 정수입니다.", field.ko, range.start(), range.end()),
            ),
            FieldError::RuleNumberTaken(n) => Text::new(
                format!("Rule {n} already exists in this direction."),
                format!("이 방향에 규칙 {n}가 이미 있습니다."),
            ),
            FieldError::NotARuleNumber => {
                let (first, last) = (NACL_RULE_NUMBERS.start(), NACL_RULE_NUMBERS.end());
                Text::new(
                    format!("A rule number is from {first} to {last}."),
                    format!("규칙 번호는 {first}에서 {last} 사이입니다."),
                )
            }
            FieldError::NotAnAddress(t) => Text::new(
                format!("{t:?} is not an IPv4 address (such as 10.0.1.10)."),
                format!("{t:?}는 IPv4 주소가 아닙니다(예: 10.0.1.10)."),
            ),
            FieldError::OutsideSubnet { ip, subnet, cidr } => Text::new(
                format!("{ip} is outside subnet {subnet} ({cidr})."),
                format!("{ip}는 서브넷 {subnet}({cidr}) 밖입니다."),
            ),
            FieldError::Reserved { ip, cidr } => Text::new(
                format!("AWS reserves {ip} in {cidr}: the first four addresses and the last one of a subnet."),
                format!("AWS는 {cidr}에서 {ip}를 예약합니다. 서브넷의 처음 네 주소와 마지막 주소입니다."),
            ),
            FieldError::NotAPortMapping(whole) => Text::new(
                format!("{whole:?} is not a port mapping: write 80, 8080:80 (host:container) or 53/udp."),
                format!("{whole:?}는 포트 매핑이 아닙니다. 80, 8080:80(호스트:컨테이너), 53/udp처럼 씁니다."),
            ),
            FieldError::NoContainerPort => {
                Text::new("A container port is from 1 to 65535.", "컨테이너 포트는 1에서 65535 사이입니다.")
            }
        }
    }
}

bilingual_error!(FieldError);

/// An AMI id: `ami-` and 8 or 17 hexadecimal digits, as EC2 writes image ids. Empty is no image id.
pub fn read_ami_id(text: &str) -> Result<String, FieldError> {
    let t = text.trim();
    let ok = t.is_empty()
        || t.strip_prefix("ami-")
            .is_some_and(|h| (h.len() == 8 || h.len() == 17) && h.chars().all(|c| c.is_ascii_hexdigit()));
    if ok { Ok(t.to_owned()) } else { Err(FieldError::NotAnAmiId(t.to_owned())) }
}

/// The Amazon-side ASN of a virtual private, transit or Direct Connect gateway: a private ASN, 64512–65534 or
/// 4200000000–4294967294 (Amazon VPC and Direct Connect user guides). Empty is `None` (AWS's default, 64512).
pub fn read_amazon_asn(text: &str) -> Result<Option<u32>, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<u32>() {
        Ok(n) if (64512..=65534).contains(&n) || (4_200_000_000..=4_294_967_294).contains(&n) => Ok(Some(n)),
        _ => Err(FieldError::NotAPrivateAsn),
    }
}

/// A customer gateway's BGP ASN: 1–2147483647 (CreateCustomerGateway).
pub fn read_customer_asn(text: &str) -> Result<u32, FieldError> {
    read_number(text, 1..=2_147_483_647, ("The BGP ASN", "BGP ASN"))
}

/// A 12-digit AWS account id; empty is `None` (the same account).
pub fn read_account_id(text: &str) -> Result<Option<String>, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.len() == 12 && t.chars().all(|c| c.is_ascii_digit()) {
        Ok(Some(t.to_owned()))
    } else {
        Err(FieldError::NotAnAccountId)
    }
}

/// A whole number in `range`, named `what` in the message.
pub fn read_number(text: &str, range: RangeInclusive<u32>, what: (&str, &str)) -> Result<u32, FieldError> {
    match text.trim().parse::<u32>() {
        Ok(n) if range.contains(&n) => Ok(n),
        _ => Err(FieldError::OutOfRange { field: Text::new(what.0, what.1), range }),
    }
}

/// A whole number in `range`, or `None` when empty.
fn read_optional_number(text: &str, range: RangeInclusive<u32>, what: (&str, &str)) -> Result<Option<u32>, FieldError> {
    if text.trim().is_empty() { Ok(None) } else { read_number(text, range, what).map(Some) }
}

/// A task definition's CPU units ([`TaskDefinition::CPU_UNITS`]); empty is `None` (set per container).
pub fn read_task_cpu(text: &str) -> Result<Option<u32>, FieldError> {
    read_optional_number(text, TaskDefinition::CPU_UNITS, ("CPU units", "CPU 단위"))
}

/// A task definition's memory in MiB ([`TaskDefinition::MEMORY_MIB`]); empty is `None` (set per container).
pub fn read_task_memory(text: &str) -> Result<Option<u32>, FieldError> {
    read_optional_number(text, TaskDefinition::MEMORY_MIB, ("Memory", "메모리"))
}

/// A network ACL rule number typed for the rule at `index` of `rules` (one direction): within
/// [`NACL_RULE_NUMBERS`] and not another rule's of the same direction.
pub fn read_rule_number(rules: &[NaclRule], index: usize, text: &str) -> Result<u32, FieldError> {
    match text.trim().parse::<u32>() {
        Ok(n) if NACL_RULE_NUMBERS.contains(&n) => {
            if rules.iter().enumerate().any(|(k, r)| k != index && r.rule_number == n) {
                Err(FieldError::RuleNumberTaken(n))
            } else {
                Ok(n)
            }
        }
        _ => Err(FieldError::NotARuleNumber),
    }
}

/// An optional IPv4 address: empty is `None`.
pub fn read_optional_ip(text: &str) -> Result<Option<Ipv4Addr>, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<Ipv4Addr>().map(Some).map_err(|_| FieldError::NotAnAddress(t.to_owned()))
}

/// A private address for an interface in `subnet`: inside its block, and not one of the five AWS reserves (the
/// first four and the last). Empty is `None` (assigned at launch).
pub fn read_address_in_subnet(d: &Design, subnet: &Id, text: &str) -> Result<Option<Ipv4Addr>, FieldError> {
    let Some(ip) = read_optional_ip(text)? else { return Ok(None) };
    let Some(s) = d.subnets.iter().find(|s| &s.id == subnet) else { return Ok(Some(ip)) };
    if !s.cidr.contains_addr(ip) {
        return Err(FieldError::OutsideSubnet { ip, subnet: s.id.clone(), cidr: s.cidr });
    }
    if Network::reserved_addresses(&s.cidr.canonical()).contains(&ip) {
        return Err(FieldError::Reserved { ip, cidr: s.cidr });
    }
    Ok(Some(ip))
}

/// Port mappings as the editor writes them: `80`, `8080:80` (host:container), `53/udp`, separated by commas.
pub fn mappings_text(ports: &[PortMapping]) -> String {
    ports
        .iter()
        .map(|p| {
            let mut s = match p.host_port {
                Some(h) => format!("{h}:{}", p.container_port),
                None => p.container_port.to_string(),
            };
            if p.protocol == TransportProtocol::Udp {
                s.push_str("/udp");
            }
            s
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads what [`mappings_text`] writes. A host port of 0 is a dynamic port (bridge mode).
pub fn read_mappings(text: &str) -> Result<Vec<PortMapping>, FieldError> {
    let bad = |whole: &str| FieldError::NotAPortMapping(whole.to_owned());
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .map(|whole| {
            let port = |s: &str| s.trim().parse::<u16>().map_err(|_| bad(whole));
            let (ports, protocol) = match whole.split_once('/') {
                Some((p, "udp")) => (p, TransportProtocol::Udp),
                Some((p, "tcp")) => (p, TransportProtocol::Tcp),
                Some(_) => return Err(bad(whole)),
                None => (whole, TransportProtocol::Tcp),
            };
            let (host_port, container_port) = match ports.split_once(':') {
                Some((h, c)) => (Some(port(h)?), port(c)?),
                None => (None, port(ports)?),
            };
            if container_port == 0 {
                return Err(FieldError::NoContainerPort);
            }
            Ok(PortMapping { container_port, host_port, protocol })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::NetworkAcl;
    use crate::testing::get;

    #[test]
    fn image_ids_asns_and_accounts_follow_aws() {
        assert!(read_ami_id("ami-0abcdef1234567890").is_ok());
        assert!(read_ami_id("ami-12345678").is_ok());
        assert_eq!(read_ami_id(" ").ok().as_deref(), Some(""));
        for bad in ["ami-12", "ami-0abcdef123456789g", "img-12345678"] {
            assert!(read_ami_id(bad).is_err(), "{bad}");
        }
        assert_eq!(read_amazon_asn("64512").ok(), Some(Some(64512)));
        assert_eq!(read_amazon_asn("4200000000").ok(), Some(Some(4_200_000_000)));
        assert_eq!(read_amazon_asn("").ok(), Some(None));
        for bad in ["100", "65535", "4294967295", "x"] {
            assert!(read_amazon_asn(bad).is_err(), "{bad}");
        }
        assert!(read_customer_asn("65000").is_ok());
        assert!(read_customer_asn("0").is_err());
        assert_eq!(read_account_id("123456789012").ok(), Some(Some("123456789012".into())));
        assert!(read_account_id("12345").is_err());
    }

    #[test]
    fn task_sizes_follow_ecs_limits() {
        assert_eq!(read_task_cpu("256").ok(), Some(Some(256)));
        assert_eq!(read_task_cpu(" ").ok(), Some(None));
        assert_eq!(read_task_memory("512").ok(), Some(Some(512)));
        assert_eq!(read_task_memory("").ok(), Some(None));
        for bad in ["64", "200000", "one"] {
            assert!(read_task_cpu(bad).is_err(), "{bad}");
        }
        for bad in ["5", "2000000"] {
            assert!(read_task_memory(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn rule_numbers_are_in_range_and_unique_per_direction() {
        let d = crate::testing::sample();
        let rules = &get::<NetworkAcl>(&d, "acl-default").inbound;
        let taken = rules[0].rule_number;
        assert_eq!(read_rule_number(rules, 0, &taken.to_string()).ok(), Some(taken), "its own number");
        assert_eq!(read_rule_number(rules, 0, " 32766 ").ok(), Some(32766));
        let mut two = rules.clone();
        two.push(rules[0].clone());
        let e = read_rule_number(&two, 1, &taken.to_string()).err().map(|e| e.text().en);
        assert_eq!(e, Some(format!("Rule {taken} already exists in this direction.")));
        for bad in ["0", "32767", "x"] {
            assert!(read_rule_number(rules, 0, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_address_is_inside_its_subnet_and_not_reserved() {
        let d = crate::testing::sample();
        let s = Id::new("subnet-public-a").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read_address_in_subnet(&d, &s, "10.0.0.10").ok(), Some(Some(Ipv4Addr::new(10, 0, 0, 10))));
        assert_eq!(read_address_in_subnet(&d, &s, "").ok(), Some(None));
        for bad in ["10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.255", "10.0.1.10", "ten"] {
            assert!(read_address_in_subnet(&d, &s, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn port_mappings_read_back_what_they_write() {
        let m = read_mappings("80, 8080:80 53/udp 0:443").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(m.len(), 4);
        assert_eq!(m[1].host_port, Some(8080));
        assert_eq!(m[2].protocol, TransportProtocol::Udp);
        assert_eq!(read_mappings(&mappings_text(&m)).ok(), Some(m));
        for bad in ["eighty", "80/sctp", "0", "70000", "80:"] {
            assert!(read_mappings(bad).is_err(), "{bad}");
        }
        assert_eq!(read_mappings("").ok(), Some(vec![]));
    }
}
