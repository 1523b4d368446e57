//! The command line as operators and scripts use it: the real binary.

use crate::support::{self, dateline};

use dateline_core::Language;
use dateline_store::{testing, DatabaseUrl, PathLookup, Store};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

const SEED_PATH: &str =
    "/en/world/2016/10/04/u-s-suspends-negotiations-with-russia-over-syria-ceasefire";

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../dateline-import/tests/fixtures/rhc-syria-ceasefire.txt")
}

/// A fresh PostgreSQL database when the suite runs on one, dropped with the
/// value; else None (SQLite). Empty: the binary under test migrates it.
fn fresh_database() -> Option<testing::TestDatabase> {
    let server = testing::postgres_server()?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("rt");
    Some(
        rt.block_on(testing::empty_database(&server))
            .expect("a fresh database"),
    )
}

/// The store arguments for a test: a data directory, plus `--database-url`
/// on PostgreSQL.
fn store_args(data: &Path, url: Option<&DatabaseUrl>) -> Vec<String> {
    let mut args = vec!["--data-dir".to_string(), data.display().to_string()];
    if let Some(url) = url {
        args.extend(["--database-url".to_string(), url.expose().to_string()]);
    }
    args
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("the binary runs");
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}

#[test]
fn import_wire_files_the_seed_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let url = fresh_database();
    let store_args = store_args(&data, url.as_deref());
    let (code, out, err) = run(dateline()
        .args(["import", "wire", "--section", "world"])
        .args(&store_args)
        .arg("--year")
        .arg("2016")
        .arg(seed()));
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains(&format!("created {SEED_PATH}")), "{out}");
    assert!(out.contains("1 created, 0 updated, 0 failed"), "{out}");

    // Importing the same copy again updates it; nothing is duplicated.
    let (code, out, _) = run(dateline()
        .args(["import", "wire", "--section=world"])
        .args(&store_args)
        .arg("--year=2016")
        .arg(seed()));
    assert_eq!(code, 0);
    assert!(out.contains("0 created, 1 updated, 0 failed"), "{out}");

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("rt");
    rt.block_on(check_seed_in_store(&data, url.as_deref()));
}

async fn check_seed_in_store(data: &Path, url: Option<&DatabaseUrl>) {
    let store = Store::open(data, url).await.expect("store");
    assert_eq!(
        store
            .latest(Language::En, 10, 0)
            .await
            .expect("latest")
            .total,
        1
    );
    let PathLookup::Article(article) = store.lookup_path(SEED_PATH).await.expect("lookup") else {
        panic!("the seed is published at its path");
    };
    assert_eq!(
        article.headline,
        "U.S. Suspends Negotiations with Russia over Syria Ceasefire"
    );
    assert_eq!(article.dateline_place.as_deref(), Some("Washington"));
    assert_eq!(article.dateline_agency.as_deref(), Some("RHC"));
    assert_eq!(
        article.dateline_date.map(|d| d.to_string()).as_deref(),
        Some("2016-10-04")
    );
    assert_eq!(
        article.body_html.matches("<p>").count(),
        9,
        "{}",
        article.body_html
    );
    assert!(!article.body_html.contains("More Views"));
    store.close().await;
}

