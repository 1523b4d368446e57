//! Rolling upgrades: a node keeps serving a database that a newer release
//! migrated with expand-only migrations (`NNNN_expand_…`), and stops being
//! ready for one it cannot serve. The newer release is stood for by rows
//! in `_sqlx_migrations`, as its migrations would leave them. On SQLite,
//! or on PostgreSQL when `DATELINE_TEST_DATABASE_URL` is set.

use crate::support;

use dateline_store::{testing, Store};
use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

fn dateline(args: &[String]) -> Output {
    support::dateline()
        .args(args)
        .output()
        .expect("dateline runs")
}

fn said(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn with(command: &[&str], store: &[String]) -> Vec<String> {
    let mut args: Vec<String> = command.iter().map(|s| s.to_string()).collect();
    args.extend(store.iter().cloned());
    args
}

async fn record(data: &Path, url: Option<&testing::TestDatabase>, version: i64, name: &str) {
    let store = Store::open_unmigrated(data, url.map(|u| u.url()))
        .await
        .expect("open");
    testing::record_newer_migration_named(&store, version, name)
        .await
        .expect("record");
    store.close().await;
}

async fn status_of(client: &reqwest::Client, url: &str) -> u16 {
    client
        .get(url)
        .send()
        .await
        .map(|r| r.status().as_u16())
        .unwrap_or(0)
}

#[tokio::test]
async fn a_node_serves_through_a_newer_releases_expand_migrations_and_not_past_a_contract() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let url = match testing::postgres_server() {
        Some(server) => Some(testing::empty_database(&server).await.expect("database")),
        None => None,
    };
    let mut store_args = vec!["--data-dir".to_string(), data.display().to_string()];
    if let Some(u) = &url {
        store_args.extend(["--database-url".into(), u.expose().into()]);
    }
    let out = dateline(&with(&["migrate"], &store_args));
    assert!(out.status.success(), "{}", said(&out));

    // A newer release added a column: this one still migrates, checks
    // clean, and serves, ready.
    record(&data, url.as_ref(), 9_000, "expand add a column").await;
    let check = dateline(&with(&["migrate", "--check"], &store_args));
    assert_eq!(check.status.code(), Some(0), "{}", said(&check));
    assert!(said(&check).contains("adding only"), "{}", said(&check));
    let out = dateline(&with(&["migrate"], &store_args));
    assert!(out.status.success(), "{}", said(&out));
    let doctor = dateline(&with(&["doctor"], &store_args));
    assert!(
        said(&doctor).contains("warn — schema"),
        "the doctor says a newer release is rolling out: {}",
        said(&doctor)
    );

    let mut cmd = support::dateline();
    cmd.args(["serve", "--listen", "127.0.0.1:0"])
        .args(&store_args);
    let (mut node, base) = support::spawn_serve(&mut cmd);
    let client = support::client_builder()
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client");
    let start = Instant::now();
    while status_of(&client, &format!("{base}/readyz")).await != 200
        && start.elapsed() < Duration::from_secs(30)
    {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(status_of(&client, &format!("{base}/readyz")).await, 200);
    assert_eq!(status_of(&client, &format!("{base}/en/")).await, 200);

    // Then one that changes what this release reads: the node is no
    // longer ready, and this release will not migrate the database.
    record(&data, url.as_ref(), 9_001, "drop a column").await;
    assert_eq!(status_of(&client, &format!("{base}/readyz")).await, 503);
    let _ = node.kill();
    let _ = node.wait();
    let check = dateline(&with(&["migrate", "--check"], &store_args));
    assert_eq!(check.status.code(), Some(1), "{}", said(&check));
    let out = dateline(&with(&["migrate"], &store_args));
    assert!(!out.status.success(), "{}", said(&out));
    assert!(said(&out).contains("newer release"), "{}", said(&out));
}
