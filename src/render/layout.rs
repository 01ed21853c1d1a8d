//! What each generated file is made of, in order: Rust walks the model and renders one template,
//! macro call or module at a time, and hands each result on as a piece (see `format/`).
//!
//! A file's template renders its fixed head; for what repeats, the layout calls the template's
//! macros once per module, endpoint, type or example. A macro that opens a block (`module(m)`,
//! `methods(m)`) renders it complete, with its first items; the items that follow are added
//! inside it here. So templates lay out each item and never see the walk, and the formatter knows
//! where each piece sits without reading marks in the text.

use std::sync::Arc;

use minijinja::{Environment, Value};

use super::format::{Block, Pieces};
use super::lazy;
use super::templates::Override;
use crate::error::Error;
use crate::model::{Api, Module};
use crate::output::Content;

/// How many requests each function of the `replay` example sends, so that no item is huge: the
/// formatter parses an item at a time, and one `main` sending 10,000 requests took 50 MB of
/// syntax tree.
const REPLAY_BATCH: usize = 50;

/// The templates as the layouts call them: whole, or one macro at a time.
pub(super) struct Templates<'a> {
    pub(super) env: &'a Environment<'static>,
    pub(super) ctx: &'a Value,
    pub(super) overrides: &'a [Override],
}

/// A template rendered once for its head, and kept for calls of its macros.
struct Macros<'a> {
    name: &'static str,
    captured: minijinja::Captured<'a>,
    overrides: &'a [Override],
}

impl Templates<'_> {
    /// The whole output of template `name`.
    pub(super) fn render(&self, name: &'static str) -> Result<String, Error> {
        self.env
            .get_template(name)
            .and_then(|t| t.render(self.ctx))
            .map_err(|e| super::template_error(name, &e, self.overrides))
    }

    /// Template `name`, rendered: its output is the file's head, and its macros can be called.
    fn macros(&self, name: &'static str) -> Result<Macros<'_>, Error> {
        let captured = self
            .env
            .get_template(name)
            .and_then(|t| t.render_captured(self.ctx))
            .map_err(|e| super::template_error(name, &e, self.overrides))?;
        Ok(Macros {
            name,
            captured,
            overrides: self.overrides,
        })
    }
}

impl Macros<'_> {
    /// The output of the template itself.
    fn head(&self) -> String {
        self.captured.output().to_string()
    }

    /// The output of macro `name` called with `args`.
    fn call(&self, name: &str, args: &[Value]) -> Result<String, Error> {
        self.captured
            .state()
            .call_macro(name, args)
            .map_err(|e| super::template_error(self.name, &e, self.overrides))
    }
}

/// Renders the file holding `content` into `out`.
pub(super) fn file(
    content: Content,
    templates: &Templates<'_>,
    api: &Arc<Api>,
    out: &mut dyn Pieces,
) -> Result<(), Error> {
    match content {
        Content::Manifest => out.items(templates.render("Cargo.toml.jinja")?, "Cargo.toml.jinja"),
        Content::CrateRoot => crate_root(templates, api, out),
        Content::Readme => readme(templates, api, out),
        Content::Client => client(templates, api, out),
        Content::Tests => tests(templates, api, out),
        Content::Replay => replay(templates, out),
        Content::RuntimeManifest => out.items(
            templates.render("runtime_Cargo.toml.jinja")?,
            "runtime_Cargo.toml.jinja",
        ),
        Content::Runtime => out.items(
            templates.render("runtime_lib.rs.jinja")?,
            "runtime_lib.rs.jinja",
        ),
    }
}

/// Where [`walk`] is in a module: before its child modules, or after them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Enter,
    Leave,
}

/// What [`walk`] does at each step: given the module and its path of child indices.
type Visit<'a> = dyn FnMut(&Module, &[usize], Step) -> Result<(), Error> + 'a;

/// Every module below `module` and itself, depth first, each entered before its children and
/// left after them.
fn walk(module: &Module, path: &mut Vec<usize>, visit: &mut Visit<'_>) -> Result<(), Error> {
    visit(module, path, Step::Enter)?;
    for (index, child) in module.modules.iter().enumerate() {
        path.push(index);
        walk(child, path, visit)?;
        path.pop();
    }
    visit(module, path, Step::Leave)
}

