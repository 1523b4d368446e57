//! A fresh application over a fresh store, and the members a test needs.

use dateline_app::discovery::Discovery;
use dateline_app::{App, AppConfig};
use dateline_core::newsroom::Role;
use dateline_core::Language;
use dateline_search::SearchIndex;
use dateline_store::{testing, Store, User};
use std::time::Duration;
use time::OffsetDateTime;

/// The application, and what must outlive it: the data directory and, on
/// PostgreSQL, the test's database (dropped when the test ends).
pub struct Fixture {
    pub app: App,
    _dir: tempfile::TempDir,
    _database: Option<testing::TestDatabase>,
}

pub async fn app() -> Fixture {
    let dir = tempfile::tempdir().expect("a data directory");
    let database = match testing::postgres_server() {
        Some(server) => Some(
            testing::fresh_database(&server)
                .await
                .expect("a fresh database"),
        ),
        None => None,
    };
    let store = Store::open(dir.path(), database.as_deref())
        .await
        .expect("open and migrate");
    let discovery = Discovery::new(SearchIndex::in_memory().expect("an index"), true);
    let app = App::new(
        store,
        AppConfig {
            site_name: "Dateline".into(),
            base_url: "http://test.invalid".into(),
            follow_interval: Duration::from_millis(100),
            default_language: Language::En,
            media: dateline_app::media_storage::MediaStorage::in_files(
                dateline_files::Files::folder(&dir.path().join("media")).expect("a file store"),
            ),
            cdn_purge: Vec::new(),
        },
        b"a test secret of thirty-two bytes".to_vec(),
        discovery,
        Box::new(|_| Vec::new()),
    );
    Fixture {
        app,
        _dir: dir,
        _database: database,
    }
}

/// A member of the newsroom with this role.
pub async fn member(app: &App, role: Role) -> User {
    let email = format!("{}@example.org", role.as_str());
    let id = app
        .store
        .create_user(&email, role.as_str(), role, None, OffsetDateTime::now_utc())
        .await
        .expect("a member");
    app.store.user(id).await.expect("the member")
}

/// A section of the English site, for articles to go in.
pub async fn section(app: &App, slug: &str) {
    let section = dateline_core::Section {
        language: Language::En,
        slug: slug.into(),
        name: slug.into(),
        position: 0,
        key: None,
    };
    app.store
        .create_section(&section, OffsetDateTime::now_utc())
        .await
        .expect("a section");
}

/// The editor's fields of a plain English news story.
pub fn story(headline: &str) -> dateline_app::articles::fields::Fields {
    dateline_app::articles::fields::Fields {
        headline: headline.into(),
        dateline_place: "Havana".into(),
        language: "en".into(),
        section: "world".into(),
        body: "The first paragraph of the story.".into(),
        ..Default::default()
    }
}
