//! Importers: agency wire copy and WordPress exports into domain values.
//!
//! Architecture invariant: this crate only parses. The caller (the `dateline
//! import` command) reads files and hands in their bytes; nothing here touches
//! the filesystem, the network, the clock or the database, so every importer
//! is tested with plain byte strings and fixture files.

pub mod wire;
pub mod wordpress;

pub use wire::{detect_language, parse_wire, WireError, WireErrorKind, WireOptions, WireStory};
