//! Prometheus metrics: what is counted on the request path, what is read
//! when Prometheus scrapes, and the private listener that answers
//! `GET /metrics`.
//!
//! The recorder is `metrics-exporter-prometheus`'s, installed once per
//! process ([`install`]) when the operator names a metrics address; without
//! one nothing is recorded and the request path only checks an `Option`.
//! The endpoint is never on the public listener: there `/metrics` is an
//! unknown page like any other (404).
//!
//! Cardinality is bounded by construction: a request's `route` label is
//! the router's matched template (`/{lang}/{section}/{slug}`), never the
//! raw path; a request the router matched nothing for is
//! [`UNMATCHED`], and a page the page cache answered before routing is
//! [`CACHE`]. The `status` label is the status code our own code answers
//! with. Every other label comes from a fixed list in the code that counts.
//!
//! On the request path a series is a handle looked up once: a route's
//! handles are made when the route is first answered and kept, so counting
//! a request is an atomic add and a histogram push, with nothing allocated.

use crate::AppState;
use axum::http::StatusCode;
use metrics::{Counter, Histogram};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};
use std::time::Duration;

/// The route label of a page answered from the page cache, before routing.
pub const CACHE: &str = "cache";
/// The route label of a request no route matched (a 404, a 405).
pub const UNMATCHED: &str = "unmatched";

const REQUESTS: &str = "dateline_http_requests_total";
const DURATION: &str = "dateline_http_request_duration_seconds";
const CACHE_HITS: &str = "dateline_page_cache_hits_total";
const CACHE_MISSES: &str = "dateline_page_cache_misses_total";
const CACHE_RENDERS: &str = "dateline_page_cache_renders_total";
const CACHE_EVICTIONS: &str = "dateline_page_cache_evictions_total";
const CACHE_BYTES: &str = "dateline_page_cache_bytes";
const CACHE_PAGES: &str = "dateline_page_cache_pages";
const CHANGE_FEED_LAG: &str = "dateline_change_feed_lag_seconds";
const SEARCH_INDEX_LAG: &str = "dateline_search_index_lag_seconds";
const SEARCH_INDEX_READY: &str = "dateline_search_index_ready";
const POOL_CONNECTIONS: &str = "dateline_db_pool_connections";
const POOL_MAX: &str = "dateline_db_pool_max_connections";
const VIEWS_WAITING: &str = "dateline_view_queue_length";

/// Upper bounds of the request-duration buckets, in seconds: a cached page
/// takes tens of microseconds, a search or a save some milliseconds, an
/// upload seconds.
const DURATION_BUCKETS: &[f64] = &[
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
    5.0, 10.0, 30.0,
];

/// How often histograms' samples are folded into their buckets between
/// scrapes, so that they do not pile up in memory when nobody scrapes.
const UPKEEP_EVERY: Duration = Duration::from_secs(5);

/// The process's recorder, when metrics are on.
static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

/// Installs the Prometheus recorder for this process (once; later calls
/// return the same handle) and describes every series.
pub fn install() -> Result<PrometheusHandle, String> {
    // Two servers of one process (tests) starting at once install it once.
    static INSTALLING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one = INSTALLING.lock().map_err(|e| e.to_string())?;
    if let Some(handle) = HANDLE.get() {
        return Ok(handle.clone());
    }
    let handle = PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Full(DURATION.into()), DURATION_BUCKETS)
        .map_err(|e| e.to_string())?
        .install_recorder()
        .map_err(|e| e.to_string())?;
    describe();
    dateline_app::metrics::describe();
    Ok(HANDLE.get_or_init(|| handle).clone())
}

/// Whether this process records metrics.
pub fn installed() -> bool {
    HANDLE.get().is_some()
}

fn describe() {
    use metrics::{describe_counter, describe_gauge, describe_histogram, Unit};
    describe_counter!(
        REQUESTS,
        "HTTP requests answered, by route template (\"cache\": answered by the page cache \
         before routing; \"unmatched\": no route) and status code."
    );
    describe_histogram!(
        DURATION,
        Unit::Seconds,
        "Time from a request's arrival to its response head, by route template."
    );
    describe_counter!(
        CACHE_HITS,
        "Page requests answered from the page cache without rendering."
    );
    describe_counter!(
        CACHE_MISSES,
        "Page requests the page cache did not hold (rendered, or not cacheable)."
    );
    describe_counter!(
        CACHE_RENDERS,
        "Pages rendered for the page cache (concurrent misses of one page render it once)."
    );
    describe_counter!(
        CACHE_EVICTIONS,
        "Pages the page cache dropped to stay within its size."
    );
    describe_gauge!(
        CACHE_BYTES,
        Unit::Bytes,
        "Bytes the page cache holds (every form of every page)."
    );
    describe_gauge!(CACHE_PAGES, "Pages the page cache holds.");
    describe_gauge!(
        CHANGE_FEED_LAG,
        Unit::Seconds,
        "Seconds since this node last knew it had applied every change in the database's \
         change feed (about the poll interval when healthy)."
    );
    describe_gauge!(
        SEARCH_INDEX_LAG,
        Unit::Seconds,
        "Seconds since this node's search index last reflected every change it has seen \
         (grows during a rebuild)."
    );
    describe_gauge!(
        SEARCH_INDEX_READY,
        "1 when the search index is whole, 0 while it is being rebuilt."
    );
    describe_gauge!(
        POOL_CONNECTIONS,
        "Database connections open in the pool, by state (idle, busy)."
    );
    describe_gauge!(POOL_MAX, "Most database connections the pool opens.");
    describe_gauge!(
        VIEWS_WAITING,
        "Article views counted in memory and waiting to be written to the database."
    );
}

