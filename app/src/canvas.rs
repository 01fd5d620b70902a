//! The SVG canvas of the editor: draws the [`Scene`] of the design and turns pointer gestures into edits.
//!
//! Gestures: press on a shape and drag to move it (a container carries what is inside it; dropping a resource in
//! another container moves it there, if AWS allows it); click to select, shift-click to add to the selection;
//! drag on empty canvas (or hold space) to pan; shift-drag on empty canvas to select by box; wheel to pan,
//! ctrl/cmd+wheel to zoom. Escape during a drag puts everything back. A drag is one undo step, committed when the
//! pointer is released; until then only a light preview layer moves, so nothing else re-renders.
//!
//! Boxes and icons are keyed by their content, so an edit re-renders only the shapes it changed.

use leptos::ev;
use leptos::prelude::*;
use vpcanvas_core::doc::{Placement, ResourceKind};
use vpcanvas_core::edit::Edit;

use crate::commands::{drop_item, finish_move};
use crate::editor::{Drawing, Editor, View};
use crate::geometry::{GRID, layout_key, rect_of, snap, with_contents};
use crate::scene::{self, BoxShape, Glyph, IconShape, LabelSide, Rect, Scene};

/// What the pointer is doing.
#[derive(Debug, Clone, PartialEq)]
enum Gesture {
    /// Moving shapes: the one pressed, everything that moves with it, and where the press began (canvas units).
    Move {
        primary: String,
        keys: Vec<String>,
        start: (f64, f64),
        moved: bool,
    },
    Pan {
        start: (f64, f64),
        view: View,
    },
    Marquee {
        start: (f64, f64),
    },
    /// Resizing a container by its corner handle, never smaller than what is inside it.
    Resize {
        key: String,
        start: (f64, f64),
        rect: Rect,
        min: (f64, f64),
    },
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.x <= b.x + b.w && b.x <= a.x + a.w && a.y <= b.y + b.h && b.y <= a.y + a.h
}

/// The screen offset of a pointer event within the canvas element.
fn offset_in(el: &web_sys::Element, x: i32, y: i32) -> (f64, f64) {
    let r = el.get_bounding_client_rect();
    (f64::from(x) - r.left(), f64::from(y) - r.top())
}

fn shape_key(b: &BoxShape) -> String {
    format!("{}|{:?}|{}|{}|{}|{}|{}", b.key, b.style, b.rect.x, b.rect.y, b.rect.w, b.rect.h, b.title) + &b.detail
}

fn icon_key(i: &IconShape) -> String {
    format!("{}|{:?}|{}|{}|{}|{}", i.key, i.glyph, i.rect.x, i.rect.y, i.title, i.detail)
}

