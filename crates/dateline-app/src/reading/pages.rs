//! The site's own pages (About, Contact...) and each language's
//! corrections.

use super::lists::PER_PAGE;
use crate::App;
use dateline_core::Language;
use dateline_store::{Page, PageView, StoreError};

/// A published page, and its translations (language, path, title).
pub async fn page(
    app: &App,
    lang: Language,
    slug: &str,
) -> Result<(PageView, Vec<(Language, String, String)>), StoreError> {
    let page = app.store.published_page(lang, slug).await?;
    let translations = match &page.story_key {
        Some(key) => app.store.page_translations(key, page.id).await?,
        None => Vec::new(),
    };
    Ok((page, translations))
}

/// Page `n` of a language's corrections: each note, with its article's
/// path and headline.
pub async fn corrections(
    app: &App,
    lang: Language,
    n: i64,
) -> Result<Page<(dateline_core::Note, String, String)>, StoreError> {
    app.store
        .corrections(lang, PER_PAGE, (n - 1) * PER_PAGE)
        .await
}
