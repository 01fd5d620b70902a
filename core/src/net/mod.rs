//! Plain network value types with no AWS words in them: CIDR blocks, IP protocols, port ranges and ICMP
//! type/code pairs. Each parses from and prints to the text AWS uses, which is also how it is saved.

mod cidr;
mod protocol;

pub use cidr::{CidrParseError, IpCidr, Ipv4Cidr, Ipv6Cidr};
pub use protocol::{Icmp, PortRange, PortRangeParseError, Protocol, ProtocolParseError};
