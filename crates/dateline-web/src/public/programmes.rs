//! Programmes: `/{lang}/programmes/` (the language's programmes),
//! `/{lang}/programmes/{slug}/` (a programme and its episodes, each with a
//! player) and `/{lang}/programmes/{slug}/podcast.xml` (its podcast: RSS
//! 2.0 with the iTunes and Podcasting 2.0 tags). All go through the page
//! cache, and clear with it when the outbox moves.

use super::page;
use super::PER_PAGE;
use crate::error::PageError;
use crate::extract::{self, PageQuery};
use crate::{view, AppState};
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use dateline_app::reading::programmes::Found;
use dateline_core::Language;
use dateline_render::{context, ContextValue};
use dateline_store::{Episode, MediaItem, Programme};
use std::sync::Arc;
use time::format_description::well_known::Rfc2822;

/// Episodes a podcast feed carries: the newest, as podcast apps list them.
const FEED_EPISODES: i64 = 100;

/// `/en/programmes/newscast` goes to `/en/programmes/newscast/`.
pub async fn add_slash(Path((lang, slug)): Path<(String, String)>) -> Result<Response, PageError> {
    let lang = extract::language(&lang)?;
    Ok(super::moved(&format!(
        "/{}/programmes/{slug}/",
        lang.code()
    )))
}

/// An episode's audio file on this site.
fn audio_path(m: &MediaItem) -> String {
    crate::media_files::path(m, "original")
}

/// A cover image's widest rendition (readers never get an image's original,
/// which keeps its camera metadata): podcast artwork and link previews.
fn large_cover_path(m: &MediaItem) -> Option<String> {
    crate::media_files::largest_rendition(m).map(|(v, _)| crate::media_files::path(m, v))
}

/// A cover image for a page: a small rendition with the others as
/// `srcset`, and the widest one's absolute address for link previews.
/// None for an image without renditions (none is made without them).
fn cover(state: &AppState, m: &MediaItem) -> Option<ContextValue> {
    let srcset: Vec<String> = m
        .renditions
        .iter()
        .map(|(variant, width)| format!("{} {width}w", crate::media_files::path(m, variant)))
        .collect();
    let src = m
        .renditions
        .first()
        .map(|(v, _)| crate::media_files::path(m, v))?;
    Some(context! {
        src, srcset => srcset.join(", "), width => m.width, height => m.height,
        abs_large => format!("{}{}", state.config.base_url, large_cover_path(m)?),
    })
}

/// A duration as a clock reads it: `3:05`, or `1:02:05` past the hour.
fn clock(ms: i64) -> String {
    let s = (ms + 500) / 1000;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

fn programme_path(p: &Programme) -> String {
    format!("/{}/programmes/{}/", p.language.code(), p.slug)
}

/// The programme's own description, else one from the catalogue.
fn description(state: &AppState, p: &Programme) -> String {
    p.description
        .clone()
        .filter(|d| !d.trim().is_empty())
        .unwrap_or_else(|| {
            state.renderer.message(
                p.language,
                "programme-feed-description",
                &[
                    ("name", p.name.clone().into()),
                    ("site", state.app.site_name().into()),
                ],
            )
        })
}

/// An episode's summary for the feed: the standfirst, else the body's opening.
fn summary(e: &Episode) -> String {
    e.standfirst
        .clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| {
            dateline_core::markdown::plain_text(&e.body_markdown)
                .chars()
                .take(300)
                .collect()
        })
}

/// The language's programmes for a side column (empty when it has none,
/// or when they cannot be read: a side column never fails a page).
pub async fn side_box(state: &AppState, lang: Language) -> Vec<ContextValue> {
    let programmes = dateline_app::reading::programmes::list(&state.app, lang)
        .await
        .unwrap_or_default();
    programmes
        .iter()
        .map(|p| {
            context! {
                slug => p.slug, name => p.name, episode_count => p.episode_count,
                cover => p.cover.as_ref().and_then(|m| cover(state, m)),
            }
        })
        .collect()
}

/// The programme at `slug`, or the answer instead: 301 to the same `rest`
/// under its current slug when it was renamed, or merged into another when
/// it was deleted; else the lookup's error.
async fn find(
    state: &AppState,
    lang: Language,
    slug: &str,
    rest: &str,
) -> Result<Result<Programme, Response>, PageError> {
    match dateline_app::reading::programmes::find(&state.app, lang, slug).await {
        Ok(Found::Programme(p)) => Ok(Ok(*p)),
        Ok(Found::MovedTo(current)) => Ok(Err(super::moved_keeping_query(
            &format!("/{}/programmes/{current}/", lang.code()),
            rest,
        ))),
        Err(e) => Err(PageError::from_store(lang, e)),
    }
}

/// `/{lang}/programmes/`: the language's programmes.
pub async fn list(
    State(state): State<Arc<AppState>>,
    Path(lang): Path<String>,
) -> Result<Response, PageError> {
    let lang = extract::language(&lang)?;
    let programmes = dateline_app::reading::programmes::list(&state.app, lang)
        .await
        .map_err(|e| PageError::from_store(lang, e))?;
    let items: Vec<_> = programmes
        .iter()
        .map(|p| {
            context! {
                slug => p.slug, name => p.name, description => p.description,
                episode_count => p.episode_count,
                cover => p.cover.as_ref().and_then(|m| cover(&state, m)),
            }
        })
        .collect();
    // Every language has its programmes page: the switcher leads to it.
    let switch: std::collections::BTreeMap<&str, String> = Language::ALL
        .iter()
        .map(|l| (l.code(), format!("/{}/programmes/", l.code())))
        .collect();
    let path = format!("/{}/programmes/", lang.code());
    let base = view::base(&state, lang, Some(&path)).await;
    let title = state.renderer.message(lang, "programmes-title", &[]);
    let html = state
        .renderer
        .render(
            "programmes.html",
            context! {
                title => format!("{title} · {}", state.app.site_name()),
                description => state.renderer.message(
                    lang,
                    "programmes-description",
                    &[("site", state.app.site_name().into())],
                ),
                programmes => items,
                current_section => "programmes",
                switch,
                ..base
            },
        )
        .map_err(|e| PageError::internal(lang, e))?;
    Ok(page(html))
}

