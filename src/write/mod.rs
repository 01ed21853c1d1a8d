//! Writing: generated files onto disk, or a check that disk already has them.
//!
//! Everything is rendered in memory before the first byte is written, so bad input never
//! leaves half a crate behind. A file is only written when its content changed (unchanged
//! files keep their modification time, so cargo does not rebuild), and each write goes to a
//! temporary file that is renamed over the old one, so an interrupted run leaves either the old
//! or the new file, never a truncated one.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::render::GeneratedFile;

/// What [`write()`] did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// Files created or changed.
    pub written: Vec<PathBuf>,
    /// Files that already had the right content.
    pub unchanged: Vec<PathBuf>,
}

/// Why a file is stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Staleness {
    Missing,
    Differs,
}

/// A file on disk that differs from what would be generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    pub path: PathBuf,
    pub why: Staleness,
}

/// The on-disk path of a generated file inside `out_dir`.
pub fn target(out_dir: &Path, file: &GeneratedFile) -> PathBuf {
    file.path
        .split('/')
        .fold(out_dir.to_path_buf(), |p, part| p.join(part))
}

/// Writes `files` into `out_dir`, skipping those whose content is already right.
pub fn write(out_dir: &Path, files: &[GeneratedFile]) -> Result<Report, Error> {
    let mut report = Report::default();
    for file in files {
        let path = target(out_dir, file);
        if fs::read(&path).is_ok_and(|old| old == file.contents.as_bytes()) {
            report.unchanged.push(path);
            continue;
        }
        write_atomically(&path, file.contents.as_bytes())?;
        report.written.push(path);
    }
    Ok(report)
}

/// The files in `out_dir` that are missing or differ from `files`. Writes nothing.
pub fn check(out_dir: &Path, files: &[GeneratedFile]) -> Vec<Stale> {
    files
        .iter()
        .filter_map(|file| {
            let path = target(out_dir, file);
            let why = match fs::read(&path) {
                Err(_) => Staleness::Missing,
                Ok(old) if old != file.contents.as_bytes() => Staleness::Differs,
                Ok(_) => return None,
            };
            Some(Stale { path, why })
        })
        .collect()
}

fn write_atomically(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let fail = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(fail)?;
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    temp.write_all(contents).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    temp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile {
            path: path.into(),
            contents: contents.into(),
        }
    }

    #[test]
    fn writes_only_what_changed_and_checks_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let files = [file("Cargo.toml", "a"), file("src/lib.rs", "b")];
        assert_eq!(
            check(dir.path(), &files),
            vec![
                Stale {
                    path: dir.path().join("Cargo.toml"),
                    why: Staleness::Missing
                },
                Stale {
                    path: dir.path().join("src").join("lib.rs"),
                    why: Staleness::Missing
                },
            ]
        );
        assert_eq!(write(dir.path(), &files).unwrap().written.len(), 2);
        let again = write(dir.path(), &files).unwrap();
        assert!(again.written.is_empty());
        assert_eq!(again.unchanged.len(), 2);
        assert!(check(dir.path(), &files).is_empty());
        fs::write(dir.path().join("src/lib.rs"), "edited").unwrap();
        assert_eq!(
            check(dir.path(), &files),
            vec![Stale {
                path: dir.path().join("src").join("lib.rs"),
                why: Staleness::Differs
            }]
        );
    }
}
