//! `GET /newsroom/previews/{token}`: a preview made in the editor (see the
//! newsroom's `previews`), shown as readers will see the article, to
//! whoever holds the address: a colleague it was sent to need not be signed
//! in. It is never cached and never indexed; only the newsroom may frame it.

use crate::error::PageError;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{Html, IntoResponse, Response};
use dateline_core::article::article_path;
use dateline_core::slug::slugify;
use dateline_core::{ArticleInput, Tag};
use dateline_store::ArticleView;
use std::sync::Arc;
use time::OffsetDateTime;

/// `GET /newsroom/previews/{token}`: the page, for whoever holds the
/// address (a colleague it was sent to need not be signed in).
pub async fn show(
    State(state): State<Arc<AppState>>,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let lang = state.config.default_language;
    let now = OffsetDateTime::now_utc();
    let Some(dateline_app::previews::Shown {
        preview,
        saved,
        section_name,
    }) = dateline_app::previews::show(&state.app, &token, now)
        .await
        .map_err(|e| PageError::from_store(lang, e))?
    else {
        return Err(PageError::not_found(lang));
    };
    // Pictures readers may not see yet come from the newsroom's copy (see
    // `media::member_path`); the sanitised body holds no other `src`.
    let body = preview
        .body_html
        .into_string()
        .replace("src=\"/media/", "src=\"/newsroom/media/t/");
    let live = preview.content.status == dateline_core::Status::Published;
    let view = view_of(
        preview.content,
        section_name,
        body,
        saved,
        preview.updated_at,
    );
    let html = super::article::render_preview(&state, view, live).await?;
    let mut response = crate::headers::private(Html(html).into_response());
    let h = response.headers_mut();
    // The editor frames it; nothing else may.
    if let Ok(csp) = HeaderValue::from_str(
        &crate::headers::CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'"),
    ) {
        h.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    h.insert(
        header::X_FRAME_OPTIONS,
        HeaderValue::from_static("SAMEORIGIN"),
    );
    Ok(response)
}

/// The page's article, from the typed content: the saved article's address,
/// notes and author page where there is one.
fn view_of(
    input: ArticleInput,
    section_name: String,
    body_html: String,
    saved: Option<ArticleView>,
    at: OffsetDateTime,
) -> ArticleView {
    let published = input.published_at.unwrap_or(at);
    let path = saved
        .as_ref()
        .map(|s| s.path.clone())
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| article_path(input.language, &input.section, published, &input.slug));
    let dateline = input.dateline.as_ref();
    ArticleView {
        id: saved.as_ref().map(|s| s.id).unwrap_or(0),
        language: input.language,
        path,
        slug: input.slug.clone(),
        headline: input.headline.clone(),
        standfirst: input.standfirst.clone(),
        dateline_place: dateline.map(|d| d.place.clone()),
        dateline_date: input.dateline_date,
        dateline_agency: dateline.and_then(|d| d.agency.clone()),
        byline: input.byline.clone(),
        author_slug: saved.as_ref().and_then(|s| s.author_slug.clone()),
        body_html,
        body_markdown: input.body_markdown.clone(),
        section_slug: input.section.clone(),
        section_name,
        tags: input
            .tags
            .iter()
            .map(|t| Tag {
                slug: slugify(t),
                name: t.clone(),
            })
            .collect(),
        notes: saved.map(|s| s.notes).unwrap_or_default(),
        published_at: published,
        updated_at: at,
        story_key: input.story_key,
        image_id: input.image_id,
        audio_id: input.audio_id,
        programme_id: input.programme_id,
    }
}
