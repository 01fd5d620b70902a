//! vpcanvas-core: the design document of an AWS network, and (in later modules) its validation and traffic
//! simulation.
//!
//! This crate is pure: no IO, no clock, no randomness and no web dependency. It builds for the host and for
//! `wasm32-unknown-unknown`; the app, the CLI and the tests all reach AWS semantics only through it.

pub mod check;
pub mod doc;
pub mod edit;
pub mod export;
pub mod import;
pub mod model;
pub mod net;
pub mod share;
pub mod sim;
pub mod synth;
pub mod templates;
#[cfg(any(test, feature = "testing"))]
#[doc(hidden)]
pub mod testing;
pub mod text;

pub use doc::{Design, LoadError, load, save};