/// The request series of one route: its latency histogram and a counter
/// per status it has answered with.
pub struct RouteSeries {
    route: Arc<str>,
    seconds: Histogram,
    statuses: RwLock<Vec<(u16, Counter)>>,
}

impl RouteSeries {
    fn new(route: &str) -> RouteSeries {
        let route: Arc<str> = route.into();
        RouteSeries {
            seconds: metrics::histogram!(DURATION, "route" => route.to_string()),
            route,
            statuses: RwLock::new(Vec::new()),
        }
    }

    /// Counts one request answered with `status` in `seconds`.
    pub fn record(&self, status: StatusCode, seconds: f64) {
        self.seconds.record(seconds);
        let code = status.as_u16();
        if let Ok(statuses) = self.statuses.read() {
            if let Some((_, counter)) = statuses.iter().find(|(c, _)| *c == code) {
                counter.increment(1);
                return;
            }
        }
        let Ok(mut statuses) = self.statuses.write() else {
            return;
        };
        if let Some((_, counter)) = statuses.iter().find(|(c, _)| *c == code) {
            counter.increment(1);
            return;
        }
        let counter = metrics::counter!(
            REQUESTS,
            "route" => self.route.to_string(),
            "status" => code.to_string()
        );
        counter.increment(1);
        statuses.push((code, counter));
    }

    /// The route's label: the matched template, or a fixed word.
    pub fn route(&self) -> &str {
        &self.route
    }
}

/// The request series of one server, made when metrics are on.
pub struct Metrics {
    /// By the router's matched template; only templates in the route
    /// table ever get in.
    routes: RwLock<HashMap<Arc<str>, Arc<RouteSeries>>>,
    cache: Arc<RouteSeries>,
    unmatched: Arc<RouteSeries>,
}

impl Metrics {
    /// The series, when this process records metrics ([`install`]).
    pub fn if_installed() -> Option<Arc<Metrics>> {
        installed().then(|| {
            Arc::new(Metrics {
                routes: RwLock::default(),
                cache: Arc::new(RouteSeries::new(CACHE)),
                unmatched: Arc::new(RouteSeries::new(UNMATCHED)),
            })
        })
    }

    /// The series of a response: its route's, or the page cache's when no
    /// route answered it.
    pub fn series_of<'a>(&'a self, answered: Option<&'a AnsweredBy>) -> &'a Arc<RouteSeries> {
        answered.and_then(AnsweredBy::series).unwrap_or(&self.cache)
    }

    /// The series of the route the router matched (`None`: no route).
    pub fn route(&self, template: Option<&str>) -> Arc<RouteSeries> {
        let Some(template) = template else {
            return self.unmatched.clone();
        };
        if let Ok(routes) = self.routes.read() {
            if let Some(series) = routes.get(template) {
                return series.clone();
            }
        }
        let Ok(mut routes) = self.routes.write() else {
            return self.unmatched.clone();
        };
        routes
            .entry(template.into())
            .or_insert_with(|| Arc::new(RouteSeries::new(template)))
            .clone()
    }
}

/// The route that answered a response, put on it by [`tag_route`] for the
/// layer that logs and counts requests ([`crate::access_log`]).
#[derive(Clone)]
pub struct AnsweredBy {
    /// The matched template; None when no route matched.
    route: Option<axum::extract::MatchedPath>,
    /// Its series, when metrics are on.
    series: Option<Arc<RouteSeries>>,
}

impl AnsweredBy {
    /// The route's label: the matched template, or [`UNMATCHED`].
    pub fn route(&self) -> &str {
        self.route
            .as_ref()
            .map_or(UNMATCHED, axum::extract::MatchedPath::as_str)
    }

    /// The route's request series, when metrics are on.
    pub fn series(&self) -> Option<&Arc<RouteSeries>> {
        self.series.as_ref()
    }
}

