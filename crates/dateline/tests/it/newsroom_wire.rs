//! The wire desk as a queue (issue 16, item 8) and the desk that shows what
//! needs attention (item 11), through the real server: copy pasted,
//! uploaded or sent with `dateline import wire --draft` arrives as a queue
//! item; Take makes it the member's draft and opens the editor; Spike keeps
//! it aside; repeats make no second item; updates of a taken story are
//! marked; the desk counts what waits.

use crate::support;

use dateline_core::newsroom::Role;
use dateline_core::{Language, Status};
use dateline_store::{NewWireItem, WireSource, WireState};
use reqwest::multipart::{Form, Part};
use support::newsroom::{fields_with, make_user, post_article, Desk, PASSWORD};
use support::{attr, texts, Reply, TestApp};
use time::OffsetDateTime;

const SEED_HEADLINE: &str = "U.S. Suspends Negotiations with Russia over Syria Ceasefire";

fn seed() -> Vec<u8> {
    std::fs::read(support::seed_path()).expect("the seed")
}

/// Copy in the headered format, with a body of its own.
fn headered(headline: &str, language: &str, body: &str) -> String {
    format!(
        "Headline: {headline}\nSection: world\nLanguage: {language}\n\
         Dateline: HAVANA, Nov 24 (Reuters)\nDate: 2016-11-24\n\n{body}\n"
    )
}

async fn paste(desk: &Desk, copy: &str, language: &str) -> Reply {
    let form = Form::new()
        .text("copy", copy.to_string())
        .text("language", language.to_string());
    desk.upload("/newsroom/wire/paste", form).await
}

async fn upload(desk: &Desk, files: Vec<(&str, Vec<u8>)>) -> Reply {
    let mut form = Form::new().text("language", "detect");
    for (name, bytes) in files {
        form = form.part("files", Part::bytes(bytes).file_name(name.to_string()));
    }
    desk.upload("/newsroom/wire", form).await
}

async fn queued(app: &TestApp) -> Vec<dateline_store::WireItem> {
    app.store()
        .wire_items(WireState::Queued, None, 100, 0)
        .await
        .expect("the queue")
        .items
}

/// A browser whose newsroom speaks Spanish.
async fn spanish(app: &TestApp, email: &str) -> Desk {
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
    assert_eq!(desk.try_login(email, PASSWORD).await.status, 303);
    desk.refresh().await;
    desk
}

/// The text of the first element matching, exactly as written.
fn raw_text(html: &scraper::Html, selector: &str) -> String {
    let sel = scraper::Selector::parse(selector).expect("selector");
    html.select(&sel)
        .next()
        .map(|e| e.text().collect())
        .unwrap_or_default()
}

fn dateline_cli() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"));
    for (key, _) in std::env::vars() {
        if key.starts_with("DATELINE_") {
            cmd.env_remove(key);
        }
    }
    cmd
}

