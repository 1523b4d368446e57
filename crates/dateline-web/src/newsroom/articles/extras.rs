//! What editors add to a story besides its text: correction notes, pinned
//! related articles, and its revisions (with diffs, and restore).

use super::editor::{editor, Shown};
use super::{sentence, worded};
use crate::newsroom::auth::Member;
use crate::newsroom::frame::{self, CsrfForm, NewsroomError, Page};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use dateline_app::articles::extras::{self, RestoreError};
use dateline_app::articles::Problems;
use dateline_core::newsroom::Action;
use dateline_render::context;
use serde::Deserialize;
use std::sync::Arc;
use time::OffsetDateTime;

#[derive(Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    text: String,
}

/// `POST /newsroom/articles/{id}/notes`: a correction, clarification or update.
pub async fn note(
    State(state): State<Arc<AppState>>,
    member: Member,
    Path(id): Path<i64>,
    Form(form): Form<NoteForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    member.require(Action::AddNote)?;
    let now = OffsetDateTime::now_utc();
    match extras::add_note(&state.app, &member.user, id, &form.kind, &form.text, now).await? {
        Ok(()) => Ok(frame::see_other(&format!(
            "/newsroom/articles/{id}?done=note"
        ))),
        Err(problems) => {
            let shown = Shown {
                note: Some(form.text),
                ..Shown::default()
            };
            refused(&state, &member, id, &problems, shown).await
        }
    }
}

#[derive(Deserialize)]
pub struct RelatedForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    related: String,
}

/// `POST /newsroom/articles/{id}/related`: the related articles an editor
/// pins, one per line, by public address or id; shown first on the page.
pub async fn related(
    State(state): State<Arc<AppState>>,
    member: Member,
    Path(id): Path<i64>,
    Form(form): Form<RelatedForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    member.require(Action::EditAny)?;
    let now = OffsetDateTime::now_utc();
    match extras::pin_related(&state.app, &member.user, id, &form.related, now).await? {
        Ok(()) => Ok(frame::see_other(&format!(
            "/newsroom/articles/{id}?done=related"
        ))),
        Err(problems) => {
            let shown = Shown {
                related: Some(form.related),
                ..Shown::default()
            };
            refused(&state, &member, id, &problems, shown).await
        }
    }
}

/// The saved article's editor again, with what was refused and why.
async fn refused(
    state: &AppState,
    member: &Member,
    id: i64,
    problems: &Problems,
    shown: Shown,
) -> Result<Response, NewsroomError> {
    let form = dateline_app::articles::editing::saved_fields(&state.app, id).await?;
    editor(
        state,
        member,
        Some(id),
        &form,
        &worded(state, member.lang, problems),
        shown,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

#[derive(Deserialize, Default)]
pub struct DiffQuery {
    from: Option<i64>,
    to: Option<i64>,
}

/// `GET /newsroom/articles/{id}/revisions?from=&to=`: the history, and the
/// diff between any two revisions (by default the last two).
pub async fn revisions(
    State(state): State<Arc<AppState>>,
    member: Member,
    Path(id): Path<i64>,
    Query(q): Query<DiffQuery>,
) -> Result<Response, NewsroomError> {
    let dateline_app::articles::editing::History {
        article: meta,
        revisions: list,
        from,
        to,
        diff,
    } = dateline_app::articles::editing::history(&state.app, id, q.from, q.to).await?;
    Page::new(
        "nr-revisions.html",
        "nr-revisions-title",
        member.lang,
        context! {
            article => meta,
            revisions => list.iter().map(|r| context! {
                id => r.id, version => r.version, kind => r.kind, user_name => r.user_name,
                at => r.created_at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
            }).collect::<Vec<_>>(),
            from => from,
            to => to,
            diff => diff,
            may_restore => member.user.role.may(Action::RestoreRevision),
        },
    )
    .member(&member)
    .current("/newsroom/articles")
    .render(&state)
}

/// `POST /newsroom/articles/{id}/revisions/{rev}/restore`: the revision's
/// content becomes the article's (its status and time stay as they are).
pub async fn restore(
    State(state): State<Arc<AppState>>,
    member: Member,
    Path((id, rev)): Path<(i64, i64)>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    member.require(Action::RestoreRevision)?;
    let now = OffsetDateTime::now_utc();
    match extras::restore(&state.app, &member.user, id, rev, now).await {
        Ok(()) => Ok(frame::see_other(&format!(
            "/newsroom/articles/{id}?done=restored"
        ))),
        Err(RestoreError::Body(e)) => Err(NewsroomError::BadRequest(e.to_string())),
        Err(RestoreError::Refused(m)) => Err(NewsroomError::BadRequest(sentence(&m))),
        Err(RestoreError::Denied(denied)) => Err(denied.into()),
    }
}
