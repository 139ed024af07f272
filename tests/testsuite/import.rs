//! `nastavnik import roadmap|kpi` on Word, Excel and CSV files that the test
//! writes itself from `tests/fixtures/office/<seed>.txt`: the roadmap tables
//! of the five seed orders, with their merged cells, section rows, rows
//! broken over a page and a table split by hand. Each file is imported into
//! a site, the site is built, and the roadmap page must show every row of
//! the source with its deadline as written.
//!
//! The fixture markup: `# text` is a paragraph (before the next table); other
//! lines are table rows, cells separated by ` | `; `^` continues the cell
//! above (a vertical merge), `<` the cell to the left (a horizontal merge);
//! a first cell `~` is a row that goes on from the row above (its number
//! cell is empty) and `*` an item without a number. A paragraph between two
//! tables of rows splits the table into two `w:tbl` (Word) or starts a new
//! sheet (Excel) unless it says «Продолжение таблицы».

use std::io::Cursor;
use std::path::{Path, PathBuf};

use docx_rs::{Docx, Paragraph, Run, Table, TableCell, TableRow, VMergeType};
use rust_xlsxwriter::{Format, Workbook};
use serde_json::Value;

use crate::common::{decode_entities, fixture, path_str, read, run, Run as Ran, Site, NBSP};

/// The five seed orders: fixture name, the date the site is built on.
const SEEDS: [&str; 5] = [
    "milyutinsky",
    "gus",
    "sechenovsky",
    "ayano-maysky",
    "armavir",
];

#[derive(Debug, Clone, PartialEq)]
enum Block {
    Paragraph(String),
    Rows(Vec<Vec<String>>),
}

fn blocks(name: &str) -> Vec<Block> {
    let text = read(&fixture("office"), &format!("{name}.txt"));
    let mut out: Vec<Block> = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        if let Some(p) = line.strip_prefix("# ") {
            out.push(Block::Paragraph(p.to_string()));
            continue;
        }
        let cells: Vec<String> = line.split(" | ").map(|c| c.trim().to_string()).collect();
        match out.last_mut() {
            Some(Block::Rows(rows)) => rows.push(cells),
            _ => out.push(Block::Rows(vec![cells])),
        }
    }
    out
}

/// The text a marker cell is written as.
fn shown(token: &str) -> &str {
    match token {
        "~" | "*" | "^" | "<" => "",
        t => t,
    }
}

fn docx(blocks: &[Block]) -> Vec<u8> {
    let mut doc = Docx::new();
    for block in blocks {
        match block {
            Block::Paragraph(p) => {
                doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(p)));
            }
            Block::Rows(rows) => {
                let width = rows.iter().map(Vec::len).max().unwrap_or(0);
                let mut trs = Vec::new();
                for (r, row) in rows.iter().enumerate() {
                    let mut cells: Vec<(String, usize, Option<VMergeType>)> = Vec::new();
                    for (c, token) in row.iter().enumerate() {
                        match token.as_str() {
                            "<" => {
                                if let Some(last) = cells.last_mut() {
                                    last.1 += 1;
                                }
                            }
                            "^" => cells.push((String::new(), 1, Some(VMergeType::Continue))),
                            t => {
                                let below = rows.get(r + 1).and_then(|b| b.get(c));
                                let merge = (below.map(String::as_str) == Some("^"))
                                    .then_some(VMergeType::Restart);
                                cells.push((shown(t).to_string(), 1, merge));
                            }
                        }
                    }
                    let tcs = cells
                        .into_iter()
                        .map(|(text, span, merge)| {
                            let mut tc = TableCell::new()
                                .add_paragraph(Paragraph::new().add_run(Run::new().add_text(text)));
                            if span > 1 {
                                tc = tc.grid_span(span);
                            }
                            if let Some(m) = merge {
                                tc = tc.vertical_merge(m);
                            }
                            tc
                        })
                        .collect();
                    trs.push(TableRow::new(tcs));
                }
                doc = doc.add_table(Table::new(trs).set_grid(vec![1800; width]));
            }
        }
    }
    let mut out = Cursor::new(Vec::new());
    doc.build().pack(&mut out).expect("docx written");
    out.into_inner()
}

