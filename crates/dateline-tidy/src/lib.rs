//! The workspace's own rules (see `tests/tidy.rs`): nothing ships from here.
