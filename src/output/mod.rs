//! Pages → files, atomically. The new site is written into a staging folder
//! beside the output (the previous-but-one generation, reused so unchanged
//! files cost a read, not a create), then swapped with the output in one
//! `renameat2(RENAME_EXCHANGE)`. A failed or killed build never touches the
//! live output; nothing outside the output and its staging folder is deleted.

pub mod export;
pub mod feeds;
pub mod file;
pub mod kpi;
pub mod metadata;

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::{bail, Context, Result};
use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::model::Site;
pub use file::{static_outputs, Collect, OutputFile, Sink};

/// The marker that tells a folder was made by nastavnik (and may be replaced).
pub const MARKER: &str = ".nastavnik";

/// What the marker file says.
pub const MARKER_TEXT: &str = "Создано nastavnik; эту папку можно удалить.\n";

/// What a write did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// The files made from the whole site rather than one page: sitemap, robots,
/// RSS, the bundle and the KPI exports. `html_paths` are every HTML page's file.
pub fn site_files(site: &Site, html_paths: &[&str]) -> Vec<OutputFile> {
    // The bundle takes longest; the others are made meanwhile.
    let (bundle, mut files) = rayon::join(
        || export::bundle(site),
        || {
            let mut files = vec![
                feeds::sitemap(site, html_paths),
                feeds::robots(site),
                feeds::rss(site),
            ];
            if let Some(k) = &site.kpi {
                files.push(kpi::csv(k));
                files.push(kpi::json(k));
            }
            files
        },
    );
    files.insert(3, bundle);
    files
}

/// The staging folder used for `output`.
pub fn staging_dir(output: &Path) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    output.with_file_name(format!(".nastavnik-staging-{name}"))
}

/// Whether `dir` may be replaced: absent, empty, or made by nastavnik.
pub fn is_replaceable(dir: &Path) -> bool {
    match fs::read_dir(dir) {
        Err(_) => true,
        Ok(mut entries) => entries.next().is_none() || dir.join(MARKER).is_file(),
    }
}

/// The next generation of the site, filled file by file while pages render,
/// then swapped in by [`Staging::commit`]. Dropped without commit, it leaves
/// the live output untouched (and is reused by the next build).
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    wanted: Mutex<HashSet<PathBuf>>,
    written: AtomicUsize,
    unchanged: AtomicUsize,
}

impl Staging {
    /// Prepares the staging folder beside `output`, refusing folders nastavnik did not make.
    pub fn open(output: &Path) -> Result<Staging> {
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent)
            .with_context(|| format!("не удалось создать папку {}", parent.display()))?;
        if output.exists() && !is_replaceable(output) {
            bail!(
                "папка {} не пуста и создана не nastavnik — она не будет заменена; укажите другую папку (--output) или очистите эту вручную",
                output.display()
            );
        }
        let dir = staging_dir(output);
        if dir.exists() && !is_replaceable(&dir) {
            bail!(
                "служебная папка {} занята чужими файлами; удалите её вручную",
                dir.display()
            );
        }
        fs::create_dir_all(&dir)
            .with_context(|| format!("не удалось создать папку {}", dir.display()))?;
        fs::write(dir.join(MARKER), MARKER_TEXT)?;
        let mut wanted = HashSet::new();
        wanted.insert(PathBuf::from(MARKER));
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
            wanted: Mutex::new(wanted),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
        })
    }

    /// Writes one file unless the same bytes are already there.
    pub fn put_file(&self, file: &OutputFile) -> Result<()> {
        let rel = Path::new(file.path());
        self.wanted
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_path_buf());
        let target = self.dir.join(rel);
        let bytes = file.bytes().with_context(|| {
            let from = file.source().unwrap_or(rel);
            format!("не удалось прочитать {}", from.display())
        })?;
        if same_content(&target, &bytes) {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        make_room(&self.dir, rel)?;
        fs::write(&target, &bytes)
            .with_context(|| format!("не удалось записать {}", target.display()))?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Removes what the new generation does not have and swaps it in place of the output.
    pub fn commit(self) -> Result<WriteStats> {
        let wanted = self.wanted.into_inner().unwrap_or_else(|e| e.into_inner());
        let removed = remove_stale(&self.dir, &wanted)?;
        swap(&self.dir, &self.output)?;
        Ok(WriteStats {
            written: self.written.into_inner(),
            unchanged: self.unchanged.into_inner(),
            removed,
        })
    }
}

