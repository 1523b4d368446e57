//! Sections, as administrators run them: each language's sections in their
//! order, adding one or changing its name, slug (a rename moves its
//! articles' addresses; the old ones answer 301) or key across languages,
//! and deleting one after moving its articles to another of the language.
//!
//! Readers' pages follow from the store's change feed ([`crate::follow`]).

use crate::{Actor, App, Denied};
use dateline_core::newsroom::Action;
use dateline_core::slug::is_section_slug;
use dateline_core::{Language, Section};
use dateline_store::{SectionListing, StoreError, SECTION_KEY_CHARS, SECTION_NAME_CHARS};
use std::collections::BTreeMap;
use time::OffsetDateTime;

/// A language's sections as the newsroom lists them, and how many sections
/// each language has.
#[derive(Debug)]
pub struct Desk {
    pub sections: Vec<SectionListing>,
    pub counts: Vec<(Language, i64)>,
}

/// A language's sections, in their order, with the count per language.
pub async fn desk(app: &App, by: Actor<'_>, language: Language) -> Result<Desk, Denied> {
    by.require(Action::ManageSections)?;
    Ok(Desk {
        sections: app.store.section_listings(language).await?,
        counts: app.store.section_counts().await?,
    })
}

/// One section, with what it holds.
pub async fn listing(app: &App, by: Actor<'_>, id: i64) -> Result<SectionListing, Denied> {
    by.require(Action::ManageSections)?;
    Ok(app.store.section_listing(id).await?)
}

/// A section as the form sent it.
#[derive(Debug, Clone, Default)]
pub struct SectionInput {
    /// The section changed; None for a new one.
    pub id: Option<i64>,
    /// None when the form named no language of the site.
    pub language: Option<Language>,
    pub slug: String,
    pub name: String,
    /// Its key across languages; empty for none.
    pub key: String,
}

/// What can be wrong with a section, by field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Not one of the site's languages.
    Language,
    /// Not a slug a section may have.
    Slug,
    /// Another section of the language has that slug.
    SlugTaken,
    /// Empty, or longer than [`SECTION_NAME_CHARS`].
    Name,
    /// Longer than [`SECTION_KEY_CHARS`].
    Key,
}

/// Problems by form field.
pub type Problems = BTreeMap<&'static str, Problem>;

/// What became of a save.
#[derive(Debug)]
pub enum Saved {
    /// Stored. `moved`: articles that took a new address.
    Done {
        id: i64,
        language: Language,
        moved: usize,
    },
    /// Nothing stored: the problems, with the language the form is of.
    Refused {
        language: Language,
        problems: Problems,
    },
    /// The form asked to move an existing section to another language:
    /// a section keeps its language.
    KeepsLanguage,
}

/// Adds a section, or changes the one `input.id` names (NotFound when
/// there is none).
pub async fn save(
    app: &App,
    by: Actor<'_>,
    input: &SectionInput,
    now: OffsetDateTime,
) -> Result<Saved, Denied> {
    by.require(Action::ManageSections)?;
    let mut problems = Problems::new();
    if input.language.is_none() {
        problems.insert("language", Problem::Language);
    }
    let lang = input.language.unwrap_or(app.config.default_language);
    let existing = match input.id {
        Some(id) => Some(app.store.section_listing(id).await?),
        None => None,
    };
    if let Some(existing) = &existing {
        if input
            .language
            .is_some_and(|l| l != existing.section.language)
        {
            return Ok(Saved::KeepsLanguage);
        }
    }
    let slug = input.slug.trim();
    if !is_section_slug(slug) {
        problems.insert("slug", Problem::Slug);
    } else if existing.as_ref().is_none_or(|s| s.section.slug != slug)
        && app.store.section(lang, slug).await.is_ok()
    {
        // Said with the other fields' problems; the store checks it again
        // in the transaction that writes.
        problems.insert("slug", Problem::SlugTaken);
    }
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > SECTION_NAME_CHARS {
        problems.insert("name", Problem::Name);
    }
    let key = input.key.trim();
    if key.chars().count() > SECTION_KEY_CHARS {
        problems.insert("key", Problem::Key);
    }
    if !problems.is_empty() {
        return Ok(Saved::Refused {
            language: lang,
            problems,
        });
    }
    let section = Section {
        language: lang,
        slug: slug.to_string(),
        name: name.to_string(),
        position: 0,
        key: Some(key.to_string()).filter(|k| !k.is_empty()),
    };
    let stored = match &existing {
        None => app
            .store
            .create_section(&section, now)
            .await
            .map(|id| (id, 0)),
        Some(existing) => app
            .store
            .update_section(existing.id, &section, now)
            .await
            .map(|moved| (existing.id, moved.paths)),
    };
    let (id, moved) = match stored {
        Ok(done) => done,
        Err(StoreError::Conflict(_)) => {
            return Ok(Saved::Refused {
                language: lang,
                problems: Problems::from([("slug", Problem::SlugTaken)]),
            })
        }
        Err(e) => return Err(e.into()),
    };
    let detail = match &existing {
        Some(old) if old.section.slug != section.slug => format!(
            "{}/{} → {}/{} ({moved} articles moved)",
            lang.code(),
            old.section.slug,
            lang.code(),
            section.slug
        ),
        _ => format!("{}/{}", lang.code(), section.slug),
    };
    by.audit(&app.store, now, "save", "section", Some(id), Some(&detail))
        .await?;
    Ok(Saved::Done {
        id,
        language: lang,
        moved,
    })
}

