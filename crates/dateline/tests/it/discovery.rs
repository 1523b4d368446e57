//! Search, related articles and "More views", through the running site.

use crate::support;

use dateline_core::newsroom::Role;
use dateline_core::{ArticleInput, Language, Status};
use reqwest::StatusCode;
use std::time::Duration;
use support::newsroom::{make_user, Desk};
use support::{attr, texts, TestApp};
use time::OffsetDateTime;

const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const SAFARI: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";
const EDGE: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0";
const GOOGLEBOT: &str = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

struct Story<'a> {
    language: Language,
    section: &'a str,
    headline: &'a str,
    body: &'a str,
    tags: &'a [&'a str],
    days_ago: i64,
}

impl<'a> Story<'a> {
    fn en(section: &'a str, headline: &'a str, body: &'a str) -> Story<'a> {
        Story {
            language: Language::En,
            section,
            headline,
            body,
            tags: &[],
            days_ago: 1,
        }
    }
}

/// Publishes a story through the store; its id and path.
async fn publish(app: &TestApp, s: Story<'_>) -> (i64, String) {
    let store = app.store();
    store
        .ensure_section(s.language, s.section)
        .await
        .expect("section");
    let now = OffsetDateTime::now_utc();
    let input = ArticleInput {
        language: s.language,
        section: s.section.into(),
        slug: dateline_core::slug::slugify(s.headline),
        headline: s.headline.into(),
        standfirst: None,
        dateline: None,
        dateline_date: None,
        byline: None,
        tags: s.tags.iter().map(|t| t.to_string()).collect(),
        body_markdown: s.body.into(),
        status: Status::Published,
        published_at: Some(now - time::Duration::days(s.days_ago)),
        story_key: None,
        source_key: None,
        image_id: None,
        audio_id: None,
        programme_id: None,
    };
    let saved = store.save_article(None, &input, now).await.expect("saved");
    (saved.id, saved.path.expect("a published path"))
}

/// Headlines of a search page's results, in order.
fn result_headlines(reply: &support::Reply) -> Vec<String> {
    texts(&reply.html(), ".search-result h2 a")
}

/// The archive the search tests read.
async fn archive(app: &TestApp) {
    publish(
        app,
        Story {
            tags: &["Elections"],
            days_ago: 10,
            ..Story::en(
                "world",
                "Cuba holds municipal elections",
                "Voters across the island chose municipal delegates on Sunday.",
            )
        },
    )
    .await;
    publish(
        app,
        Story {
            tags: &["Elections"],
            days_ago: 2,
            ..Story::en(
                "americas",
                "Observers praise the turnout",
                "International observers said the election was orderly and turnout high.",
            )
        },
    )
    .await;
    publish(
        app,
        Story::en(
            "world",
            "Hurricane season ends quietly",
            "Fewer storms than forecast crossed the Atlantic this year.",
        ),
    )
    .await;
    publish(
        app,
        Story {
            language: Language::Es,
            ..Story::en(
                "mundo",
                "Cuba celebra elecciones municipales",
                "Los electores eligieron a sus delegados el domingo.",
            )
        },
    )
    .await;
}

#[tokio::test]
async fn search_finds_stemmed_words_phrases_and_filters_in_the_page_language() {
    let app = TestApp::empty().await;
    archive(&app).await;
    // The index follows the change feed: wait for the last story of the
    // archive (published last, so the others are in too).
    let spanish = app
        .eventually("/es/search?q=cuba", |r| result_headlines(r).len() == 1)
        .await;
    assert_eq!(result_headlines(&spanish).len(), 1);
    let reply = app
        .eventually("/en/search?q=elections", |r| result_headlines(r).len() == 2)
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    // "elections" finds "election" (stemming), only in English; matches are
    // marked in the snippet.
    let mut found = result_headlines(&reply);
    found.sort();
    assert_eq!(
        found,
        [
            "Cuba holds municipal elections",
            "Observers praise the turnout"
        ]
    );
    assert!(texts(&reply.html(), ".snippet mark")
        .iter()
        .any(|m| m.eq_ignore_ascii_case("election")));
    assert_eq!(
        attr(&reply.html(), "meta[name=robots]", "content").as_deref(),
        Some("noindex")
    );

    let phrase = app.get("/en/search?q=%22municipal+delegates%22").await;
    assert_eq!(
        result_headlines(&phrase),
        ["Cuba holds municipal elections"]
    );
    let section = app.get("/en/search?q=elections&section=americas").await;
    assert_eq!(result_headlines(&section), ["Observers praise the turnout"]);
    let tag = app.get("/en/search?tag=elections").await;
    assert_eq!(result_headlines(&tag).len(), 2);
    let today = OffsetDateTime::now_utc().date();
    let recent = app
        .get(&format!(
            "/en/search?q=elections&from={}&to={today}",
            today - time::Duration::days(5)
        ))
        .await;
    assert_eq!(result_headlines(&recent), ["Observers praise the turnout"]);
    let newest = app.get("/en/search?q=elections&sort=newest").await;
    assert_eq!(
        result_headlines(&newest),
        [
            "Observers praise the turnout",
            "Cuba holds municipal elections"
        ]
    );
    let spanish = app.get("/es/search?q=elecci%C3%B3n").await;
    assert_eq!(
        result_headlines(&spanish),
        ["Cuba celebra elecciones municipales"]
    );
    // The language switcher leads to the same search in the other language.
    assert_eq!(
        attr(&reply.html(), "details.languages a[lang=es]", "href").as_deref(),
        Some("/language/es?to=/es/search%3Fq%3Delections")
    );

    // Nothing found: a page that says so, keeping the words.
    let none = app.get("/en/search?q=zeppelin").await;
    assert_eq!(none.status, StatusCode::OK);
    assert!(none.text().contains("No articles match “zeppelin”."));
    assert_eq!(
        attr(&none.html(), "#search-q", "value").as_deref(),
        Some("zeppelin")
    );

    // Bad input: 400, a sentence saying what to change, the form as typed.
    for (query, message) in [
        ("q=nosuchfield%3Aword", "cannot be understood"),
        ("q=cuba&from=04%2F10%2F2016", "year-month-day"),
        ("q=cuba&section=nowhere", "no such section"),
        ("q=cuba&page=0", "no such page"),
        ("q=cuba&page=abc", "no such page"),
    ] {
        let reply = app.get(&format!("/en/search?{query}")).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{query}");
        let alert = texts(&reply.html(), "[role=alert]").join(" ");
        assert!(alert.contains(message), "{query}: {alert}");
    }
    let long = "a".repeat(201);
    let reply = app.get(&format!("/en/search?q={long}")).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        attr(&reply.html(), "#search-q", "value").as_deref(),
        Some(long.as_str())
    );
    for payload in [
        "%22",
        "(",
        "title_en%3A",
        "*",
        "AND",
        "%5B1+TO",
        "%00",
        "%F0%9F%92%A5",
    ] {
        let reply = app.get(&format!("/en/search?q={payload}")).await;
        assert!(
            reply.status == StatusCode::OK || reply.status == StatusCode::BAD_REQUEST,
            "{payload}: {}",
            reply.status
        );
    }

