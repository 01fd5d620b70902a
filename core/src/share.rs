//! Designs in links: the document compressed into a URL fragment (`#d2.…`), which browsers never send to a server.
//!
//! Encoding (`d2`): the design's compact JSON without its constant header, with its layout reduced to what differs
//! from the automatic one (`import::arrange`, recomputed on opening) and its field names replaced by short codes
//! from a fixed dictionary ([`KEYS`]; codes are upper case, field names never are, so unknown names pass through);
//! then raw DEFLATE and base64url without padding, after the version tag. `d1` links (plain JSON) still open.
//! Decoding is bounded: a link longer than [`MAX_LINK_CHARS`] is refused before anything is
//! decoded, and inflation stops at [`crate::doc::MAX_DESIGN_BYTES`] of output, so a crafted link can neither hang
//! nor exhaust the tab (inflating is linear in what it writes). What decodes is then loaded like any file, with the
//! same checks and messages.

use crate::doc::{Design, MAX_DESIGN_BYTES, load};
use crate::text::Text;

/// The version tag of the links written now.
pub const PREFIX: &str = "d2.";

/// The tag of the first links (plain JSON), still read.
pub const PREFIX_V1: &str = "d1.";

/// Field names and their codes (the index, as A, B, … Z, AA, …). Append only: a link made with one list must open
/// with every later one. A test keeps every field name of the format in it.
pub const KEYS: &[&str] = &[
    "accepter_account",
    "accepter_vpc",
    "account",
    "action",
    "advertised_prefixes",
    "allowed_prefixes",
    "amazon_side_asn",
    "ami",
    "appliance_mode",
    "assign_public_ip",
    "associate_public_ip",
    "association",
    "associations",
    "attachment",
    "availability_zone",
    "availability_zones",
    "bgp_asn",
    "block_devices",
    "certificates",
    "cidr",
    "cidrs",
    "cluster",
    "code",
    "collapsed",
    "compatibilities",
    "connectivity",
    "container_instance",
    "container_name",
    "container_port",
    "containers",
    "cpu",
    "cross_zone",
    "customer_asn",
    "customer_gateway",
    "customer_gateways",
    "default_association_route_table",
    "default_propagation_route_table",
    "delete_on_termination",
    "description",
    "desired_count",
    "destination",
    "device_index",
    "device_name",
    "dns_hostnames",
    "dns_support",
    "dx_gateway",
    "dx_gateways",
    "ebs",
    "ecs_cluster",
    "ecs_clusters",
    "ecs_services",
    "ecs_tasks",
    "elastic_ip",
    "elastic_ips",
    "encrypted",
    "endpoint",
    "entries",
    "essential",
    "expect",
    "family",
    "flow_logs",
    "format",
    "from",
    "gateway",
    "gateway_associations",
    "gateway_endpoint",
    "group",
    "h",
    "health_check_port",
    "host_port",
    "icmp",
    "id",
    "image",
    "inbound",
    "instance",
    "instance_store",
    "instance_type",
    "instances",
    "intents",
    "interface",
    "internet",
    "internet_gateway",
    "internet_gateways",
    "ip",
    "ip_address",
    "ipv6_cidr",
    "is_default",
    "kind",
    "launch_type",
    "layout",
    "listeners",
    "load_balancer",
    "load_balancers",
    "location",
    "main",
    "map_public_ip_on_launch",
    "memory_mib",
    "name",
    "nat_gateway",
    "nat_gateways",
    "network_acl",
    "network_acls",
    "network_interface",
    "network_interfaces",
    "network_mode",
    "node_addresses",
    "nodes",
    "on_premises",
    "os",
    "outbound",
    "peer",
    "peer_transit_gateway",
    "peering",
    "placement",
    "port",
    "port_mappings",
    "ports",
    "prefix_list",
    "prefix_lists",
    "preserve_client_ip",
    "primary_interface_id",
    "private_dns",
    "private_ip",
    "propagating_vpn_gateways",
    "propagations",
    "protocol",
    "public_ip",
    "region",
    "regions",
    "requester_vpc",
    "resource",
    "revision",
    "root_volume",
    "route_table",
    "route_tables",
    "routes",
    "rule_number",
    "scheme",
    "secondary_cidrs",
    "secondary_private_ips",
    "security_group",
    "security_group_referencing",
    "security_groups",
    "service",
    "service_name",
    "size_gib",
    "source_dest_check",
    "static_routes",
    "static_routes_only",
    "status",
    "storage",
    "subnet",
    "subnets",
    "tags",
    "target",
    "target_group",
    "target_groups",
    "target_type",
    "targets",
    "task_definition",
    "task_definitions",
    "tgw_attachments",
    "tgw_route_tables",
    "to",
    "transit_gateway",
    "transit_gateways",
    "tunnel_outside_ips",
    "type",
    "version",
    "virtual_interfaces",
    "virtual_name",
    "vlan",
    "volume_type",
    "vpc",
    "vpc_endpoints",
    "vpc_peering",
    "vpc_peerings",
    "vpcs",
    "vpn",
    "vpn_connection",
    "vpn_connections",
    "vpn_gateway",
    "vpn_gateways",
    "w",
    "x",
    "y",
    "zone",
    "zone_id",
    "zones",
    // Appended after the first list (keep the order: codes are positions).
    "from_ip",
];

