//! The rest of the newsroom through HTTP, as its members' browsers use it:
//! the media library and the files it serves, articles that carry images and
//! audio, preview and autosave, correction notes, comment moderation, the
//! wire desk, accounts (links, roles, sessions, two-factor login), the first
//! administrator, `dateline user add`, and the newsroom in Spanish.

use crate::support;

use dateline_core::comment::CommentStatus;
use dateline_core::newsroom::Role;
use dateline_store::{NewsroomFilter, PathLookup};
use reqwest::multipart::{Form, Part};
use std::io::Cursor;
use std::path::PathBuf;
use support::newsroom::{fields_with, make_user, post_article, Desk, PASSWORD};
use support::{attr, texts, Reply, TestApp};
use time::OffsetDateTime;

const SEED: &str =
    "/en/world/2016/10/04/u-s-suspends-negotiations-with-russia-over-syria-ceasefire";
const SEED_HEADLINE: &str = "U.S. Suspends Negotiations with Russia over Syria Ceasefire";

// Files to upload.

/// A real image, `width`×`height`, with a gradient so that it is no trivial file.
fn picture(width: u32, height: u32, format: image::ImageFormat) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    });
    let mut out = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut out, format)
        .expect("encode");
    out.into_inner()
}

fn png(width: u32, height: u32) -> Vec<u8> {
    picture(width, height, image::ImageFormat::Png)
}

fn jpeg(width: u32, height: u32) -> Vec<u8> {
    picture(width, height, image::ImageFormat::Jpeg)
}

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../dateline-media/tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The upload form as a browser sends it.
fn media_form(bytes: Vec<u8>, file_name: &str, alt: &str, caption: &str, credit: &str) -> Form {
    Form::new()
        .part("file", Part::bytes(bytes).file_name(file_name.to_string()))
        .text("alt_text", alt.to_string())
        .text("caption", caption.to_string())
        .text("credit", credit.to_string())
}

/// The id in a `Location: /newsroom/media?done={id}` answer.
fn media_id(reply: &Reply) -> i64 {
    let location = reply.header("location").expect("a redirect");
    location
        .strip_prefix("/newsroom/media?done=")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("the library after an upload: {location}"))
}

/// Uploads a file through the library's form; returns its id.
async fn upload(desk: &Desk, form: Form) -> i64 {
    let reply = desk.upload("/newsroom/media", form).await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    media_id(&reply)
}

async fn upload_png(desk: &Desk) -> i64 {
    upload(
        desk,
        media_form(
            png(1200, 800),
            "photo.png",
            "A test card of coloured stripes",
            "The test card",
            "Dateline Photo",
        ),
    )
    .await
}

async fn upload_mp3(desk: &Desk) -> i64 {
    upload(
        desk,
        Form::new()
            .part(
                "file",
                Part::bytes(fixture("tone-3s-cbr.mp3")).file_name("tone.mp3"),
            )
            .text("caption", "The news at noon"),
    )
    .await
}

// Requests the Desk client does not make by itself.

async fn reply_of(res: reqwest::Response) -> Reply {
    Reply {
        status: res.status(),
        headers: res.headers().clone(),
        body: res.bytes().await.expect("body").to_vec(),
    }
}

/// Posts a form as the editor's script does: the token in `x-csrf-token`
/// (when given), not in the form.
async fn post_scripted(
    desk: &Desk,
    path: &str,
    fields: &[(&str, &str)],
    token: Option<&str>,
) -> Reply {
    let mut req = desk
        .client
        .post(format!("{}{path}", desk.base))
        .form(fields);
    if let Some(t) = token {
        req = req.header("x-csrf-token", t);
    }
    reply_of(req.send().await.expect("answered")).await
}

/// A multipart form sent without the session's token.
async fn upload_without_token(desk: &Desk, path: &str, form: Form) -> Reply {
    reply_of(
        desk.client
            .post(format!("{}{path}", desk.base))
            .multipart(form)
            .send()
            .await
            .expect("answered"),
    )
    .await
}

async fn articles_by(app: &TestApp, email: &str) -> i64 {
    let id = app
        .store()
        .credentials(email)
        .await
        .expect("q")
        .expect("user")
        .user
        .id;
    app.store()
        .newsroom_articles(
            &NewsroomFilter {
                created_by: Some(id),
                ..Default::default()
            },
            100,
            0,
        )
        .await
        .expect("list")
        .total
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    app.store()
        .credentials(email)
        .await
        .expect("q")
        .unwrap_or_else(|| panic!("no account {email}"))
        .user
        .id
}

fn error_of(reply: &Reply, field: &str) -> String {
    texts(&reply.html(), &format!("#f-{field}-error")).join(" ")
}

// 1. Images.

#[tokio::test]
async fn an_uploaded_image_is_kept_with_its_renditions() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    let desk = Desk::login(&app, "ed@example.org").await;

    let original = png(1200, 800);
    let reply = desk
        .upload(
            "/newsroom/media",
            media_form(
                original.clone(),
                "photo.png",
                "A test card of coloured stripes",
                "The test card",
                "Dateline Photo",
            ),
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    let id = media_id(&reply);

    let item = app.store().media(id).await.expect("the upload is stored");
    assert_eq!(item.kind.as_str(), "image");
    assert_eq!(item.content_type, "image/png");
    assert_eq!(item.file_name, "photo.png");
    assert_eq!((item.width, item.height), (Some(1200), Some(800)));
    assert_eq!(item.byte_size, original.len() as i64);
    assert_eq!(
        item.alt_text.as_deref(),
        Some("A test card of coloured stripes")
    );
    assert_eq!(item.caption.as_deref(), Some("The test card"));
    assert_eq!(item.credit.as_deref(), Some("Dateline Photo"));
    assert_eq!(
        item.renditions,
        [
            ("w320".to_string(), 320),
            ("w640".to_string(), 640),
            ("w1024".to_string(), 1024),
            ("w1200".to_string(), 1200),
        ]
    );

    // The library shows it, with its alt text, after the redirect.
    let library = desk.get(&format!("/newsroom/media?done={id}")).await;
    assert_eq!(library.status, 200);
    let html = library.html();
    assert!(!texts(&html, "[role=status]").is_empty());
    assert_eq!(
        attr(&html, &format!("#media-{id} img"), "alt").as_deref(),
        Some("A test card of coloured stripes")
    );

    // The original comes back byte for byte to members (readers get no
    // unattached upload), kept by no cache.
    let file = desk
        .get(&format!("/newsroom/media/{id}/original.png"))
        .await;
    assert_eq!(file.status, 200);
    assert_eq!(file.header("content-type"), Some("image/png"));
    assert_eq!(file.header("cache-control"), Some("private, no-store"));
    assert_eq!(file.body, original);

    // A rendition is a real image of its width.
    let w640 = desk.get(&format!("/newsroom/media/{id}/w640.png")).await;
    assert_eq!(w640.status, 200);
    assert_eq!(w640.header("content-type"), Some("image/png"));
    let decoded = image::load_from_memory(&w640.body).expect("the rendition decodes");
    assert_eq!(decoded.width(), 640);
    assert!(
        (426..=427).contains(&decoded.height()),
        "{}",
        decoded.height()
    );
    // Unknown variants and ids are 404.
    assert_eq!(
        desk.get(&format!("/newsroom/media/{id}/w999.png"))
            .await
            .status,
        404
    );
    assert_eq!(
        desk.get("/newsroom/media/999999/original.png").await.status,
        404
    );

    // A JPEG: JPEG renditions, up to its own width.
    let photo = jpeg(900, 600);
    let jid = upload(
        &desk,
        media_form(
            photo.clone(),
            "shot <b>1</b>.jpeg",
            "A gradient",
            "Another card",
            "Dateline",
        ),
    )
    .await;
    // The name it came with is shown as text.
    let html = desk.get("/newsroom/media").await.html();
    assert_eq!(
        texts(&html, &format!("#media-{jid} .nr-media-name a")),
        ["shot <b>1</b>.jpeg"]
    );
    assert!(texts(&html, ".nr-media-name b").is_empty());
    let item = app.store().media(jid).await.expect("stored");
    assert_eq!(item.content_type, "image/jpeg");
    assert_eq!((item.width, item.height), (Some(900), Some(600)));
    let widths: Vec<i64> = item.renditions.iter().map(|(_, w)| *w).collect();
    assert_eq!(widths, [320, 640, 900]);
    let file = desk
        .get(&format!("/newsroom/media/{jid}/original.jpg"))
        .await;
    assert_eq!(file.header("content-type"), Some("image/jpeg"));
    assert_eq!(file.body, photo);
    let w320 = desk.get(&format!("/newsroom/media/{jid}/w320.jpg")).await;
    assert_eq!(
        image::guess_format(&w320.body).expect("a known format"),
        image::ImageFormat::Jpeg
    );
    assert_eq!(
        image::load_from_memory(&w320.body)
            .expect("decodes")
            .width(),
        320
    );
}

// 2. Refusals.

