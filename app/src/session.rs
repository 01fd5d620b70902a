//! Which design is open, and keeping it: what the page starts with (a share link, a saved design, a new one, the
//! sample), saving after every edit, the designs menu (new, open, duplicate, delete with undo, files, share link),
//! the read-only view of a shared design, and files dropped on the page.

use leptos::prelude::*;
use vpcanvas_core::doc::Design;
use vpcanvas_core::share::{COMFORTABLE_LINK_CHARS, decode, encode};
use vpcanvas_core::text::Text;

use crate::editor::Editor;
use crate::i18n::Lang;
use crate::store;

/// What the page opens.
#[derive(Debug, Clone)]
pub enum Start {
    /// A design and the id it is saved under (none for a shared design, until it is copied).
    Open { design: Box<Design>, id: Option<String>, shared: bool },
    /// Something to fetch first (the sample, or a file served beside the app), then save under a new id.
    Fetch(String),
    /// What went wrong, for the user.
    Error(String),
}

fn params() -> Vec<(String, String)> {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (k.to_owned(), v.to_owned()),
            None => (p.to_owned(), String::new()),
        })
        .collect()
}

/// Decides what to open: a link's design (`#d2.…`), `?new`, `?id=ID` (saved in this browser), `?design=FILE` (served
/// beside the app), else the design opened last, else the sample.
pub fn start(sample: &str) -> Start {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    if hash.len() > 1 {
        return match decode(&hash) {
            Ok(design) => Start::Open { design: Box::new(design), id: None, shared: true },
            Err(e) => Start::Error(e.to_string()),
        };
    }
    let p = params();
    let get = |k: &str| p.iter().find(|(x, _)| x == k).map(|(_, v)| v.clone());
    if get("new").is_some() {
        return Start::Open {
            design: Box::new(Design::new("Untitled design")),
            id: Some(store::new_id()),
            shared: false,
        };
    }
    if let Some(id) = get("id") {
        return match store::read(&id) {
            Ok(design) => Start::Open { design: Box::new(design), id: Some(id), shared: false },
            Err(e) => Start::Error(e),
        };
    }
    match get("design") {
        // Only files of this site: no scheme, no host.
        Some(v) if !v.contains(':') && !v.starts_with("//") => Start::Fetch(v),
        _ => match store::last().and_then(|id| store::read(&id).ok().map(|d| (id, d))) {
            Some((id, design)) => Start::Open { design: Box::new(design), id: Some(id), shared: false },
            None => Start::Fetch(sample.to_owned()),
        },
    }
}

/// Shows `?id=ID` in the address bar without reloading, so that a reload reopens the saved design.
fn show_id(id: &str) {
    if let Some(w) = web_sys::window()
        && let Ok(history) = w.history()
    {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("?id={id}")));
    }
}

/// Opens a saved design (a full page load).
pub fn open(id: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_href(&format!("?id={id}"));
    }
}

/// The open design's saving state.
#[derive(Clone, Copy)]
pub struct Session {
    /// The id it is saved under; `None` for a shared design not yet copied.
    pub id: RwSignal<Option<String>>,
    /// Why the last save failed, while it does.
    pub save_error: RwSignal<Option<String>>,
    pub menu_open: RwSignal<bool>,
    pub share_link: RwSignal<Option<Result<String, Text>>>,
    /// The design deleted last, to undo.
    pub deleted: RwSignal<Option<(store::Saved, String)>>,
    /// Bumped when the saved list changes.
    pub saved_version: RwSignal<u32>,
}

impl Session {
    /// Starts saving `ed`'s design under `id` (now, and after every edit).
    pub fn new(ed: Editor, id: Option<String>, shared: bool) -> Session {
        let s = Session {
            id: RwSignal::new(id),
            save_error: RwSignal::new(None),
            menu_open: RwSignal::new(false),
            share_link: RwSignal::new(None),
            deleted: RwSignal::new(None),
            saved_version: RwSignal::new(0),
        };
        ed.read_only.set(shared);
        if let Some(id) = s.id.get_untracked() {
            show_id(&id);
            s.save(ed);
        }
        let pending = StoredValue::new(false);
        // Leaving the page (a reload, another address, closing the tab) writes what is still waiting.
        let leave = window_event_listener(leptos::ev::pagehide, move |_| {
            if pending.get_value() {
                pending.set_value(false);
                s.save(ed);
            }
        });
        on_cleanup(move || leave.remove());
        Effect::new(move |first: Option<()>| {
            ed.design.track();
            if first.is_none() || pending.get_value() || s.id.get_untracked().is_none() {
                return;
            }
            // Written once the edit has been drawn; several edits in one turn are written once.
            pending.set_value(true);
            set_timeout(
                move || {
                    if pending.get_value() {
                        pending.set_value(false);
                        s.save(ed);
                    }
                },
                std::time::Duration::ZERO,
            );
        });
        s
    }

