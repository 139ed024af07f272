//! Hostile and broken input: nothing breaks, nothing leaks, nothing is lost.
//!
//! Each test copies a fixture from `tests/hostile/<name>/` (or writes one
//! that is too big to keep in git), runs the real binary and asserts the
//! exact outcome: the message with its file and line, what the output holds
//! and does not hold, and how much time and memory the run took.

#![cfg(unix)]

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{all_files, grep_output, links, path_str, resolve, Run, Site};

/// "Today" of these tests.
const TODAY: &str = "2024-06-01";

/// Copies `tests/hostile/<name>` into a fresh temporary folder.
fn hostile(name: &str) -> Site {
    let site = Site::empty();
    crate::common::copy_dir(
        &crate::common::repo().join("tests/hostile").join(name),
        &site.root,
    );
    site
}

/// One message of the binary: `path[:line[:col]]: ошибка|предупреждение: text`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Report {
    path: String,
    line: usize,
    error: bool,
    message: String,
    hint: Option<String>,
}

/// Every message printed to stderr, in order.
fn reports(stderr: &str) -> Vec<Report> {
    let lines: Vec<&str> = stderr.lines().collect();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let (location, error, message) = if let Some((loc, msg)) = l.split_once(": ошибка: ")
        {
            (loc, true, msg)
        } else if let Some((loc, msg)) = l.split_once(": предупреждение: ") {
            (loc, false, msg)
        } else {
            continue;
        };
        let mut parts: Vec<&str> = location.split(':').collect();
        let mut numbers = Vec::new();
        while parts.len() > 1 && parts.last().is_some_and(|p| p.parse::<usize>().is_ok()) {
            numbers.push(parts.pop().unwrap().parse::<usize>().unwrap());
        }
        let line = numbers.last().copied().unwrap_or(0);
        let hint = lines
            .get(i + 1)
            .and_then(|h| h.trim_start().strip_prefix("подсказка: "))
            .map(str::to_string);
        out.push(Report {
            path: parts.join(":"),
            line,
            error,
            message: message.replace(crate::common::NBSP, " "),
            hint,
        });
    }
    out
}

/// The messages about `path` as (line, text).
fn about(stderr: &str, path: &str) -> Vec<(usize, String)> {
    let mut found: Vec<(usize, String)> = reports(stderr)
        .into_iter()
        .filter(|r| r.path == path)
        .map(|r| (r.line, r.message))
        .collect();
    found.sort();
    found
}

fn pairs(expected: &[(usize, &str)]) -> Vec<(usize, String)> {
    let mut v: Vec<(usize, String)> = expected.iter().map(|(l, m)| (*l, m.to_string())).collect();
    v.sort();
    v
}

// ---------------------------------------------------------------------------
// Sanitized HTML

/// Tags with an event handler attribute (`onclick=`, …) anywhere in `html`.
fn tags_with_handlers(html: &str) -> Vec<String> {
    let b = html.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(lt) = html[i..].find('<') {
        let start = i + lt;
        i = start + 1;
        if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
            i += 1;
        }
        // Attributes: names outside quoted values.
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                break;
            }
            let name_start = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>') {
                i += 1;
            }
            let name = html[name_start..i].to_ascii_lowercase();
            if name.starts_with("on") && name.len() > 2 {
                found.push(html[start..(i + 1).min(b.len())].to_string());
            }
            if i < b.len() && b[i] == b'=' {
                i += 1;
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    i += 1;
                    while i < b.len() && b[i] != q {
                        i += 1;
                    }
                    i += 1;
                } else {
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                }
            }
        }
    }
    found
}

