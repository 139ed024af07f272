//! KPI tables and the roadmap with live statuses, through the real binary:
//! the fixture `tests/fixtures/kpi_roadmap/` is built for a given `--date`
//! and its pages and exports are read back. Broken data files live in
//! `tests/fixtures/kpi_errors/<case>/` and `roadmap_errors/<case>/`: each is
//! laid over the good fixture and must be reported at its file and line.

use crate::common::{
    assert_error_at, copy_dir, decode_entities, fixture, main_of, Run, Site, NBSP,
};
use serde_json::Value;

const TODAY: &str = "2024-06-01";

fn built(date: &str) -> Site {
    let site = Site::fixture("kpi_roadmap");
    site.build(date).expect_ok();
    site
}

/// The good fixture with the files of `overlay` (a fixture folder) written over it.
fn site_with(overlay: &str) -> Site {
    let site = Site::fixture("kpi_roadmap");
    copy_dir(&fixture(overlay), &site.root);
    site
}

/// Text of an HTML fragment: tags dropped, entities decoded, spaces collapsed.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode_entities(&out)
        .replace(NBSP, " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The part of `html` from the start tag of the element with `id` to the first `end` after it.
fn element<'a>(html: &'a str, id: &str, end: &str) -> &'a str {
    let at = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no element #{id}"));
    let start = html[..at].rfind('<').unwrap_or(at);
    let rest = &html[start..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// The cells (план, факт, отклонение, статус) of an indicator's row for a year in the KPI table.
fn kpi_cells(html: &str, id: &str, year: i32) -> Vec<String> {
    let body = element(html, &format!("tablica-pokazatel-{id}"), "</tbody>");
    let row_start = body
        .find(&format!(">{year}</th>"))
        .unwrap_or_else(|| panic!("no {year} row for {id}"));
    let row = &body[row_start..];
    let row = &row[..row.find("</tr>").unwrap_or(row.len())];
    row.split("<td")
        .skip(1)
        .map(|cell| text(&format!("<td{cell}")))
        .collect()
}

/// The status badge of a roadmap row.
fn row_status(html: &str, anchor: &str) -> String {
    let row = element(html, anchor, "</tr>");
    let badge = row
        .find("<span class=\"badge")
        .unwrap_or_else(|| panic!("row #{anchor} has no status"));
    let badge = &row[badge..];
    text(&badge[..badge.find("</span>").unwrap_or(badge.len())])
}

fn json(site: &Site, rel: &str) -> Value {
    serde_json::from_str(&site.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn kpi_table_shows_plan_fact_deviation_and_status() {
    let site = built(TODAY);
    let html = site.read("pokazateli/index.html");
    // 412 of 640 is 64.375 %: rounded once, for display.
    assert_eq!(
        kpi_cells(&html, "mentees_10_19", 2024),
        ["70 %", "64,4 % май 2024 г.", "−5,6", "не достигнут"]
    );
    assert_eq!(
        kpi_cells(&html, "mentees_10_19", 2023),
        ["50 %", "50 % декабрь 2023 г.", "0", "достигнут"]
    );
    // The fact of a year is its latest period: December's 91.25 → 91,3, not May's 90.
    assert_eq!(
        kpi_cells(&html, "satisfaction", 2024),
        ["85 %", "91,3 % декабрь 2024 г.", "+6,3", "достигнут"]
    );
    assert_eq!(
        kpi_cells(&html, "satisfaction", 2023),
        ["80 %", "—", "—", "нет данных"]
    );
    assert_eq!(
        kpi_cells(&html, "partners", 2024),
        ["5 ед.", "4 ед. декабрь 2024 г.", "−1", "не достигнут"]
    );
    // Lower is better.
    assert_eq!(
        kpi_cells(&html, "dropouts", 2024),
        ["10 %", "7,5 % декабрь 2024 г.", "−2,5", "достигнут"]
    );

    let main = main_of(&html);
    assert!(main.contains("<caption"), "the table has a caption");
    assert!(main.contains("class=\"table-wrap\" role=\"region\" tabindex=\"0\""));
    // The formula in words, and one chart per indicator with its numbers in words.
    assert!(text(main).contains(
        "количество детей 10–19 лет, вошедших в программы в роли наставляемого / общее количество детей 10–19 лет × 100 %"
    ));
    assert_eq!(main.matches("<svg class=\"kpi-chart\"").count(), 4);
    let chart = element(main, "grafik-mentees_10_19", "</title>");
    assert!(
        text(chart).contains("2024 год — план 70 %, факт 64,4 %"),
        "{chart}"
    );
    assert!(main.contains("role=\"img\" aria-labelledby=\"grafik-mentees_10_19\""));
    assert!(!main.contains("<script"), "no script in the charts");
}

#[test]
fn kpi_csv_opens_in_a_russian_excel() {
    let site = built(TODAY);
    let bytes = std::fs::read(site.out.join("export/kpi.csv")).expect("kpi.csv");
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 with a BOM");
    let csv = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    assert!(csv.ends_with("\r\n"));
    assert!(
        !csv.replace("\r\n", "").contains('\n'),
        "every line ends with CRLF"
    );
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "id;Показатель;Единица;Год;План;Факт;Отклонение;Статус"
    );
    // One row per indicator and year.
    assert_eq!(lines.len(), 1 + 4 * 2 + 1);
    assert!(lines.contains(
        &"mentees_10_19;Доля детей в возрасте от 10 до 19 лет, вошедших в программы наставничества в роли наставляемого;%;2024;70;64,4;-5,6;не достигнут"
    ), "{csv}");
    assert!(lines.contains(&"satisfaction;Уровень удовлетворённости наставляемых участием в программах наставничества;%;2023;80;;;нет данных"));
    assert!(lines
        .iter()
        .any(|l| l.starts_with("satisfaction;") && l.ends_with(";2024;85;91,3;6,3;достигнут")));
}

#[test]
fn kpi_json_and_the_bundle() {
    let site = built(TODAY);
    let kpi = json(&site, "export/kpi.json");
    assert_eq!(kpi["years"], serde_json::json!([2023, 2024]));
    let mentees = &kpi["indicators"][0];
    assert_eq!(mentees["id"], "mentees_10_19");
    assert_eq!(
        mentees["facts"][1],
        serde_json::json!({"period": "2024-05", "numerator": 412, "denominator": 640, "value": 64.4})
    );
    assert_eq!(
        mentees["by_year"]["2024"],
        serde_json::json!({"plan": 70, "fact": 64.4, "deviation": -5.6, "status": "not_achieved"})
    );

    let bundle = json(&site, "export/bundle.json");
    let b = &bundle["kpi"]["indicators"][0];
    assert_eq!(bundle["kpi"]["years"], serde_json::json!([2023, 2024]));
    assert_eq!(b["method"], "ratio");
    assert_eq!(b["unit"], "%");
    assert_eq!(b["plan"], serde_json::json!({"2023": 50, "2024": 70}));
    assert_eq!(
        b["by_year"]["2024"],
        serde_json::json!({"plan": 70, "fact": 64.4, "status": "not_achieved"})
    );
    // Keys are absent where there is no value.
    assert_eq!(
        bundle["kpi"]["indicators"][1]["by_year"]["2023"],
        serde_json::json!({"plan": 80, "status": "no_data"})
    );
    assert_eq!(
        bundle["kpi"]["indicators"][1]["facts"][1],
        serde_json::json!({"period": "2024-12", "value": 91.3})
    );
    assert_eq!(
        bundle["kpi"]["indicators"][3]["by_year"]["2024"]["status"],
        "achieved"
    );

    let roadmap = &bundle["roadmap"];
    assert_eq!(roadmap["year"], 2024);
    assert_eq!(roadmap["approved_by"], "prikaz-58");
    let item = |n: &str| {
        roadmap["items"]
            .as_array()
            .and_then(|items| items.iter().find(|i| i["n"] == n))
            .cloned()
            .unwrap_or_else(|| panic!("no item {n}"))
    };
    assert_eq!(
        item("1.2")["due"],
        serde_json::json!({"text": "До 10 февраля 2024 года", "kind": "by", "to": "2024-02-10"})
    );
    assert_eq!(item("1.2")["status"], "done");
    assert_eq!(
        item("1.1")["due"],
        serde_json::json!({"text": "Сентябрь 2024", "kind": "month", "from": "2024-09-01", "to": "2024-09-30"})
    );
    assert_eq!(item("1.1")["status"], "upcoming");
    assert_eq!(item("1.3")["due"]["kind"], "unscheduled");
    assert_eq!(item("1.3")["status"], "no_deadline");
    assert_eq!(item("2.1")["due"]["kind"], "period");
    assert_eq!(item("2.1")["status"], "in_progress");
    assert_eq!(item("2.2")["report"], "files/otchet-kuratora.pdf");
    // The unnumbered row has no `n`.
    let unnumbered = roadmap["items"]
        .as_array()
        .and_then(|v| v.iter().find(|i| i.get("n").is_none()))
        .expect("unnumbered");
    assert_eq!(unnumbered["status"], "overdue");
}

#[test]
fn roadmap_statuses_follow_the_date() {
    let on = |date: &str| built(date).read("dorozhnaya-karta/index.html");
    let (june, september, october) = (on("2024-06-01"), on("2024-09-15"), on("2024-10-15"));
    // «Сентябрь 2024»: upcoming → in progress → overdue.
    assert_eq!(row_status(&june, "punkt-1-1"), "предстоит");
    assert_eq!(row_status(&september, "punkt-1-1"), "в работе");
    assert_eq!(row_status(&october, "punkt-1-1"), "просрочено");
    // Done stays done, past its deadline too.
    for page in [&june, &september, &october] {
        assert_eq!(row_status(page, "punkt-1-2"), "выполнено");
        assert_eq!(row_status(page, "punkt-1-3"), "без срока");
        assert_eq!(row_status(page, "punkt-2-1"), "в работе");
    }
    let bundle: Value =
        serde_json::from_str(&built("2025-01-10").read("export/bundle.json")).expect("bundle");
    let statuses: Vec<&str> = bundle["roadmap"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["status"].as_str())
        .collect();
    assert_eq!(
        statuses,
        [
            "no_deadline",
            "overdue",
            "done",
            "no_deadline",
            "no_deadline",
            "overdue",
            "done",
            "done",
            "overdue",
            "overdue"
        ]
    );
}

#[test]
fn roadmap_page_numbers_counts_approval_and_reports() {
    let site = built(TODAY);
    let html = site.read("dorozhnaya-karta/index.html");
    let main = main_of(&html);
    let all = text(main);
    assert!(all.contains("Всего 8 мероприятий"), "{all}");
    // Counts with Russian plurals, as text beside the badge.
    for expected in [
        "выполнено 3 мероприятия",
        "в работе 1 мероприятие",
        "предстоит 2 мероприятия",
        "просрочено 1 мероприятие",
        "без срока 1 мероприятие",
    ] {
        assert!(all.contains(expected), "«{expected}» in {all}");
    }
    let head = text(&main[..main.find("<thead").expect("table")]);
    assert!(
        head.contains("Утверждена Об утверждении дорожной карты"),
        "{head}"
    );
    assert!(
        main.contains("href=\"../dokumenty/index.html#prikaz-58\""),
        "the approving document's anchor"
    );
    assert!(site
        .read("dokumenty/index.html")
        .contains("id=\"prikaz-58\""));
    // The order's columns.
    let header = text(element(main, "rm-caption", "</thead>"));
    assert!(
        header.ends_with("№ п/п Мероприятие Срок Ответственный Результат Статус"),
        "{header}"
    );
    // Headings stay in the table without a badge; the unnumbered row shows no number.
    let heading = element(main, "punkt-1", "</tr>");
    assert!(
        text(heading).contains("1 Нормативное обеспечение") && !heading.contains("badge"),
        "{heading}"
    );
    let unnumbered = element(main, "punkt-bez-nomera-9", "</tr>");
    assert!(
        text(unnumbered).starts_with("Информирование родителей"),
        "{unnumbered}"
    );
    // Reports: a file with its format, a news item.
    let report = element(main, "punkt-2-2", "</tr>");
    assert!(
        report.contains("href=\"../files/otchet-kuratora.pdf\"") && text(report).contains("(PDF,"),
        "{report}"
    );
    assert!(element(main, "punkt-2-3", "</tr>")
        .contains("href=\"../novosti/itogi-polugodiya/index.html\""));
}

#[test]
fn landing_menu_and_sections() {
    let site = built(TODAY);
    let home = site.read("index.html");
    let kpi = text(element(&home, "home-kpi", "</section>"));
    assert!(
        kpi.contains("Показатели эффективности за 2024 год"),
        "{kpi}"
    );
    assert!(kpi.contains("Достигнуто 2 показателя из 4"), "{kpi}");
    assert!(kpi.contains("Доля детей в возрасте от 10 до 19 лет, вошедших в программы наставничества в роли наставляемого 70 % 64,4 % не достигнут"), "{kpi}");
    let roadmap = element(&home, "home-roadmap", "</section>");
    let words = text(roadmap);
    assert!(
        words.contains(
            "Сейчас в работе 2.1. Мониторинг удовлетворённости участников срок: В течение года"
        ),
        "{words}"
    );
    assert!(words.contains("Ближайшие мероприятия 1.1. Утверждение программ наставничества срок: Сентябрь 2024 3. Итоговая встреча"), "{words}");
    assert!(
        words.contains("Просрочено Информирование родителей о наставничестве срок: до 01.03.2024"),
        "{words}"
    );
    assert!(roadmap.contains("href=\"dorozhnaya-karta/index.html#punkt-1-1\""));
    assert!(roadmap.contains("href=\"dorozhnaya-karta/index.html\""));
    // Today beyond the table's years: the summary shows the last year.
    let later = built("2026-11-23").read("index.html");
    assert!(text(element(&later, "home-kpi", "</h2>")).contains("за 2024 год"));
    for page in [&home, &site.read("dokumenty/index.html")] {
        let menu = &page[page.find("class=\"main-nav\"").expect("menu")..];
        let menu = &menu[..menu.find("</nav>").unwrap_or(menu.len())];
        assert!(
            menu.contains(">Дорожная карта</a>") && menu.contains(">Показатели</a>"),
            "menu items: {menu}"
        );
    }
    assert!(text(main_of(&home)).contains("Дорожная карта План мероприятий"));
    assert!(
        site.read("sitemap.xml").contains("pokazateli/")
            && site.read("sitemap.xml").contains("dorozhnaya-karta/")
    );
}

#[test]
fn without_data_files_there_are_no_pages_menu_items_or_exports() {
    let site = Site::fixture("kpi_roadmap");
    std::fs::remove_file(site.root.join("data/kpi.yaml")).expect("remove");
    std::fs::remove_file(site.root.join("data/roadmap.yaml")).expect("remove");
    site.build(TODAY).expect_ok();
    for path in [
        "pokazateli/index.html",
        "dorozhnaya-karta/index.html",
        "export/kpi.csv",
        "export/kpi.json",
    ] {
        assert!(!site.has(path), "{path} without data");
    }
    let home = site.read("index.html");
    assert!(
        !home.contains("Показатели") && !home.contains("Дорожная карта"),
        "no menu items, no summaries"
    );
    let bundle = json(&site, "export/bundle.json");
    assert!(bundle.get("kpi").is_none() && bundle.get("roadmap").is_none());
}

/// Builds the fixture with `overlay` laid over it; it must fail with exit code 1.
fn fails(overlay: &str) -> Run {
    let site = site_with(overlay);
    let run = site.build(TODAY);
    run.expect_code(1);
    assert!(!site.out.exists(), "{overlay}: a failed build wrote output");
    run
}

#[test]
fn kpi_errors_name_the_file_and_line() {
    let cases: [(&str, usize, &[&str]); 8] = [
        (
            "numerator-above-denominator",
            10,
            &["числитель (700) больше знаменателя (640)"],
        ),
        ("zero-denominator", 10, &["знаменатель равен 0"]),
        (
            "percent-out-of-range",
            10,
            &["доля 120 % вне пределов 0–100 %"],
        ),
        ("period-outside-years", 10, &["год 2025 не входит в years"]),
        ("plan-year-outside-years", 9, &["план на 2025 год"]),
        ("duplicate-id", 11, &["«mentees_10_19» уже описан выше"]),
        (
            "unknown-field",
            10,
            &["неизвестное поле «numerater»", "numerator"],
        ),
        (
            "bad-period",
            10,
            &["период «2024-5» записан неверно", "ГГГГ-ММ"],
        ),
    ];
    for (case, line, needles) in cases {
        let run = fails(&format!("kpi_errors/{case}"));
        assert_error_at(&run.stderr, "data/kpi.yaml", line, needles);
    }
}

#[test]
fn roadmap_errors_name_the_file_and_line() {
    let cases: [(&str, usize, &[&str]); 3] = [
        (
            "unknown-approved-by",
            3,
            &["документ «prikaz-99» не найден"],
        ),
        ("duplicate-n", 11, &["номер пункта «1» повторяется"]),
        (
            "unknown-report",
            8,
            &["файл «files/net-takogo-otcheta.pdf» не найден"],
        ),
    ];
    for (case, line, needles) in cases {
        let run = fails(&format!("roadmap_errors/{case}"));
        assert_error_at(&run.stderr, "data/roadmap.yaml", line, needles);
    }
}

/// Checks that `stderr` has a Russian warning at `path:line:` mentioning `needle`, with a hint.
fn assert_warning_at(stderr: &str, path: &str, line: usize, needle: &str) {
    let prefix = format!("{path}:{line}:");
    let lines: Vec<&str> = stderr.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.starts_with(&prefix) && l.contains("предупреждение:"))
        .unwrap_or_else(|| panic!("no warning at {prefix}:\n{stderr}"));
    assert!(lines[i].contains(needle), "«{needle}» in {}", lines[i]);
    assert!(
        lines
            .get(i + 1)
            .is_some_and(|h| h.trim_start().starts_with("подсказка:")),
        "a hint:\n{stderr}"
    );
}

#[test]
fn unreadable_deadlines_are_warnings_and_shown_as_written() {
    for (case, needle) in [
        ("unparseable-due", "срок «по итогам года» не распознан"),
        ("implausible-year", "год 2620"),
    ] {
        let site = site_with(&format!("roadmap_errors/{case}"));
        let run = site.build(TODAY);
        run.expect_ok();
        assert_warning_at(&run.stderr, "data/roadmap.yaml", 10, needle);
        let bundle = json(&site, "export/bundle.json");
        let item = &bundle["roadmap"]["items"][1];
        assert_eq!(item["due"]["kind"], "unknown", "{case}");
        assert_eq!(item["status"], "no_deadline", "{case}");
        assert!(item["due"].get("from").is_none() && item["due"].get("to").is_none());
        let html = site.read("dorozhnaya-karta/index.html");
        assert_eq!(row_status(&html, "punkt-2"), "без срока");
        let written = bundle["roadmap"]["items"][1]["due"]["text"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(
            text(element(&html, "punkt-2", "</tr>")).contains(&written),
            "the deadline as written: {written}"
        );
    }
}
