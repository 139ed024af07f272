//! The search index of a section, as plain script files that work from disk.
//!
//! A leaf module: it knows entries (title, kind, URL, forms, year, text), not
//! the site. The index is written as JavaScript files that push their data
//! into a global queue (`window.nastavnikSearch`), so a page loads them with
//! `<script>` elements — from a host or from `file://`, where `fetch`,
//! WebAssembly and workers are blocked.
//!
//! Files, relative to the index folder:
//!
//! - `main.js` — what every query needs: the kinds and forms, one number per
//!   entry (its kind and forms, for the filters and counts), the stop words,
//!   and the first stem of every word chunk;
//! - `w<N>.js` — word chunks: the stems, in code-point order, cut into
//!   ranges of about [`WORD_CHUNK_BYTES`]; each stem maps to its entries
//!   (delta-coded, ×2, +1 where the stem is in the title). A query loads the
//!   chunks of its own stems only;
//! - `e<N>.js` — entry chunks of [`ENTRIES_PER_CHUNK`] entries: title, URL,
//!   kind, year, a short text for the snippet. A result page loads the chunks
//!   of the results it shows.

pub mod catalogue;
pub mod text;

use std::collections::HashMap;
use std::fmt::Write as _;

use rayon::prelude::*;
use serde::Serialize;

/// One thing to find.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    pub title: String,
    /// What it is, as the results show it: «Практика», «Документ»…
    pub kind: String,
    /// Relative to the section's root, as pages link it (`praktiki/x/index.html`).
    pub url: String,
    /// Forms of mentoring, as the filter shows them.
    pub forms: Vec<String>,
    pub year: Option<i32>,
    /// Plain text: the summary first, then the body.
    pub text: String,
}

/// Word chunks are cut when they pass this size (a stem with more postings
/// gets a chunk of its own).
pub const WORD_CHUNK_BYTES: usize = 24_000;

/// Entries per entry chunk: a page of ten results loads at most ten of them.
pub const ENTRIES_PER_CHUNK: usize = 16;

/// Characters of an entry's text kept for its snippet.
pub const SNIPPET_CHARS: usize = 240;

/// The global the files push into.
pub const GLOBAL: &str = "nastavnikSearch";

/// The version of the file format, checked by the script.
pub const FORMAT: u32 = 1;

/// A written index: file names relative to the index folder and their bytes.
#[derive(Debug, Default)]
pub struct Index {
    pub files: Vec<(String, Vec<u8>)>,
}

impl Index {
    /// Total bytes of every file.
    pub fn bytes(&self) -> usize {
        self.files.iter().map(|(_, b)| b.len()).sum()
    }
}

/// The data of `main.js`.
#[derive(Serialize)]
struct Main<'a> {
    format: u32,
    kinds: Vec<&'a str>,
    forms: Vec<&'a str>,
    /// Per entry: kind + kinds.len() × (bit mask of its forms).
    meta: Vec<u64>,
    /// The first stem of each word chunk after the first.
    bounds: Vec<&'a str>,
    entries_per_chunk: usize,
    stop: &'static [&'static str],
}

