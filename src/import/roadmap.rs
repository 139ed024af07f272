//! A roadmap table → `data/roadmap.yaml`.
//!
//! Rows are read in order: a row spanning the width is a section
//! («1. Нормативное правовое регулирование…»); a row with no number, no
//! deadline of its own and text that goes on from the row above (a lower-case
//! start, a list dash, an empty activity) continues that row, as a row broken
//! by a page or by a converter does; every other row is an item. Items nest
//! by their numbers (1 → 1.1 → 6.1.1); an unnumbered item stays beside the
//! one before it. A table continued after a hand-made break («Продолжение
//! таблицы», a second `w:tbl` with the header repeated or the numbering going
//! on) is joined to the first.

use std::fmt::Write as _;
use std::path::Path;

use chrono::{Datelike, NaiveDate};

use super::columns::{self, RoadmapColumns};
use super::{row_place, short, yaml_str, Imported};
use crate::diagnostics::Diagnostic;
use crate::model::roadmap::duplicate_numbers;
use crate::office::{Document, Table};

/// One item as read, before nesting.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Item {
    pub n: String,
    pub title: String,
    pub due: String,
    pub responsible: String,
    pub result: String,
    /// Index of the parent among the items read.
    pub parent: Option<usize>,
    /// Where it was read (table index, row number) for messages.
    table: usize,
    row: usize,
}

/// The roadmap read from a document, before it is written as YAML.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Read {
    pub title: String,
    pub years: (i32, i32),
    pub items: Vec<Item>,
    /// (first, last) row numbers of the source, for the header comment.
    pub rows: (usize, usize),
    pub problems: Vec<Diagnostic>,
}

/// Reads the first roadmap table of `doc` and writes it as YAML.
pub fn import(
    doc: &Document,
    path: &Path,
    name: &str,
    today: NaiveDate,
) -> Result<Imported, Vec<Diagnostic>> {
    let read = read(doc, path, today)?;
    let yaml = to_yaml(&read, name, today);
    Ok(Imported {
        yaml,
        count: read.items.len(),
        problems: read.problems,
    })
}

/// The table parts that make up the roadmap: (table index, first data row, columns).
fn parts(doc: &Document) -> Option<Vec<(usize, usize, RoadmapColumns)>> {
    let (first, (header, cols)) = doc
        .tables
        .iter()
        .enumerate()
        .find_map(|(t, table)| columns::find_roadmap_header(table).map(|h| (t, h)))?;
    let width = doc.tables[first].width();
    let mut parts = vec![(first, header + 1, cols)];
    for (t, table) in doc.tables.iter().enumerate().skip(first + 1) {
        if let Some((h, c)) = columns::find_roadmap_header(table) {
            if c.title == cols.title && table.width() == width {
                parts.push((t, h + 1, c));
                continue;
            }
            break;
        }
        if table.width() != width {
            break;
        }
        let said = table
            .before
            .iter()
            .any(|p| columns::norm(p).contains("продолжение"));
        let goes_on = table.rows.iter().find(|r| !r.is_empty()).is_some_and(|r| {
            columns::is_column_numbers(r)
                || cols
                    .number
                    .is_some_and(|c| columns::item_number(r.text(c)).is_some())
        });
        if said || goes_on {
            parts.push((t, 0, cols));
        } else {
            break;
        }
    }
    Some(parts)
}

