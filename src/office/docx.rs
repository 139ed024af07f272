//! `.docx` → tables: `word/document.xml` read with `quick-xml`.
//!
//! Only what a table needs is kept: the text of paragraphs (runs, tabs and
//! breaks), `w:gridSpan`, `w:vMerge` and `w:gridBefore`. Deleted text
//! (`w:delText`), field codes and the fallback copies of drawings are left
//! out. A table inside a cell gives its text to that cell.

use std::io::{Cursor, Read};

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{clean, expand, Document, RawCell, RawRow, ReadError, Table};

/// The largest `document.xml` read (a roadmap is a few hundred kilobytes).
const MAX_XML: u64 = 64 * 1024 * 1024;

pub(super) fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
        ReadError(
            "это не файл Word (.docx): внутри должен быть архив с word/document.xml; сохраните документ в Word или LibreOffice как «Документ Word (.docx)»".to_string(),
        )
    })?;
    let mut entry = zip.by_name("word/document.xml").map_err(|_| {
        ReadError("в файле нет word/document.xml: это не документ Word (.docx)".to_string())
    })?;
    let mut xml = String::new();
    let mut raw = Vec::new();
    entry
        .by_ref()
        .take(MAX_XML)
        .read_to_end(&mut raw)
        .map_err(|e| ReadError(format!("архив .docx повреждён: {e}")))?;
    xml.push_str(&String::from_utf8_lossy(&raw));
    parse(&xml)
}

/// A table being read: its rows so far and the cell being filled.
#[derive(Default)]
struct TableState {
    rows: Vec<RawRow>,
    row: Option<RawRow>,
    cell: Option<CellState>,
}

#[derive(Default)]
struct CellState {
    paragraphs: Vec<String>,
    span: usize,
    continues: bool,
}

