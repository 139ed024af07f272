//! Site files → a typed, validated, cross-linked [`Site`]. No HTML here.
//!
//! Every kind of content has its own module that turns one [`Source`] into a
//! model value; this module walks the folders (in parallel), checks slugs and
//! references across files, and sorts the lists.

pub mod common;
pub mod config;
pub mod content;
pub mod drafts;
pub mod kpi;
pub mod links;
pub mod mentor;
pub mod partners;
pub mod persons;
pub mod photos;
pub mod roadmap;
pub mod source;
pub mod statics;
pub mod yaml;
pub mod yaml_guard;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::collate;
use crate::model::forms::Forms;
use crate::model::{FileRef, Site, StaticFile};
use crate::text::slug::{is_valid_slug, slugify};
use crate::text::source::Source;

/// What every content loader may consult.
pub struct LoadContext<'a> {
    pub config: &'a SiteConfig,
    pub forms: &'a Forms,
    pub today: NaiveDate,
    /// Files of `static/` by their path relative to it.
    pub statics: &'a HashMap<String, StaticFile>,
    pub root: &'a Path,
}

impl LoadContext<'_> {
    /// Resolves a file path written in content (relative to `static/`).
    pub fn file(&self, src: &Source, key: &str, written: &str) -> Result<FileRef, Diagnostic> {
        statics::resolve(self, src, key, written)
    }
}

/// Loads the whole site under `root`. Problems go to `diags`; `None` when the
/// site cannot be loaded at all (no usable `site.yaml`).
pub fn load_site(root: &Path, today: NaiveDate, diags: &Diagnostics) -> Option<Site> {
    load_site_and_hidden_names(root, today, diags).map(|(site, _)| site)
}

/// [`load_site`], and the names of mentors that may not be published, for
/// checking files loaded later one by one (`serve`).
pub fn load_site_and_hidden_names(
    root: &Path,
    today: NaiveDate,
    diags: &Diagnostics,
) -> Option<(Site, persons::HiddenNames)> {
    let (config, forms) = match config::load(root) {
        Ok(c) => c,
        Err(ds) => {
            diags.extend(ds);
            return None;
        }
    };
    let statics = statics::collect(root, diags);
    let ctx = LoadContext {
        config: &config,
        forms: &forms,
        today,
        statics: &statics,
        root,
    };

    let landing = {
        let file = root.join("content/_index.md");
        file.is_file()
            .then(|| content::landing(&read(root, &file, diags)?, &ctx, diags))
            .flatten()
    };
    let mut practices = load_kind(root, "practices", diags, |s| content::practice(s, &ctx));
    let mut programs = load_kind(root, "programs", diags, |s| content::program(s, &ctx));
    let mut contests = load_kind(root, "contests", diags, |s| content::contest(s, &ctx));
    let mut documents = load_kind(root, "documents", diags, |s| content::document(s, &ctx));
    let mut news = load_kind(root, "news", diags, |s| content::news(s, &ctx));
    let mut pages = load_kind(root, "pages", diags, |s| content::page(s, &ctx));
    let mut mentors = Vec::new();
    let mut refused_photos = Vec::new();
    let mut hidden_names = persons::HiddenNames::default();
    for loaded in load_kind(root, "mentors", diags, |s| mentor::mentor(s, &ctx)) {
        diags.extend(loaded.held_back);
        if let Some(name) = &loaded.hidden_name {
            hidden_names.add(name, &loaded.path);
        }
        refused_photos.extend(
            loaded
                .withheld_files
                .into_iter()
                .map(|f| (f, loaded.path.clone())),
        );
        mentors.extend(loaded.public);
    }
    let photo_plan = photos::plan(&mut mentors, &refused_photos, &statics, diags);
    mentors.sort_by(|a, b| {
        let key = |m: &crate::model::Mentor| m.name.clone().unwrap_or_default();
        collate::compare(&key(a), &key(b)).then_with(|| a.source_path.cmp(&b.source_path))
    });
    let partners = partners::load(root, diags);
    let kpi = kpi::load(root, diags);
    let roadmap = roadmap::load(
        root,
        &ctx,
        &roadmap::Targets {
            documents: documents.iter().map(|d| d.slug.as_str()).collect(),
            news: news.iter().map(|n| n.slug.as_str()).collect(),
        },
        diags,
    );

    persons::hold_back(
        &hidden_names,
        &mut practices,
        &mut contests,
        &mut programs,
        diags,
    );

    check_unique(&practices, |p| (&p.slug, &p.source), "практика", diags);
    check_unique(&programs, |p| (&p.slug, &p.source), "программа", diags);
    check_unique(&contests, |p| (&p.slug, &p.source), "конкурс", diags);
    check_unique(&documents, |p| (&p.slug, &p.source), "документ", diags);
    check_unique(&news, |p| (&p.slug, &p.source), "новость", diags);
    check_unique(&pages, |p| (&p.slug, &p.source), "страница", diags);

    collate::sort_by(&mut practices, |p| &p.title, |p| &p.slug);
    collate::sort_by(&mut programs, |p| &p.title, |p| &p.slug);
    contests.sort_by(|a, b| {
        b.announced
            .cmp(&a.announced)
            .then_with(|| a.slug.cmp(&b.slug))
    });
    documents.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| collate::compare(&a.title, &b.title))
    });
    news.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    pages.sort_by(|a, b| {
        a.weight
            .cmp(&b.weight)
            .then_with(|| collate::compare(&a.title, &b.title))
    });

    // A photo without consent is not published at all, not even as a static
    // file; one consented without the name goes out under a neutral name.
    let mut static_files: Vec<StaticFile> = statics
        .into_values()
        .filter(|f| !photo_plan.withheld.contains_key(&f.rel))
        .chain(photo_plan.renamed.iter().cloned())
        .collect();
    static_files.sort_by(|a, b| a.rel.cmp(&b.rel));

    let mut site = Site {
        config,
        forms,
        today,
        landing,
        practices,
        programs,
        contests,
        documents,
        news,
        mentors,
        pages,
        partners,
        kpi,
        roadmap,
        static_files,
    };
    photos::drop_references(&mut site, &photo_plan, diags);
    links::cross_link(&mut site, diags);
    Some((site, hidden_names))
}

