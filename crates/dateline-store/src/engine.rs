//! What differs between the engines: choosing one from the URL, connecting,
//! the migrations folder, identity sequences and locks. Everything else in
//! this crate is one portable SQL text for both.

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode};
use sqlx::{AnyPool, ConnectOptions, Connection, Executor};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// The database file's name inside the data directory.
pub const SQLITE_FILE: &str = "dateline.db";

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    /// The engine behind a connection (sqlx's `Any` names its backend).
    pub(crate) fn of(conn: &sqlx::AnyConnection) -> Engine {
        if conn.backend_name().eq_ignore_ascii_case("sqlite") {
            Engine::Sqlite
        } else {
            Engine::Postgres
        }
    }

    /// The database server's clock now, in Unix seconds, as SQL: one clock
    /// for every node, read when the statement runs (PostgreSQL's `now()`
    /// would be the transaction's start).
    pub(crate) fn unix_now_sql(self) -> &'static str {
        match self {
            Engine::Sqlite => "CAST(strftime('%s', 'now') AS INTEGER)",
            Engine::Postgres => "CAST(EXTRACT(EPOCH FROM clock_timestamp()) AS BIGINT)",
        }
    }
}

/// A database URL whose password never reaches a log: `Debug` and
/// `Display` print it as `***`.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    pub fn new(url: impl Into<String>) -> DatabaseUrl {
        DatabaseUrl(url.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn engine(&self) -> Option<Engine> {
        let scheme = self.0.split(':').next().unwrap_or("");
        match scheme {
            "postgres" | "postgresql" => Some(Engine::Postgres),
            "sqlite" => Some(Engine::Sqlite),
            _ => None,
        }
    }

    /// The URL with any password replaced by `***`.
    pub fn redacted(&self) -> String {
        match (self.0.find("://"), self.0.rfind('@')) {
            (Some(scheme_end), Some(at)) if at > scheme_end => {
                let userinfo = &self.0[scheme_end + 3..at];
                match userinfo.split_once(':') {
                    Some((user, _)) => {
                        format!("{}{user}:***{}", &self.0[..scheme_end + 3], &self.0[at..])
                    }
                    None => self.0.clone(),
                }
            }
            _ => self.0.clone(),
        }
    }
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DatabaseUrl({})", self.redacted())
    }
}

impl std::fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl FromStr for DatabaseUrl {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let url = DatabaseUrl(s.to_string());
        match url.engine() {
            Some(_) => Ok(url),
            None => Err("expected a postgres://, postgresql:// or sqlite: URL".into()),
        }
    }
}

pub(crate) fn migrator(engine: Engine) -> &'static Migrator {
    match engine {
        Engine::Sqlite => &SQLITE_MIGRATIONS,
        Engine::Postgres => &POSTGRES_MIGRATIONS,
    }
}

/// Opens the pool for the URL, or for the SQLite file in `data_dir`.
pub(crate) async fn connect(
    data_dir: &Path,
    url: Option<&DatabaseUrl>,
) -> Result<(AnyPool, Engine), sqlx::Error> {
    sqlx::any::install_default_drivers();
    match url.and_then(DatabaseUrl::engine) {
        Some(Engine::Postgres) => {
            let url = url.map(DatabaseUrl::expose).unwrap_or_default();
            let options = AnyConnectOptions::from_str(url)?.disable_statement_logging();
            let pool = AnyPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await?;
            Ok((pool, Engine::Postgres))
        }
        Some(Engine::Sqlite) => {
            let url = url.map(DatabaseUrl::expose).unwrap_or_default();
            let options = SqliteConnectOptions::from_str(url)?.create_if_missing(true);
            Ok((sqlite_pool(options).await?, Engine::Sqlite))
        }
        None => {
            std::fs::create_dir_all(data_dir).map_err(sqlx::Error::Io)?;
            let options = SqliteConnectOptions::new()
                .filename(data_dir.join(SQLITE_FILE))
                .create_if_missing(true);
            Ok((sqlite_pool(options).await?, Engine::Sqlite))
        }
    }
}

