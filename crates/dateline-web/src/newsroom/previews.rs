//! Previews: the whole article page (headline, picture, dateline, body, in
//! the site's own stylesheet) made from what is typed in the editor, at an
//! unguessable address that lasts a day. The Preview button opens it in a
//! new tab without script; with script, the editor's side-by-side view
//! shows the same page in a frame and follows the typing.
//!
//! The page is never cached and never indexed; only its own newsroom may
//! frame it.

use super::articles::{self, ArticleForm};
use super::auth::Member;
use super::frame::{self, NewsroomError};
use crate::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::{Form, Json};
use dateline_app::previews::{self, Previewed};
use dateline_core::newsroom::Action;
use serde::Deserialize;
use std::sync::Arc;
use time::OffsetDateTime;

/// The editor's form, with the article it belongs to and the address of the
/// member's preview so far (so the address stays while they type).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PreviewForm {
    #[serde(flatten)]
    form: ArticleForm,
    article: String,
    preview_token: String,
}

/// `POST /newsroom/previews`: keeps what is typed as a preview, and answers
/// its address: a 303 to it (the Preview button, in a new tab), or JSON
/// `{url}` for the editor's script.
pub async fn open(
    State(state): State<Arc<AppState>>,
    member: Member,
    headers: HeaderMap,
    Form(sent): Form<PreviewForm>,
) -> Result<Response, NewsroomError> {
    member.check_csrf(&state, &articles::csrf_of(&headers, &sent.form))?;
    member.require(Action::CreateArticle)?;
    let id = match sent.article.trim() {
        "" => None,
        id => Some(id.parse::<i64>().map_err(|_| NewsroomError::NotFound)?),
    };
    let json = frame::wants_json(&headers);
    let token = Some(sent.preview_token.trim()).filter(|t| !t.is_empty());
    let now = OffsetDateTime::now_utc();
    let token = match previews::keep(&state.app, &member.user, id, &sent.form, token, now).await? {
        Previewed::Kept { token } => token,
        Previewed::Body(e) => {
            let sentence = e.to_string();
            let answer = if json {
                Json(serde_json::json!({ "error": sentence })).into_response()
            } else {
                Html(format!(
                    "<!doctype html><meta charset=utf-8><title>{0}</title><p role=alert>{0}</p>",
                    frame::escape(&sentence)
                ))
                .into_response()
            };
            return Ok(frame::private(
                (StatusCode::UNPROCESSABLE_ENTITY, answer).into_response(),
            ));
        }
    };
    let url = format!("/newsroom/previews/{token}");
    if json {
        Ok(frame::private(
            Json(serde_json::json!({ "url": url, "token": token })).into_response(),
        ))
    } else {
        Ok(frame::see_other(&url))
    }
}
