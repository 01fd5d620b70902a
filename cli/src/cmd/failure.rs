//! `vpcanvas failure`: which flows that work today stop working when a zone or a component fails.

use std::process::ExitCode;

use vpcanvas_core::model::Outage;
use vpcanvas_core::sim::{Impact, impact, parse_failures};

const HELP: &str = "\
Usage: vpcanvas failure <DESIGN|DIR> (--fail NAME... | --each-zone) [--ports LIST] [--format text|json]
                        [--lang en|ko] [--expect-survives]

Fails an availability zone or a component and reports which flows that work today stop working: what the internet
reaches, what every workload reaches outbound (HTTPS to the internet, Amazon S3 and on-premises), and TCP on the
given ports between the first workloads of every pair of subnets. ECS services re-place their lost tasks in the
surviving zones and load balancers stop sending to targets that are down, as AWS would.

Flows whose source or destination is itself down are expected losses and are listed last; the findings are the
flows between workloads that still run whose path broke (a shared NAT gateway in the failed zone, say).

  --fail NAME        An availability zone (us-east-1a, or az:NAME for any zone), or the id of an instance, NAT
                     gateway, VPN connection, Direct Connect virtual interface, ECS task or network interface.
                     Repeat to fail several at once.
  --each-zone        Fail each availability zone of the design in turn, one report per zone.
  --ports LIST       TCP ports checked between subnets (default 22,80,443,3306,5432; `none` to skip).
  --format json      {reports: [{failure, down, replacements, unplaced, flows_checked, broken: [{flow, endpoint_down,
                     answer}]}]}, each answer as `vpcanvas trace --format json` prints it.
  --expect-survives  Exit 1 when a flow between running workloads breaks, or a service cannot re-place its tasks.

Exit status: 0 (with --expect-survives: the design survives), 1 it does not, 2 bad usage or unreadable design.

Examples:
  vpcanvas failure network.json --fail us-east-1a
  vpcanvas failure network.json --each-zone --expect-survives
  vpcanvas failure network.json --fail nat-0a1b2c --ports 443 --format json
";

struct Options {
    path: String,
    fail: Vec<String>,
    each_zone: bool,
    ports: Vec<u16>,
    json: bool,
    korean: bool,
    expect_survives: bool,
}

fn parse(args: &[String]) -> Result<Option<Options>, String> {
    let mut o = Options {
        path: String::new(),
        fail: Vec::new(),
        each_zone: false,
        ports: vec![22, 80, 443, 3306, 5432],
        json: false,
        korean: false,
        expect_survives: false,
    };
    let mut it = args.iter();
    let value = |it: &mut std::slice::Iter<'_, String>, flag: &str| {
        it.next().cloned().ok_or_else(|| format!("{flag} needs a value"))
    };
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--fail" => o.fail.push(value(&mut it, "--fail")?),
            "--each-zone" => o.each_zone = true,
            "--expect-survives" => o.expect_survives = true,
            "--ports" => {
                let list = value(&mut it, "--ports")?;
                o.ports = if list == "none" {
                    Vec::new()
                } else {
                    list.split(',').map(|p| p.trim().parse::<u16>()).collect::<Result<_, _>>().map_err(|_| {
                        format!("--ports takes numbers from 0 to 65535 separated by commas, or none, not {list:?}")
                    })?
                };
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
            flag if flag.starts_with('-') => return Err(format!("unknown option {flag:?}")),
            file if o.path.is_empty() => o.path = file.to_owned(),
            extra => return Err(format!("unexpected argument {extra:?}")),
        }
    }
    if o.path.is_empty() {
        return Err("failure needs a design file or folder".into());
    }
    match (o.fail.is_empty(), o.each_zone) {
        (true, false) => return Err("failure needs either --fail NAME (one or more) or --each-zone".into()),
        (false, true) => return Err("--fail and --each-zone cannot be used together".into()),
        _ => {}
    }
    Ok(Some(o))
}

