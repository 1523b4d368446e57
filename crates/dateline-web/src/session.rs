//! Whether a request comes from a signed-in newsroom member: the session
//! cookie's token, looked up by the accounts' use cases
//! (`dateline_app::accounts::sessions`) in the database every node shares.
//! The newsroom's `Member` extractor is built on it, and the readers' media
//! route asks it before answering with a file readers may not have yet.

use crate::{cookies, AppState};
use axum::http::HeaderMap;
use dateline_app::accounts::sessions;
use dateline_store::{StoreError, User};
use time::OffsetDateTime;

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
    let user = sessions::current(state.app.accounts(), &token, OffsetDateTime::now_utc()).await?;
    Ok(user.map(|user| Signed { user, token }))
}

/// Whether the request comes from a signed-in member.
pub async fn signed_in(state: &AppState, headers: &HeaderMap) -> bool {
    matches!(current(state, headers).await, Ok(Some(_)))
}
