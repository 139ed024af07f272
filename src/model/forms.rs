//! Forms of mentoring: the closed list of Р-145 plus the site's own, with
//! aliases normalized (any dash, spacing and case), and the track each implies.

use serde::Serialize;

use crate::text::slug::slugify;

/// The two systems of mentoring that share a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Track {
    #[serde(rename = "обучающиеся")]
    Pupils,
    #[serde(rename = "педагоги")]
    Teachers,
}

impl Track {
    pub const ALL: [Track; 2] = [Track::Pupils, Track::Teachers];

    /// The Russian name used in content files and on pages.
    pub fn name(self) -> &'static str {
        match self {
            Track::Pupils => "обучающиеся",
            Track::Teachers => "педагоги",
        }
    }

    /// URL slug of the track.
    pub fn slug(self) -> &'static str {
        match self {
            Track::Pupils => "obuchayushhiesya",
            Track::Teachers => "pedagogi",
        }
    }

    /// Heading for the track's pages.
    pub fn title(self) -> &'static str {
        match self {
            Track::Pupils => "Наставничество обучающихся",
            Track::Teachers => "Наставничество педагогов",
        }
    }

    pub fn parse(s: &str) -> Option<Track> {
        match s.trim().to_lowercase().as_str() {
            "обучающиеся" => Some(Track::Pupils),
            "педагоги" => Some(Track::Teachers),
            _ => None,
        }
    }
}

/// One form of mentoring.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    /// Canonical name with an en dash: «ученик – ученик».
    pub name: String,
    pub slug: String,
    pub track: Track,
    aliases: Vec<String>,
}

/// All forms known to a site.
#[derive(Debug, Clone)]
pub struct Forms {
    forms: Vec<Form>,
}

const STANDARD: [(&str, Track, &[&str]); 6] = [
    (
        "ученик – ученик",
        Track::Pupils,
        &["обучающийся – обучающийся"],
    ),
    ("учитель – учитель", Track::Teachers, &["педагог – педагог"]),
    (
        "учитель – ученик",
        Track::Pupils,
        &["педагог – ученик", "педагог – обучающийся"],
    ),
    ("студент – ученик", Track::Pupils, &[]),
    ("работодатель – ученик", Track::Pupils, &[]),
    ("работодатель – студент", Track::Pupils, &[]),
];

impl Default for Forms {
    fn default() -> Self {
        let forms = STANDARD
            .iter()
            .map(|(name, track, aliases)| {
                Form::new(
                    name,
                    *track,
                    aliases.iter().map(|a| a.to_string()).collect(),
                )
            })
            .collect();
        Forms { forms }
    }
}

impl Form {
    /// A form with its canonical name written with « – ».
    pub fn new(name: &str, track: Track, aliases: Vec<String>) -> Form {
        let key = normalize(name);
        let name = key.replace('-', " – ");
        Form {
            slug: slugify(&name),
            name,
            track,
            aliases: aliases.iter().map(|a| normalize(a)).collect(),
        }
    }
}

impl Forms {
    /// Adds a site's own form (from site.yaml).
    pub fn add(&mut self, form: Form) {
        self.forms.push(form);
    }

    /// Finds the form a user wrote, whatever dash, spacing or case.
    pub fn find(&self, written: &str) -> Option<&Form> {
        let key = normalize(written);
        self.forms
            .iter()
            .find(|f| normalize(&f.name) == key || f.aliases.contains(&key))
    }

    pub fn all(&self) -> &[Form] {
        &self.forms
    }

    /// «ученик – ученик», «учитель – учитель», … for error hints.
    pub fn names(&self) -> String {
        self.forms
            .iter()
            .map(|f| format!("«{}»", f.name))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Lower case, ё → е, every dash to `-` without spaces around, single spaces.
fn normalize(s: &str) -> String {
    let mut out = String::new();
    for c in s.trim().to_lowercase().chars() {
        let c = match c {
            'ё' => 'е',
            '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' && (out.ends_with(' ') || out.ends_with('-')) {
            continue;
        }
        if c == '-' && out.ends_with(' ') {
            out.pop();
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_normalize() {
        let forms = Forms::default();
        for written in [
            "Ученик-ученик",
            "ученик — ученик",
            "УЧЕНИК  –  УЧЕНИК",
            "ученик‐ученик",
        ] {
            assert_eq!(
                forms.find(written).unwrap().name,
                "ученик – ученик",
                "{written}"
            );
        }
        assert_eq!(
            forms.find("педагог - педагог").unwrap().name,
            "учитель – учитель"
        );
        assert!(forms.find("ученик – родитель").is_none());
    }

    #[test]
    fn track_follows_form() {
        let forms = Forms::default();
        assert_eq!(
            forms.find("учитель – учитель").unwrap().track,
            Track::Teachers
        );
        assert_eq!(
            forms.find("работодатель – студент").unwrap().track,
            Track::Pupils
        );
    }

    #[test]
    fn site_forms_are_added() {
        let mut forms = Forms::default();
        forms.add(Form::new(
            "руководитель-учитель",
            Track::Teachers,
            vec!["директор – учитель".into()],
        ));
        assert_eq!(
            forms.find("директор—учитель").unwrap().name,
            "руководитель – учитель"
        );
        assert_eq!(
            forms.find("руководитель – учитель").unwrap().slug,
            "rukovoditel-uchitel"
        );
    }
}
