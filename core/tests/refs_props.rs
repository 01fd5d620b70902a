//! Property: the reference visitor changes every reference in place and nothing else. Renaming every id a design
//! names, through the visitor, renames every reference validation sees at the same field; renaming back gives the
//! design as it was.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may fail loudly

use std::collections::BTreeMap;

use arbitrary::{Arbitrary, Unstructured};
use proptest::prelude::*;
use vpcanvas_core::doc::{Design, Id, Visit};

fn rename(d: &mut Design, map: &BTreeMap<Id, Id>) {
    let broken = d.visit_refs_mut(|_, _, _, to| {
        if let Some(new) = map.get(to) {
            *to = new.clone();
        }
        Visit::Keep
    });
    assert!(broken.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn renaming_every_reference_and_back_gives_the_same_design(bytes in proptest::collection::vec(any::<u8>(), 0..16384)) {
        let Ok(design) = Design::arbitrary(&mut Unstructured::new(&bytes)) else { return Ok(()) };
        // A fresh id for every id the design names, and the way back.
        let mut forward: BTreeMap<Id, Id> = BTreeMap::new();
        design.visit_refs(|_, _, _, to| {
            let n = forward.len();
            forward.entry(to.clone()).or_insert_with(|| Id::generated(&format!("renamed-{n}")));
        });
        let back: BTreeMap<Id, Id> = forward.iter().map(|(a, b)| (b.clone(), a.clone())).collect();
        let mut renamed = design.clone();
        rename(&mut renamed, &forward);
        let expected: Vec<(&Id, &str, &Id)> =
            design.references().into_iter().map(|r| (r.from, r.field, &forward[r.to])).collect();
        let found: Vec<(&Id, &str, &Id)> = renamed.references().into_iter().map(|r| (r.from, r.field, r.to)).collect();
        prop_assert_eq!(expected, found);
        rename(&mut renamed, &back);
        prop_assert_eq!(renamed, design);
    }
}
