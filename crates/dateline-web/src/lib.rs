//! Dateline's HTTP surface.
//!
//! Architecture invariant: this is the only crate that knows HTTP: status
//! codes, headers, cookies, wire shapes. Handlers are thin (extract, call
//! the use case in `dateline-app`, render); rules live in `dateline-app`
//! and `dateline-core`, SQL in `dateline-store`, templates in
//! `dateline-render`.
//!
//! Readers' pages go through the [`cache`]: rendered once per change of the
//! database, stored compressed, answered with ETag and 304. It is cleared
//! whenever the application says readers' pages are stale (its change-feed
//! follower moved, for one).

mod access_log;
pub mod cache;
mod connections;
mod cookies;
mod counting;
mod error;
mod extract;
mod headers;
mod language;
pub mod media_files;
pub mod media_work;
pub mod metrics;
pub mod newsroom;
mod public;
mod session;
mod view;

use axum::Router;
use dateline_app::{App, AppConfig};
use dateline_core::Language;
use dateline_render::Renderer;
use dateline_store::Store;
use std::sync::Arc;
use std::time::Duration;

pub use cache::PageCache;

/// What the web layer needs to know of the configuration.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The site's name in the masthead and titles.
    pub site_name: String,
    /// Public origin for canonical links, e.g. `https://news.example.org`,
    /// without a trailing slash.
    pub base_url: String,
    /// Where `/` sends a reader.
    pub default_language: Language,
    /// Most bytes the page cache holds (every form of every page).
    pub cache_bytes: u64,
    /// How often the change feed is polled for writes by other processes.
    pub follow_interval: Duration,
    /// The reverse proxies and load balancers whose `X-Forwarded-For` and
    /// `X-Forwarded-Proto` are believed; from any other peer those headers
    /// are dropped before anything reads them. Empty: not behind a proxy.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// `Strict-Transport-Security: max-age=` this many seconds on every
    /// response, when `base_url` is https; None sends none.
    pub hsts: Option<u64>,
    /// Most connections open at once from one address (a trusted proxy is
    /// not held to it): one client dribbling bytes cannot take them all.
    pub connections_per_address: u32,
    /// Where uploads' bytes are kept.
    pub media: dateline_app::media_storage::MediaStorage,
    /// The cache servers in front of the nodes, purged on every change;
    /// when there are any, pages carry surrogate keys and `s-maxage`.
    pub cdn_purge: Vec<String>,
}

impl WebConfig {
    /// Whether the site sits behind a proxy it trusts.
    pub fn behind_proxy(&self) -> bool {
        !self.trusted_proxies.is_empty()
    }

    pub fn for_tests(base_url: &str) -> WebConfig {
        WebConfig {
            site_name: "Dateline".into(),
            base_url: base_url.trim_end_matches('/').to_string(),
            default_language: Language::En,
            cache_bytes: 128 * 1024 * 1024,
            follow_interval: Duration::from_millis(100),
            trusted_proxies: Vec::new(),
            hsts: None,
            connections_per_address: 512,
            media: dateline_app::media_storage::MediaStorage::in_database(),
            cdn_purge: Vec::new(),
        }
    }
}

/// Shared by every request.
pub struct AppState {
    /// The use cases, and what they share (the store among it).
    pub app: Arc<App>,
    pub renderer: Renderer,
    pub cache: Arc<PageCache>,
    pub config: WebConfig,
    /// Bounds on media reads and on image and audio processing.
    pub media: media_work::MediaWork,
    /// The request series, when this process records metrics
    /// ([`metrics::install`] before the state is made).
    pub metrics: Option<Arc<metrics::Metrics>>,
}

