//! The validated, cross-linked site in memory. Pure domain logic, no I/O:
//! everything here is unit-tested and fuzzed directly.

pub mod collate;
pub mod consent;
pub mod contest;
pub mod deadline;
pub mod district;
pub mod forms;
pub mod kpi;
pub mod roadmap;

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::SiteConfig;
use crate::text::source::Source;
pub use contest::ContestStatus;
pub use forms::{Form, Forms, Track};
pub use kpi::Kpi;
pub use roadmap::Roadmap;

/// Level of a practice, a contest or a document.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
pub enum Level {
    #[serde(rename = "федеральный")]
    Federal,
    #[serde(rename = "региональный")]
    Regional,
    #[serde(rename = "муниципальный")]
    Municipal,
    #[serde(rename = "школьный")]
    School,
}

impl Level {
    /// Highest first, as documents are grouped on Russian sites.
    pub const ALL: [Level; 4] = [
        Level::Federal,
        Level::Regional,
        Level::Municipal,
        Level::School,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Level::Federal => "федеральный",
            Level::Regional => "региональный",
            Level::Municipal => "муниципальный",
            Level::School => "школьный",
        }
    }

    /// Heading of a group of documents.
    pub fn heading(self) -> &'static str {
        match self {
            Level::Federal => "Федеральный уровень",
            Level::Regional => "Региональный уровень",
            Level::Municipal => "Муниципальный уровень",
            Level::School => "Уровень образовательной организации",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Level::Federal => "federalnyj",
            Level::Regional => "regionalnyj",
            Level::Municipal => "municipalnyj",
            Level::School => "shkolnyj",
        }
    }
}

/// A file under `static/` that content refers to.
#[derive(Debug, Clone, PartialEq)]
pub struct FileRef {
    /// Path relative to `static/`, with `/` separators; also its path in the output.
    pub rel: String,
    /// Size in bytes.
    pub size: u64,
}

/// A practice's attachment.
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    pub file: FileRef,
    pub title: Option<String>,
}

/// An award a practice received.
#[derive(Debug, Clone, PartialEq)]
pub struct Award {
    pub contest: String,
    pub nomination: Option<String>,
    pub place: Option<u32>,
}

/// A best practice (кейс).
#[derive(Debug, Clone)]
pub struct Practice {
    pub slug: String,
    pub title: String,
    pub summary: Option<String>,
    /// Canonical form names.
    pub forms: Vec<String>,
    pub role_model: Option<String>,
    pub organization: String,
    pub year: i32,
    pub level: Level,
    pub track: Track,
    pub authors: Vec<String>,
    pub tags: Vec<String>,
    pub results: Vec<String>,
    pub attachments: Vec<Attachment>,
    /// Awards from the practice's own `award` and from contests' winners, merged.
    pub awards: Vec<Award>,
    pub date: Option<NaiveDate>,
    pub source: Source,
}

/// A stage of a program with its date.
#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    pub title: String,
    pub date: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

/// What a program's `document` points at.
#[derive(Debug, Clone, PartialEq)]
pub enum ProgramDocument {
    Document(String),
    File(FileRef),
}

/// A mentoring program.
#[derive(Debug, Clone)]
pub struct Program {
    pub slug: String,
    pub title: String,
    pub form: String,
    pub track: Track,
    pub audience: Option<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub curator: Option<String>,
    pub pairs: Option<u32>,
    pub stages: Vec<Stage>,
    pub document: Option<ProgramDocument>,
    pub source: Source,
}

/// A winner of a contest.
#[derive(Debug, Clone, PartialEq)]
pub struct Winner {
    pub nomination: Option<String>,
    pub place: Option<u32>,
    pub participant: Option<String>,
    pub organization: Option<String>,
    pub practice: Option<String>,
}

/// A contest with its computed status.
#[derive(Debug, Clone)]
pub struct Contest {
    pub slug: String,
    pub title: String,
    pub organizer: Option<String>,
    pub level: Option<Level>,
    pub announced: NaiveDate,
    pub submissions_until: NaiveDate,
    pub results_date: NaiveDate,
    pub nominations: Vec<String>,
    pub regulations: Option<FileRef>,
    pub winners: Vec<Winner>,
    pub status: ContestStatus,
    pub source: Source,
}

/// The simple electronic signature shown beside a document (63-ФЗ).
#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    pub signer: String,
    pub position: Option<String>,
    pub date: Option<NaiveDate>,
    pub key: Option<String>,
}

/// A normative document.
#[derive(Debug, Clone)]
pub struct Document {
    pub slug: String,
    pub title: String,
    pub kind: String,
    pub number: Option<String>,
    pub date: NaiveDate,
    pub issuer: Option<String>,
    pub level: Level,
    pub file: Option<FileRef>,
    pub url: Option<String>,
    pub track: Option<Track>,
    pub signature: Option<Signature>,
    pub source: Source,
}

/// A news item.
#[derive(Debug, Clone)]
pub struct News {
    pub slug: String,
    pub title: String,
    pub date: NaiveDate,
    pub summary: Option<String>,
    pub source: Source,
}

/// A mentor as it may be published today: fields without consent are already `None`.
#[derive(Debug, Clone, Default)]
pub struct Mentor {
    pub name: Option<String>,
    pub position: Option<String>,
    pub subject: Option<String>,
    pub experience: Option<u32>,
    pub category: Option<String>,
    pub forms: Vec<String>,
    pub photo: Option<FileRef>,
    /// Markdown of the bio (field or body).
    pub bio: Option<String>,
    pub source_path: PathBuf,
    /// Line of the `photo` field in the source (for messages), 0 when none.
    pub photo_line: usize,
}

/// A free page (куратор, контакты, …).
#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub title: String,
    pub menu_title: Option<String>,
    pub weight: i64,
    pub in_menu: bool,
    pub source: Source,
}

/// A partner organization.
#[derive(Debug, Clone, PartialEq)]
pub struct Partner {
    pub name: String,
    pub kind: Option<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    pub agreement: Option<String>,
}

/// The landing page text.
#[derive(Debug, Clone)]
pub struct Landing {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub source: Source,
}

/// A file from `static/` to copy to the output as is.
#[derive(Debug, Clone, PartialEq)]
pub struct StaticFile {
    /// Path relative to `static/` with `/` separators.
    pub rel: String,
    pub abs: PathBuf,
}

/// Everything the section publishes, validated and cross-linked.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    pub forms: Forms,
    pub today: NaiveDate,
    pub landing: Option<Landing>,
    /// Sorted by title in Russian order.
    pub practices: Vec<Practice>,
    pub programs: Vec<Program>,
    pub contests: Vec<Contest>,
    /// Sorted by date, newest first.
    pub documents: Vec<Document>,
    /// Sorted by date, newest first.
    pub news: Vec<News>,
    pub mentors: Vec<Mentor>,
    /// Sorted by weight, then title.
    pub pages: Vec<Page>,
    pub partners: Vec<Partner>,
    /// `data/kpi.yaml`, if the site has it.
    pub kpi: Option<Kpi>,
    /// `data/roadmap.yaml`, if the site has it.
    pub roadmap: Option<Roadmap>,
    /// Files of `static/` to publish.
    pub static_files: Vec<StaticFile>,
}
