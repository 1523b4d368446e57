//! The Store API on a fresh database in a temporary directory.

use dateline_core::{ArticleInput, Language, Section, Status};
use dateline_store::{testing, PathLookup, Store, StoreError};
use time::macros::datetime;
use time::OffsetDateTime;

/// A migrated, empty store: SQLite in a temporary directory, or a fresh
/// PostgreSQL database when the environment names a server.
async fn open_fresh(dir: &tempfile::TempDir) -> (Store, Option<testing::TestDatabase>) {
    let url = match testing::postgres_server() {
        Some(server) => Some(
            testing::fresh_database(&server)
                .await
                .expect("a fresh database"),
        ),
        None => None,
    };
    let store = Store::open(dir.path(), url.as_deref())
        .await
        .expect("open and migrate");
    (store, url)
}

/// The test's directory and, on PostgreSQL, its database: both go when the
/// test ends.
type Scratch = (tempfile::TempDir, Option<testing::TestDatabase>);

async fn fresh() -> (Scratch, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, url) = open_fresh(&dir).await;
    let now = OffsetDateTime::now_utc();
    for (i, slug) in ["world", "sport"].iter().enumerate() {
        let section = Section {
            language: Language::En,
            slug: slug.to_string(),
            name: slug.to_uppercase(),
            position: i as i64,
            key: None,
        };
        store.upsert_section(&section, now).await.expect("section");
    }
    ((dir, url), store)
}

fn input(headline: &str) -> ArticleInput {
    ArticleInput {
        language: Language::En,
        section: "world".into(),
        slug: dateline_core::slug::slugify(headline),
        headline: headline.into(),
        standfirst: None,
        dateline: None,
        dateline_date: None,
        byline: Some("Ana Rodríguez".into()),
        tags: vec!["Cuba".into(), "Energy".into(), "cuba".into()],
        body_markdown: "Text.".into(),
        status: Status::Published,
        published_at: Some(datetime!(2026-11-20 10:00 UTC)),
        story_key: None,
        source_key: None,
        image_id: None,
        audio_id: None,
        programme_id: None,
    }
}

#[tokio::test]
async fn migrations_apply_to_an_empty_database_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = match testing::postgres_server() {
        Some(server) => Some(
            testing::empty_database(&server)
                .await
                .expect("a fresh database"),
        ),
        None => None,
    };
    let store = Store::open_unmigrated(dir.path(), url.as_deref())
        .await
        .expect("open");
    // Every migration this crate carries (one file a migration per engine).
    let carried = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite"))
        .expect("the migrations folder")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "sql"))
        })
        .count();
    assert!(carried >= 7);
    assert_eq!(store.migrate().await.expect("migrate"), carried);
    assert!(store.migrations_current().await.expect("current"));
    assert_eq!(store.migrate().await.expect("again"), 0);
    assert!(store.is_empty().await.expect("empty"));
    assert_eq!(store.change_cursor().await.expect("cursor"), 0);
}

#[tokio::test]
async fn same_slug_same_day_gets_a_suffix() {
    let (_dir, store) = fresh().await;
    let now = OffsetDateTime::now_utc();
    let a = store
        .save_article(None, &input("Storm nears"), now)
        .await
        .expect("a");
    let b = store
        .save_article(None, &input("Storm nears"), now)
        .await
        .expect("b");
    assert_eq!(a.path.as_deref(), Some("/en/world/2026/11/20/storm-nears"));
    assert_eq!(
        b.path.as_deref(),
        Some("/en/world/2026/11/20/storm-nears-2")
    );
    assert!(a.created && b.created);
}

#[tokio::test]
async fn a_source_key_updates_instead_of_duplicating() {
    let (_dir, store) = fresh().await;
    let now = OffsetDateTime::now_utc();
    let mut first = input("Harvest begins");
    first.source_key = Some("en|rhc|2026-11-20|harvest begins".into());
    let a = store.save_article(None, &first, now).await.expect("a");
    first.body_markdown = "Revised text.".into();
    let b = store.save_article(None, &first, now).await.expect("b");
    assert_eq!(a.id, b.id);
    assert!(!b.created);
    assert_eq!(
        store
            .latest(Language::En, 10, 0)
            .await
            .expect("latest")
            .total,
        1
    );
}

