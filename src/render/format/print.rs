//! One piece of a Rust file, formatted as it is in the whole file: parsed with syn and printed
//! with prettyplease inside as many `mod` and `impl` wrappers as it is deep, which are then
//! dropped. prettyplease lays out the items of a file, module or impl one after another, each
//! independently of the others, so the pieces of a file printed alone and put together in order
//! are byte for byte the file printed whole (the tests check it).
//!
//! A piece that opens a block (a `mod` or `impl` whose later items are pieces of their own) is
//! printed with one more item inside the block, a one-line function, and the last two lines (that
//! item and the block's `}`) are dropped: what is left is the block's header and its first items,
//! exactly as they are printed in the whole file.

use std::sync::{Mutex, PoisonError};

use super::docs;
use super::{Block, Job};
use crate::error::Error;

/// The indentation prettyplease gives each level of blocks.
pub(super) const INDENT: &str = "    ";

/// `job` printed, without the spans proc-macro2 recorded to parse it: it keeps a copy of every
/// parsed text per thread (to give spans line numbers), which would otherwise hold a second copy
/// of every file until the thread ends. No span outlives this call.
pub(super) fn print(job: Job) -> Result<String, Error> {
    if job.text.len() >= REMEMBERED
        && let Some(printed) = remembered(&job)
    {
        return Ok(printed);
    }
    let printed = print_job(&job);
    proc_macro2::extra::invalidate_current_thread_spans();
    if let Ok(printed) = &printed
        && job.text.len() >= REMEMBERED
    {
        remember(job, printed.clone());
    }
    printed
}

/// Pieces this long are the Rust every client embeds (the runtime, the generated tests'
/// harness, the replay example's support), the same text for every client of a feature set:
/// each is printed once per process, not once per client. A process that generates many
/// clients (a test suite, the corpus check, the fuzzer: there, formatting the runtime was most
/// of every input's time) saves it; a single generation does not change.
const REMEMBERED: usize = 16 * 1024;

/// How many long pieces are remembered, the oldest forgotten first: the runtime with and
/// without its signers, the harness and the replay support, and room for a user's own.
const REMEMBER_AT_MOST: usize = 8;

/// Long pieces printed before, with what they printed as.
static MEMO: Mutex<Vec<(Job, String)>> = Mutex::new(Vec::new());

/// What `job` printed as before, when it was printed: the same text at the same depth (its
/// template's name only names it in errors, and a remembered piece printed without one).
fn remembered(job: &Job) -> Option<String> {
    let memo = MEMO.lock().unwrap_or_else(PoisonError::into_inner);
    memo.iter()
        .find(|(seen, _)| {
            seen.blocks == job.blocks && seen.open == job.open && seen.text == job.text
        })
        .map(|(_, printed)| printed.clone())
}

fn remember(job: Job, printed: String) {
    let mut memo = MEMO.lock().unwrap_or_else(PoisonError::into_inner);
    // Two workers may have printed the same piece at once.
    if memo.iter().any(|(seen, _)| {
        seen.blocks == job.blocks && seen.open == job.open && seen.text == job.text
    }) {
        return;
    }
    if memo.len() == REMEMBER_AT_MOST {
        memo.remove(0);
    }
    memo.push((job, printed));
}

fn print_job(job: &Job) -> Result<String, Error> {
    if job.open.is_none() && job.text.trim().is_empty() {
        return Ok(String::new());
    }
    let prepared = docs::prepare(&job.text);
    let depth = job.blocks.len();
    let mut text = String::with_capacity(prepared.text.len() + 32 * depth);
    for block in &job.blocks {
        text.push_str(match block {
            Block::Mod => "mod __postgen {",
            Block::Impl => "impl __Postgen {",
        });
    }
    // The wrappers' openings share the first line, so line n of the piece is line n + 1.
    text.push('\n');
    text.push_str(&prepared.text);
    text.push_str(&"}".repeat(depth));
    let mut file = syn::parse_file(&text).map_err(|e| not_rust(job, &prepared, &e))?;
    if let Some(block) = job.open {
        open(job, &mut file, block)?;
    }
    let printed = prettyplease::unparse(&file);
    drop(file);
    let lines: Vec<&str> = printed.split_inclusive('\n').collect();
    // Without the wrappers' opening and closing lines, and for an opened block without its
    // extra item and its `}`.
    let end = lines
        .len()
        .saturating_sub(depth + if job.open.is_some() { 2 } else { 0 });
    let mut out = String::with_capacity(printed.len() + prepared.doc_len());
    prepared.restore(&lines[depth.min(end)..end], job.source, &mut out)?;
    Ok(out)
}

