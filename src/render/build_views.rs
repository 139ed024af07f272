//! Model → views: everything templates show, formatted once.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use super::markdown::{self, LinkTargets, MarkdownContext};
use super::views::*;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::collate;
use crate::model::forms::Track;
use crate::model::{Award, FileRef, Level, Practice, ProgramDocument, Site};
use crate::routes::{self, Facet};
use crate::text::format::{count, file_label, numeric_date, ru_date, typo};
use crate::text::slug::slugify;
use crate::text::source::Source;

/// A paginated list of practices: the whole catalogue or one facet term.
pub struct Catalogue {
    pub base: String,
    pub heading: String,
    /// Indexes into `site.practices`, in catalogue order.
    pub items: Vec<usize>,
    pub term_url: String,
}

/// One practice as the lists show it. Built once per practice and, in `serve`,
/// kept across rebuilds for the practices that did not change.
#[derive(Debug)]
pub struct PracticeEntry {
    pub card: PracticeCard,
    /// The card converted for templates once, shared by every list it appears in.
    pub value: tera::Value,
    /// The facet terms the practice is filed under, in [`Facet::ALL`] order.
    pub terms: Vec<FacetTerm>,
}

/// A practice's place in one facet: `praktiki/teg/<slug>/`, shown as `name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetTerm {
    pub facet: Facet,
    pub slug: String,
    pub name: String,
}

/// The contests' titles by slug: what a practice's card needs of other items.
pub type ContestTitles<'a> = HashMap<&'a str, &'a str>;

/// The contest titles of `site`, for [`practice_entry`].
pub fn contest_titles(site: &Site) -> ContestTitles<'_> {
    site.contests
        .iter()
        .map(|c| (c.slug.as_str(), c.title.as_str()))
        .collect()
}

/// Builds one practice's entry; it depends on the practice, the contests'
/// titles and the site's settings only.
pub fn practice_entry(site: &Site, p: &Practice, contest_titles: &ContestTitles) -> PracticeEntry {
    let card = card(site, p, contest_titles);
    let value = tera::Value::from_serializable(&card);
    PracticeEntry {
        card,
        value,
        terms: facet_terms(p),
    }
}

/// The paginated lists of practices and the facet blocks they all show;
/// made from the practices' entries alone (and the site's settings).
pub struct PracticeLists {
    pub catalogues: Vec<Catalogue>,
    pub facets: tera::Value,
}

/// What `serve` hands over from its previous build instead of building it again.
pub struct Previous<'a> {
    /// The entry of practice `i`, when that practice did not change.
    pub entry: &'a (dyn Fn(usize) -> Option<Arc<PracticeEntry>> + Sync),
    /// The previous lists and the entries they were made from: kept when the
    /// practices at every position are filed under the same terms as before
    /// (the lists hold positions, the facet blocks count terms).
    pub lists: Option<(&'a [Arc<PracticeEntry>], Arc<PracticeLists>)>,
}

/// All views of a site, shared by reference across page renders.
pub struct Views {
    pub site: SiteView,
    pub menu: Vec<MenuItem>,
    /// One entry per practice, in `site.practices` order.
    pub practices: Vec<Arc<PracticeEntry>>,
    pub lists: Arc<PracticeLists>,
    pub programs: Vec<ProgramView>,
    pub contests: Vec<ContestView>,
    pub document_groups: Vec<DocumentGroup>,
    pub news: Vec<NewsView>,
    pub mentors: Vec<MentorView>,
    pub partners: Vec<PartnerView>,
    pub pages_html: Vec<String>,
    pub landing_html: String,
    pub sections: Vec<SectionLink>,
    pub tracks: Vec<Link>,
    pub kpi: Option<KpiView>,
    pub kpi_summary: Option<KpiSummary>,
    pub roadmap: Option<RoadmapView>,
    pub roadmap_summary: Option<RoadmapSummary>,
    pub targets: SiteTargets,
}

