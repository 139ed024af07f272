//! The theme: templates and static files embedded in the binary, overridden
//! file by file by a site's own `themes/<name>/`.

use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use crate::diagnostics::{Diagnostic, Diagnostics};

/// The default theme, compiled into the binary so `init` and sites without `themes/` work.
pub static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A theme static file to publish.
pub enum ThemeFile {
    Embedded { rel: String, bytes: &'static [u8] },
    OnDisk { rel: String, abs: PathBuf },
}

/// Loads templates: embedded defaults first, then the site's overrides.
pub fn load(root: &Path, theme: &str, diags: &Diagnostics) -> Option<tera::Tera> {
    let mut templates: Vec<(String, String, String)> = Vec::new(); // (name, text, shown path)
    if let Some(dir) = DEFAULT_THEME.get_dir("templates") {
        for file in dir.files() {
            let name = file.path().strip_prefix("templates").unwrap_or(file.path());
            let text = file.contents_utf8().unwrap_or_default().to_string();
            templates.push((
                name.to_string_lossy().into_owned(),
                text,
                format!("(встроенная тема)/{}", file.path().display()),
            ));
        }
    }
    let site_theme = root.join("themes").join(theme);
    if theme != "default" && !site_theme.is_dir() {
        diags.push(
            Diagnostic::error(
                "site.yaml",
                0,
                0,
                format!("тема «{theme}» не найдена: нет папки themes/{theme}/"),
            )
            .hint("создайте папку темы или уберите поле theme, чтобы использовать встроенную"),
        );
        return None;
    }
    let overrides = site_theme.join("templates");
    if overrides.is_dir() {
        for entry in walkdir::WalkDir::new(&overrides)
            .into_iter()
            .filter_entry(not_hidden)
            .filter_map(Result::ok)
        {
            if !entry.file_type().is_file() || is_editor_leftover(entry.file_name()) {
                continue;
            }
            let name = entry
                .path()
                .strip_prefix(&overrides)
                .unwrap_or(entry.path());
            let name = name.to_string_lossy().replace('\\', "/");
            let shown = crate::diagnostics::display_path(root, entry.path());
            match std::fs::read_to_string(entry.path()) {
                Ok(text) => {
                    templates.retain(|(n, _, _)| n != &name);
                    templates.push((name, text, shown.display().to_string()));
                }
                Err(e) => diags.push(Diagnostic::error(
                    shown,
                    0,
                    0,
                    format!("не удалось прочитать шаблон: {e}"),
                )),
            }
        }
    }
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    let pairs: Vec<(&str, &str)> = templates
        .iter()
        .map(|(n, t, _)| (n.as_str(), t.as_str()))
        .collect();
    if let Err(err) = tera.add_raw_templates(pairs) {
        let text = error_chain(&err);
        let shown = templates
            .iter()
            .find(|(n, _, _)| text.contains(n.as_str()))
            .map(|(_, _, s)| s.clone())
            .unwrap_or_else(|| format!("themes/{theme}/templates"));
        diags.push(
            Diagnostic::error(shown, 0, 0, format!("ошибка в шаблоне: {text}"))
                .hint("проверьте парность {% %} и {{ }} и имена блоков; встроенные шаблоны можно взять за образец: nastavnik init"),
        );
        return None;
    }
    Some(tera)
}

/// Hidden files and folders of a theme (an editor's `.base.html.swp`, `.git/`) are not part of it.
fn not_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
}

/// Backups and autosaves editors leave beside a template: `base.html~`, `#base.html#`.
fn is_editor_leftover(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.ends_with('~') || name.starts_with('#')
}

/// The error with all its causes, for template problems.
pub fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// The theme's static files: embedded ones, replaced by the site theme's files of the same name.
pub fn static_files(root: &Path, theme: &str) -> Vec<ThemeFile> {
    let mut files: Vec<ThemeFile> = Vec::new();
    if let Some(dir) = DEFAULT_THEME.get_dir("static") {
        collect_embedded(dir, &mut files);
    }
    let site_static = root.join("themes").join(theme).join("static");
    if site_static.is_dir() {
        for entry in walkdir::WalkDir::new(&site_static)
            .into_iter()
            .filter_entry(not_hidden)
            .filter_map(Result::ok)
        {
            if !entry.file_type().is_file() || is_editor_leftover(entry.file_name()) {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(&site_static)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            files.retain(|f| match f {
                ThemeFile::Embedded { rel: r, .. } | ThemeFile::OnDisk { rel: r, .. } => r != &rel,
            });
            files.push(ThemeFile::OnDisk {
                rel,
                abs: entry.path().to_path_buf(),
            });
        }
    }
    files
}

fn collect_embedded(dir: &'static Dir<'static>, out: &mut Vec<ThemeFile>) {
    for file in dir.files() {
        let rel = file.path().strip_prefix("static").unwrap_or(file.path());
        out.push(ThemeFile::Embedded {
            rel: rel.to_string_lossy().replace('\\', "/"),
            bytes: file.contents(),
        });
    }
    for sub in dir.dirs() {
        collect_embedded(sub, out);
    }
}
