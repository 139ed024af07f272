//! `praktiki/catalogue.js`: the practices and their facet terms for the
//! catalogue's instant filters, as a script that pushes `["c", data]` into
//! the same queue as the search index (so it loads from disk too).

use std::collections::HashMap;

use serde::Serialize;

use super::{script, snippet, text};

/// The facets the filters offer, in the order the form shows them; the keys
/// are the URL query parameters (`?forma=uchitel-uchitel&god=2023`).
pub const FACETS: [&str; 6] = ["forma", "god", "organizaciya", "uroven", "trek", "teg"];

/// One value of a facet, in the order the filter lists it.
#[derive(Debug, Clone)]
pub struct Term {
    /// One of [`FACETS`].
    pub facet: &'static str,
    pub slug: String,
    pub name: String,
    /// The facet page, relative to the section's root.
    pub url: String,
}

/// One practice.
#[derive(Debug, Clone, Default)]
pub struct Item {
    pub title: String,
    pub url: String,
    pub summary: Option<String>,
    /// `(facet, slug)` of every term it is filed under.
    pub terms: Vec<(&'static str, String)>,
}

#[derive(Serialize)]
struct Data<'a> {
    format: u32,
    /// `[facet index, slug, name, url]`
    terms: Vec<(usize, &'a str, &'a str, &'a str)>,
    /// `[title, url, summary, [term indexes]]`
    items: Vec<(&'a str, &'a str, &'a str, Vec<usize>)>,
    stop: &'static [&'static str],
}

/// The script's bytes. Terms of an item that are not in `terms` are skipped.
pub fn catalogue_js(terms: &[Term], items: &[Item]) -> Vec<u8> {
    let facet_index = |f: &str| FACETS.iter().position(|k| *k == f);
    let mut by_key: HashMap<(&str, &str), usize> = HashMap::with_capacity(terms.len());
    let mut list = Vec::with_capacity(terms.len());
    for t in terms {
        let Some(fi) = facet_index(t.facet) else {
            continue;
        };
        if by_key.contains_key(&(t.facet, t.slug.as_str())) {
            continue;
        }
        by_key.insert((t.facet, t.slug.as_str()), list.len());
        list.push((fi, t.slug.as_str(), t.name.as_str(), t.url.as_str()));
    }
    let items = items
        .iter()
        .map(|it| {
            let mut refs: Vec<usize> = it
                .terms
                .iter()
                .filter_map(|(f, s)| by_key.get(&(*f, s.as_str())).copied())
                .collect();
            refs.sort_unstable();
            refs.dedup();
            (
                it.title.as_str(),
                it.url.as_str(),
                it.summary.as_deref().map(snippet).unwrap_or(""),
                refs,
            )
        })
        .collect();
    let data = Data {
        format: super::FORMAT,
        terms: list,
        items,
        stop: text::STOP_WORDS,
    };
    script("c", None, &serde_json::to_string(&data).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_refer_to_terms_by_index() {
        let terms = vec![
            Term {
                facet: "forma",
                slug: "uchitel-uchitel".into(),
                name: "учитель – учитель".into(),
                url: "praktiki/forma/uchitel-uchitel/index.html".into(),
            },
            Term {
                facet: "god",
                slug: "2023".into(),
                name: "2023".into(),
                url: "praktiki/god/2023/index.html".into(),
            },
        ];
        let items = vec![Item {
            title: "Шаг навстречу".into(),
            url: "praktiki/shag-navstrechu/index.html".into(),
            summary: Some("Коротко.".into()),
            terms: vec![
                ("god", "2023".into()),
                ("forma", "uchitel-uchitel".into()),
                ("teg", "net".into()),
            ],
        }];
        let js = String::from_utf8(catalogue_js(&terms, &items)).unwrap();
        assert!(js.starts_with("(window.nastavnikSearch=window.nastavnikSearch||[]).push([\"c\","));
        let json: serde_json::Value =
            serde_json::from_str(&js[js.find(",").unwrap() + 1..js.rfind("]);").unwrap()]).unwrap();
        assert_eq!(
            json["terms"][1],
            serde_json::json!([1, "2023", "2023", "praktiki/god/2023/index.html"])
        );
        assert_eq!(
            json["items"][0],
            serde_json::json!([
                "Шаг навстречу",
                "praktiki/shag-navstrechu/index.html",
                "Коротко.",
                [0, 1]
            ])
        );
    }
}