/// Builds the index of `entries` (in the order results tie in).
pub fn build(entries: &[Entry]) -> Index {
    // Every entry's stems, in parallel: (stem, in title), sorted, unique.
    let per_entry: Vec<Vec<(String, bool)>> = entries.par_iter().map(entry_stems).collect();

    // Postings per stem, entries in order.
    let mut postings: HashMap<&str, Vec<u32>> = HashMap::new();
    for (i, stems) in per_entry.iter().enumerate() {
        for (stem, in_title) in stems {
            postings
                .entry(stem.as_str())
                .or_default()
                .push(((i as u32) << 1) | u32::from(*in_title));
        }
    }
    let mut stems: Vec<(&str, Vec<u32>)> = postings.into_iter().collect();
    stems.par_sort_unstable_by(|a, b| a.0.cmp(b.0));

    // Each stem's JSON, then ranges of them into chunks.
    let encoded: Vec<String> = stems.par_iter().map(|(s, p)| encode_stem(s, p)).collect();
    let mut chunks: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    let mut size = 0;
    for (i, e) in encoded.iter().enumerate() {
        if size > 0 && size + e.len() > WORD_CHUNK_BYTES {
            chunks.push(start..i);
            start = i;
            size = 0;
        }
        size += e.len() + 1;
    }
    if start < encoded.len() || chunks.is_empty() {
        chunks.push(start..encoded.len());
    }
    let bounds: Vec<&str> = chunks
        .iter()
        .skip(1)
        .map(|r| boundary(stems[r.start - 1].0, stems[r.start].0))
        .collect();

    // Kinds and forms in order of first appearance.
    let mut kinds: Vec<&str> = Vec::new();
    let mut forms: Vec<&str> = Vec::new();
    let mut entry_kinds = Vec::with_capacity(entries.len());
    let mut entry_forms = Vec::with_capacity(entries.len());
    for e in entries {
        entry_kinds.push(index_of(&mut kinds, &e.kind));
        let mut mask = 0u64;
        for f in &e.forms {
            let i = index_of(&mut forms, f);
            if i < 40 {
                mask |= 1 << i;
            }
        }
        entry_forms.push(mask);
    }
    let nk = kinds.len().max(1) as u64;
    let meta = entry_kinds
        .iter()
        .zip(&entry_forms)
        .map(|(k, m)| *k as u64 + nk * m)
        .collect();

    let main = Main {
        format: FORMAT,
        kinds,
        forms,
        meta,
        bounds,
        entries_per_chunk: ENTRIES_PER_CHUNK,
        stop: text::STOP_WORDS,
    };

    let mut files = Vec::with_capacity(1 + chunks.len() + entries.len() / ENTRIES_PER_CHUNK + 1);
    files.push((
        "main.js".to_string(),
        script(
            "main",
            None,
            &serde_json::to_string(&main).unwrap_or_default(),
        ),
    ));
    let words: Vec<(String, Vec<u8>)> = chunks
        .par_iter()
        .enumerate()
        .map(|(n, r)| {
            let mut body = String::with_capacity(WORD_CHUNK_BYTES + 64);
            body.push('{');
            for (j, e) in encoded[r.clone()].iter().enumerate() {
                if j > 0 {
                    body.push(',');
                }
                body.push_str(e);
            }
            body.push('}');
            (format!("w{n}.js"), script("w", Some(n), &body))
        })
        .collect();
    files.extend(words);
    let kinds_of = &entry_kinds;
    let entry_files: Vec<(String, Vec<u8>)> = entries
        .par_chunks(ENTRIES_PER_CHUNK)
        .enumerate()
        .map(|(n, part)| {
            let rows: Vec<EntryRow> = part
                .iter()
                .enumerate()
                .map(|(j, e)| {
                    EntryRow(
                        &e.title,
                        &e.url,
                        kinds_of[n * ENTRIES_PER_CHUNK + j],
                        e.year,
                        snippet(&e.text),
                    )
                })
                .collect();
            let body = serde_json::to_string(&rows).unwrap_or_default();
            (format!("e{n}.js"), script("e", Some(n), &body))
        })
        .collect();
    files.extend(entry_files);
    Index { files }
}

/// The position of `s` in `list`, appended if new.
fn index_of<'a>(list: &mut Vec<&'a str>, s: &'a str) -> usize {
    match list.iter().position(|k| *k == s) {
        Some(i) => i,
        None => {
            list.push(s);
            list.len() - 1
        }
    }
}

/// An entry in an entry chunk: title, URL, kind index, year, snippet text.
#[derive(Serialize)]
struct EntryRow<'a>(&'a str, &'a str, usize, Option<i32>, &'a str);

/// A file pushing `[tag, n, data]` (or `[tag, data]`) into the global queue.
fn script(tag: &str, n: Option<usize>, json: &str) -> Vec<u8> {
    let mut s = String::with_capacity(json.len() + 64);
    let _ = write!(s, "(window.{GLOBAL}=window.{GLOBAL}||[]).push([\"{tag}\",");
    if let Some(n) = n {
        let _ = write!(s, "{n},");
    }
    s.push_str(json);
    s.push_str("]);\n");
    s.into_bytes()
}

