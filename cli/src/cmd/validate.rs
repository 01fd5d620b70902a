//! `vpcanvas validate`: every diagnostic of a design, grouped by severity; exit status 1 when any is an error.

use std::process::ExitCode;

use vpcanvas_core::check::{Diagnostic, Severity, check};
use vpcanvas_core::sim::{IntentResult, evaluate_intents};

const HELP: &str = "\
Usage: vpcanvas validate <DESIGN> [--format text|json] [--lang en|ko]

Checks DESIGN (a vpcanvas design JSON file) against every validation rule (see docs/rules.md): AWS hard limits,
routing that cannot work, and best practices. Prints the findings grouped by severity, each with the resources it
is about, what to change, the fix vpcanvas can apply where there is one, and the AWS documentation. Then the
design's intent checks (its `intents`: named flows expected to be reachable or unreachable), each traced.

  --format text   Human-readable (the default).
  --format json   {\"diagnostics\": [...], \"intents\": [{index, name, passed, reachable, message}],
                  \"summary\": {\"errors\": N, \"warnings\": N, \"infos\": N, \"intents_failed\": N}} for machines.
  --lang ko       Messages in Korean (text format; JSON always carries both languages).

Exit status: 0 no error-severity finding and every intent check passes, 1 an error or a failing intent check,
2 bad usage or unreadable design.

Examples:
  vpcanvas validate network.json
  vpcanvas validate network.json --format json | jq '.diagnostics[] | select(.severity == \"error\")'
";

#[derive(PartialEq)]
enum Format {
    Text,
    Json,
}

pub fn run(args: &[String]) -> ExitCode {
    let mut format = Format::Text;
    let mut korean = false;
    let mut path = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                out!("{HELP}");
                return ExitCode::SUCCESS;
            }
            "--format" => match it.next().map(String::as_str) {
                Some("text") => format = Format::Text,
                Some("json") => format = Format::Json,
                other => return super::usage(&format!("--format takes text or json, not {other:?}"), HELP),
            },
            "--lang" => match it.next().map(String::as_str) {
                Some("en") => korean = false,
                Some("ko") => korean = true,
                other => return super::usage(&format!("--lang takes en or ko, not {other:?}"), HELP),
            },
            flag if flag.starts_with('-') => return super::usage(&format!("unknown option {flag:?}"), HELP),
            file if path.is_none() => path = Some(file.to_owned()),
            extra => return super::usage(&format!("unexpected argument {extra:?}"), HELP),
        }
    }
    let Some(path) = path else { return super::usage("validate needs a design file", HELP) };
    let design = match super::read_design(&path) {
        Ok((_, design)) => design,
        Err(message) => {
            eprintln!("vpcanvas: {message}");
            return ExitCode::from(2);
        }
    };
    let diagnostics = check(&design);
    let intents = evaluate_intents(&design);
    let failed = intents.iter().filter(|i| !i.passed).count();
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let (errors, warnings, infos) = (count(Severity::Error), count(Severity::Warning), count(Severity::Info));
    match format {
        Format::Json => {
            let out = serde_json::json!({
                "diagnostics": diagnostics,
                "intents": intents,
                "summary": { "errors": errors, "warnings": warnings, "infos": infos, "intents_failed": failed },
            });
            match serde_json::to_string_pretty(&out) {
                Ok(text) => outln!("{text}"),
                Err(e) => {
                    eprintln!("vpcanvas: cannot print the diagnostics: {e}");
                    return ExitCode::from(2);
                }
            }
        }
        Format::Text => {
            print_text(&path, &diagnostics, korean, (errors, warnings, infos));
            print_intents(&intents, korean);
        }
    }
    if errors > 0 || failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

fn print_text(path: &str, diagnostics: &[Diagnostic], korean: bool, (errors, warnings, infos): (usize, usize, usize)) {
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let group: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.severity == severity).collect();
        if group.is_empty() {
            continue;
        }
        let heading = match (severity, korean) {
            (Severity::Error, false) => "Errors",
            (Severity::Warning, false) => "Warnings",
            (Severity::Info, false) => "Notes",
            (Severity::Error, true) => "오류",
            (Severity::Warning, true) => "경고",
            (Severity::Info, true) => "참고",
        };
        outln!("{heading} ({})", group.len());
        for d in group {
            let resources = d.resources.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ");
            outln!("  {}[{}] {resources}", severity.label(), d.code);
            outln!("    {}", if korean { &d.message.ko } else { &d.message.en });
            if let Some(fix) = &d.fix {
                outln!(
                    "    {}: {}",
                    if korean { "수정" } else { "fix" },
                    if korean { &fix.title.ko } else { &fix.title.en }
                );
            }
            let refs: Vec<&str> =
                d.refs.security_hub.iter().chain(d.refs.checkov).chain(d.refs.cfn_lint).copied().collect();
            if refs.is_empty() {
                outln!("    {}", d.docs);
            } else {
                outln!("    {} ({})", d.docs, refs.join(", "));
            }
        }
        outln!();
    }
    if korean {
        outln!("{path}: 오류 {errors}개, 경고 {warnings}개, 참고 {infos}개");
    } else {
        outln!("{path}: {errors} error(s), {warnings} warning(s), {infos} note(s)");
    }
}

fn print_intents(intents: &[IntentResult], korean: bool) {
    if intents.is_empty() {
        return;
    }
    let failed = intents.iter().filter(|i| !i.passed).count();
    outln!();
    if korean {
        outln!("의도 확인 {}개 중 {failed}개 실패", intents.len());
    } else {
        outln!("Intent checks: {failed} of {} failing", intents.len());
    }
    for i in intents {
        let mark = match (i.passed, korean) {
            (true, false) => "pass",
            (false, false) => "FAIL",
            (true, true) => "통과",
            (false, true) => "실패",
        };
        outln!("  {mark}  {}", i.name);
        outln!("        {}", if korean { &i.message.ko } else { &i.message.en });
    }
}
