//! The site behind the cache: a hit answered from memory, a miss rendered
//! once however many ask at once.

use crate::AppState;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use std::borrow::Cow;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use tower::Service;

use super::answer::{compress, respond, SiteResponse};
use super::key::cache_key;
use super::{Answers, CacheFor, Cacheable, CountsAsView, PageNumber, MAX_CACHED_BYTES};

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
                self.state.cache.hits.fetch_add(1, Ordering::Relaxed);
                let response = respond(&page, req.headers(), head);
                return futures_util::future::Either::Left(std::future::ready(Ok(response)));
            }
            self.state.cache.misses.fetch_add(1, Ordering::Relaxed);
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
            let started = state.cache.purges();
            state.cache.rendered.fetch_add(1, Ordering::Relaxed);
            let response = inner.call(req).await?;
            let article = response.extensions().get::<CountsAsView>().map(|c| c.0);
            let route = response
                .extensions()
                .get::<crate::metrics::AnsweredBy>()
                .cloned();
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
            let path = key.split('?').next().unwrap_or(&key).to_string();
            let Ok(mut page) = tokio::task::spawn_blocking(move || {
                let keys = super::surrogates::keys_of(&path, &bytes);
                let mut page = compress(bytes, content_type, ttl);
                page.keys = keys;
                page
            })
            .await
            else {
                return Ok(from_router(
                    StatusCode::INTERNAL_SERVER_ERROR.into_response(),
                ));
            };
            page.article = article;
            page.generation = generation;
            page.started = started;
            page.answers = Answers::of(&page, &state.config);
            let page = Arc::new(page);
            // An empty page is never kept: every page we cache has a body.
            if !page.identity.is_empty() {
                state.cache.insert(key, page.clone());
            }
            let mut response = respond(&page, &headers, head);
            if let Some(route) = route {
                response.extensions_mut().insert(route);
            }
            Ok(response)
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