/// What `@/kind/slug` links may point at.
#[derive(Clone)]
pub struct SiteTargets {
    slugs: HashMap<&'static str, HashSet<String>>,
    statics: HashSet<String>,
    iframe_hosts: Vec<String>,
}

impl SiteTargets {
    /// The `@/kind/slug` references that resolve in `old` but not in `self`:
    /// pages linking to them must be rendered again (and now fail).
    pub fn lost_since(&self, old: &SiteTargets) -> Vec<String> {
        let mut lost = Vec::new();
        for (kind, slugs) in &old.slugs {
            let now = self.slugs.get(kind);
            for slug in slugs {
                if !now.is_some_and(|n| n.contains(slug)) {
                    lost.push(format!("@/{kind}/{slug}"));
                }
            }
        }
        lost.sort();
        lost
    }

    /// Whether both resolve the same static files.
    pub fn same_statics(&self, other: &SiteTargets) -> bool {
        self.statics == other.statics
    }

    /// The targets of `site`.
    pub fn new(site: &Site) -> Self {
        let mut slugs: HashMap<&'static str, HashSet<String>> = HashMap::new();
        slugs.insert(
            "practices",
            site.practices.iter().map(|p| p.slug.clone()).collect(),
        );
        slugs.insert(
            "programs",
            site.programs.iter().map(|p| p.slug.clone()).collect(),
        );
        slugs.insert(
            "contests",
            site.contests.iter().map(|p| p.slug.clone()).collect(),
        );
        slugs.insert(
            "documents",
            site.documents.iter().map(|p| p.slug.clone()).collect(),
        );
        slugs.insert("news", site.news.iter().map(|p| p.slug.clone()).collect());
        slugs.insert("pages", site.pages.iter().map(|p| p.slug.clone()).collect());
        SiteTargets {
            slugs,
            statics: site.static_files.iter().map(|f| f.rel.clone()).collect(),
            iframe_hosts: site.config.iframe_hosts.clone(),
        }
    }
}

impl LinkTargets for SiteTargets {
    fn resolve(&self, kind: &str, slug: &str) -> Option<String> {
        if !self.slugs.get(kind)?.contains(slug) {
            return None;
        }
        Some(match kind {
            "practices" => routes::practice(slug),
            "programs" => routes::program(slug),
            "contests" => routes::contest(slug),
            "documents" => routes::document(slug),
            "news" => routes::news(slug),
            _ => routes::page(slug),
        })
    }

    fn has_static(&self, rel: &str) -> bool {
        self.statics.contains(rel)
    }

    fn iframe_hosts(&self) -> &[String] {
        &self.iframe_hosts
    }
}

/// Renders an item's Markdown body for a page living at `dir`.
pub fn body(
    site: &Site,
    targets: &SiteTargets,
    src: &Source,
    text: &str,
    dir: &str,
) -> (String, Vec<Diagnostic>) {
    let root = routes::root_prefix(dir, site.config.pretty_urls);
    let ctx = MarkdownContext {
        path: &src.path,
        first_line: src.body_line,
        root: &root,
        pretty: site.config.pretty_urls,
        targets,
    };
    markdown::render(text, &ctx)
}

fn opt(s: &Option<String>) -> Option<String> {
    s.as_deref().map(typo)
}

impl Views {
    /// Builds every shared view; Markdown problems go to `diags`.
    pub fn build(site: &Site, diags: &Diagnostics) -> Views {
        Views::build_reusing(
            site,
            diags,
            Previous {
                entry: &|_| None,
                lists: None,
            },
        )
    }

