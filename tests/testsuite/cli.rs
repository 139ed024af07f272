//! The command line: Russian help, `init`, `new`, `check`, `--date` and
//! `SOURCE_DATE_EPOCH`.

use crate::common::{all_files, command, main_of, path_str, repo, run, Run, Site};

/// 2024-03-15 12:00 UTC: the 2024 contest of the fixture accepts entries.
const EPOCH_ACCEPTING: &str = "1710504000";
/// 2024-06-01 12:00 UTC: the 2024 contest is over.
const EPOCH_FINISHED: &str = "1717243200";

#[test]
fn help_is_in_russian() {
    for args in [
        &["--help"][..],
        &["-h"],
        &["build", "--help"],
        &["check", "--help"],
    ] {
        let r = run(args);
        r.expect_ok();
        assert!(
            r.stdout.contains("Использование"),
            "{args:?}:\n{}",
            r.stdout
        );
        assert!(
            !r.stdout.contains("Usage"),
            "{args:?}: English left:\n{}",
            r.stdout
        );
    }
    let r = run(&["--help"]);
    assert!(r.stdout.contains("Команды"), "{}", r.stdout);
    for command in ["build", "check", "init", "new"] {
        assert!(
            r.stdout.contains(command),
            "«{command}» in the help:\n{}",
            r.stdout
        );
    }
    let build = run(&["build", "--help"]);
    for option in ["--root", "--output", "--date"] {
        assert!(build.stdout.contains(option), "{option} in `build --help`");
    }
    assert!(run(&["check", "--help"]).stdout.contains("--strict"));
}

#[test]
fn help_lists_every_command_of_the_contract() {
    let r = run(&["--help"]);
    for command in ["build", "check", "serve", "init", "new"] {
        assert!(
            r.stdout.contains(command),
            "«{command}» in the help:\n{}",
            r.stdout
        );
    }
}

#[test]
fn argument_errors_are_in_russian() {
    for args in [&["build", "--foo"][..], &["frobnicate"], &["new"]] {
        let r = run(args);
        assert_ne!(r.code, Some(0), "{args:?}");
        assert!(
            r.stderr.contains("ошибка"),
            "{args:?}: not Russian:\n{}",
            r.stderr
        );
        for english in ["error:", "Usage:", "For more information", "tip:"] {
            assert!(
                !r.stderr.contains(english),
                "{args:?}: English «{english}»:\n{}",
                r.stderr
            );
        }
    }
}

#[test]
fn init_creates_a_site_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("novyj-sajt");
    run(&["init", path_str(&dir)]).expect_ok();
    assert!(dir.join("site.yaml").is_file());
    assert!(dir.join("content").is_dir());
    let out = tmp.path().join("public");
    let r = run(&[
        "build",
        "--root",
        path_str(&dir),
        "--output",
        path_str(&out),
        "--date",
        "2026-11-23",
    ]);
    r.expect_ok();
    assert!(!r.stderr.contains("ошибка"), "{}", r.stderr);
    for page in [
        "index.html",
        "praktiki/index.html",
        "dokumenty/index.html",
        "export/bundle.json",
    ] {
        assert!(out.join(page).is_file(), "{page}");
    }
    // `check` agrees.
    run(&["check", "--root", path_str(&dir), "--date", "2026-11-23"]).expect_ok();

    // A folder that already holds files is refused, and the files stay.
    let busy = tmp.path().join("zanyato");
    std::fs::create_dir_all(&busy).unwrap();
    std::fs::write(busy.join("otchet.docx"), "мой отчёт").unwrap();
    let r = run(&["init", path_str(&busy)]);
    r.expect_code(1);
    assert!(r.stderr.contains("не пуста"), "{}", r.stderr);
    assert_eq!(all_files(&busy).len(), 1);
}

