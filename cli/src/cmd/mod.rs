//! One module per subcommand, each with a `run(args) -> ExitCode`.

pub mod fmt;
pub mod schema;
pub mod trace;
pub mod validate;

use std::process::ExitCode;

/// Prints a usage error and returns the usage exit status.
pub fn usage(message: &str, help: &str) -> ExitCode {
    eprintln!("vpcanvas: {message}\n\n{help}");
    ExitCode::from(2)
}

/// Reads a design file; the error names the file and, for a bad design, the JSON path and reason.
pub fn read_design(path: &str) -> Result<(String, vpcanvas_core::Design), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let design = vpcanvas_core::load(&text).map_err(|e| format!("{path}: {e}"))?;
    Ok((text, design))
}
