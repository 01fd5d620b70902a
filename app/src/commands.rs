//! What changes the design from the UI, beside the editor's own undo, copy and delete: adding a palette item (dropped
//! at a point, or pressed to go into the selection), connecting two resources, moving shapes (dragged, nudged, or
//! sent to another zone's box from the inspector). Each builds one core `Edit` and commits it through
//! [`Editor::commit`]: one undo step, a container growing in the same step when the new shape would overflow it. No
//! view code: the palette, the canvas, the inspector and the shortcuts call these.

use std::collections::BTreeSet;

use leptos::prelude::*;

use vpcanvas_core::doc::{Design, Id, Placement, ResourceKind};
use vpcanvas_core::edit::{Container, ContainerKind, Edit, LayoutKey, check_drop, create, home_of, homes, reparent};
use vpcanvas_core::text::Text;

use crate::editor::{Editor, Item};
use crate::geometry::{
    ICON_FOOTPRINT, box_key, container_of, default_size, drop_target, grow_around, icon_center_of_footprint,
    layout_key, moved, rect_of, snap, spot_in, with_contents,
};
use crate::i18n::Lang;
use crate::scene::{self, Scene};

/// Puts a new item from the palette at a canvas point: into the innermost container there, if it may go there.
pub fn drop_item(ed: Editor, scene: &Scene, item: Item, x: f64, y: f64) {
    match drop_target(scene, x, y, &BTreeSet::new(), item.homes()) {
        Ok(target) => place_item(ed, scene, item, target, Some((x, y))),
        Err(actual) => refuse(ed, item, &actual),
    }
}

/// Says why an item cannot go into a container.
fn refuse(ed: Editor, item: Item, into: &Container) {
    let reason = match item {
        Item::Kind(kind) => ed.design.with_untracked(|d| check_drop(d, kind, into).err().map(|e| e.text())),
        Item::Zone => Some(Text::new(
            "An Availability Zone box goes in a VPC: drop it onto one.",
            "가용 영역 상자는 VPC 안에 둡니다. VPC 위에 놓으세요.",
        )),
    };
    if let Some(reason) = reason {
        ed.say_error(reason);
    }
}

/// Adds a new item into a container, at a canvas point (or where the layout puts it). A container it would
/// overflow grows to hold it, and so do the containers around that one: all in the same undo step.
pub fn place_item(ed: Editor, scene: &Scene, item: Item, target: Container, at: Option<(f64, f64)>) {
    let result: Result<(String, Edit), Text> = ed.design.with_untracked(|d| {
        let (key, edit, place) = match item {
            Item::Zone => {
                let (Container::Vpc(vpc) | Container::Zone { vpc, .. }) = &target else {
                    return Err(Text::new(
                        "An Availability Zone box goes in a VPC.",
                        "가용 영역 상자는 VPC 안에 둡니다.",
                    ));
                };
                let (w, h) = default_size(None);
                let (x, y) = at.unwrap_or((0.0, 0.0));
                let place = Placement::rect(snap(x), snap(y), w, h);
                let (zone, edit) = vpcanvas_core::edit::add_zone(d, vpc, place)?;
                (format!("{vpc}/{zone}"), edit, Some(place))
            }
            Item::Kind(kind) => {
                let made = create(d, kind, &target)?;
                let key = made[0].id().to_string();
                let place = at.map(|(x, y)| {
                    if matches!(kind, ResourceKind::Region | ResourceKind::Vpc | ResourceKind::Subnet) {
                        let (w, h) = default_size(Some(kind));
                        Placement::rect(snap(x), snap(y), w, h)
                    } else {
                        Placement::at(snap(x - scene::ICON / 2.0), snap(y - scene::ICON / 2.0))
                    }
                });
                let place = if scene::drawn(kind) { place } else { None };
                (key, Edit::add_all(d, made, place)?, place)
            }
        };
        let grow = place.map(|p| grow_around(d, scene, &target, &p)).unwrap_or_default();
        Ok((key, grow.into_iter().fold(edit, Edit::then)))
    });
    match result {
        Ok((key, edit)) => {
            if ed.commit(edit) {
                ed.selection.set(vec![key.clone()]);
                ed.reveal.set(Some(key.clone()));
                ed.say(Text::new(format!("Added {key}."), format!("{key}를 추가했습니다.")));
            }
        }
        Err(reason) => ed.say_error(reason),
    }
}

