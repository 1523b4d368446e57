//! The accounts' use cases in the newsroom's words: their problems as the
//! catalogue's sentences beside their fields, the status each refusal is
//! answered with, and the 503 with `Retry-After` when the password gate
//! (`dateline_app::accounts::PasswordGate`) stayed full.

use super::frame::{self, FieldErrors, NewsroomError};
use crate::AppState;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use dateline_app::accounts::{self, Problem, Problems};
use dateline_auth::password::{self, PasswordProblem};
use dateline_core::Language;
use std::net::{IpAddr, SocketAddr};

/// What `Retry-After` tells a client turned away, in seconds.
pub const RETRY_AFTER_SECONDS: u32 = 5;

/// Marks a page answered because the gate was full: 503 and when to retry.
pub fn busy(mut response: Response) -> Response {
    *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS));
    response
}

/// The address a request comes from, for the limits.
pub(crate) fn address(state: &AppState, headers: &HeaderMap, peer: SocketAddr) -> IpAddr {
    crate::extract::client_address(state, headers, peer)
}

/// The catalogue's key of a problem, and its arguments.
fn key(problem: Problem) -> (&'static str, Vec<(&'static str, String)>) {
    match problem {
        Problem::Name => ("nr-err-name", Vec::new()),
        Problem::Email => ("nr-err-email", Vec::new()),
        Problem::EmailTaken => ("nr-err-email-taken", Vec::new()),
        Problem::Role => ("nr-err-role", Vec::new()),
        Problem::LastAdmin => ("nr-err-last-admin", Vec::new()),
        Problem::Password(PasswordProblem::Blank) => ("nr-err-password-blank", Vec::new()),
        Problem::Password(PasswordProblem::TooShort) => (
            "nr-err-password-short",
            vec![("min", password::MIN_CHARS.to_string())],
        ),
        Problem::Password(PasswordProblem::TooLong) => (
            "nr-err-password-long",
            vec![("max", password::MAX_BYTES.to_string())],
        ),
        Problem::PasswordAgain => ("nr-err-password-again", Vec::new()),
        Problem::CurrentWrong => ("nr-err-current-wrong", Vec::new()),
        Problem::CurrentTooMany => ("nr-err-current-too-many", Vec::new()),
        Problem::Busy => ("nr-err-password-busy", Vec::new()),
        Problem::TotpCode => ("nr-err-totp-code", Vec::new()),
    }
}

/// Each field's problem in `lang`.
pub(crate) fn words(state: &AppState, lang: Language, problems: &Problems) -> FieldErrors {
    problems
        .iter()
        .map(|(field, problem)| {
            let (key, args) = key(problem);
            (field, frame::say(state, lang, key, &args))
        })
        .collect()
}

/// The status a form refused for `problems` is answered with: 503 when the
/// gate was full, 429 over the limits, else 422.
pub(crate) fn status(problems: &Problems) -> StatusCode {
    if problems.has(Problem::Busy) {
        StatusCode::SERVICE_UNAVAILABLE
    } else if problems.has(Problem::CurrentTooMany) {
        StatusCode::TOO_MANY_REQUESTS
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// A refused form's page, marked busy when the gate was full.
pub(crate) fn refused(page: Response, problems: &Problems) -> Response {
    if problems.has(Problem::Busy) {
        busy(page)
    } else {
        page
    }
}

impl From<accounts::Error> for NewsroomError {
    fn from(e: accounts::Error) -> Self {
        match e {
            accounts::Error::Forbidden => NewsroomError::Forbidden,
            accounts::Error::Store(e) => e.into(),
            other => NewsroomError::Internal(other.to_string()),
        }
    }
}
