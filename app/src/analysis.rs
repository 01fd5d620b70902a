//! The analysis panels beside the diagram: the problems panel (every diagnostic and failing intent check,
//! recomputed on each edit, with fixes), the traffic panel (a trace between two endpoints picked on the canvas or in
//! lists, the hops, the reply, "keep as a check"), the checks panel, and the overlay that draws badges and the
//! traced path over the diagram. They read [`Analysis`] from context; core decides everything.

use leptos::prelude::*;
use vpcanvas_core::check::{Diagnostic, Severity};
use vpcanvas_core::doc::{Design, Expectation, Intent};
use vpcanvas_core::edit::{Edit, from_fix};
use vpcanvas_core::net::Protocol;
use vpcanvas_core::sim::{IntentResult, Trace, source_takes_address};
use vpcanvas_core::text::Text;

use crate::analysis_state::{Analysis, Report, Tab, TrafficChoice};
use crate::editor::{Drawing, Editor};
use crate::i18n::Lang;
use crate::scene::{Rect, Scene};

fn severity_words(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::Error => lang.pick("Errors", "오류"),
        Severity::Warning => lang.pick("Warnings", "경고"),
        Severity::Info => lang.pick("Notes", "참고"),
    }
}

/// Selects the given resources and brings the first into view.
fn show(ed: Editor, ids: Vec<String>) {
    let ids: Vec<String> = ed.design.with_untracked(|d| ids.into_iter().filter(|k| d.find(k).is_some()).collect());
    if let Some(first) = ids.first() {
        ed.reveal.set(Some(first.clone()));
    }
    ed.selection.set(ids);
}

/// Every problem: failing intent checks first, then diagnostics by severity, each group by resource.
/// How many findings of one severity are listed before "show all".
const LONG: usize = 100;

