//! Two more panels of the analysis: what the internet can reach (coloured on the diagram, with ports) with a
//! reachability matrix between subnets or security groups; and failure mode, where zones, NAT gateways, instances
//! and VPN or Direct Connect links are failed by clicking them, the diagram greys out what is down and the panel
//! lists what broke. They read [`Reach`] from context; core computes both, this module shows them.

use leptos::prelude::*;
use vpcanvas_core::sim::{Cell, Exposed, GroupBy, IntentResult};
use vpcanvas_core::text::Text;

use crate::analysis_state::{Failure, MATRIX_LIMIT, Reach};
use crate::editor::{Drawing, Editor};
use crate::i18n::Lang;

/// One to ten TCP ports for the matrix, separated by commas or spaces.
fn read_ports(text: &str) -> Result<Vec<u16>, Text> {
    let ports: Result<Vec<u16>, _> =
        text.split(|c: char| c == ',' || c.is_whitespace()).filter(|p| !p.is_empty()).map(str::parse::<u16>).collect();
    match ports {
        Ok(p) if (1..=10).contains(&p.len()) && !p.contains(&0) => Ok(p),
        _ => Err(Text::new(
            "Ports: one to ten TCP ports from 1 to 65535, separated by commas.",
            "포트: 1에서 65535 사이의 TCP 포트 1~10개를 쉼표로 구분하세요.",
        )),
    }
}

fn ports_text(ports: &[u16]) -> String {
    ports.iter().map(u16::to_string).collect::<Vec<_>>().join(", ")
}

fn ranges(exposed: &Exposed) -> String {
    let mut parts: Vec<String> = exposed.tcp.iter().map(|r| format!("tcp {r}")).collect();
    parts.extend(exposed.udp.iter().map(|r| format!("udp {r}")));
    if exposed.icmp {
        parts.push("icmp".into());
    }
    parts.join(", ")
}

