//! The newsroom through HTTP, as its members' browsers use it: logging in,
//! each role's rights request by request, writing, the workflow, conflicts,
//! revisions, sessions and CSRF.

use crate::support;

use dateline_core::newsroom::Role;
use dateline_core::Status;
use dateline_store::NewsroomFilter;
use support::newsroom::{article_fields, make_user, Desk, PASSWORD};
use support::{texts, TestApp};

/// How often the audit log says the scheduler published this article.
async fn scheduled_publications(app: &TestApp, id: i64) -> usize {
    let filter = dateline_store::AuditFilter {
        entity: Some("article".into()),
        entity_id: Some(id),
        user_email: None,
    };
    let (entries, _) = app.store().audit_log(&filter, 50, 0).await.expect("audit");
    entries
        .iter()
        .filter(|e| e.action == "publish-scheduled")
        .count()
}

async fn status_of(app: &TestApp, id: i64) -> Status {
    app.store()
        .newsroom_article(id)
        .await
        .expect("article")
        .status
}

/// Creates an article through the editor; returns its id.
async fn create(desk: &Desk, headline: &str, intent: &str) -> i64 {
    let mut fields = article_fields(headline, "First paragraph.\n\nSecond paragraph.");
    fields.push(("intent", intent));
    let reply = desk.post("/newsroom/articles", &fields).await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    Desk::article_id(&reply)
}

#[tokio::test]
async fn logging_in_out_and_being_refused() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    let visitor = Desk::anonymous(&app);

    // No session: a reading page leads to the login form, a change is 403.
    let desk = visitor.get("/newsroom/articles").await;
    assert_eq!(desk.status, 303);
    assert_eq!(
        desk.header("location"),
        Some("/newsroom/login?next=%2Fnewsroom%2Farticles")
    );
    let post = visitor
        .post_plain("/newsroom/articles", &[("headline", "x")])
        .await;
    assert_eq!(post.status, 403);

    // The form's fields are named for password managers; it is never cached.
    let form = visitor.get("/newsroom/login").await;
    assert_eq!(form.status, 200);
    assert_eq!(form.header("cache-control"), Some("no-store"));
    let html = form.html();
    assert_eq!(
        support::attr(&html, "input[name=email]", "autocomplete").as_deref(),
        Some("username")
    );
    assert!(support::attr(&html, "input[name=password]", "type").as_deref() == Some("password"));

    // A wrong password and an unknown account get the same answer; the
    // email typed stays in the form.
    let wrong = visitor
        .try_login("ed@example.org", "not the password")
        .await;
    let unknown = visitor
        .try_login("nobody@example.org", "not the password")
        .await;
    assert_eq!(wrong.status, 401);
    assert_eq!(unknown.status, 401);
    let message = |r: &support::Reply| texts(&r.html(), "[role=alert]");
    assert_eq!(message(&wrong), message(&unknown));
    assert!(!message(&wrong).is_empty());
    assert_eq!(
        support::attr(&wrong.html(), "input[name=email]", "value").as_deref(),
        Some("ed@example.org")
    );

    // A login form posted without its token changes nothing.
    let forged = visitor
        .post_plain(
            "/newsroom/login",
            &[
                ("email", "ed@example.org"),
                ("password", PASSWORD),
                ("csrf", "x"),
            ],
        )
        .await;
    assert_eq!(forged.status, 403);

    // The right password: a session cookie, HttpOnly, SameSite, for the newsroom only.
    let ok = visitor.try_login("ED@example.org", PASSWORD).await;
    assert_eq!(ok.status, 303);
    let cookie = ok.header("set-cookie").expect("a session cookie");
    assert!(cookie.starts_with("dl_session="), "{cookie}");
    for part in ["HttpOnly", "SameSite=Lax", "Path=/newsroom"] {
        assert!(cookie.contains(part), "{cookie}");
    }
    let mut desk = Desk {
        csrf: String::new(),
        ..visitor
    };
    desk.refresh().await;
    let page = desk.get("/newsroom/").await;
    assert!(page.text().contains("editor ed@example.org"));

    // Logging out ends the session on the server, not only in the browser.
    let out = desk.post("/newsroom/logout", &[]).await;
    assert_eq!(out.status, 303);
    assert_eq!(desk.get("/newsroom/").await.status, 303);
    let user = app
        .store()
        .credentials("ed@example.org")
        .await
        .expect("q")
        .expect("user");
    assert_eq!(
        app.store()
            .session_count(user.user.id)
            .await
            .expect("count"),
        0
    );
}

