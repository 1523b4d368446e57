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
//! its headers.
//!
//! A change purges only the pages it makes stale: each kept page carries
//! surrogate keys ([`surrogates`]: the list it is a page of and every
//! article it links to), and the change feed names the keys a change
//! touches (`dateline_app::Stale`). A change nothing finer describes (a
//! setting, a section) clears the whole cache. A render that began before
//! a purge or clear touching it is never kept ([`index`]), so no page
//! rendered from what a change replaced outlives the change.
//!
//! The pages live in quick_cache, a well-kept concurrent cache bounded by
//! weight, rather than moka: it is synchronous (a hit takes no task), lean,
//! and was here first. Neither cache purges by tag: moka's
//! `invalidate_entries_if` tests every entry on every change, so the index
//! of keys to pages is ours, kept beside the cache and bounded with it.

pub(crate) mod answer;
mod index;
mod key;
mod site;
mod surrogates;

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
/// How long cache servers we purge may keep a page that has no shorter
/// time of its own.
const SHARED_MAX_AGE: Duration = Duration::from_secs(300);
/// Pages larger than this are served but not cached.
const MAX_CACHED_BYTES: usize = 2 * 1024 * 1024;

pub struct CachedPage {
    /// The cache generation the page was rendered in.
    generation: u64,
    /// The purge count when its render began (see [`index::Index`]).
    started: u64,
    /// Its surrogate keys (see `dateline_core::surrogate`).
    keys: Vec<String>,
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
        if config.cdn_purge.is_empty() {
            not_modified.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static(CACHE_CONTROL),
            );
        } else {
            // Behind cache servers we purge: they may keep the page until
            // its own time runs out (or five minutes), and answer with the
            // old copy while they fetch the new one, so no reader waits on
            // a render. Its keys say which changes purge it.
            let shared = page
                .expires
                .map(|at| at.saturating_duration_since(std::time::Instant::now()))
                .unwrap_or(SHARED_MAX_AGE)
                .as_secs()
                .max(1);
            if let Ok(value) = HeaderValue::from_str(&format!(
                "{CACHE_CONTROL}, s-maxage={shared}, stale-while-revalidate=30"
            )) {
                not_modified.insert(header::CACHE_CONTROL, value);
            }
            if let Ok(keys) = HeaderValue::from_str(&page.keys.join(" ")) {
                not_modified.insert("xkey", keys.clone());
                not_modified.insert("surrogate-key", keys);
            }
        }
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

/// Counts the pages the cache drops to stay within its size, and leaves
/// them for the surrogate index to forget (it is not locked here, inside
/// the cache's own lock).
#[derive(Clone, Default)]
struct Evictions(Arc<AtomicU64>, index::Evicted);

impl quick_cache::Lifecycle<String, Arc<CachedPage>> for Evictions {
    type RequestState = ();

    fn begin_request(&self) -> Self::RequestState {}

    fn on_evict(&self, _: &mut (), key: String, page: Arc<CachedPage>) {
        self.0.fetch_add(1, Ordering::Relaxed);
        self.1.push(key, page.keys.clone());
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
    /// Pages the router rendered for the cache (a burst of misses of one
    /// page renders it once).
    rendered: AtomicU64,
    evictions: Evictions,
    /// A lock per page being rendered: concurrent misses of one page wait
    /// for the first render and are answered from the cache, so a burst
    /// renders and compresses a page once, not once per request.
    renders: std::sync::Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    /// Which kept pages carry which surrogate key.
    index: std::sync::Mutex<index::Index>,
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
            rendered: AtomicU64::new(0),
            evictions,
            renders: std::sync::Mutex::default(),
            index: std::sync::Mutex::default(),
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
        let mut index = self.lock_index();
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.pages.clear();
        index.clear();
        self.evictions.1.take();
    }

    /// Forgets the pages that carry any of `keys`, and with `whole_lists`
    /// every page of the lists those pages belong to (an article that
    /// left a list shifts its later pages). Renders under way that would
    /// carry one of the keys will not be kept. Returns the keys of the
    /// lists it widened to, which a CDN must be told of too.
    pub fn purge(&self, keys: &[String], whole_lists: bool) -> Vec<String> {
        let mut index = self.lock_index();
        self.forget_evicted(&mut index);
        let mut gone = index.purge(keys);
        let mut lists = Vec::new();
        if whole_lists {
            lists = gone
                .iter()
                .filter(|key| surrogates::is_list_page(key))
                .filter_map(|key| surrogates::list_key(key))
                .filter(|list| !keys.contains(list))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            gone.extend(index.purge(&lists));
        }
        for key in &gone {
            if let Some((key, page)) = self.pages.remove(key) {
                index.forget(&key, &page.keys);
            }
        }
        lists
    }

    fn forget_evicted(&self, index: &mut index::Index) {
        for (key, keys) in self.evictions.1.take() {
            index.forget(&key, &keys);
        }
    }

    /// The purge count now: a render records it when it begins.
    fn purges(&self) -> u64 {
        self.lock_index().purges()
    }

    fn lock_index(&self) -> std::sync::MutexGuard<'_, index::Index> {
        self.index
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
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

    /// Renders of cacheable addresses, since start: misses that waited for
    /// another request's render are not counted.
    pub fn renders(&self) -> u64 {
        self.rendered.load(Ordering::Relaxed)
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
            if let Some((key, page)) = self.pages.remove(key) {
                self.lock_index().forget(&key, &page.keys);
            }
            return None;
        }
        (page.generation == self.generation.load(Ordering::SeqCst)).then_some(page)
    }

    fn insert(&self, key: String, page: Arc<CachedPage>) {
        // Under the index's lock, which every clear and purge takes: one
        // that came after the render began wins, and none can slip in
        // between this check and the insert.
        let mut index = self.lock_index();
        if page.generation != self.generation.load(Ordering::SeqCst)
            || index.purged_since(page.started, &page.keys)
        {
            return;
        }
        self.forget_evicted(&mut index);
        if let Some((old_key, old)) = self.pages.remove(&key) {
            index.forget(&old_key, &old.keys);
        }
        index.add(&key, &page.keys);
        self.pages.insert(key, page);
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
