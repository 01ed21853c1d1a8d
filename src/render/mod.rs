//! Rendering: the model laid out through the templates in `templates/`, then formatted.
//!
//! Templates are embedded in the binary (see [`TEMPLATES`]); a user's directory may replace any
//! of them ([`overrides`]). Rust walks the model (`layout.rs`) and renders one template, macro
//! call or module at a time; each Rust piece is formatted on its own (`format/`) and written out
//! in order. The environment (`env.rs`) is strict and escapes every string for the file it
//! writes: in `.rs` templates a string becomes a Rust string literal unless a filter made it code
//! (`ident`, `ty`, `decoder`, `path`, `call`); in `.toml` templates it becomes a TOML string, in
//! `.md` templates Markdown text. Docs go through the `doc` filter. See [`escape`].

mod env;
pub mod escape;
mod format;
mod layout;
mod lazy;
pub mod rust;
mod script;
mod templates;
mod values;

pub use env::environment;
pub use format::{Block, Collected, Piece, Pieces};
pub use templates::{HARNESS, Override, REPLAY, RUNTIME, TEMPLATES, overrides};

use std::sync::Arc;

use minijinja::{Value, context};

use crate::error::Error;
use crate::model::Api;
use crate::output::{Content, Destination, GeneratedFile, Layout, Memory, Sink, files};

/// How to render, beyond what the model says.
#[derive(Debug, Clone)]
pub struct Settings {
    /// A whole crate, or only the client module.
    pub layout: Layout,
    /// The `@generated` line every file starts with, without comment markers.
    pub header: String,
    pub doctests: Doctests,
    /// User templates replacing built-in ones.
    pub templates: Vec<Override>,
}

/// How each method's example in its docs is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Doctests {
    /// A `no_run` doctest reaching the client through this path (`zoom`, `my_crate::zoom`).
    Compile(String),
    /// An `ignore`d example using this path: where the client lives is unknown.
    Ignore(String),
}

/// A file as its templates rendered it: its pieces, before the Rust ones are formatted.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The path relative to the crate's directory, with `/` separators.
    pub path: String,
    /// The `@generated` line, in the file's comment syntax.
    pub header: String,
    pub pieces: Vec<Piece>,
}

/// Renders the files of `settings.layout` for `api`, in a fixed order, and formats the Rust ones.
///
/// Each piece of a Rust file is formatted while the next ones render, and the files render on
/// threads of their own, so the small files are done beside `src/api.rs`.
pub fn render(api: Arc<Api>, settings: &Settings) -> Result<Vec<GeneratedFile>, Error> {
    render_into(api, settings, &Memory)
}

/// [`render`] into the files `destination` opens, one per path of [`paths`], each written as it
/// is formatted; the files in the fixed order. On an error, the files opened so far are dropped.
pub fn render_into<D: Destination>(
    api: Arc<Api>,
    settings: &Settings,
    destination: &D,
) -> Result<Vec<D::File>, Error> {
    each_file(api, settings, |job| job.generated(destination))
}

/// The paths of the files [`render`] makes for `api`, in its fixed order.
pub fn paths(api: &Api, settings: &Settings) -> Vec<&'static str> {
    files(api, settings.layout)
        .into_iter()
        .map(|(path, _)| path)
        .collect()
}

/// The files of `settings.layout` for `api` as the templates render them: the first half of
/// [`render`], public so that benchmarks can time it apart from formatting.
pub fn texts(api: Arc<Api>, settings: &Settings) -> Result<Vec<Rendered>, Error> {
    each_file(api, settings, |job| job.rendered())
}

