//! The state of the live analysis, shared by the sidebar's panels and the overlays on the canvas: the report
//! (diagnostics and intent checks, recomputed after each edit), the traffic choice and its traced answer, the open
//! tab, what the internet reaches, the reachability matrix, and the failure scenario. Core computes everything; no
//! view code here. The workbench (`lib.rs`) provides [`Analysis`] and [`Reach`] as contexts.

use leptos::prelude::*;
use vpcanvas_core::check::{Diagnostic, lower};
use vpcanvas_core::doc::Design;
use vpcanvas_core::model::Network;
use vpcanvas_core::net::Protocol;
use vpcanvas_core::sim::{
    Answer, Cell, Exposed, GroupBy, Impact, IntentResult, Places, Query, destination_of, evaluate_intents_in, exposure,
    impact, matrix, parse_failures, scenario, source_of, trace_in,
};
use vpcanvas_core::text::Text;

use crate::editor::Editor;

/// The sidebar's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Inspector,
    Problems,
    Traffic,
    Checks,
    Exposure,
    Failure,
}

/// Every finding and intent result of the design as it is, and what computing them cost.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub intents: Vec<IntentResult>,
    /// Milliseconds taken by validation plus the intent checks, measured in the page.
    pub millis: f64,
}

/// What the traffic panel traces: the two ends, the source address, the protocol and port (core's `sim::Query` once
/// the ends are read).
#[derive(Debug, Clone, PartialEq)]
pub struct TrafficChoice {
    pub from: String,
    /// The address of an internet or on-premises source, when given.
    pub from_ip: Option<std::net::Ipv4Addr>,
    pub to: String,
    pub protocol: Protocol,
    pub port: u16,
}

/// The analysis state shared by the sidebar, its panels and the canvas overlay.
#[derive(Clone, Copy)]
pub struct Analysis {
    pub tab: RwSignal<Tab>,
    pub report: Memo<Report>,
    pub traffic: RwSignal<TrafficChoice>,
    /// The traced choice: the answer, or why it cannot be traced.
    pub answer: Memo<Option<Result<Answer, Text>>>,
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// Validation and intent checks of a design, sharing one index.
pub fn analyse(d: &Design) -> (Vec<Diagnostic>, Vec<IntentResult>) {
    let (net, diagnostics) = lower(d);
    let intents = if d.intents.is_empty() {
        Vec::new()
    } else {
        let places = Places::new(&net);
        evaluate_intents_in(d, &net, &places)
    };
    (diagnostics, intents)
}

/// The answer for a traffic choice in a design.
pub fn trace_choice(d: &Design, choice: &TrafficChoice) -> Option<Result<Answer, Text>> {
    if choice.from.is_empty() || choice.to.is_empty() {
        return None;
    }
    let query = source_of(d, &choice.from, choice.from_ip)
        .and_then(|s| destination_of(d, &choice.to).map(|t| Query::new(s, t, choice.protocol, choice.port)))
        .map_err(|e| e.text());
    Some(query.map(|q| {
        let net = vpcanvas_core::model::Network::new(d);
        let places = Places::new(&net);
        trace_in(&net, &places, &q)
    }))
}

impl Analysis {
    pub fn new(ed: Editor) -> Analysis {
        // Recomputed after each edit, once the edit has been drawn (a timeout after the change), so that a drop
        // or a keystroke paints first; several changes in one turn are analysed once.
        let compute = move || {
            let start = now();
            let (diagnostics, intents) = ed.design.with_untracked(analyse);
            Report { diagnostics, intents, millis: now() - start }
        };
        let latest = RwSignal::new(compute());
        let pending = StoredValue::new(false);
        Effect::new(move |first: Option<()>| {
            ed.design.track();
            if first.is_none() || pending.get_value() {
                return;
            }
            pending.set_value(true);
            set_timeout(
                move || {
                    pending.set_value(false);
                    latest.set(compute());
                },
                std::time::Duration::ZERO,
            );
        });
        let report = Memo::new(move |_| latest.get());
        let traffic = RwSignal::new(TrafficChoice {
            from: String::new(),
            from_ip: None,
            to: String::new(),
            protocol: Protocol::TCP,
            port: 443,
        });
        let answer = Memo::new(move |_| {
            let f = traffic.get();
            ed.design.with(|d| trace_choice(d, &f))
        });
        // An end picked on the canvas.
        Effect::new(move |_| match ed.picked.get() {
            Some(("from", key)) => {
                traffic.update(|f| f.from = key);
                ed.picked.set(None);
            }
            Some(("to", key)) => {
                traffic.update(|f| f.to = key);
                ed.picked.set(None);
            }
            _ => {}
        });
        Analysis { tab: RwSignal::new(Tab::Inspector), report, traffic, answer }
    }
}

/// The most groups the matrix is drawn for (it traces groups² × ports flows).
pub const MATRIX_LIMIT: usize = 40;

/// What a failure does, with the intent checks under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub impact: Impact,
    /// Zones that failed (their boxes are greyed).
    pub zones: Vec<String>,
    /// Failed links (VPN connections, virtual interfaces) and resources named.
    pub named: Vec<String>,
    pub intents: Vec<IntentResult>,
}

