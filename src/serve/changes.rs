//! Which part of the site a changed path belongs to, and which paths are
//! editors' leftovers that change nothing.

use std::path::{Component, Path};

/// What a changed path means for the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Not read by the site: `public/`, hidden files, editors' temporary files, other themes.
    Ignored,
    /// `site.yaml`.
    Config,
    /// A file of the theme in use (`themes/<name>/`).
    Theme,
    /// `static/`.
    Static,
    /// Anything under `content/practices/`.
    Practice,
    /// Other content and `data/`.
    Content,
}

/// Classifies `path` (absolute, under `root`) for the site using `theme`.
pub fn classify(root: &Path, theme: &str, path: &Path) -> Change {
    let Ok(rel) = path.strip_prefix(root) else {
        return Change::Ignored;
    };
    let parts: Vec<&str> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect();
    let Some(name) = parts.last() else {
        return Change::Ignored;
    };
    // The loaders skip hidden files and folders; so do we.
    if parts.iter().any(|p| p.starts_with('.')) || is_temp_file(name) {
        return Change::Ignored;
    }
    match parts.as_slice() {
        ["site.yaml"] => Change::Config,
        ["themes", t, ..] if *t == theme => Change::Theme,
        // The folder itself appearing or vanishing.
        ["themes"] => Change::Theme,
        ["static", ..] => Change::Static,
        ["content", "practices", _, ..] => Change::Practice,
        ["content", ..] | ["data", ..] => Change::Content,
        _ => Change::Ignored,
    }
}

/// Files editors write beside the real one while saving: vim's swap and
/// backup files and its `4913` probe, emacs's `#…#` and `.#…` locks, gedit's
/// `.goutputstream-*`, JetBrains' `___jb_tmp___`, Kate's swap, Office's `~$…`.
pub fn is_temp_file(name: &str) -> bool {
    let lower = name.to_lowercase();
    name == "4913"
        || name.ends_with('~')
        || name.starts_with('#')
        || name.starts_with(".#")
        || name.starts_with("~$")
        || name.starts_with(".goutputstream-")
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || [
            ".swp",
            ".swo",
            ".swx",
            ".swpx",
            ".kate-swp",
            ".tmp",
            ".bck",
            ".crdownload",
            ".part",
        ]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editors_leftovers_are_temporary() {
        for name in [
            "x.md~",
            ".x.md.swp",
            ".x.md.swx",
            "4913",
            "#x.md#",
            ".#x.md",
            ".goutputstream-ABC123",
            "x.md___jb_tmp___",
            "~$report.docx",
            "x.md.kate-swp",
        ] {
            assert!(is_temp_file(name), "{name}");
        }
        for name in [
            "x.md",
            "Ёлка желаний.md",
            "report.docx",
            "site.yaml",
            "49130.md",
        ] {
            assert!(!is_temp_file(name), "{name}");
        }
    }

    #[test]
    fn paths_are_sorted_into_parts_of_the_site() {
        let root = Path::new("/site");
        let c = |p: &str| classify(root, "default", &root.join(p));
        assert_eq!(c("site.yaml"), Change::Config);
        assert_eq!(c("themes/default/templates/base.html"), Change::Theme);
        assert_eq!(c("themes/other/templates/base.html"), Change::Ignored);
        assert_eq!(c("static/files/a.pdf"), Change::Static);
        assert_eq!(c("content/practices/a.md"), Change::Practice);
        assert_eq!(c("content/practices/sub/a.md"), Change::Practice);
        assert_eq!(c("content/practices"), Change::Content);
        assert_eq!(c("content/news/a.md"), Change::Content);
        assert_eq!(c("content/_index.md"), Change::Content);
        assert_eq!(c("data/kpi.yaml"), Change::Content);
        assert_eq!(c("public/index.html"), Change::Ignored);
        assert_eq!(c("content/practices/.a.md.swp"), Change::Ignored);
        assert_eq!(c("content/practices/a.md~"), Change::Ignored);
        assert_eq!(c(".git/index"), Change::Ignored);
        assert_eq!(c("README.md"), Change::Ignored);
        assert_eq!(
            classify(root, "default", Path::new("/elsewhere/x.md")),
            Change::Ignored
        );
    }
}