/// `/{lang}/programmes/{slug}/?page=N`: a programme and its episodes.
pub async fn programme(
    State(state): State<Arc<AppState>>,
    Path((lang, slug)): Path<(String, String)>,
    Query(q): Query<PageQuery>,
) -> Result<Response, PageError> {
    let lang = extract::language(&lang)?;
    let n = q.number(lang)?;
    let query = if n > 1 {
        format!("?page={n}")
    } else {
        String::new()
    };
    let programme = match find(&state, lang, &slug, &query).await? {
        Ok(p) => p,
        Err(moved) => return Ok(moved),
    };
    let (list, pictures) = dateline_app::reading::programmes::episodes(
        &state.app,
        &programme,
        PER_PAGE,
        (n - 1) * PER_PAGE,
    )
    .await
    .map_err(|e| PageError::from_store(lang, e))?;
    let pages = ((list.total + PER_PAGE - 1) / PER_PAGE).max(1);
    if n > pages {
        return Err(PageError::not_found(lang));
    }
    let base_path = programme_path(&programme);
    let path = if n > 1 {
        format!("{base_path}?page={n}")
    } else {
        base_path.clone()
    };
    let episodes: Vec<_> = list
        .items
        .iter()
        .map(|e| {
            context! {
                image => pictures.get(&e.article_id),
                path => e.path, headline => e.headline, standfirst => e.standfirst,
                published_at => e.published_at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
                duration => clock(e.audio.duration_ms.unwrap_or(0)),
                src => audio_path(&e.audio),
            }
        })
        .collect();
    let title = if n > 1 {
        state.renderer.message(
            lang,
            "page-title-numbered",
            &[("title", programme.name.clone().into()), ("page", n.into())],
        )
    } else {
        programme.name.clone()
    };
    let base = view::base(&state, lang, Some(&path)).await;
    let html = state
        .renderer
        .render(
            "programme.html",
            context! {
                title => format!("{title} · {}", state.app.site_name()),
                description => description(&state, &programme),
                cover => programme.cover.as_ref().and_then(|m| cover(&state, m)),
                podcast_path => format!("{base_path}podcast.xml"),
                episodes, page => n, pages, base => base_path,
                current_section => "programmes",
                programme,
                ..base
            },
        )
        .map_err(|e| PageError::internal(lang, e))?;
    Ok(super::paged(html, n))
}

/// `/{lang}/programmes/{slug}/podcast.xml`: the programme's podcast feed.
pub async fn podcast(
    State(state): State<Arc<AppState>>,
    Path((lang, slug)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let lang = extract::language(&lang)?;
    // Podcast apps follow a permanent redirect and keep the new feed.
    let programme = match find(&state, lang, &slug, "podcast.xml").await? {
        Ok(p) => p,
        Err(moved) => return Ok(moved),
    };
    let list =
        dateline_app::reading::programmes::newest_episodes(&state.app, &programme, FEED_EPISODES)
            .await
            .map_err(|e| PageError::from_store(lang, e))?;
    let base = &state.config.base_url;
    let items: Vec<_> = list
        .items
        .iter()
        .map(|e| {
            context! {
                title => e.headline,
                url => format!("{base}{}", e.path),
                published_rfc2822 => e.published_at.format(&Rfc2822).unwrap_or_default(),
                summary => summary(e),
                audio => context! {
                    url => format!("{base}{}", audio_path(&e.audio)),
                    length => e.audio.byte_size,
                    content_type => e.audio.content_type,
                    duration_seconds => e.audio.duration_ms.map(|ms| (ms + 500) / 1000),
                },
            }
        })
        .collect();
    let updated = list
        .items
        .iter()
        .map(|e| e.published_at)
        .chain(std::iter::once(programme.updated_at))
        .max()
        .unwrap_or(programme.updated_at);
    let home = format!("{base}{}", programme_path(&programme));
    let ctx = context! {
        lang => lang.code(),
        feed => context! {
            title => programme.name,
            home,
            self_url => format!("{home}podcast.xml"),
            description => description(&state, &programme),
            author => programme.author.clone().unwrap_or_else(|| state.app.site_name()),
            image => programme.cover.as_ref().and_then(large_cover_path).map(|p| format!("{base}{p}")),
            category => programme.category,
            explicit => programme.explicit,
            updated_rfc2822 => updated.format(&Rfc2822).unwrap_or_default(),
        },
        items,
    };
    let xml = state
        .renderer
        .render("podcast.rss.xml", ctx)
        .map_err(|e| PageError::internal(lang, e))?;
    let mut response = (
        [(header::CONTENT_TYPE, "application/rss+xml; charset=utf-8")],
        xml,
    )
        .into_response();
    response.extensions_mut().insert(crate::cache::Cacheable);
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::clock;

    #[test]
    fn durations_read_like_a_clock() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(3_000), "0:03");
        assert_eq!(clock(2_600), "0:03");
        assert_eq!(clock(185_000), "3:05");
        assert_eq!(clock(3_725_000), "1:02:05");
    }
}
