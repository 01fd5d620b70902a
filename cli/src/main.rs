//! The `vpcanvas` command: glue over vpcanvas-core for pipelines. One file per subcommand under `cmd/`; no AWS
//! logic lives here.

/// Prints a line to stdout. When the reader has gone (`vpcanvas validate f | head`), the program ends quietly with
/// success, as Unix tools do, instead of panicking on the broken pipe.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout(), $($arg)*) {
            $crate::closed_output(e);
        }
    }};
}

/// Prints to stdout without a new line; see [`outln`].
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = write!(std::io::stdout(), $($arg)*) {
            $crate::closed_output(e);
        }
    }};
}

mod cmd;

use std::process::ExitCode;

const HELP: &str = "\
vpcanvas — design AWS networks and check them in pipelines

Usage: vpcanvas <COMMAND> [ARGS]

Commands:
  exposure <DESIGN> [--ports LIST]
                           What the internet can reach, on which ports, with a witness path; exit 1 if anything.
  export terraform <DESIGN> -o DIR | export cloudformation <DESIGN> -o FILE
                           Write the design as Terraform files or a CloudFormation template.
  failure <DESIGN> (--fail NAME... | --each-zone)
                           Which working flows break when a zone or component fails; ECS re-places tasks.
  import-aws <DIR> [-o FILE]
                           Turn a folder of aws describe-* JSON output into a design (AWS ids kept, laid out).
  fmt <DESIGN> [--check]   Load a design file and print it in canonical form (stable for git diffs).
                           With --check, print nothing and exit 1 when the file is not already canonical.
  schema                   Print the JSON Schema of the design format (draft 2020-12).
  share <DESIGN> [--base URL]
                           Print the link that opens the design in the app (the design in the URL fragment).
  synth [--resources N]    Write a generated, laid-out design of about N resources (benchmarks, trying scale).
  trace <DESIGN> --from SRC --to DST [--protocol P] [--port N]
                           Trace a flow and its reply hop by hop (--format json, --expect reachable|unreachable).
  validate <DESIGN>        Check a design against every validation rule; exit 1 on any error.
                           --format json for machines, --lang ko for Korean messages.
  help                     Print this help.

Options:
  -h, --help               Print this help.
  -V, --version            Print the version.

A DESIGN argument of validate, trace, exposure and failure may be a folder of describe-* output: it is imported first.

Exit status: 0 success, 1 check failed, 2 bad usage or unreadable design.

Examples:
  vpcanvas fmt network.vpcanvas.json > tidy.json
  vpcanvas fmt --check network.vpcanvas.json
  vpcanvas schema > design.schema.json
  vpcanvas validate network.vpcanvas.json --format json
  vpcanvas trace network.vpcanvas.json --from i-web-a --to internet --port 443
  vpcanvas failure network.vpcanvas.json --each-zone --expect-survives
";

/// Output could not be written: a closed pipe ends the program; anything else is reported.
fn closed_output(e: std::io::Error) {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    eprintln!("vpcanvas: cannot write the output: {e}");
    std::process::exit(2);
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = args.first() else {
        eprint!("{HELP}");
        return ExitCode::from(2);
    };
    let rest = &args[1..];
    match command.as_str() {
        "-h" | "--help" | "help" => {
            out!("{HELP}");
            ExitCode::SUCCESS
        }
        "-V" | "--version" => {
            outln!("vpcanvas {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        "export" => cmd::export::run(rest),
        "exposure" => cmd::exposure::run(rest),
        "failure" => cmd::failure::run(rest),
        "fmt" => cmd::fmt::run(rest),
        "import-aws" => cmd::import_aws::run(rest),
        "schema" => cmd::schema::run(rest),
        "share" => cmd::share::run(rest),
        "synth" => cmd::synth::run(rest),
        "trace" => cmd::trace::run(rest),
        "validate" => cmd::validate::run(rest),
        other => {
            eprintln!("vpcanvas: unknown command {other:?}; run `vpcanvas --help` for the list");
            ExitCode::from(2)
        }
    }
}
