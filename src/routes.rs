//! The one place that decides every URL of the section. Paths here are
//! site-relative folders (`praktiki/shag-navstrechu/`); pages link to each
//! other relatively, so the output works at a root, under a sub-path and from disk.

use crate::model::forms::Track;
use crate::model::Level;

pub const DOCUMENTS: &str = "dokumenty/";
pub const ROADMAP: &str = "dorozhnaya-karta/";
pub const KPI: &str = "pokazateli/";
pub const PROGRAMS: &str = "programmy/";
pub const PRACTICES: &str = "praktiki/";
pub const CONTESTS: &str = "konkursy/";
pub const MENTORS: &str = "nastavniki/";
pub const NEWS: &str = "novosti/";
pub const PARTNERS: &str = "partnery/";
pub const TRACKS: &str = "trek/";
/// The KPI table as data (files, not folders).
pub const KPI_CSV: &str = "export/kpi.csv";
pub const KPI_JSON: &str = "export/kpi.json";

/// Practice slugs that would collide with facet and pagination folders.
pub const RESERVED_PRACTICE_SLUGS: [&str; 7] = [
    "forma",
    "god",
    "organizaciya",
    "uroven",
    "teg",
    "trek",
    "stranica",
];

/// Page slugs that would collide with sections and generated folders.
pub const RESERVED_SECTION_SLUGS: [&str; 14] = [
    "dokumenty",
    "dorozhnaya-karta",
    "pokazateli",
    "programmy",
    "praktiki",
    "konkursy",
    "nastavniki",
    "novosti",
    "partnery",
    "trek",
    "poisk",
    "export",
    "assets",
    "stranica",
];

/// A facet of the practices catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Facet {
    Form,
    Year,
    Organization,
    Level,
    Tag,
    Track,
}

impl Facet {
    pub const ALL: [Facet; 6] = [
        Facet::Form,
        Facet::Year,
        Facet::Organization,
        Facet::Level,
        Facet::Tag,
        Facet::Track,
    ];

    fn dir(self) -> &'static str {
        match self {
            Facet::Form => "forma",
            Facet::Year => "god",
            Facet::Organization => "organizaciya",
            Facet::Level => "uroven",
            Facet::Tag => "teg",
            Facet::Track => "trek",
        }
    }

    /// Heading of the facet's block in the catalogue.
    pub fn title(self) -> &'static str {
        match self {
            Facet::Form => "Форма наставничества",
            Facet::Year => "Год",
            Facet::Organization => "Организация",
            Facet::Level => "Уровень",
            Facet::Tag => "Темы",
            Facet::Track => "Направление",
        }
    }
}

/// `praktiki/forma/uchitel-uchitel/`
pub fn facet(facet: Facet, term_slug: &str) -> String {
    format!("{PRACTICES}{}/{term_slug}/", facet.dir())
}

pub fn practice(slug: &str) -> String {
    format!("{PRACTICES}{slug}/")
}

pub fn program(slug: &str) -> String {
    format!("{PROGRAMS}{slug}/")
}

pub fn contest(slug: &str) -> String {
    format!("{CONTESTS}{slug}/")
}

pub fn news(slug: &str) -> String {
    format!("{NEWS}{slug}/")
}

pub fn page(slug: &str) -> String {
    format!("{slug}/")
}

pub fn track(track: Track) -> String {
    format!("{TRACKS}{}/", track.slug())
}

/// An indicator's block on the KPI page.
pub fn indicator(id: &str) -> String {
    format!("{KPI}#pokazatel-{id}")
}

/// A row of the roadmap, by its anchor.
pub fn roadmap_row(anchor: &str) -> String {
    format!("{ROADMAP}#{anchor}")
}

/// Anchor of a document in the documents list.
pub fn document(slug: &str) -> String {
    format!("{DOCUMENTS}#{slug}")
}

pub fn level_slug(level: Level) -> &'static str {
    level.slug()
}

/// Page `n` (1-based) of a paginated list living at `base`.
pub fn pager_page(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}stranica/{n}/")
    }
}

/// The file a folder path is written to: `praktiki/x/` → `praktiki/x/index.html`.
pub fn file_of(dir: &str) -> String {
    format!("{dir}index.html")
}

/// How a page links to a folder path: with `index.html` (works from disk and
/// on any host) unless the site asks for pretty URLs.
pub fn link(dir: &str, pretty: bool) -> String {
    let (path, anchor) = match dir.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (dir, None),
    };
    let is_folder = path.is_empty() || path.ends_with('/');
    let path = if is_folder && !pretty {
        file_of(path)
    } else {
        path.to_string()
    };
    match anchor {
        Some(a) => format!("{path}#{a}"),
        None => path,
    }
}

/// The relative prefix from a page folder to the section root: `praktiki/x/` → `../../`.
pub fn root_prefix(dir: &str, pretty: bool) -> String {
    let depth = dir.split('/').filter(|s| !s.is_empty()).count();
    if depth == 0 {
        if pretty {
            "./".to_string()
        } else {
            String::new()
        }
    } else {
        "../".repeat(depth)
    }
}

/// A static file's URL: each path segment percent-encoded (spaces, Cyrillic).
pub fn static_file(rel: &str) -> String {
    rel.split('/')
        .map(encode_segment)
        .collect::<Vec<_>>()
        .join("/")
}

fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_prefixes() {
        assert_eq!(link("praktiki/x/", false), "praktiki/x/index.html");
        assert_eq!(link("praktiki/x/", true), "praktiki/x/");
        assert_eq!(link("", false), "index.html");
        assert_eq!(
            link("dokumenty/#prikaz", false),
            "dokumenty/index.html#prikaz"
        );
        assert_eq!(link("files/a.pdf", false), "files/a.pdf");
        assert_eq!(root_prefix("praktiki/x/", false), "../../");
        assert_eq!(root_prefix("", false), "");
        assert_eq!(root_prefix("", true), "./");
    }

    #[test]
    fn static_files_are_encoded() {
        assert_eq!(static_file("files/Положение о наставничестве.pdf"), "files/%D0%9F%D0%BE%D0%BB%D0%BE%D0%B6%D0%B5%D0%BD%D0%B8%D0%B5%20%D0%BE%20%D0%BD%D0%B0%D1%81%D1%82%D0%B0%D0%B2%D0%BD%D0%B8%D1%87%D0%B5%D1%81%D1%82%D0%B2%D0%B5.pdf");
        assert_eq!(static_file("img/logo.svg"), "img/logo.svg");
    }

    #[test]
    fn pagination_paths() {
        assert_eq!(pager_page(PRACTICES, 1), "praktiki/");
        assert_eq!(pager_page(PRACTICES, 3), "praktiki/stranica/3/");
    }
}
