//! The palette: every kind that can be put on the canvas, grouped and searchable (in English and Korean). Drag an
//! item onto the canvas to drop it into the container under the pointer; or press it (mouse, Enter or Space) to
//! add it to the selected container, which is how the keyboard builds a design.

use leptos::prelude::*;
use vpcanvas_core::doc::{Id, KindGroup, ResourceKind};
use vpcanvas_core::edit::{Container, ContainerKind, home_of, homes};
use vpcanvas_core::text::Text;

use crate::canvas::{Item, place_item};
use crate::editor::Editor;
use crate::i18n::Lang;
use crate::scene::{self, BoxStyle, Scene};

/// The palette's groups in order, each with its heading in English and Korean.
const GROUPS: [(KindGroup, &str, &str); 4] = [
    (KindGroup::Network, "Network", "네트워크"),
    (KindGroup::Compute, "Compute", "컴퓨팅"),
    (KindGroup::Hybrid, "Hybrid and transit", "하이브리드와 트랜짓"),
    (KindGroup::Connection, "Connections (select two, then press)", "연결 (둘을 선택한 뒤 누르기)"),
];

/// The items of one palette group: every kind of that group, in document order (the kinds are declared once, in
/// core's `with_kinds!`); Availability Zones, which are boxes rather than resources, come after VPCs.
pub fn group_items(group: KindGroup) -> Vec<Item> {
    let mut items = Vec::new();
    for kind in ResourceKind::ALL.into_iter().filter(|k| k.group() == group) {
        items.push(Item::Kind(kind));
        if kind == ResourceKind::Vpc {
            items.push(Item::Zone);
        }
    }
    items
}

/// The palette's label: the kind's name, capitalised as a heading ("NAT gateway", "Subnet").
pub fn item_label(item: Item, lang: Lang) -> String {
    let text = match item {
        Item::Kind(k) => lang.kind(k),
        Item::Zone => lang.pick("Availability Zone", "가용 영역"),
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub fn item_key(item: Item) -> &'static str {
    match item {
        Item::Kind(k) => k.key(),
        Item::Zone => "zone",
    }
}

fn item_homes(item: Item) -> &'static [ContainerKind] {
    match item {
        Item::Kind(k) => homes(k),
        Item::Zone => &[ContainerKind::Vpc],
    }
}

/// The container a selection key stands for, or lives in.
fn container_for(scene: &Scene, d: &vpcanvas_core::Design, key: &str) -> Option<Container> {
    if let Some(b) = scene.boxes.iter().find(|b| b.key == key) {
        let id = |s: &str| Id::new(s).ok();
        return match b.style {
            BoxStyle::Region => id(key).map(Container::Region),
            BoxStyle::Vpc => id(key).map(Container::Vpc),
            BoxStyle::Zone => {
                let (vpc, zone) = key.rsplit_once('/')?;
                Some(Container::Zone { vpc: id(vpc)?, zone: zone.to_owned() })
            }
            _ => id(key).map(Container::Subnet),
        };
    }
    home_of(d, key)
}

