//! Where things go on the canvas, worked out from a [`Scene`] without touching the DOM: the grid, the size of a new
//! shape, the container under a point, a shape and what is drawn inside it, a free spot in a container, and the
//! growth that makes a container hold something new. Shared by the commands and the canvas; tested natively.

use std::collections::BTreeSet;

use vpcanvas_core::doc::{Design, Id, Placement, ResourceKind};
use vpcanvas_core::edit::{Container, ContainerKind, Edit, LayoutKey};

use crate::scene::{self, BoxShape, BoxStyle, Rect, Scene};

/// Placements snap to this grid.
pub const GRID: f64 = 8.0;

/// The nearest grid line.
pub fn snap(v: f64) -> f64 {
    (v / GRID).round() * GRID
}

/// Default sizes of new containers (`None`: an Availability Zone box).
pub fn default_size(kind: Option<ResourceKind>) -> (f64, f64) {
    match kind {
        Some(ResourceKind::Region) => (960.0, 640.0),
        Some(ResourceKind::Vpc) => (800.0, 520.0),
        Some(ResourceKind::Subnet) => (300.0, 180.0),
        // An Availability Zone box.
        _ => (340.0, 440.0),
    }
}

/// The area an icon takes with its label beneath it (the label may be wider than the icon).
pub const ICON_FOOTPRINT: (f64, f64) = (144.0, scene::ICON + 44.0);

/// The footprint of an icon drawn at `icon`.
pub fn icon_footprint(icon: &Rect) -> Rect {
    let (w, h) = ICON_FOOTPRINT;
    Rect { x: icon.x + icon.w / 2.0 - w / 2.0, y: icon.y, w, h }
}

/// The centre of the icon whose footprint's top-left corner is (x, y).
pub fn icon_center_of_footprint(x: f64, y: f64) -> (f64, f64) {
    (x + ICON_FOOTPRINT.0 / 2.0, y + scene::ICON / 2.0)
}

/// The container a box stands for.
pub fn container_of(b: &BoxShape) -> Option<Container> {
    let id = |s: &str| Id::new(s).ok();
    match b.style {
        BoxStyle::Region => id(&b.key).map(Container::Region),
        BoxStyle::Vpc => id(&b.key).map(Container::Vpc),
        BoxStyle::Zone => {
            let (vpc, zone) = b.key.rsplit_once('/')?;
            Some(Container::Zone { vpc: id(vpc)?, zone: zone.to_owned() })
        }
        BoxStyle::PublicSubnet | BoxStyle::PrivateSubnet => id(&b.key).map(Container::Subnet),
    }
}

/// The key of the box a container is drawn as (`None` for the canvas itself).
pub fn box_key(c: &Container) -> Option<String> {
    match c {
        Container::Canvas => None,
        Container::Region(id) | Container::Vpc(id) | Container::Subnet(id) => Some(id.to_string()),
        Container::Zone { vpc, zone } => Some(format!("{vpc}/{zone}")),
    }
}

fn inside(r: &Rect, x: f64, y: f64) -> bool {
    x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h
}

/// Where something that lives in `allowed` lands at a point: the innermost box under the point of an allowed
/// kind (the canvas, if allowed and no such box is there). `Err` carries the innermost container actually under the
/// point, for the refusal's reason.
pub fn drop_target(
    scene: &Scene,
    x: f64,
    y: f64,
    skip: &BTreeSet<String>,
    allowed: &[ContainerKind],
) -> Result<Container, Container> {
    let under: Vec<Container> = scene
        .boxes
        .iter()
        .rev()
        .filter(|b| !skip.contains(&b.key) && inside(&b.rect, x, y))
        .filter_map(container_of)
        .collect();
    if let Some(c) = under.iter().find(|c| allowed.contains(&c.kind())) {
        return Ok(c.clone());
    }
    if allowed.contains(&ContainerKind::Canvas) && under.is_empty() {
        return Ok(Container::Canvas);
    }
    Err(under.into_iter().next().unwrap_or(Container::Canvas))
}

/// The rect of a shape by key.
pub fn rect_of(scene: &Scene, key: &str) -> Option<Rect> {
    scene
        .boxes
        .iter()
        .find(|b| b.key == key)
        .map(|b| b.rect.clone())
        .or_else(|| scene.icons.iter().find(|i| i.key == key).map(|i| i.rect.clone()))
}

