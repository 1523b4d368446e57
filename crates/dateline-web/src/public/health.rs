//! Probes for load balancers and orchestrators.

use crate::AppState;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// `/healthz`: the process is alive and answering. Touches nothing else, so
/// a slow database never gets a healthy node restarted.
pub async fn alive() -> Response {
    ([(header::CACHE_CONTROL, "no-store")], "ok\n").into_response()
}

/// `/readyz`: this node can serve readers: the database answers, its
/// schema is the one this binary expects, and the search index is whole
/// (not being rebuilt). 503 with the reason otherwise, so a load balancer
/// sends readers elsewhere.
pub async fn ready(State(state): State<Arc<AppState>>) -> Response {
    let verdict = dateline_app::reading::readiness(&state.app)
        .await
        .map_err(|r| r.reason());
    let (status, body) = match verdict {
        Ok(()) => (StatusCode::OK, "ready\n".to_string()),
        Err(reason) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("not ready: {reason}\n"),
        ),
    };
    (
        status,
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
        ],
        body,
    )
        .into_response()
}
