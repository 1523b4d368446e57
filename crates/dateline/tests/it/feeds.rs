//! Feeds for each language, section and tag, in three formats.

use crate::support;

use reqwest::StatusCode;
use support::{attr, TestApp};

#[tokio::test]
async fn feeds_in_three_formats_with_discovery_and_conditional_get() {
    let app = TestApp::with_demo().await;
    let front = app.get("/en/").await.html();
    assert_eq!(
        attr(&front, "link[type='application/rss+xml']", "href").as_deref(),
        Some("/en/feed.xml")
    );
    let world = app.get("/en/world/").await.html();
    assert_eq!(
        attr(&world, "link[type='application/atom+xml']", "href").as_deref(),
        Some("/en/world/atom.xml")
    );

    let rss = app.get("/en/feed.xml").await;
    assert_eq!(rss.status, StatusCode::OK);
    assert_eq!(
        rss.header("content-type"),
        Some("application/rss+xml; charset=utf-8")
    );
    let text = rss.text();
    assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\""));
    assert_eq!(text.matches("<item>").count(), 20, "20 latest");
    assert!(text.contains("<guid isPermaLink=\"true\">http://"));
    assert!(
        text.contains("<pubDate>Mon, 23 Nov 2026 08:15:00 +0000</pubDate>"),
        "RFC 2822 dates"
    );
    assert!(
        text.contains("<content:encoded>&lt;p&gt;"),
        "full content, escaped"
    );
    let etag = rss.header("etag").expect("etag").to_string();
    assert_eq!(
        app.get_with("/en/feed.xml", &[("if-none-match", &etag)])
            .await
            .status,
        StatusCode::NOT_MODIFIED
    );

    let atom = app.get("/en/world/atom.xml").await;
    assert_eq!(
        atom.header("content-type"),
        Some("application/atom+xml; charset=utf-8")
    );
    let text = atom.text();
    assert!(text.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">"));
    assert!(text.contains("U.S. Suspends Negotiations with Russia over Syria Ceasefire"));
    assert!(text.contains("<published>2016-10-04T12:00:00Z</published>"));

    let json = app.get("/ar/feed.json").await;
    assert_eq!(
        json.header("content-type"),
        Some("application/feed+json; charset=utf-8")
    );
    let feed: serde_json::Value = serde_json::from_slice(&json.body).expect("JSON");
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["language"], "ar");
    // The demo's Arabic stories.
    assert_eq!(feed["items"].as_array().map(Vec::len), Some(9));
    assert!(feed["items"][0]["content_html"]
        .as_str()
        .unwrap_or("")
        .starts_with("<p>"));

    // A tag's feed, and summaries only when the site says so.
    let tag = app.get("/en/tag/agriculture/feed.json").await;
    assert_eq!(tag.status, StatusCode::OK, "{}", tag.text());
    app.store()
        .set_setting(
            "feeds.full_content",
            "false",
            time::OffsetDateTime::now_utc(),
        )
        .await
        .expect("setting");
    let summary = app
        .eventually("/en/feed.xml", |r| !r.text().contains("<content:encoded>"))
        .await;
    assert!(!summary.text().contains("<content:encoded>"));
    assert!(summary.text().contains("<description>"));
    assert_eq!(
        app.get("/en/no-such-section/feed.xml").await.status,
        StatusCode::NOT_FOUND
    );
    app.stop().await;
}
