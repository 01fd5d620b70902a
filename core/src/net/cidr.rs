//! CIDR blocks as the user wrote them. Host bits are kept (AWS canonicalises `10.0.0.5/16` to `10.0.0.0/16`;
//! validation warns about it), but the text must be a well-formed address and prefix length.

use std::borrow::Cow;
use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

use ipnet::{Ipv4Net, Ipv6Net};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why a CIDR block could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CidrParseError {
    /// There is no `/` followed by a prefix length.
    MissingPrefix,
    /// The part before `/` is not an address of the expected family.
    BadAddress,
    /// The prefix length is not a number in range for the family.
    BadPrefix { max: u8 },
}

impl fmt::Display for CidrParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CidrParseError::MissingPrefix => {
                f.write_str("a CIDR block needs a prefix length after '/', as in 10.0.0.0/16")
            }
            CidrParseError::BadAddress => f.write_str("the part before '/' is not a valid IP address"),
            CidrParseError::BadPrefix { max } => write!(f, "the prefix length must be a number from 0 to {max}"),
        }
    }
}

impl std::error::Error for CidrParseError {}

fn split_cidr(text: &str) -> Result<(&str, &str), CidrParseError> {
    text.split_once('/').ok_or(CidrParseError::MissingPrefix)
}

fn parse_prefix(text: &str, max: u8) -> Result<u8, CidrParseError> {
    // Only plain decimal digits: "+8" or " 8" are not CIDR notation.
    if text.is_empty() || text.len() > 3 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CidrParseError::BadPrefix { max });
    }
    match text.parse::<u8>() {
        Ok(len) if len <= max => Ok(len),
        _ => Err(CidrParseError::BadPrefix { max }),
    }
}

/// An IPv4 CIDR block such as `10.0.0.0/16`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ipv4Cidr(Ipv4Net);

impl Ipv4Cidr {
    /// The block `addr/prefix_len`, or `None` when `prefix_len` exceeds 32.
    pub fn new(addr: Ipv4Addr, prefix_len: u8) -> Option<Self> {
        Ipv4Net::new(addr, prefix_len).ok().map(Ipv4Cidr)
    }

    /// The block `addr/prefix_len`, with the length capped at 32.
    pub fn clamped(addr: Ipv4Addr, prefix_len: u8) -> Self {
        Ipv4Cidr(Ipv4Net::new(addr, prefix_len.min(32)).unwrap_or_default())
    }

    /// The address as written, host bits included.
    pub fn addr(&self) -> Ipv4Addr {
        self.0.addr()
    }

    pub fn prefix_len(&self) -> u8 {
        self.0.prefix_len()
    }

    /// The first address of the block (host bits cleared).
    pub fn network(&self) -> Ipv4Addr {
        self.0.network()
    }

    /// The last address of the block.
    pub fn broadcast(&self) -> Ipv4Addr {
        self.0.broadcast()
    }

    /// Whether the written address has bits set beyond the prefix (`10.0.0.5/16`).
    pub fn has_host_bits(&self) -> bool {
        self.0.addr() != self.0.network()
    }

    /// The same block with host bits cleared, as AWS stores it.
    pub fn canonical(&self) -> Self {
        Ipv4Cidr(self.0.trunc())
    }

    /// How many addresses the block spans.
    pub fn size(&self) -> u64 {
        1u64 << (32 - u32::from(self.prefix_len()))
    }

    pub fn contains_addr(&self, addr: Ipv4Addr) -> bool {
        self.0.contains(&addr)
    }

    /// Whether every address of `other` is inside this block.
    pub fn contains_cidr(&self, other: &Ipv4Cidr) -> bool {
        #[cfg(test)]
        crate::check::work::tick();
        self.0.contains(&other.0)
    }

    /// Whether the two blocks share at least one address.
    pub fn overlaps(&self, other: &Ipv4Cidr) -> bool {
        self.contains_cidr(other) || other.contains_cidr(self)
    }
}

