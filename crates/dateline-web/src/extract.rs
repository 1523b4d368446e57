//! Small typed facts pulled out of requests.

use crate::error::PageError;
use dateline_core::Language;
use serde::Deserialize;

/// The language a public path starts with. Only the exact lowercase codes
/// the model knows are addresses; anything else is a 404, so that one page
/// never answers at two URLs.
pub fn language(code: &str) -> Result<Language, PageError> {
    crate::language::from_code(code).ok_or(PageError {
        status: axum::http::StatusCode::NOT_FOUND,
        lang: None,
    })
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
            Some(n) => PageQuery::parse(n).ok_or(PageError::bad_request(lang)),
        }
    }

    /// A `page` value as the handlers read it (the page cache's key uses the
    /// same reading): a positive number, else None.
    pub fn parse(value: &str) -> Option<i64> {
        match value.parse::<u32>() {
            Ok(n) if n >= 1 => Some(i64::from(n)),
            _ => None,
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

/// The reader's address: the connection's, or, from a trusted proxy, the
/// nearest `X-Forwarded-For` entry that is not itself a trusted proxy
/// (entries further left come from the client and may be forged). The
/// headers of an untrusted peer never get here: [`forget_untrusted_forwarding`]
/// drops them first.
pub fn client_address(
    state: &crate::AppState,
    headers: &axum::http::HeaderMap,
    peer: std::net::SocketAddr,
) -> std::net::IpAddr {
    let trusted = &state.config.trusted_proxies;
    if !is_trusted(trusted, peer.ip()) {
        return peer.ip();
    }
    let entries: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    // From the right: each hop added the address it saw. The first that is
    // not one of our proxies is the reader; an unreadable entry ends the
    // trail at the last good one.
    let mut reader = peer.ip();
    for entry in entries.iter().rev() {
        match entry.parse() {
            Ok(address) => {
                reader = address;
                if !is_trusted(trusted, address) {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    reader
}

pub(crate) fn is_trusted(trusted: &[ipnet::IpNet], address: std::net::IpAddr) -> bool {
    // An IPv4 peer on a dual-stack socket arrives as ::ffff:a.b.c.d.
    let address = match address {
        std::net::IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, std::net::IpAddr::V4),
        v4 => v4,
    };
    trusted.iter().any(|net| net.contains(&address))
}

/// Drops `X-Forwarded-*` and `Forwarded` from a request whose peer is not a
/// trusted proxy, so that nothing downstream (rate limits, view counts,
/// cookie flags) can be steered by a client that names its own address or
/// scheme.
pub fn forget_untrusted_forwarding(state: &crate::AppState, req: &mut axum::extract::Request) {
    let peer = req
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    if peer.is_some_and(|p| is_trusted(&state.config.trusted_proxies, p)) {
        return;
    }
    let headers = req.headers_mut();
    for name in [
        "x-forwarded-for",
        "x-forwarded-proto",
        "x-forwarded-host",
        "x-real-ip",
        "forwarded",
    ] {
        headers.remove(name);
    }
}
