//! The page cache: readers' pages rendered once per change, kept in memory
//! with their gzip and brotli forms and an ETag.
//!
//! Entries are keyed by the canonical path, plus the page number on the
//! routes that read one ([`key::cache_key`]): exactly what the handlers read, so
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

pub(crate) mod answer;
mod key;
mod site;

pub use answer::{SiteBody, SiteResponse};
pub use site::{Answer, CachedSite};

use axum::body::Bytes;
use axum::http::{header, HeaderMap, HeaderValue};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

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

/// Counts the pages the cache drops to stay within its size.
#[derive(Clone, Default)]
struct Evictions(Arc<AtomicU64>);

impl quick_cache::Lifecycle<String, Arc<CachedPage>> for Evictions {
    type RequestState = ();

    fn begin_request(&self) -> Self::RequestState {}

    fn on_evict(&self, _: &mut (), _: String, _: Arc<CachedPage>) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
}

type Pages = quick_cache::sync::Cache<
    String,
    Arc<CachedPage>,
    ByBytes,
    quick_cache::DefaultHashBuilder,
    Evictions,
>;

pub struct PageCache {
    pages: Pages,
    generation: AtomicU64,
    /// Lookups that found a page, and that found none (for the metrics).
    hits: AtomicU64,
    misses: AtomicU64,
    evictions: Evictions,
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
        let evictions = Evictions::default();
        PageCache {
            // Pages average some tens of kilobytes with their forms.
            pages: quick_cache::sync::Cache::with(
                usize::try_from(max_bytes / 32_768).unwrap_or(1).max(16),
                max_bytes,
                ByBytes,
                quick_cache::DefaultHashBuilder::default(),
                evictions.clone(),
            ),
            generation: AtomicU64::new(0),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
            evictions,
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

    /// Requests for a page answered from the cache, since start.
    pub fn hits(&self) -> u64 {
        self.hits.load(Ordering::Relaxed)
    }

    /// Requests for a page the cache did not hold, since start.
    pub fn misses(&self) -> u64 {
        self.misses.load(Ordering::Relaxed)
    }

    /// Pages dropped to stay within the cache's size, since start.
    pub fn evictions(&self) -> u64 {
        self.evictions.0.load(Ordering::Relaxed)
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
