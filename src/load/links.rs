//! References between items: an award's contest, a winner's practice, a
//! program's document, a partner's agreement. Checked once everything is loaded.

use std::collections::HashSet;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Award, ProgramDocument, Site};
use crate::routes;

/// Checks every reference and merges contest winners into their practices' awards.
pub fn cross_link(site: &mut Site, diags: &Diagnostics) {
    let contests: HashSet<&str> = site.contests.iter().map(|c| c.slug.as_str()).collect();
    let documents: HashSet<&str> = site.documents.iter().map(|d| d.slug.as_str()).collect();

    for practice in &site.practices {
        for award in &practice.awards {
            if !contests.contains(award.contest.as_str()) {
                let (line, col) = practice.source.locate_value("contest", &award.contest);
                diags.push(missing(
                    &practice.source.path,
                    line,
                    col,
                    "конкурс",
                    &award.contest,
                    "content/contests/",
                ));
            }
        }
        if routes::RESERVED_PRACTICE_SLUGS.contains(&practice.slug.as_str()) {
            diags.push(reserved(&practice.source.path, &practice.slug));
        }
    }
    for page in &site.pages {
        if routes::RESERVED_SECTION_SLUGS.contains(&page.slug.as_str()) {
            diags.push(reserved(&page.source.path, &page.slug));
        }
    }
    for program in &site.programs {
        if let Some(ProgramDocument::Document(slug)) = &program.document {
            if !documents.contains(slug.as_str()) {
                let (line, col) = program.source.locate_value("document", slug);
                diags.push(missing(
                    &program.source.path,
                    line,
                    col,
                    "документ",
                    slug,
                    "content/documents/",
                ));
            }
        }
    }
    for partner in &site.partners {
        if let Some(slug) = &partner.agreement {
            if !documents.contains(slug.as_str()) {
                diags.push(missing(
                    Path::new("data/partners.yaml"),
                    0,
                    0,
                    "документ",
                    slug,
                    "content/documents/",
                ));
            }
        }
    }

    // Winners → awards on the practices they name.
    let mut new_awards: Vec<(usize, Award)> = Vec::new();
    for contest in &site.contests {
        for (i, winner) in contest.winners.iter().enumerate() {
            let Some(slug) = &winner.practice else {
                continue;
            };
            match site.practices.iter().position(|p| &p.slug == slug) {
                Some(idx) => new_awards.push((
                    idx,
                    Award {
                        contest: contest.slug.clone(),
                        nomination: winner.nomination.clone(),
                        place: winner.place,
                    },
                )),
                None => {
                    let (line, col) = contest
                        .source
                        .locate_nth("practice", i)
                        .unwrap_or_else(|| contest.source.locate("winners"));
                    diags.push(missing(
                        &contest.source.path,
                        line,
                        col,
                        "практика",
                        slug,
                        "content/practices/",
                    ));
                }
            }
        }
    }
    for (idx, award) in new_awards {
        let awards = &mut site.practices[idx].awards;
        // The practice may state the same award itself; keep the fuller one.
        match awards.iter_mut().find(|a| a.contest == award.contest) {
            Some(existing) => {
                existing.nomination = existing.nomination.take().or(award.nomination);
                existing.place = existing.place.or(award.place);
            }
            None => awards.push(award),
        }
    }
}

/// «документ «x» не найден(а)» with where to look.
pub(crate) fn missing(
    path: &Path,
    line: usize,
    col: usize,
    what: &str,
    slug: &str,
    folder: &str,
) -> Diagnostic {
    Diagnostic::error(path, line, col, format!("{what} «{slug}» не найден(а)")).hint(format!(
        "проверьте адрес (slug): это имя файла в {folder} без расширения или его поле slug"
    ))
}

fn reserved(path: &Path, slug: &str) -> Diagnostic {
    Diagnostic::error(
        path,
        1,
        1,
        format!("адрес «{slug}» занят служебной страницей"),
    )
    .hint("переименуйте файл или укажите другое поле slug")
}
