//! Builds the compact complete site of `tests/fixtures/school/` with the real
//! binary and checks the output as a reader (and a crawler) would see it.

use std::collections::{BTreeMap, BTreeSet};

use crate::common::{
    contains_word, grep_output, html_files, links, main_of, practice_links, Site, NBSP,
};

/// "Today" of most tests: the 2024 contest accepts entries, consents are checked against it.
const TODAY: &str = "2024-03-15";
const BASE_URL: &str = "https://school.example/nastavnichestvo/";
const BASE_PATH: &str = "/nastavnichestvo/";

const PRACTICES: [&str; 6] = [
    "agroklass",
    "edinyj-den-nastavnika",
    "esli-drug-ryadom",
    "matematika-bez-strakha",
    "proekt-shag-za-shagom",
    // From the Cyrillic file name «Ёлка желаний.md».
    "elka-zhelaniy",
];

fn built() -> Site {
    let site = Site::fixture("school");
    site.build(TODAY).expect_ok();
    site
}

fn nb(s: &str) -> String {
    s.replace(' ', "\u{a0}")
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn every_page_kind_is_built_with_its_content() {
    let site = built();
    let page = |rel: &str, needles: &[&str]| {
        assert!(site.has(rel), "missing page {rel}");
        let html = site.read(rel);
        let flat = html.replace(NBSP, " ");
        for n in needles {
            assert!(
                flat.contains(&n.replace(NBSP, " ")),
                "{rel} should contain «{n}»"
            );
        }
        html
    };

    let index = page(
        "index.html",
        &["В школе действует целевая модель наставничества"],
    );
    assert!(
        index.contains("<html lang=\"ru\""),
        "the pages are in Russian"
    );
    for section in [
        "dokumenty/index.html",
        "programmy/index.html",
        "praktiki/index.html",
        "konkursy/index.html",
        "nastavniki/index.html",
        "novosti/index.html",
    ] {
        assert!(
            links(&index)
                .iter()
                .any(|l| crate::common::resolve("index.html", l).as_deref() == Some(section)),
            "the landing page links to {section}"
        );
    }

    page(
        "dokumenty/index.html",
        &["Положение о", "Об утверждении методологии"],
    );

    page("programmy/index.html", &["Равный", "Первые шаги"]);
    page(
        "programmy/ravnyj-ravnomu/index.html",
        &[
            "Встреча-знакомство",
            "Итоговая встреча",
            &nb("12 наставнических пар/групп"),
            &nb("15 сентября 2023 г."),
            "files/polozhenie.pdf",
        ],
    );
    page(
        "programmy/pervye-shagi/index.html",
        &[
            "Первые шаги",
            "Программа наставничества для молодых педагогов",
        ],
    );

    let catalogue = page("praktiki/index.html", &[&nb("6 практик")]);
    assert_eq!(
        practice_links("praktiki/index.html", &catalogue)
            .into_iter()
            .collect::<BTreeSet<_>>(),
        set(&PRACTICES)
    );
    page(
        "praktiki/agroklass/index.html",
        &["Агрокласс</h1>", "Ученики агрокласса проходят практику"],
    );
    page(
        "praktiki/edinyj-den-nastavnika/index.html",
        &["Единый день наставника", "Раз в"],
    );
    page(
        "praktiki/esli-drug-ryadom/index.html",
        &["Если друг рядом", "инклюзия"],
    );
    page(
        "praktiki/matematika-bez-strakha/index.html",
        &[
            "Математика без страха",
            "План работы наставника",
            "files/%D0%9F%D0%BB%D0%B0%D0%BD%20%D1%80%D0%B0%D0%B1%D0%BE%D1%82%D1%8B.docx",
        ],
    );
    page(
        "praktiki/proekt-shag-za-shagom/index.html",
        &[
            "Шаг за шагом",
            "Молодые учителя уходят",
            "Полякова В.",
            "Все молодые специалисты остались",
        ],
    );
    page(
        "praktiki/elka-zhelaniy/index.html",
        &["Ёлка желаний</h1>", "Старшеклассники-наставники"],
    );

    for facet in [
        "praktiki/forma/uchitel-uchitel/index.html",
        "praktiki/god/2024/index.html",
        "praktiki/organizaciya/mbou-sosh-3-pos-sosedniy/index.html",
        "praktiki/uroven/municipalnyj/index.html",
        "praktiki/teg/adaptatsiya/index.html",
        "praktiki/trek/pedagogi/index.html",
    ] {
        page(facet, &[]);
    }

    let contests = page(
        "konkursy/index.html",
        &[
            "Конкурс лучших практик наставничества 2023",
            "Наставник года",
        ],
    );
    assert!(
        contests.contains("konkursy/konkurs-2023/index.html")
            && contests.contains("konkursy/konkurs-2024/index.html")
    );
    page(
        "konkursy/konkurs-2023/index.html",
        &[
            "Конкурс лучших практик наставничества 2023",
            "Команда школы",
            "praktiki/proekt-shag-za-shagom/index.html",
            "завершён",
        ],
    );
    page(
        "konkursy/konkurs-2024/index.html",
        &["Наставник года", "приём заявок", &nb("15 апреля 2024 г.")],
    );

    page(
        "nastavniki/index.html",
        &["Полякова Вера Андреевна", "Частичная Лидия Марковна"],
    );

    let news = page(
        "novosti/index.html",
        &["День наставника в школе", "Объявлен конкурс"],
    );
    assert!(news.contains("novosti/den-nastavnika/index.html"));
    page(
        "novosti/den-nastavnika/index.html",
        &[
            "День наставника в школе",
            "В школе прошёл день наставника",
            &nb("5 февраля 2024 г."),
        ],
    );
    page(
        "novosti/konkurs-2024-obyavlen/index.html",
        &["Заявки принимаются"],
    );

    page(
        "kurator/index.html",
        &[
            "Куратор наставничества",
            "Куратор отвечает за работу",
            "dokumenty/index.html#polozhenie",
        ],
    );
    page(
        "kontakty/index.html",
        &["Контакты", "school7@school.example"],
    );

    page(
        "partnery/index.html",
        &[
            "Агрохолдинг Рассвет",
            "Тестовский техникум",
            "https://rassvet.example/",
            "dokumenty/index.html#polozhenie",
        ],
    );

    page("404.html", &["Страница не найдена"]);

    // Crawlers and feeds: absolute addresses under base_url.
    let robots = site.read("robots.txt");
    assert!(
        robots.contains(&format!("Sitemap: {BASE_URL}sitemap.xml")),
        "{robots}"
    );
    let rss = site.read("rss.xml");
    assert!(rss.contains("<rss"), "{rss}");
    assert!(
        rss.contains(&format!("<link>{BASE_URL}novosti/den-nastavnika/</link>")),
        "{rss}"
    );
    assert!(rss.contains("Объявлен конкурс"), "{rss}");
    let sitemap = site.read("sitemap.xml");
    for html in html_files(&site.out)
        .keys()
        .filter(|p| p.as_str() != "404.html")
    {
        let dir = html.trim_end_matches("index.html");
        assert!(
            sitemap.contains(&format!("<loc>{BASE_URL}{dir}</loc>")),
            "sitemap.xml lacks {html}"
        );
    }
    assert!(!sitemap.contains("404"), "the 404 page is not for crawlers");

    // The machine-readable twin.
    let bundle: serde_json::Value =
        serde_json::from_str(&site.read("export/bundle.json")).expect("bundle.json is JSON");
    assert_eq!(bundle["schema"], 1);
    assert_eq!(bundle["today"], TODAY);
    assert_eq!(
        bundle["organization"]["name"],
        "МБОУ «Средняя школа № 7» г. Тестовска"
    );
    assert_eq!(bundle["organization"]["level"], "school");
    let practices = bundle["practices"].as_array().unwrap();
    let slugs: BTreeSet<String> = practices
        .iter()
        .map(|p| p["slug"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(slugs, set(&PRACTICES));
    for p in practices {
        let url = p["url"].as_str().unwrap();
        assert_eq!(url, format!("praktiki/{}/", p["slug"].as_str().unwrap()));
        assert!(
            site.has(&format!("{url}index.html")),
            "bundle url {url} has no page"
        );
    }
    let shag = practices
        .iter()
        .find(|p| p["slug"] == "proekt-shag-za-shagom")
        .unwrap();
    assert_eq!(shag["award"]["contest"], "konkurs-2023");
    assert_eq!(shag["award"]["place"], 1);
    assert_eq!(shag["year"], 2023);
    assert_eq!(shag["forms"], serde_json::json!(["учитель – учитель"]));
    let edinyj = practices
        .iter()
        .find(|p| p["slug"] == "edinyj-den-nastavnika")
        .unwrap();
    assert_eq!(edinyj["level"], "муниципальный");
    assert_eq!(edinyj["organization"], "МБОУ СОШ № 3 пос. Соседний");
    assert!(
        edinyj.get("award").is_none(),
        "keys are absent where there is no value"
    );
    let programs = bundle["programs"].as_array().unwrap();
    assert_eq!(programs.len(), 2);
    let ravnyj = programs
        .iter()
        .find(|p| p["slug"] == "ravnyj-ravnomu")
        .unwrap();
    assert_eq!(
        (
            ravnyj["start"].as_str(),
            ravnyj["end"].as_str(),
            ravnyj["pairs"].as_u64()
        ),
        (Some("2023-09-01"), Some("2024-05-31"), Some(12))
    );
    assert_eq!(bundle["contests"].as_array().unwrap().len(), 2);
}

#[test]
fn documents_are_grouped_by_level_with_file_format_and_size() {
    let site = built();
    let html = site.read("dokumenty/index.html");
    // 2048 bytes → «PDF, 2 КБ», 51200 bytes → «PDF, 50 КБ» (binary kilobytes), with a non-breaking space.
    assert!(main_of(&html).contains("PDF, 2\u{a0}КБ"), "{html}");
    assert!(main_of(&html).contains("PDF, 50\u{a0}КБ"), "{html}");
    let main = main_of(&html).replace(NBSP, " ");
    let main = main.as_str();
    // The group headings are the last mentions of the levels (a table of contents may come first).
    let federal = main.rfind("Федеральный уровень").expect("a federal group");
    let school = main
        .rfind("Уровень образовательной организации")
        .expect("a school group");
    let r145 = main.find("Об утверждении методологии").unwrap();
    let polozhenie = main.find("Положение о наставничестве в МБОУ").unwrap();
    assert!(
        federal < r145 && r145 < school && school < polozhenie,
        "each document under its level, federal first"
    );
    assert_eq!(
        std::fs::metadata(site.out.join("files/polozhenie.pdf"))
            .unwrap()
            .len(),
        2048
    );
    // The file links sit next to their documents.
    assert!(main[r145..school].contains("files/r-145.pdf"));
    assert!(main[polozhenie..].contains("files/polozhenie.pdf"));
    // The simple electronic signature is shown beside the signed document only.
    let signature = main
        .find("Директорова Ангелина Степановна")
        .expect("the signer is shown");
    assert!(signature > polozhenie);
    assert!(main[polozhenie..].contains("01 AB 23 CD 45 EF"));
    assert!(
        !main[..school].contains("подпис"),
        "the unsigned document shows no signature"
    );
    assert!(main.contains("30 августа 2023 г."));
}

#[test]
fn facet_pages_list_exactly_their_practices() {
    let site = built();
    let expected: BTreeMap<&str, Vec<&str>> = BTreeMap::from([
        ("forma/uchitel-uchitel", vec!["proekt-shag-za-shagom"]),
        (
            "forma/uchenik-uchenik",
            vec!["elka-zhelaniy", "edinyj-den-nastavnika", "esli-drug-ryadom"],
        ),
        (
            "forma/uchitel-uchenik",
            vec!["edinyj-den-nastavnika", "matematika-bez-strakha"],
        ),
        ("forma/rabotodatel-uchenik", vec!["agroklass"]),
        ("god/2022", vec!["esli-drug-ryadom"]),
        (
            "god/2023",
            vec!["proekt-shag-za-shagom", "matematika-bez-strakha"],
        ),
        (
            "god/2024",
            vec!["elka-zhelaniy", "edinyj-den-nastavnika", "agroklass"],
        ),
        (
            "organizaciya/mbou-sosh-3-pos-sosedniy",
            vec!["edinyj-den-nastavnika", "agroklass"],
        ),
        (
            "organizaciya/mbou-srednyaya-shkola-7-g-testovska",
            vec![
                "proekt-shag-za-shagom",
                "elka-zhelaniy",
                "esli-drug-ryadom",
                "matematika-bez-strakha",
            ],
        ),
        (
            "uroven/shkolnyj",
            vec![
                "proekt-shag-za-shagom",
                "elka-zhelaniy",
                "esli-drug-ryadom",
                "agroklass",
                "matematika-bez-strakha",
            ],
        ),
        ("uroven/municipalnyj", vec!["edinyj-den-nastavnika"]),
        (
            "teg/adaptatsiya",
            vec![
                "proekt-shag-za-shagom",
                "elka-zhelaniy",
                "esli-drug-ryadom",
                "matematika-bez-strakha",
            ],
        ),
        ("teg/molodye-spetsialisty", vec!["proekt-shag-za-shagom"]),
        ("teg/odarennye-deti", vec!["edinyj-den-nastavnika"]),
        ("teg/inklyuziya", vec!["esli-drug-ryadom"]),
        ("teg/proforientatsiya", vec!["agroklass"]),
        ("teg/uspevaemost", vec!["matematika-bez-strakha"]),
        ("trek/pedagogi", vec!["proekt-shag-za-shagom"]),
        (
            "trek/obuchayushhiesya",
            vec![
                "elka-zhelaniy",
                "edinyj-den-nastavnika",
                "esli-drug-ryadom",
                "agroklass",
                "matematika-bez-strakha",
            ],
        ),
    ]);
    for (term, practices) in &expected {
        let rel = format!("praktiki/{term}/index.html");
        assert!(site.has(&rel), "missing facet page {rel}");
        let found: BTreeSet<String> = practice_links(&rel, &site.read(&rel)).into_iter().collect();
        assert_eq!(found, set(practices), "practices listed on {rel}");
    }
    // No other terms: every facet page of the output is one of the expected ones.
    let pages: BTreeSet<String> = html_files(&site.out)
        .into_keys()
        .filter_map(|p| {
            let rest = p.strip_prefix("praktiki/")?.strip_suffix("/index.html")?;
            let facet = rest.split('/').next()?;
            ["forma", "god", "organizaciya", "uroven", "teg", "trek"]
                .contains(&facet)
                .then(|| rest.to_string())
        })
        .collect();
    let wanted: BTreeSet<String> = expected.keys().map(|k| k.to_string()).collect();
    assert_eq!(pages, wanted, "facet pages in the output");
}

#[test]
fn a_winning_practice_shows_its_award() {
    let site = built();
    // Named as a winner in the contest file.
    let shag = site.read("praktiki/proekt-shag-za-shagom/index.html");
    let main = main_of(&shag);
    assert!(
        main.contains("Конкурс лучших практик наставничества 2023"),
        "the contest title is shown:\n{main}"
    );
    assert!(
        main.contains("1\u{a0}место") || main.contains("1 место"),
        "the place is shown:\n{main}"
    );
    assert!(main.contains("Наставник года"), "the nomination is shown");
    assert!(
        links(main)
            .iter()
            .any(|l| l.ends_with("konkursy/konkurs-2023/index.html")),
        "the award links to its contest"
    );
    // Stated by the practice itself (award: {contest, nomination, place}).
    let yolka = site.read("praktiki/elka-zhelaniy/index.html");
    let main = main_of(&yolka);
    assert!(
        main.contains("Конкурс лучших практик наставничества 2023"),
        "{main}"
    );
    assert!(
        main.contains("2\u{a0}место") || main.contains("2 место"),
        "{main}"
    );
    assert!(main.contains("Лучшая практика"), "{main}");
    // A practice without an award shows none.
    let agro = site.read("praktiki/agroklass/index.html");
    assert!(
        !main_of(&agro).contains("Конкурс лучших практик"),
        "no award on a practice that has none"
    );
}

#[test]
fn contest_status_follows_the_date() {
    let cases = [
        ("2024-02-01", "объявлен", "announced"),
        ("2024-03-15", "приём заявок", "accepting"),
        ("2024-05-01", "подведение итогов", "judging"),
        ("2024-06-01", "завершён", "finished"),
    ];
    let labels = ["объявлен", "приём заявок", "подведение итогов", "завершён"];
    for (date, label, status) in cases {
        let site = Site::fixture("school");
        site.build(date).expect_ok();
        let page = site.read("konkursy/konkurs-2024/index.html");
        let main = main_of(&page);
        assert!(
            main.contains(label),
            "on {date} the contest is «{label}»:\n{main}"
        );
        for other in labels.iter().filter(|l| **l != label) {
            assert!(
                !main.contains(other),
                "on {date} the contest is not «{other}»"
            );
        }
        let list = site.read("konkursy/index.html");
        let card = &list[list
            .find("konkursy/konkurs-2024/index.html")
            .expect("the contest is listed")..];
        let card = &card[..card
            .find("konkursy/konkurs-2023/index.html")
            .unwrap_or(card.len())];
        assert!(
            card.contains(label),
            "the contests list shows «{label}» on {date}"
        );

        let bundle: serde_json::Value =
            serde_json::from_str(&site.read("export/bundle.json")).unwrap();
        let contests = bundle["contests"].as_array().unwrap();
        let status_of = |slug: &str| {
            contests.iter().find(|c| c["slug"] == slug).unwrap()["status"]
                .as_str()
                .unwrap()
                .to_string()
        };
        assert_eq!(status_of("konkurs-2024"), status, "bundle status on {date}");
        assert_eq!(
            status_of("konkurs-2023"),
            "finished",
            "the 2023 contest is over on {date}"
        );
        assert_eq!(bundle["today"], date);
    }
}

#[test]
fn mentors_without_a_valid_consent_leak_nowhere() {
    let site = built();
    let out = &site.out;
    let forbidden = [
        // No consent at all: not a trace, photo included.
        "Засекречена",
        "Евлампия",
        "Тихоновна",
        "Должность-Призрак",
        "Предмет-Призрак",
        "Текст-Призрак",
        "evlampiya-tajnoe-foto",
        // Consent withdrawn before "today".
        "Отозванова",
        "Прасковья",
        "Должность-Отзыв",
        "otozvanova-foto",
        // Consent expired before "today".
        "Истеклова",
        "Фёкла",
        "Должность-Истекла",
        // Consent to name and position only: every other field stays out.
        "Кварцевая каллиграфия",
        "Категория-Уникум",
        "Биография-Невидимка",
        "тайных увлечениях",
        "стаж 43",
        "43 год",
        "chastichnaya-skrytoe-foto",
        "работодатель – студент",
        "rabotodatel-student",
    ];
    for needle in forbidden {
        let hits = grep_output(out, needle);
        assert!(
            hits.is_empty(),
            "«{needle}» must not be published, found in {hits:?}"
        );
    }
    // What the consents allow is published.
    let mentors = site.read("nastavniki/index.html");
    let main = main_of(&mentors).replace(NBSP, " ");
    for allowed in [
        "Частичная Лидия Марковна",
        "учитель начальных классов",
        "Полякова Вера Андреевна",
        "учитель математики",
        "высшая",
        "Наставник молодых учителей математики",
        "стаж 21 год",
        "img/mentors/polyakova.png",
    ] {
        assert!(
            main.contains(allowed),
            "«{allowed}» is consented and must be shown:\n{main}"
        );
    }
    assert!(
        site.has("img/mentors/polyakova.png"),
        "a consented photo is copied"
    );
    // The partial mentor's card shows no field besides the name and position.
    let card = &main[main.find("Частичная Лидия Марковна").unwrap()..];
    let card = &card[..card.find("</li>").unwrap_or(card.len())];
    assert!(
        !card.contains("<img"),
        "no photo for the partial consent: {card}"
    );
    assert!(
        !card.contains("Стаж") && !card.contains("Форм"),
        "no experience or forms for the partial consent: {card}"
    );
}

#[test]
fn a_consent_that_ends_removes_the_mentor_on_the_next_build() {
    let site = Site::fixture("school");
    // On 2023-06-01 both consents are still valid: the mentors and the photo are published.
    site.build("2023-06-01").expect_ok();
    let mentors = site.read("nastavniki/index.html");
    assert!(
        mentors.contains("Отозванова Прасковья Ильинична"),
        "{}",
        main_of(&mentors)
    );
    assert!(mentors.contains("Истеклова Фёкла Саввична"));
    assert!(site.has("img/mentors/otozvanova-foto.png"));
    // Rebuilt into the same folder after the withdrawal and the expiry: not a trace is left.
    site.build(TODAY).expect_ok();
    for needle in ["Отозванова", "otozvanova-foto", "Истеклова"] {
        let hits = grep_output(&site.out, needle);
        assert!(hits.is_empty(), "«{needle}» is still published in {hits:?}");
    }
    // And once more, when the output is rebuilt from the older generation.
    site.build(TODAY).expect_ok();
    assert!(grep_output(&site.out, "Отозванова").is_empty());
    assert!(!site.has("img/mentors/otozvanova-foto.png"));
}

#[test]
fn a_sub_path_site_works_opened_from_disk() {
    let site = built();
    // No `href="/…"` or `src="/…"` but on the 404 page (through the base path);
    // every relative link and anchor leads to a file of the output.
    let (problems, checked) = crate::common::link_problems(&site.out, BASE_PATH);
    assert!(
        problems.is_empty(),
        "{} broken links:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(checked > 500, "only {checked} links checked");
    // The 404 page does use the base path, so it works at any depth.
    let not_found = site.read("404.html");
    assert!(
        not_found.contains(&format!("href=\"{BASE_PATH}")),
        "the 404 page links through {BASE_PATH}"
    );
    // Cyrillic file names are percent-encoded in links and copied as they are.
    assert!(site.has("files/План работы.docx"));
}

#[test]
fn document_body_links_work_on_every_page_that_shows_the_document() {
    let site = Site::fixture("school");
    // A document with a description that links elsewhere in the section; it
    // has no track, so both track pages list it too.
    let doc = std::fs::read_to_string(site.root.join("content/documents/polozhenie.md")).unwrap();
    site.write(
        "content/documents/polozhenie.md",
        &format!("{doc}\nПо положению работает [программа](@/programs/ravnyj-ravnomu); куратор — на [странице](@/pages/kurator).\n"),
    );
    site.build(TODAY).expect_ok();
    // The description is shown on the documents page; track pages list the
    // document and link there, so no relative link is reused at another depth.
    assert!(site
        .read("dokumenty/index.html")
        .contains("По положению работает"));
    assert!(!site
        .read("trek/obuchayushhiesya/index.html")
        .contains("По положению работает"));
    let (problems, _) = crate::common::link_problems(&site.out, BASE_PATH);
    assert!(
        problems.is_empty(),
        "{} broken links:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn links_end_with_index_html_by_default() {
    let site = built();
    let mut pages_linked = 0;
    for (page, html) in html_files(&site.out) {
        for link in links(&html) {
            if crate::common::is_external(&link) || link.starts_with('#') {
                continue;
            }
            let path = link.split(['#', '?']).next().unwrap();
            assert!(
                !path.is_empty() && !path.ends_with('/'),
                "{page}: folder link «{link}» does not work from disk"
            );
            if path.ends_with(".html") {
                assert!(
                    path.ends_with("index.html") || path.ends_with("404.html"),
                    "{page}: «{link}»"
                );
                pages_linked += 1;
            }
        }
    }
    assert!(pages_linked > 300, "{pages_linked}");
}

#[test]
fn pretty_urls_link_to_folders() {
    let site = Site::fixture("school");
    let config = std::fs::read_to_string(site.root.join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{config}pretty_urls: true\n"));
    site.build(TODAY).expect_ok();
    let html = site.read("praktiki/index.html");
    let internal: Vec<String> = links(main_of(&html))
        .into_iter()
        .filter(|l| !crate::common::is_external(l) && !l.starts_with('#'))
        .collect();
    assert!(
        internal.iter().any(|l| l.ends_with("praktiki/agroklass/")),
        "{internal:?}"
    );
    assert!(
        !internal.iter().any(|l| l.contains("index.html")),
        "{internal:?}"
    );
    // The files are the same: every page is still <dir>/index.html.
    assert!(site.has("praktiki/agroklass/index.html"));
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let site = built();
    let other = site.tmp.path().join("public-2");
    site.build_into(&other, TODAY).expect_ok();
    let a = crate::common::all_files(&site.out);
    let b = crate::common::all_files(&other);
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between two builds");
    }
    assert!(a.len() > 50);
}

#[test]
fn russian_typography() {
    let site = built();
    let shag = site.read("praktiki/proekt-shag-za-shagom/index.html");
    // Straight quotes become «ёлочки»; a one-letter word is bound to the next one.
    assert!(
        shag.contains(">Проект «Шаг за шагом» в\u{a0}школе</h1>"),
        "{}",
        main_of(&shag)
    );
    assert!(!main_of(&shag).contains("\"Шаг"), "no straight quotes left");
    assert!(
        shag.contains("в\u{a0}первый год"),
        "one-letter words in the body text"
    );
    // Dates as Russians write them.
    assert!(
        shag.contains("5\u{a0}февраля 2024\u{a0}г."),
        "the practice date"
    );
    let news = site.read("novosti/den-nastavnika/index.html");
    assert!(
        news.contains("5\u{a0}февраля 2024\u{a0}г."),
        "the news date"
    );
    // «№ 7» is not split across lines.
    assert!(site.read("dokumenty/index.html").contains("№\u{a0}7"));

    // Plural forms in the facet counts: each term's count follows its link.
    let catalogue = site.read("praktiki/index.html");
    // The text after each link to the output page `target`, up to the next link.
    let after = |target: &str| -> Vec<String> {
        catalogue
            .match_indices("href=\"")
            .filter_map(|(at, pat)| {
                let rest = &catalogue[at + pat.len()..];
                let value = &rest[..rest.find('"')?];
                (crate::common::resolve("praktiki/index.html", value).as_deref() == Some(target))
                    .then(|| rest[..rest.find("href=").unwrap_or(rest.len())].to_string())
            })
            .collect()
    };
    let cases = [
        ("praktiki/uroven/municipalnyj/index.html", "1\u{a0}практика"),
        ("praktiki/god/2023/index.html", "2\u{a0}практики"),
        ("praktiki/god/2024/index.html", "3\u{a0}практики"),
        ("praktiki/teg/adaptatsiya/index.html", "4\u{a0}практики"),
        ("praktiki/uroven/shkolnyj/index.html", "5\u{a0}практик"),
        (
            "praktiki/trek/obuchayushhiesya/index.html",
            "5\u{a0}практик",
        ),
    ];
    for (href, count) in cases {
        let texts = after(href);
        assert!(
            texts.iter().any(|t| contains_word(t, count)),
            "«{count}» after a link to {href}: {texts:?}"
        );
    }
    assert!(
        contains_word(&catalogue, "6\u{a0}практик"),
        "the whole catalogue"
    );
    // The facet pages themselves.
    assert!(contains_word(
        main_of(&site.read("praktiki/uroven/municipalnyj/index.html")),
        "1\u{a0}практика"
    ));
    assert!(contains_word(
        main_of(&site.read("praktiki/god/2023/index.html")),
        "2\u{a0}практики"
    ));
    assert!(contains_word(
        main_of(&site.read("praktiki/uroven/shkolnyj/index.html")),
        "5\u{a0}практик"
    ));
}

#[test]
fn practices_are_in_russian_alphabetical_order() {
    let site = built();
    let order = practice_links("praktiki/index.html", &site.read("praktiki/index.html"));
    // «Ёлка» files under Е: after «Единый», before «Если» — neither first
    // (byte order of «Ё») nor after all Е titles.
    assert_eq!(
        order,
        vec![
            "agroklass",
            "edinyj-den-nastavnika",
            "elka-zhelaniy",
            "esli-drug-ryadom",
            "matematika-bez-strakha",
            "proekt-shag-za-shagom",
        ]
    );
    let facet = practice_links(
        "praktiki/uroven/shkolnyj/index.html",
        &site.read("praktiki/uroven/shkolnyj/index.html"),
    );
    assert_eq!(
        facet,
        vec![
            "agroklass",
            "elka-zhelaniy",
            "esli-drug-ryadom",
            "matematika-bez-strakha",
            "proekt-shag-za-shagom"
        ],
        "facet pages keep the same order"
    );
}
