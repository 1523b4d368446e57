//! Several `dateline serve` nodes on one PostgreSQL behave as one site.
//! Runs only with a PostgreSQL server (DATELINE_TEST_DATABASE_URL); says so
//! when it cannot, and fails in CI without one.

use crate::support;

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

/// A connection error is status 0, with the error as the body. Like a
/// browser, a GET that fails on a kept-alive connection the server has just
/// closed (its idle timeout) is sent once more on a new one.
async fn get(client: &reqwest::Client, url: &str) -> (u16, String) {
    let mut tries = 0;
    loop {
        tries += 1;
        match client.get(url).send().await {
            Ok(res) => {
                let status = res.status().as_u16();
                return (status, res.text().await.unwrap_or_default());
            }
            Err(e) if tries < 2 && !e.is_timeout() => continue,
            Err(e) => return (0, format!("{url}: {e:?}")),
        }
    }
}

/// Polls until the address answers `status`; returns how long it took.
async fn until_status(client: &reqwest::Client, url: &str, status: u16) -> Option<Duration> {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(5) {
        if get(client, url).await.0 == status {
            return Some(start.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    None
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
    let client = crate::support::client_builder()
        // Below the server's 10 s idle limit, so no request meets a closed connection.
        .pool_idle_timeout(std::time::Duration::from_secs(5))
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client");
    // Ready once each node's own search index is built (it starts empty).
    for node in [&a, &b] {
        let ready = until_status(&client, &format!("{}/readyz", node.url), 200).await;
        assert!(ready.is_some(), "{} became ready", node.url);
    }
    let store = dateline_store::Store::open(dir.path(), Some(db.url()))
        .await
        .expect("store");
    assert_eq!(
        store
            .latest(dateline_core::Language::En, 1, 0)
            .await
            .expect("latest")
            .total,
        25,
        "the demo loaded once"
    );

    // Both nodes have cached their front page; a story filed now must reach both.
    for node in [&a, &b] {
        let (status, body) = get(&client, &format!("{}/en/", node.url)).await;
        assert_eq!(status, 200);
        assert!(!body.contains("Night Ferry Service Resumes"));
    }
    let wire = dir.path().join("ferry.txt");
    // Filed now, so that it leads the front page whatever the date.
    let filed = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .expect("a time");
    std::fs::write(
        &wire,
        format!("Headline: Night Ferry Service Resumes Between Havana and Nueva Gerona\nSection: cuba\nLanguage: en\nDateline: Havana (RHC)\nPublished: {filed}\n\nThe night ferry to the Isle of Youth sailed again on Tuesday.\n"),
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
    let no_redirects = crate::support::client_builder()
        // Below the server's 10 s idle limit, so no request meets a closed connection.
        .pool_idle_timeout(std::time::Duration::from_secs(5))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let form = [
        ("name", "Node A reader"),
        ("email", "a@example.org"),
        ("body", "Posted through node A."),
        ("token", token.as_str()),
    ];
    // The settings reach each node through the change feed, within a
    // poll: until then node A still asks for the shipped 3 seconds.
    let posted_by = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let res = loop {
        let res = no_redirects
            .post(format!("{}{seed}/comments", a.url))
            .form(&form)
            .send()
            .await
            .expect("post");
        if res.status() != reqwest::StatusCode::UNPROCESSABLE_ENTITY
            || std::time::Instant::now() > posted_by
        {
            break res;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    };
    assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER);
    let took = until_shown(
        &client,
        &format!("{}{seed}", b.url),
        "Posted through node A.",
    )
    .await;
    let took = took.expect("node B shows the comment");
    assert!(took < Duration::from_secs(2), "node B took {took:?}");

    // The newsroom: an editor logs in on node A and publishes there; the
    // story shows on node B, and the session (and its CSRF token) is
    // valid on node B too.
    let hash = dateline_auth::password::hash("a long node password").expect("hash");
    store
        .create_user(
            "desk@example.org",
            "Desk",
            dateline_core::newsroom::Role::Editor,
            Some(&hash),
            time::OffsetDateTime::now_utc(),
        )
        .await
        .expect("an editor");
    let member = crate::support::client_builder()
        // Below the server's 10 s idle limit, so no request meets a closed connection.
        .pool_idle_timeout(std::time::Duration::from_secs(5))
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let field = |page: &str, name: &str| {
        page.split(&format!("name=\"{name}\" value=\""))
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap_or_default()
            .to_string()
    };
    let login = member
        .get(format!("{}/newsroom/login", a.url))
        .send()
        .await
        .expect("login page")
        .text()
        .await
        .expect("text");
    let res = member
        .post(format!("{}/newsroom/login", a.url))
        .form(&[
            ("email", "desk@example.org"),
            ("password", "a long node password"),
            ("csrf", field(&login, "csrf").as_str()),
            ("next", "/newsroom/"),
        ])
        .send()
        .await
        .expect("login");
    assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER);
    let desk = member
        .get(format!("{}/newsroom/articles/new", a.url))
        .send()
        .await
        .expect("editor")
        .text()
        .await
        .expect("text");
    let csrf = field(&desk, "csrf");
    let res = member
        .post(format!("{}/newsroom/articles", a.url))
        .form(&[
            ("csrf", csrf.as_str()),
            ("headline", "Published Through The Newsroom Of Node A"),
            ("language", "en"),
            ("section", "cuba"),
            ("body", "Filed and published on node A."),
            ("intent", "publish"),
        ])
        .send()
        .await
        .expect("publish");
    assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER);
    let took = until_shown(
        &client,
        &format!("{}/en/cuba/", b.url),
        "Published Through The Newsroom Of Node A",
    )
    .await
    .expect("node B shows the article published on node A");
    assert!(took < Duration::from_secs(2), "node B took {took:?}");
    // Node B's own search index follows the same feed.
    let took = until_shown(
        &client,
        &format!("{}/en/search?q=newsroom+node", b.url),
        "Published Through The Newsroom Of Node A",
    )
    .await
    .expect("node B's search finds the article published on node A");
    assert!(
        took < Duration::from_secs(2),
        "node B's search took {took:?}"
    );
    // A reader counted on node A is the same reader on node B: one view.
    let article_path = {
        let (_, body) = get(&client, &format!("{}/en/cuba/", b.url)).await;
        let at = body
            .find("Published Through The Newsroom Of Node A")
            .expect("listed");
        let href = body[..at].rfind("href=\"").expect("a link") + 6;
        body[href..href + body[href..].find('"').expect("end")].to_string()
    };
    for node in [&a, &b, &a] {
        let res = client
            .get(format!("{}{article_path}", node.url))
            .header(
                "user-agent",
                "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
            )
            .send()
            .await
            .expect("read");
        assert_eq!(res.status(), 200);
    }
    let id = store
        .lookup_path(&article_path)
        .await
        .ok()
        .and_then(|l| match l {
            dateline_store::PathLookup::Article(a) => Some(a.id),
            _ => None,
        })
        .expect("the article");
    let since = time::OffsetDateTime::now_utc().unix_timestamp() - 86_400;
    let deadline = Instant::now() + Duration::from_secs(6);
    while store.article_views(id, since).await.expect("views") < 1 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(
        store.article_views(id, since).await.expect("views"),
        1,
        "one reader on two nodes is one view"
    );
    let on_b = member
        .get(format!("{}/newsroom/articles", b.url))
        .send()
        .await
        .expect("list on B");
    assert_eq!(
        on_b.status(),
        reqwest::StatusCode::OK,
        "the session is valid on node B"
    );
    let res = member
        .post(format!("{}/newsroom/articles", b.url))
        .form(&[
            ("csrf", csrf.as_str()),
            ("headline", "Scheduled On Node B"),
            ("language", "en"),
            ("section", "cuba"),
            ("body", "An embargoed story."),
            ("published_at", "2099-01-01T00:00"),
            ("intent", "schedule"),
        ])
        .send()
        .await
        .expect("schedule on B with A's token");
    assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER);
    let scheduled: i64 = res
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .and_then(|l| {
            l.trim_start_matches("/newsroom/articles/")
                .split('?')
                .next()?
                .parse()
                .ok()
        })
        .expect("the new article's id");
    // Its embargo passes; both nodes run the scheduler; it goes out once.
    testing::make_due(&store, scheduled).await.expect("due");
    let start = Instant::now();
    while store.newsroom_article(scheduled).await.expect("a").status
        != dateline_core::Status::Published
    {
        assert!(
            start.elapsed() < Duration::from_secs(12),
            "no node published it"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_secs(6)).await; // another tick on each node
    let (entries, _) = store
        .audit_log(
            &dateline_store::AuditFilter {
                entity: Some("article".into()),
                entity_id: Some(scheduled),
                user_email: None,
            },
            20,
            0,
        )
        .await
        .expect("audit");
    assert_eq!(
        entries
            .iter()
            .filter(|e| e.action == "publish-scheduled")
            .count(),
        1,
        "published exactly once across the nodes"
    );

    // Node A dies hard; B serves on with nothing lost.
    let mut a = a;
    a.child.kill().expect("SIGKILL");
    a.child.wait().expect("reaped");
    let (status, body) = get(&client, &format!("{}/en/cuba/", b.url)).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Night Ferry Service Resumes"));
    assert!(get(&client, &format!("{}{seed}", b.url))
        .await
        .1
        .contains("Posted through node A."));
    assert_eq!(get(&client, &format!("{}/readyz", b.url)).await.0, 200);
    store.close().await;
}
