//! The editor page (new and saved articles) and the article list.

use super::ArticleForm;
use crate::newsroom::auth::Member;
use crate::newsroom::frame::{FieldErrors, NewsroomError, Page};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use dateline_core::media::MediaKind;
use dateline_core::newsroom::{may_edit, Action, Transition};
use dateline_core::{Language, Status};
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
    let meta = match id {
        Some(id) => Some(state.app.store.newsroom_article(id).await?),
        None => None,
    };
    let current = meta.as_ref().map(|m| m.status).unwrap_or(Status::Draft);
    let is_author = meta
        .as_ref()
        .map(|m| m.created_by == Some(member.user.id))
        .unwrap_or(true);
    let editable = may_edit(member.user.role, is_author, current);
    let moves: Vec<&str> = Transition::from_status(current)
        .into_iter()
        .filter(|t| member.user.role.may(t.action()))
        .map(Transition::as_str)
        .collect();
    let sections: Vec<_> = state
        .app
        .store
        .all_sections()
        .await?
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
    let mut images = state
        .app
        .store
        .media_list(Some(MediaKind::Image), 200, 0)
        .await?;
    let mut audio = state
        .app
        .store
        .media_list(Some(MediaKind::Audio), 200, 0)
        .await?;
    // The files an article carries are offered even when they are old.
    for (list, chosen) in [(&mut images, &form.image_id), (&mut audio, &form.audio_id)] {
        if let Ok(id) = chosen.trim().parse::<i64>() {
            if !list.iter().any(|m| m.id == id) {
                if let Ok(m) = state.app.store.media(id).await {
                    list.push(m);
                }
            }
        }
    }
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
    let programmes: Vec<_> = state
        .app
        .store
        .all_programmes()
        .await?
        .into_iter()
        .map(|p| context! { id => p.id, language => p.language.code(), name => p.name })
        .collect();
    let pinned = match (id, related) {
        (_, Some(kept)) => kept,
        (Some(id), None) if member.user.role.may(Action::EditAny) => {
            dateline_app::articles::extras::pinned_text(&state.app.store, id).await?
        }
        _ => String::new(),
    };
    let autosaved = match id {
        Some(id) => state
            .app.store
            .pending_autosave(id, member.user.id)
            .await?
            .map(|r| context! { form => ArticleForm::from_input(&r.content, r.version, &state.app.site().time_zone), at => r.created_at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default() }),
        None => None,
    };
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
            may_note => member.user.role.may(Action::AddNote) && current == Status::Published,
            may_pin => member.user.role.may(Action::EditAny),
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
    let found = state
        .app
        .store
        .newsroom_articles(&filter, PER_PAGE, (page - 1) * PER_PAGE)
        .await?;
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
    let lang = state.config.default_language;
    let form = ArticleForm {
        language: lang.code().into(),
        section: state
            .app
            .store
            .sections(lang)
            .await?
            .first()
            .map(|s| s.slug.clone())
            .unwrap_or_default(),
        byline: member.user.name.clone(),
        ..Default::default()
    };
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
    let input = state.app.store.article_input(id).await?;
    let version = state.app.store.article_version(id).await?;
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
        &ArticleForm::from_input(&input, version, &state.app.site().time_zone),
        &FieldErrors::new(),
        Shown {
            notice,
            ..Shown::default()
        },
        StatusCode::OK,
    )
    .await
}
