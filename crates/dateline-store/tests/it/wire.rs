//! The wire desk's queue and the desk's counts through the Store API, on
//! SQLite, or on PostgreSQL when `DATELINE_TEST_DATABASE_URL` is set.

use dateline_core::newsroom::Role;
use dateline_core::{ArticleInput, Language, Section, Status};
use dateline_store::{
    testing, Arrival, Claim, NewWireItem, Store, WireSource, WireState, SPIKED_KEPT,
};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

/// The test's directory and, on PostgreSQL, its database: both go when the
/// test ends.
type Scratch = (tempfile::TempDir, Option<testing::TestDatabase>);

async fn fresh() -> (Scratch, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
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
    let section = Section {
        language: Language::En,
        slug: "world".into(),
        name: "World".into(),
        position: 0,
        key: None,
    };
    store
        .upsert_section(&section, OffsetDateTime::now_utc())
        .await
        .expect("section");
    ((dir, url), store)
}

async fn member(store: &Store, email: &str) -> i64 {
    store
        .create_user(email, email, Role::Editor, None, OffsetDateTime::now_utc())
        .await
        .expect("user")
}

fn copy(key: &str, text: &str, language: Language) -> NewWireItem {
    NewWireItem {
        language,
        agency: Some("Reuters".into()),
        headline: format!("Headline of {key}"),
        dateline: Some("HAVANA, Nov 24 (Reuters)".into()),
        first_lines: text.chars().take(40).collect(),
        story_key: key.into(),
        content_hash: format!("hash of {text}"),
        copy: text.into(),
        file_name: "copy.txt".into(),
        source: WireSource::Upload,
        default_section: Some("world".into()),
        year: Some(2016),
        arrived_by: None,
    }
}

fn article(headline: &str, status: Status, at: OffsetDateTime) -> ArticleInput {
    ArticleInput {
        language: Language::En,
        section: "world".into(),
        slug: dateline_core::slug::slugify(headline),
        headline: headline.into(),
        standfirst: None,
        dateline: None,
        dateline_date: None,
        byline: None,
        tags: vec![],
        body_markdown: "Text.".into(),
        status,
        published_at: Some(at),
        story_key: None,
        source_key: None,
        image_id: None,
        audio_id: None,
        programme_id: None,
    }
}

#[tokio::test]
async fn copy_arrives_once_and_updates_of_taken_stories_are_marked() {
    let (_dir, store) = fresh().await;
    let ed = member(&store, "ed@example.org").await;
    let now = datetime!(2026-11-24 12:00 UTC);

    let first = store
        .wire_arrive(&copy("cuba", "First.", Language::En), now)
        .await
        .expect("arrive");
    let Arrival::New(id) = first else {
        panic!("{first:?}")
    };
    // The same text: nothing new.
    let again = store
        .wire_arrive(&copy("cuba", "First.", Language::En), now)
        .await
        .expect("arrive");
    assert_eq!(again, Arrival::Repeat(id));
    // Newer copy of the story while it waits: the item holds it.
    let newer = store
        .wire_arrive(&copy("cuba", "Second.", Language::En), now)
        .await
        .expect("arrive");
    assert_eq!(newer, Arrival::Replaced(id));
    let page = store
        .wire_items(WireState::Queued, None, 10, 0)
        .await
        .expect("queue");
    assert_eq!(page.total, 1);
    assert_eq!(page.items[0].first_lines, "Second.");

    // Claimed once; the second claim is told how it stands.
    let Claim::Claimed(taken) = store.wire_claim(id, ed, now).await.expect("claim") else {
        panic!("the first claim wins")
    };
    assert_eq!(taken.copy, "Second.");
    assert_eq!(taken.default_section.as_deref(), Some("world"));
    assert_eq!(taken.year, Some(2016));
    let Claim::Gone(item) = store.wire_claim(id, ed, now).await.expect("claim") else {
        panic!("a second claim must not win")
    };
    assert_eq!(item.state, WireState::Taken);
    assert_eq!(item.taken_by, Some(ed));
    assert_eq!(item.article_id, None);
    let draft = store
        .save_article(None, &article("Draft", Status::Draft, now), now)
        .await
        .expect("draft")
        .id;
    store.wire_taken(id, ed, draft).await.expect("taken");
    assert_eq!(
        store.wire_item(id).await.expect("item").article_id,
        Some(draft)
    );

    // The agency updates the taken story: a new item, an update of it.
    let update = store
        .wire_arrive(&copy("cuba", "Third.", Language::En), now)
        .await
        .expect("arrive");
    let Arrival::Update { id: update_id, of } = update else {
        panic!("{update:?}")
    };
    assert_eq!(of, id);
    assert_eq!(
        store.wire_item(update_id).await.expect("item").update_of,
        Some(id)
    );
    // An old text of it again is still a repeat.
    assert_eq!(
        store
            .wire_arrive(&copy("cuba", "Second.", Language::En), now)
            .await
            .expect("arrive"),
        Arrival::Repeat(id)
    );
    let counts = store.wire_counts(None).await.expect("counts");
    assert_eq!((counts.queued, counts.taken, counts.spiked), (1, 1, 0));
}

