//! The development web server: the served folder over HTTP on 127.0.0.1,
//! with `dir/` served as `dir/index.html`, the site's own 404 page, content
//! types for what school sites publish, and no way out of the folder.

use std::io::{self, Write};
use std::net::{IpAddr, SocketAddr};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::thread;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

use super::reload::{self, Hub, EVENTS_PATH};

/// How many ports after the asked one are tried when it is taken.
pub const PORT_TRIES: u16 = 50;

/// Threads answering requests (the event streams have threads of their own).
const WORKERS: usize = 8;

/// A comment sent on idle event streams, so that closed pages are noticed.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Opens the server on the first free port from `port` (or any free port for 0).
pub fn bind(interface: IpAddr, port: u16) -> Result<(Server, SocketAddr), String> {
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(PORT_TRIES - 1)
    };
    let mut error = String::new();
    for p in port..=last {
        match Server::http(SocketAddr::new(interface, p)) {
            Ok(server) => {
                let addr = server
                    .server_addr()
                    .to_ip()
                    .unwrap_or_else(|| SocketAddr::new(interface, p));
                return Ok((server, addr));
            }
            Err(e) => error = e.to_string(),
        }
    }
    Err(if port == 0 {
        format!("не удалось открыть порт на адресе {interface}: {error}")
    } else {
        format!("порты {port}–{last} на адресе {interface} заняты или недоступны ({error}); укажите другой: --port")
    })
}

/// What the request handlers share.
pub struct Shared {
    /// Names this run of the server in the event stream: a page that was
    /// listening to an earlier run reloads when it reconnects.
    pub run_id: String,
    /// The served folder.
    pub out: PathBuf,
    /// Held for reading while a file is read (see `LiveSite::gate`).
    pub gate: Arc<RwLock<()>>,
    pub hub: Arc<Hub>,
}

/// Answers requests on worker threads until the server is unblocked.
pub fn spawn(server: Arc<Server>, shared: Arc<Shared>) {
    for _ in 0..WORKERS {
        let server = server.clone();
        let shared = shared.clone();
        thread::spawn(move || {
            while let Ok(request) = server.recv() {
                handle(request, &shared);
            }
        });
    }
}

/// Why a request path is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not a path the site could have: `..`, encoded or not, backslashes, NUL, `//`.
    BadPath,
}

/// The `/`-separated path a request asks for, checked: decoded, relative,
/// without `.` or `..` segments, backslashes, NUL or empty segments. A
/// trailing `/` is kept (a folder).
pub fn request_path(url: &str) -> Result<String, Refusal> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let rest = path.strip_prefix('/').ok_or(Refusal::BadPath)?;
    let decoded = percent_decode(rest).ok_or(Refusal::BadPath)?;
    let decoded = String::from_utf8(decoded).map_err(|_| Refusal::BadPath)?;
    if decoded.contains(['\\', '\0']) {
        return Err(Refusal::BadPath);
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        if segment.is_empty() {
            // Only the root itself or a trailing slash may leave a segment empty.
            if i == last {
                continue;
            }
            return Err(Refusal::BadPath);
        }
        let mut parts = Path::new(segment).components();
        let plain = matches!(parts.next(), Some(Component::Normal(_))) && parts.next().is_none();
        if !plain || *segment == "." || *segment == ".." {
            return Err(Refusal::BadPath);
        }
    }
    Ok(decoded)
}

/// `%xx` → byte; `None` for a broken escape.
fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The content type of a served file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "odp" => "application/vnd.oasis.opendocument.presentation",
        "rtf" => "application/rtf",
        "zip" => "application/zip",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("ASCII header")
}

fn handle(request: Request, shared: &Shared) {
    match request.method() {
        // tiny_http leaves the body out of an answer to HEAD.
        Method::Get | Method::Head => {}
        _ => {
            let r = text(405, "Метод не поддерживается: сайт можно только читать.\n")
                .with_header(header("Allow", "GET, HEAD"));
            let _ = request.respond(r);
            return;
        }
    };
    let url = request.url().to_string();
    if url.split('?').next() == Some(EVENTS_PATH) {
        events(request, shared);
        return;
    }
    let response = match request_path(&url) {
        Err(Refusal::BadPath) => text(400, "Неверный адрес.\n"),
        Ok(rel) => file_response(shared, &url, &rel),
    };
    let _ = request.respond(response);
}

type Answer = Response<io::Cursor<Vec<u8>>>;

fn text(status: u16, body: &str) -> Answer {
    Response::from_data(body.as_bytes().to_vec())
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
        .with_header(header("Cache-Control", "no-store"))
}

fn bytes(status: u16, body: Vec<u8>, content_type: &str) -> Answer {
    Response::from_data(body)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        // Always a Content-Length: no chunked encoding for big files.
        .with_chunked_threshold(usize::MAX)
}