/// Reads one file, reporting failures.
fn read(root: &Path, file: &Path, diags: &Diagnostics) -> Option<Source> {
    let shown = crate::diagnostics::display_path(root, file);
    if let Err(d) = source::check_link(root, file, &shown) {
        diags.push(d);
        return None;
    }
    match source::read(file, &shown) {
        Ok(s) => Some(s),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// Reads a data file such as `data/kpi.yaml` (`rel`, relative to the root), if the site has it.
fn read_data(root: &Path, rel: &str, diags: &Diagnostics) -> Option<Source> {
    let file = root.join(rel);
    if !file.is_file() {
        return None;
    }
    read(root, &file, diags)
}

/// Reads every content file of `content/<kind>/` in parallel and converts it.
fn load_kind<T: Send>(
    root: &Path,
    kind: &str,
    diags: &Diagnostics,
    convert: impl Fn(&Source) -> Result<Option<T>, Vec<Diagnostic>> + Sync,
) -> Vec<T> {
    let files = content_files(&root.join("content").join(kind));
    files
        .par_iter()
        .filter_map(|file| {
            let src = read(root, file, diags)?;
            match convert(&src) {
                Ok(item) => item,
                Err(ds) => {
                    diags.extend(ds);
                    None
                }
            }
        })
        .collect()
}

/// Markdown and YAML files of a folder (recursively), skipping hidden and editor temp files.
pub fn content_files(dir: &Path) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    if std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
        // Reading the folder itself reports the link once.
        return vec![dir.to_path_buf()];
    }
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        // Links are listed too: reading one checks where it leads.
        .filter(|e| e.file_type().is_file() || e.path_is_symlink())
        .map(|e| e.into_path())
        .filter(|p| is_content_file(p) || p.is_dir())
        .collect();
    files.sort();
    files
}

/// `.md`, `.yaml`, `.yml`, except `_index.md` and editor leftovers (`~`, `.swp`, `#…#`).
pub fn is_content_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let ext_ok = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("md") | Some("yaml") | Some("yml")
    );
    ext_ok
        && !name.starts_with('.')
        && !name.starts_with('#')
        && !name.ends_with('~')
        && name != "_index.md"
}

/// The item's slug: its `slug` field, else its transliterated file name.
pub fn slug_of(src: &Source, written: Option<&str>) -> Result<String, Diagnostic> {
    if let Some(s) = written {
        if !is_valid_slug(s) {
            return Err(src
                .error_at("slug", format!("адрес «{s}» записан неверно"))
                .hint(format!(
                    "используйте строчные латинские буквы, цифры и дефис, например «{}»",
                    slugify(s)
                )));
        }
        return Ok(s.to_string());
    }
    let stem = src.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let slug = slugify(stem);
    if slug.is_empty() {
        return Err(Diagnostic::error(
            &src.path,
            0,
            0,
            "из имени файла не получается адрес страницы",
        )
        .hint("переименуйте файл (буквы и цифры) или укажите поле slug"));
    }
    Ok(slug)
}

/// Two items of one kind may not share a slug (their pages would overwrite each other).
fn check_unique<T>(
    items: &[T],
    key: impl Fn(&T) -> (&String, &Source),
    what: &str,
    diags: &Diagnostics,
) {
    let mut seen: HashMap<&String, &PathBuf> = HashMap::new();
    let mut sorted: Vec<_> = items.iter().map(&key).collect();
    sorted.sort_by(|a, b| a.1.path.cmp(&b.1.path));
    for (slug, src) in sorted {
        if let Some(first) = seen.get(slug) {
            // Point at the `slug:` line when the slug was written, else at the file.
            let (line, col) = src.locate_nth("slug", 0).unwrap_or((1, 1));
            diags.push(
                Diagnostic::error(
                    &src.path,
                    line,
                    col,
                    format!("{what} с адресом «{slug}» уже есть: {}", first.display()),
                )
                .hint("переименуйте один из файлов или укажите в нём другое поле slug"),
            );
        } else {
            seen.insert(slug, &src.path);
        }
    }
}