#[tokio::test]
async fn fake_and_incomplete_uploads_are_refused_at_the_field() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    let desk = Desk::login(&app, "ed@example.org").await;
    let count = || async {
        app.store()
            .media_list(None, 1000, 0)
            .await
            .expect("list")
            .len()
    };
    let before = count().await;

    // A web page named like a photo is not a photo.
    let page = b"<!doctype html><html><body><script>alert(1)</script></body></html>".to_vec();
    let reply = desk
        .upload(
            "/newsroom/media",
            Form::new()
                .part(
                    "file",
                    Part::bytes(page)
                        .file_name("photo.jpg")
                        .mime_str("image/jpeg")
                        .expect("mime"),
                )
                .text("alt_text", "What I typed as alt text")
                .text("caption", "What I typed as caption")
                .text("credit", "What I typed as credit"),
        )
        .await;
    assert_eq!(reply.status, 422, "{}", reply.text());
    assert!(!error_of(&reply, "file").is_empty(), "{}", reply.text());
    let html = reply.html();
    assert_eq!(
        attr(&html, "#f-file", "aria-invalid").as_deref(),
        Some("true")
    );
    for (field, typed) in [
        ("alt_text", "What I typed as alt text"),
        ("caption", "What I typed as caption"),
        ("credit", "What I typed as credit"),
    ] {
        assert_eq!(
            attr(&html, &format!("#f-{field}"), "value").as_deref(),
            Some(typed),
            "{field} kept"
        );
    }

    // A film is not programme audio, whatever its sound track.
    let reply = desk
        .upload(
            "/newsroom/media",
            Form::new().part(
                "file",
                Part::bytes(fixture("video-1s.mp4")).file_name("clip.m4a"),
            ),
        )
        .await;
    assert_eq!(reply.status, 422);
    assert!(!error_of(&reply, "file").is_empty());

    // A real image needs its alt text; the rest of the form stays.
    let reply = desk
        .upload(
            "/newsroom/media",
            media_form(png(400, 300), "photo.png", "  ", "A caption", "A credit"),
        )
        .await;
    assert_eq!(reply.status, 422);
    assert!(!error_of(&reply, "alt_text").is_empty(), "{}", reply.text());
    assert!(error_of(&reply, "file").is_empty());
    assert_eq!(
        attr(&reply.html(), "#f-caption", "value").as_deref(),
        Some("A caption")
    );

    // No file chosen: the browser sends an empty part without a name.
    let reply = desk
        .upload(
            "/newsroom/media",
            Form::new()
                .part("file", Part::bytes(Vec::new()).file_name(""))
                .text("alt_text", "Alt"),
        )
        .await;
    assert_eq!(reply.status, 422);
    assert!(!error_of(&reply, "file").is_empty());
    let reply = desk
        .upload("/newsroom/media", Form::new().text("alt_text", "Alt"))
        .await;
    assert_eq!(reply.status, 422);
    assert!(!error_of(&reply, "file").is_empty());

    // A good file without the session's token changes nothing.
    let reply = upload_without_token(
        &desk,
        "/newsroom/media",
        media_form(png(400, 300), "photo.png", "Alt", "Caption", "Credit"),
    )
    .await;
    assert_eq!(reply.status, 403);
    let reply = upload_without_token(
        &desk,
        "/newsroom/media",
        media_form(png(400, 300), "photo.png", "Alt", "Caption", "Credit").text("csrf", "forged"),
    )
    .await;
    assert_eq!(reply.status, 403);

    assert_eq!(count().await, before, "nothing was stored");
}

// 3. Audio.

#[tokio::test]
async fn programme_audio_keeps_its_duration_and_serves_byte_ranges() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    let desk = Desk::login(&app, "ed@example.org").await;

    // SOURCE.md: 3.0 s of CBR MP3; 2.5 s of VBR MP3 with a Xing header;
    // 4.0 s of AAC in M4A.
    for (file, truth_ms, content_type) in [
        ("tone-3s-cbr.mp3", 3000, "audio/mpeg"),
        ("tone-2.5s-vbr.mp3", 2500, "audio/mpeg"),
        ("tone-4s-aac.m4a", 4000, "audio/mp4"),
    ] {
        let id = upload(
            &desk,
            Form::new().part("file", Part::bytes(fixture(file)).file_name(file)),
        )
        .await;
        let item = app.store().media(id).await.expect("stored");
        assert_eq!(item.kind.as_str(), "audio", "{file}");
        assert_eq!(item.content_type, content_type, "{file}");
        let ms = item.duration_ms.expect("a duration");
        assert!(
            (ms - truth_ms).abs() <= 100,
            "{file}: {ms} ms, not {truth_ms}"
        );
        assert!(item.renditions.is_empty());
    }

    let bytes = fixture("tone-3s-cbr.mp3");
    let len = bytes.len();
    let id = upload(
        &desk,
        Form::new().part("file", Part::bytes(bytes.clone()).file_name("noon.mp3")),
    )
    .await;
    // Unattached, so a member's file; the newsroom's address answers ranges
    // as the readers' does.
    let path = format!("/newsroom/media/{id}/original.mp3");
    let ranged = |range: String| {
        let desk = &desk;
        let path = &path;
        async move {
            let res = desk
                .client
                .get(format!("{}{path}", desk.base))
                .header("range", range)
                .send()
                .await
                .expect("answered");
            reply_of(res).await
        }
    };

    let whole = desk.get(&path).await;
    assert_eq!(whole.status, 200);
    assert_eq!(whole.header("accept-ranges"), Some("bytes"));
    assert_eq!(whole.header("content-type"), Some("audio/mpeg"));
    assert_eq!(whole.body, bytes);

    let part = ranged("bytes=0-99".into()).await;
    assert_eq!(part.status, 206);
    assert_eq!(
        part.header("content-range"),
        Some(format!("bytes 0-99/{len}").as_str())
    );
    assert_eq!(part.body, bytes[..100]);

    let tail = ranged("bytes=-10".into()).await;
    assert_eq!(tail.status, 206);
    assert_eq!(tail.body, bytes[len - 10..]);

    let past = ranged(format!("bytes={len}-")).await;
    assert_eq!(past.status, 416);
    // Whatever the range, the file stays whole for the next reader.
    assert_eq!(desk.get(&path).await.body, bytes);
}

#[tokio::test]
async fn an_unsatisfiable_range_is_told_the_length() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    let desk = Desk::login(&app, "ed@example.org").await;
    let bytes = fixture("tone-3s-cbr.mp3");
    let len = bytes.len();
    let id = upload(
        &desk,
        Form::new().part("file", Part::bytes(bytes).file_name("noon.mp3")),
    )
    .await;
    // RFC 9110, 15.5.17: a 416 to a byte range says the current length, so
    // that a player can ask again for what there is.
    let past = reply_of(
        desk.client
            .get(format!("{}/newsroom/media/{id}/original.mp3", desk.base))
            .header("range", format!("bytes={len}-"))
            .send()
            .await
            .expect("answered"),
    )
    .await;
    assert_eq!(past.status, 416);
    assert_eq!(
        past.header("content-range"),
        Some(format!("bytes */{len}").as_str())
    );
}

// 4. An article with its media.

