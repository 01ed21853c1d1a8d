//! Doc lines skip syn: half the lines of a client are `#[doc = "..."]` attributes, and parsing
//! each one is a good part of formatting time. Before a piece is parsed, each run of doc lines
//! becomes one placeholder attribute; after it is printed, each placeholder is replaced by its
//! run, each line written as prettyplease writes a doc attribute (`///` and the value). Lines
//! prettyplease would write otherwise (a value with a line break, or starting with `/`), and
//! attributes spelled otherwise than [`rust_literal`](crate::render::escape::rust_literal)
//! writes them, are left to syn. Tests compare the result with formatting the whole text.

use crate::error::Error;
use crate::render::escape::literal_value;

/// The attribute that stands for a run of doc lines while a piece is parsed and printed.
const PLACEHOLDER: &str = "#[doc = \"__postgen_doc\"]\n";
/// How prettyplease prints [`PLACEHOLDER`], after the indentation.
const PRINTED: &str = "///__postgen_doc";

/// A piece's text with its doc runs taken out.
pub(super) struct Prepared {
    /// The text to parse: a placeholder line for each run of doc lines.
    pub(super) text: String,
    /// The line (from 0) of the piece that each line of `text` comes from.
    pub(super) lines: Vec<usize>,
    /// The printed lines of each run, in order.
    runs: Vec<Vec<String>>,
}

/// Takes the runs of doc lines out of `text`.
pub(super) fn prepare(text: &str) -> Prepared {
    let mut prepared = Prepared {
        text: String::with_capacity(text.len()),
        lines: Vec::new(),
        runs: Vec::new(),
    };
    let mut in_run = false;
    for (number, line) in text.split_inclusive('\n').enumerate() {
        match doc_line(line.trim()) {
            Some(printed) if in_run => prepared.runs.last_mut().expect("a run").push(printed),
            Some(printed) => {
                prepared.text.push_str(PLACEHOLDER);
                prepared.lines.push(number);
                prepared.runs.push(vec![printed]);
                in_run = true;
            }
            None => {
                prepared.text.push_str(line);
                if !line.ends_with('\n') {
                    prepared.text.push('\n');
                }
                prepared.lines.push(number);
                in_run = false;
            }
        }
    }
    prepared
}

impl Prepared {
    /// Appends `printed` to `out` with each placeholder replaced by its run of doc lines, at
    /// the placeholder's indentation.
    pub(super) fn restore(
        &self,
        printed: &[&str],
        source: &str,
        out: &mut String,
    ) -> Result<(), Error> {
        let mut runs = self.runs.iter();
        for line in printed {
            let indent = line.len() - line.trim_start().len();
            if line.trim_end().strip_prefix(&line[..indent]) == Some(PRINTED) {
                for doc in runs.next().into_iter().flatten() {
                    out.push_str(&line[..indent]);
                    out.push_str(doc);
                    out.push('\n');
                }
            } else {
                out.push_str(line);
            }
        }
        if runs.next().is_some() {
            return Err(Error::Render {
                template: source.to_string(),
                message: "a run of doc lines was lost in formatting (a template wrote doc lines where Rust takes no attribute)".into(),
            });
        }
        Ok(())
    }

    /// The extra room the doc lines take when put back.
    pub(super) fn doc_len(&self) -> usize {
        self.runs.iter().flatten().map(|l| l.len() + 16).sum()
    }
}

/// How prettyplease prints the `#[doc = "..."]` line `line` (trimmed), when the value is written
/// as `rust_literal` writes it: `///` and the value without trailing spaces. `None` for any
/// other line, and for values prettyplease prints otherwise (with a line break, or starting
/// with `/`): those go through syn.
fn doc_line(line: &str) -> Option<String> {
    let literal = line.strip_prefix("#[doc = ")?.strip_suffix(']')?;
    let value = literal_value(literal)?;
    if value.contains('\n') || value.starts_with('/') {
        return None;
    }
    Some(format!("///{}", value.trim_end_matches(' ')))
}

#[cfg(test)]
mod tests {
    use super::doc_line;

    #[test]
    fn other_spellings_are_left_to_syn() {
        for line in [
            "#[doc = \"/x\"]",
            "#[doc = \"a\\nb\"]",
            "#[doc = \"a\\u{a}b\"]",
            "#[doc = \"a\\x41\"]",
            "#[doc = \"a\"] #[doc = \"b\"]",
            "#[doc=\"a\"]",
        ] {
            assert_eq!(doc_line(line), None, "{line}");
        }
        assert_eq!(doc_line("#[doc = \" a  \"]").as_deref(), Some("/// a"));
    }
}
