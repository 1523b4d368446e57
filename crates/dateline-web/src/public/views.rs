//! The view beacon and the most-read lists in JSON.

use super::search::{json, json_error};
use crate::AppState;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use dateline_app::discovery::views::Window;
use serde::Deserialize;
use std::net::SocketAddr;
use std::sync::Arc;

/// `POST /views/{id}`: the article page's beacon, sent when the page has
/// loaded, so a page that a CDN or the browser answered still counts. The
/// server counts the pages it answers itself; the two fold into one view.
pub async fn beacon(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    crate::counting::count_request(&state, &headers, peer, id);
    (
        StatusCode::NO_CONTENT,
        [(header::CACHE_CONTROL, "no-store")],
    )
        .into_response()
}

#[derive(Debug, Deserialize, Default)]
pub struct MostViewedParams {
    #[serde(default)]
    window: String,
    #[serde(default)]
    section: String,
}

/// `GET /api/v1/{lang}/most-viewed?window=day|week|month&section=slug`
pub async fn most_viewed(
    State(state): State<Arc<AppState>>,
    Path(lang): Path<String>,
    Query(p): Query<MostViewedParams>,
) -> Response {
    let Some(lang) = crate::language::from_code(&lang) else {
        return json_error(StatusCode::NOT_FOUND, "no such language");
    };
    let window = match p.window.as_str() {
        "" => Window::Day,
        w => match Window::parse(w) {
            Some(w) => w,
            None => {
                return json_error(
                    StatusCode::BAD_REQUEST,
                    "window is one of day, week and month",
                )
            }
        },
    };
    let section = Some(p.section.trim()).filter(|s| !s.is_empty());
    let Some(list) = dateline_app::reading::most_viewed(&state.app, lang, section, window).await
    else {
        return json_error(StatusCode::NOT_FOUND, "no such section");
    };
    let base = &state.config.base_url;
    let articles: Vec<serde_json::Value> = list
        .iter()
        .map(|r| {
            serde_json::json!({
                "id": r.card.id,
                "url": format!("{base}{}", r.card.path),
                "headline": r.card.headline,
                "section": r.card.section_slug,
                "views": r.views,
            })
        })
        .collect();
    json(
        StatusCode::OK,
        serde_json::json!({ "window": window, "section": section, "articles": articles }),
    )
}