/// Moves a shape with everything in it into another container (a subnet to another zone's box, chosen in the
/// inspector): to a free spot there, the container growing if it must. One undo step.
pub fn move_into(ed: Editor, key: &str, target: Container) {
    let scene = ed.design.with_untracked(|d| scene::build_in(d, ed.lang.get_untracked()));
    let Some(rect) = rect_of(&scene, key) else { return };
    let target_key = box_key(&target);
    let parent = target_key.as_ref().and_then(|k| scene.boxes.iter().find(|b| &b.key == k)).map(|b| b.rect.clone());
    let Some(parent_rect) = parent else {
        let where_ = target_key.unwrap_or_default();
        ed.say_error(Text::new(
            format!("There is no box for {where_} on the diagram: add an Availability Zone box to the VPC first."),
            format!("다이어그램에 {where_} 상자가 없습니다. 먼저 VPC에 가용 영역 상자를 추가하세요."),
        ));
        return;
    };
    let (x, y) = spot_in(&scene, Some(&parent_rect), (rect.w, rect.h));
    let (dx, dy) = (snap(x) - rect.x, snap(y) - rect.y);
    let keys = with_contents(&scene, key);
    let result: Result<Edit, Text> = ed.design.with_untracked(|d| {
        let id = Id::new(key).map_err(|e| Text::new(e.to_string(), e.to_string()))?;
        let to = moved(&scene, key, dx, dy);
        let edit = reparent(d, &id, &target, to)?;
        let moves: Vec<(LayoutKey, Placement)> = keys
            .iter()
            .filter(|k| k.as_str() != key)
            .filter_map(|k| Some((layout_key(&scene, k)?, moved(&scene, k, dx, dy)?)))
            .collect();
        let grow = to.map(|p| grow_around(d, &scene, &target, &p)).unwrap_or_default();
        Ok(grow.into_iter().fold(edit.then(Edit::place_all(d, moves)), Edit::then))
    });
    match result {
        Ok(edit) => {
            ed.commit(edit);
            ed.reveal.set(Some(key.to_owned()));
        }
        Err(reason) => ed.say_error(reason),
    }
}

/// Commits a finished drag: a resource dropped in another container moves there (if AWS allows it); everything
/// else moves by the same snapped offset (`delta`, in canvas units; `pointer` is where the drag ended). One undo
/// step.
pub fn finish_move(ed: Editor, scene: &Scene, primary: &str, keys: &[String], delta: (f64, f64), pointer: (f64, f64)) {
    let Some(first) = rect_of(scene, primary) else { return };
    // Snap the pressed shape's corner to the grid; everything moves by the same amount.
    let dx = snap(first.x + delta.0) - first.x;
    let dy = snap(first.y + delta.1) - first.y;
    let skip: BTreeSet<String> = keys.iter().cloned().collect();
    let result: Result<Edit, Text> = ed.design.with_untracked(|d| {
        let mut edit = Edit::new(Text::new(format!("Move {primary}"), format!("{primary} 이동")), vec![]);
        let mut rest: Vec<&String> = keys.iter().collect();
        // A resource dropped in another container of a kind it may live in moves there; dropped where it may not
        // live, the move is refused with the reason.
        if let Some(kind) = d.find(primary).map(|r| r.kind)
            && let Some(home) = home_of(d, primary)
        {
            match drop_target(scene, pointer.0, pointer.1, &skip, homes(kind)) {
                Ok(target) if target != home => {
                    let id = Id::new(primary).map_err(|e| Text::new(e.to_string(), e.to_string()))?;
                    let to = moved(scene, primary, dx, dy);
                    edit = reparent(d, &id, &target, to)?;
                    rest.retain(|k| k.as_str() != primary);
                }
                Ok(_) => {}
                Err(actual) => {
                    return Err(check_drop(d, kind, &actual)
                        .err()
                        .map(|e| e.text())
                        .unwrap_or_else(|| Text::new("It cannot go there.", "거기에 둘 수 없습니다.")));
                }
            }
        }
        let moves: Vec<(LayoutKey, Placement)> =
            rest.into_iter().filter_map(|k| Some((layout_key(scene, k)?, moved(scene, k, dx, dy)?))).collect();
        Ok(edit.then(Edit::place_all(d, moves)))
    });
    match result {
        Ok(edit) => {
            let n = keys.len();
            let mut edit = edit;
            if n > 1 {
                edit.label =
                    Text::new(format!("Move {primary} and {} more", n - 1), format!("{primary} 외 {}개 이동", n - 1));
            }
            ed.commit(edit);
            if !ed.selection.get_untracked().iter().any(|k| k == primary) {
                ed.select(primary, false);
            }
        }
        Err(reason) => ed.say_error(reason),
    }
}

/// Moves the selection (and what is inside it) by a few units: one undo step per key press.
pub fn nudge(ed: Editor, dx: f64, dy: f64) {
    let edit = ed.design.with_untracked(|d| {
        let s = scene::build(d);
        let mut keys: Vec<String> = ed.selection.get_untracked().iter().flat_map(|k| with_contents(&s, k)).collect();
        keys.sort();
        keys.dedup();
        let moves: Vec<(LayoutKey, Placement)> =
            keys.iter().filter_map(|k| Some((layout_key(&s, k)?, moved(&s, k, dx, dy)?))).collect();
        Edit::place_all(d, moves)
    });
    ed.commit(edit);
}

/// The container a selection key stands for, or lives in.
fn container_for(scene: &Scene, d: &Design, key: &str) -> Option<Container> {
    match scene.boxes.iter().find(|b| b.key == key) {
        Some(b) => container_of(b),
        None => home_of(d, key),
    }
}

