//! One module per subcommand, each with a `run(args) -> ExitCode`.

pub mod export;
pub mod exposure;
pub mod failure;
pub mod fmt;
pub mod import_aws;
pub mod schema;
pub mod share;
pub mod synth;
pub mod trace;
pub mod validate;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Prints a usage error and returns the usage exit status.
pub fn usage(message: &str, help: &str) -> ExitCode {
    eprintln!("vpcanvas: {message}\n\n{help}");
    ExitCode::from(2)
}

/// Why a design could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// A folder could not be listed.
    Folder { path: PathBuf, error: std::io::Error },
    /// A file could not be read.
    File { path: PathBuf, error: std::io::Error },
    /// A design file that does not load.
    Load { path: String, error: vpcanvas_core::doc::LoadError },
    /// A folder of describe-* output that does not import.
    Import { dir: PathBuf, error: vpcanvas_core::import::ImportError },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Folder { path, error } => write!(f, "cannot read the folder {}: {error}", path.display()),
            ReadError::File { path, error } => write!(f, "cannot read {}: {error}", path.display()),
            ReadError::Load { path, error } => write!(f, "{path}: {error}"),
            ReadError::Import { dir, error } => write!(f, "{}: {error}", dir.display()),
        }
    }
}

impl std::error::Error for ReadError {}

/// Reads a design file, or imports a folder of AWS describe-* output (notes go to standard error); the error names
/// the file and, for a bad design, the JSON path and reason.
pub fn read_design(path: &str) -> Result<(String, vpcanvas_core::Design), ReadError> {
    if Path::new(path).is_dir() {
        let imported = import_aws::import_dir(Path::new(path))?;
        for note in &imported.notes {
            eprintln!("note: {note}");
        }
        return Ok((String::new(), imported.design));
    }
    let text = std::fs::read_to_string(path).map_err(|error| ReadError::File { path: path.into(), error })?;
    let design = vpcanvas_core::load(&text).map_err(|error| ReadError::Load { path: path.to_owned(), error })?;
    Ok((text, design))
}

/// Writes a file whole or not at all: to a temporary file beside it, then renamed over it.
pub fn write_whole(path: &str, text: &str) -> std::io::Result<()> {
    let target = std::path::Path::new(path);
    let temp = target.with_extension(format!("tmp-{}", std::process::id()));
    std::fs::write(&temp, text)?;
    std::fs::rename(&temp, target).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

/// The design under the failures named by `--fail` (zones or resource ids); the design itself when none are named.
pub fn under_failure(
    design: vpcanvas_core::Design,
    names: &[String],
) -> Result<vpcanvas_core::sim::Scenario, vpcanvas_core::sim::FailureError> {
    let outage = vpcanvas_core::sim::parse_failures(&design, names)?;
    Ok(vpcanvas_core::sim::scenario(&design, outage))
}

/// What a scenario changed, for text output: the failure, ECS's replacements and the tasks it could not start.
pub fn print_scenario(s: &vpcanvas_core::sim::Scenario, korean: bool) {
    if s.outage.is_empty() {
        return;
    }
    if korean {
        outln!("장애: {}", s.outage.describe_ko());
    } else {
        outln!("Failure: {}", s.outage.describe());
    }
    for r in &s.replacements {
        let place = r.subnet.as_ref().or(r.container_instance.as_ref()).map(|p| p.to_string()).unwrap_or_default();
        if korean {
            outln!("  ECS 서비스 {}: {}를 {}({place}, {})로 다시 배치", r.service, r.task, r.replacement, r.zone);
        } else {
            outln!("  ECS service {}: {} re-placed as {} in {place} ({})", r.service, r.task, r.replacement, r.zone);
        }
    }
    for u in &s.unplaced {
        outln!("  {}", if korean { &u.reason.ko } else { &u.reason.en });
    }
}

/// Writes a design to FILE (whole or not at all) or, without one, to standard output.
pub fn emit_design(design: &vpcanvas_core::Design, out: Option<&str>) -> ExitCode {
    let text = match vpcanvas_core::save(design) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("vpcanvas: cannot write the design: {e}");
            return ExitCode::from(2);
        }
    };
    match out {
        Some(file) => match write_whole(file, &text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("vpcanvas: cannot write {file}: {e}");
                ExitCode::from(2)
            }
        },
        None => {
            out!("{text}");
            ExitCode::SUCCESS
        }
    }
}