/// `"stem":[postings]` with postings delta-coded: the first is the entry
/// number, each next the distance from the previous; ×2, +1 for a title.
fn encode_stem(stem: &str, postings: &[u32]) -> String {
    let mut s = String::with_capacity(stem.len() + 4 + postings.len() * 3);
    s.push_str(&serde_json::to_string(stem).unwrap_or_default());
    s.push_str(":[");
    let mut prev = 0u32;
    for (i, p) in postings.iter().enumerate() {
        let (entry, title) = (p >> 1, p & 1);
        if i > 0 {
            s.push(',');
        }
        let _ = write!(s, "{}", ((entry - prev) << 1) | title);
        prev = entry;
    }
    s.push(']');
    s
}

/// The shortest prefix of `first` that sorts after `prev_last`: a chunk's
/// boundary (a stem belongs to the last chunk whose boundary is ≤ it).
fn boundary<'a>(prev_last: &str, first: &'a str) -> &'a str {
    for (i, _) in first.char_indices().skip(1) {
        if &first[..i] > prev_last {
            return &first[..i];
        }
    }
    first
}

/// The stems of an entry with whether each is in the title, sorted, unique.
fn entry_stems(e: &Entry) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut push = |text: &str, title: bool| {
        text::words(text, |w| {
            if text::is_indexed(w) {
                text::stem_cached(w, |s| out.push((s.to_string(), title)));
            }
        });
    };
    push(&e.title, true);
    push(&e.text, false);
    // Title first for each stem after sorting by (stem, !title).
    out.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    out.dedup_by(|b, a| a.0 == b.0);
    out
}