impl Sink for Staging {
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self.put_file(&file).map_err(|e| {
            Diagnostic::error(
                &self.output,
                0,
                0,
                format!("не удалось записать сайт: {e:#}"),
            )
        })
    }
}

/// Writes `files` as the new content of `output`, atomically.
pub fn write_site(output: &Path, files: &[OutputFile]) -> Result<WriteStats> {
    let staging = Staging::open(output)?;
    files.par_iter().try_for_each(|f| staging.put_file(f))?;
    staging.commit()
}

/// Creates the folders of `rel` inside `dir`, clearing a stale file that stands
/// where a folder must go, or a stale folder where the file must go.
pub(crate) fn make_room(dir: &Path, rel: &Path) -> Result<()> {
    let target = dir.join(rel);
    if target.is_dir() {
        fs::remove_dir_all(&target)?;
    }
    let Some(parent) = target.parent() else {
        return Ok(());
    };
    if fs::create_dir_all(parent).is_ok() {
        return Ok(());
    }
    let mut prefix = dir.to_path_buf();
    for component in rel.parent().into_iter().flat_map(Path::components) {
        prefix.push(component);
        if prefix.is_file() {
            fs::remove_file(&prefix)?;
        }
    }
    fs::create_dir_all(parent)
        .with_context(|| format!("не удалось создать папку {}", parent.display()))?;
    Ok(())
}

fn remove_stale(dir: &Path, wanted: &HashSet<PathBuf>) -> Result<usize> {
    let wanted_dirs: HashSet<&Path> = wanted
        .iter()
        .flat_map(|p| p.ancestors().skip(1))
        .filter(|a| !a.as_os_str().is_empty())
        .collect();
    let mut removed = 0;
    for entry in walkdir::WalkDir::new(dir).min_depth(1).contents_first(true) {
        let entry = entry?;
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        if entry.file_type().is_dir() {
            if !wanted_dirs.contains(rel) {
                // Its files were visited (and removed) first; what remains is kept.
                let _ = fs::remove_dir(entry.path());
            }
        } else if !wanted.contains(rel) {
            fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

fn same_content(target: &Path, bytes: &[u8]) -> bool {
    match fs::metadata(target) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {
            fs::read(target).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}

/// Puts `staging` in place of `output`; the old output becomes the next staging folder.
fn swap(staging: &Path, output: &Path) -> Result<()> {
    if !output.exists() {
        fs::rename(staging, output)
            .with_context(|| format!("не удалось создать {}", output.display()))?;
        return Ok(());
    }
    match exchange(staging, output) {
        Ok(()) => Ok(()),
        Err(_) => {
            // No atomic exchange on this file system: three renames, the window is tiny.
            let old = output.with_file_name(format!(
                ".nastavnik-old-{}",
                output
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
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
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "no atomic exchange",
    ))
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
        write_site(
            &out,
            &[bytes("index.html", "a"), bytes("x/index.html", "x")],
        )
        .unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "a");
        write_site(
            &out,
            &[bytes("index.html", "a"), bytes("x/index.html", "x")],
        )
        .unwrap();
        // The third build reuses the first generation as its staging folder.
        let stats = write_site(
            &out,
            &[
                bytes("index.html", "b"),
                bytes("x/index.html", "x"),
                bytes("y/index.html", "y"),
            ],
        )
        .unwrap();
        assert_eq!(stats.written, 2, "{stats:?}");
        assert_eq!(stats.unchanged, 1);
        let stats = write_site(
            &out,
            &[bytes("index.html", "b"), bytes("y/index.html", "y")],
        )
        .unwrap();
        // Generations alternate: this one reuses the second ({a, x}).
        assert_eq!(
            (stats.written, stats.unchanged, stats.removed),
            (2, 0, 1),
            "{stats:?}"
        );
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
        assert_eq!(
            fs::read_to_string(out.join("a/index.html")).unwrap(),
            "folder"
        );
    }

    #[test]
    fn foreign_folders_are_not_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("docs");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("thesis.docx"), "precious").unwrap();
        assert!(write_site(&out, &[bytes("index.html", "a")]).is_err());
        assert_eq!(
            fs::read_to_string(out.join("thesis.docx")).unwrap(),
            "precious"
        );
    }
}