#[tokio::test]
async fn a_released_claim_waits_again_and_spiked_copy_is_purged_in_time() {
    let (_dir, store) = fresh().await;
    let ed = member(&store, "ed@example.org").await;
    let now = datetime!(2026-11-24 12:00 UTC);
    let id = store
        .wire_arrive(&copy("storm", "Storm.", Language::Ar), now)
        .await
        .expect("arrive")
        .id();
    assert!(matches!(
        store.wire_claim(id, ed, now).await.expect("claim"),
        Claim::Claimed(_)
    ));
    store.wire_release(id, ed).await.expect("release");
    let item = store.wire_item(id).await.expect("item");
    assert_eq!((item.state, item.taken_by), (WireState::Queued, None));

    // Spiked, restored, spiked again: only a waiting item spikes.
    assert!(store.wire_spike(id, ed, now).await.expect("spike"));
    assert!(!store.wire_spike(id, ed, now).await.expect("spike"));
    assert!(matches!(
        store.wire_claim(id, ed, now).await.expect("claim"),
        Claim::Gone(_)
    ));
    assert!(store.wire_restore(id).await.expect("restore"));
    assert!(!store.wire_restore(id).await.expect("restore"));
    assert!(store.wire_spike(id, ed, now).await.expect("spike"));
    let spiked = store
        .wire_items(WireState::Spiked, Some(Language::Ar), 10, 0)
        .await
        .expect("spiked");
    assert_eq!(spiked.total, 1);
    assert_eq!(
        spiked.items[0].spiked_by_name.as_deref(),
        Some("ed@example.org")
    );
    assert_eq!(
        store
            .wire_items(WireState::Spiked, Some(Language::En), 10, 0)
            .await
            .expect("spiked")
            .total,
        0
    );

    // Kept while young; gone once older than the time kept, at the next arrival.
    let later = now + SPIKED_KEPT - Duration::hours(1);
    store
        .wire_arrive(&copy("other", "Other.", Language::En), later)
        .await
        .expect("arrive");
    assert!(store.wire_item(id).await.is_ok());
    let much_later = now + SPIKED_KEPT + Duration::hours(1);
    store
        .wire_arrive(&copy("third", "Third.", Language::En), much_later)
        .await
        .expect("arrive");
    assert!(store.wire_item(id).await.is_err(), "purged");
}

#[tokio::test]
async fn the_desk_counts_in_one_query_and_lists_what_waits() {
    let (_dir, store) = fresh().await;
    let ed = member(&store, "ed@example.org").await;
    let now = OffsetDateTime::now_utc();
    for (headline, status, at) in [
        ("Submitted one", Status::Submitted, now),
        ("Submitted two", Status::Submitted, now),
        ("Later", Status::Scheduled, now + Duration::days(2)),
        ("Sooner", Status::Scheduled, now + Duration::days(1)),
        ("Out", Status::Published, now - Duration::days(1)),
    ] {
        store
            .save_article(None, &article(headline, status, at), now)
            .await
            .expect("save");
    }
    let mut wire = article("From the wire", Status::Draft, now);
    wire.source_key = Some("en|reuters||from the wire".into());
    let mine = store
        .save_new_rendered(
            &wire,
            &dateline_store::render_body(&wire).expect("body"),
            now,
            Some(ed),
        )
        .await
        .expect("save")
        .id;
    store
        .wire_arrive(&copy("quake", "Quake.", Language::En), now)
        .await
        .expect("arrive");

    let counts = store.desk_counts().await.expect("counts");
    assert_eq!(
        (
            counts.submitted,
            counts.scheduled,
            counts.wire,
            counts.comments
        ),
        (2, 2, 1, 0)
    );
    let lists = store.desk_lists(ed, 10).await.expect("lists");
    let headlines = |list: &[dateline_store::NewsroomArticle]| {
        list.iter().map(|a| a.headline.clone()).collect::<Vec<_>>()
    };
    assert_eq!(headlines(&lists.scheduled), ["Sooner", "Later"]);
    assert_eq!(lists.submitted.len(), 2);
    assert_eq!(headlines(&lists.from_wire), ["From the wire"]);
    assert_eq!(lists.mine.len(), 1);
    assert_eq!(lists.mine[0].id, mine);
    assert_eq!(
        lists.from_wire[0].created_by_name.as_deref(),
        Some("ed@example.org")
    );
    // Each list stops at the limit.
    let short = store.desk_lists(ed, 1).await.expect("lists");
    assert_eq!(
        (short.submitted.len(), short.scheduled.len()),
        (1, 1),
        "{short:?}"
    );
    assert_eq!(headlines(&short.scheduled), ["Sooner"]);
}
