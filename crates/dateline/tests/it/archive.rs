//! Moving a site: `dateline export` and `dateline import archive`, between
//! engines, losing nothing.

use dateline_core::newsroom::Role;
use dateline_core::{Language, NoteKind, ProgrammeInput, Status};
use dateline_store::{testing, DatabaseUrl, LinkPurpose, NewMedia, Saved, SessionStage, Store};
use std::path::{Path, PathBuf};
use std::process::Command;
use time::{Duration, OffsetDateTime};

const EDITOR: &str = "editor@example.org";
/// Any string stands for a hash here: the archive moves it untouched.
const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";
const TOTP: &str = "JBSWY3DPEHPK3PXP";
/// Not UTF-8, with a NUL and line ends: the bytes must cross as bytes.
const ORIGINAL: [u8; 5] = [0, 255, 10, 13, 128];
/// `ORIGINAL` as standard base64 with padding.
const ORIGINAL_BASE64: &str = "AP8KDYA=";

fn dateline() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dateline"));
    cmd.env_remove("DATELINE_DATABASE_URL")
        .env_remove("DATELINE_DATA_DIR")
        .env_remove("DATELINE_CONFIG");
    cmd
}

fn sqlite_args(dir: &Path) -> Vec<String> {
    vec!["--data-dir".into(), dir.display().to_string()]
}

fn postgres_args(dir: &Path, url: &DatabaseUrl) -> Vec<String> {
    vec![
        "--data-dir".into(),
        dir.display().to_string(),
        "--database-url".into(),
        url.expose().into(),
    ]
}

fn export(store_args: &[String], out: &Path) -> Vec<String> {
    let status = dateline()
        .arg("export")
        .args(store_args)
        .arg("--output")
        .arg(out)
        .status()
        .expect("export runs");
    assert!(status.success(), "export failed");
    let text = std::fs::read_to_string(out).expect("archive");
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    // The header carries the export time; the rows must match exactly.
    let header: serde_json::Value = serde_json::from_str(&lines.remove(0)).expect("header");
    assert_eq!(header["format"], "dateline-archive");
    assert_eq!(header["version"], dateline_store::archive::FORMAT_VERSION);
    lines
}