#[tokio::test]
async fn pasted_copy_waits_in_the_queue_until_a_writer_takes_it() {
    let app = TestApp::with_demo().await;
    let writer_id = make_user(&app, "writer@example.org", Role::Contributor).await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    let writer = Desk::login(&app, "writer@example.org").await;
    let editor = Desk::login(&app, "ed@example.org").await;
    let before = app
        .store()
        .newsroom_articles(&Default::default(), 1, 0)
        .await;
    let articles_before = before.expect("list").total;

    // Pasted as the agency sent it, the language told from the text.
    let text = String::from_utf8(seed()).expect("UTF-8");
    let reply = paste(&writer, &text, "detect").await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let html = reply.html();
    assert_eq!(
        texts(&html, "#report-heading"),
        ["In the queue: 1. Already there: 0. Refused: 0."]
    );
    let warnings = texts(&html, ".wire-warnings li").join(" | ");
    assert!(warnings.contains("The copy reads as English"), "{warnings}");
    // The seed's dateline has no year: said in the newsroom's words.
    assert!(
        warnings.contains("gives no year") && warnings.contains("check the date before publishing"),
        "{warnings}"
    );
    assert!(!reply.text().contains("--year"), "a command-line flag");
    // The box is emptied once the copy is in.
    assert_eq!(raw_text(&html, "#f-copy"), "");

    // An item, not an article.
    let items = queued(&app).await;
    assert_eq!(items.len(), 1);
    let item = &items[0];
    assert_eq!(item.headline, SEED_HEADLINE);
    assert_eq!(item.agency.as_deref(), Some("RHC"));
    assert_eq!(item.language, Language::En);
    assert_eq!(item.source, WireSource::Paste);
    assert!(item
        .dateline
        .as_deref()
        .is_some_and(|d| d.starts_with("Washington")));
    assert!(!item.first_lines.is_empty() && item.first_lines.chars().count() <= 281);
    let after = app
        .store()
        .newsroom_articles(&Default::default(), 1, 0)
        .await;
    assert_eq!(after.expect("list").total, articles_before);

    // The queue shows it with its agency, time, language and first lines;
    // a writer may take it but not spike it.
    let page = writer.get("/newsroom/wire").await;
    assert_eq!(page.status, 200);
    let html = page.html();
    let row = format!("#wire-{}", item.id);
    assert_eq!(texts(&html, &format!("{row} h3")), [SEED_HEADLINE]);
    let meta = texts(&html, &format!("{row} .wire-meta")).join(" ");
    assert!(meta.contains("RHC") && meta.contains("EN"), "{meta}");
    assert!(attr(&html, &format!("{row} time"), "datetime").is_some());
    assert_eq!(
        texts(&html, &format!("{row} .wire-lines")).join("|"),
        item.first_lines
    );
    assert!(attr(&html, &format!("{row} form[action$='/take']"), "action").is_some());
    assert!(attr(&html, &format!("{row} form[action$='/spike']"), "action").is_none());

    // Take: the writer's own draft, opened in the editor.
    let take = writer
        .post(&format!("/newsroom/wire/{}/take", item.id), &[])
        .await;
    assert_eq!(take.status, 303, "{}", take.text());
    let id = Desk::article_id(&take);
    assert_eq!(
        take.header("location"),
        Some(format!("/newsroom/articles/{id}").as_str())
    );
    let draft = app.store().newsroom_article(id).await.expect("the draft");
    assert_eq!(draft.status, Status::Draft);
    assert_eq!(draft.headline, SEED_HEADLINE);
    assert_eq!(draft.created_by, Some(writer_id));
    assert_eq!(draft.path, None, "a draft is not on the site");
    assert_eq!(
        writer.get(&format!("/newsroom/articles/{id}")).await.status,
        200
    );
    let taken = app.store().wire_item(item.id).await.expect("item");
    assert_eq!(taken.state, WireState::Taken);
    assert_eq!(taken.taken_by, Some(writer_id));
    assert_eq!(taken.article_id, Some(id));
    assert!(queued(&app).await.is_empty());

    // Taken once: the editor who comes second is told who, and led to it.
    let second = editor
        .post(&format!("/newsroom/wire/{}/take", item.id), &[])
        .await;
    assert_eq!(second.status, 409, "{}", second.text());
    let notice = texts(&second.html(), "#wire-notice").join("");
    assert!(
        notice.contains("contributor writer@example.org has already taken this copy"),
        "{notice}"
    );
    assert_eq!(
        attr(&second.html(), "#wire-notice a", "href"),
        Some(format!("/newsroom/articles/{id}"))
    );
    let count = app
        .store()
        .newsroom_articles(&Default::default(), 1, 0)
        .await;
    assert_eq!(count.expect("list").total, articles_before + 1);

    // Under Taken: who took it, and a link to the draft.
    let html = editor.get("/newsroom/wire?state=taken").await.html();
    let line = texts(&html, &format!("{row} .wire-taken")).join(" ");
    assert!(
        line.contains("Taken by contributor writer@example.org"),
        "{line}"
    );
    assert_eq!(
        attr(&html, &format!("{row} .wire-taken a"), "href"),
        Some(format!("/newsroom/articles/{id}"))
    );

    // The editor's desk lists the draft from the wire with its writer.
    let html = editor.get("/newsroom/").await.html();
    let rows = texts(&html, "[aria-labelledby=desk-from-wire] tbody tr");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(
        rows[0].contains(SEED_HEADLINE) && rows[0].contains("contributor writer@example.org"),
        "{rows:?}"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_refused_paste_keeps_the_text_and_points_at_the_line_in_spanish() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ana@example.org", Role::Contributor).await;
    let desk = spanish(&app, "ana@example.org").await;
    let copy = "Headline: Cosecha\nLanguage: es\nTitular: repetido\n\nTexto.\n";
    let reply = paste(&desk, copy, "es").await;
    assert_eq!(reply.status, 422, "{}", reply.text());
    let html = reply.html();
    assert_eq!(attr(&html, "html", "lang").as_deref(), Some("es"));
    // The text as typed, and its one error, in Spanish, with the line.
    assert_eq!(raw_text(&html, "#f-copy"), copy);
    let errors = texts(&html, ".field-error");
    assert_eq!(
        errors,
        [
            "Línea 3: Encabezado desconocido «Titular». Los encabezados son Headline, Standfirst, \
          Section, Language, Byline, Tags, Slug, Story, Dateline, Agency, Date y Published."
        ]
    );
    assert_eq!(
        attr(&html, "#f-copy", "aria-describedby").as_deref(),
        Some("f-copy-hint f-copy-error")
    );
    assert_eq!(
        attr(&html, "#f-paste-language option[selected]", "value").as_deref(),
        Some("es")
    );
    assert!(queued(&app).await.is_empty());

    // Plain copy without a dateline: its line and a sentence, not a flag.
    let reply = paste(&desk, "Un titular\n\nUn texto sin data.\n", "detect").await;
    assert_eq!(reply.status, 422);
    let errors = texts(&reply.html(), ".field-error");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("Línea 1: Ningún párrafo empieza con una data"),
        "{errors:?}"
    );
    assert!(!reply.text().contains("--"), "a command-line flag");

    // Nothing pasted: said once, at the box.
    let reply = paste(&desk, "  \n ", "detect").await;
    assert_eq!(reply.status, 422);
    assert_eq!(
        texts(&reply.html(), ".field-error"),
        ["Pegue aquí el teletipo."]
    );

    // The queue and the desk speak Spanish too.
    let html = desk.get("/newsroom/wire").await.html();
    let tabs = texts(&html, "nav.nr-tabs a");
    assert!(tabs.iter().any(|t| t.starts_with("Entrantes")), "{tabs:?}");
    let html = desk.get("/newsroom/").await.html();
    let counts = texts(&html, ".desk-count-label");
    assert!(
        counts.contains(&"teletipos en la cola".to_string()),
        "{counts:?}"
    );
    app.stop().await;
}

