//! The AWS conformance corpus (../shared/aws-conformance): real describe-* captures with the answers Batfish gives.
//! Each case runs through the real binary (`vpcanvas trace DIR ... --format json`). A case the model decides must
//! agree with the expected disposition, hops and blocking component; a case it cannot decide must say UNDECIDABLE
//! (never a guess) and be listed in `NOT_DECIDED` with the reason. The test is skipped when ../shared is absent.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may fail loudly

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/aws-conformance");
    dir.join("cases.json").exists().then_some(dir)
}

/// Cases vpcanvas cannot decide yet, and why. Every other case must agree.
const NOT_DECIDED: &[(u64, &str)] = &[];

/// Cases where vpcanvas agrees on the disposition and the path but names the last hop differently, and why.
const LAST_HOP_DIFFERS: &[(u64, &str, &str)] = &[(
    33,
    "internet",
    "Batfish knows every AWS public range (ip-ranges.json) and ends at `aws-services-gateway`; vpcanvas only knows the \
     AWS ranges of the design's prefix lists, so it ends at `internet`",
)];

fn run(dir: &std::path::Path, case: &Value) -> Value {
    let data = dir.join(case["data_dir"].as_str().unwrap()).join("aws_configs");
    let src = case["src"]["node"].as_str().unwrap();
    let mut args: Vec<String> = vec!["trace".into(), data.display().to_string(), "--from".into(), src.into()];
    args.extend(["--to".into(), case["dst_ip"].as_str().unwrap().into()]);
    let flow = &case["flow"];
    let protocol = match &flow["protocol"] {
        Value::String(s) => s.clone(),
        Value::Number(n) if n.as_u64() == Some(0) => "all".into(),
        Value::Number(n) => n.to_string(),
        _ => "all".into(),
    };
    args.extend(["--protocol".into(), protocol]);
    if let Some(p) = flow["dst_port"].as_u64() {
        args.extend(["--port".into(), p.to_string()]);
    }
    if let Some(p) = flow["src_port"].as_u64() {
        args.extend(["--src-port".into(), p.to_string()]);
    }
    if let Some(ip) = case["src"]["ip"].as_str()
        && src == "internet"
    {
        args.extend(["--src-ip".into(), ip.into()]);
    }
    args.extend(["--format".into(), "json".into()]);
    let out = Command::new(env!("CARGO_BIN_EXE_vpcanvas")).args(&args).output().unwrap();
    assert!(
        out.status.success() || out.status.code() == Some(1),
        "vpcanvas {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("vpcanvas {args:?}: {e}: {}", String::from_utf8_lossy(&out.stderr)))
}

/// Whether our blocking component is the one the corpus names (free text such as "sg of i-… (ingress)").
fn same_blocker(expected: &str, got: &Value, hops: &[String]) -> bool {
    let id = got["id"].as_str().unwrap_or_default();
    let kind = got["kind"].as_str().unwrap_or_default();
    let code = got["code"].as_str().unwrap_or_default();
    if let Some(rest) = expected.strip_prefix("sg of ") {
        let target = rest.split_whitespace().next().unwrap_or_default();
        return id == target && code == "ENI_SG_RULES_MISMATCH";
    }
    if expected.starts_with("route table of ") {
        return kind == "route_table" || kind == "subnet";
    }
    match expected {
        "vgw" => kind == "vpn_gateway",
        e if e.starts_with("LB node") => kind == "lb_node",
        "internet" => id == "internet",
        "aws backbone" => id == "aws-backbone",
        e if e.starts_with("nat gateway") => kind == "nat_gateway",
        e if e.starts_with("vpc") => kind == "vpc",
        e if e.starts_with("subnet") => kind == "subnet",
        e if e.starts_with("igw") || e.contains("internet gateway") => kind == "internet_gateway",
        _ => hops.last().is_some_and(|h| h == id),
    }
}

#[test]
fn every_case_agrees_or_is_declared_undecidable() {
    let Some(dir) = corpus() else {
        eprintln!("../shared/aws-conformance is absent: conformance skipped");
        return;
    };
    let cases: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("cases.json")).unwrap()).unwrap();
    let mut failures = Vec::new();
    let mut agreed = 0;
    let mut starts_inside = 0;
    for case in cases["cases"].as_array().unwrap() {
        let n = case["id"].as_u64().unwrap();
        let expected = &case["expected"];
        if let Some(why) = case["expected"]["depends_on"].as_str() {
            // The expected answer is decided by an on-premises router whose configuration is not in the capture.
            // vpcanvas must still agree up to the AWS edge: the same disposition.
            let got = run(&dir, case);
            let want = expected["disposition"].as_str().unwrap();
            if got["disposition"].as_str() != Some(want) && got["disposition"].as_str() != Some("UNDECIDABLE") {
                failures.push(format!(
                    "case {n}: depends on an on-premises router, but even the disposition differs: {} vs {want}",
                    got["disposition"]
                ));
            }
            eprintln!("case {n}: not decidable past the AWS edge: {why}");
            starts_inside += 1;
            continue;
        }
        if let Some(why) = case["src"]["starts_at"].as_str() {
            // The trace starts at a network node or an on-premises router: vpcanvas starts traces at workloads and
            // the internet only.
            eprintln!("case {n}: not decidable: {why}");
            starts_inside += 1;
            continue;
        }
        let got = run(&dir, case);
        let disposition = got["disposition"].as_str().unwrap_or_default();
        if let Some((_, why)) = NOT_DECIDED.iter().find(|(id, _)| *id == n) {
            if disposition != "UNDECIDABLE" {
                failures.push(format!("case {n} is declared undecidable ({why}) but vpcanvas answered {disposition}"));
            }
            continue;
        }
        let want = expected["disposition"].as_str().unwrap();
        let ok_disposition = match want {
            "ACCEPTED_BOTH_WAYS" => got["reachable"] == true,
            other => disposition == other,
        };
        // Batfish names a load balancer node "LB node <zone>"; vpcanvas "<load balancer> node <zone>".
        let hops: Vec<String> = got["hops"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                let id = h["id"].as_str().unwrap_or_default();
                match (h["kind"].as_str(), id.rsplit_once(" node ")) {
                    (Some("lb_node"), Some((_, zone))) => format!("LB node {zone}"),
                    _ => id.to_owned(),
                }
            })
            .collect();
        let want_hops: Vec<String> = expected["hops"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h.as_str().unwrap().replace("aws-services-gateway", "aws-services"))
            .collect();
        let mut want_hops = want_hops;
        if let Some((_, ours, why)) = LAST_HOP_DIFFERS.iter().find(|(id, _, _)| *id == n) {
            eprintln!("case {n}: last hop differs as declared: {why}");
            if let Some(last) = want_hops.last_mut() {
                *last = (*ours).to_owned();
            }
        }
        let ok_hops = hops == want_hops;
        let ok_blocker = match expected["blocked_at"].as_str() {
            Some(b) => same_blocker(b, &got["blocked_by"], &hops),
            None => true,
        };
        if ok_disposition && ok_hops && ok_blocker {
            agreed += 1;
        } else {
            failures.push(format!(
                "case {n} ({}): expected {want} via {want_hops:?} blocked at {:?}; vpcanvas said {disposition} (reachable {}) via {hops:?} blocked by {} — {}",
                case["data_dir"], expected["blocked_at"], got["reachable"], got["blocked_by"], got["explanation"]["en"]
            ));
        }
    }
    eprintln!(
        "conformance: {agreed} cases agree, {} declared undecidable, {starts_inside} start inside the network",
        NOT_DECIDED.len()
    );
    assert!(failures.is_empty(), "{} case(s) disagree:\n{}", failures.len(), failures.join("\n"));
}
