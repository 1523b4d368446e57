//! Media under hostile traffic (issue 14, findings 8, 9 and 11): range
//! floods on a large episode, image decompression bombs, and files that
//! readers may not have (unattached uploads, drafts' images, originals with
//! their camera's GPS position), named so they cannot be enumerated.
//!
//! The memory figures are the test process's own (the server runs in it):
//! the peak resident set is reset before an attack and read after it. The
//! tests that measure take turns, alone in the process (`SERIAL`), so that
//! under `cargo test`, which runs every test of this binary in one process,
//! one test's memory is not another's.

use crate::support;

use dateline_core::newsroom::Role;
use reqwest::multipart::{Form, Part};
use std::io::{Cursor, Write};
use support::newsroom::{fields_with, make_user, post_article, Desk};
use support::{attr, texts, Reply, TestApp};

use crate::support::alone::MEMORY as SERIAL;

// Memory.

const MIB: u64 = 1024 * 1024;

fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("{field} in /proc/self/status"))
}

/// Resets the peak resident set to the current one (Linux 4.0 and later),
/// and returns the current one, in bytes.
fn reset_peak() -> u64 {
    std::fs::write("/proc/self/clear_refs", "5").expect("the peak resets");
    status_kib("VmRSS:") * 1024
}

/// The peak resident set since the last reset, in bytes.
fn peak() -> u64 {
    status_kib("VmHWM:") * 1024
}

// Files.

/// One MPEG-1 Layer III frame (128 kb/s, 44.1 kHz, joint stereo): 417 bytes,
/// a header, empty side information, and frame `n`'s number as its data, so
/// that every part of the file is told apart.
fn mp3_frame(n: u32, out: &mut Vec<u8>) {
    const LEN: usize = 417;
    let start = out.len();
    out.extend_from_slice(&[0xFF, 0xFB, 0x90, 0x64]);
    out.extend_from_slice(&[0; 32]);
    while out.len() < start + LEN {
        out.extend_from_slice(&n.to_le_bytes());
    }
    out.truncate(start + LEN);
}

/// A valid MP3 of about `bytes` bytes (a frame repeated, each numbered).
fn big_mp3(bytes: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes + 417);
    let mut n = 0;
    while out.len() < bytes {
        mp3_frame(n, &mut out);
        n += 1;
    }
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
}

/// A decompression bomb: a whole, valid PNG of 7000 × 7000 pixels in
/// 16-bit RGBA, all zeros, that decodes to 392 MB from well under 1 MB. It
/// is within the bounds on sides (12,000) and pixels (50 million).
fn png_bomb() -> Vec<u8> {
    const SIDE: u32 = 7000;
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&SIDE.to_be_bytes());
    ihdr.extend_from_slice(&SIDE.to_be_bytes());
    ihdr.extend_from_slice(&[16, 6, 0, 0, 0]); // 16 bits, RGBA
    png_chunk(&mut out, b"IHDR", &ihdr);
    let row = vec![0u8; 1 + SIDE as usize * 8]; // filter byte, then pixels
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    for _ in 0..SIDE {
        zlib.write_all(&row).expect("compress");
    }
    let idat = zlib.finish().expect("compress");
    for piece in idat.chunks(1 << 20) {
        png_chunk(&mut out, b"IDAT", piece);
    }
    png_chunk(&mut out, b"IEND", &[]);
    out
}

/// A real photo, `width`×`height`, as a JPEG.
fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    });
    let mut out = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut out, image::ImageFormat::Jpeg)
        .expect("encode");
    out.into_inner()
}

/// The camera maker this test writes into a photo's EXIF, to find it again.
const CAMERA: &[u8] = b"SPYCAM-4000";

