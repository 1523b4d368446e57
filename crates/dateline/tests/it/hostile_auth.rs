//! Hostile traffic against the newsroom's accounts and logins (issue 14):
//! bursts of parallel logins, second factors and password checks, two
//! administrators demoting each other at once, crafted return paths, and
//! the cookies and HSTS of a site served over HTTPS.
//!
//! Each test starts the real server; the memory tests read this process's
//! own resident memory, since the server runs in it.

use crate::support;

use dateline_core::newsroom::Role;
use reqwest::StatusCode;
use std::collections::BTreeMap;
use std::time::Duration;
use support::newsroom::{make_user, Desk, PASSWORD};
use support::{attr, texts, Reply, TestApp};
use time::OffsetDateTime;

/// The tests of this file one at a time, and alone in the process, so that
/// when they share one (`cargo test`) another test's hashing does not count
/// in one's memory figure.
use crate::support::alone::MEMORY as ONE_AT_A_TIME;

/// How much a burst of logins may add to the process's resident memory.
/// Unbounded, 300 parallel logins took 3.48 GB (Argon2 takes 19 MiB each);
/// bounded, the password gate keeps at most 4 × 19 MiB, and the rest of a
/// burst is small.
const MEMORY_CEILING: u64 = 200 * 1024 * 1024;

/// A field of /proc/self/status, in bytes.
fn proc_status(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map(|kb| kb * 1024)
        .unwrap_or_else(|| panic!("{field} in /proc/self/status"))
}

/// Starts measuring: resets the peak (where the kernel allows it) and
/// returns the resident memory now.
fn memory_before() -> u64 {
    // "5" resets VmHWM to the current VmRSS (Linux 4.0 and later); where it
    // cannot, the peak since start counts, which can only overstate growth.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    proc_status("VmRSS")
}

/// A client of its own for a burst: no cookie store (each request carries
/// the cookie it is given), a generous timeout, no redirects followed.
fn burst_client() -> reqwest::Client {
    crate::support::client_builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(120))
        .pool_max_idle_per_host(0)
        .build()
        .expect("client")
}

async fn reply(res: reqwest::Response) -> Reply {
    Reply {
        status: res.status(),
        headers: res.headers().clone(),
        body: res.bytes().await.expect("body").to_vec(),
    }
}

/// One login form's token (the double-submit cookie's value, also in the
/// form), as a browser gets it from `GET /newsroom/login`.
async fn login_token(app: &TestApp) -> String {
    let form = app.get("/newsroom/login").await;
    assert_eq!(form.status, 200);
    attr(
        &form.html(),
        "form[action='/newsroom/login'] input[name=csrf]",
        "value",
    )
    .expect("the login form has a token")
}

/// Sends `count` login forms at once, all with the one token; request `i`
/// uses `email(i)`, a wrong password, and `extra(i)` as headers.
async fn login_burst(
    app: &TestApp,
    token: &str,
    count: usize,
    email: impl Fn(usize) -> String,
    extra: impl Fn(usize) -> Vec<(String, String)>,
) -> Vec<Reply> {
    let client = burst_client();
    let url = format!("{}/newsroom/login", app.base);
    let mut tasks = Vec::new();
    for i in 0..count {
        let mut req = client
            .post(&url)
            .header("cookie", format!("dl_login={token}"))
            .form(&[
                ("email", email(i).as_str()),
                ("password", "a wrong password, tried"),
                ("csrf", token),
                ("next", "/newsroom/"),
            ]);
        for (k, v) in extra(i) {
            req = req.header(k, v);
        }
        tasks.push(tokio::spawn(async move {
            reply(req.send().await.expect("every login is answered")).await
        }));
    }
    let mut replies = Vec::new();
    for task in tasks {
        replies.push(task.await.expect("the request task"));
    }
    replies
}

fn by_status(replies: &[Reply]) -> BTreeMap<u16, usize> {
    let mut counts = BTreeMap::new();
    for r in replies {
        *counts.entry(r.status.as_u16()).or_insert(0) += 1;
    }
    counts
}

/// The hashed address of a loopback client, as the login limits key it.
async fn loopback_hash(app: &TestApp) -> String {
    app.store()
        .address_hash("127.0.0.1", OffsetDateTime::now_utc())
        .await
        .expect("address hash")
}

