//! The page cache: readers' pages rendered once per change, kept in memory
//! with their gzip and brotli forms and an ETag.
//!
//! Entries are keyed by the canonical path, plus the page number on the
//! routes that read one ([`cache_key`]): exactly what the handlers read, so
//! query variants neither split the cache nor poison it. The cache is
//! bounded by bytes (every form of a page counted), evicts the least
//! recently asked-for pages (quick_cache; a page past its time limit is
//! dropped when next asked for), and is filled only by GET: a
//! HEAD is answered from the same entry, or by running the GET and keeping
//! its headers. A change in the store's feed clears the whole cache: changes
//! are rare next to reads, and a wholesale clear can never leave a stale
//! related list or section block behind. Each page remembers the generation
//! it was rendered in, so a render that started before a clear is never
//! served after it.

use crate::AppState;
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::collections::HashMap;
use std::convert::Infallible;
use std::io::Write;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tower::Service;

/// Marks a handler's response as a public page that may be cached.
#[derive(Clone, Copy)]
pub struct Cacheable;

/// Limits how long a cached page lives: pages that carry a comment form are
/// re-rendered at least this often, so the time signed into the form's
/// token stays close to the time a reader was served it.
#[derive(Clone, Copy)]
pub struct CacheFor(pub Duration);

/// The page number a paginated handler rendered. A page is kept only when
/// its key names the same number, so the cache cannot file page 2 under the
/// key of page 1 whatever the query looked like.
#[derive(Clone, Copy)]
pub struct PageNumber(pub i64);

/// Marks an article page, on its way out of the router and out of the
/// cache alike: each GET of it is reported to the view counter
/// ([`crate::counting`]).
#[derive(Clone, Copy)]
pub struct CountsAsView(pub i64);

/// Shared caches and CDNs may keep a page this long; our own cache is
/// invalidated at once by the change feed.
const CACHE_CONTROL: &str = "public, max-age=30";
/// Pages larger than this are served but not cached.
const MAX_CACHED_BYTES: usize = 2 * 1024 * 1024;

pub struct CachedPage {
    /// The cache generation the page was rendered in.
    generation: u64,
    /// Until when it may be served, when less than until the next change.
    expires: Option<std::time::Instant>,
    /// The article this page shows, whose views it counts.
    article: Option<i64>,
    etag: HeaderValue,
    content_type: HeaderValue,
    identity: Bytes,
    gzip: Bytes,
    brotli: Bytes,
    answers: Answers,
}

/// The headers of each answer a kept page gives, made once when it is
/// kept: a hit clones a finished map rather than building one.
#[derive(Default)]
struct Answers {
    identity: HeaderMap,
    gzip: HeaderMap,
    brotli: HeaderMap,
    not_modified: HeaderMap,
}

impl Answers {
    fn of(page: &CachedPage, config: &crate::WebConfig) -> Answers {
        let mut not_modified = HeaderMap::with_capacity(16);
        crate::headers::add_security_headers(&mut not_modified, config);
        not_modified.insert(header::ETAG, page.etag.clone());
        not_modified.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(CACHE_CONTROL),
        );
        not_modified.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        let with_body = |encoding: Option<&'static str>, body: &Bytes| {
            let mut map = not_modified.clone();
            if let Some(encoding) = encoding {
                map.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
            }
            map.insert(header::CONTENT_TYPE, page.content_type.clone());
            map.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
            map
        };
        Answers {
            identity: with_body(None, &page.identity),
            gzip: with_body(Some("gzip"), &page.gzip),
            brotli: with_body(Some("br"), &page.brotli),
            not_modified,
        }
    }
}

impl CachedPage {
    /// What the page costs in memory: its three forms, their headers and
    /// its key.
    fn weight(&self, key: &str) -> u64 {
        (key.len() + self.identity.len() + self.gzip.len() + self.brotli.len() + 2048) as u64
    }
}

/// Weighs each page by the bytes it holds.
#[derive(Clone)]
struct ByBytes;

impl quick_cache::Weighter<String, Arc<CachedPage>> for ByBytes {
    fn weight(&self, key: &String, page: &Arc<CachedPage>) -> u64 {
        page.weight(key)
    }
}