    /// Builds every shared view, reusing what `previous` offers (`serve`
    /// keeps what belongs to practices that did not change).
    pub fn build_reusing(site: &Site, diags: &Diagnostics, previous: Previous) -> Views {
        let pretty = site.config.pretty_urls;
        let link = |dir: &str| routes::link(dir, pretty);
        let targets = SiteTargets::new(site);
        let contest_titles = contest_titles(site);

        let practices: Vec<Arc<PracticeEntry>> = site
            .practices
            .par_iter()
            .enumerate()
            .map(|(i, p)| {
                (previous.entry)(i)
                    .unwrap_or_else(|| Arc::new(practice_entry(site, p, &contest_titles)))
            })
            .collect();
        let lists = match previous.lists {
            Some((entries, lists))
                if entries.len() == practices.len()
                    && entries
                        .iter()
                        .zip(&practices)
                        .all(|(a, b)| Arc::ptr_eq(a, b) || a.terms == b.terms) =>
            {
                lists
            }
            _ => {
                let (catalogues, facets) = catalogues(site, &practices);
                Arc::new(PracticeLists {
                    catalogues,
                    facets: tera::Value::from_serializable(&facets),
                })
            }
        };

        let with_body = |src: &Source, dir: &str| {
            let (html, problems) = body(site, &targets, src, &src.body, dir);
            diags.extend(problems);
            html
        };

        let programs = site
            .programs
            .iter()
            .map(|p| {
                let dir = routes::program(&p.slug);
                ProgramView {
                    slug: p.slug.clone(),
                    url: link(&dir),
                    title: typo(&p.title),
                    form: Link {
                        title: p.form.clone(),
                        url: link(&routes::facet(Facet::Form, &slugify(&p.form))),
                    },
                    track: track_link(p.track, pretty),
                    audience: opt(&p.audience),
                    period: match (p.start, p.end) {
                        (Some(s), Some(e)) => Some(format!("{} — {}", ru_date(s), ru_date(e))),
                        (Some(s), None) => Some(format!("с {}", ru_date(s))),
                        (None, Some(e)) => Some(format!("по {}", ru_date(e))),
                        (None, None) => None,
                    },
                    curator: opt(&p.curator),
                    pairs: p.pairs.map(|n| {
                        count(
                            n as usize,
                            "наставническая пара/группа",
                            "наставнические пары/группы",
                            "наставнических пар/групп",
                        )
                    }),
                    stages: p
                        .stages
                        .iter()
                        .map(|s| StageView {
                            title: typo(&s.title),
                            date: match (s.date, s.until) {
                                (Some(d), Some(u)) => {
                                    Some(format!("{} — {}", ru_date(d), ru_date(u)))
                                }
                                (Some(d), None) => Some(ru_date(d)),
                                (None, Some(u)) => Some(format!("до {}", ru_date(u))),
                                (None, None) => None,
                            },
                        })
                        .collect(),
                    document: p.document.as_ref().and_then(|d| match d {
                        ProgramDocument::File(f) => Some(file_link(f, "Текст программы")),
                        ProgramDocument::Document(slug) => site
                            .documents
                            .iter()
                            .find(|d| &d.slug == slug)
                            .map(|d| match &d.file {
                                Some(f) => file_link(f, &typo(&d.title)),
                                None => FileLink {
                                    title: typo(&d.title),
                                    url: link(&routes::document(&d.slug)),
                                    label: String::new(),
                                },
                            }),
                    }),
                    body_html: with_body(&p.source, &dir),
                }
            })
            .collect();

        // Winners name practices; only those need looking up.
        let named: HashSet<&str> = site
            .contests
            .iter()
            .flat_map(|c| c.winners.iter().filter_map(|w| w.practice.as_deref()))
            .collect();
        let practice_title: HashMap<&str, &PracticeCard> = practices
            .iter()
            .filter(|e| named.contains(e.card.slug.as_str()))
            .map(|e| (e.card.slug.as_str(), &e.card))
            .collect();
        let contests = site
            .contests
            .iter()
            .map(|c| {
                let dir = routes::contest(&c.slug);
                ContestView {
                    slug: c.slug.clone(),
                    url: link(&dir),
                    title: typo(&c.title),
                    organizer: opt(&c.organizer),
                    level: c.level.map(|l| l.name().to_string()),
                    status: serde_json::to_value(c.status)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default(),
                    status_label: c.status.label().to_string(),
                    announced: ru_date(c.announced),
                    submissions_until: ru_date(c.submissions_until),
                    results_date: ru_date(c.results_date),
                    nominations: c.nominations.iter().map(|n| typo(n)).collect(),
                    regulations: c
                        .regulations
                        .as_ref()
                        .map(|f| file_link(f, "Положение о конкурсе")),
                    winners: c
                        .winners
                        .iter()
                        .map(|w| WinnerView {
                            nomination: opt(&w.nomination),
                            place: w.place.map(place_text),
                            participant: opt(&w.participant),
                            organization: opt(&w.organization),
                            practice: w
                                .practice
                                .as_deref()
                                .and_then(|s| practice_title.get(s))
                                .map(|card| Link {
                                    title: card.title.clone(),
                                    url: card.url.clone(),
                                }),
                        })
                        .collect(),
                    body_html: with_body(&c.source, &dir),
                }
            })
            .collect();

        let document_groups = Level::ALL
            .iter()
            .filter_map(|&level| {
                let documents: Vec<DocumentView> = site
                    .documents
                    .iter()
                    .filter(|d| d.level == level)
                    .map(|d| DocumentView {
                        slug: d.slug.clone(),
                        title: typo(&d.title),
                        kind: d.kind.clone(),
                        heading: document_heading(&d.kind, d.date, d.number.as_deref()),
                        number: d.number.clone(),
                        date: ru_date(d.date),
                        issuer: opt(&d.issuer),
                        track: d.track.map(|t| t.name().to_string()),
                        file: d.file.as_ref().map(|f| file_link(f, "Скачать")),
                        external_url: d.url.clone(),
                        signature: d.signature.as_ref().map(|s| SignatureView {
                            signer: s.signer.clone(),
                            position: s.position.clone(),
                            date: s.date.map(ru_date),
                            key: s.key.clone(),
                        }),
                        body_html: with_body(&d.source, routes::DOCUMENTS),
                    })
                    .collect();
                (!documents.is_empty()).then(|| DocumentGroup {
                    heading: level.heading().to_string(),
                    slug: level.slug().to_string(),
                    documents,
                })
            })
            .collect();

        let news: Vec<NewsView> = site
            .news
            .iter()
            .map(|n| {
                let dir = routes::news(&n.slug);
                NewsView {
                    slug: n.slug.clone(),
                    url: link(&dir),
                    title: typo(&n.title),
                    date: ru_date(n.date),
                    date_iso: n.date.to_string(),
                    summary: opt(&n.summary),
                    body_html: with_body(&n.source, &dir),
                }
            })
            .collect();

        let mentors = site
            .mentors
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let title = m.name.clone().unwrap_or_else(|| "Наставник".to_string());
                MentorView {
                    anchor: format!("nastavnik-{}", i + 1),
                    photo_alt: match &m.name {
                        Some(name) => format!("Фотография: {name}"),
                        None => "Фотография наставника".to_string(),
                    },
                    title,
                    name_published: m.name.is_some(),
                    position: opt(&m.position),
                    subject: opt(&m.subject),
                    experience: m
                        .experience
                        .map(|y| format!("стаж {}", count(y as usize, "год", "года", "лет"))),
                    category: opt(&m.category),
                    forms: m
                        .forms
                        .iter()
                        .map(|f| Link {
                            title: f.clone(),
                            url: link(&routes::facet(Facet::Form, &slugify(f))),
                        })
                        .collect(),
                    photo_url: m.photo.as_ref().map(|f| routes::static_file(&f.rel)),
                    bio_html: m.bio.as_ref().map(|b| {
                        let src = Source::from_text(&m.source_path, "");
                        let (html, problems) = body(site, &targets, &src, b, routes::MENTORS);
                        diags.extend(problems);
                        html
                    }),
                }
            })
            .collect();

        let partners = site
            .partners
            .iter()
            .map(|p| PartnerView {
                name: typo(&p.name),
                kind: opt(&p.kind),
                description: opt(&p.description),
                url: p.url.clone(),
                agreement: p.agreement.as_ref().and_then(|slug| {
                    site.documents
                        .iter()
                        .find(|d| &d.slug == slug)
                        .map(|d| Link {
                            title: typo(&d.title),
                            url: link(&routes::document(&d.slug)),
                        })
                }),
            })
            .collect();

        let pages_html = site
            .pages
            .iter()
            .map(|p| with_body(&p.source, &routes::page(&p.slug)))
            .collect();
        let landing_html = site
            .landing
            .as_ref()
            .map(|l| with_body(&l.source, ""))
            .unwrap_or_default();

        let menu = menu(site);
        let sections = sections(site);
        let tracks = Track::ALL.iter().map(|t| track_link(*t, pretty)).collect();
        let today_year = chrono::Datelike::year(&site.today);
        Views {
            site: site_view(site),
            menu,
            practices,
            lists,
            programs,
            contests,
            document_groups,
            news,
            mentors,
            partners,
            pages_html,
            landing_html,
            sections,
            tracks,
            kpi: site.kpi.as_ref().map(|k| super::kpi::kpi_view(k, pretty)),
            kpi_summary: site
                .kpi
                .as_ref()
                .and_then(|k| super::kpi::kpi_summary(k, today_year, pretty)),
            roadmap: site
                .roadmap
                .as_ref()
                .map(|r| super::roadmap::roadmap_view(site, r)),
            roadmap_summary: site
                .roadmap
                .as_ref()
                .map(|r| super::roadmap::roadmap_summary(site, r)),
            targets,
        }
    }
}

