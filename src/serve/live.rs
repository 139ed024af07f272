//! The site kept in memory between rebuilds, and the served folder kept equal
//! to what `build` would write.
//!
//! A rebuild reloads as little as it can (one practice file, or the whole
//! site when anything else changed), rebuilds the views reusing the cards of
//! unchanged practices, renders only the pages whose inputs changed, and
//! writes only the files whose bytes changed. Anything it is unsure about
//! (a folder appears, a slug is taken twice, a reference breaks) falls back
//! to a full load: being right comes first, being fast second.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rayon::prelude::*;

use super::changes::{self, Change};
use crate::diagnostics::{display_path, Diagnostic, Diagnostics};
use crate::load::{self, LoadContext};
use crate::model::{collate, Award, Practice, Site, StaticFile};
use crate::output::OutputFile;
use crate::output::{self, MARKER, MARKER_TEXT};
use crate::render::build_views::{
    contest_titles, PracticeEntry, PracticeLists, Previous, SiteTargets, Views,
};
use crate::render::{self, templates, PageSpec, PAGE_SIZE};
use crate::text::source::Source;

/// How much of the site a rebuild read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadKind {
    /// Nothing that matters changed; nothing was done.
    None,
    /// Only the changed practice files were read.
    Practices,
    /// The whole site was read.
    Full,
}

/// What one rebuild did.
#[derive(Debug)]
pub struct Rebuild {
    /// Every problem of the current site (warnings included), sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the served folder now holds the new site (false: errors, the old one stays).
    pub published: bool,
    pub load: LoadKind,
    /// HTML pages rendered by this rebuild.
    pub rendered: usize,
    /// HTML pages of the whole site.
    pub pages: usize,
    /// Files written because their bytes changed.
    pub written: usize,
    /// Files removed because the site no longer has them.
    pub removed: usize,
    pub elapsed: Duration,
}

impl Rebuild {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Whether the browser should reload: the served files changed.
    pub fn changed_output(&self) -> bool {
        self.published && self.written + self.removed > 0
    }
}

/// A site being served: its folder on disk and what it was made from.
pub struct LiveSite {
    /// The site folder, absolute (watch events come with absolute paths).
    root: PathBuf,
    today: NaiveDate,
    /// The served folder.
    out: PathBuf,
    /// Held for writing while files of the served folder change; the server
    /// holds it for reading while it reads a file, so a request gets the old
    /// file or the new one, never half a file or a gap.
    gate: Arc<RwLock<()>>,
    tera: Option<tera::Tera>,
    loaded: Option<Loaded>,
    /// The problems of a load that produced no site (no usable `site.yaml`).
    unloadable: Vec<Diagnostic>,
    /// Whether the sitemap, feeds and exports may differ from the published
    /// ones: set by every load that changed more than a practice's body.
    site_files_dirty: bool,
    published: Published,
}

/// The site as last loaded, good or not.
struct Loaded {
    site: Site,
    /// The load's own problems (only warnings when `clean`).
    diags: Vec<Diagnostic>,
    /// No errors: only then may practices be reloaded one by one.
    clean: bool,
    /// Every practice file, drafts included (absolute paths).
    practice_files: HashSet<PathBuf>,
    /// The fingerprints of each practice's source, by its shown path.
    fingerprints: HashMap<PathBuf, Fingerprint>,
    /// `static/` as the loaders see it.
    statics: HashMap<String, StaticFile>,
    /// Files of `static/` the site does not publish under their own name
    /// (photos without consent), as written and percent-encoded: a practice
    /// naming one is rewritten by the full load, so it is not reloaded alone.
    withheld: Vec<(String, String)>,
    /// Mentors' names that may not be published: a practice naming one as
    /// its author is left to the full load, which reports it.
    hidden_names: load::persons::HiddenNames,
}

