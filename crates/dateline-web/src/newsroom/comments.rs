//! Comment moderation in the newsroom: the queue, filtered by status and
//! article, with one-click actions on each row (approve, reject, spam,
//! delete, block the commenter, edit, reply as staff) and the same actions
//! on every checked row. Editors and administrators only.
//!
//! Every action is a plain form post that answers with a redirect back to
//! the queue; a request that asks for JSON (the queue's script, which also
//! gives the keyboard shortcuts) gets the outcome and the new counts
//! instead, so the row changes in place without a page load.

use super::auth::Member;
use super::frame::{self, NewsroomError, Page};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};

use dateline_app::comments::{self as use_case, Moderation, TextError};
use dateline_core::comment::{CommentProblem, CommentStatus};
use dateline_core::newsroom::Action;
use dateline_core::Language;
use dateline_render::context;
use serde::Deserialize;
use std::sync::Arc;
use time::OffsetDateTime;

/// Most comments one bulk action touches: a page of the queue.
const MAX_IDS: usize = 200;
/// Rows the queue shows.
const PAGE_ROWS: i64 = 200;

#[derive(Deserialize, Default)]
pub struct QueueQuery {
    status: Option<String>,
    article: Option<i64>,
    done: Option<u64>,
}

fn parse_status(s: &str) -> Option<CommentStatus> {
    match s {
        "pending" => Some(CommentStatus::Pending),
        "approved" => Some(CommentStatus::Approved),
        "rejected" => Some(CommentStatus::Rejected),
        "spam" => Some(CommentStatus::Spam),
        _ => None,
    }
}

/// A row's edit or reply form sent back with a problem: shown open again,
/// with what was typed and why it was refused.
struct OpenForm {
    id: i64,
    kind: &'static str,
    text: String,
    error: String,
}

pub async fn queue(
    State(state): State<Arc<AppState>>,
    member: Member,
    Query(q): Query<QueueQuery>,
) -> Result<Response, NewsroomError> {
    member.require(Action::ModerateComments)?;
    render_queue(&state, &member, &q, None).await
}

async fn render_queue(
    state: &AppState,
    member: &Member,
    q: &QueueQuery,
    open: Option<OpenForm>,
) -> Result<Response, NewsroomError> {
    // Pending by default; `all` shows every status.
    let status_text = q.status.clone().unwrap_or_else(|| "pending".into());
    let status = parse_status(&status_text);
    let items = use_case::queue(&state.app, member.actor(), status, q.article, PAGE_ROWS).await?;
    let counts = use_case::counts(&state.app, member.actor()).await?;
    let refused = open.is_some();
    Page::new(
        "nr-comments.html",
        "nr-comments-title",
        member.lang,
        context! {
            items => items,
            status => status_text,
            article => q.article,
            done => q.done,
            counts => counts,
            statuses => ["pending", "approved", "rejected", "spam", "all"],
            open => open.map(|o| context! { id => o.id, kind => o.kind, text => o.text, error => o.error }),
            moderation_js => dateline_render::assets::moderation_script(),
        },
    )
    .member(member)
    .current("/newsroom/comments")
    .status(if refused {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    })
    .render(state)
}

/// The queue again, after a change, on the page the member came from.
fn back_to(back: Option<&str>, done: u64) -> Response {
    let back = back
        .filter(|b| b.starts_with("/newsroom/comments"))
        .unwrap_or("/newsroom/comments");
    let sep = if back.contains('?') { '&' } else { '?' };
    frame::see_other(&format!("{back}{sep}done={done}"))
}

/// The outcome for the queue's script: how many changed, in a sentence
/// for the status line, and the tabs' new counts.
async fn outcome(
    state: &AppState,
    member: &Member,
    changed: u64,
    extra: serde_json::Value,
) -> Result<Response, NewsroomError> {
    let counts = use_case::counts(&state.app, member.actor()).await?;
    let message = state.renderer.message(
        member.lang,
        "nr-comments-done",
        &[("count", changed.into())],
    );
    let mut body = serde_json::json!({ "changed": changed, "message": message, "counts": counts });
    if let (Some(body), serde_json::Value::Object(extra)) = (body.as_object_mut(), extra) {
        body.extend(extra);
    }
    Ok(frame::private(Json(body).into_response()))
}