/// A practice's own page view, with its body rendered for that page.
pub fn practice_page(site: &Site, v: &Views, i: usize) -> (PracticeView, Vec<Diagnostic>) {
    let p = &site.practices[i];
    let dir = routes::practice(&p.slug);
    let (body_html, problems) = body(site, &v.targets, &p.source, &p.source.body, &dir);
    let view = PracticeView {
        card: v.practices[i].card.clone(),
        role_model: opt(&p.role_model),
        authors: p.authors.iter().map(|a| typo(a)).collect(),
        results: p.results.iter().map(|r| typo(r)).collect(),
        attachments: p
            .attachments
            .iter()
            .map(|a| {
                let title = a
                    .title
                    .clone()
                    .unwrap_or_else(|| a.file.rel.rsplit('/').next().unwrap_or("").to_string());
                file_link(&a.file, &typo(&title))
            })
            .collect(),
        date: p.date.map(ru_date),
        body_html,
    };
    (view, problems)
}

fn card(site: &Site, p: &Practice, contest_titles: &ContestTitles) -> PracticeCard {
    let pretty = site.config.pretty_urls;
    let link = |dir: String| routes::link(&dir, pretty);
    PracticeCard {
        slug: p.slug.clone(),
        url: link(routes::practice(&p.slug)),
        title: typo(&p.title),
        summary: opt(&p.summary),
        forms: p
            .forms
            .iter()
            .map(|f| Link {
                title: f.clone(),
                url: link(routes::facet(Facet::Form, &slugify(f))),
            })
            .collect(),
        year: Link {
            title: p.year.to_string(),
            url: link(routes::facet(Facet::Year, &p.year.to_string())),
        },
        organization: Link {
            title: typo(&p.organization),
            url: link(routes::facet(
                Facet::Organization,
                &slugify(&p.organization),
            )),
        },
        level: Link {
            title: p.level.name().to_string(),
            url: link(routes::facet(Facet::Level, p.level.slug())),
        },
        track: track_link(p.track, pretty),
        tags: p
            .tags
            .iter()
            .map(|t| Link {
                title: typo(t),
                url: link(routes::facet(Facet::Tag, &slugify(t))),
            })
            .collect(),
        awards: p
            .awards
            .iter()
            .map(|a| award_view(a, contest_titles, pretty))
            .collect(),
    }
}

