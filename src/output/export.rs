//! `export/bundle.json` (schema 1, see [`crate::bundle`]): the section as
//! data, the only input a district build needs from a school. Keys are absent
//! where there is no value. It holds only what the site publishes: practices'
//! authors are already the published ones, held-back mentors never reach here.

use rayon::prelude::*;

use super::kpi::{self, Detail};
use crate::bundle::{self, Bundle};
use crate::config::SiteLevel;
use crate::model::deadline::Deadline;
use crate::model::roadmap::{Report, Roadmap};
use crate::model::{Award, Practice, Site};
use crate::output::OutputFile;
use crate::render::build_views::SiteTargets;
use crate::render::markdown::{self, MarkdownContext};
use crate::routes;
use crate::text::format::file_label;

/// The bundle schema version this build writes.
pub const SCHEMA: u32 = bundle::SCHEMA;

fn award(a: &Award) -> bundle::Award {
    bundle::Award {
        contest: a.contest.clone(),
        nomination: a.nomination.clone(),
        place: a.place,
    }
}

fn due(d: &Deadline) -> bundle::Due {
    // The deadline's own serialization is the schema's `due`.
    serde_json::to_value(d)
        .ok()
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_else(|| bundle::Due {
            text: d.text.clone(),
            kind: "unknown".into(),
            from: None,
            to: None,
        })
}

/// A serde enum's key (`finished`, `in_progress`).
fn key<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The roadmap as the bundle writes it.
pub fn roadmap(r: &Roadmap) -> bundle::Roadmap {
    let (first, last) = r.years;
    bundle::Roadmap {
        title: r.title.clone(),
        year: (first == last).then_some(first),
        years: (first != last).then_some([first, last]),
        approved_by: r.approved_by.clone(),
        items: r
            .items
            .iter()
            .map(|i| bundle::RoadmapItem {
                n: i.n.clone(),
                title: i.title.clone(),
                depth: i.depth,
                due: i.due.as_ref().map(due),
                responsible: i.responsible.clone(),
                result: i.result.clone(),
                report: i.report.as_ref().map(|rep| match rep {
                    Report::Url(url) => url.clone(),
                    Report::File(f) => routes::static_file(&f.rel),
                    Report::Document(slug) => routes::document(slug),
                    Report::News(slug) => routes::news(slug),
                }),
                status: key(&i.status),
            })
            .collect(),
    }
}

/// A practice with what its page shows; links in its body are absolute
/// under the site's `base_url`, so the text reads the same at a district.
fn practice(site: &Site, targets: &SiteTargets, p: &Practice) -> bundle::Practice {
    let base = &site.config.base_url;
    let ctx = MarkdownContext {
        path: &p.source.path,
        first_line: p.source.body_line,
        root: base,
        pretty: site.config.pretty_urls,
        targets,
    };
    // The page's own rendering already reported the body's problems.
    let (body_html, _) = markdown::render(&p.source.body, &ctx);
    bundle::Practice {
        slug: p.slug.clone(),
        url: routes::practice(&p.slug),
        title: p.title.clone(),
        summary: p.summary.clone(),
        forms: p.forms.clone(),
        track: Some(p.track.name().to_string()),
        year: p.year,
        level: p.level.name().to_string(),
        organization: p.organization.clone(),
        tags: p.tags.clone(),
        award: p.awards.first().map(award),
        awards: if p.awards.len() > 1 {
            p.awards.iter().map(award).collect()
        } else {
            Vec::new()
        },
        date: p.date.map(|d| d.to_string()),
        role_model: p.role_model.clone(),
        authors: p.authors.clone(),
        results: p.results.clone(),
        attachments: p
            .attachments
            .iter()
            .map(|a| bundle::Attachment {
                title: a
                    .title
                    .clone()
                    .unwrap_or_else(|| a.file.rel.rsplit('/').next().unwrap_or("").to_string()),
                url: format!("{base}{}", routes::static_file(&a.file.rel)),
                label: Some(file_label(&a.file.rel, a.file.size)),
            })
            .collect(),
        body_html: (!body_html.trim().is_empty()).then_some(body_html),
    }
}

/// The organization part of the bundle.
pub fn organization(site: &Site) -> bundle::Organization {
    bundle::Organization {
        name: site.config.organization.clone(),
        slug: site.config.organization_slug(),
        level: match site.config.level {
            SiteLevel::School => "school",
            SiteLevel::District => "district",
        }
        .to_string(),
        base_url: Some(site.config.base_url.clone()),
    }
}

/// The bundle of `site`, as data.
pub fn bundle_of(site: &Site) -> Bundle {
    let targets = SiteTargets::new(site);
    Bundle {
        schema: SCHEMA,
        generator: format!("nastavnik {}", env!("CARGO_PKG_VERSION")),
        today: site.today.to_string(),
        organization: organization(site),
        practices: site
            .practices
            .par_iter()
            .map(|p| practice(site, &targets, p))
            .collect(),
        programs: site
            .programs
            .iter()
            .map(|p| bundle::Program {
                slug: p.slug.clone(),
                url: routes::program(&p.slug),
                title: p.title.clone(),
                form: p.form.clone(),
                track: Some(p.track.name().to_string()),
                start: p.start.map(|d| d.to_string()),
                end: p.end.map(|d| d.to_string()),
                pairs: p.pairs,
            })
            .collect(),
        contests: site
            .contests
            .iter()
            .map(|c| bundle::Contest {
                slug: c.slug.clone(),
                url: routes::contest(&c.slug),
                title: c.title.clone(),
                status: key(&c.status),
                announced: Some(c.announced.to_string()),
                submissions_until: Some(c.submissions_until.to_string()),
                results_date: Some(c.results_date.to_string()),
            })
            .collect(),
        kpi: site.kpi.as_ref().map(|k| kpi::entry(k, Detail::Bundle)),
        roadmap: site.roadmap.as_ref().map(roadmap),
        sources: Vec::new(),
    }
}

/// Builds `export/bundle.json`.
pub fn bundle(site: &Site) -> OutputFile {
    OutputFile::Bytes {
        path: "export/bundle.json".into(),
        bytes: bundle_of(site).to_bytes(),
    }
}
