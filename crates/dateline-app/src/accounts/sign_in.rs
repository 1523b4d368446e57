//! Signing in: an email and a password, then, for an account with
//! two-factor sign-in, a code from its authenticator app.

use super::sessions::{self, NewSession};
use super::{clip, code_of, hashed, limits, Accounts, Error, MAX_FIELD};
use dateline_auth::{password, totp};
use dateline_store::SessionStage;
use std::net::IpAddr;
use time::OffsetDateTime;

/// What a sign-in with a password came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignIn {
    /// The email or the password is empty: nothing checked or counted.
    Missing,
    /// Too many failures lately, for the account or the address: not
    /// checked.
    TooMany,
    /// The password gate stayed full: not checked, and not counted.
    Busy,
    /// No such enabled account, or the wrong password (the same answer,
    /// in the same time): counted.
    Wrong,
    /// The password is right and the account has a second factor: a
    /// half-way session that only the code completes.
    CodeNeeded(NewSession),
    /// Signed in: a whole session.
    Welcome(NewSession),
}

/// Checks an email and password from `address`.
pub async fn sign_in(
    acc: Accounts<'_>,
    email: &str,
    given: String,
    address: IpAddr,
    now: OffsetDateTime,
) -> Result<SignIn, Error> {
    let email = dateline_core::newsroom::normalise_email(email);
    if email.is_empty() || given.is_empty() {
        return Ok(SignIn::Missing);
    }
    let too_long = email.len() > MAX_FIELD || given.len() > MAX_FIELD;
    let address_hash = hashed(acc, address, now).await?;
    let Some(attempt) = acc
        .store
        .begin_attempt(clip(&email, MAX_FIELD), &address_hash, limits(now), now)
        .await?
    else {
        return Ok(SignIn::TooMany);
    };
    let credentials = if too_long {
        None
    } else {
        acc.store.credentials(&email).await?
    };
    // An over-long password is wrong whatever it is; the dummy hash of an
    // empty one spends the time without hashing megabytes.
    let given = if too_long { String::new() } else { given };
    let account = credentials.clone();
    let verified = acc
        .passwords
        .run(move |memory| match account {
            Some(c) if !c.user.disabled => match &c.password_hash {
                Some(hash) => password::verify_with(memory, hash, &given),
                None => password::verify_dummy_with(memory, &given),
            },
            _ => password::verify_dummy_with(memory, &given),
        })
        .await?;
    let Some(ok) = verified else {
        // Not evaluated: it does not count against anyone.
        acc.store.forget_attempt(attempt).await?;
        return Ok(SignIn::Busy);
    };
    let Some(credentials) = credentials.filter(|_| ok) else {
        return Ok(SignIn::Wrong);
    };
    acc.store.attempt_succeeded(attempt).await?;
    let id = credentials.user.id;
    if credentials.totp_secret.is_some() {
        let session =
            sessions::start(acc, id, SessionStage::Totp, sessions::TOTP_WAIT, now).await?;
        return Ok(SignIn::CodeNeeded(session));
    }
    let session = sessions::start(acc, id, SessionStage::Full, sessions::IDLE, now).await?;
    acc.store
        .audit(now, Some(id), "login", "user", Some(id), None)
        .await?;
    Ok(SignIn::Welcome(session))
}

/// What a second factor's code came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Code {
    /// No half-way session (never made, expired or ended): start again.
    NoSession,
    /// Too many failures lately: not checked, and the half-way session
    /// ends.
    TooMany,
    /// Not the code of now, or one already used: counted.
    Wrong,
    /// Signed in: the half-way session is replaced by a whole one with a
    /// new token.
    Welcome(NewSession),
}

/// Checks the code typed in the half-way session `token`.
pub async fn second_factor(
    acc: Accounts<'_>,
    token: &str,
    typed: &str,
    address: IpAddr,
    now: OffsetDateTime,
) -> Result<Code, Error> {
    let Some(user) = sessions::awaiting_code(acc, token, now).await? else {
        return Ok(Code::NoSession);
    };
    let address_hash = hashed(acc, address, now).await?;
    let Some(attempt) = acc
        .store
        .begin_attempt(&user.email, &address_hash, limits(now), now)
        .await?
    else {
        sessions::end(acc, token).await?;
        return Ok(Code::TooMany);
    };
    let secret = acc.store.credentials_by_id(user.id).await?.totp_secret;
    let code = code_of(typed);
    let step = secret.and_then(|s| totp::verify(&s, &code, now.unix_timestamp()));
    let fresh = match step {
        Some(step) => acc.store.use_totp_step(user.id, step).await?,
        None => false,
    };
    if !fresh {
        return Ok(Code::Wrong);
    }
    acc.store.attempt_succeeded(attempt).await?;
    let session = dateline_auth::token::random();
    acc.store
        .upgrade_session(
            &dateline_auth::token::digest(token),
            &dateline_auth::token::digest(&session),
            sessions::IDLE,
            now,
        )
        .await?;
    acc.store
        .audit(
            now,
            Some(user.id),
            "login",
            "user",
            Some(user.id),
            Some("with a second factor"),
        )
        .await?;
    Ok(Code::Welcome(NewSession {
        token: session,
        ttl: sessions::IDLE,
    }))
}
