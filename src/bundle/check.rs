//! Reading a received bundle: every problem of a file at once, in Russian,
//! with the line where one can be found. Used by `nastavnik bundle check` and
//! by a district build, so both judge a bundle the same way.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::{Bundle, SCHEMA};
use crate::diagnostics::Diagnostic;

/// A bundle read without errors, with the file it came from.
#[derive(Debug, Clone)]
pub struct Received {
    /// The file as given (for messages).
    pub path: PathBuf,
    pub bundle: Bundle,
}

const REFETCH: &str =
    "получите файл заново: это public/export/bundle.json из сборки сайта школы (nastavnik build)";

/// Reads and checks one bundle; `shown` is the path used in messages.
pub fn read(file: &Path, shown: &Path) -> Result<Bundle, Vec<Diagnostic>> {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(vec![Diagnostic::error(
                shown,
                0,
                0,
                "файл пакета не найден",
            )
            .hint(
                "проверьте путь; пакет школы — это файл export/bundle.json из её собранного сайта",
            )])
        }
        Err(e) => {
            return Err(vec![Diagnostic::error(
                shown,
                0,
                0,
                format!("не удалось прочитать файл: {e}"),
            )])
        }
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Err(vec![Diagnostic::error(
            shown,
            0,
            0,
            "файл не в кодировке UTF-8: это не bundle.json nastavnik",
        )
        .hint(REFETCH)]);
    };
    parse(text, shown)
}