fn import(store_args: &[String], archive: &Path) -> (i32, String, String) {
    let out = dateline()
        .args(["import", "archive"])
        .args(store_args)
        .arg(archive)
        .output()
        .expect("import runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// What `build_site` made that the test checks by id afterwards.
struct Built {
    media_id: i64,
    audio_id: i64,
    /// Written by the editor, with a lead image and audio, an episode of
    /// the programme.
    article_id: i64,
    /// With the image as its cover.
    programme_id: i64,
    editor_id: i64,
}

/// A site with something of everything: the demo edition, a correction, a
/// moved article (redirect), an unpublished one, settings, a section with
/// comments closed, and the newsroom: an editor with a password and two
/// factor login, an image with a rendition and an audio file, an article of
/// theirs carrying both (an episode of a programme whose cover is the
/// image), its revisions and audit entries. And what is not
/// part of the site: a session, a reset link and a login attempt.
async fn build_site(dir: &Path) -> Built {
    let store = Store::open(dir, None).await.expect("store");
    let now = OffsetDateTime::now_utc();
    dateline::demo::load(&store, now).await.expect("demo");
    let first = store.latest(Language::En, 3, 0).await.expect("latest");
    let ids: Vec<i64> = first.items.iter().map(|a| a.id).collect();
    store
        .add_note(ids[0], NoteKind::Correction, "A figure was corrected.", now)
        .await
        .expect("note");
    let mut moved = store.article_input(ids[1]).await.expect("input");
    moved.slug = format!("{}-moved", moved.slug);
    store
        .save_article(Some(ids[1]), &moved, now)
        .await
        .expect("move");
    store
        .set_status(ids[2], Status::Unpublished, now)
        .await
        .expect("unpublish");
    store
        .set_setting("comments.policy", "publish-all", now)
        .await
        .expect("setting");
    store.site_secret().await.expect("site secret");
    store
        .set_section_comments_open(moved.language, &moved.section, false, now)
        .await
        .expect("close a section's comments");

    let editor_id = store
        .create_user(EDITOR, "Ed Itor", Role::Editor, Some(HASH), now)
        .await
        .expect("editor");
    store
        .set_totp(editor_id, Some(TOTP), now)
        .await
        .expect("totp");
    assert!(store.use_totp_step(editor_id, 1234).await.expect("step"));
    let all_bytes: Vec<u8> = (0..=255).collect();
    let media_id = store
        .add_media(
            &NewMedia {
                kind: dateline_core::media::MediaKind::Image,
                content_type: "image/png".into(),
                file_name: "storm.png".into(),
                alt_text: Some("Clouds over the bay".into()),
                caption: Some("The storm, seen from the harbour".into()),
                credit: Some("Staff".into()),
                width: Some(1280),
                height: Some(720),
                duration_ms: None,
                files: vec![
                    (
                        "original".into(),
                        Some(1280),
                        "image/png".into(),
                        ORIGINAL.to_vec().into(),
                    ),
                    (
                        "w320".into(),
                        Some(320),
                        "image/webp".into(),
                        all_bytes.into(),
                    ),
                ],
            },
            Some(editor_id),
            now,
        )
        .await
        .expect("image");
    let audio_id = store
        .add_media(
            &NewMedia {
                kind: dateline_core::media::MediaKind::Audio,
                content_type: "audio/mpeg".into(),
                file_name: "bulletin.mp3".into(),
                alt_text: None,
                caption: None,
                credit: None,
                width: None,
                height: None,
                duration_ms: Some(61_500),
                files: vec![(
                    "original".into(),
                    None,
                    "audio/mpeg".into(),
                    vec![0xff, 0xfb, 0x90].into(),
                )],
            },
            Some(editor_id),
            now,
        )
        .await
        .expect("audio");
    let programme_id = store
        .save_programme(
            &ProgrammeInput {
                language: Language::En,
                slug: "the-editors-hour".into(),
                name: "The Editor's Hour".into(),
                description: Some("Talk & news, with <b>markup</b> kept as text.".into()),
                author: Some("Ed Itor".into()),
                category: Some("Society & Culture".into()),
                explicit: true,
                cover_id: Some(media_id),
            },
            now,
        )
        .await
        .expect("programme");
    let mut input = store.article_input(ids[0]).await.expect("input");
    input.slug = "the-editors-own".into();
    input.source_key = None;
    input.story_key = None;
    input.image_id = Some(media_id);
    input.audio_id = Some(audio_id);
    input.programme_id = Some(programme_id);
    let article_id = match store
        .save_checked(None, &input, None, editor_id, now)
        .await
        .expect("the editor's article")
    {
        Saved::Done(outcome) => outcome.id,
        conflict => panic!("a new article cannot conflict: {conflict:?}"),
    };
    // A second save: the article's version moves on and a second revision is kept.
    input.headline = format!("{} (updated)", input.headline);
    assert!(matches!(
        store
            .save_checked(Some(article_id), &input, Some(1), editor_id, now)
            .await
            .expect("a second save"),
        Saved::Done(_)
    ));
    store
        .audit(
            now,
            Some(editor_id),
            "publish",
            "article",
            Some(article_id),
            Some("first edition"),
        )
        .await
        .expect("audit");
    store
        .audit(now, None, "publish", "article", Some(ids[0]), None)
        .await
        .expect("audit by the system");

    // Discovery: pinned related articles and view counts move; who was
    // counted today does not.
    store
        .set_related_pins(ids[0], &[ids[1], ids[2]], now)
        .await
        .expect("pins");
    store
        .record_views(&[
            dateline_store::View {
                article_id: ids[0],
                visitor: "reader-a".into(),
                at: now.unix_timestamp(),
            },
            dateline_store::View {
                article_id: ids[0],
                visitor: "reader-b".into(),
                at: now.unix_timestamp() - 7200,
            },
        ])
        .await
        .expect("views");
    store
        .create_session(
            "digest-of-a-session",
            editor_id,
            SessionStage::Full,
            Duration::hours(8),
            now,
        )
        .await
        .expect("session");
    store
        .create_link(
            "digest-of-a-link",
            Some(editor_id),
            LinkPurpose::Reset,
            Duration::days(1),
            now,
        )
        .await
        .expect("link");
    store
        .record_login(EDITOR, "hash-of-an-address", true, now)
        .await
        .expect("login attempt");
    store.close().await;
    Built {
        media_id,
        audio_id,
        article_id,
        programme_id,
        editor_id,
    }
}

fn assert_same(a: &[String], b: &[String], what: &str) {
    assert_eq!(a.len(), b.len(), "{what}: row counts differ");
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        assert_eq!(x, y, "{what}: row {} differs", i + 1);
    }
}

fn rows_of<'a>(lines: &'a [String], table: &str) -> Vec<&'a String> {
    let tag = format!("\"table\":\"{table}\"");
    lines.iter().filter(|l| l.contains(&tag)).collect()
}

