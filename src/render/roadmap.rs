//! Roadmap → views: the table of the roadmap page with a status per row,
//! the counts, and the landing page's short lists. Statuses and orderings are
//! [`crate::model::roadmap`]'s; this module only formats and links.

use std::collections::HashSet;

use super::views::{
    Link, ReportLink, RoadmapBrief, RoadmapRow, RoadmapSummary, RoadmapView, StatusCount,
};
use crate::model::roadmap::{Report, Roadmap, RoadmapItem, RoadmapStatus};
use crate::model::Site;
use crate::routes;
use crate::text::format::{count, file_label, typo};
use crate::text::slug::slugify;

/// Rows in each list of the landing page.
const BRIEF: usize = 5;

/// The roadmap page.
pub fn roadmap_view(site: &Site, roadmap: &Roadmap) -> RoadmapView {
    let pretty = site.config.pretty_urls;
    let anchors = anchors(roadmap);
    RoadmapView {
        title: typo(&roadmap.title),
        period_text: period_text(roadmap.years),
        approved_by: roadmap.approved_by.as_ref().and_then(|slug| {
            site.documents
                .iter()
                .find(|d| &d.slug == slug)
                .map(|d| Link {
                    title: typo(&d.title),
                    url: routes::link(&routes::document(&d.slug), pretty),
                })
        }),
        counts: counts(roadmap),
        total_text: activities(roadmap.activities().count()),
        rows: roadmap
            .items
            .iter()
            .zip(anchors)
            .map(|(item, anchor)| RoadmapRow {
                anchor,
                n: item.n.clone(),
                title: typo(&item.title),
                depth: item.depth,
                heading: !item.is_activity(),
                due: item.due.as_ref().map(|d| typo(&one_line(&d.text))),
                responsible: item.responsible.as_deref().map(typo),
                result: item.result.as_deref().map(typo),
                status: item
                    .is_activity()
                    .then(|| status_key(item.status).to_string()),
                status_label: item.is_activity().then(|| item.status.label().to_string()),
                report: item.report.as_ref().and_then(|r| report_link(site, r)),
            })
            .collect(),
    }
}

/// The landing page's summary: counts, and what is under way, next and late.
pub fn roadmap_summary(site: &Site, roadmap: &Roadmap) -> RoadmapSummary {
    let pretty = site.config.pretty_urls;
    let anchors = anchors(roadmap);
    let index_of = |item: &RoadmapItem| {
        roadmap
            .items
            .iter()
            .position(|i| std::ptr::eq(i, item))
            .unwrap_or(0)
    };
    let brief = |items: Vec<&RoadmapItem>| -> Vec<RoadmapBrief> {
        items
            .into_iter()
            .map(|item| RoadmapBrief {
                n: item.n.clone(),
                title: typo(&item.title),
                due: item.due.as_ref().map(|d| typo(&one_line(&d.text))),
                url: routes::link(&routes::roadmap_row(&anchors[index_of(item)]), pretty),
                status: status_key(item.status).to_string(),
                status_label: item.status.label().to_string(),
            })
            .collect()
    };
    let overdue_total = roadmap
        .activities()
        .filter(|i| i.status == RoadmapStatus::Overdue)
        .count();
    RoadmapSummary {
        url: routes::link(routes::ROADMAP, pretty),
        counts: counts(roadmap),
        in_progress: brief(roadmap.in_progress(BRIEF)),
        upcoming: brief(roadmap.upcoming(BRIEF)),
        overdue: brief(roadmap.overdue(BRIEF)),
        overdue_more: (overdue_total > BRIEF)
            .then(|| format!("и ещё {}", activities(overdue_total - BRIEF))),
    }
}

/// The status as the exports and CSS classes name it.
pub fn status_key(s: RoadmapStatus) -> &'static str {
    match s {
        RoadmapStatus::Done => "done",
        RoadmapStatus::Overdue => "overdue",
        RoadmapStatus::InProgress => "in_progress",
        RoadmapStatus::Upcoming => "upcoming",
        RoadmapStatus::NoDeadline => "no_deadline",
    }
}

fn activities(n: usize) -> String {
    count(n, "мероприятие", "мероприятия", "мероприятий")
}

fn counts(roadmap: &Roadmap) -> Vec<StatusCount> {
    roadmap
        .counts()
        .into_iter()
        .map(|(status, n)| StatusCount {
            status: status_key(status).to_string(),
            label: status.label().to_string(),
            count: n,
            count_text: activities(n),
        })
        .collect()
}

/// «2020 год», «2020–2024 годы».
fn period_text((first, last): (i32, i32)) -> String {
    if first == last {
        format!("{first}\u{a0}год")
    } else {
        format!("{first}–{last}\u{a0}годы")
    }
}

/// A row's id on the page: «punkt-1-1» from its number, «punkt-bez-nomera-N» without one.
fn anchors(roadmap: &Roadmap) -> Vec<String> {
    let mut used = HashSet::new();
    roadmap
        .items
        .iter()
        .enumerate()
        .map(|(k, item)| {
            let base = match slugify(&item.n) {
                s if s.is_empty() => format!("punkt-bez-nomera-{}", k + 1),
                s => format!("punkt-{s}"),
            };
            let mut anchor = base.clone();
            let mut i = 2;
            while !used.insert(anchor.clone()) {
                anchor = format!("{base}-{i}");
                i += 1;
            }
            anchor
        })
        .collect()
}

/// Deadlines copied from PDF keep their line breaks; a table cell shows one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn report_link(site: &Site, report: &Report) -> Option<ReportLink> {
    let pretty = site.config.pretty_urls;
    Some(match report {
        Report::Url(url) => ReportLink {
            title: "Отчёт".to_string(),
            url: url.clone(),
            label: None,
            external: true,
        },
        Report::File(f) => ReportLink {
            title: "Отчёт".to_string(),
            url: routes::static_file(&f.rel),
            label: Some(file_label(&f.rel, f.size)),
            external: false,
        },
        Report::Document(slug) => {
            let d = site.documents.iter().find(|d| &d.slug == slug)?;
            ReportLink {
                title: typo(&d.title),
                url: routes::link(&routes::document(slug), pretty),
                label: None,
                external: false,
            }
        }
        Report::News(slug) => {
            let n = site.news.iter().find(|n| &n.slug == slug)?;
            ReportLink {
                title: typo(&n.title),
                url: routes::link(&routes::news(slug), pretty),
                label: None,
                external: false,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_and_lines() {
        assert_eq!(period_text((2020, 2020)), "2020\u{a0}год");
        assert_eq!(period_text((2020, 2024)), "2020–2024\u{a0}годы");
        assert_eq!(
            one_line("Октябрь-декабрь \n2020 г."),
            "Октябрь-декабрь 2020 г."
        );
    }
}
