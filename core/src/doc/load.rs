//! Reading and writing the JSON form of a design, and its JSON Schema.
//!
//! Loading happens in two steps: the text is first read as plain JSON so that the header (format name and version)
//! can be checked before anything else, then it is read into the typed document, tracking the JSON path so that
//! the first problem is named exactly. Nothing here panics on any input.

use std::fmt;

use super::{Design, FORMAT_NAME, FORMAT_VERSION};

/// The largest design text accepted (64 MiB); a 5,000-resource design is about 3 MiB.
pub const MAX_DESIGN_BYTES: usize = 64 * 1024 * 1024;

/// Why a text is not a loadable design. `Display` gives a message for the user that says where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The text is larger than [`MAX_DESIGN_BYTES`].
    TooLarge { bytes: usize, limit: usize },
    /// The text is not JSON.
    Syntax { line: usize, column: usize, message: String },
    /// The text is JSON but not a vpcanvas design.
    NotADesign { reason: String },
    /// A design of a format version this build cannot read.
    UnsupportedVersion { found: u64, supported: u32 },
    /// A design whose content breaks the format at `path` (a JSON path such as `$.subnets[2].cidr`).
    Invalid { path: String, line: usize, column: usize, message: String },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::TooLarge { bytes, limit } => {
                write!(f, "the design is {bytes} bytes long; vpcanvas reads designs of up to {limit} bytes")
            }
            LoadError::Syntax { line, column, message } => {
                write!(f, "not valid JSON at line {line}, column {column}: {message}")
            }
            LoadError::NotADesign { reason } => write!(f, "this is not a vpcanvas design: {reason}"),
            LoadError::UnsupportedVersion { found, supported } if *found > u64::from(*supported) => write!(
                f,
                "this design was saved in format version {found} by a newer vpcanvas; this version reads versions up \
                 to {supported}. Open it with a newer vpcanvas."
            ),
            LoadError::UnsupportedVersion { found, .. } => {
                write!(f, "format version {found} does not exist; versions start at 1")
            }
            LoadError::Invalid { path, line: 0, message, .. } => write!(f, "at {path}: {message}"),
            LoadError::Invalid { path, line, column, message } => {
                write!(f, "at {path} (line {line}, column {column}): {message}")
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// serde_json appends " at line L column C" to its messages; the position is reported separately.
pub(crate) fn strip_position(message: String) -> String {
    match message.rfind(" at line ") {
        Some(i) if message[i..].contains(" column ") => message[..i].to_owned(),
        _ => message,
    }
}

pub(crate) fn json_path(path: &serde_path_to_error::Path) -> String {
    let text = path.to_string();
    if text == "." {
        "$".to_owned()
    } else if text.starts_with('[') {
        format!("${text}")
    } else {
        format!("$.{text}")
    }
}

/// Reads a design from its JSON text.
pub fn load(text: &str) -> Result<Design, LoadError> {
    if text.len() > MAX_DESIGN_BYTES {
        return Err(LoadError::TooLarge { bytes: text.len(), limit: MAX_DESIGN_BYTES });
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| LoadError::Syntax {
        line: e.line(),
        column: e.column(),
        message: strip_position(e.to_string()),
    })?;
    check_header(&value)?;
    // Version 1 is the only version so far, so the text is read as it is. A later version migrates older
    // documents here, on the `Value`, before reading them.
    let mut de = serde_json::Deserializer::from_str(text);
    let design = Design::deserialize_tracked(&mut de)?;
    check_layout(&design)?;
    Ok(design)
}

/// The largest canvas coordinate or size accepted: ten million units, far beyond any drawing, small enough that the
/// canvas can still compute with it.
pub const MAX_COORDINATE: f64 = 1e7;

/// Coordinates and sizes must be within ±[`MAX_COORDINATE`] (sizes also not negative).
fn check_layout(design: &Design) -> Result<(), LoadError> {
    let bad = |path: String, what: &str, v: f64| LoadError::Invalid {
        path,
        line: 0,
        column: 0,
        message: format!(
            "{what} {} is out of range: canvas coordinates and sizes must lie within ±{MAX_COORDINATE}",
            if v.abs() >= MAX_COORDINATE { format!("{v:e}") } else { format!("{v}") }
        ),
    };
    let check = |path: String, p: &super::Placement| -> Result<(), LoadError> {
        for (name, v) in [("x", Some(p.x)), ("y", Some(p.y)), ("w", p.w), ("h", p.h)] {
            if let Some(v) = v {
                let sizes = name == "w" || name == "h";
                if !v.is_finite() || v.abs() > MAX_COORDINATE || (sizes && v < 0.0) {
                    return Err(bad(format!("{path}.{name}"), name, v));
                }
            }
        }
        Ok(())
    };
    for (id, p) in &design.layout.nodes {
        check(format!("$.layout.nodes[{:?}]", id.as_str()), p)?;
    }
    for (i, z) in design.layout.zones.iter().enumerate() {
        check(format!("$.layout.zones[{i}].placement"), &z.placement)?;
    }
    if let Some(p) = &design.layout.internet {
        check("$.layout.internet".to_owned(), p)?;
    }
    Ok(())
}

impl Design {
    fn deserialize_tracked(
        de: &mut serde_json::Deserializer<serde_json::de::StrRead<'_>>,
    ) -> Result<Design, LoadError> {
        serde_path_to_error::deserialize(de).map_err(|e| {
            let path = json_path(e.path());
            let inner = e.into_inner();
            LoadError::Invalid {
                path,
                line: inner.line(),
                column: inner.column(),
                message: strip_position(inner.to_string()),
            }
        })
    }
}

fn check_header(value: &serde_json::Value) -> Result<(), LoadError> {
    let not = |reason: &str| LoadError::NotADesign { reason: reason.to_owned() };
    let object = value.as_object().ok_or_else(|| not("the top level must be a JSON object"))?;
    match object.get("format") {
        None => return Err(not("it has no \"format\" field (expected \"vpcanvas-design\")")),
        Some(serde_json::Value::String(f)) if f == FORMAT_NAME => {}
        Some(other) => {
            let shown: String = other.to_string().chars().take(80).collect();
            return Err(LoadError::NotADesign {
                reason: format!("its \"format\" is {shown}, expected \"{FORMAT_NAME}\""),
            });
        }
    }
    let version = match object.get("version") {
        None => return Err(not("it has no \"version\" field")),
        Some(v) => v.as_u64().ok_or_else(|| not("its \"version\" must be a whole number"))?,
    };
    if version != u64::from(FORMAT_VERSION) {
        return Err(LoadError::UnsupportedVersion { found: version, supported: FORMAT_VERSION });
    }
    Ok(())
}

/// Why a design could not be written (in practice never: every map key is a string and JSON numbers are finite).
#[derive(Debug)]
pub struct SaveError(serde_json::Error);

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "could not write the design as JSON: {}", self.0)
    }
}

