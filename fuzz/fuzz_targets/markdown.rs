//! Markdown rendering with raw HTML: any text must render without a panic,
//! and the HTML that comes out must hold nothing the sanitizer would remove
//! (no script, no event handler, no `javascript:` address, no frame from an
//! unlisted host), with every reported line inside the text.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use nastavnik::render::markdown::sanitize::Policy;
use nastavnik::render::markdown::{render, LinkTargets, MarkdownContext};

struct Targets {
    frames: bool,
}

impl LinkTargets for Targets {
    fn resolve(&self, kind: &str, slug: &str) -> Option<String> {
        (kind == "practices" && slug == "shag").then(|| "praktiki/shag/".to_string())
    }
    fn has_static(&self, rel: &str) -> bool {
        rel == "files/a.pdf"
    }
    fn iframe_hosts(&self) -> &[String] {
        static HOSTS: OnceLock<Vec<String>> = OnceLock::new();
        if self.frames {
            HOSTS.get_or_init(|| vec!["rutube.ru".to_string()])
        } else {
            &[]
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let targets = Targets {
        frames: flags & 1 != 0,
    };
    let ctx = MarkdownContext {
        path: Path::new("content/news/x.md"),
        first_line: 5,
        root: "../../",
        pretty: flags & 2 != 0,
        targets: &targets,
    };
    let (html, problems) = render(text, &ctx);
    let leftovers = Policy::new(targets.iframe_hosts()).removals(&html);
    assert!(
        leftovers.is_empty(),
        "the output still holds {leftovers:?}:\n{html}"
    );
    let last = ctx.first_line + text.matches(['\n', '\r']).count();
    for p in &problems {
        assert!(
            p.line == 0 || (ctx.first_line..=last).contains(&p.line),
            "{p} is outside lines {}..={last}",
            ctx.first_line
        );
    }
});
