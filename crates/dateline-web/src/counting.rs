//! Counting a reader's view of an article page, from the request that
//! asked for it: the one place the page cache (for the pages it answers)
//! and the page's beacon (for those a CDN or the browser answered) both
//! use. The counting itself is the application's (`discovery::views`).

use crate::AppState;

/// Reports that the reader who sent these headers from `peer` read
/// `article` now.
pub fn count_request(
    state: &AppState,
    headers: &axum::http::HeaderMap,
    peer: std::net::SocketAddr,
    article: i64,
) {
    let address = crate::extract::client_address(state, headers, peer);
    let agent = headers
        .get(axum::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok());
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    state.app.discovery.views.saw(article, address, agent, now);
}