#[tokio::test]
async fn moving_section_leaves_a_redirect_and_tags_dedupe() {
    let (_dir, store) = fresh().await;
    let now = OffsetDateTime::now_utc();
    let saved = store
        .save_article(None, &input("Final score"), now)
        .await
        .expect("save");
    let mut moved = store.article_input(saved.id).await.expect("input");
    assert_eq!(moved.tags, ["Cuba", "Energy"], "tags are unique by slug");
    moved.section = "sport".into();
    let after = store
        .save_article(Some(saved.id), &moved, now)
        .await
        .expect("move");
    assert_eq!(
        after.path.as_deref(),
        Some("/en/sport/2026/11/20/final-score")
    );
    match store
        .lookup_path("/en/world/2026/11/20/final-score")
        .await
        .expect("lookup")
    {
        PathLookup::Redirect(to) => assert_eq!(to, "/en/sport/2026/11/20/final-score"),
        other => panic!("expected a redirect, got {other:?}"),
    }
    assert!(store.change_cursor().await.expect("cursor") >= 4);
}

#[tokio::test]
async fn drafts_have_no_public_path() {
    let (_dir, store) = fresh().await;
    let now = OffsetDateTime::now_utc();
    let mut draft = input("Not yet");
    draft.status = Status::Draft;
    let saved = store.save_article(None, &draft, now).await.expect("draft");
    assert_eq!(saved.path, None);
    assert_eq!(
        store
            .latest(Language::En, 10, 0)
            .await
            .expect("latest")
            .total,
        0
    );
    let published = store
        .set_status(saved.id, Status::Published, now)
        .await
        .expect("publish");
    assert!(published.path.is_some());
    assert_eq!(
        store
            .latest(Language::En, 10, 0)
            .await
            .expect("latest")
            .total,
        1
    );
}

#[tokio::test]
async fn bad_input_is_refused_with_a_reason() {
    let (_dir, store) = fresh().await;
    let now = OffsetDateTime::now_utc();
    let mut no_section = input("Lost");
    no_section.section = "nowhere".into();
    match store.save_article(None, &no_section, now).await {
        Err(StoreError::Invalid(m)) => assert!(m.contains("nowhere"), "{m}"),
        other => panic!("expected Invalid, got {other:?}"),
    }
    let mut empty = input("x");
    empty.headline = String::new();
    assert!(matches!(
        store.save_article(None, &empty, now).await,
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store.article_input(999).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.lookup_path("/en/none").await,
        Err(StoreError::NotFound)
    ));
}

fn audio(name: &str) -> dateline_store::NewMedia {
    dateline_store::NewMedia {
        kind: dateline_core::media::MediaKind::Audio,
        content_type: "audio/mpeg".into(),
        file_name: name.into(),
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
            vec![0xff, 0xfb, 0x90, 0x00].into(),
        )],
    }
}

fn programme(language: Language, slug: &str, name: &str) -> dateline_core::ProgrammeInput {
    dateline_core::ProgrammeInput {
        language,
        slug: slug.into(),
        name: name.into(),
        description: Some("  The news.  ".into()),
        author: None,
        category: Some("News".into()),
        explicit: false,
        cover_id: None,
    }
}

