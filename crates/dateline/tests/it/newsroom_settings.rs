//! The site settings as the newsroom's form (groups, switches, worded
//! choices, numbers with units, each refusal at its field in the member's
//! language), the site's identity on every public page (name, logo, footer
//! links, social accounts, the Organization in JSON-LD), and one time zone
//! for every time a person reads.

use crate::support;

use dateline_core::newsroom::Role;
use dateline_core::zone::SiteZone;
use dateline_core::Language;
use dateline_store::AuditFilter;
use reqwest::multipart::{Form, Part};
use support::newsroom::{fields_with, make_user, post_article, Desk};
use support::{attr, texts, Reply, TestApp};
use time::OffsetDateTime;

const ARTICLE: &str =
    "/en/world/2016/10/04/u-s-suspends-negotiations-with-russia-over-syria-ceasefire";

async fn admin(app: &TestApp) -> Desk {
    make_user(app, "admin@example.org", Role::Admin).await;
    Desk::login(app, "admin@example.org").await
}

/// A page in Spanish (the browser asks for it).
async fn get_es(desk: &Desk, path: &str) -> Reply {
    let res = desk
        .client
        .get(format!("{}{path}", desk.base))
        .header("accept-language", "es")
        .send()
        .await
        .expect("answered");
    Reply {
        status: res.status(),
        headers: res.headers().clone(),
        body: res.bytes().await.expect("body").to_vec(),
    }
}

/// A form posted in Spanish, with the session's token.
async fn post_es(desk: &Desk, path: &str, fields: &[(&str, &str)]) -> Reply {
    let mut all = fields.to_vec();
    all.push(("csrf", &desk.csrf));
    let res = desk
        .client
        .post(format!("{}{path}", desk.base))
        .header("accept-language", "es")
        .form(&all)
        .send()
        .await
        .expect("answered");
    Reply {
        status: res.status(),
        headers: res.headers().clone(),
        body: res.bytes().await.expect("body").to_vec(),
    }
}

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

