//! The front page of each language, and `/` that leads to one.

use super::page;
use crate::error::PageError;
use crate::{extract, view, AppState};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};

use dateline_render::context;
use std::sync::Arc;

/// `/` goes to the front page of the language the reader chose before, else
/// of the one their browser asks for among those the site publishes, else
/// of the default language.
pub async fn root(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let published = dateline_app::reading::published_languages(&state.app).await;
    let chosen = crate::cookies::read(&headers, crate::cookies::LANGUAGE)
        .and_then(|c| crate::language::from_code(&c));
    let asked = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| crate::language::negotiate(v, &published));
    let lang = chosen.or(asked).unwrap_or(state.config.default_language);
    let mut response = Redirect::to(&format!("/{}/", lang.code())).into_response();
    response.headers_mut().insert(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    response
}

#[derive(serde::Deserialize)]
pub struct ChooseQuery {
    to: Option<String>,
}

/// `/language/{code}?to=PATH`: the language switcher. Remembers the choice
/// for `/` and goes on to PATH, which must be a page of that language.
pub async fn choose(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(q): Query<ChooseQuery>,
) -> Result<Response, PageError> {
    let lang = extract::language(&code)?;
    let home = format!("/{}/", lang.code());
    let to =
        q.to.filter(|t| t.starts_with(&home) && !t.contains("//") && !t.contains('\\'))
            .unwrap_or(home);
    let mut response = Redirect::to(&crate::extract::encode_path(&to)).into_response();
    crate::cookies::set(
        &mut response,
        crate::cookies::language(&state, &headers, lang.code()),
    );
    Ok(response)
}

/// `/en` goes to `/en/`.
pub async fn add_slash(Path(lang): Path<String>) -> Result<Response, PageError> {
    let lang = extract::language(&lang)?;
    Ok(super::moved(&format!("/{}/", lang.code())))
}

pub async fn front(
    State(state): State<Arc<AppState>>,
    Path(lang): Path<String>,
) -> Result<Response, PageError> {
    let lang = extract::language(&lang)?;
    let dateline_app::reading::front::FrontPage {
        lead,
        featured,
        rails: blocks,
    } = dateline_app::reading::front::front(&state.app, lang)
        .await
        .map_err(|e| PageError::from_store(lang, e))?;
    let programmes = super::programmes::side_box(&state, lang).await;
    let path = format!("/{}/", lang.code());
    let most_viewed = dateline_app::discovery::views::boxes(&state.app, lang, None).await;
    let base = view::base(&state, lang, Some(&path)).await;
    let title = state.renderer.message(
        lang,
        "front-title",
        &[("site", state.app.site_name().into())],
    );
    let html = state
        .renderer
        .render(
            "front.html",
            context! {
                title,
                description => state.renderer.message(
                    lang,
                    "front-description",
                    &[("site", state.app.site_name().into())],
                ),
                // A language with nothing published yet is not a page
                // search engines should keep.
                noindex => lead.is_none(),
                lead,
                featured,
                blocks,
                most_viewed,
                programmes,
                is_front => true,
                ..base
            },
        )
        .map_err(|e| PageError::internal(lang, e))?;
    Ok(with_most_viewed(page(html)))
}

/// A page that shows most-read lists is rendered again at least once a
/// minute, so the lists move with the counts.
pub(crate) fn with_most_viewed(mut response: Response) -> Response {
    response.extensions_mut().insert(crate::cache::CacheFor(
        dateline_app::discovery::views::MOST_VIEWED_FOR,
    ));
    response
}
