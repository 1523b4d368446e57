//! The Store: Dateline's only door to SQL.
//!
//! Every read and write of the source of truth goes through [`Store`]. Writes
//! that change what readers see append to the `changes` outbox in the same
//! transaction, so derived state (page cache, search index, other nodes) can
//! follow the database by id instead of trusting in-process signals.
//!
//! Architecture invariant: SQL lives here and nowhere else, and stays portable
//! between SQLite and PostgreSQL; engine-specific statements sit in
//! [`sqlite`]. Errors come out as [`StoreError`]: `NotFound`, `Conflict` or
//! `Other`, so callers can map them to 404, 409 or a logged 500.

mod articles;
mod changes;
mod sections;
pub mod sqlite;

pub use articles::{ArticleCard, ArticleView, Page, PathLookup, SaveOutcome};

use sqlx::SqlitePool;
use std::path::Path;
use time::OffsetDateTime;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("invalid input: {0}")]
    Invalid(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// A handle on the database; cheap to clone (it is a connection pool).
#[derive(Clone)]
pub struct Store {
    pool: SqlitePool,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print connection options: a later engine's URL carries a password.
        f.debug_struct("Store").finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating if needed) the SQLite database in `data_dir` and brings
    /// its schema up to date.
    pub async fn open(data_dir: &Path) -> Result<Store> {
        let store = Store {
            pool: sqlite::connect(data_dir).await?,
        };
        store.migrate().await?;
        Ok(store)
    }

    /// Opens without migrating, for `dateline migrate --check` style callers.
    pub async fn open_unmigrated(data_dir: &Path) -> Result<Store> {
        Ok(Store {
            pool: sqlite::connect(data_dir).await?,
        })
    }

    /// Applies any migrations embedded in this binary that the database lacks;
    /// returns how many were applied.
    pub async fn migrate(&self) -> Result<usize> {
        let migrator = sqlx::migrate!("./migrations/sqlite");
        let before = self.applied_migrations().await.unwrap_or(0);
        migrator.run(&self.pool).await?;
        let after = self.applied_migrations().await?;
        Ok(after.saturating_sub(before))
    }

    async fn applied_migrations(&self) -> Result<usize> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success")
            .fetch_one(&self.pool)
            .await?;
        Ok(n as usize)
    }

    /// Whether the database holds no articles at all (a fresh site).
    pub async fn is_empty(&self) -> Result<bool> {
        let any: Option<i64> = sqlx::query_scalar("SELECT id FROM articles LIMIT 1")
            .fetch_optional(&self.pool)
            .await?;
        Ok(any.is_none())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

pub(crate) fn unix(t: OffsetDateTime) -> i64 {
    t.unix_timestamp()
}

pub(crate) fn from_unix(secs: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(secs).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}
