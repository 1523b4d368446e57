//! The administrators' people: making accounts (with a one-time link to set
//! a password, or, from the command line, with the password itself),
//! changing name and role, disabling, password resets and signing someone
//! out everywhere. Only a role that may manage users runs these (an
//! operator at the command line may). The last active administrator can be
//! neither demoted nor disabled.

use super::{check_name, check_new_password, hash, Accounts, Error};
use super::{Outcome, Problem, Problems};
use crate::Actor;
use dateline_auth::token;
use dateline_core::newsroom::{is_plausible_email, Action, Role};
use dateline_store::{LinkPurpose, StoreError, User};
use time::{Duration, OffsetDateTime};

/// How long a password link works.
pub const LINK_TTL: Duration = Duration::days(3);

/// Every account, by name.
pub async fn list(acc: Accounts<'_>, actor: Actor<'_>) -> Result<Vec<User>, Error> {
    actor.require(Action::ManageUsers)?;
    Ok(acc.store.users().await?)
}

/// One account as its page shows it.
#[derive(Debug, Clone)]
pub struct Person {
    pub user: User,
    pub sessions: i64,
}

/// One account and how many sessions it has.
pub async fn person(acc: Accounts<'_>, actor: Actor<'_>, id: i64) -> Result<Person, Error> {
    actor.require(Action::ManageUsers)?;
    Ok(Person {
        user: acc.store.user(id).await?,
        sessions: acc.store.session_count(id).await?,
    })
}

/// A new account as the form (or the command line) gives it.
#[derive(Debug, Clone, Default)]
pub struct NewPerson {
    pub email: String,
    pub name: String,
    /// As typed: `contributor`, `editor` or `admin`.
    pub role: String,
    /// The password, from the command line; without one, the account gets
    /// a one-time link to set it.
    pub password: Option<String>,
}

/// An account made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Added {
    pub id: i64,
    pub role: Role,
    /// The token of the one-time link to set a password (shown once), when
    /// no password was given.
    pub link: Option<String>,
}

/// Makes an account.
pub async fn add(
    acc: Accounts<'_>,
    actor: Actor<'_>,
    new: NewPerson,
    now: OffsetDateTime,
) -> Result<Outcome<Added>, Error> {
    actor.require(Action::ManageUsers)?;
    let mut problems = Problems::new();
    if !is_plausible_email(&new.email) {
        problems.insert("email", Problem::Email);
    }
    check_name(&new.name, &mut problems);
    let role: Option<Role> = new.role.parse().ok();
    if role.is_none() {
        problems.insert("role", Problem::Role);
    }
    if let Some(password) = &new.password {
        check_new_password(password, password, &mut problems);
    }
    let Some(role) = role.filter(|_| problems.is_empty()) else {
        return Ok(Outcome::Refused(problems));
    };
    let hashed = match new.password {
        Some(password) => match hash(acc, password).await? {
            Some(hashed) => Some(hashed),
            None => {
                problems.insert("password", Problem::Busy);
                return Ok(Outcome::Refused(problems));
            }
        },
        None => None,
    };
    let id = match acc
        .store
        .create_user(&new.email, &new.name, role, hashed.as_deref(), now)
        .await
    {
        Ok(id) => id,
        Err(StoreError::Conflict(_)) => {
            problems.insert("email", Problem::EmailTaken);
            return Ok(Outcome::Refused(problems));
        }
        Err(StoreError::Invalid(_)) => {
            problems.insert("email", Problem::Email);
            return Ok(Outcome::Refused(problems));
        }
        Err(e) => return Err(e.into()),
    };
    let detail = match actor {
        Actor::Member(_) => role.as_str().to_string(),
        Actor::Operator => format!("{role} by `dateline user add`"),
    };
    actor
        .audit(acc.store, now, "create", "user", Some(id), Some(&detail))
        .await?;
    let link = match hashed {
        Some(_) => None,
        None => Some(password_link(acc, id, now).await?),
    };
    Ok(Outcome::Done(Added { id, role, link }))
}

/// A one-time link to set a password (it replaces the account's older
/// ones): its token.
async fn password_link(
    acc: Accounts<'_>,
    user_id: i64,
    now: OffsetDateTime,
) -> Result<String, Error> {
    let link = token::random();
    acc.store
        .create_link(
            &token::digest(&link),
            Some(user_id),
            LinkPurpose::Reset,
            LINK_TTL,
            now,
        )
        .await?;
    Ok(link)
}

/// A change to an account as the form gives it.
#[derive(Debug, Clone, Default)]
pub struct Change {
    pub name: String,
    /// As typed.
    pub role: String,
    pub disabled: bool,
}

/// Changes an account's name, role and whether it may sign in. Disabling
/// it ends its sessions.
pub async fn update(
    acc: Accounts<'_>,
    actor: Actor<'_>,
    id: i64,
    change: &Change,
    now: OffsetDateTime,
) -> Result<Outcome, Error> {
    actor.require(Action::ManageUsers)?;
    acc.store.user(id).await?;
    let mut problems = Problems::new();
    let role: Option<Role> = change.role.parse().ok();
    if role.is_none() {
        problems.insert("role", Problem::Role);
    }
    check_name(&change.name, &mut problems);
    let Some(role) = role.filter(|_| problems.is_empty()) else {
        return Ok(Outcome::Refused(problems));
    };
    // The store refuses, in the transaction that would do it, a change
    // that leaves no administrator who can sign in: two administrators
    // demoting each other at once cannot both pass a check made first.
    match acc
        .store
        .update_user(id, &change.name, role, change.disabled, now)
        .await
    {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => {
            problems.insert("role", Problem::LastAdmin);
            return Ok(Outcome::Refused(problems));
        }
        Err(e) => return Err(e.into()),
    }
    let detail = format!(
        "role {}{}",
        role.as_str(),
        if change.disabled { ", disabled" } else { "" }
    );
    actor
        .audit(acc.store, now, "update", "user", Some(id), Some(&detail))
        .await?;
    Ok(Outcome::Done(()))
}

/// A new one-time password link for an account (its token); the account's
/// sessions end, and its old password stops working once the link is used.
pub async fn reset(
    acc: Accounts<'_>,
    actor: Actor<'_>,
    id: i64,
    now: OffsetDateTime,
) -> Result<String, Error> {
    actor.require(Action::ManageUsers)?;
    acc.store.user(id).await?;
    let link = password_link(acc, id, now).await?;
    acc.store.end_sessions_of(id).await?;
    actor
        .audit(acc.store, now, "reset-password", "user", Some(id), None)
        .await?;
    Ok(link)
}

/// Ends every session of an account.
pub async fn sign_out(
    acc: Accounts<'_>,
    actor: Actor<'_>,
    id: i64,
    now: OffsetDateTime,
) -> Result<(), Error> {
    actor.require(Action::ManageUsers)?;
    acc.store.end_sessions_of(id).await?;
    actor
        .audit(acc.store, now, "logout-everywhere", "user", Some(id), None)
        .await?;
    Ok(())
}
