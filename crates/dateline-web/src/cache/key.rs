//! What a cached page is filed under: its canonical path, and the page
//! number on the routes that read one.

use axum::http::HeaderMap;
use std::borrow::Cow;

use super::has_pending_cookie;

/// Where a request's page is kept: its path and, on the routes that read
/// it, the page number; None when the page must not be kept at all.
///
/// The query is parsed the way the handlers' `Query` extractor parses it
/// (form-urlencoded, names decoded), so `?pag%65=2` is page 2 here as it is
/// there. Only canonical paths (as browsers send our links) have a key: a
/// path that decodes to the same page by other escapes is answered by the
/// handler and not kept, so no spelling of a URL can flood or shadow
/// another.
pub(super) fn cache_key<'a>(uri: &'a axum::http::Uri, headers: &HeaderMap) -> Option<Cow<'a, str>> {
    let path = uri.path();
    if !is_canonical_path(path) || !is_page(path) || has_pending_cookie(headers) {
        return None;
    }
    let paged = reads_page(path);
    let mut page = None;
    let query = uri.query().unwrap_or("");
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        match &*name {
            // Not a number: the handler answers 400. Twice: the extractor
            // refuses it. Neither is kept.
            "page" if paged => {
                if page.is_some() {
                    return None;
                }
                page = Some(crate::extract::PageQuery::parse(&value)?);
            }
            // A reply form is rendered for one reader.
            "reply" if paged => return None,
            _ => {}
        }
    }
    match page {
        Some(n) if n > 1 => Some(Cow::Owned(format!("{path}?page={n}"))),
        _ => Some(Cow::Borrowed(path)),
    }
}

/// Whether `path` may be a readers' page; files, the API, the beacon,
/// health checks and the newsroom never are (a HEAD of a media file must
/// not run its GET).
fn is_page(path: &str) -> bool {
    const NEVER: [&str; 8] = [
        "/media/",
        "/static/",
        "/newsroom",
        "/api/",
        "/views/",
        "/language/",
        "/healthz",
        "/readyz",
    ];
    !NEVER.iter().any(|prefix| path.starts_with(prefix))
}

/// Whether the route of `path` reads `?page=`: lists (sections, tags,
/// authors, corrections, a programme's episodes) and articles (their
/// comments). Guessing wrong costs only hits: a page is kept only when the
/// number its handler rendered is the one in its key ([`PageNumber`]).
fn reads_page(path: &str) -> bool {
    // No allocation on the hit path: no route has more than 7 segments.
    let mut segments = [""; 7];
    let mut count = 0;
    for segment in path.split('/') {
        if count == segments.len() {
            return false;
        }
        segments[count] = segment;
        count += 1;
    }
    match &segments[..count] {
        // /{lang}/{section}/ and /{lang}/corrections/, not /{lang}/programmes/
        ["", _, section, ""] => *section != "programmes" && *section != "search",
        // /{lang}/tag/{tag}, /{lang}/author/{author}
        ["", _, "tag" | "author", _] => true,
        // /{lang}/programmes/{programme}/
        ["", _, "programmes", _, ""] => true,
        // /{lang}/{section}/{yyyy}/{mm}/{dd}/{slug}
        ["", _, _, _, _, _, slug] => !slug.is_empty(),
        _ => false,
    }
}

/// Whether `path` is spelled the way our links and browsers spell it:
/// UTF-8, percent-encoded exactly where [`crate::extract::encode_path`]
/// encodes (so no `%2F`, no `%41` for `A`, upper-case hex).
fn is_canonical_path(path: &str) -> bool {
    if !path.starts_with('/') {
        return false;
    }
    if !path.contains('%') {
        return true;
    }
    match percent_encoding::percent_decode_str(path).decode_utf8() {
        Ok(decoded) => crate::extract::encode_path(&decoded) == path,
        Err(_) => false,
    }
}