impl FromStr for Ipv4Cidr {
    type Err = CidrParseError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (addr, len) = split_cidr(text)?;
        let addr = Ipv4Addr::from_str(addr).map_err(|_| CidrParseError::BadAddress)?;
        let len = parse_prefix(len, 32)?;
        Ipv4Cidr::new(addr, len).ok_or(CidrParseError::BadPrefix { max: 32 })
    }
}

impl fmt::Display for Ipv4Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.0.addr(), self.0.prefix_len())
    }
}

/// An IPv6 CIDR block such as `2600:1f18:1234:5600::/56`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ipv6Cidr(Ipv6Net);

impl Ipv6Cidr {
    /// The block `addr/prefix_len`, or `None` when `prefix_len` exceeds 128.
    pub fn new(addr: Ipv6Addr, prefix_len: u8) -> Option<Self> {
        Ipv6Net::new(addr, prefix_len).ok().map(Ipv6Cidr)
    }

    pub fn addr(&self) -> Ipv6Addr {
        self.0.addr()
    }

    pub fn prefix_len(&self) -> u8 {
        self.0.prefix_len()
    }

    pub fn has_host_bits(&self) -> bool {
        self.0.addr() != self.0.network()
    }

    pub fn contains_cidr(&self, other: &Ipv6Cidr) -> bool {
        self.0.contains(&other.0)
    }
}

impl FromStr for Ipv6Cidr {
    type Err = CidrParseError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (addr, len) = split_cidr(text)?;
        let addr = Ipv6Addr::from_str(addr).map_err(|_| CidrParseError::BadAddress)?;
        let len = parse_prefix(len, 128)?;
        Ipv6Cidr::new(addr, len).ok_or(CidrParseError::BadPrefix { max: 128 })
    }
}

impl fmt::Display for Ipv6Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.0.addr(), self.0.prefix_len())
    }
}

/// A CIDR block of either family, where AWS accepts both (NACL entries, security-group rules, prefix lists).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IpCidr {
    V4(Ipv4Cidr),
    V6(Ipv6Cidr),
}

impl IpCidr {
    pub fn as_v4(&self) -> Option<&Ipv4Cidr> {
        match self {
            IpCidr::V4(c) => Some(c),
            IpCidr::V6(_) => None,
        }
    }
}

impl FromStr for IpCidr {
    type Err = CidrParseError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (addr, _) = split_cidr(text)?;
        if addr.contains(':') { text.parse().map(IpCidr::V6) } else { text.parse().map(IpCidr::V4) }
    }
}

impl fmt::Display for IpCidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IpCidr::V4(c) => c.fmt(f),
            IpCidr::V6(c) => c.fmt(f),
        }
    }
}

impl From<Ipv4Cidr> for IpCidr {
    fn from(c: Ipv4Cidr) -> Self {
        IpCidr::V4(c)
    }
}

/// Serde, JSON Schema and `arbitrary` support for a type that is saved as its `Display` text.
macro_rules! text_value {
    ($ty:ty, $name:literal, $description:literal, $pattern:literal, $example:literal) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = Cow::<str>::deserialize(deserializer)?;
                text.parse().map_err(|e| {
                    serde::de::Error::custom(format_args!("{:?} is not {}: {}", text, $description, e))
                })
            }
        }

        impl JsonSchema for $ty {
            fn schema_name() -> Cow<'static, str> {
                Cow::Borrowed($name)
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "type": "string",
                    "description": $description,
                    "pattern": $pattern,
                    "examples": [$example],
                })
            }
        }
    };
}

text_value!(Ipv4Cidr, "Ipv4Cidr", "an IPv4 CIDR block", r"^[0-9]{1,3}(\.[0-9]{1,3}){3}/[0-9]{1,2}$", "10.0.0.0/16");
text_value!(Ipv6Cidr, "Ipv6Cidr", "an IPv6 CIDR block", r"^[0-9A-Fa-f:.]+/[0-9]{1,3}$", "2600:1f18:1234:5600::/56");
text_value!(IpCidr, "IpCidr", "an IPv4 or IPv6 CIDR block", r"^[0-9A-Fa-f:.]+/[0-9]{1,3}$", "0.0.0.0/0");

#[cfg(feature = "arbitrary")]
mod arb {
    use super::*;
    use arbitrary::{Arbitrary, Result, Unstructured};