fn award_view(a: &Award, contest_titles: &HashMap<&str, &str>, pretty: bool) -> AwardView {
    let title = contest_titles
        .get(a.contest.as_str())
        .copied()
        .unwrap_or(&a.contest);
    let mut text = a
        .place
        .map(place_text)
        .unwrap_or_else(|| "Участник".to_string());
    if let Some(n) = &a.nomination {
        text.push_str(&format!(
            ", номинация «{}»",
            n.trim_matches(['«', '»', '"'])
        ));
    }
    AwardView {
        contest: Link {
            title: typo(title),
            url: routes::link(&routes::contest(&a.contest), pretty),
        },
        nomination: a.nomination.clone(),
        place: a.place,
        text: typo(&text),
    }
}

fn place_text(place: u32) -> String {
    format!("{place}\u{a0}место")
}

fn track_link(t: Track, pretty: bool) -> Link {
    Link {
        title: t.name().to_string(),
        url: routes::link(&routes::track(t), pretty),
    }
}

fn file_link(f: &FileRef, title: &str) -> FileLink {
    FileLink {
        title: title.to_string(),
        url: routes::static_file(&f.rel),
        label: file_label(&f.rel, f.size),
    }
}

/// «Приказ от 27.08.2020 № 178»
fn document_heading(kind: &str, date: chrono::NaiveDate, number: Option<&str>) -> String {
    let mut kind_title = kind.to_string();
    if let Some(first) = kind_title.chars().next() {
        kind_title = first.to_uppercase().collect::<String>() + &kind_title[first.len_utf8()..];
    }
    match number {
        Some(n) => format!("{kind_title} от {} №\u{a0}{n}", numeric_date(date)),
        None => format!("{kind_title} от {}", numeric_date(date)),
    }
}

