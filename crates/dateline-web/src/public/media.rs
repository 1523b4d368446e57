//! Uploaded files: `/media/{id}/{variant}.{ext}` (`original`, or `w640`
//! and the like for an image's renditions). A file never changes once
//! uploaded, so it is cached for a year. Byte ranges (206) let a player
//! seek in a programme without fetching all of it.

use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

pub async fn file(
    State(state): State<Arc<AppState>>,
    Path((id, file)): Path<(i64, String)>,
    headers: HeaderMap,
) -> Response {
    let variant = file.split('.').next().unwrap_or("");
    if variant.is_empty()
        || variant.len() > 16
        || !variant.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return StatusCode::NOT_FOUND.into_response();
    }
    let stored = match state.store.media_file(id, variant).await {
        Ok(f) => f,
        Err(dateline_store::StoreError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "reading a media file");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let total = stored.bytes.len() as u64;
    let mut response = match headers.get(header::RANGE).and_then(|v| v.to_str().ok()) {
        None => (StatusCode::OK, stored.bytes).into_response(),
        Some(range) => match byte_range(range, total) {
            Some((start, end)) => {
                let part = stored.bytes[start as usize..=end as usize].to_vec();
                let mut r = (StatusCode::PARTIAL_CONTENT, part).into_response();
                if let Ok(v) = HeaderValue::from_str(&format!("bytes {start}-{end}/{total}")) {
                    r.headers_mut().insert(header::CONTENT_RANGE, v);
                }
                r
            }
            None => {
                let mut r = StatusCode::RANGE_NOT_SATISFIABLE.into_response();
                if let Ok(v) = HeaderValue::from_str(&format!("bytes */{total}")) {
                    r.headers_mut().insert(header::CONTENT_RANGE, v);
                }
                return r;
            }
        },
    };
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&stored.content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    response
}

/// The one range of `bytes=a-b`, `bytes=a-` or `bytes=-n` that fits in a
/// file of `total` bytes, as inclusive offsets. Several ranges, or one that
/// does not fit, are None (416).
pub fn byte_range(header: &str, total: u64) -> Option<(u64, u64)> {
    let spec = header.trim().strip_prefix("bytes=")?;
    if spec.contains(',') || total == 0 {
        return None;
    }
    let (a, b) = spec.split_once('-')?;
    let (a, b) = (a.trim(), b.trim());
    let (start, end) = match (a.is_empty(), b.is_empty()) {
        (true, false) => {
            let n: u64 = b.parse().ok()?;
            if n == 0 {
                return None;
            }
            (total.saturating_sub(n), total - 1)
        }
        (false, true) => (a.parse().ok()?, total - 1),
        (false, false) => {
            let (s, e): (u64, u64) = (a.parse().ok()?, b.parse().ok()?);
            (s, e.min(total - 1))
        }
        (true, true) => return None,
    };
    (start <= end && start < total).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::byte_range;

    #[test]
    fn ranges() {
        let check = |h: &str, expected: Option<(u64, u64)>| {
            assert_eq!(byte_range(h, 1000), expected, "{h}")
        };
        check("bytes=0-99", Some((0, 99)));
        check("bytes=900-", Some((900, 999)));
        check("bytes=-100", Some((900, 999)));
        check("bytes=990-2000", Some((990, 999)));
        check("bytes=1000-", None);
        check("bytes=5-1", None);
        check("bytes=0-1,5-6", None);
        check("items=0-1", None);
        check("bytes=-0", None);
        check("bytes=-", None);
    }
}
