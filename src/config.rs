//! [`Config`]: what to generate, from which collection, and where it goes. The CLI and build
//! scripts are two front ends over it.
//!
//! Generation is pure ([`Config::generate`] reads the inputs and returns the files in memory);
//! [`Config::write`] puts them on disk, only where content changed and atomically.
//! [`Config::generate_and_write`] and [`Config::generate_and_check`] do both in one pass, each
//! file streamed to disk (or compared with it) as it is formatted, so a large client is never
//! held whole; the command line and [`Config::build_script`] use them.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, Problem};
use crate::model::Api;
use crate::output::{CLIENT_MODULE, Layout};
use crate::render::{self, Doctests, Settings};
use crate::write::{self, Report, Stale};
use crate::{Generated, collection, lower, util};

/// What [`Config::generate_and_write`] did.
#[derive(Debug)]
pub struct Written {
    /// The crate directory, or the module file.
    pub out: PathBuf,
    /// Repairs and omissions, each with its JSON location.
    pub warnings: Vec<Problem>,
    /// How many of the scripts' variable sets and assertions were translated.
    pub scripts: ScriptCounts,
    pub report: Report,
}

/// The variable sets and assertions in a collection's scripts, and how many postgen translated
/// (each one left out is a warning).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScriptCounts {
    pub statements: usize,
    pub translated: usize,
}

/// What [`Config::generate_and_check`] found.
#[derive(Debug)]
pub struct Checked {
    /// The crate directory, or the module file.
    pub out: PathBuf,
    /// Repairs and omissions, each with its JSON location.
    pub warnings: Vec<Problem>,
    /// The files that are missing, differ or would be removed; empty when all is up to date.
    pub stale: Vec<Stale>,
    /// How many of the scripts' variable sets and assertions were translated.
    pub scripts: ScriptCounts,
}

/// A lowered collection, ready to render.
struct Prepared {
    crate_name: String,
    api: Arc<Api>,
    settings: Settings,
    warnings: Vec<Problem>,
}

impl Prepared {
    fn scripts(&self) -> ScriptCounts {
        let (statements, translated) = self.api.script_counts;
        ScriptCounts {
            statements,
            translated,
        }
    }
}

/// What to generate and where. Built with chained setters; nothing is read until
/// [`generate`](Config::generate).
///
/// From a `build.rs`, one call writes the client into `OUT_DIR` and tells cargo when to rerun:
///
/// ```no_run
/// // In build.rs's `fn main`:
/// postgen::Config::new("collections/zoom.json").build_script();
/// ```
///
/// ```ignore
/// // src/lib.rs
/// pub mod zoom {
///     include!(concat!(env!("OUT_DIR"), "/zoom.rs"));
/// }
/// ```
#[derive(Debug, Clone)]
pub struct Config {
    collection: PathBuf,
    environment: Option<PathBuf>,
    name: Option<String>,
    out: Option<PathBuf>,
    layout: Layout,
    templates: Option<PathBuf>,
    doc_path: Option<String>,
    command: Option<String>,
    required_evidence: u32,
    strict: bool,
    deny_warnings: bool,
    overrides: Option<PathBuf>,
}

impl Config {
    /// Generates from the Postman collection at `collection` (v2.0, v2.1, an export wrapper or
    /// one item).
    pub fn new(collection: impl Into<PathBuf>) -> Self {
        Config {
            collection: collection.into(),
            environment: None,
            name: None,
            out: None,
            layout: Layout::Crate,
            templates: None,
            doc_path: None,
            command: None,
            required_evidence: lower::DEFAULT_REQUIRED_EVIDENCE,
            strict: false,
            deny_warnings: false,
            overrides: None,
        }
    }

    /// A Postman environment export whose variable values override the collection's.
    pub fn environment(mut self, path: impl Into<PathBuf>) -> Self {
        self.environment = Some(path.into());
        self
    }

    /// The crate's package name, or the module file's name in [`Layout::Module`]; by default
    /// the collection file's stem (`zoom.json` -> `zoom`).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Where to write: the crate's directory ([`Layout::Crate`], default `generated/<name>`) or
    /// the module file ([`Layout::Module`], default `$OUT_DIR/<name>.rs`).
    pub fn out(mut self, path: impl Into<PathBuf>) -> Self {
        self.out = Some(path.into());
        self
    }

