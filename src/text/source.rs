//! A content file's text split into its YAML front matter and its Markdown
//! body, with the line numbers kept, and the positions of fields in it (for
//! messages). Pure: the file is read by `load::source`.

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// A content file split into its parts, with line numbers kept.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path for messages (relative to the site root).
    pub path: PathBuf,
    /// The YAML text (front matter, or the whole file for `.yaml`).
    pub yaml: String,
    /// 1-based line of the file where `yaml` starts.
    pub yaml_line: usize,
    /// The Markdown body ("" for `.yaml`).
    pub body: String,
    /// 1-based line of the file where `body` starts.
    pub body_line: usize,
    /// Whether a `.md` file had a front matter block at all.
    pub has_front_matter: bool,
}

impl Source {
    /// Splits already decoded text.
    pub fn from_text(shown: &Path, text: &str) -> Source {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // The YAML parser breaks lines at a lone CR (old Mac files) too: make
        // every line break `\n` so that all line numbers agree.
        let normalized;
        let text = if text.contains('\r') {
            normalized = text.replace("\r\n", "\n").replace('\r', "\n");
            normalized.as_str()
        } else {
            text
        };
        let is_yaml = matches!(
            shown.extension().and_then(|e| e.to_str()),
            Some("yaml") | Some("yml")
        );
        if is_yaml {
            return Source {
                path: shown.to_path_buf(),
                yaml: text.to_string(),
                yaml_line: 1,
                body: String::new(),
                body_line: 1,
                has_front_matter: true,
            };
        }
        match split_front_matter(text) {
            Some((yaml, body, body_line)) => Source {
                path: shown.to_path_buf(),
                yaml: yaml.to_string(),
                yaml_line: 2,
                body: body.to_string(),
                body_line,
                has_front_matter: true,
            },
            None => Source {
                path: shown.to_path_buf(),
                yaml: String::new(),
                yaml_line: 1,
                body: text.to_string(),
                body_line: 1,
                has_front_matter: false,
            },
        }
    }

    /// Line and column of the first top-level occurrence of `key:`.
    pub fn locate(&self, key: &str) -> (usize, usize) {
        self.locate_nth(key, 0).unwrap_or((self.yaml_line, 1))
    }

    /// Line and column of the `n`-th occurrence (0-based) of `key:` at any depth.
    pub fn locate_nth(&self, key: &str, n: usize) -> Option<(usize, usize)> {
        self.yaml
            .lines()
            .enumerate()
            .filter_map(|(i, line)| {
                let trimmed = line.trim_start();
                let indent = line.len() - trimmed.len();
                let (dash, trimmed) = match trimmed.strip_prefix("- ") {
                    Some(rest) => (2, rest.trim_start()),
                    None => (0, trimmed),
                };
                let after = trimmed.strip_prefix(key)?;
                after
                    .trim_start()
                    .starts_with(':')
                    .then_some((i + self.yaml_line, indent + dash + 1))
            })
            .nth(n)
    }

    /// Line and column of every occurrence of `key:` as a key, in text order,
    /// in block style (`key: v`, `- key: v`) and in flow style (`{a: 1, key: v}`).
    ///
    /// Data files (`data/*.yaml`) deserialize without positions; the n-th
    /// item that has a key is the n-th occurrence of that key, which is how
    /// their problems find their line.
    pub fn locate_keys(&self, key: &str) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        for (i, line) in self.yaml.lines().enumerate() {
            for (at, written) in keys_in_line(line) {
                if written == key {
                    found.push((i + self.yaml_line, line[..at].chars().count() + 1));
                }
            }
        }
        found
    }

    /// Line and column where `value` first appears in the YAML text, else the field's line.
    pub fn locate_value(&self, key: &str, value: &str) -> (usize, usize) {
        let start = self.locate(key).0.saturating_sub(self.yaml_line);
        for (i, line) in self.yaml.lines().enumerate().skip(start) {
            if let Some(pos) = line.find(value) {
                return (i + self.yaml_line, line[..pos].chars().count() + 1);
            }
        }
        self.locate(key)
    }

    /// An error at the line of `key`.
    pub fn error_at(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        let (line, col) = self.locate(key);
        Diagnostic::error(&self.path, line, col, message)
    }

    /// A warning at the line of `key`.
    pub fn warning_at(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        let (line, col) = self.locate(key);
        Diagnostic::warning(&self.path, line, col, message)
    }
}