/// Walks out from a container to the nearest one an item may live in (a VPC for an internet gateway when a subnet
/// of it is selected, say).
fn widen(d: &vpcanvas_core::Design, mut c: Container, allowed: &[ContainerKind]) -> Option<Container> {
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

/// Where a pressed item goes: into the selected container (or the nearest one around it that fits), placed beside
/// what is already there.
fn add_by_press(ed: Editor, scene: &Scene, item: Item) {
    let allowed = item_homes(item);
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
        let lang = ed.lang.get_untracked();
        let (en, ko) = where_text(allowed);
        ed.say_error(Text::new(
            format!("Select {en} first, then add the {}.", item_label(item, Lang::En)),
            format!("먼저 {ko}을(를) 선택한 다음 {}을(를) 추가하세요.", item_label(item, Lang::Ko)),
        ));
        let _ = lang;
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
            Ok((key, vpcanvas_core::edit::Edit::add_all(d, made, None)?))
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
/// full (it then grows to hold it: see `place_item`).
fn free_spot(scene: &Scene, target: &Container, item: Item) -> Option<(f64, f64)> {
    let kind = match item {
        Item::Kind(k) => Some(k),
        Item::Zone => None,
    };
    let is_box =
        matches!(item, Item::Zone | Item::Kind(ResourceKind::Region | ResourceKind::Vpc | ResourceKind::Subnet));
    let key = match target {
        Container::Canvas => None,
        Container::Region(id) | Container::Vpc(id) | Container::Subnet(id) => Some(id.to_string()),
        Container::Zone { vpc, zone } => Some(format!("{vpc}/{zone}")),
    };
    let parent = key.as_ref().and_then(|k| scene.boxes.iter().find(|b| &b.key == k)).map(|b| b.rect.clone());
    // The area the new shape takes: a box's size, or an icon with its label beneath.
    let (w, h) = if is_box { crate::canvas::default_size(kind) } else { crate::canvas::ICON_FOOTPRINT };
    let as_point = |x: f64, y: f64| if is_box { (x, y) } else { crate::canvas::icon_center_of_footprint(x, y) };
    let (x, y) = spot_in(scene, parent.as_ref(), (w, h));
    Some(as_point(x, y))
}

/// The top-left corner of a free `size` area inside the box `parent` (clear of the boxes and icons in it), or
/// beside what is in it when it is full; on the canvas (no parent), right of everything.
pub fn spot_in(scene: &Scene, parent: Option<&scene::Rect>, size: (f64, f64)) -> (f64, f64) {
    let (w, h) = size;
    let Some(p) = parent.cloned() else {
        return if scene.boxes.is_empty() && scene.icons.is_empty() {
            (40.0, 120.0)
        } else {
            (scene.bounds.x + scene.bounds.w + 40.0, scene.bounds.y + 24.0)
        };
    };
    let inside: Vec<scene::Rect> = scene
        .boxes
        .iter()
        .filter(|b| b.rect != p && p.contains(&b.rect))
        .map(|b| b.rect.clone())
        .chain(scene.icons.iter().filter(|i| p.contains(&i.rect)).map(|i| crate::canvas::icon_footprint(&i.rect)))
        .collect();
    let gap = 16.0;
    let clear = |c: &scene::Rect| {
        inside
            .iter()
            .all(|t| !scene::Rect { x: c.x - gap, y: c.y - gap, w: c.w + 2.0 * gap, h: c.h + 2.0 * gap }.overlaps(t))
    };
    let step = 16.0;
    let mut y = p.y + scene::TITLE_BAND;
    while y + h + 8.0 <= p.bottom() {
        let mut x = p.x + scene::MARGIN;
        while x + w + 8.0 <= p.right() {
            let c = scene::Rect { x, y, w, h };
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

#[component]
pub fn Palette() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let query = RwSignal::new(String::new());
    let scene = Memo::new(move |_| ed.design.with(scene::build));
    let matches = move |item: Item| {
        let q = query.get().to_lowercase();
        q.is_empty()
            || item_label(item, Lang::En).to_lowercase().contains(&q)
            || item_label(item, Lang::Ko).contains(&q)
            || item_key(item).contains(&q)
    };
    view! {
        <section class="palette" aria-label=move || ed.lang.get().pick("Palette", "팔레트")>
            <input
                class="palette-search"
                type="search"
                data-testid="palette-search"
                placeholder=move || ed.lang.get().pick("Search resources", "리소스 검색")
                aria-label=move || ed.lang.get().pick("Search resources", "리소스 검색")
                prop:value=query
                on:input=move |e| query.set(event_target_value(&e))
            />
            {GROUPS
                .iter()
                .map(|(group, en, ko)| {
                    let items = group_items(*group);
                    let shown = items.clone();
                    view! {
                        <div class="palette-group" class:empty=move || !shown.iter().any(|i| matches(*i))>
                            <h3>{move || ed.lang.get().pick(en, ko)}</h3>
                            <ul>
                                {items
                                    .into_iter()
                                    .map(|item| {
                                        view! {
                                            <li class:hidden=move || !matches(item)>
                                                <button
                                                    class="palette-item"
                                                    data-testid="palette-item"
                                                    data-kind=item_key(item)
                                                    on:pointerdown=move |e| {
                                                        if e.button() == 0 {
                                                            ed.creating.set(Some(item));
                                                        }
                                                    }
                                                    on:click=move |_| add_by_press(ed, &scene.get_untracked(), item)
                                                    title=move || {
                                                        ed.lang
                                                            .get()
                                                            .pick(
                                                                "Drag onto the canvas, or press to add to the selection",
                                                                "캔버스로 끌어 놓거나, 눌러서 선택한 곳에 추가",
                                                            )
                                                    }
                                                >
                                                    <span class=format!("swatch {}", item_key(item))></span>
                                                    {move || item_label(item, ed.lang.get())}
                                                </button>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </div>
                    }
                })
                .collect_view()}
        </section>
    }
}
