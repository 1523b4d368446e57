//! Every cookie the site sets or reads: their names, and how each is built
//! (through axum-extra's cookie builder and parser, never by hand).
//!
//! - The newsroom's session and login cookies carry random tokens whose
//!   digests the database keeps. Over HTTPS they are `Secure` and named with
//!   the `__Host-` prefix, which browsers accept only from a secure origin,
//!   for the whole host (`Path=/`) and with no `Domain`, so neither a page
//!   on another subdomain nor a plain-HTTP answer can plant or replace one;
//!   over plain HTTP (a site on a laptop) they are scoped to `/newsroom`.
//!   Only the name the request's scheme calls for is read.
//! - A reader's claim on their own comment awaiting moderation is signed
//!   (`dateline_app::comments::pending_claim`) and scoped to its article.
//! - The reader's chosen language is no secret and no claim.
//!
//! All are `HttpOnly` where script has no need of them, and `SameSite=Lax`.

use crate::AppState;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;
use axum_extra::extract::cookie::{Cookie, SameSite};

/// The newsroom session.
pub const SESSION: &str = "dl_session";
/// The login forms' double-submit token (there is no session to bind to yet).
pub const LOGIN: &str = "dl_login";
/// A reader's claim on their own comment awaiting moderation.
pub const PENDING: &str = "dl_pending";
/// The language a reader chose with the switcher.
pub const LANGUAGE: &str = "dl_lang";
/// The prefix newsroom cookies carry when the site is served over HTTPS.
const HOST_PREFIX: &str = "__Host-";

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

/// The value of a cookie the request carries. The `Cookie` headers are
/// parsed lazily, without building a jar: the page cache asks this of
/// every request, and most carry no cookie at all.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_string())
}

/// Whether the request carries the cookie at all (the page cache passes
/// such requests by).
pub fn carries(headers: &HeaderMap, name: &str) -> bool {
    headers.contains_key(header::COOKIE) && read(headers, name).is_some()
}

/// The name a newsroom cookie ([`SESSION`], [`LOGIN`]) goes by in this
/// request: with the `__Host-` prefix over HTTPS.
fn newsroom_name(secure: bool, name: &str) -> String {
    if secure {
        format!("{HOST_PREFIX}{name}")
    } else {
        name.to_string()
    }
}

/// The value of a newsroom cookie, under the name it goes by in this
/// request: over HTTPS only the `__Host-` cookie counts, so a cookie
/// without the prefix (which anyone on the network or a sibling subdomain
/// could have set) is never read.
pub fn read_newsroom(state: &AppState, headers: &HeaderMap, name: &str) -> Option<String> {
    read(headers, &newsroom_name(is_secure(state, headers), name))
}

/// A `Set-Cookie` value for a newsroom cookie; `max_age` 0 deletes it.
pub fn newsroom(
    state: &AppState,
    headers: &HeaderMap,
    name: &str,
    value: &str,
    max_age: i64,
) -> HeaderValue {
    let secure = is_secure(state, headers);
    // `__Host-` requires Secure, `Path=/` and no Domain.
    let path = if secure { "/" } else { "/newsroom" };
    let cookie = Cookie::build((newsroom_name(secure, name), value.to_string()))
        .path(path)
        .max_age(time::Duration::seconds(max_age))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure);
    header_value(cookie.build())
}

/// A `Set-Cookie` value for a reader's pending-comment claim, sent back
/// only with requests for the article's own pages (`path`).
pub fn pending(
    state: &AppState,
    headers: &HeaderMap,
    claim: &str,
    path: &str,
    max_age: i64,
) -> HeaderValue {
    let cookie = Cookie::build((PENDING, claim.to_string()))
        .path(path.to_string())
        .max_age(time::Duration::seconds(max_age))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(is_secure(state, headers));
    header_value(cookie.build())
}

/// A `Set-Cookie` value for the reader's chosen language (a year).
pub fn language(state: &AppState, headers: &HeaderMap, code: &str) -> HeaderValue {
    let cookie = Cookie::build((LANGUAGE, code.to_string()))
        .path("/")
        .max_age(time::Duration::days(365))
        .same_site(SameSite::Lax)
        .secure(is_secure(state, headers));
    header_value(cookie.build())
}

/// Adds a cookie to a response.
pub fn set(response: &mut Response, value: HeaderValue) {
    response.headers_mut().append(header::SET_COOKIE, value);
}

fn header_value(cookie: Cookie<'_>) -> HeaderValue {
    HeaderValue::from_str(&cookie.encoded().to_string())
        .unwrap_or_else(|_| HeaderValue::from_static(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_only_the_named_cookie() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("dl_pending_x=1; dl_pending=12.ab; other=2"),
        );
        assert_eq!(read(&headers, PENDING).as_deref(), Some("12.ab"));
        assert!(carries(&headers, "other"));
        assert!(!carries(&headers, SESSION));
    }

    #[test]
    fn cookie_names_over_https_carry_the_host_prefix() {
        assert_eq!(newsroom_name(false, SESSION), "dl_session");
        assert_eq!(newsroom_name(true, SESSION), "__Host-dl_session");
        assert_eq!(newsroom_name(true, LOGIN), "__Host-dl_login");
    }
}