/// The longest link text decoded (a design that compresses to more is shared as a file).
pub const MAX_LINK_CHARS: usize = 2_000_000;

/// Links up to this many characters work everywhere people paste them (chat, mail, browsers' address bars are
/// far more generous, but some tools cut at 8 KB): longer ones are offered as a file instead.
pub const COMFORTABLE_LINK_CHARS: usize = 8_000;

/// Why a design could not be put in a link, or a link could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// The design could not be written as JSON (in practice never); the serialiser's reason.
    Unwritable(String),
    /// The link is longer than [`MAX_LINK_CHARS`]; its length.
    TooLong(usize),
    /// The text does not start with a version tag (`d2.`, `d1.`).
    NotALink,
    /// A character of the link (its position, counting from 1 after the `#`) is not base64url.
    BadCharacter(usize),
    /// The design expands to more than [`MAX_DESIGN_BYTES`].
    TooLarge,
    /// The design does not decompress (the link was cut short, or altered).
    Damaged,
    /// The design decompresses to bytes that are not UTF-8.
    NotText,
    /// The design decompresses, but is not a valid design; why.
    Invalid(InvalidDesign),
}

/// Why a link's decompressed design is not a valid design.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvalidDesign {
    /// Not JSON; the parser's reason.
    NotJson(String),
    /// JSON, but not an object.
    NotAnObject,
    /// Refused by [`load`].
    Load(crate::doc::LoadError),
    /// The layout diff cannot be applied.
    Layout(LayoutError),
    /// The design could not be written again to be checked whole (in practice never); the serialiser's reason.
    Unwritable(String),
}

/// Why a link's layout diff cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LayoutError {
    /// A placement is keyed by text that is not an id.
    Id(crate::doc::IdError),
    /// A placement, the zones or the internet box do not have the layout's shape; the reader's reason.
    Value(String),
}

impl std::fmt::Display for LayoutError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LayoutError::Id(e) => write!(f, "{e}"),
            LayoutError::Value(reason) => f.write_str(reason),
        }
    }
}

impl std::error::Error for LayoutError {}

impl std::fmt::Display for InvalidDesign {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InvalidDesign::NotJson(reason) => write!(f, "not JSON: {reason}"),
            InvalidDesign::NotAnObject => f.write_str("not an object"),
            InvalidDesign::Load(e) => write!(f, "{e}"),
            InvalidDesign::Layout(e) => write!(f, "at $.layout: {e}"),
            InvalidDesign::Unwritable(reason) => f.write_str(reason),
        }
    }
}

impl std::error::Error for InvalidDesign {}

