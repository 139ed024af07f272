//! Words of Russian and Latin text as the search index and the search script
//! see them: lowercase, «ё» as «е», split on everything that is not a letter
//! or a digit; Cyrillic words stemmed by Snowball Russian, other words kept
//! as they are. `themes/default/static/assets/search.js` does the same in
//! the browser (the agreement is tested word by word under Node).

use std::cell::RefCell;
use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

/// Words too common to find anything by: prepositions, conjunctions,
/// particles, pronouns. Written into the index so the script drops the same.
pub const STOP_WORDS: &[&str] = &[
    "а",
    "без",
    "бы",
    "был",
    "была",
    "были",
    "было",
    "быть",
    "в",
    "вам",
    "вас",
    "ведь",
    "во",
    "вот",
    "все",
    "вы",
    "где",
    "да",
    "для",
    "до",
    "его",
    "ее",
    "ей",
    "если",
    "есть",
    "еще",
    "же",
    "за",
    "здесь",
    "и",
    "из",
    "или",
    "им",
    "их",
    "к",
    "как",
    "кто",
    "ли",
    "между",
    "меня",
    "мне",
    "мой",
    "моя",
    "мы",
    "на",
    "над",
    "нас",
    "не",
    "него",
    "нее",
    "ней",
    "нет",
    "ни",
    "ним",
    "них",
    "но",
    "о",
    "об",
    "он",
    "она",
    "они",
    "от",
    "перед",
    "по",
    "под",
    "при",
    "про",
    "с",
    "сам",
    "себе",
    "себя",
    "со",
    "так",
    "там",
    "тем",
    "то",
    "того",
    "тоже",
    "том",
    "тот",
    "тут",
    "у",
    "уж",
    "уже",
    "чем",
    "что",
    "чтобы",
    "эта",
    "эти",
    "это",
    "этого",
    "этой",
    "этом",
    "этот",
    "эту",
    "я",
];

/// Splits `text` into normalized words: lowercase, «ё» → «е», on every
/// character that is neither a letter nor a digit (and on characters outside
/// the Basic Multilingual Plane, which the script could not compare the same
/// way). Calls `f` with each word and its byte range in `text`.
pub fn words(text: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() && (c as u32) < 0x10000 {
            for l in c.to_lowercase() {
                word.push(if l == 'ё' { 'е' } else { l });
            }
        } else if !word.is_empty() {
            f(&word);
            word.clear();
        }
    }
    if !word.is_empty() {
        f(&word);
    }
}

/// Whether a normalized word is worth indexing: not a stop word, and either
/// a number or at least two characters long.
pub fn is_indexed(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if chars.next().is_none() && !first.is_ascii_digit() {
        return false;
    }
    !is_stop_word(word)
}

fn is_stop_word(word: &str) -> bool {
    word.len() <= 12 && STOP_WORDS.binary_search(&word).is_ok()
}

/// Whether a normalized word is all Russian letters (а–я), the words the
/// Russian stemmer is for.
fn is_russian(word: &str) -> bool {
    word.chars().all(|c| ('а'..='я').contains(&c))
}

/// The stem of one normalized word: Snowball Russian for Russian words, the
/// word itself for any other.
pub fn stem(word: &str) -> String {
    if !is_russian(word) {
        return word.to_string();
    }
    thread_local! {
        static RU: Stemmer = Stemmer::create(Algorithm::Russian);
    }
    RU.with(|s| s.stem(word).into_owned())
}

/// Stems with a per-thread memory: a section repeats its words many times.
pub fn stem_cached(word: &str, f: impl FnOnce(&str)) {
    thread_local! {
        static MEMO: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    }
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if let Some(s) = m.get(word) {
            f(s);
            return;
        }
        let s = stem(word);
        f(&s);
        m.insert(word.to_string(), s);
    });
}

/// The indexed stems of `text`, in order of appearance, repeats kept.
pub fn stems(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    words(text, |w| {
        if is_indexed(w) {
            out.push(stem(w));
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_words(text: &str) -> Vec<String> {
        let mut v = Vec::new();
        words(text, |w| v.push(w.to_string()));
        v
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, STOP_WORDS);
    }

    #[test]
    fn splits_lowercases_and_folds_yo() {
        assert_eq!(
            all_words("Ёлка, «Учитель – учитель» 2023-й год; IT-класс № 5"),
            [
                "елка",
                "учитель",
                "учитель",
                "2023",
                "й",
                "год",
                "it",
                "класс",
                "5"
            ]
        );
    }

    #[test]
    fn stems_russian_and_keeps_other_words() {
        assert_eq!(stem("наставнику"), stem("наставник"));
        assert_eq!(stem("наставничества"), "наставничеств");
        assert_eq!(stem("robotics"), "robotics");
        assert_eq!(stem("5а"), "5а");
        assert_eq!(
            stems("Адаптация молодых педагогов в школе"),
            ["адаптац", "молод", "педагог", "школ"]
        );
    }

    #[test]
    fn drops_stop_words_and_single_letters_but_keeps_digits() {
        assert!(!is_indexed("и"));
        assert!(!is_indexed("для"));
        assert!(!is_indexed("й"));
        assert!(is_indexed("5"));
        assert!(is_indexed("наставник"));
    }
}
