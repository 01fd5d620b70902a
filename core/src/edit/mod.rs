//! Editing a design: every edit is a list of invertible [`Change`]s, so that undo and redo are exact. The editor
//! builds edits with the commands of this module ([`Edit::add`], [`Edit::update`], [`delete`], [`Edit::place`],
//! [`create`] …) and keeps them in a [`History`].
//!
//! A change carries the state it expects to find as well as the one it leaves (a replaced resource before and after,
//! a placement before and after), so applying one to a design that has moved on is refused, not half-done: an edit
//! applies whole or not at all.

mod arrange;
mod choices;
mod contain;
mod copy;
mod create;
mod delete;
pub mod fields;
mod fixes;
mod resource;
mod tags;
mod visit;

pub use arrange::{add_zone, home_of, next_zone, reparent};
pub use choices::{TargetChoice, route_targets};
pub use contain::{Container, ContainerKind, check as check_drop, homes};
pub use copy::{duplicate, paste, with_contents};
pub use create::{connect, create, next_id};
pub use delete::{Deletion, delete, delete_zone};
pub use fixes::from_fix;
pub use resource::Resource;
pub use tags::{MAX_TAGS, tag_problem};

use crate::doc::{Design, Id, Intent, Placement, ZonePlacement};
use crate::text::Text;

/// What a placement belongs to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum LayoutKey {
    Node(Id),
    Zone { vpc: Id, zone: String },
    Internet,
}

/// One invertible change to a design.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)] // a few changes per edit, a thousand edits at most: boxing buys nothing
pub enum Change {
    /// Insert a resource at this index of its kind's list.
    Insert { at: usize, resource: Resource },
    /// Remove the resource at this index, which must be `resource`.
    Delete { at: usize, resource: Resource },
    /// Replace the resource at this index, which must be `before`, by `after` (of the same kind).
    Replace { at: usize, before: Resource, after: Resource },
    /// Set (or, with `None`, remove) a placement, which must be `before`. An Availability Zone box is only moved
    /// or resized this way; it is added and removed with [`Change::AddZone`] and [`Change::RemoveZone`].
    Place { key: LayoutKey, before: Option<Placement>, after: Option<Placement> },
    /// Add an Availability Zone box at this index of the layout's zone list.
    AddZone { at: usize, zone: ZonePlacement },
    /// Remove the Availability Zone box at this index, which must be `zone`.
    RemoveZone { at: usize, zone: ZonePlacement },
    /// Rename the design, whose name must be `before`.
    Rename { before: String, after: String },
    /// Replace the design's intent checks, which must be `before`.
    Intents { before: Vec<Intent>, after: Vec<Intent> },
}

impl Change {
    pub fn inverse(&self) -> Change {
        match self {
            Change::Insert { at, resource } => Change::Delete { at: *at, resource: resource.clone() },
            Change::Delete { at, resource } => Change::Insert { at: *at, resource: resource.clone() },
            Change::Replace { at, before, after } => {
                Change::Replace { at: *at, before: after.clone(), after: before.clone() }
            }
            Change::Place { key, before, after } => Change::Place { key: key.clone(), before: *after, after: *before },
            Change::AddZone { at, zone } => Change::RemoveZone { at: *at, zone: zone.clone() },
            Change::RemoveZone { at, zone } => Change::AddZone { at: *at, zone: zone.clone() },
            Change::Rename { before, after } => Change::Rename { before: after.clone(), after: before.clone() },
            Change::Intents { before, after } => Change::Intents { before: after.clone(), after: before.clone() },
        }
    }

    /// Applies the change, or says why the design is not in the state it expects.
    fn apply(&self, d: &mut Design) -> Result<(), String> {
        match self {
            Change::Insert { at, resource } => {
                if *at > d.count(resource.kind()) {
                    return Err(format!("cannot insert {} at {at}: the list is shorter", resource.id()));
                }
                d.insert_resource(*at, resource.clone());
            }
            Change::Delete { at, resource } => {
                if d.resource_at(resource.kind(), *at).as_ref() != Some(resource) {
                    return Err(format!("{} is not where the edit expects it", resource.id()));
                }
                d.remove_resource(resource.kind(), *at);
            }
            Change::Replace { at, before, after } => {
                if before.kind() != after.kind() {
                    return Err(format!("{} cannot change kind", before.id()));
                }
                if d.resource_at(before.kind(), *at).as_ref() != Some(before) {
                    return Err(format!("{} has changed since the edit was made", before.id()));
                }
                d.replace_resource(*at, after.clone());
            }
            Change::Place { key, before, after } => {
                if placement(d, key) != *before {
                    return Err(format!("the placement of {} has changed", key_text(key)));
                }
                if matches!(key, LayoutKey::Zone { .. }) && (before.is_none() || after.is_none()) {
                    return Err("zone boxes are added and removed, not placed from or to nothing".into());
                }
                set_placement(d, key, *after);
            }
            Change::AddZone { at, zone } => {
                if *at > d.layout.zones.len() || d.layout.zone(&zone.vpc, &zone.zone).is_some() {
                    return Err(format!("cannot add the zone box {}/{}", zone.vpc, zone.zone));
                }
                d.layout.zones.insert(*at, zone.clone());
            }
            Change::RemoveZone { at, zone } => {
                if d.layout.zones.get(*at) != Some(zone) {
                    return Err(format!("the zone box {}/{} is not where the edit expects it", zone.vpc, zone.zone));
                }
                d.layout.zones.remove(*at);
            }
            Change::Rename { before, after } => {
                if &d.name != before {
                    return Err("the design's name has changed".into());
                }
                d.name = after.clone();
            }
            Change::Intents { before, after } => {
                if &d.intents != before {
                    return Err("the intent checks have changed".into());
                }
                d.intents = after.clone();
            }
        }
        Ok(())
    }
}