/// A wide PNG logo, 600 × 150.
fn logo_png() -> Vec<u8> {
    let img = image::RgbImage::from_fn(600, 150, |x, _| {
        if x < 300 {
            image::Rgb([155, 28, 28])
        } else {
            image::Rgb([29, 78, 137])
        }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("encoded");
    out.into_inner()
}

async fn upload_logo(desk: &Desk) -> i64 {
    let form = Form::new()
        .part("file", Part::bytes(logo_png()).file_name("logo.png"))
        .text("alt_text", "The station's logo")
        .text("caption", "Logo")
        .text("credit", "Staff");
    let reply = desk.upload("/newsroom/media", form).await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    reply
        .header("location")
        .and_then(|l| l.strip_prefix("/newsroom/media?done="))
        .and_then(|n| n.parse().ok())
        .expect("the new upload's id")
}

#[tokio::test]
async fn the_settings_page_is_a_form_of_groups_with_typed_fields() {
    let app = TestApp::with_demo().await;
    let desk = admin(&app).await;
    let page = desk.get("/newsroom/settings").await;
    assert_eq!(page.status, 200);
    let html = page.html();
    assert_eq!(
        texts(&html, ".nr-settings-group > h2"),
        ["Site", "Comments", "Feeds", "Datelines"]
    );
    // Labels are words, never the keys.
    let labels = texts(&html, ".nr-settings label, .nr-settings legend").join(" | ");
    assert!(
        !labels.contains("comments.") && !labels.contains("feeds."),
        "{labels}"
    );
    assert!(
        labels.contains("Which comments wait for a moderator"),
        "{labels}"
    );
    // A choice is radio buttons with worded options, the stored one ticked.
    assert_eq!(
        attr(
            &html,
            "input[type=radio][name='comments.policy'][checked]",
            "value"
        )
        .as_deref(),
        Some("hold-all")
    );
    assert!(
        labels.contains("A reader's first comment waits"),
        "{labels}"
    );
    // On/off is a switch with a hidden false before it.
    assert!(attr(
        &html,
        "input[type=hidden][name='feeds.full_content'][value=false] + input.switch[type=checkbox][role=switch][name='feeds.full_content'][value=true][checked]",
        "id"
    )
    .is_some());
    // Numbers carry their range and unit.
    assert_eq!(
        attr(
            &html,
            "input[type=number][name='comments.max_hours']",
            "max"
        )
        .as_deref(),
        Some("24")
    );
    assert_eq!(
        texts(&html, "#s-comments-rate-per-address-unit"),
        ["comments per 10 minutes"]
    );
    assert_eq!(texts(&html, "#s-comments-max-hours-unit"), ["hours"]);
    // The zone is chosen from the database's list; the site starts on UTC.
    assert_eq!(
        texts(&html, "select[name='site.time_zone'] option[selected]"),
        ["UTC"]
    );
    assert!(page.text().contains("<option>America/Havana</option>"));
    // The site's name says what empty means; the footer links come as rows.
    assert!(page
        .text()
        .contains("the name the server was started with (Dateline)"));
    assert_eq!(texts(&html, "input[name=footer_label]").len(), 3);
    // Every social network has its field.
    for key in [
        "social.x",
        "social.facebook",
        "social.instagram",
        "social.youtube",
        "social.telegram",
        "social.whatsapp",
        "social.mastodon",
        "social.tiktok",
    ] {
        assert!(
            attr(&html, &format!("input[type=url][name='{key}']"), "id").is_some(),
            "{key}"
        );
    }

    // In Spanish, the same page in Spanish.
    let es = get_es(&desk, "/newsroom/settings").await;
    let es_html = es.html();
    assert_eq!(
        texts(&es_html, ".nr-settings-group > h2"),
        ["Sitio", "Comentarios", "Canales", "Datas"]
    );
    assert_eq!(
        texts(&es_html, "#s-comments-rate-per-address-unit"),
        ["comentarios cada 10 minutos"]
    );
}

#[tokio::test]
async fn a_refused_form_keeps_what_was_typed_and_says_each_problem_once_at_its_field() {
    let app = TestApp::with_demo().await;
    let desk = admin(&app).await;
    let fields = [
        ("site.name", "A new name"),
        ("site.time_zone", "Mars/Olympus_Mons"),
        ("comments.max_hours", "99"),
        ("comments.policy", "publish"),
        ("social.x", "http://x.com/plain"),
        ("social.youtube", "https://www.youtube.com/@kept"),
        ("footer_label", "About"),
        ("footer_url", "/en/page/about"),
        ("footer_label", "Evil"),
        ("footer_url", "javascript:alert(1)"),
        ("footer_label", ""),
        ("footer_url", "/en/no-label"),
    ];
    let reply = desk.post("/newsroom/settings", &fields).await;
    assert_eq!(reply.status, 422);
    let text = reply.text();
    let html = reply.html();
    for (field, sentence) in [
        ("s-site-time-zone", "Choose a time zone from the list."),
        ("s-comments-max-hours", "Give a whole number from 1 to 24."),
        ("s-comments-policy", "Choose one of the options."),
        (
            "s-social-x",
            "Give the whole address, starting with https://.",
        ),
        (
            "fl-url-2",
            "An address starts with https://, http:// or / (a page of this site).",
        ),
        (
            "fl-label-3",
            "Give the link a label, or empty its address to remove it.",
        ),
    ] {
        assert_eq!(
            texts(&html, &format!("#{field}-error")),
            [sentence],
            "{field}"
        );
        assert_eq!(count(&text, sentence), 1, "{sentence} once");
    }
    assert_eq!(texts(&html, ".field-error").len(), 6, "no other errors");
    // Everything typed is still there.
    assert_eq!(
        attr(&html, "input[name='site.name']", "value").as_deref(),
        Some("A new name")
    );
    assert_eq!(
        attr(&html, "input[name='comments.max_hours']", "value").as_deref(),
        Some("99")
    );
    assert_eq!(
        attr(&html, "input[name='social.youtube']", "value").as_deref(),
        Some("https://www.youtube.com/@kept")
    );
    assert_eq!(
        attr(&html, "#fl-url-2", "value").as_deref(),
        Some("javascript:alert(1)")
    );
    assert_eq!(
        attr(&html, "#fl-label-1", "value").as_deref(),
        Some("About")
    );
    // Nothing was stored.
    let settings = app.store().site_settings().await.expect("settings");
    assert_eq!(settings.site_name, None);
    assert!(settings.social.is_empty() && settings.footer_links.is_empty());
    assert_eq!(settings.max_hours, 4);

    // The same refusals in Spanish, in Spanish.
    let mut desk = desk;
    desk.refresh().await;
    let reply = post_es(
        &desk,
        "/newsroom/settings",
        &[
            ("comments.max_hours", "0"),
            ("site.logo", "999999"),
            ("feeds.websub_hub", "ftp://hub.example/"),
        ],
    )
    .await;
    assert_eq!(reply.status, 422);
    let html = reply.html();
    assert_eq!(
        texts(&html, "#s-comments-max-hours-error"),
        ["Escriba un número entero de 1 a 24."]
    );
    assert_eq!(
        texts(&html, "#s-site-logo-error"),
        ["Elija una imagen de la mediateca."]
    );
    assert_eq!(
        texts(&html, "#s-feeds-websub-hub-error"),
        ["La dirección del hub empieza por http:// o https://."]
    );
}

#[tokio::test]
async fn a_switch_unticked_is_stored_as_off_and_every_change_is_audited() {
    let app = TestApp::with_demo().await;
    let desk = admin(&app).await;
    // Unticked: only the hidden field is sent.
    let reply = desk
        .post("/newsroom/settings", &[("feeds.full_content", "false")])
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert!(reply.text().contains("Settings saved."));
    assert!(
        !app.store()
            .site_settings()
            .await
            .expect("settings")
            .feeds_full_content
    );
    assert!(attr(
        &reply.html(),
        "input.switch[name='feeds.full_content']:not([checked])",
        "id"
    )
    .is_some());
    // Ticked: the hidden false and the box's true; the box wins.
    let reply = desk
        .post(
            "/newsroom/settings",
            &[
                ("feeds.full_content", "false"),
                ("feeds.full_content", "true"),
                ("comments.policy", "hold-first-time"),
            ],
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let settings = app.store().site_settings().await.expect("settings");
    assert!(settings.feeds_full_content);
    assert_eq!(settings.comments_policy.as_str(), "hold-first-time");
    let (entries, _) = app
        .store()
        .audit_log(
            &AuditFilter {
                entity: Some("setting".into()),
                ..Default::default()
            },
            50,
            0,
        )
        .await
        .expect("audit");
    let details: Vec<String> = entries.iter().filter_map(|e| e.detail.clone()).collect();
    assert!(
        details.contains(&"feeds.full_content = false".to_string()),
        "{details:?}"
    );
    assert!(
        details.contains(&"feeds.full_content = true".to_string()),
        "{details:?}"
    );
    assert!(
        details.contains(&"comments.policy = hold-first-time".to_string()),
        "{details:?}"
    );
    assert!(entries
        .iter()
        .all(|e| e.user_email.as_deref() == Some("admin@example.org")));
    // Only administrators reach the page or the form.
    make_user(&app, "ed@example.org", Role::Editor).await;
    let editor = Desk::login(&app, "ed@example.org").await;
    assert_eq!(editor.get("/newsroom/settings").await.status, 403);
    assert_eq!(
        editor
            .post("/newsroom/settings", &[("site.name", "Taken")])
            .await
            .status,
        403
    );
    // And never without the form's token.
    let reply = desk
        .post_plain("/newsroom/settings", &[("site.name", "No token")])
        .await;
    assert_eq!(reply.status, 403);
    assert_eq!(
        app.store().site_settings().await.expect("s").site_name,
        None
    );
}

#[tokio::test]
async fn the_site_identity_shows_on_every_public_page_as_soon_as_it_is_saved() {
    let app = TestApp::with_demo().await;
    let desk = admin(&app).await;
    let logo = upload_logo(&desk).await;
    let token = app.store().media(logo).await.expect("stored").token;
    // The public pages are in the cache with the old masthead.
    for path in ["/en/", ARTICLE, "/es/"] {
        let page = app.get(path).await;
        assert_eq!(page.status, 200);
        assert!(texts(&page.html(), ".site-name").contains(&"Dateline".to_string()));
    }
    // Before it is the logo, the upload is not the readers'.
    let rendition = format!("/media/{token}/w320.png");
    assert_eq!(app.get(&rendition).await.status, 404);

    let logo_id = logo.to_string();
    let reply = desk
        .post(
            "/newsroom/settings",
            &[
                ("site.name", "Radio <Havana> & Co"),
                ("site.logo", &logo_id),
                ("footer_label", "Donate <now>"),
                ("footer_url", "https://donate.example/?a=1&b=2"),
                ("footer_label", "About us"),
                ("footer_url", "/en/page/about"),
                ("footer_label", ""),
                ("footer_url", ""),
                ("social.x", "https://x.com/radiohavana"),
                ("social.mastodon", "https://mastodon.social/@radiohavana"),
            ],
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());

    // At once, without waiting for the change feed: this node's cache was
    // cleared with the save.
    for path in ["/en/", ARTICLE, "/es/", "/en/world/"] {
        let page = app.get(path).await;
        assert_eq!(page.status, 200, "{path}");
        let text = page.text();
        let html = page.html();
        assert_eq!(
            attr(&html, ".site-name img.site-logo", "alt").as_deref(),
            Some("Radio <Havana> & Co"),
            "{path}"
        );
        assert!(
            text.contains("alt=\"Radio &lt;Havana&gt; &amp; Co\""),
            "{path}: escaped"
        );
        assert!(!text.contains("<Havana>"), "{path}");
        let src = attr(&html, ".site-name img.site-logo", "src").expect("a src");
        assert!(src.starts_with(&format!("/media/{token}/w")), "{src}");
        assert!(attr(&html, ".site-name img.site-logo", "srcset")
            .expect("srcset")
            .contains(" 320w"));
        // 600 × 150 shown 48 px high: 192 × 48.
        assert_eq!(
            attr(&html, ".site-name img.site-logo", "width").as_deref(),
            Some("192")
        );
        assert_eq!(
            attr(
                &html,
                ".site-footer a[href='https://donate.example/?a=1&b=2']",
                "href"
            )
            .as_deref(),
            Some("https://donate.example/?a=1&b=2"),
            "{path}"
        );
        assert!(text.contains(">Donate &lt;now&gt;</a>"), "{path}");
        assert_eq!(
            texts(&html, ".footer-social a"),
            ["X", "Mastodon"],
            "{path}: in the networks' order"
        );
        assert_eq!(
            attr(&html, ".footer-social a.social-mastodon", "rel").as_deref(),
            Some("me noopener")
        );
    }
    // The logo is now the readers' (its renditions, never the original).
    assert_eq!(app.get(&rendition).await.status, 200);
    assert_eq!(
        app.get(&format!("/media/{token}/original.png"))
            .await
            .status,
        404
    );
    // Titles carry the new name; the Organization has its logo and accounts.
    let article = app.get(ARTICLE).await;
    let html = article.html();
    let title = texts(&html, "title").join("");
    assert!(title.ends_with("· Radio <Havana> & Co"), "{title}");
    let json = texts(&html, "script[type='application/ld+json']").join("");
    let data: serde_json::Value = serde_json::from_str(&json).expect("JSON-LD");
    let publisher = &data[0]["publisher"];
    assert_eq!(publisher["@type"], "Organization");
    assert_eq!(publisher["name"], "Radio <Havana> & Co");
    assert!(publisher["logo"]["url"]
        .as_str()
        .expect("a logo")
        .contains(&format!("/media/{token}/w")));
    assert_eq!(
        publisher["sameAs"],
        serde_json::json!([
            "https://x.com/radiohavana",
            "https://mastodon.social/@radiohavana"
        ])
    );
    // The newsroom's frame names the site too.
    assert!(desk
        .get("/newsroom/")
        .await
        .text()
        .contains("Radio &lt;Havana&gt; &amp; Co"));

    // Set from elsewhere (the command line, another node): the change feed
    // brings it to the pages.
    app.store()
        .set_setting("site.name", "", OffsetDateTime::now_utc())
        .await
        .expect("set");
    app.store()
        .set_setting("site.logo", "", OffsetDateTime::now_utc())
        .await
        .expect("set");
    let page = app
        .eventually("/en/", |r| {
            texts(&r.html(), ".site-name").contains(&"Dateline".to_string())
        })
        .await;
    assert!(attr(&page.html(), ".site-name img", "src").is_none());
    assert_eq!(app.get(&rendition).await.status, 404);
}

#[tokio::test]
async fn times_are_shown_in_the_site_zone_with_the_zone_named() {
    let app = TestApp::with_demo().await;
    let mut desk = admin(&app).await;
    let reply = desk
        .post(
            "/newsroom/settings",
            &[("site.time_zone", "America/Havana")],
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let havana = SiteZone::parse("America/Havana").expect("zone");

    // The public article page: the time on Havana's clock, named; the
    // machine-readable instant and the address unchanged (UTC).
    let page = app.get(ARTICLE).await;
    assert_eq!(page.status, 200);
    let html = page.html();
    let instant = attr(&html, "time.visually-hidden", "datetime").expect("an instant");
    let at = OffsetDateTime::parse(&instant, &time::format_description::well_known::Rfc3339)
        .expect("RFC 3339");
    assert_eq!(at.offset(), time::UtcOffset::UTC, "{instant}");
    // As the page's text reads (its narrow no-break space as a space).
    let shown = dateline_render::dates::date_time(Language::En, at, &havana)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let wall = havana.wall(at);
    assert!(
        wall.zone == "CDT" || wall.zone == "CST",
        "Havana names its zone: {}",
        wall.zone
    );
    let published = texts(&html, ".story-meta .published").join("");
    assert!(published.contains(&shown), "{published} has {shown}");
    assert!(shown.ends_with(&format!(" {}", wall.zone)));
    assert_ne!(
        at.hour(),
        wall.hour,
        "the converted hour differs from the UTC one"
    );

    // The newsroom: the audit log's newest entry (this very change) on
    // Havana's clock, named.
    let (entries, _) = app
        .store()
        .audit_log(&AuditFilter::default(), 1, 0)
        .await
        .expect("audit");
    let expected = dateline_render::dates::date_time(Language::En, entries[0].at, &havana);
    let audit = desk.get("/newsroom/audit").await.text();
    assert!(audit.contains(&expected), "{expected} in the audit log");

    // The editor's schedule is read on Havana's clock and shown so: 18:30
    // on 4 December 2025 in Havana (CST, UTC-5) is 23:30 UTC.
    desk.refresh().await;
    let id = post_article(
        &desk,
        &fields_with(
            "Scheduled from Havana",
            "Body.",
            &[("published_at", "2025-12-04T18:30")],
        ),
    )
    .await;
    let stored = app
        .store()
        .newsroom_article(id)
        .await
        .expect("the article")
        .published_at
        .expect("a time");
    assert_eq!(
        stored,
        time::macros::datetime!(2025-12-04 23:30 UTC),
        "read as Havana's time"
    );
    // The articles list (a shared macro of the newsroom's templates) too.
    let list = desk.get("/newsroom/articles").await.text();
    let now_zone = havana.wall(OffsetDateTime::now_utc()).zone;
    assert!(
        list.contains(&format!(" {now_zone}</time>")),
        "the list's times name {now_zone}"
    );
    let editor = desk.get(&format!("/newsroom/articles/{id}")).await;
    let editor_html = editor.html();
    assert_eq!(
        attr(&editor_html, "input[name=published_at]", "value").as_deref(),
        Some("2025-12-04T18:30")
    );
    assert!(
        editor
            .text()
            .contains("In the site&#39;s time zone (America/Havana)"),
        "the zone is named beside the field"
    );
}

/// `dateline settings set KEY VALUE` on the test site's database.
fn cli_set(app: &TestApp, key: &str, value: &str) -> (bool, String) {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"));
    for (name, _) in std::env::vars() {
        if name.starts_with("DATELINE_") {
            cmd.env_remove(name);
        }
    }
    cmd.args(["settings", "--data-dir"]).arg(app.data_dir());
    if let Some(url) = &app.config.database_url {
        cmd.args(["--database-url", url.expose()]);
    }
    let out = cmd.args(["set", key, value]).output().expect("runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn the_command_line_sets_the_identity_with_the_same_rules_in_english() {
    let app = TestApp::with_demo().await;
    let (ok, stderr) = cli_set(&app, "site.time_zone", "Mars/Olympus_Mons");
    assert!(!ok);
    assert!(
        stderr.contains("site.time_zone takes an IANA time zone such as America/Havana or UTC"),
        "{stderr}"
    );
    let (ok, stderr) = cli_set(&app, "site.footer_links", "Bad = javascript:alert(1)");
    assert!(!ok);
    assert!(
        stderr
            .contains("site.footer_links: line 1: a link's URL starts with http://, https:// or /"),
        "{stderr}"
    );
    let (ok, stderr) = cli_set(&app, "site.logo", "999999");
    assert!(!ok);
    assert!(stderr.contains("no image number 999999"), "{stderr}");
    let (ok, stderr) = cli_set(&app, "social.tiktok", "http://www.tiktok.com/@x");
    assert!(!ok);
    assert!(
        stderr.contains("social.tiktok takes empty, or an https:// URL"),
        "{stderr}"
    );
    assert!(cli_set(&app, "site.time_zone", "europe/madrid").0);
    assert!(cli_set(&app, "site.name", "Radio from the CLI").0);
    let settings = app.store().site_settings().await.expect("settings");
    assert_eq!(settings.time_zone.name(), "Europe/Madrid");
    assert_eq!(settings.site_name.as_deref(), Some("Radio from the CLI"));
    // Another process's change reaches the pages through the change feed.
    let page = app
        .eventually("/en/", |r| {
            texts(&r.html(), ".site-name").contains(&"Radio from the CLI".to_string())
        })
        .await;
    assert!(texts(&page.html(), ".site-name").contains(&"Radio from the CLI".to_string()));
}
