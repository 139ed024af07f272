//! Russian alphabetical order (Ё right after Е) by ICU collation, not bytes.

use std::cmp::Ordering;
use std::sync::OnceLock;

use icu_collator::options::CollatorOptions;
use icu_collator::CollatorBorrowed;
use icu_locale_core::locale;

fn collator() -> &'static CollatorBorrowed<'static> {
    static C: OnceLock<CollatorBorrowed<'static>> = OnceLock::new();
    C.get_or_init(|| {
        CollatorBorrowed::try_new(locale!("ru").into(), CollatorOptions::default())
            .expect("compiled ICU data for «ru» is part of the binary")
    })
}

/// Compares two strings in Russian dictionary order.
pub fn compare(a: &str, b: &str) -> Ordering {
    collator().compare(a, b)
}

/// Sorts `items` by the Russian order of `key`, ties broken by `tie` (e.g. the slug) for determinism.
pub fn sort_by<T>(items: &mut [T], key: impl Fn(&T) -> &str, tie: impl Fn(&T) -> &str) {
    items.sort_by(|a, b| compare(key(a), key(b)).then_with(|| tie(a).cmp(tie(b))));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yo_sorts_with_ye_and_case_is_secondary() {
        // Russian dictionaries file Ё under Е.
        let mut words = vec!["Ж", "ёж", "Ель", "ель", "Яма", "ежевика", "Абрикос", "Ёлка"];
        words.sort_by(|a, b| compare(a, b));
        assert_eq!(
            words,
            vec!["Абрикос", "ёж", "ежевика", "Ёлка", "ель", "Ель", "Ж", "Яма"]
        );
    }

    #[test]
    fn byte_order_would_be_wrong() {
        // In bytes «Ё» (U+0401) sorts before «А» (U+0410); in Russian it does not.
        assert_eq!(compare("Ёлка", "Арбуз"), Ordering::Greater);
        assert_eq!(compare("Ёлка", "Жук"), Ordering::Less);
    }
}
