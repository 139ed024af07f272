//! Site → pages in memory. Views are built once (in parallel), then every
//! page is rendered by Tera in parallel; only a page's own items go into its
//! template context.

pub mod build_views;
pub mod format;
pub mod markdown;
pub mod routes;
pub mod templates;
pub mod views;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::forms::Track;
use crate::model::Site;
use build_views::{Catalogue, Views};
use format::count;
use routes::Facet;
use views::{Link, PageMeta, Pager, PagerLink};

/// Practices (and news) per list page.
pub const PAGE_SIZE: usize = 20;

/// A file of the output, still in memory or to be copied.
#[derive(Debug)]
pub enum OutputFile {
    Bytes { path: String, bytes: Vec<u8> },
    Copy { path: String, from: PathBuf },
    Static { path: String, bytes: &'static [u8] },
}

impl OutputFile {
    /// Path relative to the output folder.
    pub fn path(&self) -> &str {
        match self {
            OutputFile::Bytes { path, .. } | OutputFile::Copy { path, .. } | OutputFile::Static { path, .. } => path,
        }
    }
}

/// One HTML page to produce.
enum PageSpec<'a> {
    Landing,
    Documents,
    Programs,
    Program(usize),
    Catalogue { list: &'a Catalogue, page: usize },
    Practice(usize),
    Contests,
    Contest(usize),
    Mentors,
    NewsList { page: usize },
    News(usize),
    Page(usize),
    Partners,
    Track(Track),
    NotFound,
}

/// Renders every page and collects static files; problems go to `diags`.
pub fn render_site(site: &Site, root: &Path, diags: &Diagnostics) -> Vec<OutputFile> {
    let Some(mut tera) = templates::load(root, &site.config.theme, diags) else {
        return Vec::new();
    };
    let views = Views::build(site, diags);
    tera.global_context().insert("site", &views.site);
    tera.global_context().insert("menu", &views.menu);

    let specs = page_specs(site, &views);
    let rendered: Vec<Result<OutputFile, Diagnostic>> =
        specs.par_iter().map(|spec| render_page(site, &views, &tera, spec, diags)).collect();
    let mut files = Vec::with_capacity(rendered.len() + site.static_files.len() + 8);
    for r in rendered {
        match r {
            Ok(f) => files.push(f),
            Err(d) => diags.push(d),
        }
    }
    for file in templates::static_files(root, &site.config.theme) {
        files.push(match file {
            templates::ThemeFile::Embedded { rel, bytes } => OutputFile::Static { path: rel, bytes },
            templates::ThemeFile::OnDisk { rel, abs } => OutputFile::Copy { path: rel, from: abs },
        });
    }
    for file in &site.static_files {
        files.push(OutputFile::Copy {
            path: file.rel.clone(),
            from: file.abs.clone(),
        });
    }
    files
}

fn page_specs<'a>(site: &Site, views: &'a Views) -> Vec<PageSpec<'a>> {
    let mut specs = vec![PageSpec::Landing, PageSpec::Documents, PageSpec::Programs, PageSpec::Contests];
    specs.push(PageSpec::Mentors);
    specs.push(PageSpec::NotFound);
    specs.extend((0..site.programs.len()).map(PageSpec::Program));
    specs.extend((0..site.practices.len()).map(PageSpec::Practice));
    specs.extend((0..site.contests.len()).map(PageSpec::Contest));
    specs.extend((0..site.news.len()).map(PageSpec::News));
    specs.extend((0..site.pages.len()).map(PageSpec::Page));
    for n in 1..=pages_for(site.news.len()) {
        specs.push(PageSpec::NewsList { page: n });
    }
    for list in &views.catalogues {
        for n in 1..=pages_for(list.items.len()) {
            specs.push(PageSpec::Catalogue { list, page: n });
        }
    }
    if !site.partners.is_empty() {
        specs.push(PageSpec::Partners);
    }
    specs.extend(Track::ALL.map(PageSpec::Track));
    specs
}

/// Number of list pages for `n` items (an empty list still has its one page).
pub fn pages_for(n: usize) -> usize {
    n.div_ceil(PAGE_SIZE).max(1)
}