fn is_continuation_note(p: &str) -> bool {
    p.starts_with("Продолжение")
}

fn xlsx(blocks: &[Block]) -> Vec<u8> {
    let mut book = Workbook::new();
    let plain = Format::new();
    let mut sheet_rows: Vec<Vec<Block>> = vec![Vec::new()];
    let mut seen_rows = false;
    for block in blocks {
        match block {
            Block::Paragraph(p) if seen_rows && !is_continuation_note(p) => {
                sheet_rows.push(vec![block.clone()]);
                seen_rows = false;
            }
            Block::Rows(_) => {
                seen_rows = true;
                sheet_rows.last_mut().unwrap().push(block.clone());
            }
            _ => sheet_rows.last_mut().unwrap().push(block.clone()),
        }
    }
    for (s, sheet_blocks) in sheet_rows.iter().enumerate() {
        let sheet = book.add_worksheet();
        sheet.set_name(format!("Приложение {}", s + 1)).unwrap();
        let mut at = 0u32;
        for block in sheet_blocks {
            match block {
                Block::Paragraph(p) => {
                    sheet.write_string(at, 0, p).unwrap();
                    at += 1;
                }
                Block::Rows(rows) => {
                    for (r, row) in rows.iter().enumerate() {
                        for (c, token) in row.iter().enumerate() {
                            if matches!(token.as_str(), "^" | "<") {
                                continue;
                            }
                            let right = row[c + 1..].iter().take_while(|t| *t == "<").count();
                            let down = rows[r + 1..]
                                .iter()
                                .take_while(|b| b.get(c).map(String::as_str) == Some("^"))
                                .count();
                            let (r0, c0) = (at + r as u32, c as u16);
                            if right + down > 0 {
                                sheet
                                    .merge_range(
                                        r0,
                                        c0,
                                        r0 + down as u32,
                                        c0 + right as u16,
                                        shown(token),
                                        &plain,
                                    )
                                    .unwrap();
                            } else if !shown(token).is_empty() {
                                // Numbers as Excel keeps them: «1» in a number column is a number.
                                match token.parse::<f64>() {
                                    Ok(n) => sheet.write_number(r0, c0, n).unwrap(),
                                    Err(_) => sheet.write_string(r0, c0, shown(token)).unwrap(),
                                };
                            }
                        }
                    }
                    at += rows.len() as u32;
                }
            }
        }
    }
    book.save_to_buffer().expect("xlsx written")
}

