//! Property: any document survives save → load unchanged, and saving is stable; and it survives a share link.
//!
//! Documents are built by `arbitrary` from random bytes that proptest draws (and shrinks on failure).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may fail loudly

use arbitrary::{Arbitrary, Unstructured};
use proptest::prelude::*;
use vpcanvas_core::doc::{Design, FORMAT_NAME, FORMAT_VERSION, load, save};

fn design_from(bytes: &[u8]) -> Option<Design> {
    let mut design = Design::arbitrary(&mut Unstructured::new(bytes)).ok()?;
    design.format = FORMAT_NAME.to_owned();
    design.version = FORMAT_VERSION;
    Some(design)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_design_survives_json(bytes in proptest::collection::vec(any::<u8>(), 0..8192)) {
        let Some(design) = design_from(&bytes) else { return Ok(()) };
        let text = save(&design).unwrap();
        let back = load(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        prop_assert_eq!(&back, &design);
        prop_assert_eq!(save(&back).unwrap(), text);
    }

    #[test]
    fn any_design_survives_a_share_link(bytes in proptest::collection::vec(any::<u8>(), 0..8192)) {
        let Some(design) = design_from(&bytes) else { return Ok(()) };
        let link = vpcanvas_core::share::encode(&design).unwrap();
        let back = vpcanvas_core::share::decode(&format!("#{link}")).unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(&back, &design);
    }

    #[test]
    fn decoding_any_link_never_panics(text in "(d1\\.)?[A-Za-z0-9_-]{0,400}") {
        let _ = vpcanvas_core::share::decode(&text);
    }

    #[test]
    fn loading_any_text_never_panics(text in ".{0,400}") {
        let _ = load(&text);
    }

    #[test]
    fn loading_a_damaged_design_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..4096), cut in 0usize..4096, junk in ".{0,4}") {
        let Some(design) = design_from(&bytes) else { return Ok(()) };
        let mut text = save(&design).unwrap();
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) { at -= 1; }
        text.insert_str(at, &junk);
        let _ = load(&text);
    }
}

#[test]
fn generated_designs_are_not_all_empty() {
    // Guards the property above against a generator that only ever yields empty documents.
    let bytes: Vec<u8> = (0..8192u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    let design = design_from(&bytes).unwrap();
    assert!(design.resources().len() > 3, "{design:?}");
}
