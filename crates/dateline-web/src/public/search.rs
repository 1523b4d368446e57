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
use std::sync::Arc;

use dateline_app::reading::search::{run, Found, Refusal, SearchParams};

/// The catalogue key of a refusal's sentence.
fn key(r: Refusal) -> &'static str {
    match r {
        Refusal::Unparsable => "search-error-unparsable",
        Refusal::TooLong => "search-error-too-long",
        Refusal::NoSuchSection => "search-error-section",
        Refusal::BadDate => "search-error-date",
        Refusal::BadPage => "search-error-page",
        Refusal::Unavailable => "search-error-unavailable",
    }
}

/// The status a refusal answers with.
fn status(r: Refusal) -> StatusCode {
    match r {
        Refusal::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::BAD_REQUEST,
    }
}

/// `GET /{lang}/search`
pub async fn page(
    State(state): State<Arc<AppState>>,
    Path(lang): Path<String>,
    Query(params): Query<SearchParams>,
) -> Result<Response, PageError> {
    let lang = extract::language(&lang)?;
    let outcome = run(&state.app, lang, &params).await;
    let status = match &outcome {
        Ok(_) => StatusCode::OK,
        Err(r) => status(*r),
    };
    let (found, error) = match outcome {
        Ok(found) => (found, None),
        Err(r) => (None, Some(state.renderer.message(lang, key(r), &[]))),
    };
    let sections = dateline_app::reading::sections(&state.app, lang).await;
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
    match run(&state.app, lang, &params).await {
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
        Err(r) => json_error(status(r), &state.renderer.message(lang, key(r), &[])),
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
