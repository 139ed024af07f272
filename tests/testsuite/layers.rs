//! The one-way layers of `src/`, checked: every `crate::…` (and `super::…`
//! reaching the crate root) in a module of `src/` must name a module its row
//! of [`LAYERS`] allows. The table is the one place that says who may import
//! whom; docs/architecture.md draws it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Every top-level module of `src/` and the modules it may import. A leaf
/// imports nothing of ours but `text` and `diagnostics`; `load` and `render`
/// are siblings that never import each other; `output` may import `render`,
/// never the other way; `serve` sits on top. The crate root (`lib.rs`) is
/// the public API and may use everything; `main.rs` is a crate of its own.
const LAYERS: &[(&str, &[&str])] = &[
    // Leaves: they know nothing of the site.
    ("diagnostics", &[]),
    ("text", &["diagnostics"]),
    ("search", &["text"]),
    ("office", &["diagnostics", "text"]),
    ("bundle", &["diagnostics", "text"]),
    ("deploy", &[]),
    // The site's types and its pure domain logic (no I/O).
    ("config", &["text"]),
    ("model", &["config", "text", "diagnostics"]),
    ("routes", &["model", "config", "text"]),
    // Files → Site, and Site → pages in memory: siblings.
    (
        "load",
        &["routes", "model", "config", "text", "diagnostics"],
    ),
    (
        "render",
        &["routes", "model", "config", "text", "diagnostics"],
    ),
    (
        "import",
        &["office", "load", "model", "config", "text", "diagnostics"],
    ),
    // Pages → files.
    (
        "output",
        &[
            "render",
            "routes",
            "model",
            "config",
            "text",
            "diagnostics",
            "bundle",
        ],
    ),
    // Commands built on all of the above.
    (
        "scaffold",
        &["deploy", "render", "config", "text", "diagnostics"],
    ),
    (
        "serve",
        &[
            "output",
            "render",
            "load",
            "routes",
            "model",
            "config",
            "text",
            "diagnostics",
        ],
    ),
];

/// The crate root's items (`crate::build`, `crate::Options`) count as this
/// module: the top, which no module of `src/` may import.
const ROOT: &str = "lib";

/// One `crate::…` reference: where it is and what it names.
#[derive(Debug, PartialEq)]
struct Reference {
    line: usize,
    /// The top-level module named (or [`ROOT`] for the crate root's items).
    module: String,
    /// The path as written, for the message.
    written: String,
}

/// The problems of the sources `files` (path relative to the repository,
/// text), one message per back-import or unknown module.
fn violations(files: &[(PathBuf, String)]) -> Vec<String> {
    let mut problems = Vec::new();
    for (path, text) in files {
        let Some(module) = top_module(path) else {
            continue;
        };
        if module == ROOT {
            continue;
        }
        let Some(allowed) = allowed(&module) else {
            problems.push(format!(
                "{}: module `{module}` is not in the layer table: add a row for it to LAYERS in \
                 tests/testsuite/layers.rs (the modules it may import) and draw it in docs/architecture.md",
                path.display()
            ));
            continue;
        };
        for r in references(path, text) {
            let target = if allowed_module_name(&r.module) {
                r.module.as_str()
            } else {
                ROOT
            };
            if target == module || allowed.contains(&target) {
                continue;
            }
            problems.push(format!(
                "{}:{}: `{module}` imports `{target}` ({}), a layer above it or beside it; \
                 `{module}` may import only: {}. Move what it needs down (or the code up), \
                 see docs/architecture.md",
                path.display(),
                r.line,
                r.written,
                if allowed.is_empty() {
                    "nothing of ours".to_string()
                } else {
                    allowed.join(", ")
                },
            ));
        }
    }
    problems
}

fn allowed(module: &str) -> Option<&'static [&'static str]> {
    LAYERS
        .iter()
        .find(|(name, _)| *name == module)
        .map(|(_, allowed)| *allowed)
}

fn allowed_module_name(name: &str) -> bool {
    allowed(name).is_some()
}

/// `src/load/links.rs` → `load`, `src/lib.rs` → [`ROOT`]; `None` for
/// `src/main.rs` (a crate of its own) and files outside `src/`.
fn top_module(path: &Path) -> Option<String> {
    let rel = path.strip_prefix("src").ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    match first {
        "main.rs" => None,
        "lib.rs" => Some(ROOT.to_string()),
        name => Some(name.trim_end_matches(".rs").to_string()),
    }
}

/// How deep a file's module is below the crate root: `src/load/mod.rs` 1,
/// `src/load/links.rs` 2.
fn file_depth(path: &Path) -> usize {
    let rel = path.strip_prefix("src").unwrap_or(path);
    let parts: Vec<&str> = rel
        .components()
        .filter_map(|c| c.as_os_str().to_str())
        .collect();
    match parts.last() {
        Some(&"mod.rs") => parts.len() - 1,
        _ => parts.len(),
    }
}

