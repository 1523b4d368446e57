//! Sections and programmes as an editor manages them in the newsroom, and
//! what readers and podcast apps then get: a renamed section's articles,
//! page, feeds and sitemap entries at the new addresses with the old ones
//! answering 301; a delete that says where the articles go and moves them;
//! orders set by Up and Down buttons or a saved order; programmes renamed,
//! merged and deleted with their page and podcast feed following; roles,
//! tokens, limits and errors in the member's language.

use crate::support;

use dateline_core::newsroom::Role;
use dateline_core::Language;
use dateline_store::AuditFilter;
use support::newsroom::{make_user, Desk};
use support::{attr, texts, Reply, TestApp};

const SEED: &str =
    "/en/world/2016/10/04/u-s-suspends-negotiations-with-russia-over-syria-ceasefire";
const MOVED: &str =
    "/en/world-news/2016/10/04/u-s-suspends-negotiations-with-russia-over-syria-ceasefire";

async fn section_id(app: &TestApp, lang: Language, slug: &str) -> i64 {
    app.store()
        .section_listings(lang)
        .await
        .expect("sections")
        .into_iter()
        .find(|s| s.section.slug == slug)
        .unwrap_or_else(|| panic!("a section {slug}"))
        .id
}

async fn slugs(app: &TestApp, lang: Language) -> Vec<String> {
    app.store()
        .sections(lang)
        .await
        .expect("sections")
        .into_iter()
        .map(|s| s.slug)
        .collect()
}

fn location(reply: &Reply) -> String {
    reply.header("location").unwrap_or_default().to_string()
}

/// A desk whose browser asks for Spanish.
async fn spanish_desk(app: &TestApp, email: &str) -> Desk {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("accept-language", "es".parse().expect("header"));
    let mut desk = Desk {
        client: crate::support::client_builder()
            .pool_idle_timeout(std::time::Duration::from_secs(5))
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .default_headers(headers)
            .build()
            .expect("client"),
        base: app.base.clone(),
        csrf: String::new(),
    };
    assert_eq!(
        desk.try_login(email, support::newsroom::PASSWORD)
            .await
            .status,
        303
    );
    desk.refresh().await;
    desk
}

