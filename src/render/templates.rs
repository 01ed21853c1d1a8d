//! The built-in templates and the user's overrides of them (`--templates DIR`).
//!
//! Templates are embedded in the binary, so postgen works from any directory. An override
//! directory holds files named like built-in templates (`endpoint.rs.jinja`,
//! `runtime/send.rs.jinja`, ...); each replaces the template of that name. A file that matches no
//! template is an error, so a typo cannot silently leave the built-in one in place.

use std::path::{Path, PathBuf};

use crate::error::Error;

/// The built-in templates, by name.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "Cargo.toml.jinja",
        include_str!("../../templates/Cargo.toml.jinja"),
    ),
    ("lib.rs.jinja", include_str!("../../templates/lib.rs.jinja")),
    ("api.rs.jinja", include_str!("../../templates/api.rs.jinja")),
    (
        "client.rs.jinja",
        include_str!("../../templates/client.rs.jinja"),
    ),
    (
        "runtime.rs.jinja",
        include_str!("../../templates/runtime.rs.jinja"),
    ),
    (
        "runtime/config.rs.jinja",
        include_str!("../../templates/runtime/config.rs.jinja"),
    ),
    (
        "runtime/fields.rs.jinja",
        include_str!("../../templates/runtime/fields.rs.jinja"),
    ),
    (
        "runtime/request.rs.jinja",
        include_str!("../../templates/runtime/request.rs.jinja"),
    ),
    (
        "runtime/send.rs.jinja",
        include_str!("../../templates/runtime/send.rs.jinja"),
    ),
    (
        "runtime/response.rs.jinja",
        include_str!("../../templates/runtime/response.rs.jinja"),
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

/// A user's template replacing the built-in one of the same name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    /// The built-in template's name, e.g. `endpoint.rs.jinja`.
    pub name: String,
    /// The file it was read from, named in errors.
    pub file: PathBuf,
    pub source: String,
}

/// Reads every `*.jinja` file under `dir` as an override, in name order.
pub fn overrides(dir: &Path) -> Result<Vec<Override>, Error> {
    let mut found = Vec::new();
    collect(dir, dir, &mut found)?;
    found.sort_by(|a, b| a.name.cmp(&b.name));
    let unknown: Vec<&Override> = found
        .iter()
        .filter(|o| !TEMPLATES.iter().any(|(name, _)| *name == o.name))
        .collect();
    if let Some(first) = unknown.first() {
        let names: Vec<&str> = TEMPLATES.iter().map(|(name, _)| *name).collect();
        return Err(Error::Usage(format!(
            "{}: `{}` is not a postgen template; the templates are: {}",
            first.file.display(),
            first.name,
            names.join(", ")
        )));
    }
    Ok(found)
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
        } else if path.extension().is_some_and(|e| e == "jinja") {
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