#[tokio::test]
async fn failed_logins_are_limited_per_account() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ana@example.org", Role::Contributor).await;
    let browser = Desk::anonymous(&app);
    for _ in 0..5 {
        assert_eq!(
            browser
                .try_login("ana@example.org", "wrong password!")
                .await
                .status,
            401
        );
    }
    // Now even the right password waits, with a clear message.
    let limited = browser.try_login("ana@example.org", PASSWORD).await;
    assert_eq!(limited.status, 429);
    assert!(!texts(&limited.html(), "[role=alert]").is_empty());
    // Another account from elsewhere is not held up by it.
    make_user(&app, "bo@example.org", Role::Contributor).await;
    assert_eq!(
        browser.try_login("bo@example.org", PASSWORD).await.status,
        303
    );
}

#[tokio::test]
async fn each_role_may_do_its_own_work_and_no_more() {
    let app = TestApp::with_demo().await;
    make_user(&app, "writer@example.org", Role::Contributor).await;
    make_user(&app, "other@example.org", Role::Contributor).await;
    make_user(&app, "editor@example.org", Role::Editor).await;
    make_user(&app, "admin@example.org", Role::Admin).await;
    let writer = Desk::login(&app, "writer@example.org").await;
    let other = Desk::login(&app, "other@example.org").await;
    let editor = Desk::login(&app, "editor@example.org").await;
    let admin = Desk::login(&app, "admin@example.org").await;

    // A contributor writes and submits a draft...
    let id = create(&writer, "A reporter's draft", "save").await;
    assert_eq!(status_of(&app, id).await, Status::Draft);
    // ...but cannot publish it, not by the button and not by a crafted request.
    let mut publish = article_fields("A reporter's draft", "Body.");
    publish.push(("intent", "publish"));
    assert_eq!(
        writer
            .post(&format!("/newsroom/articles/{id}"), &publish)
            .await
            .status,
        403
    );
    assert_eq!(
        writer
            .post(
                &format!("/newsroom/articles/{id}/workflow"),
                &[("transition", "publish")]
            )
            .await
            .status,
        403
    );
    assert_eq!(
        writer
            .post(
                &format!("/newsroom/articles/{id}/workflow"),
                &[("transition", "schedule")]
            )
            .await
            .status,
        403
    );
    assert_eq!(status_of(&app, id).await, Status::Draft);
    let new_published = {
        let mut f = article_fields("Straight to print", "Body.");
        f.push(("intent", "publish"));
        writer.post("/newsroom/articles", &f).await
    };
    assert_eq!(new_published.status, 403);
    // Another contributor cannot touch it.
    let mut save = article_fields("Taken over", "Body.");
    save.push(("intent", "save"));
    assert_eq!(
        other
            .post(&format!("/newsroom/articles/{id}"), &save)
            .await
            .status,
        403
    );
    // The editor's and administrator's pages are closed to contributors.
    for path in [
        "/newsroom/comments",
        "/newsroom/users",
        "/newsroom/settings",
        "/newsroom/sections",
        "/newsroom/audit",
    ] {
        assert_eq!(writer.get(path).await.status, 403, "{path}");
    }
    let submitted = writer
        .post(
            &format!("/newsroom/articles/{id}/workflow"),
            &[("transition", "submit")],
        )
        .await;
    assert_eq!(submitted.status, 303);
    assert_eq!(status_of(&app, id).await, Status::Submitted);

    // The editor publishes it; readers see it.
    let published = editor
        .post(
            &format!("/newsroom/articles/{id}/workflow"),
            &[("transition", "publish")],
        )
        .await;
    assert_eq!(published.status, 303, "{}", published.text());
    assert_eq!(status_of(&app, id).await, Status::Published);
    let path = app
        .store()
        .newsroom_article(id)
        .await
        .expect("a")
        .path
        .expect("a path");
    assert_eq!(app.eventually(&path, |r| r.status == 200).await.status, 200);
    // Once it is published, its writer can no longer change it.
    assert_eq!(
        writer
            .post(&format!("/newsroom/articles/{id}"), &save)
            .await
            .status,
        403
    );
    // Editors moderate but do not run accounts, settings or the audit log.
    assert_eq!(editor.get("/newsroom/comments").await.status, 200);
    for path in [
        "/newsroom/users",
        "/newsroom/settings",
        "/newsroom/sections",
        "/newsroom/audit",
    ] {
        assert_eq!(editor.get(path).await.status, 403, "{path}");
    }
    assert_eq!(
        editor
            .post(
                "/newsroom/users",
                &[("email", "x@example.org"), ("name", "X"), ("role", "admin")]
            )
            .await
            .status,
        403
    );
    // Administrators do.
    for path in [
        "/newsroom/users",
        "/newsroom/settings",
        "/newsroom/sections",
        "/newsroom/audit",
    ] {
        assert_eq!(admin.get(path).await.status, 200, "{path}");
    }
    // The audit log says who did it.
    let audit = admin
        .get(&format!("/newsroom/audit?entity=article&id={id}"))
        .await
        .text();
    assert!(
        audit.contains("writer@example.org") && audit.contains("editor@example.org"),
        "{audit}"
    );
    assert!(audit.contains("publish"));
}

