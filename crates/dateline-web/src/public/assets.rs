//! Fingerprinted static files, cached for a year by browsers and CDNs.

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

pub async fn asset(Path(file): Path<String>) -> Response {
    let wanted = format!("/static/{file}");
    match dateline_render::assets::all()
        .iter()
        .find(|a| a.path == wanted)
    {
        Some(a) => (
            [
                (header::CONTENT_TYPE, a.content_type),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            a.body,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `/robots.txt`: everything public may be crawled; the newsroom may not.
pub async fn robots(
    axum::extract::State(state): axum::extract::State<std::sync::Arc<crate::AppState>>,
) -> Response {
    let body = format!(
        "User-agent: *\nAllow: /\nDisallow: /newsroom/\n\nSitemap: {0}/sitemap.xml\nSitemap: {0}/news-sitemap.xml\n",
        state.config.base_url
    );
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

/// `/favicon.ico`, which some clients ask for whatever the page says: the
/// site icon at its fingerprinted address.
pub async fn favicon() -> Response {
    axum::response::Redirect::permanent(dateline_render::assets::icon()).into_response()
}
