//! Rendered Rust text -> syn -> prettyplease, a piece at a time and on every core, with errors
//! that show where the text went wrong.
//!
//! Templates mark where a file may be cut: [`SPLIT`] between two items, [`BEGIN_MOD`] /
//! [`BEGIN_IMPL`] after the `{` of a module or impl block and [`END`] before its `}`. The text
//! between a begin and its end becomes pieces of their own (cut at its splits), and the enclosing
//! piece holds a placeholder item in their place. Each piece is parsed and printed wrapped in as
//! many `mod`/`impl` blocks as it is deep, so prettyplease indents and wraps it exactly as in the
//! whole file; the placeholders are then replaced by the printed pieces. prettyplease lays out
//! the items of a file, module or impl one after another, so the result is byte for byte what
//! formatting the whole file gives, while only the pieces in flight have a syn tree and the
//! pieces of all files share the cores. A file without marks is one piece.

use crate::error::Error;

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
struct Piece<'a> {
    template: &'a str,
    source: &'a str,
    blocks: Vec<Block>,
    text: String,
    /// The line of `source` (from 0) of each line of `text`.
    lines: Vec<usize>,
    /// Region ids, in order, of the placeholders in `text`.
    holes: Vec<usize>,
    /// The printed lines (`///` and the value) of each run of doc attributes, in order; `text`
    /// holds one [`DOC_PLACEHOLDER`] attribute per run.
    docs: Vec<Vec<String>>,
    /// Whether the last line of `text` is a doc placeholder that the next doc line joins.
    in_docs: bool,
}

/// The attribute that stands for a run of doc lines while a piece is parsed and printed.
const DOC_PLACEHOLDER: &str = "#[doc = \"__postgen_doc\"]\n";
/// How prettyplease prints [`DOC_PLACEHOLDER`], after the indentation.
const DOC_PRINTED: &str = "///__postgen_doc";

/// Formats `source`, rendered by `template` (named in errors).
pub fn rust_file(template: &str, source: &str) -> Result<String, Error> {
    let mut pieces = Vec::new();
    // For each region (the file, or the inside of a marked block): its pieces' indices.
    let mut regions: Vec<Vec<usize>> = Vec::new();
    let root = cut(template, source, &mut pieces, &mut regions)?;
    let printed = in_parallel(&pieces, print)?;
    Ok(assemble(root, &regions, &pieces, &printed))
}

/// Cuts `source` into pieces; returns the id of its top region.
fn cut<'a>(
    template: &'a str,
    source: &'a str,
    pieces: &mut Vec<Piece<'a>>,
    regions: &mut Vec<Vec<usize>>,
) -> Result<usize, Error> {
    let new_piece = |blocks: &[Block]| Piece {
        template,
        source,
        blocks: blocks.to_vec(),
        text: String::new(),
        lines: Vec::new(),
        holes: Vec::new(),
        docs: Vec::new(),
        in_docs: false,
    };
    // The open regions, innermost last: (region id, blocks, the piece being filled).
    let mut open: Vec<(usize, Vec<Block>, Piece<'a>)> =
        vec![(regions.len(), Vec::new(), new_piece(&[]))];
    regions.push(Vec::new());
    let unbalanced = |line: usize, what: &str| Error::Render {
        template: template.to_string(),
        message: format!("line {}: {what}", line + 1),
    };
    for (number, line) in source.split_inclusive('\n').enumerate() {
        let mark = line.trim();
        let begin = match mark {
            BEGIN_MOD => Some(Block::Mod),
            BEGIN_IMPL => Some(Block::Impl),
            _ => None,
        };
        if let Some(block) = begin {
            let id = regions.len();
            regions.push(Vec::new());
            let (_, blocks, piece) = open.last_mut().expect("the file's region is never closed");
            piece.text.push_str(&format!("__postgen_hole_{id}!();\n"));
            piece.lines.push(number);
            piece.holes.push(id);
            piece.in_docs = false;
            let mut inner = blocks.clone();
            inner.push(block);
            let piece = new_piece(&inner);
            open.push((id, inner, piece));
        } else if mark == SPLIT {
            let (id, blocks, piece) = open.last_mut().expect("the file's region is never closed");
            let full = std::mem::replace(piece, new_piece(blocks));
            regions[*id].push(pieces.len());
            pieces.push(full);
        } else if mark == END {
            if open.len() == 1 {
                return Err(unbalanced(number, "an end mark without a begin mark"));
            }
            let (id, _, piece) = open.pop().expect("checked above");
            regions[id].push(pieces.len());
            pieces.push(piece);
        } else {
            let (_, _, piece) = open.last_mut().expect("the file's region is never closed");
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
    if open.len() != 1 {
        let at = open
            .last()
            .and_then(|(_, _, piece)| piece.lines.first())
            .copied();
        return Err(unbalanced(
            at.unwrap_or(0),
            "a begin mark without an end mark",
        ));
    }
    let (id, _, piece) = open.pop().expect("checked above");
    regions[id].push(pieces.len());
    pieces.push(piece);
    Ok(id)
}

/// The printed text of region `id`: its pieces in order, each placeholder replaced by the
/// region it stands for.
fn assemble(id: usize, regions: &[Vec<usize>], pieces: &[Piece<'_>], printed: &[String]) -> String {
    let mut out = String::new();
    for &index in &regions[id] {
        let mut holes = pieces[index].holes.iter();
        for line in printed[index].split_inclusive('\n') {
            if line.trim_start().starts_with("__postgen_hole_")
                && let Some(&hole) = holes.next()
            {
                out.push_str(&assemble(hole, regions, pieces, printed));
            } else {
                out.push_str(line);
            }
        }
    }
    out
}

/// Applies `work` to every item on all cores (at most 8 threads); results keep input order, the
/// first error (in input order) is returned.
fn in_parallel<T: Sync>(
    items: &[T],
    work: fn(&T) -> Result<String, Error>,
) -> Result<Vec<String>, Error> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    super::threads::each(items.iter().collect(), threads, work)
}

/// [`print_piece`], then proc-macro2's record of the text it parsed is dropped: it keeps a copy
/// of every parsed text per thread (to give spans line numbers), which would otherwise hold a
/// second copy of every file until the thread ends. No span outlives `print_piece`.
fn print(piece: &Piece<'_>) -> Result<String, Error> {
    let printed = print_piece(piece);
    proc_macro2::extra::invalidate_current_thread_spans();
    printed
}

/// Parses one piece, wrapped in its enclosing blocks, and prints it without them. A parse
/// failure is a bug in a template or in postgen, never something a collection can cause, so
/// the error shows the rendered text around the failing line for whoever fixes the template.
fn print_piece(piece: &Piece<'_>) -> Result<String, Error> {
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
        let at = e.span().start().line.saturating_sub(2);
        let line = piece
            .lines
            .get(at)
            .or(piece.lines.last())
            .map_or(1, |l| l + 1);
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
            template: piece.template.to_string(),
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
    fn an_error_names_the_line_in_the_whole_file() {
        let source =
            format!("struct A;\n{SPLIT}\nmod m {{\n{BEGIN_MOD}\nstruct B;\n\nfn (\n{END}\n}}\n");
        let error = rust_file("api.rs.jinja", &source).unwrap_err();
        let text = error.to_string();
        assert!(text.contains("at line 7:"), "{text}");
        assert!(text.contains("    7 | fn ("), "{text}");
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
