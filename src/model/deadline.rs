//! The roadmap deadline: the Russian `due` text of a roadmap item
//! («до 29.05.2020», «Сентябрь - октябрь 2020», «Май, ежегодно»,
//! «по отдельному графику», …) parsed into a kind and the days it covers,
//! and the item's status against "today".
//!
//! Pure: no I/O. It must never panic on any input, because `due` is free
//! text typed by people (and the crate is fuzzed).
//!
//! Decisions the text leaves open, made once here:
//! - A month or a day written without a year («Сентябрь», «до 10 ноября»)
//!   takes the roadmap's year when the roadmap spans one year; in a
//!   multi-year roadmap it is ambiguous, so it is `unknown` with a warning
//!   asking for the year. Recurring and whole-period texts («Май,
//!   ежегодно») take the roadmap's years instead.
//! - «до …» with a coarse unit covers the whole unit: «до сентября 2020»
//!   ends on 30 September, «до 2021 г.» on 31 December 2021, so that
//!   nothing shows as overdue before the order's words allow it.
//! - «с 01.12.2020» (a start without an end) is a `range` with `from` only.
//! - «постоянно» is a `period` (the roadmap's whole span), as are «в течение
//!   года» and «весь период».
//! - A text that names an external schedule («по отдельному графику»,
//!   «в соответствии со сроками …») is `unscheduled` even if it also names a
//!   date («… или май 2021 г.»): the order defers to that schedule.
//! - Year ranges («2021-2024 гг.») and lists of months («Май, декабрь 2024
//!   года») are a `range` from the first day of the first to the last day of
//!   the last; «2020-2021 учебный год» runs from 1 September to 31 August.
//! - Quarters and half-years («IV квартал 2020», «1 полугодие 2021») are a
//!   `range`.
//! - A roadmap for one school year (its title says «учебный год» and its
//!   years are two in a row, 2025–2026) reads its texts in school time:
//!   «в течение года» is 1 September to 31 August, a month without a year
//!   falls in the autumn of the first year (September to December) or in the
//!   second year (January to August), «II полугодие» is January to May of
//!   the second year, «Май, ежегодно» is May of the second year.
//! - School terms: «1 четверть» is September–October, «2 четверть»
//!   November–December, «3 четверть» January–March, «4 четверть» April–May.
//! - A recurring text that names months («Май, ежегодно») is due in those
//!   months of every year: between two of them it is «предстоит», not «в
//!   работе».

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize, Serializer};

use super::roadmap::RoadmapStatus;

/// What sort of deadline the text names (the `due.kind` of the export).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeadlineKind {
    /// One day: «01.09.2020», «5 февраля 2024 г.».
    Date,
    /// «до …»: only the last day is known.
    By,
    /// «с … по …», month to month, year to year, a list of months.
    Range,
    /// One month: «Ноябрь 2020».
    Month,
    /// One year: «2023 г».
    Year,
    /// «Ежемесячно», «Май, ежегодно»: covers the roadmap's years.
    Recurring,
    /// «В течение года», «в течение всего периода реализации ЦМН».
    Period,
    /// «по отдельному графику», «в соответствии со сроками …».
    Unscheduled,
    /// Text the parser could not read; shown as written, with a warning.
    Unknown,
}

/// A parsed `due`: the text as written plus the first and last day it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadline {
    /// The text exactly as the order wrote it.
    pub text: String,
    /// What sort of deadline it is.
    pub kind: DeadlineKind,
    /// The first day covered, where the text gives one.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_date"
    )]
    pub from: Option<NaiveDate>,
    /// The last day covered, where the text gives one.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_date"
    )]
    pub to: Option<NaiveDate>,
    /// For a recurring deadline that names months («Май, ежегодно»): the
    /// windows, first and last day, in which it falls, in order. Empty
    /// otherwise; `from` and `to` then say it all.
    #[serde(skip)]
    pub windows: Vec<(NaiveDate, NaiveDate)>,
}

/// A problem with a `due` text, for the user, in Russian.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeadlineWarning {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

/// Parses a roadmap item's `due` text.
///
/// `years` is the roadmap's span of years (first, last): «в течение года»,
/// «ежегодно» and the like cover it, a month without a year takes it when it
/// is one year, and a year outside it by more than five years is taken for a
/// typo. Unreadable text gives kind `unknown` and a warning; the deadline
/// keeps the text as written either way.
pub fn parse_deadline(text: &str, years: (i32, i32)) -> (Deadline, Option<DeadlineWarning>) {
    parse_deadline_for(text, years, false)
}

/// Whether a roadmap is for one school year: its title speaks of «учебный
/// год» and its years are two in a row («на 2025–2026 учебный год»).
pub fn is_school_year(title: &str, years: (i32, i32)) -> bool {
    let span = Span::new(years);
    span.first.checked_add(1) == Some(span.last) && title.to_lowercase().contains("учебн")
}

/// [`parse_deadline`] for a roadmap that may be for one school year (see
/// [`is_school_year`]): then «в течение года» is that school year, a month
/// without a year falls in it, and so on.
pub fn parse_deadline_for(
    text: &str,
    years: (i32, i32),
    school_year: bool,
) -> (Deadline, Option<DeadlineWarning>) {
    let mut span = Span::new(years);
    span.school = school_year && span.first.checked_add(1) == Some(span.last);
    match parse(text, span) {
        Ok(parsed) => (
            Deadline {
                text: text.to_string(),
                kind: parsed.kind,
                from: parsed.from,
                to: parsed.to,
                windows: parsed.windows,
            },
            None,
        ),
        Err(failure) => (
            Deadline {
                text: text.to_string(),
                kind: DeadlineKind::Unknown,
                from: None,
                to: None,
                windows: Vec::new(),
            },
            Some(warning(text, span, failure)),
        ),
    }
}

/// The status of a roadmap item on `today`.
///
/// `roadmap_start` stands in for the first day of deadlines that have only a
/// last day («до …»).
pub fn status(
    deadline: &Deadline,
    done: bool,
    today: NaiveDate,
    roadmap_start: NaiveDate,
) -> RoadmapStatus {
    if done {
        return RoadmapStatus::Done;
    }
    if matches!(
        deadline.kind,
        DeadlineKind::Unscheduled | DeadlineKind::Unknown
    ) || (deadline.from.is_none() && deadline.to.is_none())
    {
        return RoadmapStatus::NoDeadline;
    }
    if let Some(&(_, last)) = deadline.windows.last() {
        // «Май, ежегодно»: in progress in May, upcoming until the next May.
        return if deadline
            .windows
            .iter()
            .any(|&(a, b)| a <= today && today <= b)
        {
            RoadmapStatus::InProgress
        } else if today > last {
            RoadmapStatus::Overdue
        } else {
            RoadmapStatus::Upcoming
        };
    }
    if deadline.to.is_some_and(|to| today > to) {
        return RoadmapStatus::Overdue;
    }
    if today < deadline.from.unwrap_or(roadmap_start) {
        RoadmapStatus::Upcoming
    } else {
        RoadmapStatus::InProgress
    }
}

fn serialize_date<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => s.collect_str(&date.format("%Y-%m-%d")),
        None => s.serialize_none(),
    }
}

/// How far outside the roadmap's years a year is still believable.
const YEAR_SLACK: i32 = 5;

/// The roadmap's years, normalized so that `first <= last`.
#[derive(Debug, Clone, Copy)]
struct Span {
    first: i32,
    last: i32,
    /// One school year, from September of `first` to August of `last`.
    school: bool,
}

impl Span {
    fn new((a, b): (i32, i32)) -> Self {
        Span {
            first: a.min(b),
            last: a.max(b),
            school: false,
        }
    }

    /// The year a month without a year falls in, in a school-year roadmap.
    fn school_year_of(self, month: u32) -> Option<i32> {
        self.school
            .then_some(if month >= 9 { self.first } else { self.last })
    }

    fn plausible(self, year: i32) -> bool {
        year >= self.first.saturating_sub(YEAR_SLACK)
            && year <= self.last.saturating_add(YEAR_SLACK)
    }

    fn single_year(self) -> Option<i32> {
        (self.first == self.last).then_some(self.first)
    }
}

/// A successful parse, before the text is attached.
struct Parsed {
    kind: DeadlineKind,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    windows: Vec<(NaiveDate, NaiveDate)>,
}

