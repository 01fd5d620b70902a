//! Counting the work validation does, so that a test can catch a rule whose work grows faster than the design
//! without timing anything (tests never assert on the clock; `benches/validate.rs` times each rule).
//!
//! What is counted is what a rule does when it joins one list to another: comparing two ids (`Id == Id`), asking
//! whether one IPv4 block contains another (`Ipv4Cidr::contains_cidr`, which `overlaps` calls), and putting NACL rules
//! in evaluation order (`rule_match::in_order`, one per rule sorted). A rule that looks things up through `Network`'s
//! indexes does a bounded number of these per resource; one that loops over a list inside another does a number that
//! grows with the design. Hash lookups by `&str` are not counted: that is how indexes are read.
//!
//! Test builds only; the counter is per thread, so tests running in parallel do not disturb each other.

use std::cell::Cell;

thread_local! {
    static WORK: Cell<u64> = const { Cell::new(0) };
}

/// Counts `n` units of work.
pub(crate) fn add(n: usize) {
    WORK.with(|w| w.set(w.get().saturating_add(n as u64)));
}

/// Counts one comparison.
pub(crate) fn tick() {
    add(1);
}

/// The work counted on this thread while `f` ran, and what `f` returned.
pub(crate) fn measure<T>(f: impl FnOnce() -> T) -> (u64, T) {
    let before = WORK.with(Cell::get);
    let out = f();
    (WORK.with(Cell::get) - before, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check_rule, rules};
    use crate::doc::{Design, Id};
    use crate::model::Network;
    use crate::synth::{Shape, connected_design_with_resources, design};

    /// How much more work per unit a rule may do on a design ten times larger. Work that grows as n log n gains a
    /// third from 1,000 to 10,000; work that grows as n² is ten times more per unit.
    const MAX_GROWTH: f64 = 2.0;

    /// A design family measured at two sizes: what is counted as its size, and a small and a ten times larger design.
    struct Scenario {
        name: &'static str,
        unit: &'static str,
        small: Design,
        large: Design,
        size: fn(&Design) -> usize,
    }

    fn scenarios() -> Vec<Scenario> {
        let nacl_entries = |d: &Design| d.network_acls.iter().map(|a| a.inbound.len() + a.outbound.len()).sum();
        let sg_rules = |d: &Design| d.security_groups.iter().map(|g| g.inbound.len() + g.outbound.len()).sum();
        vec![
            Scenario {
                name: "connected VPCs",
                unit: "resource",
                small: connected_design_with_resources(1_000),
                large: connected_design_with_resources(10_000),
                size: |d| d.resources().len(),
            },
            Scenario {
                name: "one network ACL",
                unit: "NACL entry",
                small: design(&Shape { extra_nacl_rules: 500, ..Shape::vpcs(1) }),
                large: design(&Shape { extra_nacl_rules: 5_000, ..Shape::vpcs(1) }),
                size: nacl_entries,
            },
            Scenario {
                name: "one security group",
                unit: "security-group rule",
                small: design(&Shape { extra_sg_rules: 1_000, ..Shape::connected(3) }),
                large: design(&Shape { extra_sg_rules: 10_000, ..Shape::connected(3) }),
                size: sg_rules,
            },
        ]
    }

    /// The work one rule does on a design.
    fn work(rule: &'static crate::check::Rule, design: &Design) -> u64 {
        let network = Network::new(design);
        measure(|| check_rule(rule, &network)).0
    }

    /// Every rule, run alone on designs of about 1,000 and 10,000 resources (and NACL entries, and security-group
    /// rules), must do about as much work per unit on the larger one: a rule that loops over one list inside another
    /// does ten times as much.
    #[test]
    fn no_rule_does_quadratic_work() {
        let mut failures = Vec::new();
        for s in scenarios() {
            let (small, large) = ((s.size)(&s.small) as f64, (s.size)(&s.large) as f64);
            assert!(large >= 8.0 * small, "{}: {small} and {large}", s.name);
            for rule in rules::ALL {
                let (a, b) = (work(rule, &s.small), work(rule, &s.large));
                let (per_small, per_large) = (a as f64 / small, b as f64 / large);
                if per_large > MAX_GROWTH * per_small {
                    failures.push(format!(
                        "{} on {}: {per_small:.2} comparisons per {} at {small}, {per_large:.2} at {large}",
                        rule.code, s.name, s.unit
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "rules whose work grows faster than the design:\n{}", failures.join("\n"));
    }

    #[test]
    fn counts_id_and_block_comparisons() {
        let (a, b) = (Id::generated("a"), Id::generated("b"));
        let (n, _) = measure(|| a == b);
        assert_eq!(n, 1);
        let block: crate::net::Ipv4Cidr = "10.0.0.0/16".parse().unwrap();
        let (n, _) = measure(|| block.overlaps(&block));
        assert!((1..=2).contains(&n), "{n}");
    }
}