#[test]
fn raw_html_is_sanitized_and_every_removal_is_named_with_its_line() {
    let site = hostile("html");
    let run = site.check(TODAY, &[]);
    run.expect_ok();
    let news = "content/news/html-v-tekste.md";
    let found = about(&run.stderr, news);
    // Frames (lines 26 and 28) are checked below: what they report depends on
    // whether iframe_hosts reaches the renderer.
    let without_frames: Vec<(usize, String)> = found
        .iter()
        .filter(|(line, _)| *line != 26 && *line != 28)
        .cloned()
        .collect();
    assert_eq!(
        without_frames,
        pairs(&[
            (16, "удалён атрибут onclick"),
            (18, "удалён тег <script> вместе с содержимым"),
            (20, "удалена ссылка javascript:"),
            (22, "удалён тег <button>"),
            (22, "удалён тег <form>"),
            (22, "удалён тег <input>"),
            (24, "удалён тег <style> вместе с содержимым"),
            (30, "удалена ссылка javascript:"),
            (30, "удалён атрибут onmouseover"),
            (32, "удалена картинка с другого сайта «https://evil.example/pixel.gif»"),
            (34, "картинка с другого сайта «https://evil.example/foto.jpg» не встроена в страницу: вместо неё — ссылка"),
        ]),
        "{}",
        run.stderr
    );
    assert!(
        found.iter().any(|(line, _)| *line == 26),
        "the frame from an unlisted host is reported: {found:?}"
    );
    for r in reports(&run.stderr).iter().filter(|r| r.path == news) {
        assert!(!r.error, "removals are warnings: {r:?}");
        assert!(
            r.hint.as_deref().is_some_and(|h| !h.is_empty()),
            "every removal has a hint: {r:?}"
        );
    }
    // Under --strict each removal is an error.
    let strict = site.check(TODAY, &["--strict"]);
    strict.expect_code(1);
    assert!(reports(&strict.stderr)
        .iter()
        .filter(|r| r.path == news)
        .all(|r| r.error));

    site.build(TODAY).expect_ok();
    let files = all_files(&site.out);
    let control = crate::common::read(&site.out, "404.html");
    let count = |html: &str, tag: &str| html.matches(tag).count();
    for (path, bytes) in &files {
        if !(path.ends_with(".html") || path.ends_with(".xml")) {
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("alert('"), "{path}: a script survived");
        assert!(
            tags_with_handlers(&text).is_empty(),
            "{path}: event handlers survived: {:?}",
            tags_with_handlers(&text)
        );
        for link in links(&text) {
            let l = link.trim().to_ascii_lowercase();
            assert!(
                !l.starts_with("javascript:") && !l.starts_with("data:"),
                "{path}: dangerous link «{link}»"
            );
        }
        if path.ends_with(".html") {
            // The theme's own scripts and nothing more.
            for tag in [
                "<script", "<style", "<form", "<input", "<button", "<object", "<embed",
            ] {
                assert_eq!(
                    count(&text, tag),
                    count(&control, tag),
                    "{path}: {tag} from content"
                );
            }
        }
        // Nothing from evil.example is loaded; the photo is only linked to.
        let text = text.replace(
            "<a href=\"https://evil.example/foto.jpg\">Фотография встречи</a>",
            "",
        );
        assert!(
            !text.contains("evil.example"),
            "{path}: a frame or an image from evil.example"
        );
    }
    let page = crate::common::read(&site.out, "novosti/html-v-tekste/index.html");
    assert!(
        page.contains("<a href=\"https://evil.example/foto.jpg\">Фотография встречи</a>"),
        "an image from another site becomes a link:\n{page}"
    );
    // Tables, images, links and formatting survive.
    let page = crate::common::read(&site.out, "novosti/html-v-tekste/index.html");
    for kept in [
        "<th scope=\"col\">Показатель</th>",
        "<td colspan=\"2\"><b>70</b>",
        "<img src=\"img/shema.png\" alt=\"Схема наставничества\" width=\"200\">",
        "<a href=\"https://school.example/\" title=\"Сайт школы\">",
        "Абзац с обработчиком",
        "Войти",
    ] {
        assert!(page.contains(kept), "«{kept}» must stay:\n{page}");
    }
}

#[test]
fn frames_from_the_hosts_of_site_yaml_are_kept() {
    let site = hostile("html");
    let run = site.build(TODAY);
    run.expect_ok();
    let found = about(&run.stderr, "content/news/html-v-tekste.md");
    assert!(found.contains(&(
        26,
        "удалён фрейм с адреса «https://evil.example/embed»".to_string()
    )));
    assert!(!found.iter().any(|(line, _)| *line == 28), "{found:?}");
    let page = crate::common::read(&site.out, "novosti/html-v-tekste/index.html");
    assert!(page.contains(
        "<iframe src=\"https://rutube.ru/play/embed/123\" title=\"Видео о наставничестве\"></iframe>"
    ));
}

#[test]
fn front_matter_text_is_always_escaped() {
    let site = hostile("html");
    site.build(TODAY).expect_ok();
    let raw = "<script>alert('title')</script>";
    for (path, bytes) in all_files(&site.out) {
        let text = String::from_utf8_lossy(&bytes);
        if path.ends_with(".html") || path.ends_with(".xml") {
            assert!(!text.contains(raw), "{path}: the title is not escaped");
            assert!(
                !text.contains("<img src=x"),
                "{path}: the summary is not escaped"
            );
            assert!(
                !text.contains("<b onmouseover"),
                "{path}: a tag is not escaped"
            );
            assert!(
                !text.contains("<iframe src=javascript"),
                "{path}: an author is not escaped"
            );
        }
    }
    // Shown as text, exactly as written.
    let page = crate::common::read(&site.out, "praktiki/xss-v-zagolovke/index.html");
    let h1 = &page[page.find("<h1").unwrap()..page.find("</h1>").unwrap()];
    assert!(h1.contains("&lt;script&gt;"), "{h1}");
    assert!(crate::common::decode_entities(h1).contains(raw), "{h1}");
    let rss = crate::common::read(&site.out, "rss.xml");
    assert!(
        rss.contains("&lt;script&gt;alert(&apos;title&apos;)&lt;/script&gt;"),
        "{rss}"
    );
    // The data export keeps the text as data.
    let bundle: serde_json::Value =
        serde_json::from_str(&crate::common::read(&site.out, "export/bundle.json")).unwrap();
    assert!(bundle["practices"][0]["title"]
        .as_str()
        .is_some_and(|t| t.starts_with(raw)));
}

// ---------------------------------------------------------------------------
// Paths

