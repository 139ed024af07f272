//! A curator's first hour (issue 17): `init`, `new`, drafts, slugs,
//! roadmap school time, the command line as a non-programmer meets it.

use crate::common::{main_of, path_str, run, Site};

/// `nastavnik new KIND TITLE --root ROOT --date DATE`.
fn new(site: &Site, kind: &str, title: &str) -> crate::common::Run {
    run(&[
        "new",
        kind,
        title,
        "--root",
        path_str(&site.root),
        "--date",
        "2024-03-15",
    ])
}

// ---------------------------------------------------------------------------
// 13. One transliteration everywhere

#[test]
fn slugs_use_the_letters_russian_sites_use() {
    let site = Site::fixture("school");
    new(&site, "practice", "Агротехнический техникум").expect_ok();
    assert!(site
        .root
        .join("content/practices/agrotekhnicheskiy-tekhnikum.md")
        .is_file());
    site.write(
        "content/practices/Щёлково.md",
        "---\ntitle: Щёлково\nsummary: Практика.\nform: ученик – ученик\nyear: 2024\norganization: Гусь-Хрустальный техникум\ntags: [цифровая грамотность]\n---\n",
    );
    site.write(
        "content/practices/Чтение вслух.md",
        "---\ntitle: Чтение вслух\nslug: chtenie\nsummary: Практика.\nform: ученик – ученик\nyear: 2024\n---\n",
    );
    site.build("2024-03-15").expect_ok();
    for page in [
        "praktiki/shchelkovo/index.html",
        "praktiki/teg/tsifrovaya-gramotnost/index.html",
        "praktiki/organizaciya/gus-khrustalnyy-tekhnikum/index.html",
        "praktiki/elka-zhelaniy/index.html",
        // An explicit slug wins over the file name.
        "praktiki/chtenie/index.html",
    ] {
        assert!(site.has(page), "{page}");
    }
    assert!(!site.has("praktiki/chtenie-vslukh/index.html"));
}

// ---------------------------------------------------------------------------
// 11. Roadmap deadlines in school time

#[test]
fn roadmap_reads_yearly_months_and_school_terms() {
    let site = Site::fixture("school");
    site.write(
        "data/roadmap.yaml",
        "title: Дорожная карта на 2024–2026 годы\nyears: [2024, 2026]\nitems:\n  - n: \"1\"\n    title: Итоговая конференция\n    due: Май, ежегодно\n",
    );
    site.build("2025-10-20").expect_ok();
    let page = site.read("dorozhnaya-karta/index.html");
    let row = &main_of(&page)[main_of(&page).find("Итоговая конференция").unwrap()..];
    let status = &row[..row.find("</tr>").unwrap()];
    assert!(status.contains("предстоит"), "{status}");

    let site = Site::fixture("school");
    site.write(
        "data/roadmap.yaml",
        "title: План мероприятий на 2025–2026 учебный год\nyears: [2025, 2026]\nitems:\n  - n: \"1\"\n    title: Встречи пар\n    due: 1 четверть\n  - n: \"2\"\n    title: Итоги\n    due: II полугодие\n  - n: \"3\"\n    title: Сопровождение\n    due: В течение года\n",
    );
    let r = site.build("2025-10-20");
    r.expect_ok();
    assert!(!r.stderr.contains("не распознан"), "{}", r.stderr);
    let bundle: serde_json::Value = serde_json::from_str(&site.read("export/bundle.json")).unwrap();
    let dues: Vec<(String, String)> = bundle["roadmap"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let due = &i["due"];
            (
                due["from"].as_str().unwrap().to_string(),
                due["to"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        ("2025-09-01", "2025-10-31"),
        ("2026-01-01", "2026-05-31"),
        ("2025-09-01", "2026-08-31"),
    ]
    .map(|(a, b)| (a.to_string(), b.to_string()));
    assert_eq!(dues, expected);
}
