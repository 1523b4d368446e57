//! The article page, with its reader comments and comment form.

use super::thread::{self, FormState};
use crate::error::PageError;
use crate::extract::{self, PageQuery};
use crate::{view, AppState};
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use dateline_core::Language;
use dateline_render::{context, ContextValue};
use dateline_store::{ArticleView, PathLookup};
use serde::Deserialize;
use std::sync::Arc;

/// The six segments of an article's path.
pub type ArticleSegments = (String, String, String, String, String, String);

/// Finds the article at the path the segments spell: the article itself, or
/// the response that answers instead (301 to its new path, 410, 404).
pub async fn find(
    state: &AppState,
    segments: &ArticleSegments,
) -> Result<Result<ArticleView, Response>, PageError> {
    let (lang, path) = path_of(segments)?;
    match dateline_app::reading::article::at(&state.app, &path).await {
        Ok(PathLookup::Article(a)) => Ok(Ok(*a)),
        Ok(PathLookup::Redirect(to)) => Ok(Err(super::moved(&to))),
        Ok(PathLookup::Gone) => Err(PageError::gone(lang)),
        Err(e) => Err(PageError::from_store(lang, e)),
    }
}

/// The language and the path, as the store keeps it, that the segments
/// spell: rebuilt from the decoded segments, since stored paths hold
/// Unicode slugs and the request line holds them percent-encoded.
pub fn path_of(segments: &ArticleSegments) -> Result<(Language, String), PageError> {
    let (lang, section, year, month, day, slug) = segments;
    let lang = extract::language(lang)?;
    Ok((
        lang,
        format!("/{}/{section}/{year}/{month}/{day}/{slug}", lang.code()),
    ))
}

#[derive(Debug, Deserialize, Default)]
pub struct ArticleQuery {
    #[serde(flatten)]
    page: PageQuery,
    reply: Option<String>,
}

pub async fn article(
    State(state): State<Arc<AppState>>,
    Path(segments): Path<ArticleSegments>,
    Query(query): Query<ArticleQuery>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let article = match find(&state, &segments).await? {
        Ok(a) => a,
        Err(response) => return Ok(response),
    };
    let lang = article.language;
    let comments_page = query.page.number(lang)?;
    let reply_to = query.reply.as_deref().and_then(|r| r.parse::<i64>().ok());
    let pending = thread::pending_for(&state, &headers, article.id).await;
    let form = FormState {
        parent_id: reply_to,
        ..FormState::default()
    };
    let personal = pending.is_some() || reply_to.is_some();
    let id = article.id;
    let html = render(&state, article, comments_page, form, pending).await?;
    let mut response = super::paged(html, comments_page);
    response
        .extensions_mut()
        .insert(crate::cache::CountsAsView(id));
    if personal {
        // A page made for one reader is never shared through any cache.
        response
            .extensions_mut()
            .remove::<crate::cache::Cacheable>();
        response.headers_mut().insert(
            axum::http::header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("private, no-store"),
        );
    } else {
        response
            .extensions_mut()
            .insert(crate::cache::CacheFor(thread::FORM_REFRESH));
    }
    Ok(response)
}

/// The page's description for search engines and link previews: the
/// standfirst, or else the opening of the body, cut at a word.
fn summary(article: &ArticleView) -> String {
    const MAX: usize = 155;
    if let Some(s) = article
        .standfirst
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        return s.to_string();
    }
    let text = dateline_core::markdown::plain_text(&article.body_markdown);
    if text.chars().count() <= MAX {
        return text;
    }
    let cut: String = text.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map(|(head, _)| head).unwrap_or(&cut);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

/// Schema.org NewsArticle and BreadcrumbList for search engines: what the
/// page says, in the vocabulary they read. Each correction note is a
/// `correction`.
fn structured_data(
    state: &AppState,
    publisher: serde_json::Value,
    article: &ArticleView,
    dateline: Option<&str>,
    image_url: Option<&str>,
) -> serde_json::Value {
    use serde_json::json;
    let rfc3339 = |t: time::OffsetDateTime| {
        t.format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default()
    };
    let base = &state.config.base_url;
    let url = format!("{base}{}", article.path);
    let lang = article.language.code();
    let author = match (&article.byline, &article.author_slug) {
        (Some(name), Some(slug)) => {
            json!([{ "@type": "Person", "name": name, "url": format!("{base}/{lang}/author/{slug}") }])
        }
        (Some(name), None) => json!([{ "@type": "Person", "name": name }]),
        _ => json!([{ "@type": "Organization", "name": state.app.site_name() }]),
    };
    let corrections: Vec<_> = article
        .notes
        .iter()
        .filter(|n| n.kind == dateline_core::NoteKind::Correction)
        .map(|n| json!({ "@type": "CorrectionComment", "text": n.text, "datePublished": rfc3339(n.at) }))
        .collect();
    let modified = article
        .notes
        .last()
        .map(|n| n.at)
        .unwrap_or(article.published_at)
        .max(article.published_at);
    let mut news = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": summary(article),
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": lang,
        "isAccessibleForFree": true,
        "datePublished": rfc3339(article.published_at),
        "dateModified": rfc3339(modified),
        "articleSection": article.section_name,
        "keywords": article.tags.iter().map(|t| t.name.clone()).collect::<Vec<_>>(),
        "author": author,
        "publisher": publisher,
    });
    if let Some(d) = dateline {
        news["dateline"] = json!(d.trim_end_matches(['—', '-', ' ']));
    }
    if let Some(image) = image_url {
        news["image"] = json!([image]);
    }
    if !corrections.is_empty() {
        news["correction"] = json!(corrections);
    }
    let breadcrumbs = json!({
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            { "@type": "ListItem", "position": 1, "name": state.app.site_name(), "item": format!("{base}/{lang}/") },
            { "@type": "ListItem", "position": 2, "name": article.section_name, "item": format!("{base}/{lang}/{}/", article.section_slug) },
            { "@type": "ListItem", "position": 3, "name": article.headline, "item": url },
        ]
    });
    json!([news, breadcrumbs])
}

