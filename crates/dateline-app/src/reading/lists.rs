//! Paginated lists of stories: a section (its pinned lead first), a tag,
//! an author.

use crate::App;
use dateline_core::{Author, Language, Section, Tag};
use dateline_store::{ArticleCard, Page, StoreError};

/// Stories on each page of a list.
pub const PER_PAGE: i64 = 20;

/// A page of a section, or where the section went.
#[derive(Debug)]
pub enum SectionPage {
    Found {
        section: Section,
        list: Page<ArticleCard>,
        /// The same section in the other languages, with their slugs.
        versions: Vec<(Language, String)>,
    },
    /// The section was renamed, or merged into this one when it was
    /// deleted: its current slug.
    MovedTo(String),
}

/// Page `n` (from 1) of a section.
pub async fn section(
    app: &App,
    lang: Language,
    slug: &str,
    n: i64,
) -> Result<SectionPage, StoreError> {
    let section = match app.store.section(lang, slug).await {
        Ok(section) => section,
        Err(e) => return moved(app, lang, slug, e).await.map(SectionPage::MovedTo),
    };
    let mut list = app
        .store
        .section_articles(lang, slug, PER_PAGE, (n - 1) * PER_PAGE)
        .await?;
    if n == 1 {
        lead_first(app, lang, &section.slug, &mut list.items).await?;
    }
    let versions = app.store.section_versions(lang, &section.slug).await?;
    Ok(SectionPage::Found {
        section,
        list,
        versions,
    })
}

/// Where a section asked for under an old slug went: its current slug, or
/// the lookup's own error (NotFound when it never existed).
pub async fn moved(
    app: &App,
    lang: Language,
    slug: &str,
    error: StoreError,
) -> Result<String, StoreError> {
    if matches!(error, StoreError::NotFound) {
        if let Some(current) = app.store.section_moved(lang, slug).await? {
            return Ok(current);
        }
    }
    Err(error)
}

/// Page `n` of a tag's stories.
pub async fn tag(
    app: &App,
    lang: Language,
    slug: &str,
    n: i64,
) -> Result<(Tag, Page<ArticleCard>), StoreError> {
    app.store
        .tag_articles(lang, slug, PER_PAGE, (n - 1) * PER_PAGE)
        .await
}

/// Page `n` of an author's stories.
pub async fn author(
    app: &App,
    lang: Language,
    slug: &str,
    n: i64,
) -> Result<(Author, Page<ArticleCard>), StoreError> {
    app.store
        .author_articles(lang, slug, PER_PAGE, (n - 1) * PER_PAGE)
        .await
}

/// Puts the section's pinned lead story (if it is still published) first
/// on its first page; the newest stories follow, all of them (an older
/// pinned story makes the first page one longer, so none falls between
/// pages).
async fn lead_first(
    app: &App,
    lang: Language,
    slug: &str,
    items: &mut Vec<ArticleCard>,
) -> Result<(), StoreError> {
    let pins = app.store.front_pins(lang, slug).await?;
    let Some(lead) = app.store.cards(&pins).await?.into_iter().next() else {
        return Ok(());
    };
    match items.iter().position(|c| c.id == lead.id) {
        Some(i) => {
            let card = items.remove(i);
            items.insert(0, card);
        }
        None => items.insert(0, lead),
    }
    Ok(())
}
