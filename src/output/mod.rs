//! Pages → files, atomically. The new site is written into a staging folder
//! beside the output (the previous-but-one generation, reused so unchanged
//! files cost a read, not a create), then swapped with the output in one
//! `renameat2(RENAME_EXCHANGE)`. A failed or killed build never touches the
//! live output; nothing outside the output and its staging folder is deleted.

pub mod export;
pub mod feeds;

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use rayon::prelude::*;

use crate::render::OutputFile;

/// The marker that tells a folder was made by nastavnik (and may be replaced).
pub const MARKER: &str = ".nastavnik";

/// What a write did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// The staging folder used for `output`.
pub fn staging_dir(output: &Path) -> PathBuf {
    let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    output.with_file_name(format!(".nastavnik-staging-{name}"))
}

/// Whether `dir` may be replaced: absent, empty, or made by nastavnik.
pub fn is_replaceable(dir: &Path) -> bool {
    match fs::read_dir(dir) {
        Err(_) => true,
        Ok(mut entries) => entries.next().is_none() || dir.join(MARKER).is_file(),
    }
}

/// Writes `files` as the new content of `output`, atomically.
pub fn write_site(output: &Path, files: &[OutputFile]) -> Result<WriteStats> {
    let parent = output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(parent).with_context(|| format!("не удалось создать папку {}", parent.display()))?;
    if output.exists() && !is_replaceable(output) {
        bail!(
            "папка {} не пуста и создана не nastavnik — она не будет заменена; укажите другую папку (--output) или очистите эту вручную",
            output.display()
        );
    }
    let staging = staging_dir(output);
    if staging.exists() && !is_replaceable(&staging) {
        bail!(
            "служебная папка {} занята чужими файлами; удалите её вручную",
            staging.display()
        );
    }
    fs::create_dir_all(&staging).with_context(|| format!("не удалось создать папку {}", staging.display()))?;
    fs::write(staging.join(MARKER), "Создано nastavnik; эту папку можно удалить.\n")?;

    let stats = fill(&staging, files)?;
    swap(&staging, output)?;
    Ok(stats)
}

/// Makes `dir` hold exactly `files` (plus the marker), rewriting only what changed.
fn fill(dir: &Path, files: &[OutputFile]) -> Result<WriteStats> {
    let mut wanted: HashSet<PathBuf> = files.iter().map(|f| PathBuf::from(f.path())).collect();
    wanted.insert(PathBuf::from(MARKER));
    let mut dirs: Vec<PathBuf> = wanted
        .iter()
        .filter_map(|p| p.parent().map(Path::to_path_buf))
        .filter(|p| !p.as_os_str().is_empty())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    dirs.sort();

    // Remove what the new generation does not have first, so files and folders
    // may trade places (a stale file where a folder must go).
    let removed = remove_stale(dir, &wanted, &dirs)?;
    for d in &dirs {
        fs::create_dir_all(dir.join(d)).with_context(|| format!("не удалось создать папку {}", d.display()))?;
    }
    let results: Vec<Result<bool>> = files.par_iter().map(|f| write_if_changed(dir, f)).collect();
    let mut stats = WriteStats {
        removed,
        ..WriteStats::default()
    };
    for r in results {
        if r? {
            stats.written += 1;
        } else {
            stats.unchanged += 1;
        }
    }
    Ok(stats)
}