/// Reads the roadmap; an error when the document has no roadmap table or no item in it.
pub fn read(doc: &Document, path: &Path, today: NaiveDate) -> Result<Read, Vec<Diagnostic>> {
    let Some(parts) = parts(doc) else {
        let kpi = doc
            .tables
            .iter()
            .any(|t| columns::find_kpi_header(t).is_some());
        let hint = if kpi {
            "в файле есть таблица показателей по годам — её читает команда nastavnik import kpi"
        } else {
            "нужна таблица с заголовками столбцов, как в приказе: «№ п/п», «Мероприятие» (или «Наименование мероприятий»), «Срок» (или «Сроки реализации»), «Ответственный»; проверьте, что заголовок — строка таблицы, а не текст над ней"
        };
        return Err(vec![Diagnostic::error(
            path,
            0,
            0,
            format!(
                "в файле не найдена таблица дорожной карты (таблиц в файле: {})",
                doc.tables.len()
            ),
        )
        .hint(hint)]);
    };
    let mut out = Read::default();
    let mut first_row = None;
    let mut last_row = 0;
    for &(t, start, cols) in &parts {
        let table = &doc.tables[t];
        for r in start..table.rows.len() {
            let row = &table.rows[r];
            if row.is_empty() || columns::is_column_numbers(row) {
                continue;
            }
            if columns::roadmap_header(row).is_some() || is_continued_note(row) {
                continue;
            }
            first_row.get_or_insert((t, row.number));
            last_row = row.number;
            read_row(doc, table, t, r, cols, path, &mut out);
        }
    }
    if out.items.is_empty() {
        let (t, _, _) = parts[0];
        return Err(vec![Diagnostic::error(
            path,
            0,
            0,
            format!(
                "в таблице дорожной карты (таблица {}) нет ни одного мероприятия",
                t + 1
            ),
        )
        .hint(
            "под строкой заголовков должны идти строки с номером, мероприятием и сроком",
        )]);
    }
    for (dup, first) in duplicate_numbers(out.items.iter().map(|i| i.n.as_str())) {
        let item = &out.items[dup];
        out.problems.push(
            Diagnostic::warning(
                path,
                item.row,
                0,
                format!(
                    "{}: номер «{}» уже есть у пункта «{}» — пункт записан без номера",
                    row_place(doc, item.table, item.row),
                    item.n,
                    short(&out.items[first].title, 60)
                ),
            )
            .hint("проверьте нумерацию в документе и впишите верный номер в n:"),
        );
        out.items[dup].n.clear();
    }
    nest(&mut out.items);
    out.title = title(doc, parts[0].0, parts[0].1.saturating_sub(1));
    out.years = years(&out.title, &out.items, today);
    out.rows = (first_row.map_or(0, |(_, r)| r), last_row);
    Ok(out)
}

