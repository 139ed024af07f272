//! nastavnik: builds the «Наставничество» section of a Russian school or
//! district website from Markdown and YAML.
//!
//! The pipeline flows one way: [`load`] (files → [`model::Site`]) →
//! [`render`] (site → pages in memory) → [`output`] (pages → `public/`, atomically),
//! over leaves that know nothing of the site ([`text`], [`diagnostics`]).
//! A module never imports from a layer above it: the table of layers is in
//! `tests/testsuite/layers.rs`, the picture in `docs/architecture.md`.

pub mod bundle;
pub mod config;
pub mod diagnostics;
pub mod import;
pub mod load;
pub mod model;
pub mod office;
pub mod output;
pub mod render;
pub mod routes;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod text;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use diagnostics::{Diagnostic, Diagnostics, Severity};
use output::{Collect, OutputFile, Sink};
use rayon::prelude::*;

/// What to build and for which day.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site folder (with `site.yaml`).
    pub root: PathBuf,
    /// Where to put the site; `root/public` by default.
    pub output: Option<PathBuf>,
    /// "Today" for deadlines, contest status and consents.
    pub today: NaiveDate,
    /// Treat held-back personal data and other warnings as errors.
    pub strict: bool,
}

impl Options {
    /// The output folder this build writes.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// The result of a build or check.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Every problem found, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// Files written (`build` only, on success).
    pub stats: Option<output::WriteStats>,
    /// Number of HTML pages produced.
    pub pages: usize,
}

impl Outcome {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Loads the site and renders every file into `sink`; returns the number of
/// HTML pages and every problem found.
pub fn render_into(opts: &Options, sink: &dyn Sink) -> (usize, Vec<Diagnostic>) {
    let diags = Diagnostics::new();
    let mut pages = 0;
    if let Some(site) = load::load_site(&opts.root, opts.today, &diags) {
        let html = render::render_site(&site, &opts.root, &diags, &|page| {
            sink.put(OutputFile::from(page))
        });
        pages = html.len();
        output::static_outputs(&site, &opts.root)
            .into_par_iter()
            .for_each(|f| {
                if let Err(d) = sink.put(f) {
                    diags.push(d);
                }
            });
        let paths: Vec<&str> = html.iter().map(String::as_str).collect();
        for file in output::site_files(&site, &paths) {
            if let Err(d) = sink.put(file) {
                diags.push(d);
            }
        }
    }
    let mut problems = diags.into_sorted();
    if opts.strict {
        for d in &mut problems {
            d.severity = Severity::Error;
        }
    }
    (pages, problems)
}

/// The whole build in memory, nothing written (for tests and previews).
pub fn render_all(opts: &Options) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let sink = Collect::default();
    let (_, problems) = render_into(opts, &sink);
    let mut files = sink.0.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_by(|a, b| a.path().cmp(b.path()));
    (files, problems)
}

/// Counts files and drops them.
struct Discard;

impl Sink for Discard {
    fn put(&self, _file: OutputFile) -> Result<(), Diagnostic> {
        Ok(())
    }
}

/// Everything `build` validates, nothing written.
pub fn check(opts: &Options) -> Outcome {
    let (pages, diagnostics) = render_into(opts, &Discard);
    Outcome {
        pages,
        diagnostics,
        stats: None,
    }
}

/// Builds the site into the output folder; the old output stays untouched unless all succeeded.
pub fn build(opts: &Options) -> Outcome {
    let out = opts.output_dir();
    if let Err(d) = check_output_dir(&opts.root, &out) {
        return Outcome {
            diagnostics: vec![d],
            ..Outcome::default()
        };
    }
    if !opts.root.join("site.yaml").is_file() {
        // Nothing to build: report why without touching the output's surroundings.
        return check(opts);
    }
    let staging = match output::Staging::open(&out) {
        Ok(s) => s,
        Err(e) => {
            return Outcome {
                diagnostics: vec![Diagnostic::error(&out, 0, 0, format!("{e:#}"))],
                ..Outcome::default()
            }
        }
    };
    let (pages, mut diagnostics) = render_into(opts, &staging);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Outcome {
            diagnostics,
            stats: None,
            pages,
        };
    }
    match staging.commit() {
        Ok(stats) => Outcome {
            diagnostics,
            stats: Some(stats),
            pages,
        },
        Err(e) => {
            diagnostics.push(Diagnostic::error(
                &out,
                0,
                0,
                format!("не удалось записать сайт: {e:#}"),
            ));
            Outcome {
                diagnostics,
                stats: None,
                pages,
            }
        }
    }
}

/// Refuses output folders whose replacement would lose the user's files.
pub fn check_output_dir(root: &Path, out: &Path) -> Result<(), Diagnostic> {
    let root_abs = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let out_abs = absolute(out);
    let refuse = |why: &str| {
        Err(Diagnostic::error(
            out,
            0,
            0,
            format!("нельзя собирать сайт в папку {}: {why}", out.display()),
        )
        .hint("укажите отдельную папку для результата, например --output public"))
    };
    if out_abs.parent().is_none() {
        return refuse("это корень файловой системы");
    }
    if out_abs == root_abs {
        return refuse("это папка самого сайта");
    }
    if root_abs.starts_with(&out_abs) {
        return refuse("в ней лежит папка сайта");
    }
    if out_abs.join("content").exists() || out_abs.join("site.yaml").exists() {
        return refuse("в ней лежат исходные файлы (content/ или site.yaml)");
    }
    Ok(())
}

/// An absolute, normalized path even when it does not exist yet.
fn absolute(p: &Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    let base = std::env::current_dir().unwrap_or_default();
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        base.join(p)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    match (out.parent(), out.file_name()) {
        (Some(parent), Some(name)) => parent.canonicalize().map(|p| p.join(name)).unwrap_or(out),
        _ => out,
    }
}

/// "Today": `--date`, else `SOURCE_DATE_EPOCH`, else the system date.
pub fn resolve_today(
    arg: Option<&str>,
    source_date_epoch: Option<&str>,
) -> Result<NaiveDate, String> {
    if let Some(a) = arg {
        return load::yaml::parse_ymd(a).ok_or_else(|| {
            format!("неверная дата «{a}» в --date: пишите ГГГГ-ММ-ДД, например 2024-06-01")
        });
    }
    if let Some(epoch) = source_date_epoch.filter(|e| !e.trim().is_empty()) {
        let secs: i64 = epoch
            .trim()
            .parse()
            .map_err(|_| format!("SOURCE_DATE_EPOCH=«{epoch}» — не число секунд"))?;
        return chrono::DateTime::from_timestamp(secs, 0)
            .map(|t| t.date_naive())
            .ok_or_else(|| format!("SOURCE_DATE_EPOCH=«{epoch}» вне допустимого диапазона"));
    }
    Ok(chrono::Local::now().date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_precedence() {
        let d = |s| load::yaml::parse_ymd(s).unwrap();
        assert_eq!(
            resolve_today(Some("2024-06-01"), Some("0")),
            Ok(d("2024-06-01"))
        );
        assert_eq!(resolve_today(None, Some("1717200000")), Ok(d("2024-06-01")));
        assert!(resolve_today(Some("01.06.2024"), None).is_err());
        assert!(resolve_today(None, Some("вчера")).is_err());
    }

    #[test]
    fn dangerous_outputs_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_output_dir(&root, &root).is_err());
        assert!(check_output_dir(&root, tmp.path()).is_err());
        assert!(check_output_dir(&root, Path::new("/")).is_err());
        assert!(check_output_dir(&root, &root.join("public")).is_ok());
    }
}
