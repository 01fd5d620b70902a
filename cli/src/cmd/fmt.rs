//! `vpcanvas fmt`: load a design and print it in canonical form, or check that it already is.

use std::process::ExitCode;

const HELP: &str = "\
Usage: vpcanvas fmt <DESIGN> [--check]

Loads DESIGN (a vpcanvas design JSON file) and prints it in canonical form: fields in schema order, two-space
indentation, default values left out. A file that does not load is reported with the JSON path and the reason.

  --check   Print nothing; exit 1 when DESIGN is not in canonical form.

Example:
  vpcanvas fmt --check designs/prod.json
";

pub fn run(args: &[String]) -> ExitCode {
    let mut check = false;
    let mut path = None;
    for arg in args {
        match arg.as_str() {
            "--check" => check = true,
            "-h" | "--help" => {
                out!("{HELP}");
                return ExitCode::SUCCESS;
            }
            flag if flag.starts_with('-') => return super::usage(&format!("unknown option {flag:?}"), HELP),
            file if path.is_none() => path = Some(file.to_owned()),
            extra => return super::usage(&format!("unexpected argument {extra:?}"), HELP),
        }
    }
    let Some(path) = path else { return super::usage("fmt needs a design file", HELP) };
    let (text, design) = match super::read_design(&path) {
        Ok(loaded) => loaded,
        Err(message) => {
            eprintln!("vpcanvas: {message}");
            return ExitCode::from(2);
        }
    };
    let canonical = match vpcanvas_core::save(&design) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("vpcanvas: {e}");
            return ExitCode::from(2);
        }
    };
    if check {
        if canonical == text {
            ExitCode::SUCCESS
        } else {
            eprintln!("vpcanvas: {path} is not in canonical form; run `vpcanvas fmt {path}` to see it");
            ExitCode::from(1)
        }
    } else {
        out!("{canonical}");
        ExitCode::SUCCESS
    }
}
