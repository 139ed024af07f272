//! `nastavnik serve`: incremental rebuilds equal to a full build, and the real
//! server over HTTP (pages, reload events, errors, path safety, Ctrl-C).

use std::path::{Path, PathBuf};

use crate::common::{all_files, Site};
use nastavnik::serve::{LiveSite, LoadKind, Rebuild};

const DATE: &str = "2024-03-15";

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(DATE, "%Y-%m-%d").unwrap()
}

/// A site being served by the library, its fixture copy and a folder for comparison builds.
struct Live {
    site: Site,
    live: LiveSite,
    served: tempfile::TempDir,
}

impl Live {
    fn fixture(name: &str) -> Live {
        let site = Site::fixture(name);
        let served = tempfile::tempdir().unwrap();
        let mut live = LiveSite::new(&site.root, today(), served.path());
        let first = live.build_all();
        assert!(first.published, "{:#?}", first.diagnostics);
        Live { site, live, served }
    }

    /// The absolute path the watcher would report for `rel`.
    fn path(&self, rel: &str) -> PathBuf {
        self.site.root.canonicalize().unwrap().join(rel)
    }

    fn write(&mut self, rel: &str, text: &str) -> Rebuild {
        self.site.write(rel, text);
        let path = self.path(rel);
        self.live.rebuild(&[path])
    }

    fn remove(&mut self, rel: &str) -> Rebuild {
        let path = self.path(rel);
        std::fs::remove_file(&path).unwrap();
        self.live.rebuild(&[path])
    }

    fn edit(&mut self, rel: &str, from: &str, to: &str) -> Rebuild {
        let text = std::fs::read_to_string(self.site.root.join(rel)).unwrap();
        assert!(text.contains(from), "{rel} has no «{from}»");
        self.write(rel, &text.replacen(from, to, 1))
    }

    /// Panics unless the served folder equals a fresh full build, file for file.
    fn assert_equals_full_build(&self, step: &str) {
        let fresh = self.site.tmp.path().join(format!("fresh-{}", step.len()));
        let _ = std::fs::remove_dir_all(&fresh);
        self.site.build_into(&fresh, DATE).expect_ok();
        let want = all_files(&fresh);
        let got = all_files(self.served.path());
        let missing: Vec<&String> = want.keys().filter(|k| !got.contains_key(*k)).collect();
        let extra: Vec<&String> = got.keys().filter(|k| !want.contains_key(*k)).collect();
        let differ: Vec<&String> = want
            .iter()
            .filter(|(k, v)| got.get(*k).is_some_and(|g| g != *v))
            .map(|(k, _)| k)
            .collect();
        assert!(
            missing.is_empty() && extra.is_empty() && differ.is_empty(),
            "after {step}: the served folder differs from a full build\nmissing: {missing:?}\nextra: {extra:?}\ndiffer: {differ:?}"
        );
        std::fs::remove_dir_all(&fresh).unwrap();
    }
}

fn published(r: &Rebuild, step: &str) {
    assert!(r.published, "{step}: not published: {:#?}", r.diagnostics);
    assert!(!r.has_errors(), "{step}: {:#?}", r.diagnostics);
}

