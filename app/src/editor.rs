//! The editor's state: the design, its undo history, the selection, the view and the language, as Leptos signals
//! shared by the canvas, the palette, the outline and the inspector. Every change to the design goes through
//! [`Editor::commit`], which applies a core `Edit` and records it; nothing else writes the design. No view code:
//! the panels and the canvas read and set this state, and never each other.

use leptos::prelude::*;
use vpcanvas_core::doc::{Design, Id, ResourceKind};
use vpcanvas_core::edit::{ContainerKind, Edit, History, delete, homes};
use vpcanvas_core::text::Text;

use crate::i18n::Lang;
use crate::scene::{Rect, Scene};

/// Something the palette can put on the canvas: a resource kind, or an Availability Zone box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Kind(ResourceKind),
    Zone,
}

impl Item {
    /// Where the item may live.
    pub fn homes(self) -> &'static [ContainerKind] {
        match self {
            Item::Kind(kind) => homes(kind),
            Item::Zone => &[ContainerKind::Vpc],
        }
    }

    /// The item's label, capitalised as a heading ("NAT gateway", "Subnet"): the palette's and the inspector's.
    pub fn label(self, lang: Lang) -> String {
        let text = match self {
            Item::Kind(k) => lang.kind(k),
            Item::Zone => lang.pick("Availability Zone", "가용 영역"),
        };
        let mut chars = text.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    }

    /// The item's key in the page (`data-kind`, the swatch's class).
    pub fn key(self) -> &'static str {
        match self {
            Item::Kind(k) => k.key(),
            Item::Zone => "zone",
        }
    }
}

/// What the canvas draws, for the layers drawn over it (the analysis and reach overlays, its children): the scene
/// in the editor's language and the part of it in view (`None` until the canvas has a size). The canvas provides
/// it as a context.
#[derive(Clone, Copy)]
pub struct Drawing {
    pub scene: Memo<Scene>,
    pub visible: Memo<Option<Rect>>,
}

/// The visible part of the canvas: canvas point (x, y) is drawn at screen offset ((x - left) · zoom, (y - top) ·
/// zoom) from the canvas element's corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub left: f64,
    pub top: f64,
    pub zoom: f64,
}

impl View {
    pub const MIN_ZOOM: f64 = 0.1;
    pub const MAX_ZOOM: f64 = 4.0;

    /// The canvas point under a screen offset.
    pub fn to_canvas(&self, sx: f64, sy: f64) -> (f64, f64) {
        (self.left + sx / self.zoom, self.top + sy / self.zoom)
    }

    /// Zooms by `factor`, keeping the canvas point under the screen offset (sx, sy) where it is.
    pub fn zoomed(&self, factor: f64, sx: f64, sy: f64) -> View {
        let zoom = (self.zoom * factor).clamp(Self::MIN_ZOOM, Self::MAX_ZOOM);
        let (cx, cy) = self.to_canvas(sx, sy);
        View { left: cx - sx / zoom, top: cy - sy / zoom, zoom }
    }

    /// The view that shows `rect` (x, y, w, h) whole in a screen area of `width` × `height`, centred.
    pub fn fit(rect: (f64, f64, f64, f64), width: f64, height: f64) -> View {
        let (x, y, w, h) = rect;
        let zoom = (width / w.max(1.0)).min(height / h.max(1.0)).clamp(Self::MIN_ZOOM, 1.5);
        View { left: x - (width / zoom - w) / 2.0, top: y - (height / zoom - h) / 2.0, zoom }
    }
}

/// A message for the user: a refused drop, an edit that could not be applied, what a deletion took along.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub text: Text,
    pub error: bool,
}

