//! Raw HTML in content: the sanitizer (ammonia) and a report of what it
//! removes, so that `check` can name every place where the author's HTML
//! lost something.
//!
//! ammonia is the security boundary; the report only reads the author's
//! HTML with the same allow-lists to explain the result. Both use
//! [`builder`], so they cannot disagree about what is allowed.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// URL schemes a link or an image may use (a relative URL has none).
pub const URL_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Attributes an allowed `<iframe>` keeps.
const IFRAME_ATTRIBUTES: [&str; 6] = [
    "src",
    "width",
    "height",
    "title",
    "allowfullscreen",
    "loading",
];

/// Elements whose content the HTML parser reads as text until their end tag.
const RAW_TEXT: [&str; 9] = [
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// The sanitizer's configuration; `iframe_hosts` are the sites frames may show.
pub fn builder(iframe_hosts: &[String]) -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id", "class", "role", "tabindex", "aria-label"])
        .add_tags(["figure", "figcaption", "section"])
        .add_tag_attributes("td", ["colspan", "rowspan", "style"])
        .add_tag_attributes("th", ["colspan", "rowspan", "scope", "style"])
        // Markdown tables align columns with `style="text-align: …"`; nothing else of CSS.
        .filter_style_properties(HashSet::from(["text-align"]))
        .url_schemes(HashSet::from(URL_SCHEMES))
        .link_rel(None)
        .url_relative(ammonia::UrlRelative::PassThrough);
    if !iframe_hosts.is_empty() {
        b.add_tags(["iframe"])
            .add_tag_attributes("iframe", IFRAME_ATTRIBUTES);
    }
    let hosts = iframe_hosts.to_vec();
    b.attribute_filter(
        move |element, attribute, value| match (element, attribute) {
            ("iframe", "src") if !frame_allowed(value, &hosts) => None,
            // Pages load nothing from other sites (privacy, and they work offline).
            ("img", "src") if loads_from_elsewhere(value) => None,
            _ => Some(Cow::Borrowed(value)),
        },
    );
    b
}

/// Cleans `html`. A frame or an image whose address was refused is removed whole.
pub fn clean(html: &str, iframe_hosts: &[String]) -> String {
    let mut out = builder(iframe_hosts).clean(html).to_string();
    if out.contains("<iframe") {
        out = drop_without_src(&out, "<iframe", Some("</iframe>"));
    }
    if out.contains("<img") {
        out = drop_without_src(&out, "<img", None);
    }
    out
}

/// Whether an address makes the browser fetch from another site: `http:`,
/// `https:`, or one starting with two slashes (`//host/…`; browsers read a
/// backslash as a slash there).
pub fn loads_from_elsewhere(url: &str) -> bool {
    let trimmed = url.trim_start_matches(|c: char| c.is_ascii_whitespace() || c.is_ascii_control());
    let mut chars = trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    let two_slashes = matches!(
        (chars.next(), chars.next()),
        (Some('/' | '\\'), Some('/' | '\\'))
    );
    two_slashes || matches!(url_scheme(url).as_deref(), Some("http" | "https"))
}

/// Whether a frame may show `src`: `https://` on a listed host or its subdomain.
pub fn frame_allowed(src: &str, hosts: &[String]) -> bool {
    let Some(rest) = src.trim().strip_prefix("https://") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return false; // user:password@host tricks
    }
    let host = authority
        .rsplit_once(':')
        .filter(|(_, port)| port.chars().all(|c| c.is_ascii_digit()))
        .map_or(authority, |(h, _)| h)
        .trim_end_matches('.')
        .to_ascii_lowercase();
    hosts.iter().any(|allowed| {
        let allowed = allowed.trim().trim_end_matches('.').to_ascii_lowercase();
        !allowed.is_empty()
            && (host == allowed
                || host
                    .strip_suffix(&allowed)
                    .is_some_and(|sub| sub.ends_with('.')))
    })
}

