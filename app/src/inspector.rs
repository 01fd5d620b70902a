//! The inspector: the fields of the selection. A typed field is committed as one undo step when it is left or
//! Enter is pressed; a CIDR is checked as it is typed, with the next free block suggested. One panel in three
//! files: this one (name, CIDR, zone, tags, the JSON field), [`rule_tables`] and [`crate::settings`].

use leptos::prelude::*;
use vpcanvas_core::check::cidr::{BlockProblem, typed_block};
use vpcanvas_core::doc::Design;
use vpcanvas_core::edit::Resource;
use vpcanvas_core::model::Network;
use vpcanvas_core::net::Ipv4Cidr;

use crate::commands::move_into;
use crate::editor::{Editor, Item};
use crate::forms::{commit, tags_editor};
use crate::i18n::Lang;
use crate::rule_tables;
use crate::settings::settings;

/// What is wrong with a CIDR typed for a subnet or VPC, if anything (core's rules for blocks).
fn cidr_problem(d: &Design, id: &str, text: &str) -> Option<BlockProblem> {
    typed_block(&Network::new(d), id, text)
}

/// A text field that commits on change (leaving it, or Enter).
fn text_field(
    label: Signal<String>,
    testid: &'static str,
    value: String,
    on_commit: impl Fn(String) + 'static,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input
                type="text"
                data-testid=testid
                prop:value=value
                on:change=move |e| on_commit(event_target_value(&e))
            />
        </label>
    }
}

#[component]
pub fn Inspector() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let lang = ed.lang;
    let l = move |en: &'static str, ko: &'static str| Signal::derive(move || lang.get().pick(en, ko).to_owned());
    // The inspector is drawn again whenever the design changes (an edit, an undo), so that it always shows the
    // design as it is; the field that had the focus gets it back.
    // Whether "All fields (JSON)" is open: kept while the inspector is drawn again.
    let raw_open = RwSignal::new(false);
    let body = move || {
        let sel = ed.selection.get();
        let lang = lang.get();
        ed.design.track();
        keep_focus();
        match sel.as_slice() {
            [] => view! {
                <p class="hint">
                    {lang
                        .pick(
                            "Select something on the canvas or in the outline to see and edit its settings. Drag from the palette to add.",
                            "캔버스나 개요에서 항목을 선택하면 설정을 보고 고칠 수 있습니다. 팔레트에서 끌어 추가하세요.",
                        )}
                </p>
            }
            .into_any(),
            [key] => single(ed, key.clone(), l, raw_open).into_any(),
            many => {
                let n = many.len();
                view! {
                    <p data-testid="inspector-count">
                        {match lang {
                            Lang::En => format!("{n} items selected."),
                            Lang::Ko => format!("{n}개 선택됨."),
                        }}
                    </p>
                    <button class="danger" data-testid="delete-selection" on:click=move |_| ed.delete_selection()>
                        {lang.pick("Delete them", "모두 삭제")}
                    </button>
                }
                .into_any()
            }
        }
    };
    view! {
        <aside class="inspector" data-testid="inspector" aria-label=move || lang.get().pick("Inspector", "속성")>
            <h2>{move || lang.get().pick("Inspector", "속성")}</h2>
            {body}
        </aside>
    }
}

