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
    assert_eq!(store.migrate().await.expect("migrate"), 4);
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
