//! What readers are shown: each public page's content assembled from the
//! store, with the rules of what goes where (what leads the front page,
//! which stories fill a rail, which pictures a page may show). The web
//! layer only renders it.
//!
//! Reads degrade where a page can do without a part (the frame, the side
//! lists) and fail where it cannot (the page's own content).

pub mod article;
pub mod feeds;
pub mod front;
pub mod lists;
pub mod old_links;
pub mod pages;
pub mod programmes;
pub mod search;
pub mod sitemaps;

use crate::App;
use dateline_core::media::MediaKind;
use dateline_core::{Language, Section};
use dateline_store::{BreakingNews, MediaItem, PageLink};
use time::OffsetDateTime;

/// What every public page of a language shows around its content.
#[derive(Debug, Default)]
pub struct Frame {
    pub sections: Vec<Section>,
    /// The languages the site publishes in, this one among them, in the
    /// site's order.
    pub languages: Vec<Language>,
    /// Whether the language has programmes (its page joins the navigation).
    pub has_programmes: bool,
    pub footer_pages: Vec<PageLink>,
    /// The breaking-news line, while it lasts.
    pub breaking: Option<BreakingNews>,
    /// The site's logo, when one is set and is still an image.
    pub logo: Option<MediaItem>,
}

/// The frame of a page in `lang`. It never fails: an error page must still
/// render when the database cannot be read.
pub async fn frame(app: &App, lang: Language, now: OffsetDateTime) -> Frame {
    let store = &app.store;
    let mut published = store.published_languages().await.unwrap_or_default();
    if !published.contains(&lang) {
        published.push(lang);
    }
    Frame {
        sections: store.sections(lang).await.unwrap_or_default(),
        languages: Language::ALL
            .into_iter()
            .filter(|l| published.contains(l))
            .collect(),
        has_programmes: store.has_programmes(lang).await.unwrap_or(false),
        footer_pages: store.page_links(lang).await.unwrap_or_default(),
        breaking: store.breaking(lang, now).await.ok().flatten(),
        logo: logo(app).await,
    }
}

/// The site's logo, when one is set and is still an image of the library
/// with renditions to show.
pub async fn logo(app: &App) -> Option<MediaItem> {
    let id = app.site().logo_id?;
    image(app, id).await
}

/// A picture of the library, if it still is one (a page whose picture has
/// gone shows none). Renditions only: an image's original keeps its
/// camera metadata and is never shown to readers.
pub async fn image(app: &App, id: i64) -> Option<MediaItem> {
    let item = app.store.media(id).await.ok()?;
    (item.kind == MediaKind::Image && !item.renditions.is_empty()).then_some(item)
}

/// A sound file of the library, if it still is one.
pub async fn audio(app: &App, id: i64) -> Option<MediaItem> {
    let item = app.store.media(id).await.ok()?;
    (item.kind == MediaKind::Audio).then_some(item)
}

/// The languages the site publishes in (none when the database cannot be
/// read: `/` then leads to the default language).
pub async fn published_languages(app: &App) -> Vec<Language> {
    app.store.published_languages().await.unwrap_or_default()
}

/// The language's sections (none when they cannot be read: a form's
/// choices never fail its page).
pub async fn sections(app: &App, lang: Language) -> Vec<Section> {
    app.store.sections(lang).await.unwrap_or_default()
}

/// Why this node should not be sent readers now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotReady {
    DatabaseUnreachable,
    SchemaNotThisRelease,
    MigrationsUnreadable,
    IndexRebuilding,
}

impl NotReady {
    /// The reason, as a load balancer's log shows it.
    pub fn reason(self) -> &'static str {
        match self {
            NotReady::DatabaseUnreachable => "database unreachable",
            NotReady::SchemaNotThisRelease => "database schema is not the one this release expects",
            NotReady::MigrationsUnreadable => "database migrations unreadable",
            NotReady::IndexRebuilding => "search index being rebuilt",
        }
    }
}

/// Whether this node can serve readers: the database answers, its schema
/// is the one this binary expects, and the search index is whole.
pub async fn readiness(app: &App) -> Result<(), NotReady> {
    if let Err(e) = app.store.ping().await {
        tracing::warn!(error = %e, "readiness: the database does not answer");
        return Err(NotReady::DatabaseUnreachable);
    }
    match app.store.migrations_current().await {
        Ok(true) if !app.discovery.is_ready() => Err(NotReady::IndexRebuilding),
        Ok(true) => Ok(()),
        Ok(false) => Err(NotReady::SchemaNotThisRelease),
        Err(e) => {
            tracing::warn!(error = %e, "readiness: cannot read the migrations");
            Err(NotReady::MigrationsUnreadable)
        }
    }
}

/// The most-read stories of a language (or of one of its sections) over
/// `window`; None when the section does not exist.
pub async fn most_viewed(
    app: &App,
    lang: Language,
    section: Option<&str>,
    window: crate::discovery::views::Window,
) -> Option<std::sync::Arc<Vec<crate::discovery::views::Ranked>>> {
    if let Some(slug) = section {
        app.store.section(lang, slug).await.ok()?;
    }
    Some(
        app.discovery
            .most_viewed
            .list(&app.store, lang, section, window)
            .await,
    )
}

/// A media file's facts (not its bytes) by its public token and variant.
pub async fn media_file(
    app: &App,
    token: &str,
    variant: &str,
) -> Result<dateline_store::MediaFileInfo, dateline_store::StoreError> {
    app.store.media_file_by_token(token, variant).await
}
