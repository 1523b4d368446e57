//! Uploaded files as both surfaces serve them: readers at
//! `/media/{token}/{variant}.{ext}` (`original` for audio, `w640` and the
//! like for an image's renditions), members at `/newsroom/media/...`. The
//! token is the upload's random name, so files cannot be listed by counting
//! ids.
//!
//! A reader gets a file only when it belongs to published content (see
//! [`dateline_store::MediaFileInfo::public`]); image originals, which keep
//! what the camera wrote, never. Such files never change, so they are cached
//! for a year. Anything else is 404, unless a newsroom member asks (their
//! session cookie reaches this path when the newsroom's does), who gets it
//! with `private, no-store`; the newsroom's own links go to
//! `/newsroom/media/{id}/...` (see [`serve`]).
//!
//! Serving costs little whatever the file's size: the length comes from the
//! database without the bytes, HEAD reads none, a range reads only the
//! pieces that hold it, and a whole file is streamed a piece at a time. Reads
//! in progress are bounded (see [`crate::media_work`]); when the bound stays
//! full the answer is 503 with `Retry-After`.

use crate::media_work::Busy;
use crate::AppState;
use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use dateline_store::{MediaFileInfo, MediaItem, StoreError};
use std::sync::Arc;

/// Largest answer read from the database in one go; a larger one is streamed
/// in reads of this size.
const PIECE_BYTES: usize = 1024 * 1024;

/// Who may see what is answered, and so how it may be cached.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Every reader: cached for a year, by anyone.
    Public,
    /// A newsroom member, for a file readers may not have.
    Member,
}

impl Audience {
    fn cache_control(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            Audience::Public => "public, max-age=31536000, immutable",
            Audience::Member => "private, no-store",
        })
    }
}

/// The address of one file of an upload on the readers' site.
pub fn path(m: &MediaItem, variant: &str) -> String {
    dateline_core::media::media_path(&m.token, &m.content_type, variant)
}

/// The widest rendition of an image, as (variant, width): what readers get
/// where the original would otherwise go (link previews, feeds, podcast
/// artwork), since originals are not served to them.
pub fn largest_rendition(m: &MediaItem) -> Option<&(String, i64)> {
    m.renditions.last()
}

/// The variant named by `w640.png` and the like; None for anything that
/// cannot be one.
pub fn variant_of(file: &str) -> Option<&str> {
    let variant = file.split('.').next().unwrap_or("");
    (!variant.is_empty()
        && variant.len() <= 16
        && variant.chars().all(|c| c.is_ascii_alphanumeric()))
    .then_some(variant)
}

pub fn internal(e: StoreError) -> Response {
    tracing::error!(error = %e, "reading a media file");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

/// Where a member sees a library file named by its readers' address
/// (`/media/{token}/{file}`): the newsroom's own copy of the path, which the
/// session cookie reaches on a plain-HTTP site too (it is scoped to
/// `/newsroom` there), so a picture in a draft shows in the editor and its
/// preview before readers may see it.
pub fn member_path(public: &str) -> String {
    match public.strip_prefix("/media/") {
        Some(rest) => format!("/newsroom/media/t/{rest}"),
        None => public.to_string(),
    }
}

/// Answers with one stored file (or the byte range asked for), for the
/// audience given: HEAD without reading any of it, a small answer in one
/// read, a large one streamed a piece at a time.
pub async fn serve(
    state: &Arc<AppState>,
    info: &MediaFileInfo,
    method: &Method,
    headers: &HeaderMap,
    audience: Audience,
) -> Response {
    let total = info.byte_size;
    // A file never changes once uploaded (its name is random and new each
    // time): its token, variant and length make a strong validator.
    let etag = HeaderValue::from_str(&format!("\"{}-{}-{total}\"", info.token, info.variant))
        .unwrap_or_else(|_| HeaderValue::from_static("\"media\""));
    let modified = std::time::SystemTime::from(info.created_at);
    let last_modified = HeaderValue::from_str(&httpdate::fmt_http_date(modified)).ok();
    if not_modified(headers, &etag, modified) {
        let mut r = StatusCode::NOT_MODIFIED.into_response();
        let h = r.headers_mut();
        h.insert(header::ETAG, etag);
        if let Some(v) = last_modified {
            h.insert(header::LAST_MODIFIED, v);
        }
        h.insert(header::CACHE_CONTROL, audience.cache_control());
        return r;
    }
    // A range is answered only for the file the client already has part of.
    let range = headers
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .filter(|_| {
            headers
                .get(header::IF_RANGE)
                .is_none_or(|v| v.as_bytes() == etag.as_bytes())
        });
    let (status, start, len) = match range {
        None => (StatusCode::OK, 0, total),
        Some(range) => match byte_range(range, total) {
            Some((start, end)) => (StatusCode::PARTIAL_CONTENT, start, end - start + 1),
            None => {
                let mut r = StatusCode::RANGE_NOT_SATISFIABLE.into_response();
                if let Ok(v) = HeaderValue::from_str(&format!("bytes */{total}")) {
                    r.headers_mut().insert(header::CONTENT_RANGE, v);
                }
                return r;
            }
        },
    };

    let body = if *method == Method::HEAD {
        Body::empty()
    } else {
        match body(state, info, start, len).await {
            Ok(body) => body,
            Err(Failure::Busy(busy)) => return busy.into_response(),
            Err(Failure::Store(e)) => return internal(e),
        }
    };
    let mut response = (status, body).into_response();
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&info.content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    if status == StatusCode::PARTIAL_CONTENT {
        let end = start + len - 1;
        if let Ok(v) = HeaderValue::from_str(&format!("bytes {start}-{end}/{total}")) {
            h.insert(header::CONTENT_RANGE, v);
        }
    }
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    h.insert(header::CACHE_CONTROL, audience.cache_control());
    h.insert(header::ETAG, etag);
    if let Some(v) = last_modified {
        h.insert(header::LAST_MODIFIED, v);
    }
    response
}

/// Whether the client's copy is current: If-None-Match when it sent one,
/// else If-Modified-Since (to the second, as HTTP dates go).
fn not_modified(headers: &HeaderMap, etag: &HeaderValue, modified: std::time::SystemTime) -> bool {
    if headers.contains_key(header::IF_NONE_MATCH) {
        return crate::cache::answer::etag_matches(headers, etag);
    }
    let since = headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| httpdate::parse_http_date(v).ok());
    match since {
        Some(since) => {
            let seconds = |t: std::time::SystemTime| {
                t.duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_secs())
                    .unwrap_or(0)
            };
            seconds(modified) <= seconds(since)
        }
        None => false,
    }
}

