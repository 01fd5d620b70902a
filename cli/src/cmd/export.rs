//! `vpcanvas export terraform`: the design as Terraform configuration, files written to a folder.

use std::process::ExitCode;

use vpcanvas_core::export::terraform;

const HELP: &str = "\
Usage: vpcanvas export terraform <DESIGN|DIR> -o DIR

Writes DESIGN as Terraform configuration for the AWS provider (v5) into DIR: versions.tf, variables.tf (the Region,
one AMI per instance), network.tf (VPCs, subnets, gateways, Elastic IPs, route tables, routes, associations),
security.tf (network ACLs, security groups with one resource per rule), compute.tf (instances) and outputs.tf.
Resources refer to each other by reference; names come from the design's ids.

Not exported yet (listed on stderr when the design has them): load balancers, ECS, VPC peering, endpoints, VPN,
Direct Connect and transit gateways. CloudFormation export follows.

Example:
  vpcanvas export terraform network.json -o infra/
";

pub fn run(args: &[String]) -> ExitCode {
    let mut target = None;
    let mut path = None;
    let mut out = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                out!("{HELP}");
                return ExitCode::SUCCESS;
            }
            "-o" | "--output" => match it.next() {
                Some(d) => out = Some(d.clone()),
                None => return super::usage("-o needs a folder", HELP),
            },
            flag if flag.starts_with('-') => return super::usage(&format!("unknown option {flag:?}"), HELP),
            word if target.is_none() => target = Some(word.to_owned()),
            file if path.is_none() => path = Some(file.to_owned()),
            extra => return super::usage(&format!("unexpected argument {extra:?}"), HELP),
        }
    }
    match target.as_deref() {
        Some("terraform") => {}
        Some(other) => return super::usage(&format!("export knows terraform, not {other:?}"), HELP),
        None => return super::usage("export needs a format: terraform", HELP),
    }
    let (Some(path), Some(out)) = (path, out) else { return super::usage("export needs a design and -o DIR", HELP) };
    let design = match super::read_design(&path) {
        Ok((_, d)) => d,
        Err(message) => {
            eprintln!("vpcanvas: {message}");
            return ExitCode::from(2);
        }
    };
    let export = terraform::export(&design);
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("vpcanvas: cannot create {out}: {e}");
        return ExitCode::from(2);
    }
    for (name, text) in &export.files {
        let file = std::path::Path::new(&out).join(name);
        if let Err(e) = super::write_whole(&file.display().to_string(), text) {
            eprintln!("vpcanvas: {e}");
            return ExitCode::from(2);
        }
    }
    eprintln!("wrote {} file(s) to {out}", export.files.len());
    if !export.skipped.is_empty() {
        eprintln!("not exported yet ({}): {}", export.skipped.len(), export.skipped.join(", "));
    }
    ExitCode::SUCCESS
}
