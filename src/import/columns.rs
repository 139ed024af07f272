//! Which column is which: headers as municipal orders write them, the row
//! of column numbers under a header («1 2 3 4 5»), item numbers («1.»,
//! «6.1.1»), years of an indicator plan («2020 г.», «2023 год»).

use crate::office::{Row, Table};

/// How many rows from the top of a table are searched for its header.
const HEADER_DEPTH: usize = 15;

/// The roles of a roadmap's columns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RoadmapColumns {
    pub number: Option<usize>,
    pub title: usize,
    pub due: Option<usize>,
    pub responsible: Option<usize>,
    pub result: Option<usize>,
}

/// Header text made comparable: lower case, «ё» as «е», punctuation as spaces.
pub fn norm(text: &str) -> String {
    let lower = text.to_lowercase().replace('ё', "е");
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        if c.is_alphanumeric() || c == '№' || c == '/' {
            out.push(c);
        } else {
            out.push(' ');
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Number,
    Title,
    Due,
    Responsible,
    Result,
}

fn role(header: &str) -> Option<Role> {
    let h = norm(header);
    if h.is_empty() {
        return None;
    }
    let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
    if h.starts_with('№') || h == "n" || h == "n п/п" || h == "п/п" || h.starts_with("номер")
    {
        return Some(Role::Number);
    }
    if has(&["ответствен", "исполнител", "кто проводит"]) {
        return Some(Role::Responsible);
    }
    if has(&["срок", "дата", "период исполн", "когда"]) {
        return Some(Role::Due);
    }
    if has(&[
        "результат",
        "вид документа",
        "форма отчет",
        "итог",
        "отчетн",
        "документ",
    ]) {
        return Some(Role::Result);
    }
    if has(&[
        "мероприят",
        "этап",
        "содержание",
        "наименование",
        "действи",
        "задач",
        "направлени",
    ]) && !h.contains("показател")
    {
        return Some(Role::Title);
    }
    None
}

/// The roles of `row` if it reads as a roadmap header: an activity column
/// and at least one of number, deadline or responsible.
pub fn roadmap_header(row: &Row) -> Option<RoadmapColumns> {
    let mut cols = RoadmapColumns::default();
    let mut title = None;
    for (c, cell) in row.cells.iter().enumerate() {
        if cell.origin.1 != c {
            continue;
        }
        match role(&cell.text) {
            Some(Role::Number) if cols.number.is_none() => cols.number = Some(c),
            Some(Role::Title) if title.is_none() => title = Some(c),
            Some(Role::Due) if cols.due.is_none() => cols.due = Some(c),
            Some(Role::Responsible) if cols.responsible.is_none() => cols.responsible = Some(c),
            Some(Role::Result) if cols.result.is_none() => cols.result = Some(c),
            _ => {}
        }
    }
    cols.title = title?;
    (cols.due.is_some() || cols.responsible.is_some() || cols.number.is_some()).then_some(cols)
}

/// The first roadmap header of the table: (row index, roles).
pub fn find_roadmap_header(table: &Table) -> Option<(usize, RoadmapColumns)> {
    table
        .rows
        .iter()
        .take(HEADER_DEPTH)
        .enumerate()
        .find_map(|(r, row)| roadmap_header(row).map(|cols| (r, cols)))
}

/// The columns of an indicator table: the name and one per year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KpiColumns {
    pub number: Option<usize>,
    pub name: usize,
    pub years: Vec<(usize, i32)>,
}

/// A year written as a column header: «2020», «2020 г.», «2023 год».
pub fn year_of(header: &str) -> Option<i32> {
    let h = norm(header);
    let mut words = h.split(' ');
    let first = words.next()?;
    let rest: Vec<&str> = words.collect();
    if first.len() != 4 || !first.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let ok_rest = match rest.as_slice() {
        [] => true,
        [w] => matches!(*w, "г" | "год" | "гг" | "года" | "план"),
        _ => false,
    };
    let year: i32 = first.parse().ok()?;
    (ok_rest && (1990..=2100).contains(&year)).then_some(year)
}

/// The first indicator header of the table: (row index, columns).
pub fn find_kpi_header(table: &Table) -> Option<(usize, KpiColumns)> {
    for (r, row) in table.rows.iter().take(HEADER_DEPTH).enumerate() {
        let mut years = Vec::new();
        let mut name = None;
        let mut number = None;
        for (c, cell) in row.cells.iter().enumerate() {
            if cell.origin.1 != c {
                continue;
            }
            if let Some(y) = year_of(&cell.text) {
                if !years.iter().any(|(_, y2)| *y2 == y) {
                    years.push((c, y));
                }
                continue;
            }
            let h = norm(&cell.text);
            if number.is_none() && role(&cell.text) == Some(Role::Number) {
                number = Some(c);
            } else if name.is_none()
                && ["показател", "наименование", "индикатор", "критери"]
                    .iter()
                    .any(|w| h.contains(w))
            {
                name = Some(c);
            }
        }
        if years.is_empty() {
            continue;
        }
        // Without a named column, the first column left of the years that is not the number.
        let name = name.or_else(|| {
            let first_year = years.iter().map(|(c, _)| *c).min().unwrap_or(0);
            (0..first_year).rev().find(|c| Some(*c) != number)
        });
        if let Some(name) = name {
            return Some((
                r,
                KpiColumns {
                    number,
                    name,
                    years,
                },
            ));
        }
    }
    None
}

