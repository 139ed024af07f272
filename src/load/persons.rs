//! Names of mentors who have not allowed their name to be published, found
//! where other files name people in free text: practice authors, contest
//! winners, program curators. 152-ФЗ art. 10.1 holds for the person, not for
//! the file the name is written in, so such a mention is held back too.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Contest, Practice, Program};
use crate::text::source::Source;

/// The unpublished names, each as the word sequences it may be written as.
#[derive(Debug, Default, Clone)]
pub struct HiddenNames(Vec<HiddenName>);

#[derive(Debug, Clone)]
struct HiddenName {
    /// «иванова мария петровна», «иванова м п», «м п иванова», …
    forms: Vec<Vec<String>>,
    /// The mentor's file, named in the warning.
    file: PathBuf,
}

impl HiddenNames {
    /// Adds the name written in the mentor file `file`.
    pub fn add(&mut self, name: &str, file: &Path) {
        let words = words(name);
        if words.is_empty() {
            return;
        }
        let mut forms = vec![words.clone()];
        if let [surname, given @ ..] = words.as_slice() {
            if !given.is_empty() {
                let initials: Vec<String> = given
                    .iter()
                    .filter_map(|w| w.chars().next().map(String::from))
                    .collect();
                forms.push([vec![surname.clone()], initials.clone()].concat());
                forms.push([initials, vec![surname.clone()]].concat());
                // «Мария Петровна Иванова», «Мария Иванова».
                forms.push([given.to_vec(), vec![surname.clone()]].concat());
                forms.push(vec![given[0].clone(), surname.clone()]);
                forms.push(vec![surname.clone(), given[0].clone()]);
            }
        }
        forms.sort();
        forms.dedup();
        self.0.push(HiddenName {
            forms,
            file: file.to_path_buf(),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The mentor file of a hidden name that `text` mentions.
    pub fn mentioned_in(&self, text: &str) -> Option<&Path> {
        if self.0.is_empty() {
            return None;
        }
        let text = words(text);
        self.0
            .iter()
            .find(|h| {
                h.forms
                    .iter()
                    .any(|f| text.windows(f.len()).any(|w| w == f.as_slice()))
            })
            .map(|h| h.file.as_path())
    }

    /// Whether a practice written now would lose an author to a hidden name.
    pub fn touches(&self, practice: &Practice) -> bool {
        practice
            .authors
            .iter()
            .any(|a| self.mentioned_in(a).is_some())
    }
}

/// Lower-case words, «ё» read as «е», initials and punctuation split apart.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('ё', "е"))
        .collect()
}

/// Takes every mention of a hidden name out of practice authors, contest
/// winners and program curators, with a warning at its line.
pub fn hold_back(
    hidden: &HiddenNames,
    practices: &mut [Practice],
    contests: &mut [Contest],
    programs: &mut [Program],
    diags: &Diagnostics,
) {
    if hidden.is_empty() {
        return;
    }
    for p in practices {
        hold_back_authors(hidden, p, diags);
    }
    for c in contests {
        for w in &mut c.winners {
            strip_mentions(
                hidden,
                &mut w.participant,
                &c.source,
                "participant",
                "участник",
                diags,
            );
        }
    }
    for p in programs {
        strip_mentions(
            hidden,
            &mut p.curator,
            &p.source,
            "curator",
            "куратор",
            diags,
        );
    }
}

/// Takes the parts of a free-text field (between commas and semicolons) that
/// mention a hidden name out of it, each with a warning; the field goes whole
/// when nothing is left or the rest still mentions one.
fn strip_mentions(
    hidden: &HiddenNames,
    field: &mut Option<String>,
    src: &Source,
    key: &str,
    role: &str,
    diags: &Diagnostics,
) {
    let Some(text) = field.as_deref() else {
        return;
    };
    let Some(whole) = hidden.mentioned_in(text) else {
        return;
    };
    let (line, col) = src.locate_value(key, text);
    let mut kept = Vec::new();
    let mut removed = false;
    for part in text.split([',', ';']).map(str::trim) {
        match hidden.mentioned_in(part) {
            Some(mentor) => {
                diags.push(warning(&src.path, line, col, part, role, mentor));
                removed = true;
            }
            None if !part.is_empty() => kept.push(part),
            None => {}
        }
    }
    let rest = kept.join(", ");
    if !removed {
        // The name is split across the parts («Иванова, Мария»): all of it goes.
        diags.push(warning(&src.path, line, col, text, role, whole));
        *field = None;
    } else if rest.is_empty() || hidden.mentioned_in(&rest).is_some() {
        *field = None;
    } else {
        *field = Some(rest);
    }
}

/// The same for one practice's authors.
pub fn hold_back_authors(hidden: &HiddenNames, p: &mut Practice, diags: &Diagnostics) {
    let source = &p.source;
    p.authors.retain(|a| match hidden.mentioned_in(a) {
        Some(mentor) => {
            let (line, col) = source.locate_value("authors", a);
            diags.push(warning(&source.path, line, col, a, "автор", mentor));
            false
        }
        None => true,
    });
}

fn warning(
    path: &Path,
    line: usize,
    col: usize,
    text: &str,
    role: &str,
    mentor: &Path,
) -> Diagnostic {
    Diagnostic::warning(
        path,
        line,
        col,
        format!(
            "{role} «{text}» не опубликован: это имя наставника без согласия на публикацию имени ({})",
            mentor.display()
        ),
    )
    .hint(
        "имя человека публикуется, только если его согласие (consent в файле наставника) называет поле name и действует; получите согласие или уберите имя",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hidden() -> HiddenNames {
        let mut h = HiddenNames::default();
        h.add(
            "Иванова Мария Пётровна",
            Path::new("content/mentors/ivanova.md"),
        );
        h
    }

    #[test]
    fn full_names_initials_and_word_orders_are_recognized() {
        let h = hidden();
        for text in [
            "Иванова Мария Петровна",
            "иванова м. п.",
            "Иванова М.П., учитель математики",
            "М. П. Иванова",
            "Мария Петровна Иванова",
            "Мария Иванова",
            "ИВАНОВА МАРИЯ",
            "Авторы: Петров И. И. и Иванова М. П.",
        ] {
            assert_eq!(
                h.mentioned_in(text),
                Some(Path::new("content/mentors/ivanova.md")),
                "{text}"
            );
        }
    }

    fn strip(text: &str) -> (Option<String>, Vec<(usize, String)>) {
        let src = Source::from_text(
            Path::new("content/programs/p.md"),
            &format!("---\ntitle: П\ncurator: {text}\n---\n"),
        );
        let diags = Diagnostics::new();
        let mut field = Some(text.to_string());
        strip_mentions(&hidden(), &mut field, &src, "curator", "куратор", &diags);
        let found = diags
            .into_sorted()
            .into_iter()
            .map(|d| (d.line, d.message))
            .collect();
        (field, found)
    }

    #[test]
    fn only_the_part_naming_the_person_is_taken_out() {
        let (kept, found) = strip("Петров И. И.; Иванова М. П., руководитель МО");
        assert_eq!(kept.as_deref(), Some("Петров И. И., руководитель МО"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, 3);
        assert!(found[0]
            .1
            .starts_with("куратор «Иванова М. П.» не опубликован"));
        // Split by a comma, the name is still hers: the field goes whole.
        let (kept, found) = strip("Иванова, Мария");
        assert_eq!(kept, None);
        assert!(found[0]
            .1
            .starts_with("куратор «Иванова, Мария» не опубликован"));
        let (kept, found) = strip("Петров И. И.");
        assert_eq!((kept.as_deref(), found.len()), (Some("Петров И. И."), 0));
    }

    #[test]
    fn other_people_and_parts_of_words_are_not_taken() {
        let h = hidden();
        for text in [
            "Иванов М. П.",
            "Ивановская Мария",
            "Петрова Мария Петровна",
            "Иванова",
            "Мария",
            "Команда школы",
        ] {
            assert_eq!(h.mentioned_in(text), None, "{text}");
        }
    }
}
