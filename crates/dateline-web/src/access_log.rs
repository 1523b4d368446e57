//! One line in the log per request: method, path, status, time taken and
//! request id, e.g.
//!
//! ```text
//! INFO request{id=PqP6r8-2f method=GET path=/en/}: access: status=200 ms=0.41
//! ```
//!
//! Every answer carries its id in `X-Request-Id`, so a reader's report or
//! a proxy's log leads to the line. The id is this process's (a random
//! prefix, then a counter); one sent by a trusted proxy is kept instead, and
//! one sent by anybody else is dropped. The lines go to the log's target
//! `access`: `RUST_LOG=info,access=off` silences them.

use axum::http::{HeaderName, Request, Response};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::request_id::{MakeRequestId, RequestId};
use tower_http::trace::TraceLayer;
use tracing::Span;

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
        let mut prefix = dateline_auth::token::random();
        prefix.truncate(6);
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

/// The tracing layer that writes the line, once the response's head is
/// ready.
pub type Trace<B, RB> = TraceLayer<
    SharedClassifier<ServerErrorsAsFailures>,
    fn(&Request<B>) -> Span,
    (),
    fn(&Response<RB>, Duration, &Span),
    (),
    (),
    (),
>;

pub fn trace<B, RB>() -> Trace<B, RB> {
    TraceLayer::new_for_http()
        .make_span_with(span::<B> as fn(&Request<B>) -> Span)
        .on_request(())
        .on_response(line::<RB> as fn(&Response<RB>, Duration, &Span))
        .on_body_chunk(())
        .on_eos(())
        .on_failure(())
}

fn span<B>(req: &Request<B>) -> Span {
    let id = req
        .headers()
        .get(X_REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    tracing::info_span!(
        target: "access",
        "request",
        id = %id,
        method = %req.method(),
        path = %req.uri().path()
    )
}

fn line<RB>(response: &Response<RB>, latency: Duration, _: &Span) {
    let ms = (latency.as_secs_f64() * 100_000.0).round() / 100.0;
    tracing::info!(target: "access", status = response.status().as_u16(), ms);
}