    /// A whole crate (the default) or one module file to `include!`.
    pub fn layout(mut self, layout: Layout) -> Self {
        self.layout = layout;
        self
    }

    /// A directory whose `*.jinja` files replace the built-in templates of the same name (see
    /// [`render::TEMPLATES`] and the README for the names and the values each receives).
    pub fn templates(mut self, dir: impl Into<PathBuf>) -> Self {
        self.templates = Some(dir.into());
        self
    }

    /// The path through which doc examples reach the client, e.g. `my_crate::zoom` when the
    /// module is included as `pub mod zoom` in `my_crate`. With it, every method's example is a
    /// compiled `no_run` doctest. Without it, a [`Layout::Module`] client's examples are
    /// `ignore`d (rustdoc cannot know where the module lives); a crate's use the crate name.
    pub fn doc_path(mut self, path: impl Into<String>) -> Self {
        self.doc_path = Some(path.into());
        self
    }

    /// The command the `@generated` header of every file names as the way to regenerate it. By
    /// default `postgen generate <collection>` for a crate, and "the build script" for a module.
    pub fn command(mut self, command: impl Into<String>) -> Self {
        self.command = Some(command.into());
        self
    }

    /// How many saved examples must show an object the API returns before the keys they all
    /// show become required fields (default 2). With fewer, each field is an `Option`, so a
    /// response that leaves one out still decodes; `1` trusts a single example, as a
    /// hand-written collection with complete examples may deserve. Examples are counted per
    /// request and status; the items of one array count once.
    pub fn required_evidence(mut self, examples: u32) -> Self {
        self.required_evidence = examples.max(1);
        self
    }

    /// Refuse the whole collection when one item cannot be read or one request cannot be
    /// represented (an invalid method or header name), as postgen did before it learnt to
    /// leave them out. By default each is left out with a warning naming its JSON location,
    /// and everything else is generated.
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Make warnings fail generation ([`Error::Warnings`], listing them) before anything is
    /// written or checked: for CI, where a collection that has gained a problem should be
    /// looked at.
    pub fn deny_warnings(mut self, deny: bool) -> Self {
        self.deny_warnings = deny;
        self
    }

    /// The overrides file: corrections to the collection (skip requests, pin method names,
    /// send form fields as JSON, make a field a file, say what a response is; see
    /// [`crate::overrides`]). By default `<collection stem>.postgen.toml` beside the collection,
    /// when there is one; a file named here must exist.
    pub fn overrides(mut self, path: impl Into<PathBuf>) -> Self {
        self.overrides = Some(path.into());
        self
    }

    /// The overrides file that applies: the one set, or the default one when it exists.
    pub fn overrides_path(&self) -> Option<PathBuf> {
        match &self.overrides {
            Some(path) => Some(path.clone()),
            None => Some(crate::overrides::default_path(&self.collection)).filter(|p| p.is_file()),
        }
    }

    /// The overrides, read; empty without a file.
    fn overrides_file(&self) -> Result<crate::overrides::Overrides, Error> {
        match self.overrides_path() {
            Some(path) => crate::overrides::load(&path),
            None => Ok(Default::default()),
        }
    }

    /// The collection file.
    pub fn collection(&self) -> &Path {
        &self.collection
    }

    /// The files the inputs are read from: the collection, the environment file, the
    /// template directory and the overrides file, when set or present. A build script reruns
    /// when one of them changes.
    pub fn inputs(&self) -> Vec<PathBuf> {
        let mut inputs = vec![self.collection.clone()];
        inputs.extend(self.environment.clone());
        inputs.extend(self.templates.clone());
        inputs.extend(self.overrides_path());
        inputs
    }

    /// Reads the inputs and renders the client in memory. Writes nothing.
    pub fn generate(&self) -> Result<Generated, Error> {
        in_memory(self.prepare(self.parsed()?)?)
    }

    /// [`generate`](Config::generate) from the collection's text, already read (the collection
    /// path only names it in messages and the header). The environment file and template
    /// directory, when set, are still read.
    pub fn generate_from(&self, text: &str) -> Result<Generated, Error> {
        in_memory(self.prepare(self.parse(text)?)?)
    }

