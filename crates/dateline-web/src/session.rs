//! Whether a request comes from a signed-in newsroom member: the session
//! cookie looked up (by its digest) in the database, which every node
//! shares. The newsroom's `Member` extractor is built on it, and the
//! readers' media route asks it before answering with a file readers may
//! not have yet.

use crate::{cookies, AppState};
use axum::http::HeaderMap;
use dateline_auth::token;
use dateline_store::{SessionStage, StoreError, User};
use time::{Duration, OffsetDateTime};

/// A session ends after this long without a request...
pub const IDLE: Duration = Duration::hours(12);
/// ...and in any case this long after the login.
pub const MAX: Duration = Duration::days(7);

/// A member's session, from the request's cookie.
pub struct Signed {
    pub user: User,
    /// The session token from the cookie (never logged).
    pub token: String,
}

/// The member whose session the request's cookie names, if that session is
/// whole (past the second factor) and current. Extends it (at most once a
/// minute).
pub async fn current(state: &AppState, headers: &HeaderMap) -> Result<Option<Signed>, StoreError> {
    let Some(token) = cookies::read_newsroom(state, headers, cookies::SESSION) else {
        return Ok(None);
    };
    let now = OffsetDateTime::now_utc();
    let digest = token::digest(&token);
    let session = state.app.store.session(&digest, now).await?;
    let Some(session) = session.filter(|s| s.stage == SessionStage::Full) else {
        return Ok(None);
    };
    // Sliding expiry, written at most once a minute.
    if now - session.last_seen_at > Duration::minutes(1) {
        let _ = state.app.store.touch_session(&digest, IDLE, MAX, now).await;
    }
    Ok(Some(Signed {
        user: session.user,
        token,
    }))
}

/// Whether the request comes from a signed-in member.
pub async fn signed_in(state: &AppState, headers: &HeaderMap) -> bool {
    matches!(current(state, headers).await, Ok(Some(_)))
}