#[tokio::test]
async fn a_published_article_carries_its_image_and_audio() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    let desk = Desk::login(&app, "ed@example.org").await;
    let image = upload_png(&desk).await;
    let audio = upload_mp3(&desk).await;
    let (image_s, audio_s) = (image.to_string(), audio.to_string());

    // Wrong files for the fields are refused at the field, and nothing is saved.
    let before = articles_by(&app, "ed@example.org").await;
    for (field, value) in [
        ("image_id", audio_s.as_str()),
        ("image_id", "999999"),
        ("image_id", "a photo"),
        ("audio_id", image_s.as_str()),
    ] {
        let fields = fields_with(
            "Wrong media",
            "Body.",
            &[(field, value), ("intent", "publish")],
        );
        let reply = desk.post("/newsroom/articles", &fields).await;
        assert_eq!(reply.status, 422, "{field}={value}");
        assert!(!error_of(&reply, field).is_empty(), "{field}={value}");
    }
    assert_eq!(articles_by(&app, "ed@example.org").await, before);

    let fields = fields_with(
        "Radio tests its new studio",
        "The studio opened on Monday.",
        &[
            ("image_id", image_s.as_str()),
            ("audio_id", audio_s.as_str()),
            ("intent", "publish"),
        ],
    );
    let id = post_article(&desk, &fields).await;
    let saved = app.store().article_input(id).await.expect("saved");
    assert_eq!((saved.image_id, saved.audio_id), (Some(image), Some(audio)));
    let path = app
        .store()
        .newsroom_article(id)
        .await
        .expect("a")
        .path
        .expect("published at a path");

    let page = app.eventually(&path, |r| r.status == 200).await;
    assert_eq!(page.status, 200);
    let html = page.html();
    // Readers name uploads by their tokens, not their ids.
    let image_token = app.store().media(image).await.expect("image").token;
    let audio_token = app.store().media(audio).await.expect("audio").token;
    let srcset = attr(&html, "figure.story-image img[srcset]", "srcset").expect("a srcset");
    for w in [320, 640, 1024, 1200] {
        assert!(
            srcset.contains(&format!("/media/{image_token}/w{w}.png {w}w")),
            "{srcset}"
        );
    }
    assert_eq!(
        attr(&html, "figure.story-image img", "alt").as_deref(),
        Some("A test card of coloured stripes")
    );
    let caption = texts(&html, "figure.story-image figcaption").join(" ");
    assert!(
        caption.contains("The test card") && caption.contains("Dateline Photo"),
        "{caption}"
    );
    assert_eq!(
        texts(&html, "figure.story-image figcaption .credit"),
        ["Photo: Dateline Photo"]
    );
    assert_eq!(
        attr(&html, "figure.story-image img", "width").as_deref(),
        Some("1200")
    );
    assert_eq!(
        attr(&html, "figure.story-image img", "height").as_deref(),
        Some("800")
    );
    let src = attr(&html, "figure.story-image img", "src").expect("a src");
    assert_eq!(app.get(&src).await.status, 200, "{src}");
    assert_eq!(
        attr(&html, "audio[controls]", "src"),
        Some(format!("/media/{audio_token}/original.mp3"))
    );
    assert_eq!(
        texts(&html, "figure.story-audio figcaption"),
        ["Listen (0:03)"]
    );
    // Social cards and structured data name the image.
    let og = attr(&html, "meta[property='og:image']", "content").expect("og:image");
    assert!(
        og.starts_with(&app.base) && og.contains(&format!("/media/{image_token}/")),
        "{og}"
    );
    assert_eq!(
        attr(&html, "meta[name='twitter:card']", "content").as_deref(),
        Some("summary_large_image")
    );
    let ld = texts(&html, "script[type='application/ld+json']").join("");
    let ld: serde_json::Value = serde_json::from_str(&ld).expect("JSON-LD");
    assert_eq!(ld[0]["image"][0].as_str(), Some(og.as_str()));
    // The feeds carry the audio (RSS enclosure; JSON Feed attachment) and the image.
    let rss = app
        .eventually("/en/world/feed.xml", |r| r.text().contains("<enclosure"))
        .await
        .text();
    assert!(
        rss.contains(&format!("/media/{audio_token}/original.mp3\" length=\""))
            && rss.contains("type=\"audio/mpeg\""),
        "{rss}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&app.get("/en/world/feed.json").await.body).expect("JSON Feed");
    let item = json["items"]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["attachments"].is_array()))
        .expect("an item with its audio");
    assert_eq!(item["attachments"][0]["mime_type"], "audio/mpeg");
    assert_eq!(item["attachments"][0]["duration_in_seconds"], 3);
    assert!(item["image"]
        .as_str()
        .is_some_and(|u| u.contains(&format!("/media/{image_token}/"))));
    let atom = app.get("/en/world/atom.xml").await.text();
    assert_eq!(atom.matches("rel=\"enclosure\"").count(), 2, "{atom}");

    // The editor offers the chosen files again.
    let editor = desk.get(&format!("/newsroom/articles/{id}")).await.html();
    assert_eq!(
        attr(&editor, "#f-image_id option[selected]", "value"),
        Some(image_s.clone())
    );
    assert_eq!(
        attr(&editor, "#f-audio_id option[selected]", "value"),
        Some(audio_s.clone())
    );
}

// 5. Preview and autosave.

#[tokio::test]
async fn preview_is_the_whole_page_and_autosave_saves_drafts_in_place() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    make_user(&app, "other@example.org", Role::Editor).await;
    let desk = Desk::login(&app, "ed@example.org").await;
    let other = Desk::login(&app, "other@example.org").await;

    let body =
        "Some **bold** words.\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>";
    // The Preview button: the form, kept as a preview, and a 303 to its page.
    let fields = fields_with("Previewed", body, &[]);
    let reply = desk.post("/newsroom/previews", &fields).await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    let at = reply.header("location").expect("a location").to_string();
    assert!(
        at.starts_with("/newsroom/previews/") && at.len() == "/newsroom/previews/".len() + 32,
        "{at}"
    );
    assert_eq!(
        articles_by(&app, "ed@example.org").await,
        0,
        "nothing saved"
    );
    // The whole page as readers will see it, for whoever holds the address.
    let page = app.get(&at).await;
    assert_eq!(page.status, 200, "{}", page.text());
    assert_eq!(page.header("cache-control"), Some("no-store"));
    assert!(page
        .header("x-robots-tag")
        .is_some_and(|v| v.contains("noindex")));
    assert!(page
        .header("content-security-policy")
        .is_some_and(|v| v.contains("frame-ancestors 'self'")));
    let html = page.html();
    assert_eq!(texts(&html, "h1"), ["Previewed"]);
    assert_eq!(
        attr(&html, "meta[name=robots]", "content").as_deref(),
        Some("noindex")
    );
    assert_eq!(texts(&html, ".preview-bar").len(), 1);
    assert_eq!(texts(&html, ".story-body strong"), ["bold"]);
    assert!(
        texts(&html, ".story-body script").is_empty(),
        "{}",
        page.text()
    );
    assert_eq!(attr(&html, ".story-body img", "onerror"), None);
    assert!(
        texts(&html, "#comments").is_empty(),
        "a preview takes no comments"
    );
    assert_eq!(
        texts(&html, ".published"),
        ["Not published yet"],
        "a draft's preview does not say it was published"
    );
    // Not a page readers can find, and no address but the one given.
    assert_eq!(
        app.get(&format!("/newsroom/previews/{}", "0".repeat(32)))
            .await
            .status,
        404
    );
    assert_eq!(app.get("/newsroom/previews/../../etc").await.status, 404);

    // The side-by-side view: JSON, and the same address while typing.
    let live = desk.post_fetch("/newsroom/previews", &fields).await;
    assert_eq!(live.status, 200, "{}", live.text());
    let json: serde_json::Value = serde_json::from_slice(&live.body).expect("JSON");
    let token = json["token"].as_str().expect("token").to_string();
    let again = desk
        .post_fetch(
            "/newsroom/previews",
            &fields_with(
                "Previewed again",
                body,
                &[("preview_token", token.as_str())],
            ),
        )
        .await;
    let json: serde_json::Value = serde_json::from_slice(&again.body).expect("JSON");
    assert_eq!(json["token"].as_str(), Some(token.as_str()));
    let page = app.get(json["url"].as_str().expect("url")).await;
    assert_eq!(texts(&page.html(), "h1"), ["Previewed again"]);
    // Another member's token, or none, is refused.
    assert_eq!(
        post_scripted(&desk, "/newsroom/previews", &[("body", body)], None)
            .await
            .status,
        403
    );
    assert_eq!(
        post_scripted(
            &desk,
            "/newsroom/previews",
            &[("body", body)],
            Some(&other.csrf)
        )
        .await
        .status,
        403
    );

    // Autosave of a new article: the first pause makes it a draft.
    let typed = fields_with("Typed, then a pause", "First words.", &[]);
    assert_eq!(
        post_scripted(&desk, "/newsroom/articles/autosave", &typed, None)
            .await
            .status,
        403
    );
    let first = desk.post_fetch("/newsroom/articles/autosave", &typed).await;
    assert_eq!(first.status, 200, "{}", first.text());
    let json: serde_json::Value = serde_json::from_slice(&first.body).expect("JSON");
    let new_id = json["id"].as_i64().expect("id");
    assert_eq!(json["aside"], false);
    let draft = app.store().article_input(new_id).await.expect("the draft");
    assert_eq!(draft.headline, "Typed, then a pause");
    assert_eq!(draft.status, dateline_core::Status::Draft);
    // Without a headline there is nothing to save yet, and the answer says why.
    let none = desk
        .post_fetch(
            "/newsroom/articles/autosave",
            &fields_with("", "Words.", &[]),
        )
        .await;
    assert_eq!(none.status, 422);
    let json: serde_json::Value = serde_json::from_slice(&none.body).expect("JSON");
    assert!(
        json["error"].as_str().is_some_and(|e| !e.is_empty()),
        "{json}"
    );
    assert_eq!(articles_by(&app, "ed@example.org").await, 1);

    // A draft's autosave is saved in place, without a revision.
    let id = post_article(
        &desk,
        &fields_with("Saved headline", "Saved words.", &[("intent", "save")]),
    )
    .await;
    let version = app.store().article_version(id).await.expect("v");
    let revisions = app.store().revisions(id).await.expect("r").len();
    let v = version.to_string();
    let url = format!("/newsroom/articles/{id}/autosave");
    let typed = fields_with("Draft typed on", "More words.", &[("version", v.as_str())]);
    assert_eq!(post_scripted(&desk, &url, &typed, None).await.status, 403);
    let saved = desk.post_fetch(&url, &typed).await;
    assert_eq!(saved.status, 200, "{}", saved.text());
    let json: serde_json::Value = serde_json::from_slice(&saved.body).expect("JSON");
    assert_eq!(json["aside"], false);
    assert_eq!(json["version"].as_i64(), Some(version + 1));
    assert!(time::OffsetDateTime::parse(
        json["saved_at"].as_str().expect("saved_at"),
        &time::format_description::well_known::Rfc3339
    )
    .is_ok());
    assert_eq!(
        app.store().article_input(id).await.expect("a").headline,
        "Draft typed on"
    );
    assert_eq!(app.store().revisions(id).await.expect("r").len(), revisions);

    // Someone saved meanwhile (an older version in the form): kept aside
    // for its author, the article untouched.
    let typed = fields_with(
        "Autosaved headline",
        "Words typed but not yet saved.",
        &[("version", v.as_str())],
    );
    let saved = desk.post_fetch(&url, &typed).await;
    assert_eq!(saved.status, 200, "{}", saved.text());
    let json: serde_json::Value = serde_json::from_slice(&saved.body).expect("JSON");
    assert_eq!(json["aside"], true);
    let article = app.store().article_input(id).await.expect("a");
    assert_eq!(article.headline, "Draft typed on");
    let version = (version + 1).to_string();
    assert_eq!(
        app.store()
            .article_version(id)
            .await
            .expect("v")
            .to_string(),
        version
    );

    // The editor offers the autosaved version beside the saved one.
    let page = desk.get(&format!("/newsroom/articles/{id}")).await;
    let html = page.html();
    assert_eq!(
        texts(&html, "section.nr-autosaved").len(),
        1,
        "{}",
        page.text()
    );
    assert_eq!(
        attr(&html, "#autosaved-headline", "value").as_deref(),
        Some("Autosaved headline")
    );
    assert!(texts(&html, "#autosaved-body")
        .join("")
        .contains("Words typed but not yet saved."));
    assert_eq!(
        attr(&html, "#f-headline", "value").as_deref(),
        Some("Draft typed on")
    );
    // Another member does not see it.
    let theirs = other.get(&format!("/newsroom/articles/{id}")).await.html();
    assert!(texts(&theirs, "section.nr-autosaved").is_empty());

    // Saving the article clears it.
    let ed = user_id(&app, "ed@example.org").await;
    assert!(app
        .store()
        .pending_autosave(id, ed)
        .await
        .expect("q")
        .is_some());
    let save = fields_with(
        "Autosaved headline",
        "Words typed but not yet saved.",
        &[("version", version.as_str()), ("intent", "save")],
    );
    assert_eq!(
        desk.post(&format!("/newsroom/articles/{id}"), &save)
            .await
            .status,
        303
    );
    assert!(app
        .store()
        .pending_autosave(id, ed)
        .await
        .expect("q")
        .is_none());
    let html = desk.get(&format!("/newsroom/articles/{id}")).await.html();
    assert!(texts(&html, "section.nr-autosaved").is_empty());
    assert_eq!(
        attr(&html, "#f-headline", "value").as_deref(),
        Some("Autosaved headline")
    );
}

