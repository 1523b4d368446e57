//! One line in the log per request: method, path, the route that answered
//! it, status, time taken and request id, e.g.
//!
//! ```text
//! INFO access: id=PqP6r8-2f method=GET path=/en/ route=/{lang}/ status=200 ms=0.41
//! ```
//!
//! The route is the router's matched template, `cache` for a page the page
//! cache answered before routing, `unmatched` when no route matched. The
//! same layer counts the request in the metrics ([`crate::metrics`]), when
//! they are on.
//!
//! Every answer carries its id in `X-Request-Id`, so a reader's report or
//! a proxy's log leads to the line. The id is this process's (a random
//! prefix, then a counter); one sent by a trusted proxy is kept instead, and
//! one sent by anybody else is dropped. The lines go to the log's target
//! `access`: `RUST_LOG=info,access=off` silences them.

use axum::http::{HeaderName, Request, Response};
use futures_util::future::{Either, InspectOk, TryFutureExt};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Instant;
use tower_http::request_id::{MakeRequestId, RequestId};

use crate::metrics::{self, AnsweredBy, Metrics};

pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Makes this process's request ids.
#[derive(Clone)]
pub struct RequestIds {
    prefix: Arc<str>,
    next: Arc<AtomicU64>,
}

impl RequestIds {
    /// Ids that start with a random prefix, so that those of several nodes
    /// do not meet.
    pub fn new() -> RequestIds {
        // Letters and digits only, so the id reads as one word.
        let prefix: String = dateline_auth::token::random()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(6)
            .collect();
        RequestIds {
            prefix: prefix.into(),
            next: Arc::new(AtomicU64::new(1)),
        }
    }
}

impl Default for RequestIds {
    fn default() -> RequestIds {
        RequestIds::new()
    }
}

impl MakeRequestId for RequestIds {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        format!("{}-{n:x}", self.prefix)
            .parse()
            .ok()
            .map(RequestId::new)
    }
}

/// Forgets a request id the client sent, unless it came through a proxy
/// the site trusts: an id in the log must be one this site or its own
/// proxy gave.
pub fn forget_untrusted_id<B>(trusted: bool) -> impl Fn(Request<B>) -> Request<B> + Clone {
    move |mut req| {
        if !trusted {
            req.headers_mut().remove(X_REQUEST_ID);
        }
        req
    }
}

/// Writes the line once the response's head is ready, and counts the
/// request in the metrics. One event, no span:
/// a span per request (tower-http's `TraceLayer`) cost more, and even one
/// event costs cached pages a tenth to a fifth of their rate on a two-core
/// machine (bench/README.md). When the `access` target is off and metrics
/// are off it costs nothing but the checks.
#[derive(Clone)]
pub struct AccessLog<S> {
    inner: S,
    metrics: Option<Arc<Metrics>>,
}

impl<S> AccessLog<S> {
    pub fn new(inner: S, metrics: Option<Arc<Metrics>>) -> AccessLog<S> {
        AccessLog { inner, metrics }
    }
}

type Line<RB> = Box<dyn FnOnce(&Response<RB>) + Send>;

impl<S, B, RB> tower::Service<Request<B>> for AccessLog<S>
where
    S: tower::Service<Request<B>, Response = Response<RB>>,
{
    type Response = Response<RB>;
    type Error = S::Error;
    type Future = Either<S::Future, InspectOk<S::Future, Line<RB>>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<B>) -> Self::Future {
        let log = tracing::enabled!(target: "access", tracing::Level::INFO);
        if !log && self.metrics.is_none() {
            return Either::Left(self.inner.call(req));
        }
        let started = Instant::now();
        let metrics = self.metrics.clone();
        let line: Line<RB> = if log {
            let method = req.method().clone();
            let path = req.uri().path().to_owned();
            let id = req.headers().get(X_REQUEST_ID).cloned();
            Box::new(move |response| {
                let elapsed = started.elapsed();
                let answered = response.extensions().get::<AnsweredBy>();
                let route = answered.map_or(metrics::CACHE, AnsweredBy::route);
                if let Some(metrics) = &metrics {
                    metrics
                        .series_of(answered)
                        .record(response.status(), elapsed.as_secs_f64());
                }
                let ms = (elapsed.as_secs_f64() * 100_000.0).round() / 100.0;
                let id = id.as_ref().and_then(|v| v.to_str().ok()).unwrap_or("");
                // Displayed, not quoted: a path arrives percent-encoded, an
                // id is ours or a trusted proxy's and a route is a template
                // of ours.
                tracing::info!(
                    target: "access",
                    id = %id,
                    method = %method,
                    path = %path,
                    route = %route,
                    status = response.status().as_u16(),
                    ms
                );
            })
        } else {
            Box::new(move |response| {
                if let Some(metrics) = &metrics {
                    metrics
                        .series_of(response.extensions().get::<AnsweredBy>())
                        .record(response.status(), started.elapsed().as_secs_f64());
                }
            })
        };
        Either::Right(self.inner.call(req).inspect_ok(line))
    }
}