impl Parsed {
    fn new(kind: DeadlineKind, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Self {
        Parsed {
            kind,
            from,
            to,
            windows: Vec::new(),
        }
    }
}

/// Why a text could not be parsed; turned into a Russian warning.
#[derive(Debug, Clone, PartialEq)]
enum Failure {
    Empty,
    Unrecognized(String),
    ImplausibleYear(i32),
    InvalidDate(String),
    NoYear,
    Reversed(NaiveDate, NaiveDate),
    OutOfRange,
}

const EXAMPLES: &str = "Программа понимает, например: «01.09.2024», «до 01.09.2024», \
«с 1 по 15 сентября 2024 г.», «Сентябрь 2024», «Сентябрь – октябрь 2024», «2024 г.», \
«2024–2026 гг.», «Ежегодно», «В течение года», «по отдельному графику».";

fn warning(text: &str, span: Span, failure: Failure) -> DeadlineWarning {
    let shown = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let (message, hint) = match failure {
        Failure::Empty => (
            "срок не указан".to_string(),
            format!("Укажите срок в поле due. {EXAMPLES}"),
        ),
        Failure::Unrecognized(reason) => (
            format!("срок «{shown}» не распознан: {reason}"),
            format!("Страница покажет срок как написано, со статусом «без срока». {EXAMPLES}"),
        ),
        Failure::ImplausibleYear(year) => (
            format!(
                "год {year} вне срока дорожной карты ({}–{}): проверьте опечатку",
                span.first.saturating_sub(YEAR_SLACK),
                span.last.saturating_add(YEAR_SLACK)
            ),
            format!("Исправьте год в сроке «{shown}» или годы дорожной карты."),
        ),
        Failure::InvalidDate(date) => (
            format!("срок «{shown}» не распознан: даты {date} не существует"),
            "Проверьте число и месяц.".to_string(),
        ),
        Failure::NoYear => (
            format!("срок «{shown}» не распознан: не указан год"),
            format!(
                "Дорожная карта охватывает {}–{} годы, поэтому год нужен явно, например: «{shown} {} г.».",
                span.first, span.last, span.first
            ),
        ),
        Failure::Reversed(from, to) => (
            format!(
                "срок «{shown}»: начало ({}) позже окончания ({})",
                from.format("%d.%m.%Y"),
                to.format("%d.%m.%Y")
            ),
            "Поменяйте даты местами или исправьте опечатку.".to_string(),
        ),
        Failure::OutOfRange => (
            format!("срок «{shown}» не распознан: годы дорожной карты вне допустимого диапазона"),
            "Проверьте годы дорожной карты.".to_string(),
        ),
    };
    DeadlineWarning { message, hint }
}

fn parse(text: &str, span: Span) -> Result<Parsed, Failure> {
    let tokens = tokenize(text);
    if tokens.iter().all(|t| matches!(t, Token::Skip)) {
        return Err(Failure::Empty);
    }
    let words: Vec<&str> = tokens
        .iter()
        .filter_map(|t| match t {
            Token::Word(w) => Some(w.as_str()),
            _ => None,
        })
        .collect();
    match marker(&words, &tokens) {
        Some(Marker::Unscheduled) => Ok(Parsed::new(DeadlineKind::Unscheduled, None, None)),
        Some(Marker::Recurring) => {
            let (from, to) = envelope(&tokens, span)?;
            let windows = yearly_windows(&tokens, span);
            let mut parsed = match (windows.first(), windows.last()) {
                (Some(&(first, _)), Some(&(_, last))) if span.school => {
                    Parsed::new(DeadlineKind::Recurring, Some(first), Some(last))
                }
                _ => Parsed::new(DeadlineKind::Recurring, Some(from), Some(to)),
            };
            parsed.windows = windows;
            Ok(parsed)
        }
        Some(Marker::Period) => {
            // «в течение I полугодия», «в течение 2021 года»: the dated words
            // say which part of the roadmap; else it is the whole of it.
            let dated: Vec<Token> = tokens
                .iter()
                .filter(|t| !matches!(t, Token::Word(w) if is_period_word(w)))
                .cloned()
                .collect();
            let part = elements(&dated).and_then(|(e, academic)| resolve(e, academic, span));
            match part {
                Ok(Parsed {
                    from: Some(from),
                    to: Some(to),
                    ..
                }) => Ok(Parsed::new(DeadlineKind::Period, Some(from), Some(to))),
                _ => envelope(&tokens, span)
                    .map(|(from, to)| Parsed::new(DeadlineKind::Period, Some(from), Some(to))),
            }
        }
        None => {
            let (elements, academic) = elements(&tokens)?;
            resolve(elements, academic, span)
        }
    }
}

// ---------------------------------------------------------------------------
// Tokens

/// A run of digits as written.
#[derive(Debug, Clone, PartialEq)]
struct Number {
    raw: String,
    /// The value; meaningful only for short runs (at most 9 digits).
    value: u32,
}

impl Number {
    fn digits(&self) -> usize {
        self.raw.len()
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(Number),
    /// «01.09.2020», «1.9.20», «10.11».
    NumericDate {
        day: Number,
        month: Number,
        year: Option<Number>,
    },
    Word(String),
    Dash,
    Comma,
    /// Punctuation that carries no meaning here: dots, brackets, quotes.
    Skip,
    Other(char),
}

/// Lowercase, «ё» as «е», every dash (and slash) as '-', every space as ' '.
fn normalize(text: &str) -> Vec<char> {
    text.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            'ё' => Some('е'),
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => None,
            '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '⁃' | '﹘' | '﹣' | '－' | '/' => {
                Some('-')
            }
            c if c.is_whitespace() => Some(' '),
            c => Some(c),
        })
        .collect()
}

fn read_number(chars: &[char], start: usize) -> (Number, usize) {
    let mut end = start;
    let mut raw = String::new();
    let mut value: u32 = 0;
    while let Some(c) = chars.get(end).filter(|c| c.is_ascii_digit()) {
        raw.push(*c);
        value = value
            .saturating_mul(10)
            .saturating_add(c.to_digit(10).unwrap_or(0));
        end += 1;
    }
    (Number { raw, value }, end)
}

fn digit_at(chars: &[char], i: usize) -> bool {
    chars.get(i).is_some_and(|c| c.is_ascii_digit())
}

/// Skips the ending of a numeral written as «1-й», «10-го», «1-е», which
/// reads as the bare number.
fn after_ordinal_suffix(chars: &[char], after_number: usize) -> usize {
    if chars.get(after_number) != Some(&'-') {
        return after_number;
    }
    let start = after_number + 1;
    let mut end = start;
    while chars.get(end).is_some_and(|c| c.is_alphabetic()) {
        end += 1;
    }
    let suffix: String = chars.get(start..end).unwrap_or_default().iter().collect();
    if ["й", "е", "го", "ое", "ый", "ого", "ом", "м", "я"].contains(&suffix.as_str())
    {
        end
    } else {
        after_number
    }
}

fn tokenize(text: &str) -> Vec<Token> {
    let chars = normalize(text);
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c == ' ' {
            i += 1;
        } else if c.is_ascii_digit() {
            let (first, after_first) = read_number(&chars, i);
            if chars.get(after_first) == Some(&'.') && digit_at(&chars, after_first + 1) {
                let (second, after_second) = read_number(&chars, after_first + 1);
                let year = if chars.get(after_second) == Some(&'.')
                    && digit_at(&chars, after_second + 1)
                {
                    let (third, after_third) = read_number(&chars, after_second + 1);
                    i = after_third;
                    Some(third)
                } else {
                    i = after_second;
                    None
                };
                tokens.push(Token::NumericDate {
                    day: first,
                    month: second,
                    year,
                });
            } else {
                tokens.push(Token::Number(first));
                i = after_ordinal_suffix(&chars, after_first);
            }
        } else if c.is_alphabetic() {
            let mut word = String::new();
            while let Some(&c) = chars.get(i).filter(|c| c.is_alphabetic()) {
                word.push(c);
                i += 1;
            }
            tokens.push(Token::Word(word));
        } else {
            tokens.push(match c {
                '-' => Token::Dash,
                ',' | ';' => Token::Comma,
                '.' | '(' | ')' | '[' | ']' | '«' | '»' | '"' | '\'' | '“' | '”' | '„' => {
                    Token::Skip
                }
                other => Token::Other(other),
            });
            i += 1;
        }
    }
    tokens
}

// ---------------------------------------------------------------------------
// Vocabulary

/// A word that decides the kind on its own, whatever dates come with it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Marker {
    Unscheduled,
    Recurring,
    Period,
}