/// The first [`SNIPPET_CHARS`] characters of `text`, cut at a word boundary.
pub fn snippet(text: &str) -> &str {
    let text = text.trim();
    let Some((cut, _)) = text.char_indices().nth(SNIPPET_CHARS) else {
        return text;
    };
    let head = &text[..cut];
    match head.rfind(char::is_whitespace) {
        Some(sp) if sp > cut / 2 => head[..sp].trim_end(),
        _ => head,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// The data a script file pushes.
    fn pushed(bytes: &[u8]) -> Value {
        let s = std::str::from_utf8(bytes).unwrap();
        let start = s.find(".push(").unwrap() + ".push(".len();
        let end = s.rfind(");").unwrap();
        serde_json::from_str(&s[start..end]).unwrap()
    }

    fn file<'a>(index: &'a Index, name: &str) -> &'a [u8] {
        &index.files.iter().find(|(n, _)| n == name).unwrap().1
    }

    /// Decodes the whole index back: stem → [(entry, in title)], chunk of each stem.
    /// Stem → (its chunk, [(entry, in title)]).
    type Decoded = HashMap<String, (usize, Vec<(u64, bool)>)>;

    fn decode(index: &Index) -> (Value, Decoded) {
        let main = pushed(file(index, "main.js"))[1].clone();
        let mut stems = HashMap::new();
        for (name, bytes) in &index.files {
            if !name.starts_with('w') {
                continue;
            }
            let v = pushed(bytes);
            assert_eq!(v[0], "w");
            let n = v[1].as_u64().unwrap() as usize;
            assert_eq!(name, &format!("w{n}.js"));
            for (stem, list) in v[2].as_object().unwrap() {
                let mut entry = 0;
                let postings = list
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| {
                        let x = x.as_u64().unwrap();
                        entry += x >> 1;
                        (entry, x & 1 == 1)
                    })
                    .collect();
                assert!(
                    stems.insert(stem.clone(), (n, postings)).is_none(),
                    "{stem} twice"
                );
            }
        }
        (main, stems)
    }

    /// Which chunk the script looks in for `stem`: the last whose bound ≤ stem.
    fn chunk_of(main: &Value, stem: &str) -> usize {
        main["bounds"]
            .as_array()
            .unwrap()
            .iter()
            .take_while(|b| b.as_str().unwrap() <= stem)
            .count()
    }

    fn entry(title: &str, kind: &str, forms: &[&str], text: &str) -> Entry {
        Entry {
            title: title.into(),
            kind: kind.into(),
            url: format!("x/{}/index.html", title.len()),
            forms: forms.iter().map(|f| f.to_string()).collect(),
            year: Some(2023),
            text: text.into(),
        }
    }

    #[test]
    fn postings_carry_entries_and_title_matches() {
        let index = build(&[
            entry(
                "Наставник года",
                "Практика",
                &["учитель – учитель"],
                "О наставничестве.",
            ),
            entry(
                "Положение",
                "Документ",
                &[],
                "Положение о наставнике и наставляемом.",
            ),
            entry(
                "Новости",
                "Новость",
                &["ученик – ученик", "учитель – учитель"],
                "Ничего.",
            ),
        ]);
        let (main, stems) = decode(&index);
        assert_eq!(stems["наставник"].1, [(0, true), (1, false)]);
        assert_eq!(stems["положен"].1, [(1, true)]);
        assert!(!stems.contains_key("о"), "stop words are not indexed");
        assert_eq!(
            main["kinds"],
            serde_json::json!(["Практика", "Документ", "Новость"])
        );
        assert_eq!(
            main["forms"],
            serde_json::json!(["учитель – учитель", "ученик – ученик"])
        );
        // kind + 3 × forms mask
        assert_eq!(main["meta"], serde_json::json!([3, 1, 2 + 3 * 3]));
        assert_eq!(
            main["stop"].as_array().unwrap().len(),
            text::STOP_WORDS.len()
        );
    }

    #[test]
    fn chunks_are_ranges_found_by_their_bounds_and_stay_small() {
        // Many distinct words, so that the index needs several chunks.
        let words: Vec<String> = (0..6000)
            .map(|i| {
                let a = char::from_u32('а' as u32 + (i % 32) as u32).unwrap();
                let b = char::from_u32('а' as u32 + (i / 32 % 32) as u32).unwrap();
                format!("{a}{b}q{i}")
            })
            .collect();
        let entries: Vec<Entry> = words
            .chunks(30)
            .enumerate()
            .map(|(i, w)| entry(&format!("Запись {i}"), "Практика", &[], &w.join(" ")))
            .collect();
        let index = build(&entries);
        let (main, stems) = decode(&index);
        let chunks = main["bounds"].as_array().unwrap().len() + 1;
        assert!(chunks >= 4, "{chunks} chunks");
        for (stem, (n, _)) in &stems {
            assert_eq!(chunk_of(&main, stem), *n, "stem {stem} is in w{n}.js");
        }
        for (name, bytes) in &index.files {
            if name.starts_with('w') {
                assert!(
                    bytes.len() < WORD_CHUNK_BYTES + 200,
                    "{name}: {} bytes",
                    bytes.len()
                );
            }
        }
        // Every word of every entry is found, in its entry.
        for (i, w) in words.iter().enumerate() {
            let posts = &stems[&text::stem(w)].1;
            assert!(posts.contains(&((i / 30) as u64, false)), "{w}");
        }
        // Entry chunks hold ENTRIES_PER_CHUNK entries each, in order.
        let e = pushed(file(&index, "e1.js"));
        assert_eq!(e[2].as_array().unwrap().len(), ENTRIES_PER_CHUNK);
        assert_eq!(e[2][0][0], format!("Запись {ENTRIES_PER_CHUNK}"));
        let last = entries.len().div_ceil(ENTRIES_PER_CHUNK) - 1;
        assert!(index.files.iter().any(|(n, _)| *n == format!("e{last}.js")));
    }

    #[test]
    fn same_entries_same_bytes() {
        let entries: Vec<Entry> = (0..200)
            .map(|i| {
                entry(
                    &format!("Практика {i}"),
                    "Практика",
                    &["ученик – ученик"],
                    "адаптация молодых педагогов",
                )
            })
            .collect();
        let a = build(&entries);
        let b = build(&entries);
        assert_eq!(a.files, b.files);
    }

    #[test]
    fn boundary_is_the_shortest_separating_prefix() {
        assert_eq!(boundary("абв", "абд"), "абд");
        assert_eq!(boundary("абв", "ав"), "ав");
        assert_eq!(boundary("аб", "вгд"), "в");
    }

    #[test]
    fn snippet_cuts_at_a_word() {
        let long = "слово ".repeat(100);
        let s = snippet(&long);
        assert!(s.chars().count() <= SNIPPET_CHARS);
        assert!(s.ends_with("слово"));
        assert_eq!(snippet("  коротко  "), "коротко");
    }

    #[test]
    fn empty_index_still_has_its_files() {
        let index = build(&[]);
        let names: Vec<&str> = index.files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["main.js", "w0.js"]);
    }
}