/// A shape and everything drawn inside it.
pub fn with_contents(scene: &Scene, key: &str) -> Vec<String> {
    let mut out = vec![key.to_owned()];
    if let Some(outer) = scene.boxes.iter().find(|b| b.key == key).map(|b| b.rect.clone()) {
        out.extend(scene.boxes.iter().filter(|b| b.key != key && outer.contains(&b.rect)).map(|b| b.key.clone()));
        out.extend(scene.icons.iter().filter(|i| outer.contains(&i.rect)).map(|i| i.key.clone()));
    }
    out
}

/// The layout key of a shape.
pub fn layout_key(scene: &Scene, key: &str) -> Option<LayoutKey> {
    if key == "internet" {
        return Some(LayoutKey::Internet);
    }
    if let Some(b) = scene.boxes.iter().find(|b| b.key == key)
        && b.style == BoxStyle::Zone
    {
        let (vpc, zone) = key.rsplit_once('/')?;
        return Some(LayoutKey::Zone { vpc: Id::new(vpc).ok()?, zone: zone.to_owned() });
    }
    Id::new(key).ok().map(LayoutKey::Node)
}

/// The placement a shape gets when moved by (dx, dy).
pub fn moved(scene: &Scene, key: &str, dx: f64, dy: f64) -> Option<Placement> {
    let is_box = scene.boxes.iter().any(|b| b.key == key);
    let r = rect_of(scene, key)?;
    Some(if is_box { Placement::rect(r.x + dx, r.y + dy, r.w, r.h) } else { Placement::at(r.x + dx, r.y + dy) })
}

/// The top-left corner of a free `size` area inside the box `parent` (clear of the boxes and icons in it), or
/// beside what is in it when it is full; on the canvas (no parent), right of everything.
pub fn spot_in(scene: &Scene, parent: Option<&Rect>, size: (f64, f64)) -> (f64, f64) {
    let (w, h) = size;
    let Some(p) = parent.cloned() else {
        return if scene.boxes.is_empty() && scene.icons.is_empty() {
            (40.0, 120.0)
        } else {
            (scene.bounds.x + scene.bounds.w + 40.0, scene.bounds.y + 24.0)
        };
    };
    let inside: Vec<Rect> = scene
        .boxes
        .iter()
        .filter(|b| b.rect != p && p.contains(&b.rect))
        .map(|b| b.rect.clone())
        .chain(scene.icons.iter().filter(|i| p.contains(&i.rect)).map(|i| icon_footprint(&i.rect)))
        .collect();
    let gap = 16.0;
    let clear = |c: &Rect| {
        inside.iter().all(|t| !Rect { x: c.x - gap, y: c.y - gap, w: c.w + 2.0 * gap, h: c.h + 2.0 * gap }.overlaps(t))
    };
    let step = 16.0;
    let mut y = p.y + scene::TITLE_BAND;
    while y + h + 8.0 <= p.bottom() {
        let mut x = p.x + scene::MARGIN;
        while x + w + 8.0 <= p.right() {
            let c = Rect { x, y, w, h };
            if clear(&c) {
                return (x, y);
            }
            x += step;
        }
        y += step;
    }
    // Full: beside what is there.
    let right = inside.iter().map(|r| r.right()).fold(p.x, f64::max);
    (right + 40.0, p.y + scene::TITLE_BAND)
}

