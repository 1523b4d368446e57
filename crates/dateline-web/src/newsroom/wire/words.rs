//! What the wire desk says, in the newsroom's language: the importer's
//! problems pointing at the line (never naming a command-line flag), and its
//! notices.

use crate::AppState;
use dateline_app::body::BodyError;
use dateline_app::ingest::{Notice, Problem, ProblemKind};
use dateline_core::markdown::MarkdownError;
use dateline_core::Language;
use dateline_import::WireErrorKind;
use dateline_render::FluentValue;

/// A problem in the newsroom's words: "Line 3: …" for pasted copy,
/// "file.txt, line 3: …" for a file.
pub(super) fn problem_message(state: &AppState, lang: Language, problem: &Problem) -> String {
    let message = kind_message(state, lang, &problem.kind);
    let line = problem.line.into();
    if problem.file.is_empty() {
        state.renderer.message(
            lang,
            "nr-wire-at-line",
            &[("line", line), ("message", message.into())],
        )
    } else {
        state.renderer.message(
            lang,
            "nr-wire-at-file-line",
            &[
                ("file", problem.file.clone().into()),
                ("line", line),
                ("message", message.into()),
            ],
        )
    }
}

fn kind_message(state: &AppState, lang: Language, kind: &ProblemKind) -> String {
    let t =
        |key: &str, args: &[(&str, FluentValue<'static>)]| state.renderer.message(lang, key, args);
    let s = |v: &str| FluentValue::from(v.to_string());
    match kind {
        ProblemKind::Wire(w) => match w {
            WireErrorKind::Empty => t("nr-wire-e-empty", &[]),
            WireErrorKind::Binary(_) => t("nr-wire-e-binary", &[]),
            WireErrorKind::InvalidUtf8 { column, .. } => {
                t("nr-wire-e-utf8", &[("column", (*column).into())])
            }
            WireErrorKind::BadHeaderLine(line) => t("nr-wire-e-header-line", &[("text", s(line))]),
            WireErrorKind::UnknownHeader(key) => t("nr-wire-e-unknown-header", &[("key", s(key))]),
            WireErrorKind::DuplicateHeader { key, first_line } => t(
                "nr-wire-e-duplicate-header",
                &[("key", s(key)), ("first", (*first_line).into())],
            ),
            WireErrorKind::MissingHeadline => t("nr-wire-e-no-headline-header", &[]),
            WireErrorKind::EmptyHeader(key) => t("nr-wire-e-empty-header", &[("key", s(key))]),
            WireErrorKind::UnknownLanguage(v) => t("nr-wire-e-language", &[("value", s(v))]),
            WireErrorKind::BadDate(v) => t("nr-wire-e-date", &[("value", s(v))]),
            WireErrorKind::BadPublished(v) => t("nr-wire-e-published", &[("value", s(v))]),
            WireErrorKind::BadSlug { key, value } => {
                t("nr-wire-e-slug", &[("key", s(key)), ("value", s(value))])
            }
            WireErrorKind::BadDateline(v) => t("nr-wire-e-dateline", &[("value", s(v))]),
            WireErrorKind::AgencyWithoutDateline => t("nr-wire-e-agency", &[]),
            WireErrorKind::DateMismatch { date, .. } => {
                t("nr-wire-e-date-mismatch", &[("date", s(&date.to_string()))])
            }
            WireErrorKind::ImpossibleDate { year, .. } => {
                t("nr-wire-e-impossible-date", &[("year", (*year).into())])
            }
            WireErrorKind::NoBody => t("nr-wire-e-no-body", &[]),
            WireErrorKind::NoDateline => t("nr-wire-e-no-dateline", &[]),
            WireErrorKind::NoHeadline => t("nr-wire-e-no-headline", &[]),
            WireErrorKind::TooMuchBeforeDateline(n) => {
                t("nr-wire-e-before-dateline", &[("count", (*n).into())])
            }
            other => other.to_string(),
        },
        ProblemKind::Body(BodyError::Refused(e)) => match e {
            MarkdownError::TooLong { bytes } => {
                t("nr-wire-e-body-long", &[("bytes", (*bytes).into())])
            }
            MarkdownError::TooDeep { line } => {
                t("nr-wire-e-body-deep", &[("line", (*line).into())])
            }
            MarkdownError::ElementsTooDeep => t("nr-wire-e-body-elements", &[]),
            MarkdownError::TooManyTags => t("nr-wire-e-body-tags", &[]),
        },
        ProblemKind::Body(BodyError::Busy) => t("nr-wire-e-busy", &[]),
        ProblemKind::TooLarge { .. } => t("nr-wire-e-too-large", &[]),
        ProblemKind::TooManyFiles { max } => t("nr-wire-e-too-many", &[("max", (*max).into())]),
        ProblemKind::NoSection(section) => t("nr-wire-e-no-section", &[("section", s(section))]),
        ProblemKind::Changed(id) => t("nr-wire-e-changed", &[("id", (*id).into())]),
        ProblemKind::TooManyCopies(n) => t("nr-wire-e-copies", &[("count", (*n).into())]),
        ProblemKind::Unreadable(why) | ProblemKind::Refused(why) => why.clone(),
    }
}

pub(super) fn notice_message(state: &AppState, lang: Language, notice: &Notice) -> String {
    let (file, key, args): (&str, &str, Vec<(&str, FluentValue<'static>)>) = match notice {
        Notice::NoYear { file, year, .. } => {
            (file, "nr-wire-n-no-year", vec![("year", (*year).into())])
        }
        Notice::CopyOf { file, other, id } => (
            file,
            "nr-wire-n-copy-of",
            vec![("other", (*other).into()), ("id", (*id).into())],
        ),
        Notice::Detected { file, language } => (
            file,
            "nr-wire-n-detected",
            vec![("language", language.native_name().to_string().into())],
        ),
        Notice::NotDetected { file, language } => (
            file,
            "nr-wire-n-not-detected",
            vec![("language", language.native_name().to_string().into())],
        ),
    };
    let message = state.renderer.message(lang, key, &args);
    if file.is_empty() {
        message
    } else {
        format!("{file}: {message}")
    }
}
