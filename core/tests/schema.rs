//! The published JSON Schema (`public/schema/design-v1.schema.json`) must match the document types.
//! Regenerate it with `UPDATE_SCHEMA=1 cargo test -p vpcanvas-core --test schema`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may fail loudly

use std::path::PathBuf;

fn published() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../public/schema/design-v1.schema.json")
}

#[test]
fn published_schema_is_up_to_date() {
    let mut fresh = serde_json::to_string_pretty(&vpcanvas_core::doc::json_schema()).unwrap();
    fresh.push('\n');
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(published(), &fresh).unwrap();
    }
    let on_disk = std::fs::read_to_string(published()).unwrap_or_default();
    assert!(
        on_disk == fresh,
        "public/schema/design-v1.schema.json is stale: run `UPDATE_SCHEMA=1 cargo test -p vpcanvas-core --test schema`"
    );
}

#[test]
fn schema_describes_the_header_and_refuses_unknown_fields() {
    let schema = vpcanvas_core::doc::json_schema();
    assert_eq!(schema["properties"]["format"]["const"], "vpcanvas-design");
    assert_eq!(schema["properties"]["version"]["const"], 1);
    assert_eq!(schema["additionalProperties"], false);
    let required: Vec<&str> = schema["required"].as_array().unwrap().iter().filter_map(|v| v.as_str()).collect();
    assert_eq!(required, ["format", "version"]);
    assert!(schema["$defs"]["Subnet"]["properties"]["cidr"].is_object());
}
