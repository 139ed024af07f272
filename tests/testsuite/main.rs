//! The integration tests: one binary, a module per area, shared helpers in
//! [`common`]. Each test builds a fixture site (`tests/fixtures/…`) with the
//! real binary or library and asserts on what it produced.

mod common;

mod build_site;
mod cli;
mod district;
mod errors;
mod example_site;
mod firsthour;
mod hostile;
mod import;
mod kpi_roadmap;
mod layers;
mod pagination;
mod search_stemmer;
mod serve;