/// The roadmap part as CSV: merged cells filled in (as «unmerge and fill»
/// leaves them), paragraphs as one-field lines, up to the first paragraph that
/// is not a continuation note after the rows.
fn csv(blocks: &[Block], delimiter: u8) -> String {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_writer(Vec::new());
    let mut seen_rows = false;
    for block in blocks {
        match block {
            Block::Paragraph(p) => {
                if seen_rows && !is_continuation_note(p) {
                    break;
                }
                w.write_record([p]).unwrap();
            }
            Block::Rows(rows) => {
                seen_rows = true;
                let mut filled: Vec<Vec<String>> = Vec::new();
                for row in rows {
                    let mut out = Vec::new();
                    for (c, token) in row.iter().enumerate() {
                        let text = match token.as_str() {
                            "^" => filled
                                .last()
                                .map(|p: &Vec<String>| p[c].clone())
                                .unwrap_or_default(),
                            t => shown(t).to_string(),
                        };
                        out.push(text);
                    }
                    w.write_record(&out).unwrap();
                    filled.push(out);
                }
            }
        }
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// One item the source shows: its number (without the final dot), the
/// start of its activity and its deadline as written.
#[derive(Debug, Clone, PartialEq)]
struct Expected {
    n: String,
    title: String,
    due: Option<String>,
}

/// The items of the roadmap part of the markup, read by its explicit markers.
fn expected(blocks: &[Block]) -> Vec<Expected> {
    let mut items = Vec::new();
    let mut header: Option<Vec<String>> = None;
    let mut seen_rows = false;
    for block in blocks {
        let rows = match block {
            Block::Paragraph(p) if seen_rows && !is_continuation_note(p) => break,
            Block::Paragraph(_) => continue,
            Block::Rows(rows) => rows,
        };
        seen_rows = true;
        let mut rows = rows.iter().enumerate().peekable();
        if header.is_none() {
            header = rows.next().map(|(_, h)| h.clone());
        }
        let header = header.as_ref().unwrap();
        let due_col = header.iter().position(|h| h.starts_with("Срок"));
        let all: Vec<&Vec<String>> = match block {
            Block::Rows(r) => r.iter().collect(),
            _ => unreachable!(),
        };
        for (r, row) in rows {
            let first = row[0].as_str();
            if first == "~"
                || (row
                    .iter()
                    .enumerate()
                    .all(|(i, t)| t == &(i + 1).to_string()))
            {
                continue;
            }
            if row[1..].iter().all(|t| t == "<") {
                let (n, title) = first.split_once(". ").unwrap();
                items.push(Expected {
                    n: n.to_string(),
                    title: title.to_string(),
                    due: None,
                });
                continue;
            }
            let due = due_col.and_then(|c| {
                let mut k = r;
                while all[k].get(c).map(String::as_str) == Some("^") {
                    k -= 1;
                }
                let t = all[k].get(c).map(String::as_str).unwrap_or("");
                (!t.is_empty() && t != "<").then(|| t.to_string())
            });
            items.push(Expected {
                n: if first == "*" {
                    String::new()
                } else {
                    first.trim_end_matches('.').to_string()
                },
                title: row[1].clone(),
                due,
            });
        }
    }
    items
}

/// A site to import into: `site.yaml` and nothing else.
fn new_site() -> Site {
    let site = Site::empty();
    site.write(
        "site.yaml",
        "organization: МБОУ «Средняя школа № 3» г. Тестовска\nshort_name: МБОУ СШ № 3\nlevel: school\nbase_url: https://school3.example/nastavnichestvo/\n",
    );
    site
}

fn write_file(site: &Site, name: &str, bytes: &[u8]) -> PathBuf {
    let path = site.tmp.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn import(site: &Site, what: &str, file: &Path, extra: &[&str]) -> Ran {
    let mut args = vec![
        "import",
        what,
        path_str(file),
        "--root",
        path_str(&site.root),
        "--date",
        "2026-12-02",
    ];
    args.extend_from_slice(extra);
    run(&args)
}

fn flat(text: &str) -> String {
    decode_entities(text)
        .replace(NBSP, " ")
        .replace(['–', '—'], "-")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
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
    flat(&out)
}

/// (number, deadline or None, status) of each row of the roadmap page.
fn page_rows(html: &str) -> Vec<(String, Option<String>, Option<String>)> {
    let body = &html[html.find("<tbody").expect("roadmap table")..];
    let body = &body[..body.find("</tbody>").unwrap()];
    body.split("<tr ")
        .skip(1)
        .map(|row| {
            let cell = |class: &str, end: &str| {
                row.find(class).map(|at| {
                    let rest = &row[at..];
                    let rest = &rest[rest.find('>').unwrap() + 1..];
                    text(&rest[..rest.find(end).unwrap()])
                })
            };
            (
                cell("class=\"rm-n\"", "</td>").unwrap_or_default(),
                cell("class=\"rm-due\"", "</td>").filter(|d| d != "-"),
                cell("class=\"badge", "</span>"),
            )
        })
        .collect()
}

/// Imports `file` as the roadmap, builds the site on `date` and checks every
/// row of `name`'s source against the page and the bundle; returns the bundle's items.
fn round_trip(name: &str, file: &Path, date: &str) -> Vec<Value> {
    let site = new_site();
    import(&site, "roadmap", file, &[]).expect_ok();
    let yaml = read(&site.root, "data/roadmap.yaml");
    let shown_name = file.file_name().unwrap().to_string_lossy();
    assert!(
        yaml.starts_with(&format!(
            "# Дорожная карта перенесена из файла «{shown_name}»"
        )),
        "{yaml}"
    );
    let built = site.build(date);
    built.expect_ok();
    let want = expected(&blocks(name));
    let bundle: Value = serde_json::from_str(&site.read("export/bundle.json")).expect("bundle");
    let items = bundle["roadmap"]["items"]
        .as_array()
        .expect("items")
        .clone();
    let got: Vec<(String, String, Option<String>)> = items
        .iter()
        .map(|i| {
            (
                i["n"].as_str().unwrap_or("").to_string(),
                i["title"].as_str().unwrap().to_string(),
                i["due"]["text"].as_str().map(str::to_string),
            )
        })
        .collect();
    assert_eq!(
        got.len(),
        want.len(),
        "{name} ({shown_name}): items\n{got:#?}\nexpected\n{want:#?}"
    );
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g.0, w.n, "{name} ({shown_name}): number");
        assert!(
            g.1.starts_with(&w.title),
            "{name} ({shown_name}) {}: «{}» should start with «{}»",
            w.n,
            g.1,
            w.title
        );
        assert_eq!(
            g.2, w.due,
            "{name} ({shown_name}) {}: deadline as written",
            w.n
        );
    }
    // The page: every row, its number, its deadline as written and a status.
    let html = site.read("dorozhnaya-karta/index.html");
    let rows = page_rows(&html);
    assert_eq!(rows.len(), want.len(), "{name}: rows of the page");
    for ((n, due, status), (w, item)) in rows.iter().zip(want.iter().zip(&items)) {
        assert_eq!(n, &w.n, "{name}: page number");
        assert_eq!(
            due.as_deref(),
            w.due.as_deref().map(flat).as_deref(),
            "{name} {n}: page deadline"
        );
        if let Some(s) = status {
            let label = match item["status"].as_str().unwrap() {
                "done" => "выполнено",
                "overdue" => "просрочено",
                "in_progress" => "в работе",
                "upcoming" => "предстоит",
                _ => "без срока",
            };
            assert_eq!(s, label, "{name} {n}: page status");
        }
    }
    items
}

fn status_of<'a>(items: &'a [Value], n: &str) -> &'a str {
    items
        .iter()
        .find(|i| i["n"] == n)
        .unwrap_or_else(|| panic!("no item {n}"))["status"]
        .as_str()
        .unwrap()
}

