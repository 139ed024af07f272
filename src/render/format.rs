//! The one place that writes Russian: typography, dates, plural forms, sizes
//! and numbers as they appear on pages.

use chrono::{Datelike, NaiveDate};

/// Non-breaking space.
pub const NBSP: char = '\u{a0}';

const MONTHS_GENITIVE: [&str; 12] = [
    "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября",
    "декабря",
];

const MONTHS_NOMINATIVE: [&str; 12] = [
    "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь",
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
    let name = MONTHS_NOMINATIVE.get(month.saturating_sub(1) as usize).copied().unwrap_or("");
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
    format!("{}{NBSP}{}", group(n as u64), plural(n as u64, one, few, many))
}

/// Digits in groups of three, as Russian writes numbers from five digits on: «10 000».
pub fn group(n: u64) -> String {
    let digits = n.to_string();
    if digits.len() <= 4 {
        return digits;
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(NBSP);
        }
        out.push(c);
    }
    out
}

/// «PDF, 240 КБ»
pub fn file_label(rel: &str, size: u64) -> String {
    let ext = rel.rsplit_once('.').map(|(_, e)| e.to_uppercase()).unwrap_or_default();
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

/// Russian typography for plain text: «ёлочки» (and „лапки“ inside), a
/// non-breaking space after one-letter words and «№», and before dashes.
pub fn typo(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut depth = 0usize;
    for (i, &c) in chars.iter().enumerate() {
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        let next = chars.get(i + 1).copied();
        match c {
            '"' => {
                let opening = prev.is_none_or(|p| p.is_whitespace() || "([{«„-—–/".contains(p));
                if opening {
                    out.push(if depth == 0 { '«' } else { '„' });
                    depth += 1;
                } else {
                    depth = depth.saturating_sub(1);
                    out.push(if depth == 0 { '»' } else { '“' });
                }
            }
            '«' => {
                depth += 1;
                out.push(c);
            }
            '»' => {
                depth = depth.saturating_sub(1);
                out.push(c);
            }
            ' ' => {
                // Before a dash: «слово — слово», also a lone hyphen used as a dash.
                if next == Some('—') || next == Some('–') && chars.get(i + 2) == Some(&' ') {
                    out.push(NBSP);
                } else if next == Some('-') && chars.get(i + 2) == Some(&' ') {
                    out.push(NBSP);
                } else if (i > 0 && is_one_letter_word_end(&chars, i - 1)) || prev == Some('№') {
                    out.push(NBSP);
                } else {
                    out.push(' ');
                }
            }
            '-' if prev == Some(' ') && next == Some(' ') => out.push('—'),
            _ => out.push(c),
        }
    }
    out
}

/// Whether `chars[at]` is a letter standing alone as a word.
fn is_one_letter_word_end(chars: &[char], at: usize) -> bool {
    let c = chars[at];
    if !c.is_alphabetic() {
        return false;
    }
    match at.checked_sub(1).map(|i| chars[i]) {
        None => true,
        Some(p) => !p.is_alphanumeric() && p != '-' && p != '.' && p != '\'',
    }
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
        assert_eq!(file_label("files/prikaz.pdf", 240 * 1024), "PDF, 240\u{a0}КБ");
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
}
