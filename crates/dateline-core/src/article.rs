//! Articles, their workflow status and their correction and update notes.

use crate::{Dateline, Language};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use time::{Date, OffsetDateTime};

/// Where an article is in its life. Only `Published` articles are public;
/// `Unpublished` ones answer 410 Gone so that search engines drop them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    /// A draft handed to the editors.
    Submitted,
    Scheduled,
    Published,
    Unpublished,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Scheduled => "scheduled",
            Status::Published => "published",
            Status::Unpublished => "unpublished",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown status {0:?}")]
pub struct UnknownStatus(pub String);

impl FromStr for Status {
    type Err = UnknownStatus;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "draft" => Ok(Status::Draft),
            "submitted" => Ok(Status::Submitted),
            "scheduled" => Ok(Status::Scheduled),
            "published" => Ok(Status::Published),
            "unpublished" => Ok(Status::Unpublished),
            other => Err(UnknownStatus(other.to_string())),
        }
    }
}

/// The kind of note an editor appends to a published article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NoteKind {
    Correction,
    Clarification,
    Update,
}

impl NoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NoteKind::Correction => "correction",
            NoteKind::Clarification => "clarification",
            NoteKind::Update => "update",
        }
    }
}

impl FromStr for NoteKind {
    type Err = UnknownStatus;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "correction" => Ok(NoteKind::Correction),
            "clarification" => Ok(NoteKind::Clarification),
            "update" => Ok(NoteKind::Update),
            other => Err(UnknownStatus(other.to_string())),
        }
    }
}

/// A typed, timed note shown on the article page: corrections are part of the
/// record and are never edited away.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub kind: NoteKind,
    pub text: String,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

/// A section of the site in one language ("World", "Mundo", "العالم").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub language: Language,
    pub slug: String,
    pub name: String,
    pub position: i64,
    /// Links one section across languages ("world", "mundo" and "العالم"
    /// share a key), so the language switcher leads from one to the other.
    /// Without one, sections of the same slug are the same section.
    #[serde(default)]
    pub key: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    pub slug: String,
    pub name: String,
    pub bio: Option<String>,
}

/// Limits on what an article may hold; the newsroom forms show them.
pub mod limits {
    pub const HEADLINE_CHARS: usize = 300;
    pub const STANDFIRST_CHARS: usize = 600;
    pub const BYLINE_CHARS: usize = 200;
    pub const PLACE_CHARS: usize = 100;
    pub const AGENCY_CHARS: usize = 60;
    pub const TAGS: usize = 20;
    pub const TAG_CHARS: usize = 60;
    pub const BODY_BYTES: usize = 500_000;
}

/// Everything needed to create or replace an article's content. The store
/// fills in ids, times and the rendered HTML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleInput {
    pub language: Language,
    pub section: String,
    pub slug: String,
    pub headline: String,
    pub standfirst: Option<String>,
    pub dateline: Option<Dateline>,
    /// The dateline's day, resolved to a full date.
    pub dateline_date: Option<Date>,
    pub byline: Option<String>,
    pub tags: Vec<String>,
    pub body_markdown: String,
    pub status: Status,
    pub published_at: Option<OffsetDateTime>,
    /// Links translations of one story across languages.
    pub story_key: Option<String>,
    /// Identity of imported copy, so that importing it again updates instead
    /// of duplicating.
    pub source_key: Option<String>,
    /// The lead image (an uploaded image in the media library).
    #[serde(default)]
    pub image_id: Option<i64>,
    /// The programme audio the article carries.
    #[serde(default)]
    pub audio_id: Option<i64>,
    /// The programme (a series in the article's language) whose episode
    /// this article is, when it carries audio.
    #[serde(default)]
    pub programme_id: Option<i64>,
}

/// A field-level problem with an article, for forms and import reports.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

/// What is wrong with one field of an article, as a value: import reports
/// and the command line word it in English (`Display`), the newsroom in the
/// member's language (the catalogue message [`ArticleProblem::id`] with
/// [`ArticleProblem::args`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArticleProblem {
    #[error("a headline is required")]
    HeadlineMissing,
    #[error("at most {max} characters")]
    TooLong { max: usize },
    #[error("lowercase letters, digits and hyphens, at most 80 characters")]
    SlugShape,
    #[error("a section is required")]
    SectionMissing,
    #[error("a place of 1 to {max} characters")]
    PlaceLength { max: usize },
    #[error("an agency of at most {max} characters")]
    AgencyTooLong { max: usize },
    #[error("at most {max} tags")]
    TooManyTags { max: usize },
    #[error("each tag 1 to {max} characters")]
    TagLength { max: usize },
    #[error("the body {0}")]
    Body(crate::markdown::MarkdownError),
    #[error("a published article needs a body")]
    BodyMissing,
    #[error("a publication time is required")]
    TimeMissing,
    #[error("a picture in the body is not from the media library")]
    ForeignPicture,
}

