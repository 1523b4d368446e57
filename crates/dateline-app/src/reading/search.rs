//! Search: the words, a section, a tag and a span of days, checked, run on
//! the index and turned into the stories found, or a refusal that says
//! what to change.

use crate::App;
use dateline_core::Language;
use dateline_search::{Fragment, SearchError, SearchQuery, Sort};
use dateline_store::ArticleCard;
use serde::{Deserialize, Serialize};
use time::macros::format_description;
use time::Date;

/// Results per page.
pub const PER_PAGE: usize = 10;
/// Deepest page served: nobody reads page 101 of a search, and deep pages
/// cost the index the most.
pub const MAX_PAGE: usize = 100;
/// Longest query accepted, in characters.
pub const MAX_QUERY: usize = 200;

/// The search form's fields, as typed.
#[derive(Debug, Deserialize, Default, Clone)]
pub struct SearchParams {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub section: String,
    #[serde(default)]
    pub tag: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub sort: String,
    #[serde(default)]
    pub page: String,
}

/// Why a search could not be run (the web words it for the reader).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Unparsable,
    TooLong,
    NoSuchSection,
    BadDate,
    BadPage,
    /// The index failed (logged): the reader is asked to try again.
    Unavailable,
}

/// A page of results.
pub struct Found {
    pub total: usize,
    pub page: usize,
    pub pages: usize,
    pub results: Vec<Hit>,
}

/// A story found, with the words that matched.
#[derive(Serialize)]
pub struct Hit {
    #[serde(flatten)]
    pub card: ArticleCard,
    pub snippet: Vec<Fragment>,
}

fn parse_date(text: &str) -> Result<Option<Date>, Refusal> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    Date::parse(text, format_description!("[year]-[month]-[day]"))
        .map(Some)
        .map_err(|_| Refusal::BadDate)
}

/// Runs a search, or says why it cannot be run. `Ok(None)`: nothing was
/// asked yet (an empty form).
pub async fn run(app: &App, lang: Language, p: &SearchParams) -> Result<Option<Found>, Refusal> {
    let q = p.q.trim();
    if q.chars().count() > MAX_QUERY {
        return Err(Refusal::TooLong);
    }
    let page = match p.page.trim() {
        "" => 1,
        n => match n.parse::<usize>() {
            Ok(n) if (1..=MAX_PAGE).contains(&n) => n,
            _ => return Err(Refusal::BadPage),
        },
    };
    let section_id = match p.section.trim() {
        "" => None,
        slug => Some(
            app.store
                .section_id(lang, slug)
                .await
                .map_err(|_| Refusal::NoSuchSection)?,
        ),
    };
    let from = parse_date(&p.from)?;
    let to = parse_date(&p.to)?;
    let tag = Some(p.tag.trim()).filter(|t| !t.is_empty());
    if q.is_empty() && section_id.is_none() && tag.is_none() && from.is_none() && to.is_none() {
        return Ok(None);
    }
    let midnight = |d: Date| d.midnight().assume_utc().unix_timestamp();
    let (text, tag) = (q.to_string(), tag.map(str::to_string));
    let (from, until) = (from.map(midnight), to.map(|d| midnight(d) + 86_400));
    let sort = if p.sort == "newest" {
        Sort::Newest
    } else {
        Sort::Relevance
    };
    let index = app.discovery.index.clone();
    let searched = tokio::task::spawn_blocking(move || {
        index.search(&SearchQuery {
            language: Some(lang),
            text: &text,
            section_id,
            tag: tag.as_deref(),
            from,
            // The "to" day is included.
            until,
            sort,
            offset: (page - 1) * PER_PAGE,
            limit: PER_PAGE,
        })
    })
    .await;
    let found = match searched {
        Ok(Ok(results)) => results,
        Ok(Err(SearchError::Unparsable(_))) => return Err(Refusal::Unparsable),
        Ok(Err(e)) => {
            tracing::error!(error = %e, "search");
            return Err(Refusal::Unavailable);
        }
        Err(e) => {
            tracing::error!(error = %e, "search");
            return Err(Refusal::Unavailable);
        }
    };
    let ids: Vec<i64> = found.hits.iter().map(|h| h.id).collect();
    let cards = app.store.cards(&ids).await.map_err(|e| {
        tracing::error!(error = %e, "search result cards");
        Refusal::Unavailable
    })?;
    let mut snippets: std::collections::HashMap<i64, Vec<Fragment>> =
        found.hits.into_iter().map(|h| (h.id, h.snippet)).collect();
    let results = cards
        .into_iter()
        .map(|card| Hit {
            snippet: snippets.remove(&card.id).unwrap_or_default(),
            card,
        })
        .collect();
    let pages = found.total.div_ceil(PER_PAGE).clamp(1, MAX_PAGE);
    Ok(Some(Found {
        total: found.total,
        page,
        pages,
        results,
    }))
}
