//! Moving a WordPress site in from the newsroom: an administrator uploads
//! the export (WXR), the import runs in the background on this node
//! (`dateline_app::ingest::wordpress::runs`), and this page follows it,
//! refreshing itself while it runs, then shows its report. The same import
//! as `dateline import wordpress`, without the uploads folder.

use super::auth::Member;
use super::frame::{self, NewsroomError, Page};
use crate::AppState;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use dateline_app::ingest::wordpress::{runs, Options};
use dateline_core::newsroom::Action;
use dateline_core::Language;
use dateline_render::context;
use std::sync::Arc;
use time::OffsetDateTime;
use tokio::io::AsyncWriteExt;

/// `GET /newsroom/import`: the form, and the import running or last run.
pub async fn page(
    State(state): State<Arc<AppState>>,
    member: Member,
) -> Result<Response, NewsroomError> {
    member.require(Action::ManageUsers)?;
    render(&state, &member, None, StatusCode::OK)
}

fn render(
    state: &AppState,
    member: &Member,
    notice: Option<&str>,
    status: StatusCode,
) -> Result<Response, NewsroomError> {
    let run = runs::current(member.actor())?;
    let running = run.as_ref().is_some_and(|r| !r.done);
    let notice = notice.map(|id| state.renderer.message(member.lang, id, &[]));
    let languages: Vec<_> = Language::ALL
        .iter()
        .map(|l| context! { value => l.code(), label => l.native_name() })
        .collect();
    Page::new(
        "nr-import.html",
        "nr-import-title",
        member.lang,
        context! {
            run, running, notice, languages,
            default_language => state.config.default_language.code(),
            max_mib => runs::MAX_UPLOAD_BYTES / (1024 * 1024),
        },
    )
    .member(member)
    .current("/newsroom/import")
    .status(status)
    .render(state)
}

/// `POST /newsroom/import`: keeps the uploaded export in a file of its own
/// (the form's token is checked before a byte of it is written) and starts
/// the import.
pub async fn upload(
    State(state): State<Arc<AppState>>,
    member: Member,
    mut multipart: Multipart,
) -> Result<Response, NewsroomError> {
    member.require(Action::ManageUsers)?;
    let path = runs::upload_path()?;
    let mut fields = Fields::default();
    let read = read_form(&state, &member, &mut multipart, &path, &mut fields).await;
    let refused = match read {
        Ok(None) => None,
        Ok(Some(notice)) => Some(notice),
        Err(e) => {
            let _ = tokio::fs::remove_file(&path).await;
            return Err(e);
        }
    };
    if let Some(notice) = refused.or((fields.size == 0).then_some("nr-import-no-file")) {
        let _ = tokio::fs::remove_file(&path).await;
        return render(
            &state,
            &member,
            Some(notice),
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    let options = Options {
        language: fields.language.parse().ok(),
        draft: !fields.draft.is_empty(),
        fetch: !fields.fetch.is_empty(),
        permalinks: Some(fields.permalinks.trim().to_string()).filter(|p| !p.is_empty()),
        ..Options::default()
    };
    let now = OffsetDateTime::now_utc();
    let name = if fields.name.is_empty() {
        "export.xml".to_string()
    } else {
        fields.name
    };
    let started = runs::start(state.app.clone(), member.actor(), path, name, options, now).await?;
    if !started {
        return render(
            &state,
            &member,
            Some("nr-import-busy"),
            StatusCode::CONFLICT,
        );
    }
    Ok(frame::see_other("/newsroom/import"))
}

#[derive(Default)]
struct Fields {
    csrf_checked: bool,
    language: String,
    draft: String,
    fetch: String,
    permalinks: String,
    name: String,
    size: u64,
}

/// Reads the form, writing the file to `path`; Some(message id) when the
/// upload is refused.
async fn read_form(
    state: &AppState,
    member: &Member,
    multipart: &mut Multipart,
    path: &std::path::Path,
    fields: &mut Fields,
) -> Result<Option<&'static str>, NewsroomError> {
    while let Some(mut field) = multipart.next_field().await.map_err(incomplete)? {
        let name = field.name().unwrap_or("").to_string();
        if name != "file" {
            let text: String = field
                .text()
                .await
                .map_err(incomplete)?
                .chars()
                .take(200)
                .collect();
            match name.as_str() {
                "csrf" => {
                    member.check_csrf(state, &text)?;
                    fields.csrf_checked = true;
                }
                "language" => fields.language = text,
                "draft" => fields.draft = text,
                "fetch" => fields.fetch = text,
                "permalinks" => fields.permalinks = text,
                _ => {}
            }
            continue;
        }
        // The form puts its token first: nothing is written without it.
        if !fields.csrf_checked {
            return Err(NewsroomError::Forbidden);
        }
        fields.name = field
            .file_name()
            .unwrap_or("")
            .chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect();
        let mut out = tokio::fs::File::create(path)
            .await
            .map_err(|e| NewsroomError::Internal(format!("keeping the upload: {e}")))?;
        while let Some(chunk) = field.chunk().await.map_err(incomplete)? {
            fields.size += chunk.len() as u64;
            if fields.size > runs::MAX_UPLOAD_BYTES {
                return Ok(Some("nr-import-too-large"));
            }
            out.write_all(&chunk)
                .await
                .map_err(|e| NewsroomError::Internal(format!("keeping the upload: {e}")))?;
        }
        out.flush()
            .await
            .map_err(|e| NewsroomError::Internal(format!("keeping the upload: {e}")))?;
    }
    if !fields.csrf_checked {
        return Err(NewsroomError::Forbidden);
    }
    Ok(None)
}

fn incomplete(e: axum::extract::multipart::MultipartError) -> NewsroomError {
    NewsroomError::BadRequest(format!("The form did not arrive whole: {e}"))
}
