//! The public site as readers meet it: real server, real HTML.

use crate::support;

use dateline_core::{NoteKind, Status};
use reqwest::StatusCode;
use std::io::Read;
use support::{attr, texts, TestApp};
use time::OffsetDateTime;

const SEED: &str =
    "/en/world/2016/10/04/u-s-suspends-negotiations-with-russia-over-syria-ceasefire";

async fn seed_id(app: &TestApp) -> i64 {
    match app
        .store()
        .lookup_path(SEED)
        .await
        .expect("the seed is there")
    {
        dateline_store::PathLookup::Article(a) => a.id,
        other => panic!("expected the seed article, got {other:?}"),
    }
}

#[tokio::test]
async fn the_seed_article_reads_like_the_original() {
    let app = TestApp::with_demo().await;
    let reply = app.get(SEED).await;
    assert_eq!(reply.status, StatusCode::OK);
    let html = reply.html();
    assert_eq!(attr(&html, "html", "lang").as_deref(), Some("en"));
    assert_eq!(attr(&html, "html", "dir").as_deref(), Some("ltr"));
    assert_eq!(
        texts(&html, "h1"),
        ["U.S. Suspends Negotiations with Russia over Syria Ceasefire"]
    );
    assert_eq!(texts(&html, ".dateline"), ["Washington, October 4 (RHC) —"]);
    // The house style by default runs the dateline into the first
    // paragraph, as the seed's page does.
    let paragraphs = texts(&html, ".story-body > p");
    assert_eq!(paragraphs.len(), 9, "{paragraphs:#?}");
    assert!(
        paragraphs[0].starts_with(
            "Washington, October 4 (RHC) — The United States has suspended negotiations with Russia"
        ),
        "{}",
        paragraphs[0]
    );
    assert!(paragraphs[1].starts_with("\"The United States is suspending its participation"));
    assert!(paragraphs[5].contains("last Monday’s deadly strike"));
    let body = texts(&html, ".story-body").join(" ");
    for furniture in [
        "Related Articles",
        "Commentaries",
        "MAKE A COMMENT",
        "All fields required",
        "More Views",
        "ELAM Alumni",
    ] {
        assert!(
            !body.contains(furniture),
            "furniture {furniture:?} in the body"
        );
    }
    // Structured data and cards, for search engines and social networks.
    let ld = texts(&html, "script[type='application/ld+json']").join("");
    let data: serde_json::Value = serde_json::from_str(&ld).expect("JSON-LD parses");
    let news = &data[0];
    assert_eq!(news["@type"], "NewsArticle");
    assert_eq!(
        news["headline"],
        "U.S. Suspends Negotiations with Russia over Syria Ceasefire"
    );
    assert_eq!(news["inLanguage"], "en");
    assert_eq!(news["isAccessibleForFree"], true);
    assert_eq!(news["dateline"], "Washington, October 4 (RHC)");
    assert!(news["datePublished"]
        .as_str()
        .unwrap_or("")
        .starts_with("2016-10-04T12:00:00"));
    assert_eq!(news["publisher"]["name"], "Dateline");
    assert_eq!(news["url"], format!("{}{SEED}", app.base));
    assert_eq!(data[1]["@type"], "BreadcrumbList");
    assert_eq!(data[1]["itemListElement"][1]["name"], "World");
    assert_eq!(
        attr(&html, "meta[property='og:type']", "content").as_deref(),
        Some("article")
    );
    assert_eq!(
        attr(&html, "meta[property='og:url']", "content"),
        Some(format!("{}{SEED}", app.base))
    );
    assert_eq!(
        attr(&html, "meta[name='twitter:card']", "content").as_deref(),
        Some("summary")
    );
    let description = attr(&html, "meta[name=description]", "content").expect("a description");
    assert!(
        description.starts_with("The United States has suspended negotiations")
            && description.ends_with('…'),
        "{description}"
    );
    assert!(description.chars().count() <= 156);
    let canonical = attr(&html, "link[rel=canonical]", "href").expect("canonical");
    assert_eq!(canonical, format!("{}{}", app.base, SEED));
    app.stop().await;
}