#[test]
fn a_bad_file_is_reported_and_the_rest_of_the_batch_imports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).expect("write");
        p
    };
    let empty = write("empty.txt", b"");
    let binary = write("binary.txt", b"\x00\x01\x02PNG\x00\x00\x1a");
    let latin1 = write("latin1.txt", b"Headline: Caf\xe9\n\nBody.\n");
    let no_body = write("nobody.txt", b"Headline: Only a headline\nLanguage: en\n\n");
    let no_dateline = write(
        "nodateline.txt",
        b"A headline\n\nThe talks went on for hours.\n",
    );
    let missing = dir.path().join("missing.txt");

    let (code, out, err) = run(dateline()
        .args(["import", "wire", "--year", "2016", "--data-dir"])
        .arg(&data)
        .args([
            &empty,
            &binary,
            &latin1,
            &no_body,
            &no_dateline,
            &missing,
            &seed(),
        ]));
    assert_eq!(code, 2, "a batch with failures exits 2\n{out}\n{err}");
    assert!(out.contains("1 created, 0 updated, 6 failed"), "{out}");
    for (file, what) in [
        ("empty.txt:1:", "empty"),
        ("binary.txt:1:", "binary"),
        ("latin1.txt:1:", "UTF-8"),
        ("nobody.txt:", "no body"),
        ("nodateline.txt:", "dateline"),
        ("missing.txt:1:", "cannot read"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("{file} is reported:\n{err}"));
        assert!(line.contains(what), "{line}");
    }
}

#[test]
fn migrate_on_an_empty_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("fresh");
    let url = fresh_database();
    let (code, out, err) = run(dateline()
        .arg("migrate")
        .args(store_args(&data, url.as_deref())));
    assert_eq!(code, 0, "{err}");
    // Every migration the store carries (one file a migration per engine).
    let carried = std::fs::read_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../dateline-store/migrations/sqlite"
    ))
    .expect("the migrations folder")
    .filter(|e| {
        e.as_ref()
            .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "sql"))
    })
    .count();
    assert!(
        out.starts_with(&format!("{carried} migration(s) applied")),
        "{out}"
    );
    if url.is_none() {
        assert!(data.join("dateline.db").exists());
    } else {
        assert!(
            !data.join("dateline.db").exists(),
            "a PostgreSQL run writes no SQLite file"
        );
    }
    let (code, out, _) = run(dateline()
        .arg("migrate")
        .args(store_args(&data, url.as_deref())));
    assert_eq!(code, 0);
    assert!(out.starts_with("0 migration(s) applied"), "{out}");
}

#[test]
fn help_shows_every_setting_and_its_variable() {
    let (code, out, _) = run(dateline().args(["serve", "--help"]));
    assert_eq!(code, 0);
    for needle in [
        "--listen",
        "DATELINE_LISTEN",
        "--data-dir",
        "DATELINE_DATA_DIR",
        "--no-demo",
        "DATELINE_BASE_URL",
        "--config",
        "DATELINE_CONFIG",
    ] {
        assert!(
            out.contains(needle),
            "{needle} missing from serve --help:\n{out}"
        );
    }
    let (code, out, _) = run(dateline().args(["import", "wire", "--help"]));
    assert_eq!(code, 0);
    assert!(
        out.contains("--year") && out.contains("--data-dir"),
        "{out}"
    );
}

fn title_of(url: &str) -> String {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("rt");
    rt.block_on(async {
        let body = crate::support::get_once(format!("{url}/en/"))
            .await
            .expect("get")
            .text()
            .await
            .expect("text");
        let html = scraper::Html::parse_document(&body);
        let sel = scraper::Selector::parse(".site-name").expect("selector");
        html.select(&sel)
            .next()
            .map(|e| e.text().collect::<String>())
            .unwrap_or_default()
    })
}

#[test]
fn flags_beat_environment_beats_file_and_sigterm_stops_cleanly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("dateline.toml");
    std::fs::write(
        &config,
        "site_name = \"File Radio\"\nlisten = \"127.0.0.1:0\"\n",
    )
    .expect("config");
    let data = dir.path().join("data");

    let base = || {
        let mut c = dateline();
        c.args(["serve", "--config"])
            .arg(&config)
            .arg("--data-dir")
            .arg(&data);
        c
    };
    for (extra_env, extra_args, expected) in [
        (None, vec![], "File Radio"),
        (Some("Env Radio"), vec![], "Env Radio"),
        (
            Some("Env Radio"),
            vec!["--site-name", "Flag Radio"],
            "Flag Radio",
        ),
    ] {
        let mut cmd = base();
        if let Some(v) = extra_env {
            cmd.env("DATELINE_SITE_NAME", v);
        }
        cmd.args(extra_args);
        let (mut child, url) = support::spawn_serve(&mut cmd);
        assert_eq!(title_of(&url), expected);
        let pid = child.id().to_string();
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill");
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "serve did not stop on SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(status.success(), "clean exit on SIGTERM: {status}");
    }
}

