//! Reading a content file: decoding, splitting the front matter, the YAML
//! guard and parser, and every kind's loader. Any bytes must give a value
//! or Russian diagnostics with a line inside the file, never a panic.
#![no_main]

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use nastavnik::config::SiteConfig;
use nastavnik::diagnostics::{Diagnostic, Diagnostics};
use nastavnik::load::source::decode;
use nastavnik::text::source::Source;
use nastavnik::load::{content, kpi, mentor, roadmap, yaml, LoadContext};
use nastavnik::model::forms::Forms;

const KINDS: [&str; 11] = [
    "practices",
    "programs",
    "contests",
    "documents",
    "news",
    "pages",
    "mentors",
    "_index",
    "data/kpi",
    "data/roadmap",
    "site",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let kind = KINDS[usize::from(selector) % KINDS.len()];
    let ext = if selector & 0x80 != 0 { "yaml" } else { "md" };
    let path = format!("content/{kind}/x.{ext}");
    let path = Path::new(&path);
    let Ok(text) = decode(bytes.to_vec(), path) else {
        return;
    };
    let src = Source::from_text(path, &text);
    // Any of CR, LF or CRLF breaks a line: an upper bound of the lines a message may name.
    let lines = text.matches('\n').count() + text.matches('\r').count() + 1;

    let config: SiteConfig = yaml::parse(
        "organization: Школа\nbase_url: https://s.example/\n",
        Path::new("site.yaml"),
        1,
    )
    .expect("a valid config");
    let forms = Forms::default();
    let statics = HashMap::new();
    let ctx = LoadContext {
        config: &config,
        forms: &forms,
        today: NaiveDate::from_ymd_opt(2024, 6, 1).unwrap(),
        statics: &statics,
        root: Path::new("/nonexistent"),
    };
    let diags = Diagnostics::new();
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut collect = |r: Result<(), Vec<Diagnostic>>| {
        if let Err(ds) = r {
            problems.extend(ds);
        }
    };
    match kind {
        "practices" => collect(content::practice(&src, &ctx).map(drop)),
        "programs" => collect(content::program(&src, &ctx).map(drop)),
        "contests" => collect(content::contest(&src, &ctx).map(drop)),
        "documents" => collect(content::document(&src, &ctx).map(drop)),
        "news" => collect(content::news(&src, &ctx).map(drop)),
        "pages" => collect(content::page(&src, &ctx).map(drop)),
        "mentors" => collect(mentor::mentor(&src, &ctx).map(|m| {
            if let Some(m) = m {
                diags.extend(m.held_back);
            }
        })),
        "_index" => drop(content::landing(&src, &ctx, &diags)),
        "data/kpi" => collect(kpi::parse(&src).map(drop)),
        "data/roadmap" => {
            let targets = roadmap::Targets {
                documents: Default::default(),
                news: Default::default(),
            };
            problems.extend(roadmap::parse(&src, &ctx, &targets).1);
        }
        _ => collect(
            yaml::parse::<SiteConfig>(&src.yaml, &src.path, src.yaml_line)
                .map(drop)
                .map_err(|d| vec![d]),
        ),
    }
    problems.extend(diags.into_sorted());
    for d in &problems {
        assert!(
            d.line <= lines,
            "{d} points past the end of the file ({lines} lines)"
        );
        assert!(!d.message.is_empty());
    }
});
