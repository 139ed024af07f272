//! Site → pages in memory. Views are built once (in parallel), then every
//! page is rendered by Tera in parallel; only a page's own items go into its
//! template context.

pub mod build_views;
pub mod chart;
pub mod kpi;
pub mod markdown;
pub mod roadmap;
pub mod templates;
pub mod views;

use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::forms::Track;
use crate::model::Site;
use crate::routes::{self, Facet};
use crate::text::format::{self, count};
use build_views::{Catalogue, Views};
use views::{Link, PageMeta, Pager, PagerLink};

/// Practices (and news) per list page.
pub const PAGE_SIZE: usize = 20;

/// Practices shown on a track's overview page.
const TRACK_PREVIEW: usize = 10;

/// One rendered HTML page, handed to `output` to be written.
#[derive(Debug)]
pub struct RenderedPage {
    /// The file relative to the output folder (`praktiki/x/index.html`).
    pub path: String,
    pub html: Vec<u8>,
}

/// One HTML page to produce.
pub enum PageSpec<'a> {
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
    Kpi,
    Roadmap,
    Track(Track),
    NotFound,
}

/// Renders every page and hands it to `put` as soon as it is ready.
/// Returns the paths of the HTML pages.
pub fn render_site(
    site: &Site,
    root: &Path,
    diags: &Diagnostics,
    put: &(dyn Fn(RenderedPage) -> Result<(), Diagnostic> + Sync),
) -> Vec<String> {
    let Some(mut tera) = templates::load(root, &site.config.theme, diags) else {
        return Vec::new();
    };
    let views = Views::build(site, diags);
    set_globals(&mut tera, site, &views);

    let specs = page_specs(site, &views);
    let mut pages: Vec<String> = specs
        .par_iter()
        .filter_map(|spec| {
            let file = render_page(site, &views, &tera, spec, diags).and_then(|page| {
                let path = page.path.clone();
                put(page).map(|()| path)
            });
            match file {
                Ok(path) => Some(path),
                Err(d) => {
                    diags.push(d);
                    None
                }
            }
        })
        .collect();
    pages.sort();
    pages
}

/// What every template sees: the site, its menu, the link home.
pub fn set_globals(tera: &mut tera::Tera, site: &Site, views: &Views) {
    tera.global_context().insert("site", &views.site);
    tera.global_context().insert("menu", &views.menu);
    tera.global_context()
        .insert("home_url", &routes::link("", site.config.pretty_urls));
}

/// Every HTML page of the site, in a fixed order.
pub fn page_specs<'a>(site: &Site, views: &'a Views) -> Vec<PageSpec<'a>> {
    let mut specs = vec![
        PageSpec::Landing,
        PageSpec::Documents,
        PageSpec::Programs,
        PageSpec::Contests,
    ];
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
    for list in &views.lists.catalogues {
        for n in 1..=pages_for(list.items.len()) {
            specs.push(PageSpec::Catalogue { list, page: n });
        }
    }
    if !site.partners.is_empty() {
        specs.push(PageSpec::Partners);
    }
    if views.kpi.is_some() {
        specs.push(PageSpec::Kpi);
    }
    if views.roadmap.is_some() {
        specs.push(PageSpec::Roadmap);
    }
    specs.extend(Track::ALL.map(PageSpec::Track));
    specs
}

/// The folder a page lives in (`praktiki/x/`, `""` for the landing page);
/// the one place that names each page's path.
fn page_dir(site: &Site, v: &Views, spec: &PageSpec) -> String {
    match spec {
        PageSpec::Landing | PageSpec::NotFound => String::new(),
        PageSpec::Documents => routes::DOCUMENTS.into(),
        PageSpec::Programs => routes::PROGRAMS.into(),
        PageSpec::Program(i) => routes::program(&v.programs[*i].slug),
        PageSpec::Catalogue { list, page } => routes::pager_page(&list.base, *page),
        PageSpec::Practice(i) => routes::practice(&v.practices[*i].card.slug),
        PageSpec::Contests => routes::CONTESTS.into(),
        PageSpec::Contest(i) => routes::contest(&v.contests[*i].slug),
        PageSpec::Mentors => routes::MENTORS.into(),
        PageSpec::NewsList { page } => routes::pager_page(routes::NEWS, *page),
        PageSpec::News(i) => routes::news(&v.news[*i].slug),
        PageSpec::Page(i) => routes::page(&site.pages[*i].slug),
        PageSpec::Partners => routes::PARTNERS.into(),
        PageSpec::Kpi => routes::KPI.into(),
        PageSpec::Roadmap => routes::ROADMAP.into(),
        PageSpec::Track(t) => routes::track(*t),
    }
}