/// Checks the text of a bundle.
pub fn parse(text: &str, shown: &Path) -> Result<Bundle, Vec<Diagnostic>> {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return Err(vec![json_error(&e, shown)]),
    };
    let Value::Object(top) = value else {
        return Err(vec![Diagnostic::error(
            shown,
            1,
            1,
            "в файле не объект JSON: это не bundle.json nastavnik",
        )
        .hint(REFETCH)]);
    };
    let at = Locator { text, shown };
    let mut problems = Vec::new();
    match top.get("schema") {
        None => {
            return Err(vec![Diagnostic::error(
                shown,
                1,
                1,
                "нет поля «schema»: это не bundle.json nastavnik",
            )
            .hint(REFETCH)])
        }
        Some(Value::Number(n)) if n.as_u64() == Some(u64::from(SCHEMA)) => {}
        Some(Value::Number(n)) if n.as_u64().is_some_and(|v| v > u64::from(SCHEMA)) => {
            let (line, col) = at.key("schema");
            return Err(vec![Diagnostic::error(
                shown,
                line,
                col,
                format!("пакет записан по схеме {n}, более новой, чем знает эта программа (схема {SCHEMA})"),
            )
            .hint("обновите nastavnik до версии, которой собран пакет школы, или попросите школу собрать его той же версией, что у вас")]);
        }
        Some(other) => {
            let (line, col) = at.key("schema");
            return Err(vec![Diagnostic::error(
                shown,
                line,
                col,
                format!("неизвестная версия схемы пакета: {other}"),
            )
            .hint(format!("эта программа читает пакеты схемы {SCHEMA}"))]);
        }
    }

    match top.get("organization") {
        Some(Value::Object(org)) => {
            for key in ["name", "slug"] {
                require_str(
                    org,
                    key,
                    "organization",
                    &at,
                    at.key("organization"),
                    &mut problems,
                );
            }
            if let Some(Value::String(slug)) = org.get("slug") {
                if !is_slug(slug) {
                    let (line, col) = at.value(slug);
                    problems.push(Diagnostic::error(
                        shown,
                        line,
                        col,
                        format!("адрес организации «{slug}» — не латинский адрес"),
                    ));
                }
            }
            if let Some(Value::String(base)) = org.get("base_url") {
                if !(base.starts_with("https://") || base.starts_with("http://"))
                    || !base.ends_with('/')
                {
                    let (line, col) = at.value(base);
                    problems.push(Diagnostic::error(
                        shown,
                        line,
                        col,
                        format!("адрес раздела «{base}» должен быть полным и оканчиваться на «/»"),
                    ));
                }
            }
        }
        Some(_) => problems
            .push(at.error_at_key("organization", "поле «organization» должно быть объектом")),
        None => problems.push(
            Diagnostic::error(shown, 1, 1, "нет обязательного поля «organization»").hint(REFETCH),
        ),
    }

    let contests = list(&top, "contests", &at, &mut problems);
    let mut contest_slugs = HashSet::new();
    for (i, c) in contests.iter().enumerate() {
        let Some(obj) = object(c, "contests", i, &at, &mut problems) else {
            continue;
        };
        let pos = item_pos(obj, &at);
        for key in ["slug", "title", "status"] {
            require_str(obj, key, &format!("contests[{i}]"), &at, pos, &mut problems);
        }
        if let Some(Value::String(s)) = obj.get("status") {
            if !matches!(
                s.as_str(),
                "announced" | "accepting" | "judging" | "finished"
            ) {
                problems.push(
                    at.error_at(
                        pos,
                        format!("у конкурса contests[{i}] неизвестный статус «{s}»"),
                    )
                    .hint("допустимо: announced, accepting, judging, finished"),
                );
            }
        }
        if let Some(Value::String(slug)) = obj.get("slug") {
            if !contest_slugs.insert(slug.as_str()) {
                problems.push(at.error_at(pos, format!("конкурс «{slug}» указан в пакете дважды")));
            }
        }
    }

    let practices = list(&top, "practices", &at, &mut problems);
    let mut practice_slugs = HashSet::new();
    for (i, p) in practices.iter().enumerate() {
        let Some(obj) = object(p, "practices", i, &at, &mut problems) else {
            continue;
        };
        let pos = item_pos(obj, &at);
        let name = format!("practices[{i}]");
        for key in ["slug", "url", "title", "level", "organization"] {
            require_str(obj, key, &name, &at, pos, &mut problems);
        }
        match obj.get("year") {
            Some(Value::Number(n)) if n.as_i64().is_some() => {}
            Some(_) => problems.push(at.error_at(
                pos,
                format!("в {name} поле «year» должно быть целым числом (год)"),
            )),
            None => {
                problems.push(at.error_at(pos, format!("в {name} нет обязательного поля «year»")))
            }
        }
        if let Some(Value::String(level)) = obj.get("level") {
            if !matches!(
                level.as_str(),
                "школьный" | "муниципальный" | "региональный" | "федеральный"
            ) {
                problems.push(
                    at.error_at(pos, format!("в {name} неизвестный уровень «{level}»"))
                        .hint("допустимо: школьный, муниципальный, региональный, федеральный"),
                );
            }
        }
        if let Some(Value::String(slug)) = obj.get("slug") {
            if !is_slug(slug) {
                problems.push(
                    at.error_at(pos, format!("адрес практики «{slug}» — не латинский адрес")),
                );
            } else if !practice_slugs.insert(slug.as_str()) {
                problems
                    .push(at.error_at(pos, format!("практика «{slug}» указана в пакете дважды")));
            }
        }
        let awards = obj.get("award").into_iter().chain(
            obj.get("awards")
                .and_then(Value::as_array)
                .into_iter()
                .flatten(),
        );
        for award in awards {
            match award.get("contest") {
                Some(Value::String(contest)) if !contest_slugs.contains(contest.as_str()) => {
                    let (line, col) = at.value_after(pos, contest);
                    problems.push(
                        Diagnostic::error(
                            shown,
                            line,
                            col,
                            format!("практика «{}» ссылается на конкурс «{contest}», которого нет в пакете", str_of(obj, "slug")),
                        )
                        .hint("в пакете должны быть все конкурсы, которые упоминают практики: соберите пакет школы заново"),
                    );
                }
                Some(Value::String(_)) => {}
                _ => problems.push(
                    at.error_at(pos, format!("у награды практики {name} нет поля «contest»")),
                ),
            }
        }
    }

    for (i, p) in list(&top, "programs", &at, &mut problems)
        .iter()
        .enumerate()
    {
        let Some(obj) = object(p, "programs", i, &at, &mut problems) else {
            continue;
        };
        let pos = item_pos(obj, &at);
        for key in ["slug", "title"] {
            require_str(obj, key, &format!("programs[{i}]"), &at, pos, &mut problems);
        }
    }

    if let Some(kpi) = top.get("kpi") {
        check_kpi(kpi, &at, &mut problems);
    }
    if let Some(roadmap) = top.get("roadmap") {
        match roadmap.get("items").and_then(Value::as_array) {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    let status = item.get("status").and_then(Value::as_str).unwrap_or("");
                    if !matches!(
                        status,
                        "done" | "overdue" | "in_progress" | "upcoming" | "no_deadline"
                    ) {
                        let (line, col) = at.key("roadmap");
                        problems.push(Diagnostic::error(shown, line, col,
                            format!("у пункта дорожной карты roadmap.items[{i}] нет статуса или он неизвестен («{status}»)"))
                            .hint("допустимо: done, overdue, in_progress, upcoming, no_deadline"));
                    }
                }
            }
            None => problems.push(at.error_at_key("roadmap", "в «roadmap» нет списка «items»")),
        }
    }

    if !problems.is_empty() {
        return Err(problems);
    }
    serde_json::from_value(Value::Object(top)).map_err(|e| {
        vec![Diagnostic::error(shown, 0, 0, format!("пакет не прочитан: {e}")).hint(REFETCH)]
    })
}