#[test]
fn files_with_spaces_and_cyrillic_names_are_linked_by_safe_urls() {
    let site = hostile("paths");
    site.build(TODAY).expect_ok();
    let mut checked = 0;
    for page in ["praktiki/fajly/index.html", "dokumenty/index.html"] {
        let html = crate::common::read(&site.out, page);
        for link in links(&html).into_iter().filter(|l| l.contains("files/")) {
            assert!(
                link.is_ascii() && !link.contains(' ') && !link.contains('#'),
                "{page}: «{link}» is not percent-encoded"
            );
            let target = resolve(page, &link).expect("inside the site");
            let published = site.out.join(&target);
            let source = site.root.join("static").join(&target);
            assert!(
                published.is_file(),
                "{page}: «{link}» → {target} is missing"
            );
            assert_eq!(
                std::fs::read(&published).unwrap(),
                std::fs::read(&source).unwrap(),
                "{target}"
            );
            checked += 1;
        }
    }
    // Two attachments and the body link on the practice, the document file.
    assert_eq!(checked, 4);
    assert!(site.has("files/план & отчёт #1 (итог).docx"));
}

/// Symbolic links the fixture cannot hold in git: made in each test.
fn link(target: &str, at: &Path) {
    std::os::unix::fs::symlink(target, at).unwrap();
}

#[test]
fn paths_and_links_out_of_the_site_are_errors() {
    let site = hostile("paths-escape");
    let outside = site.tmp.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.txt"), "ВНЕШНИЙ-СЕКРЕТ").unwrap();
    let secret = outside.join("secret.txt");
    let r = &site.root;
    link(path_str(&secret), &r.join("static/out.txt"));
    link(path_str(&outside), &r.join("static/out-dir"));
    link("../content/news/ok.md", &r.join("static/to-content.md"));
    link("files", &r.join("static/dir-in"));
    link(path_str(&secret), &r.join("content/news/link-out.md"));
    link("../pages", &r.join("content/news/dir-link"));
    std::fs::create_dir_all(r.join("content/pages")).unwrap();
    link("ok.md", &r.join("content/news/link-in.md"));

    let run = site.check(TODAY, &[]);
    run.expect_code(1);
    let escape = "должен вести внутрь папки static/";
    let practice = about(&run.stderr, "content/practices/pobeg.md");
    assert_eq!(practice.len(), 6, "{}", run.stderr);
    for (i, (line, message)) in practice.iter().enumerate() {
        assert_eq!(*line, 7 + i);
        assert!(message.contains(escape), "{message}");
    }
    for (path, line, value) in [
        ("content/practices/pobeg.md", 7, "../site.yaml"),
        ("content/practices/pobeg.md", 8, "/etc/passwd"),
        (
            "content/practices/pobeg.md",
            9,
            "C:\\Users\\Public\\secret.pdf",
        ),
        ("content/practices/pobeg.md", 10, "files\\ok.pdf"),
        ("content/practices/pobeg.md", 11, "static/../../site.yaml"),
        (
            "content/practices/pobeg.md",
            12,
            "files/../../content/mentors/tajna.md",
        ),
        ("content/documents/pobeg.md", 7, "../../../../etc/hostname"),
        ("content/mentors/tajna.md", 3, "/etc/passwd"),
    ] {
        crate::common::assert_error_at(&run.stderr, path, line, &[&format!("«{value}» {escape}")]);
    }
    let links: BTreeMap<String, String> = reports(&run.stderr)
        .into_iter()
        .filter(|r| r.line == 0)
        .map(|r| {
            assert!(r.error && r.hint.is_some(), "{r:?}");
            (r.path, r.message)
        })
        .collect();
    let expected: BTreeMap<String, String> = [
        (
            "static/out.txt",
            "ссылка (symlink) ведёт за пределы папки static/",
        ),
        (
            "static/out-dir",
            "ссылка (symlink) ведёт за пределы папки static/",
        ),
        (
            "static/to-content.md",
            "ссылка (symlink) ведёт за пределы папки static/",
        ),
        (
            "static/dir-in",
            "ссылка (symlink) на папку не поддерживается",
        ),
        (
            "content/news/link-out.md",
            "ссылка (symlink) ведёт за пределы папки сайта",
        ),
        (
            "content/news/dir-link",
            "ссылка (symlink) на папку не поддерживается",
        ),
    ]
    .into_iter()
    .map(|(p, m)| (p.to_string(), m.to_string()))
    .collect();
    assert_eq!(links, expected, "{}", run.stderr);
    // A link to a file inside the site is read like the file itself (a
    // second news item with the same slug source, so no error of its own).
    assert!(!run.stderr.contains("link-in.md:"), "{}", run.stderr);

    // Nothing is built, nothing from outside is read into any output.
    site.build(TODAY).expect_code(1);
    assert!(!site.out.exists());
    assert!(!run.stderr.contains("ВНЕШНИЙ-СЕКРЕТ"));
}

