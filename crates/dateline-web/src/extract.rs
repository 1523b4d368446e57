//! Small typed facts pulled out of requests.

use crate::error::PageError;
use dateline_core::Language;
use serde::Deserialize;

/// The language a public path starts with. Only the exact lowercase codes
/// the model knows are addresses; anything else is a 404, so that one page
/// never answers at two URLs.
pub fn language(code: &str) -> Result<Language, PageError> {
    language_code(code).ok_or(PageError {
        status: axum::http::StatusCode::NOT_FOUND,
        lang: None,
    })
}

/// The language of exactly this lowercase code, for pages and the API.
pub fn language_code(code: &str) -> Option<Language> {
    Language::ALL.into_iter().find(|l| l.code() == code)
}

/// `?page=N` on lists. Absent means 1; anything but a positive number is a
/// bad request.
#[derive(Debug, Deserialize, Default)]
pub struct PageQuery {
    page: Option<String>,
}

impl PageQuery {
    pub fn number(&self, lang: Language) -> Result<i64, PageError> {
        match self.page.as_deref() {
            None => Ok(1),
            Some(n) => match n.parse::<u32>() {
                Ok(n) if n >= 1 => Ok(i64::from(n)),
                _ => Err(PageError::bad_request(lang)),
            },
        }
    }
}

/// Percent-encodes a path for a Location header, which must be ASCII;
/// Arabic slugs are stored and linked as Unicode.
pub fn encode_path(path: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'<')
        .add(b'>')
        .add(b'`')
        .add(b'#')
        .add(b'?')
        .add(b'{')
        .add(b'}');
    percent_encoding::utf8_percent_encode(path, KEEP).to_string()
}

/// The value of the cookie `name`, when the request carries it.
pub fn cookie<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|kv| {
            kv.trim()
                .strip_prefix(name)
                .and_then(|r| r.strip_prefix('='))
        })
}

/// The reader's address: the connection's, or behind a proxy the last
/// `X-Forwarded-For` entry, the one the proxy itself added (earlier entries
/// come from the client and may be forged).
pub fn client_address(
    state: &crate::AppState,
    headers: &axum::http::HeaderMap,
    peer: std::net::SocketAddr,
) -> std::net::IpAddr {
    if !state.config.behind_proxy {
        return peer.ip();
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .last()
        .and_then(|a| a.trim().parse().ok())
        .unwrap_or(peer.ip())
}
