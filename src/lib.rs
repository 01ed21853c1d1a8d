//! postgen turns a Postman collection into a typed, documented Rust API client.
//!
//! The pipeline has four layers, each in its own module:
//!
//! 1. [`collection`] reads a collection file (v2.0, v2.1, the `{"collection": ..}` wrapper or a
//!    single item) into serde types that tolerate real exports;
//! 2. [`lower`] turns it into the [`model`] (data only): modules, endpoints and types, with every
//!    name and type decided;
//! 3. [`render`] lays the model out through the templates in `templates/` and formats the result
//!    with syn and prettyplease;
//! 4. [`mod@write`] writes the files of the client crate, or checks that they are up to date.
//!
//! [`output`] says which files a run makes and is the interface between rendering and writing;
//! `text` holds the pure text utilities (docs conversion, names, `{{var}}` splitting) that
//! lowering uses. [`Config`] is the front door: the command-line tool and build scripts
//! ([`Config::build_script`]) are thin front ends over it, and [`diff`] compares the APIs that two
//! configurations generate.

pub mod collection;
mod config;
pub mod diff;
pub mod error;
pub mod lower;
pub mod model;
pub mod output;
pub mod overrides;
pub mod render;
mod text;
mod threads;
mod util;
pub mod write;

// The README's Rust example is compiled as a doctest, so it cannot drift from the generated API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

pub use config::{Checked, Config, ScriptCounts, Written};
pub use error::{Error, Problem};
pub use output::{GeneratedFile, Layout};

/// The files of a generated crate and the warnings met on the way.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The crate name used.
    pub crate_name: String,
    /// Files, with paths relative to the crate's directory, in a fixed order.
    pub files: Vec<GeneratedFile>,
    /// Repairs and omissions, each with its JSON location.
    pub warnings: Vec<Problem>,
    /// How many of the scripts' variable sets and assertions were translated.
    pub scripts: ScriptCounts,
}
