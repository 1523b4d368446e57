//! Writing and the workflow in the newsroom: the editor page and the
//! article list ([`editor`]); saving, moving and autosaving ([`save`]);
//! notes, pinned related articles and revisions ([`extras`]). The rules are
//! the application's (`dateline_app::articles`); here forms are read, its
//! problems worded in the member's language, and pages answered.

mod editor;
mod extras;
mod save;

use super::frame::{self, FieldErrors};
use crate::AppState;
use axum::http::HeaderMap;
use dateline_app::articles::{Problem, Problems};
use dateline_core::Language;

pub use dateline_app::articles::Fields as ArticleForm;
pub use editor::{edit, list, new};
pub use extras::{note, related, restore, revisions};
pub use save::{autosave, autosave_new, create, save, workflow};

/// A problem the application found, in the member's language.
fn word(state: &AppState, lang: Language, problem: &Problem) -> String {
    let say = |key: &str, args: &[(&str, String)]| frame::say(state, lang, key, args);
    let status = |s: dateline_core::Status| say(&format!("nr-status-{s}"), &[]);
    match problem {
        Problem::Language => say("nr-err-language", &[]),
        Problem::Section => say("nr-err-section", &[]),
        Problem::SlugTaken => say("nr-err-slug-taken", &[]),
        Problem::DatelineDate => say("nr-err-dateline-date", &[]),
        Problem::DatelinePlace => say("nr-err-dateline-place", &[]),
        Problem::PublishedAt { zone } => say("nr-err-published-at", &[("zone", zone.clone())]),
        Problem::Media => say("nr-err-media", &[]),
        Problem::Programme => say("nr-err-programme", &[]),
        Problem::ProgrammeLanguage => say("nr-err-programme-language", &[]),
        Problem::Article(p) => frame::say_problem(state, lang, p),
        Problem::Body(e) => frame::say_body(state, lang, e),
        Problem::MoveNotAllowed { from, by } => say(
            "nr-err-move-not-allowed",
            &[
                ("status", status(*from)),
                ("move", say(&format!("nr-move-{}", by.as_str()), &[])),
            ],
        ),
        Problem::PublishFuture => say("nr-err-publish-future", &[]),
        Problem::ScheduleTime => say("nr-err-schedule-time", &[]),
        Problem::MovedMeanwhile => say("nr-err-moved-meanwhile", &[]),
        Problem::Refused(message) => sentence(message),
        Problem::NoteKind => say("nr-err-note-kind", &[]),
        Problem::NoteText => say("nr-err-note-text", &[]),
        Problem::NotePublished { status: s } => {
            say("nr-err-note-published", &[("status", status(*s))])
        }
        Problem::RelatedTooLong { max } => say("nr-err-related-long", &[("max", max.to_string())]),
        Problem::RelatedUnknown { line } => {
            say("nr-err-related-unknown", &[("line", line.clone())])
        }
        Problem::RelatedRefused { why } => say("nr-err-related-refused", &[("why", why.clone())]),
    }
}

/// Every problem, worded, by field: what the editor's template shows.
fn worded(state: &AppState, lang: Language, problems: &Problems) -> FieldErrors {
    problems
        .iter()
        .map(|(field, problem)| (field, word(state, lang, problem)))
        .collect()
}

/// A sentence from elsewhere (the store), with a capital and a full stop.
fn sentence(message: &str) -> String {
    let mut s: String = message
        .chars()
        .take(1)
        .flat_map(char::to_uppercase)
        .collect();
    s.push_str(&message.chars().skip(1).collect::<String>());
    if !s.ends_with('.') {
        s.push('.');
    }
    s
}

/// The CSRF token of a script's request: the header, else the form field.
pub(super) fn csrf_of(headers: &HeaderMap, form: &ArticleForm) -> String {
    headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .unwrap_or_else(|| form.csrf.clone())
}
