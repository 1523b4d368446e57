//! The media checks' integration tests, one test binary.

mod audio;
mod images;
mod robustness;
