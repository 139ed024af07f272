//! Helpers shared by the integration tests: copy a fixture into a temporary
//! folder, run the real binary, read and search the output.
//!
//! One test binary (`tests/testsuite/main.rs`) compiles this module once for every area.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Non-breaking space, as the typography puts it between words.
pub const NBSP: char = '\u{a0}';

/// The path of the repository (the example site lives there).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/<name>` in the repository.
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests").join("fixtures").join(name)
}

/// A site copied into its own temporary folder: `root` holds the site,
/// `out` is where it is built (outside the root, beside it).
pub struct Site {
    pub tmp: tempfile::TempDir,
    pub root: PathBuf,
    pub out: PathBuf,
}

impl Site {
    /// Copies `tests/fixtures/<name>` into a fresh temporary folder.
    pub fn fixture(name: &str) -> Site {
        let site = Site::empty();
        copy_dir(&fixture(name), &site.root);
        site
    }

    /// An empty site folder (the test writes the files).
    pub fn empty() -> Site {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let root = tmp.path().join("site");
        let out = tmp.path().join("public");
        std::fs::create_dir_all(&root).unwrap();
        Site { tmp, root, out }
    }

    /// Writes a file of the site (creating folders).
    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// `nastavnik build --root ROOT --output OUT --date DATE`.
    pub fn build(&self, date: &str) -> Run {
        self.build_into(&self.out, date)
    }

    /// `nastavnik build` into another output folder.
    pub fn build_into(&self, out: &Path, date: &str) -> Run {
        run(&[
            "build",
            "--root",
            path_str(&self.root),
            "--output",
            path_str(out),
            "--date",
            date,
        ])
    }

    /// `nastavnik check --root ROOT --date DATE [extra…]`.
    pub fn check(&self, date: &str, extra: &[&str]) -> Run {
        let mut args = vec!["check", "--root", path_str(&self.root), "--date", date];
        args.extend_from_slice(extra);
        run(&args)
    }

    /// A file of the output as text.
    pub fn read(&self, rel: &str) -> String {
        read(&self.out, rel)
    }

    /// Whether the output has this file.
    pub fn has(&self, rel: &str) -> bool {
        self.out.join(rel).is_file()
    }
}

/// A finished run of the binary.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Panics with both streams unless the run exited with `code`.
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code,
            Some(code),
            "expected exit code {code}\n--- stdout:\n{}\n--- stderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    pub fn expect_ok(&self) -> &Run {
        self.expect_code(0)
    }
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code(),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// The binary under test, with no `SOURCE_DATE_EPOCH` leaking in from the environment.
pub fn command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nastavnik"));
    cmd.env_remove("SOURCE_DATE_EPOCH");
    cmd
}

/// Runs the binary with `args`.
pub fn run(args: &[&str]) -> Run {
    command().args(args).output().expect("run nastavnik").into()
}

pub fn path_str(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temporary path")
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A file under `dir` as text.
pub fn read(dir: &Path, rel: &str) -> String {
    let path = dir.join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every file under `dir` (relative `/`-separated path → bytes), sorted.
pub fn all_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    collect(dir, dir, &mut files);
    files
}

fn collect(base: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let entry = entry.unwrap();
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            collect(base, &path, files);
        } else {
            let rel = path
                .strip_prefix(base)
                .unwrap()
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            files.insert(rel, std::fs::read(&path).unwrap());
        }
    }
}

/// The HTML files of the output: relative path → text.
pub fn html_files(dir: &Path) -> BTreeMap<String, String> {
    all_files(dir)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).expect("HTML is UTF-8")))
        .collect()
}

/// Where `needle` occurs anywhere in the output: in a file's path or its
/// content (as written, with non-breaking spaces read as spaces, and with
/// HTML entities decoded). Returns the offending paths.
pub fn grep_output(dir: &Path, needle: &str) -> Vec<String> {
    let needle = needle.replace(NBSP, " ");
    let mut hits = Vec::new();
    for (path, bytes) in all_files(dir) {
        let text = String::from_utf8_lossy(&bytes);
        let flat = text.replace(NBSP, " ");
        let decoded = decode_entities(&flat);
        let path_decoded = percent_decode(&path);
        if path.contains(&needle)
            || path_decoded.contains(&needle)
            || flat.contains(&needle)
            || decoded.contains(&needle)
            || percent_decode(&flat).contains(&needle)
        {
            hits.push(path);
        }
    }
    hits
}

