//! The search index's integration tests, one test binary.

mod index;
mod quality;
