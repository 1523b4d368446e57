//! The use cases' tests, one test binary, without HTTP: each builds an
//! [`dateline_app::App`] over a fresh store (SQLite, or PostgreSQL when
//! `DATELINE_TEST_DATABASE_URL` names a server) and calls the use cases as
//! the web layer and the command line do.

mod accounts;
mod articles;
mod comments;
mod desk;
mod support;
mod wire;