#[test]
fn a_named_config_file_must_exist() {
    let (code, _, err) = run(dateline().args(["serve", "--config", "/nonexistent/dateline.toml"]));
    assert_ne!(code, 0);
    assert!(err.contains("/nonexistent/dateline.toml"), "{err}");
}

/// Moderation from the command line: the same data the site shows.
#[test]
fn comments_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let url = fresh_database();
    let args = store_args(&data, url.as_deref());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("rt");
    // A site with the seed and three comments waiting.
    let (code, _, err) = run(dateline()
        .args(["import", "wire", "--section", "world", "--year", "2016"])
        .args(&args)
        .arg(seed()));
    assert_eq!(code, 0, "{err}");
    rt.block_on(async {
        let store = Store::open(&data, url.as_deref()).await.expect("store");
        let PathLookup::Article(article) = store.lookup_path(SEED_PATH).await.expect("lookup")
        else {
            panic!("the seed is there");
        };
        for (name, email) in [
            ("Ana", "ana@example.org"),
            ("Bo", "bo@example.org"),
            ("Cy", "cy@example.org"),
        ] {
            let valid = dateline_core::comment::CommentForm {
                name: name.into(),
                email: email.into(),
                body: format!("{name} writes."),
                parent_id: None,
            }
            .validate()
            .expect("valid");
            let key = dateline_core::comment::duplicate_key(article.id, &valid);
            store
                .post_comment(
                    article.id,
                    &valid,
                    dateline_core::comment::CommentStatus::Pending,
                    None,
                    "h",
                    &key,
                    time::OffsetDateTime::now_utc(),
                )
                .await
                .expect("post");
        }
        store.close().await;
    });
    let comments = |extra: &[&str]| run(dateline().arg("comments").args(&args).args(extra));

    let (code, out, _) = comments(&["list", "--status", "pending"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("3 comment(s)")
            && out.contains("<ana@example.org>")
            && out.contains("Ana writes."),
        "{out}"
    );
    let ids: Vec<String> = out
        .lines()
        .filter_map(|l| l.strip_prefix('#'))
        .map(|l| l.split_whitespace().next().unwrap_or_default().to_string())
        .collect();
    assert_eq!(ids.len(), 3);

    // Newest first: Cy, Bo, Ana. Bulk: two approved at once, one to spam.
    let (code, out, _) = comments(&["approve", &ids[0], &ids[1]]);
    assert_eq!(code, 0);
    assert!(out.contains("2 comment(s) now approved"), "{out}");
    let (_, out, _) = comments(&["spam", &ids[2]]);
    assert!(out.contains("1 comment(s) now spam"), "{out}");
    let (_, out, _) = comments(&["list", "--status", "pending"]);
    assert!(out.contains("0 comment(s)"), "{out}");
    let (_, out, _) = comments(&["list", "--status", "approved", "--json"]);
    assert_eq!(out.lines().count(), 2);
    // Each commenter's history counts their other comments, not this one.
    assert!(out.contains("\"history\":{\"approved\":0"), "{out}");
    assert!(!out.contains("\"history\":{\"approved\":1"), "{out}");

    // A reader's data: exported, then erased.
    let (code, out, _) = comments(&["export", "--email", "bo@example.org"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Bo writes.") && out.contains(SEED_PATH),
        "{out}"
    );
    let (_, out, _) = comments(&["erase", "--email", "bo@example.org"]);
    assert!(
        out.contains("1 comment(s) by bo@example.org erased"),
        "{out}"
    );
    let (_, out, _) = comments(&["export", "--email", "bo@example.org"]);
    assert!(out.is_empty(), "{out}");

    // Block and unblock; a missing id is an error, not a silent success.
    let (code, out, _) = comments(&["block", "--comment", &ids[2]]);
    assert_eq!(code, 0);
    assert!(out.contains("blocked ana@example.org"), "{out}");
    let (_, out, _) = comments(&["unblock", "--email", "ana@example.org"]);
    assert!(out.contains("1 block(s) lifted"), "{out}");
    let (code, _, err) = comments(&["approve", "999999"]);
    assert_ne!(code, 0);
    assert!(err.contains("do not exist"), "{err}");

    // Settings: known keys with checked values only.
    let settings = |extra: &[&str]| run(dateline().arg("settings").args(&args).args(extra));
    let (code, _, _) = settings(&["set", "comments.policy", "hold-first-time"]);
    assert_eq!(code, 0);
    assert_eq!(
        settings(&["get", "comments.policy"]).1.trim(),
        "hold-first-time"
    );
    assert_ne!(settings(&["set", "comments.policy", "anything-goes"]).0, 0);
    assert_ne!(settings(&["set", "comments.max_links", "-1"]).0, 0);
    assert_ne!(settings(&["set", "no.such.key", "1"]).0, 0);
    assert!(settings(&["list"]).1.contains("comments.close_after_days"));
}

#[test]
fn reindex_rebuilds_the_search_index_from_the_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let url = fresh_database();
    let store_args = store_args(&data, url.as_deref());
    let (code, out, err) = run(dateline()
        .args(["import", "wire", "--section", "world"])
        .args(&store_args)
        .arg("--year=2016")
        .arg(seed()));
    assert_eq!(code, 0, "{out}\n{err}");
    let (code, out, err) = run(dateline().arg("reindex").args(&store_args));
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("indexed 1 published article(s)"), "{out}");
    // The index it wrote is whole: opening it needs no rebuild, and the
    // seed story is in it.
    let (index, opened) =
        dateline_search::SearchIndex::open(&data.join("index")).expect("the index opens");
    assert!(
        matches!(opened, dateline_search::Opened::Current { .. }),
        "{opened:?}"
    );
    let found = index
        .search(&dateline_search::SearchQuery {
            language: Some(dateline_core::Language::En),
            text: "ceasefire",
            limit: 10,
            ..Default::default()
        })
        .expect("search");
    assert_eq!(found.total, 1);
}