#[tokio::test]
async fn the_same_copy_is_one_item_and_an_update_of_a_taken_story_is_marked() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    let editor = Desk::login(&app, "ed@example.org").await;
    let first = headered(
        "Harvest begins early",
        "en",
        "The harvest began on Thursday.",
    );

    // Uploaded twice, once with other line ends: one item.
    let reply = upload(&editor, vec![("harvest.txt", first.clone().into_bytes())]).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let reply = upload(
        &editor,
        vec![("again.txt", first.replace('\n', "\r\n").into_bytes())],
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(
        texts(&reply.html(), "#report-heading"),
        ["In the queue: 0. Already there: 1. Refused: 0."]
    );
    let items = queued(&app).await;
    assert_eq!(items.len(), 1);
    let original = items[0].id;

    // From the command line: the same copy again is no second item either.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("harvest.txt");
    std::fs::write(&path, &first).expect("write");
    let mut cmd = dateline_cli();
    cmd.args(["import", "wire", "--draft", "--data-dir"])
        .arg(app.data_dir())
        .arg(&path);
    if let Some(url) = &app.config.database_url {
        cmd.args(["--database-url", url.expose()]);
    }
    let out = cmd.output().expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(&format!("already queued as wire item #{original}")),
        "{stdout}"
    );
    assert_eq!(queued(&app).await.len(), 1);

    // Newer copy of the story while it waits: the item holds it.
    let newer = headered(
        "Harvest begins early",
        "en",
        "The harvest began on Thursday, early.",
    );
    let reply = upload(&editor, vec![("newer.txt", newer.into_bytes())]).await;
    assert!(reply
        .text()
        .contains("newer copy of a story waiting in the queue"));
    let items = queued(&app).await;
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].id, original);
    assert!(items[0].first_lines.contains("early"));

    // Taken, then the agency updates it: a new item, marked as an update.
    let take = editor
        .post(&format!("/newsroom/wire/{original}/take"), &[])
        .await;
    assert_eq!(take.status, 303, "{}", take.text());
    let article = Desk::article_id(&take);
    let update = headered(
        "Harvest begins early",
        "en",
        "The harvest began on Thursday. UPDATE: rain stopped it at noon.",
    );
    std::fs::write(&path, &update).expect("write");
    let mut cmd = dateline_cli();
    cmd.args(["import", "wire", "--draft", "--data-dir"])
        .arg(app.data_dir())
        .arg(&path);
    if let Some(url) = &app.config.database_url {
        cmd.args(["--database-url", url.expose()]);
    }
    let out = cmd.output().expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains(&format!(", an update of #{original}")),
        "{stdout}"
    );
    let items = queued(&app).await;
    assert_eq!(items.len(), 1);
    let update_item = &items[0];
    assert_ne!(update_item.id, original);
    assert_eq!(update_item.update_of, Some(original));
    assert_eq!(update_item.source, WireSource::Command);
    let html = editor.get("/newsroom/wire").await.html();
    assert_eq!(
        texts(&html, &format!("#wire-{} .status-update", update_item.id)),
        [format!("Update of item {original}")]
    );

    // Taking the update updates the draft the first take made.
    let take = editor
        .post(&format!("/newsroom/wire/{}/take", update_item.id), &[])
        .await;
    assert_eq!(take.status, 303, "{}", take.text());
    assert_eq!(Desk::article_id(&take), article);
    let body = app
        .store()
        .article_input(article)
        .await
        .expect("a")
        .body_markdown;
    assert!(body.contains("rain stopped it"), "{body}");
    app.stop().await;
}

