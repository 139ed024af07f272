//! Errors in content: each fixture of `tests/fixtures/errors/<class>/` is a
//! minimal site with one broken file. `build` must exit with 1 and name the
//! file, the line, what is wrong and how to fix it, in Russian — and never
//! touch the previous output. Also: output folders that must not be replaced.

use crate::common::{all_files, assert_error_at, path_str, run, Run, Site};

const TODAY: &str = "2024-03-15";

/// Builds the error fixture `class`; the build must fail and write nothing.
fn fails(class: &str) -> Run {
    let site = Site::fixture(&format!("errors/{class}"));
    let run = site.build(TODAY);
    run.expect_code(1);
    assert!(
        !site.out.exists(),
        "{class}: a failed build wrote {}",
        site.out.display()
    );
    assert!(
        run.stderr.contains("Итого"),
        "{class}: a summary line:\n{}",
        run.stderr
    );
    run
}

#[test]
fn bad_yaml_syntax() {
    let run = fails("yaml-syntax");
    assert_error_at(
        &run.stderr,
        "content/practices/slomannaya.md",
        4,
        &["YAML", "подсказка"],
    );
}

#[test]
fn yaml_syntax_message_counts_file_lines() {
    // The unclosed `[` opens on line 5 of the file; the parser notices on line 6.
    let run = fails("yaml-syntax-flow");
    assert_error_at(
        &run.stderr,
        "content/practices/slomannaya.md",
        6,
        &["подсказка"],
    );
    // Whatever the message quotes, it must not contradict the file's numbering
    // («at line 5 column 8» is line 6 of the file) or stay in English.
    assert!(
        !run.stderr.contains(" at line "),
        "an English position from the parser:\n{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("while parsing"),
        "English parser text:\n{}",
        run.stderr
    );
}

#[test]
fn unknown_field_suggests_the_right_name() {
    let run = fails("unknown-field");
    assert_error_at(
        &run.stderr,
        "content/practices/opechatka.md",
        3,
        &["неизвестное поле «titel»", "«title»"],
    );
}

#[test]
fn unknown_form_lists_the_known_ones() {
    let run = fails("unknown-form");
    assert_error_at(
        &run.stderr,
        "content/practices/forma.md",
        6,
        &[
            "учитель – директор",
            "ученик – ученик",
            "учитель – учитель",
            "учитель – ученик",
            "студент – ученик",
            "работодатель – ученик",
            "работодатель – студент",
        ],
    );
}

#[test]
fn date_that_does_not_exist() {
    let run = fails("bad-date");
    assert_error_at(
        &run.stderr,
        "content/news/novost.md",
        4,
        &["2024-02-30", "ГГГГ-ММ-ДД"],
    );
}

#[test]
fn date_in_the_wrong_format() {
    let run = fails("bad-date-format");
    assert_error_at(
        &run.stderr,
        "content/practices/data.md",
        5,
        &["05.02.2024", "ГГГГ-ММ-ДД"],
    );
}

#[test]
fn missing_required_field() {
    let run = fails("missing-field");
    // There is no line for an absent field: the report points at the front matter (line 1 `---` or 2).
    let at_start = [
        "content/practices/bez-goda.md:1:",
        "content/practices/bez-goda.md:2:",
    ]
    .iter()
    .any(|p| run.stderr.lines().any(|l| l.starts_with(p)));
    assert!(at_start, "{}", run.stderr);
    let line = if run.stderr.contains("bez-goda.md:1:") {
        1
    } else {
        2
    };
    assert_error_at(
        &run.stderr,
        "content/practices/bez-goda.md",
        line,
        &["«year»"],
    );
}

#[test]
fn duplicate_slug_from_file_names() {
    // «Шаг навстречу.md» and «shag-navstrechu.md» both become praktiki/shag-navstrechu/.
    let run = fails("duplicate-slug");
    let one = "content/practices/Шаг навстречу.md";
    let other = "content/practices/shag-navstrechu.md";
    let reported = if run.stderr.contains(&format!("{one}:1:")) {
        (one, other)
    } else {
        (other, one)
    };
    assert_error_at(&run.stderr, reported.0, 1, &["shag-navstrechu", reported.1]);
}

#[test]
fn duplicate_slug_field_points_at_the_slug_line() {
    let run = fails("duplicate-slug-field");
    assert_error_at(
        &run.stderr,
        "content/practices/b-vtoraya.md",
        5,
        &["dubl", "content/practices/a-pervaya.md"],
    );
}

