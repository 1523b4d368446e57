//! A member's own account: their password, two-factor sign-in (TOTP), and
//! signing out of every session.
//!
//! Checking the current password is a sign-in attempt like any other: it
//! meets the same limits, so a stolen session cannot be used to guess the
//! password, and it goes through the password gate.

use super::{check_current, check_new_password, code_of, hash, Accounts, Error};
use super::{Outcome, Problem, Problems};
use crate::Actor;
use dateline_auth::{token, totp};
use dateline_store::User;
use std::net::IpAddr;
use time::OffsetDateTime;

/// A new password, with the current one.
#[derive(Debug, Clone, Default)]
pub struct PasswordChange {
    pub current: String,
    pub password: String,
    pub password_again: String,
}

/// Changes the member's password; every other session of the account ends
/// (the one `session` names stays).
pub async fn change_password(
    acc: Accounts<'_>,
    member: &User,
    session: &str,
    change: PasswordChange,
    address: IpAddr,
    now: OffsetDateTime,
) -> Result<Outcome, Error> {
    let mut problems = Problems::new();
    let current = check_current(acc, member, change.current, address, now).await?;
    if let Some(problem) = current.problem() {
        problems.insert("current", problem);
    }
    check_new_password(&change.password, &change.password_again, &mut problems);
    if !problems.is_empty() {
        return Ok(Outcome::Refused(problems));
    }
    let Some(hashed) = hash(acc, change.password).await? else {
        problems.insert("password", Problem::Busy);
        return Ok(Outcome::Refused(problems));
    };
    acc.store
        .set_password(member.id, &hashed, Some(&token::digest(session)), now)
        .await?;
    Actor::Member(member)
        .audit(
            acc.store,
            now,
            "change-password",
            "user",
            Some(member.id),
            None,
        )
        .await?;
    Ok(Outcome::Done(()))
}

/// A new secret for the member's authenticator app, and the address its
/// QR code carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolment {
    pub secret: String,
    pub uri: String,
}

/// Starts turning two-factor sign-in on: a new secret, not stored until a
/// code confirms it.
pub fn totp_enrolment(member: &User, site_name: &str) -> Enrolment {
    let secret = totp::new_secret();
    enrolment(member, &secret, site_name)
}

/// The enrolment of a secret already shown (the form comes back with it).
pub fn enrolment(member: &User, secret: &str, site_name: &str) -> Enrolment {
    let secret: String = secret.chars().take(64).collect();
    Enrolment {
        uri: totp::provisioning_uri(&secret, &member.email, site_name),
        secret,
    }
}

/// Turns two-factor sign-in on with `secret`, if `code` is the app's code
/// of now (the problem is on the `code` field).
pub async fn totp_on(
    acc: Accounts<'_>,
    member: &User,
    secret: &str,
    code: &str,
    now: OffsetDateTime,
) -> Result<Outcome, Error> {
    let Some(step) = totp::verify(secret, &code_of(code), now.unix_timestamp()) else {
        let mut problems = Problems::new();
        problems.insert("code", Problem::TotpCode);
        return Ok(Outcome::Refused(problems));
    };
    acc.store.set_totp(member.id, Some(secret), now).await?;
    acc.store.use_totp_step(member.id, step).await?;
    Actor::Member(member)
        .audit(acc.store, now, "totp-on", "user", Some(member.id), None)
        .await?;
    Ok(Outcome::Done(()))
}

/// Turns two-factor sign-in off, with the current password (the problem is
/// on the `totp_current` field).
pub async fn totp_off(
    acc: Accounts<'_>,
    member: &User,
    current: String,
    address: IpAddr,
    now: OffsetDateTime,
) -> Result<Outcome, Error> {
    let checked = check_current(acc, member, current, address, now).await?;
    if let Some(problem) = checked.problem() {
        let mut problems = Problems::new();
        problems.insert("totp_current", problem);
        return Ok(Outcome::Refused(problems));
    }
    acc.store.set_totp(member.id, None, now).await?;
    Actor::Member(member)
        .audit(acc.store, now, "totp-off", "user", Some(member.id), None)
        .await?;
    Ok(Outcome::Done(()))
}

/// Ends every session of the member's account, this one too.
pub async fn sign_out_everywhere(
    acc: Accounts<'_>,
    member: &User,
    now: OffsetDateTime,
) -> Result<(), Error> {
    acc.store.end_sessions_of(member.id).await?;
    Actor::Member(member)
        .audit(
            acc.store,
            now,
            "logout-everywhere",
            "user",
            Some(member.id),
            None,
        )
        .await?;
    Ok(())
}