#[tokio::test]
async fn spiking_needs_an_editor_and_a_token_and_can_be_undone() {
    let app = TestApp::with_demo().await;
    make_user(&app, "writer@example.org", Role::Contributor).await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    let writer = Desk::login(&app, "writer@example.org").await;
    let editor = Desk::login(&app, "ed@example.org").await;
    let reply = paste(&writer, &headered("Storm", "en", "Rain."), "en").await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let id = queued(&app).await[0].id;
    let spike = format!("/newsroom/wire/{id}/spike");

    // A writer may not spike; nor may anyone without the form's token.
    assert_eq!(writer.post(&spike, &[]).await.status, 403);
    assert_eq!(editor.post_plain(&spike, &[]).await.status, 403);
    assert_eq!(
        editor
            .post_plain(&format!("/newsroom/wire/{id}/take"), &[("csrf", "forged")])
            .await
            .status,
        403
    );
    assert_eq!(queued(&app).await.len(), 1);

    // Spiked: out of the queue, under Spiked, back where the editor was.
    let done = editor
        .post(
            &spike,
            &[("state", "queued"), ("language", "en"), ("page", "1")],
        )
        .await;
    assert_eq!(done.status, 303);
    assert_eq!(
        done.header("location"),
        Some("/newsroom/wire?state=queued&language=en")
    );
    assert!(queued(&app).await.is_empty());
    let item = app.store().wire_item(id).await.expect("kept");
    assert_eq!(item.state, WireState::Spiked);
    let html = editor.get("/newsroom/wire?state=spiked").await.html();
    let line = texts(&html, &format!("#wire-{id} .wire-taken")).join("");
    assert!(line.contains("Spiked by editor ed@example.org"), "{line}");
    // A spiked item cannot be taken.
    let take = writer.post(&format!("/newsroom/wire/{id}/take"), &[]).await;
    assert_eq!(take.status, 409);
    assert!(take.text().contains("no longer waiting"));

    // Restored: waiting again. A writer may not restore.
    let restore = format!("/newsroom/wire/{id}/restore");
    assert_eq!(writer.post(&restore, &[]).await.status, 403);
    assert_eq!(editor.post(&restore, &[]).await.status, 303);
    assert_eq!(queued(&app).await.len(), 1);

    // Ids that are not ids, or of nothing.
    assert_eq!(
        editor.post("/newsroom/wire/abc/take", &[]).await.status,
        400
    );
    assert_eq!(
        editor.post("/newsroom/wire/999999/take", &[]).await.status,
        404
    );
    assert_eq!(
        editor.post("/newsroom/wire/999999/spike", &[]).await.status,
        303
    );
    // The audit log names who did what.
    let (audit, _) = app
        .store()
        .audit_log(
            &dateline_store::AuditFilter {
                entity: Some("wire".into()),
                entity_id: Some(id),
                user_email: None,
            },
            10,
            0,
        )
        .await
        .expect("audit");
    let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(actions, ["wire-restore", "wire-spike"]);
    app.stop().await;
}