#[tokio::test]
async fn requests_without_a_valid_token_or_session_change_nothing() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    let mut desk = Desk::login(&app, "ed@example.org").await;
    let before = app
        .store()
        .newsroom_articles(&NewsroomFilter::default(), 1, 0)
        .await
        .expect("list")
        .total;

    let mut fields = article_fields("Forged", "Body.");
    fields.push(("intent", "save"));
    // No token, another session's token, a made-up one: 403.
    assert_eq!(
        desk.post_plain("/newsroom/articles", &fields).await.status,
        403
    );
    let mut stranger = Desk::login(&app, "ed@example.org").await;
    std::mem::swap(&mut desk.csrf, &mut stranger.csrf);
    assert_eq!(desk.post("/newsroom/articles", &fields).await.status, 403);
    desk.csrf = "AAAA".into();
    assert_eq!(desk.post("/newsroom/articles", &fields).await.status, 403);
    let after = app
        .store()
        .newsroom_articles(&NewsroomFilter::default(), 1, 0)
        .await
        .expect("list")
        .total;
    assert_eq!(before, after);

    // An expired session may do nothing at all.
    desk.refresh().await;
    dateline_store::testing::expire_sessions(app.store())
        .await
        .expect("expire");
    assert_eq!(desk.post("/newsroom/articles", &fields).await.status, 403);
    assert_eq!(desk.get("/newsroom/").await.status, 303);
}

#[tokio::test]
async fn bad_input_is_refused_at_the_field_and_kept() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    let desk = Desk::login(&app, "ed@example.org").await;
    let taken = create(&desk, "A slug that is taken", "save").await;
    let taken_slug = app.store().article_input(taken).await.expect("a").slug;

    let mut fields = article_fields("", "What I typed <b>stays</b>.");
    fields.retain(|(k, _)| !matches!(*k, "dateline_date" | "published_at"));
    fields.push(("dateline_date", "4 October"));
    fields.push(("published_at", "tomorrow at noon"));
    fields.push(("intent", "save"));
    let refused = desk.post("/newsroom/articles", &fields).await;
    assert_eq!(refused.status, 422);
    let html = refused.html();
    let error = |field: &str| texts(&html, &format!("#f-{field}-error"));
    assert!(!error("headline").is_empty(), "{}", refused.text());
    assert!(error("dateline_date").join(" ").contains("YYYY-MM-DD"));
    assert!(!error("published_at").is_empty());
    assert_eq!(
        support::attr(&html, "#f-headline", "aria-invalid").as_deref(),
        Some("true")
    );
    assert!(texts(&html, "textarea[name=body]")
        .join("")
        .contains("What I typed <b>stays</b>."));
    assert_eq!(
        support::attr(&html, "input[name=dateline_date]", "value").as_deref(),
        Some("4 October")
    );

    let mut dup = article_fields("Another headline", "Body.");
    dup.retain(|(k, _)| *k != "slug");
    dup.push(("slug", &taken_slug));
    dup.push(("intent", "save"));
    let refused = desk.post("/newsroom/articles", &dup).await;
    assert_eq!(refused.status, 422);
    assert!(!texts(&refused.html(), "#f-slug-error").is_empty());
    // Nothing was saved by either.
    let all = app
        .store()
        .newsroom_articles(
            &NewsroomFilter {
                created_by: app
                    .store()
                    .credentials("ed@example.org")
                    .await
                    .expect("q")
                    .map(|c| c.user.id),
                ..Default::default()
            },
            10,
            0,
        )
        .await
        .expect("list");
    assert_eq!(all.total, 1);
}