    /// Writes the design now; a failure is shown at once, with a way out.
    pub fn save(&self, ed: Editor) {
        let Some(id) = self.id.get_untracked() else { return };
        let result = ed.design.with_untracked(|d| store::write(&id, d));
        match result {
            Ok(()) => {
                if self.save_error.get_untracked().is_some() {
                    self.save_error.set(None);
                }
                self.saved_version.update(|v| *v += 1);
            }
            Err(e) => {
                ed.say_error(Text::new(
                    format!("Not saved in this browser: {e}. Save the design as a file to keep it."),
                    format!("브라우저에 저장하지 못했습니다: {e}. 설계를 파일로 저장해 두세요."),
                ));
                self.save_error.set(Some(e));
            }
        }
    }

    /// Makes the shared design an editable copy saved in this browser.
    pub fn edit_copy(&self, ed: Editor) {
        let id = store::new_id();
        self.id.set(Some(id.clone()));
        ed.read_only.set(false);
        show_id(&id);
        self.save(ed);
        ed.say(Text::new("This copy is yours: it is saved in this browser.", "이 사본은 이 브라우저에 저장됩니다."));
    }
}

/// Saves a design read from files as a new saved design and opens it.
pub fn open_new(ed: Editor, design: Design, notes: Vec<String>) {
    let id = store::new_id();
    match store::write(&id, &design) {
        Ok(()) => {
            if !notes.is_empty() {
                web_sys::console::log_1(&format!("import notes: {}", notes.join("; ")).into());
            }
            open(&id);
        }
        Err(e) => ed.say_error(Text::new(
            format!("Could not keep the opened design: {e}."),
            format!("연 설계를 보관할 수 없습니다: {e}."),
        )),
    }
}

/// Reads files (picked or dropped) and opens what they hold, or says why not; the open design is untouched.
pub fn open_files(ed: Editor, list: web_sys::FileList) {
    if list.length() == 0 {
        return;
    }
    crate::files::read_all(list, move |files| match crate::files::read_files(&files) {
        Ok((design, notes)) => open_new(ed, design, notes),
        Err(t) => ed.say_error(t),
    });
}

/// Files dropped anywhere on the page are opened.
pub fn accept_drops(ed: Editor) {
    let over = window_event_listener(leptos::ev::dragover, move |e| {
        if e.data_transfer().is_some_and(|t| t.types().includes(&"Files".into(), 0)) {
            e.prevent_default();
        }
    });
    let drop = window_event_listener(leptos::ev::drop, move |e| {
        if let Some(files) = e.data_transfer().and_then(|t| t.files())
            && files.length() > 0
        {
            e.prevent_default();
            open_files(ed, files);
        }
    });
    on_cleanup(move || {
        over.remove();
        drop.remove();
    });
}

/// The banner over a shared design.
#[component]
pub fn SharedBanner() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let s = expect_context::<Session>();
    move || {
        ed.read_only.get().then(|| {
            let lang = ed.lang.get();
            view! {
                <div class="banner" data-testid="shared-banner" role="status">
                    {lang.pick("A shared design, read-only. Nothing of it was sent to any server: it is in the link.", "공유된 설계입니다(읽기 전용). 링크 안에 있어 서버로 보낸 것이 없습니다.")}
                    <button class="small" data-testid="edit-copy" on:click=move |_| s.edit_copy(ed)>
                        {lang.pick("Edit a copy", "사본 편집")}
                    </button>
                </div>
            }
        })
    }
}

fn when(ms: f64, lang: Lang) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    let text: String = date.to_locale_string(lang.code(), &wasm_bindgen::JsValue::UNDEFINED).into();
    text
}

