//! Programmes and their podcasts, as the newsroom makes them and readers
//! and podcast apps read them: the newsroom's form (editors only, errors at
//! the field), episodes chosen in the article editor, the programme page
//! with a player per episode, and the podcast feed read by an XML parser.

use crate::support;

use dateline_core::newsroom::Role;
use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;
use std::io::Cursor;
use std::path::PathBuf;
use support::newsroom::{fields_with, make_user, post_article, Desk};
use support::{attr, texts, Reply, TestApp};

const ITUNES: &str = "http://www.itunes.com/dtds/podcast-1.0.dtd";
const PODCAST: &str = "https://podcastindex.org/namespace/1.0";
const ATOM: &str = "http://www.w3.org/2005/Atom";

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../dateline-media/tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A square PNG with a gradient, for a cover.
fn square_png(side: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(side, side, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    });
    let mut out = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("encode");
    out.into_inner()
}

/// Uploads through the library's form; returns the new file's id.
async fn upload(desk: &Desk, form: Form) -> i64 {
    let reply = desk.upload("/newsroom/media", form).await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    reply
        .header("location")
        .and_then(|l| l.strip_prefix("/newsroom/media?done="))
        .and_then(|n| n.parse().ok())
        .expect("the library after an upload")
}

async fn upload_mp3(desk: &Desk) -> i64 {
    upload(
        desk,
        Form::new()
            .part(
                "file",
                Part::bytes(fixture("tone-3s-cbr.mp3")).file_name("morning.mp3"),
            )
            .text("caption", "The morning report"),
    )
    .await
}

async fn upload_cover(desk: &Desk) -> i64 {
    upload(
        desk,
        Form::new()
            .part("file", Part::bytes(square_png(600)).file_name("cover.png"))
            .text("alt_text", "The programme's cover: coloured stripes")
            .text("caption", "Cover")
            .text("credit", "Dateline"),
    )
    .await
}

/// The programme form as the newsroom's page sends it.
fn programme_fields<'a>(
    language: &'a str,
    slug: &'a str,
    name: &'a str,
    cover: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("language", language),
        ("slug", slug),
        ("name", name),
        (
            "description",
            "The morning's news in three seconds, & nothing <b>more</b>.",
        ),
        ("author", "Ana Presenter"),
        ("category", "News"),
        ("cover_id", cover),
    ]
}

/// Saves a programme through the form; returns its id.
async fn save_programme(desk: &Desk, fields: &[(&str, &str)]) -> i64 {
    let reply = desk.post("/newsroom/programmes", fields).await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    let location = reply.header("location").expect("a redirect");
    location
        .strip_prefix("/newsroom/programmes?edit=")
        .and_then(|rest| rest.split('&').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("the programme's form after a save: {location}"))
}

fn error_of(reply: &Reply, field: &str) -> String {
    texts(&reply.html(), &format!("#f-{field}-error")).join(" ")
}

/// The only child element of `node` with this name in this namespace.
fn child<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    ns: Option<&str>,
    name: &str,
) -> roxmltree::Node<'a, 'i> {
    let found: Vec<_> = node
        .children()
        .filter(|c| c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == ns)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one <{name}> in <{}>",
        node.tag_name().name()
    );
    found[0]
}

fn text_of(node: roxmltree::Node<'_, '_>, ns: Option<&str>, name: &str) -> String {
    child(node, ns, name).text().unwrap_or("").to_string()
}

