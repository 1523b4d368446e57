//! What careless clients and attackers send to the public site: HEAD
//! requests, query and path variants, spoofed proxy headers, slow bodies and
//! floods of connections. Each test fails on the defect it is named after.

use crate::support;

use reqwest::StatusCode;
use support::{attr, texts, TestApp};
use time::OffsetDateTime;

/// Every kind of public page the page cache keeps.
async fn cached_kinds(app: &TestApp) -> Vec<String> {
    let front = app.get("/en/").await.html();
    let article = attr(&front, ".card-lead a", "href").expect("a lead story");
    let page = app.get(&article).await.html();
    let tag = attr(&page, ".tags a", "href").expect("a tag");
    let mut paths: Vec<String> = [
        "/en/",
        "/ar/",
        "/en/world/",
        "/en/feed.xml",
        "/en/atom.xml",
        "/en/feed.json",
        "/en/world/feed.xml",
        "/sitemap.xml",
        "/sitemaps/en-1.xml",
        "/sitemaps/pages.xml",
        "/news-sitemap.xml",
        "/en/corrections/",
        "/en/programmes/",
        "/en/programmes/newscast/",
        "/en/programmes/newscast/podcast.xml",
    ]
    .iter()
    .map(|p| p.to_string())
    .collect();
    paths.push(article);
    paths.push(tag);
    paths
}

async fn head(app: &TestApp, path: &str) -> support::Reply {
    let res = app
        .client
        .head(format!("{}{path}", app.base))
        .send()
        .await
        .expect("answered");
    support::Reply {
        status: res.status(),
        headers: res.headers().clone(),
        body: res.bytes().await.expect("body").to_vec(),
    }
}

