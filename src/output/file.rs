//! A file of the output as the writers take it: a rendered page, a file made
//! from the whole site, or a file to copy. Photos lose their metadata here,
//! when their bytes are read for writing.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use super::metadata;
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::render::RenderedPage;

/// A file of the output, still in memory or to be copied.
#[derive(Debug)]
pub enum OutputFile {
    Bytes {
        path: String,
        bytes: Vec<u8>,
    },
    Copy {
        path: String,
        from: PathBuf,
    },
    Static {
        path: String,
        bytes: &'static [u8],
    },
    /// A photo from `static/`, copied without its metadata (see
    /// [`metadata`]); read only when it is written.
    Photo {
        path: String,
        from: PathBuf,
    },
}

impl OutputFile {
    /// Path relative to the output folder.
    pub fn path(&self) -> &str {
        match self {
            OutputFile::Bytes { path, .. }
            | OutputFile::Copy { path, .. }
            | OutputFile::Static { path, .. }
            | OutputFile::Photo { path, .. } => path,
        }
    }

    /// The file read from, for a copy.
    pub fn source(&self) -> Option<&Path> {
        match self {
            OutputFile::Copy { from, .. } | OutputFile::Photo { from, .. } => Some(from),
            OutputFile::Bytes { .. } | OutputFile::Static { .. } => None,
        }
    }

    /// The bytes to write; a copy is read (and a photo stripped) here.
    pub fn bytes(&self) -> std::io::Result<Cow<'_, [u8]>> {
        Ok(match self {
            OutputFile::Bytes { bytes, .. } => Cow::Borrowed(bytes),
            OutputFile::Static { bytes, .. } => Cow::Borrowed(bytes),
            OutputFile::Copy { from, .. } => Cow::Owned(std::fs::read(from)?),
            OutputFile::Photo { path, from } => {
                let raw = std::fs::read(from)?;
                Cow::Owned(metadata::without_metadata(path, &raw).unwrap_or(raw))
            }
        })
    }
}

impl From<RenderedPage> for OutputFile {
    fn from(page: RenderedPage) -> Self {
        OutputFile::Bytes {
            path: page.path,
            bytes: page.html,
        }
    }
}

/// Where rendered files go: written at once (build), counted (check) or kept (tests).
pub trait Sink: Sync {
    /// Takes one finished file.
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic>;
}

/// Keeps files in memory.
#[derive(Default)]
pub struct Collect(pub std::sync::Mutex<Vec<OutputFile>>);

impl Sink for Collect {
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        Ok(())
    }
}

/// The theme's and the site's static files, to be copied as they are.
pub fn static_outputs(site: &Site, root: &Path) -> Vec<OutputFile> {
    // A site's own static file wins over the theme's file of the same name.
    let own: std::collections::HashSet<&str> =
        site.static_files.iter().map(|f| f.rel.as_str()).collect();
    let theme_files = crate::render::templates::static_files(root, &site.config.theme)
        .into_iter()
        .filter_map(|file| {
            let rel = match &file {
                crate::render::templates::ThemeFile::Embedded { rel, .. }
                | crate::render::templates::ThemeFile::OnDisk { rel, .. } => rel,
            };
            (!own.contains(rel.as_str())).then_some(file)
        });
    let theme_files = theme_files.map(|file| match file {
        crate::render::templates::ThemeFile::Embedded { rel, bytes } => {
            OutputFile::Static { path: rel, bytes }
        }
        crate::render::templates::ThemeFile::OnDisk { rel, abs } => OutputFile::Copy {
            path: rel,
            from: abs,
        },
    });
    // Photos go out without their metadata; the rest as is.
    let site_files = site.static_files.iter().map(|f| {
        let (path, from) = (f.rel.clone(), f.abs.clone());
        if metadata::is_photo(&f.rel) {
            OutputFile::Photo { path, from }
        } else {
            OutputFile::Copy { path, from }
        }
    });
    theme_files.chain(site_files).collect()
}