/// ammonia keeps an element whose `src` the filter dropped; a frame or an
/// image without an address is no use. `open` is the start of the tag (as
/// ammonia writes it, lower case), `close` its end tag, if it has one.
fn drop_without_src(html: &str, open: &str, close: Option<&str>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(open) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let tag_end = tail.find('>').map_or(tail.len(), |i| i + 1);
        let end = match close {
            Some(close) => tail.find(close).map_or(tail.len(), |i| i + close.len()),
            None => tag_end,
        };
        let is_this_tag = tail[open.len()..].starts_with([' ', '>', '/']);
        if !is_this_tag || tail[..tag_end].contains(" src=\"") {
            out.push_str(&tail[..end]);
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Something the sanitizer removes from the author's HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removal {
    /// An element not allowed; its content stays (as text or allowed elements).
    Tag(String),
    /// `<script>`, `<style>`: gone with their content.
    TagWithContent(String),
    /// An attribute not allowed on its element (`onclick`, `style`, …).
    Attribute { tag: String, name: String },
    /// A link or image address with a scheme not allowed (`javascript:`).
    Url(String),
    /// A frame from a site not listed in `iframe_hosts`, or not over https.
    Frame(String),
    /// An image from another site.
    ExternalImage(String),
}

/// The allow-lists of a [`builder`], read back once per document.
pub struct Policy {
    tags: HashSet<&'static str>,
    clean_content: HashSet<&'static str>,
    generic: HashSet<&'static str>,
    per_tag: HashMap<&'static str, HashSet<&'static str>>,
    schemes: HashSet<&'static str>,
    iframe_hosts: Vec<String>,
}

impl Policy {
    pub fn new(iframe_hosts: &[String]) -> Policy {
        let b = builder(iframe_hosts);
        Policy {
            tags: b.clone_tags(),
            clean_content: b.clone_clean_content_tags(),
            generic: b.clone_generic_attributes(),
            per_tag: b.clone_tag_attributes(),
            schemes: b.clone_url_schemes(),
            iframe_hosts: iframe_hosts.to_vec(),
        }
    }

    /// The attributes `tag` may keep, sorted (for hints).
    pub fn attributes_of(&self, tag: &str) -> Vec<&'static str> {
        let mut all: Vec<&'static str> = self.generic.iter().copied().collect();
        if let Some(own) = self.per_tag.get(tag) {
            all.extend(own.iter().copied());
        }
        all.sort_unstable();
        all.dedup();
        all
    }

    /// What cleaning `html` (a piece of the author's raw HTML) removes, with
    /// the byte offset of each removal in `html`.
    pub fn removals(&self, html: &str) -> Vec<(usize, Removal)> {
        let mut found = Vec::new();
        let bytes = html.as_bytes();
        let mut i = 0;
        while let Some(lt) = html[i..].find('<') {
            let at = i + lt;
            let rest = &html[at + 1..];
            if let Some(comment) = rest.strip_prefix("!--") {
                i = at + 4 + comment.find("-->").map_or(comment.len(), |e| e + 3);
                continue;
            }
            if rest.starts_with(['!', '?', '/']) {
                i = at + 1 + rest.find('>').map_or(rest.len(), |e| e + 1);
                continue;
            }
            let name_len = rest
                .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
                .unwrap_or(rest.len());
            let name = &rest[..name_len];
            if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
                i = at + 1;
                continue;
            }
            let tag = name.to_ascii_lowercase();
            let (attributes, end) = attributes(html, at + 1 + name_len);
            i = end;
            let tag_ref = tag.as_str();
            if self.clean_content.contains(tag_ref) {
                found.push((at, Removal::TagWithContent(tag.clone())));
            } else if !self.tags.contains(tag_ref) {
                found.push((at, Removal::Tag(tag.clone())));
            } else {
                for (name, value) in attributes {
                    let allowed = self.generic.contains(name.as_str())
                        || self
                            .per_tag
                            .get(tag_ref)
                            .is_some_and(|a| a.contains(name.as_str()));
                    if !allowed {
                        found.push((
                            at,
                            Removal::Attribute {
                                tag: tag.clone(),
                                name,
                            },
                        ));
                    } else if tag == "iframe" && name == "src" {
                        if !frame_allowed(&value, &self.iframe_hosts) {
                            found.push((at, Removal::Frame(value)));
                        }
                    } else if tag == "img" && name == "src" && loads_from_elsewhere(&value) {
                        found.push((at, Removal::ExternalImage(value)));
                    } else if is_url_attribute(&tag, &name) {
                        if let Some(scheme) = url_scheme(&value) {
                            if !self.schemes.contains(scheme.as_str()) {
                                found.push((at, Removal::Url(scheme)));
                            }
                        }
                    }
                }
            }
            if RAW_TEXT.contains(&tag_ref) && bytes.get(end.wrapping_sub(1)) == Some(&b'>') {
                // Their content is text, not tags: skip to the end tag.
                i = find_end_tag(html, end, &tag).unwrap_or(html.len());
            }
        }
        found
    }
}

