//! Two-finger pinch on a touch screen: zooms about the point between the fingers and pans with them. (A trackpad
//! pinch arrives as ctrl+wheel and is handled with the wheel.) The fingers are followed in the capture phase, so a
//! second finger landing on a shape does not start dragging it.

use std::collections::BTreeMap;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::editor::View;

/// A pinch in progress: the fingers' first distance and midpoint, and the view then.
#[derive(Clone, Copy)]
struct Start {
    distance: f64,
    mid: (f64, f64),
    view: View,
}

/// The view after the fingers moved from `start` to `distance` apart around `mid` (screen offsets).
pub fn pinched(start_view: View, start_distance: f64, start_mid: (f64, f64), distance: f64, mid: (f64, f64)) -> View {
    let zoom = (start_view.zoom * distance / start_distance.max(1.0)).clamp(View::MIN_ZOOM, View::MAX_ZOOM);
    // The canvas point that was between the fingers stays between them.
    let (cx, cy) = start_view.to_canvas(start_mid.0, start_mid.1);
    View { left: cx - mid.0 / zoom, top: cy - mid.1 / zoom, zoom }
}

fn spread(points: &BTreeMap<i32, (f64, f64)>) -> Option<(f64, (f64, f64))> {
    let mut it = points.values();
    let (a, b) = (it.next()?, it.next()?);
    let d = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
    Some((d, ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0)))
}

/// Follows touch pointers on `el` and zooms `view` when two are down; `on_start` is called when a pinch begins
/// (to cancel a drag the first finger began).
pub fn follow(el: &web_sys::Element, view: RwSignal<View>, on_start: impl Fn() + 'static) {
    let points = StoredValue::new_local(BTreeMap::<i32, (f64, f64)>::new());
    let pinch = StoredValue::new_local(None::<Start>);
    let at = {
        let el = el.clone();
        move |e: &web_sys::PointerEvent| {
            let r = el.get_bounding_client_rect();
            (f64::from(e.client_x()) - r.left(), f64::from(e.client_y()) - r.top())
        }
    };
    let at2 = at.clone();
    let down = Closure::<dyn Fn(web_sys::PointerEvent)>::new(move |e: web_sys::PointerEvent| {
        if e.pointer_type() != "touch" {
            return;
        }
        points.update_value(|p| {
            p.insert(e.pointer_id(), at(&e));
        });
        if let Some((distance, mid)) = points.with_value(spread) {
            e.stop_propagation();
            e.prevent_default();
            on_start();
            pinch.set_value(Some(Start { distance, mid, view: view.get_untracked() }));
        }
    });
    let moved = Closure::<dyn Fn(web_sys::PointerEvent)>::new(move |e: web_sys::PointerEvent| {
        if e.pointer_type() != "touch" || !points.with_value(|p| p.contains_key(&e.pointer_id())) {
            return;
        }
        points.update_value(|p| {
            p.insert(e.pointer_id(), at2(&e));
        });
        if let (Some(s), Some((distance, mid))) = (pinch.get_value(), points.with_value(spread)) {
            e.stop_propagation();
            view.set(pinched(s.view, s.distance, s.mid, distance, mid));
        }
    });
    let up = Closure::<dyn Fn(web_sys::PointerEvent)>::new(move |e: web_sys::PointerEvent| {
        points.update_value(|p| {
            p.remove(&e.pointer_id());
        });
        if points.with_value(|p| p.len() < 2) {
            pinch.set_value(None);
        }
    });
    let target: &web_sys::EventTarget = el.unchecked_ref();
    let _ = target.add_event_listener_with_callback_and_bool("pointerdown", down.as_ref().unchecked_ref(), true);
    let _ = target.add_event_listener_with_callback_and_bool("pointermove", moved.as_ref().unchecked_ref(), true);
    for kind in ["pointerup", "pointercancel"] {
        let _ = target.add_event_listener_with_callback_and_bool(kind, up.as_ref().unchecked_ref(), true);
    }
    // The canvas lives as long as the page: the listeners do too.
    down.forget();
    moved.forget();
    up.forget();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreading_the_fingers_zooms_about_their_midpoint() {
        let v = View { left: 100.0, top: 50.0, zoom: 1.0 };
        let after = pinched(v, 100.0, (300.0, 200.0), 200.0, (300.0, 200.0));
        assert_eq!(after.zoom, 2.0);
        // The canvas point under the midpoint is still there.
        assert_eq!(after.to_canvas(300.0, 200.0), v.to_canvas(300.0, 200.0));
        // Moving both fingers pans.
        let panned = pinched(v, 100.0, (300.0, 200.0), 100.0, (350.0, 200.0));
        assert_eq!(panned.zoom, 1.0);
        assert_eq!(panned.left, 50.0);
        // Zoom stays within its limits.
        assert_eq!(pinched(v, 100.0, (0.0, 0.0), 100_000.0, (0.0, 0.0)).zoom, View::MAX_ZOOM);
    }
}
