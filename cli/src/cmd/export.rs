//! `vpcanvas export terraform|cloudformation`: the design as infrastructure code.

use std::process::ExitCode;

use vpcanvas_core::export::{cloudformation, terraform};

const HELP: &str = "\
Usage: vpcanvas export terraform <DESIGN|DIR> -o DIR
       vpcanvas export cloudformation <DESIGN|DIR> -o FILE

terraform: writes DESIGN as Terraform configuration for the AWS provider (v5) into DIR: versions.tf, variables.tf
(the Region, one AMI per instance, certificates), network.tf (VPCs, subnets, gateways, Elastic IPs, route tables,
routes, associations), security.tf (network ACLs, security groups with one resource per rule), compute.tf
(instances, interfaces), load_balancing.tf, ecs.tf, connectivity.tf (peering, endpoints, prefix lists, VPN, Direct
Connect, transit gateways) and outputs.tf.

cloudformation: writes DESIGN as one CloudFormation template (YAML) to FILE, with a parameter per AMI and
certificate. CloudFormation has no Direct Connect resources; those are listed, not written.

Resources refer to each other by reference; names come from the design's ids. What is not written (running ECS
tasks, which their services start; anything the format has no resource for) is listed on stderr.

Examples:
  vpcanvas export terraform network.json -o infra/
  vpcanvas export cloudformation network.json -o network.yaml
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
    let cloudformation = match target.as_deref() {
        Some("terraform") => false,
        Some("cloudformation") => true,
        Some(other) => return super::usage(&format!("export knows terraform and cloudformation, not {other:?}"), HELP),
        None => return super::usage("export needs a format: terraform or cloudformation", HELP),
    };
    let (Some(path), Some(out)) = (path, out) else { return super::usage("export needs a design and -o", HELP) };
    let design = match super::read_design(&path) {
        Ok((_, d)) => d,
        Err(message) => {
            eprintln!("vpcanvas: {message}");
            return ExitCode::from(2);
        }
    };
    if cloudformation {
        let export = cloudformation::export(&design);
        if let Err(e) = super::write_whole(&out, &export.template) {
            eprintln!("vpcanvas: {e}");
            return ExitCode::from(2);
        }
        eprintln!("wrote {out}");
        if !export.skipped.is_empty() {
            eprintln!("not written ({}): {}", export.skipped.len(), export.skipped.join("; "));
        }
        return ExitCode::SUCCESS;
    }
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
        eprintln!("not written ({}): {}", export.skipped.len(), export.skipped.join("; "));
    }
    ExitCode::SUCCESS
}