    /// [`generate_from`](Config::generate_from) with the overrides file's text, already read,
    /// in place of any overrides file (its path, when set, only names it in messages).
    pub fn generate_from_with_overrides(
        &self,
        text: &str,
        overrides: &str,
    ) -> Result<Generated, Error> {
        let path = self
            .overrides_path()
            .unwrap_or_else(|| crate::overrides::default_path(&self.collection));
        let overrides = crate::overrides::parse(&path, overrides)?;
        in_memory(self.prepare_with(self.parse(text)?, overrides)?)
    }

    /// [`generate`](Config::generate) and [`write`](Config::write) in one pass: each file is
    /// streamed into a temporary file beside its target as it is formatted, and only when all
    /// are complete are the changed ones renamed over their targets. Bad input, or a failure
    /// half-way, leaves the previous output as it was.
    pub fn generate_and_write(&self) -> Result<Written, Error> {
        let prepared = self.prepare(self.parsed()?)?;
        let out = self.out_for(&prepared.crate_name)?;
        let writer = match self.layout {
            Layout::Crate => {
                write::Writer::crate_dir(&out, &render::paths(&prepared.api, &prepared.settings))?
            }
            Layout::Module => write::Writer::file(&out),
        };
        let scripts = prepared.scripts();
        let files = render::render_into(prepared.api, &prepared.settings, &writer)?;
        Ok(Written {
            scripts,
            report: writer.finish(files)?,
            out,
            warnings: prepared.warnings,
        })
    }

    /// [`generate`](Config::generate) and [`check`](Config::check) in one pass: each file is
    /// compared with the one on disk as it is formatted. Writes nothing.
    pub fn generate_and_check(&self) -> Result<Checked, Error> {
        let prepared = self.prepare(self.parsed()?)?;
        let out = self.out_for(&prepared.crate_name)?;
        let checker = match self.layout {
            Layout::Crate => write::Checker::crate_dir(&out),
            Layout::Module => write::Checker::file(&out),
        };
        let scripts = prepared.scripts();
        let files = render::render_into(prepared.api, &prepared.settings, &checker)?;
        Ok(Checked {
            scripts,
            stale: checker.finish(files),
            out,
            warnings: prepared.warnings,
        })
    }

    /// Reads and parses the collection file.
    fn parsed(&self) -> Result<collection::Input, Error> {
        let text = std::fs::read_to_string(&self.collection).map_err(|source| Error::Read {
            path: self.collection.clone(),
            source,
        })?;
        // The model is made from the parsed collection alone: the text is not held through it.
        self.parse(&text)
    }

    /// Parses the collection's `text`, strictly or not.
    fn parse(&self, text: &str) -> Result<collection::Input, Error> {
        if self.strict {
            collection::parse_strict(&self.collection, text)
        } else {
            collection::parse(&self.collection, text)
        }
    }

    /// The model of the client [`generate`](Config::generate) would write: the collection read
    /// with the environment file's values, lowered, nothing rendered. Its `warnings` are the
    /// repairs and omissions met. [`crate::diff`] compares two of them.
    pub fn lower(&self) -> Result<Api, Error> {
        self.lowered(self.parsed()?, self.crate_name(), self.overrides_file()?)
    }

    /// The crate name: set, or the collection file's stem.
    fn crate_name(&self) -> String {
        match &self.name {
            Some(name) => name.clone(),
            None => lower::default_crate_name(&self.collection),
        }
    }

    /// `parsed` lowered as the crate `crate_name`, with the environment file's values.
    fn lowered(
        &self,
        parsed: collection::Input,
        crate_name: String,
        overrides: crate::overrides::Overrides,
    ) -> Result<Api, Error> {
        let environment = match &self.environment {
            Some(path) => collection::load_environment(path)?,
            None => Default::default(),
        };
        lower::lower(
            parsed,
            &lower::Options {
                crate_name,
                environment,
                required_evidence: self.required_evidence,
                strict: self.strict,
                overrides,
            },
        )
    }

    /// The rest of generation up to rendering, once the collection is parsed.
    fn prepare(&self, parsed: collection::Input) -> Result<Prepared, Error> {
        self.prepare_with(parsed, self.overrides_file()?)
    }

