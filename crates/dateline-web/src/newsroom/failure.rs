//! What a newsroom handler fails with, and the page that says so in the
//! member's language; and the redirect after a change.

use crate::headers::private;
use crate::AppState;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use dateline_core::Language;
use dateline_store::StoreError;

/// After a change: back to a page (303, so a reload does not post again).
pub fn see_other(to: &str) -> Response {
    private(Redirect::to(to).into_response())
}

pub async fn add_slash() -> Response {
    see_other("/newsroom/")
}

/// What a newsroom handler can fail with.
#[derive(Debug)]
pub enum NewsroomError {
    /// No right to do this (or no valid CSRF token): 403, nothing changed.
    Forbidden,
    NotFound,
    /// A request no form of ours sends: 400.
    BadRequest(String),
    Internal(String),
}

impl From<dateline_app::Denied> for NewsroomError {
    fn from(e: dateline_app::Denied) -> Self {
        match e {
            dateline_app::Denied::Forbidden => NewsroomError::Forbidden,
            dateline_app::Denied::Store(e) => e.into(),
        }
    }
}

impl From<StoreError> for NewsroomError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => NewsroomError::NotFound,
            StoreError::Invalid(m) => NewsroomError::BadRequest(m),
            other => NewsroomError::Internal(other.to_string()),
        }
    }
}

/// A newsroom refusal on its way out: the error-page layer
/// (`error::render_error_pages`) words it in the member's language.
#[derive(Debug, Clone)]
pub struct NewsroomFailure {
    /// The catalogue's title and body of the page.
    pub keys: (&'static str, &'static str),
    /// A sentence of the request's own (a 400's reason), if any.
    pub detail: Option<String>,
}

impl IntoResponse for NewsroomError {
    fn into_response(self) -> Response {
        let (status, keys, detail) = match self {
            NewsroomError::Forbidden => (
                StatusCode::FORBIDDEN,
                ("nr-error-403-title", "nr-error-403-body"),
                None,
            ),
            NewsroomError::NotFound => (
                StatusCode::NOT_FOUND,
                ("nr-error-404-title", "nr-error-404-body"),
                None,
            ),
            NewsroomError::BadRequest(m) => (
                StatusCode::BAD_REQUEST,
                ("nr-error-400-title", "nr-error-400-body"),
                Some(m),
            ),
            NewsroomError::Internal(e) => {
                tracing::error!(error = %e, "newsroom request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    ("nr-error-500-title", "nr-error-500-body"),
                    None,
                )
            }
        };
        let mut response = private(status.into_response());
        response
            .extensions_mut()
            .insert(NewsroomFailure { keys, detail });
        response
    }
}

/// The page of a newsroom refusal, in `lang`.
pub fn failure_page(state: &AppState, lang: Language, failure: &NewsroomFailure) -> String {
    let heading = state.renderer.message(lang, failure.keys.0, &[]);
    let body = state.renderer.message(lang, failure.keys.1, &[]);
    let ctx = dateline_render::context! {
        lang => lang.code(),
        site => state.config.site_name,
        css => dateline_render::assets::newsroom_stylesheet(),
        heading => heading,
        body => body,
        detail => failure.detail,
    };
    state
        .renderer
        .render("nr-error.html", ctx)
        .unwrap_or_else(|e| {
            tracing::error!(error = %e, "the newsroom's error page failed to render");
            format!(
                "<!doctype html><html lang=\"{}\"><title>{1}</title><h1>{1}</h1>",
                lang.code(),
                escape(&heading)
            )
        })
}

/// Escapes text for the few answers built without a template.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
