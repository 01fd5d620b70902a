//! IP protocols, port ranges and ICMP type/code pairs, as used by NACL entries and security-group rules.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An IP protocol, or every protocol.
///
/// Saved as `"all"`, a well-known name (`"tcp"`, `"udp"`, `"icmp"`, `"icmpv6"`) or an IANA protocol number. AWS's own
/// spellings are read too: `"-1"` for all, numbers as strings (`"6"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Protocol {
    All,
    /// An IANA protocol number (6 = TCP, 17 = UDP, 1 = ICMP, 58 = ICMPv6).
    Number(u8),
}

impl Protocol {
    pub const TCP: Protocol = Protocol::Number(6);
    pub const UDP: Protocol = Protocol::Number(17);
    pub const ICMP: Protocol = Protocol::Number(1);
    pub const ICMPV6: Protocol = Protocol::Number(58);

    /// Whether a rule for this protocol carries a port range (TCP and UDP only).
    pub fn has_ports(&self) -> bool {
        matches!(*self, Protocol::TCP | Protocol::UDP)
    }

    /// Whether a rule for this protocol carries an ICMP type and code.
    pub fn has_icmp(&self) -> bool {
        matches!(*self, Protocol::ICMP | Protocol::ICMPV6)
    }

    fn name(&self) -> Option<&'static str> {
        match *self {
            Protocol::All => Some("all"),
            Protocol::TCP => Some("tcp"),
            Protocol::UDP => Some("udp"),
            Protocol::ICMP => Some("icmp"),
            Protocol::ICMPV6 => Some("icmpv6"),
            Protocol::Number(_) => None,
        }
    }
}

/// Why a protocol could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtocolParseError;

impl fmt::Display for ProtocolParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("expected \"all\", \"tcp\", \"udp\", \"icmp\", \"icmpv6\" or a protocol number from 0 to 255")
    }
}

impl std::error::Error for ProtocolParseError {}

impl FromStr for Protocol {
    type Err = ProtocolParseError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.to_ascii_lowercase().as_str() {
            "all" | "-1" => Ok(Protocol::All),
            "tcp" => Ok(Protocol::TCP),
            "udp" => Ok(Protocol::UDP),
            "icmp" => Ok(Protocol::ICMP),
            "icmpv6" => Ok(Protocol::ICMPV6),
            digits if !digits.is_empty() && digits.len() <= 3 && digits.bytes().all(|b| b.is_ascii_digit()) => {
                digits.parse().map(Protocol::Number).map_err(|_| ProtocolParseError)
            }
            _ => Err(ProtocolParseError),
        }
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.name(), self) {
            (Some(name), _) => f.write_str(name),
            (None, Protocol::Number(n)) => write!(f, "{n}"),
            (None, Protocol::All) => f.write_str("all"),
        }
    }
}

impl Serialize for Protocol {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match (self.name(), self) {
            (Some(name), _) => serializer.serialize_str(name),
            (None, Protocol::Number(n)) => serializer.serialize_u8(*n),
            (None, Protocol::All) => serializer.serialize_str("all"),
        }
    }
}

impl<'de> Deserialize<'de> for Protocol {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Protocol;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&ProtocolParseError, f)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Protocol, E> {
                v.parse().map_err(|e| E::custom(format_args!("{v:?} is not a protocol: {e}")))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Protocol, E> {
                match v {
                    -1 => Ok(Protocol::All),
                    0..=255 => Ok(Protocol::Number(v as u8)),
                    _ => Err(E::custom(format_args!("{v} is not a protocol: {ProtocolParseError}"))),
                }
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Protocol, E> {
                u8::try_from(v)
                    .map(Protocol::Number)
                    .map_err(|_| E::custom(format_args!("{v} is not a protocol: {ProtocolParseError}")))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl JsonSchema for Protocol {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Protocol")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An IP protocol: \"all\", a name, or an IANA protocol number",
            "oneOf": [
                { "type": "string", "enum": ["all", "tcp", "udp", "icmp", "icmpv6"] },
                { "type": "integer", "minimum": 0, "maximum": 255 }
            ]
        })
    }
}