#[tokio::test]
async fn sqlite_to_postgres_to_sqlite_loses_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a");
    let built = build_site(&a).await;
    let original = export(&sqlite_args(&a), &dir.path().join("a.jsonl"));
    assert!(original.len() > 100, "a real site exports many rows");
    for table in [
        "settings",
        "users",
        "sections",
        "authors",
        "tags",
        "media",
        "media_files",
        "programmes",
        "articles",
        "article_tags",
        "article_notes",
        "redirects",
        "revisions",
        "audit_log",
    ] {
        assert!(!rows_of(&original, table).is_empty(), "{table} exported");
    }
    // Who is logged in now is not part of the site.
    for table in [
        "sessions",
        "user_links",
        "login_attempts",
        "changes",
        "address_salts",
    ] {
        assert!(rows_of(&original, table).is_empty(), "{table} left out");
    }
    // Dependency order: accounts and media before the articles that name them.
    let first = |table: &str| {
        original
            .iter()
            .position(|l| l.contains(&format!("\"table\":\"{table}\"")))
    };
    assert!(first("users") < first("media") && first("media") < first("articles"));
    assert!(first("media") < first("programmes") && first("programmes") < first("articles"));
    assert!(first("articles") < first("revisions") && first("revisions") < first("audit_log"));
    // The secrets that let members log in are the site's: they move.
    let users = rows_of(&original, "users");
    assert_eq!(users.len(), 1);
    let editor: serde_json::Value = serde_json::from_str(users[0]).expect("json");
    assert_eq!(editor["row"]["password_hash"], HASH);
    assert_eq!(editor["row"]["totp_secret"], TOTP);
    assert_eq!(editor["row"]["totp_last_step"], 1234);
    // Bytes are standard base64 with padding.
    let original_file = rows_of(&original, "media_files")
        .into_iter()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json"))
        .find(|f| f["row"]["media_id"] == built.media_id && f["row"]["variant"] == "original")
        .expect("the image's original");
    assert_eq!(original_file["row"]["bytes"], ORIGINAL_BASE64);
    let article: serde_json::Value = rows_of(&original, "articles")
        .into_iter()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json"))
        .find(|r| r["row"]["id"] == built.article_id)
        .expect("the editor's article");
    assert_eq!(article["row"]["version"], 2);
    assert_eq!(article["row"]["created_by"], built.editor_id);
    assert_eq!(article["row"]["image_id"], built.media_id);
    assert_eq!(article["row"]["audio_id"], built.audio_id);
    assert_eq!(article["row"]["programme_id"], built.programme_id);
    let programme: serde_json::Value = rows_of(&original, "programmes")
        .into_iter()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json"))
        .find(|r| r["row"]["id"] == built.programme_id)
        .expect("the programme");
    assert_eq!(programme["row"]["cover_id"], built.media_id);
    assert_eq!(programme["row"]["explicit"], 1);
    assert_eq!(programme["row"]["category"], "Society & Culture");
    assert_eq!(rows_of(&original, "related_pins").len(), 2);
    assert_eq!(rows_of(&original, "view_counts").len(), 2);
    assert!(rows_of(&original, "view_visitors").is_empty());
    let revisions = rows_of(&original, "revisions");
    assert!(
        revisions
            .iter()
            .filter(|l| l.contains(&format!("\"article_id\":{},", built.article_id)))
            .count()
            >= 2,
        "both saves kept a revision"
    );

    // Through PostgreSQL when a server is there.
    let mut last = dir.path().join("a.jsonl");
    if let Some(server) = testing::require_postgres("sqlite_to_postgres_to_sqlite_loses_nothing") {
        let url = testing::fresh_database(&server)
            .await
            .expect("fresh database");
        let pg = postgres_args(&dir.path().join("pg"), &url);
        let (code, out, err) = import(&pg, &last);
        assert_eq!(code, 0, "{out}\n{err}");
        let through_pg = export(&pg, &dir.path().join("pg.jsonl"));
        assert_same(&original, &through_pg, "SQLite → PostgreSQL");
        last = dir.path().join("pg.jsonl");

        // The identity sequences moved past the imported ids: new rows work,
        // in the old tables and the newsroom's.
        let store = Store::open(dir.path(), Some(url.url()))
            .await
            .expect("pg store");
        let now = OffsetDateTime::now_utc();
        assert_eq!(
            store
                .media_file(built.media_id, "original")
                .await
                .expect("bytes")
                .bytes,
            ORIGINAL,
            "BYTEA holds the bytes"
        );
        let mut input = store.article_input(1).await.expect("an article");
        input.source_key = None;
        input.slug = "written-after-the-move".into();
        let saved = store
            .save_article(None, &input, now)
            .await
            .expect("a new article (and its revision)");
        assert!(saved.created);
        let writer = store
            .create_user("writer@example.org", "Writer", Role::Contributor, None, now)
            .await
            .expect("a new account");
        assert!(writer > built.editor_id);
        let upload = store
            .add_media(
                &NewMedia {
                    kind: dateline_core::media::MediaKind::Audio,
                    content_type: "audio/mpeg".into(),
                    file_name: "after.mp3".into(),
                    alt_text: None,
                    caption: None,
                    credit: None,
                    width: None,
                    height: None,
                    duration_ms: Some(1000),
                    files: vec![(
                        "original".into(),
                        None,
                        "audio/mpeg".into(),
                        vec![1, 2, 3].into(),
                    )],
                },
                Some(writer),
                now,
            )
            .await
            .expect("a new upload (and its audit entry)");
        assert!(upload > built.audio_id);
        let programme = store
            .save_programme(
                &ProgrammeInput {
                    language: Language::En,
                    slug: "after-the-move".into(),
                    name: "After the Move".into(),
                    description: None,
                    author: None,
                    category: None,
                    explicit: false,
                    cover_id: None,
                },
                now,
            )
            .await
            .expect("a new programme");
        assert!(programme > built.programme_id);
        store.close().await;
    }

    let c = dir.path().join("c");
    let (code, out, err) = import(&sqlite_args(&c), &last);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(
        out.contains(&format!("{} rows imported, 0 failed", original.len())),
        "{out}"
    );
    let back = export(&sqlite_args(&c), &dir.path().join("c.jsonl"));
    assert_same(&original, &back, "round trip");

    // What the site reads back after the move: the bytes, the secrets, the
    // article's links to its writer and media.
    let store = Store::open(&c, None).await.expect("store");
    assert_eq!(
        store
            .media_file(built.media_id, "original")
            .await
            .expect("bytes")
            .bytes,
        ORIGINAL
    );
    assert_eq!(
        store
            .media_file(built.media_id, "w320")
            .await
            .expect("bytes")
            .bytes,
        (0..=255).collect::<Vec<u8>>()
    );
    let credentials = store
        .credentials(EDITOR)
        .await
        .expect("credentials")
        .expect("the editor's account");
    assert_eq!(credentials.password_hash.as_deref(), Some(HASH));
    assert_eq!(credentials.totp_secret.as_deref(), Some(TOTP));
    assert_eq!(credentials.user.role, Role::Editor);
    let input = store.article_input(built.article_id).await.expect("input");
    assert_eq!(
        (input.image_id, input.audio_id, input.programme_id),
        (
            Some(built.media_id),
            Some(built.audio_id),
            Some(built.programme_id)
        )
    );
    let programme = store
        .programme_by_id(built.programme_id)
        .await
        .expect("the programme");
    assert_eq!(programme.cover_id, Some(built.media_id));
    assert!(programme.explicit);
    assert_eq!(programme.episode_count, 1);
    assert_eq!(
        store
            .article_version(built.article_id)
            .await
            .expect("version"),
        2
    );
    store.close().await;

    // A second import into a site that has content is refused.
    let (code, _, err) = import(&sqlite_args(&c), &last);
    assert_ne!(code, 0);
    assert!(err.contains("already holds a site"), "{err}");
}

