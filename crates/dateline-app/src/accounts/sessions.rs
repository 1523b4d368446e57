//! Sessions: made at sign-in (a new random token every time, so a token
//! planted before it is worth nothing), found again at each request by the
//! token's digest, slid forward as the member works, and ended.

use super::{Accounts, Error};
use dateline_auth::token;
use dateline_store::{SessionStage, StoreError, User};
use time::{Duration, OffsetDateTime};

/// A session ends after this long without a request...
pub const IDLE: Duration = Duration::hours(12);
/// ...and in any case this long after the sign-in.
pub const MAX: Duration = Duration::days(7);
/// How long the half-way session waits for the second factor.
pub const TOTP_WAIT: Duration = Duration::minutes(5);

/// A session just made: its token, handed out once for the caller to carry
/// (the store keeps its digest only), and how long it lasts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub token: String,
    pub ttl: Duration,
}

/// Makes a session of `stage` for an account.
pub(crate) async fn start(
    acc: Accounts<'_>,
    user_id: i64,
    stage: SessionStage,
    ttl: Duration,
    now: OffsetDateTime,
) -> Result<NewSession, Error> {
    let session = token::random();
    acc.store
        .create_session(&token::digest(&session), user_id, stage, ttl, now)
        .await?;
    Ok(NewSession {
        token: session,
        ttl,
    })
}

/// The member whose session `token` is, if that session is whole (past the
/// second factor) and current. Extends it (at most once a minute).
pub async fn current(
    acc: Accounts<'_>,
    token: &str,
    now: OffsetDateTime,
) -> Result<Option<User>, StoreError> {
    let digest = token::digest(token);
    let session = acc.store.session(&digest, now).await?;
    let Some(session) = session.filter(|s| s.stage == SessionStage::Full) else {
        return Ok(None);
    };
    // Sliding expiry, written at most once a minute.
    if now - session.last_seen_at > Duration::minutes(1) {
        let _ = acc.store.touch_session(&digest, IDLE, MAX, now).await;
    }
    Ok(Some(session.user))
}

/// The account whose half-way session (password right, code awaited)
/// `token` is, if there is one.
pub async fn awaiting_code(
    acc: Accounts<'_>,
    token: &str,
    now: OffsetDateTime,
) -> Result<Option<User>, StoreError> {
    Ok(acc
        .store
        .session(&token::digest(token), now)
        .await?
        .filter(|s| s.stage == SessionStage::Totp)
        .map(|s| s.user))
}

/// Signs out: the session `token` ends.
pub async fn end(acc: Accounts<'_>, token: &str) -> Result<(), StoreError> {
    acc.store.end_session(&token::digest(token)).await
}

/// How many sessions an account has (the account pages show it).
pub async fn count(acc: Accounts<'_>, user_id: i64) -> Result<i64, StoreError> {
    acc.store.session_count(user_id).await
}
