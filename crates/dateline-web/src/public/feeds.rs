//! Feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 for each language, section
//! and tag. RSS and Atom are templates; JSON Feed is serde. They go through
//! the page cache like pages (ETag, 304, compression, cleared on change).

use crate::error::PageError;
use crate::{extract, AppState};
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use dateline_app::reading::feeds::SectionFeed;
use dateline_core::media::MediaKind;
use dateline_core::Language;
use dateline_render::context;
use dateline_store::ArticleCard;
use serde::Serialize;
use std::sync::Arc;
use time::format_description::well_known::{Rfc2822, Rfc3339};

#[derive(Clone, Copy)]
pub enum Format {
    Rss,
    Atom,
    Json,
}

impl Format {
    fn file(self) -> &'static str {
        match self {
            Format::Rss => "feed.xml",
            Format::Atom => "atom.xml",
            Format::Json => "feed.json",
        }
    }
}

#[derive(Serialize)]
struct Item {
    title: String,
    url: String,
    published_rfc2822: String,
    published_rfc3339: String,
    updated_rfc3339: String,
    author: Option<String>,
    categories: Vec<String>,
    summary: String,
    content_html: Option<String>,
    /// The article's lead image and programme audio, as files.
    image: Option<Enclosure>,
    audio: Option<Enclosure>,
}

/// A file a feed item carries (RSS enclosure, Atom enclosure link, JSON
/// Feed image or attachment).
#[derive(Serialize, Clone)]
struct Enclosure {
    url: String,
    content_type: String,
    length: i64,
    duration_seconds: Option<i64>,
}

/// A media item as an enclosure: an audio file as uploaded, an image as its
/// widest rendition (readers never get an image's original, which keeps
/// its camera metadata).
async fn enclosure(state: &AppState, id: Option<i64>, kind: MediaKind) -> Option<Enclosure> {
    let m = dateline_app::reading::feeds::enclosure(&state.app, id, kind).await?;
    let (variant, length) = if m.kind == MediaKind::Image {
        let (variant, _) = crate::media_files::largest_rendition(&m)?;
        (variant.clone(), m.largest_rendition_bytes?)
    } else {
        ("original".to_string(), m.byte_size)
    };
    Some(Enclosure {
        url: format!(
            "{}{}",
            state.config.base_url,
            crate::media_files::path(&m, &variant)
        ),
        content_type: m.content_type,
        length,
        duration_seconds: m.duration_ms.map(|ms| (ms + 500) / 1000),
    })
}

pub async fn language(
    state: State<Arc<AppState>>,
    Path(lang): Path<String>,
    format: Format,
) -> Result<Response, PageError> {
    let lang = extract::language(&lang)?;
    let list = dateline_app::reading::feeds::language(&state.app, lang)
        .await
        .map_err(|e| PageError::from_store(lang, e))?;
    let title = state.renderer.message(
        lang,
        "feed-front-title",
        &[("site", state.app.site_name().into())],
    );
    respond(
        &state,
        lang,
        &format!("/{}/", lang.code()),
        title,
        list,
        format,
    )
    .await
}

pub async fn section(
    state: State<Arc<AppState>>,
    Path((lang, slug)): Path<(String, String)>,
    format: Format,
) -> Result<Response, PageError> {
    let lang = extract::language(&lang)?;
    let (section, list) = match dateline_app::reading::feeds::section(&state.app, lang, &slug)
        .await
        .map_err(|e| PageError::from_store(lang, e))?
    {
        SectionFeed::Found(section, list) => (section, list),
        SectionFeed::MovedTo(current) => {
            return Ok(super::lists::moved_to(lang, &current, format.file()))
        }
    };
    let title = list_title(&state, lang, &section.name);
    respond(
        &state,
        lang,
        &format!("/{}/{}/", lang.code(), section.slug),
        title,
        list,
        format,
    )
    .await
}

pub async fn tag(
    state: State<Arc<AppState>>,
    Path((lang, slug)): Path<(String, String)>,
    format: Format,
) -> Result<Response, PageError> {
    let lang = extract::language(&lang)?;
    let (tag, list) = dateline_app::reading::feeds::tag(&state.app, lang, &slug)
        .await
        .map_err(|e| PageError::from_store(lang, e))?;
    let title = list_title(&state, lang, &tag.name);
    respond(
        &state,
        lang,
        &format!("/{}/tag/{}/", lang.code(), tag.slug),
        title,
        list,
        format,
    )
    .await
}

fn list_title(state: &AppState, lang: Language, name: &str) -> String {
    state.renderer.message(
        lang,
        "feed-list-title",
        &[
            ("title", name.to_string().into()),
            ("site", state.app.site_name().into()),
        ],
    )
}