#[test]
fn incremental_rebuilds_equal_a_full_build() {
    let mut l = Live::fixture("school");
    l.assert_equals_full_build("start");
    let total = l.live.build_all().pages;

    // A body edit: one practice reloaded, few pages rendered.
    let r = l.edit(
        "content/practices/agroklass.md",
        "проходят практику",
        "проходят летнюю практику",
    );
    published(&r, "body");
    assert_eq!(r.load, LoadKind::Practices);
    assert!(
        r.rendered < total,
        "{} of {total} pages rendered",
        r.rendered
    );
    l.assert_equals_full_build("body edit");

    // A new title reorders every list the practice is in.
    let r = l.edit(
        "content/practices/agroklass.md",
        "title: Агрокласс",
        "title: Юные аграрии",
    );
    published(&r, "title");
    assert_eq!(r.load, LoadKind::Practices);
    l.assert_equals_full_build("title change");

    // New tags move it between facet pages (and one term disappears).
    let r = l.edit(
        "content/practices/agroklass.md",
        "tags: [профориентация]",
        "tags: [сельское хозяйство, экология]",
    );
    published(&r, "tags");
    l.assert_equals_full_build("tags change");

    // A new practice, then its removal.
    let r = l.write(
        "content/practices/novaya.md",
        "---\ntitle: Абсолютно новая практика\nform: ученик – ученик\nyear: 2021\ntags: [экология]\ndate: 2024-02-01\n---\n\nТекст.\n",
    );
    published(&r, "add");
    assert_eq!(r.load, LoadKind::Practices);
    assert!(l.served.path().join("praktiki/novaya/index.html").is_file());
    l.assert_equals_full_build("add");

    let r = l.remove("content/practices/novaya.md");
    published(&r, "delete");
    assert!(r.removed > 0);
    assert!(!l.served.path().join("praktiki/novaya").exists());
    l.assert_equals_full_build("delete");

    // A new summary changes the cards in every list the practice is in.
    let r = l.edit(
        "content/practices/agroklass.md",
        "summary: Работодатели района",
        "summary: Предприятия района",
    );
    published(&r, "summary");
    assert_eq!(r.load, LoadKind::Practices);
    l.assert_equals_full_build("summary");

    // A draft disappears; a renamed file moves the practice in one rebuild.
    let r = l.edit(
        "content/practices/esli-drug-ryadom.md",
        "---\n",
        "---\ndraft: true\n",
    );
    published(&r, "draft");
    assert!(!l.served.path().join("praktiki/esli-drug-ryadom").exists());
    l.assert_equals_full_build("draft");
    let old = l.path("content/practices/agroklass.md");
    let new = l.path("content/practices/agro-klass.md");
    std::fs::rename(&old, &new).unwrap();
    let r = l.live.rebuild(&[old, new]);
    published(&r, "rename");
    assert!(l
        .served
        .path()
        .join("praktiki/agro-klass/index.html")
        .is_file());
    l.assert_equals_full_build("rename");

    // A practice naming a photo published without consent is rewritten as a full build does.
    let r = l.write(
        "content/practices/s-foto.md",
        "---\ntitle: С фотографией\nform: ученик – ученик\nyear: 2022\n---\n\n![фото](img/mentors/otozvanova-foto.png)\n",
    );
    published(&r, "withheld photo");
    assert_eq!(r.load, LoadKind::Full);
    l.assert_equals_full_build("withheld photo");

    // An author who is a mentor without consent to the name is held back, as a full build does.
    let r = l.write(
        "content/practices/avtory.md",
        "---\ntitle: С авторами\nform: ученик – ученик\nyear: 2022\nauthors: [Засекречена Е. Т., Полякова В. А.]\n---\n\nТекст.\n",
    );
    published(&r, "hidden author");
    assert_eq!(r.load, LoadKind::Full);
    let page = std::fs::read_to_string(l.served.path().join("praktiki/avtory/index.html")).unwrap();
    assert!(!page.contains("Засекречена"), "{page}");
    assert!(page.contains("Полякова"), "{page}");
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.to_string().contains("«Засекречена Е. Т.» не опубликован")),
        "{:?}",
        r.diagnostics
    );
    l.assert_equals_full_build("hidden author");

    // A new file in static/ is published and may change links everywhere.
    let r = l.write("static/files/novyj.pdf", "%PDF-1.4 test");
    published(&r, "static");
    assert!(l.served.path().join("files/novyj.pdf").is_file());
    l.assert_equals_full_build("static");

    // A contest's winner changes another practice's award.
    let r = l.edit(
        "content/contests/konkurs-2023.md",
        "practice: elka-zhelaniy",
        "practice: agro-klass",
    );
    published(&r, "winner");
    assert_eq!(r.load, LoadKind::Full);
    l.assert_equals_full_build("winner");

    // A template of the site's theme: every page; an editor's swap file beside it: nothing.
    let theme = crate::common::repo().join("themes/default/templates/practice.html");
    let template = std::fs::read_to_string(theme).unwrap();
    let r = l.write(
        "themes/default/templates/practice.html",
        &template.replacen(
            "{% endblock content %}",
            "<!-- изменено -->{% endblock content %}",
            1,
        ),
    );
    published(&r, "template");
    assert_eq!(r.rendered, r.pages);
    l.assert_equals_full_build("template");
    l.site
        .write("themes/default/templates/base.html~", "{% broken");
    let swap = l.path("themes/default/templates/.practice.html.swp");
    std::fs::write(&swap, b"b0VIM 9.0\x00\xff\xfe").unwrap();
    let r = l.live.rebuild(&[swap]);
    assert_eq!(r.load, LoadKind::None, "a swap file changes nothing");
    let r = l.edit(
        "themes/default/templates/practice.html",
        "<!-- изменено -->",
        "<!-- изменено дважды -->",
    );
    published(&r, "template with a swap file beside it");
    l.assert_equals_full_build("template with a swap file beside it");

    // The site's settings change every page.
    let r = l.edit(
        "site.yaml",
        "title: Наставничество",
        "title: Наставничество в школе",
    );
    published(&r, "site.yaml");
    assert_eq!(r.rendered, r.pages);
    l.assert_equals_full_build("site.yaml");
}