/// An EXIF block (APP1) as a phone writes it: the camera's maker, and the
/// GPS position 23°8'N, 82°23'W (Havana).
fn exif_app1() -> Vec<u8> {
    fn entry(t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32) {
        t.extend_from_slice(&tag.to_le_bytes());
        t.extend_from_slice(&kind.to_le_bytes());
        t.extend_from_slice(&count.to_le_bytes());
        t.extend_from_slice(&value.to_le_bytes());
    }
    const ASCII: u16 = 2;
    const LONG: u16 = 4;
    const RATIONAL: u16 = 5;
    // TIFF header, then IFD0 at 8: Make and the GPS IFD's offset.
    let mut t = b"II*\0".to_vec();
    t.extend_from_slice(&8u32.to_le_bytes());
    let ifd0_len = 2 + 2 * 12 + 4;
    let make_at = 8 + ifd0_len;
    let gps_at = make_at + CAMERA.len() as u32 + 1;
    t.extend_from_slice(&2u16.to_le_bytes());
    entry(&mut t, 0x010F, ASCII, CAMERA.len() as u32 + 1, make_at);
    entry(&mut t, 0x8825, LONG, 1, gps_at);
    t.extend_from_slice(&0u32.to_le_bytes());
    t.extend_from_slice(CAMERA);
    t.push(0);
    // GPS IFD: latitude and longitude with their references.
    let gps_len = 2 + 4 * 12 + 4;
    let lat_at = gps_at + gps_len;
    let lon_at = lat_at + 24;
    t.extend_from_slice(&4u16.to_le_bytes());
    entry(&mut t, 0x0001, ASCII, 2, u32::from(b'N'));
    entry(&mut t, 0x0002, RATIONAL, 3, lat_at);
    entry(&mut t, 0x0003, ASCII, 2, u32::from(b'W'));
    entry(&mut t, 0x0004, RATIONAL, 3, lon_at);
    t.extend_from_slice(&0u32.to_le_bytes());
    for value in [23u32, 8, 0, 82, 23, 0] {
        t.extend_from_slice(&value.to_le_bytes());
        t.extend_from_slice(&1u32.to_le_bytes());
    }
    let mut app1 = vec![0xFF, 0xE1];
    app1.extend_from_slice(&((2 + 6 + t.len()) as u16).to_be_bytes());
    app1.extend_from_slice(b"Exif\0\0");
    app1.extend_from_slice(&t);
    app1
}

/// A JPEG photo carrying [`exif_app1`] right after its start marker.
fn jpeg_with_gps(width: u32, height: u32) -> Vec<u8> {
    let plain = jpeg(width, height);
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&exif_app1());
    out.extend_from_slice(&plain[2..]);
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

// The newsroom.

async fn editor(app: &TestApp) -> Desk {
    make_user(app, "ed@example.org", Role::Editor).await;
    Desk::login(app, "ed@example.org").await
}

/// Uploads through the library's form; the id in `/newsroom/media?done={id}`.
async fn upload(desk: &Desk, form: Form) -> i64 {
    let reply = desk.upload("/newsroom/media", form).await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    reply
        .header("location")
        .and_then(|l| l.strip_prefix("/newsroom/media?done="))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| {
            panic!(
                "the library after an upload: {:?}",
                reply.header("location")
            )
        })
}

fn image_form(bytes: Vec<u8>, name: &str) -> Form {
    Form::new()
        .part("file", Part::bytes(bytes).file_name(name.to_string()))
        .text("alt_text", "Boats in the harbour at dusk")
        .text("caption", "The harbour")
        .text("credit", "Staff")
}

/// Publishes an article carrying these media; its path on the site.
async fn publish_with(
    app: &TestApp,
    desk: &Desk,
    headline: &str,
    media: &[(&str, &str)],
) -> String {
    let mut changes = media.to_vec();
    changes.push(("intent", "publish"));
    let id = post_article(desk, &fields_with(headline, "The body.", &changes)).await;
    app.store()
        .newsroom_article(id)
        .await
        .expect("the article")
        .path
        .expect("published at a path")
}

async fn token_of(app: &TestApp, id: i64) -> String {
    app.store().media(id).await.expect("the upload").token
}

/// An anonymous reader's request, with a method and headers.
async fn send(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    headers: &[(&str, &str)],
) -> Reply {
    let mut req = app.client.request(method, format!("{}{path}", app.base));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = req.send().await.expect("answered");
    Reply {
        status: res.status(),
        headers: res.headers().clone(),
        body: res.bytes().await.expect("body").to_vec(),
    }
}

// Finding 8: byte ranges read the whole file.

