//! The shared test fixture: the shipped sample, the templates, ids and blocks from text, and resources looked up
//! by id rather than by their place in a list (so a test still means the same thing when the sample changes).
//!
//! Built for this crate's own tests and, through the `testing` feature, for the integration tests, the CLI's and
//! the app's. Not part of the product: its functions panic on a missing resource, which is what a test wants.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a fixture fails loudly

use crate::doc::{Design, Id, Kind};
use crate::net::Ipv4Cidr;

/// The sample's text (`public/samples/two-az.json`): a correct two-zone design on which no rule fires.
pub const SAMPLE: &str = include_str!("../../public/samples/two-az.json");

/// The shipped sample, loaded.
pub fn sample() -> Design {
    crate::load(SAMPLE).unwrap()
}

/// The template with this key, laid out as the app opens it.
pub fn template(key: &str) -> Design {
    let t = crate::templates::all().into_iter().find(|t| t.key == key).unwrap_or_else(|| panic!("no template {key}"));
    t.design().unwrap_or_else(|e| panic!("template {key}: {e:?}"))
}

/// An id from text.
pub fn id(text: &str) -> Id {
    Id::new(text).unwrap()
}

/// An IPv4 block from text.
pub fn cidr(text: &str) -> Ipv4Cidr {
    text.parse().unwrap()
}

/// The resource of type `T` with this id; panics, naming the id and the kind, when the design has none.
pub fn get<'d, T: Kind>(d: &'d Design, id: &str) -> &'d T {
    d.get::<T>(id).unwrap_or_else(|| panic!("the design has no {} {id}", T::KIND.label()))
}

/// The resource of type `T` with this id, to change; panics, naming the id and the kind, when the design has none.
pub fn get_mut<'d, T: Kind>(d: &'d mut Design, id: &str) -> &'d mut T {
    d.get_mut::<T>(id).unwrap_or_else(|| panic!("the design has no {} {id}", T::KIND.label()))
}
