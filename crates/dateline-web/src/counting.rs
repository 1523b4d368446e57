//! Counting readers' views of article pages: a layer around the whole site
//! (the page cache included), and the page's beacon for the views a CDN or
//! the browser answered. A response marked [`CountsAsView`] (by the article
//! page's handler, and by the cache for the pages it answers) is a view of
//! that article when it answers a GET. The counting itself is the
//! application's (`discovery::views`).

use crate::cache::CountsAsView;
use crate::AppState;
use axum::http::{header, HeaderMap, HeaderValue, Method, Request, Response, StatusCode};
use futures_util::future::{Either, InspectOk, TryFutureExt};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::task::{Context, Poll};

/// Reports that the reader who sent these headers from `peer` read
/// `article` now.
pub fn count_request(state: &AppState, headers: &HeaderMap, peer: SocketAddr, article: i64) {
    Reader::of(state, headers, peer).count(state, article);
}

/// Who asked, as the view counter needs it: taken from the request before
/// it is answered (the handler consumes it), at the cost of one address
/// and one header value.
struct Reader {
    address: IpAddr,
    agent: Option<HeaderValue>,
}

impl Reader {
    fn of(state: &AppState, headers: &HeaderMap, peer: SocketAddr) -> Reader {
        Reader {
            address: crate::extract::client_address(state, headers, peer),
            agent: headers.get(header::USER_AGENT).cloned(),
        }
    }

    fn count(&self, state: &AppState, article: i64) {
        let agent = self.agent.as_ref().and_then(|v| v.to_str().ok());
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        state
            .app
            .discovery
            .views
            .saw(article, self.address, agent, now);
    }
}

/// The layer around one connection's requests (see the module's note).
#[derive(Clone)]
pub struct CountViews<S> {
    inner: S,
    state: Arc<AppState>,
    peer: SocketAddr,
}

impl<S> CountViews<S> {
    pub fn new(inner: S, state: Arc<AppState>, peer: SocketAddr) -> CountViews<S> {
        CountViews { inner, state, peer }
    }
}

type Counted<B> = Box<dyn FnOnce(&Response<B>) + Send>;

impl<S, B, RB> tower::Service<Request<B>> for CountViews<S>
where
    S: tower::Service<Request<B>, Response = Response<RB>>,
{
    type Response = Response<RB>;
    type Error = S::Error;
    type Future = Either<S::Future, InspectOk<S::Future, Counted<RB>>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<B>) -> Self::Future {
        // A HEAD reads no page; neither does anything but a GET.
        if req.method() != Method::GET {
            return Either::Left(self.inner.call(req));
        }
        let reader = Reader::of(&self.state, req.headers(), self.peer);
        let state = self.state.clone();
        let count: Counted<RB> = Box::new(move |response| {
            let shown = matches!(response.status(), StatusCode::OK | StatusCode::NOT_MODIFIED);
            if let (true, Some(CountsAsView(id))) = (shown, response.extensions().get()) {
                reader.count(&state, *id);
            }
        });
        Either::Right(self.inner.call(req).inspect_ok(count))
    }
}
