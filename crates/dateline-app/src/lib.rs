//! Dateline's use cases: what a reader, a member of the newsroom or an
//! operator does, with the rules that govern it, whichever way in they come
//! (the web's HTML and JSON, the command line, a watched folder).
//!
//! Architecture invariant: no HTTP and no SQL here. A use case takes typed
//! input and returns a typed outcome (its problems included, as values a
//! form or a command line words in its own language); the store does the
//! SQL, `dateline-core` holds the pure rules, and `dateline-web` and the
//! `dateline` binary only translate to and from their own surfaces.
//!
//! [`App`] holds what the use cases share: the store, the derived data
//! kept current by following the store's change feed ([`discovery`]), and
//! the site settings as this node last read them.

pub mod accounts;
pub mod announce;
pub mod articles;
pub mod audit;
pub mod body;
pub mod cdn;
pub mod comments;
pub mod discovery;
pub mod follow;
pub mod fronts;
pub mod ingest;
pub mod media;
pub mod media_storage;
pub mod metrics;
pub mod pages;
pub mod planner;
pub mod previews;
pub mod programmes;
pub mod reading;
pub mod schedule;
pub mod sections;
pub mod settings;

use dateline_core::newsroom::Action;
use dateline_core::settings::SiteSettings;
use dateline_store::{Store, StoreError, User};
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// What the use cases need to know of the configuration.
#[derive(Debug, Clone)]
pub struct AppConfig {
    /// The site's name when the settings name none (`--site-name`).
    pub site_name: String,
    /// Public origin, e.g. `https://news.example.org`, without a trailing
    /// slash: the feeds the WebSub hub is told about are named with it.
    pub base_url: String,
    /// How often the change feed is polled for writes by other processes.
    pub follow_interval: Duration,
    /// The language of a new article, and of fields that name none.
    pub default_language: dateline_core::Language,
    /// Where uploads' bytes are kept.
    pub media: media_storage::MediaStorage,
    /// The cache servers in front of the nodes, purged on every change
    /// ([`cdn`]); none by default.
    pub cdn_purge: Vec<String>,
}

/// Called when what readers see has changed (the change feed moved, a
/// breaking-news line ended, a setting was saved): the web layer forgets
/// the rendered pages it names, and answers with the keys of the lists it
/// widened the purge to (see [`Stale::Keys`]).
pub type OnStale = Box<dyn Fn(&Stale) -> Vec<String> + Send + Sync>;

/// Which readers' pages a change made stale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stale {
    /// Every page: a change no finer key describes (a setting, a section).
    All,
    /// The pages carrying any of these surrogate keys
    /// (`dateline_core::surrogate`); with `whole_lists`, every page of the
    /// lists those pages are in as well, since an article that moved
    /// shifts the pages after it.
    Keys {
        keys: Vec<String>,
        whole_lists: bool,
    },
}

/// Shared by every use case on this node.
pub struct App {
    pub store: Store,
    pub config: AppConfig,
    /// Signs comment-form tokens and pending-comment claims; the same on
    /// every node (it lives in the database).
    pub secret: Vec<u8>,
    /// The search index, related lists and view counts.
    pub discovery: discovery::Discovery,
    /// The bound on concurrent password hashing (Argon2 takes 19 MiB each).
    pub passwords: accounts::PasswordGate,
    /// The bound on image and audio processing for uploads.
    pub media: media::Processing,
    /// How far behind the change feed this node is (for the metrics).
    pub following: follow::Following,
    /// The site settings as this node last read them: at start, after each
    /// move of the change feed (before readers' pages are forgotten, so no
    /// page is rendered again with the old ones), and at once after the
    /// newsroom saves them.
    site: RwLock<Arc<SiteSettings>>,
    on_stale: OnStale,
}

impl App {
    pub fn new(
        store: Store,
        config: AppConfig,
        secret: Vec<u8>,
        discovery: discovery::Discovery,
        on_stale: OnStale,
    ) -> App {
        App {
            store,
            config,
            secret,
            discovery,
            passwords: accounts::PasswordGate::for_this_machine(),
            media: media::Processing::default(),
            following: follow::Following::default(),
            site: RwLock::new(Arc::default()),
            on_stale,
        }
    }

    /// What the accounts' use cases work with.
    pub fn accounts(&self) -> accounts::Accounts<'_> {
        accounts::Accounts {
            store: &self.store,
            passwords: &self.passwords,
        }
    }

    /// The site settings (see the field's note on when they are read).
    pub fn site(&self) -> Arc<SiteSettings> {
        match self.site.read() {
            Ok(site) => site.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// The site's name: the setting, else the configured `--site-name`.
    pub fn site_name(&self) -> String {
        self.site().name_or(&self.config.site_name).to_string()
    }

    /// Reads the site settings from the database again; on failure the
    /// ones read before stay (and the failure is logged).
    pub async fn reload_site(&self) {
        match self.store.site_settings().await {
            Ok(settings) => {
                let settings = Arc::new(settings);
                match self.site.write() {
                    Ok(mut site) => *site = settings,
                    Err(poisoned) => *poisoned.into_inner() = settings,
                }
            }
            Err(e) => tracing::warn!(error = %e, "could not read the site settings"),
        }
    }

    /// The database connection pool's use now (for the metrics).
    pub fn pool_use(&self) -> dateline_store::PoolUse {
        self.store.pool_use()
    }

    /// What readers see has changed on this node: the most-read lists are
    /// read afresh and the web layer's pages forgotten.
    pub fn pages_stale(&self) {
        let _ = self.stale(&Stale::All);
    }

    /// What readers see has changed where `stale` says; the keys of the
    /// lists the purge widened to.
    pub fn stale(&self, stale: &Stale) -> Vec<String> {
        // The most-read lists carry headlines: read afresh either way.
        self.discovery.most_viewed.clear();
        (self.on_stale)(stale)
    }
}

/// Who does something: a signed-in member of the newsroom, whose role the
/// use case checks and whom the audit log names, or an operator at the
/// command line, who may do anything.
#[derive(Debug, Clone, Copy)]
pub enum Actor<'a> {
    Member(&'a User),
    Operator,
}

impl Actor<'_> {
    /// Refuses unless the actor's role allows `action`.
    pub fn require(self, action: Action) -> Result<(), Denied> {
        match self {
            Actor::Member(user) if !user.role.may(action) => Err(Denied::Forbidden),
            _ => Ok(()),
        }
    }

    /// The member's id; None for an operator.
    pub fn user_id(self) -> Option<i64> {
        match self {
            Actor::Member(user) => Some(user.id),
            Actor::Operator => None,
        }
    }

    /// Records in the audit log that the actor did `action` to an entity.
    pub async fn audit(
        self,
        store: &Store,
        now: time::OffsetDateTime,
        action: &str,
        entity: &str,
        entity_id: Option<i64>,
        detail: Option<&str>,
    ) -> Result<(), StoreError> {
        store
            .audit(now, self.user_id(), action, entity, entity_id, detail)
            .await
    }
}

/// Why a use case did nothing: the actor may not, or the store failed.
#[derive(Debug, thiserror::Error)]
pub enum Denied {
    #[error("not allowed for this role")]
    Forbidden,
    #[error(transparent)]
    Store(#[from] StoreError),
}
