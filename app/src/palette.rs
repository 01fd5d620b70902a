//! The palette: every kind that can be put on the canvas, grouped and searchable (in English and Korean). Drag an
//! item onto the canvas to drop it into the container under the pointer (the canvas takes it from
//! `Editor::creating`); or press it (mouse, Enter or Space) to add it to the selected container, which is how the
//! keyboard builds a design ([`add_to_selection`]).

use leptos::prelude::*;
use vpcanvas_core::doc::{KindGroup, ResourceKind};

use crate::commands::add_to_selection;
use crate::editor::{Editor, Item};
use crate::i18n::Lang;
use crate::scene;

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

#[component]
pub fn Palette() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let query = RwSignal::new(String::new());
    let scene = Memo::new(move |_| ed.design.with(scene::build));
    let matches = move |item: Item| {
        let q = query.get().to_lowercase();
        q.is_empty()
            || item.label(Lang::En).to_lowercase().contains(&q)
            || item.label(Lang::Ko).contains(&q)
            || item.key().contains(&q)
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
                                                    data-kind=item.key()
                                                    on:pointerdown=move |e| {
                                                        if e.button() == 0 {
                                                            ed.creating.set(Some(item));
                                                        }
                                                    }
                                                    on:click=move |_| add_to_selection(ed, &scene.get_untracked(), item)
                                                    title=move || {
                                                        ed.lang
                                                            .get()
                                                            .pick(
                                                                "Drag onto the canvas, or press to add to the selection",
                                                                "캔버스로 끌어 놓거나, 눌러서 선택한 곳에 추가",
                                                            )
                                                    }
                                                >
                                                    <span class=format!("swatch {}", item.key())></span>
                                                    {move || item.label(ed.lang.get())}
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The palette is built from core's one list of kinds: every kind is offered exactly once, in the group core
    /// gives it, under its key and with a label in both languages.
    #[test]
    fn every_kind_is_offered_once_in_its_group() {
        let mut offered = Vec::new();
        for (group, en, ko) in GROUPS {
            assert!(!en.is_empty() && !ko.is_empty());
            for item in group_items(group) {
                if let Item::Kind(kind) = item {
                    assert_eq!(kind.group(), group, "{kind:?}");
                    assert_eq!(item.key(), kind.key());
                    assert_eq!(item.label(Lang::En).to_lowercase(), kind.label().to_lowercase());
                    assert_eq!(item.label(Lang::Ko), kind.label_ko());
                    offered.push(kind);
                }
            }
        }
        assert_eq!(offered.len(), ResourceKind::COUNT);
        for kind in ResourceKind::ALL {
            assert!(offered.contains(&kind), "{kind:?} is not in the palette");
        }
        assert!(group_items(KindGroup::Network).contains(&Item::Zone));
    }
}