#[component]
pub fn ExposurePanel() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let r = expect_context::<Reach>();
    let list = move || {
        let lang = ed.lang.get();
        let exposed = r.exposed.get();
        if exposed.is_empty() {
            return view! { <p class="hint" data-testid="exposed-none">{lang.pick("Nothing in the design can be reached from the internet.", "인터넷에서 도달할 수 있는 것이 없습니다.")}</p> }.into_any();
        }
        view! {
            <ul class="problems">
                {exposed
                    .into_iter()
                    .map(|x| {
                        let id = x.id.to_string();
                        let id2 = id.clone();
                        view! {
                            <li class="problem warning" data-testid="exposed" data-id=id.clone()>
                                <button
                                    class="problem-text"
                                    on:click=move |_| {
                                        ed.selection.set(vec![id2.clone()]);
                                        ed.reveal.set(Some(id2.clone()));
                                    }
                                >
                                    <strong>{format!("{id} · {}", x.public_ip)}</strong>
                                    <span data-testid="exposed-ports">{ranges(&x)}</span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    let grid = move || {
        let lang = ed.lang.get();
        if !r.matrix_open.get() {
            return ().into_any();
        }
        match r.matrix.get() {
            Err(n) => view! {
                <p class="hint" data-testid="matrix-too-big">
                    {match lang {
                        Lang::En => format!("{n} groups: the matrix is drawn for up to {MATRIX_LIMIT}. Use vpcanvas exposure or trace for a design this large."),
                        Lang::Ko => format!("그룹 {n}개: 행렬은 {MATRIX_LIMIT}개까지 그립니다. 이렇게 큰 설계는 vpcanvas exposure나 trace를 쓰세요."),
                    }}
                </p>
            }
            .into_any(),
            Ok(cells) => {
                let names = ed.design.with(|d| {
                    d.subnets
                        .iter()
                        .map(|x| (x.id.to_string(), x.name.clone()))
                        .chain(d.security_groups.iter().map(|g| (g.id.to_string(), g.name.clone())))
                        .filter(|(_, n)| !n.is_empty())
                        .collect::<std::collections::BTreeMap<String, String>>()
                });
                matrix_table(cells, r.ports.get(), &names, lang).into_any()
            }
        }
    };
    view! {
        <section class="analysis" data-testid="exposure">
            <label class="check">
                <input type="checkbox" data-testid="exposure-toggle" prop:checked=move || r.exposure_on.get() on:change=move |e| r.exposure_on.set(event_target_checked(&e)) />
                {move || ed.lang.get().pick("Colour what the internet can reach", "인터넷에서 도달 가능한 것 색칠")}
            </label>
            <h3>{move || ed.lang.get().pick("Reachable from the internet", "인터넷에서 도달 가능")}</h3>
            {list}
            <h3>{move || ed.lang.get().pick("Reachability matrix", "도달 가능성 행렬")}</h3>
            <div class="end-row">
                <select
                    data-testid="matrix-by"
                    on:change=move |e| r.group_by.set(if event_target_value(&e) == "sg" { GroupBy::SecurityGroup } else { GroupBy::Subnet })
                >
                    <option value="subnet">{move || ed.lang.get().pick("between subnets", "서브넷 사이")}</option>
                    <option value="sg">{move || ed.lang.get().pick("between security groups", "보안 그룹 사이")}</option>
                </select>
                <input
                    data-testid="matrix-ports"
                    title="TCP ports"
                    prop:value=move || ports_text(&r.ports.get())
                    on:change=move |e| match read_ports(&event_target_value(&e)) {
                        Ok(p) => r.ports.set(p),
                        Err(t) => ed.say_error(t),
                    }
                />
                <button class="small" data-testid="matrix-show" on:click=move |_| r.matrix_open.update(|o| *o = !*o)>
                    {move || if r.matrix_open.get() { ed.lang.get().pick("Hide", "숨기기") } else { ed.lang.get().pick("Show", "보기") }}
                </button>
            </div>
            {grid}
        </section>
    }
}

fn matrix_table(
    cells: Vec<Cell>,
    ports: Vec<u16>,
    names: &std::collections::BTreeMap<String, String>,
    lang: Lang,
) -> impl IntoView {
    let name = |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_owned());
    let mut groups: Vec<String> = Vec::new();
    for c in &cells {
        if !groups.contains(&c.from.to_string()) {
            groups.push(c.from.to_string());
        }
    }
    let cell = |from: &str, to: &str| -> (String, &'static str) {
        let here: Vec<&Cell> = cells.iter().filter(|c| c.from.as_str() == from && c.to.as_str() == to).collect();
        if here.iter().all(|c| c.reachable.is_none()) {
            return ("–".into(), "none");
        }
        let open: Vec<String> = here.iter().filter(|c| c.reachable == Some(true)).map(|c| c.port.to_string()).collect();
        if open.is_empty() {
            ("✗".into(), "closed")
        } else if open.len() == ports.len() {
            (lang.pick("all", "모두").into(), "open")
        } else {
            (open.join(","), "open")
        }
    };
    let head = groups.iter().map(|g| view! { <th title=g.clone()>{name(g)}</th> }).collect_view();
    let rows = groups
        .iter()
        .map(|from| {
            let tds = groups
                .iter()
                .map(|to| {
                    let (text, class) = cell(from, to);
                    view! { <td class=class data-testid="matrix-cell" data-from=from.clone() data-to=to.clone()>{text}</td> }
                })
                .collect_view();
            view! {
                <tr>
                    <th title=from.clone()>{name(from)}</th>
                    {tds}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="matrix-wrap">
            <table class="matrix" data-testid="matrix">
                <thead>
                    <tr>
                        <th>{lang.pick("from ↓ to →", "출발 ↓ 도착 →")}</th>
                        {head}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <p class="hint">
            {lang.pick("Each cell: the TCP ports on which the first workload of the row's group reaches the first of the column's, and gets the reply. –: a group with no workload.", "각 칸: 행 그룹의 첫 워크로드가 열 그룹의 첫 워크로드에 도달하고 응답도 받는 TCP 포트. –: 워크로드가 없는 그룹.")}
        </p>
    }
}

#[component]
pub fn FailurePanel() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let r = expect_context::<Reach>();
    let candidates = move || {
        let lang = ed.lang.get();
        let failed = r.failed.get();
        ed.design.with(|d| {
            let mut zones: Vec<String> = d.subnets.iter().map(|s| s.availability_zone.clone()).collect();
            zones.sort();
            zones.dedup();
            let mut items: Vec<(String, String)> =
                zones.into_iter().map(|z| (z.clone(), format!("{} {z}", lang.pick("zone", "영역")))).collect();
            items.extend(d.nat_gateways.iter().map(|n| (n.id.to_string(), format!("NAT {}", n.id))));
            items.extend(d.vpn_connections.iter().map(|v| (v.id.to_string(), format!("VPN {}", v.id))));
            items.extend(d.virtual_interfaces.iter().map(|v| (v.id.to_string(), format!("DX {}", v.id))));
            items.extend(d.instances.iter().take(50).map(|i| (i.id.to_string(), format!("EC2 {}", i.id))));
            items
                .into_iter()
                .map(|(name, label)| {
                    let on = failed.contains(&name);
                    let n2 = name.clone();
                    view! {
                        <label class="check" data-testid="fail-option" data-id=name.clone()>
                            <input
                                type="checkbox"
                                prop:checked=on
                                on:change=move |e| {
                                    let on = event_target_checked(&e);
                                    r.failed.update(|f| {
                                        f.retain(|x| *x != n2);
                                        if on {
                                            f.push(n2.clone());
                                        }
                                    });
                                }
                            />
                            {label}
                        </label>
                    }
                })
                .collect_view()
        })
    };
    let report = move || {
        let lang = ed.lang.get();
        match r.failure.get() {
            None => view! { <p class="hint">{lang.pick("Nothing has failed. Tick what fails, or press “Fail by clicking” and click zones, NAT gateways, instances or VPN and Direct Connect links on the diagram.", "장애가 없습니다. 장애를 낼 항목을 고르거나 “클릭으로 장애”를 누르고 다이어그램에서 영역, NAT 게이트웨이, 인스턴스, VPN·Direct Connect 연결을 클릭하세요.")}</p> }.into_any(),
            Some(Err(t)) => view! { <p class="field-problem" role="status">{lang.text(&t)}</p> }.into_any(),
            Some(Ok(f)) => failure_view(f, lang).into_any(),
        }
    };
    view! {
        <section class="analysis" data-testid="failure">
            <div class="end-row">
                <button
                    class="small"
                    data-testid="fail-by-click"
                    class:active=move || ed.picking.get() == Some("fail")
                    on:click=move |_| ed.picking.set(if ed.picking.get_untracked() == Some("fail") { None } else { Some("fail") })
                >
                    {move || ed.lang.get().pick("Fail by clicking", "클릭으로 장애")}
                </button>
                <button class="small" data-testid="fail-clear" on:click=move |_| r.failed.set(Vec::new())>
                    {move || ed.lang.get().pick("Everything runs", "모두 복구")}
                </button>
            </div>
            <div class="fail-options">{candidates}</div>
            {report}
        </section>
    }
}

fn failure_view(f: Failure, lang: Lang) -> impl IntoView {
    let findings: Vec<_> = f.impact.broken.iter().filter(|b| !b.endpoint_down).cloned().collect();
    let expected: Vec<_> = f.impact.broken.iter().filter(|b| b.endpoint_down).cloned().collect();
    let flow_row = move |b: vpcanvas_core::sim::Broken, class: &'static str| {
        let t = b.answer.reply.as_ref().filter(|_| b.answer.forward.disposition.arrived()).unwrap_or(&b.answer.forward);
        let stop = t.blocked.as_ref().map(|x| x.id.clone()).unwrap_or_default();
        view! {
            <li class=format!("problem {class}") data-testid="broken-flow">
                <div class="problem-text">
                    <strong>{format!("{} -> {} {}/{}", b.flow.from, b.flow.to, b.flow.protocol, b.flow.port)}</strong>
                    <span>{lang.text(&t.explanation)}</span>
                    {(!stop.is_empty()).then(|| view! { <code>{stop}</code> })}
                </div>
            </li>
        }
    };
    let broken_checks: Vec<IntentResult> = f.intents.iter().filter(|i| !i.passed).cloned().collect();
    view! {
        <p class="verdict" class:ok=findings.is_empty() data-testid="failure-verdict" data-broken=findings.len().to_string()>
            {if findings.is_empty() {
                lang.pick("Every flow between running workloads survives.", "실행 중인 워크로드 사이의 모든 흐름이 유지됩니다.").to_owned()
            } else {
                match lang {
                    Lang::En => format!("{} flow(s) between running workloads break.", findings.len()),
                    Lang::Ko => format!("실행 중인 워크로드 사이의 흐름 {}개가 끊깁니다.", findings.len()),
                }
            }}
        </p>
        <p class="hint">{lang.text(&f.impact.failure)}{format!(" · {} {}", f.impact.flows_checked, lang.pick("flows checked", "개 흐름 확인"))}</p>
        {(!findings.is_empty()).then(|| view! {
            <h3>{lang.pick("Broken although both ends run", "양 끝이 실행 중인데 끊김")}</h3>
            <ul class="problems">{findings.into_iter().map(|b| flow_row(b, "error")).collect_view()}</ul>
        })}
        {(!broken_checks.is_empty()).then(|| view! {
            <h3>{lang.pick("Intent checks that fail", "실패하는 의도 확인")}</h3>
            <ul class="problems">
                {broken_checks.into_iter().map(|i| view! { <li class="problem error" data-testid="failure-check"><div class="problem-text"><strong>{i.name.clone()}</strong><span>{lang.text(&i.message)}</span></div></li> }).collect_view()}
            </ul>
        })}
        {(!f.impact.replacements.is_empty()).then(|| view! {
            <h3>{lang.pick("ECS re-placed", "ECS 재배치")}</h3>
            <ul class="problems">
                {f.impact.replacements.iter().map(|x| view! {
                    <li class="problem info" data-testid="replacement">
                        {format!("{} {} -> {} ({}{})", x.service, x.task, x.replacement, x.zone, x.subnet.as_ref().map(|s| format!(", {s}")).unwrap_or_default())}
                    </li>
                }).collect_view()}
            </ul>
        })}
        {(!f.impact.unplaced.is_empty()).then(|| view! {
            <ul class="problems">
                {f.impact.unplaced.iter().map(|u| view! { <li class="problem warning">{format!("{}: {}", u.service, lang.text(&u.reason))}</li> }).collect_view()}
            </ul>
        })}
        {(!expected.is_empty()).then(|| view! {
            <h3>{lang.pick("Lost with what is down (expected)", "중단된 것과 함께 끊김(예상됨)")}</h3>
            <ul class="problems">{expected.into_iter().map(|b| flow_row(b, "info")).collect_view()}</ul>
        })}
    }
}

/// Shapes that are down under the failure, and exposed shapes with their ports, drawn over the diagram (a child of
/// the canvas).
#[component]
pub fn ReachOverlay() -> impl IntoView {
    let r = expect_context::<Reach>();
    let Drawing { scene, visible } = expect_context::<Drawing>();
    let down = move || {
        let Some(Ok(f)) = r.failure.get() else { return Vec::new() };
        let vis = visible.get();
        scene.with(|s| {
            let zone_down = |key: &str| key.rsplit_once('/').is_some_and(|(_, z)| f.zones.iter().any(|x| x == z));
            s.boxes
                .iter()
                .filter(|b| zone_down(&b.key))
                .map(|b| (b.key.clone(), b.rect.clone(), true))
                .chain(
                    s.icons
                        .iter()
                        .filter(|i| f.impact.down.contains(&i.key) || f.named.contains(&i.key))
                        .map(|i| (i.key.clone(), i.rect.clone(), false)),
                )
                .filter(|(_, rect, _)| vis.as_ref().is_none_or(|v| v.overlaps(rect)))
                .collect::<Vec<_>>()
        })
    };
    // Where ECS started replacements: a tag on each subnet that got some.
    let placed = move || {
        let Some(Ok(f)) = r.failure.get() else { return Vec::new() };
        let mut by: std::collections::BTreeMap<String, usize> = Default::default();
        for x in &f.impact.replacements {
            if let Some(s) = &x.subnet {
                *by.entry(s.to_string()).or_default() += 1;
            }
        }
        scene.with(|s| {
            by.into_iter()
                .filter_map(|(k, n)| s.boxes.iter().find(|b| b.key == k).map(|b| (k, b.rect.clone(), n)))
                .collect::<Vec<_>>()
        })
    };
    let exposed = move || {
        if !r.exposure_on.get() {
            return Vec::new();
        }
        let list = r.exposed.get();
        scene.with(|s| {
            list.iter()
                .filter_map(|x| {
                    let icon = s.icons.iter().find(|i| i.key == x.id.as_str())?;
                    Some((x.id.to_string(), icon.rect.clone(), ranges(x)))
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <g class="layer-reach">
            <For each=down key=|(k, r, b)| format!("{k}|{}|{}|{}|{b}", r.x, r.y, r.w) let:d>
                {
                    let (key, rect, is_box) = d;
                    view! {
                        <g class="down" data-testid="down" data-id=key>
                            <rect x=rect.x y=rect.y width=rect.w height=rect.h rx=if is_box { "6" } else { "8" } />
                            {(!is_box).then(|| view! { <line x1=rect.x y1=rect.y x2=rect.x + rect.w y2=rect.y + rect.h /> })}
                            {is_box.then(|| view! { <text x=rect.x + rect.w / 2.0 y=rect.y + 28.0 text-anchor="middle">"DOWN"</text> })}
                        </g>
                    }
                }
            </For>
            <For each=placed key=|(k, r, n)| format!("{k}|{}|{}|{n}", r.x, r.y) let:p>
                {
                    let (key, rect, n) = p;
                    let lang = expect_context::<Editor>().lang.get_untracked();
                    let text = match lang {
                        Lang::En => format!("+{n} ECS task(s) re-placed"),
                        Lang::Ko => format!("ECS 태스크 {n}개 재배치"),
                    };
                    view! {
                        <g class="replaced" data-testid="replaced" data-id=key>
                            <rect x=rect.x + rect.w - 176.0 y=rect.y + 6.0 width="168" height="20" rx="10" />
                            <text x=rect.x + rect.w - 92.0 y=rect.y + 20.0 text-anchor="middle">{text}</text>
                        </g>
                    }
                }
            </For>
            <For each=exposed key=|(k, r, p)| format!("{k}|{}|{}|{p}", r.x, r.y) let:x>
                {
                    let (key, rect, ports) = x;
                    view! {
                        <g class="exposed" data-testid="exposed-mark" data-id=key>
                            <circle cx=rect.x + rect.w / 2.0 cy=rect.y + rect.h / 2.0 r=rect.w * 0.75 />
                            <text x=rect.x + rect.w / 2.0 y=rect.y - 10.0 text-anchor="middle">{ports}</text>
                        </g>
                    }
                }
            </For>
        </g>
    }
}
