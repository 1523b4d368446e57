//! The Store: Dateline's only door to SQL.
//!
//! Every read and write of the source of truth goes through [`Store`]. Writes
//! that change what readers see append to the `changes` outbox in the same
//! transaction, so derived state (page cache, search index, other nodes) can
//! follow the database by id instead of trusting in-process signals.
//!
//! Architecture invariant: SQL lives here and nowhere else, and stays portable
//! between SQLite and PostgreSQL; engine-specific statements sit in
//! [`engine`]. Errors come out as [`StoreError`]: `NotFound`, `Conflict` or
//! `Other`, so callers can map them to 404, 409 or a logged 500.

pub mod archive;
mod articles;
mod audit;
mod card_images;
mod changes;
mod comments;
mod desk;
mod discovery;
pub mod engine;
mod fronts;
mod health;
mod login_attempts;
mod media;
mod media_pieces;
mod media_place;
mod pages;
mod places;
mod previews;
mod programmes;
mod revisions;
mod sections;
mod sessions;
pub mod settings;
mod snapshot;
mod statistics;
#[cfg(feature = "testing")]
pub mod testing;
mod users;
mod wire;
mod wordpress;

pub use articles::{
    render_body, ArticleCard, ArticleView, NewsroomArticle, NewsroomFilter, Page, PathLookup,
    SaveOutcome, Saved, SitemapEntry,
};
pub use audit::{AuditEntry, AuditFilter};
pub use card_images::CardImage;
pub use comments::{
    CommentTarget, CommentView, FormUse, History, ModerationItem, NewComment, Openness, OwnComment,
    Posted, Standing, StandingQuery, StatusCounts,
};
pub use desk::{DeskCounts, DeskLists};
pub use discovery::{Change, IndexArticle, View, ViewsWritten, MAX_PINS};
pub use engine::{DatabaseUrl, Engine};
pub use fronts::{BreakingNews, FRONT_PAGE};
pub use health::{is_expand as is_expand_migration, Migration, SchemaStatus};
pub use login_attempts::AttemptLimits;
pub use media::{
    is_token as is_media_token, new_media_token, MediaFile, MediaFileInfo, MediaItem, NewMedia,
    CHUNK_BYTES,
};
pub use media_place::{MediaPieces, Placement, StoredFile};
pub use pages::{PageLink, PageView};
pub use places::ArticlePlaces;
pub use previews::{Preview, PREVIEW_LIFETIME};
pub use programmes::{Episode, Programme};
pub use revisions::{Revision, RevisionKind};
pub use sections::{Moved, SectionListing, MAX_SECTIONS, SECTION_KEY_CHARS, SECTION_NAME_CHARS};
pub use sessions::{LinkPurpose, Session, SessionStage};
pub use users::{Credentials, User};
pub use wire::{
    Arrival, Claim, NewWireItem, WireCopy, WireCounts, WireItem, WireSource, WireState, SPIKED_KEPT,
};
pub use wordpress::{CommentParent, ImportedComment, LinkTarget, COMMENT_BATCH, MAX_LINK_BYTES};

