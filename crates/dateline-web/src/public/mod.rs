//! The readers' site: one route table, a file per kind of page.

pub(crate) mod article;
mod assets;
mod comments;
mod corrections;
mod feeds;
mod front;
mod health;
mod lists;
mod media;
pub(crate) mod old_links;
mod pages;
mod previews;
mod programmes;
mod search;
mod sitemaps;
mod thread;
mod views;

use crate::AppState;
use axum::routing::{get, post};
use axum::Router;
use std::sync::Arc;

/// Articles per list page.
pub const PER_PAGE: i64 = dateline_app::reading::lists::PER_PAGE;

/// Public routes. Section slugs `tag`, `author`, `corrections`, `page` and
/// `programmes` are taken by the routes below, so the newsroom refuses them
/// as section names.
pub fn router() -> Router<Arc<AppState>> {
    Router::new()
        .route("/", get(front::root))
        .route("/healthz", get(health::alive))
        .route("/readyz", get(health::ready))
        .route("/static/{file}", get(assets::asset))
        .route("/robots.txt", get(assets::robots))
        .route("/sitemap.xml", get(sitemaps::index))
        .route("/news-sitemap.xml", get(sitemaps::news))
        .route("/sitemaps/{file}", get(sitemaps::file))
        .route("/favicon.ico", get(assets::favicon))
        .route("/media/{token}/{file}", get(media::file))
        .route("/language/{code}", get(front::choose))
        .route("/views/{id}", post(views::beacon))
        .route("/api/v1/{lang}/search", get(search::api))
        .route("/api/v1/{lang}/most-viewed", get(views::most_viewed))
        .route("/newsroom/previews/{token}", get(previews::show))
        .route("/{lang}/search", get(search::page))
        .route("/{lang}", get(front::add_slash))
        .route("/{lang}/", get(front::front))
        .route(
            "/{lang}/feed.xml",
            get(|s, p| feeds::language(s, p, feeds::Format::Rss)),
        )
        .route(
            "/{lang}/atom.xml",
            get(|s, p| feeds::language(s, p, feeds::Format::Atom)),
        )
        .route(
            "/{lang}/feed.json",
            get(|s, p| feeds::language(s, p, feeds::Format::Json)),
        )
        .route(
            "/{lang}/tag/{tag}/feed.xml",
            get(|s, p| feeds::tag(s, p, feeds::Format::Rss)),
        )
        .route(
            "/{lang}/tag/{tag}/atom.xml",
            get(|s, p| feeds::tag(s, p, feeds::Format::Atom)),
        )
        .route(
            "/{lang}/tag/{tag}/feed.json",
            get(|s, p| feeds::tag(s, p, feeds::Format::Json)),
        )
        .route(
            "/{lang}/{section}/feed.xml",
            get(|s, p| feeds::section(s, p, feeds::Format::Rss)),
        )
        .route(
            "/{lang}/{section}/atom.xml",
            get(|s, p| feeds::section(s, p, feeds::Format::Atom)),
        )
        .route(
            "/{lang}/{section}/feed.json",
            get(|s, p| feeds::section(s, p, feeds::Format::Json)),
        )
        .route("/{lang}/corrections/", get(corrections::list))
        .route("/{lang}/page/{slug}", get(pages::page))
        .route("/{lang}/programmes/", get(programmes::list))
        .route("/{lang}/programmes/{slug}", get(programmes::add_slash))
        .route("/{lang}/programmes/{slug}/", get(programmes::programme))
        .route(
            "/{lang}/programmes/{slug}/podcast.xml",
            get(programmes::podcast),
        )
        .route("/{lang}/tag/{tag}", get(lists::tag))
        .route("/{lang}/author/{author}", get(lists::author))
        .route("/{lang}/{section}", get(lists::section_add_slash))
        .route("/{lang}/{section}/", get(lists::section))
        .route(
            "/{lang}/{section}/{year}/{month}/{day}/{slug}",
            get(article::article),
        )
        .route(
            "/{lang}/{section}/{year}/{month}/{day}/{slug}/comments",
            post(comments::post),
        )
}

/// Wraps a rendered page so the cache layer may keep it.
pub(crate) fn page(html: String) -> axum::response::Response {
    use axum::response::IntoResponse;
    let mut response = axum::response::Html(html).into_response();
    response.extensions_mut().insert(crate::cache::Cacheable);
    response
}

/// A page of a paginated list (or an article's comments): cacheable, under
/// the key of its page number only.
pub(crate) fn paged(html: String, number: i64) -> axum::response::Response {
    let mut response = page(html);
    response
        .extensions_mut()
        .insert(crate::cache::PageNumber(number));
    response
}

/// A permanent redirect to a path on this site.
/// 301 to `path` followed by `rest`, which may carry a query (`?page=2`)
/// that the path's encoding must not touch: where a renamed section's or
/// programme's page or feed now is.
pub(crate) fn moved_keeping_query(path: &str, rest: &str) -> axum::response::Response {
    let (more, query) = rest.split_once('?').unwrap_or((rest, ""));
    let target = format!("{path}{more}");
    let mut response = moved(&target);
    if !query.is_empty() {
        let location = format!("{}?{query}", crate::extract::encode_path(&target));
        if let Ok(value) = axum::http::HeaderValue::from_str(&location) {
            response
                .headers_mut()
                .insert(axum::http::header::LOCATION, value);
        }
    }
    response
}

pub(crate) fn moved(path: &str) -> axum::response::Response {
    // 301 rather than axum's 308: it is what crawlers and caches know best
    // for a page that moved, and GET is the only method here.
    axum::http::Response::builder()
        .status(axum::http::StatusCode::MOVED_PERMANENTLY)
        .header(
            axum::http::header::LOCATION,
            crate::extract::encode_path(path),
        )
        .body(axum::body::Body::empty())
        .unwrap_or_default()
}
