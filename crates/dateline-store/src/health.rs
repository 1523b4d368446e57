//! Read-only questions an operator's health check (`dateline doctor`) asks
//! of the database: which migrations it holds against those this binary
//! carries, its engine's version and its clock. Nothing here writes, takes
//! a lock or applies a migration, so it can run beside a serving node.
//!
//! The few statements that differ between engines sit here rather than in
//! [`crate::engine`], because they only read and only serve these checks.

use crate::engine::{self, DatabaseUrl, Engine, SQLITE_FILE};
use crate::{Result, Store};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::ConnectOptions;
use std::path::Path;
use std::str::FromStr;

/// The schema's state: what the database records in `_sqlx_migrations`
/// against the migrations this binary carries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchemaStatus {
    /// How many migrations this binary carries.
    pub carried: usize,
    /// How many of them the database records as applied.
    pub applied: usize,
    /// Carried but not applied: `dateline migrate` applies them.
    pub pending: Vec<Migration>,
    /// Applied, but this binary does not carry them: a newer release
    /// migrated this database in a way this one cannot serve.
    pub unknown: Vec<i64>,
    /// Applied by a newer release, and only adding to the schema (their
    /// names start with `expand`, the rule of migrations/README.md): this
    /// release serves the database as it is, during a rolling upgrade.
    pub newer_expand: Vec<i64>,
    /// Recorded as started and not finished (a migration that failed).
    pub failed: Vec<i64>,
    /// Applied, but the text this binary carries differs from what was run.
    pub changed: Vec<i64>,
}

/// One migration, by number and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    pub version: i64,
    pub description: String,
}

/// Whether a migration only adds to the schema, by its name
/// (`0042_expand_...sql`): what a release before it can still serve.
pub fn is_expand(description: &str) -> bool {
    description
        .trim_start()
        .get(..6)
        .is_some_and(|w| w.eq_ignore_ascii_case("expand"))
}

impl SchemaStatus {
    /// This binary can serve the schema: its own, or its own and a newer
    /// release's expand-only migrations.
    pub fn is_current(&self) -> bool {
        self.pending.is_empty()
            && self.unknown.is_empty()
            && self.failed.is_empty()
            && self.changed.is_empty()
    }
}

impl Store {
    /// Opens the database for reading only: PostgreSQL as usual (nothing
    /// here writes), SQLite read-only and never created (`Ok(None)` when
    /// the data directory holds no database file).
    pub async fn open_read_only(
        data_dir: &Path,
        url: Option<&DatabaseUrl>,
    ) -> Result<Option<Store>> {
        let file = match url.and_then(DatabaseUrl::engine) {
            Some(Engine::Postgres) => {
                return Ok(Some(Store::open_unmigrated(data_dir, url).await?));
            }
            Some(Engine::Sqlite) => {
                let url = url.map(DatabaseUrl::expose).unwrap_or_default();
                SqliteConnectOptions::from_str(url)?
                    .get_filename()
                    .to_path_buf()
            }
            None => data_dir.join(SQLITE_FILE),
        };
        if !file.exists() {
            return Ok(None);
        }
        sqlx::any::install_default_drivers();
        let options = SqliteConnectOptions::new()
            .filename(&file)
            .read_only(true)
            .create_if_missing(false);
        let any = AnyConnectOptions::from_url(&options.to_url_lossy())?.disable_statement_logging();
        let pool = AnyPoolOptions::new()
            .max_connections(1)
            .after_connect(|conn, _| {
                Box::pin(async move {
                    sqlx::Executor::execute(conn, "PRAGMA busy_timeout = 2000").await?;
                    Ok(())
                })
            })
            .connect_with(any)
            .await?;
        Ok(Some(Store {
            pool,
            engine: Engine::Sqlite,
            salt: Default::default(),
            comments_writer: Default::default(),
        }))
    }

    /// One connection to the server `url` names, opened and closed: the
    /// connection's own error (refused, unknown host, bad password, TLS)
    /// rather than a pool's "timed out" after its retries.
    pub async fn probe(url: &DatabaseUrl) -> Result<()> {
        sqlx::any::install_default_drivers();
        let options = AnyConnectOptions::from_str(url.expose())?.disable_statement_logging();
        let conn = <sqlx::AnyConnection as sqlx::Connection>::connect_with(&options).await?;
        sqlx::Connection::close(conn).await?;
        Ok(())
    }

    /// The migrations the database records, against those this binary carries.
    pub async fn schema_status(&self) -> Result<SchemaStatus> {
        let carried: Vec<_> = engine::migrator(self.engine)
            .iter()
            .filter(|m| !m.migration_type.is_down_migration())
            .collect();
        let table_exists: bool = match self.engine {
            Engine::Sqlite => sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
            )
            .fetch_one(&self.pool)
            .await?
                > 0,
            Engine::Postgres => sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM pg_catalog.pg_tables \
                 WHERE tablename = '_sqlx_migrations' AND schemaname = current_schema()",
            )
            .fetch_one(&self.pool)
            .await?
                > 0,
        };
        let recorded: Vec<(i64, i64, Vec<u8>, String)> = if table_exists {
            sqlx::query_as(
                "SELECT version, CASE WHEN success THEN 1 ELSE 0 END, checksum, description \
                 FROM _sqlx_migrations ORDER BY version",
            )
            .fetch_all(&self.pool)
            .await?
        } else {
            Vec::new()
        };
        let mut status = SchemaStatus {
            carried: carried.len(),
            ..SchemaStatus::default()
        };
        for (version, success, checksum, description) in &recorded {
            match carried.iter().find(|m| m.version == *version) {
                None if *success != 0 && is_expand(description) => {
                    status.newer_expand.push(*version)
                }
                None => status.unknown.push(*version),
                Some(_) if *success == 0 => status.failed.push(*version),
                Some(m) => {
                    status.applied += 1;
                    if m.checksum.as_ref() != checksum.as_slice() {
                        status.changed.push(*version);
                    }
                }
            }
        }
        status.pending = carried
            .iter()
            .filter(|m| !recorded.iter().any(|(v, ..)| *v == m.version))
            .map(|m| Migration {
                version: m.version,
                description: m.description.to_string(),
            })
            .collect();
        Ok(status)
    }

    /// The engine's name and version, e.g. `PostgreSQL 15.8` or `SQLite 3.46.0`.
    pub async fn server_version(&self) -> Result<String> {
        Ok(match self.engine {
            Engine::Sqlite => {
                let v: String = sqlx::query_scalar("SELECT sqlite_version()")
                    .fetch_one(&self.pool)
                    .await?;
                format!("SQLite {v}")
            }
            Engine::Postgres => {
                let v: String = sqlx::query_scalar("SELECT current_setting('server_version')")
                    .fetch_one(&self.pool)
                    .await?;
                format!("PostgreSQL {v}")
            }
        })
    }

    /// The database server's clock now, in Unix milliseconds (SQLite's is
    /// this machine's).
    pub async fn server_clock_ms(&self) -> Result<i64> {
        let sql = match self.engine {
            Engine::Sqlite => "SELECT CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)",
            Engine::Postgres => {
                "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)"
            }
        };
        Ok(sqlx::query_scalar(sql).fetch_one(&self.pool).await?)
    }
}