impl std::error::Error for SaveError {}

/// Writes a design as pretty-printed JSON, the same bytes for the same design.
pub fn save(design: &Design) -> Result<String, SaveError> {
    let mut text = serde_json::to_string_pretty(design).map_err(SaveError)?;
    text.push('\n');
    Ok(text)
}

/// The JSON Schema (draft 2020-12) of the current format, generated from the document types.
pub fn json_schema() -> serde_json::Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    let mut schema = generator.into_root_schema_for::<Design>();
    schema.insert(
        "$id".to_owned(),
        serde_json::Value::String(format!("https://vpcanvas.dev/schema/design-v{FORMAT_VERSION}.schema.json")),
    );
    schema.to_value()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"format": "vpcanvas-design", "version": 1}"#;

    fn err(text: &str) -> LoadError {
        load(text).unwrap_err()
    }

    #[test]
    fn loads_a_minimal_design() {
        let d = load(MINIMAL).unwrap();
        assert_eq!(d, Design::new(""));
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let e = err("{\n  \"format\": \"vpcanvas-design\",\n  \"version\": 1,\n}");
        assert!(matches!(e, LoadError::Syntax { line: 4, column: 1, .. }), "{e:?}");
        assert!(e.to_string().starts_with("not valid JSON at line 4, column 1: trailing comma"), "{e}");
        assert!(matches!(err(""), LoadError::Syntax { .. }));
    }

    #[test]
    fn other_json_is_not_a_design() {
        assert!(err("[]").to_string().contains("the top level must be a JSON object"));
        assert!(err("{}").to_string().contains("no \"format\" field"));
        assert!(err(r#"{"format": "drawio"}"#).to_string().contains("its \"format\" is \"drawio\""));
        assert!(err(r#"{"format": "vpcanvas-design"}"#).to_string().contains("no \"version\""));
        assert!(err(r#"{"format": "vpcanvas-design", "version": "1"}"#).to_string().contains("whole number"));
    }

    #[test]
    fn a_future_version_is_refused_clearly() {
        let e = err(r#"{"format": "vpcanvas-design", "version": 7, "whatever": []}"#);
        assert_eq!(e, LoadError::UnsupportedVersion { found: 7, supported: 1 });
        assert!(e.to_string().contains("saved in format version 7 by a newer vpcanvas"));
        assert!(err(r#"{"format": "vpcanvas-design", "version": 0}"#).to_string().contains("does not exist"));
    }

    #[test]
    fn content_errors_name_the_json_path() {
        let text = r#"{"format": "vpcanvas-design", "version": 1,
            "subnets": [
              {"id": "a", "vpc": "v", "cidr": "10.0.0.0/24", "availability_zone": "x"},
              {"id": "b", "vpc": "v", "cidr": "10.0.1.0/40", "availability_zone": "x"}
            ]}"#;
        let e = err(text);
        let LoadError::Invalid { path, line, message, .. } = &e else { panic!("{e:?}") };
        assert_eq!(path, "$.subnets[1].cidr");
        assert_eq!(*line, 4);
        assert!(message.contains("prefix length must be a number from 0 to 32"), "{message}");

        let e = err(r#"{"format": "vpcanvas-design", "version": 1, "vpcs": [{"id": "v", "region": "r"}]}"#);
        assert!(e.to_string().starts_with("at $.vpcs[0]"), "{e}");
        assert!(e.to_string().contains("missing field `cidr`"), "{e}");

        let e = err(r#"{"format": "vpcanvas-design", "version": 1, "vpcz": []}"#);
        assert!(e.to_string().contains("unknown field `vpcz`"), "{e}");

        let e =
            err(r#"{"format": "vpcanvas-design", "version": 1, "layout": {"nodes": {"bad id": {"x": 1, "y": 2}}}}"#);
        assert!(e.to_string().starts_with("at $.layout.nodes"), "{e}");
    }

    /// Found by the `load` fuzz target: a coordinate written as a 120-digit integer read back differently once
    /// saved. Coordinates are now range-checked, and floats parse exactly (serde_json's float_roundtrip).
    #[test]
    fn regression_fuzz_absurd_coordinate_and_float_round_trip() {
        let big = format!(
            r#"{{"format": "vpcanvas-design", "version": 1, "layout": {{"nodes": {{"s": {{"x": 1{}30, "y": 0}}}}}}}}"#,
            "1".repeat(118)
        );
        let e = err(&big);
        assert!(e.to_string().starts_with("at $.layout.nodes[\"s\"].x: x 1.1"), "{e}");
        assert!(e.to_string().contains("must lie within"), "{e}");
        let negative =
            r#"{"format": "vpcanvas-design", "version": 1, "layout": {"internet": {"x": 1, "y": 2, "w": -5}}}"#;
        assert!(err(negative).to_string().starts_with("at $.layout.internet.w"));
        let long = r#"{"format": "vpcanvas-design", "version": 1, "layout": {"nodes": {"s": {"x": 0.1000000000000000055511151231257827, "y": 130.00000000000001}}}}"#;
        let once = load(long).unwrap();
        assert_eq!(load(&save(&once).unwrap()).unwrap(), once);
    }

    #[test]
    fn refuses_oversized_text_without_reading_it() {
        let huge = " ".repeat(MAX_DESIGN_BYTES + 1);
        assert!(matches!(err(&huge), LoadError::TooLarge { .. }));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000);
        assert!(matches!(err(&deep), LoadError::Syntax { .. }));
    }

    #[test]
    fn save_is_deterministic_and_loads_back() {
        let d = load(include_str!("../../../public/samples/two-az.json")).unwrap();
        let once = save(&d).unwrap();
        assert_eq!(save(&load(&once).unwrap()).unwrap(), once);
        assert_eq!(load(&once).unwrap(), d);
    }
}