#[test]
fn migrate_check_says_what_would_change_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let db = fresh_database();
    let url = db.as_ref().map(|d| d.url().clone());
    let args = store_args(&data, url.as_ref());
    let check = |args: &[String]| run(dateline().args(["migrate", "--check"]).args(args));

    // Nothing yet: every migration would be applied, and none is.
    let (code, out, err) = check(&args);
    assert_eq!(code, 2, "{out}{err}");
    if url.is_some() {
        assert!(out.contains("would apply 0001"), "{out}");
    } else {
        assert!(out.contains("no database"), "{out}");
        assert!(
            !data.join("dateline.db").exists(),
            "--check made a database"
        );
    }
    let (code, out, err) = check(&args);
    assert_eq!(
        code, 2,
        "a second check still finds them pending: {out}{err}"
    );

    // Migrated: nothing would change.
    let (code, out, err) = run(dateline().arg("migrate").args(&args));
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = check(&args);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("nothing would change"), "{out}");

    // Migrated further by a newer release: this one must not run on it.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("rt");
    rt.block_on(async {
        let store = Store::open_unmigrated(&data, url.as_ref())
            .await
            .expect("open");
        testing::record_newer_migration(&store, 9_999)
            .await
            .expect("record");
        store.close().await;
    });
    let (code, out, err) = check(&args);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("9999") && out.contains("must not"), "{out}");
}