#[tokio::test]
async fn a_version_2_archive_still_imports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = dir.path().join("v2.jsonl");
    // As version 2 wrote it: no newsroom tables, no newer article columns.
    std::fs::write(
        &archive,
        concat!(
            r#"{"format":"dateline-archive","version":2,"exported_at":0,"counts":{"sections":1,"articles":1}}"#, "\n",
            r#"{"table":"sections","row":{"id":4,"language":"en","slug":"world","name":"World","position":1}}"#, "\n",
            r#"{"table":"articles","row":{"id":9,"language":"en","section_id":4,"slug":"old-news","headline":"Old news","standfirst":null,"dateline_place":null,"dateline_date":null,"dateline_agency":null,"byline":null,"author_id":null,"body_markdown":"Still true.","body_html":"<p>Still true.</p>","status":"published","published_at":1700000000,"created_at":1700000000,"updated_at":1700000000,"story_key":null,"source_key":null,"path":"/en/world/2023/11/14/old-news","comments_open":1}}"#, "\n",
        ),
    )
    .expect("write");
    let data = dir.path().join("data");
    let (code, out, err) = import(&sqlite_args(&data), &archive);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("2 rows imported, 0 failed"), "{out}");

    // The newer columns took their defaults; the newer tables are empty.
    let lines = export(&sqlite_args(&data), &dir.path().join("v3.jsonl"));
    assert_eq!(lines.len(), 2, "{lines:?}");
    let article: serde_json::Value = serde_json::from_str(&lines[1]).expect("json");
    assert_eq!(article["table"], "articles");
    assert_eq!(article["row"]["headline"], "Old news");
    assert_eq!(article["row"]["version"], 1);
    assert_eq!(article["row"]["created_by"], serde_json::Value::Null);
    assert_eq!(article["row"]["image_id"], serde_json::Value::Null);
    assert_eq!(article["row"]["audio_id"], serde_json::Value::Null);
    assert_eq!(article["row"]["programme_id"], serde_json::Value::Null);
    let section: serde_json::Value = serde_json::from_str(&lines[0]).expect("json");
    assert_eq!(section["row"]["comments_open"], 1);

    // The site works on: a new article gets a fresh id after the imported one.
    let store = Store::open(&data, None).await.expect("store");
    let mut input = store.article_input(9).await.expect("the imported article");
    input.slug = "new-news".into();
    let saved = store
        .save_article(None, &input, OffsetDateTime::now_utc())
        .await
        .expect("a new article");
    assert!(saved.created && saved.id > 9);
    store.close().await;
}