async fn respond(
    state: &AppState,
    lang: Language,
    home_path: &str,
    title: String,
    cards: Vec<ArticleCard>,
    format: Format,
) -> Result<Response, PageError> {
    let base = &state.config.base_url;
    let settings = state.app.site();
    let full = settings.feeds_full_content;
    let mut items = Vec::with_capacity(cards.len());
    for a in dateline_app::reading::feeds::stories(&state.app, &cards).await {
        // The section, then the tags; a tag named like the section once.
        let mut categories = vec![a.section_name.clone()];
        for tag in &a.tags {
            if !categories
                .iter()
                .any(|c| c.to_lowercase() == tag.name.to_lowercase())
            {
                categories.push(tag.name.clone());
            }
        }
        let updated = a
            .notes
            .last()
            .map(|n| n.at)
            .unwrap_or(a.published_at)
            .max(a.published_at);
        items.push(Item {
            title: a.headline.clone(),
            url: format!("{base}{}", a.path),
            published_rfc2822: a.published_at.format(&Rfc2822).unwrap_or_default(),
            published_rfc3339: a.published_at.format(&Rfc3339).unwrap_or_default(),
            updated_rfc3339: updated.format(&Rfc3339).unwrap_or_default(),
            author: a.byline.clone(),
            categories,
            summary: a.standfirst.clone().unwrap_or_else(|| {
                dateline_core::markdown::plain_text(&a.body_markdown)
                    .chars()
                    .take(300)
                    .collect()
            }),
            content_html: full.then(|| a.body_html.clone()),
            image: enclosure(state, a.image_id, MediaKind::Image).await,
            audio: enclosure(state, a.audio_id, MediaKind::Audio).await,
        });
    }
    let newest = cards
        .iter()
        .map(|c| c.published_at)
        .max()
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let hub = settings.websub_hub.clone();
    let home = format!("{base}{home_path}");
    let self_url = format!("{home}{}", format.file());
    let description = state.renderer.message(
        lang,
        "front-description",
        &[("site", state.app.site_name().into())],
    );
    let (content_type, body) = match format {
        Format::Json => {
            let mut feed = serde_json::json!({
                "version": "https://jsonfeed.org/version/1.1",
                "title": title,
                "home_page_url": home,
                "feed_url": self_url,
                "description": description,
                "language": lang.code(),
                "items": items.iter().map(|i| {
                    let mut item = serde_json::json!({
                        "id": i.url,
                        "url": i.url,
                        "title": i.title,
                        "summary": i.summary,
                        "date_published": i.published_rfc3339,
                        "date_modified": i.updated_rfc3339,
                        "tags": i.categories,
                        "language": lang.code(),
                    });
                    match &i.content_html {
                        Some(html) => item["content_html"] = html.clone().into(),
                        None => item["content_text"] = i.summary.clone().into(),
                    }
                    if let Some(author) = &i.author {
                        item["authors"] = serde_json::json!([{ "name": author }]);
                    }
                    if let Some(image) = &i.image {
                        item["image"] = image.url.clone().into();
                    }
                    if let Some(audio) = &i.audio {
                        let mut file = serde_json::json!({
                            "url": audio.url,
                            "mime_type": audio.content_type,
                            "size_in_bytes": audio.length,
                        });
                        if let Some(d) = audio.duration_seconds {
                            file["duration_in_seconds"] = d.into();
                        }
                        item["attachments"] = serde_json::json!([file]);
                    }
                    item
                }).collect::<Vec<_>>(),
            });
            if let Some(hub) = &hub {
                feed["hubs"] = serde_json::json!([{ "type": "WebSub", "url": hub }]);
            }
            (
                "application/feed+json; charset=utf-8",
                serde_json::to_string_pretty(&feed).unwrap_or_default(),
            )
        }
        Format::Rss | Format::Atom => {
            let (template, content_type) = match format {
                Format::Rss => ("feed.rss.xml", "application/rss+xml; charset=utf-8"),
                _ => ("feed.atom.xml", "application/atom+xml; charset=utf-8"),
            };
            let ctx = context! {
                lang => lang.code(),
                site => state.app.site_name(),
                feed => context! {
                    title, description, home, self_url, hub,
                    updated_rfc2822 => newest.format(&Rfc2822).unwrap_or_default(),
                    updated_rfc3339 => newest.format(&Rfc3339).unwrap_or_default(),
                },
                items,
            };
            let xml = state
                .renderer
                .render(template, ctx)
                .map_err(|e| PageError::internal(lang, e))?;
            (content_type, xml)
        }
    };
    let mut response = ([(header::CONTENT_TYPE, content_type)], body).into_response();
    response.extensions_mut().insert(crate::cache::Cacheable);
    Ok(response)
}
