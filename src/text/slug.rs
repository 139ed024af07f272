//! Latin slugs from Russian titles, for URLs and file names, with the letters
//! Russian sites use in addresses (as in Yandex and Wikipedia links):
//! х → kh, ц → ts, ч → ch, ш → sh, щ → shch, ж → zh, й → y, ы → y, я → ya,
//! ю → yu, ё → e; ъ and ь are dropped.

/// The Latin letters of one lower-case Cyrillic letter; `None` for a letter
/// that is not Russian (left to `deunicode`).
fn latin(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' | 'ы' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ю' => "yu",
        'я' => "ya",
        // «СОШ № 1» → sosh-1, as school addresses write it.
        '№' => " ",
        _ => return None,
    })
}

/// `Шаг навстречу` → `shag-navstrechu`; empty when nothing Latin or digit remains.
pub fn slugify(text: &str) -> String {
    let mut latin_text = String::with_capacity(text.len() * 2);
    let mut other = [0u8; 4];
    for c in text.chars().flat_map(char::to_lowercase) {
        match latin(c) {
            Some(l) => latin_text.push_str(l),
            // Whatever is not Russian (Latin diacritics, other scripts) goes through deunicode.
            None => latin_text.push_str(&deunicode::deunicode(c.encode_utf8(&mut other))),
        }
    }
    let mut slug = String::with_capacity(latin_text.len());
    for c in latin_text.chars().flat_map(|c| c.to_lowercase()) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if matches!(c, '`' | '\'' | '"') {
            // Apostrophes vanish inside words: «O'Neil» → oneil.
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
        assert_eq!(slugify("Дорожная карта"), "dorozhnaya-karta");
        assert_eq!(slugify("Учитель – учитель"), "uchitel-uchitel");
        assert_eq!(slugify("Ёлка, щука и подъезд!"), "elka-shchuka-i-podezd");
        assert_eq!(slugify("МБОУ «СОШ № 1»"), "mbou-sosh-1");
        assert_eq!(slugify("Café 2024"), "cafe-2024");
        assert_eq!(slugify("«»"), "");
    }

    #[test]
    fn uses_the_letters_russian_sites_use_in_urls() {
        assert_eq!(slugify("Гусь-Хрустальный"), "gus-khrustalnyy");
        assert_eq!(slugify("Щёлково"), "shchelkovo");
        assert_eq!(
            slugify("Агротехнический техникум"),
            "agrotekhnicheskiy-tekhnikum"
        );
        assert_eq!(slugify("Цифровой волонтёр"), "tsifrovoy-volonter");
        assert_eq!(slugify("Организация"), "organizatsiya");
        assert_eq!(
            slugify("Юность, жизнь, объём, Чита, Шуя, Яя"),
            "yunost-zhizn-obem-chita-shuya-yaya"
        );
        assert_eq!(slugify("Эхо"), "ekho");
    }

    #[test]
    fn validates_slugs() {
        assert!(is_valid_slug("shag-navstrechu-2"));
        assert!(!is_valid_slug("Shag"));
        assert!(!is_valid_slug("a--b"));
        assert!(!is_valid_slug(""));
    }
}
