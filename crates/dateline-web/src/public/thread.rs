//! The comments under an article: the approved ones (a page of them), the
//! reader's own awaiting moderation, and the form with what they typed.

use crate::error::PageError;
use crate::AppState;
use axum::http::HeaderMap;
use dateline_app::comments as use_case;
use dateline_core::comment::render_comment_body;
use dateline_render::{context, ContextValue};
use dateline_store::{ArticleView, CommentView, Openness};
use serde::Serialize;
use std::collections::BTreeMap;
use std::time::Duration;
use time::OffsetDateTime;

/// How long a cached article page (and so its form token) lives.
pub const FORM_REFRESH: Duration = Duration::from_secs(60);

/// What the form shows: what the reader typed, and what is wrong with it.
#[derive(Debug, Default, Clone, Serialize)]
pub struct FormState {
    pub name: String,
    pub email: String,
    pub body: String,
    pub parent_id: Option<i64>,
    pub errors: BTreeMap<&'static str, String>,
    pub form_error: Option<String>,
}

#[derive(Serialize)]
struct CommentItem {
    id: i64,
    name: String,
    body_html: String,
    created_at: String,
    /// Written in the newsroom: marked as the site's own.
    staff: bool,
    replies: Vec<CommentItem>,
}

fn item(c: &CommentView) -> CommentItem {
    CommentItem {
        id: c.id,
        name: c.name.clone(),
        body_html: render_comment_body(&c.body),
        staff: c.staff,
        created_at: c
            .created_at
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        replies: c.replies.iter().map(item).collect(),
    }
}

/// The comments block's context for the article template.
pub async fn block(
    state: &AppState,
    article: &ArticleView,
    page: i64,
    form: FormState,
    pending: Option<CommentView>,
) -> Result<ContextValue, PageError> {
    let lang = article.language;
    let now = OffsetDateTime::now_utc();
    let thread = use_case::thread(&state.app, article.id, page, now)
        .await
        .map_err(|e| PageError::from_store(lang, e))?
        .ok_or_else(|| PageError::not_found(lang))?;
    let comments = &thread.comments;
    let reply_to = match form.parent_id {
        Some(id) => comments
            .iter()
            .find(|c| c.id == id)
            .map(|c| context! { id => c.id, name => c.name.clone() }),
        None => None,
    };
    let closed = match thread.openness {
        Openness::Open => None,
        _ => Some(state.renderer.message(lang, "comments-closed", &[])),
    };
    Ok(context! {
        open => thread.openness == Openness::Open,
        closed,
        total => thread.total,
        page,
        pages => thread.pages,
        items => comments.iter().map(item).collect::<Vec<_>>(),
        pending => pending.as_ref().map(item),
        form,
        reply_to,
        token => thread.token,
        max_links => thread.max_links,
        action => format!("{}/comments", article.path),
    })
}

/// The reader's own pending comment on this article, when their cookie
/// names one and its signature holds.
pub async fn pending_for(
    state: &AppState,
    headers: &HeaderMap,
    article_id: i64,
) -> Option<CommentView> {
    let claim = crate::cookies::read(headers, crate::cookies::PENDING)?;
    use_case::pending_for(&state.app, &claim, article_id).await
}