/// `POST /newsroom/comments`: one row's button (`act` = `approve:12`), or
/// `action` on every checked `id`.
///
/// The form is read field by field from the body, so that a post naming
/// a hundred thousand ids costs its bytes and no more: past [`MAX_IDS`] it
/// is refused before anything changes.
pub async fn moderate(
    State(state): State<Arc<AppState>>,
    member: Member,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, NewsroomError> {
    let mut csrf = None;
    let mut back = None;
    let mut act = None;
    let mut bulk_action = None;
    let mut ids: Vec<i64> = Vec::new();
    for (name, value) in form_urlencoded::parse(&body) {
        match &*name {
            "csrf" => csrf = Some(value.into_owned()),
            "back" => back = Some(value.into_owned()),
            "act" => act = Some(value.into_owned()),
            "action" => bulk_action = Some(value.into_owned()),
            "id" => {
                if ids.len() == MAX_IDS {
                    return Err(NewsroomError::BadRequest(format!(
                        "At most {MAX_IDS} comments can be changed at once."
                    )));
                }
                if let Ok(id) = value.parse() {
                    ids.push(id);
                }
            }
            _ => {}
        }
    }
    member.check_csrf(&state, csrf.as_deref().unwrap_or(""))?;
    member.require(Action::ModerateComments)?;
    // Before anything changes: a `back` no header can carry is refused.
    super::auth::check_return_path(back.as_deref())?;
    let action = match act.as_deref().and_then(|a| a.split_once(':')) {
        Some((action, id)) => {
            ids = vec![id
                .parse::<i64>()
                .map_err(|_| NewsroomError::BadRequest("No such comment.".into()))?];
            action.to_string()
        }
        None => bulk_action.unwrap_or_default(),
    };
    let action = Moderation::parse(&action).ok_or_else(|| {
        NewsroomError::BadRequest("Choose approve, reject, spam, block or delete.".into())
    })?;
    let now = OffsetDateTime::now_utc();
    let changed = use_case::moderate(&state.app, member.actor(), action, &ids, now).await?;
    if frame::wants_json(&headers) {
        return outcome(&state, &member, changed, serde_json::Value::Null).await;
    }
    Ok(back_to(back.as_deref(), changed))
}

#[derive(Deserialize)]
pub struct TextForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    body: String,
    back: Option<String>,
}

/// `POST /newsroom/comments/{id}/edit`: a comment's new text.
pub async fn edit(
    State(state): State<Arc<AppState>>,
    member: Member,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Form(form): Form<TextForm>,
) -> Result<Response, NewsroomError> {
    with_text(&state, &member, id, &headers, "edit", form).await
}

/// `POST /newsroom/comments/{id}/reply`: a reply in the member's name,
/// published at once and marked as the site's.
pub async fn reply(
    State(state): State<Arc<AppState>>,
    member: Member,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Form(form): Form<TextForm>,
) -> Result<Response, NewsroomError> {
    with_text(&state, &member, id, &headers, "reply", form).await
}

/// A row's text form (`kind` is `edit` or `reply`): checked as a reader's
/// comment is, then saved, audited and answered as the queue asked.
async fn with_text(
    state: &AppState,
    member: &Member,
    id: i64,
    headers: &HeaderMap,
    kind: &'static str,
    form: TextForm,
) -> Result<Response, NewsroomError> {
    member.check_csrf(state, &form.csrf)?;
    member.require(Action::ModerateComments)?;
    super::auth::check_return_path(form.back.as_deref())?;
    let now = OffsetDateTime::now_utc();
    let done = if kind == "edit" {
        use_case::edit(&state.app, member.actor(), id, &form.body, now)
            .await
            .map(|body| serde_json::json!({ "body": body }))
    } else {
        use_case::reply(&state.app, member.actor(), id, &form.body, now)
            .await
            .map(|reply| serde_json::json!({ "reply": reply }))
    };
    let extra = match done {
        Ok(extra) => extra,
        Err(TextError::Refused(problem)) => {
            return refuse(state, member, headers, id, kind, form, problem).await
        }
        Err(TextError::Denied(denied)) => return Err(denied.into()),
    };
    if frame::wants_json(headers) {
        return outcome(state, member, 1, extra).await;
    }
    Ok(back_to(form.back.as_deref(), 1))
}

/// A row's text refused: the script gets the sentence; a plain post gets
/// the queue again with the form open and what was typed in it.
async fn refuse(
    state: &AppState,
    member: &Member,
    headers: &HeaderMap,
    id: i64,
    kind: &'static str,
    form: TextForm,
    problem: CommentProblem,
) -> Result<Response, NewsroomError> {
    let error = problem_message(state, member.lang, problem);
    if frame::wants_json(headers) {
        return Ok(frame::private(
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(serde_json::json!({ "error": error })),
            )
                .into_response(),
        ));
    }
    let q = back_query(form.back.as_deref());
    render_queue(
        state,
        member,
        &q,
        Some(OpenForm {
            id,
            kind,
            text: form.body,
            error,
        }),
    )
    .await
}

/// The queue's filters, read back from the `back` address a row's form
/// carries.
fn back_query(back: Option<&str>) -> QueueQuery {
    let query = back.and_then(|b| b.split_once('?')).map_or("", |(_, q)| q);
    let mut q = QueueQuery::default();
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        match &*name {
            "status" => q.status = Some(value.into_owned()),
            "article" => q.article = value.parse().ok(),
            _ => {}
        }
    }
    q
}

fn problem_message(state: &AppState, lang: Language, problem: CommentProblem) -> String {
    match problem {
        CommentProblem::TooLong { limit, given } => state.renderer.message(
            lang,
            "nr-comment-text-too-long",
            &[("limit", limit.into()), ("given", given.into())],
        ),
        _ => state.renderer.message(lang, "nr-comment-text-missing", &[]),
    }
}