impl ShareError {
    /// The reason in English and Korean.
    pub fn text(&self) -> Text {
        match self {
            ShareError::Unwritable(e) => {
                Text::new(format!("The design cannot be written: {e}."), format!("설계를 쓸 수 없습니다: {e}."))
            }
            ShareError::TooLong(chars) => Text::new(
                format!("This link is too long to be a design ({chars} characters; at most {MAX_LINK_CHARS})."),
                format!("링크가 설계로 보기에는 너무 깁니다({chars}자, 최대 {MAX_LINK_CHARS}자)."),
            ),
            ShareError::NotALink => Text::new(
                "This link does not carry a vpcanvas design (it should start with #d2.).",
                "이 링크에는 vpcanvas 설계가 없습니다(#d2.로 시작해야 합니다).",
            ),
            ShareError::BadCharacter(at) => Text::new(
                format!("The link is damaged: character {at} of the design is not base64url."),
                format!("링크가 손상되었습니다: 설계의 {at}번째 문자가 base64url이 아닙니다."),
            ),
            ShareError::TooLarge => Text::new(
                format!("The link expands to more than {} MiB: too large for a design.", MAX_DESIGN_BYTES >> 20),
                format!("링크를 풀면 {} MiB를 넘습니다. 설계로는 너무 큽니다.", MAX_DESIGN_BYTES >> 20),
            ),
            ShareError::Damaged => Text::new(
                "The link is damaged: its design does not decompress (was it cut short when copied?).",
                "링크가 손상되었습니다: 설계의 압축이 풀리지 않습니다(복사할 때 잘렸나요?).",
            ),
            ShareError::NotText => Text::new(
                "The link is damaged: its design is not text.",
                "링크가 손상되었습니다: 설계가 텍스트가 아닙니다.",
            ),
            ShareError::Invalid(e) => Text::new(
                format!("The link's design is not valid: {e}"),
                format!("링크의 설계가 올바르지 않습니다: {e}"),
            ),
        }
    }
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().en)
    }
}

impl std::error::Error for ShareError {}

/// The fragment text (without `#`) that carries `design`.
pub fn encode(design: &Design) -> Result<String, ShareError> {
    let unwritable = |e: serde_json::Error| ShareError::Unwritable(e.to_string());
    let mut value = serde_json::to_value(design).map_err(unwritable)?;
    if let Some(map) = value.as_object_mut() {
        map.remove("format");
        map.remove("version");
        let diff = layout_diff(&design.layout, &crate::import::arrange(design));
        match diff {
            Some(d) => map.insert("layout".to_owned(), d),
            None => map.remove("layout"),
        };
    }
    let json = serde_json::to_vec(&shorten(value, false)).map_err(unwritable)?;
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 10);
    Ok(format!("{PREFIX}{}", base64url(&packed)))
}

/// The layout as far as it differs from `auto`: placements that differ (or `null` where `auto` places something the
/// design does not), and the zones or the internet when they differ. `None` when it is the automatic one.
fn layout_diff(layout: &crate::doc::Layout, auto: &crate::doc::Layout) -> Option<serde_json::Value> {
    use serde_json::{Map, Value, json};
    let mut nodes = Map::new();
    for (id, p) in &layout.nodes {
        if auto.nodes.get(id) != Some(p) {
            nodes.insert(id.to_string(), json!(p));
        }
    }
    for id in auto.nodes.keys().filter(|id| !layout.nodes.contains_key(*id)) {
        nodes.insert(id.to_string(), Value::Null);
    }
    let mut out = Map::new();
    if !nodes.is_empty() {
        out.insert("nodes".to_owned(), Value::Object(nodes));
    }
    if layout.zones != auto.zones {
        out.insert("zones".to_owned(), json!(layout.zones));
    }
    if layout.internet != auto.internet {
        out.insert("internet".to_owned(), json!(layout.internet));
    }
    (!out.is_empty()).then_some(Value::Object(out))
}

/// Applies a layout diff to the automatic layout.
fn apply_layout(auto: crate::doc::Layout, diff: &serde_json::Value) -> Result<crate::doc::Layout, LayoutError> {
    let value = |e: serde_json::Error| LayoutError::Value(e.to_string());
    let mut layout = auto;
    if let Some(nodes) = diff.get("nodes").and_then(|n| n.as_object()) {
        for (id, p) in nodes {
            let id = crate::doc::Id::new(id.as_str()).map_err(LayoutError::Id)?;
            if p.is_null() {
                layout.nodes.remove(&id);
            } else {
                layout.nodes.insert(id, serde_json::from_value(p.clone()).map_err(value)?);
            }
        }
    }
    if let Some(z) = diff.get("zones") {
        layout.zones = serde_json::from_value(z.clone()).map_err(value)?;
    }
    if let Some(i) = diff.get("internet") {
        layout.internet = serde_json::from_value(i.clone()).map_err(value)?;
    }
    Ok(layout)
}