fn render_page(
    site: &Site,
    v: &Views,
    tera: &tera::Tera,
    spec: &PageSpec,
    diags: &Diagnostics,
) -> Result<OutputFile, Diagnostic> {
    let pretty = site.config.pretty_urls;
    let mut ctx = tera::Context::new();
    let home = Link {
        title: site.config.title.clone(),
        url: routes::link("", pretty),
    };
    let crumbs = |extra: &[(&str, &str)]| -> Vec<Link> {
        let mut c = vec![home.clone()];
        c.extend(extra.iter().map(|(t, u)| Link {
            title: t.to_string(),
            url: routes::link(u, pretty),
        }));
        c
    };
    let page_key: String;
    let (dir, template, title, section, breadcrumbs): (String, &str, String, &str, Vec<Link>) = match spec {
        PageSpec::Landing => {
            ctx.insert("intro_html", &v.landing_html);
            ctx.insert("sections", &v.sections);
            ctx.insert("news", &v.news.iter().take(3).collect::<Vec<_>>());
            ctx.insert(
                "contests",
                &v.contests.iter().filter(|c| c.status != "finished").collect::<Vec<_>>(),
            );
            ctx.insert("partners", &v.partners);
            ctx.insert("tracks", &v.tracks);
            let title = site
                .landing
                .as_ref()
                .and_then(|l| l.title.clone())
                .unwrap_or_else(|| site.config.title.clone());
            (String::new(), "index.html", title, "", vec![])
        }
        PageSpec::Documents => {
            ctx.insert("groups", &v.document_groups);
            (routes::DOCUMENTS.into(), "documents.html", "Нормативные документы".into(), routes::DOCUMENTS, crumbs(&[]))
        }
        PageSpec::Programs => {
            ctx.insert("programs", &v.programs);
            (routes::PROGRAMS.into(), "programs.html", "Программы наставничества".into(), routes::PROGRAMS, crumbs(&[]))
        }
        PageSpec::Program(i) => {
            let p = &v.programs[*i];
            ctx.insert("program", p);
            let dir = routes::program(&p.slug);
            (dir, "program.html", p.title.clone(), routes::PROGRAMS, crumbs(&[("Программы", routes::PROGRAMS)]))
        }
        PageSpec::Catalogue { list, page } => {
            let from = (page - 1) * PAGE_SIZE;
            let items: Vec<_> = list.items.iter().skip(from).take(PAGE_SIZE).map(|&i| &v.cards[i]).collect();
            ctx.insert("practices", &items);
            ctx.insert("pager", &pager(&list.base, *page, list.items.len(), pretty));
            ctx.insert("facets", &v.facets);
            ctx.insert("heading", &list.heading);
            ctx.insert("count_text", &count(list.items.len(), "практика", "практики", "практик"));
            ctx.insert("current_term_url", &list.term_url);
            ctx.insert("all_url", &routes::link(routes::PRACTICES, pretty));
            let dir = routes::pager_page(&list.base, *page);
            let mut title = list.heading.clone();
            if *page > 1 {
                title = format!("{title}, страница {page}");
            }
            let trail: Vec<(&str, &str)> = if list.base == routes::PRACTICES {
                vec![]
            } else {
                vec![("Лучшие практики", routes::PRACTICES)]
            };
            (dir, "practices.html", title, routes::PRACTICES, crumbs(&trail))
        }
        PageSpec::Practice(i) => {
            let (p, problems) = build_views::practice_page(site, v, *i);
            diags.extend(problems);
            let dir = routes::practice(&p.card.slug);
            let title = p.card.title.clone();
            ctx.insert("practice", &p);
            (dir, "practice.html", title, routes::PRACTICES, crumbs(&[("Лучшие практики", routes::PRACTICES)]))
        }
        PageSpec::Contests => {
            ctx.insert("contests", &v.contests);
            (routes::CONTESTS.into(), "contests.html", "Конкурсы".into(), routes::CONTESTS, crumbs(&[]))
        }
        PageSpec::Contest(i) => {
            let c = &v.contests[*i];
            ctx.insert("contest", c);
            (routes::contest(&c.slug), "contest.html", c.title.clone(), routes::CONTESTS, crumbs(&[("Конкурсы", routes::CONTESTS)]))
        }
        PageSpec::Mentors => {
            ctx.insert("mentors", &v.mentors);
            ctx.insert("count_text", &count(v.mentors.len(), "наставник", "наставника", "наставников"));
            (routes::MENTORS.into(), "mentors.html", "Наставники".into(), routes::MENTORS, crumbs(&[]))
        }
        PageSpec::NewsList { page } => {
            let from = (page - 1) * PAGE_SIZE;
            let items: Vec<_> = v.news.iter().skip(from).take(PAGE_SIZE).collect();
            ctx.insert("news", &items);
            ctx.insert("pager", &pager(routes::NEWS, *page, v.news.len(), pretty));
            let title = if *page > 1 { format!("Новости, страница {page}") } else { "Новости".into() };
            (routes::pager_page(routes::NEWS, *page), "news_list.html", title, routes::NEWS, crumbs(&[]))
        }
        PageSpec::News(i) => {
            let n = &v.news[*i];
            ctx.insert("item", n);
            (routes::news(&n.slug), "news.html", n.title.clone(), routes::NEWS, crumbs(&[("Новости", routes::NEWS)]))
        }
        PageSpec::Page(i) => {
            let (page, html) = (&site.pages[*i], &v.pages_html[*i]);
            ctx.insert("content_html", html);
            page_key = routes::page(&page.slug);
            (page_key.clone(), "page.html", page.title.clone(), &page_key, crumbs(&[]))
        }
        PageSpec::Partners => {
            ctx.insert("partners", &v.partners);
            (routes::PARTNERS.into(), "partners.html", "Партнёры".into(), routes::PARTNERS, crumbs(&[]))
        }
        PageSpec::Track(track) => {
            let t = *track;
            ctx.insert("track_name", t.name());
            ctx.insert("programs", &v.programs.iter().filter(|p| p.track.title == t.name()).collect::<Vec<_>>());
            ctx.insert(
                "documents",
                &v.document_groups
                    .iter()
                    .flat_map(|g| g.documents.iter())
                    .filter(|d| d.track.as_deref().is_none_or(|x| x == t.name()))
                    .collect::<Vec<_>>(),
            );
            let cards: Vec<_> = site
                .practices
                .iter()
                .enumerate()
                .filter(|(_, p)| p.track == t)
                .map(|(i, _)| &v.cards[i])
                .collect();
            ctx.insert("practices", &cards);
            ctx.insert("practices_url", &routes::link(&routes::facet(Facet::Track, t.slug()), pretty));
            (routes::track(t), "track.html", t.title().to_string(), routes::TRACKS, crumbs(&[]))
        }
        PageSpec::NotFound => {
            ctx.insert("home_url", &routes::link("", pretty));
            // The 404 page is served at any depth, so it links from the site's base path.
            return render_to(site, tera, ctx, "404.html".into(), "404.html", "Страница не найдена".into(), "", vec![], site.config.base_path());
        }
    };
    let title = format::typo(&title);
    finish(site, tera, ctx, dir, template, title, section, breadcrumbs)
}