/// The state of the exposure and failure views.
#[derive(Clone, Copy)]
pub struct Reach {
    /// Colour the diagram with what the internet reaches.
    pub exposure_on: RwSignal<bool>,
    pub exposed: Memo<Vec<Exposed>>,
    pub group_by: RwSignal<GroupBy>,
    pub ports: RwSignal<Vec<u16>>,
    pub matrix: Memo<Result<Vec<Cell>, usize>>,
    /// Failed zones and resources, by the names `vpcanvas failure --fail` takes.
    pub failed: RwSignal<Vec<String>>,
    pub failure: Memo<Option<Result<Failure, Text>>>,
    pub matrix_open: RwSignal<bool>,
}

/// The failure of `names` in a design.
pub fn fail(d: &Design, names: &[String]) -> Option<Result<Failure, Text>> {
    if names.is_empty() {
        return None;
    }
    Some(parse_failures(d, names).map_err(|e| e.text()).map(|outage| {
        let zones: Vec<String> = outage.zones().map(str::to_owned).collect();
        let named: Vec<String> = outage.resources().map(|i| i.to_string()).collect();
        let s = scenario(d, outage.clone());
        let intents = if d.intents.is_empty() {
            Vec::new()
        } else {
            let net = s.network();
            let places = Places::new(&net);
            evaluate_intents_in(&s.design, &net, &places)
        };
        Failure { impact: impact(d, outage, &[]), zones, named, intents }
    }))
}

impl Reach {
    pub fn new(ed: Editor) -> Reach {
        let exposure_on = RwSignal::new(false);
        let matrix_open = RwSignal::new(false);
        let exposed = Memo::new(move |_| {
            ed.design.with(|d| {
                let net = Network::new(d);
                let places = Places::new(&net);
                exposure(&net, &places, None)
            })
        });
        let group_by = RwSignal::new(GroupBy::Subnet);
        let ports = RwSignal::new(vec![22, 80, 443, 3306]);
        let matrix = Memo::new(move |_| {
            let by = group_by.get();
            let ports = ports.get();
            ed.design.with(|d| {
                let n = match by {
                    GroupBy::Subnet => d.subnets.len(),
                    GroupBy::SecurityGroup => d.security_groups.len(),
                };
                if n > MATRIX_LIMIT {
                    return Err(n);
                }
                let net = Network::new(d);
                let places = Places::new(&net);
                Ok(matrix(&net, &places, by, &ports))
            })
        });
        let failed = RwSignal::new(Vec::<String>::new());
        let failure = Memo::new(move |_| {
            let names = failed.get();
            ed.design.with(|d| fail(d, &names))
        });
        // A shape clicked in failure mode fails (or recovers).
        Effect::new(move |_| {
            if let Some(("fail", key)) = ed.picked.get() {
                ed.picked.set(None);
                let name = ed.design.with_untracked(|d| failure_name(d, &key));
                match name {
                    Some(name) => failed.update(|f| {
                        if let Some(i) = f.iter().position(|x| *x == name) {
                            f.remove(i);
                        } else {
                            f.push(name);
                        }
                    }),
                    None => ed.say_error(Text::new(
                        format!("{key} cannot fail here: fail an Availability Zone, a NAT gateway, an instance, an ECS task, a VPN connection or a Direct Connect interface."),
                        format!("{key}는 장애를 낼 수 없습니다. 가용 영역, NAT 게이트웨이, 인스턴스, ECS 태스크, VPN 연결, Direct Connect 인터페이스를 고르세요."),
                    )),
                }
                // Stay in failure mode for the next click.
                ed.picking.set(Some("fail"));
            }
        });
        Reach { exposure_on, exposed, group_by, ports, matrix, failed, failure, matrix_open }
    }
}

/// The failure name of a clicked shape: a zone box's zone, or a resource that can fail.
fn failure_name(d: &Design, key: &str) -> Option<String> {
    use vpcanvas_core::doc::ResourceKind as K;
    if let Some((_, zone)) = key.rsplit_once('/') {
        return Some(zone.to_owned());
    }
    let kind = d.find(key)?.kind;
    matches!(
        kind,
        K::Instance | K::NatGateway | K::VpnConnection | K::VirtualInterface | K::EcsTask | K::NetworkInterface
    )
    .then(|| key.to_owned())
}
