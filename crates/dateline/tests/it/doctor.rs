//! `dateline doctor`, the real binary, as an operator runs it: beside a
//! serving node, on a data directory it cannot write, on a database a
//! release behind or ahead, and against a PostgreSQL that does not answer.

use crate::support::{dateline, TestApp};

use dateline::doctor::{classify_space, Level};
use dateline_store::{testing, DatabaseUrl, Store};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// The store arguments: a data directory, plus `--database-url` on PostgreSQL.
fn store_args(data: &Path, url: Option<&DatabaseUrl>) -> Vec<String> {
    let mut args = vec!["--data-dir".to_string(), data.display().to_string()];
    if let Some(url) = url {
        args.extend(["--database-url".to_string(), url.expose().to_string()]);
    }
    args
}

struct Outcome {
    code: i32,
    out: String,
    err: String,
}

impl Outcome {
    /// The report's lines of one check.
    fn lines(&self, check: &str) -> Vec<&str> {
        self.out
            .lines()
            .filter(|l| l.contains(&format!(" — {check}: ")))
            .collect()
    }
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.out, self.err
        )
    }
}

/// Runs the binary off the async threads (the server under test keeps
/// serving on them).
async fn run(mut cmd: Command) -> Outcome {
    tokio::task::spawn_blocking(move || {
        let output = cmd.output().expect("the binary runs");
        Outcome {
            code: output.status.code().unwrap_or(-1),
            out: String::from_utf8_lossy(&output.stdout).into_owned(),
            err: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    })
    .await
    .expect("the binary's thread")
}

/// What the disk check must say of `dir`, read independently with `df`.
fn disk_level(dir: &Path) -> Level {
    let output = Command::new("df")
        .args(["-B1", "--output=avail,size"])
        .arg(dir)
        .output()
        .expect("df runs");
    let text = String::from_utf8_lossy(&output.stdout);
    let numbers: Vec<u64> = text
        .lines()
        .nth(1)
        .expect("df prints a row")
        .split_whitespace()
        .map(|n| n.parse().expect("a number"))
        .collect();
    classify_space(numbers[0], numbers[1])
}

/// Names in a folder, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_healthy_serving_site_passes_every_check_and_is_left_alone() {
    let app = TestApp::with_demo().await;
    let data = app.data_dir();
    let url = app.config.database_url.clone();
    let index_before = listing(&data.join("index"));
    let mut cmd = dateline();
    cmd.arg("doctor").args(store_args(&data, url.as_ref()));
    let found = run(cmd).await;
    assert_eq!(found.code, 0, "{found}");
    for check in [
        "configuration",
        "database",
        "schema",
        "storage",
        "search index",
        "clock",
        "disk",
    ] {
        assert!(
            !found.lines(check).is_empty(),
            "a line for {check}: {found}"
        );
    }
    // Every line ok, but for the disk of the machine running the suite,
    // which must say what df says of it.
    let disk = disk_level(&data);
    for line in found.out.lines().filter(|l| l.contains(" — ")) {
        if line.contains(" — disk: ") && disk != Level::Ok {
            let word = if disk == Level::Warn { "warn" } else { "FAIL" };
            assert!(line.starts_with(word), "df says {disk:?}: {line}");
            continue;
        }
        assert!(line.starts_with("ok "), "{line}\n{found}");
    }
    let engine = if url.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    assert!(found.lines("database")[0].contains(engine), "{found}");
    let index = found.lines("search index")[0];
    assert!(
        index.contains("is whole") && index.contains("as many as the database publishes"),
        "{index}"
    );
    // Nothing taken or left: the server's index is as it was, no probe
    // file remains, and the server still answers.
    assert_eq!(listing(&data.join("index")), index_before);
    assert!(
        !listing(&data).iter().any(|n| n.contains("doctor")),
        "{:?}",
        listing(&data)
    );
    assert_eq!(app.get("/readyz").await.status, 200);

    // The same as JSON, for scripts.
    let mut cmd = dateline();
    cmd.args(["doctor", "--json"])
        .args(store_args(&data, url.as_ref()));
    let json = run(cmd).await;
    assert_eq!(json.code, 0, "{json}");
    let report: serde_json::Value = serde_json::from_str(&json.out).expect("JSON");
    assert_eq!(report["ok"], true);
    let checks = report["checks"].as_array().expect("checks");
    assert!(checks.len() >= 7, "{report}");
    assert!(checks
        .iter()
        .all(|c| c["level"] == "ok" || c["check"] == "disk"));
    app.stop().await;
}

