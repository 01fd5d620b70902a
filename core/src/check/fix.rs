//! Fixes: edits to a design that a diagnostic offers and the app applies (as one undoable step).

use serde::Serialize;

use super::Text;
use crate::doc::{Design, Id, NaclRule};
use crate::net::Ipv4Cidr;

/// A fix: a title for the button and the edits it makes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fix {
    pub title: Text,
    /// The steps, applied in order (`edits` in JSON).
    #[serde(rename = "edits")]
    pub steps: Vec<FixStep>,
}

/// One change to a design.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "edit")]
pub enum FixStep {
    SetVpcCidr {
        vpc: Id,
        cidr: Ipv4Cidr,
    },
    SetVpcSecondaryCidr {
        vpc: Id,
        index: usize,
        cidr: Ipv4Cidr,
    },
    SetSubnetCidr {
        subnet: Id,
        cidr: Ipv4Cidr,
    },
    SetFlowLogs {
        vpc: Id,
        enabled: bool,
    },
    SetServiceAssignPublicIp {
        service: Id,
        enabled: bool,
    },
    /// Removes the route at `index` of a route table.
    RemoveRoute {
        route_table: Id,
        index: usize,
    },
    AddNaclRule {
        network_acl: Id,
        outbound: bool,
        rule: NaclRule,
    },
    /// Removes every inbound and outbound rule of a security group.
    ClearSecurityGroupRules {
        security_group: Id,
    },
}

/// Why an edit could not be applied (the design changed since the diagnostic was made).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixError(pub String);

impl std::fmt::Display for FixError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FixError {}

fn missing(what: &str, id: &Id) -> FixError {
    FixError(format!("the design has no {what} {id} any more"))
}

impl FixStep {
    /// Applies the edit, or changes nothing and says why.
    pub fn apply(&self, design: &mut Design) -> Result<(), FixError> {
        match self {
            FixStep::SetVpcCidr { vpc, cidr } => {
                design.vpcs.iter_mut().find(|v| &v.id == vpc).ok_or_else(|| missing("VPC", vpc))?.cidr = *cidr;
            }
            FixStep::SetVpcSecondaryCidr { vpc, index, cidr } => {
                let v = design.vpcs.iter_mut().find(|v| &v.id == vpc).ok_or_else(|| missing("VPC", vpc))?;
                *v.secondary_cidrs
                    .get_mut(*index)
                    .ok_or_else(|| FixError(format!("VPC {vpc} has no secondary block {index}")))? = *cidr;
            }
            FixStep::SetSubnetCidr { subnet, cidr } => {
                design.subnets.iter_mut().find(|s| &s.id == subnet).ok_or_else(|| missing("subnet", subnet))?.cidr =
                    *cidr;
            }
            FixStep::SetFlowLogs { vpc, enabled } => {
                design.vpcs.iter_mut().find(|v| &v.id == vpc).ok_or_else(|| missing("VPC", vpc))?.flow_logs = *enabled;
            }
            FixStep::SetServiceAssignPublicIp { service, enabled } => {
                design
                    .ecs_services
                    .iter_mut()
                    .find(|s| &s.id == service)
                    .ok_or_else(|| missing("ECS service", service))?
                    .assign_public_ip = *enabled;
            }
            FixStep::RemoveRoute { route_table, index } => {
                let t = design
                    .route_tables
                    .iter_mut()
                    .find(|t| &t.id == route_table)
                    .ok_or_else(|| missing("route table", route_table))?;
                if *index >= t.routes.len() {
                    return Err(FixError(format!("route table {route_table} has no route {index}")));
                }
                t.routes.remove(*index);
            }
            FixStep::AddNaclRule { network_acl, outbound, rule } => {
                let a = design
                    .network_acls
                    .iter_mut()
                    .find(|a| &a.id == network_acl)
                    .ok_or_else(|| missing("network ACL", network_acl))?;
                let list = if *outbound { &mut a.outbound } else { &mut a.inbound };
                if list.iter().any(|r| r.rule_number == rule.rule_number) {
                    return Err(FixError(format!("network ACL {network_acl} already has a rule {}", rule.rule_number)));
                }
                let at = list.iter().position(|r| r.rule_number > rule.rule_number).unwrap_or(list.len());
                list.insert(at, rule.clone());
            }
            FixStep::ClearSecurityGroupRules { security_group } => {
                let g = design
                    .security_groups
                    .iter_mut()
                    .find(|g| &g.id == security_group)
                    .ok_or_else(|| missing("security group", security_group))?;
                g.inbound.clear();
                g.outbound.clear();
            }
        }
        Ok(())
    }
}

impl Fix {
    /// Applies every edit, or none: on an error the design is left as it was.
    pub fn apply(&self, design: &mut Design) -> Result<(), FixError> {
        let mut draft = design.clone();
        for edit in &self.steps {
            edit.apply(&mut draft)?;
        }
        *design = draft;
        Ok(())
    }
}
