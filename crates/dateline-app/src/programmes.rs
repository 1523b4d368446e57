//! Programmes, as editors run them: audio series with a podcast each, in
//! each language's order; adding one or changing it (a new slug moves its
//! page and feed; the old addresses answer 301), and deleting one, its
//! episodes moved to another programme of the language or to none.
//!
//! Readers' pages follow from the store's change feed ([`crate::follow`]).

use crate::{Actor, App, Denied};
use dateline_core::media::MediaKind;
use dateline_core::newsroom::Action;
use dateline_core::{Language, ProgrammeInput};
use dateline_store::{MediaItem, Programme, StoreError};
use std::collections::BTreeMap;
use time::OffsetDateTime;

/// Images of the library offered as covers.
const COVER_CHOICES: i64 = 200;

/// Every programme, what the one edited holds, and the covers offered.
#[derive(Debug)]
pub struct Desk {
    pub programmes: Vec<Programme>,
    /// Articles (episodes) of the programme edited; 0 when none is.
    pub articles: i64,
    pub images: Vec<MediaItem>,
}

/// Every programme (the page shows one language's, and counts the
/// others'), with the article count of the one `editing` names.
pub async fn desk(app: &App, by: Actor<'_>, editing: Option<i64>) -> Result<Desk, Denied> {
    by.require(Action::ManageProgrammes)?;
    let programmes = app.store.all_programmes().await?;
    let articles = match editing.filter(|id| programmes.iter().any(|p| p.id == *id)) {
        Some(id) => app.store.programme_article_count(id).await?,
        None => 0,
    };
    let images = app
        .store
        .media_list(Some(MediaKind::Image), COVER_CHOICES, 0)
        .await?;
    Ok(Desk {
        programmes,
        articles,
        images,
    })
}

/// One programme.
pub async fn programme(app: &App, by: Actor<'_>, id: i64) -> Result<Programme, Denied> {
    by.require(Action::ManageProgrammes)?;
    Ok(app.store.programme_by_id(id).await?)
}

/// A programme as the form sent it.
#[derive(Debug, Clone, Default)]
pub struct ProgrammeSave {
    /// The programme changed; None for a new one, or (without `create`)
    /// the one of the same language and slug.
    pub id: Option<i64>,
    /// From the page's "Add" form: a slug already taken is refused rather
    /// than saved over.
    pub create: bool,
    /// None when the form named no language of the site.
    pub language: Option<Language>,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub author: String,
    pub category: String,
    pub explicit: bool,
    /// An image of the library, as typed; empty for none.
    pub cover_id: String,
}

/// What can be wrong with a programme, by field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not one of the site's languages.
    Language,
    /// Not an image of the library.
    Cover,
    /// The field breaks the programme's own rules
    /// (`dateline_core::programme`); its sentence, in English.
    Field(String),
    /// Another programme of the language, named `name`, has the slug.
    SlugTaken { name: String },
}

/// Problems by form field.
pub type Problems = BTreeMap<&'static str, Problem>;

/// What became of a save.
#[derive(Debug)]
pub enum Saved {
    Done {
        id: i64,
    },
    /// Nothing stored: the problems, with the language the form is of.
    Refused {
        language: Language,
        problems: Problems,
    },
}

