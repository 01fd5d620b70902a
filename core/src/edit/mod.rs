//! Editing a design: every edit is a list of invertible [`Change`]s, so that undo and redo are exact. The editor
//! builds edits with the commands of this module ([`Edit::add`], [`Edit::update`], [`delete`], [`Edit::place`],
//! [`create`] …) and keeps them in a [`History`].
//!
//! A change carries the state it expects to find as well as the one it leaves (a replaced resource before and after,
//! a placement before and after), so applying one to a design that has moved on is refused, not half-done: an edit
//! applies whole or not at all.
//!
//! A command that is refused says why with an error type of its own ([`ApplyError`], [`DropError`], [`MoveError`],
//! [`ZoneError`], [`CreateError`], [`ConnectError`], [`DeleteError`], [`AddError`], [`UpdateError`], [`PasteError`],
//! [`FixEditError`], [`fields::FieldError`], [`TagError`]): an enum a caller can match on, whose `text()` is the
//! sentence the editor shows, in English and Korean (`Display` is the English, and each converts into a
//! [`Text`], so `?` works where only the sentence matters).

/// `Display` (the English text), `std::error::Error` and the conversion into [`Text`] for an error type with
/// `fn text(&self) -> Text`.
macro_rules! bilingual_error {
    ($($ty:ty),* $(,)?) => {$(
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.text().en)
            }
        }

        impl std::error::Error for $ty {}

        impl From<$ty> for crate::text::Text {
            fn from(e: $ty) -> crate::text::Text {
                e.text()
            }
        }
    )*};
}

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

pub use arrange::{MoveError, ZoneError, add_zone, home_of, next_zone, reparent};
pub use choices::{TargetChoice, route_targets};
pub use contain::{Container, ContainerKind, DropError, check as check_drop, homes};
pub use copy::{PasteError, duplicate, paste, with_contents};
pub use create::{ConnectError, CreateError, connect, create, next_id};
pub use delete::{DeleteError, Deletion, delete, delete_zone};
pub use fixes::{FixEditError, from_fix};
pub use resource::{Resource, ResourceJsonError};
pub use tags::{MAX_TAGS, TagError, tag_problem};

use crate::doc::{Design, Id, Intent, Placement, ResourceKind, ZonePlacement};
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
    fn apply(&self, d: &mut Design) -> Result<(), ApplyError> {
        match self {
            Change::Insert { at, resource } => {
                if *at > d.count(resource.kind()) {
                    return Err(ApplyError::PastTheEnd { id: resource.id().clone(), at: *at });
                }
                d.insert_resource(*at, resource.clone());
            }
            Change::Delete { at, resource } => {
                if d.resource_at(resource.kind(), *at).as_ref() != Some(resource) {
                    return Err(ApplyError::NotWhereExpected(resource.id().clone()));
                }
                d.remove_resource(resource.kind(), *at);
            }
            Change::Replace { at, before, after } => {
                if before.kind() != after.kind() {
                    return Err(ApplyError::KindChange(before.id().clone()));
                }
                if d.resource_at(before.kind(), *at).as_ref() != Some(before) {
                    return Err(ApplyError::Changed(before.id().clone()));
                }
                d.replace_resource(*at, after.clone());
            }
            Change::Place { key, before, after } => {
                if placement(d, key) != *before {
                    return Err(ApplyError::PlacementChanged(key.clone()));
                }
                if matches!(key, LayoutKey::Zone { .. }) && (before.is_none() || after.is_none()) {
                    return Err(ApplyError::ZoneFromOrToNothing);
                }
                set_placement(d, key, *after);
            }
            Change::AddZone { at, zone } => {
                if *at > d.layout.zones.len() || d.layout.zone(&zone.vpc, &zone.zone).is_some() {
                    return Err(ApplyError::ZoneNotAddable { vpc: zone.vpc.clone(), zone: zone.zone.clone() });
                }
                d.layout.zones.insert(*at, zone.clone());
            }
            Change::RemoveZone { at, zone } => {
                if d.layout.zones.get(*at) != Some(zone) {
                    return Err(ApplyError::ZoneNotWhereExpected { vpc: zone.vpc.clone(), zone: zone.zone.clone() });
                }
                d.layout.zones.remove(*at);
            }
            Change::Rename { before, after } => {
                if &d.name != before {
                    return Err(ApplyError::NameChanged);
                }
                d.name = after.clone();
            }
            Change::Intents { before, after } => {
                if &d.intents != before {
                    return Err(ApplyError::IntentsChanged);
                }
                d.intents = after.clone();
            }
        }
        Ok(())
    }
}

