//! Newsroom accounts and sessions: signing in (a password, then a second
//! factor for accounts that have one), sessions, the first administrator's
//! setup link and password resets, a member's own account, and the
//! administrators' people pages.
//!
//! Failed attempts are counted per account and per hashed address in the
//! database (so every node counts them), and the answer to a wrong email is
//! the answer to a wrong password, in the same time: nobody learns which
//! addresses have accounts. Each attempt is written before its password or
//! code is checked, in the transaction that counts those before it, so the
//! limits hold however many attempts arrive at once. Every hash and
//! verification goes through the [`PasswordGate`]: when it stays full the
//! outcome says so ([`Problem::Busy`], [`sign_in::SignIn::Busy`]) and
//! nothing is counted.
//!
//! Session tokens and one-time links are random; the store keeps only their
//! digests. The use cases hand the token out once, for the caller to carry
//! (the web in a cookie, or in a link it prints).

pub mod gate;
pub mod links;
pub mod own;
pub mod people;
pub mod problem;
pub mod sessions;
pub mod sign_in;

pub use gate::{GateError, PasswordGate};
pub use problem::{Outcome, Problem, Problems};

use dateline_auth::password;
use dateline_store::{AttemptLimits, Store, StoreError};
use std::net::IpAddr;
use time::OffsetDateTime;

/// What the accounts' use cases work with: the store, and the gate every
/// password hash and verification goes through. The web takes it from
/// [`App::accounts`](crate::App::accounts); the command line makes its own.
#[derive(Clone, Copy)]
pub struct Accounts<'a> {
    pub store: &'a Store,
    pub passwords: &'a PasswordGate,
}

/// Why an account's use case did nothing: the actor may not, the store
/// failed, or the password threads did.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not allowed for this role")]
    Forbidden,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Passwords(#[from] GateError),
    #[error("could not hash the password: {0}")]
    Hash(String),
}

impl From<crate::Denied> for Error {
    fn from(e: crate::Denied) -> Self {
        match e {
            crate::Denied::Forbidden => Error::Forbidden,
            crate::Denied::Store(e) => Error::Store(e),
        }
    }
}

/// Failed checks allowed per account, and per address, in the window.
pub const PER_ACCOUNT: i64 = 5;
pub const PER_ADDRESS: i64 = 20;
pub const WINDOW: time::Duration = time::Duration::minutes(15);
/// Longest email and password a sign-in accepts: longer ones are wrong
/// without being hashed.
pub const MAX_FIELD: usize = 1024;
/// Longest name of an account, in characters.
pub const MAX_NAME: usize = 100;

/// The limits every check of a password or code meets.
pub fn limits(now: OffsetDateTime) -> AttemptLimits {
    AttemptLimits {
        per_account: PER_ACCOUNT,
        per_address: PER_ADDRESS,
        since: now - WINDOW,
    }
}

/// The first `max` bytes of `text`, cut at a character boundary.
pub(crate) fn clip(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A code as typed: spaces dropped, at most 16 characters.
pub(crate) fn code_of(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(16)
        .collect()
}

/// The day's hash of an address, for the limits (the address itself is
/// never stored).
async fn hashed(acc: Accounts<'_>, address: IpAddr, now: OffsetDateTime) -> Result<String, Error> {
    Ok(acc.store.address_hash(&address.to_string(), now).await?)
}

/// Checks a new password and its repetition into `problems`.
pub(crate) fn check_new_password(password: &str, again: &str, problems: &mut Problems) {
    if let Err(problem) = password::check_new_password(password) {
        problems.insert("password", Problem::Password(problem));
    } else if password != again {
        problems.insert("password_again", Problem::PasswordAgain);
    }
}

/// Checks an account's name into `problems`.
pub(crate) fn check_name(name: &str, problems: &mut Problems) {
    if name.trim().is_empty() || name.chars().count() > MAX_NAME {
        problems.insert("name", Problem::Name);
    }
}

/// Hashes a new password through the gate; `Ok(None)` when it stayed full.
pub(crate) async fn hash(acc: Accounts<'_>, password: String) -> Result<Option<String>, Error> {
    match acc
        .passwords
        .run(move |memory| password::hash_with(memory, &password))
        .await?
    {
        Some(hashed) => Ok(Some(hashed.map_err(|e| Error::Hash(e.to_string()))?)),
        None => Ok(None),
    }
}

/// What checking a member's current password found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Current {
    Right,
    Wrong,
    /// Too many failures lately: not checked.
    TooMany,
    /// The gate stayed full: not checked, and not counted.
    Busy,
}

impl Current {
    /// The problem to show, unless right.
    pub(crate) fn problem(self) -> Option<Problem> {
        match self {
            Current::Right => None,
            Current::Wrong => Some(Problem::CurrentWrong),
            Current::TooMany => Some(Problem::CurrentTooMany),
            Current::Busy => Some(Problem::Busy),
        }
    }
}

/// Checks an account's current password as a sign-in attempt: written
/// before it is checked, refused unchecked over the limits.
pub(crate) async fn check_current(
    acc: Accounts<'_>,
    user: &dateline_store::User,
    given: String,
    address: IpAddr,
    now: OffsetDateTime,
) -> Result<Current, Error> {
    let address_hash = hashed(acc, address, now).await?;
    let Some(attempt) = acc
        .store
        .begin_attempt(&user.email, &address_hash, limits(now), now)
        .await?
    else {
        return Ok(Current::TooMany);
    };
    let stored = acc.store.credentials_by_id(user.id).await?.password_hash;
    let verified = acc
        .passwords
        .run(move |memory| match stored {
            Some(h) if given.len() <= MAX_FIELD => password::verify_with(memory, &h, &given),
            _ => password::verify_dummy_with(memory, ""),
        })
        .await?;
    match verified {
        Some(true) => {
            acc.store.attempt_succeeded(attempt).await?;
            Ok(Current::Right)
        }
        Some(false) => Ok(Current::Wrong),
        None => {
            acc.store.forget_attempt(attempt).await?;
            Ok(Current::Busy)
        }
    }
}
