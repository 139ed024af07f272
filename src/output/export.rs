//! `export/bundle.json` (schema 1): the section as data, the only input a
//! district build needs from a school. Keys are absent where there is no value.

use serde::Serialize;

use crate::config::SiteLevel;
use crate::model::{ContestStatus, Site};
use crate::render::{routes, OutputFile};

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
                awards: if p.awards.len() > 1 { p.awards.iter().map(award).collect() } else { Vec::new() },
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
    };
    let mut bytes = serde_json::to_vec_pretty(&b).unwrap_or_default();
    bytes.push(b'\n');
    OutputFile::Bytes {
        path: "export/bundle.json".into(),
        bytes,
    }
}