fn key_text(key: &LayoutKey) -> String {
    match key {
        LayoutKey::Node(id) => id.to_string(),
        LayoutKey::Zone { vpc, zone } => format!("{vpc}/{zone}"),
        LayoutKey::Internet => "the internet".into(),
    }
}

/// The placement a key has now.
pub fn placement(d: &Design, key: &LayoutKey) -> Option<Placement> {
    match key {
        LayoutKey::Node(id) => d.layout.nodes.get(id).copied(),
        LayoutKey::Zone { vpc, zone } => d.layout.zone(vpc, zone).copied(),
        LayoutKey::Internet => d.layout.internet,
    }
}

fn set_placement(d: &mut Design, key: &LayoutKey, to: Option<Placement>) {
    match (key, to) {
        (LayoutKey::Node(id), Some(p)) => {
            d.layout.nodes.insert(id.clone(), p);
        }
        (LayoutKey::Node(id), None) => {
            d.layout.nodes.remove(id);
        }
        (LayoutKey::Zone { vpc, zone }, to) => {
            if let (Some(z), Some(p)) = (d.layout.zones.iter_mut().find(|z| &z.vpc == vpc && &z.zone == zone), to) {
                z.placement = p;
            }
        }
        (LayoutKey::Internet, to) => d.layout.internet = to,
    }
}

/// An edit: changes applied together, undone together, with a label for the history.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub label: Text,
    pub changes: Vec<Change>,
}

/// An edit that does not fit the design it is applied to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError {
    pub reason: String,
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for EditError {}