#[tokio::test]
async fn the_queue_is_paged_filtered_by_language_and_bounded() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    let editor = Desk::login(&app, "ed@example.org").await;
    let now = OffsetDateTime::now_utc();
    for i in 0..30 {
        let (language, headline) = if i % 10 == 0 {
            (Language::Ar, format!("العاصفة تقترب من الساحل {i}"))
        } else {
            (Language::En, format!("Storm nears the coast {i}"))
        };
        let item = NewWireItem {
            language,
            agency: Some("EFE".into()),
            headline: headline.clone(),
            dateline: Some("HAVANA (EFE)".into()),
            first_lines: format!("{headline}."),
            story_key: format!("{}|efe||{headline}", language.code()),
            content_hash: format!("{i:064}"),
            copy: format!("{headline}\n\nHAVANA (EFE) - {headline}.\n"),
            file_name: format!("{i}.txt"),
            source: WireSource::Upload,
            default_section: None,
            year: None,
            arrived_by: None,
        };
        app.store()
            .wire_arrive(&item, now + time::Duration::seconds(i))
            .await
            .expect("arrive");
    }
    let html = editor.get("/newsroom/wire").await.html();
    let rows = texts(&html, ".wire-item h3");
    assert_eq!(rows.len(), 25);
    assert_eq!(rows[0], "Storm nears the coast 29", "newest first");
    assert_eq!(
        attr(&html, ".pagination a[rel=next]", "href").as_deref(),
        Some("/newsroom/wire?state=queued&page=2")
    );
    let html = editor.get("/newsroom/wire?page=2").await.html();
    assert_eq!(texts(&html, ".wire-item h3").len(), 5);

    // Arabic only: three items, each marked for its language and direction.
    let html = editor.get("/newsroom/wire?language=ar").await.html();
    let rows = texts(&html, ".wire-item h3");
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(attr(&html, ".wire-item h3", "lang").as_deref(), Some("ar"));
    assert_eq!(attr(&html, ".wire-item h3", "dir").as_deref(), Some("auto"));
    let tabs = texts(&html, "nav.nr-tabs .count");
    assert_eq!(tabs, ["3", "0", "0"]);

    // Whatever the address says, an answer and never an error.
    for query in [
        "?page=abc",
        "?page=-5",
        "?page=99999999999999999999",
        "?state=nothing&language=xx",
        "?language=%00",
    ] {
        let reply = editor.get(&format!("/newsroom/wire{query}")).await;
        assert_eq!(reply.status, 200, "{query}");
    }

    // Paste size as one uploaded file: 4 MiB.
    let big = format!(
        "Headline: Big\nSection: world\nLanguage: en\n\n{}\n",
        "word ".repeat(845_000)
    );
    assert!(big.len() > 4 * 1024 * 1024);
    let reply = paste(&editor, &big, "en").await;
    assert_eq!(reply.status, 422);
    assert_eq!(
        texts(&reply.html(), ".field-error"),
        ["Line 1: Larger than 4 MiB; wire copy is never that long."]
    );
    let huge = "x".repeat(5 * 1024 * 1024);
    let reply = paste(&editor, &huge, "en").await;
    assert!(reply.status.is_client_error(), "{}", reply.status);
    assert_eq!(queued(&app).await.len(), 30);
    app.stop().await;
}

