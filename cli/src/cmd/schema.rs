//! `vpcanvas schema`: print the JSON Schema of the design format.

use std::process::ExitCode;

const HELP: &str = "\
Usage: vpcanvas schema

Prints the JSON Schema (draft 2020-12) of the vpcanvas design format, the same file the app publishes at
/schema/design-v1.schema.json.

Example:
  vpcanvas schema > design.schema.json
";

pub fn run(args: &[String]) -> ExitCode {
    match args.first().map(String::as_str) {
        None => {}
        Some("-h" | "--help") => {
            out!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Some(other) => return super::usage(&format!("unexpected argument {other:?}"), HELP),
    }
    match serde_json::to_string_pretty(&vpcanvas_core::doc::json_schema()) {
        Ok(text) => {
            outln!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("vpcanvas: cannot print the schema: {e}");
            ExitCode::from(2)
        }
    }
}
