//! [`Text`]: what the product says to people, in English and Korean. Every layer speaks through it: findings,
//! traces, refusals of an edit, errors a user sees.

use serde::Serialize;

/// A text in English and Korean.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    pub en: String,
    pub ko: String,
}

impl Text {
    pub fn new(en: impl Into<String>, ko: impl Into<String>) -> Self {
        Text { en: en.into(), ko: ko.into() }
    }
}
