//! The built-in templates and Rust sources, and the user's overrides of them (`--templates DIR`).
//!
//! Templates, and the Rust every client embeds (the runtime and the generated tests' harness,
//! real Rust in the workspace crate `runtime/`), are embedded in the binary, so postgen works from
//! any directory. An override directory holds files named like built-in ones
//! (`endpoint.rs.jinja`, `runtime/send.rs`, ...); each replaces the one of that name. A file that
//! matches none is an error, so a typo cannot silently leave the built-in one in place.

use std::path::{Path, PathBuf};

use crate::error::Error;

/// The built-in templates, by name.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "Cargo.toml.jinja",
        include_str!("../../templates/Cargo.toml.jinja"),
    ),
    ("lib.rs.jinja", include_str!("../../templates/lib.rs.jinja")),
    (
        "client.rs.jinja",
        include_str!("../../templates/client.rs.jinja"),
    ),
    (
        "client_setup.rs.jinja",
        include_str!("../../templates/client_setup.rs.jinja"),
    ),
    (
        "runtime.rs.jinja",
        include_str!("../../templates/runtime.rs.jinja"),
    ),
    (
        "runtime_lib.rs.jinja",
        include_str!("../../templates/runtime_lib.rs.jinja"),
    ),
    (
        "runtime_Cargo.toml.jinja",
        include_str!("../../templates/runtime_Cargo.toml.jinja"),
    ),
    (
        "module.rs.jinja",
        include_str!("../../templates/module.rs.jinja"),
    ),
    (
        "endpoint.rs.jinja",
        include_str!("../../templates/endpoint.rs.jinja"),
    ),
    (
        "types.rs.jinja",
        include_str!("../../templates/types.rs.jinja"),
    ),
    (
        "README.md.jinja",
        include_str!("../../templates/README.md.jinja"),
    ),
    (
        "replay.rs.jinja",
        include_str!("../../templates/replay.rs.jinja"),
    ),
    (
        "examples.rs.jinja",
        include_str!("../../templates/examples.rs.jinja"),
    ),
];

/// The runtime file of the computed auth schemes, which only clients using them embed.
pub const SIGNING: &str = "runtime/signing.rs";

/// The runtime file that runs scripts' regular expressions, which only clients whose scripts
/// use one embed.
pub const SCRIPT_REGEX: &str = "runtime/script_regex.rs";

/// The runtime's source files, in the order they make up the `runtime` module of a client (the
/// crate `runtime/` includes them in the same order, which a test checks).
pub const RUNTIME: &[(&str, &str)] = &[
    (
        "runtime/config.rs",
        include_str!("../../runtime/src/runtime/config.rs"),
    ),
    (
        "runtime/fields.rs",
        include_str!("../../runtime/src/runtime/fields.rs"),
    ),
    (
        "runtime/request.rs",
        include_str!("../../runtime/src/runtime/request.rs"),
    ),
    (
        "runtime/send.rs",
        include_str!("../../runtime/src/runtime/send.rs"),
    ),
    (
        "runtime/retry.rs",
        include_str!("../../runtime/src/runtime/retry.rs"),
    ),
    (
        "runtime/dynamic.rs",
        include_str!("../../runtime/src/runtime/dynamic.rs"),
    ),
    (
        "runtime/paging.rs",
        include_str!("../../runtime/src/runtime/paging.rs"),
    ),
    (
        "runtime/oauth2.rs",
        include_str!("../../runtime/src/runtime/oauth2.rs"),
    ),
    (
        "runtime/blocking.rs",
        include_str!("../../runtime/src/runtime/blocking.rs"),
    ),
    (
        SIGNING,
        include_str!("../../runtime/src/runtime/signing.rs"),
    ),
    (
        "runtime/script_values.rs",
        include_str!("../../runtime/src/runtime/script_values.rs"),
    ),
    (
        SCRIPT_REGEX,
        include_str!("../../runtime/src/runtime/script_regex.rs"),
    ),
    (
        "runtime/script.rs",
        include_str!("../../runtime/src/runtime/script.rs"),
    ),
    (
        "runtime/response.rs",
        include_str!("../../runtime/src/runtime/response.rs"),
    ),
];

/// The generated tests' harness: the loopback server, then the checks.
pub const HARNESS: &[(&str, &str)] = &[
    (
        "harness/server.rs",
        include_str!("../../runtime/src/harness/server.rs"),
    ),
    (
        "harness/checks.rs",
        include_str!("../../runtime/src/harness/checks.rs"),
    ),
];

