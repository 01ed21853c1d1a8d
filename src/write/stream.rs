//! Files written, or compared with disk, while they are being formatted: the generated client is
//! never held whole in memory (at 10,000 requests it is 60 MB of text).
//!
//! [`Writer`] streams each file into a temporary file beside its target; only when every file
//! is complete does [`Writer::finish`] compare each with its target and rename the changed ones
//! over theirs, so bad input (or a failure half-way) leaves the previous output as it was, and an
//! unchanged file keeps its modification time. [`Checker`] compares each file with the one on
//! disk as it arrives and writes nothing.

use std::fs::{self, File};
use std::io::{self, BufRead as _, BufReader, BufWriter, Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use tempfile::NamedTempFile;

use super::stage::{self, Staged};
use super::{MARKER, RECORD, Report, Stale, Staleness, read_record, record_text, target};
use crate::error::Error;
use crate::output::{Destination, Sink};

/// Where a writer or checker puts its files.
enum Place {
    /// A crate directory, with its record of the files postgen owns there.
    Crate(PathBuf),
    /// One file (a module for `include!`), whatever the rendered path.
    File(PathBuf),
}

impl Place {
    fn target(&self, relative: &str) -> PathBuf {
        match self {
            Place::Crate(dir) => target(dir, relative),
            Place::File(path) => path.clone(),
        }
    }
}

/// Stages generated files beside their targets as they are made (a [`Destination`]).
pub struct Writer {
    place: Place,
    /// The files to be generated, relative to the crate.
    paths: Vec<String>,
    /// Files generated earlier that are no longer produced.
    obsolete: Vec<String>,
    staged: Mutex<Staged>,
}

impl Writer {
    /// A writer of the files at `paths` into the crate directory `out_dir`. Refuses, before
    /// anything is written, a path that leads out of `out_dir` through a symlink and files that
    /// do not start with the `@generated` header (all of them named at once).
    pub fn crate_dir(out_dir: &Path, paths: &[&str]) -> Result<Writer, Error> {
        let obsolete: Vec<String> = read_record(out_dir)
            .into_iter()
            .filter(|owned| !paths.contains(&owned.as_str()))
            .collect();
        for path in paths
            .iter()
            .copied()
            .chain(obsolete.iter().map(String::as_str))
            .map(|relative| target(out_dir, relative))
            .chain([out_dir.join(RECORD)])
        {
            stage::refuse_escape(out_dir, &path)?;
        }
        // A file without the header is someone's: never generated, or taken over by removing it.
        let foreign: Vec<PathBuf> = paths
            .iter()
            .map(|relative| target(out_dir, relative))
            .filter(|path| is_generated(path) == Some(false))
            .collect();
        if !foreign.is_empty() {
            return Err(Error::Foreign { paths: foreign });
        }
        Ok(Writer {
            place: Place::Crate(out_dir.to_path_buf()),
            paths: paths.iter().map(|p| p.to_string()).collect(),
            obsolete,
            staged: Mutex::default(),
        })
    }

    /// A writer of one file at `path`, whatever path it is opened with.
    pub fn file(path: &Path) -> Writer {
        Writer {
            place: Place::File(path.to_path_buf()),
            paths: Vec::new(),
            obsolete: Vec::new(),
            staged: Mutex::default(),
        }
    }

    /// Once every file is complete: renames the changed ones over their targets, removes files
    /// generated earlier that are no longer produced, and updates the record. `files` are those
    /// this writer opened, in order; a write error in any of them is reported before anything
    /// is renamed.
    pub fn finish(self, files: Vec<Incoming>) -> Result<Report, Error> {
        let mut staged = self
            .staged
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        let mut report = Report::default();
        for file in files {
            let fail = |source| Error::Write {
                path: file.target.clone(),
                source,
            };
            if let Some(error) = file.error {
                return Err(fail(error));
            }
            let temp = file.temp.into_inner().map_err(|e| fail(e.into_error()))?;
            if same_contents(temp.path(), &file.target) {
                // The temporary file is deleted as it is dropped.
                report.unchanged.push(file.target);
                continue;
            }
            temp.as_file().sync_all().map_err(fail)?;
            staged.push(temp, file.target);
        }
        let Place::Crate(dir) = &self.place else {
            report.written.extend(staged.commit()?);
            return Ok(report);
        };
        let record = dir.join(RECORD);
        let new_paths: Vec<&str> = self.paths.iter().map(String::as_str).collect();
        if !self.obsolete.is_empty() {
            // Until the old files are gone the record lists them too, so a run interrupted at any
            // point leaves every file postgen wrote in its record.
            let mut both = new_paths.clone();
            both.extend(self.obsolete.iter().map(String::as_str));
            super::write_if_changed(&record, &record_text(&both), &mut Report::default())?;
        }
        report.written.extend(staged.commit()?);
        for relative in &self.obsolete {
            let path = target(dir, relative);
            match is_generated(&path) {
                Some(true) => {
                    fs::remove_file(&path).map_err(|source| Error::Write {
                        path: path.clone(),
                        source,
                    })?;
                    super::remove_empty_parents(dir, &path);
                    report.removed.push(path);
                }
                Some(false) => report.kept.push(path),
                None => {}
            }
        }
        super::write_if_changed(&record, &record_text(&new_paths), &mut report)?;
        Ok(report)
    }
}

impl Destination for Writer {
    type File = Incoming;

    fn open(&self, path: &str) -> Result<Incoming, Error> {
        let target = self.place.target(path);
        self.staged
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .make_dir_for(&target)?;
        let temp = stage::empty_temp_beside(&target)?;
        Ok(Incoming {
            target,
            temp: BufWriter::with_capacity(1 << 16, temp),
            error: None,
        })
    }
}

/// A file being written beside its target by a [`Writer`].
pub struct Incoming {
    target: PathBuf,
    temp: BufWriter<NamedTempFile>,
    /// The first write error; later text is dropped and the error reported by `finish`.
    error: Option<io::Error>,
}

impl Sink for Incoming {
    fn push_str(&mut self, text: &str) {
        if self.error.is_none()
            && let Err(error) = self.temp.write_all(text.as_bytes())
        {
            self.error = Some(error);
        }
    }
}

/// Compares generated files with the ones on disk as they are made (a [`Destination`]); writes
/// nothing.
pub struct Checker {
    place: Place,
}

impl Checker {
    /// A checker of the crate directory `out_dir`.
    pub fn crate_dir(out_dir: &Path) -> Checker {
        Checker {
            place: Place::Crate(out_dir.to_path_buf()),
        }
    }

    /// A checker of one file at `path`, whatever path it is opened with.
    pub fn file(path: &Path) -> Checker {
        Checker {
            place: Place::File(path.to_path_buf()),
        }
    }

    /// The comparison of the file at `path` (relative to the crate) with the one on disk;
    /// opening never fails: a file that cannot be read is missing.
    pub fn compare(&self, path: &str) -> Compared {
        let target = self.place.target(path);
        Compared {
            relative: path.to_string(),
            old: File::open(&target)
                .ok()
                .map(|file| BufReader::with_capacity(1 << 16, file)),
            same: true,
            buffer: Vec::new(),
            target,
        }
    }

    /// The files that are missing or differ, then (for a crate) those generated earlier that
    /// would be removed and the record. `files` are those this checker opened, in order.
    pub fn finish(self, files: Vec<Compared>) -> Vec<Stale> {
        let paths: Vec<String> = files.iter().map(|file| file.relative.clone()).collect();
        let mut stale: Vec<Stale> = files.into_iter().filter_map(Compared::stale).collect();
        let Place::Crate(dir) = &self.place else {
            return stale;
        };
        for relative in read_record(dir) {
            let path = target(dir, &relative);
            if !paths.contains(&relative) && is_generated(&path) == Some(true) {
                stale.push(Stale {
                    path,
                    why: Staleness::Obsolete,
                });
            }
        }
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        let mut compared = self.compare(RECORD);
        compared.push_str(&record_text(&paths));
        stale.extend(compared.stale());
        stale
    }
}

impl Destination for Checker {
    type File = Compared;

    fn open(&self, path: &str) -> Result<Compared, Error> {
        Ok(self.compare(path))
    }
}

/// A file being compared with the one on disk by a [`Checker`].
pub struct Compared {
    relative: String,
    target: PathBuf,
    /// The file on disk, read as far as the new text has come; `None` when it is missing.
    old: Option<BufReader<File>>,
    /// Whether everything so far was the same.
    same: bool,
    buffer: Vec<u8>,
}

impl Compared {
    /// Why the file is stale, if it is: the file on disk must also end where the new text does.
    fn stale(mut self) -> Option<Stale> {
        let why = match &mut self.old {
            None => Staleness::Missing,
            Some(old) => {
                if self.same && old.fill_buf().is_ok_and(<[u8]>::is_empty) {
                    return None;
                }
                Staleness::Differs
            }
        };
        Some(Stale {
            path: self.target,
            why,
        })
    }
}

impl Sink for Compared {
    fn push_str(&mut self, text: &str) {
        let Some(old) = self.old.as_mut().filter(|_| self.same) else {
            return;
        };
        self.buffer.resize(text.len(), 0);
        self.same = old.read_exact(&mut self.buffer).is_ok() && self.buffer == text.as_bytes();
    }
}

/// Whether the file at `path` starts with postgen's `@generated` header line; `None` when it
/// cannot be read. Only the first line is read.
fn is_generated(path: &Path) -> Option<bool> {
    let file = File::open(path).ok()?;
    let mut first = Vec::new();
    // The header is one short line; a file whose first 64 KiB hold no line break is not ours.
    BufReader::new(file.take(1 << 16))
        .read_until(b'\n', &mut first)
        .ok()?;
    Some(String::from_utf8_lossy(&first).contains(MARKER))
}

/// Whether the files at `a` and `b` both exist with the same bytes, read a block at a time.
fn same_contents(a: &Path, b: &Path) -> bool {
    let (Ok(a), Ok(b)) = (File::open(a), File::open(b)) else {
        return false;
    };
    if !matches!((a.metadata(), b.metadata()), (Ok(x), Ok(y)) if x.len() == y.len()) {
        return false;
    }
    let (mut a, mut b) = (BufReader::new(a), BufReader::new(b));
    loop {
        let (Ok(x), Ok(y)) = (a.fill_buf(), b.fill_buf()) else {
            return false;
        };
        if x.is_empty() || y.is_empty() {
            return x.is_empty() && y.is_empty();
        }
        let n = x.len().min(y.len());
        if x[..n] != y[..n] {
            return false;
        }
        a.consume(n);
        b.consume(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `destination`'s file `path`, given `text` in pieces of `size` bytes.
    fn streamed<D: Destination>(destination: &D, path: &str, text: &str, size: usize) -> D::File {
        let mut file = destination.open(path).unwrap();
        let mut rest = text;
        while !rest.is_empty() {
            let mut cut = size.min(rest.len());
            while !rest.is_char_boundary(cut) {
                cut += 1;
            }
            file.push_str(&rest[..cut]);
            rest = &rest[cut..];
        }
        file
    }

    #[test]
    fn a_check_finds_any_difference_in_streamed_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("api.rs");
        let old = "// @generated by postgen\nfn a() {}\n";
        fs::write(&path, old).unwrap();
        for (new, stale) in [
            (old.to_string(), false),
            // Shorter, longer, and one byte changed near the end.
            (old[..old.len() - 1].to_string(), true),
            (format!("{old}fn b() {{}}\n"), true),
            (old.replace("a()", "b()"), true),
        ] {
            for size in [1, 3, 64] {
                let checker = Checker::file(&path);
                let compared = streamed(&checker, "src/api.rs", &new, size);
                let found = checker.finish(vec![compared]);
                assert_eq!(!found.is_empty(), stale, "{new:?} in pieces of {size}");
            }
        }
        let checker = Checker::file(&dir.path().join("missing.rs"));
        let compared = streamed(&checker, "src/api.rs", old, 8);
        assert_eq!(checker.finish(vec![compared])[0].why, Staleness::Missing);
    }

    #[test]
    fn a_writer_renames_only_changed_files_and_only_at_the_end() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let same = format!("// {MARKER}\nsame\n");
        let writer = Writer::crate_dir(&out, &["a.rs", "sub/b.rs"]).unwrap();
        let a = streamed(&writer, "a.rs", &same, 5);
        let b = streamed(&writer, "sub/b.rs", &same, 5);
        // Nothing is in place before `finish`: only temporary files.
        assert!(!out.join("a.rs").exists() && !out.join("sub/b.rs").exists());
        let report = writer.finish(vec![a, b]).unwrap();
        assert_eq!(report.written.len(), 3, "{report:?}");

        let changed = format!("// {MARKER}\nchanged\n");
        let writer = Writer::crate_dir(&out, &["a.rs", "sub/b.rs"]).unwrap();
        let a = streamed(&writer, "a.rs", &same, 7);
        let b = streamed(&writer, "sub/b.rs", &changed, 7);
        let report = writer.finish(vec![a, b]).unwrap();
        assert_eq!(report.written, [out.join("sub/b.rs")]);
        assert_eq!(report.unchanged, [out.join("a.rs"), out.join(RECORD)]);
        assert_eq!(fs::read_to_string(out.join("sub/b.rs")).unwrap(), changed);

        // Dropped unfinished (generation failed half-way): its files and directories are gone.
        let writer = Writer::crate_dir(&out, &["a.rs", "new/c.rs"]).unwrap();
        let c = streamed(&writer, "new/c.rs", &changed, 7);
        drop(c);
        drop(writer);
        assert!(!out.join("new").exists());
        let left: Vec<_> = fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left.len(), 3, "no temporary file is left: {left:?}");
    }

    #[test]
    fn only_the_first_line_tells_a_generated_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        fs::write(&path, format!("// {MARKER}\nrest")).unwrap();
        assert_eq!(is_generated(&path), Some(true));
        fs::write(&path, format!("mine\n// {MARKER}\n")).unwrap();
        assert_eq!(is_generated(&path), Some(false));
        assert_eq!(is_generated(&dir.path().join("none")), None);
    }
}
