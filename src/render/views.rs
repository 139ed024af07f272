//! What templates receive: ready-made, typographed, formatted data. Every
//! `url` is a path relative to the section root, already in link form
//! (`praktiki/x/index.html`); templates write `{{ root }}{{ x.url }}`.
//! Text fields are plain text (escaped by Tera); `*_html` fields are HTML.

use serde::Serialize;

/// A link with a label.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// A link to a file with its «PDF, 240 КБ» label.
#[derive(Debug, Clone, Serialize)]
pub struct FileLink {
    pub title: String,
    pub url: String,
    pub label: String,
}

/// The whole site, in every template as `site`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// Section title («Наставничество»).
    pub title: String,
    pub organization: String,
    pub short_name: String,
    pub description: Option<String>,
    pub logo_url: Option<String>,
    pub accent_color: String,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub base_url: String,
    pub generator: String,
    /// Today as «5 февраля 2024 г.» and ISO.
    pub today: String,
    pub today_iso: String,
    pub year: i32,
}

/// A menu entry, in every template as `menu` (a list).
#[derive(Debug, Clone, Serialize)]
pub struct MenuItem {
    pub title: String,
    pub url: String,
    /// Section key compared with `page.section` to mark the current item.
    pub key: String,
    pub external: bool,
}

/// What every page has, as `page`.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    pub title: String,
    pub description: Option<String>,
    /// Absolute canonical address (base_url + path).
    pub canonical: String,
    /// Key of the menu section the page belongs to.
    pub section: String,
    pub breadcrumbs: Vec<Link>,
}

/// A term of a facet (a form, a year, a tag…) with its page and count.
#[derive(Debug, Clone, Serialize)]
pub struct Term {
    pub name: String,
    pub url: String,
    pub count: usize,
    /// «3 практики»
    pub count_text: String,
}

/// A facet block of the catalogue.
#[derive(Debug, Clone, Serialize)]
pub struct FacetView {
    pub title: String,
    pub terms: Vec<Term>,
}

/// An award shown on a practice.
#[derive(Debug, Clone, Serialize)]
pub struct AwardView {
    pub contest: Link,
    pub nomination: Option<String>,
    pub place: Option<u32>,
    /// «1 место, номинация «…»»
    pub text: String,
}

/// A practice in lists.
#[derive(Debug, Clone, Serialize)]
pub struct PracticeCard {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub summary: Option<String>,
    pub forms: Vec<Link>,
    pub year: Link,
    pub organization: Link,
    pub level: Link,
    pub track: Link,
    pub tags: Vec<Link>,
    pub awards: Vec<AwardView>,
}

/// A practice's own page.
#[derive(Debug, Clone, Serialize)]
pub struct PracticeView {
    pub card: PracticeCard,
    pub role_model: Option<String>,
    pub authors: Vec<String>,
    pub results: Vec<String>,
    pub attachments: Vec<FileLink>,
    pub date: Option<String>,
    pub body_html: String,
}

/// Pagination of a list, as `pager`.
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    pub current: usize,
    pub total: usize,
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
    pub pages: Vec<PagerLink>,
    /// «Показаны 21–40 из 57»
    pub range_text: String,
}

/// One numbered link of a pager, or a gap («…») between distant numbers.
#[derive(Debug, Clone, Serialize)]
pub struct PagerLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
    pub gap: bool,
}

/// A program stage with its date text.
#[derive(Debug, Clone, Serialize)]
pub struct StageView {
    pub title: String,
    pub date: Option<String>,
}

/// A mentoring program.
#[derive(Debug, Clone, Serialize)]
pub struct ProgramView {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub form: Link,
    pub track: Link,
    pub audience: Option<String>,
    /// «1 сентября 2024 г. — 31 мая 2025 г.»
    pub period: Option<String>,
    pub curator: Option<String>,
    /// «12 наставнических пар/групп»
    pub pairs: Option<String>,
    pub stages: Vec<StageView>,
    pub document: Option<FileLink>,
    pub body_html: String,
}

/// A winner line of a contest.
#[derive(Debug, Clone, Serialize)]
pub struct WinnerView {
    pub nomination: Option<String>,
    pub place: Option<String>,
    pub participant: Option<String>,
    pub organization: Option<String>,
    pub practice: Option<Link>,
}

/// A contest.
#[derive(Debug, Clone, Serialize)]
pub struct ContestView {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub organizer: Option<String>,
    pub level: Option<String>,
    /// announced | accepting | judging | finished
    pub status: String,
    pub status_label: String,
    pub announced: String,
    pub submissions_until: String,
    pub results_date: String,
    pub nominations: Vec<String>,
    pub regulations: Option<FileLink>,
    pub winners: Vec<WinnerView>,
    pub body_html: String,
}

/// The simple electronic signature of a document.
#[derive(Debug, Clone, Serialize)]
pub struct SignatureView {
    pub signer: String,
    pub position: Option<String>,
    pub date: Option<String>,
    pub key: Option<String>,
}

/// A normative document.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    pub slug: String,
    pub title: String,
    pub kind: String,
    /// «Приказ от 27.08.2020 № 178»
    pub heading: String,
    pub number: Option<String>,
    pub date: String,
    pub issuer: Option<String>,
    pub track: Option<String>,
    pub file: Option<FileLink>,
    pub external_url: Option<String>,
    pub signature: Option<SignatureView>,
    pub body_html: String,
}

/// Documents of one level.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentGroup {
    pub heading: String,
    pub slug: String,
    pub documents: Vec<DocumentView>,
}

/// A news item.
#[derive(Debug, Clone, Serialize)]
pub struct NewsView {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub date: String,
    pub date_iso: String,
    pub summary: Option<String>,
    pub body_html: String,
}

