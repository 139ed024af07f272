//! The site kept in memory between rebuilds, and the served folder kept equal
//! to what `build` would write.
//!
//! A rebuild reloads as little as it can (one practice file, or the whole
//! site when anything else changed), rebuilds the views reusing the cards of
//! unchanged practices, renders only the pages whose inputs changed, and
//! writes only the files whose bytes changed. Anything it is unsure about
//! (a folder appears, a slug is taken twice, a reference breaks) falls back
//! to a full load: being right comes first, being fast second.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rayon::prelude::*;

use super::changes::{self, Change};
use crate::diagnostics::{display_path, Diagnostic, Diagnostics};
use crate::load::{self, source::Source, LoadContext};
use crate::model::{Award, Site, StaticFile};
use crate::output::{self, MARKER, MARKER_TEXT};
use crate::render::build_views::{contest_titles, PracticeEntry, SiteTargets, Views};
use crate::render::{self, templates, OutputFile, PageSpec, PAGE_SIZE};

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
    tera: Option<tera::Tera>,
    loaded: Option<Loaded>,
    /// The problems of a load that produced no site (no usable `site.yaml`).
    unloadable: Vec<Diagnostic>,
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
    /// The fingerprint of each practice's source, by its shown path.
    fingerprints: HashMap<PathBuf, u64>,
    /// `static/` as the loaders see it.
    statics: HashMap<String, StaticFile>,
}

/// What the served folder holds and what it was made from.
#[derive(Default)]
struct Published {
    /// Every file with the hash of its bytes.
    files: HashMap<String, u64>,
    /// The files copied from `static/` and the theme.
    statics: HashSet<String>,
    /// Per practice (by its source path): the inputs of its page and card.
    practices: HashMap<PathBuf, PracticeStamp>,
    /// Per catalogue page: the hash of its heading, size and practices.
    catalogue_pages: HashMap<String, u64>,
    facets: Option<tera::Value>,
    /// What every page shows: the site's header and menu, as JSON.
    globals: Option<String>,
    targets: Option<SiteTargets>,
    contest_titles: Vec<(String, String)>,
}

struct PracticeStamp {
    fingerprint: u64,
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
            tera: None,
            loaded: None,
            unloadable: Vec::new(),
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

    /// The theme in use (for the watcher), `default` until the site loads.
    pub fn theme(&self) -> String {
        self.loaded
            .as_ref()
            .map(|l| l.site.config.theme.clone())
            .unwrap_or_else(|| "default".to_string())
    }

