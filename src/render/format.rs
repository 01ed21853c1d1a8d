//! Rendered Rust text -> syn -> prettyplease, a piece at a time and on every core, with errors
//! that show where the text went wrong.
//!
//! Templates put a [`SPLIT`] line between top-level items (the client's method blocks, root
//! types, each top-level module, each test). prettyplease lays out a file as its items one
//! after another, so formatting the pieces apart and joining them gives the same text as
//! formatting the whole file, while only the pieces being formatted have a syn tree in memory
//! and the pieces of all files share the cores.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::Error;

/// The line templates write between top-level items. It cannot come from a collection: user
/// text reaches `.rs` files only as escaped literals, which never contain a line break.
pub const SPLIT: &str = "//@postgen split";

/// One piece to format: which file it belongs to, and where it starts in that file's text.
struct Piece<'a> {
    template: &'a str,
    source: &'a str,
    text: &'a str,
    /// The number of lines of `source` before `text`, for error messages.
    first_line: usize,
}

/// Formats each `(template, source)` pair, its pieces in parallel; results in input order.
pub fn rust_files(files: &[(&str, &str)]) -> Result<Vec<String>, Error> {
    let mut pieces = Vec::new();
    let mut owners = Vec::new();
    for (file, (template, source)) in files.iter().enumerate() {
        for (text, first_line) in split(source) {
            pieces.push(Piece {
                template,
                source,
                text,
                first_line,
            });
            owners.push(file);
        }
    }
    let formatted = in_parallel(&pieces, format_piece)?;
    let mut out = vec![String::new(); files.len()];
    for (file, text) in owners.into_iter().zip(formatted) {
        out[file].push_str(&text);
    }
    Ok(out)
}

/// `source` cut at its [`SPLIT`] lines, each piece with the number of lines before it.
fn split(source: &str) -> Vec<(&str, usize)> {
    let mut pieces = Vec::new();
    let (mut start, mut first_line, mut line) = (0, 0, 0);
    let mut offset = 0;
    for text in source.split_inclusive('\n') {
        if text.trim() == SPLIT {
            pieces.push((&source[start..offset], first_line));
            start = offset + text.len();
            first_line = line + 1;
        }
        offset += text.len();
        line += 1;
    }
    pieces.push((&source[start..], first_line));
    pieces
}

/// Applies `work` to every item on all cores (at most 8 threads), taking the next item as a
/// thread finishes one, so a large piece does not hold up the rest. Results keep input order;
/// the first error (in input order) is returned.
fn in_parallel<T: Sync>(
    items: &[T],
    work: fn(&T) -> Result<String, Error>,
) -> Result<Vec<String>, Error> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(items.len().max(1));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<String, Error>>>> =
        Mutex::new((0..items.len()).map(|_| None).collect());
    let run = || {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            let result = work(item);
            results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(result);
        }
    };
    // Only spawned threads parse: proc-macro2 keeps the text of every parse in a thread-local
    // map (for line numbers), which is freed when its thread ends, never on the main thread.
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(run);
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|result| result.unwrap_or_else(|| Ok(String::new())))
        .collect()
}

/// Parses one piece as a Rust file and pretty-prints it. A parse failure is a bug in a
/// template or in postgen, never something a collection can cause, so the error shows the
/// rendered text around the failing line for whoever fixes the template.
fn format_piece(piece: &Piece<'_>) -> Result<String, Error> {
    let file = syn::parse_file(piece.text).map_err(|e| {
        let line = piece.first_line + e.span().start().line;
        let context: Vec<String> = piece
            .source
            .lines()
            .enumerate()
            .skip(line.saturating_sub(4))
            .take(7)
            .map(|(i, text)| format!("{:>5} | {text}", i + 1))
            .collect();
        Error::Render {
            template: piece.template.to_string(),
            message: format!(
                "rendered text is not valid Rust ({e}) at line {line}:\n{}",
                context.join("\n")
            ),
        }
    })?;
    Ok(prettyplease::unparse(&file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_format_as_the_whole_file_does() {
        let source = format!(
            "struct A{{x:u8}}\n{SPLIT}\nimpl A{{fn f(&self)->u8{{self.x}}}}\n  {SPLIT}\nmod m{{pub fn g(){{}}}}\n"
        );
        let whole = prettyplease::unparse(&syn::parse_file(&source).unwrap());
        assert_eq!(rust_files(&[("t", &source)]).unwrap(), [whole]);
    }

    #[test]
    fn an_error_names_the_line_in_the_whole_file() {
        let source = format!("struct A;\n{SPLIT}\nstruct B;\n\nfn (\n");
        let error = rust_files(&[("api.rs.jinja", &source)]).unwrap_err();
        let text = error.to_string();
        assert!(text.contains("at line 5:"), "{text}");
        assert!(text.contains("    5 | fn ("), "{text}");
    }
}