/// SQLite in WAL mode (readers never wait for the writer), with foreign keys
/// enforced and a busy timeout so that a CLI import running beside the
/// server waits for the write lock instead of failing.
async fn sqlite_pool(options: SqliteConnectOptions) -> Result<AnyPool, sqlx::Error> {
    // WAL is a property of the file: set it once on a plain connection, since
    // changing it needs a lock that the busy timeout cannot wait for.
    let first = options
        .clone()
        .journal_mode(SqliteJournalMode::Wal)
        .connect()
        .await?;
    first.close().await?;
    let url = options.to_url_lossy();
    let any = AnyConnectOptions::from_url(&url)?.disable_statement_logging();
    AnyPoolOptions::new()
        .max_connections(8)
        .min_connections(1)
        .after_connect(|conn, _| {
            Box::pin(async move {
                // FULL syncs the WAL at every commit: a comment or an edit
                // that was acknowledged survives a power loss, not only a
                // crash of the process (bench/README.md has the cost).
                conn.execute("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL;")
                    .await?;
                Ok(())
            })
        })
        .connect_with(any)
        .await
}

/// Held while a node sets up a fresh database (the demo edition), so that
/// nodes started together on one PostgreSQL do it once. On SQLite, where
/// one process owns the file, it holds nothing.
pub struct SetupLock {
    conn: Option<sqlx::pool::PoolConnection<sqlx::Any>>,
}

/// The advisory lock's key: an arbitrary constant of this application.
const SETUP_LOCK_KEY: i64 = 0x6461_7465_6c69_6e65; // "dateline"

impl crate::Store {
    /// Waits for, then takes, the setup lock.
    pub async fn lock_setup(&self) -> Result<SetupLock, sqlx::Error> {
        match self.engine {
            Engine::Sqlite => Ok(SetupLock { conn: None }),
            Engine::Postgres => {
                let mut conn = self.pool.acquire().await?;
                sqlx::query("SELECT 1 FROM pg_advisory_lock($1)")
                    .bind(SETUP_LOCK_KEY)
                    .execute(&mut *conn)
                    .await?;
                Ok(SetupLock { conn: Some(conn) })
            }
        }
    }
}

impl crate::Store {
    /// Makes write transactions that name the same key wait for each other
    /// until the first commits or rolls back, on every node: a check and the
    /// write it allows (a count of login attempts and the new attempt; the
    /// administrators left and a demotion) then happen as one step.
    ///
    /// On PostgreSQL each key becomes a transaction-scoped advisory lock,
    /// taken in a fixed order so that two transactions cannot deadlock. On
    /// SQLite a transaction from [`crate::Store::write_tx`] already holds the
    /// database's only write lock, which serialises every writer.
    pub(crate) async fn lock_keys(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        keys: &[&str],
    ) -> Result<(), sqlx::Error> {
        if self.engine == Engine::Sqlite {
            return Ok(());
        }
        let mut ids: Vec<i64> = keys.iter().map(|k| lock_id(k)).collect();
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            sqlx::query("SELECT 1 FROM pg_advisory_xact_lock($1)")
                .bind(id)
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }
}

/// A 64-bit advisory lock id for a key: the first eight bytes of its
/// SHA-256, so that keys of any length and alphabet spread evenly.
fn lock_id(key: &str) -> i64 {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("dateline lock:{key}").as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    i64::from_be_bytes(first)
}

impl SetupLock {
    pub async fn release(self) -> Result<(), sqlx::Error> {
        if let Some(mut conn) = self.conn {
            sqlx::query("SELECT 1 FROM pg_advisory_unlock($1)")
                .bind(SETUP_LOCK_KEY)
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_ids_differ_by_key_and_stay_put() {
        assert_eq!(
            lock_id("login:ana@example.org"),
            lock_id("login:ana@example.org")
        );
        assert_ne!(
            lock_id("login:ana@example.org"),
            lock_id("login:ed@example.org")
        );
        assert_ne!(lock_id("admins"), SETUP_LOCK_KEY);
    }

    #[test]
    fn passwords_are_redacted() {
        let url = DatabaseUrl::new("postgres://dateline:s3cret@db.example:5432/news");
        assert_eq!(
            url.redacted(),
            "postgres://dateline:***@db.example:5432/news"
        );
        assert!(!format!("{url:?}").contains("s3cret"));
        assert_eq!(
            DatabaseUrl::new("postgres://db/news").redacted(),
            "postgres://db/news"
        );
        assert_eq!(url.engine(), Some(Engine::Postgres));
        assert!("mysql://x".parse::<DatabaseUrl>().is_err());
    }
}