#[tokio::test]
async fn a_range_flood_on_a_large_episode_reads_only_the_ranges() {
    let _turn = SERIAL.lock().await;
    let app = TestApp::with_demo().await;
    let desk = editor(&app).await;

    const SIZE: usize = 64 * 1024 * 1024;
    let episode = big_mp3(SIZE);
    let len = episode.len() as u64;
    let audio = upload(
        &desk,
        Form::new().part("file", Part::bytes(episode).file_name("episode.mp3")),
    )
    .await;
    let item = app.store().media(audio).await.expect("stored");
    assert!(
        item.duration_ms.expect("a duration") > 60 * 60 * 1000,
        "over an hour"
    );
    let audio_s = audio.to_string();
    publish_with(&app, &desk, "The long interview", &[("audio_id", &audio_s)]).await;
    let path = format!("/media/{}/original.mp3", item.token);

    // What each byte should be, without keeping the file: frame n holds n.
    let mut frame = Vec::new();
    let byte_at = |offset: u64, frame: &mut Vec<u8>| -> u8 {
        let n = (offset / 417) as u32;
        frame.clear();
        mp3_frame(n, frame);
        frame[(offset % 417) as usize]
    };

    // Thirty readers each ask for one byte, all at once.
    let before = reset_peak();
    let offsets: Vec<u64> = (0..30u64)
        .map(|i| {
            if i < 20 {
                0
            } else {
                (len / 10) * (i - 20) + 500
            }
        })
        .collect();
    let answers = futures_util::future::join_all(offsets.iter().map(|&at| {
        let range = format!("bytes={at}-{at}");
        let app = &app;
        let path = &path;
        async move {
            send(
                app,
                reqwest::Method::GET,
                path,
                &[("range", range.as_str())],
            )
            .await
        }
    }))
    .await;
    let growth = peak().saturating_sub(before);
    eprintln!(
        "30 one-byte ranges of a {} MiB episode: the peak resident set grew {} MiB",
        len / MIB,
        growth / MIB
    );
    for (reply, &at) in answers.iter().zip(&offsets) {
        assert_eq!(
            reply.status,
            206,
            "{}",
            String::from_utf8_lossy(&reply.body)
        );
        assert_eq!(
            reply.header("content-range"),
            Some(format!("bytes {at}-{at}/{len}").as_str())
        );
        assert_eq!(reply.body, [byte_at(at, &mut frame)], "the byte at {at}");
    }
    assert!(
        growth < 32 * MIB,
        "30 one-byte ranges of a {} MiB file grew the process by {} MiB",
        len / MIB,
        growth / MIB
    );

    // HEAD reads nothing: it answers even while every read is taken, when a
    // GET waits its turn and then is told to come back.
    let state = app.running.as_ref().expect("running").state.clone();
    let mut held = Vec::new();
    for _ in 0..dateline_web::media_work::READS {
        held.push(state.media.read_permit().await.expect("a turn"));
    }
    let head = send(&app, reqwest::Method::HEAD, &path, &[]).await;
    assert_eq!(head.status, 200);
    assert_eq!(
        head.header("content-length"),
        Some(len.to_string().as_str())
    );
    assert_eq!(head.header("accept-ranges"), Some("bytes"));
    assert!(head.body.is_empty());
    let busy = send(&app, reqwest::Method::GET, &path, &[("range", "bytes=0-0")]).await;
    assert_eq!(busy.status, 503);
    assert!(busy.header("retry-after").is_some());
    drop(held);

    // The whole file streams out, byte for byte, with its length.
    let whole = send(&app, reqwest::Method::GET, &path, &[]).await;
    assert_eq!(whole.status, 200);
    assert_eq!(
        whole.header("content-length"),
        Some(len.to_string().as_str())
    );
    assert_eq!(whole.body.len() as u64, len);
    assert_eq!(whole.body, big_mp3(SIZE), "the file comes back whole");
    // An open range from the middle, across pieces.
    let from = len / 2 + 3;
    let tail = send(
        &app,
        reqwest::Method::GET,
        &path,
        &[("range", &format!("bytes={from}-"))],
    )
    .await;
    assert_eq!(tail.status, 206);
    assert_eq!(tail.body.len() as u64, len - from);
    assert_eq!(tail.body, whole.body[from as usize..]);
}

