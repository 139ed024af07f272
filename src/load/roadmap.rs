//! `data/roadmap.yaml` → [`Roadmap`]: the items (recursive in the file,
//! flattened depth first), their deadlines parsed and their statuses on
//! "today", the approving document and the reports checked.
//!
//! Problems are located by counting keys (see [`Source::locate_keys`]): the
//! m-th item that has a `due` is the m-th `due:` of the file, and so on.

use std::collections::HashSet;
use std::fmt;
use std::path::Path;

use serde::de::{self, Deserializer};
use serde::Deserialize;

use super::content::strip_kind;
use super::yaml::{self, OneOrMany};
use super::LoadContext;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::deadline::{is_school_year, parse_deadline_for};
use crate::model::roadmap::{self, Report, Roadmap, RoadmapItem};
use crate::text::source::Source;

/// Where the file lives in a site.
pub const PATH: &str = "data/roadmap.yaml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoadmapFm {
    title: String,
    year: Option<i32>,
    years: Option<Vec<i32>>,
    period: Option<SpanFm>,
    approved_by: Option<String>,
    #[serde(default)]
    items: Vec<ItemFm>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpanFm {
    from: i32,
    to: i32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemFm {
    #[serde(default)]
    n: Field<Scalar>,
    title: String,
    #[serde(default)]
    due: Field<Scalar>,
    responsible: Option<OneOrMany>,
    result: Option<String>,
    done: Option<bool>,
    #[serde(default)]
    report: Field<String>,
    #[serde(default)]
    items: Vec<ItemFm>,
}

/// A key that may be absent, or written with or without a value (`due:`):
/// every written key counts when keys are matched to their lines.
#[derive(Default)]
enum Field<T> {
    #[default]
    Missing,
    Written(Option<T>),
}

impl<T> Field<T> {
    fn written(&self) -> bool {
        matches!(self, Field::Written(_))
    }

    fn value(self) -> Option<T> {
        match self {
            Field::Written(v) => v,
            Field::Missing => None,
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(d).map(Field::Written)
    }
}

/// Text written as a string or a number (`n: 1.1`, `due: 2024`).
struct Scalar {
    text: String,
    /// Whether YAML read it as a number (its text may differ from what was written: 1.10 → 1.1).
    number: bool,
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("строка")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Scalar, E> {
                Ok(Scalar {
                    text: s.to_string(),
                    number: false,
                })
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Scalar, E> {
                Ok(Scalar {
                    text: n.to_string(),
                    number: true,
                })
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Scalar, E> {
                self.visit_i64(n as i64)
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Scalar, E> {
                Ok(Scalar {
                    text: n.to_string(),
                    number: true,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// Slugs a roadmap may link to.
pub struct Targets<'a> {
    pub documents: HashSet<&'a str>,
    pub news: HashSet<&'a str>,
}

/// Loads `data/roadmap.yaml` if the site has it; `None` when it is absent or
/// wrong (the problems, and the deadline warnings, go to `diags`).
pub fn load(
    root: &Path,
    ctx: &LoadContext,
    targets: &Targets,
    diags: &Diagnostics,
) -> Option<Roadmap> {
    let src = super::read_data(root, PATH, diags)?;
    let (roadmap, problems) = parse(&src, ctx, targets);
    diags.extend(problems);
    roadmap
}

/// Parses and checks the text of `data/roadmap.yaml`: the roadmap (unless
/// there are errors) and every problem, warnings included.
pub fn parse(
    src: &Source,
    ctx: &LoadContext,
    targets: &Targets,
) -> (Option<Roadmap>, Vec<Diagnostic>) {
    let fm: RoadmapFm = match yaml::parse(&src.yaml, &src.path, src.yaml_line) {
        Ok(fm) => fm,
        Err(d) => return (None, vec![d]),
    };
    let mut problems = Vec::new();
    if fm.title.trim().is_empty() {
        problems.push(src.error_at("title", "не заполнено название дорожной карты (title)").hint(
            "впишите название так, как оно записано в приказе, например «Дорожная карта внедрения целевой модели наставничества на 2024 год»",
        ));
    }
    let years = span(src, &fm).map_err(|d| problems.push(d)).ok();
    let approved_by = fm
        .approved_by
        .as_deref()
        .map(|a| strip_kind(a, "documents").to_string());
    if let Some(slug) = &approved_by {
        if !targets.documents.contains(slug.as_str()) {
            let (line, col) = src.locate("approved_by");
            problems.push(super::links::missing(
                &src.path,
                line,
                col,
                "документ",
                slug,
                "content/documents/",
            ));
        }
    }
    let Some(years) = years else {
        return (None, problems);
    };
    let mut flat = Vec::new();
    flatten(fm.items, 1, &mut flat);
    let mut keys = Keys::new(src);
    let mut items = Vec::with_capacity(flat.len());
    let mut n_at = Vec::with_capacity(flat.len());
    let school = is_school_year(&fm.title, years);
    for (k, item) in flat.into_iter().enumerate() {
        let span = (years, school);
        let (item, at) = convert(src, ctx, targets, &mut keys, span, k, item, &mut problems);
        items.push(item);
        n_at.push(at);
    }
    for (dup, first) in roadmap::duplicate_numbers(items.iter().map(|i| i.n.as_str())) {
        let (line, col) = n_at[dup];
        problems.push(
            Diagnostic::error(
                &src.path,
                line,
                col,
                format!(
                    "номер пункта «{}» повторяется: он уже есть у пункта «{}»",
                    items[dup].n,
                    short(&items[first].title)
                ),
            )
            .hint("у каждого пункта свой номер; пункт без номера оставьте с n: \"\""),
        );
    }
    if problems.iter().any(Diagnostic::is_error) {
        return (None, problems);
    }
    let roadmap = Roadmap {
        title: fm.title.trim().to_string(),
        years,
        approved_by,
        items,
        source: src.clone(),
    };
    (Some(roadmap), problems)
}

/// The years the roadmap covers: `year`, `years` or `period`, exactly one.
fn span(src: &Source, fm: &RoadmapFm) -> Result<(i32, i32), Diagnostic> {
    const HINT: &str = "укажите год дорожной карты: year: 2024, или её годы: years: [2020, 2024]";
    let given = [fm.year.is_some(), fm.years.is_some(), fm.period.is_some()];
    if given.iter().filter(|g| **g).count() > 1 {
        let key = if fm.year.is_some() { "year" } else { "years" };
        return Err(src
            .error_at(
                key,
                "годы дорожной карты указаны дважды (year, years или period)",
            )
            .hint(HINT));
    }
    let (key, first, last) = match (&fm.year, &fm.years, &fm.period) {
        (Some(y), _, _) => ("year", *y, *y),
        (_, Some(ys), _) => match (ys.iter().min(), ys.iter().max()) {
            (Some(a), Some(b)) => ("years", *a, *b),
            _ => return Err(src.error_at("years", "список years пуст").hint(HINT)),
        },
        (_, _, Some(p)) if p.from <= p.to => ("period", p.from, p.to),
        (_, _, Some(p)) => {
            return Err(src
                .error_at(
                    "period",
                    format!(
                        "начало дорожной карты ({}) позже её окончания ({})",
                        p.from, p.to
                    ),
                )
                .hint("поменяйте годы from и to местами"))
        }
        _ => {
            return Err(
                Diagnostic::error(&src.path, 1, 1, "не указан год дорожной карты").hint(HINT),
            )
        }
    };
    for y in [first, last] {
        if !(1990..=2100).contains(&y) {
            let (line, col) = src.locate_value(key, &y.to_string());
            return Err(Diagnostic::error(
                &src.path,
                line,
                col,
                format!("неправдоподобный год дорожной карты: {y}"),
            )
            .hint("укажите год четырьмя цифрами, например year: 2024"));
        }
    }
    Ok((first, last))
}

/// An item as written, with its depth and whether it has sub-items.
struct Flat {
    fm: ItemFm,
    depth: usize,
    has_children: bool,
}

fn flatten(items: Vec<ItemFm>, depth: usize, out: &mut Vec<Flat>) {
    for mut fm in items {
        let children = std::mem::take(&mut fm.items);
        out.push(Flat {
            fm,
            depth,
            has_children: !children.is_empty(),
        });
        flatten(children, depth + 1, out);
    }
}

/// The positions of the item keys, taken in file order as the items are converted.
struct Keys {
    n: std::vec::IntoIter<(usize, usize)>,
    due: std::vec::IntoIter<(usize, usize)>,
    report: std::vec::IntoIter<(usize, usize)>,
    /// Item titles (the roadmap's own title starts its line; items' are indented).
    titles: Vec<(usize, usize)>,
    fallback: (usize, usize),
}

impl Keys {
    fn new(src: &Source) -> Self {
        Keys {
            n: src.locate_keys("n").into_iter(),
            due: src.locate_keys("due").into_iter(),
            report: src.locate_keys("report").into_iter(),
            titles: src
                .locate_keys("title")
                .into_iter()
                .filter(|(_, col)| *col > 1)
                .collect(),
            fallback: src.locate("items"),
        }
    }

    /// Item `k`'s own `title:`.
    fn title(&self, k: usize) -> (usize, usize) {
        self.titles.get(k).copied().unwrap_or(self.fallback)
    }
}

/// One item of the model, and where its number is written (its title when it has none).
#[allow(clippy::too_many_arguments)]
fn convert(
    src: &Source,
    ctx: &LoadContext,
    targets: &Targets,
    keys: &mut Keys,
    (years, school): ((i32, i32), bool),
    k: usize,
    flat: Flat,
    problems: &mut Vec<Diagnostic>,
) -> (RoadmapItem, (usize, usize)) {
    let Flat {
        fm,
        depth,
        has_children,
    } = flat;
    let title_at = keys.title(k);
    let n_at = if fm.n.written() {
        keys.n.next().unwrap_or(title_at)
    } else {
        title_at
    };
    let n = fm.n.value().map(|s| {
        if s.number {
            raw_value(src, n_at).unwrap_or(s.text)
        } else {
            s.text
        }
    });
    if fm.title.trim().is_empty() {
        problems.push(
            Diagnostic::error(
                &src.path,
                title_at.0,
                title_at.1,
                "у пункта дорожной карты пустое название (title)",
            )
            .hint("впишите мероприятие так, как оно записано в приказе"),
        );
    }
    let due_at = if fm.due.written() {
        keys.due.next().unwrap_or(title_at)
    } else {
        title_at
    };
    let due = fm.due.value().and_then(|text| {
        let at = due_at;
        if text.text.trim().is_empty() {
            return None;
        }
        let (deadline, warning) = parse_deadline_for(&text.text, years, school);
        if let Some(w) = warning {
            problems.push(Diagnostic::warning(&src.path, at.0, at.1, w.message).hint(w.hint));
        }
        Some(deadline)
    });
    let report_at = if fm.report.written() {
        keys.report.next().unwrap_or(title_at)
    } else {
        title_at
    };
    let report = fm
        .report
        .value()
        .filter(|r| !r.trim().is_empty())
        .and_then(|r| {
            report(src, ctx, targets, report_at, &r)
                .map_err(|d| problems.push(d))
                .ok()
        });
    let done = fm.done.unwrap_or(report.is_some());
    let status = roadmap::item_status(due.as_ref(), done, ctx.today, roadmap::start_of(years));
    let item = RoadmapItem {
        n: n.map(|n| n.trim().to_string()).unwrap_or_default(),
        title: fm.title.trim().to_string(),
        depth,
        has_children,
        due,
        responsible: fm
            .responsible
            .map(|r| r.0.join(", "))
            .filter(|r| !r.trim().is_empty()),
        result: fm.result.filter(|r| !r.trim().is_empty()),
        done,
        report,
        status,
    };
    (item, n_at)
}

/// What is written after `key:` at `at`, for numbers YAML would rewrite (`n: 1.10`).
fn raw_value(src: &Source, at: (usize, usize)) -> Option<String> {
    let line = src.yaml.lines().nth(at.0.checked_sub(src.yaml_line)?)?;
    let from: usize = line
        .char_indices()
        .nth(at.1.saturating_sub(1))
        .map(|(i, _)| i)?;
    let rest = line[from..].split_once(':')?.1;
    let value = rest.split([',', '}', '#']).next()?.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// Where a report points: a web address, a document or news item, or a file under `static/`.
fn report(
    src: &Source,
    ctx: &LoadContext,
    targets: &Targets,
    at: (usize, usize),
    written: &str,
) -> Result<Report, Diagnostic> {
    let w = written.trim();
    if w.starts_with("https://") || w.starts_with("http://") {
        return Ok(Report::Url(w.to_string()));
    }
    let unknown = |what: &str, slug: &str, folder: &str| {
        super::links::missing(&src.path, at.0, at.1, what, slug, folder)
    };
    if let Some(slug) = w.strip_prefix("documents/") {
        let slug = slug.trim_end_matches('/');
        return if targets.documents.contains(slug) {
            Ok(Report::Document(slug.to_string()))
        } else {
            Err(unknown("документ", slug, "content/documents/"))
        };
    }
    if let Some(slug) = w.strip_prefix("news/") {
        let slug = slug.trim_end_matches('/');
        return if targets.news.contains(slug) {
            Ok(Report::News(slug.to_string()))
        } else {
            Err(unknown("новость", slug, "content/news/"))
        };
    }
    ctx.file(src, "report", w)
        .map(Report::File)
        .map_err(|mut d| {
            (d.line, d.col) = at;
            d.hint = Some(format!(
                "{}; отчёт можно указать и ссылкой https://…, или как documents/адрес, news/адрес",
                d.hint.unwrap_or_default()
            ));
            d
        })
}

/// The first words of a long title, for messages.
fn short(title: &str) -> String {
    let words: Vec<&str> = title.split_whitespace().collect();
    if words.len() <= 8 {
        words.join(" ")
    } else {
        format!("{} …", words[..8].join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SiteConfig;
    use crate::diagnostics::Severity;
    use crate::model::deadline::DeadlineKind;
    use crate::model::forms::Forms;
    use crate::model::roadmap::RoadmapStatus;
    use std::collections::HashMap;

    const TEXT: &str = "title: Дорожная карта на 2024 год
year: 2024
approved_by: documents/prikaz-58
items:
  - n: 1
    title: Нормативное обеспечение
    items:
      - n: 1.10
        title: Приказ о внедрении
        due: до 10.02.2024
        done: true
      - n: '1.2'
        title: Положение
        due: Сентябрь 2024
        report: news/itogi
  - n: ''
    title: Без номера
    due: по итогам года
  - {n: '2', title: Мониторинг, due: Октябрь-декабрь 2620 г.}
  - n: '3'
    title: Без срока
";

    fn run(text: &str) -> (Option<Roadmap>, Vec<Diagnostic>) {
        let config: SiteConfig =
            serde_yaml::from_str("organization: Школа\nbase_url: https://school.example/\n")
                .expect("config");
        let forms = Forms::default();
        let statics = HashMap::new();
        let ctx = LoadContext {
            config: &config,
            forms: &forms,
            today: chrono::NaiveDate::from_ymd_opt(2024, 6, 1).expect("date"),
            statics: &statics,
            root: Path::new("."),
        };
        let targets = Targets {
            documents: ["prikaz-58"].into_iter().collect(),
            news: ["itogi"].into_iter().collect(),
        };
        parse(&Source::from_text(Path::new(PATH), text), &ctx, &targets)
    }

    #[test]
    fn items_are_flattened_with_numbers_as_written() {
        let (roadmap, problems) = run(TEXT);
        let r = roadmap.expect("roadmap");
        let ns: Vec<(&str, usize, bool)> = r
            .items
            .iter()
            .map(|i| (i.n.as_str(), i.depth, i.has_children))
            .collect();
        assert_eq!(
            ns,
            vec![
                ("1", 1, true),
                ("1.10", 2, false),
                ("1.2", 2, false),
                ("", 1, false),
                ("2", 1, false),
                ("3", 1, false)
            ]
        );
        assert_eq!(r.years, (2024, 2024));
        assert_eq!(r.approved_by.as_deref(), Some("prikaz-58"));
        let statuses: Vec<RoadmapStatus> = r.items.iter().map(|i| i.status).collect();
        use RoadmapStatus::*;
        // A report marks an item done; no due means no deadline.
        assert_eq!(
            statuses,
            vec![NoDeadline, Done, Done, NoDeadline, NoDeadline, NoDeadline]
        );
        assert_eq!(r.items[2].report, Some(Report::News("itogi".into())));
        assert_eq!(
            r.items[4].due.as_ref().map(|d| d.kind),
            Some(DeadlineKind::Unknown)
        );
        // Two warnings, at the `due:` of their items; no warning for the item without due.
        let at: Vec<(Severity, usize)> = problems.iter().map(|d| (d.severity, d.line)).collect();
        assert_eq!(
            at,
            vec![(Severity::Warning, 18), (Severity::Warning, 19)],
            "{problems:?}"
        );
        assert!(
            problems[0]
                .message
                .contains("«по итогам года» не распознан"),
            "{}",
            problems[0]
        );
        assert!(problems[1].message.contains("год 2620"), "{}", problems[1]);
        assert_eq!(problems[1].col, 33);
    }

    #[test]
    fn duplicate_numbers_and_unknown_references_are_errors() {
        let (roadmap, problems) = run(&TEXT.replace("n: '3'", "n: '1.2.'"));
        assert!(roadmap.is_none());
        let d = problems.iter().find(|d| d.is_error()).expect("error");
        assert_eq!((d.line, d.col), (20, 5), "{d}");
        assert!(d.message.contains("номер пункта «1.2.» повторяется"), "{d}");

        let (_, problems) = run(&TEXT.replace("documents/prikaz-58", "documents/prikaz-59"));
        let d = problems.iter().find(|d| d.is_error()).expect("error");
        assert_eq!(d.line, 3);
        assert!(d.message.contains("«prikaz-59»"), "{d}");

        let (_, problems) = run(&TEXT.replace("news/itogi", "news/net-takoy"));
        let d = problems.iter().find(|d| d.is_error()).expect("error");
        assert_eq!(d.line, 15);

        let (_, problems) = run(&TEXT.replace("report: news/itogi", "report: files/otchet.pdf"));
        let d = problems.iter().find(|d| d.is_error()).expect("error");
        assert_eq!(d.line, 15, "{d}");
        assert!(d.message.contains("files/otchet.pdf"), "{d}");
    }

    #[test]
    fn years_in_any_of_three_forms() {
        let with = |years: &str| run(&TEXT.replace("year: 2024", years));
        assert_eq!(
            with("years: [2020, 2024]").0.map(|r| r.years),
            Some((2020, 2024))
        );
        assert_eq!(
            with("period: {from: 2021, to: 2023}").0.map(|r| r.years),
            Some((2021, 2023))
        );
        let (r, problems) = with("");
        assert!(r.is_none());
        assert!(
            problems[0].message.contains("не указан год"),
            "{}",
            problems[0]
        );
        let (_, problems) = with("year: 2024\nyears: [2024]");
        assert!(
            problems[0].message.contains("указаны дважды"),
            "{}",
            problems[0]
        );
        let (_, problems) = with("year: 20024");
        assert!(
            problems[0].message.contains("неправдоподобный год"),
            "{}",
            problems[0]
        );
        let (_, problems) = with("period: {from: 2024, to: 2020}");
        assert!(problems[0].message.contains("позже"), "{}", problems[0]);
    }

    #[test]
    fn an_empty_due_key_keeps_later_warnings_on_their_lines() {
        let text = TEXT.replace(
            "title: Без номера\n    due: по итогам года",
            "title: Без номера\n    due:",
        );
        let (_, problems) = run(&text);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, 19);
    }

    /// Every truncation of a good file, and odd values, give problems or a roadmap, never a panic.
    #[test]
    fn never_panics_on_truncated_or_odd_files() {
        let mut texts: Vec<String> = TEXT
            .char_indices()
            .map(|(i, _)| TEXT[..i].to_string())
            .collect();
        texts.push(TEXT.replace("n: 1.10", "n: 1e400"));
        texts.push(TEXT.replace("n: 1.10", "n: true"));
        texts.push(TEXT.replace("year: 2024", "year: 2147483647"));
        texts.push(TEXT.replace("year: 2024", "years: [-2147483648, 2147483647]"));
        texts.push(TEXT.replace(
            "due: Сентябрь 2024",
            "due: \"9\u{0}99999999999999999999 \u{FEFF}\"",
        ));
        for depth in [20, 100] {
            let mut deep = String::from("title: Глубокая\nyear: 2024\nitems:\n");
            for d in 0..depth {
                let pad = "    ".repeat(d);
                deep.push_str(&format!("{pad}  - title: уровень {d}\n{pad}    items:\n"));
            }
            deep.push_str(&format!("{}  - title: лист\n", "    ".repeat(depth)));
            texts.push(deep);
        }
        for text in texts {
            let _ = run(&text);
        }
    }
}