/// Why a change does not apply: the design is not in the state the change expects (it has moved on since the edit
/// was made, or the edit was already applied).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApplyError {
    /// An insertion past the end of its kind's list: the resource and the index.
    PastTheEnd { id: Id, at: usize },
    /// The resource to delete is not at its index any more.
    NotWhereExpected(Id),
    /// A replacement by a resource of another kind.
    KindChange(Id),
    /// The resource to replace is not as the edit found it.
    Changed(Id),
    /// The placement is not as the edit found it.
    PlacementChanged(LayoutKey),
    /// A zone box placed from or to nothing (zone boxes are added and removed instead).
    ZoneFromOrToNothing,
    /// The zone box to add is there already, or the index is past the end of the list.
    ZoneNotAddable { vpc: Id, zone: String },
    /// The zone box to remove is not at its index any more.
    ZoneNotWhereExpected { vpc: Id, zone: String },
    /// The design's name is not as the edit found it.
    NameChanged,
    /// The intent checks are not as the edit found them.
    IntentsChanged,
}

impl ApplyError {
    /// The reason in English and Korean.
    pub fn text(&self) -> Text {
        match self {
            ApplyError::PastTheEnd { id, at } => Text::new(
                format!("cannot insert {id} at {at}: the list is shorter"),
                format!("{id}를 {at}번 자리에 넣을 수 없습니다. 목록이 더 짧습니다"),
            ),
            ApplyError::NotWhereExpected(id) => Text::new(
                format!("{id} is not where the edit expects it"),
                format!("{id}가 편집이 예상한 자리에 없습니다"),
            ),
            ApplyError::KindChange(id) => {
                Text::new(format!("{id} cannot change kind"), format!("{id}의 종류는 바꿀 수 없습니다"))
            }
            ApplyError::Changed(id) => Text::new(
                format!("{id} has changed since the edit was made"),
                format!("편집을 만든 뒤에 {id}가 바뀌었습니다"),
            ),
            ApplyError::PlacementChanged(key) => Text::new(
                format!("the placement of {} has changed", key_text(key)),
                format!("{}의 위치가 바뀌었습니다", key_text_ko(key)),
            ),
            ApplyError::ZoneFromOrToNothing => Text::new(
                "zone boxes are added and removed, not placed from or to nothing",
                "영역 상자는 없는 위치에서 놓거나 없는 위치로 옮기지 않고, 추가하거나 삭제합니다",
            ),
            ApplyError::ZoneNotAddable { vpc, zone } => Text::new(
                format!("cannot add the zone box {vpc}/{zone}"),
                format!("영역 상자 {vpc}/{zone}를 추가할 수 없습니다"),
            ),
            ApplyError::ZoneNotWhereExpected { vpc, zone } => Text::new(
                format!("the zone box {vpc}/{zone} is not where the edit expects it"),
                format!("영역 상자 {vpc}/{zone}가 편집이 예상한 자리에 없습니다"),
            ),
            ApplyError::NameChanged => Text::new("the design's name has changed", "설계 이름이 바뀌었습니다"),
            ApplyError::IntentsChanged => Text::new("the intent checks have changed", "의도 확인이 바뀌었습니다"),
        }
    }
}