// 6. Corrections.

async fn seed_id(app: &TestApp) -> i64 {
    match app.store().lookup_path(SEED).await.expect("lookup") {
        PathLookup::Article(a) => a.id,
        other => panic!("the seed is published: {other:?}"),
    }
}

#[tokio::test]
async fn a_correction_note_shows_on_the_article_and_the_corrections_page() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    make_user(&app, "writer@example.org", Role::Contributor).await;
    let editor = Desk::login(&app, "ed@example.org").await;
    let writer = Desk::login(&app, "writer@example.org").await;
    let id = seed_id(&app).await;
    let notes = format!("/newsroom/articles/{id}/notes");
    let text = "An earlier version of this article misspelt the spokesman's name.";

    // Refusals first: nothing written, a contributor may not, a draft takes none.
    let empty = editor
        .post(&notes, &[("kind", "correction"), ("text", "   ")])
        .await;
    assert_eq!(empty.status, 422);
    assert!(
        !texts(&empty.html(), "#note-text-error").is_empty(),
        "{}",
        empty.text()
    );
    assert_eq!(
        writer
            .post(&notes, &[("kind", "correction"), ("text", text)])
            .await
            .status,
        403
    );
    let draft = post_article(
        &editor,
        &fields_with("A draft to correct", "Body.", &[("intent", "save")]),
    )
    .await;
    let on_draft = editor
        .post(
            &format!("/newsroom/articles/{draft}/notes"),
            &[("kind", "correction"), ("text", "A note on a draft.")],
        )
        .await;
    assert_eq!(on_draft.status, 422);

    let added = editor
        .post(&notes, &[("kind", "correction"), ("text", text)])
        .await;
    assert_eq!(added.status, 303, "{}", added.text());
    assert_eq!(
        added.header("location"),
        Some(format!("/newsroom/articles/{id}?done=note").as_str())
    );

    let page = app
        .eventually(SEED, |r| r.text().contains("misspelt the spokesman"))
        .await;
    let shown = texts(&page.html(), ".notes .note-correction").join(" ");
    assert!(shown.contains(text), "{}", page.text());

    let list = app
        .eventually("/en/corrections/", |r| {
            r.text().contains("misspelt the spokesman")
        })
        .await;
    assert_eq!(list.status, 200);
    let html = list.html();
    let items = texts(&html, ".corrections li.note-correction");
    assert_eq!(items.len(), 1, "{items:?}");
    assert!(
        items[0].contains(text) && items[0].contains(SEED_HEADLINE),
        "{items:?}"
    );
    assert_eq!(
        attr(&html, ".corrections li.note-correction a", "href").as_deref(),
        Some(SEED)
    );

    // The draft, published later, carries no note from before.
    assert_eq!(
        editor
            .post(
                &format!("/newsroom/articles/{draft}/workflow"),
                &[("transition", "publish")]
            )
            .await
            .status,
        303
    );
    let path = app
        .store()
        .newsroom_article(draft)
        .await
        .expect("a")
        .path
        .expect("a path");
    let page = app.eventually(&path, |r| r.status == 200).await;
    assert_eq!(page.status, 200);
    assert!(texts(&page.html(), ".notes").is_empty());
    assert!(!page.text().contains("A note on a draft."));
}

#[tokio::test]
async fn a_note_refused_on_an_unpublished_article_says_why() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    let editor = Desk::login(&app, "ed@example.org").await;
    let id = seed_id(&app).await;
    // The editor has the published article open, with its notes form; meanwhile
    // it is taken off the site.
    let open = editor.get(&format!("/newsroom/articles/{id}")).await;
    assert!(attr(&open.html(), "#note-text", "name").is_some());
    assert_eq!(
        editor
            .post(
                &format!("/newsroom/articles/{id}/workflow"),
                &[("transition", "unpublish")]
            )
            .await
            .status,
        303
    );
    let text = "The spokesman's name was misspelt.";
    let refused = editor
        .post(
            &format!("/newsroom/articles/{id}/notes"),
            &[("kind", "correction"), ("text", text)],
        )
        .await;
    assert_eq!(refused.status, 422);
    // The page says why, and what was typed is not lost.
    let said = texts(&refused.html(), "[role=alert]").join(" ");
    assert!(said.contains("published"), "no reason given: {said:?}");
    assert!(
        texts(&refused.html(), "textarea").join(" ").contains(text),
        "the note's text is lost"
    );
}

// 7. Comment moderation.

async fn post_comment(app: &TestApp, name: &str, email: &str, body: &str) {
    let page = app.get(SEED).await;
    let token = attr(&page.html(), "form.comment-form input[name=token]", "value")
        .expect("the comment form carries a token");
    let res = app
        .client
        .post(format!("{}{SEED}/comments", app.base))
        .form(&[
            ("name", name),
            ("email", email),
            ("body", body),
            ("token", &token),
        ])
        .send()
        .await
        .expect("answered");
    assert_eq!(
        res.status(),
        303,
        "{}",
        res.text().await.unwrap_or_default()
    );
}

async fn comment_status(app: &TestApp, id: &str) -> String {
    let id: i64 = id.parse().expect("id");
    app.store()
        .moderation_queue(None, None, 100)
        .await
        .expect("queue")
        .into_iter()
        .find(|c| c.id == id)
        .map(|c| c.status.to_string())
        .expect("the comment")
}

