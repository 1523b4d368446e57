//! Sections and programmes as the newsroom manages them, through the Store
//! API on a fresh database (SQLite, or PostgreSQL when
//! `DATELINE_TEST_DATABASE_URL` names a server): renames that move
//! addresses and keep the old ones, deletes that move what they held, and
//! orders.

use dateline_core::{ArticleInput, Language, ProgrammeInput, Section, Status};
use dateline_store::{testing, PathLookup, Store, StoreError};
use time::macros::datetime;
use time::OffsetDateTime;

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
    ((dir, url), store)
}

fn section(language: Language, slug: &str, name: &str) -> Section {
    Section {
        language,
        slug: slug.into(),
        name: name.into(),
        position: 0,
        key: None,
    }
}

fn article(section: &str, headline: &str, status: Status) -> ArticleInput {
    ArticleInput {
        language: Language::En,
        section: section.into(),
        slug: dateline_core::slug::slugify(headline),
        headline: headline.into(),
        standfirst: None,
        dateline: None,
        dateline_date: None,
        byline: None,
        tags: vec![],
        body_markdown: "Text.".into(),
        status,
        published_at: (status == Status::Published).then_some(datetime!(2026-11-20 10:00 UTC)),
        story_key: None,
        source_key: None,
        image_id: None,
        audio_id: None,
        programme_id: None,
    }
}

fn programme(language: Language, slug: &str, name: &str) -> ProgrammeInput {
    ProgrammeInput {
        language,
        slug: slug.into(),
        name: name.into(),
        description: None,
        author: None,
        category: Some("News".into()),
        explicit: false,
        cover_id: None,
    }
}

async fn lookup(store: &Store, path: &str) -> String {
    match store.lookup_path(path).await {
        Ok(PathLookup::Article(a)) => format!("article {}", a.path),
        Ok(PathLookup::Redirect(to)) => format!("301 {to}"),
        Ok(PathLookup::Gone) => "410".into(),
        Err(StoreError::NotFound) => "404".into(),
        Err(e) => panic!("{path}: {e}"),
    }
}

async fn slugs(store: &Store, language: Language) -> Vec<String> {
    store
        .sections(language)
        .await
        .expect("sections")
        .into_iter()
        .map(|s| s.slug)
        .collect()
}