/// The code of the `n`th key: A … Z, AA, AB, …
fn code(n: usize) -> String {
    let mut n = n + 1;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Replaces field names by their codes (`inside_map`: the keys are data, such as tag keys or ids, and stay).
fn shorten(v: serde_json::Value, inside_map: bool) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let is_map = k == "tags" || k == "nodes";
                    let key = if inside_map { k } else { KEYS.iter().position(|x| *x == k).map(code).unwrap_or(k) };
                    (key, shorten(v, is_map))
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(|i| shorten(i, false)).collect()),
        other => other,
    }
}

/// Puts the field names back.
fn expand(v: serde_json::Value, inside_map: bool) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let key = if inside_map { k } else { decode_key(&k).map(str::to_owned).unwrap_or(k) };
                    let is_map = key == "tags" || key == "nodes";
                    (key, expand(v, is_map))
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(|i| expand(i, false)).collect()),
        other => other,
    }
}

fn decode_key(k: &str) -> Option<&'static str> {
    if k.is_empty() || k.len() > 3 || !k.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let n = k.bytes().fold(0usize, |n, b| n * 26 + usize::from(b - b'A') + 1) - 1;
    KEYS.get(n).copied()
}

/// Reads a design from fragment text (with or without the leading `#`), or says what is wrong with the link.
pub fn decode(fragment: &str) -> Result<Design, ShareError> {
    let text = fragment.strip_prefix('#').unwrap_or(fragment);
    if text.len() > MAX_LINK_CHARS {
        return Err(ShareError::TooLong(text.len()));
    }
    let (body, v2) = match (text.strip_prefix(PREFIX), text.strip_prefix(PREFIX_V1)) {
        (Some(b), _) => (b, true),
        (None, Some(b)) => (b, false),
        (None, None) => return Err(ShareError::NotALink),
    };
    let packed = unbase64url(body).map_err(|at| ShareError::BadCharacter(at + PREFIX.len() + 1))?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_DESIGN_BYTES).map_err(|e| {
        if matches!(e.status, miniz_oxide::inflate::TINFLStatus::HasMoreOutput) {
            ShareError::TooLarge
        } else {
            ShareError::Damaged
        }
    })?;
    let text = String::from_utf8(json).map_err(|_| ShareError::NotText)?;
    let invalid = |e: crate::doc::LoadError| ShareError::Invalid(InvalidDesign::Load(e));
    if !v2 {
        return load(&text).map_err(invalid);
    }
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| ShareError::Invalid(InvalidDesign::NotJson(e.to_string())))?;
    let mut value = expand(value, false);
    let map = value.as_object_mut().ok_or(ShareError::Invalid(InvalidDesign::NotAnObject))?;
    let diff = map.remove("layout");
    map.insert("format".to_owned(), serde_json::json!(crate::doc::FORMAT_NAME));
    map.insert("version".to_owned(), serde_json::json!(crate::doc::FORMAT_VERSION));
    let mut design = load(&value.to_string()).map_err(invalid)?;
    let auto = crate::import::arrange(&design);
    design.layout = match &diff {
        Some(d) => apply_layout(auto, d).map_err(|e| ShareError::Invalid(InvalidDesign::Layout(e)))?,
        None => auto,
    };
    // Loaded once more whole, so that the layout gets the same checks as a file's.
    let whole = crate::save(&design).map_err(|e| ShareError::Invalid(InvalidDesign::Unwritable(e.to_string())))?;
    load(&whole).map_err(invalid)
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url (RFC 4648 §5) without padding.
fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            let index = (n >> (18 - 6 * i)) & 63;
            out.push(char::from(ALPHABET[index as usize]));
        }
    }
    out
}

