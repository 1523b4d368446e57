//! The integration tests of the `dateline` binary and its server: one test
//! binary, a module for each area (the real server through `support::TestApp`,
//! or the real binary for the command line), so that axum, sqlx, tantivy and
//! ICU4X are linked once rather than once a file.

mod support;

mod archive;
mod backup;
mod cli;
mod comments;
mod database_tls;
mod discovery;
mod doctor;
mod durability;
mod feeds;
mod hostile_auth;
mod hostile_content;
mod hostile_media;
mod hostile_traffic;
mod languages;
mod media_storage;
mod metrics;
mod newsroom;
mod newsroom_desk;
mod newsroom_sections;
mod newsroom_settings;
mod newsroom_wire;
mod nodes;
mod page_cache;
mod programmes;
mod site;
mod sitemaps;
mod upgrade;
mod websub;
mod wordpress;
