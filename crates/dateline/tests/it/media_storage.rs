//! Uploads' bytes outside the database: in the data directory's media
//! folder (the default), or in an S3-compatible bucket when
//! `DATELINE_TEST_S3_URL` names one (`s3://bucket`, with the `AWS_*`
//! variables for its endpoint and keys; CI runs a server and fails without
//! one). Readers get ranges with validators; `dateline media migrate`
//! moves files into the database and back; exports, backups and restores
//! carry them.

use crate::support;

use dateline::config::Config;
use dateline_core::newsroom::Role;
use reqwest::multipart::{Form, Part};
use std::io::Cursor;
use std::process::{Command, Output};
use support::newsroom::{fields_with, make_user, post_article, Desk};
use support::TestApp;

const S3_URL: &str = "DATELINE_TEST_S3_URL";

/// The bucket for these tests, if any; None after saying so, except in CI.
fn bucket(test: &str) -> Option<String> {
    match std::env::var(S3_URL).ok().filter(|u| !u.is_empty()) {
        Some(url) => Some(url),
        None if std::env::var_os("DATELINE_CI").is_some() => {
            panic!("{test}: CI must run the S3 tests; set {S3_URL}")
        }
        None => {
            eprintln!("{test}: NOT RUN on S3: no {S3_URL}");
            None
        }
    }
}

fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x * y) % 256) as u8])
    });
    let mut out = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut out, image::ImageFormat::Jpeg)
        .expect("encode");
    out.into_inner()
}

fn dateline(config: &Config, args: &[&str]) -> Output {
    let mut cmd = support::dateline();
    cmd.args(args).arg("--data-dir").arg(&config.data_dir);
    if let Some(url) = &config.database_url {
        cmd.args(["--database-url", url.expose()]);
    }
    if let Some(url) = &config.media_store_url {
        cmd.args(["--media-store-url", url]);
    }
    cmd.output().expect("dateline runs")
}

