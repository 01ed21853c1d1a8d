//! The generator's errors. Every input problem names the file and the JSON location.

use std::fmt;
use std::path::PathBuf;

/// One problem in the input, at a JSON location such as `item[3].request.url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The JSON path inside the file; empty for the whole document.
    pub location: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.location, self.message)
        }
    }
}

/// Everything that can stop generation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The input is not a collection we can generate from; all problems found are listed.
    #[error("{}", input_message(file, problems))]
    Input {
        file: PathBuf,
        problems: Vec<Problem>,
    },
    /// A template failed, or rendered something that is not valid Rust. A bug in postgen or in a
    /// template, not in the user's collection.
    #[error("template {template}: {message}")]
    Render { template: String, message: String },
    /// An invalid option, such as a crate name that is not a valid package name.
    #[error("{0}")]
    Usage(String),
    /// Files in the output directory without postgen's `@generated` line would be replaced.
    #[error("{}", foreign_message(paths))]
    Foreign { paths: Vec<PathBuf> },
    /// A path in the output directory is a symlink leading out of it.
    #[error(
        "{}: a symlink that leads outside the output directory {}: refusing to write through it",
        path.display(),
        out_dir.display()
    )]
    Escape { path: PathBuf, out_dir: PathBuf },
    #[error("{}: cannot write: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

fn input_message(file: &std::path::Path, problems: &[Problem]) -> String {
    let file = file.display();
    match problems {
        [one] if one.location.is_empty() => format!("{file}: {}", one.message),
        [one] => format!("{file}: {}: {}", one.location, one.message),
        many => {
            let mut text = format!("{file}: {} problems:", many.len());
            for problem in many {
                text.push_str(&format!("\n  {problem}"));
            }
            text
        }
    }
}

fn foreign_message(paths: &[PathBuf]) -> String {
    let mut text = String::from(
        "refusing to replace files that do not start with postgen's `@generated` line (not generated, or taken over by removing it); move them away or write elsewhere:",
    );
    for path in paths {
        text.push_str(&format!("\n  {}", path.display()));
    }
    text
}