#[test]
fn new_practice_is_named_from_the_title_and_builds() {
    let site = Site::fixture("school");
    let r = run(&[
        "new",
        "practice",
        "Шаг навстречу",
        "--root",
        path_str(&site.root),
        "--date",
        "2024-03-15",
    ]);
    r.expect_ok();
    let file = site.root.join("content/practices/shag-navstrechu.md");
    assert!(file.is_file(), "{}", r.stdout);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("---\n"), "{text}");
    assert!(text.contains("Шаг навстречу"));
    // A draft: the site builds without it and lists it.
    assert!(text.contains("\ndraft: true\n"), "{text}");
    let r = site.build("2024-03-15");
    r.expect_ok();
    assert!(!site.has("praktiki/shag-navstrechu/index.html"));
    assert!(
        r.stdout
            .contains("content/practices/shag-navstrechu.md «Шаг навстречу»"),
        "{}",
        r.stdout
    );
    // The placeholders are valid content: without the draft line it builds and shows.
    std::fs::write(&file, text.replace("\ndraft: true\n", "\n")).unwrap();
    site.build("2024-03-15").expect_ok();
    let page = site.read("praktiki/shag-navstrechu/index.html");
    assert!(main_of(&page).contains("Шаг навстречу"));
    assert!(site
        .read("praktiki/index.html")
        .contains("praktiki/shag-navstrechu/index.html"));
    let text = std::fs::read_to_string(&file).unwrap();

    // The same title again does not overwrite the file: it takes a free address.
    std::fs::write(&file, format!("{text}\nМой текст.\n")).unwrap();
    let r = run(&[
        "new",
        "practice",
        "Шаг навстречу",
        "--root",
        path_str(&site.root),
        "--date",
        "2024-03-15",
    ]);
    r.expect_ok();
    assert!(std::fs::read_to_string(&file)
        .unwrap()
        .contains("Мой текст."));
    assert!(site
        .root
        .join("content/practices/shag-navstrechu-2.md")
        .is_file());
}

#[test]
fn new_creates_every_kind_with_valid_placeholders() {
    let site = Site::fixture("school");
    let kinds = [
        (
            "program",
            "Вместе к успеху",
            "content/programs/vmeste-k-uspekhu.md",
            "programmy/vmeste-k-uspekhu/index.html",
        ),
        (
            "contest",
            "Учитель года 2024",
            "content/contests/uchitel-goda-2024.md",
            "konkursy/uchitel-goda-2024/index.html",
        ),
        (
            "news",
            "Итоговая встреча",
            "content/news/itogovaya-vstrecha.md",
            "novosti/itogovaya-vstrecha/index.html",
        ),
        (
            "document",
            "Приказ о кураторе",
            "content/documents/prikaz-o-kuratore.md",
            "dokumenty/index.html",
        ),
        (
            "mentor",
            "Новикова Ольга Петровна",
            "content/mentors/novikova-olga-petrovna.md",
            "nastavniki/index.html",
        ),
    ];
    for (kind, title, _, _) in kinds {
        run(&[
            "new",
            kind,
            title,
            "--root",
            path_str(&site.root),
            "--date",
            "2024-03-15",
        ])
        .expect_ok();
    }
    // Every file is a draft until the curator removes the line.
    for (kind, _, file, _) in kinds {
        let path = site.root.join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{kind}: {file}: {e}"));
        assert!(text.contains("\ndraft: true\n"), "{kind}: {text}");
        std::fs::write(&path, text.replace("\ndraft: true\n", "\n")).unwrap();
    }
    let r = site.build("2024-03-15");
    r.expect_ok();
    for (kind, title, file, page) in kinds {
        assert!(site.root.join(file).is_file(), "{kind}: {file}");
        if kind == "mentor" {
            // No consent is ever filled in: the mentor stays unpublished.
            assert!(
                !site.read(page).contains(title),
                "{kind}: «{title}» on {page}"
            );
            continue;
        }
        let text = site.read(page).replace('\u{a0}', " ");
        assert!(text.contains(title), "{kind}: «{title}» on {page}");
    }
    // An unknown kind is refused in Russian.
    let r = run(&["new", "kotik", "Мурка", "--root", path_str(&site.root)]);
    assert_ne!(r.code, Some(0));
    assert!(r.stderr.contains("неизвестный вид"), "{}", r.stderr);
}

