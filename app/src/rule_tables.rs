//! The inspector's tables: a route table's routes and subnets, a security group's rules, a network ACL's ordered
//! rules, and the choices of a subnet (route table, network ACL) and an instance (security groups). Every change is
//! one undo step; a value that does not read (a CIDR, a port range) is shown as a problem and not committed.

use leptos::prelude::*;
use vpcanvas_core::doc::{
    EcsService, Id, Instance, InstanceFamily, LaunchType, Listener, ListenerProtocol, LoadBalancer, LoadBalancerKind,
    LoadBalancerScheme, NaclRule, NetworkAcl, Route, RouteDestination, RouteTable, RouteTarget, RuleAction, RulePeer,
    SecurityGroup, SgRule, Subnet, Target, TargetGroup, TargetRef,
};
use vpcanvas_core::edit::fields::read_rule_number;
use vpcanvas_core::edit::{Resource, route_targets};
use vpcanvas_core::model::Network;
use vpcanvas_core::model::rule_match::next_rule_number;
use vpcanvas_core::net::{IpCidr, Ipv4Cidr, PortRange, Protocol};
use vpcanvas_core::text::Text;

use crate::editor::Editor;
use crate::forms::{commit, group_choices, id_checkboxes, label_of, remove_button, subnet_choices};
use crate::i18n::Lang;

fn refuse(ed: Editor, en: String, ko: String) {
    ed.say_error(Text::new(en, ko));
}

/// The protocols offered for rules.
const PROTOCOLS: [(&str, Protocol); 4] =
    [("tcp", Protocol::TCP), ("udp", Protocol::UDP), ("icmp", Protocol::ICMP), ("all", Protocol::All)];

fn protocol_key(p: Protocol) -> String {
    PROTOCOLS.iter().find(|(_, x)| *x == p).map(|(k, _)| (*k).to_owned()).unwrap_or_else(|| p.to_string())
}

fn ports_text(p: Option<PortRange>) -> String {
    p.map(|r| r.to_string()).unwrap_or_else(|| "all".into())
}

/// Reads a port field for a protocol: TCP and UDP need ports, the others have none.
fn read_ports(protocol: Protocol, text: &str) -> Result<Option<PortRange>, String> {
    if !protocol.has_ports() {
        return Ok(None);
    }
    text.parse::<PortRange>().map(Some).map_err(|e| e.to_string())
}

/// A rule's port-range cell: read as typed when left; committed through `make`, or refused with the reason.
fn ports_cell(
    ed: Editor,
    testid: &'static str,
    protocol: Protocol,
    ports: Option<PortRange>,
    make: impl Fn(Option<PortRange>) -> Resource + 'static,
) -> impl IntoView {
    view! {
        <input
            class="cell narrow"
            data-testid=testid
            prop:value=ports_text(ports)
            disabled=!protocol.has_ports()
            on:change=move |e| match read_ports(protocol, &event_target_value(&e)) {
                Ok(ports) => commit(ed, make(ports)),
                Err(e) => refuse(ed, format!("Ports: {e}."), format!("포트: {e}.")),
            }
        />
    }
}

fn protocol_select(value: Protocol, testid: &'static str, on: impl Fn(Protocol) + 'static) -> impl IntoView {
    view! {
        <select
            data-testid=testid
            on:change=move |e| {
                let v = event_target_value(&e);
                if let Some((_, p)) = PROTOCOLS.iter().find(|(k, _)| *k == v) {
                    on(*p);
                }
            }
        >
            {PROTOCOLS
                .iter()
                .map(|(k, p)| view! { <option value=*k selected=*p == value>{k.to_uppercase()}</option> })
                .collect_view()}
            {(!PROTOCOLS.iter().any(|(_, p)| *p == value))
                .then(|| view! { <option value=protocol_key(value) selected=true>{value.to_string()}</option> })}
        </select>
    }
}

