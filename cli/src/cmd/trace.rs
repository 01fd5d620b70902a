//! `vpcanvas trace`: whether a flow arrives, hop by hop, and its reply.

use std::net::Ipv4Addr;
use std::process::ExitCode;

use serde::Serialize;
use vpcanvas_core::net::Protocol;
use vpcanvas_core::sim::{Answer, Places, Query, Replacement, Trace, Unplaced, destination_of, source_of, trace_in};

const HELP: &str = "\
Usage: vpcanvas trace <DESIGN> --from <SRC> --to <DST> [--protocol P] [--port N] [--src-port N] [--src-ip IP]
                      [--format text|json] [--lang en|ko] [--expect reachable|unreachable] [--fail NAME]...

Traces one flow through DESIGN as AWS would forward it, and its reply: every hop, the security-group and network
ACL rules that decided, the routes chosen, address translations, and for a failure what stops it and what to change.

  --from SRC       An instance, network interface, ECS task or load balancer id, `internet`, `on-premises` (with
                   --src-ip, or the first host of the design's first on-premises network), or the id of an
                   on-premises network (its first host, or --src-ip).
  --to DST         An instance, network interface, ECS task, NAT gateway or load balancer id, an IPv4 address,
                   `internet` (from the internet, a resource is reached on its public address), `s3` or `dynamodb`
                   (an address of the design's AWS prefix list for it), or `on-premises` (the first host of the
                   design's first on-premises network).
  --protocol P     tcp (default), udp, icmp, all, or a protocol number.
  --port N         Destination port (needed for tcp and udp).
  --src-port N     Source port (default 49152).
  --src-ip IP      The internet or on-premises source's address (internet default 8.8.8.8).
  --format json    {reachable, disposition, hops: [{id, kind, steps}], blocked_by: {id, kind, direction, rule, code},
                   explanation: {en, ko}, return: {...the same for the reply}}; blocked_by is the reply's, with
                   blocked_on: \"return\", when only the reply is stopped; failure: {failed, replacements, unplaced}
                   with --fail.
  --expect X       Exit 1 unless the flow is X (reachable or unreachable): for pipelines.
  --fail NAME      Trace under a failure: an availability zone (us-east-1a, or az:NAME), or the id of an instance,
                   NAT gateway, VPN connection, Direct Connect virtual interface, ECS task or network interface.
                   Repeat for several. ECS services re-place their lost tasks in surviving zones; load balancers
                   stop sending to targets that are down.

Exit status: 0 (or, with --expect, the expectation held), 1 the expectation failed, 2 bad usage or unreadable design.

Examples:
  vpcanvas trace net.json --from i-web-a --to internet --port 443
  vpcanvas trace net.json --from internet --src-ip 198.51.100.7 --to 203.0.113.20 --port 22 --expect reachable
  vpcanvas trace net.json --from i-web-c --to internet --port 443 --fail us-east-1a
  vpcanvas trace net.json --from on-premises --src-ip 192.168.10.5 --to i-db --port 5432
";

pub fn run(args: &[String]) -> ExitCode {
    match parse(args) {
        Ok(Some(opts)) => execute(opts),
        Ok(None) => {
            out!("{HELP}");
            ExitCode::SUCCESS
        }
        Err(message) => super::usage(&message, HELP),
    }
}

struct Options {
    path: String,
    from: String,
    to: String,
    protocol: Protocol,
    port: Option<u16>,
    src_port: u16,
    src_ip: Option<Ipv4Addr>,
    json: bool,
    korean: bool,
    expect: Option<bool>,
    fail: Vec<String>,
}

fn parse(args: &[String]) -> Result<Option<Options>, String> {
    let mut o = Options {
        path: String::new(),
        from: String::new(),
        to: String::new(),
        protocol: Protocol::TCP,
        port: None,
        src_port: 49152,
        src_ip: None,
        json: false,
        korean: false,
        expect: None,
        fail: Vec::new(),
    };
    let mut it = args.iter();
    let value = |it: &mut std::slice::Iter<'_, String>, flag: &str| {
        it.next().cloned().ok_or_else(|| format!("{flag} needs a value"))
    };
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--from" => o.from = value(&mut it, "--from")?,
            "--to" => o.to = value(&mut it, "--to")?,
            "--protocol" => {
                let v = value(&mut it, "--protocol")?;
                o.protocol = v.parse().map_err(|e| format!("--protocol {v:?}: {e}"))?;
            }
            "--port" => {
                let v = value(&mut it, "--port")?;
                o.port = Some(v.parse().map_err(|_| format!("--port takes a number from 0 to 65535, not {v:?}"))?);
            }
            "--src-port" => {
                let v = value(&mut it, "--src-port")?;
                o.src_port = v.parse().map_err(|_| format!("--src-port takes a number from 0 to 65535, not {v:?}"))?;
            }
            "--src-ip" => {
                let v = value(&mut it, "--src-ip")?;
                o.src_ip = Some(v.parse().map_err(|_| format!("--src-ip takes an IPv4 address, not {v:?}"))?);
            }
            "--format" => match value(&mut it, "--format")?.as_str() {
                "text" => o.json = false,
                "json" => o.json = true,
                other => return Err(format!("--format takes text or json, not {other:?}")),
            },
            "--lang" => match value(&mut it, "--lang")?.as_str() {
                "en" => o.korean = false,
                "ko" => o.korean = true,
                other => return Err(format!("--lang takes en or ko, not {other:?}")),
            },
            "--expect" => match value(&mut it, "--expect")?.as_str() {
                "reachable" => o.expect = Some(true),
                "unreachable" => o.expect = Some(false),
                other => return Err(format!("--expect takes reachable or unreachable, not {other:?}")),
            },
            "--fail" => o.fail.push(value(&mut it, "--fail")?),
            flag if flag.starts_with('-') => return Err(format!("unknown option {flag:?}")),
            file if o.path.is_empty() => o.path = file.to_owned(),
            extra => return Err(format!("unexpected argument {extra:?}")),
        }
    }
    if o.path.is_empty() {
        return Err("trace needs a design file".into());
    }
    if o.from.is_empty() || o.to.is_empty() {
        return Err("trace needs --from and --to".into());
    }
    if o.protocol.has_ports() && o.port.is_none() {
        return Err(format!("--port is needed for {}", o.protocol));
    }
    Ok(Some(o))
}

