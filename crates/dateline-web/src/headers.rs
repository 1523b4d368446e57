//! Security headers on every response, cached or not.

use crate::{AppState, WebConfig};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;

/// No inline script or style anywhere; pages may not be framed.
pub(crate) const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; \
                   media-src 'self' https:; object-src 'none'; base-uri 'self'; form-action 'self'; \
                   frame-ancestors 'none'";

/// `Strict-Transport-Security` as the operator set it (`hsts`), for a site
/// whose public URL is https: browsers then refuse plain HTTP to it for
/// that long. Never over plain HTTP, where it would mean nothing, nor by
/// default, since it cannot be taken back before it expires.
fn hsts(config: &WebConfig) -> Option<HeaderValue> {
    let max_age = config.hsts?;
    if !config.base_url.starts_with("https://") {
        return None;
    }
    HeaderValue::from_str(&format!("max-age={max_age}")).ok()
}

/// Adds the headers unless a handler set its own.
pub fn add_security_headers(headers: &mut HeaderMap, config: &WebConfig) {
    if let Some(value) = hsts(config) {
        headers
            .entry(header::STRICT_TRANSPORT_SECURITY)
            .or_insert(value);
    }
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
}

/// Middleware form, for responses that do not come from the page cache.
pub async fn security_headers(
    State(state): State<Arc<AppState>>,
    req: Request,
    next: Next,
) -> Response {
    let mut response = next.run(req).await;
    add_security_headers(response.headers_mut(), &state.config);
    response
}

/// Marks an answer as for one person only: never stored by a cache, never
/// indexed.
pub fn private(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        "x-robots-tag",
        HeaderValue::from_static("noindex, nofollow"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sts(base_url: &str, hsts: Option<u64>) -> Option<String> {
        let config = WebConfig {
            hsts,
            ..WebConfig::for_tests(base_url)
        };
        let mut headers = HeaderMap::new();
        add_security_headers(&mut headers, &config);
        headers
            .get(header::STRICT_TRANSPORT_SECURITY)
            .map(|v| v.to_str().unwrap_or("").to_string())
    }

    #[test]
    fn hsts_only_when_asked_for_and_served_over_https() {
        assert_eq!(
            sts("https://news.example", Some(31_536_000)).as_deref(),
            Some("max-age=31536000")
        );
        assert_eq!(
            sts("https://news.example", Some(0)).as_deref(),
            Some("max-age=0")
        );
        assert_eq!(sts("https://news.example", None), None);
        assert_eq!(sts("http://127.0.0.1:8080", Some(31_536_000)), None);
    }
}
