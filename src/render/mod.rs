//! Rendering: the model laid out through the templates in `templates/`, then formatted.
//!
//! Templates are embedded in the binary (see [`TEMPLATES`]); a user's directory may replace any
//! of them ([`overrides`]). The environment
//! is strict (an undefined variable is an error) and escapes every string for the file it
//! writes: in `.rs` templates a string becomes a Rust string literal unless a filter validated
//! it as an identifier (`ident`), a type (`ty`) or a path (`path`); in `.toml` templates it
//! becomes a TOML string. Docs go through the `doc` filter. See [`escape`].

mod assemble;
pub mod escape;
mod format;
mod lazy;
pub mod rust;
mod templates;
mod threads;
mod values;

pub use templates::{HARNESS, Override, RUNTIME, TEMPLATES, overrides};

use std::sync::Arc;

use minijinja::value::ViaDeserialize;
use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value, context};

use crate::error::Error;
use crate::model::{Api, Decoder, TypeRef};
use crate::output::{Destination, GeneratedFile, Layout, Memory, Sink, files};

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

/// A file as its template rendered it, before Rust files are formatted.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The path relative to the crate's directory, with `/` separators.
    pub path: String,
    /// The template it came from, named in errors.
    pub template: &'static str,
    /// The `@generated` line, in the file's comment syntax.
    pub header: String,
    pub text: String,
}

/// Renders the files of `settings.layout` for `api`, in a fixed order, and formats the Rust ones.
///
/// A Rust file is formatted while its template renders (see `format.rs`), and the files render
/// on threads of their own, so the small files are done beside `src/api.rs`.
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

/// Formats the Rust files of `rendered` (syn, then prettyplease, on every core) and puts each
/// file's header on top: the second half of [`render`].
pub fn format(rendered: Vec<Rendered>) -> Result<Vec<GeneratedFile>, Error> {
    one_thread_each(rendered, |file| {
        let mut out = Memory.open(&file.path)?;
        format_one(file, &mut out)?;
        Ok(out)
    })
}

/// One file to render: where it goes, its template and what the template sees.
struct Job<'a> {
    path: &'static str,
    template: &'static str,
    /// The `@generated` line, in the file's comment syntax.
    header: String,
    env: &'a Environment<'static>,
    ctx: &'a Value,
    overrides: &'a [Override],
}

