//! Test helpers for rules: the clean sample design to start from, and assertions on what fires.

use super::{Diagnostic, check};
use crate::doc::Design;

pub use crate::testing::{cidr, get, get_mut, id, sample};

/// The diagnostics with `code`.
pub fn findings(design: &Design, code: &str) -> Vec<Diagnostic> {
    assert!(super::rules::ALL.iter().any(|r| r.code == code), "no rule {code}");
    check(design).into_iter().filter(|d| d.code == code).collect()
}

/// Asserts that `code` fires about `resource` (among others), and returns that finding.
pub fn fires(design: &Design, code: &str, resource: &str) -> Diagnostic {
    let found = findings(design, code);
    found
        .iter()
        .find(|d| d.resources.iter().any(|r| r.as_str() == resource))
        .cloned()
        .unwrap_or_else(|| panic!("{code} did not fire about {resource}; it gave {found:#?}"))
}

/// Asserts that `code` does not fire at all.
pub fn quiet(design: &Design, code: &str) {
    let found = findings(design, code);
    assert!(found.is_empty(), "{code} fired: {found:#?}");
}

/// Applies a diagnostic's fix and returns the fixed design.
pub fn apply_fix(design: &Design, d: &Diagnostic) -> Design {
    let mut fixed = design.clone();
    d.fix.as_ref().unwrap_or_else(|| panic!("{} offers no fix", d.code)).apply(&mut fixed).unwrap();
    fixed
}
