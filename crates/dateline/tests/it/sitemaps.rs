//! Sitemaps and robots.txt, for search engines.

use crate::support;

use reqwest::StatusCode;
use support::TestApp;

#[tokio::test]
async fn sitemap_index_language_files_news_and_robots() {
    let app = TestApp::with_demo().await;
    let robots = app.get("/robots.txt").await.text();
    assert!(
        robots.contains(&format!("Sitemap: {}/sitemap.xml", app.base)),
        "{robots}"
    );

    let index = app.get("/sitemap.xml").await;
    assert_eq!(
        index.header("content-type"),
        Some("application/xml; charset=utf-8")
    );
    let index = index.text();
    for file in ["pages.xml", "en-1.xml", "es-1.xml", "ar-1.xml"] {
        assert!(
            index.contains(&format!("<loc>{}/sitemaps/{file}</loc>", app.base)),
            "{file} in {index}"
        );
    }
    assert!(index.contains("/news-sitemap.xml</loc>"));

    let en = app.get("/sitemaps/en-1.xml").await.text();
    assert_eq!(en.matches("<url>").count(), 25, "every English article");
    // The sugar harvest story exists in three languages: hreflang for each.
    let url = format!(
        "{}/en/cuba/2026/11/23/cuba-sugar-harvest-starts-early",
        app.base
    );
    let entry = en
        .split("<url>")
        .find(|u| u.contains(&format!("<loc>{url}</loc>")))
        .expect("the story");
    for lang in ["en", "es", "ar"] {
        assert!(
            entry.contains(&format!("hreflang=\"{lang}\"")),
            "{lang} alternate: {entry}"
        );
    }
    let pages = app.get("/sitemaps/pages.xml").await.text();
    assert!(pages.contains(&format!("<loc>{}/ar/world/</loc>", app.base)));
    for programme in ["/en/programmes/", "/en/programmes/newscast/"] {
        assert!(
            pages.contains(&format!("<loc>{}{programme}</loc>", app.base)),
            "{programme}"
        );
    }
    assert_eq!(
        app.get("/sitemaps/en-2.xml").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/sitemaps/xx-1.xml").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/sitemaps/en-0.xml").await.status,
        StatusCode::NOT_FOUND
    );

    // The news sitemap holds the last two days only: never the 2016 seed;
    // a story published now joins it.
    let news = app.get("/news-sitemap.xml").await.text();
    assert!(!news.contains("2016"), "{news}");
    let now = time::OffsetDateTime::now_utc();
    let mut input = app.store().article_input(1).await.expect("an article");
    input.source_key = None;
    input.slug = "fresh-news".into();
    input.headline = "Fresh news & more".into();
    input.published_at = Some(now);
    app.store()
        .save_article(None, &input, now)
        .await
        .expect("save");
    let news = app
        .eventually("/news-sitemap.xml", |r| r.text().contains("Fresh news"))
        .await
        .text();
    assert!(
        news.contains("<news:title>Fresh news &amp; more</news:title>"),
        "{news}"
    );
    assert!(news.contains("<news:name>Dateline</news:name>"));
    app.stop().await;
}
