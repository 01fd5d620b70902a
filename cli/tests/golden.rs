//! Golden outputs of the text formats on the shipped sample: what a person reads in a terminal. Regenerate with
//! `UPDATE_GOLDEN=1 cargo test -p vpcanvas-cli --test golden` and read the diff before committing it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may fail loudly

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn check(name: &str, args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_vpcanvas")).current_dir(root().join("..")).args(args).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let path = root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        text == expected,
        "{name} changed; run UPDATE_GOLDEN=1 cargo test -p vpcanvas-cli --test golden and review.\n--- got ---\n{text}"
    );
}

const SAMPLE: &str = "public/samples/two-az.json";

#[test]
fn trace_to_the_internet() {
    check("trace-web-a-internet.txt", &["trace", SAMPLE, "--from", "i-web-a", "--to", "internet", "--port", "443"]);
}

#[test]
fn trace_blocked_in_korean() {
    check(
        "trace-web-a-web-c-3306-ko.txt",
        &["trace", SAMPLE, "--from", "i-web-a", "--to", "i-web-c", "--port", "3306", "--lang", "ko"],
    );
}

#[test]
fn validate_the_sample() {
    check("validate-sample.txt", &["validate", SAMPLE]);
}

#[test]
fn exposure_of_the_sample() {
    check("exposure-sample.txt", &["exposure", SAMPLE]);
}
