//! The page cache: readers' pages rendered once per change, kept in memory
//! with their gzip and brotli forms and an ETag.
//!
//! Entries are keyed by path (plus the page number, the only query a public
//! page reads). A change in the store's feed clears the whole cache: changes
//! are rare next to reads, and a wholesale clear can never leave a stale
//! related list or section block behind. A render that started before a clear
//! is not stored, so a page cannot outlive the change that made it stale.

use crate::AppState;
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::convert::Infallible;
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

/// Marks a handler's response as a public page that may be cached.
#[derive(Clone, Copy)]
pub struct Cacheable;

/// Limits how long a cached page lives: pages that carry a comment form are
/// re-rendered at least this often, so the time signed into the form's
/// token stays close to the time a reader was served it.
#[derive(Clone, Copy)]
pub struct CacheFor(pub std::time::Duration);

/// Marks an article page: each GET of it (from the cache or not) is
/// reported to the view counter.
#[derive(Clone, Copy)]
pub struct CountsAsView(pub i64);

/// Shared caches and CDNs may keep a page this long; our own cache is
/// invalidated at once by the change feed.
const CACHE_CONTROL: &str = "public, max-age=30";
/// Pages larger than this are served but not cached.
const MAX_CACHED_BYTES: usize = 2 * 1024 * 1024;

pub struct CachedPage {
    expires: Option<std::time::Instant>,
    /// The article this page shows, whose views it counts.
    article: Option<i64>,
    etag: HeaderValue,
    content_type: HeaderValue,
    identity: Bytes,
    gzip: Bytes,
    brotli: Bytes,
}

pub struct PageCache {
    pages: RwLock<HashMap<String, Arc<CachedPage>>>,
    generation: AtomicU64,
    capacity: usize,
}

impl PageCache {
    pub fn new(capacity: usize) -> PageCache {
        PageCache {
            pages: RwLock::new(HashMap::new()),
            generation: AtomicU64::new(0),
            capacity,
        }
    }

    /// Forgets every page; renders already under way will not be stored.
    pub fn clear(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut pages) = self.pages.write() {
            pages.clear();
        }
    }

    pub fn len(&self) -> usize {
        self.pages.read().map(|p| p.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn get(&self, key: &str) -> Option<Arc<CachedPage>> {
        let page = self.pages.read().ok()?.get(key).cloned()?;
        match page.expires {
            Some(at) if at <= std::time::Instant::now() => None,
            _ => Some(page),
        }
    }

    fn insert(&self, key: String, page: Arc<CachedPage>, generation: u64) {
        if let Ok(mut pages) = self.pages.write() {
            // Checked under the lock: a clear() in between wins.
            if self.generation.load(Ordering::SeqCst) == generation
                && (pages.len() < self.capacity || pages.contains_key(&key))
            {
                pages.insert(key, page);
            }
        }
    }
}

/// The cache key: the path, plus `page=N` when a page number is asked for.
/// Other query parameters (tracking tags) do not split the cache. A `page`
/// that is not a number gets no key, so the handler answers it (400).
fn cache_key(req: &Request) -> Option<String> {
    let path = req.uri().path();
    let page = req
        .uri()
        .query()
        .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("page=")));
    // A reply form, or a reader who just posted (their pending comment shows
    // to them alone), gets a page of their own.
    let query = req.uri().query().unwrap_or("");
    if query.split('&').any(|kv| kv.starts_with("reply=")) || has_pending_cookie(req.headers()) {
        return None;
    }
    match page {
        Some(n) if n.parse::<u32>().is_ok() => Some(format!("{path}?page={n}")),
        Some(_) => None,
        None => Some(path.to_string()),
    }
}

/// The whole site behind its page cache: a hit is answered here, before
/// routing and the middleware stack, which is what lets a cached page go out
/// at close to the speed of a bare server; a miss goes to the router, and a
/// page its handler marks [`Cacheable`] is compressed and kept.
#[derive(Clone)]
pub struct CachedSite {
    state: Arc<AppState>,
    inner: axum::Router,
}

impl CachedSite {
    pub fn new(state: Arc<AppState>, inner: axum::Router) -> CachedSite {
        CachedSite { state, inner }
    }
}

type BoxFuture =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<Response, Infallible>> + Send>>;

impl tower::Service<Request> for CachedSite {
    type Response = Response;
    type Error = Infallible;
    type Future = BoxFuture;

