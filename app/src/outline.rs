//! The outline: the design as a tree (Region > VPC > Availability Zone > subnet > resources, with each VPC's and
//! Region's settings beside), in step with the selection, and usable from the keyboard alone: arrow keys move,
//! Enter or Space selects, Delete deletes.

use leptos::prelude::*;
use vpcanvas_core::Design;
use vpcanvas_core::doc::ResourceKind;
use vpcanvas_core::model::Network;

use crate::editor::Editor;

/// One row of the tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub key: String,
    pub level: u32,
    pub title: String,
    /// The kind, or `None` for an Availability Zone.
    pub kind: Option<ResourceKind>,
}

fn named(name: &str, id: &str) -> String {
    if name.is_empty() || name == id { id.to_owned() } else { format!("{name} ({id})") }
}

/// The tree of a design, flattened in display order.
pub fn rows(d: &Design) -> Vec<Row> {
    use ResourceKind as K;
    let net = Network::new(d);
    let mut out = Vec::new();
    let mut row = |key: &str, level: u32, title: String, kind: Option<ResourceKind>| {
        out.push(Row { key: key.to_owned(), level, title, kind });
    };
    for region in &d.regions {
        row(region.id.as_str(), 1, named(&region.name, region.id.as_str()), Some(K::Region));
        for vpc in d.vpcs.iter().filter(|v| v.region == region.id) {
            row(vpc.id.as_str(), 2, format!("{} · {}", named(&vpc.name, vpc.id.as_str()), vpc.cidr), Some(K::Vpc));
            let mut zones: Vec<String> =
                d.subnets.iter().filter(|s| s.vpc == vpc.id).map(|s| s.availability_zone.clone()).collect();
            zones.extend(d.layout.zones.iter().filter(|z| z.vpc == vpc.id).map(|z| z.zone.clone()));
            zones.sort();
            zones.dedup();
            for zone in zones {
                row(&format!("{}/{zone}", vpc.id), 3, zone.clone(), None);
                for s in d.subnets.iter().filter(|s| s.vpc == vpc.id && s.availability_zone == zone) {
                    row(s.id.as_str(), 4, format!("{} · {}", named(&s.name, s.id.as_str()), s.cidr), Some(K::Subnet));
                    for i in d.instances.iter().filter(|i| i.subnet == s.id) {
                        row(i.id.as_str(), 5, named(&i.name, i.id.as_str()), Some(K::Instance));
                    }
                    for n in d.nat_gateways.iter().filter(|n| n.subnet == s.id) {
                        row(n.id.as_str(), 5, named(&n.name, n.id.as_str()), Some(K::NatGateway));
                    }
                    for n in d.network_interfaces.iter().filter(|n| n.subnet == s.id) {
                        row(n.id.as_str(), 5, named(&n.name, n.id.as_str()), Some(K::NetworkInterface));
                    }
                    // Its own interface's subnet, or its container instance's (core decides).
                    for t in d.ecs_tasks.iter().filter(|t| net.task_subnet(t) == Some(&s.id)) {
                        row(t.id.as_str(), 5, named(&t.name, t.id.as_str()), Some(K::EcsTask));
                    }
                }
            }
            let in_vpc = |v: &vpcanvas_core::doc::Id| v == &vpc.id;
            for g in d.internet_gateways.iter().filter(|g| g.vpc.as_ref().is_some_and(in_vpc)) {
                row(g.id.as_str(), 3, named(&g.name, g.id.as_str()), Some(K::InternetGateway));
            }
            for g in d.vpn_gateways.iter().filter(|g| g.vpc.as_ref().is_some_and(in_vpc)) {
                row(g.id.as_str(), 3, named(&g.name, g.id.as_str()), Some(K::VpnGateway));
            }
            for x in d.load_balancers.iter().filter(|x| in_vpc(&x.vpc)) {
                row(x.id.as_str(), 3, named(&x.name, x.id.as_str()), Some(K::LoadBalancer));
            }
            for x in d.vpc_endpoints.iter().filter(|x| in_vpc(&x.vpc)) {
                row(x.id.as_str(), 3, named(&x.name, x.id.as_str()), Some(K::VpcEndpoint));
            }
            for x in d.route_tables.iter().filter(|x| in_vpc(&x.vpc)) {
                row(x.id.as_str(), 3, named(&x.name, x.id.as_str()), Some(K::RouteTable));
            }
            for x in d.network_acls.iter().filter(|x| in_vpc(&x.vpc)) {
                row(x.id.as_str(), 3, named(&x.name, x.id.as_str()), Some(K::NetworkAcl));
            }
            for x in d.security_groups.iter().filter(|x| in_vpc(&x.vpc)) {
                row(x.id.as_str(), 3, named(&x.name, x.id.as_str()), Some(K::SecurityGroup));
            }
            for x in d.target_groups.iter().filter(|x| in_vpc(&x.vpc)) {
                row(x.id.as_str(), 3, named(&x.name, x.id.as_str()), Some(K::TargetGroup));
            }
        }
        let in_region = |r: &vpcanvas_core::doc::Id| r == &region.id;
        for x in d.transit_gateways.iter().filter(|x| in_region(&x.region)) {
            row(x.id.as_str(), 2, named(&x.name, x.id.as_str()), Some(K::TransitGateway));
        }
        for x in d.customer_gateways.iter().filter(|x| in_region(&x.region)) {
            row(x.id.as_str(), 2, named(&x.name, x.id.as_str()), Some(K::CustomerGateway));
        }
        for x in d.elastic_ips.iter().filter(|x| in_region(&x.region)) {
            row(x.id.as_str(), 2, named(&x.name, x.id.as_str()), Some(K::ElasticIp));
        }
        for x in d.prefix_lists.iter().filter(|x| in_region(&x.region)) {
            row(x.id.as_str(), 2, named(&x.name, x.id.as_str()), Some(K::PrefixList));
        }
        for x in d.ecs_clusters.iter().filter(|x| in_region(&x.region)) {
            row(x.id.as_str(), 2, named(&x.name, x.id.as_str()), Some(K::EcsCluster));
        }
    }
    // What is not in a Region the outline shows.
    let listed: std::collections::HashSet<String> = out.iter().map(|r| r.key.clone()).collect();
    let rest: Vec<(String, ResourceKind, String)> = d
        .resources()
        .into_iter()
        .filter(|r| !listed.contains(r.id.as_str()))
        .map(|r| (r.id.to_string(), r.kind, named(r.name, r.id.as_str())))
        .collect();
    for (key, kind, title) in rest {
        out.push(Row { key, level: 1, title, kind: Some(kind) });
    }
    out
}

