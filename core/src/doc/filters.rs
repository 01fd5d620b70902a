//! Traffic filters: network ACLs (per subnet, stateless, ordered), security groups (per network interface,
//! stateful, allow-only) and the managed prefix lists both routes and rules can name.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Id, Tags, is_false};
use crate::net::{Icmp, IpCidr, PortRange, Protocol};

/// A network ACL. Subnets choose it with their `network_acl` field; the VPC's default NACL serves the rest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct NetworkAcl {
    pub id: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub vpc: Id,
    /// The VPC's default network ACL, used by every subnet without an explicit association.
    #[serde(default, skip_serializing_if = "is_false")]
    pub is_default: bool,
    /// Inbound rules (matched on the packet's source). The final `*` deny is implied.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inbound: Vec<NaclRule>,
    /// Outbound rules (matched on the packet's destination). The final `*` deny is implied.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outbound: Vec<NaclRule>,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case")]
pub enum RuleAction {
    Allow,
    Deny,
}

/// One numbered NACL entry. Rules are evaluated from the lowest number; the first match decides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct NaclRule {
    /// 1 to 32766 in AWS; kept as written so that validation can name an out-of-range number.
    pub rule_number: u32,
    pub action: RuleAction,
    pub protocol: Protocol,
    /// TCP and UDP destination ports; absent means every port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ports: Option<PortRange>,
    /// ICMP type and code; absent means every type and code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icmp: Option<Icmp>,
    /// The source block (inbound rules) or destination block (outbound rules).
    pub cidr: IpCidr,
}

/// A security group. Network interfaces, instances, tasks, load balancers and interface endpoints list the
/// groups they are members of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct SecurityGroup {
    pub id: Id,
    /// The group name (AWS `GroupName`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub vpc: Id,
    /// The VPC's default security group.
    #[serde(default, skip_serializing_if = "is_false")]
    pub is_default: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inbound: Vec<SgRule>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outbound: Vec<SgRule>,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

/// One security-group rule: traffic it allows from (inbound) or to (outbound) one peer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct SgRule {
    pub protocol: Protocol,
    /// TCP and UDP ports; absent means every port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ports: Option<PortRange>,
    /// ICMP type and code; absent means every type and code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icmp: Option<Icmp>,
    pub peer: RulePeer,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// The other side of a security-group rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum RulePeer {
    /// An IPv4 or IPv6 block.
    Cidr(IpCidr),
    /// Members of a security group (their private addresses only).
    SecurityGroup {
        group: Id,
        /// The owning account, for a group in a peered VPC of another account.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<String>,
    },
    /// Every block of a managed prefix list.
    PrefixList(Id),
}

/// A managed prefix list: AWS-managed (the S3 or DynamoDB ranges of a Region) or customer-managed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct PrefixList {
    /// `pl-…`
    pub id: Id,
    /// The list name; AWS-managed lists are named after their service (`com.amazonaws.us-east-1.s3`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub region: Id,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<PrefixListEntry>,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct PrefixListEntry {
    pub cidr: IpCidr,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}
