//! Sitemaps: an index, each language's articles in files of at most
//! 10,000 URLs (the protocol allows 50,000 and 50 MB; hreflang alternates
//! make each URL long), the front, section and programme pages, and a news
//! sitemap of the last two days.

use crate::error::PageError;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use dateline_core::Language;
use dateline_render::context;
use std::sync::Arc;
use time::format_description::well_known::Rfc3339;

/// URLs per sitemap file.
pub const PER_FILE: i64 = 10_000;

fn xml(body: String) -> Response {
    let mut response = (
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        body,
    )
        .into_response();
    response.extensions_mut().insert(crate::cache::Cacheable);
    response
}

fn failed(e: impl std::fmt::Display) -> PageError {
    PageError::internal(Language::En, e)
}

/// `/sitemap.xml`: the index.
pub async fn index(State(state): State<Arc<AppState>>) -> Result<Response, PageError> {
    let base = &state.config.base_url;
    let mut sitemaps = vec![
        context! { loc => format!("{base}/sitemaps/pages.xml") },
        context! { loc => format!("{base}/news-sitemap.xml") },
    ];
    for (lang, count) in dateline_app::reading::sitemaps::counts(&state.app)
        .await
        .map_err(failed)?
    {
        for n in 1..=((count + PER_FILE - 1) / PER_FILE) {
            sitemaps.push(context! { loc => format!("{base}/sitemaps/{}-{n}.xml", lang.code()) });
        }
    }
    let body = state
        .renderer
        .render("sitemap-index.xml", context! { sitemaps })
        .map_err(failed)?;
    Ok(xml(body))
}

/// `/sitemaps/{lang}-{n}.xml` and `/sitemaps/pages.xml`.
pub async fn file(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
) -> Result<Response, PageError> {
    let base = &state.config.base_url;
    let not_found = || PageError {
        status: StatusCode::NOT_FOUND,
        lang: None,
    };
    let stem = name.strip_suffix(".xml").ok_or_else(not_found)?;
    let urls = if stem == "pages" {
        let (languages, own) = dateline_app::reading::sitemaps::pages(&state.app)
            .await
            .map_err(failed)?;
        let mut urls = Vec::new();
        for l in languages {
            let code = l.language.code();
            urls.push(context! { path => format!("/{code}/") });
            for slug in &l.sections {
                urls.push(context! { path => format!("/{code}/{slug}/") });
            }
            if !l.programmes.is_empty() {
                urls.push(context! { path => format!("/{code}/programmes/") });
            }
            for slug in &l.programmes {
                urls.push(context! { path => format!("/{code}/programmes/{slug}/") });
            }
        }
        // The site's own pages, in every language that has them.
        for p in own {
            urls.push(context! {
                path => p.path,
                lastmod => p.updated_at.format(&Rfc3339).unwrap_or_default(),
            });
        }
        urls
    } else {
        let (code, n) = stem.split_once('-').ok_or_else(not_found)?;
        let lang = crate::extract::language(code)?;
        let n: i64 = n.parse().ok().filter(|n| *n >= 1).ok_or_else(not_found)?;
        let entries = dateline_app::reading::sitemaps::articles(
            &state.app,
            lang,
            PER_FILE,
            (n - 1) * PER_FILE,
        )
        .await
        .map_err(failed)?;
        if entries.is_empty() {
            return Err(not_found());
        }
        entries
            .iter()
            .map(|e| {
                context! {
                    path => e.path,
                    lang => e.language.code(),
                    lastmod => e.updated_at.format(&Rfc3339).unwrap_or_default(),
                    alternates => e.alternates,
                }
            })
            .collect()
    };
    let body = state
        .renderer
        .render("sitemap.xml", context! { base, urls })
        .map_err(failed)?;
    Ok(xml(body))
}

/// `/news-sitemap.xml`: articles of the last two days (at most 1,000, as
/// news indexes ask).
pub async fn news(State(state): State<Arc<AppState>>) -> Result<Response, PageError> {
    let since = time::OffsetDateTime::now_utc() - time::Duration::days(2);
    let entries = dateline_app::reading::sitemaps::news(&state.app, since, 1000)
        .await
        .map_err(failed)?;
    let urls: Vec<_> = entries
        .iter()
        .map(|e| {
            context! {
                path => e.path,
                language => e.language.code(),
                headline => e.headline,
                published_at => e.published_at.format(&Rfc3339).unwrap_or_default(),
            }
        })
        .collect();
    let body = state
        .renderer
        .render(
            "news-sitemap.xml",
            context! { base => state.config.base_url, site => state.app.site_name(), urls },
        )
        .map_err(failed)?;
    Ok(xml(body))
}