fn marker(words: &[&str], tokens: &[Token]) -> Option<Marker> {
    let any = |pred: &dyn Fn(&str) -> bool| words.iter().any(|w| pred(w));
    let starts = |prefixes: &[&str]| any(&|w: &str| prefixes.iter().any(|p| w.starts_with(p)));
    let exact = |list: &[&str]| any(&|w: &str| list.contains(&w));

    if starts(&[
        "отдельн",
        "соответств",
        "согласн",
        "согласовани",
        "график",
        "срок",
        "необходимост",
        "запрос",
        "требовани",
    ]) || exact(&["мере", "план", "плану", "планом"])
    {
        return Some(Marker::Unscheduled);
    }
    if starts(&[
        "ежегодн",
        "ежемесячн",
        "ежекварт",
        "еженедел",
        "ежедневн",
        "ежеполугод",
        "кажд",
        "регулярн",
        "систематическ",
        "периодическ",
    ]) || exact(&["раз", "раза"])
    {
        return Some(Marker::Recurring);
    }
    let names_period = starts(&["период"]);
    let has_date = tokens.iter().any(|t| match t {
        Token::Number(_) | Token::NumericDate { .. } => true,
        Token::Word(w) => month_of(w).is_some(),
        _ => false,
    });
    if starts(&["течени", "постоянн", "круглогодичн"])
        || (names_period && exact(&["весь", "всего", "всем"]))
        || (names_period && !has_date)
    {
        return Some(Marker::Period);
    }
    None
}

/// The words of «в течение», «постоянно», «весь период», which name no date.
fn is_period_word(word: &str) -> bool {
    ["течени", "постоянн", "круглогодичн", "период"]
        .iter()
        .any(|p| word.starts_with(p))
        || ["весь", "всего", "всем"].contains(&word)
}

/// The month a word names, in any case form or common abbreviation.
fn month_of(word: &str) -> Option<u32> {
    const STEMS: [(&str, u32); 11] = [
        ("январ", 1),
        ("феврал", 2),
        ("март", 3),
        ("апрел", 4),
        ("июн", 6),
        ("июл", 7),
        ("август", 8),
        ("сентябр", 9),
        ("октябр", 10),
        ("ноябр", 11),
        ("декабр", 12),
    ];
    const SHORT: [(&str, u32); 16] = [
        ("янв", 1),
        ("фев", 2),
        ("февр", 2),
        ("мар", 3),
        ("апр", 4),
        ("май", 5),
        ("мая", 5),
        ("мае", 5),
        ("маю", 5),
        ("авг", 8),
        ("сен", 9),
        ("сент", 9),
        ("окт", 10),
        ("ноя", 11),
        ("нояб", 11),
        ("дек", 12),
    ];
    if let Some((_, m)) = SHORT.iter().find(|(w, _)| *w == word) {
        return Some(*m);
    }
    STEMS
        .iter()
        .find(|(stem, _)| word.starts_with(stem))
        .map(|(_, m)| *m)
}

/// The role of a word in a dated expression.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Lex {
    Month(u32),
    Since,
    Until,
    And,
    Quarter,
    Half,
    Term,
    Ordinal(u32),
    Academic,
    Noise,
    Unknown,
}

/// Words that add nothing to a date: «г.», «года», «в», «до конца» …
const NOISE: [&str; 26] = [
    "г",
    "гг",
    "год",
    "года",
    "году",
    "годы",
    "годов",
    "годах",
    "годам",
    "годе",
    "в",
    "во",
    "на",
    "не",
    "конец",
    "конца",
    "концу",
    "начало",
    "начала",
    "началу",
    "середина",
    "середины",
    "период",
    "периода",
    "периоде",
    "включительно",
];

fn lex(word: &str) -> Lex {
    if let Some(m) = month_of(word) {
        return Lex::Month(m);
    }
    match word {
        // The Latin "c" is a common typo for the Cyrillic «с».
        "с" | "со" | "c" => Lex::Since,
        "до" | "по" | "к" | "позднее" | "позже" => Lex::Until,
        "и" | "или" => Lex::And,
        "i" | "первый" | "первое" | "первая" | "первого" | "первом" => {
            Lex::Ordinal(1)
        }
        "ii" | "второй" | "второе" | "вторая" | "второго" | "втором" => {
            Lex::Ordinal(2)
        }
        "iii" | "третий" | "третье" | "третья" | "третьего" | "третьем" => {
            Lex::Ordinal(3)
        }
        "iv" | "четвертый" | "четвертая" | "четвертого" | "четвертом" => {
            Lex::Ordinal(4)
        }
        _ if NOISE.contains(&word) => Lex::Noise,
        _ if word.starts_with("квартал") || word == "кв" => Lex::Quarter,
        _ if word.starts_with("полугоди") => Lex::Half,
        _ if word.starts_with("четверт") => Lex::Term,
        _ if word.starts_with("учебн") || word == "уч" => Lex::Academic,
        _ => Lex::Unknown,
    }
}

// ---------------------------------------------------------------------------
// Dated expressions: points joined by «с … по …», dashes and commas

#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    Month(u32),
    Quarter(u32),
    Half(u32),
    /// A school term (четверть), 1 to 4.
    Term(u32),
    /// A half of the school year: 1 is September to December, 2 January to May.
    SchoolHalf(u32),
}

/// One end of a deadline as written: day, month (or quarter) and year, each
/// optional until the neighbours fill them in.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Point {
    day: Option<u32>,
    unit: Option<Unit>,
    year: Option<i32>,
    /// «I», «первое» waiting for «квартал»/«полугодие».
    ordinal: Option<u32>,
}

