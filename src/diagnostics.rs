//! User-facing problems in content: one value per problem, collected over the
//! whole run and printed once at the end.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// How bad a problem is: errors stop the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in the user's files, with a Russian message and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root where possible.
    pub path: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub col: usize,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at `path:line:col`.
    pub fn error(
        path: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line,
            col,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning at `path:line:col`.
    pub fn warning(
        path: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, col, message)
        }
    }

    /// Adds the "how to fix it" line.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        match (self.line, self.col) {
            (0, _) => write!(f, "{path}")?,
            (line, 0) => write!(f, "{path}:{line}")?,
            (line, col) => write!(f, "{path}:{line}:{col}")?,
        }
        let label = match self.severity {
            Severity::Error => "ошибка",
            Severity::Warning => "предупреждение",
        };
        write!(f, ": {label}: {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  подсказка: {hint}")?;
        }
        Ok(())
    }
}

/// A thread-safe collector: loaders running in parallel push into one sink.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Mutex<Vec<Diagnostic>>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&self, d: Diagnostic) {
        self.items.lock().unwrap_or_else(|e| e.into_inner()).push(d);
    }

    pub fn extend(&self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend(ds);
    }

    pub fn has_errors(&self) -> bool {
        self.items
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .any(Diagnostic::is_error)
    }

    /// All problems, sorted by file and position so output is stable.
    pub fn into_sorted(self) -> Vec<Diagnostic> {
        let mut items = self.items.into_inner().unwrap_or_else(|e| e.into_inner());
        items.sort_by(|a, b| {
            (&a.path, a.line, a.col, a.severity, &a.message)
                .cmp(&(&b.path, b.line, b.col, b.severity, &b.message))
        });
        items.dedup();
        items
    }
}

/// Makes `path` relative to `root` for messages; keeps it as is otherwise.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// How to show a site file (`path`, relative to the site `root`) to the
/// person who typed `--root root`: from the folder they stand in
/// (`--root shkola` → `shkola/content/x.md`). A site outside that folder
/// keeps its site-relative paths.
pub fn from_where_user_stands(root: &Path, path: &Path) -> PathBuf {
    let joined = root.join(path);
    let tidy = |p: &Path| -> PathBuf {
        p.components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect()
    };
    if root.is_relative() {
        return tidy(&joined);
    }
    match std::env::current_dir() {
        Ok(cwd) => match joined.strip_prefix(&cwd) {
            Ok(rel) if !rel.as_os_str().is_empty() => tidy(rel),
            _ => path.to_path_buf(),
        },
        Err(_) => path.to_path_buf(),
    }
}

#[cfg(test)]
mod user_path_tests {
    use super::*;

    #[test]
    fn paths_are_shown_from_where_the_user_stands() {
        let p = Path::new("content/practices/x.md");
        assert_eq!(
            from_where_user_stands(Path::new("shkola"), p),
            Path::new("shkola/content/practices/x.md")
        );
        assert_eq!(from_where_user_stands(Path::new("."), p), p);
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(
            from_where_user_stands(&cwd.join("shkola"), p),
            Path::new("shkola/content/practices/x.md")
        );
        // A site elsewhere keeps the paths of the site.
        assert_eq!(
            from_where_user_stands(Path::new("/nowhere-else/site"), p),
            p
        );
    }
}
