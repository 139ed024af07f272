//! Text helpers that know nothing of the site: Russian formatting and
//! typography, Latin slugs, and positions in a content file's text. A leaf:
//! nothing here imports another module of ours except `diagnostics`.

pub mod format;
pub mod slug;
pub mod source;