#[tokio::test]
async fn programmes_and_their_episodes() {
    let (_dir, store) = fresh().await;
    let now = OffsetDateTime::now_utc();
    let cursor = store.change_cursor().await.expect("cursor");
    let id = store
        .save_programme(&programme(Language::En, "newscast", "Newscast"), now)
        .await
        .expect("a programme");
    assert!(
        store.change_cursor().await.expect("cursor") > cursor,
        "a saved programme moves the outbox"
    );
    // Saving the same language and slug changes it; the id stays.
    let mut renamed = programme(Language::En, "newscast", "The Newscast");
    renamed.explicit = true;
    assert_eq!(
        store.save_programme(&renamed, now).await.expect("renamed"),
        id
    );
    let p = store
        .programme(Language::En, "newscast")
        .await
        .expect("found");
    assert_eq!(
        (p.id, p.name.as_str(), p.explicit, p.description.as_deref()),
        (id, "The Newscast", true, Some("The news."))
    );
    assert!(matches!(
        store.programme(Language::Es, "newscast").await,
        Err(StoreError::NotFound)
    ));
    assert!(store.has_programmes(Language::En).await.expect("any"));
    assert!(!store.has_programmes(Language::Es).await.expect("any"));

    // The model's rules, and a cover that is no image.
    let sound = store
        .add_media(&audio("a.mp3"), None, now)
        .await
        .expect("audio");
    assert!(matches!(
        store
            .save_programme(&programme(Language::En, "Bad Slug", "X"), now)
            .await,
        Err(StoreError::Invalid(_))
    ));
    let mut covered = programme(Language::En, "talk", "Talk");
    covered.cover_id = Some(sound);
    assert!(matches!(
        store.save_programme(&covered, now).await,
        Err(StoreError::Invalid(_))
    ));

    // Episodes: published articles of the programme with audio, newest first.
    let mut ids = Vec::new();
    for (n, day) in [(1, 18), (2, 20), (3, 19)] {
        let mut a = input(&format!("Episode {n}"));
        a.audio_id = Some(sound);
        a.programme_id = Some(id);
        a.published_at = Some(
            datetime!(2026-11-01 10:00 UTC)
                .replace_day(day)
                .expect("a day"),
        );
        ids.push(store.save_article(None, &a, now).await.expect("episode").id);
    }
    let mut silent = input("No audio");
    silent.programme_id = Some(id);
    store.save_article(None, &silent, now).await.expect("saved");
    let mut draft = input("A draft episode");
    draft.audio_id = Some(sound);
    draft.programme_id = Some(id);
    draft.status = Status::Draft;
    store.save_article(None, &draft, now).await.expect("saved");

    let page = store.episodes(id, 2, 0).await.expect("episodes");
    assert_eq!(page.total, 3);
    let headlines: Vec<&str> = page.items.iter().map(|e| e.headline.as_str()).collect();
    assert_eq!(headlines, ["Episode 2", "Episode 3"]);
    assert_eq!(page.items[0].audio.id, sound);
    assert_eq!(page.items[0].audio.byte_size, 4);
    assert_eq!(page.items[0].path, "/en/world/2026/11/20/episode-2");
    let rest = store.episodes(id, 2, 2).await.expect("episodes");
    assert_eq!(rest.items.len(), 1);
    assert_eq!(rest.items[0].headline, "Episode 1");
    assert_eq!(
        store
            .programme_by_id(id)
            .await
            .expect("programme")
            .episode_count,
        3
    );

    // An article takes only a programme of its own language.
    let spanish = store
        .save_programme(&programme(Language::Es, "informativo", "Informativo"), now)
        .await
        .expect("a Spanish programme");
    let mut wrong = input("Wrong language");
    wrong.programme_id = Some(spanish);
    assert!(matches!(
        store.save_article(None, &wrong, now).await,
        Err(StoreError::Invalid(_))
    ));
    wrong.programme_id = Some(999_999);
    assert!(matches!(
        store.save_article(None, &wrong, now).await,
        Err(StoreError::Invalid(_))
    ));
    let all: Vec<String> = store
        .all_programmes()
        .await
        .expect("all")
        .into_iter()
        .map(|p| format!("{}/{}", p.language.code(), p.slug))
        .collect();
    assert_eq!(all, ["en/newscast", "es/informativo"]);
}

