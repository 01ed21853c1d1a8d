//! The generator's errors and warnings. Every input problem names the file and the JSON
//! location; what it quotes from the collection is shown with control and bidirectional
//! characters escaped ([`visible`]), so a header name holding a newline or U+202E cannot
//! rewrite the terminal's line.

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in the input, at a JSON location such as `item[3].request.url`: an error, or a
/// warning of some [`Kind`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The JSON path inside the file; empty for the whole document.
    pub location: String,
    pub message: String,
    /// What a warning is about; warnings are grouped and counted by it.
    pub kind: Kind,
}

impl Problem {
    /// A problem of `kind` at `location`.
    pub fn new(kind: Kind, location: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            location: location.into(),
            message: message.into(),
            kind,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.is_empty() {
            f.write_str(&visible(&self.message))
        } else {
            write!(f, "{}: {}", visible(&self.location), visible(&self.message))
        }
    }
}

/// What a problem is about. Warnings are printed grouped by kind, in this order, and counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// An error: generation stops.
    Error,
    /// Something postgen cannot represent was left out; the rest is generated.
    LeftOut,
    /// The collection is probably wrong about the API (a converter's habits: JSON text in
    /// form fields, files declared as text, a body documented for a 204); the client follows
    /// the collection, and an override can correct it.
    Suspect,
    /// The collection contradicts itself (a JSON body that does not parse, a variable with two
    /// values, an example that fails its own test script).
    Inconsistent,
    /// A feature postgen handles another way than Postman (an unknown auth type or body mode).
    Unsupported,
    /// A script statement that is not translated into Rust.
    Script,
    /// The file breaks the schema in a way real exports do; it was read as meant.
    Repaired,
}

impl Kind {
    /// Every kind, in the order warnings are printed.
    pub const ALL: [Kind; 7] = [
        Kind::Error,
        Kind::LeftOut,
        Kind::Suspect,
        Kind::Inconsistent,
        Kind::Unsupported,
        Kind::Script,
        Kind::Repaired,
    ];

    /// How a count of warnings of this kind reads: `3 left out`.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Error => "errors",
            Kind::LeftOut => "left out",
            Kind::Suspect => "suspect",
            Kind::Inconsistent => "inconsistent",
            Kind::Unsupported => "unsupported",
            Kind::Script => "script statements not translated",
            Kind::Repaired => "repaired",
        }
    }
}

/// `warnings` in the order they are printed: grouped by kind; within a kind, the collection's
/// own warnings first, then each item's in document order (`item[10]` after `item[9]`), and
/// one item's in the order they were found.
pub fn grouped(warnings: &[Problem]) -> Vec<&Problem> {
    let mut sorted: Vec<&Problem> = warnings.iter().collect();
    sorted.sort_by_cached_key(|w| (w.kind, item_key(&w.location)));
    sorted
}

/// The item indices along a JSON location: `item[2].item[10].request.url` -> `[2, 10]`.
fn item_key(location: &str) -> Vec<usize> {
    location
        .split("item[")
        .skip(1)
        .map_while(|rest| rest.split_once(']')?.0.parse().ok())
        .collect()
}

/// The line that ends a list of warnings: `12 warnings: 7 left out, 5 repaired`; `None` when
/// there are none.
pub fn summary(warnings: &[Problem]) -> Option<String> {
    if warnings.is_empty() {
        return None;
    }
    let counts: Vec<String> = Kind::ALL
        .iter()
        .filter_map(|kind| {
            let n = warnings.iter().filter(|w| w.kind == *kind).count();
            (n > 0).then(|| format!("{n} {}", kind.label()))
        })
        .collect();
    let n = warnings.len();
    let plural = if n == 1 { "warning" } else { "warnings" };
    Some(format!("{n} {plural}: {}", counts.join(", ")))
}

/// `text` with control characters (C0, DEL, C1) and the characters that reorder text
/// (bidirectional embeddings, overrides, isolates and marks) written as Rust escapes
/// (`\n`, `\u{202e}`), so that quoting a collection cannot move or hide what a terminal shows.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if hidden(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Whether `c` is a control or text-reordering character.
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// A path as [`visible`] text.
pub fn visible_path(path: &Path) -> String {
    visible(&path.display().to_string()).into_owned()
}

/// Everything that can stop generation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: cannot read: {source}", visible_path(path))]
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
    /// Warnings were found and [`Config::deny_warnings`](crate::Config::deny_warnings) makes
    /// them fail the run; nothing was written.
    #[error("{}", warnings_message(file, warnings))]
    Warnings {
        file: PathBuf,
        warnings: Vec<Problem>,
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
        visible_path(path),
        visible_path(out_dir)
    )]
    Escape { path: PathBuf, out_dir: PathBuf },
    #[error("{}: cannot write: {source}", visible_path(path))]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

fn input_message(file: &Path, problems: &[Problem]) -> String {
    let file = visible_path(file);
    match problems {
        [one] => format!("{file}: {one}"),
        many => {
            let mut text = format!("{file}: {} problems:", many.len());
            for problem in many {
                text.push_str(&format!("\n  {problem}"));
            }
            text
        }
    }
}

fn warnings_message(file: &Path, warnings: &[Problem]) -> String {
    let file = visible_path(file);
    let mut text = format!(
        "{file}: {} (warnings are denied; nothing was written):",
        summary(warnings).unwrap_or_default()
    );
    for warning in grouped(warnings) {
        text.push_str(&format!("\n  {warning}"));
    }
    text
}

fn foreign_message(paths: &[PathBuf]) -> String {
    let mut text = String::from(
        "refusing to replace files that do not start with postgen's `@generated` line (not generated, or taken over by removing it); move them away or write elsewhere:",
    );
    for path in paths {
        text.push_str(&format!("\n  {}", visible_path(path)));
    }
    text
}
