//! Property: validation never panics, whatever the design, and its output is deterministic.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may fail loudly

use arbitrary::{Arbitrary, Unstructured};
use proptest::prelude::*;
use vpcanvas_core::check::check;
use vpcanvas_core::doc::Design;

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn checking_any_design_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..16384)) {
        let Ok(design) = Design::arbitrary(&mut Unstructured::new(&bytes)) else { return Ok(()) };
        let first = check(&design);
        prop_assert_eq!(first, check(&design));
    }

    #[test]
    fn fixes_apply_or_refuse_cleanly(bytes in proptest::collection::vec(any::<u8>(), 0..16384)) {
        let Ok(design) = Design::arbitrary(&mut Unstructured::new(&bytes)) else { return Ok(()) };
        for d in check(&design) {
            if let Some(fix) = &d.fix {
                let mut copy = design.clone();
                if fix.apply(&mut copy).is_err() {
                    prop_assert_eq!(&copy, &design, "a failed fix changed the design");
                }
            }
        }
    }
}
