//! The front page of each language, and `/` that leads to one.

use super::page;
use crate::error::PageError;
use crate::{extract, view, AppState};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use dateline_render::context;
use serde::Serialize;
use std::collections::HashSet;
use std::sync::Arc;

/// Articles in the "latest" block: a lead and a grid.
const LATEST: i64 = 13;
/// Articles per section block.
const PER_SECTION: usize = 4;

/// `/` goes to the default language's front page.
pub async fn root(State(state): State<Arc<AppState>>) -> Response {
    Redirect::to(&format!("/{}/", state.config.default_language.code())).into_response()
}

/// `/en` goes to `/en/`.
pub async fn add_slash(Path(lang): Path<String>) -> Result<Response, PageError> {
    let lang = extract::language(&lang)?;
    Ok(super::moved(&format!("/{}/", lang.code())))
}

#[derive(Serialize)]
struct Block {
    section: dateline_core::Section,
    articles: Vec<dateline_store::ArticleCard>,
}

pub async fn front(
    State(state): State<Arc<AppState>>,
    Path(lang): Path<String>,
) -> Result<Response, PageError> {
    let lang = extract::language(&lang)?;
    let store = &state.store;
    let latest = store
        .latest(lang, LATEST, 0)
        .await
        .map_err(|e| PageError::from_store(lang, e))?;
    let shown: HashSet<i64> = latest.items.iter().map(|a| a.id).collect();
    let mut blocks = Vec::new();
    for section in store
        .sections(lang)
        .await
        .map_err(|e| PageError::from_store(lang, e))?
    {
        // Fetch a few more than shown so that stories already in "latest"
        // can be skipped without leaving the block short.
        let candidates = store
            .section_articles(
                lang,
                &section.slug,
                (PER_SECTION + LATEST as usize) as i64,
                0,
            )
            .await
            .map_err(|e| PageError::from_store(lang, e))?;
        let articles: Vec<_> = candidates
            .items
            .into_iter()
            .filter(|a| !shown.contains(&a.id))
            .take(PER_SECTION)
            .collect();
        if !articles.is_empty() {
            blocks.push(Block { section, articles });
        }
    }
    let path = format!("/{}/", lang.code());
    let base = view::base(&state, lang, Some(&path)).await;
    let title = state.renderer.message(
        lang,
        "front-title",
        &[("site", state.config.site_name.clone().into())],
    );
    let html = state
        .renderer
        .render(
            "front.html",
            context! {
                title,
                description => state.renderer.message(
                    lang,
                    "front-description",
                    &[("site", state.config.site_name.clone().into())],
                ),
                latest => latest.items,
                blocks,
                is_front => true,
                ..base
            },
        )
        .map_err(|e| PageError::internal(lang, e))?;
    Ok(page(html))
}