#[test]
fn a_broken_practice_keeps_the_last_good_site_until_fixed() {
    let mut l = Live::fixture("school");
    let page = l.served.path().join("praktiki/agroklass/index.html");
    let before = std::fs::read(&page).unwrap();
    let r = l.edit(
        "content/practices/agroklass.md",
        "year: 2024",
        "year: двадцать",
    );
    assert!(r.has_errors() && !r.published);
    let error = r.diagnostics.iter().find(|d| d.is_error()).unwrap();
    assert_eq!(error.path, Path::new("content/practices/agroklass.md"));
    assert!(error.line > 0, "{error}");
    assert_eq!(std::fs::read(&page).unwrap(), before, "the old page stays");

    // Another edit while broken: still an error.
    let r = l.edit(
        "content/practices/esli-drug-ryadom.md",
        "title: Если друг рядом",
        "title: Если друг всегда рядом",
    );
    assert!(r.has_errors(), "agroklass.md is still broken");

    let r = l.edit(
        "content/practices/agroklass.md",
        "year: двадцать",
        "year: 2023",
    );
    published(&r, "fixed");
    l.assert_equals_full_build("fixed");

    // A link to a practice that goes away breaks the page that links to it.
    let r = l.write(
        "content/practices/ssylka.md",
        "---\ntitle: Со ссылкой\nform: ученик – ученик\nyear: 2022\n---\n\nСм. [агрокласс](@/practices/agroklass).\n",
    );
    published(&r, "link");
    let r = l.remove("content/practices/agroklass.md");
    assert!(r.has_errors(), "a link to a removed practice must fail");
    let r = l.remove("content/practices/ssylka.md");
    published(&r, "link removed");
    l.assert_equals_full_build("link removed");
}

// ---------------------------------------------------------------------------
// The real server, over HTTP.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

/// Long enough for a loaded CI machine; the tests finish as soon as things happen.
const WAIT: Duration = Duration::from_secs(30);

/// `nastavnik serve` running on a copy of a fixture, on a free port, with its
/// own temporary folder (TMPDIR) so that the test can see it removed.
struct Server {
    site: Site,
    child: Child,
    addr: SocketAddr,
    /// The temporary folder the site is served from.
    served: PathBuf,
    stdout: Receiver<String>,
    tmpdir: PathBuf,
}

impl Server {
    fn start(site: Site, extra: &[&str]) -> Server {
        let tmpdir = site.tmp.path().join("tmp");
        std::fs::create_dir_all(&tmpdir).unwrap();
        let root = site.root.to_str().unwrap().to_string();
        let mut args = vec!["serve", "--root", &root, "--date", DATE, "--port", "0"];
        args.extend_from_slice(extra);
        let mut child = crate::common::command()
            .args(&args)
            .env("TMPDIR", &tmpdir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start nastavnik serve");
        let (tx, stdout) = channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let err = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            // Keep the pipe drained; the tests read diagnostics over SSE.
            for _ in BufReader::new(err).lines() {}
        });
        let mut server = Server {
            site,
            child,
            addr: "127.0.0.1:1".parse().unwrap(),
            served: PathBuf::new(),
            stdout,
            tmpdir,
        };
        let folder = server.line_with("временную папку");
        let folder = folder
            .split("временную папку ")
            .nth(1)
            .and_then(|r| r.split(" (").next())
            .unwrap();
        server.served = PathBuf::from(folder);
        let url = server.line_with("Сайт доступен по адресу");
        let addr = url
            .split("http://")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .unwrap();
        server.addr = addr.parse().unwrap();
        server
    }

    fn school(extra: &[&str]) -> Server {
        Server::start(Site::fixture("school"), extra)
    }

    /// The next line of stdout containing `text`.
    fn line_with(&self, text: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.stdout.recv_timeout(left) {
                Ok(line) if line.contains(text) => return line,
                Ok(_) => {}
                Err(_) => panic!("no «{text}» on stdout of nastavnik serve"),
            }
        }
    }

    fn get(&self, path: &str) -> Answer {
        http_get(self.addr, path)
    }

    fn events(&self) -> Events {
        Events::connect(self.addr)
    }

    /// Sends a signal and waits for the process to end; returns its exit code.
    fn signal(&mut self, signal: i32) -> Option<i32> {
        // SAFETY: sending a signal to our own child process.
        let rc = unsafe { libc::kill(self.child.id() as i32, signal) };
        assert_eq!(rc, 0, "kill failed");
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            assert!(Instant::now() < deadline, "serve did not stop");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A plain HTTP/1.1 GET with the path sent exactly as written.
fn http_get(addr: SocketAddr, path: &str) -> Answer {
    let mut s = TcpStream::connect_timeout(&addr, WAIT).expect("connect");
    s.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(s);
    let mut status_line = String::new();
    reader.read_line(&mut status_line).expect("status line");
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("bad status line «{status_line}»"));
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).expect("header");
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((n, v)) = line.split_once(':') {
            headers.push((n.trim().to_string(), v.trim().to_string()));
        }
    }
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).expect("body");
    Answer {
        status,
        headers,
        body,
    }
}

