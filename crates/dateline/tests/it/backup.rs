//! `dateline backup` while readers post comments, and `dateline restore`:
//! the restored site holds every comment acknowledged before the backup
//! began, serves, and finds its articles in a rebuilt search index. On
//! SQLite, or on PostgreSQL when `DATELINE_TEST_DATABASE_URL` is set.

use crate::support::{self, dateline};

use dateline_store::{testing, Store};
use std::collections::HashSet;
use std::path::Path;
use std::process::{Child, Output};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::support::comment_load::{self, ARTICLE};

fn run(args: &[String]) -> Output {
    dateline().args(args).output().expect("dateline runs")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn serve(store_args: &[String]) -> (Child, String) {
    let mut cmd = dateline();
    cmd.args(["serve", "--no-demo", "--listen", "127.0.0.1:0"])
        .args(store_args);
    support::spawn_serve(&mut cmd)
}

fn store_args(data: &Path, url: Option<&testing::TestDatabase>) -> Vec<String> {
    let mut args = vec!["--data-dir".to_string(), data.display().to_string()];
    if let Some(u) = url {
        args.extend(["--database-url".into(), u.expose().into()]);
    }
    args
}

async fn fresh_url() -> Option<testing::TestDatabase> {
    match testing::postgres_server() {
        Some(server) => Some(
            testing::fresh_database(&server)
                .await
                .expect("fresh database"),
        ),
        None => None,
    }
}

async fn comment_bodies(data: &Path, url: Option<&testing::TestDatabase>) -> Vec<String> {
    let store = Store::open(data, url.map(|u| u.url()))
        .await
        .expect("store");
    let stored = store
        .moderation_queue(None, None, i64::MAX)
        .await
        .expect("queue");
    store.close().await;
    stored.into_iter().map(|c| c.body).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_under_a_comment_load_restores_every_acknowledged_comment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let url = fresh_url().await;
    let args = store_args(&data, url.as_ref());
    comment_load::open_to_a_load(&args);

    let (mut server, base) = serve(&args);
    let client = crate::support::client_builder()
        .pool_idle_timeout(Duration::from_secs(5))
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client");
    let token = comment_load::form_token(&client, &base).await;

    // Four readers post until told to stop.
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut writers = Vec::new();
    for w in 0..4 {
        let (client, base, token, acknowledged, stop) = (
            client.clone(),
            base.clone(),
            token.clone(),
            acknowledged.clone(),
            stop.clone(),
        );
        writers.push(tokio::spawn(async move {
            let mut i = 0;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                let (body, sent) = comment_load::post(&client, &base, &token, w, i).await;
                let res = sent.expect("the server answers");
                assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER, "{body}");
                acknowledged.lock().expect("lock").push(body);
                i += 1;
            }
        }));
    }
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while acknowledged.lock().expect("lock").len() < 100 && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // What was acknowledged before the backup began must be in it.
    let before: Vec<String> = acknowledged.lock().expect("lock").clone();
    assert!(before.len() >= 100, "only {} comments landed", before.len());
    let backup = dir.path().join("site.backup");
    let mut backup_args = vec!["backup".to_string()];
    backup_args.extend(args.iter().cloned());
    backup_args.extend(["--output".into(), backup.display().to_string()]);
    let taken = tokio::task::spawn_blocking(move || run(&backup_args))
        .await
        .expect("backup");
    let during = acknowledged.lock().expect("lock").len() - before.len();
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    for w in writers {
        w.await.expect("writer");
    }
    assert!(taken.status.success(), "{}", text(&taken));
    assert!(
        during > 0,
        "no comment was posted while the backup was taken"
    );
    server.kill().expect("stop");
    let _ = server.wait();

    // Restored into an empty site of the same engine.
    let restored = dir.path().join("restored");
    let target = fresh_url().await;
    let target_args = store_args(&restored, target.as_ref());
    let mut restore = vec!["restore".to_string()];
    restore.extend(target_args.iter().cloned());
    restore.push(backup.display().to_string());
    let out = run(&restore);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("1 articles indexed"), "{}", text(&out));

    let bodies = comment_bodies(&restored, target.as_ref()).await;
    let unique: HashSet<&str> = bodies.iter().map(String::as_str).collect();
    assert_eq!(unique.len(), bodies.len(), "no comment is there twice");
    for body in &before {
        assert!(
            unique.contains(body.as_str()),
            "{body:?} was acknowledged before the backup and is not restored"
        );
    }

    // The restored site serves the article and finds it by search.
    let (mut server, base) = serve(&target_args);
    let res = client
        .get(format!("{base}{ARTICLE}"))
        .send()
        .await
        .expect("page");
    assert_eq!(res.status(), 200);
    let found = client
        .get(format!("{base}/en/search?q=ceasefire"))
        .send()
        .await
        .expect("search")
        .text()
        .await
        .expect("text");
    assert!(found.contains(ARTICLE), "the search finds the article");

    // A restore into a site that holds something is refused, and changes
    // nothing.
    server.kill().expect("stop");
    let _ = server.wait();
    let again = run(&restore);
    assert!(!again.status.success());
    assert!(text(&again).contains("already holds"), "{}", text(&again));
    assert_eq!(
        comment_bodies(&restored, target.as_ref()).await.len(),
        bodies.len()
    );
}