/// The editor canvas. Its children are drawn over the diagram, under the selection: the overlays of the analysis,
/// which read what is drawn from the [`Drawing`] context the canvas provides.
#[component]
pub fn EditorCanvas(#[prop(optional)] children: Option<Children>) -> impl IntoView {
    let ed = expect_context::<Editor>();
    let scene = Memo::new(move |_| {
        let lang = ed.lang.get();
        ed.design.with(|d| scene::build_in(d, lang))
    });
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let gesture = RwSignal::new(None::<Gesture>);
    let offset = RwSignal::new((0.0f64, 0.0f64));
    let marquee = RwSignal::new(None::<Rect>);
    let resizing = RwSignal::new(None::<Rect>);
    let space = RwSignal::new(false);
    let creating = ed.creating;

    let element = move || svg_ref.get_untracked().map(|e| -> web_sys::Element { e.into() });
    let canvas_point = move |cx: i32, cy: i32| -> Option<(f64, f64)> {
        let el = element()?;
        let (sx, sy) = offset_in(&el, cx, cy);
        Some(ed.view.get_untracked().to_canvas(sx, sy))
    };

    // The canvas element's size, measured once it is in the page and again when the window changes size.
    let size = RwSignal::new(None::<(f64, f64)>);
    let measure = move || {
        if let Some(el) = element() {
            let r = el.get_bounding_client_rect();
            if r.width() > 0.0 {
                size.set(Some((r.width(), r.height())));
            }
        }
    };
    Effect::new(move |_| {
        if let Some(svg) = svg_ref.get() {
            measure();
            // Two fingers pinch-zoom; a drag the first finger began is dropped.
            crate::pinch::follow(&svg.into(), ed.view, move || {
                gesture.set(None);
                offset.set((0.0, 0.0));
                marquee.set(None);
                resizing.set(None);
            });
        }
    });
    let resize_handle = window_event_listener(ev::resize, move |_| measure());
    // Fit the design once the canvas has a size; a design too large to read when fitted opens at half size, at
    // its top-left corner (the minimap shows the rest).
    let fitted = StoredValue::new(false);
    Effect::new(move |_| {
        let Some((w, h)) = size.get() else { return };
        if fitted.get_value() {
            return;
        }
        let b = scene.with_untracked(|s| s.bounds.clone());
        let fit = View::fit((b.x, b.y, b.w, b.h), w, h);
        ed.view.set(if fit.zoom >= 0.4 { fit } else { View { left: b.x, top: b.y, zoom: 0.5 } });
        fitted.set_value(true);
    });
    // What is in view, with a margin so that a short pan does not show empty space: only these shapes are drawn.
    // The edges snap to a coarse grid, so that most steps of a pan leave this rect (and so the drawn shapes) as
    // they are.
    let visible = Memo::new(move |_| {
        if ed.export_all.get() {
            let b = scene.with(|s| s.bounds.clone());
            return Some(Rect { x: b.x - 1000.0, y: b.y - 1000.0, w: b.w + 2000.0, h: b.h + 2000.0 });
        }
        let (w, h) = size.get()?;
        let v = ed.view.get();
        let (vw, vh) = (w / v.zoom, h / v.zoom);
        let q = (vw.max(vh) * 0.25).max(64.0).log2().ceil().exp2();
        let x0 = ((v.left - vw * 0.25) / q).floor() * q;
        let y0 = ((v.top - vh * 0.25) / q).floor() * q;
        let x1 = ((v.left + vw * 1.25) / q).ceil() * q;
        let y1 = ((v.top + vh * 1.25) / q).ceil() * q;
        Some(Rect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 })
    });
    // Fits the whole design, or with `selection` the selected shapes, in view.
    let zoom_to_fit = move |selection: bool| {
        let Some(el) = element() else { return };
        let r = el.get_bounding_client_rect();
        let s = scene.get_untracked();
        let b = if selection {
            let rects: Vec<Rect> = ed.selection.get_untracked().iter().filter_map(|k| rect_of(&s, k)).collect();
            if rects.is_empty() {
                return;
            }
            let x0 = rects.iter().map(|r| r.x).fold(f64::INFINITY, f64::min) - 60.0;
            let y0 = rects.iter().map(|r| r.y).fold(f64::INFINITY, f64::min) - 60.0;
            let x1 = rects.iter().map(|r| r.x + r.w).fold(f64::NEG_INFINITY, f64::max) + 60.0;
            let y1 = rects.iter().map(|r| r.y + r.h).fold(f64::NEG_INFINITY, f64::max) + 80.0;
            Rect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }
        } else {
            s.bounds.clone()
        };
        ed.view.set(View::fit((b.x, b.y, b.w, b.h), r.width(), r.height()));
    };
    if let Some(FitView(slot)) = use_context::<FitView>() {
        slot.set_value(Some(Callback::new(move |selection: bool| zoom_to_fit(selection))));
    }
    // Bring a revealed shape into view: pan (and zoom out if it is larger than the view) only when it is not
    // already wholly visible.
    Effect::new(move |_| {
        let Some(key) = ed.reveal.get() else { return };
        let s = scene.get();
        let Some(r) = rect_of(&s, &key) else { return };
        let Some(el) = element() else { return };
        let size = el.get_bounding_client_rect();
        let v = ed.view.get_untracked();
        let (w, h) = (size.width() / v.zoom, size.height() / v.zoom);
        let visible = r.x >= v.left && r.y >= v.top && r.x + r.w <= v.left + w && r.y + r.h <= v.top + h;
        if !visible {
            let pad = 48.0;
            let zoom =
                v.zoom.min(size.width() / (r.w + 2.0 * pad)).min(size.height() / (r.h + 2.0 * pad)).max(View::MIN_ZOOM);
            let (w, h) = (size.width() / zoom, size.height() / zoom);
            ed.view.set(View { left: r.x + r.w / 2.0 - w / 2.0, top: r.y + r.h / 2.0 - h / 2.0, zoom });
        }
        ed.reveal.set(None);
    });

    let start_move = move |key: String, e: ev::PointerEvent| {
        if e.button() != 0 {
            return;
        }
        e.stop_propagation();
        if space.get_untracked() {
            return;
        }
        let Some(start) = canvas_point(e.client_x(), e.client_y()) else { return };
        if e.shift_key() {
            ed.select(&key, true);
            return;
        }
        let selection = ed.selection.get_untracked();
        let s = scene.get_untracked();
        let roots: Vec<String> = if selection.contains(&key) { selection } else { vec![key.clone()] };
        let mut keys: Vec<String> = Vec::new();
        for r in &roots {
            for k in with_contents(&s, r) {
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
        }
        offset.set((0.0, 0.0));
        gesture.set(Some(Gesture::Move { primary: key, keys, start, moved: false }));
    };

    let on_down = move |e: ev::PointerEvent| {
        if e.button() != 0 {
            return;
        }
        let Some(el) = element() else { return };
        let (sx, sy) = offset_in(&el, e.client_x(), e.client_y());
        if e.shift_key() && !space.get_untracked() {
            let start = ed.view.get_untracked().to_canvas(sx, sy);
            marquee.set(Some(Rect { x: start.0, y: start.1, w: 0.0, h: 0.0 }));
            gesture.set(Some(Gesture::Marquee { start }));
        } else {
            gesture.set(Some(Gesture::Pan { start: (sx, sy), view: ed.view.get_untracked() }));
        }
    };

    let move_handle = window_event_listener(ev::pointermove, move |e: ev::PointerEvent| {
        let Some(g) = gesture.get_untracked() else { return };
        let Some(el) = element() else { return };
        let (sx, sy) = offset_in(&el, e.client_x(), e.client_y());
        match g {
            Gesture::Pan { start, view } => {
                ed.view.set(View {
                    left: view.left - (sx - start.0) / view.zoom,
                    top: view.top - (sy - start.1) / view.zoom,
                    zoom: view.zoom,
                });
            }
            Gesture::Move { primary, keys, start, moved } => {
                let (x, y) = ed.view.get_untracked().to_canvas(sx, sy);
                let (dx, dy) = (x - start.0, y - start.1);
                let far = dx.abs() + dy.abs() > 3.0 / ed.view.get_untracked().zoom;
                if far && !moved {
                    gesture.set(Some(Gesture::Move { primary, keys, start, moved: true }));
                }
                if far || moved {
                    offset.set((dx, dy));
                }
            }
            Gesture::Resize { start, rect, min, .. } => {
                let (x, y) = ed.view.get_untracked().to_canvas(sx, sy);
                let w = snap(rect.w + x - start.0).max(min.0);
                let h = snap(rect.h + y - start.1).max(min.1);
                resizing.set(Some(Rect { x: rect.x, y: rect.y, w, h }));
            }
            Gesture::Marquee { start } => {
                let (x, y) = ed.view.get_untracked().to_canvas(sx, sy);
                marquee.set(Some(Rect {
                    x: start.0.min(x),
                    y: start.1.min(y),
                    w: (x - start.0).abs(),
                    h: (y - start.1).abs(),
                }));
            }
        }
    });

    let up_handle = window_event_listener(ev::pointerup, move |e: ev::PointerEvent| {
        // A palette item dropped on the canvas.
        if let Some(item) = creating.get_untracked() {
            creating.set(None);
            if let Some(el) = element() {
                let r = el.get_bounding_client_rect();
                let (cx, cy) = (f64::from(e.client_x()), f64::from(e.client_y()));
                if cx >= r.left() && cx <= r.right() && cy >= r.top() && cy <= r.bottom() {
                    let (x, y) = ed.view.get_untracked().to_canvas(cx - r.left(), cy - r.top());
                    drop_item(ed, &scene.get_untracked(), item, x, y);
                }
            }
            return;
        }
        let Some(g) = gesture.get_untracked() else { return };
        gesture.set(None);
        match g {
            Gesture::Pan { start, .. } => {
                // A click on empty canvas clears the selection.
                if let Some(el) = element() {
                    let (sx, sy) = offset_in(&el, e.client_x(), e.client_y());
                    if (sx - start.0).abs() + (sy - start.1).abs() < 3.0 {
                        ed.selection.set(Vec::new());
                    }
                }
            }
            Gesture::Resize { key, .. } => {
                if let Some(r) = resizing.get_untracked() {
                    resizing.set(None);
                    let s = scene.get_untracked();
                    if let Some(k) = layout_key(&s, &key) {
                        let edit =
                            ed.design.with_untracked(|d| Edit::place(d, k, Some(Placement::rect(r.x, r.y, r.w, r.h))));
                        ed.commit(edit);
                    }
                }
            }
            Gesture::Marquee { .. } => {
                if let Some(m) = marquee.get_untracked() {
                    let s = scene.get_untracked();
                    let picked: Vec<String> = s
                        .boxes
                        .iter()
                        .filter(|b| m.contains(&b.rect))
                        .map(|b| b.key.clone())
                        .chain(s.icons.iter().filter(|i| m.contains(&i.rect)).map(|i| i.key.clone()))
                        .collect();
                    ed.selection.update(|sel| {
                        for k in picked {
                            if !sel.contains(&k) {
                                sel.push(k);
                            }
                        }
                    });
                }
                marquee.set(None);
            }
            Gesture::Move { primary, keys, moved, .. } => {
                if !moved {
                    ed.select(&primary, false);
                    return;
                }
                let (dx, dy) = offset.get_untracked();
                offset.set((0.0, 0.0));
                let Some(pointer) = canvas_point(e.client_x(), e.client_y()) else { return };
                finish_move(ed, &scene.get_untracked(), &primary, &keys, (dx, dy), pointer);
            }
        }
    });

    let key_handle = window_event_listener(ev::keydown, move |e: ev::KeyboardEvent| {
        if e.key() == " " && !typing(&e) {
            space.set(true);
        }
        if e.key() == "Escape" && (gesture.get_untracked().is_some() || creating.get_untracked().is_some()) {
            // Everything goes back to where it was: nothing was committed.
            gesture.set(None);
            creating.set(None);
            offset.set((0.0, 0.0));
            marquee.set(None);
            resizing.set(None);
            e.prevent_default();
        }
    });
    let keyup_handle = window_event_listener(ev::keyup, move |e: ev::KeyboardEvent| {
        if e.key() == " " {
            space.set(false);
        }
    });
    on_cleanup(move || {
        resize_handle.remove();
        move_handle.remove();
        up_handle.remove();
        key_handle.remove();
        keyup_handle.remove();
    });

    let on_wheel = move |e: ev::WheelEvent| {
        e.prevent_default();
        let Some(el) = element() else { return };
        let (sx, sy) = offset_in(&el, e.client_x(), e.client_y());
        let view = ed.view.get_untracked();
        if e.ctrl_key() || e.meta_key() {
            ed.view.set(view.zoomed((-e.delta_y() * 0.002).exp(), sx, sy));
        } else {
            ed.view.set(View {
                left: view.left + e.delta_x() / view.zoom,
                top: view.top + e.delta_y() / view.zoom,
                zoom: view.zoom,
            });
        }
    };

    let transform = move || {
        let v = ed.view.get();
        format!("scale({}) translate({} {})", v.zoom, -v.left, -v.top)
    };
    let boxes = move || {
        let Some(vis) = visible.get() else { return Vec::new() };
        scene.with(|s| s.boxes.iter().filter(|b| overlaps(&vis, &b.rect)).cloned().collect::<Vec<_>>())
    };
    let icons = move || {
        let Some(vis) = visible.get() else { return Vec::new() };
        // Labels reach beyond the tile.
        let reach = |r: &Rect| Rect { x: r.x - 90.0, y: r.y, w: r.w + 250.0, h: r.h + 50.0 };
        scene.with(|s| s.icons.iter().filter(|i| overlaps(&vis, &reach(&i.rect))).cloned().collect::<Vec<_>>())
    };
    let links = move || {
        let Some(vis) = visible.get() else { return Vec::new() };
        scene.with(|s| {
            s.links
                .iter()
                .filter(|l| {
                    let r = Rect {
                        x: l.from.0.min(l.to.0),
                        y: l.from.1.min(l.to.1),
                        w: (l.from.0 - l.to.0).abs(),
                        h: (l.from.1 - l.to.1).abs(),
                    };
                    overlaps(&vis, &r)
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    // The selection outline and the drag preview only follow their own signals.
    let selected = move || {
        let s = scene.get();
        ed.selection.get().into_iter().filter_map(|k| rect_of(&s, &k).map(|r| (k, r))).collect::<Vec<_>>()
    };
    let preview = move || match gesture.get() {
        Some(Gesture::Move { keys, moved: true, .. }) => {
            let s = scene.get_untracked();
            let (dx, dy) = offset.get();
            let shapes: Vec<Rect> = keys.iter().filter_map(|k| rect_of(&s, k)).collect();
            Some((shapes, dx, dy))
        }
        _ => None,
    };
    let design_name = move || ed.design.with(|d| d.name.clone());

    let minimap = minimap_view(ed, scene, size);
    provide_context(Drawing { scene, visible });
    let overlays = children.map(|c| c());
    view! {
        {minimap}
        <svg
            class="canvas"
            class:panning=move || matches!(gesture.get(), Some(Gesture::Pan { .. })) || space.get()
            data-testid="canvas"
            node_ref=svg_ref
            xmlns="http://www.w3.org/2000/svg"
            role="application"
            tabindex="0"
            aria-label=move || format!("{} {}", ed.lang.get().pick("Diagram of", "다이어그램:"), design_name())
            on:pointerdown=on_down
            on:wheel=on_wheel
        >
            <g class="world" data-testid="world" transform=transform>
                <g class="layer-boxes">
                    <For each=boxes key=shape_key let:b>
                        {
                            let key = b.key.clone();
                            box_view(b, move |e| start_move(key.clone(), e))
                        }
                    </For>
                </g>
                <g class="layer-links">
                    <For each=links key=|l| format!("{:?}{:?}", (l.from, l.to), l.key) let:l>
                        {match l.key.clone() {
                            // A connector can be selected (and deleted) by clicking its line; a wide transparent
                            // stroke makes it easy to hit.
                            Some(key) => {
                                let k = key.clone();
                                let k2 = key.clone();
                                view! {
                                    <g
                                        class="connector"
                                        class:selected=move || ed.selection.with(|s| s.contains(&k2))
                                        data-testid="connector"
                                        data-id=key
                                        on:pointerdown=move |e: ev::PointerEvent| {
                                            if e.button() == 0 {
                                                e.stop_propagation();
                                                ed.select(&k, e.shift_key());
                                            }
                                        }
                                    >
                                        <line class="hit" x1=l.from.0 y1=l.from.1 x2=l.to.0 y2=l.to.1 />
                                        <line class="link" x1=l.from.0 y1=l.from.1 x2=l.to.0 y2=l.to.1 />
                                    </g>
                                }
                                    .into_any()
                            }
                            None => view! { <line class="link" x1=l.from.0 y1=l.from.1 x2=l.to.0 y2=l.to.1 /> }.into_any(),
                        }}
                    </For>
                </g>
                <g class="layer-icons">
                    <For each=icons key=icon_key let:i>
                        {
                            let key = i.key.clone();
                            icon_view(i, move |e| start_move(key.clone(), e))
                        }
                    </For>
                </g>
                {overlays}
                <g class="layer-selection">
                    <For each=selected key=|(k, r)| format!("{k}|{}|{}|{}|{}", r.x, r.y, r.w, r.h) let:sel>
                        {
                            let is_box = scene.with_untracked(|s| s.boxes.iter().any(|b| b.key == sel.0));
                            let key = sel.0.clone();
                            let r = sel.1.clone();
                            view! {
                                <rect
                                    class="selection"
                                    data-testid="selection"
                                    data-id=sel.0.clone()
                                    x=sel.1.x - 4.0
                                    y=sel.1.y - 4.0
                                    width=sel.1.w + 8.0
                                    height=sel.1.h + 8.0
                                    rx="6"
                                />
                                {is_box
                                    .then(|| {
                                        let handle_key = key.clone();
                                        view! {
                                            <rect
                                                class="handle"
                                                data-testid="resize-handle"
                                                data-id=key.clone()
                                                x=r.x + r.w - 7.0
                                                y=r.y + r.h - 7.0
                                                width="14"
                                                height="14"
                                                rx="3"
                                                on:pointerdown=move |e: ev::PointerEvent| {
                                                    if e.button() != 0 {
                                                        return;
                                                    }
                                                    e.stop_propagation();
                                                    let Some(start) = canvas_point(e.client_x(), e.client_y()) else { return };
                                                    let s = scene.get_untracked();
                                                    let Some(rect) = rect_of(&s, &handle_key) else { return };
                                                    let min = min_size(&s, &handle_key, &rect);
                                                    resizing.set(Some(rect.clone()));
                                                    gesture.set(Some(Gesture::Resize { key: handle_key.clone(), start, rect, min }));
                                                }
                                            />
                                        }
                                    })}
                            }
                        }
                    </For>
                </g>
                {move || {
                    resizing
                        .get()
                        .map(|r| {
                            view! { <rect class="resize-preview" data-testid="resize-preview" x=r.x y=r.y width=r.w height=r.h rx="6" /> }
                        })
                }}
                {move || {
                    preview()
                        .map(|(shapes, dx, dy)| {
                            view! {
                                <g class="drag-preview" data-testid="drag-preview" transform=format!("translate({dx} {dy})")>
                                    {shapes
                                        .into_iter()
                                        .map(|r| view! { <rect x=r.x y=r.y width=r.w height=r.h rx="6" /> })
                                        .collect_view()}
                                </g>
                            }
                        })
                }}
                {move || {
                    marquee
                        .get()
                        .map(|m| {
                            view! { <rect class="marquee" data-testid="marquee" x=m.x y=m.y width=m.w height=m.h /> }
                        })
                }}
            </g>
        </svg>
    }
}

/// Lets the toolbar and the shortcuts ask the canvas to fit the design (or, with `true`, the selection) in view: the
/// workbench provides the slot, the canvas fills it.
#[derive(Clone, Copy)]
pub struct FitView(pub StoredValue<Option<Callback<bool>>>);

impl FitView {
    pub fn run(&self, selection: bool) {
        if let Some(cb) = self.0.get_value() {
            cb.run(selection);
        }
    }
}

fn typing(e: &ev::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

fn box_view(b: BoxShape, on_press: impl Fn(ev::PointerEvent) + 'static) -> impl IntoView {
    let title_y = b.rect.y + 22.0;
    view! {
        <g class=b.style.class() data-testid="container" data-kind=b.style.kind() data-id=b.key.clone() on:pointerdown=on_press>
            <rect x=b.rect.x y=b.rect.y width=b.rect.w height=b.rect.h rx="6" />
            <text class="box-title" x=b.rect.x + 12.0 y=title_y>
                {b.title}
                <tspan class="box-detail" dx="10">{b.detail}</tspan>
            </text>
        </g>
    }
}

fn icon_view(i: IconShape, on_press: impl Fn(ev::PointerEvent) + 'static) -> impl IntoView {
    let (x, y) = (i.rect.x, i.rect.y);
    let (tx, ty, dy, anchor) = match i.label {
        LabelSide::Below => (x + i.rect.w / 2.0, y + i.rect.h + 18.0, 16.0, "middle"),
        LabelSide::Right => (x + i.rect.w + 10.0, y + i.rect.h / 2.0 - 2.0, 16.0, "start"),
    };
    let class = match i.glyph {
        Glyph::Internet => "icon internet",
        Glyph::Instance => "icon compute",
        Glyph::Other(ResourceKind::EcsTask) => "icon compute",
        Glyph::Other(ResourceKind::OnPremNetwork | ResourceKind::CustomerGateway) => "icon external",
        _ => "icon network",
    };
    view! {
        <g class=class data-testid="resource" data-kind=i.kind data-id=i.key.clone() on:pointerdown=on_press>
            <g transform=format!("translate({x} {y})")>{glyph(i.glyph)}</g>
            <text class="icon-title" x=tx y=ty text-anchor=anchor>{i.title}</text>
            <text class="icon-detail" x=tx y=ty + dy text-anchor=anchor>{i.detail}</text>
        </g>
    }
}

/// The 48×48 picture of each kind, drawn in the tile's own coordinates.
pub fn glyph(g: Glyph) -> AnyView {
    match g {
        Glyph::Internet => view! {
            <path class="cloud" d="M13 36 h24 a8 8 0 0 0 0-16 a11 11 0 0 0-21-3 a9 9 0 0 0-3 19 z" />
        }
        .into_any(),
        Glyph::InternetGateway => view! {
            <rect class="tile" width="48" height="48" rx="8" />
            <path class="ink" d="M14 38 V22 a10 10 0 0 1 20 0 V38 M10 38 h28 M24 12 v-2" />
        }
        .into_any(),
        Glyph::NatGateway => view! {
            <rect class="tile" width="48" height="48" rx="8" />
            <path class="ink" d="M12 18 h22 l-5-5 M36 30 h-22 l5 5" />
            <text class="tile-text" x="24" y="45" text-anchor="middle">NAT</text>
        }
        .into_any(),
        Glyph::Instance => view! {
            <rect class="tile" width="48" height="48" rx="8" />
            <rect class="ink" x="14" y="14" width="20" height="20" rx="2" />
            <path class="ink" d="M19 10 v4 M24 10 v4 M29 10 v4 M19 34 v4 M24 34 v4 M29 34 v4 M10 19 h4 M10 24 h4 M10 29 h4 M34 19 h4 M34 24 h4 M34 29 h4" />
        }
        .into_any(),
        Glyph::Other(kind) => other_glyph(kind),
    }
}

/// Pictures for the other kinds: a tile with a drawn sign where one reads well, else the kind's initials.
fn other_glyph(kind: ResourceKind) -> AnyView {
    use ResourceKind as K;
    let ink = match kind {
        K::LoadBalancer => "M10 24 h8 M18 24 l12 -10 M18 24 l12 0 M18 24 l12 10 M30 14 h6 M30 24 h6 M30 34 h6",
        K::VpnGateway => "M14 26 v-6 a10 10 0 0 1 20 0 v6 M12 26 h24 v12 h-24 z",
        K::TransitGateway => "M24 12 v24 M12 24 h24 M15 15 l18 18 M33 15 l-18 18",
        K::VpcEndpoint => "M12 24 h16 M22 18 l6 6 l-6 6 M32 14 v20",
        K::NetworkInterface => "M14 18 h20 v12 h-20 z M18 30 v6 M24 30 v6 M30 30 v6",
        K::EcsTask => "M14 16 h20 v16 h-20 z M14 22 h20 M20 16 v16",
        K::CustomerGateway => "M12 32 h24 M16 32 v-10 h16 v10 M24 22 v-8",
        K::OnPremNetwork => "M12 36 v-20 h10 v20 M26 36 v-14 h10 v14 M10 36 h28",
        K::DxGateway => "M12 24 h24 M12 18 h24 M12 30 h24",
        _ => "",
    };
    if ink.is_empty() {
        let letters: String = kind.label().split(' ').filter_map(|w| w.chars().next()).collect();
        return view! {
            <rect class="tile" width="48" height="48" rx="8" />
            <text class="tile-text" x="24" y="29" text-anchor="middle">{letters.to_uppercase()}</text>
        }
        .into_any();
    }
    view! {
        <rect class="tile" width="48" height="48" rx="8" />
        <path class="ink" d=ink />
    }
    .into_any()
}

/// The minimap: every container as an outline (one path per style, so a large design costs a handful of elements)
/// and the visible area; pressing or dragging on it moves the view there.
fn minimap_view(ed: Editor, scene: Memo<Scene>, size: RwSignal<Option<(f64, f64)>>) -> impl IntoView {
    const W: f64 = 200.0;
    const H: f64 = 140.0;
    let frame = Memo::new(move |_| {
        let b = scene.with(|s| s.bounds.clone());
        let scale = (W / b.w.max(1.0)).min(H / b.h.max(1.0));
        (b, scale)
    });
    let paths = Memo::new(move |_| {
        let (b, k) = frame.get();
        scene.with(|s| {
            let mut by_style: Vec<(&'static str, String)> = Vec::new();
            for bx in &s.boxes {
                let class = bx.style.class();
                let d = format!(
                    "M{:.1} {:.1}h{:.1}v{:.1}h{:.1}z",
                    (bx.rect.x - b.x) * k,
                    (bx.rect.y - b.y) * k,
                    bx.rect.w * k,
                    bx.rect.h * k,
                    -bx.rect.w * k
                );
                match by_style.iter_mut().find(|(c, _)| *c == class) {
                    Some((_, p)) => p.push_str(&d),
                    None => by_style.push((class, d)),
                }
            }
            by_style
        })
    });
    let viewport = move || {
        let (b, k) = frame.get();
        let (w, h) = size.get().unwrap_or((0.0, 0.0));
        let v = ed.view.get();
        ((v.left - b.x) * k, (v.top - b.y) * k, w / v.zoom * k, h / v.zoom * k)
    };
    let pressing = RwSignal::new(false);
    let go = move |e: &ev::PointerEvent| {
        use wasm_bindgen::JsCast;
        let Some(el) = e.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let r = el.get_bounding_client_rect();
        let (b, k) = frame.get_untracked();
        let (w, h) = size.get_untracked().unwrap_or((0.0, 0.0));
        let v = ed.view.get_untracked();
        let cx = b.x + (f64::from(e.client_x()) - r.left()) / k;
        let cy = b.y + (f64::from(e.client_y()) - r.top()) / k;
        ed.view.set(View { left: cx - w / v.zoom / 2.0, top: cy - h / v.zoom / 2.0, zoom: v.zoom });
    };
    // Shown only when part of the design is out of view.
    let needed = move || {
        let (b, _) = frame.get();
        let Some((w, h)) = size.get() else { return false };
        let v = ed.view.get();
        b.x < v.left || b.y < v.top || b.x + b.w > v.left + w / v.zoom || b.y + b.h > v.top + h / v.zoom
    };
    view! {
        <svg
            class="minimap"
            class:hidden=move || !needed()
            data-testid="minimap"
            width=W
            height=H
            aria-hidden="true"
            on:pointerdown=move |e| {
                e.stop_propagation();
                pressing.set(true);
                go(&e);
            }
            on:pointermove=move |e| {
                if pressing.get_untracked() {
                    go(&e);
                }
            }
            on:pointerup=move |_| pressing.set(false)
            on:pointerleave=move |_| pressing.set(false)
        >
            {move || {
                paths
                    .get()
                    .into_iter()
                    .map(|(class, d)| view! { <path class=format!("mini {class}") d=d /> })
                    .collect_view()
            }}
            {move || {
                let (x, y, w, h) = viewport();
                view! { <rect class="mini-view" data-testid="minimap-view" x=x y=y width=w height=h /> }
            }}
        </svg>
    }
}

/// The smallest size a container may be resized to: what is inside it, with room for labels, and never tiny.
fn min_size(scene: &Scene, key: &str, rect: &Rect) -> (f64, f64) {
    let mut right = rect.x + 160.0;
    let mut bottom = rect.y + 80.0;
    for k in with_contents(scene, key).iter().filter(|k| k.as_str() != key) {
        if let Some(r) = rect_of(scene, k) {
            let is_icon = scene.icons.iter().any(|i| &i.key == k);
            let (pad_x, pad_y) = if is_icon { (60.0, 56.0) } else { (12.0, 12.0) };
            right = right.max(r.x + r.w + pad_x);
            bottom = bottom.max(r.y + r.h + pad_y);
        }
    }
    (snap(right - rect.x + GRID / 2.0), snap(bottom - rect.y + GRID / 2.0))
}