fn single(
    ed: Editor,
    key: String,
    l: impl Fn(&'static str, &'static str) -> Signal<String> + Copy + Send + Sync + 'static,
    raw_open: RwSignal<bool>,
) -> impl IntoView {
    let lang = ed.lang.get_untracked();
    let found = ed.design.with_untracked(|d| d.resource(&key));
    let Some((_, resource)) = found else {
        // An Availability Zone box.
        let (vpc, zone) = key.rsplit_once('/').map(|(a, b)| (a.to_owned(), b.to_owned())).unwrap_or_default();
        let subnets = ed.design.with_untracked(|d| {
            d.subnets.iter().filter(|s| s.vpc.as_str() == vpc && s.availability_zone == zone).count()
        });
        return view! {
            <dl class="facts">
                <dt>{lang.pick("Availability Zone", "가용 영역")}</dt>
                <dd data-testid="inspector-zone">{zone}</dd>
                <dt>"VPC"</dt>
                <dd>{vpc}</dd>
                <dt>{lang.pick("Subnets", "서브넷")}</dt>
                <dd>{subnets}</dd>
            </dl>
            <button class="danger" data-testid="delete-selection" on:click=move |_| ed.delete_selection()>
                {lang.pick("Delete zone and its subnets", "영역과 서브넷 삭제")}
            </button>
        }
        .into_any();
    };
    let kind = resource.kind();
    let name = ed.design.with_untracked(|d| d.find(&key).map(|r| r.name.to_owned()).unwrap_or_default());
    let for_name = resource.clone();
    let name_field = text_field(l("Name", "이름"), "field-name", name, move |v| {
        commit(ed, for_name.renamed(v.trim()));
    });
    let specific = specific_fields(ed, &resource, l);
    let json = resource.pretty();
    let draft = RwSignal::new(json.clone());
    let problem = RwSignal::new(None::<String>);
    let for_json = resource.clone();
    let apply = move |_| match Resource::read(kind, &draft.get_untracked()) {
        Ok(after) if after.id() != for_json.id() => problem.set(Some(
            lang.pick(
                "The id cannot be changed here: other resources refer to it.",
                "여기서는 id를 바꿀 수 없습니다. 다른 리소스가 참조합니다.",
            )
            .to_owned(),
        )),
        Ok(after) => {
            problem.set(None);
            commit(ed, after);
        }
        Err(e) => problem.set(Some(e.to_string())),
    };
    view! {
        <dl class="facts">
            <dt>{lang.pick("Kind", "종류")}</dt>
            <dd data-testid="inspector-kind">{Item::Kind(kind).label(lang)}</dd>
            <dt>"ID"</dt>
            <dd data-testid="inspector-id">{key.clone()}</dd>
        </dl>
        {name_field}
        {specific}
        {tags_editor(ed, resource.clone())}
        <details
            class="raw"
            prop:open=move || raw_open.get_untracked()
            on:toggle=move |e| {
                use wasm_bindgen::JsCast;
                if let Some(d) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                    raw_open.set(d.open());
                }
            }
        >
            <summary>{lang.pick("All fields (JSON)", "모든 필드(JSON)")}</summary>
            <textarea
                data-testid="raw-json"
                spellcheck="false"
                rows="14"
                prop:value=json
                on:input=move |e| draft.set(event_target_value(&e))
            ></textarea>
            {move || problem.get().map(|p| view! { <p class="field-problem" data-testid="raw-json-problem" role="alert">{p}</p> })}
            <button class="small" data-testid="raw-json-apply" on:click=apply>
                {lang.pick("Apply", "적용")}
            </button>
        </details>
        <button class="danger" data-testid="delete-selection" on:click=move |_| ed.delete_selection()>
            {lang.pick("Delete", "삭제")}
        </button>
    }
    .into_any()
}

/// The fields of the kinds with more to set than a name.
fn specific_fields(
    ed: Editor,
    resource: &Resource,
    l: impl Fn(&'static str, &'static str) -> Signal<String> + Copy + Send + Sync + 'static,
) -> AnyView {
    match resource.clone() {
        Resource::Vpc(v) => cidr_field(ed, v.id.to_string(), v.cidr.to_string(), move |c| {
            let mut after = v.clone();
            after.cidr = c;
            Resource::Vpc(after)
        })
        .into_any(),
        Resource::RouteTable(t) => rule_tables::route_table_editor(ed, t).into_any(),
        Resource::LoadBalancer(lb) => rule_tables::load_balancer_editor(ed, lb).into_any(),
        Resource::SecurityGroup(g) => rule_tables::security_group_editor(ed, g).into_any(),
        Resource::NetworkAcl(a) => rule_tables::network_acl_editor(ed, a).into_any(),
        Resource::Subnet(s) => {
            let associations = rule_tables::subnet_associations(ed, s.clone());
            let id = s.id.to_string();
            let public = ed.design.with_untracked(|d| Network::new(d).is_public(&s));
            let s2 = s.clone();
            let zone = zone_field(ed, &s);
            view! {
                {cidr_field(ed, id, s.cidr.to_string(), move |c| {
                    let mut after = s.clone();
                    after.cidr = c;
                    Resource::Subnet(after)
                })}
                {zone}
                <dl class="facts">
                    <dt>{move || l("Reaches the internet", "인터넷 연결").get()}</dt>
                    <dd data-testid="inspector-public">
                        {move || {
                            let lang = ed.lang.get();
                            if public {
                                lang.pick("public: its route table sends 0.0.0.0/0 to an internet gateway", "퍼블릭: 라우팅 테이블이 인터넷 게이트웨이로 보냅니다")
                            } else {
                                lang.pick("private: no route to an internet gateway", "프라이빗: 인터넷 게이트웨이로 가는 라우트 없음")
                            }
                        }}
                    </dd>
                </dl>
                <label class="check">
                    <input
                        type="checkbox"
                        data-testid="field-map-public-ip"
                        prop:checked=s2.map_public_ip_on_launch
                        on:change=move |e| {
                            let mut after = s2.clone();
                            after.map_public_ip_on_launch = event_target_checked(&e);
                            commit(ed, Resource::Subnet(after));
                        }
                    />
                    {move || l("Auto-assign public IPv4 addresses", "퍼블릭 IPv4 자동 할당").get()}
                </label>
                {associations}
            }
            .into_any()
        }
        Resource::Instance(i) => {
            let groups = rule_tables::instance_groups(ed, i.clone());
            view! {
                {rule_tables::instance_type_field(ed, i.clone())}
                {settings(ed, &Resource::Instance(i))}
                {groups}
            }
            .into_any()
        }
        Resource::EcsService(svc) => view! {
            {rule_tables::ecs_service_editor(ed, svc.clone())}
            {settings(ed, &Resource::EcsService(svc))}
        }
        .into_any(),
        Resource::TargetGroup(tg) => view! {
            {settings(ed, &Resource::TargetGroup(tg.clone()))}
            {rule_tables::target_group_editor(ed, tg)}
        }
        .into_any(),
        other => settings(ed, &other).unwrap_or_else(|| ().into_any()),
    }
}