pub struct PageCache {
    pages: quick_cache::sync::Cache<String, Arc<CachedPage>, ByBytes>,
    generation: AtomicU64,
    /// A lock per page being rendered: concurrent misses of one page wait
    /// for the first render and are answered from the cache, so a burst
    /// renders and compresses a page once, not once per request.
    renders: std::sync::Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

/// This request's turn to render a page; others asking for it wait.
struct RenderTurn<'a> {
    cache: &'a PageCache,
    key: String,
    lock: Arc<tokio::sync::Mutex<()>>,
    _guard: tokio::sync::OwnedMutexGuard<()>,
}

impl Drop for RenderTurn<'_> {
    fn drop(&mut self) {
        if let Ok(mut renders) = self.cache.renders.lock() {
            // The map's and ours: nobody else is waiting.
            if Arc::strong_count(&self.lock) <= 2 {
                renders.remove(&self.key);
            }
        }
    }
}

impl PageCache {
    /// A cache that holds at most `max_bytes` of pages (all their forms).
    pub fn new(max_bytes: u64) -> PageCache {
        PageCache {
            // Pages average some tens of kilobytes with their forms.
            pages: quick_cache::sync::Cache::with_weighter(
                usize::try_from(max_bytes / 32_768).unwrap_or(1).max(16),
                max_bytes,
                ByBytes,
            ),
            generation: AtomicU64::new(0),
            renders: std::sync::Mutex::default(),
        }
    }

    /// Waits until no other request is rendering `key`.
    async fn turn(&self, key: &str) -> Option<RenderTurn<'_>> {
        let lock = {
            let mut renders = self.renders.lock().ok()?;
            renders.entry(key.to_string()).or_default().clone()
        };
        let guard = lock.clone().lock_owned().await;
        Some(RenderTurn {
            cache: self,
            key: key.to_string(),
            lock,
            _guard: guard,
        })
    }

    /// Forgets every page; renders already under way will not be served.
    pub fn clear(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.pages.clear();
    }

    /// Pages held.
    pub fn len(&self) -> u64 {
        self.pages.len() as u64
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes held.
    pub fn bytes(&self) -> u64 {
        self.pages.weight()
    }

    fn get(&self, key: &str) -> Option<Arc<CachedPage>> {
        let page = self.pages.get(key)?;
        if page
            .expires
            .is_some_and(|at| at <= std::time::Instant::now())
        {
            // Past its time: gone, not merely skipped.
            self.pages.remove(key);
            return None;
        }
        (page.generation == self.generation.load(Ordering::SeqCst)).then_some(page)
    }

    fn insert(&self, key: String, page: Arc<CachedPage>) {
        // A clear() after the render began wins; and should one slip in
        // between this check and the insert, get() still refuses the page.
        if page.generation == self.generation.load(Ordering::SeqCst) {
            self.pages.insert(key, page);
        }
    }
}

/// Where a request's page is kept: its path and, on the routes that read
/// it, the page number; None when the page must not be kept at all.
///
/// The query is parsed the way the handlers' `Query` extractor parses it
/// (form-urlencoded, names decoded), so `?pag%65=2` is page 2 here as it is
/// there. Only canonical paths (as browsers send our links) have a key: a
/// path that decodes to the same page by other escapes is answered by the
/// handler and not kept, so no spelling of a URL can flood or shadow
/// another.
fn cache_key<'a>(uri: &'a axum::http::Uri, headers: &HeaderMap) -> Option<Cow<'a, str>> {
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

/// What the site answers with: a cached page's bytes as they are, or the
/// body a handler produced.
pub type SiteBody = http_body_util::Either<http_body_util::Full<Bytes>, Body>;
pub type SiteResponse = axum::http::Response<SiteBody>;
type Answered = Result<SiteResponse, Infallible>;
type BoxFuture = std::pin::Pin<Box<dyn std::future::Future<Output = Answered> + Send>>;
/// A hit is ready at once, with nothing allocated for its future.
pub type Answer = futures_util::future::Either<std::future::Ready<Answered>, BoxFuture>;

fn from_router(response: Response) -> SiteResponse {
    response.map(http_body_util::Either::Right)
}