/// The shared editor state (all fields are cheap `Copy` handles).
#[derive(Clone, Copy)]
pub struct Editor {
    pub design: RwSignal<Design>,
    history: StoredValue<History>,
    /// Selected keys: resource ids, or `vpc/zone` for an Availability Zone box.
    pub selection: RwSignal<Vec<String>>,
    pub view: RwSignal<View>,
    pub lang: RwSignal<Lang>,
    pub notice: RwSignal<Option<Notice>>,
    /// What undo and redo would do, for their buttons' titles; `None` when there is nothing.
    pub undo_label: RwSignal<Option<Text>>,
    pub redo_label: RwSignal<Option<Text>>,
    pub help_open: RwSignal<bool>,
    /// A palette item being dragged onto the canvas.
    pub creating: RwSignal<Option<Item>>,
    /// A key the canvas should bring into view (set when something is added or picked in the outline).
    pub reveal: RwSignal<Option<String>>,
    /// Draw every shape, not only those in view (while a picture is taken).
    pub export_all: RwSignal<bool>,
    /// A shared design opened from a link: shown, not changed, until the user edits a copy.
    pub read_only: RwSignal<bool>,
    /// Which end of the traced flow the next click on the canvas picks (`"from"` or `"to"`), if any.
    pub picking: RwSignal<Option<&'static str>>,
    /// An end picked on the canvas, for the traffic panel to take.
    pub picked: RwSignal<Option<(&'static str, String)>>,
    /// What was copied: the design as it was, the ids, and how many times it has been pasted since.
    clipboard: StoredValue<Option<(Design, Vec<Id>, u32)>>,
}

impl Editor {
    pub fn new(design: Design) -> Editor {
        Editor {
            design: RwSignal::new(design),
            history: StoredValue::new(History::new()),
            selection: RwSignal::new(Vec::new()),
            view: RwSignal::new(View { left: 0.0, top: 0.0, zoom: 1.0 }),
            lang: RwSignal::new(Lang::load()),
            notice: RwSignal::new(None),
            undo_label: RwSignal::new(None),
            redo_label: RwSignal::new(None),
            help_open: RwSignal::new(false),
            creating: RwSignal::new(None),
            reveal: RwSignal::new(None),
            read_only: RwSignal::new(false),
            export_all: RwSignal::new(false),
            picking: RwSignal::new(None),
            picked: RwSignal::new(None),
            clipboard: StoredValue::new(None),
        }
    }

    fn refresh_labels(&self) {
        self.history.with_value(|h| {
            self.undo_label.set(h.undo_label().cloned());
            self.redo_label.set(h.redo_label().cloned());
        });
    }

    /// Applies an edit and records it as one undo step. An edit that does not fit is refused whole and said.
    pub fn commit(&self, edit: Edit) -> bool {
        if edit.is_empty() {
            return true;
        }
        if self.read_only.get_untracked() {
            self.say_error(Text::new(
                "This shared design is read-only: press “Edit a copy” to change it.",
                "공유된 설계는 읽기 전용입니다. 바꾸려면 “사본 편집”을 누르세요.",
            ));
            return false;
        }
        let mut result = Ok(());
        self.history.update_value(|h| {
            self.design.update(|d| result = h.commit(d, edit));
        });
        self.refresh_labels();
        match result {
            Ok(()) => true,
            Err(e) => {
                let e = e.text();
                self.say_error(Text::new(
                    format!("That edit could not be applied: {}.", e.en),
                    format!("편집을 적용할 수 없습니다: {}.", e.ko),
                ));
                false
            }
        }
    }

    pub fn undo(&self) {
        let mut result = Ok(None);
        self.history.update_value(|h| {
            if h.can_undo() {
                self.design.update(|d| result = h.undo(d));
            }
        });
        self.after_history(result, "Undid", "실행 취소:");
    }

    pub fn redo(&self) {
        let mut result = Ok(None);
        self.history.update_value(|h| {
            if h.can_redo() {
                self.design.update(|d| result = h.redo(d));
            }
        });
        self.after_history(result, "Redid", "다시 실행:");
    }

    fn after_history(&self, result: Result<Option<Text>, vpcanvas_core::edit::ApplyError>, en: &str, ko: &str) {
        self.refresh_labels();
        // What no longer exists cannot stay selected.
        let alive: Vec<String> = self
            .design
            .with_untracked(|d| self.selection.get_untracked().into_iter().filter(|k| exists(d, k)).collect());
        self.selection.set(alive);
        match result {
            Ok(Some(label)) => self.say(Text::new(format!("{en} {}", label.en), format!("{ko} {}", label.ko))),
            Ok(None) => {}
            Err(e) => self.say_error(e.text()),
        }
    }

    /// Says something that needs no answer: it goes away by itself after a few seconds (unless replaced).
    pub fn say(&self, text: Text) {
        let notice = Notice { text, error: false };
        self.notice.set(Some(notice.clone()));
        let slot = self.notice;
        set_timeout(
            move || {
                if slot.try_get_untracked().flatten().as_ref() == Some(&notice) {
                    slot.set(None);
                }
            },
            std::time::Duration::from_secs(5),
        );
    }

    pub fn say_error(&self, text: Text) {
        self.notice.set(Some(Notice { text, error: true }));
    }

    /// Selects one key, or with `add` toggles it in the selection.
    pub fn select(&self, key: &str, add: bool) {
        // Picking an end of a traced flow: the click names it instead of selecting.
        // (Failure mode also takes zone boxes, `vpc/zone`.)
        if let Some(which) = self.picking.get_untracked()
            && (which == "fail" || self.design.with_untracked(|d| d.find(key).is_some()))
        {
            self.picking.set(None);
            self.picked.set(Some((which, key.to_owned())));
            return;
        }
        self.selection.update(|s| {
            if add {
                if let Some(i) = s.iter().position(|k| k == key) {
                    s.remove(i);
                } else {
                    s.push(key.to_owned());
                }
            } else if s.len() != 1 || s[0] != key {
                *s = vec![key.to_owned()];
            }
        });
    }

