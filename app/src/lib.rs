//! vpcanvas-app: the web app, client-side rendered with Leptos. `main.rs` only mounts [`App`].
//!
//! The app holds no AWS knowledge of its own: it loads designs, edits them and asks questions of them through
//! `vpcanvas-core`. [`editor::Editor`] and [`analysis_state`] are the shared state and [`commands`] what changes the
//! design; the canvas and the panels are views of that state that never import each other. This module composes
//! them: the workbench's layout, the sidebar's place, the overlays the canvas draws, the keyboard shortcuts.

// The modules by layer (ARCHITECTURE.md; `tests/layers.rs` keeps it so): a module imports only from layers below
// its own, and a panel never from another panel.
// Base, pure: what is drawn and where things go, the language, the saved designs.
pub mod geometry;
pub mod i18n;
pub mod scene;
pub mod store;
// State, no view code: the editor and the commands that change the design, the analysis, files in and out.
pub mod analysis_state;
pub mod commands;
pub mod editor;
pub mod files;
// Shared view pieces.
pub mod forms;
// Panels and the canvas.
pub mod analysis;
pub mod canvas;
pub mod inspector;
pub mod outline;
pub mod palette;
pub mod picture;
pub mod pinch;
pub mod reach;
pub mod rule_tables;
pub mod session;
pub mod settings;
// Composition.
pub mod sidebar;

use std::rc::Rc;

use leptos::ev;
use leptos::prelude::*;

use vpcanvas_core::doc::Design;
use vpcanvas_core::edit::Edit;

use crate::analysis_state::{Analysis, Reach};
use crate::canvas::{EditorCanvas, FitView};
use crate::editor::{Editor, View};
use crate::i18n::Lang;

/// The sample design the app opens with, served from `public/`.
pub const SAMPLE_URL: &str = "samples/two-az.json";

/// Fetches and loads a design; the error is a message for the user.
async fn fetch_design(url: &str) -> Result<Rc<Design>, String> {
    let response =
        gloo::net::http::Request::get(url).send().await.map_err(|e| format!("could not fetch {url}: {e}"))?;
    if !response.ok() {
        return Err(format!("could not fetch {url}: HTTP {}", response.status()));
    }
    let text = response.text().await.map_err(|e| format!("could not read {url}: {e}"))?;
    vpcanvas_core::load(&text).map(Rc::new).map_err(|e| format!("{url}: {e}"))
}

