//! The drafts of a site (`draft: true`): `build` leaves them out and lists
//! them, one line each, so that none is forgotten.

use std::path::{Path, PathBuf};

use crate::text::source::Source;

/// The content folders whose files may be drafts.
const FOLDERS: [&str; 7] = [
    "practices",
    "programs",
    "contests",
    "news",
    "documents",
    "mentors",
    "pages",
];

/// One draft: its file (relative to the site) and its title or name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub path: PathBuf,
    pub title: String,
}

/// Every draft of the site at `root`, in file order. A file that cannot be
/// read or parsed is not a draft here: the build reports it on its own.
pub fn list(root: &Path) -> Vec<Draft> {
    let mut drafts = Vec::new();
    for folder in FOLDERS {
        let dir = root.join("content").join(folder);
        for file in super::content_files(&dir) {
            let Ok(text) = std::fs::read_to_string(&file) else {
                continue;
            };
            // Most files are not drafts: skip them without parsing.
            if !text.contains("draft") {
                continue;
            }
            let shown = file.strip_prefix(root).unwrap_or(&file);
            let src = Source::from_text(shown, &text);
            let Ok(fm) = serde_yaml::from_str::<serde_yaml::Value>(&src.yaml) else {
                continue;
            };
            if fm.get("draft").and_then(serde_yaml::Value::as_bool) == Some(true) {
                let title = ["title", "name"]
                    .iter()
                    .find_map(|k| fm.get(k).and_then(serde_yaml::Value::as_str))
                    .unwrap_or_default();
                drafts.push(Draft {
                    path: shown.to_path_buf(),
                    title: title.trim().to_string(),
                });
            }
        }
    }
    drafts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_only_drafts() {
        let tmp = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let p = tmp.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        write(
            "content/practices/a.md",
            "---\ndraft: true\ntitle: А\n---\n",
        );
        write(
            "content/practices/b.md",
            "---\ntitle: Б\ndraft: false\n---\n",
        );
        write("content/mentors/c.yaml", "draft: true\nname: Иванова\n");
        write(
            "content/news/d.md",
            "---\ntitle: \"не закрыта\n---\ndraft\n",
        );
        let drafts = list(tmp.path());
        assert_eq!(
            drafts,
            vec![
                Draft {
                    path: PathBuf::from("content/practices/a.md"),
                    title: "А".into()
                },
                Draft {
                    path: PathBuf::from("content/mentors/c.yaml"),
                    title: "Иванова".into()
                },
            ]
        );
    }
}
