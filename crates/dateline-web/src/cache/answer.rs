//! A kept page answered: its encoding as the client accepts, its ETag,
//! and its forms compressed once when it is kept.

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::time::Duration;

use super::{Answers, CachedPage, CountsAsView};

/// What the site answers: a kept page's bytes, or the router's body.
pub type SiteBody = http_body_util::Either<http_body_util::Full<Bytes>, Body>;
pub type SiteResponse = axum::http::Response<SiteBody>;

pub(super) fn compress(
    identity: Bytes,
    content_type: HeaderValue,
    ttl: Option<Duration>,
) -> CachedPage {
    let digest = Sha256::digest(&identity);
    let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    let etag =
        HeaderValue::from_str(&format!("\"{hex}\"")).unwrap_or(HeaderValue::from_static("\"0\""));

    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let gzip = gz
        .write_all(&identity)
        .and_then(|_| gz.finish())
        .unwrap_or_default();
    let mut brotli = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut brotli, 4096, 6, 22);
        let _ = w.write_all(&identity);
    }
    CachedPage {
        generation: 0,
        started: 0,
        keys: Vec::new(),
        expires: ttl.map(|t| std::time::Instant::now() + t),
        article: None,
        etag,
        content_type,
        identity,
        gzip: gzip.into(),
        brotli: brotli.into(),
        answers: Answers::default(),
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

/// Picks brotli, then gzip, from Accept-Encoding, honouring `q=0`.
fn negotiate(headers: &HeaderMap) -> Encoding {
    let Some(accept) = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
    else {
        return Encoding::Identity;
    };
    let accepts = |name: &str| {
        accept.split(',').any(|item| {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or("").trim();
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (coding.eq_ignore_ascii_case(name) || coding == "*") && q > 0.0
        })
    };
    if accepts("br") {
        Encoding::Brotli
    } else if accepts("gzip") {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

pub(crate) fn etag_matches(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    let Some(inm) = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let ours = etag.to_str().unwrap_or("");
    inm.split(',')
        .map(str::trim)
        .any(|t| t == "*" || t == ours || t.strip_prefix("W/") == Some(ours))
}

pub(super) fn respond(page: &CachedPage, headers: &HeaderMap, head: bool) -> SiteResponse {
    let (mut parts, ()) = Response::new(()).into_parts();
    if etag_matches(headers, &page.etag) {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers = page.answers.not_modified.clone();
        return SiteResponse::from_parts(parts, empty());
    }
    let (answer, body) = match negotiate(headers) {
        Encoding::Brotli => (&page.answers.brotli, &page.brotli),
        Encoding::Gzip => (&page.answers.gzip, &page.gzip),
        Encoding::Identity => (&page.answers.identity, &page.identity),
    };
    parts.headers = answer.clone();
    if let Some(id) = page.article {
        parts.extensions.insert(CountsAsView(id));
    }
    let body = if head {
        empty()
    } else {
        http_body_util::Either::Left(http_body_util::Full::new(body.clone()))
    };
    SiteResponse::from_parts(parts, body)
}

fn empty() -> SiteBody {
    http_body_util::Either::Left(http_body_util::Full::new(Bytes::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_accept(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).unwrap(),
        );
        h
    }

    #[test]
    fn negotiation() {
        assert_eq!(negotiate(&HeaderMap::new()), Encoding::Identity);
        assert_eq!(
            negotiate(&with_accept("gzip, deflate, br")),
            Encoding::Brotli
        );
        assert_eq!(negotiate(&with_accept("gzip")), Encoding::Gzip);
        assert_eq!(
            negotiate(&with_accept("br;q=0, gzip;q=0.5")),
            Encoding::Gzip
        );
        assert_eq!(negotiate(&with_accept("identity")), Encoding::Identity);
    }
}
