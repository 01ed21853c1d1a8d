//! Rendered Rust text -> syn -> prettyplease, a piece at a time and on every core, with errors
//! that show where the text went wrong.
//!
//! Templates mark where a file may be cut: [`SPLIT`] between two items, [`BEGIN_MOD`] /
//! [`BEGIN_IMPL`] after the `{` of a module or impl block and [`END`] on the line before its `}`.
//! The text between a begin and its end becomes pieces of their own (cut at its splits), and the
//! enclosing piece holds a placeholder item in their place. Each piece is parsed and printed
//! wrapped in as many `mod`/`impl` blocks as it is deep, so prettyplease indents and wraps it
//! exactly as in the whole file; the placeholders are then replaced by the printed pieces.
//! prettyplease lays out the items of a file, module or impl one after another, so the result is
//! byte for byte what formatting the whole file gives.
//!
//! The enclosing piece is cut at the begin mark, closed by a `}` of its own that is dropped once
//! it is printed; the block's real `}`, after the end mark, is printed at the start of the piece
//! that follows. So a block's pieces are placed in the file as soon as they are printed, not
//! held until the block ends: a folder of 50,000 requests is 100 MB of one module.
//!
//! Text is cut as it arrives ([`Lines`], which a template renders into), and each piece is
//! printed by a worker as soon as it is cut: rendering and formatting overlap, the rendered text
//! is held only as far as a template writes it at once (a macro's whole output: one method or
//! type, since modules are walked in a loop), and only the pieces in flight have a syn tree.

use std::io;
use std::sync::Mutex;

use super::assemble::{Assembly, Done, Printed, store};
use crate::error::Error;
use crate::output::Sink;

/// Between two items at any depth.
pub const SPLIT: &str = "//@postgen split";
/// After the `{` of a `mod`: its items are pieces of their own.
pub const BEGIN_MOD: &str = "//@postgen begin mod";
/// After the `{` of an `impl`: its associated items are pieces of their own.
pub const BEGIN_IMPL: &str = "//@postgen begin impl";
/// Before the `}` closing the innermost begin.
pub const END: &str = "//@postgen end";

/// The enclosing blocks of a piece, outermost first.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Block {
    Mod,
    Impl,
}

/// A run of lines to format alone.
pub(super) struct Piece {
    blocks: Vec<Block>,
    text: String,
    /// The line of the rendered file (from 0) of each line of `text`.
    lines: Vec<usize>,
    /// Region ids, in order, of the placeholders in `text`.
    holes: Vec<usize>,
    /// The printed lines (`///` and the value) of each run of doc attributes, in order; `text`
    /// holds one [`DOC_PLACEHOLDER`] attribute per run.
    docs: Vec<Vec<String>>,
    /// Whether the last line of `text` is a doc placeholder that the next doc line joins.
    in_docs: bool,
    /// `text` ends with a `}` closing the block it opens, to be dropped once printed.
    drop_close: bool,
    /// The printed piece starts with the `}` closing the block before it.
    close_before: bool,
}

impl Piece {
    fn new(blocks: Vec<Block>) -> Piece {
        Piece {
            blocks,
            text: String::new(),
            lines: Vec::new(),
            holes: Vec::new(),
            docs: Vec::new(),
            in_docs: false,
            drop_close: false,
            close_before: false,
        }
    }
}

/// The attribute that stands for a run of doc lines while a piece is parsed and printed.
const DOC_PLACEHOLDER: &str = "#[doc = \"__postgen_doc\"]\n";
/// How prettyplease prints [`DOC_PLACEHOLDER`], after the indentation.
const DOC_PRINTED: &str = "///__postgen_doc";
/// The error for an end mark whose next line is not its block's `}`.
const NO_CLOSING_BRACE: &str = "an end mark must be followed by the `}` closing its block";

/// Formats `source`, rendered by `template` (named in errors), and appends it to `out`.
pub(super) fn rust_file(template: &str, source: &str, out: &mut dyn Sink) -> Result<(), Error> {
    streamed(template, out, |lines| {
        source
            .split_inclusive('\n')
            .for_each(|line| lines.line(line));
        Ok(())
    })
}

/// Formats the Rust text that `write` gives to its [`Lines`] (rendered by `template`, named in
/// errors) and appends it to `out`. An error of `write` comes first, then a misplaced mark, then
/// the first piece that is not valid Rust.
pub(super) fn streamed(
    template: &str,
    out: &mut dyn Sink,
    write: impl FnOnce(&mut Lines<'_, '_>) -> Result<(), Error>,
) -> Result<(), Error> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let done: Done = Mutex::new(Vec::new());
    let (cut, _) = super::threads::pipeline(
        threads,
        |give| {
            let mut lines = Lines::new(template, give, &done, Assembly::new(out));
            write(&mut lines)?;
            lines.finish()
        },
        |(index, piece)| store(&done, index, print(template, piece)),
    );
    cut?.finish(template, &done)
}

