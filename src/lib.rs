//! postgen turns a Postman collection into a typed, documented Rust API client.
//!
//! The pipeline has four layers, each in its own module:
//!
//! 1. [`collection`] reads a collection file (v2.0, v2.1, the `{"collection": ..}` wrapper or a
//!    single item) into serde types that tolerate real exports;
//! 2. [`model`] lowers it into modules, endpoints and types, deciding every name and type;
//! 3. [`render`] lays the model out through the templates in `templates/` and formats the result
//!    with syn and prettyplease;
//! 4. [`mod@write`] writes the files of the client crate, or checks that they are up to date.
//!
//! [`Config`] is the front door: the command-line tool and build scripts
//! ([`Config::build_script`]) are thin front ends over it. [`diff`] compares two versions of a
//! collection by the generated API.

pub mod collection;
mod config;
pub mod diff;
pub mod error;
pub mod model;
pub mod render;
pub mod write;

// The README's Rust example is compiled as a doctest, so it cannot drift from the generated API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

pub use config::{Checked, Config, Layout, Written};
pub use error::{Error, Problem};
pub use render::GeneratedFile;

/// The files of a generated crate and the warnings met on the way.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The crate name used.
    pub crate_name: String,
    /// Files, with paths relative to the crate's directory, in a fixed order.
    pub files: Vec<GeneratedFile>,
    /// Repairs and omissions, each with its JSON location.
    pub warnings: Vec<Problem>,
}