#[tokio::test]
async fn a_programme_has_its_page_its_episodes_and_a_podcast_feed() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    let desk = Desk::login(&app, "ed@example.org").await;
    let audio = upload_mp3(&desk).await;
    let cover = upload_cover(&desk).await;
    let (audio_s, cover_s) = (audio.to_string(), cover.to_string());

    // The newsroom's page: the navigation leads there, the form offers the
    // library's images as covers.
    let page = desk.get("/newsroom/programmes").await;
    assert_eq!(page.status, 200, "{}", page.text());
    assert_eq!(page.header("cache-control"), Some("no-store"));
    let html = page.html();
    assert_eq!(
        attr(&html, "nav a[href='/newsroom/programmes']", "aria-current").as_deref(),
        Some("page")
    );
    assert!(
        texts(&html, "#f-cover_id option")
            .iter()
            .any(|o| o.starts_with("cover.png")),
        "the cover is offered"
    );
    let programme = save_programme(
        &desk,
        &programme_fields("en", "morning-report", "The Morning Report", &cover_s),
    )
    .await;
    let saved = app.store().programme_by_id(programme).await.expect("saved");
    assert_eq!(saved.name, "The Morning Report");
    assert_eq!(saved.cover_id, Some(cover));
    assert_eq!(saved.category.as_deref(), Some("News"));
    assert!(!saved.explicit);

    // An episode: an article with audio in the programme; and an article of
    // the programme without audio, which is no episode.
    let episode = post_article(
        &desk,
        &fields_with(
            "Morning report: the harbour reopens",
            "The harbour reopened at dawn.",
            &[
                ("audio_id", audio_s.as_str()),
                ("programme_id", &programme.to_string()),
                ("intent", "publish"),
            ],
        ),
    )
    .await;
    let silent = post_article(
        &desk,
        &fields_with(
            "A programme note without audio",
            "Nothing to hear here.",
            &[
                ("programme_id", &programme.to_string()),
                ("intent", "publish"),
            ],
        ),
    )
    .await;
    let input = app.store().article_input(episode).await.expect("input");
    assert_eq!(input.programme_id, Some(programme));
    let episode_path = app
        .store()
        .newsroom_article(episode)
        .await
        .expect("episode")
        .path
        .expect("published");
    let silent_path = app
        .store()
        .newsroom_article(silent)
        .await
        .expect("article")
        .path
        .expect("published");

    // The editor shows the programme chosen, labelled with its language.
    let editor = desk.get(&format!("/newsroom/articles/{episode}")).await;
    let editor = editor.html();
    assert_eq!(
        attr(&editor, "#f-programme_id option[selected]", "value"),
        Some(programme.to_string())
    );
    assert!(
        texts(&editor, "#f-programme_id option").contains(&"The Morning Report (en)".to_string())
    );

    // The programmes of the language, and the programme's page.
    let list = app
        .eventually("/en/programmes/", |r| {
            r.text().contains("The Morning Report")
        })
        .await;
    assert_eq!(list.status, StatusCode::OK);
    let html = list.html();
    assert_eq!(texts(&html, "h1"), ["Programmes"]);
    assert!(texts(&html, ".programme-card h2").contains(&"The Morning Report".to_string()));
    assert!(
        texts(&html, ".sections a").contains(&"Programmes".to_string()),
        "the section navigation leads to the programmes"
    );

    let page = app.get("/en/programmes/morning-report/").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    assert!(page.header("etag").is_some(), "through the page cache");
    let html = page.html();
    assert_eq!(texts(&html, "h1"), ["The Morning Report"]);
    assert!(page.text().contains(
        "The morning&#39;s news in three seconds, &amp; nothing &lt;b&gt;more&lt;/b&gt;."
    ));
    assert_eq!(
        attr(
            &html,
            "link[rel=alternate][type='application/rss+xml']",
            "href"
        )
        .as_deref(),
        Some("/en/programmes/morning-report/podcast.xml"),
        "podcast apps discover the feed"
    );
    assert_eq!(
        attr(&html, ".programme-subscribe a", "href").as_deref(),
        Some("/en/programmes/morning-report/podcast.xml")
    );
    // Readers name uploads by their tokens, not their ids.
    let cover_token = app.store().media(cover).await.expect("cover").token;
    let audio_token = app.store().media(audio).await.expect("audio").token;
    assert!(attr(&html, "img.programme-cover", "src")
        .is_some_and(|src| src.starts_with(&format!("/media/{cover_token}/"))));
    let audio_path = format!("/media/{audio_token}/original.mp3");
    assert_eq!(
        texts(&html, ".episode h3"),
        ["Morning report: the harbour reopens"],
        "only the article with audio is an episode"
    );
    assert_eq!(
        attr(&html, ".episode h3 a", "href").as_deref(),
        Some(episode_path.as_str())
    );
    assert_eq!(
        attr(&html, ".episode audio", "src").as_deref(),
        Some(audio_path.as_str())
    );
    assert_eq!(
        attr(&html, ".episode audio", "preload").as_deref(),
        Some("none")
    );
    assert!(attr(&html, ".episode audio", "controls").is_some());
    assert_eq!(
        attr(&html, ".episode audio", "aria-label").as_deref(),
        Some("Listen: Morning report: the harbour reopens")
    );
    assert!(texts(&html, ".episode .card-meta")[0].contains("Duration 0:03"));
    // The player's file answers.
    let file = app.get(&audio_path).await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.header("content-type"), Some("audio/mpeg"));

    // The episode's own page names its programme; the other article does not.
    let article = app.get(&episode_path).await.html();
    assert_eq!(
        attr(&article, ".programme-link a", "href").as_deref(),
        Some("/en/programmes/morning-report/")
    );
    let other = app.get(&silent_path).await.html();
    assert!(texts(&other, ".programme-link").is_empty());

    // The podcast feed, read by an XML parser.
    let feed = app.get("/en/programmes/morning-report/podcast.xml").await;
    assert_eq!(feed.status, StatusCode::OK);
    assert_eq!(
        feed.header("content-type"),
        Some("application/rss+xml; charset=utf-8")
    );
    let etag = feed.header("etag").expect("an etag").to_string();
    assert_eq!(
        app.get_with(
            "/en/programmes/morning-report/podcast.xml",
            &[("if-none-match", &etag)]
        )
        .await
        .status,
        StatusCode::NOT_MODIFIED
    );
    let xml = feed.text();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let rss = doc.root_element();
    assert_eq!(rss.tag_name().name(), "rss");
    assert_eq!(rss.attribute("version"), Some("2.0"));
    assert_eq!(rss.lookup_namespace_uri(Some("itunes")), Some(ITUNES));
    assert_eq!(rss.lookup_namespace_uri(Some("podcast")), Some(PODCAST));
    let channel = child(rss, None, "channel");
    let base = &app.base;
    let home = format!("{base}/en/programmes/morning-report/");
    assert_eq!(text_of(channel, None, "title"), "The Morning Report");
    assert_eq!(text_of(channel, None, "link"), home);
    assert_eq!(text_of(channel, None, "language"), "en");
    assert_eq!(
        text_of(channel, None, "description"),
        "The morning's news in three seconds, & nothing <b>more</b>."
    );
    let self_link = child(channel, Some(ATOM), "link");
    assert_eq!(self_link.attribute("rel"), Some("self"));
    assert_eq!(
        self_link.attribute("href"),
        Some(format!("{home}podcast.xml").as_str())
    );
    assert_eq!(text_of(channel, Some(ITUNES), "author"), "Ana Presenter");
    assert!(text_of(channel, Some(ITUNES), "summary").starts_with("The morning's news"));
    // The cover's widest rendition (600 px): readers never get an image's
    // original.
    let cover_token = app.store().media(cover).await.expect("cover").token;
    let cover_url = format!("{base}/media/{cover_token}/w600.png");
    assert_eq!(
        child(channel, Some(ITUNES), "image").attribute("href"),
        Some(cover_url.as_str())
    );
    let image = child(channel, None, "image");
    assert_eq!(text_of(image, None, "url"), cover_url);
    assert_eq!(text_of(image, None, "title"), "The Morning Report");
    assert_eq!(text_of(image, None, "link"), home);
    assert_eq!(
        child(channel, Some(ITUNES), "category").attribute("text"),
        Some("News")
    );
    assert_eq!(text_of(channel, Some(ITUNES), "explicit"), "false");
    assert_eq!(text_of(channel, Some(ITUNES), "type"), "episodic");
    assert_eq!(text_of(channel, Some(PODCAST), "locked"), "no");

    let items: Vec<_> = channel
        .children()
        .filter(|c| c.has_tag_name("item"))
        .collect();
    assert_eq!(items.len(), 1, "the article without audio is no episode");
    let item = items[0];
    let url = format!("{base}{episode_path}");
    assert_eq!(
        text_of(item, None, "title"),
        "Morning report: the harbour reopens"
    );
    assert_eq!(text_of(item, None, "link"), url);
    let guid = child(item, None, "guid");
    assert_eq!(guid.text(), Some(url.as_str()));
    assert_eq!(guid.attribute("isPermaLink"), Some("true"));
    let published = text_of(item, None, "pubDate");
    assert!(
        time::OffsetDateTime::parse(&published, &time::format_description::well_known::Rfc2822)
            .is_ok(),
        "RFC 822 date: {published}"
    );
    assert_eq!(text_of(item, None, "description"), "A standfirst.");
    let enclosure = child(item, None, "enclosure");
    let stored = app.store().media(audio).await.expect("audio");
    assert_eq!(
        enclosure.attribute("url"),
        Some(format!("{base}{audio_path}").as_str())
    );
    assert_eq!(
        enclosure.attribute("length"),
        Some(stored.byte_size.to_string().as_str())
    );
    assert_eq!(
        stored.byte_size,
        fixture("tone-3s-cbr.mp3").len() as i64,
        "the length is the file's size"
    );
    assert_eq!(enclosure.attribute("type"), Some("audio/mpeg"));
    assert_eq!(text_of(item, Some(ITUNES), "duration"), "3");
    assert_eq!(text_of(item, Some(ITUNES), "episodeType"), "full");
    assert_eq!(text_of(item, Some(ITUNES), "explicit"), "false");

    // A change to the programme reaches the page and the feed.
    let mut changed = programme_fields("en", "morning-report", "The Early Report", &cover_s);
    changed.push(("explicit", "1"));
    assert_eq!(
        save_programme(&desk, &changed).await,
        programme,
        "the same programme"
    );
    let feed = app
        .eventually("/en/programmes/morning-report/podcast.xml", |r| {
            r.text().contains("The Early Report")
        })
        .await;
    assert!(feed
        .text()
        .contains("<itunes:explicit>true</itunes:explicit>"));

    // The audit log names who changed it.
    let (log, _) = app
        .store()
        .audit_log(
            &dateline_store::AuditFilter {
                entity: Some("programme".into()),
                entity_id: Some(programme),
                user_email: None,
            },
            10,
            0,
        )
        .await
        .expect("audit log");
    assert_eq!(log.len(), 2, "{log:?}");
}

