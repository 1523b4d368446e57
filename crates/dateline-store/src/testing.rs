//! Helpers for tests that run on both engines.
//!
//! Every test runs on SQLite in a temporary directory. When
//! `DATELINE_TEST_DATABASE_URL` names a PostgreSQL server (an account that
//! may create databases), the same tests run there instead, each on a
//! database of its own; CI runs the suite both ways.

use crate::engine::DatabaseUrl;
use sqlx::{Connection, Executor};
use std::sync::atomic::{AtomicU32, Ordering};

/// The variable that runs the whole test suite on PostgreSQL.
pub const TEST_DATABASE_URL: &str = "DATELINE_TEST_DATABASE_URL";
/// The variable that names a PostgreSQL server for the tests that need one
/// whatever engine the suite runs on (several nodes, moving between
/// engines); `TEST_DATABASE_URL` serves too.
pub const TEST_POSTGRES_URL: &str = "DATELINE_TEST_POSTGRES_URL";

/// The server given in the environment, if any.
pub fn postgres_server() -> Option<DatabaseUrl> {
    std::env::var(TEST_DATABASE_URL)
        .ok()
        .filter(|u| !u.is_empty())
        .map(DatabaseUrl::new)
}

/// For tests that only make sense on PostgreSQL (several nodes on one
/// database): the server, or None after saying on standard error that the
/// test did not run. In CI (`CI` set) a missing server fails the test
/// instead, so that these tests can never pass by not running.
pub fn require_postgres(test: &str) -> Option<DatabaseUrl> {
    let server = std::env::var(TEST_POSTGRES_URL)
        .ok()
        .filter(|u| !u.is_empty())
        .map(DatabaseUrl::new)
        .or_else(postgres_server);
    match server {
        Some(url) => Some(url),
        None if std::env::var_os("CI").is_some() => {
            panic!("{test}: CI must run the PostgreSQL tests; set {TEST_POSTGRES_URL}")
        }
        None => {
            eprintln!("{test}: NOT RUN: no PostgreSQL server (set {TEST_POSTGRES_URL} or {TEST_DATABASE_URL})");
            None
        }
    }
}

/// Creates an empty database on the server and returns its URL.
pub async fn fresh_database(server: &DatabaseUrl) -> Result<DatabaseUrl, sqlx::Error> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let name = format!(
        "dateline_test_{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    );
    let mut admin = sqlx::PgConnection::connect(server.expose()).await?;
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await?;
    admin.close().await?;
    Ok(DatabaseUrl::new(with_database(server.expose(), &name)))
}

/// Replaces the database name in a PostgreSQL URL, keeping its query.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_end = base[scheme_end..]
        .find('/')
        .map(|i| i + scheme_end)
        .unwrap_or(base.len());
    let mut out = format!("{}/{name}", &base[..host_end]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

/// Ends every newsroom session now, as if each had been idle too long: for
/// tests of what an expired session may still do (nothing).
pub async fn expire_sessions(store: &crate::Store) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("UPDATE sessions SET expires_at = 0")
        .execute(&store.pool)
        .await?
        .rows_affected())
}

/// Dates every change recorded so far `seconds` earlier, as if the feed
/// were that old.
pub async fn age_changes(store: &crate::Store, seconds: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("UPDATE changes SET at = at - $1")
        .bind(seconds)
        .execute(&store.pool)
        .await?
        .rows_affected())
}

/// Moves a scheduled article's time to a minute ago, as if its embargo had
/// passed while no node was running.
pub async fn make_due(store: &crate::Store, article_id: i64) -> Result<u64, sqlx::Error> {
    let minute_ago = time::OffsetDateTime::now_utc().unix_timestamp() - 60;
    Ok(
        sqlx::query("UPDATE articles SET published_at = $1 WHERE id = $2 AND status = 'scheduled'")
            .bind(minute_ago)
            .bind(article_id)
            .execute(&store.pool)
            .await?
            .rows_affected(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_names_are_replaced() {
        assert_eq!(
            with_database("postgres://u:p@h:5432/postgres", "x"),
            "postgres://u:p@h:5432/x"
        );
        assert_eq!(with_database("postgres://h", "x"), "postgres://h/x");
        assert_eq!(
            with_database("postgres://h/db?sslmode=disable", "x"),
            "postgres://h/x?sslmode=disable"
        );
    }
}
