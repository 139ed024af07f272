//! `nastavnik serve`: builds the site into a temporary folder, serves it on
//! 127.0.0.1, watches the site's files, rebuilds what changed and reloads the
//! open pages once the new files are all in place.
//!
//! serve = watch ([`watch`]) + incremental load, render and output ([`live`])
//! + a small web server ([`http`]) with live reload ([`reload`]).

pub mod changes;
pub mod http;
pub mod live;
pub mod reload;
pub mod watch;

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};

use chrono::NaiveDate;

use crate::text::format;
pub use live::{LiveSite, LoadKind, Rebuild};
use reload::Hub;

/// The port tried first.
pub const DEFAULT_PORT: u16 = 1111;

/// What `serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub today: NaiveDate,
    /// Address to listen on; 127.0.0.1 unless asked otherwise.
    pub interface: IpAddr,
    /// The first port to try (0: any free port).
    pub port: u16,
    /// Open the site in the browser.
    pub open: bool,
    /// Look at the files periodically instead of waiting for change events.
    pub poll: bool,
}

impl ServeOptions {
    /// Serving `root` on 127.0.0.1:1111 for `today`.
    pub fn new(root: &Path, today: NaiveDate) -> ServeOptions {
        ServeOptions {
            root: root.to_path_buf(),
            today,
            interface: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: DEFAULT_PORT,
            open: false,
            poll: false,
        }
    }
}

/// What wakes the main loop.
enum Signal {
    Watch(watch::Report),
    Stop,
}

impl From<watch::Report> for Signal {
    fn from(r: watch::Report) -> Signal {
        Signal::Watch(r)
    }
}

/// Runs until Ctrl-C (or SIGTERM); the temporary folder is removed on the way out.
/// An error is a Russian message for the terminal.
pub fn run(opts: &ServeOptions) -> Result<(), String> {
    if !opts.root.join("site.yaml").is_file() {
        return Err(format!(
            "в папке {} нет файла site.yaml\n  подсказка: укажите папку сайта (--root ПАПКА) или создайте новый сайт: nastavnik init ПАПКА",
            opts.root.display()
        ));
    }
    let tmp = tempfile::Builder::new()
        .prefix("nastavnik-serve-")
        .tempdir()
        .map_err(|e| format!("не удалось создать временную папку: {e}"))?;
    let (server, addr) = http::bind(opts.interface, opts.port)?;
    let (tx, rx) = mpsc::channel::<Signal>();
    let stop = tx.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(Signal::Stop);
    })
    .map_err(|e| format!("не удалось перехватить Ctrl+C: {e}"))?;

    println!(
        "Сборка сайта во временную папку {} (она будет удалена при выходе)…",
        tmp.path().display()
    );
    let mut live = LiveSite::new(&opts.root, opts.today, tmp.path());
    // Watching starts first: a file saved during the first build is not missed.
    let mut watcher = watch::SiteWatcher::start(live.root(), opts.poll, tx)
        .map_err(|e| format!("не удалось следить за изменениями файлов: {e}"))?;
    let hub = Arc::new(Hub::default());
    let mut terminal = Terminal::default();
    let first = live.build_all();
    terminal.report_first(&first);
    if !first.published {
        hub.problems(&first.diagnostics);
    }

    let server = Arc::new(server);
    http::spawn(
        server.clone(),
        Arc::new(http::Shared {
            run_id: format!(
                "{}-{}",
                std::process::id(),
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_millis())
                    .unwrap_or_default()
            ),
            out: tmp.path().to_path_buf(),
            gate: live.gate(),
            hub: hub.clone(),
        }),
    );
    let url = format!("http://{addr}/");
    if opts.port != 0 && addr.port() != opts.port {
        println!("Порт {} занят, используется {}.", opts.port, addr.port());
    }
    if !addr.ip().is_loopback() {
        println!(
            "Внимание: сайт открыт для других компьютеров сети (адрес {}). Сервер предназначен для просмотра во время работы, а не для публикации.",
            addr.ip()
        );
    }
    println!("Сайт доступен по адресу {url} (остановить — Ctrl+C)");
    if opts.open {
        open_browser(&url);
    }

    if opts.poll {
        println!(
            "Изменения файлов проверяются раз в {} с (--poll).",
            watch::POLL_INTERVAL.as_secs_f32()
        );
    }

    while let Ok(signal) = rx.recv() {
        let mut changed = match signal {
            Signal::Stop => break,
            Signal::Watch(watch::Report::Failed(e)) => {
                eprintln!("ошибка наблюдения за файлами: {e}");
                continue;
            }
            Signal::Watch(watch::Report::Changed(paths)) => paths,
        };
        // Whatever else arrived meanwhile goes into the same rebuild.
        let mut stop = false;
        while let Ok(more) = rx.try_recv() {
            match more {
                Signal::Stop => stop = true,
                Signal::Watch(watch::Report::Changed(paths)) => changed.extend(paths),
                Signal::Watch(watch::Report::Failed(e)) => {
                    eprintln!("ошибка наблюдения за файлами: {e}")
                }
            }
        }
        if stop {
            break;
        }
        changed.sort();
        changed.dedup();
        watcher.refresh_after(&changed);
        let had_problems = hub.has_problems();
        let report = live.rebuild(&changed);
        if report.load == LoadKind::None {
            continue;
        }
        if report.published {
            if had_problems || report.changed_output() {
                hub.reload();
            }
        } else if report.has_errors() {
            hub.problems(&report.diagnostics);
        }
        let what = describe(live.root(), &live.theme(), &changed);
        terminal.report_change(&what, &report, had_problems);
    }

    drop(watcher);
    server.unblock();
    let shown = tmp.path().display().to_string();
    match tmp.close() {
        Ok(()) => println!("Остановлено. Временная папка {shown} удалена."),
        Err(e) => eprintln!("Остановлено, но временную папку {shown} удалить не удалось: {e}"),
    }
    Ok(())
}