#[tokio::test]
async fn a_head_request_never_blanks_a_page() {
    let app = TestApp::with_demo().await;
    for path in cached_kinds(&app).await {
        app.running.as_ref().expect("running").state.cache.clear();
        // The HEAD comes first, on an empty cache, as an uptime monitor's would.
        let h = head(&app, &path).await;
        assert_eq!(h.status, StatusCode::OK, "HEAD {path}");
        assert!(h.body.is_empty(), "HEAD {path} has no body");
        let length: usize = h
            .header("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("HEAD {path} says how long the page is"));
        let g = app.get(&path).await;
        assert_eq!(g.status, StatusCode::OK, "GET {path}");
        assert!(g.body.len() > 100, "GET {path} after a HEAD has its page");
        assert_eq!(g.body.len(), length, "HEAD and GET of {path} agree");
        assert_eq!(h.header("etag"), g.header("etag"), "{path}");
        assert_eq!(h.header("content-type"), g.header("content-type"));
        // And a HEAD answered from the cache keeps its headers too.
        let again = head(&app, &path).await;
        assert_eq!(
            again.header("content-length"),
            Some(length.to_string().as_str())
        );
        assert!(again.body.is_empty());
    }
    app.stop().await;
}

/// A section with 25 articles: two pages of 20 and 5.
async fn two_pages(app: &TestApp) {
    let now = OffsetDateTime::now_utc();
    app.store()
        .ensure_section(dateline_core::Language::En, "briefs")
        .await
        .expect("section");
    for i in 0..25 {
        let mut input = article_input(&format!("Brief number {i}"));
        input.published_at = Some(now - time::Duration::minutes(i));
        app.store()
            .save_article(None, &input, now)
            .await
            .expect("save");
    }
    app.eventually("/en/briefs/", |r| r.status == StatusCode::OK)
        .await;
}

fn article_input(headline: &str) -> dateline_core::ArticleInput {
    dateline_core::ArticleInput {
        language: dateline_core::Language::En,
        section: "briefs".into(),
        slug: dateline_core::slug::slugify(headline),
        headline: headline.into(),
        standfirst: Some("A standfirst.".into()),
        dateline: None,
        dateline_date: None,
        byline: None,
        tags: vec!["Briefs".into()],
        body_markdown: "A paragraph.\n\nAnother paragraph.".into(),
        status: dateline_core::Status::Published,
        published_at: Some(OffsetDateTime::now_utc()),
        story_key: None,
        source_key: None,
        image_id: None,
        audio_id: None,
        programme_id: None,
    }
}

fn first_headline(reply: &support::Reply) -> String {
    texts(&reply.html(), ".card-headline").remove(0)
}

#[tokio::test]
async fn an_encoded_query_name_cannot_file_page_two_as_page_one() {
    let app = TestApp::with_demo().await;
    two_pages(&app).await;
    for poison in [
        "/en/briefs/?pag%65=2",
        "/en/briefs/?%70age=2",
        "/en/briefs/?page=2&page=2",
        "/en/briefs/?page=%32",
        "/en/briefs/?utm_source=x&pag%65=2",
    ] {
        app.running.as_ref().expect("running").state.cache.clear();
        let poisoned = app.get(poison).await;
        // Whatever the handler made of it, page 1 stays page 1.
        if poisoned.status == StatusCode::OK {
            assert_eq!(first_headline(&poisoned), "Brief number 20", "{poison}");
        }
        let first = app.get("/en/briefs/").await;
        assert_eq!(first.status, StatusCode::OK);
        assert_eq!(first_headline(&first), "Brief number 0", "after {poison}");
        assert_eq!(texts(&first.html(), ".card-headline").len(), 20);
    }
    // `?page=1` is page 1, and shares its entry.
    let one = app.get("/en/briefs/?page=1").await;
    let plain = app.get("/en/briefs/").await;
    assert_eq!(one.header("etag"), plain.header("etag"));
    let two = app.get("/en/briefs/?page=2").await;
    assert_eq!(first_headline(&two), "Brief number 20");
    app.stop().await;
}

#[tokio::test]
async fn query_and_path_variants_do_not_grow_the_cache() {
    let app = TestApp::with_demo().await;
    let state = &app.running.as_ref().expect("running").state;
    let feed = app.get("/en/feed.xml").await;
    assert_eq!(feed.status, StatusCode::OK);
    let front = app.get("/en/").await;
    let held = state.cache.len();
    // Routes that read no page number: every variant is the same page.
    let mut variants = Vec::new();
    for n in 1..=3000 {
        variants.push(format!("/en/feed.xml?page={n}"));
    }
    for n in 1..=200 {
        variants.push(format!("/en/?page={n}"));
        variants.push(format!("/en/?utm_source=n{n}"));
    }
    let mut replies = Vec::new();
    for path in variants {
        let reply = app.get(&path).await;
        replies.push((path, reply));
    }
    for (path, reply) in &replies {
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        let expected = if path.starts_with("/en/feed.xml") {
            &feed
        } else {
            &front
        };
        assert_eq!(reply.header("etag"), expected.header("etag"), "{path}");
    }
    assert_eq!(
        state.cache.len(),
        held,
        "no variant took an entry of its own"
    );

    // Other spellings of a path are answered, never kept.
    for path in [
        "/en/%77orld/",
        "/%65n/",
        "/en/world/%2e%2e/",
        "/en/w%6frld/feed.xml",
    ] {
        let reply = app.get(path).await;
        assert_ne!(reply.status, StatusCode::INTERNAL_SERVER_ERROR, "{path}");
    }
    assert!(state.cache.len() <= held, "no other spelling was kept");
    app.stop().await;
}

#[tokio::test]
async fn the_cache_is_bounded_by_bytes() {
    let app = TestApp::configured(|c| c.cache_mib = 1).await;
    let state = &app.running.as_ref().expect("running").state;
    // 80 articles with long bodies: their pages are far more than a mebibyte.
    let now = OffsetDateTime::now_utc();
    app.store()
        .ensure_section(dateline_core::Language::En, "briefs")
        .await
        .expect("section");
    let paragraph = "A long paragraph of reporting that fills the page. ".repeat(40);
    for i in 0..80 {
        let mut input = article_input(&format!("Long brief {i}"));
        input.body_markdown = [paragraph.as_str(); 6].join("\n\n");
        input.published_at = Some(now - time::Duration::minutes(i));
        app.store()
            .save_article(None, &input, now)
            .await
            .expect("save");
    }
    app.eventually("/en/briefs/?page=4", |r| r.status == StatusCode::OK)
        .await;
    // Every save has reached the cache, so no list page below is one
    // rendered halfway through them.
    app.settle().await;
    let mut paths = Vec::new();
    for n in 1..=4 {
        let list = app.get(&format!("/en/briefs/?page={n}")).await.html();
        let sel = scraper::Selector::parse(".card-headline a").expect("selector");
        paths.extend(
            list.select(&sel)
                .filter_map(|a| a.value().attr("href").map(String::from)),
        );
    }
    assert_eq!(paths.len(), 80);
    let mut served = 0usize;
    for round in 0..2 {
        for path in &paths {
            let reply = app.get(path).await;
            assert_eq!(reply.status, StatusCode::OK, "{path}");
            if round == 0 {
                served += reply.body.len();
            }
        }
    }
    assert!(
        served > 1024 * 1024,
        "the pages ({served} bytes) exceed the cache"
    );
    let held = state.cache.bytes();
    assert!(
        held <= 1024 * 1024,
        "the cache holds {held} bytes, more than its mebibyte"
    );
    assert!(held > 0, "and still holds pages");
    app.stop().await;
}

/// A comment form's fields, with a fresh token from the article page.
async fn comment(app: &TestApp, article: &str, n: u32, forwarded: &str) -> StatusCode {
    let page = app.get(article).await.html();
    let token = attr(&page, "input[name=token]", "value").expect("a form token");
    let email = format!("reader{n}@example.org");
    let body = format!("Comment number {n}, from somewhere.");
    let form = [
        ("name", "Ana"),
        ("email", email.as_str()),
        ("body", body.as_str()),
        ("token", token.as_str()),
    ];
    app.client
        .post(format!("{}{article}/comments", app.base))
        .header("x-forwarded-for", forwarded)
        .form(&form)
        .send()
        .await
        .expect("answered")
        .status()
}

#[tokio::test]
async fn only_a_trusted_proxy_names_the_reader() {
    // The test's own address (loopback) is not among the trusted proxies.
    let app = TestApp::configured(|c| c.trusted_proxies = vec!["192.0.2.0/24".into()]).await;
    for (key, value) in [
        ("comments.min_seconds", "0"),
        ("comments.rate_per_address", "2"),
    ] {
        app.set_setting(key, value).await;
    }
    let front = app.get("/en/").await.html();
    let article = attr(&front, ".card-lead a", "href").expect("a lead story");
    assert_eq!(
        comment(&app, &article, 1, "203.0.113.5").await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        comment(&app, &article, 2, "203.0.113.6").await,
        StatusCode::SEE_OTHER
    );
    // A third "reader" with a forged address is the same client.
    assert_eq!(
        comment(&app, &article, 3, "198.51.100.7").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Nor may it claim https for the newsroom's cookies.
    let login = app
        .get_with("/newsroom/login", &[("x-forwarded-proto", "https")])
        .await;
    let cookies: Vec<&str> = login
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    assert!(!cookies.is_empty(), "the login form sets its cookie");
    assert!(
        cookies.iter().all(|c| !c.contains("Secure")),
        "a client's X-Forwarded-Proto made a cookie Secure: {cookies:?}"
    );
    app.stop().await;

    // Behind a trusted proxy, its word counts.
    let app = TestApp::behind_proxy().await;
    let login = app
        .get_with("/newsroom/login", &[("x-forwarded-proto", "https")])
        .await;
    assert!(login
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|c| c.contains("Secure")));
    app.stop().await;
}

#[test]
fn a_bad_trusted_proxy_is_refused_with_its_name() {
    let config = dateline::config::Config {
        trusted_proxies: vec!["10.0.0.0/8".into(), "not-an-address".into()],
        ..Default::default()
    };
    let error = config.trusted_proxies().expect_err("refused").to_string();
    assert!(error.contains("not-an-address"), "{error}");
    let config = dateline::config::Config {
        trusted_proxies: vec!["10.1.2.3".into(), "2001:db8::/32".into()],
        ..Default::default()
    };
    assert_eq!(config.trusted_proxies().expect("accepted").len(), 2);
}

/// Sends a request head that promises a body, then one byte a second;
/// returns when the server answers or hangs up, and how long that took.
async fn slow_body(app: &TestApp, path: &str) -> (std::time::Duration, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = app.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.expect("head");
    let started = std::time::Instant::now();
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        tokio::select! {
            read = stream.read(&mut buf) => match read {
                Ok(0) | Err(_) => break,
                Ok(n) => answer.extend_from_slice(&buf[..n]),
            },
            () = tokio::time::sleep(std::time::Duration::from_secs(1)) => {
                if stream.write_all(b"a").await.is_err() {
                    break;
                }
            }
        }
        if started.elapsed() > std::time::Duration::from_secs(90) {
            break;
        }
    }
    (
        started.elapsed(),
        String::from_utf8_lossy(&answer).into_owned(),
    )
}

