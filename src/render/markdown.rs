//! Markdown → HTML: tables, footnotes, strikethrough, heading anchors, Russian
//! typography on text, checked internal links (`@/practices/slug`), and raw
//! HTML cleaned by a sanitizer that reports what it removed.

pub mod sanitize;

use std::collections::HashSet;
use std::path::Path;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::diagnostics::Diagnostic;
use crate::routes;
use crate::text::format::typo;
use crate::text::slug::slugify;

/// Resolves `@/…` references to site-relative paths.
pub trait LinkTargets: Sync {
    /// `kind` is `practices`, `documents`, …; returns the folder path, or `None` if absent.
    fn resolve(&self, kind: &str, slug: &str) -> Option<String>;
    /// Whether `rel` is a file under `static/`.
    fn has_static(&self, rel: &str) -> bool;
    /// Hosts whose pages raw HTML may embed in an `<iframe>` (`iframe_hosts` of site.yaml).
    fn iframe_hosts(&self) -> &[String] {
        &[]
    }
}

/// Where the Markdown comes from and which page it is rendered on.
pub struct MarkdownContext<'a> {
    pub path: &'a Path,
    /// Line of the file where the Markdown starts.
    pub first_line: usize,
    /// Relative prefix from the page to the section root (`../../`).
    pub root: &'a str,
    pub pretty: bool,
    pub targets: &'a dyn LinkTargets,
}

/// Renders `text`; problems (broken links, removed HTML) are returned, not printed.
pub fn render(text: &str, ctx: &MarkdownContext) -> (String, Vec<Diagnostic>) {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut problems = Vec::new();
    let shift = text.lines().any(|l| l.starts_with("# ") || l == "#");
    let mut has_raw_html = false;
    // The author's raw HTML, piece by piece, with the line each piece starts on.
    let mut raw_html: Vec<(String, usize)> = Vec::new();
    let mut in_html_block = false;
    let mut lines = LineCounter::new(text, ctx.first_line);
    let mut in_code = false;
    let mut in_heading: Option<(HeadingLevel, String, usize)> = None;
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut events: Vec<Event> = Vec::new();
    let mut pending_text = String::new();
    // Where the link standing for an image from another site starts.
    let mut external_image_at: Option<usize> = None;

    let flush = |pending: &mut String, events: &mut Vec<Event>, in_code: bool| {
        if !pending.is_empty() {
            let t = if in_code {
                std::mem::take(pending)
            } else {
                typo(&std::mem::take(pending))
            };
            events.push(Event::Text(CowStr::from(t)));
        }
    };

    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Text(t) => {
                pending_text.push_str(&t);
                continue;
            }
            _ => {
                let before = events.len();
                flush(&mut pending_text, &mut events, in_code);
                // Heading text is collected after typography so anchors match what readers see.
                if let (Some((_, title, _)), true, Some(Event::Text(t))) =
                    (in_heading.as_mut(), events.len() > before, events.last())
                {
                    title.push_str(t);
                }
            }
        }
        match event {
            Event::Start(Tag::CodeBlock(_)) => {
                in_code = true;
                events.push(event);
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                events.push(event);
            }
            // Wide tables scroll inside their own focusable region on phones.
            Event::Start(Tag::Table(_)) => {
                events.push(Event::Html(CowStr::from(
                    "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Таблица\">",
                )));
                events.push(event);
            }
            Event::End(TagEnd::Table) => {
                events.push(event);
                events.push(Event::Html(CowStr::from("</div>")));
            }
            Event::Start(Tag::HtmlBlock) => {
                in_html_block = true;
                raw_html.push((String::new(), lines.at(range.start)));
                events.push(event);
            }
            Event::End(TagEnd::HtmlBlock) => {
                in_html_block = false;
                events.push(event);
            }
            Event::Html(ref html) | Event::InlineHtml(ref html) => {
                has_raw_html = true;
                match raw_html.last_mut() {
                    Some((block, _)) if in_html_block => block.push_str(html),
                    _ => raw_html.push((html.to_string(), lines.at(range.start))),
                }
                events.push(event);
            }
            Event::Start(Tag::Heading { level, .. }) => {
                let level = if shift { deeper(level) } else { level };
                in_heading = Some((level, String::new(), events.len()));
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: None,
                    classes: vec![],
                    attrs: vec![],
                }));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, title, at)) = in_heading.take() {
                    let base = match slugify(&title) {
                        s if s.is_empty() => "razdel".to_string(),
                        s => s,
                    };
                    let mut id = base.clone();
                    let mut n = 2;
                    while !used_ids.insert(id.clone()) {
                        id = format!("{base}-{n}");
                        n += 1;
                    }
                    events[at] = Event::Start(Tag::Heading {
                        level,
                        id: Some(CowStr::from(id)),
                        classes: vec![],
                        attrs: vec![],
                    });
                    events.push(Event::End(TagEnd::Heading(level)));
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = rewrite_url(&dest_url, ctx, lines.at(range.start), &mut problems);
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: CowStr::from(dest),
                    title,
                    id,
                }));
            }
            // An image from another site becomes a link to it: pages load
            // nothing from elsewhere.
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) if sanitize::loads_from_elsewhere(&dest_url) => {
                problems.push(external_image(ctx, lines.at(range.start), &dest_url));
                external_image_at = Some(events.len());
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Image) if external_image_at.is_some() => {
                if external_image_at.take() == Some(events.len() - 1) {
                    events.push(Event::Text(CowStr::from("изображение на другом сайте")));
                }
                events.push(Event::End(TagEnd::Link));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = rewrite_url(&dest_url, ctx, lines.at(range.start), &mut problems);
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: CowStr::from(dest),
                    title,
                    id,
                }));
            }
            other => events.push(other),
        }
    }
    flush(&mut pending_text, &mut events, in_code);

    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if has_raw_html {
        html = sanitize::clean(&html, ctx.targets.iframe_hosts());
        report_removals(&raw_html, ctx, &mut problems);
    }
    (html, problems)
}