    /// Whether the served folder holds a site yet.
    pub fn has_site(&self) -> bool {
        !self.published.files.is_empty()
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
        let __t = Instant::now();
        let fast = !plan.full_load
            && self.loaded.as_ref().is_some_and(|l| l.clean)
            && self.reload_practices(&plan.practices);
        let load = if fast {
            LoadKind::Practices
        } else {
            self.load_all();
            LoadKind::Full
        };
        eprintln!("  load {:?}", __t.elapsed());
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
        let Some(site) = load::load_site(&self.root, self.today, &diags) else {
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
        let diags = diags.into_sorted();
        self.loaded = Some(Loaded {
            clean: !diags.iter().any(Diagnostic::is_error),
            site,
            diags,
            practice_files,
            fingerprints,
            statics,
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
                let Ok(src) = Source::read(path, &shown) else {
                    return false;
                };
                match load::content::practice(&src, &ctx) {
                    Ok(practice) => fresh.push((path.clone(), shown, Some(practice))),
                    Err(_) => return false,
                }
            }
        }
        let site = &mut loaded.site;
        for (path, shown, practice) in fresh {
            site.practices.retain(|p| p.source.path != shown);
            loaded.fingerprints.remove(&shown);
            match practice {
                None => {
                    loaded.practice_files.remove(&path);
                }
                Some(draft_or_practice) => {
                    loaded.practice_files.insert(path);
                    if let Some(p) = draft_or_practice {
                        loaded.fingerprints.insert(shown, fingerprint(&p.source));
                        site.practices.push(p);
                    }
                }
            }
        }
        let mut slugs = HashSet::new();
        if !site.practices.iter().all(|p| slugs.insert(p.slug.as_str())) {
            return false;
        }
        crate::model::collate::sort_by(&mut site.practices, |p| &p.title, |p| &p.slug);
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
        let __t = Instant::now();

        let titles: Vec<(String, String)> = contest_titles(site)
            .into_iter()
            .map(|(s, t)| (s.to_string(), t.to_string()))
            .collect::<std::collections::BTreeMap<_, _>>()
            .into_iter()
            .collect();
        let same_titles = titles == published.contest_titles;
        let fingerprint_of = |i: usize| loaded.fingerprints.get(&site.practices[i].source.path);
        let stamp_of = |i: usize| published.practices.get(&site.practices[i].source.path);
        eprintln!("  pre-views {:?}", __t.elapsed());
        let views = Views::build_reusing(site, &diags, |i| {
            let stamp = stamp_of(i)?;
            let reusable = !everything
                && same_titles
                && Some(&stamp.fingerprint) == fingerprint_of(i)
                && stamp.awards == site.practices[i].awards;
            reusable.then(|| stamp.entry.clone())
        });
        eprintln!("  views {:?}", __t.elapsed());
        render::set_globals(tera, site, &views);
        let tera = &*tera;

        let globals = serde_json::to_string(&(&views.site, &views.menu)).unwrap_or_default();
        let same_statics = published
            .targets
            .as_ref()
            .is_some_and(|t| t.same_statics(&views.targets));
        let everything = everything
            || published.globals.as_deref() != Some(globals.as_str())
            || !same_statics;
        eprintln!("  globals {:?}", __t.elapsed());
        let facets_changed = published.facets.as_ref() != Some(&views.facets);

        // A practice's card changed when it was built anew and differs.
        let card_changed: Vec<bool> = (0..site.practices.len())
            .map(|i| match stamp_of(i) {
                Some(stamp) => {
                    !Arc::ptr_eq(&stamp.entry, &views.practices[i])
                        && stamp.entry.value != views.practices[i].value
                }
                None => true,
            })
            .collect();
        let page_changed = |i: usize| {
            card_changed[i]
                || stamp_of(i).is_none_or(|s| Some(&s.fingerprint) != fingerprint_of(i))
        };
        let lost = match &published.targets {
            Some(old) => views.targets.lost_since(old),
            None => Vec::new(),
        };
        let links_lost = |i: usize| {
            lost.len() > LOST_TARGETS_SCAN_LIMIT
                || lost
                    .iter()
                    .any(|l| site.practices[i].source.body.contains(l.as_str()))
        };

        eprintln!("  cardchanged {:?}", __t.elapsed());
        let specs = render::page_specs(site, &views);
        let files: Vec<String> = specs
            .par_iter()
            .map(|s| render::page_file(site, &views, s))
            .collect();
        eprintln!("  files {:?}", __t.elapsed());
        let mut catalogue_pages = HashMap::new();
        let dirty: Vec<bool> = specs
            .iter()
            .zip(&files)
            .map(|(spec, file)| match spec {
                PageSpec::Practice(i) => everything || page_changed(*i) || links_lost(*i),
                PageSpec::Catalogue { list, page } => {
                    let from = (page - 1) * PAGE_SIZE;
                    let slice = &list.items[from.min(list.items.len())..];
                    let slice = &slice[..slice.len().min(PAGE_SIZE)];
                    let mut h = std::hash::DefaultHasher::new();
                    (&list.heading, &list.term_url, list.items.len()).hash(&mut h);
                    for &i in slice {
                        site.practices[i].slug.hash(&mut h);
                    }
                    let stamp = h.finish();
                    catalogue_pages.insert(file.clone(), stamp);
                    everything
                        || facets_changed
                        || published.catalogue_pages.get(file) != Some(&stamp)
                        || slice.iter().any(|&i| card_changed[i])
                }
                // The other pages are few and cheap; they are always rendered.
                _ => true,
            })
            .collect();
        eprintln!("  dirty {:?}", __t.elapsed());
        let rendered: Vec<OutputFile> = specs
            .par_iter()
            .zip(&dirty)
            .filter(|(_, d)| **d)
            .filter_map(|(spec, _)| match render::render_page(site, &views, tera, spec, &diags) {
                Ok(f) => Some(f),
                Err(d) => {
                    diags.push(d);
                    None
                }
            })
            .collect();
        eprintln!("  rendered {:?}", __t.elapsed());
        let rendered_count = rendered.len();
        let mut outputs = rendered;
        let html: Vec<&str> = files.iter().map(String::as_str).collect();
        outputs.extend(output::site_files(site, &html));
        eprintln!("  sitefiles {:?}", __t.elapsed());
        let statics = if everything {
            let statics = render::static_outputs(site, &self.root);
            let paths = statics.iter().map(|f| f.path().to_string()).collect();
            outputs.extend(statics);
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
                rendered: rendered_count,
                pages: files.len(),
                ..self.report(LoadKind::None, started, problems)
            };
        }

        eprintln!("  problems {:?}", __t.elapsed());
        // Publish: write what changed, then remove what is gone.
        let first = published.files.is_empty();
        let mut wanted: HashSet<String> = files.iter().cloned().collect();
        wanted.extend(outputs.iter().map(|f| f.path().to_string()));
        wanted.extend(statics.iter().cloned());
        wanted.insert(MARKER.to_string());
        outputs.push(OutputFile::Static {
            path: MARKER.to_string(),
            bytes: MARKER_TEXT.as_bytes(),
        });
        let out = &self.out;
        let results: Vec<Result<Option<(String, u64)>, Diagnostic>> = outputs
            .par_iter()
            .map(|f| write_if_changed(out, f, &published.files, first))
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
        eprintln!("  written {:?}", __t.elapsed());
        let stale: Vec<String> = published
            .files
            .keys()
            .filter(|p| !wanted.contains(*p))
            .cloned()
            .collect();
        for rel in &stale {
            remove_file_and_empty_dirs(out, rel);
        }

        eprintln!("  stale {:?}", __t.elapsed());
        let new_stamps = site
            .practices
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                Some((
                    p.source.path.clone(),
                    PracticeStamp {
                        fingerprint: *fingerprint_of(i)?,
                        awards: p.awards.clone(),
                        entry: views.practices[i].clone(),
                    },
                ))
            })
            .collect();
        eprintln!("  stamps {:?}", __t.elapsed());
        let written_count = written.len();
        let report = Rebuild {
            diagnostics: problems,
            published: true,
            load: LoadKind::None,
            rendered: rendered_count,
            pages: files.len(),
            written: written_count,
            removed: stale.len(),
            elapsed: started.elapsed(),
        };
        let facets = views.facets.clone();
        let targets = views.targets.clone();
        let published = &mut self.published;
        for rel in &stale {
            published.files.remove(rel);
        }
        published.files.extend(written);
        published.statics = statics;
        published.practices = new_stamps;
        published.catalogue_pages = catalogue_pages;
        published.facets = Some(facets);
        published.globals = Some(globals);
        published.targets = Some(targets);
        published.contest_titles = titles;
        if !write_errors.is_empty() {
            // What failed to be written must be written again next time.
            for d in &write_errors {
                published.files.remove(&d.path.to_string_lossy().into_owned());
            }
            let mut report = report;
            report.diagnostics.extend(write_errors);
            report.published = false;
            return report;
        }
        report
    }
}