impl ArticleProblem {
    /// The catalogue message that words it (`nr-problem-…`).
    pub fn id(&self) -> &'static str {
        use crate::markdown::MarkdownError as M;
        match self {
            ArticleProblem::HeadlineMissing => "nr-problem-headline-missing",
            ArticleProblem::TooLong { .. } => "nr-problem-too-long",
            ArticleProblem::SlugShape => "nr-problem-slug-shape",
            ArticleProblem::SectionMissing => "nr-problem-section-missing",
            ArticleProblem::PlaceLength { .. } => "nr-problem-place-length",
            ArticleProblem::AgencyTooLong { .. } => "nr-problem-agency-too-long",
            ArticleProblem::TooManyTags { .. } => "nr-problem-too-many-tags",
            ArticleProblem::TagLength { .. } => "nr-problem-tag-length",
            ArticleProblem::Body(M::TooLong { .. }) => "nr-problem-body-too-long",
            ArticleProblem::Body(M::TooDeep { .. }) => "nr-problem-body-too-deep",
            ArticleProblem::Body(M::ElementsTooDeep) => "nr-problem-body-elements-too-deep",
            ArticleProblem::Body(M::TooManyTags) => "nr-problem-body-too-many-tags",
            ArticleProblem::BodyMissing => "nr-problem-body-missing",
            ArticleProblem::TimeMissing => "nr-problem-time-missing",
            ArticleProblem::ForeignPicture => "nr-problem-foreign-picture",
        }
    }

    /// The numbers the message names.
    pub fn args(&self) -> Vec<(&'static str, i64)> {
        use crate::markdown::{MarkdownError as M, MAX_ELEMENT_DEPTH, MAX_HTML_TAGS, MAX_NESTING};
        let n = |v: usize| i64::try_from(v).unwrap_or(i64::MAX);
        match self {
            ArticleProblem::TooLong { max }
            | ArticleProblem::PlaceLength { max }
            | ArticleProblem::AgencyTooLong { max }
            | ArticleProblem::TooManyTags { max }
            | ArticleProblem::TagLength { max } => vec![("max", n(*max))],
            ArticleProblem::Body(M::TooLong { bytes }) => {
                vec![("bytes", n(*bytes)), ("max", n(limits::BODY_BYTES))]
            }
            ArticleProblem::Body(M::TooDeep { line }) => {
                vec![("line", n(*line)), ("max", n(MAX_NESTING))]
            }
            ArticleProblem::Body(M::ElementsTooDeep) => vec![("max", n(MAX_ELEMENT_DEPTH))],
            ArticleProblem::Body(M::TooManyTags) => vec![("max", n(MAX_HTML_TAGS))],
            _ => Vec::new(),
        }
    }
}

