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
//! References elsewhere are dropped with a warning, not refused with an
//! error: a consent that expires must take the photo off the site on the next
//! daily build, not stop that build and leave the old site (photo included) up.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{FileRef, Mentor, ProgramDocument, Site, StaticFile};

/// Where a mentor's photo must not be published, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Withheld {
    /// The person has not consented to publishing the photo (or at all).
    NoConsent { owner: PathBuf },
    /// The photo is published under a neutral name; this path may carry the name.
    NameInPath { owner: PathBuf, published_as: String },
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
                    0,
                    0,
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
/// program documents, roadmap reports and the logo, and warns about texts
/// that show them. Each place gets a warning at its line.
pub fn drop_references(site: &mut Site, plan: &PhotoPlan, diags: &Diagnostics) {
    if plan.withheld.is_empty() {
        return;
    }
    let warn = |src: &super::source::Source, key: &str, rel: &str, w: &Withheld| {
        let (line, col) = src.locate_value(key, rel);
        Diagnostic::warning(&src.path, line, col, w.why(rel)).hint(HINT)
    };
    for p in &mut site.practices {
        p.attachments.retain(|a| match plan.withheld.get(&a.file.rel) {
            Some(w) => {
                diags.push(warn(&p.source, "attachments", &a.file.rel, w));
                false
            }
            None => true,
        });
    }
    for d in &mut site.documents {
        if let Some((f, w)) = d.file.as_ref().and_then(|f| Some((f, plan.withheld.get(&f.rel)?))) {
            diags.push(warn(&d.source, "file", &f.rel, w));
            d.file = None;
        }
    }
    for c in &mut site.contests {
        if let Some((f, w)) = c.regulations.as_ref().and_then(|f| Some((f, plan.withheld.get(&f.rel)?))) {
            diags.push(warn(&c.source, "regulations", &f.rel, w));
            c.regulations = None;
        }
    }
    for p in &mut site.programs {
        if let Some(ProgramDocument::File(f)) = &p.document {
            if let Some(w) = plan.withheld.get(&f.rel) {
                diags.push(warn(&p.source, "document", &f.rel, w));
                p.document = None;
            }
        }
    }
    if let Some(r) = &mut site.roadmap {
        for item in &mut r.items {
            if let Some(crate::model::roadmap::Report::File(f)) = &item.report {
                if let Some(w) = plan.withheld.get(&f.rel) {
                    diags.push(warn(&r.source, "report", &f.rel, w));
                    item.report = None;
                }
            }
        }
    }
    if let Some(logo) = &site.config.logo {
        let rel = super::statics::normalize(logo);
        if let Some(w) = plan.withheld.get(&rel) {
            diags.push(Diagnostic::warning("site.yaml", 0, 0, w.why(&rel)).hint(HINT));
            site.config.logo = None;
        }
    }
    // Texts: a picture or link to a withheld file would not work anyway (the
    // file is not published); say so where it is written.
    let bodies = site
        .practices
        .iter()
        .map(|p| &p.source)
        .chain(site.programs.iter().map(|p| &p.source))
        .chain(site.contests.iter().map(|p| &p.source))
        .chain(site.documents.iter().map(|p| &p.source))
        .chain(site.news.iter().map(|p| &p.source))
        .chain(site.pages.iter().map(|p| &p.source))
        .chain(site.landing.iter().map(|l| &l.source));
    for src in bodies {
        for (rel, w) in &plan.withheld {
            let encoded = crate::render::routes::static_file(rel);
            for needle in [rel.as_str(), encoded.as_str()] {
                if let Some(at) = src.body.find(needle) {
                    let line = src.body_line + src.body[..at].matches('\n').count();
                    diags.push(Diagnostic::warning(&src.path, line, 0, w.why(rel)).hint(HINT));
                    break;
                }
            }
        }
    }
    for m in &site.mentors {
        let Some(bio) = &m.bio else { continue };
        for (rel, w) in &plan.withheld {
            if bio.contains(rel.as_str()) {
                diags.push(Diagnostic::warning(&m.source_path, 0, 0, w.why(rel)).hint(HINT));
            }
        }
    }
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
