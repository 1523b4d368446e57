//! `GET /media/{token}/{file}`: uploaded files for readers (the serving
//! itself is `crate::media_files`'s, which the newsroom shares).

use crate::media_files::{internal, serve, variant_of, Audience};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use dateline_store::StoreError;
use std::sync::Arc;

/// `GET /media/{token}/{file}`.
pub async fn file(
    State(state): State<Arc<AppState>>,
    Path((token, file)): Path<(String, String)>,
    parts: Parts,
) -> Response {
    let Some(variant) = variant_of(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let info = match dateline_app::reading::media_file(&state.app, &token, variant).await {
        Ok(info) => info,
        Err(StoreError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => return internal(e),
    };
    let audience = if info.public {
        Audience::Public
    } else {
        if !crate::session::signed_in(&state, &parts.headers).await {
            return StatusCode::NOT_FOUND.into_response();
        }
        Audience::Member
    };
    serve(&state, &info, &parts.method, &parts.headers, audience).await
}