/// Adds a programme or changes one (NotFound when `input.id` names none).
pub async fn save(
    app: &App,
    by: Actor<'_>,
    input: &ProgrammeSave,
    now: OffsetDateTime,
) -> Result<Saved, Denied> {
    by.require(Action::ManageProgrammes)?;
    let mut problems = Problems::new();
    let text = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let existing = match input.id {
        Some(id) => Some(app.store.programme_by_id(id).await?),
        None => None,
    };
    let language = match (&existing, input.language) {
        // A programme keeps its language: its episodes are of it.
        (Some(p), _) => p.language,
        (None, Some(l)) => l,
        (None, None) => {
            problems.insert("language", Problem::Language);
            app.config.default_language
        }
    };
    let cover_id = match text(&input.cover_id) {
        None => None,
        Some(v) => match v.parse::<i64>() {
            Ok(id) if matches!(app.store.media(id).await, Ok(m) if m.kind == MediaKind::Image) => {
                Some(id)
            }
            _ => {
                problems.insert("cover_id", Problem::Cover);
                None
            }
        },
    };
    let programme = ProgrammeInput {
        language,
        slug: input.slug.trim().to_string(),
        name: input.name.trim().to_string(),
        description: text(&input.description),
        author: text(&input.author),
        category: text(&input.category),
        explicit: input.explicit,
        cover_id,
    };
    if let Err(found) = programme.validate() {
        for e in found {
            problems
                .entry(e.field)
                .or_insert_with(|| Problem::Field(e.message));
        }
    }
    // A slug another programme has, said with the other fields' problems
    // (the store checks it again when it writes). Without `create` or an
    // id, a form saves over the programme of its slug, as it always did.
    let renaming = existing.as_ref().is_some_and(|p| p.slug != programme.slug);
    if !problems.contains_key("slug") && (renaming || (existing.is_none() && input.create)) {
        if let Ok(p) = app.store.programme(language, &programme.slug).await {
            problems.insert("slug", Problem::SlugTaken { name: p.name });
        }
    }
    if !problems.is_empty() {
        return Ok(Saved::Refused { language, problems });
    }
    let stored = match &existing {
        Some(p) => app
            .store
            .update_programme(p.id, &programme, now)
            .await
            .map(|()| p.id),
        None => app.store.save_programme(&programme, now).await,
    };
    let id = match stored {
        Ok(id) => id,
        Err(StoreError::Conflict(_)) => {
            if let Ok(p) = app.store.programme(language, &programme.slug).await {
                problems.insert("slug", Problem::SlugTaken { name: p.name });
            }
            return Ok(Saved::Refused { language, problems });
        }
        Err(e) => return Err(e.into()),
    };
    let detail = match &existing {
        Some(p) if p.slug != programme.slug => format!(
            "{}/{} → {}/{}",
            language.code(),
            p.slug,
            language.code(),
            programme.slug
        ),
        _ => format!("{}/{}", language.code(), programme.slug),
    };
    by.audit(
        &app.store,
        now,
        "save",
        "programme",
        Some(id),
        Some(&detail),
    )
    .await?;
    Ok(Saved::Done { id })
}

pub use crate::sections::Reordered;

/// Puts a language's programmes in the order of `ids` (every one of them).
pub async fn reorder(
    app: &App,
    by: Actor<'_>,
    language: Language,
    ids: &[i64],
    now: OffsetDateTime,
) -> Result<Reordered, Denied> {
    by.require(Action::ManageProgrammes)?;
    match app.store.reorder_programmes(language, ids, now).await {
        Ok(()) => {
            let detail = format!("{}: {}", language.code(), crate::sections::join(ids));
            by.audit(&app.store, now, "order", "programme", None, Some(&detail))
                .await?;
            Ok(Reordered::Done)
        }
        Err(StoreError::Invalid(_)) => Ok(Reordered::Stale),
        Err(e) => Err(e.into()),
    }
}

/// What deleting a programme would do: the programme, its articles, and
/// the programmes of its language its episodes may move to.
#[derive(Debug)]
pub struct Doomed {
    pub programme: Programme,
    pub articles: i64,
    pub others: Vec<Programme>,
}

impl Doomed {
    /// The programme named by `to` if it is another of the language.
    pub fn target(&self, to: &str) -> Option<&Programme> {
        to.trim()
            .parse::<i64>()
            .ok()
            .and_then(|t| self.others.iter().find(|p| p.id == t))
    }
}

/// The programme `id`, its articles and the others of its language.
pub async fn doomed(app: &App, by: Actor<'_>, id: i64) -> Result<Doomed, Denied> {
    by.require(Action::ManageProgrammes)?;
    let programme = app.store.programme_by_id(id).await?;
    let articles = app.store.programme_article_count(id).await?;
    let mut others = app.store.programmes(programme.language).await?;
    others.retain(|p| p.id != id);
    Ok(Doomed {
        programme,
        articles,
        others,
    })
}

/// What became of a delete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deleted {
    /// Gone; `articles` of its episodes now name `to` (or none).
    Done { language: Language, articles: u64 },
    /// `to` is no other programme of the language: nothing changed.
    MoveTo,
}

/// Deletes programme `id`; its articles name programme `to`, or none.
pub async fn delete(
    app: &App,
    by: Actor<'_>,
    id: i64,
    to: Option<i64>,
    now: OffsetDateTime,
) -> Result<Deleted, Denied> {
    by.require(Action::ManageProgrammes)?;
    let programme = app.store.programme_by_id(id).await?;
    let articles = match app.store.delete_programme(id, to, now).await {
        Ok(n) => n,
        Err(StoreError::Invalid(_)) => return Ok(Deleted::MoveTo),
        Err(e) => return Err(e.into()),
    };
    let target = match to {
        Some(t) => app
            .store
            .programme_by_id(t)
            .await
            .map(|p| format!(" → {}/{}", p.language.code(), p.slug))
            .unwrap_or_default(),
        None => String::new(),
    };
    let detail = format!(
        "{}/{}{target} ({articles} articles)",
        programme.language.code(),
        programme.slug
    );
    by.audit(
        &app.store,
        now,
        "delete",
        "programme",
        Some(id),
        Some(&detail),
    )
    .await?;
    Ok(Deleted::Done {
        language: programme.language,
        articles,
    })
}