/// The whole app: opens what the page was asked for (see [`session::start`]).
#[component]
pub fn App() -> impl IntoView {
    // A new share link pasted into the address bar of an open tab changes only the fragment: open it.
    let hash = window_event_listener(leptos::ev::hashchange, |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    on_cleanup(move || hash.remove());
    match session::start(SAMPLE_URL) {
        session::Start::Open { design, id, shared } => {
            view! { <Workbench design=*design id=id shared=shared /> }.into_any()
        }
        session::Start::Error(message) => session::error_page(message).into_any(),
        session::Start::Fetch(url) => {
            let design = LocalResource::new(move || {
                let url = url.clone();
                async move { fetch_design(&url).await }
            });
            view! {
                {move || match design.get() {
                    None => view! { <p class="status" data-testid="loading">"Loading the design…"</p> }.into_any(),
                    Some(Ok(d)) => view! { <Workbench design=(*d).clone() id=Some(store::new_id()) shared=false /> }.into_any(),
                    Some(Err(e)) => session::error_page(e).into_any(),
                }}
            }
            .into_any()
        }
    }
}

/// Undo, redo, delete, nudge, zoom and help from the keyboard (not while typing in a field).
fn shortcuts(ed: Editor) {
    let fit = use_context::<FitView>();
    let fit_from_keys = move |selection: bool| {
        if let Some(f) = fit {
            f.run(selection);
        }
    };
    let handle = window_event_listener(ev::keydown, move |e: ev::KeyboardEvent| {
        use wasm_bindgen::JsCast;
        let typing = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if typing {
            return;
        }
        let command = e.ctrl_key() || e.meta_key();
        let key = e.key();
        match key.as_str() {
            "z" | "Z" if command && e.shift_key() => {
                e.prevent_default();
                ed.redo();
            }
            "z" | "Z" if command => {
                e.prevent_default();
                ed.undo();
            }
            "y" | "Y" if command => {
                e.prevent_default();
                ed.redo();
            }
            "c" | "C" if command => {
                e.prevent_default();
                ed.copy();
            }
            "v" | "V" if command => {
                e.prevent_default();
                ed.paste();
            }
            "d" | "D" if command => {
                e.prevent_default();
                ed.duplicate();
            }
            "Delete" | "Backspace" => {
                e.prevent_default();
                ed.delete_selection();
            }
            "Escape" => {
                if ed.help_open.get_untracked() {
                    ed.help_open.set(false);
                } else {
                    ed.selection.set(Vec::new());
                }
            }
            "?" => ed.help_open.update(|o| *o = !*o),
            "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" if !ed.selection.get_untracked().is_empty() => {
                // Only when the focus is not in the outline, whose arrows move between rows.
                let in_tree = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|el| el.closest("[role=tree]").ok().flatten().is_some());
                if in_tree {
                    return;
                }
                e.prevent_default();
                let step = if e.shift_key() { 5.0 * geometry::GRID } else { 1.0 };
                let (dx, dy) = match key.as_str() {
                    "ArrowLeft" => (-step, 0.0),
                    "ArrowRight" => (step, 0.0),
                    "ArrowUp" => (0.0, -step),
                    _ => (0.0, step),
                };
                commands::nudge(ed, dx, dy);
            }
            _ if e.shift_key() && !command && e.code() == "Digit1" => fit_from_keys(false),
            _ if e.shift_key() && !command && e.code() == "Digit2" => fit_from_keys(true),
            "+" | "=" => ed.view.update(|v| *v = zoom_center(*v, 1.25)),
            "-" => ed.view.update(|v| *v = zoom_center(*v, 0.8)),
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());
}

fn zoom_center(v: View, factor: f64) -> View {
    let (w, h) = canvas_size();
    v.zoomed(factor, w / 2.0, h / 2.0)
}

fn canvas_size() -> (f64, f64) {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("[data-testid=canvas]").ok().flatten())
        .map(|el| {
            let r = el.get_bounding_client_rect();
            (r.width(), r.height())
        })
        .unwrap_or((800.0, 600.0))
}

/// The editor around one design.
#[component]
fn Workbench(design: Design, id: Option<String>, shared: bool) -> impl IntoView {
    let ed = Editor::new(design);
    provide_context(ed);
    provide_context(session::Session::new(ed, id, shared));
    session::accept_drops(ed);
    provide_context(Analysis::new(ed));
    provide_context(Reach::new(ed));
    provide_context(FitView(StoredValue::new(None)));
    shortcuts(ed);
    let lang = ed.lang;
    Effect::new(move |_| {
        let l = lang.get();
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("lang", l.code());
        }
    });
    let title = move || ed.design.with(|d| d.name.clone());
    let undo_title = move || {
        let l = lang.get();
        match ed.undo_label.get() {
            Some(t) => format!("{} {}", l.pick("Undo:", "실행 취소:"), l.text(&t)),
            None => l.pick("Nothing to undo", "실행 취소할 것이 없음").to_owned(),
        }
    };
    let redo_title = move || {
        let l = lang.get();
        match ed.redo_label.get() {
            Some(t) => format!("{} {}", l.pick("Redo:", "다시 실행:"), l.text(&t)),
            None => l.pick("Nothing to redo", "다시 실행할 것이 없음").to_owned(),
        }
    };
    let fit_view = expect_context::<FitView>();
    let fit = move |selection: bool| fit_view.run(selection);
    let rename = move |e: ev::Event| {
        let name = event_target_value(&e);
        let edit = ed.design.with_untracked(|d| Edit::rename(d, name.trim()));
        ed.commit(edit);
    };
    view! {
        <div class="app">
            <header class="topbar">
                <span class="brand">"vpcanvas"</span>
                <input
                    class="design-name"
                    data-testid="design-name"
                    aria-label=move || lang.get().pick("Design name", "설계 이름")
                    prop:value=title
                    on:change=rename
                />
                <session::DesignsMenu>
                    <picture::PictureControls />
                </session::DesignsMenu>
                <div class="tools" role="toolbar">
                    <button data-testid="undo" title=undo_title aria-label=undo_title disabled=move || ed.undo_label.get().is_none() on:click=move |_| ed.undo()>
                        "↶"
                    </button>
                    <button data-testid="redo" title=redo_title aria-label=redo_title disabled=move || ed.redo_label.get().is_none() on:click=move |_| ed.redo()>
                        "↷"
                    </button>
                    <span class="sep"></span>
                    <button data-testid="zoom-out" title=move || lang.get().pick("Zoom out (-)", "축소 (-)") on:click=move |_| ed.view.update(|v| *v = zoom_center(*v, 0.8))>
                        "−"
                    </button>
                    <span class="zoom" data-testid="zoom-level">{move || format!("{:.0}%", ed.view.get().zoom * 100.0)}</span>
                    <button data-testid="zoom-in" title=move || lang.get().pick("Zoom in (+)", "확대 (+)") on:click=move |_| ed.view.update(|v| *v = zoom_center(*v, 1.25))>
                        "+"
                    </button>
                    <button data-testid="zoom-fit" title=move || lang.get().pick("Fit the design (Shift+1)", "설계 전체 보기 (Shift+1)") on:click=move |_| fit(false)>
                        {move || lang.get().pick("Fit", "맞춤")}
                    </button>
                    <button
                        data-testid="zoom-selection"
                        title=move || lang.get().pick("Zoom to the selection (Shift+2)", "선택 항목 확대 (Shift+2)")
                        disabled=move || ed.selection.with(Vec::is_empty)
                        on:click=move |_| fit(true)
                    >
                        {move || lang.get().pick("Selection", "선택")}
                    </button>
                    <span class="sep"></span>
                    <button
                        data-testid="lang"
                        title=move || lang.get().pick("한국어로 보기", "View in English")
                        on:click=move |_| {
                            let next = if lang.get_untracked() == Lang::En { Lang::Ko } else { Lang::En };
                            next.save();
                            lang.set(next);
                        }
                    >
                        {move || lang.get().pick("한국어", "English")}
                    </button>
                    <button data-testid="help" title=move || lang.get().pick("Keyboard shortcuts (?)", "단축키 (?)") on:click=move |_| ed.help_open.update(|o| *o = !*o)>
                        "?"
                    </button>
                </div>
            </header>
            <session::SharedBanner />
            <div class="body">
                <nav class="left">
                    <palette::Palette />
                    <outline::Outline />
                </nav>
                <main class="workspace">
                    <EditorCanvas>
                        <reach::ReachOverlay />
                        <analysis::Overlay />
                    </EditorCanvas>
                </main>
                <sidebar::Sidebar />
            </div>
            <Notice />
            <Help />
        </div>
    }
}

