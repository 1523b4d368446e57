//! The media library: image uploads (alt text, caption and credit required;
//! resized to responsive renditions) and programme audio (its duration read
//! from the file). What a file is comes from its bytes, never its name.
//!
//! An upload is held in memory once: the multipart body's `Bytes` go to the
//! upload use case (`dateline_app::media`: its checks, processing off the
//! async threads behind a bound, the store and the audit log) without being
//! copied. Members see
//! every file, originals included, at `/newsroom/media/{id}/{file}`
//! (`private, no-store`); readers only what published content uses (see
//! `public::media`).

use super::auth::Member;
use super::frame::{self, NewsroomError, Page};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use dateline_app::media::{self as uploads, FileRef, Upload, UploadProblem, Uploaded, TEXT_CHARS};
use dateline_core::media::MediaKind;
use dateline_render::context;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;
use time::OffsetDateTime;

#[derive(Deserialize, Default)]
pub struct LibraryQuery {
    kind: Option<String>,
    done: Option<i64>,
    q: Option<String>,
    page: Option<u32>,
}

/// What the upload form shows again after a refusal.
#[derive(Serialize, Default)]
struct UploadForm {
    alt_text: String,
    caption: String,
    credit: String,
}

pub async fn library(
    State(state): State<Arc<AppState>>,
    member: Member,
    Query(q): Query<LibraryQuery>,
) -> Result<Response, NewsroomError> {
    let shown = Shown {
        kind: q.kind.as_deref(),
        done: q.done,
        words: q.q.as_deref().unwrap_or(""),
        page: i64::from(q.page.unwrap_or(1).clamp(1, 100_000)),
    };
    render(
        &state,
        &member,
        &shown,
        &UploadForm::default(),
        &BTreeMap::new(),
        StatusCode::OK,
    )
    .await
}

/// Which part of the library a page shows.
#[derive(Default)]
struct Shown<'a> {
    kind: Option<&'a str>,
    done: Option<i64>,
    words: &'a str,
    page: i64,
}

async fn render(
    state: &AppState,
    member: &Member,
    shown: &Shown<'_>,
    form: &UploadForm,
    errors: &BTreeMap<&'static str, String>,
    status: StatusCode,
) -> Result<Response, NewsroomError> {
    let kind = shown.kind.and_then(|k| k.parse::<MediaKind>().ok());
    let page = shown.page.max(1);
    let found = uploads::library(&state.app, kind, shown.words, page).await?;
    let pages = ((found.total + uploads::PER_PAGE - 1) / uploads::PER_PAGE).max(1);
    let items: Vec<_> = found
        .items
        .into_iter()
        .map(|m| {
            let ext = extension(&m.content_type);
            let thumb = m.renditions.first().map(|(v, _)| format!("/newsroom/media/{}/{}.{}", m.id, v, ext));
            context! {
                id => m.id, kind => m.kind, file_name => m.file_name, alt_text => m.alt_text,
                caption => m.caption, credit => m.credit, width => m.width, height => m.height,
                duration => m.duration_ms.map(|ms| format!("{}:{:02}", ms / 60_000, (ms / 1000) % 60)),
                byte_size => m.byte_size, url => format!("/newsroom/media/{}/original.{}", m.id, ext), thumb => thumb,
            }
        })
        .collect();
    Page::new(
        "nr-media.html",
        "nr-media-title",
        member.lang,
        context! {
            items => items, kind => kind, done => shown.done, form => form, errors => errors,
            words => shown.words, page => page, pages => pages, total => found.total,
        },
    )
    .member(member)
    .current("/newsroom/media")
    .status(status)
    .render(state)
}

pub use dateline_core::media::extension;

/// `GET /newsroom/media/t/{token}/{file}`: a file by its readers' token,
/// for members only, never cached.
pub async fn file_by_token(
    State(state): State<Arc<AppState>>,
    _member: Member,
    Path((token, file)): Path<(String, String)>,
    parts: Parts,
) -> Result<Response, NewsroomError> {
    let variant = crate::media_files::variant_of(&file).ok_or(NewsroomError::NotFound)?;
    let info = uploads::file(&state.app, FileRef::Token(&token), variant).await?;
    Ok(crate::media_files::serve(
        &state,
        &info,
        &parts.method,
        &parts.headers,
        crate::media_files::Audience::Member,
    )
    .await)
}

/// `GET /newsroom/media/{id}/{file}`: any stored file, for members only,
/// never cached by anyone.
pub async fn file(
    State(state): State<Arc<AppState>>,
    _member: Member,
    Path((id, file)): Path<(i64, String)>,
    parts: Parts,
) -> Result<Response, NewsroomError> {
    let variant = crate::media_files::variant_of(&file).ok_or(NewsroomError::NotFound)?;
    let info = uploads::file(&state.app, FileRef::Id(id), variant).await?;
    Ok(crate::media_files::serve(
        &state,
        &info,
        &parts.method,
        &parts.headers,
        crate::media_files::Audience::Member,
    )
    .await)
}

/// The most an upload's file is read into before it is known to be too
/// large: the request's own length says how much to set aside at once, so
/// the buffer does not grow (and copy itself) as the parts arrive.
fn file_capacity(parts_hint: Option<u64>) -> usize {
    parts_hint
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(0)
        .min(super::UPLOAD_LIMIT)
}

