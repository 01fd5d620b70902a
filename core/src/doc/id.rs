//! Resource ids: stable strings that name a resource inside a design and that other resources refer to.
//! A design imported from AWS keeps AWS ids (`vpc-0a1b2c3d`, load balancer ARNs); a drawn one gets ids like
//! `subnet-3`.

use std::borrow::{Borrow, Cow};
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize};

/// The longest id accepted (AWS ARNs are the longest ids a design holds).
pub const MAX_ID_LEN: usize = 512;

/// A resource id: 1 to 512 characters from `A–Z a–z 0–9` and `- _ . : / @ + = ,`.
///
/// Ids cannot hold spaces, quotes or control characters, so they are safe in URLs, file names of exports and
/// generated infrastructure code; names, which are free text, carry everything else.
#[derive(Debug, Clone, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Id(String);

// Written out rather than derived so that test builds can count comparisons (`check::work`); the same as derived.
impl PartialEq for Id {
    fn eq(&self, other: &Id) -> bool {
        #[cfg(test)]
        crate::check::work::tick();
        self.0 == other.0
    }
}

impl Eq for Id {}

impl std::hash::Hash for Id {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

/// Why a string is not an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdError {
    Empty,
    TooLong(usize),
    BadChar(char),
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdError::Empty => f.write_str("an id cannot be empty"),
            IdError::TooLong(n) => write!(f, "an id can be at most {MAX_ID_LEN} characters long, this one has {n}"),
            IdError::BadChar(c) => write!(
                f,
                "an id can only hold letters, digits and - _ . : / @ + = , (found {:?})",
                c.escape_default().to_string()
            ),
        }
    }
}

impl std::error::Error for IdError {}

fn id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-_.:/@+=,".contains(c)
}

impl Id {
    /// Checks `text` and makes it an id.
    pub fn new(text: impl Into<String>) -> Result<Id, IdError> {
        let text = text.into();
        if text.is_empty() {
            return Err(IdError::Empty);
        }
        if text.len() > MAX_ID_LEN {
            return Err(IdError::TooLong(text.len()));
        }
        if let Some(c) = text.chars().find(|c| !id_char(*c)) {
            return Err(IdError::BadChar(c));
        }
        Ok(Id(text))
    }

    /// An id built by vpcanvas itself from known-good parts (letters, digits, '-'); invalid characters are replaced
    /// by '-' so that the result is always a valid id.
    pub fn generated(text: &str) -> Id {
        let mut clean: String = text.chars().take(MAX_ID_LEN).map(|c| if id_char(c) { c } else { '-' }).collect();
        if clean.is_empty() {
            clean.push('-');
        }
        Id(clean)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Id::new(text).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Id {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Id")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A resource id, unique within the design; AWS ids are kept as they are",
            "pattern": "^[A-Za-z0-9_.:/@+=,-]{1,512}$",
            "examples": ["vpc-0a1b2c3d4e5f60718", "subnet-public-a"],
        })
    }
}

#[cfg(feature = "arbitrary")]
impl<'a> arbitrary::Arbitrary<'a> for Id {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        // Half the ids come from a small pool, so that generated designs have references that resolve.
        const POOL: &[&str] = &["a", "b", "c", "d", "e", "f", "g", "h"];
        if bool::arbitrary(u)? {
            return Ok(Id((*u.choose(POOL)?).to_owned()));
        }
        const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/@+=,";
        let len = u.int_in_range(1..=24)?;
        let mut text = String::with_capacity(len);
        for _ in 0..len {
            text.push(char::from(*u.choose(CHARS)?));
        }
        Ok(Id(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_aws_ids_and_arns() {
        for ok in [
            "vpc-0a1b2c3d4e5f60718",
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188",
            "web:3",
            "a",
        ] {
            assert_eq!(Id::new(ok).unwrap().as_str(), ok);
        }
    }

    #[test]
    fn generated_ids_are_always_valid() {
        for text in ["subnet-3", "", "a b", "한국"] {
            let id = Id::generated(text);
            assert_eq!(Id::new(id.as_str()), Ok(id.clone()), "{text:?}");
        }
        assert_eq!(Id::generated("vpc-7").as_str(), "vpc-7");
    }

    #[test]
    fn refuses_hostile_or_empty_ids() {
        assert_eq!(Id::new(""), Err(IdError::Empty));
        assert_eq!(Id::new("a b"), Err(IdError::BadChar(' ')));
        assert_eq!(Id::new("<script>"), Err(IdError::BadChar('<')));
        assert_eq!(Id::new("x".repeat(513)), Err(IdError::TooLong(513)));
        let err = serde_json::from_str::<Id>("\"vpc\\n1\"").unwrap_err().to_string();
        assert!(err.contains("found \"\\\\n\""), "{err}");
    }
}