/// What the served folder holds and what it was made from.
#[derive(Default)]
struct Published {
    /// Every file with the hash of its bytes.
    files: HashMap<String, u64>,
    /// The files copied from `static/` and the theme.
    statics: HashSet<String>,
    /// The sitemap, feeds and exports.
    site_files: Vec<String>,
    /// Per practice (by its source path): the inputs of its page and card.
    practices: HashMap<PathBuf, PracticeStamp>,
    /// The HTML pages.
    page_files: Vec<String>,
    /// Per catalogue page: the hash of its heading, size and practices.
    catalogue_pages: HashMap<String, u64>,
    /// The practices' entries and the lists made from them.
    entries: Vec<Arc<PracticeEntry>>,
    lists: Option<Arc<PracticeLists>>,
    /// What every page shows: the site's header and menu, as JSON.
    globals: Option<String>,
    targets: Option<SiteTargets>,
    contest_titles: Vec<(String, String)>,
}

/// A practice file's hashes: the whole of it, and its front matter alone
/// (what the sitemap, feeds and exports read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint {
    whole: u64,
    fields: u64,
}

struct PracticeStamp {
    fingerprint: Fingerprint,
    awards: Vec<Award>,
    entry: Arc<PracticeEntry>,
}

/// Which parts of the site a set of changed paths touches.
#[derive(Debug, Default)]
struct Plan {
    /// Templates or `site.yaml`: everything is rendered again.
    everything: bool,
    /// `static/`: file sizes and links may change everywhere.
    statics: bool,
    /// Anything but single practice files: the whole site is read again.
    full_load: bool,
    /// Practice files changed, added or removed.
    practices: Vec<PathBuf>,
}

impl Plan {
    fn is_empty(&self) -> bool {
        !self.everything && !self.statics && !self.full_load && self.practices.is_empty()
    }
}

/// More than this many lost link targets: every practice page is checked again.
const LOST_TARGETS_SCAN_LIMIT: usize = 64;

impl LiveSite {
    /// A site at `root` (made absolute) to be served from `out` (an empty folder nastavnik owns).
    pub fn new(root: &Path, today: NaiveDate, out: &Path) -> LiveSite {
        LiveSite {
            root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
            today,
            out: out.to_path_buf(),
            gate: Arc::default(),
            tera: None,
            loaded: None,
            unloadable: Vec::new(),
            site_files_dirty: true,
            published: Published::default(),
        }
    }

    /// The site folder, absolute.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The served folder.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// The lock a server takes (for reading) while it reads a served file.
    pub fn gate(&self) -> Arc<RwLock<()>> {
        self.gate.clone()
    }

    /// The theme in use (for the watcher), `default` until the site loads.
    pub fn theme(&self) -> String {
        self.loaded
            .as_ref()
            .map(|l| l.site.config.theme.clone())
            .unwrap_or_else(|| "default".to_string())
    }

    /// Reads and renders the whole site.
    pub fn build_all(&mut self) -> Rebuild {
        self.run(Plan {
            everything: true,
            statics: true,
            full_load: true,
            practices: Vec::new(),
        })
    }

    /// Brings the served folder up to date after `paths` changed (absolute
    /// paths, as the watcher reports them: created, modified or deleted).
    pub fn rebuild(&mut self, paths: &[PathBuf]) -> Rebuild {
        let plan = self.plan(paths);
        if plan.is_empty() {
            return self.report(LoadKind::None, Instant::now(), self.current_diagnostics());
        }
        self.run(plan)
    }

    /// The problems of the last load.
    fn current_diagnostics(&self) -> Vec<Diagnostic> {
        match &self.loaded {
            Some(l) => l.diags.clone(),
            None => self.unloadable.clone(),
        }
    }

    /// A report of a rebuild that published nothing.
    fn report(&self, load: LoadKind, started: Instant, diagnostics: Vec<Diagnostic>) -> Rebuild {
        Rebuild {
            diagnostics,
            published: false,
            load,
            rendered: 0,
            pages: 0,
            written: 0,
            removed: 0,
            elapsed: started.elapsed(),
        }
    }