/// What the terminal has been told: warnings are printed once.
#[derive(Default)]
struct Terminal {
    warned: HashSet<String>,
}

impl Terminal {
    fn report_first(&mut self, r: &Rebuild) {
        self.diagnostics(r);
        if r.published {
            println!(
                "Собрано: {} за {} мс.",
                pages(r.pages),
                r.elapsed.as_millis()
            );
        } else {
            self.not_built(r, true);
        }
    }

    fn report_change(&mut self, what: &str, r: &Rebuild, had_problems: bool) {
        self.diagnostics(r);
        if !r.published {
            println!("{what}.");
            self.not_built(r, false);
            return;
        }
        if had_problems {
            println!("Ошибки исправлены.");
        }
        let mut line = format!(
            "{what}, пересобрано {} за {} мс",
            pages(r.rendered),
            r.elapsed.as_millis()
        );
        if !r.changed_output() {
            line.push_str(" (страницы сайта не изменились)");
        }
        println!("{line}.");
    }

    fn not_built(&self, r: &Rebuild, first: bool) {
        let errors = plain(format::count(
            r.diagnostics.iter().filter(|d| d.is_error()).count(),
            "ошибка",
            "ошибки",
            "ошибок",
        ));
        if !r.has_errors() {
            return;
        }
        if first {
            eprintln!(
                "Сайт не собран: {errors}. В браузере — список ошибок; исправьте файлы, и сайт соберётся сам."
            );
        } else {
            eprintln!(
                "Сайт не пересобран: {errors}. В браузере — последняя удачная версия и список ошибок; исправьте файл, и сайт пересоберётся сам."
            );
        }
    }

    /// Errors every time; a warning the first time it appears.
    fn diagnostics(&mut self, r: &Rebuild) {
        for d in &r.diagnostics {
            let text = d.to_string();
            if d.is_error() || self.warned.insert(text.clone()) {
                eprintln!("{text}");
            }
        }
    }
}

/// «Изменён файл content/practices/x.md», «Изменены файлы: a, b и ещё 3».
fn describe(root: &Path, theme: &str, changed: &[PathBuf]) -> String {
    let shown: Vec<String> = changed
        .iter()
        .filter(|p| changes::classify(root, theme, p) != changes::Change::Ignored)
        .map(|p| {
            crate::diagnostics::display_path(root, p)
                .display()
                .to_string()
        })
        .collect();
    match shown.as_slice() {
        [] => "Изменены файлы сайта".to_string(),
        [one] => {
            if root.join(one).exists() {
                format!("Изменён файл {one}")
            } else {
                format!("Удалён файл {one}")
            }
        }
        many => {
            let mut text = format!("Изменены файлы: {}", many[..many.len().min(3)].join(", "));
            if many.len() > 3 {
                text.push_str(&format!(" и ещё {}", many.len() - 3));
            }
            text
        }
    }
}

fn pages(n: usize) -> String {
    plain(format::count(n, "страница", "страницы", "страниц"))
}

/// Without the non-breaking spaces meant for pages.
fn plain(s: String) -> String {
    s.replace('\u{a0}', " ")
}

/// Opens `url` in the desktop's browser; says so when it cannot.
fn open_browser(url: &str) {
    if let Err(e) = open::that_detached(url) {
        eprintln!("Не удалось открыть браузер ({e}); откройте адрес {url} вручную.");
    }
}
