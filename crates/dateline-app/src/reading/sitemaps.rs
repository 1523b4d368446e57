//! Sitemaps: the index, the files of each language's articles, the pages
//! file (fronts, sections, programmes, the site's own pages) and the news
//! sitemap.

use crate::App;
use dateline_core::Language;
use dateline_store::{PageLink, SitemapEntry, StoreError};
use time::OffsetDateTime;

/// The languages with published articles, and how many each has.
pub async fn counts(app: &App) -> Result<Vec<(Language, i64)>, StoreError> {
    app.store.published_counts().await
}

/// One language's place in the pages file.
pub struct LanguagePages {
    pub language: Language,
    pub sections: Vec<String>,
    pub programmes: Vec<String>,
}

/// What the pages file lists: each publishing language's sections and
/// programmes (by slug), and the site's own pages in every language.
pub async fn pages(app: &App) -> Result<(Vec<LanguagePages>, Vec<PageLink>), StoreError> {
    let mut languages = Vec::new();
    for (language, _) in app.store.published_counts().await? {
        let sections = app.store.sections(language).await?;
        let programmes = app.store.programmes(language).await?;
        languages.push(LanguagePages {
            language,
            sections: sections.into_iter().map(|s| s.slug).collect(),
            programmes: programmes.into_iter().map(|p| p.slug).collect(),
        });
    }
    let mut own = Vec::new();
    for language in Language::ALL {
        own.extend(app.store.page_links(language).await?);
    }
    Ok((languages, own))
}

/// A file of a language's articles.
pub async fn articles(
    app: &App,
    lang: Language,
    limit: i64,
    offset: i64,
) -> Result<Vec<SitemapEntry>, StoreError> {
    app.store.sitemap_entries(lang, limit, offset).await
}

/// The articles published since `since` (at most `limit`), for the news
/// sitemap.
pub async fn news(
    app: &App,
    since: OffsetDateTime,
    limit: i64,
) -> Result<Vec<SitemapEntry>, StoreError> {
    app.store.published_since(since, limit).await
}
