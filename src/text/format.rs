//! The one place that writes Russian: typography, dates, plural forms, sizes
//! and numbers as they appear on pages.

use chrono::{Datelike, NaiveDate};

/// Non-breaking space.
pub const NBSP: char = '\u{a0}';

const MONTHS_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

const MONTHS_NOMINATIVE: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];

/// «5 февраля 2024 г.»
pub fn ru_date(d: NaiveDate) -> String {
    format!(
        "{}{NBSP}{} {}{NBSP}г.",
        d.day(),
        MONTHS_GENITIVE[d.month0() as usize],
        d.year()
    )
}

/// «февраль 2024 г.»
pub fn ru_month(year: i32, month: u32) -> String {
    let name = MONTHS_NOMINATIVE
        .get(month.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("");
    format!("{name} {year}{NBSP}г.")
}

/// «05.02.2024», as orders write dates.
pub fn numeric_date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// The word form for `n`: plural(1, …) = one, plural(3, …) = few, plural(5, …) = many.
pub fn plural<'a>(n: u64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let (m10, m100) = (n % 10, n % 100);
    if m10 == 1 && m100 != 11 {
        one
    } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
        few
    } else {
        many
    }
}

/// «1 практика», «2 практики», «10 000 практик» (with non-breaking spaces).
pub fn count(n: usize, one: &str, few: &str, many: &str) -> String {
    format!(
        "{}{NBSP}{}",
        group(n as u64),
        plural(n as u64, one, few, many)
    )
}

/// Digits in groups of three, as Russian writes numbers from five digits on: «10 000».
pub fn group(n: u64) -> String {
    let digits = n.to_string();
    if digits.len() <= 4 {
        return digits;
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(NBSP);
        }
        out.push(c);
    }
    out
}

/// «PDF, 240 КБ»
pub fn file_label(rel: &str, size: u64) -> String {
    let ext = rel
        .rsplit_once('.')
        .map(|(_, e)| e.to_uppercase())
        .unwrap_or_default();
    let size = file_size(size);
    if ext.is_empty() || ext.len() > 5 {
        size
    } else {
        format!("{ext}, {size}")
    }
}

/// «240 КБ», «1,2 МБ», «512 Б»
pub fn file_size(bytes: u64) -> String {
    const KB: u64 = 1024;
    if bytes < KB {
        format!("{bytes}{NBSP}Б")
    } else if bytes < KB * KB {
        format!("{}{NBSP}КБ", bytes.div_ceil(KB))
    } else {
        let tenths = (bytes * 10).div_ceil(KB * KB);
        format!("{}{NBSP}МБ", decimal(tenths as f64 / 10.0, 1))
    }
}

