//! Search: the page at `/{lang}/search` and the same in JSON at
//! `/api/v1/{lang}/search`.
//!
//! A query that cannot be read, a section that does not exist or a date
//! that is not one is answered 400 with the form as the reader filled it
//! and a sentence saying what to change; never a 500.

use crate::error::PageError;
use crate::extract;
use crate::{view, AppState};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use dateline_core::Language;
use dateline_render::context;
use dateline_search::{Fragment, SearchError, SearchQuery, Sort};
use dateline_store::ArticleCard;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use time::macros::format_description;
use time::Date;

/// Results per page.
pub const PER_PAGE: usize = 10;
/// Deepest page served: nobody reads page 101 of a search, and deep pages
/// cost the index the most.
const MAX_PAGE: usize = 100;
/// Longest query accepted, in characters.
pub const MAX_QUERY: usize = 200;

#[derive(Debug, Deserialize, Default, Clone)]
pub struct SearchParams {
    #[serde(default)]
    q: String,
    #[serde(default)]
    section: String,
    #[serde(default)]
    tag: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    sort: String,
    #[serde(default)]
    page: String,
}

/// Why a search could not be run, as the reader is told (a catalogue key).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    Unparsable,
    TooLong,
    NoSuchSection,
    BadDate,
    BadPage,
    /// The index failed (logged): the reader is asked to try again.
    Unavailable,
}

impl Refusal {
    fn key(self) -> &'static str {
        match self {
            Refusal::Unparsable => "search-error-unparsable",
            Refusal::TooLong => "search-error-too-long",
            Refusal::NoSuchSection => "search-error-section",
            Refusal::BadDate => "search-error-date",
            Refusal::BadPage => "search-error-page",
            Refusal::Unavailable => "search-error-unavailable",
        }
    }
}

struct Found {
    total: usize,
    page: usize,
    pages: usize,
    results: Vec<Result1>,
}

#[derive(Serialize)]
struct Result1 {
    #[serde(flatten)]
    card: ArticleCard,
    snippet: Vec<Fragment>,
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
async fn run(state: &AppState, lang: Language, p: &SearchParams) -> Result<Option<Found>, Refusal> {
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
            state
                .app
                .store
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
    let index = state.app.discovery.index.clone();
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
    let cards = state.app.store.cards(&ids).await.map_err(|e| {
        tracing::error!(error = %e, "search result cards");
        Refusal::Unavailable
    })?;
    let mut snippets: std::collections::HashMap<i64, Vec<Fragment>> =
        found.hits.into_iter().map(|h| (h.id, h.snippet)).collect();
    let results = cards
        .into_iter()
        .map(|card| Result1 {
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

impl Refusal {
    fn status(self) -> StatusCode {
        match self {
            Refusal::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::BAD_REQUEST,
        }
    }
}

/// `GET /{lang}/search`
pub async fn page(
    State(state): State<Arc<AppState>>,
    Path(lang): Path<String>,
    Query(params): Query<SearchParams>,
) -> Result<Response, PageError> {
    let lang = extract::language(&lang)?;
    let outcome = run(&state, lang, &params).await;
    let status = match &outcome {
        Ok(_) => StatusCode::OK,
        Err(r) => r.status(),
    };
    let (found, error) = match outcome {
        Ok(found) => (found, None),
        Err(r) => (None, Some(state.renderer.message(lang, r.key(), &[]))),
    };
    let sections = state.app.store.sections(lang).await.unwrap_or_default();
    // The switcher leads to the same words searched in each language.
    let switch: std::collections::BTreeMap<&str, String> = Language::ALL
        .into_iter()
        .map(|l| (l.code(), search_path(l, &params.q)))
        .collect();
    let base = view::base(&state, lang, Some(&format!("/{}/search", lang.code()))).await;
    let heading = state.renderer.message(lang, "search-title", &[]);
    let title = if params.q.trim().is_empty() {
        format!("{heading} · {}", state.app.site_name())
    } else {
        format!(
            "{} · {}",
            state.renderer.message(
                lang,
                "search-title-query",
                &[("query", params.q.trim().to_string().into())]
            ),
            state.app.site_name()
        )
    };
    let more = found.as_ref().map(|f| {
        context! {
            total => f.total,
            page => f.page,
            pages => f.pages,
            results => f.results,
        }
    });
    let html = state
        .renderer
        .render(
            "search.html",
            context! {
                title,
                heading,
                noindex => true,
                form => context! {
                    q => params.q.trim(), section => params.section.trim(), tag => params.tag.trim(),
                    from => params.from.trim(), to => params.to.trim(),
                    sort => if params.sort == "newest" { "newest" } else { "relevance" },
                },
                search_sections => sections,
                found => more,
                error,
                rebuilding => !state.app.discovery.is_ready(),
                prev_href => found.as_ref().filter(|f| f.page > 1).map(|f| page_href(lang, &params, f.page - 1)),
                next_href => found.as_ref().filter(|f| f.page < f.pages).map(|f| page_href(lang, &params, f.page + 1)),
                switch,
                ..base
            },
        )
        .map_err(|e| PageError::internal(lang, e))?;
    Ok((status, Html(html)).into_response())
}

fn encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

fn search_path(lang: Language, q: &str) -> String {
    match q.trim() {
        "" => format!("/{}/search", lang.code()),
        q => format!("/{}/search?q={}", lang.code(), encode(q)),
    }
}

/// The address of another page of the same search.
fn page_href(lang: Language, p: &SearchParams, page: usize) -> String {
    let mut parts = Vec::new();
    for (key, value) in [
        ("q", &p.q),
        ("section", &p.section),
        ("tag", &p.tag),
        ("from", &p.from),
        ("to", &p.to),
        ("sort", &p.sort),
    ] {
        if !value.trim().is_empty() {
            parts.push(format!("{key}={}", encode(value.trim())));
        }
    }
    if page > 1 {
        parts.push(format!("page={page}"));
    }
    format!("/{}/search?{}", lang.code(), parts.join("&"))
}

/// `GET /api/v1/{lang}/search`: the same search as JSON.
pub async fn api(
    State(state): State<Arc<AppState>>,
    Path(lang): Path<String>,
    Query(params): Query<SearchParams>,
) -> Response {
    let Some(lang) = crate::language::from_code(&lang) else {
        return json_error(StatusCode::NOT_FOUND, "no such language");
    };
    match run(&state, lang, &params).await {
        Ok(found) => {
            let found = found.unwrap_or(Found {
                total: 0,
                page: 1,
                pages: 1,
                results: Vec::new(),
            });
            let base = &state.config.base_url;
            let results: Vec<serde_json::Value> = found
                .results
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.card.id,
                        "url": format!("{base}{}", r.card.path),
                        "headline": r.card.headline,
                        "standfirst": r.card.standfirst,
                        "section": r.card.section_slug,
                        "published_at": r.card.published_at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
                        "snippet": r.snippet,
                    })
                })
                .collect();
            json(
                StatusCode::OK,
                serde_json::json!({
                    "query": params.q.trim(),
                    "total": found.total,
                    "page": found.page,
                    "pages": found.pages,
                    "results": results,
                    "complete": state.app.discovery.is_ready(),
                }),
            )
        }
        Err(r) => json_error(r.status(), &state.renderer.message(lang, r.key(), &[])),
    }
}

pub(crate) fn json(status: StatusCode, value: serde_json::Value) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        value.to_string(),
    )
        .into_response()
}

pub(crate) fn json_error(status: StatusCode, message: &str) -> Response {
    json(status, serde_json::json!({ "error": message }))
}
