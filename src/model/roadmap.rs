//! The roadmap (дорожная карта): its items in the order the document numbers
//! them, each with its parsed deadline and its status on "today", and what
//! the pages summarize (counts per status, what is next, what is late).
//!
//! Pure: no I/O. The deadline text itself is parsed in [`super::deadline`].
//!
//! Decisions made here:
//! - An item without `due` has no deadline and the status «без срока»; no
//!   warning is given, because orders leave the cell empty on purpose (a
//!   heading row, «мониторинг» rows, rows continued by sub-items).
//! - `report` (a link to evidence) marks an item done unless it says
//!   `done: false`.
//! - Counts and summaries cover activities: rows without sub-items, and
//!   heading rows that carry their own deadline. A heading without a
//!   deadline is a title for its sub-items, not something to do.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::deadline::{self, Deadline};
use super::FileRef;
use crate::text::source::Source;

/// Where an item's evidence of completion is.
#[derive(Debug, Clone, PartialEq)]
pub enum Report {
    /// An address on the web.
    Url(String),
    /// A file under `static/`.
    File(FileRef),
    /// A document of the section, by slug.
    Document(String),
    /// A news item of the section, by slug.
    News(String),
}

/// One row of the roadmap.
#[derive(Debug, Clone, PartialEq)]
pub struct RoadmapItem {
    /// The number as the order writes it («1.1», «6.1.1»); may be empty.
    pub n: String,
    /// The activity.
    pub title: String,
    /// 1 for top-level rows, 2 for their sub-items, …
    pub depth: usize,
    /// Whether sub-items follow it.
    pub has_children: bool,
    /// The deadline, if the row has one.
    pub due: Option<Deadline>,
    pub responsible: Option<String>,
    pub result: Option<String>,
    /// Done, by `done: true` or by a report.
    pub done: bool,
    pub report: Option<Report>,
    /// The status on "today".
    pub status: RoadmapStatus,
}

impl RoadmapItem {
    /// Whether the row is something to do (see the module notes), not only a heading.
    pub fn is_activity(&self) -> bool {
        !self.has_children || self.due.is_some()
    }
}

/// `data/roadmap.yaml`, loaded and evaluated on "today".
#[derive(Debug, Clone)]
pub struct Roadmap {
    pub title: String,
    /// The first and the last year it covers (equal for a one-year roadmap).
    pub years: (i32, i32),
    /// Slug of the approving document.
    pub approved_by: Option<String>,
    /// Every row, depth first, in the order of the file.
    pub items: Vec<RoadmapItem>,
    pub source: Source,
}

/// The status of a roadmap item against "today".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoadmapStatus {
    /// The item says it is done.
    Done,
    /// Not done and "today" is after its last day.
    Overdue,
    /// Between its first day (or the roadmap's start) and its last day.
    InProgress,
    /// Before its first day.
    Upcoming,
    /// Unscheduled or unreadable deadline.
    NoDeadline,
}

impl RoadmapStatus {
    /// The Russian label shown on the roadmap page.
    pub fn label(self) -> &'static str {
        match self {
            RoadmapStatus::Done => "выполнено",
            RoadmapStatus::Overdue => "просрочено",
            RoadmapStatus::InProgress => "в работе",
            RoadmapStatus::Upcoming => "предстоит",
            RoadmapStatus::NoDeadline => "без срока",
        }
    }
}

/// Every status, in the order the page lists them.
pub const STATUSES: [RoadmapStatus; 5] = [
    RoadmapStatus::Done,
    RoadmapStatus::InProgress,
    RoadmapStatus::Upcoming,
    RoadmapStatus::Overdue,
    RoadmapStatus::NoDeadline,
];

impl Roadmap {
    /// The activities (rows that are not bare headings).
    pub fn activities(&self) -> impl Iterator<Item = &RoadmapItem> {
        self.items.iter().filter(|i| i.is_activity())
    }

    /// How many activities have each status, in [`STATUSES`] order.
    pub fn counts(&self) -> Vec<(RoadmapStatus, usize)> {
        STATUSES
            .iter()
            .map(|&s| (s, self.activities().filter(|i| i.status == s).count()))
            .collect()
    }

    /// Activities not yet started, the nearest start first.
    pub fn upcoming(&self, limit: usize) -> Vec<&RoadmapItem> {
        self.pick(RoadmapStatus::Upcoming, limit, |d| {
            d.from.unwrap_or(NaiveDate::MAX)
        })
    }

    /// Activities under way, the nearest end first (open-ended ones last).
    pub fn in_progress(&self, limit: usize) -> Vec<&RoadmapItem> {
        self.pick(RoadmapStatus::InProgress, limit, |d| {
            d.to.unwrap_or(NaiveDate::MAX)
        })
    }

    /// Overdue activities, the most recently due first.
    pub fn overdue(&self, limit: usize) -> Vec<&RoadmapItem> {
        self.pick(RoadmapStatus::Overdue, limit, |d| std::cmp::Reverse(d.to))
    }