/// A header row repeated further down: a cell names a year.
pub fn is_kpi_header(row: &Row) -> bool {
    row.cells.iter().any(|c| year_of(&c.text).is_some())
}

/// The row under a header that numbers the columns: «1 | 2 | 3 | 4 | 5».
pub fn is_column_numbers(row: &Row) -> bool {
    let texts: Vec<&str> = row
        .cells
        .iter()
        .enumerate()
        .filter(|(c, cell)| cell.origin.1 == *c)
        .map(|(_, cell)| cell.text.trim_end_matches('.'))
        .filter(|t| !t.is_empty())
        .collect();
    texts.len() >= 2
        && texts
            .iter()
            .enumerate()
            .all(|(i, t)| t.parse::<usize>().ok() == Some(i + 1))
}

/// An item number as written, without its final dot: «1.» → «1», «1.2.» →
/// «1.2»; `None` unless it is digits separated by dots.
pub fn item_number(text: &str) -> Option<String> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_end_matches('.');
    (!t.is_empty()
        && t.split('.').all(|part| {
            !part.is_empty() && part.len() <= 3 && part.chars().all(|c| c.is_ascii_digit())
        }))
    .then(|| t.to_string())
}

/// A number at the start of a heading: «1. Нормативное …» → («1», «Нормативное …»).
pub fn leading_number(text: &str) -> Option<(String, String)> {
    let end = text
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(text.len(), |(i, _)| i);
    let (head, rest) = text.split_at(end);
    let n = item_number(head)?;
    let rest = rest.trim_start();
    // «2020 год» is no item number; a number must be followed by a space or dot.
    let plausible = head.ends_with('.') || text[end..].starts_with(char::is_whitespace);
    (plausible && !rest.is_empty() && n.len() <= 8 && rest.starts_with(char::is_alphabetic))
        .then(|| (n, rest.to_string()))
}

/// The dot-separated parts of an item number: «6.1.1» → [6, 1, 1].
pub fn segments(n: &str) -> Option<Vec<u32>> {
    n.split('.').map(|p| p.parse().ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::office::Cell;

    fn row(texts: &[&str]) -> Row {
        Row {
            number: 1,
            cells: texts
                .iter()
                .enumerate()
                .map(|(c, t)| Cell {
                    text: t.to_string(),
                    origin: (0, c),
                })
                .collect(),
        }
    }

    #[test]
    fn headers_of_the_seed_orders() {
        let h = roadmap_header(&row(&[
            "№ п/п",
            "Наименование мероприятий",
            "Срок реализации",
            "Ответственный исполнитель",
            "Результат. Вид документа",
        ]))
        .unwrap();
        assert_eq!(
            h,
            RoadmapColumns {
                number: Some(0),
                title: 1,
                due: Some(2),
                responsible: Some(3),
                result: Some(4)
            }
        );
        let h = roadmap_header(&row(&[
            "№ п/п",
            "Мероприятие",
            "Сроки / место проведения",
            "Ответственный исполнитель",
            "Результат. Вид документа",
        ]))
        .unwrap();
        assert_eq!(h.due, Some(2));
        let h = roadmap_header(&row(&[
            "№ п/п",
            "Этапы внедрения целевой модели наставничества",
            "Сроки",
        ]))
        .unwrap();
        assert_eq!((h.title, h.due, h.responsible), (1, Some(2), None));
        let h = roadmap_header(&row(&[
            "№\nп/п",
            "Мероприятия",
            "Сроки исполнения",
            "Ответственные",
        ]))
        .unwrap();
        assert_eq!(h.responsible, Some(3));
        assert!(roadmap_header(&row(&["№ п/п", "Наименование показателя", "2020 г."])).is_none());
        assert!(roadmap_header(&row(&["1.1", "Утверждение", "до 29.05.2020"])).is_none());
    }

    #[test]
    fn indicator_headers() {
        let t = Table {
            rows: vec![row(&[
                "№ п/п",
                "Наименование показателя",
                "2020 г.",
                "2021 г.",
                "2024 г.",
            ])],
            ..Table::default()
        };
        let (_, k) = find_kpi_header(&t).unwrap();
        assert_eq!(k.name, 1);
        assert_eq!(k.years, [(2, 2020), (3, 2021), (4, 2024)]);
        assert_eq!(year_of("2023 год"), Some(2023));
        assert_eq!(year_of("2620 г."), None);
        assert_eq!(year_of("Срок 2020"), None);
    }

    #[test]
    fn numbers() {
        assert_eq!(item_number("1."), Some("1".into()));
        assert_eq!(item_number(" 1.10 "), Some("1.10".into()));
        assert_eq!(item_number("6.1.1"), Some("6.1.1".into()));
        assert_eq!(item_number("a"), None);
        assert_eq!(item_number(""), None);
        assert_eq!(
            leading_number("1. Нормативное правовое"),
            Some(("1".into(), "Нормативное правовое".into()))
        );
        assert_eq!(leading_number("2020 год"), None);
        assert!(is_column_numbers(&row(&["1", "2", "3", "4", "5"])));
        assert!(!is_column_numbers(&row(&["1", "Пункт", "Май"])));
        assert_eq!(segments("6.1.1"), Some(vec![6, 1, 1]));
    }
}
