//! Programmes: each language's list, a programme's episodes (with their
//! pictures), and its podcast feed.

use crate::App;
use dateline_core::Language;
use dateline_store::{CardImage, Episode, Page, Programme, StoreError};
use std::collections::HashMap;

/// A programme asked for by slug, or where it went.
pub enum Found {
    Programme(Box<Programme>),
    /// Renamed, or merged into another when it was deleted: its current
    /// slug.
    MovedTo(String),
}

/// The language's programmes.
pub async fn list(app: &App, lang: Language) -> Result<Vec<Programme>, StoreError> {
    app.store.programmes(lang).await
}

/// The programme at `slug`, or where it went.
pub async fn find(app: &App, lang: Language, slug: &str) -> Result<Found, StoreError> {
    match app.store.programme(lang, slug).await {
        Ok(p) => Ok(Found::Programme(Box::new(p))),
        Err(StoreError::NotFound) => match app.store.programme_moved(lang, slug).await? {
            Some(current) => Ok(Found::MovedTo(current)),
            None => Err(StoreError::NotFound),
        },
        Err(e) => Err(e),
    }
}

/// A page of a programme's episodes, newest first, with each one's lead
/// picture by article id (the pictures never fail the page).
pub async fn episodes(
    app: &App,
    programme: &Programme,
    limit: i64,
    offset: i64,
) -> Result<(Page<Episode>, HashMap<i64, CardImage>), StoreError> {
    let list = app.store.episodes(programme.id, limit, offset).await?;
    let ids: Vec<i64> = list.items.iter().map(|e| e.article_id).collect();
    let pictures = app
        .store
        .cards(&ids)
        .await
        .unwrap_or_default()
        .into_iter()
        .filter_map(|c| c.image.map(|i| (c.id, i)))
        .collect();
    Ok((list, pictures))
}

/// A programme's newest episodes, for its podcast feed.
pub async fn newest_episodes(
    app: &App,
    programme: &Programme,
    limit: i64,
) -> Result<Page<Episode>, StoreError> {
    app.store.episodes(programme.id, limit, 0).await
}