#[tokio::test]
async fn a_renamed_section_moves_its_pages_and_its_old_addresses_answer_301() {
    let app = TestApp::with_demo().await;
    make_user(&app, "admin@example.org", Role::Admin).await;
    let admin = Desk::login(&app, "admin@example.org").await;
    let world = section_id(&app, Language::En, "world").await;

    // The list, in the menu's order, each row with its own buttons.
    let page = admin.get("/newsroom/sections?lang=en").await;
    assert_eq!(page.status, 200, "{}", page.text());
    assert_eq!(page.header("cache-control"), Some("no-store"));
    let html = page.html();
    assert_eq!(
        texts(&html, ".nr-order .order-name"),
        ["World", "Americas", "Cuba", "Science", "Culture", "Sport"]
    );
    assert!(attr(&html, &format!("button[value='up:{world}']"), "disabled").is_some());
    // Arabic: its own names, right to left where the text is.
    let arabic = admin.get("/newsroom/sections?lang=ar").await.html();
    assert!(texts(&arabic, ".nr-order .order-name").contains(&"العالم".to_string()));
    assert_eq!(
        attr(&arabic, ".nr-order .order-name", "dir").as_deref(),
        Some("auto")
    );

    // Readers have the page (and its cache) before the rename.
    assert_eq!(app.get(SEED).await.status, 200);
    assert_eq!(app.get("/en/world/").await.status, 200);

    // The edit form is filled with the section.
    let form = admin
        .get(&format!("/newsroom/sections?edit={world}"))
        .await
        .html();
    assert_eq!(attr(&form, "#f-slug", "value").as_deref(), Some("world"));
    assert_eq!(
        attr(&form, "#section-form input[name=id]", "value"),
        Some(world.to_string())
    );

    let saved = admin
        .post(
            "/newsroom/sections",
            &[
                ("id", &world.to_string()),
                ("language", "en"),
                ("name", "World news"),
                ("slug", "world-news"),
                ("key", ""),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.text());
    assert!(
        location(&saved).starts_with("/newsroom/sections?lang=en&done=saved&moved="),
        "{}",
        location(&saved)
    );
    let notice = admin.get(&location(&saved)).await.html();
    assert!(texts(&notice, ".notice-success")
        .join(" ")
        .contains("have new addresses"));

    // The article: the old address answers 301, the cache does not keep it.
    let old = app.eventually(SEED, |r| r.status == 301).await;
    assert_eq!(old.status, 301);
    assert_eq!(location(&old), MOVED);
    let new = app.get(MOVED).await;
    assert_eq!(new.status, 200);
    assert!(new.text().contains("World news"));
    // The section page, its pages and its feeds.
    for (from, to) in [
        ("/en/world/", "/en/world-news/"),
        ("/en/world/?page=2", "/en/world-news/?page=2"),
        ("/en/world/feed.xml", "/en/world-news/feed.xml"),
        ("/en/world/atom.xml", "/en/world-news/atom.xml"),
        ("/en/world/feed.json", "/en/world-news/feed.json"),
    ] {
        let reply = app.get(from).await;
        assert_eq!(
            (reply.status.as_u16(), location(&reply)),
            (301, to.into()),
            "{from}"
        );
    }
    let feed = app.get("/en/world-news/feed.xml").await;
    assert_eq!(feed.status, 200);
    assert!(
        feed.text().contains(MOVED),
        "the feed links the new address"
    );
    assert!(!feed.text().contains(SEED));
    // The menu and the sitemaps follow.
    let front = app.get("/en/").await.text();
    assert!(front.contains("href=\"/en/world-news/\"") && !front.contains("href=\"/en/world/\""));
    let pages = app.get("/sitemaps/pages.xml").await.text();
    assert!(pages.contains("/en/world-news/</loc>") && !pages.contains("/en/world/</loc>"));
    let articles = app.get("/sitemaps/en-1.xml").await.text();
    assert!(articles.contains(MOVED) && !articles.contains(SEED));
    // The Spanish and Arabic sections keep their link to it.
    let switch = app.get("/en/world-news/").await.text();
    assert!(
        switch.contains("/es/mundo/"),
        "the language switcher still leads to the Spanish section"
    );

    // The audit log says who moved what.
    let (log, _) = app
        .store()
        .audit_log(
            &AuditFilter {
                entity: Some("section".into()),
                entity_id: Some(world),
                user_email: None,
            },
            10,
            0,
        )
        .await
        .expect("audit");
    assert!(log
        .iter()
        .any(|e| e.user_email.as_deref() == Some("admin@example.org")
            && e.detail
                .as_deref()
                .is_some_and(|d| d.contains("en/world → en/world-news"))));
    app.stop().await;
}

#[tokio::test]
async fn the_section_form_keeps_what_was_typed_and_says_each_error_once() {
    let app = TestApp::with_demo().await;
    make_user(&app, "admin@example.org", Role::Admin).await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    make_user(&app, "ana@example.org", Role::Admin).await;
    let admin = Desk::login(&app, "admin@example.org").await;
    let world = section_id(&app, Language::En, "world").await.to_string();

    // A slug another section has: at the field, what was typed kept.
    let taken = admin
        .post(
            "/newsroom/sections",
            &[
                ("id", &world),
                ("language", "en"),
                ("name", "World <i>news</i>"),
                ("slug", "americas"),
                ("key", "world"),
            ],
        )
        .await;
    assert_eq!(taken.status, 422);
    let html = taken.html();
    assert_eq!(
        texts(&html, "#f-slug-error"),
        ["Another section of this language is at /en/americas/. Choose another slug, or edit that section."]
    );
    assert_eq!(texts(&html, ".field-error").len(), 1, "one error, once");
    assert_eq!(
        attr(&html, "#f-name", "value").as_deref(),
        Some("World <i>news</i>")
    );
    assert!(taken.text().contains("World &lt;i&gt;news&lt;/i&gt;"));
    assert_eq!(
        attr(&html, "#f-slug", "aria-invalid").as_deref(),
        Some("true")
    );
    // Every field wrong at once: each says so once; nothing is saved.
    let long = "x".repeat(101);
    let key = "k".repeat(81);
    let bad = admin
        .post(
            "/newsroom/sections",
            &[
                ("language", "en"),
                ("name", &long),
                ("slug", "Not A Slug"),
                ("key", &key),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    let html = bad.html();
    for field in ["name", "slug", "key"] {
        assert_eq!(
            texts(&html, &format!("#f-{field}-error")).len(),
            1,
            "{field}"
        );
    }
    assert_eq!(texts(&html, ".field-error").len(), 3);
    assert_eq!(slugs(&app, Language::En).await.len(), 6);
    // A reserved slug (the programmes' address) is refused too.
    let reserved = admin
        .post(
            "/newsroom/sections",
            &[
                ("language", "en"),
                ("name", "Programmes"),
                ("slug", "programmes"),
            ],
        )
        .await;
    assert_eq!(reserved.status, 422);
    assert_eq!(texts(&reserved.html(), "#f-slug-error").len(), 1);

    // In Spanish, the same errors in Spanish.
    let ana = spanish_desk(&app, "ana@example.org").await;
    let page = ana.get("/newsroom/sections?lang=ar").await.html();
    assert_eq!(attr(&page, "html", "lang").as_deref(), Some("es"));
    assert!(texts(&page, "h2").iter().any(|h| h.contains("العربية")));
    let refused = ana
        .post(
            "/newsroom/sections",
            &[("language", "ar"), ("name", ""), ("slug", "world")],
        )
        .await;
    assert_eq!(refused.status, 422);
    let html = refused.html();
    assert_eq!(
        texts(&html, "#f-name-error"),
        ["Escriba un nombre de 1 a 100 caracteres."]
    );
    assert_eq!(
        texts(&html, "#f-slug-error"),
        ["Otra sección de este idioma está en /ar/world/. Elija otro slug, o edite esa sección."]
    );
    assert_eq!(attr(&html, "html", "lang").as_deref(), Some("es"));
    // An added section goes last in its language.
    let added = admin
        .post(
            "/newsroom/sections",
            &[("language", "ar"), ("name", "اقتصاد"), ("slug", "economy")],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.text());
    assert_eq!(
        slugs(&app, Language::Ar).await.last().map(String::as_str),
        Some("economy")
    );

    // Editors may not manage sections; every form needs its token.
    let ed = Desk::login(&app, "ed@example.org").await;
    for path in [
        "/newsroom/sections",
        &format!("/newsroom/sections/{world}/delete"),
    ] {
        assert_eq!(ed.get(path).await.status, 403, "{path}");
    }
    let fields = [
        ("id", world.as_str()),
        ("language", "en"),
        ("name", "W"),
        ("slug", "w"),
    ];
    assert_eq!(ed.post("/newsroom/sections", &fields).await.status, 403);
    assert_eq!(
        ed.post(
            "/newsroom/sections/order",
            &[("lang", "en"), ("op", "save")]
        )
        .await
        .status,
        403
    );
    assert_eq!(
        ed.post(&format!("/newsroom/sections/{world}/delete"), &[("to", "")])
            .await
            .status,
        403
    );
    assert_eq!(
        admin.post_plain("/newsroom/sections", &fields).await.status,
        403
    );
    assert_eq!(
        admin
            .post_plain(&format!("/newsroom/sections/{world}/delete"), &[])
            .await
            .status,
        403
    );
    assert_eq!(slugs(&app, Language::En).await[0], "world");
    // Bad ids are 404 or 400, never 500.
    assert_eq!(
        admin.get("/newsroom/sections?edit=999999").await.status,
        404
    );
    assert_eq!(
        admin.get("/newsroom/sections/999999/delete").await.status,
        404
    );
    assert_eq!(admin.get("/newsroom/sections/x/delete").await.status, 400);
    app.stop().await;
}

#[tokio::test]
async fn deleting_a_section_says_where_its_articles_go_then_moves_them() {
    let app = TestApp::with_demo().await;
    make_user(&app, "admin@example.org", Role::Admin).await;
    let admin = Desk::login(&app, "admin@example.org").await;
    let world = section_id(&app, Language::En, "world").await;
    let americas = section_id(&app, Language::En, "americas").await;
    let held = app
        .store()
        .section_listing(world)
        .await
        .expect("world")
        .articles;
    assert!(held > 0);

    // The edit form says how many articles it holds and offers the others.
    let form = admin
        .get(&format!("/newsroom/sections?edit={world}"))
        .await
        .html();
    assert_eq!(
        texts(&form, "label[for=f-to]"),
        [format!("{held} articles are in this section: move them to")]
    );
    assert!(!texts(&form, "#f-to option").contains(&"World".to_string()));
    // Choosing a target leads to the confirmation: nothing is deleted yet.
    let confirm = admin
        .get(&format!("/newsroom/sections/{world}/delete?to={americas}"))
        .await;
    assert_eq!(confirm.status, 200);
    let html = confirm.html();
    assert_eq!(texts(&html, "h1"), ["Delete “World”?"]);
    assert!(confirm
        .text()
        .contains(&format!("Its {held} articles will move to “Americas”.")));
    assert_eq!(
        attr(&html, "form[method=post] input[name=to]", "value"),
        Some(americas.to_string())
    );
    assert_eq!(slugs(&app, Language::En).await.len(), 6);

    // Posting with nowhere to move them is refused, and says so.
    let refused = admin
        .post(&format!("/newsroom/sections/{world}/delete"), &[("to", "")])
        .await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        texts(&refused.html(), "[role=alert]"),
        ["Choose the section its articles move to."]
    );
    let arabic = section_id(&app, Language::Ar, "world").await.to_string();
    let elsewhere = admin
        .post(
            &format!("/newsroom/sections/{world}/delete"),
            &[("to", &arabic)],
        )
        .await;
    assert_eq!(elsewhere.status, 422);
    assert_eq!(slugs(&app, Language::En).await.len(), 6);

    let deleted = admin
        .post(
            &format!("/newsroom/sections/{world}/delete"),
            &[("to", &americas.to_string())],
        )
        .await;
    assert_eq!(deleted.status, 303, "{}", deleted.text());
    assert!(location(&deleted).starts_with("/newsroom/sections?lang=en&done=deleted"));
    assert_eq!(
        slugs(&app, Language::En).await,
        ["americas", "cuba", "science", "culture", "sport"]
    );
    let now_at =
        "/en/americas/2016/10/04/u-s-suspends-negotiations-with-russia-over-syria-ceasefire";
    let old = app.eventually(SEED, |r| r.status == 301).await;
    assert_eq!(location(&old), now_at);
    assert_eq!(app.get(now_at).await.status, 200);
    let page = app.get("/en/world/").await;
    assert_eq!(
        (page.status.as_u16(), location(&page)),
        (301, "/en/americas/".into())
    );
    assert!(
        app.store()
            .section_listing(americas)
            .await
            .expect("americas")
            .articles
            > held
    );
    // It is in the audit log.
    let (log, _) = app
        .store()
        .audit_log(
            &AuditFilter {
                entity: Some("section".into()),
                entity_id: Some(world),
                user_email: Some("admin@example.org".into()),
            },
            10,
            0,
        )
        .await
        .expect("audit");
    assert!(log.iter().any(|e| e.action == "delete"
        && e.detail
            .as_deref()
            .is_some_and(|d| d.contains("en/world → en/americas"))));
    app.stop().await;
}

#[tokio::test]
async fn sections_are_ordered_by_buttons_or_a_saved_order() {
    let app = TestApp::with_demo().await;
    make_user(&app, "admin@example.org", Role::Admin).await;
    let admin = Desk::login(&app, "admin@example.org").await;
    let ids: Vec<String> = app
        .store()
        .section_listings(Language::En)
        .await
        .expect("sections")
        .iter()
        .map(|s| s.id.to_string())
        .collect();
    let form = |op: &str, order: &[String]| -> Vec<(String, String)> {
        let mut fields = vec![
            ("lang".to_string(), "en".to_string()),
            ("op".into(), op.into()),
        ];
        fields.extend(order.iter().map(|id| ("id".to_string(), id.clone())));
        fields
    };
    let post = |fields: Vec<(String, String)>| {
        let admin = &admin;
        async move {
            let borrowed: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            admin.post("/newsroom/sections/order", &borrowed).await
        }
    };
    // Down on the first, as a browser without script sends it.
    let down = post(form(&format!("down:{}", ids[0]), &ids)).await;
    assert_eq!(down.status, 303, "{}", down.text());
    assert_eq!(
        location(&down),
        format!("/newsroom/sections?lang=en&done=order#s-{}", ids[0])
    );
    assert_eq!(
        slugs(&app, Language::En).await,
        ["americas", "world", "cuba", "science", "culture", "sport"]
    );
    // The order as dragged, saved at once; readers' menus follow.
    let dragged: Vec<String> = ids.iter().rev().cloned().collect();
    assert_eq!(post(form("save", &dragged)).await.status, 303);
    assert_eq!(
        slugs(&app, Language::En).await,
        ["sport", "culture", "science", "cuba", "americas", "world"]
    );
    let front = app
        .eventually("/en/", |r| {
            let t = r.text();
            t.find("href=\"/en/sport/\"") < t.find("href=\"/en/world/\"")
        })
        .await
        .text();
    assert!(front.find("href=\"/en/sport/\"") < front.find("href=\"/en/world/\""));
    // A section of another language: refused, the page says why, no change.
    let arabic = section_id(&app, Language::Ar, "world").await.to_string();
    let mut stale = dragged.clone();
    stale.push(arabic);
    let refused = post(form("save", &stale)).await;
    assert_eq!(refused.status, 422);
    assert!(refused
        .text()
        .contains("The list changed while you were ordering it"));
    assert_eq!(slugs(&app, Language::En).await[0], "sport");
    // More ids than any language has: refused unread.
    let many: Vec<String> = (0..600).map(|i| i.to_string()).collect();
    assert_eq!(post(form("save", &many)).await.status, 400);
    app.stop().await;
}

#[tokio::test]
async fn programmes_are_renamed_merged_deleted_and_ordered_and_podcast_apps_follow() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    make_user(&app, "writer@example.org", Role::Contributor).await;
    let ed = Desk::login(&app, "ed@example.org").await;
    let newscast = app
        .store()
        .programme(Language::En, "newscast")
        .await
        .expect("the demo's programme");
    let episodes = newscast.episode_count;
    assert!(episodes > 0);
    assert_eq!(
        app.get("/en/programmes/newscast/podcast.xml").await.status,
        200
    );

    // A second programme through the Add form; a taken slug is refused there.
    let mut fields = vec![
        ("create", "1"),
        ("language", "en"),
        ("name", "Talk"),
        ("slug", "newscast"),
        ("category", "News"),
    ];
    let taken = ed.post("/newsroom/programmes", &fields).await;
    assert_eq!(taken.status, 422);
    assert_eq!(texts(&taken.html(), "#f-slug-error").len(), 1);
    assert_eq!(
        attr(&taken.html(), "#f-name", "value").as_deref(),
        Some("Talk")
    );
    fields[3] = ("slug", "talk");
    let added = ed.post("/newsroom/programmes", &fields).await;
    assert_eq!(added.status, 303, "{}", added.text());
    let talk = app
        .store()
        .programme(Language::En, "talk")
        .await
        .expect("talk");
    assert_eq!(talk.position, newscast.position + 1, "added last");

    // The list, in order, and Up on the second.
    let page = ed.get("/newsroom/programmes?lang=en").await.html();
    assert_eq!(
        texts(&page, ".nr-order .order-name"),
        [newscast.name.clone(), "Talk".into()]
    );
    let (n, t) = (newscast.id.to_string(), talk.id.to_string());
    let up = ed
        .post(
            "/newsroom/programmes/order",
            &[
                ("lang", "en"),
                ("id", &n),
                ("id", &t),
                ("op", &format!("up:{t}")),
            ],
        )
        .await;
    assert_eq!(up.status, 303);
    let names: Vec<String> = app
        .store()
        .programmes(Language::En)
        .await
        .expect("list")
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Talk".to_string(), newscast.name.clone()]);
    let public = app
        .eventually("/en/programmes/", |r| {
            let t = r.text();
            t.find("/en/programmes/talk/") < t.find("/en/programmes/newscast/")
        })
        .await
        .text();
    assert!(public.find("/en/programmes/talk/") < public.find("/en/programmes/newscast/"));

    // Renamed: its page and its podcast feed answer 301 at the old address.
    let edit = ed
        .get(&format!("/newsroom/programmes?edit={}", newscast.id))
        .await
        .html();
    assert!(
        attr(&edit, "#f-language", "name").is_none(),
        "its language is fixed"
    );
    let renamed = ed
        .post(
            "/newsroom/programmes",
            &[
                ("id", &n),
                ("language", "es"),
                ("name", "The Morning"),
                ("slug", "morning"),
                ("category", "News"),
            ],
        )
        .await;
    assert_eq!(renamed.status, 303, "{}", renamed.text());
    assert_eq!(
        location(&renamed),
        format!("/newsroom/programmes?edit={n}&done=saved")
    );
    let moved = app.store().programme_by_id(newscast.id).await.expect("it");
    assert_eq!(
        (moved.slug.as_str(), moved.language),
        ("morning", Language::En)
    );
    let feed = app
        .eventually("/en/programmes/newscast/podcast.xml", |r| r.status == 301)
        .await;
    assert_eq!(location(&feed), "/en/programmes/morning/podcast.xml");
    let page = app.get("/en/programmes/newscast/").await;
    assert_eq!(
        (page.status.as_u16(), location(&page)),
        (301, "/en/programmes/morning/".into())
    );
    let new_feed = app.get("/en/programmes/morning/podcast.xml").await;
    assert_eq!(new_feed.status, 200);
    assert!(new_feed.text().contains("The Morning"));
    assert!(new_feed
        .text()
        .contains("/en/programmes/morning/podcast.xml"));

    // Deleting it says what becomes of its episodes, then moves them.
    let articles = app
        .store()
        .programme_article_count(newscast.id)
        .await
        .expect("count");
    let confirm = ed
        .get(&format!("/newsroom/programmes/{n}/delete?to={t}"))
        .await;
    assert_eq!(confirm.status, 200);
    assert!(confirm.text().contains("will move to “Talk”"));
    let keep = ed
        .get(&format!("/newsroom/programmes/{n}/delete?to="))
        .await;
    assert!(keep.text().contains("without a programme"));
    let deleted = ed
        .post(&format!("/newsroom/programmes/{n}/delete"), &[("to", &t)])
        .await;
    assert_eq!(deleted.status, 303, "{}", deleted.text());
    assert_eq!(
        app.store()
            .programme_article_count(talk.id)
            .await
            .expect("count"),
        articles
    );
    for old in [
        "/en/programmes/newscast/podcast.xml",
        "/en/programmes/morning/podcast.xml",
    ] {
        let reply = app.eventually(old, |r| r.status == 301).await;
        assert_eq!(location(&reply), "/en/programmes/talk/podcast.xml", "{old}");
    }
    let merged = app.get("/en/programmes/talk/podcast.xml").await.text();
    assert_eq!(merged.matches("<enclosure").count() as i64, episodes);

    // Deleted with nowhere to go: its articles stay, its addresses are gone.
    let gone = ed
        .post(&format!("/newsroom/programmes/{t}/delete"), &[("to", "")])
        .await;
    assert_eq!(gone.status, 303);
    assert!(app
        .store()
        .all_programmes()
        .await
        .expect("all")
        .iter()
        .all(|p| p.language != Language::En));
    let feed = app
        .eventually("/en/programmes/talk/podcast.xml", |r| r.status == 404)
        .await;
    assert_eq!(feed.status, 404);
    assert_eq!(app.get("/en/programmes/newscast/").await.status, 404);

    // Contributors may not; every form needs its token.
    let writer = Desk::login(&app, "writer@example.org").await;
    assert_eq!(
        writer.get("/newsroom/programmes/1/delete").await.status,
        403
    );
    assert_eq!(
        writer
            .post(
                "/newsroom/programmes/order",
                &[("lang", "en"), ("op", "save")]
            )
            .await
            .status,
        403
    );
    assert_eq!(
        ed.post_plain(
            "/newsroom/programmes/order",
            &[("lang", "en"), ("op", "save")]
        )
        .await
        .status,
        403
    );
    app.stop().await;
}
