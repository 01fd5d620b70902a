//! Intent checks: named expectations about traffic saved in the design ("web reaches db on 3306", "the internet
//! never reaches db"), evaluated by the simulator on every edit and by `vpcanvas validate`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::net::Protocol;

/// Whether the flow should get through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case")]
pub enum Expectation {
    /// The request arrives and, for a workload, its reply comes back.
    Reachable,
    /// The flow never completes.
    Unreachable,
}

/// A named expectation about one flow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Intent {
    pub name: String,
    /// Where the flow starts, as `vpcanvas trace --from` takes it: a resource id, `internet`, `on-premises`, or an
    /// on-premises network id.
    pub from: String,
    /// The address of an `internet` or `on-premises` source, when the check is about one (an office's address, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_ip: Option<std::net::Ipv4Addr>,
    /// Where it goes, as `vpcanvas trace --to` takes it: a resource id, an IPv4 address, `internet`, `s3`,
    /// `dynamodb` or `on-premises`.
    pub to: String,
    #[serde(default = "tcp")]
    pub protocol: Protocol,
    /// The destination port (TCP and UDP).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub port: u16,
    pub expect: Expectation,
}

fn tcp() -> Protocol {
    Protocol::TCP
}

fn is_zero(n: &u16) -> bool {
    *n == 0
}
