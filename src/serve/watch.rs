//! Watching the site's folders: `notify` with its debouncer, folders rather
//! than files (an editor that saves by renaming replaces the file), and a
//! polling fallback for file systems without change events.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer_opt, DebounceEventResult, Debouncer, NoCache};

/// Quiet time after the last event before a rebuild: editors that write a
/// file twice, or save several files at once, cause one rebuild.
pub const DEBOUNCE: Duration = Duration::from_millis(50);

/// How often `--poll` looks at the files. It reads them, not only their
/// times: file systems that need polling often keep times in whole seconds,
/// and a file saved twice in one second must not be missed.
pub const POLL_INTERVAL: Duration = Duration::from_secs(1);

/// The folders of a site that hold its input (besides `site.yaml` in the root).
const WATCHED: [&str; 4] = ["content", "data", "static", "themes"];

/// What the watcher reports.
pub enum Report {
    /// Paths that changed (absolute), after a quiet moment.
    Changed(Vec<PathBuf>),
    /// The watcher failed (the message is for the terminal).
    Failed(String),
}

/// A running watcher; dropping it stops watching.
pub struct SiteWatcher {
    inner: Inner,
    root: PathBuf,
    /// The input folders being watched now.
    watched: Vec<PathBuf>,
}

enum Inner {
    Events(Debouncer<RecommendedWatcher, NoCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

/// Whether an event may change a file: reading one (which the rebuild itself
/// does) may not.
fn changes_files(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Other => false,
        _ => true,
    }
}

impl SiteWatcher {
    /// Watches `root` (itself only, for `site.yaml`) and its input folders,
    /// sending each burst of changes to `tx`.
    pub fn start<T>(root: &Path, poll: bool, tx: Sender<T>) -> notify::Result<SiteWatcher>
    where
        T: From<Report> + Send + 'static,
    {
        let handler = move |result: DebounceEventResult| {
            let report = match result {
                Ok(events) => {
                    let mut paths: Vec<PathBuf> = events
                        .into_iter()
                        .filter(|e| changes_files(&e.event.kind))
                        .flat_map(|e| e.event.paths)
                        .collect();
                    if paths.is_empty() {
                        return;
                    }
                    paths.sort();
                    paths.dedup();
                    Report::Changed(paths)
                }
                Err(errors) => Report::Failed(
                    errors
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            };
            let _ = tx.send(T::from(report));
        };
        let config = notify::Config::default()
            .with_poll_interval(POLL_INTERVAL)
            .with_compare_contents(true);
        let inner = if poll {
            Inner::Poll(new_debouncer_opt(DEBOUNCE, None, handler, NoCache, config)?)
        } else {
            Inner::Events(new_debouncer_opt(DEBOUNCE, None, handler, NoCache, config)?)
        };
        let mut watcher = SiteWatcher {
            inner,
            root: root.to_path_buf(),
            watched: Vec::new(),
        };
        watcher.watch(root, RecursiveMode::NonRecursive)?;
        watcher.refresh();
        Ok(watcher)
    }

    fn watch(&mut self, dir: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match &mut self.inner {
            Inner::Events(d) => d.watch(dir, mode),
            Inner::Poll(d) => d.watch(dir, mode),
        }
    }

    fn unwatch(&mut self, dir: &Path) {
        let _ = match &mut self.inner {
            Inner::Events(d) => d.unwatch(dir),
            Inner::Poll(d) => d.unwatch(dir),
        };
    }

    /// Starts watching input folders that appeared (or were replaced) since the last call;
    /// call it after every burst of changes.
    pub fn refresh_after(&mut self, changed: &[PathBuf]) {
        let replaced: Vec<PathBuf> = changed
            .iter()
            .filter(|p| self.watched.contains(p))
            .cloned()
            .collect();
        for dir in replaced {
            // Deleted and created again: its old watch is gone with the old folder.
            self.unwatch(&dir);
            self.watched.retain(|w| w != &dir);
        }
        self.refresh();
    }

    fn refresh(&mut self) {
        for name in WATCHED {
            let dir = self.root.join(name);
            if !dir.is_dir() || self.watched.contains(&dir) {
                continue;
            }
            if self.watch(&dir, RecursiveMode::Recursive).is_ok() {
                self.watched.push(dir);
            }
        }
    }
}
