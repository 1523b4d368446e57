//! Hostile content (issue 14): wire copy filed by contributors, Markdown
//! built to be slow, settings out of range, replayed and disguised
//! comments, reader cookies over HTTPS, and a WebSub hub on a private
//! address. Each test runs the real server.

use crate::support;

use dateline::ingest::{ingest, IngestOptions, Report};
use dateline_core::newsroom::Role;
use dateline_core::{Language, Status};
use dateline_import::WireOptions;
use dateline_store::NewsroomFilter;
use std::time::{Duration, Instant};
use support::newsroom::{fields_with, make_user, post_article, Desk};
use support::{attr, Reply, TestApp};
use time::OffsetDateTime;

// ---------------------------------------------------------------------
// Finding 2: the wire desk obeys the member's rights.

/// Copy an agency sent, published by an operator before.
const LIVE: &str = "Headline: Harvest begins early\nSection: world\nLanguage: en\n\
Dateline: HAVANA, Nov 24 (Reuters)\nDate: 2016-11-24\nPublished: 2016-11-24T15:30:00Z\n\n\
The sugar harvest began on Thursday, a week early.\n";

/// The same copy (the same identity: language, agency, day, headline) with
/// another body.
fn copy_with_body(body: &str) -> String {
    let head = LIVE.split("\n\n").next().expect("headers");
    format!("{head}\n\n{body}\n")
}

async fn file_as_operator(app: &TestApp, bytes: &str) -> Report {
    let options = IngestOptions {
        wire: WireOptions {
            year: None,
            default_language: Language::En,
            default_section: None,
        },
        status: Status::Published,
        desk: false,
        by: None,
    };
    let mut report = Report::default();
    ingest(
        app.store(),
        "live.txt",
        bytes.as_bytes(),
        &options,
        OffsetDateTime::now_utc(),
        &mut report,
    )
    .await;
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    report
}

/// Files copy through the wire desk as a member does: uploads it to the
/// queue, then takes the item (the take's answer: 303 to the editor, or
/// the refusal); a refused upload is answered as it is.
async fn upload(app: &TestApp, desk: &Desk, name: &str, bytes: &str) -> Reply {
    let part = reqwest::multipart::Part::bytes(bytes.as_bytes().to_vec())
        .file_name(name.to_string())
        .mime_str("text/plain")
        .expect("mime");
    let form = reqwest::multipart::Form::new()
        .part("files", part)
        .text("language", "en");
    let arrived = desk.upload("/newsroom/wire", form).await;
    if arrived.status != 200 {
        return arrived;
    }
    let newest = app.store().wire_newest(1).await.expect("the queue");
    let item = newest.first().expect("an item in the queue");
    desk.post(&format!("/newsroom/wire/{}/take", item.id), &[])
        .await
}