    impl<'a> Arbitrary<'a> for Ipv4Cidr {
        fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
            let addr = Ipv4Addr::from(u32::arbitrary(u)?);
            let len = u.int_in_range(0..=32)?;
            Ok(Ipv4Cidr::new(addr, len).unwrap_or_else(|| Ipv4Cidr(Ipv4Net::default())))
        }
    }

    impl<'a> Arbitrary<'a> for Ipv6Cidr {
        fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
            let addr = Ipv6Addr::from(u128::arbitrary(u)?);
            let len = u.int_in_range(0..=128)?;
            Ok(Ipv6Cidr::new(addr, len).unwrap_or_else(|| Ipv6Cidr(Ipv6Net::default())))
        }
    }

    impl<'a> Arbitrary<'a> for IpCidr {
        fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
            Ok(if bool::arbitrary(u)? { IpCidr::V4(u.arbitrary()?) } else { IpCidr::V6(u.arbitrary()?) })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v4(s: &str) -> Ipv4Cidr {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn parses_and_prints_as_written() {
        for text in ["10.0.0.0/16", "0.0.0.0/0", "10.0.0.5/16", "192.168.1.7/32"] {
            assert_eq!(v4(text).to_string(), text);
        }
        let c: IpCidr = "2600:1f18::/56".parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.to_string(), "2600:1f18::/56");
    }

    #[test]
    fn rejects_malformed_text_with_a_reason() {
        assert_eq!("10.0.0.0".parse::<Ipv4Cidr>(), Err(CidrParseError::MissingPrefix));
        assert_eq!("10.0.0/16".parse::<Ipv4Cidr>(), Err(CidrParseError::BadAddress));
        assert_eq!("10.0.0.256/16".parse::<Ipv4Cidr>(), Err(CidrParseError::BadAddress));
        assert_eq!("10.0.0.0/33".parse::<Ipv4Cidr>(), Err(CidrParseError::BadPrefix { max: 32 }));
        assert_eq!("10.0.0.0/+8".parse::<Ipv4Cidr>(), Err(CidrParseError::BadPrefix { max: 32 }));
        assert_eq!("10.0.0.0/".parse::<Ipv4Cidr>(), Err(CidrParseError::BadPrefix { max: 32 }));
        assert_eq!("::/0".parse::<Ipv4Cidr>(), Err(CidrParseError::BadAddress));
        assert_eq!("2600::/129".parse::<Ipv6Cidr>(), Err(CidrParseError::BadPrefix { max: 128 }));
    }

    #[test]
    fn host_bits_are_kept_and_reported() {
        let c = v4("100.68.0.18/18");
        assert!(c.has_host_bits());
        assert_eq!(c.canonical().to_string(), "100.68.0.0/18");
        assert!(!v4("10.0.0.0/16").has_host_bits());
    }

    #[test]
    fn containment_and_overlap() {
        let vpc = v4("10.0.0.0/16");
        assert!(vpc.contains_cidr(&v4("10.0.1.0/24")));
        assert!(!vpc.contains_cidr(&v4("10.1.0.0/24")));
        assert!(vpc.overlaps(&v4("10.0.0.0/8")));
        assert!(!vpc.overlaps(&v4("10.1.0.0/16")));
        assert_eq!(v4("10.0.0.0/28").size(), 16);
        assert_eq!(v4("0.0.0.0/0").size(), 1 << 32);
        assert_eq!(v4("10.0.1.0/24").broadcast(), Ipv4Addr::new(10, 0, 1, 255));
    }

    #[test]
    fn serde_uses_the_text_and_names_the_problem() {
        let c: Ipv4Cidr = serde_json::from_str("\"10.0.0.0/16\"").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(serde_json::to_string(&c).unwrap_or_default(), "\"10.0.0.0/16\"");
        let err = serde_json::from_str::<Ipv4Cidr>("\"10.0.0.0/40\"").err().map(|e| e.to_string());
        assert!(err.unwrap_or_default().contains("\"10.0.0.0/40\" is not an IPv4 CIDR block"));
    }
}