/// Inside the router: notes which route answered, from the matched
/// template (never the raw path).
pub(crate) async fn tag_route(
    axum::extract::State(state): axum::extract::State<Arc<AppState>>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let route = req
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .cloned();
    let series = state
        .metrics
        .as_ref()
        .map(|m| m.route(route.as_ref().map(axum::extract::MatchedPath::as_str)));
    let mut response = next.run(req).await;
    response
        .extensions_mut()
        .insert(AnsweredBy { route, series });
    response
}

/// Sets the gauges that are read rather than counted, then renders every
/// series in Prometheus' text format.
pub async fn render(state: &AppState, handle: &PrometheusHandle) -> String {
    use metrics::{counter, gauge};
    let cache = &state.cache;
    counter!(CACHE_HITS).absolute(cache.hits());
    counter!(CACHE_MISSES).absolute(cache.misses());
    counter!(CACHE_RENDERS).absolute(cache.renders());
    counter!(CACHE_EVICTIONS).absolute(cache.evictions());
    gauge!(CACHE_BYTES).set(cache.bytes() as f64);
    gauge!(CACHE_PAGES).set(cache.len() as f64);
    let app = &state.app;
    gauge!(CHANGE_FEED_LAG).set(app.following.feed_lag().as_secs_f64());
    gauge!(SEARCH_INDEX_LAG).set(app.following.index_lag().as_secs_f64());
    gauge!(SEARCH_INDEX_READY).set(if app.discovery.is_ready() { 1.0 } else { 0.0 });
    let pool = app.pool_use();
    gauge!(POOL_CONNECTIONS, "state" => "idle").set(f64::from(pool.idle));
    gauge!(POOL_CONNECTIONS, "state" => "busy").set(f64::from(pool.open.saturating_sub(pool.idle)));
    gauge!(POOL_MAX).set(f64::from(pool.max));
    gauge!(VIEWS_WAITING).set(app.discovery.views.pending() as f64);
    handle.render()
}

/// Most scrapes rendered at once; more wait their turn. A render walks
/// every series once (a few hundred), so a flood of scrapes costs at most
/// this many cores' worth of that.
const RENDERS_AT_ONCE: usize = 1;
/// A scrape that waits longer than this for its turn is answered 503.
const RENDER_WAIT: Duration = Duration::from_secs(5);

/// Answers `GET /metrics` on the metrics listener until `shutdown`
/// resolves; anything else there is 404. Also folds histogram samples
/// into buckets every few seconds.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: Arc<AppState>,
    handle: PrometheusHandle,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use axum::response::IntoResponse;
    use axum::routing::get;
    let upkeep = tokio::spawn({
        let handle = handle.clone();
        async move {
            let mut tick = tokio::time::interval(UPKEEP_EVERY);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                handle.run_upkeep();
            }
        }
    });
    let turns = Arc::new(tokio::sync::Semaphore::new(RENDERS_AT_ONCE));
    let scrape = move || {
        let (state, handle, turns) = (state.clone(), handle.clone(), turns.clone());
        async move {
            let Ok(Ok(_turn)) = tokio::time::timeout(RENDER_WAIT, turns.acquire()).await else {
                return StatusCode::SERVICE_UNAVAILABLE.into_response();
            };
            let body = render(&state, &handle).await;
            (
                [
                    (
                        axum::http::header::CONTENT_TYPE,
                        "text/plain; version=0.0.4; charset=utf-8",
                    ),
                    (axum::http::header::CACHE_CONTROL, "no-store"),
                ],
                body,
            )
                .into_response()
        }
    };
    let router = axum::Router::new()
        .route("/metrics", get(scrape))
        .layer(crate::timeout(crate::REQUEST_TIMEOUT));
    let result = accept_bounded(listener, router, shutdown).await;
    upkeep.abort();
    result
}

/// Most connections the metrics listener holds at once: a scraper or two
/// and an operator's curl; past it the listener stops accepting until one
/// closes, so a client looping on it cannot take file descriptors.
const METRICS_CONNECTIONS: usize = 16;
/// Longest a client of the metrics listener may take to send its headers.
const METRICS_HEADER_READ: Duration = Duration::from_secs(5);

/// The private listener's accept loop: like the site's, a header read
/// timeout, a small head and a ceiling on connections, so that a private
/// address reached by mistake (or by a neighbour) is as bounded as the
/// public one.
async fn accept_bounded(
    listener: tokio::net::TcpListener,
    router: axum::Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(METRICS_HEADER_READ)
        .max_header_size(16 * 1024)
        .max_headers(50);
    let slots = Arc::new(tokio::sync::Semaphore::new(METRICS_CONNECTIONS));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    tokio::pin!(shutdown);
    while let Some((stream, _, slot)) =
        crate::connections::next(&listener, &slots, &mut shutdown).await
    {
        let service = hyper_util::service::TowerToHyperService::new(router.clone());
        let watched = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(e) = watched.await {
                tracing::debug!(error = %e, "metrics connection ended with an error");
            }
            drop(slot);
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(Duration::from_secs(5), graceful.shutdown()).await;
    Ok(())
}
