//! Names of mentors who have not allowed their name to be published, found
//! where other files name people in free text: practice authors, contest
//! winners, program curators. 152-ФЗ art. 10.1 holds for the person, not for
//! the file the name is written in, so such a mention is held back too.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::source::Source;
use crate::model::{Contest, Practice, Program};

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
            if let Some(mentor) = w
                .participant
                .as_deref()
                .and_then(|t| hidden.mentioned_in(t))
            {
                let text = w.participant.take().unwrap_or_default();
                diags.push(warning(&c.source, "participant", &text, "участник", mentor));
            }
        }
    }
    for p in programs {
        if let Some(mentor) = p.curator.as_deref().and_then(|t| hidden.mentioned_in(t)) {
            let text = p.curator.take().unwrap_or_default();
            diags.push(warning(&p.source, "curator", &text, "куратор", mentor));
        }
    }
}

/// The same for one practice's authors.
pub fn hold_back_authors(hidden: &HiddenNames, p: &mut Practice, diags: &Diagnostics) {
    let source = &p.source;
    p.authors.retain(|a| match hidden.mentioned_in(a) {
        Some(mentor) => {
            diags.push(warning(source, "authors", a, "автор", mentor));
            false
        }
        None => true,
    });
}

fn warning(src: &Source, key: &str, text: &str, role: &str, mentor: &Path) -> Diagnostic {
    let (line, col) = src.locate_value(key, text);
    Diagnostic::warning(
        &src.path,
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
