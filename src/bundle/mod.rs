//! `export/bundle.json`, schema 1: the section as data. One definition,
//! written by a school's (or a district's) build and read by a district
//! build and by `nastavnik bundle check`.
//!
//! A leaf module: it knows the file format, nothing of the site. Schema 1 may
//! gain keys, never lose or change them, so reading ignores keys it does not
//! know, and every key added after the first release is optional.

pub mod check;

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use check::{check_files, read, Received};

/// The bundle schema version this program writes and reads.
pub const SCHEMA: u32 = 1;

/// A number as JSON writes it: whole numbers without «.0» (412, not 412.0).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Number(pub f64);

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let x = self.0;
        if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 {
            s.serialize_i64(x as i64)
        } else {
            s.serialize_f64(x)
        }
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        f64::deserialize(d).map(Number)
    }
}

/// The whole bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    /// [`SCHEMA`].
    pub schema: u32,
    /// «nastavnik 0.1.0».
    #[serde(default)]
    pub generator: String,
    /// The day the bundle was built for, `YYYY-MM-DD`.
    #[serde(default)]
    pub today: String,
    pub organization: Organization,
    #[serde(default)]
    pub practices: Vec<Practice>,
    #[serde(default)]
    pub programs: Vec<Program>,
    #[serde(default)]
    pub contests: Vec<Contest>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kpi: Option<KpiTable>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roadmap: Option<Roadmap>,
    /// A district's bundle: the roadmap progress of each of its sources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceSummary>,
}

/// Who publishes the section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organization {
    pub name: String,
    /// Latin, unique among a district's sources.
    pub slug: String,
    /// `school` or `district`.
    #[serde(default = "school")]
    pub level: String,
    /// The absolute address of the section, ending with `/`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
}

fn school() -> String {
    "school".to_string()
}

/// A practice's award.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Award {
    /// The contest's slug (among the bundle's `contests`).
    pub contest: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nomination: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<u32>,
}

/// A file attached to a practice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attachment {
    pub title: String,
    /// Absolute, under the school's `base_url`.
    pub url: String,
    /// «PDF, 240 КБ».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// A best practice, with what its page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Practice {
    pub slug: String,
    /// Relative to the organization's `base_url`.
    pub url: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default)]
    pub forms: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track: Option<String>,
    pub year: i32,
    /// школьный | муниципальный | региональный | федеральный.
    pub level: String,
    pub organization: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The first award (the schema's original key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub award: Option<Award>,
    /// Every award, when there is more than one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub awards: Vec<Award>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_model: Option<String>,
    /// Only as the school's site publishes them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub results: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
    /// The case as the page shows it, sanitized, links absolute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_html: Option<String>,
}

impl Practice {
    /// Every award: `awards` when given, else `award`.
    pub fn all_awards(&self) -> Vec<&Award> {
        if self.awards.is_empty() {
            self.award.iter().collect()
        } else {
            self.awards.iter().collect()
        }
    }
}

/// A mentoring program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Program {
    pub slug: String,
    #[serde(default)]
    pub url: String,
    pub title: String,
    #[serde(default)]
    pub form: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pairs: Option<u32>,
}

/// A contest with its status on the bundle's day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contest {
    pub slug: String,
    #[serde(default)]
    pub url: String,
    pub title: String,
    /// announced | accepting | judging | finished.
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub announced: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submissions_until: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results_date: Option<String>,
}

/// The KPI table as data (also `export/kpi.json`, with more detail).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KpiTable {
    #[serde(default)]
    pub years: Vec<i32>,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
}

/// One indicator with its plan, facts and figures by year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub unit: String,
    /// ratio | survey | count | value.
    pub method: String,
    /// `down` when lower is better.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formula: Option<String>,
    #[serde(default)]
    pub plan: BTreeMap<String, Number>,
    #[serde(default)]
    pub facts: Vec<Fact>,
    #[serde(default)]
    pub by_year: BTreeMap<String, YearEntry>,
}

/// One monitoring fact; `value` is computed (rounded) where it can be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// `YYYY-MM`.
    pub period: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Number>,
}

/// Plan and fact of one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fact: Option<Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deviation: Option<Number>,
    /// achieved | not_achieved | no_data.
    pub status: String,
    /// A district's figure: the summed numerator and denominator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<Number>,
    /// A district's figure: how many sources reported, of how many.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sources: Option<usize>,
}

/// The roadmap with each item's status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Roadmap {
    pub title: String,
    /// A one-year roadmap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// A roadmap over several years: [first, last].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<[i32; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<String>,
    #[serde(default)]
    pub items: Vec<RoadmapItem>,
}

/// One roadmap item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoadmapItem {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub n: String,
    pub title: String,
    /// 1 for top-level items, 2 for their sub-items, …
    #[serde(default = "one")]
    pub depth: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Due>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsible: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
    /// done | overdue | in_progress | upcoming | no_deadline.
    pub status: String,
}

fn one() -> usize {
    1
}

/// A deadline as the order wrote it and as it was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Due {
    pub text: String,
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
}

/// A district bundle's line per source: roadmap progress by status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceSummary {
    pub organization: String,
    pub slug: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    /// Status → number of roadmap items.
    #[serde(default)]
    pub roadmap: BTreeMap<String, usize>,
}

impl Bundle {
    /// The bundle as pretty JSON with a final line break.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }
}