#[component]
fn Notice() -> impl IntoView {
    let ed = expect_context::<Editor>();
    move || {
        ed.notice.get().map(|n| {
            let lang = ed.lang.get();
            view! {
                <div class="notice" class:error=n.error data-testid="notice" role=if n.error { "alert" } else { "status" }>
                    <span>{lang.text(&n.text)}</span>
                    <button aria-label=lang.pick("Dismiss", "닫기") on:click=move |_| ed.notice.set(None)>"×"</button>
                </div>
            }
        })
    }
}

#[component]
fn Help() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let rows: [(&str, &str, &str); 15] = [
        (
            "Drag from the palette",
            "Add into the container under the pointer",
            "팔레트에서 끌기: 포인터 아래 컨테이너에 추가",
        ),
        ("Palette item + Enter", "Add into the selected container", "팔레트 항목 + Enter: 선택한 컨테이너에 추가"),
        ("Drag a shape", "Move it (into another container, if allowed)", "도형 끌기: 이동(허용되면 다른 컨테이너로)"),
        ("Shift+click", "Add to the selection", "Shift+클릭: 선택에 추가"),
        ("Shift+drag on empty canvas", "Select by box", "빈 캔버스에서 Shift+끌기: 상자로 선택"),
        ("Drag empty canvas, Space+drag, wheel", "Pan", "빈 캔버스 끌기, Space+끌기, 휠: 화면 이동"),
        ("Ctrl/Cmd+wheel, + and −", "Zoom", "Ctrl/Cmd+휠, +와 −: 확대/축소"),
        ("Shift+1, Shift+2", "Fit the design, zoom to the selection", "Shift+1, Shift+2: 전체 보기, 선택 확대"),
        ("Arrow keys (Shift: 40)", "Nudge the selection", "화살표 키(Shift: 40): 선택 이동"),
        ("Delete", "Delete the selection and what depends on it", "Delete: 선택과 그에 딸린 것 삭제"),
        ("Ctrl/Cmd+Z", "Undo", "Ctrl/Cmd+Z: 실행 취소"),
        ("Shift+Ctrl/Cmd+Z, Ctrl+Y", "Redo", "Shift+Ctrl/Cmd+Z, Ctrl+Y: 다시 실행"),
        ("Ctrl/Cmd+C, Ctrl/Cmd+V", "Copy and paste (new ids)", "Ctrl/Cmd+C, Ctrl/Cmd+V: 복사와 붙여 넣기(새 id)"),
        ("Ctrl/Cmd+D", "Duplicate the selection", "Ctrl/Cmd+D: 선택 복제"),
        ("Escape", "Cancel a drag, clear the selection", "Escape: 끌기 취소, 선택 해제"),
    ];
    move || {
        ed.help_open.get().then(|| {
            let lang = ed.lang.get();
            view! {
                <div class="help" role="dialog" aria-modal="true" data-testid="help-sheet" aria-label=lang.pick("Keyboard shortcuts", "단축키")>
                    <h2>{lang.pick("Keyboard and mouse", "키보드와 마우스")}</h2>
                    <table>
                        {rows
                            .iter()
                            .map(|(keys, en, ko)| {
                                let (k, what) = match lang {
                                    Lang::En => ((*keys).to_owned(), (*en).to_owned()),
                                    Lang::Ko => {
                                        let (k, w) = ko.split_once(": ").unwrap_or((ko, ""));
                                        (k.to_owned(), w.to_owned())
                                    }
                                };
                                view! { <tr><th>{k}</th><td>{what}</td></tr> }
                            })
                            .collect_view()}
                    </table>
                    <button on:click=move |_| ed.help_open.set(false)>{lang.pick("Close (Escape)", "닫기 (Escape)")}</button>
                </div>
            }
        })
    }
}
