//! Several `dateline serve` nodes on one PostgreSQL behave as one site.
//! Runs only with a PostgreSQL server (DATELINE_TEST_DATABASE_URL); says so
//! when it cannot, and fails in CI without one.

mod support;

use dateline_store::{testing, DatabaseUrl};
use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

struct Node {
    child: Child,
    url: String,
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_node(db: &DatabaseUrl, data: &Path) -> Node {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dateline"));
    cmd.args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(data)
        .args(["--database-url", db.expose()])
        .env_remove("DATELINE_CONFIG");
    let (child, url) = support::spawn_serve(&mut cmd);
    Node { child, url }
}

async fn get(client: &reqwest::Client, url: &str) -> (u16, String) {
    match client.get(url).send().await {
        Ok(res) => {
            let status = res.status().as_u16();
            (status, res.text().await.unwrap_or_default())
        }
        Err(_) => (0, String::new()),
    }
}

/// Polls until the page contains `needle`; returns how long it took.
async fn until_shown(client: &reqwest::Client, url: &str, needle: &str) -> Option<Duration> {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(5) {
        let (status, body) = get(client, url).await;
        if status == 200 && body.contains(needle) {
            return Some(start.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    None
}

#[tokio::test]
async fn two_nodes_on_one_postgres_are_one_site() {
    let Some(server) = testing::require_postgres("two_nodes_on_one_postgres_are_one_site") else {
        return;
    };
    let db = testing::fresh_database(&server)
        .await
        .expect("a fresh database");
    let dir = tempfile::tempdir().expect("tempdir");

    // Started together on an empty database: the demo edition loads once.
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| start_node(&db, &dir.path().join("a")));
        let b = s.spawn(|| start_node(&db, &dir.path().join("b")));
        (a.join().expect("node a"), b.join().expect("node b"))
    });
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client");
    for node in [&a, &b] {
        assert_eq!(get(&client, &format!("{}/readyz", node.url)).await.0, 200);
    }
    let store = dateline_store::Store::open(dir.path(), Some(&db))
        .await
        .expect("store");
    assert_eq!(
        store
            .latest(dateline_core::Language::En, 1, 0)
            .await
            .expect("latest")
            .total,
        21,
        "the demo loaded once"
    );

    // Both nodes have cached their front page; a story filed now must reach both.
    for node in [&a, &b] {
        let (status, body) = get(&client, &format!("{}/en/", node.url)).await;
        assert_eq!(status, 200);
        assert!(!body.contains("Night Ferry Service Resumes"));
    }
    let wire = dir.path().join("ferry.txt");
    std::fs::write(
        &wire,
        "Headline: Night Ferry Service Resumes Between Havana and Nueva Gerona\nSection: cuba\nLanguage: en\nDateline: Havana, November 24 (RHC)\nPublished: 2026-11-24T21:00:00Z\n\nThe night ferry to the Isle of Youth sailed again on Tuesday.\n",
    )
    .expect("wire file");
    let output = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["import", "wire", "--data-dir"])
        .arg(dir.path())
        .args(["--database-url", db.expose()])
        .arg(&wire)
        .output()
        .expect("import runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for node in [&a, &b] {
        let took = until_shown(
            &client,
            &format!("{}/en/", node.url),
            "Night Ferry Service Resumes",
        )
        .await;
        let took = took.unwrap_or_else(|| panic!("{} never showed the new story", node.url));
        assert!(took < Duration::from_secs(2), "{} took {took:?}", node.url);
    }

    // A comment posted through node A's form shows on node B.
    for (k, v) in [
        ("comments.min_seconds", "0"),
        ("comments.policy", "publish-all"),
    ] {
        store
            .set_setting(k, v, time::OffsetDateTime::now_utc())
            .await
            .expect("setting");
    }
    let seed = "/en/world/2016/10/04/u-s-suspends-negotiations-with-russia-over-syria-ceasefire";
    let page = get(&client, &format!("{}{seed}", a.url)).await.1;
    let token = page
        .split("name=\"token\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a form token")
        .to_string();
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let form = [
        ("name", "Node A reader"),
        ("email", "a@example.org"),
        ("body", "Posted through node A."),
        ("token", token.as_str()),
    ];
    let res = no_redirects
        .post(format!("{}{seed}/comments", a.url))
        .form(&form)
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER);
    let took = until_shown(
        &client,
        &format!("{}{seed}", b.url),
        "Posted through node A.",
    )
    .await;
    let took = took.expect("node B shows the comment");
    assert!(took < Duration::from_secs(2), "node B took {took:?}");

    // Node A dies hard; B serves on with nothing lost.
    let mut a = a;
    a.child.kill().expect("SIGKILL");
    a.child.wait().expect("reaped");
    let (status, body) = get(&client, &format!("{}/en/cuba/", b.url)).await;
    assert_eq!(status, 200);
    assert!(body.contains("Night Ferry Service Resumes"));
    assert!(get(&client, &format!("{}{seed}", b.url))
        .await
        .1
        .contains("Posted through node A."));
    assert_eq!(get(&client, &format!("{}/readyz", b.url)).await.0, 200);
    store.close().await;
}