/// Formats the Rust pieces of `rendered` (syn, then prettyplease, on every core) and puts each
/// file's header on top: the second half of [`render`].
pub fn format(rendered: Vec<Rendered>) -> Result<Vec<GeneratedFile>, Error> {
    one_thread_each(rendered, |file| {
        let mut out = Memory.open(&file.path)?;
        out.push_str(&file.header);
        if file.path.ends_with(".rs") {
            format::pieces(&mut out, file.pieces)?;
        } else {
            let mut text = Text::new(&file.path, &mut out);
            for piece in file.pieces {
                if let Piece::Job(job) = piece {
                    text.items(job.text().to_string(), "")?;
                }
            }
            text.finish();
        }
        Ok(out)
    })
}

/// One file to render: where it goes, what it holds and what the templates see.
struct Job<'a> {
    path: &'static str,
    content: Content,
    /// The `@generated` line, in the file's comment syntax.
    header: String,
    templates: layout::Templates<'a>,
    api: &'a Arc<Api>,
}

impl Job<'_> {
    fn rendered(self) -> Result<Rendered, Error> {
        let mut collected = Collected::default();
        layout::file(self.content, &self.templates, self.api, &mut collected)?;
        Ok(Rendered {
            path: self.path.into(),
            header: self.header,
            pieces: collected.finish()?,
        })
    }

    /// The file rendered and formatted, each piece written as soon as it is formatted and the
    /// pieces before it are written: only what one template or macro call renders at once (one
    /// method or type) is held as text.
    fn generated<D: Destination>(self, destination: &D) -> Result<D::File, Error> {
        let mut file = destination.open(self.path)?;
        file.push_str(&self.header);
        if self.path.ends_with(".rs") {
            format::rust_file(&mut file, |pieces| {
                layout::file(self.content, &self.templates, self.api, pieces)
            })?;
        } else {
            let mut text = Text::new(self.path, &mut file);
            layout::file(self.content, &self.templates, self.api, &mut text)?;
            text.finish();
        }
        Ok(file)
    }
}

/// A file that is not Rust, written as its pieces come: a Markdown file ends with exactly one
/// line break, so trailing white space is held until more text follows it.
struct Text<'o> {
    markdown: bool,
    pending: String,
    out: &'o mut dyn Sink,
}

impl<'o> Text<'o> {
    fn new(path: &str, out: &'o mut dyn Sink) -> Self {
        Text {
            markdown: path.ends_with(".md"),
            pending: String::new(),
            out,
        }
    }

    fn finish(self) {
        if self.markdown {
            self.out.push_str("\n");
        }
    }
}

impl Pieces for Text<'_> {
    fn items(&mut self, text: String, _: &'static str) -> Result<(), Error> {
        if !self.markdown {
            self.out.push_str(&text);
            return Ok(());
        }
        self.pending.push_str(&text);
        let end = self.pending.trim_end().len();
        if end > 0 {
            self.out.push_str(&self.pending[..end]);
            self.pending.drain(..end);
        }
        Ok(())
    }

    fn open(&mut self, _: String, source: &'static str, _: Block) -> Result<(), Error> {
        Err(no_blocks(source))
    }

    fn close(&mut self) -> Result<(), Error> {
        Err(no_blocks("postgen"))
    }
}

/// The error of a layout that opens or closes a block in a file that is not Rust.
fn no_blocks(source: &str) -> Error {
    Error::Render {
        template: source.to_string(),
        message: "only a Rust file has blocks (a bug in postgen's layout)".into(),
    }
}