#[tokio::test]
async fn a_file_that_is_not_a_backup_is_refused_and_nothing_is_made() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    for (name, bytes) in [
        ("empty", Vec::new()),
        ("text", b"not a backup at all\n".to_vec()),
        ("archive", b"{\"format\":\"dateline-archive\"}\n".to_vec()),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).expect("write");
        let out = run(&[
            "restore".into(),
            "--data-dir".into(),
            data.display().to_string(),
            file.display().to_string(),
        ]);
        assert!(!out.status.success(), "{name}: {}", text(&out));
        assert!(
            text(&out).contains("is not a Dateline backup"),
            "{name}: {}",
            text(&out)
        );
        assert!(!text(&out).contains("panicked"), "{}", text(&out));
        assert!(
            !data.join("dateline.db").exists(),
            "{name}: a database was made"
        );
    }
}

#[tokio::test]
async fn a_backup_written_to_a_missing_folder_fails_and_leaves_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let out = run(&[
        "migrate".into(),
        "--data-dir".into(),
        data.display().to_string(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let target = dir.path().join("missing").join("site.backup");
    let out = run(&[
        "backup".into(),
        "--data-dir".into(),
        data.display().to_string(),
        "--output".into(),
        target.display().to_string(),
    ]);
    assert!(!out.status.success());
    assert!(text(&out).contains("cannot write in"), "{}", text(&out));
    assert!(!target.exists());
}

#[tokio::test]
async fn a_sqlite_backup_restores_into_postgresql() {
    let Some(server) = testing::require_postgres("a_sqlite_backup_restores_into_postgresql") else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let args = store_args(&dir.path().join("data"), None);
    comment_load::open_to_a_load(&args);
    let backup = dir.path().join("site.backup");
    let mut backup_args = vec!["backup".to_string()];
    backup_args.extend(args.iter().cloned());
    backup_args.extend(["--output".into(), backup.display().to_string()]);
    let out = run(&backup_args);
    assert!(out.status.success(), "{}", text(&out));

    let target = testing::fresh_database(&server).await.expect("database");
    let target_args = store_args(&dir.path().join("node"), Some(&target));
    let mut restore = vec!["restore".to_string()];
    restore.extend(target_args.iter().cloned());
    restore.push(backup.display().to_string());
    let out = run(&restore);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("0 failed"), "{}", text(&out));

    let (mut node, base) = serve(&target_args);
    let res = crate::support::get_once(format!("{base}{ARTICLE}"))
        .await
        .expect("page");
    assert_eq!(res.status(), 200);
    let page = res.text().await.expect("text");
    assert!(
        page.contains("Washington, October 4 (RHC)"),
        "the article's dateline"
    );
    node.kill().expect("stop");
    let _ = node.wait();
}
