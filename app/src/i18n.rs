//! English and Korean. Every label is written in both at its call site (`lang.pick("Undo", "실행 취소")`), so a
//! missing translation cannot hide in a table; messages from core arrive as `Text` with both.

use vpcanvas_core::doc::ResourceKind;
use vpcanvas_core::text::Text;

/// Where the choice is remembered.
const STORAGE_KEY: &str = "vpcanvas.lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Ko,
}

impl Lang {
    pub fn pick(self, en: &'static str, ko: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::Ko => ko,
        }
    }

    pub fn text(self, t: &Text) -> String {
        match self {
            Lang::En => t.en.clone(),
            Lang::Ko => t.ko.clone(),
        }
    }

    pub fn kind(self, kind: ResourceKind) -> &'static str {
        match self {
            Lang::En => kind.label(),
            Lang::Ko => kind.label_ko(),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The language remembered from last time, else the browser's (Korean when it prefers Korean).
    pub fn load() -> Lang {
        let window = web_sys::window();
        let stored = window
            .as_ref()
            .and_then(|w| w.local_storage().ok().flatten())
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        match stored.as_deref() {
            Some("ko") => Lang::Ko,
            Some("en") => Lang::En,
            _ => match window.and_then(|w| w.navigator().language()) {
                Some(l) if l.starts_with("ko") => Lang::Ko,
                _ => Lang::En,
            },
        }
    }

    /// Remembers the choice (quietly does nothing where storage is off: the choice still holds for this visit).
    pub fn save(self) {
        if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = storage.set_item(STORAGE_KEY, self.code());
        }
    }
}