/// Like `str::contains`, but the match must not be followed by a letter
/// («5 практик» does not match inside «5 практики»).
pub fn contains_word(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, m)| {
        !hay[i + m.len()..]
            .chars()
            .next()
            .is_some_and(char::is_alphabetic)
    })
}

/// The `<main>` element of a page (the whole page when there is none).
pub fn main_of(html: &str) -> &str {
    match (html.find("<main"), html.rfind("</main>")) {
        (Some(a), Some(b)) if a < b => &html[a..b],
        _ => html,
    }
}

/// Values of every `href` and `src` attribute, entities decoded.
pub fn links(html: &str) -> Vec<String> {
    attr_values(html, &["href", "src"])
}

/// Values of the named attributes, entities decoded.
pub fn attr_values(html: &str, names: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = html.as_bytes();
    for name in names {
        for quote in ['"', '\''] {
            let pat = format!("{name}={quote}");
            for (i, _) in html.match_indices(&pat) {
                // Only whole attribute names: `href=` but not `data-href=`.
                if i > 0 && !(bytes[i - 1] as char).is_ascii_whitespace() {
                    continue;
                }
                let start = i + pat.len();
                if let Some(len) = html[start..].find(quote) {
                    out.push(decode_entities(&html[start..start + len]));
                }
            }
        }
    }
    out
}

/// Decodes the entities HTML escaping produces.
pub fn decode_entities(s: &str) -> String {
    s.replace("&#x2F;", "/")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// `%D0%9F` → `П`; invalid sequences stay as written.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("");
            if let Ok(v) = u8::from_str_radix(hex, 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether a link leaves the site (another host, mail, phone) or stays on the page.
pub fn is_external(link: &str) -> bool {
    let scheme = link.split_once(':').map(|(s, _)| s);
    let has_scheme = scheme.is_some_and(|s| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    has_scheme || link.starts_with("//")
}

/// Resolves a relative link written on page `page` (an output path such as
/// `praktiki/x/index.html`) to an output path, or `None` when it climbs
/// above the output root. Anchors and queries are dropped, `%XX` decoded.
pub fn resolve(page: &str, link: &str) -> Option<String> {
    let path = link.split(['#', '?']).next().unwrap_or("");
    let path = percent_decode(path);
    let mut parts: Vec<String> = page.split('/').map(str::to_string).collect();
    parts.pop(); // the page's own file name
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s.to_string()),
        }
    }
    let mut joined = parts.join("/");
    if path.ends_with('/') || path.is_empty() {
        // A folder link: only a server would add index.html.
        joined.push('/');
    }
    Some(joined)
}

/// The output paths of the practice pages a page links to, in order of
/// first appearance, within `<main>`.
pub fn practice_links(page: &str, html: &str) -> Vec<String> {
    // Facet and pagination folders, which no practice may take.
    const NOT_PRACTICES: [&str; 7] = nastavnik::routes::RESERVED_PRACTICE_SLUGS;
    let mut out: Vec<String> = Vec::new();
    for link in links(main_of(html)) {
        if is_external(&link) || link.starts_with('#') {
            continue;
        }
        let Some(target) = resolve(page, &link) else {
            continue;
        };
        let parts: Vec<&str> = target.split('/').collect();
        if parts.len() == 3
            && parts[0] == "praktiki"
            && parts[2] == "index.html"
            && !NOT_PRACTICES.contains(&parts[1])
        {
            let slug = parts[1].to_string();
            if !out.contains(&slug) {
                out.push(slug);
            }
        }
    }
    out
}