impl CachedSite {
    /// Answers a request that came in on a connection from `peer`.
    ///
    /// A hit touches only the request line and two headers: the body is
    /// not boxed, and the request gets no extension, until it goes on to
    /// the router.
    pub fn answer(&self, req: hyper::Request<hyper::body::Incoming>, peer: SocketAddr) -> Answer {
        let get = req.method() == Method::GET;
        let head = req.method() == Method::HEAD;
        let key = if get || head {
            cache_key(req.uri(), req.headers())
        } else {
            None
        };
        if let Some(key) = &key {
            if let Some(page) = self.state.cache.get(key) {
                let response = respond(&page, req.headers(), head);
                return futures_util::future::Either::Left(std::future::ready(Ok(response)));
            }
        }
        let key = key.map(Cow::into_owned);
        let mut req = req.map(Body::new);
        req.extensions_mut()
            .insert(axum::extract::ConnectInfo(peer));
        crate::extract::forget_untrusted_forwarding(&self.state, &mut req);
        futures_util::future::Either::Right(match key {
            Some(key) => self.miss(req, key, head),
            None => self.uncached(req),
        })
    }

    /// A request whose answer is never kept: the router answers it.
    fn uncached(&self, req: Request) -> BoxFuture {
        let mut inner = self.inner.clone();
        Box::pin(async move { Ok(from_router(inner.call(req).await?)) })
    }

    /// A page not in the cache: rendered once however many ask at once,
    /// then kept when its handler marked it [`Cacheable`].
    fn miss(&self, mut req: Request, key: String, head: bool) -> BoxFuture {
        // A HEAD runs the GET, so that what is kept is the whole page; its
        // body is dropped on the way out.
        if head {
            *req.method_mut() = Method::GET;
        }
        let state = self.state.clone();
        let mut inner = self.inner.clone();
        Box::pin(async move {
            let headers = req.headers().clone();
            let key_page = key
                .rsplit_once("?page=")
                .and_then(|(_, n)| n.parse::<i64>().ok())
                .unwrap_or(1);
            let _turn = state.cache.turn(&key).await;
            // Rendered while this request waited its turn.
            if let Some(page) = state.cache.get(&key) {
                return Ok(respond(&page, &headers, head));
            }
            let generation = state.cache.generation.load(Ordering::SeqCst);
            let response = inner.call(req).await?;
            let article = response.extensions().get::<CountsAsView>().map(|c| c.0);
            let rendered_page = response.extensions().get::<PageNumber>().map_or(1, |p| p.0);
            if response.status() != StatusCode::OK
                || response.extensions().get::<Cacheable>().is_none()
                || rendered_page != key_page
            {
                return Ok(from_router(if head {
                    without_body(response)
                } else {
                    response
                }));
            }
            let (parts, body) = response.into_parts();
            let bytes = match axum::body::to_bytes(body, MAX_CACHED_BYTES).await {
                Ok(bytes) => bytes,
                Err(_) => {
                    return Ok(from_router(
                        StatusCode::INTERNAL_SERVER_ERROR.into_response(),
                    ))
                }
            };
            let content_type = parts
                .headers
                .get(header::CONTENT_TYPE)
                .cloned()
                .unwrap_or(HeaderValue::from_static("text/html; charset=utf-8"));
            let ttl = parts.extensions.get::<CacheFor>().map(|c| c.0);
            // Compressing a large feed takes milliseconds: off the async
            // threads, which answer every other request meanwhile.
            let Ok(mut page) =
                tokio::task::spawn_blocking(move || compress(bytes, content_type, ttl)).await
            else {
                return Ok(from_router(
                    StatusCode::INTERNAL_SERVER_ERROR.into_response(),
                ));
            };
            page.article = article;
            page.generation = generation;
            page.answers = Answers::of(&page, &state.config);
            let page = Arc::new(page);
            // An empty page is never kept: every page we cache has a body.
            if !page.identity.is_empty() {
                state.cache.insert(key, page.clone());
            }
            Ok(respond(&page, &headers, head))
        })
    }
}

/// A HEAD's answer: the GET's status and headers, no body.
fn without_body(response: Response) -> Response {
    use axum::body::HttpBody;
    let (mut parts, body) = response.into_parts();
    if let Some(length) = body.size_hint().exact() {
        parts
            .headers
            .insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    }
    Response::from_parts(parts, Body::empty())
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
    crate::cookies::carries(headers, crate::cookies::PENDING)
}

fn compress(identity: Bytes, content_type: HeaderValue, ttl: Option<Duration>) -> CachedPage {
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

fn respond(page: &CachedPage, headers: &HeaderMap, head: bool) -> SiteResponse {
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