/// A mentor card: only consented fields are present.
#[derive(Debug, Clone, Serialize)]
pub struct MentorView {
    pub anchor: String,
    /// The name, or «Наставник» when the name is not consented.
    pub title: String,
    pub name_published: bool,
    pub position: Option<String>,
    pub subject: Option<String>,
    /// «стаж 12 лет»
    pub experience: Option<String>,
    pub category: Option<String>,
    pub forms: Vec<Link>,
    pub photo_url: Option<String>,
    /// Alternative text of the photo (never the name unless the name is consented).
    pub photo_alt: String,
    pub bio_html: Option<String>,
}

/// A partner organization.
#[derive(Debug, Clone, Serialize)]
pub struct PartnerView {
    pub name: String,
    pub kind: Option<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    pub agreement: Option<Link>,
}

/// A sub-section shown on the landing page.
#[derive(Debug, Clone, Serialize)]
pub struct SectionLink {
    pub title: String,
    pub url: String,
    pub description: String,
    pub count: Option<String>,
}

/// Plan and fact of one indicator for one year, formatted.
#[derive(Debug, Clone, Serialize)]
pub struct KpiCell {
    pub year: i32,
    /// «70 %», or «—» when there is no plan.
    pub plan: String,
    /// «64,4 %», or «—» when there is no fact.
    pub fact: String,
    /// The monitoring period the fact is from: «май 2024 г.».
    pub fact_period: Option<String>,
    /// «−5,6», or «—».
    pub deviation: String,
    /// achieved | not_achieved | no_data
    pub status: String,
    /// «достигнут», «не достигнут», «нет данных».
    pub status_label: String,
}

/// One indicator of the KPI page.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView {
    pub id: String,
    /// The id of its block on the page («pokazatel-<id>»).
    pub anchor: String,
    pub title: String,
    pub unit: String,
    /// «доля, %», «опрос», «количество», «значение».
    pub method: String,
    /// The formula in words.
    pub formula: String,
    /// «Чем меньше, тем лучше» for `direction: down`.
    pub direction_note: Option<String>,
    /// One cell per year of the table.
    pub years: Vec<KpiCell>,
    /// The inline SVG chart (plan line, fact bars) with its text alternative.
    pub chart_svg: String,
}

/// The KPI page, as `kpi`.
#[derive(Debug, Clone, Serialize)]
pub struct KpiView {
    pub years: Vec<i32>,
    pub indicators: Vec<IndicatorView>,
    /// «6 показателей»
    pub count_text: String,
    pub csv_url: String,
    pub json_url: String,
}

/// One indicator in the landing page's summary.
#[derive(Debug, Clone, Serialize)]
pub struct KpiSummaryRow {
    pub title: String,
    /// The indicator's block on the KPI page.
    pub url: String,
    pub plan: String,
    pub fact: String,
    pub status: String,
    pub status_label: String,
}

/// The landing page's KPI summary for the current year, as `kpi_summary`.
#[derive(Debug, Clone, Serialize)]
pub struct KpiSummary {
    pub year: i32,
    pub rows: Vec<KpiSummaryRow>,
    /// «Достигнуто 4 показателя из 6»
    pub achieved_text: String,
    pub url: String,
}

/// How many activities of the roadmap have one status.
#[derive(Debug, Clone, Serialize)]
pub struct StatusCount {
    /// done | overdue | in_progress | upcoming | no_deadline
    pub status: String,
    pub label: String,
    pub count: usize,
    /// «12 мероприятий»
    pub count_text: String,
}

/// A link to an item's evidence of completion.
#[derive(Debug, Clone, Serialize)]
pub struct ReportLink {
    pub title: String,
    pub url: String,
    /// «PDF, 240 КБ» for files.
    pub label: Option<String>,
    /// Whether `url` is absolute (written without `root`).
    pub external: bool,
}

/// One row of the roadmap table.
#[derive(Debug, Clone, Serialize)]
pub struct RoadmapRow {
    /// The row's id on the page («punkt-1-1»).
    pub anchor: String,
    /// The number as the order writes it; "" for an unnumbered row.
    pub n: String,
    pub title: String,
    /// 1 for top-level rows.
    pub depth: usize,
    /// A heading of its sub-items, with no deadline of its own.
    pub heading: bool,
    /// The deadline as the order wrote it.
    pub due: Option<String>,
    pub responsible: Option<String>,
    pub result: Option<String>,
    /// None for headings.
    pub status: Option<String>,
    pub status_label: Option<String>,
    pub report: Option<ReportLink>,
}

/// The roadmap page, as `roadmap`.
#[derive(Debug, Clone, Serialize)]
pub struct RoadmapView {
    pub title: String,
    /// «2020 год», «2020–2024 годы».
    pub period_text: String,
    pub approved_by: Option<Link>,
    pub counts: Vec<StatusCount>,
    /// «48 мероприятий»
    pub total_text: String,
    pub rows: Vec<RoadmapRow>,
}

/// An activity in the landing page's roadmap lists.
#[derive(Debug, Clone, Serialize)]
pub struct RoadmapBrief {
    pub n: String,
    pub title: String,
    pub due: Option<String>,
    /// The row on the roadmap page.
    pub url: String,
    pub status: String,
    pub status_label: String,
}

/// The landing page's roadmap summary, as `roadmap_summary`.
#[derive(Debug, Clone, Serialize)]
pub struct RoadmapSummary {
    pub url: String,
    pub counts: Vec<StatusCount>,
    pub in_progress: Vec<RoadmapBrief>,
    pub upcoming: Vec<RoadmapBrief>,
    pub overdue: Vec<RoadmapBrief>,
    /// «и ещё 12 мероприятий» when more are overdue than listed.
    pub overdue_more: Option<String>,
}
