//! The editor page (new and saved articles) and the article list.

use super::ArticleForm;
use crate::newsroom::auth::Member;
use crate::newsroom::frame::{FieldErrors, NewsroomError, Page};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use dateline_app::articles::editing;
use dateline_core::newsroom::{Action, Transition};
use dateline_core::Language;
use dateline_render::context;
use dateline_store::NewsroomFilter;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

const PER_PAGE: i64 = 50;

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
}

/// What the editor shows besides the form and its problems.
#[derive(Default)]
pub(super) struct Shown {
    /// A notice of what was done.
    pub notice: Option<&'static str>,
    /// A save that met someone else's: their version, and the revision
    /// that keeps the member's text.
    pub conflict: Option<(i64, i64)>,
    /// A note refused, as typed.
    pub note: Option<String>,
    /// A pin list refused, as typed.
    pub related: Option<String>,
}

/// Everything the editor page shows besides the form.
pub(super) async fn editor(
    state: &AppState,
    member: &Member,
    id: Option<i64>,
    form: &ArticleForm,
    errors: &FieldErrors,
    shown: Shown,
    status: StatusCode,
) -> Result<Response, NewsroomError> {
    let Shown {
        notice,
        conflict,
        note,
        related,
    } = shown;
    let editing::Editor {
        article: meta,
        editable,
        moves,
        sections,
        images,
        audio,
        programmes,
        pinned,
        autosaved,
        may_note,
        may_pin,
    } = editing::editor(&state.app, &member.user, id, form, related).await?;
    let moves: Vec<&str> = moves.into_iter().map(Transition::as_str).collect();
    let sections: Vec<_> = sections
        .into_iter()
        .map(|s| context! { language => s.language.code(), slug => s.slug, name => s.name })
        .collect();
    let languages: Vec<Choice> = Language::ALL
        .into_iter()
        .map(|l| Choice {
            value: l.code().into(),
            label: l.native_name().into(),
        })
        .collect();
    // The picker's thumbnails (the narrowest rendition).
    let images: Vec<_> = images
        .iter()
        .map(|m| {
            context! {
                id => m.id, file_name => m.file_name, alt_text => m.alt_text,
                thumb => m.renditions.first().map(|(v, _)| crate::media_files::member_path(&crate::media_files::path(m, v))),
            }
        })
        .collect();
    let programmes: Vec<_> = programmes
        .into_iter()
        .map(|p| context! { id => p.id, language => p.language.code(), name => p.name })
        .collect();
    let autosaved = autosaved.map(|r| context! { form => ArticleForm::from_input(&r.content, r.version, &state.app.site().time_zone), at => r.created_at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default() });
    Page::new(
        "nr-editor.html",
        if id.is_some() {
            "nr-edit-title"
        } else {
            "nr-new-title"
        },
        member.lang,
        context! {
            id => id,
            form => form,
            errors => errors,
            notice => notice,
            conflict => conflict.map(|(version, revision)| context! { version, revision }),
            kept => context! { note },
            article => meta,
            editable => editable,
            moves => moves,
            sections => sections,
            languages => languages,
            images => images,
            audio => audio,
            programmes => programmes,
            autosaved => autosaved,
            may_note => may_note,
            may_pin => may_pin,
            pinned => pinned,
            editor_js => dateline_render::assets::editor_script(),
            editor_css => dateline_render::assets::editor_stylesheet(),
        },
    )
    .member(member)
    .current(if id.is_some() {
        "/newsroom/articles"
    } else {
        "/newsroom/articles/new"
    })
    .status(status)
    .render(state)
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    status: Option<String>,
    language: Option<String>,
    mine: Option<String>,
    q: Option<String>,
    page: Option<u32>,
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    member: Member,
    Query(q): Query<ListQuery>,
) -> Result<Response, NewsroomError> {
    let page = i64::from(q.page.unwrap_or(1).max(1));
    let filter = NewsroomFilter {
        status: q.status.as_deref().and_then(|s| s.parse().ok()),
        language: q.language.as_deref().and_then(|s| s.parse().ok()),
        created_by: q.mine.is_some().then_some(member.user.id),
        headline: q.q.clone().map(|s| s.chars().take(200).collect()),
    };
    let found = editing::list(&state.app, &filter, PER_PAGE, (page - 1) * PER_PAGE).await?;
    let pages = ((found.total + PER_PAGE - 1) / PER_PAGE).max(1);
    Page::new(
        "nr-articles.html",
        "nr-articles-title",
        member.lang,
        context! {
            articles => found.items,
            total => found.total,
            page => page,
            pages => pages,
            filter => context! {
                status => q.status.unwrap_or_default(),
                language => q.language.unwrap_or_default(),
                mine => q.mine.is_some(),
                q => q.q.unwrap_or_default(),
            },
            statuses => ["draft", "submitted", "scheduled", "published", "unpublished"],
            languages => Language::ALL.iter().map(|l| Choice { value: l.code().into(), label: l.native_name().into() }).collect::<Vec<_>>(),
        },
    )
    .member(&member)
    .current("/newsroom/articles")
    .render(&state)
}

pub async fn new(
    State(state): State<Arc<AppState>>,
    member: Member,
) -> Result<Response, NewsroomError> {
    member.require(Action::CreateArticle)?;
    let form = editing::new_fields(&state.app, &member.user).await?;
    editor(
        &state,
        &member,
        None,
        &form,
        &FieldErrors::new(),
        Shown::default(),
        StatusCode::OK,
    )
    .await
}

pub async fn edit(
    State(state): State<Arc<AppState>>,
    member: Member,
    Path(id): Path<i64>,
    Query(q): Query<BTreeMap<String, String>>,
) -> Result<Response, NewsroomError> {
    let form = editing::saved_fields(&state.app, id).await?;
    let notice = q.get("done").map(|d| match d.as_str() {
        "restored" => "nr-notice-restored",
        "note" => "nr-notice-note",
        "related" => "nr-notice-related",
        "moved" => "nr-notice-moved",
        "published" => "nr-notice-published",
        "scheduled" => "nr-notice-scheduled",
        "submitted" => "nr-notice-submitted",
        _ => "nr-notice-saved",
    });
    editor(
        &state,
        &member,
        Some(id),
        &form,
        &FieldErrors::new(),
        Shown {
            notice,
            ..Shown::default()
        },
        StatusCode::OK,
    )
    .await
}