#[tokio::test]
async fn a_contributors_copy_of_a_live_story_is_a_new_draft_and_creates_no_section() {
    let app = TestApp::with_demo().await;
    let store = app.store();
    let report = file_as_operator(&app, LIVE).await;
    let path = report.created[0].1.clone();
    assert!(path.starts_with("/en/world/2016/11/24/"), "{path}");
    let live_id = report.touched[0].id;
    let live_page = app.get(&path).await;
    assert_eq!(live_page.status, 200);
    assert!(live_page.text().contains("a week early"));

    let contributor = make_user(&app, "writer@example.org", Role::Contributor).await;
    let desk = Desk::login(&app, "writer@example.org").await;
    let reply = upload(
        &app,
        &desk,
        "copy.txt",
        &copy_with_body("The harvest was cancelled."),
    )
    .await;
    // Taken: the editor opens on a draft of the contributor's own.
    assert_eq!(reply.status, 303, "{}", reply.text());
    assert_ne!(Desk::article_id(&reply), live_id);

    // The live article is as it was, on the page and in the database.
    let live = store.article_input(live_id).await.expect("live");
    assert_eq!(live.status, Status::Published);
    assert!(live.body_markdown.contains("a week early"));
    tokio::time::sleep(Duration::from_millis(300)).await; // a change would have reached the cache
    let page = app.get(&path).await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("a week early"));
    assert!(!page.text().contains("cancelled"));
    for revision in store.revisions(live_id).await.expect("revisions") {
        assert_ne!(revision.user_id, Some(contributor));
    }

    // The copy is a draft of the contributor's own, named as theirs.
    let mine = store
        .newsroom_articles(
            &NewsroomFilter {
                created_by: Some(contributor),
                ..Default::default()
            },
            10,
            0,
        )
        .await
        .expect("list");
    assert_eq!(mine.total, 1);
    let draft = &mine.items[0];
    assert_eq!(draft.status, Status::Draft);
    assert_ne!(draft.id, live_id);
    let content = store.article_input(draft.id).await.expect("draft");
    assert!(content.body_markdown.contains("cancelled"));
    let key = content.source_key.expect("a key of its own");
    assert!(key.ends_with(&format!("#copy:{contributor}")), "{key}");
    let revisions = store.revisions(draft.id).await.expect("revisions");
    assert_eq!(revisions[0].user_id, Some(contributor));
    assert_eq!(
        revisions[0].user_name.as_deref(),
        Some("contributor writer@example.org")
    );
    let (audit, _) = store
        .audit_log(
            &dateline_store::AuditFilter {
                entity: Some("article".into()),
                entity_id: Some(draft.id),
                user_email: None,
            },
            10,
            0,
        )
        .await
        .expect("audit");
    assert_eq!(audit.len(), 1, "{audit:?}");
    assert_eq!(audit[0].user_email.as_deref(), Some("writer@example.org"));
    assert!(audit[0]
        .detail
        .as_deref()
        .is_some_and(|d| d.contains(&format!("a copy of #{live_id}"))));

    // Filing it again updates that draft; nothing else.
    let again = upload(
        &app,
        &desk,
        "copy.txt",
        &copy_with_body("Cancelled, again."),
    )
    .await;
    assert_eq!(again.status, 303, "{}", again.text());
    assert_eq!(Desk::article_id(&again), draft.id);
    let content = store.article_input(draft.id).await.expect("draft");
    assert!(content.body_markdown.contains("again"));
    let count = store
        .newsroom_articles(
            &NewsroomFilter {
                created_by: Some(contributor),
                ..Default::default()
            },
            10,
            0,
        )
        .await
        .expect("list")
        .total;
    assert_eq!(count, 1);

    // A section that does not exist is not created for a contributor.
    let elsewhere = LIVE.replace("Section: world", "Section: secret-desk");
    let reply = upload(&app, &desk, "new-section.txt", &elsewhere).await;
    assert_eq!(reply.status, 422, "{}", reply.text());
    assert!(
        reply.text().contains(
            "new-section.txt, line 2: There is no section “secret-desk”; ask an administrator"
        ),
        "{}",
        reply.text()
    );
    let sections = store.sections(Language::En).await.expect("sections");
    assert!(!sections.iter().any(|s| s.slug == "secret-desk"));

    // An editor's copy updates the live article, which stays published.
    make_user(&app, "editor@example.org", Role::Editor).await;
    let editor = Desk::login(&app, "editor@example.org").await;
    let reply = upload(
        &app,
        &editor,
        "update.txt",
        &copy_with_body("The harvest began early."),
    )
    .await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    assert_eq!(Desk::article_id(&reply), live_id);
    let live = store.article_input(live_id).await.expect("live");
    assert_eq!(live.status, Status::Published);
    assert!(live.body_markdown.contains("began early"));
}

// ---------------------------------------------------------------------
// Finding 7: Markdown built to be slow.

/// 64 KB of block quotes, each line one level deeper.
fn nested_quotes(bytes: usize) -> String {
    let mut s = String::new();
    let mut level = 1;
    while s.len() < bytes {
        s.push_str(&format!("{} deep\n", ">".repeat(level)));
        level += 1;
    }
    s
}