/// Checks that `stderr` reports an error at `path:line:` with a Russian
/// message containing every one of `needles`, followed by a «подсказка».
pub fn assert_error_at(stderr: &str, path: &str, line: usize, needles: &[&str]) {
    let prefix = format!("{path}:{line}:");
    let lines: Vec<&str> = stderr.lines().collect();
    let found = lines
        .iter()
        .enumerate()
        .find(|(_, l)| l.starts_with(&prefix) && l.contains("ошибка"));
    let Some((i, first)) = found else {
        panic!("no error reported at «{prefix}»; stderr:\n{stderr}");
    };
    let message = first.split("ошибка:").nth(1).unwrap_or("").trim();
    assert!(
        message.chars().next().is_some_and(is_cyrillic_or_quote),
        "the message is not in Russian: «{message}»\n{stderr}"
    );
    for n in needles {
        let block: String = lines[i..(i + 2).min(lines.len())].join("\n");
        assert!(
            block.contains(n),
            "the report at {prefix} should mention «{n}»:\n{block}"
        );
    }
    let hint = lines.get(i + 1).copied().unwrap_or("");
    assert!(
        hint.trim_start().starts_with("подсказка:")
            && hint.chars().any(|c| ('а'..='я').contains(&c)),
        "the report at {prefix} has no Russian hint line:\n{stderr}"
    );
}

fn is_cyrillic_or_quote(c: char) -> bool {
    ('А'..='я').contains(&c) || c == 'ё' || c == 'Ё' || c == '«'
}

/// Every problem with the links of the output at `dir`: root-absolute links
/// (allowed only on the 404 page, through `base_path`), relative links or
/// anchors that lead nowhere, resources from other hosts. Returns the
/// problems and the number of internal links checked.
pub fn link_problems(dir: &Path, base_path: &str) -> (Vec<String>, usize) {
    let files = all_files(dir);
    let mut problems = Vec::new();
    let mut checked = 0;
    let has_id = |file: &str, anchor: &str| -> bool {
        files.get(file).is_some_and(|b| {
            let text = String::from_utf8_lossy(b);
            text.contains(&format!("id=\"{anchor}\""))
                || text.contains(&format!("name=\"{anchor}\""))
        })
    };
    for (page, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for link in links(&html) {
            let (path_part, anchor) = match link.split_once('#') {
                Some((p, a)) => (p, Some(a)),
                None => (link.as_str(), None),
            };
            let target = if link.starts_with('/') {
                // Root-absolute links escape a sub-path; only the 404 page,
                // served at any depth, may use the base path.
                if page != "404.html" || !link.starts_with(base_path) || link.starts_with("//") {
                    problems.push(format!(
                        "{page}: root-absolute link «{link}» leaves {base_path}"
                    ));
                    continue;
                }
                let rel = path_part[base_path.len()..].split('?').next().unwrap_or("");
                percent_decode(rel)
            } else if is_external(&link) {
                continue;
            } else if path_part.is_empty() {
                page.clone()
            } else {
                match resolve(page, &link) {
                    Some(t) => t,
                    None => {
                        problems.push(format!("{page}: «{link}» climbs above the site"));
                        continue;
                    }
                }
            };
            checked += 1;
            if !files.contains_key(&target) {
                problems.push(format!("{page}: «{link}» → {target} does not exist"));
                continue;
            }
            if let Some(a) = anchor.filter(|a| !a.is_empty()) {
                if target.ends_with(".html") && !has_id(&target, a) {
                    problems.push(format!("{page}: «{link}»: {target} has no id «{a}»"));
                }
            }
        }
        // No page loads anything from another host.
        for src in attr_values(&html, &["src"]) {
            if is_external(&src) {
                problems.push(format!("{page}: external resource «{src}»"));
            }
        }
        for (i, _) in html.match_indices("<link ") {
            let tag = &html[i..i + html[i..].find('>').unwrap_or(0)];
            if tag.contains("stylesheet") && tag.contains("http") {
                problems.push(format!("{page}: external stylesheet {tag}"));
            }
        }
    }
    for (path, bytes) in &files {
        if path.ends_with(".css") {
            let css = String::from_utf8_lossy(bytes);
            if css.contains("url(/")
                || css.contains("url(\"/")
                || css.contains("url('/")
                || css.contains("url(http")
            {
                problems.push(format!("{path}: root-absolute or external url()"));
            }
        }
    }
    (problems, checked)
}