/// Renders the article page: the story, its notes, its comments (one page
/// of them), and the comment form in the state given.
pub async fn render(
    state: &AppState,
    article: ArticleView,
    comments_page: i64,
    form: FormState,
    pending: Option<dateline_store::CommentView>,
) -> Result<String, PageError> {
    let comments = thread::block(state, &article, comments_page, form, pending).await?;
    render_page(state, article, Some(comments), true).await
}

/// A newsroom preview: the page as readers will see it, without comments,
/// view counting or an address of its own, marked as a preview and kept out
/// of search engines.
pub async fn render_preview(
    state: &AppState,
    article: ArticleView,
    live: bool,
) -> Result<String, PageError> {
    render_page(state, article, None, live).await
}

/// `live`: the article is published (a preview of a draft says it is not).
async fn render_page(
    state: &AppState,
    article: ArticleView,
    comments: Option<ContextValue>,
    live: bool,
) -> Result<String, PageError> {
    let preview = comments.is_none();
    let lang = article.language;
    let style = state.app.site();
    let dateline = article.dateline_place.as_deref().map(|place| {
        let place = if style.dateline_capitals {
            place.to_uppercase()
        } else {
            place.to_string()
        };
        state.renderer.dateline(
            lang,
            &place,
            article.dateline_date,
            article.dateline_agency.as_deref(),
        )
    });
    // Run in: the dateline opens the first paragraph, when the body opens
    // with one (not with a heading, a quote or a list).
    let body_rest = (style.dateline_run_in && dateline.is_some())
        .then(|| article.body_html.as_str().strip_prefix("<p>"))
        .flatten()
        .map(str::to_string);
    let updated = article.notes.last().map(|n| n.at);
    let around = dateline_app::reading::article::around(&state.app, &article)
        .await
        .map_err(|e| PageError::from_store(lang, e))?;
    let translations = &around.translations;
    // The language switcher leads to this story where it exists in a
    // language, and to that language's front page where it does not.
    let switch: std::collections::BTreeMap<&str, &str> = translations
        .iter()
        .map(|(l, path, _)| (l.code(), path.as_str()))
        .collect();
    let alternates: Vec<_> = std::iter::once((lang, article.path.clone()))
        .chain(translations.iter().map(|(l, p, _)| (*l, p.clone())))
        .map(|(l, p)| context! { code => l.code(), href => format!("{}{}", state.config.base_url, p) })
        .collect();
    let also_in: Vec<_> = translations
        .iter()
        .map(|(l, p, headline)| context! { code => l.code(), name => l.native_name(), path => p, headline => headline })
        .collect();
    let image = around.image.as_ref().and_then(|m| picture(state, m));
    let audio = around.audio.as_ref().map(sound);
    // An episode names its programme beside the player.
    let programme = around
        .programme
        .as_ref()
        .map(|p| context! { slug => p.slug, name => p.name });
    let image_url = image
        .as_ref()
        .and_then(|i| i.get_attr("abs_src").ok())
        .and_then(|v| v.as_str().map(str::to_string));
    let structured_data = structured_data(
        state,
        crate::view::organization(state).await,
        &article,
        dateline.as_deref(),
        image_url.as_deref(),
    );
    let dateline_app::reading::article::Around {
        related,
        more_from,
        section_latest,
        most_viewed,
        ..
    } = around;
    let base = view::base(state, lang, Some(&article.path)).await;
    state
        .renderer
        .render(
            "article.html",
            context! {
                title => format!("{} · {}", article.headline, state.app.site_name()),
                description => summary(&article),
                dateline,
                body_rest,
                updated => updated.is_some(),
                current_section => article.section_slug.clone(),
                comments,
                structured_data,
                switch,
                alternates,
                also_in,
                image,
                audio,
                programme,
                related,
                more_from,
                section_latest,
                share_url => format!("{}{}", state.config.base_url, article.path),
                most_viewed,
                view_beacon => (!preview).then(|| format!("/views/{}", article.id)),
                preview,
                live,
                noindex => preview,
                article,
                ..base
            },
        )
        .map_err(|e| PageError::internal(lang, e))
}

/// The lead picture's `<img>`: its renditions as `srcset`, and the one
/// at least 640 pixels wide (else the largest) as `src`.
fn picture(state: &AppState, m: &dateline_store::MediaItem) -> Option<ContextValue> {
    use crate::media_files::path;
    let srcset: Vec<String> = m
        .renditions
        .iter()
        .map(|(variant, width)| format!("{} {width}w", path(m, variant)))
        .collect();
    let src = m
        .renditions
        .iter()
        .find(|(_, w)| *w >= 640)
        .or(m.renditions.last())
        .map(|(v, _)| path(m, v))?;
    Some(context! {
        abs_src => format!("{}{src}", state.config.base_url),
        src, srcset => srcset.join(", "), width => m.width, height => m.height,
        alt => m.alt_text.clone().unwrap_or_default(), caption => m.caption, credit => m.credit,
    })
}

/// The programme's player: the sound file and its length.
fn sound(m: &dateline_store::MediaItem) -> ContextValue {
    let ms = m.duration_ms.unwrap_or(0);
    context! {
        src => crate::media_files::path(m, "original"),
        duration => format!("{}:{:02}", ms / 60_000, (ms / 1000) % 60),
        content_type => m.content_type,
        length => m.byte_size,
    }
}
