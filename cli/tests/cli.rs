//! Runs the real `vpcanvas` binary on files, as a pipeline would.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may fail loudly

use std::path::PathBuf;
use std::process::{Command, Output};

use vpcanvas_core::doc::{Instance, SecurityGroup, Subnet, Vpc};
use vpcanvas_core::testing::{SAMPLE, get, get_mut, sample};

fn vpcanvas(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vpcanvas")).args(args).output().expect("the vpcanvas binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The sample's path, for the commands that read a file.
fn sample_path() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../public/samples/two-az.json").display().to_string()
}

fn temp_file(name: &str, contents: &str) -> String {
    let dir = std::env::temp_dir().join(format!("vpcanvas-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path.display().to_string()
}

#[test]
fn help_lists_commands_with_examples() {
    let out = vpcanvas(&["--help"]);
    assert!(out.status.success());
    let help = text(&out.stdout);
    assert!(help.contains("fmt <DESIGN>") && help.contains("schema") && help.contains("Examples:"));
    assert_eq!(vpcanvas(&[]).status.code(), Some(2));
    assert_eq!(vpcanvas(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn fmt_prints_canonical_json_and_check_tells_the_difference() {
    let out = vpcanvas(&["fmt", &sample_path()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let canonical = text(&out.stdout);
    let again = vpcanvas_core::save(&vpcanvas_core::load(&canonical).unwrap()).unwrap();
    assert_eq!(canonical, again);

    let tidy = temp_file("tidy.json", &canonical);
    assert_eq!(vpcanvas(&["fmt", "--check", &tidy]).status.code(), Some(0));
    // The hand-written sample is valid but not canonical.
    let out = vpcanvas(&["fmt", "--check", &sample_path()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("is not in canonical form"));
}

#[test]
fn a_broken_design_is_reported_with_file_path_and_reason() {
    let bad = temp_file(
        "bad.json",
        r#"{"format": "vpcanvas-design", "version": 1, "subnets": [{"id": "s", "vpc": "v", "cidr": "10.0.0.0/99", "availability_zone": "a"}]}"#,
    );
    let out = vpcanvas(&["fmt", &bad]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("bad.json: at $.subnets[0].cidr"), "{err}");
    assert!(err.contains("prefix length"), "{err}");
    assert!(out.stdout.is_empty());

    let out = vpcanvas(&["fmt", "/no/such/file.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot read /no/such/file.json"));
}

#[test]
fn schema_is_the_published_one() {
    let out = vpcanvas(&["schema"]);
    assert!(out.status.success());
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let published: serde_json::Value =
        serde_json::from_str(include_str!("../../public/schema/design-v1.schema.json")).unwrap();
    assert_eq!(printed, published);
}

#[test]
fn validate_passes_the_clean_sample() {
    let out = vpcanvas(&["validate", &sample_path()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("0 error(s), 0 warning(s), 0 note(s)"));
}

#[test]
fn validate_reports_errors_with_exit_1_in_both_languages_and_json() {
    let mut design = sample();
    get_mut::<Subnet>(&mut design, "subnet-private-c").cidr = "10.1.11.0/24".parse().unwrap();
    get_mut::<Instance>(&mut design, "i-web-c").private_ip = None;
    get_mut::<Vpc>(&mut design, "vpc-main").flow_logs = false;
    let broken = temp_file("broken.json", &vpcanvas_core::save(&design).unwrap());

    let out = vpcanvas(&["validate", &broken]);
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out.stdout);
    assert!(
        report.contains("Errors (1)") && report.contains("error[subnet-outside-vpc] subnet-private-c, vpc-main"),
        "{report}"
    );
    assert!(report.contains("fix: Use 10.0.2.0/24"), "{report}");
    assert!(report.contains("Warnings (1)") && report.contains("(EC2.6, CKV2_AWS_11)"), "{report}");
    assert!(report.contains("1 error(s), 1 warning(s), 0 note(s)"), "{report}");

    let out = vpcanvas(&["validate", &broken, "--lang", "ko"]);
    assert!(text(&out.stdout).contains("오류 (1)"), "{}", text(&out.stdout));

    let out = vpcanvas(&["validate", &broken, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["summary"]["errors"], 1);
    let first = &json["diagnostics"][0];
    assert_eq!(first["code"], "subnet-outside-vpc");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["resources"][0], "subnet-private-c");
    assert!(first["message"]["ko"].as_str().unwrap().contains("서브넷"));
    assert_eq!(first["fix"]["edits"][0]["edit"], "set_subnet_cidr");

    assert_eq!(vpcanvas(&["validate", &broken, "--format", "yaml"]).status.code(), Some(2));
}

#[test]
fn trace_prints_the_path_and_json_and_checks_expectations() {
    let out = vpcanvas(&["trace", &sample_path(), "--from", "i-web-a", "--to", "internet", "--port", "443"]);
    assert_eq!(out.status.code(), Some(0));
    let report = text(&out.stdout);
    assert!(report.starts_with("i-web-a -> internet (TCP 443): reachable"), "{report}");
    assert!(
        report.contains("-> nat-a (nat_gateway)") && report.contains("source address 10.0.0.10 -> 203.0.113.10"),
        "{report}"
    );
    assert!(report.contains("Reply"), "{report}");

    let out = vpcanvas(&[
        "trace",
        &sample_path(),
        "--from",
        "internet",
        "--to",
        "203.0.113.20",
        "--port",
        "22",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["reachable"], false);
    assert_eq!(json["disposition"], "DENIED_IN");
    assert_eq!(json["hops"][0]["id"], "internet");
    assert_eq!(json["blocked_by"]["id"], "i-bastion");
    assert_eq!(json["blocked_by"]["code"], "ENI_SG_RULES_MISMATCH");
    assert_eq!(json["return"], serde_json::Value::Null);

    let ok = vpcanvas(&[
        "trace",
        &sample_path(),
        "--from",
        "internet",
        "--src-ip",
        "198.51.100.7",
        "--to",
        "203.0.113.20",
        "--port",
        "22",
        "--expect",
        "reachable",
    ]);
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok.stderr));
    let wrong = vpcanvas(&[
        "trace",
        &sample_path(),
        "--from",
        "internet",
        "--to",
        "203.0.113.20",
        "--port",
        "22",
        "--expect",
        "reachable",
    ]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(text(&wrong.stderr).contains("expected the flow to be reachable"));

    assert_eq!(
        vpcanvas(&["trace", &sample_path(), "--from", "i-web-a", "--to", "internet"]).status.code(),
        Some(2),
        "tcp needs --port"
    );
    let ko =
        vpcanvas(&["trace", &sample_path(), "--from", "i-web-a", "--to", "i-web-c", "--port", "3306", "--lang", "ko"]);
    assert!(text(&ko.stdout).contains("도달 불가"), "{}", text(&ko.stdout));
}

#[test]
fn trace_json_has_its_documented_fields() {
    // {reachable, disposition, hops: [{id, kind, steps}], blocked_by: {id, kind, direction, rule, code},
    //  explanation: {en, ko}, return: {...the same for the reply}}
    let keys = |v: &serde_json::Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    let trace = |args: &[&str]| {
        let mut all = vec!["trace", "--format", "json"];
        all.extend(args);
        let out = vpcanvas(&all);
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let sample = sample_path();
    // Arrives both ways: nothing blocks, and the reply is under `return`.
    let json = trace(&[&sample, "--from", "i-web-a", "--to", "internet", "--port", "443"]);
    assert_eq!(keys(&json), ["blocked_by", "disposition", "explanation", "hops", "reachable", "return"], "{json:#}");
    assert_eq!(json["reachable"], true);
    assert_eq!(json["disposition"], "EXITS_NETWORK");
    assert_eq!(json["blocked_by"], serde_json::Value::Null);
    assert_eq!(keys(&json["explanation"]), ["en", "ko"]);
    let hop = &json["hops"][0];
    assert_eq!(keys(hop), ["id", "kind", "steps"]);
    assert_eq!((hop["id"].as_str(), hop["kind"].as_str()), (Some("i-web-a"), Some("instance")));
    assert_eq!(hop["steps"][0]["step"], "security_group", "{hop:#}");
    let kinds: Vec<&str> = json["hops"].as_array().unwrap().iter().map(|h| h["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"nat_gateway") && kinds.contains(&"internet_gateway"), "{kinds:?}");
    let reply = &json["return"];
    assert_eq!(keys(reply), ["blocked_by", "disposition", "explanation", "hops"], "{reply:#}");
    assert_eq!(reply["hops"][0]["id"], "internet");
    assert_eq!(reply["hops"][0]["kind"], "internet");

    // Stopped on the way: the blocker's fields, and no reply.
    let json = trace(&[&sample, "--from", "i-web-a", "--to", "i-web-c", "--port", "3306"]);
    assert_eq!(json["reachable"], false);
    let blocked = &json["blocked_by"];
    assert_eq!(keys(blocked), ["code", "direction", "id", "kind", "rule"], "{json:#}");
    assert!(blocked["code"].is_string() && blocked["kind"].is_string() && blocked["direction"].is_string());
    assert_eq!(json["return"], serde_json::Value::Null);
    assert!(json.get("blocked_on").is_none() && json.get("failure").is_none());
}

#[test]
fn import_aws_writes_a_design_or_nothing() {
    let dir = std::env::temp_dir().join(format!("vpcanvas-import-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("eu-west-1")).unwrap();
    std::fs::write(dir.join("eu-west-1/vpcs.json"), r#"{"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]}"#)
        .unwrap();
    std::fs::write(dir.join("eu-west-1/subnets.json"), r#"{"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "eu-west-1a"}]}"#).unwrap();
    let out_file = dir.join("design.json");
    let out = vpcanvas(&["import-aws", dir.to_str().unwrap(), "-o", out_file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let design = vpcanvas_core::load(&std::fs::read_to_string(&out_file).unwrap()).unwrap();
    get::<Subnet>(&design, "subnet-1"); // the subnet keeps its AWS id
    // validate takes the folder directly (this capture has no route tables, so the VPC lacks its main table).
    let checked = vpcanvas(&["validate", dir.to_str().unwrap()]);
    assert_eq!(checked.status.code(), Some(1));
    assert!(text(&checked.stdout).contains("error[vpc-main-route-table] vpc-1"), "{}", text(&checked.stdout));

    std::fs::remove_file(&out_file).unwrap();
    std::fs::write(dir.join("eu-west-1/bad.json"), r#"{"Subnets": [{"SubnetId": 7}]}"#).unwrap();
    let out = vpcanvas(&["import-aws", dir.to_str().unwrap(), "-o", out_file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("bad.json: at $.Subnets[0].SubnetId: invalid type: integer `7`"),
        "{}",
        text(&out.stderr)
    );
    assert!(!out_file.exists(), "nothing is written when the import fails");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn exposure_reports_what_the_internet_reaches() {
    let out = vpcanvas(&["exposure", &sample_path()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("Nothing in"));

    let mut design = sample();
    get_mut::<SecurityGroup>(&mut design, "sg-bastion").inbound[0].peer =
        vpcanvas_core::doc::RulePeer::Cidr("0.0.0.0/0".parse().unwrap());
    let open = temp_file("open.json", &vpcanvas_core::save(&design).unwrap());
    let out = vpcanvas(&["exposure", &open]);
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out.stdout);
    assert!(report.contains("i-bastion at 203.0.113.20: TCP 22"), "{report}");
    assert!(
        report.contains("via internet -> aws-backbone -> igw-main -> vpc-main -> subnet-public-a -> i-bastion"),
        "{report}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&vpcanvas(&["exposure", &open, "--format", "json", "--ports", "22,80"]).stdout).unwrap();
    assert_eq!(json["exposed"][0]["tcp"][0]["from"], 22);
}

/// The sample with zone c's private subnet routed through zone a's NAT gateway: one NAT gateway for two zones.
fn one_nat() -> String {
    let mut design = sample();
    for table in &mut design.route_tables {
        for r in &mut table.routes {
            if r.target == vpcanvas_core::doc::RouteTarget::NatGateway(vpcanvas_core::doc::Id::new("nat-c").unwrap()) {
                r.target = vpcanvas_core::doc::RouteTarget::NatGateway(vpcanvas_core::doc::Id::new("nat-a").unwrap());
            }
        }
    }
    temp_file("one-nat.json", &vpcanvas_core::save(&design).unwrap())
}

#[test]
fn failure_reports_what_breaks_between_running_workloads_and_can_gate_a_pipeline() {
    // A NAT gateway per zone: every zone can fail and what still runs keeps working.
    let out = vpcanvas(&["failure", &sample_path(), "--each-zone", "--expect-survives"]);
    let report = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{report}{}", text(&out.stderr));
    assert!(report.contains("Failure: availability zone ap-northeast-2a"), "{report}");
    assert!(report.contains("Failure: availability zone ap-northeast-2c"), "{report}");
    assert!(report.contains("none between running workloads breaks"), "{report}");

    // One NAT gateway: losing its zone cuts the other zone off the internet.
    let one = one_nat();
    let out = vpcanvas(&["failure", &one, "--fail", "ap-northeast-2a", "--expect-survives"]);
    let report = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(report.contains("1 of 9 working flows break between running workloads"), "{report}");
    assert!(report.contains("i-web-c -> internet (TCP 443) at nat-a [COMPONENT_DOWN]"), "{report}");
    assert!(text(&out.stderr).contains("does not survive"));
    let out = vpcanvas(&["failure", &one, "--fail", "ap-northeast-2a", "--lang", "ko"]);
    assert!(text(&out.stdout).contains("장애: 가용 영역 ap-northeast-2a"), "{}", text(&out.stdout));

    let out = vpcanvas(&["failure", &one, "--fail", "nat-a", "--format", "json", "--ports", "none"]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let broken = json["reports"][0]["broken"].as_array().unwrap();
    assert_eq!(broken.len(), 2, "{json:#}");
    assert!(broken.iter().all(|b| b["endpoint_down"] == false));
    // Each broken flow's answer has the shape `trace --format json` prints.
    assert_eq!(broken[0]["answer"]["blocked_by"]["id"], "nat-a", "{json:#}");
    assert_eq!(broken[0]["answer"]["hops"][0]["kind"], "instance", "{json:#}");

    // Bad names are refused with the reason and the usage.
    let out = vpcanvas(&["failure", &sample_path(), "--fail", "vpc-main"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("vpc-main is a VPC"), "{}", text(&out.stderr));
    let out = vpcanvas(&["failure", &sample_path()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("either --fail NAME"));
}

#[test]
fn trace_and_exposure_run_under_a_failure() {
    let one = one_nat();
    let out = vpcanvas(&[
        "trace",
        &one,
        "--from",
        "i-web-c",
        "--to",
        "internet",
        "--port",
        "443",
        "--fail",
        "ap-northeast-2a",
        "--expect",
        "unreachable",
    ]);
    let report = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{report}");
    assert!(report.starts_with("Failure: availability zone ap-northeast-2a\n"), "{report}");
    assert!(report.contains("= DOWN: nat-a is down in this failure scenario"), "{report}");
    let out = vpcanvas(&[
        "trace", &one, "--from", "i-web-c", "--to", "internet", "--port", "443", "--fail", "nat-c", "--format", "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["reachable"], true, "{json:#}");
    assert_eq!(json["failure"]["failed"], "nat-c");

    let mut design = sample();
    get_mut::<SecurityGroup>(&mut design, "sg-bastion").inbound[0].peer =
        vpcanvas_core::doc::RulePeer::Cidr("0.0.0.0/0".parse().unwrap());
    let open = temp_file("open-failure.json", &vpcanvas_core::save(&design).unwrap());
    let out = vpcanvas(&["exposure", &open, "--fail", "i-bastion"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("Nothing in"));
}

#[test]
fn trace_starts_at_a_load_balancer_of_an_imported_capture() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/aws-conformance/nlb");
    if !dir.is_dir() {
        eprintln!("skipped: {} is not here", dir.display());
        return;
    }
    let lb = "arn:aws:elasticloadbalancing:us-east-2:554773406868:loadbalancer/net/test-lb/725b996cb6be8fba";
    let dir = dir.display().to_string();
    let out =
        vpcanvas(&["trace", &dir, "--from", lb, "--to", "i-0f4af951d61a19245", "--port", "22", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["reachable"], true, "{json:#}");
    assert_eq!(json["hops"][0]["id"], "test-lb node us-east-2a");
    assert_eq!(json["hops"][0]["kind"], "lb_node");
    assert_eq!(json["return"]["hops"].as_array().unwrap().last().unwrap()["id"], "test-lb node us-east-2a");
    // With its zone failed, the load balancer sends from its other node.
    let out = vpcanvas(&[
        "trace",
        &dir,
        "--from",
        lb,
        "--to",
        "i-055b0db7be365202c",
        "--port",
        "22",
        "--fail",
        "us-east-2a",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["hops"][0]["id"], "test-lb node us-east-2b", "{json:#}");
}

#[test]
fn trace_starts_on_premises_over_an_imported_vpn() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/aws-conformance/public-private-subnet-vpn");
    if !dir.is_dir() {
        eprintln!("skipped: {} is not here", dir.display());
        return;
    }
    let dir = dir.display().to_string();
    let from = ["trace", &dir, "--from", "on-premises", "--src-ip", "19.168.1.1", "--port", "22", "--format", "json"];
    let run = |to: &str| {
        let mut args = from.to_vec();
        args.extend(["--to", to]);
        let out = vpcanvas(&args);
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    // The private subnet's table propagates the gateway's routes: in over the VPN, and the reply goes back.
    let json = run("i-099cf38911942421c");
    assert_eq!(json["reachable"], true, "{json:#}");
    let hops: Vec<&str> = json["hops"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(hops[..3], ["on-premises", "vpn-05044757278685fd3", "vgw-070087240d6fa2989"]);
    // The public subnet's reply leaves by the internet gateway: not an answer the host sees.
    let json = run("i-094a9e5b545a4fde4");
    assert_eq!(json["reachable"], false, "{json:#}");
    assert_eq!(json["blocked_by"]["code"], "ASYMMETRIC_RETURN");
    assert_eq!(json["blocked_on"], "return");
}

#[test]
fn trace_reaches_aws_services_by_name() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/aws-conformance/vpc-endpoint-gateway");
    if !dir.is_dir() {
        eprintln!("skipped: {} is not here", dir.display());
        return;
    }
    let dir = dir.display().to_string();
    // This subnet's table routes S3's prefix list to the gateway endpoint, and everything else (DynamoDB too) to
    // the internet gateway.
    for (service, through) in [("s3", "vpc_endpoint"), ("dynamodb", "internet_gateway")] {
        let out = vpcanvas(&[
            "trace",
            &dir,
            "--from",
            "i-0464d440ca0ee9e34",
            "--to",
            service,
            "--port",
            "443",
            "--format",
            "json",
        ]);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["reachable"], true, "{service}: {json:#}");
        let kinds: Vec<&str> = json["hops"].as_array().unwrap().iter().map(|h| h["kind"].as_str().unwrap()).collect();
        assert!(kinds.contains(&through), "{service}: {kinds:?}");
    }
    // A design without the prefix list says so.
    let out = vpcanvas(&["trace", &sample_path(), "--from", "i-web-a", "--to", "s3", "--port", "443"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no AWS prefix list for s3"), "{}", text(&out.stderr));
}

#[test]
fn validate_reports_the_intent_checks_and_fails_on_a_failing_one() {
    let mut design: serde_json::Value = serde_json::from_str(SAMPLE).unwrap();
    design["intents"] = serde_json::json!([
        { "name": "web reaches the internet", "from": "i-web-a", "to": "internet", "port": 443, "expect": "reachable" },
        { "name": "the internet never reaches web", "from": "internet", "to": "i-web-a", "port": 22, "expect": "unreachable" },
    ]);
    let path = temp_file("intents-pass.json", &design.to_string());
    let out = vpcanvas(&["validate", &path]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("Intent checks: 0 of 2 failing"), "{stdout}");
    assert!(stdout.contains("pass  web reaches the internet"), "{stdout}");
    assert_eq!(out.status.code(), Some(0), "{stdout}");

    // Expecting the internet to reach a private instance on SSH fails, with the reason, and exits 1.
    design["intents"][1]["expect"] = serde_json::json!("reachable");
    let path = temp_file("intents-fail.json", &design.to_string());
    let out = vpcanvas(&["validate", &path, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["intents_failed"], 1);
    assert_eq!(report["intents"][1]["passed"], false);
    assert_eq!(report["intents"][1]["reachable"], false);
    assert!(report["intents"][1]["message"]["en"].as_str().unwrap().contains("expected reachable"));
    let out = vpcanvas(&["validate", &path, "--lang", "ko"]);
    assert!(text(&out.stdout).contains("실패  the internet never reaches web"));
}

#[test]
fn share_prints_a_link_that_carries_the_design() {
    let out = vpcanvas(&["share", &sample_path(), "--base", "https://example.org/app/"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let link = text(&out.stdout).trim().to_owned();
    let fragment = link.strip_prefix("https://example.org/app/#").expect("the base, then the fragment");
    let back = vpcanvas_core::share::decode(fragment).unwrap();
    let original = sample();
    assert_eq!(back, original);
    assert!(text(&out.stderr).contains("characters"));
    assert_eq!(vpcanvas(&["share"]).status.code(), Some(2));
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    // `vpcanvas fmt big.json | head -1`: the pipe closes after the first line; no panic, no error.
    let big = temp_file("big.json", "");
    assert!(vpcanvas(&["synth", "--resources", "2000", "-o", &big]).status.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_vpcanvas"))
        .args(["fmt", &big])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(!text(&out.stderr).contains("panicked"), "{}", text(&out.stderr));
}

#[test]
fn export_terraform_writes_the_files_and_says_what_it_left_out() {
    let dir = std::env::temp_dir().join(format!("vpcanvas-tf-{}", std::process::id()));
    let out = vpcanvas(&["export", "terraform", &sample_path(), "-o", &dir.display().to_string()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    for f in ["versions.tf", "variables.tf", "network.tf", "security.tf", "compute.tf", "outputs.tf"] {
        assert!(dir.join(f).exists(), "{f}");
    }
    assert!(std::fs::read_to_string(dir.join("network.tf")).unwrap().contains("resource \"aws_vpc\" \"vpc_main\""));
    let templates = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../core/templates/three-tier-multi-az.json");
    let out = vpcanvas(&["export", "terraform", &templates.display().to_string(), "-o", &dir.display().to_string()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(dir.join("load_balancing.tf").exists());
    let yaml = dir.join("three-tier.yaml");
    let out =
        vpcanvas(&["export", "cloudformation", &templates.display().to_string(), "-o", &yaml.display().to_string()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let template = std::fs::read_to_string(&yaml).unwrap();
    assert!(template.starts_with("AWSTemplateFormatVersion: \"2010-09-09\""), "{template}");
    assert!(template.contains("Type: \"AWS::ElasticLoadBalancingV2::LoadBalancer\""));
    assert_eq!(vpcanvas(&["export", "pulumi", &sample_path(), "-o", "x"]).status.code(), Some(2));
    assert_eq!(vpcanvas(&["export", "terraform", &sample_path()]).status.code(), Some(2));
}