    /// Up to `limit` activities of one status, ordered by their deadline
    /// (a stable sort keeps the order of the file among equal dates).
    fn pick<K: Ord>(
        &self,
        status: RoadmapStatus,
        limit: usize,
        key: impl Fn(&Deadline) -> K,
    ) -> Vec<&RoadmapItem> {
        let mut items: Vec<&RoadmapItem> =
            self.activities().filter(|i| i.status == status).collect();
        items.sort_by_cached_key(|i| i.due.as_ref().map(&key));
        items.truncate(limit);
        items
    }
}

/// The first day of a roadmap's first year: where «до …» deadlines start.
pub fn start_of(years: (i32, i32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(years.0.min(years.1), 1, 1).unwrap_or(NaiveDate::MIN)
}

/// The status of a row on `today` (see [`deadline::status`]); a row without a deadline has none.
pub fn item_status(
    due: Option<&Deadline>,
    done: bool,
    today: NaiveDate,
    start: NaiveDate,
) -> RoadmapStatus {
    match due {
        Some(d) => deadline::status(d, done, today, start),
        None if done => RoadmapStatus::Done,
        None => RoadmapStatus::NoDeadline,
    }
}

/// A number as compared for duplicates: «1.2.» and «1.2» are the same row.
pub fn number_key(n: &str) -> &str {
    n.trim().trim_end_matches('.').trim_end()
}

/// Rows whose number repeats an earlier row's: (index, index of the first). Empty numbers never repeat.
pub fn duplicate_numbers<'a>(numbers: impl IntoIterator<Item = &'a str>) -> Vec<(usize, usize)> {
    let mut first: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut out = Vec::new();
    for (i, n) in numbers.into_iter().enumerate() {
        let key = number_key(n);
        if key.is_empty() {
            continue;
        }
        match first.get(key) {
            Some(&f) => out.push((i, f)),
            None => {
                first.insert(key, i);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::deadline::parse_deadline;
    use std::path::Path;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn item(
        n: &str,
        due: Option<&str>,
        done: bool,
        has_children: bool,
        today: &str,
    ) -> RoadmapItem {
        let years = (2024, 2024);
        let due = due.map(|t| parse_deadline(t, years).0);
        let status = item_status(due.as_ref(), done, d(today), start_of(years));
        RoadmapItem {
            n: n.to_string(),
            title: format!("Пункт {n}"),
            depth: n.split('.').count(),
            has_children,
            due,
            responsible: None,
            result: None,
            done,
            report: None,
            status,
        }
    }

    fn roadmap(items: Vec<RoadmapItem>) -> Roadmap {
        Roadmap {
            title: "Дорожная карта".to_string(),
            years: (2024, 2024),
            approved_by: None,
            items,
            source: Source::from_text(Path::new("data/roadmap.yaml"), ""),
        }
    }

    #[test]
    fn a_row_without_a_deadline_has_none_unless_done() {
        let today = d("2024-06-01");
        let start = start_of((2024, 2024));
        assert_eq!(
            item_status(None, false, today, start),
            RoadmapStatus::NoDeadline
        );
        assert_eq!(item_status(None, true, today, start), RoadmapStatus::Done);
        let (due, _) = parse_deadline("до 01.05.2024", (2024, 2024));
        assert_eq!(
            item_status(Some(&due), false, today, start),
            RoadmapStatus::Overdue
        );
        assert_eq!(start, d("2024-01-01"));
        assert_eq!(start_of((2024, 2020)), d("2020-01-01"));
    }

    #[test]
    fn counts_and_lists_cover_activities_only() {
        let today = "2024-06-01";
        let r = roadmap(vec![
            item("1", None, false, true, today),
            item("1.1", Some("до 01.03.2024"), false, false, today),
            item("1.2", Some("до 01.05.2024"), false, false, today),
            item("1.3", Some("Сентябрь 2024"), false, false, today),
            item("1.4", Some("Июль 2024"), false, false, today),
            item("1.5", Some("В течение года"), false, false, today),
            item("1.6", Some("до 01.02.2024"), true, false, today),
            item("1.7", Some("по отдельному графику"), false, false, today),
            item("1.8", Some("до 01.12.2024"), false, false, today),
            item("2", Some("2024 г."), false, true, today),
        ]);
        let counts: Vec<usize> = r.counts().into_iter().map(|(_, n)| n).collect();
        // done, in progress, upcoming, overdue, no deadline
        assert_eq!(counts, vec![1, 3, 2, 2, 1]);
        let ns = |v: Vec<&RoadmapItem>| v.into_iter().map(|i| i.n.clone()).collect::<Vec<_>>();
        assert_eq!(ns(r.upcoming(5)), vec!["1.4", "1.3"]);
        assert_eq!(ns(r.upcoming(1)), vec!["1.4"]);
        assert_eq!(ns(r.overdue(5)), vec!["1.2", "1.1"]);
        assert_eq!(ns(r.in_progress(5)), vec!["1.8", "1.5", "2"]);
    }

    #[test]
    fn duplicates_ignore_a_trailing_dot_and_empty_numbers() {
        assert_eq!(
            duplicate_numbers(["1", "1.1", "1.2.", "", "1.2", " ", "1"]),
            vec![(4, 2), (6, 0)]
        );
        assert_eq!(number_key(" 6.1.1. "), "6.1.1");
    }
}
