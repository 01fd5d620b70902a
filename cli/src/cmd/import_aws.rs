//! `vpcanvas import-aws`: a folder of `aws ... describe-*` JSON output becomes a vpcanvas design.

use std::path::Path;
use std::process::ExitCode;

use super::ReadError;

const HELP: &str = "\
Usage: vpcanvas import-aws <DIR> [-o FILE]

Reads every .json file under DIR (Region sub-folders allowed), each the output of one describe call recognised by
its top-level key whatever the file is called: Vpcs, Subnets, RouteTables, NetworkAcls, SecurityGroups,
Reservations (describe-instances), NetworkInterfaces, InternetGateways, NatGateways, Addresses,
VpcPeeringConnections, VpcEndpoints, PrefixLists, VpnGateways, VpnConnections, CustomerGateways, AvailabilityZones,
TransitGateways and their attachments, route tables, propagations and static routes, elbv2 LoadBalancers,
Listeners, TargetGroups and target health, and ECS clusters, services, tasks, task definitions and container
instances.
Writes a vpcanvas design that keeps the AWS ids, laid out for the canvas, to standard output or FILE.

What was left out (unknown files and fields, deleted or failed resources, kinds not imported yet) is listed on
standard error. A malformed file stops the import with the file, the JSON path and the reason; nothing is written.

  -o FILE   Write the design to FILE (written whole, or not at all) instead of standard output.

Example:
  mkdir capture && aws ec2 describe-vpcs > capture/vpcs.json && aws ec2 describe-subnets > capture/subnets.json
  vpcanvas import-aws capture -o network.json
";

pub fn run(args: &[String]) -> ExitCode {
    let mut dir = None;
    let mut out = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                out!("{HELP}");
                return ExitCode::SUCCESS;
            }
            "-o" | "--output" => match it.next() {
                Some(f) => out = Some(f.clone()),
                None => return super::usage("-o needs a file name", HELP),
            },
            flag if flag.starts_with('-') => return super::usage(&format!("unknown option {flag:?}"), HELP),
            d if dir.is_none() => dir = Some(d.to_owned()),
            extra => return super::usage(&format!("unexpected argument {extra:?}"), HELP),
        }
    }
    let Some(dir) = dir else { return super::usage("import-aws needs a folder", HELP) };
    let imported = match import_dir(Path::new(&dir)) {
        Ok(i) => i,
        Err(message) => {
            eprintln!("vpcanvas: {message}");
            return ExitCode::from(2);
        }
    };
    for note in &imported.notes {
        eprintln!("note: {note}");
    }
    super::emit_design(&imported.design, out.as_deref())
}

/// Every `.json` file under `dir`, sorted, as (path relative to `dir`, contents).
fn json_files(dir: &Path) -> Result<Vec<(String, String)>, ReadError> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let unlisted = |error| ReadError::Folder { path: d.clone(), error };
        for entry in std::fs::read_dir(&d).map_err(unlisted)? {
            let path = entry.map_err(unlisted)?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x.eq_ignore_ascii_case("json")) {
                let text =
                    std::fs::read_to_string(&path).map_err(|error| ReadError::File { path: path.clone(), error })?;
                let name = path.strip_prefix(dir).unwrap_or(&path).display().to_string();
                out.push((name, text));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Imports a folder of describe-* output.
pub fn import_dir(dir: &Path) -> Result<vpcanvas_core::import::Imported, ReadError> {
    let files = json_files(dir)?;
    let refs: Vec<vpcanvas_core::import::ImportFile<'_>> =
        files.iter().map(|(name, text)| vpcanvas_core::import::ImportFile { name, text }).collect();
    vpcanvas_core::import::import_aws(&refs).map_err(|error| ReadError::Import { dir: dir.to_path_buf(), error })
}
