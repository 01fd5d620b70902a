//! Importing any bytes as describe-* output never panics; an imported design validates and traces without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vpcanvas_core::import::{ImportFile, import_aws};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Split the input into up to four files, so that cross-file references are exercised.
    let files: Vec<ImportFile<'_>> = text.split('\u{1e}').take(4).map(|t| ImportFile { name: "fuzz/us-east-1/x.json", text: t }).collect();
    if let Ok(imported) = import_aws(&files) {
        let _ = vpcanvas_core::check::check(&imported.design);
        if let Some(i) = imported.design.instances.first() {
            let q = vpcanvas_core::sim::Query::new(
                vpcanvas_core::sim::Source::Resource(i.id.clone()),
                vpcanvas_core::sim::Destination::Internet,
                vpcanvas_core::net::Protocol::TCP,
                443,
            );
            let _ = vpcanvas_core::sim::trace(&imported.design, &q);
        }
    }
});