#[test]
fn linked_folders_out_of_the_site_are_refused() {
    let site = Site::empty();
    site.write(
        "site.yaml",
        "organization: Школа\nbase_url: https://s.example/\n",
    );
    let outside = site.tmp.path().join("outside");
    std::fs::create_dir_all(outside.join("news")).unwrap();
    std::fs::write(
        outside.join("news/chuzhaya.md"),
        "---\ntitle: ЧУЖАЯ-НОВОСТЬ\ndate: 2024-01-01\n---\n",
    )
    .unwrap();
    std::fs::write(outside.join("secret.pdf"), "ВНЕШНИЙ-СЕКРЕТ").unwrap();
    std::fs::create_dir_all(site.root.join("content")).unwrap();
    link(
        path_str(&outside.join("news")),
        &site.root.join("content/news"),
    );
    link(path_str(&outside), &site.root.join("static"));
    let run = site.check(TODAY, &[]);
    run.expect_code(1);
    let found: Vec<(String, String)> = reports(&run.stderr)
        .into_iter()
        .map(|r| (r.path, r.message))
        .collect();
    assert_eq!(
        found,
        [
            (
                "content/news",
                "ссылка (symlink) ведёт за пределы папки сайта"
            ),
            (
                "static",
                "папка static — ссылка (symlink) за пределы папки сайта"
            ),
        ]
        .map(|(p, m)| (p.to_string(), m.to_string()))
        .to_vec(),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("ЧУЖАЯ-НОВОСТЬ"));
    site.build(TODAY).expect_code(1);
    assert!(!site.out.exists());
}

#[test]
fn paths_in_site_yaml_cannot_leave_the_site() {
    let site = Site::empty();
    site.write(
        "site.yaml",
        "organization: Школа\nbase_url: https://s.example/\ntheme: ../../etc\nlogo: ../content/x.md\niframe_hosts: [rutube.ru, https://vk.com/video]\n",
    );
    let run = site.check(TODAY, &[]);
    run.expect_code(1);
    crate::common::assert_error_at(&run.stderr, "site.yaml", 3, &["имя темы «../../etc»"]);
    crate::common::assert_error_at(
        &run.stderr,
        "site.yaml",
        4,
        &["«../content/x.md»", "внутрь папки static/"],
    );
    crate::common::assert_error_at(
        &run.stderr,
        "site.yaml",
        5,
        &["«https://vk.com/video» в iframe_hosts"],
    );

    site.write(
        "site.yaml",
        "organization: Школа\nbase_url: \"https://s.example/\\nDisallow: /\"\n",
    );
    let run = site.check(TODAY, &[]);
    run.expect_code(1);
    crate::common::assert_error_at(&run.stderr, "site.yaml", 2, &["перевод строки"]);
}

// ---------------------------------------------------------------------------
// Personal data (152-ФЗ ст. 10.1)

/// Strings of the privacy fixture that no consent allows to publish today.
const WITHHELD: [&str; 21] = [
    // No consent at all.
    "Тайная",
    "Серафима",
    "Должность-Тайна",
    "Предмет-Тайна",
    "Категория-Тайна",
    "Биография-Тайна",
    "tajnaya-serafima",
    // Expired on 2023-12-31.
    "Истекшая",
    "Зинаида",
    "Должность-Истекла",
    "Предмет-Истёк",
    "Биография-Истекла",
    "istekshaya-foto",
    // Photo and position consented, not the name: the file name carries it.
    "Безымянная",
    "Ульяна",
    "bezymyannaya-ulyana",
    // A photo shared with a mentor who did not consent to it.
    "obshchee-foto",
    // A link in static/ to a withheld photo.
    "kopiya.jpg",
    // Not consented fields of consenting mentors.
    "стаж 37",
    "стаж 29",
    "37 лет",
];