#[tokio::test]
async fn the_second_save_of_one_version_is_refused_and_both_are_kept() {
    let app = TestApp::with_demo().await;
    make_user(&app, "one@example.org", Role::Editor).await;
    make_user(&app, "two@example.org", Role::Editor).await;
    let one = Desk::login(&app, "one@example.org").await;
    let two = Desk::login(&app, "two@example.org").await;
    let id = create(&one, "Shared story", "save").await;
    let version = app
        .store()
        .article_version(id)
        .await
        .expect("v")
        .to_string();

    let mut first = article_fields("Shared story, first edit", "One's words.");
    first.extend([("version", version.as_str()), ("intent", "save")]);
    assert_eq!(
        one.post(&format!("/newsroom/articles/{id}"), &first)
            .await
            .status,
        303
    );

    let mut second = article_fields("Shared story, second edit", "Two's words.");
    second.extend([("version", version.as_str()), ("intent", "save")]);
    let refused = two.post(&format!("/newsroom/articles/{id}"), &second).await;
    assert_eq!(refused.status, 409);
    // Two still has their words in the form, and a link to compare.
    let html = refused.html();
    assert!(texts(&html, "textarea[name=body]")
        .join("")
        .contains("Two's words."));
    assert!(refused
        .text()
        .contains(&format!("/newsroom/articles/{id}/revisions?to=")));
    // The article holds One's edit; Two's is kept as a revision.
    let saved = app.store().article_input(id).await.expect("a");
    assert_eq!(saved.body_markdown, "One's words.");
    let kept = app.store().revisions(id).await.expect("revisions");
    assert!(kept
        .iter()
        .any(|r| r.kind == dateline_store::RevisionKind::Conflict
            && r.content.body_markdown == "Two's words."));
}

#[tokio::test]
async fn revisions_compare_and_restore() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    let desk = Desk::login(&app, "ed@example.org").await;
    let id = create(&desk, "Original headline", "save").await;
    for headline in ["Second headline", "Third headline"] {
        let version = app
            .store()
            .article_version(id)
            .await
            .expect("v")
            .to_string();
        let mut f = article_fields(headline, "First paragraph.\n\nSecond paragraph.");
        f.extend([("version", version.as_str()), ("intent", "save")]);
        assert_eq!(
            desk.post(&format!("/newsroom/articles/{id}"), &f)
                .await
                .status,
            303
        );
    }
    let revisions = app.store().revisions(id).await.expect("revisions");
    assert_eq!(revisions.len(), 3);
    let (newest, oldest) = (revisions[0].id, revisions[2].id);
    let page = desk
        .get(&format!(
            "/newsroom/articles/{id}/revisions?from={oldest}&to={newest}"
        ))
        .await;
    assert_eq!(page.status, 200);
    let text = page.text();
    assert!(
        text.contains("Headline: Original headline") && text.contains("Headline: Third headline")
    );

    let restored = desk
        .post(
            &format!("/newsroom/articles/{id}/revisions/{oldest}/restore"),
            &[],
        )
        .await;
    assert_eq!(restored.status, 303);
    assert_eq!(
        app.store().article_input(id).await.expect("a").headline,
        "Original headline"
    );
    assert_eq!(
        app.store().revisions(id).await.expect("r").len(),
        4,
        "the restore is itself a revision"
    );
}