#[test]
fn winner_links_to_a_missing_practice() {
    let run = fails("missing-winner-practice");
    assert_error_at(
        &run.stderr,
        "content/contests/konkurs.md",
        12,
        &["net-takoj-praktiki"],
    );
    assert!(
        !run.stderr.contains("konkurs.md:9:"),
        "the winner whose practice exists is fine"
    );
}

#[test]
fn award_links_to_a_missing_contest() {
    let run = fails("missing-award-contest");
    assert_error_at(
        &run.stderr,
        "content/practices/nagrada.md",
        7,
        &["net-takogo-konkursa"],
    );
}

#[test]
fn markdown_link_to_a_missing_practice() {
    let run = fails("missing-md-link");
    assert_error_at(
        &run.stderr,
        "content/practices/ssylka.md",
        9,
        &["@/practices/net-takoj"],
    );
    assert!(
        !run.stderr.contains("@/practices/horoshaya"),
        "the working link is not reported"
    );
}

#[test]
fn missing_file() {
    let run = fails("missing-file");
    assert_error_at(
        &run.stderr,
        "content/documents/polozhenie.md",
        6,
        &["files/net.pdf", "static/"],
    );
}

#[test]
fn every_broken_file_is_reported_in_one_run() {
    let run = fails("two-broken");
    assert_error_at(&run.stderr, "content/news/novost.md", 4, &["2024-02-30"]);
    assert_error_at(
        &run.stderr,
        "content/practices/opechatka.md",
        3,
        &["«titel»"],
    );
    assert!(
        run.stderr.contains("2\u{a0}ошибки") || run.stderr.contains("2 ошибки"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_reports_the_same_errors_without_writing() {
    let site = Site::fixture("errors/two-broken");
    let before = all_files(site.tmp.path());
    let run = site.check(TODAY, &[]);
    run.expect_code(1);
    assert_error_at(&run.stderr, "content/news/novost.md", 4, &["2024-02-30"]);
    assert_error_at(
        &run.stderr,
        "content/practices/opechatka.md",
        3,
        &["«titel»"],
    );
    assert_eq!(all_files(site.tmp.path()), before, "check wrote files");
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    // Broken at load time (YAML) and at render time (a Markdown link).
    let breakages = [
        ("content/practices/agroklass.md", "---\ntitle: Агрокласс\nform: работодатель – ученик\nyear: 2024: 2025\n---\n"),
        (
            "content/practices/agroklass.md",
            "---\ntitle: Агрокласс\nform: работодатель – ученик\nyear: 2024\n---\n\n[ссылка](@/practices/net-takoj)\n",
        ),
    ];
    for (file, text) in breakages {
        let site = Site::fixture("school");
        site.build(TODAY).expect_ok();
        // A second good build, so that a staging folder from the previous generation exists too.
        site.build(TODAY).expect_ok();
        let output = all_files(&site.out);
        assert!(output.len() > 50);
        site.write(file, text);
        let run = site.build("2024-06-01");
        run.expect_code(1);
        assert!(run.stderr.contains(file), "{}", run.stderr);
        let after = all_files(&site.out);
        assert_eq!(
            after.keys().collect::<Vec<_>>(),
            output.keys().collect::<Vec<_>>(),
            "the failed build changed the list of files"
        );
        for (path, bytes) in &output {
            assert!(&after[path] == bytes, "the failed build changed {path}");
        }
    }
}

#[test]
fn a_build_after_a_failed_one_has_no_leftovers() {
    let site = Site::fixture("school");
    site.build(TODAY).expect_ok();
    site.build(TODAY).expect_ok();
    let good = all_files(&site.out);
    // A new practice and a broken file: the build fails half-way.
    site.write(
        "content/practices/vremennaya.md",
        "---\ntitle: Временная практика\nform: учитель – учитель\nyear: 2021\ntags: [временный тег]\n---\n\nТекст.\n",
    );
    site.write(
        "content/news/slomannaya.md",
        "---\ntitle: Новость\ndate: 2024-02-30\n---\n",
    );
    site.build(TODAY).expect_code(1);
    // Both undone: the next build must equal the good one, without traces of the failed one.
    std::fs::remove_file(site.root.join("content/practices/vremennaya.md")).unwrap();
    std::fs::remove_file(site.root.join("content/news/slomannaya.md")).unwrap();
    site.build(TODAY).expect_ok();
    let after = all_files(&site.out);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        good.keys().collect::<Vec<_>>(),
        "leftovers of the failed build"
    );
    for (path, bytes) in &good {
        assert!(&after[path] == bytes, "{path} differs after a failed build");
    }
    assert!(crate::common::grep_output(&site.out, "Временная").is_empty());
}

/// The marker nastavnik leaves in the folders it makes (and may replace).
const MARKER: &str = ".nastavnik";

#[test]
fn output_into_the_site_itself_is_refused() {
    // Also with a marker inside, as if a build had once been made there:
    // only the check of the site folder stands between the user and the loss.
    for marked in [false, true] {
        let site = Site::fixture("school");
        if marked {
            std::fs::write(site.root.join(MARKER), "").unwrap();
        }
        let before = all_files(site.tmp.path());
        let run = run(&[
            "build",
            "--root",
            path_str(&site.root),
            "--output",
            path_str(&site.root),
            "--date",
            TODAY,
        ]);
        run.expect_code(1);
        assert!(run.stderr.contains("нельзя"), "{}", run.stderr);
        assert!(
            all_files(site.tmp.path()) == before,
            "nothing was touched (marked: {marked})"
        );

        // The same through relative paths from inside the site.
        let run: Run = crate::common::command()
            .current_dir(&site.root)
            .args(["build", "--output", ".", "--date", TODAY])
            .output()
            .unwrap()
            .into();
        run.expect_code(1);
        assert!(
            all_files(site.tmp.path()) == before,
            "nothing was touched (marked: {marked})"
        );
    }
}

#[test]
fn output_into_a_folder_with_sources_is_refused() {
    for marked in [false, true] {
        let site = Site::fixture("school");
        // Another folder holding content/ (say, a second site).
        let other = site.tmp.path().join("other");
        std::fs::create_dir_all(other.join("content/practices")).unwrap();
        std::fs::write(other.join("content/practices/vazhnaya.md"), "не трогать").unwrap();
        if marked {
            std::fs::write(other.join(MARKER), "").unwrap();
        }
        let before = all_files(site.tmp.path());
        let run = site.build_into(&other, TODAY);
        run.expect_code(1);
        assert!(run.stderr.contains("нельзя"), "{}", run.stderr);
        assert!(
            all_files(site.tmp.path()) == before,
            "nothing was touched (marked: {marked})"
        );
    }
}

#[test]
fn output_into_a_folder_holding_the_site_is_refused() {
    for marked in [false, true] {
        let site = Site::fixture("school");
        // tmp/gen/site is the site; tmp/gen is the output asked for.
        let holder = site.tmp.path().join("gen");
        let root = holder.join("site");
        crate::common::copy_dir(&site.root, &root);
        if marked {
            std::fs::write(holder.join(MARKER), "").unwrap();
        }
        let before = all_files(site.tmp.path());
        let run = run(&[
            "build",
            "--root",
            path_str(&root),
            "--output",
            path_str(&holder),
            "--date",
            TODAY,
        ]);
        run.expect_code(1);
        assert!(run.stderr.contains("нельзя"), "{}", run.stderr);
        assert!(
            all_files(site.tmp.path()) == before,
            "nothing was touched (marked: {marked})"
        );
    }
}

#[test]
fn output_into_the_file_system_root_is_refused() {
    let site = Site::fixture("school");
    let before = all_files(site.tmp.path());
    let run = site.build_into(std::path::Path::new("/"), TODAY);
    run.expect_code(1);
    assert!(
        run.stderr.contains("нельзя") && run.stderr.contains("корень"),
        "{}",
        run.stderr
    );
    assert!(all_files(site.tmp.path()) == before);
    assert!(std::path::Path::new("/tmp").is_dir());
}

#[test]
fn a_foreign_folder_is_not_replaced() {
    let site = Site::fixture("school");
    let docs = site.tmp.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("diplom.docx"), "бесценный текст").unwrap();
    let run = site.build_into(&docs, TODAY);
    run.expect_code(1);
    assert!(
        run.stderr.contains("не пуста") || run.stderr.contains("nastavnik"),
        "{}",
        run.stderr
    );
    let files = all_files(&docs);
    assert_eq!(
        files.len(),
        1,
        "only the user's file: {:?}",
        files.keys().collect::<Vec<_>>()
    );
    assert_eq!(files["diplom.docx"], "бесценный текст".as_bytes());

    // A folder made by nastavnik (with the marker) is replaced as usual.
    site.build(TODAY).expect_ok();
    assert!(site.out.join(".nastavnik").is_file());
    site.build(TODAY).expect_ok();
}