/// A number with a decimal comma: decimal(64.44, 1) = «64,4»; whole numbers lose «,0».
pub fn decimal(x: f64, places: usize) -> String {
    let s = format!("{x:.places$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    let s = if s == "-0" { "0".to_string() } else { s };
    s.replace('.', ",").replace('-', "−")
}

/// A KPI figure as published: rounded to one decimal (see [`round1`]), a
/// decimal comma, «,0» dropped, digits grouped from five on: «64,4», «70», «12 500».
pub fn figure(x: f64) -> String {
    let r = round1(x);
    let tenths = (r.abs() * 10.0).round();
    let (int, frac) = ((tenths / 10.0).trunc(), tenths % 10.0);
    let mut out = if int < 1e15 {
        group(int as u64)
    } else {
        format!("{int}")
    };
    if frac != 0.0 {
        out.push_str(&format!(",{frac}"));
    }
    if r < 0.0 {
        out.insert(0, '−');
    }
    out
}

/// A figure with its unit: «64,4 %», «12 ед.», or the bare figure when there is no unit.
pub fn figure_with_unit(x: f64, unit: &str) -> String {
    let unit = unit.trim();
    if unit.is_empty() {
        figure(x)
    } else {
        format!("{}{NBSP}{unit}", figure(x))
    }
}

/// A deviation with its sign: «+1,5», «−5,6», «0».
pub fn signed_figure(x: f64) -> String {
    let shown = figure(x);
    if round1(x) > 0.0 {
        format!("+{shown}")
    } else {
        shown
    }
}

/// Russian typography for plain text: «ёлочки» (and „лапки“ inside), a
/// non-breaking space after one-letter words and «№», and before dashes.
/// Runs over every text of every page, so it skips ahead to the few bytes
/// that can matter (space, quote, hyphen, and the lead byte of « and ») and
/// copies everything between them in one go.
pub fn typo(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 8);
    let mut depth = 0usize;
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Continuation bytes are 0x80–0xBF, so each of these starts a character.
        if !matches!(bytes[i], b' ' | b'"' | b'-' | 0xC2) {
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let len = c.len_utf8();
        let mut before = text[..i].chars();
        let (prev, before_prev) = (before.next_back(), before.next_back());
        let mut ahead = text[i + len..].chars();
        let (next, next2) = (ahead.next(), ahead.next());
        let replacement = match c {
            '"' => {
                let opening = prev.is_none_or(|p| p.is_whitespace() || "([{«„-—–/".contains(p));
                if opening {
                    depth += 1;
                    Some(if depth == 1 { '«' } else { '„' })
                } else {
                    depth = depth.saturating_sub(1);
                    Some(if depth == 0 { '»' } else { '“' })
                }
            }
            '«' => {
                depth += 1;
                None
            }
            '»' => {
                depth = depth.saturating_sub(1);
                None
            }
            ' ' => {
                let dash_follows =
                    next == Some('—') || matches!(next, Some('–' | '-')) && next2 == Some(' ');
                let one_letter_word = prev.is_some_and(is_letter)
                    && !before_prev.is_some_and(|p| is_alnum(p) || "-.'".contains(p));
                // Initials stay with each other and with the surname:
                // «М. П. Иванова», «Иванова М. П.».
                let after_initial = prev == Some('.')
                    && before_prev.is_some_and(is_upper)
                    && !before.next_back().is_some_and(is_alnum)
                    && next.is_some_and(is_upper);
                // (The cheapest test first: this runs at every space.)
                let initial_follows = next2 == Some('.')
                    && next.is_some_and(is_upper)
                    && prev.is_some_and(|p| is_letter(p) && p.is_lowercase())
                    && !ahead
                        .next()
                        .is_some_and(|c| is_alnum(c) && !c.is_uppercase());
                (dash_follows
                    || one_letter_word
                    || after_initial
                    || initial_follows
                    || prev == Some('№'))
                .then_some(NBSP)
            }
            '-' if prev == Some(' ') && next == Some(' ') => Some('—'),
            _ => None,
        };
        if let Some(r) = replacement {
            out.push_str(&text[copied..i]);
            out.push(r);
            copied = i + len;
        }
        i += len;
    }
    out.push_str(&text[copied..]);
    out
}

/// A letter, with a fast path for Latin and Cyrillic.
fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || ('\u{400}'..='\u{4ff}').contains(&c)
        || !c.is_ascii() && c.is_alphabetic()
}

fn is_upper(c: char) -> bool {
    is_letter(c) && c.is_uppercase()
}

fn is_alnum(c: char) -> bool {
    c.is_ascii_digit() || is_letter(c) || !c.is_ascii() && c.is_numeric()
}

/// Rounds to one decimal, half away from zero, for display and export.
///
/// Rounds the shortest decimal that represents `x` (what a person would
/// write), not its binary approximation: 1.15 → 1.2 and 64.45 → 64.5,
/// where `(x * 10.0).round() / 10.0` gives 1.1. Never returns −0.0; NaN and
/// infinities come back unchanged.
pub fn round1(x: f64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    // Display for f64 is the shortest round-tripping decimal, never with an
    // exponent.
    let text = format!("{}", x.abs());
    let (int_part, frac) = text.split_once('.').unwrap_or((&text, ""));
    let frac = frac.as_bytes();
    let tenths = frac.first().copied().unwrap_or(b'0');
    let round_up = frac.get(1).is_some_and(|d| *d >= b'5');

    let mut digits: Vec<u8> = int_part.bytes().chain([tenths]).collect();
    if round_up {
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, b'1');
                break;
            }
            i -= 1;
            if digits[i] == b'9' {
                digits[i] = b'0';
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let split = digits.len() - 1;
    let rounded = format!(
        "{}.{}",
        String::from_utf8_lossy(&digits[..split]),
        String::from_utf8_lossy(&digits[split..])
    );
    let magnitude: f64 = rounded.parse().unwrap_or(x.abs());
    if magnitude == 0.0 {
        0.0
    } else if x < 0.0 {
        -magnitude
    } else {
        magnitude
    }
}

