//! `vpcanvas exposure`: what the internet can reach, with one witness path each.

use std::process::ExitCode;

use vpcanvas_core::net::PortRange;
use vpcanvas_core::sim::{Places, exposure};

const HELP: &str = "\
Usage: vpcanvas exposure <DESIGN|DIR> [--ports LIST] [--format text|json] [--fail NAME]...

Lists every instance, interface, task and load balancer the internet can reach (request and reply), with the TCP and UDP port
ranges and ICMP it is reachable on, and the path of one reachable flow as a witness. By default every port range is
analysed; --ports limits the analysis to a comma-separated list (e.g. 22,80,443,3306). --fail analyses the design
under a failure (an availability zone or a resource id, as for `vpcanvas trace`; repeatable).

Exit status: 0 nothing is exposed, 1 something is, 2 bad usage or unreadable design.

Examples:
  vpcanvas exposure network.json
  vpcanvas exposure capture/ --ports 22,3389 --format json
";

fn ranges(list: &[PortRange]) -> String {
    list.iter().map(|r| r.to_string()).collect::<Vec<_>>().join(", ")
}

pub fn run(args: &[String]) -> ExitCode {
    let mut path = None;
    let mut json = false;
    let mut ports: Option<Vec<u16>> = None;
    let mut fail: Vec<String> = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                out!("{HELP}");
                return ExitCode::SUCCESS;
            }
            "--format" => match it.next().map(String::as_str) {
                Some("json") => json = true,
                Some("text") => json = false,
                other => return super::usage(&format!("--format takes text or json, not {other:?}"), HELP),
            },
            "--ports" => {
                let Some(list) = it.next() else { return super::usage("--ports needs a list", HELP) };
                let parsed: Result<Vec<u16>, _> = list.split(',').map(|p| p.trim().parse::<u16>()).collect();
                match parsed {
                    Ok(p) if !p.is_empty() => ports = Some(p),
                    _ => {
                        return super::usage(
                            &format!("--ports takes numbers from 0 to 65535 separated by commas, not {list:?}"),
                            HELP,
                        );
                    }
                }
            }
            "--fail" => match it.next() {
                Some(name) => fail.push(name.clone()),
                None => return super::usage("--fail needs a zone or resource id", HELP),
            },
            flag if flag.starts_with('-') => return super::usage(&format!("unknown option {flag:?}"), HELP),
            file if path.is_none() => path = Some(file.to_owned()),
            extra => return super::usage(&format!("unexpected argument {extra:?}"), HELP),
        }
    }
    let Some(path) = path else { return super::usage("exposure needs a design file or folder", HELP) };
    let design = match super::read_design(&path) {
        Ok((_, d)) => d,
        Err(message) => {
            eprintln!("vpcanvas: {message}");
            return ExitCode::from(2);
        }
    };
    let scenario = match super::under_failure(design, &fail) {
        Ok(s) => s,
        Err(e) => return super::usage(&format!("--fail: {e}"), HELP),
    };
    let net = scenario.network();
    let places = Places::new(&net);
    let found = exposure(&net, &places, ports.as_deref());
    if json {
        outln!("{}", serde_json::to_string_pretty(&serde_json::json!({ "exposed": found })).unwrap_or_default());
    } else if found.is_empty() {
        super::print_scenario(&scenario, false);
        outln!("Nothing in {path} is reachable from the internet.");
    } else {
        super::print_scenario(&scenario, false);
        outln!("Reachable from the internet ({}):", found.len());
        for e in &found {
            let mut what = Vec::new();
            if !e.tcp.is_empty() {
                what.push(format!("TCP {}", ranges(&e.tcp)));
            }
            if !e.udp.is_empty() {
                what.push(format!("UDP {}", ranges(&e.udp)));
            }
            if e.icmp {
                what.push("ICMP".to_owned());
            }
            outln!("  {} at {}: {}", e.id, e.public_ip, what.join("; "));
            outln!("    via {}", e.witness.nodes().join(" -> "));
        }
    }
    if found.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}