/// The edits that grow `target` and the boxes around it so that a new shape at `place` fits inside, with a
/// margin.
pub fn grow_around(d: &Design, scene: &Scene, target: &Container, place: &Placement) -> Vec<Edit> {
    let Some(key) = box_key(target) else { return Vec::new() };
    let Some(inner) = scene.boxes.iter().find(|b| b.key == key).map(|b| b.rect.clone()) else { return Vec::new() };
    let shape = match (place.w, place.h) {
        (Some(w), Some(h)) => Rect { x: place.x, y: place.y, w, h },
        _ => icon_footprint(&Rect { x: place.x, y: place.y, w: scene::ICON, h: scene::ICON }),
    };
    // The target and the boxes around it, innermost first.
    let mut around: Vec<&BoxShape> = scene.boxes.iter().filter(|b| b.rect.contains(&inner)).collect();
    around.sort_by(|a, b| (a.rect.w * a.rect.h).total_cmp(&(b.rect.w * b.rect.h)));
    let margin = scene::MARGIN;
    let mut need =
        Rect { x: shape.x - margin, y: shape.y - margin, w: shape.w + 2.0 * margin, h: shape.h + 2.0 * margin };
    let mut out = Vec::new();
    for b in around {
        if b.rect.contains(&need) {
            need = b.rect.clone();
        } else if let Some(lk) = layout_key(scene, &b.key) {
            let grown = b.rect.union(&need);
            let (x, y) = (snap(grown.x), snap(grown.y));
            let (w, h) = (snap(grown.right() - x + GRID / 2.0), snap(grown.bottom() - y + GRID / 2.0));
            out.push(Edit::place(d, lk, Some(Placement::rect(x, y, w, h))));
            need = Rect { x: x - margin, y: y - margin, w: w + 2.0 * margin, h: h + 2.0 * margin };
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Design {
        vpcanvas_core::testing::sample()
    }

    #[test]
    fn a_free_spot_is_inside_the_container_and_clear_of_what_is_there() {
        let scene = scene::build(&sample());
        let subnet = rect_of(&scene, "subnet-private-a").unwrap();
        let (x, y) = spot_in(&scene, Some(&subnet), ICON_FOOTPRINT);
        let spot = Rect { x, y, w: ICON_FOOTPRINT.0, h: ICON_FOOTPRINT.1 };
        assert!(subnet.contains(&spot), "{spot:?} not in {subnet:?}");
        let web = icon_footprint(&rect_of(&scene, "i-web-a").unwrap());
        assert!(!spot.overlaps(&web), "{spot:?} covers {web:?}");
    }

    #[test]
    fn a_full_container_puts_the_new_shape_beside_what_is_there() {
        let scene = scene::build(&sample());
        let subnet = rect_of(&scene, "subnet-private-a").unwrap();
        let (x, y) = spot_in(&scene, Some(&subnet), (subnet.w * 2.0, subnet.h * 2.0));
        let web = icon_footprint(&rect_of(&scene, "i-web-a").unwrap());
        assert!(x > web.right(), "{x} is not right of {web:?}");
        assert_eq!(y, subnet.y + scene::TITLE_BAND);
    }

    #[test]
    fn the_container_under_a_point_is_the_innermost_allowed_one() {
        let scene = scene::build(&sample());
        let subnet = rect_of(&scene, "subnet-private-a").unwrap();
        let (x, y) = subnet.center();
        let none = BTreeSet::new();
        let to_subnet = drop_target(&scene, x, y, &none, &[ContainerKind::Subnet]);
        assert_eq!(to_subnet, Ok(Container::Subnet(Id::new("subnet-private-a").unwrap())));
        let to_vpc = drop_target(&scene, x, y, &none, &[ContainerKind::Vpc]);
        assert!(matches!(to_vpc, Ok(Container::Vpc(_))), "{to_vpc:?}");
        // Nowhere allowed: the innermost container there, for the reason.
        assert_eq!(drop_target(&scene, x, y, &none, &[]), Err(Container::Subnet(Id::new("subnet-private-a").unwrap())));
    }

    #[test]
    fn a_box_moves_with_what_is_drawn_inside_it() {
        let scene = scene::build(&sample());
        let keys = with_contents(&scene, "subnet-private-a");
        assert_eq!(keys.first().map(String::as_str), Some("subnet-private-a"));
        assert!(keys.iter().any(|k| k == "i-web-a"), "{keys:?}");
        assert!(!keys.iter().any(|k| k == "i-web-c"), "{keys:?}");
    }

    #[test]
    fn a_shape_beyond_its_container_grows_it_and_the_boxes_around() {
        let mut d = sample();
        let scene = scene::build(&d);
        let subnet = rect_of(&scene, "subnet-private-a").unwrap();
        let target = Container::Subnet(Id::new("subnet-private-a").unwrap());
        let far = Placement::at(subnet.right() + 400.0, subnet.y + 40.0);
        let grow = grow_around(&d, &scene, &target, &far);
        assert!(grow.len() >= 2, "the subnet and at least its zone grow: {}", grow.len());
        let edit = grow.into_iter().reduce(Edit::then).unwrap();
        edit.apply(&mut d).unwrap();
        let after = scene::build(&d);
        let shape = icon_footprint(&Rect { x: far.x, y: far.y, w: scene::ICON, h: scene::ICON });
        for key in ["subnet-private-a", "vpc-main"] {
            let r = rect_of(&after, key).unwrap();
            assert!(r.contains(&shape), "{key}: {r:?} does not hold {shape:?}");
        }
    }

    #[test]
    fn icons_are_centred_in_their_footprint() {
        let icon = Rect { x: 100.0, y: 50.0, w: scene::ICON, h: scene::ICON };
        let f = icon_footprint(&icon);
        assert_eq!(icon_center_of_footprint(f.x, f.y), icon.center());
        assert_eq!(snap(13.0), 16.0);
        assert_eq!(
            box_key(&Container::Zone { vpc: Id::new("vpc-1").unwrap(), zone: "a".into() }).as_deref(),
            Some("vpc-1/a")
        );
        assert_eq!(box_key(&Container::Canvas), None);
    }
}
