//! Who is asking: the session cookie, the [`Member`] extractor every
//! newsroom route takes, CSRF tokens, and the cookies that carry them.
//!
//! A session is a random token in an HttpOnly, SameSite cookie; the
//! database keeps only its digest, so every node knows it. Over plain HTTP
//! (a site on a laptop) the cookie is scoped to `/newsroom`; over HTTPS it
//! is Secure and named with the `__Host-` prefix, which browsers accept only
//! from a secure origin, for the whole host (`Path=/`) and with no `Domain`,
//! so that neither a page on another subdomain nor a plain-HTTP answer can
//! plant or replace it. The
//! CSRF token of a form is an HMAC of the session token with the site
//! secret, so it is the same on every node and useless in another session.

use super::frame::{self, NewsroomError};
use crate::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::response::{IntoResponse, Response};
use dateline_auth::{csrf, token};
use dateline_core::newsroom::Action;
use dateline_core::Language;
use dateline_store::User;
use std::sync::Arc;
use time::{Duration, OffsetDateTime};

pub const SESSION_COOKIE: &str = "dl_session";
/// The login forms' double-submit token (there is no session to bind to yet).
pub const LOGIN_COOKIE: &str = "dl_login";
/// The prefix newsroom cookies carry when the site is served over HTTPS.
const HOST_PREFIX: &str = "__Host-";
/// A session ends after this long without a request...
pub const SESSION_IDLE: Duration = Duration::hours(12);
/// ...and in any case this long after the login.
pub const SESSION_MAX: Duration = Duration::days(7);
/// How long the half-way session waits for the second factor.
pub const TOTP_WAIT: Duration = Duration::minutes(5);

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

    /// Records in the audit log that this member did `action` to an entity.
    pub async fn audit(
        &self,
        state: &AppState,
        now: time::OffsetDateTime,
        action: &str,
        entity: &str,
        entity_id: Option<i64>,
        detail: Option<&str>,
    ) -> Result<(), NewsroomError> {
        Ok(state
            .app
            .store
            .audit(now, Some(self.user.id), action, entity, entity_id, detail)
            .await?)
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
        let lang = frame::language(&parts.headers);
        let now = OffsetDateTime::now_utc();
        if let Some(token) = read_cookie(state, &parts.headers, SESSION_COOKIE) {
            let digest = token::digest(token);
            let session = state
                .app
                .store
                .session(&digest, now)
                .await
                .map_err(|e| NewsroomError::from(e).into_response())?;
            if let Some(session) = session.filter(|s| s.stage == dateline_store::SessionStage::Full)
            {
                // Sliding expiry, written at most once a minute.
                if now - session.last_seen_at > Duration::minutes(1) {
                    let _ = state
                        .app
                        .store
                        .touch_session(&digest, SESSION_IDLE, SESSION_MAX, now)
                        .await;
                }
                return Ok(Member {
                    user: session.user,
                    csrf: csrf::token(&state.app.secret, token),
                    token: token.to_string(),
                    lang,
                });
            }
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
            return Err(frame::see_other(&to));
        }
        Err(NewsroomError::Forbidden.into_response())
    }
}

/// Whether the site is served over TLS: its public URL says so, or the
/// proxy in front of it (when it is told there is one) does.
pub fn is_secure(state: &AppState, headers: &HeaderMap) -> bool {
    state.config.base_url.starts_with("https://")
        || (state.config.behind_proxy()
            && headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.eq_ignore_ascii_case("https")))
}

/// The name a newsroom cookie (`SESSION_COOKIE`, `LOGIN_COOKIE`) goes by
/// in this request: with the `__Host-` prefix over HTTPS.
fn cookie_name(secure: bool, name: &str) -> String {
    if secure {
        format!("{HOST_PREFIX}{name}")
    } else {
        name.to_string()
    }
}

/// The value of a newsroom cookie in a request, under the name it goes by
/// there: over HTTPS only the `__Host-` cookie counts, so a cookie without
/// the prefix (which anyone on the network or a sibling subdomain could
/// have set) is never read.
pub fn read_cookie<'a>(state: &AppState, headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    crate::extract::cookie(headers, &cookie_name(is_secure(state, headers), name))
}

/// A `Set-Cookie` value for a newsroom cookie; `max_age` 0 deletes it.
pub fn cookie(
    state: &AppState,
    headers: &HeaderMap,
    name: &str,
    value: &str,
    max_age: i64,
) -> HeaderValue {
    let secure = is_secure(state, headers);
    let name = cookie_name(secure, name);
    // `__Host-` requires Secure, `Path=/` and no Domain.
    let (path, flag) = if secure {
        ("/", "; Secure")
    } else {
        ("/newsroom", "")
    };
    let text =
        format!("{name}={value}; Path={path}; Max-Age={max_age}; HttpOnly; SameSite=Lax{flag}");
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Adds a cookie to a response.
pub fn set_cookie(response: &mut Response, value: HeaderValue) {
    response.headers_mut().append(header::SET_COOKIE, value);
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
            assert!(HeaderValue::from_str(&got).is_ok(), "{got:?}");
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

    #[test]
    fn cookie_names_over_https_carry_the_host_prefix() {
        assert_eq!(cookie_name(false, SESSION_COOKIE), "dl_session");
        assert_eq!(cookie_name(true, SESSION_COOKIE), "__Host-dl_session");
        assert_eq!(cookie_name(true, LOGIN_COOKIE), "__Host-dl_login");
    }
}
