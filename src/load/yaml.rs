//! The only module that talks to the YAML parser: swapping serde_yaml for a
//! maintained fork touches this file alone. It also turns the parser's English
//! errors into Russian diagnostics with a file position and a hint.

use std::fmt;
use std::path::Path;

use chrono::NaiveDate;
use serde::de::{self, DeserializeOwned, Deserializer};
use serde::Deserialize;

use crate::diagnostics::Diagnostic;

/// Parses `text` (which starts at 1-based line `first_line` of the file) into `T`.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    path: &Path,
    first_line: usize,
) -> Result<T, Diagnostic> {
    // An empty document is an empty mapping, so that "all fields missing" is
    // reported field by field rather than as a type error.
    let text = if text.trim().is_empty() { "{}" } else { text };
    if let Some(hazard) = super::yaml_guard::scan(text) {
        return Err(hazard_diagnostic(&hazard, path, first_line));
    }
    serde_yaml::from_str(text).map_err(|err| {
        let mut d = to_diagnostic(&err, path, first_line);
        // At the end of a text without a final line break the parser counts
        // one line more than there is.
        d.line = d.line.min(first_line + text.matches('\n').count());
        d
    })
}

/// A shape the parser is not given (see [`super::yaml_guard`]), in Russian.
fn hazard_diagnostic(
    hazard: &super::yaml_guard::Hazard,
    path: &Path,
    first_line: usize,
) -> Diagnostic {
    use super::yaml_guard::{Hazard, MAX_FLOW_DEPTH};
    match hazard {
        Hazard::DeepFlow { line } => Diagnostic::error(
            path,
            first_line + line,
            1,
            format!(
                "слишком глубокая вложенность скобок [ ] или {{ }} в YAML: больше {MAX_FLOW_DEPTH} уровней"
            ),
        )
        .hint("упростите структуру: списки и наборы полей в этих файлах вкладываются не глубже двух-трёх уровней"),
        Hazard::Alias { line, name } => Diagnostic::error(
            path,
            first_line + line,
            1,
            format!("ссылка на якорь YAML «*{name}» не поддерживается"),
        )
        .hint("напишите значение полностью вместо «*имя»; если «*» — часть текста, заключите значение в кавычки: \"*текст*\""),
    }
}

fn to_diagnostic(err: &serde_yaml::Error, path: &Path, first_line: usize) -> Diagnostic {
    let (line, col) = err
        .location()
        .map(|l| (l.line() + first_line - 1, l.column()))
        .unwrap_or((first_line, 0));
    let raw = strip_positions(&err.to_string());
    let (message, hint) = translate(&raw);
    let d = Diagnostic::error(path, line, col, message);
    match hint {
        Some(h) => d.hint(h),
        None => d,
    }
}

/// Turns a serde/yaml message into Russian text and a hint.
fn translate(raw: &str) -> (String, Option<String>) {
    // Errors in nested values come as «winners[0].place: invalid type: …».
    let mut raw = raw;
    while let Some((path, rest)) = raw.split_once(": ") {
        let is_path = !path.is_empty()
            && !path.contains(' ')
            && path
                .chars()
                .all(|c| c.is_alphanumeric() || "_.[]".contains(c));
        if !is_path {
            break;
        }
        raw = rest;
    }
    let ticks = backticked(raw);
    if let Some(rest) = raw.strip_prefix("unknown field ") {
        let field = ticks.first().cloned().unwrap_or_default();
        let expected: Vec<&str> = ticks.iter().skip(1).map(String::as_str).collect();
        let hint = if rest.contains("there are no fields") || expected.is_empty() {
            "здесь не ожидается никаких полей".to_string()
        } else {
            let close = closest(&field, &expected)
                .map(|c| format!("Возможно, имелось в виду «{c}». "))
                .unwrap_or_default();
            format!("{close}Допустимые поля: {}.", expected.join(", "))
        };
        return (format!("неизвестное поле «{field}»"), Some(hint));
    }
    if raw.starts_with("missing field ") {
        let field = ticks.first().cloned().unwrap_or_default();
        return (
            format!("не заполнено обязательное поле «{field}»"),
            Some(format!("добавьте строку «{field}: …» в заголовок YAML")),
        );
    }
    if raw.starts_with("duplicate field ") {
        let field = ticks.first().cloned().unwrap_or_default();
        return (
            format!("поле «{field}» указано дважды"),
            Some("оставьте одно значение".to_string()),
        );
    }
    if raw.starts_with("unknown variant ") {
        let value = ticks.first().cloned().unwrap_or_default();
        let expected: Vec<&str> = ticks.iter().skip(1).map(String::as_str).collect();
        return (
            format!("недопустимое значение «{value}»"),
            Some(format!("допустимые значения: {}", expected.join(", "))),
        );
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return (
                format!(
                    "неверный тип значения: {}, а ожидается {}",
                    found_ru(found),
                    expected_ru(expected)
                ),
                Some("проверьте значение и кавычки".to_string()),
            );
        }
    }
    if let Some(rest) = raw.strip_prefix("invalid value: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return (
                format!(
                    "недопустимое значение: {}, а ожидается {}",
                    found_ru(found),
                    expected_ru(expected)
                ),
                None,
            );
        }
    }
    if raw.starts_with("invalid length") {
        return (format!("неверное количество элементов ({raw})"), None);
    }
    if raw.contains("recursion limit exceeded") {
        return (
            "слишком глубокая вложенность YAML".to_string(),
            Some("упростите структуру данных".to_string()),
        );
    }
    if raw.contains("repetition limit exceeded") || raw.contains("alias") && raw.contains("limit") {
        return (
            "слишком много повторов через якоря YAML (&/*)".to_string(),
            Some("уберите якоря и ссылки из файла".to_string()),
        );
    }
    // Custom errors raised by our own `Deserialize` impls are already Russian.
    if raw
        .chars()
        .next()
        .is_some_and(|c| matches!(c, 'а'..='я' | 'А'..='Я' | '«'))
    {
        return split_hint(raw);
    }
    if let Some((ru, hint)) = syntax_ru(raw) {
        return (
            format!("ошибка синтаксиса YAML: {ru}"),
            Some(hint.to_string()),
        );
    }
    (
        format!("ошибка синтаксиса YAML: {raw}"),
        Some(
            "проверьте отступы (только пробелы), двоеточия после имён полей и парность кавычек"
                .to_string(),
        ),
    )
}

