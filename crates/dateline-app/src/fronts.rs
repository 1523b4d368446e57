//! The edited fronts, as editors run them: the stories that lead each
//! language's front page (pinned, in order), each section page's lead
//! story, and the breaking-news line. The store records each change in
//! the audit log and the change feed, so every node's pages follow.

use crate::{Actor, App, Denied};
use dateline_core::fronts::Breaking;
use dateline_core::newsroom::Action;
use dateline_core::Language;
use dateline_store::{ArticleCard, BreakingNews, StoreError, FRONT_PAGE};
use std::collections::BTreeMap;
use time::OffsetDateTime;

/// Stories offered to pin: the language's (or section's) newest.
const OFFERED: i64 = 60;

/// A section page's lead, and the stories it may be.
#[derive(Debug)]
pub struct SectionFront {
    pub slug: String,
    pub name: String,
    /// The pinned lead; None: the newest story leads.
    pub lead: Option<i64>,
    pub stories: Vec<ArticleCard>,
}

/// What the fronts page shows for a language.
#[derive(Debug)]
pub struct Desk {
    /// The front page's pins, in order: published or not, so that an
    /// editor sees what dropped out.
    pub pinned: Vec<ArticleCard>,
    /// The newest stories not pinned.
    pub offered: Vec<ArticleCard>,
    pub sections: Vec<SectionFront>,
}

/// A language's fronts as they stand.
pub async fn desk(app: &App, by: Actor<'_>, language: Language) -> Result<Desk, Denied> {
    by.require(Action::EditFronts)?;
    let store = &app.store;
    let pins = store.front_pins(language, FRONT_PAGE).await?;
    let pinned = store.cards(&pins).await?;
    let offered = store
        .newest(language, OFFERED)
        .await?
        .into_iter()
        .filter(|c| !pins.contains(&c.id))
        .collect();
    let mut sections = Vec::new();
    for s in store.sections(language).await? {
        let lead = store.front_pins(language, &s.slug).await?.first().copied();
        let stories = store.section_newest(language, &s.slug, OFFERED).await?;
        sections.push(SectionFront {
            slug: s.slug,
            name: s.name,
            lead,
            stories,
        });
    }
    Ok(Desk {
        pinned,
        offered,
        sections,
    })
}

/// The language's breaking-news line, while it runs.
pub async fn breaking(
    app: &App,
    by: Actor<'_>,
    language: Language,
    now: OffsetDateTime,
) -> Result<Option<BreakingNews>, Denied> {
    by.require(Action::EditFronts)?;
    Ok(app.store.breaking(language, now).await?)
}

/// What became of new pins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pinned {
    Done,
    /// A story is not published, or of another language or section, or
    /// there are too many: the store's sentence (English); nothing changed.
    Refused(String),
}

/// Pins `ids`, in order, as the stories that lead the language's front
/// page ([`FRONT_PAGE`]); the ones before are unpinned.
pub async fn pin_front(
    app: &App,
    by: Actor<'_>,
    language: Language,
    ids: &[i64],
    now: OffsetDateTime,
) -> Result<Pinned, Denied> {
    by.require(Action::EditFronts)?;
    pin(app, by, language, FRONT_PAGE, ids, now).await
}

/// Sets the lead story of the language's section `section` (NotFound
/// when it has none of that slug); None: its newest story leads.
pub async fn lead_section(
    app: &App,
    by: Actor<'_>,
    language: Language,
    section: &str,
    lead: Option<i64>,
    now: OffsetDateTime,
) -> Result<Pinned, Denied> {
    by.require(Action::EditFronts)?;
    app.store.section(language, section).await?;
    let ids: Vec<i64> = lead.into_iter().collect();
    pin(app, by, language, section, &ids, now).await
}

async fn pin(
    app: &App,
    by: Actor<'_>,
    language: Language,
    place: &str,
    ids: &[i64],
    now: OffsetDateTime,
) -> Result<Pinned, Denied> {
    match app
        .store
        .set_front_pins(language, place, ids, by.user_id(), now)
        .await
    {
        Ok(()) => Ok(Pinned::Done),
        Err(StoreError::Invalid(why)) => Ok(Pinned::Refused(why)),
        Err(e) => Err(e.into()),
    }
}

/// A breaking-news line as the form sent it.
#[derive(Debug, Clone, Default)]
pub struct BreakingInput {
    pub text: String,
    pub link: String,
    /// `YYYY-MM-DDTHH:MM` on the site's clock; empty: until removed.
    pub ends_at: String,
}

/// What can be wrong with a breaking-news line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BreakingProblem {
    /// The end is not a time on the site's clock.
    EndsAt,
    /// The line's own rules (`dateline_core::fronts`): its sentence.
    Line(String),
}

/// What became of a breaking-news line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Broke {
    Done,
    /// Nothing changed: the problems, by field.
    Refused(BTreeMap<&'static str, BreakingProblem>),
}

/// Sets the language's breaking-news line (None: removes it).
pub async fn set_breaking(
    app: &App,
    by: Actor<'_>,
    language: Language,
    input: Option<&BreakingInput>,
    now: OffsetDateTime,
) -> Result<Broke, Denied> {
    by.require(Action::EditFronts)?;
    let Some(input) = input else {
        app.store
            .set_breaking(language, None, by.user_id(), now)
            .await?;
        return Ok(Broke::Done);
    };
    let mut problems = BTreeMap::new();
    let ends_at = match input.ends_at.trim() {
        "" => None,
        // A `datetime-local` value is a time on the site's clock.
        typed => match app.site().time_zone.parse_datetime_local(typed) {
            Some(t) => Some(t.unix_timestamp()),
            None => {
                problems.insert("ends_at", BreakingProblem::EndsAt);
                None
            }
        },
    };
    match Breaking::new(&input.text, &input.link, ends_at, now.unix_timestamp()) {
        Ok(line) if problems.is_empty() => {
            app.store
                .set_breaking(language, Some(&line), by.user_id(), now)
                .await?;
            Ok(Broke::Done)
        }
        Ok(_) => Ok(Broke::Refused(problems)),
        Err(refused) => {
            for (field, why) in refused {
                problems.entry(field).or_insert(BreakingProblem::Line(why));
            }
            Ok(Broke::Refused(problems))
        }
    }
}
