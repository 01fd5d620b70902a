//! Deleting resources, and what depends on them, as one edit.
//!
//! What names a deleted resource is handled the way the reference says: a resource that cannot exist without it
//! (an instance without its subnet, a subnet without its VPC, a peering without one of its VPCs) is deleted too; an
//! optional reference is dropped (a subnet's explicit route table, an instance's security group, a route to a
//! deleted NAT gateway, a target). The rule is worked out from the document's own form: within a resource, the
//! smallest part that names a deleted resource goes (a list entry, an optional field, the rule or route holding
//! it); if what is left is no longer a valid resource, the resource goes too. The [`Deletion`] lists both, so the
//! editor can show them before the user confirms.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{Change, Edit, LayoutKey, Resource, placement};
use crate::check::Text;
use crate::doc::{Design, Id, ResourceKind};

/// Free-text fields, never taken for references even when their text equals a deleted id.
const TEXT_FIELDS: [&str; 8] =
    ["name", "description", "tags", "image", "family", "location", "instance_type", "service_name"];

/// A deletion: the edit, and everything it touches.
#[derive(Debug, Clone, PartialEq)]
pub struct Deletion {
    pub edit: Edit,
    /// Every resource deleted: those asked for, then those that cannot exist without them.
    pub deleted: Vec<(ResourceKind, Id)>,
    /// Resources kept, with references to deleted ones removed.
    pub updated: Vec<(ResourceKind, Id)>,
}

/// Removes every mention of `gone` from a resource's JSON: `true` when the value itself must go.
fn scrub(value: &mut Value, gone: &BTreeSet<Id>, root: bool) -> bool {
    match value {
        Value::String(s) => Id::new(s.clone()).is_ok_and(|id| gone.contains(&id)),
        Value::Array(items) => {
            items.retain_mut(|v| !scrub(v, gone, false));
            false
        }
        Value::Object(map) => {
            let before = map.len();
            map.retain(|k, v| TEXT_FIELDS.contains(&k.as_str()) || !scrub(v, gone, false));
            // Inside a resource, an object that lost a field (a route without its target, a rule without its
            // peer) goes as a whole; at the resource's top level, validity decides.
            !root && map.len() != before
        }
        _ => false,
    }
}

/// Deletes the resources with these ids and what cannot exist without them, as one edit.
pub fn delete(d: &Design, ids: &[Id]) -> Result<Deletion, Text> {
    let mut gone: BTreeSet<Id> = BTreeSet::new();
    for id in ids {
        if d.find(id.as_str()).is_none() {
            return Err(Text::new(format!("The design has no {id}."), format!("설계에 {id}가 없습니다.")));
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
            let Some((_, resource)) = d.resource(holder.as_str()) else { continue };
            let mut json = resource.to_json();
            scrub(&mut json, &gone, true);
            match Resource::from_json(resource.kind(), json) {
                Some(r) => {
                    updated.insert(holder.clone(), r);
                }
                None => {
                    updated.remove(holder);
                    gone.insert(holder.clone());
                    more = true;
                }
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
pub fn delete_zone(d: &Design, vpc: &Id, zone: &str) -> Result<Deletion, Text> {
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