/// Reads one row into a new item, or into the item above it.
fn read_row(
    doc: &Document,
    table: &Table,
    t: usize,
    r: usize,
    cols: RoadmapColumns,
    path: &Path,
    out: &mut Read,
) {
    let row = &table.rows[r];
    let place = || row_place(doc, t, row.number);
    // A row that is one cell across the width: a section heading.
    if row.is_one_cell() && table.width() > 2 {
        let text = row
            .cells
            .iter()
            .find(|c| !c.text.is_empty())
            .map(|c| c.text.clone());
        let text = text.unwrap_or_default();
        if columns::norm(&text).contains("продолжение таблицы") {
            return;
        }
        let (n, title) = columns::leading_number(&text).unwrap_or((String::new(), text));
        out.items.push(Item {
            n,
            title,
            table: t,
            row: row.number,
            ..Item::default()
        });
        return;
    }
    let own = |c: Option<usize>| -> String {
        c.and_then(|c| row.cells.get(c).filter(|cell| cell.origin == (r, c)))
            .map(|cell| cell.text.clone())
            .unwrap_or_default()
    };
    let value = |c: Option<usize>| -> String {
        c.map(|c| table.value(r, c).to_string()).unwrap_or_default()
    };
    let copied = |c: Option<usize>| {
        c.and_then(|c| row.cells.get(c))
            .is_some_and(|cell| cell.origin.0 < r && !cell.text.is_empty())
    };
    let number_text = own(cols.number);
    let mut title = own(Some(cols.title));
    let mut n = columns::item_number(&number_text)
        .unwrap_or_else(|| number_text.trim().trim_end_matches('.').trim().to_string());
    if title.is_empty() && columns::item_number(&number_text).is_none() {
        // «1. Нормативное регулирование» written in the number column alone.
        if let Some((lead, rest)) = columns::leading_number(&number_text) {
            n = lead;
            title = rest;
        }
    }
    if n.is_empty() {
        if let Some((lead, rest)) = columns::leading_number(&title)
            .filter(|(l, _)| title.starts_with(&format!("{l}.")) || l.contains('.'))
        {
            n = lead;
            title = rest;
        }
    }
    let fields = [own(cols.due), own(cols.responsible), own(cols.result)];
    // A sub-row of the item above: its number or its activity merged down.
    let merged_down = copied(cols.number) || copied(Some(cols.title));
    let goes_on =
        n.is_empty() && fields[0].is_empty() && (title.is_empty() || continues_text(&title));
    let untitled = n.is_empty() && title.is_empty();
    if (merged_down || goes_on || untitled) && !out.items.is_empty() {
        let prev = out.items.last_mut().expect("not empty");
        append(&mut prev.title, &title);
        append(&mut prev.due, &fields[0]);
        append(&mut prev.responsible, &fields[1]);
        append(&mut prev.result, &fields[2]);
        return;
    }
    if title.is_empty() {
        let text: Vec<&str> = row
            .cells
            .iter()
            .map(|c| c.text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        out.problems.push(
            Diagnostic::warning(
                path,
                row.number,
                0,
                format!(
                    "{}: строка без мероприятия не отнесена ни к одному пункту и пропущена: «{}»",
                    place(),
                    short(&text.join(" | "), 80)
                ),
            )
            .hint(
                "впишите мероприятие в столбец «Мероприятие» или перенесите текст в пункт вручную",
            ),
        );
        return;
    }
    out.items.push(Item {
        n,
        title,
        due: value(cols.due),
        responsible: value(cols.responsible),
        result: value(cols.result),
        parent: None,
        table: t,
        row: row.number,
    });
}

/// A row that only says the table goes on: «Продолжение таблицы», «Продолжение приложения 1».
fn is_continued_note(row: &crate::office::Row) -> bool {
    let texts: Vec<&str> = row
        .cells
        .iter()
        .map(|c| c.text.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    let Some(first) = texts.first() else {
        return false;
    };
    let n = columns::norm(first);
    (texts.len() == 1 || row.is_one_cell())
        && n.starts_with("продолжение")
        && n.split(' ').count() <= 4
}

/// Text that goes on from the row above: a lower-case start or a list mark.
fn continues_text(text: &str) -> bool {
    match text.chars().next() {
        Some(c) if c.is_alphabetic() => c.is_lowercase(),
        Some(c) => !c.is_numeric() && !matches!(c, '«' | '"' | '“' | '„'),
        None => true,
    }
}

/// Appends a continuation to a field, unless it only repeats it.
fn append(field: &mut String, more: &str) {
    if more.is_empty() || field.ends_with(more) {
        return;
    }
    if !field.is_empty() {
        field.push(' ');
    }
    field.push_str(more);
}

/// Sets each item's parent from the numbering: «1.1» under «1», «6.1.1»
/// under «6.1» (or «6» when there is no «6.1»); an unnumbered item under the
/// parent of the item before it.
fn nest(items: &mut [Item]) {
    let mut open: Vec<(Vec<u32>, usize)> = Vec::new();
    for i in 0..items.len() {
        let Some(segs) = columns::segments(&items[i].n) else {
            items[i].parent = i.checked_sub(1).and_then(|p| items[p].parent);
            continue;
        };
        while open
            .last()
            .is_some_and(|(s, _)| !(s.len() < segs.len() && segs.starts_with(s)))
        {
            open.pop();
        }
        items[i].parent = open.last().map(|(_, k)| *k);
        open.push((segs, i));
    }
}

/// The roadmap's title: the heading above the table.
fn title(doc: &Document, t: usize, header: usize) -> String {
    let table = &doc.tables[t];
    // Rows above the header (Excel, CSV) count as text before the table.
    let mut before: Vec<String> = table.before.clone();
    for row in table.rows.iter().take(header) {
        let text: Vec<&str> = row
            .cells
            .iter()
            .enumerate()
            .filter(|(c, cell)| cell.origin.1 == *c && !cell.text.is_empty())
            .map(|(_, cell)| cell.text.as_str())
            .collect();
        if !text.is_empty() {
            before.push(text.join(" "));
        }
    }
    let named = before.iter().rev().take(6).find(|p| {
        let n = columns::norm(p);
        ["дорожн", "план мероприятий", "этапы", "мероприятия по"]
            .iter()
            .any(|w| n.contains(w))
            && p.chars().count() >= 12
    });
    named
        .or_else(|| {
            before
                .iter()
                .rev()
                .find(|p| p.chars().count() >= 12 && !columns::norm(p).starts_with("приложение"))
        })
        .cloned()
        .unwrap_or_else(|| "Дорожная карта внедрения целевой модели наставничества".to_string())
}

/// The roadmap's years: those of its title, else those its deadlines name, else this year.
fn years(title: &str, items: &[Item], today: NaiveDate) -> (i32, i32) {
    let found = |text: &str, out: &mut Vec<i32>| {
        let chars: Vec<char> = text.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if chars[i].is_ascii_digit() {
                let start = i;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                if i - start == 4 {
                    let y: i32 = chars[start..i]
                        .iter()
                        .collect::<String>()
                        .parse()
                        .unwrap_or(0);
                    if (2000..=2100).contains(&y) {
                        out.push(y);
                    }
                }
            } else {
                i += 1;
            }
        }
    };
    let mut ys = Vec::new();
    found(title, &mut ys);
    if ys.is_empty() {
        for item in items {
            found(&item.due, &mut ys);
        }
        // A typo far from the others («2620») is no year of the roadmap.
        ys.retain(|y| (2000..=today.year() + 10).contains(y));
    }
    match (ys.iter().min(), ys.iter().max()) {
        (Some(a), Some(b)) => (*a, *b),
        _ => (today.year(), today.year()),
    }
}

/// The YAML of `data/roadmap.yaml`, with a comment saying where it came from.
pub fn to_yaml(read: &Read, source: &str, today: NaiveDate) -> String {
    let mut y = String::new();
    let _ = writeln!(
        y,
        "# Дорожная карта перенесена из файла «{source}» (строки {}–{} таблицы)\n# командой nastavnik import roadmap {}.",
        read.rows.0,
        read.rows.1,
        today.format("%d.%m.%Y")
    );
    y.push_str(
        "# Сроки (due) записаны так, как в документе; статус пункта программа считает сама.\n",
    );
    y.push_str("# Отметьте выполненные пункты: done: true, или report: ссылка на подтверждение.\n");
    let _ = writeln!(y, "title: {}", yaml_str(&read.title));
    if read.years.0 == read.years.1 {
        let _ = writeln!(y, "year: {}", read.years.0);
    } else {
        let _ = writeln!(y, "years: [{}, {}]", read.years.0, read.years.1);
    }
    y.push_str("items:\n");
    write_items(&mut y, &read.items, None, 1);
    y
}

fn write_items(y: &mut String, items: &[Item], parent: Option<usize>, depth: usize) {
    let pad = "  ".repeat(depth);
    for (i, item) in items
        .iter()
        .enumerate()
        .filter(|(_, it)| it.parent == parent)
    {
        let _ = writeln!(y, "{}- n: {}", &pad[2..], yaml_str(&item.n));
        let _ = writeln!(y, "{pad}title: {}", yaml_str(&item.title));
        for (key, value) in [
            ("due", &item.due),
            ("responsible", &item.responsible),
            ("result", &item.result),
        ] {
            if !value.is_empty() {
                let _ = writeln!(y, "{pad}{key}: {}", yaml_str(value));
            }
        }
        if items.iter().any(|it| it.parent == Some(i)) {
            let _ = writeln!(y, "{pad}items:");
            write_items(y, items, Some(i), depth + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::office::{Cell, Row};

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            before: vec!["План мероприятий (дорожная карта) на 2024 год".to_string()],
            sheet: None,
            rows: rows
                .iter()
                .enumerate()
                .map(|(r, cells)| Row {
                    number: r + 1,
                    cells: cells
                        .iter()
                        .enumerate()
                        .map(|(c, t)| Cell {
                            text: t.to_string(),
                            origin: (r, c),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 6, 1).unwrap()
    }

    #[test]
    fn numbering_nests_and_continuations_join() {
        let doc = Document {
            tables: vec![table(&[
                &["№ п/п", "Мероприятие", "Срок", "Ответственный"],
                &["1", "2", "3", "4"],
                &["1.", "Нормативное регулирование", "", ""],
                &["1.1", "Утверждение карты", "До 10 февраля 2024 года", "УО"],
                &["", "и её публикация", "", "ОО"],
                &["1.2.", "Приказы", "До 1 марта 2024 года", "ОО"],
                &["", "Популяризация", "В течение года", "УО"],
                &["2", "Поддержка", "", ""],
                &["2.1.1", "Аудит", "Май 2024", "УО"],
            ])],
        };
        let read = read(&doc, Path::new("plan.csv"), today()).unwrap();
        let ns: Vec<(&str, Option<usize>)> = read
            .items
            .iter()
            .map(|i| (i.n.as_str(), i.parent))
            .collect();
        assert_eq!(
            ns,
            [
                ("1", None),
                ("1.1", Some(0)),
                ("1.2", Some(0)),
                ("", Some(0)),
                ("2", None),
                ("2.1.1", Some(4))
            ]
        );
        assert_eq!(read.items[1].title, "Утверждение карты и её публикация");
        assert_eq!(read.items[1].responsible, "УО ОО");
        assert_eq!(read.years, (2024, 2024));
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        let yaml = to_yaml(&read, "plan.csv", today());
        assert!(yaml.starts_with("# Дорожная карта перенесена из файла «plan.csv»"));
        assert!(yaml.contains("\n  - n: '1.1'\n    title: Утверждение карты и её публикация\n    due: До 10 февраля 2024 года\n"), "{yaml}");
        assert!(yaml.contains("year: 2024\n"));
    }

    #[test]
    fn the_title_is_the_row_above_the_header_not_the_header() {
        let mut t = table(&[
            &["Дорожная карта на 2021 год", "", ""],
            &["№ п/п", "Мероприятие", "Срок"],
            &["1", "Первое", "Май 2021"],
        ]);
        t.before.clear();
        let got = read(
            &Document {
                tables: vec![t.clone()],
            },
            Path::new("p.csv"),
            today(),
        )
        .unwrap();
        assert_eq!(got.title, "Дорожная карта на 2021 год");
        assert_eq!(got.years, (2021, 2021));
        let mut t = table(&[
            &["№ п/п", "Мероприятие", "Срок"],
            &["1", "Первое", "Май 2021"],
        ]);
        t.before.clear();
        let got = read(&Document { tables: vec![t] }, Path::new("p.csv"), today()).unwrap();
        assert_eq!(
            got.title,
            "Дорожная карта внедрения целевой модели наставничества"
        );
    }

    #[test]
    fn duplicates_lose_their_number_and_are_reported() {
        let doc = Document {
            tables: vec![table(&[
                &["№ п/п", "Мероприятие", "Срок"],
                &["1", "Первое", "Май 2024"],
                &["1.", "Второе", "Июнь 2024"],
                &["", "", "Июль"],
            ])],
        };
        let read = read(&doc, Path::new("p.docx"), today()).unwrap();
        assert_eq!(read.items[1].n, "");
        assert_eq!(read.items[1].due, "Июнь 2024 Июль");
        assert_eq!(read.problems.len(), 1);
        assert!(read.problems[0].message.contains("номер «1» уже есть"));
        assert_eq!(read.problems[0].line, 3);
    }

    #[test]
    fn no_roadmap_is_an_error_naming_the_headers() {
        let doc = Document {
            tables: vec![table(&[
                &["Наименование показателя", "2024 г."],
                &["Доля", "70"],
            ])],
        };
        let e = read(&doc, Path::new("p.xlsx"), today()).unwrap_err();
        assert!(e[0].message.contains("не найдена таблица дорожной карты"));
        assert!(e[0].hint.as_deref().unwrap().contains("import kpi"));
    }

    #[test]
    fn years_from_the_deadlines_skip_typos() {
        let items = [
            Item {
                due: "Май-октябрь 2020 г".into(),
                ..Item::default()
            },
            Item {
                due: "Октябрь-декабрь 2620 г.".into(),
                ..Item::default()
            },
            Item {
                due: "2021-2024 гг.".into(),
                ..Item::default()
            },
        ];
        assert_eq!(years("Дорожная карта", &items, today()), (2020, 2024));
        assert_eq!(
            years("на 2020-2021 учебный год", &items, today()),
            (2020, 2021)
        );
    }
}
