//! Word, Excel and CSV files as plain tables, and office reports written
//! back as Word and Excel.
//!
//! A leaf module: it knows nothing of the site. Reading gives one
//! [`Document`] whatever the format: its tables in order, each with the
//! paragraphs written before it, every merged cell expanded (each grid
//! position holds the text, and says where the merge started). Writing takes
//! a plain [`report::Report`] (headings, paragraphs, tables of text and
//! numbers) and lays it out as `.docx` or `.xlsx`.

mod csv;
mod docx;
pub mod report;
mod xlsx;

use std::path::Path;

/// A file read as tables.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub tables: Vec<Table>,
}

/// One table: a `w:tbl` of a Word file, the used range of an Excel sheet,
/// the whole of a CSV file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Paragraphs between the previous table (or the start) and this one.
    pub before: Vec<String>,
    /// The sheet name, for Excel.
    pub sheet: Option<String>,
    pub rows: Vec<Row>,
}

/// A row of a table: as many cells as the table's grid is wide.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// The row's number as the user sees it: the row of the sheet (Excel),
    /// the line where the record starts (CSV), the row of the table counted
    /// from 1 (Word).
    pub number: usize,
    pub cells: Vec<Cell>,
}

/// A grid position. A merged cell is expanded: each position it covers
/// holds its text, and `origin` is where it starts (row index in the table,
/// column).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub text: String,
    pub origin: (usize, usize),
}

impl Row {
    /// The text at `col`, empty beyond the row.
    pub fn text(&self, col: usize) -> &str {
        self.cells.get(col).map_or("", |c| c.text.as_str())
    }

    /// Whether every non-empty position of the row belongs to one merged cell
    /// (a heading spanning the width).
    pub fn is_one_cell(&self) -> bool {
        let mut origins = self
            .cells
            .iter()
            .filter(|c| !c.text.is_empty())
            .map(|c| c.origin);
        match origins.next() {
            Some(first) => {
                origins.all(|o| o == first)
                    && self.cells.iter().filter(|c| c.origin == first).count() > 1
            }
            None => false,
        }
    }

    /// Whether the row has no text at all.
    pub fn is_empty(&self) -> bool {
        self.cells.iter().all(|c| c.text.is_empty())
    }
}

impl Table {
    /// The text at (`row`, `col`), with a horizontally merged cell read only at
    /// its first column (the positions to its right read empty) and a
    /// vertically merged one read in every row it covers.
    pub fn value(&self, row: usize, col: usize) -> &str {
        match self.rows.get(row).and_then(|r| r.cells.get(col)) {
            Some(c) if c.origin.1 == col => &c.text,
            _ => "",
        }
    }

    /// The number of grid columns.
    pub fn width(&self) -> usize {
        self.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0)
    }
}

/// Why a file could not be read, in Russian.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError(pub String);

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ReadError {}

/// The formats this module reads, by file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Xlsx,
    Csv,
}