/// Parses the XML of `word/document.xml`.
pub(super) fn parse(xml: &str) -> Result<Document, ReadError> {
    let mut reader = Reader::from_str(xml);
    let mut doc = Document::default();
    let mut before: Vec<String> = Vec::new();
    let mut tables: Vec<TableState> = Vec::new();
    let mut paragraph = String::new();
    // Depth inside elements whose text is not shown (w:delText, w:instrText, mc:Fallback).
    let mut hidden = 0usize;
    let mut in_text = false;
    loop {
        let event = reader.read_event().map_err(|e| {
            ReadError(format!(
                "word/document.xml повреждён (позиция {}): {e}",
                reader.buffer_position()
            ))
        })?;
        match event {
            Event::Start(e) => {
                let name = local(&e);
                match name.as_str() {
                    "delText" | "instrText" | "Fallback" => hidden += 1,
                    _ if hidden > 0 => {}
                    "t" => in_text = true,
                    "tbl" => {
                        flush_paragraph(&mut paragraph, &mut tables, &mut before);
                        tables.push(TableState::default());
                    }
                    "tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.row = Some(RawRow::default());
                        }
                    }
                    "tc" => {
                        if let Some(t) = tables.last_mut() {
                            t.cell = Some(CellState {
                                span: 1,
                                ..CellState::default()
                            });
                        }
                    }
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if hidden > 0 {
                    continue;
                }
                match local(&e).as_str() {
                    "tab" => paragraph.push(' '),
                    "br" | "cr" => paragraph.push('\n'),
                    "gridSpan" => {
                        let span = val(&e).and_then(|v| v.parse().ok()).unwrap_or(1);
                        if let Some(c) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                            c.span = span.clamp(1, 1000);
                        }
                    }
                    "vMerge" => {
                        let restart = val(&e).is_some_and(|v| v == "restart");
                        if let Some(c) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                            c.continues = !restart;
                        }
                    }
                    "gridBefore" => {
                        let n = val(&e).and_then(|v| v.parse().ok()).unwrap_or(0usize);
                        if let Some(r) = tables.last_mut().and_then(|t| t.row.as_mut()) {
                            r.skip_before = n.min(1000);
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text && hidden == 0 => paragraph.push_str(&t.xml10_content()),
            Event::CData(t) if in_text && hidden == 0 => paragraph.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text && hidden == 0 => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    paragraph.push(c);
                } else if let Some(s) = resolve_predefined_entity(&r.into_inner()) {
                    paragraph.push_str(s);
                }
            }
            Event::End(e) => {
                let name = e.local_name().as_ref().to_string();
                match name.as_str() {
                    "delText" | "instrText" | "Fallback" => hidden = hidden.saturating_sub(1),
                    _ if hidden > 0 => {}
                    "t" => in_text = false,
                    "p" => flush_paragraph(&mut paragraph, &mut tables, &mut before),
                    "tc" => {
                        flush_paragraph(&mut paragraph, &mut tables, &mut before);
                        if let Some(t) = tables.last_mut() {
                            if let (Some(c), Some(r)) = (t.cell.take(), t.row.as_mut()) {
                                r.cells.push(RawCell {
                                    text: clean(&c.paragraphs.join(" ")),
                                    span: c.span,
                                    continues: c.continues,
                                });
                            }
                        }
                    }
                    "tr" => {
                        if let Some(t) = tables.last_mut() {
                            if let Some(r) = t.row.take() {
                                t.rows.push(r);
                            }
                        }
                    }
                    "tbl" => {
                        if let Some(t) = tables.pop() {
                            let rows = expand(t.rows);
                            if let Some(outer) = tables.last_mut() {
                                // A table inside a cell: its text joins the cell.
                                let text: Vec<String> = rows
                                    .iter()
                                    .enumerate()
                                    .flat_map(|(r, row)| {
                                        row.cells
                                            .iter()
                                            .enumerate()
                                            .filter(move |(c, cell)| {
                                                cell.origin == (r, *c) && !cell.text.is_empty()
                                            })
                                            .map(|(_, cell)| cell.text.clone())
                                    })
                                    .collect();
                                if let Some(c) = outer.cell.as_mut() {
                                    c.paragraphs.push(text.join(" "));
                                }
                            } else {
                                doc.tables.push(Table {
                                    before: std::mem::take(&mut before),
                                    sheet: None,
                                    rows,
                                });
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(doc)
}

/// Ends a paragraph: into the current cell, or into the text before the next table.
fn flush_paragraph(paragraph: &mut String, tables: &mut [TableState], before: &mut Vec<String>) {
    let text = clean(paragraph);
    paragraph.clear();
    if text.is_empty() {
        return;
    }
    match tables.last_mut() {
        Some(t) => {
            if let Some(c) = t.cell.as_mut() {
                c.paragraphs.push(text);
            }
        }
        None => before.push(text),
    }
}

fn local(e: &BytesStart) -> String {
    e.local_name().as_ref().to_string()
}

/// The `w:val` attribute.
fn val(e: &BytesStart) -> Option<String> {
    e.attributes()
        .flatten()
        .find_map(|a| (a.key.local_name().as_ref() == "val").then(|| a.value.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn body(inner: &str) -> String {
        format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{inner}</w:body></w:document>"#)
    }

    fn tc(text: &str, props: &str) -> String {
        format!(r#"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"#)
    }

    #[test]
    fn reads_spans_vertical_merges_and_the_text_before() {
        let xml = body(&format!(
            r#"<w:p><w:r><w:t>Дорожная карта</w:t></w:r></w:p>
            <w:tbl>
              <w:tr>{}{}</w:tr>
              <w:tr>{}{}{}</w:tr>
              <w:tr>{}{}{}</w:tr>
            </w:tbl>"#,
            tc("1.", ""),
            tc("Нормативное &amp; правовое", r#"<w:gridSpan w:val="2"/>"#),
            tc("1.1", ""),
            tc("Пункт", ""),
            tc("Май 2020", r#"<w:vMerge w:val="restart"/>"#),
            tc("1.2", ""),
            tc("Ещё", ""),
            tc("", "<w:vMerge/>"),
        ));
        let doc = parse(&xml).unwrap();
        assert_eq!(doc.tables.len(), 1);
        let t = &doc.tables[0];
        assert_eq!(t.before, ["Дорожная карта"]);
        assert_eq!(t.width(), 3);
        assert_eq!(t.rows[0].text(1), "Нормативное & правовое");
        assert_eq!(t.value(0, 2), "");
        assert_eq!(t.value(2, 2), "Май 2020");
        assert_eq!(t.rows[2].number, 3);
    }

    #[test]
    fn deleted_text_and_breaks() {
        let xml = body(
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t xml:space="preserve">до </w:t></w:r><w:del><w:r><w:delText>старое</w:delText></w:r></w:del><w:r><w:br/><w:t>29.05.2020</w:t></w:r></w:p><w:p><w:r><w:t>г.</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
        );
        let doc = parse(&xml).unwrap();
        assert_eq!(doc.tables[0].rows[0].text(0), "до 29.05.2020 г.");
    }

    #[test]
    fn two_tables_keep_the_paragraphs_between() {
        let xml = body(&format!(
            r#"<w:tbl><w:tr>{}</w:tr></w:tbl><w:p><w:r><w:t>Продолжение таблицы</w:t></w:r></w:p><w:tbl><w:tr>{}</w:tr></w:tbl>"#,
            tc("a", ""),
            tc("b", ""),
        ));
        let doc = parse(&xml).unwrap();
        assert_eq!(doc.tables.len(), 2);
        assert_eq!(doc.tables[1].before, ["Продолжение таблицы"]);
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(read(b"not a zip").is_err());
        assert!(parse("<w:document><w:body><w:tbl><w:tr></w:tc>").is_err());
    }
}