/// Each row's own buttons and forms: one comment at a time, by a plain
/// post or by the queue's script (JSON), edit and staff reply with their
/// errors kept, and blocking a commenter.
#[tokio::test]
async fn one_click_moderation_edit_reply_and_block() {
    let app = TestApp::with_demo().await;
    for (key, value) in [("comments.min_seconds", "0"), ("comments.per_form", "10")] {
        app.set_setting(key, value).await;
    }
    make_user(&app, "ed@example.org", Role::Editor).await;
    make_user(&app, "writer@example.org", Role::Contributor).await;
    let editor = Desk::login(&app, "ed@example.org").await;
    let writer = Desk::login(&app, "writer@example.org").await;
    post_comment(
        &app,
        "Ana",
        "ana@example.org",
        "First thoughts on the talks.",
    )
    .await;
    post_comment(
        &app,
        "Ana",
        "ana@example.org",
        "Second thoughts, typo herre.",
    )
    .await;
    post_comment(&app, "Eve", "eve@example.org", "Buy cheap watches now.").await;
    let queue = app
        .store()
        .moderation_queue(Some(CommentStatus::Pending), None, 10)
        .await
        .expect("queue");
    let id_of = |body: &str| {
        queue
            .iter()
            .find(|c| c.body.starts_with(body))
            .map(|c| c.id.to_string())
            .expect("the comment")
    };
    let (first, second, eve) = (id_of("First"), id_of("Second"), id_of("Buy"));

    // Each row has its own buttons; the tabs count what waits.
    let html = editor.get("/newsroom/comments").await.html();
    assert_eq!(
        texts(&html, &format!("#comment-row-{first} button[data-action]")).len(),
        5
    );
    assert_eq!(texts(&html, ".nr-filters [data-count=pending]"), ["3"]);
    // "Earlier from this email address" counts the others, not itself.
    let history = texts(&html, &format!("#comment-row-{first} .hint"));
    assert!(history[0].contains(": 0 approved"), "{history:?}");

    // One click, no script: a post and a redirect back.
    let one = editor
        .post(
            "/newsroom/comments",
            &[("act", &format!("approve:{first}"))],
        )
        .await;
    assert_eq!(one.status, 303, "{}", one.text());
    assert_eq!(comment_status(&app, &first).await, "approved");
    let html = editor.get("/newsroom/comments").await.html();
    let history = texts(&html, &format!("#comment-row-{second} .hint"));
    assert!(history[0].contains(": 1 approved"), "{history:?}");

    // The same from the page's script: JSON with the new counts.
    let fetched = editor
        .post_fetch(
            "/newsroom/comments",
            &[("act", &format!("reject:{second}"))],
        )
        .await;
    assert_eq!(fetched.status, 200, "{}", fetched.text());
    let json: serde_json::Value = serde_json::from_str(&fetched.text()).expect("json");
    assert_eq!(json["changed"], 1);
    assert_eq!(json["counts"]["pending"], 1);
    assert_eq!(json["counts"]["rejected"], 1);
    assert_eq!(json["message"], "1 comment changed.");
    assert_eq!(comment_status(&app, &second).await, "rejected");

    // Edit: an empty text is refused with the form open and kept; a
    // too-long one keeps every character typed.
    let empty = editor
        .post(
            &format!("/newsroom/comments/{second}/edit"),
            &[("body", "   "), ("back", "/newsroom/comments?status=all")],
        )
        .await;
    assert_eq!(empty.status, 422);
    let html = empty.html();
    assert_eq!(
        texts(&html, ".row-form[open] .field-error"),
        ["Write the text."]
    );
    let long = "x".repeat(5001);
    let too_long = editor
        .post(
            &format!("/newsroom/comments/{second}/edit"),
            &[("body", &long), ("back", "/newsroom/comments?status=all")],
        )
        .await;
    assert_eq!(too_long.status, 422);
    assert_eq!(texts(&too_long.html(), ".row-form[open] textarea"), [long]);
    // Far past any comment's length: refused unread.
    let huge = "z".repeat(100_000);
    assert_eq!(
        editor
            .post(
                &format!("/newsroom/comments/{second}/edit"),
                &[("body", &huge)]
            )
            .await
            .status,
        413
    );
    let refused = editor
        .post_fetch(
            &format!("/newsroom/comments/{second}/edit"),
            &[("body", "")],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.text().contains("Write the text."),
        "{}",
        refused.text()
    );
    let edited = editor
        .post_fetch(
            &format!("/newsroom/comments/{first}/edit"),
            &[("body", "First thoughts on the talks, edited.")],
        )
        .await;
    assert_eq!(edited.status, 200, "{}", edited.text());

    // A staff reply: published at once, marked as the newsroom's.
    let replied = editor
        .post(
            &format!("/newsroom/comments/{first}/reply"),
            &[("body", "Thank you, Ana: corrected.")],
        )
        .await;
    assert_eq!(replied.status, 303, "{}", replied.text());
    let page = app
        .eventually(SEED, |r| r.text().contains("corrected."))
        .await;
    let html = page.html();
    assert!(texts(&html, ".comment-body")
        .iter()
        .any(|b| b.contains("talks, edited.")));
    let staff = texts(&html, ".comment-staff .comment-author");
    assert_eq!(staff.len(), 1, "{staff:?}");
    assert!(staff[0].contains("From the newsroom"), "{staff:?}");
    assert_eq!(texts(&html, ".comment-replies .staff-mark").len(), 1);

    // Contributors may do none of it; no token, nothing changes.
    for path in [
        format!("/newsroom/comments/{eve}/edit"),
        format!("/newsroom/comments/{eve}/reply"),
    ] {
        assert_eq!(
            writer.post(&path, &[("body", "Mine now.")]).await.status,
            403
        );
        assert_eq!(
            editor
                .post_plain(&path, &[("body", "No token.")])
                .await
                .status,
            403
        );
    }
    assert_eq!(
        editor
            .post("/newsroom/comments/999999/edit", &[("body", "Nobody.")])
            .await
            .status,
        404
    );

    // Block: the comment goes to spam, and so does the commenter's next.
    let blocked = editor
        .post_fetch("/newsroom/comments", &[("act", &format!("block:{eve}"))])
        .await;
    assert_eq!(blocked.status, 200, "{}", blocked.text());
    assert_eq!(comment_status(&app, &eve).await, "spam");
    post_comment(&app, "Eve", "eve@example.org", "Cheap watches, again.").await;
    let again = app
        .store()
        .moderation_queue(None, None, 20)
        .await
        .expect("queue")
        .into_iter()
        .find(|c| c.body.starts_with("Cheap watches, again"))
        .expect("kept");
    assert_eq!(again.status.as_str(), "spam");
}

#[tokio::test]
async fn editors_moderate_comments_in_bulk_and_the_log_names_them() {
    let app = TestApp::with_demo().await;
    app.set_setting("comments.min_seconds", "0").await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    make_user(&app, "admin@example.org", Role::Admin).await;
    make_user(&app, "writer@example.org", Role::Contributor).await;
    let editor = Desk::login(&app, "ed@example.org").await;
    let admin = Desk::login(&app, "admin@example.org").await;
    let writer = Desk::login(&app, "writer@example.org").await;

    post_comment(
        &app,
        "Ana",
        "ana@example.org",
        "A fair account of the talks.",
    )
    .await;
    post_comment(&app, "Bo", "bo@example.org", "I <b>disagree</b> & say so.").await;
    post_comment(&app, "Spammer", "cheap@example.org", "Cheap watches here.").await;
    let queue = app
        .store()
        .moderation_queue(Some(CommentStatus::Pending), None, 10)
        .await
        .expect("queue");
    assert_eq!(queue.len(), 3, "all wait for moderation");
    let id_of = |name: &str| {
        queue
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.id.to_string())
            .expect("the comment")
    };
    let (ana, bo, spammer) = (id_of("Ana"), id_of("Bo"), id_of("Spammer"));

    // The queue shows what readers wrote, as text.
    let page = editor.get("/newsroom/comments").await;
    assert_eq!(page.status, 200);
    let html = page.html();
    let bodies = texts(&html, ".nr-comment-body");
    assert_eq!(bodies.len(), 3);
    assert!(
        bodies.iter().any(|b| b == "I <b>disagree</b> & say so."),
        "{bodies:?}"
    );
    assert!(
        texts(&html, ".nr-comment-body b").is_empty(),
        "markup is escaped"
    );
    assert_eq!(texts(&html, "input[type=checkbox][name=id]").len(), 3);

    // Contributors may not see the queue or change it.
    assert_eq!(writer.get("/newsroom/comments").await.status, 403);
    assert_eq!(
        writer
            .post("/newsroom/comments", &[("action", "approve"), ("id", &ana)])
            .await
            .status,
        403
    );

    // Two approved at once.
    let done = editor
        .post(
            "/newsroom/comments",
            &[("action", "approve"), ("id", &ana), ("id", &bo)],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.text());
    assert!(done
        .header("location")
        .is_some_and(|l| l.starts_with("/newsroom/comments") && l.contains("done=2")));
    let spam = editor
        .post(
            "/newsroom/comments",
            &[("action", "spam"), ("id", &spammer)],
        )
        .await;
    assert_eq!(spam.status, 303);

    assert_eq!(comment_status(&app, &ana).await, "approved");
    assert_eq!(comment_status(&app, &bo).await, "approved");
    assert_eq!(comment_status(&app, &spammer).await, "spam");
    // The queue is empty now.
    let html = editor.get("/newsroom/comments").await.html();
    assert!(texts(&html, ".nr-comment-body").is_empty());

    // Readers see the approved two, escaped, and not the spam.
    let page = app
        .eventually(SEED, |r| {
            r.text().contains("A fair account") && r.text().contains("disagree")
        })
        .await;
    let html = page.html();
    assert_eq!(texts(&html, ".comment-list .comment-author"), ["Ana", "Bo"]);
    assert!(texts(&html, ".comment-body")
        .iter()
        .any(|b| b.contains("I <b>disagree</b> & say so.")));
    assert!(texts(&html, ".comment-body b").is_empty());
    assert!(!page.text().contains("Cheap watches"));

    // The administrator's log says who did it.
    let audit = admin.get("/newsroom/audit?entity=comment").await;
    assert_eq!(audit.status, 200);
    let rows = texts(&audit.html(), "tbody tr");
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(
        rows.iter().all(|r| r.contains("ed@example.org")),
        "{rows:?}"
    );
    assert_eq!(rows.iter().filter(|r| r.contains("approve")).count(), 2);
    assert_eq!(rows.iter().filter(|r| r.contains("spam")).count(), 1);
}

// 8. The wire desk: see newsroom_wire.rs.

// 9. Accounts.

/// The path of the one-time link a page shows (`/newsroom/reset/...`).
fn shown_link(reply: &Reply) -> String {
    let link = texts(&reply.html(), "code.nr-secret").join("");
    let at = link
        .find("/newsroom/reset/")
        .unwrap_or_else(|| panic!("a reset link on the page: {}", reply.text()));
    link[at..].to_string()
}

/// Follows a password link in a browser and sets `password`.
async fn set_password_by_link(app: &TestApp, link: &str, password: &str) -> Reply {
    let browser = Desk::anonymous(app);
    let form = browser.get(link).await;
    assert_eq!(form.status, 200, "{}", form.text());
    let csrf = attr(&form.html(), "input[name=csrf]", "value").expect("a token");
    browser
        .post_plain(
            link,
            &[
                ("password", password),
                ("password_again", password),
                ("csrf", &csrf),
            ],
        )
        .await
}