/// Drops the parser's own «at line N column M» (counted from the front matter,
/// not the file) and the «while parsing …» tail: the diagnostic has the position.
fn strip_positions(raw: &str) -> String {
    let head = raw.split(", while ").next().unwrap_or(raw);
    let mut out = String::new();
    let mut rest = head;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let tail = &rest[i + " at line ".len()..];
        let skip = tail
            .find(|c: char| !(c.is_ascii_digit() || c == ' ' || "column".contains(c)))
            .unwrap_or(tail.len());
        rest = &tail[skip..];
    }
    out.push_str(rest);
    out.trim().to_string()
}

/// Russian for the YAML scanner's and parser's messages.
fn syntax_ru(raw: &str) -> Option<(&'static str, &'static str)> {
    let table: [(&str, &str, &str); 9] = [
        ("did not find expected ',' or ']'", "не закрыта квадратная скобка «[» или пропущена запятая", "список в одну строку пишется так: [первый, второй]"),
        ("did not find expected ',' or '}'", "не закрыта фигурная скобка «{» или пропущена запятая", "набор полей в одну строку пишется так: {title: …, date: …}"),
        ("mapping values are not allowed", "лишнее двоеточие в значении", "заключите значение с двоеточием в кавычки: title: \"Проект: начало\""),
        ("did not find expected key", "неверный отступ или лишний символ в начале строки", "поля одного уровня должны начинаться с одинакового числа пробелов"),
        ("found character that cannot start any token", "недопустимый символ (например, табуляция или «@» в начале значения)", "используйте пробелы вместо табуляции; значение с особыми символами заключите в кавычки"),
        ("found a tab character", "табуляция вместо пробелов", "замените табуляцию пробелами"),
        ("found unexpected end of stream", "файл обрывается внутри значения: не закрыта кавычка", "проверьте, что у каждой открывающей кавычки есть закрывающая"),
        ("did not find expected node content", "пустое или неполное значение", "допишите значение после двоеточия или «- »"),
        ("did not find expected '-' indicator", "неверный отступ в списке", "элементы списка должны начинаться с «- » на одном уровне"),
    ];
    table
        .iter()
        .find(|(en, _, _)| raw.contains(en))
        .map(|(_, ru, hint)| (*ru, *hint))
}

/// Our own errors carry their hint after " | ".
fn split_hint(raw: &str) -> (String, Option<String>) {
    match raw.split_once(" | ") {
        Some((m, h)) => (m.to_string(), Some(h.to_string())),
        None => (raw.to_string(), None),
    }
}