/// Failed (or unfinished) attempts in the last quarter hour: (for the
/// email, from the hashed address). Only evaluated attempts are written.
async fn attempts(app: &TestApp, email: &str, address_hash: &str) -> (i64, i64) {
    app.store()
        .failed_logins(
            email,
            address_hash,
            OffsetDateTime::now_utc() - time::Duration::minutes(15),
        )
        .await
        .expect("count attempts")
}

// Finding 3: parallel logins exhaust memory.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_hundred_parallel_logins_from_one_address_stay_within_memory() {
    let _serial = ONE_AT_A_TIME.lock().await;
    let app = TestApp::empty().await;
    make_user(&app, "ana@example.org", Role::Editor).await;
    let token = login_token(&app).await;
    let before = memory_before();

    let replies = login_burst(
        &app,
        &token,
        300,
        |i| match i % 3 {
            0 => "ana@example.org".to_string(),
            _ => format!("nobody{i}@example.org"),
        },
        |_| Vec::new(),
    )
    .await;

    let grown = proc_status("VmHWM").saturating_sub(before);
    let statuses = by_status(&replies);
    eprintln!(
        "300 parallel logins: peak resident memory grew {} MiB; answers {statuses:?}",
        grown >> 20
    );
    assert!(
        grown < MEMORY_CEILING,
        "300 parallel logins grew the process by {} MiB (ceiling {} MiB); answers {statuses:?}",
        grown >> 20,
        MEMORY_CEILING >> 20
    );
    for r in &replies {
        assert!(
            [401, 429, 503].contains(&r.status.as_u16()),
            "{}: {}",
            r.status,
            r.text()
        );
    }
    assert!(
        statuses.get(&429).copied().unwrap_or(0) >= 280,
        "{statuses:?}"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logins_from_three_hundred_addresses_wait_for_the_password_gate() {
    let _serial = ONE_AT_A_TIME.lock().await;
    // Behind a proxy every request may come from another reader, so the
    // per-address limit lets them all through: only the gate bounds them.
    let app = TestApp::behind_proxy().await;
    let token = login_token(&app).await;
    let before = memory_before();

    let replies = login_burst(
        &app,
        &token,
        300,
        |i| format!("reader{i}@example.org"),
        |i| {
            vec![(
                "x-forwarded-for".to_string(),
                format!("10.0.{}.{}", i / 256, i % 256),
            )]
        },
    )
    .await;

    let grown = proc_status("VmHWM").saturating_sub(before);
    let statuses = by_status(&replies);
    eprintln!(
        "300 parallel logins: peak resident memory grew {} MiB; answers {statuses:?}",
        grown >> 20
    );
    assert!(
        grown < MEMORY_CEILING,
        "300 parallel logins grew the process by {} MiB (ceiling {} MiB); answers {statuses:?}",
        grown >> 20,
        MEMORY_CEILING >> 20
    );
    for r in &replies {
        assert!(
            [401, 503].contains(&r.status.as_u16()),
            "{}: {}",
            r.status,
            r.text()
        );
    }
    // Hundreds of hashes cannot all be done within the wait on this
    // machine: some readers are told to come back, and how.
    let busy: Vec<&Reply> = replies.iter().filter(|r| r.status == 503).collect();
    assert!(!busy.is_empty(), "{statuses:?}");
    for r in busy {
        assert_eq!(r.header("retry-after"), Some("5"));
        let html = r.html();
        assert!(
            texts(&html, "[role=alert]")
                .iter()
                .any(|t| t.contains("busy")),
            "{}",
            r.text()
        );
        let typed = attr(&html, "input[name=email]", "value").expect("the email field");
        assert!(typed.starts_with("reader"), "what was typed stays: {typed}");
        assert!(
            attr(
                &html,
                "form[action='/newsroom/login'] input[name=csrf]",
                "value"
            )
            .is_some(),
            "the form can be sent again"
        );
    }
    // Turned away unevaluated, a reader's attempt does not count against them.
    let evaluated = statuses.get(&401).copied().unwrap_or(0) as i64;
    let mut written = 0;
    for i in 0..300 {
        written += attempts(&app, &format!("reader{i}@example.org"), "-")
            .await
            .0;
    }
    assert_eq!(written, evaluated);
    app.stop().await;
}

// Finding 4: the limits are check-then-act.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_wrong_passwords_are_evaluated_no_more_than_the_limits_allow() {
    let _serial = ONE_AT_A_TIME.lock().await;
    let app = TestApp::empty().await;
    make_user(&app, "ana@example.org", Role::Editor).await;
    let token = login_token(&app).await;
    let address = loopback_hash(&app).await;

    // One account, a hundred wrong passwords at once: five are checked.
    let replies = login_burst(
        &app,
        &token,
        100,
        |_| "ana@example.org".into(),
        |_| Vec::new(),
    )
    .await;
    let statuses = by_status(&replies);
    let (by_account, _) = attempts(&app, "ana@example.org", &address).await;
    assert!(by_account <= 5, "{by_account} evaluated; {statuses:?}");
    assert!(
        statuses.get(&401).copied().unwrap_or(0) <= 5,
        "{statuses:?}"
    );
    assert!(
        replies
            .iter()
            .all(|r| [401, 429, 503].contains(&r.status.as_u16())),
        "{statuses:?}"
    );

    // Many accounts from one address: twenty are checked in all.
    let replies = login_burst(
        &app,
        &token,
        100,
        |i| format!("someone{}@example.org", i % 25),
        |_| Vec::new(),
    )
    .await;
    let statuses = by_status(&replies);
    let (_, by_address) = attempts(&app, "-", &address).await;
    assert!(by_address <= 20, "{by_address} evaluated; {statuses:?}");
    assert!(
        statuses.get(&401).copied().unwrap_or(0) + by_account as usize <= 20,
        "{statuses:?}"
    );
    // The right password now waits too, with the sentence that says so.
    let limited = Desk::anonymous(&app)
        .try_login("ana@example.org", PASSWORD)
        .await;
    assert_eq!(limited.status, 429);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_second_factor_codes_are_evaluated_no_more_than_five() {
    let _serial = ONE_AT_A_TIME.lock().await;
    let app = TestApp::empty().await;
    let id = make_user(&app, "ana@example.org", Role::Editor).await;
    let secret = dateline_auth::totp::new_secret();
    app.store()
        .set_totp(id, Some(&secret), OffsetDateTime::now_utc())
        .await
        .expect("totp on");
    // The password is right: the browser holds a half-way session.
    let browser = Desk::anonymous(&app);
    let first = browser.try_login("ana@example.org", PASSWORD).await;
    assert_eq!(first.status, 303);
    let code_page = browser.get("/newsroom/login/code").await;
    assert_eq!(code_page.status, 200);
    let token = attr(&code_page.html(), "input[name=csrf]", "value").expect("a token");

    // Twelve wrong codes at once (none is any code of the last minutes).
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let near: Vec<String> = (-4..=4)
        .filter_map(|s| dateline_auth::totp::code_at(&secret, now + s * 30))
        .collect();
    let wrong: Vec<String> = (0..)
        .map(|n: u32| format!("{:06}", (n * 7919 + 12345) % 1_000_000))
        .filter(|c| !near.contains(c))
        .take(12)
        .collect();
    let mut tasks = Vec::new();
    for code in wrong {
        let req = browser
            .client
            .post(format!("{}/newsroom/login/code", app.base))
            .form(&[
                ("code", code.as_str()),
                ("csrf", &token),
                ("next", "/newsroom/"),
            ]);
        tasks.push(tokio::spawn(async move {
            reply(req.send().await.expect("answered")).await
        }));
    }
    let mut replies = Vec::new();
    for task in tasks {
        replies.push(task.await.expect("task"));
    }
    let statuses = by_status(&replies);
    let (by_account, _) = attempts(&app, "ana@example.org", "-").await;
    assert!(
        by_account <= 5,
        "{by_account} codes evaluated; {statuses:?}"
    );
    assert!(
        statuses.get(&401).copied().unwrap_or(0) <= 5,
        "{statuses:?}"
    );
    // Refused ones end the half-way session (303 back to the login) or are
    // told to wait; none is a server error.
    assert!(
        replies
            .iter()
            .all(|r| [401, 429, 303].contains(&r.status.as_u16())),
        "{statuses:?}"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_current_password_on_the_account_page_has_the_login_limit() {
    let _serial = ONE_AT_A_TIME.lock().await;
    let app = TestApp::empty().await;
    make_user(&app, "ana@example.org", Role::Editor).await;
    let desk = Desk::login(&app, "ana@example.org").await;
    let mut tasks = Vec::new();
    for i in 0..10 {
        let req = desk
            .client
            .post(format!("{}/newsroom/account/password", app.base))
            .form(&[
                ("current", format!("not my password {i}").as_str()),
                ("password", "a new long passphrase"),
                ("password_again", "a new long passphrase"),
                ("csrf", &desk.csrf),
            ]);
        tasks.push(tokio::spawn(async move {
            reply(req.send().await.expect("answered")).await
        }));
    }
    let mut replies = Vec::new();
    for task in tasks {
        replies.push(task.await.expect("task"));
    }
    let statuses = by_status(&replies);
    assert!(
        statuses.get(&422).copied().unwrap_or(0) <= 5,
        "at most five wrong passwords are checked: {statuses:?}"
    );
    assert!(
        statuses.get(&429).copied().unwrap_or(0) >= 5,
        "{statuses:?}"
    );
    let (by_account, _) = attempts(&app, "ana@example.org", "-").await;
    assert!(by_account <= 5, "{by_account}");
    let limited = replies.iter().find(|r| r.status == 429).expect("a refusal");
    assert!(
        limited.text().contains("Too many wrong passwords"),
        "{}",
        limited.text()
    );
    // Even the right password now waits, and nothing was changed.
    let right = desk
        .post(
            "/newsroom/account/password",
            &[
                ("current", PASSWORD),
                ("password", "a new long passphrase"),
                ("password_again", "a new long passphrase"),
            ],
        )
        .await;
    assert_eq!(right.status, 429);
    let hash = app
        .store()
        .credentials("ana@example.org")
        .await
        .expect("q")
        .expect("account")
        .password_hash
        .expect("a password");
    assert!(dateline_auth::password::verify(&hash, PASSWORD));
    app.stop().await;
}

// Two administrators demoting each other at the same moment.

async fn user_id(app: &TestApp, email: &str) -> i64 {
    app.store()
        .credentials(email)
        .await
        .expect("q")
        .expect("account")
        .user
        .id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_administrators_demoting_each_other_at_once_leave_one() {
    let _serial = ONE_AT_A_TIME.lock().await;
    let app = TestApp::empty().await;
    make_user(&app, "ana@example.org", Role::Admin).await;
    make_user(&app, "bo@example.org", Role::Admin).await;
    let (ana_id, bo_id) = (
        user_id(&app, "ana@example.org").await,
        user_id(&app, "bo@example.org").await,
    );
    let ana = Desk::login(&app, "ana@example.org").await;
    let bo = Desk::login(&app, "bo@example.org").await;
    let now = OffsetDateTime::now_utc();
    let (ana_page, bo_page) = (
        format!("/newsroom/users/{ana_id}"),
        format!("/newsroom/users/{bo_id}"),
    );
    for round in 0..8 {
        let (a, b) = tokio::join!(
            ana.post(&bo_page, &[("name", "Bo"), ("role", "editor")]),
            bo.post(&ana_page, &[("name", "Ana"), ("role", "editor")]),
        );
        // One demotion goes through. The other is refused: by the store
        // (422, the last administrator) when both got past the role check
        // together, or already by the role check (403) when the first was
        // done before the second began.
        let mut statuses = [a.status.as_u16(), b.status.as_u16()];
        statuses.sort_unstable();
        assert!(
            statuses == [303, 403] || statuses == [303, 422],
            "round {round}: {statuses:?}"
        );
        assert_eq!(app.store().active_admins().await.expect("count"), 1);
        for refused in [&a, &b].into_iter().filter(|r| r.status == 422) {
            assert!(
                refused.text().contains("last administrator"),
                "{}",
                refused.text()
            );
        }
        // Both administrators again for the next round.
        for (id, name) in [(ana_id, "Ana"), (bo_id, "Bo")] {
            app.store()
                .update_user(id, name, Role::Admin, false, now)
                .await
                .expect("promote again");
        }
    }
    app.stop().await;
}

// A control character in `next` or `back`.

#[tokio::test]
async fn a_crafted_next_is_refused_before_anything_is_written() {
    let _serial = ONE_AT_A_TIME.lock().await;
    let app = TestApp::empty().await;
    let id = make_user(&app, "ana@example.org", Role::Editor).await;
    let browser = Desk::anonymous(&app);
    let token = login_token(&app).await;
    for next in ["/newsroom/\r\nX", "\r\nSet-Cookie: x=1", "/newsroom/\nX"] {
        let res = browser
            .client
            .post(format!("{}/newsroom/login", app.base))
            .header("cookie", format!("dl_login={token}"))
            .form(&[
                ("email", "ana@example.org"),
                ("password", PASSWORD),
                ("csrf", token.as_str()),
                ("next", next),
            ])
            .send()
            .await
            .expect("answered");
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{next:?}");
    }
    assert_eq!(app.store().session_count(id).await.expect("count"), 0);
    assert_eq!(attempts(&app, "ana@example.org", "-").await.0, 0);

    // As a query string: `?next=%0d%0aX` on the form and through the login.
    let form = app.get("/newsroom/login?next=%0d%0aX").await;
    assert_eq!(form.status, 200);
    assert_eq!(
        attr(&form.html(), "input[name=next]", "value").as_deref(),
        Some("/newsroom/")
    );
    let res = browser
        .client
        .post(format!("{}/newsroom/login", app.base))
        .header("cookie", format!("dl_login={token}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "email=ana%40example.org&password={}&csrf={token}&next=%0d%0aX",
            PASSWORD.replace(' ', "+")
        ))
        .send()
        .await
        .expect("answered");
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.store().session_count(id).await.expect("count"), 0);

    // The second factor's form likewise.
    let secret = dateline_auth::totp::new_secret();
    app.store()
        .set_totp(id, Some(&secret), OffsetDateTime::now_utc())
        .await
        .expect("totp on");
    assert_eq!(
        browser.try_login("ana@example.org", PASSWORD).await.status,
        303
    );
    let page = browser.get("/newsroom/login/code").await;
    let code_token = attr(&page.html(), "input[name=csrf]", "value").expect("token");
    let code = dateline_auth::totp::code_at(&secret, OffsetDateTime::now_utc().unix_timestamp())
        .expect("a code");
    let res = browser
        .post_plain(
            "/newsroom/login/code",
            &[
                ("code", &code),
                ("csrf", &code_token),
                ("next", "/newsroom/\r\nX"),
            ],
        )
        .await;
    assert_eq!(res.status, 400);
    // The half-way session was not made whole, and the code is not spent.
    let res = browser
        .post_plain(
            "/newsroom/login/code",
            &[
                ("code", &code),
                ("csrf", &code_token),
                ("next", "/newsroom/"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text());
    app.stop().await;
}

const SEED: &str =
    "/en/world/2016/10/04/u-s-suspends-negotiations-with-russia-over-syria-ceasefire";

#[tokio::test]
async fn a_crafted_back_on_the_moderation_form_changes_nothing() {
    let _serial = ONE_AT_A_TIME.lock().await;
    let app = TestApp::with_demo().await;
    app.set_setting("comments.min_seconds", "0").await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    let editor = Desk::login(&app, "ed@example.org").await;
    let page = app.get(SEED).await;
    let token = attr(&page.html(), "form.comment-form input[name=token]", "value")
        .expect("the comment form carries a token");
    let posted = app
        .client
        .post(format!("{}{SEED}/comments", app.base))
        .form(&[
            ("name", "Ana"),
            ("email", "ana@example.org"),
            ("body", "A fair account of the talks."),
            ("token", &token),
        ])
        .send()
        .await
        .expect("answered");
    assert_eq!(posted.status(), 303);
    let queue = app
        .store()
        .moderation_queue(None, None, 10)
        .await
        .expect("queue");
    let comment = queue.first().expect("the comment");
    let (id, status) = (comment.id.to_string(), comment.status);

    let res = editor
        .post(
            "/newsroom/comments",
            &[
                ("action", "approve"),
                ("id", &id),
                ("back", "/newsroom/comments\r\nX"),
            ],
        )
        .await;
    assert_eq!(res.status, 400, "{}", res.text());
    let after = app
        .store()
        .moderation_queue(None, None, 10)
        .await
        .expect("queue");
    assert_eq!(after.first().map(|c| c.status), Some(status));
    app.stop().await;
}

// Cookies and HSTS over HTTPS.

/// A site whose public URL is https (a TLS proxy in front), served here
/// over plain HTTP on loopback as the proxy would reach it.
async fn https_site(base_url: &str, hsts: Option<u64>, demo: bool) -> TestApp {
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
        base_url: Some(base_url.to_string()),
        demo,
        hsts,
        ..dateline::config::Config::default()
    };
    let running = dateline::server::start(&config)
        .await
        .expect("the server starts");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !running.state.app.discovery.is_ready() {
        assert!(std::time::Instant::now() < deadline, "the index is built");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let base = format!("http://{}", running.addr);
    TestApp {
        running: Some(running),
        config,
        base,
        client: burst_client(),
        dir,
        share,
        database,
    }
}

/// The `Set-Cookie` header whose cookie is `name`.
fn set_cookie<'a>(reply: &'a Reply, name: &str) -> Option<&'a str> {
    reply
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(&format!("{name}=")))
}

fn cookie_value(set_cookie: &str) -> String {
    set_cookie
        .split(';')
        .next()
        .and_then(|kv| kv.split_once('='))
        .map(|(_, v)| v.to_string())
        .expect("a value")
}

#[tokio::test]
async fn over_https_newsroom_cookies_carry_the_host_prefix() {
    let _serial = ONE_AT_A_TIME.lock().await;
    let app = https_site("https://news.example.test", None, false).await;
    make_user(&app, "ana@example.org", Role::Editor).await;

    let form = app.get("/newsroom/login").await;
    let login = set_cookie(&form, "__Host-dl_login").expect("a __Host- login cookie");
    for part in ["; Path=/;", "; Secure", "; HttpOnly", "; SameSite=Lax"] {
        assert!(login.contains(part), "{login}");
    }
    assert!(!login.to_ascii_lowercase().contains("domain="), "{login}");
    assert!(set_cookie(&form, "dl_login").is_none());
    let token = cookie_value(login);

    let send = |cookie: String| {
        app.client
            .post(format!("{}/newsroom/login", app.base))
            .header("cookie", cookie)
            .form(&[
                ("email", "ana@example.org"),
                ("password", PASSWORD),
                ("csrf", token.as_str()),
                ("next", "/newsroom/"),
            ])
            .send()
    };
    // The unprefixed name, which anyone could plant, is not read over HTTPS.
    let planted = send(format!("dl_login={token}")).await.expect("answered");
    assert_eq!(planted.status(), StatusCode::FORBIDDEN);
    let ok = reply(
        send(format!("__Host-dl_login={token}"))
            .await
            .expect("answered"),
    )
    .await;
    assert_eq!(ok.status, 303, "{}", ok.text());
    let session = set_cookie(&ok, "__Host-dl_session").expect("a __Host- session cookie");
    for part in ["; Path=/;", "; Secure", "; HttpOnly", "; SameSite=Lax"] {
        assert!(session.contains(part), "{session}");
    }
    assert!(
        !session.to_ascii_lowercase().contains("domain="),
        "{session}"
    );
    let session = cookie_value(session);

    let desk = |cookie: String| {
        let app = &app;
        async move {
            app.get_with("/newsroom/", &[("cookie", cookie.as_str())])
                .await
                .status
        }
    };
    assert_eq!(desk(format!("__Host-dl_session={session}")).await, 200);
    assert_eq!(
        desk(format!("dl_session={session}")).await,
        303,
        "an unprefixed session cookie is not read over HTTPS"
    );
    app.stop().await;

    // Over plain HTTP (a site on a laptop) the names and scope stay.
    let local = TestApp::empty().await;
    let form = local.get("/newsroom/login").await;
    let login = set_cookie(&form, "dl_login").expect("the plain login cookie");
    assert!(login.contains("; Path=/newsroom;"), "{login}");
    assert!(!login.contains("Secure"), "{login}");
    local.stop().await;
}

#[tokio::test]
async fn hsts_is_sent_on_every_response_of_an_https_site_that_asks_for_it() {
    let _serial = ONE_AT_A_TIME.lock().await;
    let app = https_site("https://news.example.test", Some(63_072_000), true).await;
    // The front page twice (rendered, then from the page cache), a feed,
    // a 404, health, and the newsroom.
    for path in [
        "/en/",
        "/en/",
        "/en/feed.xml",
        "/en/no-such-section/",
        "/healthz",
        "/newsroom/login",
    ] {
        let r = app.get(path).await;
        assert_eq!(
            r.header("strict-transport-security"),
            Some("max-age=63072000"),
            "{path}: {}",
            r.status
        );
    }
    app.stop().await;

    // Not by default, and never when the site is not served over HTTPS.
    let default = https_site("https://news.example.test", None, true).await;
    for path in ["/en/", "/en/", "/newsroom/login"] {
        assert_eq!(
            default.get(path).await.header("strict-transport-security"),
            None
        );
    }
    default.stop().await;
    let plain = https_site("http://news.example.test", Some(63_072_000), true).await;
    for path in ["/en/", "/en/", "/newsroom/login"] {
        assert_eq!(
            plain.get(path).await.header("strict-transport-security"),
            None
        );
    }
    plain.stop().await;
}