/// A warning for everything the sanitizer removes from the author's HTML, at its line.
fn report_removals(
    pieces: &[(String, usize)],
    ctx: &MarkdownContext,
    problems: &mut Vec<Diagnostic>,
) {
    use sanitize::Removal;
    let policy = sanitize::Policy::new(ctx.targets.iframe_hosts());
    let mut seen: HashSet<(usize, String)> = HashSet::new();
    for (piece, first_line) in pieces {
        let mut lines = LineCounter::new(piece, *first_line);
        for (offset, removal) in policy.removals(piece) {
            let line = lines.at(offset);
            let (message, hint) = match &removal {
                Removal::TagWithContent(tag) => (
                    format!("удалён тег <{tag}> вместе с содержимым"),
                    if tag == "script" {
                        "скрипты в тексте материалов не выполняются; уберите тег <script>".to_string()
                    } else {
                        "оформление задаёт тема сайта; уберите тег <style>".to_string()
                    },
                ),
                Removal::Tag(tag) if tag == "iframe" => (
                    "удалён тег <iframe>".to_string(),
                    FRAME_HINT.to_string(),
                ),
                Removal::Tag(tag) if matches!(tag.as_str(), "form" | "input" | "button" | "select" | "textarea" | "option" | "label" | "fieldset") => (
                    format!("удалён тег <{tag}>"),
                    "формы в тексте не допускаются; дайте ссылку на форму, например на сайте школы".to_string(),
                ),
                Removal::Tag(tag) => (
                    format!("удалён тег <{tag}>"),
                    "такой тег не допускается в тексте; его содержимое осталось — уберите тег или замените его разметкой Markdown".to_string(),
                ),
                Removal::Attribute { name, .. } if name.starts_with("on") => (
                    format!("удалён атрибут {name}"),
                    "обработчики событий (onclick, onload, onerror…) в тексте не допускаются".to_string(),
                ),
                Removal::Attribute { tag, name } => (
                    format!("удалён атрибут {name}"),
                    format!(
                        "у тега <{tag}> допустимы атрибуты: {}",
                        policy.attributes_of(tag).join(", ")
                    ),
                ),
                Removal::Url(scheme) => (format!("удалена ссылка {scheme}:"), LINK_HINT.to_string()),
                Removal::Frame(src) => (
                    format!("удалён фрейм с адреса «{src}»"),
                    FRAME_HINT.to_string(),
                ),
                Removal::ExternalImage(src) => (
                    format!("удалена картинка с другого сайта «{src}»"),
                    EXTERNAL_IMAGE_HINT.to_string(),
                ),
            };
            if seen.insert((line, message.clone())) {
                problems.push(Diagnostic::warning(ctx.path, line, 0, message).hint(hint));
            }
        }
    }
}