/// Uploads stored before 0007 (one BLOB a file in `media_files`, no token)
/// are brought up to date when the store opens: a token each, and their
/// bytes moved into pieces, the old rows gone.
#[tokio::test]
async fn uploads_from_before_pieces_are_moved_into_pieces_at_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = match testing::postgres_server() {
        Some(server) => Some(
            testing::fresh_database(&server)
                .await
                .expect("a fresh database"),
        ),
        None => None,
    };
    let store = Store::open(dir.path(), url.as_deref()).await.expect("open");
    store.close().await;
    // Written as the release before 0007 wrote an upload.
    sqlx::any::install_default_drivers();
    let raw_url = match &url {
        Some(u) => u.expose().to_string(),
        None => format!(
            "sqlite://{}",
            dir.path()
                .join(dateline_store::engine::SQLITE_FILE)
                .display()
        ),
    };
    let raw = sqlx::AnyPool::connect(&raw_url).await.expect("raw");
    let file: Vec<u8> = (0..700_000u32).map(|i| (i % 253) as u8).collect();
    sqlx::query(
        "INSERT INTO media (id, kind, content_type, file_name, byte_size, created_at)
         VALUES (41, 'audio', 'audio/mpeg', 'old.mp3', 700000, 0)",
    )
    .execute(&raw)
    .await
    .expect("an old upload");
    sqlx::query(
        "INSERT INTO media_files (media_id, variant, width, content_type, bytes)
         VALUES (41, 'original', NULL, 'audio/mpeg', $1)",
    )
    .bind(file.as_slice())
    .execute(&raw)
    .await
    .expect("its bytes, whole");
    raw.close().await;

    let store = Store::open(dir.path(), url.as_deref())
        .await
        .expect("reopen");
    let item = store.media(41).await.expect("the upload");
    assert!(
        dateline_store::is_media_token(&item.token),
        "{}",
        item.token
    );
    assert_eq!(item.byte_size, 700_000);
    assert_eq!(
        store.media_file(41, "original").await.expect("bytes").bytes,
        file
    );
    let info = store
        .media_file_by_token(&item.token, "original")
        .await
        .expect("found by its token");
    assert_eq!(info.byte_size, 700_000);
    assert!(!info.public, "used by nothing published");
    // Ranges within a piece, across pieces, and past the end.
    for (start, len) in [(0, 1), (262_143, 2), (300_000, 300_000), (699_990, 100)] {
        let got = store
            .media_bytes(41, "original", start, len)
            .await
            .expect("a range");
        let end = (start as usize + len).min(file.len());
        assert_eq!(got, file[start as usize..end], "{start}+{len}");
    }
    store.close().await;
    let raw = sqlx::AnyPool::connect(&raw_url).await.expect("raw");
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM media_files")
        .fetch_one(&raw)
        .await
        .expect("count");
    assert_eq!(left, 0, "the old rows are gone");
    raw.close().await;
    // Opening again finds nothing left to do and keeps the name.
    let store = Store::open(dir.path(), url.as_deref())
        .await
        .expect("again");
    assert_eq!(store.media(41).await.expect("upload").token, item.token);
    store.close().await;
}

/// Whether readers may have a file: only when published content uses it,
/// and never an image's original.
#[tokio::test]
async fn files_are_public_only_when_published_content_uses_them() {
    let (_dir, store) = fresh().await;
    let now = OffsetDateTime::now_utc();
    let image = store
        .add_media(
            &dateline_store::NewMedia {
                kind: dateline_core::media::MediaKind::Image,
                content_type: "image/png".into(),
                file_name: "a.png".into(),
                alt_text: Some("Alt".into()),
                caption: Some("Caption".into()),
                credit: Some("Credit".into()),
                width: Some(400),
                height: Some(300),
                duration_ms: None,
                files: vec![
                    (
                        "original".into(),
                        Some(400),
                        "image/png".into(),
                        vec![1, 2, 3].into(),
                    ),
                    (
                        "w320".into(),
                        Some(320),
                        "image/png".into(),
                        vec![4, 5].into(),
                    ),
                    (
                        "w400".into(),
                        Some(400),
                        "image/png".into(),
                        vec![6, 7, 8].into(),
                    ),
                ],
            },
            None,
            now,
        )
        .await
        .expect("an image");
    let item = store.media(image).await.expect("item");
    assert_eq!(item.largest_rendition_bytes, Some(3));
    let public = |variant: &'static str| {
        let (store, token) = (store.clone(), item.token.clone());
        async move {
            store
                .media_file_by_token(&token, variant)
                .await
                .expect("found")
                .public
        }
    };
    assert!(!public("w320").await, "unattached");
    let mut draft = input("With a picture");
    draft.status = Status::Draft;
    draft.image_id = Some(image);
    let saved = store.save_article(None, &draft, now).await.expect("draft");
    assert!(!public("w320").await, "a draft's");
    let mut published = draft.clone();
    published.status = Status::Published;
    store
        .save_article(Some(saved.id), &published, now)
        .await
        .expect("published");
    assert!(public("w320").await && public("w400").await);
    assert!(!public("original").await, "an image's original never");
    // By id (the newsroom's addresses) the same facts; an unknown variant
    // or a malformed token is not found.
    assert!(
        store
            .media_file_by_id(image, "w320")
            .await
            .expect("by id")
            .public
    );
    assert!(matches!(
        store.media_file_by_id(image, "w999").await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.media_file_by_token(&image.to_string(), "w320").await,
        Err(StoreError::NotFound)
    ));
}