fn check_kpi(kpi: &Value, at: &Locator, problems: &mut Vec<Diagnostic>) {
    let Some(indicators) = kpi.get("indicators").and_then(Value::as_array) else {
        problems.push(at.error_at_key("kpi", "в «kpi» нет списка «indicators»"));
        return;
    };
    let mut ids = HashSet::new();
    for (i, ind) in indicators.iter().enumerate() {
        let Some(obj) = ind.as_object() else {
            problems
                .push(at.error_at_key("kpi", format!("kpi.indicators[{i}] должен быть объектом")));
            continue;
        };
        let pos = match obj.get("id") {
            Some(Value::String(id)) => at.value(id),
            _ => at.key("kpi"),
        };
        let name = format!("kpi.indicators[{i}]");
        for key in ["id", "title", "method"] {
            require_str(obj, key, &name, at, pos, problems);
        }
        if let Some(Value::String(m)) = obj.get("method") {
            if !matches!(m.as_str(), "ratio" | "survey" | "count" | "value") {
                problems.push(
                    at.error_at(
                        pos,
                        format!("у показателя {name} неизвестный способ расчёта «{m}»"),
                    )
                    .hint("допустимо: ratio, survey, count, value"),
                );
            }
        }
        if let Some(Value::String(id)) = obj.get("id") {
            if !ids.insert(id.as_str()) {
                problems
                    .push(at.error_at(pos, format!("показатель «{id}» указан в пакете дважды")));
            }
        }
        for fact in obj
            .get("facts")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let period = fact.get("period").and_then(Value::as_str).unwrap_or("");
            if !is_period(period) {
                problems.push(at.error_at(
                    pos,
                    format!("у показателя {name} период «{period}» не в формате ГГГГ-ММ"),
                ));
            }
            for key in ["numerator", "denominator", "value"] {
                if fact.get(key).is_some_and(|v| !v.is_number()) {
                    problems.push(at.error_at(
                        pos,
                        format!("у показателя {name} за {period} поле «{key}» — не число"),
                    ));
                }
            }
        }
    }
}

/// Checks every bundle given (folders: their `.json` files), and that no two
/// are of the same organization. Returns the good ones and every problem.
pub fn check_files(given: &[PathBuf]) -> (Vec<Received>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in given {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(path)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path())
                .filter(|p| p.extension().is_some_and(|e| e == "json"))
                .collect();
            found.sort();
            if found.is_empty() {
                problems.push(
                    Diagnostic::error(path, 0, 0, "в папке нет файлов .json")
                        .hint("положите в неё пакеты школ (bundle.json) или укажите файлы"),
                );
            }
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    let mut received = Vec::new();
    for file in files {
        match read(&file, &file) {
            Ok(bundle) => received.push(Received { path: file, bundle }),
            Err(ds) => problems.extend(ds),
        }
    }
    problems.extend(duplicate_organizations(
        received.iter().map(|r| (r.path.as_path(), &r.bundle)),
    ));
    (received, problems)
}

