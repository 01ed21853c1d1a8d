//! Where rendered files go: [`Sink`] takes a file's text as it is made, [`Destination`] opens
//! one sink per file.
//!
//! Generation in memory ([`render`](super::render)) collects each file in a `String`; the
//! command line and build scripts stream each file into a temporary file beside its target, or
//! compare it with the file on disk (`write::Writer`), so a large client is never held whole.

use crate::error::Error;

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

/// Files collected in memory, as [`GeneratedFile`](super::GeneratedFile)s.
pub struct Memory;

impl Destination for Memory {
    type File = super::GeneratedFile;

    fn open(&self, path: &str) -> Result<Self::File, Error> {
        Ok(super::GeneratedFile {
            path: path.to_string(),
            contents: String::new(),
        })
    }
}

impl Sink for super::GeneratedFile {
    fn push_str(&mut self, text: &str) {
        self.contents.push_str(text);
    }
}