#[tokio::test]
async fn a_renamed_section_moves_its_articles_and_keeps_its_old_addresses() {
    let (_dir, store) = fresh().await;
    let now = OffsetDateTime::now_utc();
    let world = store
        .create_section(&section(Language::En, "world", "World"), now)
        .await
        .expect("world");
    store
        .create_section(&section(Language::Es, "world", "Mundo"), now)
        .await
        .expect("mundo");
    let story = store
        .save_article(
            None,
            &article("world", "Storm nears", Status::Published),
            now,
        )
        .await
        .expect("story");
    let draft = store
        .save_article(None, &article("world", "A draft", Status::Draft), now)
        .await
        .expect("draft");
    assert_eq!(draft.path, None);
    let old = story.path.clone().expect("a path");
    assert_eq!(old, "/en/world/2026/11/20/storm-nears");
    store
        .set_front_pins(Language::En, "world", &[story.id], None, now)
        .await
        .expect("the section page's lead");
    let cursor = store.change_cursor().await.expect("cursor");

    let moved = store
        .update_section(
            world,
            &section(Language::En, "world-news", "World news"),
            now,
        )
        .await
        .expect("renamed");
    assert_eq!(moved.paths, 1, "the draft has no address to move");
    let new = "/en/world-news/2026/11/20/storm-nears";
    assert_eq!(lookup(&store, new).await, format!("article {new}"));
    assert_eq!(lookup(&store, &old).await, format!("301 {new}"));
    assert!(store.change_cursor().await.expect("cursor") > cursor);
    // The old section address leads to the new one; the lead followed.
    assert!(matches!(
        store.section(Language::En, "world").await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store
            .section_moved(Language::En, "world")
            .await
            .expect("moved"),
        Some("world-news".into())
    );
    assert_eq!(
        store
            .front_pins(Language::En, "world-news")
            .await
            .expect("pins"),
        [story.id]
    );
    // Still linked to its Spanish version through its old slug, now its key.
    let renamed = store
        .section(Language::En, "world-news")
        .await
        .expect("renamed");
    assert_eq!(renamed.name, "World news");
    assert_eq!(renamed.key.as_deref(), Some("world"));
    assert_eq!(
        store
            .section_versions(Language::En, "world-news")
            .await
            .expect("versions"),
        [(Language::Es, "world".to_string())]
    );
    // The Spanish section of the same slug is another section: untouched.
    assert!(store.section(Language::Es, "world").await.is_ok());

    // Back again: every old address still answers, none loops.
    store
        .update_section(world, &section(Language::En, "world", "World"), now)
        .await
        .expect("renamed back");
    assert_eq!(lookup(&store, &old).await, format!("article {old}"));
    assert_eq!(lookup(&store, new).await, format!("301 {old}"));
    assert_eq!(
        store
            .section_moved(Language::En, "world-news")
            .await
            .expect("moved"),
        Some("world".into())
    );
    assert_eq!(
        store
            .section_moved(Language::En, "world")
            .await
            .expect("moved"),
        None
    );

    // A slug the language has is refused; a bad one too; nothing changes.
    store
        .create_section(&section(Language::En, "sport", "Sport"), now)
        .await
        .expect("sport");
    assert!(matches!(
        store
            .update_section(world, &section(Language::En, "sport", "World"), now)
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store
            .create_section(&section(Language::En, "sport", "Sport again"), now)
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store
            .update_section(world, &section(Language::En, "tag", "World"), now)
            .await,
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store
            .update_section(world, &section(Language::Es, "mundo", "World"), now)
            .await,
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(slugs(&store, Language::En).await, ["world", "sport"]);
    assert_eq!(lookup(&store, &old).await, format!("article {old}"));
}

#[tokio::test]
async fn a_deleted_section_moves_its_articles_or_is_refused() {
    let (_dir, store) = fresh().await;
    let now = OffsetDateTime::now_utc();
    let world = store
        .create_section(&section(Language::En, "world", "World"), now)
        .await
        .expect("world");
    let sport = store
        .create_section(&section(Language::En, "sport", "Sport"), now)
        .await
        .expect("sport");
    let spanish = store
        .create_section(&section(Language::Es, "mundo", "Mundo"), now)
        .await
        .expect("mundo");
    // The same slug on the same day in both: the moved one takes `-2`.
    let mine = store
        .save_article(
            None,
            &article("world", "Storm nears", Status::Published),
            now,
        )
        .await
        .expect("world's");
    let theirs = store
        .save_article(
            None,
            &article("sport", "Storm nears", Status::Published),
            now,
        )
        .await
        .expect("sport's");
    let draft = store
        .save_article(None, &article("world", "A draft", Status::Draft), now)
        .await
        .expect("draft");

    // Nowhere to move them: refused, and nothing changed.
    assert!(matches!(
        store.delete_section(world, None, now).await,
        Err(StoreError::Conflict(_))
    ));
    for bad in [Some(spanish), Some(world), Some(999_999)] {
        assert!(
            matches!(
                store.delete_section(world, bad, now).await,
                Err(StoreError::Invalid(_))
            ),
            "{bad:?}"
        );
    }
    assert_eq!(slugs(&store, Language::En).await, ["world", "sport"]);

    let moved = store
        .delete_section(world, Some(sport), now)
        .await
        .expect("deleted");
    assert_eq!((moved.articles, moved.paths), (2, 1));
    let old = mine.path.expect("a path");
    let new = "/en/sport/2026/11/20/storm-nears-2";
    assert_eq!(lookup(&store, &old).await, format!("301 {new}"));
    assert_eq!(lookup(&store, new).await, format!("article {new}"));
    let kept = theirs.path.expect("a path");
    assert_eq!(lookup(&store, &kept).await, format!("article {kept}"));
    let draft = store.newsroom_article(draft.id).await.expect("draft");
    assert_eq!(draft.section_slug, "sport");
    assert_eq!(slugs(&store, Language::En).await, ["sport"]);
    assert_eq!(
        store
            .section_moved(Language::En, "world")
            .await
            .expect("moved"),
        Some("sport".into())
    );
    let listed = store.section_listings(Language::En).await.expect("listed");
    assert_eq!((listed[0].articles, listed[0].published), (3, 2));

    // An empty section goes without a target, and leaves no redirect.
    let empty = store
        .create_section(&section(Language::En, "briefs", "Briefs"), now)
        .await
        .expect("briefs");
    assert_eq!(
        store.delete_section(empty, None, now).await.expect("gone"),
        Default::default()
    );
    assert_eq!(
        store
            .section_moved(Language::En, "briefs")
            .await
            .expect("moved"),
        None
    );
    // A new section at an old address takes it over.
    store
        .create_section(&section(Language::En, "world", "World"), now)
        .await
        .expect("world again");
    assert_eq!(
        store
            .section_moved(Language::En, "world")
            .await
            .expect("moved"),
        None
    );
}

#[tokio::test]
async fn sections_and_programmes_take_the_order_given() {
    let (_dir, store) = fresh().await;
    let now = OffsetDateTime::now_utc();
    let mut ids = Vec::new();
    for slug in ["world", "sport", "culture"] {
        ids.push(
            store
                .create_section(&section(Language::En, slug, slug), now)
                .await
                .expect("section"),
        );
    }
    let other = store
        .create_section(&section(Language::Ar, "alam", "العالم"), now)
        .await
        .expect("arabic");
    assert_eq!(
        slugs(&store, Language::En).await,
        ["world", "sport", "culture"]
    );
    store
        .reorder_sections(Language::En, &[ids[2], ids[0]], now)
        .await
        .expect("ordered");
    assert_eq!(
        slugs(&store, Language::En).await,
        ["culture", "world", "sport"]
    );
    for bad in [vec![other], vec![ids[0], ids[0]]] {
        assert!(matches!(
            store.reorder_sections(Language::En, &bad, now).await,
            Err(StoreError::Invalid(_))
        ));
    }
    assert_eq!(
        slugs(&store, Language::En).await,
        ["culture", "world", "sport"]
    );

    let a = store
        .save_programme(&programme(Language::En, "zulu", "Zulu"), now)
        .await
        .expect("a");
    let b = store
        .save_programme(&programme(Language::En, "alpha", "Alpha"), now)
        .await
        .expect("b");
    let names = |list: Vec<dateline_store::Programme>| -> Vec<String> {
        list.into_iter().map(|p| p.name).collect()
    };
    assert_eq!(
        names(store.programmes(Language::En).await.expect("list")),
        ["Zulu", "Alpha"],
        "added last, listed last"
    );
    store
        .reorder_programmes(Language::En, &[b, a], now)
        .await
        .expect("ordered");
    assert_eq!(
        names(store.programmes(Language::En).await.expect("list")),
        ["Alpha", "Zulu"]
    );
    assert!(store
        .reorder_programmes(Language::Es, &[a], now)
        .await
        .is_err());
}

#[tokio::test]
async fn a_programme_renamed_or_deleted_leads_its_old_addresses_on() {
    let (_dir, store) = fresh().await;
    let now = OffsetDateTime::now_utc();
    store
        .create_section(&section(Language::En, "world", "World"), now)
        .await
        .expect("world");
    let cast = store
        .save_programme(&programme(Language::En, "newscast", "Newscast"), now)
        .await
        .expect("newscast");
    let talk = store
        .save_programme(&programme(Language::En, "talk", "Talk"), now)
        .await
        .expect("talk");
    let spanish = store
        .save_programme(&programme(Language::Es, "charla", "Charla"), now)
        .await
        .expect("charla");
    let mut episode = article("world", "Morning report", Status::Published);
    episode.programme_id = Some(cast);
    let episode = store
        .save_article(None, &episode, now)
        .await
        .expect("episode");

    let mut renamed = programme(Language::En, "morning", "The Morning");
    store
        .update_programme(cast, &renamed, now)
        .await
        .expect("renamed");
    assert_eq!(
        store
            .programme_moved(Language::En, "newscast")
            .await
            .expect("moved"),
        Some("morning".into())
    );
    assert_eq!(
        store.programme_by_id(cast).await.expect("it").name,
        "The Morning"
    );
    // Another programme's slug, or another language: refused.
    renamed.slug = "talk".into();
    assert!(matches!(
        store.update_programme(cast, &renamed, now).await,
        Err(StoreError::Conflict(_))
    ));
    renamed.slug = "morning".into();
    renamed.language = Language::Es;
    assert!(matches!(
        store.update_programme(cast, &renamed, now).await,
        Err(StoreError::Invalid(_))
    ));

    // Deleted into another programme: its episode and its addresses follow.
    assert!(store
        .delete_programme(cast, Some(spanish), now)
        .await
        .is_err());
    assert_eq!(store.programme_article_count(cast).await.expect("n"), 1);
    assert_eq!(
        store
            .delete_programme(cast, Some(talk), now)
            .await
            .expect("deleted"),
        1
    );
    let moved = store.article_input(episode.id).await.expect("episode");
    assert_eq!(moved.programme_id, Some(talk));
    for old in ["newscast", "morning"] {
        assert_eq!(
            store
                .programme_moved(Language::En, old)
                .await
                .expect("moved"),
            Some("talk".into()),
            "{old}"
        );
    }
    // Deleted with nowhere to go: its articles stay, without a programme,
    // and its addresses lead nowhere.
    assert_eq!(
        store
            .delete_programme(talk, None, now)
            .await
            .expect("deleted"),
        1
    );
    let kept = store.article_input(episode.id).await.expect("episode");
    assert_eq!(kept.programme_id, None);
    assert_eq!(kept.status, Status::Published);
    assert_eq!(
        store
            .programme_moved(Language::En, "newscast")
            .await
            .expect("moved"),
        None
    );
}