impl Format {
    /// The format named by the file's extension (any case).
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "docx" => Some(Format::Docx),
            "xlsx" | "xlsm" => Some(Format::Xlsx),
            "csv" | "tsv" | "txt" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// Reads the tables of a `.docx`, `.xlsx`, `.csv` or `.tsv` file.
pub fn read(path: &Path) -> Result<Document, ReadError> {
    let Some(format) = Format::of(path) else {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let hint = match ext.as_str() {
            "doc" => "это старый формат Word: откройте файл в Word или LibreOffice и сохраните как .docx",
            "xls" => "это старый формат Excel: откройте файл в Excel или LibreOffice и сохраните как .xlsx",
            "odt" | "ods" => "сохраните файл в LibreOffice как .docx или .xlsx",
            "pdf" => "из PDF таблицу не прочитать: нужен исходный файл Word или Excel",
            _ => "поддерживаются файлы .docx, .xlsx, .csv и .tsv",
        };
        return Err(ReadError(format!(
            "{}: не удаётся прочитать файл такого вида ({hint})",
            path.display()
        )));
    };
    let bytes = std::fs::read(path)
        .map_err(|e| ReadError(format!("{}: файл не читается: {e}", path.display())))?;
    read_bytes(format, &bytes).map_err(|ReadError(e)| ReadError(format!("{}: {e}", path.display())))
}

/// Reads the tables of a file already in memory.
pub fn read_bytes(format: Format, bytes: &[u8]) -> Result<Document, ReadError> {
    match format {
        Format::Docx => docx::read(bytes),
        Format::Xlsx => xlsx::read(bytes),
        Format::Csv => csv::read(bytes),
    }
}

/// Collapses runs of whitespace (non-breaking spaces included) into one
/// space and trims the ends.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace() || c == '\u{a0}') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Lays out rows of (text, span, continues-a-vertical-merge) cells on a
/// grid, expanding every merge. Shared by the Word reader.
fn expand(raw: Vec<RawRow>) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::with_capacity(raw.len());
    for (r, raw_row) in raw.into_iter().enumerate() {
        let mut cells: Vec<Cell> = Vec::new();
        let mut col = 0;
        for _ in 0..raw_row.skip_before {
            cells.push(Cell {
                text: String::new(),
                origin: (r, col),
            });
            col += 1;
        }
        for raw_cell in raw_row.cells {
            let span = raw_cell.span.max(1);
            let above = if raw_cell.continues {
                rows.last()
                    .and_then(|prev| prev.cells.get(col))
                    .filter(|c| c.origin.1 == col)
                    .cloned()
            } else {
                None
            };
            let (text, origin) = match above {
                Some(c) => (c.text, c.origin),
                None => (raw_cell.text, (r, col)),
            };
            for _ in 0..span {
                cells.push(Cell {
                    text: text.clone(),
                    origin,
                });
            }
            col += span;
        }
        rows.push(Row {
            number: r + 1,
            cells,
        });
    }
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    for (r, row) in rows.iter_mut().enumerate() {
        while row.cells.len() < width {
            let col = row.cells.len();
            row.cells.push(Cell {
                text: String::new(),
                origin: (r, col),
            });
        }
    }
    rows
}

/// A row as a Word file writes it, before merges are expanded.
#[derive(Debug, Default)]
struct RawRow {
    skip_before: usize,
    cells: Vec<RawCell>,
}

#[derive(Debug, Default)]
struct RawCell {
    text: String,
    span: usize,
    /// `w:vMerge` without `restart`: the cell above goes on here.
    continues: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(cells: &[(&str, usize, bool)]) -> RawRow {
        RawRow {
            skip_before: 0,
            cells: cells
                .iter()
                .map(|(t, span, continues)| RawCell {
                    text: t.to_string(),
                    span: *span,
                    continues: *continues,
                })
                .collect(),
        }
    }

    #[test]
    fn merges_are_expanded_with_their_origin() {
        let rows = expand(vec![
            raw(&[("1.", 1, false), ("Раздел", 2, false)]),
            raw(&[("1.1", 1, false), ("Пункт", 1, false), ("Май", 1, false)]),
            raw(&[("1.2", 1, false), ("Ещё", 1, false), ("", 1, true)]),
        ]);
        assert_eq!(rows[0].cells[2].text, "Раздел");
        assert_eq!(rows[0].cells[2].origin, (0, 1));
        assert_eq!(rows[2].cells[2].text, "Май");
        assert_eq!(rows[2].cells[2].origin, (1, 2));
        let table = Table {
            rows,
            ..Table::default()
        };
        assert_eq!(table.value(0, 2), "", "a horizontal copy reads empty");
        assert_eq!(table.value(2, 2), "Май", "a vertical copy reads its text");
        assert!(!table.rows[0].is_one_cell());
    }

    #[test]
    fn a_row_spanning_the_width_is_one_cell() {
        let rows = expand(vec![raw(&[("1. Раздел", 3, false)])]);
        assert!(rows[0].is_one_cell());
        assert_eq!(rows[0].cells.len(), 3);
    }

    #[test]
    fn short_rows_are_padded_to_the_grid() {
        let rows = expand(vec![raw(&[("a", 1, false)]), raw(&[("b", 3, false)])]);
        assert_eq!(rows[0].cells.len(), 3);
        assert_eq!(rows[0].cells[2].text, "");
    }

    #[test]
    fn whitespace_is_collapsed() {
        assert_eq!(clean("  до\u{a0} 29.05.2020\n г. "), "до 29.05.2020 г.");
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(Format::of(Path::new("a.DOCX")), Some(Format::Docx));
        assert_eq!(Format::of(Path::new("a.tsv")), Some(Format::Csv));
        assert_eq!(Format::of(Path::new("a.doc")), None);
        let e = read(Path::new("/nonexistent/plan.doc")).unwrap_err();
        assert!(e.0.contains("сохраните как .docx"), "{e}");
    }
}