/// Two sources of one organization: an error at the second, naming the first.
pub fn duplicate_organizations<'a>(
    sources: impl IntoIterator<Item = (&'a Path, &'a Bundle)>,
) -> Vec<Diagnostic> {
    let mut by_slug: HashMap<String, &Path> = HashMap::new();
    let mut by_name: HashMap<String, &Path> = HashMap::new();
    let mut problems = Vec::new();
    for (path, b) in sources {
        let org = &b.organization;
        let first = by_slug
            .get(&org.slug)
            .or_else(|| by_name.get(&org.name.to_lowercase()))
            .copied();
        if let Some(first) = first {
            problems.push(
                Diagnostic::error(
                    path,
                    0,
                    0,
                    format!(
                        "организация «{}» ({}) уже есть в другом источнике: {}",
                        org.name,
                        org.slug,
                        first.display()
                    ),
                )
                .hint("каждая школа должна входить в район один раз: уберите один из источников"),
            );
        } else {
            by_slug.insert(org.slug.clone(), path);
            by_name.insert(org.name.to_lowercase(), path);
        }
    }
    problems
}

fn json_error(e: &serde_json::Error, shown: &Path) -> Diagnostic {
    use serde_json::error::Category;
    let (line, col) = (e.line(), e.column());
    match e.classify() {
        Category::Eof => Diagnostic::error(
            shown,
            line,
            col,
            "файл обрывается: JSON не закончен (файл скопирован не полностью?)",
        )
        .hint(REFETCH),
        Category::Syntax => Diagnostic::error(
            shown,
            line,
            col,
            "ошибка в записи JSON: лишний или пропущенный знак («,», «:», кавычка, скобка)",
        )
        .hint(REFETCH),
        Category::Data | Category::Io => {
            Diagnostic::error(shown, line, col, format!("файл не прочитан как JSON: {e}"))
                .hint(REFETCH)
        }
    }
}

/// Finds lines in the bundle's text for messages.
struct Locator<'a> {
    text: &'a str,
    shown: &'a Path,
}

impl Locator<'_> {
    fn pos_of(&self, offset: usize) -> (usize, usize) {
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }

    /// The first `"key":`.
    fn key(&self, key: &str) -> (usize, usize) {
        self.find(&format!("\"{key}\""), 0).unwrap_or((1, 1))
    }

    /// The first place a string value is written.
    fn value(&self, value: &str) -> (usize, usize) {
        self.value_after((1, 1), value)
    }

    /// The first place a string value is written at or after a line.
    fn value_after(&self, (line, _): (usize, usize), value: &str) -> (usize, usize) {
        let start = self
            .text
            .match_indices('\n')
            .nth(line.saturating_sub(2))
            .map_or(0, |(i, _)| if line > 1 { i + 1 } else { 0 });
        let quoted = serde_json::to_string(value).unwrap_or_default();
        self.find(&quoted, start).unwrap_or((line, 1))
    }

    fn find(&self, needle: &str, from: usize) -> Option<(usize, usize)> {
        let start = from.min(self.text.len());
        self.text
            .get(start..)?
            .find(needle)
            .map(|i| self.pos_of(start + i))
    }

    fn error_at(&self, (line, col): (usize, usize), message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.shown, line, col, message)
    }

    fn error_at_key(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        self.error_at(self.key(key), message)
    }
}

/// Where an item is: its `slug` value, else unknown.
fn item_pos(obj: &Map<String, Value>, at: &Locator) -> (usize, usize) {
    match obj.get("slug") {
        Some(Value::String(s)) => at
            .find(
                &format!("\"slug\": {}", serde_json::to_string(s).unwrap_or_default()),
                0,
            )
            .unwrap_or_else(|| at.value(s)),
        _ => (0, 0),
    }
}

fn list<'a>(
    top: &'a Map<String, Value>,
    key: &str,
    at: &Locator,
    problems: &mut Vec<Diagnostic>,
) -> &'a [Value] {
    match top.get(key) {
        Some(Value::Array(items)) => items,
        Some(_) => {
            problems.push(at.error_at_key(key, format!("поле «{key}» должно быть списком")));
            &[]
        }
        None => &[],
    }
}

