//! Helpers shared by the tests that run the `postgen` binary.

// Each test binary compiles its own copy and uses only some of these.
#![allow(dead_code)]

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// Runs `postgen` with `args` from the project root.
pub fn postgen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_postgen"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("postgen runs")
}

/// Runs cargo with `args` in a generated crate, warnings denied, in the target directory the
/// generated crates of these tests share (this test's cargo holds the lock of the workspace's).
pub fn cargo_in(crate_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO"))
        .args(args)
        .current_dir(crate_dir)
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_MANIFEST_DIR")).join("target/generator-tests"),
        )
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        .output()
        .expect("cargo runs")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `collections/zoom.json`, parsed.
pub fn zoom_collection() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("collections/zoom.json");
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// The `src/api.rs` that postgen generates, in memory, for `collection` (written to a temporary
/// file named `name`).
pub fn api_of(collection: &Value, name: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join(name);
    fs::write(&input, collection.to_string()).unwrap();
    let generated = postgen::Config::new(&input).generate().unwrap();
    file_of(&generated, "src/api.rs")
}

/// The contents of the generated file at `path`.
pub fn file_of(generated: &postgen::Generated, path: &str) -> String {
    generated
        .files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} was generated"))
        .contents
        .clone()
}

/// All files below `dir` (temporary ones included), relative, with their contents, sorted.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let relative = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.push((relative, fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}