impl AppState {
    pub fn new(
        store: Store,
        renderer: Renderer,
        config: WebConfig,
        secret: Vec<u8>,
        discovery: dateline_app::discovery::Discovery,
    ) -> Arc<AppState> {
        let cache = Arc::new(PageCache::new(config.cache_bytes));
        let app = App::new(
            store,
            AppConfig {
                site_name: config.site_name.clone(),
                base_url: config.base_url.clone(),
                follow_interval: config.follow_interval,
                default_language: config.default_language,
                media: config.media.clone(),
                cdn_purge: config.cdn_purge.clone(),
            },
            secret,
            discovery,
            Box::new({
                let cache = cache.clone();
                move |stale: &dateline_app::Stale| match stale {
                    dateline_app::Stale::All => {
                        cache.clear();
                        Vec::new()
                    }
                    dateline_app::Stale::Keys { keys, whole_lists } => {
                        cache.purge(keys, *whole_lists)
                    }
                }
            }),
        );
        Arc::new(AppState {
            app: Arc::new(app),
            renderer,
            cache,
            config,
            media: media_work::MediaWork::default(),
            metrics: metrics::Metrics::if_installed(),
        })
    }
}

/// Largest request body accepted anywhere; forms are far smaller.
const BODY_LIMIT: usize = 1024 * 1024;
/// A request that takes longer than this (a body sent slowly included) is
/// answered 408 and dropped.
pub(crate) const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// The newsroom's uploads (a programme's audio) may take longer; only a
/// signed-in member reaches them, since the session is checked before the
/// body is read.
pub(crate) const UPLOAD_TIMEOUT: Duration = Duration::from_secs(600);

/// Answers 408 to a request that is not done within `limit`.
pub(crate) fn timeout(limit: Duration) -> tower_http::timeout::TimeoutLayer {
    tower_http::timeout::TimeoutLayer::with_status_code(
        axum::http::StatusCode::REQUEST_TIMEOUT,
        limit,
    )
}

/// The whole application: every surface's routes and the layers around them.
/// Cache hits never reach it: [`serve`] puts [`cache::CachedSite`] in front.
pub fn app(state: Arc<AppState>) -> Router {
    let compression = tower_http::compression::CompressionLayer::new().compress_when(
        tower_http::compression::Predicate::and(
            tower_http::compression::Predicate::and(
                tower_http::compression::DefaultPredicate::new(),
                cache::NotCacheable,
            ),
            NotRanged,
        ),
    );
    let public = public::router()
        .layer(tower_http::limit::RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(timeout(REQUEST_TIMEOUT));
    // The newsroom sets its own body limits and timeouts per route (uploads
    // are large and slow).
    let headers_state = state.clone();
    let metrics_state = state.clone();
    public
        .merge(newsroom::router())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            public::old_links::answer,
        ))
        .layer(axum::middleware::from_fn(refuse_long_uris))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            error::render_error_pages,
        ))
        .with_state(state)
        .layer(compression)
        .layer(axum::middleware::from_fn_with_state(
            headers_state,
            headers::security_headers,
        ))
        // Outermost, so that every answer of the router (a 414, an error
        // page) names its route; a layer of the router runs after routing,
        // so the matched template is known here.
        .layer(axum::middleware::from_fn_with_state(
            metrics_state,
            metrics::tag_route,
        ))
}

/// Media files (which answer byte ranges) go out as stored: compressing
/// them would break seeking and gains nothing on JPEG or MP3.
#[derive(Clone, Copy)]
struct NotRanged;

impl tower_http::compression::Predicate for NotRanged {
    fn should_compress<B>(&self, response: &axum::http::Response<B>) -> bool
    where
        B: axum::body::HttpBody,
    {
        !response
            .headers()
            .contains_key(axum::http::header::ACCEPT_RANGES)
    }
}

/// Longest request target accepted; real pages' URLs are far shorter.
const MAX_URI_BYTES: usize = 2048;

/// Answers 414 to over-long URLs before any routing or lookup.
async fn refuse_long_uris(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let len = req.uri().path().len() + req.uri().query().map_or(0, str::len);
    if len > MAX_URI_BYTES {
        return axum::http::StatusCode::URI_TOO_LONG.into_response();
    }
    next.run(req).await
}