/// The warning for a Markdown image from another site, shown as a link instead.
fn external_image(ctx: &MarkdownContext, line: usize, src: &str) -> Diagnostic {
    Diagnostic::warning(
        ctx.path,
        line,
        0,
        format!("картинка с другого сайта «{src}» не встроена в страницу: вместо неё — ссылка"),
    )
    .hint(EXTERNAL_IMAGE_HINT)
}

const EXTERNAL_IMAGE_HINT: &str = "страницы раздела ничего не загружают с чужих сайтов (так их не отследить и они открываются без интернета); сохраните картинку в static/ и укажите путь к ней: ![описание](img/файл.jpg)";

const LINK_HINT: &str = "ссылки могут вести на страницы и файлы раздела или на адреса http://, https://, mailto: и tel:";

const FRAME_HINT: &str = "встроить видео можно только с сайта из списка iframe_hosts в site.yaml (например, iframe_hosts: [rutube.ru]) и только по адресу https://";

fn deeper(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Line numbers of byte offsets, counted on from the last one asked: events
/// come in text order, so a long document is walked once, not once per link.
struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str, first_line: usize) -> Self {
        LineCounter {
            text: text.as_bytes(),
            offset: 0,
            line: first_line,
        }
    }

    fn at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            let back = &self.text[offset..self.offset];
            self.line -= back.iter().filter(|&&b| b == b'\n').count();
        } else {
            let ahead = &self.text[self.offset..offset];
            self.line += ahead.iter().filter(|&&b| b == b'\n').count();
        }
        self.offset = offset;
        self.line
    }
}