/// Hashes a practice's source: what its page is made from, with the site's settings.
fn fingerprint(src: &Source) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    (&src.path, &src.yaml, src.yaml_line, &src.body, src.body_line).hash(&mut h);
    src.has_front_matter.hash(&mut h);
    h.finish()
}

fn content_hash(bytes: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// Writes one file when its bytes differ from what the folder holds; returns
/// its path and hash when written. Replaces by rename, so a request never
/// sees half a file.
fn write_if_changed(
    out: &Path,
    file: &OutputFile,
    on_disk: &HashMap<String, u64>,
    first: bool,
) -> Result<Option<(String, u64)>, Diagnostic> {
    let rel = file.path();
    let fail = |e: &dyn std::fmt::Display| {
        Diagnostic::error(rel, 0, 0, format!("не удалось записать файл сайта: {e}"))
    };
    let owned;
    let bytes: &[u8] = match file {
        OutputFile::Bytes { bytes, .. } => bytes,
        OutputFile::Static { bytes, .. } => bytes,
        OutputFile::Copy { from, .. } => {
            owned = fs::read(from).map_err(|e| fail(&e))?;
            &owned
        }
    };
    let hash = content_hash(bytes);
    if on_disk.get(rel) == Some(&hash) {
        return Ok(None);
    }
    if !is_plain_relative(rel) {
        return Err(fail(&"недопустимый путь"));
    }
    output::make_room(out, Path::new(rel)).map_err(|e| fail(&format!("{e:#}")))?;
    let target = out.join(rel);
    if first {
        fs::write(&target, bytes).map_err(|e| fail(&e))?;
    } else {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = target.with_file_name(format!(".{name}.nastavnik-tmp"));
        fs::write(&tmp, bytes).map_err(|e| fail(&e))?;
        fs::rename(&tmp, &target).map_err(|e| {
            let _ = fs::remove_file(&tmp);
            fail(&e)
        })?;
    }
    Ok(Some((rel.to_string(), hash)))
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
