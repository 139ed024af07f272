//! Files for feed readers and crawlers: `rss.xml`, `sitemap.xml`, `robots.txt`.

use chrono::NaiveDate;

use crate::model::Site;
use crate::output::OutputFile;
use crate::routes;

pub use crate::text::format::xml_escape;

/// `sitemap.xml` listing every page among `html_paths` (except the 404 page).
pub fn sitemap(site: &Site, html_paths: &[&str]) -> OutputFile {
    let mut paths: Vec<&str> = html_paths
        .iter()
        .copied()
        .filter(|p| *p != "404.html")
        .collect();
    paths.sort();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for p in paths {
        let dir = p.trim_end_matches("index.html");
        xml.push_str(&format!(
            "  <url><loc>{}{}</loc></url>\n",
            xml_escape(&site.config.base_url),
            xml_escape(dir)
        ));
    }
    xml.push_str("</urlset>\n");
    OutputFile::Bytes {
        path: "sitemap.xml".into(),
        bytes: xml.into_bytes(),
    }
}

/// `robots.txt` pointing at the sitemap.
pub fn robots(site: &Site) -> OutputFile {
    OutputFile::Bytes {
        path: "robots.txt".into(),
        bytes: format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
            site.config.base_url
        )
        .into_bytes(),
    }
}

/// `rss.xml`: the latest news and dated practices.
pub fn rss(site: &Site) -> OutputFile {
    struct Entry<'a> {
        title: &'a str,
        dir: String,
        date: NaiveDate,
        summary: Option<&'a str>,
    }
    let mut entries: Vec<Entry> = site
        .news
        .iter()
        .map(|n| Entry {
            title: &n.title,
            dir: routes::news(&n.slug),
            date: n.date,
            summary: n.summary.as_deref(),
        })
        .chain(site.practices.iter().filter_map(|p| {
            p.date.map(|date| Entry {
                title: &p.title,
                dir: routes::practice(&p.slug),
                date,
                summary: p.summary.as_deref(),
            })
        }))
        .collect();
    entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.dir.cmp(&b.dir)));
    entries.truncate(30);
    let base = &site.config.base_url;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n<channel>\n",
    );
    xml.push_str(&format!(
        "  <title>{} — {}</title>\n  <link>{}</link>\n  <description>{}</description>\n  <language>ru</language>\n",
        xml_escape(&site.config.title),
        xml_escape(site.config.short_name.as_deref().unwrap_or(&site.config.organization)),
        xml_escape(base),
        xml_escape(site.config.description.as_deref().unwrap_or("Новости и лучшие практики наставничества")),
    ));
    for e in entries {
        let url = format!("{base}{}", e.dir);
        xml.push_str("  <item>\n");
        xml.push_str(&format!("    <title>{}</title>\n", xml_escape(e.title)));
        xml.push_str(&format!(
            "    <link>{}</link>\n    <guid>{}</guid>\n",
            xml_escape(&url),
            xml_escape(&url)
        ));
        xml.push_str(&format!(
            "    <pubDate>{}</pubDate>\n",
            e.date.format("%a, %d %b %Y 00:00:00 +0000")
        ));
        if let Some(s) = e.summary {
            xml.push_str(&format!(
                "    <description>{}</description>\n",
                xml_escape(s)
            ));
        }
        xml.push_str("  </item>\n");
    }
    xml.push_str("</channel>\n</rss>\n");
    OutputFile::Bytes {
        path: "rss.xml".into(),
        bytes: xml.into_bytes(),
    }
}