/// A subnet's Availability Zone: any zone of its Region; choosing another moves the subnet, with what is in it,
/// into that zone's box.
fn zone_field(ed: Editor, s: &vpcanvas_core::doc::Subnet) -> impl IntoView + use<> {
    let lang = ed.lang.get_untracked();
    let zones: Vec<String> = ed.design.with_untracked(|d| {
        let region = d.vpcs.iter().find(|v| v.id == s.vpc).map(|v| v.region.clone());
        let mut zones: Vec<String> = d
            .regions
            .iter()
            .filter(|r| Some(&r.id) == region.as_ref())
            .flat_map(|r| r.availability_zones.iter().map(|z| z.name.clone()))
            .collect();
        if !zones.contains(&s.availability_zone) {
            zones.insert(0, s.availability_zone.clone());
        }
        zones
    });
    let current = s.availability_zone.clone();
    let (id, vpc) = (s.id.to_string(), s.vpc.clone());
    view! {
        <label class="field">
            <span>{lang.pick("Availability Zone", "가용 영역")}</span>
            <select
                data-testid="field-zone"
                on:change=move |e| {
                    let zone = event_target_value(&e);
                    move_into(ed, &id, vpcanvas_core::edit::Container::Zone { vpc: vpc.clone(), zone });
                }
            >
                {zones
                    .into_iter()
                    .map(|z| {
                        let on = z == current;
                        view! { <option value=z.clone() selected=on>{z.clone()}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// A CIDR field: checked as it is typed, committed when left (if it is a CIDR at all), with the next free block
/// offered.
fn cidr_field(
    ed: Editor,
    id: String,
    value: String,
    make: impl Fn(Ipv4Cidr) -> Resource + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let typed = RwSignal::new(value.clone());
    let id2 = id.clone();
    let id3 = id.clone();
    let problem = move || ed.design.with(|d| cidr_problem(d, &id2, &typed.get()));
    let make2 = make.clone();
    view! {
        <label class="field">
            <span>{move || ed.lang.get().pick("IPv4 CIDR block", "IPv4 CIDR 블록")}</span>
            <input
                type="text"
                data-testid="field-cidr"
                prop:value=value
                on:input=move |e| typed.set(event_target_value(&e))
                on:change=move |e| {
                    // Committed only when it is a block the design can use (host bits are only a warning): a
                    // problem stays on screen with its suggestion, and the design is unchanged.
                    let text = event_target_value(&e);
                    let problem = ed.design.with_untracked(|d| cidr_problem(d, &id3, &text));
                    let fine = problem.as_ref().is_none_or(|p| !p.refused);
                    if let (true, Ok(c)) = (fine, text.trim().parse::<Ipv4Cidr>()) {
                        commit(ed, make(c));
                    }
                }
            />
        </label>
        {move || {
            problem()
                .map(|BlockProblem { text, suggestion: suggest, .. }| {
                    let make = make2.clone();
                    let lang = ed.lang.get();
                    view! {
                        <p class="field-problem" data-testid="cidr-problem" role="status">
                            {lang.text(&text)}
                            {suggest
                                .map(|c| {
                                    let make = make.clone();
                                    view! {
                                        " "
                                        <button
                                            class="link-button"
                                            data-testid="cidr-suggestion"
                                            on:click=move |_| {
                                                typed.set(c.to_string());
                                                commit(ed, make(c));
                                            }
                                        >
                                            {format!("{} {c}", lang.pick("Use", "사용:"))}
                                        </button>
                                    }
                                })}
                        </p>
                    }
                })
        }}
    }
}

/// Remembers which inspector field has the focus (by test id and position) and gives it back once the inspector
/// has been drawn again.
fn keep_focus() {
    use wasm_bindgen::JsCast;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(active) = doc.active_element() else { return };
    if active.closest("[data-testid=inspector]").ok().flatten().is_none() {
        return;
    }
    let Some(testid) = active.get_attribute("data-testid") else { return };
    let all = doc.query_selector_all(&format!("[data-testid=inspector] [data-testid='{testid}']")).ok();
    let index = all
        .as_ref()
        .and_then(|list| (0..list.length()).find(|i| list.item(*i).is_some_and(|n| n.is_same_node(Some(&active)))));
    let Some(index) = index else { return };
    request_animation_frame(move || {
        let again = doc.query_selector_all(&format!("[data-testid=inspector] [data-testid='{testid}']")).ok();
        if let Some(el) = again.and_then(|l| l.item(index)).and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
}