    fn plan(&self, paths: &[PathBuf]) -> Plan {
        let mut plan = Plan::default();
        let theme = self.theme();
        for path in paths {
            match changes::classify(&self.root, &theme, path) {
                Change::Ignored => {}
                Change::Config | Change::Theme => plan.everything = true,
                Change::Static => plan.statics = true,
                Change::Content => plan.full_load = true,
                Change::Practice => match self.practice_change(path) {
                    Some(true) => plan.practices.push(path.clone()),
                    Some(false) => {}
                    None => plan.full_load = true,
                },
            }
        }
        // After a failed load or broken templates any change starts over.
        if !plan.is_empty() && (self.loaded.is_none() || self.tera.is_none()) {
            plan.everything = true;
        }
        if plan.everything || plan.statics {
            plan.full_load = true;
        }
        plan
    }

    /// Whether a path under `content/practices/` is a practice file to reload
    /// (`Some(true)`), nothing the site reads (`Some(false)`), or something
    /// only a full load sorts out (`None`: a folder, a link).
    fn practice_change(&self, path: &Path) -> Option<bool> {
        let known = &self.loaded.as_ref()?.practice_files;
        match fs::symlink_metadata(path) {
            Ok(m) if m.is_file() => Some(load::is_content_file(path)),
            Ok(_) => None,
            Err(_) if known.contains(path) => Some(true),
            // Gone: a folder of practices, or a file the site never read.
            Err(_) if known.iter().any(|f| f.starts_with(path)) => None,
            Err(_) => Some(false),
        }
    }

    fn run(&mut self, plan: Plan) -> Rebuild {
        let started = Instant::now();
        let fast = !plan.full_load
            && self.loaded.as_ref().is_some_and(|l| l.clean)
            && self.reload_practices(&plan.practices);
        let load = if fast {
            LoadKind::Practices
        } else {
            self.load_all();
            LoadKind::Full
        };
        let Some(loaded) = &self.loaded else {
            return self.report(load, started, self.unloadable.clone());
        };
        if plan.everything || self.tera.is_none() {
            let diags = Diagnostics::new();
            self.tera = templates::load(&self.root, &loaded.site.config.theme, &diags);
            if self.tera.is_none() {
                let mut problems = loaded.diags.clone();
                problems.extend(diags.into_sorted());
                return self.report(load, started, problems);
            }
        }
        let mut report = self.render(plan.everything || plan.statics);
        report.load = load;
        report.elapsed = started.elapsed();
        report
    }

    /// Reads the whole site.
    fn load_all(&mut self) {
        let diags = Diagnostics::new();
        let Some((site, hidden_names)) =
            load::load_site_and_hidden_names(&self.root, self.today, &diags)
        else {
            self.loaded = None;
            self.unloadable = diags.into_sorted();
            return;
        };
        let statics = load::statics::collect(&self.root, &Diagnostics::new());
        let practice_files = load::content_files(&self.root.join("content").join("practices"))
            .into_iter()
            .collect();
        let fingerprints = site
            .practices
            .par_iter()
            .map(|p| (p.source.path.clone(), fingerprint(&p.source)))
            .collect();
        let published: HashSet<&str> = site.static_files.iter().map(|f| f.rel.as_str()).collect();
        let withheld = statics
            .keys()
            .filter(|rel| !published.contains(rel.as_str()))
            .map(|rel| (rel.clone(), crate::routes::static_file(rel)))
            .collect();
        let diags = diags.into_sorted();
        self.site_files_dirty = true;
        self.loaded = Some(Loaded {
            clean: !diags.iter().any(Diagnostic::is_error),
            site,
            diags,
            practice_files,
            fingerprints,
            statics,
            withheld,
            hidden_names,
        });
    }

