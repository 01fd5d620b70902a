//! `vpcanvas share`: the link that opens a design in the app, read-only, with the design in the URL fragment.

use std::process::ExitCode;

use vpcanvas_core::share::{COMFORTABLE_LINK_CHARS, encode};

const HELP: &str = "\
Usage: vpcanvas share <DESIGN> [--base URL]

Prints the link that opens DESIGN in the vpcanvas app: the design compressed into the URL fragment (#d2.…), which
browsers never send to a server. The app shows it read-only, with \"edit a copy\". The length goes to stderr; a link
over 8,000 characters is too long for some tools (share the file instead).

  --base URL   Where the app is served (default http://127.0.0.1:8080/).

Example:
  vpcanvas share public/samples/two-az.json --base https://example.org/vpcanvas/
";

pub fn run(args: &[String]) -> ExitCode {
    let mut base = "http://127.0.0.1:8080/".to_owned();
    let mut path = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                out!("{HELP}");
                return ExitCode::SUCCESS;
            }
            "--base" => match it.next() {
                Some(b) => base = b.clone(),
                None => return super::usage("--base needs a URL", HELP),
            },
            flag if flag.starts_with('-') => return super::usage(&format!("unknown option {flag:?}"), HELP),
            file if path.is_none() => path = Some(file.to_owned()),
            extra => return super::usage(&format!("unexpected argument {extra:?}"), HELP),
        }
    }
    let Some(path) = path else { return super::usage("share needs a design file", HELP) };
    let design = match super::read_design(&path) {
        Ok((_, d)) => d,
        Err(message) => {
            eprintln!("vpcanvas: {message}");
            return ExitCode::from(2);
        }
    };
    match encode(&design) {
        Ok(fragment) => {
            let link = format!("{base}#{fragment}");
            outln!("{link}");
            let n = link.chars().count();
            if n > COMFORTABLE_LINK_CHARS {
                eprintln!("{n} characters: too long for some tools; share the file instead");
            } else {
                eprintln!("{n} characters");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("vpcanvas: {e}");
            ExitCode::from(2)
        }
    }
}
