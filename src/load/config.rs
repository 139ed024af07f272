//! Reading and checking `site.yaml` into a [`SiteConfig`], and the forms of
//! mentoring it adds.

use std::path::Path;

use super::yaml;
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::model::forms::{Form, Forms, Track};

/// Loads and checks `site.yaml`; returns the config and the forms it defines.
pub fn load(root: &Path) -> Result<(SiteConfig, Forms), Vec<Diagnostic>> {
    let shown = Path::new("site.yaml");
    let file = root.join(shown);
    if !file.is_file() {
        return Err(vec![Diagnostic::error(shown, 0, 0, "не найден файл настроек site.yaml")
            .hint("создайте новый сайт командой «nastavnik init ПАПКА» или укажите папку сайта: --root ПАПКА")]);
    }
    super::source::check_link(root, &file, shown).map_err(|d| vec![d])?;
    let source = super::source::read(&file, shown).map_err(|d| vec![d])?;
    let config: SiteConfig =
        yaml::parse(&source.yaml, shown, source.yaml_line).map_err(|d| vec![d])?;
    let mut problems = Vec::new();
    let base = &config.base_url;
    if base
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'))
    {
        problems.push(
            source
                .error_at(
                    "base_url",
                    "в адресе раздела есть пробел, перевод строки или кавычка",
                )
                .hint("например: base_url: https://school1.example/nastavnichestvo/"),
        );
    } else if !(base.starts_with("https://") || base.starts_with("http://")) || !base.ends_with('/')
    {
        problems.push(
            source
                .error_at(
                    "base_url",
                    format!("адрес раздела «{base}» должен быть полным и оканчиваться на «/»"),
                )
                .hint("например: base_url: https://school1.example/nastavnichestvo/"),
        );
    }
    if let Some(color) = &config.accent_color {
        let hex = color.strip_prefix('#').unwrap_or("");
        if !(hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit())) {
            problems.push(
                source
                    .error_at("accent_color", format!("цвет «{color}» записан неверно"))
                    .hint("укажите цвет в виде \"#1f5fa8\" (в кавычках)"),
            );
        } else if contrast_with_white(hex) < 4.5 {
            problems.push(
                source
                    .error_at(
                        "accent_color",
                        format!(
                            "цвет «{color}» слишком светлый: контраст с белым {}:1, а нужно не меньше 4,5:1 (WCAG 2.1 AA)",
                            crate::text::format::decimal(contrast_with_white(hex), 1)
                        ),
                    )
                    .hint("возьмите более тёмный оттенок, например \"#1f5fa8\""),
            );
        }
    }
    // `accent_color: #1f5fa8` without quotes is a YAML comment: the colour would vanish silently.
    if config.accent_color.is_none() {
        if let Some((line, _)) = source.locate_nth("accent_color", 0) {
            problems.push(
                Diagnostic::error(
                    shown,
                    line,
                    1,
                    "цвет в accent_color не прочитан: «#» без кавычек начинает комментарий",
                )
                .hint("заключите цвет в кавычки: accent_color: \"#1f5fa8\""),
            );
        }
    }
    if !is_theme_name(&config.theme) {
        problems.push(
            source
                .error_at("theme", format!("имя темы «{}» записано неверно", config.theme))
                .hint("тема — это имя папки в themes/: латинские буквы, цифры, «-» и «_», например theme: default"),
        );
    }
    for host in &config.iframe_hosts {
        if !is_host_name(host) {
            let (line, col) = source.locate_value("iframe_hosts", host);
            problems.push(
                Diagnostic::error(
                    shown,
                    line,
                    col,
                    format!("«{host}» в iframe_hosts — не имя сайта"),
                )
                .hint("пишите только имя сайта, без https:// и пути: iframe_hosts: [rutube.ru, vk.com]"),
            );
        }
    }
    if let Some(logo) = &config.logo {
        let rel = logo.trim().trim_start_matches("static/");
        if super::statics::escapes_static(rel) {
            problems.push(
                source
                    .error_at(
                        "logo",
                        format!("путь к логотипу «{logo}» должен вести внутрь папки static/"),
                    )
                    .hint("укажите путь относительно static/, например img/logo.svg, без «..», «/» в начале и букв дисков"),
            );
        } else if !root.join("static").join(rel).is_file() {
            problems.push(
                source
                    .error_at(
                        "logo",
                        format!("файл логотипа «{logo}» не найден в папке static/"),
                    )
                    .hint("укажите путь относительно static/, например img/logo.svg"),
            );
        }
    }
    let mut forms = Forms::default();
    for (i, extra) in config.forms.iter().enumerate() {
        let (line, col) = source
            .locate_nth("name", i)
            .unwrap_or(source.locate("forms"));
        match Track::parse(&extra.track) {
            Some(track) => {
                if forms.find(&extra.name).is_some() {
                    problems.push(Diagnostic::error(
                        shown,
                        line,
                        col,
                        format!("форма «{}» уже есть в списке", extra.name),
                    ));
                } else {
                    forms.add(Form::new(&extra.name, track, extra.aliases.clone()));
                }
            }
            None => problems.push(
                Diagnostic::error(
                    shown,
                    line,
                    col,
                    format!("неизвестный трек «{}»", extra.track),
                )
                .hint("допустимо: обучающиеся, педагоги"),
            ),
        }
    }
    if problems.is_empty() {
        Ok((config, forms))
    } else {
        Err(problems)
    }
}

/// A theme is a folder of `themes/`: a plain name, never a path.
fn is_theme_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A host name such as `rutube.ru`: labels of letters, digits and hyphens, with a dot.
fn is_host_name(host: &str) -> bool {
    host.contains('.')
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

/// WCAG contrast ratio of an `rrggbb` colour against white.
fn contrast_with_white(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0)) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
    1.05 / (l + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_could_leave_the_site_are_refused() {
        assert!(is_theme_name("default"));
        assert!(!is_theme_name("../../etc"));
        assert!(!is_theme_name("/tmp/theme"));
        assert!(is_host_name("rutube.ru"));
        assert!(is_host_name("vk.com"));
        assert!(!is_host_name("https://rutube.ru/"));
        assert!(!is_host_name("rutube"));
        assert!(!is_host_name("*.ru"));
    }

    #[test]
    fn accent_contrast() {
        assert!(contrast_with_white("1f5fa8") > 6.0);
        assert!(contrast_with_white("ffcc00") < 4.5);
        assert!((contrast_with_white("000000") - 21.0).abs() < 0.01);
    }
}
