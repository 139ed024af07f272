//! `.xlsx` → tables with `calamine`: one table per sheet (its used range),
//! merged regions expanded, dates written the Russian way (ДД.ММ.ГГГГ),
//! numbers without a trailing «.0».

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::{Duration, NaiveDate};

use super::{clean, Cell, Document, ReadError, Row, Table};

/// The largest grid read from one sheet (rows × columns).
const MAX_CELLS: u64 = 4_000_000;

pub(super) fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        ReadError(format!(
            "это не файл Excel (.xlsx) или он повреждён ({e}); сохраните таблицу в Excel или LibreOffice как «Книга Excel (.xlsx)»"
        ))
    })?;
    let mut doc = Document::default();
    for name in book.sheet_names() {
        let Ok(range) = book.worksheet_range(&name) else {
            continue;
        };
        let (Some(start), Some(end)) = (range.start(), range.end()) else {
            continue;
        };
        let height = (end.0 - start.0 + 1) as usize;
        let width = (end.1 - start.1 + 1) as usize;
        if height as u64 * width as u64 > MAX_CELLS {
            return Err(ReadError(format!(
                "лист «{name}» слишком велик ({height} строк × {width} столбцов)"
            )));
        }
        let mut rows: Vec<Row> = (0..height)
            .map(|r| Row {
                number: start.0 as usize + r + 1,
                cells: (0..width)
                    .map(|c| Cell {
                        text: range
                            .get_value((start.0 + r as u32, start.1 + c as u32))
                            .map(text)
                            .unwrap_or_default(),
                        origin: (r, c),
                    })
                    .collect(),
            })
            .collect();
        let merges = book.merge_cells_by_sheet_name(&name).unwrap_or_default();
        {
            for dim in &merges {
                let (r0, c0) = (
                    dim.start.0 as i64 - start.0 as i64,
                    dim.start.1 as i64 - start.1 as i64,
                );
                let (r1, c1) = (
                    dim.end.0 as i64 - start.0 as i64,
                    dim.end.1 as i64 - start.1 as i64,
                );
                if r0 < 0 || c0 < 0 || r0 as usize >= height || c0 as usize >= width {
                    continue;
                }
                let (r0, c0) = (r0 as usize, c0 as usize);
                let r1 = (r1.max(0) as usize).min(height - 1);
                let c1 = (c1.max(0) as usize).min(width - 1);
                let text = rows[r0].cells[c0].text.clone();
                for row in rows.iter_mut().take(r1 + 1).skip(r0) {
                    for cell in row.cells.iter_mut().take(c1 + 1).skip(c0) {
                        cell.text = text.clone();
                        cell.origin = (r0, c0);
                    }
                }
            }
        }
        // Drop the empty rows at the bottom.
        while rows.last().is_some_and(Row::is_empty) {
            rows.pop();
        }
        doc.tables.push(Table {
            before: Vec::new(),
            sheet: Some(name.clone()),
            rows,
        });
    }
    Ok(doc)
}

/// A cell's value as text: numbers as short as they are, dates as ДД.ММ.ГГГГ.
fn text(value: &Data) -> String {
    match value {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => clean(s),
        Data::Int(n) => n.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => if *b { "да" } else { "нет" }.to_string(),
        Data::DateTime(d) => {
            let serial = d.as_f64();
            if d.is_duration() || !(1.0..=2_958_465.0).contains(&serial) {
                return number(serial);
            }
            // Excel counts days from 1899-12-30 (with its 1900 leap-year bug folded in).
            let base = NaiveDate::from_ymd_opt(1899, 12, 30).expect("valid date");
            match base.checked_add_signed(Duration::days(serial.floor() as i64)) {
                Some(day) => day.format("%d.%m.%Y").to_string(),
                None => number(serial),
            }
        }
    }
}

/// `10.0` → `10`, `2.5` → `2.5`.
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_lose_the_trailing_zero() {
        assert_eq!(number(10.0), "10");
        assert_eq!(number(2.5), "2.5");
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(read(b"PK not really").is_err());
    }
}