fn said(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// An image uploaded by an editor and published as an article's lead
/// image: (media id, its w320 rendition's public path).
async fn published_image(app: &TestApp) -> (i64, String) {
    make_user(app, "ed@example.org", Role::Editor).await;
    let desk = Desk::login(app, "ed@example.org").await;
    let form = Form::new()
        .part("file", Part::bytes(jpeg(900, 600)).file_name("harbour.jpg"))
        .text("alt_text", "Boats in the harbour")
        .text("caption", "The harbour")
        .text("credit", "Staff");
    let reply = desk.upload("/newsroom/media", form).await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    let id: i64 = reply
        .header("location")
        .and_then(|l| l.strip_prefix("/newsroom/media?done="))
        .and_then(|n| n.parse().ok())
        .expect("the upload's id");
    let image = id.to_string();
    post_article(
        &desk,
        &fields_with(
            "Boats return",
            "The body.",
            &[("image_id", &image), ("intent", "publish")],
        ),
    )
    .await;
    let item = app.store().media(id).await.expect("stored");
    let path = dateline_core::media::media_path(&item.token, "image/jpeg", "w320");
    (id, path)
}

async fn get(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> support::Reply {
    app.get_with(path, headers).await
}

/// Everything a reader and an operator see of the file store, on the
/// store `app` was started with.
async fn files_round_trip(app: &TestApp, in_folder: bool) {
    let (id, path) = published_image(app).await;
    let token = app.store().media(id).await.expect("stored").token;
    let placement = app.store().media_placement().await.expect("placement");
    assert!(
        placement.in_files >= 2,
        "the upload's files are in the file store: {placement:?}"
    );
    assert!(
        app.store()
            .media_bytes(id, "w320", 0, 100)
            .await
            .expect("pieces")
            .is_empty(),
        "no piece of it is in the database"
    );
    let key = dateline_files::media_key(&token, "w320");
    if in_folder {
        assert!(app.data_dir().join(&key).is_file(), "{key} on disk");
    }

    // Whole, in ranges, with validators.
    let whole = get(app, &path, &[]).await;
    assert_eq!(whole.status, 200);
    assert_eq!(&whole.body[..3], &[0xFF, 0xD8, 0xFF], "a JPEG");
    if in_folder {
        let on_disk = std::fs::read(app.data_dir().join(&key)).expect("file");
        assert_eq!(whole.body, on_disk);
    }
    let etag = whole.header("etag").expect("an ETag").to_string();
    assert!(whole.header("last-modified").is_some());
    assert_eq!(whole.header("accept-ranges"), Some("bytes"));
    assert!(whole
        .header("cache-control")
        .is_some_and(|c| c.contains("immutable")));
    let part = get(app, &path, &[("range", "bytes=10-29")]).await;
    assert_eq!(part.status, 206);
    assert_eq!(part.body, whole.body[10..30]);
    let tail = get(app, &path, &[("range", "bytes=-7")]).await;
    assert_eq!(tail.body, whole.body[whole.body.len() - 7..]);
    let same = get(app, &path, &[("if-none-match", &etag)]).await;
    assert_eq!(same.status, 304);
    assert!(same.body.is_empty());
    let stale = get(
        app,
        &path,
        &[("range", "bytes=0-9"), ("if-range", "\"other\"")],
    )
    .await;
    assert_eq!(
        stale.status, 200,
        "a range of another version is the whole file"
    );
    assert_eq!(stale.body, whole.body);

    // Into the database and back, serving the same bytes all along.
    let out = dateline(&app.config, &["media", "migrate", "--to", "database"]);
    assert!(out.status.success(), "{}", said(&out));
    let placement = app.store().media_placement().await.expect("placement");
    assert_eq!(placement.in_files, 0, "{}", said(&out));
    if in_folder {
        assert!(
            !app.data_dir().join(&key).exists(),
            "removed once in the database"
        );
    }
    assert_eq!(get(app, &path, &[]).await.body, whole.body);
    let out = dateline(&app.config, &["media", "migrate", "--to", "files"]);
    assert!(out.status.success(), "{}", said(&out));
    let placement = app.store().media_placement().await.expect("placement");
    assert_eq!(placement.in_database, 0, "{}", said(&out));
    assert_eq!(get(app, &path, &[]).await.body, whole.body);
    let again = dateline(&app.config, &["media", "migrate", "--to", "files"]);
    assert!(said(&again).contains("moved 0 file(s)"), "{}", said(&again));

    // The archive carries the bytes wherever they are kept.
    let archive = app.dir.path().join("site.jsonl");
    let out = dateline(
        &app.config,
        &["export", "--output", archive.to_str().expect("utf-8")],
    );
    assert!(out.status.success(), "{}", said(&out));
    let text = std::fs::read_to_string(&archive).expect("archive");
    let row = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|v| {
            v["table"] == "media_files"
                && v["row"]["media_id"] == id
                && v["row"]["variant"] == "w320"
        })
        .expect("the file's row");
    let bytes = data_encoding::BASE64
        .decode(row["row"]["bytes"].as_str().expect("bytes").as_bytes())
        .expect("base64");
    assert_eq!(bytes, whole.body);
}

#[tokio::test]
async fn uploads_go_to_the_data_directory_and_move_both_ways() {
    let app = TestApp::with_demo().await;
    files_round_trip(&app, true).await;
}

#[tokio::test]
async fn uploads_go_to_an_s3_bucket_and_move_both_ways() {
    let Some(url) = bucket("uploads_go_to_an_s3_bucket_and_move_both_ways") else {
        return;
    };
    // A prefix of the test's own, so tests and runs never share files.
    let prefix = format!("{url}/t{}", std::process::id());
    let app = TestApp::configured(|c| c.media_store_url = Some(prefix.clone())).await;
    files_round_trip(&app, false).await;
    assert!(
        !app.data_dir().join("media").exists(),
        "nothing went to the data directory"
    );
}

#[tokio::test]
async fn a_backup_carries_the_file_store_and_restores_it() {
    let app = TestApp::with_demo().await;
    let (_, path) = published_image(&app).await;
    let whole = get(&app, &path, &[]).await;
    assert_eq!(whole.status, 200);
    let backup = app.dir.path().join("site.backup");
    let out = dateline(
        &app.config,
        &["backup", "--output", backup.to_str().expect("utf-8")],
    );
    assert!(out.status.success(), "{}", said(&out));
    if app.config.database_url.is_none() {
        let listing = Command::new("tar")
            .arg("tf")
            .arg(&backup)
            .output()
            .expect("tar");
        let names = String::from_utf8_lossy(&listing.stdout).into_owned();
        assert!(
            names
                .lines()
                .any(|n| n.starts_with("media/") && n.ends_with("/w320")),
            "{names}"
        );
    }

    // Into an empty site of the same engine, its files in its own folder.
    let target = TestRestore::new(&app).await;
    let out = dateline(
        &target.config,
        &["restore", backup.to_str().expect("utf-8")],
    );
    assert!(out.status.success(), "{}", said(&out));
    let restored = TestApp::configured({
        let config = target.config.clone();
        move |c| {
            c.data_dir = config.data_dir.clone();
            c.database_url = config.database_url.clone();
        }
    })
    .await;
    assert_eq!(get(&restored, &path, &[]).await.body, whole.body);
    drop(target);
}

/// An empty site to restore into: a data directory, and on PostgreSQL a
/// database of its own.
struct TestRestore {
    config: Config,
    _dir: tempfile::TempDir,
    _database: Option<dateline_store::testing::TestDatabase>,
}

impl TestRestore {
    async fn new(_from: &TestApp) -> TestRestore {
        let dir = tempfile::tempdir().expect("tempdir");
        let database = match dateline_store::testing::postgres_server() {
            Some(server) => Some(
                dateline_store::testing::fresh_database(&server)
                    .await
                    .expect("a database"),
            ),
            None => None,
        };
        let config = Config {
            data_dir: dir.path().join("data"),
            database_url: database.as_deref().cloned(),
            ..Config::default()
        };
        TestRestore {
            config,
            _dir: dir,
            _database: database,
        }
    }
}