#[tokio::test]
async fn a_scheduled_article_publishes_itself_once_even_across_a_restart() {
    let mut app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    let desk = Desk::login(&app, "ed@example.org").await;

    // A time in the past cannot be scheduled; one to come can.
    let mut past = article_fields("Embargoed", "Under embargo.");
    past.retain(|(k, _)| *k != "published_at");
    past.extend([("published_at", "2016-10-04T12:00"), ("intent", "schedule")]);
    let refused = desk.post("/newsroom/articles", &past).await;
    assert_eq!(refused.status, 422);
    assert!(!texts(&refused.html(), "#f-published_at-error").is_empty());

    let at = (time::OffsetDateTime::now_utc() + time::Duration::hours(2))
        .format(time::macros::format_description!(
            "[year]-[month]-[day]T[hour]:[minute]"
        ))
        .expect("format");
    let mut future = article_fields("Embargoed", "Under embargo.");
    future.retain(|(k, _)| *k != "published_at");
    future.extend([("published_at", at.as_str()), ("intent", "schedule")]);
    let id = create_with(&desk, &future).await;
    assert_eq!(status_of(&app, id).await, Status::Scheduled);

    // The embargo passes while the site is down; at the next start the
    // scheduler publishes it, once.
    let server = app.running.take().expect("running");
    server.stop().await.expect("stop");
    let reopened =
        dateline_store::Store::open(&app.config.data_dir, app.config.database_url.as_ref())
            .await
            .expect("open");
    assert_eq!(
        dateline_store::testing::make_due(&reopened, id)
            .await
            .expect("due"),
        1
    );
    reopened.close().await;
    app.restart().await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while status_of(&app, id).await != Status::Published {
        assert!(
            std::time::Instant::now() < deadline,
            "the scheduler did not publish it"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let path = app
        .store()
        .newsroom_article(id)
        .await
        .expect("a")
        .path
        .expect("path");
    assert_eq!(app.eventually(&path, |r| r.status == 200).await.status, 200);
    // Two more runs of the scheduler publish nothing more.
    let now = time::OffsetDateTime::now_utc();
    assert!(app.store().publish_due(now).await.expect("run").is_empty());
    assert_eq!(scheduled_publications(&app, id).await, 1);
}

async fn create_with(desk: &Desk, fields: &[(&str, &str)]) -> i64 {
    let reply = desk.post("/newsroom/articles", fields).await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    Desk::article_id(&reply)
}

#[tokio::test]
async fn concurrent_schedulers_publish_each_article_once() {
    let app = TestApp::with_demo().await;
    let store = app.store().clone();
    let now = time::OffsetDateTime::now_utc();
    let mut ids = Vec::new();
    for n in 0..5 {
        let mut input = store
            .article_input(
                store
                    .latest(dateline_core::Language::En, 1, 0)
                    .await
                    .expect("l")
                    .items[0]
                    .id,
            )
            .await
            .expect("i");
        input.slug = format!("due-{n}");
        input.source_key = None;
        input.status = Status::Scheduled;
        input.published_at = Some(now - time::Duration::minutes(1));
        ids.push(
            store
                .save_article(None, &input, now)
                .await
                .expect("save")
                .id,
        );
    }
    let runs: Vec<_> = (0..4)
        .map(|_| {
            let s = store.clone();
            tokio::spawn(async move {
                s.publish_due(time::OffsetDateTime::now_utc())
                    .await
                    .expect("run")
            })
        })
        .collect();
    let mut published = Vec::new();
    for r in runs {
        published.extend(r.await.expect("join"));
    }
    // The server's own scheduler runs too and may take some of them: no run
    // published one twice, each is published, and the audit log holds one
    // scheduled publication for each.
    let before = published.len();
    published.sort_unstable();
    published.dedup();
    assert_eq!(
        published.len(),
        before,
        "an article was published by two runs"
    );
    for id in ids {
        assert_eq!(status_of(&app, id).await, Status::Published);
        assert_eq!(
            scheduled_publications(&app, id).await,
            1,
            "article {id} published once"
        );
    }
}

#[tokio::test]
async fn a_changed_slug_answers_its_old_address_with_301() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    let desk = Desk::login(&app, "ed@example.org").await;
    let id = create(&desk, "First slug story", "publish").await;
    let old = app
        .store()
        .newsroom_article(id)
        .await
        .expect("a")
        .path
        .expect("path");
    assert!(old.ends_with("/first-slug-story"), "{old}");

    let version = app
        .store()
        .article_version(id)
        .await
        .expect("v")
        .to_string();
    let mut f = article_fields("First slug story", "First paragraph.\n\nSecond paragraph.");
    f.retain(|(k, _)| *k != "slug");
    f.extend([
        ("slug", "a-better-slug"),
        ("version", version.as_str()),
        ("intent", "save"),
    ]);
    assert_eq!(
        desk.post(&format!("/newsroom/articles/{id}"), &f)
            .await
            .status,
        303
    );
    let new = app
        .store()
        .newsroom_article(id)
        .await
        .expect("a")
        .path
        .expect("path");
    assert!(new.ends_with("/a-better-slug"), "{new}");
    let moved = app.eventually(&old, |r| r.status == 301).await;
    assert_eq!(moved.status, 301);
    assert_eq!(moved.header("location"), Some(new.as_str()));
    assert_eq!(app.get(&new).await.status, 200);
}

async fn id_at(app: &TestApp, path: &str) -> i64 {
    match app.store().lookup_path(path).await.expect("lookup") {
        dateline_store::PathLookup::Article(a) => a.id,
        other => panic!("{path}: {other:?}"),
    }
}

/// Editors choose the front page's lead and featured stories and a
/// section's lead, and set a breaking-news line; readers see each at once,
/// what is refused says why, and contributors may do none of it.
#[tokio::test]
async fn editors_set_the_fronts_and_the_breaking_line() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    make_user(&app, "writer@example.org", Role::Contributor).await;
    let seed = "/en/world/2016/10/04/u-s-suspends-negotiations-with-russia-over-syria-ceasefire";
    let marathon = "/en/sport/2026/11/01/kenyans-sweep-istanbul-marathon";
    let seed_id = id_at(&app, seed).await;
    let ed = Desk::login(&app, "ed@example.org").await;

    // The seed, a story of 2016, leads; a sports story is featured first.
    let marathon_id = id_at(&app, marathon).await;
    let (s, m) = (seed_id.to_string(), marathon_id.to_string());
    let reply = ed
        .post(
            "/newsroom/fronts/order",
            &[
                ("lang", "en"),
                ("id", &m),
                ("id", &s),
                ("op", &format!("up:{s}")),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    let front = app
        .eventually("/en/", |r| {
            attr_text(r, ".card-lead .card-headline").contains("Syria")
        })
        .await
        .html();
    assert_eq!(
        texts(&front, ".card-lead .card-headline"),
        ["U.S. Suspends Negotiations with Russia over Syria Ceasefire"]
    );
    let featured = texts(&front, ".card-featured .card-headline");
    assert_eq!(
        featured.len(),
        5,
        "pins first, then the newest fill the rest"
    );
    let marathon_headline = app
        .store()
        .newsroom_article(marathon_id)
        .await
        .expect("a")
        .headline;
    assert_eq!(featured[0], marathon_headline);
    // The newsroom page lists them in order.
    let page = ed.get("/newsroom/fronts?lang=en").await;
    assert_eq!(page.status, 200, "{}", page.text());
    assert_eq!(texts(&page.html(), ".front-order li a").len(), 2);

    // A story of another language, or not published, is refused with a sentence.
    let arabic = app
        .store()
        .latest(dateline_core::Language::Ar, 1, 0)
        .await
        .expect("ar")
        .items[0]
        .id;
    let reply = ed
        .post(
            "/newsroom/fronts/order",
            &[
                ("lang", "en"),
                ("id", &s),
                ("add", &arabic.to_string()),
                ("op", "add"),
            ],
        )
        .await;
    assert_eq!(reply.status, 422);
    assert!(texts(&reply.html(), ".form-error")
        .join(" ")
        .contains("another language"));

    // A section's lead.
    let reply = ed
        .post(
            "/newsroom/fronts/section",
            &[("lang", "en"), ("section", "world"), ("lead", &s)],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    let world = app
        .eventually("/en/world/", |r| {
            attr_text(r, ".card-lead .card-headline").contains("Syria")
        })
        .await;
    assert!(attr_text(&world, ".card-lead .card-headline").contains("Syria"));
    let reply = ed
        .post(
            "/newsroom/fronts/section",
            &[("lang", "en"), ("section", "sport"), ("lead", &s)],
        )
        .await;
    assert_eq!(reply.status, 422, "a story of another section");

    // Unpublishing the lead drops it from the front at once.
    let mut input = app.store().article_input(seed_id).await.expect("input");
    input.status = Status::Unpublished;
    app.store()
        .save_article(Some(seed_id), &input, time::OffsetDateTime::now_utc())
        .await
        .expect("unpublish");
    let front = app
        .eventually("/en/", |r| {
            !attr_text(r, ".card-lead .card-headline").contains("Syria")
        })
        .await;
    assert_eq!(
        attr_text(&front, ".card-lead .card-headline"),
        marathon_headline
    );

    // The breaking-news line: on every page of the language, escaped, its
    // link http(s) only; it goes when removed or when its time is up.
    let reply = ed
        .post(
            "/newsroom/fronts/breaking",
            &[
                ("lang", "en"),
                ("text", "Storm <b>warning</b>"),
                ("link", "javascript:alert(1)"),
                ("op", "save"),
            ],
        )
        .await;
    assert_eq!(reply.status, 422);
    let html = reply.html();
    assert_eq!(
        support::attr(&html, "#f-text", "value").as_deref(),
        Some("Storm <b>warning</b>"),
        "kept as typed"
    );
    assert!(texts(&html, ".field-error").join(" ").contains("http"));
    let reply = ed
        .post(
            "/newsroom/fronts/breaking",
            &[
                ("lang", "en"),
                ("text", "Storm <b>warning</b> for the east"),
                ("link", "https://example.org/storm"),
                ("op", "save"),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    for path in ["/en/", "/en/world/", marathon] {
        let page = app
            .eventually(path, |r| r.text().contains("Storm &lt;b&gt;warning"))
            .await;
        assert_eq!(
            texts(&page.html(), ".breaking a"),
            ["Storm <b>warning</b> for the east"],
            "{path}"
        );
    }
    assert!(
        texts(&app.get("/es/").await.html(), ".breaking").is_empty(),
        "another language's pages"
    );
    let reply = ed
        .post(
            "/newsroom/fronts/breaking",
            &[("lang", "en"), ("op", "remove")],
        )
        .await;
    assert_eq!(reply.status, 303);
    let front = app
        .eventually("/en/", |r| !r.text().contains("Storm"))
        .await;
    assert!(texts(&front.html(), ".breaking").is_empty());
    // Its end time passes: it goes from the cached pages too.
    let soon = time::OffsetDateTime::now_utc().unix_timestamp() + 2;
    let line = dateline_core::fronts::Breaking::new("Polls close soon", "", Some(soon), soon - 2)
        .expect("line");
    app.store()
        .set_breaking(
            dateline_core::Language::En,
            Some(&line),
            None,
            time::OffsetDateTime::now_utc(),
        )
        .await
        .expect("set");
    app.eventually("/en/", |r| r.text().contains("Polls close soon"))
        .await;
    tokio::time::sleep(std::time::Duration::from_secs(8)).await;
    assert!(!app.get("/en/").await.text().contains("Polls close soon"));

    // Contributors may not touch the fronts; every form needs its token.
    let writer = Desk::login(&app, "writer@example.org").await;
    assert_eq!(writer.get("/newsroom/fronts").await.status, 403);
    let reply = writer
        .post(
            "/newsroom/fronts/breaking",
            &[("lang", "en"), ("text", "x"), ("op", "save")],
        )
        .await;
    assert_eq!(reply.status, 403);
    let reply = ed
        .post_plain(
            "/newsroom/fronts/breaking",
            &[("lang", "en"), ("text", "x"), ("op", "save")],
        )
        .await;
    assert_eq!(reply.status, 403);
    // Every change is in the audit log.
    let filter = dateline_store::AuditFilter {
        entity: Some("front".into()),
        entity_id: None,
        user_email: None,
    };
    let (entries, _) = app.store().audit_log(&filter, 50, 0).await.expect("audit");
    assert!(entries.iter().filter(|e| e.action == "front-pins").count() >= 2);
    assert!(entries.iter().any(|e| e.action == "breaking-removed"));
    app.stop().await;
}

fn attr_text(reply: &support::Reply, selector: &str) -> String {
    texts(&reply.html(), selector).join(" ")
}

/// Editors write the site's pages with the articles' Markdown: a refusal
/// keeps what was typed, the preview shows the rendered text, a published
/// page is at its address and in the footer at once, a draft is not.
#[tokio::test]
async fn editors_write_and_publish_the_sites_pages() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    make_user(&app, "writer@example.org", Role::Contributor).await;
    let ed = Desk::login(&app, "ed@example.org").await;
    let list = ed.get("/newsroom/pages").await;
    assert_eq!(list.status, 200);
    assert!(texts(&list.html(), ".nr-table th a").contains(&"Privacy".to_string()));

    let typed = [
        ("language", "en"),
        ("title", "Corrections policy"),
        ("slug", "Corrections Policy!"),
        (
            "body",
            "We correct **errors** promptly.<script>alert(1)</script>",
        ),
        ("position", "4"),
        ("published", "1"),
        ("intent", "save"),
    ];
    let refused = ed.post("/newsroom/pages", &typed).await;
    assert_eq!(refused.status, 422);
    let html = refused.html();
    assert_eq!(
        support::attr(&html, "#f-slug", "value").as_deref(),
        Some("Corrections Policy!")
    );
    assert!(texts(&html, "#f-body")
        .join("")
        .contains("We correct **errors**"));

    let mut fields = typed.to_vec();
    fields[2] = ("slug", "corrections-policy");
    fields[6] = ("intent", "preview");
    let preview = ed.post("/newsroom/pages", &fields).await;
    assert_eq!(preview.status, 200);
    let html = preview.html();
    assert_eq!(texts(&html, ".preview-body strong"), ["errors"]);
    assert!(
        !preview.text().contains("<script>alert(1)"),
        "sanitised as article bodies are"
    );
    assert!(
        app.get("/en/page/corrections-policy").await.status == 404,
        "a preview saves nothing"
    );

    fields[6] = ("intent", "save");
    let saved = ed.post("/newsroom/pages", &fields).await;
    assert_eq!(saved.status, 303, "{}", saved.text());
    let page = app
        .eventually("/en/page/corrections-policy", |r| r.status == 200)
        .await;
    assert_eq!(texts(&page.html(), "h1"), ["Corrections policy"]);
    let front = app
        .eventually("/en/", |r| r.text().contains("/en/page/corrections-policy"))
        .await;
    assert!(texts(&front.html(), ".site-footer a").contains(&"Corrections policy".to_string()));

    // A second page at the same address is refused with a sentence.
    fields[1] = ("title", "Another");
    let taken = ed.post("/newsroom/pages", &fields).await;
    assert_eq!(taken.status, 422);
    assert!(texts(&taken.html(), ".field-error")
        .join(" ")
        .contains("Another page of this language is at /en/page/corrections-policy"));

    // Taken back to a draft, it leaves the site.
    let location = saved.header("location").unwrap_or_default().to_string();
    let id = location
        .split("edit=")
        .nth(1)
        .and_then(|s| s.split('&').next())
        .expect("the page's id")
        .to_string();
    let draft = [
        ("id", id.as_str()),
        ("language", "en"),
        ("title", "Corrections policy"),
        ("slug", "corrections-policy"),
        ("body", "We correct errors."),
        ("position", "4"),
        ("intent", "save"),
    ];
    assert_eq!(ed.post("/newsroom/pages", &draft).await.status, 303);
    app.eventually("/en/page/corrections-policy", |r| r.status == 404)
        .await;
    assert_eq!(app.get("/en/page/corrections-policy").await.status, 404);

    // Contributors may not; every form needs its token.
    let writer = Desk::login(&app, "writer@example.org").await;
    assert_eq!(writer.get("/newsroom/pages").await.status, 403);
    assert_eq!(writer.post("/newsroom/pages", &draft).await.status, 403);
    assert_eq!(ed.post_plain("/newsroom/pages", &draft).await.status, 403);
    app.stop().await;
}

#[tokio::test]
async fn the_editor_puts_writing_first_and_alone_loads_the_rich_text_body() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    let desk = Desk::login(&app, "ed@example.org").await;

    let page = desk.get("/newsroom/articles/new").await;
    assert_eq!(page.status, 200);
    let html = page.html();
    let script = support::attr(&html, "script[type=module]", "src").expect("the editor's script");
    assert!(
        script.starts_with("/static/editor.") && script.ends_with(".js"),
        "{script}"
    );
    let style = support::attr(
        &html,
        "link[rel=stylesheet][href^='/static/editor.']",
        "href",
    );
    assert!(style.is_some_and(|s| s.ends_with(".css")));
    // The form still posts the Markdown textarea; the headline and the body
    // come before every other field of the article.
    assert_eq!(
        support::attr(&html, "#body-editor textarea", "name").as_deref(),
        Some("body")
    );
    let text = page.text();
    let at = |needle: &str| text.find(needle).unwrap_or_else(|| panic!("{needle}"));
    for later in [
        "id=\"f-standfirst\"",
        "id=\"f-dateline_place\"",
        "id=\"f-section\"",
        "id=\"f-slug\"",
        "id=\"f-image_id\"",
        "id=\"f-published_at\"",
    ] {
        assert!(
            at("id=\"f-headline\"") < at("id=\"f-body\"") && at("id=\"f-body\"") < at(later),
            "{later}"
        );
    }

    let asset = app.get(&script).await;
    assert_eq!(asset.status, 200);
    assert!(asset
        .header("content-type")
        .is_some_and(|t| t.starts_with("text/javascript")));
    assert!(
        asset.text().contains("prosemirror-markdown"),
        "the licence notice names the packages"
    );

    for other in [
        desk.get("/newsroom/").await,
        desk.get("/newsroom/articles").await,
        app.get("/en/").await,
    ] {
        assert!(
            !other.text().contains("/static/editor."),
            "another page loads the editor"
        );
    }
    app.stop().await;
}

/// After the button, the editor says what happened: "Published." with a
/// link to the live page, or when a scheduled story will go out.
#[tokio::test]
async fn publishing_and_scheduling_say_what_happened() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    let desk = Desk::login(&app, "ed@example.org").await;

    let mut now = article_fields("Out At Once", "Published straight away.");
    now.push(("intent", "publish"));
    let reply = desk.post("/newsroom/articles", &now).await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    let to = reply.header("location").expect("location").to_string();
    assert!(to.ends_with("?done=published"), "{to}");
    let page = desk.get(&to).await;
    let notice = texts(&page.html(), ".notice-success");
    assert_eq!(notice.len(), 1, "{notice:?}");
    assert!(notice[0].starts_with("Published."), "{notice:?}");
    let live = support::attr(&page.html(), ".notice-success a", "href").expect("a link");
    assert!(
        live.starts_with("/en/") && live.contains("out-at-once"),
        "{live}"
    );
    assert_eq!(app.get(&live).await.status, 200);

    let at = (time::OffsetDateTime::now_utc() + time::Duration::hours(3))
        .replace_second(0)
        .expect("second");
    let typed = at
        .format(time::macros::format_description!(
            "[year]-[month]-[day]T[hour]:[minute]"
        ))
        .expect("format");
    let mut later = article_fields("Out Later", "Under embargo.");
    later.retain(|(k, _)| *k != "published_at");
    later.extend([("published_at", typed.as_str()), ("intent", "schedule")]);
    let reply = desk.post("/newsroom/articles", &later).await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    let to = reply.header("location").expect("location").to_string();
    assert!(to.ends_with("?done=scheduled"), "{to}");
    let notice = texts(&desk.get(&to).await.html(), ".notice-success");
    assert_eq!(notice.len(), 1, "{notice:?}");
    assert!(
        notice[0].starts_with("Scheduled: it will be published on") && notice[0].ends_with(" UTC."),
        "{notice:?}"
    );
    let minute = format!(
        "{}:{:02}",
        if at.hour().is_multiple_of(12) {
            12
        } else {
            at.hour() % 12
        },
        at.minute()
    );
    assert!(notice[0].contains(&minute), "{notice:?} lacks {minute}");
}
