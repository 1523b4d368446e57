//! The store's integration tests, one test binary: each runs on SQLite, or on
//! PostgreSQL when `DATELINE_TEST_DATABASE_URL` is set.

mod previews;
mod sections;
mod store;
mod users;
mod wire;