/// What became of a new order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reordered {
    Done,
    /// The ids are not the language's sections as they are now (one was
    /// added or deleted since the page was shown): nothing changed.
    Stale,
}

/// Puts a language's sections in the order of `ids` (every one of them).
pub async fn reorder(
    app: &App,
    by: Actor<'_>,
    language: Language,
    ids: &[i64],
    now: OffsetDateTime,
) -> Result<Reordered, Denied> {
    by.require(Action::ManageSections)?;
    match app.store.reorder_sections(language, ids, now).await {
        Ok(()) => {
            let detail = format!("{}: {}", language.code(), join(ids));
            by.audit(&app.store, now, "order", "section", None, Some(&detail))
                .await?;
            Ok(Reordered::Done)
        }
        Err(StoreError::Invalid(_)) => Ok(Reordered::Stale),
        Err(e) => Err(e.into()),
    }
}

/// Ids as the audit log shows an order.
pub fn join(ids: &[i64]) -> String {
    ids.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// What deleting a section would do: the section, and the others of its
/// language its articles may move to.
#[derive(Debug)]
pub struct Doomed {
    pub section: SectionListing,
    pub others: Vec<SectionListing>,
}

impl Doomed {
    /// The section named by `to` if it is another of the language.
    pub fn target(&self, to: &str) -> Option<&SectionListing> {
        to.trim()
            .parse::<i64>()
            .ok()
            .and_then(|t| self.others.iter().find(|s| s.id == t))
    }
}

/// The section `id` and the others of its language.
pub async fn doomed(app: &App, by: Actor<'_>, id: i64) -> Result<Doomed, Denied> {
    by.require(Action::ManageSections)?;
    let section = app.store.section_listing(id).await?;
    let mut others = app.store.section_listings(section.section.language).await?;
    others.retain(|s| s.id != id);
    Ok(Doomed { section, others })
}

/// What became of a delete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deleted {
    /// Gone; `moved` of its articles took a new address.
    Done { language: Language, moved: usize },
    /// The section has articles and `to` is no other section of its
    /// language (or articles arrived since the page was shown): nothing
    /// changed.
    MoveTo,
}

/// Deletes section `id`, its articles moved to section `to` first.
pub async fn delete(
    app: &App,
    by: Actor<'_>,
    id: i64,
    to: Option<i64>,
    now: OffsetDateTime,
) -> Result<Deleted, Denied> {
    by.require(Action::ManageSections)?;
    let section = app.store.section_listing(id).await?;
    let lang = section.section.language;
    let moved = match app.store.delete_section(id, to, now).await {
        Ok(moved) => moved,
        Err(StoreError::Conflict(_) | StoreError::Invalid(_)) => return Ok(Deleted::MoveTo),
        Err(e) => return Err(e.into()),
    };
    let target = match to {
        Some(t) => app
            .store
            .section_listing(t)
            .await
            .map(|s| format!(" → {}/{}", lang.code(), s.section.slug))
            .unwrap_or_default(),
        None => String::new(),
    };
    let detail = format!(
        "{}/{}{target} ({} articles moved)",
        lang.code(),
        section.section.slug,
        moved.articles
    );
    by.audit(
        &app.store,
        now,
        "delete",
        "section",
        Some(id),
        Some(&detail),
    )
    .await?;
    Ok(Deleted::Done {
        language: lang,
        moved: moved.paths,
    })
}
