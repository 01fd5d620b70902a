//! `vpcanvas synth`: write a generated design of a given size, laid out, for trying the tools at scale.

use std::process::ExitCode;

const HELP: &str = "\
Usage: vpcanvas synth [--resources N] [-o FILE]

Writes a generated design of about N resources (default 1000; at most 200000): three-tier VPCs in us-east-1, each
with public, application and data subnets in two Availability Zones, NAT gateways, security groups and instances,
laid out as the importer lays out designs. The same design every time for the same N: for benchmarks, and to see
how the app and the checks behave on a large network.

  --resources N  About how many resources (rounded to whole VPCs of 29 resources).
  -o FILE        Write to FILE (whole or not at all) instead of standard output.

Example:
  vpcanvas synth --resources 5000 -o large.json
";

pub fn run(args: &[String]) -> ExitCode {
    let mut resources = 1000usize;
    let mut out: Option<String> = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                out!("{HELP}");
                return ExitCode::SUCCESS;
            }
            "--resources" => match it.next().and_then(|v| v.parse::<usize>().ok()) {
                Some(n) if (1..=200_000).contains(&n) => resources = n,
                _ => return super::usage("--resources takes a number from 1 to 200000", HELP),
            },
            "-o" | "--output" => match it.next() {
                Some(f) => out = Some(f.clone()),
                None => return super::usage("-o needs a file name", HELP),
            },
            other => return super::usage(&format!("unexpected argument {other:?}"), HELP),
        }
    }
    let mut design = vpcanvas_core::synth::design_with_resources(resources);
    design.layout = vpcanvas_core::import::arrange(&design);
    super::emit_design(&design, out.as_deref())
}