#[tokio::test]
async fn front_pages_per_language_with_direction() {
    let app = TestApp::with_demo().await;
    let en = app.get("/en/").await;
    assert_eq!(en.status, StatusCode::OK);
    let html = en.html();
    assert_eq!(attr(&html, "html", "dir").as_deref(), Some("ltr"));
    let sections = texts(&html, ".sections a");
    assert_eq!(
        sections,
        [
            "Front page",
            "World",
            "Americas",
            "Cuba",
            "Science",
            "Culture",
            "Sport",
            "Programmes"
        ]
    );
    // The lead, five featured stories beside it, then the sections' rails.
    assert_eq!(
        texts(&html, ".top-stories .card-lead .card-headline").len(),
        1
    );
    assert_eq!(
        texts(&html, ".top-stories .card-featured .card-headline").len(),
        5
    );
    assert!(texts(&html, ".rail .rail-heading").len() >= 4);
    // Each story once: the rails skip what the top already shows.
    let mut headlines = texts(&html, "main .card-headline");
    let shown = headlines.len();
    headlines.sort();
    headlines.dedup();
    assert_eq!(headlines.len(), shown, "a story shown twice");
    // The footer maps the site.
    let footer = texts(&html, ".site-footer a");
    for link in [
        "World",
        "Corrections",
        "RSS feed",
        "Programmes and podcasts",
        "العربية",
    ] {
        assert!(footer.iter().any(|f| f == link), "{link} not in {footer:?}");
    }

    let ar = app.get("/ar/").await;
    assert_eq!(ar.status, StatusCode::OK);
    let html = ar.html();
    assert_eq!(attr(&html, "html", "lang").as_deref(), Some("ar"));
    assert_eq!(attr(&html, "html", "dir").as_deref(), Some("rtl"));
    assert!(texts(&html, ".sections a").contains(&"العالم".to_string()));
    let langs = texts(&html, ".languages a");
    assert!(
        langs.contains(&"English".to_string()) && langs.contains(&"العربية".to_string()),
        "{langs:?}"
    );

    let root = app.get("/").await;
    assert!(root.status.is_redirection());
    assert_eq!(root.header("location"), Some("/en/"));
    app.stop().await;
}

#[tokio::test]
async fn arabic_article_is_right_to_left() {
    let app = TestApp::with_demo().await;
    let front = app.get("/ar/").await.html();
    let href = attr(&front, ".top-stories .card-headline a", "href").expect("an Arabic article");
    let reply = app.get(&href).await;
    assert_eq!(reply.status, StatusCode::OK, "{href}");
    let html = reply.html();
    assert_eq!(attr(&html, "html", "dir").as_deref(), Some("rtl"));
    assert_eq!(attr(&html, "article.story", "lang").as_deref(), Some("ar"));
    app.stop().await;
}

