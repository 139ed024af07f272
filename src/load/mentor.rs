//! Mentors: only what a valid consent (152-ФЗ ст. 10.1) lists leaves this
//! module. Fields held back are dropped here, so no later stage can leak them.

use serde::Deserialize;

use super::common::Problems;
use super::yaml::{self, Ymd};
use super::LoadContext;
use crate::diagnostics::Diagnostic;
use crate::model::consent::{Consent, ConsentGap, PersonField};
use crate::model::Mentor;
use crate::text::format::ru_date;
use crate::text::source::Source;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConsentFm {
    date: Ymd,
    #[serde(default)]
    fields: Vec<String>,
    until: Option<Ymd>,
    withdrawn: Option<Ymd>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MentorFm {
    name: String,
    position: Option<String>,
    subject: Option<String>,
    experience: Option<u32>,
    category: Option<String>,
    #[serde(default)]
    forms: Vec<String>,
    photo: Option<String>,
    bio: Option<String>,
    consent: Option<ConsentFm>,
    #[serde(default)]
    draft: bool,
}

/// A mentor file: what may be published, and the files that must not be.
pub struct LoadedMentor {
    /// The mentor's file (for messages about files it holds back).
    pub path: std::path::PathBuf,
    pub public: Option<Mentor>,
    /// Files under `static/` (photos) this person has not allowed to publish.
    pub withheld_files: Vec<String>,
    /// Notes on every field held back (warnings; errors under `check --strict`).
    pub held_back: Vec<Diagnostic>,
    /// The name, when it may not be published: other files must not show it either.
    pub hidden_name: Option<String>,
}

/// A mentor from `content/mentors/`.
pub fn mentor(src: &Source, ctx: &LoadContext) -> Result<Option<LoadedMentor>, Vec<Diagnostic>> {
    super::common::require_front_matter(src, "name: Фамилия Имя Отчество\nposition: учитель")?;
    let fm: MentorFm = yaml::parse(&src.yaml, &src.path, src.yaml_line).map_err(|d| vec![d])?;
    if fm.draft {
        // A draft publishes nothing of the person, and its name is kept out
        // of the other files as for a mentor without consent.
        return Ok(Some(LoadedMentor {
            path: src.path.clone(),
            public: None,
            withheld_files: fm.photo.into_iter().collect(),
            held_back: Vec::new(),
            hidden_name: Some(fm.name),
        }));
    }
    let mut p = Problems::default();
    let consent = fm.consent.as_ref().map(|c| Consent {
        date: c.date.0,
        fields: c
            .fields
            .iter()
            .filter_map(|f| {
                let field = PersonField::parse(f);
                if field.is_none() {
                    let (line, col) = src.locate_value("fields", f);
                    p.0.push(
                        Diagnostic::error(
                            &src.path,
                            line,
                            col,
                            format!("неизвестное поле согласия «{f}»"),
                        )
                        .hint(format!(
                            "в согласии можно перечислить: {}",
                            PersonField::ALL.map(PersonField::key).join(", ")
                        )),
                    );
                }
                field
            })
            .collect(),
        until: c.until.map(|d| d.0),
        withdrawn: c.withdrawn.map(|d| d.0),
    });
    if let Some(c) = &consent {
        if c.until.is_some_and(|u| u < c.date) {
            p.0.push(src.error_at("until", "срок согласия истекает раньше даты его получения"));
        }
    }
    let forms = if fm.forms.is_empty() {
        Vec::new()
    } else {
        p.take(super::common::forms(src, ctx, "forms", &fm.forms))
            .unwrap_or_default()
    };
    if !p.0.is_empty() {
        return Err(p.0);
    }

    let verdict = consent
        .as_ref()
        .map(|c| c.allowed(ctx.today))
        .unwrap_or(Err(ConsentGap::Missing));
    let bio_text = fm
        .bio
        .clone()
        .or_else(|| (!src.body.trim().is_empty()).then(|| src.body.clone()));
    // Every field written in the file, with where it is written.
    let bio_at = match src.locate_nth("bio", 0) {
        Some(at) => at,
        None => (src.body_line, 1),
    };
    let present: Vec<(PersonField, (usize, usize))> = [
        (PersonField::Name, true),
        (PersonField::Position, fm.position.is_some()),
        (PersonField::Subject, fm.subject.is_some()),
        (PersonField::Experience, fm.experience.is_some()),
        (PersonField::Category, fm.category.is_some()),
        (PersonField::Forms, !forms.is_empty()),
        (PersonField::Photo, fm.photo.is_some()),
        (PersonField::Bio, bio_text.is_some()),
    ]
    .into_iter()
    .filter(|(_, written)| *written)
    .map(|(field, _)| {
        let at = if field == PersonField::Bio {
            bio_at
        } else {
            src.locate(field.key())
        };
        (field, at)
    })
    .collect();
    let allowed: &[PersonField] = match verdict {
        Ok(fields) => fields,
        Err(gap) => {
            let (why, hint) = match gap {
                ConsentGap::Missing => (
                    "нет согласия на распространение персональных данных".to_string(),
                    "добавьте блок consent с датой и списком полей (152-ФЗ ст. 10.1)",
                ),
                ConsentGap::NotYetGiven => (
                    "согласие датировано будущим числом".to_string(),
                    "проверьте дату consent.date: она позже даты сборки",
                ),
                ConsentGap::Expired(d) => (
                    format!("срок согласия истёк {}", ru_date(d)),
                    "получите новое согласие и обновите consent.date и consent.until",
                ),
                ConsentGap::Withdrawn(d) => (
                    format!("согласие отозвано {}", ru_date(d)),
                    "человек отозвал согласие: сведения о нём не публикуются (152-ФЗ ст. 10.1 ч. 12)",
                ),
            };
            // One note for the person, then one for every other field held back.
            let held_back = present
                .iter()
                .map(|(field, (line, col))| {
                    if *field == PersonField::Name {
                        Diagnostic::warning(
                            &src.path,
                            *line,
                            *col,
                            format!("наставник не опубликован: {why}"),
                        )
                        .hint(hint)
                    } else {
                        Diagnostic::warning(
                            &src.path,
                            *line,
                            *col,
                            format!("поле «{}» не опубликовано: {why}", field.key()),
                        )
                    }
                })
                .collect();
            return Ok(Some(LoadedMentor {
                path: src.path.clone(),
                public: None,
                withheld_files: fm.photo.into_iter().collect(),
                held_back,
                hidden_name: Some(fm.name),
            }));
        }
    };
    let has = |f: PersonField| allowed.contains(&f);
    let held_back = present
        .iter()
        .filter(|(field, _)| !has(*field))
        .map(|(field, (line, col))| {
            Diagnostic::warning(
                &src.path,
                *line,
                *col,
                format!("поле «{}» не опубликовано: его нет в согласии", field.key()),
            )
            .hint(format!(
                "если человек разрешил публиковать это поле, добавьте {} в consent.fields; если нет — лучше удалить значение из файла",
                field.key()
            ))
        })
        .collect();

    let mut withheld_files = Vec::new();
    let photo = match fm.photo {
        Some(photo) if has(PersonField::Photo) => {
            Some(ctx.file(src, "photo", &photo).map_err(|d| vec![d])?)
        }
        Some(photo) => {
            withheld_files.push(photo);
            None
        }
        None => None,
    };
    let (name, hidden_name) = if has(PersonField::Name) {
        (Some(fm.name), None)
    } else {
        (None, Some(fm.name))
    };
    let public = Mentor {
        name,
        position: fm.position.filter(|_| has(PersonField::Position)),
        subject: fm.subject.filter(|_| has(PersonField::Subject)),
        experience: fm.experience.filter(|_| has(PersonField::Experience)),
        category: fm.category.filter(|_| has(PersonField::Category)),
        forms: if has(PersonField::Forms) {
            forms
        } else {
            Vec::new()
        },
        photo,
        bio: bio_text.filter(|_| has(PersonField::Bio)),
        source_path: src.path.clone(),
        photo_line: src.locate_nth("photo", 0).map_or(0, |(line, _)| line),
    };
    Ok(Some(LoadedMentor {
        path: src.path.clone(),
        public: Some(public),
        withheld_files,
        held_back,
        hidden_name,
    }))
}