    fn poll_ready(
        &mut self,
        _cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Infallible>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: Request) -> BoxFuture {
        let cacheable_method = req.method() == Method::GET || req.method() == Method::HEAD;
        let key = if cacheable_method {
            cache_key(&req)
        } else {
            None
        };
        let counts = req.method() == Method::GET;
        let Some(key) = key else {
            let mut inner = self.inner.clone();
            let state = self.state.clone();
            return Box::pin(async move {
                let seen = counts.then(|| Reader::of(&req));
                let response = inner.call(req).await?;
                if let (Some(reader), Some(CountsAsView(id))) =
                    (seen, response.extensions().get::<CountsAsView>())
                {
                    if response.status() == StatusCode::OK {
                        reader.count(&state, *id);
                    }
                }
                Ok(response)
            });
        };
        if let Some(page) = self.state.cache.get(&key) {
            if let (true, Some(id)) = (counts, page.article) {
                Reader::of(&req).count(&self.state, id);
            }
            let response = respond(&page, req.headers(), &self.state.config);
            return Box::pin(std::future::ready(Ok(response)));
        }
        let state = self.state.clone();
        let mut inner = self.inner.clone();
        Box::pin(async move {
            let generation = state.cache.generation.load(Ordering::SeqCst);
            let headers = req.headers().clone();
            let seen = counts.then(|| Reader::of(&req));
            let response = inner.call(req).await?;
            let article = response.extensions().get::<CountsAsView>().map(|c| c.0);
            if let (Some(reader), Some(id), StatusCode::OK) = (&seen, article, response.status()) {
                reader.count(&state, id);
            }
            if response.status() != StatusCode::OK
                || response.extensions().get::<Cacheable>().is_none()
            {
                return Ok(response);
            }
            let (parts, body) = response.into_parts();
            let bytes = match axum::body::to_bytes(body, MAX_CACHED_BYTES).await {
                Ok(bytes) => bytes,
                Err(_) => return Ok(StatusCode::INTERNAL_SERVER_ERROR.into_response()),
            };
            let content_type = parts
                .headers
                .get(header::CONTENT_TYPE)
                .cloned()
                .unwrap_or(HeaderValue::from_static("text/html; charset=utf-8"));
            let ttl = parts.extensions.get::<CacheFor>().map(|c| c.0);
            let mut page = compress(bytes, content_type, ttl);
            page.article = article;
            let page = Arc::new(page);
            state.cache.insert(key, page.clone(), generation);
            Ok(respond(&page, &headers, &state.config))
        })
    }
}

/// Who asked for a page, as the view counter needs it.
struct Reader {
    headers: HeaderMap,
    peer: Option<std::net::SocketAddr>,
}

impl Reader {
    fn of(req: &Request) -> Reader {
        // Only the two headers that identify a reader are kept.
        let mut headers = HeaderMap::new();
        for name in [
            header::USER_AGENT,
            header::HeaderName::from_static("x-forwarded-for"),
        ] {
            for value in req.headers().get_all(&name) {
                headers.append(name.clone(), value.clone());
            }
        }
        Reader {
            headers,
            peer: req
                .extensions()
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|c| c.0),
        }
    }

    fn count(&self, state: &AppState, article: i64) {
        if let Some(peer) = self.peer {
            crate::discovery::views::count_request(state, &self.headers, peer, article);
        }
    }
}

/// Tells the compression layer to leave cacheable pages alone: the cache
/// compresses them once, not once per request.
#[derive(Clone, Copy)]
pub struct NotCacheable;

impl tower_http::compression::Predicate for NotCacheable {
    fn should_compress<B>(&self, response: &axum::http::Response<B>) -> bool
    where
        B: axum::body::HttpBody,
    {
        response.extensions().get::<Cacheable>().is_none()
    }
}

/// Whether the request carries the cookie of a reader's pending comment.
pub fn has_pending_cookie(headers: &HeaderMap) -> bool {
    crate::extract::cookie(headers, crate::public::PENDING_COOKIE).is_some()
}

fn compress(
    identity: Bytes,
    content_type: HeaderValue,
    ttl: Option<std::time::Duration>,
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
        expires: ttl.map(|t| std::time::Instant::now() + t),
        article: None,
        etag,
        content_type,
        identity,
        gzip: gzip.into(),
        brotli: brotli.into(),
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

fn etag_matches(headers: &HeaderMap, etag: &HeaderValue) -> bool {
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

fn respond(page: &CachedPage, headers: &HeaderMap, config: &crate::WebConfig) -> Response {
    let mut builder = Response::builder();
    if let Some(headers) = builder.headers_mut() {
        crate::headers::add_security_headers(headers, config);
    }
    builder = builder
        .header(header::ETAG, page.etag.clone())
        .header(header::CACHE_CONTROL, CACHE_CONTROL)
        .header(header::VARY, "Accept-Encoding");
    if etag_matches(headers, &page.etag) {
        return builder
            .status(StatusCode::NOT_MODIFIED)
            .body(Body::empty())
            .unwrap_or_default();
    }
    let body = match negotiate(headers) {
        Encoding::Brotli => {
            builder = builder.header(header::CONTENT_ENCODING, "br");
            page.brotli.clone()
        }
        Encoding::Gzip => {
            builder = builder.header(header::CONTENT_ENCODING, "gzip");
            page.gzip.clone()
        }
        Encoding::Identity => page.identity.clone(),
    };
    builder
        .header(header::CONTENT_TYPE, page.content_type.clone())
        .header(header::CONTENT_LENGTH, body.len())
        .body(Body::from(body))
        .unwrap_or_default()
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
