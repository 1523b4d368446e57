//! The `dateline` binary's library half: configuration, the server's start,
//! ingestion and the demo edition. `main.rs` is the command line over it;
//! integration tests start the same server through [`server::start`].

pub mod archive;
pub mod backup;
pub mod config;
pub mod demo;
pub mod doctor;
pub mod index;
pub mod operator;
pub use dateline_app::ingest;
pub mod server;