#[tokio::test]
async fn sections_tags_and_authors_list_and_paginate() {
    let app = TestApp::with_demo().await;
    let world = app.get("/en/world/").await;
    assert_eq!(world.status, StatusCode::OK);
    let html = world.html();
    assert_eq!(texts(&html, "h1"), ["World"]);
    assert!(texts(&html, ".card-headline")
        .iter()
        .any(|h| h.contains("Syria Ceasefire")));

    // Past the last page is a 404; a page that is not a number is a 400.
    assert_eq!(
        app.get("/en/world/?page=2").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/en/world/?page=abc").await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.get("/en/world/?page=0").await.status,
        StatusCode::BAD_REQUEST
    );
    let slashless = app.get("/en/world").await;
    assert_eq!(slashless.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(slashless.header("location"), Some("/en/world/"));

    // A tag page, reached from the lead story's tags.
    let front = app.get("/en/").await.html();
    let lead = attr(&front, ".card-lead a", "href").expect("a lead story");
    let lead_page = app.get(&lead).await.html();
    let lead_headline = texts(&lead_page, "h1").remove(0);
    let tag_href = attr(&lead_page, ".tags a", "href").expect("demo stories carry tags");
    assert!(tag_href.starts_with("/en/tag/"), "{tag_href}");
    let tag = app.get(&tag_href).await;
    assert_eq!(tag.status, StatusCode::OK);
    assert!(texts(&tag.html(), ".card-headline").contains(&lead_headline));

    // An author page, reached from a byline.
    let front = app.get("/en/").await.html();
    let mut found_author = false;
    let sel = scraper::Selector::parse(".card-headline a").expect("selector");
    let hrefs: Vec<String> = front
        .select(&sel)
        .filter_map(|a| a.value().attr("href").map(String::from))
        .collect();
    for href in hrefs {
        let page = app.get(&href).await.html();
        if let Some(author) = attr(&page, ".byline a", "href") {
            let byline = texts(&page, ".byline").join(" ");
            let author_page = app.get(&author).await;
            assert_eq!(author_page.status, StatusCode::OK, "{author}");
            let heading = texts(&author_page.html(), "h1").join(" ");
            assert!(
                byline.contains(heading.trim_start_matches("Articles by ")),
                "{byline} / {heading}"
            );
            found_author = true;
            break;
        }
    }
    assert!(
        found_author,
        "some demo article has a byline with an author page"
    );

    // Pagination: 25 articles in a section of its own give two pages.
    let now = OffsetDateTime::now_utc();
    app.store()
        .ensure_section(dateline_core::Language::En, "briefs")
        .await
        .expect("section");
    for i in 0..25 {
        let mut input = article_input(&format!("Brief number {i}"));
        input.section = "briefs".into();
        input.published_at = Some(now - time::Duration::minutes(i));
        app.store()
            .save_article(None, &input, now)
            .await
            .expect("save");
    }
    let first = app
        .eventually("/en/briefs/", |r| r.status == StatusCode::OK)
        .await;
    let html = first.html();
    assert_eq!(texts(&html, ".card-headline").len(), 20);
    assert_eq!(texts(&html, ".card-headline")[0], "Brief number 0");
    assert_eq!(
        attr(&html, "a[rel=next]", "href").as_deref(),
        Some("/en/briefs/?page=2")
    );
    let second = app.get("/en/briefs/?page=2").await;
    assert_eq!(second.status, StatusCode::OK);
    let html = second.html();
    assert_eq!(texts(&html, ".card-headline").len(), 5);
    assert_eq!(texts(&html, ".pagination p"), ["Page 2 of 2"]);
    assert_eq!(
        attr(&html, "a[rel=prev]", "href").as_deref(),
        Some("/en/briefs/")
    );
    app.stop().await;
}

fn article_input(headline: &str) -> dateline_core::ArticleInput {
    dateline_core::ArticleInput {
        language: dateline_core::Language::En,
        section: "world".into(),
        slug: dateline_core::slug::slugify(headline),
        headline: headline.into(),
        standfirst: Some("A standfirst.".into()),
        dateline: None,
        dateline_date: None,
        byline: None,
        tags: vec!["Briefs".into()],
        body_markdown: "A paragraph.\n\nAnother paragraph.".into(),
        status: Status::Published,
        published_at: Some(OffsetDateTime::now_utc()),
        story_key: None,
        source_key: None,
        image_id: None,
        audio_id: None,
        programme_id: None,
    }
}

#[tokio::test]
async fn unknown_pages_are_404_in_the_site_frame() {
    let app = TestApp::with_demo().await;
    for path in [
        "/en/world/2016/10/04/no-such-story",
        "/en/no-such-section/",
        "/de/",
        "/EN/",
        "/en/tag/no-such-tag",
        "/en/author/nobody",
        "/nothing/here/at/all",
    ] {
        let reply = app.get(path).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        let html = reply.html();
        assert_eq!(texts(&html, "h1"), ["Page not found"], "{path}");
        assert!(attr(&html, "html", "lang").is_some());
    }
    let es = app.get("/es/no-existe/").await;
    assert_eq!(attr(&es.html(), "html", "lang").as_deref(), Some("es"));
    app.stop().await;
}

#[tokio::test]
async fn unpublished_is_410_and_changed_slug_is_301() {
    let app = TestApp::with_demo().await;
    let id = seed_id(&app).await;
    let now = OffsetDateTime::now_utc();

    let mut input = app.store().article_input(id).await.expect("input");
    input.slug = "us-suspends-syria-talks".into();
    input.headline = "U.S. Suspends Syria Talks with Russia".into();
    app.store()
        .save_article(Some(id), &input, now)
        .await
        .expect("save");
    let new_path = "/en/world/2016/10/04/us-suspends-syria-talks";
    let moved = app
        .eventually(SEED, |r| r.status == StatusCode::MOVED_PERMANENTLY)
        .await;
    assert_eq!(moved.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(moved.header("location"), Some(new_path));
    let html = app.get(new_path).await.html();
    assert_eq!(
        texts(&html, "h1"),
        ["U.S. Suspends Syria Talks with Russia"]
    );

    app.store()
        .set_status(id, Status::Unpublished, now)
        .await
        .expect("unpublish");
    let gone = app
        .eventually(new_path, |r| r.status == StatusCode::GONE)
        .await;
    assert_eq!(gone.status, StatusCode::GONE);
    assert_eq!(
        texts(&gone.html(), "h1"),
        ["This article has been withdrawn"]
    );
    assert_eq!(
        app.get(SEED).await.status,
        StatusCode::GONE,
        "the old path is gone too"
    );
    // It leaves the lists.
    let world = app.get("/en/world/").await;
    assert!(!texts(&world.html(), ".card-headline")
        .iter()
        .any(|h| h.contains("Syria Talks")));
    app.stop().await;
}

#[tokio::test]
async fn corrections_show_on_the_article() {
    let app = TestApp::with_demo().await;
    let id = seed_id(&app).await;
    let now = OffsetDateTime::now_utc();
    app.store()
        .add_note(
            id,
            NoteKind::Correction,
            "An earlier version misstated the date of the Geneva talks.",
            now,
        )
        .await
        .expect("note");
    let reply = app
        .eventually(SEED, |r| r.text().contains("Corrections and updates"))
        .await;
    let html = reply.html();
    let notes = texts(&html, ".notes li");
    // The correction is in the structured data too.
    let ld = texts(&html, "script[type='application/ld+json']").join("");
    let data: serde_json::Value = serde_json::from_str(&ld).expect("JSON-LD parses");
    assert_eq!(data[0]["correction"][0]["@type"], "CorrectionComment");
    assert!(data[0]["correction"][0]["text"]
        .as_str()
        .unwrap_or("")
        .contains("Geneva talks"));
    assert_eq!(notes.len(), 1);
    assert!(notes[0].starts_with("Correction"));
    assert!(notes[0].contains("misstated the date of the Geneva talks"));
    assert!(!texts(&html, ".updated").is_empty());
    app.stop().await;
}

#[tokio::test]
async fn etag_304_and_compression() {
    let app = TestApp::with_demo().await;
    let plain = app.get(SEED).await;
    assert_eq!(plain.status, StatusCode::OK);
    assert_eq!(plain.header("content-encoding"), None);
    let etag = plain.header("etag").expect("an ETag").to_string();
    assert!(plain.header("cache-control").is_some());

    let again = app.get_with(SEED, &[("if-none-match", &etag)]).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    let other = app
        .get_with(SEED, &[("if-none-match", "\"something-else\"")])
        .await;
    assert_eq!(other.status, StatusCode::OK);

    let gz = app.get_with(SEED, &[("accept-encoding", "gzip")]).await;
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    let mut decoded = Vec::new();
    flate2::read::GzDecoder::new(&gz.body[..])
        .read_to_end(&mut decoded)
        .expect("gunzip");
    assert_eq!(decoded, plain.body);
    assert!(gz.body.len() < plain.body.len() / 2);

    let br = app
        .get_with(SEED, &[("accept-encoding", "gzip, deflate, br")])
        .await;
    assert_eq!(br.header("content-encoding"), Some("br"));
    let mut decoded = Vec::new();
    brotli::Decompressor::new(&br.body[..], 4096)
        .read_to_end(&mut decoded)
        .expect("unbrotli");
    assert_eq!(decoded, plain.body);
    assert_eq!(br.header("vary"), Some("Accept-Encoding"));

    // Error pages are compressed too.
    let missing = app
        .get_with("/en/nothing/", &[("accept-encoding", "gzip")])
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.header("content-encoding"), Some("gzip"));
    app.stop().await;
}

#[tokio::test]
async fn a_change_reaches_cached_pages() {
    let app = TestApp::with_demo().await;
    let before = app.get("/en/").await;
    assert_eq!(before.status, StatusCode::OK);
    let etag = before.header("etag").expect("etag").to_string();
    let now = OffsetDateTime::now_utc();
    app.store()
        .save_article(None, &article_input("Fresh news from the change feed"), now)
        .await
        .expect("save");
    let after = app
        .eventually("/en/", |r| {
            r.text().contains("Fresh news from the change feed")
        })
        .await;
    assert!(after.text().contains("Fresh news from the change feed"));
    assert_ne!(after.header("etag"), Some(etag.as_str()));
    app.stop().await;
}

#[tokio::test]
async fn assets_and_security_headers() {
    let app = TestApp::with_demo().await;
    let page = app.get("/en/").await;
    let css = attr(&page.html(), "link[rel=stylesheet]", "href").expect("stylesheet");
    assert!(
        css.starts_with("/static/style.") && css.ends_with(".css"),
        "{css}"
    );
    let asset = app.get(&css).await;
    assert_eq!(asset.status, StatusCode::OK);
    assert!(asset
        .header("cache-control")
        .unwrap_or("")
        .contains("immutable"));
    assert!(asset
        .header("content-type")
        .unwrap_or("")
        .starts_with("text/css"));
    assert_eq!(
        app.get("/static/style.css").await.status,
        StatusCode::NOT_FOUND
    );

    let csp = page.header("content-security-policy").expect("CSP");
    assert!(
        csp.contains("frame-ancestors 'none'")
            && csp.contains("script-src 'self'")
            && !csp.contains("unsafe-inline")
    );
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    assert!(page.header("referrer-policy").is_some());
    app.stop().await;
}

#[tokio::test]
async fn hostile_requests_get_clear_4xx() {
    let app = TestApp::with_demo().await;
    let long = format!("/en/{}", "a".repeat(20_000));
    let reply = app.get(&long).await;
    assert_eq!(reply.status, StatusCode::URI_TOO_LONG);
    // A percent-encoded invalid UTF-8 segment.
    let reply = app.get("/en/%FF%FE/").await;
    assert!(reply.status.is_client_error(), "{}", reply.status);
    // Markup in a path is never reflected unescaped.
    let reply = app.get("/en/%3Cscript%3Ealert(1)%3C%2Fscript%3E/").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(!reply.text().contains("<script>"));
    let reply = app
        .client
        .post(format!("{}/en/", app.base))
        .body(vec![b'x'; 2 * 1024 * 1024])
        .send()
        .await
        .expect("answered");
    assert!(reply.status().is_client_error(), "{}", reply.status());
    // And the server is still serving.
    assert_eq!(app.get("/en/").await.status, StatusCode::OK);
    app.stop().await;
}

#[tokio::test]
async fn the_demo_edition_loads_whole() {
    let app = TestApp::with_demo().await;
    let store = app.store();
    let mut counts = Vec::new();
    for lang in [
        dateline_core::Language::En,
        dateline_core::Language::Es,
        dateline_core::Language::Ar,
    ] {
        counts.push(store.latest(lang, 1, 0).await.expect("latest").total);
    }
    // 24 English stories and the seed; 11 Spanish; 9 Arabic.
    assert_eq!(counts, [25, 11, 9]);
    app.stop().await;
}

#[tokio::test]
async fn an_empty_site_still_has_a_front_page() {
    let app = TestApp::empty().await;
    let reply = app.get("/en/").await;
    assert_eq!(reply.status, StatusCode::OK);
    let html = reply.html();
    assert_eq!(
        texts(&html, ".empty"),
        ["Nothing has been published in this language on Dateline yet."]
    );
    // Not a page for search engines to keep.
    assert_eq!(
        attr(&html, "meta[name=robots]", "content").as_deref(),
        Some("noindex")
    );
    app.stop().await;
}

/// Raw bytes to the server; returns what it answered before closing.
async fn raw(app: &TestApp, request: &[u8]) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = app.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    stream.write_all(request).await.expect("write");
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(
        std::time::Duration::from_secs(15),
        stream.read_to_end(&mut answer),
    )
    .await;
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test]
async fn malformed_and_oversized_requests_get_4xx_and_the_server_goes_on() {
    let app = TestApp::with_demo().await;
    // Oversized body on the comment form: 413.
    let reply = app
        .client
        .post(format!("{}{SEED}/comments", app.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "name=a&email=a%40b.org&body={}",
            "x".repeat(2 * 1024 * 1024)
        ))
        .send()
        .await
        .expect("answered");
    assert_eq!(reply.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // An over-long header: 431.
    let big = format!(
        "GET /en/ HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "a".repeat(100 * 1024)
    );
    assert!(raw(&app, big.as_bytes()).await.starts_with("HTTP/1.1 431"));
    // A request line that is not HTTP: 400.
    assert!(raw(&app, b"HELLO THERE\r\n\r\n")
        .await
        .starts_with("HTTP/1.1 400"));
    // Invalid UTF-8 in a header value does not hurt.
    let odd = raw(
        &app,
        b"GET /en/ HTTP/1.1\r\nHost: x\r\nUser-Agent: \xff\xfe\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert!(
        odd.starts_with("HTTP/1.1 200"),
        "{}",
        &odd[..odd.len().min(40)]
    );
    // A slow client that never finishes its headers is cut off (10 s).
    let started = std::time::Instant::now();
    let slow = raw(&app, b"GET /en/ HTTP/1.1\r\nHost: x\r\nX-Slow: ").await;
    assert!(
        started.elapsed() < std::time::Duration::from_secs(14),
        "the connection was closed"
    );
    assert!(!slow.contains("200 OK"));
    assert_eq!(
        app.get("/en/").await.status,
        StatusCode::OK,
        "still serving"
    );
    app.stop().await;
}

#[tokio::test]
async fn favicon_and_robots() {
    let app = TestApp::with_demo().await;
    let page = app.get("/en/").await.html();
    let icon = attr(&page, "link[rel=icon]", "href").expect("an icon link");
    let reply = app.get(&icon).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("content-type"), Some("image/svg+xml"));
    let robots = app.get("/robots.txt").await;
    assert_eq!(robots.status, StatusCode::OK);
    assert!(robots.text().contains("User-agent: *"));
    assert!(attr(&page, "meta[name=description]", "content").is_some_and(|d| !d.is_empty()));
    app.stop().await;
}