fn files(name: &str, dir: &Path) -> Vec<PathBuf> {
    let b = blocks(name);
    let docx_path = dir.join(format!("{name}.docx"));
    std::fs::write(&docx_path, docx(&b)).unwrap();
    let xlsx_path = dir.join(format!("{name}.xlsx"));
    std::fs::write(&xlsx_path, xlsx(&b)).unwrap();
    // Windows-1251 with «;» as Excel saves CSV in a Russian locale; tab-separated UTF-8; commas.
    let csv_path = dir.join(format!("{name}.csv"));
    let semicolons = csv(&b, b';');
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(&semicolons);
    std::fs::write(&csv_path, cp1251).unwrap();
    let tsv_path = dir.join(format!("{name}.tsv"));
    std::fs::write(&tsv_path, format!("\u{feff}{}", csv(&b, b'\t'))).unwrap();
    vec![docx_path, xlsx_path, csv_path, tsv_path]
}

#[test]
fn every_seed_roadmap_round_trips_from_word_excel_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    for name in SEEDS {
        for file in files(name, dir.path()) {
            let date = match name {
                "armavir" => "2024-06-01",
                "sechenovsky" | "gus" => "2020-10-01",
                _ => "2021-03-01",
            };
            let items = round_trip(name, &file, date);
            // Statuses on that day, by hand.
            let check: &[(&str, &str)] = match name {
                "milyutinsky" => &[
                    ("1", "overdue"),
                    ("2", "overdue"),
                    ("3", "overdue"),
                    ("4", "upcoming"),
                ],
                "gus" => &[
                    ("1", "in_progress"),
                    ("5", "in_progress"),
                    ("8", "upcoming"),
                    ("7", "upcoming"),
                ],
                "sechenovsky" => &[
                    ("1.1", "overdue"),
                    ("2.4", "in_progress"),
                    ("2.7", "no_deadline"),
                    ("3.2", "overdue"),
                    ("3.5", "in_progress"),
                    ("5.6", "upcoming"),
                ],
                "ayano-maysky" => &[
                    ("1.1", "overdue"),
                    ("3.3", "overdue"),
                    ("4.2", "in_progress"),
                    ("5.4", "upcoming"),
                ],
                _ => &[
                    ("1.1", "overdue"),
                    ("1.3", "in_progress"),
                    ("4.1", "in_progress"),
                    ("5.3", "in_progress"),
                    ("6.1", "upcoming"),
                ],
            };
            for (n, status) in check {
                assert_eq!(
                    status_of(&items, n),
                    *status,
                    "{name} {}: {n}",
                    file.display()
                );
            }
        }
    }
}