    /// [`prepare`](Config::prepare) with `overrides`, already read.
    fn prepare_with(
        &self,
        parsed: collection::Input,
        overrides: crate::overrides::Overrides,
    ) -> Result<Prepared, Error> {
        let crate_name = self.crate_name();
        validate_crate_name(&crate_name)?;
        let templates = match &self.templates {
            Some(dir) => render::overrides(dir)?,
            None => Vec::new(),
        };
        let mut api = self.lowered(parsed, crate_name.clone(), overrides)?;
        let settings = Settings {
            layout: self.layout,
            header: self.header(&api.source_file),
            doctests: match (&self.doc_path, self.layout) {
                (Some(path), _) => Doctests::Compile(path.clone()),
                (None, Layout::Crate) => Doctests::Compile(api.crate_ident.clone()),
                (None, Layout::Module) => Doctests::Ignore(api.crate_ident.clone()),
            },
            templates,
        };
        let warnings = std::mem::take(&mut api.warnings);
        if self.deny_warnings && !warnings.is_empty() {
            return Err(Error::Warnings {
                file: self.collection.clone(),
                warnings,
            });
        }
        Ok(Prepared {
            crate_name,
            api: Arc::new(api),
            settings,
            warnings,
        })
    }

    /// Where [`write`](Config::write) puts `generated`.
    pub fn out_path(&self, generated: &Generated) -> Result<PathBuf, Error> {
        self.out_for(&generated.crate_name)
    }

    /// Where the files of crate `crate_name` go.
    fn out_for(&self, crate_name: &str) -> Result<PathBuf, Error> {
        if let Some(out) = &self.out {
            return Ok(out.clone());
        }
        Ok(match self.layout {
            Layout::Crate => PathBuf::from("generated").join(crate_name),
            Layout::Module => {
                let out_dir = std::env::var_os("OUT_DIR").ok_or_else(|| {
                    Error::Usage(
                        "OUT_DIR is not set: outside a build script, give the module file with `out`"
                            .into(),
                    )
                })?;
                PathBuf::from(out_dir).join(format!("{}.rs", crate_name.replace('-', "_")))
            }
        })
    }

    /// Writes `generated` to [`out_path`](Config::out_path): only files whose content changed,
    /// each atomically (temporary file + rename).
    pub fn write(&self, generated: &Generated) -> Result<Report, Error> {
        let out = self.out_path(generated)?;
        match self.layout {
            Layout::Crate => write::write(&out, &generated.files),
            Layout::Module => write::write_file(&out, &module_text(generated)?),
        }
    }

    /// The files at [`out_path`](Config::out_path) that are missing, differ from `generated`,
    /// or were generated earlier and would be removed. Writes nothing.
    pub fn check(&self, generated: &Generated) -> Result<Vec<Stale>, Error> {
        let out = self.out_path(generated)?;
        Ok(match self.layout {
            Layout::Crate => write::check(&out, &generated.files),
            Layout::Module => write::check_file(&out, &module_text(generated)?)
                .into_iter()
                .collect(),
        })
    }

    /// The one call a `build.rs` needs: generates a [`Layout::Module`] file into `OUT_DIR` (or
    /// [`out`](Config::out)), prints `cargo::rerun-if-changed` for every input, the generator's
    /// warnings as `cargo::warning`, and any error as `cargo::error` lines naming the file and the
    /// JSON location, which fails the build without a panic. Returns the written file's path, or
    /// `None` after an error.
    pub fn build_script(self) -> Option<PathBuf> {
        let config = self.layout(Layout::Module);
        for input in config.inputs() {
            println!("cargo::rerun-if-changed={}", input.display());
        }
        // Without an overrides file, one created beside the collection must rerun the script:
        // cargo watches the directory (a path that does not exist would rerun every build).
        if config.overrides_path().is_none() {
            let dir = config
                .collection
                .parent()
                .filter(|d| !d.as_os_str().is_empty());
            let dir = dir.unwrap_or(Path::new("."));
            println!("cargo::rerun-if-changed={}", dir.display());
        }
        match config.generate_and_write() {
            Ok(written) => {
                for warning in crate::error::grouped(&written.warnings) {
                    println!(
                        "cargo::warning={}: {}",
                        config.collection.display(),
                        one_line(&warning.to_string())
                    );
                }
                Some(written.out)
            }
            Err(error) => {
                for line in error.to_string().lines() {
                    println!("cargo::error={}", line.trim_start());
                }
                None
            }
        }
    }