/// The keys written on one line of YAML (byte offset, key text), outside
/// quoted strings and comments: `a: 1`, `- a: 1`, `{a: 1, "b": 2}`.
fn keys_in_line(line: &str) -> Vec<(usize, &str)> {
    let mut keys = Vec::new();
    let mut chars = line.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((at, c)) = chars.next() {
        let at_boundary = prev.is_none_or(|p| matches!(p, ' ' | '\t' | '{' | ',' | '['));
        match c {
            '#' if prev.is_none_or(char::is_whitespace) => break,
            '"' | '\'' if at_boundary => {
                let Some(end) = closing_quote(line, at, c) else {
                    break;
                };
                if colon_follows(&line[end + 1..]) {
                    keys.push((at, &line[at + 1..end]));
                }
                while chars.peek().is_some_and(|(i, _)| *i <= end) {
                    chars.next();
                }
                prev = Some(c);
                continue;
            }
            c if at_boundary && (c.is_alphanumeric() || c == '_') => {
                let len = line[at..]
                    .find(|ch: char| !(ch.is_alphanumeric() || ch == '_' || ch == '-' || ch == '.'))
                    .unwrap_or(line.len() - at);
                if colon_follows(&line[at + len..]) {
                    keys.push((at, &line[at..at + len]));
                }
                while chars.peek().is_some_and(|(i, _)| *i < at + len) {
                    prev = chars.next().map(|(_, ch)| ch);
                }
                continue;
            }
            _ => {}
        }
        prev = Some(c);
    }
    keys
}

/// The byte offset of the quote closing the string opened at `open`.
fn closing_quote(line: &str, open: usize, quote: char) -> Option<usize> {
    let mut escaped = false;
    let mut iter = line[open + 1..].char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let at = open + 1 + i;
        if quote == '"' {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                return Some(at);
            }
        } else if c == '\'' {
            // '' is an escaped quote inside a single-quoted string.
            if iter.peek().is_some_and(|(_, n)| *n == '\'') {
                iter.next();
            } else {
                return Some(at);
            }
        }
    }
    None
}

/// Whether the text after a key is a colon ending the key (`: v`, `:` at the end, `:,`).
fn colon_follows(rest: &str) -> bool {
    rest.trim_start_matches([' ', '\t'])
        .strip_prefix(':')
        .is_some_and(|r| {
            r.chars()
                .next()
                .is_none_or(|c| c.is_whitespace() || c == '}' || c == ',')
        })
}

/// Returns (yaml, body, first line of body) when `text` opens with `---`.
fn split_front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    let rest = &text[first_end + 1..];
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Some((yaml, body, i + 3));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_counts_lines() {
        let s = Source::from_text(Path::new("a.md"), "---\ntitle: x\nyear: 1\n---\n# Body\n");
        assert_eq!(s.yaml, "title: x\nyear: 1\n");
        assert_eq!(s.yaml_line, 2);
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.body_line, 5);
        assert_eq!(s.locate("year"), (3, 1));
    }

    #[test]
    fn every_kind_of_line_break_counts_as_one() {
        let s = Source::from_text(
            Path::new("a.md"),
            "---\r\ntitle: x\ryear: 1\r---\r\n# Body\r",
        );
        assert_eq!(s.yaml, "title: x\nyear: 1\n");
        assert_eq!(s.locate("year"), (3, 1));
        assert_eq!((s.body.as_str(), s.body_line), ("# Body\n", 5));
    }

    #[test]
    fn no_front_matter_means_all_body() {
        let s = Source::from_text(Path::new("a.md"), "# Только текст\n");
        assert!(!s.has_front_matter);
        assert_eq!(s.body, "# Только текст\n");
    }

    #[test]
    fn unclosed_front_matter_is_body() {
        let s = Source::from_text(Path::new("a.md"), "---\ntitle: x\n");
        assert!(!s.has_front_matter);
    }

    #[test]
    fn locates_nested_and_list_keys() {
        let s = Source::from_text(
            Path::new("a.md"),
            "---\nwinners:\n  - place: 1\n    practice: a\n  - place: 2\n    practice: b\n---\n",
        );
        assert_eq!(s.locate_nth("practice", 1), Some((6, 5)));
        assert_eq!(s.locate_nth("place", 0), Some((3, 5)));
        assert_eq!(s.locate_value("winners", "b"), (6, 15));
    }

    #[test]
    fn locates_keys_in_block_and_flow_style() {
        let s = Source::from_text(
            Path::new("data/kpi.yaml"),
            "# period: comment\nfacts:\n  - {period: 2024-05, numerator: 1}\n  - period: 2024-12\n  - {value: 2, \"period\": 2025-01}\ntitle: 'not period: here'\nplan: {2020: 10, 2024: 70}\n",
        );
        assert_eq!(s.locate_keys("period"), vec![(3, 6), (4, 5), (5, 16)]);
        assert_eq!(s.locate_keys("2024"), vec![(7, 18)]);
        assert_eq!(s.locate_keys("n"), vec![]);
    }
}