#[tokio::test]
async fn administrators_make_accounts_with_one_time_links() {
    let app = TestApp::with_demo().await;
    make_user(&app, "admin@example.org", Role::Admin).await;
    let admin = Desk::login(&app, "admin@example.org").await;

    let made = admin
        .post(
            "/newsroom/users",
            &[
                ("email", "new@example.org"),
                ("name", "New Editor"),
                ("role", "editor"),
            ],
        )
        .await;
    assert!(made.status.is_success(), "{}: {}", made.status, made.text());
    let link = shown_link(&made);
    let new_id = user_id(&app, "new@example.org").await;
    let user = app.store().user(new_id).await.expect("user");
    assert_eq!(user.role, Role::Editor);
    assert!(!user.has_password);

    // The link's page names the account; a form without its token is refused.
    let browser = Desk::anonymous(&app);
    let form = browser.get(&link).await;
    assert_eq!(form.status, 200);
    assert_eq!(
        attr(&form.html(), "input[name=email]", "value").as_deref(),
        Some("new@example.org")
    );
    assert_eq!(
        browser
            .post_plain(
                &link,
                &[
                    ("password", PASSWORD),
                    ("password_again", PASSWORD),
                    ("csrf", "x")
                ]
            )
            .await
            .status,
        403
    );
    // Two different passwords, then the same twice.
    let csrf = attr(&form.html(), "input[name=csrf]", "value").expect("a token");
    let mismatch = browser
        .post_plain(
            &link,
            &[
                ("password", PASSWORD),
                ("password_again", "another long password"),
                ("csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(mismatch.status, 422);
    assert!(!error_of(&mismatch, "password_again").is_empty());
    let set = set_password_by_link(&app, &link, PASSWORD).await;
    assert_eq!(set.status, 303, "{}", set.text());
    assert_eq!(set.header("location"), Some("/newsroom/login?done=reset"));
    let newcomer = Desk::login(&app, "new@example.org").await;
    let desk = newcomer.get("/newsroom/").await;
    assert!(texts(&desk.html(), ".nr-member-role").contains(&"Editor".to_string()));
    // The link works once.
    assert_eq!(Desk::anonymous(&app).get(&link).await.status, 404);
    assert_eq!(set_password_by_link_status(&app, &link).await, 404);

    // An address that has an account already, in any case.
    let dup = admin
        .post(
            "/newsroom/users",
            &[
                ("email", "NEW@example.org"),
                ("name", "Someone Else"),
                ("role", "contributor"),
            ],
        )
        .await;
    assert_eq!(dup.status, 422);
    assert!(!error_of(&dup, "email").is_empty(), "{}", dup.text());
    assert_eq!(
        attr(&dup.html(), "#f-name", "value").as_deref(),
        Some("Someone Else")
    );
    assert_eq!(app.store().users().await.expect("users").len(), 2);

    // Disabling an account ends its sessions at once, and its logins.
    let disabled = admin
        .post(
            &format!("/newsroom/users/{new_id}"),
            &[
                ("name", "New Editor"),
                ("role", "editor"),
                ("disabled", "1"),
            ],
        )
        .await;
    assert_eq!(disabled.status, 303, "{}", disabled.text());
    let out = newcomer.get("/newsroom/").await;
    assert_eq!(out.status, 303);
    assert!(out
        .header("location")
        .is_some_and(|l| l.starts_with("/newsroom/login")));
    assert_eq!(app.store().session_count(new_id).await.expect("n"), 0);
    assert_eq!(
        Desk::anonymous(&app)
            .try_login("new@example.org", PASSWORD)
            .await
            .status,
        401
    );

    // A reset link: the sessions end, and once it is used only the new
    // password works.
    make_user(&app, "writer@example.org", Role::Contributor).await;
    let writer = Desk::login(&app, "writer@example.org").await;
    let writer_id = user_id(&app, "writer@example.org").await;
    let reset = admin
        .post(&format!("/newsroom/users/{writer_id}/reset"), &[])
        .await;
    assert_eq!(reset.status, 200, "{}", reset.text());
    let link = shown_link(&reset);
    assert_eq!(writer.get("/newsroom/").await.status, 303);
    assert_eq!(app.store().session_count(writer_id).await.expect("n"), 0);
    let set = set_password_by_link(&app, &link, "a brand new passphrase").await;
    assert_eq!(set.status, 303);
    let browser = Desk::anonymous(&app);
    assert_eq!(
        browser
            .try_login("writer@example.org", PASSWORD)
            .await
            .status,
        401
    );
    assert_eq!(
        browser
            .try_login("writer@example.org", "a brand new passphrase")
            .await
            .status,
        303
    );
}

async fn set_password_by_link_status(app: &TestApp, link: &str) -> u16 {
    let browser = Desk::anonymous(app);
    // Take a login-stage token from the login page: the link's own page is gone.
    let form = browser.get("/newsroom/login").await;
    let csrf = attr(&form.html(), "input[name=csrf]", "value").expect("a token");
    browser
        .post_plain(
            link,
            &[
                ("password", "yet another passphrase"),
                ("password_again", "yet another passphrase"),
                ("csrf", &csrf),
            ],
        )
        .await
        .status
        .as_u16()
}

#[tokio::test]
async fn the_last_administrator_stays_one() {
    let app = TestApp::with_demo().await;
    make_user(&app, "admin@example.org", Role::Admin).await;
    let admin = Desk::login(&app, "admin@example.org").await;
    let id = user_id(&app, "admin@example.org").await;
    let me = format!("/newsroom/users/{id}");

    for fields in [
        vec![("name", "The Admin"), ("role", "editor")],
        vec![("name", "The Admin"), ("role", "admin"), ("disabled", "1")],
    ] {
        let refused = admin.post(&me, &fields).await;
        assert_eq!(refused.status, 422, "{fields:?}");
        assert!(!error_of(&refused, "role").is_empty(), "{}", refused.text());
        let user = app.store().user(id).await.expect("user");
        assert_eq!((user.role, user.disabled), (Role::Admin, false));
    }
    assert_eq!(admin.get("/newsroom/users").await.status, 200);

    // With a second administrator, the first may step down.
    make_user(&app, "second@example.org", Role::Admin).await;
    let stepped = admin
        .post(&me, &[("name", "The Admin"), ("role", "editor")])
        .await;
    assert_eq!(stepped.status, 303, "{}", stepped.text());
    assert_eq!(app.store().user(id).await.expect("user").role, Role::Editor);
    assert_eq!(admin.get("/newsroom/users").await.status, 403);
    // And now the second is the last.
    let second = Desk::login(&app, "second@example.org").await;
    let second_id = user_id(&app, "second@example.org").await;
    let refused = second
        .post(
            &format!("/newsroom/users/{second_id}"),
            &[("name", "Second"), ("role", "contributor")],
        )
        .await;
    assert_eq!(refused.status, 422);
}

#[tokio::test]
async fn an_administrator_who_cannot_log_in_yet_does_not_count() {
    let app = TestApp::with_demo().await;
    make_user(&app, "admin@example.org", Role::Admin).await;
    let admin = Desk::login(&app, "admin@example.org").await;
    let id = user_id(&app, "admin@example.org").await;
    // A second administrator, made on the users page: no password until
    // they follow their link (which may never happen, or expire).
    let made = admin
        .post(
            "/newsroom/users",
            &[
                ("email", "later@example.org"),
                ("name", "Later"),
                ("role", "admin"),
            ],
        )
        .await;
    assert!(made.status.is_success());
    assert!(
        !app.store()
            .user(user_id(&app, "later@example.org").await)
            .await
            .expect("u")
            .has_password
    );
    // The only administrator who can log in may not step down yet.
    let refused = admin
        .post(
            &format!("/newsroom/users/{id}"),
            &[("name", "The Admin"), ("role", "editor")],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(!error_of(&refused, "role").is_empty());
    assert_eq!(app.store().user(id).await.expect("u").role, Role::Admin);
}

// 10. One's own account.

#[tokio::test]
async fn changing_ones_password_ends_the_other_sessions() {
    let app = TestApp::with_demo().await;
    make_user(&app, "me@example.org", Role::Contributor).await;
    let here = Desk::login(&app, "me@example.org").await;
    let elsewhere = Desk::login(&app, "me@example.org").await;
    let id = user_id(&app, "me@example.org").await;
    assert_eq!(app.store().session_count(id).await.expect("n"), 2);
    let new = "a new and longer passphrase";

    let wrong = here
        .post(
            "/newsroom/account/password",
            &[
                ("current", "not my password"),
                ("password", new),
                ("password_again", new),
            ],
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert!(!error_of(&wrong, "current").is_empty(), "{}", wrong.text());
    let short = here
        .post(
            "/newsroom/account/password",
            &[
                ("current", PASSWORD),
                ("password", "short"),
                ("password_again", "short"),
            ],
        )
        .await;
    assert_eq!(short.status, 422);
    assert!(!error_of(&short, "password").is_empty());
    assert_eq!(app.store().session_count(id).await.expect("n"), 2);

    let changed = here
        .post(
            "/newsroom/account/password",
            &[
                ("current", PASSWORD),
                ("password", new),
                ("password_again", new),
            ],
        )
        .await;
    assert_eq!(changed.status, 303, "{}", changed.text());
    assert_eq!(
        changed.header("location"),
        Some("/newsroom/account?done=password")
    );
    assert_eq!(
        here.get("/newsroom/").await.status,
        200,
        "this session stays"
    );
    assert_eq!(
        elsewhere.get("/newsroom/").await.status,
        303,
        "the other ends"
    );
    assert_eq!(app.store().session_count(id).await.expect("n"), 1);
    let browser = Desk::anonymous(&app);
    assert_eq!(
        browser.try_login("me@example.org", PASSWORD).await.status,
        401
    );
    assert_eq!(browser.try_login("me@example.org", new).await.status, 303);
}

/// A fresh browser that has given the right password and waits for the code:
/// returns it with the code form's token.
async fn halfway(app: &TestApp, email: &str) -> (Desk, String) {
    let browser = Desk::anonymous(app);
    let first = browser.try_login(email, PASSWORD).await;
    assert_eq!(first.status, 303);
    let to = first.header("location").expect("location");
    assert!(to.starts_with("/newsroom/login/code"), "{to}");
    // Half-way is not logged in.
    assert_eq!(browser.get("/newsroom/").await.status, 303);
    let form = browser.get(to).await;
    assert_eq!(form.status, 200, "{}", form.text());
    let csrf = attr(
        &form.html(),
        "form[action='/newsroom/login/code'] input[name=csrf]",
        "value",
    )
    .expect("a token");
    (browser, csrf)
}

#[tokio::test]
async fn two_factor_login_with_a_time_based_code() {
    let app = TestApp::with_demo().await;
    make_user(&app, "me@example.org", Role::Editor).await;
    let desk = Desk::login(&app, "me@example.org").await;
    let id = user_id(&app, "me@example.org").await;

    let start = desk
        .post("/newsroom/account/totp", &[("step", "start")])
        .await;
    assert_eq!(start.status, 200, "{}", start.text());
    let html = start.html();
    let secret = texts(&html, "code.nr-secret").join("");
    assert_eq!(secret.len(), 32, "{secret}");
    assert_eq!(
        attr(&html, "input[name=secret]", "value").as_deref(),
        Some(secret.as_str())
    );
    assert!(attr(&html, "a[href^='otpauth://totp/']", "href").is_some());

    // A wrong code keeps it off; the app's code turns it on.
    let wrong = desk
        .post(
            "/newsroom/account/totp",
            &[("step", "confirm"), ("secret", &secret), ("code", "12345")],
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert!(!error_of(&wrong, "code").is_empty());
    assert!(!app.store().user(id).await.expect("u").totp_enabled);
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let code = dateline_auth::totp::code_at(&secret, now).expect("a code");
    let on = desk
        .post(
            "/newsroom/account/totp",
            &[("step", "confirm"), ("secret", &secret), ("code", &code)],
        )
        .await;
    assert_eq!(on.status, 303, "{}", on.text());
    assert_eq!(
        on.header("location"),
        Some("/newsroom/account?done=totp-on")
    );
    assert!(app.store().user(id).await.expect("u").totp_enabled);

    // A fresh login now asks for a code; a wrong one is refused.
    let (browser, csrf) = halfway(&app, "me@example.org").await;
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let window: Vec<String> = [-30, 0, 30]
        .iter()
        .map(|d| dateline_auth::totp::code_at(&secret, now + d).expect("code"))
        .collect();
    let wrong = (0..1000)
        .map(|n| format!("{:06}", (n * 7919) % 1_000_000))
        .find(|c| !window.contains(c))
        .expect("a wrong code");
    let refused = browser
        .post_plain(
            "/newsroom/login/code",
            &[("code", &wrong), ("csrf", &csrf), ("next", "/newsroom/")],
        )
        .await;
    assert_eq!(refused.status, 401);
    assert!(!texts(&refused.html(), "#code-error").is_empty());
    // The confirmation spent the current 30-second step, so the right code
    // is the one an app shows next (still inside the accepted window).
    let csrf = attr(&refused.html(), "input[name=csrf]", "value").expect("a token");
    let code = dateline_auth::totp::code_at(&secret, now + 30).expect("a code");
    let ok = browser
        .post_plain(
            "/newsroom/login/code",
            &[("code", &code), ("csrf", &csrf), ("next", "/newsroom/")],
        )
        .await;
    assert_eq!(ok.status, 303, "{}", ok.text());
    assert_eq!(ok.header("location"), Some("/newsroom/"));
    assert_eq!(browser.get("/newsroom/").await.status, 200, "logged in");

    // The same code again, in another browser: a replay, refused.
    let (replayer, csrf) = halfway(&app, "me@example.org").await;
    let replay = replayer
        .post_plain(
            "/newsroom/login/code",
            &[("code", &code), ("csrf", &csrf), ("next", "/newsroom/")],
        )
        .await;
    assert_eq!(replay.status, 401);
    assert_eq!(replayer.get("/newsroom/").await.status, 303);

    // Logging out everywhere ends every session, this one too.
    let out = desk.post("/newsroom/account/logout-everywhere", &[]).await;
    assert_eq!(out.status, 303);
    assert_eq!(out.header("location"), Some("/newsroom/login?done=logout"));
    assert_eq!(desk.get("/newsroom/").await.status, 303);
    assert_eq!(browser.get("/newsroom/").await.status, 303);
    assert_eq!(app.store().session_count(id).await.expect("n"), 0);
}

// 11. The first administrator.

#[tokio::test]
async fn the_setup_link_makes_the_first_administrator_once() {
    let mut app = TestApp::empty().await;
    let url = app
        .running
        .as_ref()
        .expect("running")
        .setup_url
        .clone()
        .expect("a site without accounts prints a setup link");
    let path = url
        .strip_prefix(&app.base)
        .unwrap_or_else(|| panic!("a link to this site: {url}"))
        .to_string();
    assert!(path.starts_with("/newsroom/setup/"), "{path}");
    // A made-up link is nothing.
    assert_eq!(
        Desk::anonymous(&app)
            .get("/newsroom/setup/not-the-link")
            .await
            .status,
        404
    );

    let browser = Desk::anonymous(&app);
    let form = browser.get(&path).await;
    assert_eq!(form.status, 200, "{}", form.text());
    let csrf = attr(&form.html(), "input[name=csrf]", "value").expect("a token");
    let made = browser
        .post_plain(
            &path,
            &[
                ("name", "First Admin"),
                ("email", "first@example.org"),
                ("password", PASSWORD),
                ("password_again", PASSWORD),
                ("csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(made.status, 303, "{}", made.text());
    assert_eq!(made.header("location"), Some("/newsroom/"));
    let desk = browser.get("/newsroom/").await;
    assert_eq!(desk.status, 200, "logged in at once");
    assert_eq!(texts(&desk.html(), ".nr-member-role"), ["Administrator"]);
    assert_eq!(browser.get("/newsroom/users").await.status, 200);
    let id = user_id(&app, "first@example.org").await;
    assert_eq!(app.store().user(id).await.expect("u").role, Role::Admin);

    // The link is spent.
    assert_eq!(Desk::anonymous(&app).get(&path).await.status, 404);
    // A site with an account prints no link at its next start.
    app.restart().await;
    assert_eq!(app.running.as_ref().expect("running").setup_url, None);
    assert_eq!(Desk::anonymous(&app).get(&path).await.status, 404);
    Desk::login(&app, "first@example.org").await;
}

// 12. The command line.

fn dateline_cli() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"));
    for (key, _) in std::env::vars() {
        if key.starts_with("DATELINE_") {
            cmd.env_remove(key);
        }
    }
    cmd
}

/// Runs `dateline user add` with `stdin` piped in: (exit code, stdout, stderr).
fn user_add(args: &[String], stdin: &str) -> (i32, String, String) {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = dateline_cli()
        .args(["user", "add"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn dateline_user_add_makes_an_account_that_logs_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let database = match dateline_store::testing::postgres_server() {
        Some(server) => Some(
            dateline_store::testing::fresh_database(&server)
                .await
                .expect("a fresh database"),
        ),
        None => None,
    };
    let mut args = vec!["--data-dir".to_string(), data.display().to_string()];
    if let Some(url) = &database {
        args.extend(["--database-url".to_string(), url.expose().to_string()]);
    }

    // Too short: refused, with the reason, and no account.
    let mut short = args.clone();
    short.extend(["--role".into(), "admin".into(), "short@example.org".into()]);
    let (code, out, err) = tokio::task::spawn_blocking(move || user_add(&short, "short\n"))
        .await
        .expect("join");
    assert_ne!(code, 0, "{out}");
    assert!(err.contains("at least 10 characters"), "{err}");

    let mut good = args.clone();
    good.extend(["--role".into(), "admin".into(), "chief@example.org".into()]);
    let (code, out, err) =
        tokio::task::spawn_blocking(move || user_add(&good, &format!("{PASSWORD}\n")))
            .await
            .expect("join");
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("chief@example.org"), "{out}");

    // A server on that data: no setup link, and the account logs in.
    let config = dateline::config::Config {
        data_dir: data.clone(),
        database_url: database.as_deref().cloned(),
        listen: "127.0.0.1:0".parse().expect("addr"),
        demo: false,
        ..dateline::config::Config::default()
    };
    let running = dateline::server::start(&config)
        .await
        .expect("the server starts");
    assert_eq!(running.setup_url, None);
    let app = TestApp {
        base: format!("http://{}", running.addr),
        running: Some(running),
        config,
        client: crate::support::client_builder()
            // Below the server's 10 s idle limit, so no request meets a closed connection.
            .pool_idle_timeout(std::time::Duration::from_secs(5))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client"),
        dir,
        share: support::alone::share(),
        database,
    };
    assert!(app
        .store()
        .credentials("short@example.org")
        .await
        .expect("q")
        .is_none());
    let chief = app
        .store()
        .credentials("chief@example.org")
        .await
        .expect("q")
        .expect("the account");
    assert_eq!(chief.user.role, Role::Admin);
    let desk = Desk::login(&app, "chief@example.org").await;
    assert_eq!(desk.get("/newsroom/users").await.status, 200);
    app.stop().await;
}

// 13. The newsroom in Spanish.

#[tokio::test]
async fn the_newsroom_speaks_spanish_to_a_spanish_browser() {
    let app = TestApp::with_demo().await;
    let es = app
        .get_with(
            "/newsroom/login",
            &[("accept-language", "es-ES,es;q=0.9,en;q=0.5")],
        )
        .await;
    assert_eq!(es.status, 200);
    let html = es.html();
    assert_eq!(attr(&html, "html", "lang").as_deref(), Some("es"));
    assert_eq!(texts(&html, "h1"), ["Iniciar sesión"]);
    assert_eq!(
        texts(&html, "form[action='/newsroom/login'] button[type=submit]"),
        ["Entrar"]
    );
    // English otherwise, and for languages the newsroom does not speak.
    for accept in [None, Some("de")] {
        let headers: Vec<(&str, &str)> =
            accept.map(|a| ("accept-language", a)).into_iter().collect();
        let html = app.get_with("/newsroom/login", &headers).await.html();
        assert_eq!(attr(&html, "html", "lang").as_deref(), Some("en"));
        assert_eq!(
            texts(&html, "form[action='/newsroom/login'] button[type=submit]"),
            ["Log in"]
        );
    }

    // A member whose browser asks for Spanish works in Spanish.
    make_user(&app, "ana@example.org", Role::Editor).await;
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("accept-language", "es".parse().expect("header"));
    let desk = Desk {
        client: crate::support::client_builder()
            // Below the server's 10 s idle limit, so no request meets a closed connection.
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
        desk.try_login("ana@example.org", PASSWORD).await.status,
        303
    );
    let page = desk.get("/newsroom/").await;
    let html = page.html();
    assert_eq!(attr(&html, "html", "lang").as_deref(), Some("es"));
    let nav = texts(&html, ".nr-nav a");
    assert!(
        nav.contains(&"Mesa".to_string()) && nav.contains(&"Artículos".to_string()),
        "{nav:?}"
    );
    assert_eq!(texts(&html, ".nr-member-role"), ["Editor"]);
}

// Pictures in the body: uploaded from the editor's dialog (JSON), alt text
// required, shown to readers once the body that shows them is published.

#[tokio::test]
async fn a_picture_in_the_body_is_served_to_readers_once_its_story_is_published() {
    let app = TestApp::with_demo().await;
    make_user(&app, "ed@example.org", Role::Editor).await;
    let desk = Desk::login(&app, "ed@example.org").await;

    // The dialog's upload: without alt text, each field's message as JSON.
    let upload = |form: Form| {
        desk.client
            .post(format!("{}/newsroom/media", desk.base))
            .header("accept", "application/json")
            .multipart(form.text("csrf", desk.csrf.clone()))
            .send()
    };
    let refused = reply_of(
        upload(media_form(jpeg(800, 600), "pad.jpg", "  ", "", ""))
            .await
            .expect("answered"),
    )
    .await;
    assert_eq!(refused.status, 422, "{}", refused.text());
    let json: serde_json::Value = serde_json::from_slice(&refused.body).expect("JSON");
    assert!(json["errors"]["alt_text"].as_str().is_some(), "{json}");
    assert!(
        json["errors"]["caption"].is_null(),
        "a caption is offered, not required: {json}"
    );

    let done = reply_of(
        upload(media_form(
            jpeg(1600, 900),
            "pad.jpg",
            "The launch pad at dawn",
            "",
            "",
        ))
        .await
        .expect("answered"),
    )
    .await;
    assert_eq!(done.status, 200, "{}", done.text());
    let json: serde_json::Value = serde_json::from_slice(&done.body).expect("JSON");
    let src = json["src"].as_str().expect("src").to_string();
    assert!(
        src.starts_with("/media/") && src.ends_with("/w1024.jpg"),
        "{src}"
    );
    assert!(json["thumb"]
        .as_str()
        .is_some_and(|t| t.starts_with("/newsroom/media/t/")));
    // Members see it at the newsroom's copy of the address; readers not yet.
    let thumb = desk.get(json["thumb"].as_str().expect("thumb")).await;
    assert_eq!(thumb.status, 200);
    assert_eq!(app.get(&src).await.status, 404);

    // A draft that shows it, and a third party's picture (a draft may).
    let body = format!(
        "The pad.\n\n![The launch pad at dawn]({src} \"Dawn\")\n\n![tracker](https://tracker.example/p.gif)"
    );
    let id = post_article(
        &desk,
        &fields_with("Pad ready", &body, &[("intent", "save")]),
    )
    .await;
    assert_eq!(
        app.get(&src).await.status,
        404,
        "a draft makes nothing public"
    );
    let version = app
        .store()
        .article_version(id)
        .await
        .expect("v")
        .to_string();
    // Published, the third party's picture would vanish for readers: the
    // writer is told, and keeps every word typed.
    let refused = desk
        .post(
            &format!("/newsroom/articles/{id}"),
            &fields_with(
                "Pad ready",
                &body,
                &[("intent", "publish"), ("version", version.as_str())],
            ),
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert!(
        error_of(&refused, "body").contains("comes from another site"),
        "{}",
        refused.text()
    );
    assert!(refused.text().contains("tracker.example/p.gif"));
    let body = format!("The pad.\n\n![The launch pad at dawn]({src} \"Dawn\")");
    let published = desk
        .post(
            &format!("/newsroom/articles/{id}"),
            &fields_with(
                "Pad ready",
                &body,
                &[("intent", "publish"), ("version", version.as_str())],
            ),
        )
        .await;
    assert_eq!(published.status, 303, "{}", published.text());
    let path = app.store().article_view(id).await.expect("published").path;
    let page = app.eventually(&path, |r| r.status == 200).await;
    let html = page.html();
    assert_eq!(
        attr(&html, ".story-body img", "src").as_deref(),
        Some(src.as_str())
    );
    assert_eq!(
        attr(&html, ".story-body img", "alt").as_deref(),
        Some("The launch pad at dawn")
    );
    assert!(!page.text().contains("tracker.example"));
    let file = app.get(&src).await;
    assert_eq!(file.status, 200, "a published body's picture is public");
    assert_eq!(file.header("content-type"), Some("image/jpeg"));
}

#[tokio::test]
async fn dateline_user_reset_password_prints_a_link_for_the_account() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let database = match dateline_store::testing::postgres_server() {
        Some(server) => Some(
            dateline_store::testing::fresh_database(&server)
                .await
                .expect("a fresh database"),
        ),
        None => None,
    };
    let mut args = vec!["--data-dir".to_string(), data.display().to_string()];
    if let Some(url) = &database {
        args.extend(["--database-url".to_string(), url.expose().to_string()]);
    }
    let mut add = args.clone();
    add.push("ana@example.org".into());
    let (code, out, err) =
        tokio::task::spawn_blocking(move || user_add(&add, &format!("{PASSWORD}\n")))
            .await
            .expect("join");
    assert_eq!(code, 0, "{out}\n{err}");

    let run = |email: &'static str| {
        let args = args.clone();
        tokio::task::spawn_blocking(move || {
            dateline_cli()
                .args(["user", "reset-password"])
                .args(&args)
                .arg(email)
                .output()
                .expect("the binary runs")
        })
    };
    let nobody = run("nobody@example.org").await.expect("join");
    assert!(!nobody.status.success());
    assert!(String::from_utf8_lossy(&nobody.stderr).contains("no account"));
    let reset = run("ANA@example.org").await.expect("join");
    let out = String::from_utf8_lossy(&reset.stdout).into_owned();
    assert!(reset.status.success(), "{out}");
    let token = out
        .trim()
        .rsplit_once("/newsroom/reset/")
        .map(|(_, t)| t.to_string())
        .expect("a reset link");

    let store = dateline_store::Store::open(&data, database.as_deref())
        .await
        .expect("open");
    let ana = store
        .credentials("ana@example.org")
        .await
        .expect("read")
        .expect("the account")
        .user;
    let link = store
        .link(
            &dateline_auth::token::digest(&token),
            dateline_store::LinkPurpose::Reset,
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("read");
    assert_eq!(link, Some(Some(ana.id)));
    let filter = dateline_store::AuditFilter {
        entity: Some("user".into()),
        entity_id: Some(ana.id),
        user_email: None,
    };
    let (log, _) = store.audit_log(&filter, 10, 0).await.expect("read");
    assert!(
        log.iter()
            .any(|e| e.action == "reset-password" && e.user_email.is_none()),
        "{log:?}"
    );
    store.close().await;
}