impl Point {
    fn is_empty(&self) -> bool {
        self.day.is_none() && self.unit.is_none() && self.year.is_none() && self.ordinal.is_none()
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Element {
    Point(Point),
    Since,
    Until,
    Dash,
    List,
}

/// Collects the point being built and the elements seen so far.
#[derive(Default)]
struct Builder {
    current: Point,
    elements: Vec<Element>,
}

impl Builder {
    fn flush(&mut self) -> Result<(), Failure> {
        if self.current.ordinal.is_some() {
            return Err(Failure::Unrecognized(
                "порядковый номер без слова «квартал», «полугодие» или «четверть»".to_string(),
            ));
        }
        if !self.current.is_empty() {
            self.elements.push(Element::Point(self.current));
        }
        self.current = Point::default();
        Ok(())
    }

    fn separator(&mut self, element: Element) -> Result<(), Failure> {
        self.flush()?;
        self.elements.push(element);
        Ok(())
    }

    fn year(&mut self, year: i32) -> Result<(), Failure> {
        if self.current.year.is_some() || self.current.ordinal.is_some() {
            self.flush()?;
        }
        self.current.year = Some(year);
        Ok(())
    }

    fn day(&mut self, day: u32) -> Result<(), Failure> {
        if !self.current.is_empty() {
            self.flush()?;
        }
        self.current.day = Some(day);
        Ok(())
    }

    fn unit(&mut self, unit: Unit) -> Result<(), Failure> {
        if self.current.unit.is_some() || self.current.year.is_some() {
            self.flush()?;
        }
        self.current.unit = Some(unit);
        Ok(())
    }

    /// «квартал»/«полугодие»: takes the ordinal or small number before it.
    fn numbered(&mut self, max: u32, make: fn(u32) -> Unit, what: &str) -> Result<(), Failure> {
        let n = match (self.current.ordinal.take(), self.current.day) {
            (Some(n), _) => Some(n),
            (None, Some(d)) if self.current.unit.is_none() => {
                self.current.day = None;
                Some(d)
            }
            _ => None,
        };
        match n {
            Some(n) if (1..=max).contains(&n) => {
                self.current.unit = Some(make(n));
                Ok(())
            }
            _ => Err(Failure::Unrecognized(format!("не указан номер: «{what}»"))),
        }
    }
}

fn year_of(n: &Number) -> Option<i32> {
    match n.digits() {
        4 => i32::try_from(n.value).ok(),
        2 => i32::try_from(n.value).ok().map(|y| 2000 + y),
        _ => None,
    }
}

/// Turns tokens into points and separators; also says whether the text
/// speaks of an academic year («учебный год»).
fn elements(tokens: &[Token]) -> Result<(Vec<Element>, bool), Failure> {
    let mut b = Builder::default();
    let mut academic = false;
    for token in tokens {
        match token {
            Token::Number(n) if n.digits() == 4 => b.year(year_of(n).unwrap_or(0))?,
            Token::Number(n) if n.digits() <= 2 && (1..=31).contains(&n.value) => b.day(n.value)?,
            Token::Number(n) => {
                return Err(Failure::Unrecognized(format!(
                    "число «{}» не похоже ни на число месяца, ни на год",
                    n.raw
                )));
            }
            Token::NumericDate { day, month, year } => {
                if day.digits() > 2 || month.digits() > 2 {
                    return Err(Failure::Unrecognized(format!(
                        "непонятная дата «{}.{}»",
                        day.raw, month.raw
                    )));
                }
                let year = match year {
                    Some(y) => Some(year_of(y).ok_or_else(|| {
                        Failure::Unrecognized(format!(
                            "непонятный год «{}» в дате «{}.{}.{}»",
                            y.raw, day.raw, month.raw, y.raw
                        ))
                    })?),
                    None => None,
                };
                b.flush()?;
                b.current = Point {
                    day: Some(day.value),
                    unit: Some(Unit::Month(month.value)),
                    year,
                    ordinal: None,
                };
            }
            Token::Word(w) => match lex(w) {
                Lex::Month(m) => b.unit(Unit::Month(m))?,
                Lex::Since => b.separator(Element::Since)?,
                Lex::Until => b.separator(Element::Until)?,
                Lex::And => b.separator(Element::List)?,
                Lex::Ordinal(n) => {
                    b.flush()?;
                    b.current.ordinal = Some(n);
                }
                Lex::Quarter => b.numbered(4, Unit::Quarter, "квартал")?,
                Lex::Half => b.numbered(2, Unit::Half, "полугодие")?,
                Lex::Term => b.numbered(4, Unit::Term, "четверть")?,
                Lex::Academic => academic = true,
                Lex::Noise => {}
                Lex::Unknown => {
                    return Err(Failure::Unrecognized(format!("непонятное слово «{w}»")));
                }
            },
            Token::Dash => b.separator(Element::Dash)?,
            Token::Comma => b.separator(Element::List)?,
            Token::Skip => {}
            Token::Other(c) => return Err(Failure::Unrecognized(format!("непонятный знак «{c}»"))),
        }
    }
    b.flush()?;
    Ok((b.elements, academic))
}

/// The shape of one comma-separated part, as indices into the points.
#[derive(Debug, Clone, Copy)]
enum Shape {
    Single(usize),
    By(usize),
    Since(usize),
    Range(usize, usize),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Grain {
    Day,
    Month,
    Several,
    Year,
}

fn unreadable() -> Failure {
    Failure::Unrecognized("непонятный порядок слов".to_string())
}

fn resolve(elements: Vec<Element>, academic: bool, span: Span) -> Result<Parsed, Failure> {
    // Split into comma-separated parts, each a point or a range of two.
    let mut points: Vec<Point> = Vec::new();
    let mut shapes: Vec<Shape> = Vec::new();
    for part in elements.split(|e| *e == Element::List) {
        if part.is_empty() {
            continue;
        }
        let mut push = |p: Point| {
            points.push(p);
            points.len() - 1
        };
        // «с … по …» reads the same as «… по …».
        use Element as E;
        let part = match part {
            [E::Since, rest @ ..] if rest.len() == 3 => rest,
            _ => part,
        };
        let shape = match part {
            [E::Point(p)] => Shape::Single(push(*p)),
            [E::Until, E::Point(p)] => Shape::By(push(*p)),
            [E::Since, E::Point(p)] => Shape::Since(push(*p)),
            [E::Point(a), E::Dash | E::Until, E::Point(b)] => {
                let a = push(*a);
                Shape::Range(a, push(*b))
            }
            _ => return Err(unreadable()),
        };
        shapes.push(shape);
    }
    if shapes.is_empty() {
        return Err(Failure::Unrecognized(
            "не найдено ни даты, ни месяца, ни года".to_string(),
        ));
    }
    if shapes.len() > 1
        && shapes
            .iter()
            .any(|s| matches!(s, Shape::By(_) | Shape::Since(_)))
    {
        return Err(unreadable());
    }

    if let Some(year) = points
        .iter()
        .filter_map(|p| p.year)
        .find(|y| !span.plausible(*y))
    {
        return Err(Failure::ImplausibleYear(year));
    }
    inherit(&mut points, span)?;

    let academic_range = match shapes[..] {
        [Shape::Range(a, b)] if academic => academic_year(points[a], points[b]),
        _ => None,
    };
    if let Some(parsed) = academic_range {
        return Ok(parsed);
    }

    let bounds = points
        .iter()
        .map(bounds)
        .collect::<Result<Vec<_>, Failure>>()?;
    let range = |a: usize, b: usize| -> Result<(NaiveDate, NaiveDate), Failure> {
        let (from, to) = (bounds[a].0, bounds[b].1);
        if from > to {
            Err(Failure::Reversed(from, to))
        } else {
            Ok((from, to))
        }
    };

    match shapes[..] {
        [Shape::Single(i)] => {
            let (from, to, grain) = bounds[i];
            let kind = match grain {
                Grain::Day => DeadlineKind::Date,
                Grain::Month => DeadlineKind::Month,
                Grain::Several => DeadlineKind::Range,
                Grain::Year => DeadlineKind::Year,
            };
            Ok(Parsed::new(kind, Some(from), Some(to)))
        }
        [Shape::By(i)] => Ok(Parsed::new(DeadlineKind::By, None, Some(bounds[i].1))),
        [Shape::Since(i)] => Ok(Parsed::new(DeadlineKind::Range, Some(bounds[i].0), None)),
        _ => {
            let mut covered: Option<(NaiveDate, NaiveDate)> = None;
            for shape in &shapes {
                let (from, to) = match *shape {
                    Shape::Single(i) => (bounds[i].0, bounds[i].1),
                    Shape::Range(a, b) => range(a, b)?,
                    Shape::By(_) | Shape::Since(_) => return Err(unreadable()),
                };
                covered = Some(match covered {
                    Some((f, t)) => (f.min(from), t.max(to)),
                    None => (from, to),
                });
            }
            let (from, to) = covered.ok_or_else(unreadable)?;
            Ok(Parsed::new(DeadlineKind::Range, Some(from), Some(to)))
        }
    }
}

/// Fills in what a point leaves out from its neighbours: «с 1 по 15
/// сентября 2020» gives the 1st its month and year; «Май, декабрь 2024»
/// gives May its year. Then the roadmap's year, if it has only one.
fn inherit(points: &mut [Point], span: Span) -> Result<(), Failure> {
    let mut year = None;
    let mut month = None;
    for p in points.iter_mut().rev() {
        if p.year.is_none() {
            p.year = year;
        }
        if p.day.is_some() && p.unit.is_none() {
            p.unit = month;
        }
        year = p.year.or(year);
        month = match p.unit {
            Some(Unit::Month(m)) => Some(Unit::Month(m)),
            _ => month,
        };
    }
    // «декабрь 2020 – январь»: an end that takes its year from the left and
    // names an earlier month falls in the next year.
    let mut previous: Option<(i32, Option<Unit>)> = None;
    for p in points.iter_mut() {
        if let (None, Some((year, unit))) = (p.year, previous) {
            let wraps = matches!(
                (unit, p.unit),
                (Some(Unit::Month(before)), Some(Unit::Month(after))) if after < before
            );
            p.year = if wraps {
                year.checked_add(1)
            } else {
                Some(year)
            };
        }
        if let Some(year) = p.year {
            previous = Some((year, p.unit));
        }
    }
    for p in points.iter_mut() {
        if p.year.is_some() {
            continue;
        }
        // A school-year roadmap places a month, a term or a half-year without
        // a year in its school year.
        let school = match p.unit {
            Some(Unit::Month(m)) => span.school_year_of(m),
            Some(Unit::Term(t)) => span.school_year_of(if t <= 2 { 9 } else { 1 }),
            Some(Unit::Half(h)) if span.school => {
                p.unit = Some(Unit::SchoolHalf(h));
                span.school_year_of(if h == 1 { 9 } else { 1 })
            }
            _ => None,
        };
        p.year = Some(school.or(span.single_year()).ok_or(Failure::NoYear)?);
    }
    Ok(())
}

/// «2020-2021 учебный год»: 1 September to 31 August.
fn academic_year(a: Point, b: Point) -> Option<Parsed> {
    let year_only = |p: Point| p.day.is_none() && p.unit.is_none();
    let (ya, yb) = (a.year?, b.year?);
    if !(year_only(a) && year_only(b) && yb == ya.checked_add(1)?) {
        return None;
    }
    Some(Parsed::new(
        DeadlineKind::Range,
        Some(ymd(ya, 9, 1)?),
        Some(ymd(yb, 8, 31)?),
    ))
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    if month == 12 {
        ymd(year, 12, 31)
    } else {
        ymd(year, month.checked_add(1)?, 1)?.pred_opt()
    }
}

/// The first and last day a resolved point covers.
fn bounds(p: &Point) -> Result<(NaiveDate, NaiveDate, Grain), Failure> {
    let year = p.year.ok_or(Failure::NoYear)?;
    let months =
        |first: u32, last: u32, grain: Grain| match (ymd(year, first, 1), month_end(year, last)) {
            (Some(from), Some(to)) => Ok((from, to, grain)),
            _ => Err(Failure::OutOfRange),
        };
    match (p.day, p.unit) {
        (Some(day), Some(Unit::Month(month))) => match ymd(year, month, day) {
            Some(date) => Ok((date, date, Grain::Day)),
            None => Err(Failure::InvalidDate(format!("{day:02}.{month:02}.{year}"))),
        },
        (Some(day), _) => Err(Failure::Unrecognized(format!("число {day} без месяца"))),
        (None, Some(Unit::Month(m))) => months(m, m, Grain::Month),
        (None, Some(Unit::Quarter(q))) => months(q * 3 - 2, q * 3, Grain::Several),
        (None, Some(Unit::Half(h))) => months(h * 6 - 5, h * 6, Grain::Several),
        (None, Some(Unit::Term(t))) => {
            let (first, last) = term_months(t);
            months(first, last, Grain::Several)
        }
        (None, Some(Unit::SchoolHalf(1))) => months(9, 12, Grain::Several),
        (None, Some(Unit::SchoolHalf(_))) => months(1, 5, Grain::Several),
        (None, None) => months(1, 12, Grain::Year),
    }
}

/// The months of a school term (четверть).
fn term_months(term: u32) -> (u32, u32) {
    match term {
        1 => (9, 10),
        2 => (11, 12),
        3 => (1, 3),
        _ => (4, 5),
    }
}

// ---------------------------------------------------------------------------
// Recurring and whole-period texts

/// The windows in which a recurring text that names months falls: those
/// months of every year it covers («Май, ежегодно» in 2020–2024: May 2020,
/// May 2021, …), or of its school year. Empty when it names no month (every
/// day of its span is then a working day) or spans too many years to list.
fn yearly_windows(tokens: &[Token], span: Span) -> Vec<(NaiveDate, NaiveDate)> {
    const MAX_YEARS: i32 = 100;
    let mut years = Vec::new();
    let mut months = Vec::new();
    let mut dash_between = false;
    for token in tokens {
        match token {
            Token::Number(n) if n.digits() == 4 => years.extend(year_of(n)),
            Token::Word(w) => {
                if let Lex::Month(m) = lex(w) {
                    months.push(m);
                }
            }
            Token::Dash if months.len() == 1 => dash_between = true,
            _ => {}
        }
    }
    if months.is_empty() {
        return Vec::new();
    }
    let first_year = years.iter().copied().min().unwrap_or(span.first);
    let last_year = years.iter().copied().max().unwrap_or(span.last);
    if last_year.saturating_sub(first_year) > MAX_YEARS || !span.plausible(first_year) {
        return Vec::new();
    }
    // Month ranges within one cycle: «ноябрь – февраль» wraps into the next year.
    let ranges: Vec<(u32, u32)> = if dash_between && months.len() == 2 {
        vec![(months[0], months[1])]
    } else {
        months.iter().map(|&m| (m, m)).collect()
    };
    let mut windows = Vec::new();
    if span.school && years.is_empty() {
        for &(a, b) in &ranges {
            let (ya, yb) = (span.school_year_of(a), span.school_year_of(b));
            if let (Some(ya), Some(yb)) = (ya, yb) {
                if let (Some(from), Some(to)) = (ymd(ya, a, 1), month_end(yb, b)) {
                    if from <= to {
                        windows.push((from, to));
                    }
                }
            }
        }
    } else {
        for year in first_year.saturating_sub(1)..=last_year {
            for &(a, b) in &ranges {
                let end_year = if b < a {
                    year.checked_add(1)
                } else {
                    Some(year)
                };
                let window = end_year.and_then(|ey| Some((ymd(year, a, 1)?, month_end(ey, b)?)));
                // Only windows that touch the years covered.
                if let Some((from, to)) = window {
                    if to.year() >= first_year && from.year() <= last_year {
                        windows.push((from, to));
                    }
                }
            }
        }
    }
    windows.sort();
    windows
}

/// The days a recurring or whole-period text covers: from its first month of
/// its first year to its last month of its last year, taking the roadmap's
/// years and whole years where the text names none. Other words («всего
/// периода реализации ЦМН») are ignored.
fn envelope(tokens: &[Token], span: Span) -> Result<(NaiveDate, NaiveDate), Failure> {
    let mut years = Vec::new();
    let mut months = Vec::new();
    let mut academic = false;
    for token in tokens {
        match token {
            Token::Number(n) if n.digits() == 4 => years.extend(year_of(n)),
            Token::NumericDate { month, year, .. } => {
                years.extend(year.as_ref().and_then(year_of));
                if (1..=12).contains(&month.value) && month.digits() <= 2 {
                    months.push(month.value);
                }
            }
            Token::Word(w) => match lex(w) {
                Lex::Month(m) => months.push(m),
                Lex::Academic => academic = true,
                _ => {}
            },
            _ => {}
        }
    }
    if let Some(year) = years.iter().copied().find(|y| !span.plausible(*y)) {
        return Err(Failure::ImplausibleYear(year));
    }
    let first_year = years.iter().copied().min().unwrap_or(span.first);
    let last_year = years.iter().copied().max().unwrap_or(span.last);

    if (academic || span.school)
        && months.is_empty()
        && first_year.checked_add(1) == Some(last_year)
    {
        return match (ymd(first_year, 9, 1), ymd(last_year, 8, 31)) {
            (Some(from), Some(to)) => Ok((from, to)),
            _ => Err(Failure::OutOfRange),
        };
    }

    let days = |first_month: u32, last_month: u32| match (
        ymd(first_year, first_month, 1),
        month_end(last_year, last_month),
    ) {
        (Some(from), Some(to)) => Ok((from, to)),
        _ => Err(Failure::OutOfRange),
    };
    let (from, to) = match (months.first(), months.last()) {
        (Some(&first), Some(&last)) => days(first, last)?,
        _ => days(1, 12)?,
    };
    if from <= to {
        return Ok((from, to));
    }
    // «Ноябрь – февраль ежегодно» in a one-year roadmap: fall back to the
    // earliest and latest month named.
    let lowest = months.iter().copied().min().unwrap_or(1);
    let highest = months.iter().copied().max().unwrap_or(12);
    let (from, to) = days(lowest, highest)?;
    if from <= to {
        Ok((from, to))
    } else {
        Err(Failure::Reversed(from, to))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Option<NaiveDate> {
        if s.is_empty() {
            None
        } else {
            Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date"))
        }
    }

    use DeadlineKind::*;

    /// (text, roadmap years, kind, from, to); "" for no date.
    type Case = (
        &'static str,
        (i32, i32),
        DeadlineKind,
        &'static str,
        &'static str,
    );

    fn check(cases: &[Case]) {
        check_in(cases, false)
    }

    fn check_in(cases: &[Case], school_year: bool) {
        let mut failures = Vec::new();
        for &(text, years, kind, from, to) in cases {
            let (d, w) = parse_deadline_for(text, years, school_year);
            let expected = (kind, date(from), date(to));
            let got = (d.kind, d.from, d.to);
            if got != expected {
                failures.push(format!(
                    "{text:?}: expected {expected:?}, got {got:?} ({w:?})"
                ));
            }
            if kind == Unknown {
                if w.is_none() {
                    failures.push(format!("{text:?}: unknown without a warning"));
                }
            } else if let Some(w) = w {
                failures.push(format!("{text:?}: unexpected warning {w:?}"));
            }
            assert_eq!(d.text, text);
        }
        assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    }

    /// Every deadline of the five seed orders, verbatim (line breaks as in
    /// the seed text), with the roadmap's years.
    #[test]
    #[rustfmt::skip]
    fn seed_deadlines() {
        // 000: Милютинский район, roadmap from 2020 to 2024.
        const Y0: (i32, i32) = (2020, 2024);
        // 001: Гусь-Хрустальный район, the 2020–2021 school year.
        const Y1: (i32, i32) = (2020, 2021);
        // 002: Сеченовский район, 2020.
        const Y2: (i32, i32) = (2020, 2020);
        // 003: Аяно-Майский район, 2020–2024.
        const Y3: (i32, i32) = (2020, 2024);
        // 004: Армавир, 2024.
        const Y4: (i32, i32) = (2024, 2024);
        check(&[
            // 000
            ("01.09.2020",                                                                   Y0, Date,        "2020-09-01", "2020-09-01"),
            ("Сентябрь - октябрь 2020",                                                      Y0, Range,       "2020-09-01", "2020-10-31"),
            ("31.12.2020",                                                                   Y0, Date,        "2020-12-31", "2020-12-31"),
            ("31.12.2021",                                                                   Y0, Date,        "2021-12-31", "2021-12-31"),
            ("31.12.2022",                                                                   Y0, Date,        "2022-12-31", "2022-12-31"),
            ("31.12.2023",                                                                   Y0, Date,        "2023-12-31", "2023-12-31"),
            ("31.12.2024",                                                                   Y0, Date,        "2024-12-31", "2024-12-31"),
            // 001
            ("до 10.11.2020",                                                                Y1, By,          "",           "2020-11-10"),
            ("до 20.11.2020",                                                                Y1, By,          "",           "2020-11-20"),
            ("Ноябрь 2020",                                                                  Y1, Month,       "2020-11-01", "2020-11-30"),
            ("до 01.12.2020",                                                                Y1, By,          "",           "2020-12-01"),
            ("Ежемесячно",                                                                   Y1, Recurring,   "2020-01-01", "2021-12-31"),
            ("В течение года",                                                               Y1, Period,      "2020-01-01", "2021-12-31"),
            ("с 01.12.2020",                                                                 Y1, Range,       "2020-12-01", ""),
            ("Май 2021",                                                                     Y1, Month,       "2021-05-01", "2021-05-31"),
            // 002
            ("до 29.05.2020",                                                                Y2, By,          "",           "2020-05-29"),
            ("до 03.06.2020",                                                                Y2, By,          "",           "2020-06-03"),
            ("до 22.06.2020",                                                                Y2, By,          "",           "2020-06-22"),
            ("до 10.07.2020",                                                                Y2, By,          "",           "2020-07-10"),
            ("до 15.07.2020",                                                                Y2, By,          "",           "2020-07-15"),
            ("до 20.08.2020",                                                                Y2, By,          "",           "2020-08-20"),
            ("28.05.2020",                                                                   Y2, Date,        "2020-05-28", "2020-05-28"),
            ("июнь 2020 г.",                                                                 Y2, Month,       "2020-06-01", "2020-06-30"),
            ("до 01.08.2020",                                                                Y2, By,          "",           "2020-08-01"),
            ("в течение всего периода реализации ЦМН",                                       Y2, Period,      "2020-01-01", "2020-12-31"),
            ("до 15.08.2020",                                                                Y2, By,          "",           "2020-08-15"),
            ("по отдельному графику",                                                        Y2, Unscheduled, "",           ""),
            ("август - декабрь 2020 г.",                                                     Y2, Range,       "2020-08-01", "2020-12-31"),
            ("июнь - август 2020 г.",                                                        Y2, Range,       "2020-06-01", "2020-08-31"),
            ("с 1 по 15 сентября 2020 г.",                                                   Y2, Range,       "2020-09-01", "2020-09-15"),
            ("с 16 по 30 сентября 2020 г.",                                                  Y2, Range,       "2020-09-16", "2020-09-30"),
            ("до 30 октября 2020 г.",                                                        Y2, By,          "",           "2020-10-30"),
            ("в соответствии со сроками реализации программ наставничества",                 Y2, Unscheduled, "",           ""),
            ("в соответствии со сроками реализации программ наставничества или май 2021 г.", Y2, Unscheduled, "",           ""),
            ("до 01.10.2020",                                                                Y2, By,          "",           "2020-10-01"),
            ("в течение всего периода внедрения ЦМН",                                        Y2, Period,      "2020-01-01", "2020-12-31"),
            ("ноябрь - декабрь 2020 г.",                                                     Y2, Range,       "2020-11-01", "2020-12-31"),
            ("сентябрь - декабрь 2020 г.",                                                   Y2, Range,       "2020-09-01", "2020-12-31"),
            ("в соответствии со сроками, устанавливаемыми Минпросвещения России",            Y2, Unscheduled, "",           ""),
            ("декабрь 2020 г.",                                                              Y2, Month,       "2020-12-01", "2020-12-31"),
            ("С 1 июня по 31 декабря 2020 г.",                                               Y2, Range,       "2020-06-01", "2020-12-31"),
            ("В течение всего периода внедрения ЦМН",                                        Y2, Period,      "2020-01-01", "2020-12-31"),
            // 003 (the PDF text breaks lines inside the cells)
            ("Май-октябрь \n2020 г",                                                         Y3, Range,       "2020-05-01", "2020-10-31"),
            ("Июль- август \n2020 г",                                                        Y3, Range,       "2020-07-01", "2020-08-31"),
            ("Август \n2020 г",                                                              Y3, Month,       "2020-08-01", "2020-08-31"),
            ("Сентябрь \n2020 г.",                                                           Y3, Month,       "2020-09-01", "2020-09-30"),
            ("Сентябрь \n2020 г",                                                            Y3, Month,       "2020-09-01", "2020-09-30"),
            ("в течении года",                                                               Y3, Period,      "2020-01-01", "2024-12-31"),
            ("Октябрь \n2020 г",                                                             Y3, Month,       "2020-10-01", "2020-10-31"),
            ("Октябрь-декабрь \n2620 г.",                                                    Y3, Unknown,     "",           ""),
            ("Сентябрь-ноябрь \nЕжегодно 2021-2024 \n\nгг.",                                 Y3, Recurring,   "2021-09-01", "2024-11-30"),
            ("Январь\n2021",                                                                 Y3, Month,       "2021-01-01", "2021-01-31"),
            ("Октябрь 2021- ноябрь \n2024 гг",                                               Y3, Range,       "2021-10-01", "2024-11-30"),
            ("2021-2024 гг.",                                                                Y3, Range,       "2021-01-01", "2024-12-31"),
            ("2021—2024 гг.",                                                                Y3, Range,       "2021-01-01", "2024-12-31"),
            ("2023-2024 гг.",                                                                Y3, Range,       "2023-01-01", "2024-12-31"),
            ("2021-2024 гг",                                                                 Y3, Range,       "2021-01-01", "2024-12-31"),
            ("Май, ежегодно",                                                                Y3, Recurring,   "2020-05-01", "2024-05-31"),
            ("2023 г",                                                                       Y3, Year,        "2023-01-01", "2023-12-31"),
            ("2024 г",                                                                       Y3, Year,        "2024-01-01", "2024-12-31"),
            // 004
            ("До 10 февраля 2024 года",                                                      Y4, By,          "",           "2024-02-10"),
            ("До 1 марта 2024 года",                                                         Y4, By,          "",           "2024-03-01"),
            ("В течение года",                                                               Y4, Period,      "2024-01-01", "2024-12-31"),
            ("По отдельному плану-графику",                                                  Y4, Unscheduled, "",           ""),
            ("По отдельному плану",                                                          Y4, Unscheduled, "",           ""),
            ("До 10 августа 2024 года",                                                      Y4, By,          "",           "2024-08-10"),
            ("Май, декабрь 2024 года",                                                       Y4, Range,       "2024-05-01", "2024-12-31"),
            ("Ноябрь-декабрь 2024 года",                                                     Y4, Range,       "2024-11-01", "2024-12-31"),
        ]);
    }

    #[test]
    #[rustfmt::skip]
    fn other_forms() {
        const Y: (i32, i32) = (2020, 2024);
        const ONE: (i32, i32) = (2020, 2020);
        check(&[
            ("5 февраля 2024 г.",                   Y, Date,        "2024-02-05", "2024-02-05"),
            ("01.09.2020 г.",                       Y, Date,        "2020-09-01", "2020-09-01"),
            ("1.9.20",                              Y, Date,        "2020-09-01", "2020-09-01"),
            ("до 29.05.2020г.",                     Y, By,          "",           "2020-05-29"),
            ("не позднее 01.09.2020",               Y, By,          "",           "2020-09-01"),
            ("к 1 сентября 2020 г.",                Y, By,          "",           "2020-09-01"),
            ("до сентября 2020",                    Y, By,          "",           "2020-09-30"),
            ("до конца 2021 года",                  Y, By,          "",           "2021-12-31"),
            ("с 01.09.2020 по 30.09.2020",          Y, Range,       "2020-09-01", "2020-09-30"),
            ("c 01.09.2020 по 30.09.2020",          Y, Range,       "2020-09-01", "2020-09-30"),
            ("01.09.2020 – 30.09.2020",             Y, Range,       "2020-09-01", "2020-09-30"),
            ("с 1 сентября до 15 октября 2020",     Y, Range,       "2020-09-01", "2020-10-15"),
            ("1–15 сентября 2020",                  Y, Range,       "2020-09-01", "2020-09-15"),
            ("сентябрь 2020 — май 2021",            Y, Range,       "2020-09-01", "2021-05-31"),
            ("декабрь 2020 – январь",               Y, Range,       "2020-12-01", "2021-01-31"),
            ("с 01.09.2020 по 15.09",               Y, Range,       "2020-09-01", "2020-09-15"),
            ("Июль- август 2020 г",                 Y, Range,       "2020-07-01", "2020-08-31"),
            ("Май-октябрь 2020 г",                  Y, Range,       "2020-05-01", "2020-10-31"),
            ("  СЕНТЯБРЬ   ‐   ОКТЯБРЬ\t2020 Г.  ", Y, Range,       "2020-09-01", "2020-10-31"),
            ("Сентябрь − октябрь 2020",             Y, Range,       "2020-09-01", "2020-10-31"),
            ("в сентябре 2020 года",                Y, Month,       "2020-09-01", "2020-09-30"),
            ("сент. 2020",                          Y, Month,       "2020-09-01", "2020-09-30"),
            ("май и июнь 2021 г.",                  Y, Range,       "2021-05-01", "2021-06-30"),
            ("март, июнь, сентябрь 2022",           Y, Range,       "2022-03-01", "2022-09-30"),
            ("2023",                                Y, Year,        "2023-01-01", "2023-12-31"),
            ("2023 год",                            Y, Year,        "2023-01-01", "2023-12-31"),
            ("2021-2024",                           Y, Range,       "2021-01-01", "2024-12-31"),
            ("2021 – 2024 годы",                    Y, Range,       "2021-01-01", "2024-12-31"),
            ("2020-2021 учебный год",               Y, Range,       "2020-09-01", "2021-08-31"),
            ("2020/2021 уч. год",                   Y, Range,       "2020-09-01", "2021-08-31"),
            ("IV квартал 2020 г.",                  Y, Range,       "2020-10-01", "2020-12-31"),
            ("1 квартал 2021",                      Y, Range,       "2021-01-01", "2021-03-31"),
            ("1-й квартал 2021 г.",                 Y, Range,       "2021-01-01", "2021-03-31"),
            ("до 10-го сентября 2021",              Y, By,          "",           "2021-09-10"),
            ("2-е полугодие 2021",                  Y, Range,       "2021-07-01", "2021-12-31"),
            ("I полугодие 2022 г.",                 Y, Range,       "2022-01-01", "2022-06-30"),
            ("ежеквартально",                       Y, Recurring,   "2020-01-01", "2024-12-31"),
            ("ЕЖЕГОДНО",                            Y, Recurring,   "2020-01-01", "2024-12-31"),
            ("ежегодно до 1 сентября",              Y, Recurring,   "2020-09-01", "2024-09-30"),
            ("Ноябрь – февраль, ежегодно",          Y, Recurring,   "2020-11-01", "2024-02-29"),
            ("Ноябрь – февраль, ежегодно",          ONE, Recurring,   "2020-02-01", "2020-11-30"),
            ("в течение 2021 года",                 Y, Period,      "2021-01-01", "2021-12-31"),
            ("в течение 2020-2021 учебного года",   Y, Period,      "2020-09-01", "2021-08-31"),
            ("весь период",                         Y, Period,      "2020-01-01", "2024-12-31"),
            ("постоянно",                           Y, Period,      "2020-01-01", "2024-12-31"),
            ("в период реализации ЦМН",             Y, Period,      "2020-01-01", "2024-12-31"),
            ("по мере необходимости",               Y, Unscheduled, "",           ""),
            ("по согласованию",                     Y, Unscheduled, "",           ""),
            ("в установленные сроки",               Y, Unscheduled, "",           ""),
            // A month or day without a year in a one-year roadmap.
            ("Сентябрь",                            ONE, Month,       "2020-09-01", "2020-09-30"),
            ("до 10 ноября",                        ONE, By,          "",           "2020-11-10"),
            ("до 10.11",                            ONE, By,          "",           "2020-11-10"),
            // ... and in a multi-year one.
            ("Сентябрь",                            Y, Unknown,     "",           ""),
            ("до 10 ноября",                        Y, Unknown,     "",           ""),
        ]);
    }

    #[test]
    #[rustfmt::skip]
    fn unreadable_and_wrong() {
        const Y: (i32, i32) = (2020, 2024);
        check(&[
            ("",                        Y, Unknown, "",           ""),
            ("   \n ",                  Y, Unknown, "",           ""),
            ("31.02.2020",              Y, Unknown, "",           ""),
            ("01.13.2020",              Y, Unknown, "",           ""),
            ("30 февраля 2021",         Y, Unknown, "",           ""),
            ("2620 г.",                 Y, Unknown, "",           ""),
            ("2014",                    Y, Unknown, "",           ""),
            ("до 01.09.1920",           Y, Unknown, "",           ""),
            ("ежегодно 2021-2620",      Y, Unknown, "",           ""),
            ("с 15 по 1 сентября 2020", Y, Unknown, "",           ""),
            ("по итогам года",          Y, Unknown, "",           ""),
            ("скоро",                   Y, Unknown, "",           ""),
            ("123",                     Y, Unknown, "",           ""),
            ("01.09.20201",             Y, Unknown, "",           ""),
            ("сентябрь 2020?",          Y, Unknown, "",           ""),
            ("до",                      Y, Unknown, "",           ""),
            ("с по",                    Y, Unknown, "",           ""),
            ("1 квартал",               Y, Unknown, "",           ""),
            ("5 квартал 2020",          Y, Unknown, "",           ""),
            ("первый 2020",             Y, Unknown, "",           ""),
            ("15 2020",                 Y, Unknown, "",           ""),
        ]);
    }

    #[test]
    fn warnings_are_russian_and_specific() {
        let (_, w) = parse_deadline("Октябрь-декабрь \n2620 г.", (2024, 2024));
        let w = w.expect("warning");
        assert_eq!(
            w.message,
            "год 2620 вне срока дорожной карты (2019–2029): проверьте опечатку"
        );
        assert!(w.hint.contains("Октябрь-декабрь 2620 г."), "{}", w.hint);

        let (_, w) = parse_deadline("по итогам года", (2024, 2024));
        let w = w.expect("warning");
        assert_eq!(
            w.message,
            "срок «по итогам года» не распознан: непонятное слово «итогам»"
        );
        assert!(w.hint.contains("по отдельному графику"));

        let (_, w) = parse_deadline("31.02.2020", (2020, 2024));
        assert_eq!(
            w.expect("warning").message,
            "срок «31.02.2020» не распознан: даты 31.02.2020 не существует"
        );

        let (_, w) = parse_deadline("Сентябрь", (2020, 2024));
        let w = w.expect("warning");
        assert_eq!(w.message, "срок «Сентябрь» не распознан: не указан год");
        assert!(w.hint.contains("«Сентябрь 2020 г.»"), "{}", w.hint);

        let (_, w) = parse_deadline("с 15 по 1 сентября 2020", (2020, 2024));
        assert_eq!(
            w.expect("warning").message,
            "срок «с 15 по 1 сентября 2020»: начало (15.09.2020) позже окончания (01.09.2020)"
        );

        let (_, w) = parse_deadline("", (2020, 2024));
        assert_eq!(w.expect("warning").message, "срок не указан");
    }

    #[test]
    fn years_given_in_either_order() {
        let (d, w) = parse_deadline("Ежемесячно", (2024, 2020));
        assert!(w.is_none());
        assert_eq!(d.from, date("2020-01-01"));
        assert_eq!(d.to, date("2024-12-31"));
    }

    #[test]
    fn serializes_as_the_bundle_expects() {
        let (d, _) = parse_deadline("До 10 февраля 2024 года", (2024, 2024));
        assert_eq!(
            serde_json::to_string(&d).expect("json"),
            r#"{"text":"До 10 февраля 2024 года","kind":"by","to":"2024-02-10"}"#
        );
        let (d, _) = parse_deadline("Ноябрь 2020", (2020, 2020));
        assert_eq!(
            serde_json::to_string(&d).expect("json"),
            r#"{"text":"Ноябрь 2020","kind":"month","from":"2020-11-01","to":"2020-11-30"}"#
        );
        let kinds = [
            (Date, "date"),
            (By, "by"),
            (Range, "range"),
            (Month, "month"),
            (Year, "year"),
            (Recurring, "recurring"),
            (Period, "period"),
            (Unscheduled, "unscheduled"),
            (Unknown, "unknown"),
        ];
        for (kind, name) in kinds {
            assert_eq!(
                serde_json::to_string(&kind).expect("json"),
                format!("\"{name}\"")
            );
        }
        let statuses = [
            (RoadmapStatus::Done, "done"),
            (RoadmapStatus::Overdue, "overdue"),
            (RoadmapStatus::InProgress, "in_progress"),
            (RoadmapStatus::Upcoming, "upcoming"),
            (RoadmapStatus::NoDeadline, "no_deadline"),
        ];
        for (status, name) in statuses {
            assert_eq!(
                serde_json::to_string(&status).expect("json"),
                format!("\"{name}\"")
            );
        }
    }

    fn status_on(text: &str, done: bool, today: &str) -> RoadmapStatus {
        let (d, _) = parse_deadline(text, (2020, 2020));
        let today = date(today).expect("today");
        let start = date("2020-01-01").expect("start");
        status(&d, done, today, start)
    }

    #[test]
    fn statuses() {
        use RoadmapStatus::*;
        // «до …»: in progress from the roadmap's start up to the day itself.
        assert_eq!(status_on("до 29.05.2020", false, "2020-05-01"), InProgress);
        assert_eq!(status_on("до 29.05.2020", false, "2020-05-29"), InProgress);
        assert_eq!(status_on("до 29.05.2020", false, "2020-05-30"), Overdue);
        assert_eq!(status_on("до 29.05.2020", true, "2020-05-30"), Done);
        assert_eq!(status_on("до 29.05.2020", false, "2019-12-31"), Upcoming);
        // A month: upcoming, in progress through its last day, overdue.
        assert_eq!(status_on("Сентябрь 2020", false, "2020-08-31"), Upcoming);
        assert_eq!(status_on("Сентябрь 2020", false, "2020-09-01"), InProgress);
        assert_eq!(status_on("Сентябрь 2020", false, "2020-09-30"), InProgress);
        assert_eq!(status_on("Сентябрь 2020", false, "2020-10-01"), Overdue);
        // One day.
        assert_eq!(status_on("01.09.2020", false, "2020-09-01"), InProgress);
        assert_eq!(status_on("01.09.2020", false, "2020-09-02"), Overdue);
        // An open start is never overdue.
        assert_eq!(status_on("с 01.12.2020", false, "2030-01-01"), InProgress);
        assert_eq!(status_on("с 01.12.2020", false, "2020-11-30"), Upcoming);
        // No deadline, unless done.
        assert_eq!(
            status_on("по отдельному графику", false, "2020-05-01"),
            NoDeadline
        );
        assert_eq!(status_on("по отдельному графику", true, "2020-05-01"), Done);
        assert_eq!(status_on("когда-нибудь", false, "2020-05-01"), NoDeadline);
        // A whole period.
        assert_eq!(status_on("В течение года", false, "2020-06-01"), InProgress);
        assert_eq!(status_on("В течение года", false, "2021-01-01"), Overdue);
    }

    #[test]
    fn a_yearly_month_is_upcoming_until_it_comes_again() {
        use RoadmapStatus::*;
        let (d, _) = parse_deadline("Май, ежегодно", (2024, 2026));
        // The export keeps the span it covers.
        assert_eq!((d.from, d.to), (date("2024-05-01"), date("2026-05-31")));
        let start = date("2024-01-01").expect("start");
        let on = |today: &str, done: bool| status(&d, done, date(today).expect("today"), start);
        assert_eq!(on("2025-10-20", false), Upcoming);
        assert_eq!(on("2025-10-20", true), Done);
        assert_eq!(on("2025-05-15", false), InProgress);
        assert_eq!(on("2024-02-01", false), Upcoming);
        assert_eq!(on("2026-06-01", false), Overdue);
        // A range of months in every year, across New Year.
        let (d, _) = parse_deadline("Ноябрь – февраль, ежегодно", (2024, 2026));
        let on = |today: &str| status(&d, false, date(today).expect("today"), start);
        assert_eq!(on("2025-01-10"), InProgress);
        assert_eq!(on("2025-12-31"), InProgress);
        assert_eq!(on("2025-06-01"), Upcoming);
        // Without months every day of the span is a working day.
        let (d, _) = parse_deadline("Ежемесячно", (2024, 2026));
        assert_eq!(
            status(&d, false, date("2025-10-20").expect("today"), start),
            InProgress
        );
    }

    #[test]
    #[rustfmt::skip]
    fn school_year_roadmaps_read_school_time() {
        const S: (i32, i32) = (2025, 2026);
        check_in(&[
            ("В течение года",             S, Period,    "2025-09-01", "2026-08-31"),
            ("в течение учебного года",    S, Period,    "2025-09-01", "2026-08-31"),
            ("постоянно",                  S, Period,    "2025-09-01", "2026-08-31"),
            ("Ежемесячно",                 S, Recurring, "2025-09-01", "2026-08-31"),
            ("Май, ежегодно",              S, Recurring, "2026-05-01", "2026-05-31"),
            ("1 четверть",                 S, Range,     "2025-09-01", "2025-10-31"),
            ("2 четверть",                 S, Range,     "2025-11-01", "2025-12-31"),
            ("III четверть",               S, Range,     "2026-01-01", "2026-03-31"),
            ("4-я четверть",               S, Range,     "2026-04-01", "2026-05-31"),
            ("I полугодие",                S, Range,     "2025-09-01", "2025-12-31"),
            ("II полугодие",               S, Range,     "2026-01-01", "2026-05-31"),
            ("в течение II полугодия",     S, Period,    "2026-01-01", "2026-05-31"),
            ("Сентябрь",                   S, Month,     "2025-09-01", "2025-09-30"),
            ("Сентябрь – май",             S, Range,     "2025-09-01", "2026-05-31"),
            ("до 10 ноября",               S, By,        "",           "2025-11-10"),
            ("до 25 мая",                  S, By,        "",           "2026-05-25"),
            // A year written out is a calendar year.
            ("1 полугодие 2026",           S, Range,     "2026-01-01", "2026-06-30"),
            ("в течение 2026 года",        S, Period,    "2026-01-01", "2026-12-31"),
        ], true);
        // Terms in a calendar roadmap of one year, and with a year.
        check(&[
            ("1 четверть",                 (2024, 2024), Range, "2024-09-01", "2024-10-31"),
            ("3 четверть 2025",            (2024, 2026), Range, "2025-01-01", "2025-03-31"),
            ("в течение I полугодия 2025", (2024, 2026), Period, "2025-01-01", "2025-06-30"),
        ]);
        // Which roadmaps are for one school year.
        assert!(is_school_year("План мероприятий на 2025–2026 учебный год", (2025, 2026)));
        assert!(is_school_year("в 2020-2021 учебном году", (2021, 2020)));
        assert!(!is_school_year("Дорожная карта на 2025–2026 годы", (2025, 2026)));
        assert!(!is_school_year("на 2024–2026 учебные годы", (2024, 2026)));
    }

    #[test]
    fn status_labels() {
        assert_eq!(RoadmapStatus::NoDeadline.label(), "без срока");
        assert_eq!(RoadmapStatus::InProgress.label(), "в работе");
    }

    /// No input may panic: a quick sweep over odd strings and years.
    #[test]
    fn never_panics() {
        let pieces = [
            "",
            " ",
            "\n",
            "-",
            "—",
            ",",
            ".",
            "..",
            "/",
            "(",
            "«",
            "?",
            "0",
            "00",
            "1",
            "31",
            "32",
            "99",
            "999",
            "2020",
            "20201",
            "99999999999999999999",
            "0.0.0",
            "31.02.2020",
            "1.1",
            "1.",
            ".1",
            "12.13.14",
            "1.2.3.4.5",
            "с",
            "по",
            "до",
            "и",
            "c",
            "г",
            "гг.",
            "сентября",
            "май",
            "ежегодно",
            "в течение",
            "года",
            "квартал",
            "i",
            "iv",
            "первое",
            "полугодие",
            "учебный",
            "по отдельному",
            "период",
            "весь",
            "ё",
            "İ",
            "ß",
            "\u{0}",
            "\u{FEFF}",
            "\u{200B}",
            "😀",
            "ǅ",
            "-2020",
            "+",
            "№",
        ];
        let years = [
            (2020, 2024),
            (2024, 2020),
            (0, 0),
            (i32::MIN, i32::MAX),
            (i32::MAX, i32::MAX),
            (i32::MIN, i32::MIN),
            (-5, 5),
            (262_143, 262_143),
            (-262_144, -262_144),
        ];
        let today = date("2020-06-01").expect("today");
        let mut count = 0;
        for a in pieces {
            for b in pieces {
                for c in ["", " ", "2020", "сентябрь", "-"] {
                    let text = format!("{a} {b}{c}");
                    for years in years {
                        let (d, _) = parse_deadline(&text, years);
                        let _ = status(&d, false, today, today);
                        count += 1;
                    }
                }
            }
        }
        assert!(count > 10_000);
        // Long inputs stay linear and sane.
        let long = "сентябрь - ".repeat(10_000);
        let (d, w) = parse_deadline(&long, (2020, 2024));
        assert_eq!(d.kind, Unknown);
        assert!(w.is_some());
        let digits = "9".repeat(100_000);
        assert_eq!(parse_deadline(&digits, (2020, 2024)).0.kind, Unknown);
    }
}
