//! Mentors' photos are personal data twice over: the image (ГК РФ ст. 152.1,
//! 152-ФЗ) and, often, the file name (`ivanova-mariya.jpg`). This module
//! decides which files of `static/` must not be published and under which
//! name a consented photo is, and takes withheld files out of every other
//! place that refers to them.
//!
//! - A photo without consent for `photo` is withheld: not copied, not under
//!   another name (a symbolic link to it), not as another
//!   mentor's photo, not as an attachment or a picture in a text.
//! - A photo consented without the name is published under a neutral name,
//!   `nastavniki/foto/<hash of its bytes>.<ext>`, and its own path is withheld
//!   (the file name may carry the name).
//!
//! References elsewhere to a withheld photo are dropped with a warning, not
//! refused with an error: a consent that expires must take the photo off the
//! site on the next daily build, not stop that build and leave the old site
//! (photo included) up. References to a renamed photo follow it.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::roadmap::Report;
use crate::model::{FileRef, Mentor, ProgramDocument, Site, StaticFile};
use crate::text::source::Source;

/// Where a mentor's photo must not be published, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Withheld {
    /// The person has not consented to publishing the photo (or at all).
    NoConsent { owner: PathBuf },
    /// The photo is published under a neutral name; this path may carry the name.
    NameInPath {
        owner: PathBuf,
        published_as: String,
    },
}

impl Withheld {
    fn why(&self, rel: &str) -> String {
        match self {
            Withheld::NoConsent { owner } => format!(
                "файл «{rel}» не опубликован: это фотография наставника без согласия на её публикацию ({})",
                owner.display()
            ),
            Withheld::NameInPath { owner, .. } => format!(
                "файл «{rel}» не опубликован под этим именем: это фотография наставника, не разрешившего публиковать ФИО ({}), а имя файла может его раскрыть",
                owner.display()
            ),
        }
    }
}

/// What the photos of the mentors mean for the files of `static/`.
#[derive(Debug, Default)]
pub struct PhotoPlan {
    /// Paths under `static/` that must not reach the output.
    pub withheld: BTreeMap<String, Withheld>,
    /// Photos published under a neutral name.
    pub renamed: Vec<StaticFile>,
}

/// Decides the fate of every photo. `refused` are the photo paths (as
/// written) each mentor file did not allow, with that file; `mentors` are
/// the published ones, whose photos may be dropped or renamed here.
pub fn plan(
    mentors: &mut [Mentor],
    refused: &[(String, PathBuf)],
    statics: &HashMap<String, StaticFile>,
    diags: &Diagnostics,
) -> PhotoPlan {
    let mut plan = PhotoPlan::default();
    for (written, owner) in refused {
        let rel = super::statics::normalize(written);
        plan.withheld
            .entry(rel)
            .or_insert_with(|| Withheld::NoConsent {
                owner: owner.clone(),
            });
    }
    // A link in static/ to a withheld photo is the same photo under another name.
    let originals: Vec<(PathBuf, Withheld)> = plan
        .withheld
        .iter()
        .filter_map(|(rel, w)| statics.get(rel).map(|f| (f.abs.clone(), w.clone())))
        .map(|(abs, w)| (abs.canonicalize().unwrap_or(abs), w))
        .collect();
    for (abs, owner) in originals {
        for (other, f) in statics {
            if f.abs == abs {
                plan.withheld
                    .entry(other.clone())
                    .or_insert_with(|| owner.clone());
            }
        }
    }
    let mut published: BTreeMap<String, String> = BTreeMap::new();
    for m in mentors.iter_mut() {
        let Some(photo) = &m.photo else { continue };
        if let Some(Withheld::NoConsent { owner }) = plan.withheld.get(&photo.rel) {
            // Another person in the same picture has not consented: it stays off the site.
            diags.push(
                Diagnostic::warning(
                    &m.source_path,
                    m.photo_line,
                    1,
                    format!(
                        "фотография «{}» не опубликована: тот же файл — фотография наставника без согласия на её публикацию ({})",
                        photo.rel,
                        owner.display()
                    ),
                )
                .hint("возьмите для этого наставника отдельную фотографию, на которой нет других людей"),
            );
            m.photo = None;
            continue;
        }
        if m.name.is_some() {
            continue;
        }
        let Some(file) = statics.get(&photo.rel) else {
            continue;
        };
        let neutral = match published.get(&photo.rel) {
            Some(n) => n.clone(),
            None => {
                let Ok(bytes) = std::fs::read(&file.abs) else {
                    continue;
                };
                let ext = Path::new(&photo.rel)
                    .extension()
                    .map(|e| e.to_string_lossy().to_ascii_lowercase())
                    .filter(|e| e.chars().all(|c| c.is_ascii_alphanumeric()))
                    .unwrap_or_else(|| "bin".to_string());
                let neutral = format!("nastavniki/foto/{:016x}.{ext}", fnv1a(&bytes));
                plan.renamed.push(StaticFile {
                    rel: neutral.clone(),
                    abs: file.abs.clone(),
                });
                published.insert(photo.rel.clone(), neutral.clone());
                neutral
            }
        };
        plan.withheld
            .entry(photo.rel.clone())
            .or_insert_with(|| Withheld::NameInPath {
                owner: m.source_path.clone(),
                published_as: neutral.clone(),
            });
        m.photo = Some(FileRef {
            rel: neutral,
            size: photo.size,
        });
    }
    plan
}

