//! Autosaves: what a member types is kept from the first pause, so that
//! nothing lives only in the browser.

use super::fields::{self, Fields};
use super::problem::{Problem, Problems};
use super::workflow::may_change;
use crate::{Actor, App, Denied};
use dateline_core::newsroom::Action;
use dateline_core::Status;
use dateline_store::{Saved, User};
use time::OffsetDateTime;

/// Where an autosave went.
#[derive(Debug)]
pub enum Kept {
    /// Into the article itself (a draft, or a story readers cannot see),
    /// which is now at `version`.
    InPlace { id: i64, version: i64 },
    /// Aside, as the member's own autosave of the article: readers and
    /// other members' work are untouched until a Save.
    Aside { id: i64 },
    /// Not kept: the problems, by field.
    Refused(Problems),
}

/// The first pause in typing a new article: it becomes a draft.
pub async fn new_draft(
    app: &App,
    user: &User,
    form: &Fields,
    now: OffsetDateTime,
) -> Result<Kept, Denied> {
    let by = Actor::Member(user);
    by.require(Action::CreateArticle)?;
    let (input, problems) = fields::read_on(app, form, None, None).await?;
    if !problems.is_empty() {
        return Ok(Kept::Refused(problems));
    }
    let html = match crate::body::render(&input.body_markdown).await {
        Ok(html) => html,
        Err(e) => return Ok(Kept::Refused(Problems::one("body", Problem::Body(e)))),
    };
    match app
        .store
        .autosave_draft(None, &input, &html, None, user.id, now)
        .await?
    {
        Saved::Done(outcome) => {
            by.audit(
                &app.store,
                now,
                "create",
                "article",
                Some(outcome.id),
                Some(&input.headline),
            )
            .await?;
            Ok(Kept::InPlace {
                id: outcome.id,
                version: outcome.version,
            })
        }
        Saved::Conflict { .. } => Err(Denied::Store(dateline_store::StoreError::Invalid(
            "a new article cannot conflict".into(),
        ))),
    }
}

/// Keeps what is typed in article `id`, from the version the member has.
/// A draft (or a story readers cannot see) is saved in place, without a
/// revision; a published or scheduled one, and one someone else changed
/// meanwhile, keeps it aside.
pub async fn keep(
    app: &App,
    user: &User,
    id: i64,
    form: &Fields,
    now: OffsetDateTime,
) -> Result<Kept, Denied> {
    let meta = app.store.newsroom_article(id).await?;
    if !may_change(Actor::Member(user), meta.created_by, meta.status) {
        return Err(Denied::Forbidden);
    }
    let base = app.store.article_input(id).await?;
    let (input, problems) = fields::read_on(app, form, Some(&base), Some(id)).await?;
    // What is kept must be what a save could render.
    let html = match crate::body::render(&input.body_markdown).await {
        Ok(html) => html,
        Err(e) => return Ok(Kept::Refused(Problems::one("body", Problem::Body(e)))),
    };
    let version = form.version.trim().parse::<i64>().ok();
    let hidden = matches!(
        meta.status,
        Status::Draft | Status::Submitted | Status::Unpublished
    );
    if hidden && problems.is_empty() && version == Some(meta.version) {
        if let Saved::Done(outcome) = app
            .store
            .autosave_draft(Some(id), &input, &html, version, user.id, now)
            .await?
        {
            app.store.discard_autosave(id, user.id).await?;
            return Ok(Kept::InPlace {
                id,
                version: outcome.version,
            });
        }
    }
    app.store
        .autosave(id, meta.version, user.id, &input, now)
        .await?;
    Ok(Kept::Aside { id })
}