/// `@/kind/slug` → checked relative link; `/x` → relative to the section root;
/// a bare path naming a static file → relative to the root; the rest as written.
fn rewrite_url(
    dest: &str,
    ctx: &MarkdownContext,
    line: usize,
    problems: &mut Vec<Diagnostic>,
) -> String {
    if let Some(reference) = dest.strip_prefix("@/") {
        let (target, anchor) = match reference.split_once('#') {
            Some((t, a)) => (t, Some(a)),
            None => (reference, None),
        };
        let target = target.trim_end_matches('/');
        let resolved = match target.split_once('/') {
            Some((kind, slug)) if !slug.contains('/') && !slug.contains('.') => {
                ctx.targets.resolve(kind, slug)
            }
            _ => None,
        }
        .or_else(|| {
            ctx.targets
                .has_static(target)
                .then(|| routes::static_file(target))
        });
        return match resolved {
            Some(path) => {
                let mut url = format!("{}{}", ctx.root, routes::link(&path, ctx.pretty));
                if let Some(a) = anchor {
                    url.push('#');
                    url.push_str(a);
                }
                url
            }
            None => {
                problems.push(
                    Diagnostic::error(ctx.path, line, 0, format!("ссылка «{dest}» ведёт на несуществующую страницу или файл"))
                        .hint("пишите @/practices/адрес, @/documents/адрес, @/programs/…, @/contests/…, @/news/…, @/pages/… или @/путь/к/файлу из static/"),
                );
                "#".to_string()
            }
        };
    }
    if let Some(rest) = dest.strip_prefix('/') {
        if !rest.starts_with('/') {
            // Relative to the section root; a folder gets its index.html (works from disk).
            return format!("{}{}", ctx.root, routes::link(rest, ctx.pretty));
        }
    }
    if let Some(scheme) = sanitize::url_scheme(dest) {
        if !sanitize::URL_SCHEMES.contains(&scheme.as_str()) {
            problems.push(
                Diagnostic::warning(ctx.path, line, 0, format!("удалена ссылка {scheme}:"))
                    .hint(LINK_HINT),
            );
            return "#".to_string();
        }
    }
    let has_scheme = dest
        .split_once(':')
        .is_some_and(|(s, _)| s.chars().all(|c| c.is_ascii_alphabetic()));
    if !has_scheme
        && !dest.starts_with('#')
        && !dest.starts_with('.')
        && ctx.targets.has_static(dest)
    {
        return format!("{}{}", ctx.root, routes::static_file(dest));
    }
    dest.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Targets;
    impl LinkTargets for Targets {
        fn resolve(&self, kind: &str, slug: &str) -> Option<String> {
            (kind == "practices" && slug == "shag").then(|| routes::practice(slug))
        }
        fn has_static(&self, rel: &str) -> bool {
            rel == "files/a.pdf"
        }
    }

    fn md(text: &str) -> (String, Vec<Diagnostic>) {
        let ctx = MarkdownContext {
            path: Path::new("content/practices/x.md"),
            first_line: 5,
            root: "../../",
            pretty: false,
            targets: &Targets,
        };
        render(text, &ctx)
    }

    #[test]
    fn extensions_and_anchors() {
        let (html, _) = md("## Цели и задачи\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ и сноска[^1]\n\n[^1]: текст\n\n## Цели и задачи\n");
        assert!(html.contains("<h2 id=\"tseli-i-zadachi\">"), "{html}");
        assert!(html.contains("<h2 id=\"tseli-i-zadachi-2\">"), "{html}");
        assert!(html.contains("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Таблица\"><table>"), "{html}");
        assert!(html.contains("<del>x</del>"));
        assert!(html.contains("footnote"));
    }

    #[test]
    fn typography_in_text_not_in_code() {
        let (html, _) = md("Проект \"Шаг\" в школе\n\n    \"code\" в x\n");
        assert!(html.contains("Проект «Шаг» в\u{a0}школе"), "{html}");
        assert!(html.contains("<code>\"code\" в x"), "{html}");
    }

    #[test]
    fn internal_links_resolve_or_fail_with_line() {
        let (html, problems) = md("Текст\n\n[практика](@/practices/shag) и [файл](@/files/a.pdf) и [нет](@/practices/net)\n");
        assert!(
            html.contains("href=\"../../praktiki/shag/index.html\""),
            "{html}"
        );
        assert!(html.contains("href=\"../../files/a.pdf\""), "{html}");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 7);
        assert!(problems[0].message.contains("@/practices/net"));
    }

    #[test]
    fn root_absolute_links_stay_under_the_prefix() {
        let (html, _) =
            md("[a](/files/a.pdf) ![b](files/a.pdf) [c](https://example.org/) [d](/kurator/)");
        assert!(html.contains("href=\"../../kurator/index.html\""), "{html}");
        assert!(html.contains("href=\"../../files/a.pdf\""), "{html}");
        assert!(html.contains("src=\"../../files/a.pdf\""), "{html}");
        assert!(html.contains("href=\"https://example.org/\""), "{html}");
    }

    #[test]
    fn h1_in_body_is_shifted_below_the_page_title() {
        let (html, _) = md("# Раздел\n");
        assert!(html.starts_with("<h2"), "{html}");
    }

    #[test]
    fn raw_html_is_sanitized() {
        let (html, _) = md("<p onclick=\"x()\">a</p><script>alert(1)</script><a href=\"javascript:x\">b</a>\n\n<table><tr><td>ok</td></tr></table>\n");
        assert!(!html.contains("script"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("<td>ok</td>"), "{html}");
    }

    fn warnings(problems: &[Diagnostic]) -> Vec<(usize, String)> {
        problems
            .iter()
            .map(|d| (d.line, d.message.clone()))
            .collect()
    }

    #[test]
    fn every_removal_is_reported_at_its_line() {
        // The body starts on line 5 of the file.
        let text = "Текст\n\n<div onclick=\"x()\">\n<script>\nalert(1)\n</script>\n</div>\n\nи <span onmouseover=\"y()\">тут</span>\n\n<img\n  src=\"a.png\"\n  onerror=\"z()\">\n";
        let (html, problems) = md(text);
        assert_eq!(
            warnings(&problems),
            vec![
                (7, "удалён атрибут onclick".to_string()),
                (8, "удалён тег <script> вместе с содержимым".to_string()),
                (13, "удалён атрибут onmouseover".to_string()),
                (15, "удалён атрибут onerror".to_string()),
            ]
        );
        assert!(problems.iter().all(|d| !d.is_error() && d.hint.is_some()));
        assert!(
            !html.contains("alert") && !html.contains("onerror"),
            "{html}"
        );
    }

    #[test]
    fn images_from_other_sites_become_links_and_are_reported() {
        let text = "Схема:\n\n![Схема *работы*](https://example.org/a.png \"Подпись\")\n\n![](//cdn.example/b.png) ![своя](img/c.png)\n\n<img src=\"HTTPS://evil.example/t.gif\" alt=\"счётчик\"> <img src=\"/\\evil.example/u.gif\"> <img src=\"img/d.png\" alt=\"своя\">\n";
        let (html, problems) = md(text);
        assert!(
            html.contains(
                "<a href=\"https://example.org/a.png\" title=\"Подпись\">Схема <em>работы</em></a>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"//cdn.example/b.png\">изображение на другом сайте</a>"),
            "{html}"
        );
        assert!(
            html.contains("<img src=\"img/c.png\" alt=\"своя\""),
            "{html}"
        );
        assert!(
            html.contains("<img src=\"img/d.png\" alt=\"своя\">"),
            "{html}"
        );
        assert!(!html.contains("evil.example"), "{html}");
        assert!(!html.contains("<img src=\"http"), "{html}");
        assert!(!html.contains("<img src=\"//"), "{html}");
        assert_eq!(
            warnings(&problems),
            vec![
                (7, "картинка с другого сайта «https://example.org/a.png» не встроена в страницу: вместо неё — ссылка".to_string()),
                (9, "картинка с другого сайта «//cdn.example/b.png» не встроена в страницу: вместо неё — ссылка".to_string()),
                (11, "удалена картинка с другого сайта «HTTPS://evil.example/t.gif»".to_string()),
                (11, "удалена картинка с другого сайта «/\\evil.example/u.gif»".to_string()),
            ]
        );
    }

    #[test]
    fn markdown_links_with_dangerous_schemes_are_removed() {
        let (html, problems) = md("[a](javascript:alert(1))\n\n![b](data:image/png;base64,AAAA) <JavaScript:alert(2)> [c](tel:+78000000000) [d](mailto:a@b.c)\n");
        assert!(!html.to_lowercase().contains("href=\"javascript"), "{html}");
        assert!(!html.contains("src=\"data:"), "{html}");
        assert_eq!(html.matches("href=\"#\"").count(), 2, "{html}");
        assert!(html.contains("href=\"tel:+78000000000\""), "{html}");
        assert_eq!(
            warnings(&problems),
            vec![
                (5, "удалена ссылка javascript:".to_string()),
                (7, "удалена ссылка data:".to_string()),
                (7, "удалена ссылка javascript:".to_string()),
            ]
        );
    }

    struct Frames;
    impl LinkTargets for Frames {
        fn resolve(&self, _: &str, _: &str) -> Option<String> {
            None
        }
        fn has_static(&self, _: &str) -> bool {
            false
        }
        fn iframe_hosts(&self) -> &[String] {
            static HOSTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
            HOSTS.get_or_init(|| vec!["rutube.ru".to_string()])
        }
    }

    #[test]
    fn frames_from_listed_hosts_survive() {
        let text = "<iframe src=\"https://rutube.ru/play/embed/1\" title=\"Видео\"></iframe>\n\n<iframe src=\"http://rutube.ru/play/embed/1\"></iframe>\n\n<iframe src=\"https://evil.example/\"></iframe>\n";
        let ctx = MarkdownContext {
            path: Path::new("content/news/x.md"),
            first_line: 1,
            root: "../../",
            pretty: false,
            targets: &Frames,
        };
        let (html, problems) = render(text, &ctx);
        assert_eq!(
            html.matches("<iframe").count(),
            1,
            "only the https frame from rutube.ru stays: {html}"
        );
        assert!(html
            .contains("<iframe src=\"https://rutube.ru/play/embed/1\" title=\"Видео\"></iframe>"));
        assert_eq!(
            warnings(&problems),
            vec![
                (
                    3,
                    "удалён фрейм с адреса «http://rutube.ru/play/embed/1»".to_string()
                ),
                (
                    5,
                    "удалён фрейм с адреса «https://evil.example/»".to_string()
                ),
            ]
        );
        // Without the list, no frame at all.
        let (html, problems) = md(text);
        assert!(!html.contains("<iframe"), "{html}");
        assert_eq!(problems.len(), 3);
    }
}