fn execute(o: Options) -> ExitCode {
    let design = match super::read_design(&o.path) {
        Ok((_, d)) => d,
        Err(message) => {
            eprintln!("vpcanvas: {message}");
            return ExitCode::from(2);
        }
    };
    let source = source_of(&design, &o.from, o.src_ip).map_err(|e| format!("--from {}: {e}", o.from));
    let destination = destination_of(&design, &o.to).map_err(|e| format!("--to {}: {e}", o.to));
    let (source, destination) = match (source, destination) {
        (Ok(s), Ok(d)) => (s, d),
        (Err(e), _) | (_, Err(e)) => return super::usage(&e, HELP),
    };
    let mut query = Query::new(source, destination, o.protocol, o.port.unwrap_or(0));
    query.src_port = o.src_port;
    let scenario = match super::under_failure(design, &o.fail) {
        Ok(s) => s,
        Err(e) => return super::usage(&format!("--fail: {e}"), HELP),
    };
    let net = scenario.network();
    let places = Places::new(&net);
    let answer = trace_in(&net, &places, &query);
    if o.json {
        let failure = (!scenario.outage.is_empty()).then(|| FailureJson {
            failed: scenario.outage.describe(),
            replacements: &scenario.replacements,
            unplaced: &scenario.unplaced,
        });
        let report = Report { answer: &answer, failure };
        outln!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
    } else {
        super::print_scenario(&scenario, o.korean);
        print_text(&o, &answer);
    }
    match o.expect {
        Some(want) if want != answer.reachable => {
            eprintln!(
                "vpcanvas: expected the flow to be {}, but it is {}",
                if want { "reachable" } else { "unreachable" },
                if answer.reachable { "reachable" } else { "unreachable" }
            );
            ExitCode::from(1)
        }
        _ => ExitCode::SUCCESS,
    }
}

/// The JSON printed: the answer (see [`Answer`]'s serialised form) and, under a failure, what failed.
#[derive(Serialize)]
struct Report<'a> {
    #[serde(flatten)]
    answer: &'a Answer,
    #[serde(skip_serializing_if = "Option::is_none")]
    failure: Option<FailureJson<'a>>,
}

/// The failure a trace ran under: what failed, and what ECS re-placed or could not.
#[derive(Serialize)]
struct FailureJson<'a> {
    failed: String,
    replacements: &'a [Replacement],
    unplaced: &'a [Unplaced],
}

fn print_trace(t: &Trace, korean: bool) {
    for h in &t.hops {
        outln!("  -> {} ({})", h.node, h.kind);
        for s in &h.steps {
            let d = s.describe();
            outln!("       {}", if korean { d.ko } else { d.en });
        }
    }
    let disposition =
        serde_json::to_value(t.disposition).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
    outln!("  = {disposition}: {}", if korean { &t.explanation.ko } else { &t.explanation.en });
    if let Some(b) = &t.blocked {
        let direction = match (b.direction, korean) {
            (vpcanvas_core::sim::Direction::Ingress, false) => "inbound",
            (vpcanvas_core::sim::Direction::Egress, false) => "outbound",
            (vpcanvas_core::sim::Direction::Ingress, true) => "인바운드",
            (vpcanvas_core::sim::Direction::Egress, true) => "아웃바운드",
        };
        let rule =
            b.rule.as_ref().map(|r| format!(", {} {r}", if korean { "규칙" } else { "rule" })).unwrap_or_default();
        let label = if korean { "차단 지점" } else { "blocked by" };
        outln!("  {label} {} ({}, {direction}{rule}) [{}]", b.id, b.kind, b.code);
    }
}

fn print_text(o: &Options, a: &Answer) {
    let port = o.port.map(|p| format!(" {p}")).unwrap_or_default();
    let verdict = match (a.reachable, o.korean) {
        (true, false) => "reachable",
        (false, false) => "NOT reachable",
        (true, true) => "도달 가능",
        (false, true) => "도달 불가",
    };
    outln!("{} -> {} ({}{port}): {verdict}", o.from, o.to, o.protocol.to_string().to_uppercase());
    outln!("{}", if o.korean { "요청" } else { "Request" });
    print_trace(&a.forward, o.korean);
    if let Some(r) = &a.reply {
        outln!("{}", if o.korean { "응답" } else { "Reply" });
        print_trace(r, o.korean);
    }
}
