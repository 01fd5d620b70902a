//! Designs in links: the document compressed into a URL fragment (`#d1.…`), which browsers never send to a server.
//!
//! Encoding: the design's compact JSON, compressed with raw DEFLATE, written in base64url without padding, after
//! the version tag `d1.`. Decoding is bounded: a link longer than [`MAX_LINK_CHARS`] is refused before anything is
//! decoded, and inflation stops at [`crate::doc::MAX_DESIGN_BYTES`] of output, so a crafted link can neither hang
//! nor exhaust the tab (inflating is linear in what it writes). What decodes is then loaded like any file, with the
//! same checks and messages.

use crate::check::Text;
use crate::doc::{Design, MAX_DESIGN_BYTES, load};

/// The version tag every link starts with.
pub const PREFIX: &str = "d1.";

/// The longest link text decoded (a design that compresses to more is shared as a file).
pub const MAX_LINK_CHARS: usize = 2_000_000;

/// Links up to this many characters work everywhere people paste them (chat, mail, browsers' address bars are
/// far more generous, but some tools cut at 8 KB): longer ones are offered as a file instead.
pub const COMFORTABLE_LINK_CHARS: usize = 8_000;

/// The fragment text (without `#`) that carries `design`.
pub fn encode(design: &Design) -> Result<String, Text> {
    let json = serde_json::to_vec(design).map_err(|e| {
        Text::new(format!("The design cannot be written: {e}."), format!("설계를 쓸 수 없습니다: {e}."))
    })?;
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 10);
    Ok(format!("{PREFIX}{}", base64url(&packed)))
}

/// Reads a design from fragment text (with or without the leading `#`), or says what is wrong with the link.
pub fn decode(fragment: &str) -> Result<Design, Text> {
    let text = fragment.strip_prefix('#').unwrap_or(fragment);
    if text.len() > MAX_LINK_CHARS {
        return Err(Text::new(
            format!("This link is too long to be a design ({} characters; at most {MAX_LINK_CHARS}).", text.len()),
            format!("링크가 설계로 보기에는 너무 깁니다({}자, 최대 {MAX_LINK_CHARS}자).", text.len()),
        ));
    }
    let Some(body) = text.strip_prefix(PREFIX) else {
        return Err(Text::new(
            "This link does not carry a vpcanvas design (it should start with #d1.).",
            "이 링크에는 vpcanvas 설계가 없습니다(#d1.로 시작해야 합니다).",
        ));
    };
    let packed = unbase64url(body).map_err(|at| {
        Text::new(
            format!("The link is damaged: character {} of the design is not base64url.", at + PREFIX.len() + 1),
            format!("링크가 손상되었습니다: 설계의 {}번째 문자가 base64url이 아닙니다.", at + PREFIX.len() + 1),
        )
    })?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_DESIGN_BYTES).map_err(|e| {
        if matches!(e.status, miniz_oxide::inflate::TINFLStatus::HasMoreOutput) {
            Text::new(
                format!("The link expands to more than {} MiB: too large for a design.", MAX_DESIGN_BYTES >> 20),
                format!("링크를 풀면 {} MiB를 넘습니다. 설계로는 너무 큽니다.", MAX_DESIGN_BYTES >> 20),
            )
        } else {
            Text::new(
                "The link is damaged: its design does not decompress (was it cut short when copied?).",
                "링크가 손상되었습니다: 설계의 압축이 풀리지 않습니다(복사할 때 잘렸나요?).",
            )
        }
    })?;
    let text = String::from_utf8(json).map_err(|_| {
        Text::new("The link is damaged: its design is not text.", "링크가 손상되었습니다: 설계가 텍스트가 아닙니다.")
    })?;
    load(&text).map_err(|e| {
        Text::new(format!("The link's design is not valid: {e}"), format!("링크의 설계가 올바르지 않습니다: {e}"))
    })
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

    fn sample() -> Design {
        crate::load(include_str!("../../public/samples/two-az.json")).unwrap_or_else(|e| panic!("{e}"))
    }

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
        let link = encode(&d).unwrap_or_else(|e| panic!("{}", e.en));
        assert!(link.starts_with(PREFIX));
        assert!(link.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)), "URL-safe: {link}");
        assert_eq!(decode(&format!("#{link}")).unwrap_or_else(|e| panic!("{}", e.en)), d);
    }

    #[test]
    fn a_bad_link_says_what_is_wrong() {
        let link = encode(&sample()).unwrap_or_else(|e| panic!("{}", e.en));
        let err = |text: &str| decode(text).err().map(|e| e.en).unwrap_or_default();
        assert!(err("#x1.abc").contains("does not carry a vpcanvas design"));
        assert!(err("#d1.ab$cd").contains("character 6"), "{}", err("#d1.ab$cd"));
        assert!(err(&link[..link.len() / 2]).contains("damaged"), "cut short");
        assert!(err(&"d1.A".repeat(MAX_LINK_CHARS)).contains("too long"));
        // Valid compression of text that is not a design.
        let not_a_design = format!("{PREFIX}{}", base64url(&miniz_oxide::deflate::compress_to_vec(b"{\"a\":1}", 6)));
        assert!(err(&not_a_design).contains("not valid"), "{}", err(&not_a_design));
    }

    #[test]
    fn a_decompression_bomb_stops_at_the_size_limit() {
        // Twice the size limit of spaces compresses to a few tens of kilobytes.
        let bomb = vec![b' '; 2 * MAX_DESIGN_BYTES];
        let link = format!("{PREFIX}{}", base64url(&miniz_oxide::deflate::compress_to_vec(&bomb, 10)));
        assert!(link.len() < MAX_LINK_CHARS);
        let e = decode(&link).err().map(|e| e.en).unwrap_or_default();
        assert!(e.contains("expands to more than"), "{e}");
    }
}
