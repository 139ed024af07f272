//! One converter per kind of content: front matter (as written) → model value.
//! Cross-file references are checked later, in `links`.

use serde::Deserialize;

use super::common::{self, Problems};
use super::yaml::{self, OneOrMany, Ymd};
use super::{slug_of, LoadContext};
use crate::config::SiteLevel;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{
    contest, Attachment, Award, Contest, Document, Landing, Level, News, Page, Practice, Program,
    ProgramDocument, Signature, Stage, Winner,
};
use crate::text::source::Source;

type Loaded<T> = Result<Option<T>, Vec<Diagnostic>>;

pub(super) fn parse<T: serde::de::DeserializeOwned>(src: &Source) -> Result<T, Vec<Diagnostic>> {
    yaml::parse(&src.yaml, &src.path, src.yaml_line).map_err(|d| vec![d])
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AttachmentFm {
    file: String,
    title: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AwardFm {
    contest: String,
    nomination: Option<String>,
    place: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PracticeFm {
    title: String,
    slug: Option<String>,
    summary: Option<String>,
    form: OneOrMany,
    role_model: Option<String>,
    organization: Option<String>,
    year: i32,
    level: Option<Level>,
    track: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    results: Vec<String>,
    #[serde(default)]
    attachments: Vec<AttachmentFm>,
    award: Option<AwardFm>,
    date: Option<Ymd>,
    #[serde(default)]
    draft: bool,
}

/// A best practice from `content/practices/`.
pub fn practice(src: &Source, ctx: &LoadContext) -> Loaded<Practice> {
    common::require_front_matter(
        src,
        "title: Название практики\nform: учитель – учитель\nyear: 2024",
    )?;
    let fm: PracticeFm = parse(src)?;
    if fm.draft {
        return Ok(None);
    }
    let mut p = Problems::default();
    p.take(common::non_empty(src, "title", &fm.title));
    let slug = p.take(slug_of(src, fm.slug.as_deref()));
    let forms = p.take(common::forms(src, ctx, "form", &fm.form.0));
    let track = forms
        .as_ref()
        .and_then(|f| p.take(common::track(src, ctx, fm.track.as_deref(), f)));
    let year = p.take(common::year(src, "year", fm.year));
    let attachments: Vec<Attachment> = fm
        .attachments
        .iter()
        .filter_map(|a| {
            p.take(ctx.file(src, "attachments", &a.file))
                .map(|file| Attachment {
                    file,
                    title: a.title.clone(),
                })
        })
        .collect();
    let mut tags: Vec<String> = Vec::new();
    for t in fm.tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        if !tags.iter().any(|x| x.to_lowercase() == t.to_lowercase()) {
            tags.push(t.to_string());
        }
    }
    let default_level = match ctx.config.level {
        SiteLevel::School => Level::School,
        SiteLevel::District => Level::Municipal,
    };
    p.finish(|| {
        Some(Practice {
            slug: slug.unwrap_or_default(),
            title: fm.title.trim().to_string(),
            summary: fm.summary,
            forms: forms.unwrap_or_default(),
            role_model: fm.role_model,
            organization: fm
                .organization
                .filter(|o| !o.trim().is_empty())
                .unwrap_or_else(|| ctx.config.organization.clone()),
            year: year.unwrap_or_default(),
            level: fm.level.unwrap_or(default_level),
            track: track.unwrap_or(crate::model::Track::Pupils),
            authors: fm.authors,
            tags,
            results: fm.results,
            attachments,
            awards: fm
                .award
                .map(|a| Award {
                    contest: strip_kind(&a.contest, "contests").to_string(),
                    nomination: a.nomination,
                    place: a.place,
                })
                .into_iter()
                .collect(),
            date: fm.date.map(|d| d.0),
            source: src.clone(),
        })
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodFm {
    start: Option<Ymd>,
    end: Option<Ymd>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StageFm {
    title: String,
    date: Option<Ymd>,
    until: Option<Ymd>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProgramFm {
    title: String,
    slug: Option<String>,
    form: String,
    track: Option<String>,
    audience: Option<String>,
    period: Option<PeriodFm>,
    curator: Option<String>,
    pairs: Option<u32>,
    #[serde(default)]
    stages: Vec<StageFm>,
    document: Option<String>,
    #[serde(default)]
    draft: bool,
}

/// A mentoring program from `content/programs/`.
pub fn program(src: &Source, ctx: &LoadContext) -> Loaded<Program> {
    common::require_front_matter(
        src,
        "title: Программа наставничества\nform: ученик – ученик",
    )?;
    let fm: ProgramFm = parse(src)?;
    if fm.draft {
        return Ok(None);
    }
    let mut p = Problems::default();
    p.take(common::non_empty(src, "title", &fm.title));
    let slug = p.take(slug_of(src, fm.slug.as_deref()));
    let forms = p.take(common::forms(
        src,
        ctx,
        "form",
        std::slice::from_ref(&fm.form),
    ));
    let track = forms
        .as_ref()
        .and_then(|f| p.take(common::track(src, ctx, fm.track.as_deref(), f)));
    let (start, end) = fm
        .period
        .map(|p| (p.start.map(|d| d.0), p.end.map(|d| d.0)))
        .unwrap_or((None, None));
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            p.0.push(
                src.error_at("end", "окончание программы раньше её начала")
                    .hint("проверьте даты start и end в поле period"),
            );
        }
    }
    let document = fm.document.as_deref().and_then(|d| {
        if looks_like_file(d) {
            p.take(ctx.file(src, "document", d))
                .map(ProgramDocument::File)
        } else {
            Some(ProgramDocument::Document(
                strip_kind(d, "documents").to_string(),
            ))
        }
    });
    p.finish(|| {
        Some(Program {
            slug: slug.unwrap_or_default(),
            title: fm.title.trim().to_string(),
            form: forms.and_then(|f| f.into_iter().next()).unwrap_or_default(),
            track: track.unwrap_or(crate::model::Track::Pupils),
            audience: fm.audience,
            start,
            end,
            curator: fm.curator,
            pairs: fm.pairs,
            stages: fm
                .stages
                .into_iter()
                .map(|s| Stage {
                    title: s.title,
                    date: s.date.map(|d| d.0),
                    until: s.until.map(|d| d.0),
                })
                .collect(),
            document,
            source: src.clone(),
        })
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WinnerFm {
    nomination: Option<String>,
    place: Option<u32>,
    participant: Option<String>,
    organization: Option<String>,
    practice: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ContestFm {
    title: String,
    slug: Option<String>,
    organizer: Option<String>,
    level: Option<Level>,
    announced: Ymd,
    submissions_until: Ymd,
    results_date: Ymd,
    #[serde(default)]
    nominations: Vec<String>,
    regulations: Option<String>,
    #[serde(default)]
    winners: Vec<WinnerFm>,
    #[serde(default)]
    draft: bool,
}

/// A contest from `content/contests/`, with its status on "today".
pub fn contest(src: &Source, ctx: &LoadContext) -> Loaded<Contest> {
    common::require_front_matter(
        src,
        "title: Конкурс\nannounced: 2024-03-01\nsubmissions_until: 2024-04-15\nresults_date: 2024-05-20",
    )?;
    let fm: ContestFm = parse(src)?;
    if fm.draft {
        return Ok(None);
    }
    let mut p = Problems::default();
    p.take(common::non_empty(src, "title", &fm.title));
    let slug = p.take(slug_of(src, fm.slug.as_deref()));
    if !(fm.announced <= fm.submissions_until && fm.submissions_until <= fm.results_date) {
        p.0.push(
            src.error_at("submissions_until", "даты конкурса идут не по порядку")
                .hint("должно быть: announced ≤ submissions_until ≤ results_date"),
        );
    }
    let regulations = fm
        .regulations
        .as_deref()
        .and_then(|r| p.take(ctx.file(src, "regulations", r)));
    p.finish(|| {
        Some(Contest {
            slug: slug.unwrap_or_default(),
            title: fm.title.trim().to_string(),
            organizer: fm.organizer,
            level: fm.level,
            announced: fm.announced.0,
            submissions_until: fm.submissions_until.0,
            results_date: fm.results_date.0,
            nominations: fm.nominations,
            regulations,
            winners: fm
                .winners
                .into_iter()
                .map(|w| Winner {
                    nomination: w.nomination,
                    place: w.place,
                    participant: w.participant,
                    organization: w.organization,
                    practice: w.practice.map(|s| strip_kind(&s, "practices").to_string()),
                })
                .collect(),
            status: contest::status(
                ctx.today,
                fm.announced.0,
                fm.submissions_until.0,
                fm.results_date.0,
            ),
            source: src.clone(),
        })
    })
}

/// Kinds of normative documents Russian sites publish.
pub const DOCUMENT_KINDS: [&str; 10] = [
    "приказ",
    "распоряжение",
    "положение",
    "программа",
    "дорожная карта",
    "письмо",
    "методические рекомендации",
    "соглашение",
    "шаблон",
    "иное",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SignatureFm {
    signer: String,
    position: Option<String>,
    date: Option<Ymd>,
    key: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentFm {
    title: String,
    slug: Option<String>,
    kind: String,
    number: Option<String>,
    date: Ymd,
    issuer: Option<String>,
    level: Level,
    file: Option<String>,
    url: Option<String>,
    track: Option<String>,
    signature: Option<SignatureFm>,
    #[serde(default)]
    draft: bool,
}

/// A normative document from `content/documents/`.
pub fn document(src: &Source, ctx: &LoadContext) -> Loaded<Document> {
    common::require_front_matter(
        src,
        "title: Положение о наставничестве\nkind: положение\ndate: 2024-01-15\nlevel: школьный",
    )?;
    let fm: DocumentFm = parse(src)?;
    if fm.draft {
        return Ok(None);
    }
    let mut p = Problems::default();
    p.take(common::non_empty(src, "title", &fm.title));
    let slug = p.take(slug_of(src, fm.slug.as_deref()));
    let kind = fm.kind.trim().to_lowercase();
    if !DOCUMENT_KINDS.contains(&kind.as_str()) {
        p.0.push(
            src.error_at("kind", format!("неизвестный вид документа «{}»", fm.kind))
                .hint(format!("допустимые виды: {}", DOCUMENT_KINDS.join(", "))),
        );
    }
    let file = fm
        .file
        .as_deref()
        .and_then(|f| p.take(ctx.file(src, "file", f)));
    if let Some(url) = &fm.url {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            p.0.push(
                src.error_at("url", format!("адрес «{url}» должен начинаться с https://"))
                    .hint("для файла из static/ используйте поле file"),
            );
        }
    }
    let track = p.take(common::optional_track(src, fm.track.as_deref()));
    p.finish(|| {
        Some(Document {
            slug: slug.unwrap_or_default(),
            title: fm.title.trim().to_string(),
            kind,
            number: fm.number,
            date: fm.date.0,
            issuer: fm.issuer,
            level: fm.level,
            file,
            url: fm.url,
            track: track.flatten(),
            signature: fm.signature.map(|s| Signature {
                signer: s.signer,
                position: s.position,
                date: s.date.map(|d| d.0),
                key: s.key,
            }),
            source: src.clone(),
        })
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewsFm {
    title: String,
    slug: Option<String>,
    date: Ymd,
    summary: Option<String>,
    #[serde(default)]
    draft: bool,
}

/// A news item from `content/news/`.
pub fn news(src: &Source, _ctx: &LoadContext) -> Loaded<News> {
    common::require_front_matter(src, "title: Заголовок новости\ndate: 2024-09-01")?;
    let fm: NewsFm = parse(src)?;
    if fm.draft {
        return Ok(None);
    }
    let mut p = Problems::default();
    p.take(common::non_empty(src, "title", &fm.title));
    let slug = p.take(slug_of(src, fm.slug.as_deref()));
    p.finish(|| {
        Some(News {
            slug: slug.unwrap_or_default(),
            title: fm.title.trim().to_string(),
            date: fm.date.0,
            summary: fm.summary,
            source: src.clone(),
        })
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PageFm {
    title: String,
    slug: Option<String>,
    menu_title: Option<String>,
    #[serde(default)]
    weight: i64,
    #[serde(default = "yes")]
    in_menu: bool,
    #[serde(default)]
    draft: bool,
}

fn yes() -> bool {
    true
}

/// A free page from `content/pages/`.
pub fn page(src: &Source, _ctx: &LoadContext) -> Loaded<Page> {
    common::require_front_matter(src, "title: Куратор\nweight: 1")?;
    let fm: PageFm = parse(src)?;
    if fm.draft {
        return Ok(None);
    }
    let mut p = Problems::default();
    p.take(common::non_empty(src, "title", &fm.title));
    let slug = p.take(slug_of(src, fm.slug.as_deref()));
    p.finish(|| {
        Some(Page {
            slug: slug.unwrap_or_default(),
            title: fm.title.trim().to_string(),
            menu_title: fm.menu_title,
            weight: fm.weight,
            in_menu: fm.in_menu,
            source: src.clone(),
        })
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LandingFm {
    title: Option<String>,
    summary: Option<String>,
}

/// The landing text `content/_index.md`.
pub fn landing(src: &Source, _ctx: &LoadContext, diags: &Diagnostics) -> Option<Landing> {
    match parse::<LandingFm>(src) {
        Ok(fm) => Some(Landing {
            title: fm.title,
            summary: fm.summary,
            source: src.clone(),
        }),
        Err(ds) => {
            diags.extend(ds);
            None
        }
    }
}

/// `documents/prikaz-58` and `prikaz-58` name the same item.
pub fn strip_kind<'a>(reference: &'a str, kind: &str) -> &'a str {
    let r = reference.trim();
    r.strip_prefix(kind)
        .and_then(|r| r.strip_prefix('/'))
        .unwrap_or(r)
        .trim_end_matches('/')
}

/// A value with a file extension is a path, not a slug.
fn looks_like_file(value: &str) -> bool {
    value.contains('/') && !value.starts_with("documents/")
        || value
            .rsplit_once('.')
            .is_some_and(|(_, ext)| ext.len() <= 5)
}
