//! The addresses of the site this one replaced, answered with a 301 (see
//! `dateline_app::reading::old_links`). A middleware, because an old
//! address may look like any of the routes (`/2012/01/07/slug/` is not an
//! article here, `/category/news/` would be a section of a language
//! called "category"): it asks only when the routes answered 404, or on
//! the site root when the query names a WordPress post, page or archive,
//! so no page that exists pays a lookup, and nothing it answers is cached.

use crate::AppState;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use dateline_app::reading::old_links;
use std::sync::Arc;

/// Paths no old address can be: the site's own surfaces.
const OWN: &[&str] = &[
    "/newsroom",
    "/api/",
    "/static/",
    "/media/",
    "/healthz",
    "/readyz",
];

pub async fn answer(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    if !matches!(*req.method(), Method::GET | Method::HEAD)
        || OWN.iter().any(|own| req.uri().path().starts_with(own))
    {
        return next.run(req).await;
    }
    let path = req.uri().path();
    let root = matches!(path, "/" | "/index.php");
    let key = old_links::key(path, if root { req.uri().query() } else { None });
    if root {
        // The root's own answer (a redirect to the reader's language)
        // never names a post: a WordPress query is looked up first.
        if let Some(key) = &key {
            if let Some(to) = old_links::find(&state.app, key).await {
                return moved(&to);
            }
        }
        return next.run(req).await;
    }
    let response = next.run(req).await;
    if response.status() != StatusCode::NOT_FOUND {
        return response;
    }
    match key {
        Some(key) => match old_links::find(&state.app, &key).await {
            Some(to) => moved(&to),
            None => response,
        },
        None => response,
    }
}

/// 301 to `to`, whose query (a later page) the path's encoding keeps.
fn moved(to: &str) -> Response {
    match to.split_once('?') {
        Some((path, query)) => super::moved_keeping_query(path, &format!("?{query}")),
        None => super::moved(to),
    }
}