#[component]
pub fn ProblemsPanel() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let a = expect_context::<Analysis>();
    let show_all = RwSignal::new(false);
    move || {
        let lang = ed.lang.get();
        let r = a.report.get();
        let failing: Vec<IntentResult> = r.intents.iter().filter(|i| !i.passed).cloned().collect();
        let total = r.diagnostics.len() + failing.len();
        let checks = (!failing.is_empty()).then(|| {
            view! {
                <h3>{lang.pick("Failing intent checks", "실패한 의도 확인")}</h3>
                <ul class="problems">
                    {failing
                        .into_iter()
                        .map(|i| {
                            let ids = intent_ends(&i);
                            view! {
                                <li class="problem error" data-testid="problem" data-code="intent">
                                    <button class="problem-text" on:click=move |_| show(ed, ids.clone())>
                                        <strong>{i.name.clone()}</strong>
                                        <span>{lang.text(&i.message)}</span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
        });
        let groups = [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .filter_map(|s| {
                let mut items: Vec<Diagnostic> = r.diagnostics.iter().filter(|d| d.severity == s).cloned().collect();
                if items.is_empty() {
                    return None;
                }
                // By resource, so a resource's problems sit together.
                items.sort_by(|x, y| x.resources.first().cmp(&y.resources.first()));
                let n = items.len();
                // A long list is shown a part at a time: the panel is drawn again on every edit.
                let shown = if show_all.get() { n } else { n.min(LONG) };
                let more = (shown < n).then(|| {
                    view! {
                        <button class="small" data-testid="problems-more" on:click=move |_| show_all.set(true)>
                            {match lang {
                                Lang::En => format!("Show all {n}"),
                                Lang::Ko => format!("{n}개 모두 보기"),
                            }}
                        </button>
                    }
                });
                Some(view! {
                    <h3 data-testid="problem-group">{format!("{} ({n})", severity_words(s, lang))}</h3>
                    <ul class="problems">{items.into_iter().take(shown).map(|d| problem_row(ed, d, lang)).collect_view()}</ul>
                    {more}
                })
            })
            .collect_view();
        view! {
            <section class="analysis" data-testid="problems" aria-label=lang.pick("Problems", "문제")>
                <p class="hint" data-testid="analysis-time" data-ms=format!("{:.3}", r.millis)>
                    {if total == 0 {
                        lang.pick("No problems: the design is valid and every check passes.", "문제 없음: 설계가 유효하고 모든 확인을 통과합니다.").to_owned()
                    } else {
                        match lang {
                            Lang::En => format!("{total} finding(s), updated as you edit."),
                            Lang::Ko => format!("{total}개 발견, 편집할 때마다 갱신됩니다."),
                        }
                    }}
                </p>
                {checks}
                {groups}
            </section>
        }
    }
}

fn problem_row(ed: Editor, d: Diagnostic, lang: Lang) -> impl IntoView {
    let ids: Vec<String> = d.resources.iter().map(|r| r.to_string()).collect();
    let ids2 = ids.clone();
    let fix = d.fix.clone().map(|fix| {
        let title = lang.text(&fix.title);
        view! {
            <button
                class="small"
                data-testid="problem-fix"
                on:click=move |_| {
                    match ed.design.with_untracked(|d| from_fix(d, &fix)) {
                        Ok(edit) => {
                            ed.commit(edit);
                        }
                        Err(t) => ed.say_error(t.text()),
                    }
                }
            >
                {format!("{} {title}", lang.pick("Fix:", "수정:"))}
            </button>
        }
    });
    view! {
        <li class=format!("problem {}", d.severity.label()) data-testid="problem" data-code=d.code>
            <button class="problem-text" on:click=move |_| show(ed, ids.clone())>
                <strong>{ids2.join(", ")}</strong>
                <span>{lang.text(&d.message)}</span>
                <code>{d.code}</code>
            </button>
            {fix}
            <a class="docs" href=d.docs target="_blank" rel="noopener noreferrer">{lang.pick("AWS docs", "AWS 문서")}</a>
        </li>
    }
}

/// The resources an intent names (its ends that are resources).
fn intent_ends(i: &IntentResult) -> Vec<String> {
    let Some(a) = &i.answer else { return Vec::new() };
    let mut out: Vec<String> = Vec::new();
    for node in [a.forward.hops.first(), a.forward.hops.last()].into_iter().flatten() {
        if !out.contains(&node.node) {
            out.push(node.node.clone());
        }
    }
    out
}

/// The presets of the traffic panel: key, label, protocol, port.
const PRESETS: [(&str, &str, Protocol, u16); 6] = [
    ("ssh", "SSH (TCP 22)", Protocol::TCP, 22),
    ("http", "HTTP (TCP 80)", Protocol::TCP, 80),
    ("https", "HTTPS (TCP 443)", Protocol::TCP, 443),
    ("mysql", "MySQL/Aurora (TCP 3306)", Protocol::TCP, 3306),
    ("postgres", "PostgreSQL (TCP 5432)", Protocol::TCP, 5432),
    ("any", "any (all traffic)", Protocol::All, 0),
];

/// Choices of a list: value and label.
type Choices = Vec<(String, String)>;

/// The endpoints a flow may start from and go to.
fn ends(d: &Design, lang: Lang) -> (Choices, Choices) {
    let label = |id: &vpcanvas_core::doc::Id, name: &str, what: &str| {
        if name.is_empty() { format!("{id} · {what}") } else { format!("{name} ({id}) · {what}") }
    };
    let mut workloads: Choices = Vec::new();
    workloads.extend(d.instances.iter().map(|i| (i.id.to_string(), label(&i.id, &i.name, "EC2"))));
    workloads.extend(d.ecs_tasks.iter().map(|t| (t.id.to_string(), label(&t.id, &t.name, "ECS"))));
    workloads.extend(d.network_interfaces.iter().map(|n| (n.id.to_string(), label(&n.id, &n.name, "ENI"))));
    workloads.extend(d.load_balancers.iter().map(|l| (l.id.to_string(), label(&l.id, &l.name, "ELB"))));
    let internet = ("internet".to_owned(), lang.pick("the internet", "인터넷").to_owned());
    let onprem = (!d.on_premises.is_empty())
        .then(|| ("on-premises".to_owned(), lang.pick("on-premises", "온프레미스").to_owned()));
    let mut from = vec![internet.clone()];
    from.extend(onprem.clone());
    from.extend(workloads.iter().cloned());
    let mut to = vec![internet];
    to.extend(onprem);
    for svc in ["s3", "dynamodb"] {
        if vpcanvas_core::sim::service_address(d, svc).is_some() {
            to.push((svc.to_owned(), format!("Amazon {}", if svc == "s3" { "S3" } else { "DynamoDB" })));
        }
    }
    to.extend(workloads);
    to.extend(d.nat_gateways.iter().map(|n| (n.id.to_string(), label(&n.id, &n.name, "NAT"))));
    (from, to)
}

#[component]
pub fn TrafficPanel() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let a = expect_context::<Analysis>();
    let lang = ed.lang;
    let end_choice = move |which: &'static str| {
        let testid = if which == "from" { "traffic-from" } else { "traffic-to" };
        let pick_id = if which == "from" { "pick-from" } else { "pick-to" };
        move || {
            let l = lang.get();
            let (from, to) = ed.design.with(|d| ends(d, l));
            let options = if which == "from" { from } else { to };
            let f = a.traffic.get();
            let current = if which == "from" { f.from } else { f.to };
            // An address typed for the destination, or an end not in the list, is still shown.
            let known = options.iter().any(|(v, _)| *v == current);
            view! {
                <div class="field">
                    <span>{if which == "from" { l.pick("From", "출발") } else { l.pick("To", "도착") }}</span>
                    <div class="end-row">
                        <select
                            data-testid=testid
                            on:change=move |e| {
                                let v = event_target_value(&e);
                                a.traffic.update(|f| {
                                    if which == "from" {
                                        f.from = v;
                                        f.from_ip = None;
                                    } else {
                                        f.to = v;
                                    }
                                });
                            }
                        >
                            <option value="" selected=current.is_empty()>{l.pick("(choose)", "(선택)")}</option>
                            {(!known && !current.is_empty()).then(|| view! { <option value=current.clone() selected=true>{current.clone()}</option> })}
                            {options
                                .into_iter()
                                .map(|(v, label)| {
                                    let on = v == current;
                                    view! { <option value=v selected=on>{label}</option> }
                                })
                                .collect_view()}
                        </select>
                        <button
                            class="small"
                            data-testid=pick_id
                            class:active=move || ed.picking.get() == Some(which)
                            title=l.pick("Then click a resource on the canvas", "그다음 캔버스에서 리소스를 클릭")
                            on:click=move |_| ed.picking.set(if ed.picking.get_untracked() == Some(which) { None } else { Some(which) })
                        >
                            {l.pick("Pick", "선택")}
                        </button>
                    </div>
                </div>
            }
        }
    };
    let preset_value = move || {
        let f = a.traffic.get();
        PRESETS.iter().find(|(_, _, p, n)| *p == f.protocol && *n == f.port).map(|(k, ..)| *k).unwrap_or("custom")
    };
    view! {
        <section class="analysis" data-testid="traffic" aria-label=move || lang.get().pick("Traffic", "트래픽")>
            <p class="hint">
                {move || lang.get().pick("Can traffic get there, and back? Choose both ends (or pick them on the canvas) and a service.", "트래픽이 가고 돌아올 수 있을까요? 양 끝(캔버스에서 선택 가능)과 서비스를 고르세요.")}
            </p>
            {end_choice("from")}
            {end_choice("to")}
            {move || {
                let f = a.traffic.get();
                ed.design.with(|d| source_takes_address(d, &f.from))
                    .then(|| {
                        let l = lang.get();
                        view! {
                            <div class="field">
                                <span>{l.pick("Source address (empty: a typical one)", "출발 주소(비우면 대표 주소)")}</span>
                                <input
                                    data-testid="traffic-from-ip"
                                    placeholder=if f.from == "internet" { "8.8.8.8" } else { "192.168.0.10" }
                                    prop:value=f.from_ip.map(|ip| ip.to_string()).unwrap_or_default()
                                    on:change=move |e| match vpcanvas_core::edit::fields::read_optional_ip(&event_target_value(&e)) {
                                        Ok(ip) => a.traffic.update(|f| f.from_ip = ip),
                                        Err(t) => ed.say_error(t.text()),
                                    }
                                />
                            </div>
                        }
                    })
            }}
            {move || {
                let l = lang.get();
                view! {
                    <div class="field">
                        <span>{l.pick("To an IP address instead", "또는 IP 주소로")}</span>
                        <input
                            data-testid="traffic-to-ip"
                            placeholder="10.0.1.10"
                            on:change=move |e| {
                                let v = event_target_value(&e).trim().to_owned();
                                if !v.is_empty() {
                                    a.traffic.update(|f| f.to = v);
                                }
                            }
                        />
                    </div>
                }
            }}
            <label class="field">
                <span>{move || lang.get().pick("Service", "서비스")}</span>
                <select
                    data-testid="traffic-preset"
                    prop:value=preset_value
                    on:change=move |e| {
                        let v = event_target_value(&e);
                        if let Some((_, _, p, n)) = PRESETS.iter().find(|(k, ..)| *k == v) {
                            a.traffic.update(|f| {
                                f.protocol = *p;
                                f.port = *n;
                            });
                        }
                    }
                >
                    {PRESETS.iter().map(|(k, label, ..)| view! { <option value=*k>{*label}</option> }).collect_view()}
                    <option value="custom">{move || lang.get().pick("other port…", "다른 포트…")}</option>
                </select>
            </label>
            {move || {
                (preset_value() == "custom")
                    .then(|| {
                        let l = lang.get();
                        view! {
                            <div class="field">
                                <span>{l.pick("Protocol and port", "프로토콜과 포트")}</span>
                                <div class="end-row">
                                    <select
                                        data-testid="traffic-protocol"
                                        prop:value=move || if a.traffic.get().protocol == Protocol::UDP { "udp" } else { "tcp" }
                                        on:change=move |e| {
                                            let p = if event_target_value(&e) == "udp" { Protocol::UDP } else { Protocol::TCP };
                                            a.traffic.update(|f| f.protocol = p);
                                        }
                                    >
                                        <option value="tcp">"TCP"</option>
                                        <option value="udp">"UDP"</option>
                                    </select>
                                    <input
                                        type="number"
                                        min="1"
                                        max="65535"
                                        data-testid="traffic-port"
                                        prop:value=move || a.traffic.get().port.to_string()
                                        on:change=move |e| {
                                            match event_target_value(&e).trim().parse::<u16>() {
                                                Ok(n) if n > 0 => a.traffic.update(|f| f.port = n),
                                                _ => ed.say_error(Text::new("A port is from 1 to 65535.", "포트는 1에서 65535 사이입니다.")),
                                            }
                                        }
                                    />
                                </div>
                            </div>
                        }
                    })
            }}
            {move || answer_view(ed, a)}
        </section>
    }
}

fn answer_view(ed: Editor, a: Analysis) -> AnyView {
    let lang = ed.lang.get();
    match a.answer.get() {
        None => ().into_any(),
        Some(Err(why)) => {
            view! { <p class="field-problem" data-testid="traffic-problem" role="status">{lang.text(&why)}</p> }
                .into_any()
        }
        Some(Ok(answer)) => {
            let verdict = if answer.reachable {
                lang.pick("Reachable, and the reply comes back.", "도달하며 응답도 돌아옵니다.")
            } else if answer.forward.disposition.arrived() {
                lang.pick(
                    "Not reachable: the request arrives, but the reply is dropped.",
                    "도달 불가: 요청은 도착하지만 응답이 버려집니다.",
                )
            } else {
                lang.pick("Not reachable.", "도달 불가.")
            };
            let save = save_check(ed, a, answer.reachable);
            view! {
                <div class="verdict" class:ok=answer.reachable data-testid="traffic-verdict" data-reachable=answer.reachable.to_string()>
                    {verdict}
                </div>
                {trace_view(&answer.forward, lang.pick("Request", "요청"), "trace-forward", lang)}
                {answer.reply.as_ref().map(|r| trace_view(r, lang.pick("Reply", "응답"), "trace-reply", lang))}
                {save}
            }
            .into_any()
        }
    }
}

/// A disposition as Batfish and the CLI write it (`NEIGHBOR_UNREACHABLE`).
fn disposition_text(d: vpcanvas_core::sim::Disposition) -> String {
    serde_json::to_value(d).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_else(|| format!("{d:?}"))
}

fn trace_view(t: &Trace, title: &'static str, testid: &'static str, lang: Lang) -> impl IntoView {
    let ok = t.disposition.arrived();
    let blocked = t.blocked.as_ref().map(|b| {
        let rule = b.rule.clone().map(|r| format!(" · {r}")).unwrap_or_default();
        view! { <p class="blocked" data-testid="blocked-by">{format!("{} {} ({}){rule} · {}", lang.pick("Stopped at", "막힌 곳:"), b.id, b.kind, b.code)}</p> }
    });
    view! {
        <div class="trace" data-testid=testid data-disposition=format!("{:?}", t.disposition)>
            <h3>{format!("{title}: {}", disposition_text(t.disposition))}</h3>
            <ol class="hops">
                {t.hops
                    .iter()
                    .map(|h| {
                        view! {
                            <li>
                                <strong>{h.node.clone()}</strong>
                                " "
                                <span class="muted">{h.kind.as_str()}</span>
                                <ul>{h.steps.iter().map(|s| view! { <li>{lang.text(&s.describe())}</li> }).collect_view()}</ul>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            {blocked}
            <p class=if ok { "explanation" } else { "explanation bad" } data-testid="explanation">{lang.text(&t.explanation)}</p>
        </div>
    }
}

/// "Save as a check": the traced flow as a named intent, expected as it is now (or the other way).
fn save_check(ed: Editor, a: Analysis, reachable: bool) -> impl IntoView {
    let lang = ed.lang.get_untracked();
    let name = RwSignal::new(String::new());
    let expect = RwSignal::new(if reachable { "reachable" } else { "unreachable" }.to_owned());
    let add = move |_| {
        let f = a.traffic.get_untracked();
        let n = name.get_untracked().trim().to_owned();
        let intent = Intent {
            name: if n.is_empty() {
                format!(
                    "{} -> {} {}{}",
                    f.from,
                    f.to,
                    f.protocol,
                    if f.port == 0 { String::new() } else { format!("/{}", f.port) }
                )
            } else {
                n
            },
            from: f.from,
            from_ip: f.from_ip,
            to: f.to,
            protocol: f.protocol,
            port: f.port,
            expect: if expect.get_untracked() == "unreachable" {
                Expectation::Unreachable
            } else {
                Expectation::Reachable
            },
        };
        let edit = ed.design.with_untracked(|d| {
            let mut after = d.intents.clone();
            after.push(intent.clone());
            Edit::intents(
                d,
                after,
                Text::new(format!("Add check {}", intent.name), format!("확인 추가: {}", intent.name)),
            )
        });
        if ed.commit(edit) {
            name.set(String::new());
            a.tab.set(Tab::Checks);
        }
    };
    view! {
        <h3>{lang.pick("Keep it as an intent check", "의도 확인으로 저장")}</h3>
        <div class="end-row">
            <input data-testid="check-name" placeholder=lang.pick("name, e.g. web reaches db", "이름, 예: web에서 db로") prop:value=move || name.get() on:input=move |e| name.set(event_target_value(&e)) />
            <select data-testid="check-expect" prop:value=move || expect.get() on:change=move |e| expect.set(event_target_value(&e))>
                <option value="reachable">{lang.pick("must reach", "도달해야 함")}</option>
                <option value="unreachable">{lang.pick("must never reach", "도달하면 안 됨")}</option>
            </select>
            <button class="small" data-testid="check-save" on:click=add>{lang.pick("Save", "저장")}</button>
        </div>
    }
}

#[component]
pub fn ChecksPanel() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let a = expect_context::<Analysis>();
    move || {
        let lang = ed.lang.get();
        let r = a.report.get();
        let intents = ed.design.with(|d| d.intents.clone());
        if r.intents.is_empty() {
            return view! {
                <section class="analysis" data-testid="checks">
                    <p class="hint">
                        {lang.pick("No intent checks yet. Trace a flow in the Traffic tab and keep it as a check: it is saved in the design, checked on every edit, and by vpcanvas validate.", "아직 의도 확인이 없습니다. 트래픽 탭에서 흐름을 추적해 저장하세요. 설계에 저장되어 편집할 때마다, 그리고 vpcanvas validate에서 확인됩니다.")}
                    </p>
                </section>
            }
            .into_any();
        }
        let rows = r
            .intents
            .iter()
            .map(|res| {
                let index = res.index;
                let intent = intents.get(index).cloned();
                let (from, from_ip, to, protocol, port) = intent
                    .as_ref()
                    .map(|i| (i.from.clone(), i.from_ip, i.to.clone(), i.protocol, i.port))
                    .unwrap_or((String::new(), None, String::new(), Protocol::TCP, 0));
                view! {
                    <li class="check-row" class:passed=res.passed data-testid="check" data-passed=res.passed.to_string()>
                        <span class="mark">{if res.passed { "✓" } else { "✗" }}</span>
                        <button
                            class="problem-text"
                            title=lang.pick("Trace it", "추적하기")
                            on:click=move |_| {
                                a.traffic.set(TrafficChoice { from: from.clone(), from_ip, to: to.clone(), protocol, port });
                                a.tab.set(Tab::Traffic);
                            }
                        >
                            <strong>{res.name.clone()}</strong>
                            <span>{lang.text(&res.message)}</span>
                        </button>
                        <button
                            class="icon-button"
                            data-testid="check-remove"
                            title=lang.pick("Remove", "삭제")
                            on:click=move |_| {
                                let edit = ed.design.with_untracked(|d| {
                                    let mut after = d.intents.clone();
                                    if index < after.len() {
                                        after.remove(index);
                                    }
                                    Edit::intents(d, after, Text::new("Remove a check", "확인 삭제"))
                                });
                                ed.commit(edit);
                            }
                        >
                            "×"
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="analysis" data-testid="checks">
                <ul class="checks">{rows}</ul>
            </section>
        }
        .into_any()
    }
}

/// The worst severity and how many findings each drawn shape has.
pub fn badges(report: &Report, scene: &Scene) -> Vec<(String, Rect, Severity, usize)> {
    let mut by: std::collections::BTreeMap<String, (Severity, usize)> = Default::default();
    let mut note = |id: &str, s: Severity| {
        let e = by.entry(id.to_owned()).or_insert((s, 0));
        e.0 = e.0.min(s);
        e.1 += 1;
    };
    for d in &report.diagnostics {
        if let Some(first) = d.resources.first() {
            note(first.as_str(), d.severity);
        }
    }
    let failing: Vec<String> = report.intents.iter().filter(|i| !i.passed).flat_map(intent_ends).collect();
    for id in failing.iter().filter(|id| id.as_str() != "internet") {
        note(id, Severity::Error);
    }
    scene
        .boxes
        .iter()
        .map(|b| (b.key.as_str(), &b.rect))
        .chain(scene.icons.iter().map(|i| (i.key.as_str(), &i.rect)))
        .filter_map(|(k, r)| by.get(k).map(|(s, n)| (k.to_owned(), r.clone(), *s, *n)))
        .collect()
}

/// The centre of a drawn shape on a trace's path (icons only: boxes are passed through, not stopped at).
fn point_of(scene: &Scene, node: &str) -> Option<(f64, f64)> {
    scene.icons.iter().find(|i| i.key == node).map(|i| i.rect.center())
}

/// The path of a trace as points on the diagram, and the shape it was stopped at (if any).
pub fn path_of(scene: &Scene, t: &Trace) -> (Vec<(f64, f64)>, Option<Rect>) {
    let mut points: Vec<(f64, f64)> = Vec::new();
    for h in &t.hops {
        if let Some(p) = point_of(scene, &h.node)
            && points.last() != Some(&p)
        {
            points.push(p);
        }
    }
    let stop = t.blocked.as_ref().and_then(|b| {
        let shape = |k: &str| {
            scene
                .icons
                .iter()
                .find(|i| i.key == k)
                .map(|i| i.rect.clone())
                .or_else(|| scene.boxes.iter().find(|x| x.key == k).map(|x| x.rect.clone()))
        };
        // The blocking component when it is drawn; otherwise (a security group, a route table) the hop where it
        // happened.
        shape(&b.id).or_else(|| t.hops.last().and_then(|h| shape(&h.node)))
    });
    (points, stop)
}

/// Badges on the shapes with findings, and the traced path, drawn over the diagram (a child of the canvas).
#[component]
pub fn Overlay() -> impl IntoView {
    let a = expect_context::<Analysis>();
    let Drawing { scene, visible } = expect_context::<Drawing>();
    let badge_list = move || {
        let vis = visible.get();
        let all = scene.with(|s| badges(&a.report.get(), s));
        all.into_iter().filter(|(_, r, ..)| vis.as_ref().is_none_or(|v| v.overlaps(r))).collect::<Vec<_>>()
    };
    let path = move || {
        // Drawn while the traffic panel is open (in failure mode it would show the flow as it runs without it).
        if a.tab.get() != Tab::Traffic {
            return ().into_any();
        }
        let Some(Ok(answer)) = a.answer.get() else { return ().into_any() };
        let (forward, stop) = scene.with(|s| path_of(s, &answer.forward));
        let reply = answer.reply.as_ref().map(|r| scene.with(|s| path_of(s, r)));
        let line = |points: &[(f64, f64)], dx: f64| {
            points.iter().map(|(x, y)| format!("{},{}", x + dx, y + dx)).collect::<Vec<_>>().join(" ")
        };
        let reply_stop = reply.as_ref().and_then(|(_, s)| s.clone());
        let stop = stop.or(reply_stop);
        view! {
            <g class="trace-path" data-testid="trace-path" class:blocked=!answer.reachable>
                <polyline class="forward" data-testid="trace-forward-path" points=line(&forward, 0.0) />
                {reply.as_ref().map(|(p, _)| view! { <polyline class="reply" data-testid="trace-reply-path" points=line(p, 6.0) /> })}
                {stop.map(|r| view! { <rect class="stop" data-testid="trace-stop" x=r.x - 8.0 y=r.y - 8.0 width=r.w + 16.0 height=r.h + 16.0 rx="8" /> })}
            </g>
        }
        .into_any()
    };
    view! {
        <g class="layer-analysis">
            {path}
            <For each=badge_list key=|(k, r, s, n)| format!("{k}|{}|{}|{}|{s:?}|{n}", r.x, r.y, r.w) let:b>
                {
                    let (key, r, s, n) = b;
                    let (cx, cy) = (r.x + r.w - 2.0, r.y + 2.0);
                    view! {
                        <g class=format!("badge {}", s.label()) data-testid="badge" data-id=key>
                            <circle cx=cx cy=cy r="9" />
                            <text x=cx y=cy + 4.0 text-anchor="middle">{if s == Severity::Error { "!".to_owned() } else { n.to_string() }}</text>
                        </g>
                    }
                }
            </For>
        </g>
    }
}