#[tokio::test]
async fn the_desk_shows_what_needs_attention() {
    let app = TestApp::with_demo().await;
    make_user(&app, "writer@example.org", Role::Contributor).await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    let writer = Desk::login(&app, "writer@example.org").await;
    let editor = Desk::login(&app, "ed@example.org").await;

    // A story submitted by the writer, one scheduled by the editor, copy
    // in the queue.
    let submitted = post_article(
        &writer,
        &fields_with("Submitted story", "Text.", &[("intent", "submit")]),
    )
    .await;
    let later = (OffsetDateTime::now_utc() + time::Duration::days(2))
        .format(time::macros::format_description!(
            "[year]-[month]-[day]T[hour]:[minute]"
        ))
        .expect("time");
    post_article(
        &editor,
        &fields_with(
            "Scheduled story",
            "Text.",
            &[("intent", "schedule"), ("published_at", later.as_str())],
        ),
    )
    .await;
    let reply = paste(
        &writer,
        &headered("Quake off the coast", "en", "A quake."),
        "en",
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let counts = app.store().desk_counts().await.expect("counts");
    assert_eq!((counts.submitted, counts.scheduled, counts.wire), (1, 1, 1));

    let html = editor.get("/newsroom/").await.html();
    let labels = texts(&html, ".desk-counts li");
    assert!(
        labels.iter().any(|l| l == "1 story waiting for an editor"),
        "{labels:?}"
    );
    assert!(
        labels.iter().any(|l| l == "1 scheduled story"),
        "{labels:?}"
    );
    assert!(
        labels.iter().any(|l| l == "1 wire item in the queue"),
        "{labels:?}"
    );
    assert!(
        labels
            .iter()
            .any(|l| l.ends_with("comments to moderate") || l.ends_with("comment to moderate")),
        "an editor sees the comments: {labels:?}"
    );
    let waiting = texts(&html, "[aria-labelledby=desk-submitted] tbody th");
    assert_eq!(waiting, ["Submitted story"]);
    assert_eq!(
        attr(&html, "[aria-labelledby=desk-submitted] tbody a", "href"),
        Some(format!("/newsroom/articles/{submitted}"))
    );
    let writer_cell = texts(&html, "[aria-labelledby=desk-submitted] tbody td").join(" ");
    assert!(
        writer_cell.contains("contributor writer@example.org"),
        "{writer_cell}"
    );
    // Scheduled, with when.
    assert!(attr(
        &html,
        "[aria-labelledby=desk-scheduled] tbody time",
        "datetime"
    )
    .is_some());
    assert_eq!(
        texts(&html, "#desk-wire ~ ol .wire-headline"),
        ["Quake off the coast"]
    );

    // A writer sees no comment count: moderation is not theirs.
    let html = writer.get("/newsroom/").await.html();
    let labels = texts(&html, ".desk-counts li").join(" | ");
    assert!(!labels.contains("moderate"), "{labels}");
    app.stop().await;
}