// Finding 9: image decompression bombs.

#[tokio::test]
async fn image_bombs_are_refused_before_they_are_decoded() {
    let _turn = SERIAL.lock().await;
    let app = TestApp::with_demo().await;
    let desk = editor(&app).await;
    let bomb = png_bomb();
    assert!(bomb.len() < 1024 * 1024, "{} bytes", bomb.len());
    let before_count = app
        .store()
        .media_list(None, 1000, 0)
        .await
        .expect("list")
        .len();

    // Three at once, as the finding sent them.
    let before = reset_peak();
    let replies = futures_util::future::join_all(
        (0..3).map(|_| desk.upload("/newsroom/media", image_form(bomb.clone(), "bomb.png"))),
    )
    .await;
    let growth = peak().saturating_sub(before);
    for reply in &replies {
        assert_eq!(reply.status, 422, "{}", reply.text());
        let error = texts(&reply.html(), "#f-file-error").join(" ");
        assert!(
            error.contains("the image is too large to process")
                && error.contains("392 MB")
                && error.contains("at most 104 MB"),
            "{error}"
        );
    }
    eprintln!(
        "three {} KB PNG bombs of 392 MB each at once: the peak resident set grew {} MiB",
        bomb.len() / 1000,
        growth / MIB
    );
    assert!(
        growth < 64 * MIB,
        "three bombs grew the process by {} MiB",
        growth / MIB
    );
    assert_eq!(
        app.store()
            .media_list(None, 1000, 0)
            .await
            .expect("list")
            .len(),
        before_count,
        "nothing was stored"
    );
}

// Finding 11: every upload public and enumerable.