/// Hands each file of `settings.layout` for `api` to `then`, each on a thread of its own;
/// results in the fixed file order, the first error in that order if any.
fn each_file<T: Send>(
    api: Arc<Api>,
    settings: &Settings,
    then: impl Fn(Job<'_>) -> Result<T, Error> + Sync,
) -> Result<Vec<T>, Error> {
    let env = environment(&settings.templates)?;
    let (doc_path, fence) = match &settings.doctests {
        Doctests::Compile(path) => (path, "no_run"),
        Doctests::Ignore(path) => (path, "ignore"),
    };
    let source = |name: &str| templates::source(name, &settings.templates).unwrap_or_default();
    // The signers and the regular expression engine, and the crates they need, only in
    // clients that use them.
    let runtime: Vec<Value> = RUNTIME
        .iter()
        .filter(|(name, _)| *name != templates::SIGNING || !api.auth.signed.is_empty())
        .filter(|(name, _)| *name != templates::SCRIPT_REGEX || api.script_regex)
        .map(|(name, _)| Value::from_safe_string(source(name).to_string()))
        .collect();
    let checks = templates::naming_crate(
        "harness/checks.rs",
        source("harness/checks.rs"),
        &api.crate_ident,
    )?;
    let replay_support = templates::naming_crate(
        "replay/support.rs",
        source("replay/support.rs"),
        &api.crate_ident,
    )?;
    let ctx = context! {
        // Made as the templates read it (see `lazy.rs`).
        api => lazy::api(Arc::clone(&api)),
        // How method docs name the client in their examples.
        doctest => context! { path => doc_path, fence => fence },
        // The Rust every client embeds: the runtime's files, and the generated tests' harness.
        runtime => runtime,
        // A crate's runtime is a crate of its own beside it; a module file holds it.
        separate_runtime => settings.layout == Layout::Crate,
        harness => context! {
            server => Value::from_safe_string(source("harness/server.rs").to_string()),
            checks => Value::from_safe_string(checks),
        },
        // The functions of the `replay` example, and what it does with variables.
        batches => layout::replay_batches(&api),
        replay_support => Value::from_safe_string(replay_support),
    };
    let header = &settings.header;
    let job = |(path, content): (&'static str, Content)| -> Result<T, Error> {
        let header = if path.ends_with(".rs") {
            format!("// {header}\n\n")
        } else if path.ends_with(".md") {
            format!("<!-- {} -->\n\n", header.replace("--", "- -"))
        } else {
            format!("# {header}\n")
        };
        then(Job {
            path,
            content,
            header,
            templates: layout::Templates {
                env: &env,
                ctx: &ctx,
                overrides: &settings.templates,
            },
            api: &api,
        })
    };
    // The files are independent: `src/api.rs` takes most of the time, the others render and
    // format beside it.
    one_thread_each(files(&api, settings.layout), job)
}

/// `work` applied to each item, each on a thread of its own; results in item order, the first
/// error in that order if any.
fn one_thread_each<I: Send, T: Send>(
    items: Vec<I>,
    work: impl Fn(I) -> Result<T, Error> + Sync,
) -> Result<Vec<T>, Error> {
    let threads = items.len();
    crate::threads::each(items, threads, work)
}

/// The error of template `name`, at the innermost template and line minijinja knows (an error
/// in an included template is reported there, with the chain of includes after it), naming the
/// override file when the template is a user's.
fn template_error(name: &str, error: &minijinja::Error, overrides: &[Override]) -> Error {
    let mut chain = vec![error];
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        if let Some(inner) = inner.downcast_ref::<minijinja::Error>() {
            chain.push(inner);
        }
        source = inner.source();
    }
    let at = |e: &minijinja::Error| {
        let file = e.name().unwrap_or(name);
        match e.line() {
            Some(line) => format!("{file} line {line}"),
            None => file.to_string(),
        }
    };
    let innermost = chain.last().copied().unwrap_or(error);
    let mut template = at(innermost);
    let file = innermost.name().unwrap_or(name);
    if let Some(over) = overrides.iter().find(|o| o.name == file) {
        template.push_str(&format!(" (from {})", over.file.display()));
    }
    let mut message = innermost.kind().to_string();
    if let Some(detail) = innermost.detail() {
        message.push_str(&format!(": {detail}"));
    }
    if chain.len() > 1 {
        let outer: Vec<String> = chain[..chain.len() - 1]
            .iter()
            .rev()
            .map(|e| at(e))
            .collect();
        message.push_str(&format!(" (included from {})", outer.join(" < ")));
    }
    Error::Render { template, message }
}