/// The live-reload event stream of a page.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    fn connect(addr: SocketAddr) -> Events {
        Events::connect_with(addr, "")
    }

    /// Connects sending `extra` header lines (each ending in `\r\n`).
    fn connect_with(addr: SocketAddr, extra: &str) -> Events {
        let mut s = TcpStream::connect_timeout(&addr, WAIT).expect("connect");
        s.set_read_timeout(Some(WAIT)).unwrap();
        write!(
            s,
            "GET /__nastavnik/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n{extra}\r\n"
        )
        .unwrap();
        let mut events = Events {
            reader: BufReader::new(s),
        };
        let mut head = String::new();
        loop {
            let mut line = String::new();
            events
                .reader
                .read_line(&mut line)
                .expect("event stream head");
            head.push_str(&line);
            if line.starts_with("retry:") {
                break;
            }
        }
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert!(head.contains("text/event-stream"), "{head}");
        events
    }

    /// The data of the next event named `name` (others are skipped).
    fn next(&mut self, name: &str) -> String {
        let deadline = Instant::now() + WAIT;
        let mut event = String::new();
        loop {
            assert!(Instant::now() < deadline, "no «{name}» event");
            let mut line = String::new();
            match self.reader.read_line(&mut line) {
                Ok(0) => panic!("event stream closed before «{name}»"),
                Ok(_) => {}
                Err(e) => panic!("no «{name}» event: {e}"),
            }
            let line = line.trim_end();
            if let Some(n) = line.strip_prefix("event: ") {
                event = n.to_string();
            } else if let Some(data) = line.strip_prefix("data: ") {
                if event == name {
                    return data.to_string();
                }
            }
        }
    }
}

/// Rewrites a file of the site as an editor would (in place).
fn edit(site: &Site, rel: &str, from: &str, to: &str) {
    let path = site.root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no «{from}»");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn serves_the_site_and_reloads_pages_after_an_edit() {
    let s = Server::school(&[]);
    let home = s.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        home.text().contains("/__nastavnik/events"),
        "the reload script is added"
    );
    // …when serving only: the file on disk is exactly what `build` writes.
    let on_disk = std::fs::read_to_string(s.served.join("index.html")).unwrap();
    assert!(!on_disk.contains("__nastavnik"));
    assert_eq!(
        home.text().replace(nastavnik::serve::reload::SCRIPT, ""),
        on_disk
    );

    let page = "/praktiki/agroklass/";
    assert!(!s.get(page).text().contains("летнюю практику"));
    let mut events = s.events();
    edit(
        &s.site,
        "content/practices/agroklass.md",
        "проходят практику",
        "проходят летнюю практику",
    );
    events.next("reload");
    assert!(s.get(page).text().contains("летнюю практику"));
    s.line_with("Изменён файл content/practices/agroklass.md, пересобрано");

    // A new practice appears in the catalogue; a removed one goes away.
    s.site.write(
        "content/practices/novaya.md",
        "---\ntitle: Совсем новая практика\nform: ученик – ученик\nyear: 2022\n---\n\nТекст.\n",
    );
    events.next("reload");
    assert_eq!(s.get("/praktiki/novaya/").status, 200);
    assert!(s.get("/praktiki/").text().contains("Совсем новая практика"));
    std::fs::remove_file(s.site.root.join("content/practices/novaya.md")).unwrap();
    events.next("reload");
    assert_eq!(s.get("/praktiki/novaya/").status, 404);

    // A page that listened to an earlier run of serve reloads when it reconnects.
    let mut stale = Events::connect_with(s.addr, "Last-Event-ID: 1-1\r\n");
    stale.next("reload");
}