impl Job<'_> {
    fn rendered(self) -> Result<Rendered, Error> {
        Ok(Rendered {
            path: self.path.into(),
            template: self.template,
            text: render_one(self.env, self.template, self.ctx, self.overrides)?,
            header: self.header,
        })
    }

    /// The file rendered and formatted. A Rust file is cut into pieces as the template writes
    /// it, and each piece formatted as soon as it is cut: only what the template writes at once
    /// (a macro's whole output: one method or type) is held as text.
    fn generated<D: Destination>(self, destination: &D) -> Result<D::File, Error> {
        let mut file = destination.open(self.path)?;
        if !self.path.ends_with(".rs") {
            format_one(self.rendered()?, &mut file)?;
            return Ok(file);
        }
        file.push_str(&self.header);
        format::streamed(self.template, &mut file, |lines| {
            self.env
                .get_template(self.template)
                .and_then(|t| t.render_captured_to(self.ctx, lines))
                .map(drop)
                .map_err(|e| template_error(self.template, &e, self.overrides))
        })?;
        Ok(file)
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
    let runtime: Vec<Value> = RUNTIME
        .iter()
        .map(|(name, _)| Value::from_safe_string(source(name).to_string()))
        .collect();
    let checks = templates::naming_crate(
        "harness/checks.rs",
        source("harness/checks.rs"),
        &api.crate_ident,
    )?;
    let ctx = context! {
        // Made as the templates read it (see `lazy.rs`).
        api => lazy::api(Arc::clone(&api)),
        // The Rust every client embeds: the runtime's files, and the generated tests' harness.
        runtime => runtime,
        harness => context! {
            server => Value::from_safe_string(source("harness/server.rs").to_string()),
            checks => Value::from_safe_string(checks),
        },
        // How method docs name the client in their examples.
        doctest => context! { path => doc_path, fence => fence },
        // The credentials generated tests use; the model expects them on the wire.
        test_token => crate::model::calls::TEST_TOKEN,
        test_api_key => crate::model::calls::TEST_API_KEY,
    };
    let header = &settings.header;
    let job = |(path, template): (&'static str, &'static str)| -> Result<T, Error> {
        let header = if path.ends_with(".rs") {
            format!("// {header}\n\n")
        } else if path.ends_with(".md") {
            format!("<!-- {} -->\n\n", header.replace("--", "- -"))
        } else {
            format!("# {header}\n")
        };
        then(Job {
            path,
            template,
            header,
            env: &env,
            ctx: &ctx,
            overrides: &settings.templates,
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
    threads::each(items, threads, work)
}

/// Writes `file` to `out` with the header on top: formatted if it is Rust (syn, then
/// prettyplease, its pieces on every core), a Markdown file ending with one line break.
fn format_one(file: Rendered, out: &mut dyn Sink) -> Result<(), Error> {
    out.push_str(&file.header);
    if file.path.ends_with(".rs") {
        format::rust_file(file.template, &file.text, out)?;
    } else if file.path.ends_with(".md") {
        out.push_str(file.text.trim_end());
        out.push_str("\n");
    } else {
        out.push_str(&file.text);
    }
    Ok(())
}

fn render_one(
    env: &Environment<'_>,
    name: &str,
    ctx: &Value,
    overrides: &[Override],
) -> Result<String, Error> {
    env.get_template(name)
        .and_then(|t| t.render(ctx))
        .map_err(|e| template_error(name, &e, overrides))
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

/// The template environment with postgen's escaping and filters.
pub fn environment(overrides: &[Override]) -> Result<Environment<'static>, Error> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    // Where the formatter may cut a file (see `format.rs`).
    for (name, mark) in [
        ("split", format::SPLIT),
        ("begin_mod", format::BEGIN_MOD),
        ("begin_impl", format::BEGIN_IMPL),
        ("end", format::END),
    ] {
        env.add_global(name, Value::from_safe_string(mark.to_string()));
    }
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".rs.jinja") {
            AutoEscape::Custom("rust")
        } else if name.ends_with(".toml.jinja") {
            AutoEscape::Custom("toml")
        } else if name.ends_with(".md.jinja") {
            AutoEscape::Custom("markdown")
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(|out, state, value| {
        let escape = match state.auto_escape() {
            AutoEscape::Custom("rust") => escape::rust_literal,
            AutoEscape::Custom("toml") => escape::toml_literal,
            AutoEscape::Custom("markdown") => escape::markdown_text,
            _ => return minijinja::escape_formatter(out, state, value),
        };
        use minijinja::value::ValueKind;
        match value.kind() {
            ValueKind::String if value.is_safe() => out.write_str(value.as_str().unwrap_or("")),
            ValueKind::String => out.write_str(&escape(value.as_str().unwrap_or(""))),
            ValueKind::Number => out.write_str(&value.to_string()),
            // minijinja prints booleans Python's way (`True`).
            ValueKind::Bool => out.write_str(if value.is_true() { "true" } else { "false" }),
            // Anything else has no meaning in generated code: a bug in a template.
            kind => {
                return Err(minijinja::Error::new(
                    minijinja::ErrorKind::InvalidOperation,
                    format!("cannot write a {kind} value into generated code"),
                ));
            }
        }
        .map_err(Into::into)
    });
    env.add_filter("walk", |module: Value| lazy::walk(&module));
    env.add_filter("ident", |text: String| {
        rust::ident(&text)
            .map(|_| Value::from_safe_string(text.clone()))
            .map_err(invalid)
    });
    // A type or decoder of the model, written for the module `m` it appears in.
    env.add_filter("ty", |ty: ViaDeserialize<TypeRef>, m: Value| {
        rust::type_text(&ty, module_depth(&m)?)
            .map(Value::from_safe_string)
            .map_err(invalid)
    });
    env.add_filter("decoder", |decoder: ViaDeserialize<Decoder>, m: Value| {
        rust::decoder_text(&decoder, module_depth(&m)?)
            .map(Value::from_safe_string)
            .map_err(invalid)
    });
    // A module's path (a list of identifiers) or a path through which the client is reached.
    env.add_filter("path", |path: Value| {
        let text = match path.as_str() {
            Some(text) => rust::crate_path(text),
            None => {
                let segments: Vec<String> = path
                    .try_iter()?
                    .map(|s| s.as_str().map(str::to_string))
                    .collect::<Option<_>>()
                    .ok_or_else(|| invalid("a path is text or a list of identifiers".into()))?;
                rust::module_path(&segments)
            }
        };
        text.map(Value::from_safe_string).map_err(invalid)
    });
    env.add_filter(
        "call",
        |call: ViaDeserialize<crate::model::calls::Call>, krate: String, client: String| {
            values::call_expr(&call, &krate, &client)
                .map(Value::from_safe_string)
                .map_err(invalid)
        },
    );
    env.add_filter(
        "example_doc",
        |call: ViaDeserialize<crate::model::calls::Call>,
         krate: String,
         client: String,
         fence: String| {
            values::example_doc(&call, &krate, &client, &fence).map_err(invalid)
        },
    );
    env.add_filter("doc", |text: String| {
        Value::from_safe_string(escape::doc_attributes(&text, false))
    });
    // In Markdown: `text` as a code span.
    env.add_filter("code", |text: String| {
        Value::from_safe_string(escape::markdown_code(&text))
    });
    env.add_filter("inner_doc", |text: String| {
        Value::from_safe_string(escape::doc_attributes(&text, true))
    });
    for (name, source) in TEMPLATES {
        let source = match overrides.iter().find(|o| o.name == *name) {
            Some(over) => over.source.clone(),
            None => source.to_string(),
        };
        env.add_template_owned(*name, source)
            .map_err(|e| template_error(name, &e, overrides))?;
    }
    Ok(env)
}

/// The depth of the module `m` a template passes to a filter.
fn module_depth(m: &Value) -> Result<usize, minijinja::Error> {
    lazy::depth_of(m).ok_or_else(|| invalid(format!("`{m}` is not a module of the model")))
}

/// The error of a filter given something it cannot write.
fn invalid(message: String) -> minijinja::Error {
    minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, message)
}
