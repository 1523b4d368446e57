//! Errors of the public pages, answered with an HTML page in the reader's
//! language.
//!
//! Handlers return [`PageError`], which carries only the status and the
//! language; the [`render_error_pages`] middleware turns it (and any bare
//! error from routing or extraction) into a full page with the site's frame.
//! A database or template failure is logged and becomes a 500 that says
//! nothing of its cause.

use crate::{view, AppState};
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use dateline_core::Language;
use dateline_store::StoreError;
use std::sync::Arc;

#[derive(Debug, Clone, Copy)]
pub struct PageError {
    pub status: StatusCode,
    pub lang: Option<Language>,
}

impl PageError {
    pub fn not_found(lang: Language) -> PageError {
        PageError {
            status: StatusCode::NOT_FOUND,
            lang: Some(lang),
        }
    }
    pub fn gone(lang: Language) -> PageError {
        PageError {
            status: StatusCode::GONE,
            lang: Some(lang),
        }
    }
    pub fn bad_request(lang: Language) -> PageError {
        PageError {
            status: StatusCode::BAD_REQUEST,
            lang: Some(lang),
        }
    }

    /// Maps a store error: not found is a 404; anything else is logged here,
    /// with its cause, and shown as a bare 500.
    pub fn from_store(lang: Language, error: StoreError) -> PageError {
        match error {
            StoreError::NotFound => PageError::not_found(lang),
            other => {
                tracing::error!(error = %other, "store error while rendering a page");
                PageError {
                    status: StatusCode::INTERNAL_SERVER_ERROR,
                    lang: Some(lang),
                }
            }
        }
    }

    pub fn internal(lang: Language, error: impl std::fmt::Display) -> PageError {
        tracing::error!(%error, "error while rendering a page");
        PageError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            lang: Some(lang),
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        response.extensions_mut().insert(self);
        response
    }
}

/// Middleware: gives every error response without an HTML body the site's
/// error page, in the language of the page's path when it names one.
pub async fn render_error_pages(
    State(state): State<Arc<AppState>>,
    req: Request,
    next: Next,
) -> Response {
    // Probes answer plain text to machines; everything else gets a page.
    // The JSON API answers its errors in JSON.
    if matches!(req.uri().path(), "/healthz" | "/readyz") || req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let path_lang = req
        .uri()
        .path()
        .split('/')
        .nth(1)
        .and_then(crate::language::from_code);
    // The newsroom speaks the member's language (cookie, else browser).
    let newsroom_lang = req
        .uri()
        .path()
        .starts_with("/newsroom")
        .then(|| crate::language::newsroom(req.headers()));
    let response = next.run(req).await;
    if let Some(failure) = response
        .extensions()
        .get::<crate::newsroom::failure::NewsroomFailure>()
    {
        let lang = newsroom_lang.unwrap_or(Language::En);
        let html = crate::newsroom::failure::failure_page(&state, lang, failure);
        let (mut parts, _) = response.into_parts();
        parts.headers.insert(
            header::CONTENT_TYPE,
            header::HeaderValue::from_static("text/html; charset=utf-8"),
        );
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, axum::body::Body::from(html));
    }
    let status = response.status();
    // 416 answers a player's byte range and must keep its Content-Range.
    if !(status.is_client_error() || status.is_server_error())
        || status == StatusCode::RANGE_NOT_SATISFIABLE
    {
        return response;
    }
    // A page, or an error already worded for a script (the newsroom's
    // in-place actions read JSON), goes out as it is.
    let worded = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html") || v.starts_with("application/json"));
    if worded {
        return response;
    }
    let lang = response
        .extensions()
        .get::<PageError>()
        .and_then(|e| e.lang)
        .or(path_lang)
        .unwrap_or(state.config.default_language);
    let keys = match status {
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED => {
            ("error-404-title", "error-404-body")
        }
        StatusCode::GONE => ("error-410-title", "error-410-body"),
        s if s.is_client_error() => ("error-400-title", "error-400-body"),
        _ => ("error-500-title", "error-500-body"),
    };
    let retry_after = response.headers().get(header::RETRY_AFTER).cloned();
    let html = error_html(&state, lang, keys).await;
    let mut out = (status, Html(html)).into_response();
    out.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    // A 503 or 429 still says when to come back.
    if let Some(v) = retry_after {
        out.headers_mut().insert(header::RETRY_AFTER, v);
    }
    out
}

async fn error_html(
    state: &AppState,
    lang: Language,
    (title_key, body_key): (&str, &str),
) -> String {
    let heading = state.renderer.message(lang, title_key, &[]);
    let body = state.renderer.message(lang, body_key, &[]);
    let base = view::base(state, lang, None).await;
    let ctx = dateline_render::context! {
        title => format!("{heading} · {}", state.app.site_name()),
        heading => heading,
        body => body,
        noindex => true,
        ..base
    };
    state
        .renderer
        .render("error.html", ctx)
        .unwrap_or_else(|e| {
            tracing::error!(error = %e, "the error page itself failed to render");
            format!(
                "<!doctype html><html lang=\"{lang}\"><title>{heading}</title><h1>{heading}</h1>"
            )
        })
}
