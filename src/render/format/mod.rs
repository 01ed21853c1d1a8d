//! Rendered Rust -> syn -> prettyplease, a piece at a time, on every core, written out in order.
//!
//! The layouts (`layout.rs`) give a Rust file as a sequence of pieces, each a template's output
//! for one item or a few: [`Pieces::items`] at the current depth, [`Pieces::open`] for a `mod` or
//! `impl` block whose later items come as pieces of their own, [`Pieces::close`] to end it. So
//! the formatter knows each piece's depth without reading the text for marks, and formats it
//! alone (`print.rs`), as it is formatted in the whole file.
//!
//! Each piece is printed by a worker as soon as it is given, while the layout renders the next
//! ones, and written to the file as soon as every piece before it is: the text is held only as
//! far as one piece, and the pieces in flight and waiting for an earlier one.

mod docs;
mod print;

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

use crate::error::Error;
use crate::output::Sink;

/// A block whose items are pieces of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    Mod,
    Impl,
}

/// Where a layout puts the pieces of a file, in order.
pub trait Pieces {
    /// Items rendered by `source` (a template, named in errors), at the current depth.
    fn items(&mut self, text: String, source: &'static str) -> Result<(), Error>;
    /// Items ending with a `block`, which stays open: the pieces that follow go inside it until
    /// [`close`](Pieces::close).
    fn open(&mut self, text: String, source: &'static str, block: Block) -> Result<(), Error>;
    /// Ends the innermost open block.
    fn close(&mut self) -> Result<(), Error>;
}

/// A piece to print.
#[derive(Debug, Clone)]
pub struct Job {
    text: String,
    /// The blocks around the piece, outermost first.
    blocks: Vec<Block>,
    /// The block the piece opens, if any.
    open: Option<Block>,
    /// The template it came from, named in errors.
    source: &'static str,
}

impl Job {
    /// The piece's text, as rendered.
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// A piece as given: a job, or the `}` closing a block at this depth.
#[derive(Debug, Clone)]
pub enum Piece {
    Job(Job),
    Close(usize),
}

/// The blocks open while pieces are given, and the piece each new one becomes.
#[derive(Default)]
struct Depth {
    blocks: Vec<Block>,
}

impl Depth {
    fn job(&mut self, text: String, source: &'static str, open: Option<Block>) -> Piece {
        let job = Job {
            text,
            blocks: self.blocks.clone(),
            open,
            source,
        };
        if let Some(block) = open {
            self.blocks.push(block);
        }
        Piece::Job(job)
    }

    fn close(&mut self) -> Result<Piece, Error> {
        self.blocks.pop().ok_or_else(|| Error::Render {
            template: "postgen".into(),
            message: "a block was closed that is not open (a bug in postgen's layout)".into(),
        })?;
        Ok(Piece::Close(self.blocks.len()))
    }

    fn finish(&self) -> Result<(), Error> {
        if self.blocks.is_empty() {
            Ok(())
        } else {
            Err(Error::Render {
                template: "postgen".into(),
                message: "a block was left open (a bug in postgen's layout)".into(),
            })
        }
    }
}

/// The pieces of a file kept in memory, unformatted: for timing rendering apart from
/// formatting.
#[derive(Default)]
pub struct Collected {
    depth: Depth,
    pub(super) pieces: Vec<Piece>,
}

impl Pieces for Collected {
    fn items(&mut self, text: String, source: &'static str) -> Result<(), Error> {
        self.pieces.push(self.depth.job(text, source, None));
        Ok(())
    }

    fn open(&mut self, text: String, source: &'static str, block: Block) -> Result<(), Error> {
        self.pieces.push(self.depth.job(text, source, Some(block)));
        Ok(())
    }

    fn close(&mut self) -> Result<(), Error> {
        let close = self.depth.close()?;
        self.pieces.push(close);
        Ok(())
    }
}

impl Collected {
    /// Checks that every block was closed.
    pub(super) fn finish(self) -> Result<Vec<Piece>, Error> {
        self.depth.finish()?;
        Ok(self.pieces)
    }
}

/// What the workers have printed, by piece index; a piece is taken out when it is written.
type Printed = Mutex<BTreeMap<usize, Result<String, Error>>>;

/// Formats the Rust pieces that `produce` gives and appends them, in order, to `out`. An error
/// of `produce` comes first, then the first piece (in file order) that is not valid Rust.
pub fn rust_file(
    out: &mut dyn Sink,
    produce: impl FnOnce(&mut dyn Pieces) -> Result<(), Error>,
) -> Result<(), Error> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let printed: Printed = Mutex::new(BTreeMap::new());
    let (produced, _) = crate::threads::pipeline(
        threads,
        |give| {
            let mut stream = Stream {
                give,
                given: 0,
                depth: Depth::default(),
                written: Written { next: 0, out },
                printed: &printed,
            };
            produce(&mut stream)?;
            stream.depth.finish()?;
            Ok((stream.written, stream.given))
        },
        |(index, job)| store(&printed, index, print::print(job)),
    );
    let (mut written, given) = produced?;
    written.advance(&printed);
    if written.next == given {
        return Ok(());
    }
    let mut printed = printed.lock().unwrap_or_else(PoisonError::into_inner);
    match printed.remove(&written.next) {
        Some(Err(error)) => Err(error),
        _ => Err(Error::Render {
            template: "postgen".into(),
            message: "a piece of the file was lost in formatting".into(),
        }),
    }
}

/// Formats pieces already rendered (see [`Collected`]) into `out`.
pub fn pieces(out: &mut dyn Sink, pieces: Vec<Piece>) -> Result<(), Error> {
    rust_file(out, |stream| {
        for piece in pieces {
            match piece {
                Piece::Job(job) => match job.open {
                    Some(block) => stream.open(job.text, job.source, block)?,
                    None => stream.items(job.text, job.source)?,
                },
                Piece::Close(_) => stream.close()?,
            }
        }
        Ok(())
    })
}

fn store(printed: &Printed, index: usize, result: Result<String, Error>) {
    printed
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(index, result);
}

/// Gives each piece to the workers as the layout makes it, and writes what they printed.
struct Stream<'g, 'o> {
    give: &'g mut dyn FnMut((usize, Job)),
    /// Pieces given so far.
    given: usize,
    depth: Depth,
    written: Written<'o>,
    printed: &'o Printed,
}

impl Stream<'_, '_> {
    fn push(&mut self, piece: Piece) {
        let index = self.given;
        self.given += 1;
        match piece {
            Piece::Job(job) => (self.give)((index, job)),
            // A block's `}` needs no formatting: it is at the block's indentation.
            Piece::Close(depth) => store(
                self.printed,
                index,
                Ok(format!("{}}}\n", print::INDENT.repeat(depth))),
            ),
        }
        self.written.advance(self.printed);
    }
}

impl Pieces for Stream<'_, '_> {
    fn items(&mut self, text: String, source: &'static str) -> Result<(), Error> {
        let piece = self.depth.job(text, source, None);
        self.push(piece);
        Ok(())
    }

    fn open(&mut self, text: String, source: &'static str, block: Block) -> Result<(), Error> {
        let piece = self.depth.job(text, source, Some(block));
        self.push(piece);
        Ok(())
    }

    fn close(&mut self) -> Result<(), Error> {
        let piece = self.depth.close()?;
        self.push(piece);
        Ok(())
    }
}

/// The file as far as it is written.
struct Written<'o> {
    /// The index of the next piece to write.
    next: usize,
    out: &'o mut dyn Sink,
}

impl Written<'_> {
    /// Writes the printed pieces that follow the last one written; stops at one that is not
    /// printed yet, or failed (which the caller reports once all are printed).
    fn advance(&mut self, printed: &Printed) {
        // Taken out under the lock, written after it, so that workers need not wait for disk.
        let mut ready = Vec::new();
        {
            let mut printed = printed.lock().unwrap_or_else(PoisonError::into_inner);
            while let Some(entry) = printed.first_entry() {
                if *entry.key() != self.next + ready.len() || entry.get().is_err() {
                    break;
                }
                if let Ok(text) = entry.remove() {
                    ready.push(text);
                }
            }
        }
        self.next += ready.len();
        for text in ready {
            self.out.push_str(&text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::escape::doc_attributes;

    /// `source` parsed and printed whole: what the pieces must add up to.
    fn whole(source: &str) -> String {
        prettyplease::unparse(&syn::parse_file(source).unwrap())
    }

    /// The pieces `give` makes, formatted.
    fn formatted(give: impl FnOnce(&mut dyn Pieces) -> Result<(), Error>) -> Result<String, Error> {
        let mut out = String::new();
        rust_file(&mut out, give).map(|()| out)
    }

    #[test]
    fn pieces_format_as_the_whole_file_does() {
        let docs = doc_attributes("A module.\n\nWith \"docs\" \\ and `code`.   ", false);
        let pieces: Vec<(&str, String)> = vec![
            (
                "items",
                "struct A{x:u8}\nimpl A{fn f(&self)->u8{self.x}}".into(),
            ),
            ("mod", format!("{docs}pub mod m{{\n{docs}pub struct H;\n}}")),
            ("impl", "impl H{\nconst C:u8=1;}".into()),
            (
                "items",
                format!(
                    "{docs}pub fn g(&self,a:&str,b:&str,c:&str,d:&str,e:&str)->Result<(),String>{{let _=(a,b,c,d,e);Ok(())}}"
                ),
            ),
            ("items", "fn h(){}".into()),
            ("close", String::new()),
            ("mod", "mod inner{}".into()),
            ("items", "const X:u8=1;".into()),
            ("close", String::new()),
            ("close", String::new()),
            ("items", "struct Last;".into()),
        ];
        // The same text as one file: each opened block closed where the pieces close it.
        let mut source = String::new();
        for (kind, text) in &pieces {
            match *kind {
                "mod" | "impl" => source.push_str(text.strip_suffix('}').unwrap()),
                "close" => source.push('}'),
                _ => source.push_str(text),
            }
            source.push('\n');
        }
        let expected = whole(&source);
        assert!(expected.contains("        pub fn g("), "{expected}");
        let printed = formatted(|out| {
            for (kind, text) in pieces {
                match kind {
                    "mod" => out.open(text, "t", Block::Mod)?,
                    "impl" => out.open(text, "t", Block::Impl)?,
                    "close" => out.close()?,
                    _ => out.items(text, "t")?,
                }
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(printed, expected);
    }

    #[test]
    fn doc_lines_print_as_prettyplease_prints_them() {
        let texts = [
            "One.\n\nTwo \"quoted\" \\ back.   \n  indented",
            "trailing spaces   ",
            "tab\there, CR\rthere, bidi \u{202e} and \u{1F600} and Größe",
            "/ slash first, */ and /* inside",
            "```\nlet x = \"]\";\n```",
        ];
        for text in texts {
            let attrs = doc_attributes(text, false);
            let head = format!(
                "{attrs}pub mod m {{\n{attrs}#[derive(Debug)]\n{attrs}pub struct S {{\n{attrs}pub x: u8,\n}}\n}}"
            );
            let item = format!("{attrs}pub fn f() {{}}");
            let source = format!("{}\n{item}\n}}\n", head.strip_suffix('}').unwrap());
            let printed = formatted(|out| {
                out.open(head, "t", Block::Mod)?;
                out.items(item, "t")?;
                out.close()
            })
            .unwrap();
            assert_eq!(printed, whole(&source), "{text:?}");
        }
    }

    #[test]
    fn an_error_names_the_template_and_the_line_in_its_piece() {
        let error = formatted(|out| {
            out.items("struct A;".into(), "client.rs.jinja")?;
            out.open("mod m {}".into(), "module.rs.jinja", Block::Mod)?;
            out.items("struct B;\n\n/// Docs.\nfn (\n".into(), "endpoint.rs.jinja")?;
            out.close()
        })
        .unwrap_err();
        let text = error.to_string();
        assert!(
            text.starts_with("template endpoint.rs.jinja: rendered text is not valid Rust"),
            "{text}"
        );
        assert!(text.contains("at line 4:"), "{text}");
        assert!(text.contains("    4 | fn ("), "{text}");
    }

    #[test]
    fn a_block_must_be_what_the_layout_opens_and_be_closed() {
        let error = formatted(|out| {
            out.open("struct A;".into(), "t", Block::Mod)?;
            out.close()
        })
        .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("must end with a `mod` with a body"),
            "{error}"
        );
        let error = formatted(|out| {
            out.open("mod m {}".into(), "t", Block::Impl)?;
            out.close()
        })
        .unwrap_err();
        assert!(
            error.to_string().contains("must end with an `impl` block"),
            "{error}"
        );
        let error = formatted(|out| out.open("mod m {}".into(), "t", Block::Mod)).unwrap_err();
        assert!(
            error.to_string().contains("a block was left open"),
            "{error}"
        );
        let error = formatted(|out| out.close()).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("a block was closed that is not open"),
            "{error}"
        );
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
        rust_file(&mut out, |pieces| {
            pieces.open("pub mod m {}".into(), "t", Block::Mod)?;
            pieces.items("struct A;".into(), "t")?;
            // Pieces are written as later ones are given: give empty ones until `A` is out,
            // while the module is still open.
            let start = std::time::Instant::now();
            while !received.lock().unwrap().contains("struct A;") {
                assert!(
                    start.elapsed().as_secs() < 30,
                    "the module's first item is held"
                );
                pieces.items(String::new(), "t")?;
            }
            pieces.close()
        })
        .unwrap();
        assert_eq!(*received.lock().unwrap(), "pub mod m {\n    struct A;\n}\n");
    }
}