#[test]
fn merged_cells_sections_and_split_tables_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let site = new_site();
    // Армавир: a section row spanning the width, vertical merges down 4.1–4.6 and 5.1–5.6.
    let file = files("armavir", dir.path()).remove(0);
    import(&site, "roadmap", &file, &[]).expect_ok();
    let yaml = read(&site.root, "data/roadmap.yaml");
    assert!(yaml.contains("year: 2024\n"), "{yaml}");
    assert!(yaml.contains("title: План мероприятий (дорожная карта) по реализации целевой модели наставничества в образовательных организациях в 2024 году\n"));
    assert!(
        yaml.contains("- n: '1'\n  title: Нормативно-правовое регулирование"),
        "{yaml}"
    );
    assert!(
        yaml.contains("  - n: '5.6.'") || yaml.contains("  - n: '5.6'"),
        "{yaml}"
    );
    let five_six = &yaml[yaml.find("n: '5.6'").unwrap()..];
    assert!(
        five_six.contains("due: Май, декабрь 2024 года\n"),
        "{five_six}"
    );
    let four_six = &yaml[yaml.find("n: '4.6'").unwrap()..];
    assert!(four_six.contains("responsible: Руководители общеобразовательных организаций\n"));
    // Сеченовский: the table split by hand («Продолжение таблицы», the column numbers
    // repeated), rows broken over a page joined, the unnumbered row kept under 2.
    let site = new_site();
    let file = files("sechenovsky", dir.path()).remove(0);
    import(&site, "roadmap", &file, &[]).expect_ok();
    let yaml = read(&site.root, "data/roadmap.yaml");
    assert!(
        yaml.contains("(далее - лица, ответственные за внедрение ЦМН в районе)"),
        "{yaml}"
    );
    assert!(
        yaml.contains("  - n: '6.1'\n") && yaml.contains("    - n: 6.1.1\n"),
        "6.1.1 nests under 6.1: {yaml}"
    );
    assert!(
        yaml.contains("  - n: ''\n    title: Популяризация ЦМН"),
        "{yaml}"
    );
    assert!(yaml.contains("result: Сформированные наставнические пары или группы, готовые продолжить работу в рамках программ\n"));
    assert!(yaml.contains("year: 2020\n"));
}

#[test]
fn indicator_plans_by_year_become_kpi() {
    let dir = tempfile::tempdir().unwrap();
    for file in files("sechenovsky", dir.path()).into_iter().take(2) {
        let site = new_site();
        import(&site, "kpi", &file, &[]).expect_ok();
        let yaml = read(&site.root, "data/kpi.yaml");
        assert!(
            yaml.contains("years: [2020, 2021, 2022, 2023, 2024]\n"),
            "{yaml}"
        );
        assert!(
            yaml.contains("plan: {2020: 10, 2021: 20, 2022: 35, 2023: 50, 2024: 70}"),
            "{yaml}"
        );
        assert!(yaml.contains("plan: {2020: 2, 2021: 4, 2022: 6, 2023: 8, 2024: 10}"));
        assert!(yaml.contains("plan: {2020: 50, 2021: 55, 2022: 60, 2023: 70, 2024: 85}"));
        assert!(yaml.contains("method: survey"));
        assert!(
            yaml.contains("denominator: общее количество детей и молодежи в возрасте от 15 до 19 лет, проживающих в Сеченовском муниципальном районе"),
            "the name broken over a page is joined: {yaml}"
        );
        assert_eq!(yaml.matches("  - id: ").count(), 6);
        site.build("2024-06-01").expect_ok();
        let html = site.read("pokazateli/index.html");
        assert!(
            text(&html).contains("Доля учителей - молодых специалистов"),
            "{html}"
        );
    }
    let site = new_site();
    let file = files("armavir", dir.path()).remove(1);
    import(&site, "kpi", &file, &[]).expect_ok();
    let yaml = read(&site.root, "data/kpi.yaml");
    assert!(yaml.contains("years: [2023]\n"), "{yaml}");
    assert_eq!(yaml.matches("plan: {2023: ").count(), 7);
    site.build("2024-06-01").expect_ok();
}