/// Cuts text into pieces as it arrives, a line at a time ([`Lines::line`]) or as bytes
/// ([`io::Write`], which templates render into), and gives each piece away as soon as it is
/// complete, with its index; each piece printed is placed in the file as soon as it can be.
pub(super) struct Lines<'g, 'o> {
    template: &'o str,
    give: &'g mut dyn FnMut((usize, Piece)),
    /// Pieces given so far.
    given: usize,
    /// The pieces printed so far, by index.
    done: &'o Done,
    /// The regions cut so far, and the file as far as it is placed.
    assembly: Assembly<'o>,
    /// The open regions, innermost last: the region's id and the piece being filled.
    open: Vec<(usize, Piece)>,
    /// The number (from 0) of the next line.
    number: usize,
    /// Bytes written after the last line break.
    partial: Vec<u8>,
    /// The first misplaced mark; what follows it is ignored.
    error: Option<Error>,
    /// Whether the last mark was an end, whose block's `}` comes next.
    after_end: bool,
}

impl<'g, 'o> Lines<'g, 'o> {
    fn new(
        template: &'o str,
        give: &'g mut dyn FnMut((usize, Piece)),
        done: &'o Done,
        assembly: Assembly<'o>,
    ) -> Lines<'g, 'o> {
        Lines {
            template,
            give,
            given: 0,
            done,
            assembly,
            open: vec![(0, Piece::new(Vec::new()))],
            number: 0,
            partial: Vec::new(),
            error: None,
            after_end: false,
        }
    }

    fn unbalanced(&self, line: usize, what: &str) -> Error {
        Error::Render {
            template: self.template.to_string(),
            message: format!("line {}: {what}", line + 1),
        }
    }

    /// `piece` is the next of region `id`: it is given away, and what is printed is placed.
    fn close(&mut self, id: usize, piece: Piece) {
        self.assembly.push(id, self.given);
        (self.give)((self.given, piece));
        self.given += 1;
        self.assembly.advance(self.done);
    }

    /// Ends the innermost open region: its last piece is given away and it takes no more.
    fn end_region(&mut self) {
        let (region, piece) = self
            .open
            .pop()
            .expect("the caller checked a region is open");
        self.close(region, piece);
        self.assembly.close(region);
    }

    /// Takes one line, with its line break if it has one.
    pub(super) fn line(&mut self, line: &str) {
        let number = self.number;
        self.number += 1;
        if self.error.is_some() {
            return;
        }
        let mark = line.trim();
        if self.after_end && !mark.is_empty() {
            // The `}` of the block just ended: printed before the next piece (see `print`).
            self.after_end = false;
            let Some(rest) = mark.strip_prefix('}') else {
                self.error = Some(self.unbalanced(number, NO_CLOSING_BRACE));
                return;
            };
            if !rest.trim().is_empty() {
                let (_, piece) = self
                    .open
                    .last_mut()
                    .expect("the file's region is never closed");
                piece.text.push_str(rest);
                piece.text.push('\n');
                piece.lines.push(number);
            }
            return;
        }
        let begin = match mark {
            BEGIN_MOD => Some(Block::Mod),
            BEGIN_IMPL => Some(Block::Impl),
            _ => None,
        };
        let id = self.assembly.next_region();
        let (region, piece) = self
            .open
            .last_mut()
            .expect("the file's region is never closed");
        if let Some(block) = begin {
            self.assembly.open();
            piece
                .text
                .push_str(&format!("__postgen_hole_{id}!();\n}}\n"));
            piece.lines.extend([number, number]);
            piece.holes.push(id);
            piece.drop_close = true;
            // Cut here: the block's pieces can be placed as soon as this one is printed.
            let region = *region;
            let blocks = piece.blocks.clone();
            let mut inner = blocks.clone();
            inner.push(block);
            let mut rest = Piece::new(blocks);
            rest.close_before = true;
            let full = std::mem::replace(piece, rest);
            self.close(region, full);
            self.open.push((id, Piece::new(inner)));
        } else if mark == SPLIT {
            let region = *region;
            let blocks = piece.blocks.clone();
            let full = std::mem::replace(piece, Piece::new(blocks));
            self.close(region, full);
        } else if mark == END {
            if self.open.len() == 1 {
                self.error = Some(self.unbalanced(number, "an end mark without a begin mark"));
                return;
            }
            self.end_region();
            self.after_end = true;
        } else {
            // Doc lines skip syn: a run of them is one placeholder attribute, printed back
            // after formatting exactly as prettyplease would print each (`print`).
            match (doc_line(mark), piece.docs.last_mut()) {
                (Some(printed), Some(run)) if piece.in_docs => run.push(printed),
                (Some(printed), _) => {
                    piece.text.push_str(DOC_PLACEHOLDER);
                    piece.lines.push(number);
                    piece.docs.push(vec![printed]);
                    piece.in_docs = true;
                }
                (None, _) => {
                    piece.text.push_str(line);
                    piece.lines.push(number);
                    piece.in_docs = false;
                }
            }
        }
    }

