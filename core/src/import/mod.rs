//! Import of real AWS `describe-*` output into a design.
//!
//! The importer takes file contents, not paths (the CLI reads a folder; the app will read dropped files): each file
//! holds one describe call, recognised by its top-level key (`Vpcs`, `Subnets`, `Reservations`, …) whatever it is
//! called. It keeps AWS ids; skips what AWS reports as deleted, disassociated, failed or terminated; lists unknown
//! files and fields in its notes; and stops at the first malformed file with the file, the JSON path and the reason,
//! producing nothing. Propagated routes are not stored (they follow from the design); the prefixes a virtual
//! private gateway propagated are kept as an on-premises network behind its customer gateways, so that the
//! simulator learns them again.

mod awsjson;
mod build;

use std::collections::BTreeSet;
use std::fmt;

pub use build::arrange;

use crate::doc::Design;

/// One file to import: its name (for messages and Region detection) and its text.
#[derive(Debug, Clone, Copy)]
pub struct ImportFile<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// A successful import.
#[derive(Debug, Clone)]
pub struct Imported {
    pub design: Design,
    /// What was left out, and why: unknown files, ignored fields, skipped resources. Sorted and deduplicated.
    pub notes: Vec<String>,
}

/// Why an import stopped. Nothing is produced when it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// A file is larger than [`MAX_FILE_BYTES`].
    TooLarge { file: String, bytes: usize },
    /// A file is not JSON.
    Syntax { file: String, line: usize, column: usize, message: String },
    /// A file's content does not have the shape of its describe call.
    Invalid { file: String, path: String, message: String },
    /// No file held a describe call vpcanvas reads.
    Nothing,
}

/// The largest single file accepted (256 MiB).
pub const MAX_FILE_BYTES: usize = 256 * 1024 * 1024;

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge { file, bytes } => {
                write!(f, "{file}: {bytes} bytes is more than the {MAX_FILE_BYTES} bytes vpcanvas reads")
            }
            ImportError::Syntax { file, line, column, message } => {
                write!(f, "{file}: not valid JSON at line {line}, column {column}: {message}")
            }
            ImportError::Invalid { file, path, message } => write!(f, "{file}: at {path}: {message}"),
            ImportError::Nothing => f.write_str(
                "none of the files holds AWS describe-* output that vpcanvas reads (Vpcs, Subnets, RouteTables, …)",
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// The describe calls the importer reads, by top-level key.
pub const KNOWN_KEYS: &[&str] = &[
    "Vpcs",
    "Subnets",
    "RouteTables",
    "NetworkAcls",
    "SecurityGroups",
    "Reservations",
    "NetworkInterfaces",
    "InternetGateways",
    "NatGateways",
    "Addresses",
    "VpcPeeringConnections",
    "VpcEndpoints",
    "PrefixLists",
    "VpnGateways",
    "VpnConnections",
    "CustomerGateways",
    "AvailabilityZones",
    "LoadBalancers",
    "LoadBalancerListeners",
    "Listeners",
    "TargetGroups",
    "LoadBalancerTargetHealth",
    "LoadBalancerAttributes",
    "TransitGateways",
    "TransitGatewayAttachments",
    "TransitGatewayVpcAttachments",
    "TransitGatewayRouteTables",
    "TransitGatewayPropagations",
    "TransitGatewayStaticRoutes",
    "clusters",
    "services",
    "tasks",
    "taskDefinition",
    "taskDefinitions",
    "containerInstances",
];

/// Describe calls vpcanvas recognises but does not import yet (they are listed in the notes).
const LATER_KEYS: &[&str] = &["DirectConnectGateways", "DirectConnectGatewayAssociations", "VirtualInterfaces"];

/// Imports a set of describe-* files into a design, laid out for the canvas.
pub fn import_aws(files: &[ImportFile<'_>]) -> Result<Imported, ImportError> {
    let mut notes = BTreeSet::new();
    let mut set = build::Collected::default();
    let mut any = false;
    for file in files {
        if file.text.len() > MAX_FILE_BYTES {
            return Err(ImportError::TooLarge { file: file.name.to_owned(), bytes: file.text.len() });
        }
        let value: serde_json::Value = serde_json::from_str(file.text).map_err(|e| ImportError::Syntax {
            file: file.name.to_owned(),
            line: e.line(),
            column: e.column(),
            message: strip_position(e.to_string()),
        })?;
        let Some(object) = value.as_object() else {
            notes.insert(format!("{}: not a describe-* output (the top level is not an object); ignored", file.name));
            continue;
        };
        let region_hint = region_in_path(file.name);
        let mut recognised = false;
        for (key, content) in object {
            if KNOWN_KEYS.contains(&key.as_str()) {
                recognised = true;
                any = true;
                set.read(file.name, key, content, region_hint.clone(), &mut notes)?;
            } else if LATER_KEYS.contains(&key.as_str()) {
                recognised = true;
                notes.insert(format!("{}: {key} is recognised but not imported yet", file.name));
            } else if !matches!(key.as_str(), "NextToken" | "nextToken" | "ResponseMetadata" | "failures" | "tags") {
                notes.insert(format!("{}: unknown top-level key {key}; ignored", file.name));
            }
        }
        if !recognised && object.is_empty() {
            notes.insert(format!("{}: empty; ignored", file.name));
        }
    }
    if !any {
        return Err(ImportError::Nothing);
    }
    let mut design = set.into_design(&mut notes);
    design.layout = arrange(&design);
    Ok(Imported { design, notes: notes.into_iter().collect() })
}

fn strip_position(message: String) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message,
    }
}

/// A Region code among the folders of a file name (`captures/us-east-1/Vpcs.json`).
fn region_in_path(name: &str) -> Option<String> {
    name.split(['/', '\\']).find(|seg| is_region_code(seg)).map(str::to_owned)
}

/// `us-east-1`, `ap-northeast-2`, `us-gov-west-1`: letters, dashes, and a final number.
pub(crate) fn is_region_code(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.len() >= 3
        && parts[0].len() == 2
        && parts[..parts.len() - 1].iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
        && parts.last().is_some_and(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests;