    // The same search in JSON.
    let json: serde_json::Value =
        serde_json::from_slice(&app.get("/api/v1/en/search?q=elections").await.body).expect("json");
    assert_eq!(json["total"], 2);
    assert!(json["results"][0]["url"]
        .as_str()
        .is_some_and(|u| u.starts_with(&app.base)));
    let bad = app.get("/api/v1/en/search?q=nosuchfield%3Aword").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.header("content-type"), Some("application/json"));
    app.stop().await;
}

#[tokio::test]
async fn the_index_follows_publishing_editing_and_unpublishing() {
    let app = TestApp::empty().await;
    let (id, _) = publish(
        &app,
        Story::en("world", "Dockers strike in Santos", "The port is closed."),
    )
    .await;
    let found = app
        .eventually("/en/search?q=santos", |r| result_headlines(r).len() == 1)
        .await;
    assert_eq!(result_headlines(&found), ["Dockers strike in Santos"]);

    let store = app.store();
    let mut input = store.article_input(id).await.expect("input");
    input.headline = "Dockers end their strike in Santos".into();
    input.body_markdown = "The port of Santos reopened after a week.".into();
    store
        .save_article(Some(id), &input, OffsetDateTime::now_utc())
        .await
        .expect("edit");
    let edited = app
        .eventually("/en/search?q=reopened", |r| result_headlines(r).len() == 1)
        .await;
    assert_eq!(
        result_headlines(&edited),
        ["Dockers end their strike in Santos"]
    );
    assert!(result_headlines(&app.get("/en/search?q=closed").await).is_empty());

    store
        .set_status(id, Status::Unpublished, OffsetDateTime::now_utc())
        .await
        .expect("unpublish");
    let gone = app
        .eventually("/en/search?q=santos", |r| result_headlines(r).is_empty())
        .await;
    assert!(result_headlines(&gone).is_empty());
    app.stop().await;
}