/// An inclusive range of TCP or UDP ports. A single port is `from == to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct PortRange {
    pub from: u16,
    pub to: u16,
}

impl PortRange {
    pub const fn single(port: u16) -> Self {
        PortRange { from: port, to: port }
    }

    pub const fn new(from: u16, to: u16) -> Self {
        PortRange { from, to }
    }

    /// Every port, 0–65535.
    pub const ALL: PortRange = PortRange { from: 0, to: 65535 };

    pub fn contains(&self, port: u16) -> bool {
        self.from <= port && port <= self.to
    }
}

/// Why text is not a port range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortRangeParseError(String);

impl fmt::Display for PortRangeParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PortRangeParseError {}

impl FromStr for PortRange {
    type Err = PortRangeParseError;

    /// `22`, `1024-65535`, or `all` (0–65535).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("all") {
            return Ok(PortRange::ALL);
        }
        let port = |t: &str| {
            t.trim()
                .parse::<u16>()
                .map_err(|_| PortRangeParseError(format!("{:?} is not a port from 0 to 65535", t.trim())))
        };
        match text.split_once('-') {
            Some((a, b)) => {
                let (from, to) = (port(a)?, port(b)?);
                if from > to {
                    return Err(PortRangeParseError(format!("the range {from}-{to} ends before it starts")));
                }
                Ok(PortRange { from, to })
            }
            None => Ok(PortRange::single(port(text)?)),
        }
    }
}

impl fmt::Display for PortRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.from == self.to { write!(f, "{}", self.from) } else { write!(f, "{}-{}", self.from, self.to) }
    }
}

/// An ICMP type and code; `None` matches every type or every code (AWS writes it as -1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Icmp {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub icmp_type: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<u8>,
}

#[cfg(feature = "arbitrary")]
impl<'a> arbitrary::Arbitrary<'a> for Protocol {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(if u.ratio(1, 8)? { Protocol::All } else { Protocol::Number(u.arbitrary()?) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_ranges_read_as_written() {
        assert_eq!("22".parse::<PortRange>().unwrap(), PortRange::single(22));
        assert_eq!(" 1024 - 65535 ".parse::<PortRange>().unwrap(), PortRange::new(1024, 65535));
        assert_eq!("all".parse::<PortRange>().unwrap(), PortRange::ALL);
        assert!("80-20".parse::<PortRange>().unwrap_err().to_string().contains("ends before it starts"));
        assert!("http".parse::<PortRange>().is_err());
        assert!("70000".parse::<PortRange>().is_err());
    }

    #[test]
    fn reads_names_numbers_and_aws_spellings() {
        let read = |json: &str| serde_json::from_str::<Protocol>(json).unwrap();
        assert_eq!(read("\"tcp\""), Protocol::TCP);
        assert_eq!(read("\"TCP\""), Protocol::TCP);
        assert_eq!(read("\"6\""), Protocol::TCP);
        assert_eq!(read("6"), Protocol::TCP);
        assert_eq!(read("\"-1\""), Protocol::All);
        assert_eq!(read("-1"), Protocol::All);
        assert_eq!(read("47"), Protocol::Number(47));
        assert!(serde_json::from_str::<Protocol>("256").is_err());
        assert!(serde_json::from_str::<Protocol>("\"gre\"").is_err());
        assert!(serde_json::from_str::<Protocol>("\"1000\"").is_err());
    }

    #[test]
    fn saves_the_canonical_form() {
        let save = |p: Protocol| serde_json::to_string(&p).unwrap();
        assert_eq!(save(Protocol::Number(6)), "\"tcp\"");
        assert_eq!(save(Protocol::All), "\"all\"");
        assert_eq!(save(Protocol::Number(47)), "47");
        assert!(Protocol::UDP.has_ports() && !Protocol::ICMP.has_ports() && Protocol::ICMP.has_icmp());
    }

    #[test]
    fn port_ranges() {
        assert!(PortRange::new(1024, 65535).contains(32768));
        assert!(!PortRange::single(22).contains(23));
        assert_eq!(PortRange::single(443).to_string(), "443");
        assert_eq!(PortRange::new(1024, 65535).to_string(), "1024-65535");
    }
}