use sqlx::AnyPool;
use std::path::Path;
use time::OffsetDateTime;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(String),
    /// What was asked for breaks a rule (the caller's input).
    #[error("invalid input: {0}")]
    Invalid(String),
    /// What the database holds cannot be what it claims to be (an unknown
    /// language code, unreadable JSON): a fault of the data, never of the
    /// request, so never answered as one.
    #[error("corrupt data in {what}")]
    Corrupt {
        what: &'static str,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The operating system gave no random numbers.
    #[error("no randomness from the operating system: {0}")]
    Randomness(String),
    /// The TLS handshake with PostgreSQL failed: almost always a CA or a
    /// host name that does not match the server's certificate.
    #[error(
        "the TLS handshake with the database failed: {0}. With sslmode=verify-ca or verify-full the server's \
         certificate must be signed by the CA named by sslrootcert= in the URL (or by one the system \
         trusts, when none is named); verify-full also needs the certificate to name the URL's host"
    )]
    Tls(String),
    /// The file store (where uploads' bytes may live instead of the
    /// database) failed: raised by the callers that use it, so that one
    /// error says that storage failed, whichever kind.
    #[error("the file store: {0}")]
    Files(String),
    /// A comment was not written: the batch that held it (see
    /// `comments::batch`) failed to commit, or the writer has stopped.
    #[error("not written: {0}")]
    Unwritten(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// A connection error, as [`StoreError::Tls`] when the TLS handshake failed:
/// sqlx reports a refused certificate as an I/O error carrying rustls's.
fn tls_failure(e: sqlx::Error) -> StoreError {
    match e {
        sqlx::Error::Tls(reason) => StoreError::Tls(reason.to_string()),
        sqlx::Error::Io(io)
            if io
                .get_ref()
                .is_some_and(|inner| inner.downcast_ref::<rustls::Error>().is_some()) =>
        {
            StoreError::Tls(format!("{io}"))
        }
        other => other.into(),
    }
}

/// For `map_err`: a value read from `what` (`table.column`) that cannot be
/// what it claims, keeping why.
pub(crate) fn corrupt<E>(what: &'static str) -> impl FnOnce(E) -> StoreError
where
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    move |e| StoreError::Corrupt {
        what,
        source: e.into(),
    }
}

/// A handle on the database; cheap to clone (it is a connection pool).
///
/// One implementation serves both engines through sqlx's `Any` driver: the
/// SQL is written once, portable (`$n` placeholders, `ON CONFLICT`,
/// `RETURNING`), and what differs between engines (connecting, migrations,
/// sequences) lives in [`engine`].
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    engine: Engine,
    /// Today's address salt, so that posting a comment does not write it.
    salt: std::sync::Arc<std::sync::Mutex<Option<(String, String)>>>,
    /// The group-commit writer of reader comments.
    comments_writer: comments::Writer,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print connection options: a PostgreSQL URL carries a password.
        f.debug_struct("Store")
            .field("engine", &self.engine)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens the database `url` names, or the SQLite file in `data_dir` when
    /// there is none, and brings its schema up to date.
    pub async fn open(data_dir: &Path, url: Option<&DatabaseUrl>) -> Result<Store> {
        let mut store = Store::open_unmigrated(data_dir, url).await?;
        if store.migrate().await? > 0 && store.engine == Engine::Sqlite {
            // A SQLite connection keeps the schema it parsed; one migration
            // widens a CHECK constraint in place (see 0003_newsroom.sql), so
            // the pool starts afresh to read the new definitions.
            store.close().await;
            store = Store::open_unmigrated(data_dir, url).await?;
        }
        // Uploads from before 0007 get their token and their pieces.
        store.upgrade_media().await?;
        Ok(store)
    }

    /// Opens without migrating, for `dateline migrate` and health checks.
    pub async fn open_unmigrated(data_dir: &Path, url: Option<&DatabaseUrl>) -> Result<Store> {
        let (pool, engine) = engine::connect(data_dir, url).await.map_err(tls_failure)?;
        Ok(Store {
            pool,
            engine,
            salt: Default::default(),
            comments_writer: Default::default(),
        })
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// Applies any migrations embedded in this binary that the database lacks;
    /// returns how many were applied.
    /// A database a newer release migrated is migrated only when each of
    /// that release's migrations is expand-only (see [`is_expand_migration`]):
    /// this release then runs beside it during a rolling upgrade.
    pub async fn migrate(&self) -> Result<usize> {
        let before = self.applied_migrations().await.unwrap_or(0);
        let status = self.schema_status().await?;
        if !status.unknown.is_empty() {
            return Err(StoreError::Invalid(format!(
                "the database holds migration(s) {:?} of a newer release that this release cannot serve; run the newer release",
                status.unknown
            )));
        }
        let carried = engine::migrator(self.engine);
        if status.newer_expand.is_empty() {
            carried.run(&self.pool).await?;
        } else {
            // The newer release's expand-only migrations stay; this one's
            // are applied around them.
            let tolerant = sqlx::migrate::Migrator {
                migrations: carried.migrations.clone(),
                ignore_missing: true,
                locking: carried.locking,
                no_tx: carried.no_tx,
            };
            tolerant.run(&self.pool).await?;
        }
        let after = self.applied_migrations().await?;
        Ok(after.saturating_sub(before))
    }

    /// Whether this node may serve the database: every migration this
    /// binary carries is applied, and any a newer release applied only adds
    /// to the schema (a rolling upgrade); a node must not serve a schema
    /// that is behind it, nor one a newer release changed.
    pub async fn migrations_current(&self) -> Result<bool> {
        Ok(self.schema_status().await?.is_current())
    }

    /// How many migrations the database has had.
    pub async fn migrations_applied(&self) -> Result<usize> {
        self.applied_migrations().await
    }

    async fn applied_migrations(&self) -> Result<usize> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success")
            .fetch_one(&self.pool)
            .await?;
        Ok(n as usize)
    }

    /// Whether the database answers at all.
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Whether this node's connections to the database are encrypted: on
    /// PostgreSQL, what the server says of one of them; None on SQLite,
    /// which is a file.
    pub async fn connection_encrypted(&self) -> Result<Option<bool>> {
        match self.engine {
            Engine::Sqlite => Ok(None),
            Engine::Postgres => {
                let ssl: Option<bool> =
                    sqlx::query_scalar("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(Some(ssl.unwrap_or(false)))
            }
        }
    }

    /// Whether the database holds no articles at all (a fresh site).
    pub async fn is_empty(&self) -> Result<bool> {
        let any: Option<i64> = sqlx::query_scalar("SELECT id FROM articles LIMIT 1")
            .fetch_optional(&self.pool)
            .await?;
        Ok(any.is_none())
    }

    /// Begins a transaction that writes. On SQLite it takes the write lock
    /// at once (`BEGIN IMMEDIATE`), waiting for it under the busy timeout: a
    /// deferred transaction that reads first and writes later would fail at
    /// once with "database is locked" when another writer got in between.
    pub(crate) async fn write_tx(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>> {
        Ok(match self.engine {
            Engine::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Engine::Postgres => self.pool.begin().await?,
        })
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// The connection pool's use now (for the metrics).
    pub fn pool_use(&self) -> PoolUse {
        PoolUse {
            open: self.pool.size(),
            idle: u32::try_from(self.pool.num_idle()).unwrap_or(u32::MAX),
            max: self.pool.options().get_max_connections(),
        }
    }
}

/// How many database connections are open, idle, and allowed.
#[derive(Debug, Clone, Copy)]
pub struct PoolUse {
    pub open: u32,
    pub idle: u32,
    pub max: u32,
}

pub(crate) fn unix(t: OffsetDateTime) -> i64 {
    t.unix_timestamp()
}

pub(crate) fn from_unix(secs: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(secs).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}
