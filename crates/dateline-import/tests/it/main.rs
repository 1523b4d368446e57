//! The importer's integration tests, one test binary.

mod demo;
mod wire;
mod wordpress;