fn backticked(s: &str) -> Vec<String> {
    s.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

fn found_ru(found: &str) -> String {
    if let Some(s) = found.strip_prefix("string ") {
        return format!("строка {}", s.replace('"', ""));
    }
    if let Some(s) = found.strip_prefix("integer ") {
        return format!("число {s}");
    }
    if let Some(s) = found.strip_prefix("floating point ") {
        return format!("число {s}");
    }
    match found {
        "sequence" => "список".into(),
        "map" => "набор полей".into(),
        "unit value" => "пустое значение".into(),
        s if s.starts_with("boolean") => "да/нет (true/false)".into(),
        s => s.into(),
    }
}

fn expected_ru(expected: &str) -> String {
    let e = expected.trim();
    if e.starts_with('i') || e.starts_with('u') && e[1..].chars().all(|c| c.is_ascii_digit()) {
        return "целое число".into();
    }
    match e {
        "f64" | "f32" => "число".into(),
        "a string" => "строка".into(),
        "a boolean" => "true или false".into(),
        "a sequence" => "список (строки, начинающиеся с «- »)".into(),
        s if s.starts_with("struct ") || s == "a map" => "набор полей «имя: значение»".into(),
        s if s.starts_with("a sequence") => "список".into(),
        s => s.into(),
    }
}

/// The candidate nearest to a typo, by edit distance, if reasonably near.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.chars().count() / 3))
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// A calendar date written as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ymd(pub NaiveDate);

impl<'de> Deserialize<'de> for Ymd {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Ymd;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("дата ГГГГ-ММ-ДД")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Ymd, E> {
                parse_ymd(s).map(Ymd).ok_or_else(|| {
                    E::custom(format!(
                        "неверная дата «{s}» | даты пишутся как ГГГГ-ММ-ДД, например 2024-02-05, и должны существовать в календаре"
                    ))
                })
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Ymd, E> {
                self.visit_str(&n.to_string())
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Ymd, E> {
                self.visit_str(&n.to_string())
            }
        }
        d.deserialize_any(V)
    }
}

/// Strict `YYYY-MM-DD`.
pub fn parse_ymd(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// One string or a list of strings (e.g. `form: ученик – ученик` or a list).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OneOrMany(pub Vec<String>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            One(String),
            Many(Vec<String>),
        }
        match Raw::deserialize(d) {
            Ok(Raw::One(s)) => Ok(OneOrMany(vec![s])),
            Ok(Raw::Many(v)) => Ok(OneOrMany(v)),
            Err(_) => Err(de::Error::custom(
                "ожидается строка или список строк | например «form: ученик – ученик» или список строк через «- »",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        date: Option<Ymd>,
        year: Option<i32>,
    }

    fn err(text: &str) -> Diagnostic {
        parse::<Doc>(text, Path::new("a.md"), 2).unwrap_err()
    }

    #[test]
    fn unknown_field_is_located_and_suggests_the_closest() {
        let d = err("title: x\ntitel: y\n");
        assert_eq!((d.line, d.col), (3, 1));
        assert!(d.message.contains("неизвестное поле «titel»"), "{d}");
        assert!(d.hint.unwrap().contains("«title»"));
    }

    #[test]
    fn missing_field_is_russian() {
        let d = err("year: 2020\n");
        assert!(d.message.contains("обязательное поле «title»"), "{d}");
    }

    #[test]
    fn bad_date_points_at_the_value() {
        let d = err("title: x\ndate: 2024-02-30\n");
        assert_eq!(d.line, 3);
        assert!(d.message.contains("неверная дата «2024-02-30»"), "{d}");
        assert!(d.hint.is_some());
    }

    #[test]
    fn wrong_type_is_russian() {
        let d = err("title: x\nyear: двадцать\n");
        assert!(d.message.contains("целое число"), "{d}");
    }

    #[test]
    fn syntax_error_has_a_hint() {
        let d = err("title: \"x\nyear: 1\n");
        assert!(d.message.starts_with("ошибка синтаксиса YAML"), "{d}");
    }

    #[test]
    fn syntax_errors_are_russian_and_positioned_in_the_file() {
        let d = err("title: x\nyear: 1\ndate: \"2024\n");
        assert!(d.message.contains("кавычка"), "{d}");
        assert!(!d.message.contains("at line"), "{d}");
        assert!(d.line >= 3, "{d}");
    }

    #[test]
    fn an_error_at_the_end_names_a_line_of_the_file() {
        let d = err("# только комментарий");
        assert_eq!(d.line, 2, "{d}");
        let d = parse::<Doc>("# только комментарий", Path::new("a.yaml"), 1).unwrap_err();
        assert_eq!(d.line, 1, "{d}");
    }

    #[test]
    fn deep_flow_nesting_is_refused_before_parsing() {
        let d = err(&format!("title: x\nyear: {}\n", "[".repeat(100_000)));
        assert_eq!(d.line, 3, "{d}");
        assert!(d.message.contains("вложенность"), "{d}");
    }

    #[test]
    fn aliases_are_refused_before_parsing() {
        let d = err("title: &t x\nyear: *t\n");
        assert_eq!(d.line, 3, "{d}");
        assert!(d.message.contains("«*t»"), "{d}");
    }

    #[test]
    fn closest_finds_typos_only() {
        assert_eq!(closest("sumary", &["summary", "title"]), Some("summary"));
        assert_eq!(closest("zzzzzz", &["summary", "title"]), None);
    }
}
