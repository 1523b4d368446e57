//! One story in several languages, and readers finding their language.

use crate::support;

use reqwest::StatusCode;
use support::{attr, texts, TestApp};

const EN: &str = "/en/cuba/2026/11/23/cuba-sugar-harvest-starts-early";

#[tokio::test]
async fn translations_are_linked_with_hreflang_and_the_switcher() {
    let app = TestApp::with_demo().await;
    let page = app.get(EN).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.html();
    let sel = scraper::Selector::parse("link[rel=alternate][hreflang]").expect("selector");
    let alternates: Vec<(String, String)> = html
        .select(&sel)
        .map(|e| {
            (
                e.value().attr("hreflang").unwrap_or("").to_string(),
                e.value().attr("href").unwrap_or("").to_string(),
            )
        })
        .collect();
    let codes: Vec<&str> = alternates.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(codes, ["en", "es", "ar"], "{alternates:?}");
    assert_eq!(alternates[0].1, format!("{}{EN}", app.base));
    let es_path = alternates[1].1.trim_start_matches(&app.base).to_string();
    assert!(es_path.starts_with("/es/"), "{es_path}");

    // "Also in" links and the switcher go to the same story.
    assert_eq!(texts(&html, ".translations a"), ["Español", "العربية"]);
    let switch_es = attr(&html, ".languages a[hreflang=es]", "href").expect("switcher");
    let chosen = app.get(&switch_es).await;
    assert_eq!(chosen.status, StatusCode::SEE_OTHER);
    let location = chosen.header("location").expect("location").to_string();
    assert_eq!(location, es_path);
    assert!(chosen
        .header("set-cookie")
        .unwrap_or("")
        .starts_with("dl_lang=es;"));

    // Both versions point back at each other.
    let es = app.get(&es_path).await.html();
    assert_eq!(attr(&es, "html", "lang").as_deref(), Some("es"));
    assert!(texts(&es, ".translations a").contains(&"English".to_string()));

    // A story without a translation in some language: the switcher leads to
    // that language's front page.
    let seed = app
        .get("/en/world/2016/10/04/u-s-suspends-negotiations-with-russia-over-syria-ceasefire")
        .await
        .html();
    let to_ar = attr(&seed, ".languages a[hreflang=ar]", "href").expect("switcher");
    assert_eq!(app.get(&to_ar).await.header("location"), Some("/ar/"));
    app.stop().await;
}

#[tokio::test]
async fn the_first_visit_follows_accept_language_and_then_the_choice() {
    let app = TestApp::with_demo().await;
    let cases = [
        ("es-MX,es;q=0.9,en;q=0.8", "/es/"),
        ("ar", "/ar/"),
        ("de-DE,de;q=0.9,ar;q=0.5,es;q=0.4", "/ar/"),
        ("fr", "/en/"), // no French articles: the default
        ("es;q=0,en;q=0.5", "/en/"),
        ("*", "/en/"),
    ];
    for (accept, expected) in cases {
        let reply = app.get_with("/", &[("accept-language", accept)]).await;
        assert!(reply.status.is_redirection(), "{accept}");
        assert_eq!(reply.header("location"), Some(expected), "{accept}");
        assert!(reply
            .header("vary")
            .unwrap_or("")
            .contains("Accept-Language"));
    }
    let reply = app
        .get_with("/", &[("accept-language", "es"), ("cookie", "dl_lang=ar")])
        .await;
    assert_eq!(
        reply.header("location"),
        Some("/ar/"),
        "the remembered choice wins"
    );

    // The switcher only sends readers to pages of the language they chose.
    for bad in [
        "/language/es?to=https://evil.example/",
        "/language/es?to=//evil.example/es/",
        "/language/es?to=/en/",
    ] {
        assert_eq!(app.get(bad).await.header("location"), Some("/es/"), "{bad}");
    }
    assert_eq!(
        app.get("/language/xx?to=/xx/").await.status,
        StatusCode::NOT_FOUND
    );
    app.stop().await;
}

#[tokio::test]
async fn the_switcher_leads_from_a_section_to_the_same_section() {
    let app = TestApp::with_demo().await;
    // World is Mundo in Spanish (linked by key) and world in Arabic (by slug).
    let page = app.get("/en/world/").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.html();
    let to = |code: &str| {
        attr(&html, &format!(".languages a[hreflang={code}]"), "href").expect("switcher")
    };
    for (code, target) in [("es", "/es/mundo/"), ("ar", "/ar/world/")] {
        let chosen = app.get(&to(code)).await;
        assert_eq!(chosen.header("location"), Some(target), "{code}");
        assert_eq!(app.get(target).await.status, StatusCode::OK);
    }
    let sel = scraper::Selector::parse("link[rel=alternate][hreflang]").expect("selector");
    let hreflangs: Vec<String> = html
        .select(&sel)
        .filter_map(|e| e.value().attr("href"))
        .map(|h| h.trim_start_matches(&app.base).to_string())
        .collect();
    assert_eq!(hreflangs, ["/en/world/", "/es/mundo/", "/ar/world/"]);
    // And back from Spanish.
    let mundo = app.get("/es/mundo/").await.html();
    let back = attr(&mundo, ".languages a[hreflang=en]", "href").expect("switcher");
    assert_eq!(app.get(&back).await.header("location"), Some("/en/world/"));
    app.stop().await;
}
