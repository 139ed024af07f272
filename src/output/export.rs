//! `export/bundle.json` (schema 1): the section as data, the only input a
//! district build needs from a school. Keys are absent where there is no value.

use serde::Serialize;

use super::kpi::{self, KpiEntry};
use crate::config::SiteLevel;
use crate::model::deadline::Deadline;
use crate::model::roadmap::{Report, Roadmap, RoadmapStatus};
use crate::model::{ContestStatus, Site};
use crate::output::OutputFile;
use crate::routes;

/// The bundle schema version this build writes.
pub const SCHEMA: u32 = 1;

#[derive(Serialize)]
struct Bundle<'a> {
    schema: u32,
    generator: String,
    today: String,
    organization: Organization<'a>,
    practices: Vec<PracticeEntry<'a>>,
    programs: Vec<ProgramEntry<'a>>,
    contests: Vec<ContestEntry<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kpi: Option<KpiEntry<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    roadmap: Option<RoadmapEntry<'a>>,
}

#[derive(Serialize)]
struct RoadmapEntry<'a> {
    title: &'a str,
    /// A one-year roadmap.
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<i32>,
    /// A roadmap over several years: [first, last].
    #[serde(skip_serializing_if = "Option::is_none")]
    years: Option<[i32; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    approved_by: Option<&'a str>,
    items: Vec<RoadmapItemEntry<'a>>,
}

#[derive(Serialize)]
struct RoadmapItemEntry<'a> {
    #[serde(skip_serializing_if = "str::is_empty")]
    n: &'a str,
    title: &'a str,
    /// 1 for top-level items, 2 for their sub-items, …
    depth: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    due: Option<&'a Deadline>,
    #[serde(skip_serializing_if = "Option::is_none")]
    responsible: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    result: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    report: Option<String>,
    status: RoadmapStatus,
}

#[derive(Serialize)]
struct Organization<'a> {
    name: &'a str,
    slug: String,
    level: &'static str,
}

#[derive(Serialize)]
struct AwardEntry<'a> {
    contest: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    nomination: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<u32>,
}

#[derive(Serialize)]
struct PracticeEntry<'a> {
    slug: &'a str,
    url: String,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    forms: &'a [String],
    track: &'static str,
    year: i32,
    level: &'static str,
    organization: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    award: Option<AwardEntry<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    awards: Vec<AwardEntry<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
}

#[derive(Serialize)]
struct ProgramEntry<'a> {
    slug: &'a str,
    url: String,
    title: &'a str,
    form: &'a str,
    track: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pairs: Option<u32>,
}

#[derive(Serialize)]
struct ContestEntry<'a> {
    slug: &'a str,
    url: String,
    title: &'a str,
    status: ContestStatus,
    announced: String,
    submissions_until: String,
    results_date: String,
}

fn award(a: &crate::model::Award) -> AwardEntry<'_> {
    AwardEntry {
        contest: &a.contest,
        nomination: a.nomination.as_deref(),
        place: a.place,
    }
}

fn roadmap(r: &Roadmap) -> RoadmapEntry<'_> {
    let (first, last) = r.years;
    RoadmapEntry {
        title: &r.title,
        year: (first == last).then_some(first),
        years: (first != last).then_some([first, last]),
        approved_by: r.approved_by.as_deref(),
        items: r
            .items
            .iter()
            .map(|i| RoadmapItemEntry {
                n: &i.n,
                title: &i.title,
                depth: i.depth,
                due: i.due.as_ref(),
                responsible: i.responsible.as_deref(),
                result: i.result.as_deref(),
                report: i.report.as_ref().map(|rep| match rep {
                    Report::Url(url) => url.clone(),
                    Report::File(f) => routes::static_file(&f.rel),
                    Report::Document(slug) => routes::document(slug),
                    Report::News(slug) => routes::news(slug),
                }),
                status: i.status,
            })
            .collect(),
    }
}

/// Builds `export/bundle.json`.
pub fn bundle(site: &Site) -> OutputFile {
    let b = Bundle {
        schema: SCHEMA,
        generator: format!("nastavnik {}", env!("CARGO_PKG_VERSION")),
        today: site.today.to_string(),
        organization: Organization {
            name: &site.config.organization,
            slug: site.config.organization_slug(),
            level: match site.config.level {
                SiteLevel::School => "school",
                SiteLevel::District => "district",
            },
        },
        practices: site
            .practices
            .iter()
            .map(|p| PracticeEntry {
                slug: &p.slug,
                url: routes::practice(&p.slug),
                title: &p.title,
                summary: p.summary.as_deref(),
                forms: &p.forms,
                track: p.track.name(),
                year: p.year,
                level: p.level.name(),
                organization: &p.organization,
                tags: &p.tags,
                award: p.awards.first().map(award),
                awards: if p.awards.len() > 1 {
                    p.awards.iter().map(award).collect()
                } else {
                    Vec::new()
                },
                date: p.date.map(|d| d.to_string()),
            })
            .collect(),
        programs: site
            .programs
            .iter()
            .map(|p| ProgramEntry {
                slug: &p.slug,
                url: routes::program(&p.slug),
                title: &p.title,
                form: &p.form,
                track: p.track.name(),
                start: p.start.map(|d| d.to_string()),
                end: p.end.map(|d| d.to_string()),
                pairs: p.pairs,
            })
            .collect(),
        contests: site
            .contests
            .iter()
            .map(|c| ContestEntry {
                slug: &c.slug,
                url: routes::contest(&c.slug),
                title: &c.title,
                status: c.status,
                announced: c.announced.to_string(),
                submissions_until: c.submissions_until.to_string(),
                results_date: c.results_date.to_string(),
            })
            .collect(),
        kpi: site
            .kpi
            .as_ref()
            .map(|k| kpi::entry(k, kpi::Detail::Bundle)),
        roadmap: site.roadmap.as_ref().map(roadmap),
    };
    let mut bytes = serde_json::to_vec_pretty(&b).unwrap_or_default();
    bytes.push(b'\n');
    OutputFile::Bytes {
        path: "export/bundle.json".into(),
        bytes,
    }
}
