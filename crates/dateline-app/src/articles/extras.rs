//! What editors add to a story besides its text: correction notes, pinned
//! related articles, and earlier revisions restored.

use super::problem::{Problem, Problems};
use crate::{Actor, App, Denied};
use dateline_core::newsroom::Action;
use dateline_core::{NoteKind, Status};
use dateline_store::{PathLookup, Saved, StoreError, User};
use time::OffsetDateTime;

/// Longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 2000;
/// Longest pin list accepted, in characters (five URLs fit many times).
pub const MAX_RELATED_TEXT: usize = 4_000;

/// Adds a correction, clarification or update to a published article.
/// `kind` is the word the form sent.
pub async fn add_note(
    app: &App,
    user: &User,
    id: i64,
    kind: &str,
    text: &str,
    now: OffsetDateTime,
) -> Result<Result<(), Problems>, Denied> {
    let by = Actor::Member(user);
    by.require(Action::AddNote)?;
    let kind: Option<NoteKind> = kind.parse().ok();
    let text = text.trim();
    let mut problems = Problems::new();
    if kind.is_none() {
        problems.insert("note_kind", Problem::NoteKind);
    }
    if text.is_empty() || text.chars().count() > MAX_NOTE_CHARS {
        problems.insert("note_text", Problem::NoteText);
    }
    let meta = app.store.newsroom_article(id).await?;
    if meta.status != Status::Published {
        problems.insert(
            "form",
            Problem::NotePublished {
                status: meta.status,
            },
        );
    }
    let Some(kind) = kind.filter(|_| problems.is_empty()) else {
        return Ok(Err(problems));
    };
    app.store.add_note(id, kind, text, now).await?;
    by.audit(
        &app.store,
        now,
        &format!("note-{}", kind.as_str()),
        "article",
        Some(id),
        Some(text),
    )
    .await?;
    Ok(Ok(()))
}

/// Pins the related articles an editor names, one per line (by id, public
/// path or full address on this site), to be shown first on the page.
pub async fn pin_related(
    app: &App,
    user: &User,
    id: i64,
    lines: &str,
    now: OffsetDateTime,
) -> Result<Result<(), Problems>, Denied> {
    let by = Actor::Member(user);
    by.require(Action::EditAny)?;
    app.store.newsroom_article(id).await?;
    if lines.chars().count() > MAX_RELATED_TEXT {
        return Ok(Err(Problems::one(
            "related",
            Problem::RelatedTooLong {
                max: MAX_RELATED_TEXT,
            },
        )));
    }
    let mut ids = Vec::new();
    for line in lines.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match pinned_id(app, line).await {
            Some(other) => ids.push(other),
            None => {
                return Ok(Err(Problems::one(
                    "related",
                    Problem::RelatedUnknown {
                        line: line.to_string(),
                    },
                )))
            }
        }
    }
    match app.store.set_related_pins(id, &ids, now).await {
        Ok(()) => {
            let detail = ids
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            by.audit(
                &app.store,
                now,
                "pin-related",
                "article",
                Some(id),
                Some(&detail),
            )
            .await?;
            Ok(Ok(()))
        }
        Err(StoreError::Invalid(why)) => Ok(Err(Problems::one(
            "related",
            Problem::RelatedRefused { why },
        ))),
        Err(e) => Err(e.into()),
    }
}

/// The article a pin line names: its id, its public path, or its full
/// address on this site (an old path that redirects counts).
async fn pinned_id(app: &App, line: &str) -> Option<i64> {
    if let Ok(n) = line.parse::<i64>() {
        return Some(n);
    }
    let path = line
        .strip_prefix(app.config.base_url.as_str())
        .unwrap_or(line);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let mut path = path.trim_end_matches('/').to_string();
    for _ in 0..3 {
        match app.store.lookup_path(&path).await.ok()? {
            PathLookup::Article(a) => return Some(a.id),
            PathLookup::Redirect(to) => path = to,
            PathLookup::Gone => return None,
        }
    }
    None
}

/// What the pin box shows: each pinned article's public path, or its id
/// while it is not published.
pub async fn pinned_text(app: &App, id: i64) -> Result<String, StoreError> {
    let pins = app.store.related_pins(id).await?;
    let cards = app.store.cards(&pins).await?;
    Ok(pins
        .iter()
        .map(|p| {
            cards
                .iter()
                .find(|c| c.id == *p)
                .map(|c| c.path.clone())
                .unwrap_or_else(|| p.to_string())
        })
        .collect::<Vec<_>>()
        .join("\n"))
}

/// Why a revision was not restored.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    /// Its body can no longer be rendered (limits, or the server busy).
    #[error("{0}")]
    Body(crate::body::BodyError),
    /// The store refused it (its sentence): a renamed section, say.
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    Denied(#[from] Denied),
}

impl From<StoreError> for RestoreError {
    fn from(e: StoreError) -> RestoreError {
        RestoreError::Denied(e.into())
    }
}

/// Makes revision `rev`'s content the article's; its status and time stay
/// as they are.
pub async fn restore(
    app: &App,
    user: &User,
    id: i64,
    rev: i64,
    now: OffsetDateTime,
) -> Result<(), RestoreError> {
    let by = Actor::Member(user);
    by.require(Action::RestoreRevision)?;
    let revision = app.store.revision(id, rev).await?;
    let current = app.store.article_input(id).await?;
    let mut input = revision.content;
    input.status = current.status;
    input.published_at = current.published_at;
    input.source_key = current.source_key;
    let html = crate::body::render(&input.body_markdown)
        .await
        .map_err(RestoreError::Body)?;
    match app
        .store
        .save_checked_rendered(Some(id), &input, &html, None, user.id, now)
        .await
    {
        Ok(Saved::Done(_)) => {
            by.audit(
                &app.store,
                now,
                "restore",
                "article",
                Some(id),
                Some(&format!("revision {rev}")),
            )
            .await?;
            Ok(())
        }
        // An unchecked save (no version given) does not conflict.
        Ok(Saved::Conflict { .. }) => Err(RestoreError::Refused(
            "the article changed while it was restored".into(),
        )),
        Err(StoreError::Invalid(m)) => Err(RestoreError::Refused(m)),
        Err(e) => Err(e.into()),
    }
}
