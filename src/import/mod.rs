//! `nastavnik import roadmap|kpi FILE`: a roadmap or an indicator plan read
//! from a Word, Excel or CSV table and written as `data/roadmap.yaml` or
//! `data/kpi.yaml`.
//!
//! The table is found by its headers as municipal orders write them
//! ([`columns`]); rows become items ([`roadmap`]) or indicators ([`kpi`]).
//! A row that cannot be placed is reported with its row number and left
//! out; nothing usable at all is an error. The file written carries a
//! comment naming its source and the date.

mod columns;
pub mod kpi;
pub mod roadmap;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::diagnostics::Diagnostic;
use crate::office::{self, Document};

/// What to import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Roadmap,
    Kpi,
}

impl Kind {
    /// Where the file goes in a site.
    pub fn default_path(self) -> &'static str {
        match self {
            Kind::Roadmap => "data/roadmap.yaml",
            Kind::Kpi => "data/kpi.yaml",
        }
    }
}

/// One import run.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub kind: Kind,
    /// The Word, Excel or CSV file.
    pub file: PathBuf,
    /// The YAML file to write.
    pub output: PathBuf,
    /// Replace `output` if it exists.
    pub force: bool,
    /// The date written into the header comment.
    pub today: NaiveDate,
}

/// What an import produced: the YAML text and what was left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub yaml: String,
    /// Items (roadmap: every row, sub-items included) or indicators written.
    pub count: usize,
    /// Rows left out or read with doubt: warnings at `file:row`.
    pub problems: Vec<Diagnostic>,
}

/// The result of [`run`]: the problems (errors mean nothing was written) and
/// what was written.
#[derive(Debug, Default)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    pub written: Option<(PathBuf, usize)>,
}

/// Reads `opts.file` and writes `opts.output`, unless it exists and `force` is off.
pub fn run(opts: &ImportOptions) -> Outcome {
    let mut outcome = Outcome::default();
    let shown = opts.file.display().to_string();
    if opts.output.exists() && !opts.force {
        outcome.diagnostics.push(
            Diagnostic::error(
                &opts.output,
                0,
                0,
                "файл уже есть — импорт его не заменяет",
            )
            .hint(format!(
                "добавьте --force, чтобы заменить его таблицей из «{shown}», или укажите другой файл: --output ПУТЬ"
            )),
        );
        return outcome;
    }
    let doc = match office::read(&opts.file) {
        Ok(doc) => doc,
        Err(e) => {
            outcome.diagnostics.push(
                Diagnostic::error(&opts.file, 0, 0, e.0)
                    .hint("сохраните таблицу как .docx, .xlsx или .csv (UTF-8 или Windows-1251)"),
            );
            return outcome;
        }
    };
    let name = opts
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or(shown);
    let result = match opts.kind {
        Kind::Roadmap => roadmap::import(&doc, &opts.file, &name, opts.today),
        Kind::Kpi => kpi::import(&doc, &opts.file, &name, opts.today),
    };
    match result {
        Ok(imported) => {
            outcome.diagnostics = imported.problems;
            match write_atomically(&opts.output, &imported.yaml) {
                Ok(()) => outcome.written = Some((opts.output.clone(), imported.count)),
                Err(e) => outcome.diagnostics.push(Diagnostic::error(
                    &opts.output,
                    0,
                    0,
                    format!("не удалось записать файл: {e}"),
                )),
            }
        }
        Err(problems) => outcome.diagnostics = problems,
    }
    outcome
}

/// Writes through a temporary file beside the target, so a failed write leaves the old file.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    std::io::Write::write_all(&mut tmp, text.as_bytes())?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A quoted-if-needed YAML scalar for `text`.
fn yaml_str(text: &str) -> String {
    let s = serde_yaml::to_string(text).unwrap_or_else(|_| format!("{text:?}"));
    s.trim_end_matches('\n').to_string()
}

/// "таблица 2, строка 14" when the document has several tables, else "строка 14".
fn row_place(doc: &Document, table: usize, row: usize) -> String {
    if doc.tables.len() > 1 {
        match &doc.tables[table].sheet {
            Some(sheet) => format!("лист «{sheet}», строка {row}"),
            None => format!("таблица {}, строка {row}", table + 1),
        }
    } else {
        format!("строка {row}")
    }
}

/// The first `n` characters of `text`, with «…» when cut.
fn short(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        text.to_string()
    } else {
        text.chars().take(n).collect::<String>() + "…"
    }
}