/// The file a page is written to, relative to the output folder.
pub fn page_file(site: &Site, v: &Views, spec: &PageSpec) -> String {
    match spec {
        // Served at any depth by the web server, so it stays at the top.
        PageSpec::NotFound => "404.html".into(),
        _ => routes::file_of(&page_dir(site, v, spec)),
    }
}

/// Number of list pages for `n` items (an empty list still has its one page).
pub fn pages_for(n: usize) -> usize {
    n.div_ceil(PAGE_SIZE).max(1)
}

/// Renders one page; problems in its Markdown go to `diags`, a template failure is the error.
pub fn render_page(
    site: &Site,
    v: &Views,
    tera: &tera::Tera,
    spec: &PageSpec,
    diags: &Diagnostics,
) -> Result<RenderedPage, Diagnostic> {
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
    let dir = page_dir(site, v, spec);
    let page_key = dir.clone();
    let (template, title, section, breadcrumbs): (&str, String, &str, Vec<Link>) = match spec {
        PageSpec::Landing => {
            ctx.insert("intro_html", &v.landing_html);
            ctx.insert("sections", &v.sections);
            ctx.insert("news", &v.news.iter().take(3).collect::<Vec<_>>());
            ctx.insert(
                "contests",
                &v.contests
                    .iter()
                    .filter(|c| c.status != "finished")
                    .collect::<Vec<_>>(),
            );
            ctx.insert("partners", &v.partners);
            ctx.insert("tracks", &v.tracks);
            ctx.insert("news_url", &routes::link(routes::NEWS, pretty));
            ctx.insert("kpi_summary", &v.kpi_summary);
            ctx.insert("roadmap_summary", &v.roadmap_summary);
            let title = site
                .landing
                .as_ref()
                .and_then(|l| l.title.clone())
                .unwrap_or_else(|| site.config.title.clone());
            ("index.html", title, "", vec![])
        }
        PageSpec::Documents => {
            ctx.insert("groups", &v.document_groups);
            (
                "documents.html",
                "Нормативные документы".into(),
                routes::DOCUMENTS,
                crumbs(&[]),
            )
        }
        PageSpec::Programs => {
            ctx.insert("programs", &v.programs);
            (
                "programs.html",
                "Программы наставничества".into(),
                routes::PROGRAMS,
                crumbs(&[]),
            )
        }
        PageSpec::Program(i) => {
            let p = &v.programs[*i];
            ctx.insert("program", p);
            (
                "program.html",
                p.title.clone(),
                routes::PROGRAMS,
                crumbs(&[("Программы", routes::PROGRAMS)]),
            )
        }
        PageSpec::Catalogue { list, page } => {
            let from = (page - 1) * PAGE_SIZE;
            let items: Vec<tera::Value> = list
                .items
                .iter()
                .skip(from)
                .take(PAGE_SIZE)
                .map(|&i| v.practices[i].value.clone())
                .collect();
            ctx.insert_value("practices", tera::Value::from(items));
            ctx.insert("pager", &pager(&list.base, *page, list.items.len(), pretty));
            ctx.insert_value("facets", v.lists.facets.clone());
            ctx.insert("heading", &list.heading);
            ctx.insert(
                "count_text",
                &count(list.items.len(), "практика", "практики", "практик"),
            );
            ctx.insert("current_term_url", &list.term_url);
            ctx.insert("all_url", &routes::link(routes::PRACTICES, pretty));
            let mut title = list.heading.clone();
            if *page > 1 {
                title = format!("{title}, страница {page}");
            }
            let trail: Vec<(&str, &str)> = if list.base == routes::PRACTICES {
                vec![]
            } else {
                vec![("Лучшие практики", routes::PRACTICES)]
            };
            ("practices.html", title, routes::PRACTICES, crumbs(&trail))
        }
        PageSpec::Practice(i) => {
            let (p, problems) = build_views::practice_page(site, v, *i);
            diags.extend(problems);
            let title = p.card.title.clone();
            ctx.insert("practice", &p);
            (
                "practice.html",
                title,
                routes::PRACTICES,
                crumbs(&[("Лучшие практики", routes::PRACTICES)]),
            )
        }
        PageSpec::Contests => {
            ctx.insert("contests", &v.contests);
            (
                "contests.html",
                "Конкурсы".into(),
                routes::CONTESTS,
                crumbs(&[]),
            )
        }
        PageSpec::Contest(i) => {
            let c = &v.contests[*i];
            ctx.insert("contest", c);
            (
                "contest.html",
                c.title.clone(),
                routes::CONTESTS,
                crumbs(&[("Конкурсы", routes::CONTESTS)]),
            )
        }
        PageSpec::Mentors => {
            ctx.insert("mentors", &v.mentors);
            ctx.insert(
                "count_text",
                &count(v.mentors.len(), "наставник", "наставника", "наставников"),
            );
            (
                "mentors.html",
                "Наставники".into(),
                routes::MENTORS,
                crumbs(&[]),
            )
        }
        PageSpec::NewsList { page } => {
            let from = (page - 1) * PAGE_SIZE;
            let items: Vec<_> = v.news.iter().skip(from).take(PAGE_SIZE).collect();
            ctx.insert("news", &items);
            ctx.insert("pager", &pager(routes::NEWS, *page, v.news.len(), pretty));
            let title = if *page > 1 {
                format!("Новости, страница {page}")
            } else {
                "Новости".into()
            };
            ("news_list.html", title, routes::NEWS, crumbs(&[]))
        }
        PageSpec::News(i) => {
            let n = &v.news[*i];
            ctx.insert("item", n);
            (
                "news.html",
                n.title.clone(),
                routes::NEWS,
                crumbs(&[("Новости", routes::NEWS)]),
            )
        }
        PageSpec::Page(i) => {
            let (page, html) = (&site.pages[*i], &v.pages_html[*i]);
            ctx.insert("content_html", html);
            ("page.html", page.title.clone(), &page_key, crumbs(&[]))
        }
        PageSpec::Partners => {
            ctx.insert("partners", &v.partners);
            (
                "partners.html",
                "Партнёры".into(),
                routes::PARTNERS,
                crumbs(&[]),
            )
        }
        PageSpec::Kpi => {
            ctx.insert("kpi", &v.kpi);
            (
                "kpi.html",
                "Показатели эффективности".into(),
                routes::KPI,
                crumbs(&[]),
            )
        }
        PageSpec::Roadmap => {
            ctx.insert("roadmap", &v.roadmap);
            (
                "roadmap.html",
                "Дорожная карта".into(),
                routes::ROADMAP,
                crumbs(&[]),
            )
        }
        PageSpec::Track(track) => {
            let t = *track;
            ctx.insert("track_name", t.name());
            ctx.insert(
                "programs",
                &v.programs
                    .iter()
                    .filter(|p| p.track.title == t.name())
                    .collect::<Vec<_>>(),
            );
            ctx.insert(
                "documents",
                // Bodies are rendered for the documents page; here the list links there.
                &v.document_groups
                    .iter()
                    .flat_map(|g| g.documents.iter())
                    .filter(|d| d.track.as_deref().is_none_or(|x| x == t.name()))
                    .map(|d| views::DocumentView {
                        body_html: String::new(),
                        ..d.clone()
                    })
                    .collect::<Vec<_>>(),
            );
            // The newest few; the full list is the paginated track facet.
            let mut members: Vec<usize> = (0..site.practices.len())
                .filter(|&i| site.practices[i].track == t)
                .collect();
            members.sort_by_key(|&i| {
                std::cmp::Reverse((site.practices[i].year, site.practices[i].date))
            });
            let cards: Vec<tera::Value> = members
                .iter()
                .take(TRACK_PREVIEW)
                .map(|&i| v.practices[i].value.clone())
                .collect();
            ctx.insert_value("practices", tera::Value::from(cards));
            ctx.insert(
                "practices_url",
                &routes::link(&routes::facet(Facet::Track, t.slug()), pretty),
            );
            (
                "track.html",
                t.title().to_string(),
                routes::TRACKS,
                crumbs(&[]),
            )
        }
        PageSpec::NotFound => {
            ctx.insert("home_url", &routes::link("", pretty));
            // The 404 page is served at any depth, so it links from the site's base path.
            return render_to(
                site,
                tera,
                ctx,
                "404.html".into(),
                "404.html",
                "Страница не найдена".into(),
                "404",
                vec![],
                site.config.base_path(),
            );
        }
    };
    let title = format::typo(&title);
    let description = match spec {
        PageSpec::Practice(i) => site.practices[*i].summary.as_deref(),
        PageSpec::News(i) => site.news[*i].summary.as_deref(),
        PageSpec::Landing => site.landing.as_ref().and_then(|l| l.summary.as_deref()),
        _ => None,
    };
    ctx.insert("page_description", &description.map(format::typo));
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
) -> Result<RenderedPage, Diagnostic> {
    let root = routes::root_prefix(&dir, site.config.pretty_urls);
    let file = routes::file_of(&dir);
    render_to(
        site,
        tera,
        ctx,
        file,
        template,
        title,
        section,
        breadcrumbs,
        &root,
    )
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
) -> Result<RenderedPage, Diagnostic> {
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
        description: ctx
            .get("page_description")
            .and_then(|v| v.as_str())
            .map(str::to_string),
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
    Ok(RenderedPage {
        path: file,
        html: out,
    })
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
        pages: pager_numbers(current, total)
            .into_iter()
            .map(|n| match n {
                Some(n) => PagerLink {
                    number: n,
                    url: url(n),
                    current: n == current,
                    gap: false,
                },
                None => PagerLink {
                    number: 0,
                    url: String::new(),
                    current: false,
                    gap: true,
                },
            })
            .collect(),
        range_text: if total_items == 0 {
            String::new()
        } else {
            let g = |n: usize| format::group(n as u64);
            format!("Показаны {}–{} из {}", g(from), g(to), g(total_items))
        },
    }
}

