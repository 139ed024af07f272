//! A linear pass over YAML text before it reaches the parser, refusing the
//! two shapes that make the parser slow or hungry:
//!
//! - deep flow nesting (`[[[[…`, `{a: {a: …`): libyaml checks every open flow
//!   level on every token, so the time grows with depth × tokens (100 000
//!   levels took 23 s in a release build);
//! - aliases (`*name` to an `&name` anchor): each alias is expanded where it
//!   stands, so a few kilobytes of aliases to a wide anchor become billions
//!   of values («billion laughs»). serde_yaml limits alias *jumps*, not their
//!   size, so a wide anchor behind many aliases still runs out of memory.
//!
//! The scan follows YAML's rules for where a node starts, so that quotes in
//! the middle of plain text or inside block scalars cannot hide brackets
//! from it. It may overcount (brackets in plain text), never undercount.

/// Flow collections nested deeper than this are refused (content needs 2 or 3).
pub const MAX_FLOW_DEPTH: usize = 64;

/// What the scan found wrong, with the 0-based line of the YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hazard {
    /// Flow collections nested deeper than [`MAX_FLOW_DEPTH`].
    DeepFlow { line: usize },
    /// An alias `*name`; anchors may be written but not referred to.
    Alias { line: usize, name: String },
}

/// Scans `text`; `None` when it is safe to parse.
pub fn scan(text: &str) -> Option<Hazard> {
    let mut s = Scanner::default();
    for (i, line) in text.lines().enumerate() {
        if let Some(h) = s.line(i, line) {
            return Some(h);
        }
    }
    None
}

#[derive(Default, PartialEq, Eq, Clone, Copy)]
enum Quote {
    #[default]
    None,
    Double,
    Single,
}

#[derive(Default)]
struct Scanner {
    depth: usize,
    quote: Quote,
    /// In flow context: whether a node may start here (carries across lines).
    flow_node_start: bool,
    /// In flow context, after a quoted scalar or a closed collection: `:` is
    /// then a value indicator even without a space (JSON-like keys).
    json_like: bool,
    /// Lines indented deeper than this column (or blank) continue a block
    /// scalar or a multi-line plain scalar: text, not structure.
    text_deeper_than: Option<usize>,
}

impl Scanner {
    fn line(&mut self, no: usize, line: &str) -> Option<Hazard> {
        let chars: Vec<char> = line.chars().collect();
        let indent = chars.iter().take_while(|c| **c == ' ').count();
        if self.quote == Quote::None && self.depth == 0 {
            if let Some(bound) = self.text_deeper_than {
                if indent > bound || chars.iter().all(|c| c.is_whitespace()) {
                    return None;
                }
                self.text_deeper_than = None;
            }
        }
        // Block context: whether a node may start here, where the current node
        // began, and the column of the key or dash owning the value (its
        // continuation lines must be deeper).
        let mut node_start = true;
        let mut node_col = indent;
        let mut owner_col = indent;
        // Inside a plain scalar of block context that may continue on the next lines.
        let mut in_block_plain = false;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            match self.quote {
                Quote::Double => {
                    if c == '\\' {
                        i += 2;
                        continue;
                    }
                    if c == '"' {
                        self.close_quote();
                    }
                    i += 1;
                    continue;
                }
                Quote::Single => {
                    if c == '\'' {
                        if chars.get(i + 1) == Some(&'\'') {
                            i += 2;
                            continue;
                        }
                        self.close_quote();
                    }
                    i += 1;
                    continue;
                }
                Quote::None => {}
            }
            let prev_space = i == 0 || chars[i - 1] == ' ' || chars[i - 1] == '\t';
            let next = chars.get(i + 1).copied();
            let next_blank = next.is_none_or(|n| n == ' ' || n == '\t');
            if c == ' ' || c == '\t' {
                i += 1;
                continue;
            }
            if c == '#' && prev_space {
                break; // a comment runs to the end of the line
            }
            if self.depth > 0 {
                if let Some(h) = self.flow_char(no, &chars, &mut i) {
                    return Some(h);
                }
                if self.depth == 0 {
                    // Back in block context after the collection closed.
                    node_start = false;
                    in_block_plain = false;
                }
                continue;
            }
            // Block context.
            if !node_start {
                if c == ':' && next_blank {
                    // The text so far was a key; its value starts after the colon.
                    node_start = true;
                    owner_col = node_col;
                    in_block_plain = false;
                }
                i += 1;
                continue;
            }
            match c {
                '-' if i == indent
                    && chars[i..].starts_with(&['-', '-', '-'])
                    && chars.get(i + 3).is_none_or(|n| n.is_whitespace()) =>
                {
                    i += 3; // a document marker
                    continue;
                }
                '-' | '?' if next_blank => {
                    owner_col = i;
                    i += 1;
                    continue;
                }
                '[' | '{' => {
                    self.depth = 1;
                    self.flow_node_start = true;
                    self.json_like = false;
                    i += 1;
                    continue;
                }
                '*' if !alias_name(&chars[i + 1..]).is_empty() => {
                    let name = alias_name(&chars[i + 1..]);
                    return Some(Hazard::Alias { line: no, name });
                }
                '&' | '!' => {
                    i += 1 + property_len(&chars[i + 1..], false);
                    continue;
                }
                '|' | '>' => {
                    // A block scalar: the following deeper lines are its text.
                    self.text_deeper_than = Some(owner_col);
                    return None;
                }
                '"' => self.quote = Quote::Double,
                '\'' => self.quote = Quote::Single,
                _ => in_block_plain = true,
            }
            node_col = i;
            node_start = false;
            i += 1;
        }
        if self.quote == Quote::None && self.depth == 0 && in_block_plain {
            self.text_deeper_than = Some(owner_col);
        }
        None
    }

    fn close_quote(&mut self) {
        self.quote = Quote::None;
        self.flow_node_start = false;
        self.json_like = true;
    }

    /// One significant character `chars[*i]` in flow context; advances `i`.
    fn flow_char(&mut self, no: usize, chars: &[char], i: &mut usize) -> Option<Hazard> {
        let c = chars[*i];
        let next = chars.get(*i + 1).copied();
        let next_ends = next.is_none_or(|n| n == ' ' || n == '\t' || is_flow_indicator(n));
        *i += 1;
        match c {
            '[' | '{' => {
                self.depth += 1;
                if self.depth > MAX_FLOW_DEPTH {
                    return Some(Hazard::DeepFlow { line: no });
                }
                self.flow_node_start = true;
                self.json_like = false;
            }
            ']' | '}' => {
                self.depth -= 1;
                self.flow_node_start = false;
                self.json_like = true;
            }
            ',' => {
                self.flow_node_start = true;
                self.json_like = false;
            }
            '?' if next_ends => self.flow_node_start = true,
            ':' if self.json_like || next_ends => {
                self.flow_node_start = true;
                self.json_like = false;
            }
            '"' if self.flow_node_start => self.quote = Quote::Double,
            '\'' if self.flow_node_start => self.quote = Quote::Single,
            '*' if self.flow_node_start && !alias_name(&chars[*i..]).is_empty() => {
                let name = alias_name(&chars[*i..]);
                return Some(Hazard::Alias { line: no, name });
            }
            '&' | '!' if self.flow_node_start => *i += property_len(&chars[*i..], true),
            _ => {
                self.flow_node_start = false;
                self.json_like = false;
            }
        }
        None
    }
}