#[allow(clippy::too_many_arguments)]
fn finish(
    site: &Site,
    tera: &tera::Tera,
    ctx: tera::Context,
    dir: String,
    template: &str,
    title: String,
    section: &str,
    breadcrumbs: Vec<Link>,
) -> Result<OutputFile, Diagnostic> {
    let root = routes::root_prefix(&dir, site.config.pretty_urls);
    let file = routes::file_of(&dir);
    render_to(site, tera, ctx, file, template, title, section, breadcrumbs, &root)
}

#[allow(clippy::too_many_arguments)]
fn render_to(
    site: &Site,
    tera: &tera::Tera,
    mut ctx: tera::Context,
    file: String,
    template: &str,
    title: String,
    section: &str,
    breadcrumbs: Vec<Link>,
    root: &str,
) -> Result<OutputFile, Diagnostic> {
    let dir = file.trim_end_matches("index.html");
    let mut breadcrumbs = breadcrumbs;
    if !breadcrumbs.is_empty() {
        breadcrumbs.push(Link {
            title: title.clone(),
            url: String::new(),
        });
    }
    let meta = PageMeta {
        title,
        description: None,
        canonical: format!("{}{}", site.config.base_url, dir),
        section: section.to_string(),
        breadcrumbs,
    };
    ctx.insert("page", &meta);
    ctx.insert("root", root);
    let mut out = Vec::with_capacity(16 * 1024);
    tera.render_to(template, &ctx, &mut out).map_err(|e| {
        Diagnostic::error(
            format!("themes/{}/templates/{template}", site.config.theme),
            0,
            0,
            format!("шаблон не отрисовался: {}", templates::error_chain(&e)),
        )
        .hint("проверьте имена переменных в шаблоне; список переменных каждой страницы — в docs/themes.md")
    })?;
    Ok(OutputFile::Bytes { path: file, bytes: out })
}

/// The pager of page `current` of a list at `base` with `total_items`.
pub fn pager(base: &str, current: usize, total_items: usize, pretty: bool) -> Pager {
    let total = pages_for(total_items);
    let url = |n: usize| routes::link(&routes::pager_page(base, n), pretty);
    let from = (current - 1) * PAGE_SIZE + 1;
    let to = (current * PAGE_SIZE).min(total_items);
    Pager {
        current,
        total,
        prev_url: (current > 1).then(|| url(current - 1)),
        next_url: (current < total).then(|| url(current + 1)),
        pages: (1..=total)
            .map(|n| PagerLink {
                number: n,
                url: url(n),
                current: n == current,
            })
            .collect(),
        range_text: if total_items == 0 {
            String::new()
        } else {
            format!("Показаны {from}–{to} из {total_items}")
        },
    }
}

/// Serializes a view for JSON exports and tests.
pub fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}