/// The facet terms of one practice, in [`Facet::ALL`] order.
fn facet_terms(p: &Practice) -> Vec<FacetTerm> {
    let mut out = Vec::new();
    for facet in Facet::ALL {
        let names: Vec<String> = match facet {
            Facet::Form => p.forms.clone(),
            Facet::Year => vec![p.year.to_string()],
            Facet::Organization => vec![p.organization.clone()],
            Facet::Level => vec![p.level.name().to_string()],
            Facet::Tag => p.tags.clone(),
            Facet::Track => vec![p.track.name().to_string()],
        };
        for name in names {
            let slug = match facet {
                Facet::Level => p.level.slug().to_string(),
                Facet::Track => p.track.slug().to_string(),
                _ => slugify(&name),
            };
            out.push(FacetTerm { facet, slug, name });
        }
    }
    out
}

/// The catalogue, one list per facet term, and the facet blocks.
fn catalogues(site: &Site, entries: &[Arc<PracticeEntry>]) -> (Vec<Catalogue>, Vec<FacetView>) {
    let pretty = site.config.pretty_urls;
    let all: Vec<usize> = (0..site.practices.len()).collect();
    let mut lists = vec![Catalogue {
        base: routes::PRACTICES.to_string(),
        heading: "Лучшие практики".to_string(),
        items: all,
        term_url: String::new(),
    }];
    // Per facet: term slug → (name, members). A term is named as the first
    // practice (in catalogue order) writes it. One pass over all practices.
    let mut by_facet: Vec<HashMap<&str, (&str, Vec<usize>)>> =
        Facet::ALL.iter().map(|_| HashMap::new()).collect();
    for (i, entry) in entries.iter().enumerate() {
        for term in &entry.terms {
            let Some(f) = Facet::ALL.iter().position(|x| *x == term.facet) else {
                continue;
            };
            let members = &mut by_facet[f]
                .entry(term.slug.as_str())
                .or_insert_with(|| (term.name.as_str(), Vec::new()))
                .1;
            if members.last() != Some(&i) {
                members.push(i);
            }
        }
    }
    let mut facets = Vec::new();
    for (facet, terms) in Facet::ALL.into_iter().zip(by_facet) {
        // By slug first, so that the display order below breaks ties the same way every time.
        let mut ordered: Vec<(String, String, Vec<usize>)> = terms
            .into_iter()
            .map(|(slug, (name, items))| (slug.to_string(), name.to_string(), items))
            .collect();
        ordered.sort_by(|a, b| a.0.cmp(&b.0));
        match facet {
            Facet::Year => ordered.sort_by(|a, b| b.1.cmp(&a.1)),
            Facet::Form => {
                let order: Vec<&str> = site.forms.all().iter().map(|f| f.name.as_str()).collect();
                ordered.sort_by_key(|t| order.iter().position(|n| *n == t.1).unwrap_or(usize::MAX));
            }
            Facet::Level => {
                ordered.sort_by_key(|t| Level::ALL.iter().position(|l| l.name() == t.1))
            }
            Facet::Track => {
                ordered.sort_by_key(|t| Track::ALL.iter().position(|l| l.name() == t.1))
            }
            _ => ordered.sort_by(|a, b| collate::compare(&a.1, &b.1)),
        }
        let mut block = FacetView {
            title: facet.title().to_string(),
            terms: Vec::new(),
        };
        for (slug, name, items) in ordered {
            let base = routes::facet(facet, &slug);
            let shown = typo(&name);
            block.terms.push(Term {
                name: shown.clone(),
                url: routes::link(&base, pretty),
                count: items.len(),
                count_text: count(items.len(), "практика", "практики", "практик"),
            });
            lists.push(Catalogue {
                heading: facet_heading(facet, &shown),
                term_url: routes::link(&base, pretty),
                base,
                items,
            });
        }
        if !block.terms.is_empty() {
            facets.push(block);
        }
    }
    (lists, facets)
}