/// Walks out from a container to the nearest one an item may live in (a VPC for an internet gateway when a subnet
/// of it is selected, say).
fn widen(d: &Design, mut c: Container, allowed: &[ContainerKind]) -> Option<Container> {
    for _ in 0..5 {
        if allowed.contains(&c.kind()) {
            return Some(c);
        }
        c = match &c {
            Container::Subnet(s) => {
                let s = d.subnets.iter().find(|x| &x.id == s)?;
                Container::Zone { vpc: s.vpc.clone(), zone: s.availability_zone.clone() }
            }
            Container::Zone { vpc, .. } => Container::Vpc(vpc.clone()),
            Container::Vpc(v) => Container::Region(d.vpcs.iter().find(|x| &x.id == v)?.region.clone()),
            Container::Region(_) => Container::Canvas,
            Container::Canvas => return None,
        };
    }
    None
}

/// Adds an item pressed in the palette: into the selected container (or the nearest one around it that fits),
/// placed beside what is already there; a connection joins the two selected resources.
pub fn add_to_selection(ed: Editor, scene: &Scene, item: Item) {
    let allowed = item.homes();
    if let Item::Kind(kind) = item
        && allowed.is_empty()
    {
        connect_selection(ed, kind);
        return;
    }
    let selected = ed.selection.get_untracked().first().cloned();
    let target = ed.design.with_untracked(|d| {
        let from = selected.as_deref().and_then(|k| container_for(scene, d, k));
        match from {
            Some(c) => widen(d, c, allowed),
            None if allowed.contains(&ContainerKind::Canvas) => Some(Container::Canvas),
            None => None,
        }
    });
    let Some(target) = target else {
        let (en, ko) = where_text(allowed);
        ed.say_error(Text::new(
            format!("Select {en} first, then add the {}.", item.label(Lang::En)),
            format!("먼저 {ko}을(를) 선택한 다음 {}을(를) 추가하세요.", item.label(Lang::Ko)),
        ));
        return;
    };
    let at = free_spot(scene, &target, item);
    place_item(ed, scene, item, target, at);
}

/// A connection between the two selected resources.
fn connect_selection(ed: Editor, kind: ResourceKind) {
    let keys = ed.selection.get_untracked();
    let ids: Vec<Id> = keys.iter().filter_map(|k| Id::new(k.clone()).ok()).collect();
    let result = ed.design.with_untracked(|d| match ids.as_slice() {
        [a, b] => {
            let made = vpcanvas_core::edit::connect(d, kind, a, b)?;
            let key = made[0].id().to_string();
            Ok((key, Edit::add_all(d, made, None)?))
        }
        _ => Err(Text::new(
            format!("Select the two things the {} connects (shift-click), then press it.", kind.label()),
            format!("{}이(가) 이을 두 항목을 선택(Shift+클릭)한 다음 누르세요.", kind.label_ko()),
        )),
    });
    match result {
        Ok((key, edit)) => {
            if ed.commit(edit) {
                ed.selection.set(vec![key.clone()]);
                ed.say(Text::new(format!("Added {key}."), format!("{key}를 추가했습니다.")));
            }
        }
        Err(t) => ed.say_error(t),
    }
}

fn where_text(allowed: &[ContainerKind]) -> (String, String) {
    let words = |k: &ContainerKind| match k {
        ContainerKind::Canvas => ("nothing", "아무것도"),
        ContainerKind::Region => ("a Region", "리전"),
        ContainerKind::Vpc => ("a VPC", "VPC"),
        ContainerKind::Zone => ("an Availability Zone box", "가용 영역 상자"),
        ContainerKind::Subnet => ("a subnet", "서브넷"),
    };
    let (en, ko): (Vec<&str>, Vec<&str>) = allowed.iter().map(words).unzip();
    (en.join(" or "), ko.join(" 또는 "))
}

/// Where a new item pressed in the palette goes inside its container: a free spot clear of the boxes and icons
/// already there (for an icon its centre, for a box its top-left corner), or beside them when the container is
/// full (it then grows to hold it: see [`place_item`]).
fn free_spot(scene: &Scene, target: &Container, item: Item) -> Option<(f64, f64)> {
    let kind = match item {
        Item::Kind(k) => Some(k),
        Item::Zone => None,
    };
    let is_box =
        matches!(item, Item::Zone | Item::Kind(ResourceKind::Region | ResourceKind::Vpc | ResourceKind::Subnet));
    let key = box_key(target);
    let parent = key.as_ref().and_then(|k| scene.boxes.iter().find(|b| &b.key == k)).map(|b| b.rect.clone());
    // The area the new shape takes: a box's size, or an icon with its label beneath.
    let (w, h) = if is_box { default_size(kind) } else { ICON_FOOTPRINT };
    let as_point = |x: f64, y: f64| if is_box { (x, y) } else { icon_center_of_footprint(x, y) };
    let (x, y) = spot_in(scene, parent.as_ref(), (w, h));
    Some(as_point(x, y))
}