fn key_text(key: &LayoutKey) -> String {
    match key {
        LayoutKey::Node(id) => id.to_string(),
        LayoutKey::Zone { vpc, zone } => format!("{vpc}/{zone}"),
        LayoutKey::Internet => "the internet".into(),
    }
}

/// [`key_text`] in Korean.
fn key_text_ko(key: &LayoutKey) -> String {
    match key {
        LayoutKey::Internet => "인터넷".into(),
        _ => key_text(key),
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

/// Why [`Edit::add`] or [`Edit::add_all`] is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddError {
    /// The design (or an earlier resource of the same edit) already has this id.
    IdTaken(Id),
}

impl AddError {
    /// The reason in English and Korean.
    pub fn text(&self) -> Text {
        match self {
            AddError::IdTaken(id) => Text::new(
                format!("The design already has a resource with the id {id}."),
                format!("설계에 이미 id가 {id}인 리소스가 있습니다."),
            ),
        }
    }
}

/// Why [`Edit::update`] is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpdateError {
    /// The design has no resource of this kind with this id.
    NoResource { kind: ResourceKind, id: Id },
    /// The resource was found by its id but could not be read at its index (in practice never).
    Gone(Id),
}

impl UpdateError {
    /// The reason in English and Korean.
    pub fn text(&self) -> Text {
        match self {
            UpdateError::NoResource { kind, id } => Text::new(
                format!("The design has no {} {id}.", kind.label()),
                format!("설계에 {} {id}가 없습니다.", kind.label()),
            ),
            UpdateError::Gone(_) => Text::new("The resource is gone.", "리소스가 없습니다."),
        }
    }
}

bilingual_error!(ApplyError, AddError, UpdateError);

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
    pub fn apply(&self, d: &mut Design) -> Result<(), ApplyError> {
        for (n, c) in self.changes.iter().enumerate() {
            if let Err(e) = c.apply(d) {
                for done in self.changes.iter().take(n).rev() {
                    // Undoing what was just applied cannot fail: the design is as those changes left it.
                    let _ = done.inverse().apply(d);
                }
                return Err(e);
            }
        }
        Ok(())
    }

    /// Adds a resource at the end of its list, with an optional placement. Refused when the id is taken.
    pub fn add(d: &Design, resource: Resource, place: Option<Placement>) -> Result<Edit, AddError> {
        Edit::add_all(d, vec![resource], place)
    }

    /// Adds resources at the end of their lists; the placement, if any, is the first one's.
    pub fn add_all(d: &Design, resources: Vec<Resource>, place: Option<Placement>) -> Result<Edit, AddError> {
        let mut changes = Vec::new();
        let mut counts: std::collections::BTreeMap<ResourceKind, usize> = Default::default();
        let label = match resources.first() {
            Some(r) => Text::new(format!("Add {}", r.id()), format!("{} 추가", r.id())),
            None => return Ok(Edit::new(Text::new("Add nothing", "추가 없음"), vec![])),
        };
        for (n, r) in resources.iter().enumerate() {
            if d.find(r.id().as_str()).is_some() || resources[..n].iter().any(|x| x.id() == r.id()) {
                return Err(AddError::IdTaken(r.id().clone()));
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
    pub fn update(d: &Design, after: Resource) -> Result<Edit, UpdateError> {
        let Some(at) = d.index_of(after.kind(), after.id().as_str()) else {
            return Err(UpdateError::NoResource { kind: after.kind(), id: after.id().clone() });
        };
        let Some(before) = d.resource_at(after.kind(), at) else {
            return Err(UpdateError::Gone(after.id().clone()));
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
    pub fn commit(&mut self, d: &mut Design, edit: Edit) -> Result<(), ApplyError> {
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
    pub fn undo(&mut self, d: &mut Design) -> Result<Option<Text>, ApplyError> {
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
    pub fn redo(&mut self, d: &mut Design) -> Result<Option<Text>, ApplyError> {
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
mod error_tests;
#[cfg(test)]
mod tests;
