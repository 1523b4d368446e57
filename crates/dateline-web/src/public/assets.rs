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