#[test]
fn a_broken_file_shows_its_error_and_the_last_good_site_stays() {
    let s = Server::school(&[]);
    let page = "/praktiki/agroklass/";
    let before = s.get(page).text();
    let mut events = s.events();
    edit(
        &s.site,
        "content/practices/agroklass.md",
        "year: 2024",
        "year: двадцать",
    );
    let problems = events.next("problems");
    assert!(
        problems.contains("content/practices/agroklass.md:5"),
        "file and line in the event: {problems}"
    );
    assert!(problems.contains("ошибка"), "{problems}");
    let still = s.get(page);
    assert_eq!(still.status, 200);
    assert_eq!(still.text(), before, "the last good page is still served");
    // A page opened now learns about the error at once.
    let mut late = s.events();
    assert!(late.next("problems").contains("agroklass.md:5"));

    edit(
        &s.site,
        "content/practices/agroklass.md",
        "year: двадцать",
        "year: 2023",
    );
    events.next("reload");
    late.next("reload");
    assert!(s.get(page).text().contains("2023"));
    s.line_with("Ошибки исправлены");
}

#[test]
fn paths_outside_the_served_folder_are_refused() {
    let s = Server::school(&[]);
    let secret = std::fs::read_to_string(s.site.root.join("site.yaml")).unwrap();
    for path in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E/%2E%2E/site.yaml",
        "/..%2fsite.yaml",
        "/..%2F..%2Fsite.yaml",
        "/praktiki/../../site.yaml",
        "//etc/passwd",
        "/..\\site.yaml",
        "/%5c..%5csite.yaml",
        "/index.html%00.pdf",
        "/%ff%fe",
        "/../../../../../../etc/passwd",
    ] {
        let a = s.get(path);
        assert!(
            [400, 403, 404].contains(&a.status),
            "{path}: status {}",
            a.status
        );
        let text = a.text();
        assert!(!text.contains("organization:"), "{path} leaked site.yaml");
        assert!(!text.contains(secret.lines().nth(1).unwrap()), "{path}");
        assert!(!text.contains("root:x:0:0"), "{path} leaked /etc/passwd");
    }
}

