//! TLS to PostgreSQL: the URL's `sslmode` and `sslrootcert` are honoured.
//! Runs when the tests' PostgreSQL server is reached through a CA of its
//! own (`sslrootcert=` in its URL, as `.ci/postgres.sh` gives it); says it
//! did not run otherwise, and fails in CI, where the whole suite runs on
//! PostgreSQL with `sslmode=verify-full`.

use dateline_store::{testing, DatabaseUrl, Store, StoreError};
use std::process::Command;

/// The server's URL, if it names a CA to verify against.
fn tls_server(test: &str) -> Option<DatabaseUrl> {
    let server = testing::require_postgres(test)?;
    if query_value(server.expose(), "sslrootcert").is_some() {
        return Some(server);
    }
    if std::env::var_os("DATELINE_CI").is_some() {
        panic!("{test}: CI must reach PostgreSQL over TLS (sslrootcert= in the URL; see .ci/postgres.sh)");
    }
    eprintln!("{test}: NOT RUN: the PostgreSQL URL names no sslrootcert");
    None
}

fn query_value<'a>(url: &'a str, key: &str) -> Option<&'a str> {
    let (_, query) = url.split_once('?')?;
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v)
}

/// The URL with `key` set to `value` (added when absent).
fn with_param(url: &str, key: &str, value: &str) -> String {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut pairs: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty() && p.split('=').next() != Some(key))
        .map(str::to_string)
        .collect();
    pairs.push(format!("{key}={value}"));
    format!("{base}?{}", pairs.join("&"))
}

fn unrelated_ca() -> String {
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/it/fixtures/unrelated-ca.crt"
    )
    .to_string()
}

async fn encrypted(url: &str) -> Result<Option<bool>, StoreError> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let store = Store::open_unmigrated(dir.path(), Some(&DatabaseUrl::new(url))).await?;
    let encrypted = store.connection_encrypted().await;
    store.close().await;
    encrypted
}

#[tokio::test]
async fn verify_full_against_the_servers_ca_connects_encrypted() {
    let Some(server) = tls_server("verify_full_against_the_servers_ca_connects_encrypted") else {
        return;
    };
    let url = with_param(server.expose(), "sslmode", "verify-full");
    assert_eq!(encrypted(&url).await.unwrap(), Some(true));
}

#[tokio::test]
async fn a_wrong_ca_is_refused_with_a_clear_message() {
    let Some(server) = tls_server("a_wrong_ca_is_refused_with_a_clear_message") else {
        return;
    };
    // A database of its own: should the connection wrongly succeed, the
    // migration lands there and nowhere else.
    let db = testing::empty_database(&server).await.unwrap();
    for mode in ["verify-full", "verify-ca"] {
        let url = with_param(
            &with_param(db.expose(), "sslmode", mode),
            "sslrootcert",
            &unrelated_ca(),
        );
        match encrypted(&url).await {
            Err(StoreError::Tls(_)) => {}
            other => panic!("{mode} with an unrelated CA: expected a TLS refusal, got {other:?}"),
        }
        let out = Command::new(env!("CARGO_BIN_EXE_dateline"))
            .args(["migrate", "--database-url", &url])
            .env_remove("DATELINE_CONFIG")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !out.status.success(),
            "{mode}: dateline migrate succeeded: {stderr}"
        );
        for words in ["TLS", "sslrootcert", "certificate", "UnknownIssuer"] {
            assert!(
                stderr.contains(words),
                "{mode}: the message lacks {words:?}: {stderr}"
            );
        }
        assert!(
            !stderr.contains(":postgres@"),
            "{mode}: the password was printed: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[tokio::test]
async fn require_encrypts_without_verifying_and_disable_does_not_encrypt() {
    let Some(server) =
        tls_server("require_encrypts_without_verifying_and_disable_does_not_encrypt")
    else {
        return;
    };
    let unverified = with_param(
        &with_param(server.expose(), "sslmode", "require"),
        "sslrootcert",
        &unrelated_ca(),
    );
    assert_eq!(encrypted(&unverified).await.unwrap(), Some(true));
    let plain = with_param(server.expose(), "sslmode", "disable");
    assert_eq!(encrypted(&plain).await.unwrap(), Some(false));
    // prefer takes TLS when the server offers it.
    let preferred = with_param(server.expose(), "sslmode", "prefer");
    assert_eq!(encrypted(&preferred).await.unwrap(), Some(true));
}
