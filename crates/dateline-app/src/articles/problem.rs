//! What can be wrong with an article a member saves, as values: the web
//! words each in the member's language beside its field, and a command
//! line could print it.

use crate::body::BodyError;
use dateline_core::newsroom::Transition;
use dateline_core::{ArticleProblem, Status};
use std::collections::BTreeMap;

/// One problem with the editor's fields or with the move asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not one of the site's languages.
    Language,
    /// Not a section of the article's language.
    Section,
    /// Another article of the section has that slug.
    SlugTaken,
    /// The dateline's date is not a date.
    DatelineDate,
    /// A dateline's date or agency without its place.
    DatelinePlace,
    /// The publication time is not a time on the site's clock.
    PublishedAt { zone: String },
    /// The image or audio is not a file of that kind in the library.
    Media,
    /// No such programme.
    Programme,
    /// The programme is of another language.
    ProgrammeLanguage,
    /// The article's own rules (`dateline_core`).
    Article(ArticleProblem),
    /// The body could not be rendered.
    Body(BodyError),
    /// The workflow does not allow that move from where the article is.
    MoveNotAllowed { from: Status, by: Transition },
    /// Publishing now with a time ahead (schedule it instead).
    PublishFuture,
    /// Scheduling needs a time ahead.
    ScheduleTime,
    /// Someone moved the article meanwhile.
    MovedMeanwhile,
    /// The store refused what it was given (its sentence, in English).
    Refused(String),
    /// A note's kind is not correction, clarification or update.
    NoteKind,
    /// A note's text is empty or too long.
    NoteText,
    /// Notes go on published articles only.
    NotePublished { status: Status },
    /// The pin list is longer than `max` characters.
    RelatedTooLong { max: usize },
    /// A pin line names no article of this site.
    RelatedUnknown { line: String },
    /// The store refused the pins (its sentence).
    RelatedRefused { why: String },
}

/// Problems by the form field they belong to (`form` for the whole form).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems(BTreeMap<&'static str, Problem>);

impl Problems {
    pub fn new() -> Problems {
        Problems::default()
    }

    /// Sets the field's problem (replacing one found before).
    pub fn insert(&mut self, field: &'static str, problem: Problem) {
        self.0.insert(field, problem);
    }

    /// Sets the field's problem unless it has one already.
    pub fn add(&mut self, field: &'static str, problem: Problem) {
        self.0.entry(field).or_insert(problem);
    }

    pub fn remove(&mut self, field: &str) {
        self.0.remove(field);
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &Problem)> {
        self.0.iter().map(|(field, problem)| (*field, problem))
    }

    /// One problem, for a single field.
    pub fn one(field: &'static str, problem: Problem) -> Problems {
        let mut problems = Problems::new();
        problems.insert(field, problem);
        problems
    }

    /// The article's own rules, by form field; a field that has a problem
    /// already keeps it.
    pub fn add_article_rules(&mut self, input: &dateline_core::ArticleInput) {
        for (field, problem) in input.problems() {
            let field = match field {
                "dateline" => "dateline_place",
                other => other,
            };
            self.add(field, Problem::Article(problem));
        }
    }
}
