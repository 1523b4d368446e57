//! Paginated lists: a section, a tag, an author.

use crate::error::PageError;
use crate::extract::{self, PageQuery};
use crate::{view, AppState};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use dateline_app::reading::lists::SectionPage;
use dateline_core::Language;
use dateline_render::context;
use dateline_store::{ArticleCard, Page};
use std::sync::Arc;

/// `/en/world` goes to `/en/world/`.
pub async fn section_add_slash(
    Path((lang, section)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let lang = extract::language(&lang)?;
    Ok(super::moved(&format!("/{}/{section}/", lang.code())))
}

pub async fn section(
    State(state): State<Arc<AppState>>,
    Path((lang, slug)): Path<(String, String)>,
    Query(q): Query<PageQuery>,
) -> Result<Response, PageError> {
    let lang = extract::language(&lang)?;
    let n = q.number(lang)?;
    let page = dateline_app::reading::lists::section(&state.app, lang, &slug, n)
        .await
        .map_err(|e| PageError::from_store(lang, e))?;
    let (section, list, versions) = match page {
        SectionPage::Found {
            section,
            list,
            versions,
        } => (section, list, versions),
        SectionPage::MovedTo(current) => {
            let query = if n > 1 {
                format!("?page={n}")
            } else {
                String::new()
            };
            return Ok(moved_to(lang, &current, &query));
        }
    };
    let base_path = format!("/{}/{}/", lang.code(), section.slug);
    // The same section in the other languages, for the switcher and hreflang.
    let others: Vec<(Language, String)> = versions
        .into_iter()
        .map(|(l, slug)| (l, format!("/{}/{slug}/", l.code())))
        .collect();
    render_list(
        &state,
        lang,
        &base_path,
        &section.name,
        None,
        n,
        list,
        Some(&section.slug),
        &others,
    )
    .await
}

/// A section page or feed asked for under a slug its section no longer
/// has (renamed, or merged into another when it was deleted): 301 to the
/// same `rest` under the current slug.
pub(crate) fn moved_to(lang: Language, current: &str, rest: &str) -> Response {
    super::moved_keeping_query(&format!("/{}/{current}/", lang.code()), rest)
}

pub async fn tag(
    State(state): State<Arc<AppState>>,
    Path((lang, slug)): Path<(String, String)>,
    Query(q): Query<PageQuery>,
) -> Result<Response, PageError> {
    let lang = extract::language(&lang)?;
    let n = q.number(lang)?;
    let (tag, list) = dateline_app::reading::lists::tag(&state.app, lang, &slug, n)
        .await
        .map_err(|e| PageError::from_store(lang, e))?;
    let heading = state
        .renderer
        .message(lang, "tag-title", &[("tag", tag.name.into())]);
    let base_path = format!("/{}/tag/{}", lang.code(), tag.slug);
    render_list(&state, lang, &base_path, &heading, None, n, list, None, &[]).await
}

pub async fn author(
    State(state): State<Arc<AppState>>,
    Path((lang, slug)): Path<(String, String)>,
    Query(q): Query<PageQuery>,
) -> Result<Response, PageError> {
    let lang = extract::language(&lang)?;
    let n = q.number(lang)?;
    let (author, list) = dateline_app::reading::lists::author(&state.app, lang, &slug, n)
        .await
        .map_err(|e| PageError::from_store(lang, e))?;
    let heading = state
        .renderer
        .message(lang, "author-title", &[("author", author.name.into())]);
    let base_path = format!("/{}/author/{}", lang.code(), author.slug);
    render_list(
        &state,
        lang,
        &base_path,
        &heading,
        author.bio.as_deref(),
        n,
        list,
        None,
        &[],
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn render_list(
    state: &AppState,
    lang: Language,
    base_path: &str,
    heading: &str,
    intro: Option<&str>,
    n: i64,
    list: Page<ArticleCard>,
    current_section: Option<&str>,
    // The same list in other languages: (language, path).
    others: &[(Language, String)],
) -> Result<Response, PageError> {
    let pages = ((list.total + super::PER_PAGE - 1) / super::PER_PAGE).max(1);
    if n > pages {
        return Err(PageError::not_found(lang));
    }
    let path = if n > 1 {
        format!("{base_path}?page={n}")
    } else {
        base_path.to_string()
    };
    let title = if n > 1 {
        state.renderer.message(
            lang,
            "page-title-numbered",
            &[("title", heading.to_string().into()), ("page", n.into())],
        )
    } else {
        heading.to_string()
    };
    // Sections and tags have feeds of their own; authors use the language's.
    let feed_base = if base_path.ends_with('/') {
        Some(base_path.to_string())
    } else if base_path.contains("/tag/") {
        Some(format!("{base_path}/"))
    } else {
        None
    };
    let switch: std::collections::BTreeMap<&str, &str> =
        others.iter().map(|(l, p)| (l.code(), p.as_str())).collect();
    // hreflang alternates only where the list exists in other languages.
    let alternates: Vec<_> = if others.is_empty() {
        Vec::new()
    } else {
        std::iter::once((lang, base_path.to_string()))
            .chain(others.iter().cloned())
            .map(|(l, p)| context! { code => l.code(), href => format!("{}{}", state.config.base_url, p) })
            .collect()
    };
    // A section page lists its own most-read articles; the others the
    // language's.
    let most_viewed =
        dateline_app::discovery::views::boxes(&state.app, lang, current_section).await;
    // A section's first page opens with its lead story.
    let section_lead = current_section.is_some() && n == 1;
    let programmes = super::programmes::side_box(state, lang).await;
    let base = view::base(state, lang, Some(&path)).await;
    let html = state
        .renderer
        .render(
            "list.html",
            context! {
                title => format!("{title} · {}", state.app.site_name()),
                description => state.renderer.message(
                    lang,
                    "list-description",
                    &[("title", heading.to_string().into()), ("site", state.app.site_name().into())],
                ),
                heading, intro, articles => list.items, page => n, pages, base => base_path,
                feed_base, switch, alternates,
                current_section, most_viewed, section_lead, programmes, ..base
            },
        )
        .map_err(|e| PageError::internal(lang, e))?;
    Ok(super::front::with_most_viewed(super::paged(html, n)))
}
