//! Previews: an address that stays while its writer types, and lasts a day.

use dateline_core::markdown::SafeHtml;
use dateline_core::newsroom::Role;
use dateline_core::{ArticleInput, Language, Status};
use dateline_store::{testing, Store, PREVIEW_LIFETIME};
use time::macros::datetime;
use time::Duration;

/// A migrated store, and on PostgreSQL the test's database, dropped with it.
async fn fresh(dir: &tempfile::TempDir) -> (Store, Option<testing::TestDatabase>) {
    let url = match testing::postgres_server() {
        Some(server) => Some(testing::fresh_database(&server).await.expect("database")),
        None => None,
    };
    let store = Store::open(dir.path(), url.as_deref()).await.expect("open");
    (store, url)
}

fn input(headline: &str) -> ArticleInput {
    ArticleInput {
        language: Language::En,
        section: "world".into(),
        slug: "a-story".into(),
        headline: headline.into(),
        standfirst: None,
        dateline: None,
        dateline_date: None,
        byline: None,
        tags: Vec::new(),
        body_markdown: "Text.".into(),
        status: Status::Draft,
        published_at: None,
        story_key: None,
        source_key: None,
        image_id: None,
        audio_id: None,
        programme_id: None,
    }
}

#[tokio::test]
async fn a_preview_keeps_its_address_while_its_writer_types_and_lasts_a_day() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, _database) = fresh(&dir).await;
    let now = datetime!(2026-12-05 10:00 UTC);
    let ana = store
        .create_user("ana@example.org", "Ana", Role::Editor, None, now)
        .await
        .expect("ana");
    let bo = store
        .create_user("bo@example.org", "Bo", Role::Editor, None, now)
        .await
        .expect("bo");
    let html = SafeHtml::from_stored("<p>Text.</p>".into());
    let token = store
        .save_preview(None, ana, None, &input("One"), &html, now)
        .await
        .expect("preview");
    assert_eq!(token.len(), 32);
    let again = store
        .save_preview(Some(&token), ana, None, &input("Two"), &html, now)
        .await
        .expect("update");
    assert_eq!(again, token, "the same address while typing");
    let shown = store
        .preview(&token, now)
        .await
        .expect("read")
        .expect("found");
    assert_eq!(shown.content.headline, "Two");
    assert_eq!(shown.body_html.as_str(), "<p>Text.</p>");

    // Another member cannot write over it: they get an address of their own.
    let theirs = store
        .save_preview(Some(&token), bo, None, &input("Bo's"), &html, now)
        .await
        .expect("bo's preview");
    assert_ne!(theirs, token);
    let still = store
        .preview(&token, now)
        .await
        .expect("read")
        .expect("found");
    assert_eq!(still.content.headline, "Two");

    assert!(store
        .preview(&"0".repeat(32), now)
        .await
        .expect("read")
        .is_none());
    assert!(store
        .preview("not a token", now)
        .await
        .expect("read")
        .is_none());
    let later = now + PREVIEW_LIFETIME + Duration::minutes(1);
    assert!(
        store.preview(&token, later).await.expect("read").is_none(),
        "gone after a day"
    );
}

#[tokio::test]
async fn a_burst_in_one_second_keeps_its_newest_twenty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, _database) = fresh(&dir).await;
    let now = datetime!(2026-12-05 10:00 UTC);
    let ana = store
        .create_user("ana@example.org", "Ana", Role::Editor, None, now)
        .await
        .expect("ana");
    let html = SafeHtml::from_stored("<p>Text.</p>".into());
    let mut tokens = Vec::new();
    for i in 0..25 {
        tokens.push(
            store
                .save_preview(None, ana, None, &input(&format!("Burst {i}")), &html, now)
                .await
                .expect("preview"),
        );
    }
    let last = store
        .preview(&tokens[24], now)
        .await
        .expect("read")
        .expect("the newest is kept");
    assert_eq!(last.content.headline, "Burst 24");
    let mut kept = 0;
    for token in &tokens {
        if store.preview(token, now).await.expect("read").is_some() {
            kept += 1;
        }
    }
    assert_eq!(kept, 20);
    assert!(
        store
            .preview(&tokens[0], now)
            .await
            .expect("read")
            .is_none(),
        "the oldest went"
    );
}