/// The file at `rel` (a folder's `index.html`), the site's 404 page, or a redirect
/// from `dir` to `dir/` so that the page's relative links work.
fn file_response(shared: &Shared, url: &str, rel: &str) -> Answer {
    let out = &shared.out;
    let _reading = shared.gate.read().unwrap_or_else(|e| e.into_inner());
    let mut path = out.join(rel);
    let mut shown = rel.to_string();
    if path.is_dir() {
        if !rel.is_empty() && !rel.ends_with('/') {
            let (path_part, query) = match url.split_once('?') {
                Some((p, q)) => (p, format!("?{q}")),
                None => (url, String::new()),
            };
            return text(301, "").with_header(header("Location", &format!("{path_part}/{query}")));
        }
        path = path.join("index.html");
        shown.push_str("index.html");
    }
    match read_inside(out, &path) {
        Some(body) => page(200, body, &shown),
        None => match read_inside(out, &out.join("404.html")) {
            Some(body) => page(404, body, "404.html"),
            None => not_built(shared),
        },
    }
}

/// An HTML page gets the live-reload script; other files go as they are.
fn page(status: u16, body: Vec<u8>, shown: &str) -> Answer {
    let kind = content_type(shown);
    if kind.starts_with("text/html") {
        bytes(status, reload::inject(&body), kind)
    } else {
        bytes(status, body, kind)
    }
}

/// A file's bytes, if it is a regular file truly inside `out` (no link leads out).
fn read_inside(out: &Path, path: &Path) -> Option<Vec<u8>> {
    let real = path.canonicalize().ok()?;
    let base = out.canonicalize().ok()?;
    if !real.starts_with(&base) || !real.is_file() {
        return None;
    }
    std::fs::read(real).ok()
}

/// Before the first good build: a page that shows the errors and waits.
fn not_built(shared: &Shared) -> Answer {
    let message = if shared.hub.has_problems() {
        "Сайт ещё не собран: в файлах есть ошибки (они показаны ниже и в терминале). Исправьте их — страница обновится сама."
    } else {
        "Сайт собирается… Страница обновится сама."
    };
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"ru\">\n<head><meta charset=\"utf-8\"><title>nastavnik serve</title></head>\n<body>\n<h1>nastavnik serve</h1>\n<p>{message}</p>\n</body>\n</html>\n"
    );
    bytes(
        503,
        reload::inject(html.as_bytes()),
        "text/html; charset=utf-8",
    )
}

/// A server-sent event stream on its own thread, until the page goes away.
fn events(request: Request, shared: &Shared) {
    // The browser sends back the last `id:` it saw when it reconnects.
    let earlier_run = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Last-Event-ID"))
        .is_some_and(|h| h.value.as_str() != shared.run_id);
    let hub = shared.hub.clone();
    let run_id = shared.run_id.clone();
    thread::spawn(move || {
        let rx = hub.subscribe();
        let mut w = request.into_writer();
        let mut head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 1000\nid: {run_id}\n\n"
        );
        if earlier_run {
            // Served by an earlier `nastavnik serve`: the page may be out of date.
            head.push_str("event: reload\ndata: {}\n\n");
        }
        if w.write_all(head.as_bytes())
            .and_then(|_| w.flush())
            .is_err()
        {
            return;
        }
        loop {
            let chunk = match rx.recv_timeout(KEEP_ALIVE) {
                Ok(event) => event,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => ": ping\n\n".to_string(),
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
            };
            if w.write_all(chunk.as_bytes())
                .and_then(|_| w.flush())
                .is_err()
            {
                return;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_stay_inside() {
        assert_eq!(request_path("/"), Ok(String::new()));
        assert_eq!(request_path("/praktiki/"), Ok("praktiki/".into()));
        assert_eq!(
            request_path("/praktiki/x/index.html?a=1#b"),
            Ok("praktiki/x/index.html".into())
        );
        assert_eq!(
            request_path(
                "/files/%D0%9F%D0%BB%D0%B0%D0%BD%20%D1%80%D0%B0%D0%B1%D0%BE%D1%82%D1%8B.docx"
            ),
            Ok("files/План работы.docx".into())
        );
        for bad in [
            "/../site.yaml",
            "/%2e%2e/site.yaml",
            "/%2E%2E/site.yaml",
            "/..%2fsite.yaml",
            "/..%2Fsite.yaml",
            "/a/../../site.yaml",
            "//etc/passwd",
            "/a//b",
            "/./index.html",
            "/a/%2e/b",
            "/..\\site.yaml",
            "/%5c..%5csite.yaml",
            "/a%00.html",
            "/%zz",
            "/%e2%82",
            "etc/passwd",
            "http://example.com/",
        ] {
            assert_eq!(request_path(bad), Err(Refusal::BadPath), "{bad}");
        }
    }

    #[test]
    fn content_types_of_school_files() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("files/Положение.PDF"), "application/pdf");
        assert_eq!(
            content_type("x.docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        );
        assert_eq!(content_type("export/kpi.csv"), "text/csv; charset=utf-8");
        assert_eq!(
            content_type("assets/a11y.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("fonts/x.woff2"), "font/woff2");
        assert_eq!(content_type("README"), "application/octet-stream");
    }
}