/// `POST /newsroom/media` (multipart): one file with its alt text, caption
/// and credit.
pub async fn upload(
    State(state): State<Arc<AppState>>,
    member: Member,
    headers: axum::http::HeaderMap,
    mut multipart: Multipart,
) -> Result<Response, NewsroomError> {
    let length = headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let mut csrf = String::new();
    let mut form = UploadForm::default();
    let mut file: Option<(String, Bytes)> = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                return Err(NewsroomError::BadRequest(format!(
                    "The upload did not arrive whole: {e}"
                )))
            }
        };
        let name = field.name().unwrap_or("").to_string();
        match name.as_str() {
            "file" => {
                let file_name = field
                    .file_name()
                    .unwrap_or("upload")
                    .chars()
                    .take(200)
                    .collect::<String>();
                let bytes = read_file(field, file_capacity(length)).await?;
                if !bytes.is_empty() {
                    file = Some((file_name, bytes));
                }
            }
            "csrf" | "alt_text" | "caption" | "credit" => {
                let text = field.text().await.unwrap_or_default();
                let text: String = text.chars().take(TEXT_CHARS + 1).collect();
                match name.as_str() {
                    "csrf" => csrf = text,
                    "alt_text" => form.alt_text = text,
                    "caption" => form.caption = text,
                    _ => form.credit = text,
                }
            }
            _ => {}
        }
    }
    member.check_csrf(&state, &csrf)?;
    // The editor's script (a picture dropped or pasted into the body or the
    // lead-image slot) reads JSON, and keeps its dialog open on a refusal.
    let json = frame::wants_json(&headers);
    let upload = Upload {
        file,
        alt_text: form.alt_text.clone(),
        caption: form.caption.clone(),
        credit: form.credit.clone(),
    };
    let now = OffsetDateTime::now_utc();
    match uploads::upload(&state.app, member.actor(), upload, now).await? {
        Uploaded::Done(item) if json => Ok(frame::private(Json(uploaded(&item)).into_response())),
        Uploaded::Done(item) => Ok(frame::see_other(&format!(
            "/newsroom/media?done={}",
            item.id
        ))),
        Uploaded::Refused(problems) => {
            let errors = problems
                .iter()
                .map(|(field, problem)| (*field, problem_message(&state, &member, problem)))
                .collect();
            refused(&state, &member, &form, &errors, json).await
        }
        Uploaded::Busy => busy_form(&state, &member, &form).await,
    }
}

/// An upload's problem in the member's language (the media checks' own
/// sentences as they are).
fn problem_message(state: &AppState, member: &Member, problem: &UploadProblem) -> String {
    let say = |key: &str, args: &[(&str, String)]| frame::say(state, member.lang, key, args);
    match problem {
        UploadProblem::NoFile => say("nr-err-file", &[]),
        UploadProblem::TooLong { max } => say("nr-err-too-long", &[("max", max.to_string())]),
        UploadProblem::NoAlt => say("nr-err-alt", &[]),
        UploadProblem::NotMedia => say("nr-err-file-kind", &[]),
        UploadProblem::Refused(e) => e.to_string(),
    }
}

/// An upload as the editor's script takes it: the address a body names it
/// by (a rendition about as wide as the article column), a thumbnail, and
/// its words.
fn uploaded(m: &dateline_store::MediaItem) -> serde_json::Value {
    let src = m
        .renditions
        .iter()
        .find(|(_, w)| *w >= 1024)
        .or(m.renditions.last())
        .map(|(v, _)| crate::media_files::path(m, v));
    let thumb = m
        .renditions
        .first()
        .map(|(v, _)| crate::media_files::member_path(&crate::media_files::path(m, v)));
    serde_json::json!({
        "id": m.id, "kind": m.kind, "src": src, "thumb": thumb,
        "alt": m.alt_text, "caption": m.caption, "credit": m.credit,
        "width": m.width, "height": m.height, "file_name": m.file_name,
    })
}

/// A refused upload: the form again with each field's message (and what
/// was typed), or for the script, the messages as JSON.
async fn refused(
    state: &AppState,
    member: &Member,
    form: &UploadForm,
    errors: &BTreeMap<&'static str, String>,
    json: bool,
) -> Result<Response, NewsroomError> {
    if json {
        return Ok(frame::private(
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(serde_json::json!({ "errors": errors })),
            )
                .into_response(),
        ));
    }
    render(
        state,
        member,
        &Shown::default(),
        form,
        errors,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// Reads the file part into one buffer set aside from the request's length
/// (so it neither grows nor copies itself on the way), refusing more than
/// the upload limit.
async fn read_file(
    mut field: axum::extract::multipart::Field<'_>,
    capacity: usize,
) -> Result<Bytes, NewsroomError> {
    let mut buffer = bytes::BytesMut::with_capacity(capacity);
    loop {
        match field.chunk().await {
            Ok(Some(chunk)) => {
                if buffer.len() + chunk.len() > super::UPLOAD_LIMIT {
                    return Err(NewsroomError::BadRequest(format!(
                        "The file is larger than the {} MiB an upload may be.",
                        super::UPLOAD_LIMIT / (1024 * 1024)
                    )));
                }
                buffer.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(buffer.freeze()),
            Err(e) => {
                return Err(NewsroomError::BadRequest(format!(
                    "The upload did not arrive whole: {e}"
                )))
            }
        }
    }
}

/// The upload form again, when the server is too busy processing other
/// uploads to take this one now: 503 with `Retry-After`, what was typed kept.
async fn busy_form(
    state: &AppState,
    member: &Member,
    form: &UploadForm,
) -> Result<Response, NewsroomError> {
    let mut errors = BTreeMap::new();
    errors.insert(
        "file",
        frame::say(state, member.lang, "nr-err-uploads-busy", &[]),
    );
    let mut response = render(
        state,
        member,
        &Shown::default(),
        form,
        &errors,
        StatusCode::SERVICE_UNAVAILABLE,
    )
    .await?;
    let (name, value) = crate::media_work::Busy::retry_after();
    response.headers_mut().insert(name, value);
    Ok(response.into_response())
}