fn is_flow_indicator(c: char) -> bool {
    matches!(c, ',' | '[' | ']' | '{' | '}')
}

/// The length of an anchor or tag starting at `rest` (after its `&` or `!`).
fn property_len(rest: &[char], flow: bool) -> usize {
    rest.iter()
        .take_while(|c| !(c.is_whitespace() || flow && is_flow_indicator(**c)))
        .count()
}

/// The name of an alias after its `*`, as libyaml reads it (ASCII letters,
/// digits, `_`, `-`); empty when this `*` cannot start an alias.
fn alias_name(rest: &[char]) -> String {
    rest.iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '_' || **c == '-')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_hazard(text: &str) -> bool {
        matches!(scan(text), Some(Hazard::DeepFlow { .. }))
    }

    #[test]
    fn ordinary_files_pass() {
        for text in [
            "title: x\ntags: [a, b]\nplan: {2020: 10, 2021: 20}\n",
            "facts:\n  - {period: 2024-05, numerator: 1}\n  - period: 2024-12\n",
            "title: '«Шаг»: [[[[ в кавычках'\nsummary: \"[[[[[[\"\n",
            "title: it's [a] и O'Brien\nbio: |\n  [[[[[[[[[[\n  \"\nnext: [1]\n",
            "title: Проект [1] {2}\nsummary: x # [[[[[[\n",
            "a: &anchor x\nb: !tag y\n",
            "title: звезда *важно* и 5 * 3\n",
        ] {
            assert_eq!(scan(text), None, "{text}");
        }
        let many_flat = "facts:\n".to_string() + &"  - {period: 2024-05, value: 1}\n".repeat(500);
        assert_eq!(scan(&many_flat), None);
    }

    #[test]
    fn deep_flow_nesting_is_found() {
        let n = MAX_FLOW_DEPTH + 1;
        assert!(depth_hazard(&format!(
            "a: {}{}",
            "[".repeat(n),
            "]".repeat(n)
        )));
        assert!(depth_hazard(&format!("a: {}x", "{b: ".repeat(n))));
        assert!(!depth_hazard(&format!(
            "a: {}{}",
            "[".repeat(n - 1),
            "]".repeat(n - 1)
        )));
        // Closing brackets inside quoted strings do not hide depth.
        assert!(depth_hazard(&format!("a: {}", "[ \"]\", ".repeat(n))));
        assert!(depth_hazard(&format!("a: {}", "[ '}', ".repeat(n))));
        assert!(depth_hazard(&format!("a: {}", "[ &x \"]\", ".repeat(n))));
        // Quotes inside plain text do not open strings.
        assert!(depth_hazard(&format!("a: [b \"c, {}", "[".repeat(n))));
        assert!(depth_hazard(&format!("a: x\n  \"\nb: {}", "[".repeat(n))));
        assert!(depth_hazard(&format!("a: |\n  \"\nb: {}", "[".repeat(n))));
        assert!(depth_hazard(&format!(
            "- k: |\n    \"\n  b: {}",
            "[".repeat(n)
        )));
        // Spread over lines.
        assert!(depth_hazard(&"[\n".repeat(n)));
    }

    #[test]
    fn aliases_are_found() {
        assert_eq!(
            scan("a: &x [1, 2]\nb: *x\n"),
            Some(Hazard::Alias {
                line: 1,
                name: "x".into()
            })
        );
        assert!(matches!(
            scan("a: &x [1]\nb: [*x, *x]\n"),
            Some(Hazard::Alias { line: 1, .. })
        ));
        assert!(matches!(
            scan("a: &x [1]\nb:\n  - *x\n"),
            Some(Hazard::Alias { line: 2, .. })
        ));
        assert!(matches!(scan("<<: *base\n"), Some(Hazard::Alias { .. })));
    }
}
