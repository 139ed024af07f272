//! `site.yaml`: who publishes the section and how it is addressed. The
//! types only; reading and checking the file is `load::config`'s.

use serde::Deserialize;

use crate::text::slug::slugify;

/// Whether the site is one organization's or a district's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum SiteLevel {
    #[default]
    School,
    District,
}

/// An entry of the navigation menu.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MenuEntry {
    pub title: String,
    /// A section path such as `praktiki/`, or an absolute `https://…` address.
    pub url: String,
}

/// A form of mentoring a site adds to the standard list.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtraForm {
    pub name: String,
    pub track: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// The parsed `site.yaml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Full name of the organization, e.g. МБОУ «СОШ № 1».
    pub organization: String,
    pub short_name: Option<String>,
    #[serde(default)]
    pub level: SiteLevel,
    /// Absolute address of the section, ending with `/`.
    pub base_url: String,
    #[serde(default = "default_title")]
    pub title: String,
    pub description: Option<String>,
    #[serde(default = "default_theme")]
    pub theme: String,
    pub logo: Option<String>,
    pub accent_color: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    #[serde(default)]
    pub menu: Vec<MenuEntry>,
    #[serde(default)]
    pub forms: Vec<ExtraForm>,
    /// Links as `praktiki/` instead of `praktiki/index.html` (for servers only).
    #[serde(default)]
    pub pretty_urls: bool,
    /// Sites whose videos raw HTML may embed with `<iframe src="https://…">`
    /// (e.g. `rutube.ru`); none by default.
    #[serde(default)]
    pub iframe_hosts: Vec<String>,
}

fn default_title() -> String {
    "Наставничество".to_string()
}

fn default_theme() -> String {
    "default".to_string()
}

impl SiteConfig {
    /// The organization's slug (for bundles and facets).
    pub fn organization_slug(&self) -> String {
        slugify(self.short_name.as_deref().unwrap_or(&self.organization))
    }

    /// The path part of `base_url`, e.g. `/nastavnichestvo/`.
    pub fn base_path(&self) -> &str {
        let rest = self
            .base_url
            .split_once("://")
            .map(|(_, r)| r)
            .unwrap_or(&self.base_url);
        rest.find('/').map(|i| &rest[i..]).unwrap_or("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(base_url: &str) -> SiteConfig {
        SiteConfig {
            organization: "МБОУ «СОШ № 1»".into(),
            short_name: None,
            level: SiteLevel::School,
            base_url: base_url.into(),
            title: default_title(),
            description: None,
            theme: default_theme(),
            logo: None,
            accent_color: None,
            address: None,
            phone: None,
            email: None,
            menu: vec![],
            forms: vec![],
            pretty_urls: false,
            iframe_hosts: vec![],
        }
    }

    #[test]
    fn base_path_of_sub_path_and_root() {
        assert_eq!(
            config("https://s.example/nastavnichestvo/").base_path(),
            "/nastavnichestvo/"
        );
        assert_eq!(config("https://s.example/").base_path(), "/");
        assert_eq!(
            config("https://s.example/nastavnichestvo/").organization_slug(),
            "mbou-sosh-1"
        );
    }
}