#[tokio::test]
async fn related_articles_are_alike_published_same_language_and_pins_come_first() {
    let app = TestApp::empty().await;
    let (main, main_path) = publish(
        &app,
        Story::en(
            "world",
            "Sugar harvest begins in Camagüey",
            "Cane cutters started the sugar harvest in Camagüey; the mills expect more sugar.",
        ),
    )
    .await;
    let (alike, _) = publish(
        &app,
        Story::en(
            "world",
            "Sugar mills ready for the harvest",
            "Mills in Camagüey repaired for the sugar harvest and the cane.",
        ),
    )
    .await;
    let (withdrawn, _) = publish(
        &app,
        Story::en(
            "world",
            "Sugar exports grow",
            "Sugar from the harvest in Camagüey goes abroad.",
        ),
    )
    .await;
    let (unlike, _) = publish(
        &app,
        Story::en(
            "sport",
            "Boxers win in Havana",
            "The national boxing team won.",
        ),
    )
    .await;
    publish(
        &app,
        Story {
            language: Language::Es,
            ..Story::en(
                "mundo",
                "Comienza la zafra azucarera en Camagüey",
                "Sugar harvest Camagüey cane mills sugar.",
            )
        },
    )
    .await;

    let related = |reply: &support::Reply| {
        texts(
            &reply.html(),
            "aside.related:not(.more-from) .card-headline a",
        )
    };
    let page = app.eventually(&main_path, |r| related(r).len() >= 2).await;
    let shown = related(&page);
    assert_eq!(shown[0], "Sugar mills ready for the harvest", "{shown:?}");
    assert!(shown.contains(&"Sugar exports grow".to_string()));
    assert!(
        !shown.contains(&"Sugar harvest begins in Camagüey".to_string()),
        "never itself"
    );
    assert!(
        !shown.iter().any(|h| h.starts_with("Comienza")),
        "never another language"
    );

    // Withdrawn: gone from the related list.
    app.store()
        .set_status(withdrawn, Status::Unpublished, OffsetDateTime::now_utc())
        .await
        .expect("unpublish");
    let page = app
        .eventually(&main_path, |r| {
            !related(r).contains(&"Sugar exports grow".to_string())
        })
        .await;
    assert!(!related(&page).contains(&"Sugar exports grow".to_string()));

    // An editor pins the unlike article: it comes first.
    make_user(&app, "editor@example.org", Role::Editor).await;
    make_user(&app, "writer@example.org", Role::Contributor).await;
    let editor = Desk::login(&app, "editor@example.org").await;
    let unlike_path = app.store().cards(&[unlike]).await.expect("card")[0]
        .path
        .clone();
    let reply = editor
        .post(
            &format!("/newsroom/articles/{main}/related"),
            &[("related", &format!("{}{unlike_path}\n", app.base))],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    assert_eq!(
        app.store().related_pins(main).await.expect("pins"),
        [unlike]
    );
    let page = app
        .eventually(&main_path, |r| {
            related(r).first().map(String::as_str) == Some("Boxers win in Havana")
        })
        .await;
    let shown = related(&page);
    assert_eq!(shown[0], "Boxers win in Havana");
    assert_eq!(shown[1], "Sugar mills ready for the harvest");
    let form = editor.get(&format!("/newsroom/articles/{main}")).await;
    assert!(
        form.text().contains(&unlike_path),
        "the editor shows the pin"
    );

    // A line that names no article: 422, nothing changed, the text kept.
    let reply = editor
        .post(
            &format!("/newsroom/articles/{main}/related"),
            &[("related", &format!("{alike}\n/en/world/no/such/article"))],
        )
        .await;
    assert_eq!(reply.status, 422);
    assert!(reply.text().contains("/en/world/no/such/article"));
    assert_eq!(
        app.store().related_pins(main).await.expect("pins"),
        [unlike]
    );
    // Itself: refused.
    let reply = editor
        .post(
            &format!("/newsroom/articles/{main}/related"),
            &[("related", &main.to_string())],
        )
        .await;
    assert_eq!(reply.status, 422);
    // A contributor may not pin, and nobody without the form's token.
    let writer = Desk::login(&app, "writer@example.org").await;
    let reply = writer
        .post(
            &format!("/newsroom/articles/{main}/related"),
            &[("related", "")],
        )
        .await;
    assert_eq!(reply.status, 403);
    let reply = editor
        .post_plain(
            &format!("/newsroom/articles/{main}/related"),
            &[("related", "")],
        )
        .await;
    assert_eq!(reply.status, 403);
    assert_eq!(
        app.store().related_pins(main).await.expect("pins"),
        [unlike]
    );
    app.stop().await;
}

async fn views_of(app: &TestApp, id: i64) -> i64 {
    app.store()
        .article_views(id, OffsetDateTime::now_utc().unix_timestamp() - 86_400)
        .await
        .expect("views")
}

/// Waits for the counter's next flush to show `want` views.
async fn eventually_views(app: &TestApp, id: i64, want: i64) -> i64 {
    let deadline = std::time::Instant::now() + Duration::from_secs(6);
    loop {
        let n = views_of(app, id).await;
        if n == want || std::time::Instant::now() > deadline {
            return n;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A read of `path` by the reader at `address` with browser `agent`.
async fn read_as(app: &TestApp, path: &str, address: &str, agent: &str) -> support::Reply {
    app.get_with(path, &[("user-agent", agent), ("x-forwarded-for", address)])
        .await
}

/// The article page's beacon, sent by the reader at `address`.
async fn beacon_as(app: &TestApp, id: i64, address: &str, agent: &str) -> StatusCode {
    app.client
        .post(format!("{}/views/{id}", app.base))
        .header("user-agent", agent)
        .header("x-forwarded-for", address)
        .send()
        .await
        .expect("beacon")
        .status()
}

#[tokio::test]
async fn views_count_once_per_reader_a_day_leave_bots_out_and_feed_more_views() {
    let mut app = TestApp::empty_behind_proxy().await;
    let (id, path) = publish(
        &app,
        Story::en(
            "world",
            "Ferry returns to Isla de la Juventud",
            "Twice a day.",
        ),
    )
    .await;
    let (other, other_path) = publish(
        &app,
        Story::en("world", "Rains ease in the east", "Reservoirs are full."),
    )
    .await;
    // Three reads by one reader (one from the page cache), one by another,
    // two by a crawler; and the first reader's address again with another
    // browser, which is still that reader.
    for (address, agent) in [
        ("192.0.2.1", FIREFOX),
        ("192.0.2.1", FIREFOX),
        ("192.0.2.1", FIREFOX),
        ("192.0.2.2", SAFARI),
        ("192.0.2.3", GOOGLEBOT),
        ("192.0.2.3", GOOGLEBOT),
        ("192.0.2.1", EDGE),
    ] {
        let reply = read_as(&app, &path, address, agent).await;
        assert_eq!(reply.status, StatusCode::OK);
    }
    assert_eq!(eventually_views(&app, id, 2).await, 2);
    // The beacon of a page a CDN served: a third reader counts, a reader the
    // server already counted does not.
    assert_eq!(
        beacon_as(&app, id, "192.0.2.4", EDGE).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        beacon_as(&app, id, "192.0.2.1", FIREFOX).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(eventually_views(&app, id, 3).await, 3);
    // A beacon for an article that does not exist leaves nothing.
    assert_eq!(
        beacon_as(&app, 999999, "192.0.2.4", EDGE).await,
        StatusCode::NO_CONTENT
    );
    // The page carries the beacon.
    let page = app.get(&path).await;
    assert_eq!(
        attr(&page.html(), "script[data-view]", "data-view").as_deref(),
        Some(format!("/views/{id}").as_str())
    );

    read_as(&app, &other_path, "192.0.2.1", FIREFOX).await;
    assert_eq!(eventually_views(&app, other, 1).await, 1);
    // More views: most read first, on the front page and in JSON.
    let front = app
        .eventually("/en/", |r| {
            texts(&r.html(), ".most-viewed details[open] li a").len() == 2
        })
        .await;
    assert_eq!(
        texts(&front.html(), ".most-viewed details[open] li a"),
        [
            "Ferry returns to Isla de la Juventud",
            "Rains ease in the east"
        ]
    );
    let json: serde_json::Value = serde_json::from_slice(
        &app.get("/api/v1/en/most-viewed?window=week&section=world")
            .await
            .body,
    )
    .expect("json");
    assert_eq!(json["articles"][0]["views"], 3);
    assert_eq!(json["articles"][1]["views"], 1);
    assert_eq!(
        app.get("/api/v1/en/most-viewed?window=year").await.status,
        StatusCode::BAD_REQUEST
    );

    // A clean stop writes what is waiting: a read just before it counts.
    read_as(&app, &other_path, "192.0.2.2", SAFARI).await;
    app.restart().await;
    assert_eq!(views_of(&app, other).await, 2);
    // The same reader after the restart is still counted once today.
    read_as(&app, &other_path, "192.0.2.2", SAFARI).await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(views_of(&app, other).await, 2);
    app.stop().await;
}

#[tokio::test]
async fn a_rebuilt_index_equals_the_one_kept_by_the_change_feed() {
    let app = TestApp::with_demo().await;
    let (id, _) = publish(
        &app,
        Story::en(
            "world",
            "Tobacco harvest in Pinar del Río",
            "Leaves dry in the barns.",
        ),
    )
    .await;
    let store = app.store();
    let mut input = store.article_input(id).await.expect("input");
    input.headline = "Tobacco harvest ends in Pinar del Río".into();
    store
        .save_article(Some(id), &input, OffsetDateTime::now_utc())
        .await
        .expect("edit");
    let demo = store
        .latest(Language::En, 2, 0)
        .await
        .expect("latest")
        .items
        .iter()
        .map(|a| a.id)
        .find(|a| *a != id)
        .expect("a demo article");
    store
        .set_status(demo, Status::Unpublished, OffsetDateTime::now_utc())
        .await
        .expect("unpublish");
    let state = &app.running.as_ref().expect("running").state;
    let kept = &state.app.discovery.index;
    let deadline = std::time::Instant::now() + Duration::from_secs(3);
    while kept
        .get(id)
        .expect("get")
        .is_none_or(|d| !d.headline.contains("ends"))
        || kept.get(demo).expect("get").is_some()
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the feed reached the index"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let fresh = dateline_app::discovery::Discovery::in_memory().expect("index");
    let n = dateline_app::discovery::index::rebuild(store, &fresh, &|_, _| {})
        .await
        .expect("rebuild");
    assert_eq!(n as i64, store.published_total().await.expect("total"));
    let ids = kept.ids().expect("ids");
    assert_eq!(ids, fresh.index.ids().expect("ids"));
    assert!(!ids.contains(&demo));
    for id in ids {
        assert_eq!(
            kept.get(id).expect("get"),
            fresh.index.get(id).expect("get")
        );
    }
    app.stop().await;
}

#[tokio::test]
async fn a_missing_or_damaged_index_is_rebuilt_at_start_while_the_site_serves() {
    let mut app = TestApp::with_demo().await;
    let ready = app
        .eventually("/readyz", |r| r.status == StatusCode::OK)
        .await;
    assert_eq!(ready.status, StatusCode::OK);
    let before = result_headlines(&app.get("/en/search?q=cuba").await);
    assert!(!before.is_empty());
    let index = app.config.data_dir.join("index");

    // Damaged: every segment file overwritten.
    app.running
        .take()
        .expect("running")
        .stop()
        .await
        .expect("stop");
    for entry in std::fs::read_dir(&index).expect("index dir") {
        let file = entry.expect("entry").path();
        if file.extension().is_some_and(|e| e != "json" && e != "lock") {
            std::fs::write(&file, b"damaged").expect("damage");
        }
    }
    app.restart().await;
    assert_eq!(app.get("/en/").await.status, StatusCode::OK);
    let after = app
        .eventually("/en/search?q=cuba", |r| result_headlines(r) == before)
        .await;
    assert_eq!(result_headlines(&after), before);
    assert_eq!(
        app.eventually("/readyz", |r| r.status == StatusCode::OK)
            .await
            .status,
        StatusCode::OK
    );

    // Missing.
    app.running
        .take()
        .expect("running")
        .stop()
        .await
        .expect("stop");
    std::fs::remove_dir_all(&index).expect("remove");
    app.restart().await;
    let after = app
        .eventually("/en/search?q=cuba", |r| result_headlines(r) == before)
        .await;
    assert_eq!(result_headlines(&after), before);
    app.stop().await;
}