/// Escapes text for XML.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn dates_in_russian() {
        assert_eq!(ru_date(d("2024-02-05")), "5\u{a0}февраля 2024\u{a0}г.");
        assert_eq!(ru_month(2024, 11), "ноябрь 2024\u{a0}г.");
        assert_eq!(numeric_date(d("2020-08-27")), "27.08.2020");
    }

    #[test]
    fn plural_forms() {
        let f = |n| count(n, "практика", "практики", "практик").replace(NBSP, " ");
        assert_eq!(f(1), "1 практика");
        assert_eq!(f(2), "2 практики");
        assert_eq!(f(5), "5 практик");
        assert_eq!(f(11), "11 практик");
        assert_eq!(f(12), "12 практик");
        assert_eq!(f(21), "21 практика");
        assert_eq!(f(22), "22 практики");
        assert_eq!(f(111), "111 практик");
        assert_eq!(f(0), "0 практик");
        assert_eq!(f(1000), "1000 практик");
        assert_eq!(f(10000), "10 000 практик");
        assert_eq!(f(1234567), "1 234 567 практик");
    }

    #[test]
    fn file_labels() {
        assert_eq!(
            file_label("files/prikaz.pdf", 240 * 1024),
            "PDF, 240\u{a0}КБ"
        );
        assert_eq!(file_label("a.docx", 1_300_000), "DOCX, 1,3\u{a0}МБ");
        assert_eq!(file_label("a.txt", 12), "TXT, 12\u{a0}Б");
    }

    #[test]
    fn decimals_use_a_comma() {
        assert_eq!(decimal(64.4, 1), "64,4");
        assert_eq!(decimal(70.0, 1), "70");
        assert_eq!(decimal(-3.25, 1), "−3,2");
    }

    #[test]
    fn kpi_figures() {
        assert_eq!(figure(64.375), "64,4");
        assert_eq!(figure(70.0), "70");
        assert_eq!(figure(64.45), "64,5");
        assert_eq!(figure(0.04), "0");
        assert_eq!(figure(12500.0), "12\u{a0}500");
        assert_eq!(figure(-5.625), "−5,6");
        assert_eq!(figure_with_unit(64.375, "%"), "64,4\u{a0}%");
        assert_eq!(figure_with_unit(3.0, ""), "3");
        assert_eq!(signed_figure(1.5), "+1,5");
        assert_eq!(signed_figure(-5.625), "−5,6");
        assert_eq!(signed_figure(-0.04), "0");
        assert_eq!(signed_figure(0.0), "0");
    }

    #[test]
    fn typography() {
        assert_eq!(typo("Проект \"Шаг\" в школе"), "Проект «Шаг» в\u{a0}школе");
        assert_eq!(typo("\"Он сказал \"да\"\""), "«Он сказал „да“»");
        assert_eq!(typo("наставник - это друг"), "наставник\u{a0}— это друг");
        assert_eq!(typo("наставник — это друг"), "наставник\u{a0}— это друг");
        assert_eq!(typo("СОШ № 1 и лицей"), "СОШ №\u{a0}1 и\u{a0}лицей");
        assert_eq!(typo("А также"), "А\u{a0}также");
        assert_eq!(typo("т. е. далее"), "т. е. далее");
        assert_eq!(typo("учитель-ученик"), "учитель-ученик");
    }

    #[test]
    fn initials_stay_with_the_surname() {
        let nb = |s: &str| s.replace('~', "\u{a0}");
        assert_eq!(typo("Иванова М. П., учитель"), nb("Иванова~М.~П., учитель"));
        assert_eq!(typo("М. П. Иванова, автор"), nb("М.~П.~Иванова, автор"));
        assert_eq!(
            typo("Петров И.И. и Иванова М. П."),
            nb("Петров~И.И. и~Иванова~М.~П.")
        );
        // Not initials: an abbreviation, the end of a sentence, a number.
        assert_eq!(typo("ООО. Дальше"), "ООО. Дальше");
        assert_eq!(typo("в школе. Мы"), nb("в~школе. Мы"));
        assert_eq!(typo("приказ № 5. Далее"), nb("приказ №~5. Далее"));
        assert_eq!(typo("СОШ И. П. Павлова"), nb("СОШ И.~П.~Павлова"));
    }
}
