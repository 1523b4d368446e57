//! The Store API on a fresh database in a temporary directory.

use dateline_core::{ArticleInput, Language, Section, Status};
use dateline_store::{testing, PathLookup, Store, StoreError};
use time::macros::datetime;
use time::OffsetDateTime;

/// A migrated, empty store: SQLite in a temporary directory, or a fresh
/// PostgreSQL database when the environment names a server.
async fn open_fresh(dir: &tempfile::TempDir) -> Store {
    let url = match testing::postgres_server() {
        Some(server) => Some(
            testing::fresh_database(&server)
                .await
                .expect("a fresh database"),
        ),
        None => None,
    };
    Store::open(dir.path(), url.as_ref())
        .await
        .expect("open and migrate")
}

async fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open_fresh(&dir).await;
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
    (dir, store)
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
            testing::fresh_database(&server)
                .await
                .expect("a fresh database"),
        ),
        None => None,
    };
    let store = Store::open_unmigrated(dir.path(), url.as_ref())
        .await
        .expect("open");
    assert_eq!(store.migrate().await.expect("migrate"), 6);
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
        kind: "audio",
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