/// Reads base64url without padding (padding is tolerated at the end); the error is the index of the first bad
/// character.
fn unbase64url(text: &str) -> Result<Vec<u8>, usize> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for (i, c) in text.bytes().enumerate() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return Err(i),
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
    }
    // One leftover character cannot hold a byte.
    if text.len() % 4 == 1 {
        return Err(text.len() - 1);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::sample;

    #[test]
    fn base64url_round_trips_every_length() {
        for n in 0..70u8 {
            let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37).wrapping_add(n)).collect();
            assert_eq!(unbase64url(&base64url(&bytes)), Ok(bytes));
        }
        assert_eq!(base64url(b"\xfb\xff"), "-_8");
        assert_eq!(unbase64url("a+b"), Err(1));
        assert_eq!(unbase64url("abcde"), Err(4));
    }

    #[test]
    fn a_design_survives_a_link() {
        let d = sample();
        let link = encode(&d).unwrap_or_else(|e| panic!("{e}"));
        assert!(link.starts_with(PREFIX));
        assert!(link.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)), "URL-safe: {link}");
        assert_eq!(decode(&format!("#{link}")).unwrap_or_else(|e| panic!("{e}")), d);
    }

    #[test]
    fn a_bad_link_says_what_is_wrong() {
        let link = encode(&sample()).unwrap_or_else(|e| panic!("{e}"));
        let err = |text: &str| decode(text).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err("#x1.abc").contains("does not carry a vpcanvas design"));
        assert!(err("#d2.ab$cd").contains("character 6"), "{}", err("#d2.ab$cd"));
        assert!(err(&link[..link.len() / 2]).contains("damaged"), "cut short");
        assert!(err(&"d2.A".repeat(MAX_LINK_CHARS)).contains("too long"));
        // Valid compression of text that is not a design.
        let not_a_design = format!("{PREFIX}{}", base64url(&miniz_oxide::deflate::compress_to_vec(b"{\"a\":1}", 6)));
        assert!(err(&not_a_design).contains("not valid"), "{}", err(&not_a_design));
        assert_eq!(decode("#x1.abc"), Err(ShareError::NotALink));
        assert_eq!(decode("#d2.ab$cd"), Err(ShareError::BadCharacter(6)));
        let packed = |text: &[u8]| format!("{PREFIX}{}", base64url(&miniz_oxide::deflate::compress_to_vec(text, 6)));
        assert_eq!(decode(&packed(b"[1]")), Err(ShareError::Invalid(InvalidDesign::NotAnObject)));
        assert_eq!(decode(&packed(b"\xff")), Err(ShareError::NotText));
        assert!(matches!(decode(&packed(b"{")), Err(ShareError::Invalid(InvalidDesign::NotJson(_)))));
        assert!(matches!(decode(&not_a_design), Err(ShareError::Invalid(InvalidDesign::Load(_)))));
        let mut bad_layout = serde_json::to_value(sample()).unwrap_or_default();
        bad_layout["layout"] = serde_json::json!({ "nodes": { "a b": null } });
        let bad_layout = packed(&serde_json::to_vec(&bad_layout).unwrap_or_default());
        let bad_id = LayoutError::Id(crate::doc::IdError::BadChar(' '));
        assert_eq!(decode(&bad_layout), Err(ShareError::Invalid(InvalidDesign::Layout(bad_id))));
    }

    #[test]
    fn every_share_error_reads_in_english_and_korean() {
        let load_error = crate::load("[").err().unwrap_or_else(|| panic!("[ is not a design"));
        let cases = [
            (
                ShareError::Unwritable("x".into()),
                "The design cannot be written: x.".to_owned(),
                "설계를 쓸 수 없습니다: x.".to_owned(),
            ),
            (
                ShareError::TooLong(2_000_001),
                "This link is too long to be a design (2000001 characters; at most 2000000).".to_owned(),
                "링크가 설계로 보기에는 너무 깁니다(2000001자, 최대 2000000자).".to_owned(),
            ),
            (
                ShareError::NotALink,
                "This link does not carry a vpcanvas design (it should start with #d2.).".to_owned(),
                "이 링크에는 vpcanvas 설계가 없습니다(#d2.로 시작해야 합니다).".to_owned(),
            ),
            (
                ShareError::BadCharacter(6),
                "The link is damaged: character 6 of the design is not base64url.".to_owned(),
                "링크가 손상되었습니다: 설계의 6번째 문자가 base64url이 아닙니다.".to_owned(),
            ),
            (
                ShareError::TooLarge,
                format!("The link expands to more than {} MiB: too large for a design.", MAX_DESIGN_BYTES >> 20),
                format!("링크를 풀면 {} MiB를 넘습니다. 설계로는 너무 큽니다.", MAX_DESIGN_BYTES >> 20),
            ),
            (
                ShareError::Damaged,
                "The link is damaged: its design does not decompress (was it cut short when copied?).".to_owned(),
                "링크가 손상되었습니다: 설계의 압축이 풀리지 않습니다(복사할 때 잘렸나요?).".to_owned(),
            ),
            (
                ShareError::NotText,
                "The link is damaged: its design is not text.".to_owned(),
                "링크가 손상되었습니다: 설계가 텍스트가 아닙니다.".to_owned(),
            ),
            (
                ShareError::Invalid(InvalidDesign::NotJson("EOF".into())),
                "The link's design is not valid: not JSON: EOF".to_owned(),
                "링크의 설계가 올바르지 않습니다: not JSON: EOF".to_owned(),
            ),
            (
                ShareError::Invalid(InvalidDesign::NotAnObject),
                "The link's design is not valid: not an object".to_owned(),
                "링크의 설계가 올바르지 않습니다: not an object".to_owned(),
            ),
            (
                ShareError::Invalid(InvalidDesign::Load(load_error.clone())),
                format!("The link's design is not valid: {load_error}"),
                format!("링크의 설계가 올바르지 않습니다: {load_error}"),
            ),
            (
                ShareError::Invalid(InvalidDesign::Layout(LayoutError::Id(crate::doc::IdError::Empty))),
                "The link's design is not valid: at $.layout: an id cannot be empty".to_owned(),
                "링크의 설계가 올바르지 않습니다: at $.layout: an id cannot be empty".to_owned(),
            ),
            (
                ShareError::Invalid(InvalidDesign::Layout(LayoutError::Value("bad".into()))),
                "The link's design is not valid: at $.layout: bad".to_owned(),
                "링크의 설계가 올바르지 않습니다: at $.layout: bad".to_owned(),
            ),
            (
                ShareError::Invalid(InvalidDesign::Unwritable("could not write".into())),
                "The link's design is not valid: could not write".to_owned(),
                "링크의 설계가 올바르지 않습니다: could not write".to_owned(),
            ),
        ];
        for (e, en, ko) in cases {
            assert_eq!(e.to_string(), en);
            assert_eq!(e.text(), Text::new(en, ko));
        }
    }

    #[test]
    fn every_field_name_of_the_format_has_a_code() {
        let schema = serde_json::to_string(&crate::doc::json_schema()).unwrap_or_default();
        let schema: serde_json::Value = serde_json::from_str(&schema).unwrap_or_default();
        fn names(v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::Object(m) => {
                    for (k, v) in m {
                        if k == "properties"
                            && let Some(p) = v.as_object()
                        {
                            out.extend(p.keys().cloned());
                        }
                        names(v, out);
                    }
                }
                serde_json::Value::Array(a) => a.iter().for_each(|x| names(x, out)),
                _ => {}
            }
        }
        let mut all = Vec::new();
        names(&schema, &mut all);
        for n in all {
            assert!(KEYS.contains(&n.as_str()), "{n} has no code: append it to KEYS");
        }
        for (i, k) in KEYS.iter().enumerate() {
            assert_eq!(decode_key(&code(i)), Some(*k));
        }
    }

    #[test]
    fn old_links_still_open_and_an_untouched_layout_is_not_sent() {
        let d = sample();
        let v1 = format!(
            "{PREFIX_V1}{}",
            base64url(&miniz_oxide::deflate::compress_to_vec(&serde_json::to_vec(&d).unwrap_or_default(), 10))
        );
        assert_eq!(decode(&v1).unwrap_or_else(|e| panic!("{e}")), d);
        let mut laid = d.clone();
        laid.layout = crate::import::arrange(&laid);
        let link = encode(&laid).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(decode(&link).unwrap_or_else(|e| panic!("{e}")), laid);
        let bare = {
            let mut x = laid.clone();
            x.layout = Default::default();
            encode(&x).unwrap_or_default()
        };
        // Only the "no placements at all" marks differ from the automatic layout's: far shorter than the sample's own.
        assert!(link.len() < encode(&d).unwrap_or_default().len(), "{} vs sample", link.len());
        assert!(decode(&bare).is_ok());
    }

    #[test]
    fn a_decompression_bomb_stops_at_the_size_limit() {
        // Twice the size limit of spaces compresses to a few tens of kilobytes.
        let bomb = vec![b' '; 2 * MAX_DESIGN_BYTES];
        let link = format!("{PREFIX}{}", base64url(&miniz_oxide::deflate::compress_to_vec(&bomb, 10)));
        assert!(link.len() < MAX_LINK_CHARS);
        let e = decode(&link).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("expands to more than"), "{e}");
    }
}