#[tokio::test]
async fn a_version_4_archive_gives_its_uploads_names_and_pieces() {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = dir.path().join("v4.jsonl");
    // As version 4 wrote it: uploads without a token, each file whole. The
    // file is larger than one stored piece (256 KiB).
    let file: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    let encoded = data_encoding::BASE64.encode(&file);
    let lines = [
        r#"{"format":"dateline-archive","version":4,"exported_at":0,"counts":{"media":1,"media_files":1}}"#.to_string(),
        r#"{"table":"media","row":{"id":3,"kind":"audio","content_type":"audio/mpeg","file_name":"a.mp3","alt_text":null,"caption":null,"credit":null,"width":null,"height":null,"duration_ms":1000,"byte_size":300000,"uploaded_by":null,"created_at":0}}"#.to_string(),
        format!(r#"{{"table":"media_files","row":{{"media_id":3,"variant":"original","width":null,"content_type":"audio/mpeg","bytes":"{encoded}"}}}}"#),
    ];
    std::fs::write(&archive, lines.join("\n") + "\n").expect("write");
    let data = dir.path().join("data");
    let (code, out, err) = import(&sqlite_args(&data), &archive);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("2 rows imported, 0 failed"), "{out}");

    let store = Store::open(&data, None).await.expect("store");
    let item = store.media(3).await.expect("the upload");
    assert!(
        dateline_store::is_media_token(&item.token),
        "{}",
        item.token
    );
    assert_eq!(
        store.media_file(3, "original").await.expect("bytes").bytes,
        file
    );
    // A range across two pieces reads what it should.
    let part = store
        .media_bytes(3, "original", 262_000, 1000)
        .await
        .expect("a range");
    assert_eq!(part, file[262_000..263_000]);
    store.close().await;
    // And it exports whole again, with its name.
    let again = export(&sqlite_args(&data), &dir.path().join("v6.jsonl"));
    let files = rows_of(&again, "media_files");
    assert_eq!(files.len(), 1);
    let row: serde_json::Value = serde_json::from_str(files[0]).expect("json");
    assert_eq!(row["row"]["bytes"], encoded.as_str());
    assert!(rows_of(&again, "media")[0].contains(&item.token));
}