#[tokio::test]
async fn hostile_markdown_is_refused_at_once_and_never_locks_the_database() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    let desk = Desk::login(&app, "ed@example.org").await;
    let hostile = nested_quotes(64 * 1024);

    // The preview: a sentence, at once (it took 18 seconds).
    let started = Instant::now();
    let preview = desk
        .post_fetch("/newsroom/previews", &[("body", hostile.as_str())])
        .await;
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(preview.status, 422);
    assert!(preview
        .text()
        .contains("nests lists or quotes more than 32 levels deep"));

    // A save, while another member logs in and a reader reads: the save is
    // refused with the sentence beside the body; the others are served.
    make_user(&app, "other@example.org", Role::Contributor).await;
    let fields = fields_with("Deep", &hostile, &[]);
    let started = Instant::now();
    let (saved, other, page) = tokio::join!(
        desk.post("/newsroom/articles", &fields),
        async {
            let other = Desk::anonymous(&app);
            other
                .try_login("other@example.org", support::newsroom::PASSWORD)
                .await
        },
        app.get("/en/world/2016/10/04/u-s-suspends-negotiations-with-russia-over-syria-ceasefire"),
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(saved.status, 422);
    assert!(
        saved.text().contains("more than 32 levels deep"),
        "{}",
        saved.text()
    );
    assert_eq!(other.status, 303, "{}", other.text());
    assert_eq!(page.status, 200);

    // The autosave keeps nothing it could not render.
    let id = post_article(&desk, &fields_with("Fine", "Fine.", &[])).await;
    let autosave = desk
        .post(
            &format!("/newsroom/articles/{id}/autosave"),
            &fields_with("Fine", &hostile, &[]),
        )
        .await;
    assert_eq!(autosave.status, 422, "{}", autosave.text());

    // The wire desk reports the file and goes on.
    let copy = format!("Headline: Deep copy\nSection: world\nLanguage: en\n\n{hostile}");
    let reply = upload(&app, &desk, "deep.txt", &copy).await;
    assert_eq!(reply.status, 422);
    assert!(
        reply
            .text()
            .contains("deep.txt, line 1: The text nests lists or quotes"),
        "{}",
        reply.text()
    );

    // The deepest quotes allowed save, and quickly.
    let deepest = format!("{} the deepest\n", "> ".repeat(32)).repeat(2000);
    let started = Instant::now();
    let saved = desk
        .post("/newsroom/articles", &fields_with("Deepest", &deepest, &[]))
        .await;
    assert_eq!(saved.status, 303, "{}", saved.text());
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

// ---------------------------------------------------------------------
// Finding 3 (settings) and the WebSub hub (SSRF).

fn dateline_cli() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"));
    for (key, _) in std::env::vars() {
        if key.starts_with("DATELINE_") {
            cmd.env_remove(key);
        }
    }
    cmd
}

