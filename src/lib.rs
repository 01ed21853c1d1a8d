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
//! The command-line tool is a thin front end over [`generate`] and [`write::write`](fn@write::write).

pub mod collection;
pub mod error;
pub mod model;
pub mod render;
pub mod write;

// The README's Rust example is compiled as a doctest, so it cannot drift from the generated API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

use std::path::Path;

pub use error::{Error, Problem};
pub use render::GeneratedFile;

/// What to generate besides what the collection says.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The generated crate's package name; by default the input file's stem.
    pub crate_name: Option<String>,
    /// A Postman environment file whose variable values override the collection's.
    pub environment: Option<std::path::PathBuf>,
}

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

/// Reads the collection at `input` and renders the client crate in memory. Writes nothing.
pub fn generate(input: &Path, options: &Options) -> Result<Generated, Error> {
    let parsed = collection::load(input)?;
    let crate_name = match &options.crate_name {
        Some(name) => name.clone(),
        None => model::default_crate_name(input),
    };
    validate_crate_name(&crate_name)?;
    let environment = match &options.environment {
        Some(path) => collection::load_environment(path)?,
        None => Default::default(),
    };
    let api = model::lower(
        &parsed,
        &model::Options {
            crate_name: crate_name.clone(),
            environment,
        },
    )?;
    let files = render::render(&api)?;
    Ok(Generated {
        crate_name,
        files,
        warnings: api.warnings,
    })
}

fn validate_crate_name(name: &str) -> Result<(), Error> {
    let valid = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if valid {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "`{name}` is not a valid crate name: use ASCII letters, digits, `-` and `_`, starting with a letter (set one with --name)"
        )))
    }
}
