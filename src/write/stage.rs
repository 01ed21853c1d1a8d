//! Writing files so that a reader, or the next run after a crash, sees the old content or the
//! new, never a mix: each file goes to a temporary file beside its target and is renamed over it;
//! a set of files is staged completely before the first rename. And nothing is written through a
//! symlink that leads out of the output directory.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::error::Error;

/// Writes `contents` to a temporary file beside `path` and renames it over `path`: a reader (or
/// an interrupted run) sees the old file or the new one, never a part of it.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<(), Error> {
    write_atomically_with(path, |file| file.write_all(contents))
}

/// [`write_atomically`] with the content written by `fill`; if `fill` fails, `path` is left as
/// it was and the temporary file is deleted.
pub(super) fn write_atomically_with(
    path: &Path,
    fill: impl FnOnce(&mut fs::File) -> std::io::Result<()>,
) -> Result<(), Error> {
    let fail = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(fail)?;
    let temp = temp_beside(path, fill)?;
    temp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// A temporary file in `path`'s directory, filled by `fill` and synced to disk; deleted when
/// dropped without being persisted.
fn temp_beside(
    path: &Path,
    fill: impl FnOnce(&mut fs::File) -> std::io::Result<()>,
) -> Result<NamedTempFile, Error> {
    let fail = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut temp = empty_temp_beside(path)?;
    fill(temp.as_file_mut()).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    Ok(temp)
}

/// An empty temporary file in `path`'s directory (which must exist), to be filled and renamed
/// over `path`; deleted when dropped without being persisted.
pub(super) fn empty_temp_beside(path: &Path) -> Result<NamedTempFile, Error> {
    let dir = path.parent().unwrap_or(Path::new("."));
    // Named so that one left by a killed run is recognisable; with the mode of the file it
    // replaces, or a normal file's (temporary files are private by default).
    let mut builder = tempfile::Builder::new();
    builder.prefix(".postgen-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        builder.permissions(fs::Permissions::from_mode(mode));
    }
    builder.tempfile_in(dir).map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// Files written beside their targets, not yet renamed over them. Dropped without
/// [`commit`](Staged::commit), it deletes them and the directories it created.
#[derive(Default)]
pub(super) struct Staged {
    files: Vec<(NamedTempFile, PathBuf)>,
    /// Directories created for staged files, outermost first.
    created: Vec<PathBuf>,
}

impl Staged {
    /// Creates the directories `path` needs, to be removed again if nothing is committed.
    pub(super) fn make_dir_for(&mut self, path: &Path) -> Result<(), Error> {
        let dir = path.parent().unwrap_or(Path::new("."));
        let mut missing = Vec::new();
        let mut current = Some(dir);
        while let Some(d) = current.filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
            missing.push(d.to_path_buf());
            current = d.parent();
        }
        fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: path.to_path_buf(),
            source,
        })?;
        self.created.extend(missing.into_iter().rev());
        Ok(())
    }

    /// `temp`, already filled and synced, is to replace `path`.
    pub(super) fn push(&mut self, temp: NamedTempFile, path: PathBuf) {
        self.files.push((temp, path));
    }

    /// Renames every staged file over its target; returns the targets.
    pub(super) fn commit(mut self) -> Result<Vec<PathBuf>, Error> {
        let mut written = Vec::new();
        for (temp, path) in std::mem::take(&mut self.files) {
            temp.persist(&path).map_err(|e| Error::Write {
                path: path.clone(),
                source: e.error,
            })?;
            written.push(path);
        }
        self.created.clear();
        Ok(written)
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        // Deletes the temporary files, then the directories made for them, innermost first.
        self.files.clear();
        for dir in self.created.iter().rev() {
            let _ = fs::remove_dir(dir);
        }
    }
}

/// Refuses `path` (inside `out_dir`) when one of its components is a symlink that leads outside
/// `out_dir` (or nowhere): writing through it would put files elsewhere.
pub(super) fn refuse_escape(out_dir: &Path, path: &Path) -> Result<(), Error> {
    let Ok(root) = out_dir.canonicalize() else {
        // The output directory does not exist yet: nothing in it can be a symlink.
        return Ok(());
    };
    let relative = path.strip_prefix(out_dir).unwrap_or(path);
    let mut current = out_dir.to_path_buf();
    for part in relative.components() {
        current.push(part);
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let inside = current
                    .canonicalize()
                    .is_ok_and(|resolved| resolved.starts_with(&root));
                if !inside {
                    return Err(Error::Escape {
                        path: current,
                        out_dir: out_dir.to_path_buf(),
                    });
                }
            }
            Ok(_) => {}
            // Missing: nothing below it exists either.
            Err(_) => break,
        }
    }
    Ok(())
}