fn object<'a>(
    v: &'a Value,
    key: &str,
    i: usize,
    at: &Locator,
    problems: &mut Vec<Diagnostic>,
) -> Option<&'a Map<String, Value>> {
    let obj = v.as_object();
    if obj.is_none() {
        problems.push(at.error_at_key(key, format!("{key}[{i}] должен быть объектом")));
    }
    obj
}

fn require_str(
    obj: &Map<String, Value>,
    key: &str,
    name: &str,
    at: &Locator,
    pos: (usize, usize),
    problems: &mut Vec<Diagnostic>,
) {
    match obj.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => {}
        Some(Value::String(_)) => {
            problems.push(at.error_at(pos, format!("в {name} поле «{key}» пустое")))
        }
        Some(_) => {
            problems.push(at.error_at(pos, format!("в {name} поле «{key}» должно быть строкой")))
        }
        None => problems.push(
            at.error_at(pos, format!("в {name} нет обязательного поля «{key}»"))
                .hint(REFETCH),
        ),
    }
}

fn str_of<'a>(obj: &'a Map<String, Value>, key: &str) -> &'a str {
    obj.get(key).and_then(Value::as_str).unwrap_or("")
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn is_period(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7
        && b[4] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || c.is_ascii_digit())
        && matches!(
            &s[5..],
            "01" | "02" | "03" | "04" | "05" | "06" | "07" | "08" | "09" | "10" | "11" | "12"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        match parse(text, Path::new("b.json")) {
            Ok(_) => Vec::new(),
            Err(ds) => ds.iter().map(ToString::to_string).collect(),
        }
    }

    const GOOD: &str = r#"{
  "schema": 1,
  "generator": "nastavnik 0.1.0",
  "today": "2024-06-01",
  "organization": {"name": "МБОУ СОШ № 1", "slug": "mbou-sosh-1", "level": "school"},
  "practices": [
    {"slug": "a", "url": "praktiki/a/", "title": "А", "year": 2023, "level": "школьный",
     "organization": "МБОУ СОШ № 1", "award": {"contest": "k", "place": 1}}
  ],
  "programs": [],
  "contests": [{"slug": "k", "url": "konkursy/k/", "title": "К", "status": "finished"}]
}"#;

    #[test]
    fn a_good_bundle_reads() {
        let b = parse(GOOD, Path::new("b.json")).expect("reads");
        assert_eq!(b.organization.slug, "mbou-sosh-1");
        assert_eq!(b.practices[0].all_awards()[0].contest, "k");
        assert!(problems(GOOD).is_empty());
    }

    #[test]
    fn newer_and_unknown_schemas() {
        let p = problems(&GOOD.replace("\"schema\": 1", "\"schema\": 2"));
        assert_eq!(p.len(), 1);
        assert!(
            p[0].starts_with("b.json:2:3: ошибка: пакет записан по схеме 2"),
            "{p:?}"
        );
        let p = problems(&GOOD.replace("\"schema\": 1", "\"schema\": \"1\""));
        assert!(p[0].contains("неизвестная версия схемы"), "{p:?}");
        let p = problems(&GOOD.replace("\"schema\": 1,", ""));
        assert!(p[0].contains("нет поля «schema»"), "{p:?}");
    }

    #[test]
    fn truncated_json_names_the_position() {
        let cut = GOOD.find("\"programs\"").expect("programs");
        let p = problems(&GOOD[..cut]);
        assert_eq!(p.len(), 1);
        assert!(p[0].starts_with("b.json:10:"), "{p:?}");
        assert!(p[0].contains("файл обрывается"), "{p:?}");
    }

    #[test]
    fn every_problem_of_a_file_at_once() {
        let text = GOOD
            .replace(r#""title": "А", "#, "")
            .replace(r#""contest": "k""#, r#""contest": "nope""#)
            .replace(r#""slug": "mbou-sosh-1", "#, "");
        let p = problems(&text);
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(p
            .iter()
            .any(|m| m.contains("в organization нет обязательного поля «slug»")));
        assert!(p
            .iter()
            .any(|m| m.contains("в practices[0] нет обязательного поля «title»")));
        assert!(
            p.iter().any(|m| m.starts_with("b.json:8:")
                && m.contains("практика «a» ссылается на конкурс «nope», которого нет в пакете")),
            "{p:?}"
        );
    }
}