    /// The `@generated` line every file starts with (inside a comment).
    fn header(&self, source_file: &str) -> String {
        let command = match (&self.command, self.layout) {
            (Some(command), _) => format!("`{command}`"),
            (None, Layout::Crate) => format!("`{}`", self.command_line()),
            (None, Layout::Module) => "the build script, on every build after it changes".into(),
        };
        one_line(&format!(
            "@generated by postgen from `{source_file}`. Do not edit: regenerate with {command}."
        ))
    }

    /// The `postgen generate` command line with this configuration's inputs and options.
    pub fn command_line(&self) -> String {
        let mut words = vec!["postgen".to_string(), "generate".into()];
        words.push(shell_word(&portable(&self.collection)));
        let options = [
            ("--env", self.environment.as_deref().map(portable)),
            ("--name", self.name.clone()),
            ("--out", self.out.as_deref().map(portable)),
            ("--templates", self.templates.as_deref().map(portable)),
            (
                "--required-evidence",
                (self.required_evidence != lower::DEFAULT_REQUIRED_EVIDENCE)
                    .then(|| self.required_evidence.to_string()),
            ),
        ];
        for (flag, value) in options {
            if let Some(value) = value {
                words.push(flag.into());
                words.push(shell_word(&value));
            }
        }
        words.join(" ")
    }
}

/// The files of `prepared`, rendered in memory.
fn in_memory(prepared: Prepared) -> Result<Generated, Error> {
    Ok(Generated {
        scripts: prepared.scripts(),
        files: render::render(prepared.api, &prepared.settings)?,
        crate_name: prepared.crate_name,
        warnings: prepared.warnings,
    })
}

/// The module file's text: the client's `src/api.rs`.
fn module_text(generated: &Generated) -> Result<String, Error> {
    generated
        .files
        .iter()
        .find(|file| file.path == CLIENT_MODULE)
        .map(|file| file.contents.clone())
        .ok_or_else(|| Error::Render {
            template: "client.rs.jinja".into(),
            message: "no client module was rendered".into(),
        })
}

/// `path` as written in a command that works on another machine: relative paths as given (with
/// `/`), absolute ones relative to the current directory when inside it, else the file name.
fn portable(path: &Path) -> String {
    let relative = if path.is_absolute() {
        std::env::current_dir()
            .ok()
            .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
            .or_else(|| path.file_name().map(PathBuf::from))
            .unwrap_or_default()
    } else {
        path.to_path_buf()
    };
    util::slash_path(&relative)
}

/// `word` quoted for a POSIX shell when it needs it.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./+@%,".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// `text` on one line, without control characters or bidi controls: a header comment or a cargo
/// directive ends at a line break, so nothing after one may reach the file or cargo as something
/// else.
fn one_line(text: &str) -> String {
    crate::render::escape::comment_text(text)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn validate_crate_name(name: &str) -> Result<(), Error> {
    let valid = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if valid {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "`{name}` is not a valid crate name: use ASCII letters, digits, `-` and `_`, starting with a letter (set one with --name)"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_names_a_portable_command() {
        let config = Config::new("collections/my api.json");
        assert_eq!(
            config.header("my api.json"),
            "@generated by postgen from `my api.json`. Do not edit: regenerate with `postgen generate 'collections/my api.json'`."
        );
        let config = Config::new("/nowhere/x\ny.json");
        assert_eq!(
            config.header("x\ny.json"),
            "@generated by postgen from `x y.json`. Do not edit: regenerate with `postgen generate 'x y.json'`."
        );
        let config = Config::new("c.json")
            .name("x")
            .environment("envs/prod.json")
            .templates("tpl");
        assert_eq!(
            config.command_line(),
            "postgen generate c.json --env envs/prod.json --name x --templates tpl"
        );
        assert!(
            Config::new("a.json")
                .layout(Layout::Module)
                .header("a.json")
                .ends_with("regenerate with the build script, on every build after it changes.")
        );
    }
}
