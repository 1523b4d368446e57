//! Helpers for tests that run on both engines, behind the `testing`
//! feature: the crates that test against a store turn it on in their
//! dev-dependencies, and the release binary carries none of it.
//!
//! Every test runs on SQLite in a temporary directory. When
//! `DATELINE_TEST_DATABASE_URL` names a PostgreSQL server (an account that
//! may create databases), the same tests run there instead, each on a
//! database of its own; CI runs the suite both ways.
//!
//! A test's PostgreSQL database is a copy of a template that holds every
//! migration (`CREATE DATABASE … TEMPLATE …`, as crates.io's tests do): the
//! template is migrated once for each set of migrations, by whichever test
//! process comes first (an advisory lock keeps the others waiting), and a
//! copy costs a copy of its files instead of every migration again. The template
//! stays for later runs (templates of other migrations, say another
//! branch's, are left alone: that branch may be copying one; `.ci/postgres.sh`
//! clears them all). A test's database is dropped when its [`TestDatabase`]
//! is; those of tests that were killed are dropped by a test of a later run.

use crate::engine::{DatabaseUrl, Engine};
use sqlx::{Connection, Executor, PgConnection};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The variable that runs the whole test suite on PostgreSQL.
pub const TEST_DATABASE_URL: &str = "DATELINE_TEST_DATABASE_URL";
/// The variable that names a PostgreSQL server for the tests that need one
/// whatever engine the suite runs on (several nodes, moving between
/// engines); `TEST_DATABASE_URL` serves too.
pub const TEST_POSTGRES_URL: &str = "DATELINE_TEST_POSTGRES_URL";

/// Every test database's name starts so; the rest is the Unix second it was
/// made, the process and a counter.
const TEST_PREFIX: &str = "dateline_test_";
/// The template's name starts so; the rest names its set of migrations.
const TEMPLATE_PREFIX: &str = "dateline_template_";
/// A test database older than this was left by a test that was killed (no
/// test runs for an hour).
const LEFT_AFTER: Duration = Duration::from_secs(3600);
/// The advisory lock (an arbitrary 64-bit key) held while the template is
/// made and left databases are dropped.
const LOCK_KEY: i64 = 0x6461_7465_6c69_6e65; // "dateline"

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

/// A test's own PostgreSQL database, dropped with this value. It derefs to
/// its URL.
pub struct TestDatabase {
    url: DatabaseUrl,
    server: DatabaseUrl,
    name: String,
}

impl TestDatabase {
    pub fn url(&self) -> &DatabaseUrl {
        &self.url
    }
}

impl std::ops::Deref for TestDatabase {
    type Target = DatabaseUrl;
    fn deref(&self) -> &DatabaseUrl {
        &self.url
    }
}

impl std::fmt::Debug for TestDatabase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TestDatabase({})", self.url)
    }
}

impl Drop for TestDatabase {
    /// Drops the database, closing what is still connected to it (a server
    /// the test did not stop). Runs on a thread of its own with a runtime of
    /// its own, since a value may be dropped inside a runtime or outside
    /// one; a database it cannot drop is left for a later run.
    fn drop(&mut self) {
        let server = self.server.clone();
        let name = self.name.clone();
        let dropped = std::thread::spawn(move || -> Result<(), sqlx::Error> {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            runtime.block_on(async {
                let mut admin = PgConnection::connect(server.expose()).await?;
                admin
                    .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                    .await?;
                admin.close().await
            })
        })
        .join();
        match dropped {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!("the test database {} was not dropped: {e}", self.name),
            Err(_) => eprintln!("the test database {} was not dropped", self.name),
        }
    }
}

/// A database of the test's own holding every migration, as `Store::open`
/// would leave an empty one: a copy of the template.
pub async fn fresh_database(server: &DatabaseUrl) -> crate::Result<TestDatabase> {
    let template = template(server).await?;
    create(server, &format!("TEMPLATE {template}")).await
}

/// An empty database of the test's own, with no migration applied.
pub async fn empty_database(server: &DatabaseUrl) -> crate::Result<TestDatabase> {
    create(server, "").await
}

async fn create(server: &DatabaseUrl, options: &str) -> crate::Result<TestDatabase> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "{TEST_PREFIX}{}_{}_{}",
        unix_now(),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    );
    let mut admin = PgConnection::connect(server.expose()).await?;
    admin
        .execute(format!("CREATE DATABASE {name} {options}").as_str())
        .await?;
    admin.close().await?;
    Ok(TestDatabase {
        url: DatabaseUrl::new(with_database(server.expose(), &name)),
        server: server.clone(),
        name,
    })
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// The name of the template for this build's migrations, made if the server
/// lacks it; once a process.
async fn template(server: &DatabaseUrl) -> crate::Result<String> {
    static TEMPLATE: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    TEMPLATE
        .get_or_try_init(|| make_template(server))
        .await
        .cloned()
}

/// The template's name: a digest of every migration's version and checksum,
/// so that a branch with other migrations gets a template of its own.
fn template_name() -> String {
    use sha2::{Digest, Sha256};
    let mut digest = Sha256::new();
    for m in crate::engine::migrator(Engine::Postgres).iter() {
        digest.update(m.version.to_le_bytes());
        digest.update(&m.checksum);
    }
    let digest = data_encoding::HEXLOWER.encode(&digest.finalize()[..8]);
    format!("{TEMPLATE_PREFIX}{digest}")
}