/// Puts a one-line item at the end of the block that `job` opens: its last item, which must be
/// a `mod` (with a body) or an `impl` as `block` says.
fn open(job: &Job, file: &mut syn::File, block: Block) -> Result<(), Error> {
    let mut items = &mut file.items;
    for _ in &job.blocks {
        match items.last_mut() {
            Some(syn::Item::Mod(syn::ItemMod {
                content: Some((_, inner)),
                ..
            })) => items = inner,
            _ => return Err(error(job, "a block can only be opened inside modules")),
        }
    }
    match (block, items.last_mut()) {
        (
            Block::Mod,
            Some(syn::Item::Mod(syn::ItemMod {
                content: Some((_, inner)),
                ..
            })),
        ) => inner.push(syn::parse_quote!(
            fn __postgen() {}
        )),
        (Block::Impl, Some(syn::Item::Impl(inner))) => inner.items.push(syn::parse_quote!(
            fn __postgen() {}
        )),
        (Block::Mod, _) => return Err(error(job, "the text must end with a `mod` with a body")),
        (Block::Impl, _) => return Err(error(job, "the text must end with an `impl` block")),
    }
    Ok(())
}

fn error(job: &Job, message: &str) -> Error {
    Error::Render {
        template: job.source.to_string(),
        message: message.to_string(),
    }
}

/// A piece that syn cannot parse: a bug in a template or in postgen, never something a
/// collection can cause, so the error shows the rendered text around the failing line (numbered
/// from the piece's first line; a run of doc lines shows as its placeholder) for whoever fixes
/// the template.
fn not_rust(job: &Job, prepared: &docs::Prepared, e: &syn::Error) -> Error {
    // The piece's first line follows the wrappers' line.
    let at = e
        .span()
        .start()
        .line
        .saturating_sub(2)
        .min(prepared.lines.len().saturating_sub(1));
    let line = prepared.lines.get(at).map_or(1, |l| l + 1);
    let context: Vec<String> = prepared
        .text
        .lines()
        .zip(&prepared.lines)
        .skip(at.saturating_sub(3))
        .take(7)
        .map(|(text, number)| format!("{:>5} | {text}", number + 1))
        .collect();
    Error::Render {
        template: job.source.to_string(),
        message: format!(
            "rendered text is not valid Rust ({e}) at line {line}:\n{}",
            context.join("\n")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_piece_is_printed_once_and_the_same_at_its_own_depth() {
        let text: String = (0..600)
            .map(|i| format!("pub fn f{i}(a:u8)->u8{{a+{i}}}\n"))
            .collect();
        assert!(text.len() >= REMEMBERED);
        let job = |blocks: Vec<Block>| Job {
            text: text.clone(),
            blocks,
            open: None,
            source: "t",
        };
        let first = print(job(vec![])).unwrap();
        assert!(remembered(&job(vec![])).is_some());
        assert_eq!(print(job(vec![])).unwrap(), first);
        assert_eq!(print_job(&job(vec![])).unwrap(), first);
        assert!(
            first.starts_with("pub fn f0(a: u8) -> u8 {\n    a + 0\n}\n"),
            "{first}"
        );
        // The same text one block deeper is another piece.
        let nested = print(job(vec![Block::Mod])).unwrap();
        assert!(
            nested.starts_with("    pub fn f0(a: u8) -> u8 {\n        a + 0\n    }\n"),
            "{nested}"
        );
        // A short piece is not remembered.
        let short = Job {
            text: "fn g(){}".into(),
            blocks: vec![],
            open: None,
            source: "t",
        };
        print(short.clone()).unwrap();
        assert!(remembered(&short).is_none());
    }
}
