//! vpcanvas-app: the web app, client-side rendered with Leptos. `main.rs` only mounts [`App`].
//!
//! The app holds no AWS knowledge of its own: it loads designs with `vpcanvas-core` and draws them.

mod canvas;
pub mod scene;

use std::rc::Rc;

use leptos::prelude::*;
use vpcanvas_core::doc::Design;

pub use canvas::DesignCanvas;

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

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let design = LocalResource::new(|| fetch_design(SAMPLE_URL));
    let title = move || match design.get() {
        Some(Ok(d)) => d.name.clone(),
        _ => String::new(),
    };
    view! {
        <div class="app">
            <header class="topbar">
                <span class="brand">"vpcanvas"</span>
                <span class="design-name" data-testid="design-name">{title}</span>
                <span class="mode">"read-only"</span>
            </header>
            <main class="workspace">
                {move || match design.get() {
                    None => view! { <p class="status" data-testid="loading">"Loading the design…"</p> }.into_any(),
                    Some(Ok(d)) => view! { <DesignCanvas design=d /> }.into_any(),
                    Some(Err(e)) => view! { <p class="status error" data-testid="load-error" role="alert">{e}</p> }.into_any(),
                }}
            </main>
        </div>
    }
}