/// The designs menu: new, open, duplicate and delete saved designs; files in and out; the share link. Its children
/// (the picture controls) come after the share link.
#[component]
pub fn DesignsMenu(#[prop(optional)] children: Option<Children>) -> impl IntoView {
    let ed = expect_context::<Editor>();
    let s = expect_context::<Session>();
    let input = NodeRef::<leptos::html::Input>::new();
    // Escape, or a press anywhere outside the menu, closes it.
    let keys = window_event_listener(leptos::ev::keydown, move |e| {
        if e.key() == "Escape" && s.menu_open.get_untracked() {
            s.menu_open.set(false);
        }
    });
    let outside = window_event_listener(leptos::ev::pointerdown, move |e| {
        use wasm_bindgen::JsCast;
        let inside = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest(".menu-anchor").ok().flatten())
            .is_some();
        if !inside && s.menu_open.get_untracked() {
            s.menu_open.set(false);
        }
    });
    on_cleanup(move || {
        keys.remove();
        outside.remove();
    });
    let share = move |_| {
        let made = ed.design.with_untracked(encode).map_err(|e| e.text()).map(|fragment| {
            let loc = web_sys::window().map(|w| w.location());
            let base = loc
                .map(|l| format!("{}{}", l.origin().unwrap_or_default(), l.pathname().unwrap_or_default()))
                .unwrap_or_default();
            format!("{base}#{fragment}")
        });
        s.share_link.set(Some(made));
    };
    let list = move || {
        s.saved_version.track();
        let lang = ed.lang.get();
        let current = s.id.get();
        store::list()
            .into_iter()
            .map(|saved| {
                let (id1, id2, id3) = (saved.id.clone(), saved.id.clone(), saved.id.clone());
                let here = current.as_deref() == Some(saved.id.as_str());
                view! {
                    <li class="saved" class:current=here data-testid="saved-design" data-id=saved.id.clone()>
                        <button class="problem-text" data-testid="saved-open" on:click=move |_| open(&id1)>
                            <strong>{if saved.name.is_empty() { lang.pick("Untitled design", "제목 없는 설계").to_owned() } else { saved.name.clone() }}</strong>
                            <span class="muted">{when(saved.updated, lang)}</span>
                        </button>
                        <button class="small" data-testid="saved-duplicate" title=lang.pick("Duplicate", "복제") on:click=move |_| {
                            match store::read(&id2) {
                                Ok(mut d) => {
                                    d.name = format!("{} {}", d.name, lang.pick("(copy)", "(사본)"));
                                    let id = store::new_id();
                                    if let Err(e) = store::write(&id, &d) {
                                        ed.say_error(Text::new(format!("Not saved: {e}."), format!("저장하지 못했습니다: {e}.")));
                                    }
                                    s.saved_version.update(|v| *v += 1);
                                }
                                Err(e) => ed.say_error(Text::new(e.clone(), e)),
                            }
                        }>
                            {lang.pick("Duplicate", "복제")}
                        </button>
                        {(!here).then(|| view! {
                            <button class="icon-button" data-testid="saved-delete" title=lang.pick("Delete", "삭제") on:click=move |_| {
                                match store::remove(&id3) {
                                    Ok(removed) => {
                                        s.deleted.set(removed);
                                        s.saved_version.update(|v| *v += 1);
                                    }
                                    Err(e) => ed.say_error(Text::new(e.clone(), e)),
                                }
                            }>"×"</button>
                        })}
                    </li>
                }
            })
            .collect_view()
    };
    let undo_delete = move || {
        s.deleted.get().map(|(saved, text)| {
            let lang = ed.lang.get();
            let name = saved.name.clone();
            view! {
                <p class="hint" data-testid="deleted">
                    {match lang {
                        Lang::En => format!("Deleted “{name}”. "),
                        Lang::Ko => format!("“{name}”을(를) 삭제했습니다. "),
                    }}
                    <button class="link-button" data-testid="undo-delete" on:click=move |_| {
                        match store::restore(&saved, &text) {
                            Ok(()) => {
                                s.deleted.set(None);
                                s.saved_version.update(|v| *v += 1);
                            }
                            Err(e) => ed.say_error(Text::new(e.clone(), e)),
                        }
                    }>
                        {lang.pick("Undo", "되돌리기")}
                    </button>
                </p>
            }
        })
    };
    let link_view = move || {
        let lang = ed.lang.get();
        s.share_link.get().map(|made| match made {
            Err(t) => view! { <p class="field-problem">{lang.text(&t)}</p> }.into_any(),
            Ok(link) => {
                let n = link.chars().count();
                let long = n > COMFORTABLE_LINK_CHARS;
                let copy_text = link.clone();
                view! {
                    <div class="share">
                        <input readonly data-testid="share-link" prop:value=link.clone() on:focus=move |e| {
                            use wasm_bindgen::JsCast;
                            if let Some(i) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                i.select();
                            }
                        } />
                        <p class="hint" data-testid="share-length" data-chars=n.to_string()>
                            {match lang {
                                Lang::En => format!("{n} characters. The design travels in the link itself (after #): no server sees it. The link opens read-only."),
                                Lang::Ko => format!("{n}자. 설계는 링크 자체(# 뒤)에 담겨 어떤 서버도 보지 않습니다. 링크는 읽기 전용으로 열립니다."),
                            }}
                        </p>
                        {long.then(|| view! {
                            <p class="field-problem" data-testid="share-too-long">
                                {lang.pick("This link is too long for some tools (over 8,000 characters): share the design as a file instead.", "이 링크는 일부 도구에서 쓰기에 너무 깁니다(8,000자 초과). 설계를 파일로 공유하세요.")}
                                " "
                                <button class="link-button" on:click=move |_| crate::files::export_json(ed)>{lang.pick("Save as file", "파일로 저장")}</button>
                            </p>
                        })}
                        <button class="small" data-testid="share-copy" on:click=move |_| {
                            if let Some(w) = web_sys::window() {
                                let _ = w.navigator().clipboard().write_text(&copy_text);
                                ed.say(Text::new("Link copied.", "링크를 복사했습니다."));
                            }
                        }>
                            {lang.pick("Copy", "복사")}
                        </button>
                    </div>
                }
                .into_any()
            }
        })
    };
    view! {
        <div class="menu-anchor">
            <button class="menu-button" data-testid="designs-menu" on:click=move |_| s.menu_open.update(|o| *o = !*o)>
                {move || ed.lang.get().pick("Designs", "설계")}
            </button>
            {move || {
                s.save_error.get().map(|e| {
                    let lang = ed.lang.get();
                    view! {
                        <span class="save-error" data-testid="save-error" role="alert" title=e.clone()>
                            {lang.pick("Not saved", "저장 안 됨")}
                            " "
                            <button class="link-button" data-testid="save-error-export" on:click=move |_| crate::files::export_json(ed)>
                                {lang.pick("Save as file", "파일로 저장")}
                            </button>
                        </span>
                    }
                })
            }}
            <div class="menu" class:hidden=move || !s.menu_open.get() data-testid="designs-panel">
                <div class="end-row">
                    <a class="small" data-testid="design-new" href="?new">{move || ed.lang.get().pick("New design", "새 설계")}</a>
                    <button class="small" data-testid="design-import" on:click=move |_| {
                        if let Some(i) = input.get_untracked() {
                            i.click();
                        }
                    }>
                        {move || ed.lang.get().pick("Open files…", "파일 열기…")}
                    </button>
                    <button class="small" data-testid="design-export" on:click=move |_| crate::files::export_json(ed)>
                        {move || ed.lang.get().pick("Save as file", "파일로 저장")}
                    </button>
                    <button class="small" data-testid="design-share" on:click=share>
                        {move || ed.lang.get().pick("Share link", "공유 링크")}
                    </button>
                </div>
                <input
                    type="file"
                    multiple
                    accept=".json,application/json"
                    class="hidden-input"
                    data-testid="file-input"
                    node_ref=input
                    on:change=move |e| {
                        use wasm_bindgen::JsCast;
                        if let Some(i) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                            && let Some(files) = i.files()
                        {
                            open_files(ed, files);
                            i.set_value("");
                        }
                    }
                />
                {link_view}
                {children.map(|c| c())}
                <h3>{move || ed.lang.get().pick("Infrastructure code", "인프라 코드")}</h3>
                <div class="end-row">
                    <button class="small" data-testid="export-terraform" on:click=move |_| crate::files::export_code(ed, true)>
                        "Terraform (.zip)"
                    </button>
                    <button class="small" data-testid="export-cloudformation" on:click=move |_| crate::files::export_code(ed, false)>
                        "CloudFormation (.yaml)"
                    </button>
                </div>
                <h3>{move || ed.lang.get().pick("Start from a template", "템플릿에서 시작")}</h3>
                <div class="templates">
                    {vpcanvas_core::templates::all()
                        .into_iter()
                        .map(|t| {
                            let key = t.key;
                            view! {
                                <button
                                    class="small"
                                    data-testid="template"
                                    data-key=key
                                    on:click=move |_| {
                                        let made = vpcanvas_core::templates::all()
                                            .into_iter()
                                            .find(|t| t.key == key)
                                            .map(|t| t.design());
                                        match made {
                                            Some(Ok(d)) => open_new(ed, d, Vec::new()),
                                            Some(Err(e)) => ed.say_error(e.text()),
                                            None => {}
                                        }
                                    }
                                >
                                    {move || ed.lang.get().pick(t.title_en, t.title_ko)}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
                <h3>{move || ed.lang.get().pick("Saved in this browser", "이 브라우저에 저장됨")}</h3>
                {undo_delete}
                <ul class="saved-list">{list}</ul>
            </div>
        </div>
    }
}

/// What the page shows when it cannot open what it was asked to.
pub fn error_page(message: String) -> impl IntoView {
    let saved = store::list().len();
    view! {
        <div class="app">
            <header class="topbar"><span class="brand">"vpcanvas"</span></header>
            <div class="status error" data-testid="load-error" role="alert">
                <p>{message}</p>
                <p>
                    {format!("Your {saved} saved design(s) are untouched. ")}
                    <a href="./" data-testid="back-to-designs">"Open vpcanvas"</a>
                </p>
            </div>
        </div>
    }
}