#[tokio::test]
async fn unattached_and_draft_files_are_for_members_only() {
    let _turn = SERIAL.lock().await;
    let app = TestApp::with_demo().await;
    let desk = editor(&app).await;
    let image = upload(&desk, image_form(jpeg(800, 600), "harbour.jpg")).await;
    let token = token_of(&app, image).await;
    let public = format!("/media/{token}/w320.jpg");
    let members = format!("/newsroom/media/{image}/w320.jpg");

    // Unattached: a reader gets nothing, by its name or by its id.
    assert_eq!(app.get(&public).await.status, 404);
    assert_eq!(
        app.get(&format!("/media/{image}/w320.jpg")).await.status,
        404
    );
    let anonymous = app.get(&members).await;
    assert_ne!(anonymous.status, 200);
    assert!(anonymous.body.is_empty() || !anonymous.body.starts_with(&[0xFF, 0xD8]));
    // A member does, never to be kept by a cache.
    let mine = desk.get(&members).await;
    assert_eq!(mine.status, 200);
    assert_eq!(mine.header("content-type"), Some("image/jpeg"));
    assert_eq!(mine.header("cache-control"), Some("private, no-store"));
    assert!(image::load_from_memory(&mine.body).is_ok());
    // The library links to the members' addresses.
    let library = desk.get("/newsroom/media").await.html();
    let thumb = attr(&library, &format!("#media-{image} img"), "src").expect("a thumbnail");
    assert_eq!(thumb, members);

    // The lead image of a draft: still the newsroom's.
    let image_s = image.to_string();
    let mut draft = fields_with("Not yet", "Draft body.", &[("image_id", &image_s)]);
    draft.push(("intent", "save"));
    let draft_id = post_article(&desk, &draft).await;
    assert_eq!(app.get(&public).await.status, 404);

    // Published: readers get the renditions, cached for a year...
    let published = desk
        .post(
            &format!("/newsroom/articles/{draft_id}/workflow"),
            &[("transition", "publish")],
        )
        .await;
    assert_eq!(published.status, 303, "{}", published.text());
    let file = app.get(&public).await;
    assert_eq!(file.status, 200);
    assert_eq!(
        file.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(file.body, mine.body);
    // ...but never the original, which keeps what the camera wrote.
    assert_eq!(
        app.get(&format!("/media/{token}/original.jpg"))
            .await
            .status,
        404
    );
    assert_eq!(
        desk.get(&format!("/newsroom/media/{image}/original.jpg"))
            .await
            .status,
        200
    );

    // Unpublished: the newsroom's again.
    let unpublished = desk
        .post(
            &format!("/newsroom/articles/{draft_id}/workflow"),
            &[("transition", "unpublish")],
        )
        .await;
    assert_eq!(unpublished.status, 303, "{}", unpublished.text());
    assert_eq!(app.get(&public).await.status, 404);
}

#[tokio::test]
async fn upload_names_cannot_be_guessed_from_ids() {
    let _turn = SERIAL.lock().await;
    let app = TestApp::with_demo().await;
    let desk = editor(&app).await;
    let a = upload(&desk, image_form(jpeg(400, 300), "a.jpg")).await;
    let b = upload(&desk, image_form(jpeg(400, 300), "b.jpg")).await;
    assert_eq!(b, a + 1, "ids are sequential...");
    let (ta, tb) = (token_of(&app, a).await, token_of(&app, b).await);
    for t in [&ta, &tb] {
        assert!(dateline_store::is_media_token(t), "{t}");
    }
    // ...their names share nothing: 128 random bits each.
    let same = ta.bytes().zip(tb.bytes()).filter(|(x, y)| x == y).count();
    assert!(same < 12, "{ta} and {tb} share {same} of 32 digits");

    // A published page names its image by token only.
    let a_s = a.to_string();
    let path = publish_with(&app, &desk, "Named by token", &[("image_id", &a_s)]).await;
    let page = app.eventually(&path, |r| r.status == 200).await;
    let html = page.text();
    assert!(
        html.contains(&format!("/media/{ta}/")),
        "the page shows the image"
    );
    assert!(
        !html.contains(&format!("/media/{a}/")),
        "no id in a media URL"
    );
}

#[tokio::test]
async fn no_rendition_a_reader_gets_carries_the_cameras_gps() {
    let _turn = SERIAL.lock().await;
    let app = TestApp::with_demo().await;
    let desk = editor(&app).await;
    let photo = jpeg_with_gps(1800, 1200);
    assert!(contains(&photo, CAMERA) && contains(&photo, b"Exif\0\0"));
    let id = upload(&desk, image_form(photo.clone(), "phone.jpg")).await;
    // The newsroom keeps the original as it came.
    let original = desk
        .get(&format!("/newsroom/media/{id}/original.jpg"))
        .await;
    assert_eq!(original.body, photo);

    let id_s = id.to_string();
    let path = publish_with(&app, &desk, "Harbour at dusk", &[("image_id", &id_s)]).await;
    let page = app.eventually(&path, |r| r.status == 200).await;
    let html = page.html();
    let srcset = attr(&html, "figure.story-image img[srcset]", "srcset").expect("a srcset");
    let mut urls: Vec<String> = srcset
        .split(',')
        .filter_map(|c| c.split_whitespace().next())
        .map(str::to_string)
        .collect();
    urls.push(attr(&html, "figure.story-image img", "src").expect("a src"));
    let og = attr(&html, "meta[property='og:image']", "content").expect("og:image");
    urls.push(og.trim_start_matches(&app.base).to_string());
    assert!(urls.len() >= 5, "{urls:?}");
    for url in &urls {
        let file = app.get(url).await;
        assert_eq!(file.status, 200, "{url}");
        assert!(image::load_from_memory(&file.body).is_ok(), "{url}");
        assert!(
            !contains(&file.body, b"Exif\0\0") && !contains(&file.body, CAMERA),
            "{url} carries EXIF"
        );
    }
    // The feeds' enclosures name a rendition too.
    let rss = app
        .eventually("/en/world/feed.xml", |r| r.text().contains("<enclosure"))
        .await
        .text();
    let token = token_of(&app, id).await;
    assert!(
        rss.contains(&format!("/media/{token}/w1600.jpg\"")),
        "{rss}"
    );
    assert!(
        !rss.contains(&format!("/media/{token}/original.jpg")),
        "{rss}"
    );
    // The original, which has it, is not for readers.
    assert_eq!(
        app.get(&format!("/media/{token}/original.jpg"))
            .await
            .status,
        404
    );
}
