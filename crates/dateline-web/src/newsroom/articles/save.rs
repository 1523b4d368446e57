//! Saving the editor's form, workflow moves, and autosaves.

use super::editor::{editor, Shown};
use super::{csrf_of, worded, ArticleForm};
use crate::newsroom::auth::Member;
use crate::newsroom::frame::{self, FieldErrors, NewsroomError};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use dateline_app::articles::autosave::{self as keep, Kept};
use dateline_app::articles::workflow::{self, Outcome};
use dateline_core::newsroom::{Action, Transition};
use serde::Deserialize;
use std::sync::Arc;
use time::OffsetDateTime;

/// `POST /newsroom/articles`: a new article, saved as a draft (or at once
/// submitted, published or scheduled, as the button pressed says).
pub async fn create(
    State(state): State<Arc<AppState>>,
    member: Member,
    Form(form): Form<ArticleForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    member.require(Action::CreateArticle)?;
    store_form(&state, &member, None, form).await
}

/// `POST /newsroom/articles/{id}`: saves the editor's form.
pub async fn save(
    State(state): State<Arc<AppState>>,
    member: Member,
    Path(id): Path<i64>,
    Form(form): Form<ArticleForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    store_form(&state, &member, Some(id), form).await
}

async fn store_form(
    state: &AppState,
    member: &Member,
    id: Option<i64>,
    form: ArticleForm,
) -> Result<Response, NewsroomError> {
    let now = OffsetDateTime::now_utc();
    let moved = workflow::intent(&form.intent);
    let outcome = workflow::save(&state.app, &member.user, id, &form, moved, now).await?;
    let (errors, shown, status) = match outcome {
        Outcome::Done { id, moved, .. } => {
            // The notice says what happened: published (with a link to
            // the live page), scheduled (and when), sent to the editors.
            let done = match moved {
                Some(Transition::Publish) => "published",
                Some(Transition::Schedule) => "scheduled",
                Some(Transition::Submit) => "submitted",
                _ => "saved",
            };
            return Ok(frame::see_other(&format!(
                "/newsroom/articles/{id}?done={done}"
            )));
        }
        Outcome::Refused(problems) => (
            worded(state, member.lang, &problems),
            Shown::default(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Outcome::Conflict {
            current_version,
            kept_revision,
        } => (
            FieldErrors::new(),
            Shown {
                conflict: Some((current_version, kept_revision)),
                ..Shown::default()
            },
            StatusCode::CONFLICT,
        ),
    };
    editor(state, member, id, &form, &errors, shown, status).await
}

#[derive(Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    transition: String,
    #[serde(default)]
    version: String,
}

/// `POST /newsroom/articles/{id}/workflow`: a move without changing the
/// content (unpublish, unschedule, send back...).
pub async fn workflow(
    State(state): State<Arc<AppState>>,
    member: Member,
    Path(id): Path<i64>,
    Form(form): Form<MoveForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &form.csrf)?;
    let t: Transition = form
        .transition
        .parse()
        .map_err(|_| NewsroomError::BadRequest("unknown workflow action".into()))?;
    let version = form.version.trim().parse::<i64>().ok();
    let now = OffsetDateTime::now_utc();
    let errors = match workflow::move_article(&state.app, &member.user, id, t, version, now).await?
    {
        Ok(()) => {
            return Ok(frame::see_other(&format!(
                "/newsroom/articles/{id}?done=moved"
            )))
        }
        Err(problems) => worded(&state, member.lang, &problems),
    };
    let form = dateline_app::articles::editing::saved_fields(&state.app, id).await?;
    editor(
        &state,
        &member,
        Some(id),
        &form,
        &errors,
        Shown::default(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// The editor's autosave answer: when, the article's version now (the
/// script puts it in the form, so the next Save is not taken for a
/// conflict), and whether it went aside rather than into the article.
fn autosaved(at: OffsetDateTime, id: i64, version: Option<i64>, aside: bool) -> Response {
    frame::private(
        Json(serde_json::json!({
            "saved_at": at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
            "id": id,
            "version": version,
            "aside": aside,
        }))
        .into_response(),
    )
}

/// A refused autosave, as JSON: the first problem, in a sentence, and
/// every field's.
fn not_autosaved(errors: &FieldErrors) -> Response {
    let first = errors
        .iter()
        .find(|(field, _)| **field != "form")
        .or_else(|| errors.iter().next())
        .map(|(_, message)| message.clone())
        .unwrap_or_default();
    frame::private(
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(serde_json::json!({ "error": first, "fields": errors })),
        )
            .into_response(),
    )
}

/// The answer to an autosave, whatever became of it.
fn answer(state: &AppState, member: &Member, now: OffsetDateTime, kept: Kept) -> Response {
    match kept {
        Kept::InPlace { id, version } => autosaved(now, id, Some(version), false),
        Kept::Aside { id } => autosaved(now, id, None, true),
        Kept::Refused(problems) => not_autosaved(&worded(state, member.lang, &problems)),
    }
}

/// `POST /newsroom/articles/autosave`: the first pause in typing a new
/// article saves it as a draft, so that nothing typed lives only in the
/// browser; the script then carries on as in the draft's own editor.
pub async fn autosave_new(
    State(state): State<Arc<AppState>>,
    member: Member,
    headers: HeaderMap,
    Form(form): Form<ArticleForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &csrf_of(&headers, &form))?;
    member.require(Action::CreateArticle)?;
    let now = OffsetDateTime::now_utc();
    let kept = keep::new_draft(&state.app, &member.user, &form, now).await?;
    Ok(answer(&state, &member, now, kept))
}

/// `POST /newsroom/articles/{id}/autosave`: keeps what is typed (see
/// `dateline_app::articles::autosave::keep` for where it goes).
pub async fn autosave(
    State(state): State<Arc<AppState>>,
    member: Member,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): Form<ArticleForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &csrf_of(&headers, &form))?;
    let now = OffsetDateTime::now_utc();
    let kept = keep::keep(&state.app, &member.user, id, &form, now).await?;
    Ok(answer(&state, &member, now, kept))
}