/// `src/api.rs`: the client (`client.rs.jinja`), then each module: a folder's `pub mod` with its
/// handle (`module.rs.jinja`'s `module(m)`), the handle's methods (`methods(m)`, the accessors
/// of child modules, then `endpoint.rs.jinja`'s `method(e, m)` for each request) and its types
/// (`types.rs.jinja`'s `typedef(t, m)`); then the `types` module of the JSON types
/// (`shared(m)`, then a `typedef(t, m)` each); then the runtime (`runtime.rs.jinja`: the
/// runtime crate re-exported, or in a module file the runtime itself).
fn client(templates: &Templates<'_>, api: &Arc<Api>, out: &mut dyn Pieces) -> Result<(), Error> {
    out.items(templates.render("client.rs.jinja")?, "client.rs.jinja")?;
    let modules = templates.macros("module.rs.jinja")?;
    let endpoints = templates.macros("endpoint.rs.jinja")?;
    let types = templates.macros("types.rs.jinja")?;
    walk(&api.root, &mut Vec::new(), &mut |module, path, step| {
        if step == Step::Leave {
            return if module.is_root { Ok(()) } else { out.close() };
        }
        let m = lazy::module_view(api, path.to_vec());
        if !module.is_root {
            let text = modules.call("module", std::slice::from_ref(&m))?;
            out.open(text, modules.name, Block::Mod)?;
        }
        if !module.endpoints.is_empty() || !module.modules.is_empty() {
            let text = modules.call("methods", std::slice::from_ref(&m))?;
            out.open(text, modules.name, Block::Impl)?;
            for endpoint in &module.endpoints {
                let e = Value::from_serialize(endpoint);
                out.items(endpoints.call("method", &[e, m.clone()])?, endpoints.name)?;
            }
            out.close()?;
        }
        for typedef in &module.types {
            let t = Value::from_serialize(typedef);
            out.items(types.call("typedef", &[t, m.clone()])?, types.name)?;
        }
        Ok(())
    })?;
    if !api.types.is_empty() {
        let m = lazy::shared_view(api);
        let text = modules.call("shared", std::slice::from_ref(&m))?;
        out.open(text, modules.name, Block::Mod)?;
        for typedef in &api.types {
            let t = Value::from_serialize(typedef);
            out.items(types.call("typedef", &[t, m.clone()])?, types.name)?;
        }
        out.close()?;
    }
    out.items(templates.render("runtime.rs.jinja")?, "runtime.rs.jinja")
}

/// `tests/examples.rs`: the head of `examples.rs.jinja` (its docs, the harness and the client
/// under test), then for each folder its `module(m)`, and in it a `test(x, e, m)` per saved
/// example response.
fn tests(templates: &Templates<'_>, api: &Arc<Api>, out: &mut dyn Pieces) -> Result<(), Error> {
    let tests = templates.macros("examples.rs.jinja")?;
    out.items(tests.head(), tests.name)?;
    walk(&api.root, &mut Vec::new(), &mut |module, path, step| {
        if step == Step::Leave {
            return if module.is_root { Ok(()) } else { out.close() };
        }
        let m = lazy::module_view(api, path.to_vec());
        if !module.is_root {
            out.open(
                tests.call("module", std::slice::from_ref(&m))?,
                tests.name,
                Block::Mod,
            )?;
        }
        for endpoint in &module.endpoints {
            // Most endpoints have no saved example: not worth serializing for the templates.
            if endpoint.examples.is_empty() {
                continue;
            }
            let e = Value::from_serialize(endpoint);
            for example in &endpoint.examples {
                let x = Value::from_serialize(example);
                out.items(tests.call("test", &[x, e.clone(), m.clone()])?, tests.name)?;
            }
        }
        Ok(())
    })
}

/// `examples/replay.rs`: the head of `replay.rs.jinja` (`main` sets up the client and calls
/// each function), then its `send(batch)` per function of [`REPLAY_BATCH`] requests.
fn replay(templates: &Templates<'_>, out: &mut dyn Pieces) -> Result<(), Error> {
    let replay = templates.macros("replay.rs.jinja")?;
    out.items(replay.head(), replay.name)?;
    // The same functions `main` calls: the context's.
    let batches = templates
        .ctx
        .get_attr("batches")
        .and_then(|b| b.try_iter())
        .map_err(|e| super::template_error(replay.name, &e, templates.overrides))?;
    for batch in batches {
        out.items(replay.call("send", &[batch])?, replay.name)?;
    }
    Ok(())
}

/// The functions of the `replay` example, in order: `send_1` sends requests 1 to 50, ...
pub(super) fn replay_batches(api: &Arc<Api>) -> Vec<Value> {
    (0..api.requests.len())
        .step_by(REPLAY_BATCH)
        .enumerate()
        .map(|(n, start)| {
            let end = (start + REPLAY_BATCH).min(api.requests.len());
            lazy::batch(api, format!("send_{}", n + 1), start, end)
        })
        .collect()
}

/// `src/lib.rs`: the head of `lib.rs.jinja`, its `rows(m)` for each module (one piece each, so
/// the table of 50,000 operations is never held whole), then its `tail()`.
fn crate_root(
    templates: &Templates<'_>,
    api: &Arc<Api>,
    out: &mut dyn Pieces,
) -> Result<(), Error> {
    let root = templates.macros("lib.rs.jinja")?;
    head_and_modules(&root, "rows", api, out)?;
    out.items(root.call("tail", &[])?, root.name)
}

/// `README.md`: the head of `README.md.jinja`, then its `section(m)` for each module.
fn readme(templates: &Templates<'_>, api: &Arc<Api>, out: &mut dyn Pieces) -> Result<(), Error> {
    let readme = templates.macros("README.md.jinja")?;
    head_and_modules(&readme, "section", api, out)
}

/// The head of `macros`' template, then its macro `name` called with each module, depth first.
fn head_and_modules(
    macros: &Macros<'_>,
    name: &str,
    api: &Arc<Api>,
    out: &mut dyn Pieces,
) -> Result<(), Error> {
    out.items(macros.head(), macros.name)?;
    walk(&api.root, &mut Vec::new(), &mut |_, path, step| {
        if step == Step::Enter {
            let m = lazy::module_view(api, path.to_vec());
            out.items(macros.call(name, &[m])?, macros.name)?;
        }
        Ok(())
    })
}