#[test]
fn check_passes_on_the_example_and_writes_nothing() {
    let r = run(&["check", "--root", path_str(&repo()), "--date", "2026-11-23"]);
    r.expect_ok();
    assert!(r.stdout.contains("Ошибок нет"), "{}", r.stdout);

    let site = Site::fixture("school");
    let before = all_files(site.tmp.path());
    let r = site.check("2024-03-15", &[]);
    r.expect_ok();
    // Held-back mentor fields are warnings, listed with their lines.
    assert!(
        r.stderr.contains("content/mentors/chastichnaya.yaml:4:"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("предупреждение"), "{}", r.stderr);
    assert!(all_files(site.tmp.path()) == before, "check wrote files");
    assert!(!site.out.exists() && !site.root.join("public").exists());
}

#[test]
fn check_fails_on_a_broken_site_and_writes_nothing() {
    let site = Site::fixture("errors/unknown-field");
    let before = all_files(site.tmp.path());
    let r = site.check("2024-03-15", &[]);
    r.expect_code(1);
    assert!(
        r.stderr.contains("content/practices/opechatka.md:3:"),
        "{}",
        r.stderr
    );
    assert!(all_files(site.tmp.path()) == before, "check wrote files");
}

#[test]
fn check_strict_fails_when_a_mentor_field_is_held_back() {
    let site = Site::fixture("school");
    let r = site.check("2024-03-15", &["--strict"]);
    r.expect_code(1);
    assert!(
        r.stderr.contains("content/mentors/chastichnaya.yaml:4:"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("«subject»") && r.stderr.contains("не опубликовано"),
        "{}",
        r.stderr
    );
    run(&[
        "check",
        "--root",
        path_str(&repo()),
        "--date",
        "2026-11-23",
        "--strict",
    ])
    .expect_code(1);

    // Nothing held back: strict passes.
    let full = Site::empty();
    full.write(
        "site.yaml",
        "organization: МБОУ «Школа № 9»\nbase_url: https://school.example/\n",
    );
    full.write(
        "content/mentors/polnaya.yaml",
        "name: Полная Анна Ивановна\nposition: учитель\nconsent:\n  date: 2024-01-10\n  fields: [name, position]\n",
    );
    full.check("2024-03-15", &["--strict"]).expect_ok();
}

#[test]
fn a_bad_date_argument_is_refused_in_russian() {
    let site = Site::fixture("school");
    for bad in ["05.02.2024", "2024-02-30", "завтра"] {
        let r = site.build(bad);
        assert_ne!(r.code, Some(0), "--date {bad}");
        assert!(
            r.stderr.contains("неверная дата") && r.stderr.contains("ГГГГ-ММ-ДД"),
            "--date {bad}:\n{}",
            r.stderr
        );
        assert!(!site.out.exists());
        assert_ne!(site.check(bad, &[]).code, Some(0));
    }
}

fn build_with_epoch(site: &Site, epoch: &str, date: Option<&str>) -> Run {
    let mut cmd = command();
    cmd.env("SOURCE_DATE_EPOCH", epoch).args([
        "build",
        "--root",
        path_str(&site.root),
        "--output",
        path_str(&site.out),
    ]);
    if let Some(d) = date {
        cmd.args(["--date", d]);
    }
    cmd.output().unwrap().into()
}

fn contest_status(site: &Site) -> (String, String) {
    let bundle: serde_json::Value = serde_json::from_str(&site.read("export/bundle.json")).unwrap();
    let status = bundle["contests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["slug"] == "konkurs-2024")
        .unwrap()["status"]
        .as_str()
        .unwrap()
        .to_string();
    (bundle["today"].as_str().unwrap().to_string(), status)
}

#[test]
fn source_date_epoch_is_today_without_date() {
    let site = Site::fixture("school");
    build_with_epoch(&site, EPOCH_ACCEPTING, None).expect_ok();
    assert_eq!(
        contest_status(&site),
        ("2024-03-15".to_string(), "accepting".to_string())
    );
    assert!(site
        .read("konkursy/konkurs-2024/index.html")
        .contains("приём заявок"));

    build_with_epoch(&site, EPOCH_FINISHED, None).expect_ok();
    assert_eq!(
        contest_status(&site),
        ("2024-06-01".to_string(), "finished".to_string())
    );
    assert!(site
        .read("konkursy/konkurs-2024/index.html")
        .contains("завершён"));

    // --date wins over SOURCE_DATE_EPOCH.
    build_with_epoch(&site, EPOCH_FINISHED, Some("2024-03-15")).expect_ok();
    assert_eq!(
        contest_status(&site),
        ("2024-03-15".to_string(), "accepting".to_string())
    );

    // A malformed SOURCE_DATE_EPOCH is an error in Russian, not a silent fallback.
    let r = build_with_epoch(&site, "вчера", None);
    assert_ne!(r.code, Some(0));
    assert!(
        r.stderr.contains("SOURCE_DATE_EPOCH") && r.stderr.contains("ошибка"),
        "{}",
        r.stderr
    );
}