#[tokio::test]
async fn an_import_into_a_database_with_accounts_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = dir.path().join("site.jsonl");
    std::fs::write(
        &archive,
        concat!(
            r#"{"format":"dateline-archive","version":3,"exported_at":0,"counts":{"users":1}}"#, "\n",
            r#"{"table":"users","row":{"id":1,"email":"ed@example.org","name":"Ed","role":"admin","password_hash":null,"totp_secret":null,"totp_last_step":null,"disabled":0,"created_at":0,"updated_at":0}}"#, "\n",
        ),
    )
    .expect("write");
    // An administrator made first, before the site was moved in: the
    // archive's accounts would clash with theirs.
    let data = dir.path().join("data");
    let store = Store::open(&data, None).await.expect("store");
    store
        .create_user(
            "first@example.org",
            "First",
            Role::Admin,
            Some(HASH),
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("an account");
    store.close().await;
    let (code, out, err) = import(&sqlite_args(&data), &archive);
    assert_ne!(code, 0, "{out}");
    assert!(
        err.contains("already holds a site (its users table has rows)"),
        "{err}"
    );
}

#[test]
fn bad_archive_lines_are_reported_and_the_rest_imports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive: PathBuf = dir.path().join("bad.jsonl");
    std::fs::write(
        &archive,
        concat!(
            r#"{"format":"dateline-archive","version":3,"exported_at":0,"counts":{"sections":2}}"#, "\n",
            r#"{"table":"sections","row":{"id":1,"language":"en","slug":"world","name":"World","position":1}}"#, "\n",
            "this is not json\n",
            r#"{"table":"secret_table","row":{"id":1}}"#, "\n",
            r#"{"table":"sections","row":{"id":"two","language":"en","slug":"sport","name":"Sport","position":2}}"#, "\n",
            r#"{"table":"sections","row":{"id":3,"language":"en","slug":"culture","name":"Culture","position":3}}"#, "\n",
            r#"{"table":"media_files","row":{"media_id":1,"variant":"original","content_type":"image/png","bytes":"AP8K DYA"}}"#, "\n",
        ),
    )
    .expect("write");
    let data = sqlite_args(&dir.path().join("data"));
    let (code, out, err) = import(&data, &archive);
    assert_eq!(code, 2, "{out}\n{err}");
    assert!(out.contains("2 rows imported, 4 failed"), "{out}");
    assert!(err.contains("bad.jsonl:3: not an archive row"), "{err}");
    assert!(
        err.contains("bad.jsonl:4: invalid input: unknown table \"secret_table\""),
        "{err}"
    );
    assert!(
        err.contains("bad.jsonl:5: invalid input: sections.id: expected an integer"),
        "{err}"
    );
    assert!(
        err.contains(
            "bad.jsonl:7: invalid input: media_files.bytes: not standard base64 with padding"
        ),
        "{err}"
    );

    // A version from a release after this one.
    let next = dateline_store::archive::FORMAT_VERSION + 1;
    let wrong_version = dir.path().join("next.jsonl");
    std::fs::write(
        &wrong_version,
        format!("{{\"format\":\"dateline-archive\",\"version\":{next},\"exported_at\":0,\"counts\":{{}}}}\n"),
    )
    .expect("write");
    let (code, _, err) = import(&sqlite_args(&dir.path().join("other")), &wrong_version);
    assert_ne!(code, 0);
    assert!(
        err.contains("next.jsonl:1:") && err.contains(&format!("version {next}")),
        "{err}"
    );
}
