//! Deleting resources, and what depends on them, as one edit.
//!
//! What names a deleted resource is handled the way the reference says: a resource that cannot exist without it
//! (an instance without its subnet, a subnet without its VPC, a peering without one of its VPCs) is deleted too; an
//! optional reference is dropped (a subnet's explicit route table, an instance's security group, a route to a
//! deleted NAT gateway, a target). Each reference field says which ([`crate::doc::Hold`]): within a resource, the
//! smallest part that names a deleted resource goes (a list entry, an optional field, the rule or route holding
//! it); where that is a field the resource cannot be without, the resource goes too. The [`Deletion`] lists both, so the
//! editor can show them before the user confirms.

use std::collections::{BTreeMap, BTreeSet};

use super::{Change, Edit, LayoutKey, Resource, placement};
use crate::doc::{Design, Id, Refs, ResourceKind, Visit};
use crate::text::Text;

/// A deletion: the edit, and everything it touches.
#[derive(Debug, Clone, PartialEq)]
pub struct Deletion {
    pub edit: Edit,
    /// Every resource deleted: those asked for, then those that cannot exist without them.
    pub deleted: Vec<(ResourceKind, Id)>,
    /// Resources kept, with references to deleted ones removed.
    pub updated: Vec<(ResourceKind, Id)>,
}

/// Why a deletion is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeleteError {
    /// The design has no resource with this id.
    NoResource(Id),
}

impl DeleteError {
    /// The reason in English and Korean.
    pub fn text(&self) -> Text {
        match self {
            DeleteError::NoResource(id) => {
                Text::new(format!("The design has no {id}."), format!("설계에 {id}가 없습니다."))
            }
        }
    }
}

bilingual_error!(DeleteError);

/// Deletes the resources with these ids and what cannot exist without them, as one edit.
pub fn delete(d: &Design, ids: &[Id]) -> Result<Deletion, DeleteError> {
    let mut gone: BTreeSet<Id> = BTreeSet::new();
    for id in ids {
        if d.find(id.as_str()).is_none() {
            return Err(DeleteError::NoResource(id.clone()));
        }
        gone.insert(id.clone());
    }
    // Resources that still name something deleted, scrubbed; repeat while scrubbing deletes more.
    let mut updated: BTreeMap<Id, Resource> = BTreeMap::new();
    loop {
        let mut more = false;
        let holders: BTreeSet<&Id> =
            d.references().into_iter().filter(|r| gone.contains(r.to)).map(|r| r.from).collect();
        for holder in holders {
            if gone.contains(holder) {
                continue;
            }
            let Some((_, mut resource)) = d.resource(holder.as_str()) else { continue };
            let kept =
                resource.visit_refs_mut(&mut |_, to| if gone.contains(to) { Visit::Remove } else { Visit::Keep });
            if kept {
                updated.insert(holder.clone(), resource);
            } else {
                updated.remove(holder);
                gone.insert(holder.clone());
                more = true;
            }
        }
        if !more {
            break;
        }
    }
    let mut changes = Vec::new();
    let mut updated_list = Vec::new();
    for (id, after) in updated {
        let Some((at, before)) = d.resource(id.as_str()) else { continue };
        if before != after {
            updated_list.push((after.kind(), id.clone()));
            changes.push(Change::Replace { at, before, after });
        }
    }
    // Deletions, each kind from the end of its list, so that the recorded indexes hold as they are applied.
    let mut doomed: Vec<(ResourceKind, usize, Resource)> = gone
        .iter()
        .filter_map(|id| {
            let (at, r) = d.resource(id.as_str())?;
            Some((r.kind(), at, r))
        })
        .collect();
    doomed.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut deleted = Vec::new();
    for (kind, at, resource) in doomed {
        deleted.push((kind, resource.id().clone()));
        changes.push(Change::Delete { at, resource });
    }
    // Their placements, and the zone boxes of deleted VPCs.
    for (_, id) in &deleted {
        let key = LayoutKey::Node(id.clone());
        if let Some(p) = placement(d, &key) {
            changes.push(Change::Place { key, before: Some(p), after: None });
        }
    }
    for (at, z) in d.layout.zones.iter().enumerate().rev() {
        if gone.contains(&z.vpc) {
            changes.push(Change::RemoveZone { at, zone: z.clone() });
        }
    }
    // Asked-for ones first in the summary, in the order asked.
    deleted.sort_by_key(|(_, id)| ids.iter().position(|x| x == id).unwrap_or(usize::MAX));
    let n = deleted.len();
    let first = ids.first().map(|i| i.to_string()).unwrap_or_default();
    let label = if n <= 1 {
        Text::new(format!("Delete {first}"), format!("{first} 삭제"))
    } else {
        Text::new(format!("Delete {first} and {} more", n - 1), format!("{first} 외 {}개 삭제", n - 1))
    };
    Ok(Deletion { edit: Edit::new(label, changes), deleted, updated: updated_list })
}

/// Deletes an Availability Zone box of a VPC: its subnets (and what is in them) and its placement.
pub fn delete_zone(d: &Design, vpc: &Id, zone: &str) -> Result<Deletion, DeleteError> {
    let subnets: Vec<Id> =
        d.subnets.iter().filter(|s| &s.vpc == vpc && s.availability_zone == zone).map(|s| s.id.clone()).collect();
    let mut deletion = if subnets.is_empty() {
        Deletion { edit: Edit::new(Text::new("", ""), vec![]), deleted: vec![], updated: vec![] }
    } else {
        delete(d, &subnets)?
    };
    if let Some(at) = d.layout.zones.iter().position(|z| &z.vpc == vpc && z.zone == zone)
        && let Some(z) = d.layout.zones.get(at)
    {
        deletion.edit.changes.push(Change::RemoveZone { at, zone: z.clone() });
    }
    deletion.edit.label = Text::new(format!("Delete zone {zone} of {vpc}"), format!("{vpc}의 영역 {zone} 삭제"));
    Ok(deletion)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{get, id};
    use crate::doc::{PrefixList, VirtualInterface};

    fn template(key: &str) -> Design {
        crate::templates::all().into_iter().find(|t| t.key == key).unwrap().design().unwrap()
    }

    #[test]
    fn each_reference_is_removed_as_it_is_held() {
        // An optional part goes: the virtual interface is kept, detached from the deleted Direct Connect gateway.
        let d = template("vpn-and-direct-connect");
        let deletion = delete(&d, &[id("dxgw-main")]).unwrap();
        assert_eq!(deletion.updated, [(ResourceKind::VirtualInterface, id("dxvif-dc-private"))]);
        let mut after = d.clone();
        deletion.edit.apply(&mut after).unwrap();
        assert_eq!(get::<VirtualInterface>(&after, "dxvif-dc-private").attachment, None);
        // A route to a deleted endpoint goes with its prefix-list destination; the endpoint, which names the
        // deleted prefix list in its gateway part, goes as a whole.
        let d = template("s3-gateway-endpoint");
        let pl = get::<PrefixList>(&d, "pl-78a54011").id.clone();
        let deletion = delete(&d, &[pl]).unwrap();
        assert!(deletion.deleted.iter().any(|(k, _)| *k == ResourceKind::VpcEndpoint), "{:?}", deletion.deleted);
        let mut after = d.clone();
        deletion.edit.apply(&mut after).unwrap();
        assert!(after.route_tables.iter().all(|t| t.routes.is_empty()));
    }
}
