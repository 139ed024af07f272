//! The practices catalogue is split into pages of 20: generated sites with
//! 0, 1, 20, 21 and 41 practices.

use std::collections::BTreeSet;

use crate::common::{links, main_of, practice_links, resolve, Site};

const PAGE_SIZE: usize = 20;

/// A minimal valid site with `n` practices of one form and year.
fn site_with(n: usize) -> Site {
    let site = Site::empty();
    site.write(
        "site.yaml",
        "organization: МБОУ «Школа № 9»\nbase_url: https://school.example/nastavnichestvo/\n",
    );
    for i in 1..=n {
        site.write(
            &format!("content/practices/praktika-{i:03}.md"),
            &format!("---\ntitle: Практика номер {i:03}\nform: учитель – учитель\nyear: 2024\n---\n\nОписание практики {i}.\n"),
        );
    }
    site.build("2024-06-01").expect_ok();
    site
}

/// The output path of page `n` of the list at `base`.
fn page_path(base: &str, n: usize) -> String {
    if n == 1 {
        format!("{base}index.html")
    } else {
        format!("{base}stranica/{n}/index.html")
    }
}

/// Checks the pages of the list at `base` holding `n` practices.
fn check_list(site: &Site, base: &str, n: usize) {
    let pages = n.div_ceil(PAGE_SIZE).max(1);
    let mut seen: Vec<String> = Vec::new();
    for p in 1..=pages {
        let rel = page_path(base, p);
        assert!(site.has(&rel), "{n} practices: missing {rel}");
        let html = site.read(&rel);
        let cards = practice_links(&rel, &html);
        let expected = if p < pages {
            PAGE_SIZE
        } else {
            n - PAGE_SIZE * (pages - 1)
        };
        assert_eq!(cards.len(), expected, "{n} practices: cards on {rel}");
        seen.extend(cards);
        // Every pager link (and every other link) of the page leads to a page that exists.
        for link in links(main_of(&html)) {
            if crate::common::is_external(&link) || link.starts_with('#') {
                continue;
            }
            let target =
                resolve(&rel, &link).unwrap_or_else(|| panic!("{rel}: «{link}» leaves the site"));
            assert!(
                site.has(&target),
                "{rel}: «{link}» → {target} does not exist"
            );
        }
        if pages > 1 {
            // The pager names the neighbours.
            let targets: BTreeSet<String> = links(main_of(&html))
                .iter()
                .filter_map(|l| resolve(&rel, l))
                .collect();
            if p > 1 {
                assert!(
                    targets.contains(&page_path(base, p - 1)),
                    "{rel} links to the previous page"
                );
            }
            if p < pages {
                assert!(
                    targets.contains(&page_path(base, p + 1)),
                    "{rel} links to the next page"
                );
            }
            for other in 1..=pages {
                assert!(
                    targets.contains(&page_path(base, other)) || other == p,
                    "{rel} links to page {other}"
                );
            }
        }
    }
    assert!(
        !site.has(&page_path(base, pages + 1)),
        "{n} practices: no page {} of {base}",
        pages + 1
    );
    assert!(!site
        .out
        .join(base)
        .join(format!("stranica/{}", pages + 1))
        .exists());
    let unique: BTreeSet<&String> = seen.iter().collect();
    assert_eq!(
        unique.len(),
        n,
        "{n} practices: each practice once across the pages of {base}"
    );
    let all: BTreeSet<String> = (1..=n).map(|i| format!("praktika-{i:03}")).collect();
    assert_eq!(seen.iter().cloned().collect::<BTreeSet<_>>(), all);
}

#[test]
fn no_practices_still_has_a_catalogue_page() {
    let site = site_with(0);
    assert!(site.has("praktiki/index.html"));
    let html = site.read("praktiki/index.html");
    let main = main_of(&html).replace('\u{a0}', " ");
    assert!(practice_links("praktiki/index.html", &html).is_empty());
    assert!(
        main.to_lowercase().contains("пока нет"),
        "an empty-state text:\n{main}"
    );
    assert!(!site.has("praktiki/stranica/2/index.html"));
    assert!(
        !site.out.join("praktiki/forma").exists(),
        "no facet pages without practices"
    );
}

#[test]
fn one_practice_one_page() {
    let site = site_with(1);
    check_list(&site, "praktiki/", 1);
}

#[test]
fn twenty_practices_fill_exactly_one_page() {
    let site = site_with(20);
    check_list(&site, "praktiki/", 20);
}

#[test]
fn twenty_one_practices_make_two_pages() {
    let site = site_with(21);
    check_list(&site, "praktiki/", 21);
    // Facet pages are paginated the same way.
    check_list(&site, "praktiki/forma/uchitel-uchitel/", 21);
    check_list(&site, "praktiki/god/2024/", 21);
}

#[test]
fn forty_one_practices_make_three_pages() {
    let site = site_with(41);
    check_list(&site, "praktiki/", 41);
    check_list(&site, "praktiki/trek/pedagogi/", 41);
    // Pages are in alphabetical order: the last page holds the last practice.
    let last = practice_links(
        "praktiki/stranica/3/index.html",
        &site.read("praktiki/stranica/3/index.html"),
    );
    assert_eq!(last, vec!["praktika-041"]);
    let first = practice_links("praktiki/index.html", &site.read("praktiki/index.html"));
    assert_eq!(first.first().map(String::as_str), Some("praktika-001"));
}