#[tokio::test]
async fn unknown_programmes_and_pages_are_not_found() {
    let app = TestApp::with_demo().await;
    for path in [
        "/en/programmes/nope/",
        "/en/programmes/nope/podcast.xml",
        "/xx/programmes/",
        "/en/programmes/newscast/?page=2",
    ] {
        let reply = app.get(path).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
    }
    // In the site's frame, in the page's language.
    let reply = app.get("/en/programmes/nope/").await;
    let html = reply.html();
    assert_eq!(attr(&html, "html", "lang").as_deref(), Some("en"));
    assert_eq!(texts(&html, "h1"), ["Page not found"]);
    assert_eq!(
        app.get("/en/programmes/newscast/?page=0").await.status,
        StatusCode::BAD_REQUEST
    );
    // Without the slash: to the page.
    let moved = app.get("/en/programmes/newscast").await;
    assert_eq!(moved.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(moved.header("location"), Some("/en/programmes/newscast/"));
    // A language without programmes says so, in its own language.
    let es = app.get("/es/programmes/").await;
    assert_eq!(es.status, StatusCode::OK);
    let html = es.html();
    assert_eq!(texts(&html, "h1"), ["Programas"]);
    assert_eq!(texts(&html, ".empty"), ["Todavía no hay programas."]);
    assert!(!texts(&html, ".sections a").contains(&"Programas".to_string()));
}

#[tokio::test]
async fn the_newsroom_refuses_what_is_wrong_and_keeps_what_was_typed() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    make_user(&app, "writer@example.org", Role::Contributor).await;
    make_user(&app, "admin@example.org", Role::Admin).await;
    let desk = Desk::login(&app, "ed@example.org").await;
    let before = app.store().all_programmes().await.expect("list").len();

    // An empty name, at the field; everything typed is still there.
    let mut fields = programme_fields("en", "evening-talk", "", "");
    fields.push(("explicit", "1"));
    let reply = desk.post("/newsroom/programmes", &fields).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error_of(&reply, "name"),
        "Give a name of 1 to 100 characters."
    );
    assert_eq!(
        attr(&reply.html(), "#f-name", "aria-invalid").as_deref(),
        Some("true")
    );
    let html = reply.html();
    assert_eq!(
        attr(&html, "#f-slug", "value").as_deref(),
        Some("evening-talk")
    );
    assert_eq!(
        attr(&html, "#f-author", "value").as_deref(),
        Some("Ana Presenter")
    );
    assert_eq!(
        texts(&html, "#f-description"),
        ["The morning's news in three seconds, & nothing <b>more</b>."]
    );
    assert_eq!(
        attr(&html, "#f-category option[selected]", "value").as_deref(),
        Some("News")
    );
    assert!(attr(&html, "#f-explicit", "checked").is_some());

    // Other refusals, each at its field.
    for (field, value) in [
        ("slug", "Not a slug"),
        ("language", "xx"),
        ("category", "Gossip"),
        ("cover_id", "999999"),
    ] {
        let mut fields = programme_fields("en", "evening-talk", "Evening Talk", "");
        fields.retain(|(k, _)| *k != field);
        fields.push((field, value));
        let reply = desk.post("/newsroom/programmes", &fields).await;
        assert_eq!(reply.status, 422, "{field}={value}");
        assert!(!error_of(&reply, field).is_empty(), "{field}={value}");
    }
    // An audio file is no cover.
    let audio = upload_mp3(&desk).await.to_string();
    let reply = desk
        .post(
            "/newsroom/programmes",
            &programme_fields("en", "evening-talk", "Evening Talk", &audio),
        )
        .await;
    assert_eq!(reply.status, 422);
    assert!(!error_of(&reply, "cover_id").is_empty());
    assert_eq!(
        app.store().all_programmes().await.expect("list").len(),
        before,
        "nothing was saved"
    );

    // Without the form's token: refused.
    let reply = desk
        .post_plain(
            "/newsroom/programmes",
            &programme_fields("en", "evening-talk", "Evening Talk", ""),
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);

    // A contributor may not run programmes: no page, no save, no nav entry.
    let writer = Desk::login(&app, "writer@example.org").await;
    assert_eq!(
        writer.get("/newsroom/programmes").await.status,
        StatusCode::FORBIDDEN
    );
    let reply = writer
        .post(
            "/newsroom/programmes",
            &programme_fields("en", "evening-talk", "Evening Talk", ""),
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let desk_page = writer.get("/newsroom/").await.html();
    assert!(attr(&desk_page, "nav a[href='/newsroom/programmes']", "href").is_none());
    assert_eq!(
        app.store().all_programmes().await.expect("list").len(),
        before
    );

    // The section slug `programmes` is the programmes' address.
    let admin = Desk::login(&app, "admin@example.org").await;
    let reply = admin
        .post(
            "/newsroom/sections",
            &[
                ("language", "en"),
                ("slug", "programmes"),
                ("name", "Programmes"),
                ("position", "9"),
                ("key", ""),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!error_of(&reply, "slug").is_empty());
}

#[tokio::test]
async fn an_article_takes_only_a_programme_of_its_language() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    let desk = Desk::login(&app, "ed@example.org").await;
    let spanish = save_programme(
        &desk,
        &programme_fields("es", "informativo", "El Informativo", ""),
    )
    .await;
    let spanish_s = spanish.to_string();
    let audio = upload_mp3(&desk).await.to_string();

    // An English article in a Spanish programme: refused at the field, with
    // what was typed kept; nothing saved.
    let fields = fields_with(
        "An English bulletin",
        "The bulletin.",
        &[
            ("audio_id", audio.as_str()),
            ("programme_id", spanish_s.as_str()),
            ("intent", "publish"),
        ],
    );
    let before = app
        .store()
        .newsroom_articles(&Default::default(), 1, 0)
        .await
        .expect("list")
        .total;
    let reply = desk.post("/newsroom/articles", &fields).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error_of(&reply, "programme_id"),
        "Choose a programme in the article's language."
    );
    let html = reply.html();
    assert_eq!(
        attr(&html, "#f-programme_id option[selected]", "value"),
        Some(spanish_s.clone())
    );
    assert_eq!(
        attr(&html, "#f-headline", "value").as_deref(),
        Some("An English bulletin")
    );
    // A programme that does not exist.
    let fields = fields_with(
        "An English bulletin",
        "The bulletin.",
        &[("programme_id", "999999"), ("intent", "save")],
    );
    let reply = desk.post("/newsroom/articles", &fields).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!error_of(&reply, "programme_id").is_empty());
    assert_eq!(
        app.store()
            .newsroom_articles(&Default::default(), 1, 0)
            .await
            .expect("list")
            .total,
        before
    );

    // The same article in Spanish is an episode.
    let fields = fields_with(
        "Boletín de la mañana",
        "El boletín.",
        &[
            ("language", "es"),
            ("section", "mundo"),
            ("audio_id", audio.as_str()),
            ("programme_id", spanish_s.as_str()),
            ("intent", "publish"),
        ],
    );
    let reply = desk.post("/newsroom/articles", &fields).await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    let page = app
        .eventually("/es/programmes/informativo/", |r| {
            r.text().contains("Boletín de la mañana")
        })
        .await;
    let html = page.html();
    assert_eq!(texts(&html, ".episode h3"), ["Boletín de la mañana"]);
    assert_eq!(
        attr(&html, ".episode audio", "aria-label").as_deref(),
        Some("Escuchar: Boletín de la mañana")
    );

    // The store keeps the rule too, whoever saves.
    let mut input = app
        .store()
        .article_input(Desk::article_id(&reply))
        .await
        .expect("input");
    input.language = dateline_core::Language::En;
    input.section = "world".into();
    let refused = app
        .store()
        .save_article(
            Some(Desk::article_id(&reply)),
            &input,
            time::OffsetDateTime::now_utc(),
        )
        .await;
    assert!(
        matches!(refused, Err(dateline_store::StoreError::Invalid(_))),
        "{refused:?}"
    );
}
