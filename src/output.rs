//! The generated files: which ones a run makes ([`Layout`], [`files`]), and where their text goes
//! as it is made: [`Sink`] takes a file's text, [`Destination`] opens one sink per file.
//!
//! Generation in memory ([`Memory`]) collects each file in a [`GeneratedFile`]; the command line
//! and build scripts stream each file into a temporary file beside its target, or compare it with
//! the file on disk (`write::Writer`, `write::Checker`), so a large client is never held whole.
//! Rendering writes into a destination and writing provides one: both depend on this module, not
//! on each other.

use crate::error::Error;
use crate::model::{Api, Module};

/// How the generated code is laid out on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// A whole crate: `Cargo.toml`, `README.md`, `src/`, tests and the `replay` example, in the
    /// output directory, and beside them in `runtime/` the crate of the client's runtime, which
    /// the client depends on and re-exports as its `runtime` module: it is compiled once, not
    /// again whenever the client is regenerated. Regeneration removes files postgen generated
    /// earlier that are no longer produced, and never touches files it did not generate.
    #[default]
    Crate,
    /// One Rust file holding the client, for `include!` inside a module of your crate. Your crate
    /// then needs the client's dependencies: `reqwest` (with `multipart`), `serde` (with
    /// `derive`), `serde_json` and `percent-encoding`.
    Module,
}

/// The client module's path in a crate, and the only file of [`Layout::Module`].
pub const CLIENT_MODULE: &str = "src/api.rs";

/// A file of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// The path relative to the crate's directory, with `/` separators.
    pub path: String,
    pub contents: String,
}

/// What a generated file holds, which decides how it is rendered (see `render/layout.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// `Cargo.toml`.
    Manifest,
    /// `README.md`: what the crate is, and its endpoints module by module.
    Readme,
    /// `src/lib.rs`: the crate docs, then the client module.
    CrateRoot,
    /// The client: `src/api.rs` of a crate, or the module file of [`Layout::Module`].
    Client,
    /// `tests/examples.rs`: a test per saved example response.
    Tests,
    /// `examples/replay.rs`: every request in collection order.
    Replay,
    /// `runtime/Cargo.toml`: the package of the runtime a client crate depends on.
    RuntimeManifest,
    /// `runtime/src/lib.rs`: the runtime, the code every endpoint shares.
    Runtime,
}

/// The files of `layout` for `api` in their fixed order.
pub fn files(api: &Api, layout: Layout) -> Vec<(&'static str, Content)> {
    if layout == Layout::Module {
        return vec![(CLIENT_MODULE, Content::Client)];
    }
    let mut files = vec![
        ("Cargo.toml", Content::Manifest),
        ("README.md", Content::Readme),
        ("src/lib.rs", Content::CrateRoot),
        (CLIENT_MODULE, Content::Client),
        ("examples/replay.rs", Content::Replay),
        ("runtime/Cargo.toml", Content::RuntimeManifest),
        ("runtime/src/lib.rs", Content::Runtime),
    ];
    if has_examples(&api.root) {
        files.push(("tests/examples.rs", Content::Tests));
    }
    files
}

fn has_examples(module: &Module) -> bool {
    module.endpoints.iter().any(|e| !e.examples.is_empty())
        || module.modules.iter().any(has_examples)
}

/// A file's text, taken as it is made, in order.
///
/// Writing cannot fail here: a sink that can (a file) keeps its first error and reports it when
/// it is finished, so the formatter never has to stop half-way through a line.
pub trait Sink: Send {
    /// Appends `text`.
    fn push_str(&mut self, text: &str);
}

impl Sink for String {
    fn push_str(&mut self, text: &str) {
        String::push_str(self, text);
    }
}

/// Opens a [`Sink`] for each file of the generated crate.
pub trait Destination: Sync {
    type File: Sink;

    /// A sink for the file at `path` (relative to the crate, `/`-separated); files are opened
    /// from several threads, each file once.
    fn open(&self, path: &str) -> Result<Self::File, Error>;
}

/// Files collected in memory, as [`GeneratedFile`]s.
pub struct Memory;

impl Destination for Memory {
    type File = GeneratedFile;

    fn open(&self, path: &str) -> Result<Self::File, Error> {
        Ok(GeneratedFile {
            path: path.to_string(),
            contents: String::new(),
        })
    }
}

impl Sink for GeneratedFile {
    fn push_str(&mut self, text: &str) {
        self.contents.push_str(text);
    }
}