    /// Reads only the given practice files into the loaded site. False when
    /// the result might differ from a full load's (a file fails, a slug is
    /// taken twice, a reference breaks): the caller then loads everything.
    fn reload_practices(&mut self, paths: &[PathBuf]) -> bool {
        let root = self.root.clone();
        let today = self.today;
        let Some(loaded) = self.loaded.as_mut() else {
            return false;
        };
        // (file, shown path, None: gone; Some(None): a draft; Some(Some(p)): a practice)
        let mut fresh = Vec::new();
        {
            let ctx = LoadContext {
                config: &loaded.site.config,
                forms: &loaded.site.forms,
                today,
                statics: &loaded.statics,
                root: &root,
            };
            for path in paths {
                let shown = display_path(&root, path);
                if !path.is_file() {
                    fresh.push((path.clone(), shown, None));
                    continue;
                }
                // The same steps as the full load's for one practice file.
                if load::source::check_link(&root, path, &shown).is_err() {
                    return false;
                }
                let Ok(src) = load::source::read(path, &shown) else {
                    return false;
                };
                let practice = match load::content::practice(&src, &ctx) {
                    Ok(practice) => practice,
                    Err(_) => return false,
                };
                if let Some(p) = &practice {
                    let names_withheld = |(rel, encoded): &(String, String)| {
                        p.attachments.iter().any(|a| &a.file.rel == rel)
                            || p.source.body.contains(rel.as_str())
                            || p.source.body.contains(encoded.as_str())
                    };
                    if loaded.withheld.iter().any(names_withheld) || loaded.hidden_names.touches(p)
                    {
                        return false;
                    }
                }
                fresh.push((path.clone(), shown, Some(practice)));
            }
        }
        let site = &mut loaded.site;
        let before = |p: &Practice, q: &Practice| {
            collate::compare(&p.title, &q.title).then_with(|| p.slug.cmp(&q.slug))
        };
        for (path, shown, practice) in fresh {
            site.practices.retain(|p| p.source.path != shown);
            let old = loaded.fingerprints.remove(&shown);
            let mut new = None;
            match practice {
                None => {
                    loaded.practice_files.remove(&path);
                }
                Some(draft_or_practice) => {
                    loaded.practice_files.insert(path);
                    if let Some(p) = draft_or_practice {
                        let fp = fingerprint(&p.source);
                        loaded.fingerprints.insert(shown, fp);
                        new = Some(fp);
                        // Same order as a full load's sort: by title, then slug.
                        let at = site
                            .practices
                            .partition_point(|q| before(q, &p) == std::cmp::Ordering::Less);
                        site.practices.insert(at, p);
                    }
                }
            }
            // bundle.json carries each practice's body too.
            if old.map(|f| f.whole) != new.map(|f| f.whole) {
                self.site_files_dirty = true;
            }
        }
        // A slug taken twice is an error only a full load reports properly.
        for p in &site.practices {
            if paths
                .iter()
                .any(|f| display_path(&root, f) == p.source.path)
                && site.practices.iter().filter(|q| q.slug == p.slug).count() > 1
            {
                return false;
            }
        }
        let diags = Diagnostics::new();
        load::links::cross_link(site, &diags);
        diags.into_sorted().is_empty()
    }

