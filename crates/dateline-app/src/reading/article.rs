//! An article page: the article at a path, and what the page shows around
//! it (translations, pictures and sound, related stories, the section's
//! latest, the most read).

use crate::discovery::{related, views};
use crate::App;
use dateline_core::Language;
use dateline_store::{ArticleCard, ArticleView, MediaItem, PathLookup, Programme, StoreError};

/// Stories at least this many are shown under "Related articles" or, when
/// fewer are related, filled up from the section's latest under their own
/// heading ("More from World"), never passed off as related.
const RELATED_AT_LEAST: usize = 3;
/// Stories in the side column's "latest in the section".
const SECTION_LATEST: usize = 5;

/// What a path leads to: an article, where it moved, or nothing any more.
pub async fn at(app: &App, path: &str) -> Result<PathLookup, StoreError> {
    app.store.lookup_path(path).await
}

/// Everything an article page shows besides the article.
#[derive(Debug)]
pub struct Around {
    /// The same story in other languages: language, path, headline.
    pub translations: Vec<(Language, String, String)>,
    /// The lead picture, while it is still an image of the library.
    pub image: Option<MediaItem>,
    /// The programme's sound, while it is still a sound file.
    pub audio: Option<MediaItem>,
    /// The programme an episode belongs to (named beside its player).
    pub programme: Option<Programme>,
    pub related: Vec<ArticleCard>,
    /// The section's latest, filling up the related block when few are
    /// related ("More from World").
    pub more_from: Vec<ArticleCard>,
    /// The section's next latest, for the side column.
    pub section_latest: Vec<ArticleCard>,
    pub most_viewed: Vec<views::MostViewedBox>,
}

/// What the page around `article` shows. A preview of an article never
/// saved (id 0) has no related stories. Only the translations can fail
/// the page: the rest degrades to nothing.
pub async fn around(app: &App, article: &ArticleView) -> Result<Around, StoreError> {
    let translations = match &article.story_key {
        Some(key) => app.store.translations(key, article.id).await?,
        None => Vec::new(),
    };
    let image = match article.image_id {
        Some(id) => super::image(app, id).await,
        None => None,
    };
    let audio = match article.audio_id {
        Some(id) => super::audio(app, id).await,
        None => None,
    };
    let programme = match (article.programme_id, &audio) {
        (Some(id), Some(_)) => app.store.programme_by_id(id).await.ok(),
        _ => None,
    };
    let related = if article.id == 0 {
        Vec::new()
    } else {
        related::cards(&app.store, &app.discovery, article.id).await
    };
    let (more_from, section_latest) = section_lists(app, article, &related).await;
    Ok(Around {
        translations,
        image,
        audio,
        programme,
        related,
        more_from,
        section_latest,
        most_viewed: views::boxes(app, article.language, None).await,
    })
}

/// The section's latest stories, other than this one and those shown as
/// related: some to fill the related block when fewer than
/// [`RELATED_AT_LEAST`] are related, and the next ones for the side
/// column. A failure leaves both empty: they never fail a page.
async fn section_lists(
    app: &App,
    article: &ArticleView,
    related: &[ArticleCard],
) -> (Vec<ArticleCard>, Vec<ArticleCard>) {
    let fill = if related.len() < RELATED_AT_LEAST {
        related::SHOWN.saturating_sub(related.len())
    } else {
        0
    };
    let want = (fill + SECTION_LATEST + related.len() + 1) as i64;
    let latest = app
        .store
        .section_newest(article.language, &article.section_slug, want)
        .await
        .unwrap_or_default();
    let mut rest = latest
        .into_iter()
        .filter(|c| c.id != article.id && !related.iter().any(|r| r.id == c.id));
    let more_from: Vec<_> = rest.by_ref().take(fill).collect();
    let side: Vec<_> = rest.take(SECTION_LATEST).collect();
    (more_from, side)
}