enum Failure {
    Busy(Busy),
    Store(StoreError),
}

/// The body of `len` bytes from `start`: read at once when it is one piece,
/// else streamed. The first piece is read before the answer goes out, so a
/// full bound or a database error is still a proper status.
async fn body(
    state: &Arc<AppState>,
    info: &MediaFileInfo,
    start: u64,
    len: u64,
) -> Result<Body, Failure> {
    let first_len = usize::try_from(len).unwrap_or(usize::MAX).min(PIECE_BYTES);
    let first = {
        let _permit = state.media.read_permit().await.map_err(Failure::Busy)?;
        dateline_app::media::piece(&state.app, info, start, first_len)
            .await
            .map_err(Failure::Store)?
    };
    if first.len() != first_len {
        return Err(Failure::Store(StoreError::Invalid(format!(
            "media {} {}: shorter than its length",
            info.media_id, info.variant
        ))));
    }
    if first_len as u64 == len {
        return Ok(Body::from(first));
    }

    // The rest, a piece at a time as the client takes it: at most one piece
    // of this answer is in memory, and each read waits its turn in the bound.
    struct Rest {
        state: Arc<AppState>,
        info: MediaFileInfo,
        next: u64,
        end: u64,
    }
    let rest = Rest {
        state: state.clone(),
        info: info.clone(),
        next: start + first_len as u64,
        end: start + len,
    };
    let pieces = futures_util::stream::unfold(Some(rest), |rest| async move {
        let mut rest = rest?;
        if rest.next >= rest.end {
            return None;
        }
        let want = usize::try_from(rest.end - rest.next)
            .unwrap_or(usize::MAX)
            .min(PIECE_BYTES);
        let read = async {
            let _permit = rest.state.media.stream_permit().await?;
            let bytes = dateline_app::media::piece(&rest.state.app, &rest.info, rest.next, want)
                .await
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            if bytes.len() != want {
                return Err(std::io::Error::other(
                    "a media file is shorter than its length",
                ));
            }
            Ok(bytes)
        };
        match read.await {
            Ok(bytes) => {
                rest.next += want as u64;
                Some((Ok(bytes), Some(rest)))
            }
            // The status has gone out: all that is left is to cut the
            // answer short, which the client sees as an incomplete body.
            Err(e) => {
                tracing::warn!(error = %e, "a media download stopped");
                Some((Err(e), None))
            }
        }
    });
    let first = futures_util::stream::once(std::future::ready(Ok::<_, std::io::Error>(first)));
    use futures_util::StreamExt as _;
    Ok(Body::from_stream(first.chain(pieces)))
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
    use super::{byte_range, variant_of};

    #[test]
    fn ranges() {
        let check = |h: &str, expected: Option<(u64, u64)>| {
            assert_eq!(byte_range(h, 1000), expected, "{h}")
        };
        check("bytes=0-99", Some((0, 99)));
        check("bytes=0-0", Some((0, 0)));
        check("bytes=900-", Some((900, 999)));
        check("bytes=-100", Some((900, 999)));
        check("bytes=990-2000", Some((990, 999)));
        check("bytes=1000-", None);
        check("bytes=5-1", None);
        check("bytes=0-1,5-6", None);
        check("items=0-1", None);
        check("bytes=-0", None);
        check("bytes=-", None);
        check("bytes=18446744073709551615-", None);
    }

    #[test]
    fn variants() {
        assert_eq!(variant_of("original.mp3"), Some("original"));
        assert_eq!(variant_of("w640.png"), Some("w640"));
        assert_eq!(variant_of("w640"), Some("w640"));
        for bad in [
            "",
            ".png",
            "../x.png",
            "w-1.png",
            "averyveryverylongname.png",
        ] {
            assert_eq!(variant_of(bad), None, "{bad}");
        }
    }
}
