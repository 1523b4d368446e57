//! What can be wrong with an account form, as values: the web words each in
//! the member's language beside its field; `Display` is the English the
//! command line prints.

use dateline_auth::password::PasswordProblem;
use std::collections::BTreeMap;
use std::fmt;

/// One problem with a field of an account form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// The name is blank or longer than [`MAX_NAME`](super::MAX_NAME).
    Name,
    /// Not an email address.
    Email,
    /// Another account has this email.
    EmailTaken,
    /// Not one of the roles.
    Role,
    /// The change would leave no administrator who can sign in.
    LastAdmin,
    /// A new password that the rules refuse.
    Password(PasswordProblem),
    /// The repetition differs from the new password.
    PasswordAgain,
    /// The current password is wrong.
    CurrentWrong,
    /// Too many wrong passwords lately: the current one was not checked.
    CurrentTooMany,
    /// The password gate stayed full: nothing was checked or hashed.
    Busy,
    /// The code from the authenticator app is wrong.
    TotpCode,
}

/// The newsroom's English sentences (its catalogue words them in every
/// language it speaks).
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Name => write!(f, "Give a name of 1 to {} characters.", super::MAX_NAME),
            Problem::Email => f.write_str("Give an email address, like name@example.org."),
            Problem::EmailTaken => f.write_str("There is already an account with this email."),
            Problem::Role => f.write_str("Choose contributor, editor or administrator."),
            Problem::LastAdmin => {
                f.write_str("This is the last administrator: make another one first.")
            }
            Problem::Password(p) => p.fmt(f),
            Problem::PasswordAgain => f.write_str("The two passwords are not the same."),
            Problem::CurrentWrong => f.write_str("This is not your current password."),
            Problem::CurrentTooMany => {
                f.write_str("Too many wrong passwords. Wait 15 minutes, then try again.")
            }
            Problem::Busy => f.write_str(
                "The server is busy checking other passwords. Nothing was changed: try again in a few seconds.",
            ),
            Problem::TotpCode => f.write_str(
                "This code is not right. Check the time on your phone and try the newest code.",
            ),
        }
    }
}

/// Problems by the form field they belong to.
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

    pub fn get(&self, field: &str) -> Option<Problem> {
        self.0.get(field).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'static str, Problem)> + '_ {
        self.0.iter().map(|(k, v)| (*k, *v))
    }

    /// Whether any problem is that `problem`.
    pub fn has(&self, problem: Problem) -> bool {
        self.0.values().any(|p| *p == problem)
    }
}

/// A change done, or refused for the problems a form shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome<T = ()> {
    Done(T),
    Refused(Problems),
}

impl<T> Outcome<T> {
    /// The problems, when refused.
    pub fn problems(&self) -> Option<&Problems> {
        match self {
            Outcome::Done(_) => None,
            Outcome::Refused(p) => Some(p),
        }
    }
}
