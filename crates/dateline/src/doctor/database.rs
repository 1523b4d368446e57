//! The database's checks: reachable within the timeout, its engine, and
//! its schema against the migrations this binary carries.

use super::Report;
use crate::config::Config;
use dateline_store::Store;
use std::time::{Duration, Instant};

/// Where the database is, for messages (never with its password).
pub(super) fn place(config: &Config) -> String {
    match &config.database_url {
        Some(url) => url.redacted(),
        None => config
            .data_dir
            .join(dateline_store::engine::SQLITE_FILE)
            .display()
            .to_string(),
    }
}

pub(super) async fn database(
    report: &mut Report,
    config: &Config,
    timeout: Duration,
) -> Option<Store> {
    let check = "database";
    let place = place(config);
    let within = format!("{} s", timeout.as_secs_f32());
    let started = Instant::now();
    let postgres = config
        .database_url
        .as_ref()
        .filter(|u| u.engine() == Some(dateline_store::Engine::Postgres));
    if let Some(url) = postgres {
        // One connection first, for the server's own reason when it fails.
        match tokio::time::timeout(timeout, Store::probe(url)).await {
            Err(_) => {
                report.fail(
                    check,
                    format!("{place} did not answer within {within}"),
                    "check the host and port, the firewall, and that PostgreSQL runs",
                );
                return None;
            }
            Ok(Err(e)) => {
                report.fail(
                    check,
                    format!("cannot connect to {place}: {e}"),
                    "check the host, port, user, password and database in the URL, and that PostgreSQL runs",
                );
                return None;
            }
            Ok(Ok(())) => {}
        }
    }
    let opened = tokio::time::timeout(
        timeout,
        Store::open_read_only(&config.data_dir, config.database_url.as_ref()),
    )
    .await;
    let store = match opened {
        Err(_) => {
            report.fail(
                check,
                format!("{place} did not answer within {within}"),
                "check that the database server runs and is reachable",
            );
            return None;
        }
        Ok(Err(e)) => {
            report.fail(
                check,
                format!("cannot open {place}: {e}"),
                "check the file's permissions (SQLite) or the URL (PostgreSQL)",
            );
            return None;
        }
        Ok(Ok(None)) => {
            report.fail(
                check,
                format!("there is no database at {place}"),
                "run `dateline migrate` to create it (or start `dateline serve`), \
                 or point --data-dir at the site's data",
            );
            return None;
        }
        Ok(Ok(Some(store))) => store,
    };
    match tokio::time::timeout(timeout, store.server_version()).await {
        Ok(Ok(version)) => report.good(
            check,
            format!(
                "{version} at {place} answered in {} ms",
                started.elapsed().as_millis()
            ),
        ),
        Ok(Err(e)) => {
            report.fail(
                check,
                format!("{place} does not answer queries: {e}"),
                "check the database file's permissions (SQLite) or the server's log (PostgreSQL)",
            );
            store.close().await;
            return None;
        }
        Err(_) => {
            report.fail(
                check,
                format!("{place} did not answer a query within {within}"),
                "check the database server's load, and locks held by other clients",
            );
            store.close().await;
            return None;
        }
    }
    schema(report, &store, timeout).await;
    Some(store)
}

async fn schema(report: &mut Report, store: &Store, timeout: Duration) {
    let check = "schema";
    let status = match tokio::time::timeout(timeout, store.schema_status()).await {
        Ok(Ok(status)) => status,
        Ok(Err(e)) => {
            return report.fail(
                check,
                format!("cannot read the migrations the database records: {e}"),
                "check the database's permissions for this account",
            )
        }
        Err(_) => {
            return report.fail(
                check,
                "the migrations table did not answer in time".into(),
                "check the database server's load",
            )
        }
    };
    if status.is_current() && status.newer_expand.is_empty() {
        return report.good(
            check,
            format!(
                "all {} migrations this release carries are applied",
                status.carried
            ),
        );
    }
    if !status.pending.is_empty() {
        let names: Vec<String> = status
            .pending
            .iter()
            .map(|m| format!("{:04} {}", m.version, m.description))
            .collect();
        report.fail(
            check,
            format!(
                "{} of {} migrations pending: {}",
                status.pending.len(),
                status.carried,
                names.join(", ")
            ),
            "run `dateline migrate` (with the same --data-dir / --database-url)",
        );
    }
    if !status.newer_expand.is_empty() {
        report.warn(
            check,
            format!(
                "a newer release added migration(s) {} that only add to the schema: this release serves it",
                list(&status.newer_expand)
            ),
            "finish the rolling upgrade: run the newer release on this node too",
        );
    }
    if !status.unknown.is_empty() {
        report.fail(
            check,
            format!(
                "the database holds migration(s) {} that this release does not carry: a newer release migrated it",
                list(&status.unknown)
            ),
            "run the newer release on this node (`dateline --version` says which this is)",
        );
    }
    if !status.failed.is_empty() {
        report.fail(
            check,
            format!(
                "migration(s) {} started and did not finish",
                list(&status.failed)
            ),
            "see the database's log for why, mend it, remove that row from _sqlx_migrations, \
             then run `dateline migrate`",
        );
    }
    if !status.changed.is_empty() {
        report.fail(
            check,
            format!(
                "migration(s) {} differ from what was applied to this database",
                list(&status.changed)
            ),
            "run the release that applied them; this binary's migrations were edited",
        );
    }
}

fn list(versions: &[i64]) -> String {
    versions
        .iter()
        .map(|v| format!("{v:04}"))
        .collect::<Vec<_>>()
        .join(", ")
}
