//! Reader comments: the block under an article (approved comments, the
//! reader's own pending one, the form) and the form's POST. The rules are
//! the application's (`dateline_app::comments`); here the form is read, the
//! outcome worded in the reader's language, and the reader sent back.

use super::article::{self, ArticleSegments};
use super::thread::FormState;
use crate::error::PageError;
use crate::AppState;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Form;
use dateline_app::comments::{self as use_case, Refusal, Submission};
use dateline_core::comment::{CommentForm, CommentProblem, CommentStatus, TokenProblem};
use dateline_core::Language;
use dateline_store::ArticleView;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use time::OffsetDateTime;

fn problem_message(
    state: &AppState,
    lang: Language,
    field: &str,
    problem: &CommentProblem,
) -> String {
    let key = match (field, problem) {
        ("name", CommentProblem::Missing) => "comment-error-name-missing",
        ("name", _) => "comment-error-name-too-long",
        ("email", CommentProblem::Missing) => "comment-error-email-missing",
        ("email", CommentProblem::TooLong { .. }) => "comment-error-email-too-long",
        ("email", _) => "comment-error-email-malformed",
        ("body", CommentProblem::Missing) => "comment-error-body-missing",
        _ => "comment-error-body-too-long",
    };
    match problem {
        CommentProblem::TooLong { limit, given } => state.renderer.message(
            lang,
            key,
            &[
                ("limit", (*limit as i64).into()),
                ("given", (*given as i64).into()),
            ],
        ),
        _ => state.renderer.message(lang, key, &[]),
    }
}

/// `POST {article path}/comments`.
///
/// The article is read with whether it takes comments in one query; the
/// whole article is read only to show the page again when the comment is
/// refused, or to answer for a path that holds no article now.
pub async fn post(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(segments): Path<ArticleSegments>,
    headers: HeaderMap,
    Form(fields): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let (lang, path) = article::path_of(&segments)?;
    let store_err = |e| PageError::from_store(lang, e);
    let now = OffsetDateTime::now_utc();
    let target = match use_case::target(&state.app, &path, now).await {
        Ok(Some(target)) => target,
        Ok(None) => {
            // Moved (301), withdrawn (410) or never there (404).
            return match article::find(&state, &segments).await? {
                Ok(_) => Err(PageError::not_found(lang)),
                Err(response) => Ok(response),
            };
        }
        Err(e) => return Err(store_err(e)),
    };
    let field = |k: &str| fields.get(k).cloned().unwrap_or_default();
    let input = CommentForm {
        name: field("name"),
        email: field("email"),
        body: field("body"),
        parent_id: fields.get("parent_id").and_then(|p| p.trim().parse().ok()),
    };
    let form = FormState {
        name: input.name.clone(),
        email: input.email.clone(),
        body: input.body.clone(),
        parent_id: input.parent_id,
        ..FormState::default()
    };
    let submission = Submission {
        form: input,
        token: field("token"),
        honeypot: fields.get("website").is_some_and(|v| !v.trim().is_empty()),
        address: crate::extract::client_address(&state, &headers, peer),
    };
    let posted = match use_case::post_to(&state.app, &target, &submission, now).await {
        Ok(posted) => posted,
        Err(use_case::PostError::Store(e)) => return Err(store_err(e)),
        Err(use_case::PostError::Refused(refusal)) => {
            return match article::find(&state, &segments).await? {
                Ok(article) => refused(&state, article, form, refusal).await,
                Err(response) => Ok(response),
            };
        }
    };

    // Committed: now, and only now, the reader is sent back to the article.
    let encoded = crate::extract::encode_path(&target.path);
    let location = format!("{encoded}#comment-{}", posted.id);
    let mut response = Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header(header::LOCATION, location)
        .header(header::CACHE_CONTROL, "no-store");
    if posted.status != CommentStatus::Approved {
        let cookie = crate::cookies::pending(
            &state,
            &headers,
            &use_case::pending_claim(&state.app, posted.id),
            &encoded,
            use_case::PENDING_SECONDS,
        );
        response = response.header(header::SET_COOKIE, cookie);
    }
    Ok(response.body(axum::body::Body::empty()).unwrap_or_default())
}

/// The article page again for a refused comment, with the reason worded
/// where the reader will look for it.
async fn refused(
    state: &AppState,
    article: ArticleView,
    mut form: FormState,
    refusal: Refusal,
) -> Result<Response, PageError> {
    let lang = article.language;
    let message = |key: &str| state.renderer.message(lang, key, &[]);
    let status = match refusal {
        Refusal::NotPublished => return Err(PageError::not_found(lang)),
        Refusal::Closed => {
            form.form_error = Some(message("comments-closed"));
            StatusCode::FORBIDDEN
        }
        Refusal::Token(problem) => {
            form.form_error = Some(message(match problem {
                TokenProblem::TooFast => "comment-error-too-fast",
                TokenProblem::Expired => "comment-error-expired",
                _ => "comment-error-invalid-form",
            }));
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Refusal::Fields(problems) => {
            for (name, problem) in &problems {
                form.errors
                    .insert(name, problem_message(state, lang, name, problem));
            }
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Refusal::TooManyLinks { limit } => {
            let text = state.renderer.message(
                lang,
                "comment-error-too-many-links",
                &[("limit", (limit as i64).into())],
            );
            form.errors.insert("body", text);
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Refusal::ReplyGone => {
            form.parent_id = None;
            form.form_error = Some(message("comment-error-reply-gone"));
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Refusal::RateLimited => {
            form.form_error = Some(message("comment-error-rate-limited"));
            let mut response = refuse(state, article, form, StatusCode::TOO_MANY_REQUESTS).await?;
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("600"));
            return Ok(response);
        }
        // This page's form has posted all it may: the refusal carries a
        // fresh form, so a reader only has to send again.
        Refusal::FormSpent => {
            form.form_error = Some(message("comment-error-expired"));
            StatusCode::UNPROCESSABLE_ENTITY
        }
    };
    refuse(state, article, form, status).await
}

/// Answers a refused submission: the article page again, with the reader's
/// input in the form and the reasons beside the fields.
async fn refuse(
    state: &AppState,
    article: ArticleView,
    form: FormState,
    status: StatusCode,
) -> Result<Response, PageError> {
    let html = article::render(state, article, 1, form, None).await?;
    let mut response = (status, Html(html)).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}
