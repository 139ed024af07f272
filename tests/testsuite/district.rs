//! District level: school bundles as the district reads them, `bundle check`,
//! and the example district (`examples/district/`).

use std::path::{Path, PathBuf};

use crate::common::{self, all_files, path_str, repo, run, Site};

/// The example district's folder.
fn example() -> PathBuf {
    repo().join("examples").join("district")
}

/// A school folder of the example district, copied and built on the example's date.
fn built_school(rel: &str) -> Site {
    let site = Site::empty();
    common::copy_dir(&example().join(rel), &site.root);
    site.build(EXAMPLE_DATE).expect_ok();
    site
}

const EXAMPLE_DATE: &str = "2024-12-20";

fn bundle(site: &Site) -> serde_json::Value {
    serde_json::from_str(&site.read("export/bundle.json")).expect("bundle.json is JSON")
}

fn fixture_bundle(name: &str) -> PathBuf {
    common::fixture("bundles").join(name)
}

/// Every output file that mentions `needle`.
fn files_mentioning(dir: &Path, needle: &str) -> Vec<String> {
    all_files(dir)
        .into_iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(needle))
        .map(|(path, _)| path)
        .collect()
}

#[test]
fn example_bundle_is_up_to_date() {
    let school = built_school("bundled/licey-9");
    let committed =
        std::fs::read_to_string(example().join("bundles/licey-9.json")).expect("committed bundle");
    assert_eq!(
        school.read("export/bundle.json"),
        committed,
        "examples/district/bundles/licey-9.json is stale: run examples/district/bundled/regenerate.sh"
    );
}