/// A route table: its routes (the local route first, read-only) and the subnets that use it.
pub fn route_table_editor(ed: Editor, t: RouteTable) -> impl IntoView {
    let lang = ed.lang.get_untracked();
    let (vpc_cidrs, targets, subnets) = ed.design.with_untracked(|d| {
        let net = Network::new(d);
        let cidrs: Vec<String> =
            d.vpcs.iter().filter(|v| v.id == t.vpc).flat_map(Network::vpc_cidrs).map(|c| c.to_string()).collect();
        // Each subnet of the VPC, and whether it uses this table (explicitly, or as the VPC's main table).
        let subnets: Vec<(Subnet, bool)> = d
            .subnets
            .iter()
            .filter(|s| s.vpc == t.vpc)
            .map(|s| (s.clone(), net.route_table_of(s).is_some_and(|x| x.id == t.id)))
            .collect();
        (cidrs, route_targets(d, &t.vpc), subnets)
    });
    let rows = t.routes.iter().enumerate().map(|(n, r)| {
        let dest = r.destination_text();
        let t1 = t.clone();
        let t2 = t.clone();
        let t3 = t.clone();
        let current = r.target.clone();
        let options = targets
            .iter()
            .map(|c| {
                let value = c.target.text();
                let selected = c.target == current;
                view! { <option value=value.clone() selected=selected>{c.label.clone()}</option> }
            })
            .collect_view();
        let known = targets.iter().any(|c| c.target == current);
        let targets = targets.clone();
        view! {
            <tr data-testid="route-row">
                <td>
                    <input
                        class="cell"
                        data-testid="route-destination"
                        prop:value=dest
                        on:change=move |e| {
                            let text = event_target_value(&e);
                            let text = text.trim();
                            let destination = if text.starts_with("pl-") {
                                Id::new(text).ok().map(RouteDestination::PrefixList)
                            } else {
                                text.parse::<Ipv4Cidr>().ok().map(RouteDestination::Cidr)
                            };
                            match destination {
                                Some(destination) => {
                                    let mut after = t1.clone();
                                    if let Some(route) = after.routes.get_mut(n) {
                                        route.destination = destination;
                                    }
                                    commit(ed, Resource::RouteTable(after));
                                }
                                None => refuse(
                                    ed,
                                    format!("{text:?} is neither a CIDR block nor a prefix list id (pl-…)."),
                                    format!("{text:?}는 CIDR 블록도 접두사 목록 id(pl-…)도 아닙니다."),
                                ),
                            }
                        }
                    />
                </td>
                <td>
                    <select
                        data-testid="route-target"
                        on:change=move |e| {
                            let v = event_target_value(&e);
                            if let Some(c) = targets.iter().find(|c| c.target.text() == v) {
                                let mut after = t2.clone();
                                if let Some(route) = after.routes.get_mut(n) {
                                    route.target = c.target.clone();
                                }
                                commit(ed, Resource::RouteTable(after));
                            }
                        }
                    >
                        {options}
                        {(!known).then(|| view! { <option selected=true>{current.text()}</option> })}
                    </select>
                </td>
                <td>
                    {remove_button(ed, "route-remove", lang.pick("Remove this route", "이 라우트 삭제"), move || {
                        let mut after = t3.clone();
                        if n < after.routes.len() {
                            after.routes.remove(n);
                        }
                        Resource::RouteTable(after)
                    })}
                </td>
            </tr>
        }
    });
    let local_rows = vpc_cidrs
        .into_iter()
        .map(|c| view! { <tr class="fixed"><td>{c}</td><td>"local"</td><td></td></tr> })
        .collect_view();
    let t_add = t.clone();
    let first_target = targets.first().map(|c| c.target.clone());
    let add = move |_| {
        let mut after = t_add.clone();
        let used: Vec<String> = after.routes.iter().map(|r| r.destination_text()).collect();
        let destination = if used.iter().any(|u| u == "0.0.0.0/0") { "192.168.0.0/16" } else { "0.0.0.0/0" };
        let Ok(cidr) = destination.parse::<Ipv4Cidr>() else { return };
        after.routes.push(Route {
            destination: RouteDestination::Cidr(cidr),
            target: first_target.clone().unwrap_or(RouteTarget::Blackhole),
        });
        commit(ed, Resource::RouteTable(after));
    };
    let associations = subnets
        .into_iter()
        .map(|(s, uses)| {
            let explicit = s.route_table.as_ref() == Some(&t.id);
            let table = t.id.clone();
            let label = if s.name.is_empty() { s.id.to_string() } else { format!("{} ({})", s.name, s.id) };
            let s2 = s.clone();
            view! {
                <label class="check" data-testid="route-table-subnet" data-id=s.id.to_string()>
                    <input
                        type="checkbox"
                        prop:checked=uses
                        disabled=uses && !explicit
                        on:change=move |e| {
                            let mut after = s2.clone();
                            after.route_table = if event_target_checked(&e) { Some(table.clone()) } else { None };
                            commit(ed, Resource::Subnet(after));
                        }
                    />
                    {label}
                </label>
            }
        })
        .collect_view();
    view! {
        <h3>{lang.pick("Routes", "라우트")}</h3>
        <table class="rules" data-testid="routes">
            <thead>
                <tr>
                    <th>{lang.pick("Destination", "대상 주소")}</th>
                    <th>{lang.pick("Target", "대상")}</th>
                    <th></th>
                </tr>
            </thead>
            <tbody>{local_rows} {rows.collect_view()}</tbody>
        </table>
        <button class="small" data-testid="route-add" on:click=add>
            {lang.pick("Add a route", "라우트 추가")}
        </button>
        <h3>{lang.pick("Subnets using it", "사용하는 서브넷")}</h3>
        {if t.main {
            view! {
                <p class="hint">
                    {lang
                        .pick(
                            "The main route table: subnets without a table of their own use it.",
                            "기본 라우팅 테이블: 자기 테이블이 없는 서브넷이 사용합니다.",
                        )}
                </p>
            }
                .into_any()
        } else {
            ().into_any()
        }}
        {associations}
    }
}