/// Every reference to a top-level module in `text`: `crate::x…`,
/// `crate::{x, y::z}`, and `super::…` chains long enough to reach the crate
/// root. Comments, strings and character literals are skipped.
fn references(path: &Path, text: &str) -> Vec<Reference> {
    let code = code_only(text);
    let chars: Vec<char> = code.chars().collect();
    let depth = file_depth(path);
    // Inline modules (`mod tests { … }`) make `super` one step shorter.
    let mut inline_mods: Vec<usize> = Vec::new();
    let mut braces = 0usize;
    let mut refs = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\n' => line += 1,
            '{' => braces += 1,
            '}' => {
                braces = braces.saturating_sub(1);
                if inline_mods.last() == Some(&braces) {
                    inline_mods.pop();
                }
            }
            _ => {}
        }
        if !is_ident_start(c) || (i > 0 && (is_ident(chars[i - 1]) || chars[i - 1] == '$')) {
            i += 1;
            continue;
        }
        let (word, end) = ident_at(&chars, i);
        if word == "mod" {
            let (_, after_name) = ident_at(&chars, skip_space(&chars, end));
            if chars.get(skip_space(&chars, after_name)) == Some(&'{') {
                inline_mods.push(braces);
            }
        }
        let at_root = match word.as_str() {
            "crate" => Some(end),
            "super" => {
                let mut n = 1;
                let mut j = end;
                while let Some(next) = path_segment(&chars, j).filter(|(w, _)| w == "super") {
                    n += 1;
                    j = next.1;
                }
                (n >= depth + inline_mods.len()).then_some(j)
            }
            _ => None,
        };
        if let Some(after) = at_root {
            let start = i;
            for (module, stop) in names_after(&chars, after) {
                refs.push(Reference {
                    line,
                    written: chars[start..stop.max(start)].iter().collect(),
                    module,
                });
            }
        }
        i = end;
    }
    refs
}

/// The top-level names after a root path at `at`: `::x` or `::{x, y::z}`.
fn names_after(chars: &[char], at: usize) -> Vec<(String, usize)> {
    let j = skip_space(chars, at);
    if chars.get(j) != Some(&':') || chars.get(j + 1) != Some(&':') {
        return Vec::new();
    }
    let k = skip_space(chars, j + 2);
    if chars.get(k) == Some(&'{') {
        // A group: the first name of each top-level entry.
        let mut out = Vec::new();
        let mut nesting = 0usize;
        let mut expect_name = true;
        let mut m = k + 1;
        while m < chars.len() {
            let c = chars[m];
            match c {
                '{' => nesting += 1,
                '}' if nesting == 0 => return out,
                '}' => nesting -= 1,
                ',' if nesting == 0 => expect_name = true,
                c if expect_name && nesting == 0 && is_ident_start(c) => {
                    let (word, end) = ident_at(chars, m);
                    if word != "self" {
                        out.push((word, end));
                    }
                    expect_name = false;
                    m = end;
                    continue;
                }
                _ => {}
            }
            m += 1;
        }
        return out;
    }
    if chars.get(k).copied().is_some_and(is_ident_start) {
        let (word, end) = ident_at(chars, k);
        return vec![(word, end)];
    }
    Vec::new()
}

/// `::word` at `at`: the word and where it ends.
fn path_segment(chars: &[char], at: usize) -> Option<(String, usize)> {
    let j = skip_space(chars, at);
    if chars.get(j) != Some(&':') || chars.get(j + 1) != Some(&':') {
        return None;
    }
    let k = skip_space(chars, j + 2);
    chars
        .get(k)
        .copied()
        .filter(|c| is_ident_start(*c))
        .map(|_| ident_at(chars, k))
}

fn skip_space(chars: &[char], mut at: usize) -> usize {
    while chars.get(at).is_some_and(|c| c.is_whitespace()) {
        at += 1;
    }
    at
}

