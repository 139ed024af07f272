//! The site's `static/` folder: what it holds, and resolving the file paths
//! content refers to (attachments, document files, photos).

use std::collections::HashMap;
use std::path::{Component, Path};

use super::LoadContext;
use crate::diagnostics::{display_path, Diagnostic, Diagnostics};
use crate::model::{FileRef, StaticFile};
use crate::text::source::Source;

/// Every publishable file under `static/`, keyed by its `/`-separated relative path.
///
/// A symbolic link is published only when it points at a file inside
/// `static/` itself: a link to `../content/mentors/…` would publish a source
/// file, a link elsewhere anything on the machine.
pub fn collect(root: &Path, diags: &Diagnostics) -> HashMap<String, StaticFile> {
    let dir = root.join("static");
    let mut files = HashMap::new();
    if !dir.is_dir() {
        return files;
    }
    let canonical_static = dir.canonicalize().unwrap_or_else(|_| dir.clone());
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    if !canonical_static.starts_with(&canonical_root) {
        diags.push(
            Diagnostic::error(
                "static",
                0,
                0,
                "папка static — ссылка (symlink) за пределы папки сайта",
            )
            .hint("положите файлы в папку static/ внутри папки сайта"),
        );
        return files;
    }
    for entry in walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
    {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        let mut abs = path.to_path_buf();
        if entry.path_is_symlink() && entry.depth() > 0 {
            let refuse = |why: &str| {
                Diagnostic::error(display_path(root, path), 0, 0, why.to_string())
                    .hint("положите в static/ сам файл вместо ссылки на него")
            };
            match path.canonicalize() {
                Ok(target) if !target.starts_with(&canonical_static) => {
                    diags.push(refuse("ссылка (symlink) ведёт за пределы папки static/"));
                    continue;
                }
                Ok(target) if target.is_file() => abs = target,
                Ok(_) => {
                    diags.push(refuse("ссылка (symlink) на папку не поддерживается"));
                    continue;
                }
                Err(_) => {
                    diags.push(refuse("ссылка (symlink) ведёт на несуществующий файл"));
                    continue;
                }
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = path.strip_prefix(&dir) else {
            continue;
        };
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        files.insert(rel.clone(), StaticFile { rel, abs });
    }
    files
}

/// Whether a path written in content could lead out of `static/`: `..`, a
/// leading `/` or `\\`, a drive letter (`C:`), a backslash anywhere.
pub fn escapes_static(written: &str) -> bool {
    let trimmed = written.trim();
    let is_windows_abs = trimmed.len() >= 2
        && trimmed.as_bytes()[1] == b':'
        && trimmed.as_bytes()[0].is_ascii_alphabetic();
    let climbs = Path::new(trimmed).components().any(|c| {
        matches!(
            c,
            Component::ParentDir | Component::RootDir | Component::Prefix(_)
        )
    });
    trimmed.starts_with('/')
        || trimmed.starts_with('\\')
        || is_windows_abs
        || climbs
        || trimmed.contains('\\')
}

/// The key of `written` in the map of [`collect`]: `static/` and `./` dropped.
pub fn normalize(written: &str) -> String {
    let trimmed = written.trim();
    let trimmed = trimmed.strip_prefix("static/").unwrap_or(trimmed);
    trimmed
        .split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .collect::<Vec<_>>()
        .join("/")
}

/// Resolves `written` (relative to `static/`) to a published file, refusing
/// paths that could leave the site.
pub fn resolve(
    ctx: &LoadContext,
    src: &Source,
    key: &str,
    written: &str,
) -> Result<FileRef, Diagnostic> {
    let at = || {
        let (line, col) = src.locate_value(key, written);
        (line, col)
    };
    let trimmed = written.trim();
    if escapes_static(trimmed) {
        let (line, col) = at();
        return Err(Diagnostic::error(
            &src.path,
            line,
            col,
            format!("путь к файлу «{trimmed}» должен вести внутрь папки static/"),
        )
        .hint("укажите путь относительно static/, например files/prikaz.pdf, без «..», «/» в начале и букв дисков"));
    }
    let rel = normalize(trimmed);
    let rel = rel.as_str();
    match ctx.statics.get(rel) {
        Some(file) => {
            let size = std::fs::metadata(&file.abs).map(|m| m.len()).unwrap_or(0);
            Ok(FileRef {
                rel: rel.to_string(),
                size,
            })
        }
        None => {
            let (line, col) = at();
            // `file: a #1.pdf` reads as `a` and a comment: say so.
            let cut_by_comment = line
                .checked_sub(src.yaml_line)
                .and_then(|i| src.yaml.lines().nth(i))
                .is_some_and(|l| l.contains(" #") && !l.contains('"') && !l.contains('\''));
            if cut_by_comment {
                return Err(Diagnostic::error(
                    &src.path,
                    line,
                    col,
                    format!("файл «{rel}» не найден в папке static/: часть пути после « #» прочитана как комментарий"),
                )
                .hint("заключите путь в кавычки: file: \"files/отчёт #1.pdf\""));
            }
            let name = rel.rsplit('/').next().unwrap_or(rel);
            let similar: Vec<&str> = ctx
                .statics
                .keys()
                .filter(|k| {
                    k.rsplit('/').next() == Some(name)
                        || k.starts_with(rel.split('/').next().unwrap_or(""))
                })
                .map(String::as_str)
                .take(3)
                .collect();
            let hint = if similar.is_empty() {
                format!("положите файл в static/{rel} или исправьте путь")
            } else {
                let mut similar = similar;
                similar.sort();
                format!(
                    "положите файл в static/{rel} или исправьте путь; похожие файлы: {}",
                    similar.join(", ")
                )
            };
            Err(Diagnostic::error(
                &src.path,
                line,
                col,
                format!("файл «{rel}» не найден в папке static/"),
            )
            .hint(hint))
        }
    }
}