/// Height of one row, in CSS pixels (the list is virtual: only the rows in view are in the page).
const ROW: f64 = 24.0;

#[component]
pub fn Outline() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let rows = Memo::new(move |_| ed.design.with(rows));
    let focused = RwSignal::new(0usize);
    let scroll = RwSignal::new(0.0f64);
    let height = RwSignal::new(600.0f64);
    let box_ref = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = box_ref.get() {
            height.set(f64::from(el.client_height()).max(ROW));
        }
    });
    // The rows in view, and a few beyond.
    let window = move || {
        let n = rows.with(Vec::len);
        let first = ((scroll.get() / ROW).floor() as usize).saturating_sub(5).min(n);
        let last = (first + (height.get() / ROW).ceil() as usize + 10).min(n);
        (first, last)
    };
    let shown = move || {
        let (first, last) = window();
        rows.with(|r| r[first..last].iter().cloned().enumerate().map(|(k, row)| (first + k, row)).collect::<Vec<_>>())
    };
    // Scrolls row `i` into view, then focuses it once it is drawn.
    let focus_row = move |i: usize| {
        focused.set(i);
        let Some(el) = box_ref.get_untracked() else { return };
        let top = i as f64 * ROW;
        let view_h = f64::from(el.client_height());
        let current = f64::from(el.scroll_top());
        if top < current {
            el.set_scroll_top(top as i32);
        } else if top + ROW > current + view_h {
            el.set_scroll_top((top + ROW - view_h) as i32);
        }
        scroll.set(f64::from(el.scroll_top()));
        request_animation_frame(move || {
            if let Some(el) = box_ref.get_untracked()
                && let Ok(Some(row)) = el.query_selector(&format!("[data-row='{i}']"))
            {
                use wasm_bindgen::JsCast;
                if let Ok(row) = row.dyn_into::<web_sys::HtmlElement>() {
                    let _ = row.focus();
                }
            }
        });
    };
    // A selection made elsewhere scrolls its row into view (without taking the focus).
    Effect::new(move |_| {
        let Some(key) = ed.selection.with(|s| s.first().cloned()) else { return };
        let Some(i) = rows.with_untracked(|r| r.iter().position(|x| x.key == key)) else { return };
        focused.set(i);
        if let Some(el) = box_ref.get_untracked() {
            let top = i as f64 * ROW;
            let view_h = f64::from(el.client_height());
            let current = f64::from(el.scroll_top());
            if top < current || top + ROW > current + view_h {
                el.set_scroll_top((top - view_h / 2.0).max(0.0) as i32);
                scroll.set(f64::from(el.scroll_top()));
            }
        }
    });
    let on_key = move |e: leptos::ev::KeyboardEvent| {
        let n = rows.with_untracked(Vec::len);
        if n == 0 {
            return;
        }
        let i = focused.get_untracked().min(n - 1);
        let select = |i: usize| {
            if let Some(r) = rows.with_untracked(|r| r.get(i).cloned()) {
                ed.select(&r.key, false);
                ed.reveal.set(Some(r.key.clone()));
            }
        };
        let page = ((height.get_untracked() / ROW) as usize).max(1);
        match e.key().as_str() {
            "ArrowDown" => {
                e.prevent_default();
                focus_row((i + 1).min(n - 1));
            }
            "ArrowUp" => {
                e.prevent_default();
                focus_row(i.saturating_sub(1));
            }
            "PageDown" => {
                e.prevent_default();
                focus_row((i + page).min(n - 1));
            }
            "PageUp" => {
                e.prevent_default();
                focus_row(i.saturating_sub(page));
            }
            "Home" => {
                e.prevent_default();
                focus_row(0);
            }
            "End" => {
                e.prevent_default();
                focus_row(n - 1);
            }
            "Enter" | " " => {
                e.prevent_default();
                select(i);
            }
            _ => {}
        }
    };
    view! {
        <section class="outline" aria-label=move || ed.lang.get().pick("Outline", "개요")>
            <h2>{move || ed.lang.get().pick("Outline", "개요")}</h2>
            <div
                class="outline-scroll"
                node_ref=box_ref
                on:scroll=move |_| {
                    if let Some(el) = box_ref.get_untracked() {
                        scroll.set(f64::from(el.scroll_top()));
                    }
                }
            >
                <ul
                    role="tree"
                    data-testid="outline"
                    on:keydown=on_key
                    style=move || {
                        let n = rows.with(Vec::len) as f64;
                        let (first, _) = window();
                        format!("height: {}px; padding-top: {}px", n * ROW, first as f64 * ROW)
                    }
                >
                    <For each=shown key=|(i, r)| format!("{i}|{}|{}|{}", r.key, r.level, r.title) let:entry>
                        {
                            let (i, row) = entry;
                            let key = row.key.clone();
                            let key2 = row.key.clone();
                            let kind = row.kind;
                            let selected = Memo::new(move |_| ed.selection.with(|s| s.contains(&key)));
                            view! {
                                <li
                                    role="treeitem"
                                    data-testid="outline-row"
                                    data-id=row.key.clone()
                                    data-row=i
                                    attr:aria-level=row.level
                                    aria-selected=move || selected.get().to_string()
                                    class:selected=move || selected.get()
                                    tabindex=move || if focused.get() == i { "0" } else { "-1" }
                                    style=format!("padding-left: {}px", 8 + (row.level.saturating_sub(1)) * 14)
                                    on:focus=move |_| focused.set(i)
                                    on:click=move |e| {
                                        focused.set(i);
                                        ed.select(&key2, e.shift_key());
                                        ed.reveal.set(Some(key2.clone()));
                                    }
                                >
                                    <span class="row-kind">
                                        {move || match kind {
                                            Some(k) => ed.lang.get().kind(k),
                                            None => ed.lang.get().pick("Availability Zone", "가용 영역"),
                                        }}
                                    </span>
                                    <span class="row-title">{row.title.clone()}</span>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_task_on_a_container_instance_is_listed_under_the_instance_s_subnet() {
        let mut d = vpcanvas_core::testing::sample();
        let task = serde_json::json!({
            "id": "task-bridge", "cluster": "ecs-demo", "task_definition": "web:1", "launch_type": "ec2",
            "container_instance": "i-web-a"
        });
        d.ecs_tasks.push(serde_json::from_value(task).unwrap());
        let rows = rows(&d);
        let at = |key: &str| rows.iter().position(|r| r.key == key).unwrap();
        let task = &rows[at("task-bridge")];
        assert_eq!(task.level, 5);
        // After the instance's subnet, before the next subnet.
        assert!(at("subnet-private-a") < at("task-bridge") && at("task-bridge") < at("subnet-public-c"));
        assert_eq!(rows.iter().filter(|r| r.key == "task-bridge").count(), 1);
    }
}