    /// Ends the text: gives the last piece away and returns the assembly, or the first
    /// misplaced mark.
    fn finish(mut self) -> Result<Assembly<'o>, Error> {
        if !self.partial.is_empty() {
            let rest = std::mem::take(&mut self.partial);
            self.line(&String::from_utf8_lossy(&rest));
        }
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        if self.after_end {
            return Err(self.unbalanced(self.number.saturating_sub(1), NO_CLOSING_BRACE));
        }
        if self.open.len() != 1 {
            let at = self
                .open
                .last()
                .and_then(|(_, piece)| piece.lines.first())
                .copied();
            return Err(self.unbalanced(at.unwrap_or(0), "a begin mark without an end mark"));
        }
        self.end_region();
        Ok(self.assembly)
    }
}

impl io::Write for Lines<'_, '_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let Some(last) = bytes.iter().rposition(|&b| b == b'\n') else {
            self.partial.extend_from_slice(bytes);
            return Ok(bytes.len());
        };
        let (complete, rest) = bytes.split_at(last + 1);
        // A macro's output (a whole method or type) arrives in one write: its lines are cut
        // where they are, not copied first.
        let joined;
        let complete = if self.partial.is_empty() {
            complete
        } else {
            self.partial.extend_from_slice(complete);
            joined = std::mem::take(&mut self.partial);
            &joined[..]
        };
        // Templates write whole `str`s, so a line break always ends valid UTF-8.
        let text = String::from_utf8_lossy(complete);
        text.split_inclusive('\n').for_each(|line| self.line(line));
        self.partial.extend_from_slice(rest);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// [`print_piece`], then proc-macro2's record of the text it parsed is dropped: it keeps a copy
/// of every parsed text per thread (to give spans line numbers), which would otherwise hold a
/// second copy of every file until the thread ends. No span outlives `print_piece`.
///
/// A piece cut at a begin mark loses the `}` it was closed with, and one after an end mark
/// gets the block's `}` at its indentation.
fn print(template: &str, piece: Piece) -> Result<Printed, Error> {
    let printed = print_piece(template, &piece);
    proc_macro2::extra::invalidate_current_thread_spans();
    let mut text = printed?;
    if piece.drop_close {
        let body = text.strip_suffix("}\n").unwrap_or(&text);
        let cut = body.rfind('\n').map_or(0, |i| i + 1);
        text.truncate(cut);
    }
    if piece.close_before {
        text.insert_str(0, &format!("{}}}\n", "    ".repeat(piece.blocks.len())));
    }
    Ok(Printed {
        text,
        holes: piece.holes,
    })
}

