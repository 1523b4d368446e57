//! Benchmark tools; see `bench/README.md`.
