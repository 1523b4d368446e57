//! Comment moderation in the newsroom: the queue, filtered by status and
//! article, with bulk approve, reject, spam and delete. Editors and
//! administrators only.

use super::auth::Member;
use super::frame::{self, NewsroomError, Page};
use crate::AppState;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::Form;
use dateline_core::comment::CommentStatus;
use dateline_core::newsroom::Action;
use dateline_render::context;
use serde::Deserialize;
use std::sync::Arc;
use time::OffsetDateTime;

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

pub async fn queue(
    State(state): State<Arc<AppState>>,
    member: Member,
    Query(q): Query<QueueQuery>,
) -> Result<Response, NewsroomError> {
    member.require(Action::ModerateComments)?;
    // Pending by default; `all` shows every status.
    let status_text = q.status.clone().unwrap_or_else(|| "pending".into());
    let status = parse_status(&status_text);
    let items = state.store.moderation_queue(status, q.article, 200).await?;
    Page::new(
        "nr-comments.html",
        "nr-comments-title",
        member.lang,
        context! {
            items => items,
            status => status_text,
            article => q.article,
            done => q.done,
            statuses => ["pending", "approved", "rejected", "spam", "all"],
        },
    )
    .member(&member)
    .current("/newsroom/comments")
    .render(&state)
}

/// `POST /newsroom/comments`: `action` applied to every checked `id`.
pub async fn moderate(
    State(state): State<Arc<AppState>>,
    member: Member,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, NewsroomError> {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    member.check_csrf(&state, field("csrf").unwrap_or(""))?;
    member.require(Action::ModerateComments)?;
    // Before anything changes: a `back` no header can carry is refused.
    super::auth::check_return_path(field("back"))?;
    let ids: Vec<i64> = fields
        .iter()
        .filter(|(k, _)| k == "id")
        .filter_map(|(_, v)| v.parse().ok())
        .take(1000)
        .collect();
    let action = field("action").unwrap_or("");
    let now = OffsetDateTime::now_utc();
    let changed = match action {
        "delete" => state.store.delete_comments(&ids, now).await?,
        other => {
            let status = match other {
                "approve" => CommentStatus::Approved,
                "reject" => CommentStatus::Rejected,
                "spam" => CommentStatus::Spam,
                _ => {
                    return Err(NewsroomError::BadRequest(
                        "Choose approve, reject, spam or delete.".into(),
                    ))
                }
            };
            state.store.set_comment_status(&ids, status, now).await?
        }
    };
    for id in &ids {
        member
            .audit(&state, now, action, "comment", Some(*id), None)
            .await?;
    }
    let back = field("back")
        .filter(|b| b.starts_with("/newsroom/comments"))
        .unwrap_or("/newsroom/comments");
    let sep = if back.contains('?') { '&' } else { '?' };
    Ok(frame::see_other(&format!("{back}{sep}done={changed}")))
}
