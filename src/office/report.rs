//! A plain report (headings, paragraphs, tables of text and numbers) written
//! as `.docx` (docx-rs) or `.xlsx` (rust_xlsxwriter).
//!
//! Numbers carry the text the caller formatted (Russian decimals, «%»): Word
//! shows that text; Excel gets the number itself, with a percentage format
//! for shares, so that the office can compute with it.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, Docx, Paragraph, RunFonts, Style, StyleType, Table as DocxTable, TableCell,
    TableRow, WidthType,
};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

/// A whole report: a title and its parts (an Excel sheet each).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub title: String,
    /// Lines under the title (organization, date).
    pub subtitle: Vec<String>,
    pub parts: Vec<Part>,
}

/// A part: a heading in Word, a sheet in Excel.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Part {
    pub heading: String,
    /// The sheet's name (at most 31 characters, no `[]:*?/\`; fixed up if not).
    pub sheet: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Subheading(String),
    Paragraph(String),
    Table(ReportTable),
}

/// A table with a header row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportTable {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// A cell of a report table.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    /// A number and the text it is shown as.
    Number(f64, String),
    /// A share in percent (64.4 for 64,4 %) and the text it is shown as.
    Percent(f64, String),
}

impl Value {
    fn text(&self) -> &str {
        match self {
            Value::Empty => "",
            Value::Text(t) | Value::Number(_, t) | Value::Percent(_, t) => t,
        }
    }
}

/// The report as a Word document.
pub fn to_docx(report: &Report) -> Result<Vec<u8>, String> {
    let font = RunFonts::new()
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .cs("Times New Roman")
        .east_asia("Times New Roman");
    let mut docx = Docx::new()
        .default_fonts(font)
        .default_size(24)
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("heading 1")
                .bold()
                .size(32)
                .outline_lvl(0),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("heading 2")
                .bold()
                .size(28)
                .outline_lvl(1),
        )
        .add_style(
            Style::new("Heading3", StyleType::Paragraph)
                .name("heading 3")
                .bold()
                .size(24)
                .outline_lvl(2),
        );
    docx = docx.add_paragraph(
        Paragraph::new()
            .style("Heading1")
            .align(AlignmentType::Center)
            .add_run(docx_rs::Run::new().add_text(&report.title)),
    );
    for line in &report.subtitle {
        docx = docx.add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(docx_rs::Run::new().add_text(line)),
        );
    }
    for part in &report.parts {
        docx = docx.add_paragraph(
            Paragraph::new()
                .style("Heading2")
                .add_run(docx_rs::Run::new().add_text(&part.heading)),
        );
        for block in &part.blocks {
            docx = match block {
                Block::Subheading(t) => docx.add_paragraph(
                    Paragraph::new()
                        .style("Heading3")
                        .add_run(docx_rs::Run::new().add_text(t)),
                ),
                Block::Paragraph(t) => {
                    docx.add_paragraph(Paragraph::new().add_run(docx_rs::Run::new().add_text(t)))
                }
                Block::Table(t) => docx
                    .add_table(docx_table(t))
                    .add_paragraph(Paragraph::new()),
            };
        }
    }
    let mut out = Cursor::new(Vec::new());
    docx.build()
        .pack(&mut out)
        .map_err(|e| format!("не удалось записать файл Word: {e}"))?;
    Ok(out.into_inner())
}

fn docx_table(t: &ReportTable) -> DocxTable {
    let cell = |text: &str, bold: bool, numeric: bool| {
        let mut run = docx_rs::Run::new().add_text(text).size(20);
        if bold {
            run = run.bold();
        }
        let mut p = Paragraph::new().add_run(run);
        if numeric {
            p = p.align(AlignmentType::Right);
        }
        TableCell::new().add_paragraph(p)
    };
    let mut rows = vec![TableRow::new(
        t.columns.iter().map(|c| cell(c, true, false)).collect(),
    )];
    for row in &t.rows {
        rows.push(TableRow::new(
            row.iter()
                .map(|v| {
                    cell(
                        v.text(),
                        false,
                        matches!(v, Value::Number(..) | Value::Percent(..)),
                    )
                })
                .collect(),
        ));
    }
    DocxTable::new(rows).width(5000, WidthType::Pct)
}

/// The report as an Excel workbook: a sheet per part.
pub fn to_xlsx(report: &Report) -> Result<Vec<u8>, String> {
    write_xlsx(report).map_err(|e| format!("не удалось записать файл Excel: {e}"))
}