/// The attributes of the tag whose name ends at `from` (names lowercased,
/// values with character references decoded), and the offset after its `>`.
fn attributes(html: &str, from: usize) -> (Vec<(String, String)>, usize) {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = from;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return (out, i);
        }
        if b[i] == b'>' {
            return (out, i + 1);
        }
        let start = i;
        i += 1; // a name may begin with `=`
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let quote = b[i];
                let end = html[i + 1..]
                    .find(quote as char)
                    .map_or(b.len(), |e| i + 1 + e);
                value = decode_references(&html[i + 1..end]);
                i = (end + 1).min(b.len());
            } else {
                let start = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = decode_references(&html[start..i]);
            }
        }
        if !out.iter().any(|(n, _): &(String, String)| *n == name) {
            out.push((name, value));
        }
    }
}

/// Decodes numeric character references and the few named ones used to hide
/// a scheme (`&colon;`, `&Tab;`, `&NewLine;`); enough to read a URL's scheme.
fn decode_references(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp + 1..];
        let end = tail
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .unwrap_or(tail.len());
        let entity = &tail[..end];
        let decoded = if let Some(num) = entity.strip_prefix('#') {
            let n = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse().ok(),
            };
            n.and_then(char::from_u32)
        } else {
            match entity {
                "colon" => Some(':'),
                "Tab" => Some('\t'),
                "NewLine" => Some('\n'),
                _ => None,
            }
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = tail[end..].strip_prefix(';').unwrap_or(&tail[end..]);
            }
            None => {
                out.push('&');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The scheme of a URL as a browser reads it (leading spaces and controls
/// skipped, tabs and newlines ignored), lowercased; `None` for a relative URL.
pub fn url_scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// The attributes ammonia treats as URLs.
fn is_url_attribute(tag: &str, attribute: &str) -> bool {
    matches!(attribute, "href" | "src" | "xlink:href")
        || (tag == "form" && attribute == "action")
        || (tag == "object" && attribute == "data")
        || (matches!(tag, "button" | "input") && attribute == "formaction")
        || (tag == "a" && attribute == "ping")
        || (tag == "video" && attribute == "poster")
        || (matches!(tag, "blockquote" | "del" | "ins" | "q") && attribute == "cite")
}

/// Where the end tag of a raw-text element `tag` starts, from `from`: `</tag`
/// ends a browser's raw text only when a space, `/` or `>` follows it
/// (`</iframe!>` is still text).
fn find_end_tag(html: &str, mut from: usize, tag: &str) -> Option<usize> {
    let close = format!("</{tag}");
    loop {
        let at = find_ascii_ci(html, from, &close)?;
        match html.as_bytes().get(at + close.len()) {
            None | Some(b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>') => return Some(at),
            Some(_) => from = at + 1,
        }
    }
}

fn find_ascii_ci(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    (from..h.len().saturating_sub(n.len() - 1)).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(html: &str, hosts: &[&str]) -> Vec<Removal> {
        let hosts: Vec<String> = hosts.iter().map(|h| h.to_string()).collect();
        Policy::new(&hosts)
            .removals(html)
            .into_iter()
            .map(|(_, r)| r)
            .collect()
    }

    #[test]
    fn dangerous_html_is_removed_and_reported() {
        let html = "<p onclick=\"x()\" class=\"a\">a</p><SCRIPT>alert('<b>')</SCRIPT>\
            <a href=\" jav&#x61;script&colon;alert(1)\">b</a><form action=\"/x\"><input name=q></form>\
            <style>p{}</style><img src=x onerror=alert(1)><iframe src=\"https://rutube.ru/x\"></iframe>";
        assert_eq!(
            report(html, &[]),
            vec![
                Removal::Attribute {
                    tag: "p".into(),
                    name: "onclick".into()
                },
                Removal::TagWithContent("script".into()),
                Removal::Url("javascript".into()),
                Removal::Tag("form".into()),
                Removal::Tag("input".into()),
                Removal::TagWithContent("style".into()),
                Removal::Attribute {
                    tag: "img".into(),
                    name: "onerror".into()
                },
                Removal::Tag("iframe".into()),
            ]
        );
        let out = clean(html, &[]);
        for bad in [
            "onclick",
            "script",
            "alert",
            "javascript",
            "<form",
            "<input",
            "<style",
            "onerror",
            "<iframe",
        ] {
            assert!(!out.contains(bad), "{bad} in {out}");
        }
        assert!(out.contains("<p class=\"a\">a</p>"), "{out}");
        assert!(out.contains("<img src=\"x\">"), "{out}");
    }

    #[test]
    fn tables_images_links_and_formatting_survive() {
        let html = "<table><thead><tr><th scope=\"col\" style=\"text-align: center; color: red\">A</th></tr></thead>\
            <tbody><tr><td colspan=\"2\"><b>1</b> <i>2</i> <a href=\"https://x.example/\" title=\"t\">x</a> \
            <a href=\"mailto:a@b.c\">m</a> <img src=\"files/a.png\" alt=\"схема\" width=\"10\"></td></tr></tbody></table>";
        assert_eq!(report(html, &[]), vec![]);
        let out = clean(html, &[]);
        assert!(
            out.contains("<th scope=\"col\" style=\"text-align:center\">"),
            "{out}"
        );
        assert!(out.contains("<td colspan=\"2\"><b>1</b> <i>2</i>"), "{out}");
        assert!(
            out.contains("<a href=\"https://x.example/\" title=\"t\">"),
            "{out}"
        );
        assert!(
            out.contains("<img src=\"files/a.png\" alt=\"схема\" width=\"10\">"),
            "{out}"
        );
    }

    #[test]
    fn raw_text_ends_only_at_a_real_end_tag() {
        // Found by the markdown fuzzer: `</iframe!>` does not end the frame's
        // text in a browser, so what follows is text, not a tag to report.
        let html = "<iframe src=\"https://rutube.ru/x\"><a title=\"</iframe!><mmg s\"></iframe><b onclick=\"x\">";
        assert_eq!(
            report(html, &["rutube.ru"]),
            vec![Removal::Attribute {
                tag: "b".into(),
                name: "onclick".into()
            }]
        );
        let cleaned = clean(html, &["rutube.ru".to_string()]);
        assert!(Policy::new(&["rutube.ru".to_string()])
            .removals(&cleaned)
            .is_empty());
    }

    #[test]
    fn frames_only_from_listed_hosts_over_https() {
        let hosts = ["rutube.ru".to_string(), "vk.com".to_string()];
        assert!(frame_allowed("https://rutube.ru/play/embed/1", &hosts));
        assert!(frame_allowed("https://vkvideo.vk.com/x", &hosts));
        assert!(frame_allowed("https://RUTUBE.ru:443/x", &hosts));
        assert!(!frame_allowed("http://rutube.ru/x", &hosts));
        assert!(!frame_allowed("https://evilrutube.ru/x", &hosts));
        assert!(!frame_allowed("https://rutube.ru.evil.example/x", &hosts));
        assert!(!frame_allowed("https://rutube.ru@evil.example/x", &hosts));
        assert!(!frame_allowed("//rutube.ru/x", &hosts));
        let html = "<iframe src=\"https://rutube.ru/play/embed/1\" width=\"720\" onload=\"x()\" title=\"Видео\"></iframe>\
            <iframe src=\"https://evil.example/\">x</iframe>";
        let hosts = ["rutube.ru"];
        assert_eq!(
            report(html, &hosts),
            vec![
                Removal::Attribute {
                    tag: "iframe".into(),
                    name: "onload".into()
                },
                Removal::Frame("https://evil.example/".into()),
            ]
        );
        let out = clean(html, &["rutube.ru".to_string()]);
        assert_eq!(
            out,
            "<iframe src=\"https://rutube.ru/play/embed/1\" width=\"720\" title=\"Видео\"></iframe>"
        );
    }

    #[test]
    fn schemes_are_read_like_a_browser() {
        assert_eq!(url_scheme("JavaScript:x").as_deref(), Some("javascript"));
        assert_eq!(
            url_scheme(" \u{1}java\tscript:x").as_deref(),
            Some("javascript")
        );
        assert_eq!(url_scheme("files/a:b.pdf"), None);
        assert_eq!(url_scheme("../a.pdf"), None);
        assert_eq!(url_scheme("https://x").as_deref(), Some("https"));
    }
}
