//! Rendering: the model laid out through the templates in `templates/`, then formatted.
//!
//! Templates are embedded in the binary (see [`TEMPLATES`]); a user's directory may replace any
//! of them ([`overrides`]). The environment
//! is strict (an undefined variable is an error) and escapes every string for the file it
//! writes: in `.rs` templates a string becomes a Rust string literal unless a filter validated
//! it as an identifier (`ident`), a type (`ty`) or a path (`path`); in `.toml` templates it
//! becomes a TOML string. Docs go through the `doc` filter. See [`escape`].

pub mod escape;
mod format;
mod templates;
mod values;

pub use templates::{Override, TEMPLATES, overrides};

use minijinja::value::ViaDeserialize;
use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value, context};

use crate::config::Layout;
use crate::error::Error;
use crate::model::Api;

/// A file of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// The path relative to the crate's directory, with `/` separators.
    pub path: String,
    pub contents: String,
}

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

/// Renders the files of `settings.layout` for `api`, in a fixed order.
pub fn render(api: &Api, settings: &Settings) -> Result<Vec<GeneratedFile>, Error> {
    let env = environment(&settings.templates)?;
    let (doc_path, fence) = match &settings.doctests {
        Doctests::Compile(path) => (path, "no_run"),
        Doctests::Ignore(path) => (path, "ignore"),
    };
    let ctx = context! {
        api => Value::from_serialize(api),
        // How method docs name the client in their examples.
        doctest => context! { path => doc_path, fence => fence },
        // The credentials generated tests use; the model expects them on the wire.
        test_token => crate::model::calls::TEST_TOKEN,
        test_api_key => crate::model::calls::TEST_API_KEY,
    };
    let header = &settings.header;
    let rust = |path: &str, template: &str| -> Result<GeneratedFile, Error> {
        let text = render_one(&env, template, &ctx, &settings.templates)?;
        Ok(GeneratedFile {
            path: path.into(),
            contents: format!("// {header}\n\n{}", format::rust(template, &text)?),
        })
    };
    if settings.layout == Layout::Module {
        return Ok(vec![rust("src/api.rs", "api.rs.jinja")?]);
    }
    let mut files = vec![
        GeneratedFile {
            path: "Cargo.toml".into(),
            contents: format!(
                "# {header}\n{}",
                render_one(&env, "Cargo.toml.jinja", &ctx, &settings.templates)?
            ),
        },
        GeneratedFile {
            path: "README.md".into(),
            contents: format!(
                "<!-- {} -->\n\n{}",
                header.replace("--", "- -"),
                render_one(&env, "README.md.jinja", &ctx, &settings.templates)?.trim_end()
            ) + "\n",
        },
        rust("src/lib.rs", "lib.rs.jinja")?,
        rust("src/api.rs", "api.rs.jinja")?,
        rust("examples/replay.rs", "replay.rs.jinja")?,
    ];
    if has_examples(&api.root) {
        files.push(rust("tests/examples.rs", "examples.rs.jinja")?);
    }
    Ok(files)
}

fn has_examples(module: &crate::model::Module) -> bool {
    module.endpoints.iter().any(|e| !e.examples.is_empty())
        || module.modules.iter().any(has_examples)
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
    env.add_filter("ident", |text: String| {
        validated::<syn::Ident>(text, "an identifier")
    });
    env.add_filter("ty", |text: String| validated::<syn::Type>(text, "a type"));
    env.add_filter("path", |text: String| {
        validated::<syn::Path>(text, "a path")
    });
    env.add_filter(
        "call",
        |call: ViaDeserialize<crate::model::calls::Call>, krate: String, client: String| {
            values::call_expr(&call, &krate, &client)
                .map(Value::from_safe_string)
                .map_err(|e| minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, e))
        },
    );
    env.add_filter(
        "example_doc",
        |call: ViaDeserialize<crate::model::calls::Call>,
         krate: String,
         client: String,
         fence: String| {
            values::example_doc(&call, &krate, &client, &fence)
                .map_err(|e| minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, e))
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

/// Parses `text` as `T` and writes the tokens syn parsed, so nothing but a valid identifier,
/// type or path can reach the output this way. The model only makes valid ones, so a failure
/// here is a bug, reported instead of emitted.
fn validated<T: syn::parse::Parse + quote::ToTokens>(
    text: String,
    what: &str,
) -> Result<Value, minijinja::Error> {
    match syn::parse_str::<T>(&text) {
        Ok(parsed) => Ok(Value::from_safe_string(
            parsed.to_token_stream().to_string(),
        )),
        Err(_) => Err(minijinja::Error::new(
            minijinja::ErrorKind::InvalidOperation,
            format!("`{text}` is not {what}"),
        )),
    }
}