    /// Renders what changed since the last publish and, when the whole site
    /// renders without errors, writes it into the served folder.
    fn render(&mut self, everything: bool) -> Rebuild {
        let started = Instant::now();
        let (Some(loaded), Some(tera)) = (&self.loaded, &mut self.tera) else {
            return self.report(LoadKind::None, started, self.current_diagnostics());
        };
        let site = &loaded.site;
        let published = &self.published;
        let diags = Diagnostics::new();

        let mut titles: Vec<(String, String)> = contest_titles(site)
            .into_iter()
            .map(|(s, t)| (s.to_string(), t.to_string()))
            .collect();
        titles.sort();
        let same_titles = titles == published.contest_titles;
        // Per practice, looked up once: its fingerprints and what was published of it.
        let fingerprints: Vec<Fingerprint> = site
            .practices
            .iter()
            .map(|p| {
                loaded
                    .fingerprints
                    .get(&p.source.path)
                    .copied()
                    .unwrap_or(Fingerprint {
                        whole: 0,
                        fields: 0,
                    })
            })
            .collect();
        let stamps: Vec<Option<&PracticeStamp>> = site
            .practices
            .iter()
            .map(|p| published.practices.get(&p.source.path))
            .collect();
        // A card is made from the front matter, the awards and the contests'
        // titles: a new body keeps it.
        let reuse_entry = |i: usize| {
            let stamp = stamps[i]?;
            let reusable = !everything
                && same_titles
                && stamp.fingerprint.fields == fingerprints[i].fields
                && stamp.awards == site.practices[i].awards;
            reusable.then(|| stamp.entry.clone())
        };
        let previous_lists = match (&published.lists, everything) {
            (Some(lists), false) => Some((published.entries.as_slice(), lists.clone())),
            _ => None,
        };
        let views = Views::build_reusing(
            site,
            &diags,
            Previous {
                entry: &reuse_entry,
                lists: previous_lists,
            },
        );
        render::set_globals(tera, site, &views);
        let tera = &*tera;

        let globals = serde_json::to_string(&(&views.site, &views.menu)).unwrap_or_default();
        let same_statics = published
            .targets
            .as_ref()
            .is_some_and(|t| t.same_statics(&views.targets));
        let everything =
            everything || published.globals.as_deref() != Some(globals.as_str()) || !same_statics;
        let same_lists = published
            .lists
            .as_ref()
            .is_some_and(|l| Arc::ptr_eq(l, &views.lists));
        let facets_changed = !same_lists
            && published
                .lists
                .as_ref()
                .is_none_or(|l| l.facets != views.lists.facets);

        // A card changed when it was built anew and differs; a page, when its
        // card or its source did.
        let card_changed: Vec<bool> = (0..site.practices.len())
            .map(|i| {
                stamps[i].is_none_or(|s| {
                    !Arc::ptr_eq(&s.entry, &views.practices[i])
                        && s.entry.value != views.practices[i].value
                })
            })
            .collect();
        let lost = match &published.targets {
            Some(old) => views.targets.lost_since(old),
            None => Vec::new(),
        };
        let page_changed = |i: usize| {
            card_changed[i]
                || stamps[i].is_none_or(|s| s.fingerprint.whole != fingerprints[i].whole)
                // A page linking to what is gone must fail as a full build does.
                || lost.len() > LOST_TARGETS_SCAN_LIMIT
                || lost
                    .iter()
                    .any(|l| site.practices[i].source.body.contains(l.as_str()))
        };

        let specs = render::page_specs(site, &views);
        let files: Vec<String> = specs
            .par_iter()
            .map(|s| render::page_file(site, &views, s))
            .collect();
        // The same lists (same positions, headings, sizes): a list page
        // changed only if one of its cards did.
        let lists_kept = same_lists && !everything;
        let mut catalogue_pages = HashMap::new();
        let dirty: Vec<bool> = specs
            .iter()
            .zip(&files)
            .map(|(spec, file)| match spec {
                PageSpec::Practice(i) => everything || page_changed(*i),
                PageSpec::Catalogue { list, page } => {
                    let from = ((page - 1) * PAGE_SIZE).min(list.items.len());
                    let to = (from + PAGE_SIZE).min(list.items.len());
                    let slice = &list.items[from..to];
                    let cards_changed = slice.iter().any(|&i| card_changed[i]);
                    if lists_kept && !cards_changed {
                        return false;
                    }
                    let mut h = std::hash::DefaultHasher::new();
                    (&list.heading, &list.term_url, list.items.len()).hash(&mut h);
                    for &i in slice {
                        site.practices[i].slug.hash(&mut h);
                    }
                    let stamp = h.finish();
                    let same = published.catalogue_pages.get(file) == Some(&stamp);
                    catalogue_pages.insert(file.clone(), stamp);
                    everything || facets_changed || !same || cards_changed
                }
                // The other pages are few and cheap; they are always rendered.
                _ => true,
            })
            .collect();
        // The pages, and beside them the sitemap, feeds and exports when they may have changed.
        let (mut outputs, made) = rayon::join(
            || -> Vec<OutputFile> {
                specs
                    .par_iter()
                    .zip(&dirty)
                    .filter(|(_, d)| **d)
                    .filter_map(|(spec, _)| {
                        render::render_page(site, &views, tera, spec, &diags)
                            .map(OutputFile::from)
                            .map_err(|d| diags.push(d))
                            .ok()
                    })
                    .collect()
            },
            || {
                (everything || self.site_files_dirty).then(|| {
                    let html: Vec<&str> = files.iter().map(String::as_str).collect();
                    output::site_files(site, &html)
                })
            },
        );
        let rendered = outputs.len();
        let site_files = match made {
            Some(made) => {
                let paths = made.iter().map(|f| f.path().to_string()).collect();
                outputs.extend(made);
                paths
            }
            None => published.site_files.clone(),
        };
        let statics = if everything {
            let made = output::static_outputs(site, &self.root);
            let paths = made.iter().map(|f| f.path().to_string()).collect();
            outputs.extend(made);
            paths
        } else {
            published.statics.clone()
        };

        let mut problems = loaded.diags.clone();
        problems.extend(diags.into_sorted());
        problems.sort_by(|a, b| {
            (&a.path, a.line, a.col, a.severity, &a.message)
                .cmp(&(&b.path, b.line, b.col, b.severity, &b.message))
        });
        problems.dedup();
        if problems.iter().any(Diagnostic::is_error) {
            return Rebuild {
                rendered,
                pages: files.len(),
                ..self.report(LoadKind::None, started, problems)
            };
        }

        // Publish: write what changed, then remove what is gone, while no
        // request reads. Files are overwritten in place: on this kind of disk
        // a rename per file costs ten times more.
        outputs.push(OutputFile::Static {
            path: MARKER.to_string(),
            bytes: MARKER_TEXT.as_bytes(),
        });
        let out = &self.out;
        let hashed: Vec<Result<Option<Changed>, Diagnostic>> = outputs
            .par_iter()
            .map(|f| changed_bytes(f, &published.files))
            .collect();
        let writing = self.gate.write().unwrap_or_else(|e| e.into_inner());
        let results: Vec<Result<Option<(String, u64)>, Diagnostic>> = hashed
            .into_par_iter()
            .map(|r| match r? {
                Some((f, bytes, hash)) => write_file(out, f, &bytes, hash).map(Some),
                None => Ok(None),
            })
            .collect();
        let mut write_errors = Vec::new();
        let mut written = Vec::new();
        for r in results {
            match r {
                Ok(Some(w)) => written.push(w),
                Ok(None) => {}
                Err(d) => write_errors.push(d),
            }
        }
        let same_paths = files == published.page_files
            && site_files == published.site_files
            && statics == published.statics;
        let stale: Vec<String> = if same_paths {
            Vec::new()
        } else {
            let mut wanted: HashSet<&str> = files.iter().map(String::as_str).collect();
            wanted.extend(site_files.iter().map(String::as_str));
            wanted.extend(statics.iter().map(String::as_str));
            wanted.insert(MARKER);
            published
                .files
                .keys()
                .filter(|p| !wanted.contains(p.as_str()))
                .cloned()
                .collect()
        };
        for rel in &stale {
            remove_file_and_empty_dirs(out, rel);
        }
        drop(writing);

        // Remember what the folder now holds.
        let new_stamps: Vec<(PathBuf, PracticeStamp)> = (0..site.practices.len())
            .filter(|&i| {
                stamps[i].is_none_or(|s| {
                    !Arc::ptr_eq(&s.entry, &views.practices[i])
                        || s.fingerprint != fingerprints[i]
                        || s.awards != site.practices[i].awards
                })
            })
            .map(|i| {
                let p = &site.practices[i];
                let stamp = PracticeStamp {
                    fingerprint: fingerprints[i],
                    awards: p.awards.clone(),
                    entry: views.practices[i].clone(),
                };
                (p.source.path.clone(), stamp)
            })
            .collect();
        let report = Rebuild {
            diagnostics: problems,
            published: write_errors.is_empty(),
            load: LoadKind::None,
            rendered,
            pages: files.len(),
            written: written.len(),
            removed: stale.len(),
            elapsed: started.elapsed(),
        };
        let practice_count = site.practices.len();
        let current: Option<HashSet<PathBuf>> =
            (published.practices.len() + new_stamps.len() > practice_count).then(|| {
                site.practices
                    .iter()
                    .map(|p| p.source.path.clone())
                    .collect()
            });
        let Views {
            practices: entries,
            lists,
            targets,
            ..
        } = views;
        let published = &mut self.published;
        for rel in &stale {
            published.files.remove(rel);
        }
        published.files.extend(written);
        published.statics = statics;
        published.site_files = site_files;
        published.page_files = files;
        published.practices.extend(new_stamps);
        if let Some(current) = current {
            published.practices.retain(|path, _| current.contains(path));
        }
        if lists_kept {
            published.catalogue_pages.extend(catalogue_pages);
        } else {
            published.catalogue_pages = catalogue_pages;
        }
        published.entries = entries;
        published.lists = Some(lists);
        published.globals = Some(globals);
        published.targets = Some(targets);
        published.contest_titles = titles;
        self.site_files_dirty = false;
        if !write_errors.is_empty() {
            // The folder is not what we think it is: write everything next time.
            self.published = Published::default();
            self.site_files_dirty = true;
            let mut report = report;
            report.diagnostics.extend(write_errors);
            return report;
        }
        report
    }
}

