//! Saving an article from the editor, and moving it through the workflow
//! (submit, send back, schedule, publish, unpublish), with who may do what
//! (`dateline_core::newsroom`) and the times each move needs.

use super::fields::{self, Fields};
use super::problem::{Problem, Problems};
use crate::{Actor, App, Denied};
use dateline_core::newsroom::{may_edit, transition, Action, Transition};
use dateline_core::{ArticleInput, Status};
use dateline_store::{Saved, StoreError, User};
use time::{Duration, OffsetDateTime};

/// What became of a save or a move.
#[derive(Debug)]
pub enum Outcome {
    /// Saved (and moved, when a move was asked for).
    Done {
        id: i64,
        created: bool,
        moved: Option<Transition>,
    },
    /// Nothing was saved: the problems, by field.
    Refused(Problems),
    /// Someone saved the article since the member opened it: nothing was
    /// overwritten, and the member's text is kept as revision
    /// `kept_revision` to compare with version `current_version`.
    Conflict {
        current_version: i64,
        kept_revision: i64,
    },
}

/// May this actor change this article's content? (Writers their own
/// drafts; editors any.)
pub(super) fn may_change(by: Actor<'_>, created_by: Option<i64>, status: Status) -> bool {
    match by {
        Actor::Member(user) => may_edit(user.role, created_by == Some(user.id), status),
        Actor::Operator => true,
    }
}

/// Applies a workflow move to an article about to be saved: the actor's
/// right (refused outright), then the move's legality and the time it
/// needs (problems for the form).
pub fn apply(
    by: Actor<'_>,
    current: Status,
    t: Transition,
    input: &mut ArticleInput,
    now: OffsetDateTime,
    problems: &mut Problems,
) -> Result<(), Denied> {
    by.require(t.action())?;
    let Ok(to) = transition(current, t) else {
        problems.insert(
            "form",
            Problem::MoveNotAllowed {
                from: current,
                by: t,
            },
        );
        return Ok(());
    };
    match t {
        Transition::Publish => match input.published_at {
            Some(at) if at > now + Duration::minutes(1) && current != Status::Unpublished => {
                problems.insert("published_at", Problem::PublishFuture);
            }
            Some(_) => {}
            None => input.published_at = Some(now),
        },
        Transition::Schedule => match input.published_at {
            Some(at) if at > now => {
                // Embargoes are to the minute.
                input.published_at = Some(
                    at.replace_second(0)
                        .unwrap_or(at)
                        .replace_nanosecond(0)
                        .unwrap_or(at),
                );
            }
            _ => problems.insert("published_at", Problem::ScheduleTime),
        },
        _ => {}
    }
    input.status = to;
    problems.add_article_rules(input);
    Ok(())
}

/// The move the editor's button asks for with a save, if any.
pub fn intent(word: &str) -> Option<Transition> {
    match word {
        "submit" => Some(Transition::Submit),
        "publish" => Some(Transition::Publish),
        "schedule" => Some(Transition::Schedule),
        _ => None,
    }
}

/// Saves the editor's fields as article `id` (a new article when None),
/// then makes the move asked for; checks the version the member started
/// from, so nobody's work is overwritten.
pub async fn save(
    app: &App,
    user: &User,
    id: Option<i64>,
    form: &Fields,
    moved: Option<Transition>,
    now: OffsetDateTime,
) -> Result<Outcome, Denied> {
    let by = Actor::Member(user);
    let base = match id {
        Some(id) => {
            let meta = app.store.newsroom_article(id).await?;
            if !may_change(by, meta.created_by, meta.status) {
                return Err(Denied::Forbidden);
            }
            Some(app.store.article_input(id).await?)
        }
        None => {
            by.require(Action::CreateArticle)?;
            None
        }
    };
    let (mut input, mut problems) = fields::read_on(app, form, base.as_ref(), id).await?;
    let current = base.as_ref().map(|b| b.status).unwrap_or(Status::Draft);
    if let Some(t) = moved {
        apply(by, current, t, &mut input, now, &mut problems)?;
    }
    if !problems.is_empty() {
        return Ok(Outcome::Refused(problems));
    }
    // Rendered before the store's transaction opens, off the async threads.
    let html = match crate::body::render(&input.body_markdown).await {
        Ok(html) => html,
        Err(e) => return Ok(Outcome::Refused(Problems::one("body", Problem::Body(e)))),
    };
    let version = form.version.trim().parse::<i64>().ok();
    match app
        .store
        .save_checked_rendered(id, &input, &html, version, user.id, now)
        .await
    {
        Ok(Saved::Done(outcome)) => {
            let action = match (moved, outcome.created) {
                (Some(t), _) => t.as_str(),
                (None, true) => "create",
                (None, false) => "save",
            };
            by.audit(
                &app.store,
                now,
                action,
                "article",
                Some(outcome.id),
                Some(&input.headline),
            )
            .await?;
            app.store.discard_autosave(outcome.id, user.id).await?;
            if input.status == Status::Published {
                announce(app, &input).await;
            }
            Ok(Outcome::Done {
                id: outcome.id,
                created: outcome.created,
                moved,
            })
        }
        Ok(Saved::Conflict {
            current_version,
            kept_revision,
        }) => Ok(Outcome::Conflict {
            current_version,
            kept_revision,
        }),
        Err(StoreError::Invalid(message)) => Ok(Outcome::Refused(Problems::one(
            "form",
            Problem::Refused(message),
        ))),
        Err(e) => Err(e.into()),
    }
}

/// A move without changing the content (unpublish, unschedule, send
/// back...), from the version the member saw (the current one if None).
/// Nothing is typed, so nothing can conflict: the move is made, or refused
/// with its problems (someone moved it meanwhile among them).
pub async fn move_article(
    app: &App,
    user: &User,
    id: i64,
    t: Transition,
    version: Option<i64>,
    now: OffsetDateTime,
) -> Result<Result<(), Problems>, Denied> {
    let by = Actor::Member(user);
    by.require(t.action())?;
    let meta = app.store.newsroom_article(id).await?;
    if t == Transition::Submit && !may_change(by, meta.created_by, meta.status) {
        return Err(Denied::Forbidden);
    }
    let mut input = app.store.article_input(id).await?;
    let mut problems = Problems::new();
    apply(by, meta.status, t, &mut input, now, &mut problems)?;
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    // The content does not change, so neither does its render.
    let html = app.store.stored_body(id).await?;
    let version = version.or(Some(meta.version));
    if let Saved::Done(_) = app
        .store
        .save_checked_rendered(Some(id), &input, &html, version, user.id, now)
        .await?
    {
        if matches!(t, Transition::Publish | Transition::Unpublish) {
            announce(app, &input).await;
        }
        by.audit(
            &app.store,
            now,
            t.as_str(),
            "article",
            Some(id),
            Some(&input.headline),
        )
        .await?;
        return Ok(Ok(()));
    }
    Ok(Err(Problems::one("form", Problem::MovedMeanwhile)))
}

/// Tells the WebSub hub (if the site names one) that the article's feeds
/// changed.
async fn announce(app: &App, input: &ArticleInput) {
    let topics = crate::announce::topics(&app.config.base_url, input.language, &input.section);
    crate::announce::feeds_changed(app, topics).await;
}