fn facet_heading(facet: Facet, name: &str) -> String {
    match facet {
        Facet::Form => format!("Практики: форма «{name}»"),
        Facet::Year => format!("Практики {name}\u{a0}года"),
        Facet::Organization => format!("Практики: {name}"),
        Facet::Level => format!("Практики: {name} уровень"),
        Facet::Tag => format!("Практики по теме «{name}»"),
        Facet::Track => format!("Практики: наставничество ({name})"),
    }
}

fn site_view(site: &Site) -> SiteView {
    let c = &site.config;
    SiteView {
        title: typo(&c.title),
        organization: typo(&c.organization),
        short_name: typo(c.short_name.as_deref().unwrap_or(&c.organization)),
        description: opt(&c.description),
        logo_url: c.logo.as_deref().map(routes::static_file),
        accent_color: c
            .accent_color
            .clone()
            .unwrap_or_else(|| "#1f5fa8".to_string()),
        address: opt(&c.address),
        phone: c.phone.clone(),
        email: c.email.clone(),
        base_url: c.base_url.clone(),
        generator: format!("nastavnik {}", env!("CARGO_PKG_VERSION")),
        today: ru_date(site.today),
        today_iso: site.today.to_string(),
        year: chrono::Datelike::year(&site.today),
    }
}