/// The first, the last and the two around the current page; `None` marks a gap.
/// A pager of 500 pages must not list 500 links on each of them.
fn pager_numbers(current: usize, total: usize) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    for n in 1..=total {
        let near = n == 1 || n == total || n.abs_diff(current) <= 2;
        if near {
            out.push(Some(n));
        } else if out.last() != Some(&None) {
            out.push(None);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pager_windows_long_lists() {
        assert_eq!(pager_numbers(1, 1), vec![Some(1)]);
        assert_eq!(pager_numbers(1, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(
            pager_numbers(10, 500),
            vec![
                Some(1),
                None,
                Some(8),
                Some(9),
                Some(10),
                Some(11),
                Some(12),
                None,
                Some(500)
            ]
        );
        let p = pager(routes::PRACTICES, 2, 41, false);
        assert_eq!(p.total, 3);
        assert_eq!(p.prev_url.as_deref(), Some("praktiki/index.html"));
        assert_eq!(
            p.next_url.as_deref(),
            Some("praktiki/stranica/3/index.html")
        );
        assert_eq!(p.range_text, "Показаны 21–40 из 41");
        let big = pager(routes::PRACTICES, 2, 10_000, false);
        assert_eq!(big.range_text, "Показаны 21–40 из 10\u{a0}000");
    }
}
