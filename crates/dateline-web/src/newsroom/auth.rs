//! Who is asking: the [`Member`] extractor every newsroom route takes, from
//! the session cookie (see `crate::cookies`), and CSRF tokens.
//!
//! A session is a random token in an HttpOnly, SameSite cookie; the
//! database keeps only its digest, so every node knows it. The CSRF token
//! of a form is an HMAC of the session token with the site secret, so it is
//! the same on every node and useless in another session.

use super::failure::{self, NewsroomError};
use crate::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::Method;
use axum::response::{IntoResponse, Response};
use dateline_auth::csrf;
use dateline_core::newsroom::Action;
use dateline_core::Language;
use dateline_store::User;
use std::sync::Arc;

/// A logged-in newsroom member. Take it as an argument to require a login:
/// a reading page without one leads to the login form, and anything else is
/// refused with 403 before the handler runs.
pub struct Member {
    pub user: User,
    /// The session token from the cookie (never logged).
    pub token: String,
    /// The CSRF token every form of this session carries.
    pub csrf: String,
    /// The language the newsroom speaks to them.
    pub lang: Language,
}

impl Member {
    /// Refuses (403) unless the role allows `action`.
    pub fn require(&self, action: Action) -> Result<(), NewsroomError> {
        if self.user.role.may(action) {
            Ok(())
        } else {
            Err(NewsroomError::Forbidden)
        }
    }

    /// The member as the application's use cases know them.
    pub fn actor(&self) -> dateline_app::Actor<'_> {
        dateline_app::Actor::Member(&self.user)
    }

    /// Refuses (403) unless `presented` is this session's CSRF token.
    pub fn check_csrf(&self, state: &AppState, presented: &str) -> Result<(), NewsroomError> {
        if csrf::verify(&state.app.secret, &self.token, presented) {
            Ok(())
        } else {
            Err(NewsroomError::Forbidden)
        }
    }
}

impl FromRequestParts<Arc<AppState>> for Member {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Self, Response> {
        let lang = crate::language::newsroom(&parts.headers);
        let signed = crate::session::current(state, &parts.headers)
            .await
            .map_err(|e| NewsroomError::from(e).into_response())?;
        if let Some(signed) = signed {
            return Ok(Member {
                csrf: csrf::token(&state.app.secret, &signed.token),
                user: signed.user,
                token: signed.token,
                lang,
            });
        }
        if parts.method == Method::GET || parts.method == Method::HEAD {
            let next = parts
                .uri
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or("/newsroom/");
            let to = format!(
                "/newsroom/login?next={}",
                percent_encoding::utf8_percent_encode(next, percent_encoding::NON_ALPHANUMERIC)
            );
            return Err(failure::see_other(&to));
        }
        Err(NewsroomError::Forbidden.into_response())
    }
}

/// Only a path inside the newsroom may be a place to go after login, so a
/// crafted link cannot send a member elsewhere; nor may it hold a control
/// character, which no header can carry.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with("/newsroom/")
                && !n.starts_with("//")
                && !n.contains('\\')
                && !n.chars().any(char::is_control) =>
        {
            n.to_string()
        }
        _ => "/newsroom/".to_string(),
    }
}

/// Refuses (400) a place to go back to that holds a control character (a
/// CR or LF would split the `Location` header): checked before a handler
/// writes anything, so a crafted link changes nothing.
pub fn check_return_path(path: Option<&str>) -> Result<(), NewsroomError> {
    if path.is_some_and(|p| p.chars().any(char::is_control)) {
        return Err(NewsroomError::BadRequest(
            "The page to go back to is not an address this site makes.".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_in_the_newsroom_and_in_one_header() {
        let cases = [
            (None, "/newsroom/"),
            (
                Some("/newsroom/articles?status=draft"),
                "/newsroom/articles?status=draft",
            ),
            (Some("/newsroom/%E2%9C%93"), "/newsroom/%E2%9C%93"),
            (Some("https://evil.example/"), "/newsroom/"),
            (Some("//evil.example/newsroom/"), "/newsroom/"),
            (Some("/newsroom/\\evil"), "/newsroom/"),
            (Some("/newsroom/\r\nSet-Cookie: x=1"), "/newsroom/"),
            (Some("/newsroom/\u{7f}"), "/newsroom/"),
            (Some("/newsroom/\tx"), "/newsroom/"),
        ];
        for (next, expected) in cases {
            let got = safe_next(next);
            assert_eq!(got, expected, "{next:?}");
            assert!(axum::http::HeaderValue::from_str(&got).is_ok(), "{got:?}");
        }
    }

    #[test]
    fn return_paths_with_control_characters_are_refused() {
        assert!(check_return_path(None).is_ok());
        assert!(check_return_path(Some("/newsroom/comments?status=pending")).is_ok());
        assert!(
            check_return_path(Some("https://elsewhere/")).is_ok(),
            "only headers' safety here"
        );
        for bad in ["/newsroom/\r\nX", "/newsroom/\nX", "/newsroom/\0", "\u{85}"] {
            assert!(check_return_path(Some(bad)).is_err(), "{bad:?}");
        }
    }
}