#[test]
fn personal_data_without_consent_reaches_no_output_file() {
    let site = hostile("privacy");
    link(
        "tajnaya-serafima.jpg",
        &site.root.join("static/img/nastavniki/kopiya.jpg"),
    );
    site.build(TODAY).expect_ok();
    for needle in WITHHELD {
        let hits = grep_output(&site.out, needle);
        assert!(hits.is_empty(), "«{needle}» is published in {hits:?}");
    }
    // Not even the bytes of a withheld photo, under any name.
    let photos = site.root.join("static/img/nastavniki");
    let files = all_files(&site.out);
    for withheld in [
        "tajnaya-serafima.jpg",
        "obshchee-foto.jpg",
        "istekshaya-foto.jpg",
    ] {
        let bytes = std::fs::read(photos.join(withheld)).unwrap();
        let copies: Vec<&String> = files
            .iter()
            .filter(|(_, b)| **b == bytes)
            .map(|(p, _)| p)
            .collect();
        assert!(copies.is_empty(), "{withheld} is published as {copies:?}");
    }
    // What is consented is published: a named photo under its own name, a
    // photo without the name under a neutral one, with a neutral alt text.
    let mentors = crate::common::read(&site.out, "nastavniki/index.html");
    let main = crate::common::main_of(&mentors);
    for shown in [
        "Открытая Ольга Петровна",
        "учитель математики",
        "учитель химии",
        "Согласная Дарья Львовна",
        "Несогласный Никифор Саввич",
        "alt=\"Фотография наставника\"",
    ] {
        assert!(main.contains(shown), "«{shown}» is consented:\n{main}");
    }
    assert!(site.has("img/nastavniki/otkrytaya-olga.jpg"));
    // The published photo keeps its pixels and orientation, not its metadata:
    // the camera's EXIF named its owner, the GPS position, XMP a tagged person.
    let original = std::fs::read(photos.join("otkrytaya-olga.jpg")).unwrap();
    let published = std::fs::read(site.out.join("img/nastavniki/otkrytaya-olga.jpg")).unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    assert!(text(&original).contains("Ivanova Maria Petrovna"));
    assert!(
        !text(&published).contains("Ivanova"),
        "metadata is published"
    );
    assert!(published.len() < original.len());
    let scan = |b: &[u8]| {
        let at = b.windows(2).position(|w| w == [0xFF, 0xDA]).unwrap();
        b[at..].to_vec()
    };
    assert_eq!(
        scan(&published),
        scan(&original),
        "the image data is the same"
    );
    let exif = img_parts::jpeg::Jpeg::from_bytes(published.into())
        .ok()
        .and_then(|j| img_parts::ImageEXIF::exif(&j))
        .expect("the orientation is kept");
    let exif = exif::Reader::new().read_raw(exif.to_vec()).unwrap();
    let fields: Vec<exif::Tag> = exif.fields().map(|f| f.tag).collect();
    assert_eq!(fields, vec![exif::Tag::Orientation]);
    let orientation = exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY);
    assert_eq!(orientation.and_then(|f| f.value.get_uint(0)), Some(6));
    let neutral: Vec<String> = links(main)
        .into_iter()
        .filter(|l| l.contains("nastavniki/foto/"))
        .collect();
    assert_eq!(neutral.len(), 1, "{main}");
    let target = resolve("nastavniki/index.html", &neutral[0]).unwrap();
    let name = target.rsplit('/').next().unwrap();
    assert!(
        name.len() == "0123456789abcdef.jpg".len() && name.ends_with(".jpg"),
        "a neutral name: {target}"
    );
    assert_eq!(
        std::fs::read(site.out.join(&target)).unwrap(),
        std::fs::read(photos.join("bezymyannaya-ulyana.jpg")).unwrap()
    );
    // Only two photos are published at all.
    let images: Vec<&String> = files.keys().filter(|p| p.ends_with(".jpg")).collect();
    assert_eq!(images.len(), 2, "{images:?}");
    // A consented name stays among authors and winners; the others are gone.
    let practice = crate::common::read(&site.out, "praktiki/s-foto/index.html");
    assert!(
        practice.replace('\u{a0}', " ").contains("Открытая О. П."),
        "{practice}"
    );
    let contest = crate::common::read(&site.out, "konkursy/konkurs/index.html");
    assert!(contest.contains("Открытая Ольга Петровна"), "{contest}");
    // From a team, only the person without consent to the name is taken out.
    assert!(
        contest
            .replace('\u{a0}', " ")
            .contains("Команда: Открытая О. П."),
        "{contest}"
    );
    // The practice keeps its other attachment; the news keeps its text.
    assert!(crate::common::read(&site.out, "praktiki/s-foto/index.html").contains("files/plan.pdf"));
    assert!(crate::common::read(&site.out, "novosti/foto/index.html").contains("мероприятия"));
}

#[test]
fn every_held_back_field_is_reported_at_its_line_and_strict_refuses_it() {
    let site = hostile("privacy");
    link(
        "tajnaya-serafima.jpg",
        &site.root.join("static/img/nastavniki/kopiya.jpg"),
    );
    let run = site.check(TODAY, &[]);
    run.expect_ok();
    let none = "нет согласия на распространение персональных данных";
    let expired = "срок согласия истёк 31 декабря 2023 г.";
    // A mentor not published at all: a note on `name`, then one on every
    // other field, line by line.
    let unpublished = |name_line: usize, why: &str| {
        let mut expected = vec![(name_line, format!("наставник не опубликован: {why}"))];
        let fields = [
            "position",
            "subject",
            "experience",
            "category",
            "forms",
            "photo",
            "bio",
        ];
        for (i, key) in fields.iter().enumerate() {
            let message = format!("поле «{key}» не опубликовано: {why}");
            expected.push((name_line + 1 + i, message));
        }
        expected.sort();
        expected
    };
    let tajnaya = about(&run.stderr, "content/mentors/tajnaya.md");
    assert_eq!(tajnaya, unpublished(2, none), "{}", run.stderr);
    let istekshaya = about(&run.stderr, "content/mentors/istekshaya.yaml");
    let expected = unpublished(1, expired);
    assert_eq!(istekshaya, expected, "{}", run.stderr);
    assert_eq!(
        about(&run.stderr, "content/mentors/bez-imeni.md"),
        pairs(&[(2, "поле «name» не опубликовано: его нет в согласии")])
    );
    assert_eq!(
        about(&run.stderr, "content/mentors/nesoglasnyj.md"),
        pairs(&[(4, "поле «photo» не опубликовано: его нет в согласии")])
    );
    let shared = about(&run.stderr, "content/mentors/soglasnaya.md");
    assert_eq!(shared.len(), 1);
    assert_eq!(shared[0].0, 4);
    assert!(
        shared[0].1.contains("content/mentors/nesoglasnyj.md"),
        "{shared:?}"
    );
    let why = "не опубликован: это фотография наставника без согласия на её публикацию (content/mentors/tajnaya.md)";
    assert_eq!(
        about(&run.stderr, "content/news/foto.md"),
        vec![(
            8,
            format!("файл «img/nastavniki/tajnaya-serafima.jpg» {why}")
        )]
    );
    let no_name = |role: &str, text: &str, file: &str| {
        format!("{role} «{text}» не опубликован: это имя наставника без согласия на публикацию имени (content/mentors/{file})")
    };
    assert_eq!(
        about(&run.stderr, "content/practices/s-foto.md"),
        vec![
            (
                8,
                format!("файл «img/nastavniki/tajnaya-serafima.jpg» {why}")
            ),
            (11, no_name("автор", "Тайная С. И.", "tajnaya.md")),
            (
                13,
                no_name("автор", "Серафима Ильинична Тайная, учитель", "tajnaya.md")
            ),
        ]
    );
    // The same name in other files that name people: winners, curators.
    assert_eq!(
        about(&run.stderr, "content/contests/konkurs.md"),
        vec![
            (10, no_name("участник", "Истекшая З. М.", "istekshaya.yaml")),
            (
                12,
                no_name("участник", "Истекшая Зинаида Марковна", "istekshaya.yaml")
            ),
        ]
    );
    assert_eq!(
        about(&run.stderr, "content/programs/programma.md"),
        vec![(
            8,
            no_name("куратор", "Безымянная Ульяна Фоминична", "bez-imeni.md")
        )]
    );
    // --strict: the same list, every one an error; nothing is written by check.
    let strict = site.check(TODAY, &["--strict"]);
    strict.expect_code(1);
    let warned = reports(&run.stderr);
    let refused = reports(&strict.stderr);
    assert_eq!(warned.len(), refused.len());
    for (w, e) in warned.iter().zip(&refused) {
        assert!(!w.error && e.error);
        assert_eq!((&w.path, w.line, &w.message), (&e.path, e.line, &e.message));
    }
    assert!(!site.out.exists());
}

