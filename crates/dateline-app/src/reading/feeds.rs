//! Feeds (RSS, Atom, JSON Feed) of a language, a section and a tag: the
//! newest stories, each whole (the feed carries its body and categories),
//! and its picture or sound as an enclosure.

use super::lists::PER_PAGE;
use crate::App;
use dateline_core::media::MediaKind;
use dateline_core::{Language, Section, Tag};
use dateline_store::{ArticleCard, ArticleView, MediaItem, PathLookup, StoreError};

/// What a section's feed shows, or where the section went.
pub enum SectionFeed {
    Found(Section, Vec<ArticleCard>),
    MovedTo(String),
}

/// The newest stories of a language.
pub async fn language(app: &App, lang: Language) -> Result<Vec<ArticleCard>, StoreError> {
    app.store.newest(lang, PER_PAGE).await
}

/// The newest stories of a section.
pub async fn section(app: &App, lang: Language, slug: &str) -> Result<SectionFeed, StoreError> {
    let section = match app.store.section(lang, slug).await {
        Ok(section) => section,
        Err(e) => {
            return super::lists::moved(app, lang, slug, e)
                .await
                .map(SectionFeed::MovedTo)
        }
    };
    let list = app.store.section_newest(lang, slug, PER_PAGE).await?;
    Ok(SectionFeed::Found(section, list))
}

/// The newest stories of a tag.
pub async fn tag(
    app: &App,
    lang: Language,
    slug: &str,
) -> Result<(Tag, Vec<ArticleCard>), StoreError> {
    let (tag, list) = app.store.tag_articles(lang, slug, PER_PAGE, 0).await?;
    Ok((tag, list.items))
}

/// The whole stories behind a feed's cards, in order; one unpublished
/// since the list was read is left out.
pub async fn stories(app: &App, cards: &[ArticleCard]) -> Vec<ArticleView> {
    let mut out = Vec::with_capacity(cards.len());
    for card in cards {
        if let Ok(PathLookup::Article(a)) = app.store.lookup_path(&card.path).await {
            out.push(*a);
        }
    }
    out
}

/// A story's picture or sound for its enclosure, while it is still of
/// that kind.
pub async fn enclosure(app: &App, id: Option<i64>, kind: MediaKind) -> Option<MediaItem> {
    match kind {
        MediaKind::Image => super::image(app, id?).await,
        MediaKind::Audio => super::audio(app, id?).await,
    }
}