fn write_xlsx(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let title = Format::new().set_bold().set_font_size(14);
    let heading = Format::new().set_bold().set_font_size(12);
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let text = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let number = Format::new()
        .set_num_format("0.##")
        .set_align(FormatAlign::Top)
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let percent = Format::new()
        .set_num_format("0.0%")
        .set_align(FormatAlign::Top)
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let mut used = Vec::new();
    for part in &report.parts {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&part.sheet, &mut used))?;
        let mut row = 0u32;
        sheet.write_string_with_format(row, 0, &report.title, &title)?;
        row += 1;
        sheet.write_string_with_format(row, 0, &part.heading, &heading)?;
        row += 2;
        let mut widths: Vec<f64> = Vec::new();
        for block in &part.blocks {
            match block {
                Block::Subheading(t) => {
                    sheet.write_string_with_format(row, 0, t, &heading)?;
                    row += 1;
                }
                Block::Paragraph(t) => {
                    sheet.write_string(row, 0, t)?;
                    row += 1;
                }
                Block::Table(t) => {
                    for (c, name) in t.columns.iter().enumerate() {
                        sheet.write_string_with_format(row, c as u16, name, &header)?;
                        grow(&mut widths, c, name.chars().count().min(30));
                    }
                    row += 1;
                    for values in &t.rows {
                        for (c, v) in values.iter().enumerate() {
                            let c16 = c as u16;
                            match v {
                                Value::Empty => {
                                    sheet.write_blank(row, c16, &text)?;
                                }
                                Value::Text(s) => {
                                    sheet.write_string_with_format(row, c16, s, &text)?;
                                    grow(&mut widths, c, s.chars().count().min(60));
                                }
                                Value::Number(n, s) => {
                                    sheet.write_number_with_format(row, c16, *n, &number)?;
                                    grow(&mut widths, c, s.chars().count());
                                }
                                Value::Percent(p, s) => {
                                    sheet.write_number_with_format(
                                        row,
                                        c16,
                                        p / 100.0,
                                        &percent,
                                    )?;
                                    grow(&mut widths, c, s.chars().count());
                                }
                            }
                        }
                        row += 1;
                    }
                    row += 1;
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            sheet.set_column_width(c as u16, (w + 2.0).max(8.0))?;
        }
    }
    if report.parts.is_empty() {
        let sheet = book.add_worksheet();
        sheet.write_string_with_format(0, 0, &report.title, &title)?;
    }
    book.save_to_buffer()
}

fn grow(widths: &mut Vec<f64>, col: usize, chars: usize) {
    if widths.len() <= col {
        widths.resize(col + 1, 0.0);
    }
    widths[col] = widths[col].max(chars as f64);
}

/// A valid, unique sheet name: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(wanted: &str, used: &mut Vec<String>) -> String {
    let base: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .collect::<String>()
        .trim()
        .trim_matches('\'')
        .chars()
        .take(31)
        .collect();
    let base = if base.is_empty() {
        "Лист".to_string()
    } else {
        base
    };
    let mut name = base.clone();
    let mut k = 2;
    while used.iter().any(|u| u.to_lowercase() == name.to_lowercase()) {
        let suffix = format!(" {k}");
        name = base
            .chars()
            .take(31 - suffix.chars().count())
            .collect::<String>()
            + &suffix;
        k += 1;
    }
    used.push(name.clone());
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Report {
        Report {
            title: "Отчёт о наставничестве".to_string(),
            subtitle: vec!["МБОУ СШ № 3".to_string()],
            parts: vec![Part {
                heading: "Показатели".to_string(),
                sheet: "Показатели: 2024/2025".to_string(),
                blocks: vec![
                    Block::Paragraph("Текст".to_string()),
                    Block::Table(ReportTable {
                        columns: vec!["Показатель".into(), "План".into()],
                        rows: vec![vec![
                            Value::Text("Доля".into()),
                            Value::Percent(64.4, "64,4 %".into()),
                        ]],
                    }),
                ],
            }],
        }
    }

    #[test]
    fn word_report_reads_back() {
        let bytes = to_docx(&sample()).unwrap();
        let doc = super::super::read_bytes(super::super::Format::Docx, &bytes).unwrap();
        assert_eq!(doc.tables[0].rows[1].text(1), "64,4 %");
        assert!(doc.tables[0].before.iter().any(|p| p == "Показатели"));
    }

    #[test]
    fn excel_report_keeps_numbers() {
        let bytes = to_xlsx(&sample()).unwrap();
        let mut book: calamine::Xlsx<_> =
            calamine::Reader::new(std::io::Cursor::new(bytes)).unwrap();
        use calamine::Reader;
        assert_eq!(book.sheet_names(), ["Показатели  2024 2025"]);
        let range = book.worksheet_range("Показатели  2024 2025").unwrap();
        assert_eq!(range.get_value((5, 1)), Some(&calamine::Data::Float(0.644)));
    }

    #[test]
    fn sheet_names_are_unique_and_short() {
        let mut used = Vec::new();
        let long = "Очень длинное название листа, больше тридцати одного знака";
        let a = sheet_name(long, &mut used);
        let b = sheet_name(long, &mut used);
        assert_eq!(a.chars().count(), 31);
        assert!(b.ends_with(" 2") && b.chars().count() <= 31);
    }
}