/// Takes withheld files out of attachments, document files, regulations,
/// program documents, roadmap reports, the logo and texts, each with a
/// warning at its line; a photo published under a neutral name is referred
/// to by that name everywhere instead.
pub fn drop_references(site: &mut Site, plan: &PhotoPlan, diags: &Diagnostics) {
    if plan.withheld.is_empty() {
        return;
    }
    let warn = |src: &Source, key: &str, rel: &str, w: &Withheld| {
        let (line, col) = src.locate_value(key, rel);
        Diagnostic::warning(&src.path, line, col, w.why(rel)).hint(HINT)
    };
    // The new reference for a file: the neutral name, or none (and a warning).
    let redirect = |file: &mut Option<FileRef>, src: &Source, key: &str| {
        let Some(f) = file.as_mut() else { return };
        match plan.withheld.get(&f.rel) {
            Some(Withheld::NameInPath { published_as, .. }) => f.rel = published_as.clone(),
            Some(w) => {
                diags.push(warn(src, key, &f.rel, w));
                *file = None;
            }
            None => {}
        }
    };
    for p in &mut site.practices {
        let mut kept = Vec::new();
        for a in std::mem::take(&mut p.attachments) {
            let mut file = Some(a.file);
            redirect(&mut file, &p.source, "attachments");
            if let Some(file) = file {
                kept.push(crate::model::Attachment { file, ..a });
            }
        }
        p.attachments = kept;
    }
    for d in &mut site.documents {
        redirect(&mut d.file, &d.source, "file");
    }
    for c in &mut site.contests {
        redirect(&mut c.regulations, &c.source, "regulations");
    }
    for p in &mut site.programs {
        if let Some(ProgramDocument::File(f)) = &p.document {
            let mut file = Some(f.clone());
            redirect(&mut file, &p.source, "document");
            p.document = file.map(ProgramDocument::File);
        }
    }
    if let Some(r) = &mut site.roadmap {
        for item in &mut r.items {
            if let Some(Report::File(f)) = &item.report {
                let mut file = Some(f.clone());
                redirect(&mut file, &r.source, "report");
                item.report = file.map(Report::File);
            }
        }
    }
    if let Some(logo) = &site.config.logo {
        let rel = super::statics::normalize(logo);
        match plan.withheld.get(&rel) {
            Some(Withheld::NameInPath { published_as, .. }) => {
                site.config.logo = Some(published_as.clone())
            }
            Some(w) => {
                diags.push(Diagnostic::warning("site.yaml", 0, 0, w.why(&rel)).hint(HINT));
                site.config.logo = None;
            }
            None => {}
        }
    }
    // Texts: the path itself may carry the person's name, so it is rewritten,
    // not just left to point nowhere.
    let sources = site
        .practices
        .iter_mut()
        .map(|p| &mut p.source)
        .chain(site.programs.iter_mut().map(|p| &mut p.source))
        .chain(site.contests.iter_mut().map(|p| &mut p.source))
        .chain(site.documents.iter_mut().map(|p| &mut p.source))
        .chain(site.news.iter_mut().map(|p| &mut p.source))
        .chain(site.pages.iter_mut().map(|p| &mut p.source))
        .chain(site.landing.iter_mut().map(|l| &mut l.source));
    for src in sources {
        let (body, found) = rewrite_text(&src.body, plan);
        for (at, rel, w) in found {
            let line = src.body_line + src.body[..at].matches('\n').count();
            diags.push(Diagnostic::warning(&src.path, line, 0, w.why(rel)).hint(HINT));
        }
        src.body = body;
    }
    for m in &mut site.mentors {
        let Some(bio) = &m.bio else { continue };
        let (bio, found) = rewrite_text(bio, plan);
        for (_, rel, w) in found {
            diags.push(Diagnostic::warning(&m.source_path, 0, 0, w.why(rel)).hint(HINT));
        }
        m.bio = Some(bio);
    }
}

/// `text` with every mention of a withheld file (as written or
/// percent-encoded) replaced by its neutral name or by `#`, and the
/// withheld mentions (offset in `text`, path, why) that need a warning.
fn rewrite_text<'a>(
    text: &str,
    plan: &'a PhotoPlan,
) -> (String, Vec<(usize, &'a str, &'a Withheld)>) {
    let mut out = text.to_string();
    let mut found = Vec::new();
    for (rel, w) in &plan.withheld {
        let encoded = crate::routes::static_file(rel);
        for needle in [rel.as_str(), encoded.as_str()] {
            if let Some(at) = text.find(needle) {
                if !matches!(w, Withheld::NameInPath { .. }) {
                    found.push((at, rel.as_str(), w));
                }
            }
            if out.contains(needle) {
                let to = match w {
                    Withheld::NameInPath { published_as, .. } => published_as.as_str(),
                    Withheld::NoConsent { .. } => "#",
                };
                out = out.replace(needle, to);
            }
        }
    }
    found.sort_by_key(|(at, _, _)| *at);
    found.dedup_by_key(|(at, _, _)| *at);
    (out, found)
}

const HINT: &str = "уберите ссылку на этот файл или получите согласие на публикацию фотографии (и ФИО, если имя файла его содержит)";

/// 64-bit FNV-1a: a stable, neutral name for a photo from its bytes.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutral_names_depend_on_the_bytes_only() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(fnv1a(b"photo 1"), fnv1a(b"photo 2"));
    }
}