/// Parses one piece, wrapped in its enclosing blocks, and prints it without them. A parse
/// failure is a bug in a template or in postgen, never something a collection can cause, so
/// the error shows the rendered text around the failing line for whoever fixes the template.
fn print_piece(template: &str, piece: &Piece) -> Result<String, Error> {
    if piece.text.trim().is_empty() {
        return Ok(String::new());
    }
    let depth = piece.blocks.len();
    let mut text = String::with_capacity(piece.text.len() + 32 * depth);
    for block in &piece.blocks {
        text.push_str(match block {
            Block::Mod => "mod __postgen {",
            Block::Impl => "impl __Postgen {",
        });
    }
    // The wrappers' openings share the first line, so line n of the piece is line n + 1.
    text.push('\n');
    text.push_str(&piece.text);
    text.push_str(&"}".repeat(depth));
    let file = syn::parse_file(&text).map_err(|e| {
        // The failing line of the piece (its first line follows the wrappers' line), and the
        // piece's own lines around it, numbered as in the rendered file (a run of doc lines
        // shows as its placeholder).
        let at = e
            .span()
            .start()
            .line
            .saturating_sub(2)
            .min(piece.lines.len().saturating_sub(1));
        let line = piece.lines.get(at).map_or(1, |l| l + 1);
        let context: Vec<String> = piece
            .text
            .lines()
            .zip(&piece.lines)
            .skip(at.saturating_sub(3))
            .take(7)
            .map(|(text, number)| format!("{:>5} | {text}", number + 1))
            .collect();
        Error::Render {
            template: template.to_string(),
            message: format!(
                "rendered text is not valid Rust ({e}) at line {line}:\n{}",
                context.join("\n")
            ),
        }
    })?;
    let printed = prettyplease::unparse(&file);
    drop(file);
    // Without the `depth` opening lines and `depth` closing lines of the wrappers, and with each
    // doc placeholder replaced by its run of doc lines at the placeholder's indentation.
    let lines: Vec<&str> = printed.split_inclusive('\n').collect();
    let mut out = String::with_capacity(
        printed.len()
            + piece
                .docs
                .iter()
                .flatten()
                .map(|l| l.len() + 16)
                .sum::<usize>(),
    );
    let mut docs = piece.docs.iter();
    for line in &lines[depth..lines.len().saturating_sub(depth)] {
        let indent = line.len() - line.trim_start().len();
        match line.trim_end().strip_prefix(&line[..indent]) {
            Some(DOC_PRINTED) => {
                for doc in docs.next().into_iter().flatten() {
                    out.push_str(&line[..indent]);
                    out.push_str(doc);
                    out.push('\n');
                }
            }
            _ => out.push_str(line),
        }
    }
    if docs.next().is_some() {
        return Err(Error::Render {
            template: template.to_string(),
            message: "a run of doc lines was lost in formatting (a template wrote doc lines where Rust takes no attribute)".into(),
        });
    }
    Ok(out)
}