/// The effective user id (the owner of this process's /proc entry).
fn euid() -> u32 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").expect("/proc/self").uid()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_data_directory_it_cannot_write_fails_naming_the_directory() {
    use std::os::unix::fs::PermissionsExt;
    let mut app = TestApp::empty().await;
    let data = app.data_dir();
    let url = app.config.database_url.clone();
    // Stopped, but its data directory and database are kept.
    if let Some(running) = app.running.take() {
        running.stop().await.expect("clean stop");
    }
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let mut cmd = if euid() == 0 {
        // Root writes anywhere: drop the capabilities that let it, as the
        // unprivileged account a service runs under would not have them.
        let mut cmd = Command::new("setpriv");
        cmd.args([
            "--bounding-set",
            "-dac_override,-dac_read_search",
            env!("CARGO_BIN_EXE_dateline"),
        ]);
        cmd
    } else {
        dateline()
    };
    for (key, _) in std::env::vars() {
        if key.starts_with("DATELINE_") {
            cmd.env_remove(key);
        }
    }
    cmd.arg("doctor").args(store_args(&data, url.as_ref()));
    let found = run(cmd).await;
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).expect("chmod back");
    assert_eq!(found.code, 1, "{found}");
    let storage = found.lines("storage");
    let named = format!(
        "FAIL — storage: cannot write in the data directory {}",
        data.display()
    );
    assert!(
        storage.iter().any(|l| l.starts_with(&named)),
        "wanted {named:?}:\n{found}"
    );
    assert!(
        storage.iter().any(|l| l.contains("write access")),
        "says what to do: {found}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_schema_a_release_behind_or_ahead_fails_saying_what_to_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    // A database no release has migrated yet: an empty SQLite file, or an
    // empty PostgreSQL database.
    let database = match testing::postgres_server() {
        Some(server) => Some(testing::empty_database(&server).await.expect("a database")),
        None => None,
    };
    let url = database.as_deref().cloned();
    let store = Store::open_unmigrated(&data, url.as_ref())
        .await
        .expect("open");
    store.close().await;

    let mut cmd = dateline();
    cmd.arg("doctor").args(store_args(&data, url.as_ref()));
    let behind = run(cmd).await;
    assert_eq!(behind.code, 1, "{behind}");
    let schema = behind.lines("schema").join("\n");
    assert!(
        schema.starts_with("FAIL — schema: ")
            && schema.contains(" migrations pending: 0001 initial, 0002 comments")
            && schema
                .ends_with("— run `dateline migrate` (with the same --data-dir / --database-url)"),
        "{behind}"
    );

    // `dateline migrate` mends it, and the doctor then says so.
    let migrated = run({
        let mut cmd = dateline();
        cmd.arg("migrate").args(store_args(&data, url.as_ref()));
        cmd
    })
    .await;
    assert_eq!(migrated.code, 0, "{migrated}");
    let mut cmd = dateline();
    cmd.arg("doctor").args(store_args(&data, url.as_ref()));
    let mended = run(cmd).await;
    assert!(
        mended.lines("schema")[0].starts_with("ok   — schema: all "),
        "{mended}"
    );

    // A newer release migrated the database: this one must not serve it.
    let store = Store::open_unmigrated(&data, url.as_ref())
        .await
        .expect("open");
    testing::record_newer_migration(&store, 9_999)
        .await
        .expect("record");
    store.close().await;
    let mut cmd = dateline();
    cmd.arg("doctor").args(store_args(&data, url.as_ref()));
    let ahead = run(cmd).await;
    assert_eq!(ahead.code, 1, "{ahead}");
    let schema = ahead.lines("schema").join("\n");
    assert!(
        schema.starts_with("FAIL — schema: the database holds migration(s) 9999")
            && schema.contains("newer release"),
        "{ahead}"
    );
    drop(database);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_postgres_fails_within_the_timeout_without_the_password() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    // A server that accepts connections and never says a word.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = silent.local_addr().expect("addr").port();
    let url = format!("postgres://news:hunter2-secret@127.0.0.1:{port}/news");
    let started = Instant::now();
    let mut cmd = dateline();
    cmd.args(["doctor", "--timeout", "2", "--data-dir"])
        .arg(&data)
        .args(["--database-url", &url]);
    let silent_found = run(cmd).await;
    let took = started.elapsed();
    drop(silent);
    assert!(took < Duration::from_secs(8), "took {took:?}");
    assert_eq!(silent_found.code, 1, "{silent_found}");
    let database = silent_found.lines("database").join("\n");
    assert!(
        database.starts_with(&format!(
            "FAIL — database: postgres://news:***@127.0.0.1:{port}/news did not answer within 2 s"
        )),
        "{silent_found}"
    );

    // Nobody listening: the connection's own reason, at once.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = closed.local_addr().expect("addr").port();
    drop(closed);
    let url = format!("postgres://news:hunter2-secret@127.0.0.1:{port}/news");
    let started = Instant::now();
    let mut cmd = dateline();
    cmd.args(["doctor", "--timeout", "2", "--data-dir"])
        .arg(&data)
        .args(["--database-url", &url]);
    let refused = run(cmd).await;
    assert!(started.elapsed() < Duration::from_secs(8));
    assert_eq!(refused.code, 1, "{refused}");
    let database = refused.lines("database").join("\n");
    assert!(
        database.starts_with("FAIL — database: cannot connect to postgres://news:***@")
            && database.to_lowercase().contains("refused"),
        "{refused}"
    );

    for found in [&silent_found, &refused] {
        assert!(!found.out.contains("hunter2"), "{found}");
        assert!(!found.err.contains("hunter2"), "{found}");
        assert!(!found.err.contains("panicked"), "{found}");
    }
    // It changed nothing: no data directory was made.
    assert!(!data.exists());
}

#[test]
fn a_missing_database_is_reported_not_created() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let output = dateline()
        .args(["doctor", "--data-dir"])
        .arg(&data)
        .output()
        .expect("runs");
    let out = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(
        out.contains(&format!(
            "FAIL — database: there is no database at {}",
            data.join("dateline.db").display()
        )) && out.contains("run `dateline migrate`"),
        "{out}"
    );
    assert!(!data.exists(), "doctor made {}", data.display());
}

/// deploy/nginx.conf lets through exactly the largest body dateline takes
/// (e2e/deploy.sh checks nginx does so, at this size).
#[test]
fn the_proxy_example_takes_the_largest_upload_and_no_more() {
    let conf = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/nginx.conf"),
    )
    .expect("deploy/nginx.conf");
    let sizes: Vec<&str> = conf
        .lines()
        .filter_map(|l| l.trim().strip_prefix("client_max_body_size "))
        .collect();
    assert_eq!(
        sizes,
        [format!("{}k;", dateline_web::newsroom::UPLOAD_LIMIT / 1024)],
        "client_max_body_size must be dateline's UPLOAD_LIMIT"
    );
    assert_eq!(dateline_web::newsroom::UPLOAD_LIMIT % 1024, 0);
}
