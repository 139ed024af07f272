//! Live reload over server-sent events: the open pages listen on
//! [`EVENTS_PATH`]; after a rebuild they are told to reload, after a failed
//! one they are shown its errors. The script that listens is added to pages
//! as they are served, never written into the built files.

use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Mutex;

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::text::format::count;

/// The event stream's address on the server.
pub const EVENTS_PATH: &str = "/__nastavnik/events";

/// The open pages: whom to tell, and the errors a newly opened page must show.
#[derive(Default)]
pub struct Hub {
    inner: Mutex<HubInner>,
}

#[derive(Default)]
struct HubInner {
    clients: Vec<Sender<String>>,
    /// The `problems` event while the site has errors.
    problems: Option<String>,
}

#[derive(Serialize)]
struct Problems<'a> {
    title: String,
    items: Vec<Problem<'a>>,
}

#[derive(Serialize)]
struct Problem<'a> {
    file: String,
    line: usize,
    col: usize,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<&'a str>,
    /// As the terminal shows it: `file:line:col: ошибка: …`.
    text: String,
}

impl Hub {
    /// A new listener; it gets the current errors at once, if there are any.
    pub fn subscribe(&self) -> Receiver<String> {
        let (tx, rx) = channel();
        let mut inner = self.lock();
        if let Some(p) = &inner.problems {
            let _ = tx.send(p.clone());
        }
        inner.clients.push(tx);
        rx
    }

    /// Number of pages listening.
    pub fn listeners(&self) -> usize {
        self.lock().clients.len()
    }

    /// The site was rebuilt: every page reloads.
    pub fn reload(&self) {
        let mut inner = self.lock();
        inner.problems = None;
        broadcast(&mut inner, frame("reload", "{}"));
    }

    /// The site has errors: every page shows them until they are fixed.
    pub fn problems(&self, diagnostics: &[Diagnostic]) {
        let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
        let problems = Problems {
            title: format!(
                "Сайт не пересобран: {}. Показана последняя удачная версия.",
                count(errors.len(), "ошибка", "ошибки", "ошибок").replace('\u{a0}', " ")
            ),
            items: errors
                .iter()
                .map(|d| Problem {
                    file: d.path.display().to_string(),
                    line: d.line,
                    col: d.col,
                    message: &d.message,
                    hint: d.hint.as_deref(),
                    text: d.to_string(),
                })
                .collect(),
        };
        let json = serde_json::to_string(&problems).unwrap_or_else(|_| "{}".into());
        let event = frame("problems", &json);
        let mut inner = self.lock();
        inner.problems = Some(event.clone());
        broadcast(&mut inner, event);
    }

    /// The errors are gone though nothing on the pages changed: hide them.
    pub fn clear(&self) {
        let mut inner = self.lock();
        if inner.problems.take().is_some() {
            broadcast(&mut inner, frame("ok", "{}"));
        }
    }

    /// Whether the pages are showing errors.
    pub fn has_problems(&self) -> bool {
        self.lock().problems.is_some()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HubInner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Sends to every listener, forgetting those that left.
fn broadcast(inner: &mut HubInner, event: String) {
    inner.clients.retain(|c| c.send(event.clone()).is_ok());
}

/// One server-sent event; `data` is one line of JSON.
fn frame(name: &str, data: &str) -> String {
    format!("event: {name}\ndata: {data}\n\n")
}

/// The script added to every served HTML page: reload on `reload`, show
/// errors on `problems`, hide them on `ok`.
pub const SCRIPT: &str = r#"<script id="nastavnik-live-reload">
(function () {
  if (!window.EventSource) return;
  var box = null;
  function hide() { if (box) { box.remove(); box = null; } }
  function show(p) {
    hide();
    box = document.createElement('div');
    box.id = 'nastavnik-errors';
    box.setAttribute('role', 'alert');
    box.lang = 'ru';
    box.style.cssText = 'position:fixed;z-index:2147483647;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;margin:0;padding:16px 20px;background:#fff4f4;color:#4a0000;border-top:4px solid #b00020;font:16px/1.45 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.3);text-align:left';
    var title = document.createElement('strong');
    title.textContent = p.title;
    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Скрыть';
    close.style.cssText = 'float:right;font:inherit;padding:2px 10px;cursor:pointer';
    close.onclick = hide;
    box.appendChild(close);
    box.appendChild(title);
    (p.items || []).forEach(function (d) {
      var pre = document.createElement('pre');
      pre.style.cssText = 'white-space:pre-wrap;margin:10px 0 0;font:15px/1.4 ui-monospace,Menlo,Consolas,monospace;color:#4a0000;background:none;border:0;padding:0';
      pre.textContent = d.text;
      box.appendChild(pre);
    });
    document.body.appendChild(box);
  }
  var events = new EventSource('/__nastavnik/events');
  events.addEventListener('reload', function () { location.reload(); });
  events.addEventListener('problems', function (e) { show(JSON.parse(e.data)); });
  events.addEventListener('ok', hide);
})();
</script>
"#;

/// `html` with the live-reload script before its last `</body>` (or at the end).
pub fn inject(html: &[u8]) -> Vec<u8> {
    let at = rfind(html, b"</body>")
        .or_else(|| rfind(html, b"</BODY>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + SCRIPT.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(SCRIPT.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_last_body_end() {
        let html = b"<html><body><p>&lt;/body&gt;</p></body></html>";
        let out = String::from_utf8(inject(html)).unwrap();
        assert!(out.ends_with("</script>\n</body></html>"), "{out}");
        assert!(out.starts_with("<html><body><p>&lt;/body&gt;</p><script"));
        let bare = String::from_utf8(inject(b"text")).unwrap();
        assert!(bare.starts_with("text<script"));
    }

    #[test]
    fn a_new_page_sees_current_errors_and_reload_clears_them() {
        let hub = Hub::default();
        let d = Diagnostic::error("content/practices/a.md", 3, 7, "неизвестная форма");
        hub.problems(&[d, Diagnostic::warning("x.md", 1, 1, "не показывается")]);
        let rx = hub.subscribe();
        let event = rx.try_recv().unwrap();
        assert!(event.starts_with("event: problems\ndata: {"), "{event}");
        assert!(event.contains("content/practices/a.md:3:7"), "{event}");
        assert!(!event.contains("не показывается"));
        assert_eq!(event.matches('\n').count(), 3, "one data line: {event}");
        hub.reload();
        assert_eq!(rx.try_recv().unwrap(), "event: reload\ndata: {}\n\n");
        assert!(
            hub.subscribe().try_recv().is_err(),
            "no errors for new pages"
        );
    }
}
