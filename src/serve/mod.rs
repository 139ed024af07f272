//! `nastavnik serve`: builds the site into a temporary folder, serves it on
//! 127.0.0.1, watches the site's files, rebuilds what changed and reloads the
//! open pages.

pub mod changes;
pub mod live;

pub use live::{LiveSite, LoadKind, Rebuild};