#[test]
fn files_have_their_content_types_and_unknown_pages_get_the_404_page() {
    let site = Site::fixture("school");
    for (rel, bytes) in [
        (
            "static/img/logo.svg",
            &b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"[..],
        ),
        ("static/img/photo.jpg", b"\xff\xd8\xff\xe0"),
        ("static/img/photo.webp", b"RIFF0000WEBP"),
        ("static/fonts/font.woff2", b"wOF2"),
        ("static/files/table.csv", "а;б\n1;2\n".as_bytes()),
    ] {
        let path = site.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let s = Server::start(site, &[]);
    for (path, kind) in [
        ("/", "text/html; charset=utf-8"),
        ("/praktiki/", "text/html; charset=utf-8"),
        ("/praktiki/index.html", "text/html; charset=utf-8"),
        ("/files/polozhenie.pdf", "application/pdf"),
        (
            "/files/%D0%9F%D0%BB%D0%B0%D0%BD%20%D1%80%D0%B0%D0%B1%D0%BE%D1%82%D1%8B.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("/img/mentors/polyakova.png", "image/png"),
        ("/img/logo.svg", "image/svg+xml"),
        ("/img/photo.jpg", "image/jpeg"),
        ("/img/photo.webp", "image/webp"),
        ("/fonts/font.woff2", "font/woff2"),
        ("/files/table.csv", "text/csv; charset=utf-8"),
        ("/export/bundle.json", "application/json"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/rss.xml", "application/xml; charset=utf-8"),
        ("/assets/style.css", "text/css; charset=utf-8"),
        ("/assets/a11y.js", "text/javascript; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
    ] {
        let a = s.get(path);
        assert_eq!(a.status, 200, "{path}");
        assert_eq!(a.header("content-type"), Some(kind), "{path}");
    }
    let pdf = s.get("/files/polozhenie.pdf");
    assert_eq!(
        pdf.body,
        std::fs::read(s.site.root.join("static/files/polozhenie.pdf")).unwrap()
    );

    let missing = s.get("/net-takoj-stranicy/");
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let not_found = std::fs::read_to_string(s.served.join("404.html")).unwrap();
    assert!(missing
        .text()
        .starts_with(&not_found[..not_found.find("</body>").unwrap()]));
    assert!(missing.text().contains("__nastavnik/events"));
    assert_eq!(s.get("/export/").status, 404, "a folder without index.html");

    // A folder without its slash: redirected, so that relative links work.
    let folder = s.get("/praktiki?x=1");
    assert_eq!(folder.status, 301);
    assert_eq!(folder.header("location"), Some("/praktiki/?x=1"));
}

#[test]
fn two_hundred_concurrent_requests_are_all_answered() {
    let s = Server::school(&[]);
    let addr = s.addr;
    let paths = [
        "/",
        "/praktiki/",
        "/files/polozhenie.pdf",
        "/nope/",
        "/assets/style.css",
    ];
    let threads: Vec<_> = (0..200)
        .map(|i| {
            let path = paths[i % paths.len()];
            std::thread::spawn(move || (path, http_get(addr, path).status))
        })
        .collect();
    for t in threads {
        let (path, status) = t.join().expect("a request thread panicked");
        let want = if path == "/nope/" { 404 } else { 200 };
        assert_eq!(status, want, "{path}");
    }
    assert_eq!(s.get("/").status, 200, "still serving");
}

#[test]
fn ctrl_c_stops_the_server_and_removes_its_temporary_folder() {
    let mut s = Server::school(&[]);
    assert!(s.served.join("index.html").is_file());
    assert!(s.served.starts_with(&s.tmpdir), "{}", s.served.display());
    let code = s.signal(libc::SIGINT);
    assert_eq!(code, Some(0));
    assert!(!s.served.exists(), "the temporary folder is removed");
    assert_eq!(std::fs::read_dir(&s.tmpdir).unwrap().count(), 0);
    assert!(
        !s.site.root.join("public").exists(),
        "public/ is never touched"
    );

    let mut s = Server::school(&[]);
    assert_eq!(s.signal(libc::SIGTERM), Some(0));
    assert!(!s.served.exists());
}

#[test]
fn editors_temporary_files_are_ignored_and_rename_saves_are_seen() {
    let s = Server::school(&[]);
    let mut events = s.events();
    let dir = s.site.root.join("content/practices");
    // Swap and backup files: nothing to rebuild.
    std::fs::write(dir.join(".agroklass.md.swp"), b"\x00binary").unwrap();
    std::fs::write(dir.join("agroklass.md~"), "---\nbroken: [\n").unwrap();
    std::fs::write(dir.join("#agroklass.md#"), "---\nbroken: [\n").unwrap();
    // vim: write a new file, move the old one aside, move the new one in.
    let text = std::fs::read_to_string(dir.join("agroklass.md")).unwrap();
    std::fs::write(dir.join("4913"), "").unwrap();
    std::fs::remove_file(dir.join("4913")).unwrap();
    std::fs::write(
        dir.join(".agroklass.md.new"),
        text.replace("Агрокласс", "Агрокласс плюс"),
    )
    .unwrap();
    std::fs::rename(dir.join("agroklass.md"), dir.join("agroklass.md~")).unwrap();
    std::fs::rename(dir.join(".agroklass.md.new"), dir.join("agroklass.md")).unwrap();
    events.next("reload");
    assert!(s
        .get("/praktiki/agroklass/")
        .text()
        .contains("Агрокласс плюс"));
    // The leftovers never broke the site: no error was reported.
    assert!(s.get("/praktiki/").text().contains("Агрокласс плюс"));
}

#[test]
fn polling_sees_changes_too() {
    let s = Server::school(&["--poll"]);
    let mut events = s.events();
    edit(
        &s.site,
        "content/news/den-nastavnika.md",
        "Прошёл единый день наставника.",
        "Новая аннотация.",
    );
    events.next("reload");
    assert!(s.get("/novosti/").text().contains("Новая аннотация"));
}

#[test]
fn a_taken_port_moves_to_the_next_free_one() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let site = Site::fixture("school");
    let seen = stdout_until_ready(&site, &["--port", &port.to_string()], &[]);
    assert!(seen.contains(&format!("Порт {port} занят")), "{seen}");
    let url = seen.lines().find(|l| l.contains("Сайт доступен")).unwrap();
    let used: u16 = url
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap();
    assert!(used > port && used < port + 50, "{url}");
}

/// A practice the random test writes, one field per line.
#[derive(Clone)]
struct GenPractice {
    title: String,
    summary: String,
    form: &'static str,
    year: u32,
    tags: Vec<&'static str>,
    body: String,
    draft: bool,
    broken: bool,
    slug: Option<String>,
    authors: Vec<&'static str>,
}

impl GenPractice {
    fn text(&self) -> String {
        let mut t = format!(
            "---\ntitle: {}\nsummary: {}\nform: {}\nyear: {}\n",
            self.title,
            self.summary,
            self.form,
            if self.broken {
                "двадцатый".to_string()
            } else {
                self.year.to_string()
            }
        );
        if !self.tags.is_empty() {
            t.push_str(&format!("tags: [{}]\n", self.tags.join(", ")));
        }
        if let Some(slug) = &self.slug {
            t.push_str(&format!("slug: {slug}\n"));
        }
        if !self.authors.is_empty() {
            t.push_str(&format!("authors: [{}]\n", self.authors.join(", ")));
        }
        if self.draft {
            t.push_str("draft: true\n");
        }
        t.push_str("---\n\n");
        t.push_str(&self.body);
        t
    }
}

/// A small deterministic random source.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.next(items.len())]
    }
}

#[test]
fn random_edit_sequences_equal_a_full_build() {
    const TITLES: [&str; 10] = [
        "Ёжик",
        "ель",
        "Ель",
        "Арбуз",
        "яблоко",
        "Жук",
        "Единство",
        "Ёлочка",
        "Шаг",
        "1 шаг",
    ];
    const FORMS: [&str; 5] = [
        "ученик – ученик",
        "учитель – учитель",
        "учитель – ученик",
        "студент – ученик",
        "работодатель – ученик",
    ];
    const TAGS: [&str; 6] = [
        "адаптация",
        "экология",
        "профориентация",
        "ИТ",
        "спорт",
        "чтение",
    ];
    for seed in [7, 2024, 31337] {
        let mut rng = Lcg(seed);
        let mut l = Live::fixture("school");
        let out = l.site.tmp.path().join("full");
        let opts = nastavnik::Options {
            root: l.site.root.clone(),
            output: Some(out.clone()),
            today: today(),
            strict: false,
        };
        let mut last_good = all_files(l.served.path());
        let mut gens: Vec<(String, GenPractice)> = Vec::new();
        let mut counter = 0;
        let (mut fast, mut failed) = (0, 0);
        for step in 0..40 {
            let mut touched: Vec<String> = Vec::new();
            let op = if gens.is_empty() { 0 } else { rng.next(15) };
            let random_gen = |rng: &mut Lcg, counter: usize| GenPractice {
                title: format!("{} {counter}", rng.pick(&TITLES)),
                summary: format!("Аннотация {}", rng.next(100)),
                form: rng.pick(&FORMS),
                year: 2020 + rng.next(5) as u32,
                tags: (0..rng.next(3)).map(|_| rng.pick(&TAGS)).collect(),
                body: format!("Текст {}.\n", rng.next(1000)),
                draft: false,
                broken: false,
                slug: None,
                authors: Vec::new(),
            };
            match op {
                0 | 1 => {
                    counter += 1;
                    let g = random_gen(&mut rng, counter);
                    gens.push((format!("content/practices/gen-{counter}.md"), g));
                    touched.push(gens.last().unwrap().0.clone());
                }
                2 => {
                    let i = rng.next(gens.len());
                    let (rel, _) = gens.remove(i);
                    touched.push(rel);
                }
                3 => {
                    // Renamed: same text under another file name, in one burst.
                    let i = rng.next(gens.len());
                    counter += 1;
                    touched.push(gens[i].0.clone());
                    gens[i].0 = format!("content/practices/gen-{counter}.md");
                    touched.push(gens[i].0.clone());
                }
                4 => {
                    // A body with a link to another practice (which may go away later).
                    let i = rng.next(gens.len());
                    let target = rng.next(gens.len());
                    let slug = gens[target]
                        .0
                        .trim_start_matches("content/practices/")
                        .trim_end_matches(".md")
                        .to_string();
                    gens[i].1.body = format!("См. [другую](@/practices/{slug}).\n");
                    touched.push(gens[i].0.clone());
                }
                _ => {
                    let i = rng.next(gens.len());
                    let g = &mut gens[i].1;
                    // Broken by one edit, mended by the next.
                    g.broken = false;
                    match op {
                        5 => g.title = format!("{} {}", rng.pick(&TITLES), rng.next(50)),
                        6 => g.tags = (0..rng.next(3)).map(|_| rng.pick(&TAGS)).collect(),
                        7 => g.year = 2020 + rng.next(5) as u32,
                        8 => g.form = rng.pick(&FORMS),
                        9 => g.draft = !g.draft,
                        10 => g.broken = true,
                        11 => g.summary = format!("Другая аннотация {}", rng.next(100)),
                        12 => {
                            g.slug = match g.slug {
                                Some(_) => None,
                                None => Some(format!("adres-{}", rng.next(1000))),
                            }
                        }
                        // Authors, one of them a mentor without consent to the name.
                        13 => {
                            g.authors = match rng.next(3) {
                                0 => Vec::new(),
                                1 => vec!["Полякова В. А."],
                                _ => vec!["Засекречена Е. Т.", "Полякова В. А."],
                            }
                        }
                        _ => g.body = format!("Новый текст {}.\n", rng.next(1000)),
                    }
                    touched.push(gens[i].0.clone());
                }
            }
            // Write the state of every touched file, then rebuild once.
            let mut paths = Vec::new();
            for rel in &touched {
                let path = l.path(rel);
                match gens.iter().find(|(r, _)| r == rel) {
                    Some((_, g)) => l.site.write(rel, &g.text()),
                    None => {
                        let _ = std::fs::remove_file(&path);
                    }
                }
                paths.push(path);
            }
            let r = l.live.rebuild(&paths);
            fast += usize::from(r.load == LoadKind::Practices);
            failed += usize::from(r.has_errors());
            let full = nastavnik::build(&opts);
            assert_eq!(
                r.has_errors(),
                full.has_errors(),
                "seed {seed} step {step} (op {op}): serve and build disagree on errors\nserve: {:#?}\nbuild: {:#?}",
                r.diagnostics,
                full.diagnostics
            );
            let served = all_files(l.served.path());
            if r.published {
                let want = all_files(&out);
                if served != want {
                    let differ: Vec<&String> = want
                        .keys()
                        .chain(served.keys())
                        .filter(|k| want.get(*k) != served.get(*k))
                        .collect();
                    panic!(
                        "seed {seed} step {step} (op {op}): differs from a full build: {differ:?}"
                    );
                }
                last_good = served;
            } else {
                assert!(
                    served == last_good,
                    "seed {seed} step {step}: a failed rebuild changed the served folder"
                );
            }
        }
        eprintln!("seed {seed}: {fast} of 40 rebuilds read practices only, {failed} had errors");
        assert!(
            fast >= 10 && failed >= 1,
            "seed {seed}: {fast} fast, {failed} failed"
        );
    }
}

#[test]
fn another_interface_is_opt_in_and_warned_about() {
    let site = Site::fixture("school");
    let mut answer = None;
    let args = ["--port", "0", "--interface", "0.0.0.0"];
    let seen = serve_until_ready(&site, &args, &[], |seen| {
        let port: u16 = seen
            .lines()
            .find(|l| l.contains("Сайт доступен"))
            .and_then(|url| url.split("0.0.0.0:").nth(1))
            .and_then(|r| r.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("{seen}"));
        answer = Some(http_get(SocketAddr::from(([127, 0, 0, 1], port)), "/"));
    });
    assert!(
        seen.contains("Внимание: сайт открыт для других компьютеров сети"),
        "{seen}"
    );
    assert_eq!(answer.map(|a| a.status), Some(200));
}

/// Starts `nastavnik serve` on the site with `args` (and `env`) and returns
/// its stdout up to the line with the address; the server is stopped then.
fn stdout_until_ready(site: &Site, args: &[&str], env: &[(&str, String)]) -> String {
    serve_until_ready(site, args, env, |_| {})
}

/// The same, running `keep` with that output while the server still runs.
fn serve_until_ready(
    site: &Site,
    args: &[&str],
    env: &[(&str, String)],
    keep: impl FnOnce(&str),
) -> String {
    let root = site.root.to_str().unwrap().to_string();
    let mut cmd = crate::common::command();
    cmd.args(["serve", "--root", &root, "--date", DATE])
        .args(args)
        .env("TMPDIR", site.tmp.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("start nastavnik serve");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut seen = String::new();
    while let Some(Ok(line)) = lines.next() {
        seen.push_str(&line);
        seen.push('\n');
        if line.contains("Сайт доступен") {
            break;
        }
    }
    keep(&seen);
    let _ = child.kill();
    let _ = child.wait();
    seen
}

#[test]
fn open_starts_the_desktop_browser_on_the_site() {
    use std::os::unix::fs::PermissionsExt;
    let site = Site::fixture("school");
    let bin = site.tmp.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let opened = site.tmp.path().join("opened.txt");
    let script = bin.join("xdg-open");
    std::fs::write(
        &script,
        format!("#!/bin/sh\necho \"$1\" > '{}'\n", opened.display()),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut address = String::new();
    let seen = serve_until_ready(
        &site,
        &["--port", "0", "--open"],
        &[("PATH", path), ("BROWSER", String::new())],
        |_| {
            let deadline = Instant::now() + WAIT;
            while address.is_empty() {
                address = std::fs::read_to_string(&opened)
                    .unwrap_or_default()
                    .trim()
                    .to_string();
                assert!(Instant::now() < deadline, "the browser was not started");
                std::thread::sleep(Duration::from_millis(50));
            }
        },
    );
    assert!(address.starts_with("http://127.0.0.1:"), "{address}");
    let url = seen.lines().find(|l| l.contains("Сайт доступен")).unwrap();
    assert!(url.contains(&address), "{url} / {address}");
}
