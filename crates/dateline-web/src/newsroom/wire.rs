//! The wire desk: agency copy uploaded in the newsroom arrives as drafts,
//! through the same importer as `dateline import wire`, with the uploading
//! member's rights (see `crate::ingest`). Each file is reported on its own
//! (`file:line: message`), and one bad file does not stop the others.

use super::auth::Member;
use super::frame::{NewsroomError, Page};
use crate::ingest::{ingest, Filer, IngestOptions, Report};
use crate::AppState;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use dateline_core::newsroom::Action;
use dateline_core::{Language, Status};
use dateline_import::WireOptions;
use dateline_render::context;
use std::sync::Arc;
use time::OffsetDateTime;

/// Files one upload may carry, and the largest one (as the CLI allows).
const MAX_FILES: usize = 50;
const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

pub async fn desk(
    State(state): State<Arc<AppState>>,
    member: Member,
) -> Result<Response, NewsroomError> {
    render(&state, &member, None, StatusCode::OK)
}

fn render(
    state: &AppState,
    member: &Member,
    report: Option<&Report>,
    status: StatusCode,
) -> Result<Response, NewsroomError> {
    let languages: Vec<_> = Language::ALL
        .iter()
        .map(|l| context! { value => l.code(), label => l.native_name() })
        .collect();
    Page::new(
        "nr-wire.html",
        "nr-wire-title",
        member.lang,
        context! {
            languages => languages,
            default_language => state.config.default_language.code(),
            report => report.map(|r| context! {
                created => r.created, updated => r.updated, failed => r.failed, warnings => r.warnings,
            }),
        },
    )
    .member(member)
    .current("/newsroom/wire")
    .status(status)
    .render(state)
}

/// `POST /newsroom/wire` (multipart): `files` (one or more), `language`.
pub async fn upload(
    State(state): State<Arc<AppState>>,
    member: Member,
    mut multipart: Multipart,
) -> Result<Response, NewsroomError> {
    let mut csrf = String::new();
    let mut language = state.config.default_language;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut report = Report::default();
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
        match field.name().unwrap_or("") {
            "csrf" => csrf = field.text().await.unwrap_or_default(),
            "language" => {
                if let Ok(l) = field.text().await.unwrap_or_default().parse() {
                    language = l;
                }
            }
            "files" => {
                let name = field
                    .file_name()
                    .unwrap_or("wire.txt")
                    .chars()
                    .take(200)
                    .collect::<String>();
                let bytes = field.bytes().await.map_err(|e| {
                    NewsroomError::BadRequest(format!("The upload did not arrive whole: {e}"))
                })?;
                if bytes.is_empty() && name.is_empty() {
                    continue;
                }
                if files.len() >= MAX_FILES {
                    report.failed.push(format!(
                        "{name}:1: more than {MAX_FILES} files in one upload; send the rest again"
                    ));
                } else if bytes.len() > MAX_FILE_BYTES {
                    report.failed.push(format!(
                        "{name}:1: larger than 4 MiB; wire copy is never that long"
                    ));
                } else {
                    files.push((name, bytes.to_vec()));
                }
            }
            _ => {}
        }
    }
    member.check_csrf(&state, &csrf)?;
    member.require(Action::ImportWire)?;
    if files.is_empty() && report.failed.is_empty() {
        report
            .failed
            .push("Choose one or more files of wire copy.".into());
        return render(
            &state,
            &member,
            Some(&report),
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    let options = IngestOptions {
        wire: WireOptions {
            year: None,
            default_language: language,
            default_section: None,
        },
        status: Status::Draft,
        desk: true,
        // The copy meets this member's rights: it changes only articles
        // they may edit, and creates no section unless they run sections.
        by: Some(Filer {
            user_id: member.user.id,
            role: member.user.role,
        }),
    };
    let now = OffsetDateTime::now_utc();
    for (name, bytes) in &files {
        ingest(&state.store, name, bytes, &options, now, &mut report).await;
    }
    member
        .audit(
            &state,
            now,
            "import-wire",
            "article",
            None,
            Some(&report.summary_with_ids()),
        )
        .await?;
    let nothing_in = report.created.is_empty() && report.updated.is_empty();
    let status = if nothing_in {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render(&state, &member, Some(&report), status)
}