/// Hashes a practice's source: what its page is made from, with the site's settings.
fn fingerprint(src: &Source) -> Fingerprint {
    let mut h = std::hash::DefaultHasher::new();
    (&src.path, &src.yaml, src.yaml_line, src.has_front_matter).hash(&mut h);
    let fields = h.finish();
    (&src.body, src.body_line).hash(&mut h);
    Fingerprint {
        whole: h.finish(),
        fields,
    }
}

fn content_hash(bytes: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// An output file whose bytes differ from the served folder's, with their hash.
type Changed<'a> = (&'a OutputFile, Cow<'a, [u8]>, u64);

/// The bytes of an output file and their hash, unless the folder already has them.
fn changed_bytes<'a>(
    file: &'a OutputFile,
    on_disk: &HashMap<String, u64>,
) -> Result<Option<Changed<'a>>, Diagnostic> {
    let bytes = file.bytes().map_err(|e| write_error(file.path(), &e))?;
    let hash = content_hash(&bytes);
    if on_disk.get(file.path()) == Some(&hash) {
        return Ok(None);
    }
    Ok(Some((file, bytes, hash)))
}

fn write_error(rel: &str, e: &dyn std::fmt::Display) -> Diagnostic {
    Diagnostic::error(rel, 0, 0, format!("не удалось записать файл сайта: {e}"))
}

/// Writes one file of the served folder over the old one; returns its path and hash.
fn write_file(
    out: &Path,
    file: &OutputFile,
    bytes: &[u8],
    hash: u64,
) -> Result<(String, u64), Diagnostic> {
    let rel = file.path();
    if !is_plain_relative(rel) {
        return Err(write_error(rel, &"недопустимый путь"));
    }
    output::make_room(out, Path::new(rel)).map_err(|e| write_error(rel, &format!("{e:#}")))?;
    let write = || -> std::io::Result<()> {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(out.join(rel))?;
        f.write_all(bytes)?;
        f.set_len(bytes.len() as u64)
    };
    write().map_err(|e| write_error(rel, &e))?;
    Ok((rel.to_string(), hash))
}

/// A path of the output: relative, without `..`.
fn is_plain_relative(rel: &str) -> bool {
    Path::new(rel)
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
}

/// Removes a file of the served folder and the folders it leaves empty.
fn remove_file_and_empty_dirs(out: &Path, rel: &str) {
    if !is_plain_relative(rel) {
        return;
    }
    let path = out.join(rel);
    let _ = fs::remove_file(&path);
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == out || !d.starts_with(out) || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}