    fn selected_ids(&self) -> Vec<Id> {
        let keys = self.selection.get_untracked();
        self.design.with_untracked(|d| {
            keys.iter().filter(|k| d.find(k).is_some()).filter_map(|k| Id::new(k.clone()).ok()).collect()
        })
    }

    /// Copies the selected resources (and what is inside them).
    pub fn copy(&self) {
        let ids = self.selected_ids();
        if ids.is_empty() {
            return;
        }
        let n = ids.len();
        let snapshot = self.design.get_untracked();
        self.clipboard.set_value(Some((snapshot, ids, 0)));
        self.say(Text::new(format!("Copied {n} item(s)."), format!("항목 {n}개를 복사했습니다.")));
    }

    /// Pastes what was copied, a little further down and right each time, and selects the copies.
    pub fn paste(&self) {
        let Some((from, ids, times)) = self.clipboard.get_value() else { return };
        let step = 40.0 * f64::from(times + 1);
        let result = self.design.with_untracked(|d| vpcanvas_core::edit::paste(d, &from, &ids, (step, step)));
        self.finish_copy(result);
        self.clipboard.update_value(|c| {
            if let Some(c) = c {
                c.2 += 1;
            }
        });
    }

    /// Duplicates the selection beside itself.
    pub fn duplicate(&self) {
        let ids = self.selected_ids();
        if ids.is_empty() {
            return;
        }
        let result = self.design.with_untracked(|d| vpcanvas_core::edit::duplicate(d, &ids, (40.0, 40.0)));
        self.finish_copy(result);
    }

    fn finish_copy(&self, result: Result<(vpcanvas_core::edit::Edit, Vec<Id>), vpcanvas_core::edit::PasteError>) {
        match result {
            Ok((edit, roots)) => {
                if self.commit(edit) {
                    self.selection.set(roots.iter().map(|r| r.to_string()).collect());
                    if let Some(first) = roots.first() {
                        self.reveal.set(Some(first.to_string()));
                    }
                }
            }
            Err(t) => self.say_error(t.text()),
        }
    }

    /// Deletes the selection and what cannot exist without it, as one step, and says what went along.
    pub fn delete_selection(&self) {
        let keys = self.selection.get_untracked();
        if keys.is_empty() {
            return;
        }
        let result = self.design.with_untracked(|d| {
            let mut edit: Option<vpcanvas_core::edit::Deletion> = None;
            let ids: Vec<Id> =
                keys.iter().filter(|k| d.find(k).is_some()).filter_map(|k| Id::new(k.clone()).ok()).collect();
            if !ids.is_empty() {
                edit = Some(delete(d, &ids)?);
            }
            // Zone boxes (`vpc/zone`), after the resources.
            for k in keys.iter().filter(|k| d.find(k).is_none()) {
                if let Some((vpc, zone)) = k.split_once('/')
                    && let Ok(vpc) = Id::new(vpc)
                {
                    let mut after = d.clone();
                    if let Some(e) = &edit {
                        let _ = e.edit.apply(&mut after);
                    }
                    let z = vpcanvas_core::edit::delete_zone(&after, &vpc, zone)?;
                    edit = Some(match edit {
                        Some(mut e) => {
                            e.deleted.extend(z.deleted);
                            e.edit = e.edit.then(z.edit);
                            e
                        }
                        None => z,
                    });
                }
            }
            Ok::<_, Text>(edit)
        });
        match result {
            Ok(Some(deletion)) => {
                let extra = deletion.deleted.len().saturating_sub(keys.len());
                if self.commit(deletion.edit) {
                    self.selection.set(Vec::new());
                    if extra > 0 {
                        let names: Vec<String> =
                            deletion.deleted.iter().skip(keys.len()).map(|(_, id)| id.to_string()).collect();
                        self.say(Text::new(
                            format!("Also deleted what cannot exist without it: {}.", names.join(", ")),
                            format!("그것 없이는 존재할 수 없는 것도 삭제했습니다: {}.", names.join(", ")),
                        ));
                    }
                }
            }
            Ok(None) => {}
            Err(text) => self.say_error(text),
        }
    }
}

/// Whether a selection key still names something: a resource, or a zone box.
pub fn exists(d: &Design, key: &str) -> bool {
    if d.find(key).is_some() {
        return true;
    }
    match key.split_once('/') {
        Some((vpc, zone)) => {
            d.layout.zones.iter().any(|z| z.vpc.as_str() == vpc && z.zone == zone)
                || d.subnets.iter().any(|s| s.vpc.as_str() == vpc && s.availability_zone == zone)
        }
        None => false,
    }
}
