//! Previews: what is typed in the editor, kept as the whole article page at
//! an unguessable address that lasts a day (the store's
//! [`dateline_store::PREVIEW_LIFETIME`]).

use crate::articles::fields::{self, Fields};
use crate::body::BodyError;
use crate::{Actor, App, Denied};
use dateline_core::newsroom::Action;
use dateline_store::User;
use time::OffsetDateTime;

/// What became of a preview.
#[derive(Debug)]
pub enum Previewed {
    /// Kept at the address this token names (the one given, when it was
    /// the member's).
    Kept { token: String },
    /// The body could not be rendered: nothing kept.
    Body(BodyError),
}

/// Keeps the editor's fields as the member's preview of article `id` (or
/// of a new one), at the address `token` names when given. A preview shows
/// what is there, even before it could be saved: the fields' problems do
/// not stop it.
pub async fn keep(
    app: &App,
    user: &User,
    id: Option<i64>,
    form: &Fields,
    token: Option<&str>,
    now: OffsetDateTime,
) -> Result<Previewed, Denied> {
    Actor::Member(user).require(Action::CreateArticle)?;
    let base = match id {
        Some(id) => Some(app.store.article_input(id).await?),
        None => None,
    };
    let (input, _) = fields::read_on(app, form, base.as_ref(), id).await?;
    let html = match crate::body::render(&input.body_markdown).await {
        Ok(html) => html,
        Err(e) => return Ok(Previewed::Body(e)),
    };
    let token = app
        .store
        .save_preview(token, user.id, id, &input, &html, now)
        .await?;
    Ok(Previewed::Kept { token })
}

/// A preview to show at its address, with what the page needs of the
/// saved article and its section.
pub struct Shown {
    pub preview: dateline_store::Preview,
    /// The saved article it previews, where there is one (its address,
    /// notes and author page).
    pub saved: Option<dateline_store::ArticleView>,
    /// The section's name (its slug when the section is gone).
    pub section_name: String,
}

/// The preview at `token`, while it lasts; whoever holds the address may
/// see it (a colleague it was sent to need not be signed in).
pub async fn show(
    app: &App,
    token: &str,
    now: time::OffsetDateTime,
) -> Result<Option<Shown>, dateline_store::StoreError> {
    let Some(preview) = app.store.preview(token, now).await? else {
        return Ok(None);
    };
    let saved = match preview.article_id {
        Some(id) => app.store.article_view(id).await.ok(),
        None => None,
    };
    let content = &preview.content;
    let section_name = app
        .store
        .sections(content.language)
        .await
        .ok()
        .and_then(|list| list.into_iter().find(|s| s.slug == content.section))
        .map(|s| s.name)
        .unwrap_or_else(|| content.section.clone());
    Ok(Some(Shown {
        preview,
        saved,
        section_name,
    }))
}
