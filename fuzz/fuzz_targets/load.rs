//! Loading any bytes as a design never panics; what loads also validates and saves without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(design) = vpcanvas_core::load(text) {
            let _ = vpcanvas_core::check::check(&design);
            let saved = vpcanvas_core::save(&design).expect("a loaded design saves");
            assert_eq!(vpcanvas_core::load(&saved).expect("a saved design loads"), design);
        }
    }
});