#[tokio::test]
async fn a_slow_body_is_dropped_within_the_request_timeout() {
    let app = TestApp::with_demo().await;
    let (login, comments) = tokio::join!(
        slow_body(&app, "/newsroom/login"),
        slow_body(&app, "/en/world/2016/10/04/x/comments"),
    );
    for (what, (took, answer)) in [("login", login), ("comment", comments)] {
        assert!(
            took < std::time::Duration::from_secs(40),
            "a slow {what} body held its connection for {took:?}"
        );
        assert!(
            answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
            "{what}: {answer}"
        );
    }
    app.stop().await;
}

#[tokio::test]
async fn one_address_cannot_hold_every_connection() {
    let app = TestApp::configured(|c| c.connections_per_address = 32).await;
    let addr = app.base.trim_start_matches("http://").to_string();
    // Idle connections, as a slowloris opens them.
    let mut held = Vec::new();
    for _ in 0..32 {
        held.push(
            tokio::net::TcpStream::connect(&addr)
                .await
                .expect("connect"),
        );
    }
    // The next one from the same address is closed at once.
    use tokio::io::AsyncReadExt;
    let mut extra = tokio::net::TcpStream::connect(&addr)
        .await
        .expect("connect");
    let mut buf = [0u8; 1];
    let read = tokio::time::timeout(std::time::Duration::from_secs(5), extra.read(&mut buf)).await;
    assert!(
        matches!(read, Ok(Ok(0)) | Ok(Err(_))),
        "the 33rd connection from one address was refused: {read:?}"
    );
    // Once they go, the address is served again.
    drop(held);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let ok = app
            .client
            .get(format!("{}/healthz", app.base))
            .send()
            .await
            .is_ok_and(|r| r.status() == StatusCode::OK);
        if ok {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "served again");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.stop().await;
}

#[tokio::test]
async fn every_answer_names_its_request_and_a_client_cannot_choose_the_name() {
    let app = TestApp::with_demo().await;
    let mut seen = std::collections::HashSet::new();
    // A page twice (rendered, then from the cache), a missing page, a
    // newsroom page, and a HEAD.
    for (method, path) in [
        (reqwest::Method::GET, "/en/"),
        (reqwest::Method::GET, "/en/"),
        (reqwest::Method::GET, "/en/no-such-page"),
        (reqwest::Method::GET, "/newsroom/login"),
        (reqwest::Method::HEAD, "/en/"),
    ] {
        let res = app
            .client
            .request(method.clone(), format!("{}{path}", app.base))
            .header("x-request-id", "chosen-by-the-client")
            .send()
            .await
            .expect("answered");
        let id = res
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_else(|| panic!("{method} {path} answered without a request id"))
            .to_string();
        assert_ne!(id, "chosen-by-the-client", "{method} {path}");
        assert!(
            seen.insert(id.clone()),
            "{method} {path} reused the id {id}"
        );
    }
}