fn ident_at(chars: &[char], at: usize) -> (String, usize) {
    let mut end = at;
    while chars.get(end).copied().is_some_and(is_ident) {
        end += 1;
    }
    (chars[at..end].iter().collect(), end)
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `text` with comments, string and character literals blanked out (line
/// breaks kept, so line numbers stay).
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |out: &mut String, s: &[char]| {
        for &c in s {
            out.push(if c == '\n' { '\n' } else { ' ' });
        }
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let end = match (c, next) {
            ('/', Some('/')) => chars[i..]
                .iter()
                .position(|&c| c == '\n')
                .map_or(chars.len(), |p| i + p),
            ('/', Some('*')) => {
                let mut depth = 0usize;
                let mut j = i;
                loop {
                    match (chars.get(j), chars.get(j + 1)) {
                        (Some('/'), Some('*')) => {
                            depth += 1;
                            j += 2;
                        }
                        (Some('*'), Some('/')) => {
                            depth -= 1;
                            j += 2;
                            if depth == 0 {
                                break j;
                            }
                        }
                        (Some(_), _) => j += 1,
                        (None, _) => break chars.len(),
                    }
                }
            }
            ('r', Some('#' | '"')) if i == 0 || !is_ident(chars[i - 1]) => {
                let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
                if chars.get(i + 1 + hashes) != Some(&'"') {
                    out.push(c);
                    i += 1;
                    continue;
                }
                let close: Vec<char> = std::iter::once('"')
                    .chain(std::iter::repeat_n('#', hashes))
                    .collect();
                let body = i + 2 + hashes;
                (body..chars.len())
                    .find(|&j| chars[j..].starts_with(&close))
                    .map_or(chars.len(), |j| j + close.len())
            }
            ('"', _) => {
                let mut j = i + 1;
                while j < chars.len() && chars[j] != '"' {
                    j += if chars[j] == '\\' { 2 } else { 1 };
                }
                (j + 1).min(chars.len())
            }
            ('\'', Some('\\')) => chars[i + 2..]
                .iter()
                .position(|&c| c == '\'')
                .map_or(chars.len(), |p| i + 3 + p),
            ('\'', Some(_)) if chars.get(i + 2) == Some(&'\'') => i + 3,
            _ => {
                out.push(c);
                i += 1;
                continue;
            }
        };
        blank(&mut out, &chars[i..end]);
        i = end;
    }
    out
}

/// Every `.rs` file under `src/`, relative to the repository.
fn sources() -> Vec<(PathBuf, String)> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut dirs = vec![repo.join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src/") {
            let path = entry.expect("read src/").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("read a source file");
                let rel = path
                    .strip_prefix(repo)
                    .expect("under the repo")
                    .to_path_buf();
                files.push((rel, text));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn no_module_imports_from_a_layer_above_it() {
    let files = sources();
    assert!(files.len() > 20, "src/ was not read: {} files", files.len());
    let problems = violations(&files);
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn the_table_is_one_way() {
    // Following the table's arrows from any module never comes back to it.
    fn reaches(from: &str, target: &str, seen: &mut BTreeSet<String>) -> bool {
        let Some(next) = allowed(from) else {
            return false;
        };
        next.iter()
            .any(|n| *n == target || (seen.insert(n.to_string()) && reaches(n, target, seen)))
    }
    for (module, may) in LAYERS {
        assert!(
            !reaches(module, module, &mut BTreeSet::new()),
            "`{module}` can reach itself through the table"
        );
        for m in *may {
            assert!(
                allowed(m).is_some(),
                "`{module}` may import `{m}`, which has no row"
            );
        }
    }
    assert!(!reaches("load", "render", &mut BTreeSet::new()));
    assert!(!reaches("render", "load", &mut BTreeSet::new()));
    assert!(!reaches("render", "output", &mut BTreeSet::new()));
}

#[test]
fn a_back_import_is_rejected() {
    let file = |path: &str, text: &str| (PathBuf::from(path), text.to_string());
    let problems = violations(&[
        file(
            "src/model/mod.rs",
            "use crate::text::source::Source;\nuse crate::load::source::read;\n",
        ),
        file(
            "src/render/views.rs",
            "use crate::{model::Site, output::{OutputFile, Sink}};\n",
        ),
        file(
            "src/load/deep/x.rs",
            "mod tests {\n    use super::super::super::super::render::format;\n}\n",
        ),
        file("src/text/format.rs", "fn f() { crate::build(); }\n"),
    ]);
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert!(problems[0].starts_with("src/model/mod.rs:2: `model` imports `load`"));
    assert!(problems[0].contains("crate::load"), "{}", problems[0]);
    assert!(problems[1].starts_with("src/render/views.rs:1: `render` imports `output`"));
    assert!(problems[2].starts_with("src/load/deep/x.rs:2: `load` imports `render`"));
    assert!(problems[3].starts_with("src/text/format.rs:1: `text` imports `lib`"));
}

#[test]
fn comments_strings_and_near_paths_are_not_imports() {
    let text = r##"
//! See [`crate::serve`] for the dev server.
/* crate::output */
fn f() -> &'static str {
    let _q = '"';
    let _r = r#"crate::serve "#;
    let _s = "crate::output::OutputFile";
    $crate::output::x();
    super::views::Link::default();
    "crate::serve"
}
mod tests {
    use super::*;
    use super::super::markdown;
}
"##;
    assert_eq!(
        violations(&[(PathBuf::from("src/render/kpi.rs"), text.to_string())]),
        Vec::<String>::new()
    );
}

#[test]
fn a_module_missing_from_the_table_is_named() {
    let problems = violations(&[(PathBuf::from("src/district/mod.rs"), String::new())]);
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].contains("`district` is not in the layer table: add a row"),
        "{}",
        problems[0]
    );
}