/// No section, however it is made (the newsroom's form, wire copy, an
/// import), may take a slug a readers' route owns.
#[tokio::test]
async fn sections_never_take_a_routes_slug() {
    let (_dir, store) = fresh().await;
    let now = time::OffsetDateTime::now_utc();
    for slug in dateline_core::slug::RESERVED_SECTION_SLUGS {
        let refused = store.ensure_section(Language::En, slug).await;
        assert!(
            matches!(&refused, Err(dateline_store::StoreError::Invalid(m)) if m.contains("not tag, author")),
            "{slug}: {refused:?}"
        );
        let section = dateline_core::Section {
            language: Language::En,
            slug: slug.to_string(),
            name: "Taken".into(),
            position: 1,
            key: None,
        };
        assert!(store.upsert_section(&section, now).await.is_err(), "{slug}");
    }
    assert!(store.ensure_section(Language::En, "pages").await.is_ok());
    let slugs: Vec<String> = store
        .sections(Language::En)
        .await
        .expect("sections")
        .into_iter()
        .map(|s| s.slug)
        .collect();
    assert!(slugs.contains(&"pages".to_string()), "{slugs:?}");
    for slug in dateline_core::slug::RESERVED_SECTION_SLUGS {
        assert!(!slugs.contains(&slug.to_string()), "{slugs:?}");
    }
}

/// A follower reads what follows its cursor and, looking back, what was
/// recorded in the last seconds below it; nothing older.
#[tokio::test]
async fn the_change_feed_reads_past_the_cursor_and_the_recent_window() {
    let (_dir, store) = fresh().await;
    let ids = |changes: Vec<dateline_store::Change>| -> Vec<i64> {
        changes.into_iter().map(|c| c.id).collect()
    };
    let old = store.change_cursor().await.expect("cursor");
    assert!(old >= 2, "the two sections were recorded");
    testing::age_changes(&store, 3600).await.expect("aged");
    store
        .save_article(None, &input("Recent One"), OffsetDateTime::now_utc())
        .await
        .expect("save");
    let cursor = store.change_cursor().await.expect("cursor");
    store
        .save_article(None, &input("Recent Two"), OffsetDateTime::now_utc())
        .await
        .expect("save");
    let newest = store.change_cursor().await.expect("cursor");
    assert!(old < cursor && cursor < newest);

    let after: Vec<i64> = ids(store.changes_after(cursor, None, 100).await.expect("after"));
    assert!(
        !after.is_empty() && after.iter().all(|&id| id > cursor),
        "{after:?}"
    );
    let window = ids(store
        .changes_after(newest, Some(60), 100)
        .await
        .expect("window"));
    assert!(
        window.contains(&cursor),
        "the recent change below the cursor: {window:?}"
    );
    assert!(
        window.iter().all(|&id| id > old),
        "nothing from an hour ago: {window:?}"
    );
    assert!(ids(store.changes_after(newest, None, 100).await.expect("none")).is_empty());
    // The limit holds, oldest first.
    let first = ids(store.changes_after(0, Some(60), 1).await.expect("first"));
    assert_eq!(first, vec![1]);
}