async fn make_template(server: &DatabaseUrl) -> crate::Result<String> {
    let name = template_name();
    let mut admin = PgConnection::connect(server.expose()).await?;
    admin
        .execute(sqlx::query("SELECT pg_advisory_lock($1)").bind(LOCK_KEY))
        .await?;
    let made = under_lock(&mut admin, server, &name).await;
    let unlocked = admin
        .execute(sqlx::query("SELECT pg_advisory_unlock($1)").bind(LOCK_KEY))
        .await;
    admin.close().await?;
    made?;
    unlocked?;
    Ok(name)
}

async fn under_lock(
    admin: &mut PgConnection,
    server: &DatabaseUrl,
    name: &str,
) -> crate::Result<()> {
    let databases: Vec<String> = sqlx::query_scalar("SELECT datname FROM pg_database")
        .fetch_all(&mut *admin)
        .await?;
    // Test databases of a run that was killed; a drop that fails (the
    // database is still in use after all) is left for the next run.
    let oldest = unix_now().saturating_sub(LEFT_AFTER.as_secs());
    for left in databases
        .iter()
        .filter(|d| made_at(d).is_some_and(|t| t < oldest))
    {
        let _ = admin
            .execute(format!("DROP DATABASE IF EXISTS {left}").as_str())
            .await;
    }
    if databases.iter().any(|d| d == name) {
        return Ok(());
    }
    // Migrated under another name and renamed when whole, so that a process
    // killed halfway leaves no template that looks ready.
    let building = format!("{name}_building");
    admin
        .execute(format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)").as_str())
        .await?;
    admin
        .execute(format!("CREATE DATABASE {building}").as_str())
        .await?;
    let url = DatabaseUrl::new(with_database(server.expose(), &building));
    let store = crate::Store::open_unmigrated(&std::env::temp_dir(), Some(&url)).await?;
    let migrated = store.migrate().await;
    store.close().await;
    migrated?;
    rename_when_free(admin, &building, name).await?;
    // Nothing connects to it by mistake, which would stop every copy.
    admin
        .execute(format!("ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false").as_str())
        .await?;
    Ok(())
}

/// Renames `from` to `to`. A closed pool's server processes end a moment
/// after the client hangs up, and until they have the rename is refused as
/// "being accessed by other users" (55006): wait for them, up to ten seconds.
async fn rename_when_free(admin: &mut PgConnection, from: &str, to: &str) -> crate::Result<()> {
    let rename = format!("ALTER DATABASE {from} RENAME TO {to}");
    let mut tries = 0;
    loop {
        match admin.execute(rename.as_str()).await {
            Err(sqlx::Error::Database(e))
                if e.code().as_deref() == Some("55006") && tries < 100 =>
            {
                tries += 1;
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            done => return done.map(|_| ()).map_err(Into::into),
        }
    }
}

/// The Unix second a test database of this module was made, from its name.
fn made_at(database: &str) -> Option<u64> {
    let rest = database.strip_prefix(TEST_PREFIX)?;
    let mut parts = rest.split('_');
    let at = parts.next()?.parse().ok()?;
    // Three parts, all numbers: the names of older releases (process first,
    // then a counter and nanoseconds) are not this module's to judge.
    let pid: u32 = parts.next()?.parse().ok()?;
    let _counter: u32 = parts.next()?.parse().ok()?;
    (parts.next().is_none() && pid > 0 && at > 1_000_000_000).then_some(at)
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

/// Records migration `version` as applied, as a newer release would have.
pub async fn record_newer_migration(store: &crate::Store, version: i64) -> Result<(), sqlx::Error> {
    record_newer_migration_named(store, version, "from a newer release").await
}

/// As [`record_newer_migration`], under a name: `expand ...` for one that
/// only adds to the schema.
pub async fn record_newer_migration_named(
    store: &crate::Store,
    version: i64,
    description: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES ($1, $4, $2, $3, 0)",
    )
    .bind(version)
    .bind(true)
    .bind(vec![0u8; 48])
    .bind(description)
    .execute(&store.pool)
    .await?;
    Ok(())
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

    #[test]
    fn left_databases_are_told_by_their_name() {
        assert_eq!(
            made_at("dateline_test_1765000000_4242_3"),
            Some(1_765_000_000)
        );
        // Older releases' names (process, counter, nanoseconds), and others.
        assert_eq!(made_at("dateline_test_4242_3_123456789"), None);
        assert_eq!(made_at("dateline_test_1765000000_4242"), None);
        assert_eq!(made_at("dateline_template_0123abcd"), None);
        assert_eq!(made_at("postgres"), None);
    }

    #[test]
    fn the_template_is_named_after_the_migrations() {
        let name = template_name();
        assert!(name.starts_with(TEMPLATE_PREFIX), "{name}");
        assert_eq!(name.len(), TEMPLATE_PREFIX.len() + 16);
        assert_eq!(name, template_name());
    }
}
