//! Field checks shared by several kinds of content.

use super::LoadContext;
use crate::diagnostics::Diagnostic;
use crate::model::forms::Track;
use crate::text::source::Source;

/// Canonical names of the forms a file lists under `key`, or an error listing the known ones.
pub fn forms(
    src: &Source,
    ctx: &LoadContext,
    key: &str,
    written: &[String],
) -> Result<Vec<String>, Diagnostic> {
    if written.is_empty() {
        return Err(src
            .error_at(key, "не указана форма наставничества")
            .hint(format!("укажите одну из форм: {}", ctx.forms.names())));
    }
    let mut out = Vec::new();
    for w in written {
        match ctx.forms.find(w) {
            Some(form) => {
                if !out.contains(&form.name) {
                    out.push(form.name.clone());
                }
            }
            None => {
                let (line, col) = src.locate_value(key, w);
                return Err(Diagnostic::error(
                    &src.path,
                    line,
                    col,
                    format!("неизвестная форма наставничества «{w}»"),
                )
                .hint(format!(
                    "известные формы: {}; свою форму можно добавить в site.yaml (раздел forms)",
                    ctx.forms.names()
                )));
            }
        }
    }
    Ok(out)
}

/// The track written in the file, else the one the first form implies.
pub fn track(
    src: &Source,
    ctx: &LoadContext,
    written: Option<&str>,
    forms: &[String],
) -> Result<Track, Diagnostic> {
    if let Some(w) = written {
        return Track::parse(w).ok_or_else(|| {
            src.error_at("track", format!("неизвестный трек «{w}»"))
                .hint("допустимо: обучающиеся, педагоги")
        });
    }
    Ok(forms
        .first()
        .and_then(|f| ctx.forms.find(f))
        .map(|f| f.track)
        .unwrap_or(Track::Pupils))
}

/// An optional track (documents may belong to both).
pub fn optional_track(src: &Source, written: Option<&str>) -> Result<Option<Track>, Diagnostic> {
    written
        .map(|w| {
            Track::parse(w).ok_or_else(|| {
                src.error_at("track", format!("неизвестный трек «{w}»"))
                    .hint("допустимо: обучающиеся, педагоги")
            })
        })
        .transpose()
}

/// A year a practice or program could plausibly carry.
pub fn year(src: &Source, key: &str, year: i32) -> Result<i32, Diagnostic> {
    if (1990..=2100).contains(&year) {
        Ok(year)
    } else {
        Err(src
            .error_at(key, format!("неправдоподобный год {year}"))
            .hint("укажите год четырьмя цифрами, например 2023"))
    }
}

/// Requires a non-empty text (serde accepts `title: ""`).
pub fn non_empty(src: &Source, key: &str, value: &str) -> Result<(), Diagnostic> {
    if value.trim().is_empty() {
        Err(src
            .error_at(key, format!("поле «{key}» пустое"))
            .hint(format!("заполните «{key}: …»")))
    } else {
        Ok(())
    }
}

/// Collects the errors of several independent checks.
#[derive(Default)]
pub struct Problems(pub Vec<Diagnostic>);

impl Problems {
    /// Keeps the value or records the error.
    pub fn take<T>(&mut self, r: Result<T, Diagnostic>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(d) => {
                self.0.push(d);
                None
            }
        }
    }

    /// `Ok(value)` when nothing was recorded.
    pub fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T, Vec<Diagnostic>> {
        if self.0.is_empty() {
            Ok(value())
        } else {
            Err(self.0)
        }
    }
}

/// The front matter is required for this kind of file.
pub fn require_front_matter(src: &Source, example: &str) -> Result<(), Vec<Diagnostic>> {
    if src.has_front_matter {
        Ok(())
    } else {
        Err(vec![Diagnostic::error(
            &src.path,
            1,
            1,
            "в начале файла нет блока полей между строками «---»",
        )
        .hint(format!("начните файл так:\n---\n{example}\n---"))])
    }
}