fn remove_stale(dir: &Path, wanted: &HashSet<PathBuf>, dirs: &[PathBuf]) -> Result<usize> {
    let wanted_dirs: HashSet<&Path> = dirs
        .iter()
        .flat_map(|d| d.ancestors())
        .filter(|a| !a.as_os_str().is_empty())
        .collect();
    let mut removed = 0;
    let mut stale_dirs = Vec::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1).contents_first(true) {
        let entry = entry?;
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        if entry.file_type().is_dir() {
            if !wanted_dirs.contains(rel) {
                stale_dirs.push(entry.path().to_path_buf());
            }
        } else if !wanted.contains(rel) {
            fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    for d in stale_dirs {
        // Contents were removed above (contents_first); a leftover means a file we keep.
        let _ = fs::remove_dir(&d);
    }
    Ok(removed)
}

/// Writes one file unless the same bytes are already there; true when written.
fn write_if_changed(dir: &Path, file: &OutputFile) -> Result<bool> {
    let target = dir.join(file.path());
    let write = |bytes: &[u8]| -> Result<bool> {
        if same_content(&target, bytes) {
            return Ok(false);
        }
        fs::write(&target, bytes).with_context(|| format!("не удалось записать {}", target.display()))?;
        Ok(true)
    };
    match file {
        OutputFile::Bytes { bytes, .. } => write(bytes),
        OutputFile::Static { bytes, .. } => write(bytes),
        OutputFile::Copy { from, .. } => {
            let bytes = fs::read(from).with_context(|| format!("не удалось прочитать {}", from.display()))?;
            write(&bytes)
        }
    }
}

fn same_content(target: &Path, bytes: &[u8]) -> bool {
    match fs::metadata(target) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => fs::read(target).is_ok_and(|old| old == bytes),
        _ => false,
    }
}

/// Puts `staging` in place of `output`; the old output becomes the next staging folder.
fn swap(staging: &Path, output: &Path) -> Result<()> {
    if !output.exists() {
        fs::rename(staging, output).with_context(|| format!("не удалось создать {}", output.display()))?;
        return Ok(());
    }
    match exchange(staging, output) {
        Ok(()) => Ok(()),
        Err(_) => {
            // No atomic exchange on this file system: three renames, the window is tiny.
            let old = output.with_file_name(format!(
                ".nastavnik-old-{}",
                output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
            ));
            if old.exists() && is_replaceable(&old) {
                fs::remove_dir_all(&old)?;
            }
            fs::rename(output, &old)?;
            fs::rename(staging, output)?;
            fs::rename(&old, staging)?;
            Ok(())
        }
    }
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes())?;
    let cb = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::new(io::ErrorKind::Unsupported, "no atomic exchange"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(path: &str, s: &str) -> OutputFile {
        OutputFile::Bytes {
            path: path.into(),
            bytes: s.as_bytes().to_vec(),
        }
    }

    #[test]
    fn rebuild_rewrites_only_changes_and_removes_stale() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_site(&out, &[bytes("index.html", "a"), bytes("x/index.html", "x")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "a");
        write_site(&out, &[bytes("index.html", "a"), bytes("x/index.html", "x")]).unwrap();
        // The third build reuses the first generation as its staging folder.
        let stats = write_site(&out, &[bytes("index.html", "b"), bytes("x/index.html", "x"), bytes("y/index.html", "y")]).unwrap();
        assert_eq!(stats.written, 2, "{stats:?}");
        assert_eq!(stats.unchanged, 1);
        let stats = write_site(&out, &[bytes("index.html", "b"), bytes("y/index.html", "y")]).unwrap();
        // Generations alternate: this one reuses the second ({a, x}).
        assert_eq!((stats.written, stats.unchanged, stats.removed), (2, 0, 1), "{stats:?}");
        assert!(!out.join("x").exists());
        assert_eq!(fs::read_to_string(out.join("y/index.html")).unwrap(), "y");
        assert!(out.join(MARKER).is_file());
    }

    #[test]
    fn a_file_may_become_a_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_site(&out, &[bytes("a", "file")]).unwrap();
        write_site(&out, &[bytes("b", "file")]).unwrap();
        write_site(&out, &[bytes("a/index.html", "folder")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "folder");
    }

    #[test]
    fn foreign_folders_are_not_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("docs");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("thesis.docx"), "precious").unwrap();
        assert!(write_site(&out, &[bytes("index.html", "a")]).is_err());
        assert_eq!(fs::read_to_string(out.join("thesis.docx")).unwrap(), "precious");
    }
}