impl ArticleInput {
    /// Checks the input against the model's rules and limits, reporting every
    /// problem at once so a form can show them all, in English.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let problems = self.problems();
        if problems.is_empty() {
            return Ok(());
        }
        Err(problems
            .into_iter()
            .map(|(field, problem)| FieldError {
                field,
                message: problem.to_string(),
            })
            .collect())
    }

    /// Every problem with the input, by field, as values (see
    /// [`ArticleProblem`]); empty when the article may be saved.
    pub fn problems(&self) -> Vec<(&'static str, ArticleProblem)> {
        let mut errors = Vec::new();
        let mut err = |field, problem| errors.push((field, problem));
        let chars = |s: &str| s.chars().count();

        if self.headline.trim().is_empty() {
            err("headline", ArticleProblem::HeadlineMissing);
        } else if chars(&self.headline) > limits::HEADLINE_CHARS {
            err(
                "headline",
                ArticleProblem::TooLong {
                    max: limits::HEADLINE_CHARS,
                },
            );
        }
        if !crate::slug::is_valid_slug(&self.slug) {
            err("slug", ArticleProblem::SlugShape);
        }
        if !crate::slug::is_valid_slug(&self.section) {
            err("section", ArticleProblem::SectionMissing);
        }
        if self.standfirst.as_deref().map(chars).unwrap_or(0) > limits::STANDFIRST_CHARS {
            err(
                "standfirst",
                ArticleProblem::TooLong {
                    max: limits::STANDFIRST_CHARS,
                },
            );
        }
        if self.byline.as_deref().map(chars).unwrap_or(0) > limits::BYLINE_CHARS {
            err(
                "byline",
                ArticleProblem::TooLong {
                    max: limits::BYLINE_CHARS,
                },
            );
        }
        if let Some(d) = &self.dateline {
            if d.place.trim().is_empty() || chars(&d.place) > limits::PLACE_CHARS {
                err(
                    "dateline",
                    ArticleProblem::PlaceLength {
                        max: limits::PLACE_CHARS,
                    },
                );
            }
            if d.agency.as_deref().map(chars).unwrap_or(0) > limits::AGENCY_CHARS {
                err(
                    "dateline",
                    ArticleProblem::AgencyTooLong {
                        max: limits::AGENCY_CHARS,
                    },
                );
            }
        }
        if self.tags.len() > limits::TAGS {
            err("tags", ArticleProblem::TooManyTags { max: limits::TAGS });
        }
        if self
            .tags
            .iter()
            .any(|t| t.trim().is_empty() || chars(t) > limits::TAG_CHARS)
        {
            err(
                "tags",
                ArticleProblem::TagLength {
                    max: limits::TAG_CHARS,
                },
            );
        }
        // The size, and how deep lists and quotes nest: what rendering can
        // take in time linear in the body.
        if let Err(e) = crate::markdown::check(&self.body_markdown) {
            err("body", ArticleProblem::Body(e));
        }
        if matches!(self.status, Status::Published | Status::Scheduled) {
            if self.body_markdown.trim().is_empty() {
                err("body", ArticleProblem::BodyMissing);
            }
            if self.published_at.is_none() {
                err("published_at", ArticleProblem::TimeMissing);
            }
            // Readers see only the library's pictures; a draft may hold
            // another while its writer replaces it.
            if crate::markdown::has_foreign_pictures(&self.body_markdown) {
                err("body", ArticleProblem::ForeignPicture);
            }
        }
        errors
    }
}

/// The public path of a published article:
/// `/{lang}/{section}/{yyyy}/{mm}/{dd}/{slug}`.
///
/// The date is the publication day (UTC), so that two stories with the same
/// slug on different days never collide, and the path reads like a newspaper
/// archive.
pub fn article_path(
    language: Language,
    section: &str,
    published: OffsetDateTime,
    slug: &str,
) -> String {
    let d = published.to_offset(time::UtcOffset::UTC).date();
    format!(
        "/{}/{}/{:04}/{:02}/{:02}/{}",
        language.code(),
        section,
        d.year(),
        u8::from(d.month()),
        d.day(),
        slug
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn input() -> ArticleInput {
        ArticleInput {
            language: Language::En,
            section: "world".into(),
            slug: "a-story".into(),
            headline: "A story".into(),
            standfirst: None,
            dateline: None,
            dateline_date: None,
            byline: None,
            tags: vec![],
            body_markdown: "Body.".into(),
            status: Status::Published,
            published_at: Some(datetime!(2016-10-04 12:00 UTC)),
            story_key: None,
            source_key: None,
            image_id: None,
            audio_id: None,
            programme_id: None,
        }
    }

    #[test]
    fn valid_input_passes() {
        assert_eq!(input().validate(), Ok(()));
    }

    #[test]
    fn reports_every_problem() {
        let mut a = input();
        a.headline = " ".into();
        a.slug = "Bad Slug".into();
        a.body_markdown = String::new();
        a.tags = vec!["".into()];
        let fields: Vec<_> = a
            .validate()
            .expect_err("invalid")
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["headline", "slug", "tags", "body"]);
    }

    #[test]
    fn drafts_may_be_empty() {
        let mut a = input();
        a.status = Status::Draft;
        a.body_markdown = String::new();
        a.published_at = None;
        assert_eq!(a.validate(), Ok(()));
    }

    #[test]
    fn paths() {
        assert_eq!(
            article_path(
                Language::Ar,
                "world",
                datetime!(2016-10-04 23:30 -02:00),
                "x"
            ),
            "/ar/world/2016/10/05/x"
        );
    }

    #[test]
    fn status_round_trips() {
        for s in [
            Status::Draft,
            Status::Submitted,
            Status::Scheduled,
            Status::Published,
            Status::Unpublished,
        ] {
            assert_eq!(s.as_str().parse::<Status>(), Ok(s));
        }
    }
}
