//! Runs the real `vpcanvas` binary on files, as a pipeline would.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may fail loudly

use std::path::PathBuf;
use std::process::{Command, Output};

fn vpcanvas(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vpcanvas")).args(args).output().expect("the vpcanvas binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn sample() -> String {
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
    let out = vpcanvas(&["fmt", &sample()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let canonical = text(&out.stdout);
    let again = vpcanvas_core::save(&vpcanvas_core::load(&canonical).unwrap()).unwrap();
    assert_eq!(canonical, again);

    let tidy = temp_file("tidy.json", &canonical);
    assert_eq!(vpcanvas(&["fmt", "--check", &tidy]).status.code(), Some(0));
    // The hand-written sample is valid but not canonical.
    let out = vpcanvas(&["fmt", "--check", &sample()]);
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