// ---------------------------------------------------------------------------
// Limits

/// A finished run with the time it took and its peak memory.
struct Measured {
    run: Run,
    seconds: f64,
    max_rss_mb: f64,
}

/// Runs the binary with `args`, killing it after `limit`; measures its peak
/// memory with `wait4` (no external tool needed).
fn measured(args: &[&str], limit: Duration) -> Measured {
    let mut child = crate::common::command()
        .args(args)
        .env("RAYON_NUM_THREADS", "2")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run nastavnik");
    let started = Instant::now();
    let stdout = reader(&mut child, true);
    let stderr = reader(&mut child, false);
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: all-zero bytes are a valid `rusage`.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let mut killed = false;
    loop {
        // SAFETY: `pid` is our own child, reaped only by this call; status
        // and usage are valid out-pointers.
        let waited = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if waited == pid {
            break;
        }
        assert_eq!(waited, 0, "wait4 failed");
        if !killed && started.elapsed() > limit {
            // Not reaped yet, so the pid is still our child.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            killed = true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let seconds = started.elapsed().as_secs_f64();
    assert!(!killed, "killed after {limit:?}: the run hangs ({args:?})");
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    Measured {
        run: Run {
            code,
            stdout: stdout.join().unwrap(),
            stderr: stderr.join().unwrap(),
        },
        seconds,
        max_rss_mb: usage.ru_maxrss as f64 / 1024.0,
    }
}

fn reader(child: &mut Child, stdout: bool) -> std::thread::JoinHandle<String> {
    let mut pipe: Box<dyn Read + Send> = if stdout {
        Box::new(child.stdout.take().unwrap())
    } else {
        Box::new(child.stderr.take().unwrap())
    };
    std::thread::spawn(move || {
        let mut s = String::new();
        let _ = pipe.read_to_string(&mut s);
        s
    })
}

/// `check` of `site`, measured.
fn check_measured(site: &Site) -> Measured {
    measured(
        &["check", "--root", path_str(&site.root), "--date", TODAY],
        Duration::from_secs(60),
    )
}

/// A site with one news item whose file is `text`.
fn news_site(text: &[u8]) -> Site {
    let site = Site::empty();
    site.write(
        "site.yaml",
        "organization: Школа\nbase_url: https://s.example/\n",
    );
    let file = site.root.join("content/news/n.md");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(file, text).unwrap();
    site
}

/// Asserts one error about `content/news/n.md` at `line` mentioning `needle`,
/// within `seconds` and `mb` of memory.
fn assert_refused(m: &Measured, line: usize, needle: &str, seconds: f64, mb: f64) {
    m.run.expect_code(1);
    let found = reports(&m.run.stderr);
    assert_eq!(found.len(), 1, "{}", m.run.stderr);
    let r = &found[0];
    assert!(
        r.error && r.path == "content/news/n.md" && r.line == line,
        "{r:?}"
    );
    assert!(r.message.contains(needle), "{r:?}");
    assert!(r.hint.is_some(), "{r:?}");
    assert!(m.seconds < seconds, "took {:.2} s", m.seconds);
    assert!(m.max_rss_mb < mb, "used {:.0} MB", m.max_rss_mb);
}

#[test]
fn a_file_over_5_mb_is_refused_before_it_is_read() {
    let mut text = b"---\ntitle: x\ndate: 2024-01-01\n---\n".to_vec();
    text.resize(5 * 1024 * 1024 + 512 * 1024, b'a');
    let site = news_site(&text);
    let m = check_measured(&site);
    assert_refused(
        &m,
        0,
        "файл слишком большой: 5,5 МБ (допустимо не больше 5 МБ)",
        5.0,
        60.0,
    );
    // Just over the limit: the message still shows a size above 5 МБ.
    text.truncate(5 * 1024 * 1024 + 1);
    let site = news_site(&text);
    let m = check_measured(&site);
    assert_refused(&m, 0, "5 242 881 байт", 5.0, 60.0);
}

#[test]
fn a_yaml_alias_bomb_is_refused_at_the_alias() {
    // Billion laughs: nine levels of nine aliases.
    let mut yaml = String::from("---\ntitle: x\ndate: 2024-01-01\nsummary: &a0 lol\n");
    for i in 1..10 {
        let refs: Vec<String> = (0..9).map(|_| format!("*a{}", i - 1)).collect();
        yaml.push_str(&format!("k{i}: &a{i} [{}]\n", refs.join(", ")));
    }
    yaml.push_str("---\n");
    let m = check_measured(&news_site(yaml.as_bytes()));
    assert_refused(
        &m,
        5,
        "ссылка на якорь YAML «*a0» не поддерживается",
        5.0,
        60.0,
    );
    // A wide anchor behind many aliases: serde_yaml's own limit counts alias
    // jumps, not their size, and lets this grow to billions of values.
    let wide = format!(
        "---\ntitle: x\ndate: 2024-01-01\ntags: &a [{}]\nform: [{}]\n---\n",
        vec!["lol"; 20_000].join(","),
        vec!["*a"; 20_000].join(",")
    );
    let m = check_measured(&news_site(wide.as_bytes()));
    assert_refused(&m, 5, "«*a»", 5.0, 60.0);
}

#[test]
fn deeply_nested_yaml_is_refused_quickly() {
    // Flow nesting: libyaml's time grows with depth × tokens (23 s for this one).
    let deep = format!(
        "---\ntitle: x\ndate: 2024-01-01\nsummary: {}{}\n---\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let m = check_measured(&news_site(deep.as_bytes()));
    assert_refused(&m, 4, "слишком глубокая вложенность скобок", 5.0, 60.0);
    // Block nesting: linear for the parser, stopped by its depth limit.
    // Block nesting is linear for the parser: a field that takes text stops
    // at the first level, a recursive one (roadmap items) at serde_yaml's limit.
    let deep = format!(
        "---\ntitle: x\ndate: 2024-01-01\nsummary:\n{}x\n---\n",
        "- ".repeat(100_000)
    );
    let m = check_measured(&news_site(deep.as_bytes()));
    assert_refused(
        &m,
        5,
        "неверный тип значения: список, а ожидается строка",
        5.0,
        100.0,
    );
    let site = news_site(b"---\ntitle: x\ndate: 2024-01-01\n---\n");
    let mut roadmap = String::from("title: x\nyear: 2024\nitems:\n");
    for level in 0..200 {
        let indent = " ".repeat(2 + 4 * level);
        roadmap.push_str(&format!("{indent}- title: a\n{indent}  items:\n"));
    }
    roadmap.push_str(&format!("{}- title: end\n", " ".repeat(2 + 4 * 200)));
    site.write("data/roadmap.yaml", &roadmap);
    let m = check_measured(&site);
    m.run.expect_code(1);
    let found = reports(&m.run.stderr);
    assert_eq!(found.len(), 1, "{}", m.run.stderr);
    assert_eq!(
        (found[0].path.as_str(), found[0].line),
        ("data/roadmap.yaml", 130)
    );
    assert!(
        found[0]
            .message
            .contains("слишком глубокая вложенность YAML"),
        "{found:?}"
    );
    assert!(m.seconds < 5.0 && m.max_rss_mb < 100.0);
}

#[test]
fn a_huge_markdown_table_builds_in_bounded_time_and_memory() {
    // 100 000 rows in a release build; a debug build is slower, so a smaller table.
    let (rows, seconds, mb) = if cfg!(debug_assertions) {
        (100_000, 20.0, 400.0)
    } else {
        (100_000, 5.0, 300.0)
    };
    let mut text =
        String::from("---\ntitle: Таблица\ndate: 2024-01-01\n---\n\n| № | Текст |\n|---|---|\n");
    for i in 0..rows {
        text.push_str(&format!("| {i} | т{i} |\n"));
    }
    let site = news_site(text.as_bytes());
    let m = measured(
        &[
            "build",
            "--root",
            path_str(&site.root),
            "--output",
            path_str(&site.out),
            "--date",
            TODAY,
        ],
        Duration::from_secs(60),
    );
    m.run.expect_ok();
    assert!(m.seconds < seconds, "took {:.2} s", m.seconds);
    assert!(m.max_rss_mb < mb, "used {:.0} MB", m.max_rss_mb);
    let page = crate::common::read(&site.out, "novosti/n/index.html");
    assert_eq!(page.matches("<tr>").count(), rows + 1);

    // Raw HTML in every row: the sanitizer and its report run over all of it.
    let rows = if cfg!(debug_assertions) {
        10_000
    } else {
        100_000
    };
    let mut text =
        String::from("---\ntitle: Таблица\ndate: 2024-01-01\n---\n\n| № | Текст |\n|---|---|\n");
    for i in 0..rows {
        text.push_str(&format!("| {i} | <b onclick=\"x()\">т{i}</b> |\n"));
    }
    let site = news_site(text.as_bytes());
    let m = check_measured(&site);
    m.run.expect_ok();
    assert_eq!(
        about(&m.run.stderr, "content/news/n.md").len(),
        rows,
        "one warning per row"
    );
    assert!(m.seconds < 30.0, "took {:.2} s", m.seconds);
    assert!(m.max_rss_mb < 500.0, "used {:.0} MB", m.max_rss_mb);
}

#[test]
fn a_file_saved_in_windows_1251_or_utf16_is_named() {
    // «Привет» on line 5 in Windows-1251.
    let mut text = b"---\ntitle: x\ndate: 2024-01-01\n---\n".to_vec();
    text.extend_from_slice(&[0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2, b'\n']);
    let m = check_measured(&news_site(&text));
    assert_refused(&m, 5, "в кодировке Windows-1251", 5.0, 60.0);
    let text: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "---\ntitle: x\n---\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    let m = check_measured(&news_site(&text));
    assert_refused(&m, 1, "в кодировке UTF-16", 5.0, 60.0);
}

// ---------------------------------------------------------------------------
// Output safety

/// Every file under `dir` with its bytes (paths relative, `/`-separated).
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    all_files(dir)
}

/// Writes a site of `n` practices; `generation` changes every title and text.
fn practices_site(root: &Path, n: usize, generation: u32) {
    std::fs::create_dir_all(root.join("content/practices")).unwrap();
    std::fs::write(
        root.join("site.yaml"),
        "organization: Школа\nbase_url: https://s.example/nastavnichestvo/\n",
    )
    .unwrap();
    let forms = ["ученик – ученик", "учитель – учитель", "учитель – ученик"];
    for i in 0..n {
        let text = format!(
            "---\ntitle: Практика {i} поколения {generation}\nsummary: Описание {i}.\nform: {}\nyear: {}\ntags: [тег{}]\n---\n\n## Цель\n\nТекст практики {i}, поколение {generation}. {}\n",
            forms[i % 3],
            2020 + i % 5,
            i % 20,
            "Наставник и наставляемый работают вместе. ".repeat(20),
        );
        std::fs::write(root.join(format!("content/practices/p{i:05}.md")), text).unwrap();
    }
}

#[test]
fn a_killed_build_leaves_the_previous_site_complete() {
    // bench/ builds 10 000 practices; here a size a debug build finishes in seconds.
    let n = if cfg!(debug_assertions) { 500 } else { 10_000 };
    let site = Site::empty();
    practices_site(&site.root, n, 1);
    let parent = site.tmp.path();
    let started = Instant::now();
    site.build(TODAY).expect_ok();
    let full = started.elapsed();
    let mut published = snapshot(&site.out);
    assert!(published.len() > n, "{} files", published.len());

    // New content, then builds killed at several moments of their run.
    let mut generation = 2;
    practices_site(&site.root, n, generation);
    let moments = [0.05, 0.15, 0.3, 0.5, 0.75];
    let mut killed = 0;
    for fraction in moments {
        let mut child: Child = Command::new(env!("CARGO_BIN_EXE_nastavnik"))
            .env_remove("SOURCE_DATE_EPOCH")
            .args([
                "build",
                "--root",
                path_str(&site.root),
                "--output",
                path_str(&site.out),
                "--date",
                TODAY,
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full.mul_f64(fraction));
        let running = child.try_wait().unwrap().is_none();
        if running {
            child.kill().unwrap(); // SIGKILL
        }
        let status = child.wait().unwrap();
        if status.success() {
            // It finished before the kill: that generation is now the live one,
            // and the next attempt builds yet another.
            published = snapshot(&site.out);
            generation += 1;
            practices_site(&site.root, n, generation);
            continue;
        }
        assert!(running, "the build failed by itself: {status}");
        killed += 1;
        assert!(
            snapshot(&site.out) == published,
            "the live site changed after a kill at {fraction} of a build"
        );
    }
    let new_root = snapshot(&site.root);
    assert!(killed >= 3, "only {killed} builds were killed in time");

    // The next build cleans up after the killed ones and publishes the new site.
    site.build(TODAY).expect_ok();
    let elsewhere = tempfile::tempdir().unwrap();
    let fresh = elsewhere.path().join("public");
    site.build_into(&fresh, TODAY).expect_ok();
    assert_eq!(
        snapshot(&site.out),
        snapshot(&fresh),
        "the rebuilt site has stale or missing files"
    );
    // Nothing was written outside the output and its staging folder.
    let mut beside: Vec<String> = std::fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(beside, [".nastavnik-staging-public", "public", "site"]);
    assert!(
        snapshot(&site.root) == new_root,
        "the build wrote into the site folder"
    );
    // The staging folder is the previous generation, marked as nastavnik's.
    assert!(parent
        .join(".nastavnik-staging-public/.nastavnik")
        .is_file());
}