/// Every card of a story with a lead image shows it, sized, with its
/// renditions; the lead story's picture is fetched first, the rails' lazily.
#[tokio::test]
async fn cards_show_the_lead_image_sized_with_its_renditions() {
    let app = TestApp::with_demo().await;
    // Newest first, as a site whose editors pinned nothing: the demo's
    // pictured stories then reach the rails too.
    app.store()
        .set_front_pins(
            dateline_core::Language::En,
            dateline_store::FRONT_PAGE,
            &[],
            None,
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("unpin");
    let rail_picture = scraper::Selector::parse(".rail img.card-picture").expect("selector");
    let html = app
        .eventually("/en/", |r| r.html().select(&rail_picture).next().is_some())
        .await
        .html();
    let lead = scraper::Selector::parse(".card-lead img.card-picture").expect("selector");
    let img = html
        .select(&lead)
        .next()
        .expect("the demo's lead story has a photo");
    let a = |name: &str| img.value().attr(name).unwrap_or_default().to_string();
    assert_eq!(a("fetchpriority"), "high");
    assert_eq!(a("loading"), "", "the lead picture is not lazy");
    assert_eq!((a("width").as_str(), a("height").as_str()), ("600", "400"));
    assert!(
        a("src").starts_with("/media/") && a("src").ends_with(".jpg"),
        "{}",
        a("src")
    );
    assert!(
        a("srcset").contains(" 320w") && a("srcset").contains(" 600w"),
        "{}",
        a("srcset")
    );
    assert!(!a("alt").is_empty());
    // The renditions are served to readers.
    assert_eq!(app.get(&a("src")).await.status, StatusCode::OK);
    // Rail pictures load lazily; every picture has its size.
    let all = scraper::Selector::parse("main img").expect("selector");
    for img in html.select(&all) {
        assert!(img.value().attr("width").is_some() && img.value().attr("height").is_some());
    }
    let rails: Vec<_> = html.select(&rail_picture).collect();
    assert!(!rails.is_empty(), "no rail shows a picture");
    assert!(rails
        .iter()
        .all(|i| i.value().attr("loading") == Some("lazy")));
    // A story without a picture still gets its card.
    assert!(!texts(&html, ".card-no-picture .card-headline").is_empty());
    // Section pages, and the article page's caption and credit.
    let science = app.get("/en/science/").await.html();
    assert!(science
        .select(&scraper::Selector::parse("img.card-picture").expect("selector"))
        .next()
        .is_some());
    let article = app
        .get("/en/cuba/2026/11/24/sierra-maestra-coffee-crop")
        .await
        .html();
    assert_eq!(
        texts(&article, ".story-image .credit"),
        ["Photo: Rachel Michetti, CC0"]
    );
    assert!(texts(&article, ".story-image .caption")[0].starts_with("Cuban coffee"));
    // The Arabic translation carries the Arabic caption.
    let arabic = app
        .get("/ar/cuba/2026/11/24/sierra-maestra-coffee-crop")
        .await
        .html();
    assert!(texts(&arabic, ".story-image .caption")[0].starts_with("قهوة كوبية"));
    app.stop().await;
}

/// The dateline's house style: run in (the default) or on its own line, the
/// place as typed or in capitals.
#[tokio::test]
async fn the_dateline_follows_the_house_style() {
    let app = TestApp::with_demo().await;
    let seed = "/en/world/2016/10/04/u-s-suspends-negotiations-with-russia-over-syria-ceasefire";
    let now = OffsetDateTime::now_utc();
    app.store()
        .set_setting("dateline.style", "own-line", now)
        .await
        .expect("setting");
    app.store()
        .set_setting("dateline.place", "capitals", now)
        .await
        .expect("setting");
    let page = app
        .eventually(seed, |r| !texts(&r.html(), "p.dateline").is_empty())
        .await
        .html();
    assert_eq!(
        texts(&page, "p.dateline"),
        ["WASHINGTON, October 4 (RHC) —"]
    );
    assert!(texts(&page, ".story-body > p")[1].starts_with("The United States has suspended"));
    app.store()
        .set_setting("dateline.style", "run-in", now)
        .await
        .expect("setting");
    let page = app
        .eventually(seed, |r| texts(&r.html(), "p.dateline").is_empty())
        .await
        .html();
    assert!(texts(&page, ".story-body > p")[0]
        .starts_with("WASHINGTON, October 4 (RHC) — The United States"));
    assert!(app
        .store()
        .set_setting("dateline.style", "sideways", now)
        .await
        .is_err());
    app.stop().await;
}

/// Fewer than three related stories: the block is filled with the
/// section's latest under its own heading, never passed off as related.
#[tokio::test]
async fn too_few_related_are_filled_from_the_section_under_their_own_heading() {
    let app = TestApp::with_demo().await;
    let now = OffsetDateTime::now_utc();
    // A story that shares no word with any other: nothing is like it.
    let mut lonely = article_input("Zyxwv qwertyuiop asdfghjkl");
    lonely.body_markdown = "Zyxwv qwertyuiop asdfghjkl mnbvcxz poiuytrewq.".into();
    lonely.standfirst = Some("Lkjhgfdsa zxcvbnm.".into());
    lonely.tags = Vec::new();
    let path = app
        .store()
        .save_article(None, &lonely, now)
        .await
        .expect("save")
        .path
        .expect("a published path");
    let page = app
        .eventually(&path, |r| {
            !texts(&r.html(), "aside.more-from .card-headline").is_empty()
        })
        .await;
    let html = page.html();
    assert!(
        texts(&html, "aside.related:not(.more-from)").is_empty(),
        "nothing is related"
    );
    assert_eq!(texts(&html, "#more-from-heading"), ["More from World"]);
    let more = texts(&html, "aside.more-from .card-headline");
    assert_eq!(more.len(), 5, "{more:?}");
    assert!(!more.iter().any(|h| h.starts_with("Zyxwv")), "never itself");
    // The side column's latest in the section follows on, without repeats.
    for h in texts(&html, ".section-latest li a") {
        assert!(!more.contains(&h), "{h} shown twice");
    }
    app.stop().await;
}

/// The site's own pages: in every language's footer and in the sitemap,
/// with their translations linked.
#[tokio::test]
async fn about_contact_and_privacy_pages_are_linked_from_every_footer() {
    let app = TestApp::with_demo().await;
    let about = app.get("/en/page/about").await;
    assert_eq!(about.status, StatusCode::OK);
    let html = about.html();
    assert_eq!(texts(&html, "h1"), ["About Dateline"]);
    assert_eq!(
        attr(&html, "link[hreflang=ar]", "href"),
        Some(format!("{}/ar/page/about", app.base))
    );
    // Every page's footer lists the language's pages, in order.
    for path in ["/en/", "/en/world/", "/en/page/privacy"] {
        let footer = texts(&app.get(path).await.html(), ".site-footer a");
        let at = |t: &str| footer.iter().position(|f| f == t).unwrap_or(usize::MAX);
        assert!(
            at("About Dateline") < at("Contact")
                && at("Contact") < at("Privacy")
                && at("Privacy") < usize::MAX,
            "{path}: {footer:?}"
        );
    }
    let arabic = app.get("/ar/page/about").await.html();
    assert_eq!(attr(&arabic, "html", "dir").as_deref(), Some("rtl"));
    assert!(texts(&app.get("/ar/").await.html(), ".site-footer a").contains(&"من نحن".to_string()));
    let sitemap = app.get("/sitemaps/pages.xml").await.text();
    for page in [
        "/en/page/about",
        "/en/page/contact",
        "/es/page/about",
        "/ar/page/about",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{}{page}</loc>", app.base)),
            "{page}"
        );
    }
    assert_eq!(
        app.get("/en/page/no-such-page").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/fr/page/about").await.status,
        StatusCode::NOT_FOUND
    );
    app.stop().await;
}