#[test]
fn a_school_bundle_carries_what_its_practice_pages_show() {
    let school = built_school("school-3");
    let b = bundle(&school);
    assert_eq!(b["schema"], 1);
    let base = "https://school3.example/nastavnichestvo/";
    assert_eq!(b["organization"]["base_url"], base);
    assert_eq!(b["organization"]["slug"], "mbou-sosh-3");
    let p = b["practices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == "shag-navstrechu")
        .expect("the practice");
    assert_eq!(p["url"], "praktiki/shag-navstrechu/");
    assert_eq!(p["award"]["contest"], "konkurs-praktik-2024");
    assert_eq!(p["authors"][0], "Петренко Алла Сергеевна");
    assert_eq!(p["results"].as_array().unwrap().len(), 3);
    assert_eq!(
        p["attachments"][0]["url"],
        format!("{base}files/shag-navstrechu-plan.pdf")
    );
    assert_eq!(
        p["attachments"][0]["title"],
        "План встреч наставнических пар на учебный год"
    );
    let body = p["body_html"].as_str().unwrap();
    assert!(body.contains("<h2"), "{body}");
    assert!(body.contains("Встреча-знакомство"), "{body}");
    // The same text as the practice's own page shows.
    let page = school.read("praktiki/shag-navstrechu/index.html");
    assert!(page.contains("Каждый пятиклассник"));
    assert!(body.contains("Каждый пятиклассник"));
    // The contest it refers to is in the bundle.
    assert_eq!(b["contests"][0]["slug"], "konkurs-praktik-2024");
    assert_eq!(b["contests"][0]["status"], "finished");
    // And `bundle check` accepts it.
    let out = school.out.join("export/bundle.json");
    let r = run(&["bundle", "check", path_str(&out)]);
    r.expect_ok();
    assert!(
        r.stdout.contains(
            "в порядке — «МБОУ «Средняя общеобразовательная школа № 3» г. Армавира», 2 практики"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn a_mentor_held_back_at_a_school_is_in_no_file_of_its_output() {
    let school = built_school("school-7");
    let b = school.read("export/bundle.json");
    assert!(!b.contains("Кузнецова"), "bundle.json names the mentor");
    assert!(
        b.contains("Морозов Денис Павлович"),
        "the other author stays"
    );
    assert_eq!(
        files_mentioning(&school.out, "Кузнецова"),
        Vec::<String>::new()
    );
    assert_eq!(
        files_mentioning(&school.out, "Ольга Викторовна"),
        Vec::<String>::new()
    );
}

#[test]
fn bundle_check_accepts_good_bundles_and_folders() {
    let r = run(&["bundle", "check", path_str(&example().join("bundles"))]);
    r.expect_ok();
    assert!(
        r.stdout
            .contains("licey-9.json: в порядке — «МАОУ «Лицей № 9» г. Армавира», 2 практики"),
        "{}",
        r.stdout
    );
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

#[test]
fn bundle_check_lists_every_problem_of_every_file() {
    let files = [
        "schema-2.json",
        "truncated.json",
        "unknown-contest.json",
        "missing-keys.json",
        "net-takogo.json",
    ];
    let paths: Vec<PathBuf> = files.iter().map(|f| fixture_bundle(f)).collect();
    let mut args = vec!["bundle", "check"];
    args.extend(paths.iter().map(|p| path_str(p)));
    let r = run(&args);
    r.expect_code(1);
    let err = &r.stderr;
    let line_of = |file: &str| -> Vec<&str> {
        err.lines()
            .filter(|l| l.contains(&format!("{file}:")) || l.contains(&format!("{file}: ")))
            .collect()
    };
    let schema = line_of("schema-2.json");
    assert_eq!(schema.len(), 1, "{err}");
    assert!(
        schema[0].contains("schema-2.json:2:3: ошибка: пакет записан по схеме 2, более новой"),
        "{err}"
    );
    let truncated = line_of("truncated.json");
    assert_eq!(truncated.len(), 1, "{err}");
    assert!(truncated[0].contains("ошибка: файл обрывается"), "{err}");
    // The position is where the text ends.
    let text = std::fs::read_to_string(fixture_bundle("truncated.json")).unwrap();
    let last_line = text.lines().count();
    assert!(
        truncated[0].contains(&format!("truncated.json:{last_line}:")),
        "{err}"
    );
    let contest = line_of("unknown-contest.json");
    assert_eq!(contest.len(), 1, "{err}");
    assert!(contest[0].contains("практика «olimpiadnyy-rezerv» ссылается на конкурс «konkurs-kotorogo-net», которого нет в пакете"), "{err}");
    let missing = line_of("missing-keys.json");
    assert_eq!(missing.len(), 3, "{err}");
    assert!(
        err.contains("в organization нет обязательного поля «slug»"),
        "{err}"
    );
    assert!(
        err.contains("в practices[0] нет обязательного поля «year»"),
        "{err}"
    );
    assert!(
        err.contains("в practices[1] нет обязательного поля «title»"),
        "{err}"
    );
    assert!(
        err.contains("net-takogo.json: ошибка: файл пакета не найден"),
        "{err}"
    );
    assert!(err.contains("Итого: 7 ошибок"), "{err}");
}

#[test]
fn bundle_check_refuses_one_organization_twice() {
    let first = example().join("bundles/licey-9.json");
    let second = fixture_bundle("licey-9-old.json");
    let r = run(&["bundle", "check", path_str(&first), path_str(&second)]);
    r.expect_code(1);
    assert!(
        r.stderr.contains(&format!(
            "{}: ошибка: организация «МАОУ «Лицей № 9» г. Армавира» (maou-licej-9) уже есть в другом источнике: {}",
            second.display(),
            first.display()
        )),
        "{}",
        r.stderr
    );
}

#[test]
fn bundle_check_needs_a_file() {
    let r = run(&["bundle", "check"]);
    r.expect_code(2);
    let r = run(&["bundle", "check", "--help"]);
    r.expect_ok();
    assert!(
        r.stdout.contains("nastavnik bundle check ФАЙЛ|ПАПКА..."),
        "{}",
        r.stdout
    );
}
