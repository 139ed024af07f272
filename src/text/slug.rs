//! Latin slugs from Russian titles (ГОСТ 7.79-2000, система Б, as in
//! `organizaciya`, `dorozhnaya-karta`), for URLs and file names.

use std::sync::OnceLock;

use translit::{gost779b_ru, Transliterator};

fn transliterator() -> &'static Transliterator {
    static T: OnceLock<Transliterator> = OnceLock::new();
    T.get_or_init(|| Transliterator::new(gost779b_ru()))
}

/// `Шаг навстречу` → `shag-navstrechu`; empty when nothing Latin or digit remains.
pub fn slugify(text: &str) -> String {
    let lower = text.to_lowercase();
    let latin = transliterator().convert(&lower, false);
    // Whatever GOST does not cover (Latin diacritics, other scripts) falls back to deunicode.
    let ascii = deunicode::deunicode(&latin).to_lowercase();
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if matches!(c, '`' | '\'' | '"') {
            // The soft and hard signs (` and ``) vanish inside words.
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// A slug as written by a user is valid when it is lower-case Latin, digits and single hyphens.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterates_russian() {
        assert_eq!(slugify("Шаг навстречу"), "shag-navstrechu");
        assert_eq!(slugify("Организация"), "organizaciya");
        assert_eq!(slugify("Дорожная карта"), "dorozhnaya-karta");
        assert_eq!(slugify("Учитель – учитель"), "uchitel-uchitel");
        assert_eq!(slugify("Ёлка, щука и подъезд!"), "yolka-shhuka-i-podezd");
        assert_eq!(slugify("МБОУ «СОШ № 1»"), "mbou-sosh-1");
        assert_eq!(slugify("Café 2024"), "cafe-2024");
        assert_eq!(slugify("«»"), "");
    }

    #[test]
    fn validates_slugs() {
        assert!(is_valid_slug("shag-navstrechu-2"));
        assert!(!is_valid_slug("Shag"));
        assert!(!is_valid_slug("a--b"));
        assert!(!is_valid_slug(""));
    }
}
