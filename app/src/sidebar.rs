//! The sidebar: its tabs and the panel each shows (the inspector, the analysis panels, the exposure and failure
//! panels). Composition only: the panels never import each other; they share the editor and the analysis state,
//! which the workbench provides as contexts.

use leptos::prelude::*;
use vpcanvas_core::check::Severity;

use crate::analysis::{ChecksPanel, ProblemsPanel, TrafficPanel};
use crate::analysis_state::{Analysis, Tab};
use crate::editor::Editor;
use crate::i18n::Lang;
use crate::inspector::Inspector;
use crate::reach::{ExposurePanel, FailurePanel};

/// The tab bar and the panel it shows (the inspector is one of them).
#[component]
pub fn Sidebar() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let a = expect_context::<Analysis>();
    let lang = ed.lang;
    let tab_button = move |tab: Tab, testid: &'static str, label: Box<dyn Fn(Lang) -> String + Send + Sync>| {
        view! {
            <button
                role="tab"
                data-testid=testid
                class:active=move || a.tab.get() == tab
                aria-selected=move || (a.tab.get() == tab).to_string()
                on:click=move |_| a.tab.set(tab)
            >
                {move || label(lang.get())}
            </button>
        }
    };
    let problems_label = move |l: Lang| {
        let r = a.report.get();
        let n = r.diagnostics.iter().filter(|d| d.severity != Severity::Info).count()
            + r.intents.iter().filter(|i| !i.passed).count();
        format!("{} {n}", l.pick("Problems", "문제"))
    };
    let checks_label = move |l: Lang| {
        let r = a.report.get();
        let failed = r.intents.iter().filter(|i| !i.passed).count();
        if r.intents.is_empty() {
            l.pick("Checks", "의도").to_owned()
        } else {
            format!("{} {}/{}", l.pick("Checks", "의도"), r.intents.len() - failed, r.intents.len())
        }
    };
    view! {
        <div class="sidebar">
            <div class="tabs" role="tablist">
                {tab_button(Tab::Inspector, "tab-inspector", Box::new(|l: Lang| l.pick("Inspect", "속성").to_owned()))}
                {tab_button(Tab::Problems, "tab-problems", Box::new(problems_label))}
                {tab_button(Tab::Traffic, "tab-traffic", Box::new(|l: Lang| l.pick("Traffic", "트래픽").to_owned()))}
                {tab_button(Tab::Checks, "tab-checks", Box::new(checks_label))}
                {tab_button(Tab::Exposure, "tab-exposure", Box::new(|l: Lang| l.pick("Exposure", "노출").to_owned()))}
                {tab_button(Tab::Failure, "tab-failure", Box::new(|l: Lang| l.pick("Failure", "장애").to_owned()))}
            </div>
            <div class="panel" class:hidden=move || a.tab.get() != Tab::Inspector>
                <Inspector />
            </div>
            {move || match a.tab.get() {
                Tab::Inspector => ().into_any(),
                Tab::Problems => view! { <ProblemsPanel /> }.into_any(),
                Tab::Traffic => view! { <TrafficPanel /> }.into_any(),
                Tab::Checks => view! { <ChecksPanel /> }.into_any(),
                Tab::Exposure => view! { <ExposurePanel /> }.into_any(),
                Tab::Failure => view! { <FailurePanel /> }.into_any(),
            }}
        </div>
    }
}