/// `dateline settings set KEY VALUE` on the test site's database.
fn cli_set(app: &TestApp, key: &str, value: &str) -> (bool, String) {
    let mut cmd = dateline_cli();
    cmd.args(["settings", "--data-dir"]).arg(app.data_dir());
    if let Some(url) = &app.config.database_url {
        cmd.args(["--database-url", url.expose()]);
    }
    let out = cmd.args(["set", key, value]).output().expect("runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

async fn admin_desk(app: &TestApp) -> Desk {
    make_user(app, "admin@example.org", Role::Admin).await;
    Desk::login(app, "admin@example.org").await
}

#[tokio::test]
async fn settings_out_of_range_are_refused_by_the_newsroom_the_cli_and_the_store() {
    let app = TestApp::with_demo().await;
    let admin = admin_desk(&app).await;
    let article = "/en/world/2016/10/04/u-s-suspends-negotiations-with-russia-over-syria-ceasefire";

    let reply = admin
        .post(
            "/newsroom/settings",
            &[("comments.max_hours", "99999999999")],
        )
        .await;
    assert_eq!(reply.status, 422);
    assert!(
        reply.text().contains("Give a whole number from 1 to 24."),
        "{}",
        reply.text()
    );
    let (ok, stderr) = cli_set(&app, "comments.max_hours", "99999999999");
    assert!(!ok);
    assert!(
        stderr.contains("comments.max_hours takes a whole number from 1 to 24"),
        "{stderr}"
    );
    let stored = app
        .store()
        .set_setting(
            "comments.max_hours",
            "99999999999",
            OffsetDateTime::now_utc(),
        )
        .await;
    assert!(stored.is_err());
    assert_eq!(
        app.store()
            .setting("comments.max_hours")
            .await
            .expect("read")
            .as_deref(),
        Some("4")
    );
    assert_eq!(app.get(article).await.status, 200);

    // In range, both ways.
    let reply = admin
        .post("/newsroom/settings", &[("comments.max_hours", "12")])
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert!(cli_set(&app, "comments.min_seconds", "5").0);
    let settings = app.store().site_settings().await.expect("settings");
    assert_eq!((settings.max_hours, settings.min_seconds), (12, 5));
    assert_eq!(app.get(article).await.status, 200);
}

#[tokio::test]
async fn a_websub_hub_on_a_private_address_is_refused() {
    let app = TestApp::with_demo().await;
    let admin = admin_desk(&app).await;
    for hub in [
        "http://127.0.0.1:9/",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/",
        "http://[::1]:9/",
        "http://localhost:9/",
    ] {
        let reply = admin
            .post("/newsroom/settings", &[("feeds.websub_hub", hub)])
            .await;
        assert_eq!(reply.status, 422, "{hub}");
        assert!(
            reply.text().contains("the hub must be public"),
            "{hub}: {}",
            reply.text()
        );
        let (ok, stderr) = cli_set(&app, "feeds.websub_hub", hub);
        assert!(!ok, "{hub}");
        assert!(stderr.contains("the hub must be public"), "{stderr}");
        assert!(app
            .store()
            .set_setting("feeds.websub_hub", hub, OffsetDateTime::now_utc())
            .await
            .is_err());
    }
    assert_eq!(
        app.store()
            .site_settings()
            .await
            .expect("settings")
            .websub_hub,
        None
    );
    // An operator may allow it, for tests.
    assert!(cli_set(&app, "feeds.websub_allow_private", "true").0);
    let reply = admin
        .post(
            "/newsroom/settings",
            &[("feeds.websub_hub", "http://127.0.0.1:9/")],
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
}

// ---------------------------------------------------------------------
// Comment rules: replayed forms, disguised blocklist entries, cookies.

const ARTICLE: &str =
    "/en/world/2016/10/04/u-s-suspends-negotiations-with-russia-over-syria-ceasefire";

async fn set(app: &TestApp, key: &str, value: &str) {
    app.set_setting(key, value).await;
}

async fn form_token(app: &TestApp) -> String {
    let page = app.get(ARTICLE).await;
    attr(&page.html(), "input[name=token]", "value").expect("a form token")
}

async fn comment(app: &TestApp, token: &str, email: &str, body: &str) -> Reply {
    comment_from(app, "127.0.0.1", token, email, body).await
}

/// A comment from a reader at `address` (the test site is behind a proxy
/// that names it in X-Forwarded-For).
async fn comment_from(app: &TestApp, address: &str, token: &str, email: &str, body: &str) -> Reply {
    let res = app
        .client
        .post(format!("{}{ARTICLE}/comments", app.base))
        .header("x-forwarded-for", address)
        .form(&[
            ("name", "Ana"),
            ("email", email),
            ("body", body),
            ("token", token),
        ])
        .send()
        .await
        .expect("answered");
    Reply {
        status: res.status(),
        headers: res.headers().clone(),
        body: res.bytes().await.expect("body").to_vec(),
    }
}

async fn open_comments(app: &TestApp) {
    set(app, "comments.min_seconds", "0").await;
    set(app, "comments.rate_per_address", "100").await;
    set(app, "comments.rate_per_email", "100").await;
}

#[tokio::test]
async fn a_comment_form_posts_at_most_three_comments_per_reader() {
    let app = TestApp::behind_proxy().await;
    open_comments(&app).await;
    let token = form_token(&app).await;
    let reader = "203.0.113.7";
    for n in 0..3 {
        let reply = comment_from(
            &app,
            reader,
            &token,
            "ana@example.org",
            &format!("Comment {n}."),
        )
        .await;
        assert_eq!(reply.status, 303, "{n}: {}", reply.text());
    }
    // The same comment again is the first one, and uses nothing.
    let double = comment_from(&app, reader, &token, "ana@example.org", "Comment 2.").await;
    assert_eq!(double.status, 303);
    // A fourth comment with that form is refused, with a form to send again.
    let replayed = comment_from(&app, reader, &token, "ana@example.org", "Comment 3.").await;
    assert_eq!(replayed.status, 422);
    assert!(replayed.text().contains("This form has expired"));
    assert!(attr(&replayed.html(), "input[name=token]", "value").is_some());
    // The cached page served the same form to everyone: another reader's
    // uses are their own.
    let other = comment_from(&app, "198.51.100.9", &token, "bo@example.org", "Mine.").await;
    assert_eq!(other.status, 303, "{}", other.text());
    let queue = app
        .store()
        .moderation_queue(None, None, 100)
        .await
        .expect("queue");
    assert_eq!(queue.len(), 4);
}

#[tokio::test]
async fn disguised_blocked_words_and_domains_are_caught() {
    let app = TestApp::behind_proxy().await;
    open_comments(&app).await;
    set(&app, "comments.blocked_words", "casino").await;
    set(&app, "comments.blocked_domains", "spam.example").await;
    for (n, body) in [
        "Visit https://sp%61m.example/offer",
        "Visit https://%73pam.example",
        "Best cas\u{200B}ino in town",
        "Best ｃａｓｉｎｏ in town",
        "Visit https://ｓｐａｍ.example/",
        "Visit https://spa\u{200D}m.example/",
    ]
    .iter()
    .enumerate()
    {
        let token = form_token(&app).await;
        let email = format!("r{n}@example.org");
        // A reader each (one page's form serves three comments a reader).
        let reader = format!("203.0.113.{n}");
        let reply = comment_from(&app, &reader, &token, &email, body).await;
        assert_eq!(reply.status, 303, "{body}: {}", reply.text());
        let history = app.store().history(&email).await.expect("history");
        assert_eq!(history.spam, 1, "{body} was not caught: {history:?}");
    }
}

#[tokio::test]
async fn reader_cookies_are_secure_over_https_and_pending_cookies_are_checked() {
    // Over plain HTTP (the test site), no Secure attribute.
    let app = TestApp::with_demo().await;
    open_comments(&app).await;
    let cookie = app.get("/language/es?to=/es/").await;
    let set_cookie = cookie.header("set-cookie").expect("a cookie");
    assert!(!set_cookie.contains("Secure"), "{set_cookie}");
    let token = form_token(&app).await;
    let posted = comment(&app, &token, "ana@example.org", "Pending here.").await;
    assert_eq!(posted.status, 303);
    let pending = posted.header("set-cookie").expect("a cookie").to_string();
    assert!(!pending.contains("Secure"), "{pending}");
    // The cookie shows the reader their pending comment; a forged one not.
    let value = pending.split(';').next().expect("name=value").to_string();
    let page = app.get_with(ARTICLE, &[("cookie", &value)]).await;
    assert!(page.text().contains("Pending here."));
    let (head, signature) = value.rsplit_once('.').expect("signed");
    let flipped = format!(
        "{head}.{}{}",
        if signature.starts_with('0') { '1' } else { '0' },
        &signature[1..]
    );
    let page = app.get_with(ARTICLE, &[("cookie", &flipped)]).await;
    assert!(!page.text().contains("Pending here."));
    app.stop().await;

    // A site served over HTTPS (its public URL says so): Secure.
    let app = https_app().await;
    open_comments(&app).await;
    let cookie = app.get("/language/es?to=/es/").await;
    let set_cookie = cookie.header("set-cookie").expect("a cookie");
    assert!(set_cookie.contains("; Secure"), "{set_cookie}");
    let token = form_token(&app).await;
    let posted = comment(&app, &token, "ana@example.org", "Pending here.").await;
    assert_eq!(posted.status, 303, "{}", posted.text());
    let pending = posted.header("set-cookie").expect("a cookie");
    assert!(pending.contains("; Secure"), "{pending}");
}

/// A demo site whose public URL is https (behind a TLS terminator).
async fn https_app() -> TestApp {
    let share = support::alone::share();
    let dir = tempfile::tempdir().expect("tempdir");
    let database = match dateline_store::testing::postgres_server() {
        Some(server) => Some(
            dateline_store::testing::fresh_database(&server)
                .await
                .expect("a fresh database"),
        ),
        None => None,
    };
    let config = dateline::config::Config {
        data_dir: dir.path().join("data"),
        database_url: database.as_deref().cloned(),
        listen: "127.0.0.1:0".parse().expect("addr"),
        base_url: Some("https://news.example".into()),
        demo: true,
        ..dateline::config::Config::default()
    };
    let running = dateline::server::start(&config)
        .await
        .expect("the server starts");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !running.state.app.discovery.is_ready() {
        assert!(Instant::now() < deadline, "the search index was built");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let base = format!("http://{}", running.addr);
    TestApp {
        running: Some(running),
        config,
        base,
        client: crate::support::client_builder()
            // Below the server's 10 s idle limit, so no request meets a closed connection.
            .pool_idle_timeout(std::time::Duration::from_secs(5))
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .expect("client"),
        dir,
        share,
        database,
    }
}