/// What every client's `replay` example does with variables and its command line.
pub const REPLAY: &[(&str, &str)] = &[(
    "replay/support.rs",
    include_str!("../../runtime/src/replay/support.rs"),
)];

/// A user's file replacing the built-in template or source of the same name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    /// The built-in template's or source's name, e.g. `endpoint.rs.jinja`, `runtime/send.rs`.
    pub name: String,
    /// The file it was read from, named in errors.
    pub file: PathBuf,
    pub source: String,
}

/// Every built-in template and source, by name: templates, then the runtime, then the harness
/// and the replay example's support.
fn builtins() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    TEMPLATES.iter().chain(RUNTIME).chain(HARNESS).chain(REPLAY)
}

/// The text of the built-in source `name` (one of [`RUNTIME`], [`HARNESS`] or [`REPLAY`]), or the user's
/// replacement of it.
pub fn source<'a>(name: &str, overrides: &'a [Override]) -> Option<&'a str> {
    match overrides.iter().find(|o| o.name == name) {
        Some(over) => Some(&over.source),
        None => builtins().find(|(n, _)| *n == name).map(|(_, text)| *text),
    }
}

/// Reads every `*.jinja` and `*.rs` file under `dir` as an override, in name order.
pub fn overrides(dir: &Path) -> Result<Vec<Override>, Error> {
    let mut found = Vec::new();
    collect(dir, dir, &mut found)?;
    found.sort_by(|a, b| a.name.cmp(&b.name));
    let unknown: Vec<&Override> = found
        .iter()
        .filter(|o| !builtins().any(|(name, _)| *name == o.name))
        .collect();
    if let Some(first) = unknown.first() {
        let names: Vec<&str> = builtins().map(|(name, _)| *name).collect();
        return Err(Error::Usage(format!(
            "{}: `{}` is not a postgen template; the templates are: {}",
            first.file.display(),
            first.name,
            names.join(", ")
        )));
    }
    Ok(found)
}

/// The identifier through which the harness and the replay support name the client under test,
/// replaced by the client crate's name when they are embedded.
const CRATE_UNDER_TEST: &str = "crate_under_test";

/// The harness or replay source `name`, naming the client `krate` (see [`CRATE_UNDER_TEST`]).
/// The source is read as Rust tokens and only identifiers are replaced, so the name cannot
/// change a string, a comment or another identifier that contains it.
pub fn naming_crate(name: &str, source: &str, krate: &str) -> Result<String, Error> {
    let error = |message: String| Error::Render {
        template: name.to_string(),
        message,
    };
    let krate: proc_macro2::Ident =
        syn::parse_str(krate).map_err(|_| error(format!("`{krate}` is not a crate name")))?;
    let tokens: Result<proc_macro2::TokenStream, _> = source.parse();
    let text = tokens.map(|tokens| replace_ident(tokens, &krate).to_string());
    // The parse recorded the text for spans on this thread; nothing holds a span any more.
    proc_macro2::extra::invalidate_current_thread_spans();
    text.map_err(|e| error(format!("not Rust: {e}")))
}

fn replace_ident(
    tokens: proc_macro2::TokenStream,
    with: &proc_macro2::Ident,
) -> proc_macro2::TokenStream {
    use proc_macro2::{Group, TokenTree};
    tokens
        .into_iter()
        .map(|token| match token {
            TokenTree::Group(group) => {
                let mut replaced =
                    Group::new(group.delimiter(), replace_ident(group.stream(), with));
                replaced.set_span(group.span());
                TokenTree::Group(replaced)
            }
            TokenTree::Ident(ident) if ident == CRATE_UNDER_TEST => TokenTree::Ident(with.clone()),
            other => other,
        })
        .collect()
}

fn collect(root: &Path, dir: &Path, found: &mut Vec<Override>) -> Result<(), Error> {
    let read_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Read { path, source }
    };
    let entries = std::fs::read_dir(dir).map_err(read_error(dir))?;
    for entry in entries {
        let path = entry.map_err(read_error(dir))?.path();
        if path.is_dir() {
            collect(root, &path, found)?;
        } else if path.extension().is_some_and(|e| e == "jinja" || e == "rs") {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let source = std::fs::read_to_string(&path).map_err(read_error(&path))?;
            found.push(Override {
                name: crate::util::slash_path(relative),
                file: path,
                source,
            });
        }
    }
    Ok(())
}