/// How prettyplease prints the `#[doc = "..."]` line `line` (trimmed), when the value is written
/// as [`rust_literal`](super::escape::rust_literal) writes it: `///` and the value without
/// trailing spaces. `None` for any other line, and for values prettyplease prints otherwise
/// (with a line break, or starting with `/`): those go through syn.
fn doc_line(line: &str) -> Option<String> {
    let literal = line.strip_prefix("#[doc = ")?.strip_suffix(']')?;
    let value = super::escape::literal_value(literal)?;
    if value.contains('\n') || value.starts_with('/') {
        return None;
    }
    Some(format!("///{}", value.trim_end_matches(' ')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rust_file(template: &str, source: &str) -> Result<String, Error> {
        let mut out = String::new();
        super::rust_file(template, source, &mut out).map(|()| out)
    }

    fn whole(source: &str) -> String {
        prettyplease::unparse(&syn::parse_file(source).unwrap())
    }

    #[test]
    fn pieces_format_as_the_whole_file_does() {
        let source = format!(
            "struct A{{x:u8}}\n{SPLIT}\nimpl A{{fn f(&self)->u8{{self.x}}}}\n  {SPLIT}\n\
             pub mod m{{\n{BEGIN_MOD}\npub struct H;\n{SPLIT}\nimpl H{{\n{BEGIN_IMPL}\n\
             /// Docs.\npub fn g(&self,a:&str,b:&str,c:&str,d:&str,e:&str)->Result<(),String>{{let _=(a,b,c,d,e);Ok(())}}\n\
             {SPLIT}\nfn h(){{}}\n{END}\n}}\n{SPLIT}\nmod inner{{\n{BEGIN_MOD}\nconst X:u8=1;\n{END}\n}}\n{END}\n}}\n\
             struct Last;\n"
        );
        let expected = whole(&source);
        assert!(expected.contains("        pub fn g("), "{expected}");
        assert_eq!(rust_file("t", &source).unwrap(), expected);
    }

    #[test]
    fn doc_lines_print_as_prettyplease_prints_them() {
        use crate::render::escape::doc_attributes;
        let texts = [
            "One.\n\nTwo \"quoted\" \\ back.   \n  indented",
            "trailing spaces   ",
            "tab\there, CR\rthere, bidi \u{202e} and \u{1F600} and Größe",
            "/ slash first, */ and /* inside",
            "```\nlet x = \"]\";\n```",
        ];
        for text in texts {
            let attrs = doc_attributes(text, false);
            let source = format!(
                "mod m {{\n{BEGIN_MOD}\n{attrs}#[derive(Debug)]\n{attrs}pub struct S {{\n{attrs}pub x: u8,\n}}\n{SPLIT}\n{attrs}pub fn f() {{}}\n{END}\n}}\n"
            );
            assert_eq!(rust_file("t", &source).unwrap(), whole(&source), "{text:?}");
        }
        // Values prettyplease prints otherwise, and other spellings, are left to syn.
        for line in [
            "#[doc = \"/x\"]",
            "#[doc = \"a\\nb\"]",
            "#[doc = \"a\\u{a}b\"]",
            "#[doc = \"a\\x41\"]",
            "#[doc = \"a\"] #[doc = \"b\"]",
            "#[doc=\"a\"]",
        ] {
            assert_eq!(doc_line(line), None, "{line}");
            let source = format!("{line}\nstruct S;\n");
            assert_eq!(rust_file("t", &source).unwrap(), whole(&source), "{line}");
        }
    }

    #[test]
    fn text_written_in_any_chunks_formats_as_the_whole_file_does() {
        use std::io::Write;
        let source = format!(
            "/// Größe \u{1F600}\nstruct A{{x:u8}}\n{SPLIT}\npub mod m{{\n{BEGIN_MOD}\n\
             /// Doc.\npub struct H;\n{SPLIT}\nimpl H{{\n{BEGIN_IMPL}\nfn h(){{}}\n{END}\n}}\n{END}\n}}\n\
             struct Last;"
        );
        for size in [1, 2, 3, 7, 64, source.len()] {
            let mut out = String::new();
            streamed("t", &mut out, |lines| {
                for chunk in source.as_bytes().chunks(size) {
                    lines.write_all(chunk).unwrap();
                }
                Ok(())
            })
            .unwrap();
            assert_eq!(out, whole(&source), "chunks of {size} bytes");
        }
    }

    #[test]
    fn an_error_names_the_line_in_the_whole_file() {
        let source =
            format!("struct A;\n{SPLIT}\nmod m {{\n{BEGIN_MOD}\nstruct B;\n\nfn (\n{END}\n}}\n");
        let error = rust_file("api.rs.jinja", &source).unwrap_err();
        let text = error.to_string();
        assert!(text.contains("at line 7:"), "{text}");
        assert!(text.contains("    7 | fn ("), "{text}");
    }

    #[test]
    fn a_block_is_written_out_before_it_ends() {
        use std::sync::{Arc, Mutex};
        /// Shares what it receives with the test, which the formatter's `out` is not.
        struct Shared(Arc<Mutex<String>>);
        impl Sink for Shared {
            fn push_str(&mut self, text: &str) {
                self.0.lock().unwrap().push_str(text);
            }
        }
        let received = Arc::new(Mutex::new(String::new()));
        let mut out = Shared(Arc::clone(&received));
        let mut source = format!("pub mod m {{\n{BEGIN_MOD}\nstruct A;\n");
        streamed("t", &mut out, |lines| {
            source.split_inclusive('\n').for_each(|l| lines.line(l));
            // Pieces are placed as later ones are cut: cut empty ones until `A` is out, while
            // the module is still open.
            let start = std::time::Instant::now();
            while !received.lock().unwrap().contains("struct A;") {
                assert!(
                    start.elapsed().as_secs() < 30,
                    "the module's first item is held"
                );
                lines.line(&format!("{SPLIT}\n"));
                source.push_str(&format!("{SPLIT}\n"));
            }
            for line in [format!("struct B;\n{END}\n"), "}\nstruct C;\n".into()] {
                line.split_inclusive('\n').for_each(|l| lines.line(l));
                source.push_str(&line);
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(*received.lock().unwrap(), whole(&source));
    }

    #[test]
    fn an_end_mark_is_followed_by_the_closing_brace() {
        let error = rust_file(
            "t",
            &format!("mod m {{\n{BEGIN_MOD}\n{END}\nstruct A;\n}}\n"),
        )
        .unwrap_err();
        let text = error.to_string();
        assert!(
            text.contains("line 4: an end mark must be followed by the `}` closing its block"),
            "{text}"
        );
        let error = rust_file("t", &format!("mod m {{\n{BEGIN_MOD}\n{END}\n")).unwrap_err();
        assert!(
            error.to_string().contains("line 3: an end mark must"),
            "{error}"
        );
        // Blank lines may stand between, and items may follow the brace on its line.
        let source = format!("mod m {{\n{BEGIN_MOD}\nstruct A;\n{END}\n\n}} struct B;\n");
        assert_eq!(rust_file("t", &source).unwrap(), whole(&source));
    }

    #[test]
    fn unbalanced_marks_are_a_template_error() {
        let error = rust_file("api.rs.jinja", &format!("mod m {{\n{BEGIN_MOD}\n}}\n")).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("line 3: a begin mark without an end mark"),
            "{error}"
        );
        let error = rust_file("api.rs.jinja", &format!("{END}\n")).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("line 1: an end mark without a begin mark"),
            "{error}"
        );
    }
}