impl Edit {
    pub fn new(label: Text, changes: Vec<Change>) -> Edit {
        Edit { label, changes }
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The edit that undoes this one.
    pub fn inverse(&self) -> Edit {
        Edit { label: self.label.clone(), changes: self.changes.iter().rev().map(Change::inverse).collect() }
    }

    /// Applies every change, or none: on a change that does not fit, those already applied are undone.
    pub fn apply(&self, d: &mut Design) -> Result<(), EditError> {
        for (n, c) in self.changes.iter().enumerate() {
            if let Err(reason) = c.apply(d) {
                for done in self.changes.iter().take(n).rev() {
                    // Undoing what was just applied cannot fail: the design is as those changes left it.
                    let _ = done.inverse().apply(d);
                }
                return Err(EditError { reason });
            }
        }
        Ok(())
    }

    /// Adds a resource at the end of its list, with an optional placement. Refused when the id is taken.
    pub fn add(d: &Design, resource: Resource, place: Option<Placement>) -> Result<Edit, Text> {
        Edit::add_all(d, vec![resource], place)
    }

    /// Adds resources at the end of their lists; the placement, if any, is the first one's.
    pub fn add_all(d: &Design, resources: Vec<Resource>, place: Option<Placement>) -> Result<Edit, Text> {
        let mut changes = Vec::new();
        let mut counts: std::collections::BTreeMap<crate::doc::ResourceKind, usize> = Default::default();
        let label = match resources.first() {
            Some(r) => Text::new(format!("Add {}", r.id()), format!("{} 추가", r.id())),
            None => return Ok(Edit::new(Text::new("Add nothing", "추가 없음"), vec![])),
        };
        for (n, r) in resources.iter().enumerate() {
            if d.find(r.id().as_str()).is_some() || resources[..n].iter().any(|x| x.id() == r.id()) {
                return Err(Text::new(
                    format!("The design already has a resource with the id {}.", r.id()),
                    format!("설계에 이미 id가 {}인 리소스가 있습니다.", r.id()),
                ));
            }
            let count = counts.entry(r.kind()).or_insert_with(|| d.count(r.kind()));
            changes.push(Change::Insert { at: *count, resource: r.clone() });
            *count += 1;
        }
        if let (Some(p), Some(first)) = (place, resources.first()) {
            let key = LayoutKey::Node(first.id().clone());
            changes.push(Change::Place { before: placement(d, &key), key, after: Some(p) });
        }
        Ok(Edit::new(label, changes))
    }

    /// Replaces the resource of the same kind and id by `after`. Empty when nothing changes.
    pub fn update(d: &Design, after: Resource) -> Result<Edit, Text> {
        let Some(at) = d.index_of(after.kind(), after.id().as_str()) else {
            return Err(Text::new(
                format!("The design has no {} {}.", after.kind().label(), after.id()),
                format!("설계에 {} {}가 없습니다.", after.kind().label(), after.id()),
            ));
        };
        let Some(before) = d.resource_at(after.kind(), at) else {
            return Err(Text::new("The resource is gone.", "리소스가 없습니다."));
        };
        let label = Text::new(format!("Edit {}", after.id()), format!("{} 편집", after.id()));
        if before == after {
            return Ok(Edit::new(label, vec![]));
        }
        Ok(Edit::new(label, vec![Change::Replace { at, before, after }]))
    }

    /// Moves or resizes what `key` names (adding or removing a zone box as needed). Empty when nothing changes.
    pub fn place(d: &Design, key: LayoutKey, after: Option<Placement>) -> Edit {
        let before = placement(d, &key);
        let label = Text::new(format!("Move {}", key_text(&key)), format!("{} 이동", key_text(&key)));
        if before == after {
            return Edit::new(label, vec![]);
        }
        let change = match (&key, before, after) {
            (LayoutKey::Zone { vpc, zone }, None, Some(p)) => Change::AddZone {
                at: d.layout.zones.len(),
                zone: ZonePlacement { vpc: vpc.clone(), zone: zone.clone(), placement: p },
            },
            (LayoutKey::Zone { vpc, zone }, Some(_), None) => {
                let at = d.layout.zones.iter().position(|z| &z.vpc == vpc && &z.zone == zone).unwrap_or(0);
                match d.layout.zones.get(at) {
                    Some(z) => Change::RemoveZone { at, zone: z.clone() },
                    None => return Edit::new(label, vec![]),
                }
            }
            _ => Change::Place { key, before, after },
        };
        Edit::new(label, vec![change])
    }

    /// Several placements as one step (a multi-selection moved together).
    pub fn place_all(d: &Design, moves: Vec<(LayoutKey, Placement)>) -> Edit {
        let n = moves.len();
        let changes: Vec<Change> = moves
            .into_iter()
            .filter_map(|(key, p)| {
                let before = placement(d, &key);
                (before != Some(p)).then_some(Change::Place { key, before, after: Some(p) })
            })
            .collect();
        Edit::new(Text::new(format!("Move {n} items"), format!("항목 {n}개 이동")), changes)
    }

    /// Renames the design.
    pub fn rename(d: &Design, name: &str) -> Edit {
        let label = Text::new("Rename the design", "설계 이름 변경");
        if d.name == name {
            return Edit::new(label, vec![]);
        }
        Edit::new(label, vec![Change::Rename { before: d.name.clone(), after: name.to_owned() }])
    }

    /// This edit followed by `other`, as one step.
    /// Sets the design's intent checks to `after` (add, change or remove one), labelled `label`.
    pub fn intents(d: &Design, after: Vec<Intent>, label: Text) -> Edit {
        Edit::new(label, vec![Change::Intents { before: d.intents.clone(), after }])
    }

    pub fn then(mut self, other: Edit) -> Edit {
        self.changes.extend(other.changes);
        self
    }
}

/// Undo and redo. Selection and zoom are not part of it: only the design.
#[derive(Debug, Clone, Default)]
pub struct History {
    done: Vec<Edit>,
    undone: Vec<Edit>,
}

/// How many steps the history keeps.
pub const HISTORY_LIMIT: usize = 1000;

impl History {
    pub fn new() -> History {
        History::default()
    }

    /// Applies an edit and records it (an empty edit changes nothing and is not recorded). Clears the redo list.
    pub fn commit(&mut self, d: &mut Design, edit: Edit) -> Result<(), EditError> {
        if edit.is_empty() {
            return Ok(());
        }
        edit.apply(d)?;
        self.done.push(edit);
        if self.done.len() > HISTORY_LIMIT {
            self.done.remove(0);
        }
        self.undone.clear();
        Ok(())
    }

    /// Undoes the last edit; `Ok(None)` when there is nothing to undo, else the label of what was undone.
    pub fn undo(&mut self, d: &mut Design) -> Result<Option<Text>, EditError> {
        let Some(edit) = self.done.pop() else { return Ok(None) };
        if let Err(e) = edit.inverse().apply(d) {
            self.done.push(edit);
            return Err(e);
        }
        let label = edit.label.clone();
        self.undone.push(edit);
        Ok(Some(label))
    }

    /// Redoes the last undone edit.
    pub fn redo(&mut self, d: &mut Design) -> Result<Option<Text>, EditError> {
        let Some(edit) = self.undone.pop() else { return Ok(None) };
        if let Err(e) = edit.apply(d) {
            self.undone.push(edit);
            return Err(e);
        }
        let label = edit.label.clone();
        self.done.push(edit);
        Ok(Some(label))
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    /// The label of the edit the next undo would undo.
    pub fn undo_label(&self) -> Option<&Text> {
        self.done.last().map(|e| &e.label)
    }

    pub fn redo_label(&self) -> Option<&Text> {
        self.undone.last().map(|e| &e.label)
    }
}

#[cfg(test)]
mod tests;