/// The site's menu, or one made from the sections that have content.
fn menu(site: &Site) -> Vec<MenuItem> {
    let pretty = site.config.pretty_urls;
    let item = |title: &str, dir: &str| MenuItem {
        title: title.to_string(),
        url: routes::link(dir, pretty),
        key: dir.to_string(),
        external: false,
    };
    if !site.config.menu.is_empty() {
        return site
            .config
            .menu
            .iter()
            .map(|m| {
                let external = m.url.contains("://") || m.url.starts_with("mailto:");
                if external {
                    MenuItem {
                        title: m.title.clone(),
                        url: m.url.clone(),
                        key: m.url.clone(),
                        external,
                    }
                } else {
                    let dir = m.url.trim_start_matches('/');
                    let key = dir.split('/').next().map(|s| {
                        if s.is_empty() {
                            String::new()
                        } else {
                            format!("{s}/")
                        }
                    });
                    MenuItem {
                        key: key.unwrap_or_default(),
                        ..item(&m.title, dir)
                    }
                }
            })
            .collect();
    }
    let mut menu = vec![item("О наставничестве", "")];
    if !site.documents.is_empty() {
        menu.push(item("Документы", routes::DOCUMENTS));
    }
    if site.roadmap.is_some() {
        menu.push(item("Дорожная карта", routes::ROADMAP));
    }
    if !site.programs.is_empty() {
        menu.push(item("Программы", routes::PROGRAMS));
    }
    if !site.practices.is_empty() {
        menu.push(item("Лучшие практики", routes::PRACTICES));
    }
    if !site.contests.is_empty() {
        menu.push(item("Конкурсы", routes::CONTESTS));
    }
    if !site.mentors.is_empty() {
        menu.push(item("Наставники", routes::MENTORS));
    }
    if site.kpi.is_some() {
        menu.push(item("Показатели", routes::KPI));
    }
    if !site.news.is_empty() {
        menu.push(item("Новости", routes::NEWS));
    }
    if !site.partners.is_empty() {
        menu.push(item("Партнёры", routes::PARTNERS));
    }
    for p in site.pages.iter().filter(|p| p.in_menu) {
        menu.push(item(
            p.menu_title.as_deref().unwrap_or(&p.title),
            &routes::page(&p.slug),
        ));
    }
    menu
}

/// The landing page's tiles of sub-sections.
fn sections(site: &Site) -> Vec<SectionLink> {
    let pretty = site.config.pretty_urls;
    let mut out = Vec::new();
    let mut add = |title: &str, dir: &str, description: &str, n: Option<String>| {
        out.push(SectionLink {
            title: title.to_string(),
            url: routes::link(dir, pretty),
            description: typo(description),
            count: n,
        });
    };
    add(
        "Нормативные документы",
        routes::DOCUMENTS,
        "Приказы, положения и дорожные карты по уровням",
        Some(count(
            site.documents.len(),
            "документ",
            "документа",
            "документов",
        )),
    );
    if let Some(r) = &site.roadmap {
        let n = r.activities().count();
        add(
            "Дорожная карта",
            routes::ROADMAP,
            "План мероприятий по внедрению наставничества и ход его выполнения",
            Some(count(n, "мероприятие", "мероприятия", "мероприятий")),
        );
    }
    add(
        "Программы наставничества",
        routes::PROGRAMS,
        "Действующие программы, формы и этапы",
        Some(count(
            site.programs.len(),
            "программа",
            "программы",
            "программ",
        )),
    );
    add(
        "Лучшие практики",
        routes::PRACTICES,
        "Банк успешных практик (кейсов) с поиском по формам, годам и темам",
        Some(count(
            site.practices.len(),
            "практика",
            "практики",
            "практик",
        )),
    );
    add(
        "Конкурсы",
        routes::CONTESTS,
        "Конкурсы наставников и их итоги",
        Some(count(
            site.contests.len(),
            "конкурс",
            "конкурса",
            "конкурсов",
        )),
    );
    add(
        "Наставники",
        routes::MENTORS,
        "Педагоги-наставники, давшие согласие на публикацию сведений",
        Some(count(
            site.mentors.len(),
            "наставник",
            "наставника",
            "наставников",
        )),
    );
    if let Some(k) = &site.kpi {
        add(
            "Показатели эффективности",
            routes::KPI,
            "Плановые и фактические значения по годам, графики и выгрузка в CSV",
            Some(count(
                k.indicators.len(),
                "показатель",
                "показателя",
                "показателей",
            )),
        );
    }
    add(
        "Новости",
        routes::NEWS,
        "События и мероприятия",
        Some(count(site.news.len(), "новость", "новости", "новостей")),
    );
    out
}