pub fn run(args: &[String]) -> ExitCode {
    let o = match parse(args) {
        Ok(Some(o)) => o,
        Ok(None) => {
            out!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(message) => return super::usage(&message, HELP),
    };
    let design = match super::read_design(&o.path) {
        Ok((_, d)) => d,
        Err(message) => {
            eprintln!("vpcanvas: {message}");
            return ExitCode::from(2);
        }
    };
    let outages: Vec<Outage> = if o.each_zone {
        let mut zones: Vec<&str> = design.subnets.iter().map(|s| s.availability_zone.as_str()).collect();
        zones.sort_unstable();
        zones.dedup();
        zones
            .into_iter()
            .map(|z| {
                let mut outage = Outage::none();
                outage.fail_zone(z);
                outage
            })
            .collect()
    } else {
        match parse_failures(&design, &o.fail) {
            Ok(outage) => vec![outage],
            Err(e) if o.korean => return super::usage(&format!("--fail: {}", e.text().ko), HELP),
            Err(e) => return super::usage(&format!("--fail: {e}"), HELP),
        }
    };
    let reports: Vec<Impact> = outages.into_iter().map(|outage| impact(&design, outage, &o.ports)).collect();
    if o.json {
        outln!("{}", serde_json::to_string_pretty(&serde_json::json!({ "reports": reports })).unwrap_or_default());
    } else {
        for r in &reports {
            print_report(r, o.korean);
        }
    }
    let survives = reports.iter().all(|r| r.broken.iter().all(|b| b.endpoint_down) && r.unplaced.is_empty());
    if o.expect_survives && !survives {
        eprintln!("vpcanvas: the design does not survive every failure checked");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

fn print_report(r: &Impact, korean: bool) {
    let pick = |t: &vpcanvas_core::text::Text| if korean { t.ko.clone() } else { t.en.clone() };
    outln!("{} {}", if korean { "장애:" } else { "Failure:" }, pick(&r.failure));
    if !r.down.is_empty() {
        outln!("  {} {}", if korean { "중단됨:" } else { "down:" }, r.down.join(", "));
    }
    for x in &r.replacements {
        let place = x.subnet.as_ref().or(x.container_instance.as_ref()).map(|p| p.to_string()).unwrap_or_default();
        if korean {
            outln!("  ECS 서비스 {}: {}를 {}({place}, {})로 다시 배치", x.service, x.task, x.replacement, x.zone);
        } else {
            outln!("  ECS service {}: {} re-placed as {} in {place} ({})", x.service, x.task, x.replacement, x.zone);
        }
    }
    for u in &r.unplaced {
        outln!("  {}", pick(&u.reason));
    }
    let (path, lost): (Vec<_>, Vec<_>) = r.broken.iter().partition(|b| !b.endpoint_down);
    if path.is_empty() {
        if korean {
            outln!("  작동하던 흐름 {}개 중 실행 중인 워크로드 사이에서 끊긴 흐름은 없습니다.", r.flows_checked);
        } else {
            outln!("  Of {} working flows, none between running workloads breaks.", r.flows_checked);
        }
    } else {
        if korean {
            outln!("  실행 중인 워크로드 사이에서 끊긴 흐름 {}개(작동하던 {}개 중):", path.len(), r.flows_checked);
        } else {
            outln!("  {} of {} working flows break between running workloads:", path.len(), r.flows_checked);
        }
        for b in &path {
            let f = &b.flow;
            let blocked =
                b.answer.forward.blocked.as_ref().or(b.answer.reply.as_ref().and_then(|x| x.blocked.as_ref()));
            let at = blocked.map(|x| format!(" at {} [{}]", x.id, x.code)).unwrap_or_default();
            outln!("    {} -> {} ({} {}){at}", f.from, f.to, f.protocol.to_uppercase(), f.port);
            let why = if b.answer.forward.disposition.arrived() {
                b.answer.reply.as_ref().map(|x| pick(&x.explanation)).unwrap_or_default()
            } else {
                pick(&b.answer.forward.explanation)
            };
            outln!("      {why}");
        }
    }
    if !lost.is_empty() {
        if korean {
            outln!("  끝점이 중단되어 잃은 흐름 {}개:", lost.len());
        } else {
            outln!("  {} flows lost with an end that is down:", lost.len());
        }
        for b in &lost {
            let f = &b.flow;
            outln!("    {} -> {} ({} {})", f.from, f.to, f.protocol.to_uppercase(), f.port);
        }
    }
}
