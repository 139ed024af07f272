//! `nastavnik serve`: incremental rebuilds equal to a full build, and the real
//! server over HTTP (pages, reload events, errors, path safety, Ctrl-C).

mod common;

use std::path::{Path, PathBuf};

use common::{all_files, Site};
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
    assert!(r.rendered < total, "{} of {total} pages rendered", r.rendered);
    l.assert_equals_full_build("body edit");

    // A new title reorders every list the practice is in.
    let r = l.edit("content/practices/agroklass.md", "title: Агрокласс", "title: Юные аграрии");
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

    // A contest's winner changes another practice's award.
    let r = l.edit(
        "content/contests/konkurs-2023.md",
        "practice: yolka-zhelanij",
        "practice: agroklass",
    );
    published(&r, "winner");
    assert_eq!(r.load, LoadKind::Full);
    l.assert_equals_full_build("winner");

    // The site's settings change every page.
    let r = l.edit("site.yaml", "title: Наставничество", "title: Наставничество в школе");
    published(&r, "site.yaml");
    assert_eq!(r.rendered, r.pages);
    l.assert_equals_full_build("site.yaml");
}

#[test]
fn a_broken_practice_keeps_the_last_good_site_until_fixed() {
    let mut l = Live::fixture("school");
    let page = l.served.path().join("praktiki/agroklass/index.html");
    let before = std::fs::read(&page).unwrap();
    let r = l.edit("content/practices/agroklass.md", "year: 2024", "year: двадцать");
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

    let r = l.edit("content/practices/agroklass.md", "year: двадцать", "year: 2023");
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