/// What answers one connection's requests: the request id and the log
/// line, then the view counter, around the cached site.
fn around_the_site(
    site: &cache::CachedSite,
    state: &Arc<AppState>,
    ids: &access_log::RequestIds,
    peer: std::net::SocketAddr,
    trusted: bool,
) -> hyper_util::service::TowerToHyperService<
    impl tower::Service<
            hyper::Request<hyper::body::Incoming>,
            Response = hyper::Response<
                impl hyper::body::Body<Data = bytes::Bytes, Error = impl Into<BoxError>>
                    + Send
                    + 'static,
            >,
            Error = std::convert::Infallible,
            Future = impl Send + 'static,
        > + Clone
        + Send,
> {
    let site = site.clone();
    let stack = tower::ServiceBuilder::new()
        .map_request(access_log::forget_untrusted_id(trusted))
        .layer(tower_http::request_id::SetRequestIdLayer::new(
            access_log::X_REQUEST_ID,
            ids.clone(),
        ))
        .layer(tower_http::request_id::PropagateRequestIdLayer::new(
            access_log::X_REQUEST_ID,
        ))
        .layer_fn({
            let metrics = state.metrics.clone();
            move |inner| access_log::AccessLog::new(inner, metrics.clone())
        })
        .layer_fn({
            let state = state.clone();
            move |inner| counting::CountViews::new(inner, state.clone(), peer)
        })
        .service_fn(move |req| site.answer(req, peer));
    hyper_util::service::TowerToHyperService::new(stack)
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Longest a client may take to send a request's headers: a slow client
/// (slowloris) cannot hold a connection open by dribbling them.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Largest request head (request line and headers) read; larger is 431.
const MAX_HEAD_BYTES: usize = 64 * 1024;
/// Most connections open at once; past it the server stops accepting
/// until one closes (the kernel's backlog holds the rest).
const MAX_CONNECTIONS: usize = 4096;
/// How long a shutdown waits for requests in flight.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(20);

/// Serves the application until `shutdown` resolves, then stops accepting
/// and lets requests in flight finish (up to 20 seconds).
///
/// The accept loop is ours rather than `axum::serve` so that hyper's header
/// read timeout and head size limit apply to every connection.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: Arc<AppState>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};

    state.app.reload_site().await;
    let follower = dateline_app::follow::spawn(state.app.clone());
    let scheduler = dateline_app::schedule::spawn(state.app.clone());
    let planner = dateline_app::planner::spawn(state.app.clone());
    let flusher = dateline_app::discovery::views::spawn_flusher(state.app.clone());
    let state_for_shutdown = state.clone();
    let site = cache::CachedSite::new(state.clone(), app(state));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT)
        .max_header_size(MAX_HEAD_BYTES)
        .max_headers(100);
    tokio::pin!(shutdown);
    let ids = access_log::RequestIds::new();
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    let per_address =
        connections::PerAddress::new(state_for_shutdown.config.connections_per_address);
    while let Some((stream, peer, slot)) = connections::next(&listener, &slots, &mut shutdown).await
    {
        let trusted = extract::is_trusted(&state_for_shutdown.config.trusted_proxies, peer.ip());
        let held = if !trusted {
            match per_address.take(peer.ip()) {
                Some(held) => Some(held),
                None => {
                    tracing::debug!(%peer, "too many connections from one address");
                    continue;
                }
            }
        } else {
            None
        };
        let connection = http.serve_connection(
            TokioIo::new(stream),
            around_the_site(&site, &state_for_shutdown, &ids, peer, trusted),
        );
        let watched = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = watched.await {
                tracing::debug!(error = %e, "connection ended with an error");
            }
            drop((slot, held));
        });
    }
    drop(listener);
    follower.abort();
    scheduler.abort();
    planner.abort();
    if tokio::time::timeout(DRAIN_TIMEOUT, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("requests still in flight after {DRAIN_TIMEOUT:?}; stopping anyway");
    }
    // The views of the last seconds, including those of the requests just
    // finished.
    flusher.abort();
    dateline_app::discovery::views::flush_now(&state_for_shutdown.app).await;
    Ok(())
}
