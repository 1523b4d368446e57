//! The article page.

use super::page;
use crate::error::PageError;
use crate::{extract, view, AppState};
use axum::extract::{Path, State};
use axum::response::Response;
use dateline_render::context;
use dateline_store::PathLookup;
use std::sync::Arc;

pub async fn article(
    State(state): State<Arc<AppState>>,
    Path((lang, section, year, month, day, slug)): Path<(
        String,
        String,
        String,
        String,
        String,
        String,
    )>,
) -> Result<Response, PageError> {
    let lang = extract::language(&lang)?;
    // Rebuilt from the decoded segments: stored paths hold Unicode slugs, the
    // request line holds them percent-encoded.
    let path = format!("/{}/{section}/{year}/{month}/{day}/{slug}", lang.code());
    let article = match state.store.lookup_path(&path).await {
        Ok(PathLookup::Article(a)) => a,
        Ok(PathLookup::Redirect(to)) => return Ok(super::moved(&to)),
        Ok(PathLookup::Gone) => return Err(PageError::gone(lang)),
        Err(e) => return Err(PageError::from_store(lang, e)),
    };
    // An article is read in its own language, whatever the path claimed.
    let lang = article.language;
    let dateline = article.dateline_place.as_deref().map(|place| {
        state.renderer.dateline(
            lang,
            place,
            article.dateline_date,
            article.dateline_agency.as_deref(),
        )
    });
    let updated = article.notes.last().map(|n| n.at);
    let base = view::base(&state, lang, Some(&article.path)).await;
    let html = state
        .renderer
        .render(
            "article.html",
            context! {
                title => format!("{} · {}", article.headline, state.config.site_name),
                description => article.standfirst.clone(),
                dateline,
                updated => updated.is_some(),
                current_section => article.section_slug.clone(),
                article,
                ..base
            },
        )
        .map_err(|e| PageError::internal(lang, e))?;
    Ok(page(html))
}
