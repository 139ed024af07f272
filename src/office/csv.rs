//! `.csv` / `.tsv` → one table: the encoding (UTF-8 with or without BOM,
//! UTF-16 with BOM, else Windows-1251) and the separator (`;`, tab or `,`)
//! are found from the text itself.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1251};

use super::{clean, Cell, Document, ReadError, Row, Table};

/// How many records are looked at to choose the separator.
const SAMPLE: usize = 50;

pub(super) fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    let text = decode(bytes);
    if text.contains('\0') {
        return Err(ReadError(
            "файл не похож на текст CSV: сохраните таблицу в Excel как «CSV (разделители — точка с запятой)»".to_string(),
        ));
    }
    let delimiter = delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| ReadError(format!("строка CSV не читается: {e}")))?;
        let line = record
            .position()
            .map_or(rows.len() + 1, |p| p.line() as usize);
        let r = rows.len();
        rows.push(Row {
            number: line,
            cells: record
                .iter()
                .enumerate()
                .map(|(c, t)| Cell {
                    text: clean(t),
                    origin: (r, c),
                })
                .collect(),
        });
    }
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    for (r, row) in rows.iter_mut().enumerate() {
        while row.cells.len() < width {
            let c = row.cells.len();
            row.cells.push(Cell {
                text: String::new(),
                origin: (r, c),
            });
        }
    }
    Ok(Document {
        tables: vec![Table {
            before: Vec::new(),
            sheet: None,
            rows,
        }],
    })
}

/// The text of the file: a BOM decides; else UTF-8 if it is valid, else Windows-1251.
pub(super) fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom..]).0;
    }
    match UTF_8.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => text,
        None => WINDOWS_1251.decode_without_bom_handling(bytes).0,
    }
}

/// The separator that splits the most records into the same number of fields.
fn delimiter(text: &str) -> u8 {
    let mut best = (0usize, b';');
    for d in [b';', b'\t', b','] {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(d)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut widths: Vec<usize> = Vec::new();
        for record in reader.records().take(SAMPLE) {
            match record {
                Ok(r) => widths.push(r.len()),
                Err(_) => break,
            }
        }
        let mut counts = std::collections::BTreeMap::new();
        for w in widths.iter().filter(|w| **w > 1) {
            *counts.entry(*w).or_insert(0usize) += 1;
        }
        let score = counts.values().max().copied().unwrap_or(0);
        if score > best.0 {
            best = (score, d);
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1251_with_semicolons() {
        let text = "№ п/п;Мероприятие;Срок\n1.1;Назначение куратора, приказ;до 10.11.2020\n";
        let (bytes, _, _) = WINDOWS_1251.encode(text);
        let doc = read(&bytes).unwrap();
        let t = &doc.tables[0];
        assert_eq!(t.rows[1].text(1), "Назначение куратора, приказ");
        assert_eq!(t.rows[1].text(2), "до 10.11.2020");
        assert_eq!(t.rows[1].number, 2);
    }

    #[test]
    fn tabs_and_commas_and_bom() {
        let doc = read("\u{feff}a\tb, c\n1\t2\n".as_bytes()).unwrap();
        assert_eq!(doc.tables[0].rows[0].text(1), "b, c");
        let doc = read(b"a,b,c\n1,\"2, 3\",4\n").unwrap();
        assert_eq!(doc.tables[0].rows[1].text(1), "2, 3");
    }

    #[test]
    fn utf16_from_excel_unicode_text() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Срок\tОтветственный\r\nМай\tОО\r\n".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let doc = read(&bytes).unwrap();
        assert_eq!(doc.tables[0].rows[1].text(1), "ОО");
    }

    #[test]
    fn a_quoted_cell_over_two_lines_keeps_its_line_number() {
        let doc = read("a;b\n\"x\ny\";z\nq;w\n".as_bytes()).unwrap();
        assert_eq!(doc.tables[0].rows[1].text(0), "x y");
        assert_eq!(doc.tables[0].rows[2].number, 4);
    }
}