#[test]
fn never_overwrites_without_force_and_reports_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let site = new_site();
    let file = files("gus", dir.path()).remove(0);
    import(&site, "roadmap", &file, &[]).expect_ok();
    std::fs::write(site.root.join("data/roadmap.yaml"), "# мои правки\n").unwrap();
    let refused = import(&site, "roadmap", &file, &[]);
    refused.expect_code(1);
    assert!(
        refused.stderr.contains("уже есть") && refused.stderr.contains("--force"),
        "{}",
        refused.stderr
    );
    assert_eq!(read(&site.root, "data/roadmap.yaml"), "# мои правки\n");
    import(&site, "roadmap", &file, &["--force"]).expect_ok();
    assert!(read(&site.root, "data/roadmap.yaml").contains("n: '8'"));
    // --output elsewhere.
    let out = dir.path().join("plan.yaml");
    let ok = import(&site, "roadmap", &file, &["--output", path_str(&out)]);
    ok.expect_ok();
    assert!(ok.stdout.contains("8 пунктов"), "{}", ok.stdout);
    // A roadmap asked of a table of indicators: exit 1, the hint names import kpi.
    let kpi_only = write_file(
        &site,
        "kpi.csv",
        "Наименование показателя;2023 год\nДоля детей, %;70\n".as_bytes(),
    );
    let none = import(
        &site,
        "roadmap",
        &kpi_only,
        &["--output", path_str(&dir.path().join("x.yaml"))],
    );
    none.expect_code(1);
    assert!(
        none.stderr.contains("не найдена таблица дорожной карты"),
        "{}",
        none.stderr
    );
    assert!(
        none.stderr.contains("nastavnik import kpi"),
        "{}",
        none.stderr
    );
    assert!(!dir.path().join("x.yaml").exists());
    // A row that fits nowhere is listed with its file and row number.
    let odd = write_file(
        &site,
        "odd.csv",
        "№ п/п;Мероприятие;Срок\n1.;Назначение куратора;до 10.11.2020\n2.;;Ноябрь 2020\n"
            .as_bytes(),
    );
    let listed = import(
        &site,
        "roadmap",
        &odd,
        &["--output", path_str(&dir.path().join("odd.yaml"))],
    );
    listed.expect_ok();
    assert!(
        listed
            .stderr
            .contains("odd.csv:3: предупреждение: строка 3: строка без мероприятия"),
        "{}",
        listed.stderr
    );
    // Not an office file at all.
    let pdf = write_file(&site, "plan.pdf", b"%PDF-1.4");
    let bad = import(&site, "roadmap", &pdf, &["--force"]);
    bad.expect_code(1);
    assert!(
        bad.stderr.contains("из PDF таблицу не прочитать"),
        "{}",
        bad.stderr
    );
    let garbage = write_file(&site, "broken.docx", b"PK\x03\x04 broken");
    let broken = import(&site, "roadmap", &garbage, &["--force"]);
    broken.expect_code(1);
    assert!(
        broken.stderr.contains("это не файл Word"),
        "{}",
        broken.stderr
    );
    assert!(
        read(&site.root, "data/roadmap.yaml").contains("n: '8'"),
        "a failed import leaves the file"
    );
    let unknown = import(&site, "plan", &file, &[]);
    unknown.expect_code(2);
}
