//! Small helpers shared by several layers.

use std::path::Path;

/// Joins a JSON location and a field name.
pub fn at(base: &str, field: &str) -> String {
    if base.is_empty() {
        field.to_string()
    } else {
        format!("{base}.{field}")
    }
}

/// `path` with `/` separators, as generated files and the record of owned files name paths.
pub fn slash_path(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}