/// A subnet's route table and network ACL.
pub fn subnet_associations(ed: Editor, s: Subnet) -> impl IntoView {
    let lang = ed.lang.get_untracked();
    let (tables, acls) = ed.design.with_untracked(|d| {
        let tables: Vec<(Id, String, bool)> = d
            .route_tables
            .iter()
            .filter(|t| t.vpc == s.vpc)
            .map(|t| {
                (
                    t.id.clone(),
                    if t.name.is_empty() { t.id.to_string() } else { format!("{} ({})", t.name, t.id) },
                    t.main,
                )
            })
            .collect();
        let acls: Vec<(Id, String, bool)> = d
            .network_acls
            .iter()
            .filter(|a| a.vpc == s.vpc)
            .map(|a| {
                (
                    a.id.clone(),
                    if a.name.is_empty() { a.id.to_string() } else { format!("{} ({})", a.name, a.id) },
                    a.is_default,
                )
            })
            .collect();
        (tables, acls)
    });
    let s1 = s.clone();
    let s2 = s.clone();
    let table_now = s.route_table.clone();
    let acl_now = s.network_acl.clone();
    view! {
        <label class="field">
            <span>{lang.pick("Route table", "라우팅 테이블")}</span>
            <select
                data-testid="field-route-table"
                on:change=move |e| {
                    let v = event_target_value(&e);
                    let mut after = s1.clone();
                    after.route_table = if v.is_empty() { None } else { Id::new(v).ok() };
                    commit(ed, Resource::Subnet(after));
                }
            >
                <option value="" selected=table_now.is_none()>{lang.pick("the VPC's main table", "VPC 기본 테이블")}</option>
                {tables
                    .into_iter()
                    .map(|(id, label, main)| {
                        let selected = table_now.as_ref() == Some(&id);
                        let label = if main { format!("{label} · main") } else { label };
                        view! { <option value=id.to_string() selected=selected>{label}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
        <label class="field">
            <span>{lang.pick("Network ACL", "네트워크 ACL")}</span>
            <select
                data-testid="field-network-acl"
                on:change=move |e| {
                    let v = event_target_value(&e);
                    let mut after = s2.clone();
                    after.network_acl = if v.is_empty() { None } else { Id::new(v).ok() };
                    commit(ed, Resource::Subnet(after));
                }
            >
                <option value="" selected=acl_now.is_none()>{lang.pick("the VPC's default ACL", "VPC 기본 ACL")}</option>
                {acls
                    .into_iter()
                    .map(|(id, label, default)| {
                        let selected = acl_now.as_ref() == Some(&id);
                        let label = if default { format!("{label} · default") } else { label };
                        view! { <option value=id.to_string() selected=selected>{label}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// Reads a security-group rule's peer: a CIDR, a security group id, or a prefix list id.
fn read_peer(text: &str) -> Option<RulePeer> {
    let text = text.trim();
    if text.starts_with("sg-") {
        return Id::new(text).ok().map(|group| RulePeer::SecurityGroup { group, account: None });
    }
    if text.starts_with("pl-") {
        return Id::new(text).ok().map(RulePeer::PrefixList);
    }
    text.parse::<IpCidr>().ok().map(RulePeer::Cidr)
}

fn peer_text(p: &RulePeer) -> String {
    match p {
        RulePeer::Cidr(c) => c.to_string(),
        RulePeer::SecurityGroup { group, .. } => group.to_string(),
        RulePeer::PrefixList(p) => p.to_string(),
    }
}

/// A security group's inbound and outbound rules.
pub fn security_group_editor(ed: Editor, g: SecurityGroup) -> impl IntoView {
    let lang = ed.lang.get_untracked();
    let table = |outbound: bool| {
        let rules = if outbound { g.outbound.clone() } else { g.inbound.clone() };
        let g0 = g.clone();
        let rows = rules
            .into_iter()
            .enumerate()
            .map(|(n, r)| {
                let (ga, gb, gc, gd) = (g0.clone(), g0.clone(), g0.clone(), g0.clone());
                let protocol = r.protocol;
                view! {
                    <tr data-testid="sg-rule">
                        <td>
                            {protocol_select(r.protocol, "sg-rule-protocol", move |p| {
                                let mut after = ga.clone();
                                if let Some(rule) = sg_list(&mut after, outbound).get_mut(n) {
                                    rule.protocol = p;
                                    rule.ports = if p.has_ports() { Some(rule.ports.unwrap_or(PortRange::single(443))) } else { None };
                                }
                                commit(ed, Resource::SecurityGroup(after));
                            })}
                        </td>
                        <td>
                            {ports_cell(ed, "sg-rule-ports", protocol, r.ports, move |ports| {
                                let mut after = gb.clone();
                                if let Some(rule) = sg_list(&mut after, outbound).get_mut(n) {
                                    rule.ports = ports;
                                }
                                Resource::SecurityGroup(after)
                            })}
                        </td>
                        <td>
                            <input
                                class="cell"
                                data-testid="sg-rule-peer"
                                prop:value=peer_text(&r.peer)
                                on:change=move |e| {
                                    let text = event_target_value(&e);
                                    match read_peer(&text) {
                                        Some(peer) => {
                                            let mut after = gc.clone();
                                            if let Some(rule) = sg_list(&mut after, outbound).get_mut(n) {
                                                rule.peer = peer;
                                            }
                                            commit(ed, Resource::SecurityGroup(after));
                                        }
                                        None => refuse(
                                            ed,
                                            format!("{text:?} is not a CIDR block, a security group id (sg-…) or a prefix list id (pl-…)."),
                                            format!("{text:?}는 CIDR 블록, 보안 그룹 id(sg-…), 접두사 목록 id(pl-…)가 아닙니다."),
                                        ),
                                    }
                                }
                            />
                        </td>
                        <td>
                            {remove_button(ed, "sg-rule-remove", lang.pick("Remove this rule", "이 규칙 삭제"), move || {
                                let mut after = gd.clone();
                                let list = sg_list(&mut after, outbound);
                                if n < list.len() {
                                    list.remove(n);
                                }
                                Resource::SecurityGroup(after)
                            })}
                        </td>
                    </tr>
                }
            })
            .collect_view();
        let g_add = g.clone();
        let add = move |_| {
            let mut after = g_add.clone();
            let peer = if outbound { "0.0.0.0/0" } else { "10.0.0.0/16" };
            let Ok(cidr) = peer.parse::<IpCidr>() else { return };
            sg_list(&mut after, outbound).push(SgRule {
                protocol: Protocol::TCP,
                ports: Some(PortRange::single(443)),
                icmp: None,
                peer: RulePeer::Cidr(cidr),
                description: String::new(),
            });
            commit(ed, Resource::SecurityGroup(after));
        };
        let (title, add_label, testid) = if outbound {
            (
                lang.pick("Outbound rules", "아웃바운드 규칙"),
                lang.pick("Add an outbound rule", "아웃바운드 규칙 추가"),
                "sg-outbound",
            )
        } else {
            (
                lang.pick("Inbound rules", "인바운드 규칙"),
                lang.pick("Add an inbound rule", "인바운드 규칙 추가"),
                "sg-inbound",
            )
        };
        let peer_head = if outbound { lang.pick("Destination", "대상") } else { lang.pick("Source", "소스") };
        view! {
            <h3>{title}</h3>
            <table class="rules" data-testid=testid>
                <thead>
                    <tr>
                        <th>{lang.pick("Protocol", "프로토콜")}</th>
                        <th>{lang.pick("Ports", "포트")}</th>
                        <th>{peer_head}</th>
                        <th></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <button class="small" data-testid=format!("{testid}-add") on:click=add>{add_label}</button>
        }
    };
    view! {
        {table(false)}
        {table(true)}
        <p class="hint">
            {lang
                .pick(
                    "Security groups are stateful: replies are allowed whatever the rules say. A source may be a CIDR block, a security group (sg-…) or a prefix list (pl-…).",
                    "보안 그룹은 상태 저장형이라 응답은 규칙과 상관없이 허용됩니다. 소스는 CIDR 블록, 보안 그룹(sg-…), 접두사 목록(pl-…)일 수 있습니다.",
                )}
        </p>
    }
}

/// A network ACL's rules, in the order AWS evaluates them (by number), with the final deny shown.
pub fn network_acl_editor(ed: Editor, a: NetworkAcl) -> impl IntoView {
    let lang = ed.lang.get_untracked();
    let table = |outbound: bool| {
        let mut rules: Vec<(usize, NaclRule)> =
            (if outbound { a.outbound.clone() } else { a.inbound.clone() }).into_iter().enumerate().collect();
        rules.sort_by_key(|(_, r)| r.rule_number);
        let a0 = a.clone();
        let rows = rules
            .into_iter()
            .map(|(n, r)| {
                let (aa, ab, ac, ad, ae, af) = (a0.clone(), a0.clone(), a0.clone(), a0.clone(), a0.clone(), a0.clone());
                let protocol = r.protocol;
                let allow = r.action == RuleAction::Allow;
                view! {
                    <tr data-testid="nacl-rule" class:deny=!allow>
                        <td>
                            <input
                                class="cell tiny"
                                data-testid="nacl-rule-number"
                                prop:value=r.rule_number.to_string()
                                on:change=move |e| {
                                    let mut after = aa.clone();
                                    let list = acl_list(&mut after, outbound);
                                    match read_rule_number(list, n, &event_target_value(&e)) {
                                        Ok(number) => {
                                            if let Some(rule) = list.get_mut(n) {
                                                rule.rule_number = number;
                                            }
                                            commit(ed, Resource::NetworkAcl(after));
                                        }
                                        Err(why) => ed.say_error(why.text()),
                                    }
                                }
                            />
                        </td>
                        <td>
                            <select
                                data-testid="nacl-rule-action"
                                on:change=move |e| {
                                    let mut after = ab.clone();
                                    if let Some(rule) = acl_list(&mut after, outbound).get_mut(n) {
                                        rule.action = if event_target_value(&e) == "deny" { RuleAction::Deny } else { RuleAction::Allow };
                                    }
                                    commit(ed, Resource::NetworkAcl(after));
                                }
                            >
                                <option value="allow" selected=allow>{lang.pick("allow", "허용")}</option>
                                <option value="deny" selected=!allow>{lang.pick("deny", "거부")}</option>
                            </select>
                        </td>
                        <td>
                            {protocol_select(r.protocol, "nacl-rule-protocol", move |p| {
                                let mut after = ac.clone();
                                if let Some(rule) = acl_list(&mut after, outbound).get_mut(n) {
                                    rule.protocol = p;
                                    rule.ports = if p.has_ports() { Some(rule.ports.unwrap_or(PortRange::new(1024, 65535))) } else { None };
                                }
                                commit(ed, Resource::NetworkAcl(after));
                            })}
                        </td>
                        <td>
                            {ports_cell(ed, "nacl-rule-ports", protocol, r.ports, move |ports| {
                                let mut after = ad.clone();
                                if let Some(rule) = acl_list(&mut after, outbound).get_mut(n) {
                                    rule.ports = ports;
                                }
                                Resource::NetworkAcl(after)
                            })}
                        </td>
                        <td>
                            <input
                                class="cell"
                                data-testid="nacl-rule-cidr"
                                prop:value=r.cidr.to_string()
                                on:change=move |e| {
                                    let text = event_target_value(&e);
                                    match text.trim().parse::<IpCidr>() {
                                        Ok(cidr) => {
                                            let mut after = ae.clone();
                                            if let Some(rule) = acl_list(&mut after, outbound).get_mut(n) {
                                                rule.cidr = cidr;
                                            }
                                            commit(ed, Resource::NetworkAcl(after));
                                        }
                                        Err(e) => refuse(ed, format!("Not a CIDR block: {e}."), format!("CIDR 블록이 아닙니다: {e}.")),
                                    }
                                }
                            />
                        </td>
                        <td>
                            {remove_button(ed, "nacl-rule-remove", lang.pick("Remove this rule", "이 규칙 삭제"), move || {
                                let mut after = af.clone();
                                let list = acl_list(&mut after, outbound);
                                if n < list.len() {
                                    list.remove(n);
                                }
                                Resource::NetworkAcl(after)
                            })}
                        </td>
                    </tr>
                }
            })
            .collect_view();
        let a_add = a.clone();
        let add = move |_| {
            let mut after = a_add.clone();
            let list = acl_list(&mut after, outbound);
            let Some(number) = next_rule_number(list) else {
                refuse(
                    ed,
                    "No rule number is free after the last rule: renumber the rules, or give this one a number between them.".into(),
                    "마지막 규칙 뒤에 쓸 번호가 없습니다. 규칙 번호를 다시 매기거나 사이 번호를 주세요.".into(),
                );
                return;
            };
            let Ok(cidr) = "0.0.0.0/0".parse::<IpCidr>() else { return };
            list.push(NaclRule {
                rule_number: number,
                action: RuleAction::Allow,
                protocol: Protocol::TCP,
                ports: Some(PortRange::new(1024, 65535)),
                icmp: None,
                cidr,
            });
            commit(ed, Resource::NetworkAcl(after));
        };
        let (title, add_label, testid) = if outbound {
            (
                lang.pick("Outbound rules", "아웃바운드 규칙"),
                lang.pick("Add an outbound rule", "아웃바운드 규칙 추가"),
                "nacl-outbound",
            )
        } else {
            (
                lang.pick("Inbound rules", "인바운드 규칙"),
                lang.pick("Add an inbound rule", "인바운드 규칙 추가"),
                "nacl-inbound",
            )
        };
        view! {
            <h3>{title}</h3>
            <table class="rules" data-testid=testid>
                <thead>
                    <tr>
                        <th>"#"</th>
                        <th>{lang.pick("Action", "동작")}</th>
                        <th>{lang.pick("Protocol", "프로토콜")}</th>
                        <th>{lang.pick("Ports", "포트")}</th>
                        <th>"CIDR"</th>
                        <th></th>
                    </tr>
                </thead>
                <tbody>
                    {rows}
                    <tr class="fixed deny">
                        <td>"*"</td>
                        <td>{lang.pick("deny", "거부")}</td>
                        <td>{lang.pick("all", "전체")}</td>
                        <td>{lang.pick("all", "전체")}</td>
                        <td>"0.0.0.0/0"</td>
                        <td></td>
                    </tr>
                </tbody>
            </table>
            <button class="small" data-testid=format!("{testid}-add") on:click=add>{add_label}</button>
        }
    };
    view! {
        {table(false)}
        {table(true)}
        <p class="hint">
            {lang
                .pick(
                    "Network ACLs are stateless and checked in rule-number order: the first rule that matches decides. Replies need their own rule (usually TCP 1024-65535).",
                    "네트워크 ACL은 상태 비저장이며 규칙 번호 순서로 검사해 처음 일치한 규칙이 결정합니다. 응답에도 규칙이 필요합니다(보통 TCP 1024-65535).",
                )}
        </p>
    }
}

/// An instance's security groups: any of its VPC's groups.
pub fn instance_groups(ed: Editor, i: Instance) -> impl IntoView {
    let lang = ed.lang.get_untracked();
    let groups: Vec<(Id, String)> = ed.design.with_untracked(|d| {
        let vpc = d.subnets.iter().find(|s| s.id == i.subnet).map(|s| s.vpc.clone());
        d.security_groups
            .iter()
            .filter(|g| Some(&g.vpc) == vpc.as_ref())
            .map(|g| {
                (g.id.clone(), if g.name.is_empty() { g.id.to_string() } else { format!("{} ({})", g.name, g.id) })
            })
            .collect()
    });
    let rows = groups
        .into_iter()
        .map(|(id, label)| {
            let on = i.security_groups.contains(&id);
            let i2 = i.clone();
            let id2 = id.clone();
            view! {
                <label class="check" data-testid="instance-group" data-id=id.to_string()>
                    <input
                        type="checkbox"
                        prop:checked=on
                        on:change=move |e| {
                            let mut after = i2.clone();
                            after.security_groups.retain(|g| g != &id2);
                            if event_target_checked(&e) {
                                after.security_groups.push(id2.clone());
                            }
                            commit(ed, Resource::Instance(after));
                        }
                    />
                    {label}
                </label>
            }
        })
        .collect_view();
    view! {
        <h3>{lang.pick("Security groups", "보안 그룹")}</h3>
        <p class="hint">{lang.pick("None ticked: the VPC's default group.", "선택이 없으면 VPC 기본 그룹을 씁니다.")}</p>
        {rows}
    }
}

fn sg_list(g: &mut SecurityGroup, outbound: bool) -> &mut Vec<SgRule> {
    if outbound { &mut g.outbound } else { &mut g.inbound }
}

fn acl_list(a: &mut NetworkAcl, outbound: bool) -> &mut Vec<NaclRule> {
    if outbound { &mut a.outbound } else { &mut a.inbound }
}

/// Common instance types, offered as suggestions (any type can be typed).
const INSTANCE_TYPES: [&str; 18] = [
    "t3.micro",
    "t3.small",
    "t3.medium",
    "t3.large",
    "m7g.large",
    "m7i.large",
    "m6i.xlarge",
    "c7g.large",
    "c7i.xlarge",
    "r7g.large",
    "r6i.xlarge",
    "x2gd.large",
    "i4i.large",
    "d3.xlarge",
    "g5.xlarge",
    "inf2.xlarge",
    "p4d.24xlarge",
    "hpc7g.4xlarge",
];

/// The family of an instance type, in words.
pub fn family_words(instance_type: &str, lang: Lang) -> &'static str {
    use vpcanvas_core::doc::InstanceFamily as F;
    match InstanceFamily::of(instance_type) {
        Some(F::GeneralPurpose) => lang.pick("general purpose", "범용"),
        Some(F::ComputeOptimized) => lang.pick("compute optimised", "컴퓨팅 최적화"),
        Some(F::MemoryOptimized) => lang.pick("memory optimised", "메모리 최적화"),
        Some(F::AcceleratedComputing) => lang.pick("accelerated computing", "가속 컴퓨팅"),
        Some(F::StorageOptimized) => lang.pick("storage optimised", "스토리지 최적화"),
        Some(F::HighPerformanceComputing) => lang.pick("high-performance computing", "고성능 컴퓨팅"),
        None => lang.pick("unknown family", "알 수 없는 패밀리"),
    }
}

/// The instance type field: suggestions grouped by family, and the family of what is typed.
pub fn instance_type_field(ed: Editor, i: Instance) -> impl IntoView {
    let lang = ed.lang.get_untracked();
    let family = family_words(&i.instance_type, lang);
    let value = i.instance_type.clone();
    view! {
        <label class="field">
            <span>{lang.pick("Instance type", "인스턴스 유형")} " · " <em data-testid="instance-family">{family}</em></span>
            <input
                type="text"
                list="instance-types"
                data-testid="field-instance-type"
                prop:value=value
                on:change=move |e| {
                    let v = event_target_value(&e).trim().to_owned();
                    if v.is_empty() {
                        refuse(ed, "An instance needs a type.".into(), "인스턴스에는 유형이 필요합니다.".into());
                        return;
                    }
                    let mut after = i.clone();
                    after.instance_type = v;
                    commit(ed, Resource::Instance(after));
                }
            />
            <datalist id="instance-types">
                {INSTANCE_TYPES
                    .iter()
                    .map(|t| view! { <option value=*t>{family_words(t, lang)}</option> })
                    .collect_view()}
            </datalist>
        </label>
    }
}

/// A load balancer: scheme, kind, its subnets (one per zone) and security groups.
pub fn load_balancer_editor(ed: Editor, lb: LoadBalancer) -> impl IntoView {
    let lang = ed.lang.get_untracked();
    let (subnets, groups) = ed.design.with_untracked(|d| {
        let subnets: Vec<(Id, String)> = subnet_choices(d, &lb.vpc);
        let groups: Vec<(Id, String)> = group_choices(d, &lb.vpc);
        (subnets, groups)
    });
    let (l1, l2, l3, l4) = (lb.clone(), lb.clone(), lb.clone(), lb.clone());
    let internet = lb.scheme == LoadBalancerScheme::InternetFacing;
    let application = lb.kind == LoadBalancerKind::Application;
    view! {
        <label class="field">
            <span>{lang.pick("Scheme", "체계")}</span>
            <select
                data-testid="field-lb-scheme"
                on:change=move |e| {
                    let mut after = l1.clone();
                    after.scheme = if event_target_value(&e) == "internal" { LoadBalancerScheme::Internal } else { LoadBalancerScheme::InternetFacing };
                    commit(ed, Resource::LoadBalancer(after));
                }
            >
                <option value="internet_facing" selected=internet>{lang.pick("internet-facing", "인터넷 경계")}</option>
                <option value="internal" selected=!internet>{lang.pick("internal", "내부")}</option>
            </select>
        </label>
        <label class="field">
            <span>{lang.pick("Type", "유형")}</span>
            <select
                data-testid="field-lb-kind"
                on:change=move |e| {
                    let mut after = l2.clone();
                    after.kind = if event_target_value(&e) == "network" { LoadBalancerKind::Network } else { LoadBalancerKind::Application };
                    commit(ed, Resource::LoadBalancer(after));
                }
            >
                <option value="application" selected=application>"Application (ALB)"</option>
                <option value="network" selected=!application>"Network (NLB)"</option>
            </select>
        </label>
        {listeners_editor(ed, lb.clone())}
        <h3>{lang.pick("Subnets (one per Availability Zone)", "서브넷(가용 영역마다 하나)")}</h3>
        {id_checkboxes(ed, "lb-subnet", subnets, lb.subnets.clone(), move |list| {
            let mut after = l3.clone();
            after.subnets = list;
            Resource::LoadBalancer(after)
        })}
        <h3>{lang.pick("Security groups", "보안 그룹")}</h3>
        {id_checkboxes(ed, "lb-group", groups, lb.security_groups.clone(), move |list| {
            let mut after = l4.clone();
            after.security_groups = list;
            Resource::LoadBalancer(after)
        })}
    }
}

/// A target group: the instances registered in it.
pub fn target_group_editor(ed: Editor, tg: TargetGroup) -> impl IntoView {
    let lang = ed.lang.get_untracked();
    let instances: Vec<(Id, String)> = ed.design.with_untracked(|d| {
        let in_vpc = |s: &Id| d.subnets.iter().any(|x| &x.id == s && x.vpc == tg.vpc);
        d.instances.iter().filter(|i| in_vpc(&i.subnet)).map(|i| (i.id.clone(), label_of(&i.id, &i.name))).collect()
    });
    let registered: Vec<Id> = tg
        .targets
        .iter()
        .filter_map(|t| match &t.target {
            TargetRef::Instance(i) => Some(i.clone()),
            _ => None,
        })
        .collect();
    let tg2 = tg.clone();
    view! {
        <h3>{lang.pick("Registered instances", "등록된 인스턴스")}</h3>
        {id_checkboxes(ed, "tg-target", instances, registered, move |list| {
            let mut after = tg2.clone();
            // Keep the non-instance targets (addresses, load balancers) as they are.
            after.targets.retain(|t| !matches!(t.target, TargetRef::Instance(_)));
            after.targets.extend(list.into_iter().map(|i| Target { target: TargetRef::Instance(i), port: None }));
            Resource::TargetGroup(after)
        })}
    }
}

/// An ECS service: how many tasks, how they launch, and in which subnets.
pub fn ecs_service_editor(ed: Editor, svc: EcsService) -> impl IntoView {
    let lang = ed.lang.get_untracked();
    let subnets: Vec<(Id, String)> = ed.design.with_untracked(|d| {
        d.subnets
            .iter()
            .map(|s| (s.id.clone(), format!("{} · {}", label_of(&s.id, &s.name), s.availability_zone)))
            .collect()
    });
    let (s1, s2, s3) = (svc.clone(), svc.clone(), svc.clone());
    let fargate = svc.launch_type == LaunchType::Fargate;
    view! {
        <label class="field">
            <span>{lang.pick("Desired tasks", "원하는 태스크 수")}</span>
            <input
                type="number"
                min="0"
                max="5000"
                data-testid="field-desired-count"
                prop:value=svc.desired_count.to_string()
                on:change=move |e| set_desired(ed, &s1, &event_target_value(&e))
            />
        </label>
        <label class="field">
            <span>{lang.pick("Launch type", "시작 유형")}</span>
            <select
                data-testid="field-launch-type"
                on:change=move |e| {
                    let mut after = s2.clone();
                    after.launch_type = if event_target_value(&e) == "ec2" { LaunchType::Ec2 } else { LaunchType::Fargate };
                    commit(ed, Resource::EcsService(after));
                }
            >
                <option value="fargate" selected=fargate>"Fargate"</option>
                <option value="ec2" selected=!fargate>"EC2"</option>
            </select>
        </label>
        <h3>{lang.pick("Subnets for its tasks (awsvpc)", "태스크 서브넷(awsvpc)")}</h3>
        {id_checkboxes(ed, "service-subnet", subnets, svc.subnets.clone(), move |list| {
            let mut after = s3.clone();
            after.subnets = list;
            Resource::EcsService(after)
        })}
    }
}

fn set_desired(ed: Editor, svc: &EcsService, text: &str) {
    match text.trim().parse::<u32>() {
        Ok(n) if n <= 5000 => {
            let mut after = svc.clone();
            after.desired_count = n;
            commit(ed, Resource::EcsService(after));
        }
        _ => refuse(
            ed,
            "The desired count is a number from 0 to 5000.".into(),
            "원하는 태스크 수는 0에서 5000 사이의 수입니다.".into(),
        ),
    }
}

/// The listener protocols offered, as AWS writes them.
const LISTENER_PROTOCOLS: [(&str, ListenerProtocol); 6] = [
    ("HTTP", ListenerProtocol::Http),
    ("HTTPS", ListenerProtocol::Https),
    ("TCP", ListenerProtocol::Tcp),
    ("TLS", ListenerProtocol::Tls),
    ("UDP", ListenerProtocol::Udp),
    ("TCP_UDP", ListenerProtocol::TcpUdp),
];

/// A load balancer's listeners: port, protocol and the target group each forwards to.
fn listeners_editor(ed: Editor, lb: LoadBalancer) -> impl IntoView {
    let lang = ed.lang.get_untracked();
    let groups: Vec<(Id, String)> = ed.design.with_untracked(|d| {
        d.target_groups.iter().filter(|t| t.vpc == lb.vpc).map(|t| (t.id.clone(), label_of(&t.id, &t.name))).collect()
    });
    let rows = lb
        .listeners
        .iter()
        .enumerate()
        .map(|(n, l)| {
            let (a, b, c, r) = (lb.clone(), lb.clone(), lb.clone(), lb.clone());
            let current_tg = l.target_groups.first().cloned();
            let groups = groups.clone();
            let protocol = l.protocol;
            view! {
                <tr data-testid="listener">
                    <td>
                        <input
                            class="cell tiny"
                            data-testid="listener-port"
                            prop:value=l.port.to_string()
                            on:change=move |e| set_listener_port(ed, &a, n, &event_target_value(&e))
                        />
                    </td>
                    <td>
                        <select
                            data-testid="listener-protocol"
                            on:change=move |e| {
                                let v = event_target_value(&e);
                                if let Some((_, p)) = LISTENER_PROTOCOLS.iter().find(|(k, _)| *k == v) {
                                    let mut after = b.clone();
                                    if let Some(x) = after.listeners.get_mut(n) {
                                        x.protocol = *p;
                                    }
                                    commit(ed, Resource::LoadBalancer(after));
                                }
                            }
                        >
                            {LISTENER_PROTOCOLS
                                .iter()
                                .map(|(k, p)| view! { <option value=*k selected=*p == protocol>{*k}</option> })
                                .collect_view()}
                        </select>
                    </td>
                    <td>
                        <select
                            data-testid="listener-target-group"
                            on:change=move |e| {
                                let v = event_target_value(&e);
                                let mut after = c.clone();
                                if let Some(x) = after.listeners.get_mut(n) {
                                    x.target_groups = Id::new(v).ok().into_iter().collect();
                                }
                                commit(ed, Resource::LoadBalancer(after));
                            }
                        >
                            <option value="" selected=current_tg.is_none()>{lang.pick("(none)", "(없음)")}</option>
                            {groups
                                .into_iter()
                                .map(|(id, label)| {
                                    let selected = current_tg.as_ref() == Some(&id);
                                    view! { <option value=id.to_string() selected=selected>{label}</option> }
                                })
                                .collect_view()}
                        </select>
                    </td>
                    <td>
                        {remove_button(ed, "listener-remove", lang.pick("Remove this listener", "이 리스너 삭제"), move || {
                            let mut after = r.clone();
                            if n < after.listeners.len() {
                                after.listeners.remove(n);
                            }
                            Resource::LoadBalancer(after)
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let lb_add = lb.clone();
    let first_group = groups.first().map(|(id, _)| id.clone());
    let add = move |_| {
        let mut after = lb_add.clone();
        let port = if after.listeners.iter().any(|l| l.port == 80) { 443 } else { 80 };
        let protocol = match (after.kind, port) {
            (LoadBalancerKind::Network, _) => ListenerProtocol::Tcp,
            (_, 443) => ListenerProtocol::Https,
            _ => ListenerProtocol::Http,
        };
        after.listeners.push(Listener {
            port,
            protocol,
            target_groups: first_group.clone().into_iter().collect(),
            certificates: Vec::new(),
        });
        commit(ed, Resource::LoadBalancer(after));
    };
    view! {
        <h3>{lang.pick("Listeners", "리스너")}</h3>
        <table class="rules" data-testid="listeners">
            <thead>
                <tr>
                    <th>{lang.pick("Port", "포트")}</th>
                    <th>{lang.pick("Protocol", "프로토콜")}</th>
                    <th>{lang.pick("Forwards to", "전달 대상")}</th>
                    <th></th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <button class="small" data-testid="listener-add" on:click=add>
            {lang.pick("Add a listener", "리스너 추가")}
        </button>
    }
}

fn set_listener_port(ed: Editor, lb: &LoadBalancer, n: usize, text: &str) {
    match text.trim().parse::<u16>() {
        Ok(port) if port > 0 => {
            let mut after = lb.clone();
            if let Some(x) = after.listeners.get_mut(n) {
                x.port = port;
            }
            commit(ed, Resource::LoadBalancer(after));
        }
        _ => refuse(ed, "A listener port is from 1 to 65535.".into(), "리스너 포트는 1에서 65535 사이입니다.".into()),
    }
}
